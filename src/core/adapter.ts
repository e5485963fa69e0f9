/**
 * Low-rank adapter fine-tuning (LoRA, Hu et al. 2021; QLoRA, Dettmers et al. 2023): which parameters are trained,
 * what the frozen base weights cost per parameter, and what a step computes. Pure functions; memory.ts and
 * performance.ts apply them.
 *
 * Scope: dense models with MHA/GQA/MQA attention. MoE and multi-head latent attention are refused (their adapter
 * placement is not modelled), and so is offload (the states to offload are the adapters' few megabytes).
 */
import { InvalidInputError, requireInteger } from './errors.js';
import { headDimOf, queryWidthOf } from './model.js';
import type { AdapterTargets, LowRankAdapter, ModelArchitecture, ModelCounts, OffloadTarget, RecomputeMode } from './types.js';

export const ADAPTER_TARGETS: readonly AdapterTargets[] = ['ATTENTION_QV', 'ATTENTION', 'ALL_LINEAR'];

/**
 * QLoRA's frozen weights: 4-bit NF4 plus double-quantized constants, 8/64 + 32/(64·256) = 0.127 bits per parameter
 * (Dettmers et al. 2023 §3, "Double Quantization"): 4.127 bits = 0.516 bytes per parameter.
 */
export const QLORA_BASE_BYTES_PER_PARAMETER = (4 + 8 / 64 + 32 / (64 * 256)) / 8;

/** Rejects adapters the model cannot describe; messages name the field, the value and what is allowed. */
export function validateAdapter(arch: ModelArchitecture, adapter: LowRankAdapter, offload: OffloadTarget, path: string): LowRankAdapter {
  if (adapter === null || typeof adapter !== 'object') throw new InvalidInputError(path, adapter, 'an object with method, rank and targets');
  if (adapter.method !== 'LORA' && adapter.method !== 'QLORA') throw new InvalidInputError(`${path}.method`, adapter.method, 'LORA or QLORA');
  if (!ADAPTER_TARGETS.includes(adapter.targets)) {
    throw new InvalidInputError(`${path}.targets`, adapter.targets, ADAPTER_TARGETS.join(', '));
  }
  requireInteger(`${path}.rank`, adapter.rank, 1, Math.min(arch.hiddenSize, 65_536));
  if (arch.experts > 1) {
    throw new InvalidInputError(`${path}`, adapter.method, 'no adapter on an MoE model (adapters on experts are not modelled yet); train it in full');
  }
  if (arch.latentAttention !== undefined) {
    throw new InvalidInputError(`${path}`, adapter.method, 'no adapter on a model with latent attention (not modelled yet); train it in full');
  }
  if (offload !== 'NONE') {
    throw new InvalidInputError(`${path.replace(/adapter$/, 'offload')}`, offload, 'NONE with an adapter (the trained states are the adapters\' few megabytes)');
  }
  // Already normalised (exactly these three fields): the same object, so that a resolved layout compares equal to
  // its input field by field (the search's validity check relies on it).
  if (Object.keys(adapter).length === 3) return adapter;
  return { method: adapter.method, rank: adapter.rank, targets: adapter.targets };
}

/**
 * Trained adapter parameters of one layer: r·(d_in + d_out) per adapted matrix (Hu et al. 2021 §4.1: "A ∈ R^{r×k},
 * B ∈ R^{d×r}"). ATTENTION_QV adapts W_q and W_v (the paper's GPT-3 setting), ATTENTION all four projections,
 * ALL_LINEAR also the MLP (QLoRA §4: "LoRA on all linear transformer block layers").
 */
export function adapterParametersPerLayer(arch: ModelArchitecture, adapter: LowRankAdapter): number {
  const h = arch.hiddenSize;
  const r = adapter.rank;
  const query = queryWidthOf(arch);
  const kv = headDimOf(arch) * arch.kvHeads;
  const qv = r * (h + query) + r * (h + kv);
  if (adapter.targets === 'ATTENTION_QV') return qv;
  const attention = qv + r * (h + kv) + r * (query + h);
  if (adapter.targets === 'ATTENTION') return attention;
  // Gated MLPs: gate and up h → f, down f → h; plain MLPs: up and down.
  return attention + (arch.gatedMlp ? 3 : 2) * r * (h + arch.ffnHiddenSize);
}

/** Parameters the optimizer updates: every parameter, or with an adapter its adapter weights only. */
export function trainableParameters(arch: ModelArchitecture, counts: Pick<ModelCounts, 'totalParameters'>, adapter: LowRankAdapter | undefined): number {
  return adapter === undefined ? counts.totalParameters : arch.layers * adapterParametersPerLayer(arch, adapter);
}

/** Bytes per frozen base parameter of the layers: QLoRA's 4-bit NF4, or LoRA's training-precision copy. */
export function frozenLayerBytesPerParameter(adapter: LowRankAdapter, parameterBytes: number): number {
  return adapter.method === 'QLORA' ? QLORA_BASE_BYTES_PER_PARAMETER : parameterBytes;
}

/**
 * Bytes of a GPU's frozen weights: `layerWeights` of transformer layers (4-bit under QLoRA) and `otherWeights`
 * (embeddings, head, final norm) at the training precision's `parameterBytes`.
 */
export function frozenWeightBytes(adapter: LowRankAdapter, layerWeights: number, otherWeights: number, parameterBytes: number): number {
  return layerWeights * frozenLayerBytesPerParameter(adapter, parameterBytes) + otherWeights * parameterBytes;
}

/**
 * Training FLOPs per token with frozen base weights, in the convention of computeModelCounts: the forward (2 per
 * weight), the backward's input gradients (2 per weight) but no weight gradients for the frozen matmuls — 4 instead of
 * 6 per weight, the source of LoRA's reported speed-up (Hu et al. 2021 §4.2) —, the attention scores' full 3 × forward,
 * and 6 per adapter weight. `hardware` adds what recomputation re-runs (FULL: the forward of the `recomputed` share of
 * the layers, all of them by default; SELECTIVE: the scores).
 */
export function adapterFlopsPerToken(
  arch: ModelArchitecture,
  counts: Pick<ModelCounts, 'forwardFlopsPerTokenPerLayer' | 'forwardFlopsPerTokenHead' | 'attentionScoreFlopsPerTokenPerLayer'>,
  adapter: LowRankAdapter,
  recompute: RecomputeMode,
  recomputedShare = recompute === 'FULL' ? 1 : 0,
): { model: number; hardware: number } {
  const L = arch.layers;
  const scorePerLayer = counts.attentionScoreFlopsPerTokenPerLayer;
  const matmulForward = L * (counts.forwardFlopsPerTokenPerLayer - scorePerLayer) + counts.forwardFlopsPerTokenHead;
  const adapterForward = 2 * L * adapterParametersPerLayer(arch, adapter);
  const model = 2 * matmulForward + 3 * L * scorePerLayer + 3 * adapterForward;
  const recomputed =
    recompute === 'FULL'
      ? recomputedShare * (L * counts.forwardFlopsPerTokenPerLayer + adapterForward)
      : recompute === 'SELECTIVE'
        ? L * scorePerLayer
        : 0;
  return { model, hardware: model + recomputed };
}
