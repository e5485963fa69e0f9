/**
 * The real server on a free loopback port: subscriptions over WebSocket (graphql-ws client, graphql-transport-ws)
 * and over SSE (fetch with Accept: text/event-stream), the same limits and error codes on both transports, a slow
 * subscriber that cannot grow memory, and a graceful stop with clients still connected. Servers are always stopped.
 */
import { createClient, type Client } from 'graphql-ws';
import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CreateModelDocument, SavedItemsChangedDocument, type SavedItemsChangedSubscription } from '../gql/graphql.js';
import type { TestApp } from './helpers.js';
import { cleanups, startTestApp } from './tservers.js';

async function startServer(): Promise<{ t: TestApp; url: string; wsUrl: string }> {
  const t = startTestApp();
  const { url } = await t.app.start(0, '127.0.0.1');
  return { t, url, wsUrl: url.replace(/^http/, 'ws') };
}

function wsClient(wsUrl: string): Client {
  const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  cleanups.push(() => client.dispose());
  return client;
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function createModel(url: string, name: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: print(CreateModelDocument),
      variables: { input: { name, layers: 2, hiddenSize: 64, attentionHeads: 4, vocabSize: 100, sequenceLength: 64 } },
    }),
  });
  const body = (await response.json()) as { data: { createModel: { id: string } } };
  return body.data.createModel.id;
}

/** Reads SSE `data:` payloads of `event: next` messages from a fetch response body. */
async function* sseEvents(response: Response): AsyncGenerator<unknown> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = message.split('\n');
        const event = lines.find((l) => l.startsWith('event:'))?.slice(6).trim();
        const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
        if (event === 'complete') return;
        if (data) yield JSON.parse(data);
      }
    }
  } finally {
    reader.releaseLock();
  }
}

describe('subscriptions on a real server', () => {
  it('delivers savedItemsChanged over WebSocket (graphql-ws)', async () => {
    const { t, url, wsUrl } = await startServer();
    const client = wsClient(wsUrl);
    const iterator = client.iterate<SavedItemsChangedSubscription>({ query: print(SavedItemsChangedDocument), variables: { kinds: ['MODEL'] } });
    const first = iterator.next();
    await waitFor(() => t.app.pubsub.subscriberCount() === 1, 'the WebSocket subscription');
    const id = await createModel(url, 'over-ws');
    const { value } = await first;
    expect(value?.errors).toBeUndefined();
    expect(value?.data?.savedItemsChanged).toEqual({ kind: 'MODEL', id, name: 'over-ws', change: 'CREATED', missedEvents: 0 });
    await iterator.return?.();
    await waitFor(() => t.app.pubsub.subscriberCount() === 0, 'the subscription to end');
  });

  it('delivers savedItemsChanged over SSE (Accept: text/event-stream)', async () => {
    const { t, url } = await startServer();
    const abort = new AbortController();
    cleanups.push(() => abort.abort());
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: print(SavedItemsChangedDocument) }),
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = sseEvents(response);
    const first = events.next();
    await waitFor(() => t.app.pubsub.subscriberCount() === 1, 'the SSE subscription');
    const id = await createModel(url, 'over-sse');
    const { value } = await first;
    expect(value).toEqual({ data: { savedItemsChanged: { kind: 'MODEL', id, name: 'over-sse', change: 'CREATED', missedEvents: 0 } } });
    abort.abort();
    await waitFor(() => t.app.pubsub.subscriberCount() === 0, 'the SSE subscription to end after the client left');
  });

  // A client that stops reading: the kernel and client buffers fill, the server's writes wait (SSE: response
  // backpressure; WebSocket: graphql-ws awaits each send), and the bounded pubsub then drops the oldest events.
  // Exact accounting: every published event is either delivered or counted in a later missedEvents.
  const PUBLISHED = 200_000;
  async function flood(t: TestApp): Promise<void> {
    for (let i = 1; i <= PUBLISHED; i++) {
      t.app.pubsub.publish('savedItemsChanged', { kind: 'MODEL', id: `m_${i}`, name: 'flood', change: 'UPDATED' });
      if (i % 5_000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  async function account(next: () => Promise<{ id: string; missedEvents: number }>): Promise<{ delivered: number; missed: number; lastId: string }> {
    let delivered = 0;
    let missed = 0;
    let lastId = '';
    while (delivered + missed < PUBLISHED) {
      const event = await next();
      delivered += 1;
      missed += event.missedEvents;
      lastId = event.id;
    }
    return { delivered, missed, lastId };
  }

  it('an SSE client that stops reading loses the oldest events, is told how many, and nothing else is lost', async () => {
    const { t, url } = await startServer();
    const abort = new AbortController();
    cleanups.push(() => abort.abort());
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: print(SavedItemsChangedDocument) }),
      signal: abort.signal,
    });
    await waitFor(() => t.app.pubsub.subscriberCount() === 1, 'the SSE subscription');
    await flood(t);
    const events = sseEvents(response);
    const result = await account(async () => {
      const { value } = await events.next();
      return (value as { data: SavedItemsChangedSubscription }).data.savedItemsChanged;
    });
    expect(result.missed).toBeGreaterThan(0);
    expect(result.delivered).toBeLessThan(PUBLISHED / 2);
    expect(result.delivered + result.missed).toBe(PUBLISHED);
    expect(result.lastId).toBe(`m_${PUBLISHED}`);
  });

  it('a WebSocket client that stops reading loses the oldest events, is told how many, and nothing else is lost', async () => {
    const { t, wsUrl } = await startServer();
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    cleanups.push(() => socket.terminate());
    const inbox: { type: string; payload?: { data?: SavedItemsChangedSubscription } }[] = [];
    let wake: (() => void) | undefined;
    socket.on('message', (raw) => {
      inbox.push(JSON.parse(String(raw)) as (typeof inbox)[number]);
      wake?.();
    });
    const receive = async (): Promise<(typeof inbox)[number]> => {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      return inbox.shift()!;
    };
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init' }));
    expect((await receive()).type).toBe('connection_ack');
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: print(SavedItemsChangedDocument) } }));
    await waitFor(() => t.app.pubsub.subscriberCount() === 1, 'the WebSocket subscription');
    socket.pause();
    await flood(t);
    socket.resume();
    const result = await account(async () => {
      const message = await receive();
      return message.payload!.data!.savedItemsChanged;
    });
    expect(result.missed).toBeGreaterThan(0);
    expect(result.delivered).toBeLessThan(PUBLISHED / 2);
    expect(result.delivered + result.missed).toBe(PUBLISHED);
    expect(result.lastId).toBe(`m_${PUBLISHED}`);
  });

  it('applies the same limits and error codes over WebSocket as over HTTP', async () => {
    const { url, wsUrl } = await startServer();
    const client = wsClient(wsUrl);
    const deep = `{ __schema { types { fields { type { ${'ofType { '.repeat(24)}name${' }'.repeat(24)} } } } } }`;
    const badPlan = '{ trainingPlan(input: {model: "gpt3-175b", cluster: "a100-80gb-x1024", globalBatchSize: 1536, tensorParallel: 7}) { fits } }';
    const tooComplex = `{ ${Array.from({ length: 300 }, (_, i) => `m${i}: models { id name parameters }`).join(' ')} }`;
    for (const [query, code] of [
      [deep, 'QUERY_TOO_COMPLEX'],
      [badPlan, 'BAD_USER_INPUT'],
      [tooComplex, 'QUERY_TOO_COMPLEX'],
      ['{ nope }', 'GRAPHQL_VALIDATION_FAILED'],
      ['{ gpus { id ', 'GRAPHQL_PARSE_FAILED'],
    ] as const) {
      const overHttp = (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json()) as {
        errors: { extensions: { code: string } }[];
      };
      expect(overHttp.errors[0]!.extensions.code, `HTTP ${code}`).toBe(code);
      const overWs = await new Promise<readonly { extensions?: { code?: string } }[]>((resolve, reject) => {
        client.subscribe(
          { query },
          {
            next: (result) => resolve((result.errors ?? []) as unknown as { extensions?: { code?: string } }[]),
            error: (error) => (Array.isArray(error) ? resolve(error as { extensions?: { code?: string } }[]) : reject(error as Error)),
            complete: () => undefined,
          },
        );
      });
      expect(overWs[0]?.extensions?.code, `WebSocket ${code}`).toBe(code);
    }
  });

  it('stop() closes WebSocket and SSE clients and resolves promptly', async () => {
    const { t, url, wsUrl } = await startServer();
    const client = wsClient(wsUrl);
    let wsCompleted = false;
    client.subscribe({ query: print(SavedItemsChangedDocument) }, { next: () => undefined, error: () => { wsCompleted = true; }, complete: () => { wsCompleted = true; } });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: print(SavedItemsChangedDocument) }),
    });
    const sse = sseEvents(response);
    const sseDone = (async () => {
      for await (const _ of sse) void _;
    })().catch(() => undefined);
    await waitFor(() => t.app.pubsub.subscriberCount() === 2, 'both subscriptions');
    const started = performance.now();
    await t.dispose();
    await sseDone;
    await waitFor(() => wsCompleted, 'the WebSocket client to see the end');
    // Well under the 2 s grace period: nothing had to be cut.
    expect(performance.now() - started).toBeLessThan(2_000);
    await expect(fetch(url)).rejects.toThrow();
  });
});
