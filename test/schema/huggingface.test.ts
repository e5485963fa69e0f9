/**
 * Dropout read from a pasted Hugging Face config.json (src/schema/huggingface.ts): the released configs of
 * meta-llama/Llama-2-7b-hf (attention_dropout 0.0), openai-community/gpt2 (resid/attn/embd_pdrop 0.1) and
 * facebook/opt-1.3b (dropout 0.1, attention_dropout 0.0, activation_dropout 0.0); keys trimmed to what the parser reads.
 */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors.js';
import { computeModelCounts } from '../../src/core/model.js';
import { findModelPreset } from '../../src/core/presets.js';
import type { ModelArchitecture } from '../../src/core/types.js';
import { architectureFromHuggingFaceConfig } from '../../src/schema/huggingface.js';

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

describe('Hugging Face config → structures the core cannot represent are refused, not miscounted', () => {
  // deepseek-ai/DeepSeek-V3 config.json (keys the parser reads): 671B total parameters published; counting MLA's
  // low-rank projections as full ones and its 3 dense layers as MoE would give ≈ 705B.
  const deepseekV3 = {
    model_type: 'deepseek_v3', hidden_act: 'silu', hidden_size: 7168, intermediate_size: 18432, moe_intermediate_size: 2048,
    num_hidden_layers: 61, num_attention_heads: 128, num_key_value_heads: 128, n_shared_experts: 1, n_routed_experts: 256,
    num_experts_per_tok: 8, first_k_dense_replace: 3, moe_layer_freq: 1, kv_lora_rank: 512, q_lora_rank: 1536,
    vocab_size: 129280, max_position_embeddings: 163840, tie_word_embeddings: false,
  };
  const fieldOfError = (config: object): string | undefined => {
    try {
      architectureFromHuggingFaceConfig(JSON.stringify(config));
    } catch (error) {
      return error instanceof InvalidInputError ? error.field : 'not an InvalidInputError';
    }
    return undefined;
  };
  it('multi-head latent attention (DeepSeek-V3) names config.kv_lora_rank', () => {
    expect(fieldOfError(deepseekV3)).toBe('config.kv_lora_rank');
    expect(() => architectureFromHuggingFaceConfig(JSON.stringify(deepseekV3))).toThrow(/671B/);
  });
  it('dense and MoE layers mixed (DeepSeek first_k_dense_replace, Qwen-MoE decoder_sparse_step) name their key', () => {
    const { kv_lora_rank: _a, q_lora_rank: _b, ...withoutMla } = deepseekV3;
    expect(fieldOfError(withoutMla)).toBe('config.first_k_dense_replace');
    const qwenMoe = {
      model_type: 'qwen2_moe', hidden_act: 'silu', hidden_size: 2048, intermediate_size: 5632, moe_intermediate_size: 1408,
      shared_expert_intermediate_size: 5632, num_hidden_layers: 24, num_attention_heads: 16, num_key_value_heads: 16,
      num_experts: 60, num_experts_per_tok: 4, vocab_size: 151936, max_position_embeddings: 8192, tie_word_embeddings: false,
      decoder_sparse_step: 1, mlp_only_layers: [],
    };
    // Qwen1.5-MoE-A2.7B as released: every layer MoE — accepted.
    expect(fieldOfError(qwenMoe)).toBeUndefined();
    expect(fieldOfError({ ...qwenMoe, decoder_sparse_step: 2 })).toBe('config.decoder_sparse_step');
    expect(fieldOfError({ ...qwenMoe, mlp_only_layers: [0, 1] })).toBe('config.mlp_only_layers');
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
  const parse = (config: object) => architectureFromHuggingFaceConfig(JSON.stringify(config));

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
    const fieldOf = (config: object): string | undefined => {
      try {
        parse(config);
      } catch (error) {
        return error instanceof InvalidInputError ? error.field : 'not an InvalidInputError';
      }
      return undefined;
    };
    expect(fieldOf({ ...mistral, sliding_window: -1 })).toBe('config.sliding_window');
    expect(fieldOf({ ...mistral, sliding_window: '4k' })).toBe('config.sliding_window');
    expect(fieldOf({ ...gemma2, layer_types: ['sliding_attention'] })).toBe('config.layer_types');
    expect(fieldOf({ ...gemma7b, head_dim: 0 })).toBe('config.head_dim');
  });
});
