/**
 * The engine's records: its input (SimulationSetup), the validated input with derived quantities
 * (ResolvedSimulation), one replica's result, the Monte Carlo summary and the typed event union it streams.
 */
import type { ReliabilityParams } from '../presets.js';

/** Times inside the engine are microseconds in doubles (exact for centuries when whole). */
export const US = 1_000_000;
export const HOUR_US = 3_600 * US;

export type CheckpointIntervalPolicy = 'DALY' | 'YOUNG';

export interface SimulationSetup {
  /** Failure-free step time (from the core's plan estimate). */
  nominalStepSeconds: number;
  tokensPerStep: number;
  totalSteps: number;
  gpuCount: number;
  gpusPerNode: number;
  gpuHourUsd: number;
  /** Bytes of one checkpoint (≈ 16 bytes/parameter for full mixed-precision Adam state; 6.5 TB for 405B). */
  checkpointBytes: number;
  reliability: ReliabilityParams;
  /** Compute time between checkpoints; null/undefined = the preset's, else the Daly (default) or Young optimum. */
  checkpointIntervalSeconds?: number | null;
  checkpointIntervalPolicy?: CheckpointIntervalPolicy;
  /** Overrides of the derived checkpoint times (e.g. Daly's δ for validation). */
  checkpointBlockingSeconds?: number | null;
  checkpointPersistSeconds?: number | null;
  restoreSeconds?: number | null;
  /** Stop at this simulated time even if steps remain (e.g. Llama 3's 54-day snapshot). */
  horizonSeconds?: number | null;
  seed: number;
  replicas: number;
  /** Simulated seconds between progress events (default: ≈ 100 per replica). */
  progressIntervalSeconds?: number | null;
  /** Replicas (from 0) that emit progress/interruption/recovery/checkpoint events; the rest only their result. */
  detailedReplicas?: number;
  /** Predicted loss after a number of training tokens (the runner passes core's scaling law). */
  predictedLoss?: ((tokens: number) => number) | null;
}

export interface ResolvedSimulation {
  setup: SimulationSetup;
  reliability: ReliabilityParams;
  nodes: number;
  spareNodes: number;
  stepUs: number;
  totalWorkUs: number;
  checkpointBlockingSeconds: number;
  checkpointPersistSeconds: number;
  restoreSeconds: number;
  /** Job mean time between unexpected interruptions: 1/(N·λ) (superposition). */
  jobMtbfSeconds: number;
  checkpointIntervalSteps: number;
  checkpointIntervalSeconds: number;
  checkpointIntervalSource: 'USER' | 'PRESET' | 'DALY' | 'YOUNG';
  horizonSeconds: number | null;
  /** Safety stop when no horizon is given and the run cannot finish (e.g. restarts longer than the MTBF). */
  limitSeconds: number;
  progressIntervalSeconds: number;
  detailedReplicas: number;
}

export interface BadputSeconds {
  checkpointSaveSeconds: number;
  checkpointRestoreSeconds: number;
  lostProgressSeconds: number;
  /** Detection, waiting for a node, re-initialisation, planned downtime. */
  recoverySeconds: number;
}

export interface ReplicaResult {
  replica: number;
  simulatedSeconds: number;
  /** True when every step was trained (false: horizon or safety limit reached first). */
  finished: boolean;
  stepsCompleted: number;
  tokensTrained: number;
  interruptions: number;
  plannedInterruptions: number;
  unexpectedInterruptions: number;
  interruptionsByCause: Record<string, number>;
  /** Nominal (failure-free) compute seconds of the work that had to be redone. */
  lostWorkSeconds: number;
  badput: BadputSeconds;
  nodeWaitSeconds: number;
  productiveSeconds: number;
  checkpointsWritten: number;
  effectiveTrainingTimeRatio: number;
  goodput: number;
  gpuHours: number;
  costUsd: number;
  wastedCostUsd: number;
  predictedLoss: number | null;
}

export interface Quantiles {
  mean: number;
  p10: number;
  p50: number;
  p90: number;
}

export interface RunningStats {
  replicasDone: number;
  timeToTrainSeconds: Quantiles;
  goodput: Quantiles;
}

export interface SimulationSummary {
  replicas: number;
  finishedReplicas: number;
  simulatedSeconds: number;
  timeToTrainSeconds: Quantiles;
  goodputQuantiles: Quantiles;
  interruptions: number;
  plannedInterruptions: number;
  unexpectedInterruptions: number;
  interruptionsByCause: { cause: string; label: string; mean: number }[];
  lostWorkSeconds: number;
  badput: BadputSeconds;
  nodeWaitSeconds: number;
  productiveSeconds: number;
  checkpointsWritten: number;
  effectiveTrainingTimeRatio: number;
  goodput: number;
  tokensTrained: number;
  gpuHours: number;
  costUsd: number;
  wastedCostUsd: number;
  predictedLoss: number | null;
  checkpointIntervalSeconds: number;
  checkpointIntervalSteps: number;
  checkpointIntervalSource: string;
  checkpointBlockingSeconds: number;
  checkpointPersistSeconds: number;
  restoreSeconds: number;
  jobMtbfSeconds: number;
  spareNodes: number;
}

interface EventBase {
  simulatedSeconds: number;
}
export interface ProgressEvent extends EventBase {
  type: 'PROGRESS';
  replica: number;
  step: number;
  tokens: number;
  fractionComplete: number;
  effectiveTrainingTimeRatio: number;
  goodput: number;
  predictedLoss: number | null;
}
export interface InterruptionEvent extends EventBase {
  type: 'INTERRUPTION';
  replica: number;
  index: number;
  cause: string;
  planned: boolean;
  duringRecovery: boolean;
  lostWorkSeconds: number;
  rolledBackToStep: number;
  spareNodes: number;
}
export interface RecoveryEvent extends EventBase {
  type: 'RECOVERY';
  replica: number;
  downtimeSeconds: number;
  nodeWaitSeconds: number;
  step: number;
  spareNodes: number;
}
export interface CheckpointSampledEvent extends EventBase {
  type: 'CHECKPOINT_SAMPLED';
  replica: number;
  step: number;
  checkpointsWritten: number;
}
export interface ReplicaCompletedEvent extends EventBase {
  type: 'REPLICA_COMPLETED';
  replica: number;
  result: ReplicaResult;
  running: RunningStats;
}
export interface CompletedEvent extends EventBase {
  type: 'COMPLETED';
  summary: SimulationSummary;
}
export type SimulationEngineEvent =
  | ProgressEvent
  | InterruptionEvent
  | RecoveryEvent
  | CheckpointSampledEvent
  | ReplicaCompletedEvent
  | CompletedEvent;

