/**
 * The simulation service as an app module: SQLite store + worker runner + live fan-out through the app's bounded
 * pubsub. Install with `createApp({ modules: [simulationModule()] })`.
 *
 * Event flow: worker batch → one transaction assigns seq 1, 2, 3… and stores the batch → each stored event is
 * published on `simulationEvents:<id>`. Both steps run on the main thread back to back, so anything a subscriber
 * reads from the database plus what it then receives live has no gap and no duplicate (it dedupes by seq).
 *
 * Backpressure (docs/simulation.md): each subscriber's live buffer holds at most SUBSCRIBER_BUFFER events; when a
 * slow client overflows it, the oldest are dropped from memory and the subscriber re-reads the missing seq range
 * from the database, page by page. So every seq still arrives in order (terminal events included), memory stays
 * bounded, and neither the engine nor other subscribers ever wait for it. A client that disconnects ends its
 * iterator at once (graphql-ws / SSE call return()), which unsubscribes it.
 * Fate rule: a simulation keeps running when subscribers leave (its events are persisted; reconnect with `after`);
 * only cancelSimulation (or server shutdown → INTERRUPTED) stops it.
 */
import { GraphQLError } from 'graphql';
import type { BoundedPubSub, PubSubTopics } from '../schema/context.js';
import type {
  SimulationEventRecord,
  SimulationRecord,
  SimulationRequest,
  SimulationService,
} from '../services/contracts.js';
import { badUserInput, toGraphQLError } from '../schema/error-helpers.js';
import { checkEventBudget, MAX_STORED_EVENTS_PER_SIMULATION } from '../simulation/event-budget.js';
import { SimulationRunner, type RunnerOptions } from '../simulation/runner.js';
import type { Queue } from 'bullmq';
import type { AppModule, AppModuleInstance } from './app.js';
import { createSimulationQueue, toNewEvent, type SimulationJobData } from './simulation-jobs.js';
import { takeTurn } from './fair-share.js';
import { createSharedPageReader, SHARED_PAGE_EVENTS } from './replay-pages.js';
import {
  createSimulationStore,
  SIMULATION_MIGRATIONS,
  TERMINAL_EVENT_TYPES,
  TERMINAL_STATUSES,
  type NewSimulationEvent,
  type SimulationStore,
} from './simulation-store.js';

export const SUBSCRIBER_BUFFER = 256;
/**
 * Stored events per simulation at most (≈ 60 MB). start() refuses inputs whose estimate exceeds it
 * (src/simulation/event-budget.ts); a run that still passes it (the estimate is an expectation) fails there.
 */
export const MAX_EVENTS_PER_SIMULATION = MAX_STORED_EVENTS_PER_SIMULATION;
/** Events read per database page while replaying (pages shared by subscribers: replay-pages.ts). */
const REPLAY_PAGE = SHARED_PAGE_EVENTS;
/**
 * Events a replaying subscriber handles per fair-share turn (fair-share.ts): a turn is ≈ 10 µs per event, far
 * below the 4 ms slice, and the turn's messages to one socket leave in one write (ws-batching.ts).
 */
export const REPLAY_EVENTS_PER_TURN = 32;
export { TERMINAL_EVENT_TYPES };
/** With live events silent this long, a subscriber re-reads the store (a pub/sub message lost in transit). */
export const IDLE_RECHECK_MS = 1_000;

/**
 * Runs `task`s for the same key one after another (in call order), different keys concurrently. The store is
 * asynchronous, so without this a batch's append could overtake an earlier one's, or a terminal event be stored
 * before the last batch — seq order must match engine order.
 */
export function createKeyedSerialQueue(onError: (error: unknown) => void): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, task) => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(task);
    const tail = run.catch(onError);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}

export function simulationModule(options: RunnerOptions = {}): AppModule {
  return {
    name: 'simulation',
    migrations: SIMULATION_MIGRATIONS,
    setup({ db, pubsub, stores, redis, workers }) {
      const store = stores?.simulations ?? createSimulationStore(db);
      // External workers: jobs outlive this replica (they are in Redis, run elsewhere), so nothing is interrupted.
      if (workers === 'external' && redis) return externalSimulations(store, pubsub, createSimulationQueue(redis));
      const ready = store.interruptUnfinished('the server stopped while this simulation was queued or running').then(() => undefined);
      const serial = createKeyedSerialQueue((error) => console.error('simulation store write failed', error));

      const publish = (records: SimulationEventRecord[]): void => {
        for (const r of records) pubsub.publish('simulationEvents', r as PubSubTopics['simulationEvents'], r.simulationId);
      };
      const append = async (id: string, events: NewSimulationEvent[]): Promise<void> => publish(await store.appendEvents(id, events));

      /** Ends a not-yet-terminal simulation with `status` and a terminal event of the same type. */
      const finish = async (id: string, status: 'FAILED' | 'CANCELLED' | 'INTERRUPTED', error: string | undefined, data: Record<string, unknown>): Promise<void> => {
        const event = await store.terminate(id, status, error === undefined ? {} : { error }, { type: status, data });
        if (event) publish([event]);
      };

      const runner = new SimulationRunner(
        {
          onStart: (id) => {
            void serial(id, () => store.setStatus(id, 'RUNNING'));
          },
          onEvents: (id, events) => {
            void serial(id, async () => {
              const rec = await store.get(id);
              if (!rec || TERMINAL_STATUSES.has(rec.status)) return;
              if (rec.lastSeq + events.length > MAX_EVENTS_PER_SIMULATION) {
                runner.cancel(id);
                const message = `more than ${MAX_EVENTS_PER_SIMULATION} events: lower replicas/detailedReplicas, raise progressIntervalSeconds, or set a horizon`;
                await finish(id, 'FAILED', message, { message });
                return;
              }
              await append(id, events.map(toNewEvent));
            });
          },
          onFinish: (id, outcome) => {
            void serial(id, async () => {
              if (outcome.status === 'COMPLETED') {
                // The engine's own COMPLETED event (with the summary) has already been stored and published.
                await store.setStatus(id, 'COMPLETED', { summary: outcome.summary });
              } else {
                await finish(id, 'FAILED', outcome.message, { message: outcome.message });
              }
            });
          },
        },
        options,
      );

      const requireSimulation = (id: string): Promise<SimulationRecord> => requireStored(store, id);

      const service: SimulationService = {
        async start(request: SimulationRequest, rerunOf?: string, ownerKeyId?: string | null) {
          const rec = await createChecked(store, request, rerunOf, ownerKeyId);
          runner.submit({ id: rec.id, ...request.job });
          // After a synchronous onStart's write (if the runner had a free slot), so the status is current.
          return (await serial(rec.id, () => store.get(rec.id))) ?? rec;
        },
        rerun: (id, pace, ownerKeyId) => rerun(service, store, id, pace, ownerKeyId),
        async cancel(id: string) {
          const rec = await requireSimulation(id);
          if (TERMINAL_STATUSES.has(rec.status)) return rec;
          runner.cancel(id);
          await serial(id, () => finish(id, 'CANCELLED', undefined, {}));
          return (await store.get(id)) ?? rec;
        },
        ...readers(store, pubsub),
      };

      return {
        context: { simulations: service },
        ready,
        health: () => ({ ok: true, running: runner.runningCount(), queued: runner.queuedCount() }),
        async close() {
          const active = runner.activeIds();
          await runner.close();
          for (const id of active) {
            await serial(id, () =>
              finish(id, 'INTERRUPTED', 'the server stopped while this simulation was queued or running', { reason: 'server shutdown' }),
            );
          }
        },
      };
    },
  };
}

/** Pre-flight (also for reruns of requests stored before the check existed), then the stored QUEUED record. */
async function createChecked(
  store: SimulationStore,
  request: SimulationRequest,
  rerunOf: string | undefined,
  ownerKeyId: string | null | undefined,
): Promise<SimulationRecord> {
  const excess = checkEventBudget(request.job.setup, { path: 'input', maxEvents: MAX_EVENTS_PER_SIMULATION });
  // A service error (callers outside GraphQL see it too): already the coded GraphQL error the schema would give.
  if (excess) throw toGraphQLError(badUserInput(excess.field, excess.value, excess.allowed, excess.message));
  return store.create(request, rerunOf ?? null, ownerKeyId ?? null);
}

async function requireStored(store: SimulationStore, id: string, field = 'id'): Promise<SimulationRecord> {
  const rec = await store.get(id);
  if (!rec) {
    throw new GraphQLError(`${field} = ${JSON.stringify(id)} was not found: expected the id of a simulation`, {
      extensions: { code: 'NOT_FOUND', field },
    });
  }
  return rec;
}

async function rerun(
  service: SimulationService,
  store: SimulationStore,
  id: string,
  pace: number | null | undefined,
  ownerKeyId: string | null | undefined,
): Promise<SimulationRecord> {
  const rec = await requireStored(store, id);
  const request = pace === undefined ? rec.request : { ...rec.request, job: { ...rec.request.job, pace } };
  return service.start(request, rec.id, ownerKeyId);
}

/** The read side of the service, the same wherever simulations run. */
function readers(store: SimulationStore, pubsub: BoundedPubSub<PubSubTopics>): Pick<SimulationService, 'get' | 'list' | 'events' | 'subscribe'> {
  // Replays of one simulation read its stored events through one shared page cache (replay-pages.ts).
  const pages = createSharedPageReader(store);
  return {
    get: (id) => store.get(id),
    list: (limit) => store.list(limit),
    events: (id, after, limit) => store.events(id, after, limit),
    async subscribe(id: string, after: number) {
      await requireStored(store, id);
      return replayThenLive({ store: pages, pubsub }, id, after);
    },
  };
}

/** The service when simulations run on `npm run worker` processes (simulation-jobs.ts). */
function externalSimulations(store: SimulationStore, pubsub: BoundedPubSub<PubSubTopics>, queue: Queue<SimulationJobData>): AppModuleInstance {
  const service: SimulationService = {
    async start(request, rerunOf, ownerKeyId) {
      const rec = await createChecked(store, request, rerunOf, ownerKeyId);
      // The job id is the simulation id: enqueuing twice is a no-op, and cancel can find it.
      await queue.add('simulate', { id: rec.id }, { jobId: rec.id });
      return rec;
    },
    rerun: (id, pace, ownerKeyId) => rerun(service, store, id, pace, ownerKeyId),
    async cancel(id) {
      const rec = await requireStored(store, id);
      if (TERMINAL_STATUSES.has(rec.status)) return rec;
      const event = await store.terminate(id, 'CANCELLED', {}, { type: 'CANCELLED', data: {} });
      if (event) pubsub.publish('simulationEvents', event, id);
      pubsub.publish('jobControl', { id, action: 'cancel' });
      // A job still waiting is removed; a running (locked) one is aborted by its worker through jobControl.
      await queue.remove(id).catch(() => undefined);
      return (await store.get(id)) ?? rec;
    },
    ...readers(store, pubsub),
  };
  return { context: { simulations: service }, close: () => queue.close() };
}

/** The iterator's next result, or 'idle' if none arrives within `ms` (the pending next() is kept for the next call). */
const pendingNext = new WeakMap<object, Promise<IteratorResult<unknown>>>();
async function nextOrIdle<T>(it: AsyncIterator<T>, ms: number): Promise<IteratorResult<T> | 'idle'> {
  let pending = pendingNext.get(it) as Promise<IteratorResult<T>> | undefined;
  if (!pending) {
    pending = it.next();
    pendingNext.set(it, pending);
  }
  let timer: NodeJS.Timeout | undefined;
  const idle = new Promise<'idle'>((resolve) => {
    timer = setTimeout(() => resolve('idle'), ms);
  });
  const result = await Promise.race([pending, idle]);
  clearTimeout(timer);
  if (result !== 'idle') pendingNext.delete(it);
  return result;
}

/**
 * Stored events with seq > after, then live ones, with no gap and no duplicate; ends after the terminal event.
 * Works with any store and pubsub (one process, or replicas sharing PostgreSQL and Redis): the database is the
 * truth, the pubsub only a fast path, and any gap in what arrives live is re-read from the database.
 */
export async function* replayThenLive(
  services: { store: Pick<SimulationStore, 'events' | 'get'>; pubsub: BoundedPubSub<PubSubTopics> },
  id: string,
  after: number,
): AsyncGenerator<SimulationEventRecord> {
  const { store, pubsub } = services;
  // Subscribe first, then read the database: whatever is published meanwhile is in both and deduped by seq.
  const live = pubsub.subscribe('simulationEvents', { key: id, bufferSize: SUBSCRIBER_BUFFER });
  let last = Math.max(0, after);
  let sinceTurn = REPLAY_EVENTS_PER_TURN - 1;
  try {
    // Replay (and catch up after an overflow or a gap) from the database, page by page.
    const catchUp = async function* (until: number): AsyncGenerator<SimulationEventRecord, boolean> {
      for (;;) {
        const page = await store.events(id, last, Math.min(REPLAY_PAGE, until - last));
        for (const e of page) {
          // Replays share the event loop in slices (fair-share.ts): any number of them never stall other requests.
          // A turn covers a few events, so that what one subscriber sends in a turn leaves in one write.
          if (++sinceTurn >= REPLAY_EVENTS_PER_TURN) {
            sinceTurn = 0;
            const turn = takeTurn();
            if (turn) await turn;
          }
          last = e.seq;
          yield e;
          if (TERMINAL_EVENT_TYPES.has(e.type)) return true;
        }
        if (page.length === 0 || last >= until) return false;
      }
    };
    if (yield* catchUp(Number.MAX_SAFE_INTEGER)) return;
    const rec = await store.get(id);
    if (!rec) return;
    if (TERMINAL_STATUSES.has(rec.status) && rec.lastSeq <= last) return;
    for (;;) {
      const next = await nextOrIdle(live, IDLE_RECHECK_MS);
      if (next === 'idle') {
        // Nothing live for a while: whatever the store has beyond `last` (a lost message, a retried job) comes now.
        if (yield* catchUp(Number.MAX_SAFE_INTEGER)) return;
        const now = await store.get(id);
        if (!now || (TERMINAL_STATUSES.has(now.status) && now.lastSeq <= last)) return;
        continue;
      }
      if (next.done) return;
      const e = next.value.payload as SimulationEventRecord;
      if (e.seq <= last) continue;
      if (e.seq > last + 1 && (yield* catchUp(e.seq - 1))) return;
      last = e.seq;
      yield e;
      if (TERMINAL_EVENT_TYPES.has(e.type)) return;
    }
  } finally {
    await live.return?.();
  }
}
