/**
 * Data parallel under DualPipe (src/core/performance/data-parallel.ts): rank i holds pipeline stages i and p − 1 − i
 * (DeepSeek-V3 §3.2.1, Table 2: 2× parameters per device; memory.ts already holds both), so the gradient reduce-scatter
 * and the parameter all-gather of its step move both stages' weights: the DP term's bytes are those of the two 1F1B
 * stages together. A stage's bytes by hand: ring collectives send (n − 1)/n of their payload per pass
 * (communication.ts collectiveBytes), dense weights over the d DP ranks, routed experts over d/e. ZeRO-2 reduce-scatters
 * per micro-batch the stage that micro-batch ran (half the micro-batches each). Tolerance: 1e-9 relative.
 */
import { describe, expect, it } from 'vitest';
import { findGpu, makeCluster } from '../../../src/core/hardware.js';
import { estimateMemory, expertParametersPerLayer } from '../../../src/core/memory.js';
import { computeModelCounts, multiTokenPredictionModuleParameters } from '../../../src/core/model.js';
import { estimateStep } from '../../../src/core/performance/step.js';
import { rankLayers } from '../../../src/core/pipeline.js';
import { resolveLayout } from '../../../src/core/plan.js';
import { gradientReduceBytesOf, parameterBytesFor } from '../../../src/core/precision.js';
import { findModelPreset } from '../../../src/core/presets.js';
import { applyRecipe } from '../../../src/core/recipes.js';
import type { GpuSpec, ModelArchitecture, ParallelLayout, PlanOptions } from '../../../src/core/types.js';

const h800 = findGpu('h800') as GpuSpec;
const relative = (a: number, b: number) => Math.abs(a / b - 1);

function oneFOneB(layout: ParallelLayout): ParallelLayout {
  const { pipelineSchedule: _, ...rest } = layout;
  return rest;
}

/**
 * Dense and routed-expert weights per GPU of 1F1B stage k (t = 1): its layers, the embedding (k = 0), the final norm,
 * the head and the multi-token-prediction modules, which live with the head (k = p − 1; DeepSeek-V3 §3.2.3).
 */
function stageWeights(arch: ModelArchitecture, layout: ParallelLayout, k: number): { dense: number; expert: number } {
  const counts = computeModelCounts(arch);
  const p = layout.pipelineParallel;
  const layers = rankLayers(arch.layers, layout, k);
  const routed = expertParametersPerLayer(arch);
  const head = counts.outputHeadParameters > 0 ? counts.outputHeadParameters : arch.vocabSize * arch.hiddenSize;
  const depth = k === p - 1 ? (arch.multiTokenPredictionDepth ?? 0) : 0;
  const mtp = depth > 0 ? multiTokenPredictionModuleParameters(arch, counts) : { dense: 0, routed: 0 };
  const dense =
    layers * (counts.parametersPerLayer - routed) +
    (k === 0 ? counts.inputEmbeddingParameters : 0) +
    (k === p - 1 ? counts.finalNormParameters + head : 0) +
    depth * mtp.dense;
  return { dense, expert: (layers * routed + depth * mtp.routed) / layout.expertParallel };
}

/** Bytes one GPU sends for DP in a step for the given weights: ZeRO-1 one reduce-scatter + one all-gather; ZeRO-2 m reduce-scatters of `perMicroBatch`. */
function dpBytes(layout: ParallelLayout, w: { dense: number; expert: number }, m = 1, perMicroBatch = w): number {
  const d = layout.dataParallel;
  const ed = d / layout.expertParallel;
  const ring = (bytes: number, n: number) => (n <= 1 ? 0 : ((n - 1) / n) * bytes);
  const gb = gradientReduceBytesOf(layout);
  const pb = parameterBytesFor(layout.precision);
  return (
    m * (ring(perMicroBatch.dense * gb, d) + ring(perMicroBatch.expert * gb, ed)) + ring(w.dense * pb, d) + ring(w.expert * pb, ed)
  );
}

const sum = (a: { dense: number; expert: number }, b: { dense: number; expert: number }) => ({ dense: a.dense + b.dense, expert: a.expert + b.expert });
const dpTerm = (arch: ModelArchitecture, cluster: ReturnType<typeof makeCluster>, layout: ParallelLayout, options?: PlanOptions) =>
  estimateStep(arch, computeModelCounts(arch), cluster, layout, options).terms.find((t) => t.name === 'DATA_PARALLEL')!;

describe('DualPipe: the DP term moves the weights of both stages a rank holds', () => {
  it('DeepSeek-V3 (DEEPSEEK_V3, PP 16 split [3, 4 × 14, 2], DP 128, EP 64): rank 0 = 1F1B stages 0 and 15 together', () => {
    const v3 = findModelPreset('deepseek-v3')!;
    const cluster = makeCluster({ gpu: h800, gpusPerNode: 8, nodes: 256 });
    const published = { pipelineParallel: 16, expertParallel: 64, globalBatchSize: 15360, microBatchSize: 1, pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER' as const };
    const applied = applyRecipe('DEEPSEEK_V3', published, {});
    const dual = resolveLayout(v3, cluster, applied.layout);
    expect(dual.pipelineSchedule).toBe('DUALPIPE');
    expect(dual.zeroStage).toBe(1);
    const single = oneFOneB(dual);
    const first = stageWeights(v3, single, 0);
    const last = stageWeights(v3, single, 15);
    // 1F1B: the heaviest stage is the last (2 layers, the head and the MTP module's dense weights: 1.76B against the
    // first stage's 3 layers and embedding, 1.68B), and its DP bytes are the hand figure.
    expect(relative(dpTerm(v3, cluster, single, applied.options).bytes, dpBytes(single, last))).toBeLessThan(1e-9);
    // DualPipe: rank 0 holds stages 0 and 15 (5 layers, the embedding, the head and the MTP module: heavier than a
    // middle pair's 8 layers).
    const dualBytes = dpTerm(v3, cluster, dual, applied.options).bytes;
    expect(relative(dualBytes, dpBytes(single, first) + dpBytes(single, last))).toBeLessThan(1e-9);
    expect(relative(dualBytes, dpBytes(single, sum(first, last)))).toBeLessThan(1e-9);
  });

  it('Llama 3 8B, PP 8 EVEN, DP 2, ZeRO-1 and ZeRO-2: rank 0 = stages 0 and 7; ZeRO-2 reduce-scatters one stage per micro-batch', () => {
    const llama = findModelPreset('llama3-8b')!;
    const cluster = makeCluster({ gpu: h800, gpusPerNode: 8, nodes: 2 });
    for (const zeroStage of [1, 2] as const) {
      const single = resolveLayout(llama, cluster, { pipelineParallel: 8, globalBatchSize: 64, microBatchSize: 1, zeroStage }, 'test');
      const dual: ParallelLayout = { ...single, pipelineSchedule: 'DUALPIPE' };
      expect(single.dataParallel).toBe(2);
      const first = stageWeights(llama, single, 0);
      const last = stageWeights(llama, single, 7);
      const m = 64 / 2;
      // 1F1B: the last stage (4 layers + norm + head) is the heaviest, by its final norm.
      expect(relative(dpTerm(llama, cluster, single).bytes, zeroStage === 1 ? dpBytes(single, last) : dpBytes(single, last, m))).toBeLessThan(1e-9);
      const expected =
        zeroStage === 1
          ? dpBytes(single, first) + dpBytes(single, last)
          : // m/2 micro-batches run each stage: m/2 reduce-scatters of each, one all-gather of both.
            dpBytes(single, sum(first, last), m, { dense: (first.dense + last.dense) / 2, expert: 0 });
      expect(relative(dpTerm(llama, cluster, dual).bytes, expected)).toBeLessThan(1e-9);
    }
  });

  it('a heavier middle pair sets the bytes: Llama 3 8B split [2, 14, 14, 2] → ranks 1 and 2 hold stages 1 and 2 (28 layers)', () => {
    const llama = findModelPreset('llama3-8b')!;
    const cluster = makeCluster({ gpu: h800, gpusPerNode: 8, nodes: 2 });
    const single = resolveLayout(
      llama,
      cluster,
      { pipelineParallel: 4, pipelineStageLayers: [2, 14, 14, 2], globalBatchSize: 64, microBatchSize: 1, zeroStage: 1 },
      'test',
    );
    const dual: ParallelLayout = { ...single, pipelineSchedule: 'DUALPIPE' };
    const middle = sum(stageWeights(llama, single, 1), stageWeights(llama, single, 2));
    const edge = sum(stageWeights(llama, single, 0), stageWeights(llama, single, 3));
    expect(middle.dense).toBeGreaterThan(edge.dense);
    expect(relative(dpTerm(llama, cluster, dual).bytes, dpBytes(single, middle))).toBeLessThan(1e-9);
  });

  it('DualPipe with p = 2: each rank reduces and gathers the whole model, as a p = 1 rank does', () => {
    const llama = findModelPreset('llama3-8b')!;
    const cluster = makeCluster({ gpu: h800, gpusPerNode: 8, nodes: 2 });
    const p1 = resolveLayout(llama, cluster, { pipelineParallel: 1, globalBatchSize: 64, microBatchSize: 1, zeroStage: 1 }, 'test');
    const p2 = resolveLayout(llama, cluster, { pipelineParallel: 2, globalBatchSize: 64, microBatchSize: 1, zeroStage: 1 }, 'test');
    // Both stages = the whole model (over DP 8 at p = 1, DP 8 here too: 16 GPUs / 2 stages).
    const whole = dpBytes(p1, stageWeights(llama, p1, 0));
    const dual2: ParallelLayout = { ...p2, pipelineSchedule: 'DUALPIPE' };
    const p2Whole = dpBytes(p2, sum(stageWeights(llama, p2, 0), stageWeights(llama, p2, 1)));
    expect(relative(dpTerm(llama, cluster, dual2).bytes, p2Whole)).toBeLessThan(1e-9);
    expect(relative(dpTerm(llama, cluster, p1).bytes, whole)).toBeLessThan(1e-9);
  });
});

/**
 * ZeRO-3 with the parameters kept from forward to backward (PlanOptions.reshardAfterForward false; PyTorch FSDP2
 * `fully_shard(reshard_after_forward=False)`): one all-gather per micro-batch instead of two, and the stage's parameters
 * whole on the device, as under ZeRO-2. Llama 3 8B on 16 H100, FSDP over 16 (ZeRO-3), 8 micro-batches per step.
 */
describe('ZeRO-3 reshardAfterForward false: one gather a micro-batch, the parameters kept whole', () => {
  const llama = findModelPreset('llama3-8b') as ModelArchitecture;
  const counts = computeModelCounts(llama);
  const cluster = makeCluster({ gpu: findGpu('h100-sxm') as GpuSpec, gpusPerNode: 8, nodes: 2 });
  const layoutOf = (zeroStage: 2 | 3, offload: 'NONE' | 'PARAMETERS_CPU' = 'NONE') =>
    resolveLayout(llama, cluster, { globalBatchSize: 128, microBatchSize: 1, zeroStage, offload, recompute: 'FULL' }, 't');
  const dp = (e: ReturnType<typeof estimateStep>) => e.terms.find((t) => t.name === 'DATA_PARALLEL')!;
  const kept: PlanOptions = { reshardAfterForward: false };

  it('moves 2/3 of the bytes (AG + RS instead of 2 AG + RS, AG and RS of equal size in BF16 gradients) and says so', () => {
    const layout = { ...layoutOf(3), gradientPrecision: 'BF16' as const };
    const twice = estimateStep(llama, counts, cluster, layout);
    const once = estimateStep(llama, counts, cluster, layout, kept);
    expect(relative(dp(once).bytes, (2 / 3) * dp(twice).bytes)).toBeLessThan(1e-9);
    expect(dp(once).seconds).toBeLessThan(dp(twice).seconds);
    expect(once.performance.stepSeconds).toBeLessThanOrEqual(twice.performance.stepSeconds);
    expect(dp(once).explanation).toMatch(/reshard_after_forward=False/);
    expect(dp(twice).explanation).not.toMatch(/reshard_after_forward/);
    expect(estimateStep(llama, counts, cluster, layout, { reshardAfterForward: true }).performance).toEqual(twice.performance);
  });

  it('holds the stage\'s parameters whole (ZeRO-2\'s parameter bytes) without the gathered-layer buffer; gradients and optimizer states stay sharded', () => {
    const zero3 = evaluatePlanMemory(layoutOf(3));
    const keptGathered = evaluatePlanMemory(layoutOf(3), kept);
    const zero2 = evaluatePlanMemory(layoutOf(2));
    expect(keptGathered.parametersBytes).toBe(zero2.parametersBytes);
    expect(keptGathered.parametersBytes).toBeGreaterThan(zero3.parametersBytes);
    expect(keptGathered.gradientsBytes).toBe(zero3.gradientsBytes);
    expect(keptGathered.optimizerStatesBytes).toBe(zero3.optimizerStatesBytes);
    expect(keptGathered.temporaryBytes).toBeLessThan(zero3.temporaryBytes);
  });

  it('does nothing below ZeRO-3 or with the parameters offloaded (ZeRO-Infinity)', () => {
    for (const layout of [layoutOf(2), layoutOf(3, 'PARAMETERS_CPU')]) {
      expect(estimateStep(llama, counts, cluster, layout, kept).performance).toEqual(estimateStep(llama, counts, cluster, layout).performance);
      expect(evaluatePlanMemory(layout, kept)).toEqual(evaluatePlanMemory(layout));
    }
  });

  function evaluatePlanMemory(layout: ParallelLayout, options?: PlanOptions) {
    return estimateMemory(llama, counts, cluster, layout, options);
  }
});

/**
 * FSDP2's MixedPrecisionPolicy(reduce_dtype=float32) over BF16 parameters (ParallelLayout.gradientReducePrecision
 * FP32): the reduce-scatters carry 4 B per element, the gathers stay 2 B, and the stored gradients stay 16-bit. Llama 3
 * 8B on 16 H100, ZeRO-3 resharding after forward (2 AG + 1 RS of equal element counts per micro-batch): the DP bytes go
 * from 3 units to 2 + 2 = 4, i.e. × 4/3. Tolerance: 1e-9 relative.
 */
describe('gradientReducePrecision FP32: the reduce-scatters carry fp32, nothing else changes', () => {
  const llama = findModelPreset('llama3-8b') as ModelArchitecture;
  const counts = computeModelCounts(llama);
  const cluster = makeCluster({ gpu: findGpu('h100-sxm') as GpuSpec, gpusPerNode: 8, nodes: 2 });
  const layout = resolveLayout(llama, cluster, { globalBatchSize: 128, microBatchSize: 1, zeroStage: 3, recompute: 'FULL' }, 't');
  const fp32Reduce = resolveLayout(llama, cluster, { ...layout, gradientReducePrecision: 'FP32' }, 't');
  const dp = (e: ReturnType<typeof estimateStep>) => e.terms.find((t) => t.name === 'DATA_PARALLEL')!;

  it('× 4/3 DP bytes under ZeRO-3 (2 gathers at 2 B + 1 reduce-scatter at 4 B), the same memory', () => {
    expect(fp32Reduce.gradientReducePrecision).toBe('FP32');
    expect(gradientReduceBytesOf(layout)).toBe(2);
    expect(gradientReduceBytesOf(fp32Reduce)).toBe(4);
    const base = estimateStep(llama, counts, cluster, layout);
    const wide = estimateStep(llama, counts, cluster, fp32Reduce);
    expect(relative(dp(wide).bytes, (4 / 3) * dp(base).bytes)).toBeLessThan(1e-9);
    expect(wide.performance.stepSeconds).toBeGreaterThanOrEqual(base.performance.stepSeconds);
    expect(estimateMemory(llama, counts, cluster, fp32Reduce)).toEqual(estimateMemory(llama, counts, cluster, layout));
  });

  it('BF16 asks the stored precision explicitly (no change); FP32 training refuses a 16-bit reduce', () => {
    const bf16 = resolveLayout(llama, cluster, { ...layout, gradientReducePrecision: 'BF16' }, 't');
    expect(estimateStep(llama, counts, cluster, bf16).performance).toEqual(estimateStep(llama, counts, cluster, layout).performance);
    expect(() => resolveLayout(llama, cluster, { ...layout, precision: 'FP32', gradientReducePrecision: 'BF16' }, 't')).toThrow(/t\.gradientReducePrecision/);
  });
});

/**
 * ZeRO-3 / FSDP under the interleaved schedule: every virtual stage a micro-batch passes through on a rank is its own
 * forward and its own backward, so the first layer's all-gather and the last layer's reduce-scatter — which nothing of
 * that pass runs before or after to hide them — are exposed once per virtual stage, not once per micro-batch. Llama 2 13B
 * (40 layers) on 16 H100, PP 2 × DP 8, 8 micro-batches a step, with ideal overlap (σ = 0) so that everything else hides:
 * the exposed DP time is m × chunks × (one layer's gather + one layer's reduce), 4× as much at v = 4 as at v = 1 (the
 * rank holds the same 20 layers either way).
 */
describe('ZeRO-3 with interleaving: the first gather and last reduce of each virtual stage exposed', () => {
  const h100 = findGpu('h100-sxm') as GpuSpec;
  const llama = findModelPreset('llama2-13b') as ModelArchitecture;
  const counts = computeModelCounts(llama);
  const cluster = makeCluster({ gpu: h100, gpusPerNode: 8, nodes: 2 });
  const options: PlanOptions = { overlapComputeSlowdown: 0 };
  const dp = (v: number) => {
    const layout = resolveLayout(llama, cluster, { globalBatchSize: 64, pipelineParallel: 2, pipelineInterleave: v, zeroStage: 3 });
    return estimateStep(llama, counts, cluster, layout, options).terms.find((t) => t.name === 'DATA_PARALLEL')!;
  };
  it('exposed(v = 4) = 4 × exposed(v = 1); the DP time and bytes themselves do not change', () => {
    const one = dp(1);
    const four = dp(4);
    expect(one.exposedSeconds).toBeGreaterThan(0);
    expect(relative(four.exposedSeconds, 4 * one.exposedSeconds)).toBeLessThan(1e-9);
    expect(relative(four.seconds, one.seconds)).toBeLessThan(1e-9);
    expect(four.bytes).toBe(one.bytes);
    expect(four.explanation).toMatch(/first gather and last reduce of each pass of each virtual stage exposed/);
  });
});

/**
 * options.expertGradientReducePrecision: the routed experts' gradients reduced at their own precision (NeMo AutoModel:
 * the blocks' FSDP2 MixedPrecisionPolicy reduces in FP32, the experts' own fully_shard in BF16). DeepSeek-V3 on 2,048
 * H800, PP 16 × DP 128 with EP 64: the experts are replicated over 2 expert-data-parallel ranks, so they reduce.
 * Four combinations of the dense and the expert reduce precision: the expert option moves only the experts' bytes —
 * the same difference whatever the dense precision — and the dense one only the dense bytes.
 */
describe('options.expertGradientReducePrecision: the experts reduce at their own precision', () => {
  const v3 = findModelPreset('deepseek-v3') as ModelArchitecture;
  const counts = computeModelCounts(v3);
  const cluster = makeCluster({ gpu: h800, gpusPerNode: 8, nodes: 256 });
  const bytes = (dense: 'FP32' | 'BF16', experts?: 'FP32' | 'BF16') => {
    const layout = resolveLayout(v3, cluster, {
      globalBatchSize: 15360, pipelineParallel: 16, expertParallel: 64, microBatchSize: 1, zeroStage: 1, gradientReducePrecision: dense,
    });
    const options: PlanOptions = experts === undefined ? {} : { expertGradientReducePrecision: experts };
    return estimateStep(v3, counts, cluster, layout, options).terms.find((t) => t.name === 'DATA_PARALLEL')!.bytes;
  };
  it('FP32 blocks with BF16 experts sits between all-FP32 and all-BF16, each option moving only its own part', () => {
    const allFp32 = bytes('FP32');
    const allBf16 = bytes('BF16');
    const mixed = bytes('FP32', 'BF16');
    const inverse = bytes('BF16', 'FP32');
    expect(bytes('FP32', 'FP32')).toBe(allFp32);
    expect(bytes('BF16', 'BF16')).toBe(allBf16);
    const expertPart = allFp32 - mixed;
    expect(expertPart).toBeGreaterThan(0);
    expect(relative(inverse - allBf16, expertPart)).toBeLessThan(1e-9);
    const densePart = mixed - allBf16;
    expect(densePart).toBeGreaterThan(0);
    expect(relative(allFp32 - inverse, densePart)).toBeLessThan(1e-9);
  });
});
