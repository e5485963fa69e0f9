/**
 * Which FlashAttention kernel a plan's attention runs (PlanOptions.attentionKernel). The model's attention rate is
 * cuDNN's (performance/compute.ts: cuDNN's SDPA training benchmark on H200, GB200 and GB300), the kernel Transformer
 * Engine runs under Megatron-Core and NeMo. PyTorch's own scaled_dot_product_attention picks another one on Hopper: its
 * flash backend, FlashAttention-2, comes first in ATen's default priority (aten/src/ATen/Context.h sdp_priority_order:
 * flash, efficient, math, cuDNN) and torchtitan asks for FLASH, EFFICIENT and MATH only, putting cuDNN first on sm100
 * (torchtitan models/attention.py ScaledDotProductAttention._init_backend at e7c0cae; at 9dec370 the model calls
 * F.scaled_dot_product_attention with the default priority). Pure data and one rule; no I/O.
 */
import type { GpuGeneration } from './performance/efficiency.js';

/**
 * CUDNN (default): cuDNN's fused attention (Transformer Engine; FlashAttention-3-class on Hopper). PYTORCH_SDPA:
 * PyTorch's scaled_dot_product_attention as torchtitan calls it — FlashAttention-2 on A100 and Hopper, cuDNN on Blackwell.
 */
export type AttentionKernel = 'CUDNN' | 'PYTORCH_SDPA';
export const ATTENTION_KERNELS: readonly AttentionKernel[] = ['CUDNN', 'PYTORCH_SDPA'];

/**
 * FlashAttention-2's forward + backward rate over cuDNN's on Hopper: NVIDIA's comparison of PyTorch's native SDPA (its
 * flash backend) with cuDNN 9.1 at locked clocks (NVIDIA/cudnn-frontend benchmark/sdpa_benchmark, benchmark_results.csv:
 * BF16, head dim 128, 16 heads, 4K–64K tokens) — PyTorch 258–328 TFLOP/s against cuDNN 477–581, causal and unmasked:
 * the ratio 0.536–0.610 over the ten shapes, median 0.574 (its spread ±6 % around it is not modelled).
 */
export const FLASH_ATTENTION_2_RATE_OVER_CUDNN_HOPPER = 0.574;

/**
 * The attention rate of `kernel` on `generation` as a multiple of the model's (cuDNN's): FlashAttention-2 under
 * PYTORCH_SDPA on Hopper; 1 on A100 (the suite's A100 FlashAttention runs used FlashAttention-2, and the share fitted on
 * them carries it), on Blackwell (torchtitan puts cuDNN first on sm100) and elsewhere.
 */
export function attentionKernelRateScale(kernel: AttentionKernel | undefined, generation: GpuGeneration): number {
  return kernel === 'PYTORCH_SDPA' && generation === 'HOPPER' ? FLASH_ATTENTION_2_RATE_OVER_CUDNN_HOPPER : 1;
}
