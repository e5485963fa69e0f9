/**
 * Hostile and random variable sets for `trainingPlan` (fast-check): every answer is well-formed — HTTP 200/400,
 * JSON, either data or errors whose every entry has a message and a known extensions.code — and no unexpected
 * (masked INTERNAL_SERVER_ERROR) error ever appears. A few thousand runs, in-process.
 */
import fc from 'fast-check';
import { print } from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TrainingPlanDocument, TrainingPlanStagesDocument } from '../gql/graphql.js';
import { createTestApp, post, removeDir, type TestApp } from '../server/helpers.js';

let t: TestApp;
let savedModelId = '';
beforeAll(async () => {
  t = createTestApp();
  const created = await post<{ createModel: { id: string } }>(t.app, {
    query: 'mutation { createModel(input: {layers: 8, hiddenSize: 512, attentionHeads: 8, vocabSize: 32000, sequenceLength: 1024}) { id } }',
  });
  savedModelId = created.data!.createModel.id;
});
afterAll(async () => {
  await t.dispose();
  removeDir(t.dir);
});

const KNOWN_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'QUERY_TOO_COMPLEX', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST']);

/** Numbers a hostile client would try, plus ordinary ones. */
const hostileNumber = fc.oneof(
  fc.integer({ min: -4, max: 130 }),
  fc.constantFrom(0, -1, 1, 2, 3, 7, 8, 16, 64, 96, 128, 1024, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 53, 1e16, 1e30, 1e308, -1e308, 5e-324, 0.5, 1.5),
  fc.double({ noNaN: true }),
);
/** Anything JSON can carry where a number is expected (null, strings, objects, arrays). */
const hostileValue = fc.oneof(
  { weight: 6, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, '', '12', 'NaN', 'Infinity', [], {}, [1, 2], { $gt: 1 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);
const id = fc.oneof(
  fc.constantFrom('gpt3-175b', 'llama3-405b', 'mixtral-8x7b', 'gpt2-1.5b', 'a100-80gb-x1024', 'h100-sxm-x8', 'a100-80gb-x8', 'm_doesnotexist', '', 'GPT3-175B', '../etc/passwd', "'; DROP TABLE saved_items; --"),
  fc.string({ maxLength: 300 }),
);
const enumValue = (values: string[]) => fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 10 }), fc.constant(null), fc.integer()) });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

const modelSpec = fc.record(
  {
    name: maybe(fc.string({ maxLength: 250 })),
    layers: hostileValue, hiddenSize: hostileValue, attentionHeads: hostileValue, vocabSize: hostileValue, sequenceLength: hostileValue,
    kvHeads: maybe(hostileValue), ffnHiddenSize: maybe(hostileValue), gatedMlp: maybe(fc.oneof(fc.boolean(), hostileValue)),
    tiedEmbeddings: maybe(fc.boolean()), experts: maybe(hostileValue), expertsPerToken: maybe(hostileValue), sharedExperts: maybe(hostileValue),
    positionEmbedding: maybe(enumValue(['LEARNED', 'ROTARY', 'ALIBI', 'RELATIVE', 'NONE'])),
    headDim: maybe(hostileValue), slidingWindow: maybe(hostileValue), slidingWindowLayers: maybe(hostileValue),
    denseLayers: maybe(hostileValue), denseFfnHiddenSize: maybe(hostileValue),
    latentAttention: maybe(
      fc.record({ queryRank: hostileValue, kvRank: hostileValue, qkNopeHeadDim: hostileValue, qkRopeHeadDim: hostileValue, vHeadDim: hostileValue }, { requiredKeys: [] }),
    ),
  },
  { requiredKeys: [] },
);
/** Small but valid architectures, so that many runs reach the planner rather than stop at validation. */
const plausibleModelSpec = fc
  .record({ heads: fc.constantFrom(1, 2, 4, 8, 16, 32), headDim: fc.constantFrom(8, 64, 128), layers: fc.integer({ min: 1, max: 64 }), vocab: fc.integer({ min: 1, max: 200_000 }), seq: fc.constantFrom(1, 128, 2048, 131072), gated: fc.boolean(), experts: fc.constantFrom(1, 1, 8, 64) })
  .chain((r) =>
    fc
      .record({
        window: fc.constantFrom(undefined, undefined, 64, 4096),
        widerHeads: fc.boolean(),
        latent: fc.constantFrom(false, false, false, true),
        dense: fc.constantFrom(0, 0, 1),
      })
      .map((x) => ({
        layers: r.layers, hiddenSize: r.heads * r.headDim, attentionHeads: r.heads, vocabSize: r.vocab, sequenceLength: r.seq,
        gatedMlp: r.gated, experts: r.experts, expertsPerToken: r.experts > 1 ? 2 : 1,
        // The attention and MLP shapes of the third session: windows, wider heads, latent attention, dense MoE layers.
        ...(x.window === undefined ? {} : { slidingWindow: x.window }),
        ...(x.widerHeads && !x.latent ? { headDim: 2 * r.headDim } : {}),
        ...(x.latent ? { latentAttention: { queryRank: 0, kvRank: 32, qkNopeHeadDim: r.headDim, qkRopeHeadDim: 16, vHeadDim: r.headDim } } : {}),
        ...(r.experts > 1 && x.dense > 0 && r.layers > 1 ? { denseLayers: x.dense } : {}),
      })),
  );
const clusterSpec = fc.record(
  { gpu: fc.oneof(fc.constantFrom('a100-80gb', 'h100-sxm', 'v100-32gb', 'mi300x', 'b200', 'b300', 'gb200', 'gb300'), id), gpusPerNode: hostileValue, nodes: hostileValue, gpuHourUsd: maybe(hostileValue), pue: maybe(hostileValue), name: maybe(fc.string({ maxLength: 20 })) },
  { requiredKeys: ['gpu'] },
);

const input = fc.record(
  {
    model: fc.oneof(id, fc.constant(undefined), fc.constant('SAVED')),
    modelSpec: fc.oneof(fc.constant(undefined), modelSpec, plausibleModelSpec),
    cluster: fc.oneof(id, fc.constant(undefined)),
    clusterSpec: fc.oneof(fc.constant(undefined), clusterSpec),
    globalBatchSize: fc.oneof(hostileValue, fc.constantFrom(1, 8, 64, 512, 1536, 2048)),
    microBatchSize: maybe(hostileValue),
    trainingTokens: maybe(hostileValue),
    tensorParallel: maybe(fc.oneof(hostileValue, fc.constantFrom(1, 2, 4, 8))),
    pipelineParallel: maybe(fc.oneof(hostileValue, fc.constantFrom(1, 2, 4, 8))),
    dataParallel: maybe(hostileValue),
    expertParallel: maybe(hostileValue),
    zeroStage: maybe(fc.oneof(fc.integer({ min: -1, max: 4 }), hostileValue)),
    sequenceParallel: maybe(fc.oneof(fc.boolean(), hostileValue)),
    pipelineInterleave: maybe(hostileValue),
    recompute: maybe(enumValue(['NONE', 'SELECTIVE', 'FULL'])),
    precision: maybe(enumValue(['FP32', 'FP16', 'BF16', 'FP8'])),
    optimizer: maybe(enumValue(['ADAM', 'ADAMW', 'SGD_MOMENTUM', 'ADAFACTOR', 'ADAM_8BIT'])),
    offload: maybe(enumValue(['NONE', 'OPTIMIZER_CPU', 'OPTIMIZER_NVME', 'PARAMETERS_CPU', 'PARAMETERS_NVME'])),
    flashAttention: maybe(fc.boolean()),
    adapter: maybe(fc.record({ method: enumValue(['LORA', 'QLORA']), rank: hostileValue, targets: maybe(enumValue(['ATTENTION_QV', 'ATTENTION', 'ALL_LINEAR'])) }, { requiredKeys: [] })),
    options: maybe(fc.record({ memoryHeadroomFraction: maybe(hostileValue), frameworkOverheadBytes: maybe(hostileValue), computeEfficiencyOverride: maybe(hostileValue) }, { requiredKeys: [] })),
    unknownField: maybe(fc.string()),
  },
  { requiredKeys: [] },
);

/** Mostly-valid plans (a preset or a plausible spec on a real cluster, power-of-two layouts): these reach the planner. */
const plausibleInput = fc
  .record({
    model: fc.oneof(fc.constantFrom('gpt3-175b', 'gpt3-1.3b', 'llama2-7b', 'llama3-8b', 'mixtral-8x7b', 'SAVED').map((m) => ({ model: m })), plausibleModelSpec.map((m) => ({ modelSpec: m }))),
    cluster: fc.oneof(
      fc.constantFrom('a100-80gb-x8', 'a100-80gb-x1024', 'h100-sxm-x8', 'h100-sxm-x16384', 'b200-x8', 'b200-x256', 'b300-x8', 'gb200-x72', 'gb200-x576', 'gb300-x72', 'gb200-x256', 'gb300-x256').map((c) => ({ cluster: c })),
      fc.record({ gpu: fc.constantFrom('a100-80gb', 'h100-sxm', 'v100-32gb', 'mi300x'), gpusPerNode: fc.constantFrom(1, 2, 4, 8), nodes: fc.integer({ min: 1, max: 64 }) }).map((c) => ({ clusterSpec: c })),
    ),
    globalBatchSize: fc.constantFrom(8, 64, 256, 512, 1024, 1536, 2048, 4096),
    microBatchSize: fc.constantFrom(1, 1, 2, 4),
    tensorParallel: fc.constantFrom(1, 2, 4, 8),
    pipelineParallel: fc.constantFrom(1, 1, 2, 4, 8),
    zeroStage: fc.integer({ min: 0, max: 3 }),
    recompute: fc.constantFrom('NONE', 'SELECTIVE', 'FULL'),
    precision: fc.constantFrom('BF16', 'BF16', 'FP16', 'FP32', 'FP8'),
    optimizer: fc.constantFrom('ADAM', 'ADAMW', 'SGD_MOMENTUM', 'ADAFACTOR', 'ADAM_8BIT'),
    offload: fc.constantFrom('NONE', 'NONE', 'OPTIMIZER_CPU', 'PARAMETERS_NVME'),
    sequenceParallel: fc.boolean(),
    trainingTokens: fc.option(fc.constantFrom(1e9, 3e11, 1.5e13), { nil: undefined }),
    adapter: fc.option(fc.record({ method: fc.constantFrom('LORA', 'QLORA'), rank: fc.constantFrom(1, 8, 64), targets: fc.constantFrom('ATTENTION_QV', 'ATTENTION', 'ALL_LINEAR') }), { nil: undefined, freq: 3 }),
  })
  .map(({ model, cluster, ...rest }) => ({ ...model, ...cluster, ...rest }));

const queries = [print(TrainingPlanDocument), print(TrainingPlanStagesDocument)];
const stats = { data: 0, errors: 0 };

it('answers thousands of random and hostile trainingPlan variables with well-formed data or errors only', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(input, plausibleInput), fc.nat(1), fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), async (raw, which, asVariablesRoot) => {
      const variables = JSON.parse(JSON.stringify({ input: (raw as { model?: unknown }).model === 'SAVED' ? { ...raw, model: savedModelId } : raw }));
      // Also send a wrong variables root now and then (the input at the top level).
      const body = { query: queries[which], variables: asVariablesRoot ? variables : variables.input };
      const response = await post<{ trainingPlan: unknown }>(t.app, body);
      expect([200, 400]).toContain(response.status);
      if (response.errors === undefined) {
        expect(response.data?.trainingPlan).toBeTruthy();
        stats.data += 1;
        return;
      }
      stats.errors += 1;
      expect(response.errors.length).toBeGreaterThan(0);
      for (const error of response.errors) {
        expect(typeof error.message).toBe('string');
        expect(error.message.length).toBeGreaterThan(0);
        expect(KNOWN_CODES, `${error.extensions?.code}: ${error.message}`).toContain(error.extensions?.code);
      }
    }),
    { numRuns: 2_500, seed: 20261127 },
  );
  // The property only means something if both outcomes were exercised.
  console.log(`fuzz: ${stats.data} plans, ${stats.errors} error answers`);
  expect(stats.data).toBeGreaterThan(100);
  expect(stats.errors).toBeGreaterThan(800);
}, 120_000);

const HF_KEYS = [
  'num_hidden_layers', 'n_layer', 'hidden_size', 'n_embd', 'num_attention_heads', 'n_head', 'num_key_value_heads', 'intermediate_size',
  'n_inner', 'vocab_size', 'max_position_embeddings', 'n_positions', 'tie_word_embeddings', 'hidden_act', 'model_type',
  'num_local_experts', 'num_experts', 'num_experts_per_tok', 'moe_intermediate_size', 'shared_expert_intermediate_size',
  'n_shared_experts', 'attention_bias', 'text_config', '_name_or_path', 'architectures', '__proto__', 'constructor',
];
const hfValue = fc.oneof(hostileValue, fc.constantFrom(4096, 32, 8, 32000, 2048, 'llama', 'gpt2', 'silu', 'gelu', true, false), fc.array(fc.string(), { maxLength: 2 }));
/** Valid LLaMA- or GPT-2-style configs with one key possibly replaced by a hostile value. */
const plausibleHfConfig = fc
  .record({
    heads: fc.constantFrom(1, 4, 8, 32), headDim: fc.constantFrom(16, 64, 128), layers: fc.integer({ min: 1, max: 96 }), vocab: fc.integer({ min: 2, max: 256_000 }),
    gpt2: fc.boolean(), experts: fc.constantFrom(undefined, 8, 64), spoil: fc.option(fc.tuple(fc.constantFrom(...HF_KEYS), hfValue), { freq: 3, nil: undefined }),
  })
  .map(({ heads, headDim, layers, vocab, gpt2, experts, spoil }) => {
    const h = heads * headDim;
    const base: Record<string, unknown> = gpt2
      ? { model_type: 'gpt2', n_layer: layers, n_embd: h, n_head: heads, n_positions: 1024, vocab_size: vocab }
      : { model_type: 'llama', hidden_act: 'silu', num_hidden_layers: layers, hidden_size: h, num_attention_heads: heads, intermediate_size: 4 * h, vocab_size: vocab, max_position_embeddings: 4096, ...(experts ? { num_local_experts: experts, num_experts_per_tok: 2 } : {}) };
    if (spoil) base[spoil[0]] = spoil[1];
    return JSON.stringify(base);
  });
const hfConfig = fc.oneof(
  { weight: 6, arbitrary: plausibleHfConfig },
  { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...HF_KEYS), hfValue, { maxKeys: 14 }).map((o) => JSON.stringify(o)) },
  { weight: 1, arbitrary: fc.json() },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
);

it('answers hundreds of random and hostile config.json texts with a Model or a BAD_USER_INPUT naming the config', async () => {
  let models = 0;
  await fc.assert(
    fc.asyncProperty(hfConfig, async (config) => {
      const response = await post<{ modelFromHuggingFaceConfig: { parameters: number } }>(t.app, {
        query: 'query($c: String!) { modelFromHuggingFaceConfig(config: $c) { parameters flopsPerToken } }',
        variables: { c: config },
      });
      expect(response.status).toBe(200);
      if (response.errors === undefined) {
        expect(Number.isFinite(response.data!.modelFromHuggingFaceConfig.parameters)).toBe(true);
        models += 1;
        return;
      }
      const [error] = response.errors;
      expect(response.errors).toHaveLength(1);
      expect(error!.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error!.extensions?.field).toMatch(/^config/);
    }),
    { numRuns: 600, seed: 20261127 },
  );
  expect(models).toBeGreaterThan(100);
}, 60_000);
