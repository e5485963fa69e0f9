/**
 * The figures every term of the step time reads: the layout's degrees, the micro-batch count, the tokens one rank
 * processes per micro-batch and the peak rates, derived once per plan.
 */
import { InvalidInputError } from '../errors.js';
import { peakFlopsFor } from '../hardware.js';
import { expertTensorParallelOf, layoutGpus } from '../memory.js';
import { attentionKernelRateScale } from '../attention-kernel.js';
import { moeLayersOf } from '../model.js';
import { operatorRecomputeGemmShare } from '../operator-recompute.js';
import { recomputedLayerFraction } from '../pipeline.js';
import { expertLoadFor } from '../moe-load.js';
import { activationElementBytesFor } from '../precision.js';
import type { ClusterSpec, ModelArchitecture, ModelCounts, ParallelLayout, PlanOptions } from '../types.js';
import {
  attentionCeilingScaleOf,
  ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION,
  type GpuGeneration,
  gpuGenerationOf,
  matmulCeilingScaleOf,
  OVERLAP_COMPUTE_SLOWDOWN,
} from './efficiency.js';

export interface StepContext {
  arch: ModelArchitecture;
  counts: ModelCounts;
  cluster: ClusterSpec;
  layout: ParallelLayout;
  options: PlanOptions | undefined;
  generation: GpuGeneration;
  /** The GPU's microbenchmark ceiling over its generation's (1 but for GB200): multiplies its GEMM efficiency. */
  matmulCeilingScale: number;
  /** Its attention kernels' ceiling over its generation's GEMM ceiling (= matmulCeilingScale but for GB300): FlashAttention's rate. */
  attentionCeilingScale: number;
  /** GPUs per node. */
  gpusPerNode: number;
  /** Tensor, pipeline, data, expert and context parallel degrees; v = virtual stages per rank (1 without PP). */
  t: number;
  p: number;
  d: number;
  e: number;
  c: number;
  v: number;
  /** Tensor-parallel degree of the routed experts (expertTensorParallel: 1 or t; MoE parallel folding). */
  etp: number;
  /** Micro-batch size, sequence length, hidden size, layers. */
  b: number;
  s: number;
  h: number;
  layers: number;
  gpus: number;
  /** Micro-batches per pipeline per step: global batch / (b · d). */
  m: number;
  /** Pipeline schedules per step (gradient accumulation over separate pipeline runs; PlanOptions.pipelineFlushesPerStep). */
  flushes: number;
  /** Sequence parallel in force (t > 1), and the divisor it applies to replicated activations. */
  sp: boolean;
  spDivisor: number;
  moe: boolean;
  /** Experts per token (1 for dense models). */
  k: number;
  /** Share of the layers with an MoE block (DeepSeek's first dense layers excluded); per-layer figures are means. */
  moeShare: number;
  /** Bytes of one stored activation element, and its ratio to 16 bits. */
  elementBytes: number;
  elementScale: number;
  /** Tokens this rank processes per micro-batch: s·b/c. */
  tokens: number;
  peakMatmul: number;
  /** Peak of what FP8 recipes keep in 16-bit — the attention scores and the output head (see stepContext). */
  peakHigherPrecision: number;
  /** Achieved HBM bandwidth of element-wise kernels. */
  hbmBytesPerSecond: number;
  /** Compute slowdown beside overlapped communication. */
  slowdown: number;
  /** Compute slowdown beside the overlapped MoE all-to-all: the SM share its kernels hold, else `slowdown`. */
  expertParallelSlowdown: number;
  /** The busiest EP rank's routed tokens over the mean (1 = balanced; options.expertLoadImbalance). */
  expertLoad: number;
  /**
   * Share of the layers whose forward is recomputed in the backward (pipeline.ts recomputedLayerFraction: 1 under FULL,
   * 0 otherwise, N layers per virtual stage with recomputeLayers): per-layer figures are means over the layers.
   */
  recomputed: number;
  /**
   * What the backward runs again of a layer's forward: its GEMM FLOPs' share (the `recomputed` layers under FULL; under
   * SELECTIVE_OPERATORS the policy's matmuls, operator-recompute.ts), its element-wise operators' share, and its TP
   * collectives (FULL: both, on the recomputed layers; SELECTIVE_OPERATORS: the all-gathers — reduce-scatter outputs
   * are saved —, or both all-reduces without SP).
   */
  recomputedGemms: number;
  recomputedElementwise: number;
  recomputedCollectives: number;
  /** Context-parallel K/V exchanges per layer the backward adds for the recompute (context-parallel.ts). */
  recomputedContextCollectives: number;
}

export function stepContext(
  arch: ModelArchitecture,
  counts: ModelCounts,
  cluster: ClusterSpec,
  layout: ParallelLayout,
  options: PlanOptions | undefined,
): StepContext {
  const gpu = cluster.gpu;
  const t = layout.tensorParallel;
  const p = layout.pipelineParallel;
  const d = layout.dataParallel;
  const b = layout.microBatchSize;
  const s = arch.sequenceLength;
  // Context parallel: each rank holds s/c tokens of every sequence (Megatron-Core CP).
  const c = layout.contextParallel ?? 1;
  const sp = layout.sequenceParallel && t > 1;
  const recomputed = recomputedLayerFraction(arch.layers, layout);
  const operatorRecompute = layout.recompute === 'SELECTIVE_OPERATORS';
  const moe = arch.experts > 1;
  const m = layout.globalBatchSize / (b * d);
  const flushes = options?.pipelineFlushesPerStep ?? 1;
  if (!Number.isInteger(flushes) || flushes < 1 || (flushes > 1 && m % flushes !== 0)) {
    throw new InvalidInputError(
      'options.pipelineFlushesPerStep',
      flushes,
      `a positive integer dividing the micro-batches per step (${m})`,
    );
  }
  const elementBytes = activationElementBytesFor(layout.precision);
  const slowdown = options?.overlapComputeSlowdown ?? OVERLAP_COMPUTE_SLOWDOWN;
  const generation = gpuGenerationOf(gpu.id);
  // Peaks: GEMMs run at the training precision (FP8 in FP8 runs); attention scores and the head stay in 16-bit.
  const peakMatmul = peakFlopsFor(gpu, layout.precision);
  return {
    arch,
    counts,
    cluster,
    layout,
    options,
    generation,
    matmulCeilingScale: matmulCeilingScaleOf(gpu.id, generation),
    // The kernel's own rate (attention-kernel.ts): FlashAttention-2 under PyTorch's SDPA on Hopper.
    attentionCeilingScale: attentionCeilingScaleOf(gpu.id, generation) * attentionKernelRateScale(options?.attentionKernel, generation),
    gpusPerNode: cluster.gpusPerNode,
    t,
    p,
    d,
    e: layout.expertParallel > 0 ? layout.expertParallel : 1,
    c,
    v: p > 1 ? layout.pipelineInterleave : 1,
    etp: expertTensorParallelOf(layout),
    b,
    s,
    h: arch.hiddenSize,
    layers: arch.layers,
    gpus: layoutGpus(layout),
    m,
    flushes,
    sp,
    spDivisor: sp ? t : 1,
    moe,
    k: moe ? arch.expertsPerToken : 1,
    moeShare: moe ? moeLayersOf(arch) / arch.layers : 0,
    elementBytes,
    elementScale: elementBytes / 2,
    tokens: (s * b) / c,
    peakMatmul,
    // DeepSeek-V3 §3.3 keeps "the output head … and attention operators" in BF16; Megatron-Core's output_layer is a
    // tensor_parallel.ColumnParallelLinear, outside Transformer Engine's FP8 modules.
    peakHigherPrecision: layout.precision === 'FP8' ? gpu.peakFlopsPerSecond.BF16 : peakMatmul,
    hbmBytesPerSecond: gpu.memoryBandwidthBytesPerSecond * ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION[generation],
    slowdown,
    expertParallelSlowdown: reservedSmSlowdown(gpu.streamingMultiprocessors, options?.communicationStreamingMultiprocessors) ?? slowdown,
    expertLoad: expertLoadFor(arch, layout, options),
    recomputed,
    recomputedGemms: operatorRecompute ? operatorRecomputeGemmShare(arch) : recomputed,
    recomputedElementwise: operatorRecompute ? 1 : recomputed,
    // torchtitan's policy re-runs the TP all-gathers (reduce-scatter outputs are saved); with SP they rebuild the very
    // gathered inputs the weight gradients need, which tensor-parallel.ts otherwise charges as SP's backward re-gather:
    // counted once there. Without SP its all-reduces re-run.
    recomputedCollectives: operatorRecompute ? (sp ? 0 : 2) : 2 * recomputed,
    // CP: FULL re-runs the forward's K/V exchange; under the per-operator policy the attention output is saved but not
    // the gathered K/V (activations.ts), so an all-gather CP gathers them again for the backward; the ring passes them anyway.
    recomputedContextCollectives: operatorRecompute ? (options?.contextParallelCommunication === 'RING' ? 0 : 1) : recomputed,
  };
}

/**
 * Compute beside communication kernels that hold `reserved` of the GPU's `total` SMs runs on the other total − reserved
 * (DeepSeek-V3 §3.2.2: 20 SMs run the all-to-all, the rest compute): it takes total/(total − reserved) as long, a
 * slowdown reserved/(total − reserved). Undefined when either count is unknown.
 */
export function reservedSmSlowdown(total: number | undefined, reserved: number | undefined): number | undefined {
  if (reserved === undefined) return undefined;
  if (!Number.isInteger(reserved) || reserved < 1 || (total !== undefined && reserved >= total)) {
    throw new InvalidInputError(
      'options.communicationStreamingMultiprocessors',
      reserved,
      `a positive integer below the GPU's SM count${total === undefined ? '' : ` (${total})`}`,
    );
  }
  return total === undefined ? undefined : reserved / (total - reserved);
}

/** One term of the step time, explaining itself (the formula it used, with its source). */
export interface StepTerm {
  name: StepTermName;
  /** Its time over the whole step, before any overlap. */
  seconds: number;
  /** What it adds to the step's critical path (after overlap with compute). */
  exposedSeconds: number;
  /** Bytes one GPU sends for it over the step (communication terms; 0 otherwise). */
  bytes: number;
  /** How it was computed: the formula and the source of its rule (one constant sentence per case). */
  explanation: string;
}

export type StepTermName =
  | 'COMPUTE'
  | 'PIPELINE_BUBBLE'
  | 'TENSOR_PARALLEL'
  | 'EXPERT_PARALLEL'
  | 'EXPERT_HOST'
  | 'CONTEXT_PARALLEL'
  | 'PIPELINE_PARALLEL'
  | 'DATA_PARALLEL'
  | 'OFFLOAD'
  | 'OPTIMIZER';
