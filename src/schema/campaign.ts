/**
 * Monte Carlo campaigns: many layouts × seeds of the failure simulation run as one group of jobs (in-process, or
 * on `npm run worker` processes with WORKERS=external), with per-layout aggregates — effective training time
 * ratio, days and cost quantiles — streamed by `campaignProgress` as seeds complete. Each seed is one replica of
 * the engine (src/simulation/engine.ts) with that seed, so a campaign's seed s of a layout equals
 * `startSimulation(seed: s, replicas: 1)` of the same input. The service is src/server/campaigns.ts.
 */
import { builder } from './builder.js';
import type { SchemaContext } from './context.js';
import { InvalidInputError } from '../core/errors.js';
import { ArgumentError, badUserInput, inputErrorMessage, notFound } from './error-helpers.js';
import { TrainingPlanInputRef } from './plan.js';
import type {
  CampaignLayout,
  CampaignLayoutView,
  CampaignRequest,
  CampaignService,
  CampaignStatus,
  CampaignView,
} from '../services/contracts.js';
import { ReliabilityInputRef } from './reliability.js';
import { QuantilesRef, simulationRequestFromInput } from './simulation.js';
import { floatIn, idSchema, intIn } from './validation.js';

function service(ctx: SchemaContext): CampaignService {
  const s = ctx.campaigns;
  if (!s) throw new Error('the campaign module is not installed in this server (createApp({ modules: [campaignModule()] }))');
  return s;
}

/** Most seeds × layouts in one campaign. */
export const MAX_CAMPAIGN_RUNS = 100_000;

// ---------------------------------------------------------------------------------------------------------------
// Schema

const CampaignStatusEnum = builder.enumType('CampaignStatus', {
  description: 'Where a campaign is in its life.',
  values: {
    RUNNING: { description: 'Seeds are being run.' },
    COMPLETED: { description: 'Every seed of every layout has a result.' },
    CANCELLED: { description: 'Stopped by cancelCampaign (the results so far are kept).' },
    FAILED: { description: 'A run failed; see `error`.' },
  } satisfies Record<CampaignStatus, { description: string }>,
});

/** GraphQL shape of CampaignInput as Pothos infers it from CampaignInputRef (defaults already applied by GraphQL). */
type CampaignInputShape = typeof CampaignInputRef.$inferInput;

const CampaignInputRef = builder.inputType('CampaignInput', {
  description: 'Layouts to compare (each a TrainingPlanInput with trainingTokens) and how many seeds to run for each.',
  fields: (t) => ({
    layouts: t.field({ type: [TrainingPlanInputRef], required: true, description: 'The layouts (1–50).' }),
    seeds: t.int({ required: true, description: 'Seeds per layout (1–10,000).', validate: intIn(1, 10_000) }),
    firstSeed: t.int({ defaultValue: 1, description: 'Seeds are firstSeed, firstSeed + 1, …', validate: intIn(0, 2_000_000_000) }),
    reliability: t.field({ type: ReliabilityInputRef, description: 'Preset and overrides (default: llama3-405b), the same for every layout.' }),
    horizonSeconds: t.float({ description: 'Stop each run at this simulated time in seconds.', validate: floatIn(1, 10 * 365 * 86_400) }),
    checkpointIntervalSeconds: t.float({ description: 'Compute time between checkpoints in seconds; default the Daly optimum per layout.', validate: floatIn(1, 30 * 86_400) }),
  }),
});

const CampaignLayoutRef = builder.objectRef<CampaignLayoutView>('CampaignLayoutResult').implement({
  description: 'Aggregates of one layout over the seeds done so far.',
  fields: (t) => ({
    index: t.exposeInt('index', { description: 'Position in CampaignInput.layouts.' }),
    label: t.exposeString('label', { description: 'Model, cluster, GPUs and step time.' }),
    seedsDone: t.exposeInt('seedsDone', { description: 'Seeds with a result.' }),
    finishedSeeds: t.exposeInt('finishedSeeds', { description: 'Seeds whose run trained every token before the horizon.' }),
    effectiveTrainingTimeRatio: t.field({ type: QuantilesRef, description: 'ETTR (productive ÷ wall time) over seeds.', resolve: (l) => l.effectiveTrainingTimeRatio }),
    days: t.field({ type: QuantilesRef, description: 'Wall-clock days to train (or to the horizon) over seeds.', resolve: (l) => l.days }),
    costUsd: t.field({ type: QuantilesRef, description: 'Cost in US dollars over seeds.', resolve: (l) => l.costUsd }),
  }),
});

const CampaignRef = builder.objectRef<CampaignView>('Campaign').implement({
  description: 'A Monte Carlo campaign: layouts × seeds, with per-layout aggregates.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Campaign id (`g_…`).' }),
    status: t.field({ type: CampaignStatusEnum, description: 'Where it is.', resolve: (c) => c.status }),
    firstSeed: t.exposeInt('firstSeed', { description: 'First seed.' }),
    seeds: t.exposeInt('seeds', { description: 'Seeds per layout.' }),
    seedsDone: t.exposeInt('seedsDone', { description: 'Runs (layout × seed) with a result.' }),
    seedsTotal: t.exposeInt('seedsTotal', { description: 'Layouts × seeds.' }),
    layouts: t.field({ type: [CampaignLayoutRef], description: 'Per-layout aggregates so far.', resolve: (c) => c.layouts }),
    error: t.exposeString('error', { nullable: true, description: 'Why it failed.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was started.', resolve: (c) => c.createdAt }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, description: 'When it ended.', resolve: (c) => c.finishedAt }),
  }),
});

async function campaignRequestFromInput(ctx: SchemaContext, input: CampaignInputShape): Promise<CampaignRequest> {
  if (input.layouts.length < 1 || input.layouts.length > 50) {
    throw badUserInput('input.layouts', `${input.layouts.length} layouts`, '1 to 50 layouts');
  }
  if (input.layouts.length * input.seeds > MAX_CAMPAIGN_RUNS) {
    throw badUserInput('input.seeds', input.seeds, `layouts × seeds ≤ ${MAX_CAMPAIGN_RUNS} (${input.layouts.length} layouts)`);
  }
  const firstSeed = input.firstSeed ?? 1;
  const layouts: CampaignLayout[] = [];
  for (const [i, plan] of input.layouts.entries()) {
    const request = await simulationRequestFromInput(ctx, {
      plan,
      reliability: input.reliability ?? null,
      horizonSeconds: input.horizonSeconds ?? null,
      checkpointIntervalSeconds: input.checkpointIntervalSeconds ?? null,
      seed: firstSeed,
      replicas: 1,
      detailedReplicas: 0,
    }).catch((error: unknown) => {
      // Name the layout in the field: input.plan.x → input.layouts[i].x (the sentence keeps what it said).
      if (!(error instanceof InvalidInputError)) throw error;
      const code = error instanceof ArgumentError ? error.code : 'BAD_USER_INPUT';
      const field = error.field.replace(/^input\.plan/, `input.layouts[${i}]`);
      throw new ArgumentError(field, error.value, error.allowed, code, inputErrorMessage(error));
    });
    const p = request.plan;
    layouts.push({ label: `${p.model} on ${p.cluster}, ${p.gpuCount} GPUs, ${p.stepSeconds.toPrecision(3)} s/step`, job: request.job });
  }
  return { layouts, firstSeed, seeds: input.seeds };
}

const requireCampaign = async (ctx: SchemaContext, id: string): Promise<CampaignView> => {
  const c = await service(ctx).get(id);
  if (!c) throw notFound('id', id, 'the id of a campaign (g_…)');
  return c;
};

builder.queryField('campaign', (t) =>
  t.field({
    type: CampaignRef,
    nullable: true,
    description: 'A campaign with its aggregates so far, or null.',
    args: { id: t.arg.id({ required: true, description: 'Campaign id.', validate: idSchema }) },
    resolve: async (_root, { id }, ctx) => (await service(ctx).get(id)) ?? null,
  }),
);

builder.mutationFields((t) => ({
  startCampaign: t.field({
    type: CampaignRef,
    description: 'Starts a Monte Carlo campaign: every layout × every seed, as one group of jobs; follow it with campaignProgress.',
    args: { input: t.arg({ type: CampaignInputRef, required: true, description: 'Layouts, seeds and reliability.' }) },
    complexity: 50,
    resolve: async (_root, { input }, ctx) => service(ctx).start(await campaignRequestFromInput(ctx, input)),
  }),
  cancelCampaign: t.field({
    type: CampaignRef,
    description: 'Stops a running campaign; results so far are kept. Ended campaigns are returned unchanged.',
    args: { id: t.arg.id({ required: true, description: 'Campaign id.', validate: idSchema }) },
    resolve: async (_root, { id }, ctx) => {
      await requireCampaign(ctx, id);
      return service(ctx).cancel(id);
    },
  }),
}));

builder.subscriptionField('campaignProgress', (t) =>
  t.field({
    type: CampaignRef,
    description: 'The campaign now, then again each time seeds complete (aggregates updated); ends after it ends.',
    args: { id: t.arg.id({ required: true, description: 'Campaign id.', validate: idSchema }) },
    subscribe: async (_root, { id }, ctx) => {
      await requireCampaign(ctx, id);
      return service(ctx).subscribe(id);
    },
    resolve: (view) => view,
  }),
);
