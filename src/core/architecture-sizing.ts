/**
 * Shape a parameter count into a real transformer, by the published ratios of a family:
 * - GPT: GPT-3's shapes (Brown et al. 2020, Table 2.1): width ≈ 128 × layers (175B: 96 × 12,288; 13B: 40 × 5,140;
 *   6.7B: 32 × 4,096), heads of 128, a 4h GELU MLP, learned positions, LayerNorm, biases, tied embeddings, GPT-2's
 *   50,257-token vocabulary, 2,048-token context. Kaplan et al. 2020 §3.1 find loss flat for width/layers 20–200.
 * - LLAMA: Llama 3's shapes (Dubey et al. 2024, Table 3): width ≈ 128 × layers (8B: 32 × 4,096; 405B: 126 × 16,384),
 *   heads of 128, 8 key/value heads (GQA), SwiGLU with FFN = 3.5 × width (14,336 at 4,096; 28,672 at 8,192), RMSNorm,
 *   rotary positions, no biases, 128,256-token vocabulary, 8,192-token context.
 * - MOE: the Llama shape with every MLP replaced by `experts` routed experts of the same FFN width, `expertsPerToken`
 *   of them per token (Mixtral 8×7B: 8 experts, top-2, on Mistral 7B's layers; Jiang et al. 2024).
 *
 * The count matched is the caller's (`countOf`): non-embedding parameters for Kaplan's law, all parameters for
 * Chinchilla's, active parameters for an MoE. Layers are integers and widths multiples of 128 (the head size; of 512 from width
 * 2,048 on, of 1,024 = 8 heads from 4,096 on), so the shaped model lands within ≈ 2 % of the target above ≈ 1B parameters.
 */
import { InvalidInputError, requireFinite, requireInteger } from './errors.js';
import { architectureWithDefaults, computeModelCounts } from './model.js';
import type { ModelArchitecture, ModelCounts } from './types.js';

export type ArchitectureFamilyKind = 'GPT' | 'LLAMA' | 'MOE';
export const ARCHITECTURE_FAMILY_KINDS: readonly ArchitectureFamilyKind[] = ['GPT', 'LLAMA', 'MOE'];

export interface ArchitectureFamily {
  kind: ArchitectureFamilyKind;
  /** MOE only: routed experts per layer (default 8, Mixtral) and experts per token (default 2). */
  experts?: number;
  expertsPerToken?: number;
  /** Context length in tokens (default: GPT 2,048, LLAMA/MOE 8,192). */
  sequenceLength?: number;
}

/** Head size of every family (GPT-3 175B, Llama 3: 128). */
export const SIZING_HEAD_DIM = 128;
/** Width per layer: GPT-3 175B 12,288/96 = 128; Llama 3 8B 4,096/32 = 128 (Brown et al. 2020 Table 2.1; Dubey et al. 2024 Table 3). */
export const SIZING_ASPECT_RATIO = 128;
/** Llama 3 SwiGLU FFN width / model width: 14,336/4,096 = 3.5 (Dubey et al. 2024 Table 3). */
export const LLAMA_FFN_RATIO = 3.5;
/** Llama 3 key/value heads (Dubey et al. 2024 Table 3: 8 at every size). */
export const LLAMA_KV_HEADS = 8;
const GPT2_VOCAB = 50_257;
const LLAMA3_VOCAB = 128_256;

export function validateFamily(family: ArchitectureFamily, path = 'family'): Required<ArchitectureFamily> {
  if (!ARCHITECTURE_FAMILY_KINDS.includes(family.kind)) {
    throw new InvalidInputError(`${path}.kind`, family.kind, `one of ${ARCHITECTURE_FAMILY_KINDS.join(', ')}`);
  }
  const moe = family.kind === 'MOE';
  const experts = moe ? requireInteger(`${path}.experts`, family.experts ?? 8, 2, 1024) : 1;
  const expertsPerToken = moe ? requireInteger(`${path}.expertsPerToken`, family.expertsPerToken ?? 2, 1, experts) : 1;
  const sequenceLength = requireInteger(`${path}.sequenceLength`, family.sequenceLength ?? (family.kind === 'GPT' ? 2048 : 8192), 128, 1 << 20);
  return { kind: family.kind, experts, expertsPerToken, sequenceLength };
}

/** One member of the family with `layers` layers of width `hiddenSize` (a multiple of 128). */
export function familyArchitecture(family: ArchitectureFamily, layers: number, hiddenSize: number): ModelArchitecture {
  const f = validateFamily(family);
  const heads = hiddenSize / SIZING_HEAD_DIM;
  const id = `${f.kind.toLowerCase()}-${layers}x${hiddenSize}${f.kind === 'MOE' ? `-e${f.experts}k${f.expertsPerToken}` : ''}`;
  if (f.kind === 'GPT') {
    return architectureWithDefaults({
      id,
      name: `GPT-like ${layers} × ${hiddenSize}`,
      layers,
      hiddenSize,
      attentionHeads: heads,
      vocabSize: GPT2_VOCAB,
      sequenceLength: f.sequenceLength,
      dropout: false,
      source: 'sized by zeroplan: GPT-3 shapes (Brown et al. 2020, Table 2.1)',
    });
  }
  // FFN width rounded to a multiple of 256, as Llama 3's 14,336 and 28,672 are.
  const ffn = Math.max(256, Math.round((LLAMA_FFN_RATIO * hiddenSize) / 256) * 256);
  return architectureWithDefaults({
    id,
    name: f.kind === 'MOE' ? `MoE ${f.experts}×top-${f.expertsPerToken} ${layers} × ${hiddenSize}` : `Llama-like ${layers} × ${hiddenSize}`,
    layers,
    hiddenSize,
    attentionHeads: heads,
    kvHeads: heads % LLAMA_KV_HEADS === 0 ? LLAMA_KV_HEADS : heads,
    ffnHiddenSize: ffn,
    gatedMlp: true,
    vocabSize: LLAMA3_VOCAB,
    sequenceLength: f.sequenceLength,
    experts: f.experts,
    expertsPerToken: f.expertsPerToken,
    dropout: false,
    source:
      f.kind === 'MOE'
        ? 'sized by zeroplan: Llama 3 layer shapes (Dubey et al. 2024, Table 3), MLPs as routed experts (Mixtral, Jiang et al. 2024)'
        : 'sized by zeroplan: Llama 3 shapes (Dubey et al. 2024, Table 3)',
  });
}

export interface SizedArchitecture {
  arch: ModelArchitecture;
  counts: ModelCounts;
  /** The count matched (countOf of the shaped model) and the target. */
  parameters: number;
  targetParameters: number;
}

/**
 * The family member whose `countOf` is closest to `targetParameters`: around the aspect-ratio solution
 * width = 128 × layers, every layer count within ±50 % is tried with the best width (multiple of 128) for it.
 */
export function sizeArchitecture(
  family: ArchitectureFamily,
  targetParameters: number,
  countOf: (counts: ModelCounts) => number,
): SizedArchitecture {
  requireFinite('targetParameters', targetParameters, 1e6, 1e16);
  const f = validateFamily(family);
  const count = (layers: number, width: number): { arch: ModelArchitecture; counts: ModelCounts; n: number } => {
    const arch = familyArchitecture(f, layers, width);
    const counts = computeModelCounts(arch);
    return { arch, counts, n: countOf(counts) };
  };
  // Per-layer parameters grow as width²: the count at the aspect ratio is ≈ c·L³; find L there by doubling/bisection.
  let lo = 1;
  let hi = 2;
  while (count(hi, hi * SIZING_ASPECT_RATIO).n < targetParameters && hi < 4096) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (count(mid, mid * SIZING_ASPECT_RATIO).n < targetParameters) lo = mid;
    else hi = mid;
  }
  const center = hi;
  // Heads in multiples of 8 once the model is wide enough (width ≥ 4,096, as every Llama 3 and GPT-3 ≥ 6.7B model;
  // of 4 from 2,048): tensor parallelism over a node's 8 GPUs and 8 key/value heads need it.
  const aspectWidth = center * SIZING_ASPECT_RATIO;
  const widthStep = (aspectWidth >= 4096 ? 8 : aspectWidth >= 2048 ? 4 : 1) * SIZING_HEAD_DIM;
  let best: { arch: ModelArchitecture; counts: ModelCounts; n: number } | null = null;
  // Within 0.5 % of the target the family's aspect ratio decides; otherwise the closer count.
  const error = (c: { n: number }): number => Math.abs(c.n - targetParameters) / targetParameters;
  const aspectError = (c: { arch: ModelArchitecture }): number => Math.abs(Math.log(c.arch.hiddenSize / c.arch.layers / SIZING_ASPECT_RATIO));
  const closer = (a: { n: number; arch: ModelArchitecture }, b: { n: number; arch: ModelArchitecture }): boolean =>
    error(a) <= 0.005 && error(b) <= 0.005 ? aspectError(a) < aspectError(b) : error(a) < error(b);
  const span = Math.max(2, Math.round(center * 0.5));
  for (let layers = Math.max(1, center - span); layers <= center + span; layers++) {
    // Width for this depth: bisection over multiples of the width step (counts grow with width).
    let wLo = 1;
    let wHi = Math.max(2, Math.ceil((4 * center * SIZING_ASPECT_RATIO) / widthStep));
    while (wHi - wLo > 1) {
      const mid = (wLo + wHi) >> 1;
      if (count(layers, mid * widthStep).n < targetParameters) wLo = mid;
      else wHi = mid;
    }
    for (const w of [wLo, wHi]) {
      const width = w * widthStep;
      // Keep the family's proportions: width per layer within Kaplan's flat range, 20–200 (Kaplan et al. 2020 §3.1).
      if (width / layers < 20 || width / layers > 200) continue;
      const c = count(layers, width);
      if (best === null || closer(c, best)) best = c;
    }
  }
  if (best === null) best = count(center, center * SIZING_ASPECT_RATIO);
  return { arch: best.arch, counts: best.counts, parameters: best.n, targetParameters };
}
