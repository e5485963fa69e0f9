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
import type { PubSubTopics } from '../schema/context.js';
import type {
  SimulationEventRecord,
  SimulationRecord,
  SimulationRequest,
  SimulationService,
} from '../services/contracts.js';
import { badUserInput } from '../schema/error-helpers.js';
import type { SimulationEngineEvent } from '../simulation/engine.js';
import { checkEventBudget, MAX_STORED_EVENTS_PER_SIMULATION } from '../simulation/event-budget.js';
import { SimulationRunner, type RunnerOptions } from '../simulation/runner.js';
import type { AppModule } from './app.js';
import { createSimulationStore, SIMULATION_MIGRATIONS, TERMINAL_STATUSES, type NewSimulationEvent } from './simulation-store.js';

export const SUBSCRIBER_BUFFER = 256;
/**
 * Stored events per simulation at most (≈ 60 MB). start() refuses inputs whose estimate exceeds it
 * (src/simulation/event-budget.ts); a run that still passes it (the estimate is an expectation) fails there.
 */
export const MAX_EVENTS_PER_SIMULATION = MAX_STORED_EVENTS_PER_SIMULATION;
const REPLAY_PAGE = 500;
export const TERMINAL_EVENT_TYPES: ReadonlySet<string> = new Set(['COMPLETED', 'CANCELLED', 'FAILED', 'INTERRUPTED']);

function toNewEvent(event: SimulationEngineEvent): NewSimulationEvent {
  const { type, simulatedSeconds, ...data } = event;
  return { type, simulatedSeconds, data };
}

export function simulationModule(options: RunnerOptions = {}): AppModule {
  return {
    name: 'simulation',
    migrations: SIMULATION_MIGRATIONS,
    setup({ db, pubsub }) {
      const store = createSimulationStore(db);
      store.interruptUnfinished('the server stopped while this simulation was queued or running');

      const publish = (records: SimulationEventRecord[]): void => {
        for (const r of records) pubsub.publish('simulationEvents', r as PubSubTopics['simulationEvents'], r.simulationId);
      };
      const append = (id: string, events: NewSimulationEvent[]): void => publish(store.appendEvents(id, events));

      const runner = new SimulationRunner(
        {
          onStart: (id) => {
            store.setStatus(id, 'RUNNING');
          },
          onEvents: (id, events) => {
            const rec = store.get(id);
            if (rec && rec.lastSeq + events.length > MAX_EVENTS_PER_SIMULATION) {
              runner.cancel(id);
              const message = `more than ${MAX_EVENTS_PER_SIMULATION} events: lower replicas/detailedReplicas, raise progressIntervalSeconds, or set a horizon`;
              store.setStatus(id, 'FAILED', { error: message });
              append(id, [{ type: 'FAILED', simulatedSeconds: lastSimulatedSeconds(id), data: { message } }]);
              return;
            }
            append(id, events.map(toNewEvent));
          },
          onFinish: (id, outcome) => {
            if (outcome.status === 'COMPLETED') {
              // The engine's own COMPLETED event (with the summary) has already been stored and published.
              store.setStatus(id, 'COMPLETED', { summary: outcome.summary });
            } else {
              store.setStatus(id, 'FAILED', { error: outcome.message });
              append(id, [{ type: 'FAILED', simulatedSeconds: lastSimulatedSeconds(id), data: { message: outcome.message } }]);
            }
          },
        },
        options,
      );

      const lastSimulatedSeconds = (id: string): number => {
        const rec = store.get(id);
        if (!rec || rec.lastSeq === 0) return 0;
        return store.events(id, rec.lastSeq - 1, 1)[0]?.simulatedSeconds ?? 0;
      };

      const requireSimulation = (id: string, field = 'id'): SimulationRecord => {
        const rec = store.get(id);
        if (!rec) {
          throw new GraphQLError(`${field} = ${JSON.stringify(id)} was not found: expected the id of a simulation`, {
            extensions: { code: 'NOT_FOUND', field },
          });
        }
        return rec;
      };

      const service: SimulationService = {
        start(request: SimulationRequest, rerunOf?: string) {
          // Pre-flight (also for reruns of requests stored before the check existed): nothing stored or queued.
          const excess = checkEventBudget(request.job.setup, { path: 'input', maxEvents: MAX_EVENTS_PER_SIMULATION });
          if (excess) throw badUserInput(excess.field, excess.value, excess.allowed, excess.message);
          const rec = store.create(request, rerunOf ?? null);
          runner.submit({ id: rec.id, ...request.job });
          return store.get(rec.id)!;
        },
        rerun(id: string, pace?: number | null) {
          const rec = requireSimulation(id);
          const request = pace === undefined ? rec.request : { ...rec.request, job: { ...rec.request.job, pace } };
          return service.start(request, rec.id);
        },
        cancel(id: string) {
          const rec = requireSimulation(id);
          if (TERMINAL_STATUSES.has(rec.status)) return rec;
          runner.cancel(id);
          const updated = store.setStatus(id, 'CANCELLED')!;
          append(id, [{ type: 'CANCELLED', simulatedSeconds: lastSimulatedSeconds(id), data: {} }]);
          return store.get(id) ?? updated;
        },
        get: (id) => store.get(id),
        list: (limit) => store.list(limit),
        events: (id, after, limit) => store.events(id, after, limit),
        subscribe(id: string, after: number) {
          requireSimulation(id);
          return replayThenLive(id, after);
        },
      };

      async function* replayThenLive(id: string, after: number): AsyncGenerator<SimulationEventRecord> {
        // Subscribe first, then read the database: whatever is published meanwhile is in both and deduped by seq.
        const live = pubsub.subscribe('simulationEvents', { key: id, bufferSize: SUBSCRIBER_BUFFER });
        let last = Math.max(0, after);
        try {
          // Replay (and catch up after an overflow) from the database, page by page.
          const catchUp = function* (until: number): Generator<SimulationEventRecord, boolean> {
            for (;;) {
              const page = store.events(id, last, Math.min(REPLAY_PAGE, until - last));
              for (const e of page) {
                last = e.seq;
                yield e;
                if (TERMINAL_EVENT_TYPES.has(e.type)) return true;
              }
              if (page.length === 0 || last >= until) return false;
            }
          };
          if (yield* catchUp(Number.MAX_SAFE_INTEGER)) return;
          const rec = store.get(id);
          if (!rec || (TERMINAL_STATUSES.has(rec.status) && rec.lastSeq <= last)) return;
          for await (const delivery of live) {
            const e = delivery.payload as SimulationEventRecord;
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

      return {
        context: { simulations: service },
        async close() {
          const active = runner.activeIds();
          await runner.close();
          for (const id of active) {
            const rec = store.get(id);
            if (!rec || TERMINAL_STATUSES.has(rec.status)) continue;
            store.setStatus(id, 'INTERRUPTED', { error: 'the server stopped while this simulation was queued or running' });
            append(id, [{ type: 'INTERRUPTED', simulatedSeconds: lastSimulatedSeconds(id), data: { reason: 'server shutdown' } }]);
          }
        },
      };
    },
  };
}
