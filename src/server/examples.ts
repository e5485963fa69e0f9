/**
 * The document GraphiQL opens with: one named operation per question the issue lists. Pick one with the run
 * button's menu. Kept in sync with the schema by test/schema/schema.test.ts (every operation must validate).
 */
export const GRAPHIQL_EXAMPLES = /* GraphQL */ `# zeroplan — plan and price LLM training runs. Press ▶ and pick an operation.

# GPT-3 175B on 1,024 A100-80GB (128 DGX nodes) with the Megatron-LM recipe (Narayanan et al. 2021).
query EstimateGpt3On1024A100s {
  trainingPlan(
    input: {
      model: "gpt3-175b"
      cluster: "a100-80gb-x1024"
      globalBatchSize: 1536
      tensorParallel: 8
      pipelineParallel: 8
      recompute: FULL
      trainingTokens: 3e11
    }
  ) {
    fits
    parallelism { tensorParallel pipelineParallel dataParallel zeroStage microBatchSize }
    memory { totalBytes capacityBytes headroomBytes }
    performance { stepSeconds tokensPerSecond hardwareTflopsPerGpu modelFlopsUtilization bubbleFraction }
    run { days gpuHours costUsd energyKwh }
    diagnostics { severity code message }
  }
}

# Llama 3 8B on one DGX B200 (FP8, micro-batch 2, Megatron-Core's recipe): Megatron-Bridge 25.11 measured 30,624
# tokens/s per GPU. The plan says which GEMM law its step time rests on (assumption gemmEfficiencyLaw) and that B200 is
# predicted, not calibrated (diagnostic UNCALIBRATED_GPU).
query PlanOnB200 {
  trainingPlan(
    input: { model: "llama3-8b", cluster: "b200-x8", globalBatchSize: 128, microBatchSize: 2, precision: FP8, recipe: MEGATRON_CORE }
  ) {
    fits
    performance { stepSeconds tokensPerSecond modelFlopsUtilization }
    assumptions { name value }
    diagnostics { severity code message }
  }
}

# Qwen3 235B-A22B on 256 GB200s — four NVL72 racks, 64 GPUs each in one NVLink domain — with expert parallelism 32 inside
# a rack, as Megatron-Bridge 26.04.01 ran it in MXFP8 (fp8Scaling BLOCK: its experts' casts are no per-expert host work;
# 5,680 tokens/s per GPU published; this plan ≈ 5,240, the validation row — asked with the run's BF16 gradients and
# fused cross entropy — 5,514). The terms show the all-to-all on NVLink and the host work of per-expert launches
# (EXPERT_HOST) apart.
query PlanOnGB200NVL72 {
  trainingPlan(
    input: {
      model: "qwen3-235b-a22b"
      cluster: "gb200-x256"
      globalBatchSize: 8192
      pipelineParallel: 8
      pipelineInterleave: 3
      pipelineLayerSplit: FIRST_LAST_ONE_FEWER
      expertParallel: 32
      expertTensorParallel: 1
      precision: FP8
      recompute: NONE
      recipe: MEGATRON_CORE
      options: { expertDispatch: NODE_DEDUPLICATED, fp8Scaling: BLOCK }
    }
  ) {
    fits
    performance { stepSeconds tokensPerSecond expertHostSeconds terms { name exposedSeconds } }
    memory { totalBytes capacityBytes }
  }
}

# Model-state memory per GPU for ZeRO stages 0–3: the ZeRO paper's Figure 1 (7.5B parameters, 64 GPUs).
query CompareZeroStages {
  modelStateMemory(parameters: 7.5e9, dataParallel: 64) {
    stage parametersBytes gradientsBytes optimizerStatesBytes totalBytes
  }
  maxTrainableParameters(gpu: "v100-32gb", gpus: 1024, zeroStage: 3, tensorParallel: 16)
}

# Compute-optimal model size and tokens for a budget of 5.76e23 FLOPs (Chinchilla's own budget).
query ComputeOptimalAllocation {
  chinchilla: computeOptimal(computeFlops: 5.76e23, law: CHINCHILLA) { parameters tokens tokensPerParameter predictedLoss }
  kaplan: computeOptimal(computeFlops: 5.76e23, law: KAPLAN) { parameters tokens tokensPerParameter predictedLoss }
}

# The article's 2020 extrapolation GPT-2 → GPT-3 → "GPT-4".
query Gpt4Extrapolation {
  extrapolation {
    growthFactor nextParameters nextLoss nextComputePfDays nextTokens nextCostV100Usd nextCostA100Usd
    chinchilla { parameters tokens predictedLoss }
  }
}

# From dollars and days to a run: $20M, 4,096 H100s, 90 days, Chinchilla, a Llama-shaped model, Llama 3's failure
# rates. The best size, its tokens and layout, days and dollars with failures, what binds, and loss against spend.
query BudgetPlan {
  budgetPlan(input: { budgetUsd: 2e7, deadlineDays: 90, gpu: "h100-sxm", maxGpus: 4096, law: CHINCHILLA, family: LLAMA, reliability: "llama3-405b" }) {
    model { layers hiddenSize attentionHeads kvHeads ffnHiddenSize }
    parameters trainingTokens gpus modelFlopsUtilization ettr expectedDays costUsd predictedLoss
    bindingConstraint idealParameters shiftFraction notes
    plan { parallelism { tensorParallel pipelineParallel dataParallel microBatchSize globalBatchSize recompute } }
    frontier { spendUsd predictedLoss parameters trainingTokens expectedDays }
  }
}

# Catalogs.
query Catalog {
  gpus { id name memoryBytes bf16PeakFlopsPerSecond gpuHourUsd }
  models { id name parameters activeParameters flopsPerToken preset }
  clusters { id name gpuCount preset }
}

# The best layouts of GPT-3 175B on 1,024 A100s: top 3, the frontier of time vs cost vs free memory, and why.
query FindBestLayout {
  planSearch(input: { model: "gpt3-175b", cluster: "a100-80gb-x1024", globalBatchSize: 1536, trainingTokens: 3e11, top: 3 }) {
    candidates evaluated feasible elapsedSeconds winnerReason modelAccuracyFraction nearOptimal
    ranked { timeSeconds costUsd headroomBytes gapToBest plan { parallelism { tensorParallel pipelineParallel dataParallel microBatchSize zeroStage recompute sequenceParallel offload } performance { hardwareTflopsPerGpu } } }
    frontier { timeSeconds costUsd headroomBytes }
  }
}

# Long context: Llama 3 405B at 128K tokens on 16,384 H100s, 16M tokens (128 sequences) per step. The search splits
# sequences over context-parallel ranks (Llama 3 paper, Table 4: TP 8, CP 16, PP 16, DP 8); try contextParallel: [1].
query LongContextLayout {
  planSearch(input: {
    modelSpec: { name: "Llama 3 405B, 128K", layers: 126, hiddenSize: 16384, attentionHeads: 128, kvHeads: 8, ffnHiddenSize: 53248,
                 gatedMlp: true, vocabSize: 128256, sequenceLength: 131072, normalization: RMSNORM, positionEmbedding: ROTARY,
                 linearBiases: false, tiedEmbeddings: false, dropout: false }
    cluster: "h100-sxm-x16384", globalBatchSize: 128, top: 3
  }) {
    winnerReason nearOptimal
    ranked { timeSeconds gapToBest plan { parallelism { tensorParallel contextParallel pipelineParallel dataParallel recompute } memory { totalBytes } performance { modelTflopsPerGpu } } }
  }
}

# How few GPUs can train Llama 2 13B? The fewest 32 GB V100s it fits on, without offload (set offloads to see ZeRO-Offload's single GPU).
query FewestGpus {
  planSearch(input: { model: "llama2-13b", clusterSpec: { gpu: "v100-32gb", gpusPerNode: 16, nodes: 1 }, globalBatchSize: 16, objective: MIN_GPUS, offloads: [NONE], top: 3 }) {
    winnerReason
    ranked { gpus timeSeconds headroomBytes plan { parallelism { tensorParallel pipelineParallel dataParallel zeroStage recompute offload } memory { totalBytes capacityBytes } } }
  }
}

# Fine-tune Llama 2 70B with QLoRA (4-bit frozen weights, rank-64 adapters on every linear layer) on one 8-GPU node,
# and import a model straight from its Hugging Face config.json (here DeepSeek-V3: latent attention, 3 dense layers).
query FineTuneAndImport {
  planSearch(input: { model: "llama2-70b", cluster: "a100-80gb-x8", globalBatchSize: 64, trainingTokens: 1e9, adapter: { method: QLORA, rank: 64, targets: ALL_LINEAR }, top: 3 }) {
    ranked { timeSeconds costUsd plan { trainableParameters parallelism { tensorParallel pipelineParallel dataParallel zeroStage recompute adapter { method rank } } memory { totalBytes capacityBytes } } }
  }
  modelFromHuggingFaceConfig(config: """{"model_type": "deepseek_v3", "hidden_size": 7168, "intermediate_size": 18432, "moe_intermediate_size": 2048, "num_hidden_layers": 61, "num_attention_heads": 128, "num_key_value_heads": 128, "n_shared_experts": 1, "n_routed_experts": 256, "num_experts_per_tok": 8, "first_k_dense_replace": 3, "kv_lora_rank": 512, "q_lora_rank": 1536, "qk_nope_head_dim": 128, "qk_rope_head_dim": 64, "v_head_dim": 128, "vocab_size": 129280, "max_position_embeddings": 4096, "tie_word_embeddings": false}""") {
    parameters activeParameters moeLayers denseLayers latentAttention { kvRank queryRank }
  }
}

# A plan search that streams its best-so-far layouts (about 4 events per second; the last has done = true).
subscription SearchLive {
  planSearchProgress(input: { model: "gpt3-175b", cluster: "a100-80gb-x1024", globalBatchSize: 1536, trainingTokens: 3e11, top: 3 }) {
    done evaluated feasible elapsedSeconds
    best { parallelism { tensorParallel pipelineParallel dataParallel microBatchSize } performance { stepSeconds } }
  }
}

# Play out 54 days of Llama 3 405B on 16,384 H100s under the Llama 3 paper's failure rates (preset llama3-405b),
# one simulated day per wall second. Copy the returned id into the variables pane: { "id": "s_…" }, then run
# SimulationEvents to watch interruptions, recoveries and progress arrive.
mutation StartLlama3Simulation {
  startSimulation(
    input: {
      plan: {
        model: "llama3-405b"
        cluster: "h100-sxm-x16384"
        globalBatchSize: 2048
        tensorParallel: 8
        pipelineParallel: 16
        sequenceParallel: true
        zeroStage: 1
        recompute: FULL
        trainingTokens: 15.6e12
      }
      reliability: { preset: "llama3-405b" }
      horizonSeconds: 4665600
      pace: 86400
    }
  ) {
    id status gpuCount nominalStepSeconds totalSteps checkpointBytes
  }
}

# The events of a simulation (stored ones first, then live; ends after the last). Needs { "id": "s_…" } in variables.
subscription SimulationEvents($id: ID!) {
  simulationEvents(id: $id) {
    __typename seq simulatedSeconds
    ... on SimulationInterruption { cause planned lostWorkSeconds }
    ... on SimulationRecovery { downtimeSeconds }
    ... on SimulationProgress { fractionComplete effectiveTrainingTimeRatio predictedLoss }
    ... on SimulationCompleted { summary { interruptions plannedInterruptions unexpectedInterruptions effectiveTrainingTimeRatio goodput costUsd } }
  }
}

# Live changes to saved items (this tab listens over WebSocket; run a mutation in another tab).
subscription SavedItemsChanged {
  savedItemsChanged { kind id name change missedEvents }
}
`;
