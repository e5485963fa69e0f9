/**
 * Monte Carlo campaigns in the embedded mode (no services): layouts × seeds as one group, aggregates streamed over
 * WebSocket as chunks complete, and each seed equal to startSimulation(seed: s, replicas: 1) of the same input.
 */
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CAMPAIGN_CHUNK_SEEDS, campaignModule } from '../../src/server/campaigns.js';
import { simulationModule } from '../../src/server/simulation-module.js';
import { createTestApp, MEGATRON_GPT3_PLAN, onlyError, post, removeDir, type TestApp } from './helpers.js';

const DAY = 86_400;
const LAYOUTS = [MEGATRON_GPT3_PLAN, { ...MEGATRON_GPT3_PLAN, pipelineParallel: 16 }];
const FIELDS = 'id status seedsDone seedsTotal layouts { index label seedsDone effectiveTrainingTimeRatio { mean p10 p50 p90 } days { mean p50 } costUsd { mean p50 } }';

interface View {
  id: string;
  status: string;
  seedsDone: number;
  seedsTotal: number;
  layouts: { index: number; label: string; seedsDone: number; effectiveTrainingTimeRatio: { mean: number; p10: number; p50: number; p90: number }; days: { mean: number; p50: number }; costUsd: { mean: number; p50: number } }[];
}

let t: TestApp;
let url: string;
beforeAll(async () => {
  t = createTestApp({ modules: [simulationModule(), campaignModule()] });
  ({ url } = await t.app.start(0, '127.0.0.1'));
});
afterAll(async () => {
  await t.dispose();
  removeDir(t.dir);
});

describe('campaigns (embedded)', () => {
  it('streams per-layout aggregates as seeds complete, ending COMPLETED with every seed', async () => {
    const seeds = 2 * CAMPAIGN_CHUNK_SEEDS + 5;
    const started = await post<{ startCampaign: View }>(t.app, {
      query: `mutation ($input: CampaignInput!) { startCampaign(input: $input) { ${FIELDS} } }`,
      variables: { input: { layouts: LAYOUTS, seeds, horizonSeconds: 60 * DAY } },
    });
    expect(started.errors).toBeUndefined();
    const { id, seedsTotal } = started.data!.startCampaign;
    expect(seedsTotal).toBe(2 * seeds);

    const client = createClient({ url: url.replace('http', 'ws'), webSocketImpl: WebSocket, lazy: true, retryAttempts: 0 });
    const views: View[] = [];
    for await (const r of client.iterate<{ campaignProgress: View }>({ query: `subscription ($id: ID!) { campaignProgress(id: $id) { ${FIELDS} } }`, variables: { id } })) {
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      views.push(r.data!.campaignProgress);
    }
    await client.dispose();
    const last = views.at(-1)!;
    expect(last.status).toBe('COMPLETED');
    expect(last.seedsDone).toBe(2 * seeds);
    expect(last.layouts.map((l) => l.seedsDone)).toEqual([seeds, seeds]);
    // Streamed as they complete: more than the first and last views, never going backwards.
    expect(views.length).toBeGreaterThan(2);
    for (let i = 1; i < views.length; i++) expect(views[i]!.seedsDone).toBeGreaterThanOrEqual(views[i - 1]!.seedsDone);
    for (const l of last.layouts) {
      const q = l.effectiveTrainingTimeRatio;
      expect(q.p10).toBeLessThanOrEqual(q.p50);
      expect(q.p50).toBeLessThanOrEqual(q.p90);
      expect(q.mean).toBeGreaterThan(0.5);
      expect(q.mean).toBeLessThanOrEqual(1);
    }
    // PP 16 on the same 1,024 GPUs halves DP and changes the step time, so the two layouts' run lengths differ.
    expect(last.layouts[1]!.days.mean).not.toBe(last.layouts[0]!.days.mean);
  });

  it('a one-seed campaign equals startSimulation with that seed and one replica', async () => {
    const seed = 17;
    const c = await post<{ startCampaign: View }>(t.app, {
      query: `mutation ($input: CampaignInput!) { startCampaign(input: $input) { id } }`,
      variables: { input: { layouts: [MEGATRON_GPT3_PLAN], seeds: 1, firstSeed: seed, horizonSeconds: 60 * DAY } },
    });
    const s = await post<{ startSimulation: { id: string } }>(t.app, {
      query: 'mutation ($input: SimulationInput!) { startSimulation(input: $input) { id } }',
      variables: { input: { plan: MEGATRON_GPT3_PLAN, seed, replicas: 1, horizonSeconds: 60 * DAY } },
    });
    const until = Date.now() + 20_000;
    let campaign: View | undefined;
    let summary: { effectiveTrainingTimeRatio: number; costUsd: number; simulatedSeconds: number } | null = null;
    while (Date.now() < until && (campaign?.status !== 'COMPLETED' || !summary)) {
      await new Promise((r) => setTimeout(r, 50));
      campaign = (await post<{ campaign: View }>(t.app, { query: `query ($id: ID!) { campaign(id: $id) { ${FIELDS} } }`, variables: { id: c.data!.startCampaign.id } })).data!.campaign;
      summary = (await post<{ simulation: { summary: typeof summary } }>(t.app, {
        query: 'query ($id: ID!) { simulation(id: $id) { summary { effectiveTrainingTimeRatio costUsd simulatedSeconds } } }',
        variables: { id: s.data!.startSimulation.id },
      })).data!.simulation.summary;
    }
    const layout = campaign!.layouts[0]!;
    expect(layout.effectiveTrainingTimeRatio.mean).toBe(summary!.effectiveTrainingTimeRatio);
    expect(layout.costUsd.mean).toBe(summary!.costUsd);
    expect(layout.days.mean * DAY).toBeCloseTo(summary!.simulatedSeconds, 6);
  });

  it('refuses too many runs, naming the field', async () => {
    const r = await post(t.app, {
      query: 'mutation ($input: CampaignInput!) { startCampaign(input: $input) { id } }',
      variables: { input: { layouts: Array.from({ length: 20 }, () => MEGATRON_GPT3_PLAN), seeds: 10_000 } },
    });
    expect(onlyError(r).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.seeds' });
  });
});
