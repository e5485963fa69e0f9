/** Every mutation and the saved-item queries, in-process, on a temp SQLite file. */
import { describe, expect, it } from 'vitest';
import {
  ClusterDocument,
  ClustersDocument,
  CreateClusterDocument,
  CreateModelDocument,
  CreateModelFromHuggingFaceConfigDocument,
  DeleteClusterDocument,
  DeleteModelDocument,
  DeletePlanDocument,
  ModelDocument,
  ModelsDocument,
  PlanDocument,
  PlansDocument,
  SavePlanDocument,
  UpdateClusterDocument,
  UpdateModelDocument,
  UpdatePlanDocument,
  type ModelInput,
} from '../gql/graphql.js';
import { execute, onlyError } from '../server/helpers.js';
import { useSharedTestApp } from '../server/tservers.js';

const t = useSharedTestApp();

// GPT-3 XL (Brown et al. 2020 Table 2.1): 24 layers, d_model 2048, 24 heads (head size 128 as published), context 2048.
const gpt3Xl: ModelInput = { name: 'My GPT-3 XL', layers: 24, hiddenSize: 2048, attentionHeads: 16, vocabSize: 50257, sequenceLength: 2048 };

describe('models', () => {
  it('createModel saves with an m_ id, counts 12·l·h² + embeddings, and lists after the presets', async () => {
    const { data, errors } = await execute(t.app, CreateModelDocument, { input: gpt3Xl });
    expect(errors).toBeUndefined();
    const model = data!.createModel;
    expect(model.id).toMatch(/^m_[a-z2-7]{12}$/);
    expect(model.preset).toBe(false);
    const [l, h, V, s] = [24, 2048, 50257, 2048];
    // GPT layer: 12h² + 13h parameters; tied token embedding V·h and learned positions s·h; final LayerNorm 2h.
    expect(model.parameters).toBe(l * (12 * h * h + 13 * h) + V * h + s * h + 2 * h);
    expect(model.createdAt).toBe(model.updatedAt);
    const list = (await execute(t.app, ModelsDocument)).data!.models;
    expect(list.at(-1)!.id).toBe(model.id);
    expect(list[0]!.preset).toBe(true);
    const again = (await execute(t.app, ModelDocument, { id: model.id })).data!.model!;
    expect(again.parameters).toBe(model.parameters);
  });

  it('createModelFromHuggingFaceConfig saves a parsed config under a given name', async () => {
    const config = JSON.stringify({ model_type: 'mistral', hidden_size: 4096, intermediate_size: 14336, num_attention_heads: 32, num_key_value_heads: 8, num_hidden_layers: 32, vocab_size: 32000, max_position_embeddings: 32768, tie_word_embeddings: false });
    const { data } = await execute(t.app, CreateModelFromHuggingFaceConfigDocument, { config, name: 'Mistral 7B' });
    // Mistral 7B: 7.24B parameters (Jiang et al. 2023 model card; tolerance 0.5 %).
    expect(Math.abs(data!.createModelFromHuggingFaceConfig.parameters / 7.24e9 - 1)).toBeLessThan(0.005);
    expect(data!.createModelFromHuggingFaceConfig.name).toBe('Mistral 7B');
  });

  it('updateModel changes architecture and name; presets are FORBIDDEN, unknown ids NOT_FOUND', async () => {
    const created = (await execute(t.app, CreateModelDocument, { input: gpt3Xl })).data!.createModel;
    const { data } = await execute(t.app, UpdateModelDocument, { id: created.id, input: { ...gpt3Xl, name: 'Deeper', layers: 48 } });
    expect(data!.updateModel.layers).toBe(48);
    expect(data!.updateModel.name).toBe('Deeper');
    expect(data!.updateModel.parameters).toBeGreaterThan(created.parameters);
    const preset = onlyError(await execute(t.app, UpdateModelDocument, { id: 'gpt3-175b', input: gpt3Xl }));
    expect(preset.extensions?.code).toBe('FORBIDDEN');
    expect(preset.message).toContain('"gpt3-175b"');
    const missing = onlyError(await execute(t.app, UpdateModelDocument, { id: 'm_aaaaaaaaaaaa', input: gpt3Xl }));
    expect(missing.extensions?.code).toBe('NOT_FOUND');
  });

  it('deleteModel removes a saved model; presets are read-only', async () => {
    const created = (await execute(t.app, CreateModelDocument, { input: gpt3Xl })).data!.createModel;
    expect((await execute(t.app, DeleteModelDocument, { id: created.id })).data!.deleteModel).toBe(created.id);
    expect((await execute(t.app, ModelDocument, { id: created.id })).data!.model).toBeNull();
    expect(onlyError(await execute(t.app, DeleteModelDocument, { id: created.id })).extensions?.code).toBe('NOT_FOUND');
    const preset = onlyError(await execute(t.app, DeleteModelDocument, { id: 'llama3-405b' }));
    expect(preset.extensions?.code).toBe('FORBIDDEN');
    expect((await execute(t.app, ModelDocument, { id: 'llama3-405b' })).data!.model).not.toBeNull();
  });

  it('createModel keeps headDim and a sliding window (Gemma 2 9B as a spec): saved, re-read and counted like the preset', async () => {
    const spec: ModelInput = {
      name: 'My Gemma 2', layers: 42, hiddenSize: 3584, attentionHeads: 16, kvHeads: 8, headDim: 256, ffnHiddenSize: 14336,
      gatedMlp: true, tiedEmbeddings: true, vocabSize: 256000, sequenceLength: 8192, slidingWindow: 4096, slidingWindowLayers: 21,
    };
    const { data, errors } = await execute(t.app, CreateModelDocument, { input: spec });
    expect(errors).toBeUndefined();
    const created = data!.createModel;
    expect([created.headDim, created.slidingWindow, created.slidingWindowLayers]).toEqual([256, 4096, 21]);
    const preset = (await execute(t.app, ModelDocument, { id: 'gemma2-9b' })).data!.model!;
    expect(created.parameters).toBe(preset.parameters);
    expect(created.flopsPerToken).toBe(preset.flopsPerToken);
    const again = (await execute(t.app, ModelDocument, { id: created.id })).data!.model!;
    expect([again.headDim, again.slidingWindow, again.slidingWindowLayers, again.attentionKeysPerQuery]).toEqual([256, 4096, 21, 6144]);
  });

  it('createModel with latent attention and dense layers (DeepSeek-V3 as a spec) counts like the preset: 671B, 58 MoE layers', async () => {
    const spec: ModelInput = {
      name: 'My DeepSeek-V3', layers: 61, hiddenSize: 7168, attentionHeads: 128, ffnHiddenSize: 2048, gatedMlp: true,
      vocabSize: 129_280, sequenceLength: 4096, experts: 256, expertsPerToken: 8, sharedExperts: 1, denseLayers: 3,
      denseFfnHiddenSize: 18_432, latentAttention: { queryRank: 1536, kvRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 },
    };
    const { data, errors } = await execute(t.app, CreateModelDocument, { input: spec });
    expect(errors).toBeUndefined();
    const created = data!.createModel;
    const preset = (await execute(t.app, ModelDocument, { id: 'deepseek-v3' })).data!.model!;
    expect([created.parameters, created.activeParameters, created.flopsPerToken]).toEqual([preset.parameters, preset.activeParameters, preset.flopsPerToken]);
    expect(Math.abs(created.parameters - 671e9)).toBeLessThan(0.5e9);
    expect([created.moeLayers, created.latentAttention?.kvRank]).toEqual([58, 512]);
    const again = (await execute(t.app, ModelDocument, { id: created.id })).data!.model!;
    expect(again.latentAttention).toEqual({ queryRank: 1536, kvRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 });
    expect([again.denseLayers, again.denseFfnHiddenSize, again.headDim]).toEqual([3, 18_432, 160]);
    const bad = onlyError(await execute(t.app, CreateModelDocument, { input: { ...spec, kvHeads: 8 } }));
    expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.kvHeads' });
    const dense = onlyError(await execute(t.app, CreateModelDocument, { input: { ...gpt3Xl, denseLayers: 2 } }));
    expect(dense.extensions?.field).toBe('input.denseLayers');
    expect(dense.message).toContain('MoE');
  });

  it('rejects window fields that cannot be, naming the field and what is allowed', async () => {
    const layersWithoutWindow = onlyError(await execute(t.app, CreateModelDocument, { input: { ...gpt3Xl, slidingWindowLayers: 4 } }));
    expect(layersWithoutWindow.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.slidingWindowLayers' });
    expect(layersWithoutWindow.message).toContain('slidingWindow');
    const tooMany = onlyError(await execute(t.app, CreateModelDocument, { input: { ...gpt3Xl, slidingWindow: 512, slidingWindowLayers: 25 } }));
    expect(tooMany.message).toMatch(/input\.slidingWindowLayers = 25 .*24/);
    const zeroWindow = onlyError(await execute(t.app, CreateModelDocument, { input: { ...gpt3Xl, slidingWindow: 0 } }));
    expect(zeroWindow.extensions?.field).toBe('input.slidingWindow');
    const zeroHead = onlyError(await execute(t.app, CreateModelDocument, { input: { ...gpt3Xl, headDim: 0 } }));
    expect(zeroHead.extensions?.field).toBe('input.headDim');
    // A width the heads do not divide is fine once headDim says how wide a head is.
    const odd = await execute(t.app, CreateModelDocument, { input: { ...gpt3Xl, hiddenSize: 2056, headDim: 128 } });
    expect(odd.errors).toBeUndefined();
    const oddWithout = onlyError(await execute(t.app, CreateModelDocument, { input: { ...gpt3Xl, hiddenSize: 2056 } }));
    expect(oddWithout.message).toContain('or give headDim');
  });

  it('rejects invalid architectures naming the field', async () => {
    const error = onlyError(await execute(t.app, CreateModelDocument, { input: { ...gpt3Xl, kvHeads: 5 } }));
    expect(error.extensions?.field).toBe('input.kvHeads');
    expect(error.message).toBe('input.kvHeads = 5 is invalid: expected a divisor of attentionHeads (16)');
    const name = onlyError(await execute(t.app, CreateModelDocument, { input: { ...gpt3Xl, name: 'x'.repeat(201) } }));
    expect(name.extensions?.field).toBe('input.name');
  });
});

describe('clusters', () => {
  it('create, read, update and delete a cluster', async () => {
    const created = (await execute(t.app, CreateClusterDocument, { input: { name: 'Lab', gpu: 'h100-sxm', gpusPerNode: 8, nodes: 4, gpuHourUsd: 2.5, pue: 1.1 } })).data!.createCluster;
    expect(created.id).toMatch(/^c_/);
    expect([created.gpuCount, created.gpu.id, created.gpuHourUsd, created.pue]).toEqual([32, 'h100-sxm', 2.5, 1.1]);
    // Node RAM/NVMe default to the GPU's usual server (DGX H100: 2 TB, 30 TB) and are kept when given.
    expect([created.hostMemoryBytesPerNode, created.nvmeBytesPerNode]).toEqual([2e12, 30e12]);
    const bigRam = (await execute(t.app, CreateClusterDocument, { input: { gpu: 'h100-sxm', gpusPerNode: 8, nodes: 1, hostMemoryBytesPerNode: 4e12, nvmeBytesPerNode: 0 } })).data!.createCluster;
    expect([bigRam.hostMemoryBytesPerNode, bigRam.nvmeBytesPerNode]).toEqual([4e12, 0]);
    const reread = (await execute(t.app, ClustersDocument)).data!.clusters.find((c) => c.id === bigRam.id)!;
    expect(reread.id).toBe(bigRam.id);
    await execute(t.app, DeleteClusterDocument, { id: bigRam.id });
    expect((await execute(t.app, ClustersDocument)).data!.clusters.at(-1)!.id).toBe(created.id);
    const updated = (await execute(t.app, UpdateClusterDocument, { id: created.id, input: { gpu: 'h100-sxm', gpusPerNode: 8, nodes: 16 } })).data!.updateCluster;
    expect(updated.gpuCount).toBe(128);
    expect(updated.name).toBe('Lab');
    expect((await execute(t.app, DeleteClusterDocument, { id: created.id })).data!.deleteCluster).toBe(created.id);
    expect((await execute(t.app, ClusterDocument, { id: created.id })).data!.cluster).toBeNull();
  });

  it('presets are read-only and bad clusters name the field', async () => {
    expect(onlyError(await execute(t.app, DeleteClusterDocument, { id: 'a100-80gb-x1024' })).extensions?.code).toBe('FORBIDDEN');
    expect(onlyError(await execute(t.app, UpdateClusterDocument, { id: 'a100-80gb-x8', input: { gpu: 'a100-80gb', gpusPerNode: 8, nodes: 2 } })).extensions?.code).toBe('FORBIDDEN');
    const gpu = onlyError(await execute(t.app, CreateClusterDocument, { input: { gpu: 'k80', gpusPerNode: 8, nodes: 1 } }));
    expect([gpu.extensions?.code, gpu.extensions?.field]).toEqual(['NOT_FOUND', 'input.gpu']);
    const pue = onlyError(await execute(t.app, CreateClusterDocument, { input: { gpu: 'a100-80gb', gpusPerNode: 8, nodes: 1, pue: 0.5 } }));
    expect(pue.message).toBe('input.pue = 0.5 is invalid: expected a finite number in [1, 3]');
  });
});

describe('plans', () => {
  const input = { model: 'gpt3-175b', cluster: 'a100-80gb-x1024', globalBatchSize: 1536, tensorParallel: 8, pipelineParallel: 8, recompute: 'FULL' as const };

  it('savePlan snapshots model and cluster; plans/plan re-estimate it; a deleted saved model does not break it', async () => {
    const model = (await execute(t.app, CreateModelDocument, { input: gpt3Xl })).data!.createModel;
    const cluster = (await execute(t.app, CreateClusterDocument, { input: { gpu: 'a100-80gb', gpusPerNode: 8, nodes: 2 } })).data!.createCluster;
    const saved = (await execute(t.app, SavePlanDocument, { input: { plan: { model: model.id, cluster: cluster.id, globalBatchSize: 32 } } })).data!.savePlan;
    expect(saved.id).toMatch(/^p_/);
    expect(saved.name).toBe(`My GPT-3 XL on ${cluster.name}`);
    expect(saved.plan!.parallelism.dataParallel).toBe(16);
    await execute(t.app, DeleteModelDocument, { id: model.id });
    await execute(t.app, DeleteClusterDocument, { id: cluster.id });
    const again = (await execute(t.app, PlanDocument, { id: saved.id })).data!.plan!;
    expect(again.plan!.model.name).toBe('My GPT-3 XL');
    expect(again.plan!.cluster.gpuCount).toBe(16);
    expect((await execute(t.app, PlansDocument)).data!.plans.some((p) => p.id === saved.id)).toBe(true);
  });

  it('savePlan refuses an invalid plan; updatePlan and deletePlan', async () => {
    const bad = onlyError(await execute(t.app, SavePlanDocument, { input: { plan: { ...input, tensorParallel: 5 } } }));
    expect(bad.extensions?.field).toBe('input.plan.tensorParallel');
    const saved = (await execute(t.app, SavePlanDocument, { input: { name: 'Megatron', plan: input } })).data!.savePlan;
    expect(saved.plan!.fits).toBe(true);
    const updated = (await execute(t.app, UpdatePlanDocument, { id: saved.id, input: { plan: { ...input, tensorParallel: 4, pipelineParallel: 16 } } })).data!.updatePlan;
    expect(updated.name).toBe('Megatron');
    expect(updated.plan!.parallelism).toEqual({ tensorParallel: 4, dataParallel: 16 });
    expect((await execute(t.app, DeletePlanDocument, { id: saved.id })).data!.deletePlan).toBe(saved.id);
    expect((await execute(t.app, PlanDocument, { id: saved.id })).data!.plan).toBeNull();
    expect(onlyError(await execute(t.app, DeletePlanDocument, { id: saved.id })).extensions?.code).toBe('NOT_FOUND');
  });
});
