/**
 * Data parallel (ZeRO paper §7 volumes) on the rank with the most parameters: one stage, or under DualPipe the two
 * stages i and p − 1 − i a rank holds (DeepSeek-V3 §3.2.1, Table 2), reduced and gathered together. Overlap (stated): the gradient
 * reduction overlaps with the backward of the last micro-batch (only what exceeds it is exposed); ZeRO-1/2's parameter
 * all-gather overlaps with the next step's first forward; ZeRO-2's per-micro-batch reduce-scatter and ZeRO-3's
 * per-micro-batch all-gathers overlap with that micro-batch's backward/forward (ZeRO-3's first gather and last reduce of
 * each virtual stage's pass exposed: nothing of that pass runs before or after them); every overlapped transfer still costs
 * c·σ/(1 + σ) of compute slowdown (efficiency.ts overlappedCostSeconds).
 */
import { frozenWeightBytes } from '../adapter.js';
import { collectiveBytes, collectiveNetworkSeconds, collectiveSeconds, groupMembersPerNode } from '../communication.js';
import { expertDataParallelOf, expertParametersPerLayer, keepsParametersGathered } from '../memory.js';
import { multiTokenPredictionModuleParameters, replicatedKvParametersPerRank } from '../model.js';
import { rankLayers } from '../pipeline.js';
import { expertGradientReduceBytesOf, gradientReduceBytesOf, parameterBytesFor } from '../precision.js';
import type { LayerFlops } from './compute.js';
import type { StepContext, StepTerm } from './context.js';
import { overlappedCostSeconds } from './efficiency.js';
import type { SlowestStage } from './stage.js';

/** What DP reduces and gathers on the rank with the most dense parameters, and over which groups. */
export interface DataParallelShards {
  /** Dense parameters per GPU of that rank (its layers' share, the embedding or head it holds). */
  denseParams: number;
  /** Routed-expert parameters per GPU of that rank. */
  expertParams: number;
  /** Trained adapter parameters per GPU (0 without an adapter). */
  adapterParams: number;
  denseGradientBytes: number;
  denseGatherBytes: number;
  /** DP × CP ranks holding the same dense weights, and the expert-data-parallel group (that over EP). */
  dpGroup: number;
  expertDp: number;
  /** Compute per micro-batch of that rank: the window its gradient sync hides under. */
  rankComputePerMicroBatch: number;
  /** Layers of that rank (both stages under DualPipe): ZeRO-3 gathers and reduces them one by one. */
  shardLayers: number;
  /**
   * Pipeline stages whose weights the rank holds: 2 under DualPipe (stages i and p − 1 − i, DeepSeek-V3 §3.2.1 Table 2:
   * 2× parameters), else 1. The figures above cover them all; a micro-batch runs one of them (half the micro-batches
   * each), so per-micro-batch transfers move 1/stagesPerRank of them on average.
   */
  stagesPerRank: number;
}

export function dataParallelShards(ctx: StepContext, stage: SlowestStage, adapterPerLayer: number): DataParallelShards {
  const { arch, counts, layout, t, p, h, d, c, e, etp } = ctx;
  const { firstLayers, middleLayers, lastLayers } = stage;
  const pb = parameterBytesFor(layout.precision);
  // Bytes DP reduces per gradient (fp32 main gradients under BF16; 16-bit under FP16 — precision.ts).
  const gb = gradientReduceBytesOf(layout);
  const replicatedKv = replicatedKvParametersPerRank(arch, t);
  // Expert parameters per layer: the routed experts' MLPs (router, norm and shared experts stay dense).
  const routedExpertParams = expertParametersPerLayer(arch);
  const denseLayerParams = counts.parametersPerLayer - routedExpertParams;
  const headOnLast = counts.outputHeadParameters > 0 ? counts.outputHeadParameters : p > 1 ? arch.vocabSize * h : 0;
  const firstDense =
    firstLayers * denseLayerParams + counts.inputEmbeddingParameters + (p === 1 ? counts.finalNormParameters + headOnLast : 0);
  const lastDense = lastLayers * denseLayerParams + counts.finalNormParameters + headOnLast;
  // The multi-token-prediction modules live with the head (DeepSeek-V3 §3.2.3; memory.ts counts them there): their
  // gradients are reduced, and their parameters gathered, by the head's rank too.
  const mtpDepth = arch.multiTokenPredictionDepth ?? 0;
  const mtp = mtpDepth > 0 ? multiTokenPredictionModuleParameters(arch, counts) : { dense: 0, routed: 0 };
  const mtpDenseGpu = (mtpDepth * mtp.dense) / t;
  // Routed experts are split ETP × EP ways (memory.ts stageStates).
  const mtpRoutedGpu = (mtpDepth * mtp.routed) / (etp * e);
  const firstDenseGpu = firstDense / t + firstLayers * replicatedKv + (p === 1 ? mtpDenseGpu : 0);
  const lastDenseGpu = lastDense / t + lastLayers * replicatedKv + (p > 1 ? mtpDenseGpu : 0);
  const middleDenseGpu = (middleLayers * denseLayerParams) / t + middleLayers * replicatedKv;
  let denseParams: number;
  let dpLayers: number;
  // Its gradients sync under its own backward, whichever rank paces the step.
  let rankComputePerMicroBatch: number;
  let holdsHead: boolean;
  const stagesPerRank = layout.pipelineSchedule === 'DUALPIPE' && p > 1 ? 2 : 1;
  if (stagesPerRank === 2) {
    // DualPipe (DeepSeek-V3 §3.2.1, Table 2: 2× parameters; memory.ts stageStates): rank i holds stages i and p − 1 − i,
    // so it reduces and gathers both. The heavier of rank 0's pair (first + last) and the heaviest middle pair.
    let middlePairLayers = 0;
    for (let i = 1; i < p / 2; i++) {
      middlePairLayers = Math.max(middlePairLayers, rankLayers(arch.layers, layout, i) + rankLayers(arch.layers, layout, p - 1 - i));
    }
    const edgeDenseGpu = firstDenseGpu + lastDenseGpu;
    const middlePairDenseGpu = (middlePairLayers * denseLayerParams) / t + middlePairLayers * replicatedKv;
    const edge = middlePairDenseGpu <= edgeDenseGpu;
    denseParams = edge ? edgeDenseGpu : middlePairDenseGpu;
    dpLayers = edge ? firstLayers + lastLayers : middlePairLayers;
    // Half its micro-batches run each stage: the mean of the pair's compute.
    rankComputePerMicroBatch = edge ? (stage.firstCompute + stage.lastCompute) / 2 : stage.middleCompute;
    holdsHead = edge;
  } else {
    // The rank with the most dense parameters: 0 = first, 1 = a middle rank, 2 = last.
    const heaviest =
      p > 1 && lastDenseGpu > firstDenseGpu && lastDenseGpu >= middleDenseGpu ? 2 : middleDenseGpu > firstDenseGpu ? 1 : 0;
    denseParams = heaviest === 2 ? lastDenseGpu : heaviest === 1 ? middleDenseGpu : firstDenseGpu;
    dpLayers = heaviest === 2 ? lastLayers : heaviest === 1 ? middleLayers : firstLayers;
    rankComputePerMicroBatch = heaviest === 2 ? stage.lastCompute : heaviest === 1 ? stage.middleCompute : stage.firstCompute;
    holdsHead = heaviest === 2 || p === 1;
  }
  // What DP reduces (gradients) and gathers (parameters), per part. With an adapter only its gradients exist, ZeRO-1/2
  // gather the updated adapters, and ZeRO-3 gathers the frozen weights too (at QLoRA's 4.127 bits for the layers).
  const expertParams = (dpLayers * routedExpertParams) / (etp * e) + (holdsHead ? mtpRoutedGpu : 0);
  const adapterParams = (dpLayers * adapterPerLayer) / t;
  let denseGradientBytes = denseParams * gb;
  let denseGatherBytes = denseParams * pb;
  const adapter = layout.adapter;
  if (adapter !== undefined) {
    const layerWeightsGpu = (dpLayers * denseLayerParams) / t + dpLayers * replicatedKv;
    const frozenBytes = frozenWeightBytes(adapter, layerWeightsGpu, denseParams - layerWeightsGpu, pb);
    denseGradientBytes = adapterParams * gb;
    denseGatherBytes = adapterParams * pb + (layout.zeroStage === 3 ? frozenBytes : 0);
  }
  // CP ranks hold the same weights: gradients are reduced (and ZeRO shards) over DP × CP; the routed experts' over the
  // expert-data-parallel group (memory.ts expertDataParallelOf).
  const dpGroup = d * c;
  const expertDp = expertDataParallelOf(layout);
  return {
    denseParams, expertParams, adapterParams, denseGradientBytes, denseGatherBytes, dpGroup, expertDp, stagesPerRank, rankComputePerMicroBatch,
    shardLayers: dpLayers,
  };
}

const EXPLANATIONS = [
  'ZeRO-0: one gradient all-reduce per step, overlapped with the last micro-batch’s backward (ZeRO §7: 2Ψ).',
  'ZeRO-1: one gradient reduce-scatter per step under the last backward, the parameter all-gather under the next first forward (ZeRO §7: 2Ψ).',
  'ZeRO-2: a gradient reduce-scatter per micro-batch under its backward, the parameter all-gather under the next first forward (ZeRO §7).',
  'ZeRO-3/FSDP: per-layer all-gathers forward and backward and a reduce-scatter per micro-batch, prefetched under compute; the first gather and last reduce of each pass of each virtual stage exposed (ZeRO §7: 3Ψ per micro-batch; NeMo “Communication Overlap”).',
] as const;

const ZERO3_KEPT_GATHERED =
  'ZeRO-3/FSDP with parameters kept from forward to backward (reshard_after_forward=False): per-layer all-gathers in the forward only and a reduce-scatter per micro-batch, prefetched under compute; the first gather and last reduce of each pass of each virtual stage exposed.';

/**
 * The DP term over the step, the ZeRO-3 gathers of one micro-batch (the offload chain waits on them), and the seconds
 * its collectives keep the NIC busy under the compute (what they leave of the network to an all-to-all meanwhile).
 */
export function dataParallelTerm(
  ctx: StepContext,
  shards: DataParallelShards,
  flops: LayerFlops,
): StepTerm & { zero3GatherSecondsPerMicroBatch: number; overlappedNetworkSeconds: number } {
  const { layout, options, cluster, t, e, etp, m, slowdown } = ctx;
  const G = ctx.gpusPerNode;
  const pb = parameterBytesFor(layout.precision);
  const expertGb = expertGradientReduceBytesOf(layout, options);
  const computePerMicroBatch = shards.rankComputePerMicroBatch;
  const backwardShare = (flops.matmulPasses - 1) / flops.matmulPasses;
  const backwardWindow = computePerMicroBatch * backwardShare;
  const forwardWindow = computePerMicroBatch - backwardWindow;
  const zero = layout.zeroStage;
  const overlapped = options?.overlapDataParallelCommunication ?? true;
  // ZeRO-3 with the parameters kept from forward to backward (FSDP2 reshard_after_forward=False): one gather a
  // micro-batch instead of two (memory.ts keepsParametersGathered).
  const keptGathered = zero === 3 && keepsParametersGathered(layout, options);
  // Non-overlapped DP (Megatron-LM distributed optimizer without overlap flags): windows of 0 and no contention.
  const dpSlowdown = overlapped ? slowdown : 0;
  const dpBackwardWindow = overlapped ? backwardWindow : 0;
  const dpForwardWindow = overlapped ? forwardWindow : 0;
  let seconds = 0;
  let bytes = 0;
  let exposedSeconds = 0;
  // NIC-busy seconds of the collectives that run during every micro-batch (ZeRO-2's reduce-scatters, ZeRO-3's), the
  // ones an all-to-all meets; a once-per-step collective meets only the last micro-batch's.
  let networkSeconds = 0;
  // ZeRO-3 gathers of the current micro-batch (host fetch + all-gather with parameter offload), for the offload chain.
  let zero3GatherSeconds = 0;
  // Per-micro-batch collectives (ZeRO-2's reduce-scatter, ZeRO-3's) move the weights of the stage the micro-batch runs:
  // under DualPipe half the micro-batches run each of the rank's two stages, so 1/2 of the shards' bytes on average.
  const perMicroBatchShare = 1 / shards.stagesPerRank;
  for (let part = 0; part < 2; part++) {
    const gradientBytes = part === 0 ? shards.denseGradientBytes : shards.expertParams * expertGb;
    const gatherBytes = part === 0 ? shards.denseGatherBytes : shards.expertParams * pb;
    const n = part === 0 ? shards.dpGroup : shards.expertDp;
    // The expert-DP group's members are ETP × EP ranks apart (expert rank order ETP, EP, expert-DP: expert-parallel.ts).
    const perNode = part === 0 ? groupMembersPerNode(shards.dpGroup, t, G) : groupMembersPerNode(shards.expertDp, etp * e, G);
    if (gradientBytes <= 0 || n <= 1) continue;
    if (zero === 0) {
      const allReduce = collectiveSeconds(gradientBytes, n, perNode, 2, cluster, options);
      seconds += allReduce;
      bytes += collectiveBytes(gradientBytes, n, 2);
      exposedSeconds += overlappedCostSeconds(allReduce, dpBackwardWindow, dpSlowdown);
    } else if (zero < 3) {
      const reducedBytes = zero === 1 ? gradientBytes : gradientBytes * perMicroBatchShare;
      const reduceScatter = collectiveSeconds(reducedBytes, n, perNode, 1, cluster, options);
      const allGather = collectiveSeconds(gatherBytes, n, perNode, 1, cluster, options);
      const rsCount = zero === 1 ? 1 : m;
      seconds += rsCount * reduceScatter + allGather;
      if (zero === 2) networkSeconds += m * collectiveNetworkSeconds(reducedBytes, n, perNode, 1, cluster, options);
      bytes += rsCount * collectiveBytes(reducedBytes, n, 1) + collectiveBytes(gatherBytes, n, 1);
      exposedSeconds +=
        rsCount * overlappedCostSeconds(reduceScatter, dpBackwardWindow, dpSlowdown) +
        overlappedCostSeconds(allGather, dpForwardWindow, dpSlowdown);
    } else {
      // ZeRO-3 / FSDP gather and reduce layer by layer (one collective per layer, each paying its α), prefetching the
      // next layer; the first layer's gather of each forward and the last reduce-scatter of each backward have no
      // compute of their micro-batch to hide behind (FSDP/DeepSpeed gather per module; NeMo "Communication Overlap":
      // DP communication chunked per layer "exposes only one DP communication chunk").
      // (A head-only last stage still gathers its head as one collective.)
      // The layers of the rank whose weights these are (a micro-batch runs one of a DualPipe rank's two stages).
      const zeroLayers = Math.max(1, shards.shardLayers / shards.stagesPerRank);
      const stageGatherBytes = gatherBytes * perMicroBatchShare;
      const stageGradientBytes = gradientBytes * perMicroBatchShare;
      const layerGather = collectiveSeconds(stageGatherBytes / zeroLayers, n, perNode, 1, cluster, options);
      const layerReduce = collectiveSeconds(stageGradientBytes / zeroLayers, n, perNode, 1, cluster, options);
      const allGather = zeroLayers * layerGather;
      const reduceScatter = zeroLayers * layerReduce;
      // Gathered again for the backward (and its recomputed forward) unless kept from the forward.
      const gathers = keptGathered ? 1 : 2;
      const backwardGather = keptGathered ? 0 : allGather;
      seconds += m * (gathers * allGather + reduceScatter);
      networkSeconds +=
        m * (gathers * collectiveNetworkSeconds(stageGatherBytes, n, perNode, 1, cluster, options) + collectiveNetworkSeconds(stageGradientBytes, n, perNode, 1, cluster, options));
      bytes += m * (gathers * collectiveBytes(stageGatherBytes, n, 1) + collectiveBytes(stageGradientBytes, n, 1));
      zero3GatherSeconds += allGather;
      // Each virtual stage a micro-batch passes through on this rank is its own forward and its own backward (the
      // interleaved schedule runs them apart): the first gather and the last reduce-scatter are exposed once per chunk
      // (DualPipe: one of the rank's two stages per micro-batch).
      const chunks = Math.min(zeroLayers, shards.stagesPerRank > 1 ? 1 : ctx.v);
      exposedSeconds += overlapped
        ? m *
          (chunks * (layerGather + layerReduce) +
            overlappedCostSeconds(allGather - chunks * layerGather, forwardWindow, slowdown) +
            overlappedCostSeconds(backwardGather + reduceScatter - chunks * layerReduce, backwardWindow, slowdown))
        : m * (gathers * allGather + reduceScatter);
    }
  }
  return {
    name: 'DATA_PARALLEL',
    seconds,
    exposedSeconds,
    bytes,
    explanation: keptGathered ? ZERO3_KEPT_GATHERED : EXPLANATIONS[zero],
    zero3GatherSecondsPerMicroBatch: zero3GatherSeconds,
    // The hidden share of the DP time runs beside the compute (non-overlapped DP runs alone).
    overlappedNetworkSeconds: overlapped && seconds > 0 ? networkSeconds * Math.max(0, 1 - exposedSeconds / seconds) : 0,
  };
}
