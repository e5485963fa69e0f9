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
 */
import { createHash } from 'node:crypto';
import { dalyCheckpointIntervalSeconds, youngCheckpointIntervalSeconds } from '../core/checkpoint.js';
import { InvalidInputError, requireFinite, requireInteger } from '../core/errors.js';
import { detCos, detExp, detGamma, detLog } from './detmath.js';
import type { FailureCause, ReliabilityParams } from './presets.js';
import { RandomStream } from './rng.js';

/** Bump when a change alters event logs for the same input. */
export const ENGINE_VERSION = 'zeroplan-sim/1';

const US = 1_000_000;
const HOUR_US = 3_600 * US;

export type CheckpointIntervalPolicy = 'DALY' | 'YOUNG';

/** Most checkpoints one run takes (see resolveSimulation): keeps the segment count of a replica bounded. */
export const MAX_CHECKPOINTS_PER_RUN = 1_000_000;

export interface SimulationSetup {
  /** Failure-free step time (from the core's plan estimate). */
  nominalStepSeconds: number;
  tokensPerStep: number;
  totalSteps: number;
  gpuCount: number;
  gpusPerNode: number;
  gpuHourUsd: number;
  /** Bytes of one checkpoint (≈ 16 bytes/parameter for full mixed-precision Adam state; 6.5 TB for 405B). */
  checkpointBytes: number;
  reliability: ReliabilityParams;
  /** Compute time between checkpoints; null/undefined = the preset's, else the Daly (default) or Young optimum. */
  checkpointIntervalSeconds?: number | null;
  checkpointIntervalPolicy?: CheckpointIntervalPolicy;
  /** Overrides of the derived checkpoint times (e.g. Daly's δ for validation). */
  checkpointBlockingSeconds?: number | null;
  checkpointPersistSeconds?: number | null;
  restoreSeconds?: number | null;
  /** Stop at this simulated time even if steps remain (e.g. Llama 3's 54-day snapshot). */
  horizonSeconds?: number | null;
  seed: number;
  replicas: number;
  /** Simulated seconds between progress events (default: ≈ 100 per replica). */
  progressIntervalSeconds?: number | null;
  /** Replicas (from 0) that emit progress/interruption/recovery/checkpoint events; the rest only their result. */
  detailedReplicas?: number;
  /** Predicted loss after a number of training tokens (the runner passes core's scaling law). */
  predictedLoss?: ((tokens: number) => number) | null;
}

export interface ResolvedSimulation {
  setup: SimulationSetup;
  reliability: ReliabilityParams;
  nodes: number;
  spareNodes: number;
  stepUs: number;
  totalWorkUs: number;
  checkpointBlockingSeconds: number;
  checkpointPersistSeconds: number;
  restoreSeconds: number;
  /** Job mean time between unexpected interruptions: 1/(N·λ) (superposition). */
  jobMtbfSeconds: number;
  checkpointIntervalSteps: number;
  checkpointIntervalSeconds: number;
  checkpointIntervalSource: 'USER' | 'PRESET' | 'DALY' | 'YOUNG';
  horizonSeconds: number | null;
  /** Safety stop when no horizon is given and the run cannot finish (e.g. restarts longer than the MTBF). */
  limitSeconds: number;
  progressIntervalSeconds: number;
  detailedReplicas: number;
}

export interface BadputSeconds {
  checkpointSaveSeconds: number;
  checkpointRestoreSeconds: number;
  lostProgressSeconds: number;
  /** Detection, waiting for a node, re-initialisation, planned downtime. */
  recoverySeconds: number;
}

export interface ReplicaResult {
  replica: number;
  simulatedSeconds: number;
  /** True when every step was trained (false: horizon or safety limit reached first). */
  finished: boolean;
  stepsCompleted: number;
  tokensTrained: number;
  interruptions: number;
  plannedInterruptions: number;
  unexpectedInterruptions: number;
  interruptionsByCause: Record<string, number>;
  /** Nominal (failure-free) compute seconds of the work that had to be redone. */
  lostWorkSeconds: number;
  badput: BadputSeconds;
  nodeWaitSeconds: number;
  productiveSeconds: number;
  checkpointsWritten: number;
  effectiveTrainingTimeRatio: number;
  goodput: number;
  gpuHours: number;
  costUsd: number;
  wastedCostUsd: number;
  predictedLoss: number | null;
}

export interface Quantiles {
  mean: number;
  p10: number;
  p50: number;
  p90: number;
}

export interface RunningStats {
  replicasDone: number;
  timeToTrainSeconds: Quantiles;
  goodput: Quantiles;
}

export interface SimulationSummary {
  replicas: number;
  finishedReplicas: number;
  simulatedSeconds: number;
  timeToTrainSeconds: Quantiles;
  goodputQuantiles: Quantiles;
  interruptions: number;
  plannedInterruptions: number;
  unexpectedInterruptions: number;
  interruptionsByCause: { cause: string; label: string; mean: number }[];
  lostWorkSeconds: number;
  badput: BadputSeconds;
  nodeWaitSeconds: number;
  productiveSeconds: number;
  checkpointsWritten: number;
  effectiveTrainingTimeRatio: number;
  goodput: number;
  tokensTrained: number;
  gpuHours: number;
  costUsd: number;
  wastedCostUsd: number;
  predictedLoss: number | null;
  checkpointIntervalSeconds: number;
  checkpointIntervalSteps: number;
  checkpointIntervalSource: string;
  checkpointBlockingSeconds: number;
  checkpointPersistSeconds: number;
  restoreSeconds: number;
  jobMtbfSeconds: number;
  spareNodes: number;
}

interface EventBase {
  simulatedSeconds: number;
}
export interface ProgressEvent extends EventBase {
  type: 'PROGRESS';
  replica: number;
  step: number;
  tokens: number;
  fractionComplete: number;
  effectiveTrainingTimeRatio: number;
  goodput: number;
  predictedLoss: number | null;
}
export interface InterruptionEvent extends EventBase {
  type: 'INTERRUPTION';
  replica: number;
  index: number;
  cause: string;
  planned: boolean;
  duringRecovery: boolean;
  lostWorkSeconds: number;
  rolledBackToStep: number;
  spareNodes: number;
}
export interface RecoveryEvent extends EventBase {
  type: 'RECOVERY';
  replica: number;
  downtimeSeconds: number;
  nodeWaitSeconds: number;
  step: number;
  spareNodes: number;
}
export interface CheckpointSampledEvent extends EventBase {
  type: 'CHECKPOINT_SAMPLED';
  replica: number;
  step: number;
  checkpointsWritten: number;
}
export interface ReplicaCompletedEvent extends EventBase {
  type: 'REPLICA_COMPLETED';
  replica: number;
  result: ReplicaResult;
  running: RunningStats;
}
export interface CompletedEvent extends EventBase {
  type: 'COMPLETED';
  summary: SimulationSummary;
}
export type SimulationEngineEvent =
  | ProgressEvent
  | InterruptionEvent
  | RecoveryEvent
  | CheckpointSampledEvent
  | ReplicaCompletedEvent
  | CompletedEvent;

// ---------------------------------------------------------------------------------------------------------------
// Input resolution and validation

/** Validates reliability parameters; errors name `${path}.<field>`. */
export function validateReliability(r: ReliabilityParams, path = 'reliability'): void {
  requireFinite(`${path}.unexpectedFailuresPerGpuHour`, r.unexpectedFailuresPerGpuHour, 0, 1000);
  if (r.causes.length === 0) throw new InvalidInputError(`${path}.causes`, r.causes, 'at least one cause');
  let total = 0;
  r.causes.forEach((c, i) => {
    requireFinite(`${path}.causes[${i}].weight`, c.weight, 0, 1e12);
    if (c.detectionSeconds !== undefined) requireFinite(`${path}.causes[${i}].detectionSeconds`, c.detectionSeconds, 0, 30 * 86_400);
    total += c.weight;
  });
  if (!(total > 0)) throw new InvalidInputError(`${path}.causes`, total, 'weights summing to more than 0');
  if (r.failureModel !== 'POISSON' && r.failureModel !== 'WEIBULL') {
    throw new InvalidInputError(`${path}.failureModel`, r.failureModel, 'POISSON or WEIBULL');
  }
  requireFinite(`${path}.weibullShape`, r.weibullShape, 0.1, 10);
  requireFinite(`${path}.plannedInterruptionsPerDay`, r.plannedInterruptionsPerDay, 0, 1000);
  requireFinite(`${path}.plannedDowntimeSeconds`, r.plannedDowntimeSeconds, 0, 30 * 86_400);
  requireFinite(`${path}.detectionSeconds`, r.detectionSeconds, 0, 30 * 86_400);
  requireFinite(`${path}.restartMedianSeconds`, r.restartMedianSeconds, 0, 30 * 86_400);
  requireFinite(`${path}.restartSigma`, r.restartSigma, 0, 3);
  requireFinite(`${path}.spareNodeFraction`, r.spareNodeFraction, 0, 1);
  if (r.spareNodes !== undefined) requireInteger(`${path}.spareNodes`, r.spareNodes, 0, 10_000_000);
  requireFinite(`${path}.repairMedianSeconds`, r.repairMedianSeconds, 0, 365 * 86_400);
  requireFinite(`${path}.repairSigma`, r.repairSigma, 0, 3);
  requireFinite(`${path}.manualRepairFraction`, r.manualRepairFraction, 0, 1);
  requireFinite(`${path}.manualRepairMedianSeconds`, r.manualRepairMedianSeconds, 0, 365 * 86_400);
  requireFinite(`${path}.stragglerJitterFraction`, r.stragglerJitterFraction, 0, 1);
  requireFinite(`${path}.failSlowEpisodesPerGpuHour`, r.failSlowEpisodesPerGpuHour, 0, 1);
  requireFinite(`${path}.failSlowMedianSeconds`, r.failSlowMedianSeconds, 1, 30 * 86_400);
  requireFinite(`${path}.failSlowSlowdownFraction`, r.failSlowSlowdownFraction, 0, 100);
  requireFinite(`${path}.diurnalAmplitudeFraction`, r.diurnalAmplitudeFraction, 0, 1);
  if (r.checkpointMode !== 'SYNC' && r.checkpointMode !== 'ASYNC') {
    throw new InvalidInputError(`${path}.checkpointMode`, r.checkpointMode, 'SYNC or ASYNC');
  }
  requireFinite(`${path}.storageWriteBytesPerSecond`, r.storageWriteBytesPerSecond, 1, 1e18);
  requireFinite(`${path}.storageReadBytesPerSecond`, r.storageReadBytesPerSecond, 1, 1e18);
  requireFinite(`${path}.deviceToHostBytesPerSecondPerGpu`, r.deviceToHostBytesPerSecondPerGpu, 1, 1e15);
  if (r.checkpointIntervalSeconds !== null) {
    requireFinite(`${path}.checkpointIntervalSeconds`, r.checkpointIntervalSeconds, 1e-3, 365 * 86_400);
  }
}

export function resolveSimulation(setup: SimulationSetup): ResolvedSimulation {
  requireFinite('nominalStepSeconds', setup.nominalStepSeconds, 1e-6, 86_400);
  requireFinite('tokensPerStep', setup.tokensPerStep, 0, 1e15);
  requireInteger('totalSteps', setup.totalSteps, 1, 1e12);
  requireInteger('gpuCount', setup.gpuCount, 1, 10_000_000);
  requireInteger('gpusPerNode', setup.gpusPerNode, 1, 1024);
  requireFinite('gpuHourUsd', setup.gpuHourUsd, 0, 1e6);
  requireFinite('checkpointBytes', setup.checkpointBytes, 0, 1e18);
  requireInteger('seed', setup.seed, 0, Number.MAX_SAFE_INTEGER);
  requireInteger('replicas', setup.replicas, 1, 100_000);
  const r = setup.reliability;
  validateReliability(r);

  const nodes = Math.ceil(setup.gpuCount / setup.gpusPerNode);
  const spareNodes = r.spareNodes ?? Math.round(r.spareNodeFraction * nodes);
  const mode = r.checkpointMode;
  // SYNC: the job waits for the whole write. ASYNC: only the device→host copy blocks (ml-goodput-measurement).
  const derivedBlocking =
    mode === 'SYNC'
      ? setup.checkpointBytes / r.storageWriteBytesPerSecond
      : setup.checkpointBytes / (setup.gpuCount * r.deviceToHostBytesPerSecondPerGpu);
  const derivedPersist = mode === 'SYNC' ? 0 : setup.checkpointBytes / r.storageWriteBytesPerSecond;
  const blocking = setup.checkpointBlockingSeconds ?? derivedBlocking;
  const persist = setup.checkpointPersistSeconds ?? derivedPersist;
  const restore = setup.restoreSeconds ?? setup.checkpointBytes / r.storageReadBytesPerSecond;
  requireFinite('checkpointBlockingSeconds', blocking, 0, 30 * 86_400);
  requireFinite('checkpointPersistSeconds', persist, 0, 30 * 86_400);
  requireFinite('restoreSeconds', restore, 0, 30 * 86_400);

  // MTTF_job = MTBF_component / N (superposition; reliability-data.md).
  const rate = r.unexpectedFailuresPerGpuHour * setup.gpuCount;
  const jobMtbfSeconds = rate > 0 ? 3600 / rate : Infinity;

  let intervalSeconds: number;
  let source: ResolvedSimulation['checkpointIntervalSource'];
  if (setup.checkpointIntervalSeconds != null) {
    intervalSeconds = requireFinite('checkpointIntervalSeconds', setup.checkpointIntervalSeconds, 1e-3, 365 * 86_400);
    source = 'USER';
  } else if (r.checkpointIntervalSeconds !== null) {
    intervalSeconds = r.checkpointIntervalSeconds;
    source = 'PRESET';
  } else if (!Number.isFinite(jobMtbfSeconds)) {
    intervalSeconds = setup.totalSteps * setup.nominalStepSeconds; // no failures: one checkpoint at the end
    source = setup.checkpointIntervalPolicy === 'YOUNG' ? 'YOUNG' : 'DALY';
  } else if (setup.checkpointIntervalPolicy === 'YOUNG') {
    intervalSeconds = youngCheckpointIntervalSeconds(blocking, jobMtbfSeconds);
    source = 'YOUNG';
  } else {
    intervalSeconds = dalyCheckpointIntervalSeconds(blocking, jobMtbfSeconds);
    source = 'DALY';
    // An async checkpoint cannot start before the previous one persisted: never aim below the persist window.
    intervalSeconds = Math.max(intervalSeconds, persist);
  }
  // At most MAX_CHECKPOINTS_PER_RUN checkpoints: a free checkpoint (no bytes) drives Daly's interval to zero and the
  // engine, which steps checkpoint by checkpoint, would walk billions of segments. The floor costs at most half an
  // interval of lost work per failure (≈ 2.3 s for a 54-day run).
  // Counted over what is simulated: the run, or the horizon when that is shorter.
  const simulatedSteps =
    setup.horizonSeconds != null && Number.isFinite(setup.horizonSeconds)
      ? Math.min(setup.totalSteps, Math.ceil(setup.horizonSeconds / setup.nominalStepSeconds))
      : setup.totalSteps;
  const minimumSteps = Math.ceil(simulatedSteps / MAX_CHECKPOINTS_PER_RUN);
  let steps = Math.min(setup.totalSteps, Math.max(1, Math.round(intervalSeconds / setup.nominalStepSeconds)));
  if (steps < minimumSteps) {
    if (source === 'USER') {
      throw new InvalidInputError(
        'checkpointIntervalSeconds',
        setup.checkpointIntervalSeconds,
        `at least ${(minimumSteps * setup.nominalStepSeconds).toPrecision(3)} s: at most ${MAX_CHECKPOINTS_PER_RUN.toLocaleString('en-US')} checkpoints over the ${simulatedSteps.toLocaleString('en-US')} steps simulated`,
      );
    }
    steps = minimumSteps;
  }

  const nominalRunSeconds = setup.totalSteps * setup.nominalStepSeconds;
  const horizon = setup.horizonSeconds ?? null;
  if (horizon !== null) requireFinite('horizonSeconds', horizon, 1, 100 * 365 * 86_400);
  const limitSeconds = horizon ?? Math.min(100 * 365 * 86_400, 50 * nominalRunSeconds + 30 * 86_400);
  const span = horizon ?? nominalRunSeconds * 1.2;
  const progress = setup.progressIntervalSeconds ?? Math.max(1, Math.round(span / 100));
  requireFinite('progressIntervalSeconds', progress, 1e-3, 100 * 365 * 86_400);
  const detailed = setup.detailedReplicas ?? 1;
  requireInteger('detailedReplicas', detailed, 0, 100_000);

  return {
    setup,
    reliability: r,
    nodes,
    spareNodes,
    stepUs: setup.nominalStepSeconds * US,
    totalWorkUs: setup.totalSteps * setup.nominalStepSeconds * US,
    checkpointBlockingSeconds: blocking,
    checkpointPersistSeconds: persist,
    restoreSeconds: restore,
    jobMtbfSeconds,
    checkpointIntervalSteps: steps,
    checkpointIntervalSeconds: steps * setup.nominalStepSeconds,
    checkpointIntervalSource: source,
    horizonSeconds: horizon,
    limitSeconds,
    progressIntervalSeconds: progress,
    detailedReplicas: detailed,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Random processes

interface FailureSource {
  peek(): number;
  pop(): void;
}

/** Cluster-level Poisson process (superposition of N independent exponential components). */
class PoissonFailures implements FailureSource {
  private next: number;
  constructor(
    private readonly stream: RandomStream,
    private readonly meanUs: number,
  ) {
    this.next = Number.isFinite(meanUs) ? Math.round(stream.exponential(meanUs)) : Infinity;
  }
  peek(): number {
    return this.next;
  }
  pop(): void {
    this.next += Math.round(this.stream.exponential(this.meanUs));
  }
}

/** One Weibull renewal clock per node, in a binary min-heap. */
class WeibullNodeFailures implements FailureSource {
  private readonly times: Float64Array;
  private readonly heap: Int32Array;
  private readonly scaleUs: number;
  constructor(
    private readonly stream: RandomStream,
    nodes: number,
    private readonly shape: number,
    nodeMeanUs: number,
    equilibrium: boolean,
  ) {
    // Mean of a Weibull(k, λ) is λ·Γ(1 + 1/k).
    this.scaleUs = nodeMeanUs / detGamma(1 + 1 / shape);
    this.times = new Float64Array(nodes);
    this.heap = new Int32Array(nodes);
    for (let i = 0; i < nodes; i++) {
      let first: number;
      if (equilibrium) {
        // Equilibrium residual life (reliability-data.md, traps): the interval covering t = 0 is length-biased,
        // G ~ Gamma(1 + 1/k), T = λ·G^(1/k); the time left is U·T.
        const g = stream.gamma(1 + 1 / shape);
        const total = this.scaleUs * detExp(detLog(g) / shape);
        first = stream.nextDouble() * total;
      } else {
        first = stream.weibull(shape, this.scaleUs);
      }
      this.times[i] = Math.round(first);
      this.heap[i] = i;
    }
    for (let i = (nodes >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }
  peek(): number {
    return this.heap.length === 0 ? Infinity : this.times[this.heap[0]!]!;
  }
  pop(): void {
    const node = this.heap[0]!;
    // The failed slot renews with a fresh (new or repaired) node.
    this.times[node] = this.times[node]! + Math.max(1, Math.round(this.stream.weibull(this.shape, this.scaleUs)));
    this.siftDown(0);
  }
  private siftDown(i: number): void {
    const heap = this.heap;
    const times = this.times;
    const n = heap.length;
    const item = heap[i]!;
    const t = times[item]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && times[heap[r]!]! < times[heap[l]!]!) c = r;
      if (times[heap[c]!]! >= t) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = item;
  }
}

function detExpm1(x: number): number {
  if (Math.abs(x) < 1e-5) return x + (x * x) / 2 + (x * x * x) / 6;
  return detExp(x) - 1;
}

/**
 * Step-time multiplier over wall time: piecewise constant on hour blocks (diurnal × straggler tax) and fail-slow
 * episodes. Queried with non-decreasing times only (episodes are generated lazily, in order).
 */
class SpeedProfile {
  private readonly hourly: boolean;
  private readonly diurnal: Float64Array;
  private cachedHour = -1;
  private cachedFactor = 1;
  private episodeStart = Infinity;
  private episodeEnd = Infinity;
  private readonly episodeGapUs: number;
  private readonly failSlowStream: RandomStream;

  constructor(
    private readonly sim: ResolvedSimulation,
    private readonly replica: number,
  ) {
    const r = sim.reliability;
    this.hourly = r.diurnalAmplitudeFraction > 0 || r.stragglerJitterFraction > 0;
    this.diurnal = new Float64Array(24);
    for (let h = 0; h < 24; h++) {
      // Diurnal throughput variation of 1–2 % (Llama 3 paper): slowest mid-day, raised cosine over 24 h.
      this.diurnal[h] = 1 + (r.diurnalAmplitudeFraction * (1 - detCos((2 * Math.PI * (h + 0.5)) / 24))) / 2;
    }
    this.failSlowStream = new RandomStream(sim.setup.seed, replica, 'fail-slow');
    const rate = r.failSlowEpisodesPerGpuHour * sim.setup.gpuCount;
    this.episodeGapUs = rate > 0 ? HOUR_US / rate : Infinity;
    if (Number.isFinite(this.episodeGapUs)) this.scheduleEpisode(0);
  }

  private scheduleEpisode(after: number): void {
    const r = this.sim.reliability;
    this.episodeStart = after + Math.round(this.failSlowStream.exponential(this.episodeGapUs));
    this.episodeEnd =
      this.episodeStart + Math.max(1, Math.round(this.failSlowStream.lognormal(r.failSlowMedianSeconds * US, 0.7)));
  }

  private hourFactor(hour: number): number {
    if (hour === this.cachedHour) return this.cachedFactor;
    const r = this.sim.reliability;
    let f = this.diurnal[hour % 24]!;
    if (r.stragglerJitterFraction > 0) {
      // Synchronous training waits for the slowest of N ranks: one draw of the maximum of N exponential excesses
      // per hour block, F⁻¹(U^(1/N)) = −μ·ln(1 − U^(1/N)) (reliability-data.md, traps).
      const u = RandomStream.uniformAt(this.sim.setup.seed, this.replica, 'stragglers', hour);
      const oneMinus = -detExpm1(detLog(u) / this.sim.setup.gpuCount);
      f *= 1 + r.stragglerJitterFraction * -detLog(oneMinus);
    }
    this.cachedHour = hour;
    this.cachedFactor = f;
    return f;
  }

  private advanceEpisodes(t: number): void {
    while (t >= this.episodeEnd) this.scheduleEpisode(this.episodeEnd);
  }

  factorAt(t: number): number {
    this.advanceEpisodes(t);
    const base = this.hourly ? this.hourFactor(Math.floor(t / HOUR_US)) : 1;
    return t >= this.episodeStart ? base * (1 + this.sim.reliability.failSlowSlowdownFraction) : base;
  }

  nextChangeAfter(t: number): number {
    this.advanceEpisodes(t);
    let next = this.hourly ? (Math.floor(t / HOUR_US) + 1) * HOUR_US : Infinity;
    if (t < this.episodeStart) next = Math.min(next, this.episodeStart);
    else next = Math.min(next, this.episodeEnd);
    return next;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Progress between interruptions (closed form, lazy checkpoints)

const COMPUTE = 0;
const BLOCK = 1;
const FINAL = 2;
const DONE = 3;

/** One uninterrupted stretch of training, from a durable checkpoint. */
class Walker {
  t: number;
  work: number;
  computeWall = 0;
  blockingSpent = 0;
  phase = COMPUTE;
  private segRemaining: number;
  private blockEnd = 0;
  private snapWork = 0;
  private snapCompute = 0;
  durableWork: number;
  durableCompute = 0;
  private pendingWork = 0;
  private pendingCompute = 0;
  private pendingAt = -1;
  checkpointsDurable = 0;
  private readonly blockingUs: number;
  private readonly persistUs: number;
  private readonly intervalWork: number;

  constructor(
    private readonly sim: ResolvedSimulation,
    private readonly speed: SpeedProfile,
    t0: number,
    startWork: number,
  ) {
    this.t = t0;
    this.work = startWork;
    this.durableWork = startWork;
    this.blockingUs = sim.checkpointBlockingSeconds * US;
    this.persistUs = sim.checkpointPersistSeconds * US;
    this.intervalWork = sim.checkpointIntervalSteps * sim.stepUs;
    this.segRemaining = Math.min(this.intervalWork, sim.totalWorkUs - startWork);
    if (this.segRemaining <= 0) this.startFinal();
  }

  /** Makes the pending asynchronous checkpoint durable if its persist window has ended by `t`. */
  resolve(t: number): void {
    if (this.pendingAt >= 0 && this.pendingAt <= t) {
      this.durableWork = this.pendingWork;
      this.durableCompute = this.pendingCompute;
      this.pendingAt = -1;
      this.checkpointsDurable++;
    }
  }

  private startFinal(): void {
    // The run ends with a synchronous checkpoint of the final state (after any pending persist).
    const start = this.pendingAt >= 0 ? Math.max(this.t, this.pendingAt) : this.t;
    this.phase = FINAL;
    this.blockEnd = start + this.blockingUs + this.persistUs;
  }

  private startCheckpoint(): void {
    // A checkpoint waits for the previous one to persist, then blocks for the device→host copy (or whole write).
    const start = this.pendingAt >= 0 ? Math.max(this.t, this.pendingAt) : this.t;
    this.snapWork = this.work;
    this.snapCompute = this.computeWall;
    this.phase = BLOCK;
    this.blockEnd = start + this.blockingUs;
  }

  /** Advances to time T, or until the run is finished (returns true; `t` is then the finish time). */
  advanceTo(T: number): boolean {
    const sim = this.sim;
    for (;;) {
      if (this.phase === COMPUTE) {
        if (this.t >= T) return false;
        const f = this.speed.factorAt(this.t);
        const change = this.speed.nextChangeAfter(this.t);
        const limit = change < T ? change : T;
        const need = this.segRemaining * f;
        if (this.t + need <= limit) {
          this.t += need;
          this.computeWall += need;
          this.work += this.segRemaining;
          this.segRemaining = 0;
          if (this.work >= sim.totalWorkUs - 1e-6) {
            this.work = sim.totalWorkUs;
            this.startFinal();
          } else {
            this.startCheckpoint();
          }
        } else {
          const dt = limit - this.t;
          this.t = limit;
          this.computeWall += dt;
          const done = dt / f;
          this.work += done;
          this.segRemaining -= done;
        }
      } else if (this.phase === BLOCK || this.phase === FINAL) {
        if (this.blockEnd > T) {
          if (T > this.t) {
            this.blockingSpent += T - this.t;
            this.t = T;
          }
          return false;
        }
        this.blockingSpent += this.blockEnd - this.t;
        this.t = this.blockEnd;
        this.resolve(this.t);
        if (this.phase === FINAL) {
          if (this.pendingAt >= 0) this.pendingAt = -1;
          this.durableWork = this.work;
          this.durableCompute = this.computeWall;
          this.checkpointsDurable++;
          this.phase = DONE;
          return true;
        }
        this.pendingWork = this.snapWork;
        this.pendingCompute = this.snapCompute;
        this.pendingAt = this.t + this.persistUs;
        this.resolve(this.t);
        this.segRemaining = Math.min(this.intervalWork, sim.totalWorkUs - this.work);
        this.phase = COMPUTE;
      } else {
        return true;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// One replica

interface Phase {
  bucket: 0 | 1 | 2 | 3; // 0 recovery, 1 node wait (recovery), 2 restore, 3 checkpoint save
  start: number;
  end: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

function insertSorted(arr: number[], value: number): void {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  arr.splice(lo, 0, value);
}

function* simulateReplica(sim: ResolvedSimulation, replica: number): Generator<SimulationEngineEvent, ReplicaResult> {
  const setup = sim.setup;
  const r = sim.reliability;
  const detailed = replica < sim.detailedReplicas;
  const seed = setup.seed;
  const causes: FailureCause[] = r.causes;
  const weights = causes.map((c) => c.weight);
  const weightTotal = weights.reduce((a, b) => a + b, 0);

  // Named streams: each random process has its own, so changing one knob leaves the others' draws in place.
  const failureStream = new RandomStream(seed, replica, 'failures');
  const causeStream = new RandomStream(seed, replica, 'causes');
  const plannedStream = new RandomStream(seed, replica, 'planned');
  const restartStream = new RandomStream(seed, replica, 'restarts');
  const repairStream = new RandomStream(seed, replica, 'repairs');

  const jobMeanUs = sim.jobMtbfSeconds * US;
  const failures: FailureSource =
    r.failureModel === 'WEIBULL' && Number.isFinite(jobMeanUs)
      ? new WeibullNodeFailures(failureStream, sim.nodes, r.weibullShape, jobMeanUs * sim.nodes, r.weibullStart === 'EQUILIBRIUM')
      : new PoissonFailures(failureStream, jobMeanUs);
  const plannedMeanUs = r.plannedInterruptionsPerDay > 0 ? (86_400 * US) / r.plannedInterruptionsPerDay : Infinity;
  let nextPlanned = Number.isFinite(plannedMeanUs) ? Math.round(plannedStream.exponential(plannedMeanUs)) : Infinity;

  const speed = new SpeedProfile(sim, replica);
  const limitUs = Math.round(sim.limitSeconds * US);
  const tickUs = Math.max(1, Math.round(sim.progressIntervalSeconds * US));
  const blockingUs = sim.checkpointBlockingSeconds * US;
  const persistUs = sim.checkpointPersistSeconds * US;
  const restoreUs = Math.round(sim.restoreSeconds * US);

  let t = 0;
  let running = true;
  let walker = new Walker(sim, speed, 0, 0);
  let durableWork = 0;
  let finished = false;
  let nextTick = tickUs;

  // Accounting (µs).
  let computeTotal = 0;
  let lostComputeTotal = 0;
  let lostWorkTotal = 0;
  let saveTotal = 0;
  let restoreTotal = 0;
  let recoveryTotal = 0;
  let nodeWaitTotal = 0;
  let checkpoints = 0;
  let planned = 0;
  let unexpected = 0;
  const byCause: Record<string, number> = {};

  // Spares and repairs.
  let spares = sim.spareNodes;
  const repairs: number[] = []; // completion times of nodes in repair, ascending (they return to the spare pool)
  let phases: Phase[] = [];
  let recoveryEnd = 0;
  let outageStart = 0;
  let outageNodeWait = 0;
  let nodeReadyAt = 0;
  let lastSampledStep = -1;

  const stepOf = (work: number): number => Math.floor(work / sim.stepUs + 1e-7);
  const drawRepairUs = (): number => {
    const manual = repairStream.nextDouble() < r.manualRepairFraction;
    const median = manual ? r.manualRepairMedianSeconds : r.repairMedianSeconds;
    return Math.max(1, Math.round(repairStream.lognormal(median * US, r.repairSigma)));
  };
  const returnRepairedNodes = (now: number): void => {
    while (repairs.length > 0 && repairs[0]! <= now) {
      repairs.shift();
      spares++;
    }
  };
  /** A replacement node for a failed one: a hot spare now, else the earliest repair; returns when it is ready. */
  const acquireNode = (now: number): number => {
    returnRepairedNodes(now);
    const repairDone = now + drawRepairUs();
    if (spares > 0) {
      spares--;
      insertSorted(repairs, repairDone);
      return now;
    }
    insertSorted(repairs, repairDone);
    return repairs.shift()!; // the first node out of repair joins the job directly
  };
  const accountPhases = (upTo: number): void => {
    for (const p of phases) {
      const end = Math.min(p.end, upTo);
      if (end <= p.start) continue;
      const d = end - p.start;
      if (p.bucket === 0) recoveryTotal += d;
      else if (p.bucket === 1) {
        recoveryTotal += d;
        nodeWaitTotal += d;
        outageNodeWait += d;
      } else if (p.bucket === 2) restoreTotal += d;
      else saveTotal += d;
    }
    phases = [];
  };
  const closeWalker = (): void => {
    computeTotal += walker.computeWall;
    saveTotal += walker.blockingSpent;
    checkpoints += walker.checkpointsDurable;
  };
  const retainedCompute = (): number =>
    computeTotal - lostComputeTotal + (running ? walker.computeWall : 0);
  const currentWork = (): number => (running ? walker.work : durableWork);
  const startRecovery = (now: number, phaseList: Array<[Phase['bucket'], number]>): void => {
    let s = now;
    phases = phaseList.map(([bucket, d]) => {
      const p: Phase = { bucket, start: s, end: s + d };
      s += d;
      return p;
    });
    recoveryEnd = s;
  };

  for (;;) {
    const tf = failures.peek();
    const tp = nextPlanned;
    let tNext = Math.min(tf, tp, nextTick, limitUs);
    if (!running) tNext = Math.min(tNext, recoveryEnd);

    if (running) {
      if (walker.advanceTo(tNext)) {
        t = walker.t;
        finished = true;
        break;
      }
    }
    t = tNext;
    if (t >= limitUs) break; // horizon (or safety limit): events at exactly the limit are not processed

    if (!running && t === recoveryEnd && tf > t) {
      // Recovery complete: resume from the durable checkpoint.
      accountPhases(t);
      running = true;
      walker = new Walker(sim, speed, t, durableWork);
      if (detailed) {
        yield {
          type: 'RECOVERY',
          simulatedSeconds: t / US,
          replica,
          downtimeSeconds: (t - outageStart) / US,
          nodeWaitSeconds: outageNodeWait / US,
          step: stepOf(durableWork),
          spareNodes: spares,
        };
      }
      outageNodeWait = 0;
      nodeReadyAt = 0;
      continue;
    }

    if (t === tf) {
      failures.pop();
      const cause = causes[causeStream.categorical(weights, weightTotal)]!;
      unexpected++;
      byCause[cause.id] = (byCause[cause.id] ?? 0) + 1;
      let lostWork = 0;
      const duringRecovery = !running;
      if (running) {
        walker.resolve(t);
        lostWork = walker.work - walker.durableWork;
        lostComputeTotal += walker.computeWall - walker.durableCompute;
        lostWorkTotal += lostWork;
        durableWork = walker.durableWork;
        closeWalker();
        running = false;
        outageStart = t;
      } else {
        accountPhases(t);
      }
      if (cause.needsNodeReplacement) nodeReadyAt = Math.max(nodeReadyAt, acquireNode(t));
      const detectUs = Math.round((cause.detectionSeconds ?? r.detectionSeconds) * US);
      const waitUs = Math.max(0, nodeReadyAt - (t + detectUs));
      const reinitUs = Math.round(restartStream.lognormal(r.restartMedianSeconds * US, r.restartSigma));
      startRecovery(t, [
        [0, detectUs],
        [1, waitUs],
        [0, reinitUs],
        [2, restoreUs],
      ]);
      if (detailed) {
        yield {
          type: 'INTERRUPTION',
          simulatedSeconds: t / US,
          replica,
          index: planned + unexpected,
          cause: cause.id,
          planned: false,
          duringRecovery,
          lostWorkSeconds: lostWork / US,
          rolledBackToStep: stepOf(durableWork),
          spareNodes: spares,
        };
      }
      continue;
    }

    if (t === tp) {
      nextPlanned += Math.round(plannedStream.exponential(plannedMeanUs));
      planned++;
      byCause.PLANNED = (byCause.PLANNED ?? 0) + 1;
      const duringRecovery = !running;
      if (running) {
        // Planned stop: checkpoint (whole write, durable before stopping), stop, restart. No work is lost.
        durableWork = walker.work;
        closeWalker();
        running = false;
        outageStart = t;
        const reinitUs = Math.round(restartStream.lognormal(r.restartMedianSeconds * US, r.restartSigma));
        startRecovery(t, [
          [3, blockingUs + persistUs],
          [0, Math.round(r.plannedDowntimeSeconds * US)],
          [0, reinitUs],
          [2, restoreUs],
        ]);
      }
      if (detailed) {
        yield {
          type: 'INTERRUPTION',
          simulatedSeconds: t / US,
          replica,
          index: planned + unexpected,
          cause: 'PLANNED',
          planned: true,
          duringRecovery,
          lostWorkSeconds: 0,
          rolledBackToStep: stepOf(durableWork),
          spareNodes: spares,
        };
      }
      continue;
    }

    if (t === nextTick) {
      nextTick += tickUs;
      if (detailed) {
        const work = currentWork();
        const step = stepOf(work);
        const tokens = step * setup.tokensPerStep;
        yield {
          type: 'PROGRESS',
          simulatedSeconds: t / US,
          replica,
          step,
          tokens,
          fractionComplete: work / sim.totalWorkUs,
          effectiveTrainingTimeRatio: retainedCompute() / t,
          goodput: work / t,
          predictedLoss: setup.predictedLoss && tokens > 0 ? setup.predictedLoss(tokens) : null,
        };
        if (running) walker.resolve(t);
        const durableStep = stepOf(running ? walker.durableWork : durableWork);
        if (durableStep !== lastSampledStep) {
          lastSampledStep = durableStep;
          yield {
            type: 'CHECKPOINT_SAMPLED',
            simulatedSeconds: t / US,
            replica,
            step: durableStep,
            checkpointsWritten: checkpoints + (running ? walker.checkpointsDurable : 0),
          };
        }
      }
      continue;
    }
  }

  // Close the books at the finish (or at the horizon / safety limit).
  if (running) closeWalker();
  else accountPhases(t);
  const finalWork = running ? walker.work : durableWork;
  const wallUs = t;
  const productive = computeTotal - lostComputeTotal;
  const steps = finished ? setup.totalSteps : stepOf(finalWork);
  const tokens = steps * setup.tokensPerStep;
  const wallSeconds = wallUs / US;
  const gpuHours = ((setup.gpuCount + sim.spareNodes * setup.gpusPerNode) * wallSeconds) / 3600;
  const costUsd = gpuHours * setup.gpuHourUsd;
  const goodput = wallUs > 0 ? finalWork / wallUs : 0;
  return {
    replica,
    simulatedSeconds: wallSeconds,
    finished,
    stepsCompleted: steps,
    tokensTrained: tokens,
    interruptions: planned + unexpected,
    plannedInterruptions: planned,
    unexpectedInterruptions: unexpected,
    interruptionsByCause: byCause,
    lostWorkSeconds: lostWorkTotal / US,
    badput: {
      checkpointSaveSeconds: saveTotal / US,
      checkpointRestoreSeconds: restoreTotal / US,
      lostProgressSeconds: lostComputeTotal / US,
      recoverySeconds: recoveryTotal / US,
    },
    nodeWaitSeconds: nodeWaitTotal / US,
    productiveSeconds: productive / US,
    checkpointsWritten: checkpoints,
    effectiveTrainingTimeRatio: wallUs > 0 ? productive / wallUs : 0,
    goodput,
    gpuHours,
    costUsd,
    wastedCostUsd: costUsd * (1 - goodput),
    predictedLoss: setup.predictedLoss && tokens > 0 ? setup.predictedLoss(tokens) : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Monte Carlo over replicas

export function quantiles(sorted: readonly number[], sum: number): Quantiles {
  return {
    mean: sorted.length > 0 ? sum / sorted.length : 0,
    p10: quantile(sorted, 0.1),
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
  };
}

function summarise(sim: ResolvedSimulation, results: ReplicaResult[], times: number[], goodputs: number[]): SimulationSummary {
  const n = results.length;
  const mean = (f: (r: ReplicaResult) => number): number => results.reduce((a, r) => a + f(r), 0) / n;
  const causeTotals = new Map<string, number>();
  for (const res of results) {
    for (const [k, v] of Object.entries(res.interruptionsByCause)) causeTotals.set(k, (causeTotals.get(k) ?? 0) + v);
  }
  const labels = new Map(sim.reliability.causes.map((c) => [c.id, c.label]));
  labels.set('PLANNED', 'Planned maintenance');
  const byCause = [...causeTotals.entries()]
    .map(([cause, total]) => ({ cause, label: labels.get(cause) ?? cause, mean: total / n }))
    .sort((a, b) => b.mean - a.mean || (a.cause < b.cause ? -1 : 1));
  const losses = results.map((r) => r.predictedLoss).filter((l): l is number => l !== null);
  return {
    replicas: n,
    finishedReplicas: results.filter((r) => r.finished).length,
    simulatedSeconds: mean((r) => r.simulatedSeconds),
    timeToTrainSeconds: quantiles(times, times.reduce((a, b) => a + b, 0)),
    goodputQuantiles: quantiles(goodputs, goodputs.reduce((a, b) => a + b, 0)),
    interruptions: mean((r) => r.interruptions),
    plannedInterruptions: mean((r) => r.plannedInterruptions),
    unexpectedInterruptions: mean((r) => r.unexpectedInterruptions),
    interruptionsByCause: byCause,
    lostWorkSeconds: mean((r) => r.lostWorkSeconds),
    badput: {
      checkpointSaveSeconds: mean((r) => r.badput.checkpointSaveSeconds),
      checkpointRestoreSeconds: mean((r) => r.badput.checkpointRestoreSeconds),
      lostProgressSeconds: mean((r) => r.badput.lostProgressSeconds),
      recoverySeconds: mean((r) => r.badput.recoverySeconds),
    },
    nodeWaitSeconds: mean((r) => r.nodeWaitSeconds),
    productiveSeconds: mean((r) => r.productiveSeconds),
    checkpointsWritten: mean((r) => r.checkpointsWritten),
    effectiveTrainingTimeRatio: mean((r) => r.effectiveTrainingTimeRatio),
    goodput: mean((r) => r.goodput),
    tokensTrained: mean((r) => r.tokensTrained),
    gpuHours: mean((r) => r.gpuHours),
    costUsd: mean((r) => r.costUsd),
    wastedCostUsd: mean((r) => r.wastedCostUsd),
    predictedLoss: losses.length > 0 ? losses.reduce((a, b) => a + b, 0) / losses.length : null,
    checkpointIntervalSeconds: sim.checkpointIntervalSeconds,
    checkpointIntervalSteps: sim.checkpointIntervalSteps,
    checkpointIntervalSource: sim.checkpointIntervalSource,
    checkpointBlockingSeconds: sim.checkpointBlockingSeconds,
    checkpointPersistSeconds: sim.checkpointPersistSeconds,
    restoreSeconds: sim.restoreSeconds,
    jobMtbfSeconds: sim.jobMtbfSeconds,
    spareNodes: sim.spareNodes,
  };
}

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

/** Expected steps for a number of training tokens at a batch of `tokensPerStep` (rounded up). */
export function stepsForTokens(trainingTokens: number, tokensPerStep: number): number {
  requireFinite('trainingTokens', trainingTokens, 1, 1e18);
  requireFinite('tokensPerStep', tokensPerStep, 1, 1e15);
  return Math.ceil(trainingTokens / tokensPerStep);
}

/** Cited default checkpoint size: ≈ 16 bytes per parameter (bf16 weights + fp32 master + Adam m, v; 6.5 TB for 405B). */
export const CHECKPOINT_BYTES_PER_PARAMETER = 16;
