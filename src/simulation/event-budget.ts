/**
 * Pre-flight event budget: how many events a simulation will store, predicted from its input before it runs.
 *
 * The server stores every event the engine emits (src/server/simulation-module.ts stores each batch the runner
 * hands it, and the runner forwards the engine's generator unchanged). engine.ts emits, per replica:
 * - detailed replicas only (replica < detailedReplicas): one PROGRESS per progress tick, one CHECKPOINT_SAMPLED at
 *   a tick when the durable step changed since the previous sample, one INTERRUPTION per unexpected failure (also
 *   during a recovery) and per planned stop (also during a recovery), one RECOVERY per outage that ends;
 * - every replica: one REPLICA_COMPLETED; and one COMPLETED at the end.
 * All detailed counts scale with the replica's simulated wall time D, so the estimate first predicts D (the expected
 * time to train under failures, capped by the horizon or the engine's safety limit), then counts events over it.
 *
 * This is an expected value, deliberately on the high side (see each approximation), times SAFETY_FACTOR. It is
 * cheap (no random draws, no loops over events), pure (no I/O, no clock), and never runs the engine.
 */
import { detGamma } from './detmath.js';
import { resolveSimulation, type ResolvedSimulation, type SimulationSetup } from './engine.js';
import type { ReliabilityParams } from './presets.js';

/** Stored events per simulation at most (≈ 60 MB of SQLite rows); the server refuses and stops anything above. */
export const MAX_STORED_EVENTS_PER_SIMULATION = 200_000;

/**
 * Multiplies the expected count. In test/simulation/event-budget.test.ts the expected count is 0.99–1.15× the mean
 * actual count on the four presets at Llama 3 scale, and 0.75–1.28× on 150 random valid inputs (5 draws of 30); a
 * single run spreads more (one detailed replica's time to train, Poisson counts). 1.2 covers most of that spread
 * while refusing little that would have fit.
 */
export const SAFETY_FACTOR = 1.2;

export type EventBudgetContributor = 'PROGRESS' | 'FAILURES' | 'PLANNED' | 'REPLICA_RESULTS';

export interface EventBudgetEstimate {
  /** Expected stored events × SAFETY_FACTOR (what the pre-flight check compares with the limit). */
  events: number;
  /** Expected stored events (no safety factor). */
  expectedEvents: number;
  /** Expected simulated wall time of one replica, in seconds (time to train, capped by the horizon/safety limit). */
  replicaSeconds: number;
  /** Expected time to train in seconds under failures, uncapped (Infinity: the run cannot finish). */
  timeToTrainSeconds: number;
  /** True when the expected time to train exceeds the horizon or the engine's safety limit. */
  capped: boolean;
  detailedReplicas: number;
  /** Expected events of one detailed replica, by kind. */
  perDetailedReplica: {
    progress: number;
    checkpointSampled: number;
    unexpectedInterruptions: number;
    plannedInterruptions: number;
    recoveries: number;
  };
  /** Expected events (no safety factor) by what causes them, over the whole simulation. */
  contributors: Record<EventBudgetContributor, number>;
  /** The largest contributor. */
  dominant: EventBudgetContributor;
  /** Mean recovery after an unexpected failure in seconds (detection + re-init + reload; node waits apart). */
  recoverySeconds: number;
  /** Share of the time the job has all its nodes (not waiting for a repaired one). */
  nodesUpShare: number;
  jobMtbfSeconds: number;
}

/** Mean of a lognormal with this median and log-space σ: median·e^(σ²/2). */
const lognormalMean = (median: number, sigma: number): number => median * Math.exp((sigma * sigma) / 2);

/** P(X ≤ k) for X ~ Poisson(a): the chance that at most k nodes are out for repair (M/G/∞ occupancy). */
function poissonCdf(a: number, k: number): number {
  if (!(a > 0)) return 1;
  const sd = Math.sqrt(a);
  if (k >= a + 12 * sd + 20) return 1;
  if (k <= a - 12 * sd - 20) return 0;
  if (a > 100) return normalCdf((k + 0.5 - a) / sd); // normal approximation with continuity correction
  // Sum the terms in log space so that e^(−a) does not underflow before the sum reaches the mode.
  let logTerm = -a;
  let sum = 0;
  for (let i = 0; i <= k; i++) {
    sum += Math.exp(logTerm);
    logTerm += Math.log(a) - Math.log(i + 1);
  }
  return Math.min(1, sum);
}

/** Standard normal CDF Φ(x) = (1 + erf(x/√2))/2, erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7). */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** E[min(X, t)] for a lognormal X of this median and σ: E[X]·Φ((ln t − μ − σ²)/σ) + t·(1 − Φ((ln t − μ)/σ)). */
function lognormalMeanCappedAt(median: number, sigma: number, t: number): number {
  if (!(median > 0)) return 0;
  if (sigma === 0) return Math.min(median, t);
  const mu = Math.log(median);
  const lt = Math.log(t);
  return lognormalMean(median, sigma) * normalCdf((lt - mu - sigma * sigma) / sigma) + t * (1 - normalCdf((lt - mu) / sigma));
}

/** What the estimate needs to know about a run, derived once from the resolved simulation (times in seconds). */
interface BudgetModel {
  sim: ResolvedSimulation;
  r: ReliabilityParams;
  /** T_s: failure-free compute in wall time. */
  solveSeconds: number;
  /** τ: compute between checkpoints (K whole steps). */
  tau: number;
  /** δ: blocking part of a checkpoint. */
  delta: number;
  /** ASYNC persist window (0 for SYNC). */
  persist: number;
  /** One checkpoint period before its blocking part: max(τ, p) (engine Walker.startCheckpoint). */
  period: number;
  /** M: job MTBF. */
  m: number;
  /** Share of unexpected failures that need a node replaced. */
  hardwareShare: number;
  /** R: recovery after an unexpected failure (detection + re-init + reload), restarted by a failure during it. */
  restartSeconds: number;
  limitSeconds: number;
  plannedPerSecond: number;
  /** C: what a planned stop costs (a whole checkpoint, the planned downtime, a re-init and a reload). */
  plannedCost: number;
}

/** Mean step-time multiplier of the engine's SpeedProfile (diurnal × stragglers × fail-slow). */
function meanSlowdown(sim: ResolvedSimulation): number {
  const r = sim.reliability;
  // diurnal raised cosine 1 + A(1 − cos)/2 averages 1 + A/2;
  const diurnal = 1 + r.diurnalAmplitudeFraction / 2;
  // stragglers: E[max of N exponential excesses of mean μ] = μ·H_N, H_N ≈ ln N + γ + 1/(2N) (harmonic number);
  const n = sim.setup.gpuCount;
  const harmonic = Math.log(n) + 0.5772156649 + 1 / (2 * n);
  const straggler = 1 + r.stragglerJitterFraction * harmonic;
  // fail-slow: episodes of mean length L (lognormal σ 0.7 in the engine) follow exponential gaps 1/ρ after each end.
  const failSlowRatePerSecond = (r.failSlowEpisodesPerGpuHour * n) / 3600;
  const episodeSeconds = lognormalMean(r.failSlowMedianSeconds, 0.7);
  const inEpisode = failSlowRatePerSecond > 0 ? episodeSeconds / (episodeSeconds + 1 / failSlowRatePerSecond) : 0;
  return diurnal * straggler * (1 + r.failSlowSlowdownFraction * inEpisode);
}

function budgetModel(sim: ResolvedSimulation): BudgetModel {
  const setup = sim.setup;
  const r = sim.reliability;
  const slow = meanSlowdown(sim);
  const tau = sim.checkpointIntervalSeconds * slow;
  const persist = sim.checkpointPersistSeconds;
  // Recovery after an unexpected failure (engine: detection → node wait → re-init → reload).
  const weightTotal = r.causes.reduce((a, c) => a + c.weight, 0);
  const detection = r.causes.reduce((a, c) => a + c.weight * (c.detectionSeconds ?? r.detectionSeconds), 0) / weightTotal;
  const reinit = lognormalMean(r.restartMedianSeconds, r.restartSigma);
  return {
    sim,
    r,
    solveSeconds: setup.totalSteps * setup.nominalStepSeconds * slow,
    tau,
    delta: sim.checkpointBlockingSeconds,
    persist,
    period: Math.max(tau, persist),
    m: sim.jobMtbfSeconds,
    hardwareShare: r.causes.reduce((a, c) => a + (c.needsNodeReplacement ? c.weight : 0), 0) / weightTotal,
    restartSeconds: detection + reinit + sim.restoreSeconds,
    limitSeconds: sim.limitSeconds,
    plannedPerSecond: r.plannedInterruptionsPerDay / 86_400,
    plannedCost: sim.checkpointBlockingSeconds + persist + r.plannedDowntimeSeconds + reinit + sim.restoreSeconds,
  };
}

/**
 * Seconds of [0, D] the job has all its nodes. Failed nodes go to repair (lognormal mixture of automatic and manual,
 * presets.ts) and come back to the S hot spares; the job lacks a node while more than S are out for repair. The
 * repair pool starts empty, so the number out for repair at t is Poisson(λ_hw·E[min(T_repair, t)]) (transient
 * M/G/∞, whatever the repair law); midpoint rule on 32 points.
 */
function nodesUpSecondsOver(model: BudgetModel, mtbf: number, d: number): number {
  const { r, hardwareShare } = model;
  if (!Number.isFinite(mtbf) || hardwareShare === 0) return d;
  const rate = hardwareShare / mtbf;
  let sum = 0;
  for (let j = 0; j < 32; j++) {
    const t = (d * (j + 0.5)) / 32;
    const busy =
      (1 - r.manualRepairFraction) * lognormalMeanCappedAt(r.repairMedianSeconds, r.repairSigma, t) +
      r.manualRepairFraction * lognormalMeanCappedAt(r.manualRepairMedianSeconds, r.repairSigma, t);
    sum += poissonCdf(rate * busy, model.sim.spareNodes);
  }
  return (d * sum) / 32;
}

/**
 * Expected wall time to train for a job MTBF `mtbf`: Daly (2006) eq. 20, T_w = M·e^(R/M)·(e^((τ+δ)/M) − 1)·T_s/τ
 * (exponential failures, also during restart and checkpoint; the engine matches it within 1 %, engine.test.ts),
 * without failures T_s/τ periods of τ + δ. Planned stops (Poisson, rate P) cost a whole checkpoint, the planned
 * downtime, a re-init and a reload, and ASYNC loses ≈ p more work per failure (lost work τ/2 + p, engine.test.ts):
 * the job is up a share 1 − P·C − p/M. That much up-time must fit into the seconds the job has its nodes:
 * D solves ∫₀ᴰ up(t) dt = T_w/(1 − P·C − p/M) (bisection; node waits overlapping restarts count twice: errs long).
 */
function wallFor(model: BudgetModel, mtbf: number): { wall: number; upShare: number; nodesUpShare: number } {
  const { solveSeconds, tau, delta, persist, period, restartSeconds, limitSeconds } = model;
  const downShare = model.plannedPerSecond * model.plannedCost + (Number.isFinite(mtbf) ? persist / mtbf : 0);
  const upShareNoWaits = Math.max(0, 1 - downShare);
  let need = Number.isFinite(mtbf)
    ? mtbf * Math.exp(restartSeconds / mtbf) * Math.expm1((period + delta) / mtbf) * (solveSeconds / tau)
    : (solveSeconds / tau) * (period + delta);
  need = upShareNoWaits > 1e-9 ? need / upShareNoWaits + delta + persist : Infinity; // + the final checkpoint
  if (!Number.isFinite(need)) return { wall: Infinity, upShare: 0, nodesUpShare: 0 };
  const atLimit = nodesUpSecondsOver(model, mtbf, limitSeconds);
  if (atLimit < need) {
    // Capped: extrapolate the wall time at the node share seen up to the limit (only its ratio to D is used).
    const share = atLimit / limitSeconds;
    return { wall: share > 0 ? need / share : Infinity, upShare: upShareNoWaits * share, nodesUpShare: share };
  }
  let lo = need;
  let hi = limitSeconds;
  for (let i = 0; i < 50 && hi - lo > 1e-6 * hi; i++) {
    const mid = Math.sqrt(lo * hi);
    if (nodesUpSecondsOver(model, mtbf, mid) < need) lo = mid;
    else hi = mid;
  }
  const nodesUpShare = nodesUpSecondsOver(model, mtbf, hi) / hi;
  return { wall: hi, upShare: upShareNoWaits * nodesUpShare, nodesUpShare };
}

/** Expected unexpected failures in the first `d` seconds (the failure clocks run in wall time, up or down). */
function failuresIn(model: BudgetModel, d: number): number {
  const { r, m } = model;
  // Poisson of rate 1/M, or Weibull clocks from equilibrium (stationary renewal: rate 1/M too).
  if (!Number.isFinite(m)) return 0;
  if (r.failureModel !== 'WEIBULL' || r.weibullStart !== 'FRESH' || r.weibullShape >= 1) return d / m;
  // Fresh clocks with k < 1 front-load failures. Per node the renewal function m(t) ≤ F/(1 − F) (Σ Fⁿ), and, as
  // a DFR renewal function is concave, t/μ ≤ m(t) ≤ t/μ + (CV² − 1)/2 (its asymptote); Weibull
  // F(t) = 1 − exp(−(t/λ)^k), λ = μ/Γ(1 + 1/k), CV² = Γ(1 + 2/k)/Γ(1 + 1/k)² − 1.
  const k = r.weibullShape;
  const nodeMean = m * model.sim.nodes;
  const g1 = detGamma(1 + 1 / k);
  const cv2 = detGamma(1 + 2 / k) / (g1 * g1) - 1;
  const f = 1 - Math.exp(-Math.pow((d * g1) / nodeMean, k));
  const perNode = Math.min(f < 1 ? f / (1 - f) : Infinity, d / nodeMean + (cv2 - 1) / 2);
  return Math.max(d / m, perNode * model.sim.nodes);
}

/**
 * D, the simulated seconds of one replica: the expected time to train, capped by the horizon or safety limit.
 * Fresh Weibull clocks add a burst of early failures over the stationary rate; each extra one costs what an
 * average failure costs in the stationary estimate, M·(1 − T_s/T_w) (one pass: the burst is front-loaded, so
 * re-rating the whole run at the burst's rate would overshoot).
 */
function expectedWall(model: BudgetModel): { wall: number; upShare: number; nodesUpShare: number } {
  const { m, limitSeconds, solveSeconds } = model;
  const run = wallFor(model, m);
  let wall = run.wall;
  if (Number.isFinite(wall) && Number.isFinite(m)) {
    const d0 = Math.min(wall, limitSeconds);
    const extraFailures = failuresIn(model, d0) - d0 / m;
    if (extraFailures > 0) wall += extraFailures * m * Math.max(0, 1 - solveSeconds / wall);
  }
  return { wall, upShare: run.upShare, nodesUpShare: run.nodesUpShare };
}

/**
 * Expected stored events of a simulation (see the file comment). Accepts the setup (validated by
 * resolveSimulation, whose InvalidInputError propagates) or an already resolved simulation.
 */
export function estimateStoredEvents(input: SimulationSetup | Omit<SimulationSetup, 'predictedLoss'> | ResolvedSimulation): EventBudgetEstimate {
  const sim = 'stepUs' in input ? input : resolveSimulation(input as SimulationSetup);
  const replicas = sim.setup.replicas;
  const detailed = Math.min(sim.detailedReplicas, replicas);
  const model = budgetModel(sim);
  const { solveSeconds, tau, delta, period, m, restartSeconds, limitSeconds, plannedPerSecond } = model;
  const { wall, upShare, nodesUpShare } = expectedWall(model);
  const capped = !(wall < limitSeconds);
  const d = capped ? limitSeconds : wall;

  // Progress ticks every max(1 µs, interval) of simulated time before the end (ticks at the limit itself are not
  // processed).
  const tickSeconds = Math.max(1e-6, Math.round(sim.progressIntervalSeconds * 1e6) / 1e6);
  const ticks = capped ? Math.max(0, Math.ceil(limitSeconds / tickSeconds) - 1) : Math.floor(d / tickSeconds);
  const unexpected = failuresIn(model, d);
  const planned = d * plannedPerSecond;
  // Outages end in one RECOVERY each; an interruption starts an outage only while the job runs. Running share of
  // the wall time ≈ e^(−R/M)·upShare (Daly: a recovery of length R completes with probability e^(−R/M)).
  const runningShare = (Number.isFinite(m) ? Math.exp(-restartSeconds / m) : 1) * upShare;
  const recoveries = (unexpected + planned) * runningShare;
  // CHECKPOINT_SAMPLED: at a tick, if the durable step moved since the last sample. It moves at each durable
  // checkpoint (≈ work done / τ + the final one) and at each planned stop (which makes the current work durable).
  // Checkpoints are periodic, so a tick interval Δ holds one once Δ exceeds the period, unless the interval lies
  // inside an outage: an outage of length L swallows ≈ (L − Δ)/Δ ticks. Computing time is Daly's T_w with R = 0.
  const workDone = capped ? (Number.isFinite(wall) ? solveSeconds * (d / wall) : 0) : solveSeconds;
  const moves = workDone / tau + 1 + planned * runningShare;
  const computingSeconds = Number.isFinite(m)
    ? m * Math.expm1((period + delta) / m) * (solveSeconds / tau)
    : (solveSeconds / tau) * (period + delta);
  const computingShare = Number.isFinite(wall) && wall > 0 ? Math.min(1, computingSeconds / wall) : 0;
  const outages = Math.max(1, recoveries);
  const outageSeconds = (d * (1 - computingShare)) / outages;
  const swallowedTicks = (outages * Math.max(0, outageSeconds - tickSeconds)) / tickSeconds;
  const checkpointSampled = Math.max(0, Math.min(ticks, moves, ticks - swallowedTicks));

  const progressEvents = detailed * (ticks + checkpointSampled);
  const failureShare = unexpected + planned > 0 ? unexpected / (unexpected + planned) : 0;
  const failureEvents = detailed * (unexpected + recoveries * failureShare);
  const plannedEvents = detailed * (planned + recoveries * (1 - failureShare));
  const resultEvents = replicas + 1; // REPLICA_COMPLETED per replica + COMPLETED
  const contributors: Record<EventBudgetContributor, number> = {
    PROGRESS: progressEvents,
    FAILURES: failureEvents,
    PLANNED: plannedEvents,
    REPLICA_RESULTS: resultEvents,
  };
  let dominant: EventBudgetContributor = 'REPLICA_RESULTS';
  for (const key of ['PROGRESS', 'FAILURES', 'PLANNED'] as const) if (contributors[key] > contributors[dominant]) dominant = key;
  const expectedEvents = progressEvents + failureEvents + plannedEvents + resultEvents;
  return {
    events: expectedEvents * SAFETY_FACTOR,
    expectedEvents,
    replicaSeconds: d,
    timeToTrainSeconds: wall,
    capped,
    detailedReplicas: detailed,
    perDetailedReplica: {
      progress: ticks,
      checkpointSampled,
      unexpectedInterruptions: unexpected,
      plannedInterruptions: planned,
      recoveries,
    },
    contributors,
    dominant,
    recoverySeconds: restartSeconds,
    nodesUpShare,
    jobMtbfSeconds: m,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The pre-flight check and its message

export interface EventBudgetExcess {
  /** Input path of the field to change (prefixed with `options.path`), e.g. `input.progressIntervalSeconds`. */
  field: string;
  value: number | string;
  /** What would be accepted, in words (the "use …" clause of the message). */
  allowed: string;
  message: string;
  estimate: EventBudgetEstimate;
}

type Setup = SimulationSetup | Omit<SimulationSetup, 'predictedLoss'>;

const fits = (setup: Setup, maxEvents: number): boolean => estimateStoredEvents(setup).events <= maxEvents;

/** Largest x in [lo, hi] with ok(x) (ok monotone: true up to a threshold), or null; geometric bisection. */
function largestOk(lo: number, hi: number, ok: (x: number) => boolean): number | null {
  if (!ok(lo)) return null;
  if (ok(hi)) return hi;
  for (let i = 0; i < 60 && hi / lo > 1 + 1e-4; i++) {
    const mid = Math.sqrt(lo * hi);
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Two significant digits, rounded towards the allowed side. */
function roundSafe(x: number, direction: 'up' | 'down'): number {
  if (!(x > 0) || !Number.isFinite(x)) return x;
  const scale = 10 ** (Math.floor(Math.log10(x)) - 1);
  return (direction === 'up' ? Math.ceil(x / scale) : Math.floor(x / scale)) * scale;
}

/** A number as people read it: 2 significant digits for counts ("4.7 million", "230,000"). */
export function formatCount(n: number): string {
  if (n >= 1e9) return `${Number((n / 1e9).toPrecision(2))} billion`;
  if (n >= 1e6) return `${Number((n / 1e6).toPrecision(2))} million`;
  return Number(n.toPrecision(2)).toLocaleString('en-US');
}

function formatNumber(x: number): string {
  if (x === 0) return '0';
  if (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e7) return x.toExponential(2).replace(/\.?0+e/, 'e');
  return Number(x.toPrecision(3)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

export function formatDuration(seconds: number): string {
  const n = (x: number) => Number(x.toPrecision(2)).toLocaleString('en-US');
  if (seconds < 120) return `${n(seconds)} s`;
  if (seconds < 7200) return `${n(seconds / 60)} min`;
  if (seconds < 2 * 86_400) return `${n(seconds / 3600)} h`;
  if (seconds < 2 * 365 * 86_400) return `${n(seconds / 86_400)} days`;
  return `${n(seconds / (365 * 86_400))} years`;
}

/**
 * The pre-flight check: null when the estimated stored events (expected × SAFETY_FACTOR) fit in `maxEvents`,
 * else the field to change — the dominant contributor's — with its value, what would fit, and a message such as
 * "input.progressIntervalSeconds: 1 would emit ≈ 4.7 million progress events over 54 days; …". The suggested
 * bounds are found by bisection on this same estimate, so each of them alone passes the check.
 */
export function checkEventBudget(
  setup: Setup,
  options: { maxEvents?: number; path?: string } = {},
): EventBudgetExcess | null {
  const maxEvents = options.maxEvents ?? MAX_STORED_EVENTS_PER_SIMULATION;
  const estimate = estimateStoredEvents(setup);
  if (!(estimate.events > maxEvents)) return null; // (a NaN estimate passes: the runtime cap is the backstop)
  const at = (field: string) => (options.path ? `${options.path}.${field}` : field);
  const sim = resolveSimulation(setup as SimulationSetup);
  const r = setup.reliability;
  const detailed = estimate.detailedReplicas;
  const over = `over ${formatDuration(estimate.replicaSeconds)}${detailed > 1 ? ` in each of ${detailed} detailed replicas` : ''}`;
  const total = `≈ ${formatCount(estimate.expectedEvents)} stored events in all; the limit is ${maxEvents.toLocaleString('en-US')} per simulation, checked with a ${Math.round((SAFETY_FACTOR - 1) * 100)} % margin`;

  // What else would fit: fewer detailed replicas, or a horizon.
  const others: string[] = [];
  if (detailed > 0) {
    let best = -1;
    for (let k = detailed - 1; k >= 0; k--) {
      if (fits({ ...setup, detailedReplicas: k }, maxEvents)) {
        best = k;
        break;
      }
    }
    if (best >= 0) others.push(`detailedReplicas ≤ ${best}${best === 0 ? ' (only the per-replica results)' : ''}`);
  }
  const horizon = largestOk(1, Math.max(1, estimate.replicaSeconds), (h) => fits({ ...setup, horizonSeconds: h }, maxEvents));
  if (horizon !== null && horizon < estimate.replicaSeconds) {
    const h = roundSafe(horizon, 'down');
    others.push(`horizonSeconds ≤ ${h.toLocaleString('en-US')} (${formatDuration(h)})`);
  }
  const use = (first: string | null): string => {
    const all = first ? [first, ...others] : others;
    if (all.length === 0) return 'fewer replicas or a smaller run';
    return all.length === 1 ? all[0]! : `${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}`;
  };

  if (estimate.dominant === 'PROGRESS') {
    const interval = sim.progressIntervalSeconds;
    const ok = (x: number) => fits({ ...setup, progressIntervalSeconds: x }, maxEvents);
    // "At least x seconds": search the largest 1/x that still fits.
    let bound: number | null = null;
    if (ok(365 * 86_400)) {
      const inv = largestOk(1 / (365 * 86_400), 1 / interval, (v) => ok(1 / v));
      if (inv !== null) bound = roundSafe(1 / inv, 'up');
    }
    const value = setup.progressIntervalSeconds ?? `default ${formatNumber(interval)}`;
    const progressEvents = estimate.contributors.PROGRESS;
    const allowed = use(bound !== null ? `progressIntervalSeconds ≥ ${formatNumber(bound)} s` : null);
    return {
      field: at('progressIntervalSeconds'),
      value,
      allowed,
      estimate,
      message:
        `${at('progressIntervalSeconds')}: ${typeof value === 'number' ? formatNumber(value) : value} s would emit ≈ ${formatCount(progressEvents)} ` +
        `progress events ${over} (${total}) — use ${allowed}`,
    };
  }

  if (estimate.dominant === 'REPLICA_RESULTS') {
    const allowed = use(null);
    return {
      field: at('replicas'),
      value: setup.replicas,
      allowed,
      estimate,
      message: `${at('replicas')}: ${setup.replicas} would emit ≈ ${formatCount(estimate.contributors.REPLICA_RESULTS)} replica results (${total}) — use ${allowed}`,
    };
  }

  const planned = estimate.dominant === 'PLANNED';
  const rateKey = planned ? 'plannedInterruptionsPerDay' : 'unexpectedFailuresPerGpuHour';
  const withReliability = (key: keyof ReliabilityParams, x: number): Setup => ({ ...setup, reliability: { ...r, [key]: x } });
  /** The largest value of a reliability rate/time (from 0 up to the current one) that fits, rounded down. */
  const largestFitting = (key: 'plannedInterruptionsPerDay' | 'unexpectedFailuresPerGpuHour' | 'restartMedianSeconds'): number | null => {
    const current = r[key];
    if (!(current > 0)) return null;
    const found = largestOk(current * 1e-9, current, (x) => fits(withReliability(key, x), maxEvents));
    return found === null ? null : roundSafe(found, 'down');
  };
  const rateBound = largestFitting(rateKey);
  const events = planned ? estimate.contributors.PLANNED : estimate.contributors.FAILURES;
  // A run that cannot finish (recoveries about as long as the time between failures) is simulated to the safety limit.
  const stuck = !planned && estimate.capped && sim.horizonSeconds === null;
  const reinitSeconds = r.restartMedianSeconds * Math.exp((r.restartSigma * r.restartSigma) / 2);
  // Name the restart when it makes most of the recovery and a shorter one alone would fit; else the rate.
  const restartBound = stuck && reinitSeconds > estimate.recoverySeconds / 2 ? largestFitting('restartMedianSeconds') : null;
  const restartLed = restartBound !== null;
  const key = restartLed ? 'restartMedianSeconds' : rateKey;
  const value = restartLed ? r.restartMedianSeconds : r[rateKey];
  const first = [
    restartBound !== null ? `restartMedianSeconds ≤ ${formatNumber(restartBound)} s` : null,
    rateBound !== null ? `${rateKey} ≤ ${formatNumber(rateBound)}` : null,
  ].filter((x): x is string => x !== null);
  const allowed = use(first.length > 0 ? first.join(', ') : null);
  const what = restartLed
    ? `s of restart with a failure every ${formatDuration(estimate.jobMtbfSeconds)} (${formatNumber(r.unexpectedFailuresPerGpuHour)} per GPU-hour on ${setup.gpuCount.toLocaleString('en-US')} GPUs)`
    : planned
      ? 'planned stops per day'
      : `per GPU-hour on ${setup.gpuCount.toLocaleString('en-US')} GPUs (a failure every ${formatDuration(estimate.jobMtbfSeconds)})`;
  const why = stuck
    ? `; recoveries (≈ ${formatDuration(estimate.recoverySeconds)} each${estimate.nodesUpShare < 0.5 ? ', plus waits for repaired nodes' : ''}) leave too little time between failures, so the run cannot finish and is simulated up to the engine's safety limit of ${formatDuration(sim.limitSeconds)}`
    : '';
  return {
    field: at(`reliability.${key}`),
    value,
    allowed,
    estimate,
    message:
      `${at(`reliability.${key}`)}: ${formatNumber(value)} ${what} would emit ≈ ${formatCount(events)} ` +
      `${planned ? 'planned-stop' : 'interruption and recovery'} events ${over}${why} (${total}) — use ${allowed}`,
  };
}
