/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** How stored activations are kept (absent = 16-bit). */
export type ActivationStorage =
  /** GEMM inputs cached in FP8 for the backward (DeepSeek-V3 §3.3; FP8 training only). */
  | 'FP8';

/** Fine-tune with frozen base weights and trained low-rank adapters (LoRA, QLoRA): gradients and optimizer states for the adapters only, no weight gradients for the frozen matmuls. Dense models with MHA/GQA/MQA; no offload. */
export type AdapterInput = {
  /** LORA (frozen 16-bit weights) or QLORA (frozen 4-bit layers). */
  method: AdapterMethod;
  /** Adapter rank r (1 to hiddenSize). */
  rank: number;
  /** Which matrices get adapters. Default ATTENTION (W_q, W_k, W_v, W_o). */
  targets?: AdapterTargets | null | undefined;
};

/** How the frozen base weights are kept during low-rank adapter fine-tuning. */
export type AdapterMethod =
  /** LoRA (Hu et al. 2021): base weights at the training precision, frozen. */
  | 'LORA'
  /** QLoRA (Dettmers et al. 2023): the layers' base weights in 4-bit NF4 with double quantization (4.127 bits each), frozen. */
  | 'QLORA';

/** Which weight matrices of every layer get an adapter B·A of rank r. */
export type AdapterTargets =
  /** All attention projections and the MLP matrices (QLoRA's setting). */
  | 'ALL_LINEAR'
  /** W_q, W_k, W_v and W_o. */
  | 'ATTENTION'
  /** W_q and W_v (the LoRA paper's GPT-3 setting). */
  | 'ATTENTION_QV';

/** The family a parameter count is shaped into (docs/budget.md has the ratios and their sources). */
export type ArchitectureFamily =
  /** GPT-3 shapes (Brown et al. 2020 Table 2.1): width ≈ 128 × layers, heads of 128, 4h GELU MLP, learned positions. */
  | 'GPT'
  /** Llama 3 shapes (Dubey et al. 2024 Table 3): width ≈ 128 × layers, 8 KV heads, SwiGLU FFN 3.5 × width, rotary. */
  | 'LLAMA'
  /** The Llama shape with every MLP as `experts` routed experts, `expertsPerToken` per token (Mixtral: 8, top-2). */
  | 'MOE';

/** Where an assumption of a plan comes from. */
export type AssumptionOrigin =
  /** The planner's default. */
  | 'DEFAULT'
  /** The named recipe (`recipe`). */
  | 'RECIPE'
  /** Chosen by planSearch. */
  | 'SEARCH'
  /** An explicit input. */
  | 'USER';

/** Which FlashAttention kernel the attention runs (options.attentionKernel). */
export type AttentionKernel =
  /** cuDNN's fused attention, as Transformer Engine runs it under Megatron-Core and NeMo (the default; the rate cuDNN's SDPA benchmark measures). */
  | 'CUDNN'
  /** PyTorch's scaled_dot_product_attention as torchtitan calls it: FlashAttention-2 on A100 and Hopper — on Hopper at 0.574 × cuDNN's rate (NVIDIA's comparison, cudnn-frontend benchmark/sdpa_benchmark) — and cuDNN on Blackwell. */
  | 'PYTORCH_SDPA';

/** What limits the answer. */
export type BindingConstraint =
  /** The dollars: the deadline would allow more tokens. */
  | 'BUDGET'
  /** The unique tokens: the plan repeats data (epochs > 1), each repetition worth less (Muennighoff et al. 2023). */
  | 'DATA'
  /** The days: the budget would pay for more. */
  | 'DEADLINE'
  /** The fleet's memory: no larger model fits with any layout searched. */
  | 'MEMORY'
  /** The inverse question: the run stops at the target loss. */
  | 'TARGET_LOSS';

/** Dollars and/or days, a fleet, a scaling law and a model family: what is the best run? Give budgetUsd, deadlineDays or targetLoss (or several). */
export type BudgetPlanInput = {
  /** Unique training tokens available; beyond them, data repeats with diminishing value. */
  availableTokens?: number | null | undefined;
  /** Most US dollars to spend, failures and restarts included. */
  budgetUsd?: number | null | undefined;
  /** The fleet as a cluster; maxGpus, if given, uses at most that many of its GPUs. */
  clusterSpec?: ClusterInput | null | undefined;
  /** Most days of expected wall time, failures and restarts included. */
  deadlineDays?: number | null | undefined;
  /** MOE: routed experts per layer (default 8). */
  experts?: number | null | undefined;
  /** MOE: experts per token (default 2). */
  expertsPerToken?: number | null | undefined;
  /** The architecture family each size is shaped into. */
  family?: ArchitectureFamily | null | undefined;
  /** Catalog GPU id of the fleet (nodes of its usual size), e.g. `h100-sxm`; or give clusterSpec. */
  gpu?: string | null | undefined;
  /** Price per GPU-hour in US dollars (default: the cluster's, else the GPU's catalog price). */
  gpuHourUsd?: number | null | undefined;
  /** MFU 1 and no failures: the answer is then the law's own allocation of the compute the budget buys (computeOptimal). */
  idealUtilisation?: boolean | null | undefined;
  /** The scaling law that predicts the loss and the ideal allocation. */
  law?: ScalingLaw | null | undefined;
  /** Most GPUs to use (with gpu: required). The search also tries the largest power of two within them, its half and its quarter. */
  maxGpus?: number | null | undefined;
  /** Confirm the analytic expected days with this many simulated runs (0–50). */
  monteCarloReplicas?: number | null | undefined;
  /** Training precision (peak FLOP/s and bytes). */
  precision?: Precision | null | undefined;
  /** Reliability preset (see reliabilityPresets; default llama3-405b), or `none` for no failures. */
  reliability?: string | null | undefined;
  /** Context length in tokens (default: GPT 2,048, LLAMA/MOE 8,192). */
  sequenceLength?: number | null | undefined;
  /** The inverse question: the cheapest run that reaches this loss (nats per token, on the law's own data). */
  targetLoss?: number | null | undefined;
};

/** Which optimum to use when no checkpoint interval is given. */
export type CheckpointIntervalPolicy =
  /** Daly (2006) higher-order optimum (default). */
  | 'DALY'
  /** Young (1974) τ = √(2δM). */
  | 'YOUNG';

/** How checkpoints block training. */
export type CheckpointMode =
  /** Only the device→host copy blocks; the write persists in the background and is durable only when done. */
  | 'ASYNC'
  /** The whole write blocks (bytes / storage write bandwidth). */
  | 'SYNC';

/** A cluster of `nodes × gpusPerNode` identical catalog GPUs (at most 1,000,000 GPUs). */
export type ClusterInput = {
  /** Catalog GPU id, e.g. `a100-80gb` (see `gpus`). */
  gpu: string;
  /** Price per GPU-hour in US dollars (0–10,000). Default: the GPU's catalog price. */
  gpuHourUsd?: number | null | undefined;
  /** GPUs per node (1–1024): the GPUs that share one NVLink domain — 8 on an HGX/DGX server, up to 72 in a GB200 / GB300 NVL72 rack (64 when a job uses 64 of each rack); tensor, expert and context parallelism beyond a node cross the slower network. */
  gpusPerNode: number;
  /** CPU RAM per node in bytes (1e9–1e15), where offloaded states live. Default: the GPU's usual server (DGX A100 640GB: 2 TB). */
  hostMemoryBytesPerNode?: number | null | undefined;
  /** Inter-node (NIC) bandwidth per GPU in bytes/s, one direction (1e8–1e13), when the fabric differs from the GPU's usual server — e.g. 6.25e9 for four 100 Gb/s links per node of 8 (BLOOM's Jean Zay). Default: the GPU's (`Gpu.interNodeBandwidthBytesPerSecond`); the cluster's `gpu` shows the value used. */
  interNodeBandwidthBytesPerSecond?: number | null | undefined;
  /** Display name (at most 200 characters). */
  name?: string | null | undefined;
  /** Nodes (≥ 1). */
  nodes: number;
  /** Local NVMe per node in bytes (0–1e15) for NVMe offload. Default: the GPU's usual server (DGX A100 640GB: 30 TB). */
  nvmeBytesPerNode?: number | null | undefined;
  /** Power usage effectiveness of the data centre (1–3), for energy. Default 1.2. */
  pue?: number | null | undefined;
};

/** How context-parallel ranks exchange K and V (options.contextParallelCommunication). */
export type ContextParallelCommunication =
  /** Llama 3's CP (§3.3.2): K/V of the whole sequence all-gathered before attention, gradients reduce-scattered after; exposed (the default). */
  | 'ALL_GATHER'
  /** Megatron-Core's default (cp_comm_type "p2p"): K/V chunks pass around the CP ring in c − 1 point-to-point steps under the attention of the chunk held; the backward passes K/V and their gradients. Only what the attention cannot hide counts. */
  | 'RING';

/** How the output head's cross entropy runs (options.crossEntropyFusion; Megatron-Core --cross-entropy-loss-fusion and --cross-entropy-fusion-impl). */
export type CrossEntropyFusion =
  /** Megatron-Core's fused cross entropy, native implementation: the same steps compiled into four fused kernels, 28 bytes per logit. */
  | 'NATIVE'
  /** PyTorch's F.cross_entropy on 16-bit logits (log_softmax and nll_loss, as Hugging Face transformers computes the loss): 12 bytes per logit. */
  | 'PYTORCH'
  /** Transformer Engine's parallel cross entropy (--cross-entropy-fusion-impl te; Megatron-Bridge's performance configs): online softmax, the gradient written over the 16-bit logits, 10 bytes per logit. */
  | 'TE'
  /** Megatron-Core's VocabParallelCrossEntropy operator by operator in fp32: 52 bytes of HBM traffic per logit (the default). */
  | 'UNFUSED';

/** How serious a diagnostic is. */
export type DiagnosticSeverity =
  /** The plan cannot run as described (e.g. out of memory). */
  | 'ERROR'
  /** Worth knowing; the plan is fine. */
  | 'INFO'
  /** The plan runs but is probably not what you want (slow, wasteful, risky). */
  | 'WARNING';

/** How the rotary embedding and the SwiGLU product run (options.elementwiseKernels). */
export type ElementwiseKernels =
  /** PyTorch operators one by one, as torchtitan without torch.compile: RoPE as an fp32 complex multiply (16 more bytes per query and key element each way), SwiGLU as silu then multiply (4 more bytes per MLP element forward, 8 backward). */
  | 'EAGER'
  /** As EAGER, except the routed experts' SwiGLU, which runs fused: NeMo AutoModel's MoE models (eager RoPE and dense or shared MLPs; DeepEP experts through weighted_bias_swiglu_impl). */
  | 'EAGER_FUSED_EXPERTS'
  /** As EAGER, and the RMSNorms too, operator by operator in fp32 (Hugging Face transformers' LlamaRMSNorm, torchtitan's norm_type "rmsnorm"): 32 more bytes per hidden element forward and 64 backward for each of a layer's two norms. */
  | 'EAGER_NORMS'
  /** Only the rotary embedding eager, in Megatron-Core's unfused rotate-half form (20 more bytes per query and key element forward, 16 backward); everything else fused. Megatron-Core falls back to it for YaRN models (gpt-oss) whose concentration factor Transformer Engine's fused RoPE does not take. */
  | 'EAGER_ROPE'
  /** One kernel each: Megatron-Core/Transformer Engine's fused RoPE and SwiGLU, or torch.compile (the default). */
  | 'FUSED';

/** How the MoE dispatch and combine move tokens between nodes (options.expertDispatch). */
export type ExpertDispatch =
  /** One copy per routed expert over the network (NCCL all-to-all; the default). */
  | 'ALL_TO_ALL'
  /** DeepSeek-V3 §3.2.2 / DeepEP: a token crosses InfiniBand once per destination node, then is forwarded over NVLink to the GPUs holding its experts. */
  | 'NODE_DEDUPLICATED';

/** How a rank launches its local experts' GEMMs (options.expertGemmLaunch). */
export type ExpertGemmLaunch =
  /** One grouped kernel with the token counts on the device (DeepGEMM, DeepSeek-V3): no host work per expert (the default). */
  | 'GROUPED_KERNEL'
  /** Transformer Engine's GroupedLinear (Megatron-Core): one GEMM per local expert from host split sizes; the GPU waits on host work per expert after the dispatcher's sync (49.5 µs per GEMM or per-tensor-scaled FP8 cast, calibrated: options.expertHostSecondsPerOperation). */
  | 'PER_EXPERT';

/** How unexpected failures arrive. */
export type FailureModel =
  /** Superposition of independent components: a Poisson process of rate N·λ (job MTTF = MTBF/N). */
  | 'POISSON'
  /** One Weibull renewal clock per node (shape weibullShape), started from its equilibrium residual life unless weibullStart = FRESH. */
  | 'WEIBULL';

/** How FP8 tensors are scaled (options.fp8Scaling; acts on FP8 plans). */
export type Fp8Scaling =
  /** Block scales: MXFP8 (one scale per 32 elements, Blackwell) or FP8 blockwise (1×128 / 128×128). TE's split_quantize allocates all the experts' quantised splits at once: the casts add no per-expert host work. */
  | 'BLOCK'
  /** One scale per tensor: Transformer Engine's delayed or current scaling, Hopper's FP8 recipes (the default). With PER_EXPERT launches each local expert's quantisation is host work of its own (TE's split_quantize allocates each split apart). */
  | 'PER_TENSOR';

/** How many GPUs a layout may use. */
export type GpuBudgetMode =
  /** Exactly gpuBudget GPUs (default: the whole cluster). */
  | 'EXACT'
  /** Any count up to gpuBudget: whole nodes, or part of one node. */
  | 'UP_TO';

/** Precision gradients are accumulated in and reduced with. */
export type GradientPrecision =
  /** 2 B: FSDP mixed precision with a bf16 reduce dtype. */
  | 'BF16'
  /** 2 B: the ZeRO paper's fp16 gradients. */
  | 'FP16'
  /** 4 B per parameter: Megatron-LM's fp32 main_grad (18 B per parameter with Adam). */
  | 'FP32';

/** Multi-head latent attention (DeepSeek-V2 §2.1): low-rank query and key/value latents projected up to the heads. */
export type LatentAttentionInput = {
  /** Rank of the joint key/value latent (kv_lora_rank, d_c). */
  kvRank: number;
  /** Per-head Q/K width without rotary embedding (qk_nope_head_dim). */
  qkNopeHeadDim: number;
  /** Per-head width of the decoupled rotary Q/K part, its key shared by all heads (qk_rope_head_dim). */
  qkRopeHeadDim: number;
  /** Rank of the query latent (q_lora_rank, d_c'); 0 = a full-rank W_Q (DeepSeek-V2-Lite). */
  queryRank: number;
  /** Per-head V width (v_head_dim). */
  vHeadDim: number;
};

/** A transformer architecture. Omitted fields take the usual defaults: kvHeads = attentionHeads, ffnHiddenSize = 4·hiddenSize (8/3·hiddenSize when gatedMlp), tiedEmbeddings = !gatedMlp, dense (experts = 1). */
export type ModelInput = {
  /** The clamp a gated MLP puts on its inputs before the activation: the gate to at most this value, the linear half to ± it (gpt-oss: 7, its config's swiglu_limit; Megatron-Core's activation_func_clamp_value). Where a framework runs the clamps as separate operators (Megatron-Core's grouped experts, options.expertGemmLaunch PER_EXPERT) they cost element-wise passes. Needs gatedMlp. Default none. */
  activationClamp?: number | null | undefined;
  /** Query heads. */
  attentionHeads: number;
  /** Inner width of those dense MLPs (DeepSeek-V3: 18,432). Default: ffnHiddenSize. */
  denseFfnHiddenSize?: number | null | undefined;
  /** MoE models: how many layers have a dense MLP of denseFfnHiddenSize instead of the MoE block (DeepSeek-V3: 3 of 61). Default 0. */
  denseLayers?: number | null | undefined;
  /** Training applies dropout, so its masks are stored for the backward pass (Korthikanti et al. 2022). Default true; false for LLaMA-style recipes (no masks: 2·s·b·h bytes less per layer and micro-batch, plus 3·a·s²·b without FlashAttention). */
  dropout?: boolean | null | undefined;
  /** Group-limited routing (DeepSeek-V3 §2.1.2 node-limited routing; Hugging Face n_group): the routed experts split into this many equal groups (a divisor of experts). Give it with expertGroupsPerToken; omit both for routing to any expert. */
  expertGroups?: number | null | undefined;
  /** Groups each token may pick its experts from (Hugging Face topk_group; DeepSeek-V3: 4 of 8), 1–expertGroups, holding at least expertsPerToken experts. */
  expertGroupsPerToken?: number | null | undefined;
  /** Routed experts per MoE layer (1 = dense). */
  experts?: number | null | undefined;
  /** Routed experts each token visits (top-k), ≤ experts. */
  expertsPerToken?: number | null | undefined;
  /** MLP inner width (per expert for MoE). */
  ffnHiddenSize?: number | null | undefined;
  /** SwiGLU-style gated MLP (three matrices) instead of two. */
  gatedMlp?: boolean | null | undefined;
  /** Width of one attention head. Default hiddenSize / attentionHeads; set it where heads × headDim ≠ hiddenSize (Gemma 7B: 16 × 256 on 3,072; Qwen3-0.6B: 16 × 128 on 1,024). */
  headDim?: number | null | undefined;
  /** Model width h; a multiple of attentionHeads unless headDim is given. */
  hiddenSize: number;
  /** Key/value heads (GQA/MQA); a divisor of attentionHeads. Default: attentionHeads. */
  kvHeads?: number | null | undefined;
  /** Multi-head latent attention (DeepSeek-V2/V3) instead of MHA/GQA projections; kvHeads must then equal attentionHeads. */
  latentAttention?: LatentAttentionInput | null | undefined;
  /** Transformer layers (blocks). */
  layers: number;
  /** Linear layers carry biases. Default: !gatedMlp. */
  linearBiases?: boolean | null | undefined;
  /** Multi-token prediction modules trained beside the model (DeepSeek-V3 §2.2, D = 1; Hugging Face num_nextn_predict_layers): each one more Transformer block and a 2h → h projection sharing the embedding and head, on the head's pipeline rank. Default 0. */
  multiTokenPredictionDepth?: number | null | undefined;
  /** Display name (at most 200 characters). */
  name?: string | null | undefined;
  /** Norm type. Default: RMSNORM when gatedMlp, else LAYERNORM. */
  normalization?: Normalization | null | undefined;
  /** Position encoding. Default: ROTARY when gatedMlp, else LEARNED. */
  positionEmbedding?: PositionEmbedding | null | undefined;
  /** YaRN's attention factor on the rotary embedding's cos and sin (Hugging Face rope_scaling attention_factor, else 0.1·ln(factor) + 1 or the mscale ratio; Megatron-Core's concentration factor): gpt-oss 1.347. Megatron-Core cannot fuse RoPE with a factor other than 1, so the MEGATRON_CORE recipe runs it unfused (options.elementwiseKernels EAGER_ROPE). Needs positionEmbedding ROTARY. Default 1 (none). */
  ropeAttentionFactor?: number | null | undefined;
  /** Training context length in tokens. */
  sequenceLength: number;
  /** Always-on shared experts per MoE layer (DeepSeek-style). Default 0. */
  sharedExperts?: number | null | undefined;
  /** Sliding-window attention: each query attends to at most this many keys (Mistral 7B: 4,096). Cuts attention FLOPs when shorter than sequenceLength; omit for global attention. */
  slidingWindow?: number | null | undefined;
  /** How many layers use slidingWindow (Gemma 2: half, Gemma 3: 5 of 6); the rest attend globally. Default: all layers. Needs slidingWindow. */
  slidingWindowLayers?: number | null | undefined;
  /** Input embedding and output head share weights. */
  tiedEmbeddings?: boolean | null | undefined;
  /** Vocabulary size (tokens). */
  vocabSize: number;
};

/** Normalisation layer type (decides 1 or 2 parameter vectors per norm). */
export type Normalization =
  /** LayerNorm with gain and bias. */
  | 'LAYERNORM'
  /** RMSNorm with gain only. */
  | 'RMSNORM';

/** What lives off the GPU (ZeRO-Offload / ZeRO-Infinity). */
export type Offload =
  /** Everything on the GPU. */
  | 'NONE'
  /** fp32 optimizer states and their update in host (CPU) memory (ZeRO-Offload). */
  | 'OPTIMIZER_CPU'
  /** fp32 optimizer states on NVMe (ZeRO-Infinity). */
  | 'OPTIMIZER_NVME'
  /** Optimizer states and 16-bit parameters in host memory; requires zeroStage 3. */
  | 'PARAMETERS_CPU'
  /** Optimizer states and 16-bit parameters on NVMe; requires zeroStage 3. */
  | 'PARAMETERS_NVME';

/** Optimizer; sets the optimizer-state bytes per parameter (K in the ZeRO paper, §3.1). */
export type Optimizer =
  /** Adafactor without first moment: factored second moments (negligible) plus fp32 master weights, K ≈ 4 bytes per parameter under mixed precision. */
  | 'ADAFACTOR'
  /** Adam: fp32 master weights, momentum and variance, K = 12 bytes per parameter under mixed precision (8 in FP32). */
  | 'ADAM'
  /** AdamW (decoupled weight decay): same state as Adam, K = 12 bytes per parameter under mixed precision. */
  | 'ADAMW'
  /** 8-bit Adam (Dettmers et al. 2022): two 1-byte states plus fp32 master weights, K ≈ 6 bytes per parameter under mixed precision. */
  | 'ADAM_8BIT'
  /** SGD with momentum: fp32 master weights and momentum, K = 8 bytes per parameter under mixed precision. */
  | 'SGD_MOMENTUM';

/** Precision of the optimizer's moments (Adam's m and v, SGD's momentum); fp32 master weights either way. */
export type OptimizerMomentPrecision =
  /** 2 B per moment (DeepSeek-V3 §3.3.3: K = 8 for Adam); ADAM, ADAMW and SGD_MOMENTUM only. */
  | 'BF16'
  /** 4 B per moment (ZeRO paper §3.1: K = 12 for mixed-precision Adam). */
  | 'FP32';

/** How the layers are split over the pipelineParallel × pipelineInterleave virtual stages (model order; virtual stage j runs on GPU rank j mod pipelineParallel; the embedding sits on the first, the output head on the last). */
export type PipelineLayerSplit =
  /** The planner's choice (what planSearch uses): EVEN or FIRST_LAST_ONE_FEWER, whichever has the smaller slowest rank counting the output head in layer-equivalent FLOPs; ties go to fewer layers on the first rank. */
  | 'BALANCED'
  /** floor(L/n) layers each, the first L mod n one more (Megatron-LM; the default). Every virtual stage holds a layer. */
  | 'EVEN'
  /** Llama 3 (Dubey et al. 2024 §3.3.2): L + 2 slots split EVEN, then the first and the last virtual stage one layer fewer (they hold the embedding and the head); they may hold none. 126 layers over 16: 7, 8 × 14, 7. */
  | 'FIRST_LAST_ONE_FEWER';

/** Pipeline schedule. */
export type PipelineSchedule =
  /** DeepSeek-V3 §3.2.1: two pipelines in opposite directions; rank i holds stages i and p − 1 − i (2× parameters, p + 1 micro-batches of activations; Table 2). Even pipelineParallel, no interleaving. Memory only: the step time keeps 1F1B's bubble. */
  | 'DUALPIPE'
  /** 1F1B (Narayanan et al. 2021), interleaved when pipelineInterleave > 1 (the default). */
  | 'ONE_F_ONE_B';

/** Planner knobs; every one has a documented default (docs/api.md and src/core/plan.ts). */
export type PlanOptionsInput = {
  /** Which FlashAttention kernel runs (default CUDNN: cuDNN's fused attention, as Transformer Engine; PYTORCH_SDPA: PyTorch's scaled_dot_product_attention as torchtitan calls it — FlashAttention-2 on A100 and Hopper, cuDNN on Blackwell). The recipe TORCHTITAN_FSDP2 sets PYTORCH_SDPA. */
  attentionKernel?: AttentionKernel | null | undefined;
  /** Streaming multiprocessors the overlapped MoE all-to-all kernels hold (DeepSeek-V3 §3.2.2: 20 of the H800's 132; DeepEP's default 20): compute beside an overlapped all-to-all runs on the others, in place of overlapComputeSlowdown. 1 to the GPU's SM count − 1. Default: none reserved. */
  communicationStreamingMultiprocessors?: number | null | undefined;
  /** Replaces the efficiency model by a fixed fraction of peak (0.01–1). */
  computeEfficiencyOverride?: number | null | undefined;
  /** Multiplies the calibrated matmul efficiency (0.01–2). */
  computeEfficiencyScale?: number | null | undefined;
  /** How context-parallel ranks exchange K and V (default ALL_GATHER, Llama 3's, exposed; RING: Megatron-Core's default p2p ring, hidden under the attention where it can be — the MEGATRON_CORE recipe sets it). Acts with contextParallel > 1. */
  contextParallelCommunication?: ContextParallelCommunication | null | undefined;
  /** How the output head's cross entropy runs, in HBM bytes per logit on the head's stage (default UNFUSED: Megatron-Core's operator-by-operator fp32 cross entropy, 52 B; NATIVE: its fused implementation, 28 B; TE: Transformer Engine's, 10 B — what Megatron-Bridge's performance configs run; PYTORCH: F.cross_entropy on 16-bit logits, as Hugging Face transformers, 12 B). */
  crossEntropyFusion?: CrossEntropyFusion | null | undefined;
  /** How RoPE and SwiGLU run (default FUSED: fused kernels, Megatron-Core/Transformer Engine or torch.compile; EAGER: PyTorch operators one by one, as torchtitan without torch.compile — more HBM traffic in COMPUTE; EAGER_NORMS: the same and the RMSNorms in fp32 op by op, as Hugging Face transformers and torchtitan's norm_type "rmsnorm"; EAGER_FUSED_EXPERTS: the same with the routed experts' SwiGLU fused, as NeMo AutoModel's MoE models; EAGER_ROPE: only RoPE eager, Megatron-Core's unfused form, as it runs YaRN models like gpt-oss). The recipe TORCHTITAN_FSDP2 sets EAGER. */
  elementwiseKernels?: ElementwiseKernels | null | undefined;
  /** How the MoE dispatch/combine crosses nodes (default ALL_TO_ALL; NODE_DEDUPLICATED: DeepSeek-V3 §3.2.2, DeepEP). Acts on MoE models with expertParallel > 1. */
  expertDispatch?: ExpertDispatch | null | undefined;
  /** How a rank launches its local experts' GEMMs (default GROUPED_KERNEL; PER_EXPERT: Transformer Engine's GroupedLinear, Megatron-Core — the host work per expert after the dispatcher's sync is the EXPERT_HOST term, performance.expertHostSeconds). MoE models only. */
  expertGemmLaunch?: ExpertGemmLaunch | null | undefined;
  /** Precision the routed experts' gradients are reduced in where it differs from the dense weights' (gradientReducePrecision): NeMo AutoModel reduces its blocks in FP32 but its experts' own fully_shard in BF16. Absent = as the dense weights; acts where the experts are data-parallel (experts replicated beyond EP). */
  expertGradientReducePrecision?: GradientPrecision | null | undefined;
  /** Host seconds per per-expert GEMM or per-tensor-scaled FP8 cast (fp8Scaling PER_TENSOR) of a PER_EXPERT launch, per MoE layer and micro-batch (0–0.01; default 0.0000495, calibrated on the validation suite's Megatron-Core BF16 MoE runs). Lower it for a faster host or CUDA graphs over the experts. */
  expertHostSecondsPerOperation?: number | null | undefined;
  /** Routed tokens the busiest expert-parallel rank receives per micro-batch, as a multiple of the mean (1–16; default 1 = perfectly balanced, as DeepSeek's published training profile simulates). The all-to-all and the expert GEMMs wait for that rank (both take this many times the balanced time) and its routed experts' activations grow by as much. MoE models with expertParallel > 1. */
  expertLoadImbalance?: number | null | undefined;
  /** How FP8 tensors are scaled (default PER_TENSOR: delayed or current scaling, one scale per tensor; BLOCK: MXFP8 or FP8 blockwise). With PER_EXPERT launches PER_TENSOR quantises each local expert apart — host work in EXPERT_HOST — and BLOCK does not. Acts on FP8 plans. */
  fp8Scaling?: Fp8Scaling | null | undefined;
  /** Fixed framework/CUDA-context/NCCL overhead per GPU, in bytes (0–10¹²). */
  frameworkOverheadBytes?: number | null | undefined;
  /** Achieved fraction of network bandwidth for collectives (0.01–1). */
  interNodeCollectiveEfficiency?: number | null | undefined;
  /** Achieved fraction of NVLink bandwidth for collectives (0.01–1). */
  intraNodeCollectiveEfficiency?: number | null | undefined;
  /** Fraction of GPU memory kept free when deciding `fits` (0–0.9). */
  memoryHeadroomFraction?: number | null | undefined;
  /** Fraction σ by which compute slows while a collective overlaps it (SM and HBM contention), 0–1: c seconds of communication behind w seconds of compute cost max(c − w, c·σ/(1 + σ)). Default 0.189, the average Lee et al. 2025 measured on A100/H100/MI250/MI210 (arXiv 2507.03114); 0 = ideal overlap. */
  overlapComputeSlowdown?: number | null | undefined;
  /** Whether data-parallel gradient reduction and ZeRO parameter gathers overlap compute. Default true = DDP gradient buckets, Megatron-Core `overlap_grad_reduce`/`overlap_param_gather`, DeepSpeed/FSDP prefetch: only what exceeds the compute beside it (plus the contention share) is exposed. false = Megatron-LM's distributed optimizer without those flags: every DP collective is on the critical path. */
  overlapDataParallelCommunication?: boolean | null | undefined;
  /** Whether the MoE all-to-all (dispatch and combine) runs under another micro-batch's compute: DeepSeek-V3's DualPipe ("near-zero all-to-all communication overhead", §3.2.1), Megatron-Core `overlap_moe_expert_parallel_comm`. Default false = exposed. When true only its excess over the compute and the contention share (overlapComputeSlowdown) count — except under 1F1B and interleaved schedules in the warm-up and cool-down chunks, which have no chunk of another micro-batch to pair with (rank 0: max(1, p − 1), or 2(p − 1) + (v − 1)·p interleaved, of its m·v per pipeline schedule), where all of it counts. */
  overlapExpertParallelCommunication?: boolean | null | undefined;
  /** Whether pipeline send/recv overlaps compute in steady state. Default true = modern Megatron-Core overlap (`overlap_p2p_comm`): only the fill/drain transfers are exposed. false = Megatron-LM 2021 synchronous p2p: every transfer of every micro-batch and virtual stage is on the critical path (Narayanan et al. 2021). */
  overlapPipelineCommunication?: boolean | null | undefined;
  /** Whether the backward TP collectives of the column-parallel GEMMs (QKV, fc1: input-gradient all-reduce or reduce-scatter, and sequence parallel's re-gather) run under their weight- and input-gradient GEMMs (Megatron-LM since 2022 `async_tensor_model_parallel_allreduce`, Megatron-Core). Default false = every TP collective exposed (Megatron-LM 2021). Implied by overlapTensorParallelCommunication. */
  overlapTensorParallelBackward?: boolean | null | undefined;
  /** Whether tensor-parallel collectives are pipelined with the GEMMs they feed (Transformer Engine userbuffers, Megatron-Core/NeMo `tp_comm_overlap`). Default false = exposed, as in Megatron-LM. Takes effect only with sequenceParallel (the only mode in which Megatron-Bridge enables it). */
  overlapTensorParallelCommunication?: boolean | null | undefined;
  /** Pipeline schedules per optimizer step (default 1): gradient accumulation over separate pipeline runs, each of m / flushes micro-batches with its own fill and drain (NeMo AutoModel's GA). Must divide the micro-batches per step (1–100,000). */
  pipelineFlushesPerStep?: number | null | undefined;
  /** ZeRO-3 / FSDP: whether a layer's gathered parameters are freed after its forward and gathered again for its backward (default true: PyTorch FSDP2 `fully_shard(reshard_after_forward=True)`, DeepSpeed ZeRO-3), or kept until the backward (false, FSDP2 `reshard_after_forward=False`): one all-gather per micro-batch instead of two, and the stage's parameters whole on the device from forward to backward, as under ZeRO-2. Acts under zeroStage 3 without parameter offload. */
  reshardAfterForward?: boolean | null | undefined;
};

/** What to search: a model (exactly one of `model` or `modelSpec`), a cluster (exactly one of `cluster` or `clusterSpec`), the global batch, the objective, and optional pins (lists restrict a dimension to the given values). See docs/search.md for the space. */
export type PlanSearchInput = {
  /** Search fine-tuning layouts with this low-rank adapter (every candidate carries it; offloads are then [NONE]). */
  adapter?: AdapterInput | null | undefined;
  /** Also try tensor-parallel groups of whole nodes. */
  allowTensorParallelAcrossNodes?: boolean | null | undefined;
  /** Cost ceiling of the run in US dollars for TIME_WITHIN_BUDGET. */
  budgetUsd?: number | null | undefined;
  /** Every candidate rebuilds the RMSNorm outputs, MLA up-projections and SwiGLU output in the backward (DeepSeek-V3 §3.2.3; default false, or the recipe's). */
  cheapRecompute?: boolean | null | undefined;
  /** Preset (e.g. `a100-80gb-x1024`) or saved (`c_…`) cluster id. */
  cluster?: string | null | undefined;
  /** An unsaved cluster instead of `cluster`. */
  clusterSpec?: ClusterInput | null | undefined;
  /** Only these context-parallel degrees (each must split sequenceLength into 2 × CP chunks). Default: 1, plus every degree leaving ≥ 4,096 tokens per rank; [1] turns CP off. */
  contextParallel?: Array<number> | null | undefined;
  /** Only these data-parallel degrees. */
  dataParallel?: Array<number> | null | undefined;
  /** Only layouts whose run (trainingTokens, required) finishes within this many seconds rank in `best`, for any objective — with MIN_GPUS: the fewest GPUs that train in time. */
  deadlineSeconds?: number | null | undefined;
  /** Only pipeline degrees that divide the layers. */
  evenPipelineStages?: boolean | null | undefined;
  /** Only these expert-parallel degrees (MoE). */
  expertParallel?: Array<number> | null | undefined;
  /** Routed-expert tensor-parallel degrees to try (MoE): per shape those of 1 and its tensorParallel listed, 1 below TP (MoE parallel folding) only with sequence parallel — e.g. [1, 2, 4, 8] tries both. Default: tensorParallel only. */
  expertTensorParallel?: Array<number> | null | undefined;
  /** FlashAttention off/on (default [true]). */
  flashAttention?: Array<boolean> | null | undefined;
  /** Sequences per optimizer step; the time reference when several are searched. */
  globalBatchSize: number;
  /** More global batch sizes to try (a range); globalBatchSize is always included. */
  globalBatchSizes?: Array<number> | null | undefined;
  /** GPUs to use (default: the whole cluster); whole nodes or part of one node. */
  gpuBudget?: number | null | undefined;
  /** Exactly gpuBudget GPUs, or up to it. Default EXACT; UP_TO for objective MIN_GPUS (the only mode it accepts). */
  gpuBudgetMode?: GpuBudgetMode | null | undefined;
  /** Precision every candidate reduces its gradients in (FP32: FSDP2's reduce_dtype=float32 over BF16 parameters; default as stored). */
  gradientReducePrecision?: GradientPrecision | null | undefined;
  /** false: every candidate updates its 16-bit weights without an fp32 master copy (a PyTorch optimizer over BF16 parameters, as NeMo AutoModel; K loses 4 B). Default true under mixed precision (ZeRO §3.1). */
  masterWeights?: boolean | null | undefined;
  /** Cut the returned Pareto frontier to this many layouts (default 50). */
  maxPareto?: number | null | undefined;
  /** Fraction of GPU memory kept free when deciding a layout fits (0–0.9). */
  memoryHeadroomFraction?: number | null | undefined;
  /** Only these micro-batch sizes. */
  microBatchSizes?: Array<number> | null | undefined;
  /** Preset (e.g. `gpt3-175b`) or saved (`m_…`) model id. */
  model?: string | null | undefined;
  /** An unsaved architecture instead of `model`. */
  modelSpec?: ModelInput | null | undefined;
  /** What to optimise. */
  objective?: SearchObjective | null | undefined;
  /** Only these offload targets, e.g. [NONE] for "no offload". */
  offloads?: Array<Offload> | null | undefined;
  /** Optimizer (default ADAM). */
  optimizer?: Optimizer | null | undefined;
  /** Precision of the optimizer's moments every candidate carries (default FP32, or the recipe's; BF16: DeepSeek-V3 §3.3.3). */
  optimizerMomentPrecision?: OptimizerMomentPrecision | null | undefined;
  /** Planner knobs applied to every candidate. */
  options?: PlanOptionsInput | null | undefined;
  /** Only these interleave degrees. */
  pipelineInterleaves?: Array<number> | null | undefined;
  /** Only these pipeline degrees. */
  pipelineParallel?: Array<number> | null | undefined;
  /** Pipeline schedule every candidate uses (default ONE_F_ONE_B, or the recipe's). DUALPIPE keeps only even pipeline degrees without interleaving (DeepSeek-V3 §3.2.1). */
  pipelineSchedule?: PipelineSchedule | null | undefined;
  /** Pipeline schedules to search instead of the one `pipelineSchedule` (give one or the other): every shape is tried with each, DUALPIPE only on an even pipelineParallel ≥ 2 without interleaving (DeepSeek-V3 §3.2.1), and the faster one that fits wins — e.g. [ONE_F_ONE_B, DUALPIPE]. Default: [pipelineSchedule], or the recipe's, or ONE_F_ONE_B. With several, each plan's `assumptions` gives pipelineSchedule origin SEARCH. */
  pipelineSchedules?: Array<PipelineSchedule> | null | undefined;
  /** Training precision (default BF16, or the recipe's). */
  precision?: Precision | null | undefined;
  /** A framework's defaults: its FlashAttention, ZeRO stage, recompute and precision become pins (your own pins win), its gradient precision, activation storage, optimizer-moment precision, cheap recompute, pipeline schedule and options (overlaps, expert dispatch) apply to every candidate; each plan's `assumptions` says which. */
  recipe?: TrainingRecipe | null | undefined;
  /** Under FULL recompute, also try recomputing only this share of each virtual pipeline stage's layers (recomputeLayers = ⌊share × the largest stage's layers⌋, where that leaves whole layers on both sides; Megatron-Core recompute_method block). Default [0.5]; [] = FULL always recomputes every layer. At most 16 shares, each in (0, 1). */
  recomputeLayerFractions?: Array<number> | null | undefined;
  /** Only these recompute modes (default NONE, SELECTIVE and FULL; torchtitan's SELECTIVE_OPERATORS when listed here, for dense models). */
  recomputeModes?: Array<RecomputeMode> | null | undefined;
  /** Sequence parallel off/on (default both where TP > 1). */
  sequenceParallel?: Array<boolean> | null | undefined;
  /** Only these tensor-parallel degrees. */
  tensorParallel?: Array<number> | null | undefined;
  /** Stop after this many seconds and return the best so far (default 10, at most 60). */
  timeLimitSeconds?: number | null | undefined;
  /** How many best layouts to return (1–100). */
  top?: number | null | undefined;
  /** Tokens to train on: times and costs are then the whole run's. */
  trainingTokens?: number | null | undefined;
  /** Only these ZeRO stages (0–3), e.g. [3] for "ZeRO-3 only". */
  zeroStages?: Array<number> | null | undefined;
};

/** How token positions enter the model. */
export type PositionEmbedding =
  /** ALiBi attention biases, no parameters (BLOOM). */
  | 'ALIBI'
  /** A learned table of sequenceLength × hiddenSize parameters (GPT-2/3, OPT). */
  | 'LEARNED'
  /** No position information. */
  | 'NONE'
  /** Transformer-XL relative encodings with an h×h projection per layer (Gopher, Chinchilla). */
  | 'RELATIVE'
  /** Rotary embeddings, no parameters (LLaMA, GPT-NeoX). */
  | 'ROTARY';

/** Numeric format of the forward/backward matmuls (mixed precision keeps fp32 master weights). */
export type Precision =
  /** bf16 mixed precision (the default of current LLM training). */
  | 'BF16'
  /** fp8 matmuls (Hopper and later); an input error on GPUs without FP8 tensor cores. */
  | 'FP8'
  /** fp16 mixed precision (loss scaling). */
  | 'FP16'
  /** fp32 training on TF32 tensor cores where the GPU has them. */
  | 'FP32';

/** What a published figure measures. */
export type PublishedFigureKind =
  /** GPU-hours per 10¹² training tokens. */
  | 'GPU_HOURS_PER_TRILLION_TOKENS'
  /** Hardware FLOP/s per GPU in 10¹² (recompute counted; Megatron-LM eq. 3). */
  | 'HARDWARE_TFLOPS_PER_GPU'
  /** Model FLOPs utilisation, a fraction of dense peak. */
  | 'MFU'
  /** Model FLOP/s per GPU in 10¹² (no recompute). */
  | 'MODEL_TFLOPS_PER_GPU'
  /** Seconds of one micro-batch's forward and backward on one pipeline rank in steady state (a profiled chunk pair). */
  | 'RANK_MICRO_BATCH_SECONDS'
  /** Seconds per optimizer step. */
  | 'STEP_SECONDS'
  /** Training tokens per second per GPU. */
  | 'TOKENS_PER_SECOND_PER_GPU';

/** Activation recomputation (Korthikanti et al. 2022): trades extra forward FLOPs for activation memory. */
export type RecomputeMode =
  /** Keep only layer inputs and recompute each layer forward (one extra forward pass). */
  | 'FULL'
  /** Keep every activation for the backward pass. */
  | 'NONE'
  /** Recompute only the attention-score part (small FLOP cost, large memory saving). */
  | 'SELECTIVE'
  /** torchtitan's per-operator selective checkpointing (selective_ac_option "op"): saves the attention output and every other matmul's output in forward order (q, v, then w1 and w2 of a gated MLP or fc1 of a plain one; Float8 linears alike) and recomputes the rest (k, o, w3 or fc2, norms, RoPE, activations). Dense models without linear biases, with FlashAttention. */
  | 'SELECTIVE_OPERATORS';

/** A reliability preset (default `llama3-405b`) and any overrides of its parameters. */
export type ReliabilityInput = {
  /** SYNC or ASYNC checkpoints. */
  checkpointMode?: CheckpointMode | null | undefined;
  /** Failure detection time in seconds (hang causes use the 10-minute NCCL watchdog). */
  detectionSeconds?: number | null | undefined;
  /** Device→host copy bandwidth per GPU in bytes per second (blocking part of ASYNC). */
  deviceToHostBytesPerSecondPerGpu?: number | null | undefined;
  /** Diurnal step-time swing (Llama 3: 1–2 %). */
  diurnalAmplitudeFraction?: number | null | undefined;
  /** Fail-slow episodes per GPU-hour. */
  failSlowEpisodesPerGpuHour?: number | null | undefined;
  /** Median fail-slow episode length in seconds. */
  failSlowMedianSeconds?: number | null | undefined;
  /** Step-time increase during a fail-slow episode. */
  failSlowSlowdownFraction?: number | null | undefined;
  /** POISSON (default) or WEIBULL per node. */
  failureModel?: FailureModel | null | undefined;
  /** Fraction of repairs that are manual. */
  manualRepairFraction?: number | null | undefined;
  /** Median manual repair time in seconds. */
  manualRepairMedianSeconds?: number | null | undefined;
  /** Extra downtime of a planned stop beyond the restart, in seconds. */
  plannedDowntimeSeconds?: number | null | undefined;
  /** Planned stops per day (Llama 3: 47 in 54 days). */
  plannedInterruptionsPerDay?: number | null | undefined;
  /** Preset id: llama3-405b, bloom-176b, opt-175b or modern-optimised (see reliabilityPresets). */
  preset?: string | null | undefined;
  /** Median automatic node repair time in seconds (lognormal). */
  repairMedianSeconds?: number | null | undefined;
  /** Log-space σ of repair times. */
  repairSigma?: number | null | undefined;
  /** Median job re-initialisation time in seconds (lognormal). */
  restartMedianSeconds?: number | null | undefined;
  /** Log-space σ of the restart time. */
  restartSigma?: number | null | undefined;
  /** Hot spare nodes as a fraction of the job's nodes. */
  spareNodeFraction?: number | null | undefined;
  /** Hot spare nodes (overrides spareNodeFraction). */
  spareNodes?: number | null | undefined;
  /** Aggregate checkpoint read bandwidth in bytes per second. */
  storageReadBytesPerSecond?: number | null | undefined;
  /** Aggregate checkpoint write bandwidth in bytes per second (Llama 3: 2 TB/s). */
  storageWriteBytesPerSecond?: number | null | undefined;
  /** Mean per-rank excess step time (exponential), as a fraction of a step. */
  stragglerJitterFraction?: number | null | undefined;
  /** Job-interrupting unexpected failures per GPU-hour (Llama 3: 1.97e-5). */
  unexpectedFailuresPerGpuHour?: number | null | undefined;
  /** Weibull shape k (< 1: infant mortality). */
  weibullShape?: number | null | undefined;
  /** EQUILIBRIUM (default) or FRESH. */
  weibullStart?: WeibullStart | null | undefined;
};

/** A published compute-optimal scaling law. CHINCHILLA allocates compute as the paper's Table 3 (approaches 1–2); CHINCHILLA_PARAMETRIC and EPOCH use the approach-3 fit and its 2024 replication (Besiroglu et al.) for both loss and allocation. */
export type ScalingLaw =
  /** Hoffmann et al. 2022, approaches 1–2: N_opt ∝ C^0.5, about 20 tokens per parameter. */
  | 'CHINCHILLA'
  /** Hoffmann et al. 2022, approach 3: L(N, D) = E + A/N^α + B/D^β. */
  | 'CHINCHILLA_PARAMETRIC'
  /** Besiroglu et al. 2024, the replication of Chinchilla approach 3. */
  | 'EPOCH'
  /** Kaplan et al. 2020: N_opt ∝ C^0.73; loss from the L(N, D) fit (non-embedding parameters). */
  | 'KAPLAN';

/** What the search optimises. */
export type SearchObjective =
  /** Minimum cost (GPU-hours × price): with gpuBudgetMode UP_TO this may use fewer GPUs. */
  | 'COST'
  /** Maximum model FLOPs utilisation. */
  | 'MFU'
  /** The fewest GPUs the model fits on (with the memory headroom), fastest first among equal counts: searches every count up to gpuBudget (gpuBudgetMode UP_TO, the default for this objective). */
  | 'MIN_GPUS'
  /** Minimum training time (the run with trainingTokens, else the time of one step at globalBatchSize). */
  | 'TIME'
  /** Minimum time among layouts whose run costs at most budgetUsd (needs trainingTokens). */
  | 'TIME_WITHIN_BUDGET';

/** Why the search ended. */
export type SearchStopReason =
  /** The client went away or the server stopped it: the best so far (truncated). */
  | 'CANCELLED'
  /** The whole space was covered. */
  | 'COMPLETE'
  /** timeLimitSeconds ran out: the result is the best so far (truncated). */
  | 'TIME_LIMIT';

/** A training plan (trainingTokens required) and the reliability of the cluster it runs on. */
export type SimulationInput = {
  /** Bytes per checkpoint; default 16 bytes per trained parameter under mixed-precision Adam (16-bit weights, fp32 master, m, v), scaled to the states the plan keeps (e.g. 48/7 ≈ 6.9 with masterWeights false and BF16 moments, 96/7 ≈ 13.7 in FP32 training). */
  checkpointBytes?: number | null | undefined;
  /** Optimum used when no interval is given. */
  checkpointIntervalPolicy?: CheckpointIntervalPolicy | null | undefined;
  /** Compute time between checkpoints in seconds; default: the preset's, else the Daly/Young optimum. */
  checkpointIntervalSeconds?: number | null | undefined;
  /** Replicas that stream progress/interruption/recovery/checkpoint events (the rest only their result). */
  detailedReplicas?: number | null | undefined;
  /** Stop at this simulated time in seconds even if tokens remain (e.g. 4,665,600 = 54 days). */
  horizonSeconds?: number | null | undefined;
  /** Scaling law for the predicted loss along the run. */
  lossLaw?: ScalingLaw | null | undefined;
  /** Simulated seconds per wall second for the detailed replicas; null = as fast as possible. */
  pace?: number | null | undefined;
  /** The plan; its step time, batch and trainingTokens set the run. */
  plan: TrainingPlanInput;
  /** Simulated seconds between progress events (default ≈ 1/100 of the run). */
  progressIntervalSeconds?: number | null | undefined;
  /** Preset and overrides (default: llama3-405b). */
  reliability?: ReliabilityInput | null | undefined;
  /** Monte Carlo replicas (seeds seed·replica). */
  replicas?: number | null | undefined;
  /** Random seed; same seed and input → the same events. */
  seed?: number | null | undefined;
};

/** Where a simulation is in its life. */
export type SimulationStatus =
  /** Stopped by cancelSimulation. */
  | 'CANCELLED'
  /** All replicas done; `summary` is set. */
  | 'COMPLETED'
  /** The engine or its worker failed; see `error`. */
  | 'FAILED'
  /** The server stopped while it was queued or running; re-run it with rerunSimulation (same seed, same events). */
  | 'INTERRUPTED'
  /** Waiting for a free worker. */
  | 'QUEUED'
  /** Running in a worker thread. */
  | 'RUNNING';

/** One term of the step time (src/core/performance/: one module each). */
export type StepTermName =
  /** The slowest stage's GEMMs, attention and element-wise kernels, × micro-batches. */
  | 'COMPUTE'
  /** Context-parallel K/V all-gathers and reduce-scatters. */
  | 'CONTEXT_PARALLEL'
  /** Data-parallel gradient reduction and ZeRO parameter gathers. */
  | 'DATA_PARALLEL'
  /** With PER_EXPERT expert launches (options.expertGemmLaunch), the host work after the dispatcher's sync, never hidden (performance.expertHostSeconds). */
  | 'EXPERT_HOST'
  /** MoE dispatch and combine all-to-alls (transfers only). */
  | 'EXPERT_PARALLEL'
  /** Parameter streaming to and from host memory or NVMe (ZeRO-Infinity). */
  | 'OFFLOAD'
  /** The optimizer update (on the GPU, or on the host under offload). */
  | 'OPTIMIZER'
  /** Pipeline fill and drain (Narayanan et al. 2021 §2.2). */
  | 'PIPELINE_BUBBLE'
  /** Pipeline point-to-point activation and gradient transfers. */
  | 'PIPELINE_PARALLEL'
  /** Tensor-parallel all-reduces or SP all-gathers/reduce-scatters. */
  | 'TENSOR_PARALLEL';

/** A model (exactly one of `model` or `modelSpec`), a cluster (exactly one of `cluster` or `clusterSpec`), and a parallel layout. tensorParallel × pipelineParallel × dataParallel GPUs are used; dataParallel defaults to all remaining GPUs. */
export type TrainingPlanInput = {
  /** FP8 caching of the GEMM inputs among the stored activations (FP8 training only; default 16-bit). */
  activationStorage?: ActivationStorage | null | undefined;
  /** Fine-tune with a low-rank adapter (LoRA/QLoRA) instead of training every weight. */
  adapter?: AdapterInput | null | undefined;
  /** Rebuild the RMSNorm outputs, MLA up-projections and the SwiGLU output in the backward instead of storing them (DeepSeek-V3 §3.2.3, §3.3.3; default false). */
  cheapRecompute?: boolean | null | undefined;
  /** Preset (e.g. `a100-80gb-x1024`) or saved (`c_…`) cluster id. */
  cluster?: string | null | undefined;
  /** An unsaved cluster instead of `cluster`. */
  clusterSpec?: ClusterInput | null | undefined;
  /** Context-parallel degree (default 1): each sequence is split over this many ranks (Megatron-Core CP; sequenceLength divisible by 2 × CP). GPUs = TP × CP × PP × DP. */
  contextParallel?: number | null | undefined;
  /** Data-parallel degree; default: GPUs / (tensorParallel × pipelineParallel). */
  dataParallel?: number | null | undefined;
  /** Expert-parallel degree for MoE models (default 1). */
  expertParallel?: number | null | undefined;
  /** Tensor-parallel degree of the routed experts (Megatron-Core --expert-tensor-parallel-size): 1 or tensorParallel (default tensorParallel). With 1 (MoE parallel folding, Liu et al. 2025) the expert groups fold over the TP × CP × DP ranks: expertParallel divides experts and tensorParallel × contextParallel × dataParallel, and sequenceParallel must be on when tensorParallel > 1. */
  expertTensorParallel?: number | null | undefined;
  /** FlashAttention (no s² score activations stored). Default: the planner's. */
  flashAttention?: boolean | null | undefined;
  /** Sequences per optimizer step (a multiple of microBatchSize × dataParallel). */
  globalBatchSize: number;
  /** Gradient precision (default: the training precision, 2 B under mixed precision; a recipe may set FP32 main gradients). */
  gradientPrecision?: GradientPrecision | null | undefined;
  /** Precision data parallelism reduces the gradients in, when it differs from their stored precision: FP32 = FSDP2's MixedPrecisionPolicy(reduce_dtype=float32) over BF16 parameters (4 B per element on the wire, 16-bit gradients kept). Default: the stored precision. */
  gradientReducePrecision?: GradientPrecision | null | undefined;
  /** false: no fp32 master copy of the weights — the optimizer updates the 16-bit weights in place, as a PyTorch optimizer over BF16 parameters does (NeMo AutoModel); K loses 4 B (Adam with BF16 moments: 4). Default true under mixed precision (ZeRO §3.1); FP32 training has none to leave out. */
  masterWeights?: boolean | null | undefined;
  /** Sequences per micro-batch per GPU. */
  microBatchSize?: number | null | undefined;
  /** Preset (e.g. `gpt3-175b`) or saved (`m_…`) model id. */
  model?: string | null | undefined;
  /** An unsaved architecture instead of `model`. */
  modelSpec?: ModelInput | null | undefined;
  /** What to offload to host memory or NVMe. */
  offload?: Offload | null | undefined;
  /** Optimizer. */
  optimizer?: Optimizer | null | undefined;
  /** Precision of the optimizer's moments (default FP32; BF16: DeepSeek-V3 §3.3.3, K = 8 for Adam). */
  optimizerMomentPrecision?: OptimizerMomentPrecision | null | undefined;
  /** Planner knobs (overheads, headroom, efficiencies). */
  options?: PlanOptionsInput | null | undefined;
  /** Virtual pipeline stages per GPU (interleaved 1F1B); 1 = plain 1F1B. */
  pipelineInterleave?: number | null | undefined;
  /** How the layers split over the pipelineParallel × pipelineInterleave virtual stages (default EVEN); ignored when pipelineStageLayers is given. */
  pipelineLayerSplit?: PipelineLayerSplit | null | undefined;
  /** Pipeline-parallel stages (at most the layer count). */
  pipelineParallel?: number | null | undefined;
  /** Pipeline schedule (default ONE_F_ONE_B; DUALPIPE: DeepSeek-V3 §3.2.1). */
  pipelineSchedule?: PipelineSchedule | null | undefined;
  /** Explicit layers per virtual stage in model order (length pipelineParallel × pipelineInterleave, sum = the layers; the first and last entry may be 0 — an embedding- or head-only stage — every other ≥ 1). The most-loaded GPU sets memory and step time. */
  pipelineStageLayers?: Array<number> | null | undefined;
  /** Training precision. With a `recipe`, the default BF16 means "the recipe's". */
  precision?: Precision | null | undefined;
  /** A framework's defaults (see TrainingRecipe); explicit inputs override them. The answer's `assumptions` lists what was used and why. */
  recipe?: TrainingRecipe | null | undefined;
  /** Activation recomputation. With a `recipe`, the default NONE means "the recipe's". */
  recompute?: RecomputeMode | null | undefined;
  /** With recompute FULL: how many layers of each (virtual) pipeline stage are recomputed — the first N; the others keep all their activations (Megatron-Core --recompute-method block --recompute-num-layers N). Default: every layer. 1 to the model's layers; one covering every stage is FULL itself. */
  recomputeLayers?: number | null | undefined;
  /** Megatron sequence parallelism (shards norm/dropout activations over tensorParallel). With a `recipe`, the default false means "the recipe's". */
  sequenceParallel?: boolean | null | undefined;
  /** Tensor-parallel degree (divides attention heads). */
  tensorParallel?: number | null | undefined;
  /** Tokens to train on (≤ 10000000000000000); with it the plan has a `run` and a `predictedLoss`. */
  trainingTokens?: number | null | undefined;
  /** ZeRO stage 0–3 (what is sharded over data parallelism). With a `recipe`, the default 0 means "the recipe's". */
  zeroStage?: number | null | undefined;
};

/** What a framework really does, as defaults (FlashAttention, overlap of TP/PP/DP/EP communication, gradient precision, distributed optimizer, activation storage); explicit inputs override them. Each default is listed with its source in `TrainingPlan.assumptions`. */
export type TrainingRecipe =
  /** No recipe: the planner's defaults (as without `recipe`). */
  | 'CUSTOM'
  /** DeepSeek-V3 (report §3.2–3.3): FP8 GEMMs, FP8 activation caching, fp32 gradients, ZeRO-1, DualPipe overlap of the all-to-all and PP. */
  | 'DEEPSEEK_V3'
  /** DeepSpeed ZeRO: 16-bit gradients (ZeRO paper), overlap_comm off below stage 3, synchronous pipeline engine. */
  | 'DEEPSPEED_ZERO'
  /** Megatron-Core / NeMo: distributed optimizer (ZeRO-1), fp32 main gradients (18 B per parameter with Adam), SP, fused attention, TP/PP/DP overlap. */
  | 'MEGATRON_CORE'
  /** Megatron-LM as in Narayanan et al. 2021: FP16, full recompute, no FlashAttention, no SP, ZeRO 0, fp32 main gradients, synchronous pipeline p2p, DP reduced after the backward. */
  | 'MEGATRON_LM_2021'
  /** torchtitan with FSDP2: ZeRO-3, fp32 gradient reduce, SDPA flash attention, prefetching overlap. */
  | 'TORCHTITAN_FSDP2';

/** Runs that share a GPU generation and framework era (leave-one-family-out calibrates without one). */
export type ValidationFamily =
  /** Megatron-LM on A100, 2021–22 (Narayanan et al. 2021, Korthikanti et al. 2022, README). */
  | 'A100_MEGATRON_2021_22'
  /** Production runs on A100: BLOOM, OPT, MegaScale, FSDP (torchtitan, fms-fsdp). */
  | 'A100_PRODUCTION_2022_24'
  /** Blackwell (B200, and GB200 and GB300 NVL72) with modern recipes: Megatron-Bridge's and NeMo 25.02's dense rows, predicted with the pooled share (no 16-bit Blackwell run fits one of its own). */
  | 'B200_MODERN_RECIPES'
  /** H100 with modern recipes: Megatron-Core r0.8.0's own table, NeMo's FP8 table, Megatron-Bridge, NeMo AutoModel, Nemotron-4 15B, Llama 3 405B. */
  | 'H100_MODERN_RECIPES'
  /** Long-context runs with context parallelism (Llama 3 405B at 128K on H100; NeMo's Llama 3 8B at 32K–1M tokens on B200). */
  | 'LONG_CONTEXT'
  /** Mixture-of-experts runs (DeepSeek-V3: pre-training and its published profile; NeMo AutoModel; Megatron-Core: Megatron-Bridge and the MoE model zoo). */
  | 'MOE';

/** Age of the nodes at t = 0 under the WEIBULL model. */
export type WeibullStart =
  /** A fleet in service: residual lives from the equilibrium distribution (correct default). */
  | 'EQUILIBRIUM'
  /** Every node new at t = 0; with shape < 1 this nearly doubles early failures (a known modelling trap, kept for comparison). */
  | 'FRESH';

export type BudgetAnswerFragment = { bindingConstraint: BindingConstraint, truncated: boolean, targetReached: boolean | null, notes: Array<string>, elapsedSeconds: number, parameters: number | null, trainingTokens: number | null, effectiveTokens: number | null, epochs: number | null, computeFlops: number | null, idealParameters: number | null, idealTokens: number | null, shiftFraction: number | null, gpus: number | null, modelFlopsUtilization: number | null, ettr: number | null, jobMtbfSeconds: number | null, checkpointIntervalSeconds: number | null, solveDays: number | null, expectedDays: number | null, costUsd: number | null, predictedLoss: number | null, rankingLoss: number | null, model: { name: string, parameters: number, activeParameters: number, layers: number, hiddenSize: number, attentionHeads: number, kvHeads: number, ffnHiddenSize: number, gatedMlp: boolean, vocabSize: number, sequenceLength: number, tiedEmbeddings: boolean, linearBiases: boolean, normalization: Normalization, positionEmbedding: PositionEmbedding, experts: number, expertsPerToken: number, dropout: boolean } | null, plan: { parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number, contextParallel: number, expertParallel: number, expertTensorParallel: number, zeroStage: number, microBatchSize: number, globalBatchSize: number, gradientAccumulationSteps: number, recompute: RecomputeMode, recomputeLayers: number | null, sequenceParallel: boolean, pipelineInterleave: number, pipelineStageLayers: Array<number> | null, flashAttention: boolean, offload: Offload, optimizer: Optimizer, precision: Precision, gpuCount: number } } | null, frontier: Array<{ spendUsd: number, predictedLoss: number | null, rankingLoss: number | null, parameters: number, trainingTokens: number, expectedDays: number, gpus: number }> };

export type BudgetProgressSubscriptionVariables = Exact<{
  input: BudgetPlanInput;
}>;


export type BudgetProgressSubscription = { budgetPlanProgress: { done: boolean, sizesEvaluated: number, sizesTotal: number, elapsedSeconds: number, bestParameters: number | null, bestPredictedLoss: number | null, result: { bindingConstraint: BindingConstraint, truncated: boolean, targetReached: boolean | null, notes: Array<string>, elapsedSeconds: number, parameters: number | null, trainingTokens: number | null, effectiveTokens: number | null, epochs: number | null, computeFlops: number | null, idealParameters: number | null, idealTokens: number | null, shiftFraction: number | null, gpus: number | null, modelFlopsUtilization: number | null, ettr: number | null, jobMtbfSeconds: number | null, checkpointIntervalSeconds: number | null, solveDays: number | null, expectedDays: number | null, costUsd: number | null, predictedLoss: number | null, rankingLoss: number | null, model: { name: string, parameters: number, activeParameters: number, layers: number, hiddenSize: number, attentionHeads: number, kvHeads: number, ffnHiddenSize: number, gatedMlp: boolean, vocabSize: number, sequenceLength: number, tiedEmbeddings: boolean, linearBiases: boolean, normalization: Normalization, positionEmbedding: PositionEmbedding, experts: number, expertsPerToken: number, dropout: boolean } | null, plan: { parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number, contextParallel: number, expertParallel: number, expertTensorParallel: number, zeroStage: number, microBatchSize: number, globalBatchSize: number, gradientAccumulationSteps: number, recompute: RecomputeMode, recomputeLayers: number | null, sequenceParallel: boolean, pipelineInterleave: number, pipelineStageLayers: Array<number> | null, flashAttention: boolean, offload: Offload, optimizer: Optimizer, precision: Precision, gpuCount: number } } | null, frontier: Array<{ spendUsd: number, predictedLoss: number | null, rankingLoss: number | null, parameters: number, trainingTokens: number, expectedDays: number, gpus: number }> } | null } };

export type SaveSizedModelMutationVariables = Exact<{
  input: ModelInput;
}>;


export type SaveSizedModelMutation = { createModel: { id: string, name: string } };

export type CatalogQueryVariables = Exact<{ [key: string]: never; }>;


export type CatalogQuery = { models: Array<{ id: string, name: string, preset: boolean, parameters: number, activeParameters: number, sequenceLength: number, layers: number, attentionHeads: number }>, clusters: Array<{ id: string, name: string, preset: boolean, gpuCount: number, gpusPerNode: number, nodes: number, gpuHourUsd: number, pue: number, hostMemoryBytesPerNode: number, nvmeBytesPerNode: number, gpu: { id: string, name: string, memoryBytes: number, interNodeBandwidthBytesPerSecond: number } }>, reliabilityPresets: Array<{ id: string, name: string, description: string }> };

export type ImportHuggingFaceConfigMutationVariables = Exact<{
  config: string;
  name?: string | null | undefined;
}>;


export type ImportHuggingFaceConfigMutation = { createModelFromHuggingFaceConfig: { id: string, name: string, parameters: number } };

export type LayoutFragment = { tensorParallel: number, pipelineParallel: number, dataParallel: number, contextParallel: number, expertParallel: number, expertTensorParallel: number, zeroStage: number, microBatchSize: number, globalBatchSize: number, gradientAccumulationSteps: number, recompute: RecomputeMode, recomputeLayers: number | null, sequenceParallel: boolean, pipelineInterleave: number, pipelineStageLayers: Array<number> | null, flashAttention: boolean, offload: Offload, optimizer: Optimizer, precision: Precision, gpuCount: number };

export type MemoryPartsFragment = { parametersBytes: number, gradientsBytes: number, optimizerStatesBytes: number, activationsBytes: number, temporaryBytes: number, overheadBytes: number, otherBytes: number, totalBytes: number, capacityBytes: number, headroomBytes: number, utilization: number, mostLoadedStage: number, hostBytes: number, nvmeBytes: number };

export type PlanFiguresFragment = { fits: boolean, predictedLoss: number | null, model: { id: string, name: string, parameters: number }, cluster: { id: string, name: string, gpuCount: number, gpuHourUsd: number, pue: number, gpu: { name: string, memoryBytes: number, tdpWatts: number } }, parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number, contextParallel: number, expertParallel: number, expertTensorParallel: number, zeroStage: number, microBatchSize: number, globalBatchSize: number, gradientAccumulationSteps: number, recompute: RecomputeMode, recomputeLayers: number | null, sequenceParallel: boolean, pipelineInterleave: number, pipelineStageLayers: Array<number> | null, flashAttention: boolean, offload: Offload, optimizer: Optimizer, precision: Precision, gpuCount: number }, memory: { parametersBytes: number, gradientsBytes: number, optimizerStatesBytes: number, activationsBytes: number, temporaryBytes: number, overheadBytes: number, otherBytes: number, totalBytes: number, capacityBytes: number, headroomBytes: number, utilization: number, mostLoadedStage: number, hostBytes: number, nvmeBytes: number, stages: Array<{ stage: number, layers: number, parametersBytes: number, gradientsBytes: number, optimizerStatesBytes: number, activationsBytes: number, temporaryBytes: number, overheadBytes: number, totalBytes: number }> }, performance: { stepSeconds: number, computeSeconds: number, bubbleSeconds: number, bubbleFraction: number, exposedCommunicationSeconds: number, optimizerSeconds: number, expertHostSeconds: number, modelFlopsUtilization: number, hardwareFlopsUtilization: number, modelTflopsPerGpu: number, hardwareTflopsPerGpu: number, tokensPerSecond: number, computeEfficiency: number, terms: Array<{ name: StepTermName, seconds: number, exposedSeconds: number, bytes: number, explanation: string }> }, communication: { tensorParallelSeconds: number, pipelineParallelSeconds: number, dataParallelSeconds: number, contextParallelSeconds: number, expertParallelSeconds: number, exposedSeconds: number, exposedTensorParallelSeconds: number, exposedPipelineParallelSeconds: number, exposedDataParallelSeconds: number, exposedContextParallelSeconds: number, exposedExpertParallelSeconds: number, exposedOffloadSeconds: number }, run: { days: number, seconds: number, costUsd: number, energyKwh: number, gpuHours: number, steps: number, trainingTokens: number } | null, diagnostics: Array<{ code: string, severity: DiagnosticSeverity, message: string }>, assumptions: Array<{ name: string, value: string, origin: AssumptionOrigin, source: string }> };

type ZeroColumn_InputError_Fragment = { field: string, message: string };

type ZeroColumn_TrainingPlan_Fragment = { fits: boolean, memory: { parametersBytes: number, gradientsBytes: number, optimizerStatesBytes: number, activationsBytes: number, temporaryBytes: number, overheadBytes: number, otherBytes: number, totalBytes: number, capacityBytes: number, headroomBytes: number, utilization: number, mostLoadedStage: number, hostBytes: number, nvmeBytes: number }, performance: { stepSeconds: number } };

export type ZeroColumnFragment =
  | ZeroColumn_InputError_Fragment
  | ZeroColumn_TrainingPlan_Fragment
;

export type PlanQueryVariables = Exact<{
  input: TrainingPlanInput;
  z0: TrainingPlanInput;
  z1: TrainingPlanInput;
  z2: TrainingPlanInput;
  z3: TrainingPlanInput;
}>;


export type PlanQuery = { trainingPlanOrError:
    | { __typename: 'InputError', field: string, value: string, allowed: string, message: string }
    | { __typename: 'TrainingPlan', fits: boolean, predictedLoss: number | null, model: { id: string, name: string, parameters: number }, cluster: { id: string, name: string, gpuCount: number, gpuHourUsd: number, pue: number, gpu: { name: string, memoryBytes: number, tdpWatts: number } }, parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number, contextParallel: number, expertParallel: number, expertTensorParallel: number, zeroStage: number, microBatchSize: number, globalBatchSize: number, gradientAccumulationSteps: number, recompute: RecomputeMode, recomputeLayers: number | null, sequenceParallel: boolean, pipelineInterleave: number, pipelineStageLayers: Array<number> | null, flashAttention: boolean, offload: Offload, optimizer: Optimizer, precision: Precision, gpuCount: number }, memory: { parametersBytes: number, gradientsBytes: number, optimizerStatesBytes: number, activationsBytes: number, temporaryBytes: number, overheadBytes: number, otherBytes: number, totalBytes: number, capacityBytes: number, headroomBytes: number, utilization: number, mostLoadedStage: number, hostBytes: number, nvmeBytes: number, stages: Array<{ stage: number, layers: number, parametersBytes: number, gradientsBytes: number, optimizerStatesBytes: number, activationsBytes: number, temporaryBytes: number, overheadBytes: number, totalBytes: number }> }, performance: { stepSeconds: number, computeSeconds: number, bubbleSeconds: number, bubbleFraction: number, exposedCommunicationSeconds: number, optimizerSeconds: number, expertHostSeconds: number, modelFlopsUtilization: number, hardwareFlopsUtilization: number, modelTflopsPerGpu: number, hardwareTflopsPerGpu: number, tokensPerSecond: number, computeEfficiency: number, terms: Array<{ name: StepTermName, seconds: number, exposedSeconds: number, bytes: number, explanation: string }> }, communication: { tensorParallelSeconds: number, pipelineParallelSeconds: number, dataParallelSeconds: number, contextParallelSeconds: number, expertParallelSeconds: number, exposedSeconds: number, exposedTensorParallelSeconds: number, exposedPipelineParallelSeconds: number, exposedDataParallelSeconds: number, exposedContextParallelSeconds: number, exposedExpertParallelSeconds: number, exposedOffloadSeconds: number }, run: { days: number, seconds: number, costUsd: number, energyKwh: number, gpuHours: number, steps: number, trainingTokens: number } | null, diagnostics: Array<{ code: string, severity: DiagnosticSeverity, message: string }>, assumptions: Array<{ name: string, value: string, origin: AssumptionOrigin, source: string }> }
  , zero0:
    | { __typename: 'InputError', field: string, message: string }
    | { __typename: 'TrainingPlan', fits: boolean, memory: { parametersBytes: number, gradientsBytes: number, optimizerStatesBytes: number, activationsBytes: number, temporaryBytes: number, overheadBytes: number, otherBytes: number, totalBytes: number, capacityBytes: number, headroomBytes: number, utilization: number, mostLoadedStage: number, hostBytes: number, nvmeBytes: number }, performance: { stepSeconds: number } }
  , zero1:
    | { __typename: 'InputError', field: string, message: string }
    | { __typename: 'TrainingPlan', fits: boolean, memory: { parametersBytes: number, gradientsBytes: number, optimizerStatesBytes: number, activationsBytes: number, temporaryBytes: number, overheadBytes: number, otherBytes: number, totalBytes: number, capacityBytes: number, headroomBytes: number, utilization: number, mostLoadedStage: number, hostBytes: number, nvmeBytes: number }, performance: { stepSeconds: number } }
  , zero2:
    | { __typename: 'InputError', field: string, message: string }
    | { __typename: 'TrainingPlan', fits: boolean, memory: { parametersBytes: number, gradientsBytes: number, optimizerStatesBytes: number, activationsBytes: number, temporaryBytes: number, overheadBytes: number, otherBytes: number, totalBytes: number, capacityBytes: number, headroomBytes: number, utilization: number, mostLoadedStage: number, hostBytes: number, nvmeBytes: number }, performance: { stepSeconds: number } }
  , zero3:
    | { __typename: 'InputError', field: string, message: string }
    | { __typename: 'TrainingPlan', fits: boolean, memory: { parametersBytes: number, gradientsBytes: number, optimizerStatesBytes: number, activationsBytes: number, temporaryBytes: number, overheadBytes: number, otherBytes: number, totalBytes: number, capacityBytes: number, headroomBytes: number, utilization: number, mostLoadedStage: number, hostBytes: number, nvmeBytes: number }, performance: { stepSeconds: number } }
   };

export type ComputeOptimalPointQueryVariables = Exact<{
  computeFlops: number;
  law: ScalingLaw;
}>;


export type ComputeOptimalPointQuery = { computeOptimal: { law: ScalingLaw, computeFlops: number, computePfDays: number, parameters: number, tokens: number, tokensPerParameter: number, predictedLoss: number | null } };

export type ExtrapolationQueryVariables = Exact<{ [key: string]: never; }>;


export type ExtrapolationQuery = { extrapolation: { previousParameters: number, currentParameters: number, nextParameters: number, growthFactor: number, currentLoss: number, nextLoss: number, computeRatio: number, currentComputePfDays: number, nextComputePfDays: number, nextComputeFlops: number, nextTokens: number, nextDatasetBytes: number, nextTokensOverAllBooks: number, nextTokensOverEnglishWikipedia: number, nextCostV100Usd: number, nextCostA100Usd: number, chinchilla: { parameters: number, tokens: number, tokensPerParameter: number, predictedLoss: number | null }, chinchillaParametric: { parameters: number, tokens: number, tokensPerParameter: number, predictedLoss: number | null } } };

export type ComputeOptimalCurvesQueryVariables = Exact<{
  c0: number;
  c1: number;
  c2: number;
  c3: number;
  c4: number;
  c5: number;
  c6: number;
  c7: number;
  c8: number;
  c9: number;
}>;


export type ComputeOptimalCurvesQuery = { k0: { parameters: number, tokens: number, predictedLoss: number | null }, k1: { parameters: number, tokens: number, predictedLoss: number | null }, k2: { parameters: number, tokens: number, predictedLoss: number | null }, k3: { parameters: number, tokens: number, predictedLoss: number | null }, k4: { parameters: number, tokens: number, predictedLoss: number | null }, k5: { parameters: number, tokens: number, predictedLoss: number | null }, k6: { parameters: number, tokens: number, predictedLoss: number | null }, k7: { parameters: number, tokens: number, predictedLoss: number | null }, k8: { parameters: number, tokens: number, predictedLoss: number | null }, k9: { parameters: number, tokens: number, predictedLoss: number | null }, c0: { parameters: number, tokens: number, predictedLoss: number | null }, c1: { parameters: number, tokens: number, predictedLoss: number | null }, c2: { parameters: number, tokens: number, predictedLoss: number | null }, c3: { parameters: number, tokens: number, predictedLoss: number | null }, c4: { parameters: number, tokens: number, predictedLoss: number | null }, c5: { parameters: number, tokens: number, predictedLoss: number | null }, c6: { parameters: number, tokens: number, predictedLoss: number | null }, c7: { parameters: number, tokens: number, predictedLoss: number | null }, c8: { parameters: number, tokens: number, predictedLoss: number | null }, c9: { parameters: number, tokens: number, predictedLoss: number | null }, p0: { parameters: number, tokens: number, predictedLoss: number | null }, p1: { parameters: number, tokens: number, predictedLoss: number | null }, p2: { parameters: number, tokens: number, predictedLoss: number | null }, p3: { parameters: number, tokens: number, predictedLoss: number | null }, p4: { parameters: number, tokens: number, predictedLoss: number | null }, p5: { parameters: number, tokens: number, predictedLoss: number | null }, p6: { parameters: number, tokens: number, predictedLoss: number | null }, p7: { parameters: number, tokens: number, predictedLoss: number | null }, p8: { parameters: number, tokens: number, predictedLoss: number | null }, p9: { parameters: number, tokens: number, predictedLoss: number | null }, e0: { parameters: number, tokens: number, predictedLoss: number | null }, e1: { parameters: number, tokens: number, predictedLoss: number | null }, e2: { parameters: number, tokens: number, predictedLoss: number | null }, e3: { parameters: number, tokens: number, predictedLoss: number | null }, e4: { parameters: number, tokens: number, predictedLoss: number | null }, e5: { parameters: number, tokens: number, predictedLoss: number | null }, e6: { parameters: number, tokens: number, predictedLoss: number | null }, e7: { parameters: number, tokens: number, predictedLoss: number | null }, e8: { parameters: number, tokens: number, predictedLoss: number | null }, e9: { parameters: number, tokens: number, predictedLoss: number | null } };

export type CurvePointFragment = { parameters: number, tokens: number, predictedLoss: number | null };

export type SearchPointFragment = { fits: boolean, parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number, contextParallel: number, expertParallel: number, expertTensorParallel: number, zeroStage: number, microBatchSize: number, globalBatchSize: number, gradientAccumulationSteps: number, recompute: RecomputeMode, recomputeLayers: number | null, sequenceParallel: boolean, pipelineInterleave: number, pipelineStageLayers: Array<number> | null, flashAttention: boolean, offload: Offload, optimizer: Optimizer, precision: Precision, gpuCount: number }, performance: { stepSeconds: number, modelFlopsUtilization: number }, memory: { totalBytes: number, capacityBytes: number }, run: { seconds: number, days: number, costUsd: number } | null };

export type SearchProgressSubscriptionVariables = Exact<{
  input: PlanSearchInput;
}>;


export type SearchProgressSubscription = { planSearchProgress: { done: boolean, candidates: number, covered: number, evaluated: number, feasible: number, elapsedSeconds: number, best: Array<{ fits: boolean, parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number, contextParallel: number, expertParallel: number, expertTensorParallel: number, zeroStage: number, microBatchSize: number, globalBatchSize: number, gradientAccumulationSteps: number, recompute: RecomputeMode, recomputeLayers: number | null, sequenceParallel: boolean, pipelineInterleave: number, pipelineStageLayers: Array<number> | null, flashAttention: boolean, offload: Offload, optimizer: Optimizer, precision: Precision, gpuCount: number }, performance: { stepSeconds: number, modelFlopsUtilization: number }, memory: { totalBytes: number, capacityBytes: number }, run: { seconds: number, days: number, costUsd: number } | null }>, pareto: Array<{ fits: boolean, parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number, contextParallel: number, expertParallel: number, expertTensorParallel: number, zeroStage: number, microBatchSize: number, globalBatchSize: number, gradientAccumulationSteps: number, recompute: RecomputeMode, recomputeLayers: number | null, sequenceParallel: boolean, pipelineInterleave: number, pipelineStageLayers: Array<number> | null, flashAttention: boolean, offload: Offload, optimizer: Optimizer, precision: Precision, gpuCount: number }, performance: { stepSeconds: number, modelFlopsUtilization: number }, memory: { totalBytes: number, capacityBytes: number }, run: { seconds: number, days: number, costUsd: number } | null }>, result: { objective: SearchObjective, stopReason: SearchStopReason, truncated: boolean, modelAccuracyFraction: number, nearOptimal: number, winnerReason: string | null, paretoSize: number, ranked: Array<{ gapToBest: number, score: number, timeSeconds: number, costUsd: number, gpus: number, headroomBytes: number, plan: { fits: boolean, parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number, contextParallel: number, expertParallel: number, expertTensorParallel: number, zeroStage: number, microBatchSize: number, globalBatchSize: number, gradientAccumulationSteps: number, recompute: RecomputeMode, recomputeLayers: number | null, sequenceParallel: boolean, pipelineInterleave: number, pipelineStageLayers: Array<number> | null, flashAttention: boolean, offload: Offload, optimizer: Optimizer, precision: Precision, gpuCount: number }, performance: { stepSeconds: number, modelFlopsUtilization: number }, memory: { totalBytes: number, capacityBytes: number }, run: { seconds: number, days: number, costUsd: number } | null } }>, frontier: Array<{ gapToBest: number, timeSeconds: number, costUsd: number, gpus: number, plan: { fits: boolean, parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number, contextParallel: number, expertParallel: number, expertTensorParallel: number, zeroStage: number, microBatchSize: number, globalBatchSize: number, gradientAccumulationSteps: number, recompute: RecomputeMode, recomputeLayers: number | null, sequenceParallel: boolean, pipelineInterleave: number, pipelineStageLayers: Array<number> | null, flashAttention: boolean, offload: Offload, optimizer: Optimizer, precision: Precision, gpuCount: number }, performance: { stepSeconds: number, modelFlopsUtilization: number }, memory: { totalBytes: number, capacityBytes: number }, run: { seconds: number, days: number, costUsd: number } | null } }> } | null } };

export type SimulationRowFragment = { id: string, status: SimulationStatus, createdAt: string, finishedAt: string | null, gpuCount: number, replicas: number, pace: number | null, reliabilityPreset: string, nominalStepSeconds: number, totalSteps: number, lastSeq: number, error: string | null, summary: { effectiveTrainingTimeRatio: number, goodput: number, interruptions: number, simulatedSeconds: number, costUsd: number } | null };

export type SimulationsQueryVariables = Exact<{ [key: string]: never; }>;


export type SimulationsQuery = { simulations: Array<{ id: string, status: SimulationStatus, createdAt: string, finishedAt: string | null, gpuCount: number, replicas: number, pace: number | null, reliabilityPreset: string, nominalStepSeconds: number, totalSteps: number, lastSeq: number, error: string | null, summary: { effectiveTrainingTimeRatio: number, goodput: number, interruptions: number, simulatedSeconds: number, costUsd: number } | null }> };

export type StartSimulationMutationVariables = Exact<{
  input: SimulationInput;
}>;


export type StartSimulationMutation = { startSimulation: { id: string, status: SimulationStatus, createdAt: string, finishedAt: string | null, gpuCount: number, replicas: number, pace: number | null, reliabilityPreset: string, nominalStepSeconds: number, totalSteps: number, lastSeq: number, error: string | null, summary: { effectiveTrainingTimeRatio: number, goodput: number, interruptions: number, simulatedSeconds: number, costUsd: number } | null } };

export type RerunSimulationMutationVariables = Exact<{
  id: string;
  pace?: number | null | undefined;
}>;


export type RerunSimulationMutation = { rerunSimulation: { id: string, status: SimulationStatus, createdAt: string, finishedAt: string | null, gpuCount: number, replicas: number, pace: number | null, reliabilityPreset: string, nominalStepSeconds: number, totalSteps: number, lastSeq: number, error: string | null, summary: { effectiveTrainingTimeRatio: number, goodput: number, interruptions: number, simulatedSeconds: number, costUsd: number } | null } };

export type CancelSimulationMutationVariables = Exact<{
  id: string;
}>;


export type CancelSimulationMutation = { cancelSimulation: { id: string, status: SimulationStatus, createdAt: string, finishedAt: string | null, gpuCount: number, replicas: number, pace: number | null, reliabilityPreset: string, nominalStepSeconds: number, totalSteps: number, lastSeq: number, error: string | null, summary: { effectiveTrainingTimeRatio: number, goodput: number, interruptions: number, simulatedSeconds: number, costUsd: number } | null } };

export type SimulationEventsSubscriptionVariables = Exact<{
  id: string;
  after?: number | null | undefined;
}>;


export type SimulationEventsSubscription = { simulationEvents:
    | { __typename: 'SimulationCancelled', seq: number, simulatedSeconds: number }
    | { __typename: 'SimulationCheckpointSampled', replica: number, checkpointsWritten: number, step: number, seq: number, simulatedSeconds: number }
    | { __typename: 'SimulationCompleted', seq: number, simulatedSeconds: number, summary: { effectiveTrainingTimeRatio: number, goodput: number, interruptions: number, plannedInterruptions: number, unexpectedInterruptions: number, simulatedSeconds: number, costUsd: number, wastedCostUsd: number, gpuHours: number, lostWorkSeconds: number, checkpointIntervalSeconds: number, checkpointIntervalSource: string, predictedLoss: number | null, replicas: number, finishedReplicas: number, timeToTrainSeconds: { mean: number, p10: number, p50: number, p90: number }, goodputQuantiles: { mean: number, p10: number, p50: number, p90: number }, interruptionsByCause: Array<{ cause: string, label: string, mean: number }> } }
    | { __typename: 'SimulationFailed', message: string, seq: number, simulatedSeconds: number }
    | { __typename: 'SimulationInterrupted', reason: string, seq: number, simulatedSeconds: number }
    | { __typename: 'SimulationInterruption', replica: number, cause: string, planned: boolean, lostWorkSeconds: number, duringRecovery: boolean, index: number, seq: number, simulatedSeconds: number }
    | { __typename: 'SimulationProgress', replica: number, step: number, tokens: number, fractionComplete: number, goodput: number, effectiveTrainingTimeRatio: number, predictedLoss: number | null, seq: number, simulatedSeconds: number }
    | { __typename: 'SimulationRecovery', replica: number, downtimeSeconds: number, nodeWaitSeconds: number, seq: number, simulatedSeconds: number }
    | { __typename: 'SimulationReplicaCompleted', replica: number, seq: number, simulatedSeconds: number, result: { replica: number, effectiveTrainingTimeRatio: number, goodput: number, interruptions: number, simulatedSeconds: number, costUsd: number, finished: boolean }, running: { replicasDone: number, goodput: { mean: number, p10: number, p50: number, p90: number }, timeToTrainSeconds: { mean: number, p10: number, p50: number, p90: number } } }
   };

export type ValidationReportQueryVariables = Exact<{ [key: string]: never; }>;


export type ValidationReportQuery = { validation: { leaveOneFamilyOutMeanAbsError: number, leaveOneFamilyOutMaxAbsError: number, sources: number, runs: Array<{ id: string, source: string, family: ValidationFamily, gpu: string, gpus: number, tensorParallel: number, pipelineParallel: number, pipelineInterleave: number, dataParallel: number, contextParallel: number, expertParallel: number, expertTensorParallel: number, recipe: string, trainingRecipe: string, precision: string, recompute: string, assumed: string | null, publishedKind: PublishedFigureKind, published: number, predicted: number, error: number, predictedStepSeconds: number, predictedMemoryBytes: number, predictedFits: boolean, trainingPlanInput: string }>, summary: { runs: number, meanAbsError: number, maxAbsError: number, meanError: number }, denseSummary: { runs: number, meanAbsError: number, maxAbsError: number, meanError: number }, statedAccuracies: Array<{ generations: Array<string>, mixtureOfExperts: boolean, runs: number, statedFraction: number }>, families: Array<{ family: ValidationFamily, name: string, runs: number, meanAbsError: number, maxAbsError: number, meanError: number, leaveOut: { meanAbsError: number, maxAbsError: number } }>, heldBack: Array<{ id: string, source: string, reason: string, readings: Array<{ name: string, run: { gpus: number, gpu: string, tensorParallel: number, pipelineParallel: number, pipelineInterleave: number, dataParallel: number, contextParallel: number, expertParallel: number, expertTensorParallel: number, microBatchSize: number, publishedKind: PublishedFigureKind, published: number, predicted: number, error: number } }> }> } };

export type ValidationErrorsFragment = { runs: number, meanAbsError: number, maxAbsError: number, meanError: number };

export type ValidationRunTermsQueryVariables = Exact<{
  input: TrainingPlanInput;
}>;


export type ValidationRunTermsQuery = { trainingPlan: { fits: boolean, memory: { totalBytes: number, mostLoadedStage: number }, performance: { stepSeconds: number, terms: Array<{ name: StepTermName, seconds: number, exposedSeconds: number, bytes: number, explanation: string }> } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const LayoutFragmentDoc = new TypedDocumentString(`
    fragment Layout on Parallelism {
  tensorParallel
  pipelineParallel
  dataParallel
  contextParallel
  expertParallel
  expertTensorParallel
  zeroStage
  microBatchSize
  globalBatchSize
  gradientAccumulationSteps
  recompute
  recomputeLayers
  sequenceParallel
  pipelineInterleave
  pipelineStageLayers
  flashAttention
  offload
  optimizer
  precision
  gpuCount
}
    `, {"fragmentName":"Layout"}) as unknown as TypedDocumentString<LayoutFragment, unknown>;
export const BudgetAnswerFragmentDoc = new TypedDocumentString(`
    fragment BudgetAnswer on BudgetPlan {
  bindingConstraint
  truncated
  targetReached
  notes
  elapsedSeconds
  parameters
  trainingTokens
  effectiveTokens
  epochs
  computeFlops
  idealParameters
  idealTokens
  shiftFraction
  gpus
  modelFlopsUtilization
  ettr
  jobMtbfSeconds
  checkpointIntervalSeconds
  solveDays
  expectedDays
  costUsd
  predictedLoss
  rankingLoss
  model {
    name
    parameters
    activeParameters
    layers
    hiddenSize
    attentionHeads
    kvHeads
    ffnHiddenSize
    gatedMlp
    vocabSize
    sequenceLength
    tiedEmbeddings
    linearBiases
    normalization
    positionEmbedding
    experts
    expertsPerToken
    dropout
  }
  plan {
    parallelism {
      ...Layout
    }
  }
  frontier {
    spendUsd
    predictedLoss
    rankingLoss
    parameters
    trainingTokens
    expectedDays
    gpus
  }
}
    fragment Layout on Parallelism {
  tensorParallel
  pipelineParallel
  dataParallel
  contextParallel
  expertParallel
  expertTensorParallel
  zeroStage
  microBatchSize
  globalBatchSize
  gradientAccumulationSteps
  recompute
  recomputeLayers
  sequenceParallel
  pipelineInterleave
  pipelineStageLayers
  flashAttention
  offload
  optimizer
  precision
  gpuCount
}`, {"fragmentName":"BudgetAnswer"}) as unknown as TypedDocumentString<BudgetAnswerFragment, unknown>;
export const MemoryPartsFragmentDoc = new TypedDocumentString(`
    fragment MemoryParts on MemoryEstimate {
  parametersBytes
  gradientsBytes
  optimizerStatesBytes
  activationsBytes
  temporaryBytes
  overheadBytes
  otherBytes
  totalBytes
  capacityBytes
  headroomBytes
  utilization
  mostLoadedStage
  hostBytes
  nvmeBytes
}
    `, {"fragmentName":"MemoryParts"}) as unknown as TypedDocumentString<MemoryPartsFragment, unknown>;
export const PlanFiguresFragmentDoc = new TypedDocumentString(`
    fragment PlanFigures on TrainingPlan {
  fits
  model {
    id
    name
    parameters
  }
  cluster {
    id
    name
    gpuCount
    gpuHourUsd
    pue
    gpu {
      name
      memoryBytes
      tdpWatts
    }
  }
  parallelism {
    ...Layout
  }
  memory {
    ...MemoryParts
    stages(limit: 128) {
      stage
      layers
      parametersBytes
      gradientsBytes
      optimizerStatesBytes
      activationsBytes
      temporaryBytes
      overheadBytes
      totalBytes
    }
  }
  performance {
    stepSeconds
    computeSeconds
    bubbleSeconds
    bubbleFraction
    exposedCommunicationSeconds
    optimizerSeconds
    expertHostSeconds
    modelFlopsUtilization
    hardwareFlopsUtilization
    modelTflopsPerGpu
    hardwareTflopsPerGpu
    tokensPerSecond
    computeEfficiency
    terms {
      name
      seconds
      exposedSeconds
      bytes
      explanation
    }
  }
  communication {
    tensorParallelSeconds
    pipelineParallelSeconds
    dataParallelSeconds
    contextParallelSeconds
    expertParallelSeconds
    exposedSeconds
    exposedTensorParallelSeconds
    exposedPipelineParallelSeconds
    exposedDataParallelSeconds
    exposedContextParallelSeconds
    exposedExpertParallelSeconds
    exposedOffloadSeconds
  }
  run {
    days
    seconds
    costUsd
    energyKwh
    gpuHours
    steps
    trainingTokens
  }
  predictedLoss
  diagnostics {
    code
    severity
    message
  }
  assumptions {
    name
    value
    origin
    source
  }
}
    fragment Layout on Parallelism {
  tensorParallel
  pipelineParallel
  dataParallel
  contextParallel
  expertParallel
  expertTensorParallel
  zeroStage
  microBatchSize
  globalBatchSize
  gradientAccumulationSteps
  recompute
  recomputeLayers
  sequenceParallel
  pipelineInterleave
  pipelineStageLayers
  flashAttention
  offload
  optimizer
  precision
  gpuCount
}
fragment MemoryParts on MemoryEstimate {
  parametersBytes
  gradientsBytes
  optimizerStatesBytes
  activationsBytes
  temporaryBytes
  overheadBytes
  otherBytes
  totalBytes
  capacityBytes
  headroomBytes
  utilization
  mostLoadedStage
  hostBytes
  nvmeBytes
}`, {"fragmentName":"PlanFigures"}) as unknown as TypedDocumentString<PlanFiguresFragment, unknown>;
export const ZeroColumnFragmentDoc = new TypedDocumentString(`
    fragment ZeroColumn on TrainingPlanResult {
  ... on TrainingPlan {
    fits
    memory {
      ...MemoryParts
    }
    performance {
      stepSeconds
    }
  }
  ... on InputError {
    field
    message
  }
}
    fragment MemoryParts on MemoryEstimate {
  parametersBytes
  gradientsBytes
  optimizerStatesBytes
  activationsBytes
  temporaryBytes
  overheadBytes
  otherBytes
  totalBytes
  capacityBytes
  headroomBytes
  utilization
  mostLoadedStage
  hostBytes
  nvmeBytes
}`, {"fragmentName":"ZeroColumn"}) as unknown as TypedDocumentString<ZeroColumnFragment, unknown>;
export const CurvePointFragmentDoc = new TypedDocumentString(`
    fragment CurvePoint on ComputeOptimal {
  parameters
  tokens
  predictedLoss
}
    `, {"fragmentName":"CurvePoint"}) as unknown as TypedDocumentString<CurvePointFragment, unknown>;
export const SearchPointFragmentDoc = new TypedDocumentString(`
    fragment SearchPoint on TrainingPlan {
  fits
  parallelism {
    ...Layout
  }
  performance {
    stepSeconds
    modelFlopsUtilization
  }
  memory {
    totalBytes
    capacityBytes
  }
  run {
    seconds
    days
    costUsd
  }
}
    fragment Layout on Parallelism {
  tensorParallel
  pipelineParallel
  dataParallel
  contextParallel
  expertParallel
  expertTensorParallel
  zeroStage
  microBatchSize
  globalBatchSize
  gradientAccumulationSteps
  recompute
  recomputeLayers
  sequenceParallel
  pipelineInterleave
  pipelineStageLayers
  flashAttention
  offload
  optimizer
  precision
  gpuCount
}`, {"fragmentName":"SearchPoint"}) as unknown as TypedDocumentString<SearchPointFragment, unknown>;
export const SimulationRowFragmentDoc = new TypedDocumentString(`
    fragment SimulationRow on Simulation {
  id
  status
  createdAt
  finishedAt
  gpuCount
  replicas
  pace
  reliabilityPreset
  nominalStepSeconds
  totalSteps
  lastSeq
  error
  summary {
    effectiveTrainingTimeRatio
    goodput
    interruptions
    simulatedSeconds
    costUsd
  }
}
    `, {"fragmentName":"SimulationRow"}) as unknown as TypedDocumentString<SimulationRowFragment, unknown>;
export const ValidationErrorsFragmentDoc = new TypedDocumentString(`
    fragment ValidationErrors on ValidationErrorSummary {
  runs
  meanAbsError
  maxAbsError
  meanError
}
    `, {"fragmentName":"ValidationErrors"}) as unknown as TypedDocumentString<ValidationErrorsFragment, unknown>;
export const BudgetProgressDocument = new TypedDocumentString(`
    subscription BudgetProgress($input: BudgetPlanInput!) {
  budgetPlanProgress(input: $input) {
    done
    sizesEvaluated
    sizesTotal
    elapsedSeconds
    bestParameters
    bestPredictedLoss
    result {
      ...BudgetAnswer
    }
  }
}
    fragment BudgetAnswer on BudgetPlan {
  bindingConstraint
  truncated
  targetReached
  notes
  elapsedSeconds
  parameters
  trainingTokens
  effectiveTokens
  epochs
  computeFlops
  idealParameters
  idealTokens
  shiftFraction
  gpus
  modelFlopsUtilization
  ettr
  jobMtbfSeconds
  checkpointIntervalSeconds
  solveDays
  expectedDays
  costUsd
  predictedLoss
  rankingLoss
  model {
    name
    parameters
    activeParameters
    layers
    hiddenSize
    attentionHeads
    kvHeads
    ffnHiddenSize
    gatedMlp
    vocabSize
    sequenceLength
    tiedEmbeddings
    linearBiases
    normalization
    positionEmbedding
    experts
    expertsPerToken
    dropout
  }
  plan {
    parallelism {
      ...Layout
    }
  }
  frontier {
    spendUsd
    predictedLoss
    rankingLoss
    parameters
    trainingTokens
    expectedDays
    gpus
  }
}
fragment Layout on Parallelism {
  tensorParallel
  pipelineParallel
  dataParallel
  contextParallel
  expertParallel
  expertTensorParallel
  zeroStage
  microBatchSize
  globalBatchSize
  gradientAccumulationSteps
  recompute
  recomputeLayers
  sequenceParallel
  pipelineInterleave
  pipelineStageLayers
  flashAttention
  offload
  optimizer
  precision
  gpuCount
}`) as unknown as TypedDocumentString<BudgetProgressSubscription, BudgetProgressSubscriptionVariables>;
export const SaveSizedModelDocument = new TypedDocumentString(`
    mutation SaveSizedModel($input: ModelInput!) {
  createModel(input: $input) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<SaveSizedModelMutation, SaveSizedModelMutationVariables>;
export const CatalogDocument = new TypedDocumentString(`
    query Catalog {
  models {
    id
    name
    preset
    parameters
    activeParameters
    sequenceLength
    layers
    attentionHeads
  }
  clusters {
    id
    name
    preset
    gpuCount
    gpusPerNode
    nodes
    gpuHourUsd
    pue
    hostMemoryBytesPerNode
    nvmeBytesPerNode
    gpu {
      id
      name
      memoryBytes
      interNodeBandwidthBytesPerSecond
    }
  }
  reliabilityPresets {
    id
    name
    description
  }
}
    `) as unknown as TypedDocumentString<CatalogQuery, CatalogQueryVariables>;
export const ImportHuggingFaceConfigDocument = new TypedDocumentString(`
    mutation ImportHuggingFaceConfig($config: String!, $name: String) {
  createModelFromHuggingFaceConfig(config: $config, name: $name) {
    id
    name
    parameters
  }
}
    `) as unknown as TypedDocumentString<ImportHuggingFaceConfigMutation, ImportHuggingFaceConfigMutationVariables>;
export const PlanDocument = new TypedDocumentString(`
    query Plan($input: TrainingPlanInput!, $z0: TrainingPlanInput!, $z1: TrainingPlanInput!, $z2: TrainingPlanInput!, $z3: TrainingPlanInput!) {
  trainingPlanOrError(input: $input) {
    __typename
    ... on TrainingPlan {
      ...PlanFigures
    }
    ... on InputError {
      field
      value
      allowed
      message
    }
  }
  zero0: trainingPlanOrError(input: $z0) {
    __typename
    ...ZeroColumn
  }
  zero1: trainingPlanOrError(input: $z1) {
    __typename
    ...ZeroColumn
  }
  zero2: trainingPlanOrError(input: $z2) {
    __typename
    ...ZeroColumn
  }
  zero3: trainingPlanOrError(input: $z3) {
    __typename
    ...ZeroColumn
  }
}
    fragment Layout on Parallelism {
  tensorParallel
  pipelineParallel
  dataParallel
  contextParallel
  expertParallel
  expertTensorParallel
  zeroStage
  microBatchSize
  globalBatchSize
  gradientAccumulationSteps
  recompute
  recomputeLayers
  sequenceParallel
  pipelineInterleave
  pipelineStageLayers
  flashAttention
  offload
  optimizer
  precision
  gpuCount
}
fragment MemoryParts on MemoryEstimate {
  parametersBytes
  gradientsBytes
  optimizerStatesBytes
  activationsBytes
  temporaryBytes
  overheadBytes
  otherBytes
  totalBytes
  capacityBytes
  headroomBytes
  utilization
  mostLoadedStage
  hostBytes
  nvmeBytes
}
fragment PlanFigures on TrainingPlan {
  fits
  model {
    id
    name
    parameters
  }
  cluster {
    id
    name
    gpuCount
    gpuHourUsd
    pue
    gpu {
      name
      memoryBytes
      tdpWatts
    }
  }
  parallelism {
    ...Layout
  }
  memory {
    ...MemoryParts
    stages(limit: 128) {
      stage
      layers
      parametersBytes
      gradientsBytes
      optimizerStatesBytes
      activationsBytes
      temporaryBytes
      overheadBytes
      totalBytes
    }
  }
  performance {
    stepSeconds
    computeSeconds
    bubbleSeconds
    bubbleFraction
    exposedCommunicationSeconds
    optimizerSeconds
    expertHostSeconds
    modelFlopsUtilization
    hardwareFlopsUtilization
    modelTflopsPerGpu
    hardwareTflopsPerGpu
    tokensPerSecond
    computeEfficiency
    terms {
      name
      seconds
      exposedSeconds
      bytes
      explanation
    }
  }
  communication {
    tensorParallelSeconds
    pipelineParallelSeconds
    dataParallelSeconds
    contextParallelSeconds
    expertParallelSeconds
    exposedSeconds
    exposedTensorParallelSeconds
    exposedPipelineParallelSeconds
    exposedDataParallelSeconds
    exposedContextParallelSeconds
    exposedExpertParallelSeconds
    exposedOffloadSeconds
  }
  run {
    days
    seconds
    costUsd
    energyKwh
    gpuHours
    steps
    trainingTokens
  }
  predictedLoss
  diagnostics {
    code
    severity
    message
  }
  assumptions {
    name
    value
    origin
    source
  }
}
fragment ZeroColumn on TrainingPlanResult {
  ... on TrainingPlan {
    fits
    memory {
      ...MemoryParts
    }
    performance {
      stepSeconds
    }
  }
  ... on InputError {
    field
    message
  }
}`) as unknown as TypedDocumentString<PlanQuery, PlanQueryVariables>;
export const ComputeOptimalPointDocument = new TypedDocumentString(`
    query ComputeOptimalPoint($computeFlops: Float!, $law: ScalingLaw!) {
  computeOptimal(computeFlops: $computeFlops, law: $law) {
    law
    computeFlops
    computePfDays
    parameters
    tokens
    tokensPerParameter
    predictedLoss
  }
}
    `) as unknown as TypedDocumentString<ComputeOptimalPointQuery, ComputeOptimalPointQueryVariables>;
export const ExtrapolationDocument = new TypedDocumentString(`
    query Extrapolation {
  extrapolation {
    previousParameters
    currentParameters
    nextParameters
    growthFactor
    currentLoss
    nextLoss
    computeRatio
    currentComputePfDays
    nextComputePfDays
    nextComputeFlops
    nextTokens
    nextDatasetBytes
    nextTokensOverAllBooks
    nextTokensOverEnglishWikipedia
    nextCostV100Usd
    nextCostA100Usd
    chinchilla {
      parameters
      tokens
      tokensPerParameter
      predictedLoss
    }
    chinchillaParametric {
      parameters
      tokens
      tokensPerParameter
      predictedLoss
    }
  }
}
    `) as unknown as TypedDocumentString<ExtrapolationQuery, ExtrapolationQueryVariables>;
export const ComputeOptimalCurvesDocument = new TypedDocumentString(`
    query ComputeOptimalCurves($c0: Float!, $c1: Float!, $c2: Float!, $c3: Float!, $c4: Float!, $c5: Float!, $c6: Float!, $c7: Float!, $c8: Float!, $c9: Float!) {
  k0: computeOptimal(computeFlops: $c0, law: KAPLAN) {
    ...CurvePoint
  }
  k1: computeOptimal(computeFlops: $c1, law: KAPLAN) {
    ...CurvePoint
  }
  k2: computeOptimal(computeFlops: $c2, law: KAPLAN) {
    ...CurvePoint
  }
  k3: computeOptimal(computeFlops: $c3, law: KAPLAN) {
    ...CurvePoint
  }
  k4: computeOptimal(computeFlops: $c4, law: KAPLAN) {
    ...CurvePoint
  }
  k5: computeOptimal(computeFlops: $c5, law: KAPLAN) {
    ...CurvePoint
  }
  k6: computeOptimal(computeFlops: $c6, law: KAPLAN) {
    ...CurvePoint
  }
  k7: computeOptimal(computeFlops: $c7, law: KAPLAN) {
    ...CurvePoint
  }
  k8: computeOptimal(computeFlops: $c8, law: KAPLAN) {
    ...CurvePoint
  }
  k9: computeOptimal(computeFlops: $c9, law: KAPLAN) {
    ...CurvePoint
  }
  c0: computeOptimal(computeFlops: $c0, law: CHINCHILLA) {
    ...CurvePoint
  }
  c1: computeOptimal(computeFlops: $c1, law: CHINCHILLA) {
    ...CurvePoint
  }
  c2: computeOptimal(computeFlops: $c2, law: CHINCHILLA) {
    ...CurvePoint
  }
  c3: computeOptimal(computeFlops: $c3, law: CHINCHILLA) {
    ...CurvePoint
  }
  c4: computeOptimal(computeFlops: $c4, law: CHINCHILLA) {
    ...CurvePoint
  }
  c5: computeOptimal(computeFlops: $c5, law: CHINCHILLA) {
    ...CurvePoint
  }
  c6: computeOptimal(computeFlops: $c6, law: CHINCHILLA) {
    ...CurvePoint
  }
  c7: computeOptimal(computeFlops: $c7, law: CHINCHILLA) {
    ...CurvePoint
  }
  c8: computeOptimal(computeFlops: $c8, law: CHINCHILLA) {
    ...CurvePoint
  }
  c9: computeOptimal(computeFlops: $c9, law: CHINCHILLA) {
    ...CurvePoint
  }
  p0: computeOptimal(computeFlops: $c0, law: CHINCHILLA_PARAMETRIC) {
    ...CurvePoint
  }
  p1: computeOptimal(computeFlops: $c1, law: CHINCHILLA_PARAMETRIC) {
    ...CurvePoint
  }
  p2: computeOptimal(computeFlops: $c2, law: CHINCHILLA_PARAMETRIC) {
    ...CurvePoint
  }
  p3: computeOptimal(computeFlops: $c3, law: CHINCHILLA_PARAMETRIC) {
    ...CurvePoint
  }
  p4: computeOptimal(computeFlops: $c4, law: CHINCHILLA_PARAMETRIC) {
    ...CurvePoint
  }
  p5: computeOptimal(computeFlops: $c5, law: CHINCHILLA_PARAMETRIC) {
    ...CurvePoint
  }
  p6: computeOptimal(computeFlops: $c6, law: CHINCHILLA_PARAMETRIC) {
    ...CurvePoint
  }
  p7: computeOptimal(computeFlops: $c7, law: CHINCHILLA_PARAMETRIC) {
    ...CurvePoint
  }
  p8: computeOptimal(computeFlops: $c8, law: CHINCHILLA_PARAMETRIC) {
    ...CurvePoint
  }
  p9: computeOptimal(computeFlops: $c9, law: CHINCHILLA_PARAMETRIC) {
    ...CurvePoint
  }
  e0: computeOptimal(computeFlops: $c0, law: EPOCH) {
    ...CurvePoint
  }
  e1: computeOptimal(computeFlops: $c1, law: EPOCH) {
    ...CurvePoint
  }
  e2: computeOptimal(computeFlops: $c2, law: EPOCH) {
    ...CurvePoint
  }
  e3: computeOptimal(computeFlops: $c3, law: EPOCH) {
    ...CurvePoint
  }
  e4: computeOptimal(computeFlops: $c4, law: EPOCH) {
    ...CurvePoint
  }
  e5: computeOptimal(computeFlops: $c5, law: EPOCH) {
    ...CurvePoint
  }
  e6: computeOptimal(computeFlops: $c6, law: EPOCH) {
    ...CurvePoint
  }
  e7: computeOptimal(computeFlops: $c7, law: EPOCH) {
    ...CurvePoint
  }
  e8: computeOptimal(computeFlops: $c8, law: EPOCH) {
    ...CurvePoint
  }
  e9: computeOptimal(computeFlops: $c9, law: EPOCH) {
    ...CurvePoint
  }
}
    fragment CurvePoint on ComputeOptimal {
  parameters
  tokens
  predictedLoss
}`) as unknown as TypedDocumentString<ComputeOptimalCurvesQuery, ComputeOptimalCurvesQueryVariables>;
export const SearchProgressDocument = new TypedDocumentString(`
    subscription SearchProgress($input: PlanSearchInput!) {
  planSearchProgress(input: $input) {
    done
    candidates
    covered
    evaluated
    feasible
    elapsedSeconds
    best {
      ...SearchPoint
    }
    pareto {
      ...SearchPoint
    }
    result {
      objective
      stopReason
      truncated
      modelAccuracyFraction
      nearOptimal
      winnerReason
      paretoSize
      ranked {
        gapToBest
        score
        timeSeconds
        costUsd
        gpus
        headroomBytes
        plan {
          ...SearchPoint
        }
      }
      frontier {
        gapToBest
        timeSeconds
        costUsd
        gpus
        plan {
          ...SearchPoint
        }
      }
    }
  }
}
    fragment Layout on Parallelism {
  tensorParallel
  pipelineParallel
  dataParallel
  contextParallel
  expertParallel
  expertTensorParallel
  zeroStage
  microBatchSize
  globalBatchSize
  gradientAccumulationSteps
  recompute
  recomputeLayers
  sequenceParallel
  pipelineInterleave
  pipelineStageLayers
  flashAttention
  offload
  optimizer
  precision
  gpuCount
}
fragment SearchPoint on TrainingPlan {
  fits
  parallelism {
    ...Layout
  }
  performance {
    stepSeconds
    modelFlopsUtilization
  }
  memory {
    totalBytes
    capacityBytes
  }
  run {
    seconds
    days
    costUsd
  }
}`) as unknown as TypedDocumentString<SearchProgressSubscription, SearchProgressSubscriptionVariables>;
export const SimulationsDocument = new TypedDocumentString(`
    query Simulations {
  simulations(limit: 50) {
    ...SimulationRow
  }
}
    fragment SimulationRow on Simulation {
  id
  status
  createdAt
  finishedAt
  gpuCount
  replicas
  pace
  reliabilityPreset
  nominalStepSeconds
  totalSteps
  lastSeq
  error
  summary {
    effectiveTrainingTimeRatio
    goodput
    interruptions
    simulatedSeconds
    costUsd
  }
}`) as unknown as TypedDocumentString<SimulationsQuery, SimulationsQueryVariables>;
export const StartSimulationDocument = new TypedDocumentString(`
    mutation StartSimulation($input: SimulationInput!) {
  startSimulation(input: $input) {
    ...SimulationRow
  }
}
    fragment SimulationRow on Simulation {
  id
  status
  createdAt
  finishedAt
  gpuCount
  replicas
  pace
  reliabilityPreset
  nominalStepSeconds
  totalSteps
  lastSeq
  error
  summary {
    effectiveTrainingTimeRatio
    goodput
    interruptions
    simulatedSeconds
    costUsd
  }
}`) as unknown as TypedDocumentString<StartSimulationMutation, StartSimulationMutationVariables>;
export const RerunSimulationDocument = new TypedDocumentString(`
    mutation RerunSimulation($id: ID!, $pace: Float) {
  rerunSimulation(id: $id, pace: $pace) {
    ...SimulationRow
  }
}
    fragment SimulationRow on Simulation {
  id
  status
  createdAt
  finishedAt
  gpuCount
  replicas
  pace
  reliabilityPreset
  nominalStepSeconds
  totalSteps
  lastSeq
  error
  summary {
    effectiveTrainingTimeRatio
    goodput
    interruptions
    simulatedSeconds
    costUsd
  }
}`) as unknown as TypedDocumentString<RerunSimulationMutation, RerunSimulationMutationVariables>;
export const CancelSimulationDocument = new TypedDocumentString(`
    mutation CancelSimulation($id: ID!) {
  cancelSimulation(id: $id) {
    ...SimulationRow
  }
}
    fragment SimulationRow on Simulation {
  id
  status
  createdAt
  finishedAt
  gpuCount
  replicas
  pace
  reliabilityPreset
  nominalStepSeconds
  totalSteps
  lastSeq
  error
  summary {
    effectiveTrainingTimeRatio
    goodput
    interruptions
    simulatedSeconds
    costUsd
  }
}`) as unknown as TypedDocumentString<CancelSimulationMutation, CancelSimulationMutationVariables>;
export const SimulationEventsDocument = new TypedDocumentString(`
    subscription SimulationEvents($id: ID!, $after: Int) {
  simulationEvents(id: $id, after: $after) {
    __typename
    seq
    simulatedSeconds
    ... on SimulationProgress {
      replica
      step
      tokens
      fractionComplete
      goodput
      effectiveTrainingTimeRatio
      predictedLoss
    }
    ... on SimulationInterruption {
      replica
      cause
      planned
      lostWorkSeconds
      duringRecovery
      index
    }
    ... on SimulationRecovery {
      replica
      downtimeSeconds
      nodeWaitSeconds
    }
    ... on SimulationCheckpointSampled {
      replica
      checkpointsWritten
      step
    }
    ... on SimulationReplicaCompleted {
      replica
      result {
        replica
        effectiveTrainingTimeRatio
        goodput
        interruptions
        simulatedSeconds
        costUsd
        finished
      }
      running {
        replicasDone
        goodput {
          mean
          p10
          p50
          p90
        }
        timeToTrainSeconds {
          mean
          p10
          p50
          p90
        }
      }
    }
    ... on SimulationCompleted {
      summary {
        effectiveTrainingTimeRatio
        goodput
        interruptions
        plannedInterruptions
        unexpectedInterruptions
        simulatedSeconds
        costUsd
        wastedCostUsd
        gpuHours
        lostWorkSeconds
        checkpointIntervalSeconds
        checkpointIntervalSource
        predictedLoss
        replicas
        finishedReplicas
        timeToTrainSeconds {
          mean
          p10
          p50
          p90
        }
        goodputQuantiles {
          mean
          p10
          p50
          p90
        }
        interruptionsByCause {
          cause
          label
          mean
        }
      }
    }
    ... on SimulationFailed {
      message
    }
    ... on SimulationInterrupted {
      reason
    }
  }
}
    `) as unknown as TypedDocumentString<SimulationEventsSubscription, SimulationEventsSubscriptionVariables>;
export const ValidationReportDocument = new TypedDocumentString(`
    query ValidationReport {
  validation {
    runs {
      id
      source
      family
      gpu
      gpus
      tensorParallel
      pipelineParallel
      pipelineInterleave
      dataParallel
      contextParallel
      expertParallel
      expertTensorParallel
      recipe
      trainingRecipe
      precision
      recompute
      assumed
      publishedKind
      published
      predicted
      error
      predictedStepSeconds
      predictedMemoryBytes
      predictedFits
      trainingPlanInput
    }
    summary {
      ...ValidationErrors
    }
    denseSummary {
      ...ValidationErrors
    }
    statedAccuracies {
      generations
      mixtureOfExperts
      runs
      statedFraction
    }
    families {
      family
      name
      runs
      meanAbsError
      maxAbsError
      meanError
      leaveOut {
        meanAbsError
        maxAbsError
      }
    }
    leaveOneFamilyOutMeanAbsError
    leaveOneFamilyOutMaxAbsError
    sources
    heldBack {
      id
      source
      reason
      readings {
        name
        run {
          gpus
          gpu
          tensorParallel
          pipelineParallel
          pipelineInterleave
          dataParallel
          contextParallel
          expertParallel
          expertTensorParallel
          microBatchSize
          publishedKind
          published
          predicted
          error
        }
      }
    }
  }
}
    fragment ValidationErrors on ValidationErrorSummary {
  runs
  meanAbsError
  maxAbsError
  meanError
}`) as unknown as TypedDocumentString<ValidationReportQuery, ValidationReportQueryVariables>;
export const ValidationRunTermsDocument = new TypedDocumentString(`
    query ValidationRunTerms($input: TrainingPlanInput!) {
  trainingPlan(input: $input) {
    fits
    memory {
      totalBytes
      mostLoadedStage
    }
    performance {
      stepSeconds
      terms {
        name
        seconds
        exposedSeconds
        bytes
        explanation
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ValidationRunTermsQuery, ValidationRunTermsQueryVariables>;