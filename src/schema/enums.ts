/** Enums shared by several type families. Values are the core's string literals, so no mapping is needed. */
import { type AttentionKernel, FLASH_ATTENTION_2_RATE_OVER_CUDNN_HOPPER } from '../core/attention-kernel.js';
import type { PipelineLayerSplit } from '../core/pipeline.js';
import type { AssumptionOrigin, TrainingRecipe } from '../core/recipes.js';
import type {
  ActivationStorage,
  AdapterTargets,
  CrossEntropyFusion,
  ElementwiseKernels,
  ContextParallelCommunication,
  ExpertDispatch,
  ExpertGemmLaunch,
  Fp8Scaling,
  GradientPrecision,
  LowRankAdapter,
  OffloadTarget,
  OptimizerKind,
  OptimizerMomentPrecision,
  PipelineSchedule,
  Precision,
  RecomputeMode,
} from '../core/types.js';
import { CROSS_ENTROPY_BYTES_PER_LOGIT, EXPERT_HOST_SECONDS_PER_OPERATION } from '../core/performance.js';
import { builder } from './builder.js';

export const PrecisionEnum = builder.enumType('Precision', {
  description: 'Numeric format of the forward/backward matmuls (mixed precision keeps fp32 master weights).',
  values: {
    FP32: { description: 'fp32 training on TF32 tensor cores where the GPU has them.' },
    FP16: { description: 'fp16 mixed precision (loss scaling).' },
    BF16: { description: 'bf16 mixed precision (the default of current LLM training).' },
    FP8: { description: 'fp8 matmuls (Hopper and later); an input error on GPUs without FP8 tensor cores.' },
  } satisfies Record<Precision, { description: string }>,
});

export const OptimizerEnum = builder.enumType('Optimizer', {
  description: 'Optimizer; sets the optimizer-state bytes per parameter (K in the ZeRO paper, §3.1).',
  values: {
    ADAM: { description: 'Adam: fp32 master weights, momentum and variance, K = 12 bytes per parameter under mixed precision (8 in FP32).' },
    ADAMW: { description: 'AdamW (decoupled weight decay): same state as Adam, K = 12 bytes per parameter under mixed precision.' },
    SGD_MOMENTUM: { description: 'SGD with momentum: fp32 master weights and momentum, K = 8 bytes per parameter under mixed precision.' },
    ADAFACTOR: { description: 'Adafactor without first moment: factored second moments (negligible) plus fp32 master weights, K ≈ 4 bytes per parameter under mixed precision.' },
    ADAM_8BIT: { description: '8-bit Adam (Dettmers et al. 2022): two 1-byte states plus fp32 master weights, K ≈ 6 bytes per parameter under mixed precision.' },
  } satisfies Record<OptimizerKind, { description: string }>,
});

export const RecomputeModeEnum = builder.enumType('RecomputeMode', {
  description: 'Activation recomputation (Korthikanti et al. 2022): trades extra forward FLOPs for activation memory.',
  values: {
    NONE: { description: 'Keep every activation for the backward pass.' },
    SELECTIVE: { description: 'Recompute only the attention-score part (small FLOP cost, large memory saving).' },
    SELECTIVE_OPERATORS: {
      description:
        "torchtitan's per-operator selective checkpointing (selective_ac_option \"op\"): saves the attention output and every other matmul's output in forward order (q, v, then w1 and w2 of a gated MLP or fc1 of a plain one; Float8 linears alike) and recomputes the rest (k, o, w3 or fc2, norms, RoPE, activations). Dense models without linear biases, with FlashAttention.",
    },
    FULL: { description: 'Keep only layer inputs and recompute each layer forward (one extra forward pass).' },
  } satisfies Record<RecomputeMode, { description: string }>,
});

export const OffloadEnum = builder.enumType('Offload', {
  description: 'What lives off the GPU (ZeRO-Offload / ZeRO-Infinity).',
  values: {
    NONE: { description: 'Everything on the GPU.' },
    OPTIMIZER_CPU: { description: 'fp32 optimizer states and their update in host (CPU) memory (ZeRO-Offload).' },
    OPTIMIZER_NVME: { description: 'fp32 optimizer states on NVMe (ZeRO-Infinity).' },
    PARAMETERS_CPU: { description: 'Optimizer states and 16-bit parameters in host memory; requires zeroStage 3.' },
    PARAMETERS_NVME: { description: 'Optimizer states and 16-bit parameters on NVMe; requires zeroStage 3.' },
  } satisfies Record<OffloadTarget, { description: string }>,
});

export const AdapterMethodEnum = builder.enumType('AdapterMethod', {
  description: 'How the frozen base weights are kept during low-rank adapter fine-tuning.',
  values: {
    LORA: { description: 'LoRA (Hu et al. 2021): base weights at the training precision, frozen.' },
    QLORA: { description: 'QLoRA (Dettmers et al. 2023): the layers\' base weights in 4-bit NF4 with double quantization (4.127 bits each), frozen.' },
  } satisfies Record<LowRankAdapter['method'], { description: string }>,
});

export const AdapterTargetsEnum = builder.enumType('AdapterTargets', {
  description: 'Which weight matrices of every layer get an adapter B·A of rank r.',
  values: {
    ATTENTION_QV: { description: 'W_q and W_v (the LoRA paper\'s GPT-3 setting).' },
    ATTENTION: { description: 'W_q, W_k, W_v and W_o.' },
    ALL_LINEAR: { description: 'All attention projections and the MLP matrices (QLoRA\'s setting).' },
  } satisfies Record<AdapterTargets, { description: string }>,
});

export const ScalingLawEnum = builder.enumType('ScalingLaw', {
  description:
    'A published compute-optimal scaling law. CHINCHILLA allocates compute as the paper\'s Table 3 (approaches 1–2); CHINCHILLA_PARAMETRIC and EPOCH use the approach-3 fit and its 2024 replication (Besiroglu et al.) for both loss and allocation.',
  values: {
    KAPLAN: { description: 'Kaplan et al. 2020: N_opt ∝ C^0.73; loss from the L(N, D) fit (non-embedding parameters).' },
    CHINCHILLA: { description: 'Hoffmann et al. 2022, approaches 1–2: N_opt ∝ C^0.5, about 20 tokens per parameter.' },
    CHINCHILLA_PARAMETRIC: { description: 'Hoffmann et al. 2022, approach 3: L(N, D) = E + A/N^α + B/D^β.' },
    EPOCH: { description: 'Besiroglu et al. 2024, the replication of Chinchilla approach 3.' },
  },
});

export const DiagnosticSeverityEnum = builder.enumType('DiagnosticSeverity', {
  description: 'How serious a diagnostic is.',
  values: {
    INFO: { description: 'Worth knowing; the plan is fine.' },
    WARNING: { description: 'The plan runs but is probably not what you want (slow, wasteful, risky).' },
    ERROR: { description: 'The plan cannot run as described (e.g. out of memory).' },
  },
});

export const SavedItemKindEnum = builder.enumType('SavedItemKind', {
  description: 'Kinds of user-saved items.',
  values: {
    MODEL: { description: 'A saved model architecture (ids start with `m_`).' },
    CLUSTER: { description: 'A saved cluster (ids start with `c_`).' },
    PLAN: { description: 'A saved training plan (ids start with `p_`).' },
  },
});

export const SavedItemChangeEnum = builder.enumType('SavedItemChange', {
  description: 'What happened to a saved item.',
  values: {
    CREATED: { description: 'The item was created.' },
    UPDATED: { description: 'The item was changed.' },
    DELETED: { description: 'The item was deleted.' },
  },
});

export const PipelineLayerSplitEnum = builder.enumType('PipelineLayerSplit', {
  description:
    'How the layers are split over the pipelineParallel × pipelineInterleave virtual stages (model order; virtual stage j runs on GPU rank j mod pipelineParallel; the embedding sits on the first, the output head on the last).',
  values: {
    EVEN: { description: 'floor(L/n) layers each, the first L mod n one more (Megatron-LM; the default). Every virtual stage holds a layer.' },
    FIRST_LAST_ONE_FEWER: {
      description:
        'Llama 3 (Dubey et al. 2024 §3.3.2): L + 2 slots split EVEN, then the first and the last virtual stage one layer fewer (they hold the embedding and the head); they may hold none. 126 layers over 16: 7, 8 × 14, 7.',
    },
    BALANCED: {
      description:
        "The planner's choice (what planSearch uses): EVEN or FIRST_LAST_ONE_FEWER, whichever has the smaller slowest rank counting the output head in layer-equivalent FLOPs; ties go to fewer layers on the first rank.",
    },
  } satisfies Record<PipelineLayerSplit, { description: string }>,
});

export const TrainingRecipeEnum = builder.enumType('TrainingRecipe', {
  description:
    'What a framework really does, as defaults (FlashAttention, overlap of TP/PP/DP/EP communication, gradient precision, distributed optimizer, activation storage); explicit inputs override them. Each default is listed with its source in `TrainingPlan.assumptions`.',
  values: {
    CUSTOM: { description: "No recipe: the planner's defaults (as without `recipe`)." },
    MEGATRON_LM_2021: { description: 'Megatron-LM as in Narayanan et al. 2021: FP16, full recompute, no FlashAttention, no SP, ZeRO 0, fp32 main gradients, synchronous pipeline p2p, DP reduced after the backward.' },
    MEGATRON_CORE: { description: 'Megatron-Core / NeMo: distributed optimizer (ZeRO-1), fp32 main gradients (18 B per parameter with Adam), SP, fused attention, TP/PP/DP overlap.' },
    TORCHTITAN_FSDP2: { description: 'torchtitan with FSDP2: ZeRO-3, fp32 gradient reduce, SDPA flash attention, prefetching overlap.' },
    DEEPSPEED_ZERO: { description: "DeepSpeed ZeRO: 16-bit gradients (ZeRO paper), overlap_comm off below stage 3, synchronous pipeline engine." },
    DEEPSEEK_V3: { description: 'DeepSeek-V3 (report §3.2–3.3): FP8 GEMMs, FP8 activation caching, fp32 gradients, ZeRO-1, DualPipe overlap of the all-to-all and PP.' },
  } satisfies Record<TrainingRecipe, { description: string }>,
});

export const GradientPrecisionEnum = builder.enumType('GradientPrecision', {
  description: 'Precision gradients are accumulated in and reduced with.',
  values: {
    FP32: { description: "4 B per parameter: Megatron-LM's fp32 main_grad (18 B per parameter with Adam)." },
    BF16: { description: '2 B: FSDP mixed precision with a bf16 reduce dtype.' },
    FP16: { description: '2 B: the ZeRO paper\'s fp16 gradients.' },
  } satisfies Record<GradientPrecision, { description: string }>,
});

export const ActivationStorageEnum = builder.enumType('ActivationStorage', {
  description: 'How stored activations are kept (absent = 16-bit).',
  values: {
    FP8: { description: 'GEMM inputs cached in FP8 for the backward (DeepSeek-V3 §3.3; FP8 training only).' },
  } satisfies Record<ActivationStorage, { description: string }>,
});

export const OptimizerMomentPrecisionEnum = builder.enumType('OptimizerMomentPrecision', {
  description: "Precision of the optimizer's moments (Adam's m and v, SGD's momentum); fp32 master weights either way.",
  values: {
    FP32: { description: '4 B per moment (ZeRO paper §3.1: K = 12 for mixed-precision Adam).' },
    BF16: { description: '2 B per moment (DeepSeek-V3 §3.3.3: K = 8 for Adam); ADAM, ADAMW and SGD_MOMENTUM only.' },
  } satisfies Record<OptimizerMomentPrecision, { description: string }>,
});

export const PipelineScheduleEnum = builder.enumType('PipelineSchedule', {
  description: 'Pipeline schedule.',
  values: {
    ONE_F_ONE_B: { description: "1F1B (Narayanan et al. 2021), interleaved when pipelineInterleave > 1 (the default)." },
    DUALPIPE: {
      description:
        'DeepSeek-V3 §3.2.1: two pipelines in opposite directions; rank i holds stages i and p − 1 − i (2× parameters, p + 1 micro-batches of activations; Table 2). Even pipelineParallel, no interleaving. Memory only: the step time keeps 1F1B\'s bubble.',
    },
  } satisfies Record<PipelineSchedule, { description: string }>,
});

export const ContextParallelCommunicationEnum = builder.enumType('ContextParallelCommunication', {
  description: 'How context-parallel ranks exchange K and V (options.contextParallelCommunication).',
  values: {
    ALL_GATHER: { description: "Llama 3's CP (§3.3.2): K/V of the whole sequence all-gathered before attention, gradients reduce-scattered after; exposed (the default)." },
    RING: {
      description:
        'Megatron-Core\'s default (cp_comm_type "p2p"): K/V chunks pass around the CP ring in c − 1 point-to-point steps under the attention of the chunk held; the backward passes K/V and their gradients. Only what the attention cannot hide counts.',
    },
  } satisfies Record<ContextParallelCommunication, { description: string }>,
});

export const ExpertDispatchEnum = builder.enumType('ExpertDispatch', {
  description: 'How the MoE dispatch and combine move tokens between nodes (options.expertDispatch).',
  values: {
    ALL_TO_ALL: { description: 'One copy per routed expert over the network (NCCL all-to-all; the default).' },
    NODE_DEDUPLICATED: {
      description:
        'DeepSeek-V3 §3.2.2 / DeepEP: a token crosses InfiniBand once per destination node, then is forwarded over NVLink to the GPUs holding its experts.',
    },
  } satisfies Record<ExpertDispatch, { description: string }>,
});

export const ExpertGemmLaunchEnum = builder.enumType('ExpertGemmLaunch', {
  description: "How a rank launches its local experts' GEMMs (options.expertGemmLaunch).",
  values: {
    GROUPED_KERNEL: {
      description: 'One grouped kernel with the token counts on the device (DeepGEMM, DeepSeek-V3): no host work per expert (the default).',
    },
    PER_EXPERT: {
      description:
        `Transformer Engine's GroupedLinear (Megatron-Core): one GEMM per local expert from host split sizes; the GPU waits on host work per expert after the dispatcher's sync (${(EXPERT_HOST_SECONDS_PER_OPERATION * 1e6).toFixed(1)} µs per GEMM or per-tensor-scaled FP8 cast, calibrated: options.expertHostSecondsPerOperation).`,
    },
  } satisfies Record<ExpertGemmLaunch, { description: string }>,
});

export const AttentionKernelEnum = builder.enumType('AttentionKernel', {
  description: 'Which FlashAttention kernel the attention runs (options.attentionKernel).',
  values: {
    CUDNN: { description: "cuDNN's fused attention, as Transformer Engine runs it under Megatron-Core and NeMo (the default; the rate cuDNN's SDPA benchmark measures)." },
    PYTORCH_SDPA: {
      description: `PyTorch's scaled_dot_product_attention as torchtitan calls it: FlashAttention-2 on A100 and Hopper — on Hopper at ${FLASH_ATTENTION_2_RATE_OVER_CUDNN_HOPPER} × cuDNN's rate (NVIDIA's comparison, cudnn-frontend benchmark/sdpa_benchmark) — and cuDNN on Blackwell.`,
    },
  } satisfies Record<AttentionKernel, { description: string }>,
});

export const ElementwiseKernelsEnum = builder.enumType('ElementwiseKernels', {
  description: 'How the rotary embedding and the SwiGLU product run (options.elementwiseKernels).',
  values: {
    FUSED: {
      description: "One kernel each: Megatron-Core/Transformer Engine's fused RoPE and SwiGLU, or torch.compile (the default).",
    },
    EAGER: {
      description:
        "PyTorch operators one by one, as torchtitan without torch.compile: RoPE as an fp32 complex multiply (16 more bytes per query and key element each way), SwiGLU as silu then multiply (4 more bytes per MLP element forward, 8 backward).",
    },
    EAGER_NORMS: {
      description:
        "As EAGER, and the RMSNorms too, operator by operator in fp32 (Hugging Face transformers' LlamaRMSNorm, torchtitan's norm_type \"rmsnorm\"): 32 more bytes per hidden element forward and 64 backward for each of a layer's two norms.",
    },
    EAGER_FUSED_EXPERTS: {
      description:
        "As EAGER, except the routed experts' SwiGLU, which runs fused: NeMo AutoModel's MoE models (eager RoPE and dense or shared MLPs; DeepEP experts through weighted_bias_swiglu_impl).",
    },
    EAGER_ROPE: {
      description:
        "Only the rotary embedding eager, in Megatron-Core's unfused rotate-half form (20 more bytes per query and key element forward, 16 backward); everything else fused. Megatron-Core falls back to it for YaRN models (gpt-oss) whose concentration factor Transformer Engine's fused RoPE does not take.",
    },
  } satisfies Record<ElementwiseKernels, { description: string }>,
});

export const CrossEntropyFusionEnum = builder.enumType('CrossEntropyFusion', {
  description: "How the output head's cross entropy runs (options.crossEntropyFusion; Megatron-Core --cross-entropy-loss-fusion and --cross-entropy-fusion-impl).",
  values: {
    UNFUSED: {
      description: `Megatron-Core's VocabParallelCrossEntropy operator by operator in fp32: ${CROSS_ENTROPY_BYTES_PER_LOGIT.UNFUSED} bytes of HBM traffic per logit (the default).`,
    },
    NATIVE: {
      description: `Megatron-Core's fused cross entropy, native implementation: the same steps compiled into four fused kernels, ${CROSS_ENTROPY_BYTES_PER_LOGIT.NATIVE} bytes per logit.`,
    },
    TE: {
      description:
        `Transformer Engine's parallel cross entropy (--cross-entropy-fusion-impl te; Megatron-Bridge's performance configs): online softmax, the gradient written over the 16-bit logits, ${CROSS_ENTROPY_BYTES_PER_LOGIT.TE} bytes per logit.`,
    },
    PYTORCH: {
      description: `PyTorch's F.cross_entropy on 16-bit logits (log_softmax and nll_loss, as Hugging Face transformers computes the loss): ${CROSS_ENTROPY_BYTES_PER_LOGIT.PYTORCH} bytes per logit.`,
    },
  } satisfies Record<CrossEntropyFusion, { description: string }>,
});

export const AssumptionOriginEnum = builder.enumType('AssumptionOrigin', {
  description: 'Where an assumption of a plan comes from.',
  values: {
    RECIPE: { description: 'The named recipe (`recipe`).' },
    USER: { description: 'An explicit input.' },
    DEFAULT: { description: "The planner's default." },
    SEARCH: { description: 'Chosen by planSearch.' },
  } satisfies Record<AssumptionOrigin, { description: string }>,
});

export const Fp8ScalingEnum = builder.enumType('Fp8Scaling', {
  description: 'How FP8 tensors are scaled (options.fp8Scaling; acts on FP8 plans).',
  values: {
    PER_TENSOR: {
      description:
        "One scale per tensor: Transformer Engine's delayed or current scaling, Hopper's FP8 recipes (the default). With PER_EXPERT launches each local expert's quantisation is host work of its own (TE's split_quantize allocates each split apart).",
    },
    BLOCK: {
      description:
        "Block scales: MXFP8 (one scale per 32 elements, Blackwell) or FP8 blockwise (1×128 / 128×128). TE's split_quantize allocates all the experts' quantised splits at once: the casts add no per-expert host work.",
    },
  } satisfies Record<Fp8Scaling, { description: string }>,
});
