/**
 * Dropout read from a pasted Hugging Face config.json (src/core/huggingface.ts): the released configs of
 * meta-llama/Llama-2-7b-hf (attention_dropout 0.0), openai-community/gpt2 (resid/attn/embd_pdrop 0.1) and
 * facebook/opt-1.3b (dropout 0.1, attention_dropout 0.0, activation_dropout 0.0); keys trimmed to what the parser reads.
 */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors.js';
import { computeModelCounts } from '../../src/core/model.js';
import { findModelPreset } from '../../src/core/presets.js';
import type { ModelArchitecture } from '../../src/core/types.js';
import { architectureFromHuggingFaceConfig } from '../../src/core/huggingface.js';

const parse = (config: object) => architectureFromHuggingFaceConfig(JSON.stringify(config));
/** The field an import error names; undefined when the config imports. */
const fieldOfError = (config: object): string | undefined => {
  try {
    parse(config);
  } catch (error) {
    return error instanceof InvalidInputError ? error.field : 'not an InvalidInputError';
  }
  return undefined;
};

const llama2 = {
  model_type: 'llama', hidden_act: 'silu', hidden_size: 4096, intermediate_size: 11008, num_attention_heads: 32,
  num_hidden_layers: 32, num_key_value_heads: 32, vocab_size: 32000, max_position_embeddings: 4096,
  tie_word_embeddings: false, attention_bias: false, attention_dropout: 0.0,
};
const gpt2 = { model_type: 'gpt2', n_layer: 12, n_embd: 768, n_head: 12, n_positions: 1024, vocab_size: 50257, resid_pdrop: 0.1, attn_pdrop: 0.1, embd_pdrop: 0.1 };
const opt = {
  model_type: 'opt', num_hidden_layers: 24, hidden_size: 2048, num_attention_heads: 32, ffn_dim: 8192, vocab_size: 50272,
  max_position_embeddings: 2048, dropout: 0.1, attention_dropout: 0.0, activation_dropout: 0.0,
};

describe('Hugging Face config → dropout', () => {
  it('LLaMA (attention_dropout 0.0, no other rate): no dropout', () => {
    expect(architectureFromHuggingFaceConfig(JSON.stringify(llama2)).dropout).toBe(false);
  });
  it('GPT-2 (resid/attn_pdrop 0.1) and OPT (dropout 0.1, attention 0): dropout', () => {
    expect(architectureFromHuggingFaceConfig(JSON.stringify(gpt2)).dropout).toBe(true);
    expect(architectureFromHuggingFaceConfig(JSON.stringify(opt)).dropout).toBe(true);
  });
  it('no dropout key: the core default (undefined = dropout)', () => {
    const { attention_dropout: _omitted, ...bare } = llama2;
    expect(architectureFromHuggingFaceConfig(JSON.stringify(bare)).dropout).toBeUndefined();
  });
  it('a rate outside [0, 1) is rejected naming the key', () => {
    expect(() => architectureFromHuggingFaceConfig(JSON.stringify({ ...llama2, attention_dropout: 1.5 }))).toThrow(InvalidInputError);
    let caught: unknown;
    try {
      architectureFromHuggingFaceConfig(JSON.stringify({ ...gpt2, resid_pdrop: 'high' }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    expect((caught as InvalidInputError).field).toBe('config.resid_pdrop');
  });
});

describe('Hugging Face config → MLA and MoE models whose first layers are dense (DeepSeek, Qwen-MoE)', () => {
  // deepseek-ai/DeepSeek-V3 and DeepSeek-V2 config.json (keys the parser reads). Published: V3 "671B total parameters
  // with 37B activated" (DeepSeek-V3 report, abstract; its multi-token-prediction module is extra), V2 "236B total
  // parameters, of which 21B are activated" (DeepSeek-V2 paper, abstract). Before MLA and dense layers were modelled
  // the V3 config was counted as ≈ 705B.
  const deepseekV3 = {
    model_type: 'deepseek_v3', hidden_act: 'silu', hidden_size: 7168, intermediate_size: 18432, moe_intermediate_size: 2048,
    num_hidden_layers: 61, num_attention_heads: 128, num_key_value_heads: 128, n_shared_experts: 1, n_routed_experts: 256,
    num_experts_per_tok: 8, first_k_dense_replace: 3, moe_layer_freq: 1, kv_lora_rank: 512, q_lora_rank: 1536,
    qk_nope_head_dim: 128, qk_rope_head_dim: 64, v_head_dim: 128, vocab_size: 129280, max_position_embeddings: 163840,
    tie_word_embeddings: false, num_nextn_predict_layers: 1, n_group: 8, topk_group: 4,
  };
  const deepseekV2 = {
    ...deepseekV3, model_type: 'deepseek_v2', hidden_size: 5120, intermediate_size: 12288, moe_intermediate_size: 1536,
    num_hidden_layers: 60, n_shared_experts: 2, n_routed_experts: 160, num_experts_per_tok: 6, first_k_dense_replace: 1,
    vocab_size: 102400, max_position_embeddings: 163840, topk_group: 3,
  };
  it('DeepSeek-V3: latent attention and 3 dense layers → 671.0B, the same counts as the deepseek-v3 preset', () => {
    const arch = parse(deepseekV3);
    expect(arch.latentAttention).toEqual({ queryRank: 1536, kvRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 });
    expect([arch.denseLayers, arch.denseFfnHiddenSize, arch.ffnHiddenSize, arch.experts, arch.sharedExperts]).toEqual([3, 18432, 2048, 256, 1]);
    const counts = computeModelCounts(arch);
    // Half a unit of the printed "671B".
    expect(Math.abs(counts.totalParameters - 671e9)).toBeLessThan(0.5e9);
    // The config's context is its extended 163,840 tokens; the preset's is the 4K of pre-training.
    expect(counts).toEqual(computeModelCounts({ ...(findModelPreset('deepseek-v3') as ModelArchitecture), sequenceLength: 163_840 }));
  });
  it('group-limited routing from n_group / topk_group: V3 8 / 4 (at most 4 nodes, §2.1.2), V2 8 / 3 (at most 3 devices, §2.2.2), as the presets', () => {
    const v3 = parse(deepseekV3);
    const v2 = parse(deepseekV2);
    expect([v3.expertGroups, v3.expertGroupsPerToken]).toEqual([8, 4]);
    expect([v2.expertGroups, v2.expertGroupsPerToken]).toEqual([8, 3]);
    const preset = findModelPreset('deepseek-v2') as ModelArchitecture;
    expect([v2.expertGroups, v2.expertGroupsPerToken]).toEqual([preset.expertGroups, preset.expertGroupsPerToken]);
    // topk_group equal to n_group limits nothing.
    expect(parse({ ...deepseekV3, topk_group: 8 }).expertGroups).toBeUndefined();
  });
  it('num_nextn_predict_layers 1 → one multi-token-prediction module (DeepSeek-V3 §2.2, D = 1), as the preset; 0 or absent → none', () => {
    expect(parse(deepseekV3).multiTokenPredictionDepth).toBe(1);
    expect((findModelPreset('deepseek-v3') as ModelArchitecture).multiTokenPredictionDepth).toBe(1);
    expect(parse({ ...deepseekV3, num_nextn_predict_layers: 0 }).multiTokenPredictionDepth).toBeUndefined();
    expect(fieldOfError({ ...deepseekV3, num_nextn_predict_layers: -1 })).toBe('config.num_nextn_predict_layers');
  });
  it('DeepSeek-V2: 1 dense layer, 2 shared + 160 routed experts → 235.7B ("236B")', () => {
    const counts = computeModelCounts(parse(deepseekV2));
    expect(Math.abs(counts.totalParameters - 236e9)).toBeLessThan(0.5e9);
  });
  it('MLA without its head widths names the missing key; q_lora_rank null is a full-rank W_Q (DeepSeek-V2-Lite)', () => {
    const { qk_rope_head_dim: _r, ...noRope } = deepseekV3;
    expect(fieldOfError(noRope)).toBe('config.qk_rope_head_dim');
    const lite = parse({ ...deepseekV2, q_lora_rank: null });
    expect(lite.latentAttention!.queryRank).toBe(0);
    // W_Q h × n(d_nope + d_rope) replaces W_DQ + W_UQ: 5,120 × 128 × 192 against 5,120 × 1,536 + 1,536 × 128 × 192 + 1,536 (norm).
    const perLayer = (a: ModelArchitecture) => computeModelCounts(a).attentionParametersPerLayer;
    expect(perLayer(parse(deepseekV2)) - perLayer(lite)).toBe(5120 * 1536 + 1536 * 128 * 192 + 1536 - 5120 * 128 * 192);
  });
  it('Llama 4: interleave_moe_layer_step, a shared expert in every MoE layer, dense layers of intermediate_size_mlp — Maverick 400B / 17B active (1 %, 2 %)', () => {
    // meta-llama/Llama-4-Maverick-17B-128E and Scout-17B-16E text configs (keys the parser reads). Meta's model card:
    // Maverick "17B active, 128 experts, 400B total"; Scout "17B active, 16 experts, 109B total". Before, Maverick was
    // counted as 778B (every layer MoE, no shared expert).
    const maverick = {
      model_type: 'llama4',
      text_config: {
        model_type: 'llama4_text', hidden_act: 'silu', hidden_size: 5120, intermediate_size: 8192, intermediate_size_mlp: 16384,
        num_attention_heads: 40, num_key_value_heads: 8, head_dim: 128, num_hidden_layers: 48, num_local_experts: 128,
        num_experts_per_tok: 1, interleave_moe_layer_step: 2, vocab_size: 202048, max_position_embeddings: 1048576,
        attention_chunk_size: 8192, tie_word_embeddings: false, attention_dropout: 0.0,
      },
    };
    const arch = parse(maverick);
    expect([arch.experts, arch.sharedExperts, arch.denseLayers, arch.ffnHiddenSize, arch.denseFfnHiddenSize]).toEqual([128, 1, 24, 8192, 16384]);
    const counts = computeModelCounts(arch);
    expect(Math.abs(counts.totalParameters / 400e9 - 1)).toBeLessThan(0.01);
    expect(Math.abs(counts.activeParameters / 17e9 - 1)).toBeLessThan(0.02);
    // Scout: every layer MoE with 16 experts. 107.8B against the card's 109B (−1.1 %; the card does not say what
    // the rest is), 17.2B active.
    const scout = computeModelCounts(parse({ ...maverick, text_config: { ...maverick.text_config, num_local_experts: 16, interleave_moe_layer_step: 1 } }));
    expect(Math.abs(scout.totalParameters / 109e9 - 1)).toBeLessThan(0.015);
    expect(Math.abs(scout.activeParameters / 17e9 - 1)).toBeLessThan(0.02);
    // An explicit moe_layers list decides where given.
    expect(parse({ ...maverick, text_config: { ...maverick.text_config, moe_layers: [1, 3, 5] } }).denseLayers).toBe(45);
    expect(fieldOfError({ ...maverick, text_config: { ...maverick.text_config, moe_layers: [48] } })).toBe('config.moe_layers');
  });
  it('Qwen-MoE: decoder_sparse_step and mlp_only_layers decide the dense layers (intermediate_size wide)', () => {
    const qwenMoe = {
      model_type: 'qwen2_moe', hidden_act: 'silu', hidden_size: 2048, intermediate_size: 5632, moe_intermediate_size: 1408,
      shared_expert_intermediate_size: 5632, num_hidden_layers: 24, num_attention_heads: 16, num_key_value_heads: 16,
      num_experts: 60, num_experts_per_tok: 4, vocab_size: 151936, max_position_embeddings: 8192, tie_word_embeddings: false,
      decoder_sparse_step: 1, mlp_only_layers: [],
    };
    // Qwen1.5-MoE-A2.7B as released: every layer MoE.
    expect(parse(qwenMoe).denseLayers).toBeUndefined();
    // Every second layer MoE ((i + 1) mod 2 = 0): 12 dense.
    expect(parse({ ...qwenMoe, decoder_sparse_step: 2 })).toMatchObject({ denseLayers: 12, denseFfnHiddenSize: 5632 });
    expect(parse({ ...qwenMoe, mlp_only_layers: [0, 1] }).denseLayers).toBe(2);
    expect(fieldOfError({ ...qwenMoe, mlp_only_layers: [24] })).toBe('config.mlp_only_layers');
    expect(fieldOfError({ ...qwenMoe, decoder_sparse_step: 25 })).toBe('config.decoder_sparse_step');
  });
});

describe('Hugging Face config → head width and sliding windows (released configs, keys the parser reads)', () => {
  const mistral = {
    architectures: ['MistralForCausalLM'], model_type: 'mistral', hidden_act: 'silu', hidden_size: 4096, intermediate_size: 14336,
    max_position_embeddings: 32768, num_attention_heads: 32, num_hidden_layers: 32, num_key_value_heads: 8, sliding_window: 4096,
    tie_word_embeddings: false, vocab_size: 32000,
  };
  const gemma7b = {
    architectures: ['GemmaForCausalLM'], model_type: 'gemma', attention_bias: false, attention_dropout: 0.0, head_dim: 256,
    hidden_act: 'gelu', hidden_size: 3072, intermediate_size: 24576, max_position_embeddings: 8192, num_attention_heads: 16,
    num_hidden_layers: 28, num_key_value_heads: 16, vocab_size: 256000,
  };
  const gemma2 = {
    architectures: ['Gemma2ForCausalLM'], model_type: 'gemma2', attention_bias: false, attention_dropout: 0.0, head_dim: 256,
    hidden_activation: 'gelu_pytorch_tanh', hidden_size: 3584, intermediate_size: 14336, max_position_embeddings: 8192,
    num_attention_heads: 16, num_hidden_layers: 42, num_key_value_heads: 8, sliding_window: 4096, vocab_size: 256000,
  };
  const qwen3 = {
    architectures: ['Qwen3ForCausalLM'], model_type: 'qwen3', attention_bias: false, attention_dropout: 0.0, head_dim: 128,
    hidden_act: 'silu', hidden_size: 1024, intermediate_size: 3072, max_position_embeddings: 40960, max_window_layers: 28,
    num_attention_heads: 16, num_hidden_layers: 28, num_key_value_heads: 8, sliding_window: null, use_sliding_window: false,
    tie_word_embeddings: true, vocab_size: 151936,
  };

  it('Mistral-7B-v0.1: a 4,096 window on every layer and the released 7,241,732,096 parameters; v0.2 (window null) attends globally', () => {
    const arch = parse(mistral);
    expect(arch.slidingWindow).toBe(4096);
    expect(arch.slidingWindowLayers).toBeUndefined();
    expect(computeModelCounts(arch).totalParameters).toBe(7_241_732_096);
    expect(parse({ ...mistral, sliding_window: null }).slidingWindow).toBeUndefined();
  });
  it('Gemma 7B: heads of 256 and tied embeddings → the Gemma paper\'s 7,751,248,896 non-embedding parameters (Table 2), the checkpoint\'s 8.54B in all', () => {
    const arch = parse(gemma7b);
    expect(arch.headDim).toBe(256);
    expect(arch.tiedEmbeddings).toBe(true);
    const counts = computeModelCounts(arch);
    expect(counts.nonEmbeddingParameters).toBe(7_751_248_896);
    expect(counts.totalParameters).toBe(8_537_680_896);
  });
  it('Gemma 2 9B: the window on every other layer (21 of 42), as the gemma2-9b preset', () => {
    const arch = parse(gemma2);
    expect(arch.slidingWindow).toBe(4096);
    expect(arch.slidingWindowLayers).toBe(21);
    const preset = findModelPreset('gemma2-9b') as ModelArchitecture;
    expect(computeModelCounts(arch).modelFlopsPerToken).toBe(computeModelCounts(preset).modelFlopsPerToken);
    expect(computeModelCounts(arch).totalParameters).toBe(computeModelCounts(preset).totalParameters);
  });
  it('Qwen3-0.6B: 16 heads of 128 on a 1,024-wide model → 0.44B non-embedding and 0.6B in all (Qwen3 Technical Report, Table 1; ±0.005B)', () => {
    const arch = parse(qwen3);
    expect(arch.headDim).toBe(128);
    expect(arch.slidingWindow).toBeUndefined();
    const counts = computeModelCounts(arch);
    expect(Math.abs(counts.nonEmbeddingParameters - 0.44e9)).toBeLessThan(0.005e9);
    expect(Math.abs(counts.totalParameters - 0.6e9)).toBeLessThan(0.005e9);
  });
  it('Qwen2 turns its window on with use_sliding_window, for the layers from max_window_layers on', () => {
    const on = parse({ ...qwen3, sliding_window: 4096, use_sliding_window: true, max_window_layers: 21 });
    expect(on).toMatchObject({ slidingWindow: 4096, slidingWindowLayers: 7 });
    expect(parse({ ...qwen3, sliding_window: 4096, use_sliding_window: false }).slidingWindow).toBeUndefined();
  });
  it('layer_types decides where given; Gemma 3\'s sliding_window_pattern 6 leaves every 6th layer global', () => {
    const types = Array.from({ length: 42 }, (_, i) => (i % 3 === 2 ? 'full_attention' : 'sliding_attention'));
    expect(parse({ ...gemma2, layer_types: types }).slidingWindowLayers).toBe(28);
    const gemma3 = { ...gemma2, model_type: 'gemma3_text', num_hidden_layers: 26, sliding_window: 512, sliding_window_pattern: 6 };
    expect(parse(gemma3).slidingWindowLayers).toBe(22);
  });
  it('malformed window keys are refused naming the key', () => {
    expect(fieldOfError({ ...mistral, sliding_window: -1 })).toBe('config.sliding_window');
    expect(fieldOfError({ ...mistral, sliding_window: '4k' })).toBe('config.sliding_window');
    expect(fieldOfError({ ...gemma2, layer_types: ['sliding_attention'] })).toBe('config.layer_types');
    expect(fieldOfError({ ...gemma7b, head_dim: 0 })).toBe('config.head_dim');
  });
});
