/**
 * Plan search: the best parallel layout for a model on a cluster, exhaustively over the space below, in seconds.
 *
 * The space (one candidate = one ParallelLayout; docs/search.md has the table):
 *   global batch (the given one, or several) × GPU count (exactly N, or any count ≤ N of whole nodes / one partial
 *   node) × tensor parallel t (divisors of the attention heads; within a node t divides gpusPerNode, beyond a node t
 *   is a multiple of it, only when allowed) × pipeline parallel p (1 … layers, uneven splits included unless
 *   evenPipelineStages) × data parallel d (EXACT: N/(t·p); UP_TO: divisors of the global batch with t·p·d ≤ N) ×
 *   expert parallel (MoE: divisors of the experts dividing d) × sequence parallel (only when t > 1) × interleave v
 *   (divisors of ⌈layers/p⌉, with the planner's BALANCED split of the layers over p·v virtual stages, pipeline.ts) × micro-batch b (divisors of the per-replica batch) × ZeRO stage × offload (parameter
 *   offload only with ZeRO-3) × recompute × FlashAttention. Every candidate is one resolveLayout accepts.
 *
 * Pruning (proofs in docs/search.md); the result equals the exhaustive search (`prune: false`), which tests check:
 *   1. memory first: device memory never decreases with the micro-batch, so once a layout does not fit at b, the
 *      larger micro-batches are counted infeasible without evaluation (the feasible count stays exact);
 *   2. bounds: ZeRO stage and offload change neither compute, bubble nor TP/EP time, and add only non-negative terms,
 *      so one evaluatePlan per (shape, micro-batch, recompute, FlashAttention) set bounds all its members' step time;
 *   3. best first: sets in order of their bound; a member is evaluated only if it could still enter the top-k or the
 *      Pareto frontier (time, cost, free memory).
 * Every number that ranks is evaluatePlan's; nothing here re-implements the model.
 *
 * Pure: no I/O and no clock — the caller injects `now` and `shouldStop` (src/server/search-runner.ts does).
 */
import { validateAdapter } from './adapter.js';
import { InvalidInputError, requireFinite, requireInteger } from './errors.js';
import { DEFAULT_MEMORY_HEADROOM_FRACTION, estimateMemory, layoutGpus, offloadFits } from './memory.js';
import { OVERLAP_COMPUTE_SLOWDOWN, overlappedCostSeconds, STEP_TIME_MODEL_ACCURACY_FRACTION } from './performance.js';
import { computeModelCounts } from './model.js';
import { evaluatePlan, resolveLayout } from './plan.js';
import { balancedStageLayers, headLayerEquivalents } from './pipeline.js';
import type {
  ActivationStorage,
  ClusterSpec,
  GradientPrecision,
  LowRankAdapter,
  ModelArchitecture,
  ModelCounts,
  OffloadTarget,
  OptimizerKind,
  ParallelLayout,
  PlanEstimate,
  PlanOptions,
  Precision,
  RecomputeMode,
  ZeroStage,
} from './types.js';

export type SearchObjective = 'TIME' | 'COST' | 'MFU' | 'TIME_WITHIN_BUDGET' | 'MIN_GPUS';
export type GpuBudgetMode = 'EXACT' | 'UP_TO';
export type SearchStopReason = 'COMPLETE' | 'TIME_LIMIT' | 'CANCELLED';

export const SEARCH_OBJECTIVES: readonly SearchObjective[] = ['TIME', 'COST', 'MFU', 'TIME_WITHIN_BUDGET', 'MIN_GPUS'];
export const ALL_ZERO_STAGES: readonly ZeroStage[] = [0, 1, 2, 3];
export const ALL_RECOMPUTE_MODES: readonly RecomputeMode[] = ['NONE', 'SELECTIVE', 'FULL'];
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
export interface PlanSearchOptions {
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
   * Context-parallel degrees to try. Default: every degree with sequenceLength divisible by 2·c that leaves each rank
   * at least MIN_CONTEXT_PARALLEL_TOKENS tokens (only long sequences are split); [1] turns CP off.
   */
  contextParallel?: readonly number[];
  microBatchSizes?: readonly number[];
  zeroStages?: readonly ZeroStage[];
  recomputeModes?: readonly RecomputeMode[];
  sequenceParallel?: readonly boolean[];
  pipelineInterleaves?: readonly number[];
  offloads?: readonly OffloadTarget[];
  /** FlashAttention on/off; default [true] (both only when asked: it never slows a step in the model). */
  flashAttention?: readonly boolean[];
  precision?: Precision;
  optimizer?: OptimizerKind;
  /** Fine-tune with this low-rank adapter (every candidate carries it; offload is then NONE). */
  adapter?: LowRankAdapter;
  /** Gradient precision and FP8 activation storage every candidate carries (a recipe's; plan.ts validates them). */
  gradientPrecision?: GradientPrecision;
  activationStorage?: ActivationStorage;
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
  /** The model's stated accuracy against published runs (STEP_TIME_MODEL_ACCURACY_FRACTION). */
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

// ───────────────────────────── the space ─────────────────────────────

/** The options with every default filled in and every pin validated. */
interface NormalizedSearch {
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
  /** Context-parallel degrees, ascending (1 included unless pinned out). */
  contextParallel: number[];
  microBatchSizes: Set<number> | null;
  pipelineInterleaves: Set<number> | null;
  zeroStages: ZeroStage[];
  recomputeModes: RecomputeMode[];
  sequenceParallel: boolean[];
  offloads: OffloadTarget[];
  flashAttention: boolean[];
  precision: Precision;
  optimizer: OptimizerKind;
  adapter: LowRankAdapter | null;
  gradientPrecision: GradientPrecision | undefined;
  activationStorage: ActivationStorage | undefined;
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
}

/** Divisors of n in ascending order. */
export function divisorsOf(n: number): number[] {
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 1; i * i <= n; i++) {
    if (n % i === 0) {
      small.push(i);
      if (i * i !== n) large.push(n / i);
    }
  }
  return small.concat(large.reverse());
}

function pinList<T>(field: string, values: readonly T[] | undefined, all: readonly T[], describe: string): T[] {
  if (values === undefined || values === null) return [...all];
  if (!Array.isArray(values) || values.length === 0) {
    throw new InvalidInputError(field, values, `a non-empty list of ${describe}`);
  }
  for (const value of values) {
    if (!all.includes(value)) throw new InvalidInputError(field, value, `one of ${all.join(', ')}`);
  }
  // Keep the dimension's canonical order (the enumeration order), without duplicates.
  return all.filter((value) => values.includes(value));
}

function integerPins(field: string, values: readonly number[] | undefined, max: number): Set<number> | null {
  if (values === undefined || values === null) return null;
  if (!Array.isArray(values) || values.length === 0) {
    throw new InvalidInputError(field, values, 'a non-empty list of positive integers');
  }
  values.forEach((value, i) => requireInteger(`${field}[${i}]`, value, 1, max));
  return new Set(values);
}

/**
 * Fewest tokens per rank the default search splits a sequence into: CP pays a K/V all-gather per layer for attention
 * work that grows with s, so it helps long sequences (Megatron-Core developer guide, "Parallelism Strategies": CP is
 * for "long sequences (8K+ tokens)"); shorter ones are searched only when pinned.
 */
export const MIN_CONTEXT_PARALLEL_TOKENS = 4096;

/** CP degrees: the pins (each must split the sequence into 2·c chunks), else the long-sequence defaults. */
function contextParallelDegrees(arch: ModelArchitecture, gpus: number, pins: Set<number> | null): number[] {
  const s = arch.sequenceLength;
  if (pins !== null) {
    for (const c of pins) {
      if (c > 1 && s % (2 * c) !== 0) {
        throw new InvalidInputError('contextParallel', c, `degrees with sequenceLength (${s}) divisible by 2 × contextParallel`);
      }
    }
    return [...pins].sort((a, b) => a - b);
  }
  const degrees = [1];
  for (let c = 2; c <= gpus && s / c >= MIN_CONTEXT_PARALLEL_TOKENS; c++) if (s % (2 * c) === 0) degrees.push(c);
  return degrees;
}

function normalizeOptions(arch: ModelArchitecture, cluster: ClusterSpec, input: PlanSearchOptions): NormalizedSearch {
  if (input === null || typeof input !== 'object') {
    throw new InvalidInputError('input', input, 'an object with at least globalBatchSize');
  }
  const clusterGpus = cluster.gpusPerNode * cluster.nodes;
  const globalBatchSize = requireInteger('globalBatchSize', input.globalBatchSize, 1, 100_000_000);
  const extra = integerPins('globalBatchSizes', input.globalBatchSizes, 100_000_000);
  const globalBatchSizes = [...new Set([globalBatchSize, ...(extra ?? [])])].sort((a, b) => a - b);

  const objective = input.objective ?? 'TIME';
  if (!SEARCH_OBJECTIVES.includes(objective)) {
    throw new InvalidInputError('objective', objective, `one of ${SEARCH_OBJECTIVES.join(', ')}`);
  }
  const trainingTokens =
    input.trainingTokens === undefined || input.trainingTokens === null
      ? null
      : requireFinite('trainingTokens', input.trainingTokens, 1, 1e18);
  let budgetUsd: number | null = null;
  if (input.budgetUsd !== undefined && input.budgetUsd !== null) {
    budgetUsd = requireFinite('budgetUsd', input.budgetUsd, 0, 1e15);
  }
  if (objective === 'TIME_WITHIN_BUDGET') {
    if (budgetUsd === null) {
      throw new InvalidInputError('budgetUsd', input.budgetUsd ?? null, 'a budget in USD when objective is TIME_WITHIN_BUDGET');
    }
    if (trainingTokens === null) {
      throw new InvalidInputError(
        'trainingTokens',
        input.trainingTokens ?? null,
        'a token count when objective is TIME_WITHIN_BUDGET (the budget is for the whole run)',
      );
    }
  }
  let deadlineSeconds: number | null = null;
  if (input.deadlineSeconds !== undefined && input.deadlineSeconds !== null) {
    deadlineSeconds = requireFinite('deadlineSeconds', input.deadlineSeconds, 1, 1e12);
    if (trainingTokens === null) {
      throw new InvalidInputError(
        'trainingTokens',
        input.trainingTokens ?? null,
        'a token count when deadlineSeconds is set (the deadline is for the whole run)',
      );
    }
  }
  const top = requireInteger('top', input.top ?? 10, 1, MAX_SEARCH_TOP);
  const gpuBudget = requireInteger('gpuBudget', input.gpuBudget ?? clusterGpus, 1, clusterGpus);
  if (!representableGpus(cluster, gpuBudget)) {
    throw new InvalidInputError(
      'gpuBudget',
      gpuBudget,
      `whole nodes (a multiple of gpusPerNode = ${cluster.gpusPerNode}) or part of one node (fewer than ${cluster.gpusPerNode}), at most ${clusterGpus}`,
    );
  }
  // MIN_GPUS asks for the fewest GPUs that fit, so it searches every count up to the budget.
  const gpuBudgetMode = input.gpuBudgetMode ?? (objective === 'MIN_GPUS' ? 'UP_TO' : 'EXACT');
  if (gpuBudgetMode !== 'EXACT' && gpuBudgetMode !== 'UP_TO') {
    throw new InvalidInputError('gpuBudgetMode', gpuBudgetMode, 'one of EXACT, UP_TO');
  }
  if (objective === 'MIN_GPUS' && gpuBudgetMode !== 'UP_TO') {
    throw new InvalidInputError(
      'gpuBudgetMode',
      gpuBudgetMode,
      'UP_TO (or left out) when objective is MIN_GPUS: the search looks for the fewest GPUs up to gpuBudget',
    );
  }
  const allowAcross = input.allowTensorParallelAcrossNodes ?? false;
  if (typeof allowAcross !== 'boolean') {
    throw new InvalidInputError('allowTensorParallelAcrossNodes', allowAcross, 'true or false');
  }

  // Tensor parallel: divisors of the heads; inside a node t divides gpusPerNode (groups never straddle nodes),
  // beyond a node t is a whole number of nodes, only on request (Narayanan et al. 2021, Takeaway #1: tensor
  // parallelism up to the GPUs of a server, pipeline parallelism across servers).
  const gpn = cluster.gpusPerNode;
  const tpPins = integerPins('tensorParallel', input.tensorParallel, 1_000_000);
  const tensorParallel = divisorsOf(arch.attentionHeads).filter(
    (t) =>
      t <= gpuBudget &&
      // K/V heads split over TP ranks or replicated (plan.ts rule, Megatron-LM's GQA handling).
      (arch.kvHeads % t === 0 || t % arch.kvHeads === 0) &&
      (tpPins === null || tpPins.has(t)) &&
      ((t <= gpn && gpn % t === 0) || (allowAcross && t > gpn && t % gpn === 0)),
  );
  if (tpPins !== null) {
    for (const t of tpPins) {
      if (!tensorParallel.includes(t)) {
        const heads = `a divisor of attentionHeads (${arch.attentionHeads}), a divisor or multiple of kvHeads (${arch.kvHeads}),`;
        const rule = allowAcross
          ? `${heads} that divides gpusPerNode (${gpn}) or is a multiple of it, ≤ gpuBudget (${gpuBudget})`
          : `${heads} that divides gpusPerNode (${gpn}) (set allowTensorParallelAcrossNodes for more)`;
        throw new InvalidInputError('tensorParallel', t, rule);
      }
    }
  }
  // Pipeline parallel: any p ≤ layers (the planner gives the first L mod p stages one extra layer, and times the
  // slowest stage), or divisors of the layers only with evenPipelineStages.
  const evenPipelineStages = input.evenPipelineStages ?? false;
  if (typeof evenPipelineStages !== 'boolean') throw new InvalidInputError('evenPipelineStages', evenPipelineStages, 'true or false');
  const ppPins = integerPins('pipelineParallel', input.pipelineParallel, 1_000_000);
  const pipelineParallel: number[] = [];
  for (let p = 1; p <= Math.min(arch.layers, gpuBudget); p++) {
    if ((ppPins === null || ppPins.has(p)) && (!evenPipelineStages || arch.layers % p === 0)) pipelineParallel.push(p);
  }
  if (ppPins !== null) {
    for (const p of ppPins) {
      if (!pipelineParallel.includes(p)) {
        throw new InvalidInputError(
          'pipelineParallel',
          p,
          `${evenPipelineStages ? 'a divisor of' : 'at most'} layers (${arch.layers}) and at most gpuBudget (${gpuBudget})`,
        );
      }
    }
  }

  if (input.memoryHeadroomFraction !== undefined && input.memoryHeadroomFraction !== null) {
    requireFinite('memoryHeadroomFraction', input.memoryHeadroomFraction, 0, 0.95);
  }

  const timeLimitSeconds = requireFinite(
    'timeLimitSeconds',
    input.timeLimitSeconds ?? DEFAULT_SEARCH_TIME_LIMIT_SECONDS,
    0.001,
    24 * 3600,
  );
  const maxCandidates = requireInteger('maxCandidates', input.maxCandidates ?? DEFAULT_MAX_SEARCH_CANDIDATES, 1, 1e12);
  const maxPareto = requireInteger('maxPareto', input.maxPareto ?? DEFAULT_MAX_PARETO, 1, 100_000);

  const precisions: readonly Precision[] = ['FP32', 'FP16', 'BF16', 'FP8'];
  const peak = cluster.gpu.peakFlopsPerSecond;
  // The planner's default (plan.ts resolveLayout): BF16, or FP16 on GPUs whose BF16 rate is lower (V100).
  const precision = input.precision ?? (peak.BF16 < peak.FP16 ? 'FP16' : 'BF16');
  if (!precisions.includes(precision)) throw new InvalidInputError('precision', precision, `one of ${precisions.join(', ')}`);
  if (precision === 'FP8' && peak.FP8 === null) {
    throw new InvalidInputError('precision', precision, `FP32, BF16 or FP16 (${cluster.gpu.name} has no FP8 tensor cores)`);
  }
  const optimizers: readonly OptimizerKind[] = ['ADAM', 'ADAMW', 'SGD_MOMENTUM', 'ADAFACTOR', 'ADAM_8BIT'];
  const optimizer = input.optimizer ?? 'ADAM';
  // An adapter fixes the offload to NONE (validateAdapter says why); a pin asking for more is refused.
  const adapter = input.adapter === undefined || input.adapter === null ? null : validateAdapter(arch, input.adapter, 'NONE', 'adapter');
  const offloads = pinList('offloads', input.offloads ?? (adapter === null ? undefined : ['NONE']), ALL_OFFLOAD_TARGETS, 'offload targets');
  if (adapter !== null && offloads.some((o) => o !== 'NONE')) {
    throw new InvalidInputError('offloads', offloads.join(', '), '[NONE] with an adapter (only the adapters\' few megabytes are trained)');
  }
  if (!optimizers.includes(optimizer)) throw new InvalidInputError('optimizer', optimizer, `one of ${optimizers.join(', ')}`);

  return {
    gradientPrecision: input.gradientPrecision ?? undefined,
    activationStorage: input.activationStorage ?? undefined,
    layers: arch.layers,
    headLayers: headLayerEquivalents(computeModelCounts(arch)),
    stageLayers: new Map(),
    objective,
    top,
    budgetUsd,
    deadlineSeconds,
    trainingTokens,
    referenceTokens: globalBatchSize * arch.sequenceLength,
    globalBatchSizes,
    gpuBudget,
    gpuBudgetMode,
    allowTensorParallelAcrossNodes: allowAcross,
    tensorParallel,
    pipelineParallel,
    dataParallel: integerPins('dataParallel', input.dataParallel, 100_000_000),
    expertParallel: integerPins('expertParallel', input.expertParallel, 1_000_000),
    contextParallel: contextParallelDegrees(arch, clusterGpus, integerPins('contextParallel', input.contextParallel, 1_000_000)),
    microBatchSizes: integerPins('microBatchSizes', input.microBatchSizes, 100_000_000),
    pipelineInterleaves: integerPins('pipelineInterleaves', input.pipelineInterleaves, 1_000_000),
    zeroStages: pinList('zeroStages', input.zeroStages, ALL_ZERO_STAGES, 'ZeRO stages 0–3'),
    recomputeModes: pinList('recomputeModes', input.recomputeModes, ALL_RECOMPUTE_MODES, 'recompute modes'),
    sequenceParallel: pinList('sequenceParallel', input.sequenceParallel, [false, true], 'booleans'),
    offloads,
    flashAttention: pinList('flashAttention', input.flashAttention ?? [true], [false, true], 'booleans'),
    precision,
    optimizer,
    adapter,
    prune: input.prune ?? true,
    timeLimitSeconds,
    maxCandidates,
    maxPareto,
    tensorParallelBackwardAsync: input.planOptions?.overlapTensorParallelBackward === true,
    tensorParallelOverlapSlowdown:
      input.planOptions?.overlapTensorParallelCommunication === true
        ? (input.planOptions.overlapComputeSlowdown ?? OVERLAP_COMPUTE_SLOWDOWN)
        : null,
    expertParallelOverlapSlowdown:
      input.planOptions?.overlapExpertParallelCommunication === true
        ? (input.planOptions.overlapComputeSlowdown ?? OVERLAP_COMPUTE_SLOWDOWN)
        : null,
  };
}

/** A parallel shape: everything but the micro-batch, interleave and the per-GPU recipe. */
interface Shape {
  globalBatchSize: number;
  gpus: number;
  t: number;
  /** Context parallel degree. */
  c: number;
  p: number;
  d: number;
  e: number;
  sp: boolean;
}

/** The per-GPU recipe of a candidate: ZeRO stage, offload, recompute and FlashAttention. */
interface Recipe {
  zero: ZeroStage;
  offload: OffloadTarget;
  recompute: RecomputeMode;
  flash: boolean;
  /** Position in the canonical recipe order (tie-breaks). */
  index: number;
  /** Index of its (recompute, FlashAttention) pair: members of one pruning set share it. */
  setIndex: number;
  /**
   * An earlier recipe with the same device memory (the CPU twin of an NVMe offload: memory.ts moves the same bytes
   * to the host or to NVMe and keeps the same on the device), or -1.
   */
  memoryTwin: number;
}

/** A shape with its interleave and micro-batch, and the recipes valid for it. */
interface Group {
  shape: Shape;
  v: number;
  b: number;
  recipes: Recipe[];
  /** Position in the canonical enumeration order (tie-breaks between equal metrics). */
  ordinal: number;
}

/** GPU counts the planner can place: whole nodes, or part of a single node. */
function representableGpus(cluster: ClusterSpec, gpus: number): boolean {
  return gpus % cluster.gpusPerNode === 0 || gpus < cluster.gpusPerNode;
}

/**
 * The cluster a layout on `gpus` GPUs runs on: the given one, its first gpus/gpusPerNode nodes, or part of one node
 * (evaluatePlan requires TP·PP·DP = the cluster's GPUs).
 */
export function subCluster(cluster: ClusterSpec, gpus: number): ClusterSpec {
  const total = cluster.gpusPerNode * cluster.nodes;
  if (gpus === total) return cluster;
  if (!representableGpus(cluster, gpus) || gpus > total) {
    throw new InvalidInputError('gpus', gpus, `whole nodes of ${cluster.gpusPerNode} GPUs or part of one node, at most ${total}`);
  }
  const partial = gpus < cluster.gpusPerNode;
  return {
    ...cluster,
    id: `${cluster.id}-${gpus}`,
    name: `${cluster.name} (${gpus} GPUs)`,
    gpusPerNode: partial ? gpus : cluster.gpusPerNode,
    nodes: partial ? 1 : gpus / cluster.gpusPerNode,
  };
}

/**
 * Shapes in canonical order. `bound` stops early (a prefix of the list): after more than `maxShapes` shapes, or
 * once `shouldStop()` says so — a hostile space can hold millions of shapes, which take seconds just to list.
 */
function enumerateShapes(
  arch: ModelArchitecture,
  cluster: ClusterSpec,
  s: NormalizedSearch,
  bound: { maxShapes?: number; shouldStop?: () => boolean } = {},
): Shape[] {
  const shapes: Shape[] = [];
  const maxShapes = bound.maxShapes ?? Infinity;
  let visited = 0;
  const experts = arch.experts > 1 ? divisorsOf(arch.experts).filter((e) => s.expertParallel === null || s.expertParallel.has(e)) : s.expertParallel === null || s.expertParallel.has(1) ? [1] : [];
  for (const globalBatchSize of s.globalBatchSizes) {
    const batchDivisors = divisorsOf(globalBatchSize);
    for (const t of s.tensorParallel) {
      for (const c of s.contextParallel) {
      for (const p of s.pipelineParallel) {
        if (shapes.length > maxShapes || (bound.shouldStop && ++visited % 64 === 0 && bound.shouldStop())) return shapes;
        const models = t * c * p;
        let dataDegrees: number[];
        if (s.gpuBudgetMode === 'EXACT') {
          // Data parallel takes the GPUs left; each replica's batch must be whole.
          dataDegrees = s.gpuBudget % models === 0 && globalBatchSize % (s.gpuBudget / models) === 0 ? [s.gpuBudget / models] : [];
        } else {
          // Any data-parallel degree dividing the batch, on a GPU count a cluster can have (whole nodes, or one partial node).
          dataDegrees = batchDivisors.filter((d) => models * d <= s.gpuBudget && representableGpus(cluster, models * d));
        }
        for (const d of dataDegrees) {
          if (s.dataParallel !== null && !s.dataParallel.has(d)) continue;
          for (const e of experts) {
            // Expert parallelism lives inside data parallelism (plan.ts): skip what resolveLayout would reject.
            if (d % e !== 0) continue;
            for (const sp of s.sequenceParallel) {
              // Sequence parallel only means something with t > 1 (Korthikanti et al. 2022 §4.2.2).
              if (sp && t === 1) continue;
              shapes.push({ globalBatchSize, gpus: models * d, t, c, p, d, e, sp });
            }
          }
        }
      }
      }
    }
  }
  return shapes;
}

function enumerateRecipes(s: NormalizedSearch): Recipe[] {
  const recipes: Recipe[] = [];
  for (const zero of s.zeroStages) {
    for (const offload of s.offloads) {
      // Parameter offload needs sharded parameters (ZeRO-Infinity, Rajbhandari et al. 2021 §5).
      if ((offload === 'PARAMETERS_CPU' || offload === 'PARAMETERS_NVME') && zero !== 3) continue;
      for (const [r, recompute] of s.recomputeModes.entries()) {
        for (const [f, flash] of s.flashAttention.entries()) {
          recipes.push({ zero, offload, recompute, flash, index: recipes.length, setIndex: r * s.flashAttention.length + f, memoryTwin: -1 });
        }
      }
    }
  }
  for (const recipe of recipes) {
    const cpu = recipe.offload === 'OPTIMIZER_NVME' ? 'OPTIMIZER_CPU' : recipe.offload === 'PARAMETERS_NVME' ? 'PARAMETERS_CPU' : null;
    if (cpu === null) continue;
    const twin = recipes.find((r) => r.offload === cpu && r.zero === recipe.zero && r.recompute === recipe.recompute && r.flash === recipe.flash);
    if (twin !== undefined) recipe.memoryTwin = twin.index;
  }
  return recipes;
}

/** Overwrite a scratch layout in place (precision and optimizer never change within a search). */
function fillLayout(layout: ParallelLayout, shape: Shape, v: number, b: number, recipe: Recipe, s: NormalizedSearch, layers: number): void {
  layout.tensorParallel = shape.t;
  layout.pipelineParallel = shape.p;
  layout.dataParallel = shape.d;
  layout.expertParallel = shape.e;
  // Absent unless used, as resolveLayout returns it.
  if (shape.c > 1) layout.contextParallel = shape.c;
  else delete layout.contextParallel;
  layout.zeroStage = recipe.zero;
  layout.microBatchSize = b;
  layout.globalBatchSize = shape.globalBatchSize;
  layout.sequenceParallel = shape.sp;
  layout.pipelineInterleave = v;
  const split = shape.p > 1 ? stageLayersFor(s, layers, shape.p, v) : undefined;
  if (split !== undefined) layout.pipelineStageLayers = split;
  else if (layout.pipelineStageLayers !== undefined) delete layout.pipelineStageLayers;
  layout.recompute = recipe.recompute;
  layout.offload = recipe.offload;
  layout.flashAttention = recipe.flash;
}

/**
 * Interleave degrees: the divisors v of ⌈L/p⌉ (all of Megatron-LM's when p divides L; 126 layers over 16 ranks:
 * 1, 2, 4, 8) whose BALANCED split exists (p·v ≤ L + 2), 1 without a pipeline.
 */
function interleavesFor(arch: ModelArchitecture, p: number): number[] {
  return p > 1 ? divisorsOf(Math.ceil(arch.layers / p)).filter((v) => p * v <= arch.layers + 2) : [1];
}

/** The planner's split of the layers over p·v virtual stages (pipeline.ts BALANCED), memoised per (p, v). */
function stageLayersFor(s: NormalizedSearch, layers: number, p: number, v: number): number[] | undefined {
  const key = p * 1_000_003 + v;
  if (s.stageLayers.has(key)) return s.stageLayers.get(key);
  const split = balancedStageLayers(layers, p, v, s.headLayers);
  s.stageLayers.set(key, split);
  return split;
}

function makeLayout(shape: Shape, v: number, b: number, recipe: Recipe, s: NormalizedSearch): ParallelLayout {
  const layout: ParallelLayout = {
    tensorParallel: shape.t,
    pipelineParallel: shape.p,
    dataParallel: shape.d,
    expertParallel: shape.e,
    zeroStage: recipe.zero,
    microBatchSize: b,
    globalBatchSize: shape.globalBatchSize,
    sequenceParallel: shape.sp,
    pipelineInterleave: v,
    recompute: recipe.recompute,
    precision: s.precision,
    optimizer: s.optimizer,
    offload: recipe.offload,
    flashAttention: recipe.flash,
  };
  // Optional fields only when used, as resolveLayout returns them (assigned, not spread: spreads are slow on V8).
  if (shape.c > 1) layout.contextParallel = shape.c;
  const split = shape.p > 1 ? stageLayersFor(s, s.layers, shape.p, v) : undefined;
  if (split !== undefined) layout.pipelineStageLayers = split;
  if (s.adapter !== null) layout.adapter = s.adapter;
  if (s.gradientPrecision !== undefined) layout.gradientPrecision = s.gradientPrecision;
  if (s.activationStorage !== undefined) layout.activationStorage = s.activationStorage;
  return layout;
}

// ───────────────────────────── ranking ─────────────────────────────

/** A candidate with its canonical position, for deterministic tie-breaks whatever the evaluation order. */
interface Ranked extends Omit<SearchCandidate, 'gapToBest'> {
  ordinal: number;
  recipeIndex: number;
}

function canonicalCompare(a: Ranked, b: Ranked): number {
  return a.ordinal - b.ordinal || a.recipeIndex - b.recipeIndex;
}

/**
 * Objective order: score, then time, then cost, then no offload before offload (at equal estimated time, host RAM
 * or NVMe is an extra resource whose contention the planner does not price), then more free memory, then canonical.
 */
function rankCompare(a: Ranked, b: Ranked): number {
  return (
    a.score - b.score ||
    a.timeSeconds - b.timeSeconds ||
    a.costUsd - b.costUsd ||
    Number(a.layout.offload !== 'NONE') - Number(b.layout.offload !== 'NONE') ||
    b.headroomBytes - a.headroomBytes ||
    canonicalCompare(a, b)
  );
}

/**
 * a Pareto-dominates b on (time ↓, cost ↓, headroom ↑); among equal points the canonically first one wins (and a
 * candidate offered twice is kept once).
 */
function dominates(a: Ranked, b: Ranked): boolean {
  if (a.timeSeconds > b.timeSeconds || a.costUsd > b.costUsd || a.headroomBytes < b.headroomBytes) return false;
  if (a.timeSeconds < b.timeSeconds || a.costUsd < b.costUsd || a.headroomBytes > b.headroomBytes) return true;
  return canonicalCompare(a, b) <= 0;
}

/** Keeps the top-k by the objective and the Pareto frontier of everything offered. */
class Collector {
  readonly best: Ranked[] = [];
  readonly pareto: Ranked[] = [];
  constructor(
    private readonly top: number,
    private readonly budgetUsd: number | null,
    private readonly deadlineSeconds: number | null = null,
  ) {}

  /** The k-th best score so far (Infinity until k candidates are in). */
  get threshold(): number {
    return this.best.length < this.top ? Infinity : this.best[this.best.length - 1]!.score;
  }

  /** Whether a point with these lower bounds on time and cost and this upper bound on headroom could enter the frontier. */
  paretoAdmits(timeSeconds: number, costUsd: number, headroomBytes: number): boolean {
    for (const q of this.pareto) {
      // Strict in one metric: then no point with these bounds can equal q, so tie-breaks cannot matter.
      if (
        q.timeSeconds <= timeSeconds &&
        q.costUsd <= costUsd &&
        q.headroomBytes >= headroomBytes &&
        (q.timeSeconds < timeSeconds || q.costUsd < costUsd || q.headroomBytes > headroomBytes)
      ) {
        return false;
      }
    }
    return true;
  }

  offer(c: Ranked): void {
    if ((this.budgetUsd === null || c.costUsd <= this.budgetUsd) && (this.deadlineSeconds === null || c.timeSeconds <= this.deadlineSeconds)) {
      this.offerBest(c);
    }
    this.offerPareto(c);
  }

  private offerBest(c: Ranked): void {
    const list = this.best;
    if (list.length >= this.top && rankCompare(c, list[list.length - 1]!) >= 0) return;
    if (list.some((q) => canonicalCompare(q, c) === 0)) return;
    let i = list.length;
    while (i > 0 && rankCompare(c, list[i - 1]!) < 0) i--;
    list.splice(i, 0, c);
    if (list.length > this.top) list.pop();
  }

  private offerPareto(c: Ranked): void {
    const front = this.pareto;
    for (const q of front) if (dominates(q, c)) return;
    let w = 0;
    for (let r = 0; r < front.length; r++) {
      const q = front[r]!;
      if (!dominates(c, q)) front[w++] = q;
    }
    front.length = w;
    front.push(c);
  }
}

function rankCandidate(
  layout: ParallelLayout,
  estimate: PlanEstimate,
  gpus: number,
  ordinal: number,
  recipeIndex: number,
  cluster: ClusterSpec,
  s: NormalizedSearch,
  sequenceLength: number,
): Ranked {
  const perf = estimate.performance;
  let timeSeconds: number;
  let costUsd: number;
  if (estimate.run !== null && s.trainingTokens !== null) {
    timeSeconds = estimate.run.seconds;
    costUsd = estimate.run.costUsd;
  } else {
    const tokensPerStep = layout.globalBatchSize * sequenceLength;
    // Without a token budget: the time to process one reference step's tokens (= the step time at that batch).
    timeSeconds = tokensPerStep === s.referenceTokens ? perf.stepSeconds : (perf.stepSeconds * s.referenceTokens) / tokensPerStep;
    // Cost = GPUs × price per GPU-hour × hours.
    costUsd = (gpus * cluster.gpuHourUsd * timeSeconds) / 3600;
  }
  const headroomBytes = estimate.memory.capacityBytes - estimate.memory.totalBytes;
  let score: number;
  switch (s.objective) {
    case 'COST':
      score = costUsd;
      break;
    case 'MFU':
      score = -perf.modelFlopsUtilization;
      break;
    case 'MIN_GPUS':
      // Fewest GPUs; among equal counts rankCompare orders by time, then cost.
      score = gpus;
      break;
    default:
      score = timeSeconds;
  }
  return { layout, estimate, gpus, timeSeconds, costUsd, headroomBytes, score, ordinal, recipeIndex };
}

/** Objective gap of `score` to `bestScore` as a fraction (scores are minimised; MFU scores are −MFU < 0). */
function gapFraction(score: number, bestScore: number): number {
  if (score === bestScore) return 0;
  return bestScore < 0 ? bestScore / score - 1 : score / bestScore - 1;
}

function publicCandidate(c: Ranked, bestScore: number): SearchCandidate {
  const { layout, estimate, gpus, timeSeconds, costUsd, headroomBytes, score } = c;
  return { layout, estimate, gpus, timeSeconds, costUsd, headroomBytes, score, gapToBest: gapFraction(score, bestScore) };
}

/** The candidates as public ones, each with its gap to the best of `collector` (itself when it is empty). */
function publicList(list: readonly Ranked[], collector: Collector): SearchCandidate[] {
  const top = collector.best[0];
  return list.map((c) => publicCandidate(c, top ? top.score : c.score));
}

const GIB = 1024 ** 3;

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`;
}

function describeLayout(l: ParallelLayout): string {
  const parts = [`TP ${l.tensorParallel}`, `PP ${l.pipelineParallel}`, `DP ${l.dataParallel}`];
  if (l.expertParallel > 1) parts.push(`EP ${l.expertParallel}`);
  if ((l.contextParallel ?? 1) > 1) parts.push(`CP ${l.contextParallel}`);
  parts.push(`micro-batch ${l.microBatchSize}`);
  if (l.pipelineInterleave > 1) parts.push(`interleave ${l.pipelineInterleave}`);
  parts.push(`ZeRO-${l.zeroStage}`, `recompute ${l.recompute}`);
  if (l.sequenceParallel) parts.push('sequence parallel');
  if (l.offload !== 'NONE') parts.push(`offload ${l.offload}`);
  return parts.join(', ');
}

const LAYOUT_FIELDS: readonly (keyof ParallelLayout)[] = [
  'globalBatchSize',
  'tensorParallel',
  'pipelineParallel',
  'dataParallel',
  'expertParallel',
  'contextParallel',
  'microBatchSize',
  'pipelineInterleave',
  'zeroStage',
  'recompute',
  'sequenceParallel',
  'offload',
  'flashAttention',
];

/** Seconds with 4 significant digits (steps range from milliseconds to minutes). */
function seconds(value: number): string {
  return Math.abs(value) >= 1000 ? value.toFixed(0) : value.toPrecision(4);
}

function signed(value: number): string {
  return value === 0 ? '0' : `${value > 0 ? '+' : '−'}${seconds(Math.abs(value))}`;
}

/** Why the winner beats the runner-up, from their evaluatePlan breakdowns. */
export function compareWinner(
  winner: SearchCandidate,
  runnerUp: SearchCandidate,
  objective: SearchObjective,
  label = 'the runner-up',
): { comparison: WinnerComparison; reason: string } {
  const w = winner.estimate.performance;
  const r = runnerUp.estimate.performance;
  // contextParallel is absent when 1 (resolveLayout's shape).
  const field = (l: ParallelLayout, f: keyof ParallelLayout) => (f === 'contextParallel' ? (l.contextParallel ?? 1) : l[f]);
  const layoutDifferences = LAYOUT_FIELDS.filter((f) => field(winner.layout, f) !== field(runnerUp.layout, f)).map(
    (f) => `${f}: ${String(field(winner.layout, f))} vs ${String(field(runnerUp.layout, f))}`,
  );
  if (winner.gpus !== runnerUp.gpus) layoutDifferences.unshift(`gpus: ${winner.gpus} vs ${runnerUp.gpus}`);
  const comparison: WinnerComparison = {
    layoutDifferences,
    stepSecondsDelta: w.stepSeconds - r.stepSeconds,
    computeSecondsDelta: w.computeSeconds - r.computeSeconds,
    bubbleSecondsDelta: w.bubbleSeconds - r.bubbleSeconds,
    exposedCommunicationSecondsDelta: w.exposedCommunicationSeconds - r.exposedCommunicationSeconds,
    optimizerSecondsDelta: w.optimizerSeconds - r.optimizerSeconds,
    memoryBytesDelta: winner.estimate.memory.totalBytes - runnerUp.estimate.memory.totalBytes,
    timeSecondsDelta: winner.timeSeconds - runnerUp.timeSeconds,
    costUsdDelta: winner.costUsd - runnerUp.costUsd,
  };
  const terms: [string, number][] = [
    ['compute', comparison.computeSecondsDelta],
    ['pipeline bubble', comparison.bubbleSecondsDelta],
    ['exposed communication', comparison.exposedCommunicationSecondsDelta],
    ['optimizer step', comparison.optimizerSecondsDelta],
  ];
  const decisive = [...terms].sort((a, b) => a[1] - b[1])[0]!;
  const metric =
    objective === 'MIN_GPUS'
      ? `${winner.gpus} vs ${runnerUp.gpus} GPUs, time ${winner.timeSeconds.toPrecision(4)} s vs ${runnerUp.timeSeconds.toPrecision(4)} s`
      : objective === 'MFU'
      ? `MFU ${(w.modelFlopsUtilization * 100).toFixed(1)} % vs ${(r.modelFlopsUtilization * 100).toFixed(1)} %`
      : objective === 'COST'
        ? `cost $${winner.costUsd.toFixed(2)} vs $${runnerUp.costUsd.toFixed(2)}`
        : `time ${winner.timeSeconds.toPrecision(4)} s vs ${runnerUp.timeSeconds.toPrecision(4)} s`;
  const differs = layoutDifferences.length > 0 ? layoutDifferences.join('; ') : 'nothing (equal layouts)';
  const verb = winner.score === runnerUp.score ? 'ties on the objective with' : 'beats';
  const reason =
    `${describeLayout(winner.layout)} ${verb} ${label} (${differs}): ${metric}. ` +
    `Step ${seconds(w.stepSeconds)} s vs ${seconds(r.stepSeconds)} s = ` +
    terms.map(([name, delta]) => `${name} ${signed(delta)} s`).join(', ') +
    (decisive[1] < 0
      ? `; the largest gain is ${decisive[0]}. `
      : `; no term of its step is shorter — it wins on ${objective === 'MIN_GPUS' ? 'GPU count' : objective === 'COST' ? 'cost' : objective === 'MFU' ? 'MFU' : 'the objective'}. `) +
    `Memory ${(winner.estimate.memory.totalBytes / GIB).toFixed(1)} GiB vs ${(runnerUp.estimate.memory.totalBytes / GIB).toFixed(1)} GiB per GPU.`;
  return { comparison, reason };
}

// ───────────────────────────── the search ─────────────────────────────

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

class Stopper {
  readonly start: number;
  stopReason: SearchStopReason = 'COMPLETE';
  private lastProgress: number;
  private groupsSinceProgress = 0;
  constructor(
    private readonly hooks: PlanSearchHooks,
    private readonly timeLimitSeconds: number,
  ) {
    this.start = hooks.now ? hooks.now() : 0;
    this.lastProgress = this.start;
  }
  elapsed(): number {
    return this.hooks.now ? this.hooks.now() - this.start : 0;
  }
  /** Polled between groups: true once cancelled or out of time. */
  shouldStop(): boolean {
    if (this.stopReason !== 'COMPLETE') return true;
    if (this.hooks.shouldStop?.()) this.stopReason = 'CANCELLED';
    else if (this.hooks.now && this.elapsed() > this.timeLimitSeconds) this.stopReason = 'TIME_LIMIT';
    return this.stopReason !== 'COMPLETE';
  }
  progressDue(): boolean {
    if (!this.hooks.onProgress) return false;
    if (this.hooks.now) {
      const t = this.hooks.now();
      if (t - this.lastProgress < (this.hooks.progressIntervalSeconds ?? 0.25)) return false;
      this.lastProgress = t;
      return true;
    }
    return ++this.groupsSinceProgress % 256 === 0;
  }
}

interface SearchState {
  candidates: number;
  evaluated: number;
  memoryChecked: number;
  feasible: number;
  covered: number;
  /** Smallest device memory seen: the space's minimum (members never checked need more than a checked one). */
  minMemoryBytes: number;
}

function reportProgress(hooks: PlanSearchHooks, state: SearchState, collector: Collector, stopper: Stopper, maxPareto: number): void {
  hooks.onProgress?.({
    candidates: state.candidates,
    covered: state.covered,
    evaluated: state.evaluated,
    feasible: state.feasible,
    elapsedSeconds: stopper.elapsed(),
    best: publicList(collector.best, collector),
    pareto: publicList(sortedPareto(collector).slice(0, maxPareto), collector),
  });
}

function sortedPareto(collector: Collector): Ranked[] {
  return [...collector.pareto].sort(
    (a, b) => a.timeSeconds - b.timeSeconds || a.costUsd - b.costUsd || b.headroomBytes - a.headroomBytes || canonicalCompare(a, b),
  );
}

/** A recipe every rule accepts, used to validate a (shape, interleave, micro-batch) group on its own. */
const NEUTRAL_RECIPE: Recipe = { zero: 0, offload: 'NONE', recompute: 'NONE', flash: true, index: -1, setIndex: -1, memoryTwin: -1 };

/**
 * Groups (shape × interleave × micro-batch) in canonical order, each with the recipes the planner accepts.
 * `perCandidate` (the exhaustive reference) validates every candidate; otherwise validation is factored: the
 * planner's rules on ZeRO stage, offload, recompute and FlashAttention do not involve the shape (plan.ts), so each
 * group is validated once with a neutral recipe and each recipe once — the tests check both give the same space.
 */
function buildGroups(
  arch: ModelArchitecture,
  cluster: ClusterSpec,
  s: NormalizedSearch,
  evaluator: LayoutEvaluator,
  recipes: Recipe[],
  perCandidate: boolean,
  stopper: Stopper,
): Group[] {
  const groups: Group[] = [];
  let candidates = 0;
  let validRecipes: Recipe[] | null = null;
  let visited = 0;
  for (const shape of enumerateShapes(arch, cluster, s, { shouldStop: () => stopper.shouldStop() })) {
    const interleaves = interleavesFor(arch, shape.p).filter((v) => s.pipelineInterleaves === null || s.pipelineInterleaves.has(v));
    const micro = divisorsOf(shape.globalBatchSize / shape.d).filter((b) => s.microBatchSizes === null || s.microBatchSizes.has(b));
    for (const v of interleaves) {
      for (const b of micro) {
        // Validating a huge space alone can outlast the time limit (or the client): stop building, and the search
        // then returns what it has, truncated, like any search that ran out of time.
        if (++visited % 256 === 0 && stopper.shouldStop()) return groups;
        // The search keeps Megatron-LM's rule for the interleaved schedule, micro-batches per pipeline a multiple of p
        // (trainingPlan accepts any count, as Llama 3's schedule does, §3.3.2): below it interleaving fills the ranks
        // poorly, and the rule keeps the space — and the search's speed — as before.
        if (v > 1 && (shape.globalBatchSize / (b * shape.d)) % shape.p !== 0) continue;
        let valid: Recipe[];
        if (perCandidate) {
          valid = recipes.filter((recipe) => evaluator.isValid(makeLayout(shape, v, b, recipe, s)));
        } else {
          if (!evaluator.isValid(makeLayout(shape, v, b, NEUTRAL_RECIPE, s))) continue;
          validRecipes ??= recipes.filter((recipe) => evaluator.isValid(makeLayout(shape, v, b, recipe, s)));
          valid = validRecipes;
        }
        if (valid.length === 0) continue;
        candidates += valid.length;
        if (candidates > s.maxCandidates) {
          throw new InvalidInputError(
            'input',
            `a search space of more than ${s.maxCandidates} candidates`,
            `at most ${s.maxCandidates} candidates: pin some dimensions (tensorParallel, pipelineParallel, microBatchSizes, zeroStages, offloads, …) or lower gpuBudget`,
          );
        }
        groups.push({ shape, v, b, recipes: valid, ordinal: groups.length });
      }
    }
  }
  return groups;
}

/** Search the space for the best layouts; see the file comment for the space and the pruning. */
export function searchPlansWith(
  arch: ModelArchitecture,
  cluster: ClusterSpec,
  input: PlanSearchOptions,
  evaluator: LayoutEvaluator,
  hooks: PlanSearchHooks = {},
): PlanSearchOutcome {
  const s = normalizeOptions(arch, cluster, input);
  const stopper = new Stopper(hooks, s.timeLimitSeconds);
  const recipes = enumerateRecipes(s);
  const groups = buildGroups(arch, cluster, s, evaluator, recipes, !s.prune, stopper);
  const state: SearchState = { candidates: 0, evaluated: 0, memoryChecked: 0, feasible: 0, covered: 0, minMemoryBytes: Infinity };
  for (const g of groups) state.candidates += g.recipes.length;
  const collector = new Collector(s.top, s.objective === 'TIME_WITHIN_BUDGET' ? s.budgetUsd : null, s.deadlineSeconds);
  const rank = (layout: ParallelLayout, estimate: PlanEstimate, g: Group, recipe: Recipe): Ranked =>
    rankCandidate(layout, estimate, g.shape.gpus, g.ordinal, recipe.index, cluster, s, arch.sequenceLength);

  if (!s.prune) exhaustive(groups, s, evaluator, collector, state, stopper, hooks, rank);
  else pruned(groups, s, evaluator, collector, state, stopper, hooks, rank);

  const best = publicList(collector.best, collector);
  const front = sortedPareto(collector);
  let winnerReason: string | null = null;
  let comparison: WinnerComparison | null = null;
  const nearOptimal = best.filter((c) => c.gapToBest <= STEP_TIME_MODEL_ACCURACY_FRACTION).length;
  if (best.length >= 2) {
    const explained = compareWinner(best[0]!, best[1]!, s.objective);
    winnerReason = explained.reason;
    comparison = explained.comparison;
    // Layouts the planner prices identically (e.g. offload to CPU vs NVMe when the step hides it) tie; then also
    // say what the first strictly worse layout in the top-k loses on.
    const ties = best.findIndex((c) => c.score !== best[0]!.score);
    if (explained.comparison.stepSecondsDelta === 0 && best[1]!.score === best[0]!.score) {
      if (ties > 0) {
        winnerReason += ` (Ties are ordered by cost, no offload first, then by free memory.) ${compareWinner(best[0]!, best[ties]!, s.objective, 'the first slower layout').reason}`;
      } else {
        winnerReason += ` All ${best.length} layouts returned tie on the objective (raise top to see slower ones).`;
      }
    }
    // Say when the margin is below what the model can resolve (its accuracy against published runs).
    const margin = best.find((c) => c.gapToBest > 0)?.gapToBest;
    // (Not for MIN_GPUS: its gap is in GPUs, which the time model's accuracy says nothing about.)
    if (margin !== undefined && margin <= STEP_TIME_MODEL_ACCURACY_FRACTION && s.objective !== 'MIN_GPUS') {
      const close = nearOptimal === best.length ? `all ${best.length} returned layouts are` : `${nearOptimal} of the ${best.length} returned layouts are`;
      winnerReason +=
        ` The margin (${percent(margin)}) is inside the model's ±${percent(STEP_TIME_MODEL_ACCURACY_FRACTION)} accuracy against` +
        ` published runs and ${close} that close to the best: the model cannot rank them reliably, so choose among them on other` +
        ` grounds (a layout proven on your cluster, fewer pipeline stages, more free memory).`;
    }
  } else if (best.length === 1) {
    winnerReason = `${describeLayout(best[0]!.layout)} is the only feasible layout.`;
  } else if (stopper.stopReason === 'COMPLETE') {
    winnerReason = whyNothing(state, front, evaluator, s);
  }
  return {
    objective: s.objective,
    candidates: state.candidates,
    evaluated: state.evaluated,
    memoryChecked: state.memoryChecked,
    feasible: state.feasible,
    covered: state.covered,
    best,
    pareto: publicList(front.slice(0, s.maxPareto), collector),
    paretoSize: front.length,
    winnerReason,
    comparison,
    modelAccuracyFraction: STEP_TIME_MODEL_ACCURACY_FRACTION,
    nearOptimal,
    elapsedSeconds: stopper.elapsed(),
    truncated: stopper.stopReason !== 'COMPLETE',
    stopReason: stopper.stopReason,
  };
}

/** The reason when no layout is returned: an empty space, nothing fits, or nothing within the budget. */
function whyNothing(state: SearchState, front: Ranked[], evaluator: LayoutEvaluator, s: NormalizedSearch): string {
  if (state.candidates === 0) {
    // The usual cause: too few sequences per step for this many GPUs (DP × micro-batch must divide the batch).
    const largestModelParallel = Math.max(...s.tensorParallel) * Math.max(...s.contextParallel) * Math.max(...s.pipelineParallel);
    const smallestDataParallel = Math.ceil(s.gpuBudget / largestModelParallel);
    const largestBatch = Math.max(...s.globalBatchSizes);
    const batchHint =
      s.gpuBudgetMode === 'EXACT' && largestBatch < smallestDataParallel
        ? ` With exactly ${s.gpuBudget} GPUs and ${Math.max(...s.contextParallel) > 1 ? 'TP × CP × PP' : 'TP × PP'} at most ${largestModelParallel}, data parallelism is at ` +
          `least ${smallestDataParallel}, more than a global batch of ${largestBatch} sequences per step can feed: raise ` +
          `the global batch, or search up to ${s.gpuBudget} GPUs (gpuBudgetMode UP_TO).`
        : ' Relax the pins (tensor/pipeline/data parallel, micro-batch sizes) or change the global batch.';
    return `No candidate: the pins and the planner's rules leave an empty space.${batchHint}`;
  }
  if (state.feasible === 0 && state.minMemoryBytes <= evaluator.usableBytes) {
    // Something fits the GPU, so the node refused it: only offloading layouts fit the device, and their host/NVMe
    // bytes exceed the node's (memory.ts offloadFits).
    return (
      `No layout fits: the smallest needs ${(state.minMemoryBytes / GIB).toFixed(1)} GiB per GPU, which the GPU holds, but ` +
      `the layouts that fit the GPU offload more than a node's CPU RAM or NVMe holds (all GPUs of a node share them); ` +
      `add GPUs, or describe nodes with more RAM/NVMe (cluster hostMemoryBytesPerNode, nvmeBytesPerNode).`
    );
  }
  if (state.feasible === 0) {
    return (
      `No layout fits: the smallest needs ${(state.minMemoryBytes / GIB).toFixed(1)} GiB per GPU and ` +
      `${(evaluator.usableBytes / GIB).toFixed(1)} GiB are usable (capacity × (1 − headroom)); add GPUs, allow ` +
      `recompute, ZeRO or offload, or lower the headroom.`
    );
  }
  if (s.deadlineSeconds !== null) {
    // The fastest feasible layout is on the frontier (nothing is faster, so nothing dominates it).
    const fastest = front.reduce((a, b) => (b.timeSeconds < a.timeSeconds ? b : a));
    if (fastest.timeSeconds > s.deadlineSeconds) {
      return (
        `No feasible layout finishes within ${(s.deadlineSeconds / 86_400).toPrecision(3)} days: the fastest ` +
        `(${describeLayout(fastest.layout)}, ${fastest.gpus} GPUs) takes ${(fastest.timeSeconds / 86_400).toPrecision(3)} days; ` +
        `add GPUs or relax the deadline.`
      );
    }
  }
  // The cheapest feasible layout is on the frontier (nothing is cheaper, so nothing dominates it).
  const cheapest = front.reduce((a, b) => (b.costUsd < a.costUsd ? b : a));
  return `No feasible layout costs at most $${s.budgetUsd!.toFixed(2)}: the cheapest (${describeLayout(cheapest.layout)}) costs $${cheapest.costUsd.toFixed(2)}.`;
}

type RankFn = (layout: ParallelLayout, estimate: PlanEstimate, g: Group, recipe: Recipe) => Ranked;

/** The reference: every candidate through evaluatePlan, nothing skipped. */
function exhaustive(
  groups: Group[],
  s: NormalizedSearch,
  evaluator: LayoutEvaluator,
  collector: Collector,
  state: SearchState,
  stopper: Stopper,
  hooks: PlanSearchHooks,
  rank: RankFn,
): void {
  for (const g of groups) {
    if (stopper.shouldStop()) return;
    for (const recipe of g.recipes) {
      const layout = makeLayout(g.shape, g.v, g.b, recipe, s);
      const estimate = evaluator.evaluate(layout);
      state.evaluated++;
      state.covered++;
      state.minMemoryBytes = Math.min(state.minMemoryBytes, estimate.memory.totalBytes);
      if (!estimate.fits) continue;
      state.feasible++;
      collector.offer(rank(layout, estimate, g, recipe));
    }
    if (stopper.progressDue()) reportProgress(hooks, state, collector, stopper, s.maxPareto);
  }
}

/** A (group, recompute, FlashAttention) set: its members differ only in ZeRO stage and offload. */
interface Subgroup {
  group: Group;
  /** Feasible members in canonical order, with their device bytes. */
  recipes: Recipe[];
  headroomBytes: number[];
  /** The largest of them (one frontier check can then rule out the whole set). */
  maxHeadroomBytes: number;
  /** Lower bounds from the representative's breakdown (filled in pass 2). */
  scoreBound: number;
  timeBound: number;
  costBound: number;
}

/** Relative slack on bounds so that floating-point rounding can never prune an optimum. */
const BOUND_SLACK = 1 - 1e-9;

/**
 * Pruned search, three passes (the first two interleaved per group):
 *  1. memory: per (shape, interleave, recipe) the micro-batch rises until the layout no longer fits; larger ones are
 *     proven infeasible without evaluation (device memory is non-decreasing in the micro-batch);
 *  2. one evaluatePlan per (group, recompute, FlashAttention) set gives its compute + bubble + TP/EP seconds, which
 *     ZeRO stage and offload do not change (everything else in the step is ≥ 0): a lower bound on every member's step
 *     time, hence on its time and cost, and an upper bound on its MFU;
 *  3. sets in order of their bound; a member is evaluated only if its bound could enter the top-k or its
 *     (time, cost) bounds with its exact free memory are not dominated by the frontier so far (one check per set
 *     with its largest free memory first).
 */
function pruned(
  groups: Group[],
  s: NormalizedSearch,
  evaluator: LayoutEvaluator,
  collector: Collector,
  state: SearchState,
  stopper: Stopper,
  hooks: PlanSearchHooks,
  rank: RankFn,
): void {
  const subgroups: Subgroup[] = [];
  const maxRecipe = groups.reduce((m, g) => Math.max(m, g.recipes[g.recipes.length - 1]?.index ?? 0), 0) + 1;
  const sets = s.recomputeModes.length * s.flashAttention.length;
  const dead = new Uint8Array(maxRecipe);
  // Offload fit per recipe of the current (shape, interleave): 0 unknown, 1 fits, 2 does not. Off-device bytes do not
  // depend on the micro-batch, so one check serves every micro-batch group of the pair.
  const offloadFit = new Uint8Array(maxRecipe);
  // Device bytes of the current group's recipes (NaN = not computed), for NVMe offloads to reuse their CPU twin's.
  const bytesOf = new Float64Array(maxRecipe);
  const open: (Subgroup | null)[] = new Array<Subgroup | null>(sets).fill(null);
  const { capacityBytes, usableBytes } = evaluator;
  // One scratch layout for the memory checks (the memory model reads it and keeps nothing).
  let scratch: ParallelLayout | null = null;
  // Pass 2 (run as each group's memory is known, so progress shows a best-so-far early): the representative (first
  // feasible member) of each set, fully evaluated, gives the set's bounds.
  const bound = (sub: Subgroup): void => {
    const g = sub.group;
    const recipe = sub.recipes[0]!;
    const layout = makeLayout(g.shape, g.v, g.b, recipe, s);
    const estimate = evaluator.evaluate(layout);
    state.evaluated++;
    state.covered++;
    const ranked = rank(layout, estimate, g, recipe);
    collector.offer(ranked);
    const perf = estimate.performance;
    // What ZeRO stage and offload cannot change: compute, bubble and the TP/EP collectives (exposed by the stated
    // overlap model, performance.ts); they only add DP reduction, offload traffic and optimizer time on top.
    const comm = estimate.communication;
    // TP as the step charges it: overlapped (with SP) only its cost beside the same compute (performance.ts).
    const tpSeconds =
      g.shape.sp && s.tensorParallelOverlapSlowdown !== null
        ? overlappedCostSeconds(comm.tensorParallelSeconds, perf.computeSeconds, s.tensorParallelOverlapSlowdown)
        : s.tensorParallelBackwardAsync
          ? // Asynchronous backward TP hides at most 2 of the ≥ 4 all-reduce equivalents per layer (performance.ts).
            comm.tensorParallelSeconds / 2
          : comm.tensorParallelSeconds;
    // EP likewise when its all-to-all is overlapped (options.overlapExpertParallelCommunication).
    const epSeconds =
      s.expertParallelOverlapSlowdown !== null
        ? overlappedCostSeconds(comm.expertParallelSeconds, perf.computeSeconds, s.expertParallelOverlapSlowdown)
        : comm.expertParallelSeconds;
    const stepBound =
      (perf.computeSeconds + perf.bubbleSeconds + tpSeconds + epSeconds + comm.contextParallelSeconds) * BOUND_SLACK;
    // Time, cost and 1/MFU are proportional to the step time within a set (same batch, tokens and GPUs).
    const scale = stepBound / perf.stepSeconds;
    sub.timeBound = ranked.timeSeconds * scale;
    sub.costBound = ranked.costUsd * scale;
    // MIN_GPUS: every member uses the set's GPU count, an exact bound.
    sub.scoreBound =
      s.objective === 'MFU'
        ? ranked.score / scale
        : s.objective === 'COST'
          ? sub.costBound
          : s.objective === 'MIN_GPUS'
            ? ranked.score
            : sub.timeBound;
  };
  // Pass 1: memory first.
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    const prev = i > 0 ? groups[i - 1]! : null;
    if (prev === null || prev.shape !== g.shape || prev.v !== g.v) {
      if (stopper.shouldStop()) return;
      if (stopper.progressDue()) reportProgress(hooks, state, collector, stopper, s.maxPareto);
      dead.fill(0);
      offloadFit.fill(0);
    }
    open.fill(null);
    bytesOf.fill(Number.NaN);
    for (const recipe of g.recipes) {
      if (dead[recipe.index] || (recipe.memoryTwin >= 0 && dead[recipe.memoryTwin])) {
        dead[recipe.index] = 1;
        state.covered++;
        continue;
      }
      let totalBytes = recipe.memoryTwin >= 0 ? bytesOf[recipe.memoryTwin]! : Number.NaN;
      if (Number.isNaN(totalBytes)) {
        if (scratch === null) scratch = makeLayout(g.shape, g.v, g.b, recipe, s);
        else fillLayout(scratch, g.shape, g.v, g.b, recipe, s, s.layers);
        totalBytes = evaluator.memoryBytes(scratch);
        if (totalBytes < state.minMemoryBytes) state.minMemoryBytes = totalBytes;
        state.memoryChecked++;
      }
      bytesOf[recipe.index] = totalBytes;
      if (totalBytes > usableBytes) {
        dead[recipe.index] = 1;
        state.covered++;
        continue;
      }
      // Offload beyond the node's CPU RAM / NVMe: infeasible at this micro-batch, but not marked dead — the twin
      // (CPU vs NVMe) shares the device bytes, not the off-device ones.
      if (recipe.offload !== 'NONE') {
        if (offloadFit[recipe.index] === 0) {
          if (scratch === null) scratch = makeLayout(g.shape, g.v, g.b, recipe, s);
          else fillLayout(scratch, g.shape, g.v, g.b, recipe, s, s.layers);
          offloadFit[recipe.index] = evaluator.offloadFits(scratch) ? 1 : 2;
        }
        if (offloadFit[recipe.index] === 2) {
          state.covered++;
          continue;
        }
      }
      state.feasible++;
      let sub = open[recipe.setIndex]!;
      if (sub === null) {
        sub = { group: g, recipes: [], headroomBytes: [], maxHeadroomBytes: -Infinity, scoreBound: 0, timeBound: 0, costBound: 0 };
        open[recipe.setIndex] = sub;
        subgroups.push(sub);
      }
      sub.recipes.push(recipe);
      sub.headroomBytes.push(capacityBytes - totalBytes);
      if (capacityBytes - totalBytes > sub.maxHeadroomBytes) sub.maxHeadroomBytes = capacityBytes - totalBytes;
    }
    for (const sub of open) if (sub !== null) bound(sub);
  }
  // Pass 3: best bounds first, so the top-k threshold and the frontier tighten early.
  const order = subgroups.map((_, i) => i).sort((a, b) => subgroups[a]!.scoreBound - subgroups[b]!.scoreBound || a - b);
  for (let k = 0; k < order.length; k++) {
    if (stopper.shouldStop()) return;
    const sub = subgroups[order[k]!]!;
    const g = sub.group;
    const bestPossible =
      sub.scoreBound <= collector.threshold &&
      (s.objective !== 'TIME_WITHIN_BUDGET' || sub.costBound <= s.budgetUsd!) &&
      (s.deadlineSeconds === null || sub.timeBound <= s.deadlineSeconds);
    if (!bestPossible && !collector.paretoAdmits(sub.timeBound, sub.costBound, sub.maxHeadroomBytes)) {
      // Neither the top-k nor the frontier can take any member: the whole set is dominated.
      state.covered += sub.recipes.length - 1;
      continue;
    }
    for (let j = 1; j < sub.recipes.length; j++) {
      state.covered++;
      if (!bestPossible && !collector.paretoAdmits(sub.timeBound, sub.costBound, sub.headroomBytes[j]!)) continue;
      const recipe = sub.recipes[j]!;
      const layout = makeLayout(g.shape, g.v, g.b, recipe, s);
      const estimate = evaluator.evaluate(layout);
      state.evaluated++;
      collector.offer(rank(layout, estimate, g, recipe));
    }
    if (stopper.progressDue()) reportProgress(hooks, state, collector, stopper, s.maxPareto);
  }
}

/**
 * An upper bound on the space size without running the planner's validation (cheap): lets a caller decide
 * whether to run a search inline or in a worker. Throws the same input errors as the search. With `limit`, stops
 * as soon as the bound exceeds it (the answer is then some number > limit): cheap even for hostile spaces.
 */
export function estimateSearchSpace(arch: ModelArchitecture, cluster: ClusterSpec, input: PlanSearchOptions, limit = Infinity): number {
  const s = normalizeOptions(arch, cluster, input);
  const recipes = enumerateRecipes(s).length;
  let total = 0;
  // Every shape counts at least once, so more than `limit` shapes already exceed it: stop there (cheap answer).
  for (const shape of enumerateShapes(arch, cluster, s, { maxShapes: limit })) {
    const interleaves = interleavesFor(arch, shape.p).length;
    total += interleaves * divisorsOf(shape.globalBatchSize / shape.d).length * recipes;
    if (total > limit) return total;
  }
  return total;
}

/**
 * The planner binding: resolveLayout for validity, estimateMemory with evaluatePlan's fit rule (total ≤ capacity ×
 * (1 − headroom), plan.ts) for the memory-first pass, and evaluatePlan for everything ranked. Layouts on fewer GPUs
 * than the cluster (gpuBudget) run on the matching sub-cluster.
 */
export function planLayoutEvaluator(
  arch: ModelArchitecture,
  counts: ModelCounts,
  cluster: ClusterSpec,
  options: PlanOptions = {},
): LayoutEvaluator {
  const clusters = new Map<number, ClusterSpec>();
  const total = cluster.gpusPerNode * cluster.nodes;
  const clusterFor = (layout: ParallelLayout): ClusterSpec => {
    const gpus = layoutGpus(layout);
    if (gpus === total) return cluster;
    let c = clusters.get(gpus);
    if (c === undefined) {
      c = subCluster(cluster, gpus);
      clusters.set(gpus, c);
    }
    return c;
  };
  const usableFraction = 1 - (options.memoryHeadroomFraction ?? DEFAULT_MEMORY_HEADROOM_FRACTION);
  return {
    isValid(layout) {
      let resolved: ParallelLayout;
      try {
        resolved = resolveLayout(arch, clusterFor(layout), layout);
      } catch (error) {
        if (error instanceof InvalidInputError) return false;
        throw error;
      }
      // A layout the planner would normalise (e.g. sequence parallel at TP 1) is a duplicate, not a new candidate.
      for (const key of Object.keys(layout) as (keyof ParallelLayout)[]) {
        if (key === 'pipelineStageLayers') {
          const a = resolved.pipelineStageLayers;
          const b = layout.pipelineStageLayers;
          if (a === undefined || b === undefined || a.length !== b.length || a.some((x, j) => x !== b[j])) return false;
        } else if (resolved[key] !== layout[key]) return false;
      }
      // (an EVEN list given explicitly resolves to none: a duplicate too)
      if (resolved.pipelineStageLayers !== undefined && layout.pipelineStageLayers === undefined) return false;
      return true;
    },
    memoryBytes(layout) {
      return estimateMemory(arch, counts, clusterFor(layout), layout, options).totalBytes;
    },
    offloadFits(layout) {
      if (layout.offload === 'NONE') return true;
      const c = clusterFor(layout);
      const fit = offloadFits(estimateMemory(arch, counts, c, layout, options), c, 1 - usableFraction);
      return fit.hostFits && fit.nvmeFits;
    },
    capacityBytes: cluster.gpu.memoryBytes,
    // evaluatePlan: fits = total ≤ capacity × (1 − headroom) (plan.ts).
    usableBytes: cluster.gpu.memoryBytes * usableFraction,
    evaluate(layout) {
      return evaluatePlan(arch, counts, clusterFor(layout), layout, options);
    },
  };
}

/**
 * Search the best layouts of `arch` on `cluster` (see the file comment). Throws InvalidInputError for bad options
 * or a space above maxCandidates; stops early (truncated) on hooks.shouldStop or the time limit.
 */
export function searchPlans(
  arch: ModelArchitecture,
  counts: ModelCounts,
  cluster: ClusterSpec,
  input: PlanSearchOptions,
  hooks: PlanSearchHooks = {},
): PlanSearchOutcome {
  return searchPlansWith(arch, cluster, input, planLayoutEvaluator(arch, counts, cluster, searchPlanOptions(input)), hooks);
}

/** The evaluatePlan options every candidate of a search is evaluated with (planOptions + headroom + tokens). */
export function searchPlanOptions(input: PlanSearchOptions): PlanOptions {
  const options: PlanOptions = { ...(input?.planOptions ?? {}) };
  delete options.trainingTokens;
  if (input?.memoryHeadroomFraction !== undefined && input.memoryHeadroomFraction !== null) {
    options.memoryHeadroomFraction = input.memoryHeadroomFraction;
  }
  if (input?.trainingTokens !== undefined && input.trainingTokens !== null) options.trainingTokens = input.trainingTokens;
  return options;
}
