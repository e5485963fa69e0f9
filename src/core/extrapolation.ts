/**
 * The article's 2020 extrapolation GPT-2 → GPT-3 → "GPT-4": grow the model by the same factor again, read the loss
 * off Kaplan's L(N), the compute for that loss off the GPT-3 paper's compute fit, the tokens off Kaplan's L(D), and
 * scale GPT-3's cost by the compute ratio. Every assumption is a named, overridable input; the same compute is then
 * re-allocated the Chinchilla way for comparison.
 */
import { requireFinite } from './errors.js';
import { KAPLAN, PF_DAY_FLOPS, computeOptimalAllocation } from './scaling.js';

export interface ExtrapolationAssumptions {
  /** Parameters of the generation before the current one (GPT-2: 1.5B, Radford et al. 2019). */
  previousParameters: number;
  /** Parameters of the current generation (GPT-3: 175B, Brown et al. 2020). */
  currentParameters: number;
  /** Kaplan's L(N) = (N_c/N)^α_N (Kaplan et al. 2020 Eq. 1.1); the article applies it to the total count. */
  lossParametersScale: number;
  lossParametersExponent: number;
  /** Kaplan's L(D) = (D_c/D)^α_D (Kaplan et al. 2020 Eq. 1.2). */
  lossTokensScale: number;
  lossTokensExponent: number;
  /** GPT-3 paper's compute frontier L = 2.57·C^−0.048, C in PF-days (Brown et al. 2020 Fig. 3.1). */
  computeFitCoefficient: number;
  computeFitExponent: number;
  /** Bytes of text per token: the 2020 thread's 570 GB of filtered Common Crawl ≈ 400B BPE tokens. */
  bytesPerToken: number;
  /** GPT-3's training cost on V100 cloud GPUs (Lambda Labs 2020 estimate: $4.6M). */
  currentCostUsd: number;
  /** A100 speed-up over V100 for this work (the article: 3–6×; we take 6×, its optimistic end). */
  a100SpeedupOverV100: number;
  /** Context: tokens in all printed books, 150M books × 200 pages × 300 tokens (the article). */
  allBooksTokens: number;
  /** Context: tokens in English Wikipedia (the article: ≈ 3B). */
  englishWikipediaTokens: number;
}

export const DEFAULT_EXTRAPOLATION_ASSUMPTIONS: Readonly<ExtrapolationAssumptions> = Object.freeze({
  previousParameters: 1.5e9,
  currentParameters: 175e9,
  lossParametersScale: KAPLAN.nC,
  lossParametersExponent: KAPLAN.alphaN,
  lossTokensScale: KAPLAN.dC,
  lossTokensExponent: KAPLAN.alphaD,
  computeFitCoefficient: 2.57,
  computeFitExponent: 0.048,
  bytesPerToken: 570e9 / 400e9,
  currentCostUsd: 4.6e6,
  a100SpeedupOverV100: 6,
  allBooksTokens: 150e6 * 200 * 300,
  englishWikipediaTokens: 3e9,
});

export interface ExtrapolationResult {
  assumptions: ExtrapolationAssumptions;
  /** Growth factor from the previous to the current generation, applied once more. */
  growthFactor: number;
  nextParameters: number;
  currentLoss: number;
  nextLoss: number;
  currentComputePfDays: number;
  nextComputePfDays: number;
  nextComputeFlops: number;
  computeRatio: number;
  nextTokens: number;
  nextDatasetBytes: number;
  nextCostV100Usd: number;
  nextCostA100Usd: number;
  /** nextTokens / all printed books' tokens, and / English Wikipedia's. */
  nextTokensOverAllBooks: number;
  nextTokensOverEnglishWikipedia: number;
  /** The same compute under the Chinchilla allocation (Table-3 fit; loss from approach 3, total parameters). */
  chinchilla: { parameters: number; tokens: number; predictedLoss: number; tokensPerParameter: number };
  /** The same compute at the approach-3 analytic optimum, for comparison. */
  chinchillaParametric: { parameters: number; tokens: number; predictedLoss: number };
}

/** Project the next generation the article's way (all figures reproduced in test/core/extrapolation.test.ts). */
export function extrapolateNextGeneration(overrides: Partial<ExtrapolationAssumptions> = {}): ExtrapolationResult {
  const a: ExtrapolationAssumptions = { ...DEFAULT_EXTRAPOLATION_ASSUMPTIONS, ...overrides };
  for (const [field, value] of Object.entries(a)) {
    requireFinite(`assumptions.${field}`, value as number, Number.MIN_VALUE);
  }
  const growthFactor = a.currentParameters / a.previousParameters;
  // N₄ = N₃·(N₃/N₂): the same factor again (the article, step 1).
  const nextParameters = a.currentParameters * growthFactor;
  // L(N) = (N_c/N)^α_N (Kaplan et al. 2020 Eq. 1.1).
  const lossAt = (n: number): number => (a.lossParametersScale / n) ** a.lossParametersExponent;
  const currentLoss = lossAt(a.currentParameters);
  const nextLoss = lossAt(nextParameters);
  // Invert L = c·C^−γ: C = (c/L)^(1/γ) PF-days (Brown et al. 2020 Fig. 3.1).
  const computeFor = (loss: number): number => (a.computeFitCoefficient / loss) ** (1 / a.computeFitExponent);
  const currentComputePfDays = computeFor(currentLoss);
  const nextComputePfDays = computeFor(nextLoss);
  const computeRatio = nextComputePfDays / currentComputePfDays;
  // Invert L(D) = (D_c/D)^α_D (Kaplan et al. 2020 Eq. 1.2).
  const nextTokens = a.lossTokensScale / nextLoss ** (1 / a.lossTokensExponent);
  const nextDatasetBytes = nextTokens * a.bytesPerToken;
  // Cost scales with compute on the same hardware at the same price per GPU-hour.
  const nextCostV100Usd = a.currentCostUsd * computeRatio;
  const nextCostA100Usd = nextCostV100Usd / a.a100SpeedupOverV100;
  const nextComputeFlops = nextComputePfDays * PF_DAY_FLOPS;

  const chin = computeOptimalAllocation(nextComputeFlops, 'CHINCHILLA');
  const param = computeOptimalAllocation(nextComputeFlops, 'CHINCHILLA_PARAMETRIC');
  return {
    assumptions: a,
    growthFactor,
    nextParameters,
    currentLoss,
    nextLoss,
    currentComputePfDays,
    nextComputePfDays,
    nextComputeFlops,
    computeRatio,
    nextTokens,
    nextDatasetBytes,
    nextCostV100Usd,
    nextCostA100Usd,
    nextTokensOverAllBooks: nextTokens / a.allBooksTokens,
    nextTokensOverEnglishWikipedia: nextTokens / a.englishWikipediaTokens,
    chinchilla: {
      parameters: chin.parameters,
      tokens: chin.tokens,
      predictedLoss: chin.predictedLoss ?? Number.NaN,
      tokensPerParameter: chin.tokens / chin.parameters,
    },
    chinchillaParametric: {
      parameters: param.parameters,
      tokens: param.tokens,
      predictedLoss: param.predictedLoss ?? Number.NaN,
    },
  };
}
