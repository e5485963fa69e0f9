/**
 * `savedItemsChanged`: tells frontends when saved models, clusters or plans are created, changed or deleted, so
 * their lists stay live without polling. Delivered through the bounded pubsub: a client that reads too slowly
 * loses the oldest events and sees `missedEvents > 0` on the next one (then it should refetch its lists).
 */
import { builder } from './builder.js';
import type { PubSubTopics, SavedItemEvent, SchemaContext } from './context.js';
import { SavedItemChangeEnum, SavedItemKindEnum } from './enums.js';

/** Events buffered per subscriber before the oldest are dropped. */
export const SAVED_ITEMS_BUFFER = 100;

export function publishSavedItemChange(ctx: SchemaContext, event: PubSubTopics['savedItemsChanged']): void {
  ctx.pubsub.publish('savedItemsChanged', event);
}

export const SavedItemEventRef = builder.objectRef<SavedItemEvent>('SavedItemEvent').implement({
  description: 'A saved item was created, updated or deleted.',
  fields: (t) => ({
    kind: t.field({ type: SavedItemKindEnum, description: 'Which kind of item.', resolve: (e) => e.kind }),
    id: t.exposeID('id', { description: 'The item\'s id (`m_…`, `c_…` or `p_…`).' }),
    name: t.exposeString('name', { description: 'The item\'s name (as it was, for deletions).' }),
    change: t.field({ type: SavedItemChangeEnum, description: 'What happened.', resolve: (e) => e.change }),
    missedEvents: t.exposeInt('missedEvents', {
      description: 'Events this subscriber lost because it read too slowly (normally 0; if > 0, refetch the lists).',
    }),
  }),
});

builder.subscriptionField('savedItemsChanged', (t) =>
  t.field({
    type: SavedItemEventRef,
    description: 'Live changes to saved items, optionally only some kinds.',
    args: {
      kinds: t.arg({ type: [SavedItemKindEnum], description: 'Only these kinds (default: all).' }),
    },
    subscribe: (_root, { kinds }, ctx) => {
      const wanted = kinds && kinds.length > 0 ? new Set(kinds) : undefined;
      let missed = 0;
      return mapDeliveries(ctx.pubsub.subscribe('savedItemsChanged', { bufferSize: SAVED_ITEMS_BUFFER }), ({ payload, missed: dropped }) => {
        missed += dropped;
        if (wanted && !wanted.has(payload.kind)) return undefined;
        const event = { ...payload, missedEvents: missed };
        missed = 0;
        return event;
      });
    },
    resolve: (event) => event,
  }),
);

/**
 * Maps (and filters, when `map` returns undefined) an async iterator without an async generator: a generator's
 * return() waits for its pending await, so a client that leaves while no event is coming would never release its
 * pubsub subscription. Here return() reaches the source at once.
 */
export function mapDeliveries<T, U>(source: AsyncIterableIterator<T>, map: (value: T) => U | undefined): AsyncIterableIterator<U> {
  const iterator: AsyncIterableIterator<U> = {
    async next() {
      for (;;) {
        const result = await source.next();
        if (result.done) return { value: undefined, done: true };
        const mapped = map(result.value);
        if (mapped !== undefined) return { value: mapped, done: false };
      }
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    async throw(error?: unknown) {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
