/**
 * From dollars and days to a training run: the model size, tokens and layout that a scaling law predicts to reach
 * the lowest loss on a fleet, once the step-time model's MFU and the failure model's lost time are paid for.
 *
 * The search (docs/budget.md):
 *   1. Model sizes on the fixed grid 2^(j/4) from 10^7 to 10^15 parameters (the same for every budget), tried outward
 *      from the law's allocation at a nominal 40 % MFU, skipping those whose loss floor cannot beat the best; each
 *      shaped into a real architecture of the family (architecture-sizing.ts).
 *   2. For each size and GPU count (the whole fleet, half and a quarter of it), the best layout by the plan search
 *      (search.ts, objective TIME) at the batch size DeepSeek's fit gives for that compute; its tokens per second.
 *   3. Failures: Daly's expected wall time (checkpoint.ts, Daly 2006 eq. 20) at Daly's optimal interval, with the
 *      job MTBF = 1/(λ·GPUs), plus planned stops; the wall time is linear in the failure-free time, so one factor
 *      per candidate turns tokens into days and dollars.
 *   4. The most tokens the budget and the deadline allow for each candidate; repeated data counts with diminishing
 *      value (Muennighoff et al. 2023); the candidate with the lowest predicted loss (the law's own) wins.
 * With `targetLoss` the same candidates answer the inverse question: the fewest dollars that reach the loss.
 * With `idealUtilisation` (MFU 1, no failures) the answer is the law's own allocation (computeOptimalAllocation).
 *
 * Pure: no I/O, no clock; the caller injects `now`/`shouldStop`/`onProgress` (src/server/budget-runner.ts). A plan
 * stops after `timeLimitSeconds` (default 30) and answers with the best so far (`truncated`).
 */
import { sizeArchitecture, validateFamily, type ArchitectureFamily } from './architecture-sizing.js';
import { dalyCheckpointIntervalSeconds, dalyExpectedWallSeconds } from './checkpoint.js';
import { InvalidInputError, requireFinite } from './errors.js';
import { makeCluster, peakFlopsFor } from './hardware.js';
import {
  CHINCHILLA_APPROACH3,
  computeOptimalAllocation,
  EPOCH_2024,
  KAPLAN_JOINT,
  parametricOptimum,
  predictedLoss,
  SCALING_LAW_NAMES,
  type ScalingLawName,
} from './scaling.js';
import { searchPlans } from './search.js';
import type { ClusterSpec, ModelArchitecture, ModelCounts, ParallelLayout, PlanEstimate, Precision } from './types.js';

/** Muennighoff et al. 2023, "Scaling Data-Constrained Language Models", Eq. 5 fit: R*_D = 15.4 (data). */
export const MUENNIGHOFF_REPETITION_HALF_LIFE = 15.4;
/** DeepSeek LLM (DeepSeek-AI 2024) §3.1, Eq. 1: B_opt = 0.2920·C^0.3271 tokens (C in FLOPs). */
export const DEEPSEEK_BATCH_FIT = Object.freeze({ coefficient: 0.292, exponent: 0.3271 });
/** MFU assumed only to centre the size grid (the answer uses each candidate's own MFU). */
export const NOMINAL_MFU = 0.4;
/** Most model sizes tried (grid + refinement), and most GPU counts per size. */
export const MAX_BUDGET_SIZES = 40;

export type BindingConstraint = 'BUDGET' | 'DEADLINE' | 'DATA' | 'MEMORY' | 'TARGET_LOSS';

/** The failure model: rates and times of a reliability preset (src/simulation/presets.ts maps one to this). */
export interface BudgetFailureModel {
  /** Job-interrupting failures per GPU-hour. */
  failuresPerGpuHour: number;
  /** Planned stops per day (they checkpoint first: each costs the restart only). */
  plannedInterruptionsPerDay: number;
  plannedDowntimeSeconds: number;
  /** Detection + re-initialisation of the job after a failure (the checkpoint reload is added from the bytes). */
  restartSeconds: number;
  storageWriteBytesPerSecond: number;
  storageReadBytesPerSecond: number;
  /** ASYNC: only the device→host copy blocks (at this rate per GPU); SYNC: the whole write blocks. */
  asyncCheckpoint: boolean;
  deviceToHostBytesPerSecondPerGpu: number;
  /** Bytes of a checkpoint per parameter (16: bf16 weights + fp32 master and Adam moments). */
  checkpointBytesPerParameter: number;
  /** A prescribed interval; null = Daly's optimum. */
  checkpointIntervalSeconds: number | null;
  /** Slowdowns of the step time (optional, 0 by default): peak-to-trough diurnal variation, per-rank exponential jitter (mean, fraction of a step), fail-slow episodes. */
  diurnalAmplitudeFraction?: number;
  stragglerJitterFraction?: number;
  failSlowEpisodesPerGpuHour?: number;
  failSlowMeanSeconds?: number;
  failSlowSlowdownFraction?: number;
}

export interface BudgetPlanRequest {
  budgetUsd?: number | null;
  deadlineDays?: number | null;
  /** The fleet at its largest (maxGpus); its price per GPU-hour is the price paid. */
  cluster: ClusterSpec;
  law: ScalingLawName;
  family: ArchitectureFamily;
  /** Unique training tokens available; more tokens than this are repeated epochs. */
  availableTokens?: number | null;
  /** null = no failures. */
  failures?: BudgetFailureModel | null;
  targetLoss?: number | null;
  /** MFU 1 and no failures: the law's own allocation of the compute the budget buys. */
  idealUtilisation?: boolean;
  precision?: Precision;
  /** GPU counts to try (default: the fleet, half and a quarter, in whole nodes). */
  gpuCounts?: readonly number[];
  /** Time limit of each layout search (seconds). */
  searchTimeLimitSeconds?: number;
  /** Time limit of the whole plan (seconds, default 30; needs hooks.now): then the best so far, truncated. */
  timeLimitSeconds?: number;
}

export interface BudgetProgress {
  sizesEvaluated: number;
  sizesTotal: number;
  bestParameters: number | null;
  bestPredictedLoss: number | null;
  elapsedSeconds: number;
}

export interface BudgetHooks {
  now?: () => number;
  shouldStop?: () => boolean;
  onProgress?: (progress: BudgetProgress) => void;
}

/** One model size on one GPU count, with its best layout and what a token costs in seconds. */
export interface BudgetCandidate {
  arch: ModelArchitecture;
  counts: ModelCounts;
  /** The count the law uses: non-embedding (Kaplan) or all parameters; an MoE's active ones. */
  lawParameters: number;
  gpus: number;
  cluster: ClusterSpec;
  layout: ParallelLayout | null;
  estimate: PlanEstimate | null;
  fits: boolean;
  globalBatchSize: number;
  /** Failure-free seconds per training token on `gpus` GPUs. */
  secondsPerToken: number;
  modelFlopsUtilization: number;
  /** Expected wall time / failure-free time (Daly eq. 20, planned stops, slowdowns). */
  wallFactor: number;
  /** Effective training time ratio: the time lost to failures, checkpoints and restarts only (slowdowns lower goodput, not ETTR). */
  ettr: number;
  slowdownFactor: number;
  jobMtbfSeconds: number | null;
  checkpointIntervalSeconds: number | null;
  checkpointSeconds: number;
  restartSeconds: number;
}

/** A candidate given a token count: what it costs and reaches. */
export interface BudgetRun {
  candidate: BudgetCandidate;
  trainingTokens: number;
  effectiveTokens: number;
  epochs: number | null;
  solveDays: number;
  expectedDays: number;
  costUsd: number;
  computeFlops: number;
  predictedLoss: number;
  /** The loss the sizes are ranked by: the law's own loss at the effective data, equal to `predictedLoss`. */
  rankingLoss: number;
  /** What capped the tokens: BUDGET or DEADLINE (TARGET_LOSS in the inverse question). */
  limitedBy: BindingConstraint;
}

export interface BudgetPoint {
  spendUsd: number;
  predictedLoss: number;
  rankingLoss: number;
  parameters: number;
  trainingTokens: number;
  expectedDays: number;
  gpus: number;
}

export interface BudgetSizeSummary {
  parameters: number;
  gpus: number;
  fits: boolean;
  modelFlopsUtilization: number;
  ettr: number;
  trainingTokens: number;
  predictedLoss: number | null;
  rankingLoss: number | null;
}

export interface BudgetPlanOutcome {
  best: BudgetRun | null;
  bindingConstraint: BindingConstraint;
  /** The law's allocation for the compute the answer spends (C = 6·N·D), and how far the answer moved from it. */
  idealParameters: number;
  idealTokens: number;
  shiftFraction: number;
  /** Target-loss mode: whether some candidate reaches it within the budget and deadline given. */
  targetReached: boolean | null;
  frontier: BudgetPoint[];
  sizes: BudgetSizeSummary[];
  notes: string[];
  truncated: boolean;
  elapsedSeconds: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Data and loss

/**
 * Effective data of D tokens drawn from U unique ones (Muennighoff et al. 2023, Eq. 5):
 * D' = U + U·R*·(1 − e^(−R/R*)), R = D/U − 1 repetitions beyond the first epoch, R* = 15.4.
 */
export function effectiveTokens(tokens: number, uniqueTokens: number | null | undefined): number {
  if (uniqueTokens === null || uniqueTokens === undefined || tokens <= uniqueTokens) return tokens;
  const repetitions = tokens / uniqueTokens - 1;
  const r = MUENNIGHOFF_REPETITION_HALF_LIFE;
  return uniqueTokens + uniqueTokens * r * -Math.expm1(-repetitions / r);
}

/** The parameters at which the law's loss fit is lowest along C = 6ND (parametric: Hoffmann et al. 2022 Eq. 4). */
export function lossOptimalParameters(law: ScalingLawName, computeFlops: number): number {
  if (law === 'CHINCHILLA' || law === 'CHINCHILLA_PARAMETRIC') return parametricOptimum(CHINCHILLA_APPROACH3, computeFlops).parameters;
  if (law === 'EPOCH') return parametricOptimum(EPOCH_2024, computeFlops).parameters;
  // Kaplan Eq. 1.5, L = (x + y)^α_D with x = (N_c/N)^p, p = α_N/α_D, y = D_c/D = 6·D_c·N/C along C = 6ND: dL/dN = 0
  // at y = p·x, i.e. N = (p·N_c^p·C/(6·D_c))^(1/(1+p)) (Kaplan et al. 2020 Eq. 1.5 minimised; Table 2 constants).
  const { alphaN, alphaD, nC, dC } = KAPLAN_JOINT;
  const p = alphaN / alphaD;
  return Math.exp((Math.log(p) + p * Math.log(nC) + Math.log(computeFlops) - Math.log(6 * dC)) / (1 + p));
}

/** The count a law's N means: Kaplan non-embedding, the others all parameters; an MoE's active ones. */
export function lawParametersOf(law: ScalingLawName, counts: ModelCounts): number {
  return law === 'KAPLAN' ? counts.activeNonEmbeddingParameters : counts.activeParameters;
}

// ---------------------------------------------------------------------------------------------------------------
// Time, failures and money

interface FailureCost {
  wallFactor: number;
  jobMtbfSeconds: number | null;
  checkpointIntervalSeconds: number | null;
  checkpointSeconds: number;
  restartSeconds: number;
  slowdownFactor: number;
}

/**
 * Mean step-time multiplier of the slowdowns: diurnal 1 + a·(1 − cos)/2 averages 1 + a/2; the slowest of N ranks
 * with exponential excess of mean μ is late by μ·H_N on average (H_N ≈ ln N + 0.5772, the mean of the maximum of N
 * exponentials); fail-slow episodes slow the whole job by s for the fraction of time one is running.
 */
export function slowdownFactor(failures: BudgetFailureModel, gpus: number): number {
  const diurnal = 1 + (failures.diurnalAmplitudeFraction ?? 0) / 2;
  const harmonic = Math.log(gpus) + 0.5772156649 + 1 / (2 * gpus);
  const straggler = 1 + (failures.stragglerJitterFraction ?? 0) * harmonic;
  const busy = ((failures.failSlowEpisodesPerGpuHour ?? 0) * gpus * (failures.failSlowMeanSeconds ?? 0)) / 3600;
  const failSlow = 1 + (failures.failSlowSlowdownFraction ?? 0) * (busy / (1 + busy));
  return diurnal * straggler * failSlow;
}

/** Expected wall time per failure-free second (Daly 2006 eq. 20 at eq. 37's interval, planned stops added). */
export function failureCost(failures: BudgetFailureModel | null | undefined, gpus: number, totalParameters: number): FailureCost {
  if (!failures || failures.failuresPerGpuHour <= 0) {
    return { wallFactor: failures ? slowdownFactor(failures, gpus) : 1, jobMtbfSeconds: null, checkpointIntervalSeconds: null, checkpointSeconds: 0, restartSeconds: 0, slowdownFactor: failures ? slowdownFactor(failures, gpus) : 1 };
  }
  const bytes = failures.checkpointBytesPerParameter * totalParameters;
  // Blocking part of a checkpoint: the whole write (SYNC) or the device→host copy of each GPU's share (ASYNC), as the engine.
  const checkpointSeconds = failures.asyncCheckpoint
    ? bytes / (gpus * failures.deviceToHostBytesPerSecondPerGpu)
    : bytes / failures.storageWriteBytesPerSecond;
  const restartSeconds = failures.restartSeconds + bytes / failures.storageReadBytesPerSecond;
  // Superposed independent GPUs: job MTBF = 1/(λ·N) (Poisson).
  const mtbf = 3600 / (failures.failuresPerGpuHour * gpus);
  const interval = failures.checkpointIntervalSeconds ?? Math.max(1, dalyCheckpointIntervalSeconds(checkpointSeconds, mtbf));
  const daly = dalyExpectedWallSeconds({ solveSeconds: 1, intervalSeconds: interval, checkpointSeconds, restartSeconds, mtbfSeconds: mtbf });
  // Planned stops lose no work: each costs a restart (and its downtime) per day of wall time.
  const plannedFraction = (failures.plannedInterruptionsPerDay * (restartSeconds + failures.plannedDowntimeSeconds)) / 86_400;
  if (plannedFraction >= 1) throw new InvalidInputError('reliability.plannedInterruptionsPerDay', failures.plannedInterruptionsPerDay, 'fewer planned stops than fit in a day');
  // Slowdowns stretch the compute time Daly's formula is linear in.
  const slowdown = slowdownFactor(failures, gpus);
  return { wallFactor: (slowdown * daly) / (1 - plannedFraction), jobMtbfSeconds: mtbf, checkpointIntervalSeconds: interval, checkpointSeconds, restartSeconds, slowdownFactor: slowdown };
}

/** A candidate's run of `tokens` tokens: days, dollars (GPUs × wall hours × price), loss. */
export function runFor(request: NormalizedRequest, candidate: BudgetCandidate, tokens: number, limitedBy: BindingConstraint): BudgetRun {
  const solveSeconds = tokens * candidate.secondsPerToken;
  const wallSeconds = solveSeconds * candidate.wallFactor;
  const eff = effectiveTokens(tokens, request.availableTokens);
  // The law's own loss at the effective data: what the answer reports and what the candidates are ranked by.
  const loss = predictedLoss(request.law, candidate.lawParameters, eff);
  return {
    candidate,
    trainingTokens: tokens,
    effectiveTokens: eff,
    epochs: request.availableTokens === null ? null : tokens / request.availableTokens,
    solveDays: solveSeconds / 86_400,
    expectedDays: wallSeconds / 86_400,
    costUsd: (candidate.gpus * request.gpuHourUsd * wallSeconds) / 3600,
    computeFlops: 6 * candidate.lawParameters * tokens,
    predictedLoss: loss,
    rankingLoss: loss,
    limitedBy,
  };
}

/** The most tokens a candidate can train within `budgetUsd` and the deadline, and which of the two caps it. */
function maxTokens(request: NormalizedRequest, c: BudgetCandidate, budgetUsd: number | null): { tokens: number; limitedBy: BindingConstraint } {
  const wallSecondsPerToken = c.secondsPerToken * c.wallFactor;
  const byBudget = budgetUsd === null ? Infinity : (budgetUsd * 3600) / (c.gpus * request.gpuHourUsd * wallSecondsPerToken);
  const byDeadline = request.deadlineSeconds === null ? Infinity : request.deadlineSeconds / wallSecondsPerToken;
  return byBudget <= byDeadline ? { tokens: byBudget, limitedBy: 'BUDGET' } : { tokens: byDeadline, limitedBy: 'DEADLINE' };
}

/**
 * The run of a candidate with the lowest loss the budget and deadline allow: all the tokens they pay for (the law's loss
 * falls with data, and Muennighoff's effective data grows with the tokens trained).
 */
function bestRunWithin(r: NormalizedRequest, c: BudgetCandidate, budgetUsd: number | null): BudgetRun {
  const cap = maxTokens(r, c, budgetUsd);
  return runFor(r, c, cap.tokens, cap.limitedBy);
}

// ---------------------------------------------------------------------------------------------------------------
// The search

export interface NormalizedRequest {
  budgetUsd: number | null;
  deadlineSeconds: number | null;
  cluster: ClusterSpec;
  gpuHourUsd: number;
  law: ScalingLawName;
  family: Required<ArchitectureFamily>;
  availableTokens: number | null;
  failures: BudgetFailureModel | null;
  targetLoss: number | null;
  ideal: boolean;
  precision: Precision;
  gpuCounts: number[];
  searchTimeLimitSeconds: number;
  timeLimitSeconds: number;
}

function normalize(r: BudgetPlanRequest): NormalizedRequest {
  const budgetUsd = r.budgetUsd ?? null;
  const deadlineDays = r.deadlineDays ?? null;
  const targetLoss = r.targetLoss ?? null;
  if (budgetUsd !== null) requireFinite('budgetUsd', budgetUsd, 1, 1e13);
  if (deadlineDays !== null) requireFinite('deadlineDays', deadlineDays, 0.01, 3650);
  if (targetLoss !== null) requireFinite('targetLoss', targetLoss, 0.01, 20);
  if (budgetUsd === null && deadlineDays === null && targetLoss === null) {
    throw new InvalidInputError('budgetUsd', null, 'a budget in USD, a deadlineDays or a targetLoss (at least one)');
  }
  if (!SCALING_LAW_NAMES.includes(r.law)) throw new InvalidInputError('law', r.law, `one of ${SCALING_LAW_NAMES.join(', ')}`);
  const availableTokens = r.availableTokens ?? null;
  if (availableTokens !== null) requireFinite('availableTokens', availableTokens, 1e6, 1e16);
  const total = r.cluster.gpusPerNode * r.cluster.nodes;
  let gpuCounts: number[];
  if (r.gpuCounts && r.gpuCounts.length > 0) {
    gpuCounts = [...new Set(r.gpuCounts)];
    for (const [i, g] of gpuCounts.entries()) {
      if (!Number.isInteger(g) || g < 1 || g > total) throw new InvalidInputError(`gpuCounts[${i}]`, g, `an integer in [1, ${total}]`);
    }
  } else {
    // The fleet, and the largest power of two within it (a batch of 2^k sequences splits evenly over it), its half
    // and its quarter, in whole nodes.
    const perNode = r.cluster.gpusPerNode;
    const pow2 = 2 ** Math.floor(Math.log2(total));
    gpuCounts = [...new Set([total, pow2, pow2 / 2, pow2 / 4])].filter((g) => g <= total && (g % perNode === 0 || g < perNode) && g >= 1);
    if (gpuCounts.length === 1 && total >= 2 * perNode) gpuCounts.push(Math.floor(total / 2 / perNode) * perNode);
  }
  if (r.failures) {
    const f = r.failures;
    requireFinite('reliability.failuresPerGpuHour', f.failuresPerGpuHour, 0, 1);
    requireFinite('reliability.plannedInterruptionsPerDay', f.plannedInterruptionsPerDay, 0, 1000);
    requireFinite('reliability.restartSeconds', f.restartSeconds, 0, 30 * 86_400);
    requireFinite('reliability.storageWriteBytesPerSecond', f.storageWriteBytesPerSecond, 1, 1e16);
    requireFinite('reliability.storageReadBytesPerSecond', f.storageReadBytesPerSecond, 1, 1e16);
  }
  return {
    budgetUsd,
    deadlineSeconds: deadlineDays === null ? null : deadlineDays * 86_400,
    cluster: r.cluster,
    gpuHourUsd: r.cluster.gpuHourUsd,
    law: r.law,
    family: validateFamily(r.family),
    availableTokens,
    failures: r.failures ?? null,
    targetLoss,
    ideal: r.idealUtilisation === true,
    precision: r.precision ?? 'BF16',
    gpuCounts,
    searchTimeLimitSeconds: requireFinite('searchTimeLimitSeconds', r.searchTimeLimitSeconds ?? 2, 0.01, 60),
    timeLimitSeconds: requireFinite('timeLimitSeconds', r.timeLimitSeconds ?? 30, 0.01, 3600),
  };
}

/** Global batch in sequences: DeepSeek's B_opt for the compute, rounded down to a power of two. */
export function batchSequencesFor(computeFlops: number, sequenceLength: number): number {
  const tokens = DEEPSEEK_BATCH_FIT.coefficient * computeFlops ** DEEPSEEK_BATCH_FIT.exponent;
  return 2 ** Math.max(0, Math.min(16, Math.floor(Math.log2(Math.max(1, tokens / sequenceLength)))));
}

function clusterOf(fleet: ClusterSpec, gpus: number): ClusterSpec {
  if (gpus === fleet.gpusPerNode * fleet.nodes) return fleet;
  const perNode = Math.min(fleet.gpusPerNode, gpus);
  return makeCluster({
    gpu: fleet.gpu,
    gpusPerNode: perNode,
    nodes: Math.ceil(gpus / perNode),
    gpuHourUsd: fleet.gpuHourUsd,
    pue: fleet.pue,
    ...(fleet.hostMemoryBytesPerNode !== undefined ? { hostMemoryBytesPerNode: fleet.hostMemoryBytesPerNode } : {}),
    ...(fleet.nvmeBytesPerNode !== undefined ? { nvmeBytesPerNode: fleet.nvmeBytesPerNode } : {}),
  });
}

/** Shape `target` law-parameters into the family and find its best layout on `gpus` GPUs. */
function evaluateCandidate(
  r: NormalizedRequest,
  sized: { arch: ModelArchitecture; counts: ModelCounts },
  gpus: number,
  hooks: BudgetHooks,
): BudgetCandidate {
  const { arch, counts } = sized;
  const cluster = clusterOf(r.cluster, gpus);
  const lawParameters = lawParametersOf(r.law, counts);
  // The batch for the compute at which this size is the law's allocation: a property of the size, not of the budget.
  const globalBatchSize = batchSequencesFor(allocationComputeFor(r.law, lawParameters), arch.sequenceLength);
  const fail = failureCost(r.ideal ? null : r.failures, gpus, counts.totalParameters);
  const base = { arch, counts, lawParameters, gpus, cluster, globalBatchSize, ...fail };
  const peak = peakFlopsFor(r.cluster.gpu, r.precision);
  let layout: ParallelLayout | null = null;
  let estimate: PlanEstimate | null = null;
  if (gpus % cluster.gpusPerNode === 0 || gpus < cluster.gpusPerNode) {
    const outcome = searchPlans(
      arch,
      counts,
      cluster,
      {
        globalBatchSize,
        // DeepSeek's B_opt rounded down to a power of two, its half and its quarter.
        globalBatchSizes: [globalBatchSize, globalBatchSize / 2, globalBatchSize / 4].filter((b) => b >= 1),
        objective: 'TIME',
        top: 1,
        maxPareto: 1,
        gpuBudgetMode: 'EXACT',
        zeroStages: [1],
        offloads: ['NONE'],
        flashAttention: [true],
        sequenceParallel: [true, false],
        contextParallel: [1],
        precision: r.precision,
        timeLimitSeconds: r.searchTimeLimitSeconds,
      },
      { ...(hooks.now ? { now: hooks.now } : {}), ...(hooks.shouldStop ? { shouldStop: hooks.shouldStop } : {}) },
    );
    const top = outcome.best[0];
    if (top) {
      layout = top.layout;
      estimate = top.estimate;
    }
  }
  if (r.ideal) {
    // Full utilisation: the law's C = 6·N·D at the GPUs' peak.
    const secondsPerToken = (6 * lawParameters) / (gpus * peak);
    return { ...base, layout, estimate, fits: true, secondsPerToken, modelFlopsUtilization: 1, wallFactor: 1, ettr: 1 };
  }
  if (!estimate) {
    return { ...base, layout, estimate, fits: false, secondsPerToken: Infinity, modelFlopsUtilization: 0, ettr: fail.slowdownFactor / fail.wallFactor };
  }
  const p = estimate.performance;
  return {
    ...base,
    layout,
    estimate,
    fits: true,
    secondsPerToken: 1 / p.tokensPerSecond,
    modelFlopsUtilization: p.modelFlopsUtilization,
    ettr: fail.slowdownFactor / fail.wallFactor,
  };
}

/** Smallest and largest model sizes of the grid (law parameters). */
export const BUDGET_GRID_MIN_PARAMETERS = 1e7;
export const BUDGET_GRID_MAX_PARAMETERS = 1e15;

/**
 * The fixed grid of sizes 2^(j/4) (quarter octaves) from 10^7 to 10^15 law-parameters, the same for every budget,
 * ordered outward from `center` (the law's allocation at the nominal MFU) so the best is found early and the sizes
 * that cannot beat it are skipped by their floor.
 */
export function budgetGrid(center: number): number[] {
  const jLo = Math.ceil(4 * Math.log2(BUDGET_GRID_MIN_PARAMETERS));
  const jHi = Math.floor(4 * Math.log2(BUDGET_GRID_MAX_PARAMETERS));
  const jc = Math.min(jHi, Math.max(jLo, Math.round(4 * Math.log2(center))));
  const order: number[] = [];
  for (let j = jLo; j <= jHi; j++) order.push(j);
  order.sort((a, b) => Math.abs(a - jc) - Math.abs(b - jc) || a - b);
  return order.map((j) => 2 ** (j / 4));
}

/**
 * A floor on the loss any run of a size can reach: every token at the fleet's peak (the law's 6·N FLOPs per token at
 * MFU 1; the step-time model's FLOPs per token include attention and embeddings, so its MFU of 6·N is lower), no
 * failures, all the budget or the whole deadline (Kaplan et al. 2020 §2.1 C = 6ND; loss falls with data).
 */
function lossFloor(r: NormalizedRequest, lawParameters: number, fleetGpus: number, peakFlops: number): number {
  const tokensPerGpuSecond = peakFlops / (6 * lawParameters);
  const byBudget = r.budgetUsd === null ? Infinity : ((r.budgetUsd * 3600) / r.gpuHourUsd) * tokensPerGpuSecond;
  const byDeadline = r.deadlineSeconds === null ? Infinity : r.deadlineSeconds * fleetGpus * tokensPerGpuSecond;
  return predictedLoss(r.law, lawParameters, effectiveTokens(Math.min(byBudget, byDeadline), r.availableTokens));
}

/** The compute whose law allocation is `parameters` (bisection on log C; the allocation grows with C). */
export function allocationComputeFor(law: ScalingLawName, parameters: number): number {
  let lo = Math.log(1e6);
  let hi = Math.log(1e40);
  for (let i = 0; i < 80 && hi - lo > 1e-9; i++) {
    const mid = (lo + hi) / 2;
    if (computeOptimalAllocation(Math.exp(mid), law).parameters < parameters) lo = mid;
    else hi = mid;
  }
  return Math.exp(hi);
}

/** The whole question: see the file comment. Throws InvalidInputError for bad input. */
export function planBudget(request: BudgetPlanRequest, callerHooks: BudgetHooks = {}): BudgetPlanOutcome {
  let hooks = callerHooks;
  const r = normalize(request);
  const start = hooks.now?.() ?? 0;
  const elapsed = (): number => (hooks.now?.() ?? 0) - start;
  // The caller's stop, or the whole plan's time limit: every search below polls it too.
  const shouldStop = (): boolean => (callerHooks.shouldStop?.() ?? false) || elapsed() > r.timeLimitSeconds;
  hooks = { ...hooks, shouldStop };
  const notes: string[] = [];
  const peak = peakFlopsFor(r.cluster.gpu, r.precision);
  const fleetGpus = r.cluster.gpusPerNode * r.cluster.nodes;
  const countOf = (c: ModelCounts): number => lawParametersOf(r.law, c);

  // Compute the fleet could buy at a nominal MFU (full utilisation when ideal): centres the grid.
  const mfu0 = r.ideal ? 1 : NOMINAL_MFU;
  const hoursByBudget = r.budgetUsd === null ? Infinity : r.budgetUsd / (fleetGpus * r.gpuHourUsd);
  const hoursByDeadline = r.deadlineSeconds === null ? Infinity : r.deadlineSeconds / 3600;
  let hours = Math.min(hoursByBudget, hoursByDeadline);
  const targetCompute = r.targetLoss === null ? null : computeForLoss(r.law, r.targetLoss);
  if (!Number.isFinite(hours) && targetCompute !== null) {
    // Target loss only: the compute the law needs for it at the nominal MFU.
    hours = targetCompute / (fleetGpus * peak * mfu0 * 3600);
  }
  if (targetCompute === Infinity) {
    return {
      best: null,
      bindingConstraint: 'TARGET_LOSS',
      idealParameters: 0,
      idealTokens: 0,
      shiftFraction: 0,
      targetReached: false,
      frontier: [],
      sizes: [],
      notes: [`No model reaches loss ${r.targetLoss} under ${r.law}: it is at or below what the law predicts for 10³⁶ FLOPs (the irreducible loss).`],
      truncated: false,
      elapsedSeconds: elapsed(),
    };
  }
  const nominalComputeFlops = Math.min(1e40, Math.max(1e12, fleetGpus * peak * mfu0 * hours * 3600));

  const candidates: BudgetCandidate[] = [];
  const sizes: BudgetSizeSummary[] = [];
  let truncated = false;
  const sized = new Map<number, { arch: ModelArchitecture; counts: ModelCounts; parameters: number }>();
  const shape = (target: number): { arch: ModelArchitecture; counts: ModelCounts; parameters: number } => {
    let s = sized.get(target);
    if (!s) {
      s = sizeArchitecture(r.family, target, countOf);
      sized.set(target, s);
    }
    return s;
  };

  let best: BudgetRun | null = null;
  // The inverse question ranks by dollars; otherwise by the loss the answer reports.
  const targetScore = (run: BudgetRun): number => (r.targetLoss !== null ? run.costUsd : run.predictedLoss);
  const runOf = (c: BudgetCandidate, budgetUsd: number | null): BudgetRun | null => {
    if (!c.fits) return null;
    if (r.targetLoss !== null) {
      const tokens = tokensForLoss(r, c.lawParameters, r.targetLoss);
      if (tokens === null) return null;
      const run = runFor(r, c, tokens, 'TARGET_LOSS');
      const cap = maxTokens(r, c, budgetUsd);
      if (tokens > cap.tokens * (1 + 1e-9)) return null;
      return run;
    }
    return bestRunWithin(r, c, budgetUsd);
  };
  const consider = (c: BudgetCandidate): void => {
    candidates.push(c);
    const run = runOf(c, r.budgetUsd);
    sizes.push({
      parameters: c.lawParameters,
      gpus: c.gpus,
      fits: c.fits,
      modelFlopsUtilization: c.modelFlopsUtilization,
      ettr: c.ettr,
      trainingTokens: run?.trainingTokens ?? 0,
      predictedLoss: run?.predictedLoss ?? null,
      rankingLoss: run?.rankingLoss ?? null,
    });
    if (run && (best === null || targetScore(run) < targetScore(best))) best = run;
    progress();
  };
  // A candidate that cannot win is counted as evaluated without its layout search.
  let skipped = 0;
  const skip = (): void => {
    skipped++;
    progress();
  };
  const progress = (): void => {
    hooks.onProgress?.({
      sizesEvaluated: sizes.length + skipped,
      sizesTotal,
      bestParameters: best?.candidate.lawParameters ?? null,
      bestPredictedLoss: best?.predictedLoss ?? null,
      elapsedSeconds: elapsed(),
    });
  };
  let sizesTotal = 0;
  if (r.ideal && r.targetLoss === null) {
    // At full utilisation the law's allocation is its answer (the law's own definition of compute-optimal).
    const allocation = computeOptimalAllocation(nominalComputeFlops, r.law);
    sizesTotal = 1;
    consider(evaluateCandidate(r, shape(allocation.parameters), fleetGpus, hooks));
  } else if (r.targetLoss === null) {
    // Every size of the fixed grid on every GPU count of the fleet: the same candidates for every budget, so a larger
    // budget (each candidate trains at least as many tokens) can never answer with a higher loss. A size is skipped
    // only when even every token at the fleet's peak could not beat the best so far (lossFloor): it could not win.
    const grid = budgetGrid(computeOptimalAllocation(nominalComputeFlops, r.law).parameters);
    sizesTotal = grid.length * r.gpuCounts.length;
    for (const target of grid) {
      const s = shape(target);
      const floor = lossFloor(r, lawParametersOf(r.law, s.counts), fleetGpus, peak);
      for (const g of r.gpuCounts) {
        if (hooks.shouldStop?.()) {
          truncated = true;
          break;
        }
        if (best !== null && floor >= (best as BudgetRun).predictedLoss) skip();
        else consider(evaluateCandidate(r, s, g, hooks));
      }
      if (truncated) break;
    }
  } else {
    // The inverse question: around the size whose loss fit reaches the target with the least compute.
    const center = lossOptimalParameters(r.law, targetCompute!);
    const jLo = Math.floor(4 * Math.log2(Math.min(1e14, Math.max(1e7, center / 8))));
    const jHi = Math.ceil(4 * Math.log2(Math.min(1e15, center * 2 * Math.SQRT2)));
    const gpuCounts = r.ideal ? [fleetGpus] : r.gpuCounts;
    sizesTotal = (jHi - jLo + 1) * gpuCounts.length;
    const targets = new Map<BudgetCandidate, number>();
    const tryAll = (target: number): void => {
      for (const g of gpuCounts) {
        if (hooks.shouldStop?.()) {
          truncated = true;
          return;
        }
        const candidate = evaluateCandidate(r, shape(target), g, hooks);
        targets.set(candidate, target);
        consider(candidate);
      }
    };
    for (let j = jLo; j <= jHi; j++) tryAll(2 ** (j / 4));
    // Extended while the cheapest is at an end of the grid.
    let lowest = jLo;
    let highest = jHi;
    for (let extra = 0; extra < 16 && !truncated; extra++) {
      const t = best === null ? null : targets.get((best as BudgetRun).candidate)!;
      if (t === null) break;
      const j = Math.round(4 * Math.log2(t));
      if (j <= lowest && 2 ** ((lowest - 1) / 4) >= 1e7) tryAll(2 ** (--lowest / 4));
      else if (j >= highest && 2 ** ((highest + 1) / 4) <= 1e15) tryAll(2 ** (++highest / 4));
      else break;
      sizesTotal += gpuCounts.length;
    }
  }

  const chosen = best as BudgetRun | null;
  const frontier = chosen ? buildFrontier(r, candidates, chosen) : [];
  let binding: BindingConstraint = chosen?.limitedBy ?? 'MEMORY';
  if (chosen) {
    if (r.targetLoss === null && chosen.epochs !== null && chosen.epochs > 1) {
      binding = 'DATA';
      notes.push(
        `${chosen.epochs.toFixed(2)} epochs over ${fmt(r.availableTokens!)} unique tokens: repeated tokens count with diminishing value (Muennighoff et al. 2023, R* = 15.4), ${fmt(chosen.effectiveTokens)} effective of ${fmt(chosen.trainingTokens)} trained.`,
      );
    }
    const larger = candidates.filter((c) => c.lawParameters > chosen.candidate.lawParameters);
    if (r.targetLoss === null && larger.length > 0 && larger.every((c) => !c.fits)) {
      binding = 'MEMORY';
      notes.push('No larger model fits in memory on this fleet with any layout searched: memory caps the model size.');
    }
  } else {
    notes.push(
      r.targetLoss !== null
        ? `No model of the sizes tried reaches loss ${r.targetLoss} within the budget and deadline given.`
        : 'No model of the sizes tried fits in memory on this fleet.',
    );
  }
  const spentCompute = chosen ? 6 * chosen.candidate.lawParameters * chosen.effectiveTokens : nominalComputeFlops;
  const ideal = computeOptimalAllocation(spentCompute, r.law);
  const shiftFraction = chosen ? chosen.candidate.lawParameters / ideal.parameters - 1 : 0;
  if (chosen && !r.ideal) {
    notes.push(
      `The law's allocation for the ${spentCompute.toExponential(2)} FLOPs spent is ${fmt(ideal.parameters)} parameters; the answer is ${(100 * shiftFraction).toFixed(1)} % ${shiftFraction < 0 ? 'smaller' : 'larger'} (MFU ${(100 * chosen.candidate.modelFlopsUtilization).toFixed(1)} %, ETTR ${(100 * chosen.candidate.ettr).toFixed(1)} %).`,
    );
  }
  return {
    best: chosen,
    bindingConstraint: binding,
    idealParameters: ideal.parameters,
    idealTokens: ideal.tokens,
    shiftFraction,
    targetReached: r.targetLoss === null ? null : chosen !== null,
    frontier,
    sizes,
    notes,
    truncated,
    elapsedSeconds: elapsed(),
  };
}

/** Tokens a model of `parameters` law-parameters needs to reach `loss` (bisection; null when its asymptote is above). */
function tokensForLoss(r: NormalizedRequest, parameters: number, loss: number): number | null {
  const at = (tokens: number): number => predictedLoss(r.law, parameters, effectiveTokens(tokens, r.availableTokens));
  let hi = 1e18;
  if (at(hi) > loss) return null;
  let lo = 1e3;
  if (at(lo) <= loss) return lo;
  for (let i = 0; i < 200 && hi / lo > 1 + 1e-9; i++) {
    const mid = Math.sqrt(lo * hi);
    if (at(mid) <= loss) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The least compute at which the law's loss can reach `loss` (bisection on C; centres the inverse question's grid). */
function computeForLoss(law: ScalingLawName, loss: number): number {
  let lo = 1e12;
  let hi = 1e36;
  // The least compute whose best split reaches the loss: the law's own loss at its minimum along C = 6ND.
  const at = (c: number): number => {
    const n = lossOptimalParameters(law, c);
    return predictedLoss(law, n, c / (6 * n));
  };
  if (at(hi) > loss) return Infinity;
  for (let i = 0; i < 200 && hi / lo > 1 + 1e-6; i++) {
    const mid = Math.sqrt(lo * hi);
    if (at(mid) <= loss) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Loss against spend: for spends from 1/64 of the answer's to the answer's, the best candidate at each. */
function buildFrontier(r: NormalizedRequest, candidates: BudgetCandidate[], chosen: BudgetRun): BudgetPoint[] {
  const points: BudgetPoint[] = [];
  const top = chosen.costUsd;
  for (let k = 12; k >= 0; k--) {
    const spend = top * 2 ** (-k / 2);
    let bestRun: BudgetRun | null = null;
    for (const c of candidates) {
      if (!c.fits) continue;
      const run = bestRunWithin(r, c, spend);
      if (bestRun === null || run.predictedLoss < bestRun.predictedLoss) bestRun = run;
    }
    if (bestRun) {
      points.push({
        spendUsd: bestRun.costUsd,
        predictedLoss: bestRun.predictedLoss,
        rankingLoss: bestRun.rankingLoss,
        parameters: bestRun.candidate.lawParameters,
        trainingTokens: bestRun.trainingTokens,
        expectedDays: bestRun.expectedDays,
        gpus: bestRun.candidate.gpus,
      });
    }
  }
  return points;
}

function fmt(n: number): string {
  if (n >= 1e12) return `${(n / 1e12).toPrecision(3)}T`;
  if (n >= 1e9) return `${(n / 1e9).toPrecision(3)}B`;
  if (n >= 1e6) return `${(n / 1e6).toPrecision(3)}M`;
  return n.toPrecision(3);
}
