/**
 * The slowest pipeline rank sets the steady pace: the first (its layers + the embedding), the heaviest middle one (an
 * explicit split's), or the last (its layers + the output head), by compute and the per-layer communication.
 */
import { heaviestMiddleRankLayers, rankLayers } from '../pipeline.js';
import type { LayerCompute } from './compute.js';
import type { StepContext } from './context.js';

/** Which rank: 0 = first, 1 = a middle rank, 2 = last. */
export type RankPosition = 0 | 1 | 2;

export interface SlowestStage {
  position: RankPosition;
  firstLayers: number;
  middleLayers: number;
  lastLayers: number;
  /** Layers of the slowest rank. */
  stageLayers: number;
  /** Its compute per micro-batch (no communication). */
  computePerMicroBatch: number;
  stageFlopsPerMicroBatch: number;
  /** All ranks together, one micro-batch: every layer once, the embedding and the head (for the bubble). */
  allRanksComputePerMicroBatch: number;
}

export function slowestStage(ctx: StepContext, compute: LayerCompute, communicationPerLayer: number): SlowestStage {
  const { layout, p, layers } = ctx;
  const { layerSeconds, headSeconds, embeddingSeconds, flops } = compute;
  const firstLayers = rankLayers(layers, layout, 0);
  const lastLayers = p > 1 ? rankLayers(layers, layout, p - 1) : firstLayers;
  const middleLayers = heaviestMiddleRankLayers(layers, layout);
  const firstCompute = firstLayers * layerSeconds + embeddingSeconds + (p === 1 ? headSeconds : 0);
  const lastCompute = lastLayers * layerSeconds + headSeconds;
  const middleCompute = middleLayers * layerSeconds;
  const firstTime = firstCompute + firstLayers * communicationPerLayer;
  const lastTime = lastCompute + lastLayers * communicationPerLayer;
  const middleTime = middleCompute + middleLayers * communicationPerLayer;
  const position: RankPosition = p > 1 && lastTime > firstTime && lastTime >= middleTime ? 2 : middleTime > firstTime ? 1 : 0;
  const stageLayers = position === 2 ? lastLayers : position === 1 ? middleLayers : firstLayers;
  return {
    position,
    firstLayers,
    middleLayers,
    lastLayers,
    stageLayers,
    computePerMicroBatch: position === 2 ? lastCompute : position === 1 ? middleCompute : firstCompute,
    stageFlopsPerMicroBatch:
      stageLayers * (flops.dense + flops.expert + flops.score) + (position === 2 || p === 1 ? flops.head : 0),
    allRanksComputePerMicroBatch: layers * layerSeconds + embeddingSeconds + (p > 1 ? headSeconds : 0),
  };
}
