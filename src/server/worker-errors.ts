/** The error message a worker thread posts back: input errors keep their field, value and what is allowed. */
import { InvalidInputError } from '../core/errors.js';

export interface WorkerErrorMessage {
  type: 'error';
  message: string;
  invalidInput?: { field: string; value: unknown; allowed: string };
}

export function workerErrorMessage(error: unknown): WorkerErrorMessage {
  if (error instanceof InvalidInputError) {
    return { type: 'error', invalidInput: { field: error.field, value: error.value, allowed: error.allowed }, message: error.message };
  }
  return { type: 'error', message: error instanceof Error ? error.message : String(error) };
}
