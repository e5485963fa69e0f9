/**
 * Routing imbalance across expert-parallel ranks (PlanOptions.expertLoadImbalance): the busiest rank receives f times
 * the mean routed tokens. Its expert GEMMs, its share of the all-to-all and its expert activations scale with f.
 */
import { InvalidInputError } from './errors.js';
import type { ModelArchitecture, ParallelLayout, PlanOptions } from './types.js';

/** The busiest EP rank's load over the mean: 1 (balanced routing) to 16. */
export function expertLoadOf(imbalance: number | undefined): number {
  if (imbalance === undefined) return 1;
  if (!Number.isFinite(imbalance) || imbalance < 1 || imbalance > 16) {
    throw new InvalidInputError('options.expertLoadImbalance', imbalance, 'a number from 1 (balanced routing) to 16');
  }
  return imbalance;
}

/** The load that applies to a plan: only MoE models split over EP ranks have a busiest rank (1 otherwise). */
export function expertLoadFor(arch: ModelArchitecture, layout: ParallelLayout, options: PlanOptions | undefined): number {
  return arch.experts > 1 && layout.expertParallel > 1 ? expertLoadOf(options?.expertLoadImbalance) : 1;
}
