/**
 * Cooperative time-slicing for long loops on the main thread (replaying stored simulation events): however many run
 * at once, together they hold the event loop for at most SLICE_MS before other work (HTTP requests, WebSocket
 * messages, timers) gets a turn, and they take turns round-robin so none starves.
 *
 * A loop calls `const wait = takeTurn(); if (wait) await wait;` before each unit of work. While the current slice
 * (started by the last setImmediate) has time left and nobody is waiting, it continues at once; otherwise it
 * queues (FIFO), the head of the queue is handed the turn while the slice lasts, and once the slice is spent the
 * queue resumes in the next event-loop iteration, after pending I/O.
 */
import { performance } from 'node:perf_hooks';

/** Longest run of queued work between two chances for I/O, in milliseconds. */
export const SLICE_MS = 4;

const queue: (() => void)[] = [];
let sliceStart = performance.now();
let scheduled = false;

function nextSlice(): void {
  scheduled = false;
  sliceStart = performance.now();
  pump();
}

function pump(): void {
  if (queue.length === 0) return;
  if (performance.now() - sliceStart < SLICE_MS) {
    // Hand the turn to the longest waiter; it hands it on at its next takeTurn(). If it never calls again (its
    // consumer went away, or it waits for I/O), the next slice carries on with the rest.
    queue.shift()!();
    if (queue.length > 0 && !scheduled) {
      scheduled = true;
      setImmediate(nextSlice);
    }
  } else if (!scheduled) {
    scheduled = true;
    setImmediate(nextSlice);
  }
}

/** Undefined to go on now, or a promise that settles when it is this caller's turn. */
export function takeTurn(): Promise<void> | undefined {
  if (queue.length === 0 && performance.now() - sliceStart < SLICE_MS) return undefined;
  const turn = new Promise<void>((resolve) => queue.push(resolve));
  pump();
  return turn;
}

/**
 * A new subscription waits for a turn before its set-up (parse, validate, context, subscribe, first page read):
 * hundreds of clients joining at once otherwise run all their set-ups in the one poll phase that read their
 * messages, ahead of any request that arrived with them. Admitted in turns, each join is one unit of work in the
 * same queue as the replays, and a slice still ends after SLICE_MS.
 */
export function admitSubscription(): Promise<void> {
  return takeTurn() ?? Promise.resolve();
}

/** Loops waiting for a turn (metrics, tests). */
export function waitingForTurn(): number {
  return queue.length;
}
