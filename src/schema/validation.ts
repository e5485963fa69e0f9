/**
 * zod schemas for argument bounds (Pothos validation plugin). Messages are the "allowed" half of the error
 * sentence: builder.ts renders "<field> = <value> is invalid: expected <message>".
 * The bounds keep every computation finite and fast; they sit far beyond any real training run.
 */
import { z } from 'zod';
import { isValidName, NAME_MESSAGE } from '../core/names.js';
import { badUserInput } from './error-helpers.js';

const fmt = (n: number): string => (Math.abs(n) >= 1e6 ? n.toExponential().replace('e+', 'e') : String(n));
const intMessage = (min: number, max: number): string => `an integer in [${fmt(min)}, ${fmt(max)}]`;
const floatMessage = (min: number, max: number, exclusiveMin: boolean): string =>
  `a finite number in ${exclusiveMin ? '(' : '['}${fmt(min)}, ${fmt(max)}]`;

export function intIn(min: number, max: number) {
  const message = intMessage(min, max);
  return z.number({ message }).int({ message }).min(min, { message }).max(max, { message });
}

export function floatIn(min: number, max: number, exclusiveMin = false) {
  const message = floatMessage(min, max, exclusiveMin);
  const base = z.number({ message }).finite({ message }).max(max, { message });
  return exclusiveMin ? base.gt(min, { message }) : base.min(min, { message });
}

// Plain checks with the same messages, for the hot path (trainingPlan and the inputs nested in it), where a zod
// pass per field per request costs more than the planner itself. Null/undefined = not given (defaults apply).

export function checkInt(field: string, value: number | null | undefined, min: number, max: number): void {
  if (value == null) return;
  if (!Number.isInteger(value) || value < min || value > max) throw badUserInput(field, value, intMessage(min, max));
}

export function checkFloat(field: string, value: number | null | undefined, min: number, max: number, exclusiveMin = false): void {
  if (value == null) return;
  if (!Number.isFinite(value) || value > max || (exclusiveMin ? value <= min : value < min)) {
    throw badUserInput(field, value, floatMessage(min, max, exclusiveMin));
  }
}

export { isValidName, NAME_MESSAGE, sanitizeName, UNSAFE_NAME_CHARACTERS } from '../core/names.js';
export function checkName(field: string, value: string | null | undefined): void {
  if (value == null) return;
  if (!isValidName(value)) throw badUserInput(field, value, NAME_MESSAGE);
}

export function checkId(field: string, value: string | null | undefined): void {
  if (value == null) return;
  if (value.length === 0 || value.length > 200) throw badUserInput(field, value, ID_MESSAGE);
}

/** Most parameters accepted anywhere (10⁴ × the largest published dense model). */
export const MAX_PARAMETERS = 1e16;
/** Most training tokens accepted anywhere (≈ 10⁴ × the largest published runs). */
export const MAX_TRAINING_TOKENS = 1e16;
/** Most GPUs accepted anywhere (matches the core's MAX_CLUSTER_GPUS). */
export const MAX_GPUS = 1_000_000;

const ID_MESSAGE = 'a non-empty id of at most 200 characters';
/** Ids of presets and saved items. */
export const idSchema = z.string({ message: ID_MESSAGE }).min(1, { message: ID_MESSAGE }).max(200, { message: ID_MESSAGE });
