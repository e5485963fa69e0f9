/** TrainingPlan and its output types (parallelism, memory, performance, communication, run), and its queries. */
import { expertTensorParallelOf, layoutGpus, memoryByPipelineStage, type StageMemory } from '../../core/memory.js';
import { trainableParameters } from '../../core/adapter.js';
import { gemmEfficiencyLawAssumption, kernelRateAssumptions, planAssumptions, type Assumption } from '../../core/recipes.js';
import { predictedLoss } from '../../core/scaling.js';
import { keepsMasterWeights } from '../../core/precision.js';
import type {
  CommunicationEstimate,
  Diagnostic,
  LowRankAdapter,
  ParallelLayout,
  PlanEstimate,
  RunEstimate,
  StepTimeTerm,
} from '../../core/types.js';
import type { StepTermName } from '../../core/performance/context.js';
import { builder } from '../builder.js';
import { ClusterRef } from '../cluster.js';
import {
  ActivationStorageEnum,
  AdapterMethodEnum,
  AdapterTargetsEnum,
  AssumptionOriginEnum,
  DiagnosticSeverityEnum,
  GradientPrecisionEnum,
  OffloadEnum,
  OptimizerEnum,
  OptimizerMomentPrecisionEnum,
  PipelineScheduleEnum,
  PrecisionEnum,
  RecomputeModeEnum,
  ScalingLawEnum,
} from '../enums.js';
import '../errors.js'; // registers InputError for trainingPlanOrError's union
import { TrainingPlanInputRef } from './inputs.js';
import { evaluatePlanInput, type TrainingPlanView } from './resolve.js';
import { InvalidInputError } from '../../core/errors.js';
import { ModelRef } from '../model.js';
import { finiteOrNull } from '../scaling.js';
import { intIn } from '../validation.js';

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
    expertTensorParallel: t.int({
      description: 'Tensor-parallel degree of the routed experts (1 with MoE parallel folding; else tensorParallel).',
      resolve: (l) => expertTensorParallelOf(l),
    }),
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
    recomputeLayers: t.int({
      nullable: true,
      description: 'Under FULL, the layers of each virtual pipeline stage recomputed (the first N; the others keep their activations); null = every layer, or no FULL recompute.',
      resolve: (l) => l.recomputeLayers ?? null,
    }),
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
    gradientReducePrecision: t.field({
      type: GradientPrecisionEnum,
      nullable: true,
      description: 'Precision the gradients are reduced in when set apart from their stored precision (FSDP2 reduce_dtype); null = as stored.',
      resolve: (l) => l.gradientReducePrecision ?? null,
    }),
    activationStorage: t.field({
      type: ActivationStorageEnum,
      nullable: true,
      description: 'FP8 when the GEMM inputs are cached in FP8; null = 16-bit.',
      resolve: (l) => l.activationStorage ?? null,
    }),
    optimizerMomentPrecision: t.field({
      type: OptimizerMomentPrecisionEnum,
      description: "Precision of the optimizer's moments (FP32 unless set).",
      resolve: (l) => l.optimizerMomentPrecision ?? 'FP32',
    }),
    masterWeights: t.boolean({
      description: 'Whether the optimizer keeps an fp32 master copy of the weights (mixed precision unless set false; never in FP32 training, whose weights are the master).',
      resolve: (l) => keepsMasterWeights(l),
    }),
    cheapRecompute: t.boolean({
      description: 'Whether the RMSNorm outputs, MLA up-projections and SwiGLU output are rebuilt in the backward.',
      resolve: (l) => l.cheapRecompute === true,
    }),
    pipelineSchedule: t.field({
      type: PipelineScheduleEnum,
      description: 'Pipeline schedule.',
      resolve: (l) => l.pipelineSchedule ?? 'ONE_F_ONE_B',
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

const StepTermNameEnum = builder.enumType('StepTermName', {
  description: 'One term of the step time (src/core/performance/: one module each).',
  values: {
    COMPUTE: { description: 'The slowest stage\'s GEMMs, attention and element-wise kernels, × micro-batches.' },
    PIPELINE_BUBBLE: { description: 'Pipeline fill and drain (Narayanan et al. 2021 §2.2).' },
    TENSOR_PARALLEL: { description: 'Tensor-parallel all-reduces or SP all-gathers/reduce-scatters.' },
    EXPERT_PARALLEL: { description: 'MoE dispatch and combine all-to-alls (transfers only).' },
    EXPERT_HOST: { description: "With PER_EXPERT expert launches (options.expertGemmLaunch), the host work after the dispatcher's sync, never hidden (performance.expertHostSeconds)." },
    CONTEXT_PARALLEL: { description: 'Context-parallel K/V all-gathers and reduce-scatters.' },
    PIPELINE_PARALLEL: { description: 'Pipeline point-to-point activation and gradient transfers.' },
    DATA_PARALLEL: { description: 'Data-parallel gradient reduction and ZeRO parameter gathers.' },
    OFFLOAD: { description: 'Parameter streaming to and from host memory or NVMe (ZeRO-Infinity).' },
    OPTIMIZER: { description: 'The optimizer update (on the GPU, or on the host under offload).' },
  } satisfies Record<StepTermName, { description: string }>,
});

const StepTermRef = builder.objectRef<StepTimeTerm>('StepTerm').implement({
  description:
    'One term of the step time: its seconds alone, what it adds to the critical path after overlap, the bytes one GPU sends for it, and how it was computed. The exposedSeconds of a plan\'s terms add up to stepSeconds.',
  fields: (t) => ({
    name: t.field({ type: StepTermNameEnum, description: 'Which term.', resolve: (term) => term.name as StepTermName }),
    seconds: t.exposeFloat('seconds', { description: 'Its seconds over the whole step, before any overlap with compute.' }),
    exposedSeconds: t.exposeFloat('exposedSeconds', { description: 'Seconds it adds to the step after overlap with compute.' }),
    bytes: t.exposeFloat('bytes', { description: 'Bytes one GPU sends for it over the step (0 for compute, bubble and a GPU-side optimizer).' }),
    explanation: t.exposeString('explanation', { description: 'How it was computed: the formula and the source of its rule.' }),
  }),
});

const PerformanceEstimateRef = builder.objectRef<PlanEstimate>('PerformanceEstimate').implement({
  description: 'Step time and throughput. stepSeconds = computeSeconds + bubbleSeconds + exposedCommunicationSeconds + expertHostSeconds + optimizerSeconds.',
  fields: (t) => ({
    stepSeconds: t.float({ description: 'Seconds per optimizer step.', resolve: (e) => e.performance.stepSeconds }),
    computeSeconds: t.float({ description: 'Seconds of matmul work per step.', resolve: (e) => e.performance.computeSeconds }),
    bubbleSeconds: t.float({ description: 'Seconds of pipeline bubble per step.', resolve: (e) => e.performance.bubbleSeconds }),
    exposedCommunicationSeconds: t.float({ description: 'Communication seconds not hidden behind compute: transfers only (the per-expert host work is expertHostSeconds).', resolve: (e) => e.performance.exposedCommunicationSeconds }),
    optimizerSeconds: t.float({ description: 'Seconds of the optimizer update per step.', resolve: (e) => e.performance.optimizerSeconds }),
    expertHostSeconds: t.float({
      description:
        'Host seconds per step of per-expert GEMM launches (options.expertGemmLaunch PER_EXPERT) left on the critical path: the EXPERT_HOST term, apart from exposedCommunicationSeconds (earlier builds counted it in both and in the EXPERT_PARALLEL term: CHANGELOG); 0 for dense models and grouped expert kernels. Above 20 % of the step the plan reports EXPERT_HOST_BOUND.',
      resolve: (e) => e.performance.expertHostSeconds,
    }),
    bubbleFraction: t.float({ description: 'bubbleSeconds / stepSeconds.', resolve: (e) => e.performance.bubbleFraction }),
    computeEfficiency: t.float({ description: 'Matmul efficiency used, as a fraction of peak.', resolve: (e) => e.performance.computeEfficiency }),
    tokensPerSecond: t.float({ description: 'Training tokens per second over the whole cluster.', resolve: (e) => e.performance.tokensPerSecond }),
    modelFlopsPerStep: t.float({ description: 'Model FLOPs per step (no recomputation).', resolve: (e) => e.performance.modelFlopsPerStep }),
    hardwareFlopsPerStep: t.float({ description: 'Hardware FLOPs per step (with recomputation, the cheap recompute and the multi-token-prediction modules).', resolve: (e) => e.performance.hardwareFlopsPerStep }),
    modelFlopsPerSecondPerGpu: t.float({ description: 'Model FLOP/s per GPU.', resolve: (e) => e.performance.modelFlopsPerSecondPerGpu }),
    hardwareFlopsPerSecondPerGpu: t.float({ description: 'Hardware FLOP/s per GPU.', resolve: (e) => e.performance.hardwareFlopsPerSecondPerGpu }),
    modelTflopsPerGpu: t.float({ description: 'Model TFLOP/s per GPU (10¹² FLOP/s).', resolve: (e) => e.performance.modelFlopsPerSecondPerGpu / 1e12 }),
    hardwareTflopsPerGpu: t.float({ description: 'Hardware TFLOP/s per GPU (10¹² FLOP/s), the figure Megatron-LM papers report.', resolve: (e) => e.performance.hardwareFlopsPerSecondPerGpu / 1e12 }),
    modelFlopsUtilization: t.float({ description: 'MFU: model FLOP/s per GPU / peak (a fraction).', resolve: (e) => e.performance.modelFlopsUtilization }),
    hardwareFlopsUtilization: t.float({ description: 'HFU: hardware FLOP/s per GPU / peak (a fraction).', resolve: (e) => e.performance.hardwareFlopsUtilization }),
    terms: t.field({
      type: [StepTermRef],
      description:
        'The terms the step time is the sum of (compute, pipeline bubble, TP, EP, CP, PP transfers, DP, offload, optimizer), each with its seconds, exposed seconds, bytes and explanation; their exposedSeconds add up to stepSeconds.',
      resolve: (e) => e.terms,
    }),
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
    expertParallelSeconds: t.exposeFloat('expertParallelSeconds', { description: 'Seconds of expert-parallel all-to-all per step, if not overlapped (transfers only; the host work of PER_EXPERT launches is performance.expertHostSeconds).' }),
    contextParallelBytes: t.exposeFloat('contextParallelBytes', { description: 'Context-parallel K/V all-gather and gradient reduce-scatter bytes per GPU per step (0 without CP).' }),
    contextParallelSeconds: t.exposeFloat('contextParallelSeconds', { description: 'Seconds of context-parallel communication per step (exposed).' }),
    exposedSeconds: t.exposeFloat('exposedSeconds', { description: 'Seconds of communication on the critical path after overlap.' }),
    exposedTensorParallelSeconds: t.exposeFloat('exposedTensorParallelSeconds', { description: 'Seconds of tensor-parallel communication left on the critical path per step (the exposed* fields add up to exposedSeconds).' }),
    exposedPipelineParallelSeconds: t.exposeFloat('exposedPipelineParallelSeconds', { description: 'Seconds of pipeline send/receive left on the critical path per step.' }),
    exposedDataParallelSeconds: t.exposeFloat('exposedDataParallelSeconds', { description: 'Seconds of data-parallel (gradient reduction, ZeRO gathers) communication left on the critical path per step.' }),
    exposedContextParallelSeconds: t.exposeFloat('exposedContextParallelSeconds', { description: 'Seconds of context-parallel communication left on the critical path per step.' }),
    exposedExpertParallelSeconds: t.exposeFloat('exposedExpertParallelSeconds', { description: 'Seconds of expert-parallel all-to-all left on the critical path per step (transfers only; the host work of PER_EXPERT launches is performance.expertHostSeconds).' }),
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
        'Every framework behaviour and planner knob this plan assumed (FlashAttention, precision of weights, gradients and activations, ZeRO, sequence parallel, pipeline split, overlap of each kind of communication, overheads, the GEMM efficiency law of its GPU — gemmEfficiencyLaw — and the kernel and link rates published benchmarks measure — elementwiseBandwidthFraction, attentionKernelRate, options.intraNodeCollectiveEfficiency), with its value, its source and whether the recipe, the user, the search or the default set it.',
      resolve: (p) => [
        ...(p.assumptions ?? planAssumptions(undefined, {}, {}, p.layout, p.options)),
        gemmEfficiencyLawAssumption(p.cluster.spec.gpu.id, p.layout.precision),
        ...kernelRateAssumptions(p.cluster.spec.gpu.id, p.model.arch, p.layout, p.options),
      ],
    }),
    trainableParameters: t.float({
      description: 'Parameters the optimizer updates: every parameter, or with an adapter its adapter weights only (r·(d_in + d_out) per adapted matrix).',
      resolve: (p) => trainableParameters(p.model.arch, p.model.counts, p.layout.adapter),
    }),
    memory: t.field({ type: MemoryEstimateRef, description: 'Device memory of the most-loaded GPU.', resolve: (p) => p }),
    performance: t.field({ type: PerformanceEstimateRef, description: 'Step time, throughput and utilisation.', resolve: (p) => p.estimate }),
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
