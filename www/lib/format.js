// Number and message formatting shared by every view. No DOM, no engine.

/** Replaces {name} placeholders in `s` with `vars`. */
export const fill = (s, vars = {}) => String(s).replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));

/** The entries of `m` whose value is not blank. */
export const filled = (m) => Object.fromEntries(Object.entries(m || {}).filter(([, v]) => String(v).trim() !== ''));

/** What a non-finite number is shown as: never "NaN" or "Infinity". */
export const NOT_A_VALUE = '–';

/**
 * Formats `v` with `min`–`max` decimals as Intl.NumberFormat does in zh-CN and en ("1,234.5",
 * half-up on the shortest decimal form; but -0 is "0"); `signed`: "+" before positive numbers,
 * no sign on 0. A number that is not finite (or not a number) is shown as "–".
 */
export function fmt(v, min, max, signed) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return NOT_A_VALUE;
  const [m, e = 0] = String(Math.abs(v)).split('e');
  const [a, b = ''] = m.split('.');
  let digits = a + b;
  let point = a.length + Number(e);
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  digits = digits.padEnd(point, '0');
  let int = digits.slice(0, point);
  let frac = digits.slice(point);
  if (frac.length > max) {
    const n = String(BigInt(int + frac.slice(0, max)) + (frac[max] >= '5' ? 1n : 0n)).padStart(max + 1, '0');
    int = n.slice(0, n.length - max);
    frac = n.slice(n.length - max);
  }
  frac = frac.replace(/0+$/, '').padEnd(min, '0');
  const zero = !/[1-9]/.test(int + frac);
  const sign = v < 0 && !(signed && zero) ? '-' : signed && !zero ? '+' : '';
  return sign + int.replace(/\B(?=(\d{3})+$)/g, ',') + (frac ? `.${frac}` : '');
}
/** Scores and points: two decimals. */
export const f2 = (v) => fmt(v, 2, 2);
/** Figures as given: up to six decimals. */
export const fv = (v) => fmt(v, 0, 6);
/** Whether `v` is a number that can be shown. */
export const finite = (v) => typeof v === 'number' && Number.isFinite(v);
