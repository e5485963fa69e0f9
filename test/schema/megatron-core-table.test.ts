/**
 * Megatron-Core r0.8.0's own H100 table (NVIDIA/Megatron-LM README since commit f2e5db40, July 2024,
 * images/model_table.png): nine GPT models, vocabulary 131,072, sequence 4,096, BF16, 48 data-parallel ranks each, with
 * DP and TP overlap; published per-GPU model TFLOP/s (Megatron's num_floating_point_operations: full s×s attention, the
 * logit layer). The table gives neither the micro-batch nor the interleave, so only two rows are validation runs
 * (src/core/validation/runs.ts); the nine are asked here as a user would: planSearch pinned to the published TP / PP /
 * DP with the MEGATRON_CORE recipe, the micro-batch and interleave left to the search. What it must show: the model
 * never rules out what Megatron-Core ran — its best layout reaches every published figure within the planner's stated
 * dense accuracy (5 %) — and how optimistic it is, pinned so that a change shows (docs/validation.md "Session 12":
 * +3 … +19 % today, the small models most).
 */
import { describe, expect, it } from 'vitest';
import { post } from '../server/helpers.js';
import { useSharedTestApp } from '../server/tservers.js';

const t = useSharedTestApp();

// name, heads, hidden, layers, TP, PP, GPUs, batch (sequences), published model TFLOP/s per GPU.
const TABLE: readonly [string, number, number, number, number, number, number, number, number][] = [
  ['1.7B', 16, 2048, 24, 1, 1, 48, 192, 408.8],
  ['7.1B', 32, 4096, 30, 2, 1, 96, 192, 465.9],
  ['16B', 48, 6144, 32, 4, 1, 192, 192, 489.1],
  ['32B', 56, 7168, 48, 8, 1, 384, 192, 459.6],
  ['70B', 64, 8192, 84, 8, 2, 768, 384, 419.7],
  ['119B', 80, 10240, 92, 8, 4, 1536, 768, 420.5],
  ['177B', 96, 12288, 96, 8, 6, 2304, 1152, 432.8],
  ['314B', 128, 16384, 96, 8, 8, 3072, 1536, 474.4],
  ['462B', 144, 18432, 112, 8, 16, 6144, 3072, 459.9],
];

const SEARCH = `query($i: PlanSearchInput!) { planSearch(input: $i) { modelAccuracyFraction
  best { fits parallelism { tensorParallel pipelineParallel dataParallel microBatchSize pipelineInterleave recompute }
    performance { modelTflopsPerGpu } } } }`;
type Answer = {
  planSearch: {
    modelAccuracyFraction: number;
    best: { fits: boolean; parallelism: Record<string, number | string>; performance: { modelTflopsPerGpu: number } }[];
  };
};

describe('Megatron-Core r0.8.0\'s H100 table through planSearch pinned to its TP / PP / DP', () => {
  it.each(TABLE)('%s: the best layout fits and reaches the published figure (−5 % tolerance); optimism pinned', async (name, heads, hidden, layers, tp, pp, gpus, batch, published) => {
    const modelSpec = {
      name: `megatron-core-0.8-${name}`, layers, hiddenSize: hidden, attentionHeads: heads, kvHeads: heads, ffnHiddenSize: 4 * hidden,
      gatedMlp: false, vocabSize: 131_072, sequenceLength: 4096, tiedEmbeddings: false, positionEmbedding: 'LEARNED',
      normalization: 'LAYERNORM', linearBiases: true, dropout: true,
    };
    const i = {
      modelSpec, clusterSpec: { gpu: 'h100-sxm', gpusPerNode: 8, nodes: gpus / 8 }, globalBatchSize: batch, precision: 'BF16',
      tensorParallel: [tp], pipelineParallel: [pp], dataParallel: [48], recipe: 'MEGATRON_CORE', top: 1,
    };
    const r = await post<Answer>(t.app, { query: SEARCH, variables: { i } });
    expect(r.errors).toBeUndefined();
    const { modelAccuracyFraction, best } = r.data!.planSearch;
    expect(modelAccuracyFraction).toBe(0.04);
    const winner = best[0]!;
    expect(winner.fits).toBe(true);
    expect(winner.parallelism).toMatchObject({ tensorParallel: tp, pipelineParallel: pp, dataParallel: 48 });
    const error = winner.performance.modelTflopsPerGpu / published - 1;
    // Never below what was run (beyond the stated accuracy)…
    expect(error).toBeGreaterThanOrEqual(-modelAccuracyFraction);
    // …and at most 20 % above it: the small models read +13 … +19 %, unexplained (docs/validation.md "Session 12").
    expect(error).toBeLessThanOrEqual(0.2);
  });
});
