/**
 * Two server replicas and two worker processes on real PostgreSQL and Redis (skipped without DATABASE_URL and
 * REDIS_URL; test/global-setup.ts says so): saved items and their change events are shared; a subscriber on
 * replica A receives every event of a simulation started on replica B and run by a worker; killing that worker
 * mid-run loses no event (the job is taken over by the other worker and re-run from its seed) and the run
 * completes with exactly the engine's deterministic event stream; a replica restart keeps every saved item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictedLoss } from '../../src/core/scaling.js';
import type { SimulationRequest } from '../../src/services/contracts.js';
import { openStores } from '../../src/server/scale.js';
import { simulationEvents } from '../../src/simulation/engine.js';
import { createTestApp, MEGATRON_GPT3_PLAN, post, removeDir } from '../server/helpers.js';
import { searchModule } from '../../src/server/search-runner.js';
import { startCluster, type TestCluster } from './cluster.js';
import { DATABASE_URL, REDIS_URL } from './services.js';

const DAY = 86_400;

describe.skipIf(!DATABASE_URL || !REDIS_URL)('two replicas and two workers on PostgreSQL and Redis', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    // A dead worker's job is taken over once its 1.5 s lock expires (the default is 30 s).
    cluster = await startCluster({ replicas: 2, workers: 2, workerEnv: { WORKER_CONCURRENCY: '1', WORKER_LOCK_MS: '1500' } });
  }, 60_000);
  afterAll(async () => {
    await cluster?.dispose();
  }, 60_000);

  it('a model saved on replica B is listed on replica A, and A\'s savedItemsChanged subscriber hears of it', async () => {
    const [a, b] = cluster.replicas as [TestCluster['replicas'][0], TestCluster['replicas'][0]];
    const events: { id: string; change: string }[] = [];
    const client = a.ws();
    const subscribed = new Promise<void>((resolve, reject) => {
      client.subscribe<{ savedItemsChanged: { id: string; change: string } }>(
        { query: 'subscription { savedItemsChanged { id change } }' },
        { next: (r) => events.push(r.data!.savedItemsChanged), error: reject, complete: () => undefined },
      );
      client.on('connected', () => setTimeout(resolve, 200));
    });
    await subscribed;
    const created = await b.gql<{ createModel: { id: string } }>(
      'mutation { createModel(input: { name: "shared", layers: 2, hiddenSize: 128, attentionHeads: 4, vocabSize: 1000, sequenceLength: 256 }) { id } }',
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createModel.id;
    const listed = await a.gql<{ model: { id: string; name: string } | null }>('query ($id: ID!) { model(id: $id) { id name } }', { id });
    expect(listed.data!.model).toEqual({ id, name: 'shared' });
    const until = Date.now() + 5_000;
    while (events.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(events).toEqual([{ id, change: 'CREATED' }]);
  });

  it('a subscriber on A gets every event of a run started on B, even when the worker running it is killed', async () => {
    const [a, b] = cluster.replicas as [TestCluster['replicas'][0], TestCluster['replicas'][0]];
    // 10 simulated days played at 10 days per 6 s: long enough to kill the worker in the middle.
    const input = { plan: MEGATRON_GPT3_PLAN, horizonSeconds: 10 * DAY, seed: 7, pace: (10 * DAY) / 6, progressIntervalSeconds: (10 * DAY) / 120 };
    const started = await b.gql<{ startSimulation: { id: string } }>(
      'mutation ($input: SimulationInput!) { startSimulation(input: $input) { id } }',
      { input },
    );
    expect(started.errors).toBeUndefined();
    const id = started.data!.startSimulation.id;

    const seen: { seq: number; type: string; simulatedSeconds: number }[] = [];
    let killed: number | undefined;
    const client = a.ws();
    const iterator = client.iterate<{ simulationEvents: { seq: number; __typename: string; simulatedSeconds: number; type?: string } }>({
      query: 'subscription ($id: ID!) { simulationEvents(id: $id) { __typename seq simulatedSeconds } }',
      variables: { id },
    });
    for await (const r of iterator) {
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      const e = r.data!.simulationEvents;
      seen.push({ seq: e.seq, type: e.__typename, simulatedSeconds: e.simulatedSeconds });
      if (killed === undefined && seen.length === 20) {
        const running = cluster.workers.findIndex((w) => w.output().includes(`job ${id} attempt`));
        expect(running).toBeGreaterThanOrEqual(0);
        cluster.workers[running]!.child.kill('SIGKILL');
        killed = running;
      }
    }
    expect(killed).toBeDefined();
    const survivor = cluster.workers[1 - killed!]!;
    expect(survivor.output()).toMatch(new RegExp(`job ${id} attempt \\d`)); // the other worker took the job over

    // Every seq once, in order, ending with the completion.
    expect(seen.map((e) => e.seq)).toEqual(seen.map((_, i) => i + 1));
    expect(seen.at(-1)!.type).toBe('SimulationCompleted');
    const status = await a.gql<{ simulation: { status: string; lastSeq: number } }>('query ($id: ID!) { simulation(id: $id) { status lastSeq } }', { id });
    expect(status.data!.simulation).toEqual({ status: 'COMPLETED', lastSeq: seen.length });

    // Replay with `after` from the shared store, on the other replica: exactly the rest.
    const half = Math.floor(seen.length / 2);
    const replayed: number[] = [];
    for await (const r of b.ws().iterate<{ simulationEvents: { seq: number } }>({
      query: 'subscription ($id: ID!, $after: Int) { simulationEvents(id: $id, after: $after) { seq } }',
      variables: { id, after: half },
    })) {
      replayed.push(r.data!.simulationEvents.seq);
    }
    expect(replayed).toEqual(seen.slice(half).map((e) => e.seq));

    // And they are exactly the engine's events for the stored request and seed (nothing lost, nothing doubled).
    const stores = openStores({ databaseUrl: DATABASE_URL!, databaseSchema: cluster.schema });
    await stores.ready;
    const request: SimulationRequest = (await stores.stores.simulations.get(id))!.request;
    await stores.close();
    const { loss } = request.job;
    const expected = [...simulationEvents({ ...request.job.setup, predictedLoss: loss ? (t: number) => predictedLoss(loss.law, loss.parameters, t) : null })];
    expect(seen.length).toBe(expected.length);
    expect(seen.map((e) => e.simulatedSeconds)).toEqual(expected.map((e) => e.simulatedSeconds));
  }, 60_000);

  it('cancelling on A a run that a worker runs ends it with SimulationCancelled, and the worker stops writing', async () => {
    const [a, b] = cluster.replicas as [TestCluster['replicas'][0], TestCluster['replicas'][0]];
    const input = { plan: MEGATRON_GPT3_PLAN, horizonSeconds: 30 * DAY, seed: 3, pace: DAY / 2, progressIntervalSeconds: DAY / 4 };
    const started = await b.gql<{ startSimulation: { id: string } }>('mutation ($input: SimulationInput!) { startSimulation(input: $input) { id } }', { input });
    const id = started.data!.startSimulation.id;
    const types: string[] = [];
    const iterator = a.ws().iterate<{ simulationEvents: { __typename: string; seq: number } }>({
      query: 'subscription ($id: ID!) { simulationEvents(id: $id) { __typename seq } }',
      variables: { id },
    });
    for await (const r of iterator) {
      types.push(r.data!.simulationEvents.__typename);
      if (types.length === 3) {
        const cancelled = await a.gql<{ cancelSimulation: { status: string } }>('mutation ($id: ID!) { cancelSimulation(id: $id) { status } }', { id });
        expect(cancelled.data!.cancelSimulation.status).toBe('CANCELLED');
      }
    }
    expect(types.at(-1)).toBe('SimulationCancelled');
    const read = async () => (await b.gql<{ simulation: { status: string; lastSeq: number } }>('query ($id: ID!) { simulation(id: $id) { status lastSeq } }', { id })).data!.simulation;
    const first = await read();
    await new Promise((r) => setTimeout(r, 1_000)); // two simulated days at this pace: a running worker would write
    expect(await read()).toEqual({ ...first, status: 'CANCELLED' });
    expect(first.lastSeq).toBe(types.length);
  }, 30_000);

  it('a campaign started on A runs on the workers and its aggregates stream to a subscriber on B', async () => {
    const [a, b] = cluster.replicas as [TestCluster['replicas'][0], TestCluster['replicas'][0]];
    const started = await a.gql<{ startCampaign: { id: string; seedsTotal: number } }>(
      'mutation ($input: CampaignInput!) { startCampaign(input: $input) { id seedsTotal } }',
      { input: { layouts: [MEGATRON_GPT3_PLAN, { ...MEGATRON_GPT3_PLAN, pipelineParallel: 16 }], seeds: 60, horizonSeconds: 60 * DAY } },
    );
    expect(started.errors).toBeUndefined();
    const { id, seedsTotal } = started.data!.startCampaign;
    const views: { status: string; seedsDone: number }[] = [];
    for await (const r of b.ws().iterate<{ campaignProgress: { status: string; seedsDone: number } }>({
      query: 'subscription ($id: ID!) { campaignProgress(id: $id) { status seedsDone } }',
      variables: { id },
    })) {
      views.push(r.data!.campaignProgress);
    }
    expect(views.at(-1)).toEqual({ status: 'COMPLETED', seedsDone: seedsTotal });
    expect(views.length).toBeGreaterThan(1);
  }, 60_000);

  it('a large plan search asked on A runs on a worker and returns what the embedded search returns', async () => {
    const [a] = cluster.replicas as [TestCluster['replicas'][0]];
    // GPT-3 175B on 1,024 A100s at batch 1,536: 57,792 candidates (44,604 without the partial recompute share), above the inline limit (20,000).
    const input = { model: 'gpt3-175b', cluster: 'a100-80gb-x1024', globalBatchSize: 1536, trainingTokens: 3e11 };
    const FIELDS = 'candidates feasible truncated best { parallelism { tensorParallel pipelineParallel dataParallel microBatchSize } performance { stepSeconds } }';
    const events: { done: boolean; result: Record<string, unknown> | null }[] = [];
    for await (const r of a.ws().iterate<{ planSearchProgress: { done: boolean; result: Record<string, unknown> | null } }>({
      query: `subscription ($input: PlanSearchInput!) { planSearchProgress(input: $input) { done result { ${FIELDS} } } }`,
      variables: { input },
    })) {
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      events.push(r.data!.planSearchProgress);
    }
    expect(cluster.workers.some((w) => /search search-[0-9a-f]+ started/.test(w.output()))).toBe(true);
    expect(events.at(-1)!.done).toBe(true);
    const local = createTestApp({ modules: [searchModule()] });
    try {
      const expected = await post<{ planSearch: Record<string, unknown> }>(local.app, { query: `query ($input: PlanSearchInput!) { planSearch(input: $input) { ${FIELDS} } }`, variables: { input } });
      expect(events.at(-1)!.result).toEqual(expected.data!.planSearch);
      expect(expected.data!.planSearch.candidates).toBe(57_792);
    } finally {
      await local.dispose();
      removeDir(local.dir);
    }
  }, 60_000);

  it('a replica restart keeps every saved item', async () => {
    const [a] = cluster.replicas as [TestCluster['replicas'][0]];
    const saved = await a.gql<{ createCluster: { id: string } }>(
      'mutation { createCluster(input: { name: "kept", gpu: "h100-sxm", gpusPerNode: 8, nodes: 4 }) { id } }',
    );
    expect(saved.errors).toBeUndefined();
    const query = '{ models { id name } clusters { id name } plans { id name } }';
    const before = await a.gql(query);
    await cluster.stopReplica(a);
    const restarted = await cluster.startReplica();
    const after = await restarted.gql(query);
    expect(after).toEqual(before);
    expect(JSON.stringify(after)).toContain(saved.data!.createCluster.id);
  });
});
