/**
 * Validation view: every published run the step-time model is checked against (the API's `validation` query), with
 * the error of each, the summary figures, the error per family and leave-one-family-out. Every figure on the page
 * comes from the query; the view only formats, filters and sorts.
 */
import { useEffect, useState } from 'preact/hooks';
import { errorText, request } from '../api';
import * as f from '../format';
import {
  ValidationReportDocument,
  ValidationRunTermsDocument,
  type PublishedFigureKind,
  type TrainingPlanInput,
  type ValidationFamily,
  type ValidationReportQuery,
  type ValidationRunTermsQuery,
} from '../gql/graphql';
import { readParams, writeParams } from '../url';
import { Select, StepTermsTable } from './plan';

type Report = ValidationReportQuery['validation'];
type Run = Report['runs'][number];
type FamilyFilter = ValidationFamily | '';

/** Issue 9's target for the worst run (docs/validation.md): rows beyond it are marked. A target, not a result. */
const WORST_RUN_TARGET = 0.12;

const KIND_LABELS: Record<PublishedFigureKind, string> = {
  HARDWARE_TFLOPS_PER_GPU: 'hardware TFLOP/s per GPU',
  MODEL_TFLOPS_PER_GPU: 'model TFLOP/s per GPU',
  MFU: 'MFU',
  STEP_SECONDS: 's per step',
  TOKENS_PER_SECOND_PER_GPU: 'tokens/s per GPU',
  GPU_HOURS_PER_TRILLION_TOKENS: 'GPU-hours per 10¹² tokens',
  RANK_MICRO_BATCH_SECONDS: 's per micro-batch on one pipeline rank',
};

const published = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });
const predictedLarge = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const predictedSmall = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

/** A published or predicted figure in its kind's unit (MFU as a percent); published figures keep their digits. */
function figure(kind: PublishedFigureKind, value: number, isPublished: boolean): string {
  if (kind === 'MFU') return f.percent(value);
  if (isPublished) return published.format(value);
  return (Math.abs(value) >= 1000 ? predictedLarge : predictedSmall).format(value);
}

/** TP8 PP16v8 DP64 (CP, EP and the experts' TP only where they are not 1 / TP). */
type LayoutFields = Pick<
  Run,
  | 'tensorParallel'
  | 'pipelineParallel'
  | 'pipelineInterleave'
  | 'dataParallel'
  | 'contextParallel'
  | 'expertParallel'
  | 'expertTensorParallel'
>;

function compactLayout(r: LayoutFields): string {
  const parts = [
    `TP${r.tensorParallel}`,
    `PP${r.pipelineParallel}${r.pipelineInterleave > 1 ? `v${r.pipelineInterleave}` : ''}`,
    `DP${r.dataParallel}`,
  ];
  if (r.contextParallel > 1) parts.push(`CP${r.contextParallel}`);
  if (r.expertParallel > 1) parts.push(`EP${r.expertParallel}`);
  if (r.expertParallel > 1 && r.expertTensorParallel !== r.tensorParallel) parts.push(`ETP${r.expertTensorParallel}`);
  return parts.join(' ');
}

const beyondTarget = (r: Run) => Math.abs(r.error) > WORST_RUN_TARGET;

export function ValidationView(): preact.JSX.Element {
  const params = readParams();
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [family, setFamily] = useState<FamilyFilter>((params.get('family') ?? '') as FamilyFilter);
  const [byError, setByError] = useState(params.get('sort') === 'error');
  // The run whose step time is open term by term (a link keeps it).
  const [openRun, setOpenRun] = useState<string>(params.get('run') ?? '');

  useEffect(() => {
    request(ValidationReportDocument, {})
      .then((d) => {
        // A family the API does not name (a hand-edited link) falls back to every family; an unknown run, to none.
        if (!d.validation.families.some((x) => x.family === family)) setFamily('');
        if (!d.validation.runs.some((x) => x.id === openRun)) setOpenRun('');
        setReport(d.validation);
        setError(null);
      })
      .catch((e: unknown) => setError(errorText(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    writeParams({ view: 'validation', family, sort: byError ? 'error' : undefined, run: openRun || undefined });
  }, [family, byError, openRun]);

  if (error)
    return (
      <p class="error" role="alert">
        Could not load the validation report: {error}
      </p>
    );
  if (!report) return <p aria-busy="true">Loading the validation report…</p>;

  const shown = report.runs.filter((r) => !family || r.family === family);
  if (byError) shown.sort((a, b) => Math.abs(b.error) - Math.abs(a.error));

  return (
    <div class="view wide validation">
      <section>
        <h2>Validation: the step-time model against published runs</h2>
        <p class="lede" data-testid="validation-note">
          Every plan rests on the step-time model. This suite checks it against {report.summary.runs} published figures
          from {report.sources} independent sources (papers, framework performance tables, training reports): each run
          is predicted with its published GPUs, layout and recipe, and its error is <em>predicted ÷ published − 1</em> —
          positive when the model's figure is above the published one (too fast for a throughput, too slow for a time).
          Leave-one-family-out predicts each family with the model calibrated without it, closer to what to expect of a
          kind of run the model was not fitted on. Runs beyond {f.percent(WORST_RUN_TARGET, 0)} (the worst-run target)
          are marked, and so are runs the memory model does not fit although they ran: a known gap. Every figure here
          comes live from the API's <code>validation</code> query, the report <code>npm run validate</code> prints.
        </p>
        <Summary report={report} />
      </section>
      <FamilyTable report={report} />
      <section>
        <div class="toolbar">
          <Select<FamilyFilter>
            label="Family"
            name="family"
            value={family}
            options={[
              { value: '', label: `All families (${report.summary.runs} runs)` },
              ...report.families.map((x) => ({ value: x.family, label: `${x.name} (${x.runs})` })),
            ]}
            onChange={setFamily}
          />
          <button type="button" aria-pressed={byError} onClick={() => setByError(!byError)} data-testid="sort-by-error">
            Largest |error| first
          </button>
          <span class="hint" aria-live="polite" data-testid="validation-shown">
            {shown.length} of {report.runs.length} runs, {shown.filter(beyondTarget).length} beyond{' '}
            {f.percent(WORST_RUN_TARGET, 0)}, {shown.filter((r) => !r.predictedFits).length} not fitting in the memory
            model
          </span>
        </div>
        <RunsTable
          runs={shown}
          byError={byError}
          openRun={openRun}
          onToggle={(id) => setOpenRun(openRun === id ? '' : id)}
        />
        <p class="hint">
          Layout: TP tensor, PP pipeline (v: virtual stages per rank), DP data, CP context, EP expert parallel, ETP the
          routed experts' TP. Memory: the model's most-loaded GPU (GB = 10⁹ bytes).
        </p>
      </section>
      {report.heldBack.length > 0 && <HeldBackTable heldBack={report.heldBack} />}
    </div>
  );
}

type HeldBack = Report['heldBack'][number];

/** Runs checked but held back: each under every reading of the input its source leaves open (not in the figures above). */
function HeldBackTable(props: { heldBack: HeldBack[] }): preact.JSX.Element {
  return (
    <section>
      <h3 id="validation-held-back-title">Checked, held back: runs whose figure depends on an unpublished input</h3>
      <p class="hint">
        Not counted above: each reading of what the source leaves open (a micro-batch size, an interleave) predicts
        these runs differently by more than the model's stated accuracy, so their error would measure the guess. Shown
        under every reading instead.
      </p>
      <div class="scroll">
        <table
          class="validation-held-back"
          data-testid="validation-held-back"
          aria-labelledby="validation-held-back-title"
        >
          <thead>
            <tr>
              <th scope="col">run</th>
              <th scope="col">GPUs and layout</th>
              <th scope="col">reading</th>
              <th scope="col">published</th>
              <th scope="col">predicted</th>
              <th scope="col">error</th>
            </tr>
          </thead>
          <tbody>
            {props.heldBack.flatMap((h) =>
              h.readings.map((reading, i) => (
                <tr key={`${h.id}-${i}`}>
                  {i === 0 && (
                    <th scope="row" rowSpan={h.readings.length}>
                      {h.id}
                      <span class="sub">{h.reason}</span>
                    </th>
                  )}
                  <td class="text">
                    {reading.run.gpus.toLocaleString('en-US')} × {reading.run.gpu}
                    <span class="layout-compact">
                      {compactLayout(reading.run)} b{reading.run.microBatchSize}
                    </span>
                  </td>
                  <td class="text">{reading.name}</td>
                  <td>
                    {figure(reading.run.publishedKind, reading.run.published, true)}
                    <span class="sub">{KIND_LABELS[reading.run.publishedKind]}</span>
                  </td>
                  <td>{figure(reading.run.publishedKind, reading.run.predicted, false)}</td>
                  <td>{f.signedPercent(reading.run.error)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

type Stated = Report['statedAccuracies'][number];
/** "5 % / 9 %": the dense and MoE figures planSearch states on Blackwell GPUs (`blackwell`) or on A100 and H100. */
function statedText(all: readonly Stated[], blackwell: boolean): string {
  const pick = (moe: boolean) =>
    all.find((a) => a.mixtureOfExperts === moe && a.generations.includes('BLACKWELL') === blackwell);
  return `${f.percent(pick(false)?.statedFraction ?? 0, 0)} / ${f.percent(pick(true)?.statedFraction ?? 0, 0)}`;
}
function statedRuns(all: readonly Stated[], blackwell: boolean): string {
  return all
    .filter((a) => a.generations.includes('BLACKWELL') === blackwell)
    .sort((a, b) => Number(a.mixtureOfExperts) - Number(b.mixtureOfExperts))
    .map((a) => a.runs)
    .join(' / ');
}

function Summary(props: { report: Report }): preact.JSX.Element {
  const { summary, denseSummary, statedAccuracies } = props.report;
  const worst = props.report.runs.reduce<Run | undefined>(
    (w, r) => (!w || Math.abs(r.error) > Math.abs(w.error) ? r : w),
    undefined,
  );
  return (
    <dl class="figures" data-testid="validation-summary">
      <div>
        <dt>Runs</dt>
        <dd data-testid="validation-run-count">{summary.runs}</dd>
      </div>
      <div>
        <dt>Independent sources</dt>
        <dd>{props.report.sources}</dd>
      </div>
      <div>
        <dt>Mean |error|</dt>
        <dd data-testid="validation-mean">{f.percent(summary.meanAbsError)}</dd>
      </div>
      <div>
        <dt>Worst |error|</dt>
        <dd data-testid="validation-worst">
          {f.percent(summary.maxAbsError)}
          {worst && (
            <span class="sub">
              {worst.id} ({f.signedPercent(worst.error)})
            </span>
          )}
        </dd>
      </div>
      <div>
        <dt>Mean signed error (bias)</dt>
        <dd>{f.signedPercent(summary.meanError)}</dd>
      </div>
      <div>
        <dt>Leave-one-family-out mean |error|</dt>
        <dd data-testid="validation-leave-out">
          {f.percent(props.report.leaveOneFamilyOutMeanAbsError)}
          <span class="sub">worst {f.percent(props.report.leaveOneFamilyOutMaxAbsError)}</span>
        </dd>
      </div>
      <div>
        <dt>Dense runs only: mean |error|</dt>
        <dd data-testid="validation-dense-mean">
          {f.percent(denseSummary.meanAbsError)}
          <span class="sub">{denseSummary.runs} runs (every family but mixture of experts)</span>
        </dd>
      </div>
      <div>
        <dt>Dense runs only: worst |error|</dt>
        <dd data-testid="validation-dense-worst">{f.percent(denseSummary.maxAbsError)}</dd>
      </div>
      <div>
        <dt>Stated accuracy (planSearch), dense / MoE</dt>
        <dd data-testid="validation-stated-accuracy">
          {statedText(statedAccuracies, false)}
          <span class="sub">
            on A100 and H100 ({statedRuns(statedAccuracies, false)} runs); on Blackwell (B200, B300, GB200, GB300) {statedText(statedAccuracies, true)}{' '}
            ({statedRuns(statedAccuracies, true)} runs): each its runs' mean |error|, rounded up
          </span>
        </dd>
      </div>
    </dl>
  );
}

function FamilyTable(props: { report: Report }): preact.JSX.Element {
  return (
    <section>
      <h3 id="validation-families-title">Per family: with the shipped constants, and left out of the calibration</h3>
      <div class="scroll">
        <table
          class="validation-families"
          data-testid="validation-families"
          aria-labelledby="validation-families-title"
        >
          <thead>
            <tr>
              <th scope="col">family</th>
              <th scope="col">runs</th>
              <th scope="col">mean |error|</th>
              <th scope="col">worst |error|</th>
              <th scope="col">bias (mean signed)</th>
              <th scope="col">left out: mean |error|</th>
              <th scope="col">left out: worst |error|</th>
            </tr>
          </thead>
          <tbody>
            {props.report.families.map((x) => (
              <tr key={x.family}>
                <th scope="row">{x.name}</th>
                <td>{x.runs}</td>
                <td>{f.percent(x.meanAbsError)}</td>
                <td>{f.percent(x.maxAbsError)}</td>
                <td>{f.signedPercent(x.meanError)}</td>
                <td>{f.percent(x.leaveOut.meanAbsError)}</td>
                <td>{f.percent(x.leaveOut.maxAbsError)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The runs table's columns: the text columns share what the fixed-width ones leave (style.css). */
const RUN_COLUMNS: { label: string; class: string }[] = [
  { label: 'run', class: 'col-run' },
  { label: 'source', class: 'text' },
  { label: 'GPUs and layout', class: 'col-layout' },
  { label: 'recipe', class: 'text' },
  { label: 'published', class: 'col-published' },
  { label: 'predicted', class: 'col-predicted' },
  { label: 'error', class: 'col-error' },
  { label: 'memory', class: 'col-memory' },
];

type Replay = ValidationRunTermsQuery['trainingPlan'];

/**
 * One run replayed through trainingPlan with its trainingPlanInput: the step time term by term, as the planner shows a
 * plan's. Its step and memory are the suite's own (the API test replays every run), so the terms explain the row.
 */
function RunTerms(props: { run: Run }): preact.JSX.Element {
  const { run } = props;
  const [replay, setReplay] = useState<Replay | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    request(
      ValidationRunTermsDocument,
      { input: JSON.parse(run.trainingPlanInput) as TrainingPlanInput },
      controller.signal,
    )
      .then((d) => setReplay(d.trainingPlan))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(errorText(e));
      });
    return () => controller.abort();
  }, [run.trainingPlanInput]);
  if (error)
    return (
      <p class="error" role="alert">
        Could not replay {run.id}: {error}
      </p>
    );
  if (!replay) return <p aria-busy="true">Replaying {run.id} through trainingPlan…</p>;
  return (
    <div class="run-terms" data-testid="validation-run-terms">
      <p class="hint">
        {run.id} replayed through <code>trainingPlan</code> with its <code>trainingPlanInput</code>: a step of{' '}
        {f.seconds(replay.performance.stepSeconds)}, {f.bytes(replay.memory.totalBytes)} on the most-loaded GPU (stage{' '}
        {replay.memory.mostLoadedStage}). Paste the input into GraphiQL's variables to change one knob and compare.
      </p>
      <StepTermsTable terms={replay.performance.terms} stepSeconds={replay.performance.stepSeconds} />
      <details>
        <summary>trainingPlanInput</summary>
        <pre data-testid="validation-run-input">{JSON.stringify(JSON.parse(run.trainingPlanInput), null, 2)}</pre>
      </details>
    </div>
  );
}

function RunsTable(props: {
  runs: Run[];
  byError: boolean;
  openRun: string;
  onToggle: (id: string) => void;
}): preact.JSX.Element {
  return (
    <>
      <h3 id="validation-runs-title">
        Published runs and the model's prediction{props.byError ? ', largest |error| first' : ', in suite order'}
      </h3>
      <div class="scroll">
        <table class="validation-runs" data-testid="validation-runs" aria-labelledby="validation-runs-title">
          <thead>
            <tr>
              {RUN_COLUMNS.map((c) => (
                <th
                  key={c.label}
                  scope="col"
                  class={c.class}
                  aria-sort={c.label === 'error' && props.byError ? 'descending' : undefined}
                >
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.runs.map((r) => [
              <tr
                key={r.id}
                class={
                  [beyondTarget(r) && 'beyond', !r.predictedFits && 'nofit'].filter(Boolean).join(' ') || undefined
                }
              >
                <th scope="row">
                  <span class="run-id">{r.id}</span>
                  <button
                    type="button"
                    class="link"
                    aria-expanded={props.openRun === r.id}
                    aria-controls={`terms-${r.id}`}
                    onClick={() => props.onToggle(r.id)}
                    data-testid="validation-run-toggle"
                  >
                    {props.openRun === r.id ? 'hide step terms' : 'step terms'}
                  </button>
                </th>
                <td class="text">
                  {r.source}
                  {r.assumed && (
                    <details>
                      <summary>assumed</summary>
                      {r.assumed}
                    </details>
                  )}
                </td>
                <td>
                  {r.gpus.toLocaleString('en-US')} × {r.gpu}
                  <span class="layout-compact">{compactLayout(r)}</span>
                </td>
                <td class="text">
                  {r.precision}, {f.recomputeText(r)}
                  {r.trainingRecipe !== 'CUSTOM' && <>, {r.trainingRecipe}</>}
                  <span class="sub">{r.recipe}</span>
                </td>
                <td>
                  {figure(r.publishedKind, r.published, true)}
                  <span class="sub">{KIND_LABELS[r.publishedKind]}</span>
                </td>
                <td>{figure(r.publishedKind, r.predicted, false)}</td>
                <td class="error-cell">
                  {f.signedPercent(r.error)}
                  {beyondTarget(r) && <span class="badge bad">beyond {f.percent(WORST_RUN_TARGET, 0)}</span>}
                </td>
                <td>
                  {r.predictedFits ? (
                    f.bytes(r.predictedMemoryBytes)
                  ) : (
                    <span class="badge bad">does not fit ({f.bytes(r.predictedMemoryBytes)})</span>
                  )}
                </td>
              </tr>,
              props.openRun === r.id && (
                <tr key={`${r.id}-terms`} id={`terms-${r.id}`} class="terms-row">
                  <td colSpan={RUN_COLUMNS.length}>
                    <RunTerms run={r} />
                  </td>
                </tr>
              ),
            ])}
          </tbody>
        </table>
      </div>
    </>
  );
}
