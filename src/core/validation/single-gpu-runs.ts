/**
 * NVIDIA's Llama 3.2 1B training benchmark on one H200 (family H100_MODERN_RECIPES; runs.ts includes them in place):
 * NVIDIA/cudnn-frontend benchmark/Llama-3.2-1B-Training at b372d39 (December 2025; removed with the old benchmarks in
 * May 2026), artifacts/h200_training_timing.csv. training_perf.py builds Hugging Face transformers' LlamaForCausalLM from
 * the meta-llama/Llama-3.2-1B config (16 layers, hidden 2,048, 32 query and 8 K/V heads of 64, SwiGLU 8,192, vocabulary
 * 128,256, tied embeddings), in BF16 throughout, and times 100 iterations of forward (random input embeddings, an
 * all-ones mask: causal SDPA), F.cross_entropy on the 16-bit logits, backward and torch.optim.SGD, under each of PyTorch's
 * SDPA backends (NGC PyTorch 25.04: PyTorch 2.7.0, cuDNN 9.9.0). Asked as it runs: Hugging Face's eager RoPE, SwiGLU and
 * fp32 RMSNorm (elementwiseKernels EAGER_NORMS), PyTorch's cross entropy, 16-bit parameters and gradients without a
 * master copy; cuDNN's attention (CUDNN) and the flash backend, FlashAttention-2 (PYTORCH_SDPA). Its third backend,
 * PyTorch's memory-efficient attention, is no kernel of the model: not asked.
 */
import type { ValidationRun } from './types.js';

const SOURCE =
  'NVIDIA/cudnn-frontend benchmark/Llama-3.2-1B-Training (b372d39, artifacts/h200_training_timing.csv): Llama 3.2 1B in Hugging Face transformers on one H200, NGC PyTorch 25.04';

/** [micro-batch, sequence, seconds per iteration with CUDNN_ATTENTION, with FLASH_ATTENTION]. */
const TIMINGS: readonly (readonly [number, number, number, number])[] = [
  [24, 768, 0.32912, 0.33676],
  [12, 1024, 0.22216, 0.22823],
  [6, 2048, 0.22936, 0.23996],
  [3, 4096, 0.24294, 0.2599],
  [2, 8192, 0.3572, 0.39713],
  [1, 16384, 0.42355, 0.50018],
];

function llama32OneB(batch: number, sequenceLength: number, kernel: 'CUDNN' | 'PYTORCH_SDPA', seconds: number): ValidationRun {
  return {
    id: `hf-llama3.2-1b-h200-${kernel === 'CUDNN' ? 'cudnn' : 'flash'}-b${batch}-s${sequenceLength}`,
    source: SOURCE,
    family: 'H100_MODERN_RECIPES',
    gpu: 'h200',
    gpus: 1,
    gpusPerNode: 1,
    model: 'llama3-8b',
    modelChanges: { layers: 16, hiddenSize: 2048, attentionHeads: 32, kvHeads: 8, ffnHiddenSize: 8192, tiedEmbeddings: true, sequenceLength },
    layout: {
      globalBatchSize: batch,
      microBatchSize: batch,
      precision: 'BF16',
      recompute: 'NONE',
      optimizer: 'SGD_MOMENTUM',
      masterWeights: false,
      gradientPrecision: 'BF16',
    },
    options: { attentionKernel: kernel, elementwiseKernels: 'EAGER_NORMS', crossEntropyFusion: 'PYTORCH' },
    recipe: `Hugging Face transformers LlamaForCausalLM, eager (RoPE, SwiGLU, fp32 RMSNorm operator by operator), BF16 parameters and gradients, F.cross_entropy on BF16 logits, torch.optim.SGD; SDPA backend ${kernel === 'CUDNN' ? 'CUDNN_ATTENTION' : 'FLASH_ATTENTION (FlashAttention-2)'}`,
    assumed:
      'Llama 3.2 1B as Llama 3 8B with the 1B config’s shape (RoPE scaling changes no FLOP); plain SGD asked as SGD with momentum (one more state read in an update of ≈ 1 ms); the input embedding lookup the script skips (inputs_embeds) and the K/V copies of repeat_kv for GQA not counted (< 1 %)',
    published: seconds,
    kind: 'STEP_SECONDS',
  };
}

/** Both SDPA backends the model has a kernel for, at each of the six shapes. */
export const HF_LLAMA_H200_RUNS: readonly ValidationRun[] = TIMINGS.flatMap(([batch, sequenceLength, cudnn, flash]) => [
  llama32OneB(batch, sequenceLength, 'CUDNN', cudnn),
  llama32OneB(batch, sequenceLength, 'PYTORCH_SDPA', flash),
]);
