/**
 * Worker thread body for the `validation` query (started once by validation-runner.ts): computes the validation
 * suite's report with the pure core and posts it back.
 */
import { parentPort } from 'node:worker_threads';
import { runValidation } from '../core/validation/suite.js';
import type { ValidationWorkerMessage } from './validation-runner.js';
import { workerErrorMessage } from './worker-errors.js';

const post = (message: ValidationWorkerMessage): void => parentPort!.postMessage(message);

try {
  post({ type: 'result', report: runValidation() });
} catch (error) {
  post(workerErrorMessage(error));
}
