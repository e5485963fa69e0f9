/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A cluster of `nodes × gpusPerNode` identical catalog GPUs (at most 1,000,000 GPUs). */
export type ClusterInput = {
  /** Catalog GPU id, e.g. `a100-80gb` (see `gpus`). */
  gpu: string;
  /** Price per GPU-hour in US dollars (0–10,000). Default: the GPU's catalog price. */
  gpuHourUsd?: number | null | undefined;
  /** GPUs per node (1–1024); tensor parallelism beyond a node crosses the slower network. */
  gpusPerNode: number;
  /** Display name (at most 200 characters). */
  name?: string | null | undefined;
  /** Nodes (≥ 1). */
  nodes: number;
  /** Power usage effectiveness of the data centre (1–3), for energy. Default 1.2. */
  pue?: number | null | undefined;
};

/** How serious a diagnostic is. */
export type DiagnosticSeverity =
  /** The plan cannot run as described (e.g. out of memory). */
  | 'ERROR'
  /** Worth knowing; the plan is fine. */
  | 'INFO'
  /** The plan runs but is probably not what you want (slow, wasteful, risky). */
  | 'WARNING';

/** Override any assumption of the extrapolation (all positive numbers; omitted ones keep the article's values). */
export type ExtrapolationInput = {
  /** A100 speed-up over V100 (default 6). */
  a100SpeedupOverV100?: number | null | undefined;
  /** Bytes of text per token (default 1.425). */
  bytesPerToken?: number | null | undefined;
  /** Current generation's training cost in US dollars (default 4600000). */
  currentCostUsd?: number | null | undefined;
  /** Current generation's parameters (default 175000000000). */
  currentParameters?: number | null | undefined;
  /** Previous generation's parameters (default 1500000000). */
  previousParameters?: number | null | undefined;
};

/** A transformer architecture. Omitted fields take the usual defaults: kvHeads = attentionHeads, ffnHiddenSize = 4·hiddenSize (8/3·hiddenSize when gatedMlp), tiedEmbeddings = !gatedMlp, dense (experts = 1). */
export type ModelInput = {
  /** Query heads. */
  attentionHeads: number;
  /** Routed experts per MoE layer (1 = dense). */
  experts?: number | null | undefined;
  /** Routed experts each token visits (top-k), ≤ experts. */
  expertsPerToken?: number | null | undefined;
  /** MLP inner width (per expert for MoE). */
  ffnHiddenSize?: number | null | undefined;
  /** SwiGLU-style gated MLP (three matrices) instead of two. */
  gatedMlp?: boolean | null | undefined;
  /** Model width h; a multiple of attentionHeads. */
  hiddenSize: number;
  /** Key/value heads (GQA/MQA); a divisor of attentionHeads. Default: attentionHeads. */
  kvHeads?: number | null | undefined;
  /** Transformer layers (blocks). */
  layers: number;
  /** Linear layers carry biases. Default: !gatedMlp. */
  linearBiases?: boolean | null | undefined;
  /** Display name (at most 200 characters). */
  name?: string | null | undefined;
  /** Norm type. Default: RMSNORM when gatedMlp, else LAYERNORM. */
  normalization?: Normalization | null | undefined;
  /** Position encoding. Default: ROTARY when gatedMlp, else LEARNED. */
  positionEmbedding?: PositionEmbedding | null | undefined;
  /** Training context length in tokens. */
  sequenceLength: number;
  /** Always-on shared experts per MoE layer (DeepSeek-style). Default 0. */
  sharedExperts?: number | null | undefined;
  /** Input embedding and output head share weights. */
  tiedEmbeddings?: boolean | null | undefined;
  /** Vocabulary size (tokens). */
  vocabSize: number;
};

/** Normalisation layer type (decides 1 or 2 parameter vectors per norm). */
export type Normalization =
  /** LayerNorm with gain and bias. */
  | 'LAYERNORM'
  /** RMSNorm with gain only. */
  | 'RMSNORM';

/** What lives off the GPU (ZeRO-Offload / ZeRO-Infinity). */
export type Offload =
  /** Everything on the GPU. */
  | 'NONE'
  /** fp32 optimizer states and their update in host (CPU) memory (ZeRO-Offload). */
  | 'OPTIMIZER_CPU'
  /** fp32 optimizer states on NVMe (ZeRO-Infinity). */
  | 'OPTIMIZER_NVME'
  /** Optimizer states and 16-bit parameters in host memory; requires zeroStage 3. */
  | 'PARAMETERS_CPU'
  /** Optimizer states and 16-bit parameters on NVMe; requires zeroStage 3. */
  | 'PARAMETERS_NVME';

/** Optimizer; sets the optimizer-state bytes per parameter (K in the ZeRO paper, §3.1). */
export type Optimizer =
  /** Adafactor without first moment: factored second moments (negligible) plus fp32 master weights, K ≈ 4 bytes per parameter under mixed precision. */
  | 'ADAFACTOR'
  /** Adam: fp32 master weights, momentum and variance, K = 12 bytes per parameter under mixed precision (8 in FP32). */
  | 'ADAM'
  /** AdamW (decoupled weight decay): same state as Adam, K = 12 bytes per parameter under mixed precision. */
  | 'ADAMW'
  /** 8-bit Adam (Dettmers et al. 2022): two 1-byte states plus fp32 master weights, K ≈ 6 bytes per parameter under mixed precision. */
  | 'ADAM_8BIT'
  /** SGD with momentum: fp32 master weights and momentum, K = 8 bytes per parameter under mixed precision. */
  | 'SGD_MOMENTUM';

/** Planner knobs; every one has a documented default (docs/api.md and src/core/plan.ts). */
export type PlanOptionsInput = {
  /** Replaces the efficiency model by a fixed fraction of peak (0.01–1). */
  computeEfficiencyOverride?: number | null | undefined;
  /** Multiplies the calibrated matmul efficiency (0.01–2). */
  computeEfficiencyScale?: number | null | undefined;
  /** Fixed framework/CUDA-context/NCCL overhead per GPU, in bytes (0–10¹²). */
  frameworkOverheadBytes?: number | null | undefined;
  /** Achieved fraction of network bandwidth for collectives (0.01–1). */
  interNodeCollectiveEfficiency?: number | null | undefined;
  /** Achieved fraction of NVLink bandwidth for collectives (0.01–1). */
  intraNodeCollectiveEfficiency?: number | null | undefined;
  /** Fraction of GPU memory kept free when deciding `fits` (0–0.9). */
  memoryHeadroomFraction?: number | null | undefined;
};

/** How token positions enter the model. */
export type PositionEmbedding =
  /** ALiBi attention biases, no parameters (BLOOM). */
  | 'ALIBI'
  /** A learned table of sequenceLength × hiddenSize parameters (GPT-2/3, OPT). */
  | 'LEARNED'
  /** No position information. */
  | 'NONE'
  /** Transformer-XL relative encodings with an h×h projection per layer (Gopher, Chinchilla). */
  | 'RELATIVE'
  /** Rotary embeddings, no parameters (LLaMA, GPT-NeoX). */
  | 'ROTARY';

/** Numeric format of the forward/backward matmuls (mixed precision keeps fp32 master weights). */
export type Precision =
  /** bf16 mixed precision (the default of current LLM training). */
  | 'BF16'
  /** fp8 matmuls (Hopper and later); an input error on GPUs without FP8 tensor cores. */
  | 'FP8'
  /** fp16 mixed precision (loss scaling). */
  | 'FP16'
  /** fp32 training on TF32 tensor cores where the GPU has them. */
  | 'FP32';

/** Activation recomputation (Korthikanti et al. 2022): trades extra forward FLOPs for activation memory. */
export type RecomputeMode =
  /** Keep only layer inputs and recompute each layer forward (one extra forward pass). */
  | 'FULL'
  /** Keep every activation for the backward pass. */
  | 'NONE'
  /** Recompute only the attention-score part (small FLOP cost, large memory saving). */
  | 'SELECTIVE';

/** A plan to save: its name and its TrainingPlanInput. */
export type SavePlanInput = {
  /** Display name (default: "<model> on <cluster>"). */
  name?: string | null | undefined;
  /** The plan (it must be valid to be saved). */
  plan: TrainingPlanInput;
};

/** What happened to a saved item. */
export type SavedItemChange =
  /** The item was created. */
  | 'CREATED'
  /** The item was deleted. */
  | 'DELETED'
  /** The item was changed. */
  | 'UPDATED';

/** Kinds of user-saved items. */
export type SavedItemKind =
  /** A saved cluster (ids start with `c_`). */
  | 'CLUSTER'
  /** A saved model architecture (ids start with `m_`). */
  | 'MODEL'
  /** A saved training plan (ids start with `p_`). */
  | 'PLAN';

/** A published compute-optimal scaling law. CHINCHILLA allocates compute as the paper's Table 3 (approaches 1–2); CHINCHILLA_PARAMETRIC and EPOCH use the approach-3 fit and its 2024 replication (Besiroglu et al.) for both loss and allocation. */
export type ScalingLaw =
  /** Hoffmann et al. 2022, approaches 1–2: N_opt ∝ C^0.5, about 20 tokens per parameter. */
  | 'CHINCHILLA'
  /** Hoffmann et al. 2022, approach 3: L(N, D) = E + A/N^α + B/D^β. */
  | 'CHINCHILLA_PARAMETRIC'
  /** Besiroglu et al. 2024, the replication of Chinchilla approach 3. */
  | 'EPOCH'
  /** Kaplan et al. 2020: N_opt ∝ C^0.73; loss from the L(N, D) fit (non-embedding parameters). */
  | 'KAPLAN';

/** A model (exactly one of `model` or `modelSpec`), a cluster (exactly one of `cluster` or `clusterSpec`), and a parallel layout. tensorParallel × pipelineParallel × dataParallel GPUs are used; dataParallel defaults to all remaining GPUs. */
export type TrainingPlanInput = {
  /** Preset (e.g. `a100-80gb-x1024`) or saved (`c_…`) cluster id. */
  cluster?: string | null | undefined;
  /** An unsaved cluster instead of `cluster`. */
  clusterSpec?: ClusterInput | null | undefined;
  /** Data-parallel degree; default: GPUs / (tensorParallel × pipelineParallel). */
  dataParallel?: number | null | undefined;
  /** Expert-parallel degree for MoE models (default 1). */
  expertParallel?: number | null | undefined;
  /** FlashAttention (no s² score activations stored). Default: the planner's. */
  flashAttention?: boolean | null | undefined;
  /** Sequences per optimizer step (a multiple of microBatchSize × dataParallel). */
  globalBatchSize: number;
  /** Sequences per micro-batch per GPU. */
  microBatchSize?: number | null | undefined;
  /** Preset (e.g. `gpt3-175b`) or saved (`m_…`) model id. */
  model?: string | null | undefined;
  /** An unsaved architecture instead of `model`. */
  modelSpec?: ModelInput | null | undefined;
  /** What to offload to host memory or NVMe. */
  offload?: Offload | null | undefined;
  /** Optimizer. */
  optimizer?: Optimizer | null | undefined;
  /** Planner knobs (overheads, headroom, efficiencies). */
  options?: PlanOptionsInput | null | undefined;
  /** Virtual pipeline stages per GPU (interleaved 1F1B); 1 = plain 1F1B. */
  pipelineInterleave?: number | null | undefined;
  /** Pipeline-parallel stages (at most the layer count). */
  pipelineParallel?: number | null | undefined;
  /** Training precision. */
  precision?: Precision | null | undefined;
  /** Activation recomputation. */
  recompute?: RecomputeMode | null | undefined;
  /** Megatron sequence parallelism (shards norm/dropout activations over tensorParallel). */
  sequenceParallel?: boolean | null | undefined;
  /** Tensor-parallel degree (divides attention heads). */
  tensorParallel?: number | null | undefined;
  /** Tokens to train on (≤ 10000000000000000); with it the plan has a `run` and a `predictedLoss`. */
  trainingTokens?: number | null | undefined;
  /** ZeRO stage 0–3 (what is sharded over data parallelism). */
  zeroStage?: number | null | undefined;
};

export type GpusQueryVariables = Exact<{ [key: string]: never; }>;


export type GpusQuery = { gpus: Array<{ id: string, name: string, vendor: string, memoryBytes: number, memoryBandwidthBytesPerSecond: number, bf16PeakFlopsPerSecond: number, fp8PeakFlopsPerSecond: number | null, tf32PeakFlopsPerSecond: number, fp16PeakFlopsPerSecond: number, fp32PeakFlopsPerSecond: number, intraNodeBandwidthBytesPerSecond: number, interNodeBandwidthBytesPerSecond: number, tdpWatts: number, gpuHourUsd: number, gpusPerNode: number }> };

export type GpuQueryVariables = Exact<{
  id: string;
  precision: Precision;
}>;


export type GpuQuery = { gpu: { id: string, name: string, peakFlopsPerSecond: number } | null };

export type ModelFieldsFragment = { id: string, name: string, preset: boolean, source: string | null, publishedParameters: number | null, createdAt: string | null, updatedAt: string | null, parameters: number, nonEmbeddingParameters: number, embeddingParameters: number, activeParameters: number, activeNonEmbeddingParameters: number, parametersPerLayer: number, flopsPerToken: number, flopsPerTokenCausal: number, hardwareFlopsPerToken: number, sixNFlopsPerToken: number, layers: number, hiddenSize: number, attentionHeads: number, kvHeads: number, ffnHiddenSize: number, gatedMlp: boolean, vocabSize: number, sequenceLength: number, tiedEmbeddings: boolean, positionEmbedding: PositionEmbedding, normalization: Normalization, linearBiases: boolean, experts: number, expertsPerToken: number, sharedExperts: number };

export type ModelsQueryVariables = Exact<{ [key: string]: never; }>;


export type ModelsQuery = { models: Array<{ id: string, name: string, preset: boolean, source: string | null, publishedParameters: number | null, createdAt: string | null, updatedAt: string | null, parameters: number, nonEmbeddingParameters: number, embeddingParameters: number, activeParameters: number, activeNonEmbeddingParameters: number, parametersPerLayer: number, flopsPerToken: number, flopsPerTokenCausal: number, hardwareFlopsPerToken: number, sixNFlopsPerToken: number, layers: number, hiddenSize: number, attentionHeads: number, kvHeads: number, ffnHiddenSize: number, gatedMlp: boolean, vocabSize: number, sequenceLength: number, tiedEmbeddings: boolean, positionEmbedding: PositionEmbedding, normalization: Normalization, linearBiases: boolean, experts: number, expertsPerToken: number, sharedExperts: number }> };

export type ModelQueryVariables = Exact<{
  id: string;
}>;


export type ModelQuery = { model: { id: string, name: string, preset: boolean, source: string | null, publishedParameters: number | null, createdAt: string | null, updatedAt: string | null, parameters: number, nonEmbeddingParameters: number, embeddingParameters: number, activeParameters: number, activeNonEmbeddingParameters: number, parametersPerLayer: number, flopsPerToken: number, flopsPerTokenCausal: number, hardwareFlopsPerToken: number, sixNFlopsPerToken: number, layers: number, hiddenSize: number, attentionHeads: number, kvHeads: number, ffnHiddenSize: number, gatedMlp: boolean, vocabSize: number, sequenceLength: number, tiedEmbeddings: boolean, positionEmbedding: PositionEmbedding, normalization: Normalization, linearBiases: boolean, experts: number, expertsPerToken: number, sharedExperts: number } | null };

export type ModelFromHuggingFaceConfigQueryVariables = Exact<{
  config: string;
}>;


export type ModelFromHuggingFaceConfigQuery = { modelFromHuggingFaceConfig: { id: string, name: string, preset: boolean, source: string | null, publishedParameters: number | null, createdAt: string | null, updatedAt: string | null, parameters: number, nonEmbeddingParameters: number, embeddingParameters: number, activeParameters: number, activeNonEmbeddingParameters: number, parametersPerLayer: number, flopsPerToken: number, flopsPerTokenCausal: number, hardwareFlopsPerToken: number, sixNFlopsPerToken: number, layers: number, hiddenSize: number, attentionHeads: number, kvHeads: number, ffnHiddenSize: number, gatedMlp: boolean, vocabSize: number, sequenceLength: number, tiedEmbeddings: boolean, positionEmbedding: PositionEmbedding, normalization: Normalization, linearBiases: boolean, experts: number, expertsPerToken: number, sharedExperts: number } };

export type ClusterFieldsFragment = { id: string, name: string, preset: boolean, createdAt: string | null, updatedAt: string | null, gpusPerNode: number, nodes: number, gpuCount: number, gpuHourUsd: number, hourUsd: number, pue: number, memoryBytes: number, peakFlopsPerSecond: number, powerWatts: number, gpu: { id: string } };

export type ClustersQueryVariables = Exact<{ [key: string]: never; }>;


export type ClustersQuery = { clusters: Array<{ id: string, name: string, preset: boolean, createdAt: string | null, updatedAt: string | null, gpusPerNode: number, nodes: number, gpuCount: number, gpuHourUsd: number, hourUsd: number, pue: number, memoryBytes: number, peakFlopsPerSecond: number, powerWatts: number, gpu: { id: string } }> };

export type ClusterQueryVariables = Exact<{
  id: string;
}>;


export type ClusterQuery = { cluster: { id: string, name: string, preset: boolean, createdAt: string | null, updatedAt: string | null, gpusPerNode: number, nodes: number, gpuCount: number, gpuHourUsd: number, hourUsd: number, pue: number, memoryBytes: number, peakFlopsPerSecond: number, powerWatts: number, gpu: { id: string } } | null };

export type ModelStateMemoryQueryVariables = Exact<{
  parameters: number;
  dataParallel: number;
  optimizer?: Optimizer | null | undefined;
  precision?: Precision | null | undefined;
}>;


export type ModelStateMemoryQuery = { modelStateMemory: Array<{ stage: number, parametersBytes: number, gradientsBytes: number, optimizerStatesBytes: number, totalBytes: number }> };

export type MaxTrainableParametersQueryVariables = Exact<{
  gpu: string;
  gpus: number;
  zeroStage: number;
  tensorParallel?: number | null | undefined;
}>;


export type MaxTrainableParametersQuery = { maxTrainableParameters: number };

export type ComputeOptimalQueryVariables = Exact<{
  computeFlops: number;
  law?: ScalingLaw | null | undefined;
}>;


export type ComputeOptimalQuery = { computeOptimal: { law: ScalingLaw, computeFlops: number, computePfDays: number, parameters: number, tokens: number, tokensPerParameter: number, predictedLoss: number | null } };

export type ScalingLawLossQueryVariables = Exact<{
  parameters: number;
  tokens: number;
  law?: ScalingLaw | null | undefined;
}>;


export type ScalingLawLossQuery = { scalingLawLoss: number | null };

export type ExtrapolationQueryVariables = Exact<{
  assumptions?: ExtrapolationInput | null | undefined;
}>;


export type ExtrapolationQuery = { extrapolation: { growthFactor: number, previousParameters: number, currentParameters: number, nextParameters: number, currentLoss: number, nextLoss: number, currentComputePfDays: number, nextComputePfDays: number, nextComputeFlops: number, computeRatio: number, nextTokens: number, nextDatasetBytes: number, nextCostV100Usd: number, nextCostA100Usd: number, nextTokensOverAllBooks: number, nextTokensOverEnglishWikipedia: number, chinchilla: { parameters: number, tokens: number, predictedLoss: number | null, tokensPerParameter: number }, chinchillaParametric: { parameters: number, tokens: number, predictedLoss: number | null, tokensPerParameter: number } } };

export type CreateModelMutationVariables = Exact<{
  input: ModelInput;
}>;


export type CreateModelMutation = { createModel: { id: string, name: string, preset: boolean, parameters: number, layers: number, hiddenSize: number, createdAt: string | null, updatedAt: string | null } };

export type CreateModelFromHuggingFaceConfigMutationVariables = Exact<{
  config: string;
  name?: string | null | undefined;
}>;


export type CreateModelFromHuggingFaceConfigMutation = { createModelFromHuggingFaceConfig: { id: string, name: string, parameters: number, experts: number, expertsPerToken: number } };

export type UpdateModelMutationVariables = Exact<{
  id: string;
  input: ModelInput;
}>;


export type UpdateModelMutation = { updateModel: { id: string, name: string, parameters: number, layers: number, updatedAt: string | null } };

export type DeleteModelMutationVariables = Exact<{
  id: string;
}>;


export type DeleteModelMutation = { deleteModel: string };

export type CreateClusterMutationVariables = Exact<{
  input: ClusterInput;
}>;


export type CreateClusterMutation = { createCluster: { id: string, name: string, preset: boolean, gpusPerNode: number, nodes: number, gpuCount: number, gpuHourUsd: number, pue: number, gpu: { id: string } } };

export type UpdateClusterMutationVariables = Exact<{
  id: string;
  input: ClusterInput;
}>;


export type UpdateClusterMutation = { updateCluster: { id: string, name: string, gpuCount: number, gpuHourUsd: number } };

export type DeleteClusterMutationVariables = Exact<{
  id: string;
}>;


export type DeleteClusterMutation = { deleteCluster: string };

export type SavePlanMutationVariables = Exact<{
  input: SavePlanInput;
}>;


export type SavePlanMutation = { savePlan: { id: string, name: string, createdAt: string, plan: { fits: boolean, model: { id: string, name: string }, cluster: { id: string, name: string, gpuCount: number }, parallelism: { dataParallel: number } } | null } };

export type UpdatePlanMutationVariables = Exact<{
  id: string;
  input: SavePlanInput;
}>;


export type UpdatePlanMutation = { updatePlan: { id: string, name: string, plan: { parallelism: { tensorParallel: number, dataParallel: number } } | null } };

export type DeletePlanMutationVariables = Exact<{
  id: string;
}>;


export type DeletePlanMutation = { deletePlan: string };

export type SavedItemsChangedSubscriptionVariables = Exact<{
  kinds?: Array<SavedItemKind> | SavedItemKind | null | undefined;
}>;


export type SavedItemsChangedSubscription = { savedItemsChanged: { kind: SavedItemKind, id: string, name: string, change: SavedItemChange, missedEvents: number } };

export type PlanFieldsFragment = { fits: boolean, chinchillaLoss: number | null, kaplanLoss: number | null, model: { id: string, name: string, parameters: number }, cluster: { id: string, gpuCount: number }, diagnostics: Array<{ severity: DiagnosticSeverity, code: string, message: string }>, parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number, expertParallel: number, gpuCount: number, zeroStage: number, microBatchSize: number, globalBatchSize: number, gradientAccumulationSteps: number, sequenceParallel: boolean, pipelineInterleave: number, recompute: RecomputeMode, precision: Precision, optimizer: Optimizer, offload: Offload, flashAttention: boolean }, memory: { parametersBytes: number, gradientsBytes: number, optimizerStatesBytes: number, activationsBytes: number, temporaryBytes: number, overheadBytes: number, otherBytes: number, totalBytes: number, capacityBytes: number, headroomBytes: number, utilization: number, hostBytes: number, nvmeBytes: number, mostLoadedStage: number }, performance: { stepSeconds: number, computeSeconds: number, bubbleSeconds: number, exposedCommunicationSeconds: number, optimizerSeconds: number, bubbleFraction: number, computeEfficiency: number, tokensPerSecond: number, modelFlopsPerStep: number, hardwareFlopsPerStep: number, modelFlopsPerSecondPerGpu: number, hardwareFlopsPerSecondPerGpu: number, modelTflopsPerGpu: number, hardwareTflopsPerGpu: number, modelFlopsUtilization: number, hardwareFlopsUtilization: number }, communication: { dataParallelBytes: number, tensorParallelBytes: number, pipelineParallelBytes: number, expertParallelBytes: number, dataParallelSeconds: number, tensorParallelSeconds: number, pipelineParallelSeconds: number, expertParallelSeconds: number, exposedSeconds: number }, run: { trainingTokens: number, steps: number, seconds: number, days: number, gpuHours: number, costUsd: number, energyKwh: number, modelFlops: number } | null };

export type TrainingPlanQueryVariables = Exact<{
  input: TrainingPlanInput;
}>;


export type TrainingPlanQuery = { trainingPlan: { fits: boolean, chinchillaLoss: number | null, kaplanLoss: number | null, model: { id: string, name: string, parameters: number }, cluster: { id: string, gpuCount: number }, diagnostics: Array<{ severity: DiagnosticSeverity, code: string, message: string }>, parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number, expertParallel: number, gpuCount: number, zeroStage: number, microBatchSize: number, globalBatchSize: number, gradientAccumulationSteps: number, sequenceParallel: boolean, pipelineInterleave: number, recompute: RecomputeMode, precision: Precision, optimizer: Optimizer, offload: Offload, flashAttention: boolean }, memory: { parametersBytes: number, gradientsBytes: number, optimizerStatesBytes: number, activationsBytes: number, temporaryBytes: number, overheadBytes: number, otherBytes: number, totalBytes: number, capacityBytes: number, headroomBytes: number, utilization: number, hostBytes: number, nvmeBytes: number, mostLoadedStage: number }, performance: { stepSeconds: number, computeSeconds: number, bubbleSeconds: number, exposedCommunicationSeconds: number, optimizerSeconds: number, bubbleFraction: number, computeEfficiency: number, tokensPerSecond: number, modelFlopsPerStep: number, hardwareFlopsPerStep: number, modelFlopsPerSecondPerGpu: number, hardwareFlopsPerSecondPerGpu: number, modelTflopsPerGpu: number, hardwareTflopsPerGpu: number, modelFlopsUtilization: number, hardwareFlopsUtilization: number }, communication: { dataParallelBytes: number, tensorParallelBytes: number, pipelineParallelBytes: number, expertParallelBytes: number, dataParallelSeconds: number, tensorParallelSeconds: number, pipelineParallelSeconds: number, expertParallelSeconds: number, exposedSeconds: number }, run: { trainingTokens: number, steps: number, seconds: number, days: number, gpuHours: number, costUsd: number, energyKwh: number, modelFlops: number } | null } };

export type TrainingPlanStagesQueryVariables = Exact<{
  input: TrainingPlanInput;
}>;


export type TrainingPlanStagesQuery = { trainingPlan: { memory: { totalBytes: number, mostLoadedStage: number, stages: Array<{ stage: number, layers: number, parametersPerGpu: number, parametersBytes: number, gradientsBytes: number, optimizerStatesBytes: number, activationsBytes: number, temporaryBytes: number, overheadBytes: number, totalBytes: number, hostBytes: number, nvmeBytes: number }> } } };

export type TrainingPlanOrErrorQueryVariables = Exact<{
  input: TrainingPlanInput;
}>;


export type TrainingPlanOrErrorQuery = { trainingPlanOrError:
    | { __typename: 'InputError', message: string, field: string, value: string, allowed: string }
    | { __typename: 'TrainingPlan', fits: boolean, parallelism: { dataParallel: number } }
   };

export type PlansQueryVariables = Exact<{ [key: string]: never; }>;


export type PlansQuery = { plans: Array<{ id: string, name: string, createdAt: string, updatedAt: string, plan: { fits: boolean, parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number }, model: { id: string, name: string }, cluster: { id: string } } | null }> };

export type PlanQueryVariables = Exact<{
  id: string;
}>;


export type PlanQuery = { plan: { id: string, name: string, plan: { fits: boolean, chinchillaLoss: number | null, kaplanLoss: number | null, model: { id: string, name: string, parameters: number }, cluster: { id: string, gpuCount: number }, diagnostics: Array<{ severity: DiagnosticSeverity, code: string, message: string }>, parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number, expertParallel: number, gpuCount: number, zeroStage: number, microBatchSize: number, globalBatchSize: number, gradientAccumulationSteps: number, sequenceParallel: boolean, pipelineInterleave: number, recompute: RecomputeMode, precision: Precision, optimizer: Optimizer, offload: Offload, flashAttention: boolean }, memory: { parametersBytes: number, gradientsBytes: number, optimizerStatesBytes: number, activationsBytes: number, temporaryBytes: number, overheadBytes: number, otherBytes: number, totalBytes: number, capacityBytes: number, headroomBytes: number, utilization: number, hostBytes: number, nvmeBytes: number, mostLoadedStage: number }, performance: { stepSeconds: number, computeSeconds: number, bubbleSeconds: number, exposedCommunicationSeconds: number, optimizerSeconds: number, bubbleFraction: number, computeEfficiency: number, tokensPerSecond: number, modelFlopsPerStep: number, hardwareFlopsPerStep: number, modelFlopsPerSecondPerGpu: number, hardwareFlopsPerSecondPerGpu: number, modelTflopsPerGpu: number, hardwareTflopsPerGpu: number, modelFlopsUtilization: number, hardwareFlopsUtilization: number }, communication: { dataParallelBytes: number, tensorParallelBytes: number, pipelineParallelBytes: number, expertParallelBytes: number, dataParallelSeconds: number, tensorParallelSeconds: number, pipelineParallelSeconds: number, expertParallelSeconds: number, exposedSeconds: number }, run: { trainingTokens: number, steps: number, seconds: number, days: number, gpuHours: number, costUsd: number, energyKwh: number, modelFlops: number } | null } | null } | null };

export const ModelFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ModelFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Model"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"preset"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"publishedParameters"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"nonEmbeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"embeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"activeParameters"}},{"kind":"Field","name":{"kind":"Name","value":"activeNonEmbeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"parametersPerLayer"}},{"kind":"Field","name":{"kind":"Name","value":"flopsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"flopsPerTokenCausal"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsPerToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"recompute"},"value":{"kind":"EnumValue","value":"FULL"}}]},{"kind":"Field","name":{"kind":"Name","value":"sixNFlopsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"layers"}},{"kind":"Field","name":{"kind":"Name","value":"hiddenSize"}},{"kind":"Field","name":{"kind":"Name","value":"attentionHeads"}},{"kind":"Field","name":{"kind":"Name","value":"kvHeads"}},{"kind":"Field","name":{"kind":"Name","value":"ffnHiddenSize"}},{"kind":"Field","name":{"kind":"Name","value":"gatedMlp"}},{"kind":"Field","name":{"kind":"Name","value":"vocabSize"}},{"kind":"Field","name":{"kind":"Name","value":"sequenceLength"}},{"kind":"Field","name":{"kind":"Name","value":"tiedEmbeddings"}},{"kind":"Field","name":{"kind":"Name","value":"positionEmbedding"}},{"kind":"Field","name":{"kind":"Name","value":"normalization"}},{"kind":"Field","name":{"kind":"Name","value":"linearBiases"}},{"kind":"Field","name":{"kind":"Name","value":"experts"}},{"kind":"Field","name":{"kind":"Name","value":"expertsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"sharedExperts"}}]}}]} as unknown as DocumentNode<ModelFieldsFragment, unknown>;
export const ClusterFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ClusterFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Cluster"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"preset"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"gpu"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"gpusPerNode"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"gpuHourUsd"}},{"kind":"Field","name":{"kind":"Name","value":"hourUsd"}},{"kind":"Field","name":{"kind":"Name","value":"pue"}},{"kind":"Field","name":{"kind":"Name","value":"memoryBytes"}},{"kind":"Field","name":{"kind":"Name","value":"peakFlopsPerSecond"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"precision"},"value":{"kind":"EnumValue","value":"BF16"}}]},{"kind":"Field","name":{"kind":"Name","value":"powerWatts"}}]}}]} as unknown as DocumentNode<ClusterFieldsFragment, unknown>;
export const PlanFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlanFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingPlan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cluster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fits"}},{"kind":"Field","name":{"kind":"Name","value":"diagnostics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parallelism"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tensorParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallel"}},{"kind":"Field","name":{"kind":"Name","value":"dataParallel"}},{"kind":"Field","name":{"kind":"Name","value":"expertParallel"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"zeroStage"}},{"kind":"Field","name":{"kind":"Name","value":"microBatchSize"}},{"kind":"Field","name":{"kind":"Name","value":"globalBatchSize"}},{"kind":"Field","name":{"kind":"Name","value":"gradientAccumulationSteps"}},{"kind":"Field","name":{"kind":"Name","value":"sequenceParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineInterleave"}},{"kind":"Field","name":{"kind":"Name","value":"recompute"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}},{"kind":"Field","name":{"kind":"Name","value":"optimizer"}},{"kind":"Field","name":{"kind":"Name","value":"offload"}},{"kind":"Field","name":{"kind":"Name","value":"flashAttention"}}]}},{"kind":"Field","name":{"kind":"Name","value":"memory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parametersBytes"}},{"kind":"Field","name":{"kind":"Name","value":"gradientsBytes"}},{"kind":"Field","name":{"kind":"Name","value":"optimizerStatesBytes"}},{"kind":"Field","name":{"kind":"Name","value":"activationsBytes"}},{"kind":"Field","name":{"kind":"Name","value":"temporaryBytes"}},{"kind":"Field","name":{"kind":"Name","value":"overheadBytes"}},{"kind":"Field","name":{"kind":"Name","value":"otherBytes"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"capacityBytes"}},{"kind":"Field","name":{"kind":"Name","value":"headroomBytes"}},{"kind":"Field","name":{"kind":"Name","value":"utilization"}},{"kind":"Field","name":{"kind":"Name","value":"hostBytes"}},{"kind":"Field","name":{"kind":"Name","value":"nvmeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"mostLoadedStage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"performance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stepSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"computeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"bubbleSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"exposedCommunicationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"optimizerSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"bubbleFraction"}},{"kind":"Field","name":{"kind":"Name","value":"computeEfficiency"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlopsPerStep"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsPerStep"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlopsPerSecondPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsPerSecondPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"modelTflopsPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareTflopsPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlopsUtilization"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsUtilization"}}]}},{"kind":"Field","name":{"kind":"Name","value":"communication"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"tensorParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"expertParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"dataParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"tensorParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"expertParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"exposedSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingTokens"}},{"kind":"Field","name":{"kind":"Name","value":"steps"}},{"kind":"Field","name":{"kind":"Name","value":"seconds"}},{"kind":"Field","name":{"kind":"Name","value":"days"}},{"kind":"Field","name":{"kind":"Name","value":"gpuHours"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"energyKwh"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlops"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"chinchillaLoss"},"name":{"kind":"Name","value":"predictedLoss"}},{"kind":"Field","alias":{"kind":"Name","value":"kaplanLoss"},"name":{"kind":"Name","value":"predictedLoss"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"law"},"value":{"kind":"EnumValue","value":"KAPLAN"}}]}]}}]} as unknown as DocumentNode<PlanFieldsFragment, unknown>;
export const GpusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Gpus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gpus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"memoryBytes"}},{"kind":"Field","name":{"kind":"Name","value":"memoryBandwidthBytesPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"bf16PeakFlopsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"fp8PeakFlopsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"tf32PeakFlopsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"fp16PeakFlopsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"fp32PeakFlopsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"intraNodeBandwidthBytesPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"interNodeBandwidthBytesPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"tdpWatts"}},{"kind":"Field","name":{"kind":"Name","value":"gpuHourUsd"}},{"kind":"Field","name":{"kind":"Name","value":"gpusPerNode"}}]}}]}}]} as unknown as DocumentNode<GpusQuery, GpusQueryVariables>;
export const GpuDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Gpu"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"precision"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Precision"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gpu"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"peakFlopsPerSecond"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"precision"},"value":{"kind":"Variable","name":{"kind":"Name","value":"precision"}}}]}]}}]}}]} as unknown as DocumentNode<GpuQuery, GpuQueryVariables>;
export const ModelsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Models"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"models"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ModelFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ModelFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Model"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"preset"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"publishedParameters"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"nonEmbeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"embeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"activeParameters"}},{"kind":"Field","name":{"kind":"Name","value":"activeNonEmbeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"parametersPerLayer"}},{"kind":"Field","name":{"kind":"Name","value":"flopsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"flopsPerTokenCausal"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsPerToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"recompute"},"value":{"kind":"EnumValue","value":"FULL"}}]},{"kind":"Field","name":{"kind":"Name","value":"sixNFlopsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"layers"}},{"kind":"Field","name":{"kind":"Name","value":"hiddenSize"}},{"kind":"Field","name":{"kind":"Name","value":"attentionHeads"}},{"kind":"Field","name":{"kind":"Name","value":"kvHeads"}},{"kind":"Field","name":{"kind":"Name","value":"ffnHiddenSize"}},{"kind":"Field","name":{"kind":"Name","value":"gatedMlp"}},{"kind":"Field","name":{"kind":"Name","value":"vocabSize"}},{"kind":"Field","name":{"kind":"Name","value":"sequenceLength"}},{"kind":"Field","name":{"kind":"Name","value":"tiedEmbeddings"}},{"kind":"Field","name":{"kind":"Name","value":"positionEmbedding"}},{"kind":"Field","name":{"kind":"Name","value":"normalization"}},{"kind":"Field","name":{"kind":"Name","value":"linearBiases"}},{"kind":"Field","name":{"kind":"Name","value":"experts"}},{"kind":"Field","name":{"kind":"Name","value":"expertsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"sharedExperts"}}]}}]} as unknown as DocumentNode<ModelsQuery, ModelsQueryVariables>;
export const ModelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Model"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ModelFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ModelFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Model"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"preset"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"publishedParameters"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"nonEmbeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"embeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"activeParameters"}},{"kind":"Field","name":{"kind":"Name","value":"activeNonEmbeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"parametersPerLayer"}},{"kind":"Field","name":{"kind":"Name","value":"flopsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"flopsPerTokenCausal"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsPerToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"recompute"},"value":{"kind":"EnumValue","value":"FULL"}}]},{"kind":"Field","name":{"kind":"Name","value":"sixNFlopsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"layers"}},{"kind":"Field","name":{"kind":"Name","value":"hiddenSize"}},{"kind":"Field","name":{"kind":"Name","value":"attentionHeads"}},{"kind":"Field","name":{"kind":"Name","value":"kvHeads"}},{"kind":"Field","name":{"kind":"Name","value":"ffnHiddenSize"}},{"kind":"Field","name":{"kind":"Name","value":"gatedMlp"}},{"kind":"Field","name":{"kind":"Name","value":"vocabSize"}},{"kind":"Field","name":{"kind":"Name","value":"sequenceLength"}},{"kind":"Field","name":{"kind":"Name","value":"tiedEmbeddings"}},{"kind":"Field","name":{"kind":"Name","value":"positionEmbedding"}},{"kind":"Field","name":{"kind":"Name","value":"normalization"}},{"kind":"Field","name":{"kind":"Name","value":"linearBiases"}},{"kind":"Field","name":{"kind":"Name","value":"experts"}},{"kind":"Field","name":{"kind":"Name","value":"expertsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"sharedExperts"}}]}}]} as unknown as DocumentNode<ModelQuery, ModelQueryVariables>;
export const ModelFromHuggingFaceConfigDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ModelFromHuggingFaceConfig"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"config"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"modelFromHuggingFaceConfig"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"config"},"value":{"kind":"Variable","name":{"kind":"Name","value":"config"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ModelFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ModelFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Model"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"preset"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"publishedParameters"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"nonEmbeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"embeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"activeParameters"}},{"kind":"Field","name":{"kind":"Name","value":"activeNonEmbeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"parametersPerLayer"}},{"kind":"Field","name":{"kind":"Name","value":"flopsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"flopsPerTokenCausal"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsPerToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"recompute"},"value":{"kind":"EnumValue","value":"FULL"}}]},{"kind":"Field","name":{"kind":"Name","value":"sixNFlopsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"layers"}},{"kind":"Field","name":{"kind":"Name","value":"hiddenSize"}},{"kind":"Field","name":{"kind":"Name","value":"attentionHeads"}},{"kind":"Field","name":{"kind":"Name","value":"kvHeads"}},{"kind":"Field","name":{"kind":"Name","value":"ffnHiddenSize"}},{"kind":"Field","name":{"kind":"Name","value":"gatedMlp"}},{"kind":"Field","name":{"kind":"Name","value":"vocabSize"}},{"kind":"Field","name":{"kind":"Name","value":"sequenceLength"}},{"kind":"Field","name":{"kind":"Name","value":"tiedEmbeddings"}},{"kind":"Field","name":{"kind":"Name","value":"positionEmbedding"}},{"kind":"Field","name":{"kind":"Name","value":"normalization"}},{"kind":"Field","name":{"kind":"Name","value":"linearBiases"}},{"kind":"Field","name":{"kind":"Name","value":"experts"}},{"kind":"Field","name":{"kind":"Name","value":"expertsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"sharedExperts"}}]}}]} as unknown as DocumentNode<ModelFromHuggingFaceConfigQuery, ModelFromHuggingFaceConfigQueryVariables>;
export const ClustersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Clusters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clusters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ClusterFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ClusterFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Cluster"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"preset"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"gpu"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"gpusPerNode"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"gpuHourUsd"}},{"kind":"Field","name":{"kind":"Name","value":"hourUsd"}},{"kind":"Field","name":{"kind":"Name","value":"pue"}},{"kind":"Field","name":{"kind":"Name","value":"memoryBytes"}},{"kind":"Field","name":{"kind":"Name","value":"peakFlopsPerSecond"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"precision"},"value":{"kind":"EnumValue","value":"BF16"}}]},{"kind":"Field","name":{"kind":"Name","value":"powerWatts"}}]}}]} as unknown as DocumentNode<ClustersQuery, ClustersQueryVariables>;
export const ClusterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Cluster"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cluster"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ClusterFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ClusterFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Cluster"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"preset"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"gpu"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"gpusPerNode"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"gpuHourUsd"}},{"kind":"Field","name":{"kind":"Name","value":"hourUsd"}},{"kind":"Field","name":{"kind":"Name","value":"pue"}},{"kind":"Field","name":{"kind":"Name","value":"memoryBytes"}},{"kind":"Field","name":{"kind":"Name","value":"peakFlopsPerSecond"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"precision"},"value":{"kind":"EnumValue","value":"BF16"}}]},{"kind":"Field","name":{"kind":"Name","value":"powerWatts"}}]}}]} as unknown as DocumentNode<ClusterQuery, ClusterQueryVariables>;
export const ModelStateMemoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ModelStateMemory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"parameters"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dataParallel"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"optimizer"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Optimizer"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"precision"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Precision"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"modelStateMemory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"parameters"},"value":{"kind":"Variable","name":{"kind":"Name","value":"parameters"}}},{"kind":"Argument","name":{"kind":"Name","value":"dataParallel"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dataParallel"}}},{"kind":"Argument","name":{"kind":"Name","value":"optimizer"},"value":{"kind":"Variable","name":{"kind":"Name","value":"optimizer"}}},{"kind":"Argument","name":{"kind":"Name","value":"precision"},"value":{"kind":"Variable","name":{"kind":"Name","value":"precision"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"parametersBytes"}},{"kind":"Field","name":{"kind":"Name","value":"gradientsBytes"}},{"kind":"Field","name":{"kind":"Name","value":"optimizerStatesBytes"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}}]}}]}}]} as unknown as DocumentNode<ModelStateMemoryQuery, ModelStateMemoryQueryVariables>;
export const MaxTrainableParametersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MaxTrainableParameters"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"gpu"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"gpus"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"zeroStage"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tensorParallel"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"maxTrainableParameters"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"gpu"},"value":{"kind":"Variable","name":{"kind":"Name","value":"gpu"}}},{"kind":"Argument","name":{"kind":"Name","value":"gpus"},"value":{"kind":"Variable","name":{"kind":"Name","value":"gpus"}}},{"kind":"Argument","name":{"kind":"Name","value":"zeroStage"},"value":{"kind":"Variable","name":{"kind":"Name","value":"zeroStage"}}},{"kind":"Argument","name":{"kind":"Name","value":"tensorParallel"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tensorParallel"}}}]}]}}]} as unknown as DocumentNode<MaxTrainableParametersQuery, MaxTrainableParametersQueryVariables>;
export const ComputeOptimalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ComputeOptimal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"computeFlops"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"law"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ScalingLaw"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"computeOptimal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"computeFlops"},"value":{"kind":"Variable","name":{"kind":"Name","value":"computeFlops"}}},{"kind":"Argument","name":{"kind":"Name","value":"law"},"value":{"kind":"Variable","name":{"kind":"Name","value":"law"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"law"}},{"kind":"Field","name":{"kind":"Name","value":"computeFlops"}},{"kind":"Field","name":{"kind":"Name","value":"computePfDays"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"tokens"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerParameter"}},{"kind":"Field","name":{"kind":"Name","value":"predictedLoss"}}]}}]}}]} as unknown as DocumentNode<ComputeOptimalQuery, ComputeOptimalQueryVariables>;
export const ScalingLawLossDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScalingLawLoss"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"parameters"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tokens"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"law"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ScalingLaw"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scalingLawLoss"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"parameters"},"value":{"kind":"Variable","name":{"kind":"Name","value":"parameters"}}},{"kind":"Argument","name":{"kind":"Name","value":"tokens"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tokens"}}},{"kind":"Argument","name":{"kind":"Name","value":"law"},"value":{"kind":"Variable","name":{"kind":"Name","value":"law"}}}]}]}}]} as unknown as DocumentNode<ScalingLawLossQuery, ScalingLawLossQueryVariables>;
export const ExtrapolationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Extrapolation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"assumptions"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ExtrapolationInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"extrapolation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"assumptions"},"value":{"kind":"Variable","name":{"kind":"Name","value":"assumptions"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"growthFactor"}},{"kind":"Field","name":{"kind":"Name","value":"previousParameters"}},{"kind":"Field","name":{"kind":"Name","value":"currentParameters"}},{"kind":"Field","name":{"kind":"Name","value":"nextParameters"}},{"kind":"Field","name":{"kind":"Name","value":"currentLoss"}},{"kind":"Field","name":{"kind":"Name","value":"nextLoss"}},{"kind":"Field","name":{"kind":"Name","value":"currentComputePfDays"}},{"kind":"Field","name":{"kind":"Name","value":"nextComputePfDays"}},{"kind":"Field","name":{"kind":"Name","value":"nextComputeFlops"}},{"kind":"Field","name":{"kind":"Name","value":"computeRatio"}},{"kind":"Field","name":{"kind":"Name","value":"nextTokens"}},{"kind":"Field","name":{"kind":"Name","value":"nextDatasetBytes"}},{"kind":"Field","name":{"kind":"Name","value":"nextCostV100Usd"}},{"kind":"Field","name":{"kind":"Name","value":"nextCostA100Usd"}},{"kind":"Field","name":{"kind":"Name","value":"nextTokensOverAllBooks"}},{"kind":"Field","name":{"kind":"Name","value":"nextTokensOverEnglishWikipedia"}},{"kind":"Field","name":{"kind":"Name","value":"chinchilla"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"tokens"}},{"kind":"Field","name":{"kind":"Name","value":"predictedLoss"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerParameter"}}]}},{"kind":"Field","name":{"kind":"Name","value":"chinchillaParametric"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"tokens"}},{"kind":"Field","name":{"kind":"Name","value":"predictedLoss"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerParameter"}}]}}]}}]}}]} as unknown as DocumentNode<ExtrapolationQuery, ExtrapolationQueryVariables>;
export const CreateModelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateModel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ModelInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"preset"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"layers"}},{"kind":"Field","name":{"kind":"Name","value":"hiddenSize"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<CreateModelMutation, CreateModelMutationVariables>;
export const CreateModelFromHuggingFaceConfigDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateModelFromHuggingFaceConfig"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"config"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createModelFromHuggingFaceConfig"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"config"},"value":{"kind":"Variable","name":{"kind":"Name","value":"config"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"experts"}},{"kind":"Field","name":{"kind":"Name","value":"expertsPerToken"}}]}}]}}]} as unknown as DocumentNode<CreateModelFromHuggingFaceConfigMutation, CreateModelFromHuggingFaceConfigMutationVariables>;
export const UpdateModelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateModel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ModelInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"layers"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<UpdateModelMutation, UpdateModelMutationVariables>;
export const DeleteModelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteModel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteModelMutation, DeleteModelMutationVariables>;
export const CreateClusterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCluster"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ClusterInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCluster"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"preset"}},{"kind":"Field","name":{"kind":"Name","value":"gpu"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"gpusPerNode"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"gpuHourUsd"}},{"kind":"Field","name":{"kind":"Name","value":"pue"}}]}}]}}]} as unknown as DocumentNode<CreateClusterMutation, CreateClusterMutationVariables>;
export const UpdateClusterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCluster"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ClusterInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCluster"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"gpuHourUsd"}}]}}]}}]} as unknown as DocumentNode<UpdateClusterMutation, UpdateClusterMutationVariables>;
export const DeleteClusterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteCluster"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteCluster"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteClusterMutation, DeleteClusterMutationVariables>;
export const SavePlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SavePlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SavePlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"savePlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fits"}},{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cluster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parallelism"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataParallel"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SavePlanMutation, SavePlanMutationVariables>;
export const UpdatePlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdatePlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SavePlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updatePlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parallelism"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tensorParallel"}},{"kind":"Field","name":{"kind":"Name","value":"dataParallel"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UpdatePlanMutation, UpdatePlanMutationVariables>;
export const DeletePlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeletePlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletePlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeletePlanMutation, DeletePlanMutationVariables>;
export const SavedItemsChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SavedItemsChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kinds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SavedItemKind"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"savedItemsChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kinds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kinds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"change"}},{"kind":"Field","name":{"kind":"Name","value":"missedEvents"}}]}}]}}]} as unknown as DocumentNode<SavedItemsChangedSubscription, SavedItemsChangedSubscriptionVariables>;
export const TrainingPlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TrainingPlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingPlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingPlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlanFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlanFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingPlan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cluster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fits"}},{"kind":"Field","name":{"kind":"Name","value":"diagnostics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parallelism"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tensorParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallel"}},{"kind":"Field","name":{"kind":"Name","value":"dataParallel"}},{"kind":"Field","name":{"kind":"Name","value":"expertParallel"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"zeroStage"}},{"kind":"Field","name":{"kind":"Name","value":"microBatchSize"}},{"kind":"Field","name":{"kind":"Name","value":"globalBatchSize"}},{"kind":"Field","name":{"kind":"Name","value":"gradientAccumulationSteps"}},{"kind":"Field","name":{"kind":"Name","value":"sequenceParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineInterleave"}},{"kind":"Field","name":{"kind":"Name","value":"recompute"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}},{"kind":"Field","name":{"kind":"Name","value":"optimizer"}},{"kind":"Field","name":{"kind":"Name","value":"offload"}},{"kind":"Field","name":{"kind":"Name","value":"flashAttention"}}]}},{"kind":"Field","name":{"kind":"Name","value":"memory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parametersBytes"}},{"kind":"Field","name":{"kind":"Name","value":"gradientsBytes"}},{"kind":"Field","name":{"kind":"Name","value":"optimizerStatesBytes"}},{"kind":"Field","name":{"kind":"Name","value":"activationsBytes"}},{"kind":"Field","name":{"kind":"Name","value":"temporaryBytes"}},{"kind":"Field","name":{"kind":"Name","value":"overheadBytes"}},{"kind":"Field","name":{"kind":"Name","value":"otherBytes"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"capacityBytes"}},{"kind":"Field","name":{"kind":"Name","value":"headroomBytes"}},{"kind":"Field","name":{"kind":"Name","value":"utilization"}},{"kind":"Field","name":{"kind":"Name","value":"hostBytes"}},{"kind":"Field","name":{"kind":"Name","value":"nvmeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"mostLoadedStage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"performance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stepSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"computeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"bubbleSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"exposedCommunicationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"optimizerSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"bubbleFraction"}},{"kind":"Field","name":{"kind":"Name","value":"computeEfficiency"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlopsPerStep"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsPerStep"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlopsPerSecondPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsPerSecondPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"modelTflopsPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareTflopsPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlopsUtilization"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsUtilization"}}]}},{"kind":"Field","name":{"kind":"Name","value":"communication"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"tensorParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"expertParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"dataParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"tensorParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"expertParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"exposedSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingTokens"}},{"kind":"Field","name":{"kind":"Name","value":"steps"}},{"kind":"Field","name":{"kind":"Name","value":"seconds"}},{"kind":"Field","name":{"kind":"Name","value":"days"}},{"kind":"Field","name":{"kind":"Name","value":"gpuHours"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"energyKwh"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlops"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"chinchillaLoss"},"name":{"kind":"Name","value":"predictedLoss"}},{"kind":"Field","alias":{"kind":"Name","value":"kaplanLoss"},"name":{"kind":"Name","value":"predictedLoss"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"law"},"value":{"kind":"EnumValue","value":"KAPLAN"}}]}]}}]} as unknown as DocumentNode<TrainingPlanQuery, TrainingPlanQueryVariables>;
export const TrainingPlanStagesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TrainingPlanStages"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingPlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingPlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"mostLoadedStage"}},{"kind":"Field","name":{"kind":"Name","value":"stages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"layers"}},{"kind":"Field","name":{"kind":"Name","value":"parametersPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"parametersBytes"}},{"kind":"Field","name":{"kind":"Name","value":"gradientsBytes"}},{"kind":"Field","name":{"kind":"Name","value":"optimizerStatesBytes"}},{"kind":"Field","name":{"kind":"Name","value":"activationsBytes"}},{"kind":"Field","name":{"kind":"Name","value":"temporaryBytes"}},{"kind":"Field","name":{"kind":"Name","value":"overheadBytes"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"hostBytes"}},{"kind":"Field","name":{"kind":"Name","value":"nvmeBytes"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TrainingPlanStagesQuery, TrainingPlanStagesQueryVariables>;
export const TrainingPlanOrErrorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TrainingPlanOrError"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingPlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingPlanOrError"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingPlan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fits"}},{"kind":"Field","name":{"kind":"Name","value":"parallelism"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataParallel"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"allowed"}}]}}]}}]}}]} as unknown as DocumentNode<TrainingPlanOrErrorQuery, TrainingPlanOrErrorQueryVariables>;
export const PlansDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Plans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fits"}},{"kind":"Field","name":{"kind":"Name","value":"parallelism"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tensorParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallel"}},{"kind":"Field","name":{"kind":"Name","value":"dataParallel"}}]}},{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cluster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PlansQuery, PlansQueryVariables>;
export const PlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Plan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlanFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlanFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingPlan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cluster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fits"}},{"kind":"Field","name":{"kind":"Name","value":"diagnostics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parallelism"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tensorParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallel"}},{"kind":"Field","name":{"kind":"Name","value":"dataParallel"}},{"kind":"Field","name":{"kind":"Name","value":"expertParallel"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"zeroStage"}},{"kind":"Field","name":{"kind":"Name","value":"microBatchSize"}},{"kind":"Field","name":{"kind":"Name","value":"globalBatchSize"}},{"kind":"Field","name":{"kind":"Name","value":"gradientAccumulationSteps"}},{"kind":"Field","name":{"kind":"Name","value":"sequenceParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineInterleave"}},{"kind":"Field","name":{"kind":"Name","value":"recompute"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}},{"kind":"Field","name":{"kind":"Name","value":"optimizer"}},{"kind":"Field","name":{"kind":"Name","value":"offload"}},{"kind":"Field","name":{"kind":"Name","value":"flashAttention"}}]}},{"kind":"Field","name":{"kind":"Name","value":"memory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parametersBytes"}},{"kind":"Field","name":{"kind":"Name","value":"gradientsBytes"}},{"kind":"Field","name":{"kind":"Name","value":"optimizerStatesBytes"}},{"kind":"Field","name":{"kind":"Name","value":"activationsBytes"}},{"kind":"Field","name":{"kind":"Name","value":"temporaryBytes"}},{"kind":"Field","name":{"kind":"Name","value":"overheadBytes"}},{"kind":"Field","name":{"kind":"Name","value":"otherBytes"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"capacityBytes"}},{"kind":"Field","name":{"kind":"Name","value":"headroomBytes"}},{"kind":"Field","name":{"kind":"Name","value":"utilization"}},{"kind":"Field","name":{"kind":"Name","value":"hostBytes"}},{"kind":"Field","name":{"kind":"Name","value":"nvmeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"mostLoadedStage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"performance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stepSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"computeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"bubbleSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"exposedCommunicationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"optimizerSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"bubbleFraction"}},{"kind":"Field","name":{"kind":"Name","value":"computeEfficiency"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlopsPerStep"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsPerStep"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlopsPerSecondPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsPerSecondPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"modelTflopsPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareTflopsPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlopsUtilization"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsUtilization"}}]}},{"kind":"Field","name":{"kind":"Name","value":"communication"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"tensorParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"expertParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"dataParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"tensorParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"expertParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"exposedSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingTokens"}},{"kind":"Field","name":{"kind":"Name","value":"steps"}},{"kind":"Field","name":{"kind":"Name","value":"seconds"}},{"kind":"Field","name":{"kind":"Name","value":"days"}},{"kind":"Field","name":{"kind":"Name","value":"gpuHours"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"energyKwh"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlops"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"chinchillaLoss"},"name":{"kind":"Name","value":"predictedLoss"}},{"kind":"Field","alias":{"kind":"Name","value":"kaplanLoss"},"name":{"kind":"Name","value":"predictedLoss"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"law"},"value":{"kind":"EnumValue","value":"KAPLAN"}}]}]}}]} as unknown as DocumentNode<PlanQuery, PlanQueryVariables>;