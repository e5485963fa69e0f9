/**
 * Plan search: the best parallel layout for a model on a cluster, exhaustively over the space below, in seconds.
 *
 * The space (one candidate = one ParallelLayout; docs/search.md has the table):
 *   global batch (the given one, or several) × GPU count (exactly N, or any count ≤ N of whole nodes / one partial
 *   node) × tensor parallel t (divisors of the attention heads; within a node t divides gpusPerNode, beyond a node t
 *   is a multiple of it, only when allowed) × pipeline parallel p (1 … layers, uneven splits included unless
 *   evenPipelineStages) × data parallel d (EXACT: N/(t·p); UP_TO: divisors of the global batch with t·p·d ≤ N) ×
 *   expert parallel (MoE: divisors of the experts dividing d) × expert TP (t; 1 too when listed: MoE parallel folding,
 *   EP dividing t·c·d, SP on) × sequence parallel (only when t > 1) × interleave v
 *   (divisors of ⌈layers/p⌉, with the planner's BALANCED split of the layers over p·v virtual stages, pipeline.ts) × micro-batch b (divisors of the per-replica batch) × ZeRO stage × offload (parameter
 *   offload only with ZeRO-3) × recompute × FlashAttention. Every candidate is one resolveLayout accepts.
 *
 * Pruning (proofs in docs/search.md); the result equals the exhaustive search (`prune: false`), which tests check:
 *   1. memory first: device memory never decreases with the micro-batch, so once a layout does not fit at b, the
 *      larger micro-batches are counted infeasible without evaluation (the feasible count stays exact);
 *   2. bounds: ZeRO stage and offload change neither compute, bubble nor TP/EP time, and add only non-negative terms,
 *      so one evaluatePlan per (shape, micro-batch, recompute, FlashAttention) set bounds all its members' step time;
 *   3. best first: sets in order of their bound; a member is evaluated only if it could still enter the top-k or the
 *      Pareto frontier (time, cost, free memory).
 * Every number that ranks is evaluatePlan's; nothing here re-implements the model.
 *
 * Pure: no I/O and no clock — the caller injects `now` and `shouldStop` (src/server/search-runner.ts does).
 */
import { gpuGenerationOf, stepTimeModelAccuracyFractionFor } from '../performance.js';
import type {
  ClusterSpec,
  ModelArchitecture,
  ModelCounts,
  ParallelLayout,
  PlanEstimate,
} from '../types.js';
import { planLayoutEvaluator } from './evaluator.js';
import { compareWinner, describeLayout, percent, whyNothing } from './explain.js';
import { normalizeOptions, searchPlanOptions } from './options.js';
import { type SearchState, Stopper } from './progress.js';
import { exhaustive, pruned } from './prune.js';
import { Collector, publicList, type Ranked, rankCandidate, sortedPareto } from './rank.js';
import { buildGroups, divisorsOf, enumerateRecipes, enumerateShapes, type Group, interleavesFor, type Recipe } from './space.js';
import type { LayoutEvaluator, PlanSearchHooks, PlanSearchOptions, PlanSearchOutcome, WinnerComparison } from './types.js';

export { planLayoutEvaluator } from './evaluator.js';
export { compareWinner } from './explain.js';
export { ALL_PIPELINE_SCHEDULES, DEFAULT_RECOMPUTE_LAYER_FRACTIONS, MIN_CONTEXT_PARALLEL_TOKENS, searchPlanOptions } from './options.js';
export { divisorsOf, subCluster } from './space.js';
export {
  ALL_OFFLOAD_TARGETS,
  ALL_RECOMPUTE_MODES,
  ALL_ZERO_STAGES,
  DEFAULT_MAX_PARETO,
  DEFAULT_MAX_SEARCH_CANDIDATES,
  DEFAULT_SEARCH_TIME_LIMIT_SECONDS,
  type GpuBudgetMode,
  type LayoutEvaluator,
  MAX_SEARCH_TOP,
  type PlanSearchHooks,
  type PlanSearchOptions,
  type PlanSearchOutcome,
  type PlanSearchProgress,
  SEARCH_OBJECTIVES,
  type SearchCandidate,
  type SearchObjective,
  type SearchStopReason,
  type WinnerComparison,
} from './types.js';

/** Search the space for the best layouts; see the file comment for the space and the pruning. */
export function searchPlansWith(
  arch: ModelArchitecture,
  cluster: ClusterSpec,
  input: PlanSearchOptions,
  evaluator: LayoutEvaluator,
  hooks: PlanSearchHooks = {},
): PlanSearchOutcome {
  const s = normalizeOptions(arch, cluster, input);
  const stopper = new Stopper(hooks, s.timeLimitSeconds);
  const recipes = enumerateRecipes(s);
  const groups = buildGroups(arch, cluster, s, evaluator, recipes, !s.prune, stopper);
  const state: SearchState = { candidates: 0, evaluated: 0, memoryChecked: 0, feasible: 0, covered: 0, minMemoryBytes: Infinity };
  for (const g of groups) state.candidates += g.recipes.length;
  const collector = new Collector(s.top, s.objective === 'TIME_WITHIN_BUDGET' ? s.budgetUsd : null, s.deadlineSeconds);
  const rank = (layout: ParallelLayout, estimate: PlanEstimate, g: Group, recipe: Recipe): Ranked =>
    rankCandidate(layout, estimate, g.shape.gpus, g.ordinal, recipe.index, cluster, s, arch.sequenceLength);

  const pass = { groups, s, evaluator, collector, state, stopper, hooks, rank };
  if (!s.prune) exhaustive(pass);
  else pruned(pass);

  const best = publicList(collector.best, collector);
  const front = sortedPareto(collector);
  let winnerReason: string | null = null;
  let comparison: WinnerComparison | null = null;
  // The model's accuracy against published runs of its class (dense or MoE) on its GPU's generation (efficiency.ts).
  const accuracy = stepTimeModelAccuracyFractionFor(arch.experts, gpuGenerationOf(cluster.gpu.id));
  const nearOptimal = best.filter((c) => c.gapToBest <= accuracy).length;
  if (best.length >= 2) {
    const explained = compareWinner(best[0]!, best[1]!, s.objective);
    winnerReason = explained.reason;
    comparison = explained.comparison;
    // Layouts the planner prices identically (e.g. offload to CPU vs NVMe when the step hides it) tie; then also
    // say what the first strictly worse layout in the top-k loses on.
    const ties = best.findIndex((c) => c.score !== best[0]!.score);
    if (explained.comparison.stepSecondsDelta === 0 && best[1]!.score === best[0]!.score) {
      if (ties > 0) {
        winnerReason += ` (Ties are ordered by cost, no offload first, then by free memory.) ${compareWinner(best[0]!, best[ties]!, s.objective, 'the first slower layout').reason}`;
      } else {
        winnerReason += ` All ${best.length} layouts returned tie on the objective (raise top to see slower ones).`;
      }
    }
    // Say when the margin is below what the model can resolve (its accuracy against published runs).
    const margin = best.find((c) => c.gapToBest > 0)?.gapToBest;
    // (Not for MIN_GPUS: its gap is in GPUs, which the time model's accuracy says nothing about.)
    if (margin !== undefined && margin <= accuracy && s.objective !== 'MIN_GPUS') {
      const close = nearOptimal === best.length ? `all ${best.length} returned layouts are` : `${nearOptimal} of the ${best.length} returned layouts are`;
      winnerReason +=
        ` The margin (${percent(margin)}) is inside the model's ±${percent(accuracy)} accuracy against` +
        ` published runs and ${close} that close to the best: the model cannot rank them reliably, so choose among them on other` +
        ` grounds (a layout proven on your cluster, fewer pipeline stages, more free memory).`;
    }
  } else if (best.length === 1) {
    winnerReason = `${describeLayout(best[0]!.layout)} is the only feasible layout.`;
  } else if (stopper.stopReason === 'COMPLETE') {
    winnerReason = whyNothing(state, front, evaluator, s);
  }
  return {
    objective: s.objective,
    candidates: state.candidates,
    evaluated: state.evaluated,
    memoryChecked: state.memoryChecked,
    feasible: state.feasible,
    covered: state.covered,
    best,
    pareto: publicList(front.slice(0, s.maxPareto), collector),
    paretoSize: front.length,
    winnerReason,
    comparison,
    modelAccuracyFraction: accuracy,
    nearOptimal,
    elapsedSeconds: stopper.elapsed(),
    truncated: stopper.stopReason !== 'COMPLETE',
    stopReason: stopper.stopReason,
  };
}

/**
 * An upper bound on the space size without running the planner's validation (cheap): lets a caller decide
 * whether to run a search inline or in a worker. Throws the same input errors as the search. With `limit`, stops
 * as soon as the bound exceeds it (the answer is then some number > limit): cheap even for hostile spaces.
 */
export function estimateSearchSpace(arch: ModelArchitecture, cluster: ClusterSpec, input: PlanSearchOptions, limit = Infinity): number {
  const s = normalizeOptions(arch, cluster, input);
  const recipes = enumerateRecipes(s).length;
  let total = 0;
  // Every shape counts at least once, so more than `limit` shapes already exceed it: stop there (cheap answer).
  for (const shape of enumerateShapes(arch, cluster, s, { maxShapes: limit })) {
    const interleaves = interleavesFor(arch, shape.p, shape.schedule).length;
    total += interleaves * divisorsOf(shape.globalBatchSize / shape.d).length * recipes;
    if (total > limit) return total;
  }
  return total;
}

/**
 * Search the best layouts of `arch` on `cluster` (see the file comment). Throws InvalidInputError for bad options
 * or a space above maxCandidates; stops early (truncated) on hooks.shouldStop or the time limit.
 */
export function searchPlans(
  arch: ModelArchitecture,
  counts: ModelCounts,
  cluster: ClusterSpec,
  input: PlanSearchOptions,
  hooks: PlanSearchHooks = {},
): PlanSearchOutcome {
  return searchPlansWith(arch, cluster, input, planLayoutEvaluator(arch, counts, cluster, searchPlanOptions(input)), hooks);
}
