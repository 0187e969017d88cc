/**
 * Python's `statistics.mean` and `statistics.stdev` (CPython 3.11+) for floats, exactly: both sum
 * the values as exact fractions and round once at the end (`stdev` through a correctly rounded
 * square root), so a naive floating-point sum can differ from them in the last bits. Every finite
 * double is m·2^-1074 for an integer m, so sums are BigInt sums of those m.
 */

const SCALE = 1074n;

/** The exact integer m with x = m·2^-1074 (x finite). */
export function scaledExact(x: number): bigint {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  if (x === 0) return 0n;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const sign = hi >>> 31 ? -1n : 1n;
  const biased = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  // value = mant · 2^(exp) with exp relative to 2^-1074
  const mant = biased === 0 ? frac : frac | (1n << 52n);
  const shift = biased === 0 ? 0n : BigInt(biased - 1);
  return sign * (mant << shift);
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/**
 * a / b rounded to the nearest double, ties to even — what Python's `int / int` gives.
 * Results in the normal range (all this evaluation produces) are exact; subnormals would be
 * rounded twice.
 */
export function divToDouble(a: bigint, b: bigint): number {
  if (b === 0n) throw new RangeError('division by zero');
  if (b < 0n) {
    a = -a;
    b = -b;
  }
  if (a === 0n) return 0;
  const neg = a < 0n;
  if (neg) a = -a;
  const e = bitLength(a) - bitLength(b);
  const shift = 55 - e;
  const num = shift >= 0 ? a << BigInt(shift) : a;
  const den = shift >= 0 ? b : b << BigInt(-shift);
  const q = num / den;
  const sticky = num % den !== 0n;
  const extra = bitLength(q) - 53; // 2 or 3
  let mant = q >> BigInt(extra);
  const rem = q & ((1n << BigInt(extra)) - 1n);
  const half = 1n << BigInt(extra - 1);
  if (rem > half || (rem === half && (sticky || (mant & 1n) === 1n))) mant += 1n;
  const exp = extra - shift;
  // mant ≤ 2^53 is exact as a Number; scale in two steps so an intermediate power never overflows.
  const m = Number(mant);
  const h = Math.trunc(exp / 2);
  const v = m * 2 ** h * 2 ** (exp - h);
  return neg ? -v : v;
}

/** `statistics.mean(values)` for a non-empty list of floats. */
export function pyMean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('mean requires at least one data point');
  let s = 0n;
  for (const v of values) s += scaledExact(v);
  return divToDouble(s, BigInt(values.length) << SCALE);
}

/** `statistics.mean` over values given already as {@link scaledExact} integers (faster in loops). */
export function pyMeanScaled(values: readonly bigint[]): number {
  if (values.length === 0) throw new RangeError('mean requires at least one data point');
  let s = 0n;
  for (const v of values) s += v;
  return divToDouble(s, BigInt(values.length) << SCALE);
}

function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('isqrt of a negative number');
  if (n < 2n) return n;
  // Newton from above, starting at a power of two ≥ √n.
  let x = 1n << BigInt(Math.ceil(bitLength(n) / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** Python's `_integer_sqrt_of_frac_rto`: √(n/m) to an integer, rounded to odd. */
function integerSqrtOfFracRto(n: bigint, m: bigint): bigint {
  const a = isqrt(n / m);
  return a | (a * a * m !== n ? 1n : 0n);
}

const SQRT_BIT_WIDTH = 2 * 53 + 3;

/** Python's `_float_sqrt_of_frac`: √(n/m) correctly rounded. */
export function floatSqrtOfFrac(n: bigint, m: bigint): number {
  const q = Math.floor((bitLength(n) - bitLength(m) - SQRT_BIT_WIDTH) / 2);
  if (q >= 0) {
    return divToDouble(integerSqrtOfFracRto(n, m << BigInt(2 * q)) << BigInt(q), 1n);
  }
  return divToDouble(integerSqrtOfFracRto(n << BigInt(-2 * q), m), 1n << BigInt(-q));
}

/** `statistics.stdev(values)` (sample standard deviation) for at least two floats. */
export function pyStdev(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) throw new RangeError('stdev requires at least two data points');
  let sx = 0n;
  let sxx = 0n;
  for (const v of values) {
    const m = scaledExact(v);
    sx += m;
    sxx += m * m;
  }
  // With D = 2^1074: ss = (n·sxx − sx²) / (n·D²); variance = ss / (n − 1).
  const count = BigInt(n);
  const num = count * sxx - sx * sx;
  const den = (count * BigInt(n - 1)) << (2n * SCALE);
  return floatSqrtOfFrac(num, den);
}


/**
 * Python's `format(x, '.Nf')`: the exact binary value rounded half to even (JavaScript's
 * `toFixed` breaks exact ties upward: 0.0625 → "0.063", Python "0.062").
 */
export function pyFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return String(x);
  const neg = x < 0 || Object.is(x, -0);
  const m = scaledExact(Math.abs(x));
  const scale = 10n ** BigInt(digits);
  const den = 1n << SCALE;
  const num = m * scale;
  let q = num / den;
  const r2 = (num % den) * 2n;
  if (r2 > den || (r2 === den && (q & 1n) === 1n)) q += 1n;
  const s = q.toString().padStart(digits + 1, '0');
  const body = digits ? `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}` : s;
  return neg ? `-${body}` : body;
}
