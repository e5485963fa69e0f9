/**
 * Published model architectures. Each preset states its source and the published parameter count; the test
 * suite checks that `computeModelCounts` reproduces that count (see `publishedParametersTolerance`).
 *
 * Where a paper prints only a rounded size (GPT-3's "2.7B", Megatron's "1.7B") the published figure is that
 * rounded number; where the owner released checkpoints, the exact checkpoint count is the published figure and
 * the paper's nominal size is named in `source`.
 */
import { architectureWithDefaults, yarnAttentionFactor } from './model.js';
import type { ModelArchitecture } from './types.js';

const GPT2_VOCAB = 50_257;
/** Megatron-LM pads GPT-2's vocabulary to 51,200 (Narayanan et al. 2021 §5.1). */
const MEGATRON_VOCAB = 51_200;
const LLAMA2_VOCAB = 32_000;
const LLAMA3_VOCAB = 128_256;
/** Gemma's SentencePiece vocabulary as released (the papers' embedding counts use 256,128 rows). */
const GEMMA_VOCAB = 256_000;
/** Nemotron-4's SentencePiece vocabulary (Nemotron-4 15B report, Table 1). */
const NEMOTRON_VOCAB = 256_000;
/** Qwen3's byte-level BPE vocabulary as released (config.json vocab_size). */
const QWEN3_VOCAB = 151_936;

/**
 * GPT-2/3-style decoder: plain 4h GELU MLP, LayerNorm, biases, learned positions, tied embeddings, dropout (stored
 * masks): GPT-2's released config (resid/attn/embd_pdrop 0.1), OPT §2.2 ("a dropout of 0.1 throughout"), Megatron-LM's
 * defaults (hidden/attention dropout 0.1) used by Narayanan et al. 2021, MT-NLG and BLOOM (bigscience tr11-176B-ml.slurm
 * sets no dropout flag: Megatron-DeepSpeed's 0.1). GPT-3's paper is silent; Korthikanti et al. 2022 assume dropout.
 */
function gptStyle(
  id: string,
  name: string,
  layers: number,
  hiddenSize: number,
  attentionHeads: number,
  vocabSize: number,
  sequenceLength: number,
  publishedParameters: number,
  source: string,
  extra: Partial<ModelArchitecture> = {},
): ModelArchitecture {
  return architectureWithDefaults({
    id,
    name,
    layers,
    hiddenSize,
    attentionHeads,
    vocabSize,
    sequenceLength,
    publishedParameters,
    source,
    dropout: true,
    ...extra,
  });
}

/**
 * LLaMA-style decoder: SwiGLU MLP, RMSNorm, no biases, rotary positions, untied output head, no dropout: Meta's
 * reference model.py (facebookresearch/llama, llama-models) and Mistral's mistral-src define no dropout layer, and the
 * released Llama 2/3 and Mixtral configs set attention_dropout 0.0 (the papers list no dropout among their
 * hyper-parameters). Every llamaStyle preset below is one of these.
 */
/** gpt-oss's rope_scaling: YaRN with factor 32 (4,096 → 131,072 tokens), neither mscale nor attention_factor given: ≈ 1.347. */
const GPT_OSS_YARN_ATTENTION_FACTOR = yarnAttentionFactor(32);

function llamaStyle(
  id: string,
  name: string,
  layers: number,
  hiddenSize: number,
  attentionHeads: number,
  kvHeads: number,
  ffnHiddenSize: number,
  vocabSize: number,
  sequenceLength: number,
  publishedParameters: number,
  source: string,
  extra: Partial<ModelArchitecture> = {},
): ModelArchitecture {
  return architectureWithDefaults({
    id,
    name,
    layers,
    hiddenSize,
    attentionHeads,
    kvHeads,
    ffnHiddenSize,
    gatedMlp: true,
    vocabSize,
    sequenceLength,
    publishedParameters,
    source,
    dropout: false,
    ...extra,
  });
}

/**
 * Nemotron-4's layer differs from LLaMA's (NVIDIA 2024, Nemotron-4 15B report §2: rotary positions, squared-ReLU MLP,
 * no bias terms, no dropout, untied embeddings, grouped-query attention; NeMo's NemotronConfig: LayerNorm with
 * zero-centred γ): a plain (not gated) MLP and LayerNorm, with the rotary positions and untied embeddings stated here.
 */
const NEMOTRON_LAYER: Partial<ModelArchitecture> = {
  gatedMlp: false,
  normalization: 'LAYERNORM',
  positionEmbedding: 'ROTARY',
  tiedEmbeddings: false,
  linearBiases: false,
};

const GPT3_TABLE = 'Brown et al. 2020 (GPT-3), Table 2.1';
const MEGATRON_TABLE = 'Narayanan et al. 2021 (Megatron-LM at scale), Table 1';

/** Parameters of the article's hypothetical next generation: N₃·(N₃/N₂) = 175B × 175B / 1.5B. */
const ARTICLE_NEXT_GENERATION_PARAMETERS = (175e9 * 175e9) / 1.5e9;

export const MODEL_PRESETS: readonly ModelArchitecture[] = Object.freeze(
  [
    gptStyle('gpt2-1.5b', 'GPT-2 1.5B', 48, 1600, 25, GPT2_VOCAB, 1024, 1_557_611_200,
      "Radford et al. 2019 Table 2 (48 layers, d_model 1,600, context 1,024; the paper prints 1,542M); count of OpenAI's released gpt2-xl checkpoint"),
    gptStyle('gpt3-125m', 'GPT-3 Small 125M', 12, 768, 12, GPT2_VOCAB, 2048, 125e6, GPT3_TABLE),
    gptStyle('gpt3-350m', 'GPT-3 Medium 350M', 24, 1024, 16, GPT2_VOCAB, 2048, 350e6,
      `${GPT3_TABLE}; the printed 350M is a nominal size: the architecture has 355.9M by any counting convention`),
    gptStyle('gpt3-760m', 'GPT-3 Large 760M', 24, 1536, 16, GPT2_VOCAB, 2048, 760e6, GPT3_TABLE),
    // Table 2.1 prints 24 heads of 128 for d_model 2,048 (24 × 128 ≠ 2,048); we keep d_head 128 → 16 heads.
    gptStyle('gpt3-1.3b', 'GPT-3 XL 1.3B', 24, 2048, 16, GPT2_VOCAB, 2048, 1.3e9,
      `${GPT3_TABLE} (printed 24 heads × 128 ≠ d_model 2,048; we use 16 heads of 128)`),
    gptStyle('gpt3-2.7b', 'GPT-3 2.7B', 32, 2560, 32, GPT2_VOCAB, 2048, 2.7e9, GPT3_TABLE),
    gptStyle('gpt3-6.7b', 'GPT-3 6.7B', 32, 4096, 32, GPT2_VOCAB, 2048, 6.7e9, GPT3_TABLE),
    // Table 2.1 prints d_model 5,140 with 40 heads of 128 (= 5,120); we keep 40 × 128 = 5,120, as re-implementations do.
    gptStyle('gpt3-13b', 'GPT-3 13B', 40, 5120, 40, GPT2_VOCAB, 2048, 13.0e9,
      `${GPT3_TABLE} (printed d_model 5,140 ≠ 40 heads × 128; we use 5,120, which gives 12.85B vs the printed 13.0B)`),
    gptStyle('gpt3-175b', 'GPT-3 175B', 96, 12288, 96, GPT2_VOCAB, 2048, 175.0e9, GPT3_TABLE),
    gptStyle('mt-nlg-530b', 'Megatron-Turing NLG 530B', 105, 20480, 128, GPT2_VOCAB, 2048, 530e9,
      'Smith et al. 2022 (MT-NLG), §3.1: 105 layers, hidden 20,480, 128 heads, sequence 2,048'),
    // Gopher/Chinchilla: RMSNorm, Transformer-XL relative positions (W_R adds h² per layer), tied embeddings
    // (the family's 44M model only adds up tied), SentencePiece vocabulary of 32,000. Dropout: neither paper states
    // it (we found no source either way), so the Korthikanti default (masks stored) is kept.
    architectureWithDefaults({
      id: 'gopher-280b', name: 'Gopher 280B', layers: 80, hiddenSize: 16384, attentionHeads: 128, vocabSize: 32_000,
      sequenceLength: 2048, normalization: 'RMSNORM', positionEmbedding: 'RELATIVE', tiedEmbeddings: true,
      linearBiases: false, publishedParameters: 280e9,
      source: 'Rae et al. 2021 (Gopher), Table 1: 80 layers, d_model 16,384, 128 heads, key/value size 128; relative positions (§2)',
    }),
    architectureWithDefaults({
      id: 'chinchilla-70b', name: 'Chinchilla 70B', layers: 80, hiddenSize: 8192, attentionHeads: 64, vocabSize: 32_000,
      sequenceLength: 2048, normalization: 'RMSNORM', positionEmbedding: 'RELATIVE', tiedEmbeddings: true,
      linearBiases: false, publishedParameters: 70e9,
      source: 'Hoffmann et al. 2022 (Chinchilla), Table 4: 80 layers, d_model 8,192, 64 heads, key/value size 128',
    }),
    gptStyle('bloom-176b', 'BLOOM 176B', 70, 14336, 112, 250_880, 2048, 176_247_271_424,
      'Le Scao et al. 2022 (BLOOM), Table 3 (70 layers, hidden 14,336, 112 heads, ALiBi, embedding LayerNorm); exact count from the released checkpoint\'s model card',
      { positionEmbedding: 'ALIBI', embeddingNorm: true }),
    gptStyle('opt-175b', 'OPT-175B', 96, 12288, 96, 50_272, 2048, 175e9,
      'Zhang et al. 2022 (OPT), Table 1: 96 layers, 96 heads, d_model 12,288; learned positions with an offset of 2 rows',
      { positionOffset: 2 }),
    llamaStyle('llama2-7b', 'Llama 2 7B', 32, 4096, 32, 32, 11008, LLAMA2_VOCAB, 4096, 6_738_415_616,
      'Touvron et al. 2023 (Llama 2), Table 1 / released checkpoint (6.74B)'),
    llamaStyle('llama2-13b', 'Llama 2 13B', 40, 5120, 40, 40, 13824, LLAMA2_VOCAB, 4096, 13_015_864_320,
      'Touvron et al. 2023 (Llama 2), Table 1 / released checkpoint (13.0B)'),
    llamaStyle('llama2-70b', 'Llama 2 70B', 80, 8192, 64, 8, 28672, LLAMA2_VOCAB, 4096, 68_976_648_192,
      'Touvron et al. 2023 (Llama 2), nominal 70B with GQA (8 KV heads); exact count of the released checkpoint (68.98B)'),
    llamaStyle('llama3-8b', 'Llama 3 8B', 32, 4096, 32, 8, 14336, LLAMA3_VOCAB, 8192, 8_030_261_248,
      'Llama 3 paper (Dubey et al. 2024), Table 3; exact count of the released checkpoint (8.03B)'),
    llamaStyle('llama3-70b', 'Llama 3 70B', 80, 8192, 64, 8, 28672, LLAMA3_VOCAB, 8192, 70.6e9,
      'Llama 3 paper (Dubey et al. 2024), Table 3; released checkpoint 70.6B'),
    llamaStyle('llama3-405b', 'Llama 3 405B', 126, 16384, 128, 8, 53248, LLAMA3_VOCAB, 8192, 405e9,
      'Llama 3 paper (Dubey et al. 2024), Table 3: 126 layers, 16,384 hidden, 128 heads, 8 KV heads, FFN 53,248'),
    llamaStyle('mixtral-8x7b', 'Mixtral 8x7B', 32, 4096, 32, 8, 14336, LLAMA2_VOCAB, 32768, 46_702_792_704,
      'Jiang et al. 2024 (Mixtral of Experts), Table 1: 8 experts, top-2; "47B total, 13B active"; exact count of the released checkpoint',
      { experts: 8, expertsPerToken: 2 }),
    llamaStyle('mixtral-8x22b', 'Mixtral 8x22B', 56, 6144, 48, 8, 16384, LLAMA2_VOCAB, 65536, 141e9,
      'Mistral AI 2024 (Mixtral 8x22B announcement): 141B parameters, 39B active; 56 layers, hidden 6,144, 48 heads, 8 KV heads (query groups), FFN 16,384, 8 experts, top-2, as the Megatron-Core MoE model zoo\'s model_configs/benchmarking/Mixtral-8x22B.yaml sets them, with its Llama 2 tokenizer\'s 32,000-token vocabulary; 65,536-token context',
      { experts: 8, expertsPerToken: 2 }),
    llamaStyle('gpt-oss-120b', 'gpt-oss-120b', 36, 2880, 64, 8, 2880, 201_088, 131072, 116.8e9,
      'OpenAI 2025, gpt-oss-120b & gpt-oss-20b model card (36 layers, 116.8B total and 5.1B active parameters, 128 experts, 4 active, residual width 2,880, attention alternating dense and banded) and the released config.json (64 query heads of head_dim 64, 8 KV heads, intermediate_size 2,880, sliding_window 128 on every other layer, vocab_size 201,088, biases in attention and experts); its attention sinks (one scalar per head) are not counted',
      // The released config.json's swiglu_limit 7.0: the gate clamped to at most 7, the linear half to ±7. Its rope_scaling
      // (YaRN, factor 32, no mscale): attention factor 0.1·ln 32 + 1 (transformers _compute_yarn_parameters).
      { experts: 128, expertsPerToken: 4, headDim: 64, linearBiases: true, slidingWindow: 128, slidingWindowLayers: 18, activationClamp: 7,
        ropeAttentionFactor: GPT_OSS_YARN_ATTENTION_FACTOR }),
    // DeepSeek: multi-head latent attention, fine-grained routed experts + shared experts, first layers dense.
    llamaStyle('deepseek-v2', 'DeepSeek-V2', 60, 5120, 128, 128, 1536, 102_400, 4096, 236e9,
      'DeepSeek-AI 2024 (DeepSeek-V2), §3.1.2: 60 layers, d 5,120, 128 heads, d_c 512, d_c\' 1,536, d_h 128, d_R 64; all FFNs but the first MoE with 2 shared + 160 routed experts of 1,536, top-6; "236B total parameters, of which 21B are activated"',
      // Device-limited routing (§2.2.2, M = 3; Hugging Face config n_group 8, topk_group 3).
      { experts: 160, expertsPerToken: 6, sharedExperts: 2, denseLayers: 1, denseFfnHiddenSize: 12_288,
        expertGroups: 8, expertGroupsPerToken: 3,
        latentAttention: { queryRank: 1536, kvRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 } }),
    llamaStyle('deepseek-v3', 'DeepSeek-V3', 61, 7168, 128, 128, 2048, 129_280, 4096, 671e9,
      'DeepSeek-AI 2024 (DeepSeek-V3), §4.2: 61 layers, d 7,168, 128 heads, d_c 512, d_c\' 1,536, d_h 128, d_R 64; all FFNs but the first three MoE with 1 shared + 256 routed experts of 2,048, top-8; "671B total parameters with 37B activated" (the multi-token-prediction module is not counted)',
      // Node-limited routing (§2.1.2, M = 4 in §4.2): the 256 experts in 8 groups, a token's top-8 within 4 of them
      // (Hugging Face config n_group 8, topk_group 4).
      { experts: 256, expertsPerToken: 8, sharedExperts: 1, denseLayers: 3, denseFfnHiddenSize: 18_432,
        expertGroups: 8, expertGroupsPerToken: 4,
        // §2.2 and §4.2 ("we set the MTP depth D to 1"): one MTP module trained with the model.
        multiTokenPredictionDepth: 1,
        latentAttention: { queryRank: 1536, kvRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 } }),
    // Sliding-window attention on every layer (window 4,096 in an 8,192 context).
    llamaStyle('mistral-7b', 'Mistral 7B', 32, 4096, 32, 8, 14336, LLAMA2_VOCAB, 8192, 7_241_732_096,
      'Jiang et al. 2023 (Mistral 7B), Table 1: 32 layers, dim 4,096, 32 heads, 8 KV heads, hidden 14,336, window 4,096, context 8,192; exact count of the released v0.1 checkpoint',
      { slidingWindow: 4096 }),
    // Gemma: gated GELU (GeGLU), RMSNorm, tied embeddings, and 16 heads of 256 on a 3,072-wide model (headDim ≠ h/heads).
    llamaStyle('gemma-7b', 'Gemma 7B', 28, 3072, 16, 16, 24576, GEMMA_VOCAB, 8192, 8_537_680_896,
      'Gemma Team 2024 (Gemma), Table 1: d_model 3,072, 28 layers, 16 heads of 256, feed-forward 49,152 (= 2 × 24,576, gated); Table 2: 7,751,248,896 non-embedding parameters; exact count of the released checkpoint',
      { headDim: 256, tiedEmbeddings: true }),
    // Gemma 2: local (window 4,096) and global (8,192) attention alternate layer by layer.
    llamaStyle('gemma2-9b', 'Gemma 2 9B', 42, 3584, 16, 8, 14336, GEMMA_VOCAB, 8192, 9_241_705_984,
      'Gemma Team 2024 (Gemma 2), Table 1: d_model 3,584, 42 layers, 16 heads of 256, 8 KV heads, feed-forward 28,672 (= 2 × 14,336, gated), sliding window 4,096 on every other layer, global span 8,192; exact count of the released checkpoint (its two extra norms per layer, 0.003 %, are not counted)',
      { headDim: 256, tiedEmbeddings: true, slidingWindow: 4096, slidingWindowLayers: 21 }),
    llamaStyle('nemotron-4-15b', 'Nemotron-4 15B', 32, 6144, 48, 8, 24576, NEMOTRON_VOCAB, 4096, 15.7e9,
      'NVIDIA 2024, Nemotron-4 15B Technical Report, Table 1 (32 layers, hidden 6,144, 48 heads, 8 KV heads, sequence 4,096, vocabulary 256,000) and §2 ("3.2 billion embedding parameters and 12.5 billion non-embedding parameters"); FFN 24,576 from NeMo\'s Nemotron4Config15B',
      NEMOTRON_LAYER),
    llamaStyle('nemotron-4-340b', 'Nemotron-4 340B', 96, 18432, 96, 8, 73728, NEMOTRON_VOCAB, 4096, 340e9,
      'NVIDIA 2024, Nemotron-4 340B (model card nvidia/Nemotron-4-340B-Base: 340B parameters, 4,096 tokens); 96 layers, hidden 18,432, 96 heads, 8 KV heads, FFN 73,728 from NeMo\'s Nemotron4Config340B',
      NEMOTRON_LAYER),
    // Qwen3 MoE (Qwen Team 2025, Qwen3 Technical Report, Table 2): every layer MoE, 128 fine-grained experts, 8 per
    // token, no shared expert, grouped-query attention with 128-wide heads (wider than hidden / heads), untied embeddings.
    llamaStyle('qwen3-30b-a3b', 'Qwen3-30B-A3B', 48, 2048, 32, 4, 768, QWEN3_VOCAB, 4096, 30.5e9,
      'Qwen Team 2025, Qwen3 Technical Report, Table 2 (48 layers, 32 Q / 4 KV heads, 128 experts, 8 activated; 30B total, 3B activated) and the released config.json (hidden 2,048, moe_intermediate_size 768, head_dim 128, vocabulary 151,936); model card: 30.5B total, 3.3B activated',
      { experts: 128, expertsPerToken: 8, headDim: 128 }),
    llamaStyle('qwen3-235b-a22b', 'Qwen3-235B-A22B', 94, 4096, 64, 4, 1536, QWEN3_VOCAB, 4096, 235e9,
      'Qwen Team 2025, Qwen3 Technical Report, Table 2 (94 layers, 64 Q / 4 KV heads, 128 experts, 8 activated; 235B total, 22B activated) and the released config.json (hidden 4,096, moe_intermediate_size 1,536, head_dim 128, vocabulary 151,936)',
      { experts: 128, expertsPerToken: 8, headDim: 128 }),
    gptStyle('megatron-1.7b', 'Megatron-LM 1.7B', 24, 2304, 24, MEGATRON_VOCAB, 2048, 1.7e9, MEGATRON_TABLE),
    gptStyle('megatron-3.6b', 'Megatron-LM 3.6B', 30, 3072, 32, MEGATRON_VOCAB, 2048, 3.6e9, MEGATRON_TABLE),
    gptStyle('megatron-7.5b', 'Megatron-LM 7.5B', 36, 4096, 32, MEGATRON_VOCAB, 2048, 7.5e9, MEGATRON_TABLE),
    gptStyle('megatron-18.4b', 'Megatron-LM 18.4B', 40, 6144, 48, MEGATRON_VOCAB, 2048, 18.4e9, MEGATRON_TABLE),
    gptStyle('megatron-39.1b', 'Megatron-LM 39.1B', 48, 8192, 64, MEGATRON_VOCAB, 2048, 39.1e9, MEGATRON_TABLE),
    gptStyle('megatron-76.1b', 'Megatron-LM 76.1B', 60, 10240, 80, MEGATRON_VOCAB, 2048, 76.1e9, MEGATRON_TABLE),
    gptStyle('megatron-145.6b', 'Megatron-LM 145.6B', 80, 12288, 96, MEGATRON_VOCAB, 2048, 145.6e9, MEGATRON_TABLE),
    gptStyle('megatron-310.1b', 'Megatron-LM 310.1B', 96, 16384, 128, MEGATRON_VOCAB, 2048, 310.1e9, MEGATRON_TABLE),
    gptStyle('megatron-529.6b', 'Megatron-LM 529.6B', 105, 20480, 128, MEGATRON_VOCAB, 2048, 529.6e9, MEGATRON_TABLE),
    gptStyle('megatron-1t', 'Megatron-LM 1T', 128, 25600, 160, MEGATRON_VOCAB, 2048, 1008.0e9, MEGATRON_TABLE),
    // The article's "GPT-4": GPT-3's shape scaled up — head size 128 and GPT-2's vocabulary kept, width 5 × GPT-3's
    // (61,440 = 480 heads × 128), 450 layers: 12·450·61,440² + embeddings ≈ 20.39T ≈ 175B²/1.5B = 20.42T.
    gptStyle('gpt4-20t-article', 'Hypothetical "GPT-4" (article, ≈ 20T)', 450, 61440, 480, GPT2_VOCAB, 2048,
      ARTICLE_NEXT_GENERATION_PARAMETERS,
      'The article\'s extrapolation: N = 175B × (175B / 1.5B) ≈ 20.4T; architecture chosen here (GPT-3 shape, 5× width, 450 layers)'),
  ].map((preset) => Object.freeze(preset)),
);

/** Preset lookup by stable id (case-insensitive). */
export function findModelPreset(id: string): ModelArchitecture | undefined {
  const key = id.toLowerCase();
  return MODEL_PRESETS.find((preset) => preset.id === key);
}

/**
 * Precision of each rounded published count: the printed figure is exact to half a unit of its last digit
 * (e.g. "1.7B" = 1.65…1.75B). Exact checkpoint counts and ids not listed here have no rounding.
 */
const PRINTED_RESOLUTION: Readonly<Record<string, number>> = {
  'gpt3-125m': 1e6,
  'gpt3-760m': 1e7,
  'gpt3-1.3b': 1e8,
  'gpt3-2.7b': 1e8,
  'gpt3-6.7b': 1e8,
  'gpt3-175b': 1e8,
  'mt-nlg-530b': 1e9,
  'gopher-280b': 1e9,
  'chinchilla-70b': 1e9,
  'opt-175b': 1e9,
  'llama3-70b': 1e8,
  'llama3-405b': 1e9,
  'nemotron-4-15b': 1e8,
  'nemotron-4-340b': 1e9,
  'mixtral-8x22b': 1e9,
  'gpt-oss-120b': 1e8,
  'qwen3-30b-a3b': 1e8,
  'qwen3-235b-a22b': 1e9,
  'megatron-1.7b': 1e8,
  'megatron-3.6b': 1e8,
  'megatron-7.5b': 1e8,
  'megatron-18.4b': 1e8,
  'megatron-39.1b': 1e8,
  'megatron-76.1b': 1e8,
  'megatron-145.6b': 1e8,
  'megatron-310.1b': 1e8,
  'megatron-529.6b': 1e8,
  'megatron-1t': 1e8,
};

/**
 * Printed figures that no convention reproduces to their printing precision, with the gap we accept and why:
 * - gpt3-350m: 24 × 12·1,024² + embeddings is 355.9M (1.7 % above the nominal "350M").
 * - gpt3-13b: Table 2.1's d_model 5,140 contradicts its own 40 heads × 128; with 5,120 the count is 12.85B (−1.2 %).
 */
const NOMINAL_TOLERANCE: Readonly<Record<string, number>> = {
  'gpt3-350m': 0.02,
  'gpt3-13b': 0.015,
};

/**
 * Relative tolerance for comparing our count with `publishedParameters`: 0.5 %, widened to half a unit of the
 * last printed digit for rounded figures, and to a stated gap for the two nominal GPT-3 sizes above.
 */
export function publishedParametersTolerance(preset: ModelArchitecture): number {
  const published = preset.publishedParameters;
  if (published === undefined) return 0.005;
  const nominal = NOMINAL_TOLERANCE[preset.id];
  if (nominal !== undefined) return nominal;
  const resolution = PRINTED_RESOLUTION[preset.id];
  return resolution === undefined ? 0.005 : Math.max(0.005, resolution / 2 / published);
}
