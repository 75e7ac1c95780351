// Shared by the issue-9 panels (improve, records, compare, report): number wording of the
// plan and the order of saved records. Functions of the view `v` (app.js); no DOM, no engine.
import { f2, fmt, finite } from './format.js';
import { unitOf } from './ui.js';

/** A number with at most 2 decimals, or 4 significant digits when it is tiny (below 0.1). */
export const num = (x) => (!finite(x) ? '–' : x === 0 || Math.abs(x) >= 0.1 ? fmt(x, 0, 2) : fmt(Number(x.toPrecision(4)), 0, 12));

/** One plan in plain words: "要达到 85 分（中等竞争力），最少需要改进：…". */
export function planText(v, p) {
  const { t, nameOf, data: { M } } = v;
  const what = p.kind === 'band' ? nameOf(p.band) : nameOf(p.profile);
  if (!p.plan.reachable) return t('planNo', { target: f2(p.target), what, index: f2(p.plan.index) });
  const steps = p.plan.steps.map((s) => t('planStep', { name: nameOf(M.indicators[s.indicator]), from: num(s.from), to: num(s.to), unit: unitOf(v, M.indicators[s.indicator].unit), gain: f2(s.gain) }));
  return t('planYes', { target: f2(p.target), what, steps: steps.join(v.L.listSep) });
}

/** The data year of a record: its year field, else the first 4-digit year in its name. */
export const yearOf = (r) => {
  const y = /\d{4}/.exec(String(r.S.year || '')) || /\d{4}/.exec(r.name);
  return y ? Number(y[0]) : null;
};

/** The records in time order (by data year, then name), each with its assessment. */
export function ordered(v) {
  return v.records.map((r) => ({ r, res: v.assessOf(r.S), y: yearOf(r) }))
    .sort((a, b) => (a.y ?? 1e9) - (b.y ?? 1e9) || a.r.name.localeCompare(b.r.name));
}
