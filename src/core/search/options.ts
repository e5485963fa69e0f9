/** The search's options validated, defaults filled in: a NormalizedSearch, or an InvalidInputError naming the field. */
import { validateAdapter } from '../adapter.js';
import { InvalidInputError, requireFinite, requireInteger } from '../errors.js';
import { computeModelCounts } from '../model.js';
import { requireOperatorRecompute } from '../operator-recompute.js';
import { OVERLAP_COMPUTE_SLOWDOWN } from '../performance.js';
import { headLayerEquivalents } from '../pipeline.js';
import type {
  ClusterSpec,
  ModelArchitecture,
  OptimizerKind,
  PipelineSchedule,
  PlanOptions,
  Precision,
  RecomputeMode,
} from '../types.js';
import { divisorsOf, representableGpus } from './space.js';
import {
  ALL_OFFLOAD_TARGETS,
  ALL_RECOMPUTE_MODES,
  PINNABLE_RECOMPUTE_MODES,
  ALL_ZERO_STAGES,
  DEFAULT_MAX_PARETO,
  DEFAULT_MAX_SEARCH_CANDIDATES,
  DEFAULT_SEARCH_TIME_LIMIT_SECONDS,
  MAX_SEARCH_TOP,
  type NormalizedSearch,
  type PlanSearchOptions,
  SEARCH_OBJECTIVES,
} from './types.js';

function pinList<T>(field: string, values: readonly T[] | undefined, all: readonly T[], describe: string, defaults: readonly T[] = all): T[] {
  if (values === undefined || values === null) return [...defaults];
  if (!Array.isArray(values) || values.length === 0) {
    throw new InvalidInputError(field, values, `a non-empty list of ${describe}`);
  }
  for (const value of values) {
    if (!all.includes(value)) throw new InvalidInputError(field, value, `one of ${all.join(', ')}`);
  }
  // Keep the dimension's canonical order (the enumeration order), without duplicates.
  return all.filter((value) => values.includes(value));
}

/** The recompute modes to search: the pins (SELECTIVE_OPERATORS only for the dense models plan.ts accepts it on), else the default three. */
function recomputeModesOf(arch: ModelArchitecture, values: readonly RecomputeMode[] | undefined): RecomputeMode[] {
  const modes = pinList('recomputeModes', values, PINNABLE_RECOMPUTE_MODES, 'recompute modes', ALL_RECOMPUTE_MODES);
  if (modes.includes('SELECTIVE_OPERATORS')) requireOperatorRecompute('recomputeModes', arch);
  return modes;
}

/**
 * The default share of a stage's layers a partial FULL recompute candidate recomputes: half (one of two layers per
 * virtual stage at Llama 3 405B's v = 4 on 16 ranks) — one more recipe beside FULL, so the search finds what fits
 * between no recompute and all of it without doubling the space.
 */
export const DEFAULT_RECOMPUTE_LAYER_FRACTIONS: readonly number[] = [0.5];

function recomputeLayerFractionsOf(values: readonly number[] | undefined | null, cheapRecompute: boolean): number[] {
  // cheapRecompute's operators are recomputed on the layers FULL leaves alone: not modelled together (plan.ts).
  if (values === undefined || values === null) return cheapRecompute ? [] : [...DEFAULT_RECOMPUTE_LAYER_FRACTIONS];
  if (!Array.isArray(values) || values.length > 16) throw new InvalidInputError('recomputeLayerFractions', values, 'a list of at most 16 shares in (0, 1)');
  values.forEach((value, i) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value >= 1) {
      throw new InvalidInputError(`recomputeLayerFractions[${i}]`, value, 'a share of the layers strictly between 0 and 1 (FULL itself recomputes them all)');
    }
  });
  if (cheapRecompute && values.length > 0) {
    throw new InvalidInputError('recomputeLayerFractions', values, '[] with cheapRecompute (its operators are recomputed on the layers FULL leaves alone; not modelled together)');
  }
  return [...new Set(values)].sort((a, b) => a - b);
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

export function normalizeOptions(arch: ModelArchitecture, cluster: ClusterSpec, input: PlanSearchOptions): NormalizedSearch {
  if (input === null || typeof input !== 'object') {
    throw new InvalidInputError('input', input, 'an object with at least globalBatchSize');
  }
  const clusterGpus = cluster.gpusPerNode * cluster.nodes;
  const globalBatchSize = requireInteger('globalBatchSize', input.globalBatchSize, 1, 100_000_000);
  const extra = integerPins('globalBatchSizes', input.globalBatchSizes, 100_000_000);
  const globalBatchSizes = [...new Set([globalBatchSize, ...(extra ?? [])])].sort((a, b) => a - b);

  const { objective, trainingTokens, budgetUsd, deadlineSeconds } = normalizeGoal(input);
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

  const tensorParallel = tensorParallelDegrees(arch, cluster.gpusPerNode, gpuBudget, allowAcross, input.tensorParallel);
  const pipelineParallel = pipelineParallelDegrees(arch, gpuBudget, input);

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

  const { precision, optimizer, adapter, offloads } = normalizeRecipeChoices(arch, cluster, input);

  return {
    gradientPrecision: input.gradientPrecision ?? undefined,
    gradientReducePrecision: input.gradientReducePrecision ?? undefined,
    activationStorage: input.activationStorage ?? undefined,
    ...normalizeStateOptions(input, precision),
    layers: arch.layers,
    headLayers: headLayerEquivalents(computeModelCounts(arch)),
    stageLayers: new Map(),
    largestStageLayers: new Map(),
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
    expertTensorParallel: integerPins('expertTensorParallel', input.expertTensorParallel, 1_000_000),
    contextParallel: contextParallelDegrees(arch, clusterGpus, integerPins('contextParallel', input.contextParallel, 1_000_000)),
    microBatchSizes: integerPins('microBatchSizes', input.microBatchSizes, 100_000_000),
    pipelineInterleaves: integerPins('pipelineInterleaves', input.pipelineInterleaves, 1_000_000),
    zeroStages: pinList('zeroStages', input.zeroStages, ALL_ZERO_STAGES, 'ZeRO stages 0–3'),
    recomputeModes: recomputeModesOf(arch, input.recomputeModes),
    recomputeLayerFractions: recomputeLayerFractionsOf(input.recomputeLayerFractions, input.cheapRecompute === true),
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

/** The pipeline schedules the search knows (plan.ts PIPELINE_SCHEDULES), in canonical order. */
export const ALL_PIPELINE_SCHEDULES: readonly PipelineSchedule[] = ['ONE_F_ONE_B', 'DUALPIPE'];

/**
 * The state and schedule options every candidate carries, kept only when they differ from the default (as
 * resolveLayout keeps them, so candidates have the shape of resolved layouts); plan.ts checks them against each shape
 * (DualPipe needs an even PP without interleaving: space.ts enumerates DUALPIPE only on those shapes).
 */
function normalizeStateOptions(
  input: PlanSearchOptions,
  precision: Precision,
): Pick<NormalizedSearch, 'optimizerMomentPrecision' | 'masterWeights' | 'cheapRecompute' | 'pipelineSchedules'> {
  const moments = input.optimizerMomentPrecision ?? 'FP32';
  if (moments !== 'FP32' && moments !== 'BF16') throw new InvalidInputError('optimizerMomentPrecision', moments, 'FP32 or BF16');
  const master = input.masterWeights ?? true;
  if (typeof master !== 'boolean') throw new InvalidInputError('masterWeights', master, 'true or false');
  // As plan.ts: FP32 training has no separate master copy to leave out.
  if (!master && precision === 'FP32') throw new InvalidInputError('masterWeights', master, 'true or absent in FP32 training (the weights are the master copy)');
  const cheap = input.cheapRecompute ?? false;
  if (typeof cheap !== 'boolean') throw new InvalidInputError('cheapRecompute', cheap, 'true or false');
  const schedule = input.pipelineSchedule ?? 'ONE_F_ONE_B';
  if (schedule !== 'ONE_F_ONE_B' && schedule !== 'DUALPIPE') throw new InvalidInputError('pipelineSchedule', schedule, 'ONE_F_ONE_B or DUALPIPE');
  const listed = input.pipelineSchedules !== undefined && input.pipelineSchedules !== null;
  if (listed && input.pipelineSchedule !== undefined && input.pipelineSchedule !== null) {
    throw new InvalidInputError(
      'pipelineSchedules',
      input.pipelineSchedules,
      `either pipelineSchedule (one schedule, now ${input.pipelineSchedule}) or pipelineSchedules (the schedules to search), not both`,
    );
  }
  return {
    optimizerMomentPrecision: moments === 'BF16' ? moments : undefined,
    masterWeights: master ? undefined : false,
    cheapRecompute: cheap ? true : undefined,
    pipelineSchedules: pinList('pipelineSchedules', listed ? input.pipelineSchedules : [schedule], ALL_PIPELINE_SCHEDULES, 'pipeline schedules'),
  };
}

/** The objective and what it is measured against: tokens, a budget in USD, a deadline. */
function normalizeGoal(input: PlanSearchOptions): Pick<NormalizedSearch, 'objective' | 'trainingTokens' | 'budgetUsd' | 'deadlineSeconds'> {
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
  return { objective, trainingTokens, budgetUsd, deadlineSeconds };
}

function tensorParallelDegrees(
  arch: ModelArchitecture,
  gpn: number,
  gpuBudget: number,
  allowAcross: boolean,
  pins: readonly number[] | undefined,
): number[] {
  // Tensor parallel: divisors of the heads; inside a node t divides gpusPerNode (groups never straddle nodes),
  // beyond a node t is a whole number of nodes, only on request (Narayanan et al. 2021, Takeaway #1: tensor
  // parallelism up to the GPUs of a server, pipeline parallelism across servers).
  const tpPins = integerPins('tensorParallel', pins, 1_000_000);
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
  return tensorParallel;
}

function pipelineParallelDegrees(arch: ModelArchitecture, gpuBudget: number, input: PlanSearchOptions): number[] {
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
  return pipelineParallel;
}

/** Precision and optimizer (the planner's defaults), the adapter, and the offloads it allows. */
function normalizeRecipeChoices(
  arch: ModelArchitecture,
  cluster: ClusterSpec,
  input: PlanSearchOptions,
): Pick<NormalizedSearch, 'precision' | 'optimizer' | 'adapter' | 'offloads'> {
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
  return { precision, optimizer, adapter, offloads };
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
