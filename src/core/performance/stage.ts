/**
 * The slowest pipeline rank sets the steady pace: the first (its layers + the embedding), the heaviest middle one (an
 * explicit split's), or the last (its layers + the output head), by compute plus the communication each rank leaves
 * exposed per micro-batch — after overlap, so that a rank whose all-to-all hides under its compute is not taken for the
 * slowest over one whose extra compute (a head, an MTP module) cannot hide.
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
  /** Compute per micro-batch of the first, the heaviest middle and the last rank (no communication). */
  firstCompute: number;
  middleCompute: number;
  lastCompute: number;
  /** Its compute per micro-batch (no communication). */
  computePerMicroBatch: number;
  stageFlopsPerMicroBatch: number;
  /**
   * All ranks together, one micro-batch: every layer once, the embedding and the head, each rank with the communication
   * it leaves exposed after overlap (the fill and drain pass every rank once: the bubble).
   */
  allRanksTimePerMicroBatch: number;
}

/** Σ over the ranks of compute + exposed communication for one micro-batch (middle ranks from their layer counts). */
function allRanksTime(ctx: StepContext, layerSeconds: number, exposed: ExposedCommunication, firstTime: number, lastTime: number): number {
  const { p, layers, layout } = ctx;
  if (p <= 1) return firstTime;
  let total = firstTime + lastTime;
  // EVEN splits hold at most two layer counts among the middle ranks: compute each once.
  let knownLayers = -1;
  let knownTime = 0;
  for (let i = 1; i < p - 1; i++) {
    const n = rankLayers(layers, layout, i);
    if (n !== knownLayers) {
      knownLayers = n;
      knownTime = n * layerSeconds + exposed(n, n * layerSeconds);
    }
    total += knownTime;
  }
  return total;
}

/** Communication a rank leaves on the critical path per micro-batch, given its layers and its compute (overlap window). */
export type ExposedCommunication = (layers: number, computeSeconds: number) => number;

export function slowestStage(ctx: StepContext, compute: LayerCompute, exposedCommunication: ExposedCommunication): SlowestStage {
  const { layout, p, layers } = ctx;
  const { layerSeconds, headSeconds, embeddingSeconds, multiTokenPredictionSeconds, flops } = compute;
  // Multi-token-prediction blocks live with the head (DeepSeek-V3 §3.2.3): their compute and all-to-all on that rank.
  const mtpLayers = ctx.arch.multiTokenPredictionDepth ?? 0;
  const firstLayers = rankLayers(layers, layout, 0);
  const lastLayers = p > 1 ? rankLayers(layers, layout, p - 1) : firstLayers;
  const middleLayers = heaviestMiddleRankLayers(layers, layout);
  const firstCompute = firstLayers * layerSeconds + embeddingSeconds + (p === 1 ? headSeconds + multiTokenPredictionSeconds : 0);
  const lastCompute = lastLayers * layerSeconds + headSeconds + multiTokenPredictionSeconds;
  const middleCompute = middleLayers * layerSeconds;
  const firstTime = firstCompute + exposedCommunication(firstLayers + (p === 1 ? mtpLayers : 0), firstCompute);
  const lastTime = lastCompute + exposedCommunication(lastLayers + mtpLayers, lastCompute);
  const middleTime = middleCompute + exposedCommunication(middleLayers, middleCompute);
  const allRanksTimePerMicroBatch = allRanksTime(ctx, layerSeconds, exposedCommunication, firstTime, lastTime);
  if (layout.pipelineSchedule === 'DUALPIPE' && p > 1) {
    const times = { firstLayers, middleLayers, lastLayers, firstCompute, middleCompute, lastCompute, firstTime, middleTime, lastTime };
    return { ...dualPipeSlowestRank(ctx, compute, times, mtpLayers, exposedCommunication), firstCompute, middleCompute, lastCompute, allRanksTimePerMicroBatch };
  }
  const position: RankPosition = p > 1 && lastTime > firstTime && lastTime >= middleTime ? 2 : middleTime > firstTime ? 1 : 0;
  const stageLayers = position === 2 ? lastLayers + mtpLayers : position === 1 ? middleLayers : firstLayers + (p === 1 ? mtpLayers : 0);
  return {
    position,
    firstLayers,
    middleLayers,
    lastLayers,
    stageLayers,
    computePerMicroBatch: position === 2 ? lastCompute : position === 1 ? middleCompute : firstCompute,
    stageFlopsPerMicroBatch:
      (position === 1 ? stageLayers : stageLayers - mtpLayers) * (flops.dense + flops.expert + flops.score) +
      (position === 2 || p === 1 ? flops.head + flops.multiTokenPrediction : 0),
    firstCompute,
    middleCompute,
    lastCompute,
    allRanksTimePerMicroBatch,
  };
}

interface RankTimes {
  firstLayers: number;
  middleLayers: number;
  lastLayers: number;
  firstCompute: number;
  middleCompute: number;
  lastCompute: number;
  firstTime: number;
  middleTime: number;
  lastTime: number;
}

/**
 * DualPipe (DeepSeek-V3 §3.2.1, Figure 5): rank i runs stage i for the micro-batches fed from one end and stage p − 1 − i
 * for those fed from the other, half of them each, so its pace per micro-batch is the mean of its two stages. Rank 0
 * (and p − 1) pairs the first stage, with the embedding, and the last, with the head (§3.2.3); a middle rank pairs two
 * middle stages, at most the heaviest middle one.
 */
function dualPipeSlowestRank(
  ctx: StepContext,
  compute: LayerCompute,
  r: RankTimes,
  mtpLayers: number,
  exposedCommunication: ExposedCommunication,
): Omit<SlowestStage, 'allRanksTimePerMicroBatch' | 'firstCompute' | 'middleCompute' | 'lastCompute'> {
  const { flops } = compute;
  const { p, layers, layout } = ctx;
  // The heaviest pair of middle stages i and p − 1 − i (0 < i < p/2), in mean layers per micro-batch.
  let middlePairLayers = 0;
  for (let i = 1; i < p / 2; i++) {
    middlePairLayers = Math.max(middlePairLayers, (rankLayers(layers, layout, i) + rankLayers(layers, layout, p - 1 - i)) / 2);
  }
  const middleCompute = middlePairLayers * compute.layerSeconds;
  const middleTime = middleCompute + exposedCommunication(middlePairLayers, middleCompute);
  const pairTime = (r.firstTime + r.lastTime) / 2;
  const edge = p === 2 || pairTime >= middleTime;
  const stageLayers = edge ? (r.firstLayers + r.lastLayers + mtpLayers) / 2 : middlePairLayers;
  return {
    position: edge ? 0 : 1,
    firstLayers: r.firstLayers,
    middleLayers: r.middleLayers,
    lastLayers: r.lastLayers,
    stageLayers,
    computePerMicroBatch: edge ? (r.firstCompute + r.lastCompute) / 2 : middleCompute,
    stageFlopsPerMicroBatch: edge
      ? ((r.firstLayers + r.lastLayers) * (flops.dense + flops.expert + flops.score) + flops.head + flops.multiTokenPrediction) / 2
      : stageLayers * (flops.dense + flops.expert + flops.score),
  };
}
