/**
 * Partial full recompute (layout.recomputeLayers): Megatron-Core's `--recompute-granularity full --recompute-method block
 * --recompute-num-layers N` recomputes the first N layers of every (virtual) pipeline stage and lets the others keep all
 * their activations. The model charges each term per layer as a mean over the layers (pipeline.ts
 * recomputedLayerFraction), so with one pipeline stage every per-layer figure lies on the line from NONE (0 layers) to
 * FULL (all): checked here exactly, with the figures a reader can redo by hand.
 */
import { describe, expect, it } from 'vitest';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { estimateMemory } from '../../src/core/memory.js';
import { computeModelCounts, hardwareFlopsPerToken } from '../../src/core/model.js';
import { recomputedLayerFraction } from '../../src/core/pipeline.js';
import { evaluatePlan, resolveLayout } from '../../src/core/plan.js';
import { findModelPreset } from '../../src/core/presets.js';
import type { GpuSpec, ModelArchitecture, ParallelLayout, RecomputeMode } from '../../src/core/types.js';
import { fieldOf } from './field-of.js';

const h100 = findGpu('h100-sxm') as GpuSpec;
const gpt3 = findModelPreset('gpt3-175b') as ModelArchitecture;
const gpt3Counts = computeModelCounts(gpt3);
const llama405 = findModelPreset('llama3-405b') as ModelArchitecture;

describe('recomputedLayerFraction', () => {
  it('is the share of the layers recomputed: min(N, stage layers) summed over the virtual stages', () => {
    const fraction = (layout: Partial<ParallelLayout>) =>
      recomputedLayerFraction(126, { recompute: 'FULL', pipelineParallel: 16, pipelineInterleave: 4, ...layout });
    // Llama 3's split (§3.3.2): 126 layers over 16 × 4 virtual stages, the first and last one layer short — 62 stages
    // of 2 and two of 1. N = 1 recomputes one layer of each of the 64 stages: 64 of 126.
    const split = [1, ...Array.from({ length: 62 }, () => 2), 1];
    expect(fraction({ pipelineStageLayers: split, recomputeLayers: 1 })).toBeCloseTo(64 / 126, 15);
    expect(fraction({ pipelineStageLayers: split })).toBe(1);
    expect(fraction({ pipelineStageLayers: split, recomputeLayers: 2 })).toBe(1);
    // EVEN over 16 × 2 = 32 stages: 30 of 4 layers and 2 of 3 (⌊126/32⌋ = 3, the first 126 mod 32 = 30 one more).
    expect(fraction({ pipelineInterleave: 2, recomputeLayers: 3 })).toBeCloseTo(96 / 126, 15);
    expect(recomputedLayerFraction(126, { recompute: 'SELECTIVE', pipelineParallel: 1, pipelineInterleave: 1, recomputeLayers: 3 })).toBe(0);
    expect(recomputedLayerFraction(126, { recompute: 'NONE', pipelineParallel: 1, pipelineInterleave: 1 })).toBe(0);
  });
});

describe('recomputeLayers on one pipeline stage: every per-layer figure on the line from NONE to FULL', () => {
  // GPT-3 175B (96 layers) on 64 H100, TP 8 × DP 8: one stage, so N of 96 layers are recomputed, f = N/96.
  const cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 8 });
  const plan = (recompute: RecomputeMode, recomputeLayers?: number) => {
    const layout = resolveLayout(gpt3, cluster, {
      globalBatchSize: 64, tensorParallel: 8, sequenceParallel: true, zeroStage: 1, recompute, ...(recomputeLayers === undefined ? {} : { recomputeLayers }),
    });
    return { layout, estimate: evaluatePlan(gpt3, gpt3Counts, cluster, layout) };
  };
  const none = plan('NONE');
  const full = plan('FULL');
  const term = (p: ReturnType<typeof plan>, name: string) => p.estimate.terms.find((t) => t.name === name)!.seconds;

  it('compute, TP time and hardware FLOPs: NONE + (N/96)·(FULL − NONE)', () => {
    for (const n of [1, 24, 48, 95]) {
      const partial = plan('FULL', n);
      const f = n / 96;
      expect(partial.layout.recomputeLayers).toBe(n);
      for (const name of ['COMPUTE', 'TENSOR_PARALLEL']) {
        expect(term(partial, name) / (term(none, name) + f * (term(full, name) - term(none, name))) - 1).toBeCloseTo(0, 12);
      }
      // A recomputed forward of f of the layers (Narayanan et al. 2021 eq. 3 per layer: 4 passes instead of 3).
      const expected = gpt3Counts.modelFlopsPerToken + f * 96 * gpt3Counts.forwardFlopsPerTokenPerLayer;
      expect(hardwareFlopsPerToken(gpt3Counts, gpt3, 'FULL', false, f) / expected - 1).toBeCloseTo(0, 12);
      expect(partial.estimate.performance.hardwareFlopsPerStep / (expected * 64 * gpt3.sequenceLength) - 1).toBeCloseTo(0, 12);
    }
    // Half the layers recomputed: the step sits strictly between the two, closer to NONE's the fewer are recomputed.
    const half = plan('FULL', 48).estimate.performance.stepSeconds;
    expect(half).toBeGreaterThan(none.estimate.performance.stepSeconds);
    expect(half).toBeLessThan(full.estimate.performance.stepSeconds);
  });

  it('activations: the layers in flight hold f·(FULL per layer) + (1 − f)·(NONE per layer), one rebuilt layer on top', () => {
    const activations = (p: ReturnType<typeof plan>) => estimateMemory(gpt3, gpt3Counts, cluster, p.layout).activationsBytes;
    // One stage: the 96 layers of one micro-batch are alive. NONE keeps all of each layer's activations; FULL keeps its
    // input (2sbh/t with SP, Korthikanti Table 2) and rebuilds one layer at a time: FULL = 96·input + (all − input).
    const a = activations(full);
    const b = activations(none); // 96·all
    const input = (a - b / 96) / 95; // the two solved for the per-layer bytes
    const all = b / 96;
    for (const n of [1, 24, 48, 95]) {
      const f = n / 96;
      expect(activations(plan('FULL', n)) / (96 * (f * input + (1 - f) * all) + (all - input)) - 1).toBeCloseTo(0, 12);
    }
    expect(input).toBeLessThan(all);
  });

  it('a count that covers every stage is FULL itself (dropped); 0, a fraction, more than the layers, or without FULL is refused naming the field', () => {
    expect(plan('FULL', 96).layout.recomputeLayers).toBeUndefined();
    expect(plan('FULL', 96).estimate.performance.stepSeconds).toBe(full.estimate.performance.stepSeconds);
    const field = (recompute: RecomputeMode, recomputeLayers: number, extra: Partial<ParallelLayout> = {}) =>
      fieldOf(() => resolveLayout(gpt3, cluster, { globalBatchSize: 64, tensorParallel: 8, recompute, recomputeLayers, ...extra }, 'input'));
    expect(field('FULL', 0)).toBe('input.recomputeLayers');
    expect(field('FULL', 1.5)).toBe('input.recomputeLayers');
    expect(field('FULL', 97)).toBe('input.recomputeLayers');
    expect(field('NONE', 4)).toBe('input.recomputeLayers');
    expect(field('SELECTIVE', 4)).toBe('input.recomputeLayers');
    expect(field('FULL', 4, { cheapRecompute: true })).toBe('input.recomputeLayers');
  });
});

describe('Llama 3 405B on 8,192 H100 (TP 8, PP 16, DP 64; Dubey et al. 2024 Table 4: 430 TFLOP/s)', () => {
  it('recomputing one of the two layers of every virtual stage (v = 4) fits where no recompute does not, and runs faster than FULL', () => {
    const cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 1024 });
    const counts = computeModelCounts(llama405);
    const ask = (layout: Partial<ParallelLayout>) => {
      const resolved = resolveLayout(llama405, cluster, {
        globalBatchSize: 2048, tensorParallel: 8, pipelineParallel: 16, pipelineInterleave: 4, pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER',
        sequenceParallel: true, zeroStage: 1, gradientPrecision: 'FP32', ...layout,
      });
      return evaluatePlan(llama405, counts, cluster, resolved);
    };
    const none = ask({ recompute: 'NONE' });
    const half = ask({ recompute: 'FULL', recomputeLayers: 1 });
    const full = ask({ recompute: 'FULL' });
    expect(none.fits).toBe(false);
    expect(half.fits).toBe(true);
    expect(half.memory.totalBytes).toBeLessThan(none.memory.totalBytes);
    expect(half.memory.totalBytes).toBeGreaterThan(full.memory.totalBytes);
    expect(half.performance.stepSeconds).toBeLessThan(full.performance.stepSeconds);
    expect(half.performance.stepSeconds).toBeGreaterThan(none.performance.stepSeconds);
  });
});
