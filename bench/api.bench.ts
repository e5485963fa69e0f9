/**
 * API throughput: HTTP requests per second of a `trainingPlan` query and of a trivial `{ __typename }` query on the
 * same loopback server, measured side by side (alternating rounds) with 32 requests in flight. The ratio says how
 * much the planner costs next to GraphQL over HTTP itself (goal ≥ 0.8).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/server/app.js';
import type { Report } from './run.js';

const IN_FLIGHT = 32;
const ROUNDS = 3;
const ROUND_MS = 1_000;
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
  const dir = mkdtempSync(join(tmpdir(), 'zeroplan-bench-'));
  const app = createApp({ databasePath: join(dir, 'bench.db'), graphiql: false });
  try {
    const { url } = await app.start(0, '127.0.0.1');
    // Warm-up: JIT, parse/validate caches, preset counts.
    await round(url, TRIVIAL, 300);
    await round(url, PLAN, 300);
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
    report('api.trivialRequestsPerSecond', trivial);
    report('api.planRequestsPerSecond', plan);
    report('api.planToTrivialThroughputRatio', plan / trivial);
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
