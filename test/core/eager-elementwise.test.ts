/**
 * options.elementwiseKernels EAGER: RoPE and SwiGLU as PyTorch operators one by one (torchtitan without torch.compile,
 * models/llama/model.py: apply_rotary_emb through an fp32 complex multiply, F.silu(w1(x)) * w3(x)) instead of fused
 * kernels. Bytes counted op by op (performance/compute.ts): RoPE 20 B per query and key element against a fused
 * kernel's 4, forward and backward; SwiGLU 10 against 6 forward, 18 against 10 backward. Checked here to the byte, with
 * figures a reader can redo by hand, and on the published torchtitan row it was built for.
 */
import { describe, expect, it } from 'vitest';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { computeModelCounts } from '../../src/core/model.js';
import { ELEMENTWISE_BANDWIDTH_EFFICIENCY, ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION } from '../../src/core/performance/efficiency.js';
import { evaluatePlan, resolveLayout } from '../../src/core/plan.js';
import { findModelPreset } from '../../src/core/presets.js';
import { applyRecipe, applyRecipeToSearch, planAssumptions } from '../../src/core/recipes.js';
import type { PlanSearchOptions } from '../../src/core/search/types.js';
import type { ElementwiseKernels, GpuSpec, ModelArchitecture, PlanOptions } from '../../src/core/types.js';

type LayoutInput = Parameters<typeof resolveLayout>[2];
import { InvalidInputError } from '../../src/core/errors.js';
import { architectureFromHuggingFaceConfig } from '../../src/core/huggingface.js';
import { architectureWithDefaults, validateArchitecture } from '../../src/core/model.js';
import { VALIDATION_RUNS } from '../../src/core/validation/runs.js';

const a100 = findGpu('a100-80gb') as GpuSpec;
const cluster = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 8 });
const hbm = a100.memoryBandwidthBytesPerSecond * ELEMENTWISE_BANDWIDTH_EFFICIENCY;

function computeSeconds(arch: ModelArchitecture, input: LayoutInput, kernels: ElementwiseKernels | undefined): number {
  const layout = resolveLayout(arch, cluster, input);
  const options: PlanOptions = kernels === undefined ? {} : { elementwiseKernels: kernels };
  return evaluatePlan(arch, computeModelCounts(arch), cluster, layout, options).terms.find((t) => t.name === 'COMPUTE')!.seconds;
}

describe('EAGER element-wise kernels', () => {
  // Llama 2 13B as torchtitan's 2024 table ran it: 64 A100, FSDP (ZeRO-3), micro-batch 2 × 4,096 tokens, batch 128 —
  // one micro-batch per step. Q = K = 5,120 wide, SwiGLU 13,824 wide, 40 layers.
  const llama13 = findModelPreset('llama2-13b') as ModelArchitecture;
  const layout: LayoutInput = { globalBatchSize: 128, microBatchSize: 2, zeroStage: 3 };
  const tokens = 2 * 4096;
  const ropeBytes = 16 * (5120 + 5120);

  it('adds, per token and layer, the forward extra once and the backward extra once without recompute', () => {
    const forward = ropeBytes + 4 * 13_824; // 219,136 B
    const backward = ropeBytes + 8 * 13_824; // 274,432 B
    const extraSeconds = (40 * tokens * (forward + backward)) / hbm;
    const fused = computeSeconds(llama13, { ...layout, recompute: 'NONE' }, 'FUSED');
    const eager = computeSeconds(llama13, { ...layout, recompute: 'NONE' }, 'EAGER');
    expect(eager - fused).toBeCloseTo(extraSeconds, 12);
    // ≈ 0.099 s on a 3.3 s compute term: 3 %.
    expect(extraSeconds).toBeCloseTo(0.0991, 3);
    // FUSED is the default.
    expect(computeSeconds(llama13, { ...layout, recompute: 'NONE' }, undefined)).toBe(fused);
  });

  it('runs the forward extra again on the recomputed layers (FULL: all; recomputeLayers N of L: N/L)', () => {
    const forward = ropeBytes + 4 * 13_824;
    const fusedFull = computeSeconds(llama13, { ...layout, recompute: 'FULL' }, 'FUSED');
    const eagerFull = computeSeconds(llama13, { ...layout, recompute: 'FULL' }, 'EAGER');
    const fusedNone = computeSeconds(llama13, { ...layout, recompute: 'NONE' }, 'FUSED');
    const eagerNone = computeSeconds(llama13, { ...layout, recompute: 'NONE' }, 'EAGER');
    expect(eagerFull - fusedFull - (eagerNone - fusedNone)).toBeCloseTo((40 * tokens * forward) / hbm, 12);
    const fusedHalf = computeSeconds(llama13, { ...layout, recompute: 'FULL', recomputeLayers: 20 }, 'FUSED');
    const eagerHalf = computeSeconds(llama13, { ...layout, recompute: 'FULL', recomputeLayers: 20 }, 'EAGER');
    expect(eagerHalf - fusedHalf - (eagerNone - fusedNone)).toBeCloseTo((20 * tokens * forward) / hbm, 12);
  });

  it('EAGER_NORMS adds the two RMSNorms’ fp32 operators: 32 more bytes per hidden element forward, 64 backward, each', () => {
    // Llama 2 13B: h = 5,120, two norms a layer: (32 + 64) × 2 × 5,120 = 983,040 B per token and layer over EAGER.
    const eager = computeSeconds(llama13, { ...layout, recompute: 'NONE' }, 'EAGER');
    const eagerNorms = computeSeconds(llama13, { ...layout, recompute: 'NONE' }, 'EAGER_NORMS');
    expect(eagerNorms - eager).toBeCloseTo((40 * tokens * (32 + 64) * 2 * 5120) / hbm, 12);
    // FULL runs the norms' forward again.
    const eagerFull = computeSeconds(llama13, { ...layout, recompute: 'FULL' }, 'EAGER');
    const eagerNormsFull = computeSeconds(llama13, { ...layout, recompute: 'FULL' }, 'EAGER_NORMS');
    expect(eagerNormsFull - eagerFull).toBeCloseTo((40 * tokens * (2 * 32 + 64) * 2 * 5120) / hbm, 12);
  });

  it('touches nothing a model does not run: GPT-3 has learned positions and a GELU MLP', () => {
    const gpt3 = findModelPreset('gpt3-6.7b') as ModelArchitecture;
    const input: LayoutInput = { globalBatchSize: 64, microBatchSize: 1, zeroStage: 3 };
    expect(computeSeconds(gpt3, input, 'EAGER')).toBe(computeSeconds(gpt3, input, 'FUSED'));
  });

  it('with MLA ropes only the decoupled rotary parts: every head’s 64 and the one shared key’s 64', () => {
    // DeepSeek-V2: 128 heads, qk rope 64; 59 MoE layers of 6 routed + 2 shared experts 1,536 wide, 1 dense 12,288.
    const arch = findModelPreset('deepseek-v2') as ModelArchitecture;
    const mla = arch.latentAttention!;
    const input: LayoutInput = { globalBatchSize: 64, microBatchSize: 1, zeroStage: 3, expertParallel: 8 };
    const resolved = resolveLayout(arch, cluster, input);
    const counts = computeModelCounts(arch);
    const seconds = (kernels: ElementwiseKernels) =>
      evaluatePlan(arch, counts, cluster, resolved, { elementwiseKernels: kernels }).terms.find((t) => t.name === 'COMPUTE')!.seconds;
    const moeLayers = arch.layers - (arch.denseLayers ?? 0);
    const denseLayers = arch.denseLayers ?? 0;
    const rope = 16 * (arch.attentionHeads + 1) * mla.qkRopeHeadDim;
    const k = arch.expertsPerToken + arch.sharedExperts;
    const swiglu = 12 * (moeLayers * k * arch.ffnHiddenSize + denseLayers * (arch.denseFfnHiddenSize ?? arch.ffnHiddenSize));
    const expected = (arch.sequenceLength * (2 * rope * arch.layers + swiglu)) / hbm;
    expect(seconds('EAGER') - seconds('FUSED')).toBeCloseTo(expected, 9);
  });

  it('EAGER_FUSED_EXPERTS (NeMo AutoModel): RoPE and the dense and shared MLPs eager, the routed experts’ SwiGLU fused', () => {
    // DeepSeek-V2 on 64 H100-class A100s as above: 59 MoE layers of 6 routed + 2 shared experts 1,536 wide, 1 dense 12,288.
    const arch = findModelPreset('deepseek-v2') as ModelArchitecture;
    const mla = arch.latentAttention!;
    const resolved = resolveLayout(arch, cluster, { globalBatchSize: 64, microBatchSize: 1, zeroStage: 3, expertParallel: 8 });
    const counts = computeModelCounts(arch);
    const seconds = (kernels: ElementwiseKernels) =>
      evaluatePlan(arch, counts, cluster, resolved, { elementwiseKernels: kernels }).terms.find((t) => t.name === 'COMPUTE')!.seconds;
    const moeLayers = arch.layers - (arch.denseLayers ?? 0);
    const rope = 16 * (arch.attentionHeads + 1) * mla.qkRopeHeadDim;
    const swiglu = 12 * (moeLayers * arch.sharedExperts * arch.ffnHiddenSize + (arch.denseLayers ?? 0) * (arch.denseFfnHiddenSize ?? arch.ffnHiddenSize));
    expect(seconds('EAGER_FUSED_EXPERTS') - seconds('FUSED')).toBeCloseTo((arch.sequenceLength * (2 * rope * arch.layers + swiglu)) / hbm, 9);
    // Qwen3 30B-A3B has neither shared experts nor dense layers: only RoPE (32 query and 4 key heads of 128) remains.
    const qwen = findModelPreset('qwen3-30b-a3b') as ModelArchitecture;
    const qwenLayout = resolveLayout(qwen, cluster, { globalBatchSize: 64, microBatchSize: 1, zeroStage: 3, expertParallel: 8 });
    const qwenSeconds = (kernels: ElementwiseKernels) =>
      evaluatePlan(qwen, computeModelCounts(qwen), cluster, qwenLayout, { elementwiseKernels: kernels }).terms.find((t) => t.name === 'COMPUTE')!.seconds;
    expect(qwen.sharedExperts).toBe(0);
    expect(qwenSeconds('EAGER_FUSED_EXPERTS') - qwenSeconds('FUSED')).toBeCloseTo((qwen.sequenceLength * 2 * 16 * (32 + 4) * 128 * qwen.layers) / hbm, 9);
    expect(qwenSeconds('EAGER')).toBeGreaterThan(qwenSeconds('EAGER_FUSED_EXPERTS'));
  });

  it('is torchtitan’s default, shown as an assumption, and a user’s FUSED wins', () => {
    const base: LayoutInput = { globalBatchSize: 128 };
    const recipe = applyRecipe('TORCHTITAN_FSDP2', base, {});
    expect(recipe.options.elementwiseKernels).toBe('EAGER');
    expect(applyRecipe('TORCHTITAN_FSDP2', base, { elementwiseKernels: 'FUSED' }).options.elementwiseKernels).toBe('FUSED');
    expect(applyRecipe('MEGATRON_CORE', base, {}).options.elementwiseKernels).toBeUndefined();
    const llama13 = findModelPreset('llama2-13b') as ModelArchitecture;
    const layoutResolved = resolveLayout(llama13, cluster, recipe.layout);
    const assumption = planAssumptions('TORCHTITAN_FSDP2', base, {}, layoutResolved, recipe.options).find(
      (a) => a.name === 'options.elementwiseKernels',
    );
    expect(assumption).toMatchObject({ value: 'EAGER', origin: 'RECIPE' });
    expect(assumption!.source).toContain('CompileConfig.enable = False');
  });

  it('refuses an unknown value naming the field and what is allowed', () => {
    const llama13 = findModelPreset('llama2-13b') as ModelArchitecture;
    const resolved = resolveLayout(llama13, cluster, layout);
    const bad = { elementwiseKernels: 'COMPILED' } as unknown as PlanOptions;
    let error: unknown;
    try {
      evaluatePlan(llama13, computeModelCounts(llama13), cluster, resolved, bad);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(String((error as Error).message)).toMatch(/options\.elementwiseKernels.*COMPILED.*FUSED.*EAGER.*EAGER_FUSED_EXPERTS/);
  });
});

/**
 * EAGER_ROPE: Megatron-Core's unfused rotate-half RoPE (rope_utils.py _apply_rotary_pos_emb_bshd), the rest fused — 24 B
 * per query and key element forward and 20 backward against the fused kernel's 4 each: 20 + 16 more. Megatron-Core takes
 * it for gpt-oss, whose YaRN concentration factor (1 + 0.1·ln 32 = 1.35) TE's fused RoPE does not take.
 */
describe('EAGER_ROPE element-wise kernels (Megatron-Core\'s unfused RoPE)', () => {
  // Llama 2 13B on the same 64 A100: Q = K = 5,120 wide, one micro-batch of 2 × 4,096 tokens, 40 layers.
  const llama13 = findModelPreset('llama2-13b') as ModelArchitecture;
  const layout: LayoutInput = { globalBatchSize: 128, microBatchSize: 2, zeroStage: 3 };
  it('adds 20 B forward and 16 backward per query and key element, and nothing for SwiGLU', () => {
    const extra = computeSeconds(llama13, layout, 'EAGER_ROPE') - computeSeconds(llama13, layout, 'FUSED');
    expect(extra).toBeCloseTo((40 * 2 * 4096 * (20 + 16) * (5120 + 5120)) / hbm, 9);
    // Less than EAGER's RoPE and SwiGLU together.
    expect(computeSeconds(llama13, layout, 'EAGER')).toBeGreaterThan(computeSeconds(llama13, layout, 'EAGER_ROPE'));
  });

  it('is how the MEGATRON_CORE recipe runs every gpt-oss row of the suite, by the preset\'s ropeAttentionFactor (no row asks it)', () => {
    const gptOss = findModelPreset('gpt-oss-120b') as ModelArchitecture;
    const gptOssRows = VALIDATION_RUNS.filter((r) => r.model === 'gpt-oss-120b');
    expect(gptOssRows.length).toBe(9);
    for (const r of gptOssRows) {
      expect(r.trainingRecipe, r.id).toBe('MEGATRON_CORE');
      expect(r.options?.elementwiseKernels, r.id).toBeUndefined();
      expect(applyRecipe(r.trainingRecipe, r.layout, r.options ?? {}, gptOss).options.elementwiseKernels, r.id).toBe('EAGER_ROPE');
    }
  });
});

/**
 * ropeAttentionFactor: YaRN's attention ("concentration") factor on RoPE's cos and sin. Megatron-Core's rope_utils.py
 * (apply_rotary_pos_emb, core_v0.15–v0.18) falls back to its unfused RoPE when that factor is not 1, whatever
 * apply_rope_fusion asks; the MEGATRON_CORE recipe says so for such a model. gpt-oss: rope_scaling YaRN with factor 32
 * and no mscale: 0.1·ln 32 + 1 = 1.34657 (transformers _compute_yarn_parameters); DeepSeek-V3 (mscale = mscale_all_dim
 * = 1): exactly 1, so fused.
 */
describe('ropeAttentionFactor and Megatron-Core\'s RoPE fusion', () => {
  const gptOss = findModelPreset('gpt-oss-120b') as ModelArchitecture;
  const h100 = findGpu('h100-sxm') as GpuSpec;
  const h100Cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 8 });
  // Megatron-Bridge's H100 gpt-oss layout (the suite's megatron-bridge-26.04-gpt-oss-120b): PP 4, EP 8, sequence 4,096.
  const arch: ModelArchitecture = { ...gptOss, sequenceLength: 4096 };
  const layout = resolveLayout(arch, h100Cluster, { pipelineParallel: 4, expertParallel: 8, expertTensorParallel: 1, globalBatchSize: 1280, microBatchSize: 1, flashAttention: true, zeroStage: 1 });
  const stepSeconds = (options: PlanOptions) => evaluatePlan(arch, computeModelCounts(arch), h100Cluster, layout, options).performance.stepSeconds;

  it('is 0.1·ln 32 + 1 = 1.3466 on the gpt-oss preset (its rope_scaling), absent on Llama 3 and DeepSeek-V3', () => {
    expect(gptOss.ropeAttentionFactor).toBeCloseTo(1.34657, 5);
    expect(findModelPreset('llama3-8b')!.ropeAttentionFactor).toBeUndefined();
    expect(findModelPreset('deepseek-v3')!.ropeAttentionFactor).toBeUndefined();
  });

  it('makes MEGATRON_CORE run RoPE unfused, with the source in the plan\'s assumptions; a user\'s FUSED wins, other recipes and models keep theirs', () => {
    const applied = applyRecipe('MEGATRON_CORE', {}, {}, gptOss);
    expect(applied.options.elementwiseKernels).toBe('EAGER_ROPE');
    const assumption = planAssumptions('MEGATRON_CORE', {}, {}, layout, applied.options).find((a) => a.name === 'options.elementwiseKernels')!;
    expect(assumption).toMatchObject({ value: 'EAGER_ROPE', origin: 'RECIPE' });
    expect(assumption.source).toMatch(/rope_utils\.py.*not supported by TE's fused RoPE/);
    expect(applyRecipe('MEGATRON_CORE', {}, { elementwiseKernels: 'FUSED' }, gptOss).options.elementwiseKernels).toBe('FUSED');
    expect(planAssumptions('MEGATRON_CORE', {}, { elementwiseKernels: 'FUSED' }, layout, { elementwiseKernels: 'FUSED' }).find((a) => a.name === 'options.elementwiseKernels')!.origin).toBe('USER');
    expect(applyRecipe('MEGATRON_CORE', {}, {}, findModelPreset('llama3-8b')!).options.elementwiseKernels).toBeUndefined();
    expect(applyRecipe('MEGATRON_CORE', {}, {}, { ropeAttentionFactor: 1 }).options.elementwiseKernels).toBeUndefined();
    expect(applyRecipe('TORCHTITAN_FSDP2', {}, {}, gptOss).options.elementwiseKernels).toBe('EAGER');
    expect(applyRecipe('CUSTOM', {}, {}, gptOss).options.elementwiseKernels).toBeUndefined();
    // planSearch's candidates carry the same (applyRecipeToSearch fills their plan options).
    const search: PlanSearchOptions = { globalBatchSize: 1280 };
    applyRecipeToSearch('MEGATRON_CORE', search, {}, gptOss);
    expect(search.planOptions?.elementwiseKernels).toBe('EAGER_ROPE');
  });

  it('costs what EAGER_ROPE costs: 20 B forward and 16 backward per query and key element over fused RoPE', () => {
    const recipe = stepSeconds(applyRecipe('MEGATRON_CORE', {}, {}, gptOss).options);
    const fused = stepSeconds(applyRecipe('MEGATRON_CORE', {}, { elementwiseKernels: 'FUSED' }, gptOss).options);
    expect(recipe).toBe(stepSeconds(applyRecipe('MEGATRON_CORE', {}, { elementwiseKernels: 'EAGER_ROPE' }, gptOss).options));
    // gpt-oss: Q 64 × 64 = 4,096 and K 8 × 64 = 512 wide; 36 layers over 4 stages, 9 each; 64 GPUs / PP 4 = DP 16, so
    // 1,280 / 16 = 80 micro-batches of 4,096 tokens, each 9 × 4,096 × 36 × 4,608 B = 6.1 GB more on a stage at H100's
    // element-wise bandwidth (0.75 × 3.35 TB/s): 2.43 ms; the step grows by 80 of them, and by at most the p − 1 = 3 of the
    // pipeline's fill and drain.
    const perMicroBatch = (9 * 4096 * (20 + 16) * (4096 + 512)) / (h100.memoryBandwidthBytesPerSecond * ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION.HOPPER);
    expect(recipe - fused).toBeGreaterThanOrEqual(80 * perMicroBatch);
    expect(recipe - fused).toBeLessThanOrEqual(83 * perMicroBatch);
  });

  it('comes from a Hugging Face config\'s YaRN rope_scaling as transformers computes it, and only a positive factor on a rotary model is accepted', () => {
    const config = {
      architectures: ['GptOssForCausalLM'], num_hidden_layers: 36, hidden_size: 2880, num_attention_heads: 64, num_key_value_heads: 8,
      head_dim: 64, intermediate_size: 2880, vocab_size: 201088, max_position_embeddings: 131072, num_local_experts: 128,
      num_experts_per_tok: 4, hidden_act: 'silu',
      rope_scaling: { rope_type: 'yarn', factor: 32.0, beta_fast: 32.0, beta_slow: 1.0, original_max_position_embeddings: 4096, truncate: false },
    };
    const fromConfig = (rope: unknown) => architectureFromHuggingFaceConfig(JSON.stringify({ ...config, rope_scaling: rope })).ropeAttentionFactor;
    expect(fromConfig(config.rope_scaling)).toBeCloseTo(1 + 0.1 * Math.log(32), 12);
    // DeepSeek-V3's: factor 40, mscale = mscale_all_dim = 1 → the ratio 1: nothing.
    expect(fromConfig({ type: 'yarn', factor: 40, mscale: 1.0, mscale_all_dim: 1.0, original_max_position_embeddings: 4096 })).toBeUndefined();
    // Equal mscales (DeepSeek-V2-Lite's are 0.707 each) likewise; mscale 1 over mscale_all_dim 0.5: (0.1·ln 40 + 1) / (0.05·ln 40 + 1).
    expect(fromConfig({ type: 'yarn', factor: 40, mscale: 0.75, mscale_all_dim: 0.75 })).toBeUndefined();
    expect(fromConfig({ type: 'yarn', factor: 40, mscale: 1, mscale_all_dim: 0.5 })).toBeCloseTo((0.1 * Math.log(40) + 1) / (0.05 * Math.log(40) + 1), 12);
    // mscale_all_dim 0 counts as absent (transformers tests truthiness): the plain 0.1·ln(factor) + 1.
    expect(fromConfig({ type: 'yarn', factor: 40, mscale: 1, mscale_all_dim: 0 })).toBeCloseTo(0.1 * Math.log(40) + 1, 12);
    expect(fromConfig({ rope_type: 'yarn', factor: 4, attention_factor: 1.2 })).toBe(1.2);
    // No factor: max_position_embeddings / original_max_position_embeddings (131,072 / 4,096 = 32), as transformers 5.
    expect(fromConfig({ rope_type: 'yarn', original_max_position_embeddings: 4096 })).toBeCloseTo(1 + 0.1 * Math.log(32), 12);
    expect(() => fromConfig({ rope_type: 'yarn', factor: 4, attention_factor: 101 })).toThrow(/config\.rope_scaling\.attention_factor = 101 is invalid: expected a positive number up to 100/);
    expect(fromConfig({ rope_type: 'llama3', factor: 8, low_freq_factor: 1, high_freq_factor: 4 })).toBeUndefined();
    expect(fromConfig(null)).toBeUndefined();
    expect(() => fromConfig({ rope_type: 'yarn', factor: 'x' })).toThrow(/config\.rope_scaling\.factor.*positive number/);
    expect(() => fromConfig({ rope_type: 'yarn' })).toThrow(/config\.rope_scaling\.factor/);
    const learned = architectureWithDefaults({ layers: 2, hiddenSize: 64, attentionHeads: 4, vocabSize: 100, sequenceLength: 16, ropeAttentionFactor: 1.3 });
    expect(() => validateArchitecture(learned, 'model')).toThrow(/model\.ropeAttentionFactor.*rotary position embeddings/);
    const negative = architectureWithDefaults({ layers: 2, hiddenSize: 64, attentionHeads: 4, vocabSize: 100, sequenceLength: 16, gatedMlp: true, ropeAttentionFactor: -1 });
    expect(() => validateArchitecture(negative, 'model')).toThrow(/model\.ropeAttentionFactor = -1 is invalid: expected a positive number up to 100/);
  });
});
