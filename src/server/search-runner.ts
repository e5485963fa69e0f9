/**
 * Runs plan searches without blocking the server: small spaces inline, large ones in a worker thread
 * (search-worker.ts) with a time limit, cancellation (AbortSignal → a shared stop flag the search polls) and a
 * cap on concurrent searches. Under tsx the worker is started with `--import tsx` so it can load TypeScript.
 */
import { Worker } from 'node:worker_threads';
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

/** Everything a search needs, all structured-cloneable. */
export interface SearchJob {
  arch: ModelArchitecture;
  counts: ModelCounts;
  cluster: ClusterSpec;
  options: PlanSearchOptions;
}

export type WorkerMessage =
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
/** A worker that has not answered this long after its time limit is terminated. */
export const WORKER_GRACE_SECONDS = 5;

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

function runInline(job: SearchJob, options: RunSearchOptions): PlanSearchOutcome {
  return searchPlans(job.arch, job.counts, job.cluster, job.options, {
    now: () => performance.now() / 1000,
    shouldStop: () => options.signal?.aborted ?? false,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.progressIntervalSeconds !== undefined ? { progressIntervalSeconds: options.progressIntervalSeconds } : {}),
  });
}

function workerUrl(): { url: URL; execArgv: string[] } {
  // Running from TypeScript sources (tsx, vitest): the worker is a .ts file and needs tsx's loader.
  const fromSource = import.meta.url.endsWith('.ts');
  return {
    url: new URL(fromSource ? './search-worker.ts' : './search-worker.js', import.meta.url),
    execArgv: fromSource ? ['--import', 'tsx'] : [],
  };
}

function runInWorker(job: SearchJob, options: RunSearchOptions): Promise<PlanSearchOutcome> {
  const stopFlag = new SharedArrayBuffer(4);
  const stop = new Int32Array(stopFlag);
  const { url, execArgv } = workerUrl();
  const worker = new Worker(url, {
    execArgv,
    workerData: { job, stopFlag, progressIntervalSeconds: options.progressIntervalSeconds ?? 0.25 },
  });
  const limitSeconds = job.options.timeLimitSeconds ?? DEFAULT_SEARCH_TIME_LIMIT_SECONDS;
  return new Promise<PlanSearchOutcome>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(killer);
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const onAbort = (): void => {
      Atomics.store(stop, 0, 1);
    };
    // The worker's start-up (loading tsx) does not count against the search's own limit, hence the grace.
    const killer = setTimeout(
      () => finish(() => reject(new Error(`plan search did not stop within ${limitSeconds + WORKER_GRACE_SECONDS} s; terminated`))),
      (limitSeconds + WORKER_GRACE_SECONDS) * 1000,
    );
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') options.onProgress?.(message.progress);
      else if (message.type === 'result') finish(() => resolve(message.outcome));
      else if (message.invalidInput) {
        const { field, value, allowed } = message.invalidInput;
        finish(() => reject(new InvalidInputError(field, value, allowed)));
      } else finish(() => reject(new Error(message.message)));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(new Error(`plan search worker exited (code ${code}) without a result`))));
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
      : estimateSearchSpace(job.arch, job.cluster, job.options) <= INLINE_SEARCH_MAX_CANDIDATES
        ? 'inline'
        : 'worker';
  await acquire(options.signal);
  try {
    return mode === 'inline' ? runInline(job, options) : await runInWorker(job, options);
  } finally {
    release();
  }
}
