/** The simulation store: gap-free seq across batches, and crash recovery at start-up (RUNNING/QUEUED → INTERRUPTED). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SimulationRequest } from '../../src/services/contracts.js';
import { openDatabase, CORE_MIGRATIONS } from '../../src/server/db.js';
import { createSimulationStore, SIMULATION_MIGRATIONS } from '../../src/server/simulation-store.js';
import { presetParams } from '../../src/simulation/presets.js';
import { removeDir } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'zeroplan-simstore-'));
afterAll(() => removeDir(dir));

const request: SimulationRequest = {
  job: {
    setup: {
      nominalStepSeconds: 6, tokensPerStep: 1, totalSteps: 10, gpuCount: 8, gpusPerNode: 8, gpuHourUsd: 1,
      checkpointBytes: 0, reliability: presetParams('llama3-405b'), seed: 1, replicas: 1,
    },
    loss: null,
    pace: null,
  },
  preset: 'llama3-405b',
  plan: { model: 'm', cluster: 'c', gpuCount: 8, stepSeconds: 6, tokensPerStep: 1, totalSteps: 10 },
};

describe('simulation store', () => {
  const path = join(dir, 'store.db');

  it('appends batches with a gap-free seq from 1 and pages events after a seq', () => {
    const db = openDatabase(path, [...CORE_MIGRATIONS, ...SIMULATION_MIGRATIONS]);
    const store = createSimulationStore(db);
    const rec = store.create(request);
    expect(rec.status).toBe('QUEUED');
    const a = store.appendEvents(rec.id, [1, 2, 3].map((i) => ({ type: 'PROGRESS', simulatedSeconds: i, data: { step: i } })));
    const b = store.appendEvents(rec.id, [4, 5].map((i) => ({ type: 'PROGRESS', simulatedSeconds: i, data: { step: i } })));
    expect([...a, ...b].map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(store.get(rec.id)!.lastSeq).toBe(5);
    expect(store.events(rec.id, 2, 2).map((e) => e.seq)).toEqual([3, 4]);
    expect(store.events(rec.id, 4, 100)[0]!.data).toEqual({ step: 5 });
    store.setStatus(rec.id, 'RUNNING');
    db.close(); // a "crash": nobody marks it finished
  });

  it('on the next start, a RUNNING or QUEUED simulation becomes INTERRUPTED with a terminal event', () => {
    const db = openDatabase(path, [...CORE_MIGRATIONS, ...SIMULATION_MIGRATIONS]);
    const store = createSimulationStore(db);
    const queued = store.create(request);
    const [running] = store.list().filter((r) => r.status === 'RUNNING');
    const ids = store.interruptUnfinished('restart');
    expect(ids.sort()).toEqual([queued.id, running!.id].sort());
    const after = store.get(running!.id)!;
    expect(after.status).toBe('INTERRUPTED');
    expect(after.finishedAt).not.toBeNull();
    const events = store.events(running!.id, 0, 100);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.at(-1)!.type).toBe('INTERRUPTED');
    expect(events.at(-1)!.simulatedSeconds).toBe(5);
    expect(store.interruptUnfinished('again')).toEqual([]);
    db.close();
  });
});
