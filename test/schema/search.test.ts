/**
 * planSearch / planSearchProgress through yoga (in-process): the API returns the core search's answer as
 * TrainingPlans, runs it in a worker when the search module is installed, streams progress over SSE, and rejects bad
 * input with BAD_USER_INPUT naming the field.
 */
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { computeModelCounts } from '../../src/core/model.js';
import { findModelPreset } from '../../src/core/presets.js';
import { searchPlans } from '../../src/core/search.js';
import type { GpuSpec, ModelArchitecture, PlanOptions } from '../../src/core/types.js';
import { runningSearches, searchModule } from '../../src/server/search-runner.js';
import { PlanSearchDocument, PlanSearchProgressDocument, type PlanSearchInput, type PlanSearchProgressSubscription } from '../gql/graphql.js';
import { createTestApp, execute, onlyError, relativeError, removeDir, type TestApp } from '../server/helpers.js';

let withWorker: TestApp;
let inline: TestApp;
beforeAll(() => {
  withWorker = createTestApp({ modules: [searchModule({ mode: 'worker', progressIntervalSeconds: 0.01 })] });
  inline = createTestApp();
});
afterAll(async () => {
  for (const t of [withWorker, inline]) {
    await t.dispose();
    removeDir(t.dir);
  }
});

const gpt3 = findModelPreset('gpt3-175b') as ModelArchitecture;
const cluster1024 = makeCluster({ gpu: findGpu('a100-80gb') as GpuSpec, gpusPerNode: 8, nodes: 128 });
const gpt3Input: PlanSearchInput = { model: 'gpt3-175b', cluster: 'a100-80gb-x1024', globalBatchSize: 1536, top: 5, trainingTokens: 300e9 };

describe('planSearch', () => {
  it('GPT-3 175B on 1,024 A100s: the core search’s answer, rendered as TrainingPlans (worker thread)', async () => {
    const { data, errors } = await execute(withWorker.app, PlanSearchDocument, { input: gpt3Input });
    expect(errors).toBeUndefined();
    const r = data!.planSearch;
    const core = searchPlans(gpt3, computeModelCounts(gpt3), cluster1024, { globalBatchSize: 1536, top: 5, trainingTokens: 300e9 });
    expect(r.candidates).toBe(core.candidates);
    expect(r.feasible).toBe(core.feasible);
    expect(r.truncated).toBe(false);
    expect(r.stopReason).toBe('COMPLETE');
    expect(r.objective).toBe('TIME');
    expect(r.best).toHaveLength(5);
    expect(r.best.map((p) => p.parallelism)).toEqual(
      core.best.map((c) => ({
        tensorParallel: c.layout.tensorParallel, pipelineParallel: c.layout.pipelineParallel, dataParallel: c.layout.dataParallel,
        expertParallel: c.layout.expertParallel, expertTensorParallel: c.layout.tensorParallel, contextParallel: c.layout.contextParallel ?? 1, gpuCount: 1024, zeroStage: c.layout.zeroStage, microBatchSize: c.layout.microBatchSize,
        globalBatchSize: 1536, sequenceParallel: c.layout.sequenceParallel, pipelineInterleave: c.layout.pipelineInterleave,
        recompute: c.layout.recompute, offload: c.layout.offload, flashAttention: c.layout.flashAttention,
      })),
    );
    // Ranked by training time; the run's seconds are that time, and every best plan fits.
    const times = r.ranked.map((x) => x.timeSeconds);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    r.best.forEach((plan, i) => {
      expect(plan.fits).toBe(true);
      expect(plan.run!.seconds).toBeCloseTo(r.ranked[i]!.timeSeconds, 6);
      expect(plan.run!.costUsd).toBeCloseTo(r.ranked[i]!.costUsd, 6);
      expect(plan.memory.capacityBytes - plan.memory.totalBytes).toBeCloseTo(r.ranked[i]!.headroomBytes, 0);
    });
    // The frontier: fastest first, headroom growing as time grows.
    expect(r.pareto.length).toBe(r.frontier.length);
    expect(r.paretoSize).toBeGreaterThanOrEqual(r.pareto.length);
    expect(r.frontier[0]!.timeSeconds).toBe(r.ranked[0]!.timeSeconds);
    expect(r.winnerReason).toMatch(/beats the runner-up/);
    // The model's stated accuracy and the layouts within it, as the core computed them.
    expect(r.modelAccuracyFraction).toBe(core.modelAccuracyFraction);
    expect(r.nearOptimal).toBe(core.nearOptimal);
    expect(r.ranked.map((x) => x.gapToBest)).toEqual(core.best.map((c) => c.gapToBest));
    expect(r.ranked[0]!.gapToBest).toBe(0);
    const c = r.comparison!;
    expect(c.computeSecondsDelta + c.bubbleSecondsDelta + c.exposedCommunicationSecondsDelta + c.expertHostSecondsDelta + c.optimizerSecondsDelta).toBeCloseTo(c.stepSecondsDelta, 9);
    expect(r.evaluated).toBeLessThan(r.candidates);
  });

  it('inline (no search module) gives the same answer', async () => {
    const a = await execute(withWorker.app, PlanSearchDocument, { input: { ...gpt3Input, zeroStages: [1], offloads: ['NONE'] } });
    const b = await execute(inline.app, PlanSearchDocument, { input: { ...gpt3Input, zeroStages: [1], offloads: ['NONE'] } });
    expect(b.errors).toBeUndefined();
    expect(b.data!.planSearch.best.map((p) => p.parallelism)).toEqual(a.data!.planSearch.best.map((p) => p.parallelism));
    expect(b.data!.planSearch.candidates).toBe(a.data!.planSearch.candidates);
    for (const plan of b.data!.planSearch.best) expect(plan.parallelism.zeroStage).toBe(1);
  });

  it('a GPU budget up to N shows layouts on the sub-cluster they were evaluated on', async () => {
    const { data, errors } = await execute(inline.app, PlanSearchDocument, {
      input: { model: 'llama2-7b', cluster: 'a100-80gb-x1024', globalBatchSize: 256, trainingTokens: 1e11, gpuBudget: 32, gpuBudgetMode: 'UP_TO', objective: 'COST', top: 3 },
    });
    expect(errors).toBeUndefined();
    for (const [i, plan] of data!.planSearch.best.entries()) {
      expect(plan.parallelism.gpuCount).toBe(data!.planSearch.ranked[i]!.gpus);
      expect(plan.cluster.gpuCount).toBe(plan.parallelism.gpuCount);
      expect(plan.parallelism.gpuCount).toBeLessThanOrEqual(32);
    }
  });
});

describe('planSearch options: every PlanOptionsInput knob reaches the search', () => {
  const gpt3Counts = computeModelCounts(gpt3);
  // Narayanan et al. 2021 (Megatron-LM, SC'21) §5.1 and the Megatron-LM README (January 2021): 175B on 1,024 A100s,
  // batch 1,536 → 138–140 TFLOP/s per GPU (hardware FLOPs), with the 2021 recipe: full recompute, no SP, no
  // FlashAttention, plain DP, no offload, and synchronous pipeline send/recv (overlapPipelineCommunication: false).
  // Tolerance 15 % (test/core/search.test.ts has the full recipe and the published layout).
  const recipe2021: PlanSearchInput = {
    model: 'gpt3-175b', cluster: 'a100-80gb-x1024', globalBatchSize: 1536, top: 3,
    recomputeModes: ['FULL'], sequenceParallel: [false], flashAttention: [false], zeroStages: [0], offloads: ['NONE'],
  };
  const coreRecipe = {
    globalBatchSize: 1536, top: 3, recomputeModes: ['FULL' as const], sequenceParallel: [false], flashAttention: [false],
    zeroStages: [0 as const], offloads: ['NONE' as const],
  };

  it('overlapPipelineCommunication: false (the 2021 recipe) gives the core search’s best, ≈ 140 TFLOP/s, unlike the default', async () => {
    const sync = await execute(withWorker.app, PlanSearchDocument, { input: { ...recipe2021, options: { overlapPipelineCommunication: false } } });
    const overlapped = await execute(inline.app, PlanSearchDocument, { input: recipe2021 });
    expect(sync.errors).toBeUndefined();
    expect(overlapped.errors).toBeUndefined();
    const core = searchPlans(gpt3, gpt3Counts, cluster1024, { ...coreRecipe, planOptions: { overlapPipelineCommunication: false } });
    const coreDefault = searchPlans(gpt3, gpt3Counts, cluster1024, coreRecipe);
    const best = sync.data!.planSearch.best[0]!;
    const coreTflops = core.best[0]!.estimate.performance.hardwareFlopsPerSecondPerGpu / 1e12;
    expect(best.performance.hardwareTflopsPerGpu).toBeCloseTo(coreTflops, 9);
    expect(best.performance.stepSeconds).toBeCloseTo(core.best[0]!.estimate.performance.stepSeconds, 9);
    expect(best.parallelism.tensorParallel * best.parallelism.pipelineParallel).toBe(core.best[0]!.layout.tensorParallel * core.best[0]!.layout.pipelineParallel);
    // The optimum is TP 4 × PP 16 × v 6, a layout without a published measurement: the model puts it ≈ 17 % above the
    // published TP 8 × PP 16 run's 140 (which it reproduces within 3 %: npm run validate, megatron-readme-gpt3-175b).
    // Was 15 % before the per-generation GEMM law raised the A100 ceiling from 0.68 to 0.70 of peak.
    expect(relativeError(best.performance.hardwareTflopsPerGpu, 140)).toBeLessThanOrEqual(0.2);
    // The switch is not dropped: the default (overlapped p2p) search is the core's default one, and faster.
    const fast = overlapped.data!.planSearch.best[0]!;
    expect(fast.performance.hardwareTflopsPerGpu).toBeCloseTo(coreDefault.best[0]!.estimate.performance.hardwareFlopsPerSecondPerGpu / 1e12, 9);
    expect(fast.performance.hardwareTflopsPerGpu).not.toBeCloseTo(best.performance.hardwareTflopsPerGpu, 3);
    expect(fast.performance.stepSeconds).toBeLessThan(best.performance.stepSeconds);
  });

  /** planSearch on 128 A100s (batch 512) with `options`, beside the exhaustive core search and the default one. */
  const onA100x128 = async (options: PlanOptions & NonNullable<PlanSearchInput['options']>) => {
    const { data, errors } = await execute(withWorker.app, PlanSearchDocument, {
      input: { model: 'gpt3-175b', clusterSpec: { gpu: 'a100-80gb', gpusPerNode: 8, nodes: 16 }, globalBatchSize: 512, top: 3, options },
    });
    expect(errors).toBeUndefined();
    const cluster128 = makeCluster({ gpu: findGpu('a100-80gb') as GpuSpec, gpusPerNode: 8, nodes: 16 });
    const exhaustive = searchPlans(gpt3, gpt3Counts, cluster128, { globalBatchSize: 512, top: 3, planOptions: options, prune: false, timeLimitSeconds: 600 });
    const withoutOptions = searchPlans(gpt3, gpt3Counts, cluster128, { globalBatchSize: 512, top: 1 });
    const r = data!.planSearch;
    expect(r.ranked.map((x) => x.timeSeconds)).toEqual(exhaustive.best.map((c) => c.timeSeconds));
    expect(r.ranked[0]!.timeSeconds).toBeLessThan(withoutOptions.best[0]!.timeSeconds);
    return { r, exhaustive };
  };

  it('overlapTensorParallelCommunication + overlapComputeSlowdown: the pruned API search equals the exhaustive core search', async () => {
    // With TP overlapped the pruning bound must use the TP time the step charges.
    const { r, exhaustive } = await onA100x128({ overlapTensorParallelCommunication: true, overlapComputeSlowdown: 0.1 });
    expect(r.best.map((p) => [p.parallelism.tensorParallel, p.parallelism.pipelineParallel, p.parallelism.sequenceParallel, p.parallelism.microBatchSize]))
      .toEqual(exhaustive.best.map((c) => [c.layout.tensorParallel, c.layout.pipelineParallel, c.layout.sequenceParallel, c.layout.microBatchSize]));
  });

  it('overlapTensorParallelBackward (Megatron-LM 2022 async TP): the pruned API search equals the exhaustive core search, and is faster', async () => {
    // The pruning bound must not charge the backward TP collectives this option hides.
    await onA100x128({ overlapTensorParallelBackward: true });
  });
});

describe('planSearch expertTensorParallel (Megatron-Core MoE parallel folding)', () => {
  it('Mixtral on 16 H100s, TP 4: [1, 4] reaches the folded EP 8 (EP 8 > DP 4), as the core search answers (worker thread)', async () => {
    const space = {
      globalBatchSize: 64, tensorParallel: [4], pipelineParallel: [1], contextParallel: [1], sequenceParallel: [true],
      recomputeModes: ['FULL' as const], zeroStages: [1 as const], top: 50, expertTensorParallel: [1, 4],
    };
    const { data, errors } = await execute(withWorker.app, PlanSearchDocument, {
      input: { model: 'mixtral-8x7b', clusterSpec: { gpu: 'h100-sxm', gpusPerNode: 8, nodes: 2 }, ...space },
    });
    expect(errors).toBeUndefined();
    const mixtral = findModelPreset('mixtral-8x7b') as ModelArchitecture;
    const core = searchPlans(mixtral, computeModelCounts(mixtral), makeCluster({ gpu: findGpu('h100-sxm') as GpuSpec, gpusPerNode: 8, nodes: 2 }), space);
    const r = data!.planSearch;
    expect(r.candidates).toBe(core.candidates);
    expect(r.best.map((p) => [p.parallelism.expertParallel, p.parallelism.expertTensorParallel])).toEqual(
      core.best.map((c) => [c.layout.expertParallel, c.layout.expertTensorParallel ?? c.layout.tensorParallel]),
    );
    expect(r.best.some((p) => p.parallelism.expertParallel === 8 && p.parallelism.expertTensorParallel === 1)).toBe(true);
  });
});

describe('bad input → BAD_USER_INPUT naming field, value and what is allowed', () => {
  const cases: [string, Partial<PlanSearchInput>, string, string][] = [
    ['ZeRO stage out of range', { zeroStages: [4] }, 'input.zeroStages.0', 'BAD_USER_INPUT'],
    ['TP that straddles nodes', { tensorParallel: [3] }, 'input.tensorParallel', 'BAD_USER_INPUT'],
    ['budget objective without a budget', { objective: 'TIME_WITHIN_BUDGET' }, 'input.budgetUsd', 'BAD_USER_INPUT'],
    ['unknown model', { model: 'gpt-5' }, 'input.model', 'NOT_FOUND'],
    ['GPU budget not whole nodes', { gpuBudget: 12 }, 'input.gpuBudget', 'BAD_USER_INPUT'],
    ['time limit above the server cap', { timeLimitSeconds: 3600 }, 'input.timeLimitSeconds', 'BAD_USER_INPUT'],
    ['top above the API cap', { top: 1000 }, 'input.top', 'BAD_USER_INPUT'],
    ['compute slowdown above 1', { options: { overlapComputeSlowdown: 2 } }, 'input.options.overlapComputeSlowdown', 'BAD_USER_INPUT'],
  ];
  it.each(cases)('%s', async (_name, patch, field, code) => {
    const response = await execute(inline.app, PlanSearchDocument, { input: { ...gpt3Input, ...patch } });
    const error = onlyError(response);
    expect(error.extensions?.code).toBe(code);
    expect(error.extensions?.field).toBe(field);
    expect(error.message).toContain(field);
  });

  it('neither model nor modelSpec', async () => {
    const { model: _omit, ...rest } = gpt3Input;
    const error = onlyError(await execute(inline.app, PlanSearchDocument, { input: rest }));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.model' });
  });

  it('MIN_GPUS: the fewest GPUs that fit (UP_TO by default), as the core answers; EXACT is refused naming the field', async () => {
    const input: PlanSearchInput = { model: 'llama2-13b', cluster: 'a100-80gb-x8', globalBatchSize: 16, objective: 'MIN_GPUS', offloads: ['NONE'], top: 3 };
    const { data } = await execute(inline.app, PlanSearchDocument, { input });
    const llama13 = findModelPreset('llama2-13b') as ModelArchitecture;
    const core = searchPlans(llama13, computeModelCounts(llama13), makeCluster({ gpu: findGpu('a100-80gb') as GpuSpec, gpusPerNode: 8, nodes: 1 }), {
      globalBatchSize: 16, objective: 'MIN_GPUS', offloads: ['NONE'], top: 3,
    });
    expect(data!.planSearch.ranked.map((r) => r.gpus)).toEqual(core.best.map((c) => c.gpus));
    expect(data!.planSearch.ranked[0]!.gpus).toBeLessThan(8);
    const error = onlyError(await execute(inline.app, PlanSearchDocument, { input: { ...input, gpuBudgetMode: 'EXACT' } }));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.gpuBudgetMode' });
    expect(error.message).toMatch(/UP_TO/);
  });

  it('deadlineSeconds: the fewest GPUs that train in time, as the core answers; without trainingTokens it is refused', async () => {
    const input: PlanSearchInput = {
      model: 'llama2-7b', cluster: 'a100-80gb-x8', globalBatchSize: 256, trainingTokens: 2e11, objective: 'MIN_GPUS', top: 3,
    };
    const free = (await execute(inline.app, PlanSearchDocument, { input })).data!.planSearch;
    const deadlineSeconds = free.ranked[0]!.timeSeconds / 3;
    const { data } = await execute(withWorker.app, PlanSearchDocument, { input: { ...input, deadlineSeconds } });
    const llama7 = findModelPreset('llama2-7b') as ModelArchitecture;
    const core = searchPlans(llama7, computeModelCounts(llama7), makeCluster({ gpu: findGpu('a100-80gb') as GpuSpec, gpusPerNode: 8, nodes: 1 }), {
      globalBatchSize: 256, trainingTokens: 2e11, objective: 'MIN_GPUS', top: 3, deadlineSeconds,
    });
    expect(data!.planSearch.ranked.map((r) => r.gpus)).toEqual(core.best.map((c) => c.gpus));
    expect(data!.planSearch.ranked[0]!.gpus).toBeGreaterThan(free.ranked[0]!.gpus);
    for (const r of data!.planSearch.ranked) expect(r.timeSeconds).toBeLessThanOrEqual(deadlineSeconds);
    const { trainingTokens: _omit, ...noTokens } = input;
    const error = onlyError(await execute(inline.app, PlanSearchDocument, { input: { ...noTokens, deadlineSeconds: 86_400 } }));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.trainingTokens' });
  });

  it('contextParallel pins reach the search; a degree that does not split the sequence names input.contextParallel', async () => {
    const input: PlanSearchInput = { ...gpt3Input, contextParallel: [2], top: 1 };
    const { data } = await execute(inline.app, PlanSearchDocument, { input });
    expect(data!.planSearch.best[0]!.parallelism.contextParallel).toBe(2);
    expect(data!.planSearch.best[0]!.parallelism.gpuCount).toBe(1024);
    const error = onlyError(await execute(inline.app, PlanSearchDocument, { input: { ...gpt3Input, contextParallel: [3] } }));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.contextParallel' });
  });

  it('an input error raised inside the worker crosses back as BAD_USER_INPUT', async () => {
    const error = onlyError(await execute(withWorker.app, PlanSearchDocument, { input: { ...gpt3Input, pipelineParallel: [97] } }));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.pipelineParallel' });
  });
});

describe('planSearchProgress (SSE)', () => {
  it('streams progress with the best so far, then one final event with the result', async () => {
    const response = await withWorker.app.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query: print(PlanSearchProgressDocument),
        // Both FlashAttention settings and every TP took 7–9 s alone, within the server's 10 s default limit only on an
        // idle machine (a loaded one truncated the search); one setting and TP 4 / 8 keep the streaming under test in ≈ 4 s.
        variables: { input: { ...gpt3Input, gpuBudgetMode: 'UP_TO', tensorParallel: [4, 8] } },
      }),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    const events = text
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as { data?: PlanSearchProgressSubscription; errors?: unknown })
      .filter((e) => e.data !== undefined);
    expect(events.length).toBeGreaterThanOrEqual(1);
    const payloads = events.map((e) => e.data!.planSearchProgress);
    const last = payloads[payloads.length - 1]!;
    expect(last.done).toBe(true);
    expect(payloads.slice(0, -1).every((p) => !p.done && p.result === null)).toBe(true);
    expect(last.result!.truncated).toBe(false);
    expect(last.covered).toBe(last.candidates);
    expect(last.result!.candidates).toBe(last.candidates);
    const covered = payloads.map((p) => p.covered);
    expect([...covered].sort((a, b) => a - b)).toEqual(covered);
    expect(last.best[0]!.parallelism).toEqual(last.result!.best[0]!.parallelism);
  });

  it('a client that leaves cancels the search (the worker stops, the slot frees)', async () => {
    const abort = new AbortController();
    const response = await withWorker.app.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query: print(PlanSearchProgressDocument),
        // A space of ≈ 17 million candidates (FULL recompute on every layer only: with the partial share it would pass the
        // API's 20 million cap): seconds of work, so the client leaves while it runs.
        variables: {
          input: { ...gpt3Input, gpuBudgetMode: 'UP_TO', allowTensorParallelAcrossNodes: true, flashAttention: [false, true], globalBatchSizes: [512, 1024, 2048], recomputeLayerFractions: [] },
        },
      }),
      signal: abort.signal,
    });
    const reader = response.body!.getReader();
    let text = '';
    // Read until the first progress event (or the end of a stream that never brings one: then the expectations fail).
    while (!text.includes('"planSearchProgress"')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    expect(text).toContain('"done":false');
    expect(runningSearches()).toBe(1);
    abort.abort();
    await reader.cancel().catch(() => undefined);
    const until = Date.now() + 10_000;
    while (runningSearches() > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runningSearches()).toBe(0);
  });
});
