/** The bounded pubsub: per-subscriber ring buffer, drop-oldest with an exact count, keys, abort and close. */
import { describe, expect, it } from 'vitest';
import { createBoundedPubSub } from '../../src/server/pubsub.js';

interface Topics {
  tick: number;
}

describe('createBoundedPubSub', () => {
  it('delivers in order to every subscriber', async () => {
    const pubsub = createBoundedPubSub<Topics>();
    const a = pubsub.subscribe('tick');
    const b = pubsub.subscribe('tick');
    pubsub.publish('tick', 1);
    pubsub.publish('tick', 2);
    expect((await a.next()).value).toEqual({ payload: 1, missed: 0 });
    expect((await a.next()).value).toEqual({ payload: 2, missed: 0 });
    expect((await b.next()).value).toEqual({ payload: 1, missed: 0 });
    expect(pubsub.subscriberCount()).toBe(2);
  });

  it('keeps only the newest `bufferSize` messages of a slow subscriber and says how many it dropped', async () => {
    const pubsub = createBoundedPubSub<Topics>();
    const slow = pubsub.subscribe('tick', { bufferSize: 3 });
    for (let i = 1; i <= 1_000_000; i++) pubsub.publish('tick', i);
    expect((await slow.next()).value).toEqual({ payload: 999_998, missed: 999_997 });
    expect((await slow.next()).value).toEqual({ payload: 999_999, missed: 0 });
    expect((await slow.next()).value).toEqual({ payload: 1_000_000, missed: 0 });
  });

  it('wakes a waiting reader directly and separates keys', async () => {
    const pubsub = createBoundedPubSub<Topics>();
    const one = pubsub.subscribe('tick', { key: 'one' });
    const pending = one.next();
    pubsub.publish('tick', 7, 'two');
    pubsub.publish('tick', 8, 'one');
    pubsub.publish('tick', 9);
    expect((await pending).value).toEqual({ payload: 8, missed: 0 });
  });

  it('return(), abort and close() end subscriptions and free their slots', async () => {
    const pubsub = createBoundedPubSub<Topics>();
    const returned = pubsub.subscribe('tick');
    const waiting = returned.next();
    await returned.return!();
    expect(await waiting).toEqual({ value: undefined, done: true });
    const controller = new AbortController();
    const aborted = pubsub.subscribe('tick', { signal: controller.signal });
    controller.abort();
    expect(await aborted.next()).toEqual({ value: undefined, done: true });
    const closed = pubsub.subscribe('tick');
    expect(pubsub.subscriberCount()).toBe(1);
    pubsub.close();
    expect(await closed.next()).toEqual({ value: undefined, done: true });
    expect(pubsub.subscriberCount()).toBe(0);
    pubsub.publish('tick', 1); // nobody listens: a no-op
  });
});
