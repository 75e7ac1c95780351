// Loaded with the panels, after the first result: plan progress (序时进度, issue 10). The review year, the data
// year of each actual, the baselines a plan does not state, earlier years' figures, what they
// become for `checkTargets(actuals, profile, { asOf, baselines })`, the pace in words and icon
// (never colour alone) and a small chart per metric. The rule is the engine's (docs/targets.md).
import { h } from './dom.js';
import { fmt, fv, finite } from './format.js';
import { errorList } from './engine.js';

/** The paces of the engine, in the order they are counted and shown. */
export const PACES = ['done', 'ahead', 'on_track', 'behind', 'no_baseline', 'no_data', 'qualitative'];

const PACE_PATHS = {
  done: 'M3 8.5l3.2 3.2L13 4.8',
  ahead: 'M8 13.5V3M3.5 7.5L8 3l4.5 4.5',
  on_track: 'M2.5 8h11M9 3.5L13.5 8 9 12.5',
  behind: 'M8 2.5V13M3.5 8.5L8 13l4.5-4.5',
  no_baseline: 'M5.5 6a2.5 2.5 0 1 1 3.6 2.2c-.7.4-1.1.9-1.1 1.6V11M8 13v.5',
  no_data: 'M4 8h8',
  qualitative: 'M8 3l5 5-5 5-5-5z',
};
/** The pace's icon (its word is always next to it). */
export const paceIcon = (pace) => h('svg', { viewBox: '0 0 16 16', 'aria-hidden': 'true', class: 'mqci-picon' }, h('path', { d: PACE_PATHS[pace] || PACE_PATHS.no_data }));

/** A pace as shown: icon and word. */
export const paceCell = (v, pace) => [paceIcon(pace), ' ', v.t(`pace_${pace}`)];

/** The year of the review: the one chosen, else the current year. */
export const asOfOf = (S) => Number(S.plan?.asOf) || new Date().getFullYear();

/** A figure as typed ("85.2", "９４．６％", "1,234") as a number, or NaN. */
export function num(s) {
  const t = String(s ?? '').trim()
    .replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[%％,，\s]/g, '');
  return t === '' || !/^-?\d*\.?\d+$/.test(t) ? NaN : Number(t);
}

const isYear = (y) => Number.isInteger(y) && y >= 1900 && y <= 2100;

/**
 * Earlier years' figures as typed, one "year value" pair per line or separated by ";"
 * ("2023 85.21", "2024年：85.86", "2025, 86"). Returns { points: [{ year, value }] sorted by
 * year (a later line wins for the same year), bad: the parts that are not such a pair }.
 */
export function readSeries(text) {
  const byYear = new Map();
  const bad = [];
  for (const part of String(text ?? '').split(/[\n;；]+/).map((x) => x.trim()).filter(Boolean)) {
    const m = /^(\d{4})\s*年?\s*[:：,，=\s]\s*(.+)$/.exec(part);
    const year = m ? Number(m[1]) : NaN;
    const value = m ? num(m[2]) : NaN;
    if (isYear(year) && finite(value)) byYear.set(year, value);
    else bad.push(part);
  }
  return { points: [...byYear].map(([year, value]) => ({ year, value })).sort((a, b) => a.year - b.year), bad };
}

/**
 * The actuals as checkTargets takes them: each `{ value, year }`, the year being the one given
 * for it, else the review year. `actuals`: { [metric]: string | number } (blank ones left out).
 */
export function withYears(S, actuals) {
  const asOf = asOfOf(S);
  return Object.fromEntries(Object.entries(actuals).map(([k, value]) => [k, { value, year: Number(S.plan?.years?.[k]) || asOf }]));
}

/**
 * The baselines the visitor gave for targets whose plan states none: { baselines, bad } where
 * bad lists the metrics whose baseline is half given or not a year and a number.
 */
export function baselinesOf(S, profile) {
  const baselines = {};
  const bad = [];
  for (const t of profile?.targets || []) {
    if (t.baseline) continue;
    const b = S.plan?.baselines?.[t.metric];
    if (!b || (String(b.year).trim() === '' && String(b.value).trim() === '')) continue;
    const year = num(b.year);
    const value = num(b.value);
    if (isYear(year) && finite(value)) baselines[t.metric] = { year, value };
    else bad.push(t.metric);
  }
  return { baselines, bad };
}

/** The options of checkTargets for S: the review year and the baselines given. */
export const optionsOf = (S, profile) => ({ asOf: asOfOf(S), baselines: baselinesOf(S, profile).baselines });

/** Counts of each pace among `results`. */
export function paceCounts(results) {
  const n = Object.fromEntries(PACES.map((p) => [p, 0]));
  for (const r of results || []) if (r.pace in n) n[r.pace] += 1;
  return n;
}

/** Whether a profile's plan period is over at the review year (已到期). */
export const expired = (profile, asOf) => finite(profile?.period?.end) && profile.period.end < asOf;

const figuresCache = new Map();
/**
 * The latest published figure per metric for `region` (data/figures.json through the engine's
 * publishedFigures), or [] when the engine has no such function.
 */
export function latestFigures(m, region) {
  if (!region || typeof m?.publishedFigures !== 'function') return [];
  if (!figuresCache.has(region)) {
    let list = [];
    try {
      list = m.publishedFigures({ region });
    } catch { /* a region the engine does not know: none */ }
    const latest = new Map();
    for (const f of list) {
      if (f.industry) continue;
      const had = latest.get(f.metric);
      const key = (x) => [x.dataYear ?? 0, x.published ?? ''];
      const [ya, pa] = key(f);
      const [yb, pb] = had ? key(had) : [-1, ''];
      if (!had || ya > yb || (ya === yb && pa > pb)) latest.set(f.metric, f);
    }
    figuresCache.set(region, [...latest.values()]);
  }
  return figuresCache.get(region);
}

const pct = (x) => fmt(x * 100, 0, 0);

/**
 * The small chart of one target row `r`: the series (earlier years and the actual), the
 * straight path from baseline to the end value, the end value, and 时间进度 / 完成进度 in words.
 * `points`: earlier years' figures. Returns null when there is nothing to draw.
 */
export function chart(v, r, points, endYear) {
  const B = r.baseline;
  if (r.pace === 'qualitative' || !finite(r.endValue ?? r.end_value)) return null;
  const T = r.endValue ?? r.end_value;
  const pts = [...points.filter((p) => p.year !== r.year)];
  if (finite(r.actual) && finite(r.year)) pts.push({ year: r.year, value: r.actual, actual: true });
  pts.sort((a, b) => a.year - b.year);
  if (!pts.length) return null; // nothing measured yet: the table says it
  const years = [endYear, ...(B ? [B.year] : []), ...pts.map((p) => p.year)].filter(finite);
  const vals = [T, ...(B ? [B.value] : []), ...pts.map((p) => p.value)];
  const x0 = Math.min(...years);
  const x1 = Math.max(...years, x0 + 1);
  let y0 = Math.min(...vals);
  let y1 = Math.max(...vals);
  const pad = Math.max((y1 - y0) * 0.15, Math.abs(y1) * 0.002, 0.1);
  y0 -= pad;
  y1 += pad;
  const W = 260;
  const H = 110;
  const L = 36;
  const R = 12;
  const top = 10;
  const bottom = 22;
  const X = (y) => L + ((y - x0) / (x1 - x0)) * (W - L - R);
  const Y = (x) => top + (1 - (x - y0) / (y1 - y0)) * (H - top - bottom);
  const time = finite(r.timeShare) ? pct(r.timeShare) : null;
  const done = finite(r.doneShare) ? pct(r.doneShare) : null;
  const said = [];
  if (B) said.push(v.t('chartBase', { year: B.year, v: fv(B.value) }));
  said.push(v.t('chartEnd', { year: endYear, v: fv(T) }));
  for (const p of pts) said.push(v.t(p.actual ? 'chartActual' : 'chartPoint', { year: p.year, v: fv(p.value) }));
  if (finite(r.expected)) said.push(v.t('chartExpected', { year: r.year, v: fv(r.expected) }));
  return h('figure', { class: 'mqci-pchart', 'data-metric': r.metric },
    h('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, 'aria-hidden': 'true', focusable: 'false' },
      h('line', { x1: L, x2: W - R, y1: H - bottom, y2: H - bottom, class: 'mqci-pc-axis', stroke: 'currentColor', 'stroke-opacity': 0.5 }),
      h('text', { x: L, y: H - 6, class: 'mqci-pc-tick', fill: 'currentColor', 'font-size': 10, 'text-anchor': 'start' }, String(x0)),
      h('text', { x: W - R, y: H - 6, class: 'mqci-pc-tick', fill: 'currentColor', 'font-size': 10, 'text-anchor': 'end' }, String(x1)),
      h('text', { x: L - 4, y: Y(T) + 4, class: 'mqci-pc-tick', fill: 'currentColor', 'font-size': 10, 'text-anchor': 'end' }, fv(T)),
      h('line', { x1: L, x2: W - R, y1: Y(T), y2: Y(T), class: 'mqci-pc-target', stroke: 'currentColor', 'stroke-dasharray': '2 3' }),
      B ? h('line', { x1: X(B.year), y1: Y(B.value), x2: X(endYear), y2: Y(T), class: 'mqci-pc-path', stroke: 'currentColor', 'stroke-dasharray': '6 3', 'stroke-width': 1.5 }) : null,
      pts.length > 1 ? h('polyline', { points: pts.map((p) => `${X(p.year)},${Y(p.value)}`).join(' '), class: 'mqci-pc-series', fill: 'none', stroke: 'currentColor', 'stroke-width': 2 }) : null,
      pts.map((p) => h('circle', { cx: X(p.year), cy: Y(p.value), r: p.actual ? 4 : 3, class: p.actual ? 'mqci-pc-actual' : 'mqci-pc-point', fill: p.actual ? 'currentColor' : 'Canvas', stroke: 'currentColor', 'stroke-width': 1.5 })),
      B ? h('rect', { x: X(B.year) - 3, y: Y(B.value) - 3, width: 6, height: 6, class: 'mqci-pc-base', fill: 'Canvas', stroke: 'currentColor', 'stroke-width': 1.5 }) : null,
      h('path', { d: `M${X(endYear)} ${Y(T) - 5}l5 5-5 5-5-5z`, class: 'mqci-pc-end', fill: 'currentColor' })),
    h('figcaption', null,
      h('strong', { class: 'mqci-pc-name' }, v.nameOf(r)),
      ' ',
      time != null && done != null ? h('span', { 'data-testid': 'progress-shares' }, v.t('chartShares', { time, done })) : null,
      h('span', { class: 'mqci-pc-said' }, said.join(v.L.listSep2 ?? '；'))));
}

/**
 * The target check of S (app.js's compute): each actual with its data year, the review year and
 * baselines; on the enterprise's page its own spot-check pass rate stands for the city's
 * 工业产品质量合格率 when none is typed (for reference); and every region row's check.
 * `o`: { res, enterprise, profile (object), arg (id or host profile), run (app.js's
 * error-collecting runner), regions (panels/regions.js) }.
 */
export function checkAll(C, S, actuals, o) {
  const spot = o.res?.indicators?.spot_check_pass_rate?.value;
  if (o.enterprise && !('industrial_product_pass_rate' in actuals) && finite(spot)) actuals.industrial_product_pass_rate = spot;
  const opts = optionsOf(S, o.profile);
  const targets = o.run((a) => C.m.checkTargets(a, o.arg, opts), withYears(S, actuals),
    (a, bad) => Object.fromEntries(Object.entries(a).filter(([k]) => ![...bad].some((f) => f === `actuals.${k}` || f.startsWith(`actuals.${k}.`)))));
  const regions = o.profile && S.plan.regions.length ? o.regions.checkRegions(C.m, S, o.profile, o.arg, errorList) : null;
  return { targets, regions };
}
