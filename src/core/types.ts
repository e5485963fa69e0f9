/**
 * The shared vocabulary of the zeroplan core. Pure data: no GraphQL, no I/O, no clock. Units are in the names: `…Bytes`
 * (bytes, not GB), `…Seconds`, `…Flops` (floating-point operations), `…FlopsPerSecond`, `…Usd`, `…Watts`; counts plain.
 */
import type { AttentionKernel } from './attention-kernel.js';

/** Numeric format of weights/activations in the forward and backward pass (mixed precision keeps fp32 masters). */
export type Precision = 'FP32' | 'FP16' | 'BF16' | 'FP8';

/** Optimizer; decides K, the optimizer-state bytes per parameter (ZeRO paper §3.1). */
export type OptimizerKind = 'ADAM' | 'ADAMW' | 'SGD_MOMENTUM' | 'ADAFACTOR' | 'ADAM_8BIT';

/** Activation recomputation (Korthikanti et al. 2022). */
export type RecomputeMode = 'NONE' | 'SELECTIVE' | 'SELECTIVE_OPERATORS' | 'FULL';

/**
 * What lives off the GPU (ZeRO-Offload / ZeRO-Infinity). OPTIMIZER_*: fp32 optimizer states (and their update) on the
 * host. PARAMETERS_*: optimizer states and the 16-bit parameters (requires ZeRO stage 3, as ZeRO-Infinity does).
 */
export type OffloadTarget = 'NONE' | 'OPTIMIZER_CPU' | 'OPTIMIZER_NVME' | 'PARAMETERS_CPU' | 'PARAMETERS_NVME';

export type ZeroStage = 0 | 1 | 2 | 3;

/**
 * RELATIVE = Transformer-XL relative encodings (Dai et al. 2019), used by Gopher and Chinchilla: a learned h×h
 * projection of sinusoidal relative positions per layer plus two h-vectors (u, v), and a second s×s score product.
 */
export type PositionEmbedding = 'LEARNED' | 'ROTARY' | 'ALIBI' | 'RELATIVE' | 'NONE';

export type Normalization = 'LAYERNORM' | 'RMSNORM';

/** One accelerator type. Every figure is per GPU; bandwidths are unidirectional bytes per second. */
export interface GpuSpec {
  /** Stable lowercase id, e.g. `a100-80gb`. */
  id: string;
  name: string;
  vendor: string;
  memoryBytes: number;
  memoryBandwidthBytesPerSecond: number;
  /** Dense (no sparsity) tensor-core peak per precision; `FP8: null` where the chip has none. TF32 is used for FP32 training. */
  peakFlopsPerSecond: { FP32: number; TF32: number; BF16: number; FP16: number; FP8: number | null };
  /** NVLink / xGMI bandwidth per GPU, one direction. */
  intraNodeBandwidthBytesPerSecond: number;
  /** Typical scale-out (InfiniBand / RoCE) bandwidth per GPU, one direction. */
  interNodeBandwidthBytesPerSecond: number;
  tdpWatts: number;
  /** Editable default rental price per GPU-hour. */
  gpuHourUsd: number;
  /** GPUs per node in the usual server (DGX/HGX = 8). */
  gpusPerNode: number;
  /** CPU RAM of that usual server, per node (offloaded states live there). Optional for custom GPUs. */
  hostMemoryBytesPerNode?: number;
  /** Local NVMe capacity of that usual server, per node (ZeRO-Infinity's NVMe offload). Optional for custom GPUs. */
  nvmeBytesPerNode?: number;
  /** Streaming multiprocessors (SMs) of the chip: what communication kernels that reserve SMs take a share of. */
  streamingMultiprocessors?: number;
}

/** A transformer architecture as published. Dense models have `experts = 1, expertsPerToken = 1, sharedExperts = 0`. */
export interface ModelArchitecture {
  id: string;
  name: string;
  layers: number;
  hiddenSize: number;
  attentionHeads: number;
  /** Key/value heads: = attentionHeads for MHA, fewer for GQA, 1 for MQA. */
  kvHeads: number;
  ffnHiddenSize: number;
  /** SwiGLU-style gated MLP (three matrices) instead of a plain GELU MLP (two). */
  gatedMlp: boolean;
  vocabSize: number;
  sequenceLength: number;
  tiedEmbeddings: boolean;
  positionEmbedding: PositionEmbedding;
  normalization: Normalization;
  /** Whether linear layers carry biases (GPT-2/3, BLOOM, OPT: yes; LLaMA: no). */
  linearBiases: boolean;
  /** Routed experts per MoE layer (1 = dense). */
  experts: number;
  /** Routed experts each token visits (top-k). */
  expertsPerToken: number;
  /** Always-on shared experts per MoE layer (DeepSeek-style); 0 for most models. */
  sharedExperts: number;
  /**
   * Group-limited routing (DeepSeek-V3 §2.1.2 "node-limited routing"; Hugging Face config n_group / topk_group): the
   * routed experts are split into `expertGroups` equal groups and each token picks its experts among at most
   * `expertGroupsPerToken` of them. Absent = any expert (no limit).
   */
  expertGroups?: number;
  expertGroupsPerToken?: number;
  /**
   * Width of one attention head. Default hiddenSize / attentionHeads; Gemma (256 with d_model 3,072) and small Qwen3
   * models (128 with d_model 1,024) decouple it, so Q and O are h × (heads·headDim) and K, V h × (kvHeads·headDim).
   */
  headDim?: number;
  /**
   * Sliding-window attention (Mistral 7B; Gemma 2/3 local layers): each query attends to at most this many keys (itself
   * included). Absent = every layer attends to the whole sequence.
   */
  slidingWindow?: number;
  /** How many of the layers use the window (Gemma 2: every other, Gemma 3: 5 of 6); the rest attend globally. Default all. */
  slidingWindowLayers?: number;
  /** Multi-head latent attention (DeepSeek-V2/V3) instead of MHA/GQA projections; kvHeads must equal attentionHeads. */
  latentAttention?: LatentAttention;
  /**
   * MoE models only: how many layers have a dense MLP (of denseFfnHiddenSize) instead of the MoE block — DeepSeek's
   * first_k_dense_replace (V3: 3 of 61). Counts are exact; per layer and per pipeline stage the mix is averaged.
   */
  denseLayers?: number;
  /** Inner width of those dense MLPs (DeepSeek-V3: 18,432 against 2,048 per expert). Default ffnHiddenSize. */
  denseFfnHiddenSize?: number;
  /**
   * Multi-token-prediction modules trained beside the model (DeepSeek-V3 §2.2: depth D, 1 for V3): each one more
   * Transformer block (an MoE block in an MoE model) after a 2h → h projection of the previous depth's output and the
   * next token's embedding, sharing the embedding and the head; on the head's rank (§3.2.3), its compute and memory,
   * outside the model's parameter and FLOP counts (the report's "671B total, 37B activated"). Default 0.
   */
  multiTokenPredictionDepth?: number;
  /** Clamp on a gated MLP's inputs before the activation: gate ≤ it, linear half ± it (gpt-oss swiglu_limit 7.0). */
  activationClamp?: number;
  /** YaRN's attention factor on RoPE's cos/sin (HF rope_scaling attention_factor, Megatron's concentration factor; gpt-oss 1.347). Default 1. */
  ropeAttentionFactor?: number;
  /** LayerNorm right after the token embedding (BLOOM: Le Scao et al. 2022 §3.2.4); counted with the input embedding. Default false. */
  embeddingNorm?: boolean;
  /** Extra rows of a LEARNED position table beyond sequenceLength (OPT: 2 for its padding offset). Default 0. */
  positionOffset?: number;
  /**
   * Whether training applies dropout (attention-probability and hidden dropout), so that its masks are stored for the
   * backward pass. Default true: Korthikanti et al. 2022's 34 + 5as/h assumes GPT-style dropout. LLaMA-style recipes
   * train with dropout 0 (no masks). See memory.ts `activationBytesPerLayerFor`.
   */
  dropout?: boolean;
  /** Where the published parameter count comes from, for presets. */
  source?: string;
  /** The published total parameter count, for presets. */
  publishedParameters?: number;
}

/**
 * Multi-head latent attention (DeepSeek-AI 2024, DeepSeek-V2 §2.1): the hidden state is compressed to a query latent
 * (queryRank) and a joint key/value latent (kvRank), each RMS-normalised and projected up to the heads; a decoupled
 * rotary key of qkRopeHeadDim is shared by all heads. Per head, Q and K are qkNopeHeadDim + qkRopeHeadDim wide and
 * V is vHeadDim wide.
 */
export interface LatentAttention {
  /** q_lora_rank; 0 = a full-rank W_Q (DeepSeek-V2-Lite). */
  queryRank: number;
  /** kv_lora_rank (d_c). */
  kvRank: number;
  qkNopeHeadDim: number;
  qkRopeHeadDim: number;
  vHeadDim: number;
}

/** Counts derived from an architecture (see model.ts for the formulas and the FLOP convention). */
export interface ModelCounts {
  totalParameters: number;
  /** Token embedding + learned position embedding + an untied output head. */
  embeddingParameters: number;
  nonEmbeddingParameters: number;
  /** Parameters one token touches (MoE: top-k + shared experts, not all experts). */
  activeParameters: number;
  activeNonEmbeddingParameters: number;
  /** Parameters of one transformer layer (all experts). */
  parametersPerLayer: number;
  /** Parameters of one layer's attention block (incl. its norm). */
  attentionParametersPerLayer: number;
  /** Parameters of one layer's MLP/MoE block incl. router and its norm (all experts). */
  mlpParametersPerLayer: number;
  /** Input embedding (token + position) parameters, on the first pipeline stage. */
  inputEmbeddingParameters: number;
  /** Output head parameters (0 when tied: the first stage's copy serves, but the last stage holds a replica for PP > 1). */
  outputHeadParameters: number;
  /** Final norm parameters (last stage). */
  finalNormParameters: number;
  /**
   * Training FLOPs per token, model FLOPs convention (no recompute): 3 × forward, matmuls with active parameters,
   * attention scores counted non-causal (full s×s, as Megatron-LM and PaLM's MFU do), output head included.
   */
  modelFlopsPerToken: number;
  /** Same, with attention counted causal (half the s×s work). */
  modelFlopsPerTokenCausal: number;
  /** Forward FLOPs per token of one transformer layer (for recompute accounting), non-causal. */
  forwardFlopsPerTokenPerLayer: number;
  /** Forward FLOPs per token of the output head. */
  forwardFlopsPerTokenHead: number;
  /** Keys a query is scored against, averaged over the layers, non-causal (s, or less under a sliding window). */
  attentionKeysPerQuery: number;
  /** The same, causal (s/2 without a window). */
  attentionKeysPerQueryCausal: number;
  /** Width of Q and of the attention output: attentionHeads × headDim. */
  queryWidth: number;
  /** Forward attention-score FLOPs (QKᵀ and A·V) per token and layer, non-causal: 4 (relative: 6) × keys × queryWidth. */
  attentionScoreFlopsPerTokenPerLayer: number;
}

/** The cluster a plan runs on. */
export interface ClusterSpec {
  id: string;
  name: string;
  gpu: GpuSpec;
  gpusPerNode: number;
  nodes: number;
  /** Price per GPU-hour for this cluster (defaults to the GPU's). */
  gpuHourUsd: number;
  /** Power usage effectiveness of the data centre (energy = TDP × PUE × time). */
  pue: number;
  /** CPU RAM per node; default: the GPU's usual server (hostMemoryBytesPerNodeOf). */
  hostMemoryBytesPerNode?: number;
  /** Local NVMe capacity per node; default: the GPU's usual server (nvmeBytesPerNodeOf). */
  nvmeBytesPerNode?: number;
}

/** A resolved parallel layout and training recipe. */
/** Which weight matrices of each layer carry a low-rank adapter. */
export type AdapterTargets = 'ATTENTION_QV' | 'ATTENTION' | 'ALL_LINEAR';

/**
 * Fine-tuning with frozen base weights and trained low-rank adapters: LORA (Hu et al. 2021) keeps the base weights at
 * the training precision; QLORA (Dettmers et al. 2023) stores the layers' base weights in 4-bit NF4 with double
 * quantization. Each adapted d_in × d_out matrix W gets B·A with A r × d_in and B d_out × r.
 */
export interface LowRankAdapter {
  method: 'LORA' | 'QLORA';
  rank: number;
  targets: AdapterTargets;
}

/** Precision of the gradients the backward accumulates and DP reduces (see precision.ts gradientBytesOf). */
export type GradientPrecision = 'FP32' | 'BF16' | 'FP16';

/** How stored activations are kept: 'FP8' caches the GEMM inputs in FP8 (DeepSeek-V3 §3.3.2; Transformer Engine). */
export type ActivationStorage = 'FP8';

/** Precision of the optimizer's moments (Adam m and v, SGD momentum); the fp32 master weights stay fp32. */
export type OptimizerMomentPrecision = 'FP32' | 'BF16';

/**
 * Pipeline schedule: ONE_F_ONE_B (Megatron's 1F1B, interleaved when pipelineInterleave > 1) or DUALPIPE (DeepSeek-V3
 * report §3.2.1: two pipelines in opposite directions, rank i holds stages i and p − 1 − i).
 */
export type PipelineSchedule = 'ONE_F_ONE_B' | 'DUALPIPE';

export interface ParallelLayout {
  tensorParallel: number;
  pipelineParallel: number;
  dataParallel: number;
  /** Expert parallel degree for MoE (divides dataParallel × tensorParallel ranks' expert copies); 1 for dense. */
  expertParallel: number;
  /**
   * Tensor-parallel degree of the routed experts (Megatron-Core --expert-tensor-parallel-size, "MoE parallel folding":
   * the expert layout ETP × EP × expert-DP folds over the TP × CP × DP ranks of a stage): 1 or tensorParallel. Absent =
   * tensorParallel (the experts split like the dense MLPs); present only when it differs.
   */
  expertTensorParallel?: number;
  /**
   * Context parallel degree: each sequence is split over this many ranks (load-balanced causal chunks); absent = 1.
   * GPUs = tensorParallel × contextParallel × pipelineParallel × dataParallel (Megatron-Core order TP-CP-DP-PP).
   */
  contextParallel?: number;
  zeroStage: ZeroStage;
  microBatchSize: number;
  globalBatchSize: number;
  sequenceParallel: boolean;
  /** Virtual pipeline stages per GPU (interleaved 1F1B); 1 = plain 1F1B. */
  pipelineInterleave: number;
  /**
   * Transformer layers of each virtual pipeline stage in model order (length pipelineParallel × pipelineInterleave;
   * virtual stage j runs on rank j mod p; the first and last entry may be 0: embedding- or head-only stages). Absent =
   * EVEN (⌊L/n⌋ each, the first L mod n one more). See pipeline.ts.
   */
  pipelineStageLayers?: number[];
  recompute: RecomputeMode;
  /**
   * Under FULL recompute, how many layers of every (virtual) pipeline stage are recomputed — the first N, the others
   * keep all their activations (Megatron-Core recompute_method "block" with recompute_num_layers N). Absent = all of
   * them (FULL). See pipeline.ts recomputedLayerFraction.
   */
  recomputeLayers?: number;
  precision: Precision;
  optimizer: OptimizerKind;
  offload: OffloadTarget;
  /** FlashAttention: no s² attention-score activations are stored. */
  flashAttention: boolean;
  /** Low-rank adapter fine-tuning (frozen base weights); absent = every weight is trained. */
  adapter?: LowRankAdapter;
  /**
   * Gradient precision when it differs from the training precision's default (2 B under mixed precision, ZeRO §3.1):
   * FP32 = Megatron-LM's `main_grad` buffer (4 B: 18 B per parameter with Adam), BF16 = FSDP mixed precision. Absent =
   * the default.
   */
  gradientPrecision?: GradientPrecision;
  /**
   * Precision data parallelism reduces the gradients in when it differs from their stored precision: FP32 = FSDP2's
   * MixedPrecisionPolicy(reduce_dtype=float32) over 16-bit parameters — the unsharded 16-bit gradient is upcast for the
   * reduce-scatter (4 B per element on the wire) and the shard cast back to the parameters' dtype. Absent = the rule of
   * gradientReduceBytesOf (the stored precision; fp16 under Megatron-LM's FP16 with fp32 main gradients).
   */
  gradientReducePrecision?: GradientPrecision;
  /** FP8 storage of the GEMM inputs among the stored activations (FP8 training only); absent = 16-bit. */
  activationStorage?: ActivationStorage;
  /** BF16 optimizer moments (DeepSeek-V3 §3.3.3); absent = FP32 (ZeRO §3.1). */
  optimizerMomentPrecision?: OptimizerMomentPrecision;
  /**
   * false: no FP32 master copy of the weights under mixed precision — the optimizer updates the 16-bit weights in
   * place (a PyTorch optimizer over BF16 parameters: NeMo AutoModel builds its models in BF16 and trains them with
   * torch.optim.Adam). Present only when false; absent = the FP32 master copy of mixed precision (ZeRO §3.1).
   */
  masterWeights?: boolean;
  /**
   * Recompute the cheap operators in the backward instead of storing their outputs (DeepSeek-V3 §3.2.3, §3.3.3): the
   * RMSNorm outputs, MLA's up-projections (Q, K, V rebuilt from the stored latents) and the SwiGLU output (rebuilt from
   * its stored inputs). Absent = false.
   */
  cheapRecompute?: boolean;
  /** DUALPIPE when set; absent = ONE_F_ONE_B. */
  pipelineSchedule?: PipelineSchedule;
}

/** MoE token exchange between nodes (PlanOptions.expertDispatch). */
export type ExpertDispatch = 'ALL_TO_ALL' | 'NODE_DEDUPLICATED';

/** How a rank launches its local experts' GEMMs (PlanOptions.expertGemmLaunch). */
export type ExpertGemmLaunch = 'GROUPED_KERNEL' | 'PER_EXPERT';
export const EXPERT_GEMM_LAUNCHES: readonly ExpertGemmLaunch[] = ['GROUPED_KERNEL', 'PER_EXPERT'];

/** How the element-wise operators around the GEMMs run (PlanOptions.elementwiseKernels). */
export type ElementwiseKernels = 'FUSED' | 'EAGER' | 'EAGER_NORMS' | 'EAGER_FUSED_EXPERTS' | 'EAGER_ROPE';
export const ELEMENTWISE_KERNELS: readonly ElementwiseKernels[] = ['FUSED', 'EAGER', 'EAGER_NORMS', 'EAGER_FUSED_EXPERTS', 'EAGER_ROPE'];

/** How context-parallel ranks exchange K and V (PlanOptions.contextParallelCommunication). */
export type ContextParallelCommunication = 'ALL_GATHER' | 'RING';
export const CONTEXT_PARALLEL_COMMUNICATIONS: readonly ContextParallelCommunication[] = ['ALL_GATHER', 'RING'];

/** How the output head's cross entropy runs (PlanOptions.crossEntropyFusion; Megatron-Core's --cross-entropy-loss-fusion and --cross-entropy-fusion-impl). */
export type CrossEntropyFusion = 'UNFUSED' | 'NATIVE' | 'TE' | 'PYTORCH';
export const CROSS_ENTROPY_FUSIONS: readonly CrossEntropyFusion[] = ['UNFUSED', 'NATIVE', 'TE', 'PYTORCH'];

/**
 * How FP8 tensors are scaled (PlanOptions.fp8Scaling): one scale per tensor (Transformer Engine's delayed or current
 * scaling, Hopper's FP8 recipes), or block scales (MXFP8: one per 32 elements, Blackwell; FP8 blockwise 1×128 / 128×128).
 */
export type Fp8Scaling = 'PER_TENSOR' | 'BLOCK';
export const FP8_SCALINGS: readonly Fp8Scaling[] = ['PER_TENSOR', 'BLOCK'];

/** Knobs a user may override; every one has a documented default in plan.ts. */
export interface PlanOptions {
  /** Fixed framework/CUDA-context/NCCL/allocator overhead per GPU. */
  frameworkOverheadBytes?: number;
  /** Fraction of GPU memory kept free when deciding `fits` (fragmentation, spikes). */
  memoryHeadroomFraction?: number;
  /** Multiply the calibrated matmul efficiency by this factor (1 = calibrated). */
  computeEfficiencyScale?: number;
  /** Replace the efficiency model by a fixed fraction of peak. */
  computeEfficiencyOverride?: number;
  /** Achieved fraction of link bandwidth for collectives. */
  intraNodeCollectiveEfficiency?: number;
  interNodeCollectiveEfficiency?: number;
  /**
   * Whether pipeline point-to-point transfers overlap compute in steady state (default true: Megatron-Core's
   * `overlap_p2p_comm`, DeepSpeed's pipeline engine). false = the 2021 Megatron-LM schedules, whose send/recv were
   * waited on before the next compute: every transfer of every micro-batch and virtual stage is on the critical path.
   */
  overlapPipelineCommunication?: boolean;
  /**
   * Whether data-parallel gradient reduction and (ZeRO) parameter gathers overlap compute (default true: DDP buckets,
   * Megatron-Core `overlap_grad_reduce`/`overlap_param_gather`, DeepSpeed/FSDP prefetch). false = Megatron-LM's
   * distributed optimizer before those flags: the reduce-scatter after the last backward and the all-gather after the
   * optimizer step are on the critical path (every DP collective is exposed).
   */
  overlapDataParallelCommunication?: boolean;
  /**
   * Fraction by which compute slows down while a collective runs beside it (SM and HBM contention); default 0.189
   * (Lee et al. 2025, arXiv 2507.03114: average 18.9 % on A100/H100/MI250/MI210). 0 = ideal overlap (the old model).
   */
  overlapComputeSlowdown?: number;
  /**
   * Whether tensor-parallel collectives are pipelined with the GEMMs they feed (Transformer Engine userbuffers,
   * Megatron-Core/NeMo `tp_comm_overlap`); default false (exposed, as Megatron-LM). Takes effect only with sequence
   * parallel (the only mode in which Megatron-Bridge enables it).
   */
  overlapTensorParallelCommunication?: boolean;
  /**
   * Whether the backward's tensor-parallel collectives of the column-parallel GEMMs (QKV, fc1: the input-gradient
   * all-reduce or reduce-scatter, and sequence parallel's re-gather) run asynchronously under their weight- and
   * input-gradient GEMMs (Megatron-LM since 2022 `async_tensor_model_parallel_allreduce`, Megatron-Core default).
   * Default false (the 2021 Megatron-LM behaviour: every TP collective exposed). Implied by
   * overlapTensorParallelCommunication, which overlaps all of them.
   */
  overlapTensorParallelBackward?: boolean;
  /**
   * Whether the MoE all-to-all (dispatch and combine) runs under other compute: DeepSeek-V3's DualPipe overlaps one
   * micro-batch's all-to-all with another's computation ("near-zero all-to-all communication overhead", DeepSeek-V3
   * §3.2.1); Megatron-Core's `overlap_moe_expert_parallel_comm` does the same. Default false (exposed).
   */
  overlapExpertParallelCommunication?: boolean;
  /**
   * ZeRO-3 / FSDP: whether a layer's gathered parameters are freed after its forward (PyTorch FSDP2 `fully_shard(
   * reshard_after_forward=True)`, the default; DeepSpeed ZeRO-3 releases them after use) and gathered again for its
   * backward, or kept until the backward (`reshard_after_forward=False`): one all-gather per micro-batch instead of two,
   * and the stage's parameters whole from forward to backward (peak as ZeRO-2's). Under ZeRO-3 without offload; default true.
   */
  reshardAfterForward?: boolean;
  /**
   * How context-parallel ranks exchange K and V. ALL_GATHER (default): Llama 3's CP (§3.3.2) — the K/V of the whole
   * sequence all-gathered before attention and their gradients reduce-scattered after, exposed. RING: Megatron-Core's
   * default (TransformerConfig cp_comm_type "p2p", AttnFuncWithCPAndKVP2P): K/V chunks pass around the CP ring, each step
   * under the attention of the chunk already there; the backward passes K/V and their gradients. Only what the attention
   * cannot hide (and the contention share, overlapComputeSlowdown) counts.
   */
  contextParallelCommunication?: ContextParallelCommunication;
  /** The FlashAttention kernel (attention-kernel.ts): CUDNN by default; PYTORCH_SDPA as torchtitan calls it (FlashAttention-2 on Hopper). */
  attentionKernel?: AttentionKernel;
  /**
   * How the MoE dispatch/combine moves tokens between nodes. ALL_TO_ALL (default): one copy per routed expert over
   * the network (NCCL all-to-all). NODE_DEDUPLICATED: DeepEP's normal kernels / DeepSeek-V3 §3.2.2 — a token crosses
   * InfiniBand once per destination node (to the GPU with the same in-node index), then is forwarded over NVLink to
   * the GPUs holding its experts.
   */
  expertDispatch?: ExpertDispatch;
  /**
   * How the local experts' GEMMs are launched. GROUPED_KERNEL (default): one grouped kernel reads the per-expert token
   * counts on the device (DeepGEMM's grouped GEMM, DeepSeek-V3) — no host work per expert. PER_EXPERT: Transformer
   * Engine's GroupedLinear (Megatron-Core's TEGroupedMLP) takes the split sizes as a host list (m_splits), so the
   * dispatcher copies the tokens per expert to the host and the GPU then waits on host work for every local expert's
   * GEMMs and FP8 casts (performance/expert-parallel.ts).
   */
  expertGemmLaunch?: ExpertGemmLaunch;
  /**
   * How FP8 tensors are scaled; acts on FP8 plans. PER_TENSOR (default): delayed or current scaling, one scale per
   * tensor — under PER_EXPERT launches each local expert's quantisation is host work of its own (Transformer Engine's
   * split_quantize allocates every split apart). BLOCK: MXFP8 or FP8 blockwise — split_quantize allocates all the
   * experts' quantised splits in one bulk allocation, so the casts add no per-expert host work (expert-parallel.ts).
   */
  fp8Scaling?: Fp8Scaling;
  /**
   * How the rotary embedding and the SwiGLU product run. FUSED (default): one kernel each (Megatron-Core/Transformer
   * Engine's fused RoPE and bias-SwiGLU, or torch.compile). EAGER: PyTorch operators one by one, as torchtitan's model
   * without torch.compile — RoPE as an fp32 complex multiply, SwiGLU as silu then multiply — more HBM traffic in the
   * compute term (performance/compute.ts eagerElementwiseBytes). EAGER_FUSED_EXPERTS: the same, except the routed
   * experts' SwiGLU, which runs fused (NeMo AutoModel's MoE models: eager RoPE and dense/shared MLPs, DeepEP experts
   * through weighted_bias_swiglu_impl). EAGER_ROPE: only RoPE, in Megatron-Core's unfused form (YaRN models: gpt-oss).
   */
  elementwiseKernels?: ElementwiseKernels;
  /**
   * How the output head's cross entropy runs, in HBM bytes per logit (performance/compute.ts): UNFUSED (default:
   * Megatron-Core's VocabParallelCrossEntropy operator by operator in fp32, 52 B), NATIVE (Megatron-Core's
   * --cross-entropy-loss-fusion with the native impl: the same steps compiled into four fused kernels, 28 B), TE
   * (--cross-entropy-fusion-impl te: Transformer Engine's online-softmax kernels, the gradient written in place in 16
   * bits, 10 B).
   */
  crossEntropyFusion?: CrossEntropyFusion;
  /**
   * Precision the routed experts' gradients are reduced in, where it differs from the dense weights'
   * (gradientReducePrecision): NeMo AutoModel reduces its blocks in FP32 (their FSDP2 MixedPrecisionPolicy) but shards
   * the experts with their own fully_shard, which reduces in the BF16 of the weights. Absent = as the dense weights.
   * Only where the experts are reduced (their expert-data-parallel group has more than one rank).
   */
  expertGradientReducePrecision?: GradientPrecision;
  /**
   * Host seconds per per-expert GEMM or (PER_TENSOR fp8Scaling) FP8 cast of a PER_EXPERT launch, per layer and micro-batch (default 49.5 µs,
   * calibrated: performance/expert-parallel.ts EXPERT_HOST_SECONDS_PER_OPERATION); lower it for a faster host or CUDA
   * graphs that capture the experts, 0 to leave it out.
   */
  expertHostSecondsPerOperation?: number;
  /**
   * SMs the overlapped MoE all-to-all kernels hold while they run (DeepSeek-V3 §3.2.2: 20 of the H800's 132, warp-
   * specialised into 10 channels; DeepEP's normal kernels hold Buffer.num_sms, 20 by default). With it and the GPU's SM count,
   * compute beside the all-to-all runs on the other SMs — a slowdown S_comm/(S − S_comm) in place of
   * overlapComputeSlowdown for that overlap. Absent = the generic contention slowdown.
   */
  communicationStreamingMultiprocessors?: number;
  /**
   * Routed tokens the busiest expert-parallel rank receives per micro-batch, as a multiple of the mean (≥ 1; default 1 =
   * perfectly balanced, as DeepSeek's published training profile simulates). The all-to-all and the expert GEMMs wait
   * for the busiest rank, so both take this many times the balanced time, and its routed experts' activations grow as
   * much (moe-load.ts); FLOP counts stay the mean's. MoE with EP > 1.
   */
  expertLoadImbalance?: number;
  /**
   * Pipeline schedules per optimizer step (default 1): gradient accumulation over separate pipeline runs, each of
   * m / flushes micro-batches with its own fill and drain — NeMo AutoModel's GA column (local batches per step, each a
   * PyTorch pipelining schedule of LBS / MBS micro-batches). Must divide the micro-batches per step.
   */
  pipelineFlushesPerStep?: number;
  /** Tokens to train on; with it the estimate includes a run (steps, days, cost, energy). */
  trainingTokens?: number;
}

export interface MemoryEstimate {
  /** Device bytes on the most-loaded GPU, by kind. */
  parametersBytes: number;
  gradientsBytes: number;
  optimizerStatesBytes: number;
  activationsBytes: number;
  /** Communication buffers, logits and other transient tensors. */
  temporaryBytes: number;
  /** Framework/allocator overhead (user-settable). */
  overheadBytes: number;
  totalBytes: number;
  capacityBytes: number;
  /** Host (CPU RAM) and NVMe bytes per GPU under offload, on the stage that needs most. */
  hostBytes: number;
  nvmeBytes: number;
  /** Which pipeline stage is the most loaded (0-based). */
  mostLoadedStage: number;
}

export interface CommunicationEstimate {
  /** Bytes each GPU sends per step, by collective. */
  dataParallelBytes: number;
  tensorParallelBytes: number;
  pipelineParallelBytes: number;
  expertParallelBytes: number;
  /** Context parallel K/V all-gathers and gradient reduce-scatters (0 without CP). */
  contextParallelBytes: number;
  /** Time each collective takes per step if nothing overlapped. */
  dataParallelSeconds: number;
  tensorParallelSeconds: number;
  pipelineParallelSeconds: number;
  expertParallelSeconds: number;
  contextParallelSeconds: number;
  /** Part of the above on the critical path after the overlap model. */
  exposedSeconds: number;
  /** exposedSeconds by source; the six add up to exposedSeconds (offload: PCIe/NVMe parameter traffic not hidden). */
  exposedTensorParallelSeconds: number;
  exposedPipelineParallelSeconds: number;
  exposedDataParallelSeconds: number;
  exposedContextParallelSeconds: number;
  exposedExpertParallelSeconds: number;
  exposedOffloadSeconds: number;
}

export interface PerformanceEstimate {
  stepSeconds: number;
  /** Breakdown of stepSeconds: compute + bubble + exposed communication + per-expert host work + optimizer = step. */
  computeSeconds: number;
  bubbleSeconds: number;
  exposedCommunicationSeconds: number;
  optimizerSeconds: number;
  /**
   * Host seconds of PER_EXPERT expert GEMM launches left on the critical path (the work after the dispatcher's
   * device-to-host sync, never hidden): the EXPERT_HOST term, apart from exposedCommunicationSeconds (transfers only).
   * 0 without MoE layers or with grouped expert kernels.
   */
  expertHostSeconds: number;
  bubbleFraction: number;
  /** Matmul efficiency used (fraction of peak). */
  computeEfficiency: number;
  tokensPerSecond: number;
  modelFlopsPerStep: number;
  hardwareFlopsPerStep: number;
  modelFlopsPerSecondPerGpu: number;
  hardwareFlopsPerSecondPerGpu: number;
  modelFlopsUtilization: number;
  hardwareFlopsUtilization: number;
}

export interface RunEstimate {
  trainingTokens: number;
  steps: number;
  seconds: number;
  days: number;
  gpuHours: number;
  costUsd: number;
  energyKwh: number;
  /** Total training compute, model FLOPs convention. */
  modelFlops: number;
}
export type DiagnosticSeverity = 'INFO' | 'WARNING' | 'ERROR';
export interface Diagnostic {
  severity: DiagnosticSeverity;
  /** Stable machine code, e.g. `OUT_OF_MEMORY`, `TP_ACROSS_NODES`. */
  code: string;
  message: string;
}

/** One term of the step time as plans carry it (performance/context.ts StepTerm, whose names are StepTermName). */
export interface StepTimeTerm {
  name: string;
  /** Its time over the whole step, before any overlap. */
  seconds: number;
  /** What it adds to the step's critical path (after overlap with compute). */
  exposedSeconds: number;
  /** Bytes one GPU sends for it over the step (communication terms; 0 otherwise). */
  bytes: number;
  /** How it was computed: the formula and the source of its rule. */
  explanation: string;
}

export interface PlanEstimate {
  memory: MemoryEstimate;
  communication: CommunicationEstimate;
  performance: PerformanceEstimate;
  /** The terms the step time is the sum of (performance/step.ts: their exposedSeconds add up to stepSeconds). */
  terms: readonly StepTimeTerm[];
  run: RunEstimate | null;
  fits: boolean;
  diagnostics: Diagnostic[];
}
