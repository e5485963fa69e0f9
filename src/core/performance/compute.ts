/**
 * Compute of one pipeline stage for one micro-batch (forward + backward), per GPU:
 *   matmul FLOPs / (peak · e_mm)  +  attention-score FLOPs / (peak · e_att)  +  element-wise bytes / (HBM · e_hbm)
 * - e_mm: the GEMM efficiency law of efficiency.ts on (tokens per micro-batch — or per local expert —, min(h, f)/t).
 * - e_att: FlashAttention (assumed causal) skips the masked half of the s×s work and stores/streams no s×s tensors, so
 *   its backward recomputes the scores (2.5 forward passes, not the counted 2); it runs at the GEMM ceiling's head-dim
 *   rate times keys / (keys + 540), the keys each query meets per kernel call (cuDNN's SDPA benchmark). Without it, the
 *   GEMM law on (s/c, head dimension) for the QKᵀ and A·V batched products.
 * - Element-wise traffic (norms, bias-GELU/SwiGLU, bias-dropout-add, softmax + dropout on the s×s scores,
 *   logits/cross-entropy) is memory-bound: bytes from the activation accounting in memory.ts, backward ≈ 2 ×
 *   forward, recompute re-runs the forward.
 * E_MAX's share is CALIBRATED on the validation suite (docs/core-plan.md); e_hbm and the attention rate come from NVIDIA's
 * published kernel benchmarks (efficiency.ts ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION, flashAttentionRateFraction
 * below). Users override with
 * PlanOptions.computeEfficiencyOverride (a fixed fraction of peak for all FLOPs, nothing else) or scale with
 * computeEfficiencyScale.
 */
import { runsEagerClamp } from '../activations.js';
import { adapterParametersPerLayer } from '../adapter.js';
import { causalKeysPerQueryByLayerKind, headDimOf, kvHeadsPerRank, latentUpProjectionWeightsOf, replicatedKvParametersPerRank } from '../model.js';
import type { CrossEntropyFusion, ModelArchitecture, ParallelLayout, PlanOptions } from '../types.js';
import type { StepContext } from './context.js';
import { FP8_MATMUL_EFFICIENCY_FACTOR, matmulEfficiency } from './efficiency.js';

/** FP8 casts: each GEMM input (activations forward, output gradients backward) read in 16 bits and written in 8. */
const FP8_CAST_BYTES_PER_ELEMENT = 3;
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

/**
 * Bytes of HBM traffic per logit per micro-batch of the head's cross entropy, by options.crossEntropyFusion. The GEMMs'
 * own reads and writes of the logits are not counted (they are compute-bound).
 */
export const CROSS_ENTROPY_BYTES_PER_LOGIT: Readonly<Record<CrossEntropyFusion, number>> = {
  // Megatron-Core tensor_parallel/cross_entropy.py, VocabParallelCrossEntropy, op by op: forward — the 16-bit logits
  // cast to fp32 (read 2, write 4), max (4), subtract it in place (4 + 4), exp in place (4 + 4), sum (4), divide into
  // the softmax kept for the backward (4 + 4): 38; backward — scale the gradient in place (4 + 4), cast it back to 16
  // bits for the head's GEMMs (4 + 2): 14.
  UNFUSED: 52,
  // --cross-entropy-loss-fusion, impl "native" (fusions/fused_cross_entropy.py at core_r0.14.0, four compiled
  // functions): cast and max (read 2, write 4), subtract, exp and sum (4 + 4), divide into the softmax (4 + 4),
  // backward scale and cast to 16 bits (4 + 2): 28.
  NATIVE: 28,
  // --cross-entropy-fusion-impl te (transformer_engine/pytorch/triton/cross_entropy.py, v2.4–v2.14): an online-softmax
  // pass (read 2), a pass that writes the gradient over the 16-bit logits (read 2, write 2), and the backward's scaling
  // by the per-token loss gradient in place (2 + 2): 10.
  TE: 10,
  // PyTorch's F.cross_entropy on 16-bit logits (Hugging Face transformers' loss when the logits stay 16-bit): log_softmax
  // (read 2, write 2), nll_loss's gather; backward — nll_loss_backward writes the logits-sized gradient (2), and
  // log_softmax_backward reads it and the saved output and writes the input gradient (2 + 2 + 2): 12.
  PYTORCH: 12,
};

/**
 * Eager RoPE over fused, bytes per element of the queries and keys, forward and backward alike (torchtitan
 * models/llama/model.py apply_rotary_emb, read op by op): cast to fp32 (read 2, write 4), complex multiply by the
 * frequencies (read 4, write 4), cast back (read 4, write 2) — 20 — against a fused RoPE kernel's read 2, write 2; the
 * backward runs the same three operators' gradients.
 */
const EAGER_ROPE_EXTRA_BYTES_PER_ELEMENT = 16;

/**
 * Eager RMSNorm over fused, bytes per element of each of a layer's two norms (Hugging Face transformers LlamaRMSNorm,
 * torchtitan's RMSNorm under norm_type "rmsnorm", read op by op): forward — cast to fp32 (read 2, write 4), square
 * (4 + 4), mean (read 4), scale by the reciprocal root (4 + 4), cast back (4 + 2), times the weight (2 + 2) — 36 against
 * a fused kernel's read 2, write 2: 32 more; backward — the weight's product and its gradient's reduction (8), the cast's
 * (6), the scale's two products (16), the square's gradient (12), the two paths summed (12), the cast back (6) — 60,
 * against a fused backward's ≈ 6 (read the input and the gradient, write the input's gradient): 64 more with rounding up
 * the per-token reductions.
 */
const EAGER_RMSNORM_EXTRA_BYTES_FORWARD = 32;
const EAGER_RMSNORM_EXTRA_BYTES_BACKWARD = 64;
/**
 * Eager SwiGLU over fused, bytes per element of the MLP width: forward F.silu (read 2, write 2) then multiply (read 4,
 * write 2) — 10 — against a fused kernel's read 4, write 2; backward the multiply's two gradients (read 4, write 2 each)
 * and silu's (read 4, write 2) — 18 — against a fused kernel's read 6, write 4.
 */
const EAGER_SWIGLU_EXTRA_BYTES_FORWARD = 4;
const EAGER_SWIGLU_EXTRA_BYTES_BACKWARD = 8;
/**
 * Megatron-Core's unfused RoPE over TE's fused kernel, bytes per query and key element (models/common/embeddings/
 * rope_utils.py _apply_rotary_pos_emb_bshd, core_v0.16–v0.18, read op by op): forward — rotate-half's negation of one
 * half (read 1, write 1) and concatenation (2 + 2), t·cos (2 + 2), rotate-half·sin (2 + 2), their sum (4 + 2) and the
 * final concatenation with the empty pass-through part (2 + 2): 24 against the fused kernel's 4; backward — the two
 * products' gradients (2 + 2 each), the negation's (1 + 1), the chunk's concatenation (2 + 2) and the two paths' sum
 * (4 + 2): 20 against 4. Megatron-Core takes this path for a YaRN model whose concentration factor is not 1 (gpt-oss:
 * 1 + 0.1·ln 32), which TE's fused RoPE does not take ("mscale … is not supported by TE's fused RoPE. Using unfused
 * implementation.").
 */
const MEGATRON_UNFUSED_ROPE_EXTRA_BYTES_FORWARD = 20;
const MEGATRON_UNFUSED_ROPE_EXTRA_BYTES_BACKWARD = 16;

/**
 * Weights of MLA's up-projections (DeepSeek-V2 §2.1.2), what DeepSeek-V3's cheap recompute runs again in the backward
 * (§3.2.3); 0 without MLA. One formula, in model.ts (hardware FLOPs count it too).
 */
export const latentUpProjectionWeights = latentUpProjectionWeightsOf;

/**
 * An all-to-all delivers each rank's received tokens rank by rank; a rank holding several experts regroups them by
 * local expert after the dispatch and back before the combine (Megatron-Core token_dispatcher.py at core_r0.14.0,
 * MoEAlltoAllTokenDispatcher: sort_chunks_by_idxs in dispatch_postprocess and combine_preprocess, a transposing copy
 * with token drop) — one more pair of permutations of the k copies of each token, the bytes of one forward pass of the
 * dispatch's own permute and unpermute (`dispatchBytes`: read 2 + write 2 per copy element each), run forward, again on
 * the recomputed share, and once backward. The node-deduplicated path (DeepEP, HybridEP) hands each rank its tokens
 * per expert and permutes once each way, as the dispatch bytes count: nothing more.
 */
function expertSortBytes(ctx: StepContext, dispatchBytes: number): number {
  const { arch, moe, e } = ctx;
  if (!moe || e <= 1 || arch.experts / e <= 1) return 0;
  if ((ctx.options?.expertDispatch ?? 'ALL_TO_ALL') !== 'ALL_TO_ALL') return 0;
  return (2 + ctx.recomputed) * dispatchBytes;
}

/**
 * Bytes per routed fc2-output element of the experts' fc2 bias as Megatron-Core's TEGroupedMLP adds it with PER_EXPERT
 * launches (transformer/moe/experts.py _apply_bias, core_v0.16.0 / core_v0.17.0: fc2 has skip_bias_add, so per local
 * expert t + b·p with the router probabilities p — 16-bit unless moe_router_dtype is set, which the gpt-oss configs do
 * not — and the splits concatenated). Forward: b·p written (2), the add (read 2 + 2, write 2), the concatenation (2 + 2)
 * = 12; backward: the bias gradient Σ g·p and the probability gradient Σ g·b, each a product written and read back
 * (read 2, write 2, read 2) = 12. The per-expert host work of those small operators is not counted.
 */
const EXPERT_BIAS_BYTES_FORWARD = 12;
const EXPERT_BIAS_BYTES_BACKWARD = 12;

/** The experts' fc2 bias added outside the grouped GEMM (models with linear biases, PER_EXPERT launches): HBM bytes per layer and micro-batch. */
function expertBiasBytes(ctx: StepContext): number {
  const { arch, moe, moeShare, k, tokens, h, spDivisor } = ctx;
  if (!moe || arch.linearBiases !== true || ctx.options?.expertGemmLaunch !== 'PER_EXPERT') return 0;
  const routedElements = (moeShare * k * tokens * h) / spDivisor;
  return routedElements * ((1 + ctx.recomputed) * EXPERT_BIAS_BYTES_FORWARD + EXPERT_BIAS_BYTES_BACKWARD);
}

/**
 * Bytes per element of the routed experts' fc1 output (the gate and linear halves, 2·f wide) that Megatron-Core's
 * grouped experts spend clamping it before their fused activation (transformer/moe/experts.py → fusions/
 * fused_bias_geglu.py weighted_bias_quick_geglu_impl, core_v0.15–v0.17, under activation_func_clamp_value): the input
 * chunked into its halves, each clamped as its own operator (read 2, write 2) and torch.cat'ed back (read 2, write 2)
 * — 8 forward; backward, each clamp's gradient masked by its saved input (read 2 + 2, write 2) and the chunk's gradient
 * concatenated (read 2, write 2) — 10. The forward runs again on the recomputed share and under the MoE activation's
 * recompute (recompute_modules moe_act: cheapRecompute).
 */
const EAGER_CLAMP_BYTES_FORWARD = 8;
const EAGER_CLAMP_BYTES_BACKWARD = 10;

/** The eager clamp of a clamped gated MLP's routed experts (arch.activationClamp, PER_EXPERT launches): HBM bytes per layer and micro-batch. */
function eagerActivationClampBytes(ctx: StepContext): number {
  const { arch, moe, moeShare, k, tokens, t } = ctx;
  if (!moe || !runsEagerClamp(arch, ctx.options)) return 0;
  const fc1OutputElements = (moeShare * k * tokens * 2 * arch.ffnHiddenSize) / t;
  const forwards = 1 + ctx.recomputed + (cheapRecomputeOn(ctx) ? 1 : 0);
  return fc1OutputElements * (forwards * EAGER_CLAMP_BYTES_FORWARD + EAGER_CLAMP_BYTES_BACKWARD);
}

/** Whether the cheap operators (norms, MLA up-projections, SwiGLU output) are recomputed on top of `recompute`. */
function cheapRecomputeOn(ctx: StepContext): boolean {
  return ctx.layout.cheapRecompute === true && ctx.layout.recompute !== 'FULL';
}

/** FLOPs one GPU runs per layer (mean over dense and MoE layers) and for the output head, per micro-batch. */
export interface LayerFlops {
  dense: number;
  expert: number;
  score: number;
  head: number;
  /** Multi-token-prediction modules (with the head): their blocks, projections and second pass of the head. */
  multiTokenPrediction: number;
  /** Passes over the GEMMs: forward, input and weight gradients, the recomputed forward (minus frozen weights'). */
  matmulPasses: number;
  /** Trained adapter parameters per layer (0 without an adapter). */
  adapterPerLayer: number;
}

/** Compute time of one layer, the output head and the input embedding for one micro-batch on one GPU. */
export interface LayerCompute {
  flops: LayerFlops;
  layerSeconds: number;
  /** The attention scores' share of layerSeconds (FlashAttention's executed work, every pass): the window a ring CP hides under. */
  attentionSeconds: number;
  headSeconds: number;
  embeddingSeconds: number;
  /** The multi-token-prediction modules of one micro-batch, on the head's rank (0 without them). */
  multiTokenPredictionSeconds: number;
}

/**
 * Passes over each GEMM per micro-batch: forward, input gradient, weight gradient, and the recomputed forward under
 * FULL recompute (Narayanan et al. 2021 eq. 3: 4× instead of 3×) — on the `recomputed` share of the layers (a mean
 * over them; 1 under FULL); frozen base weights (an adapter) have no weight gradient.
 */
export function matmulPassesOf(layout: Pick<ParallelLayout, 'recompute' | 'adapter'>, recomputed = layout.recompute === 'FULL' ? 1 : 0): number {
  return 3 + recomputed - (layout.adapter === undefined ? 0 : 1);
}

/**
 * Passes over the attention scores per micro-batch: forward and backward (3), again under SELECTIVE for every layer
 * (Korthikanti et al. 2022 §5) and under FULL for its recomputed layers (the share ctx.recomputed).
 */
function scorePassesOf(ctx: StepContext): number {
  return ctx.layout.recompute === 'SELECTIVE' ? 4 : 3 + ctx.recomputed;
}

/**
 * FlashAttention's backward recomputes the scores block by block instead of reading a stored softmax: five matrix
 * products against the forward's two (Dao 2023, FlashAttention-2 §4.1; the FA3 paper counts the same) — three over the
 * query-key width (S = QKᵀ again, dQ = dS·K, dK = dSᵀ·Q) and two over the value width (dP = dO·Vᵀ, dV = Pᵀ·dO) against
 * the forward's one of each: (3·d_qk + 2·d_v) / (d_qk + d_v) forward passes, 2.5 when the widths are equal (MLA's 192
 * and 128: 2.6; cuDNN's SDPA benchmark counts its FLOPs so), where the counted work (Megatron's, Korthikanti's) charges
 * the backward 2 ×.
 */
export function flashAttentionBackwardPasses(arch: ModelArchitecture): number {
  const mla = arch.latentAttention;
  if (mla === undefined) return 2.5;
  const queryKeyWidth = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
  return (3 * queryKeyWidth + 2 * mla.vHeadDim) / (queryKeyWidth + mla.vHeadDim);
}

/**
 * What FlashAttention executes over the counted score passes: forward 1 + backward 2.5 (+ the recomputed forward of
 * SELECTIVE or FULL) against the counted 1 + 2 (+ the same).
 */
function flashScoreWorkOverCounted(ctx: StepContext): number {
  const counted = scorePassesOf(ctx);
  return (counted - 2 + flashAttentionBackwardPasses(ctx.arch)) / counted;
}

/**
 * Keys per query at which a FlashAttention kernel loses half its rate to the fixed work of each query tile (loading Q,
 * the masked diagonal block, the softmax statistics and writing O): fitted (least squares on the log) to cuDNN's
 * published SDPA training benchmark, BF16, head dim 128, causal and unmasked, 2K–32K tokens, on H200 (cuDNN 9.19),
 * GB200 and GB300 (cuDNN 9.22) — NVIDIA/cudnn-frontend benchmark/sdpa_benchmark_training/results, llama3.1 — where
 * forward + backward reach ceiling / (1 + 540 / keys per query) (each GPU its own ceiling, within ±7 % to 16K tokens). Causal at
 * 4K reaches 0.51 of H200's peak, at 16K 0.61.
 */
export const FLASH_ATTENTION_HALF_RATE_KEYS_PER_QUERY = 540;

/** Fraction of its ceiling a FlashAttention kernel reaches when each query meets `keysPerQuery` keys in the call. */
export function flashAttentionRateFraction(keysPerQuery: number): number {
  return keysPerQuery / (keysPerQuery + FLASH_ATTENTION_HALF_RATE_KEYS_PER_QUERY);
}

/** Attention kernel calls per pass over a layer: one per step of a CP ring (one kernel per chunk pair), else one. */
export function flashAttentionCallsPerPass(contextParallel: number, options: PlanOptions | undefined): number {
  return contextParallel > 1 && options?.contextParallelCommunication === 'RING' ? contextParallel : 1;
}

/**
 * How much longer the executed score work takes than at the kernel's ceiling: per kind of layer (global, windowed), the
 * causal keys each query meets per kernel call — all of them with an all-gathered K/V, 1/c of them per step of the
 * ring (Megatron-Core's p2p CP runs one kernel per chunk pair) — weighted by that kind's share of the work.
 */
function flashAttentionKeysOverhead(ctx: StepContext): number {
  const callsPerPass = flashAttentionCallsPerPass(ctx.c, ctx.options);
  const { global, windowed } = causalKeysPerQueryByLayerKind(ctx.arch);
  let work = 0;
  let time = 0;
  for (const kind of [global, windowed]) {
    if (kind.share === 0) continue;
    work += kind.share * kind.keys;
    time += (kind.share * kind.keys) / flashAttentionRateFraction(kind.keys / callsPerPass);
  }
  return time / work;
}

/** FLOPs per layer and micro-batch, per GPU. */
export function layerFlops(ctx: StepContext): LayerFlops {
  const { arch, counts, layout, t, h, k, moe, moeShare, tokens } = ctx;
  // With CP a rank's queries still attend to all s keys, so the score FLOPs per token (4·s·h) keep the full s and
  // load-balanced causal chunks split them evenly.
  const scoreFlopsPerToken = counts.attentionScoreFlopsPerTokenPerLayer;
  const oneMlpMatmul = (arch.gatedMlp ? 3 : 2) * h * arch.ffnHiddenSize;
  const expertFlopsPerToken = moe ? moeShare * 2 * k * oneMlpMatmul : 0;
  const denseFlopsPerToken = counts.forwardFlopsPerTokenPerLayer - scoreFlopsPerToken - expertFlopsPerToken;
  // Backward = 2 × forward; FULL recompute re-runs the forward (Narayanan et al. 2021 eq. 3: 4× instead of 3×);
  // SELECTIVE re-runs only the attention scores (Korthikanti et al. 2022 §5); SELECTIVE_OPERATORS its policy's matmuls
  // (operator-recompute.ts; torchtitan parallelize_llama.py _save_list), not the attention.
  // With frozen base weights (adapter fine-tuning) the backward computes input gradients only: one pass fewer.
  const adapter = layout.adapter;
  const matmulPasses = matmulPassesOf(layout, ctx.recomputedGemms);
  const scorePasses = scorePassesOf(ctx);
  // Adapters are trained: forward, input and weight gradients (+ the recomputed forward), 2 FLOPs per weight each.
  const adapterPerLayer = adapter === undefined ? 0 : adapterParametersPerLayer(arch, adapter);
  // DeepSeek-V3 §3.2.3: the MLA up-projections run once more in the backward (cheap recompute; FULL re-runs them anyway).
  const cheapRecomputeFlops = cheapRecomputeOn(ctx) ? (tokens * 2 * latentUpProjectionWeights(arch)) / t : 0;
  return {
    // With t > kvHeads every rank computes a whole replicated K and V head (Megatron-LM query groups): extra GEMM work.
    dense:
      cheapRecomputeFlops +
      (matmulPasses * tokens * denseFlopsPerToken) / t +
      matmulPasses * tokens * 2 * replicatedKvParametersPerRank(arch, t, false) +
      ((3 + ctx.recomputed) * tokens * 2 * adapterPerLayer) / t,
    expert: (matmulPasses * tokens * expertFlopsPerToken) / t,
    score: (scorePasses * tokens * scoreFlopsPerToken) / t,
    head: ((adapter === undefined ? 3 : 2) * tokens * counts.forwardFlopsPerTokenHead) / t,
    multiTokenPrediction: 0,
    matmulPasses,
    adapterPerLayer,
  };
}

/** Element-wise (memory-bound) bytes of one layer per micro-batch, all passes. */
function layerElementwiseBytes(ctx: StepContext): number {
  const { arch, counts, layout, t, h, s, k, moe, moeShare, tokens, spDivisor, elementScale } = ctx;
  const queryWidth = counts.queryWidth;
  // K/V width one rank holds and computes (a whole head each when t > kvHeads).
  const kvHiddenPerRank = headDimOf(arch) * kvHeadsPerRank(arch.kvHeads, t);
  const sbh = tokens * h;
  // Forward element-wise bytes (16-bit elements scaled for fp32).
  const dropout = arch.dropout !== false;
  const replicatedBytes =
    ((dropout ? REPLICATED_ELEMENTWISE_BYTES_PER_SBH : REPLICATED_ELEMENTWISE_BYTES_PER_SBH_NO_DROPOUT) * sbh) / spDivisor;
  // MLP inner width a token passes through, per layer (the mean of MoE and dense layers); the routed experts' part of it.
  const routedMlpWidth = moe ? moeShare * k * arch.ffnHiddenSize : 0;
  const mlpWidth = moe
    ? routedMlpWidth + moeShare * arch.sharedExperts * arch.ffnHiddenSize + (1 - moeShare) * (arch.denseFfnHiddenSize ?? arch.ffnHiddenSize)
    : arch.ffnHiddenSize;
  const parallelBytes =
    (4 * tokens * queryWidth + (arch.gatedMlp ? 6 : 4) * tokens * mlpWidth) / t + 8 * tokens * kvHiddenPerRank;
  // MoE token dispatch and combine: read + write of k copies of each token, twice (MoE layers only).
  const dispatchBytes = moe ? (moeShare * 8 * k * sbh) / spDivisor : 0;
  const softmaxBytesPerScore = dropout ? SOFTMAX_ELEMENTWISE_BYTES_PER_SCORE : SOFTMAX_ELEMENTWISE_BYTES_PER_SCORE_NO_DROPOUT;
  const softmaxBytes = layout.flashAttention ? 0 : (softmaxBytesPerScore * arch.attentionHeads * s * tokens) / t;
  // FP8: quantise the inputs of QKV and fc1 (h wide, replicated without SP), the projection (h/t) and fc2 (f/t).
  const castBytes =
    layout.precision === 'FP8' ? FP8_CAST_BYTES_PER_ELEMENT * tokens * ((2 * h) / spDivisor + (queryWidth + mlpWidth) / t) : 0;
  const elementwisePasses = 3 + ctx.recomputedElementwise;
  const softmaxPasses = scorePassesOf(ctx);
  return (
    elementScale *
      (elementwisePasses * (replicatedBytes + parallelBytes + dispatchBytes) +
        eagerElementwiseBytes(ctx, kvHiddenPerRank, mlpWidth / t, routedMlpWidth / t) +
        expertSortBytes(ctx, dispatchBytes) +
        softmaxPasses * softmaxBytes +
        cheapRecomputeBytes(ctx, mlpWidth)) +
    elementwisePasses * castBytes +
    expertBiasBytes(ctx) +
    eagerActivationClampBytes(ctx)
  );
}

/**
 * What running RoPE and SwiGLU as eager PyTorch operators (PlanOptions.elementwiseKernels EAGER: torchtitan without
 * torch.compile) adds to a layer's HBM traffic per micro-batch over fused kernels: the forward's extra bytes once, and
 * again on the recomputed share, plus the backward's. RoPE acts on the rotary models' queries and keys (with MLA only
 * on their decoupled rotary parts: every head's and the one shared key's), SwiGLU on a gated MLP's width — under
 * EAGER_FUSED_EXPERTS without the routed experts' share of it, under EAGER_ROPE none of it (RoPE alone, in Megatron-Core's
 * unfused form); `keyWidth` is the key width one rank holds, `mlpWidth`
 * its MLP width (mean over dense and MoE layers, routed and shared experts included), `routedWidth` the routed part.
 */
function eagerElementwiseBytes(ctx: StepContext, keyWidth: number, mlpWidth: number, routedWidth: number): number {
  const kernels = ctx.options?.elementwiseKernels;
  if (kernels !== 'EAGER' && kernels !== 'EAGER_NORMS' && kernels !== 'EAGER_FUSED_EXPERTS' && kernels !== 'EAGER_ROPE') return 0;
  const { arch, t } = ctx;
  const eagerMlpWidth = kernels === 'EAGER_FUSED_EXPERTS' ? mlpWidth - routedWidth : mlpWidth;
  const swigluWidth = arch.gatedMlp === true ? eagerMlpWidth : 0;
  const mla = arch.latentAttention;
  const rotaryWidth =
    arch.positionEmbedding !== 'ROTARY'
      ? 0
      : mla !== undefined
        ? ((arch.attentionHeads / t) + 1) * mla.qkRopeHeadDim
        : ctx.counts.queryWidth / t + keyWidth;
  if (kernels === 'EAGER_ROPE') {
    // Megatron-Core's unfused rotate-half RoPE; SwiGLU and the rest fused.
    const forward = MEGATRON_UNFUSED_ROPE_EXTRA_BYTES_FORWARD * rotaryWidth;
    return ctx.tokens * ((1 + ctx.recomputedElementwise) * forward + MEGATRON_UNFUSED_ROPE_EXTRA_BYTES_BACKWARD * rotaryWidth);
  }
  const rope = EAGER_ROPE_EXTRA_BYTES_PER_ELEMENT * rotaryWidth;
  // EAGER_NORMS: the layer's two RMSNorms too, over the hidden state (sequence-sharded with SP).
  const normWidth = kernels === 'EAGER_NORMS' ? (2 * ctx.h) / ctx.spDivisor : 0;
  const forward = rope + EAGER_SWIGLU_EXTRA_BYTES_FORWARD * swigluWidth + EAGER_RMSNORM_EXTRA_BYTES_FORWARD * normWidth;
  const backward = rope + EAGER_SWIGLU_EXTRA_BYTES_BACKWARD * swigluWidth + EAGER_RMSNORM_EXTRA_BYTES_BACKWARD * normWidth;
  return ctx.tokens * ((1 + ctx.recomputedElementwise) * forward + backward);
}

/**
 * Element-wise bytes the cheap recompute re-runs once per layer and micro-batch (DeepSeek-V3 §3.2.3, §3.3.3): every
 * RMSNorm (read 2 + write 2 bytes per element: the two h-wide ones and MLA's latent ones) and the SwiGLU output from
 * its cached inputs (read 2 × 2, write 2 bytes per element of the MLP width).
 */
function cheapRecomputeBytes(ctx: StepContext, mlpWidth: number): number {
  if (!cheapRecomputeOn(ctx)) return 0;
  const { arch, tokens, h, t, spDivisor } = ctx;
  const mla = arch.latentAttention;
  const latentWidth = mla === undefined ? 0 : mla.queryRank + mla.kvRank;
  const normBytes = 4 * tokens * ((2 * h) / spDivisor + latentWidth);
  const swigluBytes = arch.gatedMlp ? (6 * tokens * mlpWidth) / t : 0;
  return normBytes + swigluBytes;
}

/** Seconds of one layer, the head and the embedding per micro-batch on one GPU (see the header for the law). */
export function layerCompute(ctx: StepContext): LayerCompute {
  const { arch, counts, layout, options, generation, t, h, s, c, k, e, etp, moe, tokens, peakMatmul, peakHigherPrecision } = ctx;
  const hbm = ctx.hbmBytesPerSecond;
  const flops = layerFlops(ctx);
  const override = options?.computeEfficiencyOverride;
  // A user's scale, and the GPU's own microbenchmark ceiling where it differs from its generation's (GB200).
  const scale = (options?.computeEfficiencyScale ?? 1) * ctx.matmulCeilingScale;
  let layerSeconds: number;
  let headSeconds: number;
  let attentionSeconds: number;
  if (override !== undefined) {
    // A fixed fraction of peak for every FLOP; no separate memory-bound term.
    const rate = peakMatmul * override;
    attentionSeconds = flops.score / rate;
    layerSeconds = (flops.dense + flops.expert + flops.score) / rate;
    headSeconds = flops.head / rate;
  } else {
    const width = Math.min(h, arch.ffnHiddenSize) / t;
    const precisionFactor = layout.precision === 'FP8' ? FP8_MATMUL_EFFICIENCY_FACTOR : 1;
    const eDense = Math.min(1, scale * precisionFactor * matmulEfficiency(tokens, width, generation));
    // Tokens each local expert sees: b·s·k routed copies spread over E/e local experts gathered from e ranks — on the
    // busiest rank, expertLoad times the mean (its GEMMs pace the layer; the FLOP count stays the mean's). With expert
    // TP below t (MoE parallel folding, Megatron-Core) each EP rank dispatches its own sequence shard, 1/(t/ETP) of
    // that, and the expert GEMMs are min(h, f)/ETP wide; the FLOPs per GPU stay the same (layerFlops).
    const load = ctx.expertLoad;
    const expertWidth = Math.min(h, arch.ffnHiddenSize) / etp;
    const eExpert = moe
      ? Math.min(1, scale * precisionFactor * matmulEfficiency((load * tokens * k * e * (etp / t)) / arch.experts, expertWidth, generation))
      : eDense;
    // FlashAttention (causal, windowed) skips fully masked blocks: only the causal share of the counted work runs —
    // half of s×s without a window — and its backward recomputes the scores (2.5 forward passes, not 2); its rate
    // follows the keys each query meets per kernel call (flashAttentionKeysOverhead). Without it the scores are
    // ordinary batched GEMMs of (s/c) × headDim.
    if (layout.flashAttention) {
      const attentionScale = (options?.computeEfficiencyScale ?? 1) * ctx.attentionCeilingScale;
      const eAttention = Math.min(1, attentionScale * matmulEfficiency(Number.POSITIVE_INFINITY, headDimOf(arch), generation));
      const executedScoreFlops =
        ((flops.score * counts.attentionKeysPerQueryCausal) / counts.attentionKeysPerQuery) * flashScoreWorkOverCounted(ctx);
      attentionSeconds = (executedScoreFlops * flashAttentionKeysOverhead(ctx)) / (peakHigherPrecision * eAttention);
    } else {
      attentionSeconds = flops.score / (peakHigherPrecision * Math.min(1, scale * matmulEfficiency(s / c, headDimOf(arch), generation)));
    }
    layerSeconds =
      flops.dense / (peakMatmul * eDense) + (load * flops.expert) / (peakMatmul * eExpert) + attentionSeconds + layerElementwiseBytes(ctx) / hbm;
    const eHead = Math.min(1, scale * matmulEfficiency(tokens, h, generation));
    headSeconds = flops.head / (peakHigherPrecision * eHead) + (CROSS_ENTROPY_BYTES_PER_LOGIT[options?.crossEntropyFusion ?? 'UNFUSED'] * tokens * arch.vocabSize) / t / hbm;
  }
  // The input embedding on the first rank: a memory-bound row gather forward (read 2, write 2 bytes per element) and a
  // scatter-add of its gradient backward (read the gradient 2, read + write the table gradient 4).
  const embeddingSeconds = (EMBEDDING_ELEMENTWISE_BYTES_PER_SBH * ctx.elementScale * tokens * h) / t / hbm;
  // DeepSeek-V3 §2.2: per depth one more block (a mean layer: V3's MoE and dense layers have equal FLOPs, 9 × 2,048 =
  // 18,432 wide), the projection M_k of [h; Emb] (2h → h), and the shared head and embedding once more.
  const depth = arch.multiTokenPredictionDepth ?? 0;
  let multiTokenPredictionSeconds = 0;
  if (depth > 0) {
    const projectionFlops = (flops.matmulPasses * tokens * 2 * 2 * h * h) / t;
    const eProjection = override !== undefined ? override : Math.min(1, scale * matmulEfficiency(tokens, h, generation));
    flops.multiTokenPrediction = depth * (flops.dense + flops.expert + flops.score + projectionFlops + flops.head);
    multiTokenPredictionSeconds =
      depth * (layerSeconds + projectionFlops / (peakMatmul * eProjection) + headSeconds + embeddingSeconds);
  }
  return { flops, layerSeconds, attentionSeconds, headSeconds, embeddingSeconds, multiTokenPredictionSeconds };
}
