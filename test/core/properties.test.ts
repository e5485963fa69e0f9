/**
 * Invariants of the plan model over random valid inputs (fast-check).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors.js';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { memoryByPipelineStage } from '../../src/core/memory.js';
import { architectureWithDefaults, computeModelCounts } from '../../src/core/model.js';
import { OVERLAP_COMPUTE_SLOWDOWN, overlappedCostSeconds } from '../../src/core/performance.js';
import { evaluatePlan, resolveLayout } from '../../src/core/plan.js';
import type { ClusterSpec, GpuSpec, ModelArchitecture, ParallelLayout, RecomputeMode, ZeroStage } from '../../src/core/types.js';

const GPUS = ['a100-40gb', 'a100-80gb', 'h100-sxm', 'v100-32gb'].map((id) => findGpu(id) as GpuSpec);

interface Scenario {
  arch: ModelArchitecture;
  cluster: ClusterSpec;
  input: Partial<ParallelLayout> & { globalBatchSize: number };
  microBatches: number;
}

/** Random but valid model + cluster + layout input (heads multiple of 8, GPUs multiple of 32). */
const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    layers: fc.integer({ min: 1, max: 64 }),
    heads: fc.constantFrom(8, 16, 32, 64),
    headDim: fc.constantFrom(32, 64, 128),
    kvDivisor: fc.constantFrom(1, 2, 8),
    gated: fc.boolean(),
    vocab: fc.integer({ min: 1000, max: 160_000 }),
    seq: fc.constantFrom(128, 512, 2048, 8192),
    experts: fc.constantFrom(1, 1, 4, 8),
    topK: fc.constantFrom(1, 2),
    gpu: fc.constantFrom(...GPUS),
    nodeGroups: fc.integer({ min: 1, max: 8 }),
    t: fc.constantFrom(1, 2, 4, 8),
    p: fc.constantFrom(1, 2, 4),
    microBatch: fc.constantFrom(1, 2, 4),
    microBatches: fc.integer({ min: 1, max: 32 }),
    zero: fc.constantFrom<ZeroStage>(0, 1, 2, 3),
    recompute: fc.constantFrom<RecomputeMode>('NONE', 'SELECTIVE', 'FULL'),
    sp: fc.boolean(),
    flash: fc.boolean(),
    offload: fc.constantFrom('NONE', 'NONE', 'OPTIMIZER_CPU', 'OPTIMIZER_NVME', 'PARAMETERS_CPU', 'PARAMETERS_NVME' as const),
    optimizer: fc.constantFrom('ADAM', 'ADAMW', 'SGD_MOMENTUM', 'ADAFACTOR', 'ADAM_8BIT' as const),
    precision: fc.constantFrom('BF16', 'FP16', 'FP32', 'FP8' as const),
  })
  .map((r) => {
    const arch = architectureWithDefaults({
      layers: r.layers,
      hiddenSize: r.heads * r.headDim,
      attentionHeads: r.heads,
      kvHeads: r.heads / r.kvDivisor,
      gatedMlp: r.gated,
      vocabSize: r.vocab,
      sequenceLength: r.seq,
      experts: r.experts,
      expertsPerToken: Math.min(r.topK, r.experts),
    });
    const cluster = makeCluster({ gpu: r.gpu, gpusPerNode: 8, nodes: 4 * r.nodeGroups });
    const gpus = 32 * r.nodeGroups;
    const p = r.p <= r.layers ? r.p : r.layers >= 2 ? 2 : 1;
    const d = gpus / (r.t * p);
    const precision = r.precision === 'FP8' && r.gpu.peakFlopsPerSecond.FP8 === null ? 'BF16' : r.precision;
    const offload = r.offload.startsWith('PARAMETERS') && r.zero !== 3 ? 'NONE' : r.offload;
    return {
      arch,
      cluster,
      microBatches: r.microBatches,
      input: {
        tensorParallel: r.t,
        pipelineParallel: p,
        globalBatchSize: d * r.microBatch * r.microBatches,
        microBatchSize: r.microBatch,
        zeroStage: r.zero,
        recompute: r.recompute,
        sequenceParallel: r.sp,
        flashAttention: r.flash,
        offload,
        optimizer: r.optimizer,
        precision,
        expertParallel: r.experts > 1 && d % r.experts === 0 ? r.experts : 1,
      },
    };
  });

function positiveFinite(value: number): boolean {
  return Number.isFinite(value) && value > 0;
}

describe('properties', () => {
  it('times, costs and bytes are finite and positive (non-negative where they may vanish) for every valid input', () => {
    fc.assert(
      fc.property(scenario, ({ arch, cluster, input }) => {
        const layout = resolveLayout(arch, cluster, input);
        const e = evaluatePlan(arch, computeModelCounts(arch), cluster, layout, { trainingTokens: 1e9 });
        const p = e.performance;
        for (const v of [p.stepSeconds, p.computeSeconds, p.tokensPerSecond, p.modelFlopsPerStep, p.hardwareFlopsPerStep, p.modelFlopsUtilization, p.computeEfficiency]) {
          expect(positiveFinite(v)).toBe(true);
        }
        for (const v of [p.bubbleSeconds, p.exposedCommunicationSeconds, p.optimizerSeconds, ...Object.values(e.communication)]) {
          expect(Number.isFinite(v) && v >= 0).toBe(true);
        }
        for (const v of [e.run!.seconds, e.run!.days, e.run!.gpuHours, e.run!.costUsd, e.run!.energyKwh, e.run!.steps]) {
          expect(positiveFinite(v)).toBe(true);
        }
        expect(positiveFinite(e.memory.totalBytes)).toBe(true);
        for (const v of Object.values(e.memory)) expect(Number.isFinite(v) && v >= 0).toBe(true);
        expect(p.modelFlopsUtilization).toBeLessThan(1);
      }),
      { numRuns: 400 },
    );
  });

  it('synchronous pipeline transfers cost exactly their steady-state time: step grows by 2·m·v transfers less the contention share overlapped ones already paid, nothing else moves', () => {
    fc.assert(
      fc.property(scenario, ({ arch, cluster, input }) => {
        const counts = computeModelCounts(arch);
        const layout = resolveLayout(arch, cluster, input);
        const overlapped = evaluatePlan(arch, counts, cluster, layout);
        const blocking = evaluatePlan(arch, counts, cluster, layout, { overlapPipelineCommunication: false });
        const extra = blocking.performance.stepSeconds - overlapped.performance.stepSeconds;
        expect(extra).toBeGreaterThanOrEqual(0);
        // The term's seconds are 2·m·v steady-state + 2·(p − 1) fill/drain transfers (one flush); the steady ones are the extra.
        const p = layout.pipelineParallel;
        const mv = (layout.globalBatchSize / (layout.microBatchSize * layout.dataParallel)) * (p > 1 ? layout.pipelineInterleave : 1);
        const steady = (blocking.communication.pipelineParallelSeconds * mv) / (mv + p - 1);
        expect(extra).toBeCloseTo(steady / (1 + OVERLAP_COMPUTE_SLOWDOWN), 9);
        // With ideal overlap (σ = 0) the difference is the whole steady-state time, as before.
        const ideal = evaluatePlan(arch, counts, cluster, layout, { overlapComputeSlowdown: 0 });
        const idealBlocking = evaluatePlan(arch, counts, cluster, layout, { overlapComputeSlowdown: 0, overlapPipelineCommunication: false });
        expect(idealBlocking.performance.stepSeconds - ideal.performance.stepSeconds).toBeCloseTo(steady, 9);
        if (layout.pipelineParallel === 1) expect(extra).toBe(0);
        expect(blocking.performance.computeSeconds).toBe(overlapped.performance.computeSeconds);
        expect(blocking.performance.bubbleSeconds).toBe(overlapped.performance.bubbleSeconds);
        expect(blocking.memory.totalBytes).toBe(overlapped.memory.totalBytes);
      }),
      { numRuns: 300 },
    );
  });

  it('overlap cost: between the ideal excess max(0, c − w) and the whole communication c; continuous at c = w·(1 + σ)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (c, w, sigma) => {
          const cost = overlappedCostSeconds(c, w, sigma);
          expect(cost).toBeGreaterThanOrEqual(Math.max(0, c - w) - 1e-12);
          expect(cost).toBeLessThanOrEqual(c + 1e-12);
          expect(overlappedCostSeconds(c, w, 0)).toBeCloseTo(Math.max(0, c - w), 12);
          // Compute finishes exactly when the collective does: both branches agree.
          expect(overlappedCostSeconds(w * (1 + sigma), w, sigma)).toBeCloseTo(w * sigma, 9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('contention and non-overlapped data parallelism never speed a step up, TP overlap never slows one; memory does not move', () => {
    fc.assert(
      fc.property(scenario, ({ arch, cluster, input }) => {
        const counts = computeModelCounts(arch);
        const layout = resolveLayout(arch, cluster, input);
        const base = evaluatePlan(arch, counts, cluster, layout);
        const ideal = evaluatePlan(arch, counts, cluster, layout, { overlapComputeSlowdown: 0 });
        const serialDp = evaluatePlan(arch, counts, cluster, layout, { overlapDataParallelCommunication: false });
        expect(base.performance.stepSeconds).toBeGreaterThanOrEqual(ideal.performance.stepSeconds * (1 - 1e-12));
        expect(serialDp.performance.stepSeconds).toBeGreaterThanOrEqual(base.performance.stepSeconds * (1 - 1e-12));
        // Without overlap every data-parallel collective is on the critical path.
        expect(serialDp.performance.exposedCommunicationSeconds).toBeGreaterThanOrEqual(
          serialDp.communication.dataParallelSeconds * (1 - 1e-12),
        );
        // TP overlap never slows a step and is a no-op without sequence parallel (Megatron-Bridge gates it on SP).
        const tpOverlap = evaluatePlan(arch, counts, cluster, layout, { overlapTensorParallelCommunication: true });
        expect(tpOverlap.performance.stepSeconds).toBeLessThanOrEqual(base.performance.stepSeconds * (1 + 1e-12));
        if (!layout.sequenceParallel) expect(tpOverlap.performance.stepSeconds).toBe(base.performance.stepSeconds);
        // The bubble's slots carry the stage's TP time, so TP overlap may shrink it; nothing else moves it.
        expect(tpOverlap.performance.bubbleSeconds).toBeLessThanOrEqual(base.performance.bubbleSeconds * (1 + 1e-12));
        // The slowest rank is chosen by compute plus what it leaves exposed after overlap (stage.ts), so contention
        // and TP overlap may hand the pace to another rank; data-parallel overlap is outside that choice.
        expect(serialDp.performance.computeSeconds).toBe(base.performance.computeSeconds);
        expect(serialDp.performance.bubbleSeconds).toBe(base.performance.bubbleSeconds);
        for (const e of [ideal, serialDp, tpOverlap]) expect(e.memory.totalBytes).toBe(base.memory.totalBytes);
      }),
      { numRuns: 200 },
    );
  });

  it('memory never grows with a higher ZeRO stage', () => {
    fc.assert(
      fc.property(scenario, ({ arch, cluster, input }) => {
        const counts = computeModelCounts(arch);
        const offload = input.offload?.startsWith('PARAMETERS') ? 'NONE' : input.offload;
        let previous = Infinity;
        for (const zeroStage of [0, 1, 2, 3] as ZeroStage[]) {
          const layout = resolveLayout(arch, cluster, { ...input, zeroStage, offload });
          const total = evaluatePlan(arch, counts, cluster, layout).memory.totalBytes;
          expect(total).toBeLessThanOrEqual(previous * (1 + 1e-12));
          previous = total;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('memory never grows with a larger data-parallel degree (same TP, PP, micro-batch and global batch)', () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom(2, 3, 4), ({ arch, cluster, input }, factor) => {
        const counts = computeModelCounts(arch);
        const bigger = makeCluster({ gpu: cluster.gpu, gpusPerNode: 8, nodes: cluster.nodes * factor });
        const layout = resolveLayout(arch, cluster, { ...input, globalBatchSize: input.globalBatchSize * factor, expertParallel: 1 });
        const biggerLayout = resolveLayout(arch, bigger, { ...input, globalBatchSize: input.globalBatchSize * factor, expertParallel: 1 });
        expect(biggerLayout.dataParallel).toBe(layout.dataParallel * factor);
        const small = evaluatePlan(arch, counts, cluster, layout).memory.totalBytes;
        const large = evaluatePlan(arch, counts, bigger, biggerLayout).memory.totalBytes;
        expect(large).toBeLessThanOrEqual(small * (1 + 1e-12));
      }),
      { numRuns: 300 },
    );
  });

  it('training without dropout needs less memory on every stage, and only activations change', () => {
    fc.assert(
      fc.property(scenario, ({ arch, cluster, input }) => {
        const withMasks = { ...arch, dropout: true };
        const without = { ...arch, dropout: false };
        const counts = computeModelCounts(arch);
        const layout = resolveLayout(arch, cluster, input);
        const a = memoryByPipelineStage(withMasks, counts, cluster, layout);
        const b = memoryByPipelineStage(without, counts, cluster, layout);
        a.forEach((stage, i) => {
          const other = b[i]!;
          expect(other.totalBytes).toBeLessThanOrEqual(stage.totalBytes);
          const rest = stage.totalBytes - stage.activationsBytes;
          expect(Math.abs(other.totalBytes - other.activationsBytes - rest)).toBeLessThanOrEqual(1e-12 * stage.totalBytes);
          // Strictly less even with FULL recompute: the one layer rebuilt during backward holds its masks.
          expect(other.activationsBytes).toBeLessThan(stage.activationsBytes);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('more recompute never increases activation memory, on any pipeline stage', () => {
    fc.assert(
      fc.property(scenario, ({ arch, cluster, input }) => {
        const counts = computeModelCounts(arch);
        const stagesFor = (recompute: RecomputeMode) =>
          memoryByPipelineStage(arch, counts, cluster, resolveLayout(arch, cluster, { ...input, recompute }));
        const [none, selective, full] = (['NONE', 'SELECTIVE', 'FULL'] as const).map(stagesFor);
        none!.forEach((stage, i) => {
          expect(selective![i]!.activationsBytes).toBeLessThanOrEqual(stage.activationsBytes * (1 + 1e-12));
          expect(full![i]!.activationsBytes).toBeLessThanOrEqual(selective![i]!.activationsBytes * (1 + 1e-12));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('invalid inputs are rejected with an InvalidInputError naming the field', () => {
    const fieldOf = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (error) {
        if (error instanceof InvalidInputError) return error.field;
        throw error;
      }
      return undefined;
    };
    fc.assert(
      fc.property(
        scenario,
        fc.constantFrom('tensorParallel', 'microBatchSize', 'globalBatchSize', 'pipelineParallel', 'dataParallel'),
        fc.constantFrom(Number.NaN, Infinity, -1, 0, 0.5),
        ({ arch, cluster, input }, field, bad) => {
          expect(fieldOf(() => resolveLayout(arch, cluster, { ...input, [field]: bad }))).toBe(`plan.${field}`);
        },
      ),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(scenario, ({ arch, cluster, input }) => {
        // TP not dividing the heads (heads are multiples of 8 here; 3 and 5 divide none of them).
        expect(fieldOf(() => resolveLayout(arch, cluster, { ...input, tensorParallel: 3 }))).toBe('plan.tensorParallel');
        // GPUs not multiplying out.
        const layout = resolveLayout(arch, cluster, input);
        expect(fieldOf(() => resolveLayout(arch, cluster, { ...input, dataParallel: layout.dataParallel + 1 }))).toBe('plan.dataParallel');
        expect(fieldOf(() => evaluatePlan(arch, computeModelCounts(arch), cluster, { ...layout, dataParallel: layout.dataParallel * 2 }))).toBe(
          'plan.dataParallel',
        );
      }),
      { numRuns: 100 },
    );
    // Zero GPUs and a hidden size the heads do not divide.
    expect(fieldOf(() => makeCluster({ gpu: GPUS[0]!, gpusPerNode: 8, nodes: 0 }))).toBe('nodes');
    expect(fieldOf(() => makeCluster({ gpu: GPUS[0]!, gpusPerNode: 0, nodes: 4 }))).toBe('gpusPerNode');
    const bad = architectureWithDefaults({ layers: 4, hiddenSize: 1000, attentionHeads: 3, vocabSize: 100, sequenceLength: 64 });
    expect(fieldOf(() => computeModelCounts(bad))).toBe('model.hiddenSize');
  });
});
