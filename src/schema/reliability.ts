/**
 * Reliability in the schema: the ReliabilityInput (a preset plus overrides) that SimulationInput takes, its
 * resolution into the engine's ReliabilityParams, and the `reliabilityPresets` query.
 */
import { validateReliability } from '../simulation/engine.js';
import {
  findReliabilityPreset,
  presetParams,
  RELIABILITY_PRESETS,
  type ReliabilityParams,
  type ReliabilityPreset,
} from '../simulation/presets.js';
import { builder } from './builder.js';
import { notFound } from './error-helpers.js';
import { floatIn, idSchema, intIn } from './validation.js';

const FailureModelEnum = builder.enumType('FailureModel', {
  description: 'How unexpected failures arrive.',
  values: {
    POISSON: { description: 'Superposition of independent components: a Poisson process of rate N·λ (job MTTF = MTBF/N).' },
    WEIBULL: { description: 'One Weibull renewal clock per node (shape weibullShape), started from its equilibrium residual life unless weibullStart = FRESH.' },
  },
});

const WeibullStartEnum = builder.enumType('WeibullStart', {
  description: 'Age of the nodes at t = 0 under the WEIBULL model.',
  values: {
    EQUILIBRIUM: { description: 'A fleet in service: residual lives from the equilibrium distribution (correct default).' },
    FRESH: { description: 'Every node new at t = 0; with shape < 1 this nearly doubles early failures (a known modelling trap, kept for comparison).' },
  },
});

const CheckpointModeEnum = builder.enumType('CheckpointMode', {
  description: 'How checkpoints block training.',
  values: {
    SYNC: { description: 'The whole write blocks (bytes / storage write bandwidth).' },
    ASYNC: { description: 'Only the device→host copy blocks; the write persists in the background and is durable only when done.' },
  },
});

export const DAY = 86_400;

/** GraphQL shape of ReliabilityInput as Pothos infers it from ReliabilityInputRef (defaults already applied by GraphQL). */
export type ReliabilityInputShape = typeof ReliabilityInputRef.$inferInput;

export const ReliabilityInputRef = builder.inputType('ReliabilityInput', {
  description: 'A reliability preset (default `llama3-405b`) and any overrides of its parameters.',
  fields: (t) => ({
    preset: t.id({ description: 'Preset id: llama3-405b, bloom-176b, opt-175b or modern-optimised (see reliabilityPresets).', validate: idSchema }),
    unexpectedFailuresPerGpuHour: t.float({ description: 'Job-interrupting unexpected failures per GPU-hour (Llama 3: 1.97e-5).', validate: floatIn(0, 1) }),
    failureModel: t.field({ type: FailureModelEnum, description: 'POISSON (default) or WEIBULL per node.' }),
    weibullShape: t.float({ description: 'Weibull shape k (< 1: infant mortality).', validate: floatIn(0.1, 10) }),
    weibullStart: t.field({ type: WeibullStartEnum, description: 'EQUILIBRIUM (default) or FRESH.' }),
    plannedInterruptionsPerDay: t.float({ description: 'Planned stops per day (Llama 3: 47 in 54 days).', validate: floatIn(0, 100) }),
    plannedDowntimeSeconds: t.float({ description: 'Extra downtime of a planned stop beyond the restart, in seconds.', validate: floatIn(0, 30 * DAY) }),
    detectionSeconds: t.float({ description: 'Failure detection time in seconds (hang causes use the 10-minute NCCL watchdog).', validate: floatIn(0, DAY) }),
    restartMedianSeconds: t.float({ description: 'Median job re-initialisation time in seconds (lognormal).', validate: floatIn(0, DAY) }),
    restartSigma: t.float({ description: 'Log-space σ of the restart time.', validate: floatIn(0, 3) }),
    spareNodeFraction: t.float({ description: 'Hot spare nodes as a fraction of the job\'s nodes.', validate: floatIn(0, 1) }),
    spareNodes: t.int({ description: 'Hot spare nodes (overrides spareNodeFraction).', validate: intIn(0, 1_000_000) }),
    repairMedianSeconds: t.float({ description: 'Median automatic node repair time in seconds (lognormal).', validate: floatIn(0, 365 * DAY) }),
    repairSigma: t.float({ description: 'Log-space σ of repair times.', validate: floatIn(0, 3) }),
    manualRepairFraction: t.float({ description: 'Fraction of repairs that are manual.', validate: floatIn(0, 1) }),
    manualRepairMedianSeconds: t.float({ description: 'Median manual repair time in seconds.', validate: floatIn(0, 365 * DAY) }),
    stragglerJitterFraction: t.float({ description: 'Mean per-rank excess step time (exponential), as a fraction of a step.', validate: floatIn(0, 0.5) }),
    failSlowEpisodesPerGpuHour: t.float({ description: 'Fail-slow episodes per GPU-hour.', validate: floatIn(0, 0.01) }),
    failSlowMedianSeconds: t.float({ description: 'Median fail-slow episode length in seconds.', validate: floatIn(1, 30 * DAY) }),
    failSlowSlowdownFraction: t.float({ description: 'Step-time increase during a fail-slow episode.', validate: floatIn(0, 10) }),
    diurnalAmplitudeFraction: t.float({ description: 'Diurnal step-time swing (Llama 3: 1–2 %).', validate: floatIn(0, 0.5) }),
    checkpointMode: t.field({ type: CheckpointModeEnum, description: 'SYNC or ASYNC checkpoints.' }),
    storageWriteBytesPerSecond: t.float({ description: 'Aggregate checkpoint write bandwidth in bytes per second (Llama 3: 2 TB/s).', validate: floatIn(1e6, 1e15) }),
    storageReadBytesPerSecond: t.float({ description: 'Aggregate checkpoint read bandwidth in bytes per second.', validate: floatIn(1e6, 1e15) }),
    deviceToHostBytesPerSecondPerGpu: t.float({ description: 'Device→host copy bandwidth per GPU in bytes per second (blocking part of ASYNC).', validate: floatIn(1e6, 1e13) }),
  }),
});

export function reliabilityFromInput(input: ReliabilityInputShape | null | undefined): { preset: string; params: ReliabilityParams } {
  const preset = input?.preset ?? 'llama3-405b';
  if (!findReliabilityPreset(preset)) {
    throw notFound('input.reliability.preset', preset, `one of ${RELIABILITY_PRESETS.map((p) => p.id).join(', ')}`);
  }
  // The preset's numbers, each replaced by the input's field of the same name when given (the names are the same).
  const given = Object.entries(input ?? {}).filter(([key, value]) => key !== 'preset' && value !== null && value !== undefined);
  const resolved: ReliabilityParams = Object.assign(presetParams(preset), Object.fromEntries(given));
  validateReliability(resolved, 'input.reliability');
  return { preset, params: resolved };
}

const ReliabilityParametersRef = builder.objectRef<ReliabilityParams>('ReliabilityParameters').implement({
  description: 'The numbers behind a reliability preset (same names as ReliabilityInput).',
  fields: (t) => ({
    unexpectedFailuresPerGpuHour: t.exposeFloat('unexpectedFailuresPerGpuHour', { description: 'Per GPU-hour.' }),
    failureModel: t.field({ type: FailureModelEnum, description: 'Arrival model.', resolve: (p) => p.failureModel }),
    weibullShape: t.exposeFloat('weibullShape', { description: 'Weibull shape (WEIBULL model).' }),
    plannedInterruptionsPerDay: t.exposeFloat('plannedInterruptionsPerDay', { description: 'Planned stops per day.' }),
    detectionSeconds: t.exposeFloat('detectionSeconds', { description: 'Default detection time in seconds.' }),
    restartMedianSeconds: t.exposeFloat('restartMedianSeconds', { description: 'Median restart time in seconds.' }),
    spareNodeFraction: t.exposeFloat('spareNodeFraction', { description: 'Hot spares / nodes.' }),
    repairMedianSeconds: t.exposeFloat('repairMedianSeconds', { description: 'Median automatic repair time in seconds.' }),
    manualRepairFraction: t.exposeFloat('manualRepairFraction', { description: 'Manual repairs fraction.' }),
    diurnalAmplitudeFraction: t.exposeFloat('diurnalAmplitudeFraction', { description: 'Diurnal swing.' }),
    checkpointMode: t.field({ type: CheckpointModeEnum, description: 'SYNC or ASYNC.', resolve: (p) => p.checkpointMode }),
    storageWriteBytesPerSecond: t.exposeFloat('storageWriteBytesPerSecond', { description: 'Checkpoint write bandwidth in bytes per second.' }),
    checkpointIntervalSeconds: t.exposeFloat('checkpointIntervalSeconds', { nullable: true, description: 'Prescribed interval in seconds (null: Daly optimum).' }),
  }),
});

const ReliabilityPresetRef = builder.objectRef<ReliabilityPreset>('ReliabilityPreset').implement({
  description: 'A reliability preset with its sources.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Preset id.' }),
    name: t.exposeString('name', { description: 'Name.' }),
    description: t.exposeString('description', { description: 'What it models.' }),
    sources: t.exposeStringList('sources', { description: 'Where the numbers come from.' }),
    parameters: t.field({ type: ReliabilityParametersRef, description: 'Its parameters.', resolve: (p) => p.params }),
  }),
});

builder.queryField('reliabilityPresets', (t) =>
  t.field({
    type: [ReliabilityPresetRef],
    description: 'Reliability presets (Llama-3-like, BLOOM-like, OPT-like, modern optimised) with their sources.',
    resolve: () => [...RELIABILITY_PRESETS],
  }),
);
