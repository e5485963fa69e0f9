/**
 * A planned run → the simulation job the engine runs: steps from the training tokens, checkpoint bytes from the
 * trained parameters, the loss curve's law and parameter count, and the Monte Carlo settings with their defaults.
 * Pure (no GraphQL, no I/O); the resolver (src/schema/simulation.ts) plans the run, calls this, then validates.
 */
import { trainableParameters } from '../core/adapter.js';
import { layoutGpus } from '../core/memory.js';
import { optimizerStateBytesOf, parameterBytesFor } from '../core/precision.js';
import type { ScalingLawName } from '../core/scaling.js';
import type { ClusterSpec, ModelArchitecture, ModelCounts, ParallelLayout } from '../core/types.js';
import { CHECKPOINT_BYTES_PER_PARAMETER, type CheckpointIntervalPolicy } from './engine.js';
import type { ReliabilityParams } from './presets.js';
import type { SimulationJob } from './runner.js';

/** What the planner decided: the model, the cluster, the layout and its failure-free step time. */
export interface PlannedRun {
  arch: ModelArchitecture;
  counts: ModelCounts;
  cluster: ClusterSpec;
  layout: ParallelLayout;
  stepSeconds: number;
  trainingTokens: number;
}

/** The run's settings as a client gives them; null or absent = the default named on each. */
export interface RunSettings {
  /** Default: checkpointBytesPerParameterOf(layout) × trained parameters (16 B for mixed-precision Adam). */
  checkpointBytes?: number | null;
  /** Default: the preset's, else the policy's optimum. */
  checkpointIntervalSeconds?: number | null;
  /** Default DALY. */
  checkpointIntervalPolicy?: CheckpointIntervalPolicy | null;
  horizonSeconds?: number | null;
  /** Default 1. */
  seed?: number | null;
  /** Default 1. */
  replicas?: number | null;
  /** Default 1, at most `replicas`. */
  detailedReplicas?: number | null;
  progressIntervalSeconds?: number | null;
  /** Default CHINCHILLA. */
  lossLaw?: ScalingLawName | null;
  /** Simulated seconds per wall second; default null = as fast as possible. */
  pace?: number | null;
}

/** What the cited 16 bytes per parameter hold: 16-bit weights (2 B) and mixed-precision Adam's K (fp32 master, m, v: 12 B). */
const CITED_CHECKPOINT_STATE_BYTES_PER_PARAMETER = 2 + 12;

/**
 * Default checkpoint bytes per trained parameter of a layout: the cited 16 B (reliability-data: 6.5 TB for Llama 3 405B
 * under mixed-precision Adam) scaled by what this layout keeps — its weights plus its optimizer states K (precision.ts
 * optimizerStateBytesOf: no fp32 master with masterWeights false, BF16 moments, SGD, Adafactor, 8-bit Adam, FP32
 * training) — against the 2 + 12 B the cited size holds. Mixed-precision Adam gives 16 exactly.
 */
export function checkpointBytesPerParameterOf(
  layout: Pick<ParallelLayout, 'optimizer' | 'precision' | 'optimizerMomentPrecision' | 'masterWeights'>,
): number {
  const keptBytes = parameterBytesFor(layout.precision) + optimizerStateBytesOf(layout);
  return (CHECKPOINT_BYTES_PER_PARAMETER * keptBytes) / CITED_CHECKPOINT_STATE_BYTES_PER_PARAMETER;
}

/** The engine job (without its id) for a planned run under `reliability`. Validation is the engine's. */
export function simulationJobFor(
  run: PlannedRun,
  reliability: ReliabilityParams,
  settings: RunSettings,
): Omit<SimulationJob, 'id'> {
  const { arch, counts, cluster, layout } = run;
  const tokensPerStep = layout.globalBatchSize * arch.sequenceLength;
  const law = settings.lossLaw ?? 'CHINCHILLA';
  return {
    setup: {
      nominalStepSeconds: run.stepSeconds,
      tokensPerStep,
      totalSteps: Math.ceil(run.trainingTokens / tokensPerStep),
      gpuCount: layoutGpus(layout),
      gpusPerNode: cluster.gpusPerNode,
      gpuHourUsd: cluster.gpuHourUsd,
      // ≈ 16 bytes per trained parameter under mixed-precision Adam (6.5 TB for 405B; reliability-data.md), scaled to
      // the states this layout keeps. Adapter fine-tuning saves the adapters only: the frozen weights never change.
      checkpointBytes:
        settings.checkpointBytes ?? checkpointBytesPerParameterOf(layout) * trainableParameters(arch, counts, layout.adapter),
      reliability,
      checkpointIntervalSeconds: settings.checkpointIntervalSeconds ?? null,
      checkpointIntervalPolicy: settings.checkpointIntervalPolicy ?? 'DALY',
      horizonSeconds: settings.horizonSeconds ?? null,
      seed: settings.seed ?? 1,
      replicas: settings.replicas ?? 1,
      detailedReplicas: Math.min(settings.detailedReplicas ?? 1, settings.replicas ?? 1),
      progressIntervalSeconds: settings.progressIntervalSeconds ?? null,
    },
    // Pre-training laws do not describe adapter fine-tuning: no loss curve then.
    loss:
      layout.adapter !== undefined
        ? null
        : { law, parameters: law === 'KAPLAN' ? counts.nonEmbeddingParameters : counts.totalParameters },
    pace: settings.pace ?? null,
  };
}
