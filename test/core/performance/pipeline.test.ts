/**
 * Pipeline flushes per step (src/core/performance/pipeline.ts): gradient accumulation over separate pipeline schedules,
 * as NeMo AutoModel's GA column runs them, pays one fill and drain per schedule (Narayanan et al. 2021 §2.2.1: the
 * bubble is (p − 1)/v stage times per schedule).
 */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/core/errors.js';
import { findGpu, makeCluster } from '../../../src/core/hardware.js';
import { computeModelCounts } from '../../../src/core/model.js';
import { estimateStep } from '../../../src/core/performance.js';
import { resolveLayout } from '../../../src/core/plan.js';
import { findModelPreset } from '../../../src/core/presets.js';
import type { GpuSpec } from '../../../src/core/types.js';

const arch = findModelPreset('llama3-70b')!;
const counts = computeModelCounts(arch);
const cluster = makeCluster({ gpu: findGpu('h100-sxm') as GpuSpec, gpusPerNode: 8, nodes: 8 });
const layout = (globalBatchSize: number) =>
  resolveLayout(arch, cluster, { tensorParallel: 8, pipelineParallel: 4, pipelineInterleave: 2, microBatchSize: 1, globalBatchSize }, 'test');

describe('pipeline flushes per step', () => {
  it('four schedules of 8 micro-batches pay four bubbles of one 8-micro-batch schedule (exact, 1e-12)', () => {
    const one = estimateStep(arch, counts, cluster, layout(16)).performance;
    const four = estimateStep(arch, counts, cluster, layout(64), { pipelineFlushesPerStep: 4 }).performance;
    const fused = estimateStep(arch, counts, cluster, layout(64)).performance;
    expect(four.bubbleSeconds / (4 * one.bubbleSeconds)).toBeCloseTo(1, 12);
    // One schedule of 32 micro-batches has the same bubble as one of 8 (equal stages): a quarter of the four flushes'.
    expect(fused.bubbleSeconds / four.bubbleSeconds).toBeCloseTo(0.25, 12);
    expect(four.computeSeconds).toBeCloseTo(fused.computeSeconds, 12);
  });

  it('refuses a count that does not divide the micro-batches, naming the field', () => {
    expect(() => estimateStep(arch, counts, cluster, layout(64), { pipelineFlushesPerStep: 3 })).toThrow(InvalidInputError);
    expect(() => estimateStep(arch, counts, cluster, layout(64), { pipelineFlushesPerStep: 0 })).toThrow(/options\.pipelineFlushesPerStep/);
  });
});
