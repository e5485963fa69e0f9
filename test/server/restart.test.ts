/** Saved items survive a restart: save, stop, start a new server on the same SQLite file, read back. */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { print } from 'graphql';
import { expect, it } from 'vitest';
import { CreateClusterDocument, CreateModelDocument, ModelDocument, PlansDocument, SavePlanDocument } from '../gql/graphql.js';
import { createTestApp, removeDir } from './helpers.js';
import { cleanups } from './tservers.js';

async function post<T>(url: string, query: string, variables: unknown): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data: T; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

it('a saved model, cluster and plan are read back after a restart on the same database file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zeroplan-restart-'));
  cleanups.push(() => removeDir(dir));
  // A nested path that does not exist yet: the directory is created on first start.
  const databasePath = join(dir, 'nested', 'zeroplan.db');
  expect(existsSync(join(dir, 'nested'))).toBe(false);
  const a = createTestApp({ dir, databasePath });
  cleanups.push(() => a.dispose());
  expect(existsSync(databasePath)).toBe(true);
  const { url } = await a.app.start(0, '127.0.0.1');
  const model = (
    await post<{ createModel: { id: string; parameters: number } }>(url, print(CreateModelDocument), {
      input: { name: 'Persisted', layers: 12, hiddenSize: 768, attentionHeads: 12, vocabSize: 50257, sequenceLength: 1024 },
    })
  ).createModel;
  const cluster = (await post<{ createCluster: { id: string } }>(url, print(CreateClusterDocument), { input: { gpu: 'a100-40gb', gpusPerNode: 8, nodes: 2 } })).createCluster;
  const plan = (await post<{ savePlan: { id: string } }>(url, print(SavePlanDocument), { input: { plan: { model: model.id, cluster: cluster.id, globalBatchSize: 64 } } })).savePlan;
  await a.dispose();

  const b = createTestApp({ dir, databasePath });
  cleanups.push(() => b.dispose());
  const restarted = await b.app.start(0, '127.0.0.1');
  const again = (await post<{ model: { id: string; name: string; parameters: number } | null }>(restarted.url, print(ModelDocument), { id: model.id })).model;
  // GPT-2 small shape (Radford et al. 2019): 124,439,808 parameters with tied embeddings.
  expect(again).toMatchObject({ id: model.id, name: 'Persisted', parameters: 124_439_808 });
  expect(again!.parameters).toBe(model.parameters);
  const plans = (await post<{ plans: { id: string; plan: { cluster: { id: string } } | null }[] }>(restarted.url, print(PlansDocument), {})).plans;
  expect(plans.map((p) => p.id)).toEqual([plan.id]);
  expect(plans[0]!.plan!.cluster.id).toBe(cluster.id);
  // Migrations ran once: the second open found them applied.
  const applied = b.app.db.prepare('SELECT id FROM migrations').all() as { id: string }[];
  expect(applied.map((m) => m.id)).toContain('api_0001_saved_items');
  expect(b.app.db.pragma('journal_mode', { simple: true })).toBe('wal');
});
