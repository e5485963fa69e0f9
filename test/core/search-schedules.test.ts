/**
 * planSearch over pipeline schedules (`pipelineSchedules`): without it the search is unchanged; with [ONE_F_ONE_B,
 * DUALPIPE] each shape is tried with both, DualPipe only where plan.ts accepts it (an even PP ≥ 2, interleave 1), the
 * pruned search still equals the exhaustive one, and DualPipe wins where its bubble (DeepSeek-V3 report §3.2.1,
 * Table 2: (PP/2 − 1)(F&B + B − 3W) against 1F1B's (PP − 1)(F + B)) outweighs its memory.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customGpu, findGpu, makeCluster } from '../../src/core/hardware.js';
import { architectureWithDefaults, computeModelCounts } from '../../src/core/model.js';
import { evaluatePlan } from '../../src/core/plan.js';
import { findModelPreset } from '../../src/core/presets.js';
import {
  estimateSearchSpace,
  planLayoutEvaluator,
  searchPlans,
  searchPlansWith,
  type PlanSearchOptions,
  type PlanSearchOutcome,
  type SearchCandidate,
} from '../../src/core/search.js';
import type { ClusterSpec, GpuSpec, ModelArchitecture, ParallelLayout } from '../../src/core/types.js';
import { fieldOf } from './field-of.js';
import { a100, cluster1024, gpt3, gpt3Counts } from './search-fixtures.js';

const BOTH = ['ONE_F_ONE_B', 'DUALPIPE'] as const;

const keys = (list: SearchCandidate[]): string[] => list.map((c) => JSON.stringify(c.layout));
const same = (a: PlanSearchOutcome, b: PlanSearchOutcome): void => {
  expect(a.candidates).toBe(b.candidates);
  expect(a.evaluated).toBe(b.evaluated);
  expect(a.memoryChecked).toBe(b.memoryChecked);
  expect(a.feasible).toBe(b.feasible);
  expect(keys(a.best)).toEqual(keys(b.best));
  expect(a.best.map((c) => c.score)).toEqual(b.best.map((c) => c.score));
  expect(keys(a.pareto)).toEqual(keys(b.pareto));
  expect(a.winnerReason).toBe(b.winnerReason);
};

describe('without pipelineSchedules the search is unchanged', () => {
  it('GPT-3 175B on 1,024 A100, batch 1,536: the figures of commit 561eb98 (before the input existed), and the same answer as [ONE_F_ONE_B]', () => {
    // FULL on every layer only, as the search was then (session 11 added the partial share, below).
    const before = searchPlans(gpt3, gpt3Counts, cluster1024, { globalBatchSize: 1536, recomputeLayerFractions: [] });
    // Measured on 561eb98 (bench/search.bench.ts: search.gpt3On1024Candidates / Evaluated / MemoryChecked / Feasible);
    // evaluated 5,457 → 5,458 when the head's cross entropy was charged op by op, 5,458 → 5,471 when ZeRO-3 exposed its
    // first gather and last reduce per virtual stage, 5,471 → 5,465 when FlashAttention's backward ran 2.5 forward passes
    // (the pruning bounds follow the step model; the same best), 5,465 → 5,464 when FlashAttention's rate followed the
    // keys per query (session 18), 5,464 → 5,471 when NVLink ran at A100's measured 0.78 (session 19).
    expect([before.candidates, before.evaluated, before.memoryChecked, before.feasible]).toEqual([44_604, 5_471, 16_543, 19_840]);
    // With the default partial share (FULL on half of each virtual stage's layers) the space grows by 13,188 candidates
    // and the same layout wins (it needs no recompute).
    const now = searchPlans(gpt3, gpt3Counts, cluster1024, { globalBatchSize: 1536 });
    // (6,377 evaluated → 6,372 when FlashAttention's rate followed the keys per query, session 18; → 6,371 at A100's
    // measured NVLink efficiency, session 19.)
    expect([now.candidates, now.evaluated, now.memoryChecked, now.feasible]).toEqual([57_792, 6_371, 21_383, 25_549]);
    expect(now.best[0]!.layout).toEqual(before.best[0]!.layout);
    expect(before.best[0]!.layout).toMatchObject({
      tensorParallel: 4, pipelineParallel: 4, dataParallel: 64, microBatchSize: 1, pipelineInterleave: 24, zeroStage: 1,
      recompute: 'NONE', sequenceParallel: true, offload: 'NONE',
    });
    expect('pipelineSchedule' in before.best[0]!.layout).toBe(false);
    same(searchPlans(gpt3, gpt3Counts, cluster1024, { globalBatchSize: 1536, pipelineSchedules: ['ONE_F_ONE_B'], recomputeLayerFractions: [] }), before);
    same(searchPlans(gpt3, gpt3Counts, cluster1024, { globalBatchSize: 1536, pipelineSchedule: 'ONE_F_ONE_B', recomputeLayerFractions: [] }), before);
  });

  it('pipelineSchedule DUALPIPE (as the DEEPSEEK_V3 recipe sets it) = pipelineSchedules [DUALPIPE]; the space upper bound shrinks only by the shapes DualPipe cannot run', () => {
    const deepseek = findModelPreset('deepseek-v3') as ModelArchitecture;
    const cluster = makeCluster({ gpu: findGpu('h800') as GpuSpec, gpusPerNode: 8, nodes: 256 });
    const space: PlanSearchOptions = {
      globalBatchSize: 15360, pipelineParallel: [8, 15, 16], expertParallel: [64], precision: 'FP8', zeroStages: [1], top: 20, recomputeLayerFractions: [],
    };
    const counts = computeModelCounts(deepseek);
    const pinned = searchPlans(deepseek, counts, cluster, { ...space, pipelineSchedule: 'DUALPIPE' });
    // Measured with pipelineSchedule DUALPIPE on this model (108 evaluated on 561eb98, before the pace was chosen after
    // overlap: pruning bounds follow the step model; 110 → 108 when FlashAttention's rate followed the keys per query).
    expect([pinned.candidates, pinned.evaluated, pinned.memoryChecked, pinned.feasible]).toEqual([1_260, 108, 207, 241]);
    same(searchPlans(deepseek, counts, cluster, { ...space, pipelineSchedules: ['DUALPIPE'] }), pinned);
    // Duplicates and order do not matter (the canonical order: ONE_F_ONE_B first).
    same(
      searchPlans(deepseek, counts, cluster, { ...space, pipelineSchedules: ['DUALPIPE', 'ONE_F_ONE_B', 'DUALPIPE'] }),
      searchPlans(deepseek, counts, cluster, { ...space, pipelineSchedules: [...BOTH] }),
    );
    // The cheap upper bound (estimateSearchSpace): 1F1B's plus DualPipe's, which counts one interleave on even PP only.
    const one = estimateSearchSpace(deepseek, cluster, { ...space, pipelineSchedules: ['ONE_F_ONE_B'] });
    const both = estimateSearchSpace(deepseek, cluster, { ...space, pipelineSchedules: [...BOTH] });
    const dual = estimateSearchSpace(deepseek, cluster, { ...space, pipelineSchedules: ['DUALPIPE'] });
    expect(both).toBe(one + dual);
    expect(dual).toBe(estimateSearchSpace(deepseek, cluster, { ...space, pipelineParallel: [8, 16], pipelineSchedules: ['DUALPIPE'] }));
    expect(dual).toBeLessThan(one);
  });
});

describe('DualPipe candidates: only even PP ≥ 2 without interleaving (plan.ts resolveLayout), the rest of the space unchanged', () => {
  const arch = architectureWithDefaults({ layers: 12, hiddenSize: 512, attentionHeads: 8, kvHeads: 8, vocabSize: 4000, sequenceLength: 256 });
  const gpu = customGpu({ id: 'tiny', name: 'Tiny', memoryBytes: 400_000_000, peakFlopsPerSecond: a100.peakFlopsPerSecond });
  const cluster = makeCluster({ gpu, gpusPerNode: 8, nodes: 2 });
  const counts = computeModelCounts(arch);

  it('every evaluated DualPipe layout has an even PP ≥ 2 and interleave 1; they are exactly the 1F1B candidates of that kind, rescheduled', () => {
    const evaluated: ParallelLayout[] = [];
    const base = planLayoutEvaluator(arch, counts, cluster, {});
    const recording = {
      ...base,
      evaluate: (l: ParallelLayout) => {
        evaluated.push({ ...l });
        return base.evaluate(l);
      },
    };
    const options: PlanSearchOptions = { globalBatchSize: 32, gpuBudgetMode: 'UP_TO', pipelineSchedules: [...BOTH], prune: false };
    const out = searchPlansWith(arch, cluster, options, recording);
    expect(evaluated.length).toBe(out.candidates);
    const dual = evaluated.filter((l) => l.pipelineSchedule === 'DUALPIPE');
    const oneF = evaluated.filter((l) => l.pipelineSchedule === undefined);
    expect(dual.length).toBeGreaterThan(0);
    for (const l of dual) {
      expect(l.pipelineParallel % 2).toBe(0);
      expect(l.pipelineParallel).toBeGreaterThanOrEqual(2);
      expect(l.pipelineInterleave).toBe(1);
    }
    const rescheduled = (l: ParallelLayout): string => JSON.stringify({ ...l, pipelineSchedule: 'DUALPIPE' });
    const eligible = oneF.filter((l) => l.pipelineParallel % 2 === 0 && l.pipelineInterleave === 1).map(rescheduled).sort();
    expect(dual.map((l) => JSON.stringify(l)).sort()).toEqual(eligible);
    // The 1F1B half is the default search's space.
    const alone = searchPlans(arch, counts, cluster, { ...options, pipelineSchedules: undefined });
    expect(oneF.length).toBe(alone.candidates);
  });

  it('pruned = exhaustive over both schedules (randomised small problems, every objective)', () => {
    fc.assert(
      fc.property(
        fc.record({
          layers: fc.integer({ min: 2, max: 12 }),
          heads: fc.constantFrom(2, 4, 8),
          gpusPerNode: fc.constantFrom(2, 4, 8),
          nodes: fc.integer({ min: 1, max: 2 }),
          memoryBytes: fc.integer({ min: 60_000_000, max: 1_500_000_000 }),
          globalBatchSize: fc.integer({ min: 2, max: 32 }),
          objective: fc.constantFrom('TIME', 'COST', 'MFU', 'MIN_GPUS'),
          top: fc.integer({ min: 1, max: 6 }),
          upTo: fc.boolean(),
          moe: fc.constantFrom(1, 1, 4),
        }),
        (r) => {
          const small = architectureWithDefaults({
            layers: r.layers, hiddenSize: r.heads * 64, attentionHeads: r.heads, kvHeads: r.heads, vocabSize: 2000, sequenceLength: 128,
            experts: r.moe, expertsPerToken: r.moe > 1 ? 2 : 1,
          });
          const g = customGpu({ id: 'tiny', name: 'Tiny', memoryBytes: r.memoryBytes, peakFlopsPerSecond: a100.peakFlopsPerSecond });
          const c: ClusterSpec = makeCluster({ gpu: g, gpusPerNode: r.gpusPerNode, nodes: r.nodes });
          const options: PlanSearchOptions = {
            globalBatchSize: r.globalBatchSize, objective: r.objective as PlanSearchOptions['objective'], top: r.top,
            gpuBudgetMode: r.upTo || r.objective === 'MIN_GPUS' ? 'UP_TO' : 'EXACT', pipelineSchedules: [...BOTH], maxPareto: 1000,
            planOptions: { frameworkOverheadBytes: 0 },
          };
          const n = computeModelCounts(small);
          const exhaustive = searchPlans(small, n, c, { ...options, prune: false });
          const pruned = searchPlans(small, n, c, options);
          expect(pruned.candidates).toBe(exhaustive.candidates);
          expect(pruned.feasible).toBe(exhaustive.feasible);
          expect(keys(pruned.best)).toEqual(keys(exhaustive.best));
          expect(keys(pruned.pareto)).toEqual(keys(exhaustive.pareto));
          expect(pruned.winnerReason).toBe(exhaustive.winnerReason);
        },
      ),
      { numRuns: 40, seed: 20260521 },
    );
  });
});

describe('DualPipe wins where its bubble does (DeepSeek-V3 report §3.2.1, Table 2)', () => {
  // Llama 3 8B's layers with a 1,024-token vocabulary on 16 H800: the embedding and head are negligible, so the 8
  // stages of 4 layers are equal and TP 1 has no per-layer communication — the stage time per micro-batch is its
  // compute c. 1F1B: (PP − 1)(F + B) = 7c. DualPipe (three GEMM passes: B = 2c/3, W = c/3): (PP/2 − 1)(F&B + B − 3W)
  // = 3·(c + 2c/3 − c) = 2c. The model adds each rank's exposed pipeline send to the fill and drain (≤ 5 % here).
  const llama = findModelPreset('llama3-8b') as ModelArchitecture;
  const arch: ModelArchitecture = { ...llama, vocabSize: 1024 };
  const counts = computeModelCounts(arch);
  const cluster = makeCluster({ gpu: findGpu('h800') as GpuSpec, gpusPerNode: 8, nodes: 2 });
  const pins: PlanSearchOptions = { globalBatchSize: 64, tensorParallel: [1], pipelineParallel: [8], microBatchSizes: [1], pipelineInterleaves: [1], top: 40 };

  it('with both schedules the best is DUALPIPE, faster than the best 1F1B plan (the same layout) by the bubble difference', () => {
    const both = searchPlans(arch, counts, cluster, { ...pins, pipelineSchedules: [...BOTH] });
    const oneF = searchPlans(arch, counts, cluster, pins);
    const dualOnly = searchPlans(arch, counts, cluster, { ...pins, pipelineSchedules: ['DUALPIPE'] });
    const best = both.best[0]!;
    const bestOneF = both.best.find((c) => c.layout.pipelineSchedule === undefined)!;
    expect(best.layout.pipelineSchedule).toBe('DUALPIPE');
    // The search picks the faster of the two single-schedule searches.
    expect(keys([best])).toEqual(keys([dualOnly.best[0]!]));
    expect(keys([bestOneF])).toEqual(keys([oneF.best[0]!]));
    expect(both.candidates).toBe(oneF.candidates + dualOnly.candidates);
    // Same layout but the schedule.
    expect({ ...best.layout, pipelineSchedule: undefined }).toEqual({ ...bestOneF.layout, pipelineSchedule: undefined });

    const d = best.estimate.performance;
    const f = bestOneF.estimate.performance;
    const m = 64 / best.layout.dataParallel;
    const cDual = d.computeSeconds / m;
    const cOneF = f.computeSeconds / m;
    const p = 8;
    // Table 2's bubbles, within the exposed pipeline sends the model adds (≤ 5 %, never below the formula).
    expect(f.bubbleSeconds / ((p - 1) * cOneF)).toBeGreaterThanOrEqual(1);
    expect(f.bubbleSeconds / ((p - 1) * cOneF)).toBeLessThanOrEqual(1.05);
    expect(d.bubbleSeconds / ((p / 2 - 1) * ((2 * cDual) / 3))).toBeGreaterThanOrEqual(1);
    expect(d.bubbleSeconds / ((p / 2 - 1) * ((2 * cDual) / 3))).toBeLessThanOrEqual(1.05);
    // DualPipe's rank holds two stages, so it synchronises and updates both (Table 2: 2× parameters): its optimizer
    // step is twice 1F1B's and its DP sync a little longer; the step gap is the sum of the terms' gaps.
    // (rank 0's pair is stages 0 and 7; 1F1B's heaviest is stage 7 alone: the embedding and the head differ by < 1e-4.)
    expect(Math.abs(d.optimizerSeconds / f.optimizerSeconds - 2)).toBeLessThan(1e-4);
    expect(d.exposedCommunicationSeconds).toBeGreaterThanOrEqual(f.exposedCommunicationSeconds);
    const gap = f.stepSeconds - d.stepSeconds;
    expect(gap).toBeCloseTo(
      f.bubbleSeconds - d.bubbleSeconds + (f.computeSeconds - d.computeSeconds) +
        (f.exposedCommunicationSeconds - d.exposedCommunicationSeconds) + (f.optimizerSeconds - d.optimizerSeconds),
      12,
    );
    expect(f.bubbleSeconds - d.bubbleSeconds).toBeGreaterThanOrEqual(0.95 * gap);
    expect(bestOneF.timeSeconds / best.timeSeconds - 1).toBeCloseTo(bestOneF.gapToBest, 12);
    // What DualPipe pays (Table 2): 2× parameters per rank and PP + 1 micro-batches of activations — more memory.
    expect(best.estimate.memory.totalBytes).toBeGreaterThan(bestOneF.estimate.memory.totalBytes);
    // Every candidate is what trainingPlan answers for the same layout.
    expect(best.estimate.performance.stepSeconds).toBe(evaluatePlan(arch, counts, cluster, best.layout, {}).performance.stepSeconds);
  });

  it('where DualPipe does not fit, the search keeps 1F1B: with usable memory between the two plans’ bytes, the best is the 1F1B one', () => {
    const both = searchPlans(arch, counts, cluster, { ...pins, pipelineSchedules: [...BOTH], zeroStages: [1], offloads: ['NONE'], recomputeModes: ['NONE'] });
    const dual = both.best[0]!;
    const oneF = both.best.find((c) => c.layout.pipelineSchedule === undefined)!;
    expect(dual.layout.pipelineSchedule).toBe('DUALPIPE');
    // Headroom that leaves half-way between the two plans' bytes usable (evaluatePlan: fits = total ≤ capacity × (1 − headroom)).
    const headroom = 1 - (oneF.estimate.memory.totalBytes + dual.estimate.memory.totalBytes) / 2 / cluster.gpu.memoryBytes;
    const tight = searchPlans(arch, counts, cluster, {
      ...pins, pipelineSchedules: [...BOTH], zeroStages: [1], offloads: ['NONE'], recomputeModes: ['NONE'], memoryHeadroomFraction: headroom,
    });
    expect(tight.best.map((c) => c.layout.pipelineSchedule)).toEqual([undefined]);
    expect(keys(tight.best)).toEqual(keys([oneF]));
  });
});

describe('bad pipelineSchedules are refused naming the field, the value and what is allowed', () => {
  const options: PlanSearchOptions = { globalBatchSize: 1536, pipelineParallel: [8] };
  const run = (extra: Partial<PlanSearchOptions>) => () => searchPlans(gpt3, gpt3Counts, cluster1024, { ...options, ...extra });
  it('an empty list, an unknown schedule, or both inputs at once', () => {
    expect(fieldOf(run({ pipelineSchedules: [] }))).toBe('pipelineSchedules');
    expect(run({ pipelineSchedules: [] })).toThrow(/expected a non-empty list of pipeline schedules/);
    expect(fieldOf(run({ pipelineSchedules: ['ZB' as never] }))).toBe('pipelineSchedules');
    expect(run({ pipelineSchedules: ['ONE_F_ONE_B', 'ZB' as never] })).toThrow(/pipelineSchedules = "?ZB"? is invalid: expected one of ONE_F_ONE_B, DUALPIPE/);
    expect(fieldOf(run({ pipelineSchedule: 'DUALPIPE', pipelineSchedules: ['DUALPIPE'] }))).toBe('pipelineSchedules');
    expect(run({ pipelineSchedule: 'DUALPIPE', pipelineSchedules: [...BOTH] })).toThrow(/either pipelineSchedule .* or pipelineSchedules .*, not both/);
  });
});
