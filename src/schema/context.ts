/**
 * What resolvers receive as `context`. The schema layer only knows these interfaces; `src/server/` implements
 * them (SQLite store, bounded pubsub). To give resolvers a new service, add an optional field here and fill it
 * in through `createApp({ modules })` (see src/server/app.ts).
 */
import type { PlanSearchProgress } from '../core/search.js';
import type {
  BudgetPlanService,
  ValidationSuiteService,
  CampaignService,
  PlanSearchService,
  SimulationEventRecord,
  SimulationService,
} from '../services/contracts.js';

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
  /** Replica → workers: stop a job (simulation or search, by its id) wherever it runs (simulation-jobs.ts, search-jobs.ts). */
  jobControl: { id: string; action: 'cancel' };
  /** Progress of a plan search run by a worker, keyed by its job id (src/server/search-jobs.ts). */
  searchProgress: PlanSearchProgress;
  /** Campaign results were written (keyed by campaign id; seedsDone -1: it ended otherwise). src/server/campaigns.ts */
  campaignProgress: { campaignId: string; seedsDone: number };
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

/** Who sends a request (src/server/auth.ts fills it from `Authorization: Bearer <key>`). */
export interface RequestCaller {
  /** The key's id (a digest, never the key), or null without a key. */
  keyId: string | null;
  name: string | null;
  admin: boolean;
  /** A key was sent but matches none configured. */
  invalidKey: boolean;
}

export interface SchemaContext {
  store: SavedItemsStore;
  /** Set per request by the server (API keys); absent in tests that build a context by hand. */
  caller?: RequestCaller;
  /** The request's id (x-request-id in and out), for logs. */
  requestId?: string;
  pubsub: BoundedPubSub<PubSubTopics>;
  /** Simulation runs (installed by simulationModule() in src/server/simulation-module.ts). */
  simulations?: SimulationService;
  /** Plan searches off the main thread (installed by searchModule() in src/server/search-runner.ts); without it
   * src/schema/search.ts runs them inline. */
  planSearches?: PlanSearchService;
  /** Monte Carlo campaigns of many layouts × seeds (installed by campaignModule() in src/server/campaigns.ts). */
  campaigns?: CampaignService;
  /** Budget plans off the main thread (installed by budgetModule() in src/server/budget-runner.ts); without it
   * src/schema/budget.ts runs them inline. */
  budgetPlans?: BudgetPlanService;
  /** The validation suite off the main thread (installed by validationModule() in src/server/validation-runner.ts);
   * without it src/schema/validation-suite.ts computes it inline. */
  validationSuite?: ValidationSuiteService;
}
