/**
 * Load script (not part of `npm test` or `npm run bench`): a query mix at a fixed rate against the compiled server
 * (`npm run build` first) with autocannon, after a warm-up. Prints `name: value` lines: achieved rate, latency
 * p50/p99/max, errors and non-2xx responses, peak server RSS.
 *
 *   npx tsx bench/load-query-mix.ts              # 1,000 req/s for 20 s
 *   RATE=2000 SECONDS=30 npx tsx bench/load-query-mix.ts
 *   RESPONSE_CACHE=0 npx tsx bench/load-query-mix.ts   # every query executed (the mix repeats 5 queries, which the
 *                                                       # response cache otherwise answers before parsing)
 *
 * Two generators, one after the other on the same server (GENERATOR=autocannon or paced for one of them):
 * - autocannon in this process, 50 connections, `overallRate`: each connection sends its share of a second's
 *   requests back to back at the start of every second (a per-second quota, closed loop), so the server sees bursts
 *   of 50 requests in flight rather than a steady 1,000 req/s (lines `querymix_*`);
 * - bench/paced-load.ts in a child process: open loop, request i due at i / RATE, sent at its millisecond on one of
 *   50 keep-alive connections, latency counted from when it was due (lines `querymix_paced_*`).
 *
 * Loopback only; bounded by 2 × SECONDS (+ 10 s of warm-up).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import autocannon from 'autocannon';

const RATE = Number(process.env.RATE ?? 1_000);
const GENERATOR = process.env.GENERATOR ?? 'both';
const SECONDS = Number(process.env.SECONDS ?? 20);
/** Extra node flags for the server process (profiling: SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=prof'). */
const serverNodeArgs = (): string[] => (process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const PORT = Number(process.env.BENCH_PORT ?? 47_311);
const url = `http://127.0.0.1:${PORT}/graphql`;

const MIX = [
  'query Typename { __typename }',
  'query Gpus { gpus { id name memoryBytes } }',
  'query Models { models { id name parameters } }',
  'query Plan { trainingPlan(input: {model: "gpt3-175b", cluster: "a100-80gb-x1024", globalBatchSize: 1536, tensorParallel: 8, pipelineParallel: 8, recompute: FULL, trainingTokens: 3e11}) { fits memory { totalBytes } performance { stepSeconds modelFlopsUtilization } run { days costUsd } } }',
  'query Zero { modelStateMemory(parameters: 7.5e9, dataParallel: 64) { stage totalBytes } }',
].map((query) => ({ method: 'POST' as const, path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) }));

const dir = mkdtempSync(join(tmpdir(), 'zeroplan-mix-'));
const server = spawn(process.execPath, [...serverNodeArgs(), 'dist/main.js'], {
  env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'mix.db'), LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
try {
  for (let i = 0; ; i++) {
    if (i > 600) throw new Error('server did not start');
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const r of MIX) {
    const check = (await (await fetch(url, { method: 'POST', headers: r.headers, body: r.body })).json()) as { errors?: unknown };
    if (check.errors) throw new Error(`mix query failed: ${JSON.stringify(check.errors)}`);
  }
  await autocannon({ url, connections: 20, duration: 10, requests: MIX }); // warm-up (JIT)
  let peakRss = 0;
  const rss = setInterval(() => {
    void fetch(`http://127.0.0.1:${PORT}/metrics`)
      .then((r) => r.text())
      .then((t) => (peakRss = Math.max(peakRss, Number(/^process_resident_memory_bytes (\S+)/m.exec(t)?.[1] ?? 0))), () => undefined);
  }, 1_000);
  /** The server's CPU seconds so far (user + system, from /metrics): CPU per request whatever else the machine runs. */
  const serverCpuSeconds = async (): Promise<number> =>
    Number(/^process_cpu_seconds_total (\S+)/m.exec(await (await fetch(`http://127.0.0.1:${PORT}/metrics`)).text())?.[1] ?? NaN);
  if (GENERATOR !== 'paced') {
    const cpu0 = await serverCpuSeconds();
    const result = await autocannon({ url, connections: 50, duration: SECONDS, overallRate: RATE, requests: MIX });
    console.log(`querymix_target_rps: ${RATE}`);
    console.log(`querymix_achieved_rps: ${result.requests.average.toFixed(0)}`);
    console.log(`querymix_latency_p50_ms: ${result.latency.p50}`);
    console.log(`querymix_latency_p99_ms: ${result.latency.p99}`);
    console.log(`querymix_latency_max_ms: ${result.latency.max}`);
    console.log(`querymix_errors: ${result.errors + result.timeouts}`);
    console.log(`querymix_non2xx: ${result.non2xx}`);
    console.log(`querymix_server_cpu_us_per_request: ${(((await serverCpuSeconds()) - cpu0) / result.requests.total * 1e6).toFixed(0)}`);
  }
  if (GENERATOR !== 'autocannon') {
    const cpu0 = await serverCpuSeconds();
    const options = { url, rate: RATE, seconds: SECONDS, connections: 50, bodies: MIX.map((r) => r.body) };
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/paced-load.ts', JSON.stringify(options)], { maxBuffer: 1 << 20 });
    const paced = JSON.parse(stdout) as { cpuSeconds: number; elapsedSeconds: number; completed: number; errors: number; non2xx: number; achievedRps: number; p50: number; p90: number; p99: number; max: number; sendLateP99: number; sendLateMax: number };
    console.log(`querymix_paced_target_rps: ${RATE}`);
    console.log(`querymix_paced_achieved_rps: ${paced.achievedRps.toFixed(0)}`);
    console.log(`querymix_paced_latency_p50_ms: ${paced.p50.toFixed(2)}`);
    console.log(`querymix_paced_latency_p90_ms: ${paced.p90.toFixed(2)}`);
    console.log(`querymix_paced_latency_p99_ms: ${paced.p99.toFixed(2)}`);
    console.log(`querymix_paced_latency_max_ms: ${paced.max.toFixed(2)}`);
    console.log(`querymix_paced_generator_send_late_p99_ms: ${paced.sendLateP99.toFixed(2)}`);
    console.log(`querymix_paced_generator_send_late_max_ms: ${paced.sendLateMax.toFixed(2)}`);
    console.log(`querymix_paced_errors: ${paced.errors}`);
    console.log(`querymix_paced_non2xx: ${paced.non2xx}`);
    console.log(`querymix_paced_server_cpu_us_per_request: ${(((await serverCpuSeconds()) - cpu0) / paced.completed * 1e6).toFixed(0)}`);
    console.log(`querymix_paced_generator_cpu_share: ${(paced.cpuSeconds / paced.elapsedSeconds).toFixed(2)}`);
  }
  clearInterval(rss);
  console.log(`querymix_server_peak_rss_mb: ${(peakRss / 1e6).toFixed(0)}`);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
