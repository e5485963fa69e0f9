/**
 * TrainingPlan: one model on one cluster with one parallel layout — memory, communication, performance, run and
 * scaling-law loss, from the core's planner. Also saved plans (ids `p_…`).
 *
 * Reuse (simulation, plan search): `TrainingPlanInputRef` is the input type to embed (e.g. `SimulationInput.plan`),
 * `resolvePlanInput(ctx, input, path)` turns it into model, cluster, layout and options (throwing BAD_USER_INPUT /
 * NOT_FOUND GraphQL errors), `evaluatePlanInput` adds the estimate, and `TrainingPlanRef` renders a
 * `TrainingPlanView` — build one for any layout with `makeTrainingPlanView`.
 */
import { layoutGpus, memoryByPipelineStage, type StageMemory } from '../core/memory.js';
import { trainableParameters } from '../core/adapter.js';
import { evaluatePlan, resolveLayout } from '../core/plan.js';
import type { PipelineLayerSplit } from '../core/pipeline.js';
import { applyRecipe, planAssumptions, requireRecipe, type Assumption, type TrainingRecipe } from '../core/recipes.js';
import { predictedLoss } from '../core/scaling.js';
import type {
  ActivationStorage,
  GradientPrecision,
  AdapterTargets,
  CommunicationEstimate,
  Diagnostic,
  LowRankAdapter,
  ModelArchitecture,
  OffloadTarget,
  OptimizerKind,
  ParallelLayout,
  PerformanceEstimate,
  PlanEstimate,
  PlanOptions,
  Precision,
  RecomputeMode,
  RunEstimate,
  ZeroStage,
} from '../core/types.js';
import { builder } from './builder.js';
import { ClusterInputRef, ClusterRef, clusterFromInput, requireCluster, type ClusterInputShape, type ClusterView } from './cluster.js';
import type { SavedRecord, SchemaContext } from './context.js';
import {
  ActivationStorageEnum,
  AdapterMethodEnum,
  AdapterTargetsEnum,
  AssumptionOriginEnum,
  DiagnosticSeverityEnum,
  GradientPrecisionEnum,
  OffloadEnum,
  OptimizerEnum,
  PipelineLayerSplitEnum,
  PrecisionEnum,
  RecomputeModeEnum,
  ScalingLawEnum,
  TrainingRecipeEnum,
} from './enums.js';
import { badUserInput, notFound, withInputPath } from './error-helpers.js';
import './errors.js'; // registers InputError for trainingPlanOrError's union
import { InvalidInputError } from '../core/errors.js';
import { computeModelCounts, validateArchitecture } from '../core/model.js';
import { ModelInputRef, ModelRef, modelFromInput, nameSchema, requireModel, type ModelInputShape, type ModelView } from './model.js';
import { publishSavedItemChange } from './saved-items.js';
import { finiteOrNull } from './scaling.js';
import { checkFloat, checkId, checkInt, idSchema, intIn, MAX_GPUS, MAX_TRAINING_TOKENS } from './validation.js';
import { requireGpu } from './gpu.js';
import { makeCluster } from '../core/hardware.js';

// ---------------------------------------------------------------------------------------------------------------
// Input

/** GraphQL shape of PlanOptionsInput's numeric knobs. */
export interface PlanOptionsInputShape {
  frameworkOverheadBytes?: number | null;
  memoryHeadroomFraction?: number | null;
  computeEfficiencyScale?: number | null;
  computeEfficiencyOverride?: number | null;
  intraNodeCollectiveEfficiency?: number | null;
  interNodeCollectiveEfficiency?: number | null;
  overlapComputeSlowdown?: number | null;
}

/** GraphQL shape of PlanOptionsInput: the numeric knobs and the switches (turn it into PlanOptions with planOptionsFromInput). */
export interface PlanOptionsInputFields extends PlanOptionsInputShape {
  overlapPipelineCommunication?: boolean | null;
  overlapDataParallelCommunication?: boolean | null;
  overlapTensorParallelCommunication?: boolean | null;
  overlapTensorParallelBackward?: boolean | null;
  overlapExpertParallelCommunication?: boolean | null;
}

/** GraphQL shape of TrainingPlanInput (defaults already applied by GraphQL). */
export interface TrainingPlanInputShape {
  model?: string | null;
  modelSpec?: ModelInputShape | null;
  cluster?: string | null;
  clusterSpec?: ClusterInputShape | null;
  globalBatchSize: number;
  microBatchSize?: number | null;
  trainingTokens?: number | null;
  tensorParallel?: number | null;
  pipelineParallel?: number | null;
  dataParallel?: number | null;
  expertParallel?: number | null;
  contextParallel?: number | null;
  zeroStage?: number | null;
  sequenceParallel?: boolean | null;
  pipelineInterleave?: number | null;
  pipelineLayerSplit?: PipelineLayerSplit | null;
  pipelineStageLayers?: number[] | null;
  recipe?: TrainingRecipe | null;
  gradientPrecision?: GradientPrecision | null;
  activationStorage?: ActivationStorage | null;
  recompute?: RecomputeMode | null;
  precision?: Precision | null;
  optimizer?: OptimizerKind | null;
  offload?: OffloadTarget | null;
  flashAttention?: boolean | null;
  adapter?: AdapterInputShape | null;
  options?: PlanOptionsInputFields | null;
}

/** GraphQL shape of AdapterInput. */
export interface AdapterInputShape {
  method: LowRankAdapter['method'];
  rank: number;
  targets?: AdapterTargets | null;
}

export const AdapterInputRef = builder.inputType('AdapterInput', {
  description:
    'Fine-tune with frozen base weights and trained low-rank adapters (LoRA, QLoRA): gradients and optimizer states for the adapters only, no weight gradients for the frozen matmuls. Dense models with MHA/GQA/MQA; no offload.',
  fields: (t) => ({
    method: t.field({ type: AdapterMethodEnum, required: true, description: 'LORA (frozen 16-bit weights) or QLORA (frozen 4-bit layers).' }),
    rank: t.int({ required: true, description: 'Adapter rank r (1 to hiddenSize).' }),
    targets: t.field({ type: AdapterTargetsEnum, defaultValue: 'ATTENTION', description: 'Which matrices get adapters. Default ATTENTION (W_q, W_k, W_v, W_o).' }),
  }),
});

/** AdapterInput → the core's LowRankAdapter (validated by resolveLayout / searchPlans). */
export function adapterFromInput(input: AdapterInputShape): LowRankAdapter {
  return { method: input.method, rank: input.rank, targets: input.targets ?? 'ATTENTION' };
}

export const PlanOptionsInputRef = builder.inputType('PlanOptionsInput', {
  description: 'Planner knobs; every one has a documented default (docs/api.md and src/core/plan.ts).',
  fields: (t) => ({
    frameworkOverheadBytes: t.float({ description: 'Fixed framework/CUDA-context/NCCL overhead per GPU, in bytes (0–10¹²).' }),
    memoryHeadroomFraction: t.float({ description: 'Fraction of GPU memory kept free when deciding `fits` (0–0.9).' }),
    computeEfficiencyScale: t.float({ description: 'Multiplies the calibrated matmul efficiency (0.01–2).' }),
    computeEfficiencyOverride: t.float({ description: 'Replaces the efficiency model by a fixed fraction of peak (0.01–1).' }),
    intraNodeCollectiveEfficiency: t.float({ description: 'Achieved fraction of NVLink bandwidth for collectives (0.01–1).' }),
    interNodeCollectiveEfficiency: t.float({ description: 'Achieved fraction of network bandwidth for collectives (0.01–1).' }),
    overlapPipelineCommunication: t.boolean({
      description:
        'Whether pipeline send/recv overlaps compute in steady state. Default true = modern Megatron-Core overlap (`overlap_p2p_comm`): only the fill/drain transfers are exposed. false = Megatron-LM 2021 synchronous p2p: every transfer of every micro-batch and virtual stage is on the critical path (Narayanan et al. 2021).',
    }),
    overlapDataParallelCommunication: t.boolean({
      description:
        'Whether data-parallel gradient reduction and ZeRO parameter gathers overlap compute. Default true = DDP gradient buckets, Megatron-Core `overlap_grad_reduce`/`overlap_param_gather`, DeepSpeed/FSDP prefetch: only what exceeds the compute beside it (plus the contention share) is exposed. false = Megatron-LM\'s distributed optimizer without those flags: every DP collective is on the critical path.',
    }),
    overlapTensorParallelCommunication: t.boolean({
      description:
        'Whether tensor-parallel collectives are pipelined with the GEMMs they feed (Transformer Engine userbuffers, Megatron-Core/NeMo `tp_comm_overlap`). Default false = exposed, as in Megatron-LM. Takes effect only with sequenceParallel (the only mode in which Megatron-Bridge enables it).',
    }),
    overlapTensorParallelBackward: t.boolean({
      description:
        'Whether the backward TP collectives of the column-parallel GEMMs (QKV, fc1: input-gradient all-reduce or reduce-scatter, and sequence parallel\'s re-gather) run under their weight- and input-gradient GEMMs (Megatron-LM since 2022 `async_tensor_model_parallel_allreduce`, Megatron-Core). Default false = every TP collective exposed (Megatron-LM 2021). Implied by overlapTensorParallelCommunication.',
    }),
    overlapExpertParallelCommunication: t.boolean({
      description:
        'Whether the MoE all-to-all (dispatch and combine) runs under another micro-batch\'s compute: DeepSeek-V3\'s DualPipe ("near-zero all-to-all communication overhead", §3.2.1), Megatron-Core `overlap_moe_expert_parallel_comm`. Default false = exposed. When true only its excess over the compute and the contention share (overlapComputeSlowdown) count.',
    }),
    overlapComputeSlowdown: t.float({
      description:
        'Fraction σ by which compute slows while a collective overlaps it (SM and HBM contention), 0–1: c seconds of communication behind w seconds of compute cost max(c − w, c·σ/(1 + σ)). Default 0.189, the average Lee et al. 2025 measured on A100/H100/MI250/MI210 (arXiv 2507.03114); 0 = ideal overlap.',
    }),
  }),
});

export const TrainingPlanInputRef = builder.inputType('TrainingPlanInput', {
  description:
    'A model (exactly one of `model` or `modelSpec`), a cluster (exactly one of `cluster` or `clusterSpec`), and a parallel layout. tensorParallel × pipelineParallel × dataParallel GPUs are used; dataParallel defaults to all remaining GPUs.',
  fields: (t) => ({
    model: t.id({ description: 'Preset (e.g. `gpt3-175b`) or saved (`m_…`) model id.' }),
    modelSpec: t.field({ type: ModelInputRef, description: 'An unsaved architecture instead of `model`.' }),
    cluster: t.id({ description: 'Preset (e.g. `a100-80gb-x1024`) or saved (`c_…`) cluster id.' }),
    clusterSpec: t.field({ type: ClusterInputRef, description: 'An unsaved cluster instead of `cluster`.' }),
    globalBatchSize: t.int({ required: true, description: 'Sequences per optimizer step (a multiple of microBatchSize × dataParallel).' }),
    microBatchSize: t.int({ defaultValue: 1, description: 'Sequences per micro-batch per GPU.' }),
    trainingTokens: t.float({ description: `Tokens to train on (≤ ${MAX_TRAINING_TOKENS}); with it the plan has a \`run\` and a \`predictedLoss\`.` }),
    tensorParallel: t.int({ defaultValue: 1, description: 'Tensor-parallel degree (divides attention heads).' }),
    pipelineParallel: t.int({ defaultValue: 1, description: 'Pipeline-parallel stages (at most the layer count).' }),
    dataParallel: t.int({ description: 'Data-parallel degree; default: GPUs / (tensorParallel × pipelineParallel).' }),
    expertParallel: t.int({ description: 'Expert-parallel degree for MoE models (default 1).' }),
    contextParallel: t.int({
      description:
        'Context-parallel degree (default 1): each sequence is split over this many ranks (Megatron-Core CP; sequenceLength divisible by 2 × CP). GPUs = TP × CP × PP × DP.',
    }),
    zeroStage: t.int({ defaultValue: 0, description: 'ZeRO stage 0–3 (what is sharded over data parallelism). With a `recipe`, the default 0 means "the recipe\'s".' }),
    sequenceParallel: t.boolean({ defaultValue: false, description: 'Megatron sequence parallelism (shards norm/dropout activations over tensorParallel). With a `recipe`, the default false means "the recipe\'s".' }),
    pipelineInterleave: t.int({ defaultValue: 1, description: 'Virtual pipeline stages per GPU (interleaved 1F1B); 1 = plain 1F1B.' }),
    pipelineLayerSplit: t.field({
      type: PipelineLayerSplitEnum,
      description: 'How the layers split over the pipelineParallel × pipelineInterleave virtual stages (default EVEN); ignored when pipelineStageLayers is given.',
    }),
    pipelineStageLayers: t.intList({
      description:
        'Explicit layers per virtual stage in model order (length pipelineParallel × pipelineInterleave, sum = the layers; the first and last entry may be 0 — an embedding- or head-only stage — every other ≥ 1). The most-loaded GPU sets memory and step time.',
    }),
    recipe: t.field({
      type: TrainingRecipeEnum,
      description: "A framework's defaults (see TrainingRecipe); explicit inputs override them. The answer's `assumptions` lists what was used and why.",
    }),
    gradientPrecision: t.field({ type: GradientPrecisionEnum, description: 'Gradient precision (default: the training precision, 2 B under mixed precision; a recipe may set FP32 main gradients).' }),
    activationStorage: t.field({ type: ActivationStorageEnum, description: 'FP8 caching of the GEMM inputs among the stored activations (FP8 training only; default 16-bit).' }),
    recompute: t.field({ type: RecomputeModeEnum, defaultValue: 'NONE', description: 'Activation recomputation. With a `recipe`, the default NONE means "the recipe\'s".' }),
    precision: t.field({ type: PrecisionEnum, defaultValue: 'BF16', description: 'Training precision. With a `recipe`, the default BF16 means "the recipe\'s".' }),
    optimizer: t.field({ type: OptimizerEnum, defaultValue: 'ADAM', description: 'Optimizer.' }),
    offload: t.field({ type: OffloadEnum, defaultValue: 'NONE', description: 'What to offload to host memory or NVMe.' }),
    flashAttention: t.boolean({ description: 'FlashAttention (no s² score activations stored). Default: the planner\'s.' }),
    adapter: t.field({ type: AdapterInputRef, description: 'Fine-tune with a low-rank adapter (LoRA/QLoRA) instead of training every weight.' }),
    options: t.field({ type: PlanOptionsInputRef, description: 'Planner knobs (overheads, headroom, efficiencies).' }),
  }),
});

// ---------------------------------------------------------------------------------------------------------------
// Resolution helpers (reused by simulation and plan search)

export interface ResolvedPlanInput {
  model: ModelView;
  cluster: ClusterView;
  layout: ParallelLayout;
  options: PlanOptions;
  /** What the plan assumed and why (recipes.ts planAssumptions); absent = computed from the layout with no user inputs. */
  assumptions?: Assumption[];
}

export interface TrainingPlanView extends ResolvedPlanInput {
  estimate: PlanEstimate;
}

function exactlyOne(path: string, a: string, b: string, hasA: boolean, hasB: boolean, allowed: string): void {
  if (hasA && hasB) {
    throw badUserInput(`${path}.${b}`, `given together with ${a}`, allowed, `${path}.${a} and ${path}.${b} are both given: expected ${allowed}`);
  }
  if (!hasA && !hasB) {
    throw badUserInput(`${path}.${a}`, null, allowed, `${path}.${a} is missing: expected ${allowed}`);
  }
}

/** Exactly one of model/modelSpec and one of cluster/clusterSpec: the one wording for every input that takes them. */
export function checkModelAndCluster(
  path: string,
  input: { model?: string | null; modelSpec?: unknown; cluster?: string | null; clusterSpec?: unknown },
): void {
  exactlyOne(path, 'model', 'modelSpec', input.model != null, input.modelSpec != null,
    'exactly one of model (a preset or saved model id) or modelSpec (an unsaved architecture)');
  exactlyOne(path, 'cluster', 'clusterSpec', input.cluster != null, input.clusterSpec != null,
    'exactly one of cluster (a preset or saved cluster id) or clusterSpec (an unsaved cluster)');
}

/** TrainingPlanInput → model, cluster, resolved layout and options. Errors are GraphQL errors naming `${path}.…`. */
export async function resolvePlanInput(ctx: SchemaContext, input: TrainingPlanInputShape, path = 'input'): Promise<ResolvedPlanInput> {
  checkModelAndCluster(path, input);
  checkId(`${path}.model`, input.model);
  checkId(`${path}.cluster`, input.cluster);
  const model = input.model != null ? await requireModel(ctx, input.model, `${path}.model`) : modelFromInput(input.modelSpec!, `${path}.modelSpec`);
  const cluster = input.cluster != null ? await requireCluster(ctx, input.cluster, `${path}.cluster`) : clusterFromInput(input.clusterSpec!, `${path}.clusterSpec`);
  return resolvePlanParts(model, cluster, input, path);
}

/** A chosen model and cluster + the layout fields of a TrainingPlanInput → resolved layout and options. */
export function resolvePlanParts(model: ModelView, cluster: ClusterView, input: TrainingPlanInputShape, path = 'input'): ResolvedPlanInput {
  checkPlanBounds(input, path);
  const options = optionsFromInput(input);
  const partial: Partial<ParallelLayout> & { globalBatchSize: number; pipelineLayerSplit?: PipelineLayerSplit } = {
    globalBatchSize: input.globalBatchSize,
  };
  if (input.microBatchSize != null) partial.microBatchSize = input.microBatchSize;
  if (input.tensorParallel != null) partial.tensorParallel = input.tensorParallel;
  if (input.pipelineParallel != null) partial.pipelineParallel = input.pipelineParallel;
  if (input.dataParallel != null) partial.dataParallel = input.dataParallel;
  if (input.expertParallel != null) partial.expertParallel = input.expertParallel;
  if (input.contextParallel != null) partial.contextParallel = input.contextParallel;
  if (input.zeroStage != null) partial.zeroStage = input.zeroStage as ZeroStage;
  if (input.sequenceParallel != null) partial.sequenceParallel = input.sequenceParallel;
  if (input.pipelineInterleave != null) partial.pipelineInterleave = input.pipelineInterleave;
  if (input.pipelineLayerSplit != null) partial.pipelineLayerSplit = input.pipelineLayerSplit;
  if (input.pipelineStageLayers != null) partial.pipelineStageLayers = input.pipelineStageLayers;
  if (input.recompute != null) partial.recompute = input.recompute;
  if (input.precision != null) partial.precision = input.precision;
  if (input.optimizer != null) partial.optimizer = input.optimizer;
  if (input.offload != null) partial.offload = input.offload;
  if (input.flashAttention != null) partial.flashAttention = input.flashAttention;
  if (input.adapter != null) partial.adapter = adapterFromInput(input.adapter);
  if (input.gradientPrecision != null) partial.gradientPrecision = input.gradientPrecision;
  if (input.activationStorage != null) partial.activationStorage = input.activationStorage;
  const recipe = input.recipe ?? undefined;
  // GraphQL fills the contract defaults (zeroStage 0, sequenceParallel false, recompute NONE, precision BF16) in, so an
  // input equal to one of them cannot be told from an omitted one: it counts as not given (with a recipe: the recipe's).
  const given = { ...partial, ...(input.pipelineLayerSplit != null ? { pipelineLayerSplit: input.pipelineLayerSplit } : {}) };
  if (given.zeroStage === 0) delete given.zeroStage;
  if (given.sequenceParallel === false) delete given.sequenceParallel;
  if (given.recompute === 'NONE') delete given.recompute;
  if (given.precision === 'BF16') delete given.precision;
  const withRecipe = recipe !== undefined && recipe !== 'CUSTOM';
  const applied = withInputPath(path, () => applyRecipe(requireRecipe(`${path}.recipe`, recipe ?? 'CUSTOM'), withRecipe ? given : partial, options));
  const layout = withInputPath(path, () => resolveLayout(model.arch, cluster.spec, applied.layout, path));
  const assumptions = planAssumptions(recipe, given, options, layout, applied.options);
  return { model, cluster, layout, options: applied.options, assumptions };
}

/** Ranges of the layout and option fields (the core checks consistency: divisibility, GPU counts, …). */
function checkPlanBounds(input: TrainingPlanInputShape, path: string): void {
  checkInt(`${path}.globalBatchSize`, input.globalBatchSize, 1, 100_000_000);
  checkInt(`${path}.microBatchSize`, input.microBatchSize, 1, 1_000_000);
  checkFloat(`${path}.trainingTokens`, input.trainingTokens, 1, MAX_TRAINING_TOKENS);
  checkInt(`${path}.tensorParallel`, input.tensorParallel, 1, MAX_GPUS);
  checkInt(`${path}.pipelineParallel`, input.pipelineParallel, 1, MAX_GPUS);
  checkInt(`${path}.dataParallel`, input.dataParallel, 1, MAX_GPUS);
  checkInt(`${path}.expertParallel`, input.expertParallel, 1, MAX_GPUS);
  checkInt(`${path}.contextParallel`, input.contextParallel, 1, MAX_GPUS);
  checkInt(`${path}.zeroStage`, input.zeroStage, 0, 3);
  checkInt(`${path}.pipelineInterleave`, input.pipelineInterleave, 1, 1_000);
  const stageLayers = input.pipelineStageLayers;
  if (stageLayers != null && stageLayers.length > MAX_GPUS) {
    throw badUserInput(`${path}.pipelineStageLayers`, `a list of ${stageLayers.length} entries`, `at most ${MAX_GPUS} entries (one per virtual pipeline stage)`);
  }
  checkPlanOptionsInput(input.options, `${path}.options`);
}

/** Ranges of the PlanOptionsInput knobs (BAD_USER_INPUT naming `${p}.<field>`); plan search checks its options with it too. */
export function checkPlanOptionsInput(o: PlanOptionsInputFields | null | undefined, p: string): void {
  if (o) {
    checkFloat(`${p}.frameworkOverheadBytes`, o.frameworkOverheadBytes, 0, 1e12);
    checkFloat(`${p}.memoryHeadroomFraction`, o.memoryHeadroomFraction, 0, 0.9);
    checkFloat(`${p}.computeEfficiencyScale`, o.computeEfficiencyScale, 0.01, 2);
    checkFloat(`${p}.computeEfficiencyOverride`, o.computeEfficiencyOverride, 0.01, 1);
    checkFloat(`${p}.intraNodeCollectiveEfficiency`, o.intraNodeCollectiveEfficiency, 0.01, 1);
    checkFloat(`${p}.interNodeCollectiveEfficiency`, o.interNodeCollectiveEfficiency, 0.01, 1);
    checkFloat(`${p}.overlapComputeSlowdown`, o.overlapComputeSlowdown, 0, 1);
  }
}

const NUMERIC_OPTIONS = [
  'frameworkOverheadBytes', 'memoryHeadroomFraction', 'computeEfficiencyScale', 'computeEfficiencyOverride',
  'intraNodeCollectiveEfficiency', 'interNodeCollectiveEfficiency', 'overlapComputeSlowdown',
] as const satisfies readonly (keyof PlanOptionsInputShape & keyof PlanOptions)[];

const BOOLEAN_OPTIONS = [
  'overlapPipelineCommunication', 'overlapDataParallelCommunication', 'overlapTensorParallelCommunication',
  'overlapTensorParallelBackward', 'overlapExpertParallelCommunication',
] as const satisfies readonly (Exclude<keyof PlanOptionsInputFields, keyof PlanOptionsInputShape> & keyof PlanOptions)[];

// Every PlanOptionsInput field is copied: a field added to the input but not to one of the lists fails to compile here.
type Uncopied = Exclude<keyof PlanOptionsInputFields, (typeof NUMERIC_OPTIONS)[number] | (typeof BOOLEAN_OPTIONS)[number]>;
const everyOptionCopied: [Uncopied] extends [never] ? true : Uncopied = true;
void everyOptionCopied;

/** A PlanOptionsInput → the core's PlanOptions (absent fields keep the planner's defaults). */
export function planOptionsFromInput(o: PlanOptionsInputFields | null | undefined): PlanOptions {
  const options: PlanOptions = {};
  if (!o) return options;
  for (const key of NUMERIC_OPTIONS) {
    const value = o[key];
    if (typeof value === 'number') options[key] = value;
  }
  for (const key of BOOLEAN_OPTIONS) {
    const value = o[key];
    if (typeof value === 'boolean') options[key] = value;
  }
  return options;
}

function optionsFromInput(input: TrainingPlanInputShape): PlanOptions {
  const options = planOptionsFromInput(input.options);
  if (input.trainingTokens != null) options.trainingTokens = input.trainingTokens;
  return options;
}

/** Any model, cluster and layout → a TrainingPlan view (evaluates when no estimate is given). */
export function makeTrainingPlanView(resolved: ResolvedPlanInput, estimate?: PlanEstimate): TrainingPlanView {
  // Fields listed rather than `{ ...resolved, estimate }`: on Node 20's V8 a spread followed by a new key takes a
  // slow path (≈ 1.3 µs against ≈ 20 ns), more than the planner itself.
  return {
    model: resolved.model,
    cluster: resolved.cluster,
    layout: resolved.layout,
    options: resolved.options,
    assumptions: resolved.assumptions,
    estimate:
      estimate ?? evaluatePlan(resolved.model.arch, resolved.model.counts, resolved.cluster.spec, resolved.layout, resolved.options),
  };
}

/** TrainingPlanInput → everything, estimate included: the one call behind `trainingPlan`. */
export async function evaluatePlanInput(ctx: SchemaContext, input: TrainingPlanInputShape, path = 'input'): Promise<TrainingPlanView> {
  return makeTrainingPlanView(await resolvePlanInput(ctx, input, path));
}

// ---------------------------------------------------------------------------------------------------------------
// Output types

const AdapterRef = builder.objectRef<LowRankAdapter>('Adapter').implement({
  description: 'A low-rank adapter (LoRA, Hu et al. 2021; QLoRA, Dettmers et al. 2023).',
  fields: (t) => ({
    method: t.field({ type: AdapterMethodEnum, description: 'LORA or QLORA.', resolve: (a) => a.method }),
    rank: t.exposeInt('rank', { description: 'Rank r.' }),
    targets: t.field({ type: AdapterTargetsEnum, description: 'Adapted matrices.', resolve: (a) => a.targets }),
  }),
});

const ParallelismRef = builder.objectRef<ParallelLayout>('Parallelism').implement({
  description: 'The resolved parallel layout and training recipe (defaults filled in).',
  fields: (t) => ({
    tensorParallel: t.exposeInt('tensorParallel', { description: 'Tensor-parallel degree t.' }),
    pipelineParallel: t.exposeInt('pipelineParallel', { description: 'Pipeline-parallel stages p.' }),
    dataParallel: t.exposeInt('dataParallel', { description: 'Data-parallel degree d.' }),
    expertParallel: t.exposeInt('expertParallel', { description: 'Expert-parallel degree (1 for dense models).' }),
    contextParallel: t.int({ description: 'Context-parallel degree c (1 = none).', resolve: (l) => l.contextParallel ?? 1 }),
    gpuCount: t.int({
      description: 'GPUs the layout uses, t × c × p × d.',
      resolve: (l) => layoutGpus(l),
    }),
    zeroStage: t.exposeInt('zeroStage', { description: 'ZeRO stage 0–3.' }),
    microBatchSize: t.exposeInt('microBatchSize', { description: 'Sequences per micro-batch per GPU.' }),
    globalBatchSize: t.exposeInt('globalBatchSize', { description: 'Sequences per optimizer step.' }),
    gradientAccumulationSteps: t.int({
      description: 'Micro-batches per pipeline per step, globalBatchSize / (microBatchSize × d).',
      resolve: (l) => Math.round(l.globalBatchSize / (l.microBatchSize * l.dataParallel)),
    }),
    sequenceParallel: t.exposeBoolean('sequenceParallel', { description: 'Megatron sequence parallelism.' }),
    pipelineInterleave: t.exposeInt('pipelineInterleave', { description: 'Virtual pipeline stages per GPU.' }),
    pipelineStageLayers: t.intList({
      nullable: true,
      description:
        'Layers per virtual pipeline stage in model order when the split is not EVEN (FIRST_LAST_ONE_FEWER, BALANCED or explicit); null = EVEN (floor(L/n) each, the first L mod n one more). StageMemory.layers gives each GPU rank\'s total.',
      resolve: (l) => l.pipelineStageLayers ?? null,
    }),
    recompute: t.field({ type: RecomputeModeEnum, description: 'Activation recomputation.', resolve: (l) => l.recompute }),
    precision: t.field({ type: PrecisionEnum, description: 'Training precision.', resolve: (l) => l.precision }),
    optimizer: t.field({ type: OptimizerEnum, description: 'Optimizer.', resolve: (l) => l.optimizer }),
    offload: t.field({ type: OffloadEnum, description: 'Offload target.', resolve: (l) => l.offload }),
    flashAttention: t.exposeBoolean('flashAttention', { description: 'FlashAttention (no s² score activations stored).' }),
    adapter: t.field({
      type: AdapterRef,
      nullable: true,
      description: 'The low-rank adapter being fine-tuned; null when every weight is trained.',
      resolve: (l) => l.adapter ?? null,
    }),
    gradientPrecision: t.field({
      type: GradientPrecisionEnum,
      nullable: true,
      description: 'Gradient precision when set (FP32 main gradients, BF16); null = the training precision\'s (2 B under mixed precision).',
      resolve: (l) => l.gradientPrecision ?? null,
    }),
    activationStorage: t.field({
      type: ActivationStorageEnum,
      nullable: true,
      description: 'FP8 when the GEMM inputs are cached in FP8; null = 16-bit.',
      resolve: (l) => l.activationStorage ?? null,
    }),
  }),
});

const AssumptionRef = builder.objectRef<Assumption>('Assumption').implement({
  description: 'One assumption a plan used: the input it stands for, its value, where it comes from and its source.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The input, e.g. `flashAttention` or `options.overlapPipelineCommunication`.' }),
    value: t.exposeString('value', { description: 'The value used, in words.' }),
    source: t.exposeString('source', { description: 'Citation of the recipe or default, or "set by the user".' }),
    origin: t.field({ type: AssumptionOriginEnum, description: 'RECIPE, USER, DEFAULT or SEARCH.', resolve: (a) => a.origin }),
  }),
});

const StageMemoryRef = builder.objectRef<StageMemory>('StageMemory').implement({
  description: 'Device memory of one GPU of one pipeline stage (all GPUs of a stage are alike), in bytes.',
  fields: (t) => ({
    stage: t.exposeInt('stage', { description: 'Pipeline stage, 0-based (0 holds the input embedding, the last the output head).' }),
    layers: t.exposeFloat('layers', { description: 'Transformer layers on this stage.' }),
    parametersPerGpu: t.exposeFloat('parametersPerGpu', { description: 'Parameters held per GPU before ZeRO sharding.' }),
    parametersBytes: t.exposeFloat('parametersBytes', { description: 'Parameter bytes per GPU.' }),
    gradientsBytes: t.exposeFloat('gradientsBytes', { description: 'Gradient bytes per GPU.' }),
    optimizerStatesBytes: t.exposeFloat('optimizerStatesBytes', { description: 'Optimizer-state bytes per GPU.' }),
    activationsBytes: t.exposeFloat('activationsBytes', { description: 'Stored activation bytes per GPU at the peak of the schedule.' }),
    temporaryBytes: t.exposeFloat('temporaryBytes', { description: 'Communication buffers, logits and other transient bytes.' }),
    overheadBytes: t.exposeFloat('overheadBytes', { description: 'Framework/allocator overhead bytes.' }),
    totalBytes: t.exposeFloat('totalBytes', { description: 'Sum of the above, in bytes per GPU.' }),
    hostBytes: t.exposeFloat('hostBytes', { description: 'Host (CPU) memory bytes per GPU under offload.' }),
    nvmeBytes: t.exposeFloat('nvmeBytes', { description: 'NVMe bytes per GPU under offload.' }),
  }),
});

const MemoryEstimateRef = builder.objectRef<TrainingPlanView>('MemoryEstimate').implement({
  description: 'Device memory of the most-loaded GPU, by kind, in bytes; `stages` breaks it down per pipeline stage.',
  fields: (t) => ({
    parametersBytes: t.float({ description: 'Parameter bytes per GPU.', resolve: (p) => p.estimate.memory.parametersBytes }),
    gradientsBytes: t.float({ description: 'Gradient bytes per GPU.', resolve: (p) => p.estimate.memory.gradientsBytes }),
    optimizerStatesBytes: t.float({ description: 'Optimizer-state bytes per GPU (fp32 master weights included).', resolve: (p) => p.estimate.memory.optimizerStatesBytes }),
    activationsBytes: t.float({ description: 'Stored activation bytes per GPU.', resolve: (p) => p.estimate.memory.activationsBytes }),
    temporaryBytes: t.float({ description: 'Communication buffers, logits and other transient bytes per GPU.', resolve: (p) => p.estimate.memory.temporaryBytes }),
    overheadBytes: t.float({ description: 'Framework/CUDA/NCCL overhead bytes per GPU.', resolve: (p) => p.estimate.memory.overheadBytes }),
    otherBytes: t.float({ description: 'temporaryBytes + overheadBytes.', resolve: (p) => p.estimate.memory.temporaryBytes + p.estimate.memory.overheadBytes }),
    totalBytes: t.float({ description: 'All device bytes of the most-loaded GPU.', resolve: (p) => p.estimate.memory.totalBytes }),
    capacityBytes: t.float({ description: 'Device memory of one GPU in bytes.', resolve: (p) => p.estimate.memory.capacityBytes }),
    headroomBytes: t.float({ description: 'capacityBytes − totalBytes (negative when it does not fit).', resolve: (p) => p.estimate.memory.capacityBytes - p.estimate.memory.totalBytes }),
    utilization: t.float({ description: 'totalBytes / capacityBytes (a fraction; > 1 does not fit).', resolve: (p) => p.estimate.memory.totalBytes / p.estimate.memory.capacityBytes }),
    hostBytes: t.float({ description: 'Host (CPU) memory bytes per GPU under offload.', resolve: (p) => p.estimate.memory.hostBytes }),
    nvmeBytes: t.float({ description: 'NVMe bytes per GPU under offload.', resolve: (p) => p.estimate.memory.nvmeBytes }),
    mostLoadedStage: t.int({ description: 'Pipeline stage (0-based) of the most-loaded GPU.', resolve: (p) => p.estimate.memory.mostLoadedStage }),
    stages: t.field({
      type: [StageMemoryRef],
      description: 'Memory per pipeline stage, first to last (one entry per stage, at most `limit`).',
      args: { limit: t.arg.int({ defaultValue: 1024, description: 'Most stages to return (1–100,000).', validate: intIn(1, 100_000) }) },
      complexity: { field: 5, multiplier: 10 },
      resolve: (p, { limit }) => {
        const all = memoryByPipelineStage(p.model.arch, p.model.counts, p.cluster.spec, p.layout, p.options);
        return all.length > (limit ?? 1024) ? all.slice(0, limit ?? 1024) : all;
      },
    }),
  }),
});

const PerformanceEstimateRef = builder.objectRef<PerformanceEstimate>('PerformanceEstimate').implement({
  description: 'Step time and throughput. stepSeconds = computeSeconds + bubbleSeconds + exposedCommunicationSeconds + optimizerSeconds.',
  fields: (t) => ({
    stepSeconds: t.exposeFloat('stepSeconds', { description: 'Seconds per optimizer step.' }),
    computeSeconds: t.exposeFloat('computeSeconds', { description: 'Seconds of matmul work per step.' }),
    bubbleSeconds: t.exposeFloat('bubbleSeconds', { description: 'Seconds of pipeline bubble per step.' }),
    exposedCommunicationSeconds: t.exposeFloat('exposedCommunicationSeconds', { description: 'Communication seconds not hidden behind compute.' }),
    optimizerSeconds: t.exposeFloat('optimizerSeconds', { description: 'Seconds of the optimizer update per step.' }),
    bubbleFraction: t.exposeFloat('bubbleFraction', { description: 'bubbleSeconds / stepSeconds.' }),
    computeEfficiency: t.exposeFloat('computeEfficiency', { description: 'Matmul efficiency used, as a fraction of peak.' }),
    tokensPerSecond: t.exposeFloat('tokensPerSecond', { description: 'Training tokens per second over the whole cluster.' }),
    modelFlopsPerStep: t.exposeFloat('modelFlopsPerStep', { description: 'Model FLOPs per step (no recomputation).' }),
    hardwareFlopsPerStep: t.exposeFloat('hardwareFlopsPerStep', { description: 'Hardware FLOPs per step (with recomputation).' }),
    modelFlopsPerSecondPerGpu: t.exposeFloat('modelFlopsPerSecondPerGpu', { description: 'Model FLOP/s per GPU.' }),
    hardwareFlopsPerSecondPerGpu: t.exposeFloat('hardwareFlopsPerSecondPerGpu', { description: 'Hardware FLOP/s per GPU.' }),
    modelTflopsPerGpu: t.float({ description: 'Model TFLOP/s per GPU (10¹² FLOP/s).', resolve: (p) => p.modelFlopsPerSecondPerGpu / 1e12 }),
    hardwareTflopsPerGpu: t.float({ description: 'Hardware TFLOP/s per GPU (10¹² FLOP/s), the figure Megatron-LM papers report.', resolve: (p) => p.hardwareFlopsPerSecondPerGpu / 1e12 }),
    modelFlopsUtilization: t.exposeFloat('modelFlopsUtilization', { description: 'MFU: model FLOP/s per GPU / peak (a fraction).' }),
    hardwareFlopsUtilization: t.exposeFloat('hardwareFlopsUtilization', { description: 'HFU: hardware FLOP/s per GPU / peak (a fraction).' }),
  }),
});

const CommunicationEstimateRef = builder.objectRef<CommunicationEstimate>('CommunicationEstimate').implement({
  description: 'Bytes each GPU sends per step by collective, the seconds each would take alone, and what is left exposed.',
  fields: (t) => ({
    dataParallelBytes: t.exposeFloat('dataParallelBytes', { description: 'Data-parallel gradient/parameter collective bytes per GPU per step.' }),
    tensorParallelBytes: t.exposeFloat('tensorParallelBytes', { description: 'Tensor-parallel all-reduce/all-gather bytes per GPU per step.' }),
    pipelineParallelBytes: t.exposeFloat('pipelineParallelBytes', { description: 'Pipeline send/receive bytes per GPU per step.' }),
    expertParallelBytes: t.exposeFloat('expertParallelBytes', { description: 'Expert-parallel all-to-all bytes per GPU per step.' }),
    dataParallelSeconds: t.exposeFloat('dataParallelSeconds', { description: 'Seconds of data-parallel communication per step, if not overlapped.' }),
    tensorParallelSeconds: t.exposeFloat('tensorParallelSeconds', { description: 'Seconds of tensor-parallel communication per step, if not overlapped.' }),
    pipelineParallelSeconds: t.exposeFloat('pipelineParallelSeconds', { description: 'Seconds of pipeline communication per step, if not overlapped.' }),
    expertParallelSeconds: t.exposeFloat('expertParallelSeconds', { description: 'Seconds of expert-parallel communication per step, if not overlapped.' }),
    contextParallelBytes: t.exposeFloat('contextParallelBytes', { description: 'Context-parallel K/V all-gather and gradient reduce-scatter bytes per GPU per step (0 without CP).' }),
    contextParallelSeconds: t.exposeFloat('contextParallelSeconds', { description: 'Seconds of context-parallel communication per step (exposed).' }),
    exposedSeconds: t.exposeFloat('exposedSeconds', { description: 'Seconds of communication on the critical path after overlap.' }),
    exposedTensorParallelSeconds: t.exposeFloat('exposedTensorParallelSeconds', { description: 'Seconds of tensor-parallel communication left on the critical path per step (the exposed* fields add up to exposedSeconds).' }),
    exposedPipelineParallelSeconds: t.exposeFloat('exposedPipelineParallelSeconds', { description: 'Seconds of pipeline send/receive left on the critical path per step.' }),
    exposedDataParallelSeconds: t.exposeFloat('exposedDataParallelSeconds', { description: 'Seconds of data-parallel (gradient reduction, ZeRO gathers) communication left on the critical path per step.' }),
    exposedContextParallelSeconds: t.exposeFloat('exposedContextParallelSeconds', { description: 'Seconds of context-parallel communication left on the critical path per step.' }),
    exposedExpertParallelSeconds: t.exposeFloat('exposedExpertParallelSeconds', { description: 'Seconds of expert-parallel all-to-all left on the critical path per step.' }),
    exposedOffloadSeconds: t.exposeFloat('exposedOffloadSeconds', { description: 'Seconds of offloaded-parameter traffic (PCIe, NVMe) left on the critical path per step.' }),
  }),
});

const RunEstimateRef = builder.objectRef<RunEstimate>('RunEstimate').implement({
  description: 'The whole training run at the estimated step time (no failures; see simulations for those).',
  fields: (t) => ({
    trainingTokens: t.exposeFloat('trainingTokens', { description: 'Tokens trained on.' }),
    steps: t.exposeFloat('steps', { description: 'Optimizer steps.' }),
    seconds: t.exposeFloat('seconds', { description: 'Wall-clock seconds.' }),
    days: t.exposeFloat('days', { description: 'Wall-clock days.' }),
    gpuHours: t.exposeFloat('gpuHours', { description: 'GPU-hours (GPUs used × hours).' }),
    costUsd: t.exposeFloat('costUsd', { description: 'Cost in US dollars at the cluster\'s price per GPU-hour.' }),
    energyKwh: t.exposeFloat('energyKwh', { description: 'Energy in kWh (GPU TDP × PUE × time).' }),
    modelFlops: t.exposeFloat('modelFlops', { description: 'Total training compute in model FLOPs.' }),
  }),
});

export const DiagnosticRef = builder.objectRef<Diagnostic>('Diagnostic').implement({
  description: 'Something the planner noticed about a plan (out of memory, TP across nodes, idle GPUs, …).',
  fields: (t) => ({
    severity: t.field({ type: DiagnosticSeverityEnum, description: 'How serious.', resolve: (d) => d.severity }),
    code: t.exposeString('code', { description: 'Stable machine code, e.g. `OUT_OF_MEMORY`, `TP_ACROSS_NODES`.' }),
    message: t.exposeString('message', { description: 'Human-readable explanation with the numbers involved.' }),
  }),
});

const SEVERITY_RANK: Record<Diagnostic['severity'], number> = { ERROR: 0, WARNING: 1, INFO: 2 };
function bySeverity(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.length < 2 ? diagnostics : [...diagnostics].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}

export const TrainingPlanRef = builder.objectRef<TrainingPlanView>('TrainingPlan').implement({
  description: 'A model on a cluster with a parallel layout: whether it fits, its memory, communication, speed and (with trainingTokens) the run\'s time, cost and predicted loss.',
  fields: (t) => ({
    model: t.field({ type: ModelRef, description: 'The model.', resolve: (p) => p.model }),
    cluster: t.field({ type: ClusterRef, description: 'The cluster.', resolve: (p) => p.cluster }),
    fits: t.boolean({ description: 'True when the most-loaded GPU\'s memory fits its capacity minus the headroom.', resolve: (p) => p.estimate.fits }),
    diagnostics: t.field({ type: [DiagnosticRef], description: 'What the planner noticed, most serious first.', resolve: (p) => bySeverity(p.estimate.diagnostics) }),
    parallelism: t.field({ type: ParallelismRef, description: 'The resolved layout.', resolve: (p) => p.layout }),
    assumptions: t.field({
      type: [AssumptionRef],
      description:
        'Every framework behaviour and planner knob this plan assumed (FlashAttention, precision of weights, gradients and activations, ZeRO, sequence parallel, pipeline split, overlap of each kind of communication, overheads), with its value, its source and whether the recipe, the user, the search or the default set it.',
      resolve: (p) => p.assumptions ?? planAssumptions(undefined, {}, {}, p.layout, p.options),
    }),
    trainableParameters: t.float({
      description: 'Parameters the optimizer updates: every parameter, or with an adapter its adapter weights only (r·(d_in + d_out) per adapted matrix).',
      resolve: (p) => trainableParameters(p.model.arch, p.model.counts, p.layout.adapter),
    }),
    memory: t.field({ type: MemoryEstimateRef, description: 'Device memory of the most-loaded GPU.', resolve: (p) => p }),
    performance: t.field({ type: PerformanceEstimateRef, description: 'Step time, throughput and utilisation.', resolve: (p) => p.estimate.performance }),
    communication: t.field({ type: CommunicationEstimateRef, description: 'Communication volume and time per step.', resolve: (p) => p.estimate.communication }),
    run: t.field({ type: RunEstimateRef, nullable: true, description: 'The whole run; null without trainingTokens.', resolve: (p) => p.estimate.run }),
    predictedLoss: t.float({
      nullable: true,
      description: 'Final loss in nats per token that `law` predicts for this model after trainingTokens (KAPLAN uses non-embedding parameters, the others all parameters); null without trainingTokens, and for adapter fine-tuning (pre-training laws do not describe it).',
      args: { law: t.arg({ type: ScalingLawEnum, defaultValue: 'CHINCHILLA', description: 'Which scaling law.' }) },
      resolve: (p, { law: given }) => {
        const law = given ?? 'CHINCHILLA';
        const tokens = p.options.trainingTokens;
        if (tokens === undefined || p.layout.adapter !== undefined) return null;
        const parameters = law === 'KAPLAN' ? p.model.counts.nonEmbeddingParameters : p.model.counts.totalParameters;
        return finiteOrNull(predictedLoss(law, parameters, tokens));
      },
    }),
  }),
});

// ---------------------------------------------------------------------------------------------------------------
// Queries

builder.queryFields((t) => ({
  trainingPlan: t.field({
    type: TrainingPlanRef,
    description: 'Estimates one training plan. Invalid layouts (TP not dividing heads, GPUs not multiplying out, …) give BAD_USER_INPUT naming the field.',
    args: { input: t.arg({ type: TrainingPlanInputRef, required: true, description: 'Model, cluster and layout.' }) },
    complexity: 20,
    resolve: (_root, { input }, ctx) => evaluatePlanInput(ctx, input, 'input'),
  }),
  trainingPlanOrError: t.field({
    type: TrainingPlanRef,
    description: 'Like trainingPlan, but an invalid input is returned as an `InputError` member of the result union instead of a GraphQL error (for form-style clients).',
    args: { input: t.arg({ type: TrainingPlanInputRef, required: true, description: 'Model, cluster and layout.' }) },
    complexity: 20,
    errors: { types: [InvalidInputError], directResult: true, union: { name: 'TrainingPlanResult', description: 'A training plan, or the input error that prevented it.' } },
    // Every input error on the way is an InvalidInputError (the core's or an ArgumentError): the errors plugin returns it.
    resolve: (_root, { input }, ctx) => evaluatePlanInput(ctx, input, 'input'),
  }),
}));

// ---------------------------------------------------------------------------------------------------------------
// Saved plans

/** The saved document: a snapshot of model and cluster, so the plan survives edits/deletion of what it used. */
interface SavedPlanData {
  model: ModelArchitecture;
  cluster: { id: string; name: string; gpu: string; gpusPerNode: number; nodes: number; gpuHourUsd: number; pue: number };
  /** The TrainingPlanInput without model/cluster ids or specs. */
  layout: Omit<TrainingPlanInputShape, 'model' | 'modelSpec' | 'cluster' | 'clusterSpec'>;
}

interface SavedPlanView {
  record: SavedRecord<SavedPlanData>;
}

export const SAVED_PLAN_PREFIX = 'p_';

function planFromSaved(record: SavedRecord<SavedPlanData>): TrainingPlanView {
  const d = record.data;
  // The snapshot is a complete architecture: validate and count it as saved (no defaults re-applied).
  const model: ModelView = withInputPath('plan.model', () => {
    validateArchitecture(d.model, 'plan.model');
    return { arch: d.model, counts: computeModelCounts(d.model), preset: false, createdAt: null, updatedAt: null };
  });
  const spec = withInputPath('plan.cluster', () => makeCluster({ ...d.cluster, gpu: requireGpu(d.cluster.gpu, 'plan.cluster.gpu') }));
  const cluster: ClusterView = { spec, preset: false, createdAt: null, updatedAt: null };
  return makeTrainingPlanView(resolvePlanParts(model, cluster, d.layout as TrainingPlanInputShape, 'plan'));
}

const SavedPlanRef = builder.objectRef<SavedPlanView>('SavedPlan').implement({
  description: 'A saved training plan: a snapshot of its model, cluster and layout (later edits to the saved model or cluster do not change it).',
  fields: (t) => ({
    id: t.id({ description: 'Saved plan id (`p_…`).', resolve: (p) => p.record.id }),
    name: t.string({ description: 'Display name.', resolve: (p) => p.record.name }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was saved.', resolve: (p) => p.record.createdAt }),
    updatedAt: t.field({ type: 'DateTime', description: 'When it was last changed.', resolve: (p) => p.record.updatedAt }),
    plan: t.field({
      type: TrainingPlanRef,
      nullable: true,
      description: 'The plan, re-estimated with the current planner; null (with an error) if the snapshot no longer validates.',
      complexity: 20,
      resolve: (p) => planFromSaved(p.record),
    }),
  }),
});

const SavePlanInputRef = builder.inputType('SavePlanInput', {
  description: 'A plan to save: its name and its TrainingPlanInput.',
  fields: (t) => ({
    name: t.string({ description: 'Display name (default: "<model> on <cluster>").', validate: nameSchema }),
    plan: t.field({ type: TrainingPlanInputRef, required: true, description: 'The plan (it must be valid to be saved).' }),
  }),
});

function snapshot(view: TrainingPlanView, input: TrainingPlanInputShape): SavedPlanData {
  const { model: _m, modelSpec: _ms, cluster: _c, clusterSpec: _cs, ...layout } = input;
  const spec = view.cluster.spec;
  return {
    model: view.model.arch,
    cluster: { id: spec.id, name: spec.name, gpu: spec.gpu.id, gpusPerNode: spec.gpusPerNode, nodes: spec.nodes, gpuHourUsd: spec.gpuHourUsd, pue: spec.pue },
    layout,
  };
}

async function requireSavedPlan(ctx: SchemaContext, id: string, field: string): Promise<SavedRecord<SavedPlanData>> {
  const record = id.startsWith(SAVED_PLAN_PREFIX) ? await ctx.store.get<SavedPlanData>('PLAN', id) : undefined;
  if (!record) throw notFound(field, id, 'the id of a saved plan (p_…)');
  return record;
}

builder.queryFields((t) => ({
  plans: t.field({
    type: [SavedPlanRef],
    description: 'Saved plans, oldest first.',
    resolve: async (_root, _args, ctx) => (await ctx.store.list<SavedPlanData>('PLAN')).map((record) => ({ record })),
  }),
  plan: t.field({
    type: SavedPlanRef,
    nullable: true,
    description: 'A saved plan by id; null when unknown.',
    args: { id: t.arg.id({ required: true, description: 'Saved plan id (`p_…`).', validate: idSchema }) },
    resolve: async (_root, { id }, ctx) => {
      const record = id.startsWith(SAVED_PLAN_PREFIX) ? await ctx.store.get<SavedPlanData>('PLAN', id) : undefined;
      return record ? { record } : null;
    },
  }),
}));

builder.mutationFields((t) => ({
  savePlan: t.field({
    type: SavedPlanRef,
    description: 'Validates, estimates and saves a plan (id `p_…`), snapshotting its model and cluster.',
    args: { input: t.arg({ type: SavePlanInputRef, required: true, description: 'Name and plan.' }) },
    complexity: 20,
    resolve: async (_root, { input }, ctx) => {
      const view = await evaluatePlanInput(ctx, input.plan, 'input.plan');
      const name = input.name ?? `${view.model.arch.name} on ${view.cluster.spec.name}`;
      const record = await ctx.store.insert<SavedPlanData>('PLAN', name, snapshot(view, input.plan), null);
      publishSavedItemChange(ctx, { kind: 'PLAN', id: record.id, name, change: 'CREATED' });
      return { record };
    },
  }),
  updatePlan: t.field({
    type: SavedPlanRef,
    description: 'Replaces a saved plan (validated like savePlan).',
    args: {
      id: t.arg.id({ required: true, description: 'Saved plan id (`p_…`).', validate: idSchema }),
      input: t.arg({ type: SavePlanInputRef, required: true, description: 'Name and plan.' }),
    },
    complexity: 20,
    resolve: async (_root, { id, input }, ctx) => {
      const existing = await requireSavedPlan(ctx, id, 'id');
      const view = await evaluatePlanInput(ctx, input.plan, 'input.plan');
      const record = await ctx.store.update<SavedPlanData>('PLAN', id, input.name ?? existing.name, snapshot(view, input.plan));
      if (!record) throw notFound('id', id, 'the id of a saved plan (p_…)');
      publishSavedItemChange(ctx, { kind: 'PLAN', id, name: record.name, change: 'UPDATED' });
      return { record };
    },
  }),
  deletePlan: t.id({
    description: 'Deletes a saved plan and returns its id; unknown ids give NOT_FOUND.',
    args: { id: t.arg.id({ required: true, description: 'Saved plan id (`p_…`).', validate: idSchema }) },
    resolve: async (_root, { id }, ctx) => {
      const record = await requireSavedPlan(ctx, id, 'id');
      await ctx.store.delete('PLAN', id);
      publishSavedItemChange(ctx, { kind: 'PLAN', id, name: record.name, change: 'DELETED' });
      return id;
    },
  }),
}));
