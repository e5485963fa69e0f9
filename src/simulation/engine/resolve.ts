/** Input validation and the derived quantities of a run (checkpoint times and interval, MTBF, limits). */
import { dalyCheckpointIntervalSeconds, youngCheckpointIntervalSeconds } from '../../core/checkpoint.js';
import { InvalidInputError, requireFinite, requireInteger } from '../../core/errors.js';
import type { ReliabilityParams } from '../presets.js';
import { type ResolvedSimulation, type SimulationSetup, US } from './types.js';

/** Most checkpoints one run takes (see resolveSimulation): keeps the segment count of a replica bounded. */
export const MAX_CHECKPOINTS_PER_RUN = 1_000_000;

/** Validates reliability parameters; errors name `${path}.<field>`. */
export function validateReliability(r: ReliabilityParams, path = 'reliability'): void {
  requireFinite(`${path}.unexpectedFailuresPerGpuHour`, r.unexpectedFailuresPerGpuHour, 0, 1000);
  if (r.causes.length === 0) throw new InvalidInputError(`${path}.causes`, r.causes, 'at least one cause');
  let total = 0;
  r.causes.forEach((c, i) => {
    requireFinite(`${path}.causes[${i}].weight`, c.weight, 0, 1e12);
    if (c.detectionSeconds !== undefined) requireFinite(`${path}.causes[${i}].detectionSeconds`, c.detectionSeconds, 0, 30 * 86_400);
    total += c.weight;
  });
  if (!(total > 0)) throw new InvalidInputError(`${path}.causes`, total, 'weights summing to more than 0');
  if (r.failureModel !== 'POISSON' && r.failureModel !== 'WEIBULL') {
    throw new InvalidInputError(`${path}.failureModel`, r.failureModel, 'POISSON or WEIBULL');
  }
  requireFinite(`${path}.weibullShape`, r.weibullShape, 0.1, 10);
  requireFinite(`${path}.plannedInterruptionsPerDay`, r.plannedInterruptionsPerDay, 0, 1000);
  requireFinite(`${path}.plannedDowntimeSeconds`, r.plannedDowntimeSeconds, 0, 30 * 86_400);
  requireFinite(`${path}.detectionSeconds`, r.detectionSeconds, 0, 30 * 86_400);
  requireFinite(`${path}.restartMedianSeconds`, r.restartMedianSeconds, 0, 30 * 86_400);
  requireFinite(`${path}.restartSigma`, r.restartSigma, 0, 3);
  requireFinite(`${path}.spareNodeFraction`, r.spareNodeFraction, 0, 1);
  if (r.spareNodes !== undefined) requireInteger(`${path}.spareNodes`, r.spareNodes, 0, 10_000_000);
  requireFinite(`${path}.repairMedianSeconds`, r.repairMedianSeconds, 0, 365 * 86_400);
  requireFinite(`${path}.repairSigma`, r.repairSigma, 0, 3);
  requireFinite(`${path}.manualRepairFraction`, r.manualRepairFraction, 0, 1);
  requireFinite(`${path}.manualRepairMedianSeconds`, r.manualRepairMedianSeconds, 0, 365 * 86_400);
  requireFinite(`${path}.stragglerJitterFraction`, r.stragglerJitterFraction, 0, 1);
  requireFinite(`${path}.failSlowEpisodesPerGpuHour`, r.failSlowEpisodesPerGpuHour, 0, 1);
  requireFinite(`${path}.failSlowMedianSeconds`, r.failSlowMedianSeconds, 1, 30 * 86_400);
  requireFinite(`${path}.failSlowSlowdownFraction`, r.failSlowSlowdownFraction, 0, 100);
  requireFinite(`${path}.diurnalAmplitudeFraction`, r.diurnalAmplitudeFraction, 0, 1);
  if (r.checkpointMode !== 'SYNC' && r.checkpointMode !== 'ASYNC') {
    throw new InvalidInputError(`${path}.checkpointMode`, r.checkpointMode, 'SYNC or ASYNC');
  }
  requireFinite(`${path}.storageWriteBytesPerSecond`, r.storageWriteBytesPerSecond, 1, 1e18);
  requireFinite(`${path}.storageReadBytesPerSecond`, r.storageReadBytesPerSecond, 1, 1e18);
  requireFinite(`${path}.deviceToHostBytesPerSecondPerGpu`, r.deviceToHostBytesPerSecondPerGpu, 1, 1e15);
  if (r.checkpointIntervalSeconds !== null) {
    requireFinite(`${path}.checkpointIntervalSeconds`, r.checkpointIntervalSeconds, 1e-3, 365 * 86_400);
  }
}

export function resolveSimulation(setup: SimulationSetup): ResolvedSimulation {
  requireFinite('nominalStepSeconds', setup.nominalStepSeconds, 1e-6, 86_400);
  requireFinite('tokensPerStep', setup.tokensPerStep, 0, 1e15);
  requireInteger('totalSteps', setup.totalSteps, 1, 1e12);
  requireInteger('gpuCount', setup.gpuCount, 1, 10_000_000);
  requireInteger('gpusPerNode', setup.gpusPerNode, 1, 1024);
  requireFinite('gpuHourUsd', setup.gpuHourUsd, 0, 1e6);
  requireFinite('checkpointBytes', setup.checkpointBytes, 0, 1e18);
  requireInteger('seed', setup.seed, 0, Number.MAX_SAFE_INTEGER);
  requireInteger('replicas', setup.replicas, 1, 100_000);
  const r = setup.reliability;
  validateReliability(r);

  const nodes = Math.ceil(setup.gpuCount / setup.gpusPerNode);
  const spareNodes = r.spareNodes ?? Math.round(r.spareNodeFraction * nodes);
  const mode = r.checkpointMode;
  // SYNC: the job waits for the whole write. ASYNC: only the device→host copy blocks (ml-goodput-measurement).
  const derivedBlocking =
    mode === 'SYNC'
      ? setup.checkpointBytes / r.storageWriteBytesPerSecond
      : setup.checkpointBytes / (setup.gpuCount * r.deviceToHostBytesPerSecondPerGpu);
  const derivedPersist = mode === 'SYNC' ? 0 : setup.checkpointBytes / r.storageWriteBytesPerSecond;
  const blocking = setup.checkpointBlockingSeconds ?? derivedBlocking;
  const persist = setup.checkpointPersistSeconds ?? derivedPersist;
  const restore = setup.restoreSeconds ?? setup.checkpointBytes / r.storageReadBytesPerSecond;
  requireFinite('checkpointBlockingSeconds', blocking, 0, 30 * 86_400);
  requireFinite('checkpointPersistSeconds', persist, 0, 30 * 86_400);
  requireFinite('restoreSeconds', restore, 0, 30 * 86_400);

  // MTTF_job = MTBF_component / N (superposition; reliability-data.md).
  const rate = r.unexpectedFailuresPerGpuHour * setup.gpuCount;
  const jobMtbfSeconds = rate > 0 ? 3600 / rate : Infinity;

  let intervalSeconds: number;
  let source: ResolvedSimulation['checkpointIntervalSource'];
  if (setup.checkpointIntervalSeconds != null) {
    intervalSeconds = requireFinite('checkpointIntervalSeconds', setup.checkpointIntervalSeconds, 1e-3, 365 * 86_400);
    source = 'USER';
  } else if (r.checkpointIntervalSeconds !== null) {
    intervalSeconds = r.checkpointIntervalSeconds;
    source = 'PRESET';
  } else if (!Number.isFinite(jobMtbfSeconds)) {
    intervalSeconds = setup.totalSteps * setup.nominalStepSeconds; // no failures: one checkpoint at the end
    source = setup.checkpointIntervalPolicy === 'YOUNG' ? 'YOUNG' : 'DALY';
  } else if (setup.checkpointIntervalPolicy === 'YOUNG') {
    intervalSeconds = youngCheckpointIntervalSeconds(blocking, jobMtbfSeconds);
    source = 'YOUNG';
  } else {
    intervalSeconds = dalyCheckpointIntervalSeconds(blocking, jobMtbfSeconds);
    source = 'DALY';
    // An async checkpoint cannot start before the previous one persisted: never aim below the persist window.
    intervalSeconds = Math.max(intervalSeconds, persist);
  }
  // At most MAX_CHECKPOINTS_PER_RUN checkpoints: a free checkpoint (no bytes) drives Daly's interval to zero and the
  // engine, which steps checkpoint by checkpoint, would walk billions of segments. The floor costs at most half an
  // interval of lost work per failure (≈ 2.3 s for a 54-day run).
  // Counted over what is simulated: the run, or the horizon when that is shorter.
  const simulatedSteps =
    setup.horizonSeconds != null && Number.isFinite(setup.horizonSeconds)
      ? Math.min(setup.totalSteps, Math.ceil(setup.horizonSeconds / setup.nominalStepSeconds))
      : setup.totalSteps;
  const minimumSteps = Math.ceil(simulatedSteps / MAX_CHECKPOINTS_PER_RUN);
  let steps = Math.min(setup.totalSteps, Math.max(1, Math.round(intervalSeconds / setup.nominalStepSeconds)));
  if (steps < minimumSteps) {
    if (source === 'USER') {
      throw new InvalidInputError(
        'checkpointIntervalSeconds',
        setup.checkpointIntervalSeconds,
        `at least ${(minimumSteps * setup.nominalStepSeconds).toPrecision(3)} s: at most ${MAX_CHECKPOINTS_PER_RUN.toLocaleString('en-US')} checkpoints over the ${simulatedSteps.toLocaleString('en-US')} steps simulated`,
      );
    }
    steps = minimumSteps;
  }

  const nominalRunSeconds = setup.totalSteps * setup.nominalStepSeconds;
  const horizon = setup.horizonSeconds ?? null;
  if (horizon !== null) requireFinite('horizonSeconds', horizon, 1, 100 * 365 * 86_400);
  const limitSeconds = horizon ?? Math.min(100 * 365 * 86_400, 50 * nominalRunSeconds + 30 * 86_400);
  const span = horizon ?? nominalRunSeconds * 1.2;
  const progress = setup.progressIntervalSeconds ?? Math.max(1, Math.round(span / 100));
  requireFinite('progressIntervalSeconds', progress, 1e-3, 100 * 365 * 86_400);
  const detailed = setup.detailedReplicas ?? 1;
  requireInteger('detailedReplicas', detailed, 0, 100_000);

  return {
    setup,
    reliability: r,
    nodes,
    spareNodes,
    stepUs: setup.nominalStepSeconds * US,
    totalWorkUs: setup.totalSteps * setup.nominalStepSeconds * US,
    checkpointBlockingSeconds: blocking,
    checkpointPersistSeconds: persist,
    restoreSeconds: restore,
    jobMtbfSeconds,
    checkpointIntervalSteps: steps,
    checkpointIntervalSeconds: steps * setup.nominalStepSeconds,
    checkpointIntervalSource: source,
    horizonSeconds: horizon,
    limitSeconds,
    progressIntervalSeconds: progress,
    detailedReplicas: detailed,
  };
}

