// The widget's one transition: `reduce(model, action, ctx)` returns the next model (never
// mutates the one given); app.js computes, renders and persists after it. The state's shape and
// how it is read back are in lib/state.js. Loaded right after the first result (nothing can
// dispatch before the page is painted). No DOM, no engine calls.
import { blank } from './state.js';

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

