/**
 * Plan search: the pruned search equals the exhaustive one, the space is the planner's, the premises of the pruning
 * hold, and the optima make sense against published runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors.js';
import { customGpu, findGpu, makeCluster } from '../../src/core/hardware.js';
import { DEFAULT_MEMORY_HEADROOM_FRACTION } from '../../src/core/memory.js';
import { architectureWithDefaults, computeModelCounts } from '../../src/core/model.js';
import { STEP_TIME_MODEL_ACCURACY_FRACTION } from '../../src/core/performance.js';
import { evaluatePlan, resolveLayout } from '../../src/core/plan.js';
import { findModelPreset } from '../../src/core/presets.js';
import { duration } from '../../src/core/search/explain.js';
import {
  DEFAULT_RECOMPUTE_LAYER_FRACTIONS,
  divisorsOf,
  MIN_CONTEXT_PARALLEL_TOKENS,
  MAX_SEARCH_TOP,
  planLayoutEvaluator,
  searchPlans,
  type PlanSearchOptions,
  type PlanSearchOutcome,
  type SearchCandidate,
} from '../../src/core/search.js';
import type { ClusterSpec, GpuSpec, ModelArchitecture, OffloadTarget, ParallelLayout, PlanOptions, RecomputeMode, ZeroStage } from '../../src/core/types.js';
import { a100, cluster1024, gpt3, gpt3Counts, MEGATRON_LM_2021_SEARCH } from './search-fixtures.js';


function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).field;
  }
  throw new Error('expected an InvalidInputError');
}

const layoutKey = (l: ParallelLayout): string => JSON.stringify(l);
const keys = (list: SearchCandidate[]): string[] => list.map((c) => layoutKey(c.layout));

// ─────────────────────────── small random problems ───────────────────────────

interface Problem {
  arch: ModelArchitecture;
  cluster: ClusterSpec;
  options: PlanSearchOptions;
}

const problemArb: fc.Arbitrary<Problem> = fc
  .record({
    layers: fc.integer({ min: 1, max: 12 }),
    heads: fc.constantFrom(1, 2, 4, 6, 8, 16),
    headDim: fc.constantFrom(16, 32, 64),
    kvDivisor: fc.constantFrom(1, 2, 4),
    gated: fc.boolean(),
    vocab: fc.integer({ min: 100, max: 8000 }),
    seq: fc.constantFrom(64, 128, 256, 512),
    moe: fc.constantFrom(1, 1, 2, 4),
    gpusPerNode: fc.constantFrom(1, 2, 4, 8),
    nodes: fc.integer({ min: 1, max: 4 }),
    memoryBytes: fc.integer({ min: 50_000_000, max: 3_000_000_000 }),
    globalBatchSize: fc.integer({ min: 1, max: 48 }),
    objective: fc.constantFrom('TIME', 'COST', 'MFU', 'TIME_WITHIN_BUDGET', 'MIN_GPUS'),
    top: fc.integer({ min: 1, max: 6 }),
    upTo: fc.boolean(),
    across: fc.boolean(),
    flashBoth: fc.boolean(),
    tokens: fc.boolean(),
    syncPipeline: fc.boolean(),
    // Every planner option the pruning bounds must respect (a TP-overlap bound once pruned real optima).
    overlapData: fc.boolean(),
    overlapTensor: fc.boolean(),
    overlapExpert: fc.boolean(),
    slowdown: fc.constantFrom(0, 0.189, 0.5),
    budgetScale: fc.double({ min: 0.5, max: 3, noNaN: true }),
    // Node CPU RAM / NVMe small enough to bind for these tiny models (0 = the GPU's default, which never binds).
    hostBytes: fc.constantFrom(0, 0, 2e6, 2e7, 2e8),
    deadline: fc.boolean(),
    cp: fc.constantFrom(0, 0, 2, 4),
    nvmeBytes: fc.constantFrom(0, 0, 0, 1e7, 1e8),
    // Adapter fine-tuning (dense models only): frozen weights change every memory and time term.
    adapter: fc.constantFrom(null, null, null, 'LORA', 'QLORA'),
    adapterRank: fc.constantFrom(1, 4, 16),
    adapterTargets: fc.constantFrom('ATTENTION_QV', 'ATTENTION', 'ALL_LINEAR'),
  })
  .map((r) => {
    const kvHeads = r.heads % r.kvDivisor === 0 ? r.heads / r.kvDivisor : r.heads;
    const arch = architectureWithDefaults({
      layers: r.layers,
      hiddenSize: r.heads * r.headDim,
      attentionHeads: r.heads,
      kvHeads,
      gatedMlp: r.gated,
      vocabSize: r.vocab,
      sequenceLength: r.seq,
      experts: r.moe,
      expertsPerToken: r.moe > 1 ? 2 : 1,
    });
    // A small custom GPU so that memory actually prunes (the model is tiny).
    const gpu = customGpu({ id: 'tiny', name: 'Tiny', memoryBytes: r.memoryBytes, peakFlopsPerSecond: a100.peakFlopsPerSecond });
    // Built past makeCluster's 1 GB floor on purpose: the offload fit must bind in the property.
    const cluster: ClusterSpec = {
      ...makeCluster({ gpu, gpusPerNode: r.gpusPerNode, nodes: r.nodes }),
      ...(r.hostBytes > 0 ? { hostMemoryBytesPerNode: r.hostBytes } : {}),
      ...(r.nvmeBytes > 0 ? { nvmeBytesPerNode: r.nvmeBytes } : {}),
    };
    const tokens = r.tokens || r.objective === 'TIME_WITHIN_BUDGET' ? 1e9 : undefined;
    const options: PlanSearchOptions = {
      globalBatchSize: r.globalBatchSize,
      objective: r.objective as PlanSearchOptions['objective'],
      top: r.top,
      gpuBudgetMode: r.upTo || r.objective === 'MIN_GPUS' ? 'UP_TO' : 'EXACT',
      allowTensorParallelAcrossNodes: r.across,
      flashAttention: r.flashBoth ? [false, true] : [true],
      planOptions: {
        frameworkOverheadBytes: 0,
        overlapPipelineCommunication: !r.syncPipeline,
        overlapDataParallelCommunication: r.overlapData,
        overlapTensorParallelCommunication: r.overlapTensor,
        overlapExpertParallelCommunication: r.overlapExpert,
        overlapComputeSlowdown: r.slowdown,
      },
      maxPareto: 1000,
      ...(tokens === undefined ? {} : { trainingTokens: tokens }),
      // Context parallel pinned in (the default only splits sequences ≥ 8K tokens; these are 64–512).
      ...(r.cp > 0 ? { contextParallel: [1, r.cp] } : {}),
      ...(r.adapter !== null && r.moe === 1
        ? { adapter: { method: r.adapter as 'LORA' | 'QLORA', rank: Math.min(r.adapterRank, r.heads * r.headDim), targets: r.adapterTargets as 'ATTENTION' } }
        : {}),
    };
    return { arch, cluster, options, budgetScale: r.budgetScale, deadline: r.deadline && tokens !== undefined };
  })
  .map((p) => {
    if (!p.deadline) return p;
    // A deadline around the fastest feasible layout's run time, so that it binds sometimes.
    const probe = searchPlans(p.arch, computeModelCounts(p.arch), p.cluster, { ...p.options, objective: 'TIME', top: 1 });
    const fastest = probe.best[0]?.timeSeconds ?? 1;
    return { ...p, options: { ...p.options, deadlineSeconds: Math.max(1, fastest * p.budgetScale) } };
  })
  .map((p) => {
    if (p.options.objective !== 'TIME_WITHIN_BUDGET') return p;
    // A budget around the cheapest feasible layout's cost, so that it binds sometimes.
    const probe = searchPlans(p.arch, computeModelCounts(p.arch), p.cluster, { ...p.options, objective: 'COST', top: 1 });
    const cheapest = probe.best[0]?.costUsd ?? 1;
    return { ...p, options: { ...p.options, budgetUsd: cheapest * p.budgetScale } };
  });

function run(p: Problem, prune: boolean): PlanSearchOutcome {
  return searchPlans(p.arch, computeModelCounts(p.arch), p.cluster, { ...p.options, prune });
}

describe('pruned search = exhaustive search (randomised small spaces)', () => {
  it('same space, same feasible count, same top-k in the same order, same Pareto frontier', () => {
    fc.assert(
      fc.property(problemArb, (p) => {
        const exhaustive = run(p, false);
        const pruned = run(p, true);
        expect(pruned.candidates).toBe(exhaustive.candidates);
        expect(exhaustive.evaluated).toBe(exhaustive.candidates);
        expect(pruned.feasible).toBe(exhaustive.feasible);
        expect(keys(pruned.best)).toEqual(keys(exhaustive.best));
        expect(pruned.best.map((c) => c.score)).toEqual(exhaustive.best.map((c) => c.score));
        expect(pruned.paretoSize).toBe(exhaustive.paretoSize);
        expect(keys(pruned.pareto)).toEqual(keys(exhaustive.pareto));
        expect(pruned.winnerReason).toBe(exhaustive.winnerReason);
        expect(pruned.evaluated).toBeLessThanOrEqual(exhaustive.evaluated);
        expect(pruned.truncated).toBe(false);
      }),
      { numRuns: 60, seed: 20261127 },
    );
  });

  it('prunes: on GPT-3 175B / 1,024 GPUs it evaluates a small fraction of the space', () => {
    const out = searchPlans(gpt3, gpt3Counts, cluster1024, { globalBatchSize: 1536 });
    expect(out.candidates).toBeGreaterThan(30_000);
    expect(out.evaluated).toBeLessThan(out.candidates * 0.2);
    expect(out.covered).toBe(out.candidates);
    expect(out.feasible).toBeGreaterThan(0);
    expect(out.feasible).toBeLessThan(out.candidates);
  });
});

// ─────────────────────────── the space ───────────────────────────

describe('the space is exactly the planner’s valid layouts', () => {
  const recipeDims = {
    zeroStages: [0, 3] as ZeroStage[],
    offloads: ['NONE', 'PARAMETERS_CPU'] as OffloadTarget[],
    recomputeModes: ['NONE'] as RecomputeMode[],
  };
  it('counts what a naive enumeration validated by resolveLayout counts', () => {
    fc.assert(
      fc.property(
        fc.record({
          layers: fc.integer({ min: 1, max: 8 }),
          heads: fc.constantFrom(1, 2, 4, 8),
          gpusPerNode: fc.constantFrom(1, 2, 4),
          nodes: fc.integer({ min: 1, max: 3 }),
          gbs: fc.integer({ min: 1, max: 16 }),
          across: fc.boolean(),
        }),
        (r) => {
          const arch = architectureWithDefaults({ layers: r.layers, hiddenSize: 32 * r.heads, attentionHeads: r.heads, vocabSize: 500, sequenceLength: 64 });
          const cluster = makeCluster({ gpu: a100, gpusPerNode: r.gpusPerNode, nodes: r.nodes });
          const n = r.gpusPerNode * r.nodes;
          let expected = 0;
          for (let t = 1; t <= n; t++) {
            const inNode = t <= r.gpusPerNode && r.gpusPerNode % t === 0;
            const beyond = r.across && t > r.gpusPerNode && t % r.gpusPerNode === 0;
            if (!inNode && !beyond) continue;
            for (let p = 1; p <= n; p++) {
              for (const sp of [false, true]) {
                for (let v = 1; v <= r.layers; v++) {
                  // The search tries the interleave degrees dividing ⌈L/p⌉, each with the BALANCED split (search.ts).
                  if (p > 1 && Math.ceil(r.layers / p) % v !== 0) continue;
                  for (let b = 1; b <= r.gbs; b++) {
                    for (const zero of recipeDims.zeroStages) {
                      for (const offload of recipeDims.offloads) {
                        const input = {
                          globalBatchSize: r.gbs, tensorParallel: t, pipelineParallel: p, sequenceParallel: sp,
                          pipelineInterleave: v, pipelineLayerSplit: 'BALANCED' as const, microBatchSize: b, zeroStage: zero, offload, recompute: 'NONE' as const, flashAttention: true,
                        };
                        try {
                          const l = resolveLayout(arch, cluster, input);
                          if (l.sequenceParallel !== sp) continue; // normalised duplicate
                          // …and keeps Megatron-LM's m % p = 0 for the interleaved schedule.
                          if (v > 1 && (r.gbs / (b * l.dataParallel)) % p !== 0) continue;
                          expected++;
                        } catch (error) {
                          if (!(error instanceof InvalidInputError)) throw error;
                        }
                      }
                    }
                  }
                }
              }
            }
          }
          const out = searchPlans(arch, computeModelCounts(arch), cluster, {
            globalBatchSize: r.gbs,
            allowTensorParallelAcrossNodes: r.across,
            ...recipeDims,
          });
          expect(out.candidates).toBe(expected);
        },
      ),
      { numRuns: 25, seed: 7 },
    );
  });

  it('GPT-3 175B on 1,024 GPUs: TP ∈ {1,2,4,8}, PP up to 64 (uneven splits), DP the rest', () => {
    const out = searchPlans(gpt3, gpt3Counts, cluster1024, { globalBatchSize: 1536, top: 1000 });
    for (const c of [...out.best, ...out.pareto]) {
      const l = c.layout;
      expect([1, 2, 4, 8]).toContain(l.tensorParallel);
      expect(l.tensorParallel * l.pipelineParallel * l.dataParallel).toBe(1024);
      expect(1536 % (l.microBatchSize * l.dataParallel)).toBe(0);
      expect(c.estimate.fits).toBe(true);
    }
    // With evenPipelineStages only divisors of the 96 layers remain.
    const even = searchPlans(gpt3, gpt3Counts, cluster1024, { globalBatchSize: 1536, evenPipelineStages: true, top: 1000 });
    expect(even.candidates).toBeLessThan(out.candidates);
    for (const c of even.best) expect(96 % c.layout.pipelineParallel).toBe(0);
  });
});

// ─────────────────────────── premises of the pruning ───────────────────────────

describe('premises of the pruning hold in the planner', () => {
  const layoutArb = fc.record({
    t: fc.constantFrom(1, 2, 4, 8),
    p: fc.constantFrom(1, 2, 4, 8, 16),
    zero: fc.constantFrom(0, 1, 2, 3) as fc.Arbitrary<ZeroStage>,
    recompute: fc.constantFrom('NONE', 'SELECTIVE', 'FULL') as fc.Arbitrary<RecomputeMode>,
    sp: fc.boolean(),
    flash: fc.boolean(),
    offload: fc.constantFrom('NONE', 'OPTIMIZER_CPU', 'OPTIMIZER_NVME', 'PARAMETERS_CPU', 'PARAMETERS_NVME') as fc.Arbitrary<OffloadTarget>,
  });
  const evaluator = planLayoutEvaluator(gpt3, gpt3Counts, cluster1024, {});

  it('device memory never decreases with the micro-batch (memory-first pruning)', () => {
    fc.assert(
      fc.property(layoutArb, (r) => {
        const zero = r.offload.startsWith('PARAMETERS') ? 3 : r.zero;
        const d = 1024 / (r.t * r.p);
        fc.pre(1536 % d === 0);
        let previous = -Infinity;
        for (const b of divisorsOf(1536 / d)) {
          const l = resolveLayout(gpt3, cluster1024, {
            globalBatchSize: 1536, tensorParallel: r.t, pipelineParallel: r.p, microBatchSize: b, zeroStage: zero,
            recompute: r.recompute, sequenceParallel: r.sp, flashAttention: r.flash, offload: r.offload,
          });
          const total = evaluatePlan(gpt3, gpt3Counts, cluster1024, l).memory.totalBytes;
          expect(total).toBeGreaterThanOrEqual(previous);
          previous = total;
        }
      }),
      { numRuns: 80, seed: 1 },
    );
  });

  it('ZeRO stage and offload leave compute, bubble and TP/EP time unchanged; the rest of the step is ≥ 0', () => {
    fc.assert(
      fc.property(layoutArb, fc.constantFrom(1, 2, 4), (r, b) => {
        fc.pre(1536 % ((b * 1024) / (r.t * r.p)) === 0);
        const base = { globalBatchSize: 1536, tensorParallel: r.t, pipelineParallel: r.p, microBatchSize: b, recompute: r.recompute, sequenceParallel: r.sp, flashAttention: r.flash };
        const reference = evaluatePlan(gpt3, gpt3Counts, cluster1024, resolveLayout(gpt3, cluster1024, base));
        const fixed = (e: typeof reference): number[] => [
          e.performance.computeSeconds,
          e.performance.bubbleSeconds,
          e.communication.tensorParallelSeconds,
          e.communication.expertParallelSeconds,
        ];
        const zero = r.offload.startsWith('PARAMETERS') ? 3 : r.zero;
        const e = evaluatePlan(gpt3, gpt3Counts, cluster1024, resolveLayout(gpt3, cluster1024, { ...base, zeroStage: zero, offload: r.offload }));
        expect(fixed(e)).toEqual(fixed(reference));
        const perf = e.performance;
        const rest = perf.stepSeconds - perf.computeSeconds - perf.bubbleSeconds - e.communication.tensorParallelSeconds - e.communication.expertParallelSeconds;
        expect(rest).toBeGreaterThanOrEqual(-1e-9 * perf.stepSeconds);
      }),
      { numRuns: 80, seed: 2 },
    );
  });

  it('NVMe offload keeps the same device bytes as its CPU twin (the search reuses the CPU result)', () => {
    fc.assert(
      fc.property(layoutArb, fc.constantFrom(1, 2, 4), (r, b) => {
        fc.pre(1536 % ((b * 1024) / (r.t * r.p)) === 0);
        const base = {
          globalBatchSize: 1536, tensorParallel: r.t, pipelineParallel: r.p, microBatchSize: b, recompute: r.recompute,
          sequenceParallel: r.sp, flashAttention: r.flash,
        };
        const bytes = (zeroStage: ZeroStage, offload: OffloadTarget): number =>
          evaluator.memoryBytes(resolveLayout(gpt3, cluster1024, { ...base, zeroStage, offload }));
        expect(bytes(r.zero, 'OPTIMIZER_NVME')).toBe(bytes(r.zero, 'OPTIMIZER_CPU'));
        expect(bytes(3, 'PARAMETERS_NVME')).toBe(bytes(3, 'PARAMETERS_CPU'));
      }),
      { numRuns: 60, seed: 4 },
    );
  });

  it('the memory check agrees with evaluatePlan (bytes and fit) under a user headroom', () => {
    const options = { memoryHeadroomFraction: 0.2 };
    const ev = planLayoutEvaluator(gpt3, gpt3Counts, cluster1024, options);
    fc.assert(
      fc.property(layoutArb, fc.constantFrom(1, 2, 4, 8), (r, b) => {
        fc.pre(1536 % ((b * 1024) / (r.t * r.p)) === 0);
        const zero = r.offload.startsWith('PARAMETERS') ? 3 : r.zero;
        const l = resolveLayout(gpt3, cluster1024, {
          globalBatchSize: 1536, tensorParallel: r.t, pipelineParallel: r.p, microBatchSize: b, zeroStage: zero,
          recompute: r.recompute, sequenceParallel: r.sp, flashAttention: r.flash, offload: r.offload,
        });
        const full = evaluatePlan(gpt3, gpt3Counts, cluster1024, l, options);
        const bytes = ev.memoryBytes(l);
        expect(bytes).toBe(full.memory.totalBytes);
        expect(ev.capacityBytes).toBe(full.memory.capacityBytes);
        expect(bytes <= ev.usableBytes && ev.offloadFits(l)).toBe(full.fits);
        expect(evaluator.isValid(l)).toBe(true);
      }),
      { numRuns: 80, seed: 3 },
    );
  });
});

// ─────────────────────────── optima vs published runs ───────────────────────────

describe('GPT-3 175B on 1,024 A100-80GB, global batch 1,536', () => {
  // The published run: NVIDIA/Megatron-LM README (January 2021) and examples/pretrain_gpt3_175B.sh — TP 8, PP 16,
  // DP 8, micro-batch 1, fp16, full recompute: ≈ 32 s per iteration, 138 TFLOP/s per GPU; Narayanan et al. 2021 §5.1
  // quotes ≈ 140 for the same setting. The Megatron-LM of that run: full recompute, no sequence parallel (2022), no
  // FlashAttention (2022), no distributed optimizer (ZeRO 0), synchronous pipeline send/receive, gradients all-reduced
  // after the backward (local DDP), plain 1F1B (the interleaved schedule was added in February 2021).
  const publishedTflops = 140;
  const recipe2021: PlanSearchOptions = MEGATRON_LM_2021_SEARCH;
  const restricted = searchPlans(gpt3, gpt3Counts, cluster1024, recipe2021);
  // The paper's own interleaved schedule (April 2021) on top of that recipe.
  const interleaved = searchPlans(gpt3, gpt3Counts, cluster1024, { ...recipe2021, pipelineInterleaves: undefined });
  const unrestricted = searchPlans(gpt3, gpt3Counts, cluster1024, { globalBatchSize: 1536 });
  const megatronShaped = (l: ParallelLayout) =>
    cluster1024.gpusPerNode % l.tensorParallel === 0 && l.tensorParallel >= 4 && l.pipelineParallel >= 4;
  const nearOptimal = (outcome: typeof restricted) => outcome.best.filter((c) => c.gapToBest <= outcome.modelAccuracyFraction);

  it('restricted to that recipe, the optimum is Megatron-shaped (TP 4–8 inside a node, PP ≥ 4) and within 15 % of ≈ 140 TFLOP/s', () => {
    const best = restricted.best[0]!;
    expect(megatronShaped(best.layout)).toBe(true);
    expect(best.layout.dataParallel * best.layout.tensorParallel * best.layout.pipelineParallel).toBe(1024);
    const tflops = best.estimate.performance.hardwareFlopsPerSecondPerGpu / 1e12;
    expect(Math.abs(tflops - publishedTflops) / publishedTflops).toBeLessThanOrEqual(0.15);
  });

  it('every layout the model cannot separate from the optimum is Megatron-shaped, and the published TP 8 layouts are among them', () => {
    // Where our optimum differs from the paper: TP 4 × PP 16 comes out 1.7 % ahead of TP 8 × PP 8 and 3.1 % ahead of the
    // published TP 8 × PP 16 — inside the model's ±4 % accuracy (the validation suite's mean |error|), so the search
    // reports them as near-optimal rather than ranking them. Outside that band the model agrees with the paper's
    // Takeaway #1: TP below 4 or TP 8 × PP 64 lose by 13–34 %.
    const near = nearOptimal(restricted);
    expect(restricted.nearOptimal).toBe(near.length);
    expect(near.length).toBeGreaterThanOrEqual(3);
    expect(near.length).toBeLessThan(restricted.best.length);
    for (const c of near) expect(megatronShaped(c.layout)).toBe(true);
    const gapOf = (t: number, p: number) => near.find((c) => c.layout.tensorParallel === t && c.layout.pipelineParallel === p)?.gapToBest;
    expect(gapOf(8, 16)).toBeDefined();
    expect(gapOf(8, 8)).toBeDefined();
    // Not Megatron-shaped: the best TP 2 layout is further away than the model's accuracy.
    const bestTp2 = restricted.best.find((c) => c.layout.tensorParallel <= 2)!;
    expect(bestTp2.gapToBest).toBeGreaterThan(restricted.modelAccuracyFraction);
    // The reason says so instead of pretending to a 1 % ranking.
    expect(restricted.winnerReason).toMatch(/inside the model's ±4\.0 % accuracy/);
  });

  it('the published layout (TP 8, PP 16, DP 8) matches the measured ≈ 32 s per iteration within 10 %', () => {
    const published = restricted.best.find((c) => c.layout.tensorParallel === 8 && c.layout.pipelineParallel === 16 && c.layout.microBatchSize === 1)!;
    expect(published.layout.dataParallel).toBe(8);
    expect(published.estimate.fits).toBe(true);
    expect(Math.abs(published.estimate.performance.stepSeconds / 32 - 1)).toBeLessThanOrEqual(0.1);
  });

  it('with the interleaved schedule the optimum gains ≥ 5 % and stays Megatron-shaped (deeper pipelines pay off)', () => {
    const plain = restricted.best[0]!.timeSeconds;
    const best = interleaved.best[0]!;
    expect(best.layout.pipelineInterleave).toBeGreaterThan(1);
    expect(megatronShaped(best.layout)).toBe(true);
    expect(plain / best.timeSeconds - 1).toBeGreaterThanOrEqual(0.05);
  });

  it('unrestricted, the optimum is at least as fast, fits, and the reason names the runner-up’s differences', () => {
    const fast = unrestricted.best[0]!;
    expect(fast.timeSeconds).toBeLessThanOrEqual(restricted.best[0]!.timeSeconds);
    expect(fast.timeSeconds).toBeLessThanOrEqual(interleaved.best[0]!.timeSeconds);
    expect(fast.estimate.fits).toBe(true);
    expect(unrestricted.winnerReason).toMatch(/beats the runner-up/);
    // Without training tokens the time is one step's, in seconds; with them a run's, in days (below).
    expect(unrestricted.winnerReason).toMatch(/time \d+\.\d+ s vs \d+\.\d+ s/);
    expect(unrestricted.winnerReason).not.toMatch(/e\+\d/);
    const c = unrestricted.comparison!;
    // The deltas are the breakdown's: they add up to the step-time difference.
    const sum = c.computeSecondsDelta + c.bubbleSecondsDelta + c.exposedCommunicationSecondsDelta + c.expertHostSecondsDelta + c.optimizerSecondsDelta;
    expect(sum).toBeCloseTo(c.stepSecondsDelta, 9);
    expect(c.stepSecondsDelta).toBeLessThanOrEqual(0);
  });

  it('the Pareto frontier is non-dominated and holds the fastest layout', () => {
    const front = unrestricted.pareto;
    expect(front.length).toBeGreaterThan(1);
    for (const a of front) {
      for (const b of front) {
        if (a === b) continue;
        const dominates = a.timeSeconds <= b.timeSeconds && a.costUsd <= b.costUsd && a.headroomBytes >= b.headroomBytes;
        expect(dominates && (a.timeSeconds < b.timeSeconds || a.costUsd < b.costUsd || a.headroomBytes > b.headroomBytes)).toBe(false);
      }
    }
    expect(front[0]!.timeSeconds).toBe(unrestricted.best[0]!.timeSeconds);
  });
});

describe('Llama 2 7B on one node of 8 A100-80GB', () => {
  const llama = findModelPreset('llama2-7b') as ModelArchitecture;
  const counts = computeModelCounts(llama);
  const node = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 1 });
  const out = searchPlans(llama, counts, node, { globalBatchSize: 512 });

  it('picks pure data parallel with a ZeRO stage: plain DP does not fit, ZeRO makes it fit', () => {
    const best = out.best[0]!.layout;
    expect(best.tensorParallel).toBe(1);
    expect(best.pipelineParallel).toBe(1);
    expect(best.dataParallel).toBe(8);
    expect(best.zeroStage).toBeGreaterThanOrEqual(1);
    expect(best.offload).toBe('NONE');
    // Why ZeRO: 6.74B parameters × 16 bytes (ZeRO paper K = 12 + 2 + 2) ≈ 108 GB > 80 GB without sharding.
    const plain = resolveLayout(llama, node, { ...best, zeroStage: 0 });
    expect(evaluatePlan(llama, counts, node, plain).fits).toBe(false);
  });
});

describe('MIN_GPUS: the fewest GPUs a model fits on ("tell me before I OOM, and the minimum GPU count")', () => {
  const llama13 = findModelPreset('llama2-13b') as ModelArchitecture;
  const counts13 = computeModelCounts(llama13);
  const v100 = findGpu('v100-32gb') as GpuSpec;
  const node16 = makeCluster({ gpu: v100, gpusPerNode: 16, nodes: 1 });
  const base: PlanSearchOptions = { globalBatchSize: 16, objective: 'MIN_GPUS', top: 5 };
  const withoutOffload = searchPlans(llama13, counts13, node16, { ...base, offloads: ['NONE'] });

  it('returns the smallest count on which any layout fits: every smaller count has no feasible layout', () => {
    const fewest = withoutOffload.best[0]!.gpus;
    // 13.0B parameters × 16 bytes (K = 12) = 208 GB of model states cannot fit fewer than seven 32 GB GPUs.
    expect(fewest).toBeGreaterThanOrEqual(7);
    for (let gpus = 1; gpus < fewest; gpus++) {
      const exact = searchPlans(llama13, counts13, node16, { ...base, objective: 'TIME', offloads: ['NONE'], gpuBudget: gpus, gpuBudgetMode: 'EXACT' });
      expect(exact.feasible).toBe(0);
    }
    const atFewest = searchPlans(llama13, counts13, node16, { ...base, objective: 'TIME', offloads: ['NONE'], gpuBudget: fewest, gpuBudgetMode: 'EXACT' });
    expect(atFewest.feasible).toBeGreaterThan(0);
    // Among layouts on the fewest GPUs, the fastest comes first (the TIME search at that count agrees).
    expect(withoutOffload.best[0]!.timeSeconds).toBe(atFewest.best[0]!.timeSeconds);
    for (const c of withoutOffload.best) expect(c.gpus).toBeGreaterThanOrEqual(fewest);
  });

  it('offloading (ZeRO-Offload/Infinity) brings a 13B model onto a single 32 GB V100, as Ren et al. 2021 report', () => {
    // Ren et al. 2021 (ZeRO-Offload), abstract: "train models with over 13 billion parameters on a single GPU".
    const withOffload = searchPlans(llama13, counts13, node16, base);
    const best = withOffload.best[0]!;
    expect(best.gpus).toBe(1);
    expect(best.layout.offload).not.toBe('NONE');
    expect(best.gpus).toBeLessThan(withoutOffload.best[0]!.gpus);
  });

  it('defaults to UP_TO, reports the gap in GPUs, and refuses EXACT', () => {
    const fewest = withoutOffload.best[0]!.gpus;
    for (const c of withoutOffload.best) expect(c.gapToBest).toBeCloseTo(c.gpus / fewest - 1, 12);
    expect(withoutOffload.winnerReason).toMatch(/GPUs/);
    expect(() => searchPlans(llama13, counts13, node16, { ...base, gpuBudgetMode: 'EXACT' })).toThrow(/UP_TO/);
  });
});

// ─────────────────────────── objectives, limits, errors ───────────────────────────

describe('objectives', () => {
  const llama = findModelPreset('llama2-7b') as ModelArchitecture;
  const counts = computeModelCounts(llama);
  const cluster = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 4 });
  const base: PlanSearchOptions = { globalBatchSize: 256, trainingTokens: 2e12, gpuBudgetMode: 'UP_TO', top: 5 };

  it('COST with a GPU budget up to N trades speed for price; TIME uses every GPU it can', () => {
    const time = searchPlans(llama, counts, cluster, { ...base, objective: 'TIME' });
    const cost = searchPlans(llama, counts, cluster, { ...base, objective: 'COST' });
    expect(cost.best[0]!.costUsd).toBeLessThanOrEqual(time.best[0]!.costUsd);
    expect(time.best[0]!.timeSeconds).toBeLessThanOrEqual(cost.best[0]!.timeSeconds);
    expect(time.best[0]!.gpus).toBe(32);
    // Cost = GPU-hours × price (the run estimate's).
    const run = cost.best[0]!.estimate.run!;
    expect(cost.best[0]!.costUsd).toBeCloseTo(run.gpuHours * cluster.gpuHourUsd, 6);
  });

  it('gapToBest is the relative gap on the objective (time, cost, MFU); nearOptimal counts those within the model accuracy', () => {
    for (const objective of ['TIME', 'COST', 'MFU'] as const) {
      const out = searchPlans(llama, counts, cluster, { ...base, objective, top: 20 });
      const first = out.best[0]!;
      expect(first.gapToBest).toBe(0);
      for (const c of out.best) {
        const expected =
          objective === 'TIME' ? c.timeSeconds / first.timeSeconds - 1
            : objective === 'COST' ? c.costUsd / first.costUsd - 1
              : first.estimate.performance.modelFlopsUtilization / c.estimate.performance.modelFlopsUtilization - 1;
        expect(c.gapToBest).toBeCloseTo(expected, 12);
        expect(c.gapToBest).toBeGreaterThanOrEqual(0);
      }
      expect(out.modelAccuracyFraction).toBe(STEP_TIME_MODEL_ACCURACY_FRACTION);
      expect(out.nearOptimal).toBe(out.best.filter((c) => c.gapToBest <= STEP_TIME_MODEL_ACCURACY_FRACTION).length);
      // Frontier members carry their gap to the same best.
      for (const c of out.pareto) expect(c.gapToBest).toBeGreaterThanOrEqual(0);
    }
  });

  it('MFU ranks by model FLOPs utilisation', () => {
    const mfu = searchPlans(llama, counts, cluster, { ...base, objective: 'MFU' });
    const values = mfu.best.map((c) => c.estimate.performance.modelFlopsUtilization);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
  });

  it('TIME_WITHIN_BUDGET: the fastest layout whose run costs at most the budget', () => {
    const cost = searchPlans(llama, counts, cluster, { ...base, objective: 'COST', top: 1 });
    const budgetUsd = cost.best[0]!.costUsd * 1.1;
    const within = searchPlans(llama, counts, cluster, { ...base, objective: 'TIME_WITHIN_BUDGET', budgetUsd });
    for (const c of within.best) expect(c.costUsd).toBeLessThanOrEqual(budgetUsd);
    expect(within.best[0]!.timeSeconds).toBeLessThanOrEqual(cost.best[0]!.timeSeconds);
    const tooPoor = searchPlans(llama, counts, cluster, { ...base, objective: 'TIME_WITHIN_BUDGET', budgetUsd: cost.best[0]!.costUsd * 0.5 });
    expect(tooPoor.best).toEqual([]);
    // The cheapest layout is on the frontier; the reason names its cost.
    expect(tooPoor.winnerReason).toContain(`the cheapest`);
    expect(tooPoor.winnerReason).toContain(`costs $${cost.best[0]!.costUsd.toFixed(2)}`);
  });

  it('pins restrict the space (ZeRO-3 only, no offload)', () => {
    const out = searchPlans(llama, counts, cluster, { ...base, zeroStages: [3], offloads: ['NONE'], top: 50 });
    for (const c of out.best) {
      expect(c.layout.zeroStage).toBe(3);
      expect(c.layout.offload).toBe('NONE');
    }
  });

  it('memory headroom: a larger headroom never admits more layouts', () => {
    const loose = searchPlans(gpt3, gpt3Counts, cluster1024, { globalBatchSize: 1536, memoryHeadroomFraction: 0 });
    const tight = searchPlans(gpt3, gpt3Counts, cluster1024, { globalBatchSize: 1536, memoryHeadroomFraction: 0.3 });
    expect(tight.feasible).toBeLessThan(loose.feasible);
    for (const c of tight.best) expect(c.estimate.memory.totalBytes).toBeLessThanOrEqual(0.7 * c.estimate.memory.capacityBytes);
  });
});

describe('nothing to return', () => {
  it('an empty space and a space where nothing fits say so (with the smallest memory need)', () => {
    const empty = searchPlans(gpt3, gpt3Counts, cluster1024, { globalBatchSize: 1536, microBatchSizes: [7] });
    expect(empty.candidates).toBe(0);
    expect(empty.winnerReason).toMatch(/empty space/);
    // 3 GB GPUs: after the 2 GiB framework overhead even ZeRO-3 with parameter offload cannot hold GPT-3's working set.
    const small = customGpu({ id: 'small', name: 'Small', memoryBytes: 3e9, peakFlopsPerSecond: a100.peakFlopsPerSecond });
    const node = makeCluster({ gpu: small, gpusPerNode: 8, nodes: 1 });
    const usable = ((3e9 * (1 - DEFAULT_MEMORY_HEADROOM_FRACTION)) / 2 ** 30).toFixed(1);
    for (const prune of [true, false]) {
      const none = searchPlans(gpt3, gpt3Counts, node, { globalBatchSize: 64, prune });
      expect(none.feasible).toBe(0);
      expect(none.best).toEqual([]);
      expect(none.winnerReason).toMatch(new RegExp(`^No layout fits: the smallest needs [\\d.]+ GiB per GPU and ${usable.replace('.', '\\.')} GiB are usable`));
    }
    const a = searchPlans(gpt3, gpt3Counts, node, { globalBatchSize: 64 });
    const b = searchPlans(gpt3, gpt3Counts, node, { globalBatchSize: 64, prune: false });
    expect(a.winnerReason).toBe(b.winnerReason);
  });
});

describe('limits and cancellation', () => {
  it('shouldStop stops early with the best so far (CANCELLED)', () => {
    let polls = 0;
    const out = searchPlans(gpt3, gpt3Counts, cluster1024, { globalBatchSize: 1536 }, { shouldStop: () => ++polls > 40 });
    expect(out.truncated).toBe(true);
    expect(out.stopReason).toBe('CANCELLED');
    expect(out.covered).toBeLessThan(out.candidates);
  });

  it('the time limit uses the injected clock (TIME_LIMIT), and progress is reported', () => {
    let clock = 0;
    const progress: number[] = [];
    const out = searchPlans(
      gpt3,
      gpt3Counts,
      cluster1024,
      { globalBatchSize: 1536, timeLimitSeconds: 50 },
      {
        now: () => (clock += 1),
        progressIntervalSeconds: 5,
        onProgress: (p) => progress.push(p.covered),
      },
    );
    expect(out.stopReason).toBe('TIME_LIMIT');
    expect(out.truncated).toBe(true);
    expect(out.elapsedSeconds).toBeGreaterThan(50);
    expect(progress.length).toBeGreaterThan(0);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('refuses a space above maxCandidates with an error naming the way out', () => {
    expect(fieldOf(() => searchPlans(gpt3, gpt3Counts, cluster1024, { globalBatchSize: 1536, maxCandidates: 1000 }))).toBe('input');
  });
});

describe('input errors name the field', () => {
  const go = (o: Partial<PlanSearchOptions>) => () =>
    searchPlans(gpt3, gpt3Counts, cluster1024, { globalBatchSize: 1536, ...o } as PlanSearchOptions);
  it.each([
    [{ globalBatchSize: 0 }, 'globalBatchSize'],
    [{ zeroStages: [4 as ZeroStage] }, 'zeroStages'],
    [{ zeroStages: [] }, 'zeroStages'],
    [{ tensorParallel: [3] }, 'tensorParallel'],
    [{ tensorParallel: [16] }, 'tensorParallel'],
    [{ pipelineParallel: [97] }, 'pipelineParallel'],
    [{ objective: 'FASTEST' as never }, 'objective'],
    [{ objective: 'TIME_WITHIN_BUDGET', trainingTokens: 3e11 }, 'budgetUsd'],
    [{ objective: 'TIME_WITHIN_BUDGET', budgetUsd: 1e6 }, 'trainingTokens'],
    [{ objective: 'MIN_GPUS', gpuBudgetMode: 'EXACT' }, 'gpuBudgetMode'],
    [{ gpuBudget: 1025 }, 'gpuBudget'],
    [{ gpuBudget: 12 }, 'gpuBudget'],
    [{ top: 0 }, 'top'],
    [{ memoryHeadroomFraction: Number.NaN }, 'memoryHeadroomFraction'],
    [{ offloads: ['DISK' as OffloadTarget] }, 'offloads'],
  ])('%o → %s', (o, field) => {
    expect(fieldOf(go(o as Partial<PlanSearchOptions>))).toBe(field);
  });
});

describe('context parallelism in the search (long sequences)', () => {
  it('Llama 3 405B at 128K on 16,384 H100, 128 sequences per step: the best layout splits sequences (CP), ≥ 5× faster than without', () => {
    const long = { ...(findModelPreset('llama3-405b') as ModelArchitecture), sequenceLength: 131_072 };
    const counts = computeModelCounts(long);
    const cluster = makeCluster({ gpu: findGpu('h100-sxm') as GpuSpec, gpusPerNode: 8, nodes: 2048 });
    const withCp = searchPlans(long, counts, cluster, { globalBatchSize: 128, top: 3 });
    const best = withCp.best[0]!;
    expect(best.layout.contextParallel ?? 1).toBeGreaterThan(1);
    expect(best.estimate.fits).toBe(true);
    // Without CP, 128 sequences on 16,384 GPUs leave DP 128 × one micro-batch: the bubble or the memory decides.
    const noCp = searchPlans(long, counts, cluster, { globalBatchSize: 128, top: 1, contextParallel: [1] });
    expect(noCp.best[0]!.timeSeconds / best.timeSeconds).toBeGreaterThan(5);
    expect(withCp.winnerReason).toMatch(/CP \d+/);
  });
  it('short sequences are not split by default (GPT-3 at 2,048 tokens: the same 44,604 candidates); pins must split the sequence', () => {
    // 44,604 without partial FULL recompute; the default share (half of each virtual stage's layers, where a stage has
    // two or more) adds 13,188 candidates.
    expect(searchPlans(gpt3, gpt3Counts, cluster1024, { globalBatchSize: 1536, top: 1, recomputeLayerFractions: [] }).candidates).toBe(44_604);
    expect(searchPlans(gpt3, gpt3Counts, cluster1024, { globalBatchSize: 1536, top: 1 }).candidates).toBe(57_792);
    expect(MIN_CONTEXT_PARALLEL_TOKENS).toBe(4096);
    expect(fieldOf(() => searchPlans(gpt3, gpt3Counts, cluster1024, { globalBatchSize: 1536, contextParallel: [3] }))).toBe('contextParallel');
    const pinned = searchPlans(gpt3, gpt3Counts, cluster1024, { globalBatchSize: 1536, contextParallel: [2], top: 1 });
    expect(pinned.best[0]!.layout.contextParallel).toBe(2);
  });
});

describe('an empty space says why', () => {
  it('a global batch too small for the GPU count names the batch, the minimum data parallelism and the way out', () => {
    const llama = findModelPreset('llama3-8b') as ModelArchitecture;
    const h100 = findGpu('h100-sxm') as GpuSpec;
    const cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 2048 });
    const out = searchPlans(llama, computeModelCounts(llama), cluster, { globalBatchSize: 1 });
    expect(out.candidates).toBe(0);
    expect(out.best).toHaveLength(0);
    // 16,384 GPUs over at most TP 8 × CP 2 × PP 32 (divisors of 32 layers; CP 2 leaves 4,096 of the 8,192 tokens per
    // rank) leave DP ≥ 32 > 1 sequence per step.
    expect(out.winnerReason).toContain('data parallelism is at least 32');
    expect(out.winnerReason).toContain('TP × CP × PP at most 512');
    expect(out.winnerReason).toContain('global batch of 1');
    expect(out.winnerReason).toContain('UP_TO');
    // Searching up to the budget finds layouts on fewer GPUs instead.
    const upTo = searchPlans(llama, computeModelCounts(llama), cluster, { globalBatchSize: 1, gpuBudgetMode: 'UP_TO' });
    expect(upTo.best.length).toBeGreaterThan(0);
  });
});

describe('deadlineSeconds: only runs that finish in time rank (e.g. the fewest GPUs that train in N days)', () => {
  const llama = findModelPreset('llama2-7b') as ModelArchitecture;
  const counts = computeModelCounts(llama);
  const cluster = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 4 });
  const base: PlanSearchOptions = { globalBatchSize: 256, trainingTokens: 2e11, objective: 'MIN_GPUS', top: 8 };
  const free = searchPlans(llama, counts, cluster, base);

  it('the fewest GPUs within a deadline: every returned run meets it, and no smaller count can', () => {
    // A deadline at a third of the unconstrained minimum's run time forces more GPUs.
    const deadlineSeconds = free.best[0]!.timeSeconds / 3;
    const out = searchPlans(llama, counts, cluster, { ...base, deadlineSeconds });
    expect(out.best.length).toBeGreaterThan(0);
    for (const c of out.best) expect(c.timeSeconds).toBeLessThanOrEqual(deadlineSeconds);
    const fewest = out.best[0]!.gpus;
    expect(fewest).toBeGreaterThan(free.best[0]!.gpus);
    // Every smaller count's fastest layout misses the deadline.
    for (const gpus of [1, 2, 3, 4, 5, 6, 7, 8, 16, 24, 32].filter((g) => g < fewest)) {
      const exact = searchPlans(llama, counts, cluster, { ...base, objective: 'TIME', gpuBudget: gpus, gpuBudgetMode: 'EXACT', top: 1 });
      if (exact.best.length > 0) expect(exact.best[0]!.timeSeconds).toBeGreaterThan(deadlineSeconds);
    }
  });
  it('pruned = exhaustive across deadlines that cut through the space (objectives MIN_GPUS, COST, TIME)', () => {
    const times = free.pareto.map((c) => c.timeSeconds).sort((a, b) => a - b);
    const deadlines = [0.9, 1, 1.02, 1.1, 1.5, 3].map((k) => times[0]! * k).concat(times.slice(0, 4).map((t) => t * 1.0001));
    const space: PlanSearchOptions = { ...base, gpuBudgetMode: 'UP_TO', top: 4 };
    // The oracle: one exhaustive search per objective without a deadline, its 1,000 best in rank order. A deadline
    // only filters before ranking, so its top 4 are the first 4 of that list that meet it — when the list is long
    // enough to hold them, which the fastest-first list proves (every run beyond its last is slower still).
    const ranked = (objective: PlanSearchOptions['objective']) =>
      searchPlans(llama, counts, cluster, { ...space, objective, top: MAX_SEARCH_TOP, prune: false }).best;
    const fastestFirst = ranked('TIME');
    const slowestListed = fastestFirst[fastestFirst.length - 1]!.timeSeconds;
    let direct = 0;
    for (const objective of ['MIN_GPUS', 'COST', 'TIME'] as const) {
      const list = objective === 'TIME' ? fastestFirst : ranked(objective);
      for (const deadlineSeconds of deadlines) {
        const options: PlanSearchOptions = { ...space, objective, deadlineSeconds };
        const meeting = list.filter((c) => c.timeSeconds <= deadlineSeconds);
        const allMeeting = slowestListed > deadlineSeconds ? fastestFirst.filter((c) => c.timeSeconds <= deadlineSeconds).length : Infinity;
        const complete = meeting.length >= 4 || meeting.length === allMeeting;
        // Where the list cannot prove it, the exhaustive search with the deadline is the oracle.
        if (!complete) direct++;
        const expected = complete ? meeting.slice(0, 4) : searchPlans(llama, counts, cluster, { ...options, prune: false }).best;
        const pruned = searchPlans(llama, counts, cluster, options);
        expect(pruned.best.map((c) => layoutKey(c.layout)), `${objective} within ${deadlineSeconds} s`).toEqual(
          expected.map((c) => layoutKey(c.layout)),
        );
      }
    }
    console.log(`deadline oracle: ${direct} direct exhaustive searches of ${3 * deadlines.length}`);
    // ≈ 4 s alone, 3× that beside the other files on two cores: a hang guard, not a speed test.
  }, 120_000);
  it('needs trainingTokens, and an impossible deadline says what the fastest run takes', () => {
    expect(() => searchPlans(llama, counts, cluster, { globalBatchSize: 256, deadlineSeconds: 86_400 })).toThrow(/trainingTokens|token count/);
    const impossible = searchPlans(llama, counts, cluster, { ...base, deadlineSeconds: 1 });
    expect(impossible.best).toEqual([]);
    expect(impossible.winnerReason).toMatch(/No feasible layout finishes within .* days: the fastest/);
  });
});

describe('an empty result says when the node, not the GPU, is what refuses', () => {
  it('GPT-3 175B on one A100: only offload fits the GPU, and its 2.8 TB of host states exceed a 1 TB node', () => {
    const one = makeCluster({ gpu: a100, gpusPerNode: 1, nodes: 1, hostMemoryBytesPerNode: 1e12, nvmeBytesPerNode: 0 });
    const out = searchPlans(gpt3, gpt3Counts, one, { globalBatchSize: 8 });
    expect(out.feasible).toBe(0);
    expect(out.best).toEqual([]);
    expect(out.winnerReason).toMatch(/offload more than a node's CPU RAM or NVMe/);
    // With the same GPU on a node with 4 TB of RAM the parameter-offload layouts fit.
    const roomy = makeCluster({ gpu: a100, gpusPerNode: 1, nodes: 1, hostMemoryBytesPerNode: 4e12 });
    const fits = searchPlans(gpt3, gpt3Counts, roomy, { globalBatchSize: 8, offloads: ['PARAMETERS_CPU'] });
    expect(fits.best[0]!.layout.offload).toBe('PARAMETERS_CPU');
  });
});

describe('state and schedule inputs every candidate carries (DeepSeek-V3 report §3.2–3.3)', () => {
  const deepseek = findModelPreset('deepseek-v3') as ModelArchitecture;
  const counts = computeModelCounts(deepseek);
  const cluster = makeCluster({ gpu: findGpu('h800') as GpuSpec, gpusPerNode: 8, nodes: 256 });
  const space: PlanSearchOptions = {
    globalBatchSize: 15360, pipelineParallel: [8, 15, 16], expertParallel: [64], precision: 'FP8', gradientPrecision: 'FP32',
    activationStorage: 'FP8', zeroStages: [1], optimizerMomentPrecision: 'BF16', cheapRecompute: true, pipelineSchedule: 'DUALPIPE', top: 20,
  };
  it('BF16 moments, cheap recompute and DualPipe reach every candidate; DualPipe keeps even PP without interleaving; pruned = exhaustive', () => {
    const pruned = searchPlans(deepseek, counts, cluster, space);
    const exhaustive = searchPlans(deepseek, counts, cluster, { ...space, prune: false });
    expect(pruned.best.length).toBeGreaterThan(0);
    expect(pruned.best.map((c) => c.layout)).toEqual(exhaustive.best.map((c) => c.layout));
    expect(pruned.feasible).toBe(exhaustive.feasible);
    for (const c of exhaustive.best) {
      expect(c.layout).toMatchObject({ optimizerMomentPrecision: 'BF16', cheapRecompute: true, pipelineSchedule: 'DUALPIPE', pipelineInterleave: 1 });
      expect(c.layout.pipelineParallel % 2).toBe(0);
      // The candidate is what trainingPlan answers for the same layout.
      expect(c.estimate.memory.totalBytes).toBe(evaluatePlan(deepseek, counts, cluster, c.layout, {}).memory.totalBytes);
    }
    // Left at their defaults they are absent from the layouts, as resolveLayout leaves them.
    const plain = searchPlans(deepseek, counts, cluster, { ...space, optimizerMomentPrecision: 'FP32', cheapRecompute: false, pipelineSchedule: 'ONE_F_ONE_B' });
    for (const c of plain.best) expect('pipelineSchedule' in c.layout || 'cheapRecompute' in c.layout || 'optimizerMomentPrecision' in c.layout).toBe(false);
  });
  it('bad values are refused naming the field', () => {
    expect(() => searchPlans(deepseek, counts, cluster, { ...space, pipelineSchedule: 'ZB' as never })).toThrow(InvalidInputError);
    expect(() => searchPlans(deepseek, counts, cluster, { ...space, optimizerMomentPrecision: 'FP8' as never })).toThrow(/optimizerMomentPrecision = "?FP8"? is invalid: expected FP32 or BF16/);
  });
});

describe('expertTensorParallel pins (Megatron-Core MoE parallel folding)', () => {
  const mixtral = findModelPreset('mixtral-8x7b') as ModelArchitecture;
  const counts = computeModelCounts(mixtral);
  // 16 H100s as TP 4 × DP 4: EP 8 exceeds DP, so only the folded experts (ETP 1: 8 | 4 × 4) reach it.
  const cluster = makeCluster({ gpu: findGpu('h100-sxm') as GpuSpec, gpusPerNode: 8, nodes: 2 });
  const space: PlanSearchOptions = {
    globalBatchSize: 64, tensorParallel: [4], pipelineParallel: [1], contextParallel: [1], sequenceParallel: [true], recomputeModes: ['FULL'], zeroStages: [1], top: 50,
  };

  it('absent or [TP] is the same space; [1, TP] adds the folded shapes, EP 8 among them; pruned = exhaustive; every candidate resolves', () => {
    const plain = searchPlans(mixtral, counts, cluster, space);
    const pinnedTp = searchPlans(mixtral, counts, cluster, { ...space, expertTensorParallel: [4] });
    expect(pinnedTp.candidates).toBe(plain.candidates);
    expect(keys(pinnedTp.best)).toEqual(keys(plain.best));
    for (const c of plain.best) expect('expertTensorParallel' in c.layout).toBe(false);

    const both = searchPlans(mixtral, counts, cluster, { ...space, expertTensorParallel: [1, 4] });
    const exhaustive = searchPlans(mixtral, counts, cluster, { ...space, expertTensorParallel: [1, 4], prune: false });
    expect(keys(both.best)).toEqual(keys(exhaustive.best));
    expect(both.feasible).toBe(exhaustive.feasible);
    // ETP 4: EP ∈ {1, 2, 4} (dividing DP 4); ETP 1: EP ∈ {1, 2, 4, 8} (dividing TP × DP = 16): 7 shapes for 3.
    expect(both.candidates).toBe((plain.candidates * 7) / 3);
    const folded = exhaustive.best.filter((c) => c.layout.expertTensorParallel === 1);
    expect(folded.some((c) => c.layout.expertParallel === 8)).toBe(true);
    for (const c of exhaustive.best) {
      if (c.layout.expertParallel === 8) expect(c.layout.expertTensorParallel).toBe(1);
      expect(resolveLayout(mixtral, cluster, c.layout)).toEqual(c.layout);
      expect(c.estimate.performance.stepSeconds).toBe(evaluatePlan(mixtral, counts, cluster, c.layout).performance.stepSeconds);
    }
  });

  it('the winner comparison names expert TP only where a layout folds it (TP 2 vs 4 alone adds no line)', () => {
    const wide = { ...space, tensorParallel: [2, 4] };
    const plain = searchPlans(mixtral, counts, cluster, wide).comparison!.layoutDifferences;
    expect(plain).toContain('tensorParallel: 2 vs 4');
    expect(plain.join('; ')).not.toMatch(/expertTensorParallel/);
    // Folded, the winner is TP 2 with EP 8 over TP × DP = 16 ranks (ETP 1): one expert a rank, so the all-to-all's
    // received tokens need no regrouping by expert (session 13); the runner-up is EP 4 with its experts TP-split (ETP 2).
    const folded = searchPlans(mixtral, counts, cluster, { ...wide, expertTensorParallel: [1, 2, 4] }).comparison!.layoutDifferences;
    expect(folded).toEqual(['expertParallel: 8 vs 4', 'expertTensorParallel: 1 vs 2']);
  });

  it('with per-expert launches (MEGATRON_CORE\'s host work per local expert), exposed or overlapped all-to-all: pruned = exhaustive, and the search favours more EP', () => {
    // (FULL on every layer only: the comparison below is about EP, not about how many layers are recomputed.)
    const wide = { ...space, tensorParallel: [2, 4], expertTensorParallel: [1, 2, 4], recomputeModes: ['NONE', 'FULL'], recomputeLayerFractions: [] } as PlanSearchOptions;
    for (const overlapExpertParallelCommunication of [false, true]) {
      const planOptions: PlanOptions = { expertGemmLaunch: 'PER_EXPERT', overlapExpertParallelCommunication };
      const pruned = searchPlans(mixtral, counts, cluster, { ...wide, planOptions });
      const exhaustive = searchPlans(mixtral, counts, cluster, { ...wide, planOptions, prune: false });
      expect(keys(pruned.best)).toEqual(keys(exhaustive.best));
      expect(pruned.feasible).toBe(exhaustive.feasible);
      expect(pruned.winnerReason).toBe(exhaustive.winnerReason);
    }
    // The host work falls with the local experts (8/EP): charged, it turns the TP-2 choice from EP 4 (experts TP-split)
    // to EP 8 folded over TP 2 × DP 8 (one expert per GPU), and EP's mean over the best 50 rises. (The overall winner is
    // a near-tie with TP 4 — within the model's accuracy — so the comparison is made at TP 2 with FULL recompute.) Asked
    // with the node-deduplicated dispatch, which needs no regrouping of the received tokens by expert: under the plain
    // all-to-all that regrouping (session 13) already makes EP 8 — one expert a rank — the TP-2 choice without it.
    const bestOf = (o: PlanOptions) => searchPlans(mixtral, counts, cluster, { ...wide, planOptions: o }).best;
    const meanEp = (best: readonly { layout: ParallelLayout }[]) => best.reduce((sum, c) => sum + c.layout.expertParallel, 0) / best.length;
    const firstAtTp2 = (best: readonly { layout: ParallelLayout }[]) => best.find((c) => c.layout.tensorParallel === 2 && c.layout.recompute === 'FULL')!.layout;
    const grouped = bestOf({ expertDispatch: 'NODE_DEDUPLICATED' });
    const perExpert = bestOf({ expertDispatch: 'NODE_DEDUPLICATED', expertGemmLaunch: 'PER_EXPERT' });
    expect(firstAtTp2(grouped)).toMatchObject({ tensorParallel: 2, expertParallel: 4 });
    expect(firstAtTp2(perExpert)).toMatchObject({ tensorParallel: 2, expertParallel: 8, expertTensorParallel: 1 });
    expect(meanEp(perExpert)).toBeGreaterThan(meanEp(grouped));
    expect(firstAtTp2(bestOf({}))).toMatchObject({ tensorParallel: 2, expertParallel: 8, expertTensorParallel: 1 });
  });

  it('the winner explanation counts the per-expert host work as its own part of the step, not as communication', () => {
    const hostSearch = searchPlans(mixtral, counts, cluster, { ...space, planOptions: { expertDispatch: 'NODE_DEDUPLICATED', expertGemmLaunch: 'PER_EXPERT' } });
    const c = hostSearch.comparison!;
    const [w, r] = [hostSearch.best[0]!.estimate.performance, hostSearch.best[1]!.estimate.performance];
    expect(c.expertHostSecondsDelta).toBe(w.expertHostSeconds - r.expertHostSeconds);
    expect(c.exposedCommunicationSecondsDelta).toBe(w.exposedCommunicationSeconds - r.exposedCommunicationSeconds);
    // Five parts, adding up to the step-time difference.
    expect(c.computeSecondsDelta + c.bubbleSecondsDelta + c.exposedCommunicationSecondsDelta + c.expertHostSecondsDelta + c.optimizerSecondsDelta).toBeCloseTo(c.stepSecondsDelta, 9);
    expect(w.expertHostSeconds).toBeGreaterThan(0);
    expect(hostSearch.winnerReason).toMatch(/per-expert host work [+−-]?\d/);
    // Grouped expert kernels have no host work on either side: the explanation does not mention it.
    const grouped = searchPlans(mixtral, counts, cluster, { ...space, planOptions: { expertDispatch: 'NODE_DEDUPLICATED' } });
    expect(grouped.comparison!.expertHostSecondsDelta).toBe(0);
    expect(grouped.winnerReason).not.toMatch(/per-expert host work/);
  });

  it('a dense model ignores the folded degree (nothing to fold): the same space as without the pin', () => {
    const llama = findModelPreset('llama3-8b') as ModelArchitecture;
    const llamaCounts = computeModelCounts(llama);
    const dense = { ...space, globalBatchSize: 32 };
    expect(searchPlans(llama, llamaCounts, cluster, { ...dense, expertTensorParallel: [1, 4] }).candidates).toBe(searchPlans(llama, llamaCounts, cluster, dense).candidates);
  });
});

describe('options.reshardAfterForward false (FSDP2 reshard_after_forward=False) reaches the ZeRO-3 candidates', () => {
  const llama = findModelPreset('llama3-8b') as ModelArchitecture;
  const counts = computeModelCounts(llama);
  const cluster = makeCluster({ gpu: findGpu('h100-sxm') as GpuSpec, gpusPerNode: 8, nodes: 2 });
  const space: PlanSearchOptions = {
    globalBatchSize: 64, zeroStages: [1, 2, 3], recomputeModes: ['NONE', 'FULL'], top: 50, planOptions: { reshardAfterForward: false },
  };
  it('pruned = exhaustive; a ZeRO-3 candidate is what trainingPlan answers with the option, and nothing else changes', () => {
    const pruned = searchPlans(llama, counts, cluster, space);
    const exhaustive = searchPlans(llama, counts, cluster, { ...space, prune: false });
    expect(keys(pruned.best)).toEqual(keys(exhaustive.best));
    expect(pruned.feasible).toBe(exhaustive.feasible);
    const zero3 = exhaustive.best.filter((c) => c.layout.zeroStage === 3);
    expect(zero3.length).toBeGreaterThan(0);
    for (const c of zero3) {
      const withOption = evaluatePlan(llama, counts, cluster, c.layout, { reshardAfterForward: false });
      expect(c.estimate.performance.stepSeconds).toBe(withOption.performance.stepSeconds);
      expect(c.estimate.memory.totalBytes).toBe(withOption.memory.totalBytes);
      expect(c.estimate.memory.totalBytes).toBeGreaterThan(evaluatePlan(llama, counts, cluster, c.layout).memory.totalBytes);
    }
    for (const c of exhaustive.best.filter((x) => x.layout.zeroStage < 3)) {
      expect(c.estimate.performance.stepSeconds).toBe(evaluatePlan(llama, counts, cluster, c.layout).performance.stepSeconds);
    }
  });
});

describe('masterWeights false and gradientReducePrecision FP32 are carried by every candidate (pure BF16 FSDP, as NeMo AutoModel)', () => {
  const llama = findModelPreset('llama3-8b') as ModelArchitecture;
  const counts = computeModelCounts(llama);
  // One GPU short of memory for Adam's fp32 states at ZeRO-0/1 on 2 H100: fewer bytes per parameter admit more layouts.
  const cluster = makeCluster({ gpu: findGpu('h100-sxm') as GpuSpec, gpusPerNode: 2, nodes: 1 });
  const space: PlanSearchOptions = { globalBatchSize: 16, zeroStages: [0, 1, 2, 3], recomputeModes: ['NONE', 'FULL'], top: 200 };
  const pure: PlanSearchOptions = { ...space, masterWeights: false, optimizerMomentPrecision: 'BF16', gradientReducePrecision: 'FP32' };
  it('pruned = exhaustive; each candidate is its layout evaluated, with K = 4; more layouts fit than with fp32 states', () => {
    const pruned = searchPlans(llama, counts, cluster, pure);
    const exhaustive = searchPlans(llama, counts, cluster, { ...pure, prune: false });
    expect(keys(pruned.best)).toEqual(keys(exhaustive.best));
    expect(pruned.feasible).toBe(exhaustive.feasible);
    expect(exhaustive.best.length).toBeGreaterThan(0);
    for (const c of exhaustive.best) {
      expect(c.layout).toMatchObject({ masterWeights: false, optimizerMomentPrecision: 'BF16', gradientReducePrecision: 'FP32' });
      const evaluated = evaluatePlan(llama, counts, cluster, c.layout);
      expect(c.estimate.memory.totalBytes).toBe(evaluated.memory.totalBytes);
      expect(c.estimate.performance.stepSeconds).toBe(evaluated.performance.stepSeconds);
    }
    expect(exhaustive.feasible).toBeGreaterThan(searchPlans(llama, counts, cluster, { ...space, prune: false }).feasible);
  });
  it('refuses masterWeights false in FP32 training, naming the field', () => {
    expect(() => searchPlans(llama, counts, cluster, { ...space, precision: 'FP32', masterWeights: false })).toThrow(/masterWeights/);
  });
});

/**
 * Partial FULL recompute in the search (recomputeLayerFractions; layout.recomputeLayers, Megatron-Core recompute_method
 * block): a share of each virtual stage's layers recomputed is one more recompute variant, with its own pruning set.
 */
describe('recomputeLayerFractions: FULL on part of each virtual stage', () => {
  const llama = findModelPreset('llama3-405b') as ModelArchitecture;
  const llamaCounts = computeModelCounts(llama);
  const h100 = findGpu('h100-sxm') as GpuSpec;
  const cluster8192 = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 1024 });
  // Llama 3 405B's published 8,192-GPU shape (Dubey et al. 2024 Table 4), ZeRO-1 with fp32 main gradients (MEGATRON_CORE's).
  const pinned: PlanSearchOptions = {
    globalBatchSize: 2048, tensorParallel: [8], pipelineParallel: [16], dataParallel: [64], zeroStages: [1], sequenceParallel: [true],
    offloads: ['NONE'], gradientPrecision: 'FP32', top: 10,
  };

  it('pruned = exhaustive with several shares; every partial candidate is its layout evaluated', () => {
    const shares = { ...pinned, recomputeLayerFractions: [0.25, 0.5, 0.75] };
    const pruned = searchPlans(llama, llamaCounts, cluster8192, shares);
    const exhaustive = searchPlans(llama, llamaCounts, cluster8192, { ...shares, prune: false });
    expect(keys(pruned.best)).toEqual(keys(exhaustive.best));
    expect(pruned.feasible).toBe(exhaustive.feasible);
    expect(pruned.candidates).toBe(exhaustive.candidates);
    const partial = exhaustive.best.filter((c) => c.layout.recomputeLayers !== undefined);
    expect(partial.length).toBeGreaterThan(0);
    for (const c of partial) {
      expect(c.layout.recompute).toBe('FULL');
      expect(resolveLayout(llama, cluster8192, c.layout)).toEqual(c.layout);
      expect(c.estimate.performance.stepSeconds).toBe(evaluatePlan(llama, llamaCounts, cluster8192, c.layout).performance.stepSeconds);
    }
  });

  it('where no recompute does not fit, half of each virtual stage recomputed beats every layer recomputed', () => {
    const everyLayer = searchPlans(llama, llamaCounts, cluster8192, { ...pinned, recomputeLayerFractions: [] }).best[0]!;
    const half = searchPlans(llama, llamaCounts, cluster8192, pinned).best[0]!;
    expect(everyLayer.layout.recompute).toBe('FULL');
    expect(everyLayer.layout.recomputeLayers).toBeUndefined();
    // v = 4: 126 layers over 64 virtual stages of ≤ 2 layers (§3.3.2's first and last one short), one of each recomputed.
    expect(half.layout).toMatchObject({ recompute: 'FULL', recomputeLayers: 1, pipelineInterleave: 4 });
    expect(half.estimate.fits).toBe(true);
    expect(half.timeSeconds).toBeLessThan(everyLayer.timeSeconds);
    // The default is the half share: 62 stages of 2 at v = 4 give N = 1, v = 8's stages of 1 none.
    expect(DEFAULT_RECOMPUTE_LAYER_FRACTIONS).toEqual([0.5]);
  });

  it('refuses shares outside (0, 1), more than 16, or with cheapRecompute, naming the field', () => {
    const field = (o: Partial<PlanSearchOptions>) => fieldOf(() => searchPlans(llama, llamaCounts, cluster8192, { ...pinned, ...o }));
    expect(field({ recomputeLayerFractions: [0] })).toBe('recomputeLayerFractions[0]');
    expect(field({ recomputeLayerFractions: [0.5, 1] })).toBe('recomputeLayerFractions[1]');
    expect(field({ recomputeLayerFractions: [Number.NaN] })).toBe('recomputeLayerFractions[0]');
    expect(field({ recomputeLayerFractions: Array.from({ length: 17 }, (_, i) => (i + 1) / 18) })).toBe('recomputeLayerFractions');
    expect(field({ recomputeLayerFractions: [0.5], cheapRecompute: true })).toBe('recomputeLayerFractions');
    // With cheapRecompute and no shares given, FULL recomputes every layer (the two are not modelled together).
    const cheap = searchPlans(llama, llamaCounts, cluster8192, { ...pinned, cheapRecompute: true, recomputeModes: ['FULL'] });
    expect(cheap.best.length).toBeGreaterThan(0);
    for (const c of cheap.best) expect(c.layout.recomputeLayers).toBeUndefined();
  });
});

describe('the explanation\'s durations', () => {
  it('reads a run\'s time in days, hours or seconds (4 significant digits)', () => {
    expect(duration(1.599e6)).toBe('18.51 days');
    expect(duration(7200)).toBe('2.000 h');
    expect(duration(42.5)).toBe('42.50 s');
    // A whole run: GPT-3 175B for 300B tokens on 1,024 A100s, about a month — in days, not 2.8e+6 s.
    const run = searchPlans(gpt3, gpt3Counts, cluster1024, { globalBatchSize: 1536, trainingTokens: 300e9, top: 2 });
    expect(run.winnerReason).toMatch(/time \d+\.\d+ days vs \d+\.\d+ days/);
    expect(run.winnerReason).not.toMatch(/e\+\d/);
  });
});
