/**
 * Fault script (not part of `npm test` or `npm run bench`) against the compiled server (`npm run build` first):
 * 1. vanishing subscribers: 200 WebSocket subscribers on a running simulation are cut (socket destroyed, no close
 *    frame); the server must drop their subscriptions (zeroplan_active_subscriptions back to 0).
 * 2. slow subscribers: 20 subscribers that stop reading for 3 s while the simulation streams, then read on: each
 *    must still get every seq in order (overflow is re-read from the database).
 * 3. kill -9 and restart: the server is killed mid-run and restarted on the same file; the run must be INTERRUPTED,
 *    its stored events replay gap-free, and the restart time is printed.
 * Prints `name: value` lines. Loopback only; every wait is bounded.
 *
 *   npx tsx bench/load-faults.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

const PORT = Number(process.env.BENCH_PORT ?? 47_321);
const url = `http://127.0.0.1:${PORT}/graphql`;
const dir = mkdtempSync(join(tmpdir(), 'zeroplan-faults-'));
const databasePath = join(dir, 'faults.db');
const PLAN = { model: 'gpt3-175b', cluster: 'a100-80gb-x1024', globalBatchSize: 1536, tensorParallel: 8, pipelineParallel: 8, recompute: 'FULL', trainingTokens: 3e11 };

async function startServer(): Promise<{ child: ChildProcess; ms: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['dist/main.js'], {
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATABASE_PATH: databasePath, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 1_200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/readyz`)).ok) return { child, ms: performance.now() - t0 };
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('server did not become ready in 30 s');
}

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })).json()) as { data: T; errors?: unknown };
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data;
}

const startSimulation = async (pace: number): Promise<string> =>
  (await gql<{ startSimulation: { id: string } }>('mutation($i: SimulationInput!) { startSimulation(input: $i) { id } }', { i: { plan: PLAN, seed: 7, pace } })).startSimulation.id;

async function activeSubscriptions(): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${PORT}/metrics`)).text();
  return Number(/^zeroplan_active_subscriptions (\S+)/m.exec(text)?.[1] ?? NaN);
}

/** A raw graphql-transport-ws subscriber to simulationEvents; `seqs` collects what arrives. */
function subscribe(id: string, after = 0): { ws: WebSocket; seqs: number[]; done: Promise<void> } {
  const ws = new WebSocket(`ws://127.0.0.1:${PORT}/graphql`, 'graphql-transport-ws');
  const seqs: number[] = [];
  const done = new Promise<void>((resolve) => {
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: {} })));
    ws.on('message', (raw: Buffer) => {
      const m = JSON.parse(raw.toString()) as { type: string; payload?: { data?: { simulationEvents?: { seq: number } } } };
      if (m.type === 'connection_ack') ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `subscription { simulationEvents(id: "${id}", after: ${after}) { seq } }` } }));
      else if (m.type === 'next' && m.payload?.data?.simulationEvents) seqs.push(m.payload.data.simulationEvents.seq);
      else if (m.type === 'complete') resolve();
    });
    ws.on('close', () => resolve());
    ws.on('error', () => resolve());
  });
  return { ws, seqs, done };
}

const gapFree = (seqs: number[], from = 1): boolean => seqs.every((s, i) => s === from + i);
const waitUntil = async (check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
};

let server = await startServer();
try {
  // 1. Vanishing subscribers.
  const running = await startSimulation(2e4);
  const vanishing = Array.from({ length: 200 }, () => subscribe(running));
  await waitUntil(async () => (await activeSubscriptions()) >= 200, 30_000);
  console.log(`faults_vanishing_subscribed: ${await activeSubscriptions()}`);
  for (const s of vanishing) s.ws.terminate();
  const released = await waitUntil(async () => (await activeSubscriptions()) === 0, 30_000);
  console.log(`faults_vanishing_released: ${released ? 1 : 0}`);
  console.log(`faults_vanishing_active_after: ${await activeSubscriptions()}`);

  // 2. Slow subscribers: pause reading for 3 s, then read to the end.
  const slowRun = await startSimulation(2e5);
  const slow = Array.from({ length: 20 }, () => subscribe(slowRun));
  await new Promise((r) => setTimeout(r, 500));
  for (const s of slow) (s.ws as unknown as { _socket: { pause(): void } })._socket.pause();
  await new Promise((r) => setTimeout(r, 3_000));
  for (const s of slow) (s.ws as unknown as { _socket: { resume(): void } })._socket.resume();
  await Promise.race([Promise.all(slow.map((s) => s.done)), new Promise((r) => setTimeout(r, 120_000))]);
  const lastSeq = (await gql<{ simulation: { lastSeq: number; status: string } }>('query($id: ID!) { simulation(id: $id) { lastSeq status } }', { id: slowRun })).simulation;
  console.log(`faults_slow_subscribers_complete: ${slow.filter((s) => s.seqs.length === lastSeq.lastSeq && gapFree(s.seqs)).length}/20 (simulation ${lastSeq.status}, ${lastSeq.lastSeq} events)`);

  // 3. kill -9 mid-run, restart on the same file.
  const killed = await startSimulation(1e5);
  await waitUntil(async () => (await gql<{ simulation: { lastSeq: number } }>('query($id: ID!) { simulation(id: $id) { lastSeq } }', { id: killed })).simulation.lastSeq > 5, 30_000);
  server.child.kill('SIGKILL');
  await new Promise((r) => server.child.once('exit', r));
  server = await startServer();
  console.log(`faults_restart_after_kill9_ms: ${server.ms.toFixed(0)}`);
  const after = (await gql<{ simulation: { status: string; lastSeq: number } }>('query($id: ID!) { simulation(id: $id) { status lastSeq } }', { id: killed })).simulation;
  console.log(`faults_kill9_status: ${after.status}`);
  const replay = subscribe(killed);
  await Promise.race([replay.done, new Promise((r) => setTimeout(r, 30_000))]);
  replay.ws.close();
  console.log(`faults_kill9_replay_gap_free: ${replay.seqs.length === after.lastSeq && gapFree(replay.seqs) ? 1 : 0} (${replay.seqs.length} of ${after.lastSeq} events)`);
} finally {
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
