/**
 * A slow SSE subscriber on a real socket (issue 10): the client connects, asks for a simulation's events as SSE and
 * then reads nothing. The stream is pulled (yoga → whatwg-node waits for 'drain'), so the server stops producing
 * once the socket's buffers are full: its own buffered bytes stay near Node's high-water mark (16 KiB) while the
 * replay has megabytes more to send, and the subscription stays open, suspended. Like graphql-ws with a WebSocket
 * that stops answering, the server then drops it (sseStallMs), which releases the subscription. A client that
 * pauses for less than that and reads on gets every event once, in order.
 */
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { simulationModule } from '../../src/server/simulation-module.js';
import { createSimulationStore } from '../../src/server/simulation-store.js';
import type { SimulationRequest } from '../../src/services/contracts.js';
import { cleanups, startTestApp } from './tservers.js';

/** Stored events of the replayed simulation: ≈ 90 bytes each as SSE, ≈ 18 MB in all — over 4× what the loopback
 * socket buffers of this machine take from a reader that reads nothing (tcp_wmem max 4 MiB, rmem 128 KiB start). */
const EVENTS = 200_000;
const STALL_MS = 1_500;
const SUBSCRIPTION = 'subscription ($id: ID!, $after: Int) { simulationEvents(id: $id, after: $after) { seq simulatedSeconds } }';

async function seededServer() {
  const t = startTestApp({ modules: [simulationModule()], sseStallMs: STALL_MS });
  const { port } = await t.app.start(0, '127.0.0.1');
  const store = createSimulationStore(t.app.db);
  const rec = await store.create({ job: { setup: {}, loss: null, pace: null }, preset: 'x', plan: {} } as unknown as SimulationRequest);
  for (let from = 0; from < EVENTS; from += 20_000) {
    await store.appendEvents(rec.id, Array.from({ length: 20_000 }, (_, i) => ({ type: 'PROGRESS', simulatedSeconds: from + i, data: {} })));
  }
  await store.appendEvents(rec.id, [{ type: 'COMPLETED', simulatedSeconds: EVENTS, data: {} }]);
  await store.setStatus(rec.id, 'COMPLETED');
  const metric = async (name: string): Promise<number> => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return Number(line?.split(' ')[1]);
  };
  return { app: t.app, port, id: rec.id, metric };
}

/** A raw HTTP/1.1 SSE request on a socket that reads nothing until `read()` is called. */
function rawSubscriber(port: number, variables: Record<string, unknown>) {
  const body = JSON.stringify({ query: SUBSCRIPTION, variables });
  const socket: Socket = connect(port, '127.0.0.1');
  cleanups.push(() => void socket.destroy());
  socket.pause();
  socket.write(
    `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  let text = '';
  return {
    closed,
    read(): Promise<string> {
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes('event: complete')) socket.end();
      });
      socket.resume();
      return closed.then(() => text);
    },
  };
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - started;
}

describe('a slow SSE subscriber on a real socket', () => {
  it('is bounded in server memory while it reads nothing, then dropped like a silent WebSocket', async () => {
    const s = await seededServer();
    const client = rawSubscriber(s.port, { id: s.id, after: 0 });
    await until(async () => (await s.metric('zeroplan_sse_blocked_streams')) === 1);
    let maxBuffered = 0;
    for (let i = 0; i < 5 && s.app.pubsub.subscriberCount() === 1; i++) {
      maxBuffered = Math.max(maxBuffered, await s.metric('zeroplan_sse_buffered_bytes'));
      await new Promise((r) => setTimeout(r, 100));
    }
    // Suspended, not finished: the replay still holds its subscription, and has not been written to memory.
    expect(s.app.pubsub.subscriberCount()).toBe(1);
    expect(maxBuffered).toBeGreaterThan(0);
    expect(maxBuffered).toBeLessThan(256 * 1024);
    const droppedAfterMs = await until(() => s.app.pubsub.subscriberCount() === 0);
    expect(await s.metric('zeroplan_sse_stalled_dropped_total')).toBe(1);
    expect(await s.metric('zeroplan_active_subscriptions')).toBe(0);
    // What the socket buffers held reaches the client, then the connection ends without the stream's end.
    const text = await client.read();
    const received = [...text.matchAll(/"seq":(\d+)/g)].length;
    expect(text).not.toContain('event: complete');
    expect(received).toBeLessThan(EVENTS / 2);
    console.log(`sse.slowSubscriberBufferedBytesMax: ${maxBuffered}`);
    console.log(`sse.slowSubscriberReleasedAfterBlockedMs: ${droppedAfterMs} (limit ${STALL_MS})`);
    console.log(`sse.slowSubscriberEventsInSocketBuffers: ${received} of ${EVENTS + 1} (${text.length} bytes)`);
  });

  it('a pause shorter than the limit loses nothing: every seq once, in order, to the terminal event', async () => {
    const s = await seededServer();
    const after = EVENTS - 50_000;
    const client = rawSubscriber(s.port, { id: s.id, after });
    await until(async () => (await s.metric('zeroplan_sse_blocked_streams')) === 1);
    await new Promise((r) => setTimeout(r, STALL_MS / 3));
    const text = await client.read();
    const seqs = [...text.matchAll(/"seq":(\d+)/g)].map((m) => Number(m[1]));
    expect(seqs.length).toBe(EVENTS + 1 - after);
    expect(seqs.every((seq, i) => seq === after + 1 + i)).toBe(true);
    expect(await s.metric('zeroplan_sse_stalled_dropped_total')).toBe(0);
  });
});
