/**
 * How a pipeline splits the transformer layers: per virtual stage layer counts, the layers each GPU (rank) holds, and
 * the layer × micro-batch activation sets a rank keeps alive at the peak of a step.
 *
 * Vocabulary. p pipeline ranks, v virtual stages (model chunks) per rank, n = p·v virtual stages in model order;
 * virtual stage j runs on rank j mod p (Megatron-LM's interleaved schedule, Narayanan et al. 2021 §2.2.2). The input
 * embedding sits on virtual stage 0 (rank 0), the final norm and the output head on virtual stage n − 1 (rank p − 1).
 *
 * Splits (`PipelineLayerSplit`):
 * - EVEN: ⌊L/n⌋ layers per virtual stage, the first L mod n take one more (Megatron-LM's order; the planner's
 *   default, and every earlier figure). Every virtual stage holds ≥ 1 layer: n ≤ L.
 * - FIRST_LAST_ONE_FEWER: Llama 3's balanced pipeline (Dubey et al. 2024 §3.3.2: "reduce one Transformer layer each
 *   from the first and the last stages", because they also hold the embedding and the output head): the L + 2 slots
 *   are split EVEN, then the first and the last virtual stage lose one. They may end with 0 layers (only the
 *   embedding / only the head): n ≤ L + 2. 126 layers over 16 ranks: 7, 8 × 14, 7.
 * - BALANCED: whichever of the two gives the smaller slowest rank, counting the output head as
 *   forwardFlopsPerTokenHead / forwardFlopsPerTokenPerLayer layers on the last rank (the input embedding is a lookup);
 *   ties go to the one with fewer layers on rank 0 (which keeps the most micro-batches in flight), then EVEN.
 * Explicit lists (`pipelineStageLayers`): length n, sum L, the first and last entry ≥ 0 (embedding- or head-only
 * stages), every other ≥ 1.
 *
 * A layout stores `pipelineStageLayers` only when it differs from EVEN, so that even layouts keep their shape and
 * the planner's O(1) paths (search candidates, saved plans). Pure: no I/O.
 */
import { InvalidInputError } from './errors.js';
import type { ModelCounts, ParallelLayout } from './types.js';

export type PipelineLayerSplit = 'EVEN' | 'FIRST_LAST_ONE_FEWER' | 'BALANCED';
export const PIPELINE_LAYER_SPLITS: readonly PipelineLayerSplit[] = ['EVEN', 'FIRST_LAST_ONE_FEWER', 'BALANCED'];

/** EVEN over n virtual stages: ⌊L/n⌋ each, the first L mod n one more. */
export function evenStageLayers(layers: number, virtualStages: number): number[] {
  const base = Math.floor(layers / virtualStages);
  const extra = layers % virtualStages;
  const out: number[] = [];
  for (let j = 0; j < virtualStages; j++) out.push(base + (j < extra ? 1 : 0));
  return out;
}

/** Llama 3 §3.3.2: L + 2 slots split EVEN, the first and last virtual stage one fewer; null when n > L + 2 or n < 2. */
export function firstLastOneFewerStageLayers(layers: number, virtualStages: number): number[] | null {
  if (virtualStages < 2 || virtualStages > layers + 2) return null;
  const out = evenStageLayers(layers + 2, virtualStages);
  out[0] = (out[0] ?? 1) - 1;
  out[virtualStages - 1] = (out[virtualStages - 1] ?? 1) - 1;
  return out;
}

/** Layers on rank `rank` of a per-virtual-stage list (its chunks rank, rank + p, …). */
function rankSum(stageLayers: readonly number[], p: number, rank: number): number {
  let sum = 0;
  for (let j = rank; j < stageLayers.length; j += p) sum += stageLayers[j] ?? 0;
  return sum;
}

/** The output head in layer units (forward FLOPs per token), for balancing. */
export function headLayerEquivalents(counts: Pick<ModelCounts, 'forwardFlopsPerTokenHead' | 'forwardFlopsPerTokenPerLayer'>): number {
  return counts.forwardFlopsPerTokenPerLayer > 0 ? counts.forwardFlopsPerTokenHead / counts.forwardFlopsPerTokenPerLayer : 0;
}

/** Slowest rank (layers + the head on the last rank) of a split; ties broken by rank 0's layers. */
function splitLoad(stageLayers: readonly number[], p: number, head: number): [number, number] {
  let worst = 0;
  for (let i = 0; i < p; i++) {
    const load = rankSum(stageLayers, p, i) + (i === p - 1 ? head : 0);
    if (load > worst) worst = load;
  }
  return [worst, rankSum(stageLayers, p, 0)];
}

/** BALANCED (see the file comment); undefined = EVEN. */
export function balancedStageLayers(layers: number, p: number, v: number, headLayers: number): number[] | undefined {
  if (p < 2) return undefined;
  const n = p * v;
  const fewer = firstLastOneFewerStageLayers(layers, n);
  if (fewer === null) return undefined;
  const even = evenStageLayers(layers, n);
  const [evenWorst, evenFirst] = n <= layers ? splitLoad(even, p, headLayers) : [Infinity, Infinity];
  const [fewerWorst, fewerFirst] = splitLoad(fewer, p, headLayers);
  const fewerWins = fewerWorst < evenWorst || (fewerWorst === evenWorst && fewerFirst < evenFirst);
  return fewerWins ? fewer : undefined;
}

/**
 * The split a plan asks for → the list to store on the layout (undefined = EVEN). `explicit` wins over `split`;
 * errors name `field` (the list) or `splitField`, the value and what is allowed.
 */
export function resolveStageLayers(
  layers: number,
  p: number,
  v: number,
  split: PipelineLayerSplit | undefined,
  explicit: readonly number[] | undefined,
  headLayers: () => number,
  field: string,
  splitField: string,
): number[] | undefined {
  const n = p * v;
  if (explicit !== undefined) {
    if (!Array.isArray(explicit) || explicit.length !== n) {
      throw new InvalidInputError(
        field,
        Array.isArray(explicit) && explicit.length > 64 ? `a list of ${explicit.length} entries` : explicit,
        `a list of ${n} layer counts, one per virtual pipeline stage (pipelineParallel ${p} × pipelineInterleave ${v})`,
      );
    }
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const count = explicit[j];
      const min = n > 1 && (j === 0 || j === n - 1) ? 0 : 1;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < min || count > layers) {
        throw new InvalidInputError(
          `${field}[${j}]`,
          count,
          `an integer in [${min}, ${layers}] (${min === 0 ? 'the first and last stage may hold only the embedding or the head' : 'every middle stage holds at least one layer'})`,
        );
      }
      sum += count;
    }
    if (sum !== layers) {
      throw new InvalidInputError(field, n > 64 ? `a list of ${n} entries` : explicit, `layer counts summing to the model's ${layers} layers (now ${sum})`);
    }
    const even = evenStageLayers(layers, n);
    return n <= layers && even.every((x, j) => x === explicit[j]) ? undefined : [...explicit];
  }
  const rule = split ?? 'EVEN';
  if (!PIPELINE_LAYER_SPLITS.includes(rule)) throw new InvalidInputError(splitField, rule, `one of ${PIPELINE_LAYER_SPLITS.join(', ')}`);
  if (rule === 'EVEN' || p === 1) {
    if (n > layers) {
      throw new InvalidInputError(splitField, rule, `FIRST_LAST_ONE_FEWER or an explicit list: ${n} virtual stages exceed the ${layers} layers`);
    }
    return undefined;
  }
  if (rule === 'FIRST_LAST_ONE_FEWER') {
    const fewer = firstLastOneFewerStageLayers(layers, n);
    if (fewer === null) throw new InvalidInputError(splitField, rule, `EVEN, or at most layers + 2 (${layers + 2}) virtual stages (now ${n})`);
    return fewer;
  }
  const balanced = balancedStageLayers(layers, p, v, headLayers());
  if (balanced === undefined && n > layers) {
    throw new InvalidInputError(splitField, rule, `at most layers + 2 (${layers + 2}) virtual stages (now ${n})`);
  }
  return balanced;
}

/**
 * Share of the layers whose activations are recomputed in the backward: 0 without FULL recompute, 1 under FULL, and
 * under FULL with recomputeLayers N (Megatron-Core recompute_method "block", recompute_num_layers N: the first N layers
 * of every virtual pipeline stage are recomputed, the rest keep everything) Σ min(N, layers of the stage) / layers. The
 * step-time and memory terms take it as a mean over the layers (a rank's own share differs by a layer at most when its
 * stages differ in size).
 */
export function recomputedLayerFraction(
  layers: number,
  layout: Pick<ParallelLayout, 'recompute' | 'recomputeLayers' | 'pipelineParallel' | 'pipelineInterleave' | 'pipelineStageLayers'>,
): number {
  if (layout.recompute !== 'FULL') return 0;
  const n = layout.recomputeLayers;
  if (n === undefined || layers <= 0) return 1;
  const list = layout.pipelineStageLayers;
  if (list === undefined) {
    // EVEN over s stages: L mod s of them hold ⌊L/s⌋ + 1 layers, the others ⌊L/s⌋ (O(1): the search's hot path).
    const p = layout.pipelineParallel;
    const stages = p * (p > 1 ? layout.pipelineInterleave : 1);
    const base = Math.floor(layers / stages);
    const extra = layers % stages;
    return Math.min(1, (extra * Math.min(n, base + 1) + (stages - extra) * Math.min(n, base)) / layers);
  }
  const memo = memoOf(recomputedMemo, list);
  const known = memo.get(n);
  if (known !== undefined) return known;
  let recomputed = 0;
  for (const c of list) recomputed += Math.min(n, c);
  const fraction = Math.min(1, recomputed / layers);
  memo.set(n, fraction);
  return fraction;
}

/** The per-split memo of a split-keyed cache (created on first use). */
function memoOf<V>(cache: WeakMap<readonly number[], Map<number, V>>, split: readonly number[]): Map<number, V> {
  let memo = cache.get(split);
  if (memo === undefined) {
    memo = new Map();
    cache.set(split, memo);
  }
  return memo;
}

/** recomputedLayerFraction per stored split and count (a list belongs to one model: its entries sum to its layers). */
const recomputedMemo = new WeakMap<readonly number[], Map<number, number>>();

/** Layers of virtual stage j under EVEN over n = p·v. */
function evenChunk(layers: number, n: number, j: number): number {
  return Math.floor(layers / n) + (j < layers % n ? 1 : 0);
}

/** Transformer layers rank `rank` holds (all its virtual stages). O(1) for EVEN, O(v) for a stored list. */
export function rankLayers(layers: number, layout: Pick<ParallelLayout, 'pipelineParallel' | 'pipelineInterleave' | 'pipelineStageLayers'>, rank: number): number {
  const p = layout.pipelineParallel;
  const list = layout.pipelineStageLayers;
  if (list !== undefined) return rankSum(list, p, rank);
  const v = p > 1 ? layout.pipelineInterleave : 1;
  const n = p * v;
  const extra = layers % n;
  // Chunks k·p + rank below L mod n take one extra layer: ⌈(extra − rank)/p⌉ of them, clamped to [0, v].
  const extras = extra > rank ? Math.min(v, Math.ceil((extra - rank) / p)) : 0;
  return v * Math.floor(layers / n) + extras;
}

/** The most layers any rank strictly between the first and the last holds (0 when p ≤ 2). */
export function heaviestMiddleRankLayers(layers: number, layout: Pick<ParallelLayout, 'pipelineParallel' | 'pipelineInterleave' | 'pipelineStageLayers'>): number {
  const p = layout.pipelineParallel;
  if (p <= 2) return 0;
  // EVEN: layers never increase with the rank, so rank 1 is the heaviest middle rank.
  const list = layout.pipelineStageLayers;
  if (list === undefined) return rankLayers(layers, layout, 1);
  const known = heaviestMiddleMemo.get(list);
  if (known !== undefined) return known;
  let most = 0;
  for (let i = 1; i < p - 1; i++) {
    const count = rankSum(list, p, i);
    if (count > most) most = count;
  }
  heaviestMiddleMemo.set(list, most);
  return most;
}

/** Memo of heaviestMiddleRankLayers per stored split (a list belongs to one p: its length is p·v). */
const heaviestMiddleMemo = new WeakMap<readonly number[], number>();

/**
 * Layer × micro-batch activation sets alive on rank `stage` at the peak of one step.
 * - p = 1: one micro-batch of all layers (gradient accumulation frees each micro-batch after its backward).
 * - 1F1B (Narayanan et al. 2021 §2.2.1): rank i holds min(p − i, m) micro-batches of its layers — the first rank p.
 * - Interleaved 1F1B (Megatron-LM's schedule): rank i runs N = min(2(p − i − 1) + (v − 1)·p + 1, m·v) forward chunks
 *   before its first backward, in the order "p micro-batches of chunk 0, the same p of chunk 1, …, chunk v − 1, then
 *   the next p micro-batches" (a last group may hold fewer than p when m is not a multiple of p, as Llama 3's schedule
 *   allows, §3.3.2); the layers of those N chunks are alive. With equal chunks this is
 *   L·(1 + (p − 1)/(p·v)) on rank 0 (Korthikanti et al. 2022 §4.2.3).
 */
export function activationLayerMicroBatchesOnStage(
  layers: number,
  pipelineParallel: number,
  interleave: number,
  microBatches: number,
  stage: number,
  stageLayers?: readonly number[],
): number {
  const p = pipelineParallel;
  if (p === 1) return layers;
  if (interleave <= 1) {
    const own = stageLayers === undefined ? evenChunk(layers, p, stage) : rankSum(stageLayers, p, stage);
    return own * Math.min(p - stage, microBatches);
  }
  const n = p * interleave;
  const chunks = Math.min(2 * (p - stage - 1) + (interleave - 1) * p + 1, microBatches * interleave);
  // Equal chunks: the closed form.
  if (stageLayers === undefined && layers % n === 0) return (chunks * layers) / n;
  let remaining = chunks;
  let alive = 0;
  for (let first = 0; remaining > 0 && first < microBatches; first += p) {
    const group = Math.min(p, microBatches - first);
    for (let k = 0; k < interleave && remaining > 0; k++) {
      const take = Math.min(group, remaining);
      const j = k * p + stage;
      alive += take * (stageLayers === undefined ? evenChunk(layers, n, j) : (stageLayers[j] ?? 0));
      remaining -= take;
    }
  }
  return alive;
}

/** Memo of heavierMiddleRanks per stored split (the search reuses one array per (p, v)) and micro-batch count. */
const middleRanksMemo = new WeakMap<readonly number[], Map<number, readonly number[]>>();

/**
 * The middle ranks (0 < i < p − 1) of a stored split that could hold more memory than rank 0: every memory term of a
 * middle rank grows with its layers and its in-flight layer-micro-batches, so a rank whose pair is ≤ rank 0's or an
 * earlier listed rank's (both ≤) cannot be heavier than that rank and is left out. Deterministic; memoised.
 */
export function heavierMiddleRanks(layers: number, stageLayers: readonly number[], p: number, microBatches: number): readonly number[] {
  const byBatches = memoOf(middleRanksMemo, stageLayers);
  const known = byBatches.get(microBatches);
  if (known !== undefined) return known;
  const v = stageLayers.length / p;
  const seen: Array<[number, number]> = [[rankSum(stageLayers, p, 0), activationLayerMicroBatchesOnStage(layers, p, v, microBatches, 0, stageLayers)]];
  const ranks: number[] = [];
  for (let stage = 1; stage < p - 1; stage++) {
    const own = rankSum(stageLayers, p, stage);
    const inFlight = activationLayerMicroBatchesOnStage(layers, p, v, microBatches, stage, stageLayers);
    if (seen.some(([l, f]) => own <= l && inFlight <= f)) continue;
    seen.push([own, inFlight]);
    ranks.push(stage);
  }
  byBatches.set(microBatches, ranks);
  return ranks;
}
