/**
 * The pubsub over Redis keeps the in-process semantics (skipped without REDIS_URL): delivery across processes'
 * pubsubs in publish order, keys, and the bounded per-subscriber buffer — a slow subscriber keeps the newest
 * `bufferSize` messages and is told exactly how many it lost.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisBoundedPubSub, type RedisBoundedPubSub } from '../../src/server/redis-pubsub.js';
import { REDIS_URL, deleteRedisKeys, uniquePrefix } from './services.js';

interface Topics {
  tick: number;
}

describe.skipIf(!REDIS_URL)('pubsub over Redis', () => {
  const prefix = uniquePrefix('pubsub');
  const opened: RedisBoundedPubSub<Topics>[] = [];
  const open = (): RedisBoundedPubSub<Topics> => {
    const p = createRedisBoundedPubSub<Topics>({ url: REDIS_URL!, prefix });
    opened.push(p);
    return p;
  };
  afterAll(async () => {
    await Promise.all(opened.map((p) => p.quit()));
    await deleteRedisKeys(REDIS_URL!, prefix);
  });
  const settle = (ms = 200) => new Promise((r) => setTimeout(r, ms));

  it('delivers what one replica publishes to subscribers of another, in order, by key', async () => {
    const a = open();
    const b = open();
    const keyed = a.subscribe('tick', { key: 'x' });
    const other = a.subscribe('tick', { key: 'y' });
    await settle(); // the Redis SUBSCRIBE is confirmed asynchronously
    for (let i = 1; i <= 100; i++) b.publish('tick', i, 'x');
    b.publish('tick', -1, 'y');
    const got: number[] = [];
    for (let i = 0; i < 100; i++) got.push((await keyed.next()).value!.payload);
    expect(got).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect((await other.next()).value).toEqual({ payload: -1, missed: 0 });
    await keyed.return!();
    await other.return!();
    expect(a.subscriberCount()).toBe(0);
  });

  it('a slow subscriber keeps the newest bufferSize messages and is told how many it lost', async () => {
    const a = open();
    const b = open();
    const slow = a.subscribe('tick', { bufferSize: 3 });
    await settle();
    for (let i = 1; i <= 1000; i++) b.publish('tick', i);
    await settle(500);
    expect((await slow.next()).value).toEqual({ payload: 998, missed: 997 });
    expect((await slow.next()).value).toEqual({ payload: 999, missed: 0 });
    expect((await slow.next()).value).toEqual({ payload: 1000, missed: 0 });
    await slow.return!();
  });
});
