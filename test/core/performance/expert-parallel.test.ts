/**
 * MoE token exchange (src/core/performance/expert-parallel.ts, communication.ts deduplicatedDispatchSeconds):
 * node-limited routing and the node-deduplicated dispatch, against what DeepSeek-V3 and DeepEP publish, and the routing
 * pattern of NeMo AutoModel's benchmark gate.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INTER_NODE_COLLECTIVE_EFFICIENCY,
  allToAllSeconds,
  deduplicatedDispatchSeconds,
  expectedDestinationNodes,
} from '../../../src/core/communication.js';
import { findGpu, makeCluster } from '../../../src/core/hardware.js';
import { routedNodeLimit, routedRankLimit } from '../../../src/core/performance/expert-parallel.js';
import { findModelPreset } from '../../../src/core/presets.js';
import type { GpuSpec, PlanOptions } from '../../../src/core/types.js';

const GB = 1e9;

describe('node-limited routing (DeepSeek-V3 §2.1.2; DeepSeek-V2 §2.2.2)', () => {
  it('DeepSeek-V3 reaches at most M = 4 of the 8 nodes of an EP-64 group; DeepSeek-V2 at most 3; a model without groups all', () => {
    expect(routedNodeLimit(findModelPreset('deepseek-v3')!, 8)).toBe(4);
    expect(routedNodeLimit(findModelPreset('deepseek-v2')!, 8)).toBe(3);
    // A group spread over two nodes (EP 128 over 16 nodes): 4 groups reach at most 8 nodes.
    expect(routedNodeLimit(findModelPreset('deepseek-v3')!, 16)).toBe(8);
    expect(routedNodeLimit(findModelPreset('mixtral-8x7b')!, 8)).toBe(8);
  });

  it('expected destination nodes: 8 experts over 8 nodes land on 5.25, within 4 nodes on 3.6 (occupancy, exact)', () => {
    expect(expectedDestinationNodes(8, 8, 8)).toBeCloseTo(8 * (1 - (7 / 8) ** 8), 12);
    expect(expectedDestinationNodes(8, 8, 4)).toBeCloseTo(4 * (1 - (3 / 4) ** 8), 12);
    expect(expectedDestinationNodes(1, 8, 4)).toBe(1);
  });
});

describe('node-deduplicated dispatch (DeepSeek-V3 §3.2.2; DeepEP normal kernels)', () => {
  // DeepSeek-V3 §3.2.2: IB 50 GB/s, NVLink 160 GB/s (3.2×); a token reaches at most 4 nodes and "can efficiently
  // select up to 13 experts (4 nodes × 3.2 experts/node) while preserving the same communication cost".
  const gpu = { ...(findGpu('h800') as GpuSpec), intraNodeBandwidthBytesPerSecond: 160 * GB, interNodeBandwidthBytesPerSecond: 50 * GB };
  const cluster = makeCluster({ gpu, gpusPerNode: 8, nodes: 8 });
  const ideal: PlanOptions = { intraNodeCollectiveEfficiency: 1, interNodeCollectiveEfficiency: 1 };
  const tokenBytes = 4096 * 7168 * 2;
  const time = (experts: number) => deduplicatedDispatchSeconds(tokenBytes, experts, 4, 64, 8, cluster, ideal);

  it('costs the same for 8 and 12 experts on 4 nodes (InfiniBand-bound) and more beyond 13 (NVLink-bound), tolerance 1 %', () => {
    expect(time(12) / time(8)).toBeCloseTo(1, 12);
    // 13 experts: NVLink 13·7/8/160 vs InfiniBand 4·7/8/50 — within 1.6 % of the InfiniBand time, as the report says.
    expect(time(13) / time(8)).toBeLessThan(1.016);
    expect(time(16) / time(8)).toBeGreaterThan(1.2);
  });

  it('sends a token over InfiniBand once per node, not once per expert: 3.5 copies instead of 7 for 8 experts on 4 of 8 nodes', () => {
    // 100 micro-batches' worth, so that the α terms (63 hops plain, 7 + 7 deduplicated) are negligible.
    const big = 100 * tokenBytes;
    const plain = allToAllSeconds(big * 8, 64, 8, cluster, ideal);
    expect(deduplicatedDispatchSeconds(big, 8, 4, 64, 8, cluster, ideal) / plain).toBeCloseTo(3.5 / 7, 2);
  });

  it('the default InfiniBand efficiency matches DeepEP’s EP-64 internode dispatch on CX7 (46 GB/s per node-deduplicated token bytes, 7/8 off-node: 40 of 50 GB/s), within 1 %', () => {
    // DeepEP docs/legacy.md normal kernels, H800 + CX7 400 Gb/s: internode EP 64 dispatch 46 GB/s (RDMA, bytes counted
    // once per destination node, the sender's own node included).
    expect(Math.abs(DEFAULT_INTER_NODE_COLLECTIVE_EFFICIENCY / ((46 * 7) / 8 / 50) - 1)).toBeLessThan(0.01);
  });
});

describe('routing patterns: which GPUs and nodes a token reaches', () => {
  const v3 = findModelPreset('deepseek-v3')!;
  it('DeepSeek-V3 on EP 64 (4 experts per GPU): real routing reaches up to 32 GPUs of 4 nodes, ≈ 7.2 distinct GPUs per token', () => {
    expect(routedRankLimit(v3, 64)).toBe(32);
    expect(expectedDestinationNodes(8, 64, routedRankLimit(v3, 64))).toBeCloseTo(32 * (1 - (31 / 32) ** 8), 12);
  });
  it('NeMo AutoModel’s FakeBalancedGate (token i → experts i·k … i·k + k − 1): one node and 2 GPUs per token on EP 64', () => {
    // nemo_automodel FakeBalancedGate.forward: indices = arange(tokens · k).view(-1, k) % n_experts — groups of k
    // consecutive experts, one per token.
    const fakeGate = { ...v3, expertGroups: 256 / 8, expertGroupsPerToken: 1 };
    expect(routedNodeLimit(fakeGate, 8)).toBe(1);
    expect(expectedDestinationNodes(8, 8, routedNodeLimit(fakeGate, 8))).toBe(1);
    expect(routedRankLimit(fakeGate, 64)).toBe(2);
  });
});
