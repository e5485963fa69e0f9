/**
 * Hostile-input sweep of every root field beyond trainingPlan, in-process (createApp + yoga.fetch, with the
 * simulation and search modules as in main.ts). Prints one line per request and, at the end, FINDINGS: any 5xx,
 * hang (> 5 s), error without extensions.code, masked INTERNAL_SERVER_ERROR, or BAD_USER_INPUT whose message does
 * not name the expected field (a heuristic: a few lines flag another field legitimately refused first).
 * Run: npx tsx scripts/hostile-audit.ts   (≈ 30 s; the regression cases live in test/schema/hostile.test.ts)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/server/app.js';
import { budgetModule } from '../src/server/budget-runner.js';
import { simulationModule } from '../src/server/simulation-module.js';
import { searchModule } from '../src/server/search-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'zp-audit-'));
const app = createApp({ databasePath: join(dir, 'a.db'), logging: 'silent' as any, modules: [simulationModule(), searchModule(), budgetModule()] });
const findings: string[] = [];
async function send(name: string, query: string, variables: any = {}, expectField?: string) {
  const ac = new AbortController();
  const t0 = Date.now();
  const p = Promise.resolve(app.yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query, variables }), signal: ac.signal })).then(async (r: Response) => ({ status: r.status, text: await r.text() }));
  const to = new Promise<null>((res) => setTimeout(() => res(null), 5000));
  const r = await Promise.race([p, to]);
  const ms = Date.now() - t0;
  if (!r) { findings.push(`${name}: HANG >5s`); ac.abort(); console.log(`HANG ${name}`); return; }
  let j: any; try { j = JSON.parse(r.text); } catch { findings.push(`${name}: non-JSON ${r.status}`); return; }
  const errs = j.errors ?? [];
  const notes: string[] = [];
  if (r.status >= 500) notes.push(`HTTP ${r.status}`);
  for (const e of errs) {
    const c = e.extensions?.code;
    if (!c) notes.push(`no code: ${e.message}`);
    else if (c === 'INTERNAL_SERVER_ERROR') notes.push(`INTERNAL`);
    else if (c === 'BAD_USER_INPUT' && expectField && !e.message.includes(expectField.split('.').pop()!)) notes.push(`field not named (${expectField}): ${e.message}`);
  }
  const summary = errs.length ? errs.map((e: any) => `[${e.extensions?.code}] ${e.message.slice(0, 160)}`).join(' | ') : `DATA ${JSON.stringify(j.data).slice(0, 160)}`;
  console.log(`${notes.length ? '!!' : '  '} ${name} (${ms}ms): ${summary}`);
  if (notes.length) findings.push(`${name}: ${notes.join('; ')}`);
  if (ms > 3000) findings.push(`${name}: slow ${ms}ms`);
  return j;
}
const PS = `query($i: PlanSearchInput!){ planSearch(input:$i){ evaluated stopReason truncated ranked { gpus timeSeconds } } }`;
const base = { model: 'gpt2-1.5b', cluster: 'a100-80gb-x8', globalBatchSize: 64 };
const tiny = { layers: 2, hiddenSize: 64, attentionHeads: 2, vocabSize: 100, sequenceLength: 16 };
await send('ps top -1', PS, { i: { ...base, top: -1 } }, 'top');
await send('ps top 1e9', PS, { i: { ...base, top: 1e9 } }, 'top');
await send('ps top 2^31-1', PS, { i: { ...base, top: 2147483647 } }, 'top');
await send('ps tl 0', PS, { i: { ...base, timeLimitSeconds: 0 } }, 'timeLimitSeconds');
await send('ps tl 1e-300', PS, { i: { ...base, timeLimitSeconds: 1e-300 } }, 'timeLimitSeconds');
await send('ps tl 1e308', PS, { i: { ...base, timeLimitSeconds: 1e308 } }, 'timeLimitSeconds');
await send('ps tl -1', PS, { i: { ...base, timeLimitSeconds: -1 } }, 'timeLimitSeconds');
await send('ps tl NaN', PS, { i: { ...base, timeLimitSeconds: 'NaN' } }, 'timeLimitSeconds');
await send('ps tl Infinity', PS, { i: { ...base, timeLimitSeconds: 'Infinity' } }, 'timeLimitSeconds');
await send('ps gpuBudget 0', PS, { i: { ...base, gpuBudget: 0 } }, 'gpuBudget');
await send('ps gpuBudget -5', PS, { i: { ...base, gpuBudget: -5 } }, 'gpuBudget');
await send('ps gpuBudget 1e6 on 8', PS, { i: { ...base, gpuBudget: 1000000 } }, 'gpuBudget');
await send('ps budgetUsd -1', PS, { i: { ...base, budgetUsd: -1, trainingTokens: 1e9 } }, 'budgetUsd');
await send('ps budgetUsd 0', PS, { i: { ...base, budgetUsd: 0, trainingTokens: 1e9 } }, 'budgetUsd');
await send('ps budgetUsd 1e308', PS, { i: { ...base, budgetUsd: 1e308, trainingTokens: 1e9 } }, 'budgetUsd');
await send('ps maxPareto -1', PS, { i: { ...base, maxPareto: -1 } }, 'maxPareto');
await send('ps maxPareto 1e9', PS, { i: { ...base, maxPareto: 1e9 } }, 'maxPareto');
await send('ps memHeadroom 2', PS, { i: { ...base, memoryHeadroomFraction: 2 } }, 'memoryHeadroomFraction');
await send('ps memHeadroom -1', PS, { i: { ...base, memoryHeadroomFraction: -1 } }, 'memoryHeadroomFraction');
await send('ps trainingTokens -1', PS, { i: { ...base, trainingTokens: -1 } }, 'trainingTokens');
await send('ps trainingTokens 1e308', PS, { i: { ...base, trainingTokens: 1e308 } }, 'trainingTokens');
await send('ps gbs 0', PS, { i: { ...base, globalBatchSize: 0 } }, 'globalBatchSize');
await send('ps gbs 2^31-1', PS, { i: { ...base, globalBatchSize: 2147483647 } }, 'globalBatchSize');
const big = Array.from({ length: 1000 }, (_, k) => k + 1);
await send('ps huge TP list', PS, { i: { ...base, tensorParallel: big } }, 'tensorParallel');
await send('ps huge lists everywhere', PS, { i: { model: 'gpt3-175b', cluster: 'h100-sxm-x16384', globalBatchSize: 2048, tensorParallel: big, pipelineParallel: big, dataParallel: big, microBatchSizes: big, globalBatchSizes: big, zeroStages: [0, 1, 2, 3], pipelineInterleaves: big, timeLimitSeconds: 2 } }, 'x');
await send('ps huge space big cluster', PS, { i: { model: 'llama3-405b', cluster: 'h100-sxm-x16384', globalBatchSize: 2048, timeLimitSeconds: 1 } });
await send('ps negative lists', PS, { i: { ...base, tensorParallel: [-1, 0], microBatchSizes: [0], zeroStages: [7], pipelineInterleaves: [-3], expertParallel: [0], dataParallel: [-8] } }, 'tensorParallel');
await send('ps gbs list 0', PS, { i: { ...base, globalBatchSizes: [0, -1, 2147483647] } }, 'globalBatchSizes');
await send('ps empty lists', PS, { i: { ...base, tensorParallel: [], recomputeModes: [], offloads: [] } });
await send('ps both model', PS, { i: { ...base, modelSpec: tiny } });
await send('ps tiny spec on huge cluster', PS, { i: { modelSpec: tiny, cluster: 'h100-sxm-x16384', globalBatchSize: 1 } });
await send('ps unknown model', PS, { i: { ...base, model: 'nope' } });
await send('ps clusterSpec huge', PS, { i: { model: 'gpt2-1.5b', clusterSpec: { gpu: 'h100-sxm', gpusPerNode: 1024, nodes: 1000000 }, globalBatchSize: 64, timeLimitSeconds: 1 } }, 'nodes');
await send('ps clusterSpec 1024x976', PS, { i: { model: 'gpt2-1.5b', clusterSpec: { gpu: 'h100-sxm', gpusPerNode: 1024, nodes: 976 }, globalBatchSize: 2147483647, timeLimitSeconds: 1 } });

const range = (n: number, f = (k: number) => k + 1) => Array.from({ length: n }, (_, k) => f(k));
await send('ps huge space tl 1 (listing must stop at the limit)', PS, { i: { modelSpec: { layers: 128, hiddenSize: 1024, attentionHeads: 64, vocabSize: 1000, sequenceLength: 8, experts: 64, expertsPerToken: 2 }, clusterSpec: { gpu: 'h100-sxm', gpusPerNode: 1024, nodes: 976 }, globalBatchSize: 1048576, globalBatchSizes: range(100, (k) => 1048576 - 1024 * k), microBatchSizes: range(512), gpuBudgetMode: 'UP_TO', allowTensorParallelAcrossNodes: true, timeLimitSeconds: 1 } });
await send('ps moe everything tl 1', PS, { i: { model: 'mixtral-8x7b', clusterSpec: { gpu: 'h100-sxm', gpusPerNode: 8, nodes: 125000 }, globalBatchSize: 65536, globalBatchSizes: range(50, (k) => 65536 + 1024 * k), microBatchSizes: range(128), gpuBudgetMode: 'UP_TO', allowTensorParallelAcrossNodes: true, timeLimitSeconds: 1 } });
// simulation
const SS = `mutation($i: SimulationInput!){ startSimulation(input:$i){ id status gpuCount } }`;
const plan = { modelSpec: tiny, cluster: 'a100-80gb-x8', globalBatchSize: 8, trainingTokens: 1e16 };
const ids: string[] = [];
const rec = async (n: string, v: any, f?: string) => { const j = await send(n, SS, v, f); const id = j?.data?.startSimulation?.id; if (id) ids.push(id); };
await rec('sim 1e16 tokens tiny model', { i: { plan } });
await rec('sim horizon 1e308', { i: { plan, horizonSeconds: 1e308 } }, 'horizonSeconds');
await rec('sim horizon -1', { i: { plan, horizonSeconds: -1 } }, 'horizonSeconds');
await rec('sim horizon 0', { i: { plan, horizonSeconds: 0 } }, 'horizonSeconds');
await rec('sim replicas 0', { i: { plan, replicas: 0 } }, 'replicas');
await rec('sim replicas 1e6', { i: { plan, replicas: 1000000 } }, 'replicas');
await rec('sim detailed 1e6', { i: { plan, detailedReplicas: 1000000 } }, 'detailedReplicas');
await rec('sim detailed -1', { i: { plan, detailedReplicas: -1 } }, 'detailedReplicas');
await rec('sim pace 0', { i: { plan, pace: 0 } }, 'pace');
await rec('sim pace -1', { i: { plan, pace: -1 } }, 'pace');
await rec('sim pace 1e-9', { i: { plan, pace: 1e-9 } }, 'pace');
await rec('sim pace 1e308', { i: { plan, pace: 1e308 } }, 'pace');
await rec('sim seed -2^31', { i: { plan, seed: -2147483648 } }, 'seed');
await rec('sim progress 1e-300', { i: { plan, progressIntervalSeconds: 1e-300 } }, 'progressIntervalSeconds');
await rec('sim progress 0', { i: { plan, progressIntervalSeconds: 0 } }, 'progressIntervalSeconds');
await rec('sim ckpt interval 1e-300', { i: { plan, checkpointIntervalSeconds: 1e-300 } }, 'checkpointIntervalSeconds');
await rec('sim ckpt interval -1', { i: { plan, checkpointIntervalSeconds: -1 } }, 'checkpointIntervalSeconds');
await rec('sim ckpt bytes 1e308', { i: { plan, checkpointBytes: 1e308 } }, 'checkpointBytes');
await rec('sim ckpt bytes 0 (1e16 tokens refused first)', { i: { plan, checkpointBytes: 0 } }, 'trainingTokens');
await rec('sim MTBF~0', { i: { plan, reliability: { unexpectedFailuresPerGpuHour: 1e6 } } }, 'unexpectedFailuresPerGpuHour');
await rec('sim failures 1e308', { i: { plan, reliability: { unexpectedFailuresPerGpuHour: 1e308 } } }, 'unexpectedFailuresPerGpuHour');
await rec('sim failures -1', { i: { plan, reliability: { unexpectedFailuresPerGpuHour: -1 } } }, 'unexpectedFailuresPerGpuHour');
await rec('sim restart >> MTBF', { i: { plan, reliability: { unexpectedFailuresPerGpuHour: 1, restartMedianSeconds: 1e9 } } }, 'restartMedianSeconds');
await rec('sim restart 1e308', { i: { plan, reliability: { restartMedianSeconds: 1e308 } } }, 'restartMedianSeconds');
await rec('sim spares 0 (1e16 tokens refused first)', { i: { plan, reliability: { spareNodes: 0, spareNodeFraction: 0 } } }, 'trainingTokens');
await rec('sim spares huge', { i: { plan, reliability: { spareNodes: 2147483647 } } }, 'spareNodes');
await rec('sim spares -1', { i: { plan, reliability: { spareNodes: -1 } } }, 'spareNodes');
await rec('sim spareFraction 1e308', { i: { plan, reliability: { spareNodeFraction: 1e308 } } }, 'spareNodeFraction');
await rec('sim sigma 1e308', { i: { plan, reliability: { restartSigma: 1e308, repairSigma: 1e308 } } }, 'Sigma');
await rec('sim weibull 1e-300', { i: { plan, reliability: { weibullShape: 1e-300 } } }, 'weibullShape');
await rec('sim weibull 1e308', { i: { plan, reliability: { weibullShape: 1e308 } } }, 'weibullShape');
await rec('sim failSlow huge', { i: { plan, reliability: { failSlowEpisodesPerGpuHour: 1e6, failSlowMedianSeconds: 1e-9, failSlowSlowdownFraction: 1 } } }, 'failSlow');
await rec('sim planned 1e9/day', { i: { plan, reliability: { plannedInterruptionsPerDay: 1e9, plannedDowntimeSeconds: 1e-9 } } }, 'plannedInterruptionsPerDay');
await rec('sim detection 1e308', { i: { plan, reliability: { detectionSeconds: 1e308 } } }, 'detectionSeconds');
await rec('sim storage 1e-300', { i: { plan, reliability: { storageWriteBytesPerSecond: 1e-300, storageReadBytesPerSecond: 1e-300 } } }, 'storage');
await rec('sim d2h 0', { i: { plan, reliability: { deviceToHostBytesPerSecondPerGpu: 0, checkpointMode: 'ASYNC' } } }, 'deviceToHost');
await rec('sim diurnal 1e308', { i: { plan, reliability: { diurnalAmplitudeFraction: 1e308, stragglerJitterFraction: 1e308 } } }, 'Fraction');
await rec('sim manualRepair', { i: { plan, reliability: { manualRepairFraction: 1, manualRepairMedianSeconds: 1e308 } } }, 'manualRepair');
await rec('sim preset unknown', { i: { plan, reliability: { preset: 'zzz' } } }, 'preset');
await rec('sim big cluster', { i: { plan: { model: 'llama3-405b', cluster: 'h100-sxm-x16384', globalBatchSize: 2048, tensorParallel: 8, pipelineParallel: 16, trainingTokens: 1e16 }, reliability: { preset: 'llama3-405b', unexpectedFailuresPerGpuHour: 10 }, replicas: 100 } });
await rec('sim all extreme', { i: { plan, replicas: 1000, detailedReplicas: 1000, progressIntervalSeconds: 1e-6, reliability: { unexpectedFailuresPerGpuHour: 1e3, restartMedianSeconds: 1e-6, repairMedianSeconds: 1e-6, detectionSeconds: 0, plannedInterruptionsPerDay: 1e6 } } });
const okPlan = { modelSpec: tiny, cluster: 'a100-80gb-x8', globalBatchSize: 8, trainingTokens: 1e12 };
const bigPlan = { modelSpec: tiny, cluster: 'h100-sxm-x16384', globalBatchSize: 16384, trainingTokens: 1e16 };
await rec('ok 1e12 tokens tiny', { i: { plan: okPlan } });
// Valid but past the 200,000 stored events: refused at start by the event budget (they used to start, then FAIL).
await rec('budget: bigPlan 1e16 max failures', { i: { plan: bigPlan, reliability: { unexpectedFailuresPerGpuHour: 1, restartMedianSeconds: 86400, spareNodes: 0, spareNodeFraction: 0 }, replicas: 1000, detailedReplicas: 10 } }, 'unexpectedFailuresPerGpuHour');
await rec('budget: max failures min restart', { i: { plan: okPlan, reliability: { unexpectedFailuresPerGpuHour: 1, restartMedianSeconds: 0, repairMedianSeconds: 0, detectionSeconds: 0, restartSigma: 3, repairSigma: 3 }, replicas: 1000, detailedReplicas: 10, progressIntervalSeconds: 1 } }, 'progressIntervalSeconds');
await rec('ok all rates max', { i: { plan: bigPlan, reliability: { unexpectedFailuresPerGpuHour: 1, failSlowEpisodesPerGpuHour: 0.01, failSlowMedianSeconds: 1e-9, plannedInterruptionsPerDay: 100, manualRepairFraction: 1, spareNodes: 1000000, weibullShape: 0.1 }, replicas: 1000, detailedReplicas: 10, progressIntervalSeconds: 1, checkpointIntervalSeconds: 1 } });
await rec('ok pace 1e-3', { i: { plan: okPlan, pace: 0.001 } });
await rec('ok pace 1e12', { i: { plan: okPlan, pace: 1e12 } });
await rec('budget: horizon max', { i: { plan: bigPlan, horizonSeconds: 3.1536e8, replicas: 1000, reliability: { unexpectedFailuresPerGpuHour: 1 } } }, 'unexpectedFailuresPerGpuHour');
await rec('ok ckpt bytes 0 spares 0', { i: { plan: okPlan, checkpointBytes: 0, reliability: { spareNodes: 0 } } });
await rec('ok ckpt 1e16 bytes slow storage', { i: { plan: okPlan, checkpointBytes: 1e16, reliability: { storageWriteBytesPerSecond: 1e6, storageReadBytesPerSecond: 1e6, checkpointMode: 'SYNC' } } });
await rec('sim step > 1 day', { i: { plan: { model: 'gpt3-175b', cluster: 'a100-80gb-x8', globalBatchSize: 100000000, trainingTokens: 1e12, recompute: 'FULL' } } }, 'plan');
await rec('sim tokens per step 1e16', { i: { plan: { modelSpec: { ...tiny, sequenceLength: 100000000 }, cluster: 'a100-80gb-x8', globalBatchSize: 100000000, trainingTokens: 1e16 } } }, 'globalBatchSize');
await rec('sim bad plan', { i: { plan: { ...plan, tensorParallel: 3 } } }, 'tensorParallel');

// let them run and see their status
await new Promise((r) => setTimeout(r, 8000));
for (const id of ids) await send(`status ${id}`, `query($id: ID!){ simulation(id:$id){ id status error lastSeq } }`, { id });
const SE = `query($id: ID!, $a: Int){ simulation(id:$id){ id status lastSeq events(after:$a, limit: 5){ seq __typename } } }`;
await send('simulation unknown', SE, { id: 'nope' });
if (ids[0]) {
  await send('events after -1', SE, { id: ids[0], a: -1 }, 'after');
  await send('events after 2^31-1', SE, { id: ids[0], a: 2147483647 }, 'after');
  await send('events after 2^31', SE, { id: ids[0], a: 2147483648 }, 'a');
  await send('events limit 0', `query($id: ID!){ simulation(id:$id){ events(limit: 0){ seq } } }`, { id: ids[0] }, 'limit');
  await send('events limit 1e6', `query($id: ID!){ simulation(id:$id){ events(limit: 1000000){ seq } } }`, { id: ids[0] }, 'limit');
}
await send('simulations limit 0', `{ simulations(limit: 0){ id } }`, {}, 'limit');
await send('simulations limit -1', `{ simulations(limit: -1){ id } }`, {}, 'limit');
await send('rerun unknown', `mutation{ rerunSimulation(id:"zz"){ id } }`);
await send('cancel unknown', `mutation{ cancelSimulation(id:"zz"){ id } }`);
if (ids[0]) {
  await send('rerun pace -1', `mutation($id:ID!){ rerunSimulation(id:$id, pace:-1){ id } }`, { id: ids[0] }, 'pace');
  await send('rerun pace 0', `mutation($id:ID!){ rerunSimulation(id:$id, pace:0){ id } }`, { id: ids[0] }, 'pace');
  await send('cancel twice', `mutation($id:ID!){ cancelSimulation(id:$id){ id status } }`, { id: ids[0] });
  await send('cancel twice 2', `mutation($id:ID!){ cancelSimulation(id:$id){ id status } }`, { id: ids[0] });
}
// subscriptions over SSE
async function sse(name: string, query: string, variables: any, ms = 3000) {
  const ac = new AbortController();
  const t0 = Date.now();
  try {
    const r = await app.yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: JSON.stringify({ query, variables }), signal: ac.signal });
    const reader = r.body!.getReader(); let text = '';
    const timer = setTimeout(() => ac.abort(), ms);
    try { while (text.length < 2000) { const { value, done } = await reader.read(); if (done) break; text += new TextDecoder().decode(value); if (text.includes('"errors"')) break; } } catch {}
    clearTimeout(timer); ac.abort();
    console.log(`   SSE ${name} (${Date.now() - t0}ms) ${r.status}: ${text.slice(0, 300).replace(/\n/g, ' ')}`);
    if (/INTERNAL|Unexpected error/.test(text) || r.status >= 500) findings.push(`SSE ${name}: ${text.slice(0, 200)}`);
  } catch (e) { findings.push(`SSE ${name} threw ${e}`); }
}
const SUB = `subscription($id: ID!, $a: Int){ simulationEvents(id:$id, after:$a){ seq __typename } }`;
await sse('sub unknown id', SUB, { id: 'nope' });
if (ids[0]) { await sse('sub after -1', SUB, { id: ids[0], a: -1 }); await sse('sub after 2^31-1', SUB, { id: ids[0], a: 2147483647 }, 1500); }
await sse('planSearchProgress top -1', `subscription($i: PlanSearchInput!){ planSearchProgress(input:$i){ done } }`, { i: { ...base, top: -1 } });
await sse('planSearchProgress tl 1e308', `subscription($i: PlanSearchInput!){ planSearchProgress(input:$i){ done } }`, { i: { ...base, timeLimitSeconds: 1e308 } }, 1500);

// budgetPlan
const BP = `query($i: BudgetPlanInput!){ budgetPlan(input:$i){ parameters costUsd expectedDays bindingConstraint truncated } }`;
const bpBase = { budgetUsd: 1e6, gpu: 'h100-sxm', maxGpus: 64 };
await send('bp nothing to plan', BP, { i: { gpu: 'h100-sxm', maxGpus: 8 } }, 'budgetUsd');
await send('bp budget 1e308', BP, { i: { ...bpBase, budgetUsd: 1e308 } }, 'budgetUsd');
await send('bp deadline NaN', BP, { i: { ...bpBase, deadlineDays: 'NaN' } }, 'deadlineDays');
await send('bp maxGpus 1e6 (a million H100s)', BP, { i: { ...bpBase, budgetUsd: 1e13, maxGpus: 1000000 } });
await send('bp maxGpus 7', BP, { i: { ...bpBase, maxGpus: 7 } });
await send('bp moe 1024 experts top-1024', BP, { i: { ...bpBase, family: 'MOE', experts: 1024, expertsPerToken: 1024 } });
await send('bp target 1e-300', BP, { i: { ...bpBase, targetLoss: 1e-300 } }, 'targetLoss');
await send('bp availableTokens 1e6 with 1e13 USD', BP, { i: { ...bpBase, budgetUsd: 1e13, availableTokens: 1e6 } });
await sse('budgetPlanProgress bad input', `subscription($i: BudgetPlanInput!){ budgetPlanProgress(input:$i){ done } }`, { i: { ...bpBase, budgetUsd: -1 } });

// HF
const HF = `query($c: String!){ modelFromHuggingFaceConfig(config:$c){ id parameters layers hiddenSize } }`;
const hfBase = { hidden_size: 4096, num_attention_heads: 32, num_hidden_layers: 32, vocab_size: 32000, max_position_embeddings: 4096, intermediate_size: 11008, model_type: 'llama' };
await send('hf deep nested arrays', HF, { c: '['.repeat(200000) + ']'.repeat(200000) });
await send('hf deep nested obj', HF, { c: `${JSON.stringify(hfBase).slice(0,-1)},"x":${'{"a":'.repeat(90000)}1${'}'.repeat(90000)}}` });
await send('hf 1MB', HF, { c: JSON.stringify({ ...hfBase, pad: 'x'.repeat(990000) }) }, 'config');
await send('hf 99k', HF, { c: JSON.stringify({ ...hfBase, pad: 'x'.repeat(99000) }) });
await send('hf numbers as strings', HF, { c: JSON.stringify({ ...hfBase, hidden_size: '4096' }) }, 'hidden_size');
await send('hf layers 1e9', HF, { c: JSON.stringify({ ...hfBase, num_hidden_layers: 1e9 }) }, 'num_hidden_layers');
await send('hf layers 1e308', HF, { c: JSON.stringify({ ...hfBase, num_hidden_layers: 1e308 }) }, 'num_hidden_layers');
await send('hf layers 1.5', HF, { c: JSON.stringify({ ...hfBase, num_hidden_layers: 1.5 }) }, 'num_hidden_layers');
await send('hf missing keys', HF, { c: JSON.stringify({ model_type: 'llama' }) }, 'hidden_size');
await send('hf array', HF, { c: '[1,2,3]' }, 'config');
await send('hf null', HF, { c: 'null' }, 'config');
await send('hf number', HF, { c: '42' }, 'config');
await send('hf empty', HF, { c: '' }, 'config');
await send('hf bad json', HF, { c: '{"a":' }, 'config');
await send('hf keys arrays', HF, { c: JSON.stringify({ ...hfBase, hidden_size: [4096], num_key_value_heads: [8], intermediate_size: { a: 1 } }) }, 'hidden_size');
await send('hf proto', HF, { c: '{"__proto__": {"hidden_size": 4096}, "constructor": 1}' });
await send('hf negative', HF, { c: JSON.stringify({ ...hfBase, vocab_size: -1 }) }, 'vocab_size');
await send('hf experts huge', HF, { c: JSON.stringify({ ...hfBase, num_local_experts: 1e9, num_experts_per_tok: 1e9 }) }, 'experts');
await send('hf kv heads 0', HF, { c: JSON.stringify({ ...hfBase, num_key_value_heads: 0 }) }, 'num_key_value_heads');
await send('hf dropout string', HF, { c: JSON.stringify({ ...hfBase, attention_dropout: 'x', hidden_act: 5, rope_scaling: 'x', torch_dtype: 7, tie_word_embeddings: 'yes' }) });
await send('hf nested text_config', HF, { c: JSON.stringify({ text_config: { text_config: hfBase } }) });
await send('hf create 1e9 layers', `mutation($c:String!){ createModelFromHuggingFaceConfig(config:$c){ id } }`, { c: JSON.stringify({ ...hfBase, num_hidden_layers: 1e9 }) }, 'num_hidden_layers');
await send('hf create name huge', `mutation($c:String!,$n:String){ createModelFromHuggingFaceConfig(config:$c, name:$n){ id } }`, { c: JSON.stringify(hfBase), n: 'n'.repeat(100000) }, 'name');

// createModel / createCluster
const CM = `mutation($i: ModelInput!){ createModel(input:$i){ id parameters } }`;
await send('cm layers 2^31-1', CM, { i: { ...tiny, layers: 2147483647 } }, 'layers');
await send('cm hidden 2^31-1', CM, { i: { ...tiny, hiddenSize: 2147483646, attentionHeads: 2 } }, 'hiddenSize');
await send('cm vocab 2^31-1', CM, { i: { ...tiny, vocabSize: 2147483647 } }, 'vocabSize');
await send('cm seq 2^31-1', CM, { i: { ...tiny, sequenceLength: 2147483647 } }, 'sequenceLength');
await send('cm experts huge', CM, { i: { ...tiny, experts: 2147483647, expertsPerToken: 2147483647 } }, 'experts');
await send('cm name 1e5', CM, { i: { ...tiny, name: 'x'.repeat(100000) } }, 'name');
await send('cm all max', CM, { i: { layers: 1000, hiddenSize: 65536, attentionHeads: 512, vocabSize: 1000000, sequenceLength: 1048576, ffnHiddenSize: 1000000, experts: 1024, expertsPerToken: 1024 } });
const CC = `mutation($i: ClusterInput!){ createCluster(input:$i){ id gpuCount } }`;
await send('cc nodes 2^31-1', CC, { i: { gpu: 'a100-80gb', gpusPerNode: 8, nodes: 2147483647 } }, 'nodes');
await send('cc gpn 0', CC, { i: { gpu: 'a100-80gb', gpusPerNode: 0, nodes: 1 } }, 'gpusPerNode');
await send('cc price 1e308', CC, { i: { gpu: 'a100-80gb', gpusPerNode: 8, nodes: 1, gpuHourUsd: 1e308 } }, 'gpuHourUsd');
await send('cc pue -1', CC, { i: { gpu: 'a100-80gb', gpusPerNode: 8, nodes: 1, pue: -1 } }, 'pue');
await send('cc gpu unknown', CC, { i: { gpu: 'zz', gpusPerNode: 8, nodes: 1 } }, 'gpu');
await send('cc max', CC, { i: { gpu: 'a100-80gb', gpusPerNode: 1024, nodes: 976 } });
// presets
await send('update preset model', `mutation($i: ModelInput!){ updateModel(id:"gpt3-175b", input:$i){ id } }`, { i: tiny });
await send('delete preset model', `mutation{ deleteModel(id:"gpt3-175b") }`);
await send('delete preset cluster', `mutation{ deleteCluster(id:"a100-80gb-x8") }`);
await send('update preset cluster', `mutation($i: ClusterInput!){ updateCluster(id:"a100-80gb-x8", input:$i){ id } }`, { i: { gpu: 'a100-80gb', gpusPerNode: 8, nodes: 1 } });
await send('delete unknown model', `mutation{ deleteModel(id:"m_zz") }`);
await send('update unknown model', `mutation($i: ModelInput!){ updateModel(id:"m_zz", input:$i){ id } }`, { i: tiny });
await send('update unknown plan', `mutation{ updatePlan(id:"p_zz", input:{name:"x", plan:{model:"gpt2-1.5b", cluster:"a100-80gb-x8", globalBatchSize:8}}){ id } }`);
await send('delete plan preset-like', `mutation{ deletePlan(id:"gpt3-175b") }`);
await send('savePlan bad', `mutation{ savePlan(input:{name:"x", plan:{model:"gpt2-1.5b", cluster:"a100-80gb-x8", globalBatchSize:0}}){ id } }`, {}, 'globalBatchSize');
// scalar queries
const MTP = `query($g: ID!, $n: Int!, $z: Int!, $t: Int, $p: Int){ maxTrainableParameters(gpu:$g, gpus:$n, zeroStage:$z, tensorParallel:$t, pipelineParallel:$p) }`;
for (const [n, v, f] of [['gpus 0', { g: 'v100-32gb', n: 0, z: 3 }, 'gpus'], ['gpus -1', { g: 'v100-32gb', n: -1, z: 3 }, 'gpus'], ['gpus 2^31-1', { g: 'v100-32gb', n: 2147483647, z: 3 }, 'gpus'], ['z 9', { g: 'v100-32gb', n: 8, z: 9 }, 'zeroStage'], ['tp 0', { g: 'v100-32gb', n: 8, z: 3, t: 0 }, 'tensorParallel'], ['tp 3', { g: 'v100-32gb', n: 8, z: 3, t: 3 }, 'tensorParallel'], ['pp 2^31-1', { g: 'v100-32gb', n: 8, z: 3, p: 2147483647 }, 'pipelineParallel'], ['gpu unknown', { g: 'zz', n: 8, z: 3 }, 'gpu']] as const)
  await send(`mtp ${n}`, MTP, v, f);
const MSM = `query($p: Float!, $d: Int!){ modelStateMemory(parameters:$p, dataParallel:$d){ stage totalBytes } }`;
for (const [n, v, f] of [['p 0', { p: 0, d: 1 }, 'parameters'], ['p -1', { p: -1, d: 1 }, 'parameters'], ['p 1e308', { p: 1e308, d: 1 }, 'parameters'], ['d 0', { p: 1e9, d: 0 }, 'dataParallel'], ['d -1', { p: 1e9, d: -1 }, 'dataParallel'], ['d 2^31-1', { p: 1e9, d: 2147483647 }, 'dataParallel'], ['p 5e-324', { p: 5e-324, d: 1 }, 'parameters']] as const)
  await send(`msm ${n}`, MSM, v, f);
const CO = `query($c: Float!, $l: ScalingLaw){ computeOptimal(computeFlops:$c, law:$l){ parameters tokens } }`;
for (const law of ['KAPLAN', 'CHINCHILLA', 'CHINCHILLA_PARAMETRIC', 'EPOCH']) for (const c of [0, -1, 1e308, 5e-324, 1, 1e40]) await send(`co ${law} ${c}`, CO, { c, l: law }, 'computeFlops');
const SL = `query($p: Float!, $t: Float!, $l: ScalingLaw){ scalingLawLoss(parameters:$p, tokens:$t, law:$l) }`;
for (const law of ['KAPLAN', 'CHINCHILLA', 'CHINCHILLA_PARAMETRIC', 'EPOCH']) for (const [p, tk] of [[0, 1], [1, 0], [-1, 1], [1e308, 1e308], [5e-324, 5e-324]]) await send(`sl ${law} ${p} ${tk}`, SL, { p, t: tk, l: law }, p! < 1 || p! > 1e16 ? 'parameters' : 'tokens');
const EX = `query($a: ExtrapolationInput){ extrapolation(assumptions:$a){ __typename } }`;
for (const k of ['a100SpeedupOverV100', 'bytesPerToken', 'currentCostUsd', 'currentParameters', 'previousParameters']) for (const v of [0, -1, 1e308, 5e-324]) await send(`ex ${k} ${v}`, EX, { a: { [k]: v } }, k);
await send('ex introspect fields', `{ __type(name:"Extrapolation"){ fields { name } } }`);
const GPU = `query($g: ID!){ gpu(id:$g){ id peakFlopsPerSecond(precision: FP8) } }`;
await send('gpu fp8 on v100', GPU, { g: 'v100-32gb' });
await send('gpu huge id', GPU, { g: 'x'.repeat(100000) });
await send('model huge id', `query($g: ID!){ model(id:$g){ id } }`, { g: 'x'.repeat(100000) });
await send('model hwflops', `{ model(id:"gpt3-175b"){ hardwareFlopsPerToken(recompute: FULL) } }`);

// Framing and transport (issue 10): raw bodies, content types, origins, deep JSON, unsafe names. Each must be a 4xx
// or a coded GraphQL error, never a 5xx, and must not echo the body.
async function raw(name: string, body: BodyInit, headers: Record<string, string>, expect: number | 'coded'): Promise<void> {
  // A fresh headers object each time: the fetch ponyfill writes content-length into the one it is given.
  const r = await app.yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { ...headers }, body, duplex: 'half' } as RequestInit);
  const text = await r.text();
  let code: unknown;
  try {
    code = (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
  } catch {
    code = undefined;
  }
  const ok = r.status < 500 && code !== undefined && code !== 'INTERNAL_SERVER_ERROR' && (expect === 'coded' || r.status === expect) && !text.includes('SECRET-BODY');
  console.log(`${ok ? '  ' : '!!'} ${name}: HTTP ${r.status} [${String(code)}]`);
  if (!ok) findings.push(`${name}: HTTP ${r.status}, code ${String(code)}`);
}
const JSON_HEADERS = { 'content-type': 'application/json' };
const MUTATION = 'mutation { deleteModel(id: "m_x") }';
const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
await raw('form-urlencoded mutation', new URLSearchParams({ query: MUTATION }).toString(), { 'content-type': 'application/x-www-form-urlencoded' }, 415);
await raw('text/plain mutation', JSON.stringify({ query: MUTATION }), { 'content-type': 'text/plain' }, 415);
await raw('multipart mutation', `--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: MUTATION })}\r\n--b--\r\n`, { 'content-type': 'multipart/form-data; boundary=b' }, 415);
await raw('no content type', JSON.stringify({ query: MUTATION }), {}, 415);
await raw('foreign Origin', JSON.stringify({ query: MUTATION }), { ...JSON_HEADERS, origin: 'https://evil.example' }, 403);
await raw('origin "null"', JSON.stringify({ query: MUTATION }), { ...JSON_HEADERS, origin: 'null' }, 403);
await raw('invalid JSON echo', '{"query": "{ gpus { id } }", "x": "SECRET-BODY"', JSON_HEADERS, 400);
await raw('JSON 5,000 deep in variables', `{"query": "{ __typename }", "variables": {"v": ${deep}}}`, JSON_HEADERS, 400);
await raw('JSON body a string', '"{ __typename }"', JSON_HEADERS, 400);
await raw('JSON body null', 'null', JSON_HEADERS, 400);
await raw('2 MB body', JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(2_000_000) }), JSON_HEADERS, 413);
const chunks = new ReadableStream<Uint8Array>({
  start(c) {
    for (let i = 0; i < 40; i++) c.enqueue(new TextEncoder().encode(' '.repeat(500_000)));
    c.close();
  },
});
await raw('chunked 20 MB body', chunks, JSON_HEADERS, 413);
await send('config.json 5,000 deep', `query($c: String!){ modelFromHuggingFaceConfig(config:$c){ parameters } }`, { c: `{"num_hidden_layers": ${deep}}` }, 'config');
for (const [what, name] of [['NUL', 'a\u0000b'], ['RLO', '\u202Elive'], ['LRI', '\u2066x'], ['newline', 'a\nb'], ['DEL', 'a\u007Fb']]) {
  const m = await send(`model name with ${what}`, `mutation($n: String){ createModel(input:{name:$n, layers:2, hiddenSize:64, attentionHeads:2, vocabSize:100, sequenceLength:16}){ id } }`, { n: name }, 'name');
  const c = await send(`cluster name with ${what}`, `mutation($n: String){ createCluster(input:{name:$n, gpu:"a100-80gb", gpusPerNode:8, nodes:1}){ id } }`, { n: name }, 'name');
  if (m?.data?.createModel || c?.data?.createCluster) findings.push(`name with ${what}: accepted`);
}

console.log(`\n==== FINDINGS ====\n${findings.join('\n')}`);
await Promise.race([app.stop(), new Promise((r) => setTimeout(r, 5000))]);
rmSync(dir, { recursive: true, force: true });
process.exit(0);
