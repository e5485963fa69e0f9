/**
 * Bytes per parameter for weights, gradients and optimizer states, by training precision and optimizer.
 *
 * Conventions (ZeRO paper, Rajbhandari et al. 2020 §3.1): mixed-precision training keeps 16-bit weights (2Ψ bytes)
 * and 16-bit gradients (2Ψ) on the device, plus K·Ψ bytes of optimizer state, where the optimizer state includes
 * the fp32 master copy of the weights. For Adam K = 12 (fp32 master 4 + momentum 4 + variance 4).
 * FP32 training has no separate master copy: the weights themselves are fp32.
 * FP8 training (NVIDIA Transformer Engine) casts to FP8 inside the matmuls only; the module weights stay in
 * BF16 with fp32 masters in the optimizer, so its model states are those of BF16 mixed precision (the transient
 * FP8 weight copies TE caches across micro-batches, ≤ 1 byte/param, are not counted).
 *
 * These are hot-path functions (called per plan evaluation): plain switches, no allocation.
 */
import { InvalidInputError } from './errors.js';
import type { GradientPrecision, OptimizerKind, ParallelLayout, PlanOptions, Precision } from './types.js';

/**
 * bitsandbytes' block-wise quantisation keeps one fp32 absmax per block of 2,048 values per state
 * (Dettmers et al. 2022, "8-bit Optimizers via Block-wise Quantization" §2): 2 states × 4 B / 2,048.
 */
const EIGHT_BIT_ADAM_QUANTIZATION_BYTES = (2 * 4) / 2048;

/** Bytes of one weight as held on the device during training. */
export function parameterBytesFor(precision: Precision): number {
  // fp32 training: 4 bytes; mixed precision FP16/BF16 (and FP8, which keeps BF16 weights in Transformer Engine): 2.
  return precision === 'FP32' ? 4 : 2;
}

/** Bytes of one gradient element as produced by the backward pass (ZeRO paper §3.1: fp16 gradients, 2Ψ). */
export function gradientBytesFor(precision: Precision): number {
  return precision === 'FP32' ? 4 : 2;
}

/**
 * Gradient bytes per parameter of a layout: its gradientPrecision (FP32 4 B: Megatron-LM's fp32 `main_grad`, which
 * arguments.py forces for bf16 with --accumulate-allreduce-grads-in-fp32; BF16/FP16 2 B: FSDP's MixedPrecision with a
 * 16-bit reduce dtype) or the training precision's default.
 */
export function gradientBytesOf(layout: Pick<ParallelLayout, 'precision' | 'gradientPrecision'>): number {
  const g: GradientPrecision | undefined = layout.gradientPrecision;
  return g === undefined ? gradientBytesFor(layout.precision) : g === 'FP32' ? 4 : 2;
}

/**
 * Bytes per gradient element that data parallelism reduces: fp32 main gradients are reduced in fp32 under BF16
 * (Megatron-LM arguments.py forces --accumulate-allreduce-grads-in-fp32 for bf16), but under FP16 Megatron-LM reduces
 * the fp16 gradients and copies them into the fp32 main gradients afterwards (the flag's default is off).
 */
export function gradientReduceBytesOf(layout: Pick<ParallelLayout, 'precision' | 'gradientPrecision' | 'gradientReducePrecision'>): number {
  // An explicit reduce precision (FSDP2's reduce_dtype) wins.
  if (layout.gradientReducePrecision !== undefined) return layout.gradientReducePrecision === 'FP32' ? 4 : 2;
  return layout.gradientPrecision === 'FP32' && layout.precision === 'FP16' ? 2 : gradientBytesOf(layout);
}

/** Bytes per routed-expert gradient element reduced: PlanOptions.expertGradientReducePrecision, else the dense weights'. */
export function expertGradientReduceBytesOf(
  layout: Pick<ParallelLayout, 'precision' | 'gradientPrecision' | 'gradientReducePrecision'>,
  options: Pick<PlanOptions, 'expertGradientReducePrecision'> | undefined,
): number {
  const own = options?.expertGradientReducePrecision;
  return own === undefined ? gradientReduceBytesOf(layout) : own === 'FP32' ? 4 : 2;
}

/** Bytes of one stored activation element (FP8 runs keep 16-bit activations between layers: counted as 2). */
export function activationElementBytesFor(precision: Precision): number {
  return precision === 'FP32' ? 4 : 2;
}

/**
 * K: optimizer-state bytes per parameter, including the fp32 master weights under mixed precision.
 * - ADAM / ADAMW: 12 mixed (master 4 + m 4 + v 4; ZeRO §3.1), 8 in fp32 (m + v). AdamW only changes the update.
 * - SGD_MOMENTUM: 8 mixed (master + momentum), 4 in fp32.
 * - ADAFACTOR: factored second moment = one row and one column vector per matrix, O(r + c) ≪ r·c, and no first
 *   moment by default (β₁ = 0; Shazeer & Stern 2018 §3–4): ≈ 4 mixed (master only), ≈ 0 in fp32. APPROXIMATE —
 *   the factored vectors and any non-matrix parameters (full second moment) add well under 1 %.
 * - ADAM_8BIT: two 8-bit states (1 + 1 byte) plus block-wise absmax constants (Dettmers et al. 2022) + fp32 master
 *   under mixed precision: ≈ 6.004 mixed, ≈ 2.004 in fp32.
 */
export function optimizerStateBytesFor(optimizer: OptimizerKind, precision: Precision): number {
  const master = precision === 'FP32' ? 0 : 4;
  switch (optimizer) {
    case 'ADAM':
    case 'ADAMW':
      return master + 8;
    case 'SGD_MOMENTUM':
      return master + 4;
    case 'ADAFACTOR':
      return master;
    case 'ADAM_8BIT':
      return master + 2 + EIGHT_BIT_ADAM_QUANTIZATION_BYTES;
    default:
      throw new InvalidInputError('optimizer', optimizer, 'one of ADAM, ADAMW, SGD_MOMENTUM, ADAFACTOR, ADAM_8BIT');
  }
}

type OptimizerStateFields = Pick<ParallelLayout, 'optimizer' | 'precision' | 'optimizerMomentPrecision' | 'masterWeights'>;

/** Whether the optimizer keeps a master copy apart from the weights: mixed precision unless masterWeights is false. */
export function keepsMasterWeights(layout: Pick<ParallelLayout, 'precision' | 'masterWeights'>): boolean {
  return layout.precision !== 'FP32' && layout.masterWeights !== false;
}

/**
 * K of a layout: optimizerStateBytesFor with its optimizerMomentPrecision and master weights. BF16 moments
 * (DeepSeek-V3 report §3.3.3: "BF16 … to track the first and second moments in the AdamW optimizer", master weights
 * kept in FP32) save 2 B per moment: Adam 12 → 8, SGD with momentum 8 → 6 under mixed precision. No master copy
 * (masterWeights false: the optimizer updates the 16-bit weights, PyTorch's optimizers over BF16 parameters) saves the
 * master's 4 B: Adam with BF16 moments over BF16 weights keeps 4.
 */
export function optimizerStateBytesOf(layout: OptimizerStateFields): number {
  const k = optimizerStateBytesFor(layout.optimizer, layout.precision);
  // Mixed precision without its fp32 master copy (FP32 training has none in K to begin with).
  const master = layout.precision !== 'FP32' && layout.masterWeights === false ? 4 : 0;
  if (layout.optimizerMomentPrecision !== 'BF16') return k - master;
  const moments = layout.optimizer === 'SGD_MOMENTUM' ? 1 : layout.optimizer === 'ADAM' || layout.optimizer === 'ADAMW' ? 2 : 0;
  return k - master - 2 * moments;
}

/**
 * Bytes the optimizer step reads and writes per parameter of its shard (memory-bound update): read the gradient,
 * read and write every state (K, the master included), then write the new working weight from the master — or, with
 * no master (FP32 training, or masterWeights false), read and write the weights in place.
 */
export function optimizerStepTrafficBytesOf(layout: OptimizerStateFields & Pick<ParallelLayout, 'gradientPrecision'>): number {
  const weights = keepsMasterWeights(layout) ? parameterBytesFor(layout.precision) : 2 * parameterBytesFor(layout.precision);
  return gradientBytesOf(layout) + 2 * optimizerStateBytesOf(layout) + weights;
}

/** All bytes-per-parameter figures at once (for documentation and the API; not used in the hot path). */
export function bytesPerParameter(
  precision: Precision = 'BF16',
  optimizer: OptimizerKind = 'ADAM',
): { parameterBytes: number; gradientBytes: number; optimizerStateBytes: number; totalBytes: number } {
  const parameterBytes = parameterBytesFor(precision);
  const gradientBytes = gradientBytesFor(precision);
  const optimizerStateBytes = optimizerStateBytesFor(optimizer, precision);
  return { parameterBytes, gradientBytes, optimizerStateBytes, totalBytes: parameterBytes + gradientBytes + optimizerStateBytes };
}
