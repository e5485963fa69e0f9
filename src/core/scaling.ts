/**
 * Neural scaling laws: Kaplan et al. 2020, Chinchilla (Hoffmann et al. 2022) and Epoch AI's replication
 * (Besiroglu et al. 2024); compute C = 6·N·D and PF-day conversions.
 *
 * Loss is in nats per token on each paper's own data set, so the laws' absolute losses are not comparable with one
 * another (Kaplan: WebText2; Chinchilla: MassiveText); compare allocations, not loss values, across laws.
 * Parameter conventions differ too: Kaplan's N excludes embeddings, Chinchilla's N counts all parameters.
 */
import { InvalidInputError, requireFinite } from './errors.js';

/** 1 PF-day = 10¹⁵ FLOP/s × 86,400 s (Kaplan et al. 2020 §1.3; Brown et al. 2020 Table D.1). */
export const PF_DAY_FLOPS = 1e15 * 86_400;

/** Training compute C ≈ 6·N·D: 2 FLOPs per parameter per token forward, twice that backward (Kaplan et al. 2020 §2.1). */
export function sixNDComputeFlops(parameters: number, tokens: number): number {
  requireFinite('parameters', parameters, 0);
  requireFinite('tokens', tokens, 0);
  return 6 * parameters * tokens;
}

export function flopsToPfDays(flops: number): number {
  return requireFinite('computeFlops', flops, 0) / PF_DAY_FLOPS;
}

export function pfDaysToFlops(pfDays: number): number {
  return requireFinite('computePfDays', pfDays, 0) * PF_DAY_FLOPS;
}

// ---------------------------------------------------------------------------------------------------------------
// Kaplan et al. 2020, "Scaling Laws for Neural Language Models". N = non-embedding parameters, D = tokens,
// C in PF-days, L in nats/token.

/** Single-variable fits (Kaplan et al. 2020 Eqs. 1.1–1.3). */
export const KAPLAN = Object.freeze({
  alphaN: 0.076,
  nC: 8.8e13,
  alphaD: 0.095,
  dC: 5.4e13,
  alphaCMin: 0.05,
  cCMinPfDays: 3.1e8,
  /** Compute-efficient frontier (Kaplan et al. 2020 Table 6): N_opt = N_e·C_min^p_N, D_opt = D_e·C_min^p_D. */
  pN: 0.73,
  nE: 1.3e9,
  pD: 0.27,
  dE: 2e10,
  /** Critical batch size B_crit(L) = B* / L^(1/α_B) (Eq. 1.4). */
  alphaB: 0.21,
  /** B* = 2·10⁸ tokens as printed in Eq. 1.4; Table 5 gives 2.1·10⁸ (pass it to `kaplanCriticalBatchTokens`). */
  bStarTokens: 2e8,
});

/** Joint fit L(N, D) (Kaplan et al. 2020 Eq. 1.5 with the Table 2 constants; note α_D and the scales differ from Eq. 1.1–1.2). */
export const KAPLAN_JOINT = Object.freeze({ alphaN: 0.076, alphaD: 0.103, nC: 6.4e13, dC: 1.8e13 });

/** L(N) = (N_c/N)^α_N: converged loss of a model with N non-embedding parameters (Kaplan et al. 2020 Eq. 1.1). */
export function kaplanLossFromParameters(nonEmbeddingParameters: number): number {
  requireFinite('parameters', nonEmbeddingParameters, Number.MIN_VALUE);
  return (KAPLAN.nC / nonEmbeddingParameters) ** KAPLAN.alphaN;
}

/** L(D) = (D_c/D)^α_D: loss of a large model trained with early stopping on D tokens (Kaplan et al. 2020 Eq. 1.2). */
export function kaplanLossFromTokens(tokens: number): number {
  requireFinite('tokens', tokens, Number.MIN_VALUE);
  return (KAPLAN.dC / tokens) ** KAPLAN.alphaD;
}

/**
 * L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D (Kaplan et al. 2020 Eq. 1.5). `constants` defaults to the joint fit
 * (Table 2); pass `KAPLAN` to use the single-variable constants, as some write-ups do.
 */
export function kaplanLoss(
  nonEmbeddingParameters: number,
  tokens: number,
  constants: { alphaN: number; alphaD: number; nC: number; dC: number } = KAPLAN_JOINT,
): number {
  requireFinite('parameters', nonEmbeddingParameters, Number.MIN_VALUE);
  requireFinite('tokens', tokens, Number.MIN_VALUE);
  const { alphaN, alphaD, nC, dC } = constants;
  return ((nC / nonEmbeddingParameters) ** (alphaN / alphaD) + dC / tokens) ** alphaD;
}

/** L(C_min) = (C_c/C_min)^α_C, C in PF-days: loss on the compute-efficient frontier (Kaplan et al. 2020 Eq. 1.3). */
export function kaplanLossFromComputePfDays(computePfDays: number): number {
  requireFinite('computePfDays', computePfDays, Number.MIN_VALUE);
  return (KAPLAN.cCMinPfDays / computePfDays) ** KAPLAN.alphaCMin;
}

/** N_opt(C_min) = 1.3·10⁹·C_min^0.73 non-embedding parameters, C in PF-days (Kaplan et al. 2020 Eq. 1.7, Table 6). */
export function kaplanOptimalParameters(computePfDays: number): number {
  requireFinite('computePfDays', computePfDays, Number.MIN_VALUE);
  return KAPLAN.nE * computePfDays ** KAPLAN.pN;
}

/** D_opt(C_min) = 2·10¹⁰·C_min^0.27 tokens, C in PF-days (Kaplan et al. 2020 Table 6; trained at B_crit, so not C/6N). */
export function kaplanOptimalTokens(computePfDays: number): number {
  requireFinite('computePfDays', computePfDays, Number.MIN_VALUE);
  return KAPLAN.dE * computePfDays ** KAPLAN.pD;
}

/** B_crit(L) = B* / L^(1/α_B) tokens (Kaplan et al. 2020 Eq. 1.4); B* defaults to Eq. 1.4's 2·10⁸ (Table 5: 2.1·10⁸). */
export function kaplanCriticalBatchTokens(loss: number, bStarTokens: number = KAPLAN.bStarTokens): number {
  requireFinite('loss', loss, Number.MIN_VALUE);
  requireFinite('bStarTokens', bStarTokens, Number.MIN_VALUE);
  return bStarTokens / loss ** (1 / KAPLAN.alphaB);
}

// ---------------------------------------------------------------------------------------------------------------
// Parametric law L(N, D) = E + A/N^α + B/D^β, N = all parameters.

export interface ParametricLaw {
  E: number;
  A: number;
  B: number;
  alpha: number;
  beta: number;
}

/**
 * Chinchilla approach 3 with the unrounded exponents (Hoffmann et al. 2022 Eq. 10 and App. D.2: α = 0.3392,
 * β = 0.2849). These reproduce the paper's ≈ 40B-parameter optimum at Gopher's budget; the rounded ones give ≈ 32B.
 */
export const CHINCHILLA_APPROACH3: Readonly<ParametricLaw> = Object.freeze({
  E: 1.69,
  A: 406.4,
  B: 410.7,
  alpha: 0.3392,
  beta: 0.2849,
});

/** The same fit with the exponents as printed in Eq. 10 (α = 0.34, β = 0.28). */
export const CHINCHILLA_APPROACH3_ROUNDED: Readonly<ParametricLaw> = Object.freeze({
  E: 1.69,
  A: 406.4,
  B: 410.7,
  alpha: 0.34,
  beta: 0.28,
});

/** Epoch AI's re-fit of approach 3 on the paper's reconstructed data (Besiroglu et al. 2024, "Chinchilla Scaling: A replication attempt", Eq. 4). */
export const EPOCH_2024: Readonly<ParametricLaw> = Object.freeze({
  E: 1.82,
  A: 482.01,
  B: 2085.43,
  alpha: 0.3478,
  beta: 0.3658,
});

/** E + A/N^α + B/D^β (Hoffmann et al. 2022 Eq. 2). */
export function parametricLoss(law: ParametricLaw, parameters: number, tokens: number): number {
  requireFinite('parameters', parameters, Number.MIN_VALUE);
  requireFinite('tokens', tokens, Number.MIN_VALUE);
  return law.E + law.A / parameters ** law.alpha + law.B / tokens ** law.beta;
}

/**
 * Minimum of the parametric law under C = 6ND (Hoffmann et al. 2022 Eq. 4):
 * N_opt = G·(C/6)^(β/(α+β)), D_opt = G⁻¹·(C/6)^(α/(α+β)), G = (αA/(βB))^(1/(α+β)).
 */
export function parametricOptimum(law: ParametricLaw, computeFlops: number): { parameters: number; tokens: number } {
  requireFinite('computeFlops', computeFlops, Number.MIN_VALUE);
  const sum = law.alpha + law.beta;
  const g = ((law.alpha * law.A) / (law.beta * law.B)) ** (1 / sum);
  const parameters = g * (computeFlops / 6) ** (law.beta / sum);
  const tokens = (1 / g) * (computeFlops / 6) ** (law.alpha / sum);
  return { parameters, tokens };
}

// ---------------------------------------------------------------------------------------------------------------
// Chinchilla approaches 1–2: N_opt ∝ C^a, a ≈ 0.5 (Hoffmann et al. 2022 Table 2: approach 1 a = 0.50, approach 2 a = 0.49).

/**
 * N_opt = k·C^a fitted by least squares of ln N on ln C over the nine rows of Hoffmann et al. 2022 Table 3
 * (approach 1): a = 0.4981, k = 0.09916. Every row's parameters are reproduced within 1.3 %; tokens follow from
 * C = 6ND (within 1 % except the 67B row, whose printed 1.5T is itself 4.5 % above 5.76·10²³/(6·67B)).
 */
export const CHINCHILLA_TABLE3_FIT = Object.freeze({ a: 0.4981, k: 0.09916 });

/** Compute-optimal parameters for a budget under the approach-1 allocation (Hoffmann et al. 2022 Table 3). */
export function chinchillaOptimalParameters(computeFlops: number): number {
  requireFinite('computeFlops', computeFlops, Number.MIN_VALUE);
  return CHINCHILLA_TABLE3_FIT.k * computeFlops ** CHINCHILLA_TABLE3_FIT.a;
}

/** The inverse: the compute budget for which `parameters` is compute-optimal (Table 3 read the other way). */
export function chinchillaOptimalComputeFlops(parameters: number): number {
  requireFinite('parameters', parameters, Number.MIN_VALUE);
  return (parameters / CHINCHILLA_TABLE3_FIT.k) ** (1 / CHINCHILLA_TABLE3_FIT.a);
}

// ---------------------------------------------------------------------------------------------------------------
// One entry point per law for the API.

export type ScalingLawName = 'KAPLAN' | 'CHINCHILLA' | 'CHINCHILLA_PARAMETRIC' | 'EPOCH';

export const SCALING_LAW_NAMES: readonly ScalingLawName[] = Object.freeze([
  'KAPLAN',
  'CHINCHILLA',
  'CHINCHILLA_PARAMETRIC',
  'EPOCH',
]);

function requireLaw(law: ScalingLawName): ScalingLawName {
  if (!SCALING_LAW_NAMES.includes(law)) {
    throw new InvalidInputError('law', law, `one of ${SCALING_LAW_NAMES.join(', ')}`);
  }
  return law;
}

/**
 * Predicted final loss (nats/token) of a model with `parameters` trained on `tokens`.
 * KAPLAN: L(N, D) of Eq. 1.5 with the joint-fit constants, and `parameters` must be NON-EMBEDDING parameters
 * (Kaplan's convention). CHINCHILLA and CHINCHILLA_PARAMETRIC: approach 3 with unrounded exponents (all
 * parameters). EPOCH: Besiroglu et al. 2024.
 */
export function predictedLoss(law: ScalingLawName, parameters: number, tokens: number): number {
  switch (requireLaw(law)) {
    case 'KAPLAN':
      return kaplanLoss(parameters, tokens);
    case 'CHINCHILLA':
    case 'CHINCHILLA_PARAMETRIC':
      return parametricLoss(CHINCHILLA_APPROACH3, parameters, tokens);
    case 'EPOCH':
      return parametricLoss(EPOCH_2024, parameters, tokens);
  }
}

/**
 * Predicted loss along a run, at each point of `tokensTrained`. This reads the final-loss law at intermediate
 * token counts, i.e. it assumes each point is the end of a run of that length (a learning-rate schedule matched to
 * it, as the Chinchilla fits assume); an actual run with one long cosine schedule lies a little above this curve
 * mid-way (Hoffmann et al. 2022 App. A). Points must be positive; order is kept.
 */
export function lossAlongRun(law: ScalingLawName, parameters: number, tokensTrained: readonly number[]): number[] {
  requireLaw(law);
  return tokensTrained.map((tokens, i) => {
    requireFinite(`tokensTrained[${i}]`, tokens, Number.MIN_VALUE);
    return predictedLoss(law, parameters, tokens);
  });
}

export interface OptimalAllocation {
  computeFlops: number;
  parameters: number;
  tokens: number;
  predictedLoss: number | null;
}

/**
 * Compute-optimal model size and tokens for a budget (C = 6ND throughout, so tokens = C/(6N)):
 * - KAPLAN: N_opt = 1.3·10⁹·C^0.73 (C in PF-days; non-embedding parameters), loss L(N, D) of Eq. 1.5.
 * - CHINCHILLA: the approach-1 allocation fitted to Table 3, loss from approach 3 (unrounded).
 * - CHINCHILLA_PARAMETRIC / EPOCH: the analytic optimum of that parametric law, and its loss.
 */
export function computeOptimalAllocation(computeFlops: number, law: ScalingLawName): OptimalAllocation {
  requireFinite('computeFlops', computeFlops, 1, 1e40);
  let parameters: number;
  switch (requireLaw(law)) {
    case 'KAPLAN':
      parameters = kaplanOptimalParameters(computeFlops / PF_DAY_FLOPS);
      break;
    case 'CHINCHILLA':
      parameters = chinchillaOptimalParameters(computeFlops);
      break;
    case 'CHINCHILLA_PARAMETRIC':
      parameters = parametricOptimum(CHINCHILLA_APPROACH3, computeFlops).parameters;
      break;
    case 'EPOCH':
      parameters = parametricOptimum(EPOCH_2024, computeFlops).parameters;
      break;
  }
  const tokens = computeFlops / (6 * parameters);
  return { computeFlops, parameters, tokens, predictedLoss: predictedLoss(law, parameters, tokens) };
}
