/**
 * The validation suite: every published training run the step-time model is checked against, as data.
 *
 * Each run states its source (paper and table/section, or documentation page and date), the hardware, the model (a
 * preset, with changes where the published model differs), the layout and the recipe as published, and the published
 * figure with its kind. Where the source is silent, the run says what it assumes (`assumed`). Nothing here is tuned
 * per run: the model's free constants are calibrated per GPU generation over the suite's dense runs (suite.ts; MoE rows are
 * predicted, never fitted).
 *
 * Families group runs that share hardware generation and framework era, so that leave-one-family-out shows whether
 * the model transfers to a family it was not calibrated on.
 */
import { findModelPreset } from '../presets.js';
import type { ModelArchitecture, PlanOptions } from '../types.js';
import { MEGATRON_CORE_08_RUNS } from './held-back.js';
import { MOE_VALIDATION_RUNS } from './moe-runs.js';
import { BLACKWELL_DENSE_RUNS_26_04 } from './blackwell-dense-runs.js';
import { HF_LLAMA_H200_RUNS } from './single-gpu-runs.js';
import { TORCHTITAN_H200_RUNS } from './torchtitan-runs.js';
import { BRIDGE_CROSS_ENTROPY, MEGATRON_BRIDGE_25_11_B200, MEGATRON_BRIDGE_25_11_GB200, MEGATRON_BRIDGE_26_04, NEMO_25_02_B200, NEMO_LONG_SEQUENCE_B200 } from './sources.js';
import type { ValidationRun } from './types.js';

export { FAMILY_NAMES, type PublishedKind, THROUGHPUT_KINDS, type ValidationFamily, type ValidationRun } from './types.js';

// The 2021 Megatron-LM kernels setting of the frameworks built on it (BLOOM's Megatron-DeepSpeed, OPT's metaseq): full
// recompute, no FlashAttention, FP16 (Narayanan et al. 2021; the MEGATRON_LM_2021 recipe sets the same for its runs).
const MEGATRON_2021 = { recompute: 'FULL', flashAttention: false, precision: 'FP16' } as const;

/** Narayanan et al. 2021 Table 1 rows with examples/sc21/run_table_1.sh's configuration. */
function sc21(
  model: string,
  t: number,
  p: number,
  b: number,
  B: number,
  v: number,
  torchDdp: boolean,
  gpus: number,
  tflops: number,
): ValidationRun {
  return {
    id: `sc21-${model.replace('megatron-', '')}`,
    source: 'Narayanan et al. 2021 (SC21), Table 1; NVIDIA/Megatron-LM examples/sc21/run_table_1.sh',
    family: 'A100_MEGATRON_2021_22',
    gpu: 'a100-80gb',
    gpus,
    model,
    layout: { tensorParallel: t, pipelineParallel: p, pipelineInterleave: v, microBatchSize: b, globalBatchSize: B },
    options: { overlapDataParallelCommunication: torchDdp },
    trainingRecipe: 'MEGATRON_LM_2021',
    recipe: `Megatron-LM 2021: FP16, full recompute, no FlashAttention, synchronous p2p, ${torchDdp ? 'torch DDP (overlapped all-reduce)' : 'local DDP (all-reduce after the backward)'}`,
    published: tflops,
    kind: 'HARDWARE_TFLOPS_PER_GPU',
  };
}

// Korthikanti et al. 2022 Table 3 (models, layouts) and Table 5 (seconds per iteration, full recompute vs sequence
// parallel + selective recompute); interleaving from Calculon's validation/seqsel/tab5 inputs of the same runs.
const MEGATRON_22B: Partial<ModelArchitecture> = { layers: 48, attentionHeads: 64, kvHeads: 64 };
function korthikanti(
  name: string,
  model: string,
  modelChanges: Partial<ModelArchitecture> | undefined,
  gpus: number,
  p: number,
  b: number,
  B: number,
  v: number,
  full: number,
  seqsel: number,
): ValidationRun[] {
  const base = {
    source: 'Korthikanti et al. 2022, Tables 3 and 5',
    family: 'A100_MEGATRON_2021_22' as const,
    gpu: 'a100-80gb',
    gpus,
    model,
    ...(modelChanges ? { modelChanges } : {}),
    // Megatron-LM 2022 runs the column-parallel GEMMs' backward TP collectives asynchronously (layers.py,
    // LinearWithGradAccumulationAndAsyncCommunication) — the code Korthikanti et al. introduce sequence parallelism in.
    options: { overlapTensorParallelBackward: true },
    trainingRecipe: 'MEGATRON_LM_2021' as const,
    kind: 'STEP_SECONDS' as const,
    assumed: 'synchronous pipeline send/recv (Megatron-LM of 2022); DP 1',
  };
  const layout = { tensorParallel: 8, pipelineParallel: p, pipelineInterleave: v, microBatchSize: b, globalBatchSize: B };
  return [
    {
      ...base,
      id: `korthikanti-${name}-full`,
      layout: { ...layout, recompute: 'FULL' },
      recipe: 'Megatron-LM 2022: FP16, full recompute, TP all-reduce (backward async), no FlashAttention',
      published: full,
    },
    {
      ...base,
      id: `korthikanti-${name}-seqsel`,
      layout: { ...layout, recompute: 'SELECTIVE', sequenceParallel: true },
      recipe: 'Megatron-LM 2022: FP16, sequence parallel + selective recompute, no FlashAttention',
      published: seqsel,
    },
  ];
}

// NVIDIA NeMo 24.09 performance summary (docs.nvidia.com/nemo-framework/user-guide/24.09/performance/
// performance_summary.html, DGX-H100, FP8): the measured tokens/s per GPU (the table's model TFLOP/s is derived from it
// by NeMo's FLOP formula, and for these rows equals ours to within 0.1 %).
/**
 * NeMo's FP8 performance configurations reduce gradients in BF16: NeMo-Framework-Launcher conf/training/gpt3/
 * {5b,20b,175b}_fp8_performance.yaml set `optim.grad_sync_dtype: bf16` (distributed_fused_adam), and NeMo's
 * scripts/llm/performance/pretrain_gpt3_175b.py sets `grad_reduce_in_fp32 = False` for FP8 — 2 B of gradient per
 * parameter, not Megatron-LM's default fp32 main_grad (4 B).
 */
const NEMO_FP8_GRADIENTS = 'gradients reduced in BF16 (NeMo FP8 performance configs: grad_sync_dtype bf16 / grad_reduce_in_fp32 = False)';
/**
 * The NeMo 24.09 rows whose training config fuses the cross entropy (NeMo-Framework-Launcher tag 24.09,
 * launcher_scripts/conf/training/llama/llama2_*.yaml, llama3_*.yaml, nemotron/nemotron_{8b,22b}.yaml:
 * cross_entropy_loss_fusion: true — Megatron-Core 0.9's only fused implementation, the native one); the GPT-3 and
 * Nemotron 340B configs do not set it (the unfused default).
 */
const NEMO_FUSED_CROSS_ENTROPY = ['llama2-7b', 'llama2-13b', 'llama2-70b', 'llama3-8b', 'llama3-70b', 'nemotron-8b', 'nemotron-22b'];
function nemo(
  id: string,
  model: string,
  gpus: number,
  B: number,
  b: number,
  layout: { t: number; p?: number; v?: number; cp?: number },
  tokensPerSecond: number,
  modelChanges?: Partial<ModelArchitecture>,
): ValidationRun {
  const { t, p = 1, v = 1, cp = 1 } = layout;
  const fusedCrossEntropy = NEMO_FUSED_CROSS_ENTROPY.includes(id);
  return {
    id: `nemo-24.09-${id}`,
    source: 'NVIDIA NeMo 24.09 performance summary, DGX-H100 FP8 pre-training table (2024)',
    family: 'H100_MODERN_RECIPES',
    gpu: 'h100-sxm',
    gpus,
    model,
    ...(modelChanges ? { modelChanges } : {}),
    layout: {
      tensorParallel: t,
      pipelineParallel: p,
      pipelineInterleave: v,
      contextParallel: cp,
      globalBatchSize: B,
      microBatchSize: b,
      precision: 'FP8',
      recompute: 'NONE',
      gradientPrecision: 'BF16',
    },
    ...(fusedCrossEntropy ? { options: { crossEntropyFusion: 'NATIVE' } } : {}),
    trainingRecipe: 'MEGATRON_CORE',
    recipe: `NeMo / Megatron-Core: FP8 (Transformer Engine), distributed optimizer, SP, TP overlap, FlashAttention, no recompute${cp > 1 ? `, context parallel ${cp}` : ''}, ${fusedCrossEntropy ? 'fused (native) cross entropy' : 'unfused cross entropy'}`,
    assumed: `no recompute; TP communication overlap (NeMo tp_comm_overlap); ${NEMO_FP8_GRADIENTS}; the cross entropy as the NeMo launcher's 24.09 training config sets it (${fusedCrossEntropy ? 'cross_entropy_loss_fusion: true' : 'not set: unfused'})`,
    published: tokensPerSecond,
    kind: 'TOKENS_PER_SECOND_PER_GPU',
  };
}

/** NeMo 2.0's GPTConfig5B / GPTConfig20B (nemo/collections/llm/gpt/model/base.py): GPT-3-style, 4h MLP. */
const NEMO_GPT3_5B: Partial<ModelArchitecture> = { layers: 24, hiddenSize: 4096, attentionHeads: 32, kvHeads: 32, ffnHiddenSize: 16384 };
const NEMO_GPT3_20B: Partial<ModelArchitecture> = { layers: 44, hiddenSize: 6144, attentionHeads: 48, kvHeads: 48, ffnHiddenSize: 24576 };

/**
 * NeMo's Nemotron-3 sizes (nemo/collections/llm/gpt/model/nemotron.py: Nemotron3Config8B, Nemotron3Config22B): the
 * Nemotron-4 family's layer (the nemotron-4-15b preset) with multi-head attention at other sizes.
 */
const NEMOTRON3_8B: Partial<ModelArchitecture> = { layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 32, ffnHiddenSize: 16384 };
const NEMOTRON3_22B: Partial<ModelArchitecture> = { layers: 40, hiddenSize: 6144, attentionHeads: 48, kvHeads: 48, ffnHiddenSize: 24576 };

/** torchtitan docs/performance.md and fms-fsdp README: FSDP (ZeRO-3) on 8-GPU A100-80GB nodes, tokens/s per GPU. */
function fsdp(
  id: string,
  source: string,
  model: string,
  gpus: number,
  B: number,
  b: number,
  recompute: 'NONE' | 'FULL' | 'SELECTIVE_OPERATORS',
  tokens: number,
  /** torchtitan's "selective layer" checkpointing: every other layer recomputed (recomputeLayers = half of them). */
  everyOtherLayer = false,
): ValidationRun {
  const torchtitan = source.startsWith('pytorch/torchtitan');
  const layers = everyOtherLayer ? (findModelPreset(model)?.layers ?? 0) / 2 : 0;
  return {
    ...(torchtitan ? { trainingRecipe: 'TORCHTITAN_FSDP2' as const } : {}),
    id,
    source,
    family: 'A100_PRODUCTION_2022_24',
    gpu: 'a100-80gb',
    gpus,
    model,
    layout: { globalBatchSize: B, microBatchSize: b, recompute, zeroStage: 3, ...(everyOtherLayer ? { recomputeLayers: layers } : {}) },
    recipe: `PyTorch FSDP (ZeRO-3), BF16, FlashAttention (SDPA), ${everyOtherLayer ? 'selective layer checkpointing (every other layer)' : recompute === 'FULL' ? 'full activation checkpointing' : recompute === 'SELECTIVE_OPERATORS' ? 'selective op checkpointing (every other matmul and the element-wise operators recomputed)' : 'no checkpointing'}${torchtitan ? ', no torch.compile (its configs: compile = false): RoPE and SwiGLU as eager operators, the RMSNorm fused (norm_type fused_rmsnorm)' : ''}`,
    assumed: `default A100 cluster network (8 × HDR per node)${everyOtherLayer ? '; every other layer recomputed (selective_ac_option 2) asked as FULL on half the layers of the one pipeline stage — the same share, compute and memory in the model' : ''}${torchtitan ? "; eager operators as the recipe's elementwiseKernels EAGER counts them (RoPE, SwiGLU); the 2024 model also copied GQA's keys and values per query head (repeat_kv), not counted (0.3 points on Llama 3 8B)" : ''}`,
    published: tokens,
    kind: 'TOKENS_PER_SECOND_PER_GPU',
  };
}

/** MegaScale (Jiang et al. 2024, NSDI): GPT-3 175B on 12,288 A100-class GPUs, TP 8, PP 8, DP 192, batch 6,144. */
function megascale(id: string, where: string, v: number, options: PlanOptions, recipe: string, assumed: string, mfu: number): ValidationRun {
  // Megatron-based: Megatron-Core's defaults (distributed optimizer, SP, overlaps) unless the run says otherwise.
  return {
    id,
    source: `Jiang et al. 2024 MegaScale (NSDI 24), ${where}`,
    family: 'A100_PRODUCTION_2022_24',
    gpu: 'a100-80gb',
    gpus: 12288,
    model: 'gpt3-175b',
    layout: { tensorParallel: 8, pipelineParallel: 8, pipelineInterleave: v, globalBatchSize: 6144, recompute: 'NONE' },
    options,
    trainingRecipe: 'MEGATRON_CORE',
    recipe,
    assumed,
    published: mfu,
    kind: 'MFU',
  };
}

const LLAMA3_SOURCE = 'Dubey et al. 2024, The Llama 3 Herd of Models, Table 4 and §3.3.2';
const LLAMA3_ASSUMED =
  'interleave v = 8 (one layer per virtual stage: "the first model chunk on the first stage has only the embedding"), ZeRO-2 for FSDP sharding of optimizer states and gradients, no recompute'

/** §3.3.2: 126 layers over PP 16, the first and the last stage one layer fewer (embedding and head), interleaved. */
export const LLAMA3_LAYOUT = {
  tensorParallel: 8,
  pipelineParallel: 16,
  pipelineInterleave: 8,
  pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER',
  globalBatchSize: 2048,
  sequenceParallel: true,
  zeroStage: 2,
} as const;


export const VALIDATION_RUNS: readonly ValidationRun[] = Object.freeze([
  // --- A100, Megatron-LM 2021–22 ---------------------------------------------------------------------------------
  sc21('megatron-1.7b', 1, 1, 16, 512, 1, true, 32, 137),
  sc21('megatron-3.6b', 2, 1, 16, 512, 1, true, 64, 138),
  sc21('megatron-7.5b', 4, 1, 16, 512, 1, true, 128, 142),
  sc21('megatron-18.4b', 8, 1, 8, 1024, 1, true, 256, 135),
  sc21('megatron-39.1b', 8, 2, 4, 1536, 1, false, 512, 138),
  sc21('megatron-76.1b', 8, 4, 2, 1792, 3, false, 1024, 140),
  sc21('megatron-145.6b', 8, 8, 2, 2304, 2, false, 1536, 148),
  sc21('megatron-310.1b', 8, 16, 1, 2160, 2, false, 1920, 155),
  sc21('megatron-529.6b', 8, 35, 1, 2520, 3, false, 2520, 163),
  sc21('megatron-1t', 8, 64, 1, 3072, 1, false, 3072, 163),
  {
    id: 'megatron-readme-gpt3-175b',
    source: 'NVIDIA/Megatron-LM README (January 2021) and examples/pretrain_gpt3_175B.sh; Narayanan et al. 2021 §5.1',
    family: 'A100_MEGATRON_2021_22',
    gpu: 'a100-80gb',
    gpus: 1024,
    model: 'gpt3-175b',
    layout: { tensorParallel: 8, pipelineParallel: 16, pipelineInterleave: 1, microBatchSize: 1, globalBatchSize: 1536 },
    trainingRecipe: 'MEGATRON_LM_2021',
    recipe: 'Megatron-LM January 2021: FP16, full recompute, plain 1F1B, local DDP, synchronous p2p',
    published: 138,
    kind: 'HARDWARE_TFLOPS_PER_GPU',
  },
  ...korthikanti('22b', 'megatron-18.4b', MEGATRON_22B, 8, 1, 4, 4, 1, 1.42, 1.1),
  ...korthikanti('175b', 'gpt3-175b', undefined, 64, 8, 1, 64, 3, 18.13, 13.75),
  ...korthikanti('530b', 'mt-nlg-530b', undefined, 280, 35, 1, 280, 3, 49.05, 37.83),
  ...korthikanti('1t', 'megatron-1t', undefined, 512, 64, 1, 512, 1, 94.42, 71.49),

  // --- A100, production runs 2022–24 -------------------------------------------------------------------------------
  {
    id: 'bloom-176b',
    source: 'Le Scao et al. 2022 (BLOOM) §3.4; stas00/ml-engineering training/hparams.md (≈ 150 TFLOP/s at batch 2,048)',
    family: 'A100_PRODUCTION_2022_24',
    gpu: 'a100-80gb',
    // Jean Zay (BLOOM paper §3.4.1): 8 A100-80GB per node, four Omni-Path 100 Gb/s links per node = 50 Gb/s per GPU.
    gpuChanges: { interNodeBandwidthBytesPerSecond: (4 * 100e9) / 8 / 8 },
    gpus: 384,
    model: 'bloom-176b',
    // The final run trained in BF16 (BLOOM paper §3.4: bfloat16 mixed precision; FP16 only in earlier variants).
    layout: { tensorParallel: 4, pipelineParallel: 12, globalBatchSize: 2048, microBatchSize: 2, zeroStage: 1, ...MEGATRON_2021, precision: 'BF16' },
    trainingRecipe: 'DEEPSPEED_ZERO',
    recipe: 'Megatron-DeepSpeed: BF16, ZeRO-1, full recompute, no FlashAttention, 1F1B; Omni-Path 4 × 100 Gb/s per node',
    assumed: 'DeepSpeed defaults (synchronous pipeline p2p, no DP overlap at ZeRO-1)',
    published: 150,
    kind: 'HARDWARE_TFLOPS_PER_GPU',
  },
  {
    id: 'opt-175b',
    source: 'Zhang et al. 2022 (OPT) §2.4: "up to 147 TFLOP/s per GPU" on 992 A100-80GB',
    family: 'A100_PRODUCTION_2022_24',
    gpu: 'a100-80gb',
    gpus: 992,
    model: 'opt-175b',
    layout: { tensorParallel: 8, globalBatchSize: 992, microBatchSize: 8, zeroStage: 3, ...MEGATRON_2021 },
    recipe: 'metaseq: FSDP (ZeRO-3) + Megatron TP 8, FP16, full recompute, no FlashAttention',
    assumed: 'TP 8, DP 124, one micro-batch of 8 sequences per GPU; hardware FLOPs (recompute counted)',
    published: 147,
    kind: 'HARDWARE_TFLOPS_PER_GPU',
  },
  megascale(
    'megascale-175b',
    'abstract and §6: 175B on 12,288 GPUs, 55.2 % MFU',
    6,
    {},
    'MegaScale (Megatron-based): BF16, SP, distributed optimizer, TP/PP/DP overlap, FlashAttention, no recompute',
    'GPT-3 175B shape (parallel block and sliding window not modelled); interleave v = 6',
    0.552,
  ),
  megascale(
    'megascale-megatron-baseline',
    'abstract: 1.34× the MFU of Megatron-LM → 41.2 %',
    1,
    { overlapDataParallelCommunication: false, overlapTensorParallelCommunication: false, overlapTensorParallelBackward: true },
    'Megatron-LM baseline: BF16, SP, distributed optimizer without overlap, 1F1B, async backward TP, FlashAttention',
    'stock 1F1B, forward TP exposed, DP collectives on the critical path (MegaScale §3.2)',
    0.552 / 1.34,
  ),
  fsdp('torchtitan-llama3-70b', 'pytorch/torchtitan docs/performance.md (2024)', 'llama3-70b', 64, 64, 1, 'FULL', 331),
  fsdp('torchtitan-llama2-70b', 'pytorch/torchtitan docs/performance.md (2024)', 'llama2-70b', 64, 128, 2, 'FULL', 353),
  fsdp('torchtitan-llama2-13b', 'pytorch/torchtitan docs/performance.md (2024)', 'llama2-13b', 64, 128, 2, 'NONE', 2162),
  // The same table's "selective layer" rows (every other layer checkpointed), expressible since partial full recompute
  // (session 11), and its "selective op" rows (torchtitan's per-operator policy: recompute SELECTIVE_OPERATORS, session
  // 21) — the 2024-04 table's Llama 2 70B at batch 1 (at batch 2 the table reads OOM, as the memory model does).
  fsdp('torchtitan-llama3-8b-selective-layer', 'pytorch/torchtitan docs/performance.md (2024)', 'llama3-8b', 64, 64, 1, 'FULL', 2904, true),
  fsdp('torchtitan-llama2-13b-selective-layer', 'pytorch/torchtitan docs/performance.md (2024)', 'llama2-13b', 64, 128, 2, 'FULL', 1914, true),
  fsdp('torchtitan-llama3-8b-selective-op', 'pytorch/torchtitan docs/performance.md (2024)', 'llama3-8b', 64, 64, 1, 'SELECTIVE_OPERATORS', 2973),
  fsdp('torchtitan-llama2-13b-selective-op', 'pytorch/torchtitan docs/performance.md (2024)', 'llama2-13b', 64, 128, 2, 'SELECTIVE_OPERATORS', 1904),
  fsdp('torchtitan-llama2-70b-selective-op', 'pytorch/torchtitan docs/performance.md (2024)', 'llama2-70b', 64, 64, 1, 'SELECTIVE_OPERATORS', 355),
  fsdp('fms-fsdp-llama2-70b', 'foundation-model-stack/fms-fsdp README (2024)', 'llama2-70b', 128, 768, 6, 'FULL', 380),

  // --- H100, modern recipes ---------------------------------------------------------------------------------------
  nemo('gpt3-5b', 'gpt3-6.7b', 64, 2048, 4, { t: 1 }, 23406, NEMO_GPT3_5B),
  nemo('gpt3-20b', 'gpt3-6.7b', 64, 256, 2, { t: 2 }, 5851, NEMO_GPT3_20B),
  nemo('gpt3-175b-128', 'gpt3-175b', 128, 256, 1, { t: 4, p: 8, v: 6 }, 716),
  nemo('gpt3-175b-512', 'gpt3-175b', 512, 2048, 2, { t: 4, p: 8, v: 6 }, 825),
  nemo('llama2-7b', 'llama2-7b', 8, 128, 1, { t: 1 }, 16934),
  nemo('llama2-13b', 'llama2-13b', 16, 128, 1, { t: 1, p: 4, v: 10 }, 8715),
  nemo('llama2-70b', 'llama2-70b', 64, 128, 1, { t: 4, p: 4, v: 20 }, 1728),
  nemo('nemotron-8b', 'nemotron-4-15b', 64, 256, 4, { t: 2 }, 12507, NEMOTRON3_8B),
  nemo('nemotron-22b', 'nemotron-4-15b', 64, 256, 2, { t: 2, p: 4, v: 10 }, 4312, NEMOTRON3_22B),
  nemo('nemotron-340b', 'nemotron-4-340b', 128, 32, 1, { t: 8, p: 8, v: 12 }, 326),
  nemo('llama3-8b', 'llama3-8b', 8, 128, 1, { t: 1, cp: 2 }, 12273),
  nemo('llama3-70b', 'llama3-70b', 64, 128, 1, { t: 4, p: 4, v: 5, cp: 2 }, 1524),
  // Megatron-Core r0.8.0's own H100 table (the README's weak-scaling models): its two runs without pipelining whose
  // unpublished micro-batch does not matter (1, 2 or 4: within 0.52 points). The 16B and 32B rows move by 11 and 28
  // points with it, and the five pipelined rows (the README's pipeline-communication overlap implies the interleaved
  // schedule, its size unpublished) by 7–15 points with the interleave alone: checked, not expressible as published.
  ...MEGATRON_CORE_08_RUNS,
  ...TORCHTITAN_H200_RUNS,
  ...HF_LLAMA_H200_RUNS,
  // Megatron-Bridge's published H100 FP8 rows of the 26.04.01 NeMo container (performance-summary-archive.md): the
  // same framework two years on (its MoE rows are in the MoE family below).
  ...([
    ['llama3-70b', 'llama3-70b', 64, 256, { tensorParallel: 4, pipelineParallel: 8, pipelineInterleave: 5 }, 1664],
    // recipes/llama/llama3.py llama31_405b_pretrain_config: account_for_embedding/loss_in_pipeline_split — 126 layers + 2
    // over the virtual stages, the first and the last one layer fewer (the same in the 405B rows below).
    ['llama3.1-405b', 'llama3-405b', 1024, 1536, { tensorParallel: 8, pipelineParallel: 8, pipelineInterleave: 8, contextParallel: 2, pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER' }, 328],
  ] as const).map(
    ([name, model, gpus, B, parallel, tokens]): ValidationRun => ({
      id: `megatron-bridge-26.04-${name}`,
      source: MEGATRON_BRIDGE_26_04,
      family: 'H100_MODERN_RECIPES',
      gpu: 'h100-sxm',
      gpus,
      model,
      // scripts/performance/configs/llama/llama3{,1}_llm_pretrain.py: grad_reduce_in_fp32 = False (BF16 gradients).
      layout: { ...parallel, globalBatchSize: B, microBatchSize: 1, precision: 'FP8', recompute: 'NONE', gradientPrecision: 'BF16' },
      options: { crossEntropyFusion: BRIDGE_CROSS_ENTROPY },
      trainingRecipe: 'MEGATRON_CORE',
      recipe: 'Megatron-Bridge (Megatron-Core): FP8 current scaling (Transformer Engine), distributed optimizer, SP, TP overlap, BF16 gradient reduction, Transformer Engine\'s fused cross entropy, sequence 8,192',
      assumed: 'no recompute (the H100 FP8 workload configs set none); the rows\' FSDP column is 0 (DDP with the distributed optimizer)',
      published: tokens,
      kind: 'TOKENS_PER_SECOND_PER_GPU',
    }),
  ),
  // --- B200 (Blackwell), modern recipes ----------------------------------------------------------------------------
  // Megatron-Bridge 0.2.0's DGX-B200 dense rows (25.11 container), FP8 current scaling, asked as their configs set them
  // (scripts/performance/configs/llama3/workload_base_configs.py LLAMA3_8B_B200_FP8_CS_BASE_CONFIG: micro-batch 2, CUDA
  // graphs over the full iteration; llama31/workload_base_configs.py LLAMA31_405B_B200_FP8_CS_BASE_CONFIG: TP 4, PP 8,
  // CP 2, VP 8, batch 64; llama3{,1}_llm_pretrain.py: grad_reduce_in_fp32 False, TP overlap with userbuffers at TP > 1;
  // no recompute). Predicted, never fitted: they are FP8, and Blackwell has no 16-bit dense run to fit a share of its own
  // (efficiency.ts). The 25.09 table measured the same layouts at 29,994 and 664 (−2.1 % and +0.5 % from these).
  // The same table's Llama 3 8B on 8 GB200 (session 20): LLAMA3_8B_GB200_FP8_CS_BASE_CONFIG at v0.2.0 is the B200's —
  // micro-batch 2, CUDA graphs over the full iteration — and llama3_8b_gb200_config the B200's function line for line;
  // the table agrees (31,508; the 25.09 table's 31,357 is the same layout again, not added twice). Its GB300 row (table
  // micro-batch 2, config 4) and both 405B rows (table 256 GPUs; config 128 with Megatron FSDP and CPU offloading) disagree
  // with their configs and are not used.
  ...([
    ['b200', 'llama3-8b', 'llama3-8b', 8, 128, 2, { tensorParallel: 1 }, 30624],
    ['b200', 'llama3.1-405b', 'llama3-405b', 128, 64, 1, { tensorParallel: 4, pipelineParallel: 8, pipelineInterleave: 8, contextParallel: 2, pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER' }, 661],
    ['gb200', 'llama3-8b', 'llama3-8b', 8, 128, 2, { tensorParallel: 1 }, 31508],
  ] as const).map(
    ([gpu, name, model, gpus, B, mb, parallel, tokens]): ValidationRun => ({
      id: `megatron-bridge-25.11-${gpu}-${name}`,
      source: gpu === 'b200' ? MEGATRON_BRIDGE_25_11_B200 : MEGATRON_BRIDGE_25_11_GB200,
      family: 'B200_MODERN_RECIPES',
      gpu,
      gpus,
      model,
      layout: { ...parallel, globalBatchSize: B, microBatchSize: mb, precision: 'FP8', recompute: 'NONE', gradientPrecision: 'BF16' },
      options: { crossEntropyFusion: BRIDGE_CROSS_ENTROPY },
      trainingRecipe: 'MEGATRON_CORE',
      recipe: 'Megatron-Bridge 0.2.0 (Megatron-Core): FP8 current scaling (Transformer Engine), distributed optimizer, SP and TP overlap where TP > 1, BF16 gradient reduction, Transformer Engine\'s fused cross entropy, sequence 8,192' + (gpus === 8 ? ', CUDA graphs over the full iteration' : ''),
      assumed: `no recompute (the ${gpu === 'b200' ? 'B200' : 'GB200'} FP8 workload configs set none); the FSDP column is 0 (DDP with the distributed optimizer)${name === 'llama3.1-405b' ? '; Llama 3.1 405B as the Llama 3 405B preset (the same layers and widths)' : ''}${gpu === 'gb200' ? '; its 8 GPUs in one NVLink domain (one NVL72 rack)' : ''}`,
      published: tokens,
      kind: 'TOKENS_PER_SECOND_PER_GPU',
    }),
  ),
  ...BLACKWELL_DENSE_RUNS_26_04,
  // NeMo 25.02's DGX-B200 FP8 table (NeMo 2.0; NVIDIA's docs site, performance_summary.html as published for the 25.02
  // container): early B200 software — the same Llama 3 8B layout ran 26,006 tokens/s/GPU there and 30,624 in
  // Megatron-Bridge 25.11. Asked with that release's performance scripts (NVIDIA/NeMo scripts/llm/performance at
  // v2.2.0rc3: bf16_with_fp8_mixed — FP8 delayed scaling — with grad_reduce_in_fp32 False, userbuffers TP overlap at TP > 1,
  // no CUDA graphs on B200, DP overlap; the recipes' performance mode sets no recompute; GPTConfig's
  // cross_entropy_loss_fusion True with Megatron-Core's native implementation). model_configs_b200.csv at that tag agrees
  // with the table's 8B, 70B, 15B and 340B rows; its 405B and GPT-3 rows (144 GPUs PP 9; 128 GPUs batch 256) differ from
  // the table's, which the csv lists from v2.3.0rc2 on: asked as the table gives them. Predicted, never fitted.
  ...([
    ['gpt3-175b', 'gpt3-175b', 512, 2048, 2, { tensorParallel: 4, pipelineParallel: 4, pipelineInterleave: 6 }, 1600],
    ['llama3-8b', 'llama3-8b', 8, 128, 2, { tensorParallel: 1 }, 26006],
    ['llama3-70b', 'llama3-70b', 64, 128, 1, { tensorParallel: 2, pipelineParallel: 4, pipelineInterleave: 5, contextParallel: 2 }, 3062],
    ['llama3-405b', 'llama3-405b', 128, 64, 1, { tensorParallel: 4, pipelineParallel: 8, pipelineInterleave: 8, contextParallel: 2 }, 625],
    ['nemotron-4-15b', 'nemotron-4-15b', 64, 256, 2, { tensorParallel: 1 }, 14760],
    ['nemotron-4-340b', 'nemotron-4-340b', 128, 32, 1, { tensorParallel: 8, pipelineParallel: 4, pipelineInterleave: 12 }, 602],
  ] as const).map(
    ([name, model, gpus, B, mb, parallel, tokens]): ValidationRun => ({
      id: `nemo-25.02-b200-${name}`,
      source: NEMO_25_02_B200,
      family: 'B200_MODERN_RECIPES',
      gpu: 'b200',
      gpus,
      model,
      layout: { ...parallel, globalBatchSize: B, microBatchSize: mb, precision: 'FP8', recompute: 'NONE', gradientPrecision: 'BF16' },
      options: { crossEntropyFusion: 'NATIVE' },
      trainingRecipe: 'MEGATRON_CORE',
      recipe: 'NeMo 25.02 (NeMo 2.0, Megatron-Core): FP8 delayed scaling (Transformer Engine), distributed optimizer, SP and userbuffers TP overlap where TP > 1, DP overlap, BF16 gradient reduction, no recompute, native fused cross entropy, no CUDA graphs',
      assumed: `no recompute (the recipes' performance mode sets none); ${name === 'llama3-405b' || name === 'gpt3-175b' ? 'the layout as the table gives it (the csv of the scripts at v2.2.0rc3 lists another); ' : ''}${name === 'llama3-405b' ? 'Llama 3.1 405B as the Llama 3 405B preset; ' : ''}FP8 delayed scaling asked as the model's one FP8 recipe`,
      published: tokens,
      kind: 'TOKENS_PER_SECOND_PER_GPU',
    }),
  ),
  // NeMo AutoModel's one dense pre-training row (its performance summary, added with Automodel 2013a4dd6, 2026-04-10):
  // Llama 3.1 70B on 64 H100 in PyTorch FSDP2, checked in session 10 — as its config sets it
  // (examples/llm_pretrain/custom_llama3_1_70b_pretrain_benchmark_8nodes.yaml at that commit): BF16 weights
  // (torch_dtype bf16), Transformer Engine's FusedAdam (master_weights off by default, FP32 moments: K = 8), FSDP2's
  // default policy there (reduce in BF16), CP 2 over SDPA attention, activation checkpointing, micro-batch 1, GA 4,
  // gradients reduced every micro-batch (defer_fsdp_grad_sync false), parameters resharded after forward.
  {
    id: 'automodel-llama3.1-70b-64',
    source: 'NVIDIA NeMo AutoModel performance summary, DGX-H100 BF16 pre-training (2026)',
    family: 'H100_MODERN_RECIPES',
    gpu: 'h100-sxm',
    gpus: 64,
    model: 'llama3-70b',
    layout: { contextParallel: 2, globalBatchSize: 128, microBatchSize: 1, zeroStage: 3, precision: 'BF16', recompute: 'FULL', masterWeights: false },
    recipe: 'NeMo AutoModel (PyTorch FSDP2): BF16 weights, FusedAdam without master weights, CP 2, activation checkpointing, GA 4, FSDP prefetch, torch.compile',
    assumed:
      'Llama 3.1 70B as the Llama 3 70B preset (the same layers, widths and vocabulary); FSDP2 shards over DP × CP (64) where ZeRO-3 here shards over DP (32); torch.compile\'s fusions and the FP32 RMSNorm not modelled',
    published: 866.77,
    kind: 'TOKENS_PER_SECOND_PER_GPU',
  },
  // NVIDIA's Nemotron-4 15B pre-training (its report, §2 and Table 2): 8-way TP and DP with a distributed optimizer on
  // DGX H100 nodes, the batch ramped with DP (384 / 768 / 1,152 sequences of 4,096 on 96 / 192 / 288 DP replicas).
  ...([
    [768, 384, 0.57],
    [1536, 768, 0.58],
    [2304, 1152, 0.64],
  ] as const).map(
    ([gpus, B, seconds]): ValidationRun => ({
      id: `nemotron4-15b-${gpus}`,
      source: 'NVIDIA 2024, Nemotron-4 15B Technical Report (arXiv 2402.16819), §2 and Table 2 (iteration time per batch-ramp stage)',
      family: 'H100_MODERN_RECIPES',
      gpu: 'h100-sxm',
      gpus,
      model: 'nemotron-4-15b',
      layout: { tensorParallel: 8, globalBatchSize: B, microBatchSize: 1, precision: 'BF16', recompute: 'NONE' },
      trainingRecipe: 'MEGATRON_CORE',
      recipe: 'Megatron-Core: BF16, TP 8, DP with the distributed optimizer (§2), FlashAttention, SP and overlaps as the recipe sets',
      assumed:
        'micro-batch 1 (4 per DP replica and step; the report gives none: at micro-batch 2 the model reads 15–24 % fast, at 4 29–36 %), no recompute, BF16 (the MFU is against the BF16 peak)',
      published: seconds,
      kind: 'STEP_SECONDS',
    }),
  ),
  ...([
    [8192, 430],
    [16384, 400],
  ] as const).map(
    ([gpus, tflops]): ValidationRun => ({
      id: `llama3-405b-${gpus}`,
      source: LLAMA3_SOURCE,
      family: 'H100_MODERN_RECIPES',
      gpu: 'h100-sxm',
      gpus,
      model: 'llama3-405b',
      // One convention for the table: only causal attention FLOPs explain its 128K row (see llama3-405b-128k).
      attentionFlops: 'CAUSAL',
      layout: LLAMA3_LAYOUT,
      recipe: 'Meta 4D parallelism: BF16, TP 8 + SP, interleaved PP 16, FSDP-style sharded optimizer, FlashAttention',
      assumed: LLAMA3_ASSUMED,
      published: tflops,
      kind: 'MODEL_TFLOPS_PER_GPU',
    }),
  ),

  ...MOE_VALIDATION_RUNS,

  // --- Long context -----------------------------------------------------------------------------------------------
  {
    id: 'llama3-405b-128k',
    source: LLAMA3_SOURCE,
    family: 'LONG_CONTEXT',
    gpu: 'h100-sxm',
    gpus: 16384,
    model: 'llama3-405b',
    modelChanges: { sequenceLength: 131_072 },
    attentionFlops: 'CAUSAL',
    layout: { ...LLAMA3_LAYOUT, contextParallel: 16, globalBatchSize: 128 },
    recipe: 'Meta 4D parallelism: BF16, TP 8 + SP, all-gather CP 16, interleaved PP 16, FlashAttention',
    assumed: `${LLAMA3_ASSUMED}; attention FLOPs counted causal`,
    published: 380,
    kind: 'MODEL_TFLOPS_PER_GPU',
  },
  // NeMo's long-sequence table on DGX-B200 (NVIDIA/NeMo docs/source/performance/performance_long_sequence.md, Llama 3 8B
  // FP8, container 25.04.rc2): the "with CP" rows, 32K to 1M tokens, DP 4. The table's GPU column (edited in May 2025) is
  // 4 × its own TP × CP × DP, which the April version listed as the GPU count: asked on TP × CP × DP GPUs (the figure is
  // per GPU). Model TFLOP/s by NeMo 25.04's llama3 flops formula (nemo/utils/flops_formulas.py at v2.3.0rc2: full s × s
  // attention), which the model's count equals exactly. NeMo's long-context recipes of that release (llama3_8b_16k /
  // 64k / 128k) set no recompute; Megatron-Core's context parallelism is the P2P ring (cp_comm_type "p2p", the
  // MEGATRON_CORE recipe's RING); FP8 current scaling ("scaling factors computed in the current step", the 25.04
  // performance summary); micro-batch 1 (the recipes'). Predicted on the pooled Blackwell share.
  ...([
    [32, 128, 1, 2, 1624],
    [64, 64, 1, 4, 1600],
    [128, 32, 2, 4, 1588],
    [256, 16, 4, 4, 1590],
    [512, 8, 4, 8, 1619],
    [1024, 4, 4, 16, 1608],
  ] as const).map(
    ([k, B, tp, cp, tflops]): ValidationRun => ({
      id: `nemo-25.04-b200-llama3-8b-${k}k`,
      source: NEMO_LONG_SEQUENCE_B200,
      family: 'LONG_CONTEXT',
      gpu: 'b200',
      gpus: tp * cp * 4,
      model: 'llama3-8b',
      modelChanges: { sequenceLength: k * 1024 },
      layout: { tensorParallel: tp, contextParallel: cp, globalBatchSize: B, microBatchSize: 1, precision: 'FP8', recompute: 'NONE', gradientPrecision: 'BF16' },
      options: { crossEntropyFusion: 'NATIVE' },
      trainingRecipe: 'MEGATRON_CORE',
      recipe: `NeMo 25.04 (Megatron-Core): FP8 current scaling, context parallel ${cp} as the P2P ring, SP and TP overlap where TP > 1, distributed optimizer, BF16 gradient reduction, no recompute, native fused cross entropy, sequence ${k}K`,
      assumed: 'GPUs = TP × CP × DP (the table\'s GPU column is 4× that since its May 2025 edit); micro-batch 1 and no recompute, as NeMo\'s long-context recipes set them; BF16 gradient reduction as NeMo\'s FP8 performance configs',
      published: tflops,
      kind: 'MODEL_TFLOPS_PER_GPU',
    }),
  ),
  // The same table's two rows without context parallelism (session 20; its April 2025 version lists them in the same
  // table, GPUs = TP × CP × DP): 8K on 2 GPUs (batch 512, DP 2) and 16K on 4 (batch 256, DP 4), TP 1, asked like the rows
  // above. Family B200_MODERN_RECIPES: no CP, dense B200 at 8K and 16K tokens.
  ...([
    [8, 512, 2, 1671],
    [16, 256, 4, 1717],
  ] as const).map(
    ([k, B, dp, tflops]): ValidationRun => ({
      id: `nemo-25.04-b200-llama3-8b-${k}k`,
      source: NEMO_LONG_SEQUENCE_B200,
      family: 'B200_MODERN_RECIPES',
      gpu: 'b200',
      gpus: dp,
      model: 'llama3-8b',
      modelChanges: { sequenceLength: k * 1024 },
      layout: { tensorParallel: 1, globalBatchSize: B, microBatchSize: 1, precision: 'FP8', recompute: 'NONE', gradientPrecision: 'BF16' },
      options: { crossEntropyFusion: 'NATIVE' },
      trainingRecipe: 'MEGATRON_CORE',
      recipe: `NeMo 25.04 (Megatron-Core): FP8 current scaling, no context parallelism, distributed optimizer, BF16 gradient reduction, no recompute, native fused cross entropy, sequence ${k}K`,
      assumed: 'GPUs = TP × CP × DP as the table\'s April 2025 version lists them; micro-batch 1 and no recompute, as NeMo\'s long-context recipes set them; BF16 gradient reduction as NeMo\'s FP8 performance configs',
      published: tflops,
      kind: 'MODEL_TFLOPS_PER_GPU',
    }),
  ),
]);
