// The widget's state: its shape, the empty state and how saved, imported or shared inputs are
// read back. Its one transition, `reduce`, is in lib/reduce.js (loaded right after the first
// result, which needs only this module). No DOM, no engine calls except through
// `catalog.readMethodology`.
//
// model = { S, prefs, notice, methodErrors, setAside, share, dialog, saveError, open, records,
//           compare, renaming }
// S (what is saved, exported and shared) = { values, scores, raw, actuals, profile, method,
//   na (indicator ids not applicable), exampleFields ("values.x"/"scores.x" still holding an
//   example's figure), annual (the 年度统计数据 as typed), company, year }
// records (kept beside S in this browser) = [{ id, name, savedAt, S }]

const str = (v) => (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) ? String(v) : null);
const isObj = (x) => x != null && typeof x === 'object' && !Array.isArray(x);

/** Empty inputs with `profile` and the built-in methodology. */
export const blank = (profile) => ({
  values: {}, scores: {}, raw: {}, actuals: {}, profile,
  method: { bandScheme: '2011', standardization: 'linear', custom: null, name: '' },
  na: [], exampleFields: [], annual: {}, company: '', year: '',
  plan: { asOf: '', years: {}, baselines: {}, series: {}, regions: [], sort: null }, // issue 10 (lib/plan.js)
});

/** Whether S needs the full engine for its first result (a custom or non-default methodology). */
export const needsFull = (S) => !!S.method.custom || S.method.bandScheme !== '2011' || S.method.standardization !== 'linear';

/**
 * Reads saved, imported or shared inputs part by part: every part that is valid is kept, and
 * what is not is listed in `setAside` (never silently lost). `catalog`: the engine's ids
 * ({ IND, NODES, METRICS, RAW, PROFILES, readMethodology }); null before the full engine is
 * there, when only the shape is checked (app.js reads again once it is).
 * Throws when `x` is not an object at all.
 */
export function sanitize(x, catalog, profile) {
  if (!isObj(x)) throw new Error('shape');
  const setAside = [];
  const pick = (m, allowed, part) => {
    const out = {};
    if (m == null) return out;
    if (!isObj(m)) {
      setAside.push({ part });
      return out;
    }
    for (const [k, v] of Object.entries(m)) {
      const s = str(v);
      if (s == null || (allowed && !allowed.includes(k))) setAside.push({ part: `${part}.${k}` });
      else out[k] = s;
    }
    return out;
  };
  const C = catalog;
  const S = blank(profile);
  S.values = pick(x.values, C?.IND, 'values');
  S.scores = pick(x.scores, C && [...C.NODES, ...C.IND], 'scores');
  S.actuals = pick(x.actuals, C?.METRICS, 'actuals');
  if (isObj(x.raw)) {
    for (const [ind, f] of Object.entries(x.raw)) {
      if (C && !Object.prototype.hasOwnProperty.call(C.RAW, ind)) setAside.push({ part: `raw.${ind}` });
      else S.raw[ind] = pick(f, C?.RAW[ind], `raw.${ind}`);
    }
  } else if (x.raw != null) setAside.push({ part: 'raw' });
  if (Array.isArray(x.na)) {
    for (const id of x.na) {
      if (typeof id === 'string' && (!C || C.IND.includes(id))) { if (!S.na.includes(id)) S.na.push(id); } else setAside.push({ part: 'na' });
    }
  } else if (x.na != null) setAside.push({ part: 'na' });
  if (Array.isArray(x.exampleFields)) S.exampleFields = x.exampleFields.filter((f) => typeof f === 'string' && /^(values|scores|actuals)\.\w+$/.test(f));
  S.annual = pick(x.annual, C?.ANNUAL, 'annual');
  if (typeof x.company === 'string') S.company = x.company.slice(0, 200);
  if (typeof x.year === 'string' || (typeof x.year === 'number' && Number.isFinite(x.year))) S.year = String(x.year).slice(0, 20);
  if (typeof x.profile === 'string' && (!C || C.PROFILES.includes(x.profile))) S.profile = x.profile;
  else if (x.profile != null) setAside.push({ part: 'profile' });
  if (isObj(x.plan)) S.plan = ctx10.readPlan ? ctx10.readPlan(x.plan, setAside) : x.plan; // issue 10: read again by lib/plan.js
  const m = isObj(x.method) ? x.method : {};
  if (m.bandScheme === '2009') S.method.bandScheme = '2009';
  if (m.standardization === 'exponential') S.method.standardization = 'exponential';
  if (isObj(m.custom)) {
    const name = String(m.name || m.custom.id || '');
    if (!C) {
      S.method.custom = m.custom;
      S.method.name = name;
    } else {
      try {
        S.method.custom = C.readMethodology(m.custom);
        S.method.name = name;
      } catch (e) {
        setAside.push({ part: 'method', name, error: e });
      }
    }
  }
  return { S, setAside };
}

// ---- issue 10 ----: plan monitoring's state rules live in lib/plan.js (loaded after the first
// result); app.js hands them over here (for sanitize) and in ctx.plan (for reduce) once loaded.
export const ctx10 = { readPlan: null };
// ---- end of issue 10 ----
