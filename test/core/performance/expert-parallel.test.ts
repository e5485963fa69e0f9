/**
 * MoE token exchange (src/core/performance/expert-parallel.ts, communication.ts deduplicatedDispatchSeconds):
 * node-limited routing and the node-deduplicated dispatch, against what DeepSeek-V3 and DeepEP publish, and the routing
 * pattern of NeMo AutoModel's benchmark gate.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INTER_NODE_COLLECTIVE_EFFICIENCY,
  allToAllSeconds,
  collectiveNetworkSeconds,
  collectiveSeconds,
  deduplicatedDispatchSeconds,
  expectedDestinationNodes,
} from '../../../src/core/communication.js';
import { findGpu, makeCluster } from '../../../src/core/hardware.js';
import { computeModelCounts } from '../../../src/core/model.js';
import { layerCompute, layerFlops } from '../../../src/core/performance/compute.js';
import { stepContext } from '../../../src/core/performance/context.js';
import { gpuGenerationOf, matmulEfficiency } from '../../../src/core/performance/efficiency.js';
import {
  alignedSpan,
  EXPERT_HOST_SECONDS_PER_OPERATION,
  expertHostOperationsPerLocalExpert,
  expertParallelPerLayer,
  routedNodeLimit,
  routedRankLimit,
  withNetworkShare,
} from '../../../src/core/performance/expert-parallel.js';
import { estimateStep } from '../../../src/core/performance/step.js';
import { resolveLayout } from '../../../src/core/plan.js';
import { gradientReduceBytesOf, parameterBytesFor } from '../../../src/core/precision.js';
import { findModelPreset } from '../../../src/core/presets.js';
import type { GpuSpec, PlanOptions } from '../../../src/core/types.js';

const GB = 1e9;
const relative = (a: number, b: number) => Math.abs(a / b - 1);

describe('node-limited routing (DeepSeek-V3 §2.1.2; DeepSeek-V2 §2.2.2)', () => {
  it('DeepSeek-V3 reaches at most M = 4 of the 8 nodes of an EP-64 group; DeepSeek-V2 at most 3; a model without groups all', () => {
    expect(routedNodeLimit(findModelPreset('deepseek-v3')!, 8)).toBe(4);
    expect(routedNodeLimit(findModelPreset('deepseek-v2')!, 8)).toBe(3);
    // A group spread over two nodes (EP 128 over 16 nodes): 4 groups reach at most 8 nodes.
    expect(routedNodeLimit(findModelPreset('deepseek-v3')!, 16)).toBe(8);
    expect(routedNodeLimit(findModelPreset('mixtral-8x7b')!, 8)).toBe(8);
  });

  it('a group of consecutive experts spans the GPUs (or nodes) it overlaps, its start a multiple of its size: (g + b − gcd)/b', () => {
    // Groups of 8 over GPUs of 12 experts (Kimi K2's 384 over EP 32, NeMo AutoModel's fake gate): experts 0–7 on GPU 0,
    // 8–15 on GPUs 0 and 1, 16–23 on GPU 1, and again — 4/3 GPUs a group.
    expect(alignedSpan(8, 12)).toBeCloseTo(4 / 3, 15);
    expect(alignedSpan(8, 4)).toBe(2);
    expect(alignedSpan(32, 4)).toBe(8);
    expect(alignedSpan(8, 16)).toBe(1);
    expect(alignedSpan(12, 8)).toBe(2);
    expect(alignedSpan(2.5, 2)).toBe(1.25);
    const kimi = { ...findModelPreset('deepseek-v3')!, experts: 384, expertGroups: 48, expertGroupsPerToken: 1 };
    expect(routedRankLimit(kimi, 32)).toBeCloseTo(4 / 3, 15);
    // Its 4 nodes of 96 experts hold whole groups.
    expect(routedNodeLimit(kimi, 4)).toBe(1);
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

describe('expertTensorParallel 1 (Megatron-Core MoE parallel folding; Liu et al. 2025, arXiv 2504.14960)', () => {
  const h100 = findGpu('h100-sxm') as GpuSpec;
  const v3 = findModelPreset('deepseek-v3')!;
  const v3Counts = computeModelCounts(v3);
  const big = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 32 });
  const v3Shape = { tensorParallel: 2, pipelineParallel: 8, sequenceParallel: true, globalBatchSize: 1024, recompute: 'NONE' as const };
  const v3Context = (ep: number, etp: number) =>
    stepContext(v3, v3Counts, big, resolveLayout(v3, big, { ...v3Shape, expertParallel: ep, expertTensorParallel: etp }), undefined);

  it('the EP group is contiguous (ETP ranks apart): EP 16 has 8 members per node with ETP 1, 4 with ETP = TP 2 (stride 2)', () => {
    for (const [etp, perNode] of [
      [1, 8],
      [2, 4],
    ] as const) {
      const ctx = v3Context(16, etp);
      const layer = expertParallelPerLayer(ctx);
      // 4 all-to-alls per MoE layer (no recompute), on 58 of the 61 layers.
      const expected = (58 / 61) * 4 * allToAllSeconds(layer.allToAllBytes, 16, perNode, big, undefined);
      expect(relative(layer.secondsPerLayer, expected)).toBeLessThan(1e-12);
    }
    // The bytes per GPU are the same: each rank sends its own sequence shard's k copies.
    expect(expertParallelPerLayer(v3Context(16, 1)).allToAllBytes).toBe(expertParallelPerLayer(v3Context(16, 2)).allToAllBytes);
  });

  it('EP 32 over TP 2 × DP 16 with ETP 1: the group fills 4 nodes of 8', () => {
    const ctx = v3Context(32, 1);
    const layer = expertParallelPerLayer(ctx);
    expect(relative(layer.secondsPerLayer, (58 / 61) * 4 * allToAllSeconds(layer.allToAllBytes, 32, 8, big, undefined))).toBeLessThan(1e-12);
  });

  it('expert FLOPs per GPU are unchanged; the expert GEMMs are min(h, f)/ETP wide with ETP/TP of the tokens per local expert', () => {
    // EP 8: a local expert sees 4,096 · 8 · 8/256 = 1,024 tokens on 1,024-wide GEMMs (ETP 2), or 512 on 2,048 (ETP 1).
    const one = v3Context(8, 1);
    const two = v3Context(8, 2);
    const f1 = layerFlops(one);
    const f2 = layerFlops(two);
    expect(f1).toStrictEqual(f2);
    // Only the expert GEMMs' efficiency differs: tokens per local expert s·b·k·e/E × ETP/TP, width min(h, f)/ETP.
    const tokens = 4096;
    const gen = gpuGenerationOf('h100-sxm');
    const e1 = Math.min(1, matmulEfficiency((tokens * 8 * 8 * (1 / 2)) / 256, 2048 / 1, gen));
    const e2 = Math.min(1, matmulEfficiency((tokens * 8 * 8) / 256, 2048 / 2, gen));
    expect(e1).toBeLessThan(e2);
    const peak = one.peakMatmul;
    const expected = f1.expert / (peak * e1) - f2.expert / (peak * e2);
    expect(relative(layerCompute(one).layerSeconds - layerCompute(two).layerSeconds, expected)).toBeLessThan(1e-9);
  });

  it('data parallel: routed experts reduced over TP·DP/(ETP·EP); the optimizer step updates the same shard (Mixtral, TP 2 × DP 8, EP 4, ZeRO 1)', () => {
    const mixtral = findModelPreset('mixtral-8x7b')!;
    const counts = computeModelCounts(mixtral);
    const cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 2 });
    const input = { tensorParallel: 2, expertParallel: 4, sequenceParallel: true, globalBatchSize: 64, zeroStage: 1 as const };
    const step = (etp: number) => {
      const layout = resolveLayout(mixtral, cluster, { ...input, expertTensorParallel: etp });
      const terms = estimateStep(mixtral, counts, cluster, layout, undefined).terms;
      return { layout, dp: terms.find((x) => x.name === 'DATA_PARALLEL')!, optimizer: terms.find((x) => x.name === 'OPTIMIZER')! };
    };
    const one = step(1);
    const two = step(2);
    // ZeRO-1 moves (n − 1)/n of the gradients (reduce-scatter) and of the weights (all-gather): experts R/(ETP·EP) over
    // n = 4 (ETP 1) or R/(TP·EP) over n = 2 (ETP = TP); the dense part is the same.
    const routed = 32 * 8 * 3 * 4096 * 14336;
    const perParameter = gradientReduceBytesOf(one.layout) + parameterBytesFor('BF16');
    const expected = perParameter * ((3 / 4) * (routed / 4) - (1 / 2) * (routed / 8));
    expect(relative(one.dp.bytes - two.dp.bytes, expected)).toBeLessThan(1e-9);
    expect(one.optimizer.seconds).toBeCloseTo(two.optimizer.seconds, 12);
  });
});

describe('PER_EXPERT GEMM launches: host work after the dispatcher’s sync (Transformer Engine GroupedLinear, Megatron-Core)', () => {
  // Qwen3 30B-A3B on 16 H100, TP 1, EP 16 (Megatron-Bridge's layout): 128 experts, 8 local per GPU, every layer MoE.
  const arch = findModelPreset('qwen3-30b-a3b')!;
  const counts = computeModelCounts(arch);
  const cluster = makeCluster({ gpu: findGpu('h100-sxm')!, gpusPerNode: 8, nodes: 2 });
  const layoutOf = (precision: 'BF16' | 'FP8', recompute: 'NONE' | 'FULL', expertParallel = 16) =>
    resolveLayout(arch, cluster, { tensorParallel: 1, expertParallel, globalBatchSize: 1024, microBatchSize: 1, precision, recompute }, 't');
  const hostPerLayer = (options: PlanOptions, precision: 'BF16' | 'FP8' = 'BF16', recompute: 'NONE' | 'FULL' = 'NONE', ep = 16) =>
    expertParallelPerLayer(stepContext(arch, counts, cluster, layoutOf(precision, recompute, ep), options)).hostSecondsPerLayer;
  const perExpert: PlanOptions = { expertGemmLaunch: 'PER_EXPERT' };

  it('counts 6 operations per local expert in BF16 (fc1, fc2 × forward, input and weight gradients), 10 in FP8 (+ 4 casts), 8 / 14 with FULL recompute', () => {
    expect(expertHostOperationsPerLocalExpert(3, true, false)).toBe(6);
    expect(expertHostOperationsPerLocalExpert(3, true, true)).toBe(10);
    expect(expertHostOperationsPerLocalExpert(4, true, false)).toBe(8);
    expect(expertHostOperationsPerLocalExpert(4, true, true)).toBe(14);
    // Frozen base weights (an adapter): no weight-gradient GEMM, and both passes still cast their operand.
    expect(expertHostOperationsPerLocalExpert(2, false, true)).toBe(8);
  });

  it('costs local experts × operations × 49.5 µs per layer and micro-batch: 8 × 6 × 49.5 µs = 2.38 ms on EP 16, half on EP 32', () => {
    expect(hostPerLayer(perExpert)).toBeCloseTo(8 * 6 * EXPERT_HOST_SECONDS_PER_OPERATION, 15);
    expect(EXPERT_HOST_SECONDS_PER_OPERATION).toBe(49.5e-6);
    expect(hostPerLayer(perExpert, 'FP8')).toBeCloseTo(8 * 10 * EXPERT_HOST_SECONDS_PER_OPERATION, 15);
    expect(hostPerLayer(perExpert, 'BF16', 'FULL')).toBeCloseTo(8 * 8 * EXPERT_HOST_SECONDS_PER_OPERATION, 15);
    expect(hostPerLayer(perExpert, 'BF16', 'NONE', 8)).toBeCloseTo(2 * hostPerLayer(perExpert), 15);
    expect(hostPerLayer({ ...perExpert, expertHostSecondsPerOperation: 10e-6 })).toBeCloseTo(8 * 6 * 10e-6, 15);
  });

  it("casts per expert only with per-tensor FP8 scales: block scales (MXFP8) quantise every expert's split in one bulk call", () => {
    // TE split_quantize (cast.cpp, v2.12 / v2.14): UNFUSED allocation per split for delayed / current scaling,
    // BULK_MXFP8 / BULK_FP8_BLOCKWISE for block scales — the 4 casts of an FP8 expert leave the per-expert host work.
    expect(hostPerLayer({ ...perExpert, fp8Scaling: 'PER_TENSOR' }, 'FP8')).toBe(hostPerLayer(perExpert, 'FP8'));
    expect(hostPerLayer({ ...perExpert, fp8Scaling: 'BLOCK' }, 'FP8')).toBeCloseTo(8 * 6 * EXPERT_HOST_SECONDS_PER_OPERATION, 15);
    expect(hostPerLayer({ ...perExpert, fp8Scaling: 'BLOCK' }, 'FP8') / hostPerLayer(perExpert, 'FP8')).toBeCloseTo(0.6, 12);
    // Scaling acts on FP8 plans only: a BF16 plan has no casts either way.
    expect(hostPerLayer({ ...perExpert, fp8Scaling: 'BLOCK' }, 'BF16')).toBe(hostPerLayer(perExpert, 'BF16'));
  });

  it('is nothing with one grouped kernel (the default, DeepGEMM), with the host time set to 0, or for a dense model', () => {
    expect(hostPerLayer({})).toBe(0);
    expect(hostPerLayer({ expertGemmLaunch: 'GROUPED_KERNEL' })).toBe(0);
    expect(hostPerLayer({ ...perExpert, expertHostSecondsPerOperation: 0 })).toBe(0);
    const dense = findModelPreset('llama3-8b')!;
    const denseLayout = resolveLayout(dense, cluster, { tensorParallel: 1, globalBatchSize: 1024, microBatchSize: 1 }, 't');
    expect(expertParallelPerLayer(stepContext(dense, computeModelCounts(dense), cluster, denseLayout, perExpert)).hostSecondsPerLayer).toBe(0);
  });

  it('adds exactly m × layers × its per-layer time to the step, as the EXPERT_HOST term, with or without the all-to-all overlapped', () => {
    const layout = layoutOf('BF16', 'NONE');
    const m = 1024 / 16;
    for (const overlap of [false, true]) {
      const base = estimateStep(arch, counts, cluster, layout, { overlapExpertParallelCommunication: overlap });
      const host = estimateStep(arch, counts, cluster, layout, { ...perExpert, overlapExpertParallelCommunication: overlap });
      const added = m * arch.layers * 8 * 6 * EXPERT_HOST_SECONDS_PER_OPERATION;
      expect(host.performance.stepSeconds - base.performance.stepSeconds).toBeCloseTo(added, 9);
      const term = (e: typeof host, name: string) => e.terms.find((t) => t.name === name)!;
      // Its own term, never hidden: alone = exposed = the host work; the all-to-all's transfers do not move.
      expect(term(host, 'EXPERT_HOST')).toMatchObject({ seconds: host.performance.expertHostSeconds, exposedSeconds: host.performance.expertHostSeconds, bytes: 0 });
      expect(host.performance.expertHostSeconds).toBeCloseTo(added, 9);
      expect(term(base, 'EXPERT_HOST').exposedSeconds).toBe(0);
      expect(term(host, 'EXPERT_PARALLEL').exposedSeconds).toBeCloseTo(term(base, 'EXPERT_PARALLEL').exposedSeconds, 9);
      expect(term(host, 'EXPERT_PARALLEL').seconds).toBeCloseTo(term(base, 'EXPERT_PARALLEL').seconds, 9);
      expect(host.communication.exposedSeconds).toBeCloseTo(base.communication.exposedSeconds, 9);
      expect(term(host, 'EXPERT_HOST').explanation).toMatch(/GroupedLinear/);
      expect(term(host, 'EXPERT_PARALLEL').explanation).not.toMatch(/GroupedLinear/);
    }
  });
});

describe('an all-to-all across nodes shares the NIC with the DP collectives under the same micro-batches', () => {
  // DeepSeek-V3 on 1,024 H100 as NeMo AutoModel runs it (validation row automodel-deepseek-v3-1024): PP 4, EP 64 over 8
  // nodes, FSDP (ZeRO-3) over DP 256 — its routed experts reduced and gathered over 4 ranks on 4 nodes every micro-batch.
  const arch = { ...findModelPreset('deepseek-v3')!, multiTokenPredictionDepth: 0 };
  const counts = computeModelCounts(arch);
  const cluster = makeCluster({ gpu: findGpu('h100-sxm')!, gpusPerNode: 8, nodes: 128 });
  const layoutOf = (zeroStage: 1 | 3, expertParallel = 64) =>
    resolveLayout(arch, cluster, { pipelineParallel: 4, expertParallel, globalBatchSize: 2048, microBatchSize: 1, zeroStage, precision: 'BF16', recompute: 'FULL' }, 't');
  const term = (e: ReturnType<typeof estimateStep>, name: string) => e.terms.find((t) => t.name === name)!;

  it('a collective inside one node keeps the NIC free; across nodes its inter-node passes are the NIC time, below the whole', () => {
    expect(collectiveNetworkSeconds(1e9, 8, 8, 1, cluster, undefined)).toBe(0);
    const across = collectiveNetworkSeconds(1e9, 64, 8, 1, cluster, undefined);
    expect(across).toBeGreaterThan(0);
    expect(across).toBeLessThan(collectiveSeconds(1e9, 64, 8, 1, cluster, undefined));
    // One member per node (the experts' FSDP group of 4, 64 ranks apart): (n − 1)/n · S over the NIC.
    expect(collectiveNetworkSeconds(1e9, 4, 1, 1, cluster, undefined)).toBeCloseTo(((3 / 4) * 1e9) / (cluster.gpu.interNodeBandwidthBytesPerSecond * DEFAULT_INTER_NODE_COLLECTIVE_EFFICIENCY), 12);
  });

  it('the NIC leg × (1 + u), u = DP NIC seconds over compute + all-to-all (at most 1); nothing within a node or without DP traffic', () => {
    const ctx = stepContext(arch, counts, cluster, layoutOf(3), undefined);
    const layer = expertParallelPerLayer(ctx);
    expect(layer.crossesNodes).toBe(true);
    // DeepEP over 8 nodes: the NIC leg is the longer one, so the all-to-all slows by its NIC seconds × u (latency stays).
    expect(layer.legs.networkSeconds).toBeGreaterThan(layer.legs.nvlinkSeconds);
    const shared = withNetworkShare(layer, 3, 10, 2);
    expect(shared.networkShare).toBeCloseTo(0.25, 12);
    const { networkSeconds, latencySeconds } = layer.legs;
    expect(shared.secondsPerLayer).toBeCloseTo(layer.allToAllsPerLayerMean * (networkSeconds * 1.25 + latencySeconds), 15);
    expect(shared.secondsPerLayer).toBeLessThan(layer.secondsPerLayer * 1.25);
    expect(withNetworkShare(layer, 100, 10, 2).secondsPerLayer).toBeLessThanOrEqual(2 * layer.secondsPerLayer);
    expect(withNetworkShare(layer, 0, 10, 2)).toBe(layer);
    const inNode = expertParallelPerLayer(stepContext(arch, counts, cluster, layoutOf(3, 8), undefined));
    expect(inNode.crossesNodes).toBe(false);
    expect(withNetworkShare(inNode, 3, 10, 2)).toBe(inNode);
  });

  it('an all-to-all whose NVLink leg stays the longer is not slowed: only the NIC leg is shared', () => {
    const ctx = stepContext(arch, counts, cluster, layoutOf(3), undefined);
    const base = expertParallelPerLayer(ctx);
    // Legs by hand (seconds per all-to-all): NVLink 2, NIC 1, latency 0.1; one all-to-all per layer.
    const layer = { ...base, legs: { nvlinkSeconds: 2, networkSeconds: 1, latencySeconds: 0.1 }, allToAllsPerLayerMean: 1, secondsPerLayer: 2.1 };
    const shared = withNetworkShare(layer, 3, 10, 2);
    expect(shared.networkShare).toBeCloseTo(0.25, 12);
    expect(shared.secondsPerLayer).toBeCloseTo(2.1, 15);
    // u = 1 (half speed): the NIC leg becomes 2, still not longer than NVLink's.
    expect(withNetworkShare(layer, 100, 10, 2).secondsPerLayer).toBeCloseTo(2.1, 15);
    // NIC leg the longer: max(2, 3 × 1.25) + 0.1.
    const nicBound = { ...layer, legs: { nvlinkSeconds: 2, networkSeconds: 3, latencySeconds: 0.1 }, secondsPerLayer: 3.1 };
    expect(withNetworkShare(nicBound, 3, 10, 2).secondsPerLayer).toBeCloseTo(3.85, 12);
  });

  it('under ZeRO-3 the EP term grows by at most the DP NIC seconds it meets; ZeRO-1 (one reduction per step) and DP without overlap leave it alone', () => {
    const zero3 = estimateStep(arch, counts, cluster, layoutOf(3));
    const serial = estimateStep(arch, counts, cluster, layoutOf(3), { overlapDataParallelCommunication: false });
    const ep3 = term(zero3, 'EXPERT_PARALLEL');
    const epSerial = term(serial, 'EXPERT_PARALLEL');
    expect(ep3.seconds).toBeGreaterThan(epSerial.seconds);
    expect(ep3.explanation).toMatch(/shares the NIC with the DP collectives/);
    expect(epSerial.explanation).not.toMatch(/shares the NIC/);
    // Never more than the DP time the overlap hides: overlapping DP never costs more than not overlapping it.
    const dp3 = term(zero3, 'DATA_PARALLEL');
    expect(ep3.exposedSeconds - epSerial.exposedSeconds).toBeLessThanOrEqual(dp3.seconds - dp3.exposedSeconds);
    expect(zero3.performance.stepSeconds).toBeLessThanOrEqual(serial.performance.stepSeconds);
    // The bubble is set by the stage time without it (DP stays outside the pace).
    expect(zero3.performance.bubbleSeconds).toBe(serial.performance.bubbleSeconds);
    const zero1 = estimateStep(arch, counts, cluster, layoutOf(1));
    expect(term(zero1, 'EXPERT_PARALLEL').explanation).not.toMatch(/shares the NIC/);
    expect(term(zero1, 'EXPERT_PARALLEL').seconds).toBeCloseTo(
      term(estimateStep(arch, counts, cluster, layoutOf(1), { overlapDataParallelCommunication: false }), 'EXPERT_PARALLEL').seconds,
      12,
    );
  });
});
