/**
 * Runs simulations off the main thread: one worker thread per running simulation (worker.ts), at most
 * `maxConcurrent` at once, the rest waiting in a FIFO queue. Workers stream engine events back in batches; with a
 * pace they release each detailed event when its simulated time is due. Cancel terminates the worker at once
 * (the engine loop is synchronous, so terminate() is the prompt way to stop it) and drops anything it still sends.
 * Under tsx and vitest the worker is TypeScript (see src/util/worker-thread.ts).
 */
import type { Worker } from 'node:worker_threads';
import type { ScalingLawName } from '../core/scaling.js';
import { startWorkerThread } from '../util/worker-thread.js';
import type { SimulationEngineEvent, SimulationSetup, SimulationSummary } from './engine.js';

/** Everything a worker needs, structured-cloneable (the loss law is named, not passed as a function). */
export interface SimulationJob {
  id: string;
  setup: Omit<SimulationSetup, 'predictedLoss'>;
  /** Loss along the run from core's `predictedLoss(law, parameters, tokens)`; null = none. */
  loss: { law: ScalingLawName; parameters: number } | null;
  /** Simulated seconds per wall second for the detailed replicas; null = as fast as possible. */
  pace: number | null;
}

export type WorkerMessage =
  | { type: 'events'; events: SimulationEngineEvent[] }
  | { type: 'done'; summary: SimulationSummary }
  | { type: 'error'; message: string; invalidInput?: { field: string; value: unknown; allowed: string } };

export type RunnerOutcome =
  | { status: 'COMPLETED'; summary: SimulationSummary }
  | { status: 'FAILED'; message: string };

export interface RunnerCallbacks {
  /** The job left the queue and its worker is starting. */
  onStart(id: string): void;
  /** A batch of events, in engine order (never called after cancel or finish). */
  onEvents(id: string, events: SimulationEngineEvent[]): void;
  /** The job ended by itself (not called for a cancelled job). */
  onFinish(id: string, outcome: RunnerOutcome): void;
}

export interface RunnerOptions {
  /** Simulations running at once (default 2: one per core of a small machine). */
  maxConcurrent?: number;
  /** Most events per message from a worker, and the longest a batch waits (as fast as possible). */
  batchEvents?: number;
  batchMilliseconds?: number;
}

export const DEFAULT_MAX_CONCURRENT_SIMULATIONS = 2;

interface Running {
  job: SimulationJob;
  worker: Worker;
  settled: boolean;
}

/** Starts a simulation worker (worker.ts, or .js in a build; see src/util/worker-thread.ts). */
function createWorker(workerData: unknown): Worker {
  return startWorkerThread(import.meta.url, 'worker', { workerData });
}

export class SimulationRunner {
  private readonly queue: SimulationJob[] = [];
  private readonly running = new Map<string, Running>();
  private readonly maxConcurrent: number;
  private closed = false;

  constructor(
    private readonly callbacks: RunnerCallbacks,
    private readonly options: RunnerOptions = {},
  ) {
    this.maxConcurrent = Math.max(1, Math.floor(options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT_SIMULATIONS));
  }

  /** Queues a job; it starts as soon as a slot is free. */
  submit(job: SimulationJob): void {
    if (this.closed) throw new Error('simulation runner is closed');
    this.queue.push(job);
    this.pump();
  }

  /** Cancels a queued or running job; false if the runner does not know it (finished or unknown). */
  cancel(id: string): boolean {
    const i = this.queue.findIndex((j) => j.id === id);
    if (i >= 0) {
      this.queue.splice(i, 1);
      return true;
    }
    const run = this.running.get(id);
    if (!run) return false;
    this.settle(run);
    return true;
  }

  runningCount(): number {
    return this.running.size;
  }

  queuedCount(): number {
    return this.queue.length;
  }

  /** Ids of jobs not yet finished (queued or running). */
  activeIds(): string[] {
    return [...this.running.keys(), ...this.queue.map((j) => j.id)];
  }

  /** Stops everything (server shutdown): queued jobs are dropped, workers terminated. */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    const workers = [...this.running.values()].map((r) => {
      r.settled = true;
      return r.worker.terminate();
    });
    this.running.clear();
    await Promise.allSettled(workers);
  }

  private settle(run: Running): void {
    if (run.settled) return;
    run.settled = true;
    this.running.delete(run.job.id);
    void run.worker.terminate();
    this.pump();
  }

  private pump(): void {
    while (!this.closed && this.running.size < this.maxConcurrent && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.start(job);
    }
  }

  private start(job: SimulationJob): void {
    const worker = createWorker({
      job,
      batchEvents: this.options.batchEvents ?? 500,
      batchMilliseconds: this.options.batchMilliseconds ?? 50,
    });
    const run: Running = { job, worker, settled: false };
    this.running.set(job.id, run);
    this.callbacks.onStart(job.id);
    worker.on('message', (message: WorkerMessage) => {
      if (run.settled) return;
      if (message.type === 'events') {
        this.callbacks.onEvents(job.id, message.events);
      } else if (message.type === 'done') {
        this.settle(run);
        this.callbacks.onFinish(job.id, { status: 'COMPLETED', summary: message.summary });
      } else {
        this.settle(run);
        this.callbacks.onFinish(job.id, { status: 'FAILED', message: message.message });
      }
    });
    worker.on('error', (error) => {
      if (run.settled) return;
      this.settle(run);
      this.callbacks.onFinish(job.id, { status: 'FAILED', message: error.message });
    });
    worker.on('exit', (code) => {
      if (run.settled) return;
      this.settle(run);
      this.callbacks.onFinish(job.id, { status: 'FAILED', message: `simulation worker exited (code ${code}) without a result` });
    });
  }
}
