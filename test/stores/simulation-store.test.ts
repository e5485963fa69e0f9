/** The simulation store: gap-free seq across batches, and crash recovery at start-up (RUNNING/QUEUED → INTERRUPTED). */
import { afterAll, describe, expect, it } from 'vitest';
import type { SimulationRequest } from '../../src/schema/simulation.js';
import { presetParams } from '../../src/simulation/presets.js';
import { storeBackends } from './backends.js';

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

for (const backend of storeBackends()) describe(`simulation store on ${backend.name}`, () => {
  afterAll(() => backend.dispose());

  it('appends batches with a gap-free seq from 1 and pages events after a seq', async () => {
    const store = (await backend.open()).simulations;
    const rec = await store.create(request);
    expect(rec.status).toBe('QUEUED');
    const a = await store.appendEvents(rec.id, [1, 2, 3].map((i) => ({ type: 'PROGRESS', simulatedSeconds: i, data: { step: i } })));
    const b = await store.appendEvents(rec.id, [4, 5].map((i) => ({ type: 'PROGRESS', simulatedSeconds: i, data: { step: i } })));
    expect([...a, ...b].map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect((await store.get(rec.id))!.lastSeq).toBe(5);
    expect((await store.events(rec.id, 2, 2)).map((e) => e.seq)).toEqual([3, 4]);
    expect((await store.events(rec.id, 4, 100))[0]!.data).toEqual({ step: 5 });
    await store.setStatus(rec.id, 'RUNNING');
    // a "crash": nobody marks it finished
  });

  it('on the next start, a RUNNING or QUEUED simulation becomes INTERRUPTED with a terminal event', async () => {
    const store = (await backend.reopen()).simulations;
    const queued = await store.create(request);
    const [running] = (await store.list()).filter((r) => r.status === 'RUNNING');
    const ids = await store.interruptUnfinished('restart');
    expect(ids.sort()).toEqual([queued.id, running!.id].sort());
    const after = (await store.get(running!.id))!;
    expect(after.status).toBe('INTERRUPTED');
    expect(after.finishedAt).not.toBeNull();
    const events = await store.events(running!.id, 0, 100);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.at(-1)!.type).toBe('INTERRUPTED');
    expect(events.at(-1)!.simulatedSeconds).toBe(5);
    expect(await store.interruptUnfinished('again')).toEqual([]);
  });
});
