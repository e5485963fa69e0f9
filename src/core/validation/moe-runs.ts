/**
 * The validation suite's mixture-of-experts runs (family MOE; runs.ts holds the others and the types). DeepSeek's own
 * stack (its report and its published profile), NeMo AutoModel, and Megatron-Core's (Megatron-Bridge's table and its
 * overlap card, the MoE model zoo), each asked as its configs set it. MoE rows never move the GEMM constants; the four
 * Megatron-Core rows in BF16 without expert-parallel overlap fit the host seconds per per-expert operation
 * (suite.ts calibrateExpertHostSeconds), and the rest are predicted.
 */
import { BLACKWELL_MOE_RUNS } from './blackwell-moe-runs.js';
import { BLACKWELL_MOE_RUNS_26_02 } from './blackwell-moe-runs-26-02.js';
import { BLACKWELL_MOE_RUNS_26_08 } from './blackwell-moe-runs-26-08.js';
import { BRIDGE_CROSS_ENTROPY, GPT_OSS_UNFUSED_ROPE, MEGATRON_BRIDGE_26_04 } from './sources.js';
import type { ValidationRun } from './types.js';

/** Megatron-Bridge's MoE communication-overlap card: a controlled A/B on one layout, with its nsys profile. */
const MEGATRON_BRIDGE_MOE_OVERLAP_CARD =
  'NVIDIA Megatron-Bridge, skills/nemo-mbridge-perf-moe-comm-overlap/card.yaml (measured_result, validated 2026-07-27): Qwen3 30B-A3B on 16 H100, BF16, TP 1, EP 16, batch 1,024 × 4,096';

/** NVIDIA's Megatron-Core MoE model zoo (github.com/yanring/Megatron-MoE-ModelZoo), its Qwen3 best-practice table. */
const MEGATRON_MOE_MODEL_ZOO =
  'Megatron-MoE-ModelZoo (github.com/yanring/Megatron-MoE-ModelZoo): best_practice/qwen3/readme.md, H100 table (256 H100, BF16, sequence 4,096, batch 2,048)';

/** Megatron-Bridge's archive, its 26.02 section (the Qwen3 30B H100 layout before HybridEP replaced it). */
const MEGATRON_BRIDGE_26_02 =
  'NVIDIA Megatron-Bridge performance summary archive, 26.02 NeMo container, DGX-H100 FP8 pre-training (docs.nvidia.com/nemo/megatron-bridge/latest/performance-summary-archive.html)';

const MEGATRON_BRIDGE_25_11 =
  'NVIDIA Megatron-Bridge performance summary archive, 25.11 NeMo container (Megatron-Bridge 0.2.0), DGX-H100 pre-training (docs.nvidia.com/nemo/megatron-bridge/latest/performance-summary-archive.html)';
const MEGATRON_BRIDGE_25_09 =
  'NVIDIA Megatron-Bridge performance summary archive, 25.09 NeMo container (Megatron-Bridge 0.1.0rc3), DGX-H100 pre-training (docs.nvidia.com/nemo/megatron-bridge/latest/performance-summary-archive.html)';

/** The same zoo's Mixtral 8x22B script, its runtime table and model config. */
const MEGATRON_MOE_MODEL_ZOO_MIXTRAL =
  'Megatron-MoE-ModelZoo (github.com/yanring/Megatron-MoE-ModelZoo): best_practice/mixtral/run_mixtral_8x22B.sh ("around 465 TFLOPS for H100" with forced balance, 445 dropless), runtime_configs/benchmarking/runtime.conf and model_configs/benchmarking/Mixtral-8x22B.yaml';

/**
 * NeMo AutoModel's benchmark configs at its table's commit: FSDP2 (ZeRO-3) over BF16 weights with activation
 * checkpointing, micro-batch 1, and torch.optim.Adam over those BF16 parameters (BF16 moments, no fp32 master: K = 4).
 */
/**
 * How NeMo AutoModel's MoE models run their element-wise operators (read at 89e3a9fd and 8d9bfb90e; the benchmark
 * configs enable no torch.compile): RoPE eager — moe/rope_utils.py apply_rotary_emb through an fp32 complex multiply
 * (DeepSeek-V3, Kimi K2), gpt_oss/layers.py _apply_rotary_emb's rotate-half in BF16 (Qwen3; 14 bytes extra per element
 * each way by the same count, asked as the complex form's 16) —, the dense MLP and the shared experts eager
 * (moe/layers.py MLP: F.silu(gate_proj(x)) * up_proj(x)), the DeepEP routed experts fused (weighted_bias_swiglu_impl).
 */
const AUTOMODEL_KERNELS = { elementwiseKernels: 'EAGER_FUSED_EXPERTS' } as const;


const AUTOMODEL_STATES = {
  microBatchSize: 1,
  zeroStage: 3,
  precision: 'BF16',
  recompute: 'FULL',
  masterWeights: false,
  optimizerMomentPrecision: 'BF16',
} as const;


export const MOE_VALIDATION_RUNS: readonly ValidationRun[] = [
  {
    id: 'deepseek-v3-h800',
    source: 'DeepSeek-AI 2024, DeepSeek-V3 Technical Report, §1 and §3.2: 180K H800 GPU-hours per trillion tokens on 2,048 H800',
    family: 'MOE',
    gpu: 'h800',
    gpus: 2048,
    model: 'deepseek-v3',
    layout: {
      pipelineParallel: 16,
      expertParallel: 64,
      globalBatchSize: 15360,
      microBatchSize: 1,
      recompute: 'SELECTIVE',
      pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER',
    },
    trainingRecipe: 'DEEPSEEK_V3',
    recipe:
      'DeepSeek HAI-LLM: FP8 GEMMs, DualPipe (its bubble; all-to-all overlapped on 20 of 132 SMs), node-deduplicated dispatch to at most 4 nodes, PP 16, EP 64, ZeRO-1, recompute of norms/up-projections/SwiGLU output, one MTP module with the head',
    assumed:
      'batch 15,360 × 4,096 (the final batch size); layer split [3, 4 × 14, 2] (FIRST_LAST_ONE_FEWER): the report gives none, and the EVEN split puts 7 layers, the embedding, the head and the MTP module on rank 0 — 84.7 GB, over 80 GB (test/core/published-memory.test.ts); with EVEN the row reads −10 % (docs/validation.md)',
    published: 180_000,
    kind: 'GPU_HOURS_PER_TRILLION_TOKENS',
  },
  // The blocks' FSDP2 MixedPrecisionPolicy reduces in FP32 (moe/parallelizer.py apply_fsdp: reduce_dtype=float32 when
  // no policy is passed, as parallelize_model does); the experts' own fully_shard (only with experts sharded over more
  // ranks than EP, the 1,024-GPU row) passes none and reduces in BF16: the blocks at FP32 (gradientReducePrecision),
  // the experts at BF16 where they are reduced (options.expertGradientReducePrecision; on 256 GPUs EP 64 = the 64
  // data-parallel ranks, the experts are not replicated and only the blocks reduce). Until session 12 the 1,024-GPU row
  // had one precision for both, BF16, and read +10.8 % (the blocks charged half their reduce).
  ...([
    [256, 512, 64, 1, 1002],
    [1024, 8192, 256, 4, 865],
  ] as const).map(
    ([gpus, B, fsdpGroup, ga, tokens]): ValidationRun => ({
      id: `automodel-deepseek-v3-${gpus}`,
      source: 'NVIDIA NeMo AutoModel performance summary, DGX-H100 BF16 pre-training (2026)',
      family: 'MOE',
      gpu: 'h100-sxm',
      gpus,
      model: 'deepseek-v3',
      // Asked as before the MTP module was modelled: the page and its configs do not say whether it is trained. The
      // benchmark's FakeBalancedGate (nemo_automodel: token i → experts i·k … i·k + k − 1) as 32 groups of 8
      // consecutive experts, one group per token.
      modelChanges: { multiTokenPredictionDepth: 0, expertGroups: 32, expertGroupsPerToken: 1 },
      // Pure BF16 optimizer states: the model is built in BF16 (DeepseekV3ForCausalLM.from_config, dtype from the HF
      // config's torch_dtype, bfloat16; initialize_weights casts to BF16) and trained by torch.optim.Adam, whose moments
      // take the parameters' dtype and which keeps no fp32 master copy: K = 4.
      layout: {
        pipelineParallel: 4,
        pipelineInterleave: 8,
        expertParallel: 64,
        globalBatchSize: B,
        ...AUTOMODEL_STATES,
        gradientReducePrecision: 'FP32',
      },
      // GROUPED_KERNEL, as the code the table was measured on runs them: enable_deepep selects GroupedExpertsDeepEP,
      // grouped_gemm's ops.gmm, one call for all local experts (NVIDIA-NeMo/Automodel 89e3a9fd,
      // nemo_automodel/components/moe/layers.py). FSDP2 reduces and reshards after every micro-batch (its pipeline
      // stages are not FSDP modules at that commit), as ZeRO-3 here, keeping the parameters from forward to backward:
      // its configs set reshard_after_forward: false (and the parallelizer passes `not pp_enabled`).
      options: {
        expertDispatch: 'NODE_DEDUPLICATED',
        expertGemmLaunch: 'GROUPED_KERNEL',
        reshardAfterForward: false,
        pipelineFlushesPerStep: ga,
        expertGradientReducePrecision: 'BF16',
        ...AUTOMODEL_KERNELS,
      },
      recipe: `NeMo AutoModel (PyTorch): BF16, FSDP over ${fsdpGroup}, EP 64 (DeepEP), PP 4, activation checkpointing, GA ${ga}, Transformer Engine`,
      assumed:
        'as the page and its configs document (examples/benchmark/configs/deepseek_v3_te_deepep*.yaml): DeepEP (node-deduplicated dispatch), the fake balanced gate, activation checkpointing (full recompute), GA as separate pipeline schedules; 61 layers split evenly over the 32 virtual stages (2 on the first 29). Asked without those (plain exposed all-to-all, no recompute, one schedule) the model read −17.6 % / −5.9 % and did not fit (docs/validation.md)',
      published: tokens,
      kind: 'TOKENS_PER_SECOND_PER_GPU',
    }),
  ),
  // The same page's Kimi K2 row (256 H100, 924 tokens/s/GPU), checked in session 6 and left out then; every checked run
  // belongs here. Its config (examples/benchmark/configs/kimi_k2_te_deepep.yaml at 89e3a9fd): PP 8 with 2 layers per
  // virtual stage (v 4), EP 32, FSDP over the other 32, GA 2 of 8 micro-batches, activation checkpointing, DeepEP, the
  // fake balanced gate, the model from moonshotai/Kimi-K2-Base's config.
  {
    id: 'automodel-kimi-k2-256',
    source: 'NVIDIA NeMo AutoModel performance summary, DGX-H100 BF16 pre-training (2026)',
    family: 'MOE',
    gpu: 'h100-sxm',
    gpus: 256,
    model: 'deepseek-v3',
    // Kimi K2 is DeepSeek-V3's design (Moonshot AI's Kimi-K2 README, "Model Summary": 61 layers of which 1 dense, hidden
    // 7,168, 64 heads, MLA, 384 experts of 2,048, 8 selected, 1 shared, vocabulary 160K = 163,840); no MTP module, and
    // the fake gate as 48 groups of 8 consecutive experts.
    modelChanges: { attentionHeads: 64, kvHeads: 64, experts: 384, denseLayers: 1, vocabSize: 163_840, multiTokenPredictionDepth: 0, expertGroups: 48, expertGroupsPerToken: 1 },
    // Pure BF16 optimizer states and the blocks' FP32 reduce, as the 256-GPU DeepSeek-V3 row (EP 32 = FSDP 32: the
    // experts are not replicated, so only the blocks reduce).
    layout: { pipelineParallel: 8, pipelineInterleave: 4, expertParallel: 32, globalBatchSize: 512, ...AUTOMODEL_STATES, gradientReducePrecision: 'FP32' },
    options: { expertDispatch: 'NODE_DEDUPLICATED', expertGemmLaunch: 'GROUPED_KERNEL', reshardAfterForward: false, pipelineFlushesPerStep: 2, ...AUTOMODEL_KERNELS },
    recipe: 'NeMo AutoModel (PyTorch): BF16, FSDP over 32, EP 32 (DeepEP), PP 8, activation checkpointing, GA 2, Transformer Engine',
    assumed:
      'as the DeepSeek-V3 rows of the page (DeepEP, fake balanced gate, full recompute, GA as separate schedules, GROUPED_KERNEL experts, parameters kept from forward to backward); Kimi K2\'s MLA ranks and dense FFN as DeepSeek-V3\'s (q 1,536, kv 512, rope 64, dense 18,432: its config.json as Megatron launch scripts for Kimi K2 quote it, the file itself not read); 61 layers split evenly over the 32 virtual stages',
    published: 924,
    kind: 'TOKENS_PER_SECOND_PER_GPU',
  },
  // The same page's Qwen3 MoE 30B row (8 H100, GBS 512, MBS 4, GA 16, EP 8, FSDP 8, TE + DeepEP), checked in session
  // 10: re-measured two days after the table's first version (Automodel 8d9bfb90e, 2025-10-08: 22.14 → 21.773 s per step,
  // 11,842 → 12,040 tokens/s/GPU, the figure the page still shows), with its config at that commit
  // (examples/benchmark/configs/qwen3_moe_30b_te_deepep.yaml: GBS 512 as the table): activation checkpointing, DeepEP,
  // the fake balanced gate, TE attention/linear/norm, torch.optim.Adam; no PP, so FSDP2 reshards after forward (the
  // parallelizer's `not pp_enabled`). The config also sets `enable_fsdp_optimization`, a key BackendConfig does not
  // have (its field is enable_fsdp_optimizations: no resharding or gradient sync until the last micro-batch); whether
  // it took effect cannot be told, and its DP collectives are nearly all hidden either way (0.09 s exposed).
  {
    id: 'automodel-qwen3-30b-a3b-8',
    source: 'NVIDIA NeMo AutoModel performance summary, DGX-H100 BF16 pre-training (2026)',
    family: 'MOE',
    gpu: 'h100-sxm',
    gpus: 8,
    model: 'qwen3-30b-a3b',
    // The fake gate as 16 groups of 8 consecutive experts, one group per token (each token's experts on one GPU).
    modelChanges: { expertGroups: 16, expertGroupsPerToken: 1 },
    // EP 8 = FSDP 8: the experts are not replicated, only the blocks reduce (FP32, as the DeepSeek-V3 rows).
    layout: { expertParallel: 8, globalBatchSize: 512, ...AUTOMODEL_STATES, microBatchSize: 4, gradientReducePrecision: 'FP32' },
    options: { expertDispatch: 'NODE_DEDUPLICATED', expertGemmLaunch: 'GROUPED_KERNEL', ...AUTOMODEL_KERNELS },
    recipe: 'NeMo AutoModel (PyTorch): BF16, FSDP over 8, EP 8 (DeepEP), micro-batch 4, GA 16, activation checkpointing, Transformer Engine',
    assumed:
      'as the page and its config document (DeepEP, fake balanced gate, full recompute, GROUPED_KERNEL experts, BF16 optimizer states); its training loop syncs gradients on the last micro-batch only (set_requires_gradient_sync), asked as ZeRO-3 reducing every micro-batch (its reduce-scatters are overlapped: 0.09 s exposed of a 22 s step)',
    published: 12_040,
    kind: 'TOKENS_PER_SECOND_PER_GPU',
  },

  // Megatron-Bridge's MoE rows of the same 26.04.01 H100 table, asked as its performance configs set them
  // (scripts/performance/configs/qwen/qwen3_workload_base_configs.py, QWEN3_*_PRETRAIN_CONFIG_H100_FP8_CS_V*;
  // qwen3_llm_pretrain.py, qwen3_*_pretrain_config_h100 at tag 26.04-alpha.rc2): expert TP 1; Qwen3 30B on the flex
  // dispatcher with the HybridEP backend (node-deduplicated), Qwen3 235B on moe_token_dispatcher_type "alltoall" (a
  // plain NCCL all-to-all: one copy per routed expert), H100 without TP overlap; the all-to-all overlapped only where
  // moe_a2a_overlap is set; the table's footnote: routing force-balanced, token-dropless.
  ...([
    ['qwen3-30b-a3b', 16, 1024, { tensorParallel: 1, expertParallel: 16 }, 'NODE_DEDUPLICATED', false, 'HybridEP, all-to-all not overlapped (moe_a2a_overlap False)', 8960],
    [
      'qwen3-235b-a22b',
      256,
      8192,
      // qwen3_moe.py qwen3_235b_a22b_pretrain_config: account_for_embedding/loss_in_pipeline_split — 94 layers + 2 over
      // 32 virtual stages: 2 on the first and the last, 3 on the others.
      { tensorParallel: 2, pipelineParallel: 8, pipelineInterleave: 4, pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER', expertParallel: 32, expertTensorParallel: 1, sequenceParallel: true },
      'ALL_TO_ALL',
      true,
      'NCCL all-to-all dispatcher, overlapped (moe_a2a_overlap True), EP 32 folded over TP 2 × DP 16 (expert TP 1)',
      1712,
    ],
  ] as const).map(
    ([model, gpus, B, parallel, expertDispatch, a2aOverlap, dispatch, tokens]): ValidationRun => ({
      id: `megatron-bridge-26.04-${model}`,
      source: MEGATRON_BRIDGE_26_04,
      family: 'MOE',
      gpu: 'h100-sxm',
      gpus,
      model,
      // qwen3_llm_pretrain.py set_qwen3_common_configs: no recompute, grad_reduce_in_fp32 = False (BF16 gradients).
      layout: { ...parallel, globalBatchSize: B, microBatchSize: 1, precision: 'FP8', recompute: 'NONE', gradientPrecision: 'BF16' },
      options: {
        expertDispatch,
        overlapExpertParallelCommunication: a2aOverlap,
        overlapTensorParallelCommunication: false,
        crossEntropyFusion: BRIDGE_CROSS_ENTROPY,
      },
      trainingRecipe: 'MEGATRON_CORE',
      recipe: `Megatron-Bridge (Megatron-Core): FP8 current scaling, ${dispatch}, distributed optimizer, BF16 gradient reduction, no recompute, Transformer Engine's fused cross entropy, sequence 4,096`,
      assumed: 'balanced routing as the footnote says; the experts launched per expert (MEGATRON_CORE\'s expertGemmLaunch PER_EXPERT: Transformer Engine\'s GroupedLinear), with the host time per operation fitted on the BF16 rows below',
      published: tokens,
      kind: 'TOKENS_PER_SECOND_PER_GPU',
    }),
  ),

  // The same table's gpt-oss-120b row (64 H100, BF16, batch 1,280 of 4,096, TP 1, PP 4, EP 8), as its configs set it
  // (scripts/performance/configs/gpt_oss/gpt_oss_workload_base_configs.py GPT_OSS_120B_PRETRAIN_CONFIG_H100_BF16_V2:
  // EP 8 with expert TP 1, recompute of layernorm and moe_act; gpt_oss_llm_pretrain.py: BF16 gradient reduction, forced
  // balance; src/megatron/bridge/recipes/gpt_oss/gpt_oss.py: NCCL all-to-all dispatcher, no recompute otherwise, no CUDA
  // graphs). Checked after the per-expert host time was fitted (16 local experts: +9.8 % with it, +54.2 % without); by
  // the fit's rule (BF16, per-expert, no EP overlap) it joins the fitted runs, and the fit stayed 51.5 µs (50.5 µs since
  // session 10's refit of the Hopper share).
  {
    id: 'megatron-bridge-26.04-gpt-oss-120b',
    source: MEGATRON_BRIDGE_26_04,
    family: 'MOE',
    gpu: 'h100-sxm',
    gpus: 64,
    model: 'gpt-oss-120b',
    modelChanges: { sequenceLength: 4096 },
    layout: {
      tensorParallel: 1,
      pipelineParallel: 4,
      expertParallel: 8,
      expertTensorParallel: 1,
      globalBatchSize: 1280,
      microBatchSize: 1,
      precision: 'BF16',
      recompute: 'NONE',
      // recompute_modules ["layernorm", "moe_act"]: the norms and the SwiGLU output recomputed in the backward.
      cheapRecompute: true,
      gradientPrecision: 'BF16',
    },
    options: { expertDispatch: 'ALL_TO_ALL', crossEntropyFusion: BRIDGE_CROSS_ENTROPY },
    trainingRecipe: 'MEGATRON_CORE',
    recipe: 'Megatron-Bridge (Megatron-Core): BF16, NCCL all-to-all dispatcher, recompute of norms and the MoE activation, BF16 gradient reduction, forced balance, Transformer Engine\'s fused cross entropy, sequence 4,096',
    assumed: `the released model's vocabulary (201,088) for the embedding and head (the recipe's mock-data tokenizer is a NullTokenizer); its banded attention as a 128-token window on half the layers; attention sinks not modelled; ${GPT_OSS_UNFUSED_ROPE}`,
    published: 5824,
    kind: 'TOKENS_PER_SECOND_PER_GPU',
  },

  // Qwen3 30B-A3B on the same 16 H100 two releases earlier, on the layout its config then set (the parent of
  // Megatron-Bridge commit 4a645075 "Update Qwen3 30B H100 Base Configs with HybridEP", 2026-02-23:
  // QWEN3_30B_A3B_PRETRAIN_CONFIG_H100_FP8_CS_V1 = PP 2, VP 12, EP 8 with expert TP 1, moe_a2a_overlap True;
  // qwen3_30b_a3b_pretrain_config_h100: moe_token_dispatcher_type "alltoall"; set_qwen3_common_configs as in 26.04).
  // Checked after the host-time fit: +26.9 % (+16.3 % with the all-to-all exposed) — the overlap law again.
  {
    id: 'megatron-bridge-26.02-qwen3-30b-a3b-pp2-ep8',
    source: MEGATRON_BRIDGE_26_02,
    family: 'MOE',
    gpu: 'h100-sxm',
    gpus: 16,
    model: 'qwen3-30b-a3b',
    layout: {
      tensorParallel: 1,
      pipelineParallel: 2,
      pipelineInterleave: 12,
      expertParallel: 8,
      expertTensorParallel: 1,
      globalBatchSize: 1024,
      microBatchSize: 1,
      precision: 'FP8',
      recompute: 'NONE',
      gradientPrecision: 'BF16',
    },
    options: { expertDispatch: 'ALL_TO_ALL', overlapExpertParallelCommunication: true, overlapTensorParallelCommunication: false, crossEntropyFusion: BRIDGE_CROSS_ENTROPY },
    trainingRecipe: 'MEGATRON_CORE',
    recipe: 'Megatron-Bridge (Megatron-Core) 26.02: FP8 current scaling, NCCL all-to-all dispatcher, overlapped (moe_a2a_overlap True), PP 2 with 12 virtual stages, BF16 gradient reduction, no recompute, Transformer Engine\'s fused cross entropy, sequence 4,096',
    assumed: 'balanced routing as the footnote says; the configs at the commit before HybridEP replaced this layout (the 26.02 table lists it)',
    published: 5113,
    kind: 'TOKENS_PER_SECOND_PER_GPU',
  },

  // Held back until session 9, checked then with the code each release names (docs/releases/software-versions.md):
  // Qwen3 235B-A22B in 25.11 (Bridge v0.2.0: workload_base_configs.py QWEN3_235B_A22B H100 FP8-CS — TP 2 with SP, PP 8,
  // VP 4, EP 32, expert TP 1, batch 2,048; qwen3_llm_pretrain.py: force-balanced, no recompute, BF16 gradient reduction,
  // no TP overlap; moe_a2a_overlap True with delay_wgrad_compute; no flex backend given, so the NCCL all-to-all;
  // recipes/qwen/qwen3_moe.py: embedding and loss counted in the pipeline split). The 25.11 table's other H100 MoE rows
  // disagree with their configs (copied layout columns) and are not used.
  {
    id: 'megatron-bridge-25.11-qwen3-235b-a22b',
    source: MEGATRON_BRIDGE_25_11,
    family: 'MOE',
    gpu: 'h100-sxm',
    gpus: 256,
    model: 'qwen3-235b-a22b',
    layout: {
      tensorParallel: 2, pipelineParallel: 8, pipelineInterleave: 4, pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER', expertParallel: 32, expertTensorParallel: 1,
      sequenceParallel: true, globalBatchSize: 2048, microBatchSize: 1, precision: 'FP8', recompute: 'NONE', gradientPrecision: 'BF16',
    },
    options: { expertDispatch: 'ALL_TO_ALL', overlapExpertParallelCommunication: true, overlapTensorParallelCommunication: false, crossEntropyFusion: BRIDGE_CROSS_ENTROPY },
    trainingRecipe: 'MEGATRON_CORE',
    recipe: 'Megatron-Bridge 0.2.0 (Megatron-Core 0.15): FP8 current scaling, NCCL all-to-all dispatcher overlapped (moe_a2a_overlap), EP 32 folded over TP 2 × DP 16, BF16 gradient reduction, no recompute, Transformer Engine\'s fused cross entropy, sequence 4,096',
    assumed: 'balanced routing (force_load_balancing); the experts launched per expert (TE GroupedLinear, the MEGATRON_CORE default)',
    published: 1575,
    kind: 'TOKENS_PER_SECOND_PER_GPU',
  },
  // 25.09 (Bridge v0.1.0rc3, Megatron-Core 0.14; scripts/performance/run_script.py and configs/*/…_pretrain.yaml):
  // DeepSeek-V3 dropless on 1,024 H100 — TP 2 (SP), PP 8, VP 4 with the layout string "Et|(tt|)*30mL" (embedding and one
  // layer, thirty stages of two, the MTP module and the loss last), EP 64 with expert TP 1, batch 8,192; DeepEP (flex
  // dispatcher, recipes/deepseek/deepseek_v3.py), moe_a2a_overlap True, forced balance, selective recompute of
  // mla_up_proj and the dense MLP, no TP overlap, gradient reduce not overlapped (parameter gather is), BF16 gradients
  // and moments (precision-aware optimizer), one MTP layer.
  {
    id: 'megatron-bridge-25.09-deepseek-v3',
    source: MEGATRON_BRIDGE_25_09,
    family: 'MOE',
    gpu: 'h100-sxm',
    gpus: 1024,
    model: 'deepseek-v3',
    layout: {
      tensorParallel: 2, pipelineParallel: 8, pipelineInterleave: 4, pipelineStageLayers: [1, ...Array.from({ length: 30 }, () => 2), 0], expertParallel: 64,
      expertTensorParallel: 1, sequenceParallel: true, globalBatchSize: 8192, microBatchSize: 1, precision: 'FP8', recompute: 'NONE',
      gradientPrecision: 'BF16', optimizerMomentPrecision: 'BF16', cheapRecompute: true,
    },
    options: {
      expertDispatch: 'NODE_DEDUPLICATED',
      overlapExpertParallelCommunication: true,
      overlapTensorParallelCommunication: false,
      overlapDataParallelCommunication: false,
      crossEntropyFusion: BRIDGE_CROSS_ENTROPY,
    },
    trainingRecipe: 'MEGATRON_CORE',
    recipe: 'Megatron-Bridge 0.1.0rc3 (Megatron-Core 0.14): FP8, DeepEP overlapped (moe_a2a_overlap), EP 64 folded over TP 2 × DP 64, MTP 1, BF16 gradients and moments, Transformer Engine\'s fused cross entropy, sequence 4,096',
    assumed:
      'FP8 per-tensor (the table has no precision column; its parenthesised 330 is the block-wise run, so the main 338 is per-tensor FP8 — current scaling, the workaround its known-issues page names); recompute_granularity "selective" with recompute_modules ["mla_up_proj", "mlp"] (Megatron-Core transformer_config.py: the MLA up-projections and RoPE re-run, and the 3 dense layers\' MLPs) asked as cheapRecompute — the up-projections\' FLOPs as configured, plus the norms and the SwiGLU output, which it does not re-run (element-wise bytes, ≈ 0.4 points), and without the 3 dense MLPs\' recompute (≈ 3 of 61 layers\' MLP FLOPs once more): +16.4 % asked without it; gradient reduction exposed (overlap_grad_reduce False; the parameter all-gather is overlapped, ≈ 1 % of the step either way); balanced routing with DeepSeek-V3\'s group limit',
    published: 1297,
    kind: 'TOKENS_PER_SECOND_PER_GPU',
  },
  // Qwen3 30B-A3B in 25.09 with token dropping (capacity factor 1.0, padded: every expert computes its balanced share):
  // 16 H100, TP 1, PP 2, VP 24, EP 8, expert TP 1, batch 512 of micro-batch 2, NCCL all-to-all, not overlapped, no
  // recompute, BF16 gradient reduction.
  {
    id: 'megatron-bridge-25.09-qwen3-30b-a3b-tokendrop',
    source: MEGATRON_BRIDGE_25_09,
    family: 'MOE',
    gpu: 'h100-sxm',
    gpus: 16,
    model: 'qwen3-30b-a3b',
    layout: {
      tensorParallel: 1, pipelineParallel: 2, pipelineInterleave: 24, expertParallel: 8, expertTensorParallel: 1, globalBatchSize: 512, microBatchSize: 2,
      precision: 'FP8', recompute: 'NONE', gradientPrecision: 'BF16',
    },
    options: { expertDispatch: 'ALL_TO_ALL', overlapTensorParallelCommunication: false, crossEntropyFusion: BRIDGE_CROSS_ENTROPY },
    trainingRecipe: 'MEGATRON_CORE',
    recipe: 'Megatron-Bridge 0.1.0rc3 (Megatron-Core 0.14): FP8, NCCL all-to-all not overlapped, token drop at capacity 1.0 (padded), BF16 gradient reduction, no recompute, Transformer Engine\'s fused cross entropy, sequence 4,096',
    assumed: 'FP8 current scaling (the configs give micro-batch 2 only to FP8; the table has no precision column); capacity 1.0 with padding asked as balanced routing',
    published: 10494,
    kind: 'TOKENS_PER_SECOND_PER_GPU',
  },

  // The same Qwen3 30B-A3B layout in BF16, without and with Megatron-Core's expert-parallel overlap (a controlled A/B
  // of Megatron-Bridge's MoE-overlap card, measured_result): HybridEP, CUDA graphs on the router and its preprocessing.
  ...([
    [false, 24.7138],
    [true, 20.99203],
  ] as const).map(
    ([a2aOverlap, seconds]): ValidationRun => ({
      id: `megatron-bridge-card-qwen3-30b-a3b-bf16${a2aOverlap ? '-ep-overlap' : ''}`,
      source: MEGATRON_BRIDGE_MOE_OVERLAP_CARD,
      family: 'MOE',
      gpu: 'h100-sxm',
      gpus: 16,
      model: 'qwen3-30b-a3b',
      layout: { tensorParallel: 1, expertParallel: 16, globalBatchSize: 1024, microBatchSize: 1, precision: 'BF16', recompute: 'NONE', gradientPrecision: 'BF16' },
      options: { expertDispatch: 'NODE_DEDUPLICATED', overlapExpertParallelCommunication: a2aOverlap, crossEntropyFusion: BRIDGE_CROSS_ENTROPY },
      trainingRecipe: 'MEGATRON_CORE',
      recipe: `Megatron-Bridge (Megatron-Core): BF16, HybridEP (flex dispatcher), ${a2aOverlap ? 'overlap_moe_expert_parallel_comm on' : 'no expert-parallel overlap'}, CUDA graphs for moe_router and moe_preprocess, forced balance, Transformer Engine's fused cross entropy, sequence 4,096`,
      assumed: 'no recompute and BF16 gradient reduction, as the H100 performance configs of the same model set them (the card gives neither)',
      published: seconds,
      kind: 'STEP_SECONDS',
    }),
  ),

  // Megatron-Core's MoE model zoo, Qwen3-235B-A22B on 256 H100 in BF16 (best_practice/qwen3/readme.md, H100 table;
  // model_configs/benchmarking/Qwen3-235B-A22B.yaml: distributed optimizer with overlapped grad reduce and param gather,
  // SP, no TP overlap, account-for-embedding/loss in the pipeline split, expert TP 1): sequence 4,096, batch 2,048,
  // micro-batch 1, forced balance. The table's FSDP row and its long-context rows (MoE-module recompute) are held back.
  ...([
    ['deepep', { tensorParallel: 2, pipelineParallel: 8, pipelineInterleave: 4, expertParallel: 32 }, 'NODE_DEDUPLICATED', false, true, 'DeepEP', 19.7],
    ['deepep-1f1b-overlap', { tensorParallel: 2, pipelineParallel: 8, pipelineInterleave: 4, expertParallel: 32 }, 'NODE_DEDUPLICATED', true, true, 'DeepEP, 1F1B all-to-all overlap', 17.6],
    ['alltoall-pp32', { tensorParallel: 2, pipelineParallel: 32, pipelineInterleave: 3, expertParallel: 8 }, 'ALL_TO_ALL', false, true, 'NCCL all-to-all', 24.2],
    ['deepep-tp4', { tensorParallel: 4, pipelineParallel: 8, pipelineInterleave: 4, expertParallel: 8 }, 'NODE_DEDUPLICATED', false, false, 'DeepEP', 29.0],
  ] as const).map(
    ([name, parallel, expertDispatch, a2aOverlap, normActRecompute, dispatch, seconds]): ValidationRun => ({
      id: `moe-model-zoo-qwen3-235b-${name}`,
      source: MEGATRON_MOE_MODEL_ZOO,
      family: 'MOE',
      gpu: 'h100-sxm',
      gpus: 256,
      model: 'qwen3-235b-a22b',
      layout: {
        ...parallel,
        expertTensorParallel: 1,
        pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER',
        globalBatchSize: 2048,
        microBatchSize: 1,
        precision: 'BF16',
        recompute: 'NONE',
        // "norm, act": --recompute-modules layernorm moe_act, the norms and the SwiGLU output recomputed in the backward.
        ...(normActRecompute ? { cheapRecompute: true } : {}),
      },
      options: { expertDispatch, overlapExpertParallelCommunication: a2aOverlap, overlapTensorParallelCommunication: false, crossEntropyFusion: 'TE' },
      trainingRecipe: 'MEGATRON_CORE',
      recipe: `Megatron-Core (MoE model zoo): BF16, ${dispatch}, ${normActRecompute ? 'recompute of norms and the MoE activation' : 'no recompute'}, Transformer Engine's fused cross entropy (--cross-entropy-fusion-impl te), forced balance`,
      assumed: 'the fp32 main gradients of Megatron-Core\'s default (the config sets no gradient precision)',
      published: seconds,
      kind: 'STEP_SECONDS',
    }),
  ),

  // Mixtral 8x22B on 128 H100 in BF16 (the zoo's runtime table: TP 2, PP 8, v 7, EP 8, micro-batch 1, batch 256 of
  // 4,096; its model config: expert TP 1, SP, distributed optimizer, no recompute, no TP overlap, NCCL all-to-all, TE
  // grouped GEMM). A coarse MoE (8 experts, one per EP rank) beside the fine-grained Qwen3: BF16, per-expert launches and
  // no EP overlap put them in the host-time fit by its rule, but with one local expert they barely inform it (the fit
  // was 51.5 µs with or without them, 50.5 µs since session 10); what they check is the rest of the model.
  ...([
    ['forced-balance', 465, 'forced balance (--moe-router-force-load-balancing)'],
    ['dropless', 445, 'dropless, the router\'s own (aux-loss) balance, asked as balanced: the run gives no imbalance'],
  ] as const).map(
    ([name, tflops, routing]): ValidationRun => ({
      id: `moe-model-zoo-mixtral-8x22b-${name}`,
      source: MEGATRON_MOE_MODEL_ZOO_MIXTRAL,
      family: 'MOE',
      gpu: 'h100-sxm',
      gpus: 128,
      model: 'mixtral-8x22b',
      modelChanges: { sequenceLength: 4096 },
      layout: {
        tensorParallel: 2,
        pipelineParallel: 8,
        pipelineInterleave: 7,
        expertParallel: 8,
        expertTensorParallel: 1,
        globalBatchSize: 256,
        microBatchSize: 1,
        precision: 'BF16',
        recompute: 'NONE',
      },
      options: { expertDispatch: 'ALL_TO_ALL', overlapTensorParallelCommunication: false, crossEntropyFusion: 'NATIVE' },
      trainingRecipe: 'MEGATRON_CORE',
      recipe: `Megatron-Core (MoE model zoo): BF16, NCCL all-to-all, ${routing}, fused (native) cross entropy, sequence 4,096`,
      // Megatron-LM's --log-throughput counts causal attention (megatron/training/training.py
      // num_floating_point_operations: "causal mask (only half of the mask is non-zero)"); the full s×s reads +3.6 %.
      attentionFlops: 'CAUSAL',
      assumed: 'the throughput in Megatron-LM\'s own FLOP count with causal attention (the script gives TFLOP/s only); the fp32 main gradients of Megatron-Core\'s default',
      published: tflops,
      kind: 'MODEL_TFLOPS_PER_GPU',
    }),
  ),

  ...BLACKWELL_MOE_RUNS,
  ...BLACKWELL_MOE_RUNS_26_02,
  ...BLACKWELL_MOE_RUNS_26_08,

  {
    id: 'deepseek-v3-profile-chunk-pair',
    source:
      'deepseek-ai/profile-data (2025), train.json: one DualPipe forward and backward chunk pair, 4 MoE layers each, EP 64, TP 1, 4K sequence, as in DeepSeek-V3 pre-training',
    family: 'MOE',
    gpu: 'h800',
    gpus: 2048,
    model: 'deepseek-v3',
    // The profiled chunks are MoE layers only, without the MTP module (on the head's rank).
    modelChanges: { denseLayers: 0, multiTokenPredictionDepth: 0 },
    layout: { pipelineParallel: 16, expertParallel: 64, globalBatchSize: 15360, microBatchSize: 1, recompute: 'SELECTIVE' },
    trainingRecipe: 'DEEPSEEK_V3',
    recipe: 'DeepSeek HAI-LLM as in the pre-training row: FP8 GEMMs, node-deduplicated all-to-all on 20 SMs overlapped by DualPipe, cheap recompute',
    assumed:
      'the figure is the GPU time from the first to the last kernel the profiled step launched (129.0 ms; the CPU-side ProfilerStep spans 112.2 ms while launches run ahead); the profile routes tokens perfectly balanced and leaves pipeline transfers out, as the model does here',
    rankLayers: 4,
    published: 0.129,
    kind: 'RANK_MICRO_BATCH_SECONDS',
  },
];
