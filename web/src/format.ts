/** Numbers with their units (GB = 10⁹ bytes, as the API; durations in s / min / h / days). */
const nf = (digits: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function bytes(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e15) return `${nf(2).format(value / 1e15)} PB`;
  if (abs >= 1e12) return `${nf(2).format(value / 1e12)} TB`;
  if (abs >= 1e9) return `${nf(1).format(value / 1e9)} GB`;
  if (abs >= 1e6) return `${nf(1).format(value / 1e6)} MB`;
  return `${nf(0).format(value / 1e3)} kB`;
}

export function seconds(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value === 0) return '0 s';
  const abs = Math.abs(value);
  if (abs >= 2 * 86400) return `${nf(1).format(value / 86400)} days`;
  if (abs >= 2 * 3600) return `${nf(1).format(value / 3600)} h`;
  if (abs >= 120) return `${nf(1).format(value / 60)} min`;
  if (abs >= 1) return `${nf(2).format(value)} s`;
  return `${nf(1).format(value * 1000)} ms`;
}

export function usd(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  if (abs >= 1e9) return `$${nf(2).format(value / 1e9)}B`;
  if (abs >= 1e6) return `$${nf(2).format(value / 1e6)}M`;
  if (abs >= 1e3) return `$${nf(1).format(value / 1e3)}k`;
  return `$${nf(2).format(value)}`;
}

export function kwh(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 1e6) return `${nf(2).format(value / 1e6)} GWh`;
  if (Math.abs(value) >= 1e3) return `${nf(1).format(value / 1e3)} MWh`;
  return `${nf(0).format(value)} kWh`;
}

export function percent(fraction: number, digits = 1): string {
  return Number.isFinite(fraction) ? `${nf(digits).format(fraction * 100)} %` : '–';
}

/** Plain counts with a suffix: 175B parameters, 300B tokens. */
export function count(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  if (abs >= 1e15) return sci(value, 1);
  if (abs >= 1e12) return `${nf(2).format(value / 1e12)}T`;
  if (abs >= 1e9) return `${nf(abs >= 1e11 ? 0 : 1).format(value / 1e9)}B`;
  if (abs >= 1e6) return `${nf(1).format(value / 1e6)}M`;
  if (abs >= 1e4) return `${nf(1).format(value / 1e3)}k`;
  return nf(abs >= 100 || Number.isInteger(value) ? 0 : 2).format(value);
}

export function fixed(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : nf(digits).format(value);
}

/** 3.14·10²³ */
export function sci(value: number, digits = 2): string {
  if (!Number.isFinite(value) || value === 0) return String(value);
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  const mantissa = value / 10 ** exponent;
  const sup = String(exponent).replace(/[-0-9]/g, (c) => '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'['-0123456789'.indexOf(c)]!);
  return `${nf(digits).format(mantissa)}·10${sup}`;
}

/** A signed fraction as a percent: +1.1 %, -4.4 %, 0.0 % (no sign when it rounds to zero). */
export function signedPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return '–';
  const n = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits, signDisplay: 'exceptZero' });
  return `${n.format(fraction * 100)} %`;
}

/** "no recompute", "selective recompute", torchtitan's "selective op recompute", "full recompute", or "full recompute of N layers per stage" (recomputeLayers). */
export function recomputeText(p: { recompute: string; recomputeLayers?: number | null }): string {
  if (p.recompute === 'NONE') return 'no recompute';
  if (p.recompute === 'SELECTIVE_OPERATORS') return 'selective op recompute (torchtitan)';
  if (p.recompute === 'FULL' && p.recomputeLayers != null) {
    return `full recompute of ${p.recomputeLayers} layer${p.recomputeLayers === 1 ? '' : 's'} per stage`;
  }
  return `${p.recompute.toLowerCase()} recompute`;
}
