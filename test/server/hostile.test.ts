/**
 * Hostile requests: malformed HTTP bodies, oversized and pathological documents, unexpected internal failures
 * (masked on HTTP and WebSocket alike), oversized bodies and too many WebSocket operations. Never a 5xx, a crash
 * or a leaked internal message.
 */
import { print } from 'graphql';
import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SavedItemsChangedDocument } from '../gql/graphql.js';
import { MAX_OPERATIONS_PER_SOCKET } from '../../src/server/app.js';
import type { SavedItemsStore } from '../../src/schema/context.js';
import { type createTestApp, post, type TestApp } from './helpers.js';
import { cleanups, startTestApp } from './tservers.js';

function app(options: Parameters<typeof createTestApp>[0] = {}): TestApp {
  const t = startTestApp(options);
  return t;
}

const CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'QUERY_TOO_COMPLEX', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE']);

describe('malformed and pathological requests', () => {
  const fragmentBomb = (() => {
    // Each fragment selects the previous one twice: 2^30 fields if expanded naively.
    const lines = ['fragment F0 on Gpu { id name }'];
    for (let i = 1; i <= 30; i++) lines.push(`fragment F${i} on Gpu { ...F${i - 1} ... on Gpu { ...F${i - 1} } }`);
    return `{ gpus { ...F30 } } ${lines.join(' ')}`;
  })();
  const bodies: [string, unknown][] = [
    ['invalid JSON', '{"query": "{ gpus { id } }"'],
    ['a JSON array', '[1, 2, 3]'],
    ['a number as query', { query: 42 }],
    ['variables as a string', { query: 'query($id: ID!) { model(id: $id) { id } }', variables: 'gpt3-175b' }],
    ['no query', { variables: {} }],
    ['a 30,000-character document', { query: `{ ${'__typename '.repeat(2_800)} }` }],
    ['a fragment bomb', { query: fragmentBomb }],
    ['200 aliased plans', { query: `{ ${Array.from({ length: 200 }, (_, i) => `p${i}: trainingPlan(input: {model: "gpt3-175b", cluster: "a100-80gb-x8", globalBatchSize: 8}) { fits }`).join(' ')} }` }],
    ['deep introspection', { query: `{ __schema { types { fields { type { ${'ofType { '.repeat(30)}name${' }'.repeat(30)} } } } } }` }],
    ['an unknown operation name', { query: '{ gpus { id } }', operationName: 'Nope' }],
    ['a mutation over the wrong variable type', { query: 'mutation($n: Int!) { deleteModel(id: $n) }', variables: { n: 1 } }],
  ];
  it.each(bodies)('%s gets a 4xx/200 with coded errors', async (_name, body) => {
    const t = app();
    const response = await post(t.app, body);
    expect(response.status).toBeLessThan(500);
    expect(response.errors?.length).toBeGreaterThan(0);
    for (const error of response.errors!) expect(CODES, `${error.extensions?.code}: ${error.message}`).toContain(error.extensions?.code);
  });
});

describe('unexpected errors', () => {
  const secret = 'SQLITE_CORRUPT at /secret/path.db';
  const brokenStore: SavedItemsStore = {
    list: () => { throw new Error(secret); },
    get: () => { throw new Error(secret); },
    insert: () => { throw new Error(secret); },
    update: () => { throw new Error(secret); },
    delete: () => { throw new Error(secret); },
  };

  it('are masked on HTTP and WebSocket, and reported to the server log hook', async () => {
    const seen: unknown[] = [];
    const t = app({ modules: [{ name: 'broken-store', setup: () => ({ context: { store: brokenStore } }) }], onUnexpectedError: (e) => seen.push(e) });
    const overHttp = await post(t.app, { query: '{ models { id } }' });
    expect(overHttp.status).toBe(200);
    expect(overHttp.errors).toEqual([expect.objectContaining({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
    expect(JSON.stringify(overHttp)).not.toContain('secret');

    const { url } = await t.app.start(0, '127.0.0.1');
    const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    cleanups.push(() => client.dispose());
    const result = await new Promise<unknown>((resolve, reject) =>
      client.subscribe({ query: '{ models { id } }' }, { next: resolve, error: reject, complete: () => undefined }),
    );
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(result).toMatchObject({ errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    expect(seen.length).toBe(2);
    expect(String(seen[0])).toContain(secret);
  });
});

describe('transport limits', () => {
  it('refuses a body over 1 MB with 413', async () => {
    const t = app();
    const { url } = await t.app.start(0, '127.0.0.1');
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(1_100_000) }) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it(`refuses operation ${MAX_OPERATIONS_PER_SOCKET + 1} on one WebSocket`, async () => {
    const t = app();
    const { url } = await t.app.start(0, '127.0.0.1');
    const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    cleanups.push(() => client.dispose());
    for (let i = 0; i < MAX_OPERATIONS_PER_SOCKET; i++) {
      client.subscribe({ query: print(SavedItemsChangedDocument) }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    }
    const start = Date.now();
    while (t.app.pubsub.subscriberCount() < MAX_OPERATIONS_PER_SOCKET && Date.now() - start < 5_000) await new Promise((r) => setTimeout(r, 10));
    expect(t.app.pubsub.subscriberCount()).toBe(MAX_OPERATIONS_PER_SOCKET);
    const refused = await new Promise<unknown>((resolve) =>
      client.subscribe({ query: print(SavedItemsChangedDocument) }, { next: () => undefined, error: resolve, complete: () => resolve('completed') }),
    );
    expect(refused).toEqual([expect.objectContaining({ extensions: { code: 'QUERY_TOO_COMPLEX' } })]);
    expect(t.app.pubsub.subscriberCount()).toBe(MAX_OPERATIONS_PER_SOCKET);
  });
});
