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

/**
 * StepTerm (src/core/performance/context.ts): seconds is a term's time before any overlap, exposedSeconds what it adds
 * to the critical path, so exposedSeconds ≤ seconds. PIPELINE_PARALLEL's exposed figure counts the 2·(p − 1) fill/drain
 * transfers per flush besides the 2·m·v steady-state ones; its seconds must count them too. GPT-3 175B (96 layers split
 * evenly over p·v for every p and v below), t = 8, d = 2, on A100s; m = 1 (fewer micro-batches than stages, where the
 * fill/drain outweighs the steady state) and m = 4p. Tolerance: 1e-12 relative (floating point only).
 */
describe('every term: exposedSeconds ≤ seconds, and the exposed seconds add up to the step', () => {
  const gpt3 = findModelPreset('gpt3-175b')!;
  const gpt3Counts = computeModelCounts(gpt3);
  const cases = [2, 3, 4, 6, 8, 12, 16].flatMap((p) =>
    [1, 2].flatMap((v) => [1, 4 * p].flatMap((m) => [true, false].map((overlap) => ({ p, v, m, overlap })))),
  );
  it.each(cases)('p $p, v $v, m $m, overlapped p2p $overlap', ({ p, v, m, overlap }) => {
    const a100 = makeCluster({ gpu: findGpu('a100-80gb') as GpuSpec, gpusPerNode: 8, nodes: 2 * p });
    const l = resolveLayout(
      gpt3,
      a100,
      { tensorParallel: 8, pipelineParallel: p, pipelineInterleave: v, dataParallel: 2, microBatchSize: 1, globalBatchSize: 2 * m },
      'test',
    );
    const step = estimateStep(gpt3, gpt3Counts, a100, l, { overlapPipelineCommunication: overlap });
    for (const term of step.terms) {
      expect(term.exposedSeconds, term.name).toBeLessThanOrEqual(term.seconds * (1 + 1e-12));
    }
    const pp = step.terms.find((term) => term.name === 'PIPELINE_PARALLEL')!;
    expect(pp.seconds).toBeGreaterThan(0);
    // Blocking p2p: every transfer is on the critical path, so the term is exposed whole.
    if (!overlap) expect(pp.exposedSeconds / pp.seconds).toBeCloseTo(1, 12);
    const exposed = step.terms.reduce((sum, term) => sum + term.exposedSeconds, 0);
    expect(Math.abs(exposed / step.performance.stepSeconds - 1)).toBeLessThan(1e-9);
  });
});
