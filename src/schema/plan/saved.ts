/** Saved plans (ids `p_…`): a snapshot of model, cluster and layout; queries and mutations. */
import type { ClusterSpec, ModelArchitecture } from '../../core/types.js';
import { builder } from '../builder.js';
import type { ClusterView } from '../cluster.js';
import type { SavedRecord, SchemaContext } from '../context.js';
import { notFound, withInputPath } from '../error-helpers.js';
import { TrainingPlanInputRef, type TrainingPlanInputShape } from './inputs.js';
import { evaluatePlanInput, makeTrainingPlanView, resolvePlanParts, type TrainingPlanView } from './resolve.js';
import { TrainingPlanRef } from './types.js';
import { computeModelCounts, validateArchitecture } from '../../core/model.js';
import type { ModelView } from '../model.js';
import { publishSavedItemChange } from '../saved-items.js';
import { idSchema, nameSchema } from '../validation.js';
import { requireGpu } from '../gpu.js';
import { findGpu, makeCluster } from '../../core/hardware.js';

// ---------------------------------------------------------------------------------------------------------------
// Saved plans

/** The saved document: a snapshot of model and cluster, so the plan survives edits/deletion of what it used. */
interface SavedPlanData {
  model: ModelArchitecture;
  /** The cluster with its GPU by catalog id; node RAM and NVMe only when given. */
  cluster: Pick<ClusterSpec, 'id' | 'name' | 'gpusPerNode' | 'nodes' | 'gpuHourUsd' | 'pue' | 'hostMemoryBytesPerNode' | 'nvmeBytesPerNode'> & {
    gpu: string;
    /** Only when it differs from the catalog GPU's (ClusterInput.interNodeBandwidthBytesPerSecond). */
    interNodeBandwidthBytesPerSecond?: number;
  };
  /** The TrainingPlanInput without model/cluster ids or specs. */
  layout: Omit<TrainingPlanInputShape, 'model' | 'modelSpec' | 'cluster' | 'clusterSpec'>;
}

interface SavedPlanView {
  record: SavedRecord<SavedPlanData>;
}

export const SAVED_PLAN_PREFIX = 'p_';

function planFromSaved(record: SavedRecord<SavedPlanData>): TrainingPlanView {
  const d = record.data;
  // The snapshot is a complete architecture: validate and count it as saved (no defaults re-applied).
  const model: ModelView = withInputPath('plan.model', () => {
    validateArchitecture(d.model, 'plan.model');
    return { arch: d.model, counts: computeModelCounts(d.model), preset: false, createdAt: null, updatedAt: null };
  });
  const spec = withInputPath('plan.cluster', () => makeCluster({ ...d.cluster, gpu: requireGpu(d.cluster.gpu, 'plan.cluster.gpu') }));
  const cluster: ClusterView = { spec, preset: false, createdAt: null, updatedAt: null };
  return makeTrainingPlanView(resolvePlanParts(model, cluster, d.layout, 'plan'));
}

const SavedPlanRef = builder.objectRef<SavedPlanView>('SavedPlan').implement({
  description: 'A saved training plan: a snapshot of its model, cluster and layout (later edits to the saved model or cluster do not change it).',
  fields: (t) => ({
    id: t.id({ description: 'Saved plan id (`p_…`).', resolve: (p) => p.record.id }),
    name: t.string({ description: 'Display name.', resolve: (p) => p.record.name }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was saved.', resolve: (p) => p.record.createdAt }),
    updatedAt: t.field({ type: 'DateTime', description: 'When it was last changed.', resolve: (p) => p.record.updatedAt }),
    plan: t.field({
      type: TrainingPlanRef,
      nullable: true,
      description: 'The plan, re-estimated with the current planner; null (with an error) if the snapshot no longer validates.',
      complexity: 20,
      resolve: (p) => planFromSaved(p.record),
    }),
  }),
});

const SavePlanInputRef = builder.inputType('SavePlanInput', {
  description: 'A plan to save: its name and its TrainingPlanInput.',
  fields: (t) => ({
    name: t.string({ description: 'Display name (default: "<model> on <cluster>").', validate: nameSchema }),
    plan: t.field({ type: TrainingPlanInputRef, required: true, description: 'The plan (it must be valid to be saved).' }),
  }),
});

function snapshot(view: TrainingPlanView, input: TrainingPlanInputShape): SavedPlanData {
  const { model: _m, modelSpec: _ms, cluster: _c, clusterSpec: _cs, ...layout } = input;
  const spec = view.cluster.spec;
  const nic = spec.gpu.interNodeBandwidthBytesPerSecond;
  return {
    model: view.model.arch,
    cluster: {
      id: spec.id,
      name: spec.name,
      gpu: spec.gpu.id,
      gpusPerNode: spec.gpusPerNode,
      nodes: spec.nodes,
      gpuHourUsd: spec.gpuHourUsd,
      pue: spec.pue,
      // What the cluster was given beyond its GPU's usual server, so the saved plan evaluates as it did.
      ...(spec.hostMemoryBytesPerNode === undefined ? {} : { hostMemoryBytesPerNode: spec.hostMemoryBytesPerNode }),
      ...(spec.nvmeBytesPerNode === undefined ? {} : { nvmeBytesPerNode: spec.nvmeBytesPerNode }),
      ...(findGpu(spec.gpu.id)?.interNodeBandwidthBytesPerSecond === nic ? {} : { interNodeBandwidthBytesPerSecond: nic }),
    },
    layout,
  };
}

async function requireSavedPlan(ctx: SchemaContext, id: string, field: string): Promise<SavedRecord<SavedPlanData>> {
  const record = id.startsWith(SAVED_PLAN_PREFIX) ? await ctx.store.get<SavedPlanData>('PLAN', id) : undefined;
  if (!record) throw notFound(field, id, 'the id of a saved plan (p_…)');
  return record;
}

builder.queryFields((t) => ({
  plans: t.field({
    type: [SavedPlanRef],
    description: 'Saved plans, oldest first.',
    resolve: async (_root, _args, ctx) => (await ctx.store.list<SavedPlanData>('PLAN')).map((record) => ({ record })),
  }),
  plan: t.field({
    type: SavedPlanRef,
    nullable: true,
    description: 'A saved plan by id; null when unknown.',
    args: { id: t.arg.id({ required: true, description: 'Saved plan id (`p_…`).', validate: idSchema }) },
    resolve: async (_root, { id }, ctx) => {
      const record = id.startsWith(SAVED_PLAN_PREFIX) ? await ctx.store.get<SavedPlanData>('PLAN', id) : undefined;
      return record ? { record } : null;
    },
  }),
}));

builder.mutationFields((t) => ({
  savePlan: t.field({
    type: SavedPlanRef,
    description: 'Validates, estimates and saves a plan (id `p_…`), snapshotting its model and cluster.',
    args: { input: t.arg({ type: SavePlanInputRef, required: true, description: 'Name and plan.' }) },
    complexity: 20,
    resolve: async (_root, { input }, ctx) => {
      const view = await evaluatePlanInput(ctx, input.plan, 'input.plan');
      const name = input.name ?? `${view.model.arch.name} on ${view.cluster.spec.name}`;
      const record = await ctx.store.insert<SavedPlanData>('PLAN', name, snapshot(view, input.plan), null);
      publishSavedItemChange(ctx, { kind: 'PLAN', id: record.id, name, change: 'CREATED' });
      return { record };
    },
  }),
  updatePlan: t.field({
    type: SavedPlanRef,
    description: 'Replaces a saved plan (validated like savePlan).',
    args: {
      id: t.arg.id({ required: true, description: 'Saved plan id (`p_…`).', validate: idSchema }),
      input: t.arg({ type: SavePlanInputRef, required: true, description: 'Name and plan.' }),
    },
    complexity: 20,
    resolve: async (_root, { id, input }, ctx) => {
      const existing = await requireSavedPlan(ctx, id, 'id');
      const view = await evaluatePlanInput(ctx, input.plan, 'input.plan');
      const record = await ctx.store.update<SavedPlanData>('PLAN', id, input.name ?? existing.name, snapshot(view, input.plan));
      if (!record) throw notFound('id', id, 'the id of a saved plan (p_…)');
      publishSavedItemChange(ctx, { kind: 'PLAN', id, name: record.name, change: 'UPDATED' });
      return { record };
    },
  }),
  deletePlan: t.id({
    description: 'Deletes a saved plan and returns its id; unknown ids give NOT_FOUND.',
    args: { id: t.arg.id({ required: true, description: 'Saved plan id (`p_…`).', validate: idSchema }) },
    resolve: async (_root, { id }, ctx) => {
      const record = await requireSavedPlan(ctx, id, 'id');
      await ctx.store.delete('PLAN', id);
      publishSavedItemChange(ctx, { kind: 'PLAN', id, name: record.name, change: 'DELETED' });
      return id;
    },
  }),
}));
