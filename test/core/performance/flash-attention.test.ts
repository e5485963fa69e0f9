import { describe, expect, it } from 'vitest';
import { findGpu, makeCluster } from '../../../src/core/hardware.js';
import { computeModelCounts } from '../../../src/core/model.js';
import { evaluatePlan, resolveLayout } from '../../../src/core/plan.js';
import { FLASH_ATTENTION_HALF_RATE_KEYS_PER_QUERY, flashAttentionRateFraction, layerCompute } from '../../../src/core/performance/compute.js';
import { stepContext } from '../../../src/core/performance/context.js';
import { attentionCeilingScaleOf, matmulCeilingScaleOf } from '../../../src/core/performance/efficiency.js';
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

/**
 * Blackwell Ultra's attention (efficiency.ts attentionCeilingScaleOf): cuDNN's SDPA training benchmark times the same
 * llama3.1 shapes (64 / 8 heads, head dim 128, batch 2, BF16, non-deterministic backward, cuDNN 9.22) on GB200 and
 * GB300 — NVIDIA/cudnn-frontend benchmark/sdpa_benchmark_training/results/llama3.1/{gb200,gb300} — forward and backward
 * milliseconds, causal (top_left) and unmasked, 2K–32K tokens.
 */
const CUDNN_SDPA_MS_GB200_GB300: ReadonlyArray<{ shape: string; gb200: [number, number]; gb300: [number, number] }> = [
  { shape: 'causal 32K', gb200: [21.692, 71.756], gb300: [18.014, 59.024] },
  { shape: 'unmasked 32K', gb200: [43.056, 139.364], gb300: [38.317, 123.272] },
  { shape: 'causal 16K', gb200: [5.15, 16.554], gb300: [4.593, 14.593] },
  { shape: 'unmasked 16K', gb200: [10.369, 32.014], gb300: [8.734, 28.638] },
  { shape: 'causal 8K', gb200: [1.397, 4.127], gb300: [1.185, 3.832] },
  { shape: 'unmasked 8K', gb200: [2.483, 7.831], gb300: [2.181, 7.181] },
  { shape: 'causal 4K', gb200: [0.391, 1.198], gb300: [0.323, 1.101] },
  { shape: 'unmasked 4K', gb200: [0.687, 2.037], gb300: [0.579, 1.924] },
  { shape: 'causal 2K', gb200: [0.125, 0.389], gb300: [0.1, 0.356] },
  { shape: 'unmasked 2K', gb200: [0.192, 0.611], gb300: [0.152, 0.567] },
];

describe('GB300\'s attention ceiling: 1.12 × GB200\'s, as cuDNN\'s benchmark times them (efficiency.ts attentionCeilingScaleOf)', () => {
  const speedups = CUDNN_SDPA_MS_GB200_GB300.map((r) => (r.gb200[0] + r.gb200[1]) / (r.gb300[0] + r.gb300[1])).sort((a, b) => a - b);
  const median = (speedups[4]! + speedups[5]!) / 2;

  it('the model\'s GB300 / GB200 attention ceilings equal the benchmark\'s median speed-up within 1 % (every shape 1.08–1.22)', () => {
    const modelled = attentionCeilingScaleOf('gb300') / attentionCeilingScaleOf('gb200');
    expect(Math.abs(modelled / median - 1)).toBeLessThanOrEqual(0.01);
    expect(speedups[0]).toBeGreaterThan(1.08);
    expect(speedups[speedups.length - 1]).toBeLessThan(1.22);
    // Their GEMM ceilings differ less (GB200's own microbenchmark, 72.9 % of peak; GB300 keeps Blackwell's 77.6 %).
    expect(matmulCeilingScaleOf('gb300') / matmulCeilingScaleOf('gb200')).toBeCloseTo(1.064, 3);
    // Elsewhere the attention ceiling is the GEMM ceiling.
    for (const id of ['a100-80gb', 'h100-sxm', 'b200', 'b300', 'gb200']) expect(attentionCeilingScaleOf(id)).toBe(matmulCeilingScaleOf(id));
  });

  it('a plan\'s attention on GB300 takes 1 / 1.12 of the same plan\'s on GB200, its GEMMs 1 / 1.064', () => {
    const arch = { ...findModelPreset('llama3-70b')!, sequenceLength: 8192 };
    const layerOn = (id: string) => {
      const cluster = makeCluster({ gpu: findGpu(id)!, gpusPerNode: 64, nodes: 1 });
      const layout = resolveLayout(arch, cluster, { tensorParallel: 4, globalBatchSize: 64, microBatchSize: 1 }, 'test');
      return layerCompute(stepContext(arch, computeModelCounts(arch), cluster, layout, {}));
    };
    const gb200 = layerOn('gb200');
    const gb300 = layerOn('gb300');
    expect(gb200.attentionSeconds / gb300.attentionSeconds).toBeCloseTo(1.12, 6);
    expect(gb300.attentionSeconds).toBeGreaterThan(0);
  });
});
