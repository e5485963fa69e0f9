/**
 * The response cache of read-only queries (src/server/response-cache.ts): a repeated query is answered without
 * executing, different variables are different entries, any mutation empties it (and a query overlapping a
 * mutation is not kept), errors and requests with an Authorization header are never served from it, it stays within
 * its bound; and on the real app a saved-item change is seen at once by the next identical query.
 */
import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { createResponseCache } from '../../src/server/response-cache.js';
import { startTestApp } from './tservers.js';

/** A yoga with the cache, on a schema whose cacheable field counts its executions and reads a mutable value. */
function testServer(entries?: number) {
  const state = { executions: 0, value: 1, release: undefined as (() => void) | undefined };
  const cache = createResponseCache({ ...(entries ? { entries } : {}) });
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: 'type Query { gpus(n: Int!): Int! } type Mutation { setValue(v: Int!): Int! }',
      resolvers: {
        Query: {
          gpus: async (_: unknown, { n }: { n: number }) => {
            state.executions += 1;
            if (n < 0) throw new Error('negative');
            if (n === 999) await new Promise<void>((resolve) => (state.release = resolve));
            return n * state.value;
          },
        },
        Mutation: { setValue: (_: unknown, { v }: { v: number }) => (state.value = v) },
      },
    }),
    plugins: [cache.plugin],
    maskedErrors: false,
  });
  const ask = async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<{ data?: { gpus?: number }; errors?: unknown[] }> =>
    (await yoga.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) })).json() as never;
  return { state, cache, ask };
}

const Q = 'query ($n: Int!) { gpus(n: $n) }';

describe('response cache', () => {
  it('answers a repeated query without executing it; other variables are other entries', async () => {
    const { state, cache, ask } = testServer();
    expect((await ask(Q, { n: 3 })).data).toEqual({ gpus: 3 });
    expect((await ask(Q, { n: 3 })).data).toEqual({ gpus: 3 });
    expect(state.executions).toBe(1);
    expect((await ask(Q, { n: 4 })).data).toEqual({ gpus: 4 });
    expect(state.executions).toBe(2);
    expect(cache.size()).toBe(2);
    expect(cache.stats).toEqual({ hits: 1, misses: 2 });
  });

  it('any mutation empties it, so the next query sees the change', async () => {
    const { state, ask } = testServer();
    await ask(Q, { n: 5 });
    await ask('mutation { setValue(v: 10) }');
    expect((await ask(Q, { n: 5 })).data).toEqual({ gpus: 50 });
    expect(state.executions).toBe(2);
  });

  it('a query that overlapped a mutation is not kept', async () => {
    const { state, cache, ask } = testServer();
    const slow = ask(Q, { n: 999 });
    while (!state.release) await new Promise((r) => setTimeout(r, 1));
    await ask('mutation { setValue(v: 2) }');
    state.release();
    expect((await slow).data).toEqual({ gpus: 1998 });
    expect(cache.size()).toBe(0);
  });

  it('never keeps errors, never answers a request with an Authorization header, and stays within its bound', async () => {
    const { state, cache, ask } = testServer(3);
    expect((await ask(Q, { n: -1 })).errors).toHaveLength(1);
    expect((await ask(Q, { n: -1 })).errors).toHaveLength(1);
    expect(state.executions).toBe(2);
    await ask(Q, { n: 7 });
    await ask(Q, { n: 7 }, { authorization: 'Bearer k' });
    expect(state.executions).toBe(4);
    for (let n = 10; n < 20; n++) await ask(Q, { n });
    expect(cache.size()).toBe(3);
    // The most recent stay: 19 is a hit, 10 was dropped.
    const before = state.executions;
    await ask(Q, { n: 19 });
    expect(state.executions).toBe(before);
    await ask(Q, { n: 10 });
    expect(state.executions).toBe(before + 1);
  });
});

describe('response cache on the app', () => {
  it('a hit is observed in the operation duration histogram with the time the cache took, not 0', async () => {
    const { app } = startTestApp();
    const { url } = await app.start(0, '127.0.0.1');
    const query = 'query Gpus { gpus { name } }';
    const histogram = async (): Promise<{ count: number; sum: number }> => {
      const text = await (await fetch(url.replace('/graphql', '/metrics'))).text();
      const value = (suffix: string): number =>
        Number(text.split('\n').find((l) => l.startsWith(`zeroplan_graphql_operation_duration_seconds_${suffix}{operation="Gpus",type="query"}`))?.split(' ')[1] ?? 0);
      return { count: value('count'), sum: value('sum') };
    };
    const ask = async (): Promise<number> => {
      const started = performance.now();
      const body = (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json()) as { data?: { gpus?: unknown[] } };
      expect(body.data?.gpus?.length).toBeGreaterThan(0);
      return (performance.now() - started) / 1_000;
    };
    await ask();
    const executed = await histogram();
    expect(executed.count).toBe(1);
    const HITS = 20;
    let requestSeconds = 0;
    for (let i = 0; i < HITS; i++) requestSeconds += await ask();
    const after = await histogram();
    // Every hit observed once; each with a real, positive time that is part of its request's round trip.
    expect(after.count - executed.count).toBe(HITS);
    expect(after.sum - executed.sum).toBeGreaterThan(0);
    expect(after.sum - executed.sum).toBeLessThan(requestSeconds);
  });


  it('a saved model appears in the next identical `models` query, and repeated queries are counted as hits', async () => {
    const { app } = startTestApp();
    const { url } = await app.start(0, '127.0.0.1');
    const post = async (query: string, variables: Record<string, unknown> = {}): Promise<{ data: Record<string, unknown> }> =>
      (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })).json() as never;
    const list = 'query Models { models { id name } }';
    const before = (await post(list)).data.models as { id: string }[];
    expect((await post(list)).data.models).toEqual(before);
    const created = await post('mutation { createModel(input: {name: "cached-test", layers: 2, hiddenSize: 64, attentionHeads: 2, vocabSize: 100, sequenceLength: 16}) { id } }');
    const id = (created.data?.createModel as { id: string } | undefined)?.id;
    expect(id).toBeDefined();
    const after = (await post(list)).data.models as { id: string; name: string }[];
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((m) => m.id === id)?.name).toBe('cached-test');
    const metrics = await (await fetch(url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toContain('zeroplan_graphql_response_cache_hits_total 1');
    expect(metrics).toContain('zeroplan_graphql_operations_total{operation="Models",type="query",result="ok"} 3');
  });
});
