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
import { activationBytesPerLayer, activationBytesPerLayerFor, runsEagerClamp } from './activations.js';
import { adapterParametersPerLayer, frozenLayerBytesPerParameter, frozenWeightBytes } from './adapter.js';
import { InvalidInputError, requireInteger } from './errors.js';
import { hostMemoryBytesPerNodeOf, nvmeBytesPerNodeOf } from './hardware.js';
import { moeLayersOf, multiTokenPredictionModuleParameters, replicatedKvParametersPerRank } from './model.js';
import { expertLoadFor } from './moe-load.js';
import { modelStateBytesPerParameter, requirePrecision } from './model-states.js';
import { activationLayerMicroBatchesOnStage, heavierMiddleRanks, rankLayers, recomputedLayerFraction } from './pipeline.js';
import { activationElementBytesFor, gradientBytesOf, optimizerStateBytesFor, optimizerStateBytesOf, parameterBytesFor } from './precision.js';
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

// The per-layer activations (activations.ts) and the ZeRO model states (model-states.ts) are part of this module's
// public face: callers import them from here as before.
export {
  activationBytesPerLayer,
  activationBytesPerLayerFor,
  korthikantiActivationBytesPerLayer,
} from './activations.js';
export { modelStateBytesPerParameter, modelStateMemoryByZeroStage, type ZeroStageMemory } from './model-states.js';

const GIB = 2 ** 30;

/**
 * Default framework overhead per GPU, 2 GiB: the CUDA context with PyTorch's kernels (≈ 0.5–1 GiB on A100/H100),
 * NCCL communicator buffers for the TP/PP/DP groups (NCCL_BUFFSIZE 4 MiB × channels × peers: ≈ 0.3–1 GiB) and
 * cuBLAS/cuDNN workspaces. Allocator fragmentation is covered separately by the headroom fraction. User-settable
 * via PlanOptions.frameworkOverheadBytes.
 */
export const DEFAULT_FRAMEWORK_OVERHEAD_BYTES = 2 * GIB;

/**
 * Default fraction of `memoryBytes` kept free when deciding `fits`: none. PyTorch's caching allocator loses 3–10 % of
 * reserved memory to fragmentation, but `memoryBytes` is the datasheet's decimal GB while HBM is GiB-sized (HBM3:
 * 16 GiB stacks; nvidia-smi shows 81,559 MiB on an H100 80GB): the 7.4 % gap (6.9 % of the device) already is that
 * reserve. Taking 5 % more, as this planner did, left 11.6 % of an H100 unused on top of the 2 GiB overhead, and
 * judged layouts that trained as not fitting (Llama 3 405B's published 16,384-GPU layout, Dubey et al. 2024 §3.3.2:
 * "without activation checkpointing", 78.1 GB here). Users can still ask for a margin (options.memoryHeadroomFraction).
 */
export const DEFAULT_MEMORY_HEADROOM_FRACTION = 0;

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

/** GPUs a layout occupies: t × c × p × d (Megatron-Core order TP-CP-DP-PP; contextParallel absent = 1). */
export function layoutGpus(layout: ParallelLayout): number {
  return layout.tensorParallel * (layout.contextParallel ?? 1) * layout.pipelineParallel * layout.dataParallel;
}

/** Tensor-parallel degree of the routed experts: expertTensorParallel, absent = tensorParallel (Megatron-Core's default). */
export function expertTensorParallelOf(layout: ParallelLayout): number {
  return layout.expertTensorParallel ?? layout.tensorParallel;
}

/**
 * The routed experts' data-parallel (ZeRO and gradient-reduction) group: a stage's TP × CP × DP ranks over ETP × EP
 * (Megatron-Core MoE parallel folding; with ETP = TP it is DP·CP/EP).
 */
export function expertDataParallelOf(layout: ParallelLayout): number {
  const e = layout.expertParallel > 0 ? layout.expertParallel : 1;
  return ((layout.tensorParallel / expertTensorParallelOf(layout)) * layout.dataParallel * (layout.contextParallel ?? 1)) / e;
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
 * Model states of one GPU of a stage, after TP/EP division and ZeRO sharding (and offload, applied afterwards by
 * offloadStates). One mutable record per stage so the hot path allocates once.
 */
interface StageStates {
  layers: number;
  /** Dense and routed-expert parameters of one layer (whole layer, before TP/EP division). */
  denseLayer: number;
  expertLayer: number;
  replicatedKv: number;
  /** Parameters on this GPU before ZeRO sharding, and the part ZeRO leaves after sharding over DP (× CP). */
  fullParams: number;
  shardedParams: number;
  /** Adapter parameters on this GPU (0 without an adapter). */
  adapterGpu: number;
  /** Bytes of a frozen (or trained) layer weight: QLoRA's 4.127 bits or the training precision. */
  frozenLayerBytes: number;
  parametersBytes: number;
  gradientsBytes: number;
  optimizerStatesBytes: number;
  hostBytes: number;
  nvmeBytes: number;
  /** ZeRO-3 keeping the stage's parameters gathered from forward to backward (PlanOptions.reshardAfterForward false). */
  parametersGathered: boolean;
}

/**
 * Whether ZeRO-3 keeps a layer's gathered parameters from its forward to its backward (PlanOptions.reshardAfterForward
 * false; FSDP2 reshard_after_forward=False): with micro-batches of every stage between forward and backward, the whole
 * stage's parameters are then on the device, as under ZeRO-2. Not with the parameters offloaded (ZeRO-Infinity).
 */
export function keepsParametersGathered(layout: ParallelLayout, options: PlanOptions | undefined): boolean {
  return layout.zeroStage === 3 && options?.reshardAfterForward === false && layout.offload !== 'PARAMETERS_CPU' && layout.offload !== 'PARAMETERS_NVME';
}

/** Parameters, gradients and optimizer states of stage `stage` on one GPU (ZeRO paper §5, adapters: Hu et al. 2021). */
function stageStates(arch: ModelArchitecture, counts: ModelCounts, layout: ParallelLayout, stage: number, parametersGathered = false): StageStates {
  const t = layout.tensorParallel;
  const p = layout.pipelineParallel;
  // CP ranks hold the same weights and reduce gradients together: ZeRO shards over DP × CP (Megatron-Core's
  // distributed optimizer uses the DP×CP group).
  const shardGroup = layout.dataParallel * (layout.contextParallel ?? 1);
  const e = layout.expertParallel > 0 ? layout.expertParallel : 1;
  const zero = layout.zeroStage;
  // DualPipe (DeepSeek-V3 report §3.2.1, Table 2: "2×" parameters per device): rank i holds stages i and p − 1 − i with
  // all their states, so ranks 0 and p − 1 both hold the embedding and the output head (§3.2.3).
  const mirror = layout.pipelineSchedule === 'DUALPIPE' ? p - 1 - stage : stage;
  const first = stage === 0 || mirror === 0;
  const last = stage === p - 1 || mirror === p - 1;
  const layers = rankLayers(arch.layers, layout, stage) + (mirror !== stage ? rankLayers(arch.layers, layout, mirror) : 0);

  // Parameters on this stage: layers + input embedding (first) + final norm and output head or tied replica (last).
  const expertLayer = expertParametersPerLayer(arch);
  const denseLayer = counts.parametersPerLayer - expertLayer;
  const headOnLast = counts.outputHeadParameters > 0 ? counts.outputHeadParameters : p > 1 ? arch.vocabSize * arch.hiddenSize : 0;
  // Multi-token-prediction modules sit with the output head, whose weights they share (DeepSeek-V3 §3.2.3).
  const mtpDepth = last ? (arch.multiTokenPredictionDepth ?? 0) : 0;
  const mtp = mtpDepth > 0 ? multiTokenPredictionModuleParameters(arch, counts) : { dense: 0, routed: 0 };
  const denseStage =
    layers * denseLayer +
    (first ? counts.inputEmbeddingParameters : 0) +
    (last ? counts.finalNormParameters + headOnLast : 0) +
    mtpDepth * mtp.dense;
  const replicatedKv = replicatedKvParametersPerRank(arch, t);
  const denseGpu = denseStage / t + (layers + mtpDepth) * replicatedKv;
  // Routed experts: split ETP × EP ways; their ZeRO group is the expert-data-parallel group.
  const expertGpu = (layers * expertLayer + mtpDepth * mtp.routed) / (expertTensorParallelOf(layout) * e);
  const expertDp = expertDataParallelOf(layout);

  const pb = parameterBytesFor(layout.precision);
  const gb = gradientBytesOf(layout);
  const k = optimizerStateBytesOf(layout);
  // ZeRO paper §5: stage ≥ 1 shards K, ≥ 2 the gradients, 3 the parameters over the data-parallel group (at rest:
  // kept gathered from forward to backward, the device holds them whole).
  const shardedParams = denseGpu / shardGroup + expertGpu / expertDp;
  const shardParameters = zero >= 3 && !parametersGathered;
  const fullParams = denseGpu + expertGpu;
  const states: StageStates = {
    layers,
    denseLayer,
    expertLayer,
    replicatedKv,
    fullParams,
    shardedParams,
    adapterGpu: 0,
    frozenLayerBytes: pb,
    parametersBytes: pb * (shardParameters ? shardedParams : fullParams),
    gradientsBytes: gb * (zero >= 2 ? shardedParams : fullParams),
    optimizerStatesBytes: k * (zero >= 1 ? shardedParams : fullParams),
    hostBytes: 0,
    nvmeBytes: 0,
    parametersGathered: zero >= 3 && parametersGathered,
  };
  // Adapter fine-tuning (Hu et al. 2021 §4.2: no optimizer states for the frozen weights): gradients and optimizer
  // states exist for the adapters only; the frozen layers weigh QLoRA's 4.127 bits or the training precision.
  const adapter = layout.adapter;
  if (adapter !== undefined) {
    const adapterGpu = (layers * adapterParametersPerLayer(arch, adapter)) / t;
    const layerWeightsGpu = (layers * denseLayer) / t + layers * replicatedKv;
    const frozenBytes = frozenWeightBytes(adapter, layerWeightsGpu, denseGpu - layerWeightsGpu, pb);
    states.adapterGpu = adapterGpu;
    states.frozenLayerBytes = frozenLayerBytesPerParameter(adapter, pb);
    states.parametersBytes = (shardParameters ? frozenBytes / shardGroup : frozenBytes) + pb * (shardParameters ? adapterGpu / shardGroup : adapterGpu);
    states.gradientsBytes = gb * (zero >= 2 ? adapterGpu / shardGroup : adapterGpu);
    states.optimizerStatesBytes = k * (zero >= 1 ? adapterGpu / shardGroup : adapterGpu);
  }
  return states;
}

/** Moves the offloaded states to the host or NVMe (ZeRO-Offload, Ren et al. 2021; ZeRO-Infinity, Rajbhandari et al. 2021). */
function offloadStates(states: StageStates, layout: ParallelLayout): void {
  const offload = layout.offload;
  if (offload === 'OPTIMIZER_CPU' || offload === 'OPTIMIZER_NVME') {
    // ZeRO-Offload §4: optimizer states (and, with partitioned gradients, the gradient shard) live on the host.
    if (offload === 'OPTIMIZER_CPU') states.hostBytes += states.optimizerStatesBytes;
    else states.nvmeBytes += states.optimizerStatesBytes;
    states.optimizerStatesBytes = 0;
    if (layout.zeroStage >= 2) {
      states.hostBytes += states.gradientsBytes;
      states.gradientsBytes = 0;
    }
  } else if (offload === 'PARAMETERS_CPU' || offload === 'PARAMETERS_NVME') {
    // ZeRO-Infinity §5: parameters and optimizer states on CPU or NVMe, gradients on the host; the device keeps
    // only the working set (temporary buffers below).
    if (offload === 'PARAMETERS_CPU') states.hostBytes += states.parametersBytes + states.optimizerStatesBytes;
    else states.nvmeBytes += states.parametersBytes + states.optimizerStatesBytes;
    states.hostBytes += states.gradientsBytes;
    states.parametersBytes = 0;
    states.gradientsBytes = 0;
    states.optimizerStatesBytes = 0;
  }
}

/** Activations of stage `stage`: in-flight layer-micro-batches × per-layer bytes, plus the one layer being recomputed. */
function stageActivationBytes(
  arch: ModelArchitecture,
  layout: ParallelLayout,
  stage: number,
  perLayerBytes: number | undefined,
  perLayerNoRecomputeBytes: number | undefined,
  expertLoad: number,
  eagerClamp: boolean,
): number {
  const p = layout.pipelineParallel;
  const microBatches = layout.globalBatchSize / (layout.microBatchSize * layout.dataParallel);
  const perLayer = perLayerBytes ?? activationBytesPerLayer(arch, layout, layout.recompute, expertLoad, eagerClamp);
  const inFlight =
    layout.pipelineSchedule === 'DUALPIPE'
      ? // DeepSeek-V3 report Table 2: DualPipe keeps PP + 1 micro-batches of a stage per device (1F1B: PP); a stage here
        // is the mean of the two this rank holds.
        (Math.min(p + 1, microBatches) * (rankLayers(arch.layers, layout, stage) + rankLayers(arch.layers, layout, p - 1 - stage))) / 2
      : activationLayerMicroBatchesOnStage(arch.layers, p, layout.pipelineInterleave, microBatches, stage, layout.pipelineStageLayers);
  // Multi-token-prediction blocks on the head's stage (p − 1; under DualPipe also rank 0; DeepSeek-V3 §2.2, §3.2.3):
  // one more layer for each micro-batch the last stage holds — 1 under 1F1B (its backward follows its forward), under
  // DualPipe half of the PP + 1 this rank's two stages hold (Table 2).
  const headStage = stage === p - 1 || (layout.pipelineSchedule === 'DUALPIPE' && stage === 0);
  const mtpDepth = headStage ? (arch.multiTokenPredictionDepth ?? 0) : 0;
  const mtpMicroBatches = layout.pipelineSchedule === 'DUALPIPE' ? Math.min(p + 1, microBatches) / 2 : 1;
  // Under FULL with recomputeLayers the stages' other layers keep all their activations: the in-flight layers are a
  // mean of the two (pipeline.ts recomputedLayerFraction).
  const recomputed = recomputedLayerFraction(arch.layers, layout);
  const inFlightPerLayer =
    layout.recompute === 'FULL' && recomputed < 1
      ? recomputed * perLayer + (1 - recomputed) * (perLayerNoRecomputeBytes ?? activationBytesPerLayer(arch, layout, 'NONE', expertLoad, eagerClamp))
      : perLayer;
  let activationsBytes = (inFlight + mtpDepth * mtpMicroBatches) * inFlightPerLayer;
  if (layout.recompute !== 'NONE') {
    // During backward one layer is rebuilt in full around what it stored (Korthikanti §5): FULL rebuilds everything
    // but its input, SELECTIVE the attention scores (nothing with FlashAttention, where NONE = SELECTIVE).
    activationsBytes += (perLayerNoRecomputeBytes ?? activationBytesPerLayer(arch, layout, 'NONE', expertLoad, eagerClamp)) - perLayer;
  }
  if (layout.cheapRecompute === true) {
    // The same for the cheap operators: one layer's norm outputs, up-projections and SwiGLU output exist at a time.
    const stored = layout.recompute === 'NONE' ? perLayer : (perLayerNoRecomputeBytes ?? activationBytesPerLayer(arch, layout, 'NONE', expertLoad, eagerClamp));
    activationsBytes += activationBytesPerLayer(arch, { ...layout, cheapRecompute: false }, 'NONE', expertLoad, eagerClamp) - stored;
  }
  return activationsBytes;
}

/** Temporary buffers of stage `stage`: the last stage's logits, ZeRO-2/3 reduce buckets and ZeRO-3 gathered layers. */
function stageTemporaryBytes(arch: ModelArchitecture, layout: ParallelLayout, stage: number, states: StageStates): number {
  const t = layout.tensorParallel;
  const zero = layout.zeroStage;
  let temporaryBytes = 0;
  const p = layout.pipelineParallel;
  // The output head's rank (under DualPipe also rank 0, which holds the last stage too).
  if (stage === p - 1 || (layout.pipelineSchedule === 'DUALPIPE' && stage === 0)) {
    // Logits of one micro-batch in fp32 for the cross-entropy, vocab-parallel: 4·s·b·V/t (Korthikanti §4.1 output layer).
    temporaryBytes += (4 * arch.sequenceLength * layout.microBatchSize * arch.vocabSize) / (t * (layout.contextParallel ?? 1));
  }
  if (zero >= 2) {
    // Reduce bucket of unsharded gradients (DeepSpeed ZeRO-2/3). Capped at the non-local gradients when they stay
    // on the device (a bucket as large as them would be ZeRO-1); with gradients offloaded it stages them all.
    const { fullParams, shardedParams, adapterGpu } = states;
    const nonLocal = fullParams - shardedParams;
    const offload = layout.offload;
    const gradientsOffloaded = offload !== 'NONE';
    const shardGroup = layout.dataParallel * (layout.contextParallel ?? 1);
    // With an adapter only its gradients are reduced.
    const reduced = layout.adapter !== undefined ? adapterGpu - adapterGpu / shardGroup : gradientsOffloaded ? fullParams : nonLocal;
    temporaryBytes += gradientBytesOf(layout) * Math.min(REDUCE_BUCKET_ELEMENTS, reduced);
    if (zero === 3 && !states.parametersGathered) {
      // Gathered layers (current + prefetched), capped at the stage's non-local parameters (all of them when
      // the parameters live on the host or NVMe); kept gathered, they are in parametersBytes already.
      const e = layout.expertParallel > 0 ? layout.expertParallel : 1;
      // A layer's routed experts are split ETP × EP ways (stageStates).
      const layerGpu = states.denseLayer / t + states.replicatedKv + states.expertLayer / (expertTensorParallelOf(layout) * e);
      const parametersOffloaded = offload === 'PARAMETERS_CPU' || offload === 'PARAMETERS_NVME';
      temporaryBytes += states.frozenLayerBytes * Math.min(ZERO3_GATHERED_LAYERS * layerGpu, parametersOffloaded ? fullParams : nonLocal);
    }
  }
  return temporaryBytes;
}

/**
 * Memory of one GPU of pipeline stage `stage`: model states, offload, activations, temporary buffers and the
 * framework overhead. Hot path: scalar arithmetic, one intermediate and one result object.
 */
export function stageMemory(
  arch: ModelArchitecture,
  counts: ModelCounts,
  _cluster: ClusterSpec,
  layout: ParallelLayout,
  options: PlanOptions | undefined,
  stage: number,
  /** Precomputed activationBytesPerLayer(arch, layout) and (…, 'NONE'), to share between stages. */
  perLayerBytes?: number,
  perLayerNoRecomputeBytes?: number,
): StageMemory {
  const states = stageStates(arch, counts, layout, stage, keepsParametersGathered(layout, options));
  offloadStates(states, layout);
  const activationsBytes = stageActivationBytes(arch, layout, stage, perLayerBytes, perLayerNoRecomputeBytes, expertLoadFor(arch, layout, options), runsEagerClamp(arch, options));
  const temporaryBytes = stageTemporaryBytes(arch, layout, stage, states);
  const overheadBytes = options?.frameworkOverheadBytes ?? DEFAULT_FRAMEWORK_OVERHEAD_BYTES;
  const { parametersBytes, gradientsBytes, optimizerStatesBytes } = states;
  return {
    stage,
    layers: states.layers,
    parametersPerGpu: states.fullParams,
    parametersBytes,
    gradientsBytes,
    optimizerStatesBytes,
    activationsBytes,
    temporaryBytes,
    overheadBytes,
    totalBytes: parametersBytes + gradientsBytes + optimizerStatesBytes + activationsBytes + temporaryBytes + overheadBytes,
    hostBytes: states.hostBytes,
    nvmeBytes: states.nvmeBytes,
  };
}

/**
 * Fraction of the node's CPU RAM and NVMe kept free for offload: 5 % (pinned staging buffers, the OS, the file
 * system); the device's GiB gap (DEFAULT_MEMORY_HEADROOM_FRACTION) has no counterpart in the host's capacities.
 */
const HOST_RESERVE_FRACTION = 0.05;

/**
 * Whether the offloaded bytes fit the node: every GPU of a node offloads to the same CPU RAM and local NVMe, so a
 * node needs (GPUs on it) × (bytes per GPU of the stage that offloads most) — an upper bound when stages differ —
 * within the node's capacity less the device's headroom fraction, at least HOST_RESERVE_FRACTION (ZeRO-Offload/Infinity
 * keep pinned buffers and the OS needs room too).
 */
export function offloadFits(
  memory: Pick<MemoryEstimate, 'hostBytes' | 'nvmeBytes'>,
  cluster: ClusterSpec,
  headroomFraction: number,
): { hostFits: boolean; nvmeFits: boolean; hostBytesPerNode: number; nvmeBytesPerNode: number } {
  const gpusOnNode = Math.min(cluster.gpusPerNode, cluster.gpusPerNode * cluster.nodes);
  const hostBytesPerNode = memory.hostBytes * gpusOnNode;
  const nvmeBytesPerNode = memory.nvmeBytes * gpusOnNode;
  // Host RAM and NVMe keep at least HOST_RESERVE_FRACTION free whatever the device headroom.
  const usable = 1 - Math.max(headroomFraction, HOST_RESERVE_FRACTION);
  return {
    hostFits: hostBytesPerNode === 0 || hostBytesPerNode <= hostMemoryBytesPerNodeOf(cluster) * usable,
    nvmeFits: nvmeBytesPerNode === 0 || nvmeBytesPerNode <= nvmeBytesPerNodeOf(cluster) * usable,
    hostBytesPerNode,
    nvmeBytesPerNode,
  };
}

const NO_RANKS: readonly number[] = [];

/**
 * Middle ranks (0 < i < p − 1) that could hold more than the first and the last: none under EVEN splits; under DualPipe
 * ranks 1 … p/2 − 1 (rank i and p − 1 − i hold the same two stages); for an explicit split the ones
 * pipeline.ts heavierMiddleRanks keeps (Llama 3's: 7 layers on the first rank, 8 on the second).
 */
function middleRanksToEvaluate(arch: ModelArchitecture, layout: ParallelLayout): readonly number[] {
  const p = layout.pipelineParallel;
  if (p <= 2) return NO_RANKS;
  if (layout.pipelineSchedule === 'DUALPIPE') return Array.from({ length: p / 2 - 1 }, (_, i) => i + 1);
  const list = layout.pipelineStageLayers;
  if (list === undefined) return NO_RANKS;
  const m = layout.globalBatchSize / (layout.microBatchSize * layout.dataParallel);
  return heavierMiddleRanks(arch.layers, list, p, m);
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
  const load = expertLoadFor(arch, layout, options);
  const eagerClamp = runsEagerClamp(arch, options);
  const perLayer = activationBytesPerLayer(arch, layout, layout.recompute, load, eagerClamp);
  const perLayerNone = layout.recompute === 'NONE' ? perLayer : activationBytesPerLayer(arch, layout, 'NONE', load, eagerClamp);
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
  for (const stage of middleRanksToEvaluate(arch, layout)) {
    const middle = stageMemory(arch, counts, cluster, layout, options, stage, perLayer, perLayerNone);
    if (middle.totalBytes > worst.totalBytes) {
      worst = middle;
      worstIndex = stage;
    }
    if (middle.hostBytes > hostBytes) hostBytes = middle.hostBytes;
    if (middle.nvmeBytes > nvmeBytes) nvmeBytes = middle.nvmeBytes;
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
  if (recompute === 'SELECTIVE_OPERATORS') {
    throw new InvalidInputError('includeActivations.recompute', recompute, "NONE, SELECTIVE or FULL (torchtitan's per-operator policy needs a model's own matmul widths: trainingPlan)");
  }
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
