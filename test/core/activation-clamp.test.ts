/**
 * gpt-oss's clamped SwiGLU under Megatron-Core's grouped experts (transformer/moe/experts.py → fusions/
 * fused_bias_geglu.py weighted_bias_quick_geglu_impl, core_v0.15–v0.17, with activation_func_clamp_value 7.0 as
 * Megatron-Bridge's gpt-oss provider sets it and bias_activation_fusion on): the fc1 output chunked, its two halves
 * clamped as separate operators and concatenated back before the fused kernel — 8 B per element of the 2·f-wide fc1
 * output forward, 10 backward, the forward again under the MoE activation's recompute. Checked to the byte on one
 * layout's arithmetic a reader can redo by hand; only for models with a clamp (arch.activationClamp) and PER_EXPERT
 * launches (grouped kernels fuse it).
 */
import { describe, expect, it } from 'vitest';
import { activationBytesPerLayer, runsEagerClamp } from '../../src/core/activations.js';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { estimateMemory } from '../../src/core/memory.js';
import { architectureFromHuggingFaceConfig } from '../../src/core/huggingface.js';
import { architectureWithDefaults, computeModelCounts, validateArchitecture } from '../../src/core/model.js';
import { ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION } from '../../src/core/performance/efficiency.js';
import { evaluatePlan, resolveLayout } from '../../src/core/plan.js';
import { findModelPreset } from '../../src/core/presets.js';
import { applyRecipe } from '../../src/core/recipes.js';
import type { GpuSpec, ModelArchitecture, PlanOptions } from '../../src/core/types.js';

const b200 = findGpu('b200') as GpuSpec;
const cluster = makeCluster({ gpu: b200, gpusPerNode: 8, nodes: 8 });
const hbm = b200.memoryBandwidthBytesPerSecond * ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION.BLACKWELL;
// gpt-oss-120b at Megatron-Bridge 26.04.01's B200 layout: 64 GPUs, EP 8, micro-batch 4 of 4,096 tokens, batch 1,280.
const gptOss = { ...(findModelPreset('gpt-oss-120b') as ModelArchitecture), sequenceLength: 4096 };
const unclamped: ModelArchitecture = { ...gptOss, activationClamp: undefined };

function computeSeconds(arch: ModelArchitecture, options: PlanOptions, cheapRecompute = false): number {
  const layout = resolveLayout(arch, cluster, {
    expertParallel: 8, expertTensorParallel: 1, globalBatchSize: 1280, microBatchSize: 4, precision: 'BF16', recompute: 'NONE', cheapRecompute,
  });
  return evaluatePlan(arch, computeModelCounts(arch), cluster, layout, options).terms.find((t) => t.name === 'COMPUTE')!.seconds;
}

describe("gpt-oss's eager clamp before the fused activation (arch.activationClamp, PER_EXPERT)", () => {
  const perExpert: PlanOptions = { expertGemmLaunch: 'PER_EXPERT' };
  // 5 micro-batches × 36 layers × 16,384 tokens × 4 routed copies × 5,760 (gate and linear halves of 2,880).
  const fc1OutputElementsPerStep = 5 * 36 * 16_384 * 4 * 5760;

  it('is the released config\'s swiglu_limit: 7 on the preset', () => {
    expect(gptOss.activationClamp).toBe(7);
  });

  it('costs 8 + 10 B per fc1-output element, 8 more when the MoE activation is recomputed (cheapRecompute, as the B200 and GB200 configs run)', () => {
    const plain = computeSeconds(gptOss, perExpert) - computeSeconds(unclamped, perExpert);
    expect(plain).toBeCloseTo((fc1OutputElementsPerStep * 18) / hbm, 9);
    const recomputed = computeSeconds(gptOss, perExpert, true) - computeSeconds(unclamped, perExpert, true);
    expect(recomputed).toBeCloseTo((fc1OutputElementsPerStep * 26) / hbm, 9);
    // ≈ 0.33 s a step with the recompute: a sixth of the 2 s the 26.04.01 B200 / GB200 rows measured beyond the model.
    expect(recomputed).toBeGreaterThan(0.3);
  });

  it('is nothing with grouped kernels (the clamp fused with the activation) or without a clamp', () => {
    expect(computeSeconds(gptOss, {})).toBe(computeSeconds(unclamped, {}));
    expect(findModelPreset('qwen3-30b-a3b')!.activationClamp).toBeUndefined();
  });

  it('comes from a Hugging Face config\'s swiglu_limit, and only a positive clamp on a gated MLP is accepted', () => {
    const config = {
      architectures: ['GptOssForCausalLM'], num_hidden_layers: 36, hidden_size: 2880, num_attention_heads: 64, num_key_value_heads: 8,
      head_dim: 64, intermediate_size: 2880, vocab_size: 201088, max_position_embeddings: 131072, num_local_experts: 128,
      num_experts_per_tok: 4, hidden_act: 'silu', swiglu_limit: 7.0,
    };
    expect(architectureFromHuggingFaceConfig(JSON.stringify(config)).activationClamp).toBe(7);
    expect(() => architectureFromHuggingFaceConfig(JSON.stringify({ ...config, swiglu_limit: -1 }))).toThrow(/config\.swiglu_limit.*positive number/);
    const plainMlp = architectureWithDefaults({ layers: 2, hiddenSize: 64, attentionHeads: 4, vocabSize: 100, sequenceLength: 16, activationClamp: 7 });
    expect(() => validateArchitecture(plainMlp, 'model')).toThrow(/model\.activationClamp.*gated MLP/);
    const negative = architectureWithDefaults({ layers: 2, hiddenSize: 64, attentionHeads: 4, vocabSize: 100, sequenceLength: 16, gatedMlp: true, activationClamp: 0 });
    expect(() => validateArchitecture(negative, 'model')).toThrow(/model\.activationClamp = 0 is invalid: expected a positive number up to 1000000/);
  });
});

/**
 * What the eager clamp keeps for the backward (torch.clamp saves its input; the fused activation its own input): the fc1
 * output and the concatenated clamped copy — one more 2·f-wide 16-bit tensor per routed copy of a token than the fused
 * activation alone keeps. Not under the MoE activation's recompute (the clamp runs inside the checkpointed function) or
 * FULL recompute, not with grouped kernels, not without a clamp.
 */
describe("gpt-oss's eager clamp in memory (the clamped copy saved beside the fc1 output)", () => {
  // As Megatron-Bridge runs it (the MEGATRON_CORE recipe: distributed optimizer; BF16 gradient reduction as its configs set).
  const layoutOf = (cheapRecompute: boolean, recompute: 'NONE' | 'FULL' = 'NONE') =>
    resolveLayout(
      gptOss,
      cluster,
      applyRecipe('MEGATRON_CORE', { expertParallel: 8, expertTensorParallel: 1, globalBatchSize: 1280, microBatchSize: 4, precision: 'BF16' as const, recompute, cheapRecompute, gradientPrecision: 'BF16' as const }, {}).layout,
    );
  // Per layer and micro-batch: 16,384 tokens × 4 routed copies × 2 × 2,880 wide × 2 B = 754,974,720 B.
  const copyBytesPerLayer = 16_384 * 4 * 2 * 2880 * 2;

  it('adds 2 B per fc1-output element per layer under PER_EXPERT launches, nothing otherwise', () => {
    const layout = layoutOf(false);
    expect(activationBytesPerLayer(gptOss, layout, 'NONE', 1, true) - activationBytesPerLayer(gptOss, layout, 'NONE', 1, false)).toBe(copyBytesPerLayer);
    expect(activationBytesPerLayer(unclamped, layout, 'NONE', 1, true)).toBe(activationBytesPerLayer(unclamped, layout, 'NONE', 1, false));
    expect(activationBytesPerLayer(gptOss, layoutOf(true), 'NONE', 1, true)).toBe(activationBytesPerLayer(gptOss, layoutOf(true), 'NONE', 1, false));
    expect(activationBytesPerLayer(gptOss, layoutOf(false, 'FULL'), 'FULL', 1, true)).toBe(activationBytesPerLayer(gptOss, layoutOf(false, 'FULL'), 'FULL', 1, false));
    expect(runsEagerClamp(gptOss, { expertGemmLaunch: 'PER_EXPERT' })).toBe(true);
    expect(runsEagerClamp(gptOss, { expertGemmLaunch: 'GROUPED_KERNEL' })).toBe(false);
    expect(runsEagerClamp(unclamped, { expertGemmLaunch: 'PER_EXPERT' })).toBe(false);
  });

  it('is 36 × 0.755 GB = 27.2 GB more on a B200 without the MoE activation recompute — which the published B200 layout could not hold, and recomputes', () => {
    const memory = (cheapRecompute: boolean, options: PlanOptions) => estimateMemory(gptOss, computeModelCounts(gptOss), cluster, layoutOf(cheapRecompute), options).totalBytes;
    // No pipeline: one micro-batch's 36 layers in flight.
    expect(memory(false, { expertGemmLaunch: 'PER_EXPERT' }) - memory(false, { expertGemmLaunch: 'GROUPED_KERNEL' })).toBe(36 * copyBytesPerLayer);
    // With the recompute only the layer being rebuilt holds the copy: one layer's.
    expect(memory(true, { expertGemmLaunch: 'PER_EXPERT' }) - memory(true, { expertGemmLaunch: 'GROUPED_KERNEL' })).toBe(copyBytesPerLayer);
    // Megatron-Bridge 26.04.01 runs this layout on B200 (180 GB) with recompute_modules [layernorm, moe_act]: without them
    // the clamp's copies would not fit; with them they do.
    expect(memory(false, { expertGemmLaunch: 'PER_EXPERT' })).toBeGreaterThan(b200.memoryBytes);
    expect(memory(true, { expertGemmLaunch: 'PER_EXPERT' })).toBeLessThan(b200.memoryBytes);
  });
});
