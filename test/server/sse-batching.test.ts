/**
 * SSE responses written per turn of the event loop (src/server/sse-batching.ts): what a streaming response is
 * written in one turn, over however many process ticks, goes to Node's response once (one HTTP chunk) and arrives
 * whole and in order; end() sends what is
 * held first; at the response's high-water mark the held chunks are written at once and `write` returns false
 * exactly when the real write does, so a caller waiting for 'drain' (yoga through whatwg-node) still waits.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { batchSseWrites } from '../../src/server/sse-batching.js';
import { cleanups } from './tservers.js';

/** A streaming response with batched writes (the real writes counted) and the request that reads it. */
async function pair(options: { read: boolean }): Promise<{ res: ServerResponse; realWrites: () => number; body: () => Promise<string> }> {
  let resolveRes!: (res: ServerResponse) => void;
  const gotRes = new Promise<ServerResponse>((resolve) => (resolveRes = resolve));
  const http = createServer((_req, res) => resolveRes(res));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    http.closeAllConnections();
    return new Promise<void>((resolve) => http.close(() => resolve()));
  });
  const response = fetch(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`, { headers: { accept: 'text/event-stream' } });
  // The unread response is cut at clean-up: its rejection is expected.
  response.catch(() => undefined);
  const res = await gotRes;
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  let count = 0;
  const write = res.write.bind(res) as (...a: unknown[]) => boolean;
  res.write = ((...a: unknown[]) => {
    count += 1;
    return write(...a);
  }) as ServerResponse['write'];
  batchSseWrites(res);
  const body = async (): Promise<string> => (options.read ? (await response).text() : '');
  return { res, realWrites: () => count, body };
}

describe('batched SSE writes', () => {
  it('200 chunks written in one tick reach the response as one write and arrive in order', async () => {
    const { res, realWrites, body } = await pair({ read: true });
    const sent: string[] = [];
    for (let i = 0; i < 100; i++) {
      sent.push('event: next\n', `data: {"seq":${i}}\n\n`);
      expect(res.write(sent.at(-2)!)).toBe(true);
      expect(res.write(new TextEncoder().encode(sent.at(-1)!))).toBe(true);
    }
    // Held until the turn's work is done.
    expect(realWrites()).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(realWrites()).toBe(1);
    res.write('event: complete\n');
    res.end('data:\n\n');
    expect(await body()).toBe(`${sent.join('')}event: complete\ndata:\n\n`);
    // The chunk held at end() went out before end's own data, as a write of its own.
    expect(realWrites()).toBe(2);
  });

  it('chunks written over several process ticks of one turn of the event loop (as yoga\'s stream does) are one write', async () => {
    const { res, realWrites, body } = await pair({ read: true });
    let expected = '';
    for (let i = 0; i < 50; i++) {
      await new Promise((resolve) => process.nextTick(resolve));
      res.write(`data: ${i}\n\n`);
      expected += `data: ${i}\n\n`;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(realWrites()).toBe(1);
    res.end();
    expect(await body()).toBe(expected);
  });

  it('at the high-water mark it writes at once and reports the real back-pressure', async () => {
    const { res, realWrites } = await pair({ read: false });
    const mark = res.writableHighWaterMark;
    const small = 'x'.repeat(Math.floor(mark / 4));
    expect(res.write(small)).toBe(true);
    expect(res.write(small)).toBe(true);
    expect(realWrites()).toBe(0);
    // The chunk that brings the held bytes to the mark makes one real write, whose answer (false: over the mark
    // in the response's own buffer) is passed on.
    const big = 'y'.repeat(mark);
    expect(res.write(big)).toBe(false);
    expect(realWrites()).toBe(1);
    expect(res.writableNeedDrain).toBe(true);
    expect(res.writableLength).toBeGreaterThanOrEqual(2 * small.length + big.length);
  });
});
