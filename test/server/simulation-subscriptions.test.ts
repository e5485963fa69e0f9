/**
 * Simulations on a real server (HTTP + WebSocket on a loopback port, worker threads, SQLite file):
 * start, stream over graphql-ws and SSE with gap-free seq, disconnect and resume with `after`, cancel, restart.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApp, type App } from '../../src/server/app.js';
import { simulationModule } from '../../src/server/simulation-module.js';
import { MEGATRON_GPT3_PLAN, removeDir } from './helpers.js';

const PLAN = MEGATRON_GPT3_PLAN;

const EVENT_FIELDS = `
  __typename seq simulatedSeconds
  ... on SimulationInterruption { cause planned lostWorkSeconds }
  ... on SimulationProgress { step fractionComplete predictedLoss }
  ... on SimulationReplicaCompleted { replica running { replicasDone timeToTrainSeconds { mean p50 } } }
  ... on SimulationCompleted { summary { replicas interruptions plannedInterruptions unexpectedInterruptions effectiveTrainingTimeRatio goodput costUsd } }
`;
const SUBSCRIPTION = `subscription ($id: ID!, $after: Int) { simulationEvents(id: $id, after: $after) { ${EVENT_FIELDS} } }`;

interface Ev {
  __typename: string;
  seq: number;
  simulatedSeconds: number;
  summary?: { replicas: number; interruptions: number; effectiveTrainingTimeRatio: number; costUsd: number };
}

let dir: string;
let app: App;
let url: string;

async function gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T };
}

async function start(input: Record<string, unknown>): Promise<string> {
  const r = await gql<{ startSimulation: { id: string; status: string } }>(
    'mutation ($input: SimulationInput!) { startSimulation(input: $input) { id status } }',
    { input: { plan: PLAN, ...input } },
  );
  expect(r.errors).toBeUndefined();
  return r.data!.startSimulation.id;
}

async function status(id: string): Promise<{ status: string; lastSeq: number; summary: { interruptions: number } | null }> {
  const r = await gql<{ simulation: { status: string; lastSeq: number; summary: { interruptions: number } | null } }>(
    'query ($id: ID!) { simulation(id: $id) { status lastSeq summary { interruptions } } }',
    { id },
  );
  return r.data!.simulation;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

function wsClient(): Client {
  return createClient({ url: url.replace('http', 'ws'), webSocketImpl: WebSocket, lazy: true, retryAttempts: 0 });
}

/** Subscribes over WebSocket; stops after `stopAfter` events (disconnecting), or at the end of the stream. */
async function wsCollect(client: Client, id: string, after: number | null, stopAfter = Infinity): Promise<Ev[]> {
  const out: Ev[] = [];
  const it = client.iterate<{ simulationEvents: Ev }>({ query: SUBSCRIPTION, variables: { id, after } });
  for await (const r of it) {
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    out.push(r.data!.simulationEvents);
    if (out.length >= stopAfter) break; // return() → unsubscribe
  }
  return out;
}

/** Subscribes over SSE (yoga: POST with Accept: text/event-stream) and reads to the end. */
async function sseCollect(id: string, after: number | null): Promise<Ev[]> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: SUBSCRIPTION, variables: { id, after } }),
  });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const text = await res.text();
  const out: Ev[] = [];
  for (const block of text.split('\n\n')) {
    const lines = block.split('\n');
    if (!lines.includes('event: next')) continue;
    const data = lines.find((l) => l.startsWith('data: '))!.slice(6);
    const parsed = JSON.parse(data) as { data: { simulationEvents: Ev }; errors?: unknown };
    expect(parsed.errors).toBeUndefined();
    out.push(parsed.data.simulationEvents);
  }
  return out;
}

function expectGapFree(events: Ev[], from = 1): void {
  events.forEach((e, i) => expect(e.seq).toBe(from + i));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zeroplan-sim-'));
  app = createApp({ databasePath: join(dir, 'sim.db'), modules: [simulationModule({ maxConcurrent: 2 })] });
  ({ url } = await app.start(0, '127.0.0.1'));
});

afterAll(async () => {
  await app?.stop();
  removeDir(dir);
});

describe('simulations over a real server', () => {
  it('streams every seq over WebSocket and SSE, ending with the completed summary', async () => {
    const id = await start({ replicas: 3, seed: 7 });
    const client = wsClient();
    try {
      const [ws, sse] = await Promise.all([wsCollect(client, id, null), sseCollect(id, null)]);
      expect(ws.length).toBeGreaterThan(100);
      expectGapFree(ws);
      expect(sse.map((e) => e.seq)).toEqual(ws.map((e) => e.seq));
      const last = ws.at(-1)!;
      expect(last.__typename).toBe('SimulationCompleted');
      expect(last.summary!.replicas).toBe(3);
      // 1,024 GPUs at Llama 3's 1.97e-5 failures per GPU-hour for ≈ 35 days ≈ 17 unexpected + ≈ 30 planned.
      expect(last.summary!.interruptions).toBeGreaterThan(20);
      expect(last.summary!.effectiveTrainingTimeRatio).toBeGreaterThan(0.9);
      expect(ws.filter((e) => e.__typename === 'SimulationReplicaCompleted')).toHaveLength(3);
      expect(ws.some((e) => e.__typename === 'SimulationInterruption')).toBe(true);
      const s = await status(id);
      expect(s.status).toBe('COMPLETED');
      expect(s.lastSeq).toBe(last.seq);
      // A late subscriber replays the stored log; `after` skips what it has seen.
      const tail = await wsCollect(client, id, last.seq - 5);
      expect(tail.map((e) => e.seq)).toEqual([last.seq - 4, last.seq - 3, last.seq - 2, last.seq - 1, last.seq]);
    } finally {
      await client.dispose();
    }
  });

  it('a client that disconnects mid-run resumes with `after` and loses nothing', async () => {
    // ≈ 35 simulated days at 1.2 M simulated s per wall second: ≈ 2.5 s of live events.
    const id = await start({ seed: 11, pace: 1.2e6 });
    const client = wsClient();
    try {
      const first = await wsCollect(client, id, null, 25);
      expectGapFree(first);
      const mid = await status(id);
      expect(mid.status).toBe('RUNNING'); // it kept running without us
      const rest = await wsCollect(client, id, first.at(-1)!.seq);
      expectGapFree(rest, first.at(-1)!.seq + 1);
      expect(rest.at(-1)!.__typename).toBe('SimulationCompleted');
    } finally {
      await client.dispose();
    }
  });

  it('cancels a running simulation promptly and ends its stream with SimulationCancelled', async () => {
    const id = await start({ seed: 3, pace: 1e4 }); // would take minutes
    await waitFor(async () => (await status(id)).lastSeq >= 2);
    const r = await gql<{ cancelSimulation: { status: string } }>('mutation ($id: ID!) { cancelSimulation(id: $id) { status } }', { id });
    expect(r.data!.cancelSimulation.status).toBe('CANCELLED');
    const after = await status(id);
    await new Promise((res) => setTimeout(res, 300));
    const later = await status(id);
    expect(later.status).toBe('CANCELLED');
    expect(later.lastSeq).toBe(after.lastSeq); // nothing more arrives from the terminated worker
    const client = wsClient();
    try {
      const events = await wsCollect(client, id, null);
      expectGapFree(events);
      expect(events.at(-1)!.__typename).toBe('SimulationCancelled');
    } finally {
      await client.dispose();
    }
  });

  it('rejects bad input with BAD_USER_INPUT naming the field, unknown presets with NOT_FOUND', async () => {
    const mutation = 'mutation ($input: SimulationInput!) { startSimulation(input: $input) { id } }';
    const noTokens = await gql(mutation, { input: { plan: { ...PLAN, trainingTokens: null } } });
    expect(noTokens.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(noTokens.errors![0]!.message).toContain('input.plan.trainingTokens');
    const negative = await gql(mutation, { input: { plan: PLAN, reliability: { detectionSeconds: -5 } } });
    expect(negative.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(negative.errors![0]!.message).toContain('detectionSeconds');
    const preset = await gql(mutation, { input: { plan: PLAN, reliability: { preset: 'nope' } } });
    expect(preset.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    expect(preset.errors![0]!.message).toContain('input.reliability.preset');
  });

  it('a server restart marks a running simulation INTERRUPTED; rerun reproduces the same events from the seed', async () => {
    const id = await start({ seed: 5, pace: 1e4 });
    await waitFor(async () => (await status(id)).status === 'RUNNING');
    await app.stop();
    app = createApp({ databasePath: join(dir, 'sim.db'), modules: [simulationModule({ maxConcurrent: 2 })] });
    ({ url } = await app.start(0, '127.0.0.1'));
    const s = await status(id);
    expect(s.status).toBe('INTERRUPTED');
    const client = wsClient();
    try {
      const events = await wsCollect(client, id, null);
      expectGapFree(events);
      expect(events.at(-1)!.__typename).toBe('SimulationInterrupted');
      // Re-run (as fast as possible): same seed and input → the same first events as the interrupted run.
      const r = await gql<{ rerunSimulation: { id: string } }>('mutation ($id: ID!) { rerunSimulation(id: $id, pace: null) { id } }', { id });
      const again = await wsCollect(client, r.data!.rerunSimulation.id, null);
      expect(again.at(-1)!.__typename).toBe('SimulationCompleted');
      const strip = (e: Ev) => JSON.stringify(e);
      expect(again.slice(0, events.length - 1).map(strip)).toEqual(events.slice(0, -1).map(strip));
    } finally {
      await client.dispose();
    }
  });
});
