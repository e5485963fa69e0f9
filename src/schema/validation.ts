/**
 * The one home of input bounds. A bound is a hand-written predicate plus the "allowed" half of the error sentence
 * ("<field> = <value> is invalid: expected <allowed>"); every bound in the API is made here (intIn, floatIn, intList,
 * idSchema, nameSchema, specNameSchema) and checked by the code here. Two ways to attach one, with the same bound,
 * sentence and error path:
 * - `validate: intIn(1, 1000)` on an argument or input field: the bound is a Standard Schema, run by Pothos'
 *   validation plugin before the resolver; builder.ts turns its issues into one BAD_USER_INPUT (the first problem,
 *   "and N more problem(s)" when there are several).
 * - a bounds table checked in the resolver (`checkBounds(path, input, PLAN_BOUNDS)`): TrainingPlanInput and the
 *   inputs nested in it, read on every trainingPlan request (≈ 3,000 req/s). There the first problem is thrown at
 *   once and the plugin's per-request walk and copy of the argument tree is skipped: with the same ten bounds as
 *   `validate:` an uncached trainingPlan request took ≈ 120 µs of CPU, with the table ≈ 106 µs (issue 12).
 * Why hand-written and not zod (issue 12, "one validation style"): every bound here is a range, a length or a name
 * rule; zod added a dependency, a second set of messages to keep in step and a cost per field per request, and its
 * transforms hid where values change (only nameSchema trims). Null/undefined always means "not given".
 * The bounds keep every computation finite and fast; they sit far beyond any real training run.
 */
import { isValidName, MAX_NAME_LENGTH, NAME_MESSAGE, UNSAFE_NAME_CHARACTERS } from '../core/names.js';
import { badUserInput } from './error-helpers.js';

/** A problem a bound found: the allowed half of the sentence; `path`: where inside the value (a list index). */
interface Problem {
  readonly message: string;
  readonly path?: readonly number[];
}

/**
 * A bound on one value. `problems` lists what is wrong (empty: fine); `'~standard'` lets Pothos' validation plugin
 * run it on `validate:` (Standard Schema v1: https://standardschema.dev); `check` throws the first problem as a
 * BAD_USER_INPUT naming `field` (the hot path).
 */
export interface Bound<T> {
  readonly allowed: string;
  problems(value: T): readonly Problem[];
  check(field: string, value: T | null | undefined): void;
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: 'zeroplan';
    readonly validate: (value: unknown) => { value: T; issues?: undefined } | { issues: readonly Problem[] };
  };
}

const NONE: readonly Problem[] = [];

/** A Bound from its problems; `output`: what the resolver receives when it passes (only nameSchema trims). */
function bound<T>(
  allowed: string,
  problems: (value: T) => readonly Problem[],
  output: (value: T) => T = (v) => v,
): Bound<T> {
  return {
    allowed,
    problems,
    check(field, value) {
      if (value == null) return;
      const [first] = problems(value);
      if (!first) return;
      if (!first.path) throw badUserInput(field, value, first.message);
      throw badUserInput(`${field}.${first.path.join('.')}`, at(value, first.path), first.message);
    },
    '~standard': {
      version: 1,
      vendor: 'zeroplan',
      validate: (value) => {
        const found = problems(value as T);
        return found.length > 0 ? { issues: found } : { value: output(value as T) };
      },
    },
  };
}

function at(value: unknown, path: readonly number[]): unknown {
  return path.reduce<unknown>((v, i) => (Array.isArray(v) ? v[i] : undefined), value);
}

const fmt = (n: number): string => (Math.abs(n) >= 1e6 ? n.toExponential().replace('e+', 'e') : String(n));

/** An integer in [min, max]. */
export function intIn(min: number, max: number): Bound<number> {
  const one = [{ message: `an integer in [${fmt(min)}, ${fmt(max)}]` }];
  return bound(one[0]!.message, (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? NONE : one,
  );
}

/** A finite number in [min, max], or (min, max] when `exclusiveMin`. */
export function floatIn(min: number, max: number, exclusiveMin = false): Bound<number> {
  const one = [{ message: `a finite number in ${exclusiveMin ? '(' : '['}${fmt(min)}, ${fmt(max)}]` }];
  return bound(one[0]!.message, (v) =>
    typeof v === 'number' && Number.isFinite(v) && v <= max && (exclusiveMin ? v > min : v >= min) ? NONE : one,
  );
}

/** Most values in a list argument (pins of plan search). */
const MAX_LIST_VALUES = 1000;

/** A non-empty list of at most 1000 integers in [min, max]; each bad value is its own problem, at its index. */
export function intList(min: number, max: number): Bound<number[]> {
  const each = intIn(min, max);
  return bound(each.allowed, (list) => {
    if (!Array.isArray(list)) return [{ message: 'a list' }];
    const found: Problem[] = [];
    if (list.length === 0) found.push({ message: 'a non-empty list' });
    if (list.length > MAX_LIST_VALUES) found.push({ message: `at most ${MAX_LIST_VALUES} values` });
    for (let i = 0; i < list.length; i++) {
      const [problem] = each.problems(list[i]!);
      if (problem) found.push({ message: problem.message, path: [i] });
    }
    return found;
  });
}

const ID_MESSAGE = 'a non-empty id of at most 200 characters';
/** Ids of presets and saved items. */
const ID_PROBLEM = [{ message: ID_MESSAGE }];
export const idSchema: Bound<string> = bound(ID_MESSAGE, (v) =>
  typeof v === 'string' && v.length >= 1 && v.length <= 200 ? NONE : ID_PROBLEM,
);

const NAME_PROBLEM = [{ message: NAME_MESSAGE }];
/**
 * A display name given as an argument (savePlan, modelFromHuggingFaceConfig): trimmed first, then non-empty, at most
 * MAX_NAME_LENGTH, no unsafe characters; the resolver gets the trimmed name. One problem per broken rule.
 */
export const nameSchema: Bound<string> = bound(
  NAME_MESSAGE,
  (v) => {
    if (typeof v !== 'string') return NAME_PROBLEM;
    const name = v.trim();
    const found: Problem[] = [];
    if (name.length < 1 || name.length > MAX_NAME_LENGTH) found.push(NAME_PROBLEM[0]!);
    if (UNSAFE_NAME_CHARACTERS.test(name)) found.push(NAME_PROBLEM[0]!);
    return found;
  },
  (v) => v.trim(),
);
/**
 * The `name` field of a ModelInput or ClusterInput (also read on the trainingPlan path as modelSpec/clusterSpec):
 * checked as given, not trimmed (isValidName; the same rule the config.json import applies).
 */
export const specNameSchema: Bound<string> = bound(NAME_MESSAGE, (v) =>
  typeof v === 'string' && isValidName(v) ? NONE : NAME_PROBLEM,
);

/** A table of bounds for the fields of one input object, checked in its order. */
export type BoundsTable<T> = { readonly [K in keyof T]?: Bound<NonNullable<T[K]>> };

/** Checks `input`'s fields against `table`, throwing the first problem as BAD_USER_INPUT naming `${path}.<field>`. */
export function checkBounds<T extends object>(path: string, input: T, table: BoundsTable<T>): void {
  for (const key in table) {
    const value = input[key] as NonNullable<T[typeof key]> | null | undefined;
    // The field's name is built only for a bad value: on the hot path a passing check allocates nothing.
    if (value != null && table[key]!.problems(value).length > 0) table[key]!.check(`${path}.${key}`, value);
  }
}

/** Most parameters accepted anywhere (10⁴ × the largest published dense model). */
export const MAX_PARAMETERS = 1e16;
/** Most training tokens accepted anywhere (≈ 10⁴ × the largest published runs). */
export const MAX_TRAINING_TOKENS = 1e16;
/** Most GPUs accepted anywhere (matches the core's MAX_CLUSTER_GPUS). */
export const MAX_GPUS = 1_000_000;

export { isValidName, NAME_MESSAGE, sanitizeName, UNSAFE_NAME_CHARACTERS } from '../core/names.js';
