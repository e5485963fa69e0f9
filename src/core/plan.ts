/**
 * A training plan: layout resolution (defaults + validation) and the full evaluation (memory, communication,
 * step time, run, fit, diagnostics).
 *
 * Defaults (resolveLayout): TP 1, PP 1, DP = GPUs / (TP·PP), EP 1, ZeRO 0, micro-batch 1, no sequence parallel,
 * no interleaving, no recompute, Adam, no offload, FlashAttention ON (every current stack has it; the Megatron-LM
 * 2021 runs predate it — set flashAttention: false to reproduce them), precision BF16 — or FP16 on GPUs whose BF16
 * rate is below their FP16 rate (V100 has no BF16 tensor cores).
 * Rules (each violation is an InvalidInputError naming the field, the value and what is allowed):
 * - TP·PP·DP must equal the cluster's GPUs (gpusPerNode × nodes): a plan that leaves GPUs idle is an input error.
 * - TP divides attentionHeads; TP divides kvHeads or kvHeads divides TP (K/V heads are then replicated TP/kvHeads
 *   times, one per rank, as Megatron-Core does for GQA; memory and step time count the replicas).
 * - PP ≤ layers. The layers split over the p·v virtual stages EVEN (the first L mod p·v take one extra layer), by
 *   pipelineLayerSplit (FIRST_LAST_ONE_FEWER: Llama 3 §3.3.2; BALANCED: the planner's choice) or by an explicit
 *   pipelineStageLayers list (length p·v, sum L, middle entries ≥ 1, first/last ≥ 0) — pipeline.ts.
 * - global batch divisible by micro-batch × DP.
 * - interleave v > 1 needs PP ≥ 2; any v whose split exists (EVEN: p·v ≤ L; FIRST_LAST_ONE_FEWER: p·v ≤ L + 2), and
 *   any number of micro-batches (Llama 3 §3.3.2: not necessarily a multiple of PP).
 * - EP divides DP and the number of experts; EP > 1 needs an MoE model. expertTensorParallel (the routed experts' TP,
 *   default TP) is 1 or TP; with 1 (MoE parallel folding) EP × 1 divides TP × CP × DP instead, and SP is required.
 * - PARAMETERS_* offload needs ZeRO stage 3 (ZeRO-Infinity); FP8 needs a GPU with FP8 tensor cores.
 * - sequence parallel with TP = 1 is a no-op and resolves to false.
 * Options (evaluatePlan): pipeline point-to-point transfers overlap compute in steady state unless
 * options.overlapPipelineCommunication = false (Megatron-LM 2021's synchronous send/recv; see performance.ts); DP
 * collectives overlap unless options.overlapDataParallelCommunication = false; TP is exposed unless
 * options.overlapTensorParallelCommunication (with SP); the MoE all-to-all is exposed unless
 * options.overlapExpertParallelCommunication (DualPipe-style); overlapped communication slows compute by
 * options.overlapComputeSlowdown (default 0.189).
 */
import { validateAdapter } from './adapter.js';
import { ATTENTION_KERNELS } from './attention-kernel.js';
import { requireOperatorRecompute } from './operator-recompute.js';
import { InvalidInputError, requireFinite, requireInteger } from './errors.js';
import { planDiagnostics } from './diagnostics.js';
import { DEFAULT_FRAMEWORK_OVERHEAD_BYTES, DEFAULT_MEMORY_HEADROOM_FRACTION, estimateMemory, layoutGpus, offloadFits } from './memory.js';
import { computeModelCounts } from './model.js';
import { estimateRun, estimateStep } from './performance.js';
import { headLayerEquivalents, recomputedLayerFraction, resolveStageLayers, type PipelineLayerSplit } from './pipeline.js';
import { CONTEXT_PARALLEL_COMMUNICATIONS, CROSS_ENTROPY_FUSIONS, ELEMENTWISE_KERNELS, EXPERT_GEMM_LAUNCHES, FP8_SCALINGS } from './types.js';
import type {
  ActivationStorage,
  ClusterSpec,
  GradientPrecision,
  ModelArchitecture,
  ModelCounts,
  OffloadTarget,
  OptimizerKind,
  OptimizerMomentPrecision,
  ParallelLayout,
  PipelineSchedule,
  PlanEstimate,
  PlanOptions,
  Precision,
  RecomputeMode,
  ZeroStage,
} from './types.js';

export { DEFAULT_FRAMEWORK_OVERHEAD_BYTES, DEFAULT_MEMORY_HEADROOM_FRACTION };

export { COMMUNICATION_BOUND_FRACTION, EXPERT_HOST_BOUND_FRACTION, LARGE_BUBBLE_FRACTION, LOW_MFU } from './diagnostics.js';

const PRECISIONS: readonly Precision[] = ['FP32', 'FP16', 'BF16', 'FP8'];
const OPTIMIZERS: readonly OptimizerKind[] = ['ADAM', 'ADAMW', 'SGD_MOMENTUM', 'ADAFACTOR', 'ADAM_8BIT'];
const RECOMPUTES: readonly RecomputeMode[] = ['NONE', 'SELECTIVE', 'SELECTIVE_OPERATORS', 'FULL'];
const GRADIENT_PRECISIONS: readonly GradientPrecision[] = ['FP32', 'BF16', 'FP16'];
const ACTIVATION_STORAGES: readonly ActivationStorage[] = ['FP8'];
const MOMENT_PRECISIONS: readonly OptimizerMomentPrecision[] = ['FP32', 'BF16'];
const PIPELINE_SCHEDULES: readonly PipelineSchedule[] = ['ONE_F_ONE_B', 'DUALPIPE'];
const OFFLOADS: readonly OffloadTarget[] = ['NONE', 'OPTIMIZER_CPU', 'OPTIMIZER_NVME', 'PARAMETERS_CPU', 'PARAMETERS_NVME'];

function requireOneOf<T>(field: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) throw new InvalidInputError(field, value, `one of ${allowed.join(', ')}`);
  return value;
}

function requireBoolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new InvalidInputError(field, value, 'true or false');
  return value;
}

type LayoutInput = Partial<ParallelLayout> & { globalBatchSize: number; pipelineLayerSplit?: PipelineLayerSplit };

/** The parallel shape: TP, PP, CP, DP (from the cluster when unset) and EP, each checked against model and cluster. */
function resolveShape(
  arch: ModelArchitecture,
  cluster: ClusterSpec,
  input: LayoutInput,
  path: string,
): {
  tensorParallel: number;
  pipelineParallel: number;
  contextParallel: number;
  dataParallel: number;
  expertParallel: number;
  expertTensorParallel?: number;
} {
  const f = (name: string): string => `${path}.${name}`;
  const gpus = cluster.gpusPerNode * cluster.nodes;
  requireInteger('cluster.gpus', gpus, 1);

  const tensorParallel = requireInteger(f('tensorParallel'), input.tensorParallel ?? 1, 1, gpus);
  const pipelineParallel = requireInteger(f('pipelineParallel'), input.pipelineParallel ?? 1, 1, gpus);
  if (arch.attentionHeads % tensorParallel !== 0) {
    throw new InvalidInputError(f('tensorParallel'), tensorParallel, `a divisor of attentionHeads (${arch.attentionHeads})`);
  }
  if (arch.kvHeads % tensorParallel !== 0 && tensorParallel % arch.kvHeads !== 0) {
    throw new InvalidInputError(
      f('tensorParallel'),
      tensorParallel,
      `a divisor or a multiple of kvHeads (${arch.kvHeads}) that divides attentionHeads (${arch.attentionHeads})`,
    );
  }
  if (pipelineParallel > arch.layers) {
    throw new InvalidInputError(f('pipelineParallel'), pipelineParallel, `at most the number of layers (${arch.layers})`);
  }
  const contextParallel = requireInteger(f('contextParallel'), input.contextParallel ?? 1, 1, gpus);
  // Megatron-Core context parallelism splits each sequence into 2·CP chunks (rank i holds chunks i and 2·CP − 1 − i,
  // which balances causal attention): the sequence must divide into them.
  if (contextParallel > 1 && arch.sequenceLength % (2 * contextParallel) !== 0) {
    throw new InvalidInputError(
      f('contextParallel'),
      contextParallel,
      `a value with sequenceLength (${arch.sequenceLength}) divisible by 2 × contextParallel (load-balanced causal chunks)`,
    );
  }
  const modelParallel = tensorParallel * contextParallel * pipelineParallel;
  const product = contextParallel > 1 ? 'tensorParallel × contextParallel × pipelineParallel' : 'tensorParallel × pipelineParallel';
  let dataParallel: number;
  if (input.dataParallel === undefined) {
    if (gpus % modelParallel !== 0) {
      throw new InvalidInputError(
        f(contextParallel > 1 ? 'contextParallel' : pipelineParallel > 1 ? 'pipelineParallel' : 'tensorParallel'),
        contextParallel > 1 ? contextParallel : pipelineParallel > 1 ? pipelineParallel : tensorParallel,
        `a value with ${product} dividing the cluster's ${gpus} GPUs (now ${modelParallel})`,
      );
    }
    dataParallel = gpus / modelParallel;
  } else {
    dataParallel = requireInteger(f('dataParallel'), input.dataParallel, 1, gpus);
    if (modelParallel * dataParallel !== gpus) {
      throw new InvalidInputError(
        f('dataParallel'),
        dataParallel,
        `${product} × dataParallel = the cluster's ${gpus} GPUs` +
          (gpus % modelParallel === 0 ? ` (dataParallel = ${gpus / modelParallel})` : ` (${contextParallel > 1 ? 'TP × CP × PP' : 'TP × PP'} = ${modelParallel} does not divide ${gpus})`),
      );
    }
  }

  const expertParallel = requireInteger(f('expertParallel'), input.expertParallel ?? 1, 1, gpus);
  const expertTensorParallel = resolveExpertTensorParallel(arch, input, path, tensorParallel);
  if (expertParallel > 1) {
    if (arch.experts <= 1) throw new InvalidInputError(f('expertParallel'), expertParallel, '1 for a dense model (experts = 1)');
    // Megatron-Core MoE parallel folding (docs "MoE parallel folding"; Liu et al. 2025, arXiv 2504.14960): the expert
    // layout ETP × EP × expert-DP folds over the TP × CP × DP ranks of a stage, so EP × ETP divides TP × CP × DP. With
    // ETP = TP that reads EP | CP × DP; the planner keeps its stricter EP | DP there (the EP group strides over TP inside
    // DP, as every existing answer assumes); with ETP = 1 it is EP | TP × CP × DP.
    const foldedRanks = tensorParallel * contextParallel * dataParallel;
    if (expertTensorParallel !== tensorParallel) {
      if (foldedRanks % (expertParallel * expertTensorParallel) !== 0 || arch.experts % expertParallel !== 0) {
        throw new InvalidInputError(
          f('expertParallel'),
          expertParallel,
          `a divisor of experts (${arch.experts}) with expertParallel × expertTensorParallel (${expertParallel} × ${expertTensorParallel}) ` +
            `dividing tensorParallel × contextParallel × dataParallel (${tensorParallel} × ${contextParallel} × ${dataParallel} = ${foldedRanks}): MoE parallel folding`,
        );
      }
    } else if (dataParallel % expertParallel !== 0 || arch.experts % expertParallel !== 0) {
      const foldingHint =
        tensorParallel > 1 && foldedRanks % expertParallel === 0 && arch.experts % expertParallel === 0
          ? `; or set expertTensorParallel 1 (MoE parallel folding: expertParallel divides tensorParallel × contextParallel × dataParallel = ${foldedRanks})`
          : '';
      throw new InvalidInputError(
        f('expertParallel'),
        expertParallel,
        `a common divisor of dataParallel (${dataParallel}) and experts (${arch.experts})${foldingHint}`,
      );
    }
  }

  return {
    tensorParallel,
    pipelineParallel,
    contextParallel,
    dataParallel,
    expertParallel,
    ...(expertTensorParallel !== tensorParallel ? { expertTensorParallel } : {}),
  };
}

/**
 * The routed experts' tensor-parallel degree: 1 or TP (Megatron-Core --expert-tensor-parallel-size, default TP; the
 * recipes set 1 or TP). Another value than TP needs an MoE model and, with TP > 1, sequence parallelism (Megatron-Core
 * asserts SP for MoE with TP: the token dispatcher takes each TP rank's sequence shard).
 */
function resolveExpertTensorParallel(arch: ModelArchitecture, input: LayoutInput, path: string, tensorParallel: number): number {
  const field = `${path}.expertTensorParallel`;
  if (input.expertTensorParallel === undefined) return tensorParallel;
  const etp = requireInteger(field, input.expertTensorParallel, 1, 1_000_000);
  if (etp === tensorParallel) return etp;
  if (etp !== 1) throw new InvalidInputError(field, etp, `1 or tensorParallel (${tensorParallel})`);
  if (arch.experts <= 1) throw new InvalidInputError(field, etp, `tensorParallel (${tensorParallel}) for a dense model (experts = 1)`);
  if (input.sequenceParallel !== true) {
    throw new InvalidInputError(
      field,
      etp,
      `tensorParallel (${tensorParallel}) unless sequenceParallel is true (Megatron-Core's MoE token dispatcher with TP > 1 needs sequence parallelism)`,
    );
  }
  return etp;
}

/** ZeRO stage, micro- and global batch, interleaving and the per-virtual-stage layer split (pipeline.ts). */
function resolveBatchAndPipeline(
  arch: ModelArchitecture,
  input: LayoutInput,
  path: string,
  pipelineParallel: number,
  dataParallel: number,
): { zeroStage: ZeroStage; microBatchSize: number; globalBatchSize: number; pipelineInterleave: number; pipelineStageLayers: number[] | undefined } {
  const f = (name: string): string => `${path}.${name}`;
  const zeroStage = input.zeroStage ?? 0;
  if (zeroStage !== 0 && zeroStage !== 1 && zeroStage !== 2 && zeroStage !== 3) {
    throw new InvalidInputError(f('zeroStage'), zeroStage, 'one of 0, 1, 2, 3');
  }
  const microBatchSize = requireInteger(f('microBatchSize'), input.microBatchSize ?? 1, 1, 1_000_000);
  const globalBatchSize = requireInteger(f('globalBatchSize'), input.globalBatchSize, 1, 1_000_000_000);
  if (globalBatchSize % (microBatchSize * dataParallel) !== 0) {
    throw new InvalidInputError(
      f('globalBatchSize'),
      globalBatchSize,
      `a multiple of microBatchSize × dataParallel (${microBatchSize} × ${dataParallel} = ${microBatchSize * dataParallel})`,
    );
  }

  const pipelineInterleave = requireInteger(f('pipelineInterleave'), input.pipelineInterleave ?? 1, 1, 1024);
  if (pipelineInterleave > 1 && pipelineParallel < 2) {
    throw new InvalidInputError(f('pipelineInterleave'), pipelineInterleave, '1 unless pipelineParallel ≥ 2');
  }
  if (input.pipelineLayerSplit === undefined && input.pipelineStageLayers === undefined && pipelineParallel * pipelineInterleave > arch.layers) {
    throw new InvalidInputError(
      f('pipelineInterleave'),
      pipelineInterleave,
      `at most ${Math.floor(arch.layers / pipelineParallel)} (every one of the pipelineParallel × pipelineInterleave virtual stages holds a layer of the ${arch.layers}), or a pipelineLayerSplit / pipelineStageLayers with embedding- or head-only stages`,
    );
  }
  // Any split of the layers into p·v virtual stages (pipeline.ts); micro-batches need not be a multiple of p (Llama 3
  // §3.3.2's interleaved schedule; Megatron-Core's since 0.7), so neither is checked here.
  const pipelineStageLayers = resolveStageLayers(
    arch.layers,
    pipelineParallel,
    pipelineInterleave,
    input.pipelineLayerSplit,
    input.pipelineStageLayers,
    () => headLayerEquivalents(computeModelCounts(arch)),
    f('pipelineStageLayers'),
    f('pipelineLayerSplit'),
  );

  return { zeroStage: zeroStage as ZeroStage, microBatchSize, globalBatchSize, pipelineInterleave, pipelineStageLayers };
}

/** Fill the defaults of a partial layout and validate it against the model and the cluster. */
export function resolveLayout(arch: ModelArchitecture, cluster: ClusterSpec, input: LayoutInput, path = 'plan'): ParallelLayout {
  const f = (name: string): string => `${path}.${name}`;
  const { tensorParallel, pipelineParallel, contextParallel, dataParallel, expertParallel, expertTensorParallel } = resolveShape(arch, cluster, input, path);
  const { zeroStage, microBatchSize, globalBatchSize, pipelineInterleave, pipelineStageLayers } = resolveBatchAndPipeline(
    arch,
    input,
    path,
    pipelineParallel,
    dataParallel,
  );
  const recompute = requireOneOf(f('recompute'), input.recompute ?? 'NONE', RECOMPUTES);
  const recomputeLayers = resolveRecomputeLayers(arch, input, path, recompute, { pipelineParallel, pipelineInterleave, pipelineStageLayers });
  const optimizer = requireOneOf(f('optimizer'), input.optimizer ?? 'ADAM', OPTIMIZERS);
  const offload = requireOneOf(f('offload'), input.offload ?? 'NONE', OFFLOADS);
  const peak = cluster.gpu.peakFlopsPerSecond;
  const precision = requireOneOf(f('precision'), input.precision ?? (peak.BF16 < peak.FP16 ? 'FP16' : 'BF16'), PRECISIONS);
  if (precision === 'FP8' && peak.FP8 === null) {
    throw new InvalidInputError(f('precision'), precision, `FP32, BF16 or FP16 (${cluster.gpu.name} has no FP8 tensor cores)`);
  }
  if ((offload === 'PARAMETERS_CPU' || offload === 'PARAMETERS_NVME') && zeroStage !== 3) {
    throw new InvalidInputError(f('offload'), offload, `NONE, OPTIMIZER_CPU or OPTIMIZER_NVME unless zeroStage = 3 (ZeRO-Infinity)`);
  }
  const sequenceParallel = requireBoolean(f('sequenceParallel'), input.sequenceParallel ?? false) && tensorParallel > 1;
  const flashAttention = requireBoolean(f('flashAttention'), input.flashAttention ?? true);
  const adapter = input.adapter === undefined ? undefined : validateAdapter(arch, input.adapter, offload, f('adapter'));
  if (recompute === 'SELECTIVE_OPERATORS') {
    requireOperatorRecompute(
      f('recompute'),
      arch,
      adapter !== undefined
        ? 'adapter fine-tuning'
        : input.cheapRecompute === true
          ? 'cheapRecompute (a recompute of its own)'
          : !flashAttention
            ? 'flashAttention false (the policy saves only the fused SDPA kernels\' outputs)'
            : input.activationStorage === 'FP8'
              ? 'activationStorage FP8 (the policy keeps 16-bit matmul outputs)'
              : undefined,
    );
  }
  const gradientPrecision = input.gradientPrecision === undefined ? undefined : requireOneOf(f('gradientPrecision'), input.gradientPrecision, GRADIENT_PRECISIONS);
  if (gradientPrecision !== undefined && precision === 'FP32' && gradientPrecision !== 'FP32') {
    throw new InvalidInputError(f('gradientPrecision'), gradientPrecision, 'FP32 in FP32 training (gradients are never narrower than the weights)');
  }
  const gradientReducePrecision =
    input.gradientReducePrecision === undefined ? undefined : requireOneOf(f('gradientReducePrecision'), input.gradientReducePrecision, GRADIENT_PRECISIONS);
  if (gradientReducePrecision !== undefined && precision === 'FP32' && gradientReducePrecision !== 'FP32') {
    throw new InvalidInputError(f('gradientReducePrecision'), gradientReducePrecision, 'FP32 in FP32 training (gradients are never narrower than the weights)');
  }
  const activationStorage = input.activationStorage === undefined ? undefined : requireOneOf(f('activationStorage'), input.activationStorage, ACTIVATION_STORAGES);
  if (activationStorage === 'FP8' && precision !== 'FP8') {
    throw new InvalidInputError(f('activationStorage'), activationStorage, `absent (16-bit) unless precision = FP8 (now ${precision}): FP8 caching reuses the FP8 GEMM inputs`);
  }

  return {
    tensorParallel,
    pipelineParallel,
    dataParallel,
    expertParallel,
    // Present only when it differs from TP (MoE parallel folding), like contextParallel.
    ...(expertTensorParallel === undefined ? {} : { expertTensorParallel }),
    // Present only when used, so that CP-free layouts keep their shape (search candidates, saved plans).
    ...(contextParallel > 1 ? { contextParallel } : {}),
    zeroStage,
    microBatchSize,
    globalBatchSize,
    sequenceParallel,
    pipelineInterleave,
    // Present only when it differs from EVEN, like contextParallel.
    ...(pipelineStageLayers === undefined ? {} : { pipelineStageLayers }),
    recompute,
    // Present only when some layers of a stage are not recomputed, like contextParallel.
    ...(recomputeLayers === undefined ? {} : { recomputeLayers }),
    precision,
    optimizer,
    offload,
    flashAttention,
    // Present only for adapter fine-tuning, like contextParallel.
    ...(adapter === undefined ? {} : { adapter }),
    // Present only when set (a recipe's or the user's), like contextParallel.
    ...(gradientPrecision === undefined ? {} : { gradientPrecision }),
    ...(gradientReducePrecision === undefined ? {} : { gradientReducePrecision }),
    ...(activationStorage === undefined ? {} : { activationStorage }),
    ...resolveStateOptions(input, path, optimizer, precision, pipelineParallel, pipelineInterleave),
  };
}

/**
 * recomputeLayers (Megatron-Core recompute_method "block", recompute_num_layers): a positive integer, with FULL
 * recompute only; one that covers every virtual stage's layers is FULL itself and is dropped (the layout stays
 * canonical). Not with cheapRecompute, whose operators are recomputed on layers FULL leaves alone.
 */
function resolveRecomputeLayers(
  arch: ModelArchitecture,
  input: LayoutInput,
  path: string,
  recompute: ParallelLayout['recompute'],
  pipeline: Pick<ParallelLayout, 'pipelineParallel' | 'pipelineInterleave' | 'pipelineStageLayers'>,
): number | undefined {
  const n = input.recomputeLayers;
  if (n === undefined) return undefined;
  const field = `${path}.recomputeLayers`;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > arch.layers) {
    throw new InvalidInputError(field, n, `an integer from 1 to ${arch.layers}: layers of each virtual pipeline stage whose activations are recomputed`);
  }
  if (recompute !== 'FULL') {
    throw new InvalidInputError(field, n, `absent unless recompute = FULL (now ${recompute}): it says how many layers of each stage FULL recomputes`);
  }
  if (input.cheapRecompute === true) {
    throw new InvalidInputError(field, n, 'absent with cheapRecompute (its operators are recomputed on the layers FULL leaves alone; the two together are not modelled)');
  }
  return recomputedLayerFraction(arch.layers, { ...pipeline, recompute, recomputeLayers: n }) >= 1 ? undefined : n;
}

/**
 * The recipe-level state and schedule options, present only when they differ from the default so that layouts keep
 * their shape: BF16 optimizer moments, no master weights, cheap recompute, the DualPipe schedule (DeepSeek-V3 report
 * §3.2–3.3).
 */
function resolveStateOptions(
  input: LayoutInput,
  path: string,
  optimizer: OptimizerKind,
  precision: Precision,
  pipelineParallel: number,
  pipelineInterleave: number,
): Pick<ParallelLayout, 'optimizerMomentPrecision' | 'masterWeights' | 'cheapRecompute' | 'pipelineSchedule'> {
  const f = (name: string): string => `${path}.${name}`;
  const out: Pick<ParallelLayout, 'optimizerMomentPrecision' | 'masterWeights' | 'cheapRecompute' | 'pipelineSchedule'> = {};
  if (input.optimizerMomentPrecision !== undefined) {
    const moments = requireOneOf(f('optimizerMomentPrecision'), input.optimizerMomentPrecision, MOMENT_PRECISIONS);
    if (moments === 'BF16' && optimizer !== 'ADAM' && optimizer !== 'ADAMW' && optimizer !== 'SGD_MOMENTUM') {
      throw new InvalidInputError(f('optimizerMomentPrecision'), moments, `FP32 with ${optimizer} (BF16 moments need ADAM, ADAMW or SGD_MOMENTUM)`);
    }
    if (moments === 'BF16') out.optimizerMomentPrecision = moments;
  }
  if (input.masterWeights !== undefined && !requireBoolean(f('masterWeights'), input.masterWeights)) {
    // FP32 training has no separate master copy to leave out: its weights are the optimizer's.
    if (precision === 'FP32') throw new InvalidInputError(f('masterWeights'), false, 'true or absent in FP32 training (the weights are the master copy)');
    out.masterWeights = false;
  }
  if (input.cheapRecompute !== undefined && requireBoolean(f('cheapRecompute'), input.cheapRecompute)) out.cheapRecompute = true;
  if (input.pipelineSchedule !== undefined) {
    const schedule = requireOneOf(f('pipelineSchedule'), input.pipelineSchedule, PIPELINE_SCHEDULES);
    // DualPipe pairs rank i with rank p − 1 − i (DeepSeek-V3 report §3.2.1): an even number of ranks, no interleaving.
    if (schedule === 'DUALPIPE' && (pipelineParallel < 2 || pipelineParallel % 2 !== 0 || pipelineInterleave !== 1)) {
      throw new InvalidInputError(
        f('pipelineSchedule'),
        schedule,
        `ONE_F_ONE_B, or DUALPIPE with an even pipelineParallel ≥ 2 and pipelineInterleave 1 (now ${pipelineParallel} and ${pipelineInterleave})`,
      );
    }
    if (schedule === 'DUALPIPE') out.pipelineSchedule = schedule;
  }
  return out;
}

/** Cheap checks of the options (hot path: only comparisons). */
function checkOptions(options: PlanOptions): void {
  if (options.frameworkOverheadBytes !== undefined) requireFinite('options.frameworkOverheadBytes', options.frameworkOverheadBytes, 0, 1e15);
  if (options.memoryHeadroomFraction !== undefined) requireFinite('options.memoryHeadroomFraction', options.memoryHeadroomFraction, 0, 0.99);
  if (options.computeEfficiencyScale !== undefined) requireFinite('options.computeEfficiencyScale', options.computeEfficiencyScale, 0.01, 10);
  if (options.computeEfficiencyOverride !== undefined) requireFinite('options.computeEfficiencyOverride', options.computeEfficiencyOverride, 0.001, 1);
  if (options.intraNodeCollectiveEfficiency !== undefined) requireFinite('options.intraNodeCollectiveEfficiency', options.intraNodeCollectiveEfficiency, 0.001, 1);
  if (options.interNodeCollectiveEfficiency !== undefined) requireFinite('options.interNodeCollectiveEfficiency', options.interNodeCollectiveEfficiency, 0.001, 1);
  if (options.trainingTokens !== undefined) requireFinite('options.trainingTokens', options.trainingTokens, 1, 1e18);
  if (options.overlapPipelineCommunication !== undefined) requireBoolean('options.overlapPipelineCommunication', options.overlapPipelineCommunication);
  if (options.overlapDataParallelCommunication !== undefined) {
    requireBoolean('options.overlapDataParallelCommunication', options.overlapDataParallelCommunication);
  }
  if (options.overlapTensorParallelCommunication !== undefined) {
    requireBoolean('options.overlapTensorParallelCommunication', options.overlapTensorParallelCommunication);
  }
  if (options.overlapTensorParallelBackward !== undefined) {
    requireBoolean('options.overlapTensorParallelBackward', options.overlapTensorParallelBackward);
  }
  if (options.overlapExpertParallelCommunication !== undefined) {
    requireBoolean('options.overlapExpertParallelCommunication', options.overlapExpertParallelCommunication);
  }
  if (options.reshardAfterForward !== undefined) requireBoolean('options.reshardAfterForward', options.reshardAfterForward);
  if (options.overlapComputeSlowdown !== undefined) requireFinite('options.overlapComputeSlowdown', options.overlapComputeSlowdown, 0, 1);
  if (options.expertGemmLaunch !== undefined) requireOneOf('options.expertGemmLaunch', options.expertGemmLaunch, EXPERT_GEMM_LAUNCHES);
  if (options.elementwiseKernels !== undefined) requireOneOf('options.elementwiseKernels', options.elementwiseKernels, ELEMENTWISE_KERNELS);
  if (options.attentionKernel !== undefined) requireOneOf('options.attentionKernel', options.attentionKernel, ATTENTION_KERNELS);
  if (options.crossEntropyFusion !== undefined) requireOneOf('options.crossEntropyFusion', options.crossEntropyFusion, CROSS_ENTROPY_FUSIONS);
  if (options.fp8Scaling !== undefined) requireOneOf('options.fp8Scaling', options.fp8Scaling, FP8_SCALINGS);
  if (options.contextParallelCommunication !== undefined) {
    requireOneOf('options.contextParallelCommunication', options.contextParallelCommunication, CONTEXT_PARALLEL_COMMUNICATIONS);
  }
  if (options.expertGradientReducePrecision !== undefined) {
    requireOneOf('options.expertGradientReducePrecision', options.expertGradientReducePrecision, GRADIENT_PRECISIONS);
  }
  if (options.expertHostSecondsPerOperation !== undefined) {
    requireFinite('options.expertHostSecondsPerOperation', options.expertHostSecondsPerOperation, 0, 0.01);
  }
}

/**
 * Evaluate a resolved plan: memory of the most-loaded GPU, communication, step time and throughput, the run (when
 * options.trainingTokens is set), whether it fits (total ≤ capacity × (1 − headroom)) and diagnostics.
 * Hot path (≥ 10⁶ evaluations/s): O(1) in PP, no closures or maps; diagnostics strings only when triggered.
 */
export function evaluatePlan(
  arch: ModelArchitecture,
  counts: ModelCounts,
  cluster: ClusterSpec,
  layout: ParallelLayout,
  options?: PlanOptions,
): PlanEstimate {
  const gpus = cluster.gpusPerNode * cluster.nodes;
  if (layoutGpus(layout) !== gpus) {
    throw new InvalidInputError(
      'plan.dataParallel',
      layout.dataParallel,
      `tensorParallel × contextParallel × pipelineParallel × dataParallel = the cluster's ${gpus} GPUs (use resolveLayout)`,
    );
  }
  if (options !== undefined) checkOptions(options);

  const memory = estimateMemory(arch, counts, cluster, layout, options);
  const step = estimateStep(arch, counts, cluster, layout, options);
  const performance = step.performance;
  const trainingTokens = options?.trainingTokens;
  const run =
    trainingTokens === undefined
      ? null
      : estimateRun(performance, counts, cluster, layout, arch.sequenceLength, trainingTokens);
  const headroom = options?.memoryHeadroomFraction ?? DEFAULT_MEMORY_HEADROOM_FRACTION;
  const usableBytes = memory.capacityBytes * (1 - headroom);
  const deviceFits = memory.totalBytes <= usableBytes;
  // Offloaded states must fit the node's CPU RAM / NVMe too (memory.ts offloadFits); nothing to check without offload.
  const offload = layout.offload === 'NONE' ? null : offloadFits(memory, cluster, headroom);
  const fits = deviceFits && (offload === null || (offload.hostFits && offload.nvmeFits));

  const diagnostics = planDiagnostics(arch, cluster, layout, options, memory, performance, offload, headroom, usableBytes);
  return { memory, communication: step.communication, performance, terms: step.terms, run, fits, diagnostics };
}

