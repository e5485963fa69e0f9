/**
 * Memory per GPU: model states under ZeRO 0–3 composed with tensor (t), pipeline (p) and expert (e) parallelism,
 * activations (Korthikanti et al. 2022), temporary buffers, offload, framework overhead, and the per-stage breakdown.
 *
 * Units: bytes (`…Bytes`), never GB. The ZeRO paper's "GB" are 10⁹ bytes; Korthikanti's worked example uses GiB.
 *
 * Sharding conventions (Megatron-LM + ZeRO, the way Megatron-DeepSpeed composes them):
 * - A pipeline stage holds its layers; the input embedding lives on the first stage, the final norm and the
 *   output head on the last. With tied embeddings and p > 1 the last stage keeps a replica of the word embedding
 *   (Megatron-LM does, and all-reduces its gradient with the first stage); with p = 1 the one copy serves both.
 * - Tensor parallelism divides every weight of a stage by t (vocab-parallel embedding, column/row-parallel linears;
 *   the replicated norm/bias vectors are < 0.1 % and are divided too).
 * - MoE experts are divided by t (expert tensor parallel = t) and by e (expert parallel); expert weights are
 *   replicated over d/e data-parallel ranks, so ZeRO shards them over d/e, the dense weights over d.
 * - ZeRO (Rajbhandari et al. 2020 §5): stage 1 shards the optimizer states, 2 also the gradients, 3 also the
 *   16-bit parameters, each over the data-parallel group.
 */
import { InvalidInputError, requireFinite, requireInteger } from './errors.js';
import { hostMemoryBytesPerNodeOf, nvmeBytesPerNodeOf } from './hardware.js';
import { adapterParametersPerLayer, frozenLayerBytesPerParameter, frozenWeightBytes } from './adapter.js';
import { activationLayerMicroBatchesOnStage, heavierMiddleRanks, rankLayers } from './pipeline.js';
import { headDimOf, kvHeadsPerRank, moeLayersOf, replicatedKvParametersPerRank } from './model.js';
import {
  activationElementBytesFor,
  gradientBytesFor,
  gradientBytesOf,
  optimizerStateBytesFor,
  parameterBytesFor,
} from './precision.js';
import type {
  ClusterSpec,
  GpuSpec,
  MemoryEstimate,
  ModelArchitecture,
  ModelCounts,
  OptimizerKind,
  ParallelLayout,
  PlanOptions,
  Precision,
  RecomputeMode,
  ZeroStage,
} from './types.js';

const GIB = 2 ** 30;

/**
 * Default framework overhead per GPU, 2 GiB: the CUDA context with PyTorch's kernels (≈ 0.5–1 GiB on A100/H100),
 * NCCL communicator buffers for the TP/PP/DP groups (NCCL_BUFFSIZE 4 MiB × channels × peers: ≈ 0.3–1 GiB) and
 * cuBLAS/cuDNN workspaces. Allocator fragmentation is covered separately by the headroom fraction. User-settable
 * via PlanOptions.frameworkOverheadBytes.
 */
export const DEFAULT_FRAMEWORK_OVERHEAD_BYTES = 2 * GIB;

/**
 * Default fraction of GPU memory kept free when deciding `fits`: PyTorch's caching allocator typically loses
 * 3–10 % of reserved memory to fragmentation; 5 % plus the fixed overhead is a middle ground.
 */
export const DEFAULT_MEMORY_HEADROOM_FRACTION = 0.05;

/**
 * ZeRO-2/3 gradient staging: gradients are accumulated into a reduce bucket before their reduce-scatter
 * (DeepSpeed's reduce_bucket_size, default 5·10⁸ elements). Never more than the non-local part of the gradients,
 * Ψ·(1 − 1/d): a bucket as large as all gradients would be ZeRO-1. Stage 0/1 keep full gradients, reduced in
 * place (Megatron-LM's contiguous gradient buffer): no extra bytes.
 */
const REDUCE_BUCKET_ELEMENTS = 5e8;

/**
 * ZeRO-3 parameter working set: the layer being computed and one prefetched layer gathered in full (DeepSpeed's
 * stage-3 prefetch), again never more than the non-local parameters.
 */
const ZERO3_GATHERED_LAYERS = 2;

// ---------------------------------------------------------------------------------------------------------------
// Model states (ZeRO paper, Figure 1 and §5)

export interface ZeroStageMemory {
  stage: ZeroStage;
  parametersBytes: number;
  gradientsBytes: number;
  optimizerStatesBytes: number;
  totalBytes: number;
}

/**
 * Model-state bytes per device for each ZeRO stage (ZeRO paper Figure 1): (2+2+K)Ψ, 2Ψ+2Ψ+KΨ/N_d,
 * 2Ψ+(2+K)Ψ/N_d, (2+2+K)Ψ/N_d — with the byte counts of `precision` and `optimizer` (K = 12 for mixed Adam).
 */
export function modelStateMemoryByZeroStage(
  parameters: number,
  dataParallel: number,
  optimizerKind?: OptimizerKind | null,
  precisionKind?: Precision | null,
): ZeroStageMemory[] {
  requireFinite('parameters', parameters, 0);
  requireInteger('dataParallel', dataParallel, 1);
  // null (an omitted GraphQL argument) means the default, as undefined does.
  const optimizer = optimizerKind ?? 'ADAM';
  const precision = requirePrecision(precisionKind ?? 'BF16');
  const pb = parameterBytesFor(precision);
  const gb = gradientBytesFor(precision);
  const k = optimizerStateBytesFor(optimizer, precision);
  const out: ZeroStageMemory[] = [];
  for (const stage of [0, 1, 2, 3] as const) {
    const parametersBytes = (pb * parameters) / (stage >= 3 ? dataParallel : 1);
    const gradientsBytes = (gb * parameters) / (stage >= 2 ? dataParallel : 1);
    const optimizerStatesBytes = (k * parameters) / (stage >= 1 ? dataParallel : 1);
    out.push({
      stage,
      parametersBytes,
      gradientsBytes,
      optimizerStatesBytes,
      totalBytes: parametersBytes + gradientsBytes + optimizerStatesBytes,
    });
  }
  return out;
}

function requirePrecision(precision: Precision): Precision {
  if (precision !== 'FP32' && precision !== 'FP16' && precision !== 'BF16' && precision !== 'FP8') {
    throw new InvalidInputError('precision', precision, 'one of FP32, FP16, BF16, FP8');
  }
  return precision;
}

/** Model-state bytes per parameter held by a GPU (before sharding) after ZeRO sharding over `dataParallel`. */
export function modelStateBytesPerParameter(
  zeroStage: ZeroStage,
  dataParallel: number,
  optimizer: OptimizerKind = 'ADAM',
  precision: Precision = 'BF16',
): number {
  // ZeRO paper §5: P_os shards K, P_g also the 2 gradient bytes, P_p also the 2 parameter bytes.
  return (
    parameterBytesFor(precision) / (zeroStage >= 3 ? dataParallel : 1) +
    gradientBytesFor(precision) / (zeroStage >= 2 ? dataParallel : 1) +
    optimizerStateBytesFor(optimizer, precision) / (zeroStage >= 1 ? dataParallel : 1)
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Activations (Korthikanti et al. 2022, "Reducing Activation Recomputation in Large Transformer Models" §4)

/**
 * Activation bytes one transformer layer stores for one micro-batch, generalised from Korthikanti et al. 2022 §4.1
 * (GPT: s·b·h·(34 + 5·a·s/h)) to GQA, any FFN width, gated MLPs and MoE. Per layer, 16-bit elements:
 * - replicated across TP ranks unless sequence parallel (the "10" of 10 + 24/t): both norm inputs 4sbh, the QKV
 *   input 2sbh, the MLP input 2sbh, two 1-byte dropout masks 2sbh;
 * - split by t: Q 2sbh, K and V 2·2·sb·h_kv (GQA shrinks them), the output-projection input 2sbh; MLP: plain
 *   fc1 output + GELU output 4·sbf, gated gate + up + product 6·sbf; MoE: × (top-k + shared) plus the k dispatched
 *   copies of the token 2·k·sbh (expert tensor parallel = t);
 * - attention scores 5·a·s²·b (softmax 2, its dropout mask 1, dropout output 2), split by t; gone with
 *   FlashAttention (Dao et al. 2022 keeps only the O(s) log-sum-exp, not counted) and with selective recompute.
 * FULL recompute stores only the layer input 2sbh (Korthikanti Table 2). We divide it by t only with sequence
 * parallel (the input is then sequence-sharded); without SP every TP rank holds the whole input, as the paper says.
 * FP32 training doubles every element (2-byte elements scaled by elementBytes / 2).
 *
 * Dropout (`dropout`, default true: the paper's GPT recipe). Korthikanti's 34 = attention 11 (QKV input 2, Q and K 4,
 * V 2, projection input 2, attention-output dropout mask 1) + MLP 19 (fc1 input 2, GELU input 8, GELU output 8,
 * MLP-output dropout mask 1) + two norm inputs 4; of these only the two 1-byte masks (2sbh, both in the replicated
 * 10) belong to dropout. Of 5as/h (5as²b): softmax output 2 (kept: the softmax backward needs it), attention-dropout
 * mask 1, dropout output 2 (the input of the scores·V matmul). With dropout 0 the masks do not exist and the scores·V
 * matmul reads the stored softmax output itself, so a layer stores sbh·(32 + 2as/h): 2sbh + 3as²b less.
 * (PyTorch's dropout with p = 0 returns its input: no mask, no copy.) FlashAttention regenerates its dropout mask
 * from the RNG seed and FULL recompute re-runs dropout, so neither changes with it.
 */
export function activationBytesPerLayerFor(
  sequenceLength: number,
  microBatchSize: number,
  hiddenSize: number,
  attentionHeads: number,
  kvHeads: number,
  ffnHiddenSize: number,
  gatedMlp: boolean,
  activeExperts: number,
  moe: boolean,
  tensorParallel: number,
  sequenceParallel: boolean,
  recompute: RecomputeMode,
  flashAttention: boolean,
  elementBytes: number,
  dropout = true,
  headDim = hiddenSize / attentionHeads,
  /** 0.5 when the GEMM inputs are cached in FP8 (DeepSeek-V3 §3.3.2), else 1. */
  gemmInputScale = 1,
): number {
  const sb = sequenceLength * microBatchSize;
  const sbh = sb * hiddenSize;
  const scale = elementBytes / 2;
  const spDivisor = sequenceParallel ? tensorParallel : 1;
  if (recompute === 'FULL') {
    // Korthikanti et al. 2022 Table 2, "full recompute": 2sbh per layer (only the layer input).
    return (scale * 2 * sbh) / spDivisor;
  }
  // K and V width per rank: kvHeads/t heads, or one replicated head when t > kvHeads (Megatron-LM query groups).
  const kvHiddenPerRank = headDim * kvHeadsPerRank(kvHeads, tensorParallel);
  // FP8 caching (gemmInputScale 0.5) halves the GEMM inputs only: QKV and fc1 inputs, the projection input, the fc2
  // input (GELU output / SwiGLU product) and the dispatched MoE tokens; norm inputs, Q/K/V and masks stay as they are.
  const g = gemmInputScale;
  // Korthikanti §4.1: 10sbh outside the parallel regions (norms 4, QKV/MLP inputs 4, two 1-byte dropout masks 2).
  const replicated = ((dropout ? 6 : 4) + 4 * g) * sbh;
  // Korthikanti §4.1 attention: Q, K, V (4sbh for MHA; GQA shrinks K, V) + projection input 2sbh; Q and the
  // projection input are heads·headDim wide (= h unless headDim decouples them).
  const attentionPerRank = ((2 + 2 * g) * sb * attentionHeads * headDim) / tensorParallel + 4 * sb * kvHiddenPerRank;
  const oneMlp = ((gatedMlp ? 4 : 2) + 2 * g) * sb * ffnHiddenSize;
  // Korthikanti §4.1 MLP: 16sbh = fc1 out + GELU out for f = 4h; MoE: per routed copy, plus the dispatched inputs.
  const mlp = moe ? activeExperts * (oneMlp + 2 * g * sbh) : oneMlp;
  // Korthikanti §4.1: 5as²b of attention scores (softmax 2 + mask 1 + dropout output 2; 2 without dropout);
  // dropped by FlashAttention or selective recompute.
  const scoreBytes = dropout ? 5 : 2;
  const scores = flashAttention || recompute === 'SELECTIVE' ? 0 : scoreBytes * attentionHeads * sequenceLength * sb;
  return scale * (replicated / spDivisor + attentionPerRank + (mlp + scores) / tensorParallel);
}

/**
 * Activation bytes per layer and micro-batch for an architecture and layout (hot path; no allocation). With context
 * parallelism c each rank holds s/c of every sequence, so every term (the s² scores too: local queries × all keys)
 * is 1/c; attention also keeps the K and V it gathered from the other c − 1 ranks for its backward (Llama 3 paper
 * §3.3.2, all-gather CP) unless the whole layer is recomputed.
 */
export function activationBytesPerLayer(
  arch: ModelArchitecture,
  layout: ParallelLayout,
  recompute: RecomputeMode = layout.recompute,
): number {
  const c = layout.contextParallel ?? 1;
  const local = activationBytesPerLayerLocal(arch, layout, recompute);
  if (c === 1) return local;
  const t = layout.tensorParallel;
  const kvHiddenPerRank = headDimOf(arch) * kvHeadsPerRank(arch.kvHeads, t);
  const gatheredKv =
    recompute === 'FULL'
      ? 0
      : 2 * arch.sequenceLength * layout.microBatchSize * kvHiddenPerRank * activationElementBytesFor(layout.precision) * (1 - 1 / c);
  return local / c + gatheredKv;
}

function activationBytesPerLayerLocal(arch: ModelArchitecture, layout: ParallelLayout, recompute: RecomputeMode): number {
  const moe = arch.experts > 1;
  const moeLayers = moeLayersOf(arch);
  const sb = arch.sequenceLength * layout.microBatchSize;
  // MLA keeps its query and key/value latents (and their RMSNorm inputs) and the rotary key, TP-replicated: the
  // down-projections run on the whole hidden state (DeepSeek-V2 §2.1.2).
  const latents =
    arch.latentAttention === undefined || recompute === 'FULL'
      ? 0
      : (activationElementBytesFor(layout.precision) / 2) *
        sb *
        (4 * (arch.latentAttention.queryRank + arch.latentAttention.kvRank) + 2 * arch.latentAttention.qkRopeHeadDim);
  const moeLayer = activationBytesPerLayerUniform(arch, layout, recompute, moe, arch.ffnHiddenSize);
  if (!moe || moeLayers === arch.layers) return moeLayer + latents;
  // An MoE model with dense layers: the mean layer.
  const denseLayer = activationBytesPerLayerUniform(arch, layout, recompute, false, arch.denseFfnHiddenSize ?? arch.ffnHiddenSize);
  return (moeLayers * moeLayer + (arch.layers - moeLayers) * denseLayer) / arch.layers + latents;
}

function activationBytesPerLayerUniform(
  arch: ModelArchitecture,
  layout: ParallelLayout,
  recompute: RecomputeMode,
  moe: boolean,
  ffnHiddenSize: number,
): number {
  return activationBytesPerLayerFor(
    arch.sequenceLength,
    layout.microBatchSize,
    arch.hiddenSize,
    arch.attentionHeads,
    arch.kvHeads,
    ffnHiddenSize,
    arch.gatedMlp,
    moe ? arch.expertsPerToken + arch.sharedExperts : 1,
    moe,
    layout.tensorParallel,
    layout.sequenceParallel && layout.tensorParallel > 1,
    recompute,
    layout.flashAttention,
    activationElementBytesFor(layout.precision),
    arch.dropout ?? true,
    headDimOf(arch),
    layout.activationStorage === 'FP8' ? 0.5 : 1,
  );
}

/** Korthikanti et al. 2022 §4 formulas for a GPT-shaped layer (f = 4h, MHA, plain MLP), per micro-batch. */
export function korthikantiActivationBytesPerLayer(input: {
  sequenceLength: number;
  microBatchSize: number;
  hiddenSize: number;
  attentionHeads: number;
  tensorParallel?: number;
  sequenceParallel?: boolean;
  recompute?: RecomputeMode;
  flashAttention?: boolean;
  /** Default true (the paper's GPT recipe). */
  dropout?: boolean;
}): number {
  const h = input.hiddenSize;
  return activationBytesPerLayerFor(
    input.sequenceLength,
    input.microBatchSize,
    h,
    input.attentionHeads,
    input.attentionHeads,
    4 * h,
    false,
    1,
    false,
    input.tensorParallel ?? 1,
    input.sequenceParallel ?? false,
    input.recompute ?? 'NONE',
    input.flashAttention ?? false,
    2,
    input.dropout ?? true,
  );
}

/** GPUs a layout occupies: t × c × p × d (Megatron-Core order TP-CP-DP-PP; contextParallel absent = 1). */
export function layoutGpus(layout: ParallelLayout): number {
  return layout.tensorParallel * (layout.contextParallel ?? 1) * layout.pipelineParallel * layout.dataParallel;
}

/** Transformer layers on pipeline stage `stage` of an EVEN split without interleaving (the first L mod p take one extra). */
export function layersOnStage(layers: number, pipelineParallel: number, stage: number): number {
  const base = Math.floor(layers / pipelineParallel);
  return base + (stage < layers % pipelineParallel ? 1 : 0);
}

export { activationLayerMicroBatchesOnStage };

// ---------------------------------------------------------------------------------------------------------------
// Per-stage memory

export interface StageMemory {
  stage: number;
  layers: number;
  /** Parameters held on this GPU before ZeRO sharding (after t, p and e division). */
  parametersPerGpu: number;
  parametersBytes: number;
  gradientsBytes: number;
  optimizerStatesBytes: number;
  activationsBytes: number;
  temporaryBytes: number;
  overheadBytes: number;
  totalBytes: number;
  hostBytes: number;
  nvmeBytes: number;
}

/**
 * Routed-expert parameters per layer (matches model.ts: 2hf/3hf + biases per expert), averaged over the layers when
 * some are dense (denseLayers: the mix is spread evenly over the pipeline stages). Expert-parallel sharded; the
 * rest of a layer (attention, router, norms, shared experts) is dense.
 */
export function expertParametersPerLayer(arch: ModelArchitecture): number {
  if (arch.experts <= 1) return 0;
  const h = arch.hiddenSize;
  const f = arch.ffnHiddenSize;
  const weights = (arch.gatedMlp ? 3 : 2) * h * f;
  const biases = arch.linearBiases ? (arch.gatedMlp ? 2 * f + h : f + h) : 0;
  // Routed experts only; shared experts behave like a dense MLP (replicated over d, sharded by t).
  return (arch.experts * (weights + biases) * moeLayersOf(arch)) / arch.layers;
}

/**
 * Memory of one GPU of pipeline stage `stage`. Hot path: scalar arithmetic, one result object.
 * `microBatches` = micro-batches per step per pipeline (global batch / (micro-batch · d)).
 */
export function stageMemory(
  arch: ModelArchitecture,
  counts: ModelCounts,
  cluster: ClusterSpec,
  layout: ParallelLayout,
  options: PlanOptions | undefined,
  stage: number,
  /** Precomputed activationBytesPerLayer(arch, layout) and (…, 'NONE'), to share between stages. */
  perLayerBytes?: number,
  perLayerNoRecomputeBytes?: number,
): StageMemory {
  const t = layout.tensorParallel;
  const p = layout.pipelineParallel;
  const d = layout.dataParallel;
  const c = layout.contextParallel ?? 1;
  // CP ranks hold the same weights and reduce gradients together: ZeRO shards over DP × CP (Megatron-Core's
  // distributed optimizer uses the DP×CP group).
  const shardGroup = d * c;
  const e = layout.expertParallel > 0 ? layout.expertParallel : 1;
  const zero = layout.zeroStage;
  const first = stage === 0;
  const last = stage === p - 1;
  const layers = rankLayers(arch.layers, layout, stage);
  const microBatches = layout.globalBatchSize / (layout.microBatchSize * d);

  // Parameters on this stage: layers + input embedding (first) + final norm and output head or tied replica (last).
  const expertLayer = expertParametersPerLayer(arch);
  const denseLayer = counts.parametersPerLayer - expertLayer;
  const headOnLast = counts.outputHeadParameters > 0 ? counts.outputHeadParameters : p > 1 ? arch.vocabSize * arch.hiddenSize : 0;
  const denseStage =
    layers * denseLayer +
    (first ? counts.inputEmbeddingParameters : 0) +
    (last ? counts.finalNormParameters + headOnLast : 0);
  const replicatedKv = replicatedKvParametersPerRank(arch, t);
  const denseGpu = denseStage / t + layers * replicatedKv;
  const expertGpu = (layers * expertLayer) / (t * e);
  const expertDp = shardGroup / e;

  const pb = parameterBytesFor(layout.precision);
  const gb = gradientBytesOf(layout);
  const k = optimizerStateBytesFor(layout.optimizer, layout.precision);
  // ZeRO paper §5: stage ≥ 1 shards K, ≥ 2 the gradients, 3 the parameters over the data-parallel group.
  const shardedParams = denseGpu / shardGroup + expertGpu / expertDp;
  const fullParams = denseGpu + expertGpu;
  let parametersBytes = pb * (zero >= 3 ? shardedParams : fullParams);
  let gradientsBytes = gb * (zero >= 2 ? shardedParams : fullParams);
  let optimizerStatesBytes = k * (zero >= 1 ? shardedParams : fullParams);
  // Adapter fine-tuning (Hu et al. 2021 §4.2: no optimizer states for the frozen weights): gradients and optimizer
  // states exist for the adapters only; the frozen layers weigh QLoRA's 4.127 bits or the training precision.
  const adapter = layout.adapter;
  const adapterGpu = adapter === undefined ? 0 : (layers * adapterParametersPerLayer(arch, adapter)) / t;
  const frozenLayerBytes = adapter === undefined ? pb : frozenLayerBytesPerParameter(adapter, pb);
  if (adapter !== undefined) {
    const layerWeightsGpu = (layers * denseLayer) / t + layers * replicatedKv;
    const frozenBytes = frozenWeightBytes(adapter, layerWeightsGpu, denseGpu - layerWeightsGpu, pb);
    parametersBytes = (zero >= 3 ? frozenBytes / shardGroup : frozenBytes) + pb * (zero >= 3 ? adapterGpu / shardGroup : adapterGpu);
    gradientsBytes = gb * (zero >= 2 ? adapterGpu / shardGroup : adapterGpu);
    optimizerStatesBytes = k * (zero >= 1 ? adapterGpu / shardGroup : adapterGpu);
  }

  // Offload (ZeRO-Offload, Ren et al. 2021; ZeRO-Infinity, Rajbhandari et al. 2021).
  let hostBytes = 0;
  let nvmeBytes = 0;
  const offload = layout.offload;
  if (offload === 'OPTIMIZER_CPU' || offload === 'OPTIMIZER_NVME') {
    // ZeRO-Offload §4: optimizer states (and, with partitioned gradients, the gradient shard) live on the host.
    if (offload === 'OPTIMIZER_CPU') hostBytes += optimizerStatesBytes;
    else nvmeBytes += optimizerStatesBytes;
    optimizerStatesBytes = 0;
    if (zero >= 2) {
      hostBytes += gradientsBytes;
      gradientsBytes = 0;
    }
  } else if (offload === 'PARAMETERS_CPU' || offload === 'PARAMETERS_NVME') {
    // ZeRO-Infinity §5: parameters and optimizer states on CPU or NVMe, gradients on the host; the device keeps
    // only the working set (temporary buffers below).
    if (offload === 'PARAMETERS_CPU') hostBytes += parametersBytes + optimizerStatesBytes;
    else nvmeBytes += parametersBytes + optimizerStatesBytes;
    hostBytes += gradientsBytes;
    parametersBytes = 0;
    gradientsBytes = 0;
    optimizerStatesBytes = 0;
  }

  // Activations: in-flight layer-micro-batches × per-layer bytes, plus the one layer being recomputed.
  const perLayer = perLayerBytes ?? activationBytesPerLayer(arch, layout);
  const inFlight = activationLayerMicroBatchesOnStage(arch.layers, p, layout.pipelineInterleave, microBatches, stage, layout.pipelineStageLayers);
  let activationsBytes = inFlight * perLayer;
  if (layout.recompute !== 'NONE') {
    // During backward one layer is rebuilt in full around what it stored (Korthikanti §5): FULL rebuilds everything
    // but its input, SELECTIVE the attention scores (nothing with FlashAttention, where NONE = SELECTIVE).
    activationsBytes += (perLayerNoRecomputeBytes ?? activationBytesPerLayer(arch, layout, 'NONE')) - perLayer;
  }

  // Temporary buffers.
  let temporaryBytes = 0;
  if (last) {
    // Logits of one micro-batch in fp32 for the cross-entropy, vocab-parallel: 4·s·b·V/t (Korthikanti §4.1 output layer).
    temporaryBytes += (4 * arch.sequenceLength * layout.microBatchSize * arch.vocabSize) / (t * c);
  }
  if (zero >= 2) {
    // Reduce bucket of unsharded gradients (DeepSpeed ZeRO-2/3). Capped at the non-local gradients when they stay
    // on the device (a bucket as large as them would be ZeRO-1); with gradients offloaded it stages them all.
    const nonLocal = fullParams - shardedParams;
    const gradientsOffloaded = offload !== 'NONE';
    // With an adapter only its gradients are reduced.
    const reduced = adapter !== undefined ? adapterGpu - adapterGpu / shardGroup : gradientsOffloaded ? fullParams : nonLocal;
    temporaryBytes += gb * Math.min(REDUCE_BUCKET_ELEMENTS, reduced);
    if (zero === 3) {
      // Gathered layers (current + prefetched), capped at the stage's non-local parameters (all of them when
      // the parameters live on the host or NVMe).
      const layerGpu = denseLayer / t + replicatedKv + expertLayer / (t * e);
      const parametersOffloaded = offload === 'PARAMETERS_CPU' || offload === 'PARAMETERS_NVME';
      temporaryBytes += frozenLayerBytes * Math.min(ZERO3_GATHERED_LAYERS * layerGpu, parametersOffloaded ? fullParams : nonLocal);
    }
  }

  const overheadBytes = options?.frameworkOverheadBytes ?? DEFAULT_FRAMEWORK_OVERHEAD_BYTES;
  return {
    stage,
    layers,
    parametersPerGpu: fullParams,
    parametersBytes,
    gradientsBytes,
    optimizerStatesBytes,
    activationsBytes,
    temporaryBytes,
    overheadBytes,
    totalBytes: parametersBytes + gradientsBytes + optimizerStatesBytes + activationsBytes + temporaryBytes + overheadBytes,
    hostBytes,
    nvmeBytes,
  };
}

/**
 * Whether the offloaded bytes fit the node: every GPU of a node offloads to the same CPU RAM and local NVMe, so a
 * node needs (GPUs on it) × (bytes per GPU of the stage that offloads most) — an upper bound when stages differ —
 * within the node's capacity less the same headroom fraction as the device (ZeRO-Offload/Infinity keep pinned
 * buffers and the OS needs room too).
 */
export function offloadFits(
  memory: Pick<MemoryEstimate, 'hostBytes' | 'nvmeBytes'>,
  cluster: ClusterSpec,
  headroomFraction: number,
): { hostFits: boolean; nvmeFits: boolean; hostBytesPerNode: number; nvmeBytesPerNode: number } {
  const gpusOnNode = Math.min(cluster.gpusPerNode, cluster.gpusPerNode * cluster.nodes);
  const hostBytesPerNode = memory.hostBytes * gpusOnNode;
  const nvmeBytesPerNode = memory.nvmeBytes * gpusOnNode;
  const usable = 1 - headroomFraction;
  return {
    hostFits: hostBytesPerNode === 0 || hostBytesPerNode <= hostMemoryBytesPerNodeOf(cluster) * usable,
    nvmeFits: nvmeBytesPerNode === 0 || nvmeBytesPerNode <= nvmeBytesPerNodeOf(cluster) * usable,
    hostBytesPerNode,
    nvmeBytesPerNode,
  };
}

/**
 * Memory of the most-loaded GPU: the max over the first and last stage (under EVEN splits middle stages never exceed
 * stage 0) and, for an explicit split, the middle stages that could be heavier.
 */
export function estimateMemory(
  arch: ModelArchitecture,
  counts: ModelCounts,
  cluster: ClusterSpec,
  layout: ParallelLayout,
  options?: PlanOptions,
): MemoryEstimate {
  const perLayer = activationBytesPerLayer(arch, layout);
  const perLayerNone = layout.recompute === 'NONE' ? perLayer : activationBytesPerLayer(arch, layout, 'NONE');
  const firstStage = stageMemory(arch, counts, cluster, layout, options, 0, perLayer, perLayerNone);
  const p = layout.pipelineParallel;
  let worst = firstStage;
  let worstIndex = 0;
  let hostBytes = firstStage.hostBytes;
  let nvmeBytes = firstStage.nvmeBytes;
  if (p > 1) {
    const lastStage = stageMemory(arch, counts, cluster, layout, options, p - 1, perLayer, perLayerNone);
    if (lastStage.totalBytes > firstStage.totalBytes) {
      worst = lastStage;
      worstIndex = p - 1;
    }
    // Off-device bytes follow the stage's parameters (first: most layers; last: the head), not its device total.
    if (lastStage.hostBytes > hostBytes) hostBytes = lastStage.hostBytes;
    if (lastStage.nvmeBytes > nvmeBytes) nvmeBytes = lastStage.nvmeBytes;
  }
  const list = layout.pipelineStageLayers;
  if (list !== undefined && p > 2) {
    // An explicit split may load a middle rank more (Llama 3's: 7 layers on the first, 8 on the second); only the
    // middle ranks that could be heavier are evaluated (pipeline.ts heavierMiddleRanks).
    const m = layout.globalBatchSize / (layout.microBatchSize * layout.dataParallel);
    for (const stage of heavierMiddleRanks(arch.layers, list, p, m)) {
      const middle = stageMemory(arch, counts, cluster, layout, options, stage, perLayer, perLayerNone);
      if (middle.totalBytes > worst.totalBytes) {
        worst = middle;
        worstIndex = stage;
      }
      if (middle.hostBytes > hostBytes) hostBytes = middle.hostBytes;
      if (middle.nvmeBytes > nvmeBytes) nvmeBytes = middle.nvmeBytes;
    }
  }
  return {
    parametersBytes: worst.parametersBytes,
    gradientsBytes: worst.gradientsBytes,
    optimizerStatesBytes: worst.optimizerStatesBytes,
    activationsBytes: worst.activationsBytes,
    temporaryBytes: worst.temporaryBytes,
    overheadBytes: worst.overheadBytes,
    totalBytes: worst.totalBytes,
    capacityBytes: cluster.gpu.memoryBytes,
    hostBytes,
    nvmeBytes,
    mostLoadedStage: worstIndex,
  };
}

/** Memory of every pipeline stage (one GPU per stage; all GPUs of a stage are alike). Not for the hot path. */
export function memoryByPipelineStage(
  arch: ModelArchitecture,
  counts: ModelCounts,
  cluster: ClusterSpec,
  layout: ParallelLayout,
  options?: PlanOptions,
): StageMemory[] {
  const out: StageMemory[] = [];
  for (let stage = 0; stage < layout.pipelineParallel; stage++) {
    out.push(stageMemory(arch, counts, cluster, layout, options, stage));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Largest trainable model (ZeRO paper Table 2 in arXiv v3)

export interface MaxTrainableActivations {
  hiddenSize: number;
  attentionHeads: number;
  sequenceLength: number;
  microBatchSize?: number;
  recompute?: RecomputeMode;
  sequenceParallel?: boolean;
  flashAttention?: boolean;
  /** Dropout masks stored (default true, as the GPT models of the ZeRO paper). */
  dropout?: boolean;
  /** With a vocabulary the first stage's embedding (V·h/t parameters) is charged too; default: not counted. */
  vocabSize?: number;
  /** Fixed bytes per GPU taken off the capacity (default: DEFAULT_FRAMEWORK_OVERHEAD_BYTES). */
  frameworkOverheadBytes?: number;
}

/**
 * Largest parameter count whose memory fits one GPU.
 * Model states only (the ZeRO paper's Table 2 columns): Ψ_max = M·t·p / (bytes per parameter after ZeRO over
 * d = gpus/(t·p)). With `includeActivations`, a GPT-shaped model of the given hidden size (12h² + 13h parameters
 * per layer, so L = Ψ/(12h² + 13h)) must also hold its activations on the first stage, which under 1F1B stores
 * p micro-batches × L/p layers = L layer-micro-batches (Korthikanti et al. 2022 §4.2.3), plus the framework overhead.
 */
export function maxTrainableParameters(input: {
  gpu: GpuSpec;
  gpus: number;
  zeroStage: ZeroStage;
  tensorParallel?: number;
  pipelineParallel?: number;
  optimizer?: OptimizerKind;
  precision?: Precision;
  includeActivations?: MaxTrainableActivations;
}): number {
  const t = requireInteger('tensorParallel', input.tensorParallel ?? 1, 1);
  const p = requireInteger('pipelineParallel', input.pipelineParallel ?? 1, 1);
  const gpus = requireInteger('gpus', input.gpus, 1);
  if (gpus % (t * p) !== 0) {
    throw new InvalidInputError('gpus', gpus, `a multiple of tensorParallel × pipelineParallel (${t * p})`);
  }
  if (![0, 1, 2, 3].includes(input.zeroStage)) {
    throw new InvalidInputError('zeroStage', input.zeroStage, 'one of 0, 1, 2, 3');
  }
  const d = gpus / (t * p);
  const precision = requirePrecision(input.precision ?? 'BF16');
  const optimizer = input.optimizer ?? 'ADAM';
  optimizerStateBytesFor(optimizer, precision); // validates the optimizer
  const capacity = input.gpu.memoryBytes;
  // Bytes per model parameter on one GPU: parameters are split t·p ways, then ZeRO splits the states d ways.
  const stateBytesPerParameter = modelStateBytesPerParameter(input.zeroStage, d, optimizer, precision) / (t * p);
  const act = input.includeActivations;
  if (act === undefined) return capacity / stateBytesPerParameter;

  const h = requireInteger('includeActivations.hiddenSize', act.hiddenSize, 1);
  const a = requireInteger('includeActivations.attentionHeads', act.attentionHeads, 1);
  const s = requireInteger('includeActivations.sequenceLength', act.sequenceLength, 1);
  const b = requireInteger('includeActivations.microBatchSize', act.microBatchSize ?? 1, 1);
  const recompute = act.recompute ?? 'NONE';
  const sp = (act.sequenceParallel ?? false) && t > 1;
  const flash = act.flashAttention ?? false;
  const elementBytes = activationElementBytesFor(precision);
  const dropout = act.dropout ?? true;
  const perLayer = activationBytesPerLayerFor(s, b, h, a, a, 4 * h, false, 1, false, t, sp, recompute, flash, elementBytes, dropout);
  const workingLayer =
    recompute === 'NONE'
      ? 0
      : activationBytesPerLayerFor(s, b, h, a, a, 4 * h, false, 1, false, t, sp, 'NONE', flash, elementBytes, dropout) - perLayer;
  // GPT block: 12h² + 13h parameters (attention 4h² + 4h, MLP 8h² + 5h, two LayerNorms 4h).
  const parametersPerLayer = 12 * h * h + 13 * h;
  const embeddingBytes = ((act.vocabSize ?? 0) * h / t) * modelStateBytesPerParameter(input.zeroStage, d, optimizer, precision);
  const overhead = act.frameworkOverheadBytes ?? DEFAULT_FRAMEWORK_OVERHEAD_BYTES;
  const available = capacity - overhead - workingLayer - embeddingBytes;
  if (available <= 0) return 0;
  return available / (stateBytesPerParameter + perLayer / parametersPerLayer);
}
