/**
 * Scaling view: compute-optimal parameters and tokens, and the predicted loss, for a compute budget under Kaplan
 * et al. 2020, Chinchilla (Hoffmann et al. 2022: Table 3 allocation and the approach-3 fit) and Epoch AI's 2024
 * replication, as curves over 10¹⁸–10²⁷ FLOPs; and the article's GPT-2 → GPT-3 → "GPT-4" extrapolation.
 */
import { useEffect, useState } from 'preact/hooks';
import { errorText, request } from '../api';
import { DataTable, LineChart, SERIES_COLOURS } from '../charts';
import * as f from '../format';
import {
  ComputeOptimalCurvesDocument,
  ComputeOptimalPointDocument,
  ExtrapolationDocument,
  type ComputeOptimalCurvesQueryVariables,
  type CurvePointFragment, type ComputeOptimalPointQuery, type ExtrapolationQuery, type ScalingLaw,
} from '../gql/graphql';
import { readParams, writeParams } from '../url';

const LAWS: { law: ScalingLaw; label: string }[] = [
  { law: 'KAPLAN', label: 'Kaplan et al. 2020' },
  { law: 'CHINCHILLA', label: 'Chinchilla (Table 3)' },
  { law: 'CHINCHILLA_PARAMETRIC', label: 'Chinchilla approach 3 fit' },
  { law: 'EPOCH', label: 'Epoch AI 2024 replication' },
];

/** Decades from 10¹⁸ to 10²⁷ FLOPs ($c0 … $c9 of ComputeOptimalCurves). */
const GRID = Array.from({ length: 10 }, (_, i) => 10 ** (18 + i));
/** The law of each alias prefix in ComputeOptimalCurves, in LAWS' order. */
const PREFIXES = ['k', 'c', 'p', 'e'] as const;

const BUDGETS: { label: string; flops: number }[] = [
  { label: 'GPT-3 175B (3.14·10²³)', flops: 3.14e23 },
  { label: 'Chinchilla 70B (5.76·10²³)', flops: 5.76e23 },
  { label: 'Llama 3 405B (3.8·10²⁵)', flops: 3.8e25 },
];

type Point = ComputeOptimalPointQuery['computeOptimal'];

export function ScalingView(): preact.JSX.Element {
  const params = readParams();
  const [budget, setBudget] = useState(params.get('c') ?? '3.14e23');
  const [rows, setRows] = useState<Point[] | null>(null);
  const [curves, setCurves] = useState<CurvePointFragment[][] | null>(null);
  const [extrapolation, setExtrapolation] = useState<ExtrapolationQuery['extrapolation'] | null>(null);
  const [showExtrapolation, setShowExtrapolation] = useState(params.get('x') === '1');
  const [error, setError] = useState<string | null>(null);

  const load = async (c: string) => {
    writeParams({ view: 'scaling', c, x: showExtrapolation ? 1 : undefined });
    try {
      const computeFlops = Number(c);
      setRows(await Promise.all(LAWS.map(({ law }) => request(ComputeOptimalPointDocument, { computeFlops, law }).then((d) => d.computeOptimal))));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  };

  useEffect(() => {
    void load(budget);
    const budgets = Object.fromEntries(GRID.map((c, i) => [`c${i}`, c])) as ComputeOptimalCurvesQueryVariables;
    request(ComputeOptimalCurvesDocument, budgets)
      .then((d) => {
        const byAlias = d as unknown as Record<string, CurvePointFragment>;
        setCurves(PREFIXES.map((prefix) => GRID.map((_, i) => byAlias[`${prefix}${i}`]!)));
      })
      .catch((e: unknown) => setError(errorText(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    writeParams({ view: 'scaling', c: budget, x: showExtrapolation ? 1 : undefined });
    if (showExtrapolation && !extrapolation) {
      request(ExtrapolationDocument, {})
        .then((d) => setExtrapolation(d.extrapolation))
        .catch((e: unknown) => setError(errorText(e)));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [showExtrapolation]);

  return (
    <div class="view">
      <form class="inputs" aria-label="Scaling inputs" onSubmit={(e) => { e.preventDefault(); void load(budget); }}>
        <label>
          <span>Compute budget (FLOPs)</span>
          <input type="text" name="compute" value={budget} onChange={(e) => setBudget((e.target as HTMLInputElement).value)} />
          <small>{Number.isFinite(Number(budget)) ? `${f.sci(Number(budget))} FLOPs` : 'a number such as 3.14e23'}</small>
        </label>
        <div class="actions">
          <button type="submit" class="primary">Allocate</button>
        </div>
        <fieldset class="budgets">
          <legend>Published budgets</legend>
          {BUDGETS.map((b) => (
            <button key={b.label} type="button" class="link" onClick={() => { setBudget(String(b.flops)); void load(String(b.flops)); }}>{b.label}</button>
          ))}
        </fieldset>
        <button type="button" class="primary" aria-expanded={showExtrapolation} onClick={() => setShowExtrapolation(!showExtrapolation)} data-testid="extrapolate">
          GPT-2 → GPT-3 → “GPT-4”
        </button>
        <p class="hint">C = 6·N·D FLOPs; loss in nats per token (Kaplan's law counts non-embedding parameters).</p>
      </form>
      <section class="results">
        {error && <p class="error" role="alert">{error}</p>}
        {rows && (
          <figure class="chart">
            <figcaption>Compute-optimal allocation for {f.sci(rows[0]!.computeFlops)} FLOPs ({f.count(rows[0]!.computePfDays)} PF-days)</figcaption>
            <table data-testid="allocation">
              <thead>
                <tr><th scope="col">law</th><th scope="col">parameters N</th><th scope="col">tokens D</th><th scope="col">tokens per parameter</th><th scope="col">predicted loss (nats/token)</th></tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={r.law}>
                    <th scope="row">{LAWS[i]!.label}</th>
                    <td>{f.count(r.parameters)}</td>
                    <td>{f.count(r.tokens)}</td>
                    <td>{f.fixed(r.tokensPerParameter, 1)}</td>
                    <td>{f.fixed(r.predictedLoss, 3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </figure>
        )}
        {showExtrapolation && extrapolation && <ExtrapolationFigures x={extrapolation} />}
        {curves && (
          <div class="grid2">
            <LineChart
              title="Compute-optimal parameters N against compute (log–log)"
              xLabel="compute (FLOPs)"
              yLabel="parameters"
              logX
              logY
              formatX={(v) => f.sci(v, 0)}
              formatY={f.count}
              series={LAWS.map((l, i) => ({ label: l.label, colour: SERIES_COLOURS[i]! }))}
              data={[GRID, ...curves.map((c) => c.map((p) => p.parameters))]}
              summary={`At 10²⁴ FLOPs: ${LAWS.map((l, i) => `${l.label} ${f.count(curves[i]![6]!.parameters)} parameters`).join(', ')}.`}
            />
            <LineChart
              title="Predicted loss of the compute-optimal model (nats/token)"
              xLabel="compute (FLOPs)"
              yLabel="loss (nats/token)"
              logX
              formatX={(v) => f.sci(v, 0)}
              series={LAWS.map((l, i) => ({ label: l.label, colour: SERIES_COLOURS[i]! }))}
              data={[GRID, ...curves.map((c) => c.map((p) => p.predictedLoss ?? null))]}
              summary={`At 10²⁴ FLOPs: ${LAWS.map((l, i) => `${l.label} ${f.fixed(curves[i]![6]!.predictedLoss, 3)}`).join(', ')} nats/token.`}
            />
          </div>
        )}
        {curves && (
          <DataTable
            caption="Compute-optimal curves"
            head={['compute (FLOPs)', ...LAWS.map((l) => `${l.label}: N / D / loss`)]}
            rows={GRID.map((c, j) => [f.sci(c, 1), ...curves.map((curve) => `${f.count(curve[j]!.parameters)} / ${f.count(curve[j]!.tokens)} / ${f.fixed(curve[j]!.predictedLoss, 3)}`)])}
          />
        )}
      </section>
    </div>
  );
}

function ExtrapolationFigures(props: { x: ExtrapolationQuery['extrapolation'] }): preact.JSX.Element {
  const x = props.x;
  return (
    <figure class="chart" data-testid="extrapolation">
      <figcaption>The article's extrapolation: the next generation grows as GPT-2 → GPT-3 did (N₄ = N₃² / N₂), with Kaplan's laws</figcaption>
      <table>
        <thead>
          <tr><th scope="col" /><th scope="col">GPT-2</th><th scope="col">GPT-3</th><th scope="col">“GPT-4”</th></tr>
        </thead>
        <tbody>
          <tr><th scope="row">parameters</th><td>{f.count(x.previousParameters)}</td><td>{f.count(x.currentParameters)}</td><td data-testid="next-parameters">{f.count(x.nextParameters)}</td></tr>
          <tr><th scope="row">loss, Kaplan L(N) (nats/token)</th><td>–</td><td>{f.fixed(x.currentLoss, 3)}</td><td>{f.fixed(x.nextLoss, 4)}</td></tr>
          <tr><th scope="row">compute (PF-days)</th><td>–</td><td>{f.count(x.currentComputePfDays)}</td><td>{f.sci(x.nextComputePfDays)} ({f.sci(x.nextComputeFlops)} FLOPs)</td></tr>
        </tbody>
      </table>
      <dl class="figures">
        <div><dt>Growth per generation</dt><dd>{f.fixed(x.growthFactor, 1)}×</dd></div>
        <div><dt>Compute ratio to GPT-3</dt><dd>{f.count(x.computeRatio)}×</dd></div>
        <div><dt>Tokens to train on</dt><dd>{f.count(x.nextTokens)} tokens</dd></div>
        <div><dt>Text</dt><dd>{f.bytes(x.nextDatasetBytes)}</dd></div>
        <div><dt>… as all books / English Wikipedia</dt><dd>{f.fixed(x.nextTokensOverAllBooks, 1)}× / {f.count(x.nextTokensOverEnglishWikipedia)}×</dd></div>
        <div><dt>Cost on V100s / A100s</dt><dd>{f.usd(x.nextCostV100Usd)} / {f.usd(x.nextCostA100Usd)}</dd></div>
      </dl>
      <DataTable
        caption="The same compute spent the Chinchilla way"
        open
        head={['reallocation', 'parameters', 'tokens', 'tokens per parameter', 'loss (nats/token)']}
        rows={[
          ['Chinchilla (Table 3)', f.count(x.chinchilla.parameters), f.count(x.chinchilla.tokens), f.fixed(x.chinchilla.tokensPerParameter, 1), f.fixed(x.chinchilla.predictedLoss, 3)],
          ['Chinchilla approach 3 fit', f.count(x.chinchillaParametric.parameters), f.count(x.chinchillaParametric.tokens), f.fixed(x.chinchillaParametric.tokensPerParameter, 1), f.fixed(x.chinchillaParametric.predictedLoss, 3)],
        ]}
      />
    </figure>
  );
}
