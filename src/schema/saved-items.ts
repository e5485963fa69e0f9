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
    subscribe: async function* (_root, { kinds }, ctx) {
      const wanted = kinds && kinds.length > 0 ? new Set(kinds) : undefined;
      const deliveries = ctx.pubsub.subscribe('savedItemsChanged', { bufferSize: SAVED_ITEMS_BUFFER });
      let missed = 0;
      try {
        for await (const { payload, missed: dropped } of deliveries) {
          missed += dropped;
          if (wanted && !wanted.has(payload.kind)) continue;
          yield { ...payload, missedEvents: missed };
          missed = 0;
        }
      } finally {
        await deliveries.return?.();
      }
    },
    resolve: (event) => event,
  }),
);
