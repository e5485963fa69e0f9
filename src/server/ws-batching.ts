/**
 * WebSocket messages written in batches. graphql-ws sends each `next` message on its own and waits for the write
 * to complete before taking the subscription's next event, so every event cost one writev system call per
 * subscriber (36 % of the server's CPU with 200 subscribers replaying). Here each socket is corked at its first
 * send in a tick and uncorked once the tick's work is done, so what a subscription sends in one turn of the event
 * loop leaves in one write; and a send is reported done at once while the socket's buffer is below its high-water
 * mark (otherwise when the data is written), so graphql-ws goes on with the next event. Per-socket memory stays
 * bounded by that mark (16 KiB by default), and a slow reader still holds back only its own subscriptions.
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { WebSocket, WebSocketServer } from 'ws';

type SendCallback = (error?: Error) => void;

/** Wraps `socket.send` (see above); `raw` is the TCP socket under it. */
export function batchSends(socket: WebSocket, raw: Socket): void {
  const send = socket.send.bind(socket) as (data: unknown, options: object, cb?: SendCallback) => void;
  let corked = false;
  const uncork = (): void => {
    corked = false;
    raw.uncork();
  };
  socket.send = ((data: unknown, optionsOrCb?: object | SendCallback, maybeCb?: SendCallback): void => {
    const cb = typeof optionsOrCb === 'function' ? optionsOrCb : maybeCb;
    const options = typeof optionsOrCb === 'object' ? optionsOrCb : {};
    if (!corked && !raw.destroyed) {
      corked = true;
      raw.cork();
      process.nextTick(uncork);
    }
    if (!cb) {
      send(data, options);
      return;
    }
    let reported = false;
    const report = (error?: Error): void => {
      if (reported) return;
      reported = true;
      cb(error);
    };
    send(data, options, report);
    // Below the high-water mark: done for the caller now (its data leaves at the uncork). Above it: when written.
    if (!reported && !raw.writableNeedDrain) queueMicrotask(() => report());
  }) as WebSocket['send'];
}

/** Batches every connection's sends; call before other 'connection' listeners (graphql-ws's) are added. */
export function batchWebSocketSends(wss: WebSocketServer): void {
  wss.on('connection', (socket: WebSocket, request: IncomingMessage) => batchSends(socket, request.socket));
}
