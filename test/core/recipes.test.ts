/**
 * Named recipes (src/core/recipes.ts) and the precision of states: fp32 main gradients (Megatron-LM, 18 B per
 * parameter with Adam), FP8 activation caching (DeepSeek-V3), and DeepSeek-V3's published run on 2,048 H800s.
 */
import { describe, expect, it } from 'vitest';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { activationBytesPerLayerFor, memoryByPipelineStage, stageMemory } from '../../src/core/memory.js';
import { computeModelCounts } from '../../src/core/model.js';
import { evaluatePlan, resolveLayout } from '../../src/core/plan.js';
import { findModelPreset } from '../../src/core/presets.js';
import { applyRecipe, planAssumptions, type TRAINING_RECIPES } from '../../src/core/recipes.js';
import type { GpuSpec, ModelArchitecture, ParallelLayout } from '../../src/core/types.js';
import { fieldOf } from './field-of.js';

const a100 = findGpu('a100-80gb') as GpuSpec;
const h100 = findGpu('h100-sxm') as GpuSpec;
const gpt3 = findModelPreset('gpt3-175b') as ModelArchitecture;
const gpt3Counts = computeModelCounts(gpt3);
const cluster1024 = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 128 });
const base = { tensorParallel: 8, pipelineParallel: 8, globalBatchSize: 1536, recompute: 'FULL' as const };

const resolved = (recipe: (typeof TRAINING_RECIPES)[number] | undefined, input: Partial<ParallelLayout> & { globalBatchSize: number }, options = {}) => {
  const applied = applyRecipe(recipe, input, options);
  const layout = resolveLayout(gpt3, cluster1024, applied.layout);
  return { layout, options: applied.options, assumptions: planAssumptions(recipe, input, options, layout, applied.options) };
};

describe('recipes set what the framework does; explicit inputs win', () => {
  it('CUSTOM and no recipe give the same plan as before', () => {
    const none = resolved(undefined, base);
    const custom = resolved('CUSTOM', base);
    expect(custom.layout).toEqual(none.layout);
    expect(evaluatePlan(gpt3, gpt3Counts, cluster1024, custom.layout, custom.options)).toEqual(
      evaluatePlan(gpt3, gpt3Counts, cluster1024, resolveLayout(gpt3, cluster1024, base)),
    );
  });
  it('MEGATRON_LM_2021: no FlashAttention, FP16, ZeRO 0, fp32 main gradients, synchronous p2p; each assumption cites its source', () => {
    const r = resolved('MEGATRON_LM_2021', { tensorParallel: 8, pipelineParallel: 8, globalBatchSize: 1536 });
    expect([r.layout.flashAttention, r.layout.precision, r.layout.zeroStage, r.layout.recompute, r.layout.gradientPrecision]).toEqual([false, 'FP16', 0, 'FULL', 'FP32']);
    expect(r.options.overlapPipelineCommunication).toBe(false);
    const flash = r.assumptions.find((a) => a.name === 'flashAttention')!;
    expect(flash.origin).toBe('RECIPE');
    expect(flash.source).toMatch(/Dao et al\. 2022/);
    expect(r.assumptions.find((a) => a.name === 'options.overlapComputeSlowdown')!.origin).toBe('DEFAULT');
    for (const a of r.assumptions) expect(a.source.length).toBeGreaterThan(10);
  });
  it('an explicit input overrides the recipe and is reported as USER', () => {
    const r = resolved('MEGATRON_LM_2021', { ...base, flashAttention: true }, { overlapPipelineCommunication: true });
    expect(r.layout.flashAttention).toBe(true);
    expect(r.options.overlapPipelineCommunication).toBe(true);
    expect(r.assumptions.find((a) => a.name === 'flashAttention')!.origin).toBe('USER');
    expect(r.assumptions.find((a) => a.name === 'options.overlapPipelineCommunication')!.origin).toBe('USER');
  });
  it('MEGATRON_LM_2021 alone reproduces the Megatron-LM 2021 GPT-3 175B run on 1,024 A100 (Narayanan et al. 2021 §5.1: 138 TFLOP/s at TP 8 × PP 16, v 2)', () => {
    const r = resolved('MEGATRON_LM_2021', { tensorParallel: 8, pipelineParallel: 16, pipelineInterleave: 2, globalBatchSize: 1536 });
    const e = evaluatePlan(gpt3, gpt3Counts, cluster1024, r.layout, r.options);
    // 10 %, the tolerance of the other Megatron-LM 2021 reproductions (test/core/performance.test.ts). It was
    // STEP_TIME_MODEL_ACCURACY_FRACTION, which is now the validation suite's mean |error| (5 %), not a per-run bound;
    // the per-generation GEMM law (issue 9, validation) puts this run at +8.7 %.
    expect(Math.abs(e.performance.hardwareFlopsPerSecondPerGpu / 1e12 / 138 - 1)).toBeLessThanOrEqual(0.1);
  });
});

describe('precision of states', () => {
  it('fp32 main gradients (Megatron-Core distributed optimizer): 6 + 12/d bytes per parameter at ZeRO-1, 18 at ZeRO-0', () => {
    const cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 2 });
    const llama = findModelPreset('llama2-7b') as ModelArchitecture;
    const counts = computeModelCounts(llama);
    const perParameter = (zeroStage: 0 | 1, recipe?: 'MEGATRON_CORE') => {
      const applied = applyRecipe(recipe, { globalBatchSize: 64, zeroStage }, {});
      const layout = resolveLayout(llama, cluster, applied.layout);
      const m = stageMemory(llama, counts, cluster, layout, applied.options, 0);
      return (m.parametersBytes + m.gradientsBytes + m.optimizerStatesBytes) / m.parametersPerGpu;
    };
    expect(perParameter(1, 'MEGATRON_CORE')).toBeCloseTo(6 + 12 / 16, 9);
    expect(perParameter(0, 'MEGATRON_CORE')).toBeCloseTo(18, 9);
    // Without the recipe: the ZeRO paper's 16 (2 + 2 + 12).
    expect(perParameter(0)).toBeCloseTo(16, 9);
  });
  it('FP8 activation caching halves the GEMM inputs only: QKV/fc1 inputs 4sbh, projection input 2sbh/t, fc2 input 2sbf/t', () => {
    const [s, b, h, a, f, t] = [4096, 1, 4096, 32, 16384, 4];
    const bytes = (scale: number) => activationBytesPerLayerFor(s, b, h, a, a, f, false, 1, false, t, false, 'NONE', true, 2, false, h / a, scale);
    expect(bytes(1) - bytes(0.5)).toBe(0.5 * s * b * (4 * h + (2 * h) / t + (2 * f) / t));
  });
  it('FP8 activation storage needs FP8 training; gradientPrecision must be FP32 in FP32 training', () => {
    const cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 1 });
    const llama = findModelPreset('llama2-7b') as ModelArchitecture;
    expect(fieldOf(() => resolveLayout(llama, cluster, { globalBatchSize: 8, activationStorage: 'FP8' }))).toBe('plan.activationStorage');
    expect(fieldOf(() => resolveLayout(llama, cluster, { globalBatchSize: 8, precision: 'FP32', gradientPrecision: 'BF16' }))).toBe('plan.gradientPrecision');
    expect(fieldOf(() => resolveLayout(llama, cluster, { globalBatchSize: 8, precision: 'FP8', activationStorage: 'FP8' }))).toBeUndefined();
  });
});

/**
 * DeepSeek-V3 technical report (DeepSeek-AI 2024): 2,048 H800 (§3.1), PP 16, EP 64 over 8 nodes, ZeRO-1 DP, no TP
 * (§3.2), FP8 (§3.3), 14.8T tokens at 2.788M GPU-hours; "180K H800 GPU hours per trillion tokens" (§1 / Table 1).
 * Assumed: sequence 4,096, 15,360 sequences per step (the report's batch schedule ends at 15,360), micro-batch 1, no
 * recompute beyond the recipe's cheap recompute, the split [3, 4 × 14, 2] (the EVEN one does not fit with the MTP
 * module, test/core/published-memory.test.ts). Tolerance 15 %, the issue's: with the report's documented costs
 * (node-deduplicated dispatch; 20 of 132 SMs held for the whole DualPipe window, Figure 4; DualPipe's bubble; cheap
 * recompute; MTP; the output head in BF16, §3.3) the model reads ≈ 8 % fewer GPU-hours than published. The same
 * model reproduces DeepSeek's published profile of one chunk pair within 4 % (test/core/validation.test.ts), so the
 * rest is outside the steady state the profile shows (its routing is perfectly balanced; docs/validation.md).
 */
describe('DeepSeek-V3 on 2,048 H800 with the DEEPSEEK_V3 recipe', () => {
  it('180K H800 GPU-hours per trillion tokens, within 15 %', () => {
    const v3 = findModelPreset('deepseek-v3') as ModelArchitecture;
    const counts = computeModelCounts(v3);
    const h800 = findGpu('h800') as GpuSpec;
    const cluster = makeCluster({ gpu: h800, gpusPerNode: 8, nodes: 256 });
    const applied = applyRecipe('DEEPSEEK_V3', { pipelineParallel: 16, expertParallel: 64, globalBatchSize: 15360, pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER' as const }, { trainingTokens: 1e12 });
    const layout = resolveLayout(v3, cluster, applied.layout);
    expect([layout.dataParallel, layout.zeroStage, layout.precision, layout.activationStorage]).toEqual([128, 1, 'FP8', 'FP8']);
    const e = evaluatePlan(v3, counts, cluster, layout, applied.options);
    expect(Math.abs(e.run!.gpuHours / 180e3 - 1)).toBeLessThanOrEqual(0.15);
    // The gap is on the fast side: the model misses costs, it does not invent them.
    expect(e.run!.gpuHours).toBeLessThan(180e3);
    // FP8 caching stores less than 16-bit activations would.
    const sixteen = memoryByPipelineStage(v3, counts, cluster, { ...layout, activationStorage: undefined }, applied.options);
    expect(memoryByPipelineStage(v3, counts, cluster, layout, applied.options)[1]!.activationsBytes).toBeLessThan(sixteen[1]!.activationsBytes);
  });
  it('H800: the H100 SXM5 with NVLink cut to 400 GB/s (200 GB/s one way), $2 per GPU-hour (DeepSeek-V3 report)', () => {
    const h800 = findGpu('h800') as GpuSpec;
    expect(h800.peakFlopsPerSecond).toEqual(h100.peakFlopsPerSecond);
    expect(h800.intraNodeBandwidthBytesPerSecond).toBe(200e9);
    expect(h800.gpuHourUsd).toBe(2);
  });
});
