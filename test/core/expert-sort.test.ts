/**
 * An all-to-all hands a rank its tokens rank by rank; with several local experts Megatron-Core's MoEAlltoAllTokenDispatcher
 * regroups them by expert after the dispatch and back before the combine (token_dispatcher.py at core_r0.14.0:
 * sort_chunks_by_idxs) — two passes of read 2 + write 2 bytes per element of the k copies forward, the same two
 * backward. Checked to the byte against the node-deduplicated path, which permutes once each way (the dispatch bytes).
 */
import { describe, expect, it } from 'vitest';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { computeModelCounts } from '../../src/core/model.js';
import { layerCompute } from '../../src/core/performance/compute.js';
import { stepContext } from '../../src/core/performance/context.js';
import { ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION } from '../../src/core/performance/efficiency.js';
import { resolveLayout } from '../../src/core/plan.js';
import { findModelPreset } from '../../src/core/presets.js';
import type { ExpertDispatch, GpuSpec, ModelArchitecture, RecomputeMode } from '../../src/core/types.js';

const h100 = findGpu('h100-sxm') as GpuSpec;
const cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 2 });
const hbm = h100.memoryBandwidthBytesPerSecond * ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION.HOPPER;

function layerSeconds(arch: ModelArchitecture, expertParallel: number, expertDispatch: ExpertDispatch, recompute: RecomputeMode = 'NONE'): number {
  const layout = resolveLayout(arch, cluster, { expertParallel, globalBatchSize: 64, microBatchSize: 1, precision: 'BF16', recompute });
  return layerCompute(stepContext(arch, computeModelCounts(arch), cluster, layout, { expertDispatch })).layerSeconds;
}

describe('the all-to-all dispatcher regroups received tokens by local expert', () => {
  // Qwen3 30B-A3B: 128 experts, 8 a token, hidden 2,048, every layer MoE; 4,096 tokens a micro-batch.
  const qwen = findModelPreset('qwen3-30b-a3b') as ModelArchitecture;
  const perPass = 8 * 8 * 4096 * 2048; // 8 B per copy element (two passes of read 2 + write 2) × k × tokens × h

  it('adds two passes forward and two backward (and the recomputed forward\'s) over the node-deduplicated path', () => {
    // EP 8: 16 experts a rank.
    expect(layerSeconds(qwen, 8, 'ALL_TO_ALL') - layerSeconds(qwen, 8, 'NODE_DEDUPLICATED')).toBeCloseTo((2 * perPass) / hbm, 12);
    expect(layerSeconds(qwen, 8, 'ALL_TO_ALL', 'FULL') - layerSeconds(qwen, 8, 'NODE_DEDUPLICATED', 'FULL')).toBeCloseTo((3 * perPass) / hbm, 12);
    // 0.40 ms a layer and micro-batch on H100: 1.07 GB of HBM traffic.
    expect((2 * perPass) / hbm).toBeCloseTo(0.0004, 4);
  });

  it('costs nothing with one expert a rank (Mixtral 8x22B over EP 8) or without expert parallelism', () => {
    const mixtral = findModelPreset('mixtral-8x22b') as ModelArchitecture;
    expect(layerSeconds(mixtral, 8, 'ALL_TO_ALL')).toBe(layerSeconds(mixtral, 8, 'NODE_DEDUPLICATED'));
    expect(layerSeconds(qwen, 1, 'ALL_TO_ALL')).toBe(layerSeconds(qwen, 1, 'NODE_DEDUPLICATED'));
  });
});
