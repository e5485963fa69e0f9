/**
 * Cross-site requests on the three transports (HTTP, SSE, WebSocket) against a real listening server: a write from a
 * foreign Origin or in a form encoding is refused before it runs, allow-listed origins get CORS without
 * credentials, and the database shows nothing was written.
 */
import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AppOptions } from '../../src/server/app.js';
import { cleanups, startTestApp } from './tservers.js';


const ALLOWED = 'https://planner.example.com';
const EVIL = 'https://evil.example';
const CREATE = 'mutation { createModel(input: {name: "pwned", layers: 2, hiddenSize: 64, attentionHeads: 2, vocabSize: 100, sequenceLength: 16}) { id } }';

async function serve(options: Partial<AppOptions> = {}): Promise<{ url: string; savedModels: () => number }> {
  const t = startTestApp({ cors: { origins: [ALLOWED] }, ...options });
  const { url } = await t.app.start(0, '127.0.0.1');
  return { url, savedModels: () => (t.app.db.prepare("SELECT COUNT(*) AS n FROM saved_items WHERE kind = 'MODEL'").get() as { n: number }).n };
}

function wsClient(url: string, headers: Record<string, string> = {}, connectionParams?: Record<string, unknown>) {
  const client = createClient({
    url: url.replace(/^http/, 'ws'),
    retryAttempts: 0,
    lazy: true,
    connectionParams,
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers });
      }
    },
  });
  cleanups.push(() => client.dispose());
  return client;
}

/** Runs one operation over WebSocket; resolves with the result or rejects with the close/error. */
function wsRun(client: ReturnType<typeof createClient>, query: string): Promise<{ data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }> {
  return new Promise((resolve, reject) => {
    let result: unknown;
    client.subscribe({ query }, { next: (r) => (result = r), error: reject, complete: () => resolve(result as never) });
  });
}

describe('HTTP', () => {
  it('refuses form-encoded, multipart and text/plain writes with 415, and nothing is written', async () => {
    const s = await serve();
    const bodies: [string, BodyInit][] = [
      ['application/x-www-form-urlencoded', new URLSearchParams({ query: CREATE }).toString()],
      ['text/plain', JSON.stringify({ query: CREATE })],
    ];
    for (const [type, body] of bodies) {
      const r = await fetch(s.url, { method: 'POST', headers: { 'content-type': type }, body });
      expect(r.status, type).toBe(415);
      expect(((await r.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: CREATE }));
    form.set('map', '{}');
    const multipart = await fetch(s.url, { method: 'POST', body: form });
    expect(multipart.status).toBe(415);
    expect(s.savedModels()).toBe(0);
  });

  it('refuses a JSON write from a foreign Origin with 403 and runs it from the own or an allow-listed one', async () => {
    const s = await serve();
    const post = (origin?: string) =>
      fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) }, body: JSON.stringify({ query: CREATE }) });
    const evil = await post(EVIL);
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(s.savedModels()).toBe(0);

    const own = await post(new URL(s.url).origin);
    expect(own.status).toBe(200);
    const allowed = await post(ALLOWED);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect(s.savedModels()).toBe(2);
  });

  it('answers a foreign preflight without CORS headers (no reflection, no credentials)', async () => {
    const s = await serve();
    const preflight = (origin: string) =>
      fetch(s.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    const evil = await preflight(EVIL);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(evil.headers.get('access-control-allow-credentials')).toBeNull();
    const allowed = await preflight(ALLOWED);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
  });
});

describe('SSE', () => {
  it('refuses a subscription or a write over SSE from a foreign Origin, and a form-encoded one', async () => {
    const s = await serve();
    const sse = (headers: Record<string, string>, body: string) =>
      fetch(s.url, { method: 'POST', headers: { accept: 'text/event-stream', ...headers }, body });
    const evil = await sse({ 'content-type': 'application/json', origin: EVIL }, JSON.stringify({ query: CREATE }));
    expect(evil.status).toBe(403);
    const evilSub = await fetch(`${s.url}?query=${encodeURIComponent('subscription { savedItemsChanged { id } }')}`, { headers: { accept: 'text/event-stream', origin: EVIL } });
    expect(evilSub.status).toBe(403);
    const form = await sse({ 'content-type': 'application/x-www-form-urlencoded' }, new URLSearchParams({ query: CREATE }).toString());
    expect(form.status).toBe(415);
    expect(s.savedModels()).toBe(0);
    // The same write from the server's own origin runs over SSE.
    const own = await sse({ 'content-type': 'application/json', origin: new URL(s.url).origin }, JSON.stringify({ query: CREATE }));
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('"createModel"');
    expect(s.savedModels()).toBe(1);
  });
});

describe('WebSocket', () => {
  it('refuses the upgrade from a foreign Origin (nothing runs) and accepts the own origin and no Origin', async () => {
    const s = await serve();
    await expect(wsRun(wsClient(s.url, { origin: EVIL }), CREATE)).rejects.toBeTruthy();
    expect(s.savedModels()).toBe(0);
    const own = await wsRun(wsClient(s.url, { origin: new URL(s.url).origin }), CREATE);
    expect(own.errors).toBeUndefined();
    const allowed = await wsRun(wsClient(s.url, { origin: ALLOWED }), CREATE);
    expect(allowed.errors).toBeUndefined();
    const script = await wsRun(wsClient(s.url), CREATE);
    expect(script.errors).toBeUndefined();
    expect(s.savedModels()).toBe(3);
  });
});
