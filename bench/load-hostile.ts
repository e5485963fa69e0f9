/**
 * The hostile corpus on every transport (not part of `npm test` or `npm run bench`), against the compiled server
 * (`npm run build` first) started with an API key: the same inputs over HTTP, SSE and WebSocket (bench/
 * hostile-corpus.ts) — oversized bodies and messages, JSON nested 5,000 deep, a bad Origin, a missing or wrong key,
 * malformed graphql-ws messages, a subscribe flood. Prints one `hostile.<transport>.<case>: <answer>` line each
 * (`!!` in front of a finding), then the totals: findings must be 0, the server must still answer and never exit.
 *
 *   npx tsx bench/load-hostile.ts          (BENCH_PORT, default 47540)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { httpCases, stillServing, wsCases, type Outcome, type Target } from './hostile-corpus.js';

const PORT = Number(process.env.BENCH_PORT ?? 47_540);
const KEY = 'hostile-bench-key-0123456789';
const target: Target = { url: `http://127.0.0.1:${PORT}/graphql`, key: KEY };
const dir = mkdtempSync(join(tmpdir(), 'zeroplan-hostile-'));
const child = spawn(process.execPath, ['dist/main.js'], {
  env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'hostile.db'), LOG_LEVEL: 'warn', ZEROPLAN_API_KEYS: `bench:${KEY}` },
  stdio: ['ignore', 'ignore', 'pipe'],
});
let stderr = '';
child.stderr?.on('data', (chunk: Buffer) => {
  stderr += chunk.toString();
});
let exitCode: number | null = null;
child.on('exit', (code) => {
  exitCode = code ?? -1;
});

for (let i = 0; ; i++) {
  if (i > 1_200) throw new Error('server did not become ready in 30 s');
  try {
    if ((await fetch(`http://127.0.0.1:${PORT}/readyz`)).ok) break;
  } catch {
    // not yet listening
  }
  await new Promise((r) => setTimeout(r, 25));
}

let findings = 0;
let cases = 0;
const transports: [string, { name: string; run: () => Promise<Outcome> }[]][] = [
  ['http', httpCases(target, false)],
  ['sse', httpCases(target, true)],
  ['ws', wsCases(target)],
];
for (const [transport, list] of transports) {
  for (const c of list) {
    const outcome = await c.run();
    cases += 1;
    if (!outcome.ok) findings += 1;
    console.log(`${outcome.ok ? '' : '!! '}hostile.${transport}.${c.name}: ${outcome.detail}`);
  }
  const alive = await stillServing(target);
  if (!alive) findings += 1;
  console.log(`hostile.${transport}.serverAnswersAfter: ${alive ? 1 : 0}`);
}

const metrics = await (await fetch(`http://127.0.0.1:${PORT}/metrics`)).text();
const count = (name: string): number =>
  metrics
    .split('\n')
    .filter((l) => l.startsWith(name))
    .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
const serverErrors = count('zeroplan_http_responses_total{status="5');
const rssBytes = count('process_resident_memory_bytes');
console.log(`hostile.cases: ${cases}`);
console.log(`hostile.findings: ${findings}`);
console.log(`hostile.http5xxResponses: ${serverErrors}`);
console.log(`hostile.serverExited: ${exitCode === null ? 0 : 1}`);
const errorLines = stderr.split('\n').filter((l) => /error/i.test(l));
console.log(`hostile.serverStderrErrorLines: ${errorLines.length}`);
for (const line of errorLines.slice(0, 5)) console.log(`  stderr: ${line.slice(0, 300)}`);
console.log(`hostile.rssMb: ${(rssBytes / 1e6).toFixed(0)}`);
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dir, { recursive: true, force: true });
process.exit(findings === 0 && serverErrors === 0 ? 0 : 1);
