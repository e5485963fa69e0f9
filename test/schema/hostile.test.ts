/**
 * Hostile arguments to every root field beyond trainingPlan (which fuzz.test.ts covers): plan search, simulations,
 * Hugging Face configs, saved items and the calculators. Each answer must be a GraphQL error with a known
 * extensions.code whose message names the field and the value and says what is allowed — never a masked
 * INTERNAL_SERVER_ERROR, a 5xx or a hang. The cases come from scripts/hostile-audit.ts (run it for the full sweep).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findGpu, makeCluster } from '../../src/core/hardware.js';
import { architectureWithDefaults } from '../../src/core/model.js';
import { estimateSearchSpace } from '../../src/core/search.js';
import type { GpuSpec } from '../../src/core/types.js';
import { simulationModule } from '../../src/server/simulation-module.js';
import { createTestApp, post, removeDir, type GraphQLErrorShape, type Response, type TestApp } from '../server/helpers.js';

let t: TestApp;
beforeAll(() => {
  // No search module: planSearch runs inline, on the event loop, so a search that ignored its time limit shows.
  t = createTestApp({ modules: [simulationModule({ maxConcurrent: 1 })] });
});
afterAll(async () => {
  await t.dispose();
  removeDir(t.dir);
});

const CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN']);

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  code?: string;
  /** extensions.field, also required in the message. */
  field: string;
  /** Text the message must contain besides the field (the value, what is allowed). */
  says?: string[];
}

async function send(query: string, variables: Record<string, unknown> = {}): Promise<Response<Record<string, unknown>>> {
  return post<Record<string, unknown>>(t.app, { query, variables });
}

function check(c: Case, r: Response<unknown>): GraphQLErrorShape {
  expect(r.status, c.name).toBeLessThan(500);
  expect(r.errors, `${c.name}: ${JSON.stringify(r.data)}`).toHaveLength(1);
  const e = r.errors![0]!;
  expect(CODES.has(e.extensions?.code ?? ''), `${c.name}: ${e.extensions?.code} ${e.message}`).toBe(true);
  expect(e.extensions!.code, c.name).toBe(c.code ?? 'BAD_USER_INPUT');
  expect(e.extensions!.field, `${c.name}: ${e.message}`).toBe(c.field);
  expect(e.message, c.name).toContain(c.field.split('.').pop()!);
  for (const text of c.says ?? []) expect(e.message, c.name).toContain(text);
  return e;
}

function run(cases: Case[]): void {
  for (const c of cases) {
    it(c.name, async () => {
      check(c, await send(c.query, c.variables));
    });
  }
}

const tiny = { layers: 2, hiddenSize: 64, attentionHeads: 2, vocabSize: 100, sequenceLength: 16 };

describe('trainingPlan pipeline splits (pipelineStageLayers, pipelineLayerSplit)', () => {
  const TP = 'query($i: TrainingPlanInput!) { trainingPlan(input: $i) { fits } }';
  // GPT-2 1.5B: 48 layers; 8 GPUs over 4 pipeline stages.
  const base = { model: 'gpt2-1.5b', cluster: 'a100-80gb-x8', globalBatchSize: 64, pipelineParallel: 4 };
  const tp = (name: string, extra: Record<string, unknown>, field: string, says: string[] = []): Case => ({ name, query: TP, variables: { i: { ...base, ...extra } }, field, says });
  run([
    tp('stage layers of the wrong length', { pipelineStageLayers: [48] }, 'input.pipelineStageLayers', ['[48]', 'a list of 4 layer counts']),
    tp('stage layers not summing to the layers', { pipelineStageLayers: [12, 12, 12, 13] }, 'input.pipelineStageLayers', ['[12,12,12,13]', 'summing to the model\'s 48 layers (now 49)']),
    tp('an empty middle stage', { pipelineStageLayers: [24, 0, 12, 12] }, 'input.pipelineStageLayers[1]', ['0', 'every middle stage holds at least one layer']),
    tp('a negative first stage', { pipelineStageLayers: [-1, 17, 16, 16] }, 'input.pipelineStageLayers[0]', ['-1', '[0, 48]']),
    tp('2³¹ − 1 layers on a stage', { pipelineStageLayers: [2147483647, 1, 1, 1] }, 'input.pipelineStageLayers[0]', ['2147483647', '[0, 48]']),
    tp('a million stages', { pipelineStageLayers: Array(1_000_001).fill(0) }, 'input.pipelineStageLayers', ['a list of 1000001 entries', 'at most']),
    tp('an unknown split rule', { pipelineLayerSplit: 'ZIGZAG' }, 'i.pipelineLayerSplit', ['"ZIGZAG"']),
    tp('interleave beyond the layers without a split that allows empty ends', { pipelineInterleave: 13 }, 'input.pipelineInterleave', ['13', 'at most 12']),
    tp('an unknown recipe', { recipe: 'MEGATRON_2019' }, 'i.recipe', ['"MEGATRON_2019"']),
    tp('an unknown gradient precision', { gradientPrecision: 'FP64' }, 'i.gradientPrecision', ['"FP64"']),
    tp('FP8 activation storage in BF16 training', { activationStorage: 'FP8' }, 'input.activationStorage', ['"FP8"', 'precision = FP8']),
    tp('BF16 gradients in FP32 training', { precision: 'FP32', gradientPrecision: 'BF16' }, 'input.gradientPrecision', ['"BF16"', 'FP32 in FP32 training']),
    tp('a recipe that sets FP8 on an A100', { recipe: 'DEEPSEEK_V3' }, 'input.precision', ['"FP8"', 'no FP8 tensor cores']),
    tp('FIRST_LAST_ONE_FEWER beyond layers + 2 virtual stages', { pipelineInterleave: 13, pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER' }, 'input.pipelineLayerSplit', ['"FIRST_LAST_ONE_FEWER"', 'at most layers + 2 (50)']),
  ]);
});

describe('planSearch', () => {
  const PS = 'query($i: PlanSearchInput!) { planSearch(input: $i) { evaluated stopReason truncated } }';
  const base = { model: 'gpt2-1.5b', cluster: 'a100-80gb-x8', globalBatchSize: 64 };
  const ps = (name: string, extra: Record<string, unknown>, field: string, says: string[] = []): Case => ({ name, query: PS, variables: { i: { ...base, ...extra } }, field, says });
  run([
    ps('an unknown recipe', { recipe: 'NEMO_2030' }, 'i.recipe', ['"NEMO_2030"']),
    ps('top -1', { top: -1 }, 'input.top', ['-1', '[1, 100]']),
    ps('top 1e9', { top: 1e9 }, 'input.top', ['1000000000', '[1, 100]']),
    ps('timeLimitSeconds 0', { timeLimitSeconds: 0 }, 'input.timeLimitSeconds', ['[0.01, 60]']),
    ps('timeLimitSeconds 1e308', { timeLimitSeconds: 1e308 }, 'input.timeLimitSeconds', ['1e+308']),
    ps('timeLimitSeconds -1', { timeLimitSeconds: -1 }, 'input.timeLimitSeconds', ['-1']),
    // JSON has no NaN: a client sends a string, which graphql-js refuses while coercing the variable.
    ps('timeLimitSeconds "NaN"', { timeLimitSeconds: 'NaN' }, 'i.timeLimitSeconds', ['"NaN"', 'Float cannot represent']),
    ps('timeLimitSeconds "Infinity"', { timeLimitSeconds: 'Infinity' }, 'i.timeLimitSeconds', ['"Infinity"']),
    ps('gpuBudget 0', { gpuBudget: 0 }, 'input.gpuBudget', ['= 0']),
    ps('gpuBudget 10⁶ on an 8-GPU cluster', { gpuBudget: 1e6 }, 'input.gpuBudget', ['1000000', '[1, 8]']),
    ps('budgetUsd negative', { budgetUsd: -1, trainingTokens: 1e9 }, 'input.budgetUsd', ['-1']),
    ps('maxPareto 1e9', { maxPareto: 1e9 }, 'input.maxPareto', ['1000000000']),
    ps('trainingTokens 1e308', { trainingTokens: 1e308 }, 'input.trainingTokens', ['1e+308']),
    ps('negative pins', { tensorParallel: [-1, 0] }, 'input.tensorParallel.0', ['-1']),
    ps('empty pin list', { tensorParallel: [] }, 'input.tensorParallel', ['non-empty']),
    ps('contextParallel pin 0', { contextParallel: [0] }, 'input.contextParallel.0', ['= 0']),
    ps('contextParallel that does not split the sequence', { contextParallel: [3] }, 'input.contextParallel', ['= 3', '2 × contextParallel']),
    ps('deadlineSeconds 0', { deadlineSeconds: 0, trainingTokens: 1e9 }, 'input.deadlineSeconds', ['= 0']),
    ps('deadlineSeconds without trainingTokens', { deadlineSeconds: 86_400 }, 'input.trainingTokens', ['token count']),
    ps('MIN_GPUS with EXACT', { objective: 'MIN_GPUS', gpuBudgetMode: 'EXACT' }, 'input.gpuBudgetMode', ['EXACT', 'UP_TO']),
    ps('adapter rank 2³¹ − 1', { adapter: { method: 'LORA', rank: 2147483647 } }, 'input.adapter.rank', ['2147483647']),
    ps('adapter with offloads pinned', { adapter: { method: 'QLORA', rank: 8 }, offloads: ['OPTIMIZER_CPU'] }, 'input.offloads', ['OPTIMIZER_CPU', '[NONE]']),
    ps('adapter on an MoE model', { model: 'mixtral-8x7b', adapter: { method: 'LORA', rank: 8 } }, 'input.adapter', ['MoE']),
    ps('clusterSpec with negative host RAM', { cluster: null, clusterSpec: { gpu: 'a100-80gb', gpusPerNode: 8, nodes: 1, hostMemoryBytesPerNode: -1 } }, 'input.clusterSpec.hostMemoryBytesPerNode', ['-1']),
  ]);

  // 100 batch sizes × 512 micro-batches × TP/PP/DP/EP/SP on 999,424 GPUs with any GPU count: ≈ 1.2 × 10¹⁰ layouts
  // by the cheap bound. Listing and validating them took 7–17 s before the search looked at its clock (and the
  // bound alone 11 s on the main thread); now both stop at the time limit and the answer is the truncated best so far.
  const huge = {
    modelSpec: { layers: 128, hiddenSize: 1024, attentionHeads: 64, vocabSize: 1000, sequenceLength: 8, experts: 64, expertsPerToken: 2 },
    clusterSpec: { gpu: 'h100-sxm', gpusPerNode: 1024, nodes: 976 },
    globalBatchSize: 1048576,
    globalBatchSizes: Array.from({ length: 100 }, (_, k) => 1048576 - 1024 * k),
    microBatchSizes: Array.from({ length: 512 }, (_, k) => k + 1),
    gpuBudgetMode: 'UP_TO',
    allowTensorParallelAcrossNodes: true,
  };

  it('a huge space stops at timeLimitSeconds while it is still being listed (truncated, not an error)', async () => {
    const r = await send(PS, { i: { ...huge, timeLimitSeconds: 0.2 } });
    expect(r.errors).toBeUndefined();
    const result = r.data!.planSearch as { stopReason: string; truncated: boolean };
    expect(result.stopReason).toBe('TIME_LIMIT');
    expect(result.truncated).toBe(true);
  });

  it('the inline/worker bound stops counting once it passes its limit, and agrees below it', () => {
    const arch = architectureWithDefaults(huge.modelSpec);
    const cluster = makeCluster({ gpu: findGpu('h100-sxm') as GpuSpec, gpusPerNode: 1024, nodes: 976 });
    const options = { globalBatchSize: huge.globalBatchSize, globalBatchSizes: huge.globalBatchSizes, microBatchSizes: huge.microBatchSizes, gpuBudgetMode: 'UP_TO' as const, allowTensorParallelAcrossNodes: true };
    expect(estimateSearchSpace(arch, cluster, options, 20_000)).toBeGreaterThan(20_000);
    const small = makeCluster({ gpu: findGpu('h100-sxm') as GpuSpec, gpusPerNode: 8, nodes: 2 });
    const smallOptions = { globalBatchSize: 64 };
    const exact = estimateSearchSpace(arch, small, smallOptions);
    expect(exact).toBeGreaterThan(0);
    expect(estimateSearchSpace(arch, small, smallOptions, exact)).toBe(exact);
  });
});

describe('startSimulation', () => {
  const SS = 'mutation($i: SimulationInput!) { startSimulation(input: $i) { id status } }';
  const plan = { modelSpec: tiny, cluster: 'a100-80gb-x8', globalBatchSize: 8, trainingTokens: 1e9 };
  const sim = (name: string, extra: Record<string, unknown>, field: string, says: string[] = []): Case => ({ name, query: SS, variables: { i: { plan, ...extra } }, field, says });
  run([
    // 8 sequences × 16 tokens = 128 tokens per step; the engine takes at most 10¹² steps = 1.28 × 10¹⁴ tokens. It
    // used to name its own derived `input.totalSteps`, which is no field of SimulationInput.
    sim('trainingTokens 1e16 on a tiny model (10¹⁴ steps)', { plan: { ...plan, trainingTokens: 1e16 } }, 'input.plan.trainingTokens', ['10000000000000000', '1.28e+14', '128 tokens']),
    // GPT-3 175B, 10⁸ sequences per step on 8 A100s: a step of years (the engine allows 1 µs to 1 day).
    sim('a step longer than a day', { plan: { model: 'gpt3-175b', cluster: 'a100-80gb-x8', globalBatchSize: 1e8, recompute: 'FULL', trainingTokens: 1e12 } }, 'input.plan', ['a step of', '1 day']),
    // 10¹⁶ bytes at 1 MB/s is 317 years per checkpoint (the engine allows 30 days); it used to say checkpointBlockingSeconds.
    sim('checkpoint that takes centuries to write', { checkpointBytes: 1e16, reliability: { storageWriteBytesPerSecond: 1e6, storageReadBytesPerSecond: 1e6, checkpointMode: 'SYNC' } }, 'input.checkpointBytes', ['10000000000000000', '30 days']),
    sim('horizonSeconds 1e308', { horizonSeconds: 1e308 }, 'input.horizonSeconds', ['1e+308']),
    sim('horizonSeconds negative', { horizonSeconds: -1 }, 'input.horizonSeconds', ['-1']),
    sim('replicas 0', { replicas: 0 }, 'input.replicas', ['= 0', '[1, 1000]']),
    sim('replicas 10⁶', { replicas: 1e6 }, 'input.replicas', ['1000000']),
    sim('pace 0', { pace: 0 }, 'input.pace', ['= 0']),
    sim('pace negative', { pace: -1 }, 'input.pace', ['-1']),
    sim('pace 1e-9', { pace: 1e-9 }, 'input.pace', ['1e-9']),
    sim('MTBF ≈ 0 (10⁶ failures per GPU-hour)', { reliability: { unexpectedFailuresPerGpuHour: 1e6 } }, 'input.reliability.unexpectedFailuresPerGpuHour', ['1000000', '[0, 1]']),
    sim('restart ≫ MTBF', { reliability: { unexpectedFailuresPerGpuHour: 1, restartMedianSeconds: 1e9 } }, 'input.reliability.restartMedianSeconds', ['1000000000']),
    sim('spareNodes 2³¹ − 1', { reliability: { spareNodes: 2147483647 } }, 'input.reliability.spareNodes', ['2147483647']),
    sim('spareNodes negative', { reliability: { spareNodes: -1 } }, 'input.reliability.spareNodes', ['-1']),
    sim('weibullShape 1e-300', { reliability: { weibullShape: 1e-300 } }, 'input.reliability.weibullShape', ['1e-300']),
    { ...sim('unknown reliability preset', { reliability: { preset: 'zzz' } }, 'input.reliability.preset', ['"zzz"', 'llama3-405b']), code: 'NOT_FOUND' },
  ]);
});

describe('simulation ids and events', () => {
  let id = '';
  beforeAll(async () => {
    const r = await send('mutation($i: SimulationInput!) { startSimulation(input: $i) { id } }', {
      i: { plan: { modelSpec: tiny, cluster: 'a100-80gb-x8', globalBatchSize: 8, trainingTokens: 1e8 }, reliability: { preset: 'modern-optimised' } },
    });
    expect(r.errors).toBeUndefined();
    id = (r.data!.startSimulation as { id: string }).id;
  });
  const EV = 'query($id: ID!, $a: Int) { simulation(id: $id) { events(after: $a, limit: 5) { seq } } }';
  it('events after -1: BAD_USER_INPUT naming after', async () => {
    check({ name: 'after -1', query: EV, field: 'after', says: ['-1'] }, await send(EV, { id, a: -1 }));
  });
  it('events after 2³¹: refused while coercing, naming the variable and the value', async () => {
    check({ name: 'after 2^31', query: EV, field: 'a', says: ['2147483648'] }, await send(EV, { id, a: 2 ** 31 }));
  });
  it('events after 2³¹ − 1: no events, no error', async () => {
    const r = await send(EV, { id, a: 2 ** 31 - 1 });
    expect(r.errors).toBeUndefined();
    expect((r.data!.simulation as { events: unknown[] }).events).toEqual([]);
  });
  run([
    { name: 'rerunSimulation of an unknown id', query: 'mutation { rerunSimulation(id: "s_nope") { id } }', code: 'NOT_FOUND', field: 'id', says: ['"s_nope"'] },
    { name: 'cancelSimulation of an unknown id', query: 'mutation { cancelSimulation(id: "s_nope") { id } }', code: 'NOT_FOUND', field: 'id', says: ['"s_nope"'] },
  ]);
  it('simulationEvents of an unknown id over SSE: NOT_FOUND, then the stream ends', async () => {
    const response = await t.app.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { simulationEvents(id: "s_nope") { seq } }' }),
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toContain('"code":"NOT_FOUND"');
    expect(text).toContain('"field":"id"');
  });
});

describe('Hugging Face configs', () => {
  const HF = 'query($c: String!) { modelFromHuggingFaceConfig(config: $c) { id } }';
  const llama = { model_type: 'llama', hidden_size: 4096, num_attention_heads: 32, num_hidden_layers: 32, vocab_size: 32000, max_position_embeddings: 4096, intermediate_size: 11008 };
  const hf = (name: string, config: string, field: string, says: string[] = []): Case => ({ name, query: HF, variables: { c: config }, field, says });
  run([
    hf('200,000 levels of nested arrays', '['.repeat(100_000) + ']'.repeat(100_000), 'config', ['200000 characters', 'at most 100000']),
    hf('16,000 levels of nested objects (under the size limit)', '{"a":'.repeat(16_000) + '1' + '}'.repeat(16_000), 'config.num_hidden_layers', ['missing']),
    hf('numbers as strings', JSON.stringify({ ...llama, hidden_size: '4096' }), 'config.hidden_size', ['"4096"', 'an integer']),
    hf('num_hidden_layers 1e9', JSON.stringify({ ...llama, num_hidden_layers: 1e9 }), 'config.num_hidden_layers', ['1000000000']),
    hf('num_hidden_layers 1e308', JSON.stringify({ ...llama, num_hidden_layers: 1e308 }), 'config.num_hidden_layers', ['1e+308']),
    hf('missing keys', JSON.stringify({ model_type: 'llama' }), 'config.num_hidden_layers', ['missing']),
    hf('an array', '[1,2,3]', 'config', ['[1,2,3]', 'a JSON object']),
    hf('a key holding an array', JSON.stringify({ ...llama, hidden_size: [4096] }), 'config.hidden_size', ['[4096]']),
    hf('truncated JSON', '{"a":', 'config', ['JSON']),
    hf('sliding_window 1e308', JSON.stringify({ ...llama, sliding_window: 1e308 }), 'config.sliding_window', ['1e+308']),
    hf('sliding_window as an object', JSON.stringify({ ...llama, sliding_window: { size: 4096 } }), 'config.sliding_window', ['an integer']),
    hf('layer_types of the wrong length', JSON.stringify({ ...llama, sliding_window: 4096, layer_types: ['sliding_attention'] }), 'config.layer_types', ['1 entries', 'num_hidden_layers = 32']),
    hf('head_dim -1', JSON.stringify({ ...llama, head_dim: -1 }), 'config.head_dim', ['-1']),
    hf('MLA without v_head_dim', JSON.stringify({ ...llama, kv_lora_rank: 512, qk_nope_head_dim: 128, qk_rope_head_dim: 64 }), 'config.v_head_dim', ['kv_lora_rank']),
    hf('an MoE config with no MoE layer', JSON.stringify({ ...llama, num_local_experts: 8, first_k_dense_replace: 32 }), 'config.first_k_dense_replace', ['32', 'at least one']),
    hf('moe_layers as a string', JSON.stringify({ ...llama, num_local_experts: 8, moe_layers: '1,3' }), 'config.moe_layers', ['"1,3"', 'a list']),
    hf('mlp_only_layers holding a string', JSON.stringify({ ...llama, num_experts: 8, mlp_only_layers: ['0'] }), 'config.mlp_only_layers', ['"0"']),
    hf('sliding_window_pattern 0', JSON.stringify({ ...llama, sliding_window: 4096, sliding_window_pattern: 0 }), 'config.sliding_window_pattern', ['= 0']),
  ]);
});

describe('saved models, clusters and presets', () => {
  const CM = 'mutation($i: ModelInput!) { createModel(input: $i) { id } }';
  const CC = 'mutation($i: ClusterInput!) { createCluster(input: $i) { id } }';
  run([
    { name: 'createModel layers 2³¹ − 1', query: CM, variables: { i: { ...tiny, layers: 2147483647 } }, field: 'input.layers', says: ['2147483647'] },
    { name: 'createModel experts 2³¹ − 1', query: CM, variables: { i: { ...tiny, experts: 2147483647 } }, field: 'input.experts', says: ['2147483647'] },
    { name: 'createModel headDim 2³¹ − 1', query: CM, variables: { i: { ...tiny, headDim: 2147483647 } }, field: 'input.headDim', says: ['2147483647'] },
    { name: 'createModel slidingWindow −1', query: CM, variables: { i: { ...tiny, slidingWindow: -1 } }, field: 'input.slidingWindow', says: ['-1'] },
    { name: 'createModel slidingWindowLayers without a window', query: CM, variables: { i: { ...tiny, slidingWindowLayers: 1 } }, field: 'input.slidingWindowLayers', says: ['slidingWindow'] },
    { name: 'createModel latentAttention kvRank 0', query: CM, variables: { i: { ...tiny, latentAttention: { queryRank: 0, kvRank: 0, qkNopeHeadDim: 8, qkRopeHeadDim: 8, vHeadDim: 8 } } }, field: 'input.latentAttention.kvRank', says: ['= 0'] },
    { name: 'createModel latentAttention head widths 0 + 0', query: CM, variables: { i: { ...tiny, latentAttention: { queryRank: 0, kvRank: 8, qkNopeHeadDim: 0, qkRopeHeadDim: 0, vHeadDim: 8 } } }, field: 'input.latentAttention.qkNopeHeadDim', says: ['qkRopeHeadDim'] },
    { name: 'createModel denseLayers 2³¹ − 1 on an MoE model', query: CM, variables: { i: { ...tiny, experts: 4, expertsPerToken: 2, denseLayers: 2147483647 } }, field: 'input.denseLayers', says: ['2147483647'] },
    { name: 'createModel name of 10⁵ characters', query: CM, variables: { i: { ...tiny, name: 'x'.repeat(100_000) } }, field: 'input.name', says: ['200 characters'] },
    { name: 'createCluster nodes 2³¹ − 1', query: CC, variables: { i: { gpu: 'a100-80gb', gpusPerNode: 8, nodes: 2147483647 } }, field: 'input.nodes', says: ['2147483647'] },
    { name: 'createCluster gpuHourUsd 1e308', query: CC, variables: { i: { gpu: 'a100-80gb', gpusPerNode: 8, nodes: 1, gpuHourUsd: 1e308 } }, field: 'input.gpuHourUsd', says: ['1e+308'] },
    { name: 'createCluster unknown GPU', query: CC, variables: { i: { gpu: 'zz', gpusPerNode: 8, nodes: 1 } }, code: 'NOT_FOUND', field: 'input.gpu', says: ['"zz"', 'a100-80gb'] },
    { name: 'updateModel of a preset', query: 'mutation($i: ModelInput!) { updateModel(id: "gpt3-175b", input: $i) { id } }', variables: { i: tiny }, code: 'FORBIDDEN', field: 'id', says: ['"gpt3-175b"', 'read-only'] },
    { name: 'deleteModel of a preset', query: 'mutation { deleteModel(id: "gpt3-175b") }', code: 'FORBIDDEN', field: 'id', says: ['"gpt3-175b"'] },
    { name: 'deleteCluster of a preset', query: 'mutation { deleteCluster(id: "a100-80gb-x8") }', code: 'FORBIDDEN', field: 'id', says: ['"a100-80gb-x8"'] },
    { name: 'updateCluster of a preset', query: 'mutation($i: ClusterInput!) { updateCluster(id: "a100-80gb-x8", input: $i) { id } }', variables: { i: { gpu: 'a100-80gb', gpusPerNode: 8, nodes: 1 } }, code: 'FORBIDDEN', field: 'id', says: ['"a100-80gb-x8"'] },
    { name: 'deletePlan of an unknown id', query: 'mutation { deletePlan(id: "p_nope") }', code: 'NOT_FOUND', field: 'id', says: ['"p_nope"'] },
  ]);
});

describe('calculators', () => {
  const MTP = 'query($n: Int!, $z: Int!, $t: Int) { maxTrainableParameters(gpu: "v100-32gb", gpus: $n, zeroStage: $z, tensorParallel: $t) }';
  const MSM = 'query($p: Float!, $d: Int!) { modelStateMemory(parameters: $p, dataParallel: $d) { totalBytes } }';
  const CO = 'query($c: Float!, $l: ScalingLaw) { computeOptimal(computeFlops: $c, law: $l) { parameters } }';
  const EX = 'query($a: ExtrapolationInput) { extrapolation(assumptions: $a) { __typename } }';
  run([
    { name: 'maxTrainableParameters gpus 0', query: MTP, variables: { n: 0, z: 3 }, field: 'gpus', says: ['= 0'] },
    { name: 'maxTrainableParameters gpus 2³¹ − 1', query: MTP, variables: { n: 2147483647, z: 3 }, field: 'gpus', says: ['2147483647'] },
    { name: 'maxTrainableParameters zeroStage 9', query: MTP, variables: { n: 8, z: 9 }, field: 'zeroStage', says: ['[0, 3]'] },
    { name: 'maxTrainableParameters tensorParallel 3 on 8 GPUs', query: MTP, variables: { n: 8, z: 3, t: 3 }, field: 'gpus', says: ['multiple of tensorParallel'] },
    { name: 'modelStateMemory parameters -1', query: MSM, variables: { p: -1, d: 1 }, field: 'parameters', says: ['-1'] },
    { name: 'modelStateMemory parameters 1e308', query: MSM, variables: { p: 1e308, d: 1 }, field: 'parameters', says: ['1e+308'] },
    { name: 'modelStateMemory dataParallel 0', query: MSM, variables: { p: 1e9, d: 0 }, field: 'dataParallel', says: ['= 0'] },
    ...['KAPLAN', 'CHINCHILLA', 'CHINCHILLA_PARAMETRIC', 'EPOCH'].flatMap((law) =>
      [0, -1, 1e308, 5e-324].map((c): Case => ({ name: `computeOptimal ${law} ${c}`, query: CO, variables: { c, l: law }, field: 'computeFlops', says: [String(c), '[1, 1e40]'] })),
    ),
    ...['a100SpeedupOverV100', 'bytesPerToken', 'currentCostUsd', 'currentParameters', 'previousParameters'].flatMap((k) =>
      [0, -1, 1e308].map((v): Case => ({ name: `extrapolation ${k} ${v}`, query: EX, variables: { a: { [k]: v } }, field: `assumptions.${k}`, says: [String(v)] })),
    ),
  ]);
  it('modelStateMemory of 0 parameters is 0 bytes at every stage (a value, not an error)', async () => {
    const r = await send(MSM, { p: 0, d: 8 });
    expect(r.errors).toBeUndefined();
    expect((r.data!.modelStateMemory as { totalBytes: number }[]).map((s) => s.totalBytes)).toEqual([0, 0, 0, 0]);
  });
});
