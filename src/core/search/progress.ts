/** The search's clock, cancellation and progress reports (the clock is injected: the core has none). */
import { type Collector, publicList, sortedPareto } from './rank.js';
import type { PlanSearchHooks, SearchStopReason } from './types.js';

export class Stopper {
  readonly start: number;
  stopReason: SearchStopReason = 'COMPLETE';
  private lastProgress: number;
  private groupsSinceProgress = 0;
  constructor(
    private readonly hooks: PlanSearchHooks,
    private readonly timeLimitSeconds: number,
  ) {
    this.start = hooks.now ? hooks.now() : 0;
    this.lastProgress = this.start;
  }
  elapsed(): number {
    return this.hooks.now ? this.hooks.now() - this.start : 0;
  }
  /** Polled between groups: true once cancelled or out of time. */
  shouldStop(): boolean {
    if (this.stopReason !== 'COMPLETE') return true;
    if (this.hooks.shouldStop?.()) this.stopReason = 'CANCELLED';
    else if (this.hooks.now && this.elapsed() > this.timeLimitSeconds) this.stopReason = 'TIME_LIMIT';
    return this.stopReason !== 'COMPLETE';
  }
  progressDue(): boolean {
    if (!this.hooks.onProgress) return false;
    if (this.hooks.now) {
      const t = this.hooks.now();
      if (t - this.lastProgress < (this.hooks.progressIntervalSeconds ?? 0.25)) return false;
      this.lastProgress = t;
      return true;
    }
    return ++this.groupsSinceProgress % 256 === 0;
  }
}

export interface SearchState {
  candidates: number;
  evaluated: number;
  memoryChecked: number;
  feasible: number;
  covered: number;
  /** Smallest device memory seen: the space's minimum (members never checked need more than a checked one). */
  minMemoryBytes: number;
}

export function reportProgress(hooks: PlanSearchHooks, state: SearchState, collector: Collector, stopper: Stopper, maxPareto: number): void {
  hooks.onProgress?.({
    candidates: state.candidates,
    covered: state.covered,
    evaluated: state.evaluated,
    feasible: state.feasible,
    elapsedSeconds: stopper.elapsed(),
    best: publicList(collector.best, collector),
    pareto: publicList(sortedPareto(collector).slice(0, maxPareto), collector),
  });
}
