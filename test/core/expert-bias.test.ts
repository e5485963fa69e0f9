/**
 * The experts' fc2 bias under Megatron-Core's TEGroupedMLP (transformer/moe/experts.py _apply_bias, core_v0.16.0 and
 * core_v0.17.0): fc2 skips its bias, which is then added per local expert as t + b·p with the router probabilities and
 * the splits concatenated — 12 B per routed fc2-output element forward, 12 backward (16-bit probabilities; the gpt-oss
 * configs leave moe_router_dtype unset), in the COMPUTE term's element-wise bytes. Only for models with linear biases
 * (gpt-oss-120b) and PER_EXPERT launches; checked to the byte on one layer's arithmetic a reader can redo by hand.
 */
import { describe, expect, it } from 'vitest';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { computeModelCounts } from '../../src/core/model.js';
import { ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION } from '../../src/core/performance/efficiency.js';
import { evaluatePlan, resolveLayout } from '../../src/core/plan.js';
import { findModelPreset } from '../../src/core/presets.js';
import type { GpuSpec, ModelArchitecture, PlanOptions } from '../../src/core/types.js';

const b200 = findGpu('b200') as GpuSpec;
const cluster = makeCluster({ gpu: b200, gpusPerNode: 8, nodes: 8 });
const hbm = b200.memoryBandwidthBytesPerSecond * ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION.BLACKWELL;
// gpt-oss-120b at Megatron-Bridge's B200 layout: 64 GPUs, EP 8, micro-batch 4 of 4,096 tokens, batch 1,280 (5 micro-batches).
const gptOss = { ...(findModelPreset('gpt-oss-120b') as ModelArchitecture), sequenceLength: 4096 };
const input = { expertParallel: 8, expertTensorParallel: 1, globalBatchSize: 1280, microBatchSize: 4, precision: 'BF16' as const, recompute: 'NONE' as const };

function computeSeconds(arch: ModelArchitecture, options: PlanOptions): number {
  const layout = resolveLayout(arch, cluster, input);
  return evaluatePlan(arch, computeModelCounts(arch), cluster, layout, options).terms.find((t) => t.name === 'COMPUTE')!.seconds;
}

describe("the experts' fc2 bias added outside the grouped GEMM (TEGroupedMLP, PER_EXPERT)", () => {
  it('costs 24 B per routed element: 5 micro-batches × 36 layers × 16,384 tokens × 4 copies × 2,880 wide / HBM', () => {
    const withBias = computeSeconds(gptOss, { expertGemmLaunch: 'PER_EXPERT' });
    const withoutBias = computeSeconds({ ...gptOss, linearBiases: false }, { expertGemmLaunch: 'PER_EXPERT' });
    const routedElements = 16_384 * 4 * 2880; // 189 M a layer and micro-batch
    expect(withBias - withoutBias).toBeCloseTo((5 * 36 * routedElements * 24) / hbm, 9);
    // ≈ 0.13 s a step on B200 (8 TB/s × 0.8): 3 % of the model's 4.4 s.
    expect(withBias - withoutBias).toBeGreaterThan(0.1);
  });

  it('is nothing with grouped kernels (the experts fused on the device), or without biases', () => {
    expect(computeSeconds(gptOss, {})).toBe(computeSeconds({ ...gptOss, linearBiases: false }, {}));
    const qwen = findModelPreset('qwen3-30b-a3b') as ModelArchitecture;
    expect(qwen.linearBiases).toBe(false);
  });
});
