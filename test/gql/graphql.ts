/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
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

/** Which FlashAttention kernel the attention runs (options.attentionKernel). */
export type AttentionKernel =
  /** cuDNN's fused attention, as Transformer Engine runs it under Megatron-Core and NeMo (the default; the rate cuDNN's SDPA benchmark measures). */
  | 'CUDNN'
  /** PyTorch's scaled_dot_product_attention as torchtitan calls it: FlashAttention-2 on A100 and Hopper — on Hopper at 0.574 × cuDNN's rate (NVIDIA's comparison, cudnn-frontend benchmark/sdpa_benchmark) — and cuDNN on Blackwell. */
  | 'PYTORCH_SDPA';

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

/** Override any assumption of the extrapolation (all positive numbers; omitted ones keep the article's values). */
export type ExtrapolationInput = {
  /** A100 speed-up over V100 (default 6). */
  a100SpeedupOverV100?: number | null | undefined;
  /** Bytes of text per token (default 1.425). */
  bytesPerToken?: number | null | undefined;
  /** Current generation's training cost in US dollars (default 4600000). */
  currentCostUsd?: number | null | undefined;
  /** Current generation's parameters (default 175000000000). */
  currentParameters?: number | null | undefined;
  /** Previous generation's parameters (default 1500000000). */
  previousParameters?: number | null | undefined;
};

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

/** A plan to save: its name and its TrainingPlanInput. */
export type SavePlanInput = {
  /** Display name (default: "<model> on <cluster>"). */
  name?: string | null | undefined;
  /** The plan (it must be valid to be saved). */
  plan: TrainingPlanInput;
};

/** What happened to a saved item. */
export type SavedItemChange =
  /** The item was created. */
  | 'CREATED'
  /** The item was deleted. */
  | 'DELETED'
  /** The item was changed. */
  | 'UPDATED';

/** Kinds of user-saved items. */
export type SavedItemKind =
  /** A saved cluster (ids start with `c_`). */
  | 'CLUSTER'
  /** A saved model architecture (ids start with `m_`). */
  | 'MODEL'
  /** A saved training plan (ids start with `p_`). */
  | 'PLAN';

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

export type GpusQueryVariables = Exact<{ [key: string]: never; }>;


export type GpusQuery = { gpus: Array<{ id: string, name: string, vendor: string, memoryBytes: number, memoryBandwidthBytesPerSecond: number, bf16PeakFlopsPerSecond: number, fp8PeakFlopsPerSecond: number | null, tf32PeakFlopsPerSecond: number, fp16PeakFlopsPerSecond: number, fp32PeakFlopsPerSecond: number, intraNodeBandwidthBytesPerSecond: number, interNodeBandwidthBytesPerSecond: number, tdpWatts: number, gpuHourUsd: number, gpusPerNode: number }> };

export type GpuQueryVariables = Exact<{
  id: string;
  precision: Precision;
}>;


export type GpuQuery = { gpu: { id: string, name: string, peakFlopsPerSecond: number | null } | null };

export type ModelFieldsFragment = { id: string, name: string, preset: boolean, source: string | null, publishedParameters: number | null, createdAt: string | null, updatedAt: string | null, parameters: number, nonEmbeddingParameters: number, embeddingParameters: number, activeParameters: number, activeNonEmbeddingParameters: number, parametersPerLayer: number, flopsPerToken: number, flopsPerTokenCausal: number, hardwareFlopsPerToken: number, sixNFlopsPerToken: number, layers: number, hiddenSize: number, attentionHeads: number, kvHeads: number, ffnHiddenSize: number, gatedMlp: boolean, vocabSize: number, sequenceLength: number, tiedEmbeddings: boolean, positionEmbedding: PositionEmbedding, normalization: Normalization, linearBiases: boolean, experts: number, expertsPerToken: number, sharedExperts: number, headDim: number, slidingWindow: number | null, slidingWindowLayers: number, attentionKeysPerQuery: number, denseLayers: number, moeLayers: number, denseFfnHiddenSize: number, latentAttention: { queryRank: number, kvRank: number, qkNopeHeadDim: number, qkRopeHeadDim: number, vHeadDim: number } | null };

export type ModelsQueryVariables = Exact<{ [key: string]: never; }>;


export type ModelsQuery = { models: Array<{ id: string, name: string, preset: boolean, source: string | null, publishedParameters: number | null, createdAt: string | null, updatedAt: string | null, parameters: number, nonEmbeddingParameters: number, embeddingParameters: number, activeParameters: number, activeNonEmbeddingParameters: number, parametersPerLayer: number, flopsPerToken: number, flopsPerTokenCausal: number, hardwareFlopsPerToken: number, sixNFlopsPerToken: number, layers: number, hiddenSize: number, attentionHeads: number, kvHeads: number, ffnHiddenSize: number, gatedMlp: boolean, vocabSize: number, sequenceLength: number, tiedEmbeddings: boolean, positionEmbedding: PositionEmbedding, normalization: Normalization, linearBiases: boolean, experts: number, expertsPerToken: number, sharedExperts: number, headDim: number, slidingWindow: number | null, slidingWindowLayers: number, attentionKeysPerQuery: number, denseLayers: number, moeLayers: number, denseFfnHiddenSize: number, latentAttention: { queryRank: number, kvRank: number, qkNopeHeadDim: number, qkRopeHeadDim: number, vHeadDim: number } | null }> };

export type ModelQueryVariables = Exact<{
  id: string;
}>;


export type ModelQuery = { model: { id: string, name: string, preset: boolean, source: string | null, publishedParameters: number | null, createdAt: string | null, updatedAt: string | null, parameters: number, nonEmbeddingParameters: number, embeddingParameters: number, activeParameters: number, activeNonEmbeddingParameters: number, parametersPerLayer: number, flopsPerToken: number, flopsPerTokenCausal: number, hardwareFlopsPerToken: number, sixNFlopsPerToken: number, layers: number, hiddenSize: number, attentionHeads: number, kvHeads: number, ffnHiddenSize: number, gatedMlp: boolean, vocabSize: number, sequenceLength: number, tiedEmbeddings: boolean, positionEmbedding: PositionEmbedding, normalization: Normalization, linearBiases: boolean, experts: number, expertsPerToken: number, sharedExperts: number, headDim: number, slidingWindow: number | null, slidingWindowLayers: number, attentionKeysPerQuery: number, denseLayers: number, moeLayers: number, denseFfnHiddenSize: number, latentAttention: { queryRank: number, kvRank: number, qkNopeHeadDim: number, qkRopeHeadDim: number, vHeadDim: number } | null } | null };

export type ModelFromHuggingFaceConfigQueryVariables = Exact<{
  config: string;
}>;


export type ModelFromHuggingFaceConfigQuery = { modelFromHuggingFaceConfig: { id: string, name: string, preset: boolean, source: string | null, publishedParameters: number | null, createdAt: string | null, updatedAt: string | null, parameters: number, nonEmbeddingParameters: number, embeddingParameters: number, activeParameters: number, activeNonEmbeddingParameters: number, parametersPerLayer: number, flopsPerToken: number, flopsPerTokenCausal: number, hardwareFlopsPerToken: number, sixNFlopsPerToken: number, layers: number, hiddenSize: number, attentionHeads: number, kvHeads: number, ffnHiddenSize: number, gatedMlp: boolean, vocabSize: number, sequenceLength: number, tiedEmbeddings: boolean, positionEmbedding: PositionEmbedding, normalization: Normalization, linearBiases: boolean, experts: number, expertsPerToken: number, sharedExperts: number, headDim: number, slidingWindow: number | null, slidingWindowLayers: number, attentionKeysPerQuery: number, denseLayers: number, moeLayers: number, denseFfnHiddenSize: number, latentAttention: { queryRank: number, kvRank: number, qkNopeHeadDim: number, qkRopeHeadDim: number, vHeadDim: number } | null } };

export type ClusterFieldsFragment = { id: string, name: string, preset: boolean, createdAt: string | null, updatedAt: string | null, gpusPerNode: number, nodes: number, gpuCount: number, gpuHourUsd: number, hourUsd: number, pue: number, memoryBytes: number, peakFlopsPerSecond: number | null, powerWatts: number, gpu: { id: string } };

export type ClustersQueryVariables = Exact<{ [key: string]: never; }>;


export type ClustersQuery = { clusters: Array<{ id: string, name: string, preset: boolean, createdAt: string | null, updatedAt: string | null, gpusPerNode: number, nodes: number, gpuCount: number, gpuHourUsd: number, hourUsd: number, pue: number, memoryBytes: number, peakFlopsPerSecond: number | null, powerWatts: number, gpu: { id: string } }> };

export type ClusterQueryVariables = Exact<{
  id: string;
}>;


export type ClusterQuery = { cluster: { id: string, name: string, preset: boolean, createdAt: string | null, updatedAt: string | null, gpusPerNode: number, nodes: number, gpuCount: number, gpuHourUsd: number, hourUsd: number, pue: number, memoryBytes: number, peakFlopsPerSecond: number | null, powerWatts: number, gpu: { id: string } } | null };

export type ModelStateMemoryQueryVariables = Exact<{
  parameters: number;
  dataParallel: number;
  optimizer?: Optimizer | null | undefined;
  precision?: Precision | null | undefined;
}>;


export type ModelStateMemoryQuery = { modelStateMemory: Array<{ stage: number, parametersBytes: number, gradientsBytes: number, optimizerStatesBytes: number, totalBytes: number }> };

export type MaxTrainableParametersQueryVariables = Exact<{
  gpu: string;
  gpus: number;
  zeroStage: number;
  tensorParallel?: number | null | undefined;
}>;


export type MaxTrainableParametersQuery = { maxTrainableParameters: number };

export type ComputeOptimalQueryVariables = Exact<{
  computeFlops: number;
  law?: ScalingLaw | null | undefined;
}>;


export type ComputeOptimalQuery = { computeOptimal: { law: ScalingLaw, computeFlops: number, computePfDays: number, parameters: number, tokens: number, tokensPerParameter: number, predictedLoss: number | null } };

export type ScalingLawLossQueryVariables = Exact<{
  parameters: number;
  tokens: number;
  law?: ScalingLaw | null | undefined;
}>;


export type ScalingLawLossQuery = { scalingLawLoss: number | null };

export type ExtrapolationQueryVariables = Exact<{
  assumptions?: ExtrapolationInput | null | undefined;
}>;


export type ExtrapolationQuery = { extrapolation: { growthFactor: number, previousParameters: number, currentParameters: number, nextParameters: number, currentLoss: number, nextLoss: number, currentComputePfDays: number, nextComputePfDays: number, nextComputeFlops: number, computeRatio: number, nextTokens: number, nextDatasetBytes: number, nextCostV100Usd: number, nextCostA100Usd: number, nextTokensOverAllBooks: number, nextTokensOverEnglishWikipedia: number, chinchilla: { parameters: number, tokens: number, predictedLoss: number | null, tokensPerParameter: number }, chinchillaParametric: { parameters: number, tokens: number, predictedLoss: number | null, tokensPerParameter: number } } };

export type CreateModelMutationVariables = Exact<{
  input: ModelInput;
}>;


export type CreateModelMutation = { createModel: { id: string, name: string, preset: boolean, parameters: number, layers: number, hiddenSize: number, createdAt: string | null, updatedAt: string | null, headDim: number, slidingWindow: number | null, slidingWindowLayers: number, flopsPerToken: number, activeParameters: number, moeLayers: number, latentAttention: { kvRank: number } | null } };

export type CreateModelFromHuggingFaceConfigMutationVariables = Exact<{
  config: string;
  name?: string | null | undefined;
}>;


export type CreateModelFromHuggingFaceConfigMutation = { createModelFromHuggingFaceConfig: { id: string, name: string, parameters: number, experts: number, expertsPerToken: number } };

export type UpdateModelMutationVariables = Exact<{
  id: string;
  input: ModelInput;
}>;


export type UpdateModelMutation = { updateModel: { id: string, name: string, parameters: number, layers: number, updatedAt: string | null } };

export type DeleteModelMutationVariables = Exact<{
  id: string;
}>;


export type DeleteModelMutation = { deleteModel: string };

export type CreateClusterMutationVariables = Exact<{
  input: ClusterInput;
}>;


export type CreateClusterMutation = { createCluster: { id: string, name: string, preset: boolean, gpusPerNode: number, nodes: number, gpuCount: number, gpuHourUsd: number, pue: number, hostMemoryBytesPerNode: number, nvmeBytesPerNode: number, gpu: { id: string, interNodeBandwidthBytesPerSecond: number } } };

export type UpdateClusterMutationVariables = Exact<{
  id: string;
  input: ClusterInput;
}>;


export type UpdateClusterMutation = { updateCluster: { id: string, name: string, gpuCount: number, gpuHourUsd: number } };

export type DeleteClusterMutationVariables = Exact<{
  id: string;
}>;


export type DeleteClusterMutation = { deleteCluster: string };

export type SavePlanMutationVariables = Exact<{
  input: SavePlanInput;
}>;


export type SavePlanMutation = { savePlan: { id: string, name: string, createdAt: string, plan: { fits: boolean, model: { id: string, name: string }, cluster: { id: string, name: string, gpuCount: number }, parallelism: { dataParallel: number } } | null } };

export type UpdatePlanMutationVariables = Exact<{
  id: string;
  input: SavePlanInput;
}>;


export type UpdatePlanMutation = { updatePlan: { id: string, name: string, plan: { parallelism: { tensorParallel: number, dataParallel: number } } | null } };

export type DeletePlanMutationVariables = Exact<{
  id: string;
}>;


export type DeletePlanMutation = { deletePlan: string };

export type SavedItemsChangedSubscriptionVariables = Exact<{
  kinds?: Array<SavedItemKind> | SavedItemKind | null | undefined;
}>;


export type SavedItemsChangedSubscription = { savedItemsChanged: { kind: SavedItemKind, id: string, name: string, change: SavedItemChange, missedEvents: number } };

export type PlanFieldsFragment = { fits: boolean, chinchillaLoss: number | null, kaplanLoss: number | null, model: { id: string, name: string, parameters: number }, cluster: { id: string, gpuCount: number, hostMemoryBytesPerNode: number, nvmeBytesPerNode: number }, diagnostics: Array<{ severity: DiagnosticSeverity, code: string, message: string }>, parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number, expertParallel: number, contextParallel: number, gpuCount: number, zeroStage: number, microBatchSize: number, globalBatchSize: number, gradientAccumulationSteps: number, sequenceParallel: boolean, pipelineInterleave: number, recompute: RecomputeMode, precision: Precision, optimizer: Optimizer, offload: Offload, flashAttention: boolean }, memory: { parametersBytes: number, gradientsBytes: number, optimizerStatesBytes: number, activationsBytes: number, temporaryBytes: number, overheadBytes: number, otherBytes: number, totalBytes: number, capacityBytes: number, headroomBytes: number, utilization: number, hostBytes: number, nvmeBytes: number, mostLoadedStage: number }, performance: { stepSeconds: number, computeSeconds: number, bubbleSeconds: number, exposedCommunicationSeconds: number, optimizerSeconds: number, bubbleFraction: number, computeEfficiency: number, tokensPerSecond: number, modelFlopsPerStep: number, hardwareFlopsPerStep: number, modelFlopsPerSecondPerGpu: number, hardwareFlopsPerSecondPerGpu: number, modelTflopsPerGpu: number, hardwareTflopsPerGpu: number, modelFlopsUtilization: number, hardwareFlopsUtilization: number }, communication: { dataParallelBytes: number, tensorParallelBytes: number, pipelineParallelBytes: number, expertParallelBytes: number, dataParallelSeconds: number, tensorParallelSeconds: number, pipelineParallelSeconds: number, expertParallelSeconds: number, exposedSeconds: number, contextParallelBytes: number, contextParallelSeconds: number }, run: { trainingTokens: number, steps: number, seconds: number, days: number, gpuHours: number, costUsd: number, energyKwh: number, modelFlops: number } | null };

export type TrainingPlanQueryVariables = Exact<{
  input: TrainingPlanInput;
}>;


export type TrainingPlanQuery = { trainingPlan: { fits: boolean, chinchillaLoss: number | null, kaplanLoss: number | null, model: { id: string, name: string, parameters: number }, cluster: { id: string, gpuCount: number, hostMemoryBytesPerNode: number, nvmeBytesPerNode: number }, diagnostics: Array<{ severity: DiagnosticSeverity, code: string, message: string }>, parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number, expertParallel: number, contextParallel: number, gpuCount: number, zeroStage: number, microBatchSize: number, globalBatchSize: number, gradientAccumulationSteps: number, sequenceParallel: boolean, pipelineInterleave: number, recompute: RecomputeMode, precision: Precision, optimizer: Optimizer, offload: Offload, flashAttention: boolean }, memory: { parametersBytes: number, gradientsBytes: number, optimizerStatesBytes: number, activationsBytes: number, temporaryBytes: number, overheadBytes: number, otherBytes: number, totalBytes: number, capacityBytes: number, headroomBytes: number, utilization: number, hostBytes: number, nvmeBytes: number, mostLoadedStage: number }, performance: { stepSeconds: number, computeSeconds: number, bubbleSeconds: number, exposedCommunicationSeconds: number, optimizerSeconds: number, bubbleFraction: number, computeEfficiency: number, tokensPerSecond: number, modelFlopsPerStep: number, hardwareFlopsPerStep: number, modelFlopsPerSecondPerGpu: number, hardwareFlopsPerSecondPerGpu: number, modelTflopsPerGpu: number, hardwareTflopsPerGpu: number, modelFlopsUtilization: number, hardwareFlopsUtilization: number }, communication: { dataParallelBytes: number, tensorParallelBytes: number, pipelineParallelBytes: number, expertParallelBytes: number, dataParallelSeconds: number, tensorParallelSeconds: number, pipelineParallelSeconds: number, expertParallelSeconds: number, exposedSeconds: number, contextParallelBytes: number, contextParallelSeconds: number }, run: { trainingTokens: number, steps: number, seconds: number, days: number, gpuHours: number, costUsd: number, energyKwh: number, modelFlops: number } | null } };

export type TrainingPlanStagesQueryVariables = Exact<{
  input: TrainingPlanInput;
}>;


export type TrainingPlanStagesQuery = { trainingPlan: { memory: { totalBytes: number, mostLoadedStage: number, stages: Array<{ stage: number, layers: number, parametersPerGpu: number, parametersBytes: number, gradientsBytes: number, optimizerStatesBytes: number, activationsBytes: number, temporaryBytes: number, overheadBytes: number, totalBytes: number, hostBytes: number, nvmeBytes: number }> } } };

export type TrainingPlanOrErrorQueryVariables = Exact<{
  input: TrainingPlanInput;
}>;


export type TrainingPlanOrErrorQuery = { trainingPlanOrError:
    | { __typename: 'InputError', message: string, field: string, value: string, allowed: string }
    | { __typename: 'TrainingPlan', fits: boolean, parallelism: { dataParallel: number } }
   };

export type PlansQueryVariables = Exact<{ [key: string]: never; }>;


export type PlansQuery = { plans: Array<{ id: string, name: string, createdAt: string, updatedAt: string, plan: { fits: boolean, parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number }, model: { id: string, name: string }, cluster: { id: string } } | null }> };

export type PlanQueryVariables = Exact<{
  id: string;
}>;


export type PlanQuery = { plan: { id: string, name: string, plan: { fits: boolean, chinchillaLoss: number | null, kaplanLoss: number | null, model: { id: string, name: string, parameters: number }, cluster: { id: string, gpuCount: number, hostMemoryBytesPerNode: number, nvmeBytesPerNode: number }, diagnostics: Array<{ severity: DiagnosticSeverity, code: string, message: string }>, parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number, expertParallel: number, contextParallel: number, gpuCount: number, zeroStage: number, microBatchSize: number, globalBatchSize: number, gradientAccumulationSteps: number, sequenceParallel: boolean, pipelineInterleave: number, recompute: RecomputeMode, precision: Precision, optimizer: Optimizer, offload: Offload, flashAttention: boolean }, memory: { parametersBytes: number, gradientsBytes: number, optimizerStatesBytes: number, activationsBytes: number, temporaryBytes: number, overheadBytes: number, otherBytes: number, totalBytes: number, capacityBytes: number, headroomBytes: number, utilization: number, hostBytes: number, nvmeBytes: number, mostLoadedStage: number }, performance: { stepSeconds: number, computeSeconds: number, bubbleSeconds: number, exposedCommunicationSeconds: number, optimizerSeconds: number, bubbleFraction: number, computeEfficiency: number, tokensPerSecond: number, modelFlopsPerStep: number, hardwareFlopsPerStep: number, modelFlopsPerSecondPerGpu: number, hardwareFlopsPerSecondPerGpu: number, modelTflopsPerGpu: number, hardwareTflopsPerGpu: number, modelFlopsUtilization: number, hardwareFlopsUtilization: number }, communication: { dataParallelBytes: number, tensorParallelBytes: number, pipelineParallelBytes: number, expertParallelBytes: number, dataParallelSeconds: number, tensorParallelSeconds: number, pipelineParallelSeconds: number, expertParallelSeconds: number, exposedSeconds: number, contextParallelBytes: number, contextParallelSeconds: number }, run: { trainingTokens: number, steps: number, seconds: number, days: number, gpuHours: number, costUsd: number, energyKwh: number, modelFlops: number } | null } | null } | null };

export type SavedPlanStepQueryVariables = Exact<{
  id: string;
}>;


export type SavedPlanStepQuery = { plan: { plan: { performance: { stepSeconds: number, exposedCommunicationSeconds: number } } | null } | null };

export type AdapterPlanQueryVariables = Exact<{
  input: TrainingPlanInput;
}>;


export type AdapterPlanQuery = { trainingPlan: { fits: boolean, trainableParameters: number, predictedLoss: number | null, parallelism: { offload: Offload, adapter: { method: AdapterMethod, rank: number, targets: AdapterTargets } | null }, memory: { parametersBytes: number, gradientsBytes: number, optimizerStatesBytes: number, totalBytes: number }, performance: { stepSeconds: number, modelFlopsPerStep: number } } };

export type SearchPlanFieldsFragment = { fits: boolean, cluster: { id: string, gpuCount: number }, parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number, expertParallel: number, expertTensorParallel: number, contextParallel: number, gpuCount: number, zeroStage: number, microBatchSize: number, globalBatchSize: number, sequenceParallel: boolean, pipelineInterleave: number, recompute: RecomputeMode, offload: Offload, flashAttention: boolean }, memory: { totalBytes: number, capacityBytes: number }, performance: { stepSeconds: number, computeSeconds: number, bubbleSeconds: number, exposedCommunicationSeconds: number, optimizerSeconds: number, hardwareTflopsPerGpu: number, modelFlopsUtilization: number }, run: { seconds: number, costUsd: number, gpuHours: number } | null };

export type SearchResultFieldsFragment = { objective: SearchObjective, candidates: number, evaluated: number, memoryChecked: number, feasible: number, covered: number, paretoSize: number, winnerReason: string | null, elapsedSeconds: number, truncated: boolean, stopReason: SearchStopReason, modelAccuracyFraction: number, nearOptimal: number, best: Array<{ fits: boolean, cluster: { id: string, gpuCount: number }, parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number, expertParallel: number, expertTensorParallel: number, contextParallel: number, gpuCount: number, zeroStage: number, microBatchSize: number, globalBatchSize: number, sequenceParallel: boolean, pipelineInterleave: number, recompute: RecomputeMode, offload: Offload, flashAttention: boolean }, memory: { totalBytes: number, capacityBytes: number }, performance: { stepSeconds: number, computeSeconds: number, bubbleSeconds: number, exposedCommunicationSeconds: number, optimizerSeconds: number, hardwareTflopsPerGpu: number, modelFlopsUtilization: number }, run: { seconds: number, costUsd: number, gpuHours: number } | null }>, pareto: Array<{ fits: boolean, cluster: { id: string, gpuCount: number }, parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number, expertParallel: number, expertTensorParallel: number, contextParallel: number, gpuCount: number, zeroStage: number, microBatchSize: number, globalBatchSize: number, sequenceParallel: boolean, pipelineInterleave: number, recompute: RecomputeMode, offload: Offload, flashAttention: boolean }, memory: { totalBytes: number, capacityBytes: number }, performance: { stepSeconds: number, computeSeconds: number, bubbleSeconds: number, exposedCommunicationSeconds: number, optimizerSeconds: number, hardwareTflopsPerGpu: number, modelFlopsUtilization: number }, run: { seconds: number, costUsd: number, gpuHours: number } | null }>, ranked: Array<{ gpus: number, timeSeconds: number, costUsd: number, headroomBytes: number, score: number, gapToBest: number }>, frontier: Array<{ gpus: number, timeSeconds: number, costUsd: number, headroomBytes: number }>, comparison: { layoutDifferences: Array<string>, stepSecondsDelta: number, computeSecondsDelta: number, bubbleSecondsDelta: number, exposedCommunicationSecondsDelta: number, expertHostSecondsDelta: number, optimizerSecondsDelta: number, memoryBytesDelta: number, timeSecondsDelta: number, costUsdDelta: number } | null };

export type PlanSearchQueryVariables = Exact<{
  input: PlanSearchInput;
}>;


export type PlanSearchQuery = { planSearch: { objective: SearchObjective, candidates: number, evaluated: number, memoryChecked: number, feasible: number, covered: number, paretoSize: number, winnerReason: string | null, elapsedSeconds: number, truncated: boolean, stopReason: SearchStopReason, modelAccuracyFraction: number, nearOptimal: number, best: Array<{ fits: boolean, cluster: { id: string, gpuCount: number }, parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number, expertParallel: number, expertTensorParallel: number, contextParallel: number, gpuCount: number, zeroStage: number, microBatchSize: number, globalBatchSize: number, sequenceParallel: boolean, pipelineInterleave: number, recompute: RecomputeMode, offload: Offload, flashAttention: boolean }, memory: { totalBytes: number, capacityBytes: number }, performance: { stepSeconds: number, computeSeconds: number, bubbleSeconds: number, exposedCommunicationSeconds: number, optimizerSeconds: number, hardwareTflopsPerGpu: number, modelFlopsUtilization: number }, run: { seconds: number, costUsd: number, gpuHours: number } | null }>, pareto: Array<{ fits: boolean, cluster: { id: string, gpuCount: number }, parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number, expertParallel: number, expertTensorParallel: number, contextParallel: number, gpuCount: number, zeroStage: number, microBatchSize: number, globalBatchSize: number, sequenceParallel: boolean, pipelineInterleave: number, recompute: RecomputeMode, offload: Offload, flashAttention: boolean }, memory: { totalBytes: number, capacityBytes: number }, performance: { stepSeconds: number, computeSeconds: number, bubbleSeconds: number, exposedCommunicationSeconds: number, optimizerSeconds: number, hardwareTflopsPerGpu: number, modelFlopsUtilization: number }, run: { seconds: number, costUsd: number, gpuHours: number } | null }>, ranked: Array<{ gpus: number, timeSeconds: number, costUsd: number, headroomBytes: number, score: number, gapToBest: number }>, frontier: Array<{ gpus: number, timeSeconds: number, costUsd: number, headroomBytes: number }>, comparison: { layoutDifferences: Array<string>, stepSecondsDelta: number, computeSecondsDelta: number, bubbleSecondsDelta: number, exposedCommunicationSecondsDelta: number, expertHostSecondsDelta: number, optimizerSecondsDelta: number, memoryBytesDelta: number, timeSecondsDelta: number, costUsdDelta: number } | null } };

export type PlanSearchProgressSubscriptionVariables = Exact<{
  input: PlanSearchInput;
}>;


export type PlanSearchProgressSubscription = { planSearchProgress: { done: boolean, candidates: number, covered: number, evaluated: number, feasible: number, elapsedSeconds: number, best: Array<{ parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number }, performance: { stepSeconds: number } }>, pareto: Array<{ memory: { totalBytes: number } }>, result: { candidates: number, feasible: number, truncated: boolean, stopReason: SearchStopReason, best: Array<{ parallelism: { tensorParallel: number, pipelineParallel: number, dataParallel: number } }> } | null } };

export type AdapterSearchQueryVariables = Exact<{
  input: PlanSearchInput;
}>;


export type AdapterSearchQuery = { planSearch: { candidates: number, best: Array<{ trainableParameters: number, parallelism: { offload: Offload, adapter: { method: AdapterMethod, rank: number, targets: AdapterTargets } | null } }> } };

export type ValidationQueryVariables = Exact<{ [key: string]: never; }>;


export type ValidationQuery = { validation: { leaveOneFamilyOutMeanAbsError: number, leaveOneFamilyOutMaxAbsError: number, sources: number, runs: Array<{ id: string, source: string, family: ValidationFamily, gpu: string, gpuGeneration: string, gpus: number, model: string, modelChanges: string | null, tensorParallel: number, pipelineParallel: number, pipelineInterleave: number, dataParallel: number, contextParallel: number, expertParallel: number, expertTensorParallel: number, microBatchSize: number, globalBatchSize: number, sequenceLength: number, recipe: string, trainingRecipe: string, precision: string, recompute: string, assumed: string | null, publishedKind: PublishedFigureKind, published: number, rankLayers: number | null, predicted: number, error: number, predictedStepSeconds: number, predictedMemoryBytes: number, predictedFits: boolean, trainingPlanInput: string }>, summary: { runs: number, meanAbsError: number, maxAbsError: number, meanError: number }, denseSummary: { runs: number, meanAbsError: number, maxAbsError: number, meanError: number }, statedAccuracies: Array<{ generations: Array<string>, mixtureOfExperts: boolean, runs: number, meanAbsError: number, statedFraction: number }>, families: Array<{ family: ValidationFamily, name: string, runs: number, meanAbsError: number, maxAbsError: number, meanError: number, leaveOut: { runs: number, meanAbsError: number, maxAbsError: number, meanError: number } }> } };

export const ModelFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ModelFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Model"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"preset"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"publishedParameters"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"nonEmbeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"embeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"activeParameters"}},{"kind":"Field","name":{"kind":"Name","value":"activeNonEmbeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"parametersPerLayer"}},{"kind":"Field","name":{"kind":"Name","value":"flopsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"flopsPerTokenCausal"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsPerToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"recompute"},"value":{"kind":"EnumValue","value":"FULL"}}]},{"kind":"Field","name":{"kind":"Name","value":"sixNFlopsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"layers"}},{"kind":"Field","name":{"kind":"Name","value":"hiddenSize"}},{"kind":"Field","name":{"kind":"Name","value":"attentionHeads"}},{"kind":"Field","name":{"kind":"Name","value":"kvHeads"}},{"kind":"Field","name":{"kind":"Name","value":"ffnHiddenSize"}},{"kind":"Field","name":{"kind":"Name","value":"gatedMlp"}},{"kind":"Field","name":{"kind":"Name","value":"vocabSize"}},{"kind":"Field","name":{"kind":"Name","value":"sequenceLength"}},{"kind":"Field","name":{"kind":"Name","value":"tiedEmbeddings"}},{"kind":"Field","name":{"kind":"Name","value":"positionEmbedding"}},{"kind":"Field","name":{"kind":"Name","value":"normalization"}},{"kind":"Field","name":{"kind":"Name","value":"linearBiases"}},{"kind":"Field","name":{"kind":"Name","value":"experts"}},{"kind":"Field","name":{"kind":"Name","value":"expertsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"sharedExperts"}},{"kind":"Field","name":{"kind":"Name","value":"headDim"}},{"kind":"Field","name":{"kind":"Name","value":"slidingWindow"}},{"kind":"Field","name":{"kind":"Name","value":"slidingWindowLayers"}},{"kind":"Field","name":{"kind":"Name","value":"attentionKeysPerQuery"}},{"kind":"Field","name":{"kind":"Name","value":"latentAttention"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queryRank"}},{"kind":"Field","name":{"kind":"Name","value":"kvRank"}},{"kind":"Field","name":{"kind":"Name","value":"qkNopeHeadDim"}},{"kind":"Field","name":{"kind":"Name","value":"qkRopeHeadDim"}},{"kind":"Field","name":{"kind":"Name","value":"vHeadDim"}}]}},{"kind":"Field","name":{"kind":"Name","value":"denseLayers"}},{"kind":"Field","name":{"kind":"Name","value":"moeLayers"}},{"kind":"Field","name":{"kind":"Name","value":"denseFfnHiddenSize"}}]}}]} as unknown as DocumentNode<ModelFieldsFragment, unknown>;
export const ClusterFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ClusterFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Cluster"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"preset"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"gpu"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"gpusPerNode"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"gpuHourUsd"}},{"kind":"Field","name":{"kind":"Name","value":"hourUsd"}},{"kind":"Field","name":{"kind":"Name","value":"pue"}},{"kind":"Field","name":{"kind":"Name","value":"memoryBytes"}},{"kind":"Field","name":{"kind":"Name","value":"peakFlopsPerSecond"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"precision"},"value":{"kind":"EnumValue","value":"BF16"}}]},{"kind":"Field","name":{"kind":"Name","value":"powerWatts"}}]}}]} as unknown as DocumentNode<ClusterFieldsFragment, unknown>;
export const PlanFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlanFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingPlan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cluster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"hostMemoryBytesPerNode"}},{"kind":"Field","name":{"kind":"Name","value":"nvmeBytesPerNode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fits"}},{"kind":"Field","name":{"kind":"Name","value":"diagnostics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parallelism"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tensorParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallel"}},{"kind":"Field","name":{"kind":"Name","value":"dataParallel"}},{"kind":"Field","name":{"kind":"Name","value":"expertParallel"}},{"kind":"Field","name":{"kind":"Name","value":"contextParallel"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"zeroStage"}},{"kind":"Field","name":{"kind":"Name","value":"microBatchSize"}},{"kind":"Field","name":{"kind":"Name","value":"globalBatchSize"}},{"kind":"Field","name":{"kind":"Name","value":"gradientAccumulationSteps"}},{"kind":"Field","name":{"kind":"Name","value":"sequenceParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineInterleave"}},{"kind":"Field","name":{"kind":"Name","value":"recompute"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}},{"kind":"Field","name":{"kind":"Name","value":"optimizer"}},{"kind":"Field","name":{"kind":"Name","value":"offload"}},{"kind":"Field","name":{"kind":"Name","value":"flashAttention"}}]}},{"kind":"Field","name":{"kind":"Name","value":"memory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parametersBytes"}},{"kind":"Field","name":{"kind":"Name","value":"gradientsBytes"}},{"kind":"Field","name":{"kind":"Name","value":"optimizerStatesBytes"}},{"kind":"Field","name":{"kind":"Name","value":"activationsBytes"}},{"kind":"Field","name":{"kind":"Name","value":"temporaryBytes"}},{"kind":"Field","name":{"kind":"Name","value":"overheadBytes"}},{"kind":"Field","name":{"kind":"Name","value":"otherBytes"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"capacityBytes"}},{"kind":"Field","name":{"kind":"Name","value":"headroomBytes"}},{"kind":"Field","name":{"kind":"Name","value":"utilization"}},{"kind":"Field","name":{"kind":"Name","value":"hostBytes"}},{"kind":"Field","name":{"kind":"Name","value":"nvmeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"mostLoadedStage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"performance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stepSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"computeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"bubbleSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"exposedCommunicationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"optimizerSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"bubbleFraction"}},{"kind":"Field","name":{"kind":"Name","value":"computeEfficiency"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlopsPerStep"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsPerStep"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlopsPerSecondPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsPerSecondPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"modelTflopsPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareTflopsPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlopsUtilization"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsUtilization"}}]}},{"kind":"Field","name":{"kind":"Name","value":"communication"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"tensorParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"expertParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"dataParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"tensorParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"expertParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"exposedSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"contextParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"contextParallelSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingTokens"}},{"kind":"Field","name":{"kind":"Name","value":"steps"}},{"kind":"Field","name":{"kind":"Name","value":"seconds"}},{"kind":"Field","name":{"kind":"Name","value":"days"}},{"kind":"Field","name":{"kind":"Name","value":"gpuHours"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"energyKwh"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlops"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"chinchillaLoss"},"name":{"kind":"Name","value":"predictedLoss"}},{"kind":"Field","alias":{"kind":"Name","value":"kaplanLoss"},"name":{"kind":"Name","value":"predictedLoss"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"law"},"value":{"kind":"EnumValue","value":"KAPLAN"}}]}]}}]} as unknown as DocumentNode<PlanFieldsFragment, unknown>;
export const SearchPlanFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SearchPlanFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingPlan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fits"}},{"kind":"Field","name":{"kind":"Name","value":"cluster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parallelism"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tensorParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallel"}},{"kind":"Field","name":{"kind":"Name","value":"dataParallel"}},{"kind":"Field","name":{"kind":"Name","value":"expertParallel"}},{"kind":"Field","name":{"kind":"Name","value":"expertTensorParallel"}},{"kind":"Field","name":{"kind":"Name","value":"contextParallel"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"zeroStage"}},{"kind":"Field","name":{"kind":"Name","value":"microBatchSize"}},{"kind":"Field","name":{"kind":"Name","value":"globalBatchSize"}},{"kind":"Field","name":{"kind":"Name","value":"sequenceParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineInterleave"}},{"kind":"Field","name":{"kind":"Name","value":"recompute"}},{"kind":"Field","name":{"kind":"Name","value":"offload"}},{"kind":"Field","name":{"kind":"Name","value":"flashAttention"}}]}},{"kind":"Field","name":{"kind":"Name","value":"memory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"capacityBytes"}}]}},{"kind":"Field","name":{"kind":"Name","value":"performance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stepSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"computeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"bubbleSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"exposedCommunicationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"optimizerSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareTflopsPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlopsUtilization"}}]}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seconds"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"gpuHours"}}]}}]}}]} as unknown as DocumentNode<SearchPlanFieldsFragment, unknown>;
export const SearchResultFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SearchResultFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PlanSearchResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"objective"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"evaluated"}},{"kind":"Field","name":{"kind":"Name","value":"memoryChecked"}},{"kind":"Field","name":{"kind":"Name","value":"feasible"}},{"kind":"Field","name":{"kind":"Name","value":"covered"}},{"kind":"Field","name":{"kind":"Name","value":"paretoSize"}},{"kind":"Field","name":{"kind":"Name","value":"winnerReason"}},{"kind":"Field","name":{"kind":"Name","value":"elapsedSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"stopReason"}},{"kind":"Field","name":{"kind":"Name","value":"modelAccuracyFraction"}},{"kind":"Field","name":{"kind":"Name","value":"nearOptimal"}},{"kind":"Field","name":{"kind":"Name","value":"best"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SearchPlanFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pareto"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SearchPlanFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ranked"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gpus"}},{"kind":"Field","name":{"kind":"Name","value":"timeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"headroomBytes"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"gapToBest"}}]}},{"kind":"Field","name":{"kind":"Name","value":"frontier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gpus"}},{"kind":"Field","name":{"kind":"Name","value":"timeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"headroomBytes"}}]}},{"kind":"Field","name":{"kind":"Name","value":"comparison"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"layoutDifferences"}},{"kind":"Field","name":{"kind":"Name","value":"stepSecondsDelta"}},{"kind":"Field","name":{"kind":"Name","value":"computeSecondsDelta"}},{"kind":"Field","name":{"kind":"Name","value":"bubbleSecondsDelta"}},{"kind":"Field","name":{"kind":"Name","value":"exposedCommunicationSecondsDelta"}},{"kind":"Field","name":{"kind":"Name","value":"expertHostSecondsDelta"}},{"kind":"Field","name":{"kind":"Name","value":"optimizerSecondsDelta"}},{"kind":"Field","name":{"kind":"Name","value":"memoryBytesDelta"}},{"kind":"Field","name":{"kind":"Name","value":"timeSecondsDelta"}},{"kind":"Field","name":{"kind":"Name","value":"costUsdDelta"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SearchPlanFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingPlan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fits"}},{"kind":"Field","name":{"kind":"Name","value":"cluster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parallelism"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tensorParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallel"}},{"kind":"Field","name":{"kind":"Name","value":"dataParallel"}},{"kind":"Field","name":{"kind":"Name","value":"expertParallel"}},{"kind":"Field","name":{"kind":"Name","value":"expertTensorParallel"}},{"kind":"Field","name":{"kind":"Name","value":"contextParallel"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"zeroStage"}},{"kind":"Field","name":{"kind":"Name","value":"microBatchSize"}},{"kind":"Field","name":{"kind":"Name","value":"globalBatchSize"}},{"kind":"Field","name":{"kind":"Name","value":"sequenceParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineInterleave"}},{"kind":"Field","name":{"kind":"Name","value":"recompute"}},{"kind":"Field","name":{"kind":"Name","value":"offload"}},{"kind":"Field","name":{"kind":"Name","value":"flashAttention"}}]}},{"kind":"Field","name":{"kind":"Name","value":"memory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"capacityBytes"}}]}},{"kind":"Field","name":{"kind":"Name","value":"performance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stepSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"computeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"bubbleSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"exposedCommunicationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"optimizerSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareTflopsPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlopsUtilization"}}]}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seconds"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"gpuHours"}}]}}]}}]} as unknown as DocumentNode<SearchResultFieldsFragment, unknown>;
export const GpusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Gpus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gpus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"vendor"}},{"kind":"Field","name":{"kind":"Name","value":"memoryBytes"}},{"kind":"Field","name":{"kind":"Name","value":"memoryBandwidthBytesPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"bf16PeakFlopsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"fp8PeakFlopsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"tf32PeakFlopsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"fp16PeakFlopsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"fp32PeakFlopsPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"intraNodeBandwidthBytesPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"interNodeBandwidthBytesPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"tdpWatts"}},{"kind":"Field","name":{"kind":"Name","value":"gpuHourUsd"}},{"kind":"Field","name":{"kind":"Name","value":"gpusPerNode"}}]}}]}}]} as unknown as DocumentNode<GpusQuery, GpusQueryVariables>;
export const GpuDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Gpu"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"precision"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Precision"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gpu"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"peakFlopsPerSecond"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"precision"},"value":{"kind":"Variable","name":{"kind":"Name","value":"precision"}}}]}]}}]}}]} as unknown as DocumentNode<GpuQuery, GpuQueryVariables>;
export const ModelsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Models"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"models"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ModelFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ModelFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Model"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"preset"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"publishedParameters"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"nonEmbeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"embeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"activeParameters"}},{"kind":"Field","name":{"kind":"Name","value":"activeNonEmbeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"parametersPerLayer"}},{"kind":"Field","name":{"kind":"Name","value":"flopsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"flopsPerTokenCausal"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsPerToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"recompute"},"value":{"kind":"EnumValue","value":"FULL"}}]},{"kind":"Field","name":{"kind":"Name","value":"sixNFlopsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"layers"}},{"kind":"Field","name":{"kind":"Name","value":"hiddenSize"}},{"kind":"Field","name":{"kind":"Name","value":"attentionHeads"}},{"kind":"Field","name":{"kind":"Name","value":"kvHeads"}},{"kind":"Field","name":{"kind":"Name","value":"ffnHiddenSize"}},{"kind":"Field","name":{"kind":"Name","value":"gatedMlp"}},{"kind":"Field","name":{"kind":"Name","value":"vocabSize"}},{"kind":"Field","name":{"kind":"Name","value":"sequenceLength"}},{"kind":"Field","name":{"kind":"Name","value":"tiedEmbeddings"}},{"kind":"Field","name":{"kind":"Name","value":"positionEmbedding"}},{"kind":"Field","name":{"kind":"Name","value":"normalization"}},{"kind":"Field","name":{"kind":"Name","value":"linearBiases"}},{"kind":"Field","name":{"kind":"Name","value":"experts"}},{"kind":"Field","name":{"kind":"Name","value":"expertsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"sharedExperts"}},{"kind":"Field","name":{"kind":"Name","value":"headDim"}},{"kind":"Field","name":{"kind":"Name","value":"slidingWindow"}},{"kind":"Field","name":{"kind":"Name","value":"slidingWindowLayers"}},{"kind":"Field","name":{"kind":"Name","value":"attentionKeysPerQuery"}},{"kind":"Field","name":{"kind":"Name","value":"latentAttention"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queryRank"}},{"kind":"Field","name":{"kind":"Name","value":"kvRank"}},{"kind":"Field","name":{"kind":"Name","value":"qkNopeHeadDim"}},{"kind":"Field","name":{"kind":"Name","value":"qkRopeHeadDim"}},{"kind":"Field","name":{"kind":"Name","value":"vHeadDim"}}]}},{"kind":"Field","name":{"kind":"Name","value":"denseLayers"}},{"kind":"Field","name":{"kind":"Name","value":"moeLayers"}},{"kind":"Field","name":{"kind":"Name","value":"denseFfnHiddenSize"}}]}}]} as unknown as DocumentNode<ModelsQuery, ModelsQueryVariables>;
export const ModelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Model"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ModelFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ModelFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Model"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"preset"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"publishedParameters"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"nonEmbeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"embeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"activeParameters"}},{"kind":"Field","name":{"kind":"Name","value":"activeNonEmbeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"parametersPerLayer"}},{"kind":"Field","name":{"kind":"Name","value":"flopsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"flopsPerTokenCausal"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsPerToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"recompute"},"value":{"kind":"EnumValue","value":"FULL"}}]},{"kind":"Field","name":{"kind":"Name","value":"sixNFlopsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"layers"}},{"kind":"Field","name":{"kind":"Name","value":"hiddenSize"}},{"kind":"Field","name":{"kind":"Name","value":"attentionHeads"}},{"kind":"Field","name":{"kind":"Name","value":"kvHeads"}},{"kind":"Field","name":{"kind":"Name","value":"ffnHiddenSize"}},{"kind":"Field","name":{"kind":"Name","value":"gatedMlp"}},{"kind":"Field","name":{"kind":"Name","value":"vocabSize"}},{"kind":"Field","name":{"kind":"Name","value":"sequenceLength"}},{"kind":"Field","name":{"kind":"Name","value":"tiedEmbeddings"}},{"kind":"Field","name":{"kind":"Name","value":"positionEmbedding"}},{"kind":"Field","name":{"kind":"Name","value":"normalization"}},{"kind":"Field","name":{"kind":"Name","value":"linearBiases"}},{"kind":"Field","name":{"kind":"Name","value":"experts"}},{"kind":"Field","name":{"kind":"Name","value":"expertsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"sharedExperts"}},{"kind":"Field","name":{"kind":"Name","value":"headDim"}},{"kind":"Field","name":{"kind":"Name","value":"slidingWindow"}},{"kind":"Field","name":{"kind":"Name","value":"slidingWindowLayers"}},{"kind":"Field","name":{"kind":"Name","value":"attentionKeysPerQuery"}},{"kind":"Field","name":{"kind":"Name","value":"latentAttention"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queryRank"}},{"kind":"Field","name":{"kind":"Name","value":"kvRank"}},{"kind":"Field","name":{"kind":"Name","value":"qkNopeHeadDim"}},{"kind":"Field","name":{"kind":"Name","value":"qkRopeHeadDim"}},{"kind":"Field","name":{"kind":"Name","value":"vHeadDim"}}]}},{"kind":"Field","name":{"kind":"Name","value":"denseLayers"}},{"kind":"Field","name":{"kind":"Name","value":"moeLayers"}},{"kind":"Field","name":{"kind":"Name","value":"denseFfnHiddenSize"}}]}}]} as unknown as DocumentNode<ModelQuery, ModelQueryVariables>;
export const ModelFromHuggingFaceConfigDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ModelFromHuggingFaceConfig"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"config"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"modelFromHuggingFaceConfig"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"config"},"value":{"kind":"Variable","name":{"kind":"Name","value":"config"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ModelFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ModelFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Model"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"preset"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"publishedParameters"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"nonEmbeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"embeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"activeParameters"}},{"kind":"Field","name":{"kind":"Name","value":"activeNonEmbeddingParameters"}},{"kind":"Field","name":{"kind":"Name","value":"parametersPerLayer"}},{"kind":"Field","name":{"kind":"Name","value":"flopsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"flopsPerTokenCausal"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsPerToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"recompute"},"value":{"kind":"EnumValue","value":"FULL"}}]},{"kind":"Field","name":{"kind":"Name","value":"sixNFlopsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"layers"}},{"kind":"Field","name":{"kind":"Name","value":"hiddenSize"}},{"kind":"Field","name":{"kind":"Name","value":"attentionHeads"}},{"kind":"Field","name":{"kind":"Name","value":"kvHeads"}},{"kind":"Field","name":{"kind":"Name","value":"ffnHiddenSize"}},{"kind":"Field","name":{"kind":"Name","value":"gatedMlp"}},{"kind":"Field","name":{"kind":"Name","value":"vocabSize"}},{"kind":"Field","name":{"kind":"Name","value":"sequenceLength"}},{"kind":"Field","name":{"kind":"Name","value":"tiedEmbeddings"}},{"kind":"Field","name":{"kind":"Name","value":"positionEmbedding"}},{"kind":"Field","name":{"kind":"Name","value":"normalization"}},{"kind":"Field","name":{"kind":"Name","value":"linearBiases"}},{"kind":"Field","name":{"kind":"Name","value":"experts"}},{"kind":"Field","name":{"kind":"Name","value":"expertsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"sharedExperts"}},{"kind":"Field","name":{"kind":"Name","value":"headDim"}},{"kind":"Field","name":{"kind":"Name","value":"slidingWindow"}},{"kind":"Field","name":{"kind":"Name","value":"slidingWindowLayers"}},{"kind":"Field","name":{"kind":"Name","value":"attentionKeysPerQuery"}},{"kind":"Field","name":{"kind":"Name","value":"latentAttention"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queryRank"}},{"kind":"Field","name":{"kind":"Name","value":"kvRank"}},{"kind":"Field","name":{"kind":"Name","value":"qkNopeHeadDim"}},{"kind":"Field","name":{"kind":"Name","value":"qkRopeHeadDim"}},{"kind":"Field","name":{"kind":"Name","value":"vHeadDim"}}]}},{"kind":"Field","name":{"kind":"Name","value":"denseLayers"}},{"kind":"Field","name":{"kind":"Name","value":"moeLayers"}},{"kind":"Field","name":{"kind":"Name","value":"denseFfnHiddenSize"}}]}}]} as unknown as DocumentNode<ModelFromHuggingFaceConfigQuery, ModelFromHuggingFaceConfigQueryVariables>;
export const ClustersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Clusters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clusters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ClusterFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ClusterFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Cluster"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"preset"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"gpu"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"gpusPerNode"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"gpuHourUsd"}},{"kind":"Field","name":{"kind":"Name","value":"hourUsd"}},{"kind":"Field","name":{"kind":"Name","value":"pue"}},{"kind":"Field","name":{"kind":"Name","value":"memoryBytes"}},{"kind":"Field","name":{"kind":"Name","value":"peakFlopsPerSecond"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"precision"},"value":{"kind":"EnumValue","value":"BF16"}}]},{"kind":"Field","name":{"kind":"Name","value":"powerWatts"}}]}}]} as unknown as DocumentNode<ClustersQuery, ClustersQueryVariables>;
export const ClusterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Cluster"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cluster"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ClusterFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ClusterFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Cluster"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"preset"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"gpu"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"gpusPerNode"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"gpuHourUsd"}},{"kind":"Field","name":{"kind":"Name","value":"hourUsd"}},{"kind":"Field","name":{"kind":"Name","value":"pue"}},{"kind":"Field","name":{"kind":"Name","value":"memoryBytes"}},{"kind":"Field","name":{"kind":"Name","value":"peakFlopsPerSecond"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"precision"},"value":{"kind":"EnumValue","value":"BF16"}}]},{"kind":"Field","name":{"kind":"Name","value":"powerWatts"}}]}}]} as unknown as DocumentNode<ClusterQuery, ClusterQueryVariables>;
export const ModelStateMemoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ModelStateMemory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"parameters"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dataParallel"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"optimizer"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Optimizer"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"precision"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Precision"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"modelStateMemory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"parameters"},"value":{"kind":"Variable","name":{"kind":"Name","value":"parameters"}}},{"kind":"Argument","name":{"kind":"Name","value":"dataParallel"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dataParallel"}}},{"kind":"Argument","name":{"kind":"Name","value":"optimizer"},"value":{"kind":"Variable","name":{"kind":"Name","value":"optimizer"}}},{"kind":"Argument","name":{"kind":"Name","value":"precision"},"value":{"kind":"Variable","name":{"kind":"Name","value":"precision"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"parametersBytes"}},{"kind":"Field","name":{"kind":"Name","value":"gradientsBytes"}},{"kind":"Field","name":{"kind":"Name","value":"optimizerStatesBytes"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}}]}}]}}]} as unknown as DocumentNode<ModelStateMemoryQuery, ModelStateMemoryQueryVariables>;
export const MaxTrainableParametersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MaxTrainableParameters"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"gpu"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"gpus"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"zeroStage"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tensorParallel"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"maxTrainableParameters"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"gpu"},"value":{"kind":"Variable","name":{"kind":"Name","value":"gpu"}}},{"kind":"Argument","name":{"kind":"Name","value":"gpus"},"value":{"kind":"Variable","name":{"kind":"Name","value":"gpus"}}},{"kind":"Argument","name":{"kind":"Name","value":"zeroStage"},"value":{"kind":"Variable","name":{"kind":"Name","value":"zeroStage"}}},{"kind":"Argument","name":{"kind":"Name","value":"tensorParallel"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tensorParallel"}}}]}]}}]} as unknown as DocumentNode<MaxTrainableParametersQuery, MaxTrainableParametersQueryVariables>;
export const ComputeOptimalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ComputeOptimal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"computeFlops"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"law"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ScalingLaw"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"computeOptimal"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"computeFlops"},"value":{"kind":"Variable","name":{"kind":"Name","value":"computeFlops"}}},{"kind":"Argument","name":{"kind":"Name","value":"law"},"value":{"kind":"Variable","name":{"kind":"Name","value":"law"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"law"}},{"kind":"Field","name":{"kind":"Name","value":"computeFlops"}},{"kind":"Field","name":{"kind":"Name","value":"computePfDays"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"tokens"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerParameter"}},{"kind":"Field","name":{"kind":"Name","value":"predictedLoss"}}]}}]}}]} as unknown as DocumentNode<ComputeOptimalQuery, ComputeOptimalQueryVariables>;
export const ScalingLawLossDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScalingLawLoss"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"parameters"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tokens"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"law"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ScalingLaw"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scalingLawLoss"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"parameters"},"value":{"kind":"Variable","name":{"kind":"Name","value":"parameters"}}},{"kind":"Argument","name":{"kind":"Name","value":"tokens"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tokens"}}},{"kind":"Argument","name":{"kind":"Name","value":"law"},"value":{"kind":"Variable","name":{"kind":"Name","value":"law"}}}]}]}}]} as unknown as DocumentNode<ScalingLawLossQuery, ScalingLawLossQueryVariables>;
export const ExtrapolationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Extrapolation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"assumptions"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ExtrapolationInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"extrapolation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"assumptions"},"value":{"kind":"Variable","name":{"kind":"Name","value":"assumptions"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"growthFactor"}},{"kind":"Field","name":{"kind":"Name","value":"previousParameters"}},{"kind":"Field","name":{"kind":"Name","value":"currentParameters"}},{"kind":"Field","name":{"kind":"Name","value":"nextParameters"}},{"kind":"Field","name":{"kind":"Name","value":"currentLoss"}},{"kind":"Field","name":{"kind":"Name","value":"nextLoss"}},{"kind":"Field","name":{"kind":"Name","value":"currentComputePfDays"}},{"kind":"Field","name":{"kind":"Name","value":"nextComputePfDays"}},{"kind":"Field","name":{"kind":"Name","value":"nextComputeFlops"}},{"kind":"Field","name":{"kind":"Name","value":"computeRatio"}},{"kind":"Field","name":{"kind":"Name","value":"nextTokens"}},{"kind":"Field","name":{"kind":"Name","value":"nextDatasetBytes"}},{"kind":"Field","name":{"kind":"Name","value":"nextCostV100Usd"}},{"kind":"Field","name":{"kind":"Name","value":"nextCostA100Usd"}},{"kind":"Field","name":{"kind":"Name","value":"nextTokensOverAllBooks"}},{"kind":"Field","name":{"kind":"Name","value":"nextTokensOverEnglishWikipedia"}},{"kind":"Field","name":{"kind":"Name","value":"chinchilla"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"tokens"}},{"kind":"Field","name":{"kind":"Name","value":"predictedLoss"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerParameter"}}]}},{"kind":"Field","name":{"kind":"Name","value":"chinchillaParametric"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"tokens"}},{"kind":"Field","name":{"kind":"Name","value":"predictedLoss"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerParameter"}}]}}]}}]}}]} as unknown as DocumentNode<ExtrapolationQuery, ExtrapolationQueryVariables>;
export const CreateModelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateModel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ModelInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"preset"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"layers"}},{"kind":"Field","name":{"kind":"Name","value":"hiddenSize"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"headDim"}},{"kind":"Field","name":{"kind":"Name","value":"slidingWindow"}},{"kind":"Field","name":{"kind":"Name","value":"slidingWindowLayers"}},{"kind":"Field","name":{"kind":"Name","value":"flopsPerToken"}},{"kind":"Field","name":{"kind":"Name","value":"activeParameters"}},{"kind":"Field","name":{"kind":"Name","value":"moeLayers"}},{"kind":"Field","name":{"kind":"Name","value":"latentAttention"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kvRank"}}]}}]}}]}}]} as unknown as DocumentNode<CreateModelMutation, CreateModelMutationVariables>;
export const CreateModelFromHuggingFaceConfigDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateModelFromHuggingFaceConfig"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"config"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createModelFromHuggingFaceConfig"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"config"},"value":{"kind":"Variable","name":{"kind":"Name","value":"config"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"experts"}},{"kind":"Field","name":{"kind":"Name","value":"expertsPerToken"}}]}}]}}]} as unknown as DocumentNode<CreateModelFromHuggingFaceConfigMutation, CreateModelFromHuggingFaceConfigMutationVariables>;
export const UpdateModelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateModel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ModelInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"layers"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<UpdateModelMutation, UpdateModelMutationVariables>;
export const DeleteModelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteModel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteModelMutation, DeleteModelMutationVariables>;
export const CreateClusterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCluster"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ClusterInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCluster"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"preset"}},{"kind":"Field","name":{"kind":"Name","value":"gpu"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"interNodeBandwidthBytesPerSecond"}}]}},{"kind":"Field","name":{"kind":"Name","value":"gpusPerNode"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"gpuHourUsd"}},{"kind":"Field","name":{"kind":"Name","value":"pue"}},{"kind":"Field","name":{"kind":"Name","value":"hostMemoryBytesPerNode"}},{"kind":"Field","name":{"kind":"Name","value":"nvmeBytesPerNode"}}]}}]}}]} as unknown as DocumentNode<CreateClusterMutation, CreateClusterMutationVariables>;
export const UpdateClusterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCluster"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ClusterInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCluster"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"gpuHourUsd"}}]}}]}}]} as unknown as DocumentNode<UpdateClusterMutation, UpdateClusterMutationVariables>;
export const DeleteClusterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteCluster"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteCluster"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteClusterMutation, DeleteClusterMutationVariables>;
export const SavePlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SavePlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SavePlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"savePlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fits"}},{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cluster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parallelism"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataParallel"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SavePlanMutation, SavePlanMutationVariables>;
export const UpdatePlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdatePlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SavePlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updatePlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parallelism"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tensorParallel"}},{"kind":"Field","name":{"kind":"Name","value":"dataParallel"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UpdatePlanMutation, UpdatePlanMutationVariables>;
export const DeletePlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeletePlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletePlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeletePlanMutation, DeletePlanMutationVariables>;
export const SavedItemsChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SavedItemsChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kinds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SavedItemKind"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"savedItemsChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kinds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kinds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"change"}},{"kind":"Field","name":{"kind":"Name","value":"missedEvents"}}]}}]}}]} as unknown as DocumentNode<SavedItemsChangedSubscription, SavedItemsChangedSubscriptionVariables>;
export const TrainingPlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TrainingPlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingPlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingPlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlanFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlanFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingPlan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cluster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"hostMemoryBytesPerNode"}},{"kind":"Field","name":{"kind":"Name","value":"nvmeBytesPerNode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fits"}},{"kind":"Field","name":{"kind":"Name","value":"diagnostics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parallelism"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tensorParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallel"}},{"kind":"Field","name":{"kind":"Name","value":"dataParallel"}},{"kind":"Field","name":{"kind":"Name","value":"expertParallel"}},{"kind":"Field","name":{"kind":"Name","value":"contextParallel"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"zeroStage"}},{"kind":"Field","name":{"kind":"Name","value":"microBatchSize"}},{"kind":"Field","name":{"kind":"Name","value":"globalBatchSize"}},{"kind":"Field","name":{"kind":"Name","value":"gradientAccumulationSteps"}},{"kind":"Field","name":{"kind":"Name","value":"sequenceParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineInterleave"}},{"kind":"Field","name":{"kind":"Name","value":"recompute"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}},{"kind":"Field","name":{"kind":"Name","value":"optimizer"}},{"kind":"Field","name":{"kind":"Name","value":"offload"}},{"kind":"Field","name":{"kind":"Name","value":"flashAttention"}}]}},{"kind":"Field","name":{"kind":"Name","value":"memory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parametersBytes"}},{"kind":"Field","name":{"kind":"Name","value":"gradientsBytes"}},{"kind":"Field","name":{"kind":"Name","value":"optimizerStatesBytes"}},{"kind":"Field","name":{"kind":"Name","value":"activationsBytes"}},{"kind":"Field","name":{"kind":"Name","value":"temporaryBytes"}},{"kind":"Field","name":{"kind":"Name","value":"overheadBytes"}},{"kind":"Field","name":{"kind":"Name","value":"otherBytes"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"capacityBytes"}},{"kind":"Field","name":{"kind":"Name","value":"headroomBytes"}},{"kind":"Field","name":{"kind":"Name","value":"utilization"}},{"kind":"Field","name":{"kind":"Name","value":"hostBytes"}},{"kind":"Field","name":{"kind":"Name","value":"nvmeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"mostLoadedStage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"performance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stepSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"computeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"bubbleSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"exposedCommunicationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"optimizerSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"bubbleFraction"}},{"kind":"Field","name":{"kind":"Name","value":"computeEfficiency"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlopsPerStep"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsPerStep"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlopsPerSecondPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsPerSecondPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"modelTflopsPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareTflopsPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlopsUtilization"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsUtilization"}}]}},{"kind":"Field","name":{"kind":"Name","value":"communication"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"tensorParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"expertParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"dataParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"tensorParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"expertParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"exposedSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"contextParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"contextParallelSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingTokens"}},{"kind":"Field","name":{"kind":"Name","value":"steps"}},{"kind":"Field","name":{"kind":"Name","value":"seconds"}},{"kind":"Field","name":{"kind":"Name","value":"days"}},{"kind":"Field","name":{"kind":"Name","value":"gpuHours"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"energyKwh"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlops"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"chinchillaLoss"},"name":{"kind":"Name","value":"predictedLoss"}},{"kind":"Field","alias":{"kind":"Name","value":"kaplanLoss"},"name":{"kind":"Name","value":"predictedLoss"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"law"},"value":{"kind":"EnumValue","value":"KAPLAN"}}]}]}}]} as unknown as DocumentNode<TrainingPlanQuery, TrainingPlanQueryVariables>;
export const TrainingPlanStagesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TrainingPlanStages"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingPlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingPlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"mostLoadedStage"}},{"kind":"Field","name":{"kind":"Name","value":"stages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"layers"}},{"kind":"Field","name":{"kind":"Name","value":"parametersPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"parametersBytes"}},{"kind":"Field","name":{"kind":"Name","value":"gradientsBytes"}},{"kind":"Field","name":{"kind":"Name","value":"optimizerStatesBytes"}},{"kind":"Field","name":{"kind":"Name","value":"activationsBytes"}},{"kind":"Field","name":{"kind":"Name","value":"temporaryBytes"}},{"kind":"Field","name":{"kind":"Name","value":"overheadBytes"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"hostBytes"}},{"kind":"Field","name":{"kind":"Name","value":"nvmeBytes"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TrainingPlanStagesQuery, TrainingPlanStagesQueryVariables>;
export const TrainingPlanOrErrorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TrainingPlanOrError"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingPlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingPlanOrError"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingPlan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fits"}},{"kind":"Field","name":{"kind":"Name","value":"parallelism"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataParallel"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"allowed"}}]}}]}}]}}]} as unknown as DocumentNode<TrainingPlanOrErrorQuery, TrainingPlanOrErrorQueryVariables>;
export const PlansDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Plans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fits"}},{"kind":"Field","name":{"kind":"Name","value":"parallelism"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tensorParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallel"}},{"kind":"Field","name":{"kind":"Name","value":"dataParallel"}}]}},{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cluster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PlansQuery, PlansQueryVariables>;
export const PlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Plan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PlanFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PlanFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingPlan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cluster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"hostMemoryBytesPerNode"}},{"kind":"Field","name":{"kind":"Name","value":"nvmeBytesPerNode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fits"}},{"kind":"Field","name":{"kind":"Name","value":"diagnostics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parallelism"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tensorParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallel"}},{"kind":"Field","name":{"kind":"Name","value":"dataParallel"}},{"kind":"Field","name":{"kind":"Name","value":"expertParallel"}},{"kind":"Field","name":{"kind":"Name","value":"contextParallel"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"zeroStage"}},{"kind":"Field","name":{"kind":"Name","value":"microBatchSize"}},{"kind":"Field","name":{"kind":"Name","value":"globalBatchSize"}},{"kind":"Field","name":{"kind":"Name","value":"gradientAccumulationSteps"}},{"kind":"Field","name":{"kind":"Name","value":"sequenceParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineInterleave"}},{"kind":"Field","name":{"kind":"Name","value":"recompute"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}},{"kind":"Field","name":{"kind":"Name","value":"optimizer"}},{"kind":"Field","name":{"kind":"Name","value":"offload"}},{"kind":"Field","name":{"kind":"Name","value":"flashAttention"}}]}},{"kind":"Field","name":{"kind":"Name","value":"memory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parametersBytes"}},{"kind":"Field","name":{"kind":"Name","value":"gradientsBytes"}},{"kind":"Field","name":{"kind":"Name","value":"optimizerStatesBytes"}},{"kind":"Field","name":{"kind":"Name","value":"activationsBytes"}},{"kind":"Field","name":{"kind":"Name","value":"temporaryBytes"}},{"kind":"Field","name":{"kind":"Name","value":"overheadBytes"}},{"kind":"Field","name":{"kind":"Name","value":"otherBytes"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"capacityBytes"}},{"kind":"Field","name":{"kind":"Name","value":"headroomBytes"}},{"kind":"Field","name":{"kind":"Name","value":"utilization"}},{"kind":"Field","name":{"kind":"Name","value":"hostBytes"}},{"kind":"Field","name":{"kind":"Name","value":"nvmeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"mostLoadedStage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"performance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stepSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"computeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"bubbleSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"exposedCommunicationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"optimizerSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"bubbleFraction"}},{"kind":"Field","name":{"kind":"Name","value":"computeEfficiency"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerSecond"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlopsPerStep"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsPerStep"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlopsPerSecondPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsPerSecondPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"modelTflopsPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareTflopsPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlopsUtilization"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareFlopsUtilization"}}]}},{"kind":"Field","name":{"kind":"Name","value":"communication"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dataParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"tensorParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"expertParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"dataParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"tensorParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"expertParallelSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"exposedSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"contextParallelBytes"}},{"kind":"Field","name":{"kind":"Name","value":"contextParallelSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingTokens"}},{"kind":"Field","name":{"kind":"Name","value":"steps"}},{"kind":"Field","name":{"kind":"Name","value":"seconds"}},{"kind":"Field","name":{"kind":"Name","value":"days"}},{"kind":"Field","name":{"kind":"Name","value":"gpuHours"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"energyKwh"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlops"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"chinchillaLoss"},"name":{"kind":"Name","value":"predictedLoss"}},{"kind":"Field","alias":{"kind":"Name","value":"kaplanLoss"},"name":{"kind":"Name","value":"predictedLoss"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"law"},"value":{"kind":"EnumValue","value":"KAPLAN"}}]}]}}]} as unknown as DocumentNode<PlanQuery, PlanQueryVariables>;
export const SavedPlanStepDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SavedPlanStep"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"performance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stepSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"exposedCommunicationSeconds"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SavedPlanStepQuery, SavedPlanStepQueryVariables>;
export const AdapterPlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdapterPlan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingPlanInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingPlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fits"}},{"kind":"Field","name":{"kind":"Name","value":"trainableParameters"}},{"kind":"Field","name":{"kind":"Name","value":"predictedLoss"}},{"kind":"Field","name":{"kind":"Name","value":"parallelism"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"adapter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"targets"}}]}},{"kind":"Field","name":{"kind":"Name","value":"offload"}}]}},{"kind":"Field","name":{"kind":"Name","value":"memory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parametersBytes"}},{"kind":"Field","name":{"kind":"Name","value":"gradientsBytes"}},{"kind":"Field","name":{"kind":"Name","value":"optimizerStatesBytes"}},{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}}]}},{"kind":"Field","name":{"kind":"Name","value":"performance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stepSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlopsPerStep"}}]}}]}}]}}]} as unknown as DocumentNode<AdapterPlanQuery, AdapterPlanQueryVariables>;
export const PlanSearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlanSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PlanSearchInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"planSearch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SearchResultFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SearchPlanFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TrainingPlan"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fits"}},{"kind":"Field","name":{"kind":"Name","value":"cluster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parallelism"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tensorParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallel"}},{"kind":"Field","name":{"kind":"Name","value":"dataParallel"}},{"kind":"Field","name":{"kind":"Name","value":"expertParallel"}},{"kind":"Field","name":{"kind":"Name","value":"expertTensorParallel"}},{"kind":"Field","name":{"kind":"Name","value":"contextParallel"}},{"kind":"Field","name":{"kind":"Name","value":"gpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"zeroStage"}},{"kind":"Field","name":{"kind":"Name","value":"microBatchSize"}},{"kind":"Field","name":{"kind":"Name","value":"globalBatchSize"}},{"kind":"Field","name":{"kind":"Name","value":"sequenceParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineInterleave"}},{"kind":"Field","name":{"kind":"Name","value":"recompute"}},{"kind":"Field","name":{"kind":"Name","value":"offload"}},{"kind":"Field","name":{"kind":"Name","value":"flashAttention"}}]}},{"kind":"Field","name":{"kind":"Name","value":"memory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}},{"kind":"Field","name":{"kind":"Name","value":"capacityBytes"}}]}},{"kind":"Field","name":{"kind":"Name","value":"performance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stepSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"computeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"bubbleSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"exposedCommunicationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"optimizerSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"hardwareTflopsPerGpu"}},{"kind":"Field","name":{"kind":"Name","value":"modelFlopsUtilization"}}]}},{"kind":"Field","name":{"kind":"Name","value":"run"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seconds"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"gpuHours"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SearchResultFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PlanSearchResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"objective"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"evaluated"}},{"kind":"Field","name":{"kind":"Name","value":"memoryChecked"}},{"kind":"Field","name":{"kind":"Name","value":"feasible"}},{"kind":"Field","name":{"kind":"Name","value":"covered"}},{"kind":"Field","name":{"kind":"Name","value":"paretoSize"}},{"kind":"Field","name":{"kind":"Name","value":"winnerReason"}},{"kind":"Field","name":{"kind":"Name","value":"elapsedSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"stopReason"}},{"kind":"Field","name":{"kind":"Name","value":"modelAccuracyFraction"}},{"kind":"Field","name":{"kind":"Name","value":"nearOptimal"}},{"kind":"Field","name":{"kind":"Name","value":"best"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SearchPlanFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"pareto"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SearchPlanFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ranked"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gpus"}},{"kind":"Field","name":{"kind":"Name","value":"timeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"headroomBytes"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"gapToBest"}}]}},{"kind":"Field","name":{"kind":"Name","value":"frontier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gpus"}},{"kind":"Field","name":{"kind":"Name","value":"timeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"costUsd"}},{"kind":"Field","name":{"kind":"Name","value":"headroomBytes"}}]}},{"kind":"Field","name":{"kind":"Name","value":"comparison"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"layoutDifferences"}},{"kind":"Field","name":{"kind":"Name","value":"stepSecondsDelta"}},{"kind":"Field","name":{"kind":"Name","value":"computeSecondsDelta"}},{"kind":"Field","name":{"kind":"Name","value":"bubbleSecondsDelta"}},{"kind":"Field","name":{"kind":"Name","value":"exposedCommunicationSecondsDelta"}},{"kind":"Field","name":{"kind":"Name","value":"expertHostSecondsDelta"}},{"kind":"Field","name":{"kind":"Name","value":"optimizerSecondsDelta"}},{"kind":"Field","name":{"kind":"Name","value":"memoryBytesDelta"}},{"kind":"Field","name":{"kind":"Name","value":"timeSecondsDelta"}},{"kind":"Field","name":{"kind":"Name","value":"costUsdDelta"}}]}}]}}]} as unknown as DocumentNode<PlanSearchQuery, PlanSearchQueryVariables>;
export const PlanSearchProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"PlanSearchProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PlanSearchInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"planSearchProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"covered"}},{"kind":"Field","name":{"kind":"Name","value":"evaluated"}},{"kind":"Field","name":{"kind":"Name","value":"feasible"}},{"kind":"Field","name":{"kind":"Name","value":"elapsedSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"best"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parallelism"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tensorParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallel"}},{"kind":"Field","name":{"kind":"Name","value":"dataParallel"}}]}},{"kind":"Field","name":{"kind":"Name","value":"performance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stepSeconds"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pareto"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalBytes"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"feasible"}},{"kind":"Field","name":{"kind":"Name","value":"truncated"}},{"kind":"Field","name":{"kind":"Name","value":"stopReason"}},{"kind":"Field","name":{"kind":"Name","value":"best"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"parallelism"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tensorParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallel"}},{"kind":"Field","name":{"kind":"Name","value":"dataParallel"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PlanSearchProgressSubscription, PlanSearchProgressSubscriptionVariables>;
export const AdapterSearchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdapterSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PlanSearchInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"planSearch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"candidates"}},{"kind":"Field","name":{"kind":"Name","value":"best"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainableParameters"}},{"kind":"Field","name":{"kind":"Name","value":"parallelism"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"adapter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"targets"}}]}},{"kind":"Field","name":{"kind":"Name","value":"offload"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AdapterSearchQuery, AdapterSearchQueryVariables>;
export const ValidationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Validation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"family"}},{"kind":"Field","name":{"kind":"Name","value":"gpu"}},{"kind":"Field","name":{"kind":"Name","value":"gpuGeneration"}},{"kind":"Field","name":{"kind":"Name","value":"gpus"}},{"kind":"Field","name":{"kind":"Name","value":"model"}},{"kind":"Field","name":{"kind":"Name","value":"modelChanges"}},{"kind":"Field","name":{"kind":"Name","value":"tensorParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineParallel"}},{"kind":"Field","name":{"kind":"Name","value":"pipelineInterleave"}},{"kind":"Field","name":{"kind":"Name","value":"dataParallel"}},{"kind":"Field","name":{"kind":"Name","value":"contextParallel"}},{"kind":"Field","name":{"kind":"Name","value":"expertParallel"}},{"kind":"Field","name":{"kind":"Name","value":"expertTensorParallel"}},{"kind":"Field","name":{"kind":"Name","value":"microBatchSize"}},{"kind":"Field","name":{"kind":"Name","value":"globalBatchSize"}},{"kind":"Field","name":{"kind":"Name","value":"sequenceLength"}},{"kind":"Field","name":{"kind":"Name","value":"recipe"}},{"kind":"Field","name":{"kind":"Name","value":"trainingRecipe"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}},{"kind":"Field","name":{"kind":"Name","value":"recompute"}},{"kind":"Field","name":{"kind":"Name","value":"assumed"}},{"kind":"Field","name":{"kind":"Name","value":"publishedKind"}},{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"rankLayers"}},{"kind":"Field","name":{"kind":"Name","value":"predicted"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"predictedStepSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"predictedMemoryBytes"}},{"kind":"Field","name":{"kind":"Name","value":"predictedFits"}},{"kind":"Field","name":{"kind":"Name","value":"trainingPlanInput"}}]}},{"kind":"Field","name":{"kind":"Name","value":"summary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runs"}},{"kind":"Field","name":{"kind":"Name","value":"meanAbsError"}},{"kind":"Field","name":{"kind":"Name","value":"maxAbsError"}},{"kind":"Field","name":{"kind":"Name","value":"meanError"}}]}},{"kind":"Field","name":{"kind":"Name","value":"denseSummary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runs"}},{"kind":"Field","name":{"kind":"Name","value":"meanAbsError"}},{"kind":"Field","name":{"kind":"Name","value":"maxAbsError"}},{"kind":"Field","name":{"kind":"Name","value":"meanError"}}]}},{"kind":"Field","name":{"kind":"Name","value":"statedAccuracies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"generations"}},{"kind":"Field","name":{"kind":"Name","value":"mixtureOfExperts"}},{"kind":"Field","name":{"kind":"Name","value":"runs"}},{"kind":"Field","name":{"kind":"Name","value":"meanAbsError"}},{"kind":"Field","name":{"kind":"Name","value":"statedFraction"}}]}},{"kind":"Field","name":{"kind":"Name","value":"families"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"family"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"runs"}},{"kind":"Field","name":{"kind":"Name","value":"meanAbsError"}},{"kind":"Field","name":{"kind":"Name","value":"maxAbsError"}},{"kind":"Field","name":{"kind":"Name","value":"meanError"}},{"kind":"Field","name":{"kind":"Name","value":"leaveOut"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runs"}},{"kind":"Field","name":{"kind":"Name","value":"meanAbsError"}},{"kind":"Field","name":{"kind":"Name","value":"maxAbsError"}},{"kind":"Field","name":{"kind":"Name","value":"meanError"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"leaveOneFamilyOutMeanAbsError"}},{"kind":"Field","name":{"kind":"Name","value":"leaveOneFamilyOutMaxAbsError"}},{"kind":"Field","name":{"kind":"Name","value":"sources"}}]}}]}}]} as unknown as DocumentNode<ValidationQuery, ValidationQueryVariables>;