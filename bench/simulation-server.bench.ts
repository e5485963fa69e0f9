/**
 * Server under simulation load (loopback only, bounded in time): 4 simulations (16,384 H100s, Llama-3-like
 * reliability, 54-day horizon) watched at a UI pace of one simulated day per wall second, with 200 WebSocket
 * subscribers (50 per simulation, replaying from seq 1 then live; in a separate client process so their work does
 * not count against the server's event loop). Measured over MEASURE_SECONDS, then the simulations are cancelled.
 * server.eventLoopLagP99Ms (goal < 20): p99 event-loop delay of the server process during that window.
 * server.rssMb: peak resident memory of the server process (incl. its worker threads) during the window.
 * Also: events delivered per second, and whether every subscriber saw every seq up to the cancel (gap-free).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createApp } from '../src/server/app.js';
import { simulationModule } from '../src/server/simulation-module.js';

type Report = (name: string, value: number | string) => void;

const SIMULATIONS = 4;
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 200);
const PACE = 86_400; // simulated seconds per wall second
const MEASURE_SECONDS = 15;
const HORIZON_SECONDS = 54 * 86_400;

// GPT-3 175B layout on 2,048 × 8 H100 (16,384 GPUs); the run is cut at the 54-day horizon.
const PLAN = {
  model: 'gpt3-175b',
  clusterSpec: { gpu: 'h100-sxm', gpusPerNode: 8, nodes: 2048 },
  globalBatchSize: 2048,
  tensorParallel: 8,
  pipelineParallel: 8,
  recompute: 'FULL',
  trainingTokens: 1e14,
};

const CLIENT = `
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
const [url, idsJson, countText] = process.argv.slice(1);
const ids = JSON.parse(idsJson);
const count = Number(countText);
const query = 'subscription ($id: ID!) { simulationEvents(id: $id) { __typename seq simulatedSeconds } }';
let events = 0, gaps = 0, completed = 0, errors = 0, listening = 0;
const clients = [];
await Promise.all(Array.from({ length: count }, (_, i) => new Promise((resolve) => {
  const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0 });
  clients.push(client);
  let last = 0;
  client.subscribe({ query, variables: { id: ids[i % ids.length] } }, {
    next: (r) => {
      const e = r.data && r.data.simulationEvents;
      if (!e) { errors++; return; }
      events++;
      if (last === 0 && ++listening === count) process.stdout.write('ready\\n');
      if (e.seq !== last + 1) gaps++;
      last = e.seq;
      if (e.__typename === 'SimulationCompleted' || e.__typename === 'SimulationCancelled') completed++;
    },
    error: () => { errors++; resolve(); },
    complete: () => resolve(),
  });
})));
for (const c of clients) await c.dispose();
process.stdout.write(JSON.stringify({ events, gaps, completed, errors }) + '\\n');
process.exit(0);
`;

export async function run(report: Report): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zeroplan-bench-'));
  const app = createApp({ databasePath: join(dir, 'bench.db'), modules: [simulationModule({ maxConcurrent: SIMULATIONS })] });
  const { url } = await app.start(0, '127.0.0.1');
  const gql = async (query: string, variables: Record<string, unknown>) =>
    (await (
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })
    ).json()) as { data?: Record<string, { id: string; status: string }>; errors?: unknown };
  try {
    const ids: string[] = [];
    for (let i = 0; i < SIMULATIONS; i++) {
      const r = await gql('mutation ($input: SimulationInput!) { startSimulation(input: $input) { id status } }', {
        input: { plan: PLAN, seed: i + 1, horizonSeconds: HORIZON_SECONDS, pace: PACE },
      });
      if (!r.data) throw new Error(`startSimulation failed: ${JSON.stringify(r.errors)}`);
      ids.push(r.data.startSimulation!.id);
    }
    const connectStarted = performance.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', CLIENT, url.replace('http', 'ws'), JSON.stringify(ids), String(SUBSCRIBERS)], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let onReady: () => void = () => {};
    const ready = new Promise<void>((resolve) => (onReady = resolve));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.startsWith('ready\n') || SUBSCRIBERS === 0) onReady();
    });
    if (SUBSCRIBERS === 0) onReady();
    await ready;
    report('server.simulationSubscribersConnectSeconds', (performance.now() - connectStarted) / 1000);
    // The window starts once every subscriber is listening (has its first event).
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 100);
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, MEASURE_SECONDS * 1000));
    clearInterval(sampler);
    lag.disable();
    const measured = (performance.now() - connectStarted) / 1000; // events are counted from the first connection
    for (const id of ids) await gql('mutation ($id: ID!) { cancelSimulation(id: $id) { id status } }', { id });
    const killer = setTimeout(() => child.kill(), 30_000);
    await exited;
    clearTimeout(killer);
    const result = JSON.parse(out.replace(/^ready\n/, '').trim() || '{}') as { events?: number; gaps?: number; completed?: number; errors?: number };
    report('server.eventLoopLagP99Ms', lag.percentile(99) / 1e6);
    report('server.rssMb', peakRss / 2 ** 20);
    report('server.simulationEventsDeliveredPerSecond', (result.events ?? 0) / measured);
    report('server.simulationSubscribersGapFree', result.gaps === 0 && result.completed === SUBSCRIBERS && result.errors === 0 ? 'yes' : `no (${JSON.stringify(result)})`);
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
