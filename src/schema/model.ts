/**
 * Model: presets (read-only, from src/core/presets.ts), saved models (SQLite, ids `m_…`), unsaved specs
 * (`ModelInput`, id `custom`) and pasted Hugging Face configs.
 */
import {
  architectureWithDefaults,
  attentionKeysPerQuery,
  computeModelCounts,
  hardwareFlopsPerToken,
  headDimOf,
  moeLayersOf,
  validateArchitecture,
} from '../core/model.js';
import { findModelPreset, MODEL_PRESETS } from '../core/presets.js';
import { operatorRecomputeGemmShare, requireOperatorRecompute } from '../core/operator-recompute.js';
import type { LatentAttention, ModelArchitecture, ModelCounts, RecomputeMode } from '../core/types.js';
import { builder } from './builder.js';
import { idSchema, nameSchema, specNameSchema } from './validation.js';
import type { SavedRecord, SchemaContext } from './context.js';
import { RecomputeModeEnum } from './enums.js';
import { forbidden, notFound } from './error-helpers.js';
import { architectureFromHuggingFaceConfig, MAX_CONFIG_CHARS } from '../core/huggingface.js';
import { publishSavedItemChange } from './saved-items.js';

/** What a Model field resolves from: the architecture, its counts, and where it came from. */
export interface ModelView {
  arch: ModelArchitecture;
  counts: ModelCounts;
  preset: boolean;
  createdAt: string | null;
  updatedAt: string | null;
}

/** The saved JSON document of a model: the full architecture without id and name (those are columns). */
type SavedModelData = Omit<ModelArchitecture, 'id' | 'name'>;

/** Saved ids start with this prefix, so they never collide with preset ids (lowercase words and digits). */
export const SAVED_MODEL_PREFIX = 'm_';

// Presets are immutable: compute their counts once, look them up in O(1).
const presetViews = new Map<string, ModelView>();
function presetView(arch: ModelArchitecture): ModelView {
  let view = presetViews.get(arch.id);
  if (!view) {
    view = { arch, counts: computeModelCounts(arch), preset: true, createdAt: null, updatedAt: null };
    presetViews.set(arch.id, view);
  }
  return view;
}

export function isPresetModelId(id: string): boolean {
  return findModelPreset(id) !== undefined;
}

function viewFromSaved(record: SavedRecord<SavedModelData>): ModelView {
  const arch: ModelArchitecture = { ...record.data, id: record.id, name: record.name };
  return { arch, counts: computeModelCounts(arch), preset: false, createdAt: record.createdAt, updatedAt: record.updatedAt };
}

/** A preset or saved model by id; undefined when neither exists. */
export async function findModel(ctx: SchemaContext, id: string): Promise<ModelView | undefined> {
  const preset = findModelPreset(id);
  if (preset) return presetView(preset);
  if (!id.startsWith(SAVED_MODEL_PREFIX)) return undefined;
  const record = await ctx.store.get<SavedModelData>('MODEL', id);
  return record ? viewFromSaved(record) : undefined;
}

/** Like findModel, but NOT_FOUND (naming the field and the preset ids) when unknown. */
export async function requireModel(ctx: SchemaContext, id: string, field: string): Promise<ModelView> {
  const view = await findModel(ctx, id);
  if (!view) {
    throw notFound(field, id, `a preset id (${MODEL_PRESETS.map((m) => m.id).join(', ')}) or a saved model id (m_…)`);
  }
  return view;
}

/** GraphQL shape of ModelInput as Pothos infers it from ModelInputRef (defaults already applied by GraphQL). */
export type ModelInputShape = typeof ModelInputRef.$inferInput;

function withoutNulls<T extends object>(obj: T): { [K in keyof T]?: Exclude<T[K], null> } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) if (value !== null && value !== undefined) out[key] = value;
  return out as { [K in keyof T]?: Exclude<T[K], null> };
}

/** Model.hardwareFlopsPerToken: what `mode` re-runs; torchtitan's per-operator policy only where trainingPlan accepts it. */
function hardwareFlopsPerTokenUnder(arch: ModelArchitecture, counts: ModelCounts, mode: RecomputeMode): number {
  if (mode === 'SELECTIVE_OPERATORS') requireOperatorRecompute('recompute', arch);
  const operatorShare = mode === 'SELECTIVE_OPERATORS' ? operatorRecomputeGemmShare(arch) : 0;
  return hardwareFlopsPerToken(counts, arch, mode, false, mode === 'FULL' ? 1 : 0, operatorShare);
}

/** ModelInput → validated architecture + counts (errors name `${path}.<field>`). */
export function modelFromInput(input: ModelInputShape, path: string, id = 'custom'): ModelView {
  specNameSchema.check(`${path}.name`, input.name);
  const arch = architectureWithDefaults({ ...withoutNulls(input), id, name: input.name ?? 'Custom model' } as Parameters<
    typeof architectureWithDefaults
  >[0]);
  validateArchitecture(arch, path);
  return { arch, counts: computeModelCounts(arch), preset: false, createdAt: null, updatedAt: null };
}

const PositionEmbeddingEnum = builder.enumType('PositionEmbedding', {
  description: 'How token positions enter the model.',
  values: {
    LEARNED: { description: 'A learned table of sequenceLength × hiddenSize parameters (GPT-2/3, OPT).' },
    ROTARY: { description: 'Rotary embeddings, no parameters (LLaMA, GPT-NeoX).' },
    ALIBI: { description: 'ALiBi attention biases, no parameters (BLOOM).' },
    RELATIVE: { description: 'Transformer-XL relative encodings with an h×h projection per layer (Gopher, Chinchilla).' },
    NONE: { description: 'No position information.' },
  } satisfies Record<ModelArchitecture['positionEmbedding'], { description: string }>,
});

const NormalizationEnum = builder.enumType('Normalization', {
  description: 'Normalisation layer type (decides 1 or 2 parameter vectors per norm).',
  values: {
    LAYERNORM: { description: 'LayerNorm with gain and bias.' },
    RMSNORM: { description: 'RMSNorm with gain only.' },
  } satisfies Record<ModelArchitecture['normalization'], { description: string }>,
});

const LatentAttentionFields = {
  queryRank: 'Rank of the query latent (q_lora_rank, d_c\'); 0 = a full-rank W_Q (DeepSeek-V2-Lite).',
  kvRank: 'Rank of the joint key/value latent (kv_lora_rank, d_c).',
  qkNopeHeadDim: 'Per-head Q/K width without rotary embedding (qk_nope_head_dim).',
  qkRopeHeadDim: 'Per-head width of the decoupled rotary Q/K part, its key shared by all heads (qk_rope_head_dim).',
  vHeadDim: 'Per-head V width (v_head_dim).',
} as const satisfies Record<keyof LatentAttention, string>;

const LatentAttentionInputRef = builder.inputType('LatentAttentionInput', {
  description: 'Multi-head latent attention (DeepSeek-V2 §2.1): low-rank query and key/value latents projected up to the heads.',
  fields: (t) => ({
    queryRank: t.int({ required: true, description: LatentAttentionFields.queryRank }),
    kvRank: t.int({ required: true, description: LatentAttentionFields.kvRank }),
    qkNopeHeadDim: t.int({ required: true, description: LatentAttentionFields.qkNopeHeadDim }),
    qkRopeHeadDim: t.int({ required: true, description: LatentAttentionFields.qkRopeHeadDim }),
    vHeadDim: t.int({ required: true, description: LatentAttentionFields.vHeadDim }),
  }),
});

const LatentAttentionRef = builder.objectRef<LatentAttention>('LatentAttention').implement({
  description: 'Multi-head latent attention (DeepSeek-V2 §2.1) of a model.',
  fields: (t) => ({
    queryRank: t.exposeInt('queryRank', { description: LatentAttentionFields.queryRank }),
    kvRank: t.exposeInt('kvRank', { description: LatentAttentionFields.kvRank }),
    qkNopeHeadDim: t.exposeInt('qkNopeHeadDim', { description: LatentAttentionFields.qkNopeHeadDim }),
    qkRopeHeadDim: t.exposeInt('qkRopeHeadDim', { description: LatentAttentionFields.qkRopeHeadDim }),
    vHeadDim: t.exposeInt('vHeadDim', { description: LatentAttentionFields.vHeadDim }),
  }),
});

export const ModelInputRef = builder.inputType('ModelInput', {
  description:
    'A transformer architecture. Omitted fields take the usual defaults: kvHeads = attentionHeads, ffnHiddenSize = 4·hiddenSize (8/3·hiddenSize when gatedMlp), tiedEmbeddings = !gatedMlp, dense (experts = 1).',
  fields: (t) => ({
    name: t.string({ description: 'Display name (at most 200 characters).' }),
    layers: t.int({ required: true, description: 'Transformer layers (blocks).' }),
    hiddenSize: t.int({ required: true, description: 'Model width h; a multiple of attentionHeads unless headDim is given.' }),
    attentionHeads: t.int({ required: true, description: 'Query heads.' }),
    headDim: t.int({
      description:
        'Width of one attention head. Default hiddenSize / attentionHeads; set it where heads × headDim ≠ hiddenSize (Gemma 7B: 16 × 256 on 3,072; Qwen3-0.6B: 16 × 128 on 1,024).',
    }),
    slidingWindow: t.int({
      description:
        'Sliding-window attention: each query attends to at most this many keys (Mistral 7B: 4,096). Cuts attention FLOPs when shorter than sequenceLength; omit for global attention.',
    }),
    slidingWindowLayers: t.int({
      description: 'How many layers use slidingWindow (Gemma 2: half, Gemma 3: 5 of 6); the rest attend globally. Default: all layers. Needs slidingWindow.',
    }),
    latentAttention: t.field({
      type: LatentAttentionInputRef,
      description: 'Multi-head latent attention (DeepSeek-V2/V3) instead of MHA/GQA projections; kvHeads must then equal attentionHeads.',
    }),
    denseLayers: t.int({
      description: 'MoE models: how many layers have a dense MLP of denseFfnHiddenSize instead of the MoE block (DeepSeek-V3: 3 of 61). Default 0.',
    }),
    denseFfnHiddenSize: t.int({ description: 'Inner width of those dense MLPs (DeepSeek-V3: 18,432). Default: ffnHiddenSize.' }),
    kvHeads: t.int({ description: 'Key/value heads (GQA/MQA); a divisor of attentionHeads. Default: attentionHeads.' }),
    ffnHiddenSize: t.int({ description: 'MLP inner width (per expert for MoE).' }),
    gatedMlp: t.boolean({ description: 'SwiGLU-style gated MLP (three matrices) instead of two.' }),
    vocabSize: t.int({ required: true, description: 'Vocabulary size (tokens).' }),
    sequenceLength: t.int({ required: true, description: 'Training context length in tokens.' }),
    tiedEmbeddings: t.boolean({ description: 'Input embedding and output head share weights.' }),
    experts: t.int({ description: 'Routed experts per MoE layer (1 = dense).' }),
    expertsPerToken: t.int({ description: 'Routed experts each token visits (top-k), ≤ experts.' }),
    sharedExperts: t.int({ description: 'Always-on shared experts per MoE layer (DeepSeek-style). Default 0.' }),
    multiTokenPredictionDepth: t.int({
      description:
        'Multi-token prediction modules trained beside the model (DeepSeek-V3 §2.2, D = 1; Hugging Face num_nextn_predict_layers): each one more Transformer block and a 2h → h projection sharing the embedding and head, on the head\'s pipeline rank. Default 0.',
    }),
    activationClamp: t.float({
      description:
        "The clamp a gated MLP puts on its inputs before the activation: the gate to at most this value, the linear half to ± it (gpt-oss: 7, its config's swiglu_limit; Megatron-Core's activation_func_clamp_value). Where a framework runs the clamps as separate operators (Megatron-Core's grouped experts, options.expertGemmLaunch PER_EXPERT) they cost element-wise passes. Needs gatedMlp. Default none.",
    }),
    ropeAttentionFactor: t.float({
      description:
        "YaRN's attention factor on the rotary embedding's cos and sin (Hugging Face rope_scaling attention_factor, else 0.1·ln(factor) + 1 or the mscale ratio; Megatron-Core's concentration factor): gpt-oss 1.347. Megatron-Core cannot fuse RoPE with a factor other than 1, so the MEGATRON_CORE recipe runs it unfused (options.elementwiseKernels EAGER_ROPE). Needs positionEmbedding ROTARY. Default 1 (none).",
    }),
    expertGroups: t.int({
      description:
        'Group-limited routing (DeepSeek-V3 §2.1.2 node-limited routing; Hugging Face n_group): the routed experts split into this many equal groups (a divisor of experts). Give it with expertGroupsPerToken; omit both for routing to any expert.',
    }),
    expertGroupsPerToken: t.int({
      description:
        'Groups each token may pick its experts from (Hugging Face topk_group; DeepSeek-V3: 4 of 8), 1–expertGroups, holding at least expertsPerToken experts.',
    }),
    positionEmbedding: t.field({ type: PositionEmbeddingEnum, description: 'Position encoding. Default: ROTARY when gatedMlp, else LEARNED.' }),
    normalization: t.field({ type: NormalizationEnum, description: 'Norm type. Default: RMSNORM when gatedMlp, else LAYERNORM.' }),
    linearBiases: t.boolean({ description: 'Linear layers carry biases. Default: !gatedMlp.' }),
    dropout: t.boolean({
      description:
        'Training applies dropout, so its masks are stored for the backward pass (Korthikanti et al. 2022). Default true; false for LLaMA-style recipes (no masks: 2·s·b·h bytes less per layer and micro-batch, plus 3·a·s²·b without FlashAttention).',
    }),
  }),
});

export const ModelRef = builder.objectRef<ModelView>('Model').implement({
  description:
    'A transformer model: its architecture and the parameter and FLOP counts derived from it. Counts are plain numbers of parameters; FLOPs count a multiply-add as 2.',
  fields: (t) => ({
    id: t.id({
      description: 'Preset id (e.g. `gpt3-175b`), saved id (`m_…`), or `custom` for an unsaved spec.',
      resolve: (m) => m.arch.id,
    }),
    name: t.string({ description: 'Display name.', resolve: (m) => m.arch.name }),
    preset: t.boolean({ description: 'True for the built-in read-only presets.', resolve: (m) => m.preset }),
    source: t.string({ nullable: true, description: 'Where a preset\'s architecture comes from (paper, model card).', resolve: (m) => m.arch.source ?? null }),
    publishedParameters: t.float({
      nullable: true,
      description: 'The published total parameter count of a preset (compare with `parameters`).',
      resolve: (m) => m.arch.publishedParameters ?? null,
    }),
    createdAt: t.field({ type: 'DateTime', nullable: true, description: 'When a saved model was created; null for presets and unsaved specs.', resolve: (m) => m.createdAt }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, description: 'When a saved model was last changed; null for presets and unsaved specs.', resolve: (m) => m.updatedAt }),
    parameters: t.float({ description: 'Total parameters (all experts, embeddings included).', resolve: (m) => m.counts.totalParameters }),
    nonEmbeddingParameters: t.float({
      description: 'Parameters outside the token/position embeddings and the untied output head (Kaplan et al. 2020\'s N).',
      resolve: (m) => m.counts.nonEmbeddingParameters,
    }),
    embeddingParameters: t.float({ description: 'Token and position embeddings plus an untied output head.', resolve: (m) => m.counts.embeddingParameters }),
    activeParameters: t.float({ description: 'Parameters one token uses (MoE: top-k and shared experts only; = parameters for dense models).', resolve: (m) => m.counts.activeParameters }),
    activeNonEmbeddingParameters: t.float({ description: 'Active parameters outside the embeddings.', resolve: (m) => m.counts.activeNonEmbeddingParameters }),
    parametersPerLayer: t.float({ description: 'Parameters of one transformer layer (all experts).', resolve: (m) => m.counts.parametersPerLayer }),
    flopsPerToken: t.float({
      description: 'Training FLOPs per token, model-FLOPs convention: 3 × forward, attention scores non-causal (Megatron-LM, PaLM MFU), output head included, no recomputation.',
      resolve: (m) => m.counts.modelFlopsPerToken,
    }),
    flopsPerTokenCausal: t.float({
      description: 'Training FLOPs per token with causal attention (half the s×s score work; under a sliding window w < s, w − w²/2s keys per query).',
      resolve: (m) => m.counts.modelFlopsPerTokenCausal,
    }),
    hardwareFlopsPerToken: t.float({
      description:
        'Training FLOPs per token the GPUs execute, i.e. flopsPerToken plus what `recompute` re-runs (SELECTIVE_OPERATORS: every second matmul of each layer) and the multi-token-prediction modules (multiTokenPredictionDepth).',
      args: { recompute: t.arg({ type: RecomputeModeEnum, defaultValue: 'NONE', description: 'Recomputation mode.' }) },
      resolve: (m, { recompute }) => hardwareFlopsPerTokenUnder(m.arch, m.counts, recompute ?? 'NONE'),
    }),
    sixNFlopsPerToken: t.float({
      description: 'Kaplan\'s rule of thumb 6·N FLOPs per token (N = active parameters), for comparison with flopsPerToken.',
      resolve: (m) => 6 * m.counts.activeParameters,
    }),
    layers: t.int({ description: 'Transformer layers.', resolve: (m) => m.arch.layers }),
    hiddenSize: t.int({ description: 'Model width h.', resolve: (m) => m.arch.hiddenSize }),
    attentionHeads: t.int({ description: 'Query heads.', resolve: (m) => m.arch.attentionHeads }),
    kvHeads: t.int({ description: 'Key/value heads.', resolve: (m) => m.arch.kvHeads }),
    headDim: t.float({
      description: 'Width of one attention head (hiddenSize / attentionHeads unless set; under MLA the mean of the Q/K and V head widths).',
      resolve: (m) => headDimOf(m.arch),
    }),
    slidingWindow: t.int({
      nullable: true,
      description: 'Keys a query attends to in the windowed layers; null for global attention everywhere.',
      resolve: (m) => m.arch.slidingWindow ?? null,
    }),
    slidingWindowLayers: t.int({
      description: 'Layers that use slidingWindow (0 without a window).',
      resolve: (m) => (m.arch.slidingWindow === undefined ? 0 : (m.arch.slidingWindowLayers ?? m.arch.layers)),
    }),
    latentAttention: t.field({
      type: LatentAttentionRef,
      nullable: true,
      description: 'Multi-head latent attention sizes; null for MHA/GQA/MQA.',
      resolve: (m) => m.arch.latentAttention ?? null,
    }),
    denseLayers: t.int({ description: 'Layers of an MoE model with a dense MLP instead of the MoE block (0 for dense models).', resolve: (m) => m.arch.denseLayers ?? 0 }),
    moeLayers: t.int({ description: 'Layers with an MoE block (0 for dense models).', resolve: (m) => moeLayersOf(m.arch) }),
    denseFfnHiddenSize: t.int({
      description: 'Inner width of the dense MLPs of an MoE model (= ffnHiddenSize unless set).',
      resolve: (m) => m.arch.denseFfnHiddenSize ?? m.arch.ffnHiddenSize,
    }),
    attentionKeysPerQuery: t.float({
      description:
        'Keys each query is scored against, averaged over the layers, as flopsPerToken counts them: sequenceLength, or less under a sliding window.',
      resolve: (m) => attentionKeysPerQuery(m.arch).counted,
    }),
    ffnHiddenSize: t.int({ description: 'MLP inner width (per expert).', resolve: (m) => m.arch.ffnHiddenSize }),
    gatedMlp: t.boolean({ description: 'Gated (SwiGLU-style) MLP.', resolve: (m) => m.arch.gatedMlp }),
    vocabSize: t.int({ description: 'Vocabulary size in tokens.', resolve: (m) => m.arch.vocabSize }),
    sequenceLength: t.int({ description: 'Training context length in tokens.', resolve: (m) => m.arch.sequenceLength }),
    tiedEmbeddings: t.boolean({ description: 'Input embedding and output head share weights.', resolve: (m) => m.arch.tiedEmbeddings }),
    positionEmbedding: t.field({ type: PositionEmbeddingEnum, description: 'Position encoding.', resolve: (m) => m.arch.positionEmbedding }),
    normalization: t.field({ type: NormalizationEnum, description: 'Norm type.', resolve: (m) => m.arch.normalization }),
    linearBiases: t.boolean({ description: 'Linear layers carry biases.', resolve: (m) => m.arch.linearBiases }),
    dropout: t.boolean({ description: 'Training applies dropout (its masks are stored as activations).', resolve: (m) => m.arch.dropout ?? true }),
    experts: t.int({ description: 'Routed experts per layer (1 = dense).', resolve: (m) => m.arch.experts }),
    expertsPerToken: t.int({ description: 'Routed experts per token (top-k).', resolve: (m) => m.arch.expertsPerToken }),
    sharedExperts: t.int({ description: 'Shared experts per MoE layer.', resolve: (m) => m.arch.sharedExperts }),
    multiTokenPredictionDepth: t.int({
      description: 'Multi-token prediction modules (DeepSeek-V3 §2.2); their parameters are not in parameters/activeParameters.',
      resolve: (m) => m.arch.multiTokenPredictionDepth ?? 0,
    }),
    activationClamp: t.float({
      nullable: true,
      description: "The clamp on the gated MLP's inputs before the activation (gpt-oss: 7); null = none.",
      resolve: (m) => m.arch.activationClamp ?? null,
    }),
    ropeAttentionFactor: t.float({
      nullable: true,
      description: "YaRN's attention factor on the rotary embedding's cos and sin (gpt-oss: 1.347); null = none (1).",
      resolve: (m) => m.arch.ropeAttentionFactor ?? null,
    }),
    expertGroups: t.int({
      nullable: true,
      description: 'Groups the routed experts split into under group-limited routing (DeepSeek-V3 §2.1.2); null = no limit.',
      resolve: (m) => m.arch.expertGroups ?? null,
    }),
    expertGroupsPerToken: t.int({
      nullable: true,
      description: 'Groups a token may pick its experts from; null = no limit.',
      resolve: (m) => m.arch.expertGroupsPerToken ?? null,
    }),
  }),
});


builder.queryFields((t) => ({
  models: t.field({
    type: [ModelRef],
    description: 'Every model: presets first (in catalog order), then saved models (oldest first).',
    resolve: async (_root, _args, ctx) => [
      ...MODEL_PRESETS.map(presetView),
      ...(await ctx.store.list<SavedModelData>('MODEL')).map(viewFromSaved),
    ],
  }),
  model: t.field({
    type: ModelRef,
    nullable: true,
    description: 'A preset or saved model by id; null when unknown.',
    args: { id: t.arg.id({ required: true, description: 'Preset id (e.g. `gpt3-175b`) or saved id (`m_…`).', validate: idSchema }) },
    resolve: async (_root, { id }, ctx) => (await findModel(ctx, id)) ?? null,
  }),
  modelFromHuggingFaceConfig: t.field({
    type: ModelRef,
    description:
      'Parses a pasted Hugging Face config.json (LLaMA/Mistral/Mixtral/Qwen/Gemma/GPT-NeoX/GPT-2 keys, head_dim and sliding_window included) into a model; saves nothing. Missing keys and malformed JSON give BAD_USER_INPUT naming the key.',
    args: { config: t.arg.string({ required: true, description: `The config.json text (at most ${MAX_CONFIG_CHARS} characters).` }) },
    resolve: (_root, { config }) => {
      const arch = architectureFromHuggingFaceConfig(config);
      validateArchitecture(arch, 'config');
      return { arch, counts: computeModelCounts(arch), preset: false, createdAt: null, updatedAt: null };
    },
  }),
}));

async function saveModel(ctx: SchemaContext, arch: ModelArchitecture, name: string): Promise<ModelView> {
  const { id: _id, name: _name, ...data } = arch;
  const record = await ctx.store.insert<SavedModelData>('MODEL', name, data, null);
  publishSavedItemChange(ctx, { kind: 'MODEL', id: record.id, name: record.name, change: 'CREATED' });
  return viewFromSaved(record);
}

async function requireSavedModelId(ctx: SchemaContext, id: string, field: string): Promise<SavedRecord<SavedModelData>> {
  if (isPresetModelId(id)) throw forbidden(field, id, 'presets are read-only; save a copy with createModel');
  const record = id.startsWith(SAVED_MODEL_PREFIX) ? await ctx.store.get<SavedModelData>('MODEL', id) : undefined;
  if (!record) throw notFound(field, id, 'the id of a saved model (m_…)');
  return record;
}

builder.mutationFields((t) => ({
  createModel: t.field({
    type: ModelRef,
    description: 'Saves a model architecture; it gets an id `m_…` and appears in `models`.',
    args: { input: t.arg({ type: ModelInputRef, required: true, description: 'The architecture.' }) },
    resolve: (_root, { input }, ctx) => {
      const view = modelFromInput(input, 'input');
      return saveModel(ctx, view.arch, input.name ?? 'Custom model');
    },
  }),
  createModelFromHuggingFaceConfig: t.field({
    type: ModelRef,
    description: 'Parses a pasted Hugging Face config.json and saves the model (id `m_…`).',
    args: {
      config: t.arg.string({ required: true, description: 'The config.json text.' }),
      name: t.arg.string({ description: 'Display name; default: the config\'s `_name_or_path` or architecture.', validate: nameSchema }),
    },
    resolve: (_root, { config, name }, ctx) => {
      const arch = architectureFromHuggingFaceConfig(config);
      validateArchitecture(arch, 'config');
      return saveModel(ctx, arch, name ?? arch.name);
    },
  }),
  updateModel: t.field({
    type: ModelRef,
    description: 'Replaces a saved model\'s architecture (and name). Presets are read-only (FORBIDDEN).',
    args: {
      id: t.arg.id({ required: true, description: 'Saved model id (`m_…`).', validate: idSchema }),
      input: t.arg({ type: ModelInputRef, required: true, description: 'The new architecture.' }),
    },
    resolve: async (_root, { id, input }, ctx) => {
      const existing = await requireSavedModelId(ctx, id, 'id');
      const view = modelFromInput(input, 'input', id);
      const { id: _id, name: _name, ...data } = view.arch;
      const record = await ctx.store.update<SavedModelData>('MODEL', id, input.name ?? existing.name, data);
      if (!record) throw notFound('id', id, 'the id of a saved model (m_…)');
      publishSavedItemChange(ctx, { kind: 'MODEL', id, name: record.name, change: 'UPDATED' });
      return viewFromSaved(record);
    },
  }),
  deleteModel: t.id({
    description: 'Deletes a saved model and returns its id. Presets are read-only (FORBIDDEN); unknown ids give NOT_FOUND.',
    args: { id: t.arg.id({ required: true, description: 'Saved model id (`m_…`).', validate: idSchema }) },
    resolve: async (_root, { id }, ctx) => {
      const record = await requireSavedModelId(ctx, id, 'id');
      await ctx.store.delete('MODEL', id);
      publishSavedItemChange(ctx, { kind: 'MODEL', id, name: record.name, change: 'DELETED' });
      return id;
    },
  }),
}));
