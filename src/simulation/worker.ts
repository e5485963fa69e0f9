/**
 * Worker thread body of the simulation runner: runs the engine's event generator, posts events in batches
 * (as fast as possible) or one by one at their due wall time (paced), then the summary.
 *
 * Pacing: the detailed replicas' timelines play back at `pace` simulated seconds per wall second, one after the
 * other; replicas without detailed events (and the final summary) are not paced.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InvalidInputError } from '../core/errors.js';
import { predictedLoss } from '../core/scaling.js';
import { simulationEvents, type SimulationEngineEvent } from './engine.js';
import type { SimulationJob, WorkerMessage } from './runner.js';

interface WorkerInput {
  job: SimulationJob;
  batchEvents: number;
  batchMilliseconds: number;
}

const input = workerData as WorkerInput;
const post = (message: WorkerMessage): void => parentPort!.postMessage(message);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const PACED_BATCH_MS = 25;

async function main(): Promise<void> {
  const { job } = input;
  const loss = job.loss;
  const gen = simulationEvents({
    ...job.setup,
    predictedLoss: loss ? (tokens: number) => predictedLoss(loss.law, loss.parameters, tokens) : null,
  });
  const detailed = job.setup.detailedReplicas ?? 1;
  const pace = job.pace;
  let batch: SimulationEngineEvent[] = [];
  let lastFlush = performance.now();
  const flush = (): void => {
    if (batch.length > 0) post({ type: 'events', events: batch });
    batch = [];
    lastFlush = performance.now();
  };
  const wallStart = performance.now();
  let pacedBase = 0; // simulated seconds of the detailed replicas already played
  let count = 0;
  for (;;) {
    const next = gen.next();
    if (next.done) {
      flush();
      post({ type: 'done', summary: next.value });
      return;
    }
    const event = next.value;
    const pacedEvent = pace !== null && event.type !== 'REPLICA_COMPLETED' && event.type !== 'COMPLETED';
    if (pacedEvent) {
      // Events due within PACED_BATCH_MS travel together (one message, one database transaction); otherwise
      // send what is due and sleep until this event's time. No event is late by more than PACED_BATCH_MS.
      const due = wallStart + ((pacedBase + event.simulatedSeconds) / pace) * 1000;
      const wait = due - performance.now();
      if (wait > PACED_BATCH_MS) {
        flush();
        await sleep(wait);
      }
      batch.push(event);
      continue;
    }
    if (event.type === 'REPLICA_COMPLETED' && pace !== null && event.replica < detailed) {
      pacedBase += event.simulatedSeconds;
    }
    batch.push(event);
    count++;
    if (batch.length >= input.batchEvents || ((count & 63) === 0 && performance.now() - lastFlush >= input.batchMilliseconds)) {
      flush();
    }
  }
}

main().catch((error: unknown) => {
  if (error instanceof InvalidInputError) {
    post({ type: 'error', invalidInput: { field: error.field, value: error.value, allowed: error.allowed }, message: error.message });
  } else {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
