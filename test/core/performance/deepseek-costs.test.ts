/**
 * DeepSeek-V3's documented step-time costs (DeepSeek-AI 2024, arXiv 2412.19437), each checked against the report's own
 * statement: 20 of the H800's 132 SMs run the all-to-all (§3.2.2, §3.5.1), DualPipe's bubble (§3.2.1, Table 2), the
 * cheap recompute of RMSNorm and the MLA up-projections (§3.2.3), the multi-token-prediction module (§2.2; Hugging Face
 * model card: "671B of the Main Model weights and 14B of the Multi-Token Prediction (MTP) Module weights").
 */
import { describe, expect, it } from 'vitest';
import { activationBytesPerLayer } from '../../../src/core/activations.js';
import { findGpu, makeCluster } from '../../../src/core/hardware.js';
import { estimateMemory, memoryByPipelineStage } from '../../../src/core/memory.js';
import { computeModelCounts, multiTokenPredictionModuleParameters } from '../../../src/core/model.js';
import { layerCompute, layerFlops, latentUpProjectionWeights } from '../../../src/core/performance/compute.js';
import { reservedSmSlowdown, stepContext } from '../../../src/core/performance/context.js';
import { expertParallelPerLayer, reservedSmOverlapCostSeconds } from '../../../src/core/performance/expert-parallel.js';
import { estimateStep, rankMicroBatchSeconds } from '../../../src/core/performance/step.js';
import { resolveLayout } from '../../../src/core/plan.js';
import { findModelPreset } from '../../../src/core/presets.js';
import { applyRecipe } from '../../../src/core/recipes.js';
import type { GpuSpec, ModelArchitecture, ParallelLayout } from '../../../src/core/types.js';
import { fieldOf } from '../field-of.js';

const h800 = findGpu('h800') as GpuSpec;
const v3 = findModelPreset('deepseek-v3') as ModelArchitecture;
const cluster = makeCluster({ gpu: h800, gpusPerNode: 8, nodes: 256 });
const published = { pipelineParallel: 16, expertParallel: 64, globalBatchSize: 15360, microBatchSize: 1, pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER' as const };
const applied = applyRecipe('DEEPSEEK_V3', published, {});
const layout = resolveLayout(v3, cluster, applied.layout);
const counts = computeModelCounts(v3);
const term = (l: ParallelLayout, options = applied.options, arch = v3) =>
  Object.fromEntries(estimateStep(arch, computeModelCounts(arch), cluster, l, options).terms.map((t) => [t.name, t]));

describe('SMs reserved for the all-to-all (DeepSeek-V3 §3.2.2: 20 SMs, 10 channels; §3.5.1: "20 out of the 132 SMs")', () => {
  it('the H800 has 132 SMs, the H100 SXM5 too, the A100 108 (NVIDIA whitepapers)', () => {
    expect(h800.streamingMultiprocessors).toBe(132);
    expect(findGpu('h100-sxm')!.streamingMultiprocessors).toBe(132);
    expect(findGpu('a100-80gb')!.streamingMultiprocessors).toBe(108);
  });

  it('the recipe sets 20 SMs and the node-deduplicated dispatch; compute beside the all-to-all runs on 112 SMs', () => {
    expect(applied.options.communicationStreamingMultiprocessors).toBe(20);
    expect(applied.options.expertDispatch).toBe('NODE_DEDUPLICATED');
    expect(reservedSmSlowdown(132, 20)).toBeCloseTo(20 / 112, 12);
    // The all-to-all (≈ 8.5 s a step) is shorter than the compute beside it, and DualPipe pairs every compute part with
    // a communication part (Figure 4): the 20 SMs are held for the whole window, so the compute takes 132/112 as long —
    // exposed = compute × 20/112 exactly, not the all-to-all's time × 20/132 (its transfers alone).
    const ep = term(layout).EXPERT_PARALLEL!;
    const compute = term(layout).COMPUTE!;
    expect(ep.seconds).toBeLessThan(compute.seconds);
    expect(ep.exposedSeconds / compute.seconds).toBeCloseTo(20 / 112, 12);
    expect(ep.explanation).toMatch(/20 of 132/);
  });

  it('a count of SMs that is not a positive integer below the GPU\'s is refused, naming the option', () => {
    expect(fieldOf(() => estimateStep(v3, counts, cluster, layout, { ...applied.options, communicationStreamingMultiprocessors: 132 }))).toBe(
      'options.communicationStreamingMultiprocessors',
    );
    expect(fieldOf(() => estimateStep(v3, counts, cluster, layout, { ...applied.options, communicationStreamingMultiprocessors: 0 }))).toBe(
      'options.communicationStreamingMultiprocessors',
    );
  });
});

describe('DualPipe in the step time (§3.2.1, Table 2)', () => {
  // A dense model without per-layer communication (TP 1, no EP) on 8 stages of 4 layers: the stage time per
  // micro-batch is its compute c, so F&B = c, B = 2c/3, W = c/3 (three GEMM passes) and the bubble is
  // (PP/2 − 1)·(F&B + B − 3W) = 3 · 2c/3.
  const llama = findModelPreset('llama3-8b') as ModelArchitecture;
  const node = makeCluster({ gpu: h800, gpusPerNode: 8, nodes: 2 });
  const base = resolveLayout(llama, node, { pipelineParallel: 8, globalBatchSize: 64, microBatchSize: 1 });
  const dual = { ...base, pipelineSchedule: 'DUALPIPE' as const };

  it('bubble = (PP/2 − 1)(F&B + B − 3W) with the stage time and the GEMM passes', () => {
    const terms = term(dual, {}, llama);
    const m = 64 / base.dataParallel;
    const c = terms.COMPUTE!.seconds / m;
    expect(terms.PIPELINE_BUBBLE!.seconds).toBeCloseTo((8 / 2 - 1) * (c + (2 * c) / 3 - 3 * (c / 3)), 9);
    expect(terms.PIPELINE_BUBBLE!.explanation).toMatch(/Table 2/);
  });

  it('less than 1F1B\'s (PP − 1)(F + B): 7·c against 3·2c/3 (3.5×) for equal stages; 2.7× here, where 1F1B\'s fill and drain pass the lighter ranks', () => {
    const ratio = term(base, {}, llama).PIPELINE_BUBBLE!.seconds / term(dual, {}, llama).PIPELINE_BUBBLE!.seconds;
    expect(ratio).toBeGreaterThan(2.5);
    expect(ratio).toBeLessThan(3.5);
  });

  it('rank i runs stages i and PP − 1 − i, half the micro-batches each: DeepSeek-V3\'s rank 0 (3 + 2 layers, the embedding, the BF16 head and the MTP module) paces the step, slower than a middle rank (4 + 4)', () => {
    const ctx = stepContext(v3, counts, cluster, layout, applied.options);
    const c = layerCompute(ctx);
    const perMicroBatch = term(layout).COMPUTE!.seconds / ctx.m;
    // Stage 0: 3 layers + the embedding; stage 15: 2 layers + the head + the MTP module (§3.2.3); the mean of the two.
    const edge = (3 * c.layerSeconds + c.embeddingSeconds + 2 * c.layerSeconds + c.headSeconds + c.multiTokenPredictionSeconds) / 2;
    expect(perMicroBatch).toBeCloseTo(edge, 12);
    // Its extra compute cannot hide under an all-to-all the way a middle rank's all-to-all hides under its layers.
    expect(perMicroBatch).toBeGreaterThan(4 * c.layerSeconds);
  });
});

describe('cheap recompute (§3.2.3: RMSNorm and MLA up-projections recomputed in the backward; §3.3.3: SwiGLU output)', () => {
  it('the up-projections re-run once: 2 FLOPs × (1,536·128·192 + 512·128·(128 + 128)) = 2 × 54,525,952 per token and layer', () => {
    expect(latentUpProjectionWeights(v3)).toBe(1536 * 128 * 192 + 512 * 128 * 256);
    const on = layerFlops(stepContext(v3, counts, cluster, layout, applied.options));
    const off = layerFlops(stepContext(v3, counts, cluster, { ...layout, cheapRecompute: undefined }, applied.options));
    expect(on.dense - off.dense).toBe(4096 * 2 * 54_525_952);
  });

  it('it costs step time; FULL recompute re-runs those anyway, so nothing more there', () => {
    expect(term(layout).COMPUTE!.seconds).toBeGreaterThan(term({ ...layout, cheapRecompute: undefined }).COMPUTE!.seconds);
    const full = { ...layout, recompute: 'FULL' as const };
    expect(term(full).COMPUTE!.seconds).toBe(term({ ...full, cheapRecompute: undefined }).COMPUTE!.seconds);
  });
});

describe('the multi-token-prediction module (§2.2, D = 1 in §4.2)', () => {
  it('its weights with the embedding and head the checkpoint stores for it ≈ the model card\'s 14B (within 5 %)', () => {
    const mtp = multiTokenPredictionModuleParameters(v3, counts);
    const stored = mtp.dense + mtp.routed + counts.inputEmbeddingParameters + counts.outputHeadParameters;
    expect(Math.abs(stored / 14e9 - 1)).toBeLessThanOrEqual(0.05);
    // The parameter count stays the main model's: "671B total" (§1).
    expect(Math.abs(counts.totalParameters / 671e9 - 1)).toBeLessThan(0.01);
  });

  it('its compute per depth: one more layer, the 2h → h projection, the shared head and embedding once more', () => {
    const ctx = stepContext(v3, counts, cluster, layout, applied.options);
    const one = layerCompute(ctx);
    const two = layerCompute({ ...ctx, arch: { ...v3, multiTokenPredictionDepth: 2 } });
    expect(one.multiTokenPredictionSeconds).toBeGreaterThan(one.layerSeconds + one.headSeconds + one.embeddingSeconds);
    expect(two.multiTokenPredictionSeconds).toBeCloseTo(2 * one.multiTokenPredictionSeconds, 12);
  });

  it('with the EVEN split (rank 0: 4 + 3 layers with the embedding, the head and the module) rank 0 sets the pace', () => {
    const even = resolveLayout(v3, cluster, { ...applied.layout, pipelineLayerSplit: undefined });
    const noMtp = { ...v3, multiTokenPredictionDepth: 0 };
    expect(term(even).COMPUTE!.seconds).toBeGreaterThan(1.2 * term(even, applied.options, noMtp).COMPUTE!.seconds);
  });
});

describe('the output head in 16-bit under FP8 (DeepSeek-V3 §3.3: "the embedding module, the output head … maintain the original precision")', () => {
  it('an FP8 plan runs the head exactly as fast as the same plan in BF16, while its layers run faster', () => {
    const fp8 = layerCompute(stepContext(v3, counts, cluster, layout, applied.options));
    const bf16 = layerCompute(stepContext(v3, counts, cluster, { ...layout, precision: 'BF16' }, applied.options));
    expect(fp8.headSeconds).toBe(bf16.headSeconds);
    expect(fp8.layerSeconds).toBeLessThan(bf16.layerSeconds);
  });
});

/**
 * DeepSeek's published training profile (deepseek-ai/profile-data, train.json; one forward/backward chunk pair of 4 MoE
 * layers, EP 64): the all-to-all kernels are resident 114.5 of the pair's 129.0 ms while their transfers take 80.4 ms.
 * The 20 SMs are a partition held for the whole window (Figure 4 pairs every compute part with a communication part).
 */
describe('SMs held for the whole DualPipe window', () => {
  it('cost = max(c − w, w·σ): the compute stretched onto the other SMs, or the transfers\' excess', () => {
    const sigma = 20 / 112;
    expect(reservedSmOverlapCostSeconds(0.075, 0.106, sigma)).toBeCloseTo(0.106 * sigma, 15);
    expect(reservedSmOverlapCostSeconds(0.3, 0.106, sigma)).toBeCloseTo(0.3 - 0.106, 15);
    expect(reservedSmOverlapCostSeconds(0, 0.106, sigma)).toBe(0);
  });

  it('a rank of 4 MoE layers takes its compute × 132/112 per micro-batch (the all-to-all is shorter than that)', () => {
    const moeOnly = { ...v3, denseLayers: 0, multiTokenPredictionDepth: 0 };
    const moeCounts = computeModelCounts(moeOnly);
    const l = resolveLayout(moeOnly, cluster, { ...applied.layout, pipelineLayerSplit: undefined });
    const c = layerCompute(stepContext(moeOnly, moeCounts, cluster, l, applied.options));
    expect(rankMicroBatchSeconds(moeOnly, moeCounts, cluster, l, applied.options, 4)).toBeCloseTo((4 * c.layerSeconds * 132) / 112, 12);
  });
});

/**
 * options.expertLoadImbalance: the busiest EP rank receives f × the mean routed tokens, and the all-to-all and the
 * expert GEMMs wait for it. Default 1 (balanced, as the published profile simulates).
 */
describe('expert load imbalance', () => {
  const ctxOf = (f?: number) => stepContext(v3, counts, cluster, layout, { ...applied.options, expertLoadImbalance: f });
  it('the all-to-all of a layer takes exactly f × the balanced time; the bytes (the mean) do not move', () => {
    const balanced = expertParallelPerLayer(ctxOf());
    const skewed = expertParallelPerLayer(ctxOf(1.3));
    expect(skewed.secondsPerLayer / balanced.secondsPerLayer).toBeCloseTo(1.3, 12);
    expect(skewed.sentBytes).toBe(balanced.sentBytes);
  });
  it('the expert GEMMs take ≈ f × as long (a little less: the busiest rank\'s bigger GEMMs run slightly more efficiently); FLOPs unchanged', () => {
    const balanced = layerCompute(ctxOf());
    const skewed = layerCompute(ctxOf(1.3));
    expect(skewed.flops.expert).toBe(balanced.flops.expert);
    const extra = skewed.layerSeconds - balanced.layerSeconds;
    // Balanced expert GEMM time per layer (FP8, the recipe's) is the upper bound of f − 1 of it.
    const ctx = ctxOf();
    const expertSeconds = balanced.flops.expert / (ctx.peakMatmul * 0.3);
    expect(extra).toBeGreaterThan(0);
    expect(extra).toBeLessThan(0.3 * expertSeconds);
  });
  it('dense models and EP 1 are untouched; values outside 1–16 are refused naming the option', () => {
    const llama = findModelPreset('llama3-8b') as ModelArchitecture;
    const node = makeCluster({ gpu: h800, gpusPerNode: 8, nodes: 1 });
    const l = resolveLayout(llama, node, { globalBatchSize: 64 });
    const c = computeModelCounts(llama);
    expect(estimateStep(llama, c, node, l, { expertLoadImbalance: 2 }).performance.stepSeconds).toBe(estimateStep(llama, c, node, l).performance.stepSeconds);
    expect(fieldOf(() => estimateStep(v3, counts, cluster, layout, { ...applied.options, expertLoadImbalance: 0.9 }))).toBe('options.expertLoadImbalance');
    expect(fieldOf(() => estimateStep(v3, counts, cluster, layout, { ...applied.options, expertLoadImbalance: Number.NaN }))).toBe('options.expertLoadImbalance');
  });
  it('a step of DeepSeek-V3 on 2,048 H800 slows as the busiest rank\'s load grows', () => {
    const step = (f: number) => estimateStep(v3, counts, cluster, layout, { ...applied.options, expertLoadImbalance: f }).performance.stepSeconds;
    expect(step(1.2)).toBeGreaterThan(step(1));
    expect(step(1.5)).toBeGreaterThan(step(1.2));
  });
});

describe('expert load imbalance in memory: the busiest EP rank stores its extra routed tokens\' expert activations', () => {
  it('f = 1.25 on DeepSeek-V3 (k = 8): a layer stores exactly what k = 10 balanced would; dense layers and EP 1 do not move', () => {
    const moeOnly = { ...v3, denseLayers: 0 };
    expect(activationBytesPerLayer(moeOnly, layout, 'NONE', 1.25)).toBe(activationBytesPerLayer({ ...moeOnly, expertsPerToken: 10 }, layout, 'NONE'));
    const llama = findModelPreset('llama3-8b') as ModelArchitecture;
    const node = makeCluster({ gpu: h800, gpusPerNode: 8, nodes: 1 });
    const l = resolveLayout(llama, node, { globalBatchSize: 64 });
    const c = computeModelCounts(llama);
    expect(estimateMemory(llama, c, node, l, { expertLoadImbalance: 2 }).totalBytes).toBe(estimateMemory(llama, c, node, l).totalBytes);
  });
  it('DeepSeek-V3 on 2,048 H800: the most-loaded GPU grows with f, in estimateMemory and per stage alike', () => {
    const at = (f: number) => estimateMemory(v3, counts, cluster, layout, { ...applied.options, expertLoadImbalance: f });
    expect(at(1.2).totalBytes).toBeGreaterThan(at(1).totalBytes);
    expect(at(1.2).totalBytes).toBe(
      Math.max(...memoryByPipelineStage(v3, counts, cluster, layout, { ...applied.options, expertLoadImbalance: 1.2 }).map((s) => s.totalBytes)),
    );
  });
});
