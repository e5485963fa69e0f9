/**
 * Narayanan et al. 2021 Table 1 (the Megatron-LM weak-scaling runs on A100) with their published configurations, and
 * the plan each is asked as — shared by test/core/performance.test.ts and scripts/readme-figures.ts.
 */
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { computeModelCounts } from '../../src/core/model.js';
import { evaluatePlan, resolveLayout } from '../../src/core/plan.js';
import { findModelPreset } from '../../src/core/presets.js';
import type { GpuSpec, ModelArchitecture } from '../../src/core/types.js';

const a100 = findGpu('a100-80gb') as GpuSpec;

/** One run of the weak-scaling table with its published configuration (examples/sc21/run_table_1.sh). */
export interface Sc21Row {
  preset: string;
  tensorParallel: number;
  pipelineParallel: number;
  microBatchSize: number;
  globalBatchSize: number;
  /** --num-layers-per-virtual-pipeline-stage (0 = plain 1F1B). */
  layersPerVirtualStage: number;
  /** --DDP-impl torch overlaps the gradient all-reduce with the backward; local runs it after the backward. */
  torchDdp: boolean;
  gpus: number;
  /** Achieved teraFLOP/s per GPU, Table 1 (= the README table of April 2021). */
  publishedTflops: number;
}

// Narayanan et al. 2021 Table 1 (NVIDIA/Megatron-LM README, images/cases_april2021.png) with the configurations of
// NVIDIA/Megatron-LM examples/sc21/run_table_1.sh (TP, PP, MBS, GBS, layers per virtual stage, DDP, nodes × 8).
export const SC21_TABLE_1: Sc21Row[] = [
  ['megatron-1.7b', 1, 1, 16, 512, 0, true, 32, 137],
  ['megatron-3.6b', 2, 1, 16, 512, 0, true, 64, 138],
  ['megatron-7.5b', 4, 1, 16, 512, 0, true, 128, 142],
  ['megatron-18.4b', 8, 1, 8, 1024, 0, true, 256, 135],
  ['megatron-39.1b', 8, 2, 4, 1536, 0, false, 512, 138],
  ['megatron-76.1b', 8, 4, 2, 1792, 5, false, 1024, 140],
  ['megatron-145.6b', 8, 8, 2, 2304, 5, false, 1536, 148],
  ['megatron-310.1b', 8, 16, 1, 2160, 3, false, 1920, 155],
  ['megatron-529.6b', 8, 35, 1, 2520, 1, false, 2520, 163],
  ['megatron-1t', 8, 64, 1, 3072, 0, false, 3072, 163],
].map(([preset, tensorParallel, pipelineParallel, microBatchSize, globalBatchSize, layersPerVirtualStage, torchDdp, gpus, publishedTflops]) => ({
  preset, tensorParallel, pipelineParallel, microBatchSize, globalBatchSize, layersPerVirtualStage, torchDdp, gpus, publishedTflops,
}) as Sc21Row);

export function sc21Run(row: Sc21Row, trainingTokens?: number) {
  const arch = findModelPreset(row.preset) as ModelArchitecture;
  const cluster = makeCluster({ gpu: a100, gpusPerNode: 8, nodes: row.gpus / 8 });
  const layersPerStage = arch.layers / row.pipelineParallel;
  const layout = resolveLayout(arch, cluster, {
    tensorParallel: row.tensorParallel,
    pipelineParallel: row.pipelineParallel,
    pipelineInterleave: row.layersPerVirtualStage > 0 ? layersPerStage / row.layersPerVirtualStage : 1,
    microBatchSize: row.microBatchSize,
    globalBatchSize: row.globalBatchSize,
    recompute: 'FULL',
    flashAttention: false,
    precision: 'FP16',
  });
  const options = {
    overlapPipelineCommunication: false,
    overlapDataParallelCommunication: row.torchDdp,
    ...(trainingTokens ? { trainingTokens } : {}),
  };
  return { arch, estimate: evaluatePlan(arch, computeModelCounts(arch), cluster, layout, options) };
}
