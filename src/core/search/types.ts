/** The search's public options and results, the normalised options, and the planner as the search sees it. */
import type {
  ActivationStorage,
  GradientPrecision,
  LowRankAdapter,
  OffloadTarget,
  OptimizerKind,
  OptimizerMomentPrecision,
  ParallelLayout,
  PipelineSchedule,
  PlanEstimate,
  PlanOptions,
  Precision,
  RecomputeMode,
  ZeroStage,
} from '../types.js';

export type SearchObjective = 'TIME' | 'COST' | 'MFU' | 'TIME_WITHIN_BUDGET' | 'MIN_GPUS';
export type GpuBudgetMode = 'EXACT' | 'UP_TO';
export type SearchStopReason = 'COMPLETE' | 'TIME_LIMIT' | 'CANCELLED';

export const SEARCH_OBJECTIVES: readonly SearchObjective[] = ['TIME', 'COST', 'MFU', 'TIME_WITHIN_BUDGET', 'MIN_GPUS'];
export const ALL_ZERO_STAGES: readonly ZeroStage[] = [0, 1, 2, 3];
export const ALL_RECOMPUTE_MODES: readonly RecomputeMode[] = ['NONE', 'SELECTIVE', 'FULL'];
/** What `recomputeModes` may pin: torchtitan's per-operator policy only when asked (dense models; plan.ts refuses the rest). */
export const PINNABLE_RECOMPUTE_MODES: readonly RecomputeMode[] = ['NONE', 'SELECTIVE', 'SELECTIVE_OPERATORS', 'FULL'];
export const ALL_OFFLOAD_TARGETS: readonly OffloadTarget[] = [
  'NONE',
  'OPTIMIZER_CPU',
  'OPTIMIZER_NVME',
  'PARAMETERS_CPU',
  'PARAMETERS_NVME',
];

/** Defaults: a search stops after 10 s (keeping the best so far) and refuses spaces above 50 million candidates. */
export const DEFAULT_SEARCH_TIME_LIMIT_SECONDS = 10;
export const DEFAULT_MAX_SEARCH_CANDIDATES = 50_000_000;
export const MAX_SEARCH_TOP = 1000;
/** The Pareto frontier is returned sorted by time and cut to this many points (`paretoSize` tells the full size). */
export const DEFAULT_MAX_PARETO = 50;

/** What to search and how. Lists restrict ("pin") a dimension to the given values; absent = the whole dimension. */
/**
 * Layout fields every candidate carries as given (a recipe's, or pinned): gradient precision and FP8 activation storage
 * (plan.ts validates them), optimizer-moment precision, master weights, cheap recompute and the pipeline schedule.
 */
type CarriedLayoutFields = 'gradientPrecision' | 'gradientReducePrecision' | 'activationStorage' | 'optimizerMomentPrecision' | 'masterWeights' | 'cheapRecompute' | 'pipelineSchedule';

export interface PlanSearchOptions extends Partial<Pick<ParallelLayout, CarriedLayoutFields>> {
  globalBatchSize: number;
  /** Extra global batch sizes to try (a range); `globalBatchSize` is always included and is the time reference. */
  globalBatchSizes?: readonly number[];
  /** Tokens to train on; with it times and costs are for the whole run, otherwise for one reference step. */
  trainingTokens?: number;
  objective?: SearchObjective;
  /** Upper bound on the run's cost for TIME_WITHIN_BUDGET (requires trainingTokens). */
  budgetUsd?: number;
  /**
   * Only layouts whose run (trainingTokens) finishes within this many seconds rank in `best`, for any objective —
   * e.g. MIN_GPUS with a deadline: the fewest GPUs that train in 30 days. Requires trainingTokens.
   */
  deadlineSeconds?: number;
  /** How many best layouts to return (default 10). */
  top?: number;
  /** GPUs to use (default: the whole cluster). */
  gpuBudget?: number;
  /** EXACT: use exactly gpuBudget GPUs; UP_TO: any count up to it (default EXACT). */
  gpuBudgetMode?: GpuBudgetMode;
  /** Only pipeline degrees that divide the layers (Megatron-LM's classic rule); default false (uneven splits too). */
  evenPipelineStages?: boolean;
  /** Allow tensor-parallel groups larger than a node (multiples of gpusPerNode); default false. */
  allowTensorParallelAcrossNodes?: boolean;
  /** Fraction of GPU memory kept free when deciding whether a layout fits (passed to evaluatePlan). */
  memoryHeadroomFraction?: number;
  tensorParallel?: readonly number[];
  pipelineParallel?: readonly number[];
  dataParallel?: readonly number[];
  expertParallel?: readonly number[];
  /**
   * Routed-expert tensor-parallel degrees to try (MoE): per shape those of 1 and its tensorParallel in the list; 1 below
   * TP (Megatron-Core MoE parallel folding) only with sequence parallel. Absent = tensorParallel only (the default layout).
   */
  expertTensorParallel?: readonly number[];
  /**
   * Context-parallel degrees to try. Default: every degree with sequenceLength divisible by 2·c that leaves each rank
   * at least MIN_CONTEXT_PARALLEL_TOKENS tokens (only long sequences are split); [1] turns CP off.
   */
  contextParallel?: readonly number[];
  microBatchSizes?: readonly number[];
  zeroStages?: readonly ZeroStage[];
  recomputeModes?: readonly RecomputeMode[];
  /**
   * Under FULL recompute, also try recomputing only this share of each virtual pipeline stage's layers (recomputeLayers
   * = ⌊share × the largest stage's layers⌋, tried where that is at least 1 and leaves a layer of it unrecomputed;
   * Megatron-Core recompute_method block). Default [0.5]; [] = FULL always recomputes every layer. Shares in (0, 1).
   */
  recomputeLayerFractions?: readonly number[];
  sequenceParallel?: readonly boolean[];
  pipelineInterleaves?: readonly number[];
  offloads?: readonly OffloadTarget[];
  /** FlashAttention on/off; default [true] (both only when asked: it never slows a step in the model). */
  flashAttention?: readonly boolean[];
  precision?: Precision;
  optimizer?: OptimizerKind;
  /** Fine-tune with this low-rank adapter (every candidate carries it; offload is then NONE). */
  adapter?: LowRankAdapter;
  /**
   * Pipeline schedules to search (instead of the one `pipelineSchedule`): each shape is tried with each, DUALPIPE only
   * where plan.ts accepts it (an even pipelineParallel ≥ 2, interleave 1). Absent = [pipelineSchedule ?? ONE_F_ONE_B].
   */
  pipelineSchedules?: readonly PipelineSchedule[];
  /** Other evaluatePlan knobs (efficiencies, overhead), applied to every candidate. */
  planOptions?: PlanOptions;
  /** false = exhaustive reference: evaluate every candidate (tests compare it with the pruned search). */
  prune?: boolean;
  /** Stop after this many seconds (needs hooks.now) and return the best so far, flagged `truncated`. */
  timeLimitSeconds?: number;
  /** Refuse spaces larger than this (default 50 million). */
  maxCandidates?: number;
  /** Cut the returned Pareto frontier to this many points (default 50). */
  maxPareto?: number;
}

export interface PlanSearchProgress {
  candidates: number;
  /** Candidates accounted for so far (evaluated, or proven infeasible/dominated). */
  covered: number;
  evaluated: number;
  feasible: number;
  elapsedSeconds: number;
  best: SearchCandidate[];
  pareto: SearchCandidate[];
}

export interface PlanSearchHooks {
  /** Injected clock in seconds (the core has none); needed for timeLimitSeconds and elapsedSeconds. */
  now?: () => number;
  /** Polled between groups of candidates; true = stop and return the best so far (stopReason CANCELLED). */
  shouldStop?: () => boolean;
  onProgress?: (progress: PlanSearchProgress) => void;
  /** Call onProgress about every this many seconds (default 0.25; needs `now`), else every 256 groups. */
  progressIntervalSeconds?: number;
}

/** One evaluated layout with the metrics the search ranks by. */
export interface SearchCandidate {
  layout: ParallelLayout;
  estimate: PlanEstimate;
  gpus: number;
  /** Training time (whole run with trainingTokens, else the time to process one reference step's tokens). */
  timeSeconds: number;
  /** Cost of that time on `gpus` GPUs. */
  costUsd: number;
  /** Free device memory on the most-loaded GPU (capacity − total). */
  headroomBytes: number;
  /** The value minimised for the objective (MFU: −MFU). */
  score: number;
  /**
   * How much worse than the best layout on the objective, as a fraction (time or cost / the best's − 1; MFU: the
   * best's MFU / this one's − 1); 0 for the best itself.
   */
  gapToBest: number;
}

/** Why the best layout beats the runner-up: the differences in layout and in the step and memory breakdowns. */
export interface WinnerComparison {
  /** Layout fields that differ: `field: winner vs runner-up`. */
  layoutDifferences: string[];
  stepSecondsDelta: number;
  computeSecondsDelta: number;
  bubbleSecondsDelta: number;
  exposedCommunicationSecondsDelta: number;
  /** Per-expert host work (performance.expertHostSeconds) difference; 0 unless a layout launches experts one by one. */
  expertHostSecondsDelta: number;
  optimizerSecondsDelta: number;
  memoryBytesDelta: number;
  timeSecondsDelta: number;
  costUsdDelta: number;
}

export interface PlanSearchOutcome {
  objective: SearchObjective;
  /** Size of the full space (every valid layout), whatever was pruned. */
  candidates: number;
  /** Candidates run through evaluatePlan. */
  evaluated: number;
  /** Candidates whose memory alone was checked (memory-first pruning). */
  memoryChecked: number;
  /** Candidates of the full space that fit in memory (exact: infeasible ones are proven so, not guessed). */
  feasible: number;
  /** Candidates accounted for (= candidates unless truncated). */
  covered: number;
  best: SearchCandidate[];
  pareto: SearchCandidate[];
  /** Size of the whole Pareto frontier (the list above may be cut to maxPareto). */
  paretoSize: number;
  winnerReason: string | null;
  comparison: WinnerComparison | null;
  /** The model's stated accuracy against published runs of its class on its GPU's generation (efficiency.ts stepTimeModelAccuracyFractionFor: 0.05 dense / 0.09 MoE on A100 and H100, Blackwell's own figures on B200). */
  modelAccuracyFraction: number;
  /**
   * How many of `best` are within that accuracy of the best (gapToBest ≤ modelAccuracyFraction), the best included:
   * layouts the model cannot rank against each other.
   */
  nearOptimal: number;
  elapsedSeconds: number;
  truncated: boolean;
  stopReason: SearchStopReason;
}


/** The options with every default filled in and every pin validated. */
export interface NormalizedSearch {
  objective: SearchObjective;
  top: number;
  budgetUsd: number | null;
  deadlineSeconds: number | null;
  trainingTokens: number | null;
  /** Tokens of one step at the reference global batch (time unit without trainingTokens). */
  referenceTokens: number;
  globalBatchSizes: number[];
  gpuBudget: number;
  gpuBudgetMode: GpuBudgetMode;
  allowTensorParallelAcrossNodes: boolean;
  tensorParallel: number[];
  pipelineParallel: number[];
  dataParallel: Set<number> | null;
  expertParallel: Set<number> | null;
  /** Routed-expert TP degrees listed (null = each shape's tensorParallel only). */
  expertTensorParallel: Set<number> | null;
  /** Context-parallel degrees, ascending (1 included unless pinned out). */
  contextParallel: number[];
  microBatchSizes: Set<number> | null;
  pipelineInterleaves: Set<number> | null;
  zeroStages: ZeroStage[];
  recomputeModes: RecomputeMode[];
  /** Shares of a stage's layers FULL may recompute besides all of them, ascending (see PlanSearchOptions). */
  recomputeLayerFractions: number[];
  sequenceParallel: boolean[];
  offloads: OffloadTarget[];
  flashAttention: boolean[];
  precision: Precision;
  optimizer: OptimizerKind;
  adapter: LowRankAdapter | null;
  gradientPrecision: GradientPrecision | undefined;
  gradientReducePrecision: GradientPrecision | undefined;
  activationStorage: ActivationStorage | undefined;
  optimizerMomentPrecision: OptimizerMomentPrecision | undefined;
  /** false when every candidate updates its 16-bit weights without an fp32 master copy; undefined = the default. */
  masterWeights: false | undefined;
  cheapRecompute: boolean | undefined;
  /** The schedules searched, in canonical order (ONE_F_ONE_B first); one unless pipelineSchedules lists several. */
  pipelineSchedules: PipelineSchedule[];
  prune: boolean;
  timeLimitSeconds: number;
  maxCandidates: number;
  maxPareto: number;
  /** σ when planOptions.overlapExpertParallelCommunication hides the MoE all-to-all under compute, else null (exposed). */
  expertParallelOverlapSlowdown: number | null;
  /** σ when planOptions.overlapTensorParallelCommunication pipelines TP (with SP) with the GEMMs, else null (exposed). */
  tensorParallelOverlapSlowdown: number | null;
  /** planOptions.overlapTensorParallelBackward: up to half of each layer's TP collectives run under backward GEMMs. */
  tensorParallelBackwardAsync: boolean;
  /** The model's layers, and its output head in layer units (pipeline.ts headLayerEquivalents) for BALANCED splits. */
  layers: number;
  headLayers: number;
  /** Memo of stageLayersFor, keyed by (p, v). */
  stageLayers: Map<number, number[] | undefined>;
  /** Layers of the largest virtual stage per (p, v) key (space.ts largestStageLayers). */
  largestStageLayers: Map<number, number>;
}

/**
 * The planner as the search sees it. `planLayoutEvaluator` binds it to plan.ts (resolveLayout, evaluatePlan and the
 * memory model); tests may pass another to exercise the search machinery.
 */
export interface LayoutEvaluator {
  /** Whether the planner's validation (resolveLayout) accepts the layout. */
  isValid(layout: ParallelLayout): boolean;
  /** Device bytes of the most-loaded GPU — the number evaluatePlan reports as memory.totalBytes. */
  memoryBytes(layout: ParallelLayout): number;
  /** Device capacity of one GPU (every layout of a search runs on the same GPU type). */
  readonly capacityBytes: number;
  /** A layout fits when memoryBytes ≤ usableBytes and offloadFits — exactly evaluatePlan's `fits`. */
  readonly usableBytes: number;
  /**
   * Whether its offloaded bytes fit the node's CPU RAM and NVMe (true without offload). They depend on the recipe
   * and shape, not on the micro-batch; CPU and NVMe twins differ here although their device bytes are equal.
   */
  offloadFits(layout: ParallelLayout): boolean;
  /** The full estimate (evaluatePlan). */
  evaluate(layout: ParallelLayout): PlanEstimate;
}
