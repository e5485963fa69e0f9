/**
 * Worker thread body for large plan searches (started by search-runner.ts). It runs the pure core search with a
 * real clock, polls a shared stop flag between groups of candidates (the search loop is synchronous, so a message
 * could not interrupt it), and posts progress and the final outcome back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InvalidInputError } from '../core/errors.js';
import { searchPlans } from '../core/search.js';
import type { SearchJob, WorkerMessage } from './search-runner.js';

interface WorkerInput {
  job: SearchJob;
  stopFlag: SharedArrayBuffer;
  progressIntervalSeconds: number;
}

const input = workerData as WorkerInput;
const stop = new Int32Array(input.stopFlag);
const post = (message: WorkerMessage): void => parentPort!.postMessage(message);

try {
  const outcome = searchPlans(input.job.arch, input.job.counts, input.job.cluster, input.job.options, {
    now: () => performance.now() / 1000,
    shouldStop: () => Atomics.load(stop, 0) !== 0,
    progressIntervalSeconds: input.progressIntervalSeconds,
    onProgress: (progress) => post({ type: 'progress', progress }),
  });
  post({ type: 'result', outcome });
} catch (error) {
  if (error instanceof InvalidInputError) {
    post({ type: 'error', invalidInput: { field: error.field, value: error.value, allowed: error.allowed }, message: error.message });
  } else {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}
