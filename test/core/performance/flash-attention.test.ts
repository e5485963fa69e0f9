import { describe, expect, it } from 'vitest';
import { findGpu, makeCluster } from '../../../src/core/hardware.js';
import { computeModelCounts } from '../../../src/core/model.js';
import { evaluatePlan, resolveLayout } from '../../../src/core/plan.js';
import { FLASH_ATTENTION_HALF_RATE_KEYS_PER_QUERY, flashAttentionRateFraction } from '../../../src/core/performance/compute.js';
import { findModelPreset } from '../../../src/core/presets.js';
import type { ModelArchitecture, PlanOptions } from '../../../src/core/types.js';

/**
 * cuDNN's published SDPA training benchmark (NVIDIA/cudnn-frontend benchmark/sdpa_benchmark_training/results, llama3.1:
 * 64 query / 8 K/V heads, head dim 128, BF16, non-deterministic backward): forward and backward TFLOP/s over the executed
 * FLOPs (causal = the unmasked triangle; backward = 2.5 × forward). H200 with cuDNN 9.19 (h200_919_only_cudnn, batch 1),
 * GB200 with cuDNN 9.22 (batch 2).
 */
const CUDNN_SDPA_TFLOPS: ReadonlyArray<{ gpu: 'H200' | 'GB200'; causal: boolean; tokens: number; forward: number; backward: number }> = [
  { gpu: 'H200', causal: true, tokens: 2048, forward: 484, backward: 370 },
  { gpu: 'H200', causal: true, tokens: 4096, forward: 591, backward: 474 },
  { gpu: 'H200', causal: true, tokens: 8192, forward: 644, backward: 541 },
  { gpu: 'H200', causal: true, tokens: 16384, forward: 673, backward: 579 },
  { gpu: 'H200', causal: true, tokens: 32768, forward: 688, backward: 581 },
  { gpu: 'H200', causal: false, tokens: 2048, forward: 633, backward: 504 },
  { gpu: 'H200', causal: false, tokens: 4096, forward: 671, backward: 560 },
  { gpu: 'H200', causal: false, tokens: 8192, forward: 691, backward: 594 },
  { gpu: 'H200', causal: false, tokens: 16384, forward: 702, backward: 612 },
  { gpu: 'H200', causal: false, tokens: 32768, forward: 693, backward: 572 },
  { gpu: 'GB200', causal: true, tokens: 2048, forward: 1097, backward: 885 },
  { gpu: 'GB200', causal: true, tokens: 4096, forward: 1408, backward: 1148 },
  { gpu: 'GB200', causal: true, tokens: 8192, forward: 1574, backward: 1332 },
  { gpu: 'GB200', causal: true, tokens: 16384, forward: 1708, backward: 1328 },
  { gpu: 'GB200', causal: true, tokens: 32768, forward: 1622, backward: 1226 },
  { gpu: 'GB200', causal: false, tokens: 2048, forward: 1433, backward: 1124 },
  { gpu: 'GB200', causal: false, tokens: 4096, forward: 1599, backward: 1350 },
  { gpu: 'GB200', causal: false, tokens: 8192, forward: 1771, backward: 1404 },
  { gpu: 'GB200', causal: false, tokens: 16384, forward: 1697, backward: 1374 },
  { gpu: 'GB200', causal: false, tokens: 32768, forward: 1634, backward: 1262 },
];

/** Forward + backward (1 + 2.5 forward passes) at the two measured rates. */
function trainingTflops(row: { forward: number; backward: number }): number {
  return 3.5 / (1 / row.forward + 2.5 / row.backward);
}

describe('FlashAttention rate over the keys each query meets (compute.ts flashAttentionRateFraction)', () => {
  it('reproduces cuDNN\'s SDPA benchmark on H200 and GB200 within 7 % from 2K to 16K tokens and 10 % at 32K, with one ceiling per GPU', () => {
    for (const gpu of ['H200', 'GB200'] as const) {
      const rows = CUDNN_SDPA_TFLOPS.filter((r) => r.gpu === gpu);
      const keys = (r: (typeof rows)[number]) => (r.causal ? r.tokens / 2 : r.tokens);
      // The GPU's ceiling: the geometric mean of measured / law (the fit's own rule).
      const logCeiling = rows.reduce((sum, r) => sum + Math.log(trainingTflops(r) / flashAttentionRateFraction(keys(r))), 0) / rows.length;
      const ceiling = Math.exp(logCeiling);
      for (const r of rows) {
        const error = (ceiling * flashAttentionRateFraction(keys(r))) / trainingTflops(r) - 1;
        expect(Math.abs(error), `${gpu} ${r.causal ? 'causal' : 'unmasked'} ${r.tokens}`).toBeLessThanOrEqual(r.tokens <= 16384 ? 0.07 : 0.1);
      }
    }
  });

  it('halves the rate at 540 keys per query: causal 2K tokens run at 0.65 of the rate 16K reach (measured 0.66 on H200, 0.66 on GB200)', () => {
    expect(FLASH_ATTENTION_HALF_RATE_KEYS_PER_QUERY).toBe(540);
    expect(flashAttentionRateFraction(540)).toBeCloseTo(0.5, 12);
    const ratio = flashAttentionRateFraction(1024) / flashAttentionRateFraction(8192);
    expect(ratio).toBeCloseTo(0.698, 3);
    for (const gpu of ['H200', 'GB200'] as const) {
      const at = (tokens: number) => trainingTflops(CUDNN_SDPA_TFLOPS.find((r) => r.gpu === gpu && r.causal && r.tokens === tokens)!);
      expect(Math.abs(ratio / (at(2048) / at(16384)) - 1)).toBeLessThanOrEqual(0.07);
    }
  });
});

describe('the attention time a plan carries', () => {
  const gpu = findGpu('h100-sxm')!;
  const cluster = makeCluster({ gpu, gpusPerNode: 8, nodes: 2 });
  const attentionSeconds = (arch: ModelArchitecture, layout: Parameters<typeof resolveLayout>[2], options: PlanOptions = {}) => {
    const resolved = resolveLayout(arch, cluster, layout, 'test');
    const plan = evaluatePlan(arch, computeModelCounts(arch), cluster, resolved, options);
    return plan.terms.find((t) => t.name === 'COMPUTE')!.seconds;
  };
  const llama = findModelPreset('llama3-8b')!;

  it('a ring-CP rank runs its attention as c kernels of 1/c of the keys: more time than the gathered K/V\'s one kernel', () => {
    const arch = { ...llama, sequenceLength: 8192 };
    const layout = { tensorParallel: 1, contextParallel: 4, globalBatchSize: 16, microBatchSize: 1 } as const;
    const gathered = attentionSeconds(arch, layout, { contextParallelCommunication: 'ALL_GATHER' });
    const ring = attentionSeconds(arch, layout, { contextParallelCommunication: 'RING' });
    expect(ring).toBeGreaterThan(gathered);
  });

  it('sliding-window layers pay the short window\'s overhead: a 128-token window costs more per executed FLOP than global layers', () => {
    const windowed: ModelArchitecture = { ...llama, sequenceLength: 4096, slidingWindow: 128 };
    const layout = { tensorParallel: 1, globalBatchSize: 16, microBatchSize: 1 } as const;
    // At 128 keys per query the rate is 128 / (128 + 540) = 0.19 of the ceiling; at the global 2,048, 0.79.
    expect(flashAttentionRateFraction(128)).toBeCloseTo(128 / 668, 12);
    expect(attentionSeconds(windowed, layout)).toBeLessThan(attentionSeconds({ ...llama, sequenceLength: 4096 }, layout));
  });
});
