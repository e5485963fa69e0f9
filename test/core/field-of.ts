import { InvalidInputError } from '../../src/core/errors.js';

/** The `field` of the InvalidInputError that `fn` throws, or undefined when it accepts the input. */
export function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.field;
    throw error;
  }
  return undefined;
}
