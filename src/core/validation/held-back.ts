/**
 * Published runs checked against the model but kept out of the suite because an input their figure depends on is not
 * published — in the open, with each reading of what is missing (docs/validation.md "Session 12"). The rule: a run
 * joins the suite when its readings agree within one point (the unpublished input does not matter); it is held
 * back when they differ by more than the planner's stated dense accuracy (test/core/held-back.test.ts checks both).
 *
 * Megatron-LM's README "Performance Benchmarking" model table (added with commit f2e5db40, July 2024: Megatron-Core
 * r0.8.0 on H100, BF16 — the MFU column is per-GPU TFLOP/s over the 989 TFLOP/s BF16 peak): GPT models of vocabulary
 * 131,072 and sequence 4,096, every run on 48 data-parallel ranks with --overlap-grad-reduce --overlap-param-gather
 * (the distributed optimizer) and --tp-comm-overlap (sequence parallel); the figure is model FLOPs by Megatron's
 * num_floating_point_operations (training.py: full s×s attention, the logit layer, no embedding, no recompute). Neither
 * the micro-batch size nor the interleave is given: the batch is always 4 × PP × DP sequences, and the README's
 * pipeline-communication overlap holds in r0.8.0 only for the interleaved schedule (arguments.py switches
 * overlap_p2p_comm off without it), so the pipelined runs were interleaved, to an unknown depth.
 */
import { TORCHTITAN_H100_HELD_BACK } from './torchtitan-runs.js';
import type { HeldBackRun, ValidationRun } from './types.js';

const MEGATRON_CORE_08_SOURCE =
  'NVIDIA/Megatron-LM README (July 2024), "Performance Benchmarking" model table (images/model_table.png), Megatron-Core r0.8.0';

/** One row of the table: size, heads, hidden size, layers, TP, PP, GPUs, batch (sequences), model TFLOP/s per GPU. */
type TableRow = readonly [name: string, heads: number, hidden: number, layers: number, tp: number, pp: number, gpus: number, batch: number, tflops: number];

const TABLE: readonly TableRow[] = [
  ['1.7b', 16, 2048, 24, 1, 1, 48, 192, 408.8],
  ['7.1b', 32, 4096, 30, 2, 1, 96, 192, 465.9],
  ['16b', 48, 6144, 32, 4, 1, 192, 192, 489.1],
  ['32b', 56, 7168, 48, 8, 1, 384, 192, 459.6],
  ['70b', 64, 8192, 84, 8, 2, 768, 384, 419.7],
  ['119b', 80, 10240, 92, 8, 4, 1536, 768, 420.5],
  ['177b', 96, 12288, 96, 8, 6, 2304, 1152, 432.8],
  ['314b', 128, 16384, 96, 8, 8, 3072, 1536, 474.4],
  ['462b', 144, 18432, 112, 8, 16, 6144, 3072, 459.9],
];

/** A row asked with a micro-batch size and an interleave (what the table does not give). */
function megatronCore08(row: TableRow, microBatchSize: number, pipelineInterleave: number, assumed: string): ValidationRun {
  const [name, heads, hidden, layers, tp, pp, gpus, batch, tflops] = row;
  return {
    id: `megatron-core-0.8-${name}`,
    source: MEGATRON_CORE_08_SOURCE,
    family: 'H100_MODERN_RECIPES',
    gpu: 'h100-sxm',
    gpus,
    // Megatron's GPT defaults where the table is silent: learned positions, LayerNorm, biases, a 4h GELU MLP, dropout
    // 0.1, and untied embeddings (the parameter counts need them: 1.75B and 7.11B for the first two).
    model: 'gpt3-175b',
    modelChanges: { attentionHeads: heads, kvHeads: heads, hiddenSize: hidden, layers, ffnHiddenSize: 4 * hidden, vocabSize: 131_072, sequenceLength: 4096, tiedEmbeddings: false },
    layout: { tensorParallel: tp, pipelineParallel: pp, pipelineInterleave, globalBatchSize: batch, microBatchSize, precision: 'BF16', recompute: 'NONE' },
    trainingRecipe: 'MEGATRON_CORE',
    recipe: 'Megatron-Core r0.8.0: BF16 with fp32 gradient accumulation and reduction (arguments.py: accumulate_allreduce_grads_in_fp32 under bf16), distributed optimizer, DP and TP overlap, sequence parallel, TE flash attention, no recompute',
    assumed,
    published: tflops,
    kind: 'MODEL_TFLOPS_PER_GPU',
  };
}

const rowOf = (name: string): TableRow => TABLE.find((r) => r[0] === name)!;

/**
 * The table's two runs without pipelining whose unpublished micro-batch does not matter (4 sequences per data-parallel
 * rank: micro-batch 1, 2 or 4 within 0.52 points): suite runs, asked with micro-batch 1.
 */
export const MEGATRON_CORE_08_RUNS: readonly ValidationRun[] = ['1.7b', '7.1b'].map((name) =>
  megatronCore08(rowOf(name), 1, 1, 'micro-batch 1 (not published; 4 sequences per data-parallel rank: micro-batch 1, 2 or 4 moves these two runs by 0.52 points at most)'),
);

/**
 * The other seven, each at both ends of what is unpublished: without pipelining the micro-batch (1 or 4 of the 4
 * sequences a rank has: the DP overlap window of 4 micro-batches or 1); with it the interleave (Megatron's default, none,
 * or one layer per virtual stage), at micro-batch 1 (the batch rule's 4 × PP micro-batches a rank).
 */
const MEGATRON_CORE_08_HELD_BACK: readonly HeldBackRun[] = TABLE.filter((row) => !['1.7b', '7.1b'].includes(row[0])).map((row) => {
  const [name, , , layers, , pp] = row;
  const pipelined = pp > 1;
  const readings = pipelined
    ? [
        { name: 'micro-batch 1, no interleave (Megatron\'s default)', run: megatronCore08(row, 1, 1, 'micro-batch 1; no interleave') },
        { name: 'micro-batch 1, one layer per virtual stage', run: megatronCore08(row, 1, layers / pp, `micro-batch 1; interleave ${layers / pp}`) },
      ]
    : [
        { name: 'micro-batch 1 (4 per rank)', run: megatronCore08(row, 1, 1, 'micro-batch 1') },
        { name: 'micro-batch 4 (1 per rank)', run: megatronCore08(row, 4, 1, 'micro-batch 4') },
      ];
  return {
    id: `megatron-core-0.8-${name}`,
    source: MEGATRON_CORE_08_SOURCE,
    reason: pipelined
      ? 'the interleave is not published (the README\'s pipeline-communication overlap implies the interleaved schedule in r0.8.0, not its depth), nor the micro-batch'
      : 'the micro-batch size is not published, and with 4 sequences per data-parallel rank it sets the window the gradient reduce-scatter hides behind',
    readings,
  };
});

/**
 * NeMo's long-sequence table on DGX-H100 (NVIDIA/NeMo docs/source/performance/performance_long_sequence.md, its first
 * table: Llama 2 7B, FP8, container 24.03.01): "TFLOPS / GPU" of the with-CP layouts, 4K to 1M tokens on as many GPUs
 * as thousands of tokens (TP × PP × DP × CP). The page gives neither its FLOP count nor the batch: held back under
 * both counts of the attention — the full s × s of Megatron's num_floating_point_operations (the model's own count, and
 * NeMo 25.04's for the same page's B200 table) and the causal half. The batch is asked as 4M tokens a step (the B200
 * table's); 1M or 4M tokens move a row by 2 points at most. Megatron-Core of that container runs context parallelism as
 * Transformer Engine's P2P ring (MEGATRON_CORE's RING); micro-batch 1, no recompute, as NeMo's long-context configs.
 */
const NEMO_LONG_SEQUENCE_H100_SOURCE =
  'NVIDIA/NeMo docs/source/performance/performance_long_sequence.md, Llama 2 7B FP8 on DGX-H100 with context parallelism (NeMo 24.03.01)';

/** [thousands of tokens, TP, PP, DP, CP, TFLOP/s per GPU] of the table's with-CP columns. */
const NEMO_LONG_SEQUENCE_H100: readonly (readonly [number, number, number, number, number, number])[] = [
  [4, 1, 1, 4, 1, 768],
  [8, 1, 2, 4, 1, 730],
  [16, 2, 1, 8, 1, 660],
  [32, 2, 1, 8, 2, 610],
  [64, 4, 1, 8, 2, 574],
  [128, 4, 1, 8, 4, 555],
  [256, 4, 1, 8, 8, 549],
  [512, 8, 1, 4, 16, 549],
  [1024, 8, 1, 4, 32, 536],
];

function nemoLongSequenceH100Run([k, tp, pp, dp, cp, tflops]: (typeof NEMO_LONG_SEQUENCE_H100)[number], causal: boolean): ValidationRun {
  return {
    id: `nemo-24.03-h100-llama2-7b-${k}k`,
    source: NEMO_LONG_SEQUENCE_H100_SOURCE,
    family: 'LONG_CONTEXT',
    gpu: 'h100-sxm',
    gpus: tp * pp * dp * cp,
    model: 'llama2-7b',
    modelChanges: { sequenceLength: k * 1024 },
    layout: {
      tensorParallel: tp,
      pipelineParallel: pp,
      contextParallel: cp,
      globalBatchSize: Math.max(dp, (4 * 1024) / k),
      microBatchSize: 1,
      precision: 'FP8',
      recompute: 'NONE',
    },
    trainingRecipe: 'MEGATRON_CORE',
    recipe: `NeMo 24.03.01 (Megatron-Core): FP8, context parallel ${cp} as the P2P ring, SP where TP > 1, distributed optimizer, micro-batch 1, no recompute, sequence ${k}K`,
    assumed: `${causal ? 'causal attention FLOPs (half of s × s)' : "full s × s attention FLOPs (Megatron's count)"}; a batch of 4M tokens a step (not published)`,
    published: tflops,
    kind: 'MODEL_TFLOPS_PER_GPU',
    ...(causal ? { attentionFlops: 'CAUSAL' as const } : {}),
  };
}

const NEMO_LONG_SEQUENCE_H100_HELD_BACK: readonly HeldBackRun[] = NEMO_LONG_SEQUENCE_H100.map((row) => ({
  id: `nemo-24.03-h100-llama2-7b-${row[0]}k`,
  source: NEMO_LONG_SEQUENCE_H100_SOURCE,
  reason: 'the page gives no FLOP convention (full or causal attention) for its TFLOPS / GPU, nor the batch',
  readings: [
    { name: 'full s × s attention FLOPs', run: nemoLongSequenceH100Run(row, false) },
    { name: 'causal attention FLOPs', run: nemoLongSequenceH100Run(row, true) },
  ],
}));

/**
 * Every held-back run: Megatron-Core r0.8.0's seven, torchtitan's Grand Teton H100 rows (torchtitan-runs.ts), NeMo's
 * H100 long-sequence table.
 */
export const HELD_BACK_RUNS: readonly HeldBackRun[] = [...MEGATRON_CORE_08_HELD_BACK, ...TORCHTITAN_H100_HELD_BACK, ...NEMO_LONG_SEQUENCE_H100_HELD_BACK];
