/**
 * Megatron-Bridge 26.04.01's dense rows on GB200 NVL72 and GB300 NVL72 (family B200_MODERN_RECIPES; runs.ts includes
 * them in place): Llama 3.1 405B in FP8 current scaling, Llama 3 70B and Llama 3.1 405B in MXFP8, each asked as Bridge
 * v0.4.1's performance config sets it. Predicted, never fitted.
 */
import { BRIDGE_CROSS_ENTROPY, MEGATRON_BRIDGE_26_04_GB200_B300 } from './sources.js';
import type { ValidationRun } from './types.js';

type Gpu = 'gb200' | 'gb300';

/**
 * What every row shares: 64 GPUs of each NVL72 rack in one NVLink domain (the table gives the GPU count, not the
 * placement), micro-batch 1, no recompute, BF16 gradient reduction, Megatron-Core's recipe, TE's fused cross entropy.
 */
function nvl72DenseRow(
  row: Pick<ValidationRun, 'id' | 'gpus' | 'model' | 'published' | 'recipe' | 'assumed'> & {
    gpu: Gpu;
    layout: Omit<ValidationRun['layout'], 'microBatchSize' | 'precision' | 'recompute' | 'gradientPrecision'>;
    options?: ValidationRun['options'];
  },
): ValidationRun {
  return {
    id: row.id,
    source: MEGATRON_BRIDGE_26_04_GB200_B300,
    family: 'B200_MODERN_RECIPES',
    gpu: row.gpu,
    gpus: row.gpus,
    gpusPerNode: 64,
    model: row.model,
    layout: { ...row.layout, microBatchSize: 1, precision: 'FP8', recompute: 'NONE', gradientPrecision: 'BF16' },
    options: { crossEntropyFusion: BRIDGE_CROSS_ENTROPY, ...row.options },
    trainingRecipe: 'MEGATRON_CORE',
    recipe: row.recipe,
    assumed: row.assumed,
    published: row.published,
    kind: 'TOKENS_PER_SECOND_PER_GPU',
  };
}

export const BLACKWELL_DENSE_RUNS_26_04: readonly ValidationRun[] = [
  // Megatron-Bridge 26.04.01's Llama 3.1 405B on 256 GB200 and 256 GB300 (NVL72 racks), asked as LLAMA31_405B_PRETRAIN
  // _CONFIG_{GB200,GB300}_FP8_CS_V2 set them (scripts/performance/configs/llama at v0.4.1: TP 4, PP 16 / 8, VP 4, CP 1,
  // batch 1,536, no Megatron FSDP, no activation offload; llama31_llm_pretrain.py as on B200: BF16 gradient reduction,
  // userbuffers TP overlap). Predicted on the catalog's GB200 / GB300 (their own microbenchmark ceiling), never fitted.
  ...([
    ['gb200', 16, 864],
    ['gb300', 8, 1024],
  ] as const).map(([gpu, pipelineParallel, tokens]) =>
    nvl72DenseRow({
      id: `megatron-bridge-26.04-${gpu}-llama3.1-405b`,
      gpu,
      gpus: 256,
      model: 'llama3-405b',
      layout: { tensorParallel: 4, pipelineParallel, pipelineInterleave: 4, pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER', globalBatchSize: 1536 },
      recipe: `Megatron-Bridge (Megatron-Core) on DGX-${gpu.toUpperCase()}: FP8 current scaling (Transformer Engine), distributed optimizer, SP and userbuffers TP overlap, BF16 gradient reduction, Transformer Engine's fused cross entropy, sequence 8,192`,
      assumed:
        'no recompute (the config sets none); 64 GPUs of each NVL72 rack in one NVLink domain (four racks; the table gives 256 GPUs, not their placement); Llama 3.1 405B as the Llama 3 405B preset',
      published: tokens,
    }),
  ),
  // The same table's MXFP8 rows of both models on GB200 and GB300 (session 20), asked as their V2 configs set them
  // (v0.4.1 llama3_workload_base_configs.py LLAMA3_70B_PRETRAIN_CONFIG_{GB300,GB200}_FP8_MX_V2: batch 256, PP 4, VP 5,
  // TP 1 / 2, micro-batch 1; llama31_workload_base_configs.py LLAMA31_405B_PRETRAIN_CONFIG_GB300_FP8_MX_V2: TP 2, PP 8,
  // CP 2, VP 4, and …_GB200_FP8_MX_V2: TP 4, PP 16, CP 1, VP 8, batch 1,536, micro-batch 1; no Megatron FSDP, no offload,
  // no recompute; the llm_pretrain.py functions as for FP8: BF16 gradient reduction, userbuffers TP overlap where TP > 1).
  // The table agrees with each. MXFP8 asked as FP8 with block scaling, as the MoE MXFP8 rows are. Predicted, never fitted.
  ...([
    ['gb300', 'llama3-70b', 'llama3-70b', 64, 256, { tensorParallel: 1, pipelineParallel: 4, pipelineInterleave: 5 }, 4864],
    ['gb200', 'llama3-70b', 'llama3-70b', 64, 256, { tensorParallel: 2, pipelineParallel: 4, pipelineInterleave: 5 }, 3712],
    ['gb300', 'llama3.1-405b', 'llama3-405b', 256, 1536, { tensorParallel: 2, pipelineParallel: 8, pipelineInterleave: 4, contextParallel: 2, pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER' }, 960],
    ['gb200', 'llama3.1-405b', 'llama3-405b', 256, 1536, { tensorParallel: 4, pipelineParallel: 16, pipelineInterleave: 8, pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER' }, 800],
  ] as const).map(([gpu, name, model, gpus, B, parallel, tokens]) =>
    nvl72DenseRow({
      id: `megatron-bridge-26.04-${gpu}-${name}-mxfp8`,
      gpu,
      gpus,
      model,
      layout: { ...parallel, globalBatchSize: B },
      options: { fp8Scaling: 'BLOCK' },
      recipe: `Megatron-Bridge (Megatron-Core) on DGX-${gpu.toUpperCase()}: MXFP8 (Transformer Engine block scaling), distributed optimizer, SP and userbuffers TP overlap where TP > 1, BF16 gradient reduction, no recompute, Transformer Engine's fused cross entropy, sequence 8,192`,
      assumed: `MXFP8 asked as FP8 with block scaling (fp8Scaling BLOCK); 64 GPUs of each NVL72 rack in one NVLink domain (the table gives ${gpus} GPUs, not their placement)${model === 'llama3-405b' ? '; Llama 3.1 405B as the Llama 3 405B preset' : ''}`,
      published: tokens,
    }),
  ),
];
