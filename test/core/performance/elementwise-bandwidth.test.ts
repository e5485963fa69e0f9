import { describe, expect, it } from 'vitest';
import { findGpu, makeCluster } from '../../../src/core/hardware.js';
import { computeModelCounts } from '../../../src/core/model.js';
import { stepContext } from '../../../src/core/performance/context.js';
import { ELEMENTWISE_BANDWIDTH_EFFICIENCY, ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION } from '../../../src/core/performance/efficiency.js';
import { resolveLayout } from '../../../src/core/plan.js';
import { findModelPreset } from '../../../src/core/presets.js';

/**
 * cuDNN's normalization benchmark (NVIDIA/cudnn-frontend benchmark/norms/results, 2026-02, cuDNN 9.19): BF16 RMSNorm over
 * the hidden width at the token × hidden shapes of eight training workloads, forward and backward GB/s. (The same tables'
 * 128-wide latent / per-head norms and PyTorch's own kernels are not the fused kernels the model prices.)
 */
const CUDNN_RMSNORM_GBPS: ReadonlyArray<{ gpu: 'h200' | 'gb200' | 'gb300'; workload: string; forward: number; backward: number }> = [
  { gpu: 'h200', workload: 'llama3-8b', forward: 3708.1, backward: 3801.0 },
  { gpu: 'h200', workload: 'llama3-70b', forward: 3770.9, backward: 3526.2 },
  { gpu: 'h200', workload: 'llama31-405b', forward: 3845.2, backward: 3420.0 },
  { gpu: 'h200', workload: 'llama4-e16', forward: 3762.0, backward: 3658.5 },
  { gpu: 'h200', workload: 'mixtral-8x7b', forward: 3790.3, backward: 3499.9 },
  { gpu: 'h200', workload: 'mixtral-8x22b', forward: 3461.6, backward: 3086.8 },
  { gpu: 'h200', workload: 'nemotronh-56b', forward: 3311.3, backward: 3279.2 },
  { gpu: 'h200', workload: 'qwen3-235b', forward: 3770.2, backward: 3631.5 },
  { gpu: 'gb200', workload: 'llama3-8b', forward: 6424.6, backward: 6187.3 },
  { gpu: 'gb200', workload: 'llama3-70b', forward: 5997.4, backward: 5200.5 },
  { gpu: 'gb200', workload: 'llama31-405b', forward: 6119.7, backward: 4787.2 },
  { gpu: 'gb200', workload: 'llama4-e16', forward: 5986.8, backward: 4950.7 },
  { gpu: 'gb200', workload: 'mixtral-8x7b', forward: 5843.7, backward: 5633.7 },
  { gpu: 'gb200', workload: 'mixtral-8x22b', forward: 5848.7, backward: 4184.4 },
  { gpu: 'gb200', workload: 'nemotronh-56b', forward: 5934.0, backward: 4885.9 },
  { gpu: 'gb200', workload: 'qwen3-235b', forward: 6000.5, backward: 5051.7 },
  { gpu: 'gb300', workload: 'llama3-8b', forward: 6459.5, backward: 6133.5 },
  { gpu: 'gb300', workload: 'llama3-70b', forward: 5962.9, backward: 5467.3 },
  { gpu: 'gb300', workload: 'llama31-405b', forward: 6079.4, backward: 4896.8 },
  { gpu: 'gb300', workload: 'llama4-e16', forward: 5979.9, backward: 5058.6 },
  { gpu: 'gb300', workload: 'mixtral-8x7b', forward: 5968.1, backward: 5534.3 },
  { gpu: 'gb300', workload: 'mixtral-8x22b', forward: 5959.5, backward: 4338.2 },
  { gpu: 'gb300', workload: 'nemotronh-56b', forward: 5976.0, backward: 4908.6 },
  { gpu: 'gb300', workload: 'qwen3-235b', forward: 6105.0, backward: 5071.9 },
];

/** The median of forward + backward at the model's 1 : 2 byte split, as a fraction of the GPU's HBM bandwidth. */
function medianFraction(gpu: 'h200' | 'gb200' | 'gb300'): number {
  const hbmGBps = findGpu(gpu)!.memoryBandwidthBytesPerSecond / 1e9;
  const fractions = CUDNN_RMSNORM_GBPS.filter((r) => r.gpu === gpu)
    .map((r) => 3 / (1 / r.forward + 2 / r.backward) / hbmGBps)
    .sort((a, b) => a - b);
  return (fractions[3]! + fractions[4]!) / 2;
}

describe('element-wise bandwidth per generation (efficiency.ts ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION)', () => {
  it("is cuDNN's RMSNorm benchmark: Hopper 0.750 (H200), Blackwell 0.665 (GB200 0.662, GB300 0.669), each within 0.003", () => {
    expect(medianFraction('h200')).toBeCloseTo(0.7496, 4);
    expect(medianFraction('gb200')).toBeCloseTo(0.6617, 4);
    expect(medianFraction('gb300')).toBeCloseTo(0.6692, 4);
    expect(Math.abs(ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION.HOPPER - medianFraction('h200'))).toBeLessThanOrEqual(0.003);
    const blackwell = (medianFraction('gb200') + medianFraction('gb300')) / 2;
    expect(Math.abs(ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION.BLACKWELL - blackwell)).toBeLessThanOrEqual(0.003);
    // A100 and GPUs without a measurement keep the STREAM-like 0.8.
    expect(ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION.AMPERE).toBe(ELEMENTWISE_BANDWIDTH_EFFICIENCY);
    expect(ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION.OTHER).toBe(0.8);
  });

  it('is what a plan streams its element-wise bytes at: HBM × its generation\'s fraction', () => {
    const arch = findModelPreset('llama3-8b')!;
    const counts = computeModelCounts(arch);
    for (const [id, generation] of [['a100-80gb', 'AMPERE'], ['h100-sxm', 'HOPPER'], ['b200', 'BLACKWELL'], ['gb300', 'BLACKWELL']] as const) {
      const gpu = findGpu(id)!;
      const cluster = makeCluster({ gpu, gpusPerNode: 8, nodes: 1 });
      const layout = resolveLayout(arch, cluster, { globalBatchSize: 8, microBatchSize: 1 });
      const ctx = stepContext(arch, counts, cluster, layout, {});
      expect(ctx.hbmBytesPerSecond).toBe(gpu.memoryBandwidthBytesPerSecond * ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION[generation]);
    }
  });
});
