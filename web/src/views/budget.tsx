/**
 * Budget view: dollars and days on a fleet → the best model, tokens and layout under a scaling law, failures
 * included (`budgetPlanProgress`: live progress, then the answer), and the loss-against-spend frontier as a scatter.
 * *Open in Plan* saves the sized architecture as a model and opens the chosen layout in the Plan view.
 */
import { useState } from 'preact/hooks';
import type { Catalog } from '../app';
import { errorText, request } from '../api';
import { DataTable, PALETTE, Scatter, type ScatterPoint } from '../charts';
import * as f from '../format';
import {
  BudgetProgressDocument,
  SaveSizedModelDocument,
  type ArchitectureFamily,
  type BudgetAnswerFragment,
  type BudgetPlanInput,
  type BudgetProgressSubscription,
  type ScalingLaw,
} from '../gql/graphql';
import { useProgressStream } from '../stream';
import { readParams, writeParams } from '../url';
import { NumberField, planFromLayout, Select, type PlanState } from './plan';

type Progress = BudgetProgressSubscription['budgetPlanProgress'];

const LAWS: { value: ScalingLaw; label: string }[] = [
  { value: 'CHINCHILLA', label: 'Chinchilla (Hoffmann 2022, approaches 1–2)' },
  { value: 'CHINCHILLA_PARAMETRIC', label: 'Chinchilla approach 3 (L = E + A/Nᵅ + B/Dᵝ)' },
  { value: 'EPOCH', label: 'Epoch AI 2024 (replication of approach 3)' },
  { value: 'KAPLAN', label: 'Kaplan et al. 2020' },
];
const FAMILIES: { value: ArchitectureFamily; label: string }[] = [
  { value: 'LLAMA', label: 'Llama 3 shapes' },
  { value: 'GPT', label: 'GPT-3 shapes' },
  { value: 'MOE', label: 'Mixtral-style MoE (8 experts, top-2)' },
];
const BINDING: Record<string, string> = {
  BUDGET: 'the budget (the deadline would allow more tokens)',
  DEADLINE: 'the deadline (the budget would pay for more)',
  DATA: 'the data (the plan repeats tokens, each repetition worth less)',
  MEMORY: 'memory (no larger model fits with any layout searched)',
  TARGET_LOSS: 'the target loss (the run stops there)',
};

interface BudgetState {
  budget: string;
  days: string;
  cluster: string;
  maxGpus: string;
  price: string;
  law: ScalingLaw;
  family: ArchitectureFamily;
  available: string;
  reliability: string;
  target: string;
}

const DEFAULTS: BudgetState = {
  budget: '20000000',
  days: '90',
  // The docs' worked example (docs/budget.md): $20M, up to 4,096 H100s at $2.50 per GPU-hour, 90 days.
  cluster: 'h100-sxm-x16384',
  maxGpus: '4096',
  price: '2.5',
  law: 'CHINCHILLA',
  family: 'LLAMA',
  available: '',
  reliability: 'llama3-405b',
  target: '',
};
const KEYS: Record<keyof BudgetState, string> = {
  budget: 'usd',
  days: 'days',
  cluster: 'cluster',
  maxGpus: 'maxgpus',
  price: 'price',
  law: 'law',
  family: 'family',
  available: 'available',
  reliability: 'reliability',
  target: 'target',
};

function fromUrl(catalog: Catalog): BudgetState {
  const params = readParams();
  // A link written by run() leaves blank fields out: then a missing text field is blank, not its default.
  const fromLink = Object.values(KEYS).some((k) => params.has(k));
  const s: BudgetState = fromLink
    ? { ...DEFAULTS, budget: '', days: '', maxGpus: '', price: '', available: '', target: '' }
    : { ...DEFAULTS };
  for (const key of Object.keys(KEYS) as (keyof BudgetState)[]) {
    const raw = params.get(KEYS[key]);
    if (raw !== null) (s as unknown as Record<string, string>)[key] = raw;
  }
  if (!catalog.clusters.some((c) => c.id === s.cluster)) s.cluster = catalog.clusters[0]?.id ?? s.cluster;
  return s;
}

/** A blank field is left out; a number goes to the API as typed, so an out-of-range value gets the API's message. */
const num = (v: string) => (v.trim() === '' ? null : Number(v));

const NUMERIC: { key: keyof BudgetState; label: string }[] = [
  { key: 'budget', label: 'Budget (USD)' },
  { key: 'days', label: 'Deadline (days)' },
  { key: 'maxGpus', label: 'Max GPUs' },
  { key: 'price', label: 'Price per GPU-hour' },
  { key: 'available', label: 'Unique tokens available' },
  { key: 'target', label: 'Target loss' },
];

/** JSON has no NaN (it would go as null, silently dropping the field): a field that is not a number is named here. */
function notANumber(s: BudgetState): string | null {
  const bad = NUMERIC.find(({ key }) => s[key].trim() !== '' && !Number.isFinite(Number(s[key])));
  return bad ? `${bad.label}: "${s[bad.key]}" is not a number (leave it blank to omit it; 2e7 and 20000000 both work).` : null;
}

function budgetInput(s: BudgetState, catalog: Catalog): BudgetPlanInput {
  const c = catalog.clusters.find((x) => x.id === s.cluster);
  const maxGpus = num(s.maxGpus);
  return {
    budgetUsd: num(s.budget),
    deadlineDays: num(s.days),
    targetLoss: num(s.target),
    availableTokens: num(s.available),
    gpuHourUsd: num(s.price),
    maxGpus: maxGpus === null ? null : Math.trunc(maxGpus),
    law: s.law,
    family: s.family,
    reliability: s.reliability,
    clusterSpec: c
      ? {
          name: c.name,
          gpu: c.gpu.id,
          gpusPerNode: c.gpusPerNode,
          nodes: c.nodes,
          gpuHourUsd: c.gpuHourUsd,
          pue: c.pue,
          hostMemoryBytesPerNode: c.hostMemoryBytesPerNode,
          nvmeBytesPerNode: c.nvmeBytesPerNode,
        }
      : null,
  };
}

function layoutText(p: NonNullable<BudgetAnswerFragment['plan']>['parallelism']): string {
  return `TP ${p.tensorParallel} × PP ${p.pipelineParallel} × DP ${p.dataParallel}${p.contextParallel > 1 ? ` × CP ${p.contextParallel}` : ''}${p.expertParallel > 1 ? ` EP ${p.expertParallel}` : ''}, ZeRO-${p.zeroStage}, batch ${p.globalBatchSize.toLocaleString('en-US')} sequences, micro-batch ${p.microBatchSize}, ${f.recomputeText(p)}${p.sequenceParallel ? ', SP' : ''}${p.pipelineInterleave > 1 ? `, interleave ${p.pipelineInterleave}` : ''}`;
}

const loss = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${f.fixed(v, 3)} nats/token`);

export function BudgetView(props: {
  catalog: Catalog;
  onOpenPlan: (s: PlanState) => void;
  onCatalogChanged: () => Promise<void> | void;
}): preact.JSX.Element {
  const [state, setState] = useState<BudgetState>(() => fromUrl(props.catalog));
  const stream = useProgressStream(BudgetProgressDocument);
  const { running, error, setError, cancel } = stream;
  const progress: Progress | null = stream.data?.budgetPlanProgress ?? null;
  const [opening, setOpening] = useState(false);
  const [selected, setSelected] = useState<number | undefined>(undefined);

  const set = (key: keyof BudgetState) => (value: string) => setState((s) => ({ ...s, [key]: value }));

  const run = () => {
    setSelected(undefined);
    const invalid = notANumber(state);
    if (invalid) {
      stream.cancel();
      setError(invalid);
      return;
    }
    const params: Record<string, string> = { view: 'budget' };
    for (const key of Object.keys(KEYS) as (keyof BudgetState)[]) params[KEYS[key]] = state[key];
    writeParams(params);
    stream.start({ input: budgetInput(state, props.catalog) });
  };

  const result = progress?.result ?? null;

  // The sized architecture is not stored by budgetPlan: save it as a model, then open the layout on it.
  const openInPlan = async () => {
    const m = result?.model;
    const p = result?.plan?.parallelism;
    if (!m || !p || result?.trainingTokens == null) return;
    setOpening(true);
    setError(null);
    try {
      const saved = await request(SaveSizedModelDocument, {
        input: {
          name: `Budget ${f.usd(result.costUsd ?? 0)} · ${m.name}`.slice(0, 200),
          layers: m.layers,
          hiddenSize: m.hiddenSize,
          attentionHeads: m.attentionHeads,
          kvHeads: m.kvHeads,
          ffnHiddenSize: m.ffnHiddenSize,
          gatedMlp: m.gatedMlp,
          vocabSize: m.vocabSize,
          sequenceLength: m.sequenceLength,
          tiedEmbeddings: m.tiedEmbeddings,
          linearBiases: m.linearBiases,
          normalization: m.normalization,
          positionEmbedding: m.positionEmbedding,
          experts: m.experts,
          expertsPerToken: m.expertsPerToken,
          dropout: m.dropout,
        },
      });
      await props.onCatalogChanged();
      props.onOpenPlan(planFromLayout(saved.createModel.id, state.cluster, Math.round(result.trainingTokens), p));
    } catch (e) {
      setError(errorText(e));
      setOpening(false);
    }
  };

  const frontier = (result?.frontier ?? []).filter((p) => p.predictedLoss !== null && p.spendUsd > 0);
  const answerIndex = frontier.length
    ? frontier.reduce(
        (best, p, i) =>
          Math.abs(p.spendUsd - (result?.costUsd ?? 0)) < Math.abs(frontier[best]!.spendUsd - (result?.costUsd ?? 0))
            ? i
            : best,
        0,
      )
    : -1;
  const points: ScatterPoint[] = frontier.map((p, i) => ({
    x: p.spendUsd,
    y: p.predictedLoss!,
    colour: i === answerIndex ? PALETTE.vermillion : PALETTE.blue,
    shape: i === answerIndex ? 'diamond' : 'circle',
    emphasis: i === answerIndex,
    label: `${i === answerIndex ? 'The answer: ' : ''}${f.usd(p.spendUsd)} buys ${f.count(p.parameters)} parameters on ${f.count(p.trainingTokens)} tokens, ${p.gpus.toLocaleString('en-US')} GPUs, ${f.fixed(p.expectedDays, 1)} days: loss ${loss(p.predictedLoss)}.`,
  }));
  const clusters = props.catalog.clusters;
  const cluster = clusters.find((c) => c.id === state.cluster);
  const pick = selected !== undefined ? frontier[selected] : undefined;

  return (
    <div class="view">
      <form
        class="inputs"
        aria-label="Budget inputs"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <NumberField name="budget-usd" label="Budget (USD)" value={state.budget} onChange={set('budget')} hint={state.budget.trim() ? f.usd(Number(state.budget)) : 'none'} />
        <NumberField name="budget-days" label="Deadline (days)" value={state.days} onChange={set('days')} />
        <Select name="budget-cluster" label="Fleet (cluster)" value={state.cluster} onChange={set('cluster')} options={clusters.map((c) => ({ value: c.id, label: `${c.name} (${c.gpuCount.toLocaleString('en-US')} × ${c.gpu.name})` }))} />
        <NumberField name="budget-maxgpus" label="Max GPUs (blank: all)" value={state.maxGpus} onChange={set('maxGpus')} placeholder={cluster ? String(cluster.gpuCount) : ''} />
        <NumberField name="budget-price" label="Price per GPU-hour (USD; blank: the cluster's)" value={state.price} onChange={set('price')} placeholder={cluster?.gpuHourUsd != null ? String(cluster.gpuHourUsd) : ''} />
        <Select name="budget-law" label="Scaling law" value={state.law} onChange={set('law')} options={LAWS} />
        <Select name="budget-family" label="Model family" value={state.family} onChange={set('family')} options={FAMILIES} />
        <NumberField name="budget-available" label="Unique tokens available (blank: unlimited)" value={state.available} onChange={set('available')} hint={state.available.trim() ? `${f.count(Number(state.available))} tokens` : undefined} />
        <Select name="budget-reliability" label="Reliability" value={state.reliability} onChange={set('reliability')} options={[{ value: 'none', label: 'none (no failures)' }, ...props.catalog.reliabilityPresets.map((p) => ({ value: p.id, label: p.name }))]} />
        <NumberField name="budget-target" label="Target loss (nats/token; optional: the cheapest run that reaches it)" value={state.target} onChange={set('target')} />
        <div class="actions">
          <button type="submit" class="primary" disabled={running}>
            Plan the budget
          </button>
          {running && (
            <button type="button" onClick={cancel}>
              Stop
            </button>
          )}
        </div>
        <p class="hint">
          Sizes on a quarter-octave grid, each shaped into the family and given its fastest layout; expected days and
          dollars include failures (Daly 2006). docs/budget.md has the method.
        </p>
      </form>
      <section class="results">
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {!progress && !running && (
          <p class="hint">Plan a budget to see the best model it buys and the loss-vs-spend frontier.</p>
        )}
        {(progress || running) && (
          <>
            <p
              class="status-line"
              data-testid="budget-status"
              data-done={progress?.done ? '1' : '0'}
              aria-live="polite"
            >
              {progress
                ? `${progress.done ? 'Done' : 'Sizing'}: ${f.count(progress.sizesEvaluated)} of ${f.count(progress.sizesTotal)} size × GPU-count candidates; ${f.seconds(progress.elapsedSeconds)}${progress.bestParameters ? `; best so far ${f.count(progress.bestParameters)} parameters, loss ${loss(progress.bestPredictedLoss)}` : ''}.`
                : 'Starting…'}
            </p>
            <progress
              max={1}
              value={
                progress ? (progress.done ? 1 : progress.sizesEvaluated / Math.max(1, progress.sizesTotal)) : undefined
              }
              aria-label="Budget search progress"
            />
          </>
        )}
        {result && <Answer result={result} opening={opening} onOpen={openInPlan} />}
        {points.length > 0 && (
          <Scatter
            title="Predicted loss against spend — the best run each spend buys (focus a point and press Enter for its figures)"
            points={points}
            xLabel="spend (USD, failures included)"
            yLabel="predicted loss (nats/token)"
            formatX={f.usd}
            formatY={(v) => f.fixed(v, 2)}
            selected={selected}
            onPick={setSelected}
            legend={[
              { label: 'frontier: best run at that spend', colour: PALETTE.blue },
              { label: 'the answer', colour: PALETTE.vermillion },
            ]}
            summary={`Loss-vs-spend frontier, ${frontier.length} points: ${f.usd(frontier[0]!.spendUsd)} reaches ${loss(frontier[0]!.predictedLoss)}, ${f.usd(frontier[frontier.length - 1]!.spendUsd)} reaches ${loss(frontier[frontier.length - 1]!.predictedLoss)}.`}
          />
        )}
        {pick && (
          <p class="note" data-testid="budget-pick" aria-live="polite">
            {f.usd(pick.spendUsd)}: {f.count(pick.parameters)} parameters on {f.count(pick.trainingTokens)} tokens,{' '}
            {pick.gpus.toLocaleString('en-US')} GPUs, {f.fixed(pick.expectedDays, 1)} days, loss{' '}
            {loss(pick.predictedLoss)}.
          </p>
        )}
        {frontier.length > 0 && (
          <DataTable
            caption="Loss-vs-spend frontier"
            head={['spend', 'parameters', 'tokens', 'GPUs', 'days', 'predicted loss']}
            rows={frontier.map((p, i) => [
              i === answerIndex ? `${f.usd(p.spendUsd)} (the answer)` : f.usd(p.spendUsd),
              f.count(p.parameters),
              f.count(p.trainingTokens),
              p.gpus.toLocaleString('en-US'),
              f.fixed(p.expectedDays, 1),
              loss(p.predictedLoss),
            ])}
          />
        )}
      </section>
    </div>
  );
}

function Answer(props: { result: BudgetAnswerFragment; opening: boolean; onOpen: () => void }): preact.JSX.Element {
  const r = props.result;
  const m = r.model;
  const layout = r.plan?.parallelism;
  const shift = r.shiftFraction;
  const failures = r.jobMtbfSeconds != null;
  const rows: [string, string][] = [
    [
      'Model',
      m
        ? `${f.count(r.parameters ?? m.parameters)} parameters${r.parameters != null && f.count(r.parameters) !== f.count(m.parameters) ? ` as the law counts them (${f.count(m.parameters)} in all)` : ''}: ${m.layers} layers × ${m.hiddenSize.toLocaleString('en-US')} wide, ${m.attentionHeads} heads (${m.kvHeads} KV), FFN ${m.ffnHiddenSize.toLocaleString('en-US')}${m.experts > 1 ? `, ${m.experts} experts, top-${m.expertsPerToken}` : ''}`
        : '–',
    ],
    [
      'Training tokens',
      r.trainingTokens == null
        ? '–'
        : `${f.count(r.trainingTokens)}${r.epochs != null ? ` (${f.fixed(r.epochs, 2)} epochs, worth ${f.count(r.effectiveTokens ?? NaN)} unique)` : ''}`,
    ],
    [
      'Layout',
      layout ? `${layoutText(layout)} on ${layout.gpuCount.toLocaleString('en-US')} GPUs` : 'none (ideal utilisation)',
    ],
    ['MFU', r.modelFlopsUtilization == null ? '–' : f.percent(r.modelFlopsUtilization)],
    [
      'Expected days',
      r.expectedDays == null
        ? '–'
        : failures
          ? `${f.fixed(r.expectedDays, 1)} days with failures (${f.fixed(r.solveDays, 1)} failure-free; ETTR ${f.percent(r.ettr ?? NaN)}, job MTBF ${f.seconds(r.jobMtbfSeconds ?? NaN)}${r.checkpointIntervalSeconds != null ? `, checkpoint every ${f.seconds(r.checkpointIntervalSeconds)}` : ''})`
          : `${f.fixed(r.expectedDays, 1)} days (no failures modelled)`,
    ],
    ['Cost', r.costUsd == null ? '–' : `${f.usd(r.costUsd)}${failures ? ' including failures' : ''}`],
    ['Predicted loss', loss(r.predictedLoss)],
    ['Binding constraint', BINDING[r.bindingConstraint] ?? r.bindingConstraint],
    [
      'Shift from the ideal N:D',
      shift == null
        ? '–'
        : `${shift >= 0 ? '+' : '−'}${f.percent(Math.abs(shift))} parameters against the law's allocation for the same compute (${f.count(r.idealParameters ?? NaN)} parameters, ${f.count(r.idealTokens ?? NaN)} tokens; ${f.sci(r.computeFlops ?? NaN)} FLOPs)`,
    ],
  ];
  if (r.targetReached != null)
    rows.push(['Target loss', r.targetReached ? 'reached' : 'not reached within the budget and deadline']);
  return (
    <figure class="chart" data-testid="budget-answer">
      <figcaption>The answer{r.truncated ? ' (stopped early: best so far)' : ''}</figcaption>
      <table class="kv">
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k} data-testid={`budget-${k.toLowerCase().replace(/[^a-z]+/g, '-')}`}>
              <th scope="row" style={{ textAlign: 'left' }}>
                {k}
              </th>
              <td style={{ textAlign: 'left' }}>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {layout && m && (
        <p>
          <button type="button" class="primary" onClick={props.onOpen} disabled={props.opening}>
            Open this plan in the Plan view
          </button>{' '}
          <small>(saves the sized model; the Plan view uses the cluster's own price)</small>
        </p>
      )}
      {r.notes.length > 0 && (
        <details>
          <summary>Notes ({r.notes.length})</summary>
          <ul>
            {r.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </details>
      )}
    </figure>
  );
}
