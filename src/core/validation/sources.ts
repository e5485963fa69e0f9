/** Sources whose runs sit in more than one file of the validation suite. */

/** Megatron-Bridge's performance summary archive: its dense rows in runs.ts, its MoE rows in moe-runs.ts. */
export const MEGATRON_BRIDGE_26_04 =
  'NVIDIA Megatron-Bridge performance summary archive, 26.04.01 NeMo container, DGX-H100 FP8 pre-training (docs.nvidia.com/nemo/megatron-bridge/latest/performance-summary-archive.html)';

/** The same archive's 26.04.01 section, its DGX-B200 rows (MoE: moe-runs.ts). */
export const MEGATRON_BRIDGE_26_04_B200 =
  'NVIDIA Megatron-Bridge performance summary archive, 26.04.01 NeMo container, DGX-B200 pre-training (docs.nvidia.com/nemo/megatron-bridge/latest/performance-summary-archive.html)';

/** The same archive's 26.04.01 section, its DGX-GB200 (NVL72) and DGX-B300 rows: the catalog's GB200 and B300, checked. */
export const MEGATRON_BRIDGE_26_04_GB200_B300 =
  'NVIDIA Megatron-Bridge performance summary archive, 26.04.01 NeMo container, DGX-GB200 and DGX-B300 pre-training (docs.nvidia.com/nemo/megatron-bridge/latest/performance-summary-archive.html)';

/** The same archive's 25.11 section (Megatron-Bridge 0.2.0), its DGX-B200 table: the suite's Blackwell rows. */
export const MEGATRON_BRIDGE_25_11_B200 =
  'NVIDIA Megatron-Bridge performance summary archive, 25.11 NeMo container (Megatron-Bridge 0.2.0), DGX-B200 pre-training (docs.nvidia.com/nemo/megatron-bridge/latest/performance-summary-archive.html)';

/** The same section's DGX-GB200 table (NVL72 racks; its Llama 3 8B row on 8 GPUs of one rack). */
export const MEGATRON_BRIDGE_25_11_GB200 =
  'NVIDIA Megatron-Bridge performance summary archive, 25.11 NeMo container (Megatron-Bridge 0.2.0), DGX-GB200 pre-training (docs.nvidia.com/nemo/megatron-bridge/latest/performance-summary-archive.html)';

/** The same archive's 26.02 section (Megatron-Bridge 0.3.0, Transformer Engine 2.12), its DGX-B200 and DGX-B300 rows. */
export const MEGATRON_BRIDGE_26_02_B200_B300 =
  'NVIDIA Megatron-Bridge performance summary archive, 26.02 NeMo container (Megatron-Bridge 0.3.0), DGX-B200 and DGX-B300 pre-training (docs.nvidia.com/nemo/megatron-bridge/latest/performance-summary-archive.html)';

/**
 * Megatron-Bridge's current performance summary (docs/performance-summary.md), its 26.08 section (Megatron-Bridge 0.6.0,
 * src/megatron/bridge/perf_recipes): DGX-GB200 and DGX-GB300. The same publisher's table as the archive's.
 */
export const MEGATRON_BRIDGE_26_08_GB200_GB300 =
  'NVIDIA Megatron-Bridge performance summary archive, 26.08 NeMo container — the current summary (docs.nvidia.com/nemo/megatron-bridge/latest/performance-summary.html), Megatron-Bridge 0.6.0 — DGX-GB200 and DGX-GB300 pre-training';

/**
 * How every Megatron-Bridge row computes its loss: GPTModelProvider's cross_entropy_loss_fusion = True (since v0.1.0rc3)
 * with Transformer Engine's implementation, which the performance scripts set for every model
 * (scripts/performance/configs/*_llm_pretrain.yaml at v0.1.0rc3, utils/helpers.py at v0.2.0, utils/overrides.py at
 * 26.04-alpha.rc2: cross_entropy_fusion_impl = "te").
 */
export const BRIDGE_CROSS_ENTROPY = 'TE' as const;

/**
 * Every Megatron-Core gpt-oss row runs its RoPE unfused: YaRN's concentration factor (1 + 0.1·ln 32 = 1.35, the
 * provider's yarn_mscale None) is not what TE's fused RoPE takes, so rope_utils.py falls back to its rotate-half form
 * (core_v0.16–v0.18) although the perf configs ask for apply_rope_fusion. The MEGATRON_CORE recipe sets
 * elementwiseKernels EAGER_ROPE itself for a model with ropeAttentionFactor ≠ 1 (recipes.ts archOptions).
 */
export const GPT_OSS_UNFUSED_ROPE = "RoPE in Megatron-Core's unfused form (the MEGATRON_CORE recipe's EAGER_ROPE for the preset's ropeAttentionFactor 1.347: YaRN's concentration factor, which TE's fused RoPE does not take)";

/** What every Blackwell gpt-oss-120b row assumes of the model and how Megatron-Core runs it. */
export const GPT_OSS_ASSUMED = `the released model's vocabulary (201,088); its banded attention as a 128-token window on half the layers; attention sinks not modelled; ${GPT_OSS_UNFUSED_ROPE}`;

/** NeMo Framework's performance summary as published for its 25.02 container: its DGX-B200 FP8 pre-training table. */
export const NEMO_25_02_B200 =
  'NVIDIA NeMo Framework 25.02 performance summary, DGX-B200 FP8 pre-training (docs.nvidia.com/nemo-framework/user-guide/latest/performance/performance_summary.html, as published for the 25.02 container)';

/** NeMo's long-sequence performance page: Llama 3 8B FP8 on DGX-B200 with context parallelism (container 25.04.rc2). */
export const NEMO_LONG_SEQUENCE_B200 =
  'NVIDIA/NeMo docs/source/performance/performance_long_sequence.md (2025-05), Llama 3 8B FP8 on DGX-B200 with context parallelism, NeMo 25.04.rc2';
