/**
 * Context parallel (Llama 3 paper §3.3.2, all-gather CP): before attention each rank all-gathers the K and V of the
 * whole sequence from the c − 1 others; the backward reduce-scatters their gradients; a recomputed forward gathers
 * again. Exposed, like the TP collectives (they sit between dependent kernels); small with GQA.
 */
import { collectiveBytes, collectiveSeconds, groupMembersPerNode } from '../communication.js';
import { headDimOf, kvHeadsPerRank } from '../model.js';
import type { StepContext, StepTerm } from './context.js';

export interface ContextParallelLayer {
  collectivesPerLayer: number;
  kvBytes: number;
  secondsPerLayer: number;
}

export function contextParallelPerLayer(ctx: StepContext): ContextParallelLayer {
  const { arch, t, c, s, b, elementBytes, cluster, options } = ctx;
  const kvHiddenPerRank = headDimOf(arch) * kvHeadsPerRank(arch.kvHeads, t);
  const kvBytes = 2 * s * b * kvHiddenPerRank * elementBytes;
  // A recomputed forward gathers its K and V again (on the recomputed share of the layers).
  const collectivesPerLayer = 2 + ctx.recomputed;
  const secondsPerLayer =
    c > 1
      ? collectivesPerLayer * collectiveSeconds(kvBytes, c, groupMembersPerNode(c, t, ctx.gpusPerNode), 1, cluster, options)
      : 0;
  return { collectivesPerLayer, kvBytes, secondsPerLayer };
}

const EXPLANATION = 'K/V all-gather forward, reduce-scatter backward (+ a recomputed gather) per layer, exposed (Llama 3 §3.3.2).';

export function contextParallelTerm(ctx: StepContext, perLayer: ContextParallelLayer, stageLayers: number): StepTerm & { costPerMicroBatch: number } {
  const { c, m } = ctx;
  const costPerMicroBatch = stageLayers * perLayer.secondsPerLayer;
  return {
    name: 'CONTEXT_PARALLEL',
    seconds: m * costPerMicroBatch,
    exposedSeconds: m * costPerMicroBatch,
    bytes: c > 1 ? m * stageLayers * perLayer.collectivesPerLayer * collectiveBytes(perLayer.kvBytes, c, 1) : 0,
    explanation: EXPLANATION,
    costPerMicroBatch,
  };
}
