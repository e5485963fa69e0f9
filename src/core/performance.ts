/**
 * Step time, throughput, MFU/HFU and the run (days, GPU-hours, cost, energy).
 *
 * The step time is the sum of its terms, one module each under performance/ (each returns its seconds, its exposed
 * seconds and how it was computed; StepEstimate.terms lists them):
 * - efficiency.ts: the GEMM efficiency law per GPU generation, FP8 and element-wise factors, the overlap cost;
 * - compute.ts: a layer's GEMMs, attention scores and element-wise traffic; stage.ts: the slowest pipeline rank;
 * - tensor-parallel.ts, expert-parallel.ts, context-parallel.ts: the per-layer collectives;
 * - pipeline.ts: the bubble and the point-to-point transfers; data-parallel.ts: ZeRO/FSDP collectives;
 * - optimizer.ts: the optimizer step and offload traffic; step.ts: estimateStep, which adds them up.
 * This module re-exports their public names, so callers import from here.
 */
import { layoutGpus } from './memory.js';
import type { ClusterSpec, ModelCounts, ParallelLayout, PerformanceEstimate, RunEstimate } from './types.js';

export type { StepTerm, StepTermName } from './performance/context.js';
export {
  BLACKWELL_MOE_STEP_TIME_MODEL_ACCURACY_FRACTION,
  BLACKWELL_STEP_TIME_MODEL_ACCURACY_FRACTION,
  ELEMENTWISE_BANDWIDTH_EFFICIENCY,
  ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION,
  FP8_MATMUL_EFFICIENCY_FACTOR,
  gemmEfficiencyLawDescription,
  GENERATIONS_FITTED_ON_OWN_RUNS,
  type GpuGeneration,
  gpuGenerationOf,
  MATMUL_EFFICIENCY_BY_GENERATION,
  MATMUL_EFFICIENCY_MAX,
  MATMUL_HALF_SATURATION_DIMENSION,
  MATMUL_SHARE_OF_CEILING,
  MAX_ACHIEVABLE_MATMUL_FRACTION,
  matmulCeilingScaleOf,
  attentionCeilingScaleOf,
  attentionRateOverMeasuredGpu,
  matmulEfficiency,
  OVERLAP_COMPUTE_SLOWDOWN,
  overlappedCostSeconds,
  STEP_TIME_MODEL_ACCURACY_FRACTION,
  MOE_STEP_TIME_MODEL_ACCURACY_FRACTION,
  stepTimeModelAccuracyFractionFor,
} from './performance/efficiency.js';
export {
  CROSS_ENTROPY_BYTES_PER_LOGIT,
  FLASH_ATTENTION_HALF_RATE_KEYS_PER_QUERY,
  flashAttentionCallsPerPass,
  flashAttentionRateFraction,
} from './performance/compute.js';
export { EXPERT_HOST_SECONDS_PER_OPERATION, perExpertFp8Casts } from './performance/expert-parallel.js';
export { HOST_OPTIMIZER_BYTES_PER_SECOND, NVME_BYTES_PER_SECOND, PCIE_BYTES_PER_SECOND } from './performance/optimizer.js';
export { estimateStep, type StepEstimate } from './performance/step.js';

/**
 * A training run of `trainingTokens` at the plan's step time: steps = ⌈tokens / (global batch · s)⌉,
 * GPU-hours = GPUs · seconds / 3600, cost = GPU-hours · price, energy = GPUs · TDP · PUE · seconds (kWh).
 */
export function estimateRun(
  performance: PerformanceEstimate,
  counts: ModelCounts,
  cluster: ClusterSpec,
  layout: ParallelLayout,
  sequenceLength: number,
  trainingTokens: number,
): RunEstimate {
  const gpus = layoutGpus(layout);
  const steps = Math.ceil(trainingTokens / (layout.globalBatchSize * sequenceLength));
  const seconds = steps * performance.stepSeconds;
  const gpuHours = (gpus * seconds) / 3600;
  return {
    trainingTokens,
    steps,
    seconds,
    days: seconds / 86_400,
    gpuHours,
    costUsd: gpuHours * cluster.gpuHourUsd,
    // Energy at TDP × PUE (an upper bound on IT power: GPUs rarely sit at TDP; host power not counted).
    energyKwh: (gpus * cluster.gpu.tdpWatts * cluster.pue * seconds) / 3.6e6,
    modelFlops: counts.modelFlopsPerToken * trainingTokens,
  };
}
