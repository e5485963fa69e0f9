/**
 * Worker thread body for plan searches (started and reused by search-runner.ts). It stays alive between jobs so that
 * later searches run on warm, JIT-compiled code. Per job it runs the pure core search with a real clock, polls the
 * job's shared stop flag between groups of candidates (the search loop is synchronous, so a message could not
 * interrupt it), and posts progress and the outcome back.
 */
import { parentPort } from 'node:worker_threads';
import { workerErrorMessage } from './worker-errors.js';
import { searchPlans } from '../core/search.js';
import type { WorkerJob, WorkerMessage } from './search-runner.js';

const post = (message: WorkerMessage): void => parentPort!.postMessage(message);

parentPort!.on('message', (job: WorkerJob) => {
  const stop = new Int32Array(job.stopFlag);
  try {
    const outcome = searchPlans(job.job.arch, job.job.counts, job.job.cluster, job.job.options, {
      now: () => performance.now() / 1000,
      shouldStop: () => Atomics.load(stop, 0) !== 0,
      progressIntervalSeconds: job.progressIntervalSeconds,
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'result', outcome });
  } catch (error) {
    post(workerErrorMessage(error));
  }
});
post({ type: 'ready' });
