/**
 * Runs plan searches without blocking the server: small spaces inline, large ones in a worker thread
 * (search-worker.ts) with a time limit, cancellation (AbortSignal → a shared stop flag the search polls) and a
 * cap on concurrent searches. Workers are reused while idle (warm JIT), with heap limits. Under tsx and vitest the
 * worker registers tsx's loader first (src/util/worker-thread.ts).
 */
import type { Worker } from 'node:worker_threads';
import { InvalidInputError } from '../core/errors.js';
import {
  DEFAULT_SEARCH_TIME_LIMIT_SECONDS,
  estimateSearchSpace,
  searchPlans,
  type PlanSearchOptions,
  type PlanSearchOutcome,
  type PlanSearchProgress,
} from '../core/search.js';
import type { ClusterSpec, ModelArchitecture, ModelCounts } from '../core/types.js';
import type { PlanSearchService } from '../services/contracts.js';
import { startWorkerThread } from '../util/worker-thread.js';
import type { AppModule } from './app.js';

/** Everything a search needs, all structured-cloneable. */
export interface SearchJob {
  arch: ModelArchitecture;
  counts: ModelCounts;
  cluster: ClusterSpec;
  options: PlanSearchOptions;
}

/** One job posted to a (reused) worker: the search and its own stop flag. */
export interface WorkerJob {
  job: SearchJob;
  stopFlag: SharedArrayBuffer;
  progressIntervalSeconds: number;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; progress: PlanSearchProgress }
  | { type: 'result'; outcome: PlanSearchOutcome }
  | { type: 'error'; message: string; invalidInput?: { field: string; value: unknown; allowed: string } };

export interface RunSearchOptions {
  signal?: AbortSignal;
  onProgress?: (progress: PlanSearchProgress) => void;
  progressIntervalSeconds?: number;
  /** auto (default): inline below INLINE_SEARCH_MAX_CANDIDATES (an upper bound of the space), else a worker. */
  mode?: 'auto' | 'inline' | 'worker';
}

/** Spaces up to this size (upper bound before validation) run inline: a worker costs ≈ 0.3–1 s to start under tsx. */
export const INLINE_SEARCH_MAX_CANDIDATES = 20_000;
/** At most this many searches run at once (the others wait); a search uses one core. */
export const MAX_CONCURRENT_SEARCHES = 2;
/**
 * Heap limits of a search worker: a runaway search dies alone (ERR_WORKER_OUT_OF_MEMORY) instead of taking the
 * server down; the 17-million-candidate spaces we tried stay below 400 MB. A larger young generation halves the
 * time spent in scavenges (the search allocates many short-lived estimates).
 */
export const SEARCH_WORKER_RESOURCE_LIMITS = { maxOldGenerationSizeMb: 2048, maxYoungGenerationSizeMb: 96 } as const;
/** A worker that has not answered this long after its time limit is terminated. */
export const WORKER_GRACE_SECONDS = 5;
/** An idle worker is kept this long for the next search (warm JIT: ≈ 20 ms instead of ≈ 0.5 s start-up + cold code). */
export const WORKER_IDLE_SECONDS = 60;

let running = 0;
const waiting: (() => void)[] = [];

async function acquire(signal?: AbortSignal): Promise<void> {
  if (running < MAX_CONCURRENT_SEARCHES) {
    running++;
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      const i = waiting.indexOf(go);
      if (i >= 0) waiting.splice(i, 1);
      reject(new Error('plan search cancelled while waiting for a free search slot'));
    };
    const go = (): void => {
      signal?.removeEventListener('abort', onAbort);
      running++;
      resolve();
    };
    waiting.push(go);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function release(): void {
  running--;
  waiting.shift()?.();
}

/** Searches currently running (for tests and health checks). */
export function runningSearches(): number {
  return running;
}

/** Searches waiting for a free slot (metrics). */
export function queuedSearches(): number {
  return waiting.length;
}

function runInline(job: SearchJob, options: RunSearchOptions): PlanSearchOutcome {
  return searchPlans(job.arch, job.counts, job.cluster, job.options, {
    now: () => performance.now() / 1000,
    shouldStop: () => options.signal?.aborted ?? false,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.progressIntervalSeconds !== undefined ? { progressIntervalSeconds: options.progressIntervalSeconds } : {}),
  });
}

/** Starts a worker thread: the plan search's (search-worker.ts, or .js in a build) or another pool's entry, such as
 * budget-worker (see src/util/worker-thread.ts). */
export function startWorker(name = 'search-worker'): Worker {
  return startWorkerThread(
    import.meta.url,
    name,
    { resourceLimits: SEARCH_WORKER_RESOURCE_LIMITS },
    `${name === 'search-worker' ? 'plan search worker' : name} failed to start: `,
  );
}

interface PooledWorker {
  worker: Worker;
  idleTimer: NodeJS.Timeout | null;
}

/** Idle workers, most recently used last. Never more than MAX_CONCURRENT_SEARCHES exist (the slots guarantee it). */
const idleWorkers: PooledWorker[] = [];

function checkout(): PooledWorker {
  const pooled = idleWorkers.pop();
  if (pooled) {
    if (pooled.idleTimer) clearTimeout(pooled.idleTimer);
    pooled.idleTimer = null;
    pooled.worker.ref();
    return pooled;
  }
  return { worker: startWorker(), idleTimer: null };
}

function checkin(pooled: PooledWorker): void {
  pooled.worker.removeAllListeners();
  // An idle worker neither keeps the process alive nor lives forever.
  pooled.worker.unref();
  pooled.worker.on('error', () => discard(pooled));
  pooled.worker.on('exit', () => discard(pooled));
  pooled.idleTimer = setTimeout(() => discard(pooled), WORKER_IDLE_SECONDS * 1000);
  pooled.idleTimer.unref();
  idleWorkers.push(pooled);
}

function discard(pooled: PooledWorker): void {
  const i = idleWorkers.indexOf(pooled);
  if (i >= 0) idleWorkers.splice(i, 1);
  if (pooled.idleTimer) clearTimeout(pooled.idleTimer);
  pooled.idleTimer = null;
  pooled.worker.removeAllListeners();
  void pooled.worker.terminate();
}

/** Terminates the idle workers (server shutdown, tests). Running searches are stopped through their signals. */
export async function closeSearchWorkers(): Promise<void> {
  const all = idleWorkers.splice(0);
  await Promise.all(all.map(async (pooled) => {
    if (pooled.idleTimer) clearTimeout(pooled.idleTimer);
    pooled.worker.removeAllListeners();
    await pooled.worker.terminate();
  }));
}

/** Workers alive and idle (for tests). */
export function idleSearchWorkers(): number {
  return idleWorkers.length;
}

function runInWorker(job: SearchJob, options: RunSearchOptions): Promise<PlanSearchOutcome> {
  const stopFlag = new SharedArrayBuffer(4);
  const stop = new Int32Array(stopFlag);
  const pooled = checkout();
  const worker = pooled.worker;
  const limitSeconds = job.options.timeLimitSeconds ?? DEFAULT_SEARCH_TIME_LIMIT_SECONDS;
  return new Promise<PlanSearchOutcome>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void, reusable: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(killer);
      options.signal?.removeEventListener('abort', onAbort);
      if (reusable) checkin(pooled);
      else discard(pooled);
      fn();
    };
    const onAbort = (): void => {
      Atomics.store(stop, 0, 1);
    };
    // A fresh worker's start-up (loading tsx) does not count against the search's own limit, hence the grace.
    const killer = setTimeout(
      () => finish(() => reject(new Error(`plan search did not stop within ${limitSeconds + WORKER_GRACE_SECONDS} s; terminated`)), false),
      (limitSeconds + WORKER_GRACE_SECONDS) * 1000,
    );
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.removeAllListeners();
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') return;
      if (message.type === 'progress') options.onProgress?.(message.progress);
      else if (message.type === 'result') finish(() => resolve(message.outcome), true);
      else if (message.invalidInput) {
        const { field, value, allowed } = message.invalidInput;
        finish(() => reject(new InvalidInputError(field, value, allowed)), true);
      } else finish(() => reject(new Error(message.message)), false);
    });
    worker.on('error', (error) => finish(() => reject(error), false));
    worker.on('exit', (code) => finish(() => reject(new Error(`plan search worker exited (code ${code}) without a result`)), false));
    const message: WorkerJob = { job, stopFlag, progressIntervalSeconds: options.progressIntervalSeconds ?? 0.25 };
    worker.postMessage(message);
  });
}

/**
 * Runs one search; resolves with the outcome (truncated when the time limit or the signal stopped it).
 * Input errors reject with the core's InvalidInputError, even from the worker.
 */
export async function runPlanSearch(job: SearchJob, options: RunSearchOptions = {}): Promise<PlanSearchOutcome> {
  const mode =
    options.mode === 'inline' || options.mode === 'worker'
      ? options.mode
      : estimateSearchSpace(job.arch, job.cluster, job.options, INLINE_SEARCH_MAX_CANDIDATES) <= INLINE_SEARCH_MAX_CANDIDATES
        ? 'inline'
        : 'worker';
  await acquire(options.signal);
  try {
    return mode === 'inline' ? runInline(job, options) : await runInWorker(job, options);
  } finally {
    release();
  }
}

/**
 * The server module behind `planSearch` / `planSearchProgress`: installs the PlanSearchService (services/contracts.ts)
 * in the context; on stop() every running search is cancelled. Install with `createApp({ modules: [searchModule()] })`.
 */
export function searchModule(defaults: Pick<RunSearchOptions, 'mode' | 'progressIntervalSeconds'> = {}): AppModule {
  return {
    name: 'plan-search',
    setup() {
      const running = new Set<AbortController>();
      const planSearches: PlanSearchService = {
        async run(job, hooks) {
          const controller = new AbortController();
          const onAbort = (): void => controller.abort();
          if (hooks.signal?.aborted) controller.abort();
          hooks.signal?.addEventListener('abort', onAbort, { once: true });
          running.add(controller);
          try {
            return await runPlanSearch(job, {
              ...defaults,
              signal: controller.signal,
              ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
            });
          } finally {
            running.delete(controller);
            hooks.signal?.removeEventListener('abort', onAbort);
          }
        },
      };
      return {
        context: { planSearches },
        health: () => ({ ok: true, running: runningSearches(), queued: queuedSearches() }),
        async close() {
          for (const controller of running) controller.abort();
          await closeSearchWorkers();
        },
      };
    },
  };
}
