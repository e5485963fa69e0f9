/**
 * Step time, throughput, MFU/HFU and the run (days, GPU-hours, cost, energy).
 *
 * Time model of one pipeline stage for one micro-batch (forward + backward), per GPU:
 *   matmul FLOPs / (peak · e_mm)  +  attention-score FLOPs / (peak · e_att)  +  element-wise bytes / (HBM · e_hbm)
 * - e_mm(tokens, width) = E_MAX / (1 + D0/tokens + D0/width): a saturating function of the two smallest GEMM
 *   dimensions per GPU — tokens of the micro-batch (b·s, or tokens per expert for MoE) and the narrowest weight
 *   dimension min(h, f)/t. Large GEMMs approach E_MAX; narrow ones (small h/t, tiny micro-batches) fall off.
 * - e_att uses the same law on (s, head dimension) for the QKᵀ and A·V batched products. FlashAttention is
 *   assumed causal: it skips the masked half of the s×s work and stores/streams no s×s tensors.
 * - Element-wise traffic (norms, bias-GELU/SwiGLU, bias-dropout-add, softmax + dropout on the s×s scores,
 *   logits/cross-entropy) is memory-bound: bytes from the activation accounting in memory.ts, backward ≈ 2 ×
 *   forward, recompute re-runs the forward.
 * E_MAX, D0 and E_HBM are CALIBRATED on the Megatron-LM weak-scaling rows (Narayanan et al. 2021, Table 1;
 * see docs/core-plan.md for the table of published vs ours). Users override with
 * PlanOptions.computeEfficiencyOverride (a fixed fraction of peak for all FLOPs, nothing else) or scale with
 * computeEfficiencyScale.
 *
 * Step = m·(stage compute + TP + EP communication) + bubble + exposed PP/DP communication + optimizer step, with
 *   bubble = (p − 1)/v · (stage time per micro-batch)   (Narayanan et al. 2021 §2.2, eq. for interleaved 1F1B),
 *   m = global batch / (micro-batch · d) micro-batches per pipeline per step.
 * Overlap model (stated): TP and EP collectives are exposed (they sit between dependent GEMMs) unless
 * PlanOptions.overlapTensorParallelCommunication (with sequence parallel) pipelines TP with the GEMMs; every overlapped
 * transfer still costs c·σ/(1 + σ) of compute slowdown (OVERLAP_COMPUTE_SLOWDOWN; overlappedCostSeconds); DP gradient
 * reduction overlaps with the backward of the last micro-batch (only what exceeds it is exposed); ZeRO-1/2's
 * parameter all-gather overlaps with the next step's first forward; ZeRO-2's per-micro-batch reduce-scatter and
 * ZeRO-3's per-micro-batch all-gathers overlap with that micro-batch's backward/forward. Pipeline point-to-point
 * transfers (α + bytes/β over the NIC or NVLink, then the scatter-gather all-gather over NVLink) are exposed at the
 * fill and drain (one activation and one gradient per stage edge: 2·(p − 1) transfers) and, by default, overlap in
 * steady state (Megatron-Core `overlap_p2p_comm`). With PlanOptions.overlapPipelineCommunication = false (Megatron-LM
 * 2021: `_communicate` waits on its batched isend/irecv and synchronises the device before the next compute) every
 * transfer is on the critical path as well: 2·m·v more (one forward, one backward per micro-batch and virtual
 * stage), so interleaving pays v × the steady-state transfers (Narayanan et al. 2021 §2.2.2).
 */
import {
  allToAllSeconds,
  collectiveBytes,
  collectiveSeconds,
  groupMembersPerNode,
  pointToPointSeconds,
} from './communication.js';
import { peakFlopsFor } from './hardware.js';
import { expertParametersPerLayer, layoutGpus } from './memory.js';
import { heaviestMiddleRankLayers, rankLayers } from './pipeline.js';
import { adapterFlopsPerToken, adapterParametersPerLayer, frozenWeightBytes } from './adapter.js';
import { hardwareFlopsPerToken, headDimOf, kvHeadsPerRank, moeLayersOf, replicatedKvParametersPerRank } from './model.js';
import {
  activationElementBytesFor,
  gradientBytesOf,
  gradientReduceBytesOf,
  optimizerStateBytesFor,
  optimizerStepTrafficBytesFor,
  parameterBytesFor,
} from './precision.js';
import type {
  ClusterSpec,
  CommunicationEstimate,
  ModelArchitecture,
  ModelCounts,
  ParallelLayout,
  PerformanceEstimate,
  PlanOptions,
  RunEstimate,
} from './types.js';

/** Tensor-core generations whose GEMM efficiency law is calibrated separately (OTHER: custom and untested GPUs). */
export type GpuGeneration = 'AMPERE' | 'HOPPER' | 'OTHER';

/** The generation of a catalog GPU (NVIDIA product families by id; H800 = H100 silicon). */
export function gpuGenerationOf(gpuId: string): GpuGeneration {
  if (gpuId.startsWith('a100')) return 'AMPERE';
  if (gpuId.startsWith('h100') || gpuId.startsWith('h200') || gpuId.startsWith('h800')) return 'HOPPER';
  return 'OTHER';
}

/**
 * Maximum Achievable Matmul FLOPS: the fraction of dense BF16 peak one large, best-shaped GEMM reaches in a
 * microbenchmark — A100-SXM 267.9 of 312 TFLOP/s (85.9 %), H100-SXM 792.1 of 989 (80.1 %) (stas00/ml-engineering,
 * compute/accelerator "Maximum Achievable Matmul FLOPS comparison table", measured with mamf-finder.py, CUDA 12.1).
 */
export const MAX_ACHIEVABLE_MATMUL_FRACTION: Readonly<Record<Exclude<GpuGeneration, 'OTHER'>, number>> = {
  AMPERE: 267.9 / 312,
  HOPPER: 792.1 / 989,
};

/**
 * Share of the microbenchmark ceiling that training GEMMs reach (they share the GPU with element-wise kernels,
 * launches, clocks held under power limits). CALIBRATED per generation (least absolute log deviations) over the validation suite
 * (src/core/validation/suite.ts calibrateShares; `npm run validate` prints the fit, which returns these values).
 */
export const MATMUL_SHARE_OF_CEILING: Readonly<Record<Exclude<GpuGeneration, 'OTHER'>, number>> = {
  AMPERE: 0.821,
  HOPPER: 0.796,
};

/**
 * GEMM efficiency law per generation: e(tokens, width) = max / (1 + d0/tokens + d0/width), a saturating function of
 * the two smallest per-GPU GEMM dimensions, with max = (microbenchmark ceiling) × (calibrated share). OTHER GPUs (no
 * validation runs: V100, B200, MI300X, custom) keep the Megatron-LM 2021 fit (max 0.68).
 */
export const MATMUL_EFFICIENCY_BY_GENERATION: Readonly<Record<GpuGeneration, { max: number; halfSaturationDimension: number }>> = {
  AMPERE: { max: MAX_ACHIEVABLE_MATMUL_FRACTION.AMPERE * MATMUL_SHARE_OF_CEILING.AMPERE, halfSaturationDimension: 32 },
  HOPPER: { max: MAX_ACHIEVABLE_MATMUL_FRACTION.HOPPER * MATMUL_SHARE_OF_CEILING.HOPPER, halfSaturationDimension: 32 },
  OTHER: { max: 0.68, halfSaturationDimension: 32 },
};

/** Ceiling of GEMM efficiency of GPUs without their own calibration (OTHER; the 2021 Megatron-LM fit). */
export const MATMUL_EFFICIENCY_MAX = MATMUL_EFFICIENCY_BY_GENERATION.OTHER.max;
/** Half-saturation dimension of the OTHER law: each GEMM dimension d costs a factor 1/(1 + D0/d) of efficiency. */
export const MATMUL_HALF_SATURATION_DIMENSION = MATMUL_EFFICIENCY_BY_GENERATION.OTHER.halfSaturationDimension;
/**
 * FP8 GEMMs reach a smaller fraction of their (2×) peak than BF16 GEMMs (per-tensor scaling, cuBLASLt FP8 kernels),
 * calibrated (least absolute log deviations) over the validation suite's FP8 runs (NVIDIA NeMo 24.09's H100 FP8 pre-training table:
 * Llama-2 7B/13B/70B, GPT-3 175B, 760–888 model TFLOP/s; DeepSeek-V3 on H800; suite.ts calibrateFp8Factor).
 * Multiplies e_mm in FP8 plans.
 */
export const FP8_MATMUL_EFFICIENCY_FACTOR = 0.751;
/** FP8 casts: each GEMM input (activations forward, output gradients backward) read in 16 bits and written in 8. */
const FP8_CAST_BYTES_PER_ELEMENT = 3;

/**
 * How close the step-time model comes to published measurements: the mean |predicted / published − 1| over the
 * validation suite (src/core/validation/runs.ts: 38 published runs from 12 sources — Megatron-LM 2021–22, BLOOM, OPT,
 * MegaScale, FSDP, NeMo, Llama 3, DeepSeek-V3 — each with its published layout and recipe), rounded up to a percent;
 * test/core/validation.test.ts keeps it equal to the suite's figure. Two layouts whose times differ by less than this
 * cannot be ranked by the model; the plan search reports them as near-optimal instead of pretending.
 */
export const STEP_TIME_MODEL_ACCURACY_FRACTION = 0.05;

/** Achieved fraction of HBM bandwidth in fused element-wise kernels (STREAM-like kernels reach ≈ 0.8–0.9). */
export const ELEMENTWISE_BANDWIDTH_EFFICIENCY = 0.8;

/**
 * Forward element-wise bytes per token·hidden element outside the TP-split regions: two LayerNorms (read + write,
 * 2 + 2 bytes each) and two fused bias-dropout-add (read x and residual, write out, 1-byte mask: 7 bytes each).
 */
const REPLICATED_ELEMENTWISE_BYTES_PER_SBH = 22;
/** Same without dropout (LLaMA-style recipes): the two 1-byte masks are neither written nor read. */
const REPLICATED_ELEMENTWISE_BYTES_PER_SBH_NO_DROPOUT = 20;
/** Fused scale-mask-softmax (read 2, write 2) and attention dropout (read 2, write 2, mask 1) per score element. */
const SOFTMAX_ELEMENTWISE_BYTES_PER_SCORE = 9;
/** Without attention dropout only the fused scale-mask-softmax remains (read 2, write 2). */
const SOFTMAX_ELEMENTWISE_BYTES_PER_SCORE_NO_DROPOUT = 4;
/** Input embedding per token·hidden element: gather forward (read 2 + write 2), gradient scatter-add backward (2 + 4). */
const EMBEDDING_ELEMENTWISE_BYTES_PER_SBH = 10;
/** Logits: 16-bit write, fp32 cast, softmax and its backward: ≈ 32 bytes per logit per micro-batch. */
const HEAD_ELEMENTWISE_BYTES_PER_LOGIT = 32;

/**
 * Compute slowdown while a collective runs concurrently with it (NCCL kernels take SMs, both stream HBM): compute that
 * overlaps communication takes 1 + σ times as long. Lee et al. 2025 ("Characterizing Compute-Communication Overlap in
 * GPU-Accelerated Distributed Deep Learning", arXiv 2507.03114, abstract): 18.9 % on average (40 % at most) over GPT
 * and Llama workloads on A100, H100, MI250, MI210. PlanOptions.overlapComputeSlowdown overrides it (0 = ideal overlap).
 */
export const OVERLAP_COMPUTE_SLOWDOWN = 0.189;

/**
 * Critical-path cost of `commSeconds` of communication overlapped with `windowSeconds` of compute when compute runs
 * 1 + σ times slower beside it: if the window's compute finishes first (c ≥ w·(1 + σ)), the excess c − w is exposed;
 * otherwise compute is stretched by c·σ/(1 + σ). Continuous at c = w·(1 + σ); σ = 0 gives max(0, c − w).
 */
export function overlappedCostSeconds(commSeconds: number, windowSeconds: number, slowdown: number): number {
  const excess = commSeconds - windowSeconds;
  const contention = (commSeconds * slowdown) / (1 + slowdown);
  return excess > contention ? excess : contention;
}

/** Host (CPU) memory bandwidth per GPU the CPU optimizer achieves (DGX A100: 2 × 205 GB/s for 8 GPUs, ≈ 50 %). */
export const HOST_OPTIMIZER_BYTES_PER_SECOND = 25e9;
/** PCIe Gen4 x16 achieved per GPU and direction (32 GB/s theoretical). */
export const PCIE_BYTES_PER_SECOND = 24e9;
/** NVMe bandwidth per GPU (ZeRO-Infinity reports ≈ 25 GB/s per 16-GPU DGX-2 node of NVMe: ≈ 1.6 GB/s per GPU). */
export const NVME_BYTES_PER_SECOND = 2e9;

/** GEMM efficiency for the two smallest dimensions of a per-GPU matrix product on a GPU generation (see above). */
export function matmulEfficiency(tokens: number, width: number, generation: GpuGeneration = 'OTHER'): number {
  const law = MATMUL_EFFICIENCY_BY_GENERATION[generation];
  return law.max / (1 + law.halfSaturationDimension / tokens + law.halfSaturationDimension / width);
}

export interface StepEstimate {
  performance: PerformanceEstimate;
  communication: CommunicationEstimate;
}

/** Step time, throughput and communication of one plan. Hot path: scalar arithmetic, three result objects. */
export function estimateStep(
  arch: ModelArchitecture,
  counts: ModelCounts,
  cluster: ClusterSpec,
  layout: ParallelLayout,
  options?: PlanOptions,
): StepEstimate {
  const gpu = cluster.gpu;
  const generation = gpuGenerationOf(gpu.id);
  const G = cluster.gpusPerNode;
  const t = layout.tensorParallel;
  const p = layout.pipelineParallel;
  const d = layout.dataParallel;
  const e = layout.expertParallel > 0 ? layout.expertParallel : 1;
  const v = p > 1 ? layout.pipelineInterleave : 1;
  const b = layout.microBatchSize;
  const s = arch.sequenceLength;
  const h = arch.hiddenSize;
  const L = arch.layers;
  // Context parallel: each rank holds s/c tokens of every sequence (Megatron-Core CP).
  const c = layout.contextParallel ?? 1;
  const gpus = layoutGpus(layout);
  const m = layout.globalBatchSize / (b * d);
  const recompute = layout.recompute;
  const precision = layout.precision;
  const flash = layout.flashAttention;
  const sp = layout.sequenceParallel && t > 1;
  const spDivisor = sp ? t : 1;
  const moe = arch.experts > 1;
  const k = moe ? arch.expertsPerToken : 1;
  // Share of the layers with an MoE block (DeepSeek's first dense layers excluded); per-layer figures are means.
  const moeShare = moe ? moeLayersOf(arch) / L : 0;
  const elementBytes = activationElementBytesFor(precision);
  const elementScale = elementBytes / 2;

  // Peaks: GEMMs run at the training precision (FP8 in FP8 runs); attention scores stay in 16-bit.
  const peakMatmul = peakFlopsFor(gpu, precision);
  const peakAttention = precision === 'FP8' ? gpu.peakFlopsPerSecond.BF16 : peakMatmul;
  const hbm = gpu.memoryBandwidthBytesPerSecond * ELEMENTWISE_BANDWIDTH_EFFICIENCY;
  const override = options?.computeEfficiencyOverride;
  const scale = options?.computeEfficiencyScale ?? 1;

  // --- FLOPs per layer and micro-batch, per GPU -------------------------------------------------------------
  // Tokens this rank processes per micro-batch; with CP its queries still attend to all s keys, so the score FLOPs
  // per token (4·s·h) keep the full s and load-balanced causal chunks split them evenly.
  const tokens = (s * b) / c;
  // The keys a query spans (the window under sliding-window attention) and the query width heads·headDim.
  const keysCounted = counts.attentionKeysPerQuery;
  const queryWidth = counts.queryWidth;
  const scoreFlopsPerToken = counts.attentionScoreFlopsPerTokenPerLayer;
  const oneMlpMatmul = (arch.gatedMlp ? 3 : 2) * h * arch.ffnHiddenSize;
  const expertFlopsPerToken = moe ? moeShare * 2 * k * oneMlpMatmul : 0;
  const denseFlopsPerToken = counts.forwardFlopsPerTokenPerLayer - scoreFlopsPerToken - expertFlopsPerToken;
  // Backward = 2 × forward; FULL recompute re-runs the forward (Narayanan et al. 2021 eq. 3: 4× instead of 3×);
  // SELECTIVE re-runs only the attention scores (Korthikanti et al. 2022 §5).
  // With frozen base weights (adapter fine-tuning) the backward computes input gradients only: one pass fewer.
  const adapter = layout.adapter;
  const matmulPasses = (recompute === 'FULL' ? 4 : 3) - (adapter === undefined ? 0 : 1);
  const scorePasses = recompute === 'NONE' ? 3 : 4;
  // With t > kvHeads every rank computes a whole replicated K and V head (Megatron-LM query groups): extra GEMM work.
  const replicatedKv = replicatedKvParametersPerRank(arch, t);
  // K/V width one rank holds and computes (a whole head each when t > kvHeads).
  const kvHiddenPerRank = headDimOf(arch) * kvHeadsPerRank(arch.kvHeads, t);
  // Adapters are trained: forward, input and weight gradients (+ the recomputed forward), 2 FLOPs per weight each.
  const adapterPerLayer = adapter === undefined ? 0 : adapterParametersPerLayer(arch, adapter);
  const layerDenseFlops =
    (matmulPasses * tokens * denseFlopsPerToken) / t +
    matmulPasses * tokens * 2 * replicatedKvParametersPerRank(arch, t, false) +
    ((recompute === 'FULL' ? 4 : 3) * tokens * 2 * adapterPerLayer) / t;
  const layerExpertFlops = (matmulPasses * tokens * expertFlopsPerToken) / t;
  const layerScoreFlops = (scorePasses * tokens * scoreFlopsPerToken) / t;
  const headFlops = ((adapter === undefined ? 3 : 2) * tokens * counts.forwardFlopsPerTokenHead) / t;

  let layerSeconds: number;
  let headSeconds: number;
  if (override !== undefined) {
    // A fixed fraction of peak for every FLOP; no separate memory-bound term.
    const rate = peakMatmul * override;
    layerSeconds = (layerDenseFlops + layerExpertFlops + layerScoreFlops) / rate;
    headSeconds = headFlops / rate;
  } else {
    const width = Math.min(h, arch.ffnHiddenSize) / t;
    const precisionFactor = precision === 'FP8' ? FP8_MATMUL_EFFICIENCY_FACTOR : 1;
    const eDense = Math.min(1, scale * precisionFactor * matmulEfficiency(tokens, width, generation));
    // Tokens each local expert sees: b·s·k routed copies spread over E/e local experts gathered from e ranks.
    const eExpert = moe
      ? Math.min(1, scale * precisionFactor * matmulEfficiency((tokens * k * e) / arch.experts, width, generation))
      : eDense;
    const headDim = headDimOf(arch);
    const eAttention = Math.min(1, scale * matmulEfficiency(s / c, headDim, generation));
    // FlashAttention (causal, windowed) skips fully masked blocks: only the causal share of the counted work runs —
    // half of s×s without a window.
    const executedScoreFlops = flash ? (layerScoreFlops * counts.attentionKeysPerQueryCausal) / keysCounted : layerScoreFlops;
    const sbh = tokens * h;
    // Forward element-wise bytes (16-bit elements scaled for fp32).
    const dropout = arch.dropout !== false;
    const replicatedBytes =
      ((dropout ? REPLICATED_ELEMENTWISE_BYTES_PER_SBH : REPLICATED_ELEMENTWISE_BYTES_PER_SBH_NO_DROPOUT) * sbh) /
      spDivisor;
    // MLP inner width a token passes through, per layer (the mean of MoE and dense layers).
    const mlpWidth = moe
      ? moeShare * (k + arch.sharedExperts) * arch.ffnHiddenSize + (1 - moeShare) * (arch.denseFfnHiddenSize ?? arch.ffnHiddenSize)
      : arch.ffnHiddenSize;
    const parallelBytes =
      (4 * tokens * queryWidth + (arch.gatedMlp ? 6 : 4) * tokens * mlpWidth) / t + 8 * tokens * kvHiddenPerRank;
    // MoE token dispatch and combine: read + write of k copies of each token, twice (MoE layers only).
    const dispatchBytes = moe ? (moeShare * 8 * k * sbh) / spDivisor : 0;
    const softmaxBytesPerScore = dropout
      ? SOFTMAX_ELEMENTWISE_BYTES_PER_SCORE
      : SOFTMAX_ELEMENTWISE_BYTES_PER_SCORE_NO_DROPOUT;
    const softmaxBytes = flash ? 0 : (softmaxBytesPerScore * arch.attentionHeads * s * tokens) / t;
    // FP8: quantise the inputs of QKV and fc1 (h wide, replicated without SP), the projection (h/t) and fc2 (f/t).
    const castBytes =
      precision === 'FP8'
        ? FP8_CAST_BYTES_PER_ELEMENT * tokens * ((2 * h) / spDivisor + (queryWidth + mlpWidth) / t)
        : 0;
    const elementwisePasses = recompute === 'FULL' ? 4 : 3;
    const softmaxPasses = recompute === 'NONE' ? 3 : 4;
    const elementwiseBytes =
      elementScale * (elementwisePasses * (replicatedBytes + parallelBytes + dispatchBytes) + softmaxPasses * softmaxBytes) +
      elementwisePasses * castBytes;
    layerSeconds =
      layerDenseFlops / (peakMatmul * eDense) +
      layerExpertFlops / (peakMatmul * eExpert) +
      executedScoreFlops / (peakAttention * eAttention) +
      elementwiseBytes / hbm;
    const eHead = Math.min(1, scale * matmulEfficiency(tokens, h, generation));
    headSeconds =
      headFlops / (peakMatmul * eHead) + (HEAD_ELEMENTWISE_BYTES_PER_LOGIT * tokens * arch.vocabSize) / t / hbm;
  }

  // The input embedding on the first rank: a memory-bound row gather forward (read 2, write 2 bytes per element) and a
  // scatter-add of its gradient backward (read the gradient 2, read + write the table gradient 4).
  const embeddingSeconds = (EMBEDDING_ELEMENTWISE_BYTES_PER_SBH * elementScale * tokens * h) / t / hbm;
  // --- Per-layer communication of one micro-batch, exposed (before any overlap): it grows with a rank's layers, so it
  // counts towards which rank is slowest.
  // Tensor parallel: 2 all-reduces per layer forward, 2 backward, +2 when the forward is recomputed (Shoeybi et al.
  // 2019 §3; with sequence parallel: reduce-scatter + all-gather, same bytes, Korthikanti §4.2.2).
  // Sequence parallel re-gathers, in the backward, the sequence-sharded inputs of the two column-parallel GEMMs (QKV,
  // fc1) for their weight gradients — the forward kept only the 1/t shard (Korthikanti et al. 2022 §4.2.2, Fig. 5:
  // ḡ's backward; Megatron-LM LinearWithGradAccumulationAndAsyncCommunication all-gathers its input again): two
  // all-gathers = one all-reduce's bytes more per layer.
  const tpCollectivesPerLayer = (recompute === 'FULL' ? 6 : 4) + (sp ? 1 : 0);
  const tpMessageBytes = tokens * h * elementBytes;
  const tpPerNode = Math.min(t, G);
  const tpSecondsPerLayer = tpCollectivesPerLayer * collectiveSeconds(tpMessageBytes, t, tpPerNode, 2, cluster, options);
  // Expert parallel all-to-all: dispatch + combine forward and backward (+ recomputed forward), MoE layers only (the
  // layer's share moeShare on average).
  const a2aPerLayer = recompute === 'FULL' ? 6 : 4;
  const a2aBytes = (tokens * k * h * elementBytes) / spDivisor;
  const epSecondsPerLayer =
    moe && e > 1 ? moeShare * a2aPerLayer * allToAllSeconds(a2aBytes, e, groupMembersPerNode(e, t, G), cluster, options) : 0;
  // Context parallel (Llama 3 paper §3.3.2, all-gather CP): before attention each rank all-gathers the K and V of the
  // whole sequence from the c − 1 others; the backward reduce-scatters their gradients; a recomputed forward gathers
  // again. Exposed, like the TP collectives (they sit between dependent kernels); small with GQA.
  const kvBytes = 2 * s * b * kvHiddenPerRank * elementBytes;
  const cpCollectives = recompute === 'FULL' ? 3 : 2;
  const cpSecondsPerLayer = c > 1 ? cpCollectives * collectiveSeconds(kvBytes, c, groupMembersPerNode(c, t, G), 1, cluster, options) : 0;
  const commPerLayer = tpSecondsPerLayer + epSecondsPerLayer + cpSecondsPerLayer;

  // Slowest rank: the first (its layers + the embedding), the heaviest middle one (an explicit split's), or the last
  // (its layers + the output head), by compute and the per-layer communication above.
  const firstLayers = rankLayers(L, layout, 0);
  const lastLayers = p > 1 ? rankLayers(L, layout, p - 1) : firstLayers;
  const middleLayers = heaviestMiddleRankLayers(L, layout);
  const firstCompute = firstLayers * layerSeconds + embeddingSeconds + (p === 1 ? headSeconds : 0);
  const lastCompute = lastLayers * layerSeconds + headSeconds;
  const middleCompute = middleLayers * layerSeconds;
  const firstTime = firstCompute + firstLayers * commPerLayer;
  const lastTime = lastCompute + lastLayers * commPerLayer;
  const middleTime = middleCompute + middleLayers * commPerLayer;
  // 0 = first, 1 = a middle rank, 2 = last.
  const slowest = p > 1 && lastTime > firstTime && lastTime >= middleTime ? 2 : middleTime > firstTime ? 1 : 0;
  const stageLayers = slowest === 2 ? lastLayers : slowest === 1 ? middleLayers : firstLayers;
  const computePerMicroBatch = slowest === 2 ? lastCompute : slowest === 1 ? middleCompute : firstCompute;
  const stageFlopsPerMicroBatch =
    stageLayers * (layerDenseFlops + layerExpertFlops + layerScoreFlops) + (slowest === 2 || p === 1 ? headFlops : 0);
  // All ranks together, one micro-batch: every layer once, the embedding and the head (for the bubble).
  const allRanksComputePerMicroBatch = L * layerSeconds + embeddingSeconds + (p > 1 ? headSeconds : 0);

  const tpSecondsPerMicroBatch = stageLayers * tpSecondsPerLayer;
  // Overlapped communication slows the compute beside it (OVERLAP_COMPUTE_SLOWDOWN).
  const slowdown = options?.overlapComputeSlowdown ?? OVERLAP_COMPUTE_SLOWDOWN;
  // TP overlap (Transformer Engine userbuffers, Megatron-Core `tp_comm_overlap`: all-gather/reduce-scatter pipelined with
  // the GEMMs they feed) needs sequence parallel (Megatron-Bridge gates it on SP); then only the excess over the
  // micro-batch's compute and the contention share are on the critical path.
  const tpOverlapped = sp && (options?.overlapTensorParallelCommunication ?? false);
  // Asynchronous backward TP (Megatron-LM since 2022, `async_tensor_model_parallel_allreduce`; Megatron-Core
  // LinearWithGradAccumulationAndAsyncCommunication.backward): the column-parallel GEMMs' (QKV, fc1) input-gradient
  // all-reduce (with SP: reduce-scatter) runs under their weight-gradient GEMM and SP's re-gather under their
  // input-gradient GEMM — two all-reduces' worth per layer, each behind its GEMMs: ≈ half the backward's matmul time.
  const asyncBackward = !tpOverlapped && t > 1 && (options?.overlapTensorParallelBackward ?? false);
  const asyncBackwardSeconds = asyncBackward ? (2 / tpCollectivesPerLayer) * tpSecondsPerMicroBatch : 0;
  const backwardMatmulWindow = (computePerMicroBatch * (matmulPasses - 1 - (recompute === 'FULL' ? 1 : 0))) / matmulPasses / 2;
  const tpCostPerMicroBatch = tpOverlapped
    ? overlappedCostSeconds(tpSecondsPerMicroBatch, computePerMicroBatch, slowdown)
    : tpSecondsPerMicroBatch - asyncBackwardSeconds + (asyncBackward ? overlappedCostSeconds(asyncBackwardSeconds, backwardMatmulWindow, slowdown) : 0);
  const tensorParallelBytes = m * stageLayers * tpCollectivesPerLayer * collectiveBytes(tpMessageBytes, t, 2);

  const epSecondsPerMicroBatch = stageLayers * epSecondsPerLayer;
  const expertParallelBytes = moe && e > 1 ? m * stageLayers * moeShare * a2aPerLayer * ((e - 1) / e) * a2aBytes : 0;
  // With the all-to-all overlapped (DualPipe, DeepSeek-V3 §3.2.1) only its excess over the micro-batch's compute and
  // the contention share stay on the critical path, as for TP overlap.
  const epCostPerMicroBatch =
    options?.overlapExpertParallelCommunication === true
      ? overlappedCostSeconds(epSecondsPerMicroBatch, computePerMicroBatch, slowdown)
      : epSecondsPerMicroBatch;

  const cpSecondsPerMicroBatch = stageLayers * cpSecondsPerLayer;
  const contextParallelBytes = c > 1 ? m * stageLayers * cpCollectives * collectiveBytes(kvBytes, c, 1) : 0;

  // --- Pipeline point-to-point: activation forward, gradient backward, per micro-batch and virtual stage; with
  // t > 1 each TP rank sends 1/t and the receivers all-gather over NVLink (Narayanan et al. 2021 §4.1).
  let ppTransferSeconds = 0;
  let pipelineParallelBytes = 0;
  let pipelineParallelSeconds = 0;
  if (p > 1) {
    const p2pBytes = (tokens * h * elementBytes) / t;
    const neighbourInNode = t * d < G;
    ppTransferSeconds =
      pointToPointSeconds(p2pBytes, neighbourInNode, cluster, options) +
      (t > 1 ? collectiveSeconds(tokens * h * elementBytes, t, tpPerNode, 1, cluster, options) : 0);
    pipelineParallelBytes = 2 * m * v * p2pBytes;
    pipelineParallelSeconds = 2 * m * v * ppTransferSeconds;
  }
  // Fill and drain: one activation and one gradient per stage edge wait for their transfer in any schedule.
  // Non-overlapped (Megatron-LM 2021 p2p_communication.py: batch_isend_irecv, req.wait(), cuda.synchronize()):
  // all 2·m·v steady-state transfers sit on the critical path too (the bubble's slots carry the fill/drain ones).
  // Overlapped steady-state transfers still slow the compute beside them.
  const ppOverlapped = options?.overlapPipelineCommunication ?? true;
  const ppExposed = ppOverlapped
    ? 2 * (p - 1) * ppTransferSeconds + (pipelineParallelSeconds * slowdown) / (1 + slowdown)
    : pipelineParallelSeconds + 2 * (p - 1) * ppTransferSeconds;

  // --- Data parallel (ZeRO paper §7 volumes) on the stage with the most parameters.
  const pb = parameterBytesFor(precision);
  // Bytes DP reduces per gradient (fp32 main gradients under BF16; 16-bit under FP16 — precision.ts).
  const gb = gradientReduceBytesOf(layout);
  // Expert parameters per layer: the routed experts' MLPs (router, norm and shared experts stay dense).
  const routedExpertParams = expertParametersPerLayer(arch);
  const denseLayerParams = counts.parametersPerLayer - routedExpertParams;
  const headOnLast =
    counts.outputHeadParameters > 0 ? counts.outputHeadParameters : p > 1 ? arch.vocabSize * h : 0;
  const firstDense = firstLayers * denseLayerParams + counts.inputEmbeddingParameters + (p === 1 ? counts.finalNormParameters + headOnLast : 0);
  const lastDense = lastLayers * denseLayerParams + counts.finalNormParameters + headOnLast;
  const firstDenseGpu = firstDense / t + firstLayers * replicatedKv;
  const lastDenseGpu = lastDense / t + lastLayers * replicatedKv;
  const middleDenseGpu = (middleLayers * denseLayerParams) / t + middleLayers * replicatedKv;
  // The rank with the most dense parameters: 0 = first, 1 = a middle rank, 2 = last.
  const heaviest =
    p > 1 && lastDenseGpu > firstDenseGpu && lastDenseGpu >= middleDenseGpu ? 2 : middleDenseGpu > firstDenseGpu ? 1 : 0;
  const denseParams = heaviest === 2 ? lastDenseGpu : heaviest === 1 ? middleDenseGpu : firstDenseGpu;
  // What DP reduces (gradients) and gathers (parameters), per part. With an adapter only its gradients exist, ZeRO-1/2
  // gather the updated adapters, and ZeRO-3 gathers the frozen weights too (at QLoRA's 4.127 bits for the layers).
  const dpLayers = heaviest === 2 ? lastLayers : heaviest === 1 ? middleLayers : firstLayers;
  const expertParams = (dpLayers * routedExpertParams) / (t * e);
  const adapterGpu = (dpLayers * adapterPerLayer) / t;
  let denseGradientBytes = denseParams * gb;
  let denseGatherBytes = denseParams * pb;
  if (adapter !== undefined) {
    const layerWeightsGpu = (dpLayers * denseLayerParams) / t + dpLayers * replicatedKv;
    const frozenBytes = frozenWeightBytes(adapter, layerWeightsGpu, denseParams - layerWeightsGpu, pb);
    denseGradientBytes = adapterGpu * gb;
    denseGatherBytes = adapterGpu * pb + (layout.zeroStage === 3 ? frozenBytes : 0);
  }
  // CP ranks hold the same weights: gradients are reduced (and ZeRO shards) over DP × CP.
  const dpGroup = d * c;
  const expertDp = dpGroup / e;

  const backwardShare = (matmulPasses - 1) / matmulPasses;
  const backwardWindow = computePerMicroBatch * backwardShare;
  const forwardWindow = computePerMicroBatch - backwardWindow;
  const dpPerNode = groupMembersPerNode(dpGroup, t, G);
  const expertDpPerNode = groupMembersPerNode(expertDp, t * e, G);
  const zero = layout.zeroStage;
  const dpOverlapped = options?.overlapDataParallelCommunication ?? true;
  // Non-overlapped DP (Megatron-LM distributed optimizer without overlap flags): windows of 0 and no contention.
  const dpSlowdown = dpOverlapped ? slowdown : 0;
  const dpBackwardWindow = dpOverlapped ? backwardWindow : 0;
  const dpForwardWindow = dpOverlapped ? forwardWindow : 0;
  let dataParallelSeconds = 0;
  let dataParallelBytes = 0;
  let dpExposed = 0;
  // ZeRO-3 gathers of the current micro-batch (host fetch + all-gather with parameter offload), for the offload chain.
  let zero3GatherSeconds = 0;
  for (let part = 0; part < 2; part++) {
    const gradientBytes = part === 0 ? denseGradientBytes : expertParams * gb;
    const gatherBytes = part === 0 ? denseGatherBytes : expertParams * pb;
    const n = part === 0 ? dpGroup : expertDp;
    const perNode = part === 0 ? dpPerNode : expertDpPerNode;
    if (gradientBytes <= 0 || n <= 1) continue;
    if (zero === 0) {
      const allReduce = collectiveSeconds(gradientBytes, n, perNode, 2, cluster, options);
      dataParallelSeconds += allReduce;
      dataParallelBytes += collectiveBytes(gradientBytes, n, 2);
      dpExposed += overlappedCostSeconds(allReduce, dpBackwardWindow, dpSlowdown);
    } else if (zero < 3) {
      const reduceScatter = collectiveSeconds(gradientBytes, n, perNode, 1, cluster, options);
      const allGather = collectiveSeconds(gatherBytes, n, perNode, 1, cluster, options);
      const rsBytes = collectiveBytes(gradientBytes, n, 1);
      const agBytes = collectiveBytes(gatherBytes, n, 1);
      const rsCount = zero === 1 ? 1 : m;
      dataParallelSeconds += rsCount * reduceScatter + allGather;
      dataParallelBytes += rsCount * rsBytes + agBytes;
      dpExposed +=
        rsCount * overlappedCostSeconds(reduceScatter, dpBackwardWindow, dpSlowdown) +
        overlappedCostSeconds(allGather, dpForwardWindow, dpSlowdown);
    } else {
      // ZeRO-3 / FSDP gather and reduce layer by layer (one collective per layer, each paying its α), prefetching the
      // next layer; the first layer's gather of each forward and the last reduce-scatter of each backward have no
      // compute of their micro-batch to hide behind (FSDP/DeepSpeed gather per module; NeMo "Communication Overlap":
      // DP communication chunked per layer "exposes only one DP communication chunk").
      // (A head-only last stage still gathers its head as one collective.)
      const zeroLayers = stageLayers > 0 ? stageLayers : 1;
      const layerGather = collectiveSeconds(gatherBytes / zeroLayers, n, perNode, 1, cluster, options);
      const layerReduce = collectiveSeconds(gradientBytes / zeroLayers, n, perNode, 1, cluster, options);
      const allGather = zeroLayers * layerGather;
      const reduceScatter = zeroLayers * layerReduce;
      dataParallelSeconds += m * (2 * allGather + reduceScatter);
      dataParallelBytes += m * (2 * collectiveBytes(gatherBytes, n, 1) + collectiveBytes(gradientBytes, n, 1));
      zero3GatherSeconds += allGather;
      dpExposed += dpOverlapped
        ? m *
          (layerGather +
            layerReduce +
            overlappedCostSeconds(allGather - layerGather, forwardWindow, slowdown) +
            overlappedCostSeconds(allGather + reduceScatter - layerReduce, backwardWindow, slowdown))
        : m * (2 * allGather + reduceScatter);
    }
  }

  // --- Optimizer step (memory-bound update of this GPU's shard) and offload traffic.
  // The optimizer updates what is trained: every parameter, or the adapters.
  const trainedDense = adapter === undefined ? denseParams : adapterGpu;
  const shardParams = zero >= 1 ? trainedDense / dpGroup + expertParams / expertDp : trainedDense + expertParams;
  const traffic = optimizerStepTrafficBytesFor(layout.optimizer, precision, gradientBytesOf(layout));
  let optimizerSeconds: number;
  let offloadExposed = 0;
  const offload = layout.offload;
  if (offload === 'NONE') {
    optimizerSeconds = (shardParams * traffic) / hbm;
  } else {
    // ZeRO-Offload §4: gradients to the host, CPU update, parameters back over PCIe.
    optimizerSeconds = (shardParams * traffic) / HOST_OPTIMIZER_BYTES_PER_SECOND + (shardParams * (gb + pb)) / PCIE_BYTES_PER_SECOND;
    if (offload === 'OPTIMIZER_NVME' || offload === 'PARAMETERS_NVME') {
      // ZeRO-Infinity §5: optimizer states read and written from NVMe every step.
      const kBytes = optimizerStateBytesFor(layout.optimizer, precision);
      optimizerSeconds += (2 * kBytes * shardParams) / NVME_BYTES_PER_SECOND;
    }
    if (offload === 'PARAMETERS_CPU' || offload === 'PARAMETERS_NVME') {
      // Parameters streamed in for forward and backward, gradients out, every micro-batch (copy engines over PCIe:
      // no SMs, hence no contention charge). A layer's shard must arrive before its all-gather starts (ZeRO-Infinity
      // §6: fetch, then gather), so the fetch and the ZeRO-3 gathers form one chain that the pass's compute must hide;
      // only the part of the chain the gathers above did not already expose is added.
      let perMicroBatch = (shardParams * (2 * pb + gb)) / PCIE_BYTES_PER_SECOND;
      if (offload === 'PARAMETERS_NVME') perMicroBatch += (2 * pb * shardParams) / NVME_BYTES_PER_SECOND;
      const chain = perMicroBatch + 2 * zero3GatherSeconds;
      const gathersAlone = Math.max(0, 2 * zero3GatherSeconds - computePerMicroBatch);
      offloadExposed = m * Math.max(0, Math.max(0, chain - computePerMicroBatch) - gathersAlone);
    }
  }

  // --- Step.
  const layerCommunication = stageLayers > 0 ? (tpCostPerMicroBatch + epCostPerMicroBatch + cpSecondsPerMicroBatch) / stageLayers : 0;
  const stagePerMicroBatch = computePerMicroBatch + layerCommunication * stageLayers;
  const computeSeconds = m * computePerMicroBatch;
  // Narayanan et al. 2021 §2.2.1–2.2.2: bubble = (p − 1)/v micro-batch slots of a stage when all stages are equal. With
  // unequal ranks the fill and drain run through every rank once while the slowest sets the steady pace: bubble =
  // (Σ_i stage_i − max_i stage_i)/v, which is (p − 1)/v · stage for equal stages (p = 1: 0). Interleaving needs m ≥ p
  // micro-batches to fill the ranks: with m < p a micro-batch's p·v chunks run one after another (rank r idles while
  // the others hold chunks of the m), so the step is p·T + (m − 1)·T/v for equal stages T — the bubble gains
  // (p − m)·(1 − 1/v)·T (derived from the schedule's dependency chain). Unequal ranks scale it by (Σ − max)/(p − 1),
  // so that m = 1 gives Σ − max whatever v (one micro-batch passes every rank in turn).
  const allRanksPerMicroBatch = p > 1 ? allRanksComputePerMicroBatch + layerCommunication * L : stagePerMicroBatch;
  const fillDrain = Math.max(0, allRanksPerMicroBatch - stagePerMicroBatch);
  const unfilled = p > m ? ((p - m) / (p - 1)) * (1 - 1 / v) * fillDrain : 0;
  const bubbleSeconds = fillDrain / v + unfilled;
  const exposedCommunicationSeconds =
    m * (tpCostPerMicroBatch + epCostPerMicroBatch + cpSecondsPerMicroBatch) + ppExposed + dpExposed + offloadExposed;
  const stepSeconds = computeSeconds + bubbleSeconds + exposedCommunicationSeconds + optimizerSeconds;

  const tokensPerStep = layout.globalBatchSize * s;
  const adapterFlops = adapter === undefined ? null : adapterFlopsPerToken(arch, counts, adapter, recompute);
  const modelFlopsPerStep = (adapterFlops === null ? counts.modelFlopsPerToken : adapterFlops.model) * tokensPerStep;
  const hardwareFlopsPerStep = (adapterFlops === null ? hardwareFlopsPerToken(counts, arch, recompute) : adapterFlops.hardware) * tokensPerStep;
  const modelFlopsPerSecondPerGpu = modelFlopsPerStep / (stepSeconds * gpus);
  const hardwareFlopsPerSecondPerGpu = hardwareFlopsPerStep / (stepSeconds * gpus);

  return {
    performance: {
      stepSeconds,
      computeSeconds,
      bubbleSeconds,
      exposedCommunicationSeconds,
      optimizerSeconds,
      bubbleFraction: bubbleSeconds / stepSeconds,
      // Achieved fraction of peak on the slowest stage's compute (GEMMs, attention and element-wise time).
      computeEfficiency: stageFlopsPerMicroBatch / (peakMatmul * computePerMicroBatch),
      tokensPerSecond: tokensPerStep / stepSeconds,
      modelFlopsPerStep,
      hardwareFlopsPerStep,
      modelFlopsPerSecondPerGpu,
      hardwareFlopsPerSecondPerGpu,
      modelFlopsUtilization: modelFlopsPerSecondPerGpu / peakMatmul,
      hardwareFlopsUtilization: hardwareFlopsPerSecondPerGpu / peakMatmul,
    },
    communication: {
      dataParallelBytes,
      tensorParallelBytes,
      pipelineParallelBytes,
      expertParallelBytes,
      contextParallelBytes,
      dataParallelSeconds,
      tensorParallelSeconds: m * tpSecondsPerMicroBatch,
      pipelineParallelSeconds,
      expertParallelSeconds: m * epSecondsPerMicroBatch,
      contextParallelSeconds: m * cpSecondsPerMicroBatch,
      exposedSeconds: exposedCommunicationSeconds,
      // The terms of exposedCommunicationSeconds above, one per source.
      exposedTensorParallelSeconds: m * tpCostPerMicroBatch,
      exposedPipelineParallelSeconds: ppExposed,
      exposedDataParallelSeconds: dpExposed,
      exposedContextParallelSeconds: m * cpSecondsPerMicroBatch,
      exposedExpertParallelSeconds: m * epCostPerMicroBatch,
      exposedOffloadSeconds: offloadExposed,
    },
  };
}

/**
 * A training run of `trainingTokens` at the plan's step time: steps = ⌈tokens / (global batch · s)⌉,
 * GPU-hours = GPUs · seconds / 3600, cost = GPU-hours · price, energy = GPUs · TDP · PUE · seconds (kWh).
 */
export function estimateRun(
  performance: PerformanceEstimate,
  counts: ModelCounts,
  cluster: ClusterSpec,
  layout: ParallelLayout,
  sequenceLength: number,
  trainingTokens: number,
): RunEstimate {
  const gpus = layoutGpus(layout);
  const steps = Math.ceil(trainingTokens / (layout.globalBatchSize * sequenceLength));
  const seconds = steps * performance.stepSeconds;
  const gpuHours = (gpus * seconds) / 3600;
  return {
    trainingTokens,
    steps,
    seconds,
    days: seconds / 86_400,
    gpuHours,
    costUsd: gpuHours * cluster.gpuHourUsd,
    // Energy at TDP × PUE (an upper bound on IT power: GPUs rarely sit at TDP; host power not counted).
    energyKwh: (gpus * cluster.gpu.tdpWatts * cluster.pue * seconds) / 3.6e6,
    modelFlops: counts.modelFlopsPerToken * trainingTokens,
  };
}
