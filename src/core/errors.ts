/**
 * Typed input errors raised by the core. The API layer maps them to GraphQL errors with
 * `extensions.code = BAD_USER_INPUT`; the message always names the field, the value and what is allowed.
 */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
  constructor(
    /** Dotted path of the offending input field, e.g. `plan.tensorParallel`. */
    readonly field: string,
    /** The value that was rejected (as given). */
    readonly value: unknown,
    /** What would have been accepted, in words, e.g. `a divisor of attentionHeads (96)`. */
    readonly allowed: string,
  ) {
    super(`${field} = ${formatValue(value)} is invalid: expected ${allowed}`);
  }
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Throws unless `value` is a finite number in [min, max]. */
export function requireFinite(field: string, value: number, min = -Infinity, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    const range =
      min === -Infinity && max === Infinity ? 'a finite number' : `a finite number in [${min}, ${max}]`;
    throw new InvalidInputError(field, value, range);
  }
  return value;
}

/** Throws unless `value` is an integer in [min, max]. */
export function requireInteger(field: string, value: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInputError(field, value, `an integer in [${min}, ${max}]`);
  }
  return value;
}
