/**
 * The bounds of src/schema/validation.ts: one sentence per bound whether it runs as `validate:` (Pothos' validation
 * plugin) or from a bounds table in a resolver (trainingPlan's hot path). Expected sentences are the API's contract
 * as docs/api.md states it: "<field> = <value> is invalid: expected <allowed>", BAD_USER_INPUT, `field`, `allowed`.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentError } from '../../src/schema/error-helpers.js';
import { checkBounds, floatIn, idSchema, intIn, intList, nameSchema, specNameSchema } from '../../src/schema/validation.js';
import { MEGATRON_GPT3_PLAN, onlyError, post } from '../server/helpers.js';
import { startTestApp } from '../server/tservers.js';

function thrown(fn: () => void): ArgumentError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ArgumentError) return error;
    throw error;
  }
  throw new Error('expected an ArgumentError');
}

describe('bounds', () => {
  it('say what is allowed, with large limits in exponent form and an open lower end where asked', () => {
    expect(intIn(1, 100_000_000).problems(0).map((p) => p.message)).toEqual(['an integer in [1, 1e8]']);
    expect(intIn(1, 1000).problems(1000)).toEqual([]);
    expect(intIn(1, 1000).problems(2.5).map((p) => p.message)).toEqual(['an integer in [1, 1000]']);
    expect(floatIn(0, 1e15, true).problems(0).map((p) => p.message)).toEqual(['a finite number in (0, 1e15]']);
    expect(floatIn(0, 1e15, true).problems(1e-300)).toEqual([]);
    expect(floatIn(0, 0.9).problems(Number.NaN).map((p) => p.message)).toEqual(['a finite number in [0, 0.9]']);
  });

  it('throw the first problem as BAD_USER_INPUT naming the field, and let null (not given) pass', () => {
    const error = thrown(() => intIn(0, 3).check('input.zeroStage', 4));
    expect([error.code, error.field, error.value, error.allowed]).toEqual(['BAD_USER_INPUT', 'input.zeroStage', 4, 'an integer in [0, 3]']);
    expect(error.message).toBe('input.zeroStage = 4 is invalid: expected an integer in [0, 3]');
    expect(() => intIn(0, 3).check('input.zeroStage', null)).not.toThrow();
    expect(thrown(() => idSchema.check('input.model', '')).message).toBe('input.model = "" is invalid: expected a non-empty id of at most 200 characters');
  });

  it('check a table in its order, so the first bad field named is the first in the table', () => {
    const table = { a: intIn(1, 10), b: floatIn(0, 1) };
    const input = (a: number | null, b: number | undefined): { a: number | null; b?: number } => ({ b, a });
    expect(thrown(() => checkBounds('input', input(0, 2), table)).field).toBe('input.a');
    expect(thrown(() => checkBounds('input', input(5, 2), table)).field).toBe('input.b');
    expect(() => checkBounds('input', input(null, undefined), table)).not.toThrow();
  });

  it('name each bad value of a list at its index, after the list-length problems', () => {
    const pins = intList(1, 8);
    expect(pins.problems([1, 0, 2, 9])).toEqual([
      { message: 'an integer in [1, 8]', path: [1] },
      { message: 'an integer in [1, 8]', path: [3] },
    ]);
    expect(pins.problems([]).map((p) => p.message)).toEqual(['a non-empty list']);
    expect(pins.problems(Array.from({ length: 1001 }, () => 0)).length).toBe(1 + 1001);
    expect(thrown(() => pins.check('input.tensorParallel', [2, 16])).field).toBe('input.tensorParallel.1');
  });

  it('trim an argument name (nameSchema) but check a spec name as given (specNameSchema)', () => {
    expect(nameSchema['~standard'].validate('  run 7 \n')).toEqual({ value: 'run 7' });
    expect(nameSchema['~standard'].validate('   ')).toHaveProperty('issues.length', 1);
    // Too long and an unsafe character: two broken rules, two problems ("and 1 more problem(s)").
    expect(nameSchema['~standard'].validate(`${'x'.repeat(205)}\u202E`)).toHaveProperty('issues.length', 2);
    expect(specNameSchema.problems('run 7 \n').length).toBe(1);
    expect(specNameSchema.problems('run 7')).toEqual([]);
  });
});

describe('bounds through the API', () => {
  it('give the same sentence, code and field from `validate:` (plugin) and from a bounds table (trainingPlan)', async () => {
    const t = startTestApp();
    const viaPlugin = onlyError(await post(t.app, { query: '{ simulations(limit: 0) { id } }' }));
    expect(viaPlugin.message).toBe('limit = 0 is invalid: expected an integer in [1, 1000]');
    expect(viaPlugin.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'limit', allowed: 'an integer in [1, 1000]' });

    const query = 'query($i: TrainingPlanInput!) { trainingPlan(input: $i) { fits } }';
    const viaTable = onlyError(await post(t.app, { query, variables: { i: { ...MEGATRON_GPT3_PLAN, pipelineInterleave: 0 } } }));
    expect(viaTable.message).toBe('input.pipelineInterleave = 0 is invalid: expected an integer in [1, 1000]');
    expect(viaTable.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.pipelineInterleave', allowed: 'an integer in [1, 1000]' });
    expect(viaTable.path).toEqual(['trainingPlan']);
  });

  it('report the first of several problems and how many more (plugin), the list index in the field', async () => {
    const t = startTestApp();
    const query = 'query($i: PlanSearchInput!) { planSearch(input: $i) { candidates } }';
    const input = { model: 'gpt3-175b', cluster: 'a100-80gb-x1024', globalBatchSize: 1536, tensorParallel: [1, 0, 2, -3] };
    const error = onlyError(await post(t.app, { query, variables: { i: input } }));
    expect(error.message).toBe('input.tensorParallel.1 = 0 is invalid: expected an integer in [1, 1e6] (and 1 more problem(s))');
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.tensorParallel.1', allowed: 'an integer in [1, 1e6]' });
  });
});
