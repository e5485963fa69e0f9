/**
 * The `validation` query: the published runs, the model's predictions and the errors, as the core computes them
 * (src/core/validation). Figures checked here are published ones (source beside each) and the summaries' formulas.
 */
import { describe, expect, it } from 'vitest';
import { STEP_TIME_MODEL_ACCURACY_FRACTION } from '../../src/core/performance.js';
import { runValidation } from '../../src/core/validation/suite.js';
import { ValidationDocument } from '../gql/graphql.js';
import { execute, post } from '../server/helpers.js';
import { useSharedTestApp } from '../server/tservers.js';

const t = useSharedTestApp();

describe('query validation', () => {
  it('lists every run with source, GPU, layout, recipe, published figure, prediction and error', async () => {
    const { data, errors } = await execute(t.app, ValidationDocument);
    expect(errors).toBeUndefined();
    const v = data!.validation;
    expect(v.runs.length).toBeGreaterThanOrEqual(30);
    expect(v.sources).toBeGreaterThanOrEqual(8);
    // Narayanan et al. 2021 Table 1: 1T parameters on 3,072 A100, TP 8 × PP 64 × DP 6, batch 3,072 → 163 TFLOP/s.
    const oneT = v.runs.find((r) => r.id === 'sc21-1t')!;
    expect(oneT).toMatchObject({
      gpu: 'a100-80gb', gpuGeneration: 'AMPERE', gpus: 3072, tensorParallel: 8, pipelineParallel: 64, dataParallel: 6,
      globalBatchSize: 3072, sequenceLength: 2048, publishedKind: 'HARDWARE_TFLOPS_PER_GPU', published: 163, family: 'A100_MEGATRON_2021_22',
    });
    expect(oneT.source).toMatch(/Narayanan et al\. 2021/);
    expect(oneT.error).toBeCloseTo(oneT.predicted / oneT.published - 1, 12);
    expect(Math.abs(oneT.error)).toBeLessThanOrEqual(0.1);
    // Llama 3 (Dubey et al. 2024, Table 4): 128K-token stage, CP 16 on 16,384 H100 → 380 TFLOP/s.
    const long = v.runs.find((r) => r.id === 'llama3-405b-128k')!;
    expect(long).toMatchObject({ contextParallel: 16, sequenceLength: 131_072, family: 'LONG_CONTEXT', published: 380 });
    // deepseek-ai/profile-data train.json: one DualPipe chunk pair of 4 MoE layers, 129.0 ms on H800 (EP 64, TP 1).
    const profile = v.runs.find((r) => r.id === 'deepseek-v3-profile-chunk-pair')!;
    expect(profile).toMatchObject({ publishedKind: 'RANK_MICRO_BATCH_SECONDS', published: 0.129, rankLayers: 4, gpu: 'h800', expertParallel: 64, family: 'MOE' });
    expect(JSON.parse(profile.modelChanges!)).toMatchObject({ denseLayers: 0, multiTokenPredictionDepth: 0 });
    expect(Math.abs(profile.error)).toBeLessThanOrEqual(0.05);
    expect(v.runs.find((r) => r.id === 'sc21-1t')!.rankLayers).toBeNull();
    // Korthikanti et al. 2022 Table 5: the 22B model differs from its preset (48 layers, 64 heads), and says so.
    expect(JSON.parse(v.runs.find((r) => r.id === 'korthikanti-22b-full')!.modelChanges!)).toMatchObject({ layers: 48, attentionHeads: 64 });
    // Qwen3 235B on 256 H100 folds its experts: EP 32 over TP 2 × DP 16 with expert TP 1 (Megatron-Bridge's config and
    // the MoE model zoo's table, ETP column 1; the zoo's TP 4 layout: EP 8 over TP 4 × 2 of DP 8); every other run
    // keeps ETP = TP.
    const qwen = v.runs.find((r) => r.id === 'megatron-bridge-26.04-qwen3-235b-a22b')!;
    expect(qwen).toMatchObject({ tensorParallel: 2, dataParallel: 16, expertParallel: 32, expertTensorParallel: 1 });
    expect(v.runs.find((r) => r.id === 'moe-model-zoo-qwen3-235b-deepep-tp4')).toMatchObject({ tensorParallel: 4, dataParallel: 8, expertParallel: 8, expertTensorParallel: 1 });
    // The zoo's model configs set expert TP 1 for every run (Qwen3 235B's four, Mixtral 8x22B's EP 8 over TP 2 × DP 8);
    // so do Megatron-Bridge 25.11's Qwen3 235B and 25.09's DeepSeek-V3 (TP 2).
    const folded = new Set([
      'megatron-bridge-26.04-qwen3-235b-a22b', 'megatron-bridge-25.11-qwen3-235b-a22b', 'megatron-bridge-25.09-deepseek-v3',
      ...v.runs.filter((r) => r.id.startsWith('moe-model-zoo-')).map((r) => r.id),
    ]);
    expect(folded.size).toBe(9);
    expect(v.runs.find((r) => r.id === 'megatron-bridge-25.09-deepseek-v3')).toMatchObject({ tensorParallel: 2, dataParallel: 64, expertParallel: 64, expertTensorParallel: 1 });
    for (const r of v.runs) if (!folded.has(r.id)) expect(r.expertTensorParallel).toBe(r.tensorParallel);
  });

  it('summarises as the core does: mean and worst |error|, per family, leave-one-family-out', async () => {
    const { data } = await execute(t.app, ValidationDocument);
    const v = data!.validation;
    const core = runValidation();
    const abs = v.runs.map((r) => Math.abs(r.error));
    expect(v.summary.runs).toBe(v.runs.length);
    expect(v.summary.meanAbsError).toBeCloseTo(abs.reduce((a, b) => a + b, 0) / abs.length, 12);
    expect(v.summary.maxAbsError).toBe(Math.max(...abs));
    expect(v.leaveOneFamilyOutMeanAbsError).toBeCloseTo(core.leaveOneFamilyOutMeanAbsError, 12);
    expect(v.families.reduce((n, f) => n + f.runs, 0)).toBe(v.runs.length);
    for (const f of v.families) {
      const own = v.runs.filter((r) => r.family === f.family).map((r) => Math.abs(r.error));
      expect(f.maxAbsError).toBe(Math.max(...own));
      expect(f.leaveOut.runs).toBe(f.runs);
    }
    const dense = v.runs.filter((r) => r.family !== 'MOE').map((r) => Math.abs(r.error));
    expect(v.denseSummary.runs).toBe(dense.length);
    expect(v.denseSummary.meanAbsError).toBeCloseTo(dense.reduce((a, b) => a + b, 0) / dense.length, 12);
    expect(v.denseSummary.maxAbsError).toBe(Math.max(...dense));
    expect(v.denseSummary.runs).toBeLessThan(v.summary.runs);
    // The planner's stated accuracy for a dense model on A100 / H100 (planSearch.modelAccuracyFraction) is the mean of the
    // dense runs on the generations fitted on their own runs, rounded up to a percent; B200 has its own figure and MoE
    // models theirs (test/core/validation.test.ts).
    const fitted = v.runs.filter((r) => r.family !== 'MOE' && ['AMPERE', 'HOPPER'].includes(r.gpuGeneration)).map((r) => Math.abs(r.error));
    expect(STEP_TIME_MODEL_ACCURACY_FRACTION).toBe(Math.ceil((fitted.reduce((a, b) => a + b, 0) / fitted.length) * 100) / 100);
    // The API lists every stated accuracy with its runs: dense and MoE on A100/H100 and on B200.
    expect(v.statedAccuracies).toHaveLength(4);
    for (const stated of v.statedAccuracies) {
      const errors = v.runs
        .filter((r) => stated.generations.includes(r.gpuGeneration) && (r.family === 'MOE') === stated.mixtureOfExperts)
        .map((r) => Math.abs(r.error));
      expect(stated.runs).toBe(errors.length);
      expect(stated.meanAbsError).toBeCloseTo(errors.reduce((a, b) => a + b, 0) / errors.length, 12);
      expect(stated.statedFraction).toBe(Math.ceil(stated.meanAbsError * 100) / 100);
    }
    expect(v.statedAccuracies.find((a) => !a.mixtureOfExperts && a.generations.includes('HOPPER'))!.statedFraction).toBe(STEP_TIME_MODEL_ACCURACY_FRACTION);
  });
});

/**
 * Every run replays through the public API: its `trainingPlanInput`, passed to trainingPlan as is, gives the step time
 * and the most-loaded GPU's memory the suite reports (the suite and the API ask the same core the same question).
 */
describe('ValidationRun.trainingPlanInput', () => {
  const PLAN = 'query ($i: TrainingPlanInput!) { trainingPlan(input: $i) { fits memory { totalBytes } performance { stepSeconds } } }';
  it('replays every run through trainingPlan to the same step seconds and memory bytes', async () => {
    const { data, errors } = await execute(t.app, ValidationDocument);
    expect(errors).toBeUndefined();
    const runs = data!.validation.runs;
    const answers = await Promise.all(
      runs.map((run) =>
        post<{ trainingPlan: { fits: boolean; memory: { totalBytes: number }; performance: { stepSeconds: number } } }>(t.app, {
          query: PLAN,
          variables: { i: JSON.parse(run.trainingPlanInput) },
        }),
      ),
    );
    const mismatches = runs.flatMap((run, i) => {
      const answer = answers[i]!;
      if (answer.errors) return [`${run.id}: ${answer.errors[0]!.message}`];
      const plan = answer.data!.trainingPlan;
      const stepError = plan.performance.stepSeconds / run.predictedStepSeconds - 1;
      const memoryError = plan.memory.totalBytes / run.predictedMemoryBytes - 1;
      return Math.abs(stepError) > 1e-9 || Math.abs(memoryError) > 1e-9 || plan.fits !== run.predictedFits
        ? [`${run.id}: step ${plan.performance.stepSeconds} vs ${run.predictedStepSeconds}, memory ${plan.memory.totalBytes} vs ${run.predictedMemoryBytes}`]
        : [];
    });
    expect(mismatches).toEqual([]);
    // A run that changes its preset carries the whole architecture; BLOOM carries its Omni-Path fabric (§3.4.1: four
    // 100 Gb/s links per node of 8 → 6.25 GB/s per GPU).
    const kimi = JSON.parse(runs.find((r) => r.id === 'automodel-kimi-k2-256')!.trainingPlanInput);
    expect(kimi.model).toBeUndefined();
    expect(kimi.modelSpec).toMatchObject({ experts: 384, attentionHeads: 64, vocabSize: 163_840, expertGroups: 48, expertGroupsPerToken: 1 });
    const bloom = JSON.parse(runs.find((r) => r.id === 'bloom-176b')!.trainingPlanInput);
    expect(bloom).toMatchObject({ model: 'bloom-176b', clusterSpec: { gpu: 'a100-80gb', gpusPerNode: 8, nodes: 48, interNodeBandwidthBytesPerSecond: 6.25e9 } });
  });
});


/**
 * `validation.heldBack`: Megatron-Core r0.8.0's H100 runs that depend on an unpublished micro-batch or interleave
 * (Megatron-LM README, July 2024), each under both readings, apart from the suite's runs and figures; every reading
 * replays through trainingPlan like a suite run.
 */
describe('ValidationReport.heldBack', () => {
  const HELD = `{ validation { summary { runs } runs { id } heldBack { id source reason readings { name run {
    id published publishedKind predicted error microBatchSize pipelineInterleave predictedStepSeconds trainingPlanInput } } } } }`;
  type Held = { id: string; source: string; reason: string; readings: { name: string; run: { id: string; published: number; publishedKind: string; predicted: number; error: number; microBatchSize: number; pipelineInterleave: number; predictedStepSeconds: number; trainingPlanInput: string } }[] };
  it('lists the thirty-six held-back runs under two readings each, not among the runs; each reading replays to 1e-9', async () => {
    const r = await post<{ validation: { summary: { runs: number }; runs: { id: string }[]; heldBack: Held[] } }>(t.app, { query: HELD });
    expect(r.errors).toBeUndefined();
    const v = r.data!.validation;
    expect(v.heldBack).toHaveLength(36);
    const suiteIds = new Set(v.runs.map((x) => x.id));
    const thirtyTwo = v.heldBack.find((h) => h.id === 'megatron-core-0.8-32b')!;
    // Published: 459.6 model TFLOP/s per GPU on 384 H100 (TP 8, DP 48, batch 192).
    expect(thirtyTwo.readings.map((x) => [x.run.published, x.run.publishedKind, x.run.microBatchSize])).toEqual([
      [459.6, 'MODEL_TFLOPS_PER_GPU', 1],
      [459.6, 'MODEL_TFLOPS_PER_GPU', 4],
    ]);
    expect(thirtyTwo.reason).toMatch(/micro-batch size is not published/);
    expect(thirtyTwo.source).toMatch(/Megatron-LM README/);
    const PLAN = 'query ($i: TrainingPlanInput!) { trainingPlan(input: $i) { performance { stepSeconds } } }';
    for (const held of v.heldBack) {
      expect(suiteIds.has(held.id)).toBe(false);
      for (const reading of held.readings) {
        expect(reading.run.error).toBeCloseTo(reading.run.predicted / reading.run.published - 1, 12);
        const replay = await post<{ trainingPlan: { performance: { stepSeconds: number } } }>(t.app, { query: PLAN, variables: { i: JSON.parse(reading.run.trainingPlanInput) } });
        expect(replay.errors).toBeUndefined();
        expect(replay.data!.trainingPlan.performance.stepSeconds / reading.run.predictedStepSeconds - 1).toBeCloseTo(0, 9);
      }
    }
  });
});
