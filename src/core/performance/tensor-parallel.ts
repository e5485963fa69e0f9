/**
 * Tensor-parallel collectives: 2 all-reduces per layer forward, 2 backward, +2 when the forward is recomputed
 * (Shoeybi et al. 2019 §3; with sequence parallel: reduce-scatter + all-gather, same bytes, Korthikanti §4.2.2).
 * Exposed (they sit between dependent GEMMs) unless the recipe overlaps them.
 */
import { collectiveBytes, collectiveSeconds, groupMembersPerNode } from '../communication.js';
import type { StepContext, StepTerm } from './context.js';
import { overlappedCostSeconds } from './efficiency.js';

/** Per-layer TP collectives of one micro-batch: their count, the full message and the seconds, before overlap. */
export interface TensorParallelLayer {
  collectivesPerLayer: number;
  messageBytes: number;
  secondsPerLayer: number;
}

export function tensorParallelPerLayer(ctx: StepContext): TensorParallelLayer {
  const { t, tokens, h, elementBytes, sp, cluster, options } = ctx;
  // Sequence parallel re-gathers, in the backward, the sequence-sharded inputs of the two column-parallel GEMMs (QKV,
  // fc1) for their weight gradients — the forward kept only the 1/t shard (Korthikanti et al. 2022 §4.2.2, Fig. 5:
  // ḡ's backward; Megatron-LM LinearWithGradAccumulationAndAsyncCommunication all-gathers its input again): two
  // all-gathers = one all-reduce's bytes more per layer.
  // A recomputed forward runs its two collectives again (on the recomputed share of the layers; torchtitan's
  // per-operator policy only the all-gathers: context.ts recomputedCollectives).
  const collectivesPerLayer = 4 + ctx.recomputedCollectives + (sp ? 1 : 0);
  const messageBytes = tokens * h * elementBytes;
  // TP ranks are adjacent (stride 1); a group straddling two nodes runs its collectives partly over the network.
  const perNode = groupMembersPerNode(t, 1, ctx.gpusPerNode);
  return {
    collectivesPerLayer,
    messageBytes,
    secondsPerLayer: collectivesPerLayer * collectiveSeconds(messageBytes, t, perNode, 2, cluster, options),
  };
}

const EXPOSED = 'TP collectives per layer × layers of the slowest stage × micro-batches, all exposed (Shoeybi et al. 2019 §3).';
const OVERLAPPED =
  'TP all-gather/reduce-scatter pipelined with their GEMMs (Megatron-Core tp_comm_overlap, needs SP): only the excess over the micro-batch compute and the contention share σ/(1+σ) are exposed.';
const ASYNC_BACKWARD =
  'TP collectives exposed except the column-parallel GEMMs’ backward pair, which runs under the weight/input-gradient GEMMs (Megatron-LM async_tensor_model_parallel_allreduce).';

/** Whether TP is overlapped with its GEMMs, or only the column-parallel backward pair runs asynchronously. */
function tensorParallelMode(ctx: StepContext): { overlapped: boolean; asyncBackward: boolean } {
  const { t, sp, options } = ctx;
  // TP overlap (Transformer Engine userbuffers, Megatron-Core `tp_comm_overlap`: all-gather/reduce-scatter pipelined with
  // the GEMMs they feed) needs sequence parallel (Megatron-Bridge gates it on SP); then only the excess over the
  // micro-batch's compute and the contention share are on the critical path.
  const overlapped = sp && (options?.overlapTensorParallelCommunication ?? false);
  // Asynchronous backward TP (Megatron-LM since 2022, `async_tensor_model_parallel_allreduce`; Megatron-Core
  // LinearWithGradAccumulationAndAsyncCommunication.backward): the column-parallel GEMMs' (QKV, fc1) input-gradient
  // all-reduce (with SP: reduce-scatter) runs under their weight-gradient GEMM and SP's re-gather under their
  // input-gradient GEMM — two all-reduces' worth per layer, each behind its GEMMs: ≈ half the backward's matmul time.
  const asyncBackward = !overlapped && t > 1 && (options?.overlapTensorParallelBackward ?? false);
  return { overlapped, asyncBackward };
}

/** TP seconds a rank of `stageLayers` layers leaves on the critical path per micro-batch beside its compute. */
export function tensorParallelCostPerMicroBatch(
  ctx: StepContext,
  perLayer: TensorParallelLayer,
  stageLayers: number,
  computePerMicroBatch: number,
  matmulPasses: number,
): number {
  const secondsPerMicroBatch = stageLayers * perLayer.secondsPerLayer;
  if (secondsPerMicroBatch === 0) return 0;
  const { overlapped, asyncBackward } = tensorParallelMode(ctx);
  if (overlapped) return overlappedCostSeconds(secondsPerMicroBatch, computePerMicroBatch, ctx.slowdown);
  if (!asyncBackward) return secondsPerMicroBatch;
  const asyncBackwardSeconds = (2 / perLayer.collectivesPerLayer) * secondsPerMicroBatch;
  const recomputePasses = ctx.recomputedGemms;
  const backwardMatmulWindow = (computePerMicroBatch * (matmulPasses - 1 - recomputePasses)) / matmulPasses / 2;
  return secondsPerMicroBatch - asyncBackwardSeconds + overlappedCostSeconds(asyncBackwardSeconds, backwardMatmulWindow, ctx.slowdown);
}

/** The TP term over the step on the slowest stage. */
export function tensorParallelTerm(
  ctx: StepContext,
  perLayer: TensorParallelLayer,
  stageLayers: number,
  computePerMicroBatch: number,
  matmulPasses: number,
): StepTerm & { costPerMicroBatch: number } {
  const { t, m } = ctx;
  const secondsPerMicroBatch = stageLayers * perLayer.secondsPerLayer;
  const { overlapped, asyncBackward } = tensorParallelMode(ctx);
  const costPerMicroBatch = tensorParallelCostPerMicroBatch(ctx, perLayer, stageLayers, computePerMicroBatch, matmulPasses);
  return {
    name: 'TENSOR_PARALLEL',
    seconds: m * secondsPerMicroBatch,
    exposedSeconds: m * costPerMicroBatch,
    bytes: m * stageLayers * perLayer.collectivesPerLayer * collectiveBytes(perLayer.messageBytes, t, 2),
    explanation: overlapped ? OVERLAPPED : asyncBackward ? ASYNC_BACKWARD : EXPOSED,
    costPerMicroBatch,
  };
}
