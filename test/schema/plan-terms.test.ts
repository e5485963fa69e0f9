/**
 * The core's newer outputs and inputs through GraphQL: the step time's terms, the MoE dispatch and pipeline-flush
 * options, group-limited routing on models, and planSearch carrying the memory inputs of recipes (issue 9).
 */
import { describe, expect, it } from 'vitest';
import { onlyError, post } from '../server/helpers.js';
import { useSharedTestApp } from '../server/tservers.js';

const t = useSharedTestApp();

type Term = { name: string; seconds: number; exposedSeconds: number; bytes: number; explanation: string };
type Assumption = { name: string; value: string; source: string; origin: string };
type PlanAnswer = {
  trainingPlan: {
    performance: {
      stepSeconds: number; computeSeconds: number; bubbleSeconds: number; optimizerSeconds: number; exposedCommunicationSeconds: number;
      hardwareTflopsPerGpu: number; terms: Term[];
    };
    communication: { tensorParallelBytes: number; pipelineParallelBytes: number; dataParallelBytes: number; expertParallelBytes: number };
    assumptions: Assumption[];
  };
};
const PLAN = `query($i: TrainingPlanInput!) { trainingPlan(input: $i) {
  performance { stepSeconds computeSeconds bubbleSeconds optimizerSeconds exposedCommunicationSeconds hardwareTflopsPerGpu
    terms { name seconds exposedSeconds bytes explanation } }
  communication { tensorParallelBytes pipelineParallelBytes dataParallelBytes expertParallelBytes }
  assumptions { name value source origin } } }`;
const termOf = (terms: Term[], name: string): Term => terms.find((x) => x.name === name)!;

/** GPT-3 175B on 1,024 A100 at TP 8, PP 8 (Narayanan et al. 2021 §5.1's layout). */
const gpt3 = { model: 'gpt3-175b', cluster: 'a100-80gb-x1024', globalBatchSize: 1536, tensorParallel: 8, pipelineParallel: 8, recompute: 'FULL' };

describe('TrainingPlan.performance.terms', () => {
  it('GPT-3 175B on 1,024 A100 (TP 8, PP 8, MEGATRON_LM_2021): 140 TFLOP/s (Narayanan et al. 2021 Table 1; tolerance 10 %), and the exposed seconds of the terms add up to stepSeconds', async () => {
    const r = await post<PlanAnswer>(t.app, { query: PLAN, variables: { i: { ...gpt3, recipe: 'MEGATRON_LM_2021' } } });
    expect(r.errors).toBeUndefined();
    const { performance: perf, communication } = r.data!.trainingPlan;
    expect(Math.abs(perf.hardwareTflopsPerGpu / 140 - 1)).toBeLessThanOrEqual(0.1);
    const terms = perf.terms;
    expect(terms.map((x) => x.name)).toEqual([
      'COMPUTE', 'PIPELINE_BUBBLE', 'TENSOR_PARALLEL', 'EXPERT_PARALLEL', 'EXPERT_HOST', 'CONTEXT_PARALLEL', 'PIPELINE_PARALLEL', 'DATA_PARALLEL', 'OFFLOAD', 'OPTIMIZER',
    ]);
    const sum = terms.reduce((acc, x) => acc + x.exposedSeconds, 0);
    expect(Math.abs(sum / perf.stepSeconds - 1)).toBeLessThan(1e-12);
    // The terms are the breakdown's parts: compute, bubble, optimizer, and the exposed communication in between.
    expect(termOf(terms, 'COMPUTE').exposedSeconds).toBe(perf.computeSeconds);
    expect(termOf(terms, 'PIPELINE_BUBBLE').exposedSeconds).toBe(perf.bubbleSeconds);
    expect(termOf(terms, 'OPTIMIZER').exposedSeconds).toBe(perf.optimizerSeconds);
    const communicationNames = ['TENSOR_PARALLEL', 'EXPERT_PARALLEL', 'CONTEXT_PARALLEL', 'PIPELINE_PARALLEL', 'DATA_PARALLEL', 'OFFLOAD'];
    const exposedCommunication = communicationNames.reduce((acc, n) => acc + termOf(terms, n).exposedSeconds, 0);
    expect(Math.abs(exposedCommunication / perf.exposedCommunicationSeconds - 1)).toBeLessThan(1e-12);
    expect(termOf(terms, 'TENSOR_PARALLEL').bytes).toBe(communication.tensorParallelBytes);
    expect(termOf(terms, 'PIPELINE_PARALLEL').bytes).toBe(communication.pipelineParallelBytes);
    expect(termOf(terms, 'DATA_PARALLEL').bytes).toBe(communication.dataParallelBytes);
    // TP 8 inside a node, PP 8 and DP 16 across nodes: each of these costs time on this layout; a dense model has no EP/CP.
    for (const n of ['COMPUTE', 'PIPELINE_BUBBLE', 'TENSOR_PARALLEL', 'PIPELINE_PARALLEL', 'DATA_PARALLEL', 'OPTIMIZER']) {
      expect(termOf(terms, n).seconds, n).toBeGreaterThan(0);
    }
    // Overlap can only hide time.
    for (const n of ['COMPUTE', 'PIPELINE_BUBBLE', 'TENSOR_PARALLEL', 'PIPELINE_PARALLEL', 'DATA_PARALLEL', 'OPTIMIZER']) {
      expect(termOf(terms, n).exposedSeconds, n).toBeLessThanOrEqual(termOf(terms, n).seconds * (1 + 1e-12));
    }
    expect(termOf(terms, 'EXPERT_PARALLEL').seconds).toBe(0);
    expect(termOf(terms, 'CONTEXT_PARALLEL').seconds).toBe(0);
  });
  it('each explanation names the quantities its term is computed from, and its source', async () => {
    const r = await post<PlanAnswer>(t.app, { query: PLAN, variables: { i: { ...gpt3, recipe: 'MEGATRON_LM_2021' } } });
    const terms = r.data!.trainingPlan.performance.terms;
    const quantities: Record<string, RegExp[]> = {
      COMPUTE: [/GEMM FLOPs/, /peak/, /element-wise bytes/, /HBM/, /× m/],
      PIPELINE_BUBBLE: [/\(p − 1\)\/v/, /m < p/, /Narayanan et al\. 2021/],
      TENSOR_PARALLEL: [/per layer/, /layers of the slowest stage/, /micro-batches/, /Shoeybi et al\. 2019/],
      // MEGATRON_LM_2021 waits on every transfer: 2·m·v of them plus the fill and drain.
      PIPELINE_PARALLEL: [/2·m·v/, /2·\(p − 1\)/, /p2p_communication/],
      DATA_PARALLEL: [/ZeRO-0/, /all-reduce/, /2Ψ/],
      OPTIMIZER: [/parameters/, /bytes/, /HBM bandwidth/],
    };
    for (const [name, patterns] of Object.entries(quantities)) {
      for (const pattern of patterns) expect(termOf(terms, name).explanation, name).toMatch(pattern);
    }
  });
});

describe('layout options: expertDispatch, pipelineFlushesPerStep; model expertGroups', () => {
  const deepseek = {
    model: 'deepseek-v3', clusterSpec: { gpu: 'h800', gpusPerNode: 8, nodes: 256 }, globalBatchSize: 15360, pipelineParallel: 16, expertParallel: 64, recipe: 'DEEPSEEK_V3',
  };
  it('DeepSeek-V3 on 2,048 H800: NODE_DEDUPLICATED (§3.2.2) sends each token over InfiniBand once per node, cutting the EP term; both options listed as the user set them', async () => {
    const ask = (options: object) => post<PlanAnswer>(t.app, { query: PLAN, variables: { i: { ...deepseek, options } } });
    const plain = await ask({ expertDispatch: 'ALL_TO_ALL' });
    const dedup = await ask({ expertDispatch: 'NODE_DEDUPLICATED', pipelineFlushesPerStep: 2 });
    expect(plain.errors).toBeUndefined();
    expect(dedup.errors).toBeUndefined();
    const ep = (a: typeof plain) => termOf(a.data!.trainingPlan.performance.terms, 'EXPERT_PARALLEL');
    expect(ep(plain).bytes).toBe(plain.data!.trainingPlan.communication.expertParallelBytes);
    expect(ep(dedup).seconds).toBeLessThan(ep(plain).seconds);
    // Two pipeline schedules per step: two fills and drains, so a larger bubble.
    const bubble = (a: typeof plain) => termOf(a.data!.trainingPlan.performance.terms, 'PIPELINE_BUBBLE').seconds;
    expect(bubble(dedup)).toBeGreaterThan(bubble(plain));
    const byName = (a: typeof plain) => new Map(a.data!.trainingPlan.assumptions.map((x) => [x.name, x]));
    expect(byName(dedup).get('options.expertDispatch')).toMatchObject({ value: 'NODE_DEDUPLICATED', origin: 'USER', source: 'set by the user' });
    expect(byName(dedup).get('options.pipelineFlushesPerStep')).toMatchObject({ value: '2', origin: 'USER' });
    // Left out: the recipe's value (DEEPSEEK_V3 dispatches as its report's §3.2.2 says), else the planner's default.
    const fromRecipe = byName(await post<PlanAnswer>(t.app, { query: PLAN, variables: { i: deepseek } }));
    expect(fromRecipe.get('options.expertDispatch')).toMatchObject({ value: 'NODE_DEDUPLICATED', origin: 'RECIPE' });
    expect(fromRecipe.get('options.expertDispatch')!.source).toMatch(/§3\.2\.2/);
    const { recipe: _recipe, ...withoutRecipe } = deepseek;
    const defaults = byName(await post<PlanAnswer>(t.app, { query: PLAN, variables: { i: withoutRecipe } }));
    expect(defaults.get('options.expertDispatch')).toMatchObject({ value: 'ALL_TO_ALL', origin: 'DEFAULT' });
    expect(defaults.get('options.expertDispatch')!.source).toMatch(/all-to-all/);
    expect(defaults.get('options.pipelineFlushesPerStep')).toMatchObject({ value: '1', origin: 'DEFAULT' });
    expect(defaults.get('options.pipelineFlushesPerStep')!.source).toMatch(/Narayanan et al\. 2021/);
  });
  it('bad values are BAD_USER_INPUT naming the field, the value and what is allowed', async () => {
    const flushes = onlyError(await post(t.app, { query: PLAN, variables: { i: { ...gpt3, options: { pipelineFlushesPerStep: 5 } } } }));
    // 1,536 sequences over DP 16 at micro-batch 1: 96 micro-batches per pipeline, which 5 does not divide.
    expect(flushes.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.options.pipelineFlushesPerStep' });
    expect(flushes.message).toBe('input.options.pipelineFlushesPerStep = 5 is invalid: expected a positive integer dividing the micro-batches per step (96)');
    const zero = onlyError(await post(t.app, { query: PLAN, variables: { i: { ...gpt3, options: { pipelineFlushesPerStep: 0 } } } }));
    expect(zero.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.options.pipelineFlushesPerStep', allowed: 'an integer in [1, 100000]' });
    const dispatch = onlyError(await post(t.app, { query: PLAN, variables: { i: { ...gpt3, options: { expertDispatch: 'PLAIN' } } } }));
    expect(dispatch.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'i.options.expertDispatch' });
    expect(dispatch.message).toMatch(/"PLAIN".*ExpertDispatch/);
    const spec = {
      name: 'groups', layers: 4, hiddenSize: 1024, attentionHeads: 8, vocabSize: 32000, sequenceLength: 4096, gatedMlp: true,
      experts: 64, expertsPerToken: 8, expertGroups: 8, expertGroupsPerToken: 4,
    };
    const plan = (modelSpec: object) => post(t.app, { query: PLAN, variables: { i: { modelSpec, cluster: 'h100-sxm-x8', globalBatchSize: 8 } } });
    expect((await plan(spec)).errors).toBeUndefined();
    const cases: Array<[object, string, string]> = [
      [{ expertGroups: 7 }, 'input.modelSpec.expertGroups = 7', 'a divisor of experts (64)'],
      [{ expertGroupsPerToken: 9 }, 'input.modelSpec.expertGroupsPerToken = 9', 'an integer in [1, 8]'],
      // Groups of 64 / 8 = 8 experts: top-16 needs at least 2 of them.
      [{ expertsPerToken: 16, expertGroupsPerToken: 1 }, 'input.modelSpec.expertGroupsPerToken = 1', 'at least 2'],
      [{ expertGroupsPerToken: undefined }, 'input.modelSpec.expertGroups = 8', 'given together'],
      [{ experts: 1, expertsPerToken: 1 }, 'input.modelSpec.expertGroups = 8', 'MoE model'],
    ];
    for (const [change, named, allowed] of cases) {
      const error = onlyError(await plan({ ...spec, ...change }));
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain(named);
      expect(error.message).toContain(allowed);
    }
  });
  it('Model.expertGroups: DeepSeek-V3 routes each token to at most 4 of 8 groups (DeepSeek-V3 §2.1.2), V2 3 of 8 (V2 §2.2.2); dense models null', async () => {
    const Q = `{ v3: model(id: "deepseek-v3") { expertGroups expertGroupsPerToken } v2: model(id: "deepseek-v2") { expertGroups expertGroupsPerToken }
      gpt3: model(id: "gpt3-175b") { expertGroups expertGroupsPerToken } }`;
    const r = await post<Record<string, { expertGroups: number | null; expertGroupsPerToken: number | null }>>(t.app, { query: Q });
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({
      v3: { expertGroups: 8, expertGroupsPerToken: 4 },
      v2: { expertGroups: 8, expertGroupsPerToken: 3 },
      gpt3: { expertGroups: null, expertGroupsPerToken: null },
    });
  });
});

type SearchPlan = {
  fits: boolean;
  parallelism: {
    tensorParallel: number; pipelineParallel: number; dataParallel: number; expertParallel: number; zeroStage: number; recompute: string;
    recomputeLayers: number | null; pipelineInterleave: number; optimizerMomentPrecision: string; cheapRecompute: boolean; pipelineSchedule: string;
  };
  memory: { totalBytes: number; capacityBytes: number };
  performance: { modelTflopsPerGpu: number; stepSeconds: number; terms: Array<{ name: string; seconds: number; bytes: number }> };
  model: { flopsPerToken: number; flopsPerTokenCausal: number };
  assumptions: Assumption[];
};
type SearchAnswer = { planSearch: { feasible: number; stopReason: string; best: SearchPlan[] } };
const SEARCH = `query($i: PlanSearchInput!) { planSearch(input: $i) { feasible stopReason
  best { fits parallelism { tensorParallel pipelineParallel dataParallel expertParallel zeroStage recompute recomputeLayers pipelineInterleave optimizerMomentPrecision cheapRecompute pipelineSchedule }
    memory { totalBytes capacityBytes } performance { modelTflopsPerGpu stepSeconds terms { name seconds bytes } } model { flopsPerToken flopsPerTokenCausal }
    assumptions { name value source origin } } } }`;

describe('planSearch: the memory inputs of recipes (optimizerMomentPrecision, cheapRecompute, pipelineSchedule) and expertDispatch', () => {
  const deepseek = {
    model: 'deepseek-v3', clusterSpec: { gpu: 'h800', gpusPerNode: 8, nodes: 256 }, globalBatchSize: 15360, pipelineParallel: [16], expertParallel: [64], top: 3,
  };
  it('DeepSeek-V3 on 2,048 H800, recipe DEEPSEEK_V3, PP 16 EP 64: every candidate carries the recipe\'s BF16 moments, cheap recompute and DualPipe; the best fits; against 180K GPU-hours per trillion tokens (DeepSeek-V3 report §1) within 15 % (issue 9), on the fast side', async () => {
    const r = await post<SearchAnswer>(t.app, { query: SEARCH, variables: { i: { ...deepseek, recipe: 'DEEPSEEK_V3' } } });
    expect(r.errors).toBeUndefined();
    const { best, stopReason } = r.data!.planSearch;
    expect(stopReason).toBe('COMPLETE');
    expect(best.length).toBeGreaterThan(0);
    for (const plan of best) {
      expect(plan.fits).toBe(true);
      expect(plan.parallelism).toMatchObject({ pipelineParallel: 16, expertParallel: 64, optimizerMomentPrecision: 'BF16', cheapRecompute: true, pipelineSchedule: 'DUALPIPE' });
      const byName = new Map(plan.assumptions.map((a) => [a.name, a]));
      for (const name of ['optimizerMomentPrecision', 'cheapRecompute', 'pipelineSchedule']) {
        expect(byName.get(name)!.origin, name).toBe('RECIPE');
        expect(byName.get(name)!.source, name).toMatch(/DeepSeek-V3 report §3\.[23]/);
      }
    }
    // The published layout: no TP, PP 16, EP 64, DP 128 (§3.2).
    expect(best[0]!.parallelism).toMatchObject({ tensorParallel: 1, dataParallel: 128, zeroStage: 1 });
    expect(best[0]!.memory.totalBytes).toBeLessThanOrEqual(best[0]!.memory.capacityBytes);
    const stepsPerTrillion = 1e12 / (15360 * 4096);
    const gpuHoursPerTrillion = (stepsPerTrillion * best[0]!.performance.stepSeconds * 2048) / 3600;
    // The steady state matches DeepSeek's own profile (validation row deepseek-v3-profile-chunk-pair); what the run
    // spends beyond it (routing imbalance among others) is not modelled, so the figure stays on the fast side.
    expect(gpuHoursPerTrillion).toBeLessThan(180_000);
    expect(Math.abs(gpuHoursPerTrillion / 180_000 - 1)).toBeLessThanOrEqual(0.15);
  });
  it('the user\'s own values win over the recipe\'s (FP32 moments, stored outputs, 1F1B), and options.expertDispatch reaches every candidate', async () => {
    const own = { optimizerMomentPrecision: 'FP32', cheapRecompute: false, pipelineSchedule: 'ONE_F_ONE_B' };
    const r = await post<SearchAnswer>(t.app, { query: SEARCH, variables: { i: { ...deepseek, recipe: 'DEEPSEEK_V3', ...own } } });
    expect(r.errors).toBeUndefined();
    for (const plan of r.data!.planSearch.best) {
      expect(plan.parallelism).toMatchObject(own);
      expect(plan.assumptions.find((a) => a.name === 'pipelineSchedule')).toMatchObject({ origin: 'USER', source: 'set by the user' });
    }
    const pinned = { ...deepseek, recipe: 'DEEPSEEK_V3', tensorParallel: [1], top: 1 };
    const dedup = await post<SearchAnswer>(t.app, { query: SEARCH, variables: { i: pinned } });
    const plain = await post<SearchAnswer>(t.app, { query: SEARCH, variables: { i: { ...pinned, options: { expertDispatch: 'ALL_TO_ALL' } } } });
    const a = dedup.data!.planSearch.best[0]!;
    const b = plain.data!.planSearch.best[0]!;
    expect(a.assumptions.find((x) => x.name === 'options.expertDispatch')).toMatchObject({ value: 'NODE_DEDUPLICATED', origin: 'RECIPE' });
    expect(b.assumptions.find((x) => x.name === 'options.expertDispatch')).toMatchObject({ value: 'ALL_TO_ALL', origin: 'USER' });
    // Node-deduplicated dispatch sends fewer bytes over InfiniBand (more over NVLink), so its transfers take less time;
    // DualPipe hides either under the rank's compute on the 20 SMs it holds for the whole window, so the step is no
    // slower (and equal when both transfers fit the window, as here since the head's cross entropy is charged in full).
    const ep = (plan: typeof a) => plan.performance.terms.find((x) => x.name === 'EXPERT_PARALLEL')!;
    expect(ep(a).seconds).toBeLessThan(ep(b).seconds);
    expect(a.performance.stepSeconds).toBeLessThanOrEqual(b.performance.stepSeconds);
    // DualPipe needs an even PP without interleaving: the search keeps only those shapes.
    const odd = await post<SearchAnswer>(t.app, { query: SEARCH, variables: { i: { ...deepseek, pipelineParallel: [15, 16], recipe: 'DEEPSEEK_V3', top: 50 } } });
    expect(odd.data!.planSearch.best.every((p) => p.parallelism.pipelineParallel === 16)).toBe(true);
  });
});

type ScheduledPlan = {
  parallelism: { pipelineParallel: number; pipelineInterleave: number; pipelineSchedule: string };
  performance: { stepSeconds: number; computeSeconds: number; bubbleSeconds: number; exposedCommunicationSeconds: number; optimizerSeconds: number };
  memory: { totalBytes: number; capacityBytes: number };
  fits: boolean;
  assumptions: Assumption[];
};
type ScheduledAnswer = { planSearch: { candidates: number; best: ScheduledPlan[] } };
const SCHEDULED = `query($i: PlanSearchInput!) { planSearch(input: $i) { candidates
  best { fits parallelism { pipelineParallel pipelineInterleave pipelineSchedule }
    performance { stepSeconds computeSeconds bubbleSeconds exposedCommunicationSeconds optimizerSeconds } memory { totalBytes capacityBytes }
    assumptions { name value source origin } } } }`;

describe('planSearch pipelineSchedules: 1F1B and DualPipe searched side by side (DeepSeek-V3 report §3.2.1, Table 2)', () => {
  const deepseek = {
    model: 'deepseek-v3', clusterSpec: { gpu: 'h800', gpusPerNode: 8, nodes: 256 }, globalBatchSize: 15360, pipelineParallel: [16], expertParallel: [64],
    recipe: 'DEEPSEEK_V3', top: 3,
  };
  const search = async (input: object): Promise<ScheduledAnswer['planSearch']> => {
    const r = await post<ScheduledAnswer>(t.app, { query: SCHEDULED, variables: { i: input } });
    expect(r.errors).toBeUndefined();
    return r.data!.planSearch;
  };

  it('DeepSeek-V3 on 2,048 H800, recipe DEEPSEEK_V3, PP 16 / EP 64: with both schedules the best is DualPipe (origin SEARCH), the recipe\'s own answer, faster than the best 1F1B plan by its smaller bubble and hidden all-to-all', async () => {
    const both = await search({ ...deepseek, pipelineSchedules: ['ONE_F_ONE_B', 'DUALPIPE'] });
    const recipeOnly = await search(deepseek);
    const oneF = await search({ ...deepseek, pipelineSchedules: ['ONE_F_ONE_B'] });
    const best = both.best[0]!;
    expect(best.fits).toBe(true);
    expect(best.parallelism).toEqual({ pipelineParallel: 16, pipelineInterleave: 1, pipelineSchedule: 'DUALPIPE' });
    // The search picks the faster of the two: DualPipe's answer (the recipe's schedule), not 1F1B's.
    expect(best.performance).toEqual(recipeOnly.best[0]!.performance);
    expect(both.candidates).toBe(recipeOnly.candidates + oneF.candidates);
    const f = oneF.best[0]!.performance;
    const d = best.performance;
    expect(oneF.best[0]!.parallelism.pipelineSchedule).toBe('ONE_F_ONE_B');
    expect(d.stepSeconds).toBeLessThan(f.stepSeconds);
    // The gap is the step's own terms: a smaller bubble ((PP/2 − 1)(F&B + B − 3W) against (PP − 1)(F + B)) and the
    // all-to-all hidden under the paired chunk; nothing else changes.
    expect(d.bubbleSeconds).toBeLessThan(f.bubbleSeconds);
    expect(d.exposedCommunicationSeconds).toBeLessThan(f.exposedCommunicationSeconds);
    const terms = (p: typeof d) => p.computeSeconds + p.bubbleSeconds + p.exposedCommunicationSeconds + p.optimizerSeconds;
    expect(f.stepSeconds - d.stepSeconds).toBeCloseTo(terms(f) - terms(d), 9);
    // Origins: several schedules searched → SEARCH (not the recipe's); one → USER; the recipe's other inputs stay RECIPE.
    for (const plan of both.best) {
      const byName = new Map(plan.assumptions.map((a) => [a.name, a]));
      expect(byName.get('pipelineSchedule')).toMatchObject({ value: plan.parallelism.pipelineSchedule, origin: 'SEARCH', source: 'chosen by planSearch among the candidates' });
      expect(byName.get('optimizerMomentPrecision')!.origin).toBe('RECIPE');
    }
    expect(oneF.best[0]!.assumptions.find((a) => a.name === 'pipelineSchedule')).toMatchObject({ value: 'ONE_F_ONE_B', origin: 'USER' });
    expect(recipeOnly.best[0]!.assumptions.find((a) => a.name === 'pipelineSchedule')).toMatchObject({ value: 'DUALPIPE', origin: 'RECIPE' });
  });

  it('with odd and even PP and interleaving allowed, DualPipe plans only have an even PP and no interleaving', async () => {
    const r = await search({ ...deepseek, pipelineParallel: [15, 16], pipelineSchedules: ['ONE_F_ONE_B', 'DUALPIPE'], top: 50 });
    const dual = r.best.filter((p) => p.parallelism.pipelineSchedule === 'DUALPIPE');
    expect(dual.length).toBeGreaterThan(0);
    for (const p of dual) expect(p.parallelism).toMatchObject({ pipelineParallel: 16, pipelineInterleave: 1 });
  });

  it('bad values: BAD_USER_INPUT naming input.pipelineSchedules, the value and what is allowed', async () => {
    const gpt3Search = { model: 'gpt3-175b', cluster: 'a100-80gb-x1024', globalBatchSize: 1536, pipelineParallel: [8] };
    const empty = onlyError(await post(t.app, { query: SCHEDULED, variables: { i: { ...gpt3Search, pipelineSchedules: [] } } }));
    expect(empty.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.pipelineSchedules' });
    expect(empty.message).toMatch(/input\.pipelineSchedules = .* is invalid: expected a non-empty list of pipeline schedules/);
    const twice = onlyError(
      await post(t.app, { query: SCHEDULED, variables: { i: { ...gpt3Search, pipelineSchedule: 'DUALPIPE', pipelineSchedules: ['ONE_F_ONE_B', 'DUALPIPE'] } } }),
    );
    expect(twice.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.pipelineSchedules' });
    expect(twice.message).toMatch(/either pipelineSchedule \(one schedule, now DUALPIPE\) or pipelineSchedules \(the schedules to search\), not both/);
    // An unknown schedule is refused by GraphQL's own enum coercion, also as BAD_USER_INPUT naming the list entry.
    const unknown = onlyError(await post(t.app, { query: SCHEDULED, variables: { i: { ...gpt3Search, pipelineSchedules: ['ONE_F_ONE_B', 'ZB'] } } }));
    expect(unknown.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(unknown.message).toMatch(/pipelineSchedules\[1\].*"ZB" does not exist in "PipelineSchedule" enum/);
  });
});

/**
 * Issue 9: planSearch pinned to Llama 3 405B's published TP 8 / PP 16 / DP 128 on 16,384 H100 (400 TFLOP/s) and DP 64
 * on 8,192 (430 TFLOP/s) (Dubey et al. 2024, Table 4; 2,048 sequences of 8,192 both), asked with recipe
 * MEGATRON_CORE and with the validation suite's Llama 3 recipe (ZeRO-2, sequence parallel: src/core/validation/runs.ts
 * LLAMA3_LAYOUT). The figure is model TFLOP/s with causal attention FLOPs, the suite's convention for these rows.
 * Tolerance 10 % (issue 9).
 */
describe('planSearch pinned to Llama 3 405B\'s published layouts (Dubey et al. 2024, Table 4; tolerance 10 %)', () => {
  const ask = async (gpus: number, dataParallel: number, recipe: object) => {
    const i = {
      model: 'llama3-405b', clusterSpec: { gpu: 'h100-sxm', gpusPerNode: 8, nodes: gpus / 8 }, globalBatchSize: 2048,
      tensorParallel: [8], pipelineParallel: [16], dataParallel: [dataParallel], top: 1, ...recipe,
    };
    const r = await post<SearchAnswer>(t.app, { query: SEARCH, variables: { i } });
    expect(r.errors).toBeUndefined();
    const best = r.data!.planSearch.best[0]!;
    expect(best.fits).toBe(true);
    return { best, causalTflops: (best.performance.modelTflopsPerGpu * best.model.flopsPerTokenCausal) / best.model.flopsPerToken };
  };
  const MEGATRON_CORE = { recipe: 'MEGATRON_CORE' };
  const SUITE = { zeroStages: [2], sequenceParallel: [true] };
  it('16,384 H100, recipe MEGATRON_CORE: within 10 % of 400 (ZeRO-1 with FP32 main gradients leaves full recompute as what fits)', async () => {
    const { best, causalTflops } = await ask(16384, 128, MEGATRON_CORE);
    expect(best.parallelism.recompute).toBe('FULL');
    expect(Math.abs(causalTflops / 400 - 1)).toBeLessThanOrEqual(0.1);
  });
  it('16,384 H100, the suite\'s recipe: within 10 % of 400, without recompute, as published', async () => {
    const { best, causalTflops } = await ask(16384, 128, SUITE);
    expect(best.parallelism.recompute).toBe('NONE');
    expect(Math.abs(causalTflops / 400 - 1)).toBeLessThanOrEqual(0.1);
  });
  // A known gap in session 10 (full recompute on every layer, the only MEGATRON_CORE layout that fit, read 10.4 % under
  // 430 after the Hopper refit); since session 11 the search also tries FULL on half of each virtual stage's layers
  // (Megatron-Core recompute_method block) and finds that one of the two layers of every virtual stage at v = 4 fits.
  it('8,192 H100, recipe MEGATRON_CORE: within 10 % of 430, recomputing one layer of each virtual stage', async () => {
    const { best, causalTflops } = await ask(8192, 64, MEGATRON_CORE);
    expect(best.parallelism).toMatchObject({ recompute: 'FULL', recomputeLayers: 1, pipelineInterleave: 4, zeroStage: 1 });
    expect(best.memory.totalBytes).toBeLessThanOrEqual(best.memory.capacityBytes);
    expect(Math.abs(causalTflops / 430 - 1)).toBeLessThanOrEqual(0.1);
  });
  // Known gap (fails today, reported): the suite's layout without recompute is estimated at 85.3 GB on DP 64 (ZeRO-2
  // shards over half the ranks), so the search falls back to recompute: since session 11 one layer of each virtual
  // stage at v = 4 (53.7 GB), 20.6 % under 430 (25 % with every layer recomputed: TP's collectives stay exposed under
  // the planner's defaults, and ZeRO-2 reduce-scatters every micro-batch). Remove `.fails` once the memory model fits the
  // published run.
  it.fails('8,192 H100, the suite\'s recipe: within 10 % of 430', async () => {
    const { causalTflops } = await ask(8192, 64, SUITE);
    expect(Math.abs(causalTflops / 430 - 1)).toBeLessThanOrEqual(0.1);
  });
});

/**
 * What planSearch ranks is what trainingPlan answers: the winner of the search above — an uneven (BALANCED) split of
 * Llama 3 405B's 126 layers over 16 × 4 virtual stages with one layer of each recomputed — asked back through
 * trainingPlan with its own parallelism gives the same step time and memory (the dashboard opens a search point this way).
 */
describe('planSearch → trainingPlan: an uneven split and partial recompute replay exactly', () => {
  const SEARCHED = `query($i: PlanSearchInput!) { planSearch(input: $i) { best { parallelism { tensorParallel pipelineParallel
    dataParallel microBatchSize pipelineInterleave pipelineStageLayers zeroStage recompute recomputeLayers sequenceParallel }
    performance { stepSeconds } memory { totalBytes } } } }`;
  const PLANNED = `query($i: TrainingPlanInput!) { trainingPlan(input: $i) { parallelism { pipelineStageLayers recomputeLayers }
    performance { stepSeconds } memory { totalBytes } } }`;
  type Layout = Record<string, unknown> & { pipelineStageLayers: number[] | null };
  type Searched = { planSearch: { best: { parallelism: Layout; performance: { stepSeconds: number }; memory: { totalBytes: number } }[] } };
  type Planned = { trainingPlan: { parallelism: { pipelineStageLayers: number[] | null; recomputeLayers: number | null }; performance: { stepSeconds: number }; memory: { totalBytes: number } } };
  it('Llama 3 405B on 8,192 H100 pinned to TP 8 / PP 16 / DP 64 (MEGATRON_CORE): same step seconds and bytes to 1e-12', async () => {
    const common = { model: 'llama3-405b', clusterSpec: { gpu: 'h100-sxm', gpusPerNode: 8, nodes: 1024 }, globalBatchSize: 2048, recipe: 'MEGATRON_CORE' };
    const searched = await post<Searched>(t.app, {
      query: SEARCHED,
      variables: { i: { ...common, tensorParallel: [8], pipelineParallel: [16], dataParallel: [64], top: 1 } },
    });
    expect(searched.errors).toBeUndefined();
    const best = searched.data!.planSearch.best[0]!;
    const split = best.parallelism.pipelineStageLayers!;
    // Uneven: 126 layers over 64 virtual stages, 1 or 2 each.
    expect(split).toHaveLength(16 * (best.parallelism.pipelineInterleave as number));
    expect(new Set(split).size).toBeGreaterThan(1);
    expect(split.reduce((a, b) => a + b, 0)).toBe(126);
    expect(best.parallelism.recomputeLayers).toBe(1);
    const planned = await post<Planned>(t.app, { query: PLANNED, variables: { i: { ...common, ...best.parallelism } } });
    expect(planned.errors).toBeUndefined();
    const plan = planned.data!.trainingPlan;
    expect(plan.parallelism.pipelineStageLayers).toEqual(split);
    expect(plan.parallelism.recomputeLayers).toBe(1);
    expect(plan.performance.stepSeconds / best.performance.stepSeconds - 1).toBeCloseTo(0, 12);
    expect(plan.memory.totalBytes).toBe(best.memory.totalBytes);
  });
});

/**
 * trainingPlan.recomputeLayers (Megatron-Core --recompute-method block --recompute-num-layers N): Llama 3 405B on 8,192
 * H100 with the published TP 8 / PP 16 / DP 64 (Dubey et al. 2024 Table 4: 430 TFLOP/s; tolerance 10 %, issue 9) and
 * MEGATRON_CORE, at v = 4 (two layers per virtual stage, the first and last stage one short, §3.3.2): no recompute
 * does not fit; recomputing one layer of each virtual stage does, at the published speed.
 */
describe('trainingPlan.recomputeLayers: Llama 3 405B on 8,192 H100 (Dubey et al. 2024 Table 4: 430 TFLOP/s; tolerance 10 %)', () => {
  const PARTIAL = `query($i: TrainingPlanInput!) { trainingPlan(input: $i) { fits parallelism { recompute recomputeLayers pipelineInterleave }
    memory { totalBytes capacityBytes } performance { modelTflopsPerGpu } model { flopsPerToken flopsPerTokenCausal } assumptions { name value origin } } }`;
  type Partial = { trainingPlan: { fits: boolean; parallelism: { recompute: string; recomputeLayers: number | null; pipelineInterleave: number };
    memory: { totalBytes: number; capacityBytes: number }; performance: { modelTflopsPerGpu: number }; model: { flopsPerToken: number; flopsPerTokenCausal: number };
    assumptions: { name: string; value: string; origin: string }[] } };
  const llama = {
    model: 'llama3-405b', clusterSpec: { gpu: 'h100-sxm', gpusPerNode: 8, nodes: 1024 }, globalBatchSize: 2048, tensorParallel: 8, pipelineParallel: 16,
    pipelineInterleave: 4, pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER', recipe: 'MEGATRON_CORE',
  };
  const ask = (i: object) => post<Partial>(t.app, { query: PARTIAL, variables: { i } });

  it('one layer of every virtual stage recomputed fits 80 GB and lands within 10 % of 430; no recompute does not fit', async () => {
    const partial = await ask({ ...llama, recompute: 'FULL', recomputeLayers: 1 });
    expect(partial.errors).toBeUndefined();
    const plan = partial.data!.trainingPlan;
    expect(plan.fits).toBe(true);
    expect(plan.parallelism).toEqual({ recompute: 'FULL', recomputeLayers: 1, pipelineInterleave: 4 });
    const causal = (plan.performance.modelTflopsPerGpu * plan.model.flopsPerTokenCausal) / plan.model.flopsPerToken;
    expect(Math.abs(causal / 430 - 1)).toBeLessThanOrEqual(0.1);
    const recompute = plan.assumptions.find((a) => a.name === 'recompute')!;
    expect(recompute).toMatchObject({ origin: 'USER' });
    expect(recompute.value).toMatch(/^FULL on the first 1 layer of each virtual pipeline stage/);
    const none = (await ask({ ...llama, recompute: 'NONE' })).data!.trainingPlan;
    expect(none.fits).toBe(false);
    expect(none.memory.totalBytes).toBeGreaterThan(plan.memory.totalBytes);
    // Two of two is FULL itself: the layout drops the count.
    expect((await ask({ ...llama, recompute: 'FULL', recomputeLayers: 2 })).data!.trainingPlan.parallelism.recomputeLayers).toBeNull();
  });

  it('refuses a count without FULL recompute or out of range, naming the field', async () => {
    for (const [i, message] of [
      [{ ...llama, recompute: 'SELECTIVE', recomputeLayers: 1 }, /absent unless recompute = FULL \(now SELECTIVE\)/],
      [{ ...llama, recompute: 'FULL', recomputeLayers: 0 }, /an integer from 1 to 126/],
      [{ ...llama, recompute: 'FULL', recomputeLayers: 127 }, /an integer from 1 to 126/],
    ] as const) {
      const error = onlyError(await ask(i));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.recomputeLayers' });
      expect(error.message).toMatch(message);
    }
  });
});

/** DeepSeek-V3's published layout on 2,048 H800 with its recipe (DeepSeek-V3 report §3.1–3.2). */
const DEEPSEEK_PLAN = {
  model: 'deepseek-v3', clusterSpec: { gpu: 'h800', gpusPerNode: 8, nodes: 256 }, globalBatchSize: 15360, pipelineParallel: 16, expertParallel: 64,
  pipelineLayerSplit: 'FIRST_LAST_ONE_FEWER', recipe: 'DEEPSEEK_V3',
};
const askPlan = (i: object) => post<PlanAnswer>(t.app, { query: PLAN, variables: { i } });

describe('DeepSeek-V3 step-time inputs: options.communicationStreamingMultiprocessors, Model.multiTokenPredictionDepth', () => {
  const deepseek = DEEPSEEK_PLAN;
  const ask = askPlan;
  it('the DEEPSEEK_V3 recipe reserves 20 of the H800\'s 132 SMs for the all-to-all (§3.2.2), listed with its source; more SMs for communication leave less for compute', async () => {
    const recipe = await ask(deepseek);
    expect(recipe.errors).toBeUndefined();
    const sms = recipe.data!.trainingPlan.assumptions.find((a) => a.name === 'options.communicationStreamingMultiprocessors')!;
    expect(sms).toMatchObject({ value: '20', origin: 'RECIPE' });
    expect(sms.source).toMatch(/§3\.2\.2/);
    const more = await ask({ ...deepseek, options: { communicationStreamingMultiprocessors: 66 } });
    expect(more.errors).toBeUndefined();
    const ep = (a: typeof recipe) => termOf(a.data!.trainingPlan.performance.terms, 'EXPERT_PARALLEL').exposedSeconds;
    // Half the SMs held: the compute beside the all-to-all runs on 66 of 132 instead of 112 (exposed share 1/2 vs 20/132).
    expect(ep(more)).toBeGreaterThan(ep(recipe));
  });
  it('an SM count the GPU does not have is BAD_USER_INPUT naming the field, the value and what is allowed', async () => {
    const tooMany = onlyError(await ask({ ...deepseek, options: { communicationStreamingMultiprocessors: 132 } }));
    expect(tooMany.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(tooMany.extensions!.field).toMatch(/communicationStreamingMultiprocessors/);
    expect(tooMany.message).toMatch(/132/);
    const zero = onlyError(await ask({ ...deepseek, options: { communicationStreamingMultiprocessors: 0 } }));
    expect(zero.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.options.communicationStreamingMultiprocessors' });
  });
  it('deepseek-v3 trains one MTP module (DeepSeek-V3 §2.2, D = 1); a modelSpec may set 0–16 and nothing else', async () => {
    const r = await post<{ model: { multiTokenPredictionDepth: number } }>(t.app, { query: '{ model(id: "deepseek-v3") { multiTokenPredictionDepth } }' });
    expect(r.data!.model.multiTokenPredictionDepth).toBe(1);
    const spec = {
      name: 'mtp-test', layers: 4, hiddenSize: 1024, attentionHeads: 8, vocabSize: 32_000, sequenceLength: 2048, gatedMlp: true, ffnHiddenSize: 2816,
    };
    const plan = (depth: number) => ask({ modelSpec: { ...spec, multiTokenPredictionDepth: depth }, cluster: 'a100-80gb-x8', globalBatchSize: 8 });
    const [none, one] = await Promise.all([plan(0), plan(1)]);
    expect(none.errors).toBeUndefined();
    expect(one.errors).toBeUndefined();
    expect(one.data!.trainingPlan.performance.stepSeconds).toBeGreaterThan(none.data!.trainingPlan.performance.stepSeconds);
    const bad = onlyError(await plan(17));
    expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(bad.extensions!.field).toMatch(/multiTokenPredictionDepth/);
  });
});

describe('options.expertLoadImbalance (the busiest EP rank\'s routed tokens over the mean)', () => {
  const deepseek = DEEPSEEK_PLAN;
  const ask = askPlan;
  it('defaults to 1 (balanced) with its source, and 1.25 makes the all-to-all 1.25 × as long and the step slower, listed as USER', async () => {
    const base = (await ask(deepseek)).data!.trainingPlan;
    const skewed = (await ask({ ...deepseek, options: { expertLoadImbalance: 1.25 } })).data!.trainingPlan;
    expect(base.assumptions.find((a) => a.name === 'options.expertLoadImbalance')).toMatchObject({ value: '1', origin: 'DEFAULT' });
    expect(skewed.assumptions.find((a) => a.name === 'options.expertLoadImbalance')).toMatchObject({ value: '1.25', origin: 'USER' });
    const ep = (p: typeof base) => termOf(p.performance.terms, 'EXPERT_PARALLEL');
    expect(ep(skewed).seconds / ep(base).seconds).toBeCloseTo(1.25, 9);
    expect(skewed.communication.expertParallelBytes).toBe(base.communication.expertParallelBytes);
    expect(skewed.performance.stepSeconds).toBeGreaterThan(base.performance.stepSeconds);
  });
  it('below 1 or above 16 is BAD_USER_INPUT naming the field and the value', async () => {
    for (const bad of [0.5, 17]) {
      const e = onlyError(await ask({ ...deepseek, options: { expertLoadImbalance: bad } }));
      expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.options.expertLoadImbalance' });
      expect(e.message).toContain(String(bad));
    }
  });
});

/**
 * MEGATRON_CORE in FP8 caches the GEMM inputs in FP8 (Transformer Engine's Linear saves its FP8 cast for the backward):
 * NeMo 24.09's GPT-3 175B on 512 H100 (TP 4, PP 8, v 6, micro-batch 2, no recompute) fits as published.
 */
describe('MEGATRON_CORE with FP8: Transformer Engine\'s FP8 caching in trainingPlan and planSearch', () => {
  const nemo = {
    model: 'gpt3-175b', clusterSpec: { gpu: 'h100-sxm', gpusPerNode: 8, nodes: 64 }, globalBatchSize: 2048, microBatchSize: 2,
    tensorParallel: 4, pipelineParallel: 8, pipelineInterleave: 6, recompute: 'NONE', precision: 'FP8', recipe: 'MEGATRON_CORE',
  };
  it('trainingPlan: activationStorage is RECIPE with its source (the fit is pinned in test/core/published-memory.test.ts); BF16 stays 16-bit', async () => {
    const r = await askPlan(nemo);
    expect(r.errors).toBeUndefined();
    const a = r.data!.trainingPlan.assumptions.find((x) => x.name === 'activationStorage')!;
    expect(a).toMatchObject({ value: 'FP8 GEMM inputs', origin: 'RECIPE' });
    expect(a.source).toMatch(/Transformer Engine/);
    const bf16 = await askPlan({ ...nemo, precision: 'BF16' });
    expect(bf16.data!.trainingPlan.assumptions.find((x) => x.name === 'activationStorage')).toMatchObject({ value: '16-bit', origin: 'DEFAULT' });
  });
  it('planSearch pinned to it carries the same caching', async () => {
    const i = {
      model: 'gpt3-175b', clusterSpec: { gpu: 'h100-sxm', gpusPerNode: 8, nodes: 64 }, globalBatchSize: 2048, precision: 'FP8', recipe: 'MEGATRON_CORE',
      tensorParallel: [4], pipelineParallel: [8], top: 1,
    };
    const r = await post<SearchAnswer>(t.app, { query: SEARCH, variables: { i } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.planSearch.best[0]!.assumptions.find((x) => x.name === 'activationStorage')).toMatchObject({ value: 'FP8 GEMM inputs', origin: 'RECIPE' });
  });
});

/**
 * options.expertGemmLaunch: Megatron-Core launches each local expert's GEMMs from host split sizes (Transformer Engine
 * GroupedLinear), DeepSeek-V3 one grouped kernel. Megatron-Bridge's Qwen3 30B-A3B layout (16 H100, TP 1, EP 16).
 */
describe('options.expertGemmLaunch and expertHostSecondsPerOperation (host work of per-expert GEMM launches)', () => {
  const qwen = {
    model: 'qwen3-30b-a3b', clusterSpec: { gpu: 'h100-sxm', gpusPerNode: 8, nodes: 2 }, globalBatchSize: 1024, microBatchSize: 1,
    tensorParallel: 1, expertParallel: 16, precision: 'BF16', recompute: 'NONE',
  };
  const ask = askPlan;
  it('MEGATRON_CORE sets PER_EXPERT with its source; 8 local experts × 6 GEMMs × 49.5 µs per layer and micro-batch are the EXPERT_HOST term', async () => {
    const plain = (await ask(qwen)).data!.trainingPlan;
    const perExpert = (await ask({ ...qwen, options: { expertGemmLaunch: 'PER_EXPERT' } })).data!.trainingPlan;
    const core = (await ask({ ...qwen, recipe: 'MEGATRON_CORE' })).data!.trainingPlan;
    expect(plain.assumptions.find((a) => a.name === 'options.expertGemmLaunch')).toMatchObject({ value: 'GROUPED_KERNEL', origin: 'DEFAULT' });
    expect(perExpert.assumptions.find((a) => a.name === 'options.expertGemmLaunch')).toMatchObject({ value: 'PER_EXPERT', origin: 'USER' });
    const fromRecipe = core.assumptions.find((a) => a.name === 'options.expertGemmLaunch')!;
    expect(fromRecipe).toMatchObject({ value: 'PER_EXPERT', origin: 'RECIPE' });
    expect(fromRecipe.source).toMatch(/GroupedLinear/);
    expect(core.assumptions.find((a) => a.name === 'options.expertHostSecondsPerOperation')).toMatchObject({ value: '0.0000495', origin: 'DEFAULT' });
    // m = 1,024 / 16 micro-batches per step, 48 MoE layers on the one stage.
    const added = 64 * 48 * 8 * 6 * 49.5e-6;
    const host = (p: typeof plain) => termOf(p.performance.terms, 'EXPERT_HOST');
    const ep = (p: typeof plain) => termOf(p.performance.terms, 'EXPERT_PARALLEL');
    expect(host(perExpert).exposedSeconds).toBeCloseTo(added, 6);
    expect(host(plain).exposedSeconds).toBe(0);
    expect(ep(perExpert).exposedSeconds).toBeCloseTo(ep(plain).exposedSeconds, 9);
    expect(perExpert.performance.stepSeconds - plain.performance.stepSeconds).toBeCloseTo(added, 6);
    expect(host(perExpert).explanation).toMatch(/GroupedLinear/);
    const lighter = (await ask({ ...qwen, options: { expertGemmLaunch: 'PER_EXPERT', expertHostSecondsPerOperation: 0 } })).data!.trainingPlan;
    expect(lighter.performance.stepSeconds).toBeCloseTo(plain.performance.stepSeconds, 9);
  });
  it('performance.expertHostSeconds carries that host work apart; over 20 % of the step the plan says EXPERT_HOST_BOUND, not COMMUNICATION_BOUND', async () => {
    const HOST = `query($i: TrainingPlanInput!) { trainingPlan(input: $i) {
      performance { stepSeconds computeSeconds bubbleSeconds exposedCommunicationSeconds expertHostSeconds optimizerSeconds }
      diagnostics { severity code message } } }`;
    type Performance = { stepSeconds: number; computeSeconds: number; bubbleSeconds: number; exposedCommunicationSeconds: number; expertHostSeconds: number; optimizerSeconds: number };
    type HostAnswer = { trainingPlan: { performance: Performance;
      diagnostics: { severity: string; code: string; message: string }[] } };
    // HybridEP's node-deduplicated dispatch, as Megatron-Bridge's H100 config of this model runs it.
    const core = await post<HostAnswer>(t.app, { query: HOST, variables: { i: { ...qwen, recipe: 'MEGATRON_CORE', options: { expertDispatch: 'NODE_DEDUPLICATED' } } } });
    expect(core.errors).toBeUndefined();
    const plan = core.data!.trainingPlan;
    // The same 64 micro-batches × 48 MoE layers × 8 local experts × 6 GEMMs × 49.5 µs as above: 7.30 s.
    expect(plan.performance.expertHostSeconds).toBeCloseTo(64 * 48 * 8 * 6 * 49.5e-6, 6);
    // Apart from the exposed communication (transfers only): the five parts add up to the step.
    const { stepSeconds, computeSeconds, bubbleSeconds, exposedCommunicationSeconds, expertHostSeconds, optimizerSeconds } = plan.performance;
    expect(computeSeconds + bubbleSeconds + exposedCommunicationSeconds + expertHostSeconds + optimizerSeconds).toBeCloseTo(stepSeconds, 9);
    expect(exposedCommunicationSeconds).toBeLessThan(expertHostSeconds);
    const codes = plan.diagnostics.map((d) => d.code);
    expect(codes).toContain('EXPERT_HOST_BOUND');
    expect(codes).not.toContain('COMMUNICATION_BOUND');
    const d = plan.diagnostics.find((x) => x.code === 'EXPERT_HOST_BOUND')!;
    expect(d.severity).toBe('WARNING');
    expect(d.message).toContain(`${((plan.performance.expertHostSeconds / plan.performance.stepSeconds) * 100).toFixed(0)} % of the step`);
    expect(d.message).toContain('8 local experts');
    // With the plain all-to-all (the planner's dispatch) its two nodes' transfers dominate instead: the same 7.30 s of host
    // work is 16 % of a 45.4 s step, and the transfers' 47 % make it COMMUNICATION_BOUND.
    const allToAll = (await post<HostAnswer>(t.app, { query: HOST, variables: { i: { ...qwen, recipe: 'MEGATRON_CORE' } } })).data!.trainingPlan;
    expect(allToAll.performance.expertHostSeconds).toBeCloseTo(plan.performance.expertHostSeconds, 9);
    expect(allToAll.performance.expertHostSeconds / allToAll.performance.stepSeconds).toBeCloseTo(0.16, 2);
    expect(allToAll.diagnostics.map((x) => x.code)).toEqual(expect.arrayContaining(['COMMUNICATION_BOUND']));
    expect(allToAll.diagnostics.map((x) => x.code)).not.toContain('EXPERT_HOST_BOUND');
    const grouped = await post<HostAnswer>(t.app, { query: HOST, variables: { i: qwen } });
    expect(grouped.data!.trainingPlan.performance.expertHostSeconds).toBe(0);
    expect(grouped.data!.trainingPlan.diagnostics.map((x) => x.code)).not.toContain('EXPERT_HOST_BOUND');
  });
  it('a negative or over-0.01 host time is BAD_USER_INPUT naming the field and the value; an unknown launch is a GraphQL validation error', async () => {
    for (const bad of [-1e-6, 0.02]) {
      const e = onlyError(await ask({ ...qwen, options: { expertHostSecondsPerOperation: bad } }));
      expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.options.expertHostSecondsPerOperation' });
      expect(e.message).toContain(String(bad));
    }
    const e = onlyError(await ask({ ...qwen, options: { expertGemmLaunch: 'LOOPED' } }));
    expect(e.message).toMatch(/ExpertGemmLaunch/);
  });
});

/**
 * options.elementwiseKernels: torchtitan's model runs RoPE (fp32 complex multiply) and SwiGLU (silu, then multiply) as
 * eager operators unless compiled. Llama 2 13B as torchtitan's 2024 A100 table ran it: 64 A100, FSDP, micro-batch 2 ×
 * 4,096, batch 128, no checkpointing — published 2,162 tokens/s per GPU (pytorch/torchtitan docs/performance.md, 2024).
 */
/** Two answers asked together, both without errors. */
async function bothAnswered<T extends { errors?: unknown }>(a: Promise<T>, b: Promise<T>): Promise<[T, T]> {
  const answers = await Promise.all([a, b]);
  for (const answer of answers) expect(answer.errors).toBeUndefined();
  return answers;
}

/** The assumption of that name in a trainingPlan answer. */
function assumptionOf(answer: { data?: { trainingPlan: { assumptions: Assumption[] } } | null }, name: string): Assumption | undefined {
  return answer.data!.trainingPlan.assumptions.find((x) => x.name === name);
}

describe('options.elementwiseKernels (eager RoPE and SwiGLU)', () => {
  const TOKENS = `query($i: TrainingPlanInput!) { trainingPlan(input: $i) { performance { tokensPerSecond terms { name seconds } }
    assumptions { name value source origin } } }`;
  type Answer = { trainingPlan: { performance: { tokensPerSecond: number; terms: { name: string; seconds: number }[] }; assumptions: Assumption[] } };
  const llama13 = {
    model: 'llama2-13b', clusterSpec: { gpu: 'a100-80gb', gpusPerNode: 8, nodes: 8 }, globalBatchSize: 128, microBatchSize: 2,
    recompute: 'NONE', recipe: 'TORCHTITAN_FSDP2',
  };
  const ask = (i: object) => post<Answer>(t.app, { query: TOKENS, variables: { i } });
  it('TORCHTITAN_FSDP2 sets EAGER with its source; FUSED given by the user wins, 40 layers × 8,192 tokens × 493,568 B / (HBM × 0.8) faster; 2,162 tokens/s within 10 %', async () => {
    const [eager, fused] = await bothAnswered(ask(llama13), ask({ ...llama13, options: { elementwiseKernels: 'FUSED' } }));
    const entry = (a: typeof eager) => assumptionOf(a, 'options.elementwiseKernels');
    expect(entry(eager)).toMatchObject({ value: 'EAGER', origin: 'RECIPE' });
    expect(entry(eager)!.source).toMatch(/view_as_complex/);
    expect(entry(fused)).toMatchObject({ value: 'FUSED', origin: 'USER' });
    const compute = (a: typeof eager) => a.data!.trainingPlan.performance.terms.find((x) => x.name === 'COMPUTE')!.seconds;
    // Per token and layer: RoPE 16 B × (5,120 + 5,120) each way, SwiGLU (4 + 8) B × 13,824; A100 80GB HBM 2.039 TB/s × 0.8.
    expect(compute(eager) - compute(fused)).toBeCloseTo((40 * 8192 * (2 * 16 * 10_240 + 12 * 13_824)) / (2.039e12 * 0.8), 9);
    const perGpu = eager.data!.trainingPlan.performance.tokensPerSecond / 64;
    expect(Math.abs(perGpu / 2162 - 1)).toBeLessThanOrEqual(0.1);
  });
  it('an unknown value is a GraphQL validation error naming the enum', async () => {
    const e = onlyError(await ask({ ...llama13, options: { elementwiseKernels: 'COMPILED' } }));
    expect(e.message).toMatch(/ElementwiseKernels/);
  });
});

describe('options.expertGradientReducePrecision (the routed experts reduce at their own precision)', () => {
  // DeepSeek-V3 on 2,048 H800, PP 16 × DP 128 with EP 64: the experts are replicated over 2 ranks and reduce.
  const v3 = {
    model: 'deepseek-v3', clusterSpec: { gpu: 'h800', gpusPerNode: 8, nodes: 256 }, globalBatchSize: 15360, microBatchSize: 1,
    pipelineParallel: 16, expertParallel: 64, zeroStage: 1, gradientReducePrecision: 'FP32',
  };
  it('listed as DEFAULT (as the dense weights) and USER when given; BF16 experts move fewer DP bytes than FP32 ones; a bad value is a validation error', async () => {
    const [same, bf16] = await bothAnswered(askPlan(v3), askPlan({ ...v3, options: { expertGradientReducePrecision: 'BF16' } }));
    const entry = (a: typeof same) => assumptionOf(a, 'options.expertGradientReducePrecision');
    expect(entry(same)).toMatchObject({ value: 'as the dense weights', origin: 'DEFAULT' });
    expect(entry(bf16)).toMatchObject({ value: 'BF16', origin: 'USER' });
    const dpBytes = (a: typeof same) => termOf(a.data!.trainingPlan.performance.terms, 'DATA_PARALLEL').bytes;
    expect(dpBytes(bf16)).toBeLessThan(dpBytes(same));
    expect(dpBytes(same)).toBe(same.data!.trainingPlan.communication.dataParallelBytes);
    const e = onlyError(await askPlan({ ...v3, options: { expertGradientReducePrecision: 'FP64' } }));
    expect(e.message).toMatch(/GradientPrecision/);
  });
});

describe('groups that straddle NVL72 racks (gb200-x576: eight racks of 72)', () => {
  it("EP 16 is charged as its 8 | 8 split runs — the EP term of 8-GPU servers — and GROUPS_STRADDLE_NODES says so", async () => {
    const query = `query($i: TrainingPlanInput!) { trainingPlan(input: $i) {
      performance { terms { name seconds } } diagnostics { code message } } }`;
    type Answer = { trainingPlan: { performance: { terms: { name: string; seconds: number }[] }; diagnostics: { code: string; message: string }[] } };
    const layout = { model: 'qwen3-235b-a22b', globalBatchSize: 4608, microBatchSize: 1, pipelineParallel: 4, expertParallel: 16, expertTensorParallel: 1, precision: 'FP8', recompute: 'FULL' };
    const ask = async (where: object) => {
      const r = await post<Answer>(t.app, { query, variables: { i: { ...layout, ...where } } });
      expect(r.errors).toBeUndefined();
      return r.data!.trainingPlan;
    };
    const racks = await ask({ cluster: 'gb200-x576' });
    const servers = await ask({ clusterSpec: { gpu: 'gb200', gpusPerNode: 8, nodes: 72 } });
    const ep = (a: Answer['trainingPlan']) => a.performance.terms.find((x) => x.name === 'EXPERT_PARALLEL')!.seconds;
    expect(ep(racks) / ep(servers) - 1).toBeCloseTo(0, 9);
    const d = racks.diagnostics.find((x) => x.code === 'GROUPS_STRADDLE_NODES')!;
    expect(d.message).toContain('EP 16 groups span 16 consecutive GPUs (the slowest keeps 8 of them on one node)');
    expect(d.message).toContain('the model charges that group');
    expect(servers.diagnostics.map((x) => x.code)).not.toContain('GROUPS_STRADDLE_NODES');
  });
});

describe('options.fp8Scaling (per-tensor or block FP8 scales)', () => {
  // Qwen3 30B-A3B on 8 B200 in FP8 with per-expert launches (Megatron-Bridge's layout): 16 local experts, 48 MoE layers.
  const qwen = {
    model: 'qwen3-30b-a3b', clusterSpec: { gpu: 'b200', gpusPerNode: 8, nodes: 1 }, globalBatchSize: 512, microBatchSize: 4,
    tensorParallel: 1, expertParallel: 8, precision: 'FP8', recompute: 'NONE', recipe: 'MEGATRON_CORE',
  };
  it('DEFAULT PER_TENSOR and USER when given; BLOCK (MXFP8) takes the 4 casts of 10 operations out of EXPERT_HOST; a bad value is a validation error', async () => {
    const [perTensor, block] = await bothAnswered(askPlan(qwen), askPlan({ ...qwen, options: { fp8Scaling: 'BLOCK' } }));
    const entry = (a: typeof perTensor) => assumptionOf(a, 'options.fp8Scaling');
    expect(entry(perTensor)).toMatchObject({ value: 'PER_TENSOR', origin: 'DEFAULT' });
    expect(entry(block)).toMatchObject({ value: 'BLOCK', origin: 'USER' });
    const host = (a: typeof perTensor) => termOf(a.data!.trainingPlan.performance.terms, 'EXPERT_HOST').exposedSeconds;
    // 512 / 8 / 4 = 16 micro-batches × 48 layers × 16 local experts × 10 (per tensor) or 6 (block) × 49.5 µs.
    expect(host(perTensor)).toBeCloseTo(16 * 48 * 16 * 10 * 49.5e-6, 6);
    expect(host(block)).toBeCloseTo(16 * 48 * 16 * 6 * 49.5e-6, 6);
    const step = (a: typeof perTensor) => a.data!.trainingPlan.performance.stepSeconds;
    expect(step(perTensor) - step(block)).toBeCloseTo(host(perTensor) - host(block), 6);
    const e = onlyError(await askPlan({ ...qwen, options: { fp8Scaling: 'NVFP4' } }));
    expect(e.message).toMatch(/Fp8Scaling/);
  });
  it('EXPERT_HOST_BOUND names the FP8 casts and points to block scales under PER_TENSOR, not under BLOCK', async () => {
    const query = `query($i: TrainingPlanInput!) { trainingPlan(input: $i) { diagnostics { code message } } }`;
    type Answer = { trainingPlan: { diagnostics: { code: string; message: string }[] } };
    const hostBound = async (options: object) => {
      const r = await post<Answer>(t.app, { query, variables: { i: { ...qwen, microBatchSize: 1, options } } });
      expect(r.errors).toBeUndefined();
      return r.data!.trainingPlan.diagnostics.find((d) => d.code === 'EXPERT_HOST_BOUND')!.message;
    };
    const perTensor = await hostBound({});
    expect(perTensor).toContain('launches the GEMMs and FP8 casts of its 16 local experts');
    expect(perTensor).toContain('options.fp8Scaling BLOCK');
    const block = await hostBound({ fp8Scaling: 'BLOCK' });
    expect(block).toContain('launches the GEMMs of its 16 local experts');
    expect(block).not.toContain('fp8Scaling');
  });
});

describe('options.crossEntropyFusion (the output head\'s cross entropy)', () => {
  // Llama 3 8B on 16 H100, TP 2 (DP 8), 2 micro-batches a step: 525 M logits a micro-batch on each rank.
  const llama = {
    model: 'llama3-8b', clusterSpec: { gpu: 'h100-sxm', gpusPerNode: 8, nodes: 2 }, tensorParallel: 2, globalBatchSize: 16, microBatchSize: 1,
    precision: 'BF16', recompute: 'NONE',
  };
  it('listed as DEFAULT UNFUSED and USER when given; TE is (52 − 10) B per logit faster on the head\'s stage; a bad value is a validation error', async () => {
    const [unfused, te] = await bothAnswered(askPlan(llama), askPlan({ ...llama, options: { crossEntropyFusion: 'TE' } }));
    const entry = (a: typeof unfused) => assumptionOf(a, 'options.crossEntropyFusion');
    expect(entry(unfused)).toMatchObject({ value: 'UNFUSED', origin: 'DEFAULT' });
    expect(entry(te)).toMatchObject({ value: 'TE', origin: 'USER' });
    const compute = (a: typeof unfused) => termOf(a.data!.trainingPlan.performance.terms, 'COMPUTE').seconds;
    // 2 micro-batches × 8,192 tokens × 128,256 / 2 logits × 42 B / (H100 HBM 3.35 TB/s × Hopper's 0.75).
    expect(compute(unfused) - compute(te)).toBeCloseTo((2 * 8192 * (128_256 / 2) * 42) / (3.35e12 * 0.75), 9);
    const e = onlyError(await askPlan({ ...llama, options: { crossEntropyFusion: 'LIGER' } }));
    expect(e.message).toMatch(/CrossEntropyFusion/);
  });
});

describe('options.contextParallelCommunication (all-gather or ring context parallelism)', () => {
  // Llama 3 8B at 131,072 tokens on 8 H100, CP 8 (one 16K chunk a rank): the attention hides the ring.
  const long = {
    modelSpec: {
      name: 'Llama 3 8B at 128K', layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, ffnHiddenSize: 14_336, gatedMlp: true,
      vocabSize: 128_256, sequenceLength: 131_072,
    },
    clusterSpec: { gpu: 'h100-sxm', gpusPerNode: 8, nodes: 1 }, contextParallel: 8, globalBatchSize: 1, microBatchSize: 1,
    precision: 'BF16', recompute: 'NONE',
  };
  it('DEFAULT ALL_GATHER, RECIPE RING under MEGATRON_CORE, USER when given; the ring moves 1.5 × the bytes and hides most; a bad value is a validation error', async () => {
    const [gather, ring] = await bothAnswered(askPlan(long), askPlan({ ...long, options: { contextParallelCommunication: 'RING' } }));
    const recipe = await askPlan({ ...long, recipe: 'MEGATRON_CORE' });
    expect(recipe.errors).toBeUndefined();
    const entry = (a: typeof gather) => assumptionOf(a, 'options.contextParallelCommunication');
    expect(entry(gather)).toMatchObject({ value: 'ALL_GATHER', origin: 'DEFAULT' });
    expect(entry(ring)).toMatchObject({ value: 'RING', origin: 'USER' });
    expect(entry(recipe)).toMatchObject({ value: 'RING', origin: 'RECIPE' });
    const cp = (a: typeof gather) => termOf(a.data!.trainingPlan.performance.terms, 'CONTEXT_PARALLEL');
    expect(cp(ring).bytes).toBeCloseTo(1.5 * cp(gather).bytes, 0);
    expect(cp(gather).exposedSeconds).toBe(cp(gather).seconds);
    expect(cp(ring).exposedSeconds).toBeLessThan(0.2 * cp(ring).seconds);
    const e = onlyError(await askPlan({ ...long, options: { contextParallelCommunication: 'ALLTOALL' } }));
    expect(e.message).toMatch(/ContextParallelCommunication/);
  });
});

describe('options.reshardAfterForward (ZeRO-3 / FSDP2 reshard_after_forward)', () => {
  // Llama 3 8B on 16 H100 under TORCHTITAN_FSDP2 (ZeRO-3), 8 micro-batches per step.
  const fsdp = { model: 'llama3-8b', clusterSpec: { gpu: 'h100-sxm', gpusPerNode: 8, nodes: 2 }, globalBatchSize: 128, recipe: 'TORCHTITAN_FSDP2', recompute: 'FULL' };
  it('listed as DEFAULT true with its source, USER false when set; false moves 2 gathers + 1 reduce-scatter a micro-batch down to 1 + 1 and says so', async () => {
    const [base, kept] = await Promise.all([askPlan(fsdp), askPlan({ ...fsdp, options: { reshardAfterForward: false } })]);
    expect(base.errors).toBeUndefined();
    expect(kept.errors).toBeUndefined();
    const entry = (a: typeof base) => a.data!.trainingPlan.assumptions.find((x) => x.name === 'options.reshardAfterForward');
    expect(entry(base)).toMatchObject({ value: 'true', origin: 'DEFAULT' });
    expect(entry(base)!.source).toMatch(/reshard_after_forward=True/);
    expect(entry(kept)).toMatchObject({ value: 'false', origin: 'USER' });
    const dp = (a: typeof base) => termOf(a.data!.trainingPlan.performance.terms, 'DATA_PARALLEL');
    // TORCHTITAN_FSDP2 reduces in FP32 (4 B) and gathers BF16 (2 B): 2·2 + 4 = 8 B a parameter → 2 + 4 = 6 B.
    expect(dp(kept).bytes / dp(base).bytes).toBeCloseTo(6 / 8, 9);
    expect(dp(kept).explanation).toMatch(/kept from forward to backward/);
  });
  it('a non-boolean is refused by GraphQL naming the field', async () => {
    const e = onlyError(await askPlan({ ...fsdp, options: { reshardAfterForward: 'no' } }));
    expect(e.message).toMatch(/reshardAfterForward/);
  });
});

describe('pure BF16 optimizer states and the FP32 gradient reduce (Parallelism.masterWeights, gradientReducePrecision)', () => {
  const STATES = `query($i: TrainingPlanInput!) { trainingPlan(input: $i) {
    memory { optimizerStatesBytes } parallelism { masterWeights optimizerMomentPrecision gradientReducePrecision }
    communication { dataParallelBytes } assumptions { name value source origin } } }`;
  type States = {
    trainingPlan: {
      memory: { optimizerStatesBytes: number };
      parallelism: { masterWeights: boolean; optimizerMomentPrecision: string; gradientReducePrecision: string | null };
      communication: { dataParallelBytes: number };
      assumptions: { name: string; value: string; source: string; origin: string }[];
    };
  };
  // Llama 3 8B on 16 H100, ZeRO-3, 8 micro-batches per step; no recipe.
  const fsdp = { model: 'llama3-8b', clusterSpec: { gpu: 'h100-sxm', gpusPerNode: 8, nodes: 2 }, globalBatchSize: 128, zeroStage: 3, recompute: 'FULL' };
  const ask = (i: object) => post<States>(t.app, { query: STATES, variables: { i } });
  it('defaults listed with their sources; false + BF16 moments keep 4 of 12 B per parameter; the FP32 reduce moves 4/3 of the DP bytes', async () => {
    const [base, pure] = await Promise.all([ask(fsdp), ask({ ...fsdp, masterWeights: false, optimizerMomentPrecision: 'BF16', gradientReducePrecision: 'FP32' })]);
    expect(base.errors).toBeUndefined();
    expect(pure.errors).toBeUndefined();
    const b = base.data!.trainingPlan;
    const p = pure.data!.trainingPlan;
    expect(b.parallelism).toEqual({ masterWeights: true, optimizerMomentPrecision: 'FP32', gradientReducePrecision: null });
    expect(p.parallelism).toEqual({ masterWeights: false, optimizerMomentPrecision: 'BF16', gradientReducePrecision: 'FP32' });
    // ZeRO-3 shards the states over the 16 ranks in both: the ratio is K's, 4 / 12.
    expect(p.memory.optimizerStatesBytes / b.memory.optimizerStatesBytes).toBeCloseTo(4 / 12, 9);
    // 2 gathers at 2 B + 1 reduce-scatter at 2 B → at 4 B: 6 → 8 units.
    expect(p.communication.dataParallelBytes / b.communication.dataParallelBytes).toBeCloseTo(8 / 6, 9);
    const entry = (a: States['trainingPlan'], name: string) => a.assumptions.find((x) => x.name === name)!;
    expect(entry(b, 'masterWeights')).toMatchObject({ value: 'true', origin: 'DEFAULT' });
    expect(entry(b, 'masterWeights').source).toMatch(/ZeRO paper §3\.1/);
    expect(entry(p, 'masterWeights')).toMatchObject({ value: 'false', origin: 'USER' });
    expect(entry(p, 'gradientReducePrecision')).toMatchObject({ value: 'FP32 (4 B per element reduced)', origin: 'USER' });
    expect(entry(b, 'gradientReducePrecision')).toMatchObject({ value: 'as stored (2 B per element reduced)', origin: 'DEFAULT' });
    expect(entry(p, 'optimizerStates').value).toBe('ADAM');
    expect(entry(b, 'optimizerStates').value).toBe('ADAM with fp32 master weights');
    // ADAM is the contract default: omitted and given alike, it is the planner's default, not the user's.
    expect(entry(b, 'optimizerStates').origin).toBe('DEFAULT');
    expect(entry((await ask({ ...fsdp, optimizer: 'ADAMW' })).data!.trainingPlan, 'optimizerStates').origin).toBe('USER');
  });
  it('masterWeights false in FP32 training is BAD_USER_INPUT naming the field, the value and what is allowed', async () => {
    const e = onlyError(await ask({ ...fsdp, precision: 'FP32', masterWeights: false }));
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(e.message).toMatch(/masterWeights/);
    expect(e.message).toMatch(/false/);
    expect(e.message).toMatch(/FP32 training/);
  });
});
