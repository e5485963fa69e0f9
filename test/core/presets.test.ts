import { describe, expect, it } from 'vitest';
import { computeModelCounts } from '../../src/core/model.js';
import { MODEL_PRESETS, findModelPreset, publishedParametersTolerance } from '../../src/core/presets.js';
import type { ModelArchitecture } from '../../src/core/types.js';

function preset(id: string): ModelArchitecture {
  const found = findModelPreset(id);
  if (!found) throw new Error(`missing preset ${id}`);
  return found;
}

const REQUIRED_IDS = [
  'gpt2-1.5b', 'gpt3-125m', 'gpt3-350m', 'gpt3-760m', 'gpt3-1.3b', 'gpt3-2.7b', 'gpt3-6.7b', 'gpt3-13b', 'gpt3-175b',
  'mt-nlg-530b', 'gopher-280b', 'chinchilla-70b', 'bloom-176b', 'opt-175b', 'llama2-7b', 'llama2-13b', 'llama2-70b',
  'llama3-8b', 'llama3-70b', 'llama3-405b', 'mixtral-8x7b', 'mixtral-8x22b', 'gpt-oss-120b', 'mistral-7b', 'gemma-7b', 'gemma2-9b', 'deepseek-v2', 'deepseek-v3',
  'nemotron-4-15b', 'nemotron-4-340b', 'qwen3-30b-a3b', 'qwen3-235b-a22b', 'megatron-1.7b', 'megatron-3.6b', 'megatron-7.5b',
  'megatron-18.4b', 'megatron-39.1b', 'megatron-76.1b', 'megatron-145.6b', 'megatron-310.1b', 'megatron-529.6b',
  'megatron-1t', 'gpt4-20t-article',
];

describe('model presets', () => {
  it('has every required id, unique and lowercase, each with a source and a published count', () => {
    const ids = MODEL_PRESETS.map((p) => p.id);
    expect(ids.sort()).toEqual([...REQUIRED_IDS].sort());
    for (const p of MODEL_PRESETS) {
      expect(p.id).toBe(p.id.toLowerCase());
      expect(p.source?.length ?? 0).toBeGreaterThan(10);
      expect(p.publishedParameters).toBeGreaterThan(0);
    }
    expect(findModelPreset('GPT3-175B')?.id).toBe('gpt3-175b');
    expect(findModelPreset('gpt-5')).toBeUndefined();
  });

  // Published counts: each preset's `source`; tolerance 0.5 %, or half a unit of the last printed digit for
  // rounded figures ("1.7B"), or the stated gap for GPT-3's nominal 350M and 13.0B (see presets.ts).
  it.each(MODEL_PRESETS.map((p) => [p.id, p] as const))('%s reproduces its published parameter count', (_id, p) => {
    const total = computeModelCounts(p).totalParameters;
    const tolerance = publishedParametersTolerance(p);
    expect(tolerance).toBeLessThanOrEqual(0.04);
    expect(Math.abs(total / p.publishedParameters! - 1)).toBeLessThanOrEqual(tolerance);
  });

  it('uses 0.5 % wherever the published figure is not a rounded one', () => {
    for (const id of ['gpt2-1.5b', 'gpt3-175b', 'bloom-176b', 'llama2-70b', 'llama3-405b', 'mixtral-8x7b', 'megatron-1t']) {
      expect(publishedParametersTolerance(preset(id))).toBe(0.005);
    }
  });

  // Exact counts of released checkpoints (model cards / safetensors index): every convention must be right.
  it.each([
    ['gpt2-1.5b', 1_557_611_200],
    ['bloom-176b', 176_247_271_424], // needs the embedding LayerNorm
    ['llama2-7b', 6_738_415_616],
    ['llama2-13b', 13_015_864_320],
    ['llama2-70b', 68_976_648_192], // needs GQA K/V sizes
    ['llama3-8b', 8_030_261_248],
    ['mixtral-8x7b', 46_702_792_704], // needs all experts + router
  ] as const)('%s matches its released checkpoint exactly', (id, count) => {
    expect(computeModelCounts(preset(id)).totalParameters).toBe(count);
  });

  it('OPT counts its 2 offset position rows (OPT-125m checkpoint: 125,239,296)', () => {
    // OPT-125m (Zhang et al. 2022 Table 1: 12 layers, 12 heads, d_model 768), same conventions as opt-175b.
    const opt = preset('opt-175b');
    const small = { ...opt, id: 'opt-125m', layers: 12, hiddenSize: 768, attentionHeads: 12, kvHeads: 12, ffnHiddenSize: 3072 };
    expect(computeModelCounts(small).totalParameters).toBe(125_239_296);
    expect(computeModelCounts({ ...small, positionOffset: 0 }).totalParameters).toBe(125_239_296 - 2 * 768);
  });

  it('Gopher/Chinchilla need the relative-position projection (Gopher 280B within 0.5 % only with it)', () => {
    const gopher = preset('gopher-280b');
    const withRelative = computeModelCounts(gopher).totalParameters;
    const withoutRelative = computeModelCounts({ ...gopher, positionEmbedding: 'NONE' }).totalParameters;
    expect(withRelative - withoutRelative).toBe(80 * (16384 * 16384 + 2 * 16384));
    expect(Math.abs(withoutRelative / 280e9 - 1)).toBeGreaterThan(0.07);
  });

  it("the article's 20T model is ≈ 175B²/1.5B = 20.4T (tolerance 0.5 %)", () => {
    const counts = computeModelCounts(preset('gpt4-20t-article'));
    expect(Math.abs(counts.totalParameters / 20.4167e12 - 1)).toBeLessThan(0.005);
  });

  it('Megatron 2021 presets match P = 12lh²(1 + 13/(12h) + (V+s)/(12lh)) (Narayanan et al. 2021 §5.1) within 0.01 %', () => {
    for (const p of MODEL_PRESETS.filter((m) => m.id.startsWith('megatron-'))) {
      const { layers: l, hiddenSize: h, vocabSize: V, sequenceLength: s } = p;
      const formula = 12 * l * h * h * (1 + 13 / (12 * h) + (V + s) / (12 * l * h));
      expect(V).toBe(51_200);
      expect(s).toBe(2048);
      expect(Math.abs(computeModelCounts(p).totalParameters / formula - 1)).toBeLessThan(1e-4);
    }
  });
});
