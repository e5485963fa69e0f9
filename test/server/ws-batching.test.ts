/**
 * WebSocket sends batched per tick (src/server/ws-batching.ts): what a socket is sent in one turn of the event loop
 * leaves in one write, arrives whole and in order, and every send's callback is called; a send above the socket's
 * high-water mark is reported only once written (back-pressure).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { batchWebSocketSends } from '../../src/server/ws-batching.js';
import { cleanups } from './tservers.js';

/** A server socket with batched sends, its TCP socket (its writes counted), and a client. */
async function pair(): Promise<{ server: WebSocket; raw: Socket; writes: () => number; client: WebSocket; received: string[] }> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  batchWebSocketSends(wss);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => http.close(() => resolve())));
  cleanups.push(() => {
    for (const c of wss.clients) c.terminate();
    wss.close();
  });
  const connected = new Promise<[WebSocket, IncomingMessage]>((resolve) => wss.once('connection', (s, r) => resolve([s, r])));
  const client = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
  const received: string[] = [];
  client.on('message', (m) => received.push(String(m)));
  await new Promise((resolve) => client.once('open', resolve));
  const [server, request] = await connected;
  const raw = request.socket as Socket & { _writev: (...a: unknown[]) => void; _write: (...a: unknown[]) => void };
  let count = 0;
  for (const name of ['_writev', '_write'] as const) {
    const original = raw[name].bind(raw);
    raw[name] = (...a: unknown[]) => {
      count += 1;
      original(...a);
    };
  }
  return { server, raw, writes: () => count, client, received };
}

describe('batched WebSocket sends', () => {
  it('100 messages sent in one tick leave in one write, arrive in order, and every callback fires', async () => {
    const { server, writes, received } = await pair();
    let called = 0;
    for (let i = 0; i < 100; i++) server.send(JSON.stringify({ i }), () => called++);
    await new Promise((resolve) => setTimeout(resolve, 50));
    while (received.length < 100) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(received.map((m) => (JSON.parse(m) as { i: number }).i)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(called).toBe(100);
    expect(writes()).toBe(1);
  });

  it('above the high-water mark a send is reported when written, not before', async () => {
    const { server, raw } = await pair();
    const big = 'x'.repeat(4 * raw.writableHighWaterMark);
    let reported = false;
    server.send(big, () => (reported = true));
    // Still corked within this tick: the data is buffered, above the mark, so the caller must wait.
    expect(raw.writableNeedDrain).toBe(true);
    await Promise.resolve();
    await Promise.resolve();
    expect(reported).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reported).toBe(true);
  });
});
