/**
 * Dropout read from a pasted Hugging Face config.json (src/schema/huggingface.ts): the released configs of
 * meta-llama/Llama-2-7b-hf (attention_dropout 0.0), openai-community/gpt2 (resid/attn/embd_pdrop 0.1) and
 * facebook/opt-1.3b (dropout 0.1, attention_dropout 0.0, activation_dropout 0.0); keys trimmed to what the parser reads.
 */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors.js';
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
