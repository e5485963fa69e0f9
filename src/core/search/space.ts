/** The space: shapes (batch × GPUs × TP × CP × PP × DP × EP × SP), recipes, and their valid groups. */
import { InvalidInputError } from '../errors.js';
import { balancedStageLayers } from '../pipeline.js';
import type {
  ClusterSpec,
  ModelArchitecture,
  OffloadTarget,
  ParallelLayout,
  PipelineSchedule,
  RecomputeMode,
  ZeroStage,
} from '../types.js';
import type { Stopper } from './progress.js';
import type { LayoutEvaluator, NormalizedSearch } from './types.js';

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

/** A parallel shape: everything but the micro-batch, interleave and the per-GPU recipe. */
export interface Shape {
  /** DUALPIPE, or undefined for ONE_F_ONE_B (as resolveLayout leaves the default out). */
  schedule: PipelineSchedule | undefined;
  globalBatchSize: number;
  gpus: number;
  t: number;
  /** Context parallel degree. */
  c: number;
  p: number;
  d: number;
  e: number;
  /** Routed-expert TP degree: t, or 1 (MoE parallel folding). */
  etp: number;
  sp: boolean;
}

/** The per-GPU recipe of a candidate: ZeRO stage, offload, recompute and FlashAttention. */
export interface Recipe {
  zero: ZeroStage;
  offload: OffloadTarget;
  recompute: RecomputeMode;
  /**
   * Under FULL, the share of each virtual stage's layers recomputed (recomputeLayers = ⌊share × the largest stage⌋ on
   * the candidate's split, partialRecomputeLayers); null = all of them, or no FULL.
   */
  recomputeFraction: number | null;
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
export interface Group {
  shape: Shape;
  v: number;
  b: number;
  recipes: Recipe[];
  /** Position in the canonical enumeration order (tie-breaks between equal metrics). */
  ordinal: number;
}

/** GPU counts the planner can place: whole nodes, or part of a single node. */
export function representableGpus(cluster: ClusterSpec, gpus: number): boolean {
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
 * Whether plan.ts resolveLayout accepts the schedule on p pipeline ranks: DualPipe pairs rank i with rank p − 1 − i
 * (DeepSeek-V3 report §3.2.1), so it needs an even p ≥ 2 (and no interleaving, buildGroups' rule).
 */
export function scheduleFits(schedule: PipelineSchedule, p: number): boolean {
  return schedule !== 'DUALPIPE' || (p >= 2 && p % 2 === 0);
}

/**
 * Routed-expert TP degrees of a shape with TP t: t (the default), and 1 for MoE models when listed (plan.ts accepts
 * only 1 or t); without a list, t alone — the space of every search that does not ask stays as it was.
 */
function expertTensorDegrees(arch: ModelArchitecture, s: NormalizedSearch, t: number): number[] {
  const pins = s.expertTensorParallel;
  if (pins === null) return [t];
  const degrees = pins.has(t) ? [t] : [];
  if (t > 1 && arch.experts > 1 && pins.has(1)) degrees.push(1);
  return degrees;
}

/**
 * Shapes in canonical order (the schedules innermost: a shape's DUALPIPE twin follows its 1F1B one). `bound` stops early (a prefix of the list): after more than `maxShapes` shapes, or
 * once `shouldStop()` says so — a hostile space can hold millions of shapes, which take seconds just to list.
 */
export function enumerateShapes(
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
            for (const etp of expertTensorDegrees(arch, s, t)) {
              // Expert parallelism lives inside data parallelism (plan.ts), or with ETP 1 inside TP × CP × DP (MoE
              // parallel folding): skip what resolveLayout would reject.
              if (etp === t ? d % e !== 0 : (t * c * d) % (e * etp) !== 0) continue;
              for (const sp of s.sequenceParallel) {
                // Sequence parallel only means something with t > 1 (Korthikanti et al. 2022 §4.2.2); folding needs it.
                if ((sp && t === 1) || (etp !== t && !sp)) continue;
                for (const pipelineSchedule of s.pipelineSchedules) {
                  if (!scheduleFits(pipelineSchedule, p)) continue;
                  const schedule = pipelineSchedule === 'DUALPIPE' ? pipelineSchedule : undefined;
                  shapes.push({ schedule, globalBatchSize, gpus: models * d, t, c, p, d, e, etp, sp });
                }
              }
            }
          }
        }
      }
      }
    }
  }
  return shapes;
}

export function enumerateRecipes(s: NormalizedSearch): Recipe[] {
  const recipes: Recipe[] = [];
  for (const zero of s.zeroStages) {
    for (const offload of s.offloads) {
      // Parameter offload needs sharded parameters (ZeRO-Infinity, Rajbhandari et al. 2021 §5).
      if ((offload === 'PARAMETERS_CPU' || offload === 'PARAMETERS_NVME') && zero !== 3) continue;
      // Recompute variants in canonical order: each mode, FULL followed by its partial shares.
      let variant = 0;
      for (const recompute of s.recomputeModes) {
        const fractions = recompute === 'FULL' ? [null, ...s.recomputeLayerFractions] : [null];
        for (const recomputeFraction of fractions) {
          for (const [f, flash] of s.flashAttention.entries()) {
            recipes.push({ zero, offload, recompute, recomputeFraction, flash, index: recipes.length, setIndex: variant * s.flashAttention.length + f, memoryTwin: -1 });
          }
          variant++;
        }
      }
    }
  }
  for (const recipe of recipes) {
    const cpu = recipe.offload === 'OPTIMIZER_NVME' ? 'OPTIMIZER_CPU' : recipe.offload === 'PARAMETERS_NVME' ? 'PARAMETERS_CPU' : null;
    if (cpu === null) continue;
    const twin = recipes.find(
      (r) => r.offload === cpu && r.zero === recipe.zero && r.recompute === recipe.recompute && r.recomputeFraction === recipe.recomputeFraction && r.flash === recipe.flash,
    );
    if (twin !== undefined) recipe.memoryTwin = twin.index;
  }
  return recipes;
}

/** Overwrite a scratch layout in place (precision and optimizer never change within a search). */
export function fillLayout(layout: ParallelLayout, shape: Shape, v: number, b: number, recipe: Recipe, s: NormalizedSearch, layers: number): void {
  layout.tensorParallel = shape.t;
  layout.pipelineParallel = shape.p;
  layout.dataParallel = shape.d;
  layout.expertParallel = shape.e;
  // Absent unless used, as resolveLayout returns it.
  if (shape.etp !== shape.t) layout.expertTensorParallel = shape.etp;
  else delete layout.expertTensorParallel;
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
  // Assigned, never deleted (makeLayout always has it): a delete would turn the scratch layout into a slow
  // dictionary-mode object for every later memory check (the memory model reads undefined as absent).
  layout.recomputeLayers = recomputeLayersOf(recipe, s, shape, v);
  layout.offload = recipe.offload;
  layout.flashAttention = recipe.flash;
  if (shape.schedule !== undefined) layout.pipelineSchedule = shape.schedule;
  else if (layout.pipelineSchedule !== undefined) delete layout.pipelineSchedule;
}

/**
 * Interleave degrees: the divisors v of ⌈L/p⌉ (all of Megatron-LM's when p divides L; 126 layers over 16 ranks:
 * 1, 2, 4, 8) whose BALANCED split exists (p·v ≤ L + 2), 1 without a pipeline; DualPipe only 1 (plan.ts: its
 * two directions are the chunks, DeepSeek-V3 report §3.2.1).
 */
export function interleavesFor(arch: ModelArchitecture, p: number, schedule?: PipelineSchedule): number[] {
  return p > 1 && schedule !== 'DUALPIPE' ? divisorsOf(Math.ceil(arch.layers / p)).filter((v) => p * v <= arch.layers + 2) : [1];
}

/**
 * recomputeLayers of a partial FULL recipe on a candidate: ⌊share × the largest virtual stage's layers⌋ on its split,
 * or null where that is below 1 or covers the largest stage (FULL itself: not a candidate of its own, buildGroups).
 */
export function partialRecomputeLayers(s: NormalizedSearch, shape: Pick<Shape, 'p'>, v: number, fraction: number): number | null {
  const largest = largestStageLayers(s, shape.p, v);
  const n = Math.floor(fraction * largest);
  return n >= 1 && n < largest ? n : null;
}

/** A candidate's recomputeLayers: its recipe's partial share on its split, undefined for every layer (or no FULL). */
function recomputeLayersOf(recipe: Recipe, s: NormalizedSearch, shape: Pick<Shape, 'p'>, v: number): number | undefined {
  return recipe.recomputeFraction === null ? undefined : (partialRecomputeLayers(s, shape, v, recipe.recomputeFraction) ?? undefined);
}

/** Whether a recipe's partial recompute share exists on (p, v): whole layers on both sides of it (else it is FULL again). */
function partialFits(recipe: Recipe, s: NormalizedSearch, shape: Pick<Shape, 'p'>, v: number): boolean {
  return recipe.recomputeFraction === null || partialRecomputeLayers(s, shape, v, recipe.recomputeFraction) !== null;
}

/** Layers of the largest virtual stage of the planner's split over p·v stages, memoised per (p, v) (a hot path). */
function largestStageLayers(s: NormalizedSearch, p: number, v: number): number {
  const key = p * 1_000_003 + v;
  const known = s.largestStageLayers.get(key);
  if (known !== undefined) return known;
  const split = p > 1 ? stageLayersFor(s, s.layers, p, v) : undefined;
  let largest = Math.ceil(s.layers / (p > 1 ? p * v : 1));
  if (split !== undefined) {
    largest = 0;
    for (const n of split) if (n > largest) largest = n;
  }
  s.largestStageLayers.set(key, largest);
  return largest;
}

/** The planner's split of the layers over p·v virtual stages (pipeline.ts BALANCED), memoised per (p, v). */
function stageLayersFor(s: NormalizedSearch, layers: number, p: number, v: number): number[] | undefined {
  const key = p * 1_000_003 + v;
  if (s.stageLayers.has(key)) return s.stageLayers.get(key);
  const split = balancedStageLayers(layers, p, v, s.headLayers);
  s.stageLayers.set(key, split);
  return split;
}

export function makeLayout(shape: Shape, v: number, b: number, recipe: Recipe, s: NormalizedSearch): ParallelLayout {
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
    // Always present (undefined = every layer under FULL): one object shape for the memory model's hot path, whichever
    // recipe a layout has; JSON and resolveLayout comparisons read undefined as absent.
    recomputeLayers: recomputeLayersOf(recipe, s, shape, v),
    precision: s.precision,
    optimizer: s.optimizer,
    offload: recipe.offload,
    flashAttention: recipe.flash,
  };
  // Optional fields only when used, as resolveLayout returns them (assigned, not spread: spreads are slow on V8).
  if (shape.etp !== shape.t) layout.expertTensorParallel = shape.etp;
  if (shape.c > 1) layout.contextParallel = shape.c;
  const split = shape.p > 1 ? stageLayersFor(s, s.layers, shape.p, v) : undefined;
  if (split !== undefined) layout.pipelineStageLayers = split;
  if (s.adapter !== null) layout.adapter = s.adapter;
  if (s.gradientPrecision !== undefined) layout.gradientPrecision = s.gradientPrecision;
  if (s.gradientReducePrecision !== undefined) layout.gradientReducePrecision = s.gradientReducePrecision;
  if (s.activationStorage !== undefined) layout.activationStorage = s.activationStorage;
  if (s.optimizerMomentPrecision !== undefined) layout.optimizerMomentPrecision = s.optimizerMomentPrecision;
  if (s.masterWeights !== undefined) layout.masterWeights = s.masterWeights;
  if (s.cheapRecompute !== undefined) layout.cheapRecompute = s.cheapRecompute;
  if (shape.schedule !== undefined) layout.pipelineSchedule = shape.schedule;
  return layout;
}

/** A recipe every rule accepts, used to validate a (shape, interleave, micro-batch) group on its own. */
const NEUTRAL_RECIPE: Recipe = { zero: 0, offload: 'NONE', recompute: 'NONE', recomputeFraction: null, flash: true, index: -1, setIndex: -1, memoryTwin: -1 };

/**
 * Groups (shape × interleave × micro-batch) in canonical order, each with the recipes the planner accepts.
 * `perCandidate` (the exhaustive reference) validates every candidate; otherwise validation is factored: the
 * planner's rules on ZeRO stage, offload, recompute and FlashAttention do not involve the shape (plan.ts), so each
 * group is validated once with a neutral recipe and each recipe once — the tests check both give the same space.
 */
export function buildGroups(
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
  // The valid recipes whose partial recompute share exists on a (p, v), memoised per (p, v): groups share the list.
  const withPartials = new Map<number, Recipe[]>();
  let visited = 0;
  for (const shape of enumerateShapes(arch, cluster, s, { shouldStop: () => stopper.shouldStop() })) {
    const interleaves = interleavesFor(arch, shape.p, shape.schedule).filter((v) => s.pipelineInterleaves === null || s.pipelineInterleaves.has(v));
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
          valid = recipes.filter((recipe) => partialFits(recipe, s, shape, v) && evaluator.isValid(makeLayout(shape, v, b, recipe, s)));
        } else {
          if (!evaluator.isValid(makeLayout(shape, v, b, NEUTRAL_RECIPE, s))) continue;
          validRecipes ??= recipes.filter((recipe) => evaluator.isValid(makeLayout(shape, v, b, recipe, s)));
          if (s.recomputeLayerFractions.length === 0) valid = validRecipes;
          else {
            const key = shape.p * 1_000_003 + v;
            let list = withPartials.get(key);
            if (list === undefined) {
              list = validRecipes.filter((recipe) => partialFits(recipe, s, shape, v));
              withPartials.set(key, list);
            }
            valid = list;
          }
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
