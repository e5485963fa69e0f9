/**
 * Server logging: expected errors (bad input, unknown ids, refused preset edits, limits, malformed requests) are
 * answers, not server faults — never logged as errors, at most one debug line. Unexpected (masked) errors are logged
 * once each as an error with their stack, on HTTP and WebSocket.
 */
import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { SavedItemsStore } from '../../src/schema/context.js';
import type { Logger } from '../../src/server/logging.js';
import { type createTestApp, post, type TestApp } from './helpers.js';
import { cleanups, startTestApp } from './tservers.js';

interface Line { level: keyof Logger; args: unknown[] }

function recordingApp(options: Parameters<typeof createTestApp>[0] = {}): { t: TestApp; lines: Line[] } {
  const lines: Line[] = [];
  const logger: Logger = {
    debug: (...args) => lines.push({ level: 'debug', args }),
    info: (...args) => lines.push({ level: 'info', args }),
    warn: (...args) => lines.push({ level: 'warn', args }),
    error: (...args) => lines.push({ level: 'error', args }),
  };
  const t = startTestApp({ ...options, logger });
  return { t, lines };
}

const PLAN = 'model: "gpt3-175b", cluster: "a100-80gb-x1024", globalBatchSize: 1536';
const EXPECTED: [string, unknown, string][] = [
  ['tensorParallel 7 (core InvalidInputError)', { query: `{ trainingPlan(input: {${PLAN}, tensorParallel: 7}) { fits } }` }, 'BAD_USER_INPUT'],
  ['both model and modelSpec', { query: `{ trainingPlan(input: {${PLAN}, modelSpec: {layers: 2, hiddenSize: 64, attentionHeads: 4, vocabSize: 100, sequenceLength: 64}}) { fits } }` }, 'BAD_USER_INPUT'],
  ['an argument out of range (validate: bound)', { query: '{ modelStateMemory(parameters: -1, dataParallel: 64) { stage } }' }, 'BAD_USER_INPUT'],
  ['an unknown model id', { query: '{ trainingPlan(input: {model: "nope", cluster: "a100-80gb-x8", globalBatchSize: 8}) { fits } }' }, 'NOT_FOUND'],
  ['deleting a preset', { query: 'mutation { deleteModel(id: "gpt3-175b") }' }, 'FORBIDDEN'],
  ['a wrong variable type', { query: 'query($n: Int!) { maxTrainableParameters(gpu: "a100-80gb", gpus: $n, zeroStage: 3) }', variables: { n: 'x' } }, 'BAD_USER_INPUT'],
  ['an unknown field', { query: '{ nope }' }, 'GRAPHQL_VALIDATION_FAILED'],
  ['a syntax error', { query: '{ gpus { ' }, 'GRAPHQL_PARSE_FAILED'],
  ['invalid JSON', '{"query": "{ gpus { id } }"', 'BAD_REQUEST'],
  ['a document over the size limit', { query: `{ ${'__typename '.repeat(2_800)} }` }, 'QUERY_TOO_COMPLEX'],
];

describe('expected errors', () => {
  it.each(EXPECTED)('%s: answered with its code, logged as no error', async (_name, body, code) => {
    const { t, lines } = recordingApp();
    const response = await post(t.app, body);
    expect(response.errors?.map((e) => e.extensions?.code)).toContain(code);
    expect(lines.filter((l) => l.level === 'error' || l.level === 'warn')).toEqual([]);
    // At most one debug line per error, and it is one line (no stack).
    const debug = lines.filter((l) => l.level === 'debug' && l.args[0] === 'expected error');
    expect(debug.length).toBeLessThanOrEqual(response.errors!.length);
    for (const line of debug) expect(String(line.args[1])).not.toContain('\n    at ');
  });

  it('the tensorParallel 7 case leaves a debug line naming the code, field path and message', async () => {
    const { t, lines } = recordingApp();
    await post(t.app, EXPECTED[0]![1]);
    expect(lines.filter((l) => l.level === 'debug' && l.args[0] === 'expected error').map((l) => l.args[1])).toEqual([
      'BAD_USER_INPUT at trainingPlan: input.tensorParallel = 7 is invalid: expected a divisor of attentionHeads (96)',
    ]);
  });

  it('over WebSocket too', async () => {
    const { t, lines } = recordingApp();
    const { url } = await t.app.start(0, '127.0.0.1');
    const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    cleanups.push(() => client.dispose());
    const result = await new Promise<unknown>((resolve, reject) =>
      client.subscribe({ query: `{ trainingPlan(input: {${PLAN}, tensorParallel: 7}) { fits } }` }, { next: resolve, error: reject, complete: () => undefined }),
    );
    expect(result).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('unexpected errors', () => {
  const secret = 'SQLITE_CORRUPT at /secret/path.db';
  const fail = (): never => { throw new Error(secret); };
  const brokenStore: SavedItemsStore = { list: fail, get: fail, insert: fail, update: fail, delete: fail };

  it('are logged once each as an error with the stack, on HTTP and WebSocket', async () => {
    const { t, lines } = recordingApp({ modules: [{ name: 'broken-store', setup: () => ({ context: { store: brokenStore } }) }] });
    const overHttp = await post(t.app, { query: '{ models { id } }' });
    expect(overHttp.errors).toEqual([expect.objectContaining({ extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
    const errors = () => lines.filter((l) => l.level === 'error');
    expect(errors().length).toBe(1);
    const logged = errors()[0]!.args.find((a) => a instanceof Error) as Error;
    expect(logged.message).toContain(secret);
    expect(logged.stack).toMatch(/\n\s+at /);

    const { url } = await t.app.start(0, '127.0.0.1');
    const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    cleanups.push(() => client.dispose());
    await new Promise<unknown>((resolve, reject) =>
      client.subscribe({ query: '{ models { id } }' }, { next: resolve, error: reject, complete: () => undefined }),
    );
    expect(errors().length).toBe(2);
  });

  it('go to onUnexpectedError instead of the log when given', async () => {
    const seen: unknown[] = [];
    const { t, lines } = recordingApp({ modules: [{ name: 'broken-store', setup: () => ({ context: { store: brokenStore } }) }], onUnexpectedError: (e) => seen.push(e) });
    await post(t.app, { query: '{ models { id } }' });
    expect(seen.length).toBe(1);
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
