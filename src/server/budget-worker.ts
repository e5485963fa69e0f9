/**
 * Worker thread body for budgetPlan (started by budget-runner.ts, one per request): runs the pure core planner with a
 * real clock, polls the request's shared stop flag, posts progress and the outcome.
 */
import { parentPort } from 'node:worker_threads';
import { workerErrorMessage } from './worker-errors.js';
import { planBudget } from '../core/budget.js';
import type { BudgetWorkerJob, BudgetWorkerMessage } from './budget-runner.js';

const post = (message: BudgetWorkerMessage): void => parentPort!.postMessage(message);

parentPort!.on('message', (job: BudgetWorkerJob) => {
  const stop = new Int32Array(job.stopFlag);
  try {
    const outcome = planBudget(job.request, {
      now: () => performance.now() / 1000,
      shouldStop: () => Atomics.load(stop, 0) !== 0,
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'result', outcome });
  } catch (error) {
    post(workerErrorMessage(error));
  }
});
post({ type: 'ready' });
