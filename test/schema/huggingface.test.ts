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
