/**
 * Every query, in-process through yoga.fetch with the codegen documents, checked against published figures
 * (source and tolerance beside each) or against the formula it must follow.
 */
import { describe, expect, it } from 'vitest';
import {
  ClusterDocument,
  ClustersDocument,
  ComputeOptimalDocument,
  ExtrapolationDocument,
  GpuDocument,
  GpusDocument,
  MaxTrainableParametersDocument,
  ModelDocument,
  ModelFromHuggingFaceConfigDocument,
  ModelsDocument,
  ModelStateMemoryDocument,
  ScalingLawLossDocument,
} from '../gql/graphql.js';
import { execute, onlyError, post, relativeError } from '../server/helpers.js';
import { useSharedTestApp } from '../server/tservers.js';

const t = useSharedTestApp();

describe("torchtitan's per-operator checkpointing and attention kernel over GraphQL", () => {
  it('Model.hardwareFlopsPerToken(recompute: SELECTIVE_OPERATORS): the matmul share on a dense model, BAD_USER_INPUT naming the field on an MoE one', async () => {
    const Q = '{ dense: model(id: "llama3-8b") { op: hardwareFlopsPerToken(recompute: SELECTIVE_OPERATORS) none: hardwareFlopsPerToken(recompute: NONE) full: hardwareFlopsPerToken(recompute: FULL) } }';
    const r = await post<{ dense: { op: number; none: number; full: number } }>(t.app, { query: Q });
    expect(r.errors).toBeUndefined();
    expect(r.data!.dense.op).toBeGreaterThan(r.data!.dense.none);
    expect(r.data!.dense.op).toBeLessThan(r.data!.dense.full);
    const moe = onlyError(await post(t.app, { query: '{ model(id: "mixtral-8x7b") { hardwareFlopsPerToken(recompute: SELECTIVE_OPERATORS) } }' }));
    expect(moe.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'recompute' });
    expect(moe.message).toMatch(/SELECTIVE_OPERATORS.*expected NONE, SELECTIVE or FULL for a mixture of experts/);
  });

  it('trainingPlan options.attentionKernel PYTORCH_SDPA: a longer step on H100 with the assumption named; the TORCHTITAN_FSDP2 recipe sets it', async () => {
    const Q = `query ($o: PlanOptionsInput, $r: TrainingRecipe) { trainingPlan(input: { model: "llama3-8b", cluster: "h100-sxm-x8", globalBatchSize: 8, recipe: $r, options: $o }) {
      performance { stepSeconds } assumptions { name value origin } } }`;
    type Plan = { trainingPlan: { performance: { stepSeconds: number }; assumptions: { name: string; value: string; origin: string }[] } };
    const cudnn = (await post<Plan>(t.app, { query: Q, variables: {} })).data!.trainingPlan;
    const fa2 = (await post<Plan>(t.app, { query: Q, variables: { o: { attentionKernel: 'PYTORCH_SDPA' } } })).data!.trainingPlan;
    expect(fa2.performance.stepSeconds).toBeGreaterThan(cudnn.performance.stepSeconds);
    expect(fa2.assumptions.find((a) => a.name === 'options.attentionKernel')).toMatchObject({ value: 'PYTORCH_SDPA', origin: 'USER' });
    expect(fa2.assumptions.find((a) => a.name === 'attentionKernelRate')!.value).toMatch(/FlashAttention-2/);
    const recipe = (await post<Plan>(t.app, { query: Q, variables: { r: 'TORCHTITAN_FSDP2' } })).data!.trainingPlan;
    expect(recipe.assumptions.find((a) => a.name === 'options.attentionKernel')).toMatchObject({ value: 'PYTORCH_SDPA', origin: 'RECIPE' });
  });
});

describe('gpus and gpu', () => {
  it('lists the catalog with datasheet figures', async () => {
    const { data, errors } = await execute(t.app, GpusDocument);
    expect(errors).toBeUndefined();
    const a100 = data!.gpus.find((g) => g.id === 'a100-80gb')!;
    // NVIDIA A100 datasheet: 80 GB, 312 TFLOP/s dense BF16, no FP8, 400 W.
    expect(a100.memoryBytes).toBe(80e9);
    expect(a100.bf16PeakFlopsPerSecond).toBe(312e12);
    expect(a100.fp8PeakFlopsPerSecond).toBeNull();
    expect(a100.tdpWatts).toBe(400);
    expect(new Set(data!.gpus.map((g) => g.id)).size).toBe(data!.gpus.length);
  });

  it('gives the training peak per precision, null for FP8 where there is none', async () => {
    const bf16 = await execute(t.app, GpuDocument, { id: 'H100-SXM', precision: 'BF16' });
    // H100 SXM datasheet: 989.4 TFLOP/s dense BF16 (1,979 with sparsity).
    expect(bf16.data!.gpu!.peakFlopsPerSecond).toBeCloseTo(989.4e12, -9);
    // A100: no FP8 tensor cores (null, not an error, so that catalog lists stay whole); H100: 1,978.9 TFLOP/s dense FP8.
    expect((await execute(t.app, GpuDocument, { id: 'a100-80gb', precision: 'FP8' })).data!.gpu!.peakFlopsPerSecond).toBeNull();
    expect((await execute(t.app, GpuDocument, { id: 'h100-sxm', precision: 'FP8' })).data!.gpu!.peakFlopsPerSecond).toBeCloseTo(1978.9e12, -10);
    const unknown = await execute(t.app, GpuDocument, { id: 'tpu-v9', precision: 'BF16' });
    expect(unknown.data!.gpu).toBeNull();
  });
});

describe('models and model', () => {
  it('lists presets first, each with counts', async () => {
    const { data, errors } = await execute(t.app, ModelsDocument);
    expect(errors).toBeUndefined();
    expect(data!.models.length).toBeGreaterThan(10);
    expect(data!.models.every((m) => m.preset)).toBe(true);
    const ids = data!.models.map((m) => m.id);
    expect(ids).toContain('gpt3-175b');
    expect(ids).toContain('llama3-405b');
    expect(ids).toContain('mixtral-8x7b');
  });

  it('GPT-3 175B: parameters and the Megatron-LM FLOP formula', async () => {
    const { data } = await execute(t.app, ModelDocument, { id: 'gpt3-175b' });
    const m = data!.model!;
    // Brown et al. 2020 Table 2.1: ≈ 174.6B parameters (tolerance 0.5 %).
    expect(relativeError(m.parameters, 174.6e9)).toBeLessThan(0.005);
    const [l, h, s, V] = [96, 12288, 2048, 50257];
    expect([m.layers, m.hiddenSize, m.sequenceLength, m.vocabSize]).toEqual([l, h, s, V]);
    // Narayanan et al. 2021 eq. 3 per token: 96·l·h²·(1 + s/6h + V/16lh) with full recompute, i.e. 72·l·h²·(1 + s/6h
    // + V/12lh) without (3 passes instead of 4) (tolerance 0.1 %).
    expect(relativeError(m.flopsPerToken, 72 * l * h * h * (1 + s / (6 * h) + V / (12 * l * h)))).toBeLessThan(1e-3);
    expect(relativeError(m.hardwareFlopsPerToken, 96 * l * h * h * (1 + s / (6 * h) + V / (16 * l * h)))).toBeLessThan(1e-3);
    expect(m.flopsPerTokenCausal).toBeLessThan(m.flopsPerToken);
    expect(m.sixNFlopsPerToken).toBeCloseTo(6 * m.activeParameters, 0);
    expect(m.activeParameters).toBe(m.parameters);
    expect(m.preset).toBe(true);
    expect(m.createdAt).toBeNull();
  });

  it("gpt-oss-120b says its SwiGLU clamp (the config's swiglu_limit 7); a model without one says null; a custom model can set it", async () => {
    const Q = `query { a: model(id: "gpt-oss-120b") { activationClamp } b: model(id: "llama3-8b") { activationClamp }
      trainingPlan(input: { modelSpec: { name: "clamped", layers: 2, hiddenSize: 256, attentionHeads: 4, vocabSize: 1000, sequenceLength: 512, gatedMlp: true, activationClamp: 7 }, clusterSpec: { gpu: "a100-80gb", gpusPerNode: 8, nodes: 1 }, globalBatchSize: 8 }) { model { activationClamp } } }`;
    const r = await post<{ a: { activationClamp: number }; b: { activationClamp: number | null }; trainingPlan: { model: { activationClamp: number } } }>(t.app, { query: Q });
    expect(r.errors).toBeUndefined();
    expect(r.data!.a.activationClamp).toBe(7);
    expect(r.data!.b.activationClamp).toBeNull();
    expect(r.data!.trainingPlan.model.activationClamp).toBe(7);
  });

  it("gpt-oss-120b says its YaRN attention factor (0.1·ln 32 + 1); MEGATRON_CORE then runs RoPE unfused and says why; a bad factor names the field", async () => {
    const Q = `query { a: model(id: "gpt-oss-120b") { ropeAttentionFactor } b: model(id: "llama3-8b") { ropeAttentionFactor }
      trainingPlan(input: { model: "gpt-oss-120b", clusterSpec: { gpu: "h100-sxm", gpusPerNode: 8, nodes: 8 }, globalBatchSize: 1280, microBatchSize: 1, pipelineParallel: 4, expertParallel: 8, expertTensorParallel: 1, recipe: MEGATRON_CORE }) {
        assumptions { name value origin source } } }`;
    const r = await post<{ a: { ropeAttentionFactor: number }; b: { ropeAttentionFactor: number | null }; trainingPlan: { assumptions: { name: string; value: string; origin: string; source: string }[] } }>(t.app, { query: Q });
    expect(r.errors).toBeUndefined();
    expect(r.data!.a.ropeAttentionFactor).toBeCloseTo(1.34657, 5);
    expect(r.data!.b.ropeAttentionFactor).toBeNull();
    const kernels = r.data!.trainingPlan.assumptions.find((a) => a.name === 'options.elementwiseKernels')!;
    expect(kernels).toMatchObject({ value: 'EAGER_ROPE', origin: 'RECIPE' });
    expect(kernels.source).toMatch(/rope_utils\.py/);
    const bad = await post(t.app, {
      query: `{ trainingPlan(input: { modelSpec: { name: "x", layers: 2, hiddenSize: 256, attentionHeads: 4, vocabSize: 1000, sequenceLength: 512, gatedMlp: true, ropeAttentionFactor: -1 }, clusterSpec: { gpu: "a100-80gb", gpusPerNode: 8, nodes: 1 }, globalBatchSize: 8 }) { model { name } } }`,
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(/input\.modelSpec\.ropeAttentionFactor = -1 is invalid: expected a positive number up to 100/);
    // planSearch's candidates carry the same: its resolver hands the model to the recipe too.
    const searched = await post<{ planSearch: { best: { assumptions: { name: string; value: string; origin: string }[] }[] } }>(t.app, {
      query: `{ planSearch(input: { model: "gpt-oss-120b", clusterSpec: { gpu: "h100-sxm", gpusPerNode: 8, nodes: 8 }, globalBatchSize: 1280, recipe: MEGATRON_CORE,
        expertParallel: [8], top: 1 }) { best { assumptions { name value origin } } } }`,
    });
    expect(searched.errors).toBeUndefined();
    expect(searched.data!.planSearch.best[0]!.assumptions.find((a) => a.name === 'options.elementwiseKernels')).toMatchObject({ value: 'EAGER_ROPE', origin: 'RECIPE' });
  });

  it('returns null for an unknown id', async () => {
    const { data, errors } = await execute(t.app, ModelDocument, { id: 'gpt5-9000b' });
    expect(errors).toBeUndefined();
    expect(data!.model).toBeNull();
  });
});

describe('modelFromHuggingFaceConfig', () => {
  // Llama-2-7b-hf config.json (meta-llama on Hugging Face); 6,738,415,616 parameters (LLaMA-2 7B: 6.74B).
  const llama2 = {
    architectures: ['LlamaForCausalLM'], model_type: 'llama', hidden_act: 'silu', hidden_size: 4096,
    intermediate_size: 11008, max_position_embeddings: 4096, num_attention_heads: 32, num_hidden_layers: 32,
    num_key_value_heads: 32, rms_norm_eps: 1e-5, tie_word_embeddings: false, vocab_size: 32000,
  };

  it('LLaMA keys: Llama 2 7B has 6,738,415,616 parameters', async () => {
    const { data, errors } = await execute(t.app, ModelFromHuggingFaceConfigDocument, { config: JSON.stringify(llama2) });
    expect(errors).toBeUndefined();
    const m = data!.modelFromHuggingFaceConfig;
    expect(m.parameters).toBe(6_738_415_616);
    expect(m.gatedMlp).toBe(true);
    expect(m.tiedEmbeddings).toBe(false);
    expect(m.id).toBe('custom');
  });

  it('Mixtral keys: 8 experts, top-2 — 46.7B total, 12.9B active (Mistral AI, 2023; tolerance 1 %)', async () => {
    const mixtral = {
      architectures: ['MixtralForCausalLM'], model_type: 'mixtral', hidden_act: 'silu', hidden_size: 4096,
      intermediate_size: 14336, max_position_embeddings: 32768, num_attention_heads: 32, num_hidden_layers: 32,
      num_key_value_heads: 8, num_local_experts: 8, num_experts_per_tok: 2, tie_word_embeddings: false, vocab_size: 32000,
    };
    const { data } = await execute(t.app, ModelFromHuggingFaceConfigDocument, { config: JSON.stringify(mixtral) });
    const m = data!.modelFromHuggingFaceConfig;
    expect([m.experts, m.expertsPerToken, m.kvHeads]).toEqual([8, 2, 8]);
    expect(relativeError(m.parameters, 46.7e9)).toBeLessThan(0.01);
    expect(relativeError(m.activeParameters, 12.9e9)).toBeLessThan(0.01);
  });

  it('GPT-2 keys: GPT-2 XL has 1,557,611,200 parameters (tied embeddings, learned positions)', async () => {
    const gpt2 = { model_type: 'gpt2', n_layer: 48, n_embd: 1600, n_head: 25, n_positions: 1024, n_ctx: 1024, vocab_size: 50257, activation_function: 'gelu_new', n_inner: null };
    const { data } = await execute(t.app, ModelFromHuggingFaceConfigDocument, { config: JSON.stringify(gpt2) });
    const m = data!.modelFromHuggingFaceConfig;
    expect(m.parameters).toBe(1_557_611_200);
    expect(m.positionEmbedding).toBe('LEARNED');
    expect(m.gatedMlp).toBe(false);
  });

  it('GPT-NeoX keys: Pythia-6.9B (untied, rotary, GELU MLP) ≈ 6.857B parameters (EleutherAI model card; 0.5 %)', async () => {
    const neox = {
      model_type: 'gpt_neox', hidden_act: 'gelu', hidden_size: 4096, intermediate_size: 16384, num_attention_heads: 32,
      num_hidden_layers: 32, max_position_embeddings: 2048, tie_word_embeddings: false, vocab_size: 50432,
    };
    const { data } = await execute(t.app, ModelFromHuggingFaceConfigDocument, { config: JSON.stringify(neox) });
    const m = data!.modelFromHuggingFaceConfig;
    expect(m.gatedMlp).toBe(false);
    expect(relativeError(m.parameters, 6_857_302_016)).toBeLessThan(0.005);
  });

  it('Qwen keys: Qwen2-7B (GQA 28/4, untied) ≈ 7.62B parameters (Qwen2 model card: 7,615,616,512; QKV biases not counted; 0.1 %)', async () => {
    const qwen2 = {
      architectures: ['Qwen2ForCausalLM'], model_type: 'qwen2', hidden_act: 'silu', hidden_size: 3584, intermediate_size: 18944,
      max_position_embeddings: 131072, num_attention_heads: 28, num_hidden_layers: 28, num_key_value_heads: 4,
      tie_word_embeddings: false, vocab_size: 152064,
    };
    const { data } = await execute(t.app, ModelFromHuggingFaceConfigDocument, { config: JSON.stringify(qwen2) });
    const m = data!.modelFromHuggingFaceConfig;
    expect(m.kvHeads).toBe(4);
    expect(relativeError(m.parameters, 7_615_616_512)).toBeLessThan(0.001);
  });

  it('Qwen-MoE keys: Qwen1.5-MoE-A2.7B (60 experts, top-4, 4-wide shared expert) — 14.3B total, 2.7B active (model card; 1 %)', async () => {
    const qwenMoe = {
      architectures: ['Qwen2MoeForCausalLM'], model_type: 'qwen2_moe', hidden_act: 'silu', hidden_size: 2048, intermediate_size: 5632,
      moe_intermediate_size: 1408, shared_expert_intermediate_size: 5632, num_experts: 60, num_experts_per_tok: 4,
      max_position_embeddings: 8192, num_attention_heads: 16, num_hidden_layers: 24, num_key_value_heads: 16,
      tie_word_embeddings: false, vocab_size: 151936,
    };
    const { data } = await execute(t.app, ModelFromHuggingFaceConfigDocument, { config: JSON.stringify(qwenMoe) });
    const m = data!.modelFromHuggingFaceConfig;
    expect([m.experts, m.expertsPerToken, m.sharedExperts, m.ffnHiddenSize]).toEqual([60, 4, 4, 1408]);
    expect(relativeError(m.parameters, 14.3e9)).toBeLessThan(0.01);
    expect(relativeError(m.activeParameters, 2.7e9)).toBeLessThan(0.01);
  });

  it('Gemma 2 keys: heads of 256 and a 4,096 window on every other layer — within 0.01 % of the published 8,324,201,984 non-embedding parameters (Gemma 2 paper, Table 2)', async () => {
    const gemma2 = {
      architectures: ['Gemma2ForCausalLM'], model_type: 'gemma2', head_dim: 256, hidden_activation: 'gelu_pytorch_tanh',
      hidden_size: 3584, intermediate_size: 14336, max_position_embeddings: 8192, num_attention_heads: 16,
      num_hidden_layers: 42, num_key_value_heads: 8, sliding_window: 4096, vocab_size: 256000, attention_dropout: 0.0,
    };
    const { data, errors } = await execute(t.app, ModelFromHuggingFaceConfigDocument, { config: JSON.stringify(gemma2) });
    expect(errors).toBeUndefined();
    const m = data!.modelFromHuggingFaceConfig;
    expect([m.headDim, m.slidingWindow, m.slidingWindowLayers, m.attentionKeysPerQuery, m.tiedEmbeddings]).toEqual([256, 4096, 21, 6144, true]);
    expect(relativeError(m.nonEmbeddingParameters, 8_324_201_984)).toBeLessThan(1e-4);
    // Causal FLOPs: global layers average 4,096 keys, local ones 4,096 − 4,096²/16,384 = 3,072.
    expect(m.flopsPerToken - m.flopsPerTokenCausal).toBe(3 * 4 * (21 * (8192 - 4096) + 21 * (4096 - 3072)) * 16 * 256);
  });

  it('names every missing key', async () => {
    const { hidden_size: _h, num_hidden_layers: _l, ...partial } = llama2;
    const error = onlyError(await execute(t.app, ModelFromHuggingFaceConfigDocument, { config: JSON.stringify(partial) }));
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('num_hidden_layers');
    expect(error.message).toContain('hidden_size');
    expect(error.message).not.toContain('vocab_size');
  });

  it('rejects malformed JSON and non-objects', async () => {
    for (const config of ['{"hidden_size": 4096,', '[1, 2]', 'null', '']) {
      const error = onlyError(await execute(t.app, ModelFromHuggingFaceConfigDocument, { config }));
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.field).toBe('config');
    }
    const badValue = onlyError(await execute(t.app, ModelFromHuggingFaceConfigDocument, { config: JSON.stringify({ ...llama2, num_hidden_layers: -3 }) }));
    expect(badValue.message).toMatch(/config\.num_hidden_layers = -3/);
  });
});

describe('clusters and cluster', () => {
  it('lists presets with their GPU counts', async () => {
    const { data } = await execute(t.app, ClustersDocument);
    const megatron = data!.clusters.find((c) => c.id === 'a100-80gb-x1024')!;
    // Narayanan et al. 2021: 128 DGX A100 nodes × 8 GPUs.
    expect([megatron.nodes, megatron.gpusPerNode, megatron.gpuCount]).toEqual([128, 8, 1024]);
    expect(megatron.memoryBytes).toBe(1024 * 80e9);
    expect(megatron.peakFlopsPerSecond).toBe(1024 * 312e12);
    expect(megatron.hourUsd).toBeCloseTo(1024 * megatron.gpuHourUsd, 6);
    expect(megatron.powerWatts).toBeCloseTo(1024 * 400 * megatron.pue, 6);
    // Megatron-Bridge's DGX-B200 runs (its performance summary: DeepSeek-V3, Qwen3 235B on 256 GPUs): 32 × 8 B200 at 180 GB.
    // Each preset by id, with its [nodes, GPUs per node, GPUs].
    const preset = (id: string) => data!.clusters.find((c) => c.id === id)!;
    const shape = (id: string) => [preset(id).nodes, preset(id).gpusPerNode, preset(id).gpuCount];
    expect(shape('b200-x256')).toEqual([32, 8, 256]);
    expect(preset('b200-x256').memoryBytes).toBe(256 * 180e9);
    expect(data!.clusters.some((c) => c.id === 'b200-x8')).toBe(true);
    // One DGX B300 (HGX B300 datasheet: 2.3 TB of HBM3e for 8 GPUs, the B200's dense BF16 peak).
    expect(shape('b300-x8')).toEqual([1, 8, 8]);
    expect(preset('b300-x8').memoryBytes).toBe(8 * 288e9);
    expect(preset('b300-x8').peakFlopsPerSecond).toBe(8 * 2250e12);
    // GB200 NVL72: the rack is one NVLink domain of 72 (the catalog's node); eight racks, 576 GPUs.
    expect(shape('gb200-x576')).toEqual([8, 72, 576]);
    expect(preset('gb200-x576').memoryBytes).toBe(576 * 186e9);
    expect(data!.clusters.some((c) => c.id === 'gb200-x72')).toBe(true);
    // GB300 NVL72: Blackwell Ultra's 288 GB in the same 72-GPU domain.
    expect(shape('gb300-x72')).toEqual([1, 72, 72]);
    expect(preset('gb300-x72').memoryBytes).toBe(72 * 288e9);
    // Megatron-Bridge's 256-GPU NVL72 runs: four racks of which 64 GPUs each share the NVLink domain.
    for (const id of ['gb200-x256', 'gb300-x256']) expect(shape(id)).toEqual([4, 64, 256]);
  });

  it('finds one by id; null when unknown', async () => {
    expect((await execute(t.app, ClusterDocument, { id: 'h100-sxm-x16384' })).data!.cluster!.gpuCount).toBe(16384);
    expect((await execute(t.app, ClusterDocument, { id: 'nope' })).data!.cluster).toBeNull();
  });
});

describe('modelStateMemory and maxTrainableParameters (ZeRO paper)', () => {
  it('reproduces Figure 1: 7.5B parameters, N_d = 64 → 120 / 31.4 / 16.6 / 1.9 GB (tolerance 0.1 GB)', async () => {
    const { data } = await execute(t.app, ModelStateMemoryDocument, { parameters: 7.5e9, dataParallel: 64 });
    const totals = data!.modelStateMemory.map((s) => s.totalBytes / 1e9);
    [120, 31.4, 16.6, 1.9].forEach((expected, i) => expect(Math.abs(totals[i]! - expected)).toBeLessThan(0.1));
    expect(data!.modelStateMemory.map((s) => s.stage)).toEqual([0, 1, 2, 3]);
  });

  it('reproduces the max-model-size table: V100-32GB, 1,024 GPUs MP 16 → 121.6B (P_os); 64 GPUs → 128B (P_os+g+p) (tolerance 2 %)', async () => {
    const stage1 = await execute(t.app, MaxTrainableParametersDocument, { gpu: 'v100-32gb', gpus: 1024, zeroStage: 1, tensorParallel: 16 });
    const stage3 = await execute(t.app, MaxTrainableParametersDocument, { gpu: 'v100-32gb', gpus: 64, zeroStage: 3 });
    const baseline = await execute(t.app, MaxTrainableParametersDocument, { gpu: 'v100-32gb', gpus: 64, zeroStage: 0 });
    expect(relativeError(stage1.data!.maxTrainableParameters, 121.6e9)).toBeLessThan(0.02);
    expect(relativeError(stage3.data!.maxTrainableParameters, 128e9)).toBeLessThan(0.02);
    expect(relativeError(baseline.data!.maxTrainableParameters, 2e9)).toBeLessThan(0.02);
  });

  it('names the field for bad arguments', async () => {
    const zero = onlyError(await execute(t.app, MaxTrainableParametersDocument, { gpu: 'v100-32gb', gpus: 1000, zeroStage: 3, tensorParallel: 16 }));
    expect(zero.extensions?.code).toBe('BAD_USER_INPUT');
    expect(zero.message).toMatch(/^gpus = 1000 is invalid: expected a multiple of tensorParallel × pipelineParallel \(16\)/);
    const stage = onlyError(await execute(t.app, MaxTrainableParametersDocument, { gpu: 'v100-32gb', gpus: 64, zeroStage: 4 }));
    expect(stage.message).toBe('zeroStage = 4 is invalid: expected an integer in [0, 3]');
    const gpu = onlyError(await execute(t.app, MaxTrainableParametersDocument, { gpu: 'v200', gpus: 64, zeroStage: 1 }));
    expect(gpu.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('scaling laws', () => {
  it('computeOptimal CHINCHILLA: 5.76e23 FLOPs → ≈ 67B parameters (Hoffmann et al. 2022 Table 3; tolerance 10 %)', async () => {
    const { data } = await execute(t.app, ComputeOptimalDocument, { computeFlops: 5.76e23, law: 'CHINCHILLA' });
    const c = data!.computeOptimal;
    expect(relativeError(c.parameters, 67e9)).toBeLessThan(0.1);
    // C = 6·N·D by definition of the allocation.
    expect(relativeError(6 * c.parameters * c.tokens, 5.76e23)).toBeLessThan(1e-9);
    expect(c.computePfDays).toBeCloseTo(5.76e23 / 8.64e19, 3);
    expect(c.law).toBe('CHINCHILLA');
  });

  it('defaults to CHINCHILLA and rejects non-positive budgets', async () => {
    const { data } = await execute(t.app, ComputeOptimalDocument, { computeFlops: 1e21 });
    expect(data!.computeOptimal.law).toBe('CHINCHILLA');
    const error = onlyError(await execute(t.app, ComputeOptimalDocument, { computeFlops: -5 }));
    expect(error.message).toMatch(/^computeFlops = -5 is invalid/);
  });

  it('scalingLawLoss: Kaplan L(N, D) with the Eq. 1.5 constants gives ≈ 1.661 at 175B, 300B (tolerance 0.5 %)', async () => {
    const { data } = await execute(t.app, ScalingLawLossDocument, { parameters: 175e9, tokens: 300e9, law: 'KAPLAN' });
    expect(relativeError(data!.scalingLawLoss!, 1.661)).toBeLessThan(0.005);
  });

  it('extrapolation reproduces the article: 20.4T parameters, loss 1.117, 3.43e7 PF-days, 16.8T tokens, $1.4B on A100s (tolerance 2 %)', async () => {
    const { data } = await execute(t.app, ExtrapolationDocument, {});
    const x = data!.extrapolation;
    expect(relativeError(x.nextParameters, 20.4e12)).toBeLessThan(0.02);
    expect(relativeError(x.nextLoss, 1.117)).toBeLessThan(0.02);
    expect(relativeError(x.nextComputePfDays, 3.43e7)).toBeLessThan(0.02);
    expect(relativeError(x.nextTokens, 16.8e12)).toBeLessThan(0.02);
    expect(relativeError(x.nextCostA100Usd, 1.4e9)).toBeLessThan(0.03);
    expect(x.chinchilla.parameters).toBeLessThan(x.nextParameters);
    expect(x.chinchilla.tokens).toBeGreaterThan(x.nextTokens);
  });

  it('extrapolation takes overrides: a 10× cheaper GPT-3 makes the next one 10× cheaper', async () => {
    const base = (await execute(t.app, ExtrapolationDocument, {})).data!.extrapolation;
    const cheap = (await execute(t.app, ExtrapolationDocument, { assumptions: { currentCostUsd: 4.6e5 } })).data!.extrapolation;
    expect(cheap.nextCostV100Usd).toBeCloseTo(base.nextCostV100Usd / 10, -3);
    const bad = onlyError(await execute(t.app, ExtrapolationDocument, { assumptions: { currentParameters: 0 } }));
    expect(bad.extensions?.field).toBe('assumptions.currentParameters');
  });
});
