/**
 * A listening test server with API keys, and one client per transport (HTTP, SSE, graphql-ws) that sends a key:
 * shared by the key tests (auth.test.ts) and the run-ownership tests (run-ownership.test.ts).
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { parseApiKeys } from '../../src/server/auth.js';
import type { AppOptions } from '../../src/server/app.js';
import { cleanups, startTestApp } from './tservers.js';

export const ALICE = 'alice-key-0123456789abcdef';
export const BOB = 'bob-key-0123456789abcdef00';
export const ADMIN = 'admin-key-0123456789abcdef';
export const KEYS = parseApiKeys(`alice:${ALICE},bob:${BOB},ops:${ADMIN}:admin`, 'test');

export interface Result {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export const codeOf = (r: Result): string | undefined => r.errors?.[0]?.extensions?.code;

export async function serveWithKeys(options: Partial<AppOptions> = {}) {
  const t = startTestApp({ auth: { keys: KEYS, requireKeyForReads: false }, ...options });
  const { url } = await t.app.start(0, '127.0.0.1');
  const headers = (key: string | undefined, accept: string) => ({
    'content-type': 'application/json',
    accept,
    ...(key ? { authorization: `Bearer ${key}` } : {}),
  });
  const http = async (query: string, key?: string, variables: Record<string, unknown> = {}): Promise<Result & { status: number }> => {
    const r = await fetch(url, { method: 'POST', headers: headers(key, 'application/json'), body: JSON.stringify({ query, variables }) });
    return { status: r.status, ...((await r.json()) as Result) };
  };
  /** The whole SSE response text (a mutation over SSE is one `next` event, then `complete`). */
  const sse = async (query: string, key?: string, variables: Record<string, unknown> = {}): Promise<string> => {
    const r = await fetch(url, { method: 'POST', headers: headers(key, 'text/event-stream'), body: JSON.stringify({ query, variables }) });
    return r.text();
  };
  const ws = (key?: string) => {
    const client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: key ? { authorization: `Bearer ${key}` } : {},
    });
    cleanups.push(() => client.dispose());
    return (query: string, variables: Record<string, unknown> = {}): Promise<Result> =>
      new Promise((resolve, reject) => {
        let last: Result = {};
        client.subscribe({ query, variables }, { next: (r) => (last = r as Result), error: reject, complete: () => resolve(last) });
      });
  };
  const count = () => (t.app.db.prepare("SELECT COUNT(*) AS n FROM saved_items WHERE kind = 'MODEL'").get() as { n: number }).n;
  return { url, http, sse, ws, count, app: t.app };
}
