/**
 * Backpressure of simulation subscriptions (service level, real worker): a subscriber slower than the producer
 * overflows its bounded live buffer (SUBSCRIBER_BUFFER) and catches up from the database — every seq still arrives
 * once, in order, ending with the terminal event; a subscriber that leaves is unsubscribed at once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { SimulationEventRecord, SimulationRequest, SimulationService } from '../../src/schema/simulation.js';
import { CORE_MIGRATIONS, openDatabase } from '../../src/server/db.js';
import { createBoundedPubSub } from '../../src/server/pubsub.js';
import { SUBSCRIBER_BUFFER, simulationModule } from '../../src/server/simulation-module.js';
import type { PubSubTopics } from '../../src/schema/context.js';
import { presetParams } from '../../src/simulation/presets.js';

const module = simulationModule({ maxConcurrent: 2 });
const db = openDatabase(':memory:', [...CORE_MIGRATIONS, ...(module.migrations ?? [])]);
const pubsub = createBoundedPubSub<PubSubTopics>();
const instance = module.setup!({ db, pubsub })!;
const service = (instance.context as { simulations: SimulationService }).simulations;
afterAll(async () => {
  await instance.close?.();
  db.close();
});

// Llama-3-like 54 days with a progress event every 10 simulated minutes: ≈ 9,000 events, produced in batches of 500.
const request: SimulationRequest = {
  job: {
    setup: {
      nominalStepSeconds: 6, tokensPerStep: 16 * 2 ** 20, totalSteps: 10_000_000, gpuCount: 16_384, gpusPerNode: 8,
      gpuHourUsd: 2, checkpointBytes: 16 * 405e9, reliability: presetParams('llama3-405b'), horizonSeconds: 54 * 86_400,
      seed: 9, replicas: 1, progressIntervalSeconds: 600,
    },
    loss: null,
    pace: null,
  },
  preset: 'llama3-405b',
  plan: { model: 'llama3-405b', cluster: 'h100-x16384', gpuCount: 16_384, stepSeconds: 6, tokensPerStep: 16 * 2 ** 20, totalSteps: 10_000_000 },
};

describe('simulation subscription backpressure', () => {
  it('a slow subscriber overflows its live buffer yet receives every seq once, in order, then the terminal event', async () => {
    const rec = await service.start(request);
    const seen: SimulationEventRecord[] = [];
    let maxBehind = 0;
    for await (const e of await service.subscribe(rec.id, 0)) {
      seen.push(e);
      maxBehind = Math.max(maxBehind, (await service.get(rec.id))!.lastSeq - e.seq);
      if (seen.length % 50 === 0) await new Promise((r) => setTimeout(r, 1)); // read slower than the producer
    }
    expect(seen.length).toBeGreaterThan(8000);
    seen.forEach((e, i) => expect(e.seq).toBe(i + 1));
    expect(seen.at(-1)!.type).toBe('COMPLETED');
    expect(maxBehind).toBeGreaterThan(SUBSCRIBER_BUFFER); // it really fell behind by more than its buffer
    expect(pubsub.subscriberCount()).toBe(0);
  });

  it('a subscriber that stops reading mid-run is unsubscribed at once', async () => {
    const rec = await service.start({ ...request, job: { ...request.job, pace: 86_400 * 20 } });
    const it = (await service.subscribe(rec.id, 0))[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.done).toBe(false);
    expect(pubsub.subscriberCount()).toBe(1);
    await it.return!();
    expect(pubsub.subscriberCount()).toBe(0);
    expect((await service.get(rec.id))!.status).toBe('RUNNING'); // the simulation itself keeps running (documented rule)
    expect((await service.cancel(rec.id)).status).toBe('CANCELLED');
  });
});
