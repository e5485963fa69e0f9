/**
 * Activation memory against Korthikanti et al. 2022, "Reducing Activation Recomputation in Large Transformer
 * Models" (§4, Table 2 and the GPT-3 worked example): GiB = 2³⁰ bytes, tolerance 1 %.
 */
import { describe, expect, it } from 'vitest';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import {
  activationBytesPerLayer,
  activationLayerMicroBatchesOnStage,
  korthikantiActivationBytesPerLayer,
  memoryByPipelineStage,
  stageMemory,
} from '../../src/core/memory.js';
import { architectureWithDefaults, computeModelCounts } from '../../src/core/model.js';
import { findModelPreset } from '../../src/core/presets.js';
import type { GpuSpec, ParallelLayout, RecomputeMode } from '../../src/core/types.js';

const GIB = 2 ** 30;
// GPT-3 175B (Brown et al. 2020 Table 2.1).
const gpt3 = architectureWithDefaults({ layers: 96, hiddenSize: 12288, attentionHeads: 96, vocabSize: 50257, sequenceLength: 2048 });
const shape = { sequenceLength: 2048, microBatchSize: 1, hiddenSize: 12288, attentionHeads: 96 };

function layout(overrides: Partial<ParallelLayout> = {}): ParallelLayout {
  return {
    tensorParallel: 8,
    pipelineParallel: 8,
    dataParallel: 16,
    expertParallel: 1,
    zeroStage: 0,
    microBatchSize: 1,
    globalBatchSize: 1536,
    sequenceParallel: false,
    pipelineInterleave: 1,
    recompute: 'NONE',
    precision: 'BF16',
    optimizer: 'ADAM',
    offload: 'NONE',
    flashAttention: false,
    ...overrides,
  };
}

describe('Korthikanti et al. 2022 worked example: GPT-3 175B, t = 8, p = 8, 96 layers on the first stage (1 %)', () => {
  const cases: Array<[string, Parameters<typeof korthikantiActivationBytesPerLayer>[0], number]> = [
    ['no parallelism: sbh(34 + 5as/h)', { ...shape }, 256.5],
    ['tensor parallel: sbh(10 + 24/t + 5as/(ht))', { ...shape, tensorParallel: 8 }, 51.75],
    ['tensor + sequence parallel: sbh(34 + 5as/h)/t', { ...shape, tensorParallel: 8, sequenceParallel: true }, 32.06],
    [
      'tensor + sequence parallel + selective recompute: 34sbh/t',
      { ...shape, tensorParallel: 8, sequenceParallel: true, recompute: 'SELECTIVE' },
      9.56,
    ],
    ['full recompute without SP: 2sbh (not divided by t)', { ...shape, tensorParallel: 8, recompute: 'FULL' }, 4.5],
  ];
  for (const [name, input, gib] of cases) {
    it(`${name} → ${gib} GiB`, () => {
      const ours = (96 * korthikantiActivationBytesPerLayer(input)) / GIB;
      expect(Math.abs(ours / gib - 1)).toBeLessThanOrEqual(0.01);
    });
  }

  it('the first 1F1B stage holds p micro-batches of L/p layers = all 96 layers’ worth', () => {
    expect(activationLayerMicroBatchesOnStage(96, 8, 1, 192, 0)).toBe(96);
    // Last stage holds one micro-batch of its 12 layers.
    expect(activationLayerMicroBatchesOnStage(96, 8, 1, 192, 7)).toBe(12);
  });

  it('interleaving multiplies the first stage by 1 + (p − 1)/(p·v) (Korthikanti §4.2.3)', () => {
    const v = 2;
    expect(activationLayerMicroBatchesOnStage(96, 8, v, 192, 0)).toBeCloseTo(96 * (1 + 7 / (8 * v)), 9);
  });

  it('the generalised per-layer formula reduces to the paper’s for GPT-3 in the plan model (TP, no SP)', () => {
    const counts = computeModelCounts(gpt3);
    const cluster = makeCluster({ gpu: findGpu('a100-80gb') as GpuSpec, gpusPerNode: 8, nodes: 128 });
    const first = stageMemory(gpt3, counts, cluster, layout(), undefined, 0);
    expect(Math.abs(first.activationsBytes / GIB / 51.75 - 1)).toBeLessThanOrEqual(0.01);
  });
});

describe('activation memory beyond the paper', () => {
  it('FlashAttention removes the 5as²b/t score term (TP 8: 10 + 24/8 = 13 sbh)', () => {
    const flash = korthikantiActivationBytesPerLayer({ ...shape, tensorParallel: 8, flashAttention: true });
    expect(flash).toBeCloseTo(2048 * 12288 * 13, -3);
  });
  it('full recompute with sequence parallel divides the layer input by t', () => {
    const full = korthikantiActivationBytesPerLayer({ ...shape, tensorParallel: 8, sequenceParallel: true, recompute: 'FULL' });
    expect(full).toBeCloseTo((2 * 2048 * 12288) / 8, -1);
  });
  it('MoE: activations grow with top-k, not with the number of experts', () => {
    const base = { layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, vocabSize: 32000, sequenceLength: 4096, gatedMlp: true, ffnHiddenSize: 14336 };
    const top2of8 = architectureWithDefaults({ ...base, experts: 8, expertsPerToken: 2 });
    const top2of64 = architectureWithDefaults({ ...base, experts: 64, expertsPerToken: 2 });
    const top1of8 = architectureWithDefaults({ ...base, experts: 8, expertsPerToken: 1 });
    const l = layout({ tensorParallel: 1, pipelineParallel: 1, dataParallel: 8 });
    expect(activationBytesPerLayer(top2of8, l)).toBe(activationBytesPerLayer(top2of64, l));
    expect(activationBytesPerLayer(top2of8, l)).toBeGreaterThan(activationBytesPerLayer(top1of8, l));
    // Routed MLP part per token: k × (6·f + 2·h) bytes-halves (gated MLP + dispatched copy).
    const perToken = 2 * (6 * 14336 + 2 * 4096) - 1 * (6 * 14336 + 2 * 4096);
    expect(activationBytesPerLayer(top2of8, l) - activationBytesPerLayer(top1of8, l)).toBeCloseTo(4096 * perToken, -2);
  });
  it('GQA stores smaller K and V', () => {
    const mha = architectureWithDefaults({ layers: 32, hiddenSize: 4096, attentionHeads: 32, vocabSize: 32000, sequenceLength: 4096 });
    const gqa = architectureWithDefaults({ layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, vocabSize: 32000, sequenceLength: 4096 });
    const l = layout({ tensorParallel: 1, pipelineParallel: 1, dataParallel: 8 });
    // K and V: 4·sb·(h − h_kv) bytes fewer.
    expect(activationBytesPerLayer(mha, l) - activationBytesPerLayer(gqa, l)).toBe(4 * 4096 * (4096 - 1024));
  });
  it('per-stage breakdown: embedding on the first stage, logits and head replica on the last', () => {
    const counts = computeModelCounts(gpt3);
    const cluster = makeCluster({ gpu: findGpu('a100-80gb') as GpuSpec, gpusPerNode: 8, nodes: 128 });
    const stages = memoryByPipelineStage(gpt3, counts, cluster, layout({ recompute: 'FULL' }));
    expect(stages).toHaveLength(8);
    const [first, mid, last] = [stages[0]!, stages[3]!, stages[7]!];
    const vh = 50257 * 12288;
    // First stage: token + position embedding; last: the tied word-embedding replica and the final norm.
    expect(first.parametersPerGpu - mid.parametersPerGpu).toBeCloseTo((vh + 2048 * 12288) / 8, 0);
    expect(last.parametersPerGpu - mid.parametersPerGpu).toBeCloseTo((vh + 2 * 12288) / 8, 0);
    // Logits: 4·s·b·V/t bytes in fp32 on the last stage only.
    expect(last.temporaryBytes - mid.temporaryBytes).toBeCloseTo((4 * 2048 * 50257) / 8, 0);
    // Activations decrease along the pipeline (stage i holds p − i micro-batches).
    for (let i = 1; i < 8; i++) expect(stages[i]!.activationsBytes).toBeLessThan(stages[i - 1]!.activationsBytes);
  });
  it('dropout 0 removes exactly the masks: 2sbh (two 1-byte hidden masks) + 3as²b (mask + dropout output) per layer', () => {
    const [s, h, a] = [2048, 12288, 96];
    const sbh = s * h;
    const scores = a * s * s;
    for (const tensorParallel of [1, 8]) {
      for (const sequenceParallel of [false, true]) {
        const sp = sequenceParallel && tensorParallel > 1 ? tensorParallel : 1;
        const input = { ...shape, tensorParallel, sequenceParallel };
        const diff = korthikantiActivationBytesPerLayer(input) - korthikantiActivationBytesPerLayer({ ...input, dropout: false });
        // The masks sit in the replicated 10sbh (split only by SP); the score terms are split by t.
        expect(diff).toBe((2 * sbh) / sp + (3 * scores) / tensorParallel);
        // With FlashAttention (mask regenerated from the RNG seed) only the two hidden masks remain to drop.
        const flash = { ...input, flashAttention: true };
        expect(korthikantiActivationBytesPerLayer(flash) - korthikantiActivationBytesPerLayer({ ...flash, dropout: false })).toBe(
          (2 * sbh) / sp,
        );
        // Full recompute stores only the layer input: no change.
        const full = { ...input, recompute: 'FULL' as const };
        expect(korthikantiActivationBytesPerLayer({ ...full, dropout: false })).toBe(korthikantiActivationBytesPerLayer(full));
      }
    }
    // Unparallelised GPT-3 layer: sbh(34 + 5as/h) → sbh(32 + 2as/h).
    expect(korthikantiActivationBytesPerLayer({ ...shape, dropout: false })).toBe(sbh * (32 + (2 * a * s) / h));
  });
  it('dropout is read from the architecture: the LLaMA presets have none, the GPT ones do', () => {
    const l = layout({ tensorParallel: 8, pipelineParallel: 1, dataParallel: 8 });
    const withMasks = activationBytesPerLayer({ ...gpt3, dropout: true }, l);
    expect(activationBytesPerLayer(gpt3, l)).toBe(withMasks); // default true
    expect(withMasks - activationBytesPerLayer({ ...gpt3, dropout: false }, l)).toBe(2 * 2048 * 12288 + (3 * 96 * 2048 * 2048) / 8);
    for (const id of ['llama2-7b', 'llama2-70b', 'llama3-8b', 'llama3-405b', 'mixtral-8x7b']) expect(findModelPreset(id)?.dropout).toBe(false);
    for (const id of ['gpt2-1.5b', 'gpt3-175b', 'opt-175b', 'bloom-176b', 'mt-nlg-530b', 'megatron-1t']) expect(findModelPreset(id)?.dropout).toBe(true);
    // Gopher/Chinchilla: unstated, the default (masks stored).
    expect(findModelPreset('gopher-280b')?.dropout ?? true).toBe(true);
  });
  it('more recompute never stores more', () => {
    const order: RecomputeMode[] = ['NONE', 'SELECTIVE', 'FULL'];
    for (const tensorParallel of [1, 2, 8]) {
      for (const sequenceParallel of [false, true]) {
        for (const flashAttention of [false, true]) {
          const v = order.map((recompute) =>
            korthikantiActivationBytesPerLayer({ ...shape, tensorParallel, sequenceParallel, flashAttention, recompute }),
          );
          expect(v[1]).toBeLessThanOrEqual(v[0]!);
          expect(v[2]).toBeLessThanOrEqual(v[1]!);
        }
      }
    }
  });
});
