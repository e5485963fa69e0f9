/**
 * torchtitan's per-operator selective activation checkpointing (`recompute: SELECTIVE_OPERATORS`; torchtitan's
 * activation_checkpoint mode "selective" with selective_ac_option "op", the default of its Llama train configs).
 * What its policy saves and what it runs again in the backward, per transformer block, as
 * models/llama3/parallelize_llama.py `_save_list` / `_apply_ac_to_transformer_block` define it at torchtitan 9dec370
 * (2024-12, the H100 benchmarks) and e7c0cae (2025-06): the outputs of aten.mm, of the flash / efficient SDPA kernels,
 * of reduce-scatters and of `max` are saved, "except every second mm"; every other operator (norms, RoPE, the SwiGLU
 * product, casts, all-gathers) is recomputed from the block's input. Float8 linears (torchao) run the same policy: their
 * Float8Tensor operands reach the checkpoint's dispatch mode as aten.mm before the subclass turns it into
 * torch._scaled_mm — PyTorch dispatches to modes before subclasses (python_arg_parser.cpp, "Note [__torch_dispatch__
 * dispatching order]") — and `max`, the amax of their dynamic scales, is on the list for them. Modelled for dense
 * blocks (q, k, v and o projections, then the MLP's matmuls). Pure, no I/O.
 */
import { InvalidInputError } from './errors.js';
import { headDimOf, kvHeadsPerRank } from './model.js';
import type { ModelArchitecture } from './types.js';

/**
 * Share of a dense block's forward GEMM FLOPs the policy runs again in the backward: the even-numbered matmuls in
 * forward order — wq (saved), wk, wv (saved), wo, then w1 (saved), w3, w2 (saved) for a gated MLP, fc1 (saved), fc2
 * for a plain one: k, o and the MLP's second matmul (torchtitan parallelize_llama.py `_custom_policy`: mm_count % 2 ==
 * 0 → PREFER_RECOMPUTE), in BF16 and under Float8 alike.
 */
export function operatorRecomputeGemmShare(arch: ModelArchitecture): number {
  const h = arch.hiddenSize;
  const queryWidth = arch.attentionHeads * headDimOf(arch);
  const kvWidth = arch.kvHeads * headDimOf(arch);
  const f = arch.ffnHiddenSize;
  const recomputed = h * kvWidth + queryWidth * h + h * f;
  const all = 2 * h * queryWidth + 2 * h * kvWidth + (arch.gatedMlp ? 3 : 2) * h * f;
  return recomputed / all;
}

/**
 * Activation bytes a block keeps per micro-batch on one rank under the policy (`elementBytes` per element, 2 in BF16
 * and under Float8, whose matmuls write 16-bit outputs; `tokens` = the rank's s·b/c): its input (sequence-sharded with
 * SP), the attention output and its log-sum-exp (fp32 per head), the reduce-scatters' outputs under TP with SP, and the
 * saved matmuls' outputs: Q, V, the MLP's first matmul and, for a gated MLP, w2's (the row-parallel partial sum, full
 * width before its reduce-scatter).
 */
export function operatorRecomputeActivationBytes(
  arch: ModelArchitecture,
  tokens: number,
  tensorParallel: number,
  sequenceParallel: boolean,
  elementBytes: number,
): number {
  const t = tensorParallel;
  const h = arch.hiddenSize;
  const queryWidthPerRank = (arch.attentionHeads * headDimOf(arch)) / t;
  const sp = sequenceParallel && t > 1;
  const input = h / (sp ? t : 1);
  const attentionOutput = queryWidthPerRank;
  const reduceScatterOutputs = sp ? (2 * h) / t : 0;
  const savedMatmuls = queryWidthPerRank + headDimOf(arch) * kvHeadsPerRank(arch.kvHeads, t) + arch.ffnHiddenSize / t + (arch.gatedMlp ? h : 0);
  const logSumExpBytes = (4 * arch.attentionHeads) / t;
  return tokens * (elementBytes * (input + attentionOutput + reduceScatterOutputs + savedMatmuls) + logSumExpBytes);
}

/** Why a model cannot run the policy as modelled (undefined when it can): dense attention + MLP blocks only. */
export function operatorRecomputeUnsupported(arch: ModelArchitecture): string | undefined {
  if (arch.experts > 1) return `a mixture of experts (${arch.experts} experts): its grouped expert matmuls are not aten.mm`;
  if (arch.latentAttention !== undefined) return 'multi-head latent attention (its down- and up-projections are another matmul order)';
  if ((arch.multiTokenPredictionDepth ?? 0) > 0) return 'multi-token prediction modules';
  // F.linear with a bias dispatches aten.addmm, which the policy neither saves nor counts among its matmuls.
  if (arch.linearBiases === true) return 'linear biases (their linears dispatch as aten.addmm, which the policy neither saves nor counts)';
  return undefined;
}

/**
 * Refuses SELECTIVE_OPERATORS on `field` where the policy is not what runs: the model's reasons
 * (operatorRecomputeUnsupported) or the caller's own (`alsoUnsupported`: a plan's adapter, recompute or attention).
 */
export function requireOperatorRecompute(field: string, arch: ModelArchitecture, alsoUnsupported?: string): void {
  const unsupported = operatorRecomputeUnsupported(arch) ?? alsoUnsupported;
  if (unsupported === undefined) return;
  throw new InvalidInputError(
    field,
    'SELECTIVE_OPERATORS',
    `NONE, SELECTIVE or FULL for ${unsupported}: SELECTIVE_OPERATORS models torchtitan's per-operator policy on dense attention and MLP blocks`,
  );
}
