/**
 * options.crossEntropyFusion: the output head's cross entropy in HBM bytes per logit — UNFUSED 52 (Megatron-Core's
 * VocabParallelCrossEntropy op by op in fp32), NATIVE 28 (its fused implementation, four compiled kernels), TE 10
 * (Transformer Engine's online-softmax kernels writing the gradient over the 16-bit logits). Checked to the byte on
 * the head's time, through the plan, and for bad values.
 */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors.js';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { computeModelCounts } from '../../src/core/model.js';
import { layerCompute } from '../../src/core/performance/compute.js';
import { stepContext } from '../../src/core/performance/context.js';
import { ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION } from '../../src/core/performance/efficiency.js';
import { evaluatePlan, resolveLayout } from '../../src/core/plan.js';
import { findModelPreset } from '../../src/core/presets.js';
import { planAssumptions } from '../../src/core/recipes.js';
import type { CrossEntropyFusion, GpuSpec, ModelArchitecture, PlanOptions } from '../../src/core/types.js';

const h100 = findGpu('h100-sxm') as GpuSpec;
const cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 2 });
const hbm = h100.memoryBandwidthBytesPerSecond * ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION.HOPPER;
// Llama 3 8B: vocabulary 128,256, sequence 8,192; TP 2 splits the logits two ways.
const llama = findModelPreset('llama3-8b') as ModelArchitecture;
const counts = computeModelCounts(llama);
const layout = resolveLayout(llama, cluster, { tensorParallel: 2, globalBatchSize: 16, microBatchSize: 1, precision: 'BF16', recompute: 'NONE' });

function headSeconds(fusion: CrossEntropyFusion | undefined): number {
  const options: PlanOptions = fusion === undefined ? {} : { crossEntropyFusion: fusion };
  return layerCompute(stepContext(llama, counts, cluster, layout, options)).headSeconds;
}

describe('options.crossEntropyFusion', () => {
  const logitsPerMicroBatch = (8192 * 128_256) / 2;

  it('charges 52, 28 and 10 bytes per logit of one rank (UNFUSED is the default)', () => {
    expect(headSeconds(undefined)).toBe(headSeconds('UNFUSED'));
    expect(headSeconds('UNFUSED') - headSeconds('NATIVE')).toBeCloseTo(((52 - 28) * logitsPerMicroBatch) / hbm, 12);
    expect(headSeconds('UNFUSED') - headSeconds('TE')).toBeCloseTo(((52 - 10) * logitsPerMicroBatch) / hbm, 12);
    // PyTorch's F.cross_entropy on 16-bit logits (Hugging Face transformers): log_softmax 2 + 2, its backward 2 + 2 + 2, and
    // nll_loss_backward's gradient 2 — 12 bytes a logit.
    expect(headSeconds('PYTORCH') - headSeconds('TE')).toBeCloseTo(((12 - 10) * logitsPerMicroBatch) / hbm, 12);
    // 525 M logits a micro-batch on a rank: 10.9 ms unfused, 2.1 ms with Transformer Engine's kernels (H100's HBM at
    // Hopper's measured 0.75).
    expect((52 * logitsPerMicroBatch) / hbm).toBeCloseTo(0.01087, 4);
    expect((10 * logitsPerMicroBatch) / hbm).toBeCloseTo(0.00209, 4);
  });

  it('moves the step by the head stage\'s micro-batches, and says which it assumed', () => {
    const step = (fusion: CrossEntropyFusion) =>
      evaluatePlan(llama, counts, cluster, layout, { crossEntropyFusion: fusion }).performance.stepSeconds;
    // No pipeline: every rank holds the head; m = 16 sequences / (micro-batch 1 × DP 8) = 2 micro-batches a step.
    const m = layout.globalBatchSize / (layout.microBatchSize * layout.dataParallel);
    expect(m).toBe(2);
    expect(step('UNFUSED') - step('TE')).toBeCloseTo((m * (52 - 10) * logitsPerMicroBatch) / hbm, 9);
    const te: PlanOptions = { crossEntropyFusion: 'TE' };
    const assumed = planAssumptions(undefined, {}, te, layout, te).find((a) => a.name === 'options.crossEntropyFusion');
    expect(assumed).toMatchObject({ value: 'TE', origin: 'USER' });
    const fallback = planAssumptions(undefined, {}, {}, layout, {}).find((a) => a.name === 'options.crossEntropyFusion');
    expect(fallback).toMatchObject({ value: 'UNFUSED', origin: 'DEFAULT' });
  });

  it('refuses an unknown fusion, naming the option, the value and the allowed ones', () => {
    const bad = { crossEntropyFusion: 'LIGER' } as unknown as PlanOptions;
    expect(() => evaluatePlan(llama, counts, cluster, layout, bad)).toThrow(InvalidInputError);
    expect(() => evaluatePlan(llama, counts, cluster, layout, bad)).toThrow(/options\.crossEntropyFusion.*LIGER.*UNFUSED.*NATIVE.*TE/);
  });
});
