/**
 * torchtitan's per-operator selective checkpointing (recompute SELECTIVE_OPERATORS; torchtitan parallelize_llama.py
 * `_save_list` and `_custom_policy` at 9dec370 / e7c0cae): the matmuls it re-runs, what a block keeps, and the published
 * torchtitan figures it reproduces — docs/performance.md (2024-04 and 2024-08 versions, 64 A100 80GB, FSDP, BF16, no
 * torch.compile) and Trainy's H200 baseline in torchtitan's benchmarks folder (June 2025, compile + Float8).
 */
import { describe, expect, it } from 'vitest';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { computeModelCounts, hardwareFlopsPerToken } from '../../src/core/model.js';
import { operatorRecomputeActivationBytes, operatorRecomputeGemmShare } from '../../src/core/operator-recompute.js';
import { evaluatePlan, resolveLayout } from '../../src/core/plan.js';
import { findModelPreset } from '../../src/core/presets.js';
import { applyRecipe } from '../../src/core/recipes.js';
import { searchPlans } from '../../src/core/search/index.js';
import type { GpuSpec, ModelArchitecture, RecomputeMode } from '../../src/core/types.js';
import { predictRun } from '../../src/core/validation/suite.js';
import { VALIDATION_RUNS } from '../../src/core/validation/runs.js';
import { fieldOf } from './field-of.js';

const preset = (id: string) => findModelPreset(id) as ModelArchitecture;
const a100 = findGpu('a100-80gb') as GpuSpec;

describe('the matmuls the policy re-runs', () => {
  it('every second mm in forward order — wk, wo, w3 of a Llama block; Float8 linears alike (they reach the policy as aten.mm)', () => {
    // Llama 3 8B: h 4,096, 32 query heads and 8 K/V heads of 128, SwiGLU 14,336. Forward order wq (saved), wk, wv (saved),
    // wo, w1 (saved), w3, w2 (saved): recomputed 4,096·1,024 + 4,096·4,096 + 4,096·14,336 of 2·4,096² + 2·4,096·1,024 + 3·4,096·14,336.
    const llama = preset('llama3-8b');
    expect(operatorRecomputeGemmShare(llama)).toBeCloseTo((1024 + 4096 + 14336) / (2 * 4096 + 2 * 1024 + 3 * 14336), 12);
    expect(operatorRecomputeGemmShare(llama)).toBeCloseTo(0.3654, 4);
    // A plain (GELU) MLP: fc1 saved, fc2 recomputed — GPT-3 175B's shape without biases: k, o and fc2 of 2·h² + 2·h² + 8·h²
    // (MHA, f = 4h). (With its biases the linears dispatch as aten.addmm, which the policy does not count: refused below.)
    expect(operatorRecomputeGemmShare({ ...preset('gpt3-175b'), linearBiases: false })).toBeCloseTo(6 / 12, 12);
  });

  it('hardware FLOPs per token: the model FLOPs plus that share of each layer’s matmuls, never the attention scores', () => {
    const llama = preset('llama3-8b');
    const counts = computeModelCounts(llama);
    const share = operatorRecomputeGemmShare(llama);
    const matmulsPerLayer = counts.forwardFlopsPerTokenPerLayer - counts.attentionScoreFlopsPerTokenPerLayer;
    expect(hardwareFlopsPerToken(counts, llama, 'SELECTIVE_OPERATORS', false, 0, share)).toBeCloseTo(
      counts.modelFlopsPerToken + llama.layers * share * matmulsPerLayer,
      0,
    );
    expect(hardwareFlopsPerToken(counts, llama, 'SELECTIVE_OPERATORS', false, 0, share)).toBeLessThan(hardwareFlopsPerToken(counts, llama, 'FULL'));
  });
});

describe('what a block keeps', () => {
  it('the input, Q, V, the attention output and its log-sum-exp, w1’s and w2’s outputs; under TP with SP the input and the reduce-scatters’ outputs sharded', () => {
    const llama = preset('llama3-8b');
    const tokens = 8192;
    // 2 B × (4,096 input + 4,096 Q + 1,024 V + 4,096 attention output + 14,336 w1 + 4,096 w2) + 4 B × 32 heads, per token.
    expect(operatorRecomputeActivationBytes(llama, tokens, 1, false, 2)).toBe(tokens * (2 * (4096 * 4 + 1024 + 14336) + 4 * 32));
    // TP 8 with SP: input 512, Q 512, V one K/V head 128, attention output 512, w1 1,792, w2's partial sum 4,096, two
    // reduce-scatter outputs 2 × 512; log-sum-exp 4 heads.
    expect(operatorRecomputeActivationBytes(llama, tokens, 8, true, 2)).toBe(tokens * (2 * (512 + 512 + 128 + 512 + 1792 + 4096 + 1024) + 4 * 4));
  });

  it('between FULL and NONE in memory and in step time, on the same layout', () => {
    const llama = preset('llama3-8b');
    const cluster = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 8 });
    const plan = (recompute: RecomputeMode) => {
      const layout = resolveLayout(llama, cluster, { globalBatchSize: 64, microBatchSize: 1, zeroStage: 3, recompute });
      return evaluatePlan(llama, computeModelCounts(llama), cluster, layout);
    };
    const [none, op, full] = [plan('NONE'), plan('SELECTIVE_OPERATORS'), plan('FULL')];
    expect(op.memory.activationsBytes).toBeLessThan(none.memory.activationsBytes);
    expect(op.memory.activationsBytes).toBeGreaterThan(full.memory.activationsBytes);
    expect(op.performance.stepSeconds).toBeGreaterThan(none.performance.stepSeconds);
    expect(op.performance.stepSeconds).toBeLessThan(full.performance.stepSeconds);
  });
});

describe('torchtitan’s published figures (docs/performance.md, 64 A100 80GB, FSDP, BF16)', () => {
  const run = (id: string) => predictRun(VALIDATION_RUNS.find((r) => r.id === id)!);

  it('Llama 2 70B: selective op at local batch 2 is out of memory, at batch 1 it runs (2024-04 table: OOM; 355 tokens/s, +8.7 % predicted)', () => {
    const arch = preset('llama2-70b');
    const cluster = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 8 });
    const fits = (microBatchSize: number) => {
      const input: Parameters<typeof resolveLayout>[2] = { globalBatchSize: 64 * microBatchSize, microBatchSize, zeroStage: 3, recompute: 'SELECTIVE_OPERATORS' };
      const { layout, options } = applyRecipe('TORCHTITAN_FSDP2', input, {}, arch);
      return evaluatePlan(arch, computeModelCounts(arch), cluster, resolveLayout(arch, cluster, layout), options).fits;
    };
    expect(fits(2)).toBe(false);
    expect(fits(1)).toBe(true);
    const p = run('torchtitan-llama2-70b-selective-op');
    expect(p.fits).toBe(true);
    expect(Math.abs(p.error)).toBeLessThanOrEqual(0.1);
  });

  it('Llama 2 13B at batch 2: selective op costs 12 % of the speed without checkpointing (1,904 / 2,162), within 1.5 points', () => {
    const op = run('torchtitan-llama2-13b-selective-op');
    const none = run('torchtitan-llama2-13b');
    expect(Math.abs(op.predicted / none.predicted - 1904 / 2162)).toBeLessThanOrEqual(0.015);
    expect(Math.abs(op.error)).toBeLessThanOrEqual(0.05);
  });

  it('Llama 3 8B at batch 1: 2,973 tokens/s/GPU within 5 %', () => {
    expect(Math.abs(run('torchtitan-llama3-8b-selective-op').error)).toBeLessThanOrEqual(0.05);
  });

  it('Trainy’s H200 rows (compile, Float8, selective op, FlashAttention-2): 10,938 and 10,753 tokens/s/GPU on 32 and 64 GPUs within 6 %', () => {
    expect(Math.abs(run('torchtitan-trainy-h200-llama3-8b-32').error)).toBeLessThanOrEqual(0.06);
    expect(Math.abs(run('torchtitan-trainy-h200-llama3-8b-64').error)).toBeLessThanOrEqual(0.06);
  });
});

describe('where the policy is not modelled', () => {
  const cluster = makeCluster({ gpu: findGpu('h100-sxm') as GpuSpec, gpusPerNode: 8, nodes: 8 });
  it('a mixture of experts, latent attention, linear biases, an adapter, no FlashAttention or FP8 activation storage: plan.recompute refused, naming what is allowed', () => {
    expect(fieldOf(() => resolveLayout(preset('gpt3-175b'), cluster, { globalBatchSize: 64, tensorParallel: 8, recompute: 'SELECTIVE_OPERATORS' }))).toBe('plan.recompute');
    const llama8b = preset('llama3-8b');
    expect(fieldOf(() => resolveLayout(llama8b, cluster, { globalBatchSize: 64, recompute: 'SELECTIVE_OPERATORS', flashAttention: false }))).toBe('plan.recompute');
    expect(fieldOf(() => resolveLayout(llama8b, cluster, { globalBatchSize: 64, recompute: 'SELECTIVE_OPERATORS', precision: 'FP8', activationStorage: 'FP8' }))).toBe('plan.recompute');
    for (const id of ['mixtral-8x7b', 'deepseek-v3']) {
      const arch = preset(id);
      expect(fieldOf(() => resolveLayout(arch, cluster, { globalBatchSize: 64, recompute: 'SELECTIVE_OPERATORS', expertParallel: 8 }))).toBe('plan.recompute');
    }
    const llama = preset('llama3-8b');
    expect(fieldOf(() => resolveLayout(llama, cluster, { globalBatchSize: 64, recompute: 'SELECTIVE_OPERATORS', adapter: { method: 'LORA', rank: 16, targets: 'ALL_LINEAR' } }))).toBe('plan.recompute');
    expect(fieldOf(() => resolveLayout(llama, cluster, { globalBatchSize: 64, recompute: 'SELECTIVE_OPERATORS', cheapRecompute: true }))).toBe('plan.recompute');
    expect(fieldOf(() => resolveLayout(llama, cluster, { globalBatchSize: 64, recompute: 'SELECTIVE_OPERATORS' }))).toBeUndefined();
  });
});

describe('planSearch', () => {
  const cluster = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 8 });
  it('searches it only when recomputeModes pins it; a model it does not fit gets no such candidate', () => {
    const llama = preset('llama3-8b');
    const counts = computeModelCounts(llama);
    const byDefault = searchPlans(llama, counts, cluster, { globalBatchSize: 64, tensorParallel: [1], pipelineParallel: [1], microBatchSizes: [1] });
    expect(byDefault.best.every((c) => c.layout.recompute !== 'SELECTIVE_OPERATORS')).toBe(true);
    const pinned = searchPlans(llama, counts, cluster, {
      globalBatchSize: 64, tensorParallel: [1], pipelineParallel: [1], microBatchSizes: [1], recomputeModes: ['SELECTIVE_OPERATORS'],
    });
    expect(pinned.best.length).toBeGreaterThan(0);
    expect(pinned.best.every((c) => c.layout.recompute === 'SELECTIVE_OPERATORS')).toBe(true);
    const mixtral = preset('mixtral-8x7b');
    expect(fieldOf(() => searchPlans(mixtral, computeModelCounts(mixtral), cluster, { globalBatchSize: 64, recomputeModes: ['SELECTIVE_OPERATORS'] }))).toBe('recomputeModes');
  });
});

describe('the collectives the policy re-runs', () => {
  const llama = preset('llama3-8b');
  const counts = computeModelCounts(llama);
  const h100 = findGpu('h100-sxm') as GpuSpec;
  const term = (layout: Parameters<typeof resolveLayout>[2], name: string, options = {}) => {
    const cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 2 });
    const plan = evaluatePlan(llama, counts, cluster, resolveLayout(llama, cluster, layout), options);
    return plan.terms.find((t) => t.name === name)!.seconds;
  };

  it('TP with sequence parallel: the re-run all-gathers are the backward re-gather SP pays anyway — as many collectives as NONE, fewer than FULL', () => {
    const tp = (recompute: RecomputeMode) => term({ globalBatchSize: 16, tensorParallel: 4, sequenceParallel: true, recompute }, 'TENSOR_PARALLEL');
    expect(tp('SELECTIVE_OPERATORS')).toBeCloseTo(tp('NONE'), 12);
    expect(tp('FULL') / tp('NONE')).toBeCloseTo(7 / 5, 12);
  });

  it('TP without it: the all-reduces re-run, as under FULL', () => {
    const tp = (recompute: RecomputeMode) => term({ globalBatchSize: 16, tensorParallel: 4, recompute }, 'TENSOR_PARALLEL');
    expect(tp('SELECTIVE_OPERATORS')).toBeCloseTo(tp('FULL'), 12);
  });

  it('all-gather CP: K/V gathered again for the backward (the policy keeps the attention output, not the gathered K/V); the ring passes them anyway', () => {
    const cp = (recompute: RecomputeMode, ring: boolean) =>
      term({ globalBatchSize: 16, contextParallel: 2, recompute }, 'CONTEXT_PARALLEL', ring ? { contextParallelCommunication: 'RING' } : {});
    expect(cp('SELECTIVE_OPERATORS', false) / cp('NONE', false)).toBeCloseTo(3 / 2, 12);
    expect(cp('SELECTIVE_OPERATORS', false)).toBeCloseTo(cp('FULL', false), 12);
    expect(cp('SELECTIVE_OPERATORS', true)).toBeCloseTo(cp('NONE', true), 12);
  });
});

