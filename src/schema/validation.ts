/**
 * zod schemas for argument bounds (Pothos validation plugin). Messages are the "allowed" half of the error
 * sentence: builder.ts renders "<field> = <value> is invalid: expected <message>".
 * The bounds keep every computation finite and fast; they sit far beyond any real training run.
 */
import { z } from 'zod';

const fmt = (n: number): string => (Math.abs(n) >= 1e6 ? n.toExponential().replace('e+', 'e') : String(n));

export function intIn(min: number, max: number) {
  const message = `an integer in [${fmt(min)}, ${fmt(max)}]`;
  return z.number({ message }).int({ message }).min(min, { message }).max(max, { message });
}

export function floatIn(min: number, max: number, exclusiveMin = false) {
  const message = `a finite number in ${exclusiveMin ? '(' : '['}${fmt(min)}, ${fmt(max)}]`;
  const base = z.number({ message }).finite({ message }).max(max, { message });
  return exclusiveMin ? base.gt(min, { message }) : base.min(min, { message });
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
