/**
 * SSE responses written in batches, as WebSocket sends are (ws-batching.ts). Yoga writes two chunks per event
 * ("event: next" and "data: …"), and each `res.write` of a chunked response is a chunk of its own on the wire
 * (length line, data, CRLF) with its own pass through Node's stream machinery. Node corks a response's socket
 * until the next process tick, but yoga's stream moves each event on through a tick of its own (Readable's
 * maybeReadMore), so every event still left in its own writev: 3.1 s of a 300 × 1,000 SSE replay's 8.1 s of
 * server CPU was writev. Here the chunks written to one response are joined and written once per turn of the event
 * loop (setImmediate: after the fair-share slice that delivered them): one HTTP chunk and one system call per
 * response per turn, whatever number of events the turn delivered.
 *
 * Back-pressure is kept: chunks are held only while they and the response's own buffer stay below its high-water
 * mark; at the mark they are written at once and `write` returns what the real write returned, so yoga (through
 * whatwg-node) waits for 'drain' exactly as before, and stalled-streams.ts sees the same buffer. At most one
 * high-water mark (16 KiB) per response is held here.
 */
import type { ServerResponse } from 'node:http';

type WriteCallback = (error?: Error | null) => void;

/** Wraps `res.write` and `res.end` of one streaming response (see above). */
export function batchSseWrites(res: ServerResponse): void {
  const write = res.write.bind(res) as (chunk: unknown, encoding?: BufferEncoding | WriteCallback, cb?: WriteCallback) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let scheduled = false;

  const flush = (): boolean => {
    if (pending.length === 0) return !res.writableNeedDrain;
    const chunk = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    return write(chunk);
  };
  const flushAfterTurn = (): void => {
    scheduled = false;
    // A response closed meanwhile (client gone) has nowhere to write: what was held is dropped with it.
    if (res.destroyed || res.writableEnded) {
      pending = [];
      pendingBytes = 0;
      return;
    }
    flush();
  };

  res.write = ((chunk: unknown, encodingOrCb?: BufferEncoding | WriteCallback, cb?: WriteCallback): boolean => {
    // A caller that wants to hear when its data is written, or a response already gone: passed through, in order.
    if (typeof encodingOrCb === 'function' || cb || res.destroyed || res.writableEnded) {
      flush();
      return write(chunk, encodingOrCb, cb);
    }
    const buffer =
      typeof chunk === 'string'
        ? Buffer.from(chunk, encodingOrCb ?? 'utf8')
        : Buffer.from((chunk as Uint8Array).buffer, (chunk as Uint8Array).byteOffset, (chunk as Uint8Array).byteLength);
    if (buffer.byteLength === 0) return !res.writableNeedDrain;
    pending.push(buffer);
    pendingBytes += buffer.byteLength;
    if (pendingBytes + res.writableLength >= res.writableHighWaterMark) return flush();
    if (!scheduled) {
      scheduled = true;
      setImmediate(flushAfterTurn);
    }
    return true;
  }) as ServerResponse['write'];

  res.end = ((...args: unknown[]): ServerResponse => {
    if (!res.destroyed && !res.writableEnded) flush();
    return end(...args);
  }) as ServerResponse['end'];
}
