/** Ranking: the objective's order, the top-k and the Pareto frontier (time, cost, free memory). */
import type {
  ClusterSpec,
  ParallelLayout,
  PlanEstimate,
} from '../types.js';
import type { NormalizedSearch, SearchCandidate } from './types.js';

/** A candidate with its canonical position, for deterministic tie-breaks whatever the evaluation order. */
export interface Ranked extends Omit<SearchCandidate, 'gapToBest'> {
  ordinal: number;
  recipeIndex: number;
}

export function canonicalCompare(a: Ranked, b: Ranked): number {
  return a.ordinal - b.ordinal || a.recipeIndex - b.recipeIndex;
}

/**
 * Objective order: score, then time, then cost, then no offload before offload (at equal estimated time, host RAM
 * or NVMe is an extra resource whose contention the planner does not price), then more free memory, then canonical.
 */
function rankCompare(a: Ranked, b: Ranked): number {
  return (
    a.score - b.score ||
    a.timeSeconds - b.timeSeconds ||
    a.costUsd - b.costUsd ||
    Number(a.layout.offload !== 'NONE') - Number(b.layout.offload !== 'NONE') ||
    b.headroomBytes - a.headroomBytes ||
    canonicalCompare(a, b)
  );
}

/**
 * a Pareto-dominates b on (time ↓, cost ↓, headroom ↑); among equal points the canonically first one wins (and a
 * candidate offered twice is kept once).
 */
function dominates(a: Ranked, b: Ranked): boolean {
  if (a.timeSeconds > b.timeSeconds || a.costUsd > b.costUsd || a.headroomBytes < b.headroomBytes) return false;
  if (a.timeSeconds < b.timeSeconds || a.costUsd < b.costUsd || a.headroomBytes > b.headroomBytes) return true;
  return canonicalCompare(a, b) <= 0;
}

/** Keeps the top-k by the objective and the Pareto frontier of everything offered. */
export class Collector {
  readonly best: Ranked[] = [];
  readonly pareto: Ranked[] = [];
  constructor(
    private readonly top: number,
    private readonly budgetUsd: number | null,
    private readonly deadlineSeconds: number | null = null,
  ) {}

  /** The k-th best score so far (Infinity until k candidates are in). */
  get threshold(): number {
    return this.best.length < this.top ? Infinity : this.best[this.best.length - 1]!.score;
  }

  /** Whether a point with these lower bounds on time and cost and this upper bound on headroom could enter the frontier. */
  paretoAdmits(timeSeconds: number, costUsd: number, headroomBytes: number): boolean {
    for (const q of this.pareto) {
      // Strict in one metric: then no point with these bounds can equal q, so tie-breaks cannot matter.
      if (
        q.timeSeconds <= timeSeconds &&
        q.costUsd <= costUsd &&
        q.headroomBytes >= headroomBytes &&
        (q.timeSeconds < timeSeconds || q.costUsd < costUsd || q.headroomBytes > headroomBytes)
      ) {
        return false;
      }
    }
    return true;
  }

  offer(c: Ranked): void {
    if ((this.budgetUsd === null || c.costUsd <= this.budgetUsd) && (this.deadlineSeconds === null || c.timeSeconds <= this.deadlineSeconds)) {
      this.offerBest(c);
    }
    this.offerPareto(c);
  }

  private offerBest(c: Ranked): void {
    const list = this.best;
    if (list.length >= this.top && rankCompare(c, list[list.length - 1]!) >= 0) return;
    if (list.some((q) => canonicalCompare(q, c) === 0)) return;
    let i = list.length;
    while (i > 0 && rankCompare(c, list[i - 1]!) < 0) i--;
    list.splice(i, 0, c);
    if (list.length > this.top) list.pop();
  }

  private offerPareto(c: Ranked): void {
    const front = this.pareto;
    for (const q of front) if (dominates(q, c)) return;
    let w = 0;
    for (let r = 0; r < front.length; r++) {
      const q = front[r]!;
      if (!dominates(c, q)) front[w++] = q;
    }
    front.length = w;
    front.push(c);
  }
}

export function rankCandidate(
  layout: ParallelLayout,
  estimate: PlanEstimate,
  gpus: number,
  ordinal: number,
  recipeIndex: number,
  cluster: ClusterSpec,
  s: NormalizedSearch,
  sequenceLength: number,
): Ranked {
  const perf = estimate.performance;
  let timeSeconds: number;
  let costUsd: number;
  if (estimate.run !== null && s.trainingTokens !== null) {
    timeSeconds = estimate.run.seconds;
    costUsd = estimate.run.costUsd;
  } else {
    const tokensPerStep = layout.globalBatchSize * sequenceLength;
    // Without a token budget: the time to process one reference step's tokens (= the step time at that batch).
    timeSeconds = tokensPerStep === s.referenceTokens ? perf.stepSeconds : (perf.stepSeconds * s.referenceTokens) / tokensPerStep;
    // Cost = GPUs × price per GPU-hour × hours.
    costUsd = (gpus * cluster.gpuHourUsd * timeSeconds) / 3600;
  }
  const headroomBytes = estimate.memory.capacityBytes - estimate.memory.totalBytes;
  let score: number;
  switch (s.objective) {
    case 'COST':
      score = costUsd;
      break;
    case 'MFU':
      score = -perf.modelFlopsUtilization;
      break;
    case 'MIN_GPUS':
      // Fewest GPUs; among equal counts rankCompare orders by time, then cost.
      score = gpus;
      break;
    default:
      score = timeSeconds;
  }
  return { layout, estimate, gpus, timeSeconds, costUsd, headroomBytes, score, ordinal, recipeIndex };
}

/** Objective gap of `score` to `bestScore` as a fraction (scores are minimised; MFU scores are −MFU < 0). */
function gapFraction(score: number, bestScore: number): number {
  if (score === bestScore) return 0;
  return bestScore < 0 ? bestScore / score - 1 : score / bestScore - 1;
}

function publicCandidate(c: Ranked, bestScore: number): SearchCandidate {
  const { layout, estimate, gpus, timeSeconds, costUsd, headroomBytes, score } = c;
  return { layout, estimate, gpus, timeSeconds, costUsd, headroomBytes, score, gapToBest: gapFraction(score, bestScore) };
}

/** The candidates as public ones, each with its gap to the best of `collector` (itself when it is empty). */
export function publicList(list: readonly Ranked[], collector: Collector): SearchCandidate[] {
  const top = collector.best[0];
  return list.map((c) => publicCandidate(c, top ? top.score : c.score));
}

export function sortedPareto(collector: Collector): Ranked[] {
  return [...collector.pareto].sort(
    (a, b) => a.timeSeconds - b.timeSeconds || a.costUsd - b.costUsd || b.headroomBytes - a.headroomBytes || canonicalCompare(a, b),
  );
}
