/**
 * Megatron-Bridge 26.02's mixture-of-experts rows on DGX-B200 and DGX-B300 whose layouts the later tables no longer
 * measure (family MOE; moe-runs.ts includes them in place). Each asked as its release's configs set it: Megatron-Bridge
 * 0.3.0 (the 26.02 container's, docs/releases/software-versions.md; Transformer Engine 2.12), its
 * scripts/performance/configs/{qwen,deepseek,gpt_oss}/*_workload_base_configs.py (the V2 variants: 256 GPUs and batch
 * 8,192 / 4,096, or batch 1,280 for gpt-oss; V1 for Qwen3 30B-A3B) and *_llm_pretrain.py. Predicted, never fitted.
 */
import { BRIDGE_CROSS_ENTROPY, GPT_OSS_ASSUMED, MEGATRON_BRIDGE_26_02_B200_B300 } from './sources.js';
import type { ValidationRun } from './types.js';

/** What every row shares: Megatron-Core's recipe, expert TP 1, BF16 gradient reduction, forced balance, TE's cross entropy. */
function bridge2602Row(
  row: Pick<ValidationRun, 'gpu' | 'gpus' | 'model' | 'published' | 'options' | 'assumed'> & {
    slug: string;
    layout: Omit<ValidationRun['layout'], 'tensorParallel' | 'expertTensorParallel' | 'recompute' | 'gradientPrecision'>;
    recipe: string;
  },
): ValidationRun {
  return {
    id: `megatron-bridge-26.02-${row.gpu}-${row.slug}`,
    source: MEGATRON_BRIDGE_26_02_B200_B300,
    family: 'MOE',
    gpu: row.gpu,
    gpus: row.gpus,
    model: row.model,
    ...(row.model === 'gpt-oss-120b' ? { modelChanges: { sequenceLength: 4096 } } : {}),
    layout: { tensorParallel: 1, expertTensorParallel: 1, recompute: 'NONE', gradientPrecision: 'BF16', ...row.layout },
    options: { crossEntropyFusion: BRIDGE_CROSS_ENTROPY, ...row.options },
    trainingRecipe: 'MEGATRON_CORE',
    recipe: `Megatron-Bridge 0.3.0 (Megatron-Core) on DGX-${row.gpu.toUpperCase()}: ${row.recipe}, BF16 gradient reduction, forced balance, Transformer Engine's fused cross entropy, sequence 4,096`,
    assumed: `${row.assumed}; the experts launched per expert (Transformer Engine's GroupedLinear) with the host time fitted on H100 rows; CUDA graphs not modelled`,
    published: row.published,
    kind: 'TOKENS_PER_SECOND_PER_GPU',
  };
}

const MXFP8 = 'MXFP8 asked as FP8 with block scaling (fp8Scaling BLOCK: the FP8 GEMM rate, no per-expert host work for the casts)';

export const BLACKWELL_MOE_RUNS_26_02: readonly ValidationRun[] = [
  // Qwen3 30B-A3B on 8 B200 at micro-batch 1: QWEN3_30B_A3B_PRETRAIN_CONFIG_B200_FP8_MX_V1 (EP 8, batch 512, the
  // base's micro-batch 1, no flex backend: the recipe's NCCL all-to-all; CUDA graphs on the router and its
  // preprocessing); set_qwen3_common_configs: no recompute. 26.02.01 moved it to micro-batch 4 with HybridEP (26,695
  // tokens/s, the 26.04.01 row's layout): the same GPUs, 2.75 × the throughput — the per-micro-batch host work.
  bridge2602Row({
    gpu: 'b200',
    gpus: 8,
    model: 'qwen3-30b-a3b',
    slug: 'qwen3-30b-a3b-mbs1',
    layout: { expertParallel: 8, globalBatchSize: 512, microBatchSize: 1, precision: 'FP8' },
    options: { expertDispatch: 'ALL_TO_ALL', fp8Scaling: 'BLOCK' },
    recipe: 'MXFP8 (Transformer Engine block scaling), EP 8, micro-batch 1, the NCCL all-to-all dispatcher, CUDA graphs on the router and its preprocessing, no recompute',
    assumed: MXFP8,
    published: 9691,
  }),
  // Qwen3 235B-A22B on 256 B200: QWEN3_235B_A22B_PRETRAIN_CONFIG_B200_FP8_MX_V2 (PP 8, EP 8, batch 8,192, micro-batch
  // 1, moe_a2a_overlap False, the NCCL all-to-all, no CUDA graphs); recipes/qwen/qwen3_moe.py: embedding and loss
  // counted in the pipeline split.
  bridge2602Row({
    gpu: 'b200',
    gpus: 256,
    model: 'qwen3-235b-a22b',
    slug: 'qwen3-235b-a22b',
    layout: { pipelineParallel: 8, pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER', expertParallel: 8, globalBatchSize: 8192, microBatchSize: 1, precision: 'FP8' },
    options: { expertDispatch: 'ALL_TO_ALL', overlapExpertParallelCommunication: false, fp8Scaling: 'BLOCK' },
    recipe: 'MXFP8 (Transformer Engine block scaling), PP 8, EP 8, the NCCL all-to-all dispatcher not overlapped, no recompute',
    assumed: MXFP8,
    published: 3805,
  }),
  // The same on 256 B300: QWEN3_235B_A22B_PRETRAIN_CONFIG_B300_FP8_MX_V2 (PP 8, VP 4, EP 8, micro-batch 1,
  // moe_a2a_overlap True, the NCCL all-to-all). Published at 71 % of the B200 row's throughput on faster GPUs and
  // NICs; 26.04.01 measured B300 at PP 8 without VP, micro-batch 2, not overlapped: 5,936.
  bridge2602Row({
    gpu: 'b300',
    gpus: 256,
    model: 'qwen3-235b-a22b',
    slug: 'qwen3-235b-a22b-vp4-overlap',
    layout: {
      pipelineParallel: 8,
      pipelineInterleave: 4,
      pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER',
      expertParallel: 8,
      globalBatchSize: 8192,
      microBatchSize: 1,
      precision: 'FP8',
    },
    options: { expertDispatch: 'ALL_TO_ALL', overlapExpertParallelCommunication: true, fp8Scaling: 'BLOCK' },
    recipe: 'MXFP8 (Transformer Engine block scaling), PP 8 with 4 virtual stages, EP 8, the NCCL all-to-all overlapped (moe_a2a_overlap), no recompute',
    assumed: MXFP8,
    published: 2691,
  }),
  // DeepSeek-V3 on 256 B200: DEEPSEEK_V3_PRETRAIN_CONFIG_B200_FP8_MX_V2 (PP 16, EP 8, batch 4,096, micro-batch 1,
  // HybridEP not overlapped, recompute of the MLA up-projections); recipes/deepseek/deepseek_v3.py: MTP 1, the PP 16
  // layout of four layers a stage (embedding on the first, one layer with MTP and the loss on the last), the
  // precision-aware optimizer's BF16 gradients and moments.
  bridge2602Row({
    gpu: 'b200',
    gpus: 256,
    model: 'deepseek-v3',
    slug: 'deepseek-v3',
    layout: {
      pipelineParallel: 16,
      pipelineStageLayers: [4, ...Array.from({ length: 14 }, () => 4), 1],
      expertParallel: 8,
      globalBatchSize: 4096,
      microBatchSize: 1,
      precision: 'FP8',
      cheapRecompute: true,
      optimizerMomentPrecision: 'BF16',
    },
    options: { expertDispatch: 'NODE_DEDUPLICATED', overlapExpertParallelCommunication: false, fp8Scaling: 'BLOCK' },
    recipe: 'MXFP8 (Transformer Engine block scaling), PP 16, EP 8, HybridEP not overlapped, recompute of the MLA up-projections, MTP 1, BF16 gradients and moments',
    assumed: `${MXFP8}; the MLA up-projection recompute asked as cheapRecompute; balanced routing with DeepSeek-V3's group limit`,
    published: 2689,
  }),
  // gpt-oss-120b on 64 B200 / B300 with EP 64 across eight servers: GPT_OSS_120B_PRETRAIN_CONFIG_{B200,B300}_BF16_V2
  // (batch 1,280, micro-batch 4, no flex backend: the recipe's NCCL all-to-all; B200 recomputes the norms and the MoE
  // activation, B300 has CUDA graphs on attention, the router and its preprocessing instead). 26.04.01's configs moved
  // both to EP 8 inside a server (13,568 / 15,232).
  ...(
    [
      ['b200', { cheapRecompute: true }, 'recompute of norms and the MoE activation', 8047],
      ['b300', {}, 'CUDA graphs on attention, the router and its preprocessing', 8359],
    ] as const
  ).map(([gpu, recompute, recipe, published]) =>
    bridge2602Row({
      gpu,
      gpus: 64,
      model: 'gpt-oss-120b',
      slug: 'gpt-oss-120b-ep64',
      layout: { expertParallel: 64, globalBatchSize: 1280, microBatchSize: 4, precision: 'BF16', ...recompute },
      options: { expertDispatch: 'ALL_TO_ALL' },
      recipe: `BF16, EP 64 over eight servers, the NCCL all-to-all dispatcher, ${recipe}`,
      assumed: GPT_OSS_ASSUMED,
      published,
    }),
  ),
];
