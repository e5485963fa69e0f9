/**
 * From dollars and days to a training run: the model size, tokens and layout that a scaling law predicts to reach
 * the lowest loss on a fleet, once the step-time model's MFU and the failure model's lost time are paid for.
 *
 * The search (docs/budget.md):
 *   1. Model sizes on the fixed grid 2^(j/4) from 10^7 to 10^15 parameters (the same for every budget), tried outward
 *      from the law's allocation at a nominal 40 % MFU, skipping those whose loss floor cannot beat the best; each
 *      shaped into a real architecture of the family (architecture-sizing.ts).
 *   2. For each size and GPU count (the whole fleet, half and a quarter of it), the best layout by the plan search
 *      (search.ts, objective TIME) at the batch size DeepSeek's fit gives for that compute; its tokens per second.
 *   3. Failures: Daly's expected wall time (checkpoint.ts, Daly 2006 eq. 20) at Daly's optimal interval, with the
 *      job MTBF = 1/(λ·GPUs), plus planned stops; the wall time is linear in the failure-free time, so one factor
 *      per candidate turns tokens into days and dollars.
 *   4. The most tokens the budget and the deadline allow for each candidate; repeated data counts with diminishing
 *      value (Muennighoff et al. 2023); the candidate with the lowest predicted loss (the law's own) wins.
 * With `targetLoss` the same candidates answer the inverse question: the fewest dollars that reach the loss.
 * With `idealUtilisation` (MFU 1, no failures) the answer is the law's own allocation (computeOptimalAllocation).
 *
 * Files: budget-types.ts (types), budget-loss.ts (data and loss), budget-runs.ts (time, failures, money, frontier),
 * budget-candidates.ts (request, grid, one candidate), this file (the search and the answer).
 *
 * Pure: no I/O, no clock; the caller injects `now`/`shouldStop`/`onProgress` (src/server/budget-runner.ts). A plan
 * stops after `timeLimitSeconds` (default 30) and answers with the best so far (`truncated`).
 */
import { sizeArchitecture } from './architecture-sizing.js';
import { budgetGrid, evaluateCandidate, lossFloor, normalize } from './budget-candidates.js';
import { computeForLoss, lawParametersOf, lossOptimalParameters, tokensForLoss } from './budget-loss.js';
import { bestRunWithin, buildFrontier, maxTokens, runFor } from './budget-runs.js';
import {
  NOMINAL_MFU,
  type BindingConstraint,
  type BudgetCandidate,
  type BudgetHooks,
  type BudgetPlanOutcome,
  type BudgetPlanRequest,
  type BudgetRun,
  type BudgetSizeSummary,
  type NormalizedRequest,
} from './budget-types.js';
import { peakFlopsFor } from './hardware.js';
import { computeOptimalAllocation } from './scaling.js';
import type { ModelArchitecture, ModelCounts } from './types.js';

export * from './budget-types.js';
export { allocationComputeFor, effectiveTokens, lawParametersOf, lossOptimalParameters } from './budget-loss.js';
export { failureCost, runFor, slowdownFactor } from './budget-runs.js';
export { BUDGET_GRID_MAX_PARAMETERS, BUDGET_GRID_MIN_PARAMETERS, batchSequencesFor, budgetGrid } from './budget-candidates.js';

type Sized = { arch: ModelArchitecture; counts: ModelCounts; parameters: number };

/** The state of one plan's search: the candidates tried, the best run so far, progress. */
interface Search {
  r: NormalizedRequest;
  hooks: BudgetHooks;
  fleetGpus: number;
  peakFlops: number;
  candidates: BudgetCandidate[];
  sizes: BudgetSizeSummary[];
  best: BudgetRun | null;
  truncated: boolean;
  sizesTotal: number;
  skipped: number;
  shape: (target: number) => Sized;
  elapsed: () => number;
}

function newSearch(r: NormalizedRequest, hooks: BudgetHooks, elapsed: () => number): Search {
  const sized = new Map<number, Sized>();
  const countOf = (c: ModelCounts): number => lawParametersOf(r.law, c);
  return {
    r,
    hooks,
    fleetGpus: r.cluster.gpusPerNode * r.cluster.nodes,
    peakFlops: peakFlopsFor(r.cluster.gpu, r.precision),
    candidates: [],
    sizes: [],
    best: null,
    truncated: false,
    sizesTotal: 0,
    skipped: 0,
    shape: (target) => {
      let s = sized.get(target);
      if (!s) {
        s = sizeArchitecture(r.family, target, countOf);
        sized.set(target, s);
      }
      return s;
    },
    elapsed,
  };
}

function reportProgress(s: Search): void {
  s.hooks.onProgress?.({
    sizesEvaluated: s.sizes.length + s.skipped,
    sizesTotal: s.sizesTotal,
    bestParameters: s.best?.candidate.lawParameters ?? null,
    bestPredictedLoss: s.best?.predictedLoss ?? null,
    elapsedSeconds: s.elapsed(),
  });
}

/** A candidate's run: all the tokens the budget and deadline pay for, or (inverse question) the fewest reaching the target. */
function runOf(r: NormalizedRequest, c: BudgetCandidate): BudgetRun | null {
  if (!c.fits) return null;
  if (r.targetLoss === null) return bestRunWithin(r, c, r.budgetUsd);
  const tokens = tokensForLoss(r.law, r.availableTokens, c.lawParameters, r.targetLoss);
  if (tokens === null || tokens > maxTokens(r, c, r.budgetUsd).tokens * (1 + 1e-9)) return null;
  return runFor(r, c, tokens, 'TARGET_LOSS');
}

/** Record a candidate; the inverse question ranks by dollars, otherwise by the loss the answer reports. */
function consider(s: Search, c: BudgetCandidate): void {
  s.candidates.push(c);
  const run = runOf(s.r, c);
  s.sizes.push({
    parameters: c.lawParameters,
    gpus: c.gpus,
    fits: c.fits,
    modelFlopsUtilization: c.modelFlopsUtilization,
    ettr: c.ettr,
    trainingTokens: run?.trainingTokens ?? 0,
    predictedLoss: run?.predictedLoss ?? null,
    rankingLoss: run?.rankingLoss ?? null,
  });
  const score = (x: BudgetRun): number => (s.r.targetLoss !== null ? x.costUsd : x.predictedLoss);
  if (run && (s.best === null || score(run) < score(s.best))) s.best = run;
  reportProgress(s);
}

/** Evaluate one size on each GPU count (false when the plan must stop). */
function tryAll(s: Search, sized: Sized, gpuCounts: readonly number[], canWin: () => boolean = () => true): boolean {
  for (const g of gpuCounts) {
    if (s.hooks.shouldStop?.()) {
      s.truncated = true;
      return false;
    }
    if (canWin()) consider(s, evaluateCandidate(s.r, sized, g, s.hooks));
    else {
      // A candidate that cannot win is counted as evaluated without its layout search.
      s.skipped++;
      reportProgress(s);
    }
  }
  return true;
}

/**
 * Every size of the fixed grid on every GPU count of the fleet: the same candidates for every budget, so a larger
 * budget (each candidate trains at least as many tokens) can never answer with a higher loss. A size is skipped only
 * when even every token at the fleet's peak could not beat the best so far (lossFloor): it could not win.
 */
function searchBudgetGrid(s: Search, nominalComputeFlops: number): void {
  const grid = budgetGrid(computeOptimalAllocation(nominalComputeFlops, s.r.law).parameters);
  s.sizesTotal = grid.length * s.r.gpuCounts.length;
  for (const target of grid) {
    const sized = s.shape(target);
    const floor = lossFloor(s.r, lawParametersOf(s.r.law, sized.counts), s.fleetGpus, s.peakFlops);
    if (!tryAll(s, sized, s.r.gpuCounts, () => s.best === null || floor < s.best.predictedLoss)) return;
  }
}

/** The inverse question: quarter octaves around the size whose loss fit reaches the target with the least compute, extended while the cheapest is at an end. */
function searchTargetGrid(s: Search, targetCompute: number): void {
  const center = lossOptimalParameters(s.r.law, targetCompute);
  const jLo = Math.floor(4 * Math.log2(Math.min(1e14, Math.max(1e7, center / 8))));
  const jHi = Math.ceil(4 * Math.log2(Math.min(1e15, center * 2 * Math.SQRT2)));
  const gpuCounts = s.r.ideal ? [s.fleetGpus] : s.r.gpuCounts;
  s.sizesTotal = (jHi - jLo + 1) * gpuCounts.length;
  for (let j = jLo; j <= jHi; j++) if (!tryAll(s, s.shape(2 ** (j / 4)), gpuCounts)) return;
  let lowest = jLo;
  let highest = jHi;
  for (let extra = 0; extra < 16 && s.best !== null; extra++) {
    const j = Math.round(4 * Math.log2(s.best.candidate.lawParameters));
    let next: number;
    if (j <= lowest && 2 ** ((lowest - 1) / 4) >= 1e7) next = --lowest;
    else if (j >= highest && 2 ** ((highest + 1) / 4) <= 1e15) next = ++highest;
    else break;
    s.sizesTotal += gpuCounts.length;
    if (!tryAll(s, s.shape(2 ** (next / 4)), gpuCounts)) return;
  }
}

/** The binding constraint and the notes of the answer (data repeated, memory capping the size, nothing found). */
function describe(s: Search, chosen: BudgetRun | null, notes: string[]): BindingConstraint {
  const r = s.r;
  if (!chosen) {
    notes.push(
      r.targetLoss !== null
        ? `No model of the sizes tried reaches loss ${r.targetLoss} within the budget and deadline given.`
        : 'No model of the sizes tried fits in memory on this fleet.',
    );
    return 'MEMORY';
  }
  let binding = chosen.limitedBy;
  if (r.targetLoss === null && chosen.epochs !== null && chosen.epochs > 1) {
    binding = 'DATA';
    notes.push(
      `${chosen.epochs.toFixed(2)} epochs over ${fmt(r.availableTokens!)} unique tokens: repeated tokens count with diminishing value (Muennighoff et al. 2023, R* = 15.4), ${fmt(chosen.effectiveTokens)} effective of ${fmt(chosen.trainingTokens)} trained.`,
    );
  }
  const larger = s.candidates.filter((c) => c.lawParameters > chosen.candidate.lawParameters);
  if (r.targetLoss === null && larger.length > 0 && larger.every((c) => !c.fits)) {
    binding = 'MEMORY';
    notes.push('No larger model fits in memory on this fleet with any layout searched: memory caps the model size.');
  }
  return binding;
}

/** The whole question: see the file comment. Throws InvalidInputError for bad input. */
export function planBudget(request: BudgetPlanRequest, callerHooks: BudgetHooks = {}): BudgetPlanOutcome {
  const r = normalize(request);
  const start = callerHooks.now?.() ?? 0;
  const elapsed = (): number => (callerHooks.now?.() ?? 0) - start;
  // The caller's stop, or the whole plan's time limit: every search below polls it too.
  const shouldStop = (): boolean => (callerHooks.shouldStop?.() ?? false) || elapsed() > r.timeLimitSeconds;
  const s = newSearch(r, { ...callerHooks, shouldStop }, elapsed);

  // Compute the fleet could buy at a nominal MFU (full utilisation when ideal): where the search starts.
  const mfu0 = r.ideal ? 1 : NOMINAL_MFU;
  const hoursByBudget = r.budgetUsd === null ? Infinity : r.budgetUsd / (s.fleetGpus * r.gpuHourUsd);
  const hoursByDeadline = r.deadlineSeconds === null ? Infinity : r.deadlineSeconds / 3600;
  let hours = Math.min(hoursByBudget, hoursByDeadline);
  const targetCompute = r.targetLoss === null ? null : computeForLoss(r.law, r.targetLoss);
  if (targetCompute === Infinity) {
    const notes = [`No model reaches loss ${r.targetLoss} under ${r.law}: it is at or below what the law predicts for 10³⁶ FLOPs (the irreducible loss).`];
    return { best: null, bindingConstraint: 'TARGET_LOSS', idealParameters: 0, idealTokens: 0, shiftFraction: 0, targetReached: false, frontier: [], sizes: [], notes, truncated: false, elapsedSeconds: elapsed() };
  }
  // Target loss only: the compute the law needs for it at the nominal MFU.
  if (!Number.isFinite(hours) && targetCompute !== null) hours = targetCompute / (s.fleetGpus * s.peakFlops * mfu0 * 3600);
  const nominalComputeFlops = Math.min(1e40, Math.max(1e12, s.fleetGpus * s.peakFlops * mfu0 * hours * 3600));

  if (targetCompute !== null) searchTargetGrid(s, targetCompute);
  else if (r.ideal) {
    // At full utilisation the law's allocation is its answer (the law's own definition of compute-optimal).
    s.sizesTotal = 1;
    tryAll(s, s.shape(computeOptimalAllocation(nominalComputeFlops, r.law).parameters), [s.fleetGpus]);
  } else searchBudgetGrid(s, nominalComputeFlops);

  const chosen = s.best;
  const notes: string[] = [];
  const binding = describe(s, chosen, notes);
  const spentCompute = chosen ? 6 * chosen.candidate.lawParameters * chosen.effectiveTokens : nominalComputeFlops;
  const ideal = computeOptimalAllocation(spentCompute, r.law);
  const shiftFraction = chosen ? chosen.candidate.lawParameters / ideal.parameters - 1 : 0;
  if (chosen && !r.ideal) {
    notes.push(
      `The law's allocation for the ${spentCompute.toExponential(2)} FLOPs spent is ${fmt(ideal.parameters)} parameters; the answer is ${(100 * shiftFraction).toFixed(1)} % ${shiftFraction < 0 ? 'smaller' : 'larger'} (MFU ${(100 * chosen.candidate.modelFlopsUtilization).toFixed(1)} %, ETTR ${(100 * chosen.candidate.ettr).toFixed(1)} %).`,
    );
  }
  return {
    best: chosen,
    bindingConstraint: binding,
    idealParameters: ideal.parameters,
    idealTokens: ideal.tokens,
    shiftFraction,
    targetReached: r.targetLoss === null ? null : chosen !== null,
    frontier: chosen ? buildFrontier(r, s.candidates, chosen) : [],
    sizes: s.sizes,
    notes,
    truncated: s.truncated,
    elapsedSeconds: elapsed(),
  };
}

function fmt(n: number): string {
  if (n >= 1e12) return `${(n / 1e12).toPrecision(3)}T`;
  if (n >= 1e9) return `${(n / 1e9).toPrecision(3)}B`;
  if (n >= 1e6) return `${(n / 1e6).toPrecision(3)}M`;
  return n.toPrecision(3);
}
