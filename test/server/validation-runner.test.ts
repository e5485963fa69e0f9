/**
 * The `validation` query off the event loop (src/server/validation-runner.ts): the worker's report is the core's
 * report (runValidation, the suite whose published figures test/schema/validation-suite.test.ts checks), and the
 * query answers the same with the module installed as without it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runValidation } from '../../src/core/validation/suite.js';
import { computeValidationReport, validationModule } from '../../src/server/validation-runner.js';
import { ValidationDocument } from '../gql/graphql.js';
import { createTestApp, execute, removeDir, type TestApp } from './helpers.js';

let inline: TestApp;
let pooled: TestApp;
beforeAll(() => {
  inline = createTestApp();
  pooled = createTestApp({ modules: [validationModule()] });
});
afterAll(async () => {
  for (const t of [inline, pooled]) {
    await t.dispose();
    removeDir(t.dir);
  }
});

describe('validation suite in a worker thread', () => {
  it('the worker posts the core report, every figure equal after the structured clone', async () => {
    const report = await computeValidationReport();
    expect(report).toEqual(runValidation());
    expect(report.predictions.length).toBeGreaterThanOrEqual(30);
  });

  it('the query answers the same with validationModule() as computed inline, on the first call and after', async () => {
    const expected = await execute(inline.app, ValidationDocument);
    expect(expected.errors).toBeUndefined();
    const first = await execute(pooled.app, ValidationDocument);
    const second = await execute(pooled.app, ValidationDocument);
    expect(first).toEqual(expected);
    expect(second).toEqual(expected);
  });
});
