/**
 * The complexity plugin with its result kept per parsed operation (src/schema/complexity.ts): a reused document is
 * judged the same way on every request, different documents get their own verdicts, and a field whose cost depends
 * on its arguments is measured afresh per request.
 */
import SchemaBuilder from '@pothos/core';
import { execute, parse, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { COMPLEXITY_LIMITS } from '../../src/schema/builder.js';
import { COMPLEXITY_PLUGIN } from '../../src/schema/complexity.js';
import { schema } from '../../src/schema/index.js';

const context = () => ({ store: { get: () => undefined, list: () => [] }, pubsub: {} });

async function run(document: ReturnType<typeof parse>, variableValues?: Record<string, unknown>, on = schema): Promise<ExecutionResult> {
  return (await execute({ schema: on, document, variableValues, contextValue: context() })) as ExecutionResult;
}

describe('complexity per parsed operation', () => {
  // 300 aliases of `models { id }`: breadth 2 each (the field and its one subfield) = 600, the limit; 301 is over.
  const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `m${i}: models { id }`).join(' ')} }`;

  it('refuses a reused over-limit document on every request, with the same figures', async () => {
    const over = parse(aliases(301));
    const atLimit = parse(aliases(300));
    for (let i = 0; i < 3; i++) {
      const refused = await run(over);
      expect(refused.data).toBeNull();
      expect(refused.errors?.[0]?.extensions).toEqual({
        code: 'QUERY_TOO_COMPLEX',
        measure: 'breadth',
        value: 602,
        limit: COMPLEXITY_LIMITS.breadth,
      });
      // The document at the limit, parsed separately, keeps its own verdict between the refusals.
      const accepted = await run(atLimit);
      expect(accepted.errors).toBeUndefined();
      expect(Object.keys(accepted.data ?? {})).toHaveLength(300);
    }
  });

  it('measures a field whose cost depends on its arguments afresh on each request', async () => {
    const builder = new SchemaBuilder<{ Context: object }>({
      plugins: [COMPLEXITY_PLUGIN],
      complexity: { limit: { complexity: 10 } },
    });
    builder.queryType({
      fields: (t) => ({
        items: t.stringList({
          args: { n: t.arg.int({ required: true }) },
          complexity: (args) => args.n,
          resolve: (_root, { n }) => Array.from({ length: n }, (_, i) => String(i)),
        }),
      }),
    });
    const small = builder.toSchema();
    const document = parse('query Items($n: Int!) { items(n: $n) }');
    expect((await run(document, { n: 5 }, small)).errors).toBeUndefined();
    const refused = await run(document, { n: 50 }, small);
    expect(refused.errors?.[0]?.message).toMatch(/complexity/i);
    expect((await run(document, { n: 5 }, small)).data).toEqual({ items: ['0', '1', '2', '3', '4'] });
  });
});
