/**
 * The validation suite (src/core/validation): published training runs predicted with their published layouts and
 * recipes. These bounds are what the model reaches today (`npm run validate`); a change that makes the model worse on
 * the published runs fails here. Targets of issue 9: mean |error| ≤ 5 %, worst ≤ 12 %, leave-one-family-out ≤ 8 %.
 */
import { applyRecipe } from '../../src/core/recipes.js';
import { describe, expect, it } from 'vitest';
import { findGpu } from '../../src/core/hardware.js';
import {
  BLACKWELL_MOE_STEP_TIME_MODEL_ACCURACY_FRACTION,
  BLACKWELL_STEP_TIME_MODEL_ACCURACY_FRACTION,
  EXPERT_HOST_SECONDS_PER_OPERATION,
  MATMUL_SHARE_OF_CEILING,
  MOE_STEP_TIME_MODEL_ACCURACY_FRACTION,
  STEP_TIME_MODEL_ACCURACY_FRACTION,
  stepTimeModelAccuracyFractionFor,
} from '../../src/core/performance.js';
import { FAMILY_NAMES, VALIDATION_RUNS } from '../../src/core/validation/runs.js';
import {
  MIN_RUNS_PER_GENERATION,
  calibrateExpertHostSeconds,
  calibrateFp8Scale,
  calibratePooledShare,
  calibrateScales,
  calibrateShares,
  predictRun,
  runValidation,
  expertHostCalibrationRuns,
  sourceName,
} from '../../src/core/validation/suite.js';

const report = runValidation();

// What the model reaches on the suite (rounded up); lower them when the model improves, never raise them silently.
// Lowered from 0.046 / 0.261 / 0.052 when the DeepSeek-V3 row (−26.0 % → −8.4 %) got the report's BF16 output head,
// the pace of the rank that cannot hide its extra compute, and the 20 SMs held for DualPipe's whole window — the
// laws DeepSeek's published training profile confirms (row deepseek-v3-profile-chunk-pair, −3.5 %).
// Then seven more NeMo 24.09 rows (GPT-3 5B/20B, Nemotron 8B/22B/340B, Llama 3 8B/70B with CP 2) and the NeMo rows'
// BF16 gradient reduction as configured: 0.041 / 0.176 / 0.049 (46 runs; on the 39 before, 0.0403 / 0.1755 / 0.0475);
// then the cross entropy's bytes counted op by op (52 per logit, was 32): 0.040 / 0.176 / 0.047; then the FP8 factor
// refitted over the 14 FP8 runs (0.763 → 0.758): 0.040 / 0.176 / 0.046; then the Nemotron-4 15B report's three
// batch-ramp stages (49 runs, 14 sources): 0.040 / 0.176 / 0.045. Raised, not silently, to 0.042 / 0.176 / 0.047 by two
// dense rows of Megatron-Bridge's 26.04.01 H100 table (51 runs, 15 sources) that the model reads 11.5 % and 5.5 % slow:
// the framework of 2026 is faster than the 2024 runs the FP8 factor was fitted on (refitted over all 16: 0.765).
// Then raised, openly, to 0.070 / 0.745 / 0.076 (53 runs): the MoE rows asked as their frameworks' configs set them —
// NeMo AutoModel with DeepEP, its fake balanced gate, activation checkpointing and GA (−17.6 / −5.9 % → +17.6 / +27.7 %),
// and Megatron-Bridge's Qwen3 30B / 235B (+63.7 / +74.5 %): the model lacks what those MoE stacks spend beyond FLOPs and
// bytes. Dense runs only: mean 0.038, worst 0.111 (DENSE_* below); the GEMM constants are fitted on them alone.
// Lowered to 0.059 / 0.638 / 0.064 when the Qwen3 235B row was asked on the dispatcher its H100 config sets (a plain
// NCCL all-to-all, qwen3_llm_pretrain.py; it had been read as DeepEP): +74.5 → +12.1 %.
// Then six more MoE rows in BF16 (Megatron-Bridge's overlap card: Qwen3 30B without and with EP overlap; the MoE model
// zoo's Qwen3 235B table: four layouts), which the model read 5–48 % fast (59 runs: 0.078 / 0.638 / 0.083), and the host
// work of Transformer Engine's per-expert GEMM launches (expert-parallel.ts, 51.5 µs per GEMM or FP8 cast, fitted on
// the four BF16 rows without overlap): Qwen3 30B FP8 +63.8 → −4.1 %, 235B FP8 +12.1 → −5.5 % (predicted, not fitted).
// Then Mixtral 8x22B from the same zoo (forced balance +3.1 %, dropless asked as balanced +7.7 %; 61 runs): 0.049.
// Then Megatron-Bridge's gpt-oss-120b, checked after the fit (+9.8 %; 62 runs): 0.0489 / 0.2774 / 0.0539, inside them.
// Raised, openly, to 0.053 / 0.278 / 0.058 by Qwen3 30B's 26.02 H100 layout (PP 2, v 12, EP 8, overlapped NCCL
// all-to-all; 63 runs), which the model reads +26.9 %: the mean is now above the 5 %.
// Lowered to 0.052 / 0.27 / 0.057 when an all-to-all across nodes shares the NIC with the ZeRO-3 / ZeRO-2 collectives
// hidden under the same micro-batches (expert-parallel.ts withNetworkShare; no constant): NeMo AutoModel's DeepSeek-V3
// +17.6 / +27.7 → +16.3 / +21.4 %, no other row moves (0.0512 / 0.2688 / 0.0561); the worst is now Bridge 26.02's 30B.
// Then the EP-overlap chunks without a partner charged (expert-parallel.ts unpairedChunkFraction): 0.0509 / 0.2670 / 0.0558.
// Raised, openly, to 0.053 / 0.27 / 0.057 when ZeRO-3 could keep its parameters from forward to backward
// (options.reshardAfterForward false: one gather a micro-batch) and the AutoModel rows were asked so, as their code and
// configs run them (reshard_after_forward: false): +16.3 / +21.4 → +17.9 / +26.9 % — fewer DP bytes share the NIC with
// DeepEP (0.0521 / 0.2690 / 0.0569).
// Raised, openly, to 0.056 / 0.27 / 0.061 by NeMo AutoModel's Kimi K2 row (64 runs), which session 6 had checked
// (+27.5 % then) and left out of the suite — every checked run belongs here: +26.7 % (0.0554 / 0.2690 / 0.0602).
// Raised, openly, to 0.059 / 0.27 / 0.064 by three held-back Megatron-Bridge H100 rows checked as their releases' code
// sets them (67 runs): 25.11's Qwen3 235B −1.1 %, 25.09's DeepSeek-V3 +17.5 % and Qwen3 30B (token drop, micro-batch 2)
// −20.9 % (0.0588 / 0.2690 / 0.0634).
// Session 10: NeMo AutoModel's rows asked with their optimizer's BF16 states (no master copy: faster update) and the
// blocks' FP32 gradient reduce (FSDP2 reduce_dtype; not on the 1,024-GPU row, whose experts reduce in BF16):
// 0.0588 / 0.2690 / 0.0634 → 0.0589 / 0.2706 / 0.0635 (states) → 0.0583 / 0.2691 / 0.0629 (reduce); bounds unchanged.
// Raised, openly, to 0.06 / 0.27 / 0.064 by the same page's Qwen3 MoE 30B row on 8 H100, checked in session 10 (68
// runs): +10.7 % against its re-measured 12,040 tokens/s/GPU (0.0590 / 0.2691 / 0.0635).
// Raised, openly, to 0.06 / 0.271 / 0.064 when the NIC share slowed only the all-to-all's NIC leg (not its latency nor a
// longer NVLink leg): AutoModel's DeepSeek-V3 rows +16.2 / +26.9 → +16.3 / +27.0 % (0.0591 / 0.2705 / 0.0636).
// Moved to 0.056 / 0.28 / 0.065 (dense: 0.038 / 0.113) by NeMo AutoModel's dense Llama 3.1 70B row (69 runs; +3.3 % at
// the shipped constants), which moved the least-absolute-deviation fit of the Hopper share over the seven 16-bit H100
// dense runs from 0.796 to 0.771 — two nearly equal minima, the new run tips it — and so, refitted in turn, the FP8
// factor 0.772 → 0.803 and the per-expert host time 51.5 → 50.5 µs: 0.0558 / 0.2795 / 0.0646 (dense 0.0370 / 0.1121).
// The mean drops, the worst (Megatron-Bridge 26.02's Qwen3 30B +26.7 → +27.9 %) and the leave-out (the FP8 factor stays
// as shipped when H100 is left out) rise; said here and in docs/validation.md.
// Raised, openly, to 0.057 / 0.28 / 0.074 (dense 0.039 / 0.113) by torchtitan's two A100 "selective layer" rows (71
// runs; every other layer checkpointed, expressible since partial full recompute): +10.1 % and +6.7 % — fast, like the
// table's other torchtitan rows. They pull the Ampere fit 0.8218 → 0.8176 (0.4 % from the shipped 0.821: within the
// 0.5 % rule, so no refit), and the A100 Megatron-LM family left out is now predicted from a share the fast FSDP rows
// lower (3.8 → 7.0 %): 0.0566 / 0.2795 / 0.0730 (dense 0.0389 / 0.1121).
// Lowered to 0.056 / 0.28 / 0.068 (dense 0.037 / 0.113) when torchtitan's recipe ran RoPE and SwiGLU as eager PyTorch
// operators (options.elementwiseKernels EAGER: its default is no torch.compile): its five A100 rows +1.7 / +0.4 / +9.2 /
// +10.1 / +6.7 → +0.2 / −1.2 / +6.2 / +7.3 / +3.6 %, the Ampere fit back to 0.8218 (0.1 % from 0.821: no refit):
// 0.0552 / 0.2795 / 0.0669 (dense 0.0369 / 0.1121).
// Raised, openly, to 0.058 / 0.28 / 0.071 (dense 0.042 / 0.186) by two held-out rows of Megatron-Core r0.8.0's own
// H100 table (Megatron-LM README, July 2024): GPT 1.7B on 48 H100 (TP 1) +19.0 % and 7.1B on 96 (TP 2) +13.2 % at the
// constants then shipped — small dense models the model predicts too fast, unexplained (docs/validation.md "Session
// 12"). They move the Hopper fit 0.771 → 0.767 (0.5 % rule: refitted, the two rows then +18.5 / +12.7 %; the FP8 factor
// and the host time stay within their tolerances):
// 0.0575 / 0.2780 / 0.0702 (dense 0.0415 / 0.1850), and the dense accuracy rounds up to 5 %.
// Lowered to 0.057 / 0.28 / 0.070 when NeMo AutoModel's MoE rows ran their RoPE and dense/shared MLPs eager and their
// DeepEP experts fused, as their code does (options.elementwiseKernels EAGER_FUSED_EXPERTS): +13.3 / +24.1 / +21.9 /
// +7.9 → +12.0 / +22.7 / +21.0 / +2.6 %: 0.0563 / 0.2780 / 0.0690 (MoE mean 9.7 → 9.3 %).
// Lowered to 0.053 / 0.28 / 0.066 when ZeRO-3 exposed its first gather and last reduce once per virtual stage rather
// than once per micro-batch (the interleaved schedule runs each chunk's forward and backward apart): AutoModel's
// DeepSeek-V3 and Kimi K2 rows (FSDP2 over PP 4 × v 8 and PP 8 × v 4) +12.0 / +22.7 / +21.0 → +5.7 / +10.8 / +15.7 %,
// nothing else moves; with Megatron-Bridge 25.09's DeepSeek-V3 recompute (+16.4 → +14.6 %): 0.0528 / 0.2780 / 0.0655,
// MoE 8.1 % (its stated accuracy rounds up to 9 %).
// Then AutoModel's DeepSeek-V3 on 1,024 GPUs with its blocks reduced in FP32 and its experts in BF16, as its code does
// (options.expertGradientReducePrecision; one precision for both before): +10.8 → +7.4 %: 0.0523 / 0.2780 / 0.0651, MoE
// 7.9 % (8 %).
// Session 13: FlashAttention's backward runs 2.5 forward passes of the scores (it recomputes them), not the counted 2:
// 0.0512 / 0.2642 / 0.0611 (dense 0.0412 / 0.1641) at the shipped constants; the Hopper fit moves 0.767 → 0.7795
// (1.6 %: refitted by the 0.5 % rule): 0.0519 / 0.2689 / 0.0611 (dense 0.0404 / 0.1783), MoE 7.9 → 8.03 % (its stated
// accuracy rounds up to 9 %). Bounds lowered to 0.052 / 0.27 / 0.062 (dense 0.041 / 0.179).
// Raised, openly, to 0.056 / 0.31 / 0.066 (dense 0.042 / 0.179) when the runs were asked with the cross entropy their
// configs run (options.crossEntropyFusion; the unfused 52 B per logit before): every Megatron-Bridge row and the zoo's
// Qwen3 235B with Transformer Engine's (10 B), the zoo's Mixtral and seven NeMo 24.09 rows with Megatron-Core's native
// fusion (28 B). The head's stage gets lighter; where it paced the pipeline the MoE rows turn fast — gpt-oss-120b
// +8.7 → +18.0 %, Bridge 25.09's DeepSeek-V3 +14.2 → +19.9 %, 26.02's Qwen3 30B +26.9 → +30.9 %, the zoo's PP 32
// −1.3 → −11.6 % — and the dense Bridge Llama 3 70B −11.8 → −9.7 %: 0.0551 / 0.3094 / 0.0652 (dense 0.0410 / 0.1783),
// MoE 8.03 → 8.99 % (its stated accuracy stays 9 %). The unfused count had hidden that much of the MoE rows' gap.
// Lowered to 0.055 / 0.27 / 0.065 when the all-to-all dispatcher's regrouping of received tokens by local expert was
// counted (two passes of the k copies each way, Megatron-Core sort_chunks_by_idxs; not on the node-deduplicated path
// nor with one expert a rank): 26.02's Qwen3 30B +30.9 → +26.9 %, gpt-oss-120b +18.0 → +16.0 %, the zoo's PP 32
// −11.6 → −9.8 %, 25.09's token drop −18.2 → −21.3 %: 0.0545 / 0.2694 / 0.0646, MoE 8.78 %.
// Raised, openly, to 0.062 / 0.39 / 0.072 (dense 0.042 / 0.179 kept) by session 15's four DGX-B200 rows of
// Megatron-Bridge, predicted with the new Blackwell law and fitting nothing (77 runs): the dense Llama 3 8B / 405B
// +2.8 / +7.9 %, the MoE gpt-oss-120b +38.6 % and Qwen3 30B-A3B −25.4 % (MXFP8 asked as FP8; the per-expert host time
// fitted on H100 rows): 0.0613 / 0.3859 / 0.0710 (dense 0.0415 / 0.1783), MoE 10.79 % — its stated accuracy 9 → 11 %.
// Raised, openly, to 0.069 / 0.39 / 0.077 (dense 0.053 / 0.251) by NeMo 25.02's six DGX-B200 FP8 rows (83 runs), early
// B200 software asked with that release's scripts and predicted: GPT-3 175B +1.8 %, Llama 3 8B / 70B / 405B +19.7 /
// +20.4 / +14.1 %, Nemotron-4 15B +25.1 %, Nemotron-4 340B −11.0 %: 0.0680 / 0.3859 / 0.0769 (dense 0.0527 / 0.2506). The
// stated accuracies became per generation (A100/H100 dense 5 %, MoE 9 %; B200 dense 13 %, MoE 32 %).
// Raised, openly, to 0.078 (leave-out) when the MEGATRON_CORE recipe's context parallelism became the ring its
// framework runs (options.contextParallelCommunication RING, cp_comm_type "p2p"): its six CP 2 rows' K/V exchange hidden
// under their attention — NeMo 24.09's Llama 3 8B / 70B +8.0 / +4.5 → +8.9 / +4.8 %, Bridge 26.04's 405B −3.8 → −3.1 %,
// the B200 405B and 70B rows +0.1 … +0.4 points: 0.0681 / 0.3859 / 0.0772 (dense 0.0529 / 0.2506).
// Raised, openly, to 0.076 / 0.39 / 0.085 (dense 0.065 / 0.251) by NeMo's six long-sequence DGX-B200 rows (Llama 3 8B,
// FP8, CP 2–16 at 32K–1M tokens, NeMo 25.04; 89 runs), predicted on the pooled Blackwell share with the ring CP their
// framework runs: +14.3 … +19.5 %, flat over the sequence length — the same early-software offset as NeMo 25.02's rows.
// 0.0756 / 0.3859 / 0.0841 (dense 0.0643 / 0.2506): the issue's 8 % leave-out is no longer met; B200's stated dense
// accuracy 13 → 16 %.
// Raised, openly, to 0.097 / 0.92 / 0.104 (dense 0.066 / 0.251) by Megatron-Bridge 26.04.01's eight rows on the
// catalog's new GPUs (97 runs): Llama 3.1 405B on 256 GB200 / GB300 −7.3 / −17.0 %; gpt-oss-120b on 64 GB200 (EP 64 in
// the NVL72 rack) +91.8 %, GB300 +52.7 %, B300 +43.7 % — the model's gpt-oss compute on Blackwell reads ≈ 2 × too fast,
// as the B200 row's +38.6 % said; Qwen3 30B-A3B on 8 GB200 / B300 / GB300 −21.5 / −13.1 / −12.7 % (per-expert host
// work, as on B200 −25.4 %). Nothing fitted on them: 0.0961 / 0.9179 / 0.1039 (dense 0.0660 / 0.2506); Blackwell's
// stated accuracy 16 / 32 → 15 / 38 %. Then its Qwen3 235B-A22B on 256 GB200 / GB300 / B300 (100 runs): −7.5 / −8.9 /
// −33.8 % (B300: 11.4 s of per-expert host work in a 33.3 s step, against 22.1 s published): 0.0983 / 0.9179 / 0.1058
// (dense unchanged); Blackwell's MoE accuracy 38 → 32 %. Then its DeepSeek-V3 on 256 GB200 / GB300 (102 runs): −1.7 /
// −10.9 %: 0.0976 / 0.9179 / 0.1050; Blackwell's MoE accuracy 32 → 28 %.
// Raised, openly, to 0.108 / 0.92 / 0.115 (dense unchanged) by Megatron-Bridge 26.02's six Blackwell MoE rows whose
// layouts the later tables no longer measure (108 runs), predicted: Qwen3 30B-A3B on 8 B200 at micro-batch 1 −17.8 %,
// Qwen3 235B-A22B on 256 B200 −23.6 % and on 256 B300 (VP 4, the all-to-all overlapped) +20.0 %, DeepSeek-V3 on 256
// B200 −19.1 %, gpt-oss-120b with EP 64 over eight B200 / B300 servers +16.1 / +70.3 %: 0.1076 / 0.9179 / 0.1146;
// Blackwell's MoE accuracy stays 28 % (19 runs, 0.2784).
// Lowered to 0.100 / 0.92 / 0.107 by asking the thirteen MXFP8 rows with block scaling (options.fp8Scaling BLOCK): TE's
// split_quantize allocates the experts' MXFP8 splits in bulk, so their casts are no per-expert host work (4 of 10
// operations an FP8 expert counts); no constant: the Qwen3 and DeepSeek-V3 Blackwell rows −25.4 … +20.0 % → −22.6 …
// +56.5 % (ten of the thirteen within 7.6 %; 26.02's B300 Qwen3 235B, VP 4 overlapped, +20.0 → +56.5 %, 26.02's B200 Qwen3
// 30B at micro-batch 1 −17.8 → +17.8 %): 0.0995 / 0.9179 / 0.1065; Blackwell's MoE accuracy 28 → 24 % (0.2323).
// Raised, openly, to 0.106 / 0.92 / 0.112 by Megatron-Bridge 26.08's eight GB200 / GB300 MoE rows (116 runs), the current
// release's full-iteration MXFP8 recipes asked with grouped expert launches and the all-to-all overlapped: Qwen3 30B-A3B
// +10.6 / +20.2 %, Qwen3 235B-A22B +3.5 / +14.4 %, DeepSeek-V3 −4.9 / +7.9 %, gpt-oss-120b +35.6 / +48.2 % (GB300 /
// GB200): 0.1051 / 0.9179 / 0.1117; Blackwell's MoE accuracy 24 → 22 % (27 runs, 0.2173).
// Lowered to 0.103 / 0.83 / 0.109 by the experts' fc2 bias Megatron-Core adds outside the grouped GEMM with PER_EXPERT
// launches (experts.py _apply_bias: 24 B per routed element; models with linear biases: gpt-oss-120b), no constant:
// gpt-oss's eight PER_EXPERT rows move 1.4–9.1 points down (H100 +16.0 → +13.1 %, GB200 +91.8 → +82.7 %), the host fit
// stays 50.2 µs: 0.1024 / 0.8273 / 0.1089; Blackwell's MoE accuracy 22 → 21 % (0.2066).
// Session 18: lowered to 0.096 / 0.77 / 0.099 (dense 0.06 / 0.222) when FlashAttention ran at its kernel's rate over the
// keys each query meets per call, keys / (keys + 540) of the head-dim ceiling (cuDNN's SDPA benchmark on H200 and GB200;
// compute.ts flashAttentionRateFraction), under the share GEMMs pay in training — before, the scores ran on the GEMM law
// of (s/c, head dim), nearly flat in s. Nothing fitted on the suite but the shares' and host time's refits by their rules:
// 0.0946 / 0.7674 / 0.0980 at the shipped constants, the Hopper fit 0.7795 → 0.7943 (1.9 %: refitted), then the host
// time 50.5 → 48.9 → 49.5 µs (1 % rule): 0.0950 / 0.7687 / 0.0980 (dense 0.0595 / 0.2219); stated accuracies A100/H100
// dense 4.11 → 3.88 % (5 → 4 %), MoE 8.64 → 8.55 % (9 %), Blackwell dense 14.7 → 12.7 % (15 → 13 %), MoE 20.7 → 19.2 %
// (21 → 20 %).
// Lowered to 0.092 / 0.71 / 0.095 (dense 0.058 / 0.192) when element-wise kernels streamed at the fraction of HBM
// cuDNN's RMSNorm benchmark measures per generation — Hopper 0.75 (H200), Blackwell 0.665 (GB200 / GB300) — instead of
// 0.8 everywhere (efficiency.ts ELEMENTWISE_BANDWIDTH_EFFICIENCY_BY_GENERATION; A100 keeps 0.8): 0.0916 / 0.7023 / 0.0943
// at the shipped constants, the Hopper fit 0.7943 → 0.7992 (0.6 %: refitted), the host time's fit 49.3 µs (0.4 % from
// 49.5: kept): 0.0918 / 0.7023 / 0.0943 (dense 0.0576 / 0.1916); stated accuracies dense 3.83 % (4 %), MoE 8.58 % (9 %),
// Blackwell dense 12.0 % (13 %), Blackwell MoE 19.2 → 18.3 % (20 → 19 %).
// Session 19: kept when GB300's attention ran at 1.12 × GB200's ceiling (cuDNN's SDPA benchmark times both; efficiency.ts
// attentionCeilingScaleOf) instead of its GEMM ceiling's 1.064 ×: 0.0915 / 0.7023 / 0.0940 (dense 0.0576 / 0.1916).
// LOFO lowered to 0.094 when NVLink's ring collectives ran at the bus bandwidth an 8-GPU node measures per generation
// (communication.ts INTRA_NODE_COLLECTIVE_EFFICIENCY_BY_GENERATION: A100 0.78, Hopper 0.82, Blackwell 0.76, others 0.75
// as before): 0.0917 / 0.7033 / 0.0930 at the shipped constants, the Hopper fit 0.7992 → 0.7916 (0.95 %: refitted), then
// the host time's fit 49.8 µs (0.6 % from 49.5: kept): 0.0911 / 0.7033 / 0.0930 (dense 0.0571 / 0.1918); stated
// accuracies dense 3.77 % (4 %), MoE 8.56 % (9 %), Blackwell dense 12.0 % (13 %), Blackwell MoE 18.1 % (19 %).
// Lowered to 0.087 / 0.56 / 0.089 when gpt-oss's clamped SwiGLU paid the eager clamps and concatenation Megatron-Core's
// grouped experts run before the fused activation (compute.ts eagerActivationClampBytes: 8 B forward, 10 backward per
// fc1-output element, the forward again under the moe_act recompute); seven PER_EXPERT gpt-oss rows 3.9–17.5 points
// closer (GB200 +70.3 → +52.8 %), no constant, the host time's fit 49.8 µs kept: 0.0862 / 0.5505 / 0.0881; stated
// accuracies MoE 8.22 % (9 %), Blackwell MoE 16.3 % (19 → 17 %).
// Lowered to 0.084 / 0.53 / 0.086 when every Megatron-Core gpt-oss row ran its RoPE unfused, as rope_utils.py falls back
// for YaRN's concentration factor 1.35 (elementwiseKernels EAGER_ROPE: 20 B forward, 16 backward per query and key
// element): nine rows 1.0–5.6 points closer, no constant: 0.0837 / 0.5282 / 0.0857; Blackwell MoE 15.3 % (17 → 16 %).
// Session 20: kept when Megatron-Bridge 25.11's Llama 3 8B on 8 GB200 joined (117 runs; its config is the B200 row's):
// −1.7 %, 0.0832 / 0.5282 / 0.0851 (dense 0.0565 / 0.1918); Blackwell dense 12.0 → 11.4 % (13 → 12 %).
// Dense bound raised, openly, to 0.059 by the same table's four MXFP8 rows of Llama 3 70B and 3.1 405B on GB200 / GB300
// (121 runs; as their V2 configs set them): +3.3 / −16.2 % and −1.7 / −12.3 % — GB300 reads slow as its FP8 405B row
// does; with them the four Megatron-Bridge FP8 405B rows' account_for_embedding/loss split: 0.0832 / 0.5282 / 0.0851
// (dense 0.0565 → 0.0580 / 0.1918); Blackwell dense 11.4 → 10.8 % (12 → 11 %).
// Lowered to 0.083 / 0.53 / 0.085 (dense 0.058) when NeMo 25.04's long-sequence table's two rows without context
// parallelism joined (Llama 3 8B at 8K and 16K on 2 / 4 B200, +2.3 / +1.9 %: 123 runs): 0.0822 / 0.5282 / 0.0840 (dense
// 0.0570 / 0.1918); Blackwell dense 10.8 → 10.1 % (11 %).
// Session 21: lowered to 0.081 / 0.53 / 0.084 (dense 0.056 / 0.189) when torchtitan's per-operator checkpointing became
// a recompute mode (SELECTIVE_OPERATORS) and five torchtitan rows joined — its 2024 A100 "selective op" rows +4.9 / +3.9
// / +8.7 %, Trainy's H200 rows −1.7 / −0.2 % (128 runs) — and the pooled Blackwell share was refitted 0.8147 → 0.8092
// by the 0.5 % rule: 0.0801 / 0.5249 / 0.0835 (dense 0.0553 / 0.1882); Blackwell dense 10.1 → 9.9 % (11 → 10 %).
// Dense bound raised, openly, to 0.057 when two facts of torchtitan's runs were corrected: torchao's Float8 linears reach
// the per-operator policy as aten.mm (PyTorch dispatches to modes before subclasses), so they are saved every other one
// as in BF16, not all recomputed; and torchtitan's SDPA runs FlashAttention-2 on Hopper (attentionKernel PYTORCH_SDPA, at
// 0.574 × cuDNN's rate, NVIDIA's cudnn-frontend sdpa_benchmark): Trainy's H200 rows −1.7 / −0.2 → +8.7 / +10.3 → −5.4 /
// −4.1 % — which moved the FP8 factor's fit 2.3 % (± 2 % rule): refitted 0.803 → 0.826, every FP8 row ≈ 2.9 % faster
// (NeMo 25.02's Nemotron-4 15B on B200 +18.5 → +20.5 %, the dense worst): 0.0809 / 0.5249 / 0.0845 (dense 0.0567 /
// 0.2048); leave-one-family-out bound raised to 0.085, dense worst to 0.205; Blackwell dense 9.9 → 10.0 % (10 → 11 %).
// Lowered to 0.076 / 0.53 / 0.079 (dense 0.053) when NVIDIA's Llama 3.2 1B training benchmark on one H200 joined (twelve
// rows: Hugging Face transformers' eager model under cuDNN's and FlashAttention-2's SDPA, asked with its fp32 eager
// RMSNorm, elementwiseKernels EAGER_NORMS, and PyTorch's 12-byte cross entropy; −1.2 … +1.5 % and +0.7 … +9.3 %):
// 0.0758 / 0.5249 / 0.0790 (dense 0.0521 / 0.2048) over 140 runs — the leave-one-family-out under 8 % carried by them
// (0.0845 without).
const MEAN_ABS_ERROR_BOUND = 0.076;
const MAX_ABS_ERROR_BOUND = 0.53;
const LEAVE_ONE_FAMILY_OUT_BOUND = 0.079;
const DENSE_MEAN_ABS_ERROR_BOUND = 0.053;
const DENSE_MAX_ABS_ERROR_BOUND = 0.205;

describe('the validation suite', () => {
  it('has at least 30 published runs from at least 8 independent sources, with unique ids', () => {
    expect(VALIDATION_RUNS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(VALIDATION_RUNS.map((r) => r.id)).size).toBe(VALIDATION_RUNS.length);
    expect(new Set(VALIDATION_RUNS.map((r) => sourceName(r.source))).size).toBeGreaterThanOrEqual(8);
    expect(report.sources).toBeGreaterThanOrEqual(8);
  });

  it('covers every family of the issue: A100 Megatron 2021–22, H100 modern recipes, MoE, long context', () => {
    const families = new Set(VALIDATION_RUNS.map((r) => r.family));
    for (const f of [
      'A100_MEGATRON_2021_22',
      'H100_MODERN_RECIPES',
      'B200_MODERN_RECIPES',
      'MOE',
      'LONG_CONTEXT',
    ] as const)
      expect(families.has(f)).toBe(true);
    for (const f of families) expect(FAMILY_NAMES[f]).toBeTruthy();
  });

  it('predicts every run (a finite, positive figure of the published kind)', () => {
    for (const p of report.predictions) {
      expect(Number.isFinite(p.predicted)).toBe(true);
      expect(p.predicted).toBeGreaterThan(0);
      expect(p.error).toBeCloseTo(p.predicted / p.run.published - 1, 12);
    }
  });

  it(`mean |error| ≤ ${MEAN_ABS_ERROR_BOUND}, worst ≤ ${MAX_ABS_ERROR_BOUND}, leave-one-family-out mean ≤ ${LEAVE_ONE_FAMILY_OUT_BOUND}`, () => {
    expect(report.overall.runs).toBe(VALIDATION_RUNS.length);
    expect(report.overall.meanAbsError).toBeLessThanOrEqual(MEAN_ABS_ERROR_BOUND);
    expect(report.overall.maxAbsError).toBeLessThanOrEqual(MAX_ABS_ERROR_BOUND);
    expect(report.leaveOneFamilyOutMeanAbsError).toBeLessThanOrEqual(LEAVE_ONE_FAMILY_OUT_BOUND);
  });

  it(`dense runs (every family but MoE): mean |error| ≤ ${DENSE_MEAN_ABS_ERROR_BOUND}, worst ≤ ${DENSE_MAX_ABS_ERROR_BOUND} — the issue's 5 % mean met on A100 and H100, not with the B200 rows; its 12 % worst not (NeMo 25.02's Nemotron-4 15B on B200, +25.1 %; on H100 Megatron-Core r0.8.0's 1.7B, +17.8 %)`, () => {
    const dense = report.predictions.filter((p) => p.run.family !== 'MOE');
    expect(dense.length).toBeGreaterThanOrEqual(30);
    const errors = dense.map((p) => Math.abs(p.error));
    expect(errors.reduce((a, b) => a + b, 0) / errors.length).toBeLessThanOrEqual(DENSE_MEAN_ABS_ERROR_BOUND);
    expect(Math.max(...errors)).toBeLessThanOrEqual(DENSE_MAX_ABS_ERROR_BOUND);
  });

  /**
   * DeepSeek's published training profile (deepseek-ai/profile-data, train.json): one DualPipe forward + backward chunk
   * pair of 4 MoE layers, EP 64, TP 1, 4K tokens, balanced routing: 129.0 ms from the first to the last kernel. The
   * model's steady state of such a rank (compute on 112 of 132 SMs, the all-to-all hidden beside it) within 5 %, and
   * the pre-training row (180K GPU-hours per trillion tokens, §1) within the 15 %, both on the fast side.
   */
  it('DeepSeek-V3: the profiled chunk pair within 5 % and the pre-training GPU-hours within 15 %', () => {
    const byId = new Map(report.predictions.map((p) => [p.run.id, p]));
    const profile = byId.get('deepseek-v3-profile-chunk-pair')!;
    expect(profile.run.kind).toBe('RANK_MICRO_BATCH_SECONDS');
    expect(profile.run.published).toBe(0.129);
    expect(Math.abs(profile.error)).toBeLessThanOrEqual(0.05);
    const pretraining = byId.get('deepseek-v3-h800')!;
    expect(Math.abs(pretraining.error)).toBeLessThanOrEqual(0.15);
    // GPU-hours: fewer than published means faster.
    expect(pretraining.predicted).toBeLessThan(pretraining.run.published);
  });

  /**
   * Every published run ran, so its layout fit its GPUs. Where the memory model disagrees, the gap is named here and in
   * docs/validation.md (so that a change in the memory model shows): Llama 3 405B's 8,192-GPU and 128K rows (the
   * interleaved warm-up with m > p; at 128K, 16 micro-batches of CP-split 131K sequences) and NeMo's Nemotron-4 340B on 128 H100 (80.6 GB against the datasheet's 80 × 10⁹ bytes: 0.7 % over; the GPU's
   * 80 GiB would hold it, but the model's capacity is the datasheet figure). NeMo AutoModel's Kimi K2 on 256 H100 was
   * one (81.6 GB with fp32 master weights and moments: 4.0B unsharded expert parameters per GPU at K = 12) until its
   * BF16 optimizer states were expressed (masterWeights false, BF16 moments: K = 4): 47.8 GB.
   */
  it('every other published run fits its GPUs in the memory model', () => {
    const knownGaps = ['llama3-405b-8192', 'llama3-405b-128k', 'nemo-24.09-nemotron-340b'];
    const notFitting = report.predictions.filter((p) => !p.fits).map((p) => p.run.id);
    expect(notFitting.sort()).toEqual([...knownGaps].sort());
    for (const p of report.predictions) expect(p.fits).toBe(p.memoryBytes <= findGpu(p.run.gpu)!.memoryBytes);
  });

  it("the planner states the suite's mean |error| of the model's class on its GPU's generation (rounded up to a percent) as its accuracy", () => {
    const mean = (moe: boolean, blackwell: boolean) => {
      const errors = report.predictions
        .filter((p) => (p.run.family === 'MOE') === moe && (p.generation === 'BLACKWELL') === blackwell)
        .map((p) => Math.abs(p.error));
      return errors.reduce((a, b) => a + b, 0) / errors.length;
    };
    // A100 and H100/H800 (the generations fitted on their own runs): dense 52 runs, MoE 21.
    expect(STEP_TIME_MODEL_ACCURACY_FRACTION).toBe(Math.ceil(mean(false, false) * 100) / 100);
    expect(MOE_STEP_TIME_MODEL_ACCURACY_FRACTION).toBe(Math.ceil(mean(true, false) * 100) / 100);
    // B200 (predicted on the pooled share): dense 14 runs, MoE 2.
    expect(BLACKWELL_STEP_TIME_MODEL_ACCURACY_FRACTION).toBe(Math.ceil(mean(false, true) * 100) / 100);
    expect(BLACKWELL_MOE_STEP_TIME_MODEL_ACCURACY_FRACTION).toBe(Math.ceil(mean(true, true) * 100) / 100);
    expect(report.predictions.every((p) => ['AMPERE', 'HOPPER', 'BLACKWELL'].includes(p.generation))).toBe(true);
    expect(stepTimeModelAccuracyFractionFor(1)).toBe(STEP_TIME_MODEL_ACCURACY_FRACTION);
    expect(stepTimeModelAccuracyFractionFor(256)).toBe(MOE_STEP_TIME_MODEL_ACCURACY_FRACTION);
    expect(stepTimeModelAccuracyFractionFor(1, 'AMPERE')).toBe(STEP_TIME_MODEL_ACCURACY_FRACTION);
    expect(stepTimeModelAccuracyFractionFor(1, 'BLACKWELL')).toBe(BLACKWELL_STEP_TIME_MODEL_ACCURACY_FRACTION);
    expect(stepTimeModelAccuracyFractionFor(256, 'BLACKWELL')).toBe(BLACKWELL_MOE_STEP_TIME_MODEL_ACCURACY_FRACTION);
    // A GPU with no published run (V100, MI300X, custom) carries UNCALIBRATED_GPU and the fitted generations' figure.
    expect(stepTimeModelAccuracyFractionFor(1, 'OTHER')).toBe(STEP_TIME_MODEL_ACCURACY_FRACTION);
  });

  it("the shipped GEMM constants are the calibration's output: the fit on the whole suite returns them (± 0.5 %)", () => {
    const shares = calibrateShares(VALIDATION_RUNS);
    for (const [g, share] of Object.entries(MATMUL_SHARE_OF_CEILING)) {
      expect(Math.abs(shares[g as keyof typeof shares]! / share - 1)).toBeLessThanOrEqual(0.005);
    }
  });

  it('the FP8 GEMM factor is the fit over the FP8 runs (± 2 %)', () => {
    expect(Math.abs(calibrateFp8Scale(VALIDATION_RUNS) - 1)).toBeLessThanOrEqual(0.02);
  });

  it('the host seconds per per-expert operation are the fit over the Megatron-Core BF16 MoE runs without EP overlap (± 1 %)', () => {
    const fitted = expertHostCalibrationRuns(VALIDATION_RUNS).map((r) => r.id);
    expect(fitted).toEqual([
      'megatron-bridge-26.04-gpt-oss-120b',
      'megatron-bridge-card-qwen3-30b-a3b-bf16',
      'moe-model-zoo-qwen3-235b-deepep',
      'moe-model-zoo-qwen3-235b-alltoall-pp32',
      'moe-model-zoo-qwen3-235b-deepep-tp4',
      'moe-model-zoo-mixtral-8x22b-forced-balance',
      'moe-model-zoo-mixtral-8x22b-dropless',
    ]);
    expect(
      Math.abs(calibrateExpertHostSeconds(VALIDATION_RUNS) / EXPERT_HOST_SECONDS_PER_OPERATION - 1),
    ).toBeLessThanOrEqual(0.01);
    // The fine-grained Qwen3 runs set it: without Mixtral's (one local expert each) and gpt-oss-120b's (checked after the
    // fit) the fit is the same.
    const qwenOnly = VALIDATION_RUNS.filter((r) => !r.id.includes('mixtral') && !r.id.includes('gpt-oss'));
    expect(Math.abs(calibrateExpertHostSeconds(qwenOnly) / EXPERT_HOST_SECONDS_PER_OPERATION - 1)).toBeLessThanOrEqual(
      0.01,
    );
  });

  it('predicts the Megatron-Core MoE runs it was not fitted on: FP8 (its casts counted as operations) within 7 %, EP-overlapped within 13 %', () => {
    const error = (id: string) => report.predictions.find((p) => p.run.id === id)!.error;
    // Megatron-Bridge 26.04.01 H100 FP8: Qwen3 30B-A3B 8,960 and 235B-A22B 1,712 tokens/s/GPU (+63.8 / +12.1 % without
    // the host work); the overlap card's Qwen3 30B at 20.99 s and the zoo's 1F1B-overlapped 235B at 17.6 s.
    // Session 9: the warm-up and cool-down chunks that EP overlap cannot pair expose their all-to-all (expert-parallel.ts
    // unpairedChunkFraction): the zoo's overlapped 235B −15.1 → −12.8 %, Bridge's 235B (PP 8 v 4, m 512) −5.5 → −6.1 %
    // (bound 6 → 7 %, said here), the card +9.2 → +9.6 %.
    expect(Math.abs(error('megatron-bridge-26.04-qwen3-30b-a3b'))).toBeLessThanOrEqual(0.06);
    expect(Math.abs(error('megatron-bridge-26.04-qwen3-235b-a22b'))).toBeLessThanOrEqual(0.07);
    // Session 10's Hopper refit (share 0.796 → 0.771, host 51.5 → 50.5 µs): the card +9.6 → +10.5 % (bound 10 → 11 %);
    // session 13's FlashAttention backward (2.5 passes) and Hopper refit 0.767 → 0.7795: +10.7 → +12.0 % (bound 12 %);
    // session 19's measured NVLink efficiency (H100 0.82) and Hopper refit 0.7992 → 0.7916: +11.6 → +12.2 % (bound 13 %).
    expect(Math.abs(error('megatron-bridge-card-qwen3-30b-a3b-bf16-ep-overlap'))).toBeLessThanOrEqual(0.13);
    // Session 13: the zoo's runs with the Transformer Engine cross entropy their config sets: −10.7 → −14.3 % (bound 15 %).
    expect(Math.abs(error('moe-model-zoo-qwen3-235b-deepep-1f1b-overlap'))).toBeLessThanOrEqual(0.15);
    // Megatron-Bridge's gpt-oss-120b (64 H100, EP 8: 16 local experts), checked after the fit: +9.8 % (+54.2 % without
    // the host work).
    // Session 13: with its Transformer Engine cross entropy (the unfused count was 52 B a logit of a 201,088 vocabulary on
    // the unbalanced last of four stages) +8.7 → +18.0 % (bound 10 → 19 %); with the all-to-all's regrouping of its 16
    // local experts' tokens +16.0 % (bound 17 %).
    expect(Math.abs(error('megatron-bridge-26.04-gpt-oss-120b'))).toBeLessThanOrEqual(0.17);
  });

  it('leave-one-family-out recalibrates without the family: a generation left with fewer than 5 runs takes the pooled fit', () => {
    const withoutH100 = VALIDATION_RUNS.filter((r) => r.family !== 'H100_MODERN_RECIPES');
    // MoE rows are predicted, never fitted (suite.ts calibrationRuns): the H100 runs left to fit are the others.
    expect(withoutH100.filter((r) => r.gpu.startsWith('h100') && r.family !== 'MOE').length).toBeLessThan(
      MIN_RUNS_PER_GENERATION,
    );
    const shares = calibrateShares(withoutH100);
    // The pooled share is fitted on the dense 16-bit runs (FP8 runs fit the FP8 factor; MoE runs fit nothing).
    expect(shares.HOPPER).toBe(
      calibratePooledShare(
        withoutH100.filter(
          (r) => r.family !== 'MOE' && applyRecipe(r.trainingRecipe, r.layout, {}).layout.precision !== 'FP8',
        ),
      ),
    );
    // The H100 family is predicted with the constant calibrated without it, and that changes its predictions.
    const family = report.families.find((f) => f.family === 'H100_MODERN_RECIPES')!;
    const scales = calibrateScales(withoutH100);
    expect(family.leaveOut.scales.HOPPER).toBeCloseTo(scales.HOPPER!, 9);
    const run = VALIDATION_RUNS.find((r) => r.family === 'H100_MODERN_RECIPES')!;
    expect(predictRun(run, scales).predicted).not.toBeCloseTo(predictRun(run).predicted, 6);
  });
});
