/**
 * Charts: stacked bars, a clickable scatter and an event timeline as plain SVG (each point a keyboard-reachable
 * button), line charts with uPlot. Colours are the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"),
 * told apart by colour-blind readers; every chart has an aria-label summary and a table beside it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export const PALETTE = {
  orange: '#E69F00',
  sky: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  black: '#000000',
} as const;
export const SERIES_COLOURS = [PALETTE.blue, PALETTE.orange, PALETTE.green, PALETTE.vermillion, PALETTE.purple, PALETTE.sky, PALETTE.yellow];

export interface Part {
  key: string;
  label: string;
  colour: string;
}

export interface Bar {
  label: string;
  values: Record<string, number>;
  /** A line drawn across the bar (capacity). */
  limit?: number;
  note?: string;
}

export function StackedBars(props: {
  title: string;
  parts: Part[];
  bars: Bar[];
  format: (v: number) => string;
  limitLabel?: string;
  summary: string;
  height?: number;
}): preact.JSX.Element {
  const { parts, bars, format } = props;
  const height = props.height ?? 220;
  const top = 12;
  const bottom = 34;
  const left = 64;
  const barWidth = Math.max(6, Math.min(56, (420 / Math.max(1, bars.length)) * 0.7));
  const gap = Math.max(3, Math.min(24, barWidth * 0.45));
  const width = left + bars.length * (barWidth + gap) + gap + 8;
  const max = Math.max(1, ...bars.map((b) => Math.max(b.limit ?? 0, parts.reduce((s, p) => s + (b.values[p.key] ?? 0), 0)))) * 1.05;
  const y = (v: number) => top + (height - top - bottom) * (1 - v / max);
  const ticks = niceTicks(0, max, 4);
  // Labels at least ≈ 44 px apart.
  const showEvery = Math.max(1, Math.ceil(44 / (barWidth + gap)));
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <Legend items={[...parts.map((p) => ({ label: p.label, colour: p.colour })), ...(props.limitLabel ? [{ label: props.limitLabel, colour: PALETTE.black, line: true }] : [])]} />
      <div class="scroll">
        <svg width={width} height={height} style={{ width: '100%', maxWidth: `${width}px`, height: 'auto' }} role="img" aria-label={props.summary} viewBox={`0 0 ${width} ${height}`}>
          {ticks.map((t) => (
            <g key={t}>
              <line x1={left - 4} x2={width} y1={y(t)} y2={y(t)} class="grid" />
              <text x={left - 6} y={y(t) + 4} text-anchor="end" class="tick">{format(t)}</text>
            </g>
          ))}
          {bars.map((bar, i) => {
            const x = left + gap + i * (barWidth + gap);
            let acc = 0;
            return (
              <g key={bar.label}>
                {parts.map((p) => {
                  const v = bar.values[p.key] ?? 0;
                  if (v <= 0) return null;
                  const y0 = y(acc);
                  acc += v;
                  const y1 = y(acc);
                  return (
                    <rect key={p.key} x={x} y={y1} width={barWidth} height={Math.max(0.5, y0 - y1)} fill={p.colour} stroke="#fff" stroke-width="0.5">
                      <title>{`${bar.label} · ${p.label}: ${format(v)}`}</title>
                    </rect>
                  );
                })}
                {bar.limit !== undefined && <line x1={x - 3} x2={x + barWidth + 3} y1={y(bar.limit)} y2={y(bar.limit)} stroke={PALETTE.black} stroke-width="2" stroke-dasharray="4 2" />}
                {i % showEvery === 0 && (
                  <text x={x + barWidth / 2} y={height - bottom + 14} text-anchor="middle" class="tick">{bar.label}</text>
                )}
                {bar.note && i % showEvery === 0 && <text x={x + barWidth / 2} y={height - bottom + 27} text-anchor="middle" class="tick note">{bar.note}</text>}
              </g>
            );
          })}
        </svg>
      </div>
      <DataTable
        caption={`${props.title} (table)`}
        head={['', ...parts.map((p) => p.label), 'total', ...(props.limitLabel ? [props.limitLabel] : [])]}
        rows={bars.map((b) => [
          b.label,
          ...parts.map((p) => format(b.values[p.key] ?? 0)),
          format(parts.reduce((s, p) => s + (b.values[p.key] ?? 0), 0)),
          ...(props.limitLabel ? [b.limit !== undefined ? format(b.limit) : '–'] : []),
        ])}
      />
    </figure>
  );
}

export function Legend(props: { items: { label: string; colour: string; line?: boolean; shape?: string }[] }): preact.JSX.Element {
  return (
    <ul class="legend" aria-hidden="true">
      {props.items.map((item) => (
        <li key={item.label}>
          <span class={item.line ? 'swatch line' : 'swatch'} style={{ background: item.line ? 'transparent' : item.colour, borderColor: item.colour }} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/** A collapsed table: the chart's text alternative, also for copying numbers. */
export function DataTable(props: { caption: string; head: string[]; rows: ComponentChildren[][]; open?: boolean }): preact.JSX.Element {
  return (
    <details class="datatable" open={props.open}>
      <summary>Table</summary>
      <table>
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>{props.head.map((h, i) => <th key={i} scope="col">{h}</th>)}</tr>
        </thead>
        <tbody>
          {props.rows.map((row, i) => (
            <tr key={i}>{row.map((cell, j) => (j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j}>{cell}</td>))}</tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function niceTicks(min: number, max: number, count: number): number[] {
  const span = max - min;
  if (!(span > 0)) return [min];
  const step0 = span / count;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= step0) ?? step0;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + 1e-9 * span; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of [1, 2, 5]) {
      const t = m * 10 ** e;
      if (t >= min && t <= max) ticks.push(t);
    }
  }
  return ticks;
}

export interface ScatterPoint {
  x: number;
  y: number;
  label: string;
  colour: string;
  /** Drawn larger with a ring. */
  emphasis?: boolean;
  shape?: 'circle' | 'diamond';
}

/** Scatter with a log scale where the data spans more than 20×; each point is a focusable button. */
export function Scatter(props: {
  title: string;
  points: ScatterPoint[];
  xLabel: string;
  yLabel: string;
  formatX: (v: number) => string;
  formatY: (v: number) => string;
  onPick?: (index: number) => void;
  selected?: number;
  summary: string;
  legend?: { label: string; colour: string }[];
}): preact.JSX.Element {
  const width = 620;
  const height = 320;
  const m = { l: 78, r: 16, t: 12, b: 44 };
  const xs = props.points.map((p) => p.x);
  const ys = props.points.map((p) => p.y);
  const axis = (values: number[], lo: number, hi: number, tickCount: number) => {
    const min = Math.min(...values);
    const max = Math.max(...values);
    const log = min > 0 && max / min > 20;
    if (log) {
      const a = Math.log10(min) - 0.05;
      const b = Math.log10(max) + 0.05;
      return { scale: (v: number) => lo + ((Math.log10(v) - a) / (b - a)) * (hi - lo), ticks: logTicks(10 ** a, 10 ** b), log };
    }
    const pad = (max - min || Math.abs(max) || 1) * 0.08;
    const a = min - pad;
    const b = max + pad;
    return { scale: (v: number) => lo + ((v - a) / (b - a)) * (hi - lo), ticks: niceTicks(a, b, tickCount), log };
  };
  // Roving focus: one point in the tab order, arrow keys (and Home/End) move between points.
  const [active, setActive] = useState(0);
  const svgRef = useRef<SVGSVGElement>(null);
  const current = Math.min(active, Math.max(0, props.points.length - 1));
  const moveTo = (i: number) => {
    const next = (i + props.points.length) % props.points.length;
    setActive(next);
    (svgRef.current?.querySelector(`[data-index="${next}"]`) as SVGGElement | null)?.focus();
  };
  const ax = axis(xs.length ? xs : [1], m.l, width - m.r, 4);
  // The vertical axis has room for more labels: five keep a narrow range (a loss frontier) readable.
  const ay = axis(ys.length ? ys : [1], height - m.b, m.t, 5);
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      {props.legend && <Legend items={props.legend} />}
      <div class="scroll">
        {/* biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a <fieldset>; role="group" names the keyboard-operable scatter for screen readers */}
        <svg ref={svgRef} width={width} height={height} style={{ width: '100%', maxWidth: `${width}px`, height: 'auto' }} viewBox={`0 0 ${width} ${height}`} role="group" aria-label={`${props.summary} Arrow keys move between points.`}>
          {ax.ticks.map((t) => (
            <g key={`x${t}`}>
              <line x1={ax.scale(t)} x2={ax.scale(t)} y1={m.t} y2={height - m.b} class="grid" />
              <text x={ax.scale(t)} y={height - m.b + 14} text-anchor="middle" class="tick">{props.formatX(t)}</text>
            </g>
          ))}
          {ay.ticks.map((t) => (
            <g key={`y${t}`}>
              <line x1={m.l} x2={width - m.r} y1={ay.scale(t)} y2={ay.scale(t)} class="grid" />
              <text x={m.l - 6} y={ay.scale(t) + 4} text-anchor="end" class="tick">{props.formatY(t)}</text>
            </g>
          ))}
          <text x={(m.l + width - m.r) / 2} y={height - 6} text-anchor="middle" class="axis-label">{props.xLabel}{ax.log ? ' (log)' : ''}</text>
          <text x={14} y={(m.t + height - m.b) / 2} text-anchor="middle" class="axis-label" transform={`rotate(-90 14 ${(m.t + height - m.b) / 2})`}>{props.yLabel}{ay.log ? ' (log)' : ''}</text>
          {props.points.map((p, i) => {
            const cx = ax.scale(p.x);
            const cy = ay.scale(p.y);
            const r = p.emphasis ? 7 : 5;
            const selected = props.selected === i;
            const activate = () => props.onPick?.(i);
            return (
              // biome-ignore lint/a11y/noStaticElementInteractions: SVG has no <button>; the point takes role="button" with a roving tabindex and Enter/Space, as WAI-ARIA's button pattern asks
              // biome-ignore lint/a11y/useAriaPropsSupportedByRole: aria-pressed is set only when the role is "button" (Biome cannot follow the conditional role)
              <g
                key={i}
                class="point"
                tabindex={props.onPick && i === current ? 0 : -1}
                role={props.onPick ? 'button' : 'img'}
                aria-label={p.label}
                aria-pressed={props.onPick ? selected : undefined}
                data-index={i}
                onClick={activate}
                onFocus={() => setActive(i)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    activate();
                  } else if (e.key === 'ArrowRight' || e.key === 'ArrowDown') {
                    e.preventDefault();
                    moveTo(i + 1);
                  } else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') {
                    e.preventDefault();
                    moveTo(i - 1);
                  } else if (e.key === 'Home' || e.key === 'End') {
                    e.preventDefault();
                    moveTo(e.key === 'Home' ? 0 : props.points.length - 1);
                  }
                }}
              >
                <title>{p.label}</title>
                {p.shape === 'diamond' ? (
                  <rect x={cx - r} y={cy - r} width={2 * r} height={2 * r} transform={`rotate(45 ${cx} ${cy})`} fill={p.colour} stroke="#000" stroke-width={selected ? 2.5 : 0.8} />
                ) : (
                  <circle cx={cx} cy={cy} r={r} fill={p.colour} stroke="#000" stroke-width={selected ? 2.5 : 0.8} />
                )}
                {selected && <circle cx={cx} cy={cy} r={r + 5} fill="none" stroke="#000" stroke-width="1.5" />}
              </g>
            );
          })}
        </svg>
      </div>
    </figure>
  );
}

export interface Mark {
  at: number;
  label: string;
  colour: string;
  kind: string;
}

/** A run's wall clock as a band, with a mark per event (interruptions, recoveries) and the progress so far. */
export function Timeline(props: { title: string; end: number; now: number; marks: Mark[]; format: (v: number) => string; summary: string }): preact.JSX.Element {
  const width = 720;
  const height = 74;
  const l = 10;
  const r = 10;
  const x = (v: number) => l + (Math.min(v, props.end) / Math.max(props.end, 1e-9)) * (width - l - r);
  const ticks = niceTicks(0, props.end, 6);
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <div class="scroll">
        <svg width={width} height={height} style={{ width: '100%', maxWidth: `${width}px`, height: 'auto' }} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.summary}>
          <rect x={l} y={18} width={width - l - r} height={22} fill="#eee" />
          <rect x={l} y={18} width={Math.max(0, x(props.now) - l)} height={22} fill={PALETTE.sky} opacity="0.6" />
          {props.marks.map((mk, i) => (
            <line key={i} x1={x(mk.at)} x2={x(mk.at)} y1={mk.kind === 'planned' ? 12 : 14} y2={46} stroke={mk.colour} stroke-width={mk.kind === "planned" ? 2 : 1}>
              <title>{mk.label}</title>
            </line>
          ))}
          {ticks.map((t) => (
            <text key={t} x={x(t)} y={62} text-anchor="middle" class="tick">{props.format(t)}</text>
          ))}
        </svg>
      </div>
    </figure>
  );
}

export interface LineSeries {
  label: string;
  colour: string;
  dash?: number[];
  points?: boolean;
}

/** uPlot line chart; `data` = [x, y1, y2, …] (null for a gap). Updated in place as data grows. */
export function LineChart(props: {
  title: string;
  series: LineSeries[];
  data: (number | null)[][];
  xLabel: string;
  yLabel: string;
  formatX?: (v: number) => string;
  formatY?: (v: number) => string;
  logX?: boolean;
  logY?: boolean;
  summary: string;
  height?: number;
}): preact.JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = `${props.series.map((s) => s.label).join('|')}|${props.logX}|${props.logY}`;
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const width = Math.max(320, Math.min(720, el.clientWidth || 640));
    const fx = props.formatX;
    const fy = props.formatY;
    const opts: uPlot.Options = {
      width,
      height: props.height ?? 240,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, distr: props.logX ? 3 : 1 }, y: { distr: props.logY ? 3 : 1 } },
      axes: [
        { label: props.xLabel, values: fx ? (_u, vals) => vals.map((v) => (v == null ? '' : fx(v))) : undefined, size: 40 },
        { label: props.yLabel, values: fy ? (_u, vals) => vals.map((v) => (v == null ? '' : fy(v))) : undefined, size: 64 },
      ],
      series: [
        { label: props.xLabel },
        ...props.series.map((s) => ({
          label: s.label,
          stroke: s.colour,
          width: 2,
          dash: s.dash,
          spanGaps: true,
          points: { show: s.points ?? false, size: 6, fill: s.colour },
        })),
      ],
    };
    plot.current = new uPlot(opts, props.data as uPlot.AlignedData, el);
    return () => {
      plot.current?.destroy();
      plot.current = null;
    };
    // Recreated when the series change; data updates go through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape]);
  useEffect(() => {
    plot.current?.setData(props.data as uPlot.AlignedData);
  }, [props.data]);
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <div ref={host} class="uplot-host" role="img" aria-label={props.summary} />
    </figure>
  );
}
