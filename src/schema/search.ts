/**
 * Plan search: `planSearch(input)` finds the best layouts of a model on a cluster (src/core/search.ts) and returns
 * them as TrainingPlans with the Pareto frontier and why the best wins; `planSearchProgress(input)` streams progress
 * and the best-so-far frontier, then the result. Large searches run off the main thread through the
 * PlanSearchService a server module installs (src/server/search-runner.ts: searchModule()); without it they run
 * inline. Server limits: at most MAX_API_SEARCH_SECONDS per search and MAX_API_SEARCH_CANDIDATES candidates.
 */
import {
  searchPlanOptions,
  searchPlans,
  subCluster,
  type PlanSearchOptions,
  type PlanSearchOutcome,
  type PlanSearchProgress,
  type SearchCandidate,
  type WinnerComparison,
} from '../core/search.js';
import { applyRecipeToSearch, planAssumptions, type TrainingRecipe } from '../core/recipes.js';
import type { ParallelLayout, PlanOptions, ZeroStage } from '../core/types.js';
import type { PlanSearchJob, PlanSearchService } from '../services/contracts.js';
import { builder } from './builder.js';
import { ClusterInputRef, clusterFromInput, requireCluster, type ClusterView } from './cluster.js';
import type { SchemaContext } from './context.js';
import {
  OffloadEnum,
  OptimizerEnum,
  GradientPrecisionEnum,
  OptimizerMomentPrecisionEnum,
  PipelineScheduleEnum,
  PrecisionEnum,
  RecomputeModeEnum,
  TrainingRecipeEnum,
} from './enums.js';
import { withInputPathAsync, withPathPrefix } from './error-helpers.js';
import { ModelInputRef, modelFromInput, requireModel, type ModelView } from './model.js';
import {
  adapterFromInput,
  AdapterInputRef,
  checkModelAndCluster,
  checkPlanOptionsInput,
  makeTrainingPlanView,
  planOptionsFromInput,
  PlanOptionsInputRef,
  TrainingPlanRef,
  type TrainingPlanView,
} from './plan.js';
import { floatIn, idSchema, intIn, intList, MAX_GPUS, MAX_TRAINING_TOKENS } from './validation.js';

/** Longest a search may run through the API (the core default is 10 s). */
export const MAX_API_SEARCH_SECONDS = 60;
/** Largest space the API searches (GPT-3 175B on 1,024 GPUs is ≈ 45 thousand; wide searches a few million). */
export const MAX_API_SEARCH_CANDIDATES = 20_000_000;
/** Most layouts returned in `best` and `pareto`. */
export const MAX_API_SEARCH_TOP = 100;

function service(ctx: SchemaContext): PlanSearchService {
  const installed = ctx.planSearches;
  if (installed) return installed;
  // No module: run inline (blocks this request's thread; fine for small spaces and tests).
  return {
    run: (job, hooks) =>
      Promise.resolve(
        searchPlans(job.arch, job.counts, job.cluster, job.options, {
          now: () => performance.now() / 1000,
          shouldStop: () => hooks.signal?.aborted ?? false,
          ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
        }),
      ),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Enums and input

const SearchObjectiveEnum = builder.enumType('SearchObjective', {
  description: 'What the search optimises.',
  values: {
    TIME: { description: 'Minimum training time (the run with trainingTokens, else the time of one step at globalBatchSize).' },
    COST: { description: 'Minimum cost (GPU-hours × price): with gpuBudgetMode UP_TO this may use fewer GPUs.' },
    MFU: { description: 'Maximum model FLOPs utilisation.' },
    TIME_WITHIN_BUDGET: { description: 'Minimum time among layouts whose run costs at most budgetUsd (needs trainingTokens).' },
    MIN_GPUS: {
      description:
        'The fewest GPUs the model fits on (with the memory headroom), fastest first among equal counts: searches every count up to gpuBudget (gpuBudgetMode UP_TO, the default for this objective).',
    },
  },
});

const GpuBudgetModeEnum = builder.enumType('GpuBudgetMode', {
  description: 'How many GPUs a layout may use.',
  values: {
    EXACT: { description: 'Exactly gpuBudget GPUs (default: the whole cluster).' },
    UP_TO: { description: 'Any count up to gpuBudget: whole nodes, or part of one node.' },
  },
});

const SearchStopReasonEnum = builder.enumType('SearchStopReason', {
  description: 'Why the search ended.',
  values: {
    COMPLETE: { description: 'The whole space was covered.' },
    TIME_LIMIT: { description: 'timeLimitSeconds ran out: the result is the best so far (truncated).' },
    CANCELLED: { description: 'The client went away or the server stopped it: the best so far (truncated).' },
  },
});

/** GraphQL shape of PlanSearchInput as Pothos infers it from PlanSearchInputRef (defaults already applied by GraphQL). */
type PlanSearchInputShape = typeof PlanSearchInputRef.$inferInput;

const PlanSearchInputRef = builder.inputType('PlanSearchInput', {
  description:
    'What to search: a model (exactly one of `model` or `modelSpec`), a cluster (exactly one of `cluster` or `clusterSpec`), the global batch, the objective, and optional pins (lists restrict a dimension to the given values). See docs/search.md for the space.',
  fields: (t) => ({
    model: t.id({ description: 'Preset (e.g. `gpt3-175b`) or saved (`m_…`) model id.', validate: idSchema }),
    modelSpec: t.field({ type: ModelInputRef, description: 'An unsaved architecture instead of `model`.' }),
    cluster: t.id({ description: 'Preset (e.g. `a100-80gb-x1024`) or saved (`c_…`) cluster id.', validate: idSchema }),
    clusterSpec: t.field({ type: ClusterInputRef, description: 'An unsaved cluster instead of `cluster`.' }),
    globalBatchSize: t.int({ required: true, description: 'Sequences per optimizer step; the time reference when several are searched.', validate: intIn(1, 100_000_000) }),
    globalBatchSizes: t.intList({ description: 'More global batch sizes to try (a range); globalBatchSize is always included.', validate: intList(1, 100_000_000) }),
    trainingTokens: t.float({ description: 'Tokens to train on: times and costs are then the whole run\'s.', validate: floatIn(1, MAX_TRAINING_TOKENS) }),
    objective: t.field({ type: SearchObjectiveEnum, defaultValue: 'TIME', description: 'What to optimise.' }),
    budgetUsd: t.float({ description: 'Cost ceiling of the run in US dollars for TIME_WITHIN_BUDGET.', validate: floatIn(0, 1e15) }),
    deadlineSeconds: t.float({
      description:
        'Only layouts whose run (trainingTokens, required) finishes within this many seconds rank in `best`, for any objective — with MIN_GPUS: the fewest GPUs that train in time.',
      validate: floatIn(1, 1e12),
    }),
    top: t.int({ defaultValue: 10, description: `How many best layouts to return (1–${MAX_API_SEARCH_TOP}).`, validate: intIn(1, MAX_API_SEARCH_TOP) }),
    gpuBudget: t.int({ description: 'GPUs to use (default: the whole cluster); whole nodes or part of one node.', validate: intIn(1, MAX_GPUS) }),
    gpuBudgetMode: t.field({
      type: GpuBudgetModeEnum,
      description: 'Exactly gpuBudget GPUs, or up to it. Default EXACT; UP_TO for objective MIN_GPUS (the only mode it accepts).',
    }),
    allowTensorParallelAcrossNodes: t.boolean({ defaultValue: false, description: 'Also try tensor-parallel groups of whole nodes.' }),
    evenPipelineStages: t.boolean({ defaultValue: false, description: 'Only pipeline degrees that divide the layers.' }),
    memoryHeadroomFraction: t.float({ description: 'Fraction of GPU memory kept free when deciding a layout fits (0–0.9).', validate: floatIn(0, 0.9) }),
    tensorParallel: t.intList({ description: 'Only these tensor-parallel degrees.', validate: intList(1, MAX_GPUS) }),
    pipelineParallel: t.intList({ description: 'Only these pipeline degrees.', validate: intList(1, MAX_GPUS) }),
    dataParallel: t.intList({ description: 'Only these data-parallel degrees.', validate: intList(1, MAX_GPUS) }),
    expertParallel: t.intList({ description: 'Only these expert-parallel degrees (MoE).', validate: intList(1, MAX_GPUS) }),
    expertTensorParallel: t.intList({
      description:
        'Routed-expert tensor-parallel degrees to try (MoE): per shape those of 1 and its tensorParallel listed, 1 below TP (MoE parallel folding) only with sequence parallel — e.g. [1, 2, 4, 8] tries both. Default: tensorParallel only.',
      validate: intList(1, MAX_GPUS),
    }),
    contextParallel: t.intList({
      description:
        'Only these context-parallel degrees (each must split sequenceLength into 2 × CP chunks). Default: 1, plus every degree leaving ≥ 4,096 tokens per rank; [1] turns CP off.',
      validate: intList(1, MAX_GPUS),
    }),
    microBatchSizes: t.intList({ description: 'Only these micro-batch sizes.', validate: intList(1, 100_000_000) }),
    zeroStages: t.intList({ description: 'Only these ZeRO stages (0–3), e.g. [3] for "ZeRO-3 only".', validate: intList(0, 3) }),
    recomputeModes: t.field({
      type: [RecomputeModeEnum],
      description: 'Only these recompute modes (default NONE, SELECTIVE and FULL; torchtitan\'s SELECTIVE_OPERATORS when listed here, for dense models).',
    }),
    recomputeLayerFractions: t.floatList({
      description:
        "Under FULL recompute, also try recomputing only this share of each virtual pipeline stage's layers (recomputeLayers = ⌊share × the largest stage's layers⌋, where that leaves whole layers on both sides; Megatron-Core recompute_method block). Default [0.5]; [] = FULL always recomputes every layer. At most 16 shares, each in (0, 1).",
    }),
    sequenceParallel: t.booleanList({ description: 'Sequence parallel off/on (default both where TP > 1).' }),
    pipelineInterleaves: t.intList({ description: 'Only these interleave degrees.', validate: intList(1, 1024) }),
    offloads: t.field({ type: [OffloadEnum], description: 'Only these offload targets, e.g. [NONE] for "no offload".' }),
    flashAttention: t.booleanList({ description: 'FlashAttention off/on (default [true]).' }),
    adapter: t.field({ type: AdapterInputRef, description: 'Search fine-tuning layouts with this low-rank adapter (every candidate carries it; offloads are then [NONE]).' }),
    precision: t.field({ type: PrecisionEnum, description: 'Training precision (default BF16, or the recipe\'s).' }),
    recipe: t.field({
      type: TrainingRecipeEnum,
      description:
        "A framework's defaults: its FlashAttention, ZeRO stage, recompute and precision become pins (your own pins win), its gradient precision, activation storage, optimizer-moment precision, cheap recompute, pipeline schedule and options (overlaps, expert dispatch) apply to every candidate; each plan's `assumptions` says which.",
    }),
    optimizer: t.field({ type: OptimizerEnum, description: 'Optimizer (default ADAM).' }),
    optimizerMomentPrecision: t.field({
      type: OptimizerMomentPrecisionEnum,
      description: "Precision of the optimizer's moments every candidate carries (default FP32, or the recipe's; BF16: DeepSeek-V3 §3.3.3).",
    }),
    gradientReducePrecision: t.field({
      type: GradientPrecisionEnum,
      description: "Precision every candidate reduces its gradients in (FP32: FSDP2's reduce_dtype=float32 over BF16 parameters; default as stored).",
    }),
    masterWeights: t.boolean({
      description:
        'false: every candidate updates its 16-bit weights without an fp32 master copy (a PyTorch optimizer over BF16 parameters, as NeMo AutoModel; K loses 4 B). Default true under mixed precision (ZeRO §3.1).',
    }),
    cheapRecompute: t.boolean({
      description:
        "Every candidate rebuilds the RMSNorm outputs, MLA up-projections and SwiGLU output in the backward (DeepSeek-V3 §3.2.3; default false, or the recipe's).",
    }),
    pipelineSchedule: t.field({
      type: PipelineScheduleEnum,
      description:
        "Pipeline schedule every candidate uses (default ONE_F_ONE_B, or the recipe's). DUALPIPE keeps only even pipeline degrees without interleaving (DeepSeek-V3 §3.2.1).",
    }),
    pipelineSchedules: t.field({
      type: [PipelineScheduleEnum],
      description:
        "Pipeline schedules to search instead of the one `pipelineSchedule` (give one or the other): every shape is tried with each, DUALPIPE only on an even pipelineParallel ≥ 2 without interleaving (DeepSeek-V3 §3.2.1), and the faster one that fits wins — e.g. [ONE_F_ONE_B, DUALPIPE]. Default: [pipelineSchedule], or the recipe's, or ONE_F_ONE_B. With several, each plan's `assumptions` gives pipelineSchedule origin SEARCH.",
    }),
    options: t.field({ type: PlanOptionsInputRef, description: 'Planner knobs applied to every candidate.' }),
    timeLimitSeconds: t.float({ description: `Stop after this many seconds and return the best so far (default 10, at most ${MAX_API_SEARCH_SECONDS}).`, validate: floatIn(0.01, MAX_API_SEARCH_SECONDS) }),
    maxPareto: t.int({ description: 'Cut the returned Pareto frontier to this many layouts (default 50).', validate: intIn(1, MAX_API_SEARCH_TOP) }),
  }),
});

interface ResolvedSearch {
  model: ModelView;
  cluster: ClusterView;
  job: PlanSearchJob;
  planOptions: PlanOptions;
  recipe: TrainingRecipe | undefined;
  /** Layout fields the user pinned to one value (for assumptions), and the user's own plan options. */
  userLayout: Partial<ParallelLayout>;
  userOptions: PlanOptions;
  /** Layout fields searched among several values the user listed (origin SEARCH even over the recipe). */
  chosen: readonly string[];
}

async function resolveSearchInput(ctx: SchemaContext, input: PlanSearchInputShape): Promise<ResolvedSearch> {
  const path = 'input';
  checkModelAndCluster(path, input);
  const model = input.model != null ? await requireModel(ctx, input.model, `${path}.model`) : modelFromInput(input.modelSpec!, `${path}.modelSpec`);
  const cluster = input.cluster != null ? await requireCluster(ctx, input.cluster, `${path}.cluster`) : clusterFromInput(input.clusterSpec!, `${path}.clusterSpec`);

  const options: PlanSearchOptions = { globalBatchSize: input.globalBatchSize, maxCandidates: MAX_API_SEARCH_CANDIDATES };
  const copy = <K extends keyof PlanSearchOptions & keyof PlanSearchInputShape>(key: K): void => {
    const value = input[key];
    // The input's enums and lists are the options' own types (Pothos infers them from the same enums).
    if (value !== null && value !== undefined) options[key] = value as PlanSearchOptions[K];
  };
  for (const key of [
    'globalBatchSizes', 'trainingTokens', 'objective', 'budgetUsd', 'deadlineSeconds', 'top', 'gpuBudget', 'gpuBudgetMode',
    'allowTensorParallelAcrossNodes', 'evenPipelineStages', 'memoryHeadroomFraction', 'tensorParallel',
    'pipelineParallel', 'dataParallel', 'expertParallel', 'expertTensorParallel', 'contextParallel', 'microBatchSizes', 'recomputeModes', 'recomputeLayerFractions', 'sequenceParallel',
    'pipelineInterleaves', 'offloads', 'flashAttention', 'precision', 'optimizer', 'timeLimitSeconds', 'maxPareto',
    'optimizerMomentPrecision', 'masterWeights', 'gradientReducePrecision', 'cheapRecompute', 'pipelineSchedule', 'pipelineSchedules',
  ] as const) {
    copy(key);
  }
  if (input.zeroStages != null) options.zeroStages = input.zeroStages as ZeroStage[];
  if (input.adapter != null) options.adapter = adapterFromInput(input.adapter);
  let userOptions: PlanOptions = {};
  if (input.options) {
    // Every knob, switches included (the same conversion and ranges as trainingPlan's options).
    checkPlanOptionsInput(input.options, `${path}.options`);
    userOptions = planOptionsFromInput(input.options);
    options.planOptions = userOptions;
  }
  // A recipe pins what the framework does unless the user pinned it (recipes.ts).
  const recipe = input.recipe ?? undefined;
  const { userLayout, chosen } = applyRecipeToSearch(recipe, options, userOptions, model.arch);
  return {
    model,
    cluster,
    job: { arch: model.arch, counts: model.counts, cluster: cluster.spec, options },
    planOptions: searchPlanOptions(options),
    recipe,
    userLayout,
    userOptions,
    chosen,
  };
}

/** Layout fields planSearch chooses among (for the plans' assumptions). */
const SEARCHED_FIELDS = ['flashAttention', 'zeroStage', 'recompute', 'sequenceParallel', 'pipelineLayerSplit'] as const;

// ---------------------------------------------------------------------------------------------------------------
// Output

/** A search outcome with its candidates rendered as TrainingPlans. */
interface PlanSearchResultView {
  outcome: PlanSearchOutcome;
  best: RankedPlanView[];
  pareto: RankedPlanView[];
}

interface RankedPlanView {
  candidate: SearchCandidate;
  plan: TrainingPlanView;
}

interface PlanSearchProgressView {
  done: boolean;
  progress: PlanSearchProgress;
  best: RankedPlanView[];
  pareto: RankedPlanView[];
  result: PlanSearchResultView | null;
}

function planViews(resolved: ResolvedSearch, candidates: SearchCandidate[]): RankedPlanView[] {
  return candidates.map((candidate) => {
    const total = resolved.cluster.spec.gpusPerNode * resolved.cluster.spec.nodes;
    // A layout on fewer GPUs (gpuBudget) is shown on the sub-cluster it was evaluated on.
    const cluster =
      candidate.gpus === total ? resolved.cluster : { ...resolved.cluster, spec: subCluster(resolved.cluster.spec, candidate.gpus), preset: false };
    return {
      candidate,
      plan: makeTrainingPlanView(
        {
          model: resolved.model,
          cluster,
          layout: candidate.layout,
          options: resolved.planOptions,
          assumptions: planAssumptions(resolved.recipe, resolved.userLayout, resolved.userOptions, candidate.layout, resolved.planOptions, SEARCHED_FIELDS, resolved.chosen),
        },
        candidate.estimate,
      ),
    };
  });
}

function resultView(resolved: ResolvedSearch, outcome: PlanSearchOutcome): PlanSearchResultView {
  return { outcome, best: planViews(resolved, outcome.best), pareto: planViews(resolved, outcome.pareto) };
}

const RankedPlanRef = builder.objectRef<RankedPlanView>('RankedPlan').implement({
  description: 'A layout the search found, with the metrics it was ranked by.',
  fields: (t) => ({
    plan: t.field({ type: TrainingPlanRef, description: 'The full plan (memory, performance, communication, run).', resolve: (r) => r.plan }),
    gpus: t.int({ description: 'GPUs the layout uses.', resolve: (r) => r.candidate.gpus }),
    timeSeconds: t.float({ description: 'Training time in seconds: the run with trainingTokens, else one step at the reference globalBatchSize.', resolve: (r) => r.candidate.timeSeconds }),
    costUsd: t.float({ description: 'Cost of that time in US dollars on `gpus` GPUs at the cluster\'s price.', resolve: (r) => r.candidate.costUsd }),
    headroomBytes: t.float({ description: 'Free device memory in bytes on the most-loaded GPU (capacity − total).', resolve: (r) => r.candidate.headroomBytes }),
    score: t.float({ description: 'The value minimised for the objective (MFU: −MFU).', resolve: (r) => r.candidate.score }),
    gapToBest: t.float({
      description:
        'How much worse than the best layout on the objective, as a fraction (time or cost ÷ the best’s − 1; MFU: the best’s MFU ÷ this one’s − 1); 0 for the best. Layouts with gapToBest ≤ PlanSearchResult.modelAccuracyFraction cannot be ranked by the model.',
      resolve: (r) => r.candidate.gapToBest,
    }),
  }),
});

const WinnerComparisonRef = builder.objectRef<WinnerComparison>('WinnerComparison').implement({
  description: 'The best layout minus the runner-up: layout differences and breakdown deltas (negative = the winner is lower).',
  fields: (t) => ({
    layoutDifferences: t.stringList({ description: '`field: winner vs runner-up` for every layout field that differs.', resolve: (c) => c.layoutDifferences }),
    stepSecondsDelta: t.exposeFloat('stepSecondsDelta', { description: 'Step time difference in seconds.' }),
    computeSecondsDelta: t.exposeFloat('computeSecondsDelta', { description: 'Compute time difference in seconds.' }),
    bubbleSecondsDelta: t.exposeFloat('bubbleSecondsDelta', { description: 'Pipeline bubble difference in seconds.' }),
    exposedCommunicationSecondsDelta: t.exposeFloat('exposedCommunicationSecondsDelta', { description: 'Exposed communication difference in seconds (transfers only).' }),
    expertHostSecondsDelta: t.exposeFloat('expertHostSecondsDelta', {
      description: 'Per-expert host work difference in seconds (performance.expertHostSeconds; 0 unless a layout launches its experts one GEMM at a time). The five deltas add up to stepSecondsDelta.',
    }),
    optimizerSecondsDelta: t.exposeFloat('optimizerSecondsDelta', { description: 'Optimizer step difference in seconds.' }),
    memoryBytesDelta: t.exposeFloat('memoryBytesDelta', { description: 'Device memory difference in bytes (most-loaded GPU).' }),
    timeSecondsDelta: t.exposeFloat('timeSecondsDelta', { description: 'Training time difference in seconds.' }),
    costUsdDelta: t.exposeFloat('costUsdDelta', { description: 'Cost difference in US dollars.' }),
  }),
});

const PlanSearchResultRef = builder.objectRef<PlanSearchResultView>('PlanSearchResult').implement({
  description: 'The best layouts, the Pareto frontier (time vs cost vs memory headroom), and how much of the space was covered.',
  fields: (t) => ({
    objective: t.field({ type: SearchObjectiveEnum, description: 'The objective ranked by.', resolve: (r) => r.outcome.objective }),
    candidates: t.float({ description: 'Size of the full space (every valid layout), pruned or not; only the part listed so far when the time limit stopped the listing of a huge space (truncated).', resolve: (r) => r.outcome.candidates }),
    evaluated: t.float({ description: 'Candidates run through the full planner (evaluatePlan).', resolve: (r) => r.outcome.evaluated }),
    memoryChecked: t.float({ description: 'Candidates whose memory alone was checked (memory-first pruning).', resolve: (r) => r.outcome.memoryChecked }),
    feasible: t.float({ description: 'Candidates of the full space that fit in memory (exact).', resolve: (r) => r.outcome.feasible }),
    covered: t.float({ description: 'Candidates accounted for (= candidates unless truncated).', resolve: (r) => r.outcome.covered }),
    best: t.field({ type: [TrainingPlanRef], description: 'The top layouts, best first.', resolve: (r) => r.best.map((b) => b.plan) }),
    pareto: t.field({ type: [TrainingPlanRef], description: 'The Pareto frontier, fastest first (cut to maxPareto).', resolve: (r) => r.pareto.map((b) => b.plan) }),
    ranked: t.field({ type: [RankedPlanRef], description: '`best` with the metrics it was ranked by.', resolve: (r) => r.best }),
    frontier: t.field({ type: [RankedPlanRef], description: '`pareto` with its time, cost and headroom.', resolve: (r) => r.pareto }),
    paretoSize: t.int({ description: 'Size of the whole frontier.', resolve: (r) => r.outcome.paretoSize }),
    winnerReason: t.string({ nullable: true, description: 'Why the best beats the runner-up, from their breakdowns.', resolve: (r) => r.outcome.winnerReason }),
    comparison: t.field({ type: WinnerComparisonRef, nullable: true, description: 'The same as numbers.', resolve: (r) => r.outcome.comparison }),
    modelAccuracyFraction: t.float({
      description:
        'The step-time model’s accuracy against published runs of the model’s class: the mean |predicted ÷ published − 1| over the validation suite’s dense runs, or over its mixture-of-experts runs for an MoE model (query `validation`: Megatron-LM 2021–22, BLOOM, OPT, MegaScale, FSDP, NeMo, Megatron-Bridge, Nemotron-4, Llama 3, DeepSeek-V3, AutoModel, Qwen3 runs, each with its published layout), rounded up to a percent. Layouts closer than this to each other are ties as far as the model can tell.',
      resolve: (r) => r.outcome.modelAccuracyFraction,
    }),
    nearOptimal: t.int({
      description: 'How many of `best` are within modelAccuracyFraction of the best (the best included): the layouts the model cannot rank against each other.',
      resolve: (r) => r.outcome.nearOptimal,
    }),
    elapsedSeconds: t.float({ description: 'Wall time of the search itself, in seconds.', resolve: (r) => r.outcome.elapsedSeconds }),
    truncated: t.boolean({ description: 'True when the time limit or a cancellation stopped it early.', resolve: (r) => r.outcome.truncated }),
    stopReason: t.field({ type: SearchStopReasonEnum, description: 'Why it ended.', resolve: (r) => r.outcome.stopReason }),
  }),
});

const PlanSearchProgressRef = builder.objectRef<PlanSearchProgressView>('PlanSearchProgress').implement({
  description: 'A progress event of planSearchProgress: counts so far and the best-so-far layouts and frontier; the last one has done = true and the result.',
  fields: (t) => ({
    done: t.boolean({ description: 'True on the final event (then `result` is set).', resolve: (p) => p.done }),
    candidates: t.float({ description: 'Size of the full space.', resolve: (p) => p.progress.candidates }),
    covered: t.float({ description: 'Candidates accounted for so far.', resolve: (p) => p.progress.covered }),
    evaluated: t.float({ description: 'Candidates evaluated so far.', resolve: (p) => p.progress.evaluated }),
    feasible: t.float({ description: 'Feasible candidates found so far.', resolve: (p) => p.progress.feasible }),
    elapsedSeconds: t.float({ description: 'Search time so far, in seconds.', resolve: (p) => p.progress.elapsedSeconds }),
    best: t.field({ type: [TrainingPlanRef], description: 'Best layouts so far.', resolve: (p) => p.best.map((b) => b.plan) }),
    pareto: t.field({ type: [TrainingPlanRef], description: 'Pareto frontier so far.', resolve: (p) => p.pareto.map((b) => b.plan) }),
    result: t.field({ type: PlanSearchResultRef, nullable: true, description: 'The final result (on the last event).', resolve: (p) => p.result }),
  }),
});

async function runSearch(
  ctx: SchemaContext,
  resolved: ResolvedSearch,
  hooks: { signal?: AbortSignal; onProgress?: (progress: PlanSearchProgress) => void },
): Promise<PlanSearchOutcome> {
  try {
    return await service(ctx).run(resolved.job, hooks);
  } catch (error) {
    throw withPathPrefix(error, 'input');
  }
}

builder.queryFields((t) => ({
  planSearch: t.field({
    type: PlanSearchResultRef,
    description:
      'Searches every parallel layout (TP, PP, DP, EP, ZeRO, micro-batch, recompute, sequence parallel, interleave, offload) of a model on a cluster, prunes soundly, and returns the best ones, the Pareto frontier and why the best wins. Large searches run in a worker thread within timeLimitSeconds.',
    args: { input: t.arg({ type: PlanSearchInputRef, required: true, description: 'Model, cluster, batch, objective and pins.' }) },
    complexity: 100,
    resolve: async (_root, { input }, ctx) => {
      const resolved = await withInputPathAsync('input', () => resolveSearchInput(ctx, input));
      return resultView(resolved, await runSearch(ctx, resolved, {}));
    },
  }),
}));

/**
 * A hand-written async iterator: return() (client gone) aborts the search at once, which an async generator could not
 * do while awaiting. Progress events are coalesced: a slow reader gets the latest state, never a growing queue.
 */
function progressStream(ctx: SchemaContext, resolved: ResolvedSearch): AsyncIterableIterator<PlanSearchProgressView> {
  const controller = new AbortController();
  let latest: PlanSearchProgressView | null = null;
  let final: PlanSearchProgressView | null = null;
  let failure: unknown = null;
  let finished = false;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    wake?.();
    wake = null;
  };
  runSearch(ctx, resolved, {
    signal: controller.signal,
    onProgress: (progress) => {
      latest = { done: false, progress, best: planViews(resolved, progress.best), pareto: planViews(resolved, progress.pareto), result: null };
      notify();
    },
  }).then(
    (outcome) => {
      const result = resultView(resolved, outcome);
      final = {
        done: true,
        progress: { candidates: outcome.candidates, covered: outcome.covered, evaluated: outcome.evaluated, feasible: outcome.feasible, elapsedSeconds: outcome.elapsedSeconds, best: outcome.best, pareto: outcome.pareto },
        best: result.best,
        pareto: result.pareto,
        result,
      };
      notify();
    },
    (error: unknown) => {
      failure = error;
      notify();
    },
  );
  const iterator: AsyncIterableIterator<PlanSearchProgressView> = {
    async next() {
      for (;;) {
        if (finished) return { done: true, value: undefined };
        if (latest !== null) {
          const value: PlanSearchProgressView = latest;
          latest = null;
          return { done: false, value };
        }
        if (final !== null) {
          finished = true;
          return { done: false, value: final };
        }
        if (failure !== null) {
          finished = true;
          throw failure;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
    async return() {
      finished = true;
      controller.abort();
      notify();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

builder.subscriptionField('planSearchProgress', (t) =>
  t.field({
    type: PlanSearchProgressRef,
    description:
      'Runs a plan search and streams its progress (about 4 events per second) with the best-so-far layouts and frontier; the last event has done = true and the result. Unsubscribing cancels the search.',
    args: { input: t.arg({ type: PlanSearchInputRef, required: true, description: 'As for planSearch.' }) },
    complexity: 100,
    subscribe: async (_root, { input }, ctx) =>
      progressStream(ctx, await withInputPathAsync('input', () => resolveSearchInput(ctx, input))),
    resolve: (event) => event,
  }),
);
