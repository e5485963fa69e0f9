/** Scaling laws: compute-optimal allocation, predicted loss, and the article's GPT-4 extrapolation. */
import { DEFAULT_EXTRAPOLATION_ASSUMPTIONS, extrapolateNextGeneration, type ExtrapolationAssumptions, type ExtrapolationResult } from '../core/extrapolation.js';
import { computeOptimalAllocation, flopsToPfDays, predictedLoss, type OptimalAllocation, type ScalingLawName } from '../core/scaling.js';
import { builder } from './builder.js';
import { ScalingLawEnum } from './enums.js';
import { withInputPath } from './error-helpers.js';
import { floatIn, MAX_PARAMETERS, MAX_TRAINING_TOKENS } from './validation.js';

/** Non-finite results (a law evaluated far outside its fit) are reported as null, never as a serialisation error. */
export function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

type ComputeOptimalShape = OptimalAllocation & { law: ScalingLawName };

export const ComputeOptimalRef = builder.objectRef<ComputeOptimalShape>('ComputeOptimal').implement({
  description: 'The compute-optimal model size and tokens for a compute budget under one scaling law (C = 6·N·D).',
  fields: (t) => ({
    law: t.field({ type: ScalingLawEnum, description: 'The scaling law used.', resolve: (c) => c.law }),
    computeFlops: t.exposeFloat('computeFlops', { description: 'The training compute budget in FLOPs.' }),
    computePfDays: t.float({ description: 'The same budget in petaFLOP/s-days (8.64·10¹⁹ FLOPs each).', resolve: (c) => flopsToPfDays(c.computeFlops) }),
    parameters: t.exposeFloat('parameters', { description: 'Compute-optimal parameters (non-embedding for KAPLAN, total otherwise).' }),
    tokens: t.exposeFloat('tokens', { description: 'Compute-optimal training tokens, C / (6·N).' }),
    tokensPerParameter: t.float({ description: 'tokens / parameters (Chinchilla: about 20).', resolve: (c) => c.tokens / c.parameters }),
    predictedLoss: t.float({ nullable: true, description: 'Predicted final loss in nats per token; null when the law gives none.', resolve: (c) => finiteOrNull(c.predictedLoss) }),
  }),
});

const ExtrapolationChinchillaRef = builder.simpleObject('ExtrapolationReallocation', {
  description: 'The extrapolated compute re-allocated the Chinchilla way.',
  fields: (t) => ({
    parameters: t.float({ description: 'Parameters.' }),
    tokens: t.float({ description: 'Training tokens.' }),
    predictedLoss: t.float({ nullable: true, description: 'Predicted loss in nats per token (Chinchilla approach 3).' }),
    tokensPerParameter: t.float({ description: 'tokens / parameters.' }),
  }),
});

export const ExtrapolationRef = builder.objectRef<ExtrapolationResult>('Extrapolation').implement({
  description:
    'The article\'s 2020 extrapolation GPT-2 → GPT-3 → "GPT-4": grow the model by the same factor again, read loss, compute, tokens and cost off Kaplan\'s laws and the GPT-3 paper\'s compute fit; then the same compute allocated the Chinchilla way.',
  fields: (t) => ({
    growthFactor: t.exposeFloat('growthFactor', { description: 'currentParameters / previousParameters (GPT-3 / GPT-2 ≈ 117).' }),
    previousParameters: t.float({ description: 'Parameters of the previous generation (GPT-2: 1.5·10⁹).', resolve: (r) => r.assumptions.previousParameters }),
    currentParameters: t.float({ description: 'Parameters of the current generation (GPT-3: 1.75·10¹¹).', resolve: (r) => r.assumptions.currentParameters }),
    nextParameters: t.exposeFloat('nextParameters', { description: 'Parameters of the next generation (≈ 2·10¹³).' }),
    currentLoss: t.exposeFloat('currentLoss', { description: 'Kaplan L(N) of the current generation, nats per token.' }),
    nextLoss: t.exposeFloat('nextLoss', { description: 'Kaplan L(N) of the next generation, nats per token.' }),
    currentComputePfDays: t.exposeFloat('currentComputePfDays', { description: 'Compute for the current loss on the GPT-3 compute frontier, in PF-days.' }),
    nextComputePfDays: t.exposeFloat('nextComputePfDays', { description: 'Compute for the next loss on that frontier, in PF-days.' }),
    nextComputeFlops: t.exposeFloat('nextComputeFlops', { description: 'The same in FLOPs.' }),
    computeRatio: t.exposeFloat('computeRatio', { description: 'nextComputePfDays / currentComputePfDays.' }),
    nextTokens: t.exposeFloat('nextTokens', { description: 'Tokens needed for the next loss by Kaplan L(D).' }),
    nextDatasetBytes: t.exposeFloat('nextDatasetBytes', { description: 'nextTokens in bytes of text.' }),
    nextCostV100Usd: t.exposeFloat('nextCostV100Usd', { description: 'GPT-3\'s V100 cost scaled by the compute ratio, in US dollars.' }),
    nextCostA100Usd: t.exposeFloat('nextCostA100Usd', { description: 'The same on A100s (divided by the assumed A100 speed-up), in US dollars.' }),
    nextTokensOverAllBooks: t.exposeFloat('nextTokensOverAllBooks', { description: 'nextTokens / tokens in all printed books.' }),
    nextTokensOverEnglishWikipedia: t.exposeFloat('nextTokensOverEnglishWikipedia', { description: 'nextTokens / tokens in English Wikipedia.' }),
    chinchilla: t.field({
      type: ExtrapolationChinchillaRef,
      description: 'The same compute under the Chinchilla Table-3 allocation.',
      resolve: (r) => ({ ...r.chinchilla, predictedLoss: finiteOrNull(r.chinchilla.predictedLoss) }),
    }),
    chinchillaParametric: t.field({
      type: ExtrapolationChinchillaRef,
      description: 'The same compute at the Chinchilla approach-3 optimum.',
      resolve: (r) => ({
        ...r.chinchillaParametric,
        predictedLoss: finiteOrNull(r.chinchillaParametric.predictedLoss),
        tokensPerParameter: r.chinchillaParametric.tokens / r.chinchillaParametric.parameters,
      }),
    }),
  }),
});

const A = DEFAULT_EXTRAPOLATION_ASSUMPTIONS;
const ExtrapolationInputRef = builder.inputType('ExtrapolationInput', {
  description: 'Override any assumption of the extrapolation (all positive numbers; omitted ones keep the article\'s values).',
  fields: (t) => ({
    previousParameters: t.float({ description: `Previous generation's parameters (default ${A.previousParameters}).`, validate: floatIn(1, MAX_PARAMETERS) }),
    currentParameters: t.float({ description: `Current generation's parameters (default ${A.currentParameters}).`, validate: floatIn(1, MAX_PARAMETERS) }),
    currentCostUsd: t.float({ description: `Current generation's training cost in US dollars (default ${A.currentCostUsd}).`, validate: floatIn(0, 1e15, true) }),
    a100SpeedupOverV100: t.float({ description: `A100 speed-up over V100 (default ${A.a100SpeedupOverV100}).`, validate: floatIn(0, 1000, true) }),
    bytesPerToken: t.float({ description: `Bytes of text per token (default ${A.bytesPerToken.toFixed(3)}).`, validate: floatIn(0, 1000, true) }),
  }),
});

builder.queryFields((t) => ({
  computeOptimal: t.field({
    type: ComputeOptimalRef,
    description: 'Compute-optimal parameters and tokens for a budget of `computeFlops` FLOPs under `law`.',
    args: {
      computeFlops: t.arg.float({ required: true, description: 'Training compute budget in FLOPs (1 to 10⁴⁰).', validate: floatIn(1, 1e40) }),
      law: t.arg({ type: ScalingLawEnum, defaultValue: 'CHINCHILLA', description: 'Which scaling law.' }),
    },
    resolve: (_root, { computeFlops, law }) => ({ ...computeOptimalAllocation(computeFlops, law ?? 'CHINCHILLA'), law: law ?? 'CHINCHILLA' }),
  }),
  scalingLawLoss: t.float({
    nullable: true,
    description: 'Predicted final loss in nats per token of `parameters` trained on `tokens` (KAPLAN expects non-embedding parameters).',
    args: {
      parameters: t.arg.float({ required: true, description: 'Parameters.', validate: floatIn(1, MAX_PARAMETERS) }),
      tokens: t.arg.float({ required: true, description: 'Training tokens.', validate: floatIn(1, MAX_TRAINING_TOKENS) }),
      law: t.arg({ type: ScalingLawEnum, defaultValue: 'CHINCHILLA', description: 'Which scaling law.' }),
    },
    resolve: (_root, { parameters, tokens, law }) => finiteOrNull(predictedLoss(law ?? 'CHINCHILLA', parameters, tokens)),
  }),
  extrapolation: t.field({
    type: ExtrapolationRef,
    description: 'The article\'s GPT-4 extrapolation (defaults reproduce its figures); pass `assumptions` to change them.',
    args: { assumptions: t.arg({ type: ExtrapolationInputRef, description: 'Overrides of the article\'s assumptions.' }) },
    resolve: (_root, { assumptions }) => {
      const overrides: Partial<ExtrapolationAssumptions> = {};
      for (const [key, value] of Object.entries(assumptions ?? {})) {
        if (typeof value === 'number') overrides[key as keyof ExtrapolationAssumptions] = value;
      }
      return withInputPath('assumptions', () => extrapolateNextGeneration(overrides));
    },
  }),
}));
