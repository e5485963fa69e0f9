/**
 * Simulation of a whole training run under failures (src/simulation/engine.ts), run in worker threads and
 * streamed over subscriptions. Thin resolvers: a TrainingPlanInput gives the nominal step time (core planner via
 * plan.ts), a ReliabilityInput a preset plus overrides; the service in src/server/simulation-module.ts runs,
 * persists and streams. `simulationEvents(id, after)` replays stored events with seq > after, then continues live.
 */
import { InvalidInputError } from '../core/errors.js';
import {
  CHECKPOINT_BYTES_PER_PARAMETER,
  resolveSimulation,
  type ReplicaResult,
  type SimulationEngineEvent,
  type SimulationSetup,
  type SimulationSummary,
} from '../simulation/engine.js';
import { checkEventBudget } from '../simulation/event-budget.js';
import { simulationJobFor } from '../simulation/setup.js';
import type {
  SimulationEventRecord,
  SimulationRecord,
  SimulationRequest,
  SimulationService,
  SimulationStatus,
} from '../services/contracts.js';
import { builder } from './builder.js';
import type { SchemaContext } from './context.js';
import { ScalingLawEnum } from './enums.js';
import { badUserInput, notFound, withPathPrefix } from './error-helpers.js';
import { ReliabilityInputRef, reliabilityFromInput } from './reliability.js';
import { evaluatePlanInput, TrainingPlanInputRef } from './plan.js';
import { floatIn, idSchema, intIn } from './validation.js';

function service(ctx: SchemaContext): SimulationService {
  const s = ctx.simulations;
  if (!s) throw new Error('the simulation module is not installed in this server (createApp({ modules: [simulationModule()] }))');
  return s;
}

// ---------------------------------------------------------------------------------------------------------------
// Enums and inputs

const SimulationStatusEnum = builder.enumType('SimulationStatus', {
  description: 'Where a simulation is in its life.',
  values: {
    QUEUED: { description: 'Waiting for a free worker.' },
    RUNNING: { description: 'Running in a worker thread.' },
    COMPLETED: { description: 'All replicas done; `summary` is set.' },
    CANCELLED: { description: 'Stopped by cancelSimulation.' },
    FAILED: { description: 'The engine or its worker failed; see `error`.' },
    INTERRUPTED: { description: 'The server stopped while it was queued or running; re-run it with rerunSimulation (same seed, same events).' },
  } satisfies Record<SimulationStatus, { description: string }>,
});

const CheckpointIntervalPolicyEnum = builder.enumType('CheckpointIntervalPolicy', {
  description: 'Which optimum to use when no checkpoint interval is given.',
  values: {
    DALY: { description: 'Daly (2006) higher-order optimum (default).' },
    YOUNG: { description: 'Young (1974) τ = √(2δM).' },
  },
});

const DAY = 86_400;

/** GraphQL shape of SimulationInput as Pothos infers it from SimulationInputRef (defaults already applied by GraphQL). */
export type SimulationInputShape = typeof SimulationInputRef.$inferInput;

const SimulationInputRef = builder.inputType('SimulationInput', {
  description: 'A training plan (trainingTokens required) and the reliability of the cluster it runs on.',
  fields: (t) => ({
    plan: t.field({ type: TrainingPlanInputRef, required: true, description: 'The plan; its step time, batch and trainingTokens set the run.' }),
    reliability: t.field({ type: ReliabilityInputRef, description: 'Preset and overrides (default: llama3-405b).' }),
    horizonSeconds: t.float({ description: 'Stop at this simulated time in seconds even if tokens remain (e.g. 4,665,600 = 54 days).', validate: floatIn(1, 10 * 365 * DAY) }),
    replicas: t.int({ defaultValue: 1, description: 'Monte Carlo replicas (seeds seed·replica).', validate: intIn(1, 1000) }),
    seed: t.int({ defaultValue: 1, description: 'Random seed; same seed and input → the same events.', validate: intIn(0, 2_147_483_647) }),
    pace: t.float({ description: 'Simulated seconds per wall second for the detailed replicas; null = as fast as possible.', validate: floatIn(1e-3, 1e12) }),
    checkpointIntervalSeconds: t.float({ description: 'Compute time between checkpoints in seconds; default: the preset\'s, else the Daly/Young optimum.', validate: floatIn(1, 30 * DAY) }),
    checkpointIntervalPolicy: t.field({ type: CheckpointIntervalPolicyEnum, defaultValue: 'DALY', description: 'Optimum used when no interval is given.' }),
    checkpointBytes: t.float({ description: `Bytes per checkpoint; default ${CHECKPOINT_BYTES_PER_PARAMETER} bytes per trained parameter under mixed-precision Adam (16-bit weights, fp32 master, m, v), scaled to the states the plan keeps (e.g. 48/7 ≈ 6.9 with masterWeights false and BF16 moments, 96/7 ≈ 13.7 in FP32 training).`, validate: floatIn(0, 1e16) }),
    detailedReplicas: t.int({ defaultValue: 1, description: 'Replicas that stream progress/interruption/recovery/checkpoint events (the rest only their result).', validate: intIn(0, 10) }),
    progressIntervalSeconds: t.float({ description: 'Simulated seconds between progress events (default ≈ 1/100 of the run).', validate: floatIn(1, 365 * DAY) }),
    lossLaw: t.field({ type: ScalingLawEnum, defaultValue: 'CHINCHILLA', description: 'Scaling law for the predicted loss along the run.' }),
  }),
});

/** The engine's error about a derived quantity, restated as the input field a client can change. */
function derivedInputError(error: InvalidInputError, input: SimulationInputShape, setup: Omit<SimulationSetup, 'predictedLoss'>): unknown {
  const fmt = (x: number) => x.toPrecision(3);
  switch (error.field) {
    case 'totalSteps':
      return badUserInput(
        'input.plan.trainingTokens',
        input.plan.trainingTokens,
        `at most ${fmt(1e12 * setup.tokensPerStep)} tokens for this plan (10¹² optimizer steps of globalBatchSize × sequenceLength = ${setup.tokensPerStep} tokens)`,
      );
    case 'tokensPerStep':
      return badUserInput('input.plan.globalBatchSize', input.plan.globalBatchSize, `globalBatchSize × sequenceLength ≤ 10¹⁵ tokens per step (now ${fmt(setup.tokensPerStep)})`);
    case 'nominalStepSeconds':
      return badUserInput(
        'input.plan',
        `a step of ${fmt(setup.nominalStepSeconds)} s`,
        'a plan whose failure-free step takes 1 µs to 1 day (change globalBatchSize, the model or the GPUs)',
      );
    case 'checkpointBlockingSeconds':
    case 'checkpointPersistSeconds':
    case 'restoreSeconds':
      return badUserInput(
        'input.checkpointBytes',
        setup.checkpointBytes,
        `a checkpoint that writes and reads back within 30 days at the storage and device→host bandwidths of input.reliability (${error.field} would be ${fmt(Number(error.value))} s)`,
      );
    default:
      return withPathPrefix(error, 'input');
  }
}

/** SimulationInput → the stored request (engine job + plan description). Validates everything up front. */
export async function simulationRequestFromInput(ctx: SchemaContext, input: SimulationInputShape): Promise<SimulationRequest> {
  if (input.plan.trainingTokens == null) {
    throw badUserInput('input.plan.trainingTokens', null, 'a number of training tokens (a simulation needs the run length)');
  }
  const { layout, model, cluster, estimate } = await evaluatePlanInput(ctx, input.plan, 'input.plan');
  const { preset, params } = reliabilityFromInput(input.reliability);
  const job = simulationJobFor(
    {
      arch: model.arch,
      counts: model.counts,
      cluster: cluster.spec,
      layout,
      stepSeconds: estimate.performance.stepSeconds,
      trainingTokens: input.plan.trainingTokens,
    },
    params,
    input,
  );
  const { setup } = job;
  // Validate now so a bad input is a BAD_USER_INPUT error here, not a FAILED simulation later. The engine checks
  // quantities derived from the plan (steps, step time, checkpoint times); report them as the fields that set them.
  try {
    resolveSimulation(setup);
  } catch (error) {
    if (error instanceof InvalidInputError) throw derivedInputError(error, input, setup);
    throw error;
  }
  // A valid but extreme input (tiny progress interval, failures far faster than recoveries, …) would pass the
  // server's stored-event cap and end FAILED: refuse it now, naming the field that dominates the estimate.
  const excess = checkEventBudget(setup, { path: 'input' });
  if (excess) throw badUserInput(excess.field, excess.value, excess.allowed, excess.message);
  const { tokensPerStep, totalSteps, gpuCount, nominalStepSeconds } = setup;
  return {
    job,
    preset,
    plan: { model: model.arch.id, cluster: cluster.spec.id, gpuCount, stepSeconds: nominalStepSeconds, tokensPerStep, totalSteps },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Output types

interface Quantiles {
  mean: number;
  p10: number;
  p50: number;
  p90: number;
}

export const QuantilesRef = builder.objectRef<Quantiles>('SimulationQuantiles').implement({
  description: 'Mean and 10th/50th/90th percentiles over replicas.',
  fields: (t) => ({
    mean: t.exposeFloat('mean', { description: 'Mean.' }),
    p10: t.exposeFloat('p10', { description: '10th percentile.' }),
    p50: t.exposeFloat('p50', { description: 'Median.' }),
    p90: t.exposeFloat('p90', { description: '90th percentile.' }),
  }),
});

type Badput = SimulationSummary['badput'];
const BadputRef = builder.objectRef<Badput>('SimulationBadput').implement({
  description: 'Wall-clock seconds lost per badput bucket (after Google\'s ml-goodput-measurement); with productive time they add up to the wall clock.',
  fields: (t) => ({
    checkpointSaveSeconds: t.exposeFloat('checkpointSaveSeconds', { description: 'Seconds of blocking checkpoint writes (and the checkpoint before a planned stop).' }),
    checkpointRestoreSeconds: t.exposeFloat('checkpointRestoreSeconds', { description: 'Seconds of checkpoint reloads after restarts.' }),
    lostProgressSeconds: t.exposeFloat('lostProgressSeconds', { description: 'Seconds of compute redone because it was after the last durable checkpoint.' }),
    recoverySeconds: t.exposeFloat('recoverySeconds', { description: 'Seconds of detection, waiting for a node, re-initialisation and planned downtime.' }),
  }),
});

type CauseCount = SimulationSummary['interruptionsByCause'][number];
const CauseCountRef = builder.objectRef<CauseCount>('SimulationCauseCount').implement({
  description: 'Mean interruptions of one cause per replica.',
  fields: (t) => ({
    cause: t.exposeString('cause', { description: 'Cause id, e.g. FAULTY_GPU or PLANNED.' }),
    label: t.exposeString('label', { description: 'Readable cause.' }),
    mean: t.exposeFloat('mean', { description: 'Mean count per replica.' }),
  }),
});

const SummaryRef = builder.objectRef<SimulationSummary>('SimulationSummary').implement({
  description: 'The outcome of a simulation: means over replicas unless noted.',
  fields: (t) => ({
    replicas: t.exposeInt('replicas', { description: 'Replicas simulated.' }),
    finishedReplicas: t.exposeInt('finishedReplicas', { description: 'Replicas that trained every token before the horizon.' }),
    simulatedSeconds: t.exposeFloat('simulatedSeconds', { description: 'Mean simulated wall-clock time in seconds (time to train, or the horizon).' }),
    timeToTrainSeconds: t.field({ type: QuantilesRef, description: 'Wall-clock time per replica in seconds: mean and p10/p50/p90.', resolve: (s) => s.timeToTrainSeconds }),
    goodputQuantiles: t.field({ type: QuantilesRef, description: 'Goodput per replica: mean and p10/p50/p90.', resolve: (s) => s.goodputQuantiles }),
    interruptions: t.exposeFloat('interruptions', { description: 'Job interruptions (planned + unexpected).' }),
    plannedInterruptions: t.exposeFloat('plannedInterruptions', { description: 'Planned stops.' }),
    unexpectedInterruptions: t.exposeFloat('unexpectedInterruptions', { description: 'Unexpected failures (also those striking during a recovery).' }),
    interruptionsByCause: t.field({ type: [CauseCountRef], description: 'Interruptions by cause, most frequent first.', resolve: (s) => s.interruptionsByCause }),
    lostWorkSeconds: t.exposeFloat('lostWorkSeconds', { description: 'Nominal compute seconds of work redone.' }),
    badput: t.field({ type: BadputRef, description: 'Badput buckets.', resolve: (s) => s.badput }),
    nodeWaitSeconds: t.exposeFloat('nodeWaitSeconds', { description: 'Seconds spent waiting for a repaired node (no hot spare left).' }),
    productiveSeconds: t.exposeFloat('productiveSeconds', { description: 'Wall-clock seconds computing work that was kept.' }),
    checkpointsWritten: t.exposeFloat('checkpointsWritten', { description: 'Durable checkpoints written.' }),
    effectiveTrainingTimeRatio: t.exposeFloat('effectiveTrainingTimeRatio', { description: 'ETTR: productive time / wall clock (time-based; Meta, ByteDance).' }),
    goodput: t.exposeFloat('goodput', { description: 'Useful steps × nominal step time / wall clock (work-based; falls with slow-downs too).' }),
    tokensTrained: t.exposeFloat('tokensTrained', { description: 'Tokens trained by the end (or the horizon).' }),
    gpuHours: t.exposeFloat('gpuHours', { description: 'GPU-hours reserved (job GPUs + hot spares) for the wall clock.' }),
    costUsd: t.exposeFloat('costUsd', { description: 'gpuHours × the cluster\'s price, in US dollars.' }),
    wastedCostUsd: t.exposeFloat('wastedCostUsd', { description: 'costUsd × (1 − goodput), in US dollars.' }),
    predictedLoss: t.exposeFloat('predictedLoss', { nullable: true, description: 'Predicted loss at the tokens trained (lossLaw).' }),
    checkpointIntervalSeconds: t.exposeFloat('checkpointIntervalSeconds', { description: 'Checkpoint interval used in seconds (whole steps).' }),
    checkpointIntervalSteps: t.exposeInt('checkpointIntervalSteps', { description: 'Steps between checkpoints.' }),
    checkpointIntervalSource: t.exposeString('checkpointIntervalSource', { description: 'USER, PRESET, DALY or YOUNG.' }),
    checkpointBlockingSeconds: t.exposeFloat('checkpointBlockingSeconds', { description: 'Blocking part of a checkpoint, in seconds.' }),
    checkpointPersistSeconds: t.exposeFloat('checkpointPersistSeconds', { description: 'Background persist window in seconds (ASYNC).' }),
    restoreSeconds: t.exposeFloat('restoreSeconds', { description: 'Checkpoint reload time in seconds.' }),
    jobMtbfSeconds: t.exposeFloat('jobMtbfSeconds', { description: 'Job mean time between unexpected failures in seconds, 1/(N·λ).' }),
    spareNodes: t.exposeInt('spareNodes', { description: 'Hot spare nodes.' }),
  }),
});


const ReplicaResultRef = builder.objectRef<ReplicaResult>('SimulationReplicaResult').implement({
  description: 'One replica\'s outcome.',
  fields: (t) => ({
    replica: t.exposeInt('replica', { description: 'Replica index (from 0).' }),
    simulatedSeconds: t.exposeFloat('simulatedSeconds', { description: 'Its wall-clock time in seconds.' }),
    finished: t.exposeBoolean('finished', { description: 'Trained every token before the horizon.' }),
    interruptions: t.exposeInt('interruptions', { description: 'Interruptions.' }),
    plannedInterruptions: t.exposeInt('plannedInterruptions', { description: 'Planned stops.' }),
    unexpectedInterruptions: t.exposeInt('unexpectedInterruptions', { description: 'Unexpected failures.' }),
    lostWorkSeconds: t.exposeFloat('lostWorkSeconds', { description: 'Work redone (nominal seconds).' }),
    effectiveTrainingTimeRatio: t.exposeFloat('effectiveTrainingTimeRatio', { description: 'ETTR.' }),
    goodput: t.exposeFloat('goodput', { description: 'Goodput.' }),
    costUsd: t.exposeFloat('costUsd', { description: 'Cost in US dollars.' }),
    tokensTrained: t.exposeFloat('tokensTrained', { description: 'Tokens trained.' }),
    predictedLoss: t.exposeFloat('predictedLoss', { nullable: true, description: 'Predicted loss at its end.' }),
  }),
});

interface RunningStats {
  replicasDone: number;
  timeToTrainSeconds: Quantiles;
  goodput: Quantiles;
}

const RunningStatsRef = builder.objectRef<RunningStats>('SimulationRunningStats').implement({
  description: 'Statistics over the replicas finished so far (they converge as the Monte Carlo proceeds).',
  fields: (t) => ({
    replicasDone: t.exposeInt('replicasDone', { description: 'Replicas finished.' }),
    timeToTrainSeconds: t.field({ type: QuantilesRef, description: 'Time to train so far in seconds.', resolve: (r) => r.timeToTrainSeconds }),
    goodput: t.field({ type: QuantilesRef, description: 'Goodput so far.', resolve: (r) => r.goodput }),
  }),
});

// Event interface and members. A stored record carries the engine event's fields in `data` (simulation-jobs.ts
// splits off type and simulatedSeconds); the service adds the CANCELLED, FAILED and INTERRUPTED terminals.

/** A stored record of an engine event of type T, its data typed as the engine declares it (engine/types.ts). */
type EngineEventRecord<T extends SimulationEngineEvent['type']> = SimulationEventRecord & {
  type: T;
  data: Omit<Extract<SimulationEngineEvent, { type: T }>, 'type' | 'simulatedSeconds'>;
};

const EVENT_TYPE_NAMES: Record<SimulationEngineEvent['type'] | 'CANCELLED' | 'FAILED' | 'INTERRUPTED', string> = {
  PROGRESS: 'SimulationProgress',
  INTERRUPTION: 'SimulationInterruption',
  RECOVERY: 'SimulationRecovery',
  CHECKPOINT_SAMPLED: 'SimulationCheckpointSampled',
  REPLICA_COMPLETED: 'SimulationReplicaCompleted',
  COMPLETED: 'SimulationCompleted',
  CANCELLED: 'SimulationCancelled',
  FAILED: 'SimulationFailed',
  INTERRUPTED: 'SimulationInterrupted',
};

export const SimulationEventRef = builder.interfaceRef<SimulationEventRecord>('SimulationEvent').implement({
  description: 'One event of a simulation. `seq` is gap-free from 1 per simulation; the last event is terminal (completed, cancelled, failed or interrupted).',
  resolveType: (r) => EVENT_TYPE_NAMES[r.type as keyof typeof EVENT_TYPE_NAMES] ?? 'SimulationProgress',
  fields: (t) => ({
    seq: t.exposeInt('seq', { description: 'Position in the simulation\'s event log, from 1, without gaps.' }),
    simulatedSeconds: t.exposeFloat('simulatedSeconds', { description: 'Simulated wall-clock time of the event in seconds (within its replica).' }),
    simulationId: t.exposeID('simulationId', { description: 'The simulation.' }),
  }),
});

builder.objectRef<EngineEventRecord<'PROGRESS'>>('SimulationProgress').implement({
  description: 'Progress of a detailed replica, every progressIntervalSeconds of simulated time.',
  interfaces: [SimulationEventRef],
  fields: (t) => ({
    replica: t.int({ description: 'Replica (from 0).', resolve: (r) => r.data.replica }),
    step: t.float({ description: 'Steps trained (kept or not yet lost).', resolve: (r) => r.data.step }),
    tokens: t.float({ description: 'Tokens trained.', resolve: (r) => r.data.tokens }),
    fractionComplete: t.float({ description: 'Fraction of the run\'s steps done.', resolve: (r) => r.data.fractionComplete }),
    effectiveTrainingTimeRatio: t.float({ description: 'ETTR so far.', resolve: (r) => r.data.effectiveTrainingTimeRatio }),
    goodput: t.float({ description: 'Goodput so far.', resolve: (r) => r.data.goodput }),
    predictedLoss: t.float({ nullable: true, description: 'Predicted loss at the tokens trained.', resolve: (r) => r.data.predictedLoss ?? null }),
  }),
});

builder.objectRef<EngineEventRecord<'INTERRUPTION'>>('SimulationInterruption').implement({
  description: 'A job interruption: an unexpected failure (with its cause) or a planned stop.',
  interfaces: [SimulationEventRef],
  fields: (t) => ({
    replica: t.int({ description: 'Replica (from 0).', resolve: (r) => r.data.replica }),
    index: t.int({ description: 'Interruption number in this replica (from 1).', resolve: (r) => r.data.index }),
    cause: t.string({ description: 'Cause id (e.g. FAULTY_GPU, GPU_HBM3, SOFTWARE_BUG) or PLANNED.', resolve: (r) => r.data.cause }),
    planned: t.boolean({ description: 'A planned stop (checkpoint first, no work lost).', resolve: (r) => r.data.planned }),
    duringRecovery: t.boolean({ description: 'It struck while the job was already down (the recovery restarts).', resolve: (r) => r.data.duringRecovery }),
    lostWorkSeconds: t.float({ description: 'Nominal compute seconds lost since the last durable checkpoint.', resolve: (r) => r.data.lostWorkSeconds }),
    rolledBackToStep: t.float({ description: 'Step of the durable checkpoint the job restarts from.', resolve: (r) => r.data.rolledBackToStep }),
    spareNodes: t.int({ description: 'Hot spares left.', resolve: (r) => r.data.spareNodes }),
  }),
});

builder.objectRef<EngineEventRecord<'RECOVERY'>>('SimulationRecovery').implement({
  description: 'The job is training again after an outage.',
  interfaces: [SimulationEventRef],
  fields: (t) => ({
    replica: t.int({ description: 'Replica (from 0).', resolve: (r) => r.data.replica }),
    downtimeSeconds: t.float({ description: 'Length of the outage in seconds.', resolve: (r) => r.data.downtimeSeconds }),
    nodeWaitSeconds: t.float({ description: 'Seconds of it spent waiting for a repaired node.', resolve: (r) => r.data.nodeWaitSeconds }),
    step: t.float({ description: 'Step it resumes from.', resolve: (r) => r.data.step }),
    spareNodes: t.int({ description: 'Hot spares left.', resolve: (r) => r.data.spareNodes }),
  }),
});

builder.objectRef<EngineEventRecord<'CHECKPOINT_SAMPLED'>>('SimulationCheckpointSampled').implement({
  description: 'The latest durable checkpoint, sampled at progress events when it changed (checkpoints themselves are not events).',
  interfaces: [SimulationEventRef],
  fields: (t) => ({
    replica: t.int({ description: 'Replica (from 0).', resolve: (r) => r.data.replica }),
    step: t.float({ description: 'Step of the latest durable checkpoint.', resolve: (r) => r.data.step }),
    checkpointsWritten: t.int({ description: 'Durable checkpoints so far.', resolve: (r) => r.data.checkpointsWritten }),
  }),
});

builder.objectRef<EngineEventRecord<'REPLICA_COMPLETED'>>('SimulationReplicaCompleted').implement({
  description: 'One Monte Carlo replica finished; carries its result and the running statistics.',
  interfaces: [SimulationEventRef],
  fields: (t) => ({
    replica: t.int({ description: 'Replica (from 0).', resolve: (r) => r.data.replica }),
    result: t.field({ type: ReplicaResultRef, description: 'This replica\'s outcome.', resolve: (r) => r.data.result }),
    running: t.field({ type: RunningStatsRef, description: 'Mean and p10/p50/p90 over replicas so far.', resolve: (r) => r.data.running }),
  }),
});

builder.objectRef<EngineEventRecord<'COMPLETED'>>('SimulationCompleted').implement({
  description: 'Terminal: all replicas done.',
  interfaces: [SimulationEventRef],
  fields: (t) => ({
    summary: t.field({ type: SummaryRef, description: 'The summary (means over replicas).', resolve: (r) => r.data.summary }),
  }),
});

builder.objectRef<SimulationEventRecord>('SimulationCancelled').implement({
  description: 'Terminal: cancelled by cancelSimulation.',
  interfaces: [SimulationEventRef],
  fields: (t) => ({
    cancelled: t.boolean({ description: 'Always true.', resolve: () => true }),
  }),
});

builder.objectRef<SimulationEventRecord>('SimulationFailed').implement({
  description: 'Terminal: the simulation failed.',
  interfaces: [SimulationEventRef],
  fields: (t) => ({
    message: t.string({ description: 'What went wrong.', resolve: (r) => String(r.data.message ?? '') }),
  }),
});

builder.objectRef<SimulationEventRecord>('SimulationInterrupted').implement({
  description: 'Terminal: the server stopped while the simulation was queued or running (re-run it with rerunSimulation).',
  interfaces: [SimulationEventRef],
  fields: (t) => ({
    reason: t.string({ description: 'Why.', resolve: (r) => String(r.data.reason ?? '') }),
  }),
});

const SimulationRef = builder.objectRef<SimulationRecord>('Simulation').implement({
  description: 'A simulation of a whole training run under failures (Monte Carlo over `replicas` seeds).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Id (`s_…`).' }),
    status: t.field({ type: SimulationStatusEnum, description: 'Lifecycle status.', resolve: (s) => s.status }),
    summary: t.field({ type: SummaryRef, nullable: true, description: 'Set when COMPLETED.', resolve: (s) => s.summary }),
    error: t.exposeString('error', { nullable: true, description: 'Why it FAILED or was INTERRUPTED.' }),
    lastSeq: t.exposeInt('lastSeq', { description: 'Seq of its latest stored event (0 before the first).' }),
    seed: t.int({ description: 'Random seed.', resolve: (s) => s.request.job.setup.seed }),
    replicas: t.int({ description: 'Replicas.', resolve: (s) => s.request.job.setup.replicas }),
    pace: t.float({ nullable: true, description: 'Simulated seconds per wall second (null: as fast as possible).', resolve: (s) => s.request.job.pace }),
    reliabilityPreset: t.string({ description: 'Reliability preset the parameters started from.', resolve: (s) => s.request.preset }),
    gpuCount: t.int({ description: 'GPUs of the job.', resolve: (s) => s.request.plan.gpuCount }),
    nominalStepSeconds: t.float({ description: 'Failure-free step time from the plan, in seconds.', resolve: (s) => s.request.plan.stepSeconds }),
    totalSteps: t.float({ description: 'Steps for the plan\'s trainingTokens.', resolve: (s) => s.request.plan.totalSteps }),
    checkpointBytes: t.float({ description: 'Bytes per checkpoint.', resolve: (s) => s.request.job.setup.checkpointBytes }),
    rerunOf: t.exposeID('rerunOf', { nullable: true, description: 'The simulation this one re-runs.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was started.', resolve: (s) => s.createdAt }),
    startedAt: t.field({ type: 'DateTime', nullable: true, description: 'When a worker picked it up.', resolve: (s) => s.startedAt }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, description: 'When it ended.', resolve: (s) => s.finishedAt }),
    events: t.field({
      type: [SimulationEventRef],
      description: 'Stored events with seq > after (at most `limit`), for clients that poll instead of subscribing.',
      args: {
        after: t.arg.int({ defaultValue: 0, description: 'Return events after this seq.', validate: intIn(0, 2_147_483_647) }),
        limit: t.arg.int({ defaultValue: 100, description: 'Most events returned (1–1000).', validate: intIn(1, 1000) }),
      },
      complexity: 20,
      resolve: (s, { after, limit }, ctx) => service(ctx).events(s.id, after ?? 0, limit ?? 100),
    }),
  }),
});

// ---------------------------------------------------------------------------------------------------------------
// Root fields

const requireId = async (ctx: SchemaContext, id: string): Promise<SimulationRecord> => {
  const rec = await service(ctx).get(id);
  if (!rec) throw notFound('id', id, 'the id of a simulation');
  return rec;
};

builder.queryFields((t) => ({
  simulation: t.field({
    type: SimulationRef,
    nullable: true,
    description: 'One simulation, or null.',
    args: { id: t.arg.id({ required: true, description: 'Simulation id.', validate: idSchema }) },
    resolve: async (_root, { id }, ctx) => (await service(ctx).get(id)) ?? null,
  }),
  simulations: t.field({
    type: [SimulationRef],
    description: 'Simulations, newest first.',
    args: { limit: t.arg.int({ defaultValue: 100, description: 'Most returned (1–1000).', validate: intIn(1, 1000) }) },
    resolve: (_root, { limit }, ctx) => service(ctx).list(limit ?? 100),
  }),
}));

builder.mutationFields((t) => ({
  startSimulation: t.field({
    type: SimulationRef,
    description: 'Queues a simulation of the plan\'s whole run; follow it with the simulationEvents subscription.',
    args: { input: t.arg({ type: SimulationInputRef, required: true, description: 'Plan, reliability and Monte Carlo settings.' }) },
    complexity: 20,
    resolve: async (_root, { input }, ctx) => service(ctx).start(await simulationRequestFromInput(ctx, input)),
  }),
  cancelSimulation: t.field({
    type: SimulationRef,
    description: 'Cancels a queued or running simulation (its worker stops at once); finished ones are returned unchanged.',
    args: { id: t.arg.id({ required: true, description: 'Simulation id.', validate: idSchema }) },
    resolve: async (_root, { id }, ctx) => {
      await requireId(ctx, id);
      return service(ctx).cancel(id);
    },
  }),
  rerunSimulation: t.field({
    type: SimulationRef,
    description: 'Starts a new simulation with the same stored input and seed (e.g. after INTERRUPTED); same seed → same events.',
    args: {
      id: t.arg.id({ required: true, description: 'Simulation to re-run.', validate: idSchema }),
      pace: t.arg.float({ description: 'New pace; omit to keep the stored one, null = as fast as possible.', validate: floatIn(1e-3, 1e12) }),
    },
    resolve: async (_root, args, ctx) => {
      await requireId(ctx, args.id);
      return service(ctx).rerun(args.id, 'pace' in args ? (args.pace ?? null) : undefined);
    },
  }),
}));

builder.subscriptionField('simulationEvents', (t) =>
  t.field({
    type: SimulationEventRef,
    description:
      'Events of one simulation: the stored ones with seq > after (all with after = 0 or null), then live ones, with no gap or duplicate; ends after the terminal event. Reconnect with after = the last seq you saw.',
    args: {
      id: t.arg.id({ required: true, description: 'Simulation id.', validate: idSchema }),
      after: t.arg.int({ description: 'Replay events with seq greater than this.', validate: intIn(0, 2_147_483_647) }),
    },
    subscribe: async (_root, { id, after }, ctx) => {
      await requireId(ctx, id);
      return service(ctx).subscribe(id, after ?? 0);
    },
    resolve: (record) => record,
  }),
);
