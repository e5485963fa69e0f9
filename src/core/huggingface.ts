/**
 * Pasted Hugging Face `config.json` → ModelArchitecture. Pure parsing; errors are the core's InvalidInputError
 * (field `config.<key>`), which the API reports as BAD_USER_INPUT.
 *
 * Key families (transformers' configuration classes):
 * - LLaMA / Mistral / Mixtral / Qwen2 / Qwen3 / Gemma / GPT-NeoX: num_hidden_layers, hidden_size, num_attention_heads,
 *   num_key_value_heads, intermediate_size, vocab_size, max_position_embeddings, tie_word_embeddings;
 * - MoE: Mixtral num_local_experts, Qwen-MoE num_experts (+ moe_intermediate_size, shared_expert_intermediate_size
 *   counted as that many expert-widths of shared experts), DeepSeek n_routed_experts / n_shared_experts;
 *   num_experts_per_tok;
 * - GPT-2: n_layer, n_embd, n_head, n_positions (or n_ctx), n_inner (null → 4·n_embd), vocab_size.
 * - Dropout rates (DROPOUT_KEYS): any rate > 0 → dropout (masks stored); all present rates 0 → none; no key → the
 *   core's default (dropout).
 * - head_dim (Gemma, Qwen3): kept when heads × head_dim ≠ hidden_size, so Q/O and the scores get their real width.
 * - MLA (kv_lora_rank …) and MoE configs whose first or some layers are dense (first_k_dense_replace, moe_layer_freq,
 *   decoder_sparse_step, mlp_only_layers): see latentAttentionFromConfig and denseLayersFromConfig.
 * - sliding_window (Mistral, Gemma 2/3, Qwen2): see slidingWindowFromConfig for which layers use it.
 * - DeepSeek n_group / topk_group (group-limited routing): see groupLimitedRoutingFromConfig.
 */
import { InvalidInputError } from './errors.js';
import { parseJsonInput } from './json-input.js';
import { architectureWithDefaults, yarnAttentionFactor } from './model.js';
import { sanitizeName } from './names.js';
import type { ModelArchitecture } from './types.js';

/** Longest accepted config text (real configs are 1–5 kB). */
export const MAX_CONFIG_CHARS = 100_000;

/** model_type values whose MLP is a plain two-matrix GELU MLP with biases (not gated). */
const PLAIN_MLP_TYPES = new Set(['gpt2', 'gpt_neox', 'gptj', 'gpt_bigcode', 'opt', 'bloom', 'falcon', 'phi', 'starcoder2']);
/** Activations that transformers' gated MLPs use (act_fn(gate) · up). */
const GATED_ACTIVATIONS = new Set(['silu', 'swish', 'swiglu', 'geglu']);

/**
 * Dropout-rate keys of transformers' configs: LLaMA/Mistral/Qwen attention_dropout; BLOOM/Falcon/GPT-NeoX
 * hidden_dropout; GPT-2/Phi resid_pdrop, attn_pdrop; OPT dropout, activation_dropout; BERT-style *_dropout_prob.
 * (embd_pdrop is left out: an embedding dropout mask is not a per-layer activation.)
 */
const DROPOUT_KEYS = [
  'attention_dropout',
  'hidden_dropout',
  'resid_pdrop',
  'attn_pdrop',
  'dropout',
  'activation_dropout',
  'attention_probs_dropout_prob',
  'hidden_dropout_prob',
] as const;

type Json = Record<string, unknown>;

function parseObject(text: string): Json {
  const expected = 'a JSON object (the contents of a Hugging Face config.json)';
  const parsed = parseJsonInput('config', text, { maxChars: MAX_CONFIG_CHARS, expected });
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InvalidInputError('config', parsed, expected);
  }
  // Some configs nest the language model (multimodal wrappers); take the text model's keys when present.
  const obj = parsed as Json;
  const text_config = obj.text_config;
  if (text_config !== null && typeof text_config === 'object' && !Array.isArray(text_config) && !('num_hidden_layers' in obj)) {
    return { ...(text_config as Json), _name_or_path: obj._name_or_path, architectures: obj.architectures };
  }
  return obj;
}

/** First present key among `names`; undefined when none is. */
function pick(config: Json, names: readonly string[]): { key: string; value: unknown } | undefined {
  for (const key of names) {
    if (config[key] !== undefined && config[key] !== null) return { key, value: config[key] };
  }
  return undefined;
}

function asPositiveInteger(key: string, value: unknown, min = 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > 100_000_000) {
    throw new InvalidInputError(`config.${key}`, value, `an integer in [${min}, 100000000]`);
  }
  return value;
}

function asBoolean(key: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new InvalidInputError(`config.${key}`, value, 'true or false');
  return value;
}

/**
 * Whether the config trains with dropout: true when any present rate is > 0 (our model stores all masks or none, so
 * a partial dropout counts as dropout — the larger memory); false when every present rate is 0; undefined (the
 * core's default, dropout) when the config names none.
 */
function dropoutFromConfig(config: Json): boolean | undefined {
  let seen = false;
  for (const key of DROPOUT_KEYS) {
    const value = config[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= 1) {
      throw new InvalidInputError(`config.${key}`, value, 'a dropout rate in [0, 1)');
    }
    if (value > 0) return true;
    seen = true;
  }
  return seen ? false : undefined;
}

interface RequiredKey {
  /** The usual name first, then aliases. */
  names: readonly string[];
  meaning: string;
}

const REQUIRED: Record<'layers' | 'hiddenSize' | 'attentionHeads' | 'vocabSize' | 'sequenceLength', RequiredKey> = {
  layers: { names: ['num_hidden_layers', 'n_layer', 'num_layers'], meaning: 'number of transformer layers' },
  hiddenSize: { names: ['hidden_size', 'n_embd', 'd_model'], meaning: 'model width' },
  attentionHeads: { names: ['num_attention_heads', 'n_head', 'num_heads'], meaning: 'attention heads' },
  vocabSize: { names: ['vocab_size', 'padded_vocab_size'], meaning: 'vocabulary size' },
  sequenceLength: {
    names: ['max_position_embeddings', 'n_positions', 'n_ctx', 'seq_length', 'max_sequence_length'],
    meaning: 'context length',
  },
};

/**
 * Multi-head latent attention (DeepSeek-V2/V3 configs: kv_lora_rank, q_lora_rank — null for a full-rank W_Q —,
 * qk_nope_head_dim, qk_rope_head_dim, v_head_dim). Every head gets its own K and V from the latent, so kvHeads is
 * the head count whatever num_key_value_heads says.
 */
function latentAttentionFromConfig(config: Json): Pick<ModelArchitecture, 'latentAttention'> {
  if (config.kv_lora_rank === undefined || config.kv_lora_rank === null) return {};
  const dims = ['qk_nope_head_dim', 'qk_rope_head_dim', 'v_head_dim'] as const;
  const missing = dims.filter((key) => config[key] === undefined || config[key] === null);
  if (missing.length > 0) {
    throw new InvalidInputError(`config.${missing[0]}`, undefined, `with kv_lora_rank (multi-head latent attention) also ${missing.join(', ')}`);
  }
  const queryRank = config.q_lora_rank === undefined || config.q_lora_rank === null ? 0 : asPositiveInteger('q_lora_rank', config.q_lora_rank);
  return {
    latentAttention: {
      queryRank,
      kvRank: asPositiveInteger('kv_lora_rank', config.kv_lora_rank),
      qkNopeHeadDim: asPositiveInteger('qk_nope_head_dim', config.qk_nope_head_dim, 0),
      qkRopeHeadDim: asPositiveInteger('qk_rope_head_dim', config.qk_rope_head_dim, 0),
      vHeadDim: asPositiveInteger('v_head_dim', config.v_head_dim),
    },
  };
}

/**
 * How many layers of an MoE config have a dense MLP, by transformers' own rules:
 * - an explicit `moe_layers` list (Llama 4): the listed layers are MoE;
 * - DeepSeek (first_k_dense_replace k, moe_layer_freq n): layer i is MoE when i ≥ k and i mod n = 0;
 * - Qwen-MoE (decoder_sparse_step n, mlp_only_layers) and Llama 4 (interleave_moe_layer_step n): layer i is MoE when
 *   it is not listed and (i + 1) mod n = 0.
 * Those dense layers use intermediate_size_mlp (Llama 4) or intermediate_size; the experts moe_intermediate_size
 * (or Llama 4's intermediate_size).
 */
function denseLayersFromConfig(config: Json, layers: number): number {
  const firstDense = config.first_k_dense_replace;
  const frequency = config.moe_layer_freq;
  const sparseStep = config.decoder_sparse_step ?? config.interleave_moe_layer_step;
  const mlpOnly = config.mlp_only_layers;
  const moeList = config.moe_layers;
  let isMoe: (i: number) => boolean = () => true;
  if (moeList !== undefined && moeList !== null) {
    if (!Array.isArray(moeList)) throw new InvalidInputError('config.moe_layers', moeList, 'a list of layer indices');
    const listed = new Set<number>();
    for (const index of moeList as unknown[]) {
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= layers) {
        throw new InvalidInputError('config.moe_layers', index, `layer indices in [0, ${layers - 1}]`);
      }
      listed.add(index);
    }
    isMoe = (i) => listed.has(i);
  } else if ((firstDense !== undefined && firstDense !== null) || (frequency !== undefined && frequency !== null)) {
    const k = firstDense === undefined || firstDense === null ? 0 : asPositiveInteger('first_k_dense_replace', firstDense, 0);
    const n = frequency === undefined || frequency === null ? 1 : asPositiveInteger('moe_layer_freq', frequency);
    isMoe = (i) => i >= k && i % n === 0;
  } else if ((sparseStep !== undefined && sparseStep !== null) || mlpOnly !== undefined) {
    const stepKey = config.decoder_sparse_step !== undefined && config.decoder_sparse_step !== null ? 'decoder_sparse_step' : 'interleave_moe_layer_step';
    const n = sparseStep === undefined || sparseStep === null ? 1 : asPositiveInteger(stepKey, sparseStep);
    if (mlpOnly !== undefined && mlpOnly !== null && !Array.isArray(mlpOnly)) {
      throw new InvalidInputError('config.mlp_only_layers', mlpOnly, 'a list of layer indices');
    }
    const listed = new Set<number>();
    for (const index of (mlpOnly as unknown[] | null | undefined) ?? []) {
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= layers) {
        throw new InvalidInputError('config.mlp_only_layers', index, `layer indices in [0, ${layers - 1}]`);
      }
      listed.add(index);
    }
    isMoe = (i) => !listed.has(i) && (i + 1) % n === 0;
  }
  let moe = 0;
  for (let i = 0; i < layers; i++) if (isMoe(i)) moe++;
  if (moe === 0) {
    const key =
      moeList !== undefined && moeList !== null
        ? 'moe_layers'
        : firstDense !== undefined && firstDense !== null
          ? 'first_k_dense_replace'
          : frequency !== undefined && frequency !== null
            ? 'moe_layer_freq'
            : config.decoder_sparse_step !== undefined && config.decoder_sparse_step !== null
              ? 'decoder_sparse_step'
              : sparseStep !== undefined && sparseStep !== null
                ? 'interleave_moe_layer_step'
                : 'mlp_only_layers';
    throw new InvalidInputError(`config.${key}`, config[key], `a value that leaves at least one of the ${layers} layers MoE (this config has experts but no MoE layer)`);
  }
  return layers - moe;
}

/**
 * The sliding window and how many layers use it, from transformers' conventions:
 * - `layer_types` (recent configs): the layers marked "sliding_attention";
 * - Gemma 2 (model_type gemma2): every other layer, starting with the first (⌈L/2⌉);
 * - Gemma 3 (`sliding_window_pattern` n): all but every n-th layer (L − ⌊L/n⌋);
 * - Qwen2/Qwen3: only with `use_sliding_window: true`, and then the layers from `max_window_layers` on;
 * - otherwise (Mistral): every layer.
 * A null window, or `use_sliding_window: false`, means global attention.
 */
function slidingWindowFromConfig(config: Json, layers: number, modelType: string): Pick<ModelArchitecture, 'slidingWindow' | 'slidingWindowLayers'> {
  const raw = config.sliding_window;
  if (raw === undefined || raw === null || raw === false) return {};
  if (config.use_sliding_window === false) return {};
  const slidingWindow = asPositiveInteger('sliding_window', raw);
  let windowed = layers;
  const layerTypes = config.layer_types;
  if (Array.isArray(layerTypes)) {
    if (layerTypes.length !== layers) {
      throw new InvalidInputError('config.layer_types', `${layerTypes.length} entries`, `one entry per layer (num_hidden_layers = ${layers})`);
    }
    windowed = layerTypes.filter((type) => type === 'sliding_attention').length;
  } else if (modelType === 'gemma2') {
    windowed = Math.ceil(layers / 2);
  } else if (config.sliding_window_pattern !== undefined && config.sliding_window_pattern !== null) {
    const every = asPositiveInteger('sliding_window_pattern', config.sliding_window_pattern);
    windowed = layers - Math.floor(layers / every);
  } else if (config.use_sliding_window === true && config.max_window_layers !== undefined && config.max_window_layers !== null) {
    windowed = Math.max(0, layers - asPositiveInteger('max_window_layers', config.max_window_layers, 0));
  }
  if (windowed === 0) return {};
  return windowed === layers ? { slidingWindow } : { slidingWindow, slidingWindowLayers: windowed };
}

/** head_dim when it is not hidden_size / num_attention_heads (Gemma: 256 on 3,072 / 16; Qwen3-0.6B: 128 on 1,024 / 16). */
function headDimFromConfig(config: Json, hiddenSize: number, heads: number): Pick<ModelArchitecture, 'headDim'> {
  const found = pick(config, ['head_dim', 'kv_channels']);
  if (found === undefined) return {};
  const headDim = asPositiveInteger(found.key, found.value);
  return headDim * heads === hiddenSize ? {} : { headDim };
}

/** Parse a pasted config.json into an architecture (validated by the caller through computeModelCounts). */
export function architectureFromHuggingFaceConfig(text: string): ModelArchitecture {
  const config = parseObject(text);

  const missing: string[] = [];
  const required = {} as Record<keyof typeof REQUIRED, number>;
  for (const [field, spec] of Object.entries(REQUIRED) as [keyof typeof REQUIRED, RequiredKey][]) {
    const found = pick(config, spec.names);
    if (!found) missing.push(`${spec.names[0]} (${spec.meaning}${spec.names.length > 1 ? `; also read as ${spec.names.slice(1).join(' or ')}` : ''})`);
    else required[field] = asPositiveInteger(found.key, found.value);
  }
  if (missing.length > 0) {
    const first = REQUIRED[Object.keys(REQUIRED).find((k) => !pick(config, REQUIRED[k as keyof typeof REQUIRED].names)) as keyof typeof REQUIRED];
    throw new InvalidInputError(
      `config.${first.names[0]}`,
      undefined,
      `config.json to contain ${missing.length === 1 ? 'this missing key' : 'these missing keys'}: ${missing.join(', ')}`,
    );
  }


  const modelType = typeof config.model_type === 'string' ? config.model_type.toLowerCase() : '';
  const isGpt2Style = pick(config, ['n_layer', 'n_embd']) !== undefined;
  const activation = pick(config, ['hidden_act', 'activation_function', 'hidden_activation'])?.value;
  const gatedMlp =
    !isGpt2Style &&
    !PLAIN_MLP_TYPES.has(modelType) &&
    (GATED_ACTIVATIONS.has(String(activation ?? 'silu').toLowerCase()) || modelType.startsWith('gemma'));

  const kv = pick(config, ['num_key_value_heads', 'num_kv_heads', 'multi_query_group_num']);
  const experts = pick(config, ['num_local_experts', 'num_experts', 'n_routed_experts']);
  const expertsPerToken = pick(config, ['num_experts_per_tok', 'moe_topk', 'top_k']);
  const sharedExperts = pick(config, ['n_shared_experts', 'num_shared_experts']);
  // Qwen-MoE gives its shared expert as one wider MLP (shared_expert_intermediate_size = k × moe_intermediate_size).
  const sharedWidth = pick(config, ['shared_expert_intermediate_size']);
  const isMoe = experts !== undefined && asPositiveInteger(experts.key, experts.value) > 1;
  // MoE configs give the per-expert width separately (Qwen-MoE, DeepSeek); Mixtral's intermediate_size is per expert.
  const ffn = isMoe
    ? pick(config, ['moe_intermediate_size', 'intermediate_size', 'ffn_hidden_size'])
    : pick(config, ['intermediate_size', 'n_inner', 'ffn_hidden_size', 'ffn_dim']);
  const tie = pick(config, ['tie_word_embeddings']);
  const bias = pick(config, ['attention_bias', 'bias', 'use_bias']);
  const modelName = pick(config, ['_name_or_path', 'name_or_path'])?.value;
  const architectures = Array.isArray(config.architectures) ? config.architectures : [];
  const dropout = dropoutFromConfig(config);
  const latent = latentAttentionFromConfig(config);
  const denseLayers = isMoe ? denseLayersFromConfig(config, required.layers) : 0;
  // The dense layers of an MoE config use intermediate_size (the experts moe_intermediate_size); Llama 4 names them
  // intermediate_size_mlp (its experts use intermediate_size).
  const denseFfn = pick(config, ['intermediate_size_mlp', 'intermediate_size', 'ffn_hidden_size']);

  return architectureWithDefaults({
    id: 'custom',
    name:
      typeof modelName === 'string' && sanitizeName(modelName).trim() !== ''
        ? sanitizeName(modelName)
        : typeof architectures[0] === 'string' && sanitizeName(architectures[0]).trim() !== ''
          ? sanitizeName(architectures[0])
          : `Hugging Face ${modelType || 'model'}`,
    ...required,
    ...(kv && latent.latentAttention === undefined ? { kvHeads: asPositiveInteger(kv.key, kv.value) } : {}),
    ...(ffn ? { ffnHiddenSize: asPositiveInteger(ffn.key, ffn.value) } : {}),
    gatedMlp,
    // transformers defaults tie_word_embeddings to true; LLaMA-family configs set it false explicitly, and Gemma's
    // configs (GemmaConfig default true) leave it out.
    tiedEmbeddings: tie ? asBoolean(tie.key, tie.value) : isGpt2Style || !gatedMlp || modelType.startsWith('gemma'),
    positionEmbedding: isGpt2Style || modelType === 'opt' ? 'LEARNED' : modelType === 'bloom' ? 'ALIBI' : 'ROTARY',
    ...(isGpt2Style || modelType === 'opt' || modelType === 'bloom' ? {} : ropeAttentionFactorFromConfig(config)),
    normalization: gatedMlp ? 'RMSNORM' : 'LAYERNORM',
    linearBiases: bias ? asBoolean(bias.key, bias.value) : !gatedMlp,
    ...(dropout === undefined ? {} : { dropout }),
    ...(latent.latentAttention === undefined ? headDimFromConfig(config, required.hiddenSize, required.attentionHeads) : {}),
    ...latent,
    ...(denseLayers > 0 ? { denseLayers, ...(denseFfn ? { denseFfnHiddenSize: asPositiveInteger(denseFfn.key, denseFfn.value) } : {}) } : {}),
    ...slidingWindowFromConfig(config, required.layers, modelType),
    ...(isMoe && experts
      ? {
          experts: asPositiveInteger(experts.key, experts.value),
          expertsPerToken: expertsPerToken ? asPositiveInteger(expertsPerToken.key, expertsPerToken.value) : 2,
          ...groupLimitedRoutingFromConfig(config),
          ...multiTokenPredictionFromConfig(config),
          ...activationClampFromConfig(config),
          sharedExperts: sharedExperts
            ? asPositiveInteger(sharedExperts.key, sharedExperts.value, 0)
            : sharedWidth && ffn
              ? Math.max(1, Math.round(asPositiveInteger(sharedWidth.key, sharedWidth.value) / asPositiveInteger(ffn.key, ffn.value)))
              : // Llama 4's MoE layers always add one shared expert (transformers Llama4TextMoe.shared_expert), no config key.
                modelType.startsWith('llama4')
                ? 1
                : 0,
        }
      : {}),
  });
}

/**
 * DeepSeek's group-limited routing (config n_group, topk_group; DeepSeek-V3 §2.1.2, V2 §2.2.2): the experts in
 * n_group groups, each token's among topk_group of them. Absent, or topk_group ≥ n_group: no limit.
 */
function groupLimitedRoutingFromConfig(config: Json): Pick<ModelArchitecture, 'expertGroups' | 'expertGroupsPerToken'> {
  const groups = pick(config, ['n_group']);
  const perToken = pick(config, ['topk_group']);
  if (groups === undefined || perToken === undefined) return {};
  const expertGroups = asPositiveInteger(groups.key, groups.value);
  const expertGroupsPerToken = asPositiveInteger(perToken.key, perToken.value);
  return expertGroupsPerToken < expertGroups ? { expertGroups, expertGroupsPerToken } : {};
}

/**
 * YaRN's attention factor from rope_scaling (transformers ≥ 5: rope_parameters), as transformers 5 computes it
 * (_compute_yarn_parameters): attention_factor when given, else get_mscale(factor, mscale) / get_mscale(factor,
 * mscale_all_dim) when both are given (DeepSeek-V3 and Kimi K2: 1), else get_mscale(factor) (gpt-oss: 1.347); the
 * factor as the config gives it, or max_position_embeddings / original_max_position_embeddings when it gives none
 * (transformers 4.5x took that ratio whenever original_max_position_embeddings was present: the same for gpt-oss and
 * DeepSeek, whose factor is that ratio). Other rope types, and a factor of exactly 1: nothing (cos and sin unscaled).
 */
function ropeAttentionFactorFromConfig(config: Json): Pick<ModelArchitecture, 'ropeAttentionFactor'> {
  const scaling = pick(config, ['rope_scaling', 'rope_parameters']);
  if (scaling === undefined || typeof scaling.value !== 'object' || Array.isArray(scaling.value)) return {};
  const rope = scaling.value as Json;
  if ((rope.rope_type ?? rope.type) !== 'yarn') return {};
  // 0 counts as absent for mscale and mscale_all_dim, as transformers' truthiness test reads it.
  const positive = (key: string, zeroIsAbsent = false, max = 1e6): number | undefined => {
    const value = rope[key];
    if (value === undefined || value === null || (zeroIsAbsent && value === 0)) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
      throw new InvalidInputError(`config.${scaling.key}.${key}`, value, `a positive number up to ${max}${zeroIsAbsent ? ' (or 0: none)' : ''}`);
    }
    return value;
  };
  // The architecture takes at most 100 (model.ts); say so on the config's own key.
  const given = positive('attention_factor', false, 100);
  let factor = given;
  if (factor === undefined) {
    const original = positive('original_max_position_embeddings');
    const longest = config.max_position_embeddings;
    const extension =
      positive('factor') ?? (original !== undefined && typeof longest === 'number' && Number.isFinite(longest) && longest > 0 ? longest / original : undefined);
    if (extension === undefined) throw new InvalidInputError(`config.${scaling.key}.factor`, rope.factor, 'a positive number (YaRN\'s context extension)');
    const mscale = positive('mscale', true);
    const mscaleAllDim = positive('mscale_all_dim', true);
    factor =
      mscale !== undefined && mscaleAllDim !== undefined
        ? yarnAttentionFactor(extension, mscale) / yarnAttentionFactor(extension, mscaleAllDim)
        : yarnAttentionFactor(extension);
  }
  if (factor > 100) throw new InvalidInputError(`config.${scaling.key}.mscale`, rope.mscale, `mscales whose attention factor is at most 100 (these give ${factor.toPrecision(4)})`);
  return Math.abs(factor - 1) < 1e-12 ? {} : { ropeAttentionFactor: factor };
}

/** gpt-oss's swiglu_limit (7.0 in its config.json): the clamp on its gated MLP's inputs (ModelArchitecture.activationClamp). */
function activationClampFromConfig(config: Json): Pick<ModelArchitecture, 'activationClamp'> {
  const limit = pick(config, ['swiglu_limit']);
  if (limit === undefined) return {};
  if (typeof limit.value !== 'number' || !Number.isFinite(limit.value) || limit.value <= 0) {
    throw new InvalidInputError(`config.${limit.key}`, limit.value, 'a positive number (the clamp on the gated MLP\'s inputs)');
  }
  return { activationClamp: limit.value };
}

/**
 * DeepSeek's num_nextn_predict_layers (1 in DeepSeek-V3's config.json): the depth D of the multi-token-prediction
 * modules (DeepSeek-V3 §2.2). Absent or 0: none.
 */
function multiTokenPredictionFromConfig(config: Json): Pick<ModelArchitecture, 'multiTokenPredictionDepth'> {
  const depth = pick(config, ['num_nextn_predict_layers']);
  if (depth === undefined) return {};
  const d = asPositiveInteger(depth.key, depth.value, 0);
  return d > 0 ? { multiTokenPredictionDepth: d } : {};
}
