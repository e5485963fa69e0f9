/**
 * Named training recipes: what a framework really does, as defaults a plan starts from, each with its source, and the
 * list of assumptions a plan used (name, value, source, and whether it came from the recipe, the user or the planner's
 * default). Explicit user inputs always override a recipe. CUSTOM (or no recipe) keeps the planner's defaults, so
 * every earlier figure holds. Pure: no I/O.
 */
import { attentionKernelRateScale } from './attention-kernel.js';
import { defaultIntraNodeCollectiveEfficiency } from './communication.js';
import { InvalidInputError } from './errors.js';
import { DEFAULT_FRAMEWORK_OVERHEAD_BYTES, DEFAULT_MEMORY_HEADROOM_FRACTION } from './memory.js';
import { causalKeysPerQueryByLayerKind } from './model.js';
import {
  attentionRateOverMeasuredGpu,
  ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION,
  EXPERT_HOST_SECONDS_PER_OPERATION,
  FLASH_ATTENTION_HALF_RATE_KEYS_PER_QUERY,
  flashAttentionCallsPerPass,
  flashAttentionRateFraction,
  gemmEfficiencyLawDescription,
  gpuGenerationOf,
  matmulCeilingScaleOf,
  OVERLAP_COMPUTE_SLOWDOWN,
} from './performance.js';
import { gradientBytesOf, gradientReduceBytesOf, keepsMasterWeights, optimizerStateBytesOf } from './precision.js';
import type { PlanSearchOptions } from './search/types.js';
import type { ModelArchitecture, ParallelLayout, PlanOptions } from './types.js';

export type TrainingRecipe = 'CUSTOM' | 'MEGATRON_LM_2021' | 'MEGATRON_CORE' | 'TORCHTITAN_FSDP2' | 'DEEPSPEED_ZERO' | 'DEEPSEEK_V3';
export const TRAINING_RECIPES: readonly TrainingRecipe[] = [
  'CUSTOM',
  'MEGATRON_LM_2021',
  'MEGATRON_CORE',
  'TORCHTITAN_FSDP2',
  'DEEPSPEED_ZERO',
  'DEEPSEEK_V3',
];

export type AssumptionOrigin = 'RECIPE' | 'USER' | 'DEFAULT' | 'SEARCH';

export interface Assumption {
  /** The input it stands for, e.g. `flashAttention`, `options.overlapPipelineCommunication`. */
  name: string;
  /** The value used, in words (e.g. `true`, `FP32 (4 B per parameter)`). */
  value: string;
  /** Where the value comes from: the recipe's citation, "set by the user", or the planner default's citation. */
  source: string;
  origin: AssumptionOrigin;
}

/** Layout fields a recipe may set. */
type RecipeLayoutField =
  | 'flashAttention'
  | 'precision'
  | 'recompute'
  | 'zeroStage'
  | 'sequenceParallel'
  | 'gradientPrecision'
  | 'gradientReducePrecision'
  | 'activationStorage'
  | 'optimizerMomentPrecision'
  | 'masterWeights'
  | 'cheapRecompute'
  | 'pipelineSchedule';
/** Option fields a recipe may set. */
type RecipeOptionField =
  | 'overlapPipelineCommunication'
  | 'overlapDataParallelCommunication'
  | 'overlapTensorParallelCommunication'
  | 'overlapTensorParallelBackward'
  | 'overlapExpertParallelCommunication'
  | 'contextParallelCommunication'
  | 'expertDispatch'
  | 'expertGemmLaunch'
  | 'elementwiseKernels'
  | 'attentionKernel'
  | 'pipelineFlushesPerStep'
  | 'communicationStreamingMultiprocessors';

interface RecipeDefault<T> {
  value: T;
  source: string;
}

interface RecipeSpec {
  layout: { [K in RecipeLayoutField]?: RecipeDefault<NonNullable<ParallelLayout[K]>> };
  /** Layout defaults that hold only when the plan trains in FP8 (what a framework does in its FP8 mode). */
  fp8Layout?: { [K in RecipeLayoutField]?: RecipeDefault<NonNullable<ParallelLayout[K]>> };
  options: { [K in RecipeOptionField]?: RecipeDefault<NonNullable<PlanOptions[K]>> };
  /** Option defaults that hold only for some architectures (what the framework does with them), over `options`. */
  archOptions?: { [K in RecipeOptionField]?: RecipeDefault<NonNullable<PlanOptions[K]>> & { when: (arch: RecipeArchitecture) => boolean } };
}

/** What of a model a recipe's architecture-dependent defaults read. */
export type RecipeArchitecture = Pick<ModelArchitecture, 'ropeAttentionFactor'>;

const MEGATRON_MAIN_GRAD =
  "Megatron-LM fp32 main_grad buffer (arguments.py: bf16 forces --accumulate-allreduce-grads-in-fp32; DistributedOptimizer docs: 6 + 12/d bytes per parameter): 18 B per parameter with Adam";

const RECIPES: Record<Exclude<TrainingRecipe, 'CUSTOM'>, RecipeSpec> = {
  MEGATRON_LM_2021: {
    layout: {
      flashAttention: { value: false, source: 'FlashAttention (Dao et al. 2022) postdates Narayanan et al. 2021' },
      precision: { value: 'FP16', source: 'Narayanan et al. 2021 §5 (mixed precision); NVIDIA/Megatron-LM examples/sc21 scripts: --fp16' },
      recompute: { value: 'FULL', source: 'Narayanan et al. 2021 §3.5 (activation recomputation); examples/sc21: --checkpoint-activations' },
      zeroStage: { value: 0, source: 'no distributed optimizer in Megatron-LM before 2022 (Narayanan et al. 2021: plain data parallelism)' },
      sequenceParallel: { value: false, source: 'sequence parallelism arrived with Korthikanti et al. 2022' },
      gradientPrecision: { value: 'FP32', source: MEGATRON_MAIN_GRAD },
    },
    options: {
      overlapPipelineCommunication: { value: false, source: 'Megatron-LM 2021 p2p_communication.py waits on batch_isend_irecv and synchronises before the next compute' },
      overlapDataParallelCommunication: { value: false, source: 'examples/sc21/run_table_1.sh: --DDP-impl local (gradients all-reduced after the backward) for the pipelined runs' },
      overlapTensorParallelCommunication: { value: false, source: 'Megatron-LM 2021 TP all-reduces sit between dependent GEMMs (Shoeybi et al. 2019 §3)' },
    },
  },
  MEGATRON_CORE: {
    layout: {
      flashAttention: { value: true, source: 'Megatron-Core with Transformer Engine fused (flash) attention' },
      zeroStage: { value: 1, source: 'Megatron-Core --use-distributed-optimizer (optimizer states sharded over DP: ZeRO-1)' },
      sequenceParallel: { value: true, source: 'Megatron-Core/NeMo recipes enable --sequence-parallel with TP > 1 (Korthikanti et al. 2022)' },
      gradientPrecision: { value: 'FP32', source: MEGATRON_MAIN_GRAD },
    },
    fp8Layout: {
      activationStorage: {
        value: 'FP8',
        source:
          'Transformer Engine pytorch/module/linear.py, _Linear.forward: under fp8 the input saved for the backward is the FP8 cast (saved_inputmat, or its FP8 transpose saved_inputmat_t), 1 byte per element (Megatron-Core FP8 runs use TE layers)',
      },
    },
    options: {
      overlapPipelineCommunication: { value: true, source: 'Megatron-Core overlap_p2p_comm (interleaved schedule)' },
      overlapDataParallelCommunication: { value: true, source: 'Megatron-Core --overlap-grad-reduce / --overlap-param-gather' },
      overlapTensorParallelCommunication: { value: true, source: 'Megatron-Core/NeMo tp_comm_overlap (Transformer Engine userbuffers; with sequence parallel)' },
      overlapTensorParallelBackward: {
        value: true,
        source:
          'Megatron-Core tensor_parallel.layers linear_with_grad_accumulation_and_async_allreduce (docs.nvidia.com/megatron-core, core.tensor_parallel.layers): the column-parallel backward all-reduces (SP: reduce-scatters) the input gradient asynchronously under the weight-gradient GEMM, always on',
      },
      contextParallelCommunication: {
        value: 'RING',
        source:
          'Megatron-Core TransformerConfig cp_comm_type default "p2p" (transformer_config.py): Transformer Engine\'s AttnFuncWithCPAndKVP2P passes K/V chunks around the CP ring under the attention of the chunk held',
      },
      expertGemmLaunch: {
        value: 'PER_EXPERT',
        source:
          'Megatron-Core moe_grouped_gemm: TEGroupedMLP → Transformer Engine GroupedLinear(inp, m_splits: List[int]) (transformer_engine/pytorch/module/grouped_linear.py): one GEMM per local expert from split sizes on the host, which the token dispatcher copies there (Megatron-LM docs: one host-device sync remains "to get the tokens per expert information")',
      },
    },
    archOptions: {
      elementwiseKernels: {
        value: 'EAGER_ROPE',
        when: (arch) => arch.ropeAttentionFactor !== undefined && arch.ropeAttentionFactor !== 1,
        source:
          'Megatron-Core models/common/embeddings/rope_utils.py apply_rotary_pos_emb (core_v0.15–v0.18): with apply_rope_fusion, a YaRN concentration factor (mscale) other than 1 "is not supported by TE\'s fused RoPE" and RoPE runs unfused (_apply_rotary_pos_emb_bshd, rotate-half operator by operator): the model\'s ropeAttentionFactor (gpt-oss 1.347)',
      },
    },
  },
  TORCHTITAN_FSDP2: {
    layout: {
      flashAttention: { value: true, source: 'torchtitan: PyTorch scaled_dot_product_attention (flash backend)' },
      zeroStage: { value: 3, source: 'torchtitan FSDP2 fully_shard (parameters, gradients and optimizer states sharded: ZeRO-3)' },
      gradientPrecision: {
        value: 'FP32',
        source:
          'torchtitan default mixed_precision_reduce = "float32": gradients reduce-scattered and kept in fp32 (sharded fp32 parameters 4 + gradients 4 + Adam 8 = 16 B over d; counted here as 2 + 4 + 12)',
      },
    },
    options: {
      overlapDataParallelCommunication: { value: true, source: 'FSDP2 prefetches the next all-gather and overlaps reduce-scatter with the backward' },
      overlapPipelineCommunication: { value: true, source: 'torch.distributed.pipelining schedules issue p2p asynchronously' },
      attentionKernel: {
        value: 'PYTORCH_SDPA',
        source:
          "torchtitan calls PyTorch's scaled_dot_product_attention with FLASH, EFFICIENT and MATH only, cuDNN first on sm100 (models/attention.py ScaledDotProductAttention._init_backend at e7c0cae; at 9dec370 ATen's default priority, flash first, cuDNN last): FlashAttention-2 on A100 and Hopper",
      },
      elementwiseKernels: {
        value: 'EAGER',
        source:
          'torchtitan compiles nothing by default (CompileConfig.enable = False; its 2024 train_configs: compile = false): models/llama model.py applies RoPE as an fp32 complex multiply (view_as_complex) and SwiGLU as F.silu(w1(x)) * w3(x), operator by operator; set FUSED for torch.compile',
      },
    },
  },
  DEEPSPEED_ZERO: {
    layout: {
      gradientPrecision: { value: 'FP16', source: 'ZeRO paper (Rajbhandari et al. 2020) §3.1: fp16 gradients, 2Ψ bytes (16 B per parameter with Adam)' },
    },
    options: {
      overlapPipelineCommunication: { value: false, source: "DeepSpeed's pipeline engine waits on each send/recv (synchronous p2p)" },
      overlapDataParallelCommunication: { value: false, source: 'DeepSpeed zero_optimization.overlap_comm default false (stages 1–2; true for stage 3)' },
    },
  },
  DEEPSEEK_V3: {
    layout: {
      precision: { value: 'FP8', source: 'DeepSeek-V3 report §3.3: FP8 mixed-precision GEMMs' },
      activationStorage: { value: 'FP8', source: 'DeepSeek-V3 report §3.3.3 (low-precision storage): activations cached in FP8 for the Linear backward' },
      zeroStage: { value: 1, source: 'DeepSeek-V3 report §3.2: ZeRO-1 data parallelism' },
      gradientPrecision: { value: 'FP32', source: 'DeepSeek-V3 report §3.3.1: master weights, weight gradients and optimizer states kept in higher precision' },
      flashAttention: { value: true, source: 'fused attention kernels (no s² scores stored)' },
      optimizerMomentPrecision: {
        value: 'BF16',
        source: 'DeepSeek-V3 report §3.3.3 (low-precision optimizer states): AdamW first and second moments in BF16, master weights and gradients in FP32',
      },
      cheapRecompute: {
        value: true,
        source:
          'DeepSeek-V3 report §3.2.3: RMSNorm and MLA up-projections recomputed in the backward; §3.3.3: the SwiGLU inputs cached (FP8) and its output recomputed',
      },
      pipelineSchedule: {
        value: 'DUALPIPE',
        source: 'DeepSeek-V3 report §3.2.1 and Table 2: DualPipe, 2× parameters and PP + 1 micro-batches of activations per device; embedding and head on the same rank (§3.2.3)',
      },
    },
    options: {
      overlapExpertParallelCommunication: { value: true, source: 'DeepSeek-V3 report §3.2.1: DualPipe overlaps the all-to-all, "near-zero all-to-all communication overhead"' },
      overlapPipelineCommunication: { value: true, source: 'DeepSeek-V3 report §3.2.1: DualPipe overlaps PP communication' },
      overlapDataParallelCommunication: { value: true, source: 'DeepSeek-V3 report §3.2: ZeRO-1 gradient reduction overlapped' },
      expertDispatch: {
        value: 'NODE_DEDUPLICATED',
        source:
          'DeepSeek-V3 report §3.2.2: each token is sent over IB once to the GPU with the same in-node index on each target node (at most 4 nodes, §2.1.2), then forwarded over NVLink (DeepEP normal kernels)',
      },
      expertGemmLaunch: {
        value: 'GROUPED_KERNEL',
        source:
          'deepseek-ai/DeepGEMM (the FP8 GEMM kernels of DeepSeek-V3\'s training and inference), its grouped GEMMs for MoE (contiguous and masked layouts): the local experts in one kernel launch, their rows mapped to experts on the device',
      },
      communicationStreamingMultiprocessors: {
        value: 20,
        source:
          'DeepSeek-V3 report §3.2.2: 20 SMs (10 communication channels) run the all-to-all; §3.5.1: "20 out of the 132 SMs available in the H800"; DeepEP deep_ep/buffer.py: Buffer.num_sms = 20 by default',
      },
    },
  },
};

export function requireRecipe(field: string, recipe: unknown): TrainingRecipe {
  if (!TRAINING_RECIPES.includes(recipe as TrainingRecipe)) throw new InvalidInputError(field, recipe, `one of ${TRAINING_RECIPES.join(', ')}`);
  return recipe as TrainingRecipe;
}

/**
 * A partial layout and options with the recipe's defaults filled in where the user left a field unset (explicit
 * inputs win). DeepSpeed's DP overlap default depends on the stage: true at ZeRO-3.
 */
export function applyRecipe<L extends Partial<ParallelLayout>>(
  recipe: TrainingRecipe | undefined,
  layout: L,
  options: PlanOptions,
  /** The model, for the recipe's architecture-dependent defaults (Megatron-Core's unfused RoPE under YaRN). */
  arch?: RecipeArchitecture,
): { layout: L; options: PlanOptions } {
  if (recipe === undefined || recipe === 'CUSTOM') return { layout, options };
  const spec = RECIPES[recipe];
  const outLayout: L = { ...layout };
  for (const key of Object.keys(spec.layout) as RecipeLayoutField[]) {
    if (outLayout[key] === undefined) (outLayout as Record<string, unknown>)[key] = spec.layout[key]!.value;
  }
  const outOptions: PlanOptions = { ...options };
  for (const key of Object.keys(spec.options) as RecipeOptionField[]) {
    if (outOptions[key] === undefined) (outOptions as Record<string, unknown>)[key] = spec.options[key]!.value;
  }
  if (arch !== undefined && spec.archOptions !== undefined) {
    for (const key of Object.keys(spec.archOptions) as RecipeOptionField[]) {
      const entry = spec.archOptions[key]!;
      if (options[key] === undefined && entry.when(arch)) (outOptions as Record<string, unknown>)[key] = entry.value;
    }
  }
  if (recipe === 'DEEPSPEED_ZERO' && options.overlapDataParallelCommunication === undefined && outLayout.zeroStage === 3) {
    outOptions.overlapDataParallelCommunication = true;
  }
  if (outLayout.precision === 'FP8' && spec.fp8Layout !== undefined) {
    for (const key of Object.keys(spec.fp8Layout) as RecipeLayoutField[]) {
      if (outLayout[key] === undefined) (outLayout as Record<string, unknown>)[key] = spec.fp8Layout[key]!.value;
    }
  }
  return { layout: outLayout, options: outOptions };
}

/** The recipe's default for a layout field at this precision (its FP8-mode defaults only when training in FP8). */
export function recipeLayoutDefault<K extends RecipeLayoutField>(
  recipe: TrainingRecipe | undefined,
  field: K,
  precision: ParallelLayout['precision'] | undefined,
): RecipeDefault<NonNullable<ParallelLayout[K]>> | undefined {
  if (recipe === undefined || recipe === 'CUSTOM') return undefined;
  const spec = RECIPES[recipe];
  return spec.layout[field] ?? (precision === 'FP8' ? spec.fp8Layout?.[field] : undefined);
}

/** The planner's own defaults, with their sources (plan.ts, performance.ts, memory.ts). */
const DEFAULT_SOURCES: Record<string, string> = {
  flashAttention: 'planner default: every current stack has FlashAttention (Dao et al. 2022)',
  precision: 'planner default: BF16 mixed precision (FP16 where the GPU has no faster BF16)',
  recompute: 'planner default: no recomputation',
  zeroStage: 'planner default: plain data parallelism (ZeRO 0)',
  sequenceParallel: 'planner default: off',
  gradientPrecision: 'ZeRO paper (Rajbhandari et al. 2020) §3.1: gradients at the training precision (2 B under mixed precision)',
  gradientReducePrecision: 'planner default: data parallelism reduces the gradients at their stored precision (Megatron-LM reduces fp16 gradients before its fp32 main-gradient copy under FP16)',
  activationStorage: 'Korthikanti et al. 2022 §4: 16-bit activations',
  optimizerStates: 'ZeRO paper §3.1: fp32 master weights and optimizer moments (K = 12 for Adam)',
  optimizerMomentPrecision: 'ZeRO paper §3.1: fp32 optimizer moments',
  masterWeights: 'ZeRO paper §3.1: mixed precision keeps an fp32 master copy of the weights for the update (none to keep in FP32 training)',
  cheapRecompute: 'Korthikanti et al. 2022 §4: norm outputs, Q/K/V and the MLP activation output stored',
  pipelineSchedule: 'planner default: 1F1B (Narayanan et al. 2021; interleaved when pipelineInterleave > 1)',
  pipelineLayerSplit: 'planner default: EVEN (floor(L/n) per virtual stage, the first L mod n one more)',
  'options.overlapPipelineCommunication': 'planner default: Megatron-Core overlap_p2p_comm, DeepSpeed/torch pipelines overlap steady-state p2p',
  'options.overlapDataParallelCommunication': 'planner default: DDP buckets, Megatron-Core overlap_grad_reduce, FSDP/DeepSpeed prefetch',
  'options.overlapTensorParallelCommunication': 'planner default: TP collectives exposed, as Megatron-LM',
  'options.overlapTensorParallelBackward': 'planner default: the backward TP collectives exposed, as Megatron-LM 2021',
  'options.overlapExpertParallelCommunication': 'planner default: MoE all-to-all exposed',
  'options.reshardAfterForward': 'planner default: FSDP2 fully_shard(reshard_after_forward=True), DeepSpeed ZeRO-3 releasing parameters after use: gathered again for the backward (acts under ZeRO-3)',
  'options.contextParallelCommunication': 'planner default: ALL_GATHER, Llama 3\'s context parallelism (§3.3.2): K/V all-gathered before attention, exposed',
  'options.expertDispatch': 'planner default: ALL_TO_ALL, one copy per routed expert over the network (NCCL all-to-all)',
  'options.expertGemmLaunch': 'planner default: GROUPED_KERNEL, the local experts in one grouped kernel (no host work per expert)',
  'options.expertGradientReducePrecision': 'planner default: the routed experts reduce their gradients at the dense weights\' precision (gradientReducePrecision)',
  'options.elementwiseKernels': 'planner default: FUSED, fused RoPE and SwiGLU kernels (Megatron-Core/Transformer Engine, or torch.compile)',
  'options.attentionKernel': "planner default: CUDNN, cuDNN's fused attention as Transformer Engine runs it (the kernel cuDNN's SDPA benchmark times)",
  'options.fp8Scaling':
    'planner default: PER_TENSOR, one scale per tensor (Transformer Engine\'s delayed or current scaling, Hopper\'s FP8 recipes): under PER_EXPERT launches each expert\'s quantisation is host work; acts on FP8 plans',
  'options.crossEntropyFusion': 'planner default: UNFUSED, Megatron-Core\'s VocabParallelCrossEntropy operator by operator (--cross-entropy-loss-fusion off, its default)',
  'options.expertHostSecondsPerOperation':
    'calibrated on the validation suite\'s Megatron-Core MoE runs in BF16 without expert-parallel overlap (performance/expert-parallel.ts); counts only with PER_EXPERT launches, per GEMM and, with PER_TENSOR FP8 scaling, per cast',
  'options.pipelineFlushesPerStep': 'planner default: one pipeline schedule per optimizer step (Narayanan et al. 2021 §2.2)',
  'options.communicationStreamingMultiprocessors': 'planner default: no SMs reserved; overlapped compute slowed by options.overlapComputeSlowdown',
  'options.expertLoadImbalance':
    'planner default: 1, perfectly balanced routing (as deepseek-ai/profile-data simulates); real routing is uneven per micro-batch and no published figure sets it',
  'options.overlapComputeSlowdown': 'Lee et al. 2025 (arXiv 2507.03114): 18.9 % average compute slowdown beside a collective',
  'options.frameworkOverheadBytes': 'memory.ts: CUDA context, NCCL buffers, cuBLAS workspaces ≈ 2 GiB',
  'options.memoryHeadroomFraction': 'memory.ts: none beyond the datasheet GB (HBM is GiB-sized: the 7.4 % gap is the allocator fragmentation reserve)',
};

const USER = 'set by the user';
const SEARCHED = 'chosen by planSearch among the candidates';

/**
 * The assumptions a resolved plan used: one per recipe-settable input and per planner knob, each with its value, its
 * source and its origin. `userLayout` / `userOptions` are what the user gave (before the recipe).
 */
export function planAssumptions(
  recipe: TrainingRecipe | undefined,
  userLayout: Partial<ParallelLayout> & { pipelineLayerSplit?: string },
  userOptions: PlanOptions,
  layout: ParallelLayout,
  options: PlanOptions,
  /** Layout fields planSearch chose (unless the user or the recipe pinned them). */
  searched: readonly string[] = [],
  /** Layout fields planSearch chose among several values the user listed: SEARCH even where the recipe has a value. */
  chosen: readonly string[] = [],
): Assumption[] {
  const spec = recipe === undefined || recipe === 'CUSTOM' ? undefined : RECIPES[recipe];
  const out: Assumption[] = [];
  const layoutEntry = (name: RecipeLayoutField, value: string): void => {
    const fromRecipe = recipeLayoutDefault(recipe, name, layout.precision);
    const origin: AssumptionOrigin =
      userLayout[name] !== undefined
        ? 'USER'
        : chosen.includes(name)
          ? 'SEARCH'
          : fromRecipe !== undefined
            ? 'RECIPE'
            : searched.includes(name)
              ? 'SEARCH'
              : 'DEFAULT';
    const source = origin === 'USER' ? USER : origin === 'RECIPE' ? fromRecipe!.source : origin === 'SEARCH' ? SEARCHED : DEFAULT_SOURCES[name]!;
    out.push({ name, value, origin, source });
  };
  layoutEntry('flashAttention', String(layout.flashAttention));
  layoutEntry('precision', layout.precision);
  layoutEntry('recompute', layout.recomputeLayers === undefined ? layout.recompute : `FULL on the first ${layout.recomputeLayers} layer${layout.recomputeLayers === 1 ? '' : 's'} of each virtual pipeline stage (Megatron-Core recompute_method block; the others keep their activations)`);
  layoutEntry('zeroStage', String(layout.zeroStage));
  layoutEntry('sequenceParallel', String(layout.sequenceParallel));
  layoutEntry('gradientPrecision', `${layout.gradientPrecision ?? (layout.precision === 'FP32' ? 'FP32' : '16-bit')} (${gradientBytesOf(layout)} B per parameter)`);
  layoutEntry('gradientReducePrecision', `${layout.gradientReducePrecision ?? 'as stored'} (${gradientReduceBytesOf(layout)} B per element reduced)`);
  layoutEntry('activationStorage', layout.activationStorage === 'FP8' ? 'FP8 GEMM inputs' : layout.precision === 'FP32' ? 'FP32' : '16-bit');
  layoutEntry('optimizerMomentPrecision', `${layout.optimizerMomentPrecision ?? 'FP32'} (K = ${optimizerStateBytesOf(layout)} B per parameter)`);
  layoutEntry('masterWeights', String(keepsMasterWeights(layout)));
  layoutEntry('cheapRecompute', String(layout.cheapRecompute === true));
  layoutEntry('pipelineSchedule', layout.pipelineSchedule ?? 'ONE_F_ONE_B');
  out.push({
    name: 'optimizerStates',
    value: `${layout.optimizer}${keepsMasterWeights(layout) ? ' with fp32 master weights' : ''}`,
    origin: userLayout.optimizer !== undefined ? 'USER' : 'DEFAULT',
    source: userLayout.optimizer !== undefined ? USER : DEFAULT_SOURCES.optimizerStates!,
  });
  const splitGiven = userLayout.pipelineStageLayers !== undefined || userLayout.pipelineLayerSplit !== undefined;
  const splitSearched = searched.includes('pipelineLayerSplit');
  out.push({
    name: 'pipelineLayerSplit',
    value: layout.pipelineStageLayers === undefined ? 'EVEN' : `[${layout.pipelineStageLayers.join(', ')}]`,
    origin: splitGiven ? 'USER' : splitSearched ? 'SEARCH' : 'DEFAULT',
    source: splitGiven ? USER : splitSearched ? 'planSearch: the BALANCED split (pipeline.ts)' : DEFAULT_SOURCES.pipelineLayerSplit!,
  });
  const optionEntry = (key: keyof PlanOptions, fallback: number | boolean | string): void => {
    const name = `options.${key}`;
    // The recipe's architecture-dependent default where it set the value (applyRecipe), else its plain one.
    const forArch = spec?.archOptions?.[key as RecipeOptionField];
    const fromRecipe = forArch !== undefined && userOptions[key] === undefined && options[key] === forArch.value ? forArch : spec?.options[key as RecipeOptionField];
    const origin: AssumptionOrigin = userOptions[key] !== undefined ? 'USER' : fromRecipe !== undefined ? 'RECIPE' : 'DEFAULT';
    const value = options[key] ?? fallback;
    out.push({ name, value: String(value), origin, source: origin === 'USER' ? USER : origin === 'RECIPE' ? fromRecipe!.source : DEFAULT_SOURCES[name]! });
  };
  optionEntry('overlapPipelineCommunication', true);
  optionEntry('overlapDataParallelCommunication', true);
  optionEntry('overlapTensorParallelCommunication', false);
  optionEntry('overlapTensorParallelBackward', false);
  optionEntry('overlapExpertParallelCommunication', false);
  optionEntry('reshardAfterForward', true);
  optionEntry('contextParallelCommunication', 'ALL_GATHER');
  optionEntry('expertDispatch', 'ALL_TO_ALL');
  optionEntry('expertGemmLaunch', 'GROUPED_KERNEL');
  optionEntry('elementwiseKernels', 'FUSED');
  optionEntry('attentionKernel', 'CUDNN');
  optionEntry('crossEntropyFusion', 'UNFUSED');
  optionEntry('fp8Scaling', 'PER_TENSOR');
  optionEntry('expertGradientReducePrecision', 'as the dense weights');
  optionEntry('expertHostSecondsPerOperation', EXPERT_HOST_SECONDS_PER_OPERATION);
  optionEntry('pipelineFlushesPerStep', 1);
  optionEntry('communicationStreamingMultiprocessors', 'none');
  optionEntry('expertLoadImbalance', 1);
  optionEntry('overlapComputeSlowdown', OVERLAP_COMPUTE_SLOWDOWN);
  optionEntry('frameworkOverheadBytes', DEFAULT_FRAMEWORK_OVERHEAD_BYTES);
  optionEntry('memoryHeadroomFraction', DEFAULT_MEMORY_HEADROOM_FRACTION);
  return out;
}

/**
 * The GEMM efficiency law a plan on `gpuId` runs on (efficiency.ts): its generation's ceiling × share — fitted on that
 * generation's runs, pooled, or the 2021 fit — so a reader sees how far the validation suite vouches for this GPU.
 */
export function gemmEfficiencyLawAssumption(gpuId: string, precision: ParallelLayout['precision']): Assumption {
  const generation = gpuGenerationOf(gpuId);
  const law = gemmEfficiencyLawDescription(generation, precision === 'FP8', matmulCeilingScaleOf(gpuId, generation));
  return { name: 'gemmEfficiencyLaw', value: law.value, origin: 'DEFAULT', source: law.source };
}

const NORM_BENCHMARK_SOURCE =
  "cuDNN's RMSNorm benchmark (NVIDIA/cudnn-frontend benchmark/norms/results, cuDNN 9.19): forward + 2 × backward over eight workloads' shapes, the median, on H200 (Hopper) and GB200 / GB300 (Blackwell); docs/validation.md \"Session 18\"";
const NVLINK_BENCHMARK_SOURCE =
  'the ring bus bandwidth an 8-GPU node measures at large payloads over its one-way NVLink figure: A100 0.78, H200 0.82 (NVLink SHARP off), B200 0.76 (stas00/ml-engineering network/README.md, all_reduce_bench.py and nccl-tests, NCCL 2.27.7); GB200 NVL72 0.76 (NVIDIA GTC25 S72583); docs/validation.md "Session 19"';
const SDPA_BENCHMARK_SOURCE =
  "cuDNN's SDPA training benchmark (NVIDIA/cudnn-frontend benchmark/sdpa_benchmark_training/results, llama3.1 shapes, BF16, H200 cuDNN 9.19 and GB200 cuDNN 9.22: every point from 2K to 16K tokens within 7 %); docs/validation.md \"Session 18\"";

/**
 * The kernel and link rates a plan's step time rests on besides the GEMM law, measured by published benchmarks: the
 * fraction of HBM its memory-bound kernels stream at, the fraction of NVLink its ring collectives reach (or the user's
 * option), and — with FlashAttention — its attention kernels' rate for the keys each query meets per call (all causal
 * keys with gathered K/V, 1/c of them a step of a CP ring, the window on sliding-window layers).
 */
export function kernelRateAssumptions(gpuId: string, arch: ModelArchitecture, layout: ParallelLayout, options: PlanOptions | undefined): Assumption[] {
  const generation = gpuGenerationOf(gpuId);
  const measured = generation === 'HOPPER' || generation === 'BLACKWELL';
  const assumptions: Assumption[] = [
    {
      name: 'elementwiseBandwidthFraction',
      value: `${ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION[generation]} of HBM bandwidth (${generation})`,
      origin: 'DEFAULT',
      source: measured ? NORM_BENCHMARK_SOURCE : 'STREAM-like fused kernels reach 0.8–0.9 of HBM; no published kernel benchmark on this generation',
    },
    {
      name: 'options.intraNodeCollectiveEfficiency',
      value:
        options?.intraNodeCollectiveEfficiency !== undefined
          ? String(options.intraNodeCollectiveEfficiency)
          : `${defaultIntraNodeCollectiveEfficiency(gpuId)} of NVLink bandwidth (${generation})`,
      origin: options?.intraNodeCollectiveEfficiency !== undefined ? 'USER' : 'DEFAULT',
      source: options?.intraNodeCollectiveEfficiency !== undefined ? USER : generation !== 'OTHER' ? NVLINK_BENCHMARK_SOURCE : 'no published measurement on this generation: DGX A100\'s all-reduce rounded down',
    },
  ];
  if (!layout.flashAttention) return assumptions;
  const calls = flashAttentionCallsPerPass(layout.contextParallel ?? 1, options);
  const { global, windowed } = causalKeysPerQueryByLayerKind(arch);
  const overMeasured = attentionRateOverMeasuredGpu(gpuId);
  const kernelScale = attentionKernelRateScale(options?.attentionKernel, generation);
  const kinds = [`${Math.round(global.keys / calls)} keys a query per call on global layers: ${flashAttentionRateFraction(global.keys / calls).toFixed(3)}`];
  if (windowed.share > 0) {
    const keys = windowed.keys / calls;
    kinds.push(`${Math.round(keys)} on sliding-window layers: ${flashAttentionRateFraction(keys).toFixed(3)}`);
  }
  assumptions.push({
    name: 'attentionKernelRate',
    value: `keys / (keys + ${FLASH_ATTENTION_HALF_RATE_KEYS_PER_QUERY}) of the head-dim ceiling — ${kinds.join('; ')}${overMeasured === undefined ? '' : `; the ceiling ${overMeasured.ratio} × ${overMeasured.over.toUpperCase()}'s (Blackwell Ultra's doubled exponential throughput)`}${kernelScale === 1 ? '' : `; FlashAttention-2 (PyTorch's SDPA) at ${kernelScale} × cuDNN's rate`}`,
    origin: 'DEFAULT',
    source: kernelScale === 1 ? SDPA_BENCHMARK_SOURCE : `${SDPA_BENCHMARK_SOURCE}; FlashAttention-2 over cuDNN on Hopper: NVIDIA/cudnn-frontend benchmark/sdpa_benchmark (benchmark_results.csv, median of ten shapes)`,
  });
  return assumptions;
}

/**
 * A recipe's layout defaults as planSearch pins (the user's own pins win): FlashAttention, ZeRO stage and recompute
 * become one-value lists; precision, gradient precision, activation storage, optimizer-moment precision, cheap
 * recompute and the pipeline schedule plain values every candidate carries. Sequence parallel stays searched: a
 * recipe's "SP with TP > 1" cannot be one pin over shapes with and without TP.
 */
export function recipeSearchPins(recipe: TrainingRecipe | undefined): {
  flashAttention?: boolean;
  zeroStage?: ParallelLayout['zeroStage'];
  recompute?: ParallelLayout['recompute'];
  precision?: ParallelLayout['precision'];
  gradientPrecision?: NonNullable<ParallelLayout['gradientPrecision']>;
  activationStorage?: NonNullable<ParallelLayout['activationStorage']>;
  optimizerMomentPrecision?: NonNullable<ParallelLayout['optimizerMomentPrecision']>;
  cheapRecompute?: boolean;
  pipelineSchedule?: NonNullable<ParallelLayout['pipelineSchedule']>;
} {
  if (recipe === undefined || recipe === 'CUSTOM') return {};
  const l = RECIPES[recipe].layout;
  return {
    ...(l.flashAttention ? { flashAttention: l.flashAttention.value } : {}),
    ...(l.zeroStage ? { zeroStage: l.zeroStage.value } : {}),
    ...(l.recompute ? { recompute: l.recompute.value } : {}),
    ...(l.precision ? { precision: l.precision.value } : {}),
    ...(l.gradientPrecision ? { gradientPrecision: l.gradientPrecision.value } : {}),
    ...(l.activationStorage ? { activationStorage: l.activationStorage.value } : {}),
    ...(l.optimizerMomentPrecision ? { optimizerMomentPrecision: l.optimizerMomentPrecision.value } : {}),
    ...(l.cheapRecompute ? { cheapRecompute: l.cheapRecompute.value } : {}),
    ...(l.pipelineSchedule ? { pipelineSchedule: l.pipelineSchedule.value } : {}),
  };
}

/**
 * What a recipe pins in a plan search where the user did not (planSearch's resolver; scripts/readme-figures.ts asks the
 * core the same way): FlashAttention, ZeRO stage and recompute as one-value lists, the carried layout fields, the
 * recipe's FP8 activation storage and its plan options over the user's. Fills `options` in place; returns the layout
 * fields the user pinned (for the plans' assumptions) and those the search chooses among several the user listed.
 */
export function applyRecipeToSearch(
  recipe: TrainingRecipe | undefined,
  options: PlanSearchOptions,
  userOptions: PlanOptions,
  arch?: RecipeArchitecture,
): { userLayout: Partial<ParallelLayout>; chosen: string[] } {
  const pins = recipeSearchPins(recipe);
  const userLayout: Partial<ParallelLayout> = {};
  if (pins.flashAttention !== undefined) {
    if (options.flashAttention === undefined) options.flashAttention = [pins.flashAttention];
    else userLayout.flashAttention = options.flashAttention[0];
  }
  if (pins.zeroStage !== undefined) {
    if (options.zeroStages === undefined) options.zeroStages = [pins.zeroStage];
    else userLayout.zeroStage = options.zeroStages[0];
  }
  if (pins.recompute !== undefined) {
    if (options.recomputeModes === undefined) options.recomputeModes = [pins.recompute];
    else userLayout.recompute = options.recomputeModes[0];
  }
  // Carried by every candidate: the user's value, else the recipe's.
  if (options.optimizerMomentPrecision !== undefined) userLayout.optimizerMomentPrecision = options.optimizerMomentPrecision;
  else options.optimizerMomentPrecision = pins.optimizerMomentPrecision;
  if (options.masterWeights !== undefined) userLayout.masterWeights = options.masterWeights;
  if (options.gradientReducePrecision !== undefined) userLayout.gradientReducePrecision = options.gradientReducePrecision;
  if (options.cheapRecompute !== undefined) userLayout.cheapRecompute = options.cheapRecompute;
  else options.cheapRecompute = pins.cheapRecompute;
  // pipelineSchedules: one schedule is the user's; several are the search's choice (the recipe's is not applied).
  const chosen: string[] = [];
  const listed = options.pipelineSchedules === undefined ? 0 : new Set(options.pipelineSchedules).size;
  if (options.pipelineSchedule !== undefined) userLayout.pipelineSchedule = options.pipelineSchedule;
  else if (listed === 1) userLayout.pipelineSchedule = options.pipelineSchedules![0];
  else if (listed > 1) chosen.push('pipelineSchedule');
  else if (options.pipelineSchedules === undefined) options.pipelineSchedule = pins.pipelineSchedule;
  if (options.precision !== undefined) userLayout.precision = options.precision;
  else if (pins.precision !== undefined) options.precision = pins.precision;
  // The optimizer has no GraphQL default here: given is the user's (the optimizerStates assumption says so).
  if (options.optimizer !== undefined) userLayout.optimizer = options.optimizer;
  if (pins.gradientPrecision !== undefined) options.gradientPrecision = pins.gradientPrecision;
  // FP8 caching needs FP8 training: a user's own non-FP8 precision drops it rather than emptying the space.
  if (pins.activationStorage !== undefined && (options.precision === undefined || options.precision === 'FP8')) {
    options.activationStorage = pins.activationStorage;
  } else if (options.activationStorage === undefined) {
    // A recipe's FP8-mode default (Megatron-Core through Transformer Engine caches FP8 GEMM inputs: recipes.ts).
    options.activationStorage = recipeLayoutDefault(recipe, 'activationStorage', options.precision)?.value;
  }
  if (recipe !== undefined && recipe !== 'CUSTOM') options.planOptions = applyRecipe(recipe, {}, userOptions, arch).options;
  return { userLayout, chosen };
}
