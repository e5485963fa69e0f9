/**
 * The mistakes of today's tools (../shared/reference/peer-tools.md), checked on the standard case: GPT-3 175B,
 * 1,024 A100-80GB (8 per node), TP 8, PP 8, DP 16, global batch 1,536, micro-batch 1.
 */
import { describe, expect, it } from 'vitest';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { memoryByPipelineStage } from '../../src/core/memory.js';
import { architectureWithDefaults, computeModelCounts } from '../../src/core/model.js';
import { evaluatePlan, resolveLayout } from '../../src/core/plan.js';
import { findModelPreset } from '../../src/core/presets.js';
import type { GpuSpec, ModelArchitecture, ParallelLayout } from '../../src/core/types.js';

const GIB = 2 ** 30;
const gpt3 = findModelPreset('gpt3-175b') as ModelArchitecture;
const counts = computeModelCounts(gpt3);
const cluster = makeCluster({ gpu: findGpu('a100-80gb') as GpuSpec, gpusPerNode: 8, nodes: 128 });
const standardInput = { tensorParallel: 8, pipelineParallel: 8, globalBatchSize: 1536, microBatchSize: 1, recompute: 'FULL' as const, flashAttention: false };
const standard = resolveLayout(gpt3, cluster, standardInput);
const estimate = evaluatePlan(gpt3, counts, cluster, standard);
/** Parameters of one first-stage GPU: 12 layers + the input embedding, divided by t. */
const firstStageParametersPerGpu = (12 * counts.parametersPerLayer + counts.inputEmbeddingParameters) / 8;

describe('1. llm-analysis charges a ZeRO-3 weight all-gather even without ZeRO (≈ 60 s per step)', () => {
  it('without ZeRO the data-parallel traffic is the gradient all-reduce alone: 2·(d−1)/d·Ψ_gpu·2 bytes', () => {
    expect(estimate.communication.dataParallelBytes).toBeCloseTo(2 * (15 / 16) * firstStageParametersPerGpu * 2, -3);
  });
  it('the step takes 20–32 s, not ≈ 60', () => {
    expect(estimate.performance.stepSeconds).toBeGreaterThan(20);
    expect(estimate.performance.stepSeconds).toBeLessThan(32);
  });
});

describe('2. the EleutherAI cookbook never divides gradients and optimizer states by TP·PP (670 GiB per GPU)', () => {
  it('optimizer states are 12 bytes × the GPU’s own 1/(t·p) share of the parameters', () => {
    expect(estimate.memory.optimizerStatesBytes).toBeCloseTo(12 * firstStageParametersPerGpu, -3);
    expect(estimate.memory.optimizerStatesBytes / GIB).toBeLessThan(35);
  });
  it('the whole GPU fits in 80 GB, nowhere near 670 GiB', () => {
    expect(estimate.memory.totalBytes / GIB).toBeLessThan(60);
    expect(estimate.fits).toBe(true);
  });
});

describe('3. DeepSpeed’s ZeRO-2 estimator never shards the 16-bit parameters and ignores TP/PP (328 GiB)', () => {
  const zero2 = evaluatePlan(gpt3, counts, cluster, { ...standard, zeroStage: 2 });
  it('under ZeRO-2 the parameters are divided by TP·PP (not by DP): 2 bytes × Ψ/(t·p)', () => {
    expect(zero2.memory.parametersBytes).toBeCloseTo(2 * firstStageParametersPerGpu, -3);
    expect(zero2.memory.parametersBytes / GIB).toBeLessThan(6);
  });
  it('gradients are sharded by DP under ZeRO-2; parameters only under ZeRO-3', () => {
    expect(zero2.memory.gradientsBytes).toBeCloseTo((2 * firstStageParametersPerGpu) / 16, -3);
    const zero3 = evaluatePlan(gpt3, counts, cluster, { ...standard, zeroStage: 3 });
    expect(zero3.memory.parametersBytes).toBeCloseTo((2 * firstStageParametersPerGpu) / 16, -3);
  });
});

describe('4. Megatron’s activation estimate is right only for SP + selective recompute, and not MoE-aware', () => {
  it('full recompute without SP: 96 stored layer inputs (4.5 GiB) + one rebuilt layer, not the 9.59 GiB SP+selective figure', () => {
    const gib = estimate.memory.activationsBytes / GIB;
    expect(gib).toBeGreaterThan(4.5);
    expect(gib).toBeLessThan(5.2);
  });
  it('SP + selective recompute: Korthikanti’s 34sbh/t per layer (9.56 GiB; Megatron prints 9.59) + one layer’s rebuilt scores', () => {
    const sel = evaluatePlan(gpt3, counts, cluster, resolveLayout(gpt3, cluster, { ...standardInput, recompute: 'SELECTIVE', sequenceParallel: true }));
    const layers = (96 * 34 * 2048 * 12288) / 8;
    const rebuiltScores = (5 * 96 * 2048 * 2048) / 8;
    expect(sel.memory.activationsBytes).toBeCloseTo(layers + rebuiltScores, -3);
    expect(Math.abs(layers / GIB / 9.59 - 1)).toBeLessThan(0.005);
  });
  it('MoE activations count the k routed copies of each token', () => {
    const shape = { layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, ffnHiddenSize: 14336, gatedMlp: true, vocabSize: 32000, sequenceLength: 4096, experts: 8 };
    const top1 = architectureWithDefaults({ ...shape, expertsPerToken: 1 });
    const top2 = architectureWithDefaults({ ...shape, expertsPerToken: 2 });
    const layout = resolveLayout(top2, cluster, { globalBatchSize: 1024, expertParallel: 8 });
    const a1 = evaluatePlan(top1, computeModelCounts(top1), cluster, layout).memory.activationsBytes;
    const a2 = evaluatePlan(top2, computeModelCounts(top2), cluster, layout).memory.activationsBytes;
    expect(a2).toBeGreaterThan(a1 * 1.3);
  });
});

describe('5. Calculon fixes V = 51,200, leaves embeddings out of memory and costs an IB all-reduce S/BW', () => {
  it('the vocabulary is the model’s (GPT-3: 50,257): ≈ 174.6B parameters', () => {
    expect(Math.abs(counts.totalParameters / 174.6e9 - 1)).toBeLessThan(0.005);
    const v51200 = computeModelCounts({ ...gpt3, vocabSize: 51200 });
    expect(v51200.totalParameters - counts.totalParameters).toBe((51200 - 50257) * 12288);
  });
  it('the first stage carries the input embedding, the last the tied replica', () => {
    const stages = memoryByPipelineStage(gpt3, counts, cluster, standard);
    expect(stages[0]!.parametersPerGpu).toBeGreaterThan(stages[3]!.parametersPerGpu + (50257 * 12288) / 8 - 1);
    expect(stages[7]!.parametersPerGpu).toBeGreaterThan(stages[3]!.parametersPerGpu + (50257 * 12288) / 8 - 1);
  });
  it('the DP all-reduce over 16 nodes costs 2·(n−1)/n·S/BW, not S/BW', () => {
    const S = firstStageParametersPerGpu * 2;
    const bw = 25e9 * 0.8;
    expect(estimate.communication.dataParallelSeconds).toBeGreaterThan((2 * (15 / 16) * S) / bw);
    expect(estimate.communication.dataParallelSeconds).toBeLessThan((2 * (15 / 16) * S) / bw * 1.01);
  });
});

describe('6. MoE FLOPs without the top-k factor', () => {
  const mixtral = findModelPreset('mixtral-8x7b') as ModelArchitecture;
  const mixtralCounts = computeModelCounts(mixtral);
  const layout: ParallelLayout = resolveLayout(mixtral, cluster, { globalBatchSize: 1024, expertParallel: 8, recompute: 'NONE' });
  const e = evaluatePlan(mixtral, mixtralCounts, cluster, layout);
  it('model FLOPs follow the ≈ 12.9B active parameters, not the 46.7B total', () => {
    const tokens = 1024 * mixtral.sequenceLength;
    const perToken = e.performance.modelFlopsPerStep / tokens;
    expect(perToken).toBeLessThan(6 * 14e9 + 4 * 32 * 3 * mixtral.sequenceLength * 4096);
    expect(perToken).toBeGreaterThan(6 * mixtralCounts.activeParameters * 0.95);
    expect(perToken).toBeLessThan(0.5 * 6 * mixtralCounts.totalParameters);
  });
  it('the step time grows with k, not with the number of experts', () => {
    const top1 = { ...mixtral, expertsPerToken: 1 };
    const t1 = evaluatePlan(top1, computeModelCounts(top1), cluster, layout).performance.computeSeconds;
    expect(e.performance.computeSeconds).toBeGreaterThan(t1 * 1.3);
  });
});

describe('7. a hidden FLOP convention: model and hardware FLOPs are reported separately', () => {
  it('full recompute adds one forward: hardware FLOPs = model FLOPs + L × forward FLOPs per layer', () => {
    const tokens = 1536 * 2048;
    const p = estimate.performance;
    expect(p.hardwareFlopsPerStep - p.modelFlopsPerStep).toBeCloseTo(96 * counts.forwardFlopsPerTokenPerLayer * tokens, -12);
    expect(p.hardwareFlopsUtilization).toBeGreaterThan(p.modelFlopsUtilization);
  });
  it('without recompute the two coincide; the non-causal model FLOPs are the counted convention', () => {
    const none = evaluatePlan(gpt3, counts, cluster, { ...standard, recompute: 'NONE' }).performance;
    expect(none.hardwareFlopsPerStep).toBe(none.modelFlopsPerStep);
    expect(none.modelFlopsPerStep).toBe(counts.modelFlopsPerToken * 1536 * 2048);
  });
});
