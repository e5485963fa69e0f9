/**
 * Communication volumes (ZeRO paper §7; Megatron-LM) and the α–β time model.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INTER_NODE_COLLECTIVE_EFFICIENCY,
  DEFAULT_INTRA_NODE_COLLECTIVE_EFFICIENCY,
  defaultIntraNodeCollectiveEfficiency,
  INTRA_NODE_COLLECTIVE_EFFICIENCY_BY_GENERATION,
  collectiveSeconds,
  groupMembersPerNode,
  zeroCommunicationElements,
} from '../../src/core/communication.js';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { architectureWithDefaults, computeModelCounts } from '../../src/core/model.js';
import { evaluatePlan, resolveLayout } from '../../src/core/plan.js';
import { findModelPreset } from '../../src/core/presets.js';
import type { GpuSpec, ModelArchitecture, ZeroStage } from '../../src/core/types.js';

const a100 = findGpu('a100-80gb') as GpuSpec;
const cluster1024 = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 128 });

describe('ZeRO paper §7: data-parallel volume per device per step', () => {
  const psi = 7.5e9;
  const n = 64;
  const ring = (n - 1) / n;
  it('baseline all-reduce 2Ψ; P_os 2Ψ; P_os+g 2Ψ; P_os+g+p 3Ψ (1.5×)', () => {
    expect(zeroCommunicationElements(psi, n, 0)).toBeCloseTo(2 * psi * ring, -3);
    expect(zeroCommunicationElements(psi, n, 1)).toBeCloseTo(2 * psi * ring, -3);
    expect(zeroCommunicationElements(psi, n, 2)).toBeCloseTo(2 * psi * ring, -3);
    expect(zeroCommunicationElements(psi, n, 3)).toBeCloseTo(3 * psi * ring, -3);
    expect(zeroCommunicationElements(psi, n, 3) / zeroCommunicationElements(psi, n, 0)).toBeCloseTo(1.5, 12);
  });
  it('with gradient accumulation ZeRO-2 reduce-scatters every micro-batch, ZeRO-3 repeats all three', () => {
    expect(zeroCommunicationElements(psi, n, 2, 8)).toBeCloseTo(9 * psi * ring, -3);
    expect(zeroCommunicationElements(psi, n, 3, 8)).toBeCloseTo(24 * psi * ring, -3);
    expect(zeroCommunicationElements(psi, 1, 3, 8)).toBe(0);
  });
  it('evaluatePlan charges the same volumes (pure DP, one micro-batch per step)', () => {
    const arch = findModelPreset('gpt3-1.3b') as ModelArchitecture;
    const counts = computeModelCounts(arch);
    const bytes = ([0, 1, 2, 3] as ZeroStage[]).map(
      (zeroStage) =>
        evaluatePlan(arch, counts, cluster1024, resolveLayout(arch, cluster1024, { globalBatchSize: 1024, zeroStage }))
          .communication.dataParallelBytes,
    );
    // 2 bytes per element (16-bit gradients and parameters).
    expect(bytes[0]).toBeCloseTo(2 * zeroCommunicationElements(counts.totalParameters, 1024, 0), -3);
    expect(bytes[1]).toBeCloseTo(bytes[0]!, -3);
    expect(bytes[2]).toBeCloseTo(bytes[0]!, -3);
    expect(bytes[3]! / bytes[0]!).toBeCloseTo(1.5, 9);
  });
});

describe('tensor and pipeline parallel volumes (standard case)', () => {
  const gpt3 = findModelPreset('gpt3-175b') as ModelArchitecture;
  const counts = computeModelCounts(gpt3);
  const sbh = 2048 * 12288;
  const base = { tensorParallel: 8, pipelineParallel: 8, globalBatchSize: 1536, flashAttention: false };
  it('TP: 4 all-reduces of s·b·h per layer and micro-batch, 6 with full recompute; SP adds its backward re-gather (5)', () => {
    const m = 96;
    const layersPerStage = 12;
    const perAllReduce = 2 * (7 / 8) * sbh * 2;
    const none = evaluatePlan(gpt3, counts, cluster1024, resolveLayout(gpt3, cluster1024, base)).communication;
    const full = evaluatePlan(gpt3, counts, cluster1024, resolveLayout(gpt3, cluster1024, { ...base, recompute: 'FULL' })).communication;
    const sp = evaluatePlan(gpt3, counts, cluster1024, resolveLayout(gpt3, cluster1024, { ...base, sequenceParallel: true })).communication;
    expect(none.tensorParallelBytes).toBeCloseTo(m * layersPerStage * 4 * perAllReduce, -3);
    expect(full.tensorParallelBytes / none.tensorParallelBytes).toBeCloseTo(1.5, 12);
    // SP's reduce-scatter + all-gather pairs move an all-reduce's bytes each, plus the backward re-gather of the QKV and
    // fc1 inputs (two all-gathers = one all-reduce; Korthikanti et al. 2022 §4.2.2). Was "the same bytes" before issue 9.
    expect(sp.tensorParallelBytes / none.tensorParallelBytes).toBeCloseTo(5 / 4, 12);
  });
  it('PP: one activation forward and one gradient backward of s·b·h/t per micro-batch (scatter-gather)', () => {
    const c = evaluatePlan(gpt3, counts, cluster1024, resolveLayout(gpt3, cluster1024, base)).communication;
    expect(c.pipelineParallelBytes).toBeCloseTo(2 * 96 * ((sbh * 2) / 8), -3);
    const interleaved = evaluatePlan(gpt3, counts, cluster1024, resolveLayout(gpt3, cluster1024, { ...base, pipelineInterleave: 2 }))
      .communication;
    expect(interleaved.pipelineParallelBytes / c.pipelineParallelBytes).toBeCloseTo(2, 12);
  });
  it('MoE all-to-all volume follows top-k', () => {
    const base8x = { layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, ffnHiddenSize: 14336, gatedMlp: true, vocabSize: 32000, sequenceLength: 4096, experts: 8 };
    const top1 = architectureWithDefaults({ ...base8x, expertsPerToken: 1 });
    const top2 = architectureWithDefaults({ ...base8x, expertsPerToken: 2 });
    const layout = resolveLayout(top2, cluster1024, { globalBatchSize: 1024, expertParallel: 8 });
    const v1 = evaluatePlan(top1, computeModelCounts(top1), cluster1024, layout).communication.expertParallelBytes;
    const v2 = evaluatePlan(top2, computeModelCounts(top2), cluster1024, layout).communication.expertParallelBytes;
    expect(v1).toBeGreaterThan(0);
    expect(v2 / v1).toBeCloseTo(2, 12);
  });
});

describe('α–β time: NVLink inside a node, the network between nodes, hierarchical across', () => {
  const S = 1e9;
  it('an all-reduce inside a node runs at NVLink × efficiency (A100: 0.78, as an 8-GPU node measures)', () => {
    const t = collectiveSeconds(S, 8, 8, 2, cluster1024, undefined);
    const bandwidthTerm = (2 * (7 / 8) * S) / (300e9 * INTRA_NODE_COLLECTIVE_EFFICIENCY_BY_GENERATION.AMPERE);
    expect(t).toBeGreaterThan(bandwidthTerm);
    expect(t).toBeLessThan(bandwidthTerm * 1.01);
  });
  it('one member per node: a flat ring over the NICs', () => {
    const t = collectiveSeconds(S, 16, 1, 2, cluster1024, undefined);
    const bandwidthTerm = (2 * (15 / 16) * S) / (25e9 * DEFAULT_INTER_NODE_COLLECTIVE_EFFICIENCY);
    expect(t / bandwidthTerm - 1).toBeLessThan(0.01);
    expect(t).toBeGreaterThan(bandwidthTerm);
  });
  it('hierarchical: 8 members per node move only 1/8 of the data across nodes', () => {
    const flat = collectiveSeconds(S, 64, 1, 2, cluster1024, undefined);
    const hierarchical = collectiveSeconds(S, 64, 8, 2, cluster1024, undefined);
    expect(hierarchical).toBeLessThan(flat / 4);
  });
  it('collective efficiencies are options', () => {
    const slow = collectiveSeconds(S, 16, 1, 2, cluster1024, { interNodeCollectiveEfficiency: 0.4 });
    const fast = collectiveSeconds(S, 16, 1, 2, cluster1024, { interNodeCollectiveEfficiency: 0.8 });
    expect(slow / fast).toBeCloseTo(2, 2);
  });
  it('latency dominates tiny messages', () => {
    expect(collectiveSeconds(8, 1024, 1, 2, cluster1024, undefined)).toBeGreaterThan(2 * 1023 * 4e-6);
  });
  it('Megatron rank order: DP groups stride t; with t = 8 on 8-GPU nodes each DP member is on its own node', () => {
    expect(groupMembersPerNode(16, 8, 8)).toBe(1);
    expect(groupMembersPerNode(16, 2, 8)).toBe(4);
    expect(groupMembersPerNode(2, 1, 8)).toBe(2);
  });
  it('groups that straddle a node boundary: the slowest keeps gcd(span, G)/stride members on one node', () => {
    // Aligned spans keep what fits: EP 24 inside a rack of 72, EP 144 over two whole racks.
    expect(groupMembersPerNode(24, 1, 72)).toBe(24);
    expect(groupMembersPerNode(144, 1, 72)).toBe(72);
    // EP 16 on racks of 72: the group on GPUs 64–79 keeps 8 | 8 (72 = 4·16 + 8).
    expect(groupMembersPerNode(16, 1, 72)).toBe(8);
    // EP 32: splits 8 | 24, 16 | 16, 24 | 8 — the slowest group has 8 on one rack.
    expect(groupMembersPerNode(32, 1, 72)).toBe(8);
    // EP 128 over racks of 72: the group on GPUs 640–767 has 8 on the rack 576–647.
    expect(groupMembersPerNode(128, 1, 72)).toBe(8);
    // Stride 2 (EP over expert TP 2): a rack holds 36 members; 16 of them span 32 GPUs, gcd 8 GPUs = 4 members.
    expect(groupMembersPerNode(16, 2, 72)).toBe(4);
    // DP 144 on nodes of 64 (TP 1): nodes hold 64, 64 and 16 of group 0.
    expect(groupMembersPerNode(144, 1, 64)).toBe(16);
    // A stride that does not divide the node (TP 16 on 72, which straddles itself): ⌊72/16⌋ as before.
    expect(groupMembersPerNode(9, 16, 72)).toBe(4);
  });
});

/**
 * NVLink ring bus bandwidth one 8-GPU node measures at large payloads (stas00/ml-engineering network/README.md:
 * all_reduce_bench.py / nccl-tests, NCCL 2.27.7, 16 GiB on A100 and H200, 8 GiB on B200, NVLink SHARP off), over the
 * one-way NVLink figure of the catalog's GPUs: the per-generation default each plan assumes. Tolerance 0.005.
 */
describe('NVLink collective efficiency per generation (measured ring bus bandwidth)', () => {
  const MEASURED_BUS_BANDWIDTH_GBPS: ReadonlyArray<[gpu: string, measured: number]> = [
    ['a100-80gb', 234.89],
    ['h200', 367.61],
    ['h100-sxm', 367.61],
    ['b200', 682.2],
    ['gb200', 680],
  ];
  it('the default efficiency is the measured bus bandwidth over the catalog\'s NVLink figure, within 0.005', () => {
    for (const [id, measured] of MEASURED_BUS_BANDWIDTH_GBPS) {
      const gpu = findGpu(id)!;
      expect(Math.abs(defaultIntraNodeCollectiveEfficiency(id) - (measured * 1e9) / gpu.intraNodeBandwidthBytesPerSecond), id).toBeLessThanOrEqual(0.005);
    }
    // A GPU of no measured generation keeps the old 0.75; a user's option wins over every default.
    expect(defaultIntraNodeCollectiveEfficiency('mi300x')).toBe(DEFAULT_INTRA_NODE_COLLECTIVE_EFFICIENCY);
    expect(DEFAULT_INTRA_NODE_COLLECTIVE_EFFICIENCY).toBe(0.75);
    const h100 = makeCluster({ gpu: findGpu('h100-sxm')!, gpusPerNode: 8, nodes: 1 });
    const S = 1e9;
    const ring = (options?: { intraNodeCollectiveEfficiency: number }) => collectiveSeconds(S, 8, 8, 1, h100, options);
    expect(ring() / ring({ intraNodeCollectiveEfficiency: 0.82 })).toBeCloseTo(1, 12);
    expect(ring({ intraNodeCollectiveEfficiency: 0.41 })).toBeGreaterThan(1.9 * ring());
  });
});
