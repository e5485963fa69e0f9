/**
 * budgetPlan / budgetPlanProgress through yoga (in-process): the API returns the core planner's answer (inline and in
 * a worker thread), the sized model and its TrainingPlan agree with it, the ideal case is computeOptimal, and the
 * progress subscription ends with the result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planBudget } from '../../src/core/budget.js';
import { findGpu, makeCluster, peakFlopsFor } from '../../src/core/hardware.js';
import { computeOptimalAllocation } from '../../src/core/scaling.js';
import { budgetModule, runningBudgetPlans } from '../../src/server/budget-runner.js';
import { budgetFailureModel } from '../../src/simulation/budget-failures.js';
import { presetParams } from '../../src/simulation/presets.js';
import { createTestApp, post, relativeError, removeDir, type TestApp } from '../server/helpers.js';

let withWorker: TestApp;
let inline: TestApp;
beforeAll(() => {
  withWorker = createTestApp({ modules: [budgetModule()] });
  inline = createTestApp();
});
afterAll(async () => {
  for (const t of [withWorker, inline]) {
    await t.dispose();
    removeDir(t.dir);
  }
});

const QUERY = `query($i: BudgetPlanInput!) { budgetPlan(input: $i) {
  model { id layers hiddenSize attentionHeads kvHeads ffnHiddenSize }
  parameters trainingTokens expectedDays costUsd predictedLoss bindingConstraint gpus ettr modelFlopsUtilization
  idealParameters shiftFraction notes
  plan { fits parallelism { tensorParallel pipelineParallel dataParallel gpuCount } run { days } }
  frontier { spendUsd predictedLoss parameters trainingTokens expectedDays gpus }
  monteCarlo { replicas meanDays differenceFraction }
} }`;

interface Answer {
  model: { layers: number; hiddenSize: number } | null;
  parameters: number;
  trainingTokens: number;
  expectedDays: number;
  costUsd: number;
  predictedLoss: number;
  bindingConstraint: string;
  gpus: number;
  ettr: number;
  plan: { fits: boolean; parallelism: { gpuCount: number }; run: { days: number } } | null;
  frontier: { spendUsd: number }[];
  monteCarlo: { replicas: number; meanDays: number; differenceFraction: number } | null;
}

const input = { budgetUsd: 2e6, deadlineDays: 30, gpu: 'h100-sxm', maxGpus: 256, law: 'CHINCHILLA', family: 'LLAMA', reliability: 'llama3-405b' };

describe('budgetPlan', () => {
  it('the core planner’s answer, in a worker thread and inline, with the layout’s TrainingPlan', async () => {
    const core = planBudget({
      budgetUsd: 2e6,
      deadlineDays: 30,
      cluster: makeCluster({ gpu: findGpu('h100-sxm')!, gpusPerNode: 8, nodes: 32 }),
      law: 'CHINCHILLA',
      family: { kind: 'LLAMA' },
      failures: budgetFailureModel(presetParams('llama3-405b')),
    }).best!;
    for (const t of [withWorker, inline]) {
      const r = await post<{ budgetPlan: Answer }>(t.app, { query: QUERY, variables: { i: input } });
      expect(r.errors).toBeUndefined();
      const a = r.data!.budgetPlan;
      expect(a.parameters).toBe(core.candidate.lawParameters);
      expect(a.trainingTokens).toBeCloseTo(core.trainingTokens, -3);
      expect(a.costUsd).toBeLessThanOrEqual(2e6 * (1 + 1e-9));
      expect(a.expectedDays).toBeLessThanOrEqual(30 * (1 + 1e-9));
      expect(a.model!.hiddenSize).toBe(core.candidate.arch.hiddenSize);
      expect(a.plan!.fits).toBe(true);
      expect(a.plan!.parallelism.gpuCount).toBe(a.gpus);
      // The TrainingPlan's failure-free days × the failure factor = the expected days.
      expect(relativeError(a.plan!.run.days * (a.expectedDays / core.solveDays), a.expectedDays)).toBeLessThan(0.01);
      expect(a.frontier.length).toBeGreaterThan(3);
    }
  });

  it('ideal utilisation at Gopher’s budget (5.76e23 FLOPs on A100s at full peak) is computeOptimal: ≈ 67B (Chinchilla Table 3), within 1 %', async () => {
    const a100 = findGpu('a100-80gb')!;
    const budgetUsd = (5.76e23 / (1024 * peakFlopsFor(a100, 'BF16')) / 3600) * 1024 * 2;
    const r = await post<{ budgetPlan: Answer }>(inline.app, {
      query: QUERY,
      variables: { i: { budgetUsd, gpu: 'a100-80gb', maxGpus: 1024, gpuHourUsd: 2, idealUtilisation: true } },
    });
    expect(r.errors).toBeUndefined();
    const a = r.data!.budgetPlan;
    expect(relativeError(a.parameters, computeOptimalAllocation(5.76e23, 'CHINCHILLA').parameters)).toBeLessThan(0.01);
    expect(relativeError(a.parameters, 67e9)).toBeLessThan(0.02);
    expect(a.ettr).toBe(1);
  });

  it('confirms the analytic days with a Monte Carlo when asked (within 2 % on Llama 3’s preset)', async () => {
    const r = await post<{ budgetPlan: Answer }>(inline.app, { query: QUERY, variables: { i: { ...input, monteCarloReplicas: 4 } } });
    expect(r.errors).toBeUndefined();
    const mc = r.data!.budgetPlan.monteCarlo!;
    expect(mc.replicas).toBe(4);
    expect(Math.abs(mc.differenceFraction)).toBeLessThan(0.02);
  });
});

describe('budgetPlanProgress (SSE)', () => {
  it('streams progress, then one final event with the result', async () => {
    const response = await withWorker.app.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query: 'subscription($i: BudgetPlanInput!) { budgetPlanProgress(input: $i) { done sizesEvaluated sizesTotal bestParameters result { parameters costUsd } } }',
        variables: { i: input },
      }),
    });
    expect(response.status).toBe(200);
    const events = (await response.text())
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as { data?: { budgetPlanProgress: { done: boolean; sizesEvaluated: number; result: { parameters: number } | null } } })
      .filter((e) => e.data !== undefined)
      .map((e) => e.data!.budgetPlanProgress);
    expect(events.length).toBeGreaterThanOrEqual(2);
    const last = events[events.length - 1]!;
    expect(last.done).toBe(true);
    expect(last.result!.parameters).toBeGreaterThan(1e8);
    expect(events.slice(0, -1).every((e) => !e.done && e.result === null)).toBe(true);
  });
});

describe('cancellation', () => {
  it('closing the subscription after its first event releases the plan’s worker and slot', async () => {
    const controller = new AbortController();
    const response = await withWorker.app.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query: 'subscription($i: BudgetPlanInput!) { budgetPlanProgress(input: $i) { done sizesEvaluated } }',
        variables: { i: { budgetUsd: 1e9, gpu: 'h100-sxm', maxGpus: 16384 } },
      }),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('"sizesEvaluated"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(runningBudgetPlans()).toBe(1);
    controller.abort();
    await reader.cancel().catch(() => undefined);
    const deadline = Date.now() + 10_000;
    while (runningBudgetPlans() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(runningBudgetPlans()).toBe(0);
  });
});
