/**
 * What resolvers receive as `context`. The schema layer only knows these interfaces; `src/server/` implements
 * them (SQLite store, bounded pubsub). To give resolvers a new service, add an optional field here and fill it
 * in through `createApp({ modules })` (see src/server/app.ts).
 */
import type { SimulationEventRecord, SimulationService } from './simulation.js';

/** The kinds of user-saved items. Presets are not saved items: they live in the core and are read-only. */
export type SavedItemKind = 'MODEL' | 'CLUSTER' | 'PLAN';

/** One saved row: `data` is the kind's JSON document (see model.ts / cluster.ts / plan.ts for each shape). */
export interface SavedRecord<T = unknown> {
  id: string;
  kind: SavedItemKind;
  name: string;
  data: T;
  /** ISO-8601 UTC timestamps set by the store. */
  createdAt: string;
  updatedAt: string;
  /** The API key that created the item (null: created without a key, or before keys existed). Set on insert only. */
  ownerKeyId: string | null;
}

/**
 * Persistence for saved models, clusters and plans: SQLite (src/server/store.ts) or PostgreSQL
 * (src/server/pg-store.ts). Asynchronous so that a networked database fits; every call is one statement.
 */
export interface SavedItemsStore {
  list<T>(kind: SavedItemKind): Promise<SavedRecord<T>[]>;
  get<T>(kind: SavedItemKind, id: string): Promise<SavedRecord<T> | undefined>;
  insert<T>(kind: SavedItemKind, name: string, data: T, ownerKeyId: string | null): Promise<SavedRecord<T>>;
  /** Resolves to undefined when no row has that id. */
  update<T>(kind: SavedItemKind, id: string, name: string, data: T): Promise<SavedRecord<T> | undefined>;
  /** Resolves to false when no row has that id. */
  delete(kind: SavedItemKind, id: string): Promise<boolean>;
}

export type SavedItemChange = 'CREATED' | 'UPDATED' | 'DELETED';

export interface SavedItemEvent {
  kind: SavedItemKind;
  id: string;
  name: string;
  change: SavedItemChange;
  /** Events this subscriber missed because its buffer overflowed (0 normally); see pubsub.ts. */
  missedEvents: number;
}

/** Topics of the application pubsub and their payloads. Add a topic here to publish a new event family. */
export interface PubSubTopics {
  savedItemsChanged: Omit<SavedItemEvent, 'missedEvents'>;
  /** Stored simulation events, keyed by simulation id (src/server/simulation-module.ts). */
  simulationEvents: SimulationEventRecord;
}

/** One delivered message: the payload and how many earlier messages this subscriber lost to overflow. */
export interface Delivery<T> {
  payload: T;
  /** Messages dropped (oldest first) since the previous delivery because the subscriber read too slowly. */
  missed: number;
}

/**
 * In-process publish/subscribe with a bounded buffer per subscriber: a slow subscriber loses its oldest
 * undelivered messages (and is told how many) instead of growing memory or blocking publishers.
 * `key` narrows a topic (e.g. one simulation id).
 */
export interface BoundedPubSub<Topics extends object> {
  publish<K extends keyof Topics & string>(topic: K, payload: Topics[K], key?: string): void;
  subscribe<K extends keyof Topics & string>(
    topic: K,
    options?: { key?: string; bufferSize?: number; signal?: AbortSignal },
  ): AsyncIterableIterator<Delivery<Topics[K]>>;
  /** Live subscriptions over all topics (for tests, metrics and shutdown). */
  subscriberCount(): number;
  /** Ends every subscription (server shutdown). */
  close(): void;
}

export interface SchemaContext {
  store: SavedItemsStore;
  pubsub: BoundedPubSub<PubSubTopics>;
  /** Simulation runs (installed by simulationModule() in src/server/simulation-module.ts). */
  simulations?: SimulationService;
}
