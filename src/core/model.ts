/**
 * Architecture → parameter and FLOP counts.
 *
 * FLOP convention (also in the README):
 * - Each multiply-accumulate is 2 FLOPs; training = forward + backward = 3 × forward (backward is 2 × forward).
 * - Matmuls are counted with the weights a token actually uses (MoE: top-k routed + shared experts + router).
 * - Attention scores (QKᵀ and A·V) are counted non-causal, i.e. the full s×s product, as Megatron-LM
 *   (Narayanan et al. 2021, eq. 3) and PaLM's MFU (Chowdhery et al. 2022, App. B) do; the causal figure
 *   (half of that work) is kept beside it in `modelFlopsPerTokenCausal`. Under sliding-window attention a query's
 *   span is the window, not s (attentionKeysPerQuery); the product's width is heads × headDim.
 * - The output head (logits) is counted; biases, norms, softmax and activations are not (< 0.1 %).
 * - "Model FLOPs" exclude recomputation; "hardware FLOPs" (see `hardwareFlopsPerToken`) add it.
 * - Multi-token-prediction modules (DeepSeek-V3 §2.2) are in hardware FLOPs only: model FLOPs are the main model's,
 *   which the report says works alone once the MTP modules are discarded (§2.2) and which published MFU figures count.
 * - Kaplan's / the GPT-3 paper's C = 6·N·D (no attention, all parameters) is `sixNDComputeFlops` in scaling.ts.
 */
import { InvalidInputError, requireInteger } from './errors.js';
import type { LatentAttention, ModelArchitecture, ModelCounts, RecomputeMode } from './types.js';

/** Rejects architectures that cannot exist; messages name the field, the value and what is allowed. */
export function validateArchitecture(arch: ModelArchitecture, path = 'model'): void {
  requireInteger(`${path}.layers`, arch.layers, 1, 100_000);
  requireInteger(`${path}.hiddenSize`, arch.hiddenSize, 1, 10_000_000);
  requireInteger(`${path}.attentionHeads`, arch.attentionHeads, 1, 1_000_000);
  requireInteger(`${path}.kvHeads`, arch.kvHeads, 1, 1_000_000);
  requireInteger(`${path}.ffnHiddenSize`, arch.ffnHiddenSize, 1, 100_000_000);
  requireInteger(`${path}.vocabSize`, arch.vocabSize, 1, 100_000_000);
  requireInteger(`${path}.sequenceLength`, arch.sequenceLength, 1, 100_000_000);
  requireInteger(`${path}.experts`, arch.experts, 1, 1_000_000);
  requireInteger(`${path}.expertsPerToken`, arch.expertsPerToken, 1, arch.experts);
  requireInteger(`${path}.sharedExperts`, arch.sharedExperts, 0, 1_000_000);
  if (arch.positionOffset !== undefined) requireInteger(`${path}.positionOffset`, arch.positionOffset, 0, 1_000_000);
  if (arch.headDim !== undefined) requireInteger(`${path}.headDim`, arch.headDim, 1, 1_000_000);
  if (arch.slidingWindow !== undefined) requireInteger(`${path}.slidingWindow`, arch.slidingWindow, 1, 100_000_000);
  if (arch.slidingWindowLayers !== undefined) {
    if (arch.slidingWindow === undefined) {
      throw new InvalidInputError(`${path}.slidingWindowLayers`, arch.slidingWindowLayers, 'to be given with slidingWindow (the window those layers use)');
    }
    requireInteger(`${path}.slidingWindowLayers`, arch.slidingWindowLayers, 0, arch.layers);
  }
  const mla = arch.latentAttention;
  if (mla !== undefined) {
    requireInteger(`${path}.latentAttention.queryRank`, mla.queryRank, 0, 10_000_000);
    requireInteger(`${path}.latentAttention.kvRank`, mla.kvRank, 1, 10_000_000);
    requireInteger(`${path}.latentAttention.qkNopeHeadDim`, mla.qkNopeHeadDim, 0, 1_000_000);
    requireInteger(`${path}.latentAttention.qkRopeHeadDim`, mla.qkRopeHeadDim, 0, 1_000_000);
    requireInteger(`${path}.latentAttention.vHeadDim`, mla.vHeadDim, 1, 1_000_000);
    if (mla.qkNopeHeadDim + mla.qkRopeHeadDim < 1) {
      throw new InvalidInputError(`${path}.latentAttention.qkNopeHeadDim`, mla.qkNopeHeadDim, 'qkNopeHeadDim + qkRopeHeadDim ≥ 1 (the query/key head width)');
    }
    if (arch.kvHeads !== arch.attentionHeads) {
      throw new InvalidInputError(`${path}.kvHeads`, arch.kvHeads, `attentionHeads (${arch.attentionHeads}) with latentAttention: every head gets its own K and V from the latent`);
    }
    if (arch.headDim !== undefined) {
      throw new InvalidInputError(`${path}.headDim`, arch.headDim, 'no headDim with latentAttention (its head widths are qkNopeHeadDim + qkRopeHeadDim and vHeadDim)');
    }
  }
  if (arch.denseLayers !== undefined) {
    if (arch.experts <= 1) {
      throw new InvalidInputError(`${path}.denseLayers`, arch.denseLayers, 'to be given only for an MoE model (experts > 1): the layers whose MLP is dense instead of MoE');
    }
    requireInteger(`${path}.denseLayers`, arch.denseLayers, 0, arch.layers - 1);
  }
  if (arch.denseFfnHiddenSize !== undefined) requireInteger(`${path}.denseFfnHiddenSize`, arch.denseFfnHiddenSize, 1, 100_000_000);
  if (arch.multiTokenPredictionDepth !== undefined) {
    requireInteger(`${path}.multiTokenPredictionDepth`, arch.multiTokenPredictionDepth, 0, 16);
  }
  if (arch.activationClamp !== undefined) {
    if (!arch.gatedMlp) {
      throw new InvalidInputError(`${path}.activationClamp`, arch.activationClamp, 'to be given only for a gated MLP (gatedMlp: true): it clamps the gate and the linear half');
    }
    if (!Number.isFinite(arch.activationClamp) || arch.activationClamp <= 0 || arch.activationClamp > 1e6) {
      throw new InvalidInputError(`${path}.activationClamp`, arch.activationClamp, 'a positive number up to 1000000 (gpt-oss: 7)');
    }
  }
  if (arch.ropeAttentionFactor !== undefined) {
    if (arch.positionEmbedding !== 'ROTARY') {
      throw new InvalidInputError(`${path}.ropeAttentionFactor`, arch.ropeAttentionFactor, 'to be given only for rotary position embeddings (positionEmbedding: ROTARY): it scales RoPE\'s cos and sin');
    }
    if (!Number.isFinite(arch.ropeAttentionFactor) || arch.ropeAttentionFactor <= 0 || arch.ropeAttentionFactor > 100) {
      throw new InvalidInputError(`${path}.ropeAttentionFactor`, arch.ropeAttentionFactor, 'a positive number up to 100 (YaRN: 0.1·ln(factor) + 1, gpt-oss 1.347; 1 = unscaled)');
    }
  }
  // Without an explicit head width the heads split the model width (MLA sets its own widths).
  if (arch.headDim === undefined && mla === undefined && arch.hiddenSize % arch.attentionHeads !== 0) {
    throw new InvalidInputError(
      `${path}.hiddenSize`,
      arch.hiddenSize,
      `a multiple of attentionHeads (${arch.attentionHeads}), or give headDim`,
    );
  }
  if (arch.kvHeads > arch.attentionHeads || arch.attentionHeads % arch.kvHeads !== 0) {
    throw new InvalidInputError(
      `${path}.kvHeads`,
      arch.kvHeads,
      `a divisor of attentionHeads (${arch.attentionHeads})`,
    );
  }
  validateExpertGroups(arch, path);
}

/**
 * Group-limited routing (DeepSeek-V3 §2.1.2): the routed experts split into equal groups, and the groups a token may
 * use must hold at least its top-k experts.
 */
function validateExpertGroups(arch: ModelArchitecture, path: string): void {
  const groups = arch.expertGroups;
  const perToken = arch.expertGroupsPerToken;
  if (groups === undefined && perToken === undefined) return;
  if (groups === undefined || perToken === undefined) {
    const [field, value] = groups === undefined ? ['expertGroupsPerToken', perToken] : ['expertGroups', groups];
    throw new InvalidInputError(`${path}.${field}`, value, 'expertGroups and expertGroupsPerToken given together (group-limited routing)');
  }
  if (arch.experts <= 1) {
    throw new InvalidInputError(`${path}.expertGroups`, groups, 'to be given only for an MoE model (experts > 1)');
  }
  requireInteger(`${path}.expertGroups`, groups, 1, arch.experts);
  if (arch.experts % groups !== 0) {
    throw new InvalidInputError(`${path}.expertGroups`, groups, `a divisor of experts (${arch.experts}): the groups are equal`);
  }
  requireInteger(`${path}.expertGroupsPerToken`, perToken, 1, groups);
  const reachable = perToken * (arch.experts / groups);
  if (reachable < arch.expertsPerToken) {
    throw new InvalidInputError(
      `${path}.expertGroupsPerToken`,
      perToken,
      `at least ${Math.ceil(arch.expertsPerToken / (arch.experts / groups))}: ${perToken} groups of ${arch.experts / groups} experts cannot hold expertsPerToken (${arch.expertsPerToken})`,
    );
  }
}

/**
 * Matmul weights of one layer's attention: Q and O are h×h, K and V are h×(kvHeads·headDim) each (GQA, Ainslie et
 * al. 2023); Transformer-XL relative attention adds the h×h projection W_R of the relative encodings (Dai et al. 2019 §3.3).
 */
function attentionMatmulWeights(arch: ModelArchitecture): number {
  const h = arch.hiddenSize;
  const mla = arch.latentAttention;
  if (mla !== undefined) return latentAttentionMatmulWeights(h, arch.attentionHeads, mla);
  const headDim = headDimOf(arch);
  const relativeProjection = arch.positionEmbedding === 'RELATIVE' ? h * h : 0;
  return 2 * h * arch.attentionHeads * headDim + 2 * h * arch.kvHeads * headDim + relativeProjection;
}

/**
 * MLA matmul weights (DeepSeek-V2 §2.1.2–2.1.3, eqs. 9–14): W_DQ h×d_c' and W_UQ d_c'×n(d_nope + d_rope) (or W_Q
 * h×n(d_nope + d_rope) without a query latent), W_DKV with the shared rotary key W_KR h×(d_c + d_rope), W_UK and W_UV
 * d_c×n·d_nope and d_c×n·d_v, and W_O n·d_v×h.
 */
function latentAttentionMatmulWeights(h: number, heads: number, mla: LatentAttention): number {
  const qkHead = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
  const query = mla.queryRank > 0 ? h * mla.queryRank + mla.queryRank * heads * qkHead : h * heads * qkHead;
  const keyValue = h * (mla.kvRank + mla.qkRopeHeadDim) + mla.kvRank * heads * (mla.qkNopeHeadDim + mla.vHeadDim);
  return query + keyValue + heads * mla.vHeadDim * h;
}

/**
 * Width of one attention head: headDim, or hiddenSize / attentionHeads (Vaswani et al. 2017 §3.2.2, d_k = d_model/h).
 * Under MLA, the mean of the Q/K width (d_nope + d_rope) and the V width: Q and K are one, V and the attention output
 * the other, so twice this width per head is what Q + output and K + V hold, and what QKᵀ + A·V compute.
 */
export function headDimOf(arch: ModelArchitecture): number {
  const mla = arch.latentAttention;
  if (mla !== undefined) return (mla.qkNopeHeadDim + mla.qkRopeHeadDim + mla.vHeadDim) / 2;
  return arch.headDim ?? arch.hiddenSize / arch.attentionHeads;
}

/** Width of Q (and of the attention output): attentionHeads × headDim; = hiddenSize unless headDim decouples them. */
export function queryWidthOf(arch: ModelArchitecture): number {
  return arch.attentionHeads * headDimOf(arch);
}

/**
 * Parameters of one multi-token-prediction module (DeepSeek-V3 §2.2, Figure 3): the projection M_k (h × 2h), the two
 * RMSNorms before it, and a Transformer block — an MoE block in an MoE model (the released checkpoint's module is an
 * MoE layer). `routed` = its routed experts (split by EP), `dense` = the rest; the embedding and head are shared.
 */
export function multiTokenPredictionModuleParameters(arch: ModelArchitecture, counts: ModelCounts): { dense: number; routed: number } {
  const h = arch.hiddenSize;
  const norm = normParameters(arch);
  const oneMlp = mlpMatmulWeights(arch) + mlpBiases(arch, arch.ffnHiddenSize);
  const moe = arch.experts > 1;
  const mlpDense = moe ? arch.sharedExperts * oneMlp + h * arch.experts + norm : oneMlp + norm;
  return { dense: 2 * h * h + 2 * norm + counts.attentionParametersPerLayer + mlpDense, routed: moe ? arch.experts * oneMlp : 0 };
}

/** Layers with an MoE block: all of an MoE model's layers but its denseLayers; none for a dense model. */
export function moeLayersOf(arch: ModelArchitecture): number {
  return arch.experts > 1 ? arch.layers - (arch.denseLayers ?? 0) : 0;
}

/**
 * Keys each query is scored against, averaged over the layers, under both FLOP conventions:
 * - `counted` (non-causal, the convention of modelFlopsPerToken): the whole span, s for global layers and the window
 *   w for sliding-window layers with w < s;
 * - `causal`: only keys at or before the query, s/2 globally and (1/s)∫₀ˢ min(x, w) dx = w − w²/(2s) under a window
 *   (Jiang et al. 2023, Mistral 7B §2: token i attends to positions i − W … i).
 * With w ≥ s a window changes nothing.
 */
export function attentionKeysPerQuery(arch: ModelArchitecture): { counted: number; causal: number } {
  const s = arch.sequenceLength;
  const w = arch.slidingWindow;
  if (w === undefined || w >= s) return { counted: s, causal: s / 2 };
  const { global, windowed } = causalKeysPerQueryByLayerKind(arch);
  return {
    counted: global.share * s + windowed.share * w,
    causal: global.share * global.keys + windowed.share * windowed.keys,
  };
}

/**
 * The causal keys per query of each kind of layer and that kind's share of the layers: global layers s/2, sliding-window
 * layers w − w²/(2s) (attentionKeysPerQuery); no windowed share (and 0 keys) without a window shorter than s.
 */
export function causalKeysPerQueryByLayerKind(arch: ModelArchitecture): {
  global: { share: number; keys: number };
  windowed: { share: number; keys: number };
} {
  const s = arch.sequenceLength;
  const w = arch.slidingWindow;
  if (w === undefined || w >= s) return { global: { share: 1, keys: s / 2 }, windowed: { share: 0, keys: 0 } };
  const share = (arch.slidingWindowLayers ?? arch.layers) / arch.layers;
  return { global: { share: 1 - share, keys: s / 2 }, windowed: { share, keys: w - (w * w) / (2 * s) } };
}

/**
 * K/V heads one tensor-parallel rank holds: kvHeads/t, or one whole head when t > kvHeads — Megatron-Core gives every
 * rank whole query groups, so the t/kvHeads ranks of a group each keep an identical copy (attention.py
 * `num_query_groups`; GQA: Ainslie et al. 2023).
 */
export function kvHeadsPerRank(kvHeads: number, tensorParallel: number): number {
  return kvHeads >= tensorParallel ? kvHeads / tensorParallel : 1;
}

/**
 * K/V weights each tensor-parallel rank holds beyond an even 1/t split (the replicas above): per rank
 * 2·headDim·(h + bias)·(kvHeadsPerRank − kvHeads/t); zero when kvHeads ≥ t.
 */
export function replicatedKvParametersPerRank(arch: ModelArchitecture, tensorParallel: number, includeBiases = true): number {
  const headDim = headDimOf(arch);
  const extraHeads = kvHeadsPerRank(arch.kvHeads, tensorParallel) - arch.kvHeads / tensorParallel;
  return extraHeads === 0 ? 0 : 2 * headDim * (arch.hiddenSize + (includeBiases && arch.linearBiases ? 1 : 0)) * extraHeads;
}

/** Matmul weights of one expert / dense MLP: 2·h·f plain (Vaswani et al. 2017), 3·h·f gated (SwiGLU, Shazeer 2020). */
function mlpMatmulWeights(arch: ModelArchitecture, f = arch.ffnHiddenSize): number {
  return (arch.gatedMlp ? 3 : 2) * arch.hiddenSize * f;
}

/** Biases of one MLP of inner width f: plain f + h, gated 2f + h; none without linear biases. */
function mlpBiases(arch: ModelArchitecture, f: number): number {
  if (!arch.linearBiases) return 0;
  return arch.gatedMlp ? 2 * f + arch.hiddenSize : f + arch.hiddenSize;
}

/** Parameters of one norm: gain (+ bias for LayerNorm). */
function normParameters(arch: ModelArchitecture): number {
  return arch.normalization === 'LAYERNORM' ? 2 * arch.hiddenSize : arch.hiddenSize;
}

/** Derive parameter and FLOP counts from an architecture (validated first). */
export function computeModelCounts(arch: ModelArchitecture): ModelCounts {
  validateArchitecture(arch);
  const h = arch.hiddenSize;
  const s = arch.sequenceLength;
  const L = arch.layers;
  const f = arch.ffnHiddenSize;
  const kvDim = headDimOf(arch) * arch.kvHeads;
  const queryWidth = queryWidthOf(arch);
  const isMoe = arch.experts > 1;

  const mla = arch.latentAttention;
  // Attention block: QKV + output projection (+ biases: Q's heads·headDim + 2·kvDim + O's h; MLA models have none)
  // + its pre/post norm (+ MLA's two latent RMSNorms, DeepSeek-V2 §2.1.2).
  const attentionBiases = arch.linearBiases && mla === undefined ? queryWidth + h + 2 * kvDim : 0;
  const latentNorms = mla === undefined ? 0 : (arch.normalization === 'LAYERNORM' ? 2 : 1) * (mla.queryRank + mla.kvRank);
  // Transformer-XL's content and position biases u and v, one h-vector each per layer (Dai et al. 2019 §3.3).
  const relativeBiases = arch.positionEmbedding === 'RELATIVE' ? 2 * h : 0;
  const attentionParametersPerLayer =
    attentionMatmulWeights(arch) + attentionBiases + latentNorms + relativeBiases + normParameters(arch);

  const oneMlp = mlpMatmulWeights(arch) + mlpBiases(arch, f);
  // MoE layer: all routed experts + shared experts + router h×E (Fedus et al. 2021, Switch Transformer §2.1).
  const routerWeights = isMoe ? h * arch.experts : 0;
  const mlpCopies = arch.experts + arch.sharedExperts;
  const moeBlock = mlpCopies * oneMlp + routerWeights + normParameters(arch);
  const activeMoeBlock = (arch.expertsPerToken + arch.sharedExperts) * oneMlp + routerWeights + normParameters(arch);
  // An MoE model's dense layers (DeepSeek first_k_dense_replace) hold one MLP of denseFfnHiddenSize instead.
  const moeLayers = isMoe ? moeLayersOf(arch) : L;
  const denseLayers = L - moeLayers;
  const denseF = arch.denseFfnHiddenSize ?? f;
  const denseBlock = mlpMatmulWeights(arch, denseF) + mlpBiases(arch, denseF) + normParameters(arch);
  // Per layer = the mean over the layers (exact for uniform models; the totals below are exact either way).
  const mlpParametersPerLayer = denseLayers === 0 ? moeBlock : (moeLayers * moeBlock + denseLayers * denseBlock) / L;

  const parametersPerLayer = attentionParametersPerLayer + mlpParametersPerLayer;

  const tokenEmbedding = arch.vocabSize * h;
  // OPT's learned table has sequenceLength + 2 rows (Zhang et al. 2022; the HF OPT checkpoints' offset of 2).
  const positionEmbedding = arch.positionEmbedding === 'LEARNED' ? (s + (arch.positionOffset ?? 0)) * h : 0;
  // BLOOM normalises the embedding output with a LayerNorm (Le Scao et al. 2022 §3.2.4, "embedding LayerNorm").
  const embeddingNorm = arch.embeddingNorm === true ? normParameters(arch) : 0;
  const inputEmbeddingParameters = tokenEmbedding + positionEmbedding + embeddingNorm;
  const outputHeadParameters = arch.tiedEmbeddings ? 0 : arch.vocabSize * h;
  const finalNormParameters = normParameters(arch);

  const embeddingParameters = inputEmbeddingParameters + outputHeadParameters;
  const nonEmbeddingParameters = L * attentionParametersPerLayer + moeLayers * moeBlock + denseLayers * denseBlock + finalNormParameters;
  const activeNonEmbeddingParameters =
    L * attentionParametersPerLayer + moeLayers * activeMoeBlock + denseLayers * denseBlock + finalNormParameters;

  // Forward FLOPs per token and layer: 2 × active matmul weights + attention scores 2·2·s·h (QKᵀ and A·V,
  // non-causal; Narayanan et al. 2021 eq. 3 counts 4·s·h per token and layer forward), with h the query width
  // heads·headDim and s the keys a query spans (the window under sliding-window attention).
  const activeMoeMatmul = (arch.expertsPerToken + arch.sharedExperts) * mlpMatmulWeights(arch) + routerWeights;
  const activeMlpMatmul =
    denseLayers === 0 ? activeMoeMatmul : (moeLayers * activeMoeMatmul + denseLayers * mlpMatmulWeights(arch, denseF)) / L;
  const activeMatmulPerLayer = attentionMatmulWeights(arch) + activeMlpMatmul;
  // Relative attention adds a second score product Q·(W_R·R)ᵀ, 2·s·h more (Dai et al. 2019 eq. in §3.3).
  const keys = attentionKeysPerQuery(arch);
  const attentionScoreFlops = (arch.positionEmbedding === 'RELATIVE' ? 6 : 4) * keys.counted * queryWidth;
  const forwardFlopsPerTokenPerLayer = 2 * activeMatmulPerLayer + attentionScoreFlops;
  // Output head: 2·V·h per token (Narayanan et al. 2021 eq. 3, the V/(16lh) term).
  const forwardFlopsPerTokenHead = 2 * arch.vocabSize * h;
  const forwardFlops = L * forwardFlopsPerTokenPerLayer + forwardFlopsPerTokenHead;
  const forwardFlopsCausal = forwardFlops - L * attentionScoreFlops * (1 - keys.causal / keys.counted);

  return {
    totalParameters: embeddingParameters + nonEmbeddingParameters,
    embeddingParameters,
    nonEmbeddingParameters,
    activeParameters: embeddingParameters + activeNonEmbeddingParameters,
    activeNonEmbeddingParameters,
    parametersPerLayer,
    attentionParametersPerLayer,
    mlpParametersPerLayer,
    inputEmbeddingParameters,
    outputHeadParameters,
    finalNormParameters,
    // Training = forward + backward (2 × forward) (Kaplan et al. 2020 §2.1; Narayanan et al. 2021 §5.1).
    modelFlopsPerToken: 3 * forwardFlops,
    modelFlopsPerTokenCausal: 3 * forwardFlopsCausal,
    forwardFlopsPerTokenPerLayer,
    forwardFlopsPerTokenHead,
    attentionKeysPerQuery: keys.counted,
    attentionKeysPerQueryCausal: keys.causal,
    queryWidth,
    attentionScoreFlopsPerTokenPerLayer: attentionScoreFlops,
  };
}

/**
 * Weights of MLA's up-projections (DeepSeek-V2 §2.1.2: W_UQ d_c'×n(d_nope + d_rope), W_UK and W_UV d_c×n·d_nope and
 * d_c×n·d_v) — what DeepSeek-V3's cheap recompute runs again in the backward (§3.2.3); 0 without MLA.
 * performance/compute.ts re-exports it as latentUpProjectionWeights.
 */
export function latentUpProjectionWeightsOf(arch: ModelArchitecture): number {
  const mla = arch.latentAttention;
  if (mla === undefined) return 0;
  const heads = arch.attentionHeads;
  const query = mla.queryRank > 0 ? mla.queryRank * heads * (mla.qkNopeHeadDim + mla.qkRopeHeadDim) : 0;
  return query + mla.kvRank * heads * (mla.qkNopeHeadDim + mla.vHeadDim);
}

/**
 * Hardware FLOPs per token: model FLOPs plus what recomputation re-executes and what else the GPUs run.
 * FULL re-runs every layer's forward (Narayanan et al. 2021 eq. 3: 4 × forward instead of 3) — the `recomputed` share of
 * them with recomputeLayers (pipeline.ts recomputedLayerFraction; 1 by default);
 * SELECTIVE re-runs only the attention-score part, 4·s·h per layer (Korthikanti et al. 2022 §5, Table 4);
 * SELECTIVE_OPERATORS its policy's share of the layer's matmuls (operator-recompute.ts).
 * `cheapRecompute` (layout.cheapRecompute; FULL re-runs them anyway): the MLA up-projections once more, 2·W_up per
 * layer (DeepSeek-V3 §3.2.3). Multi-token prediction (DeepSeek-V3 §2.2): per depth one more block (a mean layer, with
 * the same recompute), the projection M_k of [h; Emb] (2h → h, with the layers' GEMM passes) and the shared output head
 * once more (3 passes) — as performance/compute.ts runs them.
 */
export function hardwareFlopsPerToken(
  counts: ModelCounts,
  arch: ModelArchitecture,
  recompute: RecomputeMode,
  cheapRecompute = false,
  recomputedShare = recompute === 'FULL' ? 1 : 0,
  /** Under SELECTIVE_OPERATORS, the share of the layer's matmuls its policy re-runs (operator-recompute.ts). */
  operatorGemmShare = 0,
): number {
  const forward = counts.forwardFlopsPerTokenPerLayer;
  const score = counts.attentionScoreFlopsPerTokenPerLayer;
  const recomputed =
    (recompute === 'FULL'
      ? recomputedShare * forward
      : recompute === 'SELECTIVE'
        ? score
        : recompute === 'SELECTIVE_OPERATORS'
          ? operatorGemmShare * (forward - score)
          : 0) +
    (cheapRecompute && recompute !== 'FULL' ? 2 * latentUpProjectionWeightsOf(arch) : 0);
  const depth = arch.multiTokenPredictionDepth ?? 0;
  if (depth === 0) return counts.modelFlopsPerToken + arch.layers * recomputed;
  const h = arch.hiddenSize;
  const matmulPasses = 3 + (recompute === 'FULL' ? recomputedShare : 0);
  const module = 3 * forward + recomputed + matmulPasses * 2 * 2 * h * h + 3 * counts.forwardFlopsPerTokenHead;
  return counts.modelFlopsPerToken + arch.layers * recomputed + depth * module;
}

/**
 * YaRN's attention factor (the "concentration factor" on RoPE's cos and sin) for a context extension by `factor`:
 * 0.1·mscale·ln(factor) + 1 (Peng et al. 2023, YaRN §3.4 with √(1/t) = 0.1·ln s + 1; transformers get_mscale, Megatron-Core
 * _yarn_get_mscale); 1 for no extension.
 */
export function yarnAttentionFactor(factor: number, mscale = 1): number {
  return factor <= 1 ? 1 : 0.1 * mscale * Math.log(factor) + 1;
}

/** Fill the optional architecture fields with the usual defaults (GPT-style dense model). */
export function architectureWithDefaults(
  partial: Partial<ModelArchitecture> &
    Pick<ModelArchitecture, 'layers' | 'hiddenSize' | 'attentionHeads' | 'vocabSize' | 'sequenceLength'>,
): ModelArchitecture {
  const gatedMlp = partial.gatedMlp ?? false;
  return {
    id: partial.id ?? 'custom',
    name: partial.name ?? 'Custom model',
    layers: partial.layers,
    hiddenSize: partial.hiddenSize,
    attentionHeads: partial.attentionHeads,
    kvHeads: partial.kvHeads ?? partial.attentionHeads,
    // Plain MLPs use 4h (Vaswani et al. 2017); gated ones ≈ 8h/3 to keep the same parameter count (Shazeer 2020).
    ffnHiddenSize: partial.ffnHiddenSize ?? (gatedMlp ? Math.round((8 * partial.hiddenSize) / 3) : 4 * partial.hiddenSize),
    gatedMlp,
    vocabSize: partial.vocabSize,
    sequenceLength: partial.sequenceLength,
    // GPT-2/3, BLOOM and OPT tie input and output embeddings; LLaMA-style (gated) models do not.
    tiedEmbeddings: partial.tiedEmbeddings ?? !gatedMlp,
    positionEmbedding: partial.positionEmbedding ?? (gatedMlp ? 'ROTARY' : 'LEARNED'),
    normalization: partial.normalization ?? (gatedMlp ? 'RMSNORM' : 'LAYERNORM'),
    linearBiases: partial.linearBiases ?? !gatedMlp,
    experts: partial.experts ?? 1,
    expertsPerToken: partial.expertsPerToken ?? 1,
    sharedExperts: partial.sharedExperts ?? 0,
    expertGroups: partial.expertGroups,
    expertGroupsPerToken: partial.expertGroupsPerToken,
    // Every optional field present (undefined when not given): one object shape for every architecture keeps the hot
    // paths' property loads monomorphic (a preset per shape made computeModelCounts 4× slower).
    embeddingNorm: partial.embeddingNorm,
    positionOffset: partial.positionOffset,
    dropout: partial.dropout,
    headDim: partial.headDim,
    slidingWindow: partial.slidingWindow,
    slidingWindowLayers: partial.slidingWindowLayers,
    latentAttention: partial.latentAttention === undefined ? undefined : { ...partial.latentAttention },
    denseLayers: partial.denseLayers,
    denseFfnHiddenSize: partial.denseFfnHiddenSize,
    multiTokenPredictionDepth: partial.multiTokenPredictionDepth,
    activationClamp: partial.activationClamp,
    ropeAttentionFactor: partial.ropeAttentionFactor,
    source: partial.source,
    publishedParameters: partial.publishedParameters,
  };
}
