/**
 * Expert-parallel all-to-all: dispatch + combine forward and backward (+ the recomputed forward), MoE layers only.
 * Exposed unless the recipe overlaps it with compute (DualPipe, DeepSeek-V3 §3.2.1).
 */
import { allToAllSeconds, groupMembersPerNode } from '../communication.js';
import type { StepContext, StepTerm } from './context.js';
import { overlappedCostSeconds } from './efficiency.js';

export interface ExpertParallelLayer {
  allToAllsPerLayer: number;
  /** Bytes of one all-to-all per GPU: k routed copies of the micro-batch's tokens. */
  allToAllBytes: number;
  /** Mean over the layers (the MoE share moeShare). */
  secondsPerLayer: number;
}

export function expertParallelPerLayer(ctx: StepContext): ExpertParallelLayer {
  const { moe, e, t, k, h, tokens, elementBytes, spDivisor, moeShare, cluster, options } = ctx;
  const allToAllsPerLayer = ctx.layout.recompute === 'FULL' ? 6 : 4;
  const allToAllBytes = (tokens * k * h * elementBytes) / spDivisor;
  const secondsPerLayer =
    moe && e > 1
      ? moeShare *
        allToAllsPerLayer *
        allToAllSeconds(allToAllBytes, e, groupMembersPerNode(e, t, ctx.gpusPerNode), cluster, options)
      : 0;
  return { allToAllsPerLayer, allToAllBytes, secondsPerLayer };
}

const EXPOSED = 'Dispatch + combine all-to-alls per MoE layer (forward, backward, recomputed forward), exposed between the router and the experts.';
const OVERLAPPED =
  'All-to-all overlapped with the micro-batch’s compute (DualPipe, DeepSeek-V3 §3.2.1): only its excess and the contention share σ/(1+σ) are exposed.';

export function expertParallelTerm(
  ctx: StepContext,
  perLayer: ExpertParallelLayer,
  stageLayers: number,
  computePerMicroBatch: number,
): StepTerm & { costPerMicroBatch: number } {
  const { moe, e, m, moeShare, slowdown, options } = ctx;
  const secondsPerMicroBatch = stageLayers * perLayer.secondsPerLayer;
  // With the all-to-all overlapped only its excess over the micro-batch's compute and the contention share stay on the
  // critical path, as for TP overlap.
  const overlapped = options?.overlapExpertParallelCommunication === true;
  const costPerMicroBatch = overlapped
    ? overlappedCostSeconds(secondsPerMicroBatch, computePerMicroBatch, slowdown)
    : secondsPerMicroBatch;
  return {
    name: 'EXPERT_PARALLEL',
    seconds: m * secondsPerMicroBatch,
    exposedSeconds: m * costPerMicroBatch,
    bytes: moe && e > 1 ? m * stageLayers * moeShare * perLayer.allToAllsPerLayer * ((e - 1) / e) * perLayer.allToAllBytes : 0,
    explanation: overlapped ? OVERLAPPED : EXPOSED,
    costPerMicroBatch,
  };
}
