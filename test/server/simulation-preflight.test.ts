/**
 * Pre-flight event budget at the API: a valid but extreme simulation (here a progress event every simulated second
 * over 30 days) is refused at once with BAD_USER_INPUT naming the field, and nothing is stored or queued; before the
 * check it was accepted, ran, and ended FAILED past MAX_EVENTS_PER_SIMULATION. The four reliability presets still
 * start and complete.
 */
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulationRequest, SimulationService } from '../../src/services/contracts.js';
import { CORE_MIGRATIONS, openDatabase } from '../../src/server/db.js';
import { createBoundedPubSub } from '../../src/server/pubsub.js';
import { MAX_EVENTS_PER_SIMULATION, simulationModule } from '../../src/server/simulation-module.js';
import type { PubSubTopics } from '../../src/schema/context.js';
import { presetParams, RELIABILITY_PRESETS } from '../../src/simulation/presets.js';
import { createTestApp, MEGATRON_GPT3_PLAN, onlyError, post, removeDir, type TestApp } from './helpers.js';

const DAY = 86_400;
const PLAN = MEGATRON_GPT3_PLAN;
const START = 'mutation ($input: SimulationInput!) { startSimulation(input: $input) { id status } }';
const STATUS = 'query ($id: ID!) { simulation(id: $id) { status lastSeq error summary { finishedReplicas simulatedSeconds } } }';

interface Sim {
  status: string;
  lastSeq: number;
  error: string | null;
  summary: { finishedReplicas: number; simulatedSeconds: number } | null;
}

let t: TestApp;
beforeAll(() => {
  t = createTestApp({ modules: [simulationModule({ maxConcurrent: 2 })] });
});
afterAll(async () => {
  await t.dispose();
  removeDir(t.dir);
});

async function waitForEnd(id: string): Promise<Sim> {
  const until = Date.now() + 30_000;
  for (;;) {
    const r = await post<{ simulation: Sim }>(t.app, { query: STATUS, variables: { id } });
    const sim = r.data!.simulation;
    if (!['QUEUED', 'RUNNING'].includes(sim.status)) return sim;
    if (Date.now() > until) throw new Error(`simulation ${id} still ${sim.status}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('startSimulation pre-flight event budget', () => {
  it('a progress event every second over 30 days is refused at once, naming the field; nothing is stored', async () => {
    const r = await post(t.app, { query: START, variables: { input: { plan: PLAN, horizonSeconds: 30 * DAY, progressIntervalSeconds: 1 } } });
    const error = onlyError(r);
    expect(r.data ?? null).toBeNull();
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('input.progressIntervalSeconds');
    expect(error.message).toMatch(/^input\.progressIntervalSeconds: 1 s would emit ≈ 2\.\d million progress events over 30 days/);
    expect(error.message).toContain(`the limit is ${MAX_EVENTS_PER_SIMULATION.toLocaleString('en-US')} per simulation`);
    expect(error.extensions?.allowed).toMatch(/progressIntervalSeconds ≥ \d+ s/);
    const list = await post<{ simulations: unknown[] }>(t.app, { query: '{ simulations { id } }' });
    expect(list.data!.simulations).toEqual([]);
  });

  it('…and it really would have failed: the same run with hourly progress never finishes in 30 days', async () => {
    // So with a progress event every second its detailed replica would emit 30 × 86,400 − 1 PROGRESS events,
    // 13 times the cap: the run used to start, then end FAILED once it passed the cap.
    const r = await post<{ startSimulation: { id: string } }>(t.app, {
      query: START,
      variables: { input: { plan: PLAN, horizonSeconds: 30 * DAY, progressIntervalSeconds: 3600 } },
    });
    expect(r.errors).toBeUndefined();
    const sim = await waitForEnd(r.data!.startSimulation.id);
    expect(sim.status).toBe('COMPLETED');
    expect(sim.summary!.finishedReplicas).toBe(0);
    expect(sim.summary!.simulatedSeconds).toBe(30 * DAY);
    expect(30 * DAY - 1).toBeGreaterThan(MAX_EVENTS_PER_SIMULATION);
  });

  it('the suggested interval is accepted', async () => {
    const refused = onlyError(await post(t.app, { query: START, variables: { input: { plan: PLAN, horizonSeconds: 30 * DAY, progressIntervalSeconds: 1 } } }));
    const interval = Number(/progressIntervalSeconds ≥ ([\d,.]+) s/.exec(String(refused.extensions?.allowed))![1]!.replace(/,/g, ''));
    const r = await post<{ startSimulation: { id: string } }>(t.app, {
      query: START,
      variables: { input: { plan: PLAN, horizonSeconds: 30 * DAY, progressIntervalSeconds: interval } },
    });
    expect(r.errors).toBeUndefined();
    const sim = await waitForEnd(r.data!.startSimulation.id);
    expect(sim.status).toBe('COMPLETED');
    expect(sim.lastSeq).toBeLessThanOrEqual(MAX_EVENTS_PER_SIMULATION);
  });

  it('failures far faster than recoveries on 1,024 GPUs: refused, naming the failure rate', async () => {
    const r = await post(t.app, {
      query: START,
      variables: { input: { plan: PLAN, replicas: 10, detailedReplicas: 10, reliability: { unexpectedFailuresPerGpuHour: 0.1 } } },
    });
    const error = onlyError(r);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.field).toBe('input.reliability.unexpectedFailuresPerGpuHour');
    expect(error.message).toContain('cannot finish');
    expect(error.message).toContain('1,024 GPUs');
  });

  for (const preset of RELIABILITY_PRESETS) {
    it(`the ${preset.id} preset still starts and completes`, async () => {
      const r = await post<{ startSimulation: { id: string; status: string } }>(t.app, {
        query: START,
        variables: { input: { plan: PLAN, reliability: { preset: preset.id }, replicas: 3, detailedReplicas: 1 } },
      });
      expect(r.errors).toBeUndefined();
      expect(['QUEUED', 'RUNNING']).toContain(r.data!.startSimulation.status);
      const sim = await waitForEnd(r.data!.startSimulation.id);
      expect(sim.status).toBe('COMPLETED');
      expect(sim.error).toBeNull();
    });
  }
});

describe('the service checks too (rerunSimulation of a request stored before the check)', () => {
  const module = simulationModule({ maxConcurrent: 1 });
  const db = openDatabase(':memory:', [...CORE_MIGRATIONS, ...(module.migrations ?? [])]);
  const instance = module.setup!({ db, pubsub: createBoundedPubSub<PubSubTopics>() })!;
  const service = (instance.context as { simulations: SimulationService }).simulations;
  afterAll(async () => {
    await instance.close?.();
    db.close();
  });

  it('start() refuses before storing or queueing', async () => {
    // Llama-3-like, 54 days, a progress event every simulated second: ≈ 4.7 million events.
    const request: SimulationRequest = {
      job: {
        setup: {
          nominalStepSeconds: 6, tokensPerStep: 16 * 2 ** 20, totalSteps: 10_000_000, gpuCount: 16_384, gpusPerNode: 8,
          gpuHourUsd: 2, checkpointBytes: 16 * 405e9, reliability: presetParams('llama3-405b'), horizonSeconds: 54 * DAY,
          seed: 1, replicas: 1, progressIntervalSeconds: 1,
        },
        loss: null,
        pace: null,
      },
      preset: 'llama3-405b',
      plan: { model: 'llama3-405b', cluster: 'h100-x16384', gpuCount: 16_384, stepSeconds: 6, tokensPerStep: 16 * 2 ** 20, totalSteps: 10_000_000 },
    };
    let thrown: unknown;
    try {
      await service.start(request);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GraphQLError);
    expect((thrown as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    expect((thrown as GraphQLError).extensions.field).toBe('input.progressIntervalSeconds');
    expect(await service.list()).toEqual([]);
  });
});

describe('adapter fine-tuning runs', () => {
  it('checkpoint only the adapters (16 bytes per trained weight) and carry no pre-training loss curve', async () => {
    const input = { plan: { ...PLAN, trainingTokens: 1e9, adapter: { method: 'LORA', rank: 4, targets: 'ATTENTION_QV' } }, horizonSeconds: DAY };
    const r = await post<{ startSimulation: { id: string; checkpointBytes: number } }>(t.app, {
      query: 'mutation ($input: SimulationInput!) { startSimulation(input: $input) { id checkpointBytes } }',
      variables: { input },
    });
    expect(r.errors).toBeUndefined();
    // GPT-3 with r = 4 on W_q and W_v: 18,874,368 adapter weights (Hu et al. 2021 §4.2) × 16 bytes, not 175B × 16.
    expect(r.data!.startSimulation.checkpointBytes).toBe(16 * 18_874_368);
    const sim = await waitForEnd(r.data!.startSimulation.id);
    expect(sim.status).toBe('COMPLETED');
    const loss = await post<{ simulation: { summary: { predictedLoss: number | null } } }>(t.app, {
      query: 'query ($id: ID!) { simulation(id: $id) { summary { predictedLoss } } }',
      variables: { id: r.data!.startSimulation.id },
    });
    expect(loss.data!.simulation.summary.predictedLoss).toBeNull();
  });
});

describe('the default checkpoint size', () => {
  it('follows the optimizer states the plan keeps: 16 B per parameter under mixed Adam, 6/14 of it without a master and with BF16 moments', async () => {
    const start = async (plan: Record<string, unknown>) =>
      post<{ startSimulation: { id: string; checkpointBytes: number } }>(t.app, {
        query: 'mutation ($input: SimulationInput!) { startSimulation(input: $input) { id checkpointBytes } }',
        variables: { input: { plan: { ...PLAN, trainingTokens: 1e9, ...plan }, horizonSeconds: DAY } },
      });
    const mixedAdam = await start({});
    const automodel = await start({ masterWeights: false, optimizerMomentPrecision: 'BF16' });
    expect(mixedAdam.errors).toBeUndefined();
    expect(automodel.errors).toBeUndefined();
    // Kept per parameter: 2 (BF16 weights) + 12 (fp32 master, m, v) = 14 → the cited 16 B; without the master and
    // with BF16 moments 2 + 2 + 2 = 6 → 16 × 6/14 B.
    expect(automodel.data!.startSimulation.checkpointBytes / mixedAdam.data!.startSimulation.checkpointBytes).toBeCloseTo(6 / 14, 12);
    for (const r of [mixedAdam, automodel]) expect((await waitForEnd(r.data!.startSimulation.id)).status).toBe('COMPLETED');
  });
});
