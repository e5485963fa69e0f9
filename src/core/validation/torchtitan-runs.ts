/**
 * torchtitan on H200 (family H100_MODERN_RECIPES; runs.ts includes them in place): Trainy's baseline on WhiteFiber's
 * H200 servers, published in torchtitan's benchmarks folder — Llama 3.1 8B with FSDP on 4 and 8 hosts of 8 H200
 * (NVLink inside, 400 Gb/s ConnectX-7 per GPU between), the commands' flags as printed: local batch 2 of the
 * llama3_8b.toml's 8,192 tokens (torchtitan e7c0cae), torch.compile, Float8 linears (tensorwise dynamic scaling, torchao)
 * and per-operator selective checkpointing (the toml's selective_ac_option "op"). Checked after session 21's
 * SELECTIVE_OPERATORS, never fitted on alone (their Hopper rows join the share's fit like every dense Hopper row).
 */
import type { ValidationRun } from './types.js';

const TRAINY_H200 =
  'pytorch/torchtitan benchmarks/llama3-8b_h200_202506_trainy-whitefiber.md (Trainy on WhiteFiber, June 2025; torch 2.8.0a0, torchao 0afa4c1, torchtitan e7c0cae)';

function trainyH200(hosts: number, tokensPerSecondPerGpu: number): ValidationRun {
  const gpus = 8 * hosts;
  return {
    id: `torchtitan-trainy-h200-llama3-8b-${gpus}`,
    source: TRAINY_H200,
    family: 'H100_MODERN_RECIPES',
    gpu: 'h200',
    gpus,
    model: 'llama3-8b',
    layout: { globalBatchSize: 2 * gpus, microBatchSize: 2, precision: 'FP8', recompute: 'SELECTIVE_OPERATORS', zeroStage: 3 },
    options: { elementwiseKernels: 'FUSED' },
    trainingRecipe: 'TORCHTITAN_FSDP2',
    recipe:
      'torchtitan FSDP2 (ZeRO-3, fp32 gradient reduction: mixed_precision_reduce default), --training.compile (element-wise kernels fused), Float8 linears (torchao tensorwise), per-operator selective checkpointing: under Float8 every linear is recomputed (torch._scaled_mm is not in the policy\'s save list), the attention output kept',
    assumed:
      'Llama 3.1 8B as the preset (its 128K-context RoPE scaling does not change the FLOPs); the FSDP Float8 all-gather of the weights (half the gather bytes) not modelled — the gathers hide under the step either way; the output head in BF16 (torchtitan filter_fqns ["output"]), as the FP8 recipe keeps it',
    published: tokensPerSecondPerGpu,
    kind: 'TOKENS_PER_SECOND_PER_GPU',
  };
}

/** The table's two rows (TPS/GPU at the 100th iteration). */
export const TORCHTITAN_H200_RUNS: readonly ValidationRun[] = [trainyH200(4, 10938), trainyH200(8, 10753)];
