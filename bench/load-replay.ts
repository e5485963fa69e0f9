/**
 * Load script (not part of `npm test` or `npm run bench`): WebSocket subscribers replaying a long stored simulation
 * from `after: 0` against the compiled server (`npm run build` first), while a prober sends `{ __typename }` every
 * 10 ms. Prints `name: value` lines: how many subscribers got every event (gap-free, in order, ending with
 * COMPLETED), how many were dropped, the probe's p50/p99/max latency, peak server RSS, and the wall time.
 *
 *   npx tsx bench/load-replay.ts                         # 1,000 × 14,000 events, then 20 × 160,000
 *   SUBSCRIBERS=200 EVENTS=14000 npx tsx bench/load-replay.ts one   # one scenario, other sizes
 *   TRANSPORT=sse SUBSCRIBERS=300 EVENTS=1000 npx tsx bench/load-replay.ts one    # the same over SSE
 *
 * Loopback only; bounded: each scenario stops after TIME_LIMIT_S (default 900 s) and reports what it saw.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { setMaxListeners } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { CORE_MIGRATIONS, openDatabase } from '../src/server/db.js';
import { SIMULATION_MIGRATIONS } from '../src/server/simulation-store.js';

const TIME_LIMIT_S = Number(process.env.TIME_LIMIT_S ?? 900);
/** Extra node flags for the server process (profiling: SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=prof'). */
const serverNodeArgs = (): string[] => (process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const PORT = Number(process.env.BENCH_PORT ?? 47_301);
/** `ws` (graphql-transport-ws, default) or `sse` (graphql-sse's distinct-connections mode: one POST per subscriber). */
const TRANSPORT = process.env.TRANSPORT ?? 'ws';

/** A stored, completed simulation of `events` events (realistic PROGRESS payloads, then COMPLETED). */
function seed(path: string, events: number): string {
  const db = openDatabase(path, [...CORE_MIGRATIONS, ...SIMULATION_MIGRATIONS]);
  const id = `s_bench${events}`;
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO simulations (id, status, request, last_seq, created_at, started_at, finished_at, ord)
     VALUES (?, 'COMPLETED', ?, ?, ?, ?, ?, 1)`,
  ).run(id, JSON.stringify({ job: {}, preset: 'bench', plan: {} }), events, now, now, now);
  const insert = db.prepare('INSERT INTO simulation_events (simulation_id, seq, type, simulated_seconds, data) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let seq = 1; seq < events; seq++) {
      const data = { replica: 0, step: seq * 7, tokens: seq * 22_020_096, fractionComplete: seq / events, effectiveTrainingTimeRatio: 0.998, goodput: 0.989, predictedLoss: 2.53 };
      insert.run(id, seq, 'PROGRESS', seq * 200, JSON.stringify(data));
    }
    insert.run(id, events, 'COMPLETED', events * 200, JSON.stringify({ summary: {} }));
  })();
  db.close();
  return id;
}

function startServer(databasePath: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...serverNodeArgs(), 'dist/main.js'], {
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATABASE_PATH: databasePath, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const until = Date.now() + 30_000;
    const poll = (): void => {
      fetch(`http://127.0.0.1:${PORT}/readyz`).then(
        (r) => (r.ok ? resolve(child) : setTimeout(poll, 50)),
        () => (Date.now() > until ? reject(new Error('server did not start')) : setTimeout(poll, 50)),
      );
    };
    poll();
  });
}

/** Server RSS and its event-loop delay since the last scrape (prom-client resets that histogram at each scrape). */
async function serverStats(): Promise<{ rss: number; lagMax: number; cpuSeconds: number }> {
  const text = await (await fetch(`http://127.0.0.1:${PORT}/metrics`)).text();
  const value = (name: string): number => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
  return { rss: value('process_resident_memory_bytes'), lagMax: value('nodejs_eventloop_lag_max_seconds'), cpuSeconds: value('process_cpu_seconds_total') };
}

interface Outcome {
  complete: boolean;
  received: number;
  inOrder: boolean;
  closedEarly: number | null;
}

/** One graphql-transport-ws subscriber; resolves when COMPLETED arrives, the socket closes, or `signal` aborts. */
function subscriber(id: string, events: number, signal: AbortSignal): Promise<Outcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${PORT}/graphql`, 'graphql-transport-ws');
    let expected = 1;
    let inOrder = true;
    let done = false;
    const finish = (closedEarly: number | null): void => {
      if (done) return;
      done = true;
      resolve({ complete: expected === events + 1 && inOrder, received: expected - 1, inOrder, closedEarly });
      ws.close();
    };
    signal.addEventListener('abort', () => finish(null), { once: true });
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: {} })));
    ws.on('message', (raw: Buffer) => {
      const message = JSON.parse(raw.toString()) as { type: string; payload?: { data?: { simulationEvents?: { seq: number; __typename: string } } } };
      if (message.type === 'connection_ack') {
        ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `subscription { simulationEvents(id: "${id}", after: 0) { __typename seq } }` } }));
      } else if (message.type === 'next') {
        const e = message.payload?.data?.simulationEvents;
        if (!e || e.seq !== expected) inOrder = false;
        expected = (e?.seq ?? expected) + 1;
      } else if (message.type === 'complete') finish(null);
    });
    ws.on('close', (code) => finish(code));
    ws.on('error', () => finish(-1));
  });
}

/** One SSE subscriber (POST, Accept: text/event-stream), otherwise as `subscriber`. */
function sseSubscriber(id: string, events: number, signal: AbortSignal): Promise<Outcome> {
  return new Promise((resolve) => {
    let expected = 1;
    let inOrder = true;
    let done = false;
    let text = '';
    const body = JSON.stringify({ query: `subscription { simulationEvents(id: "${id}", after: 0) { __typename seq } }` });
    const req = request({ host: '127.0.0.1', port: PORT, path: '/graphql', method: 'POST', agent: false, headers: { 'content-type': 'application/json', accept: 'text/event-stream' } });
    const finish = (closedEarly: number | null): void => {
      if (done) return;
      done = true;
      resolve({ complete: expected === events + 1 && inOrder, received: expected - 1, inOrder, closedEarly });
      req.destroy();
    };
    signal.addEventListener('abort', () => finish(null), { once: true });
    req.on('response', (res) => {
      if (res.statusCode !== 200) finish(res.statusCode ?? -1);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        let end = text.indexOf('\n\n');
        while (end >= 0) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          end = text.indexOf('\n\n');
          if (block.startsWith('event: complete')) return finish(null);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (!block.startsWith('event: next') || !data) continue;
          const e = (JSON.parse(data.slice(6)) as { data?: { simulationEvents?: { seq: number } } }).data?.simulationEvents;
          if (!e || e.seq !== expected) inOrder = false;
          expected = (e?.seq ?? expected) + 1;
        }
      });
      res.on('close', () => finish(-2));
    });
    req.on('error', () => finish(-1));
    req.end(body);
  });
}

/** `{ __typename }` every 10 ms until stdin ends; prints the latencies (ms) as JSON. */
const PROBER = `
const port = process.argv[1];
let running = true;
process.stdin.on('data', () => (running = false));
process.stdin.on('end', () => (running = false));
const out = [];
const at = [];
// This process's own first fetch loads its HTTP client (tens of ms): done once before measuring, on /healthz,
// before the subscribers start (the script waits for the 'R').
await (await fetch('http://127.0.0.1:' + port + '/healthz')).text();
process.stdout.write('R');
let failed = 0;
while (running) {
  const t0 = performance.now();
  try {
    await (await fetch('http://127.0.0.1:' + port + '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })).text();
    out.push(performance.now() - t0);
    at.push(t0);
  } catch {
    failed++;
  }
  await new Promise((r) => setTimeout(r, 10));
}
process.stdout.write(JSON.stringify({ out, at, failed }));
`;

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function scenario(name: string, subscribers: number, events: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zeroplan-load-'));
  const path = join(dir, 'load.db');
  const id = seed(path, events);
  const server = await startServer(path);
  const started = performance.now();
  // The prober is its own process, so the subscribers' client work in this one does not delay its requests.
  const prober = spawn(process.execPath, ['--input-type=module', '-e', PROBER, String(PORT)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let proberOut = '';
  prober.stdout!.on('data', (d: Buffer) => (proberOut += d.toString()));
  await new Promise<void>((resolve) => prober.stdout!.once('data', () => resolve()));
  const first = await serverStats();
  let peakRss = first.rss;
  // The server's own longest event-loop delay in any 1 s window (prom-client's monitor, 10 ms resolution): what the
  // server held the loop for, apart from the network and the prober's own scheduling.
  let peakLag = 0;
  const rss = setInterval(
    () =>
      void serverStats().then(
        (s) => {
          peakRss = Math.max(peakRss, s.rss);
          if (Number.isFinite(s.lagMax)) peakLag = Math.max(peakLag, s.lagMax);
        },
        () => undefined,
      ),
    1_000,
  );
  const limit = new AbortController();
  setMaxListeners(0, limit.signal);
  const timer = setTimeout(() => limit.abort(), TIME_LIMIT_S * 1_000);
  const connect = TRANSPORT === 'sse' ? sseSubscriber : subscriber;
  const outcomes = await Promise.all(Array.from({ length: subscribers }, () => connect(id, events, limit.signal)));
  // Baseline (no subscribers): the same probe for 10 s, to show what the machine alone gives.
  if (subscribers === 0) await new Promise((r) => setTimeout(r, 10_000));
  clearTimeout(timer);
  // Server CPU (user + system) over the scenario: the cost of the work, whatever else the machine was running.
  const cpuSeconds = (await serverStats()).cpuSeconds - first.cpuSeconds;
  prober.stdin!.end('stop');
  await new Promise((r) => prober.once('exit', r));
  const probes = JSON.parse(proberOut.slice(1)) as { out: number[]; at: number[]; failed: number };
  const latencies = probes.out;
  clearInterval(rss);
  const wall = (performance.now() - started) / 1_000;
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
  const sorted = [...latencies].sort((a, b) => a - b);
  const prefix = `replay_${name}${TRANSPORT === 'sse' ? '_sse' : ''}_${subscribers}x${events}`;
  console.log(`${prefix}_subscribers_complete: ${outcomes.filter((o) => o.complete).length}`);
  console.log(`${prefix}_subscribers_dropped: ${outcomes.filter((o) => o.closedEarly !== null).length}`);
  console.log(`${prefix}_events_received: ${outcomes.reduce((s, o) => s + o.received, 0)}`);
  console.log(`${prefix}_out_of_order: ${outcomes.filter((o) => !o.inOrder).length}`);
  console.log(`${prefix}_typename_p50_ms: ${percentile(sorted, 50).toFixed(1)}`);
  console.log(`${prefix}_typename_p99_ms: ${percentile(sorted, 99).toFixed(1)}`);
  console.log(`${prefix}_typename_max_ms: ${(sorted.at(-1) ?? NaN).toFixed(1)}`);
  console.log(`${prefix}_typename_probes: ${sorted.length}`);
  console.log(`${prefix}_typename_failed: ${probes.failed}`);
  // When the slowest probes were sent (ms after the first probe): tells a joining burst from the replay's steady state.
  const slowest = latencies.map((ms, i) => ({ ms, at: probes.at[i]! - probes.at[0]! })).sort((a, b) => b.ms - a.ms).slice(0, 5);
  console.log(`${prefix}_typename_slowest: ${slowest.map((p) => `${p.ms.toFixed(0)} ms at ${p.at.toFixed(0)} ms`).join(', ')}`);
  console.log(`${prefix}_server_peak_rss_mb: ${(peakRss / 1e6).toFixed(0)}`);
  console.log(`${prefix}_server_loop_delay_max_ms: ${(peakLag * 1e3).toFixed(1)}`);
  console.log(`${prefix}_server_cpu_seconds: ${cpuSeconds.toFixed(2)}`);
  console.log(`${prefix}_wall_seconds: ${wall.toFixed(1)}`);
  console.log(`${prefix}_timed_out: ${limit.signal.aborted ? 1 : 0}`);
}

const only = process.argv[2];
if (only === 'baseline') {
  await scenario('baseline', 0, 1_000);
} else if (only === 'one') {
  await scenario('custom', Number(process.env.SUBSCRIBERS ?? 100), Number(process.env.EVENTS ?? 14_000));
} else {
  await scenario('join', 1_000, 14_000);
  await scenario('long', 20, 160_000);
}
