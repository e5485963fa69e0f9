import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import {
  architectureWithDefaults,
  attentionKeysPerQuery,
  computeModelCounts,
  hardwareFlopsPerToken,
  latentUpProjectionWeightsOf,
} from '../../src/core/model.js';
import { estimateStep } from '../../src/core/performance.js';
import { layerCompute, latentUpProjectionWeights } from '../../src/core/performance/compute.js';
import { stepContext } from '../../src/core/performance/context.js';
import { resolveLayout } from '../../src/core/plan.js';
import { findModelPreset } from '../../src/core/presets.js';
import { applyRecipe } from '../../src/core/recipes.js';
import type { ModelArchitecture } from '../../src/core/types.js';
import { fieldOf } from './field-of.js';

function preset(id: string): ModelArchitecture {
  const found = findModelPreset(id);
  if (!found) throw new Error(`missing preset ${id}`);
  return found;
}

/** Share of the per-layer non-causal training FLOPs that the causal convention drops. */
function causalGapPerLayer(arch: ModelArchitecture): number {
  const c = computeModelCounts(arch);
  return (c.modelFlopsPerToken - c.modelFlopsPerTokenCausal) / (3 * arch.layers * c.forwardFlopsPerTokenPerLayer);
}

describe('FLOP convention (peer-tools.md item 7)', () => {
  it('per layer: non-causal 6·(12h² + 2hs) vs causal 6·(12h² + hs)', () => {
    const gpt3 = preset('gpt3-175b');
    const c = computeModelCounts(gpt3);
    const h = 12288;
    const s = 2048;
    expect(3 * c.forwardFlopsPerTokenPerLayer).toBe(6 * (12 * h * h + 2 * h * s));
    const causalPerLayer = (c.modelFlopsPerTokenCausal - 3 * c.forwardFlopsPerTokenHead) / gpt3.layers;
    expect(causalPerLayer).toBe(6 * (12 * h * h + h * s));
  });

  it('the gap is 1.35 % for GPT-3 at s = 2,048 and 28.6 % for h = 4,096 at s = 32k (tolerance 0.01 points)', () => {
    expect(causalGapPerLayer(preset('gpt3-175b'))).toBeCloseTo(0.0135, 4);
    const longContext = architectureWithDefaults({
      layers: 32,
      hiddenSize: 4096,
      attentionHeads: 32,
      vocabSize: 50_257,
      sequenceLength: 32_768,
    });
    expect(causalGapPerLayer(longContext)).toBeCloseTo(0.286, 3);
  });

  it('model FLOPs ≈ 6N plus attention for GPT-3 (C = 6ND within 3 %: 3.14e23 for 300B tokens)', () => {
    const c = computeModelCounts(preset('gpt3-175b'));
    // Brown et al. 2020 Table D.1: 3.14e23 FLOPs for 300B tokens (which counts 6ND, no attention).
    const total = c.modelFlopsPerTokenCausal * 300e9;
    expect(Math.abs(total / 3.14e23 - 1)).toBeLessThan(0.03);
    expect(c.modelFlopsPerToken).toBeGreaterThan(6 * c.nonEmbeddingParameters);
  });

  it('FULL recompute adds one forward: hardware = model × 4/3 on the layers (+33 %), equal to Narayanan eq. 3', () => {
    const gpt3 = preset('gpt3-175b');
    const c = computeModelCounts(gpt3);
    const full = hardwareFlopsPerToken(c, gpt3, 'FULL');
    const layersModel = c.modelFlopsPerToken - 3 * c.forwardFlopsPerTokenHead;
    const layersHardware = full - 3 * c.forwardFlopsPerTokenHead;
    expect(layersHardware / layersModel).toBeCloseTo(4 / 3, 12);
    expect(full / c.modelFlopsPerToken).toBeGreaterThan(1.32);
    expect(full / c.modelFlopsPerToken).toBeLessThan(4 / 3);
    // Narayanan et al. 2021 eq. 3, per token: 96·l·h²·(1 + s/(6h) + V/(16lh)).
    const { layers: l, hiddenSize: h, sequenceLength: s, vocabSize: V } = gpt3;
    const megatron = 96 * l * h * h * (1 + s / (6 * h) + V / (16 * l * h));
    expect(full / megatron).toBeCloseTo(1, 12);
    expect(hardwareFlopsPerToken(c, gpt3, 'NONE')).toBe(c.modelFlopsPerToken);
    const selective = hardwareFlopsPerToken(c, gpt3, 'SELECTIVE');
    expect(selective).toBeGreaterThan(c.modelFlopsPerToken);
    expect(selective).toBeLessThan(full);
  });

  it('MoE counts top-k active experts, not all experts (Mixtral 8x7B: 46.7B total, 12.9B active)', () => {
    const mixtral = preset('mixtral-8x7b');
    const c = computeModelCounts(mixtral);
    // Jiang et al. 2024: "47B parameters, 13B active"; Mistral AI: 46.7B and 12.9B (tolerance 1 %).
    expect(Math.abs(c.totalParameters / 46.7e9 - 1)).toBeLessThan(0.01);
    expect(Math.abs(c.activeParameters / 12.9e9 - 1)).toBeLessThan(0.01);
    // FLOPs follow the active count: ≈ 6 × active non-embedding + attention + head, far below 6 × total.
    const h = 4096;
    const f = 14336;
    const s = mixtral.sequenceLength;
    const activeMatmulPerLayer = 2 * h * h + 2 * h * 1024 + 2 * 3 * h * f + h * 8;
    const expected = 3 * (mixtral.layers * (2 * activeMatmulPerLayer + 4 * s * h) + 2 * 32_000 * h);
    expect(c.modelFlopsPerToken).toBe(expected);
    // Counting all 8 experts (the peers' mistake) would charge 6 more expert MLPs per layer.
    const allExperts = computeModelCounts({ ...mixtral, expertsPerToken: 8 });
    expect(allExperts.modelFlopsPerToken - c.modelFlopsPerToken).toBe(mixtral.layers * 6 * 6 * 3 * h * f);
    // Top-2 of 8 costs exactly one more expert MLP per layer than top-1 (3·h·f weights, 6 FLOPs each).
    const top1 = computeModelCounts({ ...mixtral, expertsPerToken: 1 });
    expect(c.modelFlopsPerToken - top1.modelFlopsPerToken).toBe(mixtral.layers * 6 * 3 * 4096 * 14336);
    expect(top1.totalParameters).toBe(c.totalParameters);
  });

  it('GQA shrinks K and V: Llama 2 70B with 8 KV heads vs 64', () => {
    const gqa = preset('llama2-70b');
    const mha = { ...gqa, kvHeads: 64 };
    const h = 8192;
    const kvDimGqa = (h / 64) * 8;
    const diff = computeModelCounts(mha).totalParameters - computeModelCounts(gqa).totalParameters;
    expect(diff).toBe(80 * 2 * h * (h - kvDimGqa));
    expect(computeModelCounts(mha).modelFlopsPerToken).toBeGreaterThan(computeModelCounts(gqa).modelFlopsPerToken);
  });

  it('relative positions (Gopher) add W_R and a second score product', () => {
    const gopher = preset('gopher-280b');
    const rel = computeModelCounts(gopher);
    const none = computeModelCounts({ ...gopher, positionEmbedding: 'NONE' });
    const h = 16384;
    const s = 2048;
    expect(rel.forwardFlopsPerTokenPerLayer - none.forwardFlopsPerTokenPerLayer).toBe(2 * h * h + 2 * s * h);
  });

  it('tied vs untied and learned positions land in the embedding counts', () => {
    const gpt2 = preset('gpt2-1.5b');
    const c = computeModelCounts(gpt2);
    expect(c.embeddingParameters).toBe(50_257 * 1600 + 1024 * 1600);
    expect(c.outputHeadParameters).toBe(0);
    const untied = computeModelCounts({ ...gpt2, tiedEmbeddings: false });
    expect(untied.totalParameters - c.totalParameters).toBe(50_257 * 1600);
    expect(c.totalParameters).toBe(c.embeddingParameters + c.nonEmbeddingParameters);
    expect(c.embeddingParameters).toBe(c.inputEmbeddingParameters + c.outputHeadParameters);
  });
});

describe('validation names the field', () => {
  const base = preset('gpt3-175b');
  it.each([
    ['hidden not divisible by heads', { hiddenSize: 12_289 }, 'model.hiddenSize'],
    ['kvHeads not dividing heads', { kvHeads: 7 }, 'model.kvHeads'],
    ['kvHeads above heads', { kvHeads: 192 }, 'model.kvHeads'],
    ['NaN layers', { layers: Number.NaN }, 'model.layers'],
    ['zero hidden', { hiddenSize: 0 }, 'model.hiddenSize'],
    ['zero heads', { attentionHeads: 0 }, 'model.attentionHeads'],
    ['fractional vocabulary', { vocabSize: 50_257.5 }, 'model.vocabSize'],
    ['top-k above experts', { experts: 8, expertsPerToken: 9 }, 'model.expertsPerToken'],
    ['negative position offset', { positionOffset: -2 }, 'model.positionOffset'],
    ['zero head width', { headDim: 0 }, 'model.headDim'],
    ['fractional head width', { headDim: 127.5 }, 'model.headDim'],
    ['zero window', { slidingWindow: 0 }, 'model.slidingWindow'],
    ['window layers without a window', { slidingWindowLayers: 4 }, 'model.slidingWindowLayers'],
    ['more window layers than layers', { slidingWindow: 1024, slidingWindowLayers: 97 }, 'model.slidingWindowLayers'],
    ['dense layers in a dense model', { denseLayers: 3 }, 'model.denseLayers'],
    ['every layer dense in an MoE model', { experts: 8, expertsPerToken: 2, denseLayers: 96 }, 'model.denseLayers'],
    ['zero dense width', { experts: 8, expertsPerToken: 2, denseLayers: 1, denseFfnHiddenSize: 0 }, 'model.denseFfnHiddenSize'],
    ['MLA with fewer K/V heads', { kvHeads: 8, latentAttention: { queryRank: 0, kvRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 } }, 'model.kvHeads'],
    ['MLA with a zero latent', { latentAttention: { queryRank: 0, kvRank: 0, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 } }, 'model.latentAttention.kvRank'],
    ['MLA with headDim', { headDim: 128, latentAttention: { queryRank: 0, kvRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 } }, 'model.headDim'],
  ] as const)('%s', (_name, patch, field) => {
    expect(fieldOf(() => computeModelCounts({ ...base, ...patch }))).toBe(field);
  });
});

describe('head width decoupled from the model width (headDim)', () => {
  // Gemma Team 2024 (Gemma), Table 2: non-embedding parameters 1,981,884,416 (2B) and 7,751,248,896 (7B); both use
  // heads of 256 — on the 7B's d_model 3,072 that is 16 × 256 = 4,096 ≠ 3,072. Exact (no tolerance).
  const gemma2b = architectureWithDefaults({
    layers: 18, hiddenSize: 2048, attentionHeads: 8, kvHeads: 1, headDim: 256, ffnHiddenSize: 16_384, gatedMlp: true,
    vocabSize: 256_000, sequenceLength: 8192, tiedEmbeddings: true,
  });
  it('Gemma 2B and 7B: the published non-embedding counts, exactly', () => {
    expect(computeModelCounts(gemma2b).nonEmbeddingParameters).toBe(1_981_884_416);
    expect(computeModelCounts(preset('gemma-7b')).nonEmbeddingParameters).toBe(7_751_248_896);
  });
  it('without headDim the 7B would be counted with heads of 192: 4.5 % fewer non-embedding parameters', () => {
    const { headDim: _omit, ...narrow } = preset('gemma-7b');
    const ratio = computeModelCounts(narrow).nonEmbeddingParameters / 7_751_248_896;
    expect(ratio).toBeCloseTo((28 * (4 * 3072 * 3072 + 3 * 3072 * 24_576 + 2 * 3072) + 3072) / 7_751_248_896, 12);
    expect(ratio).toBeLessThan(0.96);
  });
  it('Gemma 2 9B: within 0.01 % of the published 8,324,201,984 non-embedding parameters (two more norms per layer uncounted)', () => {
    // Gemma Team 2024 (Gemma 2), Table 2.
    const counted = computeModelCounts(preset('gemma2-9b')).nonEmbeddingParameters;
    expect(Math.abs(counted / 8_324_201_984 - 1)).toBeLessThan(1e-4);
    // Exactly the 2 × 42 uncounted RMSNorm gains of d_model 3,584.
    expect(8_324_201_984 - counted).toBe(2 * 42 * 3584);
  });
  it('attention scores are 4 · s · heads · headDim per token and layer (forward)', () => {
    const c = computeModelCounts(gemma2b);
    const { headDim: _omit, ...narrow } = { ...gemma2b, attentionHeads: 8 };
    const n = computeModelCounts(narrow);
    // Same Q width (8 × 256 = 2,048 = h), so only K/V (MQA, 1 head of 256 either way) — identical counts.
    expect(c.forwardFlopsPerTokenPerLayer).toBe(n.forwardFlopsPerTokenPerLayer);
    const g7 = preset('gemma-7b');
    const matmul = 2 * (2 * 3072 * 4096 + 2 * 3072 * 4096 + 3 * 3072 * 24_576);
    expect(computeModelCounts(g7).forwardFlopsPerTokenPerLayer).toBe(matmul + 4 * 8192 * 4096);
  });
});

describe('sliding-window attention (Mistral 7B; Gemma 2 local layers)', () => {
  /** Mean keys per query by enumeration: query i (1-based) sees min(i, w) keys causally, min(s, w) in the counted span. */
  function enumerated(s: number, w: number): { counted: number; causal: number } {
    let causal = 0;
    for (let i = 1; i <= s; i++) causal += Math.min(i, w);
    return { counted: Math.min(s, w), causal: causal / s };
  }
  const base = preset('llama2-7b');
  it.each([
    [8192, 4096], [16_384, 4096], [32_768, 4096], [131_072, 8192], [4096, 1024], [8192, 8192], [8192, 100_000],
  ])('s = %i, w = %i: the closed form matches enumeration (relative 1e-3)', (s, w) => {
    const got = attentionKeysPerQuery({ ...base, sequenceLength: s, slidingWindow: w });
    const want = enumerated(s, w);
    expect(Math.abs(got.counted / want.counted - 1)).toBeLessThan(1e-3);
    expect(Math.abs(got.causal / want.causal - 1)).toBeLessThan(1e-3);
  });
  it('Mistral 7B §2: at 16K tokens a 4,096 window does 2.29× less causal attention work than full attention — above the reported 2× kernel speed-up, within 20 % of it', () => {
    // Jiang et al. 2023: "for a sequence length of 16K and W = 4096, changes made to FlashAttention and xFormers yield
    // a 2x speed improvement over a vanilla attention baseline". A kernel cannot beat its work ratio.
    const mistral16k = { ...preset('mistral-7b'), sequenceLength: 16_384 };
    const ratio = attentionKeysPerQuery({ ...mistral16k, slidingWindow: undefined }).causal / attentionKeysPerQuery(mistral16k).causal;
    expect(ratio).toBeCloseTo(8192 / (4096 - 4096 ** 2 / (2 * 16_384)), 12);
    expect(ratio).toBeGreaterThanOrEqual(2);
    expect(ratio / 2 - 1).toBeLessThan(0.2);
  });
  it('Mistral 7B at its 8K context: the window removes 3 · 32 · 4 · (8,192 − 4,096) · 4,096 counted FLOPs per token, no parameters', () => {
    const mistral = preset('mistral-7b');
    const { slidingWindow: _omit, ...full } = mistral;
    const windowed = computeModelCounts(mistral);
    const dense = computeModelCounts(full);
    expect(windowed.totalParameters).toBe(dense.totalParameters);
    expect(dense.modelFlopsPerToken - windowed.modelFlopsPerToken).toBe(3 * 32 * 4 * 4096 * 4096);
    // Causal: full attention averages 4,096 keys, the window 4,096 − 4,096²/16,384 = 3,072.
    expect(dense.modelFlopsPerTokenCausal - windowed.modelFlopsPerTokenCausal).toBe(3 * 32 * 4 * (4096 - 3072) * 4096);
    // SELECTIVE recompute re-runs the windowed scores only.
    expect(hardwareFlopsPerToken(windowed, mistral, 'SELECTIVE') - windowed.modelFlopsPerToken).toBe(32 * 4 * 4096 * 4096);
  });
  it('Gemma 2: half the layers windowed → the span is the mean of 4,096 and 8,192; all-global or a window ≥ s changes nothing', () => {
    expect(attentionKeysPerQuery(preset('gemma2-9b'))).toEqual({ counted: 6144, causal: (3072 + 4096) / 2 });
    const plain = computeModelCounts(base);
    for (const patch of [{ slidingWindow: 4096 }, { slidingWindow: 1 << 20 }, { slidingWindow: 512, slidingWindowLayers: 0 }]) {
      expect(computeModelCounts({ ...base, ...patch })).toEqual(plain);
    }
  });
});

describe('multi-head latent attention and dense layers in MoE models (DeepSeek-V2/V3)', () => {
  const v2 = preset('deepseek-v2');
  const v3 = preset('deepseek-v3');
  it('DeepSeek-V3 attention per layer: W_DQ + W_UQ + W_DKV(+W_KR) + W_UK/W_UV + W_O, two latent norms and the pre-norm', () => {
    // DeepSeek-V2 §2.1 eqs. 9–14 with V3's sizes (§4.2): d 7,168, n 128, d_c 512, d_c' 1,536, d_h 128, d_R 64.
    const query = 7168 * 1536 + 1536 * 128 * (128 + 64);
    const keyValue = 7168 * (512 + 64) + 512 * 128 * (128 + 128);
    const output = 128 * 128 * 7168;
    expect(computeModelCounts(v3).attentionParametersPerLayer).toBe(query + keyValue + output + 1536 + 512 + 7168);
  });
  it('the published totals and activated counts: V2 236B / 21B, V3 671B / 37B (half a unit of the printed figure)', () => {
    // DeepSeek-V2 abstract: "236B total parameters, of which 21B are activated for each token"; DeepSeek-V3 abstract:
    // "671B total parameters with 37B activated for each token". "Activated" is read without the input-embedding
    // lookup (a token reads one row of it, no matmul); our activeParameters include it (+0.5B, +0.9B).
    for (const [arch, total, activated] of [[v2, 236e9, 21e9], [v3, 671e9, 37e9]] as const) {
      const c = computeModelCounts(arch);
      expect(Math.abs(c.totalParameters - total)).toBeLessThan(0.5e9);
      expect(Math.abs(c.activeParameters - c.inputEmbeddingParameters - activated)).toBeLessThan(0.5e9);
    }
  });
  it('dense layers count exactly: V3 = 61 attention blocks + 58 MoE blocks + 3 dense MLPs of 18,432 + embeddings', () => {
    const c = computeModelCounts(v3);
    const attention = c.attentionParametersPerLayer;
    const expert = 3 * 7168 * 2048;
    const moeBlock = (256 + 1) * expert + 7168 * 256 + 7168;
    const denseBlock = 3 * 7168 * 18_432 + 7168;
    expect(c.nonEmbeddingParameters).toBe(61 * attention + 58 * moeBlock + 3 * denseBlock + 7168);
    expect(c.parametersPerLayer * 61).toBeCloseTo(c.nonEmbeddingParameters - 7168, -1);
    // Without denseLayers every layer would be MoE: 3 × (MoE − dense) ≈ 33B more.
    const { denseLayers: _d, ...allMoe } = v3;
    expect(computeModelCounts(allMoe).totalParameters - c.totalParameters).toBe(3 * (moeBlock - denseBlock));
  });
  it('scores: QKᵀ over d_nope + d_rope and A·V over d_v per head → 2 · s · n · (192 + 128) forward FLOPs per token and layer', () => {
    const c = computeModelCounts(v3);
    expect(c.queryWidth).toBe(128 * (192 + 128) / 2);
    expect(c.attentionKeysPerQuery).toBe(4096);
    const matmul = c.forwardFlopsPerTokenPerLayer - 2 * 4096 * 128 * (192 + 128);
    // The rest is 2 × the active matmul weights per layer (the mean of 58 MoE and 3 dense layers).
    const activeMlp = (58 * (9 * 3 * 7168 * 2048 + 7168 * 256) + 3 * 3 * 7168 * 18_432) / 61;
    const attentionMatmul = c.attentionParametersPerLayer - 1536 - 512 - 7168;
    expect(matmul / (2 * (attentionMatmul + activeMlp))).toBeCloseTo(1, 12);
  });
});

describe('properties (fast-check)', () => {
  const arbArch = fc
    .record({
      layers: fc.integer({ min: 1, max: 200 }),
      heads: fc.integer({ min: 1, max: 128 }),
      headDim: fc.constantFrom(32, 64, 80, 128, 256),
      kvDivisor: fc.integer({ min: 0, max: 7 }),
      ffnMultiple: fc.integer({ min: 1, max: 8 }),
      gatedMlp: fc.boolean(),
      vocabSize: fc.integer({ min: 1, max: 300_000 }),
      sequenceLength: fc.integer({ min: 1, max: 131_072 }),
      tied: fc.boolean(),
      position: fc.constantFrom('LEARNED', 'ROTARY', 'ALIBI', 'RELATIVE', 'NONE' as const),
      experts: fc.integer({ min: 1, max: 64 }),
      topKFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      sharedExperts: fc.integer({ min: 0, max: 2 }),
    })
    .map((r): ModelArchitecture => {
      // kvHeads: the largest divisor of heads not above heads / 2^kvDivisor.
      let kvHeads = Math.max(1, Math.floor(r.heads / 2 ** r.kvDivisor));
      while (r.heads % kvHeads !== 0) kvHeads--;
      const hiddenSize = r.heads * r.headDim;
      return architectureWithDefaults({
        layers: r.layers,
        hiddenSize,
        attentionHeads: r.heads,
        kvHeads,
        ffnHiddenSize: r.ffnMultiple * hiddenSize,
        gatedMlp: r.gatedMlp,
        vocabSize: r.vocabSize,
        sequenceLength: r.sequenceLength,
        tiedEmbeddings: r.tied,
        positionEmbedding: r.position,
        experts: r.experts,
        expertsPerToken: Math.max(1, Math.ceil(r.topKFraction * r.experts)),
        sharedExperts: r.experts > 1 ? r.sharedExperts : 0,
      });
    });

  it('counts are positive, finite and consistent for any valid architecture', () => {
    fc.assert(
      fc.property(arbArch, (arch) => {
        const c = computeModelCounts(arch);
        const values = Object.values(c);
        if (!values.every((v) => Number.isFinite(v) && v >= 0)) return false;
        return (
          c.totalParameters > 0 &&
          c.totalParameters === c.embeddingParameters + c.nonEmbeddingParameters &&
          c.activeParameters <= c.totalParameters &&
          c.activeNonEmbeddingParameters <= c.nonEmbeddingParameters &&
          c.modelFlopsPerTokenCausal < c.modelFlopsPerToken &&
          // Biases and norm gains are parameters without matmul FLOPs (≈ 1/h of a layer's weights, MoE biases per
          // expert: up to ≈ 5 % at h = 32), so the model count may sit a little below 6 × parameters.
          c.modelFlopsPerToken >= 6 * c.activeNonEmbeddingParameters * 0.94 &&
          hardwareFlopsPerToken(c, arch, 'FULL') >= hardwareFlopsPerToken(c, arch, 'SELECTIVE') &&
          hardwareFlopsPerToken(c, arch, 'SELECTIVE') >= hardwareFlopsPerToken(c, arch, 'NONE')
        );
      }),
      { numRuns: 300 },
    );
  });

  it('more layers, a wider FFN or more experts never reduce the parameter count', () => {
    fc.assert(
      fc.property(arbArch, (arch) => {
        const base = computeModelCounts(arch).totalParameters;
        return (
          computeModelCounts({ ...arch, layers: arch.layers + 1 }).totalParameters > base &&
          computeModelCounts({ ...arch, ffnHiddenSize: arch.ffnHiddenSize + 1 }).totalParameters > base &&
          computeModelCounts({ ...arch, experts: arch.experts + 1 }).totalParameters > base
        );
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * Hardware FLOPs count what the GPUs execute (src/core/model.ts hardwareFlopsPerToken): for DeepSeek-V3 under its
 * recipe (DEEPSEEK_V3: cheapRecompute) that is, beside the model FLOPs, the MLA up-projections once more per layer
 * (§3.2.3) and the depth-1 multi-token-prediction module (§2.2): one more block, the 2h → h projection and the output
 * head once more. Figures by hand from the preset (§4.2: 61 layers, h 7,168, 128 heads, d_c 512, d_c' 1,536, d_nope 128,
 * d_rope 64, d_v 128, 3 dense layers of 18,432, 58 MoE of 8 routed + 1 shared × 2,048 and a 256-expert router, V 129,280,
 * s 4,096). Tolerance: 1e-12 relative (floating point only).
 */
describe('hardware FLOPs of DeepSeek-V3: cheap recompute and multi-token prediction', () => {
  const v3 = preset('deepseek-v3');
  const counts = computeModelCounts(v3);
  const cluster = makeCluster({ gpu: findGpu('h800')!, gpusPerNode: 8, nodes: 256 });
  const published = { pipelineParallel: 16, expertParallel: 64, globalBatchSize: 15360, microBatchSize: 1 };
  const h = 7168;
  // W_UQ 1,536 × 128·192 + W_UK, W_UV 512 × 128·(128 + 128).
  const upProjection = 1536 * 128 * 192 + 512 * 128 * 256;
  // Forward FLOPs of a mean layer: 2 × (MLA weights + the mean MLP) + the scores 4·s·128·160.
  const attention = 7168 * 1536 + 1536 * 128 * 192 + 7168 * (512 + 64) + 512 * 128 * 256 + 128 * 128 * 7168;
  const meanMlp = (58 * (9 * 3 * 7168 * 2048 + 7168 * 256) + 3 * 3 * 7168 * 18432) / 61;
  const score = 4 * 4096 * 128 * 160;
  const forwardLayer = 2 * (attention + meanMlp) + score;
  const head = 2 * 129280 * h;
  const relative = (a: number, b: number) => Math.abs(a / b - 1);

  it('the hand figures are the preset\'s: 54,525,952 up-projection weights, 1.506 GFLOP per layer forward', () => {
    expect(upProjection).toBe(54_525_952);
    expect(latentUpProjectionWeightsOf(v3)).toBe(upProjection);
    expect(latentUpProjectionWeights(v3)).toBe(upProjection);
    expect(relative(counts.forwardFlopsPerTokenPerLayer, forwardLayer)).toBeLessThan(1e-12);
    expect(counts.forwardFlopsPerTokenHead).toBe(head);
  });

  it.each(['NONE', 'SELECTIVE', 'FULL'] as const)('recompute %s: hardware FLOPs per token = model FLOPs + recompute + cheap recompute + the MTP module', (recompute) => {
    const applied = applyRecipe('DEEPSEEK_V3', { ...published, recompute }, {});
    const layout = resolveLayout(v3, cluster, applied.layout);
    expect(layout.cheapRecompute).toBe(true);
    const perf = estimateStep(v3, counts, cluster, layout, applied.options).performance;
    const tokens = 15360 * 4096;
    // FULL re-runs every forward (the up-projections with it); SELECTIVE the scores; cheap recompute the up-projections.
    const recomputed = recompute === 'FULL' ? forwardLayer : (recompute === 'SELECTIVE' ? score : 0) + 2 * upProjection;
    const passes = recompute === 'FULL' ? 4 : 3;
    const mtp = 3 * forwardLayer + recomputed + passes * 2 * 2 * h * h + 3 * head;
    const expected = counts.modelFlopsPerToken + 61 * recomputed + mtp;
    expect(relative(perf.hardwareFlopsPerStep / tokens, expected)).toBeLessThan(1e-12);
    expect(relative(hardwareFlopsPerToken(counts, v3, recompute, true), expected)).toBeLessThan(1e-12);
    // Model FLOPs stay the main model's (MTP is discarded after training, §2.2; published MFU counts the main model).
    expect(perf.modelFlopsPerStep / tokens).toBe(counts.modelFlopsPerToken);
    // The MTP module's FLOPs are the ones compute.ts times (t = 1: per GPU = per token × the micro-batch's 4,096 tokens).
    const computed = layerCompute(stepContext(v3, counts, cluster, layout, applied.options)).flops.multiTokenPrediction;
    expect(relative(computed / 4096, mtp)).toBeLessThan(1e-12);
  });

  it('the recipe\'s extra over recompute NONE without them: 6.65 GFLOP of cheap recompute + 10.80 GFLOP of MTP per token (+6.2 %)', () => {
    const extra = hardwareFlopsPerToken(counts, v3, 'NONE', true) - counts.modelFlopsPerToken;
    expect(relative(extra, 61 * 2 * 54_525_952 + (3 * forwardLayer + 2 * 54_525_952 + 12 * h * h + 3 * head))).toBeLessThan(1e-12);
    expect(extra / 1e9).toBeCloseTo(17.456, 3);
    expect(extra / counts.modelFlopsPerToken).toBeCloseTo(0.062, 3);
  });
});
