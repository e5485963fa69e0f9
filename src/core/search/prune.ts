/** The two ways through the space: the exhaustive reference and the pruned search (proofs in docs/search.md). */
import { overlappedCostSeconds } from '../performance.js';
import type {
  ParallelLayout,
  PlanEstimate,
} from '../types.js';
import { reportProgress, type SearchState, type Stopper } from './progress.js';
import type { Collector, Ranked } from './rank.js';
import { fillLayout, type Group, makeLayout, type Recipe } from './space.js';
import type { LayoutEvaluator, NormalizedSearch, PlanSearchHooks } from './types.js';

export type RankFn = (layout: ParallelLayout, estimate: PlanEstimate, g: Group, recipe: Recipe) => Ranked;

/** What a way through the space works with: the groups, the search, the planner, and where results and counts go. */
export interface SearchPass {
  groups: Group[];
  s: NormalizedSearch;
  evaluator: LayoutEvaluator;
  collector: Collector;
  state: SearchState;
  stopper: Stopper;
  hooks: PlanSearchHooks;
  rank: RankFn;
}

/** The reference: every candidate through evaluatePlan, nothing skipped. */
export function exhaustive(pass: SearchPass): void {
  const { groups, s, evaluator, collector, state, stopper, hooks, rank } = pass;
  for (const g of groups) {
    if (stopper.shouldStop()) return;
    for (const recipe of g.recipes) {
      const layout = makeLayout(g.shape, g.v, g.b, recipe, s);
      const estimate = evaluator.evaluate(layout);
      state.evaluated++;
      state.covered++;
      state.minMemoryBytes = Math.min(state.minMemoryBytes, estimate.memory.totalBytes);
      if (!estimate.fits) continue;
      state.feasible++;
      collector.offer(rank(layout, estimate, g, recipe));
    }
    if (stopper.progressDue()) reportProgress(hooks, state, collector, stopper, s.maxPareto);
  }
}

/** A (group, recompute, FlashAttention) set: its members differ only in ZeRO stage and offload. */
interface Subgroup {
  group: Group;
  /** Feasible members in canonical order, with their device bytes. */
  recipes: Recipe[];
  headroomBytes: number[];
  /** The largest of them (one frontier check can then rule out the whole set). */
  maxHeadroomBytes: number;
  /** Lower bounds from the representative's breakdown (filled in pass 2). */
  scoreBound: number;
  timeBound: number;
  costBound: number;
}

/** Relative slack on bounds so that floating-point rounding can never prune an optimum. */
const BOUND_SLACK = 1 - 1e-9;

/**
 * Pass 2 of `pruned` (run as each group's memory is known, so progress shows a best-so-far early): the representative
 * (first feasible member) of a set, fully evaluated, gives the set's bounds.
 */
function boundSet(
  sub: Subgroup,
  s: NormalizedSearch,
  evaluator: LayoutEvaluator,
  collector: Collector,
  state: SearchState,
  rank: RankFn,
): void {
  const g = sub.group;
  const recipe = sub.recipes[0]!;
  const layout = makeLayout(g.shape, g.v, g.b, recipe, s);
  const estimate = evaluator.evaluate(layout);
  state.evaluated++;
  state.covered++;
  const ranked = rank(layout, estimate, g, recipe);
  collector.offer(ranked);
  const perf = estimate.performance;
  // What ZeRO stage and offload cannot change: compute, bubble and the TP/EP collectives (exposed by the stated
  // overlap model, performance.ts); they only add DP reduction, offload traffic and optimizer time on top.
  const comm = estimate.communication;
  // TP as the step charges it: overlapped (with SP) only its cost beside the same compute (performance.ts).
  const tpSeconds =
    g.shape.sp && s.tensorParallelOverlapSlowdown !== null
      ? overlappedCostSeconds(comm.tensorParallelSeconds, perf.computeSeconds, s.tensorParallelOverlapSlowdown)
      : s.tensorParallelBackwardAsync
        ? // Asynchronous backward TP hides at most 2 of the ≥ 4 all-reduce equivalents per layer (performance.ts).
          comm.tensorParallelSeconds / 2
        : comm.tensorParallelSeconds;
  // EP likewise when its all-to-all is overlapped (options.overlapExpertParallelCommunication).
  const epSeconds =
    s.expertParallelOverlapSlowdown !== null
      ? overlappedCostSeconds(comm.expertParallelSeconds, perf.computeSeconds, s.expertParallelOverlapSlowdown)
      : comm.expertParallelSeconds;
  const stepBound =
    (perf.computeSeconds + perf.bubbleSeconds + tpSeconds + epSeconds + comm.contextParallelSeconds) * BOUND_SLACK;
  // Time, cost and 1/MFU are proportional to the step time within a set (same batch, tokens and GPUs).
  const scale = stepBound / perf.stepSeconds;
  sub.timeBound = ranked.timeSeconds * scale;
  sub.costBound = ranked.costUsd * scale;
  // MIN_GPUS: every member uses the set's GPU count, an exact bound.
  sub.scoreBound =
    s.objective === 'MFU'
      ? ranked.score / scale
      : s.objective === 'COST'
        ? sub.costBound
        : s.objective === 'MIN_GPUS'
          ? ranked.score
          : sub.timeBound;
}

/**
 * Pruned search, three passes (the first two interleaved per group):
 *  1. memory: per (shape, interleave, recipe) the micro-batch rises until the layout no longer fits; larger ones are
 *     proven infeasible without evaluation (device memory is non-decreasing in the micro-batch);
 *  2. one evaluatePlan per (group, recompute, FlashAttention) set gives its compute + bubble + TP/EP seconds, which
 *     ZeRO stage and offload do not change (everything else in the step is ≥ 0): a lower bound on every member's step
 *     time, hence on its time and cost, and an upper bound on its MFU;
 *  3. sets in order of their bound; a member is evaluated only if its bound could enter the top-k or its
 *     (time, cost) bounds with its exact free memory are not dominated by the frontier so far (one check per set
 *     with its largest free memory first).
 */
export function pruned(pass: SearchPass): void {
  const { groups, s, evaluator, collector, state, stopper, hooks, rank } = pass;
  const subgroups: Subgroup[] = [];
  const maxRecipe = groups.reduce((m, g) => Math.max(m, g.recipes[g.recipes.length - 1]?.index ?? 0), 0) + 1;
  // One set per (recompute variant, FlashAttention): FULL's partial shares are variants of their own.
  const sets = groups.reduce((m, g) => g.recipes.reduce((n, r) => Math.max(n, r.setIndex + 1), m), 0);
  const dead = new Uint8Array(maxRecipe);
  // Offload fit per recipe of the current (shape, interleave): 0 unknown, 1 fits, 2 does not. Off-device bytes do not
  // depend on the micro-batch, so one check serves every micro-batch group of the pair.
  const offloadFit = new Uint8Array(maxRecipe);
  // Device bytes of the current group's recipes (NaN = not computed), for NVMe offloads to reuse their CPU twin's.
  const bytesOf = new Float64Array(maxRecipe);
  const open: (Subgroup | null)[] = new Array<Subgroup | null>(sets).fill(null);
  const { capacityBytes, usableBytes } = evaluator;
  // One scratch layout for the memory checks (the memory model reads it and keeps nothing).
  let scratch: ParallelLayout | null = null;
  // Pass 2 (boundSet) runs per group inside pass 1.
  // Pass 1: memory first.
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    const prev = i > 0 ? groups[i - 1]! : null;
    if (prev === null || prev.shape !== g.shape || prev.v !== g.v) {
      if (stopper.shouldStop()) return;
      if (stopper.progressDue()) reportProgress(hooks, state, collector, stopper, s.maxPareto);
      dead.fill(0);
      offloadFit.fill(0);
    }
    open.fill(null);
    bytesOf.fill(Number.NaN);
    for (const recipe of g.recipes) {
      if (dead[recipe.index] || (recipe.memoryTwin >= 0 && dead[recipe.memoryTwin])) {
        dead[recipe.index] = 1;
        state.covered++;
        continue;
      }
      let totalBytes = recipe.memoryTwin >= 0 ? bytesOf[recipe.memoryTwin]! : Number.NaN;
      if (Number.isNaN(totalBytes)) {
        if (scratch === null) scratch = makeLayout(g.shape, g.v, g.b, recipe, s);
        else fillLayout(scratch, g.shape, g.v, g.b, recipe, s, s.layers);
        totalBytes = evaluator.memoryBytes(scratch);
        if (totalBytes < state.minMemoryBytes) state.minMemoryBytes = totalBytes;
        state.memoryChecked++;
      }
      bytesOf[recipe.index] = totalBytes;
      if (totalBytes > usableBytes) {
        dead[recipe.index] = 1;
        state.covered++;
        continue;
      }
      // Offload beyond the node's CPU RAM / NVMe: infeasible at this micro-batch, but not marked dead — the twin
      // (CPU vs NVMe) shares the device bytes, not the off-device ones.
      if (recipe.offload !== 'NONE') {
        if (offloadFit[recipe.index] === 0) {
          if (scratch === null) scratch = makeLayout(g.shape, g.v, g.b, recipe, s);
          else fillLayout(scratch, g.shape, g.v, g.b, recipe, s, s.layers);
          offloadFit[recipe.index] = evaluator.offloadFits(scratch) ? 1 : 2;
        }
        if (offloadFit[recipe.index] === 2) {
          state.covered++;
          continue;
        }
      }
      state.feasible++;
      let sub = open[recipe.setIndex]!;
      if (sub === null) {
        sub = { group: g, recipes: [], headroomBytes: [], maxHeadroomBytes: -Infinity, scoreBound: 0, timeBound: 0, costBound: 0 };
        open[recipe.setIndex] = sub;
        subgroups.push(sub);
      }
      sub.recipes.push(recipe);
      sub.headroomBytes.push(capacityBytes - totalBytes);
      if (capacityBytes - totalBytes > sub.maxHeadroomBytes) sub.maxHeadroomBytes = capacityBytes - totalBytes;
    }
    for (const sub of open) if (sub !== null) boundSet(sub, s, evaluator, collector, state, rank);
  }
  evaluateSets(subgroups, s, evaluator, collector, state, stopper, hooks, rank);
}

/** Pass 3 of `pruned`: sets by their bounds; members evaluated only where the top-k or the frontier could take them. */
function evaluateSets(
  subgroups: Subgroup[],
  s: NormalizedSearch,
  evaluator: LayoutEvaluator,
  collector: Collector,
  state: SearchState,
  stopper: Stopper,
  hooks: PlanSearchHooks,
  rank: RankFn,
): void {
  // Pass 3: best bounds first, so the top-k threshold and the frontier tighten early.
  const order = subgroups.map((_, i) => i).sort((a, b) => subgroups[a]!.scoreBound - subgroups[b]!.scoreBound || a - b);
  for (let k = 0; k < order.length; k++) {
    if (stopper.shouldStop()) return;
    const sub = subgroups[order[k]!]!;
    const g = sub.group;
    const bestPossible =
      sub.scoreBound <= collector.threshold &&
      (s.objective !== 'TIME_WITHIN_BUDGET' || sub.costBound <= s.budgetUsd!) &&
      (s.deadlineSeconds === null || sub.timeBound <= s.deadlineSeconds);
    if (!bestPossible && !collector.paretoAdmits(sub.timeBound, sub.costBound, sub.maxHeadroomBytes)) {
      // Neither the top-k nor the frontier can take any member: the whole set is dominated.
      state.covered += sub.recipes.length - 1;
      continue;
    }
    for (let j = 1; j < sub.recipes.length; j++) {
      state.covered++;
      if (!bestPossible && !collector.paretoAdmits(sub.timeBound, sub.costBound, sub.headroomBytes[j]!)) continue;
      const recipe = sub.recipes[j]!;
      const layout = makeLayout(g.shape, g.v, g.b, recipe, s);
      const estimate = evaluator.evaluate(layout);
      state.evaluated++;
      collector.offer(rank(layout, estimate, g, recipe));
    }
    if (stopper.progressDue()) reportProgress(hooks, state, collector, stopper, s.maxPareto);
  }
}
