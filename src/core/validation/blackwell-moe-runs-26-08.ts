/**
 * Megatron-Bridge 26.08's mixture-of-experts rows on GB200 and GB300 NVL72 (family MOE; moe-runs.ts includes them in
 * place): the current release, each asked as its perf recipe sets it (Megatron-Bridge 0.6.0,
 * src/megatron/bridge/perf_recipes/{qwen,deepseek,gpt_oss}/{gb200,gb300}/*.py, their common.py and _common.py). The
 * MXFP8 recipes there run a different MoE path from 26.04.01's: full-iteration CUDA graphs over the whole step
 * (cuda_graph_impl "full_iteration"), Transformer Engine's op fuser with the cuteDSL fused grouped MLP
 * (use_transformer_engine_op_fuser, NVTE_CUTEDSL_FUSED_GROUPED_MLP=1) — no per-expert host work, asked as
 * expertGemmLaunch GROUPED_KERNEL —, HybridEP with the expert-parallel all-to-all overlapped
 * (overlap_moe_expert_parallel_comm, delay_wgrad_compute) and block-scaled MXFP8. Not modelled: FP8 dot-product
 * attention (Qwen3, gpt-oss, DeepSeek-V3 on GB300: attention at the 16-bit rate here), the fused MLP's saved
 * element-wise passes, the paged activation stash; the per-rank token budget of 1.5 (moe_expert_rank_capacity_factor,
 * tokens beyond it dropped) is a cap forced balance never reaches. Predicted, never fitted.
 * The 26.06.01 table measured the same layouts within 2.6 % (gpt-oss there under a known cuDNN regression).
 */
import { BRIDGE_CROSS_ENTROPY, GPT_OSS_ASSUMED, MEGATRON_BRIDGE_26_08_GB200_GB300 } from './sources.js';
import type { ValidationRun } from './types.js';

/** What every row shares (the recipes' HybridEP full-iteration MXFP8 settings), see the file comment. */
const FULL_ITERATION_MXFP8 = {
  expertDispatch: 'NODE_DEDUPLICATED',
  overlapExpertParallelCommunication: true,
  expertGemmLaunch: 'GROUPED_KERNEL',
  fp8Scaling: 'BLOCK',
  crossEntropyFusion: BRIDGE_CROSS_ENTROPY,
} as const;

const ASSUMED =
  'the full-iteration CUDA graph and the fused grouped MLP asked as GROUPED_KERNEL launches (no per-expert host work); FP8 dot-product attention, the fused MLP\'s element-wise savings and the paged stash not modelled; the per-rank token budget of 1.5 never reached under forced balance';

function bridge2608Row(
  row: Pick<ValidationRun, 'gpu' | 'gpus' | 'model' | 'published'> & {
    slug: string;
    layout: Omit<ValidationRun['layout'], 'tensorParallel' | 'expertTensorParallel' | 'recompute' | 'gradientPrecision' | 'precision'>;
    recipe: string;
    assumed?: string;
  },
): ValidationRun {
  return {
    id: `megatron-bridge-26.08-${row.gpu}-${row.slug}`,
    source: MEGATRON_BRIDGE_26_08_GB200_GB300,
    family: 'MOE',
    gpu: row.gpu,
    gpus: row.gpus,
    // 64 GPUs of each NVL72 rack in one NVLink domain (NUM_OF_HYBRID_EP_RANKS_PER_NVLINK_DOMAIN, NVLINK_DOMAIN_SIZE 72).
    gpusPerNode: 64,
    model: row.model,
    ...(row.model === 'gpt-oss-120b' ? { modelChanges: { sequenceLength: 4096 } } : {}),
    layout: { tensorParallel: 1, expertTensorParallel: 1, precision: 'FP8', recompute: 'NONE', gradientPrecision: 'BF16', ...row.layout },
    options: FULL_ITERATION_MXFP8,
    trainingRecipe: 'MEGATRON_CORE',
    recipe: `Megatron-Bridge 0.6.0 (Megatron-Core) on DGX-${row.gpu.toUpperCase()}: MXFP8, ${row.recipe}, full-iteration CUDA graphs, the fused grouped MLP, HybridEP overlapped, BF16 gradient reduction, forced balance, Transformer Engine's fused cross entropy, sequence 4,096`,
    assumed: `${ASSUMED}${row.assumed === undefined ? '' : `; ${row.assumed}`}`,
    published: row.published,
    kind: 'TOKENS_PER_SECOND_PER_GPU',
  };
}

const DEEPSEEK_STAGES = [4, ...Array.from({ length: 14 }, () => 4), 1];

export const BLACKWELL_MOE_RUNS_26_08: readonly ValidationRun[] = [
  // qwen3_30b_a3b_pretrain_8gpu_{gb300,gb200}_fp8mx_config: EP 8, batch 512, micro-batch 8 / 4, no recompute.
  bridge2608Row({ gpu: 'gb300', gpus: 8, model: 'qwen3-30b-a3b', slug: 'qwen3-30b-a3b', layout: { expertParallel: 8, globalBatchSize: 512, microBatchSize: 8 }, recipe: 'EP 8, micro-batch 8, no recompute', published: 44544 }),
  bridge2608Row({ gpu: 'gb200', gpus: 8, model: 'qwen3-30b-a3b', slug: 'qwen3-30b-a3b', layout: { expertParallel: 8, globalBatchSize: 512, microBatchSize: 4 }, recipe: 'EP 8, micro-batch 4, no recompute', published: 39936 }),
  // qwen3_235b_a22b_pretrain_256gpu_{gb300,gb200}_fp8mx_config: EP 32, batch 8,192; GB300 PP 4 × VP 12, micro-batch 2;
  // GB200 PP 8 × VP 3, micro-batch 1; the recipe counts embedding and loss in the pipeline split.
  bridge2608Row({
    gpu: 'gb300',
    gpus: 256,
    model: 'qwen3-235b-a22b',
    slug: 'qwen3-235b-a22b',
    layout: { pipelineParallel: 4, pipelineInterleave: 12, pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER', expertParallel: 32, globalBatchSize: 8192, microBatchSize: 2 },
    recipe: 'PP 4 with 12 virtual stages, EP 32 inside the racks, micro-batch 2, no recompute',
    published: 8816,
  }),
  bridge2608Row({
    gpu: 'gb200',
    gpus: 256,
    model: 'qwen3-235b-a22b',
    slug: 'qwen3-235b-a22b',
    layout: { pipelineParallel: 8, pipelineInterleave: 3, pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER', expertParallel: 32, globalBatchSize: 8192, microBatchSize: 1 },
    recipe: 'PP 8 with 3 virtual stages, EP 32 inside the racks, micro-batch 1, no recompute',
    published: 7280,
  }),
  // deepseek_v3_pretrain_256gpu_{gb300,gb200}_fp8mx_config: batch 4,096, micro-batch 1, MTP 1, the "Et*4|(t*4|)*14tmL"
  // layout; GB300 PP 2 × VP 8, EP 32, no recompute; GB200 PP 4 × VP 4, EP 64, recompute of the MLA up-projections;
  // the default optimizer (fp32 moments: the precision-aware one is not enabled for these).
  bridge2608Row({
    gpu: 'gb300',
    gpus: 256,
    model: 'deepseek-v3',
    slug: 'deepseek-v3',
    layout: { pipelineParallel: 2, pipelineInterleave: 8, pipelineStageLayers: DEEPSEEK_STAGES, expertParallel: 32, globalBatchSize: 4096, microBatchSize: 1 },
    recipe: 'PP 2 with 8 virtual stages, EP 32 inside the racks, MTP 1, no recompute',
    assumed: "balanced routing with DeepSeek-V3's group limit",
    published: 6288,
  }),
  bridge2608Row({
    gpu: 'gb200',
    gpus: 256,
    model: 'deepseek-v3',
    slug: 'deepseek-v3',
    layout: { pipelineParallel: 4, pipelineInterleave: 4, pipelineStageLayers: DEEPSEEK_STAGES, expertParallel: 64, globalBatchSize: 4096, microBatchSize: 1, cheapRecompute: true },
    recipe: 'PP 4 with 4 virtual stages, EP 64 inside the racks, MTP 1, recompute of the MLA up-projections',
    assumed: "the MLA up-projection recompute asked as cheapRecompute; balanced routing with DeepSeek-V3's group limit",
    published: 4912,
  }),
  // gpt_oss_120b_pretrain_64gpu_{gb300,gb200}_fp8mx_config: batch 1,280, micro-batch 4; GB300 EP 16, GB200 EP 64; no
  // recompute (GB200's recipe sets layernorm and moe_act, then clears them after the full-iteration settings).
  ...(
    [
      ['gb300', 16, 33024],
      ['gb200', 64, 28672],
    ] as const
  ).map(([gpu, expertParallel, published]) =>
    bridge2608Row({
      gpu,
      gpus: 64,
      model: 'gpt-oss-120b',
      slug: 'gpt-oss-120b',
      layout: { expertParallel, globalBatchSize: 1280, microBatchSize: 4 },
      recipe: `EP ${expertParallel} inside the rack, micro-batch 4, no recompute`,
      assumed: GPT_OSS_ASSUMED,
      published,
    }),
  ),
];
