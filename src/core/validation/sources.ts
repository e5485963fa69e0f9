/** Sources whose runs sit in more than one file of the validation suite. */

/** Megatron-Bridge's performance summary archive: its dense rows in runs.ts, its MoE rows in moe-runs.ts. */
export const MEGATRON_BRIDGE_26_04 =
  'NVIDIA Megatron-Bridge performance summary archive, 26.04.01 NeMo container, DGX-H100 FP8 pre-training (docs.nvidia.com/nemo/megatron-bridge/latest/performance-summary-archive.html)';
