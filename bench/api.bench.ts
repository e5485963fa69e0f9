/**
 * API throughput: HTTP requests per second of a `trainingPlan` query and of a trivial `{ __typename }` query on the
 * same loopback server, measured side by side (alternating rounds) with 32 requests in flight. The ratio says how
 * much the planner costs next to GraphQL over HTTP itself (goal ≥ 0.8). `api.*` runs without the response cache (the
 * same request repeated would otherwise never reach the resolver); `api.responseCache.*` is the same with it.
 *
 * Warm-up is counted in requests, not time: from a cold process both paths take ≈ 2,000–3,000 requests to reach
 * steady state (JIT tiers; CPU per request falls ≈ 5× over that span). The former 300 ms warm-up left the measured
 * rounds inside that transient: on the shared 2-core machine 250–410 requests/s against 670–1,390 once warm, and a
 * ratio that swung with how far the warm-up had got.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/server/app.js';
import type { Report } from './run.js';

const IN_FLIGHT = 32;
const ROUNDS = 3;
const ROUND_MS = 1_000;
/** Requests of each kind served before measuring (steady state, see above). */
const WARMUP_REQUESTS = 3_000;
/** Stop warming after this long, so a very slow machine still gets measured. */
const WARMUP_MAX_MS = 15_000;
const WARMUP_ROUND_MS = 250;
/** Upper bound on requests per round, whatever the speed. */
const MAX_REQUESTS_PER_ROUND = 200_000;

const TRIVIAL = JSON.stringify({ query: '{ __typename }' });
// The GraphiQL example: GPT-3 175B on 1,024 A100s (Megatron-LM recipe) with a typical selection.
const PLAN = JSON.stringify({
  query: `query Plan($input: TrainingPlanInput!) {
    trainingPlan(input: $input) {
      fits
      parallelism { tensorParallel pipelineParallel dataParallel }
      memory { totalBytes capacityBytes }
      performance { stepSeconds tokensPerSecond modelFlopsUtilization }
      run { days costUsd }
    }
  }`,
  variables: {
    input: { model: 'gpt3-175b', cluster: 'a100-80gb-x1024', globalBatchSize: 1536, tensorParallel: 8, pipelineParallel: 8, recompute: 'FULL', trainingTokens: 3e11 },
  },
});

async function round(url: string, body: string, ms: number): Promise<{ requests: number; seconds: number }> {
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  let requests = 0;
  let failures = 0;
  const start = performance.now();
  const deadline = start + ms;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline && requests < MAX_REQUESTS_PER_ROUND) {
      const response = await fetch(url, { method: 'POST', headers, body });
      const text = await response.text();
      if (response.status !== 200 || text.includes('"errors"')) failures += 1;
      requests += 1;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  if (failures > 0) throw new Error(`${failures} failed requests in the API bench`);
  return { requests, seconds: (performance.now() - start) / 1000 };
}

export async function run(report: Report): Promise<void> {
  // The execution path: without the response cache every request is parsed, validated, executed and serialised.
  await measure(report, 'api', false);
  // What a client repeating the same read-only query gets (response-cache.ts answers before parsing).
  await measure(report, 'api.responseCache', true);
}

async function measure(report: Report, prefix: string, responseCache: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zeroplan-bench-'));
  const app = createApp({ databasePath: join(dir, 'bench.db'), graphiql: false, responseCache });
  try {
    const { url } = await app.start(0, '127.0.0.1');
    // Warm-up (JIT, parse/validate caches, preset counts), alternating like the measurement.
    const warmed = { trivial: 0, plan: 0 };
    const warmUntil = performance.now() + WARMUP_MAX_MS;
    while ((warmed.trivial < WARMUP_REQUESTS || warmed.plan < WARMUP_REQUESTS) && performance.now() < warmUntil) {
      warmed.trivial += (await round(url, TRIVIAL, WARMUP_ROUND_MS)).requests;
      warmed.plan += (await round(url, PLAN, WARMUP_ROUND_MS)).requests;
    }
    const totals = { trivial: { requests: 0, seconds: 0 }, plan: { requests: 0, seconds: 0 } };
    for (let i = 0; i < ROUNDS; i++) {
      for (const [kind, body] of [['trivial', TRIVIAL], ['plan', PLAN]] as const) {
        const r = await round(url, body, ROUND_MS);
        totals[kind].requests += r.requests;
        totals[kind].seconds += r.seconds;
      }
    }
    const trivial = totals.trivial.requests / totals.trivial.seconds;
    const plan = totals.plan.requests / totals.plan.seconds;
    report(`${prefix}.trivialRequestsPerSecond`, trivial);
    report(`${prefix}.planRequestsPerSecond`, plan);
    report(`${prefix}.planToTrivialThroughputRatio`, plan / trivial);
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
