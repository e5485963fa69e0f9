/**
 * The validation harness: predict every published run of runs.ts with the core, report the error, calibrate the
 * step-time model's free constant per GPU generation (a scale on its GEMM efficiency) by least absolute deviations, and measure
 * how well the model transfers with leave-one-family-out (calibrate without a family, predict it).
 *
 * Error convention: error = predicted / published − 1 on the published figure (positive = we predict more TFLOP/s,
 * MFU or tokens/s, or a longer step / more GPU-hours than published).
 */
import { findGpu, makeCluster } from '../hardware.js';
import { computeModelCounts } from '../model.js';
import {
  GENERATIONS_FITTED_ON_OWN_RUNS,
  MATMUL_SHARE_OF_CEILING,
  gpuGenerationOf,
  type GpuGeneration,
  stepTimeModelAccuracyFractionFor,
} from '../performance.js';
import { expertTensorParallelOf } from '../memory.js';
import { evaluatePlan, resolveLayout } from '../plan.js';
import { rankMicroBatchSeconds } from '../performance/step.js';
import { applyRecipe } from '../recipes.js';
import { findModelPreset } from '../presets.js';
import type { GpuSpec, ModelArchitecture, PlanOptions } from '../types.js';
import { HELD_BACK_RUNS } from './held-back.js';
import type { HeldBackRun } from './types.js';
import {
  FAMILY_NAMES,
  THROUGHPUT_KINDS,
  VALIDATION_RUNS,
  type PublishedKind,
  type ValidationFamily,
  type ValidationRun,
} from './runs.js';

/** Per-generation multipliers on the shipped GEMM efficiency (1 = the constants in performance.ts). */
export type EfficiencyScales = Partial<Record<GpuGeneration, number>>;

export interface RunPrediction {
  run: ValidationRun;
  generation: GpuGeneration;
  /** Resolved layout: data parallel, and what resolveLayout filled in. */
  tensorParallel: number;
  pipelineParallel: number;
  pipelineInterleave: number;
  dataParallel: number;
  contextParallel: number;
  expertParallel: number;
  /** The routed experts' TP (expertTensorParallel; = tensorParallel unless folded). */
  expertTensorParallel: number;
  microBatchSize: number;
  globalBatchSize: number;
  sequenceLength: number;
  /** Training precision and recompute the run used (its recipe's included). */
  precision: string;
  recompute: string;
  predicted: number;
  /** predicted / published − 1. */
  error: number;
  stepSeconds: number;
  /** The memory model's most-loaded GPU for the run's layout, and whether it fits (a published run did). */
  memoryBytes: number;
  fits: boolean;
}

function gpuOf(run: ValidationRun): GpuSpec {
  const gpu = findGpu(run.gpu);
  if (gpu === undefined) throw new Error(`validation run ${run.id}: unknown GPU ${run.gpu}`);
  return run.gpuChanges ? { ...gpu, ...run.gpuChanges } : gpu;
}

function archOf(run: ValidationRun, changes?: Partial<ModelArchitecture>): ModelArchitecture {
  const preset = findModelPreset(run.model);
  if (preset === undefined) throw new Error(`validation run ${run.id}: unknown model ${run.model}`);
  return { ...preset, ...run.modelChanges, ...changes };
}

/** Every run's GPUs are nodes of this many (HGX/DGX servers) unless it says otherwise; trainingPlanInput replays them the same way. */
export const VALIDATION_GPUS_PER_NODE = 8;

/** The NVLink domain a run's GPUs are grouped in: its own (GB200 NVL72 racks), else an 8-GPU server; never above its GPUs. */
export function validationGpusPerNode(run: Pick<ValidationRun, 'gpus' | 'gpusPerNode'>): number {
  return Math.min(run.gpus, run.gpusPerNode ?? VALIDATION_GPUS_PER_NODE);
}

/** Predict one run's published figure; `scale` multiplies the GEMM efficiency of its GPU generation. */
export function predictRun(run: ValidationRun, scales: EfficiencyScales = {}): RunPrediction {
  const gpu = gpuOf(run);
  const generation = gpuGenerationOf(gpu.id);
  const arch = archOf(run);
  const gpusPerNode = validationGpusPerNode(run);
  const cluster = makeCluster({ gpu, gpusPerNode, nodes: run.gpus / gpusPerNode });
  // The named recipe fills what the run leaves unset (explicit knobs win), as trainingPlan does.
  const withRecipe = applyRecipe(run.trainingRecipe, run.layout, run.options ?? {}, arch);
  const layout = resolveLayout(arch, cluster, withRecipe.layout, `validation.${run.id}`);
  const scale = scales[generation] ?? 1;
  // A run's own efficiency scale (a reading of an unpublished peak) composes with the calibration's.
  const ownScale = withRecipe.options.computeEfficiencyScale ?? 1;
  const options: PlanOptions = { ...withRecipe.options, ...(scale !== 1 ? { computeEfficiencyScale: scale * ownScale } : {}) };
  const counts = computeModelCounts(arch);
  const evaluation = evaluatePlan(arch, counts, cluster, layout, options);
  const performance = evaluation.performance;
  const tokensPerSecondPerGpu = performance.tokensPerSecond / run.gpus;
  const flopsCounts = run.flopsModelChanges ? computeModelCounts(archOf(run, run.flopsModelChanges)) : null;
  const modelFlopsPerToken =
    run.attentionFlops === 'CAUSAL'
      ? (flopsCounts ?? counts).modelFlopsPerTokenCausal
      : flopsCounts
        ? flopsCounts.modelFlopsPerToken
        : performance.modelFlopsPerStep / (layout.globalBatchSize * arch.sequenceLength);
  const modelFlopsPerSecondPerGpu = modelFlopsPerToken * tokensPerSecondPerGpu;
  const peak = performance.modelFlopsPerSecondPerGpu / performance.modelFlopsUtilization;
  const predicted = predictedFigure(run.kind, {
    hardware: performance.hardwareFlopsPerSecondPerGpu,
    model: modelFlopsPerSecondPerGpu,
    peak,
    stepSeconds: performance.stepSeconds,
    tokensPerSecondPerGpu,
    rankMicroBatchSeconds: () => rankMicroBatchSeconds(arch, counts, cluster, layout, options, run.rankLayers ?? 0),
  });
  return {
    run,
    generation,
    tensorParallel: layout.tensorParallel,
    pipelineParallel: layout.pipelineParallel,
    pipelineInterleave: layout.pipelineInterleave,
    dataParallel: layout.dataParallel,
    contextParallel: layout.contextParallel ?? 1,
    expertParallel: layout.expertParallel > 0 ? layout.expertParallel : 1,
    expertTensorParallel: expertTensorParallelOf(layout),
    microBatchSize: layout.microBatchSize,
    globalBatchSize: layout.globalBatchSize,
    sequenceLength: arch.sequenceLength,
    precision: layout.precision,
    recompute: layout.recompute,
    predicted,
    error: predicted / run.published - 1,
    stepSeconds: performance.stepSeconds,
    memoryBytes: evaluation.memory.totalBytes,
    fits: evaluation.fits,
  };
}

function predictedFigure(
  kind: PublishedKind,
  x: { hardware: number; model: number; peak: number; stepSeconds: number; tokensPerSecondPerGpu: number; rankMicroBatchSeconds: () => number },
): number {
  switch (kind) {
    case 'HARDWARE_TFLOPS_PER_GPU':
      return x.hardware / 1e12;
    case 'MODEL_TFLOPS_PER_GPU':
      return x.model / 1e12;
    case 'MFU':
      return x.model / x.peak;
    case 'STEP_SECONDS':
      return x.stepSeconds;
    case 'TOKENS_PER_SECOND_PER_GPU':
      return x.tokensPerSecondPerGpu;
    case 'GPU_HOURS_PER_TRILLION_TOKENS':
      return 1e12 / x.tokensPerSecondPerGpu / 3600;
    case 'RANK_MICRO_BATCH_SECONDS':
      return x.rankMicroBatchSeconds();
  }
}

/** log(predicted speed / published speed): the same for a throughput too high and a time too short. */
function logSpeedRatio(p: RunPrediction): number {
  const r = Math.log(p.predicted / p.run.published);
  return THROUGHPUT_KINDS.includes(p.run.kind) ? r : -r;
}

/** Fewest runs of a generation for its own share; with fewer, the generation takes the share fitted on all runs. */
export const MIN_RUNS_PER_GENERATION = 5;

type CalibratedGeneration = keyof typeof MATMUL_SHARE_OF_CEILING;

function calibratedGenerationOf(run: ValidationRun): CalibratedGeneration | null {
  const g = gpuGenerationOf(gpuOf(run).id);
  return g === 'OTHER' ? null : g;
}

/** A run's training precision, its recipe's included. */
function precisionOf(run: ValidationRun): string | undefined {
  return applyRecipe(run.trainingRecipe, run.layout, {}).layout.precision;
}

/**
 * The runs the GEMM constants are fitted on: the dense ones. A mixture-of-experts step carries what the GEMM law does
 * not describe (token dispatch and combine, the host work of per-expert launches), and the framework stacks differ
 * there by 2× (docs/validation.md): MoE rows never move the GEMM constants of their GPU generation; those in BF16 with
 * per-expert launches and no EP overlap fit the host seconds per per-expert operation (calibrateExpertHostSeconds), and
 * the others are predicted.
 */
function calibrationRuns(runs: readonly ValidationRun[]): readonly ValidationRun[] {
  return runs.filter(isDenseRun);
}

/** A run of a dense model (every family but MoE): the runs the constants are fitted on and `dense` summarises. */
export function isDenseRun(run: ValidationRun): boolean {
  return run.family !== 'MOE';
}

/** Σ |log(predicted speed / published speed)| over `runs` with every generation's share set to `share`. */
function pooledLoss(runs: readonly ValidationRun[], share: number): number {
  return runs.reduce((sum, run) => {
    const g = calibratedGenerationOf(run);
    const scales: EfficiencyScales = g === null ? {} : { [g]: share / MATMUL_SHARE_OF_CEILING[g] };
    return sum + Math.abs(logSpeedRatio(predictRun(run, scales)));
  }, 0);
}

/**
 * Calibration of the GEMM law's free constant — the share of the microbenchmark ceiling training GEMMs
 * reach (MATMUL_SHARE_OF_CEILING) — per GPU generation: minimise Σ log(predicted/published speed)² over that
 * generation's runs (golden-section search on [0.4, 1.2]; every run's speed grows monotonically with the share, so
 * the loss is unimodal). A generation with fewer than MIN_RUNS_PER_GENERATION runs takes the share fitted on all runs
 * together (the ceilings then carry the difference between generations). The loss is the sum of |log ratio| (least
 * absolute deviations), not of squares: a run the model cannot express (a recipe feature it lacks) moves the
 * constant of a whole generation far less. 16-bit runs only; FP8 runs calibrate the FP8 factor (calibrateFp8Scale).
 */
export function calibrateShares(allRuns: readonly ValidationRun[]): Partial<Record<CalibratedGeneration, number>> {
  // FP8 runs measure the share × FP8_MATMUL_EFFICIENCY_FACTOR (fitted by calibrateFp8Scale): left out here.
  const runs = calibrationRuns(allRuns).filter((r) => precisionOf(r) !== 'FP8');
  const pooled = calibratePooledShare(runs);
  const own = generationsWithOwnShare(allRuns);
  const shares: Partial<Record<CalibratedGeneration, number>> = {};
  for (const g of Object.keys(MATMUL_SHARE_OF_CEILING) as CalibratedGeneration[]) {
    const ofG = runs.filter((r) => calibratedGenerationOf(r) === g);
    shares[g] = own.includes(g) ? goldenSectionMinimum((share) => pooledLoss(ofG, share), 0.4, 1.2, 1e-4) : pooled;
  }
  return shares;
}

/** One share for every generation, fitted on all `runs` together (what a generation with too few runs takes). */
export function calibratePooledShare(runs: readonly ValidationRun[]): number {
  return goldenSectionMinimum((share) => pooledLoss(runs, share), 0.4, 1.2, 1e-4);
}

/**
 * Whether `run`'s generation is among `own` (generationsWithOwnShare: it fits a GEMM share on its own 16-bit dense runs).
 * A generation on the pooled share (Blackwell: its published rows are FP8 or MoE) has nothing of its own to separate
 * its share from the other constants: its runs are predicted, and fit neither the FP8 factor nor the host time.
 */
function hasOwnShare(run: ValidationRun, own: readonly GpuGeneration[]): boolean {
  const g = calibratedGenerationOf(run);
  return g !== null && own.includes(g);
}

/** The generations that fit a share on their own 16-bit dense runs among `runs` (efficiency.ts GENERATIONS_FITTED_ON_OWN_RUNS). */
export function generationsWithOwnShare(runs: readonly ValidationRun[]): GpuGeneration[] {
  const sixteenBit = calibrationRuns(runs).filter((r) => precisionOf(r) !== 'FP8');
  return (Object.keys(MATMUL_SHARE_OF_CEILING) as CalibratedGeneration[]).filter(
    (g) => sixteenBit.filter((r) => calibratedGenerationOf(r) === g).length >= MIN_RUNS_PER_GENERATION,
  );
}

/**
 * Fit of FP8_MATMUL_EFFICIENCY_FACTOR over the FP8 runs: the multiplier on the shipped factor that minimises
 * Σ |log(predicted/published speed)| (applied as an efficiency scale on FP8 runs only; it also scales their
 * 16-bit attention, a few percent of their time). An FP8 run measures its generation's share × the factor: only runs
 * of a generation whose share is fitted on its own 16-bit runs (≥ MIN_RUNS_PER_GENERATION) separate the two, so the
 * FP8 runs of a generation on the pooled share (Blackwell's) are predicted, not fitted.
 */
export function calibrateFp8Scale(runs: readonly ValidationRun[]): number {
  const own = generationsWithOwnShare(runs);
  const fp8 = calibrationRuns(runs).filter((r) => precisionOf(r) === 'FP8' && hasOwnShare(r, own));
  const loss = (scale: number) =>
    fp8.reduce((sum, run) => {
      const g = calibratedGenerationOf(run);
      return sum + Math.abs(logSpeedRatio(predictRun(run, g === null ? {} : { [g]: scale })));
    }, 0);
  return goldenSectionMinimum(loss, 0.5, 2, 1e-4);
}

/**
 * The runs the host seconds per per-expert operation (expert-parallel.ts EXPERT_HOST_SECONDS_PER_OPERATION) are fitted
 * on: MoE runs whose experts launch PER_EXPERT (Megatron-Core's recipe, or the option), in BF16, without expert-parallel
 * overlap — where nothing but that host work and the model's other terms sets the step. FP8 runs (their casts count as
 * operations too), overlapped runs and runs of a generation without a share of its own (hasOwnShare: Blackwell) are
 * predicted with the fitted value.
 */
export function expertHostCalibrationRuns(runs: readonly ValidationRun[]): readonly ValidationRun[] {
  const own = generationsWithOwnShare(runs);
  return runs.filter((run) => {
    if (isDenseRun(run) || !hasOwnShare(run, own)) return false;
    const { layout, options } = applyRecipe(run.trainingRecipe, run.layout, run.options ?? {}, archOf(run));
    return options.expertGemmLaunch === 'PER_EXPERT' && layout.precision === 'BF16' && options.overlapExpertParallelCommunication !== true;
  });
}

/**
 * Fit of EXPERT_HOST_SECONDS_PER_OPERATION (seconds) over expertHostCalibrationRuns: minimise Σ |log(predicted /
 * published speed)| (golden-section search on [0, 200 µs]; each run's step grows with it, so the loss is unimodal).
 */
export function calibrateExpertHostSeconds(runs: readonly ValidationRun[]): number {
  const fitted = expertHostCalibrationRuns(runs);
  const loss = (seconds: number) =>
    fitted.reduce(
      (sum, run) => sum + Math.abs(logSpeedRatio(predictRun({ ...run, options: { ...run.options, expertHostSecondsPerOperation: seconds } }))),
      0,
    );
  return goldenSectionMinimum(loss, 0, 200e-6, 1e-8);
}

/** Calibrated shares as multipliers on the shipped GEMM efficiency. */
export function calibrateScales(runs: readonly ValidationRun[]): EfficiencyScales {
  return scalesOf(calibrateShares(runs));
}

function scalesOf(shares: Partial<Record<CalibratedGeneration, number>>): EfficiencyScales {
  const scales: EfficiencyScales = {};
  for (const [g, share] of Object.entries(shares) as [CalibratedGeneration, number][]) {
    scales[g] = share / MATMUL_SHARE_OF_CEILING[g];
  }
  return scales;
}

function goldenSectionMinimum(f: (x: number) => number, lo: number, hi: number, tolerance: number): number {
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - phi * (b - a);
  let d = a + phi * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > tolerance) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - phi * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + phi * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

export interface ErrorSummary {
  runs: number;
  meanAbsError: number;
  maxAbsError: number;
  /** Mean signed error (bias). */
  meanError: number;
}

export interface FamilySummary extends ErrorSummary {
  family: ValidationFamily;
  name: string;
  /** Scales calibrated without this family, and the family's errors predicted with them. */
  leaveOut: ErrorSummary & { scales: EfficiencyScales };
}

export interface ValidationReport {
  predictions: RunPrediction[];
  overall: ErrorSummary;
  /** The dense runs (every family but MoE): what the GEMM constants are fitted on (calibrationRuns). */
  dense: ErrorSummary;
  /** What the planner states as its accuracy, per model class and GPU generation (efficiency.ts), and the runs behind it. */
  statedAccuracies: StatedAccuracy[];
  families: FamilySummary[];
  /** Mean |error| over every run, each predicted by the model calibrated without its family. */
  leaveOneFamilyOutMeanAbsError: number;
  leaveOneFamilyOutMaxAbsError: number;
  /** Scales calibrated on the whole suite (≈ 1 when the shipped constants are the calibration's output). */
  calibratedScales: EfficiencyScales;
  /** The shares of the microbenchmark ceiling fitted on the whole suite (the shipped MATMUL_SHARE_OF_CEILING). */
  calibratedShares: Partial<Record<CalibratedGeneration, number>>;
  sources: number;
  /** Runs checked but held back (an input their figure depends on is unpublished), each under every reading of it. */
  heldBack: HeldBackPrediction[];
}

/** One stated accuracy: the mean |error| of the suite's runs of a model class on some GPU generations, rounded up. */
export interface StatedAccuracy {
  generations: GpuGeneration[];
  moe: boolean;
  runs: number;
  meanAbsError: number;
  /** What planSearch states (stepTimeModelAccuracyFractionFor): the mean rounded up to a percent, kept so by a test. */
  statedFraction: number;
}

/** The stated accuracies and their runs: dense and MoE, on the generations fitted on their own runs and on Blackwell. */
export function statedAccuracies(predictions: readonly RunPrediction[]): StatedAccuracy[] {
  const groups: [GpuGeneration[], boolean][] = [
    [[...GENERATIONS_FITTED_ON_OWN_RUNS], false],
    [[...GENERATIONS_FITTED_ON_OWN_RUNS], true],
    [['BLACKWELL'], false],
    [['BLACKWELL'], true],
  ];
  return groups.map(([generations, moe]) => {
    const errors = predictions.filter((p) => generations.includes(p.generation) && (p.run.family === 'MOE') === moe).map((p) => Math.abs(p.error));
    return {
      generations,
      moe,
      runs: errors.length,
      meanAbsError: errors.length > 0 ? errors.reduce((a, b) => a + b, 0) / errors.length : 0,
      statedFraction: stepTimeModelAccuracyFractionFor(moe ? 2 : 1, generations[0]),
    };
  });
}

export interface HeldBackPrediction {
  run: HeldBackRun;
  /** One prediction per reading, at the shipped constants. */
  readings: { name: string; prediction: RunPrediction }[];
}

/** The held-back runs under each reading of what their sources leave open (src/core/validation/held-back.ts). */
export function predictHeldBack(runs: readonly HeldBackRun[] = HELD_BACK_RUNS): HeldBackPrediction[] {
  return runs.map((run) => ({ run, readings: run.readings.map((r) => ({ name: r.name, prediction: predictRun(r.run) })) }));
}

/** The publication a source names (the text before its first comma, semicolon or colon). */
export function sourceName(source: string): string {
  return (source.split(/[,;:]/)[0] ?? source).trim();
}

export function summarise(errors: readonly number[]): ErrorSummary {
  const abs = errors.map(Math.abs);
  return {
    runs: errors.length,
    meanAbsError: abs.reduce((a, b) => a + b, 0) / Math.max(1, errors.length),
    maxAbsError: abs.length ? Math.max(...abs) : 0,
    meanError: errors.reduce((a, b) => a + b, 0) / Math.max(1, errors.length),
  };
}

/** Run the whole suite with the shipped constants, per-family summaries and leave-one-family-out. */
export function runValidation(runs: readonly ValidationRun[] = VALIDATION_RUNS): ValidationReport {
  const predictions = runs.map((run) => predictRun(run));
  const families = [...new Set(runs.map((r) => r.family))];
  const leaveOutErrors: number[] = [];
  const familySummaries = families.map((family): FamilySummary => {
    const inFamily = predictions.filter((p) => p.run.family === family);
    const scales = calibrateScales(runs.filter((r) => r.family !== family));
    const held = inFamily.map((p) => predictRun(p.run, scales).error);
    leaveOutErrors.push(...held);
    return {
      family,
      name: FAMILY_NAMES[family],
      ...summarise(inFamily.map((p) => p.error)),
      leaveOut: { ...summarise(held), scales },
    };
  });
  const leaveOut = summarise(leaveOutErrors);
  const shares = calibrateShares(runs);
  return {
    predictions,
    overall: summarise(predictions.map((p) => p.error)),
    dense: summarise(predictions.filter((p) => isDenseRun(p.run)).map((p) => p.error)),
    statedAccuracies: statedAccuracies(predictions),
    families: familySummaries,
    leaveOneFamilyOutMeanAbsError: leaveOut.meanAbsError,
    leaveOneFamilyOutMaxAbsError: leaveOut.maxAbsError,
    calibratedScales: scalesOf(shares),
    calibratedShares: shares,
    sources: new Set(runs.map((r) => sourceName(r.source))).size,
    heldBack: predictHeldBack(),
  };
}
