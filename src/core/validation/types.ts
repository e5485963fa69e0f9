/** What a validation run is: the published figure's kind, the families, the run record (runs.ts, moe-runs.ts hold them). */
import type { PipelineLayerSplit } from '../pipeline.js';
import type { TrainingRecipe } from '../recipes.js';
import type { GpuSpec, ModelArchitecture, ParallelLayout, PlanOptions } from '../types.js';

/** What the published figure measures. */
export type PublishedKind =
  /** Hardware FLOP/s per GPU in 10¹² (recompute counted; Megatron-LM eq. 3 convention). */
  | 'HARDWARE_TFLOPS_PER_GPU'
  /** Model FLOP/s per GPU in 10¹² (no recompute). */
  | 'MODEL_TFLOPS_PER_GPU'
  /** Model FLOPs utilisation (fraction of the dense peak of the training precision). */
  | 'MFU'
  /** Seconds per optimizer step (iteration). */
  | 'STEP_SECONDS'
  /** Training tokens per second per GPU. */
  | 'TOKENS_PER_SECOND_PER_GPU'
  /** GPU-hours per 10¹² training tokens. */
  | 'GPU_HOURS_PER_TRILLION_TOKENS'
  /**
   * Seconds of one micro-batch's forward and backward on one pipeline rank in steady state (a profiled chunk pair):
   * the rank holds `rankLayers` layers, no embedding or head; no pipeline transfers, bubble or DP sync.
   */
  | 'RANK_MICRO_BATCH_SECONDS';

/** Figures where larger is faster (the others are times). */
export const THROUGHPUT_KINDS: readonly PublishedKind[] = [
  'HARDWARE_TFLOPS_PER_GPU',
  'MODEL_TFLOPS_PER_GPU',
  'MFU',
  'TOKENS_PER_SECOND_PER_GPU',
];

export type ValidationFamily =
  | 'A100_MEGATRON_2021_22'
  | 'A100_PRODUCTION_2022_24'
  | 'H100_MODERN_RECIPES'
  | 'B200_MODERN_RECIPES'
  | 'MOE'
  | 'LONG_CONTEXT';

export const FAMILY_NAMES: Record<ValidationFamily, string> = {
  A100_MEGATRON_2021_22: 'A100 Megatron-LM 2021–22',
  A100_PRODUCTION_2022_24: 'A100 production runs 2022–24 (BLOOM, OPT, MegaScale, FSDP)',
  H100_MODERN_RECIPES: 'H100 modern recipes (Megatron-Core, NeMo, Megatron-Bridge, AutoModel, Nemotron-4, Llama 3)',
  B200_MODERN_RECIPES: 'Blackwell modern recipes (B200, GB200, GB300; Megatron-Bridge, NeMo; predicted, the Blackwell share not fitted on them)',
  MOE: 'Mixture of experts',
  LONG_CONTEXT: 'Long context (context parallel)',
};

export interface ValidationRun {
  id: string;
  /** Paper + table/section, or documentation page + date. */
  source: string;
  family: ValidationFamily;
  /** A GPU_CATALOG id. */
  gpu: string;
  /** Changes to the catalog GPU (e.g. the H800's narrower NVLink). */
  gpuChanges?: Partial<GpuSpec>;
  gpus: number;
  /**
   * GPUs of one NVLink domain as the run used them (suite.ts validationGpusPerNode; default 8, an HGX/DGX server):
   * GB200 NVL72 runs use 64 of a rack's 72, so a 256-GPU run is 4 domains of 64.
   */
  gpusPerNode?: number;
  /** A MODEL_PRESETS id, with the published model's differences. */
  model: string;
  modelChanges?: Partial<ModelArchitecture>;
  /**
   * Model FLOPs are counted on this architecture instead (for a run whose layout needs a stand-in model, e.g. renamed
   * layer counts; none today: the Llama 3 rows use the published per-stage split).
   */
  flopsModelChanges?: Partial<ModelArchitecture>;
  /** Attention FLOPs in the published model-FLOP figure: the full s×s (PaLM convention) or the causal half. */
  attentionFlops?: 'FULL' | 'CAUSAL';
  layout: Partial<ParallelLayout> & { globalBatchSize: number; pipelineLayerSplit?: PipelineLayerSplit };
  options?: PlanOptions;
  /** The named recipe (src/core/recipes.ts) whose cited defaults fill what layout and options leave unset. */
  trainingRecipe?: TrainingRecipe;
  /** Framework and recipe in words (what the knobs above express). */
  recipe: string;
  /** What the source does not say and the run assumes. */
  assumed?: string;
  published: number;
  kind: PublishedKind;
  /** Layers on the profiled rank (RANK_MICRO_BATCH_SECONDS only). */
  rankLayers?: number;
}

/**
 * A published run the model was checked against whose figure depends on an input the source does not give (a
 * micro-batch size, an interleave): not a suite run — its error would measure the guess — but kept in the open with
 * each reading of the missing input (src/core/validation/held-back.ts).
 */
export interface HeldBackRun {
  id: string;
  source: string;
  /** What the source leaves open and why the run stays out. */
  reason: string;
  /** The same run under each reading of what is unpublished (each a complete run: layout, recipe, published figure). */
  readings: readonly { name: string; run: ValidationRun }[];
}
