/**
 * Rates the step-time terms divide by: the GEMM efficiency law per GPU generation, the FP8 and element-wise factors,
 * and the cost of overlapping communication with compute.
 *
 * e_mm(tokens, width) = E_MAX / (1 + D0/tokens + D0/width): a saturating function of the two smallest GEMM dimensions
 * per GPU — tokens of the micro-batch (b·s, or tokens per expert for MoE) and the narrowest weight dimension
 * min(h, f)/t. Large GEMMs approach E_MAX; narrow ones (small h/t, tiny micro-batches) fall off.
 */

/** Tensor-core generations whose GEMM efficiency law is calibrated separately (OTHER: custom and untested GPUs). */
export type GpuGeneration = 'AMPERE' | 'HOPPER' | 'BLACKWELL' | 'OTHER';

/**
 * The generation of a catalog GPU (NVIDIA product families by id; H800 = H100 silicon; B200 and B300 = Blackwell: the
 * same 16-bit and FP8 tensor throughput, and B300's microbenchmark ceiling 1,769 of 2,250 TFLOP/s is B200's 1,745 within
 * 1.4 % — the MAMF table notes "same as B200, newer torch/cuda").
 */
export function gpuGenerationOf(gpuId: string): GpuGeneration {
  if (gpuId.startsWith('a100')) return 'AMPERE';
  if (gpuId.startsWith('h100') || gpuId.startsWith('h200') || gpuId.startsWith('h800')) return 'HOPPER';
  // Plain tests, no array or closure: this runs in every plan evaluation.
  if (gpuId.startsWith('b200') || gpuId.startsWith('b300') || gpuId.startsWith('gb200') || gpuId.startsWith('gb300')) return 'BLACKWELL';
  return 'OTHER';
}

/**
 * Maximum Achievable Matmul FLOPS: the fraction of dense BF16 peak one large, best-shaped GEMM reaches in a
 * microbenchmark — A100-SXM 267.9 of 312 TFLOP/s (85.9 %), H100-SXM 792.1 of 989 (80.1 %) (stas00/ml-engineering,
 * compute/accelerator "Maximum Achievable Matmul FLOPS comparison table", measured with mamf-finder.py, CUDA 12.1);
 * B200-SXM 1,745.0 of 2,250 (77.6 %, the same table's later row, torch 2.7.1 + CUDA 12.8).
 */
export const MAX_ACHIEVABLE_MATMUL_FRACTION: Readonly<Record<Exclude<GpuGeneration, 'OTHER'>, number>> = {
  AMPERE: 267.9 / 312,
  HOPPER: 792.1 / 989,
  BLACKWELL: 1745.0 / 2250,
};

/**
 * GPUs of a generation whose own microbenchmark ceiling differs from the generation's by more than software noise:
 * GB200 reaches 1,822.0 of its 2,500 TFLOP/s (72.9 %, the same MAMF table, torch 2.10 + CUDA 13.0) — its higher peak
 * assumes clocks a sustained GEMM does not hold — against B200's 77.6 %. (B300's 1,769 of 2,250 is B200's within 1.4 %,
 * "same as B200, newer torch/cuda": it keeps the generation's; so does GB300 — Blackwell Ultra at 1,400 W a GPU, not in
 * the table.)
 */
const MAX_ACHIEVABLE_MATMUL_FRACTION_OF_GPU: Readonly<Record<string, number>> = { gb200: 1822.0 / 2500 };

/**
 * A catalog GPU's microbenchmark ceiling as a multiple of its generation's (1 for most): scales its GEMM law. Callers
 * pass the generation they already hold (gpuGenerationOf), so a plan evaluation derives it once.
 */
export function matmulCeilingScaleOf(gpuId: string, generation: GpuGeneration = gpuGenerationOf(gpuId)): number {
  const own = MAX_ACHIEVABLE_MATMUL_FRACTION_OF_GPU[gpuId];
  return own === undefined || generation === 'OTHER' ? 1 : own / MAX_ACHIEVABLE_MATMUL_FRACTION[generation];
}

/**
 * GPUs whose attention kernels outrun what their GEMM ceiling gives, as a multiple of another GPU's measured attention
 * rate: Blackwell Ultra doubles the SFU's exponential throughput that FlashAttention's softmax waits on, so GB300 runs
 * cuDNN's SDPA training kernels (BF16, forward + backward time, same shapes and cuDNN 9.22) 1.12 × as fast as GB200 —
 * the median of 30 LLM shapes (llama3.1, dsv3, kimiK26: 1.09–1.21; NVIDIA/cudnn-frontend
 * benchmark/sdpa_benchmark_training/results/{llama3.1,dsv3,kimiK26}/{gb200,gb300}) — where their GEMM ceilings differ by
 * 1.064 ×. (gpt-oss's 128-token windows gain 1.05 ×, short tiles being less exponential-bound; not distinguished.)
 */
const ATTENTION_RATE_OVER_MEASURED_GPU: Readonly<Record<string, { over: string; ratio: number }>> = { gb300: { over: 'gb200', ratio: 1.12 } };

/** The GPU whose measured attention rate a catalog GPU's is a multiple of, and that multiple (undefined for most). */
export function attentionRateOverMeasuredGpu(gpuId: string): { over: string; ratio: number } | undefined {
  return ATTENTION_RATE_OVER_MEASURED_GPU[gpuId];
}

/**
 * A catalog GPU's attention ceiling as a multiple of its generation's GEMM ceiling: its own GEMM ceiling scale, unless
 * its attention was measured against another GPU's (then that GPU's scale × the measured ratio).
 */
export function attentionCeilingScaleOf(gpuId: string, generation: GpuGeneration = gpuGenerationOf(gpuId)): number {
  const measured = ATTENTION_RATE_OVER_MEASURED_GPU[gpuId];
  return measured === undefined || generation === 'OTHER' ? matmulCeilingScaleOf(gpuId, generation) : measured.ratio * matmulCeilingScaleOf(measured.over);
}

/**
 * Share of the microbenchmark ceiling that training GEMMs reach (they share the GPU with element-wise kernels,
 * launches, clocks held under power limits). CALIBRATED per generation (least absolute log deviations) over the validation suite's dense runs
 * (src/core/validation/suite.ts calibrateShares; `npm run validate` prints the fit, which returns these values).
 * Blackwell has no 16-bit dense run in the suite (its published B200 rows are FP8): by the calibration's rule for a
 * generation with fewer than five, it takes the share fitted on every generation's 16-bit dense runs together, and its
 * ceiling carries the difference — its runs are predicted, not fitted.
 */
export const MATMUL_SHARE_OF_CEILING: Readonly<Record<Exclude<GpuGeneration, 'OTHER'>, number>> = {
  AMPERE: 0.821,
  HOPPER: 0.7916,
  BLACKWELL: 0.8092,
};

/**
 * Generations whose share is fitted on their own 16-bit dense runs (suite.ts hasOwnShare; test/core/blackwell.test.ts
 * keeps this list equal to the suite's). The others are predicted: Blackwell on the pooled share, OTHER on the 2021 fit.
 */
export const GENERATIONS_FITTED_ON_OWN_RUNS: readonly GpuGeneration[] = ['AMPERE', 'HOPPER'];

/** What a plan's GEMM efficiency rests on, in words (the `gemmEfficiencyLaw` assumption of every plan). */
export function gemmEfficiencyLawDescription(generation: GpuGeneration, fp8: boolean, ceilingScale = 1): { value: string; source: string } {
  const fp8Part = fp8 ? ` × FP8 factor ${FP8_MATMUL_EFFICIENCY_FACTOR} on the FP8 peak` : '';
  if (generation === 'OTHER') {
    return {
      value: `at most ${MATMUL_EFFICIENCY_BY_GENERATION.OTHER.max} of peak${fp8Part} (the 2021 A100 fit: no published run on this GPU in the validation suite)`,
      source: 'the GEMM law fitted on Megatron-LM\'s 2021 A100 runs (Narayanan et al. 2021, SC21 Table 1); docs/validation.md',
    };
  }
  // This GPU's own ceiling where it has one (GB200), else its generation's.
  const ceiling = MAX_ACHIEVABLE_MATMUL_FRACTION[generation] * ceilingScale;
  const share = MATMUL_SHARE_OF_CEILING[generation];
  const own = GENERATIONS_FITTED_ON_OWN_RUNS.includes(generation);
  return {
    value:
      `${generation}: at most ${(ceiling * share).toFixed(3)} of peak${fp8Part} (microbenchmark ceiling ${ceiling.toFixed(3)} × share ${share}, ` +
      (own ? `fitted on this generation's 16-bit dense runs)` : `pooled over every generation's 16-bit dense runs: too few of this generation to fit its own — its runs are predicted)`),
    source:
      'ceiling: stas00/ml-engineering, Maximum Achievable Matmul FLOPS table (mamf-finder.py); share: the validation suite\'s calibration (npm run validate, docs/validation.md)',
  };
}

/**
 * GEMM efficiency law per generation: e(tokens, width) = max / (1 + d0/tokens + d0/width), a saturating function of
 * the two smallest per-GPU GEMM dimensions, with max = (microbenchmark ceiling) × (calibrated share). OTHER GPUs (no
 * validation runs: V100, MI300X, custom) keep the Megatron-LM 2021 fit (max 0.68).
 */
export const MATMUL_EFFICIENCY_BY_GENERATION: Readonly<Record<GpuGeneration, { max: number; halfSaturationDimension: number }>> = {
  AMPERE: { max: MAX_ACHIEVABLE_MATMUL_FRACTION.AMPERE * MATMUL_SHARE_OF_CEILING.AMPERE, halfSaturationDimension: 32 },
  HOPPER: { max: MAX_ACHIEVABLE_MATMUL_FRACTION.HOPPER * MATMUL_SHARE_OF_CEILING.HOPPER, halfSaturationDimension: 32 },
  BLACKWELL: { max: MAX_ACHIEVABLE_MATMUL_FRACTION.BLACKWELL * MATMUL_SHARE_OF_CEILING.BLACKWELL, halfSaturationDimension: 32 },
  OTHER: { max: 0.68, halfSaturationDimension: 32 },
};

/** Ceiling of GEMM efficiency of GPUs without their own calibration (OTHER; the 2021 Megatron-LM fit). */
export const MATMUL_EFFICIENCY_MAX = MATMUL_EFFICIENCY_BY_GENERATION.OTHER.max;
/** Half-saturation dimension of the OTHER law: each GEMM dimension d costs a factor 1/(1 + D0/d) of efficiency. */
export const MATMUL_HALF_SATURATION_DIMENSION = MATMUL_EFFICIENCY_BY_GENERATION.OTHER.halfSaturationDimension;
/**
 * FP8 GEMMs reach a smaller fraction of their (2×) peak than BF16 GEMMs (per-tensor scaling, cuBLASLt FP8 kernels),
 * calibrated (least absolute log deviations) over the validation suite's dense FP8 runs (NVIDIA NeMo 24.09's H100 FP8 pre-training table:
 * GPT-3 5B/20B/175B, Llama-2 7B/13B/70B, Llama 3 8B/70B, Nemotron 8B/22B/340B; Megatron-Bridge's 2026 H100 rows of
 * Llama 3 70B and 405B; torchtitan's Float8 Llama 3.1 8B on 32 and 64 H200, Trainy's; MoE rows such as DeepSeek-V3 are
 * predicted, not fitted; suite.ts calibrateFp8Scale returns 1 on the shipped value, ± 2 %: refitted 0.803 → 0.826 when
 * the H200 rows joined — the least-absolute-deviation optimum is flat across those ± 2 %).
 * Multiplies e_mm in FP8 plans.
 */
export const FP8_MATMUL_EFFICIENCY_FACTOR = 0.826;

/**
 * Achieved fraction of HBM bandwidth in fused element-wise kernels on GPUs without a measurement (A100, OTHER:
 * STREAM-like kernels reach ≈ 0.8–0.9).
 */
export const ELEMENTWISE_BANDWIDTH_EFFICIENCY = 0.8;

/**
 * The same, measured, where a published benchmark has it: cuDNN's normalization benchmark (NVIDIA/cudnn-frontend
 * benchmark/norms/results, 2026-02, cuDNN 9.19, BF16 RMSNorm at the shapes of eight training workloads — Llama 3 8B /
 * 70B / 3.1 405B, Llama 4, Qwen3 235B, Mixtral 8x7B / 8x22B, Nemotron-H 56B, 16M–134M elements), forward + backward at
 * the model's 1 : 2 byte split, 3 / (1/fwd + 2/bwd) of HBM: the median over the eight shapes, H200 0.750 of 4.8 TB/s
 * (0.667–0.785), GB200 0.662 and GB300 0.669 of 8 TB/s (0.578–0.783) — Blackwell's doubled bandwidth is harder to fill.
 */
export const ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION: Readonly<Record<GpuGeneration, number>> = {
  AMPERE: ELEMENTWISE_BANDWIDTH_EFFICIENCY,
  HOPPER: 0.75,
  BLACKWELL: 0.665,
  OTHER: ELEMENTWISE_BANDWIDTH_EFFICIENCY,
};

/**
 * How close the step-time model comes to published measurements of dense models on the generations it is fitted on
 * (A100, H100/H200/H800): the mean |predicted / published − 1| over the validation suite's dense runs on them
 * (src/core/validation/runs.ts: 69 of its 140 published figures, from Megatron-LM 2021–22 and its 2024 H100 table, BLOOM,
 * OPT, MegaScale, FSDP and torchtitan, NVIDIA's Llama 3.2 1B benchmark, NeMo, Megatron-Bridge, NeMo AutoModel, Nemotron-4, Llama 3), rounded up;
 * test/core/validation.test.ts keeps it equal to the suite's figure. Two layouts whose times differ by less than this
 * cannot be ranked by the model; the plan search reports them as near-optimal instead of pretending.
 */
export const STEP_TIME_MODEL_ACCURACY_FRACTION = 0.04;

/**
 * The same for mixture-of-experts models on those generations: the mean |error| over the suite's 21 MoE runs on H100 /
 * H800 (DeepSeek-V3 and its profile, NeMo AutoModel's DeepSeek-V3, Kimi K2 and Qwen3 30B, Megatron-Bridge's Qwen3,
 * DeepSeek-V3 and gpt-oss and the MoE model zoo's Qwen3 and Mixtral in Megatron-Core; validation/moe-runs.ts), rounded
 * up — wider, because what MoE steps spend beyond FLOPs and bytes differs by framework, and seven of those runs (four
 * setting it) fit the per-expert host time (docs/validation.md).
 */
export const MOE_STEP_TIME_MODEL_ACCURACY_FRACTION = 0.09;

/**
 * On Blackwell (predicted on a pooled share, nothing fitted on it): the mean |error| over the suite's dense Blackwell
 * runs (Megatron-Bridge 25.11: 2 on B200 and 1 on GB200; NeMo 25.02: 6; NeMo 25.04's long-sequence rows: 8; Megatron-Bridge 26.04.01: 3
 * each on GB200 and GB300 — Llama 3.1 405B in FP8 and MXFP8, Llama 3 70B in MXFP8) and its MoE Blackwell runs (Megatron-Bridge 26.04.01: gpt-oss-120b and Qwen3 30B-A3B on
 * B200, GB200, B300 and GB300, Qwen3 235B-A22B on GB200, GB300 and B300, DeepSeek-V3 on GB200 and GB300; Megatron-Bridge
 * 26.02: Qwen3 30B-A3B, Qwen3 235B-A22B and DeepSeek-V3 on B200, Qwen3 235B-A22B on B300, gpt-oss-120b with EP 64 on
 * B200 and B300; Megatron-Bridge 26.08: Qwen3 30B-A3B, Qwen3 235B-A22B, DeepSeek-V3 and gpt-oss-120b on GB200 and GB300),
 * rounded up.
 */
export const BLACKWELL_STEP_TIME_MODEL_ACCURACY_FRACTION = 0.11;
export const BLACKWELL_MOE_STEP_TIME_MODEL_ACCURACY_FRACTION = 0.16;

/**
 * The stated accuracy of a plan: its class (MoE or dense) on its GPU's generation — Blackwell's own figures, else those
 * of the fitted generations (GPUs with no published run carry UNCALIBRATED_GPU: the figure was not measured on them).
 */
export function stepTimeModelAccuracyFractionFor(experts: number, generation: GpuGeneration = 'HOPPER'): number {
  if (generation === 'BLACKWELL') return experts > 1 ? BLACKWELL_MOE_STEP_TIME_MODEL_ACCURACY_FRACTION : BLACKWELL_STEP_TIME_MODEL_ACCURACY_FRACTION;
  return experts > 1 ? MOE_STEP_TIME_MODEL_ACCURACY_FRACTION : STEP_TIME_MODEL_ACCURACY_FRACTION;
}

/**
 * Compute slowdown while a collective runs concurrently with it (NCCL kernels take SMs, both stream HBM): compute that
 * overlaps communication takes 1 + σ times as long. Lee et al. 2025 ("Characterizing Compute-Communication Overlap in
 * GPU-Accelerated Distributed Deep Learning", arXiv 2507.03114, abstract): 18.9 % on average (40 % at most) over GPT
 * and Llama workloads on A100, H100, MI250, MI210. PlanOptions.overlapComputeSlowdown overrides it (0 = ideal overlap).
 */
export const OVERLAP_COMPUTE_SLOWDOWN = 0.189;

/**
 * Critical-path cost of `commSeconds` of communication overlapped with `windowSeconds` of compute when compute runs
 * 1 + σ times slower beside it: if the window's compute finishes first (c ≥ w·(1 + σ)), the excess c − w is exposed;
 * otherwise compute is stretched by c·σ/(1 + σ). Continuous at c = w·(1 + σ); σ = 0 gives max(0, c − w).
 */
export function overlappedCostSeconds(commSeconds: number, windowSeconds: number, slowdown: number): number {
  const excess = commSeconds - windowSeconds;
  const contention = (commSeconds * slowdown) / (1 + slowdown);
  return excess > contention ? excess : contention;
}

/** GEMM efficiency for the two smallest dimensions of a per-GPU matrix product on a GPU generation (see above). */
export function matmulEfficiency(tokens: number, width: number, generation: GpuGeneration = 'OTHER'): number {
  const law = MATMUL_EFFICIENCY_BY_GENERATION[generation];
  return law.max / (1 + law.halfSaturationDimension / tokens + law.halfSaturationDimension / width);
}
