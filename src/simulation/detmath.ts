/**
 * Deterministic elementary functions for the simulation engine.
 *
 * Why: ECMAScript leaves Math.exp/log/pow/cos (and formally even sqrt) "implementation-approximated", so two
 * Node/V8 versions may differ in the last bit and a seeded event log would stop being byte-identical
 * (reliability-data.md, "Modelling traps"). Everything here uses only +, −, ×, ÷ and exact bit manipulation,
 * which IEEE-754 fixes to the bit, so the same seed gives the same log on every engine. Accuracy is ≈ 1–2 ulp,
 * far below what the model needs. The engine version is also mixed into the log hash (see engine.ts).
 */

const LN2 = Math.LN2;
// Cody–Waite split of ln 2 so that k·LN2_HI is exact for |k| < 2^11 (fdlibm's ln2_hi/ln2_lo, written as the
// shortest decimals that round-trip to the same doubles).
const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;

const view = new DataView(new ArrayBuffer(8));

/** 2^k for integer k in [−1074, 1023], built from its bits. */
function pow2(k: number): number {
  if (k > 1023) return Infinity;
  if (k >= -1022) {
    view.setUint32(0, (k + 1023) << 20, false);
    view.setUint32(4, 0, false);
    return view.getFloat64(0, false);
  }
  if (k < -1074) return 0;
  return pow2(k + 60) * pow2(-60);
}

/** Natural logarithm, x > 0 (ln 0 = −∞; negative or NaN → NaN). */
export function detLog(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return Infinity;
  let e = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54: lift subnormals into the normal range
    e -= 54;
  }
  view.setFloat64(0, x, false);
  const hi = view.getUint32(0, false);
  e += ((hi >>> 20) & 0x7ff) - 1023;
  view.setUint32(0, (hi & 0x000fffff) | 0x3ff00000, false);
  let m = view.getFloat64(0, false); // m in [1, 2)
  if (m > Math.SQRT2) {
    m /= 2;
    e += 1;
  }
  // ln m = 2·atanh(z), z = (m−1)/(m+1), |z| ≤ 0.1716: series Σ z^(2i+1)/(2i+1) to 1e-18.
  const z = (m - 1) / (m + 1);
  const z2 = z * z;
  let s = 1 / 25;
  for (let d = 23; d >= 1; d -= 2) s = 1 / d + z2 * s;
  return e * LN2_HI + (2 * z * s + e * LN2_LO);
}

/** e^x. */
export function detExp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  const k = Math.round(x / LN2);
  const r = x - k * LN2_HI - k * LN2_LO; // |r| ≤ ln2/2 ≈ 0.347
  // Taylor series of e^r to degree 17 (error < 1e-19 on |r| ≤ 0.35).
  let p = 1;
  for (let n = 17; n >= 1; n--) p = 1 + (r * p) / n;
  if (k > 1023) return p * pow2(1023) * pow2(k - 1023);
  if (k < -1022) return p * pow2(k + 1022) * pow2(-1022);
  return p * pow2(k);
}

/** x^y for x > 0 (0^y = 0 for y > 0, 1 for y = 0). */
export function detPow(x: number, y: number): number {
  if (y === 0) return 1;
  if (x === 0) return y > 0 ? 0 : Infinity;
  return detExp(y * detLog(x));
}

/** √x via exp/log plus two Newton steps (deterministic; hardware sqrt is not formally required to be exact). */
export function detSqrt(x: number): number {
  if (x === 0) return 0;
  if (!(x > 0)) return NaN;
  if (x === Infinity) return Infinity;
  let r = detExp(0.5 * detLog(x));
  r = 0.5 * (r + x / r);
  r = 0.5 * (r + x / r);
  return r;
}

/** cos x, via reduction to [−π, π] and a Taylor series (error < 1e-16). */
export function detCos(x: number): number {
  const twoPi = 6.283185307179586;
  const y = x - twoPi * Math.round(x / twoPi);
  const y2 = y * y;
  let s = 1;
  for (let n = 30; n >= 2; n -= 2) s = 1 - (y2 * s) / (n * (n - 1));
  return s;
}

// Lanczos (g = 7, n = 9) coefficients, Numerical-Recipes style approximation of Γ (rel. error ≈ 1e-15).
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos approximation). */
export function detLogGamma(x: number): number {
  if (x < 0.5) {
    // Reflection: Γ(x)Γ(1−x) = π / sin(πx); sin via cos(πx − π/2).
    return detLog(Math.PI / Math.abs(detCos(Math.PI * x - Math.PI / 2))) - detLogGamma(1 - x);
  }
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * detLog(2 * Math.PI) + (z + 0.5) * detLog(t) - t + detLog(a);
}

/** Γ(x) for x > 0. */
export function detGamma(x: number): number {
  return detExp(detLogGamma(x));
}
