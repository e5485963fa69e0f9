/**
 * The data and loss side of budgetPlan: Muennighoff's effective data, the minimum of a law's loss fit along C = 6ND,
 * and the inverse questions (tokens or compute for a loss, compute for an allocation).
 */
import {
  CHINCHILLA_APPROACH3,
  computeOptimalAllocation,
  EPOCH_2024,
  KAPLAN_JOINT,
  parametricOptimum,
  predictedLoss,
  type ScalingLawName,
} from './scaling.js';
import { MUENNIGHOFF_REPETITION_HALF_LIFE } from './budget-types.js';
import type { ModelCounts } from './types.js';

// Data and loss

/**
 * Effective data of D tokens drawn from U unique ones (Muennighoff et al. 2023, Eq. 5):
 * D' = U + U·R*·(1 − e^(−R/R*)), R = D/U − 1 repetitions beyond the first epoch, R* = 15.4.
 */
export function effectiveTokens(tokens: number, uniqueTokens: number | null | undefined): number {
  if (uniqueTokens === null || uniqueTokens === undefined || tokens <= uniqueTokens) return tokens;
  const repetitions = tokens / uniqueTokens - 1;
  const r = MUENNIGHOFF_REPETITION_HALF_LIFE;
  return uniqueTokens + uniqueTokens * r * -Math.expm1(-repetitions / r);
}

/** The parameters at which the law's loss fit is lowest along C = 6ND (parametric: Hoffmann et al. 2022 Eq. 4). */
export function lossOptimalParameters(law: ScalingLawName, computeFlops: number): number {
  if (law === 'CHINCHILLA' || law === 'CHINCHILLA_PARAMETRIC') return parametricOptimum(CHINCHILLA_APPROACH3, computeFlops).parameters;
  if (law === 'EPOCH') return parametricOptimum(EPOCH_2024, computeFlops).parameters;
  // Kaplan Eq. 1.5, L = (x + y)^α_D with x = (N_c/N)^p, p = α_N/α_D, y = D_c/D = 6·D_c·N/C along C = 6ND: dL/dN = 0
  // at y = p·x, i.e. N = (p·N_c^p·C/(6·D_c))^(1/(1+p)) (Kaplan et al. 2020 Eq. 1.5 minimised; Table 2 constants).
  const { alphaN, alphaD, nC, dC } = KAPLAN_JOINT;
  const p = alphaN / alphaD;
  return Math.exp((Math.log(p) + p * Math.log(nC) + Math.log(computeFlops) - Math.log(6 * dC)) / (1 + p));
}

/** The count a law's N means: Kaplan non-embedding, the others all parameters; an MoE's active ones. */
export function lawParametersOf(law: ScalingLawName, counts: ModelCounts): number {
  return law === 'KAPLAN' ? counts.activeNonEmbeddingParameters : counts.activeParameters;
}

/** The smallest x in [lo, hi] (geometric bisection to a ratio of 1 + tolerance) with `reaches(x)`; `reaches` is monotone, true at hi. */
function leastReaching(lo: number, hi: number, tolerance: number, reaches: (x: number) => boolean): number {
  for (let i = 0; i < 200 && hi / lo > 1 + tolerance; i++) {
    const mid = Math.sqrt(lo * hi);
    if (reaches(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Tokens a model of `parameters` law-parameters needs to reach `loss` (bisection; null when its asymptote is above). */
export function tokensForLoss(law: ScalingLawName, availableTokens: number | null, parameters: number, loss: number): number | null {
  const reaches = (tokens: number): boolean => predictedLoss(law, parameters, effectiveTokens(tokens, availableTokens)) <= loss;
  if (!reaches(1e18)) return null;
  if (reaches(1e3)) return 1e3;
  return leastReaching(1e3, 1e18, 1e-9, reaches);
}

/** The least compute at which the law's loss can reach `loss` (bisection on C; centres the inverse question's grid). */
export function computeForLoss(law: ScalingLawName, loss: number): number {
  // The least compute whose best split reaches the loss: the law's own loss at its minimum along C = 6ND.
  const reaches = (c: number): boolean => {
    const n = lossOptimalParameters(law, c);
    return predictedLoss(law, n, c / (6 * n)) <= loss;
  };
  if (!reaches(1e36)) return Infinity;
  return leastReaching(1e12, 1e36, 1e-6, reaches);
}

/** The compute whose law allocation is `parameters` (bisection on C; the allocation grows with C). */
export function allocationComputeFor(law: ScalingLawName, parameters: number): number {
  return leastReaching(1e6, 1e40, 1e-9, (c) => computeOptimalAllocation(c, law).parameters >= parameters);
}
