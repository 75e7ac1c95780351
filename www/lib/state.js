// The widget's state and its one transition. `reduce(model, action, ctx)` returns the next
// model (never mutates the one given); app.js computes, renders and persists after it.
// No DOM, no engine calls except through `ctx.catalog.readMethodology`.
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

const strings = (m) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, String(v)]));

/** The inputs with example `ex` loaded into the parts it has (sub-scores or target figures). */
export function withExample(S, ex, profileOk = () => true) {
  const next = { ...S };
  if (ex.scores) {
    next.values = {};
    next.raw = {};
    next.annual = {};
    next.na = [];
    next.scores = strings(ex.scores);
    next.exampleFields = Object.keys(ex.scores).map((k) => `scores.${k}`);
  }
  if (ex.actuals) {
    next.actuals = { ...(S.actuals.mqci ? { mqci: S.actuals.mqci } : {}), ...strings(ex.actuals) };
    next.exampleFields = [...(next.exampleFields || []).filter((f) => !f.startsWith('actuals.')), ...Object.keys(ex.actuals).map((k) => `actuals.${k}`)];
    if (ex.profile && profileOk(ex.profile)) next.profile = ex.profile;
  }
  return next;
}

/** Whether loading `ex` would replace figures the visitor typed (then the page asks first). */
export function exampleReplaces(S, ex) {
  const blankless = (m) => Object.fromEntries(Object.entries(m || {}).filter(([, v]) => String(v).trim() !== ''));
  const actuals = blankless(S.actuals);
  delete actuals.mqci;
  const cur = ex.scores ? { ...blankless(S.values), ...blankless(S.scores), ...blankless(S.annual), ...Object.assign({}, ...Object.values(S.raw).map(blankless)) } : actuals;
  const next = strings(ex.scores || ex.actuals);
  const same = Object.keys(cur).length === Object.keys(next).length && Object.keys(next).every((k) => cur[k] === next[k]);
  return Object.keys(cur).length > 0 && !same;
}

/**
 * The one transition: the next model after `action`. `ctx`: { blankProfile, examples,
 * profileOk }. Actions: input, example, clear, profile, bandScheme, std, methodLoaded,
 * methodFailed, resetMethod, imported, setInputs, notice, lang, large, share, dialog,
 * saveError, setAside, reread, toggle; and those of ctx.reduce9 (lib/reduce9.js).
 */
export function reduce(model, a, ctx) {
  const m = { ...model };
  const S = (patch) => { m.S = { ...m.S, ...patch }; };
  const method = (patch) => S({ method: { ...m.S.method, ...patch } });
  switch (a.type) {
    case 'input':
      if (a.k === 'raw') S({ raw: { ...m.S.raw, [a.id]: { ...m.S.raw[a.id], [a.f]: a.value } } });
      else if (['values', 'scores', 'actuals', 'annual'].includes(a.k)) S({ [a.k]: { ...m.S[a.k], [a.id]: a.value } });
      else if (a.k === 'meta' && (a.id === 'company' || a.id === 'year')) S({ [a.id]: a.value });
      else if (a.k === 'plan' && ctx.plan) S({ plan: ctx.plan.setPlan(m.S.plan, a.f, a.value) }); // issue 10
      else break;
      // A figure the visitor typed is no longer the example's.
      if (m.S.exampleFields?.includes(`${a.k}.${a.id}`)) S({ exampleFields: m.S.exampleFields.filter((f) => f !== `${a.k}.${a.id}`) });
      break;
    case 'example': {
      const ex = ctx.examples.find((x) => x.id === a.id);
      if (!ex) break;
      m.S = withExample(m.S, ex, ctx.profileOk);
      m.notice = { key: 'exLoaded', ex: ex.id };
      m.open = {};
      break;
    }
    case 'clear':
      m.S = blank(ctx.blankProfile);
      m.notice = { key: 'cleared' };
      m.methodErrors = null;
      m.open = {};
      break;
    case 'profile':
      if (ctx.profileOk(a.value)) S({ profile: a.value });
      break;
    case 'bandScheme':
      if (a.value === '2011' || a.value === '2009') method({ bandScheme: a.value });
      break;
    case 'std':
      if (a.value === 'linear' || a.value === 'exponential') method({ standardization: a.value });
      break;
    case 'methodLoaded':
      method({ custom: a.custom, name: a.name });
      m.methodErrors = null;
      break;
    case 'methodFailed':
      m.methodErrors = { name: a.name, errors: a.errors };
      break;
    case 'resetMethod':
      method({ custom: null, name: '' });
      m.methodErrors = null;
      break;
    case 'imported':
      m.S = a.S;
      m.notice = { key: 'imported', vars: { name: a.name } };
      m.methodErrors = null;
      m.open = {};
      break;
    case 'setInputs':
      S({ values: a.values, scores: a.scores, raw: {}, annual: {}, na: [], exampleFields: [] });
      m.notice = null;
      break;
    case 'reread':
      m.S = a.S;
      break;
    case 'notice':
      m.notice = a.notice;
      break;
    case 'lang':
      m.prefs = { ...m.prefs, lang: a.value };
      break;
    case 'large':
      m.prefs = { ...m.prefs, large: !m.prefs.large };
      break;
    case 'share':
      m.share = a.url;
      break;
    case 'dialog':
      m.dialog = a.dialog;
      break;
    case 'toggle':
      m.open = { ...m.open, [a.key]: a.open };
      break;
    case 'saveError':
      m.saveError = a.error;
      break;
    case 'setAside':
      m.setAside = a.setAside;
      break;
    default:
      // Issue 9's actions (records, 不适用, …) are reduced by lib/reduce9.js and issue 10's
      // (plan, regions) by lib/plan.js, both loaded with the panels after the first result.
      return ctx.reduce9?.(m, a) ?? ctx.plan?.reducePlan(model, a) ?? model;
  }
  return m;
}

// ---- issue 10 ----: plan monitoring's state rules live in lib/plan.js (loaded after the first
// result); app.js hands them over here (for sanitize) and in ctx.plan (for reduce) once loaded.
export const ctx10 = { readPlan: null };
// ---- end of issue 10 ----
