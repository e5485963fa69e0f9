/**
 * The validation suite's mixture-of-experts runs on Blackwell (family MOE; moe-runs.ts holds the rest and includes
 * these in place): Megatron-Bridge 26.04.01's rows on B200, B300, GB200 NVL72 and GB300 NVL72, each asked as its
 * release's performance config sets it. Predicted, never fitted: Blackwell fits neither the GEMM share nor the host time.
 */
import { BRIDGE_CROSS_ENTROPY, GPT_OSS_ASSUMED, MEGATRON_BRIDGE_26_04_B200, MEGATRON_BRIDGE_26_04_GB200_B300 } from './sources.js';
import type { ValidationRun } from './types.js';

/** What Megatron-Bridge 26.04.01's gpt-oss-120b rows share (its V2 configs: 64 GPUs, micro-batch 4). */
const GPT_OSS_26_04 = { model: 'gpt-oss-120b', gpus: 64, microBatchSize: 4 } as const;
/** What its Qwen3 30B-A3B rows share (the MX V1 configs: 8 GPUs, EP 8, MXFP8 asked as FP8 with block scaling, HybridEP, CUDA graphs on …). */
const QWEN3_30B_26_04 = {
  model: 'qwen3-30b-a3b',
  gpus: 8,
  expertParallel: 8,
  precision: { precision: 'FP8' },
  options: { fp8Scaling: 'BLOCK' },
  recipe: 'MXFP8 (Transformer Engine block scaling), HybridEP (flex dispatcher), CUDA graphs on ',
} as const;

export const BLACKWELL_MOE_RUNS: readonly ValidationRun[] = [
  // Megatron-Bridge's performance summary archive, its 26.04.01 MoE rows (scripts/performance at v0.4.0 = v0.4.1), predicted with the
  // Blackwell law (efficiency.ts) and the host time fitted on H100 runs; each asked as its V2 config (or V1 where the
  // table's batch is V1's) sets it. gpt-oss-120b (gpt_oss_workload_base_configs.py; gpt_oss_llm_pretrain.py: BF16
  // gradient reduction, forced balance): B200 — batch 1,280, EP 8, micro-batch 4, HybridEP, recompute of layernorm and
  // moe_act, no CUDA graphs; GB200 — EP 64 inside the NVL72 rack, HybridEP, the all-to-all overlapped (moe_a2a_overlap),
  // the same recompute; B300 — EP 8, HybridEP, no recompute, CUDA graphs on attention, the router and its preprocessing;
  // GB300 — EP 64 inside the rack, no flex backend (the recipe's NCCL all-to-all), no recompute, the same graphs.
  // Qwen3 30B-A3B (qwen3_workload_base_configs.py, set_qwen3_common_configs as on H100): 8 GPUs, batch 512, EP 8,
  // HybridEP, MXFP8 — B200 micro-batch 4 with CUDA graphs on attention, router and preprocessing; GB200 micro-batch 4,
  // graphs on the router and preprocessing; B300 and GB300 micro-batch 8, the same graphs. The 26.02.01 and 26.04 tables measured
  // the B200 layouts at 13,722 / 13,045 and 26,695 / 26,859 (±4 %). CUDA graphs are not modelled (the host work they
  // remove is the per-expert launches', which stay: GroupedLinear is outside their scope).
  ...([
    { gpu: 'b200', ...GPT_OSS_26_04, expertParallel: 8, precision: { cheapRecompute: true, precision: 'BF16' }, options: {}, recipe: 'BF16, HybridEP (flex dispatcher), recompute of norms and the MoE activation', tokens: 13568 },
    {
      gpu: 'gb200',
      ...GPT_OSS_26_04,
      expertParallel: 64,
      precision: { cheapRecompute: true, precision: 'BF16' },
      options: { overlapExpertParallelCommunication: true },
      recipe: 'BF16, EP 64 inside the NVL72 rack, HybridEP (flex dispatcher) overlapped with compute (moe_a2a_overlap), recompute of norms and the MoE activation',
      tokens: 16640,
    },
    { gpu: 'b300', ...GPT_OSS_26_04, expertParallel: 8, precision: { precision: 'BF16' }, options: {}, recipe: 'BF16, HybridEP (flex dispatcher), CUDA graphs on attention, the router and its preprocessing', tokens: 15232 },
    // No flex dispatcher in GB300's config: the recipe's own all-to-all (gpt_oss.py moe_token_dispatcher_type).
    { gpu: 'gb300', ...GPT_OSS_26_04, expertParallel: 64, precision: { precision: 'BF16' }, options: { expertDispatch: 'ALL_TO_ALL' }, recipe: 'BF16, EP 64 inside the NVL72 rack, the all-to-all dispatcher, CUDA graphs on attention, the router and its preprocessing', tokens: 19200 },
    { gpu: 'b200', ...QWEN3_30B_26_04, microBatchSize: 4, recipe: `${QWEN3_30B_26_04.recipe}attention, the router and its preprocessing`, tokens: 27136 },
    { gpu: 'gb200', ...QWEN3_30B_26_04, microBatchSize: 4, recipe: `${QWEN3_30B_26_04.recipe}the router and its preprocessing`, tokens: 26112 },
    { gpu: 'b300', ...QWEN3_30B_26_04, microBatchSize: 8, recipe: `${QWEN3_30B_26_04.recipe}the router and its preprocessing`, tokens: 30720 },
    { gpu: 'gb300', ...QWEN3_30B_26_04, microBatchSize: 8, recipe: `${QWEN3_30B_26_04.recipe}the router and its preprocessing`, tokens: 31744 },
  ] as const).map(
    (row): ValidationRun => ({
      id: `megatron-bridge-26.04-${row.gpu}-${row.model}`,
      source: row.gpu === 'b200' ? MEGATRON_BRIDGE_26_04_B200 : MEGATRON_BRIDGE_26_04_GB200_B300,
      family: 'MOE',
      gpu: row.gpu,
      gpus: row.gpus,
      // The GB200 and GB300 rows' GPUs are one NVL72 rack's (64 of its 72, one NVLink domain).
      ...(row.gpu === 'gb200' || row.gpu === 'gb300' ? { gpusPerNode: 64 } : {}),
      model: row.model,
      ...(row.model === 'gpt-oss-120b' ? { modelChanges: { sequenceLength: 4096 } } : {}),
      layout: {
        tensorParallel: 1,
        expertParallel: row.expertParallel,
        expertTensorParallel: 1,
        globalBatchSize: row.model === 'gpt-oss-120b' ? 1280 : 512,
        microBatchSize: row.microBatchSize,
        recompute: 'NONE',
        gradientPrecision: 'BF16',
        ...row.precision,
      },
      options: {
        expertDispatch: 'NODE_DEDUPLICATED',
        crossEntropyFusion: BRIDGE_CROSS_ENTROPY,
        ...row.options,
      },
      trainingRecipe: 'MEGATRON_CORE',
      recipe: `Megatron-Bridge (Megatron-Core) on DGX-${row.gpu.toUpperCase()}: ${row.recipe}, BF16 gradient reduction, no recompute otherwise, forced balance, Transformer Engine's fused cross entropy, sequence 4,096`,
      assumed:
        (row.model === 'gpt-oss-120b'
          ? GPT_OSS_ASSUMED
          : 'MXFP8 asked as FP8 with block scaling (fp8Scaling BLOCK: the FP8 GEMM rate, the experts\' casts in one bulk split_quantize, no per-expert host work)') +
        '; the experts launched per expert (Transformer Engine\'s GroupedLinear) with the host time fitted on H100 rows; CUDA graphs not modelled',
      published: row.tokens,
      kind: 'TOKENS_PER_SECOND_PER_GPU',
    }),
  ),

  // The same release's Qwen3 235B-A22B rows on 256 GB200 / GB300 / B300, MXFP8 (asked as FP8), as QWEN3_235B_A22B
  // _PRETRAIN_CONFIG_{GB200,GB300,B300}_FP8_MX_V2 set them (qwen3_workload_base_configs.py at v0.4.1): expert TP 1, batch
  // 8,192, no all-to-all overlap (the WorkloadBaseConfig default); GB200 — PP 8, VP 3, EP 32, micro-batch 1, HybridEP;
  // GB300 — PP 4, VP 12, EP 32, micro-batch 2, HybridEP; B300 — PP 8, EP 8, micro-batch 2, the recipe's NCCL all-to-all;
  // CUDA graphs (not modelled) on the NVL72 systems. qwen3_llm_pretrain.py: no recompute, BF16 gradient reduction, forced
  // balance; qwen3_moe.py: embedding and loss counted in the pipeline split (first and last virtual stage one fewer).
  ...([
    ['gb200', 8, 3, 32, 1, 'NODE_DEDUPLICATED', 'PP 8 with 3 virtual stages, EP 32 inside the NVL72 racks, HybridEP, CUDA graphs on attention, the router and its preprocessing', 5680],
    ['gb300', 4, 12, 32, 2, 'NODE_DEDUPLICATED', 'PP 4 with 12 virtual stages, EP 32 inside the NVL72 racks, HybridEP, CUDA graphs on attention, the router and its preprocessing', 6944],
    ['b300', 8, 1, 8, 2, 'ALL_TO_ALL', 'PP 8, EP 8, the NCCL all-to-all dispatcher, not overlapped', 5936],
  ] as const).map(
    ([gpu, pipelineParallel, pipelineInterleave, expertParallel, microBatchSize, expertDispatch, recipe, tokens]): ValidationRun => ({
      id: `megatron-bridge-26.04-${gpu}-qwen3-235b-a22b`,
      source: MEGATRON_BRIDGE_26_04_GB200_B300,
      family: 'MOE',
      gpu,
      gpus: 256,
      ...(gpu === 'b300' ? {} : { gpusPerNode: 64 }),
      model: 'qwen3-235b-a22b',
      layout: {
        tensorParallel: 1,
        pipelineParallel,
        pipelineInterleave,
        pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER',
        expertParallel,
        expertTensorParallel: 1,
        globalBatchSize: 8192,
        microBatchSize,
        precision: 'FP8',
        recompute: 'NONE',
        gradientPrecision: 'BF16',
      },
      options: { expertDispatch, overlapExpertParallelCommunication: false, fp8Scaling: 'BLOCK', crossEntropyFusion: BRIDGE_CROSS_ENTROPY },
      trainingRecipe: 'MEGATRON_CORE',
      recipe: `Megatron-Bridge (Megatron-Core) on DGX-${gpu.toUpperCase()}: MXFP8 (Transformer Engine block scaling), ${recipe}, BF16 gradient reduction, no recompute, forced balance, Transformer Engine's fused cross entropy, sequence 4,096`,
      assumed:
        'MXFP8 asked as FP8 with block scaling (fp8Scaling BLOCK); the experts launched per expert (Transformer Engine\'s GroupedLinear) with the host time fitted on H100 rows; CUDA graphs not modelled' +
        (gpu === 'b300' ? '' : '; 64 GPUs of each NVL72 rack in one NVLink domain (the table gives 256 GPUs, not their placement)'),
      published: tokens,
      kind: 'TOKENS_PER_SECOND_PER_GPU',
    }),
  ),
  // The same release's DeepSeek-V3 on 256 GB200 / GB300, MXFP8 (asked as FP8), as DEEPSEEK_V3_PRETRAIN_CONFIG_{GB200,
  // GB300}_FP8_MX_V2 set them (deepseek_workload_base_configs.py at v0.4.1): batch 4,096, expert TP 1, HybridEP, no
  // all-to-all overlap; the 16 virtual stages laid out as "Et*4|(t*4|)*14tmL" — four layers a stage, the last one layer
  // with the MTP module and the loss (GB300's pp_layout; recipes/deepseek/deepseek_v3.py's map for PP 4 × VP 4 on GB200);
  // GB200 — PP 4, VP 4, EP 64, micro-batch 1, recompute of the dense layers' MLPs; GB300 — PP 2, VP 8, EP 32,
  // micro-batch 2, recompute of the MLA up-projections. deepseek_llm_pretrain.py: BF16 gradient reduction overlapped,
  // forced balance; the recipe's precision-aware optimizer: BF16 gradients and moments. The table's B300 row (PP 8,
  // micro-batch 2) disagrees with its config (PP 16, micro-batch 1): not used.
  ...([
    ['gb200', 4, 4, 64, 1, false, 'PP 4 with 4 virtual stages, EP 64 inside the NVL72 racks', 'recompute of the three dense layers\' MLPs (≈ 3 of 61 layers\' MLP FLOPs once more) not charged', 4256],
    ['gb300', 2, 8, 32, 2, true, 'PP 2 with 8 virtual stages, EP 32 inside the NVL72 racks, micro-batch 2', 'recompute of the MLA up-projections asked as cheapRecompute (as the 25.09 H100 row)', 4992],
  ] as const).map(
    ([gpu, pipelineParallel, pipelineInterleave, expertParallel, microBatchSize, cheapRecompute, layout, recompute, tokens]): ValidationRun => ({
      id: `megatron-bridge-26.04-${gpu}-deepseek-v3`,
      source: MEGATRON_BRIDGE_26_04_GB200_B300,
      family: 'MOE',
      gpu,
      gpus: 256,
      gpusPerNode: 64,
      model: 'deepseek-v3',
      layout: {
        tensorParallel: 1,
        pipelineParallel,
        pipelineInterleave,
        pipelineStageLayers: [4, ...Array.from({ length: 14 }, () => 4), 1],
        expertParallel,
        expertTensorParallel: 1,
        globalBatchSize: 4096,
        microBatchSize,
        precision: 'FP8',
        recompute: 'NONE',
        cheapRecompute,
        gradientPrecision: 'BF16',
        optimizerMomentPrecision: 'BF16',
      },
      options: { expertDispatch: 'NODE_DEDUPLICATED', overlapExpertParallelCommunication: false, fp8Scaling: 'BLOCK', crossEntropyFusion: BRIDGE_CROSS_ENTROPY },
      trainingRecipe: 'MEGATRON_CORE',
      recipe: `Megatron-Bridge (Megatron-Core) on DGX-${gpu.toUpperCase()}: MXFP8 (Transformer Engine block scaling), ${layout}, HybridEP not overlapped, MTP 1, BF16 gradients and moments, forced balance, Transformer Engine's fused cross entropy, sequence 4,096`,
      assumed: `MXFP8 asked as FP8 with block scaling (fp8Scaling BLOCK); ${recompute}; the experts launched per expert (Transformer Engine's GroupedLinear) with the host time fitted on H100 rows; CUDA graphs not modelled; 64 GPUs of each NVL72 rack in one NVLink domain; balanced routing with DeepSeek-V3's group limit`,
      published: tokens,
      kind: 'TOKENS_PER_SECOND_PER_GPU',
    }),
  ),
];
