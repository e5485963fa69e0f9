/**
 * The document GraphiQL opens with: one named operation per question the issue lists. Pick one with the run
 * button's menu. Kept in sync with the schema by test/server/examples.test.ts (every operation must validate).
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

# Catalogs.
query Catalog {
  gpus { id name memoryBytes bf16PeakFlopsPerSecond gpuHourUsd }
  models { id name parameters activeParameters flopsPerToken preset }
  clusters { id name gpuCount preset }
}

# The best layouts of GPT-3 175B on 1,024 A100s: top 3, the frontier of time vs cost vs free memory, and why.
query FindBestLayout {
  planSearch(input: { model: "gpt3-175b", cluster: "a100-80gb-x1024", globalBatchSize: 1536, trainingTokens: 3e11, top: 3 }) {
    candidates evaluated feasible elapsedSeconds winnerReason
    ranked { timeSeconds costUsd headroomBytes plan { parallelism { tensorParallel pipelineParallel dataParallel microBatchSize zeroStage recompute sequenceParallel offload } performance { hardwareTflopsPerGpu } } }
    frontier { timeSeconds costUsd headroomBytes }
  }
}

# Live changes to saved items (this tab listens over WebSocket; run a mutation in another tab).
subscription SavedItemsChanged {
  savedItemsChanged { kind id name change missedEvents }
}
`;
