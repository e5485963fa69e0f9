/**
 * Context parallel, two ways to move K and V (PlanOptions.contextParallelCommunication):
 * - ALL_GATHER (Llama 3 paper §3.3.2): before attention each rank all-gathers the K and V of the whole sequence from
 *   the c − 1 others; the backward reduce-scatters their gradients; a recomputed forward gathers again. Exposed, like
 *   the TP collectives (they sit between dependent kernels); small with GQA.
 * - RING (Megatron-Core's default, cp_comm_type "p2p": transformer/dot_product_attention context_parallel
 *   AttnFuncWithCPAndKVP2P): the K/V chunks travel the ring in c − 1 point-to-point steps — the same bytes as the
 *   gather — each under the attention of the chunk already held; the backward passes K/V again with their gradients
 *   (two transfers), a recomputed forward one more. Only what the layer's attention cannot hide counts, plus the
 *   contention share (efficiency.ts overlappedCostSeconds).
 */
import { overlappedCostSeconds } from './efficiency.js';
import { collectiveBytes, collectiveSeconds, groupMembersPerNode } from '../communication.js';
import { headDimOf, kvHeadsPerRank } from '../model.js';
import type { StepContext, StepTerm } from './context.js';

export interface ContextParallelLayer {
  collectivesPerLayer: number;
  kvBytes: number;
  /** Seconds per layer and micro-batch on the critical path (after the ring's overlap with attention). */
  secondsPerLayer: number;
  /** The transfers' own seconds per layer and micro-batch, before any overlap. */
  transferSecondsPerLayer: number;
  ring: boolean;
}

/** `attentionSecondsPerLayer`: the layer's attention (compute.ts LayerCompute.attentionSeconds), the ring's window. */
export function contextParallelPerLayer(ctx: StepContext, attentionSecondsPerLayer: number): ContextParallelLayer {
  const { arch, t, c, s, b, elementBytes, cluster, options } = ctx;
  const kvHiddenPerRank = headDimOf(arch) * kvHeadsPerRank(arch.kvHeads, t);
  const kvBytes = 2 * s * b * kvHiddenPerRank * elementBytes;
  const ring = options?.contextParallelCommunication === 'RING';
  // All-gather: gather forward, reduce-scatter backward. Ring: K/V forward, K/V and their gradients backward. A
  // recomputed forward moves its K and V again (on the recomputed share of the layers; context.ts recomputedContextCollectives).
  const collectivesPerLayer = (ring ? 3 : 2) + ctx.recomputedContextCollectives;
  const transferSecondsPerLayer =
    c > 1 ? collectivesPerLayer * collectiveSeconds(kvBytes, c, groupMembersPerNode(c, t, ctx.gpusPerNode), 1, cluster, options) : 0;
  const secondsPerLayer = ring && c > 1 ? overlappedCostSeconds(transferSecondsPerLayer, attentionSecondsPerLayer, ctx.slowdown) : transferSecondsPerLayer;
  return { collectivesPerLayer, kvBytes, secondsPerLayer, transferSecondsPerLayer, ring };
}

const EXPLANATION = 'K/V all-gather forward, reduce-scatter backward (+ a recomputed gather) per layer, exposed (Llama 3 §3.3.2).';
const RING_EXPLANATION =
  'K/V around the CP ring in c − 1 point-to-point steps forward, K/V and their gradients backward (+ a recomputed forward), each step under the attention of the chunk held; only the excess over the layer\'s attention and the contention share count (Megatron-Core cp_comm_type "p2p").';

export function contextParallelTerm(ctx: StepContext, perLayer: ContextParallelLayer, stageLayers: number): StepTerm & { costPerMicroBatch: number } {
  const { c, m } = ctx;
  const costPerMicroBatch = stageLayers * perLayer.secondsPerLayer;
  return {
    name: 'CONTEXT_PARALLEL',
    seconds: m * stageLayers * perLayer.transferSecondsPerLayer,
    exposedSeconds: m * costPerMicroBatch,
    bytes: c > 1 ? m * stageLayers * perLayer.collectivesPerLayer * collectiveBytes(perLayer.kvBytes, c, 1) : 0,
    explanation: perLayer.ring ? RING_EXPLANATION : EXPLANATION,
    costPerMicroBatch,
  };
}
