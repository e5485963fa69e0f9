/**
 * The types and constants of budgetPlan (src/core/budget.ts): the request, the failure model, one candidate (a size
 * on a GPU count with its layout), a run of it, and the outcome.
 */
import type { ArchitectureFamily } from './architecture-sizing.js';
import type { ScalingLawName } from './scaling.js';
import type { ClusterSpec, ModelArchitecture, ModelCounts, ParallelLayout, PlanEstimate, Precision } from './types.js';


/** Muennighoff et al. 2023, "Scaling Data-Constrained Language Models", Eq. 5 fit: R*_D = 15.4 (data). */
export const MUENNIGHOFF_REPETITION_HALF_LIFE = 15.4;
/** DeepSeek LLM (DeepSeek-AI 2024) §3.1, Eq. 1: B_opt = 0.2920·C^0.3271 tokens (C in FLOPs). */
export const DEEPSEEK_BATCH_FIT = Object.freeze({ coefficient: 0.292, exponent: 0.3271 });
/** MFU assumed only to centre the size grid (the answer uses each candidate's own MFU). */
export const NOMINAL_MFU = 0.4;

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

/** The request with its defaults filled in and its fields checked (budget-candidates.ts: normalize). */
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
