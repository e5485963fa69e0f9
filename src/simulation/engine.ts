/**
 * Deterministic, seeded discrete-event simulation of a whole training run under failures.
 *
 * The model (docs/simulation.md has the long version):
 * - Unexpected job-interrupting failures: a cluster-level Poisson process of rate N_gpu·λ_gpu (superposition of
 *   independent components, MTTF_job = MTBF / N), or one Weibull renewal clock per node started from the
 *   equilibrium residual life (starting them "fresh" nearly doubles early failures — reliability-data.md, traps).
 *   Each failure gets a cause from the cause table (Llama 3 Table 5 by default). Failures arrive in wall time,
 *   also during recovery (they restart the recovery), as in Daly (2006).
 * - Planned stops (Poisson): checkpoint, stop, restart; no work lost. One arriving during a recovery is done
 *   within that downtime (counted, no extra cost).
 * - Recovery = detection → wait for a replacement node (hot spare, else the earliest repair) → re-initialisation
 *   (lognormal) → checkpoint reload (bytes / read bandwidth). Failed nodes go to repair (lognormal mixture of
 *   automatic and manual) and return to the spare pool.
 * - Checkpoints every K steps of progress (K from the user's interval or Daly's optimum). SYNC: the write blocks.
 *   ASYNC: only the device→host copy blocks; the checkpoint becomes durable after its persist window, and a
 *   failure inside that window rolls back to the previous durable checkpoint. A checkpoint waits for the previous
 *   persist to finish. The run ends with a synchronous final checkpoint.
 * - Slowdowns multiply the step time: diurnal (hourly, ± amplitude), stragglers (per hour block, one draw of the
 *   maximum over N ranks via F⁻¹(U^(1/N))), fail-slow episodes. They lower goodput, not ETTR.
 * Progress is advanced in closed form between events (piecewise-constant speed); checkpoints are not events, the
 * last durable one is computed lazily when an interruption happens. Times are microseconds in doubles: drawn event
 * times are rounded to whole µs (exact for centuries), closed-form progress uses IEEE basic arithmetic only, and
 * transcendental functions come from detmath.ts — so the same seed and input give a byte-identical event log
 * (ENGINE_VERSION is hashed with it).
 *
 * Where each part lives (src/simulation/engine/):
 *   types.ts    SimulationSetup, ResolvedSimulation, results, summary and the SimulationEngineEvent union
 *   resolve.ts  input validation and derived quantities (checkpoint times and interval, job MTBF, limits)
 *   failures.ts Poisson / per-node Weibull failure clocks, the spare-node pool and repairs
 *   speed.ts    slowdowns (diurnal, stragglers, fail-slow)
 *   walker.ts   closed-form progress between interruptions, lazy (a)synchronous checkpoints
 *   replica.ts  one replica's event loop and accounting
 *   summary.ts  quantiles and the Monte Carlo summary
 * This file runs the replicas in turn and streams their events.
 */
import { createHash } from 'node:crypto';
import { simulateReplica } from './engine/replica.js';
import { resolveSimulation } from './engine/resolve.js';
import { insertSorted, quantiles, summarise } from './engine/summary.js';
import type { ReplicaResult, ResolvedSimulation, SimulationEngineEvent, SimulationSetup, SimulationSummary } from './engine/types.js';

export { MAX_CHECKPOINTS_PER_RUN, resolveSimulation, validateReliability } from './engine/resolve.js';
export { quantiles } from './engine/summary.js';
export type {
  BadputSeconds,
  CheckpointIntervalPolicy,
  CheckpointSampledEvent,
  CompletedEvent,
  InterruptionEvent,
  ProgressEvent,
  Quantiles,
  RecoveryEvent,
  ReplicaCompletedEvent,
  ReplicaResult,
  ResolvedSimulation,
  RunningStats,
  SimulationEngineEvent,
  SimulationSetup,
  SimulationSummary,
} from './engine/types.js';

/** Bump when a change alters event logs for the same input. */
export const ENGINE_VERSION = 'zeroplan-sim/1';

/**
 * The whole simulation as a stream of events: each replica's detailed events (for the first `detailedReplicas`),
 * a REPLICA_COMPLETED with running mean and p10/p50/p90 after every replica, and a final COMPLETED with the
 * summary (means over replicas). Returns the summary.
 */
export function* simulationEvents(setup: SimulationSetup | ResolvedSimulation): Generator<SimulationEngineEvent, SimulationSummary> {
  const sim = 'stepUs' in setup ? setup : resolveSimulation(setup);
  const results: ReplicaResult[] = [];
  const times: number[] = [];
  const goodputs: number[] = [];
  let timeSum = 0;
  let goodputSum = 0;
  for (let replica = 0; replica < sim.setup.replicas; replica++) {
    const result = yield* simulateReplica(sim, replica);
    results.push(result);
    insertSorted(times, result.simulatedSeconds);
    insertSorted(goodputs, result.goodput);
    timeSum += result.simulatedSeconds;
    goodputSum += result.goodput;
    yield {
      type: 'REPLICA_COMPLETED',
      simulatedSeconds: result.simulatedSeconds,
      replica,
      result,
      running: {
        replicasDone: results.length,
        timeToTrainSeconds: quantiles(times, timeSum),
        goodput: quantiles(goodputs, goodputSum),
      },
    };
  }
  const summary = summarise(sim, results, times, goodputs);
  yield { type: 'COMPLETED', simulatedSeconds: summary.simulatedSeconds, summary };
  return summary;
}

/** Incremental SHA-256 of an event log (with ENGINE_VERSION), for determinism checks. */
export class EventLogHasher {
  private readonly hash = createHash('sha256').update(ENGINE_VERSION);
  add(event: SimulationEngineEvent): void {
    this.hash.update(JSON.stringify(event)).update('\n');
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}

export interface SimulationRun {
  summary: SimulationSummary;
  resolved: ResolvedSimulation;
  eventCount: number;
  /** SHA-256 of ENGINE_VERSION and every event, when `hash` was requested. */
  eventLogHash: string | null;
}

/** Runs a whole simulation synchronously; `onEvent` sees every event in order. */
export function runSimulation(
  setup: SimulationSetup,
  options: { onEvent?: (event: SimulationEngineEvent) => void; hash?: boolean } = {},
): SimulationRun {
  const resolved = resolveSimulation(setup);
  const hasher = options.hash ? new EventLogHasher() : null;
  const gen = simulationEvents(resolved);
  let eventCount = 0;
  for (;;) {
    const next = gen.next();
    if (next.done) {
      return { summary: next.value, resolved, eventCount, eventLogHash: hasher ? hasher.digest() : null };
    }
    eventCount++;
    hasher?.add(next.value);
    options.onEvent?.(next.value);
  }
}


/** Cited default checkpoint size: ≈ 16 bytes per parameter (bf16 weights + fp32 master + Adam m, v; 6.5 TB for 405B). */
export const CHECKPOINT_BYTES_PER_PARAMETER = 16;
