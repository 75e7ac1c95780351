// Plan monitoring's state (issue 10), loaded after the first result: reading a saved plan,
// setting one of its fields, and the region-table actions, as pure functions of the model
// (lib/state.js calls them through ctx.plan once they are here), and the region table's effects
// (reading a paste, exporting CSV) for app.js's click handler.
import { errorList } from './engine.js';

const str = (v) => (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) ? String(v) : null);
const isObj = (x) => x != null && typeof x === 'object' && !Array.isArray(x);
// Plan monitoring (issue 10): S.plan = { asOf, years, baselines, series, regions, sort }, all
// figures as typed (strings). asOf: the review year ('' = the current year); years[metric]: the
// data year of the actual in S.actuals; baselines[metric]: { year, value } where the plan states
// none; series[metric]: earlier years' figures as typed ("2023 85.21\n2024 85.86"); regions:
// [{ name, values: { [metric]: string }, base: { [metric]: string } }]; sort: { col, dir }.

/** Most region rows kept (a province's cities or a city's districts fit easily). */
export const MAX_REGIONS = 500;

export function blankPlan() {
  return { asOf: '', years: {}, baselines: {}, series: {}, regions: [], sort: null };
}

const strMap = (m, part, setAside) => {
  const out = {};
  if (m == null) return out;
  if (!isObj(m)) {
    setAside.push({ part });
    return out;
  }
  for (const [k, v] of Object.entries(m)) {
    const s = str(v);
    if (s == null) setAside.push({ part: `${part}.${k}` });
    else out[k] = s;
  }
  return out;
};

/** Reads a saved plan part by part (what cannot be used goes to `setAside`). */
export function readPlan(x, setAside = []) {
  const p = blankPlan();
  if (x == null) return p;
  if (!isObj(x)) {
    setAside.push({ part: 'plan' });
    return p;
  }
  p.asOf = /^\d{4}$/.test(String(x.asOf ?? '')) ? String(x.asOf) : '';
  p.years = strMap(x.years, 'plan.years', setAside);
  p.series = strMap(x.series, 'plan.series', setAside);
  if (isObj(x.baselines)) {
    for (const [k, b] of Object.entries(x.baselines)) {
      if (isObj(b)) p.baselines[k] = { year: str(b.year) ?? '', value: str(b.value) ?? '' };
      else setAside.push({ part: `plan.baselines.${k}` });
    }
  }
  if (Array.isArray(x.regions)) {
    for (const r of x.regions.slice(0, MAX_REGIONS)) {
      if (isObj(r)) p.regions.push({ name: str(r.name) ?? '', values: strMap(r.values, 'plan.regions', setAside), base: strMap(r.base, 'plan.regions', setAside) });
      else setAside.push({ part: 'plan.regions' });
    }
  }
  if (isObj(x.sort) && typeof x.sort.col === 'string' && (x.sort.dir === 1 || x.sort.dir === -1)) p.sort = { col: x.sort.col, dir: x.sort.dir };
  return p;
}

/**
 * The plan with the field at `path` set to `value`: "asOf", "years.<metric>",
 * "series.<metric>", "baselines.<metric>.year|value", "regions.<i>.name",
 * "regions.<i>.values|base.<metric>". Any other path leaves the plan as it is.
 */
export function setPlan(plan, path, value) {
  const [a, b, c, d] = String(path).split('.');
  const v = String(value ?? '');
  if (a === 'asOf' && b == null) return /^(\d{4})?$/.test(v) ? { ...plan, asOf: v } : plan;
  if ((a === 'years' || a === 'series') && b && c == null) return { ...plan, [a]: { ...plan[a], [b]: v } };
  if (a === 'baselines' && b && (c === 'year' || c === 'value') && d == null) {
    return { ...plan, baselines: { ...plan.baselines, [b]: { year: '', value: '', ...plan.baselines[b], [c]: v } } };
  }
  const i = Number(b);
  if (a === 'regions' && Number.isInteger(i) && plan.regions[i]) {
    const regions = [...plan.regions];
    if (c === 'name' && d == null) regions[i] = { ...regions[i], name: v };
    else if ((c === 'values' || c === 'base') && d) regions[i] = { ...regions[i], [c]: { ...regions[i][c], [d]: v } };
    else return plan;
    return { ...plan, regions };
  }
  return plan;
}

/**
 * Plan actions: { type: 'regions', rows } replaces the region rows (a paste), 'regionAdd',
 * 'regionRemove' { index }, 'regionsClear', 'regionSort' { col } (again: reversed).
 * Returns null for any other action.
 */
export function reducePlan(model, a) {
  const plan = model.S.plan;
  const next = (patch) => ({ ...model, S: { ...model.S, plan: { ...plan, ...patch } } });
  switch (a.type) {
    case 'regions':
      return next({ regions: a.rows.slice(0, MAX_REGIONS) });
    case 'regionAdd':
      return plan.regions.length < MAX_REGIONS ? next({ regions: [...plan.regions, { name: '', values: {}, base: {} }] }) : model;
    case 'regionRemove':
      return next({ regions: plan.regions.filter((_, i) => i !== a.index) });
    case 'regionsClear':
      return next({ regions: [], sort: null });
    case 'regionSort':
      return next({ sort: { col: a.col, dir: plan.sort?.col === a.col ? -plan.sort.dir : 1 } });
    default:
      return null;
  }
}

/**
 * Reads a host's target profile file at `url` (same origin, checked by the caller) with the
 * full engine's readProfile. Returns { profile } (an id mqci ships becomes "host:<id>") or
 * { errors } (the engine's, each naming its field; or `unreadable` on profile for HTTP errors).
 */
export async function readProfileFile(C, url) {
  try {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`profile-src: HTTP ${r.status} for ${url}`);
    // readProfile's result, without the `expired` flag it adds (checkTargets takes the schema).
    const { expired: _, ...profile } = C.m.readProfile(await r.text());
    return { profile: C.ids.PROFILES.includes(profile.id) ? { ...profile, id: `host:${profile.id}` } : profile };
  } catch (e) {
    return { errors: e?.code ? errorList(e) : [{ code: 'unreadable', field: 'profile', value: String(url), params: {}, message: String(e?.message || e) }] };
  }
}

/** Saves the region table's export through a Blob URL (nothing leaves the browser). */
function save(w, box, blob, ext) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `mqci-regions-${w.model.S.profile}-${w.X.progress.asOfOf(w.model.S)}.${ext}`;
  a.hidden = true;
  box.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The region table's click actions (app.js's data-act), given what they need of the widget. */
export function regionActions(w) {
  const { dispatch, byId, box, P } = w;
  return {
    regionPaste: () => {
      const area = byId(`${P}paste`);
      const profile = w.profileOf(w.model.S);
      if (!area || !profile) return;
      const names = (id) => [profile.targets.find((x) => x.metric === id), w.C.METRICS.find((x) => x.id === id)].filter(Boolean).flatMap((x) => [x.zh, x.en]);
      const { rows, matched, unmatched } = w.X.regions.readPaste(area.value, profile, names);
      if (!rows.length || !matched.length) {
        dispatch({ type: 'notice', notice: { key: 'pasteEmpty', bad: true } });
        return;
      }
      dispatch({ type: 'regions', rows });
      dispatch({ type: 'notice', notice: { key: unmatched.length ? 'pasteUnmatched' : 'pasteDone', bad: unmatched.length > 0, vars: { n: String(rows.length), m: String(matched.length), cols: unmatched.join(w.L().listSep) } } });
      area.value = '';
    },
    regionAdd: () => dispatch({ type: 'regionAdd' }),
    regionRemove: (target) => dispatch({ type: 'regionRemove', index: Number(target.dataset.i) }),
    regionsClear: () => dispatch({ type: 'regionsClear' }),
    regionSort: (target) => dispatch({ type: 'regionSort', col: target.dataset.col }),
    regionExport: () => save(w, box, new Blob([w.X.regions.toCsv(w.view(), w.last.regions || [])], { type: 'text/csv;charset=utf-8' }), 'csv'),
    // The XLSX writer is the batch module's (issue 11), fetched on this click only.
    regionExportXlsx: async () => {
      const batch = await import('../pkg/mqci_batch.js');
      await batch.default();
      const bytes = batch.writeXlsx(w.X.regions.toSheets(w.view(), w.last.regions || []));
      save(w, box, new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), 'xlsx');
    },
  };
}
