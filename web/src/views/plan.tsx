/**
 * Plan view: one layout of a model on a cluster — per-GPU memory per pipeline stage against capacity, the same
 * layout under ZeRO 0–3, the step-time breakdown, MFU, days, cost and energy. The inputs live in the URL.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Catalog } from '../app';
import { errorText, request } from '../api';
import { DataTable, PALETTE, StackedBars, type Part } from '../charts';
import * as f from '../format';
import {
  ImportHuggingFaceConfigDocument,
  PlanDocument,
  type LayoutFragment,
  type Offload,
  type Optimizer,
  type PlanQuery,
  type Precision,
  type RecomputeMode,
  type TrainingPlanInput,
  type TrainingRecipe,
} from '../gql/graphql';
import { readParams, writeParams } from '../url';

export interface PlanState {
  model: string;
  cluster: string;
  /** GPUs of the cluster used: 0 = all; fewer = its first nodes, or part of one node (as the search's UP_TO mode). */
  gpus: number;
  globalBatchSize: number;
  microBatchSize: number;
  tensorParallel: number;
  pipelineParallel: number;
  /** '' = the GPUs left over. */
  dataParallel: string;
  contextParallel: number;
  expertParallel: number;
  /** Routed experts' TP: 0 = the same as TP (the default), 1 = MoE parallel folding. */
  expertTensorParallel: number;
  zeroStage: number;
  recompute: RecomputeMode;
  /** Under FULL: layers of each virtual stage recomputed (0 = all; recomputeLayers). */
  recomputeLayers: number;
  sequenceParallel: boolean;
  flashAttention: boolean;
  pipelineInterleave: number;
  /** Layers of each virtual pipeline stage, comma-separated ('' = the planner's even split; pipelineStageLayers). */
  stageLayers: string;
  offload: Offload;
  optimizer: Optimizer;
  precision: Precision;
  trainingTokens: number;
  /** A framework's defaults for what the fields below leave open (overlap, gradients, expert launches); CUSTOM = none. */
  recipe: TrainingRecipe;
}

export const DEFAULT_PLAN: PlanState = {
  model: 'gpt3-175b',
  cluster: 'a100-80gb-x1024',
  gpus: 0,
  globalBatchSize: 1536,
  microBatchSize: 1,
  tensorParallel: 8,
  pipelineParallel: 8,
  dataParallel: '',
  contextParallel: 1,
  expertParallel: 1,
  expertTensorParallel: 0,
  zeroStage: 1,
  recompute: 'FULL',
  recomputeLayers: 0,
  sequenceParallel: false,
  flashAttention: true,
  pipelineInterleave: 1,
  stageLayers: '',
  offload: 'NONE',
  optimizer: 'ADAM',
  precision: 'BF16',
  trainingTokens: 3e11,
  recipe: 'CUSTOM',
};

const KEYS: Record<keyof PlanState, string> = {
  model: 'model', cluster: 'cluster', gpus: 'gpus', globalBatchSize: 'gbs', microBatchSize: 'mbs', tensorParallel: 'tp',
  pipelineParallel: 'pp', dataParallel: 'dp', contextParallel: 'cp', expertParallel: 'ep', expertTensorParallel: 'etp', zeroStage: 'zero',
  recompute: 'recompute', recomputeLayers: 'rl', sequenceParallel: 'sp', flashAttention: 'fa', pipelineInterleave: 'vpp', stageLayers: 'split', offload: 'offload',
  optimizer: 'optimizer', precision: 'precision', trainingTokens: 'tokens', recipe: 'recipe',
};

export function planParams(s: PlanState): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const key of Object.keys(KEYS) as (keyof PlanState)[]) out[KEYS[key]] = s[key];
  return out;
}

export function planFromParams(params: URLSearchParams, base: PlanState = DEFAULT_PLAN): PlanState {
  const s: PlanState = { ...base };
  for (const key of Object.keys(KEYS) as (keyof PlanState)[]) {
    const raw = params.get(KEYS[key]);
    if (raw === null) continue;
    const current = base[key];
    if (typeof current === 'number') {
      const n = Number(raw);
      if (Number.isFinite(n)) (s as unknown as Record<string, unknown>)[key] = n;
    } else if (typeof current === 'boolean') {
      (s as unknown as Record<string, unknown>)[key] = raw === '1' || raw === 'true';
    } else {
      (s as unknown as Record<string, unknown>)[key] = raw;
    }
  }
  // A recipe the API does not name (a hand-edited link) is dropped, as non-numbers are above, not sent on.
  if (!RECIPES.some((r) => r.value === s.recipe)) s.recipe = base.recipe;
  return s;
}

export function planFromLayout(model: string, cluster: string, trainingTokens: number, p: LayoutFragment): PlanState {
  return {
    model,
    cluster,
    gpus: p.gpuCount,
    trainingTokens,
    globalBatchSize: p.globalBatchSize,
    microBatchSize: p.microBatchSize,
    tensorParallel: p.tensorParallel,
    pipelineParallel: p.pipelineParallel,
    dataParallel: String(p.dataParallel),
    contextParallel: p.contextParallel,
    expertParallel: p.expertParallel,
    expertTensorParallel: p.expertTensorParallel === p.tensorParallel ? 0 : p.expertTensorParallel,
    zeroStage: p.zeroStage,
    recompute: p.recompute,
    recomputeLayers: p.recomputeLayers ?? 0,
    sequenceParallel: p.sequenceParallel,
    flashAttention: p.flashAttention,
    pipelineInterleave: p.pipelineInterleave,
    // The split the layout was evaluated with (the search's BALANCED one, or a plan's own), so it opens unchanged.
    stageLayers: p.pipelineStageLayers?.join(',') ?? '',
    offload: p.offload,
    optimizer: p.optimizer,
    precision: p.precision,
    recipe: 'CUSTOM',
  };
}

/**
 * The cluster part of a plan input: the preset or saved cluster by id, or — when fewer GPUs are asked for — the same
 * hardware on its first nodes or on part of one node (how the search runs a smaller GPU count).
 */
function clusterPart(s: PlanState, catalog: Catalog): Pick<TrainingPlanInput, 'cluster' | 'clusterSpec'> {
  const c = catalog.clusters.find((x) => x.id === s.cluster);
  if (!c || s.gpus <= 0 || s.gpus >= c.gpuCount) return { cluster: s.cluster };
  const partial = s.gpus < c.gpusPerNode;
  return {
    clusterSpec: {
      name: `${s.gpus} GPUs of ${c.name}`,
      gpu: c.gpu.id,
      gpusPerNode: partial ? s.gpus : c.gpusPerNode,
      nodes: partial ? 1 : Math.ceil(s.gpus / c.gpusPerNode),
      gpuHourUsd: c.gpuHourUsd,
      pue: c.pue,
      hostMemoryBytesPerNode: c.hostMemoryBytesPerNode,
      nvmeBytesPerNode: c.nvmeBytesPerNode,
      // The fabric the cluster was given (a saved cluster's own NIC), which the catalog GPU may not have.
      interNodeBandwidthBytesPerSecond: c.gpu.interNodeBandwidthBytesPerSecond,
    },
  };
}

export function planInput(s: PlanState, catalog: Catalog, zeroStage = s.zeroStage): TrainingPlanInput {
  const input: TrainingPlanInput = {
    model: s.model,
    ...clusterPart(s, catalog),
    globalBatchSize: s.globalBatchSize,
    microBatchSize: s.microBatchSize,
    tensorParallel: s.tensorParallel,
    pipelineParallel: s.pipelineParallel,
    contextParallel: s.contextParallel,
    expertParallel: s.expertParallel,
    zeroStage,
    recompute: s.recompute,
    sequenceParallel: s.sequenceParallel,
    flashAttention: s.flashAttention,
    pipelineInterleave: s.pipelineInterleave,
    offload: s.offload,
    optimizer: s.optimizer,
    precision: s.precision,
    trainingTokens: s.trainingTokens,
  };
  if (s.dataParallel.trim() !== '') input.dataParallel = Number(s.dataParallel);
  if (s.recompute === 'FULL' && s.recomputeLayers > 0) input.recomputeLayers = s.recomputeLayers;
  const split = s.stageLayers.split(',').map((x) => x.trim()).filter((x) => x !== '');
  // Sent as typed (the API names a wrong entry): a split belongs to one PP × v, and the form clears it when they change.
  if (split.length > 0) input.pipelineStageLayers = split.map(Number);
  // Expert TP 1 only when it differs from TP (omitted = the same as TP).
  if (s.expertTensorParallel === 1 && s.tensorParallel > 1) input.expertTensorParallel = 1;
  if (s.recipe !== 'CUSTOM') input.recipe = s.recipe;
  return input;
}

export const MEMORY_PARTS: Part[] = [
  { key: 'parametersBytes', label: 'parameters', colour: PALETTE.blue },
  { key: 'gradientsBytes', label: 'gradients', colour: PALETTE.sky },
  { key: 'optimizerStatesBytes', label: 'optimizer states', colour: PALETTE.orange },
  { key: 'activationsBytes', label: 'activations', colour: PALETTE.green },
  { key: 'temporaryBytes', label: 'temporary buffers', colour: PALETTE.purple },
  { key: 'overheadBytes', label: 'framework overhead', colour: PALETTE.vermillion },
];

type Setter = <K extends keyof PlanState>(key: K, value: PlanState[K]) => void;

export function NumberField(props: { label: string; value: number | string; onChange: (v: string) => void; min?: number; step?: string; hint?: string; name: string; placeholder?: string }): preact.JSX.Element {
  return (
    <label>
      <span>{props.label}</span>
      <input
        type="text"
        inputMode="decimal"
        name={props.name}
        value={String(props.value)}
        onChange={(e) => props.onChange((e.target as HTMLInputElement).value)}
        placeholder={props.placeholder}
        aria-describedby={props.hint ? `${props.name}-hint` : undefined}
      />
      {props.hint && <small id={`${props.name}-hint`}>{props.hint}</small>}
    </label>
  );
}

/** A count where empty means "the default" (0 in the state): the whole cluster, every layer. */
function OptionalCountField(props: { name: string; label: string; value: number; onChange: (n: number) => void; hint: string; placeholder?: string }): preact.JSX.Element {
  return (
    <NumberField
      name={props.name}
      label={props.label}
      value={props.value > 0 ? props.value : ''}
      onChange={(v) => props.onChange(v.trim() === '' ? 0 : int(v))}
      hint={props.hint}
      {...(props.placeholder === undefined ? {} : { placeholder: props.placeholder })}
    />
  );
}

export function Select<T extends string>(props: { label: string; name: string; value: T; options: { value: T; label: string }[]; onChange: (v: T) => void }): preact.JSX.Element {
  return (
    <label>
      <span>{props.label}</span>
      <select name={props.name} value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value as T)}>
        {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </label>
  );
}

/** Model (preset or saved, or a pasted config.json) and cluster. */
export function ModelClusterFields(props: { catalog: Catalog; state: PlanState; set: Setter; onCatalogChanged?: () => Promise<void> | void; gpuField?: boolean }): preact.JSX.Element {
  const { catalog, state, set } = props;
  const presets = catalog.models.filter((m) => m.preset);
  const saved = catalog.models.filter((m) => !m.preset);
  const [pasting, setPasting] = useState(false);
  const [config, setConfig] = useState('');
  const [configName, setConfigName] = useState('');
  const [importError, setImportError] = useState<string | null>(null);
  const importConfig = async () => {
    try {
      const { createModelFromHuggingFaceConfig: model } = await request(ImportHuggingFaceConfigDocument, { config, name: configName.trim() || null });
      await props.onCatalogChanged?.();
      set('model', model.id);
      setPasting(false);
      setImportError(null);
    } catch (e) {
      setImportError(errorText(e));
    }
  };
  return (
    <>
      <label>
        <span>Model</span>
        <select name="model" value={state.model} onChange={(e) => set('model', (e.target as HTMLSelectElement).value)}>
          <optgroup label="Presets">
            {presets.map((m) => <option key={m.id} value={m.id}>{m.name} ({f.count(m.parameters)} parameters)</option>)}
          </optgroup>
          {saved.length > 0 && (
            <optgroup label="Saved models">
              {saved.map((m) => <option key={m.id} value={m.id}>{m.name} ({f.count(m.parameters)})</option>)}
            </optgroup>
          )}
        </select>
      </label>
      {props.onCatalogChanged && (
        <div class="paste">
          <button type="button" class="link" aria-expanded={pasting} onClick={() => setPasting(!pasting)}>
            {pasting ? 'Cancel pasting' : 'Paste a config.json…'}
          </button>
          {pasting && (
            <>
              <label>
                <span>Hugging Face config.json (saved as a model)</span>
                <textarea name="config" rows={6} value={config} onInput={(e) => setConfig((e.target as HTMLTextAreaElement).value)} />
              </label>
              <label>
                <span>Name (optional)</span>
                <input type="text" name="config-name" value={configName} onInput={(e) => setConfigName((e.target as HTMLInputElement).value)} />
              </label>
              <button type="button" onClick={() => void importConfig()}>Import and use</button>
              {importError && <p class="error" role="alert">{importError}</p>}
            </>
          )}
        </div>
      )}
      <label>
        <span>Cluster</span>
        <select name="cluster" value={state.cluster} onChange={(e) => set('cluster', (e.target as HTMLSelectElement).value)}>
          {catalog.clusters.map((c) => (
            <option key={c.id} value={c.id}>{c.name} ({c.gpuCount.toLocaleString('en-US')} × {c.gpu.name}, ${f.fixed(c.gpuHourUsd, 2)}/GPU-hour)</option>
          ))}
        </select>
      </label>
      {props.gpuField && (
        <OptionalCountField name="gpus" label="GPUs used" value={state.gpus} onChange={(n) => set('gpus', n)} hint="empty: the whole cluster; fewer: its first nodes, or part of one node" />
      )}
    </>
  );
}

const int = (v: string) => Math.trunc(Number(v));

/** The API's named recipes (TrainingRecipe); the fields of the form still win over a recipe's layout defaults. */
const RECIPES: { value: TrainingRecipe; label: string }[] = [
  { value: 'CUSTOM', label: 'none (planner defaults)' },
  { value: 'MEGATRON_CORE', label: 'Megatron-Core / NeMo' },
  { value: 'MEGATRON_LM_2021', label: 'Megatron-LM 2021' },
  { value: 'TORCHTITAN_FSDP2', label: 'torchtitan FSDP2' },
  { value: 'DEEPSPEED_ZERO', label: 'DeepSpeed ZeRO' },
  { value: 'DEEPSEEK_V3', label: 'DeepSeek-V3' },
];

export function LayoutFields(props: { state: PlanState; set: Setter }): preact.JSX.Element {
  const { state, set } = props;
  return (
    <>
      <Select<TrainingRecipe> name="recipe" label="Recipe (framework defaults for the rest)" value={state.recipe} options={RECIPES} onChange={(v) => set('recipe', v)} />
      <NumberField name="gbs" label="Global batch (sequences)" value={state.globalBatchSize} onChange={(v) => set('globalBatchSize', int(v))} />
      <NumberField name="mbs" label="Micro-batch (sequences)" value={state.microBatchSize} onChange={(v) => set('microBatchSize', int(v))} />
      <NumberField name="tp" label="Tensor parallel (TP)" value={state.tensorParallel} onChange={(v) => set('tensorParallel', int(v))} />
      <NumberField name="pp" label="Pipeline parallel (PP)" value={state.pipelineParallel} onChange={(v) => set('pipelineParallel', int(v))} />
      <NumberField name="dp" label="Data parallel (DP)" value={state.dataParallel} onChange={(v) => set('dataParallel', v)} hint="empty: the GPUs left over" />
      <NumberField name="cp" label="Context parallel (CP)" value={state.contextParallel} onChange={(v) => set('contextParallel', int(v))} />
      <NumberField name="ep" label="Expert parallel (EP)" value={state.expertParallel} onChange={(v) => set('expertParallel', int(v))} />
      <Select name="etp" label="Expert tensor parallel" value={String(state.expertTensorParallel)} options={[{ value: '0', label: 'same as TP' }, { value: '1', label: '1 (MoE parallel folding)' }]} onChange={(v) => set('expertTensorParallel', Number(v))} />
      <NumberField name="vpp" label="Pipeline interleave (v)" value={state.pipelineInterleave} onChange={(v) => set('pipelineInterleave', int(v))} />
      <NumberField name="split" label="Layers per virtual stage" value={state.stageLayers} onChange={(v) => set('stageLayers', v)} hint="comma-separated, PP × v entries; empty: even" placeholder="even" />
      <Select name="zero" label="ZeRO stage" value={String(state.zeroStage)} options={['0', '1', '2', '3'].map((z) => ({ value: z, label: `ZeRO-${z}` }))} onChange={(v) => set('zeroStage', Number(v))} />
      <Select<RecomputeMode> name="recompute" label="Recompute" value={state.recompute} options={[{ value: 'NONE', label: 'none' }, { value: 'SELECTIVE', label: 'selective' }, { value: 'SELECTIVE_OPERATORS', label: 'selective op (torchtitan)' }, { value: 'FULL', label: 'full' }]} onChange={(v) => set('recompute', v)} />
      {state.recompute === 'FULL' && (
        <OptionalCountField
          name="rl"
          label="Recomputed layers per virtual stage"
          value={state.recomputeLayers}
          onChange={(n) => set('recomputeLayers', n)}
          hint="the first N of each stage; empty: all"
          placeholder="all"
        />
      )}
      <Select<Precision> name="precision" label="Precision" value={state.precision} options={(['BF16', 'FP16', 'FP8', 'FP32'] as Precision[]).map((p) => ({ value: p, label: p }))} onChange={(v) => set('precision', v)} />
      <Select<Optimizer> name="optimizer" label="Optimizer" value={state.optimizer} options={(['ADAM', 'ADAMW', 'ADAM_8BIT', 'ADAFACTOR', 'SGD_MOMENTUM'] as Optimizer[]).map((p) => ({ value: p, label: p }))} onChange={(v) => set('optimizer', v)} />
      <Select<Offload> name="offload" label="Offload" value={state.offload} options={(['NONE', 'OPTIMIZER_CPU', 'OPTIMIZER_NVME', 'PARAMETERS_CPU', 'PARAMETERS_NVME'] as Offload[]).map((p) => ({ value: p, label: p.toLowerCase().replace('_', ' → ') }))} onChange={(v) => set('offload', v)} />
      <label class="check">
        <input type="checkbox" name="sp" checked={state.sequenceParallel} onChange={(e) => set('sequenceParallel', (e.target as HTMLInputElement).checked)} />
        <span>Sequence parallel</span>
      </label>
      <label class="check">
        <input type="checkbox" name="fa" checked={state.flashAttention} onChange={(e) => set('flashAttention', (e.target as HTMLInputElement).checked)} />
        <span>FlashAttention</span>
      </label>
    </>
  );
}

export function useSetter(setState: (fn: (s: PlanState) => PlanState) => void): Setter {
  // A split of the layers belongs to one PP × v: changing either starts from the even split again.
  return (key, value) =>
    setState((s) => ({ ...s, [key]: value, ...((key === 'pipelineParallel' || key === 'pipelineInterleave') && value !== s[key] ? { stageLayers: '' } : {}) }));
}

type PlanResult = PlanQuery['trainingPlanOrError'];
type PlanOk = Extract<PlanResult, { __typename: 'TrainingPlan' }>;

export function PlanView(props: { catalog: Catalog; onCatalogChanged: () => Promise<void> | void }): preact.JSX.Element {
  const [state, setState] = useState<PlanState>(() => planFromParams(readParams()));
  const set = useSetter(setState);
  const [result, setResult] = useState<PlanQuery | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const abort = useRef<AbortController | null>(null);

  const compute = async (s: PlanState) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    writeParams({ view: 'plan', ...planParams(s) });
    setBusy(true);
    try {
      const data = await request(
        PlanDocument,
        {
          input: planInput(s, props.catalog),
          z0: planInput(s, props.catalog, 0),
          z1: planInput(s, props.catalog, 1),
          z2: planInput(s, props.catalog, 2),
          z3: planInput(s, props.catalog, 3),
        },
        controller.signal,
      );
      setResult(data);
      setError(null);
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      setError(errorText(e));
      setResult(null);
    } finally {
      if (abort.current === controller) setBusy(false);
    }
  };

  useEffect(() => {
    void compute(state);
    return () => abort.current?.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const plan = result?.trainingPlanOrError;
  return (
    <div class="view plan-view">
      <form
        class="inputs"
        aria-label="Plan inputs"
        onSubmit={(e) => {
          e.preventDefault();
          void compute(state);
        }}
      >
        <ModelClusterFields catalog={props.catalog} state={state} set={set} onCatalogChanged={props.onCatalogChanged} gpuField />
        <NumberField name="tokens" label="Training tokens" value={state.trainingTokens} onChange={(v) => set('trainingTokens', Number(v))} hint={`${f.count(state.trainingTokens)} tokens`} />
        <LayoutFields state={state} set={set} />
        <div class="actions">
          <button type="submit" class="primary" aria-busy={busy}>Compute plan</button>
          <button type="button" onClick={() => { setState(DEFAULT_PLAN); void compute(DEFAULT_PLAN); }}>Reset</button>
        </div>
        <p class="hint">The inputs are in this page's URL: copy it to share the view.</p>
      </form>
      <section class="results" aria-live="polite" aria-busy={busy}>
        {error && <p class="error" role="alert">{error}</p>}
        {plan?.__typename === 'InputError' && (
          <p class="error" role="alert" data-testid="plan-error">
            {plan.message} (allowed: {plan.allowed})
          </p>
        )}
        {plan?.__typename === 'TrainingPlan' && result && <PlanFigures plan={plan} result={result} />}
      </section>
    </div>
  );
}

const TERM_LABELS: Record<string, string> = {
  COMPUTE: 'compute',
  PIPELINE_BUBBLE: 'pipeline bubble',
  TENSOR_PARALLEL: 'tensor parallel (TP)',
  EXPERT_PARALLEL: 'expert parallel (EP)',
  EXPERT_HOST: 'per-expert host work (EP)',
  CONTEXT_PARALLEL: 'context parallel (CP)',
  PIPELINE_PARALLEL: 'pipeline transfers (PP)',
  DATA_PARALLEL: 'data parallel (DP / ZeRO)',
  OFFLOAD: 'offload',
  OPTIMIZER: 'optimizer step',
};

/** The step time term by term (TrainingPlan.performance.terms): a visible table whose exposed column sums to the step. */
const ORIGIN_LABELS: Record<PlanOk['assumptions'][number]['origin'], string> = {
  USER: 'your input',
  RECIPE: 'recipe',
  DEFAULT: 'default',
  SEARCH: 'search',
};

/** One step-time term as TrainingPlan.performance.terms gives it (the plan view and the validation view show them). */
export interface StepTermRow {
  name: string;
  seconds: number;
  exposedSeconds: number;
  bytes: number;
  explanation: string;
}

export function StepTermsTable(props: { terms: readonly StepTermRow[]; stepSeconds: number }): preact.JSX.Element {
  // Terms that cost nothing on this layout (no EP on a dense model, no offload) are left out of the table.
  const shown = props.terms.filter((t) => t.seconds > 0 || t.exposedSeconds > 0);
  return (
    <figure class="chart">
      <table class="terms" data-testid="step-terms">
        <caption>Step time term by term: alone, exposed (what it adds to the step after overlap; the column sums to {f.seconds(props.stepSeconds)}), bytes one GPU sends, and how it is computed</caption>
        <thead>
          <tr><th scope="col">term</th><th scope="col">alone</th><th scope="col">exposed</th><th scope="col">share of step</th><th scope="col">bytes per GPU</th><th scope="col">how</th></tr>
        </thead>
        <tbody>
          {shown.map((t) => (
            <tr key={t.name}>
              <th scope="row">{TERM_LABELS[t.name] ?? t.name}</th>
              <td>{f.seconds(t.seconds)}</td>
              <td>{f.seconds(t.exposedSeconds)}</td>
              <td>{f.percent(t.exposedSeconds / props.stepSeconds)}</td>
              <td>{t.bytes > 0 ? f.bytes(t.bytes) : '—'}</td>
              <td class="explanation">{t.explanation}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

function PlanFigures(props: { plan: PlanOk; result: PlanQuery }): preact.JSX.Element {
  const { plan, result } = props;
  useEffect(() => {
    if (performance.getEntriesByName('zeroplan:first-plan').length === 0) performance.mark('zeroplan:first-plan');
  }, []);
  const { memory, performance: perf, run, parallelism: par } = plan;
  const capacity = memory.capacityBytes;
  const usable = capacity - memory.headroomBytes;
  // Many stages: numbers only under the bars (the table has the layers per stage).
  const many = memory.stages.length > 8;
  const stageBars = memory.stages.map((st) => ({
    label: many ? String(st.stage) : `stage ${st.stage}`,
    values: st as unknown as Record<string, number>,
    limit: capacity,
    note: many ? undefined : `${f.fixed(st.layers, st.layers % 1 ? 1 : 0)} layers`,
  }));
  const zeros = [result.zero0, result.zero1, result.zero2, result.zero3];
  const zeroBars = zeros.map((z, i) => {
    if (z.__typename !== 'TrainingPlan') return { label: `ZeRO-${i}`, values: {}, note: 'invalid' };
    return { label: `ZeRO-${i}`, values: z.memory as unknown as Record<string, number>, limit: z.memory.capacityBytes, note: z.fits ? `fits · ${f.seconds(z.performance.stepSeconds)}` : 'does not fit' };
  });
  const comm = plan.communication;
  const stepParts: Part[] = [
    { key: 'compute', label: 'compute', colour: PALETTE.blue },
    { key: 'bubble', label: 'pipeline bubble', colour: PALETTE.orange },
    { key: 'tp', label: 'exposed TP', colour: PALETTE.vermillion },
    { key: 'pp', label: 'exposed PP', colour: PALETTE.purple },
    { key: 'dp', label: 'exposed DP / ZeRO', colour: PALETTE.sky },
    { key: 'other', label: 'exposed CP, EP, offload', colour: PALETTE.yellow },
    // The host work of per-expert GEMM launches (performance.expertHostSeconds, the EXPERT_HOST term): not communication.
    ...(perf.expertHostSeconds > 0 ? [{ key: 'host', label: 'per-expert host work', colour: PALETTE.black }] : []),
    { key: 'optimizer', label: 'optimizer step', colour: PALETTE.green },
  ];
  const stepValues = {
    compute: perf.computeSeconds,
    bubble: perf.bubbleSeconds,
    tp: comm.exposedTensorParallelSeconds,
    pp: comm.exposedPipelineParallelSeconds,
    dp: comm.exposedDataParallelSeconds,
    other: comm.exposedContextParallelSeconds + comm.exposedExpertParallelSeconds + comm.exposedOffloadSeconds,
    host: perf.expertHostSeconds,
    optimizer: perf.optimizerSeconds,
  };
  const commRows: [string, number, number][] = [
    ['tensor parallel (TP)', comm.tensorParallelSeconds, comm.exposedTensorParallelSeconds],
    ['pipeline parallel (PP)', comm.pipelineParallelSeconds, comm.exposedPipelineParallelSeconds],
    ['data parallel (DP / ZeRO)', comm.dataParallelSeconds, comm.exposedDataParallelSeconds],
    ['context parallel (CP)', comm.contextParallelSeconds, comm.exposedContextParallelSeconds],
    ['expert parallel (EP)', comm.expertParallelSeconds, comm.exposedExpertParallelSeconds],
  ];
  const layout = `TP ${par.tensorParallel} × PP ${par.pipelineParallel} × DP ${par.dataParallel}${par.contextParallel > 1 ? ` × CP ${par.contextParallel}` : ''}${par.expertParallel > 1 ? `, EP ${par.expertParallel}` : ''}${par.expertTensorParallel !== par.tensorParallel ? ` (expert TP ${par.expertTensorParallel})` : ''}, ZeRO-${par.zeroStage}, micro-batch ${par.microBatchSize}, ${par.gradientAccumulationSteps} accumulation steps, ${f.recomputeText(par)}${par.sequenceParallel ? ', SP' : ''}${par.pipelineInterleave > 1 ? `, v = ${par.pipelineInterleave}` : ''}${par.pipelineStageLayers ? (par.pipelineStageLayers.length <= 16 ? `, layers per stage ${par.pipelineStageLayers.join('/')}` : ', uneven layer split') : ''}, ${par.precision}, ${par.optimizer}`;
  return (
    <>
      <h2>
        {plan.model.name} on {plan.cluster.name}{' '}
        <span class={plan.fits ? 'badge ok' : 'badge bad'} data-testid="fits">{plan.fits ? 'fits' : 'does not fit'}</span>
      </h2>
      <p class="layout">{layout} · {par.gpuCount.toLocaleString('en-US')} GPUs</p>
      <dl class="figures" data-testid="figures">
        <div><dt>Step time</dt><dd data-testid="step-seconds">{f.seconds(perf.stepSeconds)}</dd></div>
        <div><dt>MFU (model FLOPs utilisation)</dt><dd data-testid="mfu">{f.percent(perf.modelFlopsUtilization)}</dd></div>
        <div><dt>Model TFLOP/s per GPU</dt><dd>{f.fixed(perf.modelTflopsPerGpu, 1)} TFLOP/s</dd></div>
        <div><dt>Hardware TFLOP/s per GPU (HFU)</dt><dd>{f.fixed(perf.hardwareTflopsPerGpu, 1)} TFLOP/s ({f.percent(perf.hardwareFlopsUtilization)})</dd></div>
        <div><dt>Throughput</dt><dd>{f.count(perf.tokensPerSecond)} tokens/s</dd></div>
        {run && (
          <>
            <div><dt>Training time</dt><dd data-testid="days">{f.fixed(run.days, 1)} days</dd></div>
            <div><dt>Cost</dt><dd data-testid="cost">{f.usd(run.costUsd)}</dd></div>
            <div><dt>Energy (TDP × PUE {f.fixed(plan.cluster.pue, 2)})</dt><dd>{f.kwh(run.energyKwh)}</dd></div>
            <div><dt>GPU-hours</dt><dd>{f.count(run.gpuHours)} GPU-h</dd></div>
            <div><dt>Steps × tokens</dt><dd>{f.count(run.steps)} steps, {f.count(run.trainingTokens)} tokens</dd></div>
          </>
        )}
        {plan.predictedLoss != null && <div><dt>Predicted loss (Chinchilla fit)</dt><dd>{f.fixed(plan.predictedLoss, 3)} nats/token</dd></div>}
        <div><dt>Memory, most-loaded GPU (stage {memory.mostLoadedStage})</dt><dd>{f.bytes(memory.totalBytes)} of {f.bytes(capacity)} ({f.percent(memory.utilization)})</dd></div>
      </dl>
      {(memory.hostBytes > 0 || memory.nvmeBytes > 0) && (
        <p class="note">Offloaded per GPU: {f.bytes(memory.hostBytes)} to host memory, {f.bytes(memory.nvmeBytes)} to NVMe (not in the bars).</p>
      )}
      {plan.diagnostics.length > 0 && (
        <ul class="diagnostics">
          {plan.diagnostics.map((d) => <li key={d.code} class={d.severity.toLowerCase()}><strong>{d.severity.toLowerCase()}</strong> {d.message}</li>)}
        </ul>
      )}
      <div class="grid2">
        <StackedBars
          title={`Memory per GPU by pipeline stage (GB = 10⁹ bytes; dashed: ${f.bytes(capacity)} capacity)`}
          parts={MEMORY_PARTS}
          bars={stageBars}
          format={f.bytes}
          limitLabel="capacity"
          summary={`Per-GPU memory for ${stageBars.length} pipeline stages; the most loaded, stage ${memory.mostLoadedStage}, uses ${f.bytes(memory.totalBytes)} of ${f.bytes(capacity)} (${f.bytes(usable)} usable after headroom).`}
        />
        <StackedBars
          title="The same layout under ZeRO stages 0–3 (most-loaded GPU, GB)"
          parts={MEMORY_PARTS}
          bars={zeroBars}
          format={f.bytes}
          limitLabel="capacity"
          summary={zeroBars.map((b) => `${b.label}: ${b.note}`).join('; ')}
        />
      </div>
      <div class="grid2">
        <StackedBars
          title="Step time breakdown (seconds per step)"
          parts={stepParts}
          bars={[{ label: 'step', values: stepValues, note: f.seconds(perf.stepSeconds) }]}
          format={f.seconds}
          summary={`Step ${f.seconds(perf.stepSeconds)}: compute ${f.seconds(perf.computeSeconds)}, bubble ${f.seconds(perf.bubbleSeconds)} (${f.percent(perf.bubbleFraction)}), exposed communication ${f.seconds(comm.exposedSeconds)} (TP ${f.seconds(stepValues.tp)}, PP ${f.seconds(stepValues.pp)}, DP ${f.seconds(stepValues.dp)}, other ${f.seconds(stepValues.other)})${perf.expertHostSeconds > 0 ? `, per-expert host work ${f.seconds(perf.expertHostSeconds)}` : ''}, optimizer ${f.seconds(perf.optimizerSeconds)}.`}
        />
        <figure class="chart">
          <figcaption>Communication per step by dimension: alone (light) and left exposed after overlap (dark); {f.seconds(comm.exposedSeconds)} exposed in all{perf.expertHostSeconds > 0 ? ` (EP's per-expert host work, ${f.seconds(perf.expertHostSeconds)}, is in the step breakdown)` : ''}</figcaption>
          <div class="hbars" role="img" aria-label={commRows.map(([k, v, x]) => `${k}: ${f.seconds(v)}, ${f.seconds(x)} exposed`).join('; ')}>
            {commRows.map(([label, value, exposed]) => {
              const max = Math.max(...commRows.map(([, v, x]) => Math.max(v, x)), 1e-12);
              return (
                <div class="hbar" key={label}>
                  <span class="hbar-label">{label}</span>
                  <span class="hbar-track">
                    <span class="hbar-fill light" style={{ width: `${(100 * value) / max}%` }} />
                    <span class="hbar-fill" style={{ width: `${(100 * exposed) / max}%` }} />
                  </span>
                  <span class="hbar-value">{f.seconds(exposed)} / {f.seconds(value)}</span>
                </div>
              );
            })}
          </div>
          <DataTable caption="Communication per step" head={['dimension', 'alone', 'exposed']} rows={commRows.map(([k, v, x]) => [k, f.seconds(v), f.seconds(x)])} />
        </figure>
      </div>
      <StepTermsTable terms={perf.terms} stepSeconds={perf.stepSeconds} />
      <details class="assumptions">
        <summary>Assumptions</summary>
        <ul>
          <li>GB = 10⁹ bytes. Memory is the most-loaded GPU of each pipeline stage: parameters, gradients and optimizer states (ZeRO shards them over data parallelism), activations after Korthikanti et al. 2022, temporary buffers and a framework overhead; the most-loaded GPU has {f.bytes(memory.headroomBytes)} left of its capacity (negative: it does not fit).</li>
          <li>Step time = compute + pipeline bubble ((p − 1)/(v·m) of a stage) + communication not hidden behind compute + the optimizer step; the overlap model and efficiencies are in docs/core-plan.md.</li>
          <li>MFU counts the model's matmul FLOPs (a multiply-add = 2 FLOPs, training = 3 × forward, attention non-causal) against the GPU's dense {par.precision} peak.</li>
          <li>Cost = GPU-hours × ${f.fixed(plan.cluster.gpuHourUsd, 2)} per GPU-hour; energy = GPU TDP ({f.fixed(plan.cluster.gpu.tdpWatts, 0)} W) × PUE × hours. No failures or restarts: the Simulate view adds them.</li>
        </ul>
        <table class="terms" data-testid="plan-assumptions">
          <caption>What this plan assumed, input by input: its value, where it comes from (your input, a recipe, the planner's default) and the source</caption>
          <thead>
            <tr><th scope="col">input</th><th scope="col">value</th><th scope="col">from</th><th scope="col">source</th></tr>
          </thead>
          <tbody>
            {plan.assumptions.map((a) => (
              <tr key={a.name}>
                <th scope="row">{a.name}</th>
                <td>{a.value}</td>
                <td>{ORIGIN_LABELS[a.origin]}</td>
                <td class="explanation">{a.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
