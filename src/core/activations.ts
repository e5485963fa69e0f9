/**
 * Activation memory per transformer layer and micro-batch (Korthikanti et al. 2022, "Reducing Activation Recomputation
 * in Large Transformer Models" §4), generalised to GQA, MLA, gated MLPs, MoE, context parallelism and FP8 caching.
 * Units: bytes. Pure; hot path (no allocation).
 */
import { headDimOf, kvHeadsPerRank, moeLayersOf } from './model.js';
import { operatorRecomputeActivationBytes } from './operator-recompute.js';
import { activationElementBytesFor } from './precision.js';
import type { ModelArchitecture, ParallelLayout, PlanOptions, RecomputeMode } from './types.js';

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
  /** Norm outputs and the MLP activation's output rebuilt in the backward (DeepSeek-V3 §3.2.3, §3.3.3). */
  cheapRecompute = false,
  /** Q, K and V are MLA up-projections rebuilt from the stored latents (with cheapRecompute on an MLA model). */
  upProjectionsRecomputed = false,
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
  // Korthikanti §4.1: 10sbh outside the parallel regions (norms 4, QKV/MLP inputs 4, two 1-byte dropout masks 2); the
  // QKV/MLP inputs are the norms' outputs, rebuilt from the norms' inputs under cheap recompute (DeepSeek-V3 §3.2.3).
  const replicated = ((dropout ? 6 : 4) + (cheapRecompute ? 0 : 4 * g)) * sbh;
  // Korthikanti §4.1 attention: Q, K, V (4sbh for MHA; GQA shrinks K, V) + projection input 2sbh; Q and the
  // projection input are heads·headDim wide (= h unless headDim decouples them). MLA's Q, K, V rebuilt from its
  // latents leave only the projection input (DeepSeek-V3 §3.2.3, recomputation of the MLA up-projections).
  const qkvPerRank = upProjectionsRecomputed ? 0 : (2 * sb * attentionHeads * headDim) / tensorParallel + 4 * sb * kvHiddenPerRank;
  const attentionPerRank = (2 * g * sb * attentionHeads * headDim) / tensorParallel + qkvPerRank;
  // Per MLP: fc1 output (gate + up when gated) 16-bit + the activation's output (the fc2 input, g); cheap recompute
  // keeps only the activation's input, in the storage precision, and rebuilds its output (DeepSeek-V3 §3.3.3).
  const oneMlp = (cheapRecompute ? (gatedMlp ? 4 : 2) * g : (gatedMlp ? 4 : 2) + 2 * g) * sb * ffnHiddenSize;
  // Korthikanti §4.1 MLP: 16sbh = fc1 out + GELU out for f = 4h; MoE: per routed copy, plus the dispatched inputs.
  // Over t the MoE term is what a rank's experts hold under any expert TP (MoE parallel folding, Megatron-Core): with
  // ETP = 1 a rank receives k·sb/t routed copies (its EP group's sequence shards, spread over the group) at full width
  // f; with ETP = t, ETP-times the copies at f/ETP width — the same fc1/fc2 bytes (the dispatched inputs kept at /t).
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
 * §3.3.2, all-gather CP) unless the whole layer is recomputed (or rebuilt from torchtitan's per-operator cache, whose
 * saved outputs hold no gathered K/V).
 */
export function activationBytesPerLayer(
  arch: ModelArchitecture,
  layout: ParallelLayout,
  recompute: RecomputeMode = layout.recompute,
  /** The busiest EP rank's routed tokens over the mean (moe-load.ts): its routed experts' activations grow with it. */
  expertLoad = 1,
  /** The routed experts clamp their gated inputs as separate operators (arch.activationClamp under PER_EXPERT launches). */
  eagerClamp = false,
): number {
  const c = layout.contextParallel ?? 1;
  const local = activationBytesPerLayerLocal(arch, layout, recompute, expertLoad, eagerClamp);
  if (c === 1) return local;
  const t = layout.tensorParallel;
  const kvHiddenPerRank = headDimOf(arch) * kvHeadsPerRank(arch.kvHeads, t);
  const gatheredKv =
    recompute === 'FULL' || recompute === 'SELECTIVE_OPERATORS'
      ? 0
      : 2 * arch.sequenceLength * layout.microBatchSize * kvHiddenPerRank * activationElementBytesFor(layout.precision) * (1 - 1 / c);
  return local / c + gatheredKv;
}

function activationBytesPerLayerLocal(arch: ModelArchitecture, layout: ParallelLayout, recompute: RecomputeMode, expertLoad: number, eagerClamp: boolean): number {
  if (recompute === 'SELECTIVE_OPERATORS') {
    // torchtitan's per-operator policy keeps its saved operators' outputs (dense models only: plan.ts refuses the rest).
    const tokens = arch.sequenceLength * layout.microBatchSize;
    const elementBytes = activationElementBytesFor(layout.precision);
    return operatorRecomputeActivationBytes(arch, tokens, layout.tensorParallel, layout.sequenceParallel, elementBytes);
  }
  const moe = arch.experts > 1;
  const moeLayers = moeLayersOf(arch);
  const sb = arch.sequenceLength * layout.microBatchSize;
  // MLA keeps its query and key/value latents (and their RMSNorm inputs) and the rotary key, TP-replicated: the
  // down-projections run on the whole hidden state (DeepSeek-V2 §2.1.2).
  // Under cheap recompute the latents' RMSNorm outputs are rebuilt from its inputs (DeepSeek-V3 §3.2.3): 2 B, not 4.
  const latentBytes = layout.cheapRecompute === true ? 2 : 4;
  const latents =
    arch.latentAttention === undefined || recompute === 'FULL'
      ? 0
      : (activationElementBytesFor(layout.precision) / 2) *
        sb *
        (latentBytes * (arch.latentAttention.queryRank + arch.latentAttention.kvRank) + 2 * arch.latentAttention.qkRopeHeadDim);
  const moeLayer = activationBytesPerLayerUniform(arch, layout, recompute, moe, arch.ffnHiddenSize, expertLoad) + eagerClampCopyBytes(arch, layout, recompute, expertLoad, eagerClamp);
  if (!moe || moeLayers === arch.layers) return moeLayer + latents;
  // An MoE model with dense layers: the mean layer.
  const denseLayer = activationBytesPerLayerUniform(arch, layout, recompute, false, arch.denseFfnHiddenSize ?? arch.ffnHiddenSize, 1);
  return (moeLayers * moeLayer + (arch.layers - moeLayers) * denseLayer) / arch.layers + latents;
}

/**
 * Whether a clamped gated MLP's experts run their clamps as separate operators: Megatron-Core's per-expert (grouped MLP)
 * path. The step time (compute.ts) and the memory (below) both ask it.
 */
export function runsEagerClamp(arch: Pick<ModelArchitecture, 'activationClamp'>, options: Pick<PlanOptions, 'expertGemmLaunch'> | undefined): boolean {
  return arch.activationClamp !== undefined && options?.expertGemmLaunch === 'PER_EXPERT';
}

/**
 * A clamped gated MLP's routed experts in Megatron-Core's grouped path (fusions/fused_bias_geglu.py
 * weighted_bias_quick_geglu_impl, core_v0.15–v0.17: chunk the fc1 output, clamp each half, concatenate, then the fused
 * activation): the clamps keep their input — the fc1 output — for their backward, and the fused activation its own
 * input, the concatenated clamped copy: one more 2·f-wide 16-bit tensor per routed copy of a token, at the fc1 output's
 * split over t. None under FULL recompute or the MoE activation's recompute (cheapRecompute: the clamp runs inside the
 * checkpointed function, which keeps only the fc1 output).
 */
function eagerClampCopyBytes(arch: ModelArchitecture, layout: ParallelLayout, recompute: RecomputeMode, expertLoad: number, eagerClamp: boolean): number {
  if (!eagerClamp || arch.activationClamp === undefined || arch.experts <= 1 || recompute === 'FULL' || layout.cheapRecompute === true) return 0;
  const sb = arch.sequenceLength * layout.microBatchSize;
  return (activationElementBytesFor(layout.precision) / 2) * ((arch.expertsPerToken * expertLoad * 4 * sb * arch.ffnHiddenSize) / layout.tensorParallel);
}

function activationBytesPerLayerUniform(
  arch: ModelArchitecture,
  layout: ParallelLayout,
  recompute: RecomputeMode,
  moe: boolean,
  ffnHiddenSize: number,
  expertLoad: number,
): number {
  return activationBytesPerLayerFor(
    arch.sequenceLength,
    layout.microBatchSize,
    arch.hiddenSize,
    arch.attentionHeads,
    arch.kvHeads,
    ffnHiddenSize,
    arch.gatedMlp,
    moe ? arch.expertsPerToken * expertLoad + arch.sharedExperts : 1,
    moe,
    layout.tensorParallel,
    layout.sequenceParallel && layout.tensorParallel > 1,
    recompute,
    layout.flashAttention,
    activationElementBytesFor(layout.precision),
    arch.dropout ?? true,
    headDimOf(arch),
    layout.activationStorage === 'FP8' ? 0.5 : 1,
    layout.cheapRecompute === true,
    layout.cheapRecompute === true && arch.latentAttention !== undefined,
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
