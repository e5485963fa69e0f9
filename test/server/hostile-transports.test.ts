/**
 * The key cases of the hostile corpus (bench/hostile-corpus.ts; the whole corpus: `npx tsx bench/load-hostile.ts`)
 * over SSE and WebSocket against a listening server with an API key: each is answered with a 4xx, a coded GraphQL
 * error or a WebSocket close code of the protocol — never a 5xx, an internal error or silence — and the server
 * still answers afterwards.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { httpCases, stillServing, wsCases, type Target } from '../../bench/hostile-corpus.js';
import { parseApiKeys } from '../../src/server/auth.js';
import { createTestApp, removeDir, type TestApp } from './helpers.js';

const KEY = 'hostile-test-key-0123456789';
let t: TestApp;
let target: Target;

beforeAll(async () => {
  t = createTestApp({ auth: { keys: parseApiKeys(`test:${KEY}`, 'test'), requireKeyForReads: false } });
  const { url } = await t.app.start(0, '127.0.0.1');
  target = { url, key: KEY };
});
afterAll(async () => {
  await t.dispose();
  removeDir(t.dir);
});

const SSE_EXPECTED: Record<string, string> = {
  deepJsonVariables: 'HTTP 400 [BAD_REQUEST]',
  fragmentBomb: 'HTTP 200 [QUERY_TOO_COMPLEX]',
  badUserInput: 'HTTP 200 [BAD_USER_INPUT]',
  mutationWithoutKey: 'HTTP 401 [UNAUTHENTICATED]',
  oversizedBody: 'HTTP 413 [PAYLOAD_TOO_LARGE]',
  chunked20MbBody: 'HTTP 413 [PAYLOAD_TOO_LARGE]',
  badOrigin: 'HTTP 403 [FORBIDDEN]',
  formEncodedWrite: 'HTTP 415 [UNSUPPORTED_MEDIA_TYPE]',
  wrongKey: 'HTTP 401 [UNAUTHENTICATED]',
  invalidJson: 'HTTP 400 [BAD_REQUEST]',
};

const WS_EXPECTED: Record<string, string> = {
  deepJsonVariables: 'error [BAD_REQUEST]',
  fragmentBomb: 'error [QUERY_TOO_COMPLEX]',
  mutationWithoutKey: 'next [UNAUTHENTICATED]',
  oversizedMessage: 'close 1009',
  deepJsonMessage: 'close 4400',
  badOrigin: 'upgrade HTTP 403',
  wrongSubprotocol: 'handshake without a subprotocol (the server closes 4406)',
  wrongKeyInInit: 'close 4403',
  notJson: 'close 4400',
  subscribeBeforeInit: 'close 4401',
  duplicateId: 'close 4409',
  subscribeFlood: 'error [QUERY_TOO_COMPLEX ×900]',
};

describe('hostile inputs over SSE', () => {
  it.each(Object.entries(SSE_EXPECTED))('%s → %s', async (name, expected) => {
    const c = httpCases(target, true).find((x) => x.name === name)!;
    expect(await c.run()).toEqual({ ok: true, detail: expected });
    expect(await stillServing(target)).toBe(true);
  });
});

describe('hostile inputs over WebSocket', () => {
  it.each(Object.entries(WS_EXPECTED))('%s → %s', async (name, expected) => {
    const c = wsCases(target).find((x) => x.name === name)!;
    expect(await c.run()).toEqual({ ok: true, detail: expected });
    expect(await stillServing(target)).toBe(true);
  });
});

it('an oversized WebSocket message is the client\'s fault, not an "internal error" on the console', async () => {
  // graphql-ws console.errors every socket error; ws frame errors go to the app's logger instead (app.ts).
  const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    expect((await wsCases(target).find((x) => x.name === 'oversizedMessage')!.run()).detail).toBe('close 1009');
    expect(spy).not.toHaveBeenCalled();
  } finally {
    spy.mockRestore();
  }
});
