/**
 * torchtitan on H200 (family H100_MODERN_RECIPES; runs.ts includes them in place): Trainy's baseline on WhiteFiber's
 * H200 servers, published in torchtitan's benchmarks folder — Llama 3.1 8B with FSDP on 4 and 8 hosts of 8 H200
 * (NVLink inside, 400 Gb/s ConnectX-7 per GPU between), the commands' flags as printed: local batch 2 of the
 * llama3_8b.toml's 8,192 tokens (torchtitan e7c0cae), torch.compile, Float8 linears (tensorwise dynamic scaling, torchao)
 * and per-operator selective checkpointing (the toml's selective_ac_option "op"). Checked after session 21's
 * SELECTIVE_OPERATORS, never fitted on alone (their Hopper rows join the share's fit like every dense Hopper row).
 */
import type { HeldBackRun, ValidationRun } from './types.js';

const TRAINY_H200 =
  'pytorch/torchtitan benchmarks/llama3-8b_h200_202506_trainy-whitefiber.md (Trainy on WhiteFiber, June 2025; torch 2.8.0a0, torchao 0afa4c1, torchtitan e7c0cae)';

function trainyH200(hosts: number, tokensPerSecondPerGpu: number): ValidationRun {
  const gpus = 8 * hosts;
  return {
    id: `torchtitan-trainy-h200-llama3-8b-${gpus}`,
    source: TRAINY_H200,
    family: 'H100_MODERN_RECIPES',
    gpu: 'h200',
    gpus,
    model: 'llama3-8b',
    layout: { globalBatchSize: 2 * gpus, microBatchSize: 2, precision: 'FP8', recompute: 'SELECTIVE_OPERATORS', zeroStage: 3 },
    options: { elementwiseKernels: 'FUSED' },
    trainingRecipe: 'TORCHTITAN_FSDP2',
    recipe:
      'torchtitan FSDP2 (ZeRO-3, fp32 gradient reduction: mixed_precision_reduce default), --training.compile (element-wise kernels fused), Float8 linears (torchao tensorwise), per-operator selective checkpointing: every second matmul recomputed, Float8 linears alike (they reach the policy as aten.mm), the attention output kept',
    assumed:
      'Llama 3.1 8B as the preset (its 128K-context RoPE scaling does not change the FLOPs); the FSDP Float8 all-gather of the weights (half the gather bytes) not modelled — the gathers hide under the step either way; the output head in BF16 (torchtitan filter_fqns ["output"]), as the FP8 recipe keeps it',
    published: tokensPerSecondPerGpu,
    kind: 'TOKENS_PER_SECOND_PER_GPU',
  };
}

/** The table's two rows (TPS/GPU at the 100th iteration). */
export const TORCHTITAN_H200_RUNS: readonly ValidationRun[] = [trainyH200(4, 10938), trainyH200(8, 10753)];

/**
 * torchtitan's own H100 benchmarks (benchmarks/llama3_h100_202412_torchtitan.md, torchtitan 9dec370 of December 2024,
 * and benchmarks/asyncTP_llama3_h100_2025-06_torchtitan.md, June 2025), on Meta's Grand Teton: 8 H100 a host over NVLink,
 * 400 Gb/s RDMA a GPU, each H100 with 96 GB of HBM2e at 2.4 TB/s "at the default 500W power limit" — "the actual peak
 * TFLOPs number is between SXM and NVL, and we don't know its exact value". Held back: every figure depends on that
 * peak. Each is predicted under both ends, the H100 SXM's (989 TFLOP/s BF16) and the H100 NVL's (835.5, the NVL
 * datasheet's 1,671 sparse). Asked as the pages and the 9dec370 configs set them:
 * Llama 3.1 8B / 70B at 8,192 tokens, FSDP with fp32 reduction (TORCHTITAN_FSDP2), per-operator selective checkpointing
 * where the page says "selective", torch.compile as element-wise kernels fused (without it RoPE, SwiGLU and the 8B config's
 * norm_type "rmsnorm" run operator by operator: EAGER_NORMS), Float8 tensorwise as FP8,
 * TP with sequence-parallel norms, async TP as the model's TP overlap. Not asked: the 405B pipeline tables (the
 * micro-batch count and the stages per rank are not given) and rowwise Float8 (not a recipe of the model).
 */
const GRAND_TETON_SOURCE = {
  '2024-12': 'pytorch/torchtitan benchmarks/llama3_h100_202412_torchtitan.md (Grand Teton H100 96 GB HBM2e at 500 W; torch 1963fc8, torchao eab345c, torchtitan 9dec370)',
  '2025-06': 'pytorch/torchtitan benchmarks/asyncTP_llama3_h100_2025-06_torchtitan.md (Grand Teton H100 96 GB HBM2e at 500 W; torch 38410cf9, torchtitan 820504e)',
} as const;

const H100_SXM_BF16_PEAK = 989.4e12;
const H100_NVL_BF16_PEAK = 835.5e12;

interface GrandTetonRow {
  id: string;
  page: keyof typeof GRAND_TETON_SOURCE;
  gpus: number;
  model: 'llama3-8b' | 'llama3-70b';
  localBatch: number;
  layout: Partial<ValidationRun['layout']>;
  options: NonNullable<ValidationRun['options']>;
  modelChanges?: ValidationRun['modelChanges'];
  what: string;
  published: number;
}

/**
 * One reading of a Grand Teton row: the catalog H100 SXM with its matmul and attention rates scaled to the reading's
 * dense peak (`options.computeEfficiencyScale`, so that the reading replays through trainingPlan, whose clusters take
 * catalog GPUs). The page's 96 GB and 2.4 TB/s HBM2e are not asked: the catalog's 80 GB and 3.35 TB/s stand, which
 * reads the element-wise kernels up to 1.4 × fast (a few points of these steps).
 */
function grandTetonRun(row: GrandTetonRow, bf16Peak: number): ValidationRun {
  const tensorParallel = row.layout.tensorParallel ?? 1;
  const contextParallel = row.layout.contextParallel ?? 1;
  const dataParallel = row.gpus / tensorParallel / contextParallel;
  const scale = bf16Peak / H100_SXM_BF16_PEAK;
  return {
    id: `torchtitan-grand-teton-${row.id}`,
    source: GRAND_TETON_SOURCE[row.page],
    family: 'H100_MODERN_RECIPES',
    gpu: 'h100-sxm',
    gpus: row.gpus,
    model: row.model,
    ...(row.modelChanges ? { modelChanges: row.modelChanges } : {}),
    layout: { globalBatchSize: row.localBatch * dataParallel, microBatchSize: row.localBatch, zeroStage: 3, ...row.layout },
    options: { ...row.options, ...(scale === 1 ? {} : { computeEfficiencyScale: scale }) },
    trainingRecipe: 'TORCHTITAN_FSDP2',
    recipe: `torchtitan: ${row.what}`,
    assumed: `the H100's dense BF16 peak ${(bf16Peak / 1e12).toFixed(1)} TFLOP/s at 500 W (FP8 twice it), as a scale ${scale.toFixed(4)} on the SXM's rates; the catalog H100 SXM's 80 GB and 3.35 TB/s, not the page's 96 GB of HBM2e at 2.4 TB/s`,
    published: row.published,
    kind: 'TOKENS_PER_SECOND_PER_GPU',
  };
}

const OP = { recompute: 'SELECTIVE_OPERATORS' } as const;
const FP8_OP = { recompute: 'SELECTIVE_OPERATORS', precision: 'FP8' } as const;
// Without torch.compile the 9dec370 configs run RoPE, SwiGLU and their norm_type "rmsnorm" operator by operator.
const EAGER = { elementwiseKernels: 'EAGER_NORMS' } as const;
const COMPILED = { elementwiseKernels: 'FUSED' } as const;
const TP8 = { tensorParallel: 8, sequenceParallel: true } as const;
const ASYNC_TP = { elementwiseKernels: 'FUSED', overlapTensorParallelCommunication: true } as const;

const GRAND_TETON_ROWS: readonly GrandTetonRow[] = [
  // Tables 1 and 3: Llama 3.1 8B, FSDP on 8 and 128 GPUs, local batch 2, selective (op) checkpointing.
  ...([[8, 5762, 6667, 8532], [128, 5605, 6514, 8380]] as const).flatMap(([gpus, eager, compiled, float8]): GrandTetonRow[] => [
    { id: `llama3-8b-${gpus}-fsdp`, page: '2024-12', gpus, model: 'llama3-8b', localBatch: 2, layout: OP, options: EAGER, what: 'FSDP, selective op checkpointing, no compile', published: eager },
    { id: `llama3-8b-${gpus}-compile`, page: '2024-12', gpus, model: 'llama3-8b', localBatch: 2, layout: OP, options: COMPILED, what: 'FSDP, selective op checkpointing, torch.compile', published: compiled },
    { id: `llama3-8b-${gpus}-compile-float8`, page: '2024-12', gpus, model: 'llama3-8b', localBatch: 2, layout: FP8_OP, options: COMPILED, what: 'FSDP, selective op checkpointing, torch.compile, Float8', published: float8 },
  ]),
  // Table 2: Llama 3.1 8B on 8 GPUs, FSDP × CP (PyTorch's context parallel: an SDPA call per K/V chunk), local batch 1, full checkpointing.
  ...([[32_768, 1, 3890], [65_536, 2, 2540], [131_072, 4, 1071], [262_144, 8, 548]] as const).map(([sequenceLength, contextParallel, tokens]): GrandTetonRow => ({
    id: `llama3-8b-8-cp${contextParallel}-${sequenceLength / 1024}k`,
    page: '2024-12',
    gpus: 8,
    model: 'llama3-8b',
    localBatch: 1,
    layout: { recompute: 'FULL', precision: 'FP8', contextParallel },
    options: { ...COMPILED, contextParallelCommunication: 'RING' },
    modelChanges: { sequenceLength },
    what: `FSDP ${8 / contextParallel} × CP ${contextParallel}, full checkpointing, torch.compile, Float8`,
    published: tokens,
  })),
  // Table 4: Llama 3.1 70B on 256 GPUs, FSDP 32 × TP 8, local batch 16, full checkpointing, compile, Float8.
  { id: 'llama3-70b-256-tp8-float8', page: '2024-12', gpus: 256, model: 'llama3-70b', localBatch: 16, layout: { ...TP8, recompute: 'FULL', precision: 'FP8' }, options: COMPILED, what: 'FSDP 32 × TP 8, full checkpointing, torch.compile, Float8', published: 829 },
  { id: 'llama3-70b-256-tp8-float8-async-tp', page: '2024-12', gpus: 256, model: 'llama3-70b', localBatch: 16, layout: { ...TP8, recompute: 'FULL', precision: 'FP8' }, options: ASYNC_TP, what: 'FSDP 32 × TP 8 with async TP, full checkpointing, torch.compile, Float8', published: 876 },
  // The async-TP page: the same 70B layout in BF16 and Float8 tensorwise, and Llama 3.1 8B on 64 GPUs (FSDP 8 × TP 8, local batch 12, selective op).
  ...([['bf16', {}, 597.3, 652.4], ['float8', { precision: 'FP8' }, 809.8, 942.4]] as const).flatMap(([name, precision, vanilla, asynchronous]): GrandTetonRow[] => [
    { id: `async-tp-page-llama3-70b-${name}`, page: '2025-06', gpus: 256, model: 'llama3-70b', localBatch: 16, layout: { ...TP8, recompute: 'FULL', ...precision }, options: COMPILED, what: `FSDP 32 × TP 8, full checkpointing, torch.compile, ${name === 'bf16' ? 'BF16' : 'Float8 tensorwise'}`, published: vanilla },
    { id: `async-tp-page-llama3-70b-${name}-async-tp`, page: '2025-06', gpus: 256, model: 'llama3-70b', localBatch: 16, layout: { ...TP8, recompute: 'FULL', ...precision }, options: ASYNC_TP, what: `FSDP 32 × TP 8 with async TP, full checkpointing, torch.compile, ${name === 'bf16' ? 'BF16' : 'Float8 tensorwise'}`, published: asynchronous },
  ]),
  ...([['bf16', {}, 4378, 4809.4], ['float8', { precision: 'FP8' }, 5078.1, 5570.1]] as const).flatMap(([name, precision, vanilla, asynchronous]): GrandTetonRow[] => [
    { id: `async-tp-page-llama3-8b-${name}`, page: '2025-06', gpus: 64, model: 'llama3-8b', localBatch: 12, layout: { ...TP8, ...OP, ...precision }, options: COMPILED, what: `FSDP 8 × TP 8, selective op checkpointing, torch.compile, ${name === 'bf16' ? 'BF16' : 'Float8 tensorwise'}`, published: vanilla },
    { id: `async-tp-page-llama3-8b-${name}-async-tp`, page: '2025-06', gpus: 64, model: 'llama3-8b', localBatch: 12, layout: { ...TP8, ...OP, ...precision }, options: ASYNC_TP, what: `FSDP 8 × TP 8 with async TP, selective op checkpointing, torch.compile, ${name === 'bf16' ? 'BF16' : 'Float8 tensorwise'}`, published: asynchronous },
  ]),
];

/** The Grand Teton rows, each under the SXM and the NVL peak (held-back.ts lists them after Megatron-Core r0.8.0's seven). */
export const TORCHTITAN_H100_HELD_BACK: readonly HeldBackRun[] = GRAND_TETON_ROWS.map((row) => ({
  id: `torchtitan-grand-teton-${row.id}`,
  source: GRAND_TETON_SOURCE[row.page],
  reason: 'run at a 500 W power limit on an H100 whose peak "is between SXM and NVL" (the page): the figure depends on that unpublished peak',
  readings: [
    { name: 'H100 SXM peak (989 TFLOP/s BF16)', run: grandTetonRun(row, H100_SXM_BF16_PEAK) },
    { name: 'H100 NVL peak (835.5 TFLOP/s BF16)', run: grandTetonRun(row, H100_NVL_BF16_PEAK) },
  ],
}));
