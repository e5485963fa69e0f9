/** TrainingPlanInput → model, cluster, resolved layout and options (reused by simulation and plan search). */
import { evaluatePlan, resolveLayout } from '../../core/plan.js';
import type { PipelineLayerSplit } from '../../core/pipeline.js';
import { applyRecipe, planAssumptions, requireRecipe, type Assumption } from '../../core/recipes.js';
import type {
  ParallelLayout,
  PlanEstimate,
  PlanOptions,
  ZeroStage,
} from '../../core/types.js';
import { clusterFromInput, requireCluster, type ClusterView } from '../cluster.js';
import type { SchemaContext } from '../context.js';
import { badUserInput, withInputPath } from '../error-helpers.js';
import { adapterFromInput, type PlanOptionsInputFields, type PlanOptionsInputShape, type TrainingPlanInputShape } from './inputs.js';
import { modelFromInput, requireModel, type ModelView } from '../model.js';
import {
  type BoundsTable,
  checkBounds,
  floatIn,
  idSchema,
  intIn,
  MAX_GPUS,
  MAX_TRAINING_TOKENS,
} from '../validation.js';

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
  idSchema.check(`${path}.model`, input.model);
  idSchema.check(`${path}.cluster`, input.cluster);
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
  if (input.expertTensorParallel != null) partial.expertTensorParallel = input.expertTensorParallel;
  if (input.contextParallel != null) partial.contextParallel = input.contextParallel;
  if (input.zeroStage != null) partial.zeroStage = input.zeroStage as ZeroStage;
  if (input.sequenceParallel != null) partial.sequenceParallel = input.sequenceParallel;
  if (input.pipelineInterleave != null) partial.pipelineInterleave = input.pipelineInterleave;
  if (input.pipelineLayerSplit != null) partial.pipelineLayerSplit = input.pipelineLayerSplit;
  if (input.pipelineStageLayers != null) partial.pipelineStageLayers = input.pipelineStageLayers;
  if (input.recompute != null) partial.recompute = input.recompute;
  if (input.recomputeLayers != null) partial.recomputeLayers = input.recomputeLayers;
  if (input.precision != null) partial.precision = input.precision;
  if (input.optimizer != null) partial.optimizer = input.optimizer;
  if (input.offload != null) partial.offload = input.offload;
  if (input.flashAttention != null) partial.flashAttention = input.flashAttention;
  if (input.adapter != null) partial.adapter = adapterFromInput(input.adapter);
  if (input.gradientPrecision != null) partial.gradientPrecision = input.gradientPrecision;
  if (input.gradientReducePrecision != null) partial.gradientReducePrecision = input.gradientReducePrecision;
  if (input.activationStorage != null) partial.activationStorage = input.activationStorage;
  if (input.optimizerMomentPrecision != null) partial.optimizerMomentPrecision = input.optimizerMomentPrecision;
  if (input.masterWeights != null) partial.masterWeights = input.masterWeights;
  if (input.cheapRecompute != null) partial.cheapRecompute = input.cheapRecompute;
  if (input.pipelineSchedule != null) partial.pipelineSchedule = input.pipelineSchedule;
  const recipe = input.recipe ?? undefined;
  // GraphQL fills the contract defaults (zeroStage 0, sequenceParallel false, recompute NONE, precision BF16, optimizer ADAM) in, so an
  // input equal to one of them cannot be told from an omitted one: it counts as not given (with a recipe: the recipe's).
  const given = { ...partial, ...(input.pipelineLayerSplit != null ? { pipelineLayerSplit: input.pipelineLayerSplit } : {}) };
  if (given.zeroStage === 0) delete given.zeroStage;
  if (given.sequenceParallel === false) delete given.sequenceParallel;
  if (given.recompute === 'NONE') delete given.recompute;
  if (given.precision === 'BF16') delete given.precision;
  if (given.optimizer === 'ADAM') delete given.optimizer;
  const withRecipe = recipe !== undefined && recipe !== 'CUSTOM';
  const applied = withInputPath(path, () => applyRecipe(requireRecipe(`${path}.recipe`, recipe ?? 'CUSTOM'), withRecipe ? given : partial, options, model.arch));
  const layout = withInputPath(path, () => resolveLayout(model.arch, cluster.spec, applied.layout, path));
  const assumptions = planAssumptions(recipe, given, options, layout, applied.options);
  return { model, cluster, layout, options: applied.options, assumptions };
}

/**
 * Ranges of the layout fields, checked on every trainingPlan request (the core checks consistency: divisibility, GPU
 * counts, …). A table checked in the resolver rather than `validate:` on the fields: validation.ts says why.
 */
const PLAN_BOUNDS: BoundsTable<TrainingPlanInputShape> = {
  globalBatchSize: intIn(1, 100_000_000),
  microBatchSize: intIn(1, 1_000_000),
  trainingTokens: floatIn(1, MAX_TRAINING_TOKENS),
  tensorParallel: intIn(1, MAX_GPUS),
  pipelineParallel: intIn(1, MAX_GPUS),
  dataParallel: intIn(1, MAX_GPUS),
  expertParallel: intIn(1, MAX_GPUS),
  expertTensorParallel: intIn(1, MAX_GPUS),
  contextParallel: intIn(1, MAX_GPUS),
  zeroStage: intIn(0, 3),
  pipelineInterleave: intIn(1, 1_000),
};

/** Ranges of the PlanOptionsInput knobs (plan search checks its options with them too). */
const PLAN_OPTIONS_BOUNDS: BoundsTable<PlanOptionsInputFields> = {
  frameworkOverheadBytes: floatIn(0, 1e12),
  memoryHeadroomFraction: floatIn(0, 0.9),
  computeEfficiencyScale: floatIn(0.01, 2),
  computeEfficiencyOverride: floatIn(0.01, 1),
  intraNodeCollectiveEfficiency: floatIn(0.01, 1),
  interNodeCollectiveEfficiency: floatIn(0.01, 1),
  overlapComputeSlowdown: floatIn(0, 1),
  pipelineFlushesPerStep: intIn(1, 100_000),
  // The core checks it against the GPU's SM count (hardware.ts streamingMultiprocessors).
  communicationStreamingMultiprocessors: intIn(1, 1_000),
  expertLoadImbalance: floatIn(1, 16),
  expertHostSecondsPerOperation: floatIn(0, 0.01),
};

function checkPlanBounds(input: TrainingPlanInputShape, path: string): void {
  checkBounds(path, input, PLAN_BOUNDS);
  const stageLayers = input.pipelineStageLayers;
  if (stageLayers != null && stageLayers.length > MAX_GPUS) {
    throw badUserInput(`${path}.pipelineStageLayers`, `a list of ${stageLayers.length} entries`, `at most ${MAX_GPUS} entries (one per virtual pipeline stage)`);
  }
  checkPlanOptionsInput(input.options, `${path}.options`);
}

/** Ranges of the PlanOptionsInput knobs (BAD_USER_INPUT naming `${p}.<field>`); plan search checks its options with it too. */
export function checkPlanOptionsInput(o: PlanOptionsInputFields | null | undefined, p: string): void {
  if (o) checkBounds(p, o, PLAN_OPTIONS_BOUNDS);
}

const NUMERIC_OPTIONS = [
  'frameworkOverheadBytes', 'memoryHeadroomFraction', 'computeEfficiencyScale', 'computeEfficiencyOverride',
  'intraNodeCollectiveEfficiency', 'interNodeCollectiveEfficiency', 'overlapComputeSlowdown', 'pipelineFlushesPerStep',
  'communicationStreamingMultiprocessors', 'expertLoadImbalance', 'expertHostSecondsPerOperation',
] as const satisfies readonly (keyof PlanOptionsInputShape & keyof PlanOptions)[];

const BOOLEAN_OPTIONS = [
  'overlapPipelineCommunication', 'overlapDataParallelCommunication', 'overlapTensorParallelCommunication',
  'overlapTensorParallelBackward', 'overlapExpertParallelCommunication', 'reshardAfterForward',
] as const satisfies readonly (Exclude<keyof PlanOptionsInputFields, keyof PlanOptionsInputShape> & keyof PlanOptions)[];

const ENUM_OPTIONS = ['contextParallelCommunication', 'expertDispatch', 'expertGemmLaunch', 'elementwiseKernels', 'attentionKernel', 'crossEntropyFusion', 'fp8Scaling', 'expertGradientReducePrecision'] as const satisfies readonly (keyof PlanOptionsInputFields & keyof PlanOptions)[];

// Every PlanOptionsInput field is copied: a field added to the input but not to one of the lists fails to compile here.
type Uncopied = Exclude<
  keyof PlanOptionsInputFields,
  (typeof NUMERIC_OPTIONS)[number] | (typeof BOOLEAN_OPTIONS)[number] | (typeof ENUM_OPTIONS)[number]
>;
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
  for (const key of ENUM_OPTIONS) copyEnumOption(o, options, key);
  return options;
}

/** One enum knob as given (GraphQL has already checked its value against the enum, which is the core's type). */
function copyEnumOption<K extends (typeof ENUM_OPTIONS)[number]>(o: PlanOptionsInputFields, options: PlanOptions, key: K): void {
  const value = o[key];
  if (value != null) options[key] = value as PlanOptions[K];
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
  const resolved = await resolvePlanInput(ctx, input, path);
  // The estimate checks what depends on the resolved layout (e.g. options.pipelineFlushesPerStep against the
  // micro-batches): its errors are named under the input too.
  return withInputPath(path, () => makeTrainingPlanView(resolved));
}
