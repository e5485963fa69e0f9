/**
 * Slow SSE subscribers (docs/operations.md). Yoga's SSE stream is pulled: a response whose socket does not drain
 * (write() returned false) pulls no further event, so the subscription waits in its bounded pubsub buffer and, for
 * simulations, catches up from the database later (simulation-module.ts). Server memory per slow subscriber is
 * therefore bounded by the socket's high-water mark plus one event.
 *
 * What the pull alone does not do is end a subscriber that never reads again: graphql-ws terminates a WebSocket
 * that misses a pong (its keep-alive, 12 s ping + 12 s wait), but an SSE response would hold its subscription
 * forever. This watch does the same for SSE: a response that stays blocked (write buffer full, no 'drain') for
 * `stallMs` is destroyed, which cancels its stream and releases the subscription.
 */
import type { ServerResponse } from 'node:http';
import { Counter, Gauge, type Registry } from 'prom-client';

/** As long as graphql-ws gives a WebSocket that stopped answering (ping every 12 s, terminate 12 s later). */
export const STALLED_STREAM_MS = 24_000;

export interface StallWatch {
  /** Watches one streaming response until it closes. */
  watch(res: ServerResponse): void;
  /** Bytes written by watched responses and not yet taken by the kernel (user-space buffers). */
  bufferedBytes(): number;
  /** Watched responses whose write buffer is full now. */
  blockedCount(): number;
  /** Responses dropped for staying blocked `stallMs`, since creation. */
  droppedCount(): number;
  /** zeroplan_sse_buffered_bytes, zeroplan_sse_blocked_streams, zeroplan_sse_stalled_dropped_total. */
  register(registry: Registry): void;
  close(): void;
}

export function createStallWatch(stallMs: number = STALLED_STREAM_MS): StallWatch {
  /** Response → when its write buffer was first seen full (undefined: not blocked). */
  const watched = new Map<ServerResponse, number | undefined>();
  let dropped = 0;
  let dropCounter: Counter | undefined;
  let timer: NodeJS.Timeout | undefined;
  const sweep = (): void => {
    const now = Date.now();
    for (const [res, since] of watched) {
      if (!res.writableNeedDrain) watched.set(res, undefined);
      else if (since === undefined) watched.set(res, now);
      else if (now - since >= stallMs) {
        watched.delete(res);
        dropped += 1;
        dropCounter?.inc();
        res.destroy();
      }
    }
    if (watched.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
  const bufferedBytes = (): number => [...watched.keys()].reduce((sum, res) => sum + res.writableLength, 0);
  const blockedCount = (): number => [...watched.keys()].filter((res) => res.writableNeedDrain).length;
  return {
    watch(res) {
      watched.set(res, undefined);
      res.once('close', () => watched.delete(res));
      // Checked a few times per stall period: a stream is dropped between stallMs and 1.25 × stallMs.
      timer ??= setInterval(sweep, Math.max(50, Math.floor(stallMs / 4)));
      timer.unref();
    },
    bufferedBytes,
    blockedCount,
    droppedCount: () => dropped,
    register(registry) {
      new Gauge({
        name: 'zeroplan_sse_buffered_bytes',
        help: 'Bytes of SSE responses waiting in server memory for slow clients.',
        registers: [registry],
        collect() {
          this.set(bufferedBytes());
        },
      });
      new Gauge({
        name: 'zeroplan_sse_blocked_streams',
        help: 'SSE responses whose client is not reading now (write buffer full).',
        registers: [registry],
        collect() {
          this.set(blockedCount());
        },
      });
      dropCounter = new Counter({
        name: 'zeroplan_sse_stalled_dropped_total',
        help: 'SSE responses closed because their client stopped reading for the stall limit.',
        registers: [registry],
      });
      dropCounter.inc(dropped);
    },
    close() {
      if (timer) clearInterval(timer);
      timer = undefined;
      watched.clear();
    },
  };
}
