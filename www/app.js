// The mqci widget: mount(root, options) builds it in any element or ShadowRoot; the wasm engine
// does every calculation. This module renders the first result (state, storage, the results);
// panels/*.js, loaded right after it with their strings and styles, add the rest. All data is
// written with textContent, never parsed as HTML.
import init, * as mqci from './pkg/mqci.js';
import { MESSAGES, loadLang } from './i18n.js';

let engine;
let extras;
let count = 0;

/** Starts loading the engine (once per page); mount() awaits it. */
export function loadEngine() {
  engine ??= init({ module_or_path: new URL('./pkg/mqci_bg.wasm', import.meta.url) });
  engine.catch(() => { engine = undefined; }); // a failed load may be retried by the next mount
  return engine;
}

/** The panels the first result does not need, and their zh-CN strings (once per page). */
function loadExtras() {
  extras ??= Promise.all([
    import('./panels/targets.js'),
    import('./panels/method.js'),
    import('./panels/checks.js'),
    import('./panels/tools.js'),
    import('./panels/tables.js'),
    import('./panels/inputs.js'),
    loadLang('zh-CN', true),
  ]).then(([targets, method, checks, tools, tables, inputs]) => ({ targets, method, checks, tools, tables, inputs }));
  extras.catch(() => { extras = undefined; });
  return extras;
}

// Published figures behind the example buttons (MQCI.md §5–6); names and sources are in the catalogues.
export const EXAMPLES = [
  { id: 'national-2007', scores: { quality_level: 84.76, development_capability: 77.21 } },
  {
    id: 'chengdu-2023',
    profile: 'chengdu-2027',
    actuals: { industrial_product_pass_rate: 94.5, food_drug_sampling_pass_rate: 99, consumer_goods_sampling_pass_rate: 93.7 },
  },
  {
    id: 'mianyang-2016',
    profile: 'sichuan-2027',
    actuals: { agri_monitoring_pass_rate: 100, food_sampling_pass_rate: 98.8, industrial_product_pass_rate: 97.1, project_acceptance_rate: 100 },
  },
];

const SECTIONS = { full: 'inputs results targets method', compact: 'inputs results', targets: 'targets' };

export function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const kid of kids.flat(Infinity)) if (kid != null && kid !== false) el.append(kid);
  return el;
}

export const fill = (s, vars = {}) => s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
export const filled = (m) => Object.fromEntries(Object.entries(m || {}).filter(([, v]) => String(v).trim() !== ''));
export const errorList = (e) => (e?.errors?.length ? e.errors : [{ code: e?.code || 'other', field: e?.field || '', value: e?.value ?? null, message: String(e?.message || e) }]);

/**
 * Formats `v` with `min`–`max` decimals as Intl.NumberFormat does in zh-CN and en ("1,234.5",
 * half-up on the shortest decimal form; but -0 is "0"); `signed`: "+" before positive numbers,
 * no sign on 0. (A page's first Intl call loads locale data: some 25 ms before the first result.)
 */
export function fmt(v, min, max, signed) {
  if (!Number.isFinite(v)) return String(v);
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

function unb64u(s) {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

function storage() {
  try {
    const s = window.localStorage;
    s.getItem('mqci');
    return s;
  } catch {
    return null;
  }
}

// Built-in methodologies by options, and the engine's other data: read once, when first needed,
// shared by every instance and never modified.
const METHODS = {};
const DATA = {};
const once = (key, read) => (DATA[key] ??= read());

/**
 * Mounts one widget instance into `root` (an element or a ShadowRoot).
 * options: {lang, profile, mode: "full"|"compact"|"targets", storageKey, methodologyUrl,
 * headingLevel (default 2), readHash (default true: restore a #s= share link),
 * onResult(assessment) and onError({message, errors}) callbacks for hosts}.
 * Resolves to a controller: {lang, state, result, getResult(), setInputs(input),
 * setProfile(id), setLang(lang), destroy()}, once every panel is there (the first result is
 * shown before that).
 */
export async function mount(root, options = {}) {
  const o = { lang: 'zh-CN', profile: 'national-2025', mode: 'full', storageKey: 'default', headingLevel: 2, readHash: true, ...options };
  const P = `mqci${++count}-`;
  const KEY = `mqci:v1:${o.storageKey}`;
  const store = storage();
  const show = new Set((SECTIONS[o.mode] || SECTIONS.full).split(' '));
  const hl = (n) => `h${Math.min(6, o.headingLevel + n)}`;
  const LANGS = ['zh-CN', 'en'];
  const prefs = { lang: LANGS.includes(o.lang) ? o.lang : 'zh-CN', large: false };
  try {
    const p = JSON.parse(store?.getItem(`${KEY}:prefs`) || '{}');
    if (LANGS.includes(p.lang)) prefs.lang = p.lang;
    prefs.large = p.large === true;
  } catch { /* preferences are optional */ }

  let L = MESSAGES['zh-CN'];
  const t = (k, vars) => fill(L[k] ?? k, vars);
  // aria-busy until every panel is there.
  const box = h('div', { class: 'mqci', lang: prefs.lang, 'data-mode': o.mode, 'aria-busy': 'true' });
  box.classList.toggle('mqci--large', prefs.large);
  box.append(h('p', { class: 'mqci-loading', role: 'status' }, t('loading')));
  // Keep stylesheets a host put in a shadow root; replace anything else (e.g. a skeleton).
  for (const c of [...root.childNodes]) if (!c.matches?.('link, style')) c.remove();
  root.append(box);
  try {
    await Promise.all([loadEngine(), loadLang(prefs.lang).catch(() => { prefs.lang = 'zh-CN'; })]);
  } catch (e) {
    box.replaceChildren(h('p', { class: 'mqci-notice mqci-notice--bad', role: 'alert' }, t('loadFail')));
    throw e;
  }

  // Static engine data.
  const ENGINE = once('version', mqci.version);
  const DEF = (METHODS['2011 linear'] ??= mqci.defaultMethodology());
  const PROFILES = once('profiles', mqci.targetProfiles);
  const RAW = () => once('raw', () => Object.fromEntries(mqci.rawFields().map((r) => [r.indicator, r])));
  const METRICS = () => once('metrics', mqci.targetMetrics);
  const IND = Object.keys(DEF.indicators);
  const NODES = [...Object.keys(DEF.secondary), ...Object.keys(DEF.tertiary)];
  const PARENT = Object.fromEntries(IND.map((id) => [id, DEF.indicators[id].parent]));
  const profileOk = (id) => PROFILES.some((p) => p.id === id);
  if (!profileOk(o.profile)) o.profile = PROFILES[0].id;

  const blank = () => ({ values: {}, scores: {}, raw: {}, actuals: {}, profile: o.profile, method: { bandScheme: '2011', standardization: 'linear', custom: null, name: '' } });
  let S = blank();
  let notice = null;
  let methodErrors = null;
  let last = {};
  let announceTimer = 0;
  let X = null; // the loaded panels/*.js modules
  let alive = true;
  const el = {};

  // ---- state in and out ----
  function sanitize(x) {
    if (!x || typeof x !== 'object' || Array.isArray(x)) throw new Error('shape');
    const pick = (m, allowed) => {
      const out = {};
      if (m && typeof m === 'object') for (const [k, v] of Object.entries(m)) if (allowed.includes(k) && (typeof v === 'string' || typeof v === 'number')) out[k] = String(v);
      return out;
    };
    const s = blank();
    s.values = pick(x.values, IND);
    s.scores = pick(x.scores, [...NODES, ...IND]);
    s.actuals = pick(x.actuals, METRICS().map((m) => m.id));
    for (const [ind, f] of Object.entries(x.raw || {})) if (Object.hasOwn(RAW(), ind)) s.raw[ind] = pick(f, RAW()[ind].fields.map((r) => r.key));
    if (profileOk(x.profile)) s.profile = x.profile;
    const m = x.method || {};
    if (m.bandScheme === '2009') s.method.bandScheme = '2009';
    if (m.standardization === 'exponential') s.method.standardization = 'exponential';
    if (m.custom && typeof m.custom === 'object') {
      s.method.custom = mqci.readMethodology(m.custom);
      s.method.name = String(m.name || m.custom.id || '');
    }
    return s;
  }
  const save = () => {
    try {
      store?.setItem(KEY, JSON.stringify({ v: 1, savedAt: new Date().toISOString(), inputs: S }));
    } catch { /* quota or privacy mode: the page keeps working */ }
  };
  const savePrefs = () => {
    try {
      store?.setItem(`${KEY}:prefs`, JSON.stringify(prefs));
    } catch { /* see save() */ }
  };
  const methodology = () => {
    if (S.method.custom) return S.method.custom;
    const { bandScheme, standardization } = S.method;
    return (METHODS[`${bandScheme} ${standardization}`] ??= mqci.defaultMethodology({ bandScheme, standardization }));
  };
  // The engine's built-in methodology needs no argument, which spares converting it on every call.
  const assess = (input, M) => mqci.assess(input, M === DEF ? undefined : M);

  function loadExample(ex) {
    if (ex.scores) {
      S.values = {};
      S.raw = {};
      S.scores = Object.fromEntries(Object.entries(ex.scores).map(([k, v]) => [k, String(v)]));
    }
    if (ex.actuals) {
      S.actuals = { ...(S.actuals.mqci ? { mqci: S.actuals.mqci } : {}), ...Object.fromEntries(Object.entries(ex.actuals).map(([k, v]) => [k, String(v)])) };
      if (ex.profile && profileOk(ex.profile)) S.profile = ex.profile;
    }
  }

  // Where the state comes from: a share link, then this browser's copy, else examples.
  const hash = o.readHash && typeof location !== 'undefined' ? /^#s=(.*)$/.exec(location.hash) : null;
  let restored = false;
  if (hash) {
    try {
      S = sanitize(JSON.parse(unb64u(hash[1])));
      notice = { key: 'linkLoaded' };
      restored = true; // not saved until edited: the visitor's own saved inputs stay intact
    } catch {
      notice = { key: 'badLink', bad: true };
    }
    try {
      history.replaceState(null, '', location.pathname + location.search);
    } catch { /* sandboxed */ }
  }
  const saved = store?.getItem(KEY);
  if (!restored && saved != null) {
    try {
      S = sanitize(JSON.parse(saved).inputs);
      restored = true;
    } catch {
      notice ??= { key: 'badSaved', bad: true };
    }
  }
  if (!restored && saved == null) {
    if (show.has('inputs')) loadExample(EXAMPLES[0]);
    loadExample(EXAMPLES[1]);
    S.profile = o.profile;
    notice ??= { key: 'firstVisit' };
  }
  if (o.methodologyUrl) { // the host's current file wins over a saved copy
    try {
      const r = await fetch(o.methodologyUrl);
      if (!r.ok) throw new Error(`methodology: HTTP ${r.status} for ${o.methodologyUrl}`);
      const m = mqci.readMethodology(await r.json());
      S.method.custom = m;
      S.method.name = m.id || o.methodologyUrl;
    } catch (e) {
      methodErrors = { name: String(o.methodologyUrl), errors: errorList(e) };
      queueMicrotask(() => o.onError?.({ message: methodErrors.errors.map((x) => x.message).join('; '), errors: methodErrors.errors }));
    }
  }

  // ---- building blocks ----
  const nameOf = (item) => (prefs.lang === 'en' ? item.en : item.zh) || item.zh || item.en || '';

  function section(name, kids) {
    return h('section', { class: `mqci-card mqci-${name}`, 'aria-labelledby': `${P}${name}-h`, id: `${P}${name}` },
      h(hl(1), { id: `${P}${name}-h`, class: 'mqci-h', tabindex: '-1' }, t(name)), kids);
  }

  function buildResults() {
    el.index = h('span', { class: 'mqci-index', 'data-testid': 'index' });
    el.band = h('span', { class: 'mqci-band', 'data-testid': 'band' });
    el.state = h('div', { class: 'mqci-state', 'data-testid': 'state' });
    el.scale = h('div', { class: 'mqci-scale', 'aria-hidden': 'true' });
    el.scaleText = h('p', { class: 'mqci-scaletext' });
    el.chart = h('div', { class: 'mqci-chart', 'aria-hidden': 'true' });
    el.warns = h('div', { class: 'mqci-warns' });
    el.tables = h('div'); // the tables of panels/tables.js
    return section('results', [
      h('div', { class: 'mqci-hero' },
        h('div', null, h('span', { class: 'mqci-label' }, t('indexLabel')), el.index),
        h('div', null, h('span', { class: 'mqci-label' }, t('bandLabel')), el.band)),
      el.state, el.scale, el.scaleText, el.warns,
      h(hl(2), { class: 'mqci-h2' }, t('chart')),
      el.chart,
      h('p', { class: 'mqci-hint mqci-chartnote' }, t('chartNote')),
      el.tables,
    ]);
  }

  function render() {
    L = MESSAGES[prefs.lang];
    const found = (root.getRootNode ? root.getRootNode() : document).activeElement;
    const active = found && box.contains(found) ? found : null; // never take focus from another instance
    const ds = active?.dataset || {};
    const focused = active?.id || (ds.act ? `[data-act="${ds.act}"]${ds.id ? `[data-id="${ds.id}"]` : ''}` : '');
    const M = methodology();
    box.lang = prefs.lang;
    const btn = (act, label, extra = {}) => h('button', { type: 'button', class: 'mqci-btn', 'data-act': act, ...extra }, label);
    el.notice = h('div', { class: 'mqci-noticebox' });
    el.slot = h('div');
    el.meta = h('p', { class: 'mqci-meta', 'data-testid': 'report-meta' });
    el.content.replaceChildren(...[
      show.has('results') ? h('a', { class: 'mqci-skip', href: `#${P}results`, 'data-act': 'skip' }, t('skip')) : null,
      h('header', { class: 'mqci-head' },
        h('div', { class: 'mqci-titles' }, h(`h${o.headingLevel}`, { class: 'mqci-title' }, t('title')), h('p', { class: 'mqci-sub' }, t('sub'))),
        h('div', { class: 'mqci-prefs' },
          btn('lang', h('span', { lang: L.otherLangCode }, L.otherLang), { id: `${P}lang` }),
          btn('large', t('large'), { id: `${P}large`, 'aria-pressed': String(prefs.large) }))),
      h('p', { class: 'mqci-disclaimer' }, h('strong', null, t('disclaimerLead')), t(show.has('method') ? 'disclaimerShort' : 'disclaimer')),
      h('div', { class: 'mqci-bar' },
        h('div', { class: 'mqci-btns', role: 'group', 'aria-labelledby': `${P}ex-l` },
          h('span', { id: `${P}ex-l`, class: 'mqci-label' }, t('examples')),
          EXAMPLES.filter((ex) => show.has(ex.scores ? 'inputs' : 'targets')).map((ex) => btn('example', L.ex[ex.id], { 'data-id': ex.id }))),
        h('div', { class: 'mqci-btns', role: 'group', 'aria-label': t('actions') },
          btn('export', t('export')), btn('import', t('import')), btn('share', t('share')),
          btn('print', t('print')), btn('clear', t('clear')),
          h('input', { type: 'file', accept: '.json,application/json', hidden: true, 'data-act': 'importFile', 'aria-label': t('import') }))),
      el.notice, // with the share link before it and the error summary after it (panels/*.js)
      h('div', { class: 'mqci-main' },
        // The fields come with panels/inputs.js; the card and its hint are there from the start.
        show.has('inputs') ? (el.inputs = section('inputs', h('p', { class: 'mqci-hint' }, t('inputsHint')))) : null,
        show.has('results') ? buildResults() : null),
      el.slot,
      el.meta].filter(Boolean));
    if (X) complete(M);
    paintNotice();
    update(false);
    if (focused) (focused.startsWith('[') ? box.querySelector(focused) : box.querySelector(`#${CSS.escape(focused)}`))?.focus();
  }

  // What panels/*.js add once loaded.
  function complete(M) {
    if (show.has('inputs')) el.inputs.append(...X.inputs.build(w, M).filter(Boolean));
    if (show.has('results')) el.tables.replaceChildren(...X.tables.build(w));
    el.slot.replaceChildren(...[show.has('targets') && X.targets.build(w), X.method[show.has('method') ? 'build' : 'note'](w, M)].filter(Boolean));
    el.dialog = X.tools.dialog(w);
    el.content.append(el.dialog);
  }

  function paintNotice() {
    el.notice.replaceChildren();
    if (!notice) return;
    const text = t(notice.key, notice.vars);
    el.notice.append(h('p', { class: `mqci-notice${notice.bad ? ' mqci-notice--bad' : ''}`, 'data-testid': 'notice' }, text));
    if (!notice.said) el.status.textContent = text;
    notice.said = true;
  }

  // ---- computing and painting results ----
  function compute(M) {
    const errors = [];
    const run = (f, input, prune) => {
      try {
        return f(input);
      } catch (e) {
        const list = errorList(e);
        errors.push(...list);
        const bad = new Set(list.map((x) => x.field));
        try {
          return f(prune(input, bad));
        } catch (e2) {
          errors.push(...errorList(e2).filter((x) => !bad.has(x.field)));
          return null;
        }
      }
    };
    const without = (m, prefix, bad) => Object.fromEntries(Object.entries(m).filter(([k]) => !bad.has(`${prefix}.${k}`)));
    let res = null;
    if (show.has('inputs')) {
      res = run((i) => assess(i, M), { values: filled(S.values), scores: filled(S.scores) },
        (i, bad) => ({ values: without(i.values, 'values', bad), scores: without(i.scores, 'scores', bad) }));
    }
    // What the raw-figure helpers and the target check show, once their panels are there.
    const derived = {};
    for (const [ind, f] of Object.entries(X ? S.raw : {})) {
      const vals = filled(f);
      if (!Object.keys(vals).length || !show.has('inputs')) continue;
      try {
        derived[ind] = mqci.deriveIndicators({ [ind]: vals })[ind];
      } catch (e) {
        errors.push(...errorList(e));
      }
    }
    let targets = null;
    if (show.has('targets') && X) {
      const actuals = filled(S.actuals);
      if (!('mqci' in actuals) && res?.index != null) actuals.mqci = res.index;
      targets = run((a) => mqci.checkTargets(a, S.profile), actuals, (a, bad) => without(a, 'actuals', bad));
    }
    return { res, derived, targets, errors };
  }

  // Hosts hear about every new result and every input error (embedding API).
  let lastSent = '';
  function notify() {
    const { res, errors } = last;
    if (errors.length) o.onError?.({ message: errors.map((e) => e.message || e.field).join('; '), errors });
    const key = res ? JSON.stringify(res) : '';
    if (res && key !== lastSent) {
      lastSent = key;
      o.onResult?.(res);
    }
  }

  function update(user) {
    const M = methodology();
    last = compute(M);
    queueMicrotask(notify);
    paint(M);
    if (user) {
      save();
      clearTimeout(announceTimer);
      announceTimer = setTimeout(() => X?.checks.announce(w), 700);
    }
  }

  function paint(M) {
    const { res, derived, targets, errors } = last;
    if (res) paintResults(res, M);
    if (!X) return;
    X.inputs.paint(w, res, derived);
    if (res) X.tables.paint(w, res, M);
    if (targets) X.targets.paint(w, targets, res);
    X.checks.paint(w, errors, res?.warnings || [], M);
    X.method.meta(w, M);
  }

  function paintResults(res, M) {
    const n = 12 - res.missing.length;
    const anyScore = Object.keys(filled(S.scores)).length > 0;
    el.index.textContent = res.index == null ? '–' : f2(res.index);
    el.index.classList.toggle('mqci-index--none', res.index == null);
    el.band.textContent = res.band ? nameOf(res.band) : '–';
    el.band.dataset.band = res.band?.id || '';
    const state = [];
    if (res.index == null) {
      if (n === 0 && !anyScore) state.push(h('p', null, t('empty')));
      else {
        state.push(h('p', null, t('incomplete', { n })));
        if (res.range) state.push(h('p', null, t('range', { min: f2(res.range.min), max: f2(res.range.max) })));
        state.push(h('p', { class: 'mqci-missing' }, t('missing', { list: res.missing.map((id) => nameOf(M.indicators[id])).join(L.listSep) })));
      }
    }
    el.state.replaceChildren(...state);
    paintScale(res, M);

    // The chart.
    const bars = [];
    for (const [sid, s] of Object.entries(M.secondary)) {
      bars.push([s, 'secondary', res.secondary[sid]]);
      for (const [tid, n2] of Object.entries(M.tertiary)) if (n2.parent === sid) bars.push([n2, 'tertiary', res.tertiary[tid]]);
    }
    el.chart.replaceChildren(...bars.map(([node, level, score]) => {
      const fillEl = h('span', { class: 'mqci-fill' });
      fillEl.style.width = `${score == null ? 0 : Math.max(0, Math.min(100, ((score - 60) / 40) * 100))}%`;
      return h('div', { class: `mqci-bar-row mqci-bar-row--${level}` },
        h('span', { class: 'mqci-bar-l' }, nameOf(node)),
        h('span', { class: 'mqci-track' }, fillEl),
        h('span', { class: 'mqci-bar-v' }, score == null ? '–' : f2(score)));
    }));
  }

  function paintScale(res, M) {
    const bands = M.bands;
    const pos = (x) => {
      const i = Math.max(0, bands.findIndex((b, k) => x < b.max || k === bands.length - 1));
      const b = bands[i];
      return ((i + Math.max(0, Math.min(1, (x - b.min) / (b.max - b.min)))) / bands.length) * 100;
    };
    const segs = bands.map((b) => h('span', { class: `mqci-seg${res.band?.id === b.id ? ' mqci-seg--on' : ''}` },
      h('span', { class: 'mqci-seg-n' }, nameOf(b))));
    const ticks = h('div', { class: 'mqci-ticks' }, bands.map((b, i) => h('span', null, fv(b.min), i === bands.length - 1 ? h('span', { class: 'mqci-tick-end' }, fv(b.max)) : null)));
    const bar = h('div', { class: 'mqci-segs' }, segs);
    if (res.index != null) {
      const mark = h('span', { class: 'mqci-mark' }, h('span', { class: 'mqci-mark-v' }, f2(res.index)));
      mark.style.left = `${pos(res.index)}%`;
      bar.append(mark);
      const b = bands.find((x) => x.id === res.band?.id);
      el.scaleText.textContent = b ? t('scalePos', { v: f2(res.index), band: nameOf(b), min: fv(b.min), max: fv(b.max) }) : '';
    } else if (res.range && (res.missing.length < 12 || Object.keys(filled(S.scores)).length)) {
      const span = h('span', { class: 'mqci-span' });
      span.style.left = `${pos(res.range.min)}%`;
      span.style.width = `${pos(res.range.max) - pos(res.range.min)}%`;
      bar.append(span);
      el.scaleText.textContent = t('scaleRange', { min: f2(res.range.min), max: f2(res.range.max) });
    } else el.scaleText.textContent = '';
    el.scale.replaceChildren(bar, ticks);
  }

  // ---- input and actions ----
  function setValue(id, value) {
    const input = box.querySelector(`#${CSS.escape(id)}`);
    if (!input) return;
    input.value = value;
    onInput(input);
    input.focus();
  }

  function onInput(input) {
    const { k, id, f } = input.dataset;
    if (!k) return;
    if (k === 'raw') (S.raw[id] ??= {})[f] = input.value;
    else S[k][id] = input.value;
    update(true);
  }

  // Everything a panel module needs from this instance.
  const w = {
    o, P, box, root, el, show, prefs, hl, ENGINE, DEF, PROFILES, IND, NODES, PARENT,
    get RAW() { return RAW(); },
    get METRICS() { return METRICS(); },
    get L() { return L; },
    get S() { return S; },
    set S(v) { S = v; },
    get notice() { return notice; },
    set notice(v) { notice = v; },
    get methodErrors() { return methodErrors; },
    set methodErrors(v) { methodErrors = v; },
    get last() { return last; },
    t, blank, sanitize, save, savePrefs, methodology, assess, profileOk, loadExample, render, paintNotice, setValue, nameOf, section,
  };

  box.addEventListener('input', (e) => onInput(e.target));
  // The selects and file inputs that change state are handled in panels/tools.js.
  box.addEventListener('change', (e) => X?.tools.change(w, e.target));
  box.addEventListener('click', (e) => {
    const target = e.target.closest('[data-act]');
    if (!target || target.tagName === 'SELECT' || target.tagName === 'INPUT') return;
    if (target.tagName === 'A') e.preventDefault();
    // The actions are in panels/tools.js.
    more.then(() => X?.tools.act(w, target), () => {});
  });

  // The first result, then the rest of the widget as soon as its modules and styles are in.
  el.status = h('p', { class: 'mqci-vh', role: 'status', 'data-testid': 'live' });
  el.content = h('div');
  box.replaceChildren(el.status, el.content);
  render();
  let styled;
  box.prepend(h('link', {
    rel: 'stylesheet',
    href: new URL('./panels/panels.css', import.meta.url).href,
    onload: () => styled(),
    onerror: () => styled(),
  }));
  const css = new Promise((resolve) => { styled = resolve; });
  if (!box.isConnected) styled(); // a detached root loads no stylesheet
  const more = Promise.all([loadExtras(), css]);
  try {
    [X] = await more;
    if (alive) {
      complete(methodology());
      update(false);
    }
  } catch {
    notice = { key: 'extrasFail', bad: true };
    paintNotice();
  }
  box.removeAttribute('aria-busy');

  // The controller (its setters are in panels/tools.js, loaded by the time it is returned).
  return {
    get lang() { return prefs.lang; },
    get state() { return structuredClone(S); },
    get result() { return last.res; },
    /** The latest assessment, or null. */
    getResult() { return last.res ?? null; },
    /**
     * Replaces the indicator values and sub-scores with `input` (the object `assess` takes).
     * Ids the engine does not know are reported through onError and left out.
     */
    setInputs(input) { X?.tools.setInputs(w, input); },
    /** Switches the target profile (a shipped profile id). */
    setProfile(id) { X?.tools.setProfile(w, id); },
    /** Switches the language ("zh-CN" or "en") without storing it as the visitor's choice. */
    async setLang(lang) { await X?.tools.switchLang(w, lang, false); },
    destroy() {
      alive = false;
      clearTimeout(announceTimer);
      box.remove();
    },
  };
}
