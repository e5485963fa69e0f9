/**
 * Simulations as BullMQ jobs (`WORKERS=external`): replicas enqueue, `npm run worker` processes run them.
 *
 * A job carries only the simulation id; the request is in the shared store. The worker numbers the engine's events
 * itself (1, 2, 3… in engine order) and writes them idempotently by (simulation id, seq), then publishes the ones
 * that were new. The engine is deterministic for a seed, so when a worker dies mid-run the job — recovered by
 * BullMQ's stalled-job check once its lock expires, or retried with backoff after an error — runs again from
 * its seed on another worker: it rewrites seqs 1…k (no-ops, not published again) and continues with k + 1.
 * Subscribers therefore see every seq once, with no gap (replay reads the shared store; see replayThenLive).
 *
 * Cancellation: the replica ends the simulation in the store (terminal status + CANCELLED event, atomically),
 * removes a waiting job, and publishes `jobControl` so the worker running it aborts at once; a worker that
 * misses the message stops at its next write (the store refuses writes to an ended simulation).
 */
import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { BoundedPubSub, PubSubTopics } from '../schema/context.js';
import type { SimulationEventRecord } from '../services/contracts.js';
import type { SimulationEngineEvent } from '../simulation/engine.js';
import { MAX_STORED_EVENTS_PER_SIMULATION } from '../simulation/event-budget.js';
import { SimulationRunner, type RunnerOutcome } from '../simulation/runner.js';
import type { RedisSettings } from './redis-pubsub.js';
import { TERMINAL_STATUSES, type NewSimulationEvent, type SimulationStore } from './simulation-store.js';

export const SIMULATION_QUEUE = 'simulations';

export interface SimulationJobData {
  id: string;
}

/** Retries after an error (e.g. the database was unreachable): 3 attempts, 1 s then 2 s apart. */
export const SIMULATION_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { count: 1_000 },
  removeOnFail: { count: 1_000 },
} as const;

export function bullConnection(redis: RedisSettings): { connection: ConnectionOptions; prefix: string } {
  // BullMQ opens its own connections from these options; its keys live under `<prefix>bull:`.
  return { connection: { url: redis.url, maxRetriesPerRequest: null } as ConnectionOptions, prefix: `${redis.prefix}bull` };
}

export function createSimulationQueue(redis: RedisSettings): Queue<SimulationJobData> {
  return new Queue<SimulationJobData>(SIMULATION_QUEUE, { ...bullConnection(redis), defaultJobOptions: SIMULATION_JOB_OPTIONS });
}

export function toNewEvent(event: SimulationEngineEvent): NewSimulationEvent {
  const { type, simulatedSeconds, ...data } = event;
  return { type, simulatedSeconds, data };
}

export interface SimulationWorkerOptions {
  redis: RedisSettings;
  store: SimulationStore;
  pubsub: BoundedPubSub<PubSubTopics>;
  /** Jobs this process runs at once (each in its own worker thread). Default 2. */
  concurrency?: number;
  /** How long a job's lock lasts without renewal: a dead worker's job is recovered after about this long. */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs. Default half the lock duration. */
  stalledIntervalMs?: number;
  /** Called with each job id when this process starts running it (logs, tests). */
  onJobStart?(id: string, attempt: number): void;
}

interface ActiveRun {
  nextSeq: number;
  chain: Promise<void>;
  stopped: boolean;
  finish(result: string): void;
  fail(error: unknown): void;
}

export interface SimulationWorkerHandle {
  worker: Worker<SimulationJobData>;
  /** Stops taking jobs; running ones are abandoned to be recovered elsewhere (force) or awaited. */
  close(force?: boolean): Promise<void>;
}

/**
 * Cancellation from any replica (`jobControl`): aborts the job here if this process runs it (BullMQ passes the
 * abort to the processor's signal). Also silences the worker's connection errors (ioredis retries them).
 * Resolves to a function that stops listening.
 */
export function abortOnCancel(pubsub: BoundedPubSub<PubSubTopics>, worker: Pick<Worker, 'cancelJob' | 'on'>): () => Promise<void> {
  worker.on('error', () => undefined);
  const control = pubsub.subscribe('jobControl', { bufferSize: 1_000 });
  void (async () => {
    for await (const { payload } of control) if (payload.action === 'cancel') worker.cancelJob(payload.id, 'cancelled');
  })();
  return async () => {
    await control.return?.();
  };
}

export function startSimulationWorker(options: SimulationWorkerOptions): SimulationWorkerHandle {
  const { store, pubsub } = options;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 2));
  const lockDuration = options.lockDurationMs ?? 30_000;
  const runs = new Map<string, ActiveRun>();

  const publish = (records: readonly SimulationEventRecord[]): void => {
    for (const r of records) pubsub.publish('simulationEvents', r, r.simulationId);
  };
  const fail = async (id: string, message: string): Promise<void> => {
    const event = await store.terminate(id, 'FAILED', { error: message }, { type: 'FAILED', data: { message } });
    if (event) publish([event]);
  };

  const runner = new SimulationRunner(
    {
      onStart: () => undefined,
      onEvents(id, events) {
        const run = runs.get(id);
        if (!run) return;
        const first = run.nextSeq;
        run.nextSeq += events.length;
        run.chain = run.chain.then(async () => {
          if (run.stopped) return;
          if (first + events.length - 1 > MAX_STORED_EVENTS_PER_SIMULATION) {
            run.stopped = true;
            runner.cancel(id);
            await fail(id, `more than ${MAX_STORED_EVENTS_PER_SIMULATION} events: lower replicas/detailedReplicas, raise progressIntervalSeconds, or set a horizon`);
            run.finish('failed');
            return;
          }
          const records = events.map((e, i) => ({ simulationId: id, seq: first + i, ...toNewEvent(e) }) as SimulationEventRecord);
          const { written, stopped } = await store.writeEvents(id, records);
          publish(written);
          if (stopped) {
            run.stopped = true;
            runner.cancel(id);
            run.finish('stopped');
          }
        });
        run.chain.catch((error) => run.fail(error));
      },
      onFinish(id, outcome: RunnerOutcome) {
        const run = runs.get(id);
        if (!run) return;
        run.chain = run.chain.then(async () => {
          if (run.stopped) return;
          if (outcome.status === 'COMPLETED') {
            // The engine's COMPLETED event (with the summary) was written with the last batch.
            await store.setStatus(id, 'COMPLETED', { summary: outcome.summary });
            run.finish('completed');
          } else {
            await fail(id, outcome.message);
            run.finish('failed');
          }
        });
        run.chain.catch((error) => run.fail(error));
      },
    },
    { maxConcurrent: concurrency },
  );

  const processor = async (job: Job<SimulationJobData>, _token?: string, signal?: AbortSignal): Promise<string> => {
    const { id } = job.data;
    const rec = await store.get(id);
    if (!rec || TERMINAL_STATUSES.has(rec.status)) return 'skipped';
    options.onJobStart?.(id, job.attemptsMade + 1);
    await store.setStatus(id, 'RUNNING');
    return new Promise<string>((resolve, reject) => {
      const run: ActiveRun = {
        nextSeq: 1,
        chain: Promise.resolve(),
        stopped: false,
        finish: (result) => {
          runs.delete(id);
          resolve(result);
        },
        fail: (error) => {
          run.stopped = true;
          runner.cancel(id);
          runs.delete(id);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      };
      runs.set(id, run);
      signal?.addEventListener(
        'abort',
        () => {
          run.stopped = true;
          runner.cancel(id);
          run.finish('cancelled');
        },
        { once: true },
      );
      runner.submit({ id, ...rec.request.job });
    });
  };

  const worker = new Worker<SimulationJobData>(SIMULATION_QUEUE, processor, {
    ...bullConnection(options.redis),
    concurrency,
    lockDuration,
    stalledInterval: options.stalledIntervalMs ?? Math.max(500, Math.floor(lockDuration / 2)),
    maxStalledCount: 2,
  });
  const stopListening = abortOnCancel(pubsub, worker);
  return {
    worker,
    async close(force = false) {
      await stopListening();
      await worker.close(force);
      await runner.close();
    },
  };
}
