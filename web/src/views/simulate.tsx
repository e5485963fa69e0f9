/**
 * Simulate view: start a simulated run (plan + reliability preset + replicas + pace) and watch it over
 * `simulationEvents`: progress, interruptions on a timeline, goodput and ETTR converging over replicas, the loss
 * curve. A dropped connection resumes with `after` = the last seq seen (graphql-ws retries, api.ts moves the
 * cursor), so the stream has no gap; finished runs reopen from the store.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Catalog } from '../app';
import { errorText, request, subscribe } from '../api';
import { DataTable, LineChart, PALETTE, Timeline, type Mark } from '../charts';
import * as f from '../format';
import {
  CancelSimulationDocument,
  RerunSimulationDocument,
  SimulationEventsDocument,
  SimulationsDocument,
  StartSimulationDocument,
  type SimulationEventsSubscription,
  type SimulationRowFragment,
} from '../gql/graphql';
import { readParams, writeParams } from '../url';
import { LayoutFields, ModelClusterFields, planInput, useSetter, DEFAULT_PLAN, type PlanState } from './plan';

type SimEvent = SimulationEventsSubscription['simulationEvents'];
type Summary = Extract<SimEvent, { __typename: 'SimulationCompleted' }>['summary'];

const LLAMA3: PlanState = {
  ...DEFAULT_PLAN,
  model: 'llama3-405b',
  cluster: 'h100-sxm-x16384',
  globalBatchSize: 2048,
  tensorParallel: 8,
  pipelineParallel: 16,
  sequenceParallel: true,
  zeroStage: 1,
  recompute: 'FULL',
  trainingTokens: 15.6e12,
};

const PACES: { value: string; label: string }[] = [
  { value: '3600', label: '1 simulated hour per second' },
  { value: '86400', label: '1 simulated day per second' },
  { value: '604800', label: '1 simulated week per second' },
  { value: '', label: 'as fast as possible' },
];

/** Everything the stream has delivered, kept outside Preact state and drawn at most every 100 ms. */
interface Stream {
  events: number;
  lastSeq: number;
  gaps: number;
  duplicates: number;
  done: boolean;
  terminal: string | null;
  detailedReplica: number | null;
  progress: { t: number[]; fraction: number[]; goodput: number[]; ettr: number[]; tokens: number[]; loss: (number | null)[] };
  marks: Mark[];
  interruptions: { planned: number; unexpected: number };
  replicas: { n: number[]; goodputMean: number[]; goodputP10: number[]; goodputP90: number[]; ettrMean: number[]; ettrSum: number; rows: { replica: number; ettr: number; goodput: number; interruptions: number; days: number; costUsd: number }[] };
  summary: Summary | null;
  message: string | null;
}

function emptyStream(): Stream {
  return {
    events: 0, lastSeq: 0, gaps: 0, duplicates: 0, done: false, terminal: null, detailedReplica: null,
    progress: { t: [], fraction: [], goodput: [], ettr: [], tokens: [], loss: [] },
    marks: [], interruptions: { planned: 0, unexpected: 0 },
    replicas: { n: [], goodputMean: [], goodputP10: [], goodputP90: [], ettrMean: [], ettrSum: 0, rows: [] },
    summary: null, message: null,
  };
}

function apply(s: Stream, e: SimEvent): void {
  if (e.seq <= s.lastSeq) {
    s.duplicates += 1;
    return;
  }
  if (e.seq !== s.lastSeq + 1) s.gaps += 1;
  s.lastSeq = e.seq;
  s.events += 1;
  const days = e.simulatedSeconds / 86400;
  switch (e.__typename) {
    case 'SimulationProgress': {
      s.detailedReplica ??= e.replica;
      if (e.replica !== s.detailedReplica) break;
      const p = s.progress;
      p.t.push(days);
      p.fraction.push(e.fractionComplete);
      p.goodput.push(e.goodput);
      p.ettr.push(e.effectiveTrainingTimeRatio);
      p.tokens.push(e.tokens);
      p.loss.push(e.predictedLoss ?? null);
      break;
    }
    case 'SimulationInterruption':
      s.detailedReplica ??= e.replica;
      if (e.replica !== s.detailedReplica) break;
      if (e.planned) s.interruptions.planned += 1;
      else s.interruptions.unexpected += 1;
      s.marks.push({
        at: e.simulatedSeconds,
        kind: e.planned ? 'planned' : 'unexpected',
        colour: e.planned ? PALETTE.blue : PALETTE.vermillion,
        label: `day ${f.fixed(days, 2)}: ${e.planned ? 'planned' : 'unexpected'} interruption (${e.cause}), ${f.seconds(e.lostWorkSeconds)} of work lost${e.duringRecovery ? ', during recovery' : ''}`,
      });
      break;
    case 'SimulationReplicaCompleted': {
      const r = s.replicas;
      r.ettrSum += e.result.effectiveTrainingTimeRatio;
      r.n.push(e.running.replicasDone);
      r.goodputMean.push(e.running.goodput.mean);
      r.goodputP10.push(e.running.goodput.p10);
      r.goodputP90.push(e.running.goodput.p90);
      r.ettrMean.push(r.ettrSum / r.n.length);
      r.rows.push({ replica: e.replica, ettr: e.result.effectiveTrainingTimeRatio, goodput: e.result.goodput, interruptions: e.result.interruptions, days: e.result.simulatedSeconds / 86400, costUsd: e.result.costUsd });
      break;
    }
    case 'SimulationCompleted':
      s.summary = e.summary;
      s.done = true;
      s.terminal = 'completed';
      break;
    case 'SimulationFailed':
      s.done = true;
      s.terminal = 'failed';
      s.message = e.message;
      break;
    case 'SimulationInterrupted':
      s.done = true;
      s.terminal = 'interrupted';
      s.message = e.reason;
      break;
    case 'SimulationCancelled':
      s.done = true;
      s.terminal = 'cancelled';
      break;
    default:
      break;
  }
}

export function SimulateView(props: { catalog: Catalog }): preact.JSX.Element {
  const [plan, setPlan] = useState<PlanState>(LLAMA3);
  const set = useSetter(setPlan);
  const presets = props.catalog.reliabilityPresets;
  const [preset, setPreset] = useState(presets.find((p) => p.id === 'llama3-405b')?.id ?? presets[0]?.id ?? '');
  const [replicas, setReplicas] = useState('8');
  const [pace, setPace] = useState('604800');
  const [seed, setSeed] = useState('1');
  // Llama 3's 54-day snapshot (Dubey et al. 2024, §3.3.4: 466 interruptions in a 54-day period).
  const [horizonDays, setHorizonDays] = useState('54');
  const [error, setError] = useState<string | null>(null);
  const [list, setList] = useState<SimulationRowFragment[]>([]);
  const [current, setCurrent] = useState<SimulationRowFragment | null>(null);
  const stream = useRef<Stream>(emptyStream());
  const [, setFrame] = useState(0);
  const unsubscribe = useRef<(() => void) | null>(null);
  const drawTimer = useRef<number | null>(null);
  /** The horizon each run started here was given (the API does not return it). */
  const horizons = useRef(new Map<string, number>());

  const refreshList = () =>
    request(SimulationsDocument, {})
      .then((d) => setList(d.simulations))
      .catch((e: unknown) => setError(errorText(e)));

  const scheduleDraw = () => {
    if (drawTimer.current !== null) return;
    drawTimer.current = window.setTimeout(() => {
      drawTimer.current = null;
      setFrame((n) => n + 1);
    }, 100);
  };

  const watch = (sim: SimulationRowFragment) => {
    unsubscribe.current?.();
    stream.current = emptyStream();
    setCurrent(sim);
    writeParams({ view: 'simulate', sim: sim.id });
    setFrame((n) => n + 1);
    unsubscribe.current = subscribe(
      SimulationEventsDocument,
      { id: sim.id, after: 0 },
      {
        next: (data) => {
          apply(stream.current, data.simulationEvents);
          scheduleDraw();
        },
        error: (e) => {
          setError(errorText(e));
          scheduleDraw();
        },
        complete: () => {
          stream.current.done = true;
          scheduleDraw();
          void refreshList();
        },
      },
      // The cursor: a resubscription after a reconnect asks only for what came after the last event seen.
      (variables, data) => {
        variables.after = Math.max(variables.after ?? 0, data.simulationEvents.seq);
      },
    );
  };

  useEffect(() => {
    void refreshList().then(() => undefined);
    const id = readParams().get('sim');
    if (id) {
      void request(SimulationsDocument, {}).then((d) => {
        const sim = d.simulations.find((s) => s.id === id);
        if (sim) watch(sim);
      });
    }
    return () => {
      unsubscribe.current?.();
      if (drawTimer.current !== null) clearTimeout(drawTimer.current);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const start = async () => {
    setError(null);
    try {
      const { startSimulation: sim } = await request(StartSimulationDocument, {
        input: {
          plan: planInput(plan, props.catalog),
          reliability: { preset },
          replicas: Number(replicas),
          seed: Number(seed),
          pace: pace === '' ? null : Number(pace),
          horizonSeconds: horizonDays.trim() === '' ? null : Number(horizonDays) * 86400,
        },
      });
      if (horizonDays.trim() !== '') horizons.current.set(sim.id, Number(horizonDays) * 86400);
      watch(sim);
      void refreshList();
    } catch (e) {
      setError(errorText(e));
    }
  };

  /** Reruns the current simulation (same input and seed, so the same events) at the chosen pace; a running one is
   * cancelled first — the API fixes a run's pace when it starts. */
  const rerun = async () => {
    if (!current) return;
    try {
      if (!stream.current.done) {
        unsubscribe.current?.();
        await request(CancelSimulationDocument, { id: current.id });
      }
      const { rerunSimulation: sim } = await request(RerunSimulationDocument, { id: current.id, pace: pace === '' ? null : Number(pace) });
      const horizon = horizons.current.get(current.id);
      if (horizon !== undefined) horizons.current.set(sim.id, horizon);
      watch(sim);
      void refreshList();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const cancel = async () => {
    if (!current) return;
    try {
      await request(CancelSimulationDocument, { id: current.id });
    } catch (e) {
      setError(errorText(e));
    }
  };

  const s = stream.current;
  const lastSeconds = (s.progress.t.at(-1) ?? 0) * 86400;
  const horizon = current ? (s.done ? lastSeconds : Math.max(horizons.current.get(current.id) ?? current.totalSteps * current.nominalStepSeconds, lastSeconds)) : 1;
  const fraction = s.progress.fraction.at(-1) ?? 0;
  const now = (s.progress.t.at(-1) ?? 0) * 86400;
  const hasLoss = s.progress.loss.some((v) => v !== null);

  return (
    <div class="view">
      <div>
        <form class="inputs" aria-label="Simulation inputs" onSubmit={(e) => { e.preventDefault(); void start(); }}>
          <ModelClusterFields catalog={props.catalog} state={plan} set={set} gpuField />
          <label>
            <span>Training tokens</span>
            <input type="text" name="sim-tokens" value={String(plan.trainingTokens)} onChange={(e) => set('trainingTokens', Number((e.target as HTMLInputElement).value))} />
            <small>{f.count(plan.trainingTokens)} tokens</small>
          </label>
          <details>
            <summary>Layout (defaults: Llama 3 405B's pre-training)</summary>
            <LayoutFields state={plan} set={set} />
          </details>
          <label>
            <span>Reliability preset</span>
            <select name="reliability" value={preset} onChange={(e) => setPreset((e.target as HTMLSelectElement).value)}>
              {presets.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
            <small>{presets.find((p) => p.id === preset)?.description}</small>
          </label>
          <label>
            <span>Replicas (Monte Carlo runs)</span>
            <input type="text" inputMode="numeric" name="replicas" value={replicas} onChange={(e) => setReplicas((e.target as HTMLInputElement).value)} />
          </label>
          <label>
            <span>Horizon (days; empty: until the tokens are trained)</span>
            <input type="text" inputMode="decimal" name="horizon" value={horizonDays} onChange={(e) => setHorizonDays((e.target as HTMLInputElement).value)} />
          </label>
          <label>
            <span>Seed</span>
            <input type="text" inputMode="numeric" name="seed" value={seed} onChange={(e) => setSeed((e.target as HTMLInputElement).value)} />
          </label>
          <label>
            <span>Pace</span>
            <select name="pace" value={pace} onChange={(e) => setPace((e.target as HTMLSelectElement).value)}>
              {PACES.map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
            </select>
          </label>
          <div class="actions">
            <button type="submit" class="primary">Start simulation</button>
            {current && !s.done && <button type="button" onClick={() => void cancel()}>Cancel</button>}
            {current && <button type="button" onClick={() => void rerun()}>{s.done ? 'Replay at this pace' : 'Restart at this pace'}</button>}
          </div>
        </form>
        <SimulationList list={list} current={current?.id ?? null} onOpen={watch} />
      </div>
      <section class="results">
        {error && <p class="error" role="alert">{error}</p>}
        {!current && <p class="hint">Start a simulation, or open one from the list: its stored events replay, then live ones follow.</p>}
        {current && (
          <>
            <h2>
              Simulation {current.id}{' '}
              <span class={s.terminal === 'completed' ? 'badge ok' : s.terminal ? 'badge bad' : 'badge tie'} data-testid="sim-status">{s.terminal ?? 'running'}</span>
            </h2>
            <p class="layout">
              {current.gpuCount.toLocaleString('en-US')} GPUs · {current.replicas} replicas · preset {current.reliabilityPreset} · nominal step {f.seconds(current.nominalStepSeconds)} · {f.count(current.totalSteps)} steps
              {current.pace ? ` · pace ${f.fixed(current.pace / 86400, current.pace < 86400 ? 3 : 1)} simulated days per second` : ' · as fast as possible'}
            </p>
            <p class="status-line" data-testid="stream" data-events={s.events} data-last-seq={s.lastSeq} data-gaps={s.gaps} data-duplicates={s.duplicates} data-done={s.done ? '1' : '0'} aria-live="off">
              Stream: {s.events} events, last seq {s.lastSeq}, {s.gaps} gaps, {s.duplicates} duplicates dropped{s.done ? ', ended' : ''}
            </p>
            <label>
              <span class="sr-only">Progress of the detailed replica</span>
              <progress max={1} value={fraction} aria-valuetext={`${f.percent(fraction)} of the tokens`} />
            </label>
            <p class="note">Detailed replica: {f.percent(fraction)} done at day {f.fixed(now / 86400, 1)}; {s.interruptions.unexpected} unexpected and {s.interruptions.planned} planned interruptions so far.{s.message ? ` ${s.message}` : ''}</p>
            <Timeline
              title="Wall clock of the detailed replica (days): interruptions as marks (vermillion: unexpected, blue: planned)"
              end={horizon}
              now={now}
              marks={s.marks}
              format={(v) => `${f.fixed(v / 86400, 0)} d`}
              summary={`${s.marks.length} interruptions over ${f.fixed(now / 86400, 1)} simulated days: ${s.interruptions.unexpected} unexpected, ${s.interruptions.planned} planned.`}
            />
            <div class="grid2">
              <LineChart
                title="Detailed replica: fraction done, goodput and ETTR over the wall clock"
                xLabel="simulated days"
                yLabel="fraction"
                series={[
                  { label: 'fraction of tokens', colour: PALETTE.blue },
                  { label: 'goodput', colour: PALETTE.orange },
                  { label: 'ETTR', colour: PALETTE.green, dash: [6, 3] },
                ]}
                data={[s.progress.t.slice(), s.progress.fraction.slice(), s.progress.goodput.slice(), s.progress.ettr.slice()]}
                summary={`After ${f.fixed(now / 86400, 1)} days: ${f.percent(fraction)} done, goodput ${f.percent(s.progress.goodput.at(-1) ?? 0)}, ETTR ${f.percent(s.progress.ettr.at(-1) ?? 0)}.`}
              />
              <LineChart
                title="Converging over replicas: running mean goodput (p10–p90) and ETTR"
                xLabel="replicas done"
                yLabel="fraction"
                series={[
                  { label: 'goodput mean', colour: PALETTE.orange, points: true },
                  { label: 'goodput p10', colour: PALETTE.orange, dash: [2, 3] },
                  { label: 'goodput p90', colour: PALETTE.orange, dash: [2, 3] },
                  { label: 'ETTR mean', colour: PALETTE.green, points: true },
                ]}
                data={[s.replicas.n.slice(), s.replicas.goodputMean.slice(), s.replicas.goodputP10.slice(), s.replicas.goodputP90.slice(), s.replicas.ettrMean.slice()]}
                summary={`${s.replicas.n.length} replicas done; mean goodput ${f.percent(s.replicas.goodputMean.at(-1) ?? 0)}, mean ETTR ${f.percent(s.replicas.ettrMean.at(-1) ?? 0)}.`}
              />
            </div>
            {hasLoss && (
              <LineChart
                title="Predicted loss along the detailed replica (nats/token)"
                xLabel="tokens trained"
                yLabel="loss (nats/token)"
                formatX={f.count}
                series={[{ label: 'predicted loss', colour: PALETTE.purple }]}
                data={[s.progress.tokens.slice(), s.progress.loss.slice()]}
                summary={`Predicted loss ${f.fixed(s.progress.loss.filter((v) => v !== null).at(-1) ?? null, 3)} nats/token after ${f.count(s.progress.tokens.at(-1) ?? 0)} tokens.`}
              />
            )}
            {s.replicas.rows.length > 0 && (
              <DataTable
                caption="Replicas"
                head={['replica', 'ETTR', 'goodput', 'interruptions', 'wall clock', 'cost']}
                rows={s.replicas.rows.map((r) => [String(r.replica), f.percent(r.ettr), f.percent(r.goodput), String(r.interruptions), `${f.fixed(r.days, 1)} days`, f.usd(r.costUsd)])}
              />
            )}
            {s.summary && <SummaryFigures summary={s.summary} />}
          </>
        )}
      </section>
    </div>
  );
}

function SummaryFigures(props: { summary: Summary }): preact.JSX.Element {
  const m = props.summary;
  return (
    <>
      <h3>Summary over {m.replicas} replicas</h3>
      <dl class="figures" data-testid="sim-summary">
        <div><dt>ETTR (productive / wall clock)</dt><dd>{f.percent(m.effectiveTrainingTimeRatio)}</dd></div>
        <div><dt>Goodput</dt><dd>{f.percent(m.goodput)} (p10 {f.percent(m.goodputQuantiles.p10)}, p90 {f.percent(m.goodputQuantiles.p90)})</dd></div>
        <div><dt>Time to train (p50)</dt><dd>{f.fixed(m.timeToTrainSeconds.p50 / 86400, 1)} days (p10–p90 {f.fixed(m.timeToTrainSeconds.p10 / 86400, 1)}–{f.fixed(m.timeToTrainSeconds.p90 / 86400, 1)})</dd></div>
        <div><dt>Interruptions (mean)</dt><dd>{f.fixed(m.interruptions, 1)} ({f.fixed(m.unexpectedInterruptions, 1)} unexpected, {f.fixed(m.plannedInterruptions, 1)} planned)</dd></div>
        <div><dt>Cost / wasted</dt><dd>{f.usd(m.costUsd)} / {f.usd(m.wastedCostUsd)}</dd></div>
        <div><dt>Checkpoint interval ({m.checkpointIntervalSource})</dt><dd>{f.seconds(m.checkpointIntervalSeconds)}</dd></div>
        {m.predictedLoss != null && <div><dt>Predicted final loss</dt><dd>{f.fixed(m.predictedLoss, 3)} nats/token</dd></div>}
      </dl>
      <DataTable caption="Interruptions by cause (mean per replica)" head={['cause', 'mean count']} rows={m.interruptionsByCause.map((c) => [c.label, f.fixed(c.mean, 1)])} />
    </>
  );
}

function SimulationList(props: { list: SimulationRowFragment[]; current: string | null; onOpen: (s: SimulationRowFragment) => void }): preact.JSX.Element {
  if (props.list.length === 0) return <p class="hint">No stored simulations yet.</p>;
  return (
    <section aria-label="Stored simulations" class="sim-list">
      <h3>Stored simulations</h3>
      <table>
        <thead><tr><th scope="col">id</th><th scope="col">status</th><th scope="col">ETTR</th><th scope="col"><span class="sr-only">open</span></th></tr></thead>
        <tbody>
          {props.list.map((s) => (
            <tr key={s.id} class={s.id === props.current ? 'selected' : ''}>
              <th scope="row">{s.id}</th>
              <td>{s.status.toLowerCase()}</td>
              <td>{s.summary ? f.percent(s.summary.effectiveTrainingTimeRatio) : '–'}</td>
              <td><button type="button" onClick={() => props.onOpen(s)} aria-label={`Open simulation ${s.id}`}>Open</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
