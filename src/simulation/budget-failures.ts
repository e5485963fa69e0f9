/**
 * The analytic failure model budgetPlan prices runs with (src/core/budget.ts), read off a reliability preset of the
 * simulation: the same failure rate, planned stops, detection, restart, storage and checkpoint mode the engine plays
 * out, reduced to means (Daly's formula takes one MTBF, one checkpoint cost, one restart time).
 */
import type { BudgetFailureModel, BudgetRun } from '../core/budget.js';
import { CHECKPOINT_BYTES_PER_PARAMETER, runSimulation } from './engine.js';
import type { ReliabilityParams } from './presets.js';

export function budgetFailureModel(params: ReliabilityParams): BudgetFailureModel {
  // Detection: the causes' own times (e.g. the NCCL watchdog's 10 min for hangs) weighted by their shares.
  const weight = params.causes.reduce((sum, c) => sum + c.weight, 0);
  const detectionSeconds =
    weight > 0
      ? params.causes.reduce((sum, c) => sum + c.weight * (c.detectionSeconds ?? params.detectionSeconds), 0) / weight
      : params.detectionSeconds;
  return {
    failuresPerGpuHour: params.unexpectedFailuresPerGpuHour,
    plannedInterruptionsPerDay: params.plannedInterruptionsPerDay,
    plannedDowntimeSeconds: params.plannedDowntimeSeconds,
    // The mean of the engine's lognormal restart, median·e^(σ²/2); hot spares are assumed ready (no repair wait).
    restartSeconds: detectionSeconds + params.restartMedianSeconds * Math.exp(params.restartSigma ** 2 / 2),
    storageWriteBytesPerSecond: params.storageWriteBytesPerSecond,
    storageReadBytesPerSecond: params.storageReadBytesPerSecond,
    asyncCheckpoint: params.checkpointMode === 'ASYNC',
    deviceToHostBytesPerSecondPerGpu: params.deviceToHostBytesPerSecondPerGpu,
    checkpointBytesPerParameter: CHECKPOINT_BYTES_PER_PARAMETER,
    checkpointIntervalSeconds: params.checkpointIntervalSeconds,
    diurnalAmplitudeFraction: params.diurnalAmplitudeFraction,
    stragglerJitterFraction: params.stragglerJitterFraction,
    failSlowEpisodesPerGpuHour: params.failSlowEpisodesPerGpuHour,
    // The engine draws episode lengths lognormal with σ = 0.7 around the median: mean = median·e^(σ²/2).
    failSlowMeanSeconds: params.failSlowMedianSeconds * Math.exp(0.7 ** 2 / 2),
    failSlowSlowdownFraction: params.failSlowSlowdownFraction,
  };
}

export interface BudgetMonteCarlo {
  replicas: number;
  meanDays: number;
  p90Days: number;
  meanCostUsd: number;
  ettr: number;
  /** Monte Carlo mean wall time / the analytic expected wall time − 1. */
  differenceFraction: number;
}

/**
 * Plays a budgetPlan answer out in the simulation engine (same preset, same layout's step time, Daly's interval):
 * the Monte Carlo check of the analytic expected days. Null when the run has no layout (ideal utilisation only).
 */
export function simulateBudgetRun(run: BudgetRun, params: ReliabilityParams, replicas: number, seed: number): BudgetMonteCarlo | null {
  const c = run.candidate;
  const estimate = c.estimate;
  if (!estimate || !c.layout) return null;
  const tokensPerStep = c.layout.globalBatchSize * c.arch.sequenceLength;
  const result = runSimulation({
    nominalStepSeconds: estimate.performance.stepSeconds,
    tokensPerStep,
    totalSteps: Math.ceil(run.trainingTokens / tokensPerStep),
    gpuCount: c.gpus,
    gpusPerNode: c.cluster.gpusPerNode,
    gpuHourUsd: c.cluster.gpuHourUsd,
    checkpointBytes: CHECKPOINT_BYTES_PER_PARAMETER * c.counts.totalParameters,
    reliability: params,
    seed,
    replicas,
    detailedReplicas: 0,
  });
  const s = result.summary;
  const meanDays = s.timeToTrainSeconds.mean / 86_400;
  return {
    replicas: s.replicas,
    meanDays,
    p90Days: s.timeToTrainSeconds.p90 / 86_400,
    meanCostUsd: s.costUsd,
    ettr: s.effectiveTrainingTimeRatio,
    differenceFraction: meanDays / run.expectedDays - 1,
  };
}
