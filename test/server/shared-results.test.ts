/**
 * Simulation events executed once per operation and shared by subscribers (src/server/shared-results.ts), and
 * stored pages shared by replays (src/server/replay-pages.ts): each subscriber still gets its own selection's
 * shape, different variables are different entries, both caches stay within their bounds, and over a real server
 * (WebSocket and SSE) every subscriber gets every seq after its `after`, once, in order.
 */
import { parse, type ExecutionResult } from 'graphql';
import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { schema } from '../../src/schema/index.js';
import type { SimulationEventRecord, SimulationRequest } from '../../src/services/contracts.js';
import { createSharedPageReader, type EventReader } from '../../src/server/replay-pages.js';
import { createSharedResultCache, sharedEventResults, sharedRootField } from '../../src/server/shared-results.js';
import { simulationModule } from '../../src/server/simulation-module.js';
import { createSimulationStore } from '../../src/server/simulation-store.js';
import { cleanups, startTestApp } from './tservers.js';

const ID = 's_shared';

/** Event `seq` of a stored run: PROGRESS events, as the engine writes them (step 7 per event, 200 s apart). */
function progress(seq: number, id = ID): SimulationEventRecord {
  return { simulationId: id, seq, type: 'PROGRESS', simulatedSeconds: seq * 200, data: { replica: 0, step: seq * 7, tokens: seq * 1_000, fractionComplete: seq / 100, effectiveTrainingTimeRatio: 0.99, goodput: 0.98, predictedLoss: 2.5 } };
}

async function* stream<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

/** Every result of `events` under one subscription document (the same record objects for every caller). */
async function run(cache: ReturnType<typeof createSharedResultCache>, query: string, events: readonly SimulationEventRecord[], variables?: Record<string, unknown>): Promise<ExecutionResult[]> {
  const args = { schema, document: parse(query), variableValues: variables ?? null, contextValue: {} };
  const out: ExecutionResult[] = [];
  for await (const r of sharedEventResults(stream(events), args, cache)) out.push(r);
  return out;
}

const TYPENAME_SEQ = `subscription { simulationEvents(id: "${ID}") { __typename seq } }`;
const PROGRESS_FIELDS = `subscription { simulationEvents(id: "${ID}") { seq simulatedSeconds ... on SimulationProgress { step } } }`;
const WITH_VARIABLE = `subscription ($full: Boolean!) { simulationEvents(id: "${ID}") { seq ... on SimulationProgress { step @include(if: $full) } } }`;

describe('shared subscription results', () => {
  it('two selections get their own shapes; the same selection is executed once per event', async () => {
    const cache = createSharedResultCache(100);
    const events = [progress(1), progress(2), progress(3)];
    const a = await run(cache, TYPENAME_SEQ, events);
    const b = await run(cache, PROGRESS_FIELDS, events);
    expect(a.map((r) => r.data)).toEqual(events.map((e) => ({ simulationEvents: { __typename: 'SimulationProgress', seq: e.seq } })));
    expect(b.map((r) => r.data)).toEqual(events.map((e) => ({ simulationEvents: { seq: e.seq, simulatedSeconds: e.seq * 200, step: e.seq * 7 } })));
    expect(cache.size()).toBe(6);
    expect(cache.stats).toEqual({ hits: 0, misses: 6 });
    // A second subscriber with the first selection gets the very same result objects, executed for nobody.
    const again = await run(cache, TYPENAME_SEQ, events);
    again.forEach((r, i) => expect(r).toBe(a[i]));
    expect(cache.stats).toEqual({ hits: 3, misses: 6 });
  });

  it("a shared result carries its JSON for yoga's SSE writer, and no copy or message JSON shows it", async () => {
    const [result] = await run(createSharedResultCache(10), TYPENAME_SEQ, [progress(5)]);
    const text = '{"data":{"simulationEvents":{"__typename":"SimulationProgress","seq":5}}}';
    const stringify = (result as ExecutionResult & { stringify?: (value: unknown) => string }).stringify;
    expect(stringify?.(result)).toBe(text);
    // Asked for another value (yoga's copy of a result with errors or http extensions), it serialises that value.
    expect(stringify?.({ data: null })).toBe('{"data":null}');
    expect(Object.keys(result!)).toEqual(['data']);
    expect(JSON.stringify({ id: '1', type: 'next', payload: result })).toBe(`{"id":"1","type":"next","payload":${text}}`);
  });

  it('different variables are different entries, with their own shapes', async () => {
    const cache = createSharedResultCache(100);
    const events = [progress(4), progress(5)];
    const full = await run(cache, WITH_VARIABLE, events, { full: true });
    const bare = await run(cache, WITH_VARIABLE, events, { full: false });
    expect(full.map((r) => r.data)).toEqual([{ simulationEvents: { seq: 4, step: 28 } }, { simulationEvents: { seq: 5, step: 35 } }]);
    expect(bare.map((r) => r.data)).toEqual([{ simulationEvents: { seq: 4 } }, { simulationEvents: { seq: 5 } }]);
    expect(cache.size()).toBe(4);
    // Same seq in another simulation: another entry.
    const other = await run(cache, WITH_VARIABLE, [progress(4, 's_other')], { full: true });
    expect(other[0]!.data).toEqual({ simulationEvents: { seq: 4, step: 28 } });
    expect(cache.size()).toBe(5);
    expect(cache.stats.hits).toBe(0);
  });

  it('holds at most its capacity: the oldest entries go first, and an evicted event is executed again', async () => {
    const cache = createSharedResultCache(10);
    const events = Array.from({ length: 50 }, (_, i) => progress(i + 1));
    const first = await run(cache, TYPENAME_SEQ, events);
    expect(cache.size()).toBe(10);
    const early = await run(cache, TYPENAME_SEQ, [events[0]!]);
    expect(early[0]).not.toBe(first[0]);
    expect(early[0]).toEqual(first[0]);
    const late = await run(cache, TYPENAME_SEQ, [events[49]!]);
    expect(late[0]).toBe(first[49]);
    expect(cache.size()).toBe(10);
    expect(cache.stats).toEqual({ hits: 1, misses: 51 });
  });

  it('a client leaving ends the source stream (unsubscribes)', async () => {
    let returned = false;
    const source: AsyncIterator<SimulationEventRecord> = {
      next: async () => ({ value: progress(1), done: false }),
      return: async () => {
        returned = true;
        return { value: undefined, done: true };
      },
    };
    const it = sharedEventResults(source, { schema, document: parse(TYPENAME_SEQ), contextValue: {} }, createSharedResultCache());
    expect((await it.next()).value).toEqual({ data: { simulationEvents: { __typename: 'SimulationProgress', seq: 1 } } });
    await it.return!();
    expect(returned).toBe(true);
  });

  it('applies to simulationEvents subscriptions only', () => {
    expect(sharedRootField(parse(TYPENAME_SEQ), undefined)).toBe('simulationEvents');
    expect(sharedRootField(parse('subscription { savedItemsChanged { __typename } }'), undefined)).toBeUndefined();
    expect(sharedRootField(parse(`query { simulation(id: "${ID}") { id } }`), undefined)).toBeUndefined();
    expect(sharedRootField(parse(`subscription A { simulationEvents(id: "x") { seq } } query B { __typename }`), 'A')).toBe('simulationEvents');
  });
});

describe('shared replay pages', () => {
  /** A store of `count` events that counts its queries; `grow` appends more. */
  function countingStore(count: number): EventReader & { queries: number; grow(n: number): void } {
    let events = Array.from({ length: count }, (_, i) => progress(i + 1));
    const store = {
      queries: 0,
      grow(n: number) {
        events = [...events, ...Array.from({ length: n }, (_, i) => progress(events.length + i + 1))];
      },
      get: async () => undefined,
      async events(_id: string, after: number, limit: number) {
        store.queries += 1;
        return events.filter((e) => e.seq > after).slice(0, limit);
      },
    };
    return store;
  }

  it('replays of one simulation share each complete page: one query, the same records', async () => {
    const store = countingStore(250);
    const pages = createSharedPageReader(store, { pageEvents: 100, pages: 8 });
    const a = await pages.events(ID, 0, 100);
    const b = await pages.events(ID, 0, 100);
    expect(a.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    b.forEach((e, i) => expect(e).toBe(a[i]));
    expect(store.queries).toBe(1);
    // From the middle of a page, with a limit: the right slice of the same page.
    expect((await pages.events(ID, 37, 10)).map((e) => e.seq)).toEqual([38, 39, 40, 41, 42, 43, 44, 45, 46, 47]);
    expect((await pages.events(ID, 95, 100)).map((e) => e.seq)).toEqual([96, 97, 98, 99, 100]);
    expect(store.queries).toBe(1);
    expect(pages.cachedPages()).toBe(1);
  });

  it('a page still filling is read afresh (it grows), and at most `pages` pages are held', async () => {
    const store = countingStore(250);
    const pages = createSharedPageReader(store, { pageEvents: 100, pages: 2 });
    expect((await pages.events(ID, 200, 100)).map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 201 + i));
    store.grow(30);
    expect((await pages.events(ID, 240, 100)).map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => 241 + i));
    expect(pages.cachedPages()).toBe(0);
    store.grow(120);
    for (let after = 0; after < 400; after += 100) await pages.events(ID, after, 100);
    expect(pages.cachedPages()).toBe(2);
    const before = store.queries;
    await pages.events(ID, 300, 100); // the most recent page: held
    expect(store.queries).toBe(before);
    await pages.events(ID, 0, 100); // the first: dropped, read again
    expect(store.queries).toBe(before + 1);
  });
});

describe('the last page of an ended simulation', () => {
  it('is shared once it ends with the terminal event; before that it is read afresh', async () => {
    let events = Array.from({ length: 139 }, (_, i) => progress(i + 1));
    let queries = 0;
    const store: EventReader = {
      get: async () => undefined,
      async events(_id: string, after: number, limit: number) {
        queries += 1;
        return events.filter((e) => e.seq > after).slice(0, limit);
      },
    };
    const pages = createSharedPageReader(store, { pageEvents: 100, pages: 8 });
    await pages.events(ID, 100, 100);
    await pages.events(ID, 100, 100);
    expect(queries).toBe(2);
    expect(pages.cachedPages()).toBe(0);
    events = [...events, { ...progress(140), type: 'COMPLETED' }];
    const a = await pages.events(ID, 100, 100);
    const b = await pages.events(ID, 120, 100);
    expect(a.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => 101 + i));
    expect(b.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 121 + i));
    expect(b[0]).toBe(a[20]);
    expect(queries).toBe(3);
    expect(pages.cachedPages()).toBe(1);
    // Past the terminal event: nothing (a subscriber that had it already).
    expect(await pages.events(ID, 140, 100)).toEqual([]);
  });
});

describe('shared results on a real server', () => {
  it('WebSocket and SSE subscribers with different selections and `after` each get their shape, every seq once', async () => {
    const { app } = startTestApp({ modules: [simulationModule()] });
    const { url } = await app.start(0, '127.0.0.1');
    const store = createSimulationStore(app.db);
    const rec = await store.create({ job: {}, preset: 'test', plan: {} } as unknown as SimulationRequest);
    const EVENTS = 450;
    const batch = Array.from({ length: EVENTS - 1 }, (_, i) => ({ type: 'PROGRESS', simulatedSeconds: (i + 1) * 200, data: progress(i + 1).data }));
    await store.appendEvents(rec.id, batch);
    await store.appendEvents(rec.id, [{ type: 'COMPLETED', simulatedSeconds: EVENTS * 200, data: { summary: {} } }]);
    await store.setStatus(rec.id, 'COMPLETED');

    const client = createClient({ url: url.replace('http', 'ws'), webSocketImpl: WebSocket, lazy: true, retryAttempts: 0 });
    cleanups.push(() => client.dispose());
    const ws = async (query: string, after: number): Promise<Record<string, unknown>[]> => {
      const out: Record<string, unknown>[] = [];
      for await (const r of client.iterate<{ simulationEvents: Record<string, unknown> }>({ query, variables: { id: rec.id, after } })) {
        expect(r.errors).toBeUndefined();
        out.push(r.data!.simulationEvents);
      }
      return out;
    };
    const sse = async (query: string, after: number): Promise<Record<string, unknown>[]> => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query, variables: { id: rec.id, after } }),
      });
      const blocks = (await res.text()).split('\n\n').filter((b) => b.split('\n').includes('event: next'));
      return blocks.map((b) => (JSON.parse(b.split('\n').find((l) => l.startsWith('data: '))!.slice(6)) as { data: { simulationEvents: Record<string, unknown> } }).data.simulationEvents);
    };
    const small = 'subscription ($id: ID!, $after: Int) { simulationEvents(id: $id, after: $after) { __typename seq } }';
    const large = 'subscription ($id: ID!, $after: Int) { simulationEvents(id: $id, after: $after) { seq ... on SimulationProgress { step simulatedSeconds } } }';
    const [wsSmall, wsLarge, sseSmall, sseLarge] = await Promise.all([ws(small, 0), ws(large, 120), sse(small, 0), sse(large, 333)]);
    const seqs = (from: number): number[] => Array.from({ length: EVENTS - from }, (_, i) => from + i + 1);
    for (const [events, after] of [[wsSmall, 0], [wsLarge, 120], [sseSmall, 0], [sseLarge, 333]] as const) {
      expect(events.map((e) => e.seq)).toEqual(seqs(after));
    }
    expect(wsSmall[0]).toEqual({ __typename: 'SimulationProgress', seq: 1 });
    expect(sseSmall).toEqual(wsSmall);
    expect(wsLarge[0]).toEqual({ seq: 121, step: 847, simulatedSeconds: 24_200 });
    expect(sseLarge[0]).toEqual({ seq: 334, step: 2_338, simulatedSeconds: 66_800 });
    expect(wsLarge.at(-1)).toEqual({ seq: EVENTS });
    expect(sseSmall.at(-1)).toEqual({ __typename: 'SimulationCompleted', seq: EVENTS });
  });
});
