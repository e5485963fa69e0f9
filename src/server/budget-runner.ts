/**
 * Runs budgetPlan requests off the event loop: each in its own worker thread (budget-worker.ts, started like the
 * plan-search workers), with cancellation through a shared stop flag, a time limit, and at most
 * MAX_CONCURRENT_BUDGET_PLANS at once (the others wait). Install with `createApp({ modules: [budgetModule()] })`.
 */
import type { Worker } from 'node:worker_threads';
import type { BudgetPlanOutcome, BudgetPlanRequest, BudgetProgress } from '../core/budget.js';
import { InvalidInputError } from '../core/errors.js';
import type { BudgetPlanService } from '../services/contracts.js';
import type { AppModule } from './app.js';
import { startWorker } from './search-runner.js';

export interface BudgetWorkerJob {
  request: BudgetPlanRequest;
  stopFlag: SharedArrayBuffer;
}

export type BudgetWorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; progress: BudgetProgress }
  | { type: 'result'; outcome: BudgetPlanOutcome }
  | { type: 'error'; message: string; invalidInput?: { field: string; value: unknown; allowed: string } };

/** Most budget plans running at once (each uses one core). */
export const MAX_CONCURRENT_BUDGET_PLANS = 2;
/** A plan still running after this long is stopped (its best so far is returned, truncated); a worker silent 10 s longer is killed. */
export const BUDGET_PLAN_TIME_LIMIT_SECONDS = 60;

let running = 0;
const waiting: (() => void)[] = [];

/** Budget plans running now (tests, health checks). */
export function runningBudgetPlans(): number {
  return running;
}

async function acquire(signal?: AbortSignal): Promise<void> {
  if (running < MAX_CONCURRENT_BUDGET_PLANS) {
    running++;
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const go = (): void => {
      signal?.removeEventListener('abort', onAbort);
      running++;
      resolve();
    };
    const onAbort = (): void => {
      waiting.splice(waiting.indexOf(go), 1);
      reject(new Error('budgetPlan cancelled while waiting for a free slot'));
    };
    waiting.push(go);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function release(): void {
  running--;
  waiting.shift()?.();
}

/** Runs one request in a fresh worker; resolves with the outcome, rejects with InvalidInputError for bad input. */
export async function runBudgetPlan(
  request: BudgetPlanRequest,
  hooks: { signal?: AbortSignal; onProgress?: (progress: BudgetProgress) => void } = {},
): Promise<BudgetPlanOutcome> {
  await acquire(hooks.signal);
  const stopFlag = new SharedArrayBuffer(4);
  const stop = new Int32Array(stopFlag);
  let worker: Worker | null = null;
  try {
    worker = startWorker('budget-worker');
    const w = worker;
    return await new Promise<BudgetPlanOutcome>((resolve, reject) => {
      const onAbort = (): void => {
        Atomics.store(stop, 0, 1);
      };
      const limit = setTimeout(onAbort, BUDGET_PLAN_TIME_LIMIT_SECONDS * 1000);
      const killer = setTimeout(() => reject(new Error(`budgetPlan did not stop within ${BUDGET_PLAN_TIME_LIMIT_SECONDS + 10} s; terminated`)), (BUDGET_PLAN_TIME_LIMIT_SECONDS + 10) * 1000);
      const done = (): void => {
        clearTimeout(limit);
        clearTimeout(killer);
        hooks.signal?.removeEventListener('abort', onAbort);
      };
      if (hooks.signal?.aborted) onAbort();
      hooks.signal?.addEventListener('abort', onAbort, { once: true });
      w.on('message', (message: BudgetWorkerMessage) => {
        if (message.type === 'progress') hooks.onProgress?.(message.progress);
        else if (message.type === 'result') {
          done();
          resolve(message.outcome);
        } else if (message.type === 'error') {
          done();
          const bad = message.invalidInput;
          reject(bad ? new InvalidInputError(bad.field, bad.value, bad.allowed) : new Error(message.message));
        }
      });
      w.on('error', (error) => {
        done();
        reject(error);
      });
      w.on('exit', (code) => {
        done();
        reject(new Error(`budgetPlan worker exited (code ${code}) without a result`));
      });
      const job: BudgetWorkerJob = { request, stopFlag };
      w.postMessage(job);
    });
  } finally {
    if (worker) void worker.terminate();
    release();
  }
}

/** The server module behind budgetPlan / budgetPlanProgress: every request in a worker; stop() cancels them all. */
export function budgetModule(): AppModule {
  return {
    name: 'budget-plan',
    setup() {
      const controllers = new Set<AbortController>();
      const budgetPlans: BudgetPlanService = {
        async run(job, hooks) {
          const controller = new AbortController();
          const forward = (): void => controller.abort();
          if (hooks.signal?.aborted) controller.abort();
          hooks.signal?.addEventListener('abort', forward, { once: true });
          controllers.add(controller);
          try {
            return await runBudgetPlan(job.request, { signal: controller.signal, ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}) });
          } finally {
            controllers.delete(controller);
            hooks.signal?.removeEventListener('abort', forward);
          }
        },
      };
      return {
        context: { budgetPlans },
        async close() {
          for (const c of controllers) c.abort();
        },
      };
    },
  };
}
