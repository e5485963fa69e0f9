/**
 * The application pubsub across processes (`REDIS_URL`): messages travel through yoga's Redis event target
 * (@graphql-yoga/redis-event-target on two ioredis connections, one publishing, one subscribed), and each process
 * fans them out to its own subscribers through the bounded in-process pubsub (pubsub.ts) — so every subscriber
 * keeps its bounded ring buffer and overflow count exactly as in the embedded mode.
 *
 * A process listens on a Redis channel only while it has a subscriber on it (onChannel). A publish goes to Redis
 * only; this process's own subscribers get it back from Redis like everyone else's, so all replicas see one order
 * per publisher. Channels are `<prefix><topic>[:<key>]`: one Redis can serve several deployments (or test runs).
 */
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';
import type { BoundedPubSub } from '../schema/context.js';
import { channelName, createBoundedPubSub } from './pubsub.js';

export interface RedisSettings {
  url: string;
  /** Prefix of every Redis key and channel this deployment uses (default `zeroplan:`). */
  prefix: string;
}

export const DEFAULT_REDIS_PREFIX = 'zeroplan:';

export interface RedisBoundedPubSub<Topics extends object> extends BoundedPubSub<Topics> {
  /** Ends subscriptions and closes both Redis connections (after sending what was published). */
  quit(): Promise<void>;
}

export function createRedisBoundedPubSub<Topics extends object>(
  settings: RedisSettings,
  defaults: { bufferSize?: number } = {},
): RedisBoundedPubSub<Topics> {
  const publishClient = new Redis(settings.url, { lazyConnect: false, maxRetriesPerRequest: null });
  const subscribeClient = new Redis(settings.url, { lazyConnect: false, maxRetriesPerRequest: null });
  // Connection errors are retried by ioredis; without a listener each would be an unhandled 'error' event.
  for (const client of [publishClient, subscribeClient]) client.on('error', () => undefined);
  const target = createRedisEventTarget<CustomEvent>({ publishClient, subscribeClient });
  const listeners = new Map<string, (event: CustomEvent) => void>();

  const local = createBoundedPubSub<Topics>({
    ...defaults,
    onChannel(channel, open) {
      const redisChannel = settings.prefix + channel;
      if (open) {
        const colon = channel.indexOf(':');
        const topic = (colon < 0 ? channel : channel.slice(0, colon)) as keyof Topics & string;
        const key = colon < 0 ? undefined : channel.slice(colon + 1);
        const listener = (event: CustomEvent): void => local.publish(topic, event.detail as Topics[typeof topic], key);
        listeners.set(channel, listener);
        target.addEventListener(redisChannel, listener);
      } else {
        const listener = listeners.get(channel);
        listeners.delete(channel);
        if (listener) target.removeEventListener(redisChannel, listener);
      }
    },
  });

  let closed = false;
  return {
    publish(topic, payload, key) {
      if (closed) return;
      target.dispatchEvent(new CustomEvent(settings.prefix + channelName(topic, key), { detail: payload }));
    },
    subscribe: (topic, options) => local.subscribe(topic, options),
    subscriberCount: () => local.subscriberCount(),
    close() {
      local.close();
    },
    async quit() {
      local.close();
      if (closed) return;
      closed = true;
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
