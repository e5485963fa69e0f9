/**
 * `validation`: the published runs the step-time model is checked against (src/core/validation), each predicted with
 * its published layout and recipe, with the error per run, per family and leave-one-family-out. The report is
 * deterministic (no input), so it is computed once per process: in a worker thread when the server installed
 * validationModule() (src/server/validation-runner.ts; it takes ≈ 250 ms: bench validation.inlineFirstCallSeconds), else inline on first use.
 */
import { findModelPreset } from '../core/presets.js';
import type { ModelArchitecture } from '../core/types.js';
import type { PublishedKind, ValidationFamily, ValidationRun } from '../core/validation/runs.js';
import {
  runValidation,
  validationGpusPerNode,
  type ErrorSummary,
  type FamilySummary,
  type HeldBackPrediction,
  type RunPrediction,
  type StatedAccuracy,
  type ValidationReport,
} from '../core/validation/suite.js';
import { builder } from './builder.js';

const PublishedKindEnum = builder.enumType('PublishedFigureKind', {
  description: 'What a published figure measures.',
  values: {
    HARDWARE_TFLOPS_PER_GPU: { description: 'Hardware FLOP/s per GPU in 10¹² (recompute counted; Megatron-LM eq. 3).' },
    MODEL_TFLOPS_PER_GPU: { description: 'Model FLOP/s per GPU in 10¹² (no recompute).' },
    MFU: { description: 'Model FLOPs utilisation, a fraction of dense peak.' },
    STEP_SECONDS: { description: 'Seconds per optimizer step.' },
    TOKENS_PER_SECOND_PER_GPU: { description: 'Training tokens per second per GPU.' },
    GPU_HOURS_PER_TRILLION_TOKENS: { description: 'GPU-hours per 10¹² training tokens.' },
    RANK_MICRO_BATCH_SECONDS: {
      description: "Seconds of one micro-batch's forward and backward on one pipeline rank in steady state (a profiled chunk pair).",
    },
  } satisfies Record<PublishedKind, { description: string }>,
});

const ValidationFamilyEnum = builder.enumType('ValidationFamily', {
  description: 'Runs that share a GPU generation and framework era (leave-one-family-out calibrates without one).',
  values: {
    A100_MEGATRON_2021_22: { description: 'Megatron-LM on A100, 2021–22 (Narayanan et al. 2021, Korthikanti et al. 2022, README).' },
    A100_PRODUCTION_2022_24: { description: 'Production runs on A100: BLOOM, OPT, MegaScale, FSDP (torchtitan, fms-fsdp).' },
    H100_MODERN_RECIPES: { description: 'H100 with modern recipes: Megatron-Core r0.8.0\'s own table, NeMo\'s FP8 table, Megatron-Bridge, NeMo AutoModel, Nemotron-4 15B, Llama 3 405B.' },
    B200_MODERN_RECIPES: { description: 'Blackwell (B200, and GB200 and GB300 NVL72) with modern recipes: Megatron-Bridge\'s and NeMo 25.02\'s dense rows, predicted with the pooled share (no 16-bit Blackwell run fits one of its own).' },
    MOE: { description: 'Mixture-of-experts runs (DeepSeek-V3: pre-training and its published profile; NeMo AutoModel; Megatron-Core: Megatron-Bridge and the MoE model zoo).' },
    LONG_CONTEXT: { description: 'Long-context runs with context parallelism (Llama 3 405B at 128K on H100; NeMo\'s Llama 3 8B at 32K–1M tokens on B200).' },
  } satisfies Record<ValidationFamily, { description: string }>,
});

/** ModelInput fields, in the order the schema lists them; what a modelSpec can carry of an architecture. */
const MODEL_INPUT_FIELDS = [
  'name', 'layers', 'hiddenSize', 'attentionHeads', 'kvHeads', 'headDim', 'ffnHiddenSize', 'gatedMlp', 'vocabSize', 'sequenceLength',
  'tiedEmbeddings', 'positionEmbedding', 'normalization', 'linearBiases', 'dropout', 'experts', 'expertsPerToken', 'sharedExperts',
  'expertGroups', 'expertGroupsPerToken', 'denseLayers', 'denseFfnHiddenSize', 'slidingWindow', 'slidingWindowLayers',
  'latentAttention', 'multiTokenPredictionDepth', 'activationClamp', 'ropeAttentionFactor',
] as const satisfies readonly (keyof ModelArchitecture)[];

/**
 * The `trainingPlan` input that asks a suite run as the suite does (src/core/validation/suite.ts predictRun): its
 * preset by id — or, when the run changes the preset, the whole architecture as a modelSpec —, its GPUs as nodes of 8
 * (with the run's NIC bandwidth where its fabric differs), its layout, named recipe and options.
 */
export function trainingPlanInputOf(run: ValidationRun): Record<string, unknown> {
  let model: Record<string, unknown> = { model: run.model };
  if (run.modelChanges !== undefined) {
    const preset = findModelPreset(run.model);
    if (preset === undefined) throw new Error(`validation run ${run.id}: unknown model ${run.model}`);
    const arch: ModelArchitecture = { ...preset, ...run.modelChanges };
    // What a ModelInput cannot say must be at its default, or the replay would ask another model.
    if (arch.embeddingNorm === true || (arch.positionOffset ?? 0) !== 0) {
      throw new Error(`validation run ${run.id}: ${run.model} has an embedding norm or position offset a ModelInput cannot carry`);
    }
    const spec: Record<string, unknown> = {};
    for (const field of MODEL_INPUT_FIELDS) if (arch[field] !== undefined) spec[field] = arch[field];
    model = { modelSpec: spec };
  }
  const nic = run.gpuChanges?.interNodeBandwidthBytesPerSecond;
  const gpusPerNode = validationGpusPerNode(run);
  const { globalBatchSize, ...layout } = run.layout;
  return {
    ...model,
    clusterSpec: {
      gpu: run.gpu,
      gpusPerNode,
      nodes: run.gpus / gpusPerNode,
      ...(nic === undefined ? {} : { interNodeBandwidthBytesPerSecond: nic }),
    },
    globalBatchSize,
    ...layout,
    ...(run.trainingRecipe === undefined ? {} : { recipe: run.trainingRecipe }),
    ...(run.options === undefined || Object.keys(run.options).length === 0 ? {} : { options: run.options }),
  };
}

const ValidationRunRef = builder.objectRef<RunPrediction>('ValidationRun').implement({
  description: 'One published training run, predicted by the model with its published layout and recipe.',
  fields: (t) => ({
    id: t.string({ description: 'Stable id of the run.', resolve: (p) => p.run.id }),
    source: t.string({ description: 'Where the figure is published (paper and table/section, or page and date).', resolve: (p) => p.run.source }),
    family: t.field({ type: ValidationFamilyEnum, description: 'The family the run belongs to.', resolve: (p) => p.run.family }),
    gpu: t.string({ description: 'GPU (catalog id, or the variant the run used, e.g. h800).', resolve: (p) => p.run.gpuChanges?.id ?? p.run.gpu }),
    gpuGeneration: t.string({ description: 'The GPU generation whose GEMM constant applies (AMPERE, HOPPER, BLACKWELL, OTHER).', resolve: (p) => p.generation }),
    gpus: t.int({ description: 'GPUs in the run.', resolve: (p) => p.run.gpus }),
    model: t.string({ description: 'Model preset id (see `changes` in modelChanges).', resolve: (p) => p.run.model }),
    modelChanges: t.string({
      nullable: true,
      description: 'Differences from the preset as JSON (e.g. Korthikanti et al.\'s 22B), null when none.',
      resolve: (p) => (p.run.modelChanges ? JSON.stringify(p.run.modelChanges) : null),
    }),
    tensorParallel: t.int({ description: 'TP.', resolve: (p) => p.tensorParallel }),
    pipelineParallel: t.int({ description: 'PP.', resolve: (p) => p.pipelineParallel }),
    pipelineInterleave: t.int({ description: 'Virtual stages per pipeline rank.', resolve: (p) => p.pipelineInterleave }),
    dataParallel: t.int({ description: 'DP.', resolve: (p) => p.dataParallel }),
    contextParallel: t.int({ description: 'CP.', resolve: (p) => p.contextParallel }),
    expertParallel: t.int({ description: 'EP.', resolve: (p) => p.expertParallel }),
    expertTensorParallel: t.int({ description: 'The routed experts\' TP (= tensorParallel unless the run folds its experts, MoE parallel folding).', resolve: (p) => p.expertTensorParallel }),
    microBatchSize: t.int({ description: 'Sequences per micro-batch.', resolve: (p) => p.microBatchSize }),
    globalBatchSize: t.int({ description: 'Sequences per optimizer step.', resolve: (p) => p.globalBatchSize }),
    sequenceLength: t.int({ description: 'Tokens per sequence.', resolve: (p) => p.sequenceLength }),
    recipe: t.string({ description: 'Framework and recipe in words (what the run\'s knobs express).', resolve: (p) => p.run.recipe }),
    trainingRecipe: t.string({
      description: 'The named recipe (TrainingRecipe) whose cited defaults fill what the run leaves unset; CUSTOM = none.',
      resolve: (p) => p.run.trainingRecipe ?? 'CUSTOM',
    }),
    precision: t.string({ description: 'Training precision the run used.', resolve: (p) => p.precision }),
    recompute: t.string({ description: 'Activation recompute the run used.', resolve: (p) => p.recompute }),
    assumed: t.string({ nullable: true, description: 'What the source does not state and the run assumes.', resolve: (p) => p.run.assumed ?? null }),
    publishedKind: t.field({ type: PublishedKindEnum, description: 'What the published figure measures.', resolve: (p) => p.run.kind }),
    published: t.float({ description: 'The published figure.', resolve: (p) => p.run.published }),
    rankLayers: t.int({
      nullable: true,
      description: 'Layers on the profiled pipeline rank (RANK_MICRO_BATCH_SECONDS figures only).',
      resolve: (p) => p.run.rankLayers ?? null,
    }),
    predicted: t.float({ description: 'The model\'s figure of the same kind.', resolve: (p) => p.predicted }),
    error: t.float({ description: 'predicted / published − 1.', resolve: (p) => p.error }),
    predictedStepSeconds: t.float({ description: 'The model\'s step time for the run, in seconds.', resolve: (p) => p.stepSeconds }),
    predictedMemoryBytes: t.float({
      description: 'The memory model\'s most-loaded GPU for the run\'s layout, in bytes (GB = 10⁹).',
      resolve: (p) => p.memoryBytes,
    }),
    predictedFits: t.boolean({
      description: 'Whether the memory model fits the run on its GPUs — a published run did; false marks a known gap (docs/validation.md).',
      resolve: (p) => p.fits,
    }),
    trainingPlanInput: t.string({
      description:
        'The run as a `trainingPlan` input, JSON: pass it as `input` to see its step time term by term, its memory and its assumptions (the same predictedStepSeconds and predictedMemoryBytes), or change one knob and compare.',
      resolve: (p) => JSON.stringify(trainingPlanInputOf(p.run)),
    }),
  }),
});

const ErrorSummaryRef = builder.objectRef<ErrorSummary>('ValidationErrorSummary').implement({
  description: 'Errors of a set of runs (fractions: 0.05 = 5 %).',
  fields: (t) => ({
    runs: t.exposeInt('runs', { description: 'Runs in the set.' }),
    meanAbsError: t.exposeFloat('meanAbsError', { description: 'Mean |predicted / published − 1|.' }),
    maxAbsError: t.exposeFloat('maxAbsError', { description: 'Worst |predicted / published − 1|.' }),
    meanError: t.exposeFloat('meanError', { description: 'Mean signed error (bias).' }),
  }),
});

const StatedAccuracyRef = builder.objectRef<StatedAccuracy>('StatedAccuracy').implement({
  description:
    "What planSearch states as the model's accuracy (modelAccuracyFraction) for a model class on some GPU generations: the mean |error| of the suite's runs of that class there, rounded up to a percent.",
  fields: (t) => ({
    generations: t.stringList({ description: 'The GPU generations it holds for (AMPERE and HOPPER: fitted on their own runs; BLACKWELL: predicted).', resolve: (a) => a.generations }),
    mixtureOfExperts: t.boolean({ description: 'True for mixture-of-experts models, false for dense ones.', resolve: (a) => a.moe }),
    runs: t.exposeInt('runs', { description: 'The suite runs behind it.' }),
    meanAbsError: t.exposeFloat('meanAbsError', { description: 'Their mean |predicted / published − 1|.' }),
    statedFraction: t.exposeFloat('statedFraction', { description: 'What planSearch states (the mean rounded up to a percent).' }),
  }),
});

const FamilySummaryRef = builder.objectRef<FamilySummary>('ValidationFamilySummary').implement({
  description: 'One family\'s errors with the shipped constants and when the model is calibrated without it.',
  fields: (t) => ({
    family: t.field({ type: ValidationFamilyEnum, description: 'The family.', resolve: (f) => f.family }),
    name: t.exposeString('name', { description: 'Its name in words.' }),
    runs: t.exposeInt('runs', { description: 'Runs in the family.' }),
    meanAbsError: t.exposeFloat('meanAbsError', { description: 'Mean |error| with the shipped constants.' }),
    maxAbsError: t.exposeFloat('maxAbsError', { description: 'Worst |error| with the shipped constants.' }),
    meanError: t.exposeFloat('meanError', { description: 'Mean signed error with the shipped constants.' }),
    leaveOut: t.field({
      type: ErrorSummaryRef,
      description: 'The family predicted by the model calibrated on every other family (leave-one-family-out).',
      resolve: (f) => f.leaveOut,
    }),
  }),
});

type HeldBackReading = HeldBackPrediction['readings'][number];

const HeldBackReadingRef = builder.objectRef<HeldBackReading>('ValidationHeldBackReading').implement({
  description: 'A held-back run under one reading of what its source leaves open.',
  fields: (t) => ({
    name: t.string({ description: 'The reading, e.g. "micro-batch 1, no interleave".', resolve: (r) => r.name }),
    run: t.field({
      type: ValidationRunRef,
      description: 'The run as asked under this reading: layout, prediction, error, and its trainingPlanInput to replay it.',
      resolve: (r) => r.prediction,
    }),
  }),
});

const HeldBackRef = builder.objectRef<HeldBackPrediction>('ValidationHeldBackRun').implement({
  description:
    'A published run checked against the model but not a suite run: its figure depends on an input the source does not give, so it is shown under each reading of that input instead of counting a guessed error (docs/validation.md).',
  fields: (t) => ({
    id: t.string({ description: 'Stable id of the run.', resolve: (h) => h.run.id }),
    source: t.string({ description: 'Where the figure is published.', resolve: (h) => h.run.source }),
    reason: t.string({ description: 'What the source leaves open, and why it decides the prediction.', resolve: (h) => h.run.reason }),
    readings: t.field({ type: [HeldBackReadingRef], description: 'The run under each reading of what is unpublished.', resolve: (h) => h.readings }),
  }),
});

const ValidationReportRef = builder.objectRef<ValidationReport>('ValidationReport').implement({
  description:
    'The validation suite: every published run the step-time model is checked against (source, GPU, layout, recipe, published figure, prediction, error), with the error per family and leave-one-family-out. `npm run validate` prints the same.',
  fields: (t) => ({
    runs: t.field({ type: [ValidationRunRef], description: 'Every run, in suite order.', resolve: (r) => r.predictions }),
    summary: t.field({ type: ErrorSummaryRef, description: 'Errors over all runs with the shipped constants.', resolve: (r) => r.overall }),
    denseSummary: t.field({
      type: ErrorSummaryRef,
      description: 'Errors over the dense runs (every family but mixture of experts), with the shipped constants: what the GEMM constants are fitted on.',
      resolve: (r) => r.dense,
    }),
    statedAccuracies: t.field({
      type: [StatedAccuracyRef],
      description: "What planSearch states as the model's accuracy, per model class and GPU generation, with the runs behind each figure.",
      resolve: (r) => r.statedAccuracies,
    }),
    families: t.field({ type: [FamilySummaryRef], description: 'Errors per family, in and out of calibration.', resolve: (r) => r.families }),
    leaveOneFamilyOutMeanAbsError: t.exposeFloat('leaveOneFamilyOutMeanAbsError', {
      description: 'Mean |error| over all runs, each predicted by the model calibrated without its family.',
    }),
    leaveOneFamilyOutMaxAbsError: t.exposeFloat('leaveOneFamilyOutMaxAbsError', { description: 'Worst |error| the same way.' }),
    sources: t.exposeInt('sources', { description: 'Independent publications the runs come from.' }),
    heldBack: t.field({
      type: [HeldBackRef],
      description:
        'Published runs checked but held back from the figures above: an input their figure depends on is unpublished (e.g. a micro-batch size, an interleave), and its readings differ by more than the model\'s stated accuracy. Each is shown under every reading.',
      resolve: (r) => r.heldBack,
    }),
  }),
});

let cached: ValidationReport | undefined;

builder.queryFields((t) => ({
  validation: t.field({
    type: ValidationReportRef,
    description:
      'The published training runs the step-time model is checked against, predicted with their published layouts and recipes: error per run, mean and worst per family, and leave-one-family-out (calibrate without a family, predict it). The planner\'s modelAccuracyFraction is this suite\'s mean |error| over its dense runs, or over its MoE family for an MoE model.',
    resolve: (_root, _args, ctx) => {
      if (ctx.validationSuite) return ctx.validationSuite.report();
      cached ??= runValidation();
      return cached;
    },
  }),
}));
