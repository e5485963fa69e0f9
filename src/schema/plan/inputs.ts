/** TrainingPlanInput and its nested inputs (plan options, adapter): GraphQL input types and their shapes. */
import { CROSS_ENTROPY_BYTES_PER_LOGIT, EXPERT_HOST_SECONDS_PER_OPERATION } from '../../core/performance.js';
import type { LowRankAdapter } from '../../core/types.js';
import { builder } from '../builder.js';
import { ClusterInputRef } from '../cluster.js';
import {
  ActivationStorageEnum,
  AdapterMethodEnum,
  AdapterTargetsEnum,
  CrossEntropyFusionEnum,
  Fp8ScalingEnum,
  AttentionKernelEnum,
  ElementwiseKernelsEnum,
  ContextParallelCommunicationEnum,
  ExpertDispatchEnum,
  ExpertGemmLaunchEnum,
  GradientPrecisionEnum,
  OffloadEnum,
  OptimizerEnum,
  OptimizerMomentPrecisionEnum,
  PipelineLayerSplitEnum,
  PipelineScheduleEnum,
  PrecisionEnum,
  RecomputeModeEnum,
  TrainingRecipeEnum,
} from '../enums.js';
import { ModelInputRef } from '../model.js';
import { MAX_TRAINING_TOKENS } from '../validation.js';

// ---------------------------------------------------------------------------------------------------------------
// Input

/** GraphQL shape of PlanOptionsInput as Pothos infers it (turn it into PlanOptions with planOptionsFromInput). */
export type PlanOptionsInputFields = typeof PlanOptionsInputRef.$inferInput;

/** Its numeric knobs (the other fields are on/off switches). */
export type PlanOptionsInputShape = {
  [K in keyof PlanOptionsInputFields as NonNullable<PlanOptionsInputFields[K]> extends number ? K : never]: PlanOptionsInputFields[K];
};

/** GraphQL shape of TrainingPlanInput as Pothos infers it from TrainingPlanInputRef (defaults already applied by GraphQL). */
export type TrainingPlanInputShape = typeof TrainingPlanInputRef.$inferInput;

/** GraphQL shape of AdapterInput as Pothos infers it from AdapterInputRef (defaults already applied by GraphQL). */
export type AdapterInputShape = typeof AdapterInputRef.$inferInput;

export const AdapterInputRef = builder.inputType('AdapterInput', {
  description:
    'Fine-tune with frozen base weights and trained low-rank adapters (LoRA, QLoRA): gradients and optimizer states for the adapters only, no weight gradients for the frozen matmuls. Dense models with MHA/GQA/MQA; no offload.',
  fields: (t) => ({
    method: t.field({ type: AdapterMethodEnum, required: true, description: 'LORA (frozen 16-bit weights) or QLORA (frozen 4-bit layers).' }),
    rank: t.int({ required: true, description: 'Adapter rank r (1 to hiddenSize).' }),
    targets: t.field({ type: AdapterTargetsEnum, defaultValue: 'ATTENTION', description: 'Which matrices get adapters. Default ATTENTION (W_q, W_k, W_v, W_o).' }),
  }),
});

/** AdapterInput → the core's LowRankAdapter (validated by resolveLayout / searchPlans). */
export function adapterFromInput(input: AdapterInputShape): LowRankAdapter {
  return { method: input.method, rank: input.rank, targets: input.targets ?? 'ATTENTION' };
}

export const PlanOptionsInputRef = builder.inputType('PlanOptionsInput', {
  description: 'Planner knobs; every one has a documented default (docs/api.md and src/core/plan.ts).',
  fields: (t) => ({
    frameworkOverheadBytes: t.float({ description: 'Fixed framework/CUDA-context/NCCL overhead per GPU, in bytes (0–10¹²).' }),
    memoryHeadroomFraction: t.float({ description: 'Fraction of GPU memory kept free when deciding `fits` (0–0.9).' }),
    computeEfficiencyScale: t.float({ description: 'Multiplies the calibrated matmul efficiency (0.01–2).' }),
    computeEfficiencyOverride: t.float({ description: 'Replaces the efficiency model by a fixed fraction of peak (0.01–1).' }),
    intraNodeCollectiveEfficiency: t.float({ description: 'Achieved fraction of NVLink bandwidth for collectives (0.01–1).' }),
    interNodeCollectiveEfficiency: t.float({ description: 'Achieved fraction of network bandwidth for collectives (0.01–1).' }),
    overlapPipelineCommunication: t.boolean({
      description:
        'Whether pipeline send/recv overlaps compute in steady state. Default true = modern Megatron-Core overlap (`overlap_p2p_comm`): only the fill/drain transfers are exposed. false = Megatron-LM 2021 synchronous p2p: every transfer of every micro-batch and virtual stage is on the critical path (Narayanan et al. 2021).',
    }),
    overlapDataParallelCommunication: t.boolean({
      description:
        'Whether data-parallel gradient reduction and ZeRO parameter gathers overlap compute. Default true = DDP gradient buckets, Megatron-Core `overlap_grad_reduce`/`overlap_param_gather`, DeepSpeed/FSDP prefetch: only what exceeds the compute beside it (plus the contention share) is exposed. false = Megatron-LM\'s distributed optimizer without those flags: every DP collective is on the critical path.',
    }),
    overlapTensorParallelCommunication: t.boolean({
      description:
        'Whether tensor-parallel collectives are pipelined with the GEMMs they feed (Transformer Engine userbuffers, Megatron-Core/NeMo `tp_comm_overlap`). Default false = exposed, as in Megatron-LM. Takes effect only with sequenceParallel (the only mode in which Megatron-Bridge enables it).',
    }),
    overlapTensorParallelBackward: t.boolean({
      description:
        'Whether the backward TP collectives of the column-parallel GEMMs (QKV, fc1: input-gradient all-reduce or reduce-scatter, and sequence parallel\'s re-gather) run under their weight- and input-gradient GEMMs (Megatron-LM since 2022 `async_tensor_model_parallel_allreduce`, Megatron-Core). Default false = every TP collective exposed (Megatron-LM 2021). Implied by overlapTensorParallelCommunication.',
    }),
    overlapExpertParallelCommunication: t.boolean({
      description:
        'Whether the MoE all-to-all (dispatch and combine) runs under another micro-batch\'s compute: DeepSeek-V3\'s DualPipe ("near-zero all-to-all communication overhead", §3.2.1), Megatron-Core `overlap_moe_expert_parallel_comm`. Default false = exposed. When true only its excess over the compute and the contention share (overlapComputeSlowdown) count — except under 1F1B and interleaved schedules in the warm-up and cool-down chunks, which have no chunk of another micro-batch to pair with (rank 0: max(1, p − 1), or 2(p − 1) + (v − 1)·p interleaved, of its m·v per pipeline schedule), where all of it counts.',
    }),
    reshardAfterForward: t.boolean({
      description:
        'ZeRO-3 / FSDP: whether a layer\'s gathered parameters are freed after its forward and gathered again for its backward (default true: PyTorch FSDP2 `fully_shard(reshard_after_forward=True)`, DeepSpeed ZeRO-3), or kept until the backward (false, FSDP2 `reshard_after_forward=False`): one all-gather per micro-batch instead of two, and the stage\'s parameters whole on the device from forward to backward, as under ZeRO-2. Acts under zeroStage 3 without parameter offload.',
    }),
    contextParallelCommunication: t.field({
      type: ContextParallelCommunicationEnum,
      description:
        'How context-parallel ranks exchange K and V (default ALL_GATHER, Llama 3\'s, exposed; RING: Megatron-Core\'s default p2p ring, hidden under the attention where it can be — the MEGATRON_CORE recipe sets it). Acts with contextParallel > 1.',
    }),
    expertDispatch: t.field({
      type: ExpertDispatchEnum,
      description:
        'How the MoE dispatch/combine crosses nodes (default ALL_TO_ALL; NODE_DEDUPLICATED: DeepSeek-V3 §3.2.2, DeepEP). Acts on MoE models with expertParallel > 1.',
    }),
    expertGemmLaunch: t.field({
      type: ExpertGemmLaunchEnum,
      description:
        "How a rank launches its local experts' GEMMs (default GROUPED_KERNEL; PER_EXPERT: Transformer Engine's GroupedLinear, Megatron-Core — the host work per expert after the dispatcher's sync is the EXPERT_HOST term, performance.expertHostSeconds). MoE models only.",
    }),
    attentionKernel: t.field({
      type: AttentionKernelEnum,
      description:
        "Which FlashAttention kernel runs (default CUDNN: cuDNN's fused attention, as Transformer Engine; PYTORCH_SDPA: PyTorch's scaled_dot_product_attention as torchtitan calls it — FlashAttention-2 on A100 and Hopper, cuDNN on Blackwell). The recipe TORCHTITAN_FSDP2 sets PYTORCH_SDPA.",
    }),
    elementwiseKernels: t.field({
      type: ElementwiseKernelsEnum,
      description:
        'How RoPE and SwiGLU run (default FUSED: fused kernels, Megatron-Core/Transformer Engine or torch.compile; EAGER: PyTorch operators one by one, as torchtitan without torch.compile — more HBM traffic in COMPUTE; EAGER_NORMS: the same and the RMSNorms in fp32 op by op, as Hugging Face transformers and torchtitan\'s norm_type "rmsnorm"; EAGER_FUSED_EXPERTS: the same with the routed experts\' SwiGLU fused, as NeMo AutoModel\'s MoE models; EAGER_ROPE: only RoPE eager, Megatron-Core\'s unfused form, as it runs YaRN models like gpt-oss). The recipe TORCHTITAN_FSDP2 sets EAGER.',
    }),
    crossEntropyFusion: t.field({
      type: CrossEntropyFusionEnum,
      description:
        `How the output head's cross entropy runs, in HBM bytes per logit on the head's stage (default UNFUSED: Megatron-Core's operator-by-operator fp32 cross entropy, ${CROSS_ENTROPY_BYTES_PER_LOGIT.UNFUSED} B; NATIVE: its fused implementation, ${CROSS_ENTROPY_BYTES_PER_LOGIT.NATIVE} B; TE: Transformer Engine's, ${CROSS_ENTROPY_BYTES_PER_LOGIT.TE} B — what Megatron-Bridge's performance configs run; PYTORCH: F.cross_entropy on 16-bit logits, as Hugging Face transformers, ${CROSS_ENTROPY_BYTES_PER_LOGIT.PYTORCH} B).`,
    }),
    fp8Scaling: t.field({
      type: Fp8ScalingEnum,
      description:
        "How FP8 tensors are scaled (default PER_TENSOR: delayed or current scaling, one scale per tensor; BLOCK: MXFP8 or FP8 blockwise). With PER_EXPERT launches PER_TENSOR quantises each local expert apart — host work in EXPERT_HOST — and BLOCK does not. Acts on FP8 plans.",
    }),
    expertGradientReducePrecision: t.field({
      type: GradientPrecisionEnum,
      description:
        "Precision the routed experts' gradients are reduced in where it differs from the dense weights' (gradientReducePrecision): NeMo AutoModel reduces its blocks in FP32 but its experts' own fully_shard in BF16. Absent = as the dense weights; acts where the experts are data-parallel (experts replicated beyond EP).",
    }),
    expertHostSecondsPerOperation: t.float({
      description:
        `Host seconds per per-expert GEMM or per-tensor-scaled FP8 cast (fp8Scaling PER_TENSOR) of a PER_EXPERT launch, per MoE layer and micro-batch (0–0.01; default ${EXPERT_HOST_SECONDS_PER_OPERATION}, calibrated on the validation suite's Megatron-Core BF16 MoE runs). Lower it for a faster host or CUDA graphs over the experts.`,
    }),
    pipelineFlushesPerStep: t.int({
      description:
        'Pipeline schedules per optimizer step (default 1): gradient accumulation over separate pipeline runs, each of m / flushes micro-batches with its own fill and drain (NeMo AutoModel\'s GA). Must divide the micro-batches per step (1–100,000).',
    }),
    communicationStreamingMultiprocessors: t.int({
      description:
        'Streaming multiprocessors the overlapped MoE all-to-all kernels hold (DeepSeek-V3 §3.2.2: 20 of the H800\'s 132; DeepEP\'s default 20): compute beside an overlapped all-to-all runs on the others, in place of overlapComputeSlowdown. 1 to the GPU\'s SM count − 1. Default: none reserved.',
    }),
    expertLoadImbalance: t.float({
      description:
        'Routed tokens the busiest expert-parallel rank receives per micro-batch, as a multiple of the mean (1–16; default 1 = perfectly balanced, as DeepSeek\'s published training profile simulates). The all-to-all and the expert GEMMs wait for that rank (both take this many times the balanced time) and its routed experts\' activations grow by as much. MoE models with expertParallel > 1.',
    }),
    overlapComputeSlowdown: t.float({
      description:
        'Fraction σ by which compute slows while a collective overlaps it (SM and HBM contention), 0–1: c seconds of communication behind w seconds of compute cost max(c − w, c·σ/(1 + σ)). Default 0.189, the average Lee et al. 2025 measured on A100/H100/MI250/MI210 (arXiv 2507.03114); 0 = ideal overlap.',
    }),
  }),
});

export const TrainingPlanInputRef = builder.inputType('TrainingPlanInput', {
  description:
    'A model (exactly one of `model` or `modelSpec`), a cluster (exactly one of `cluster` or `clusterSpec`), and a parallel layout. tensorParallel × pipelineParallel × dataParallel GPUs are used; dataParallel defaults to all remaining GPUs.',
  fields: (t) => ({
    model: t.id({ description: 'Preset (e.g. `gpt3-175b`) or saved (`m_…`) model id.' }),
    modelSpec: t.field({ type: ModelInputRef, description: 'An unsaved architecture instead of `model`.' }),
    cluster: t.id({ description: 'Preset (e.g. `a100-80gb-x1024`) or saved (`c_…`) cluster id.' }),
    clusterSpec: t.field({ type: ClusterInputRef, description: 'An unsaved cluster instead of `cluster`.' }),
    globalBatchSize: t.int({ required: true, description: 'Sequences per optimizer step (a multiple of microBatchSize × dataParallel).' }),
    microBatchSize: t.int({ defaultValue: 1, description: 'Sequences per micro-batch per GPU.' }),
    trainingTokens: t.float({ description: `Tokens to train on (≤ ${MAX_TRAINING_TOKENS}); with it the plan has a \`run\` and a \`predictedLoss\`.` }),
    tensorParallel: t.int({ defaultValue: 1, description: 'Tensor-parallel degree (divides attention heads).' }),
    pipelineParallel: t.int({ defaultValue: 1, description: 'Pipeline-parallel stages (at most the layer count).' }),
    dataParallel: t.int({ description: 'Data-parallel degree; default: GPUs / (tensorParallel × pipelineParallel).' }),
    expertParallel: t.int({ description: 'Expert-parallel degree for MoE models (default 1).' }),
    expertTensorParallel: t.int({
      description:
        "Tensor-parallel degree of the routed experts (Megatron-Core --expert-tensor-parallel-size): 1 or tensorParallel (default tensorParallel). With 1 (MoE parallel folding, Liu et al. 2025) the expert groups fold over the TP × CP × DP ranks: expertParallel divides experts and tensorParallel × contextParallel × dataParallel, and sequenceParallel must be on when tensorParallel > 1.",
    }),
    contextParallel: t.int({
      description:
        'Context-parallel degree (default 1): each sequence is split over this many ranks (Megatron-Core CP; sequenceLength divisible by 2 × CP). GPUs = TP × CP × PP × DP.',
    }),
    zeroStage: t.int({ defaultValue: 0, description: 'ZeRO stage 0–3 (what is sharded over data parallelism). With a `recipe`, the default 0 means "the recipe\'s".' }),
    sequenceParallel: t.boolean({ defaultValue: false, description: 'Megatron sequence parallelism (shards norm/dropout activations over tensorParallel). With a `recipe`, the default false means "the recipe\'s".' }),
    pipelineInterleave: t.int({ defaultValue: 1, description: 'Virtual pipeline stages per GPU (interleaved 1F1B); 1 = plain 1F1B.' }),
    pipelineLayerSplit: t.field({
      type: PipelineLayerSplitEnum,
      description: 'How the layers split over the pipelineParallel × pipelineInterleave virtual stages (default EVEN); ignored when pipelineStageLayers is given.',
    }),
    pipelineStageLayers: t.intList({
      description:
        'Explicit layers per virtual stage in model order (length pipelineParallel × pipelineInterleave, sum = the layers; the first and last entry may be 0 — an embedding- or head-only stage — every other ≥ 1). The most-loaded GPU sets memory and step time.',
    }),
    recipe: t.field({
      type: TrainingRecipeEnum,
      description: "A framework's defaults (see TrainingRecipe); explicit inputs override them. The answer's `assumptions` lists what was used and why.",
    }),
    gradientPrecision: t.field({ type: GradientPrecisionEnum, description: 'Gradient precision (default: the training precision, 2 B under mixed precision; a recipe may set FP32 main gradients).' }),
    gradientReducePrecision: t.field({
      type: GradientPrecisionEnum,
      description:
        "Precision data parallelism reduces the gradients in, when it differs from their stored precision: FP32 = FSDP2's MixedPrecisionPolicy(reduce_dtype=float32) over BF16 parameters (4 B per element on the wire, 16-bit gradients kept). Default: the stored precision.",
    }),
    activationStorage: t.field({ type: ActivationStorageEnum, description: 'FP8 caching of the GEMM inputs among the stored activations (FP8 training only; default 16-bit).' }),
    optimizerMomentPrecision: t.field({
      type: OptimizerMomentPrecisionEnum,
      description: "Precision of the optimizer's moments (default FP32; BF16: DeepSeek-V3 §3.3.3, K = 8 for Adam).",
    }),
    masterWeights: t.boolean({
      description:
        'false: no fp32 master copy of the weights — the optimizer updates the 16-bit weights in place, as a PyTorch optimizer over BF16 parameters does (NeMo AutoModel); K loses 4 B (Adam with BF16 moments: 4). Default true under mixed precision (ZeRO §3.1); FP32 training has none to leave out.',
    }),
    cheapRecompute: t.boolean({
      description:
        'Rebuild the RMSNorm outputs, MLA up-projections and the SwiGLU output in the backward instead of storing them (DeepSeek-V3 §3.2.3, §3.3.3; default false).',
    }),
    pipelineSchedule: t.field({ type: PipelineScheduleEnum, description: 'Pipeline schedule (default ONE_F_ONE_B; DUALPIPE: DeepSeek-V3 §3.2.1).' }),
    recompute: t.field({ type: RecomputeModeEnum, defaultValue: 'NONE', description: 'Activation recomputation. With a `recipe`, the default NONE means "the recipe\'s".' }),
    recomputeLayers: t.int({
      description:
        'With recompute FULL: how many layers of each (virtual) pipeline stage are recomputed — the first N; the others keep all their activations (Megatron-Core --recompute-method block --recompute-num-layers N). Default: every layer. 1 to the model\'s layers; one covering every stage is FULL itself.',
    }),
    precision: t.field({ type: PrecisionEnum, defaultValue: 'BF16', description: 'Training precision. With a `recipe`, the default BF16 means "the recipe\'s".' }),
    optimizer: t.field({ type: OptimizerEnum, defaultValue: 'ADAM', description: 'Optimizer.' }),
    offload: t.field({ type: OffloadEnum, defaultValue: 'NONE', description: 'What to offload to host memory or NVMe.' }),
    flashAttention: t.boolean({ description: 'FlashAttention (no s² score activations stored). Default: the planner\'s.' }),
    adapter: t.field({ type: AdapterInputRef, description: 'Fine-tune with a low-rank adapter (LoRA/QLoRA) instead of training every weight.' }),
    options: t.field({ type: PlanOptionsInputRef, description: 'Planner knobs (overheads, headroom, efficiencies).' }),
  }),
});
