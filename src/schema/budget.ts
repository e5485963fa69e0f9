/**
 * budgetPlan: from dollars and days to the best model, tokens and layout on a fleet, failures included
 * (src/core/budget.ts); budgetPlanProgress streams its progress, then the answer. Long requests run off the event
 * loop through the BudgetPlanService a server module installs (src/server/budget-runner.ts); without it, inline.
 */
import { planBudget, type BudgetPlanOutcome, type BudgetPlanRequest, type BudgetPoint, type BudgetProgress, type BudgetSizeSummary } from '../core/budget.js';
import type { BudgetPlanService } from '../services/contracts.js';
import { makeCluster } from '../core/hardware.js';
import type { ClusterSpec } from '../core/types.js';
import { budgetFailureModel, simulateBudgetRun, type BudgetMonteCarlo } from '../simulation/budget-failures.js';
import { findReliabilityPreset, RELIABILITY_PRESETS } from '../simulation/presets.js';
import { builder } from './builder.js';
import { ClusterInputRef, clusterFromInput } from './cluster.js';
import type { SchemaContext } from './context.js';
import { PrecisionEnum, ScalingLawEnum } from './enums.js';
import { badUserInput, notFound, withInputPath, withInputPathAsync } from './error-helpers.js';
import { requireGpu } from './gpu.js';
import { ModelRef, type ModelView } from './model.js';
import { makeTrainingPlanView, TrainingPlanRef, type TrainingPlanView } from './plan.js';
import { finiteOrNull } from './scaling.js';
import { floatIn, idSchema, intIn, MAX_GPUS, MAX_TRAINING_TOKENS } from './validation.js';

/** Most Monte Carlo replicas a budgetPlan may ask to confirm its days with. */
export const MAX_BUDGET_MONTE_CARLO_REPLICAS = 50;

function service(ctx: SchemaContext): BudgetPlanService {
  const installed = ctx.budgetPlans;
  if (installed) return installed;
  return {
    run: (job, hooks) =>
      Promise.resolve(
        planBudget(job.request, {
          now: () => performance.now() / 1000,
          shouldStop: () => hooks.signal?.aborted ?? false,
          ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
        }),
      ),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Input

type FamilyKind = 'GPT' | 'LLAMA' | 'MOE';

const ArchitectureFamilyEnum = builder.enumType('ArchitectureFamily', {
  description: 'The family a parameter count is shaped into (docs/budget.md has the ratios and their sources).',
  values: {
    GPT: { description: 'GPT-3 shapes (Brown et al. 2020 Table 2.1): width ≈ 128 × layers, heads of 128, 4h GELU MLP, learned positions.' },
    LLAMA: { description: 'Llama 3 shapes (Dubey et al. 2024 Table 3): width ≈ 128 × layers, 8 KV heads, SwiGLU FFN 3.5 × width, rotary.' },
    MOE: { description: 'The Llama shape with every MLP as `experts` routed experts, `expertsPerToken` per token (Mixtral: 8, top-2).' },
  } satisfies Record<FamilyKind, { description: string }>,
});

const BindingConstraintEnum = builder.enumType('BindingConstraint', {
  description: 'What limits the answer.',
  values: {
    BUDGET: { description: 'The dollars: the deadline would allow more tokens.' },
    DEADLINE: { description: 'The days: the budget would pay for more.' },
    DATA: { description: 'The unique tokens: the plan repeats data (epochs > 1), each repetition worth less (Muennighoff et al. 2023).' },
    MEMORY: { description: 'The fleet\'s memory: no larger model fits with any layout searched.' },
    TARGET_LOSS: { description: 'The inverse question: the run stops at the target loss.' },
  },
});

/** GraphQL shape of BudgetPlanInput as Pothos infers it from BudgetPlanInputRef (defaults already applied by GraphQL). */
type BudgetPlanInputShape = typeof BudgetPlanInputRef.$inferInput;

const BudgetPlanInputRef = builder.inputType('BudgetPlanInput', {
  description: 'Dollars and/or days, a fleet, a scaling law and a model family: what is the best run? Give budgetUsd, deadlineDays or targetLoss (or several).',
  fields: (t) => ({
    budgetUsd: t.float({ description: 'Most US dollars to spend, failures and restarts included.', validate: floatIn(1, 1e13) }),
    deadlineDays: t.float({ description: 'Most days of expected wall time, failures and restarts included.', validate: floatIn(0.01, 3650) }),
    gpu: t.id({ description: 'Catalog GPU id of the fleet (nodes of its usual size), e.g. `h100-sxm`; or give clusterSpec.', validate: idSchema }),
    clusterSpec: t.field({ type: ClusterInputRef, description: 'The fleet as a cluster; maxGpus, if given, uses at most that many of its GPUs.' }),
    maxGpus: t.int({ description: 'Most GPUs to use (with gpu: required). The search also tries the largest power of two within them, its half and its quarter.', validate: intIn(1, MAX_GPUS) }),
    gpuHourUsd: t.float({ description: 'Price per GPU-hour in US dollars (default: the cluster\'s, else the GPU\'s catalog price).', validate: floatIn(0, 10_000) }),
    law: t.field({ type: ScalingLawEnum, defaultValue: 'CHINCHILLA', description: 'The scaling law that predicts the loss and the ideal allocation.' }),
    family: t.field({ type: ArchitectureFamilyEnum, defaultValue: 'LLAMA', description: 'The architecture family each size is shaped into.' }),
    experts: t.int({ description: 'MOE: routed experts per layer (default 8).', validate: intIn(2, 1024) }),
    expertsPerToken: t.int({ description: 'MOE: experts per token (default 2).', validate: intIn(1, 1024) }),
    sequenceLength: t.int({ description: 'Context length in tokens (default: GPT 2,048, LLAMA/MOE 8,192).', validate: intIn(128, 1 << 20) }),
    availableTokens: t.float({ description: 'Unique training tokens available; beyond them, data repeats with diminishing value.', validate: floatIn(1e6, MAX_TRAINING_TOKENS) }),
    reliability: t.id({ description: 'Reliability preset (see reliabilityPresets; default llama3-405b), or `none` for no failures.', validate: idSchema }),
    targetLoss: t.float({ description: 'The inverse question: the cheapest run that reaches this loss (nats per token, on the law\'s own data).', validate: floatIn(0.01, 20) }),
    idealUtilisation: t.boolean({ defaultValue: false, description: 'MFU 1 and no failures: the answer is then the law\'s own allocation of the compute the budget buys (computeOptimal).' }),
    precision: t.field({ type: PrecisionEnum, defaultValue: 'BF16', description: 'Training precision (peak FLOP/s and bytes).' }),
    monteCarloReplicas: t.int({ defaultValue: 0, description: `Confirm the analytic expected days with this many simulated runs (0–${MAX_BUDGET_MONTE_CARLO_REPLICAS}).`, validate: intIn(0, MAX_BUDGET_MONTE_CARLO_REPLICAS) }),
  }),
});

interface ResolvedBudget {
  request: BudgetPlanRequest;
  reliabilityPreset: string | null;
  monteCarloReplicas: number;
}

function resolveBudgetInput(input: BudgetPlanInputShape): ResolvedBudget {
  if (input.budgetUsd == null && input.deadlineDays == null && input.targetLoss == null) {
    throw badUserInput('input.budgetUsd', null, 'a budgetUsd, a deadlineDays or a targetLoss (at least one)');
  }
  if ((input.gpu == null) === (input.clusterSpec == null)) {
    throw badUserInput('input.gpu', input.gpu ?? null, 'exactly one of gpu (with maxGpus) or clusterSpec');
  }
  let cluster: ClusterSpec;
  if (input.clusterSpec != null) {
    const spec = clusterFromInput(input.clusterSpec, 'input.clusterSpec').spec;
    const total = spec.gpusPerNode * spec.nodes;
    const maxGpus = input.maxGpus ?? total;
    if (maxGpus > total || (maxGpus > spec.gpusPerNode && maxGpus % spec.gpusPerNode !== 0)) {
      throw badUserInput('input.maxGpus', maxGpus, `at most the cluster's ${total} GPUs, in whole nodes of ${spec.gpusPerNode} (or fewer than one node)`);
    }
    const perNode = Math.min(spec.gpusPerNode, maxGpus);
    cluster = withInputPath('input.clusterSpec', () =>
      makeCluster({ ...spec, gpu: spec.gpu, gpusPerNode: perNode, nodes: maxGpus / perNode, gpuHourUsd: input.gpuHourUsd ?? spec.gpuHourUsd }),
    );
  } else {
    const gpu = requireGpu(input.gpu!, 'input.gpu');
    if (input.maxGpus == null) throw badUserInput('input.maxGpus', null, 'the most GPUs to use (required with gpu)');
    const perNode = Math.min(gpu.gpusPerNode, input.maxGpus);
    if (input.maxGpus % perNode !== 0) {
      throw badUserInput('input.maxGpus', input.maxGpus, `whole nodes of ${gpu.gpusPerNode} ${gpu.id} GPUs (a multiple of ${gpu.gpusPerNode}), or fewer than one node`);
    }
    cluster = withInputPath('input', () =>
      makeCluster({ gpu, gpusPerNode: perNode, nodes: input.maxGpus! / perNode, ...(input.gpuHourUsd == null ? {} : { gpuHourUsd: input.gpuHourUsd }) }),
    );
  }
  const presetId = input.reliability ?? 'llama3-405b';
  let failures = null;
  if (presetId !== 'none') {
    const preset = findReliabilityPreset(presetId);
    if (!preset) throw notFound('input.reliability', presetId, `none or one of ${RELIABILITY_PRESETS.map((p) => p.id).join(', ')}`);
    failures = budgetFailureModel(preset.params);
  }
  const family = input.family ?? 'LLAMA';
  if (family !== 'MOE' && (input.experts != null || input.expertsPerToken != null)) {
    throw badUserInput('input.experts', input.experts ?? input.expertsPerToken, 'experts and expertsPerToken only with family MOE');
  }
  const request: BudgetPlanRequest = {
    budgetUsd: input.budgetUsd ?? null,
    deadlineDays: input.deadlineDays ?? null,
    cluster,
    law: input.law ?? 'CHINCHILLA',
    family: {
      kind: family,
      ...(input.experts != null ? { experts: input.experts } : {}),
      ...(input.expertsPerToken != null ? { expertsPerToken: input.expertsPerToken } : {}),
      ...(input.sequenceLength != null ? { sequenceLength: input.sequenceLength } : {}),
    },
    availableTokens: input.availableTokens ?? null,
    failures,
    targetLoss: input.targetLoss ?? null,
    idealUtilisation: input.idealUtilisation === true,
    precision: input.precision ?? 'BF16',
  };
  return { request, reliabilityPreset: presetId === 'none' ? null : presetId, monteCarloReplicas: input.monteCarloReplicas ?? 0 };
}

// ---------------------------------------------------------------------------------------------------------------
// Output

interface BudgetPlanView {
  outcome: BudgetPlanOutcome;
  model: ModelView | null;
  plan: TrainingPlanView | null;
  monteCarlo: BudgetMonteCarlo | null;
}

function makeView(resolved: ResolvedBudget, outcome: BudgetPlanOutcome): BudgetPlanView {
  const best = outcome.best;
  if (!best) return { outcome, model: null, plan: null, monteCarlo: null };
  const c = best.candidate;
  const model: ModelView = { arch: c.arch, counts: c.counts, preset: false, createdAt: null, updatedAt: null };
  const plan =
    c.layout && c.estimate
      ? makeTrainingPlanView(
          {
            model,
            cluster: { spec: c.cluster, preset: false, createdAt: null, updatedAt: null },
            layout: c.layout,
            // The plan's run covers the tokens unless they exceed what a plan accepts (an absurd budget on a small model).
            options: best.trainingTokens <= MAX_TRAINING_TOKENS ? { trainingTokens: best.trainingTokens } : {},
          },
          undefined,
        )
      : null;
  let monteCarlo: BudgetMonteCarlo | null = null;
  if (resolved.monteCarloReplicas > 0 && resolved.reliabilityPreset !== null && !resolved.request.idealUtilisation) {
    const preset = findReliabilityPreset(resolved.reliabilityPreset)!;
    monteCarlo = simulateBudgetRun(best, preset.params, resolved.monteCarloReplicas, 1);
  }
  return { outcome, model, plan, monteCarlo };
}

const BudgetPointRef = builder.objectRef<BudgetPoint>('BudgetPoint').implement({
  description: 'One point of the loss-against-spend frontier: the best run the spend buys.',
  fields: (t) => ({
    spendUsd: t.exposeFloat('spendUsd', { description: 'US dollars spent (failures included).' }),
    predictedLoss: t.float({ nullable: true, description: 'The law\'s predicted loss, nats per token.', resolve: (p) => finiteOrNull(p.predictedLoss) }),
    rankingLoss: t.float({ nullable: true, description: 'The loss the sizes are ranked by (see BudgetPlan.rankingLoss).', resolve: (p) => finiteOrNull(p.rankingLoss) }),
    parameters: t.exposeFloat('parameters', { description: 'The law\'s parameter count of the model (non-embedding for KAPLAN; active for MoE).' }),
    trainingTokens: t.exposeFloat('trainingTokens', { description: 'Tokens trained.' }),
    expectedDays: t.exposeFloat('expectedDays', { description: 'Expected wall days, failures included.' }),
    gpus: t.exposeInt('gpus', { description: 'GPUs used.' }),
  }),
});

const BudgetSizeRef = builder.objectRef<BudgetSizeSummary>('BudgetSize').implement({
  description: 'One model size on one GPU count the search tried.',
  fields: (t) => ({
    parameters: t.exposeFloat('parameters', { description: 'The law\'s parameter count of the sized model.' }),
    gpus: t.exposeInt('gpus', { description: 'GPUs.' }),
    fits: t.exposeBoolean('fits', { description: 'Whether any layout searched fits in memory.' }),
    modelFlopsUtilization: t.exposeFloat('modelFlopsUtilization', { description: 'MFU of its best layout (0 when none fits).' }),
    ettr: t.exposeFloat('ettr', { description: 'Effective training time ratio under the failure model.' }),
    trainingTokens: t.exposeFloat('trainingTokens', { description: 'Tokens the budget and deadline allow it (0 when it does not fit).' }),
    predictedLoss: t.float({ nullable: true, description: 'The law\'s predicted loss at those tokens.', resolve: (s) => finiteOrNull(s.predictedLoss) }),
    rankingLoss: t.float({ nullable: true, description: 'The loss it was ranked by.', resolve: (s) => finiteOrNull(s.rankingLoss) }),
  }),
});

const BudgetMonteCarloRef = builder.objectRef<BudgetMonteCarlo>('BudgetMonteCarlo').implement({
  description: 'The answer played out by the simulation engine (same preset, layout and interval): a check of the analytic days.',
  fields: (t) => ({
    replicas: t.exposeInt('replicas', { description: 'Simulated runs.' }),
    meanDays: t.exposeFloat('meanDays', { description: 'Mean wall days.' }),
    p90Days: t.exposeFloat('p90Days', { description: '90th percentile of the wall days.' }),
    meanCostUsd: t.exposeFloat('meanCostUsd', { description: 'Mean cost in US dollars.' }),
    ettr: t.exposeFloat('ettr', { description: 'Simulated effective training time ratio.' }),
    differenceFraction: t.exposeFloat('differenceFraction', { description: 'meanDays / expectedDays − 1.' }),
  }),
});

const num = (v: number | null | undefined): number | null => finiteOrNull(v);

const BudgetPlanRef = builder.objectRef<BudgetPlanView>('BudgetPlan').implement({
  description:
    'The best run for a budget and/or deadline on a fleet: the sized model, its tokens, its best layout, the days and dollars with failures, the predicted loss, what binds, and the loss-against-spend frontier. Null fields: nothing answers (see notes).',
  fields: (t) => ({
    model: t.field({ type: ModelRef, nullable: true, description: 'The sized architecture.', resolve: (v) => v.model }),
    parameters: t.float({ nullable: true, description: 'Its parameter count as the law counts it (non-embedding for KAPLAN; active for MoE).', resolve: (v) => num(v.outcome.best?.candidate.lawParameters) }),
    trainingTokens: t.float({ nullable: true, description: 'Tokens to train on.', resolve: (v) => num(v.outcome.best?.trainingTokens) }),
    effectiveTokens: t.float({ nullable: true, description: 'Their worth in unique tokens (= trainingTokens unless data repeats; Muennighoff et al. 2023).', resolve: (v) => num(v.outcome.best?.effectiveTokens) }),
    epochs: t.float({ nullable: true, description: 'trainingTokens / availableTokens (null when availableTokens is not given).', resolve: (v) => num(v.outcome.best?.epochs) }),
    plan: t.field({ type: TrainingPlanRef, nullable: true, description: 'The TrainingPlan of the best layout (null when none fits: idealUtilisation only); its run covers trainingTokens up to 10¹⁶.', resolve: (v) => v.plan }),
    gpus: t.int({ nullable: true, description: 'GPUs used.', resolve: (v) => v.outcome.best?.candidate.gpus ?? null }),
    modelFlopsUtilization: t.float({ nullable: true, description: 'MFU of the layout (1 with idealUtilisation).', resolve: (v) => num(v.outcome.best?.candidate.modelFlopsUtilization) }),
    ettr: t.float({ nullable: true, description: 'Effective training time ratio: failure-free compute time / wall time without the slowdowns (Daly 2006 eq. 20).', resolve: (v) => num(v.outcome.best?.candidate.ettr) }),
    jobMtbfSeconds: t.float({ nullable: true, description: 'Job mean time between failures on these GPUs, in seconds.', resolve: (v) => num(v.outcome.best?.candidate.jobMtbfSeconds) }),
    checkpointIntervalSeconds: t.float({ nullable: true, description: 'Compute seconds between checkpoints (Daly\'s optimum unless the preset prescribes one).', resolve: (v) => num(v.outcome.best?.candidate.checkpointIntervalSeconds) }),
    solveDays: t.float({ nullable: true, description: 'Failure-free days.', resolve: (v) => num(v.outcome.best?.solveDays) }),
    expectedDays: t.float({ nullable: true, description: 'Expected wall days with failures, restarts, checkpoints and slowdowns.', resolve: (v) => num(v.outcome.best?.expectedDays) }),
    costUsd: t.float({ nullable: true, description: 'GPUs × expected wall hours × price per GPU-hour, in US dollars.', resolve: (v) => num(v.outcome.best?.costUsd) }),
    computeFlops: t.float({ nullable: true, description: 'The law\'s training compute C = 6·N·D of the run, in FLOPs.', resolve: (v) => num(v.outcome.best?.computeFlops) }),
    predictedLoss: t.float({ nullable: true, description: 'The law\'s predicted final loss (nats per token) at the effective tokens.', resolve: (v) => num(v.outcome.best?.predictedLoss) }),
    rankingLoss: t.float({
      nullable: true,
      description: 'The loss the sizes are ranked by: equal to predictedLoss, the law\'s own loss at the effective tokens (docs/budget.md).',
      resolve: (v) => num(v.outcome.best?.rankingLoss),
    }),
    bindingConstraint: t.field({ type: BindingConstraintEnum, description: 'What limits the answer.', resolve: (v) => v.outcome.bindingConstraint }),
    idealParameters: t.float({ nullable: true, description: 'The law\'s allocation (computeOptimal) for the compute the answer spends.', resolve: (v) => num(v.outcome.idealParameters) }),
    idealTokens: t.float({ nullable: true, description: 'Its tokens.', resolve: (v) => num(v.outcome.idealTokens) }),
    shiftFraction: t.float({ nullable: true, description: 'parameters / idealParameters − 1: how far the fleet, failures and deadline move the optimum.', resolve: (v) => num(v.outcome.shiftFraction) }),
    targetReached: t.boolean({ nullable: true, description: 'With targetLoss: whether a run reaches it within the budget and deadline.', resolve: (v) => v.outcome.targetReached }),
    frontier: t.field({ type: [BudgetPointRef], description: 'Predicted loss against spend, from 1/64 of the answer\'s cost to all of it.', resolve: (v) => v.outcome.frontier }),
    sizes: t.field({ type: [BudgetSizeRef], description: 'Every size and GPU count tried with its layout search (sizes whose loss floor cannot beat the best are skipped).', resolve: (v) => v.outcome.sizes }),
    notes: t.stringList({ description: 'What the answer assumed and why it is where it is.', resolve: (v) => v.outcome.notes }),
    monteCarlo: t.field({ type: BudgetMonteCarloRef, nullable: true, description: 'The Monte Carlo check (monteCarloReplicas > 0).', resolve: (v) => v.monteCarlo }),
    truncated: t.boolean({ description: 'True when a cancellation stopped the search early.', resolve: (v) => v.outcome.truncated }),
    elapsedSeconds: t.float({ description: 'Wall time of the search, in seconds.', resolve: (v) => v.outcome.elapsedSeconds }),
  }),
});

interface BudgetProgressView {
  done: boolean;
  progress: BudgetProgress;
  result: BudgetPlanView | null;
}

const BudgetPlanProgressRef = builder.objectRef<BudgetProgressView>('BudgetPlanProgress').implement({
  description: 'Progress of a budgetPlan: sizes evaluated so far and the best yet; the last event carries the result.',
  fields: (t) => ({
    done: t.boolean({ description: 'True on the final event (then `result` is set).', resolve: (p) => p.done }),
    sizesEvaluated: t.int({ description: 'Size × GPU-count candidates evaluated.', resolve: (p) => p.progress.sizesEvaluated }),
    sizesTotal: t.int({ description: 'Candidates planned (the grid may grow at its ends).', resolve: (p) => p.progress.sizesTotal }),
    bestParameters: t.float({ nullable: true, description: 'Parameters of the best so far.', resolve: (p) => num(p.progress.bestParameters) }),
    bestPredictedLoss: t.float({ nullable: true, description: 'Its predicted loss.', resolve: (p) => num(p.progress.bestPredictedLoss) }),
    elapsedSeconds: t.float({ description: 'Seconds so far.', resolve: (p) => p.progress.elapsedSeconds }),
    result: t.field({ type: BudgetPlanRef, nullable: true, description: 'The answer (on the last event).', resolve: (p) => p.result }),
  }),
});

async function runBudget(ctx: SchemaContext, resolved: ResolvedBudget, hooks: { signal?: AbortSignal; onProgress?: (p: BudgetProgress) => void }): Promise<BudgetPlanView> {
  const outcome = await withInputPathAsync('input', () => service(ctx).run({ request: resolved.request }, hooks));
  return makeView(resolved, outcome);
}

builder.queryField('budgetPlan', (t) =>
  t.field({
    type: BudgetPlanRef,
    description:
      'From dollars and/or days to the best model, tokens and layout on a fleet under a scaling law, failures included; or, with targetLoss, the cheapest run that reaches it. docs/budget.md.',
    args: { input: t.arg({ type: BudgetPlanInputRef, required: true, description: 'Budget, deadline, fleet, law, family, data, reliability.' }) },
    complexity: 100,
    resolve: async (_root, { input }, ctx) => runBudget(ctx, resolveBudgetInput(input), {}),
  }),
);

/** Latest-value stream: a slow reader gets the newest progress, never a queue; return() cancels the plan. */
function progressStream(ctx: SchemaContext, resolved: ResolvedBudget): AsyncIterableIterator<BudgetProgressView> {
  const controller = new AbortController();
  const state: { latest: BudgetProgressView | null; final: BudgetProgressView | null; failure: unknown; ended: boolean } = {
    latest: null,
    final: null,
    failure: null,
    ended: false,
  };
  let wake: (() => void) | null = null;
  const poke = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  runBudget(ctx, resolved, {
    signal: controller.signal,
    onProgress: (progress) => {
      state.latest = { done: false, progress, result: null };
      poke();
    },
  }).then(
    (view) => {
      const o = view.outcome;
      state.final = {
        done: true,
        progress: { sizesEvaluated: o.sizes.length, sizesTotal: o.sizes.length, bestParameters: o.best?.candidate.lawParameters ?? null, bestPredictedLoss: o.best?.predictedLoss ?? null, elapsedSeconds: o.elapsedSeconds },
        result: view,
      };
      poke();
    },
    (error: unknown) => {
      state.failure = error ?? new Error('budgetPlan failed');
      poke();
    },
  );
  const iterator: AsyncIterableIterator<BudgetProgressView> = {
    async next() {
      while (!state.ended) {
        const value = state.latest ?? state.final;
        if (value) {
          if (value === state.latest) state.latest = null;
          else state.ended = true;
          return { done: false, value };
        }
        if (state.failure !== null) {
          state.ended = true;
          throw state.failure;
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
      return { done: true, value: undefined };
    },
    async return() {
      state.ended = true;
      controller.abort();
      poke();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

builder.subscriptionField('budgetPlanProgress', (t) =>
  t.field({
    type: BudgetPlanProgressRef,
    description: 'Runs a budgetPlan and streams its progress; the last event has done = true and the result. Unsubscribing cancels it.',
    args: { input: t.arg({ type: BudgetPlanInputRef, required: true, description: 'As for budgetPlan.' }) },
    complexity: 100,
    subscribe: (_root, { input }, ctx) => progressStream(ctx, resolveBudgetInput(input)),
    resolve: (event) => event,
  }),
);
