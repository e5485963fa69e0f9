/**
 * Cluster: nodes × GPUs of one catalog GPU. Presets (read-only) are the clusters of well-known runs; saved clusters
 * live in SQLite with ids `c_…`; `ClusterInput` describes an unsaved one (id from makeCluster, e.g. `a100-80gb-x1024`).
 */
import { hostMemoryBytesPerNodeOf, makeCluster, nvmeBytesPerNodeOf } from '../core/hardware.js';
import type { ClusterSpec } from '../core/types.js';
import { builder } from './builder.js';
import { idSchema, specNameSchema } from './validation.js';
import type { SavedRecord, SchemaContext } from './context.js';
import { PrecisionEnum } from './enums.js';
import { forbidden, notFound, withInputPath } from './error-helpers.js';
import { GpuRef, requireGpu, trainingPeakOrNull } from './gpu.js';
import { publishSavedItemChange } from './saved-items.js';

export interface ClusterView {
  spec: ClusterSpec;
  preset: boolean;
  createdAt: string | null;
  updatedAt: string | null;
}

/** Saved JSON document of a cluster: the GPU by catalog id, so catalog corrections reach saved clusters. */
interface SavedClusterData {
  gpu: string;
  gpusPerNode: number;
  nodes: number;
  gpuHourUsd?: number;
  pue?: number;
  hostMemoryBytesPerNode?: number;
  nvmeBytesPerNode?: number;
  interNodeBandwidthBytesPerSecond?: number;
}

export const SAVED_CLUSTER_PREFIX = 'c_';

/** The clusters of well-known runs, built from the core's catalog (ids follow makeCluster: `<gpu>-x<count>`). */
const PRESET_CLUSTERS: readonly { gpu: string; gpusPerNode: number; nodes: number; name: string }[] = [
  { gpu: 'a100-80gb', gpusPerNode: 8, nodes: 1, name: 'One DGX A100 (8 × A100-80GB)' },
  // Narayanan et al. 2021 (Megatron-LM, SC21) trained GPT-3 175B on 1,024 A100s: 128 DGX A100 nodes.
  { gpu: 'a100-80gb', gpusPerNode: 8, nodes: 128, name: 'Megatron-LM GPT-3 run: 128 DGX A100 (1,024 GPUs)' },
  { gpu: 'h100-sxm', gpusPerNode: 8, nodes: 1, name: 'One HGX H100 (8 × H100-SXM)' },
  // Llama 3 405B trained on up to 16,384 H100s (Llama Team 2024, "The Llama 3 Herd of Models" §3.3).
  { gpu: 'h100-sxm', gpusPerNode: 8, nodes: 2048, name: 'Llama 3 405B run: 2,048 HGX H100 (16,384 GPUs)' },
  { gpu: 'b200', gpusPerNode: 8, nodes: 1, name: 'One DGX B200 (8 × B200)' },
  // Megatron-Bridge's largest DGX-B200 runs in its performance summary (DeepSeek-V3, Qwen3 235B): 256 GPUs.
  { gpu: 'b200', gpusPerNode: 8, nodes: 32, name: 'Megatron-Bridge DGX-B200 runs: 32 DGX B200 (256 GPUs)' },
  // Blackwell Ultra: the B200's tensor throughput with 288 GB of HBM and an 800 Gb/s NIC per GPU (no published run yet).
  { gpu: 'b300', gpusPerNode: 8, nodes: 1, name: 'One DGX B300 (8 × B300)' },
  // GB200 NVL72: a rack is one NVLink domain of 72 GPUs (the catalog's node); eight make a 576-GPU DGX SuperPOD unit.
  { gpu: 'gb200', gpusPerNode: 72, nodes: 1, name: 'One GB200 NVL72 rack (72 GPUs, one NVLink domain)' },
  { gpu: 'gb200', gpusPerNode: 72, nodes: 8, name: 'Eight GB200 NVL72 racks (576 GPUs)' },
  { gpu: 'gb300', gpusPerNode: 72, nodes: 1, name: 'One GB300 NVL72 rack (72 GPUs, one NVLink domain)' },
  // Megatron-Bridge's 256-GPU GB200 / GB300 runs (its performance summary): four racks, 64 GPUs of each in its NVLink domain.
  { gpu: 'gb200', gpusPerNode: 64, nodes: 4, name: 'Four GB200 NVL72 racks, 64 GPUs used in each (256 GPUs)' },
  { gpu: 'gb300', gpusPerNode: 64, nodes: 4, name: 'Four GB300 NVL72 racks, 64 GPUs used in each (256 GPUs)' },
];

let presetCache: Map<string, ClusterView> | undefined;
function presetClusters(): Map<string, ClusterView> {
  if (!presetCache) {
    presetCache = new Map();
    for (const p of PRESET_CLUSTERS) {
      const spec = makeCluster({ gpu: requireGpu(p.gpu, 'gpu'), gpusPerNode: p.gpusPerNode, nodes: p.nodes, name: p.name });
      presetCache.set(spec.id, { spec, preset: true, createdAt: null, updatedAt: null });
    }
  }
  return presetCache;
}

export function isPresetClusterId(id: string): boolean {
  return presetClusters().has(id.toLowerCase());
}

function viewFromSaved(record: SavedRecord<SavedClusterData>): ClusterView {
  const d = record.data;
  // Stored data: its errors name the record's own fields, never under the caller's argument path.
  const spec = withInputPath(undefined, () =>
    makeCluster({
      id: record.id,
      name: record.name,
      gpu: requireGpu(d.gpu, 'gpu'),
      gpusPerNode: d.gpusPerNode,
      nodes: d.nodes,
      ...(d.gpuHourUsd === undefined ? {} : { gpuHourUsd: d.gpuHourUsd }),
      ...(d.pue === undefined ? {} : { pue: d.pue }),
      ...(d.hostMemoryBytesPerNode === undefined ? {} : { hostMemoryBytesPerNode: d.hostMemoryBytesPerNode }),
      ...(d.interNodeBandwidthBytesPerSecond === undefined ? {} : { interNodeBandwidthBytesPerSecond: d.interNodeBandwidthBytesPerSecond }),
      ...(d.nvmeBytesPerNode === undefined ? {} : { nvmeBytesPerNode: d.nvmeBytesPerNode }),
    }),
  );
  return { spec, preset: false, createdAt: record.createdAt, updatedAt: record.updatedAt };
}

export async function findCluster(ctx: SchemaContext, id: string): Promise<ClusterView | undefined> {
  const preset = presetClusters().get(id.toLowerCase());
  if (preset) return preset;
  if (!id.startsWith(SAVED_CLUSTER_PREFIX)) return undefined;
  const record = await ctx.store.get<SavedClusterData>('CLUSTER', id);
  return record ? viewFromSaved(record) : undefined;
}

export async function requireCluster(ctx: SchemaContext, id: string, field: string): Promise<ClusterView> {
  const view = await findCluster(ctx, id);
  if (!view) throw notFound(field, id, `a preset id (${[...presetClusters().keys()].join(', ')}) or a saved cluster id (c_…)`);
  return view;
}

/** GraphQL shape of ClusterInput as Pothos infers it from ClusterInputRef (defaults already applied by GraphQL). */
export type ClusterInputShape = typeof ClusterInputRef.$inferInput;

/** ClusterInput → validated ClusterSpec (errors name `${path}.<field>`). */
export function clusterFromInput(input: ClusterInputShape, path: string, id?: string): ClusterView {
  specNameSchema.check(`${path}.name`, input.name);
  const gpu = requireGpu(input.gpu, `${path}.gpu`);
  const spec = withInputPath(path, () =>
    makeCluster({
      ...(id === undefined ? {} : { id }),
      ...(input.name == null ? {} : { name: input.name }),
      gpu,
      gpusPerNode: input.gpusPerNode,
      nodes: input.nodes,
      ...(input.gpuHourUsd == null ? {} : { gpuHourUsd: input.gpuHourUsd }),
      ...(input.pue == null ? {} : { pue: input.pue }),
      ...(input.hostMemoryBytesPerNode == null ? {} : { hostMemoryBytesPerNode: input.hostMemoryBytesPerNode }),
      ...(input.nvmeBytesPerNode == null ? {} : { nvmeBytesPerNode: input.nvmeBytesPerNode }),
      ...(input.interNodeBandwidthBytesPerSecond == null ? {} : { interNodeBandwidthBytesPerSecond: input.interNodeBandwidthBytesPerSecond }),
    }),
  );
  return { spec, preset: false, createdAt: null, updatedAt: null };
}

export const ClusterInputRef = builder.inputType('ClusterInput', {
  description: 'A cluster of `nodes × gpusPerNode` identical catalog GPUs (at most 1,000,000 GPUs).',
  fields: (t) => ({
    name: t.string({ description: 'Display name (at most 200 characters).' }),
    gpu: t.id({ required: true, description: 'Catalog GPU id, e.g. `a100-80gb` (see `gpus`).' }),
    gpusPerNode: t.int({
      required: true,
      description:
        'GPUs per node (1–1024): the GPUs that share one NVLink domain — 8 on an HGX/DGX server, up to 72 in a GB200 / GB300 NVL72 rack (64 when a job uses 64 of each rack); tensor, expert and context parallelism beyond a node cross the slower network.',
    }),
    nodes: t.int({ required: true, description: 'Nodes (≥ 1).' }),
    gpuHourUsd: t.float({ description: 'Price per GPU-hour in US dollars (0–10,000). Default: the GPU\'s catalog price.' }),
    pue: t.float({ description: 'Power usage effectiveness of the data centre (1–3), for energy. Default 1.2.' }),
    hostMemoryBytesPerNode: t.float({
      description: 'CPU RAM per node in bytes (1e9–1e15), where offloaded states live. Default: the GPU\'s usual server (DGX A100 640GB: 2 TB).',
    }),
    nvmeBytesPerNode: t.float({
      description: 'Local NVMe per node in bytes (0–1e15) for NVMe offload. Default: the GPU\'s usual server (DGX A100 640GB: 30 TB).',
    }),
    interNodeBandwidthBytesPerSecond: t.float({
      description:
        'Inter-node (NIC) bandwidth per GPU in bytes/s, one direction (1e8–1e13), when the fabric differs from the GPU\'s usual server — e.g. 6.25e9 for four 100 Gb/s links per node of 8 (BLOOM\'s Jean Zay). Default: the GPU\'s (`Gpu.interNodeBandwidthBytesPerSecond`); the cluster\'s `gpu` shows the value used.',
    }),
  }),
});

export const ClusterRef = builder.objectRef<ClusterView>('Cluster').implement({
  description: 'A training cluster: nodes × GPUs of one GPU type, with its price and power assumptions.',
  fields: (t) => ({
    id: t.id({ description: 'Preset id (e.g. `a100-80gb-x1024`), saved id (`c_…`), or a generated id for an unsaved spec.', resolve: (c) => c.spec.id }),
    name: t.string({ description: 'Display name.', resolve: (c) => c.spec.name }),
    preset: t.boolean({ description: 'True for the built-in read-only presets.', resolve: (c) => c.preset }),
    createdAt: t.field({ type: 'DateTime', nullable: true, description: 'When a saved cluster was created; null otherwise.', resolve: (c) => c.createdAt }),
    updatedAt: t.field({ type: 'DateTime', nullable: true, description: 'When a saved cluster was last changed; null otherwise.', resolve: (c) => c.updatedAt }),
    gpu: t.field({ type: GpuRef, description: 'The GPU type.', resolve: (c) => c.spec.gpu }),
    gpusPerNode: t.int({ description: 'GPUs per node: one NVLink domain (8 on HGX/DGX, 72 in an NVL72 rack).', resolve: (c) => c.spec.gpusPerNode }),
    nodes: t.int({ description: 'Nodes.', resolve: (c) => c.spec.nodes }),
    gpuCount: t.int({ description: 'Total GPUs (nodes × gpusPerNode).', resolve: (c) => c.spec.nodes * c.spec.gpusPerNode }),
    gpuHourUsd: t.float({ description: 'Price per GPU-hour in US dollars.', resolve: (c) => c.spec.gpuHourUsd }),
    hourUsd: t.float({ description: 'Price of the whole cluster per hour in US dollars.', resolve: (c) => c.spec.gpuHourUsd * c.spec.nodes * c.spec.gpusPerNode }),
    pue: t.float({ description: 'Power usage effectiveness (facility power / IT power).', resolve: (c) => c.spec.pue }),
    hostMemoryBytesPerNode: t.float({
      description: 'CPU RAM per node in bytes that offloaded states must fit (the input, else the GPU\'s usual server).',
      resolve: (c) => hostMemoryBytesPerNodeOf(c.spec),
    }),
    nvmeBytesPerNode: t.float({
      description: 'Local NVMe per node in bytes that NVMe offload must fit (the input, else the GPU\'s usual server).',
      resolve: (c) => nvmeBytesPerNodeOf(c.spec),
    }),
    memoryBytes: t.float({ description: 'Total GPU memory of the cluster in bytes.', resolve: (c) => c.spec.gpu.memoryBytes * c.spec.nodes * c.spec.gpusPerNode }),
    peakFlopsPerSecond: t.float({
      nullable: true,
      description: 'Total dense peak of the cluster in FLOP/s for training in `precision`; null for FP8 on GPUs without FP8 tensor cores.',
      args: { precision: t.arg({ type: PrecisionEnum, defaultValue: 'BF16', description: 'Training precision.' }) },
      resolve: (c, { precision }) => {
        const peak = trainingPeakOrNull(c.spec.gpu, precision ?? 'BF16');
        return peak === null ? null : peak * c.spec.nodes * c.spec.gpusPerNode;
      },
    }),
    powerWatts: t.float({ description: 'GPU board power of the whole cluster times PUE, in watts (TDP × GPUs × PUE).', resolve: (c) => c.spec.gpu.tdpWatts * c.spec.nodes * c.spec.gpusPerNode * c.spec.pue }),
  }),
});


builder.queryFields((t) => ({
  clusters: t.field({
    type: [ClusterRef],
    description: 'Every cluster: presets first, then saved clusters (oldest first).',
    resolve: async (_root, _args, ctx) => [...presetClusters().values(), ...(await ctx.store.list<SavedClusterData>('CLUSTER')).map(viewFromSaved)],
  }),
  cluster: t.field({
    type: ClusterRef,
    nullable: true,
    description: 'A preset or saved cluster by id; null when unknown.',
    args: { id: t.arg.id({ required: true, description: 'Preset id (e.g. `a100-80gb-x1024`) or saved id (`c_…`).', validate: idSchema }) },
    resolve: async (_root, { id }, ctx) => (await findCluster(ctx, id)) ?? null,
  }),
}));

async function requireSavedCluster(ctx: SchemaContext, id: string, field: string): Promise<SavedRecord<SavedClusterData>> {
  if (isPresetClusterId(id)) throw forbidden(field, id, 'presets are read-only; save a copy with createCluster');
  const record = id.startsWith(SAVED_CLUSTER_PREFIX) ? await ctx.store.get<SavedClusterData>('CLUSTER', id) : undefined;
  if (!record) throw notFound(field, id, 'the id of a saved cluster (c_…)');
  return record;
}

function dataFromInput(input: ClusterInputShape, view: ClusterView): SavedClusterData {
  return {
    gpu: view.spec.gpu.id,
    gpusPerNode: view.spec.gpusPerNode,
    nodes: view.spec.nodes,
    ...(input.gpuHourUsd == null ? {} : { gpuHourUsd: input.gpuHourUsd }),
    ...(input.pue == null ? {} : { pue: input.pue }),
    ...(input.hostMemoryBytesPerNode == null ? {} : { hostMemoryBytesPerNode: input.hostMemoryBytesPerNode }),
    ...(input.nvmeBytesPerNode == null ? {} : { nvmeBytesPerNode: input.nvmeBytesPerNode }),
    ...(input.interNodeBandwidthBytesPerSecond == null ? {} : { interNodeBandwidthBytesPerSecond: input.interNodeBandwidthBytesPerSecond }),
  };
}

builder.mutationFields((t) => ({
  createCluster: t.field({
    type: ClusterRef,
    description: 'Saves a cluster; it gets an id `c_…` and appears in `clusters`.',
    args: { input: t.arg({ type: ClusterInputRef, required: true, description: 'The cluster.' }) },
    resolve: async (_root, { input }, ctx) => {
      const view = clusterFromInput(input, 'input');
      const record = await ctx.store.insert<SavedClusterData>('CLUSTER', input.name ?? view.spec.name, dataFromInput(input, view), null);
      publishSavedItemChange(ctx, { kind: 'CLUSTER', id: record.id, name: record.name, change: 'CREATED' });
      return viewFromSaved(record);
    },
  }),
  updateCluster: t.field({
    type: ClusterRef,
    description: 'Replaces a saved cluster (and its name). Presets are read-only (FORBIDDEN).',
    args: {
      id: t.arg.id({ required: true, description: 'Saved cluster id (`c_…`).', validate: idSchema }),
      input: t.arg({ type: ClusterInputRef, required: true, description: 'The new cluster.' }),
    },
    resolve: async (_root, { id, input }, ctx) => {
      const existing = await requireSavedCluster(ctx, id, 'id');
      const view = clusterFromInput(input, 'input', id);
      const record = await ctx.store.update<SavedClusterData>('CLUSTER', id, input.name ?? existing.name, dataFromInput(input, view));
      if (!record) throw notFound('id', id, 'the id of a saved cluster (c_…)');
      publishSavedItemChange(ctx, { kind: 'CLUSTER', id, name: record.name, change: 'UPDATED' });
      return viewFromSaved(record);
    },
  }),
  deleteCluster: t.id({
    description: 'Deletes a saved cluster and returns its id. Presets are read-only (FORBIDDEN); unknown ids give NOT_FOUND.',
    args: { id: t.arg.id({ required: true, description: 'Saved cluster id (`c_…`).', validate: idSchema }) },
    resolve: async (_root, { id }, ctx) => {
      const record = await requireSavedCluster(ctx, id, 'id');
      await ctx.store.delete('CLUSTER', id);
      publishSavedItemChange(ctx, { kind: 'CLUSTER', id, name: record.name, change: 'DELETED' });
      return id;
    },
  }),
}));
