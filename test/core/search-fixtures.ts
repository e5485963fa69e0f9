/** The standard case the search tests share: GPT-3 175B on 1,024 A100-80GB, 8 per node (Narayanan et al. 2021 §5.1). */
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { computeModelCounts } from '../../src/core/model.js';
import { findModelPreset } from '../../src/core/presets.js';
import type { PlanSearchOptions } from '../../src/core/search.js';
import type { GpuSpec, ModelArchitecture } from '../../src/core/types.js';

export const a100 = findGpu('a100-80gb') as GpuSpec;
export const gpt3 = findModelPreset('gpt3-175b') as ModelArchitecture;
export const gpt3Counts = computeModelCounts(gpt3);
export const cluster1024 = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: 128 });

/**
 * The standard case's layout (Narayanan et al. 2021's figures for that cluster and batch: TP 8, PP 8, DP 16, batch
 * 1,536, full recompute, no FlashAttention): what peers plan first, shared by the benchmarks and the README figures.
 */
export const STANDARD_CASE_LAYOUT = {
  tensorParallel: 8,
  pipelineParallel: 8,
  globalBatchSize: 1536,
  microBatchSize: 1,
  recompute: 'FULL',
  flashAttention: false,
} as const;

/**
 * The Megatron-LM of 2021 as a search space over GPT-3 175B's batch of 1,536: every layer recomputed (its
 * --checkpoint-activations; recompute_method block came with Megatron-Core), no sequence parallel or FlashAttention
 * (2022), no distributed optimizer (ZeRO 0), fp16, plain 1F1B, synchronous pipeline send/receive and gradients
 * all-reduced after the backward. Shared by test/core/search.test.ts, bench/search.bench.ts and the README figures.
 */
export const MEGATRON_LM_2021_SEARCH: PlanSearchOptions = {
  globalBatchSize: 1536,
  recomputeModes: ['FULL'],
  recomputeLayerFractions: [],
  sequenceParallel: [false],
  flashAttention: [false],
  zeroStages: [0],
  offloads: ['NONE'],
  precision: 'FP16',
  pipelineInterleaves: [1],
  planOptions: { overlapPipelineCommunication: false, overlapDataParallelCommunication: false },
  top: 60,
};
