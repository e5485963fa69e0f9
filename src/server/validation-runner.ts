/**
 * Computes the validation suite's report (the `validation` query) off the event loop: once per process, in a worker
 * thread (validation-worker.ts, started like the search and budget workers), so the first request does not stall every
 * other one for the ≈ 250 ms the suite takes (89 runs, their leave-outs and the held-back readings). Install with `createApp({ modules: [validationModule()] })`.
 */
import type { ValidationReport } from '../core/validation/suite.js';
import type { ValidationSuiteService } from '../services/contracts.js';
import { startWorkerThread } from '../util/worker-thread.js';
import type { AppModule } from './app.js';
import type { WorkerErrorMessage } from './worker-errors.js';

export type ValidationWorkerMessage = { type: 'result'; report: ValidationReport } | WorkerErrorMessage;

/** Runs the suite in a fresh worker; resolves with its report (a structured clone: plain data only). */
export async function computeValidationReport(): Promise<ValidationReport> {
  const worker = startWorkerThread(import.meta.url, 'validation-worker', {}, 'validation worker failed to start: ');
  try {
    return await new Promise<ValidationReport>((resolve, reject) => {
      worker.on('message', (message: ValidationWorkerMessage) => {
        if (message.type === 'result') resolve(message.report);
        else reject(new Error(message.message));
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`validation worker exited (code ${code}) without a report`)));
    });
  } finally {
    void worker.terminate();
  }
}

/** The server module behind the `validation` query: the report computed once, in a worker; a failure is retried. */
export function validationModule(): AppModule {
  return {
    name: 'validation-suite',
    setup() {
      let report: Promise<ValidationReport> | undefined;
      const validationSuite: ValidationSuiteService = {
        report() {
          report ??= computeValidationReport().catch((error: unknown) => {
            report = undefined;
            throw error;
          });
          return report;
        },
      };
      return { context: { validationSuite } };
    },
  };
}
