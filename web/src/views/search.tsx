/**
 * Search view: `planSearchProgress` streams the search's progress and best-so-far frontier, then the result: the
 * top layouts (those within the model's stated accuracy of the best are ties, shown as such) and the Pareto
 * frontier as a time-vs-cost scatter; a point or a row opens that layout in the Plan view.
 */
import { useState } from 'preact/hooks';
import type { Catalog } from '../app';
import { DataTable, PALETTE, Scatter, type ScatterPoint } from '../charts';
import * as f from '../format';
import { SearchProgressDocument, type SearchObjective, type SearchPointFragment, type SearchProgressSubscription } from '../gql/graphql';
import { useProgressStream } from '../stream';
import { readParams, writeParams } from '../url';
import { DEFAULT_PLAN, ModelClusterFields, planFromLayout, useSetter, type PlanState } from './plan';

type Progress = SearchProgressSubscription['planSearchProgress'];

const OBJECTIVES: { value: SearchObjective; label: string }[] = [
  { value: 'TIME', label: 'shortest time' },
  { value: 'COST', label: 'lowest cost' },
  { value: 'MFU', label: 'highest MFU' },
  { value: 'TIME_WITHIN_BUDGET', label: 'shortest time within a budget' },
  { value: 'MIN_GPUS', label: 'fewest GPUs' },
];

function layoutText(p: SearchPointFragment['parallelism']): string {
  return `TP ${p.tensorParallel} × PP ${p.pipelineParallel} × DP ${p.dataParallel}${p.contextParallel > 1 ? ` × CP ${p.contextParallel}` : ''}${p.expertParallel > 1 ? ` EP ${p.expertParallel}` : ''}${p.expertTensorParallel !== p.tensorParallel ? ` (expert TP ${p.expertTensorParallel})` : ''}, ZeRO-${p.zeroStage}, mb ${p.microBatchSize}, ${f.recomputeText(p)}${p.sequenceParallel ? ', SP' : ''}${p.pipelineInterleave > 1 ? `, v ${p.pipelineInterleave}` : ''}${p.offload !== 'NONE' ? `, ${p.offload.toLowerCase()}` : ''}`;
}

export function SearchView(props: { catalog: Catalog; onOpenPlan: (s: PlanState) => void }): preact.JSX.Element {
  const params = readParams();
  const [state, setState] = useState<PlanState>({ ...DEFAULT_PLAN, model: params.get('model') ?? DEFAULT_PLAN.model, cluster: params.get('cluster') ?? DEFAULT_PLAN.cluster });
  const set = useSetter(setState);
  const [objective, setObjective] = useState<SearchObjective>((params.get('objective') as SearchObjective) ?? 'TIME');
  const [upTo, setUpTo] = useState(params.get('upto') === '1');
  const [budget, setBudget] = useState(params.get('budget') ?? '');
  const [batch, setBatch] = useState(params.get('gbs') ?? String(DEFAULT_PLAN.globalBatchSize));
  const [tokens, setTokens] = useState(params.get('tokens') ?? String(DEFAULT_PLAN.trainingTokens));
  const stream = useProgressStream(SearchProgressDocument);
  const { running, error, cancel } = stream;
  const progress: Progress | null = stream.data?.planSearchProgress ?? null;
  const [selected, setSelected] = useState<number | undefined>(undefined);

  const run = () => {
    setSelected(undefined);
    writeParams({ view: 'search', model: state.model, cluster: state.cluster, gbs: batch, tokens, objective, budget, upto: upTo });
    stream.start({
      input: {
        model: state.model,
        cluster: state.cluster,
        globalBatchSize: Math.trunc(Number(batch)),
        trainingTokens: Number(tokens),
        objective,
        budgetUsd: objective === 'TIME_WITHIN_BUDGET' && budget !== '' ? Number(budget) : null,
        gpuBudgetMode: upTo ? 'UP_TO' : 'EXACT',
        top: 20,
        maxPareto: 60,
        timeLimitSeconds: 60,
      },
    });
  };

  const open = (plan: SearchPointFragment) => props.onOpenPlan(planFromLayout(state.model, state.cluster, Number(tokens), plan.parallelism));

  const result = progress?.result ?? null;
  const accuracy = result?.modelAccuracyFraction ?? 0;
  const ranked = result?.ranked ?? (progress?.best ?? []).map((plan) => ({ plan, gapToBest: NaN, timeSeconds: plan.run?.seconds ?? plan.performance.stepSeconds, costUsd: plan.run?.costUsd ?? NaN, gpus: plan.parallelism.gpuCount, score: NaN, headroomBytes: NaN }));
  const frontier = result?.frontier ?? (progress?.pareto ?? []).map((plan) => ({ plan, gapToBest: NaN, timeSeconds: plan.run?.seconds ?? plan.performance.stepSeconds, costUsd: plan.run?.costUsd ?? NaN, gpus: plan.parallelism.gpuCount }));
  const isTie = (gap: number) => Number.isFinite(gap) && gap <= accuracy;

  // The scatter: the frontier (diamonds) and the top layouts (circles; ties with the best in green).
  const scatter: { point: ScatterPoint; plan: SearchPointFragment }[] = [
    ...frontier
      .filter((r) => Number.isFinite(r.costUsd))
      .map((r) => ({
        plan: r.plan,
        point: { x: r.timeSeconds, y: r.costUsd, colour: PALETTE.vermillion, shape: 'diamond' as const, label: `Frontier: ${layoutText(r.plan.parallelism)} on ${r.gpus.toLocaleString('en-US')} GPUs — ${f.seconds(r.timeSeconds)}, ${f.usd(r.costUsd)}${Number.isFinite(r.gapToBest) ? `, ${f.percent(r.gapToBest)} from the best` : ''}. Open in Plan.` },
      })),
    ...ranked
      .filter((r) => Number.isFinite(r.costUsd))
      .map((r, i) => ({
        plan: r.plan,
        point: {
          x: r.timeSeconds,
          y: r.costUsd,
          colour: i === 0 ? PALETTE.black : isTie(r.gapToBest) ? PALETTE.green : PALETTE.sky,
          emphasis: i === 0,
          label: `#${i + 1}${i === 0 ? ' (best)' : isTie(r.gapToBest) ? ' (tie: within the model accuracy)' : ''}: ${layoutText(r.plan.parallelism)} on ${r.gpus.toLocaleString('en-US')} GPUs — ${f.seconds(r.timeSeconds)}, ${f.usd(r.costUsd)}. Open in Plan.`,
        },
      })),
  ];

  return (
    <div class="view">
      <form class="inputs" aria-label="Search inputs" onSubmit={(e) => { e.preventDefault(); run(); }}>
        <ModelClusterFields catalog={props.catalog} state={state} set={set} />
        <label><span>Global batch (sequences)</span><input type="text" name="search-gbs" value={batch} onChange={(e) => setBatch((e.target as HTMLInputElement).value)} /></label>
        <label><span>Training tokens</span><input type="text" name="search-tokens" value={tokens} onChange={(e) => setTokens((e.target as HTMLInputElement).value)} /><small>{f.count(Number(tokens))} tokens</small></label>
        <label>
          <span>Objective</span>
          <select name="objective" value={objective} onChange={(e) => setObjective((e.target as HTMLSelectElement).value as SearchObjective)}>
            {OBJECTIVES.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </label>
        {objective === 'TIME_WITHIN_BUDGET' && (
          <label><span>Budget (USD)</span><input type="text" name="budget" value={budget} onChange={(e) => setBudget((e.target as HTMLInputElement).value)} /></label>
        )}
        <label class="check">
          <input type="checkbox" name="upto" checked={upTo} onChange={(e) => setUpTo((e.target as HTMLInputElement).checked)} />
          <span>Also try fewer GPUs (trades time for cost; a larger search)</span>
        </label>
        <div class="actions">
          <button type="submit" class="primary" disabled={running}>Run search</button>
          {running && <button type="button" onClick={cancel}>Stop</button>}
        </div>
        <p class="hint">Every layout the model allows is tried (TP, PP, DP, ZeRO, micro-batch, recompute, SP, interleave, offload); pruning keeps the answer exact.</p>
      </form>
      <section class="results">
        {error && <p class="error" role="alert">{error}</p>}
        {!progress && !running && <p class="hint">Run a search to see the best layouts and the time-vs-cost frontier.</p>}
        {(progress || running) && (
          <>
            <p class="status-line" data-testid="search-status" data-done={progress?.done ? '1' : '0'} aria-live="polite">
              {progress
                ? `${progress.done ? 'Done' : 'Searching'}: ${f.count(progress.evaluated)} layouts evaluated, ${f.count(progress.feasible)} fit, of ${f.count(progress.candidates)} candidates; ${f.seconds(progress.elapsedSeconds)}.`
                : 'Starting…'}
            </p>
            <progress max={1} value={progress ? (progress.done ? 1 : progress.covered / Math.max(1, progress.candidates)) : undefined} aria-label="Search progress" />
          </>
        )}
        {result && (
          <p class="note" data-testid="search-summary">
            Best of {result.ranked.length} shown by {result.objective.toLowerCase().replace(/_/g, ' ')}; the planner is accurate to {f.percent(accuracy, 0)} against published runs, so{' '}
            <strong>{result.nearOptimal} layout{result.nearOptimal === 1 ? ' is' : 's are'} within it of the best: ties the model cannot rank</strong>.
            {result.winnerReason ? ` ${result.winnerReason}` : ''}
            {result.stopReason !== 'COMPLETE' ? ` (stopped: ${result.stopReason.toLowerCase()})` : ''}
          </p>
        )}
        {scatter.length > 0 && (
          <Scatter
            title="Time to train vs cost — click a point (or focus it and press Enter) to open that plan"
            points={scatter.map((s) => s.point)}
            xLabel="time to train"
            yLabel="cost (USD)"
            formatX={f.seconds}
            formatY={f.usd}
            selected={selected}
            onPick={(i) => {
              setSelected(i);
              open(scatter[i]!.plan);
            }}
            legend={[
              { label: 'Pareto frontier (time, cost, memory headroom)', colour: PALETTE.vermillion },
              { label: 'best', colour: PALETTE.black },
              { label: `tie with the best (within ${f.percent(accuracy, 0)})`, colour: PALETTE.green },
              { label: 'other top layouts', colour: PALETTE.sky },
            ]}
            summary={`${frontier.length} frontier layouts from ${f.seconds(Math.min(...frontier.map((r) => r.timeSeconds)))} to ${f.seconds(Math.max(...frontier.map((r) => r.timeSeconds)))}; ${ranked.length} top layouts. Each point is a button that opens the plan.`}
          />
        )}
        {ranked.length > 0 && (
          <figure class="chart">
            <figcaption>Top layouts</figcaption>
            <div class="scroll">
              <table data-testid="ranked">
                <thead>
                  <tr><th scope="col">#</th><th scope="col" style={{ textAlign: 'left' }}>layout</th><th scope="col">GPUs</th><th scope="col">time</th><th scope="col">cost</th><th scope="col">MFU</th><th scope="col">memory / GPU</th><th scope="col">gap to best</th><th scope="col"><span class="sr-only">open</span></th></tr>
                </thead>
                <tbody>
                  {ranked.map((r, i) => (
                    <tr key={i} class={isTie(r.gapToBest) && i > 0 ? 'tie' : ''}>
                      <th scope="row">{i + 1}</th>
                      <td style={{ textAlign: 'left' }}>{layoutText(r.plan.parallelism)}</td>
                      <td>{r.gpus.toLocaleString('en-US')}</td>
                      <td>{f.seconds(r.timeSeconds)}</td>
                      <td>{Number.isFinite(r.costUsd) ? f.usd(r.costUsd) : '–'}</td>
                      <td>{f.percent(r.plan.performance.modelFlopsUtilization)}</td>
                      <td>{f.bytes(r.plan.memory.totalBytes)} of {f.bytes(r.plan.memory.capacityBytes)}</td>
                      <td>{Number.isFinite(r.gapToBest) ? (i === 0 ? 'best' : `${f.percent(r.gapToBest)}${isTie(r.gapToBest) ? ' (tie)' : ''}`) : '–'}</td>
                      <td><button type="button" onClick={() => open(r.plan)} aria-label={`Open layout ${i + 1} in Plan`}>Open</button></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </figure>
        )}
        {frontier.length > 0 && (
          <DataTable
            caption="Pareto frontier"
            head={['layout', 'GPUs', 'time', 'cost']}
            rows={frontier.map((r) => [layoutText(r.plan.parallelism), r.gpus.toLocaleString('en-US'), f.seconds(r.timeSeconds), f.usd(r.costUsd)])}
          />
        )}
      </section>
    </div>
  );
}
