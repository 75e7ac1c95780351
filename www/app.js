// The mqci widget: mount(root, options) builds the self-assessment, target check and
// methodology panels inside any element or ShadowRoot. The wasm engine does every
// calculation; this module owns the DOM, storage, import/export and the share link.
// All data is written with textContent, never parsed as HTML.
import init, * as mqci from './pkg/mqci.js';
import { MESSAGES, EXAMPLES, loadLang } from './i18n.js';

let engine;
let count = 0;

/** Starts loading the engine (once per page); mount() awaits it. */
export function loadEngine() {
  engine ??= init({ module_or_path: new URL('./pkg/mqci_bg.wasm', import.meta.url) });
  return engine;
}

const SECTIONS = { full: 'inputs results targets method', compact: 'inputs results', targets: 'targets' };
const SVGNS = 'http://www.w3.org/2000/svg';
const ICONS = { met: 'M3 8.5l3.2 3.2L13 4.8', not_met: 'M4 4l8 8M12 4l-8 8', no_data: 'M4 8h8', qualitative: 'M8 3l5 5-5 5-5-5z' };
const SCORE_IDS = ['quality_level', 'development_capability'];

function h(tag, attrs, ...kids) {
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

function icon(status) {
  const svg = document.createElementNS(SVGNS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'mqci-icon');
  const path = document.createElementNS(SVGNS, 'path');
  path.setAttribute('d', ICONS[status]);
  svg.append(path);
  return svg;
}

const fill = (s, vars = {}) => s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
const filled = (m) => Object.fromEntries(Object.entries(m || {}).filter(([, v]) => String(v).trim() !== ''));
const errorList = (e) => (e?.errors?.length ? e.errors : [{ code: e?.code || 'other', field: e?.field || '', value: e?.value ?? null, message: String(e?.message || e) }]);

function b64u(text) {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
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

/**
 * Mounts one widget instance into `root` (an element or a ShadowRoot).
 * options: {lang, profile, mode: "full"|"compact"|"targets", storageKey, methodologyUrl,
 * headingLevel (default 2), readHash (default true: restore a #s= share link),
 * onResult(assessment) and onError({message, errors}) callbacks for hosts}.
 * Resolves to a controller: {lang, state, result, getResult(), setInputs(input),
 * setProfile(id), setLang(lang), destroy()}.
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
  const box = h('div', { class: 'mqci', lang: prefs.lang, 'data-mode': o.mode });
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
  const ENGINE = mqci.version();
  const DEF = mqci.defaultMethodology();
  const RAW = Object.fromEntries(mqci.rawFields().map((r) => [r.indicator, r]));
  const PROFILES = mqci.targetProfiles();
  const METRICS = mqci.targetMetrics();
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
  let nf2, nfv, nfs;
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
    s.scores = pick(x.scores, NODES);
    s.actuals = pick(x.actuals, METRICS.map((m) => m.id));
    for (const [ind, f] of Object.entries(x.raw || {})) if (RAW[ind]) s.raw[ind] = pick(f, RAW[ind].fields.map((r) => r.key));
    if (profileOk(x.profile)) s.profile = x.profile;
    const m = x.method || {};
    if (m.bandScheme === '2009') s.method.bandScheme = '2009';
    if (m.standardization === 'exponential') s.method.standardization = 'exponential';
    if (m.custom && typeof m.custom === 'object') {
      mqci.assess({}, m.custom);
      s.method.custom = m.custom;
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
  const methodology = () => S.method.custom || mqci.defaultMethodology({ bandScheme: S.method.bandScheme, standardization: S.method.standardization });

  function loadExample(ex, quiet) {
    if (ex.scores) {
      S.values = {};
      S.raw = {};
      S.scores = Object.fromEntries(Object.entries(ex.scores).map(([k, v]) => [k, String(v)]));
    }
    if (ex.actuals) {
      S.actuals = { ...(S.actuals.mqci ? { mqci: S.actuals.mqci } : {}), ...Object.fromEntries(Object.entries(ex.actuals).map(([k, v]) => [k, String(v)])) };
      if (ex.profile && profileOk(ex.profile)) S.profile = ex.profile;
    }
    if (!quiet) notice = { key: 'exLoaded', ex: ex.id };
  }

  // Where the state comes from: a share link, then this browser's copy, else examples.
  const hash = o.readHash && typeof location !== 'undefined' ? /^#s=(.*)$/.exec(location.hash) : null;
  let restored = false;
  if (hash) {
    try {
      S = sanitize(JSON.parse(unb64u(hash[1])));
      notice = { key: 'linkLoaded' };
      restored = true;
      save();
    } catch {
      notice = { key: 'badLink', bad: true };
    }
    try {
      history.replaceState(null, '', location.pathname + location.search);
    } catch { /* sandboxed */ }
  }
  const saved = store?.getItem(KEY);
  if (!restored) {
    if (saved != null) {
      try {
        S = sanitize(JSON.parse(saved).inputs);
        restored = true;
      } catch {
        notice ??= { key: 'badSaved', bad: true };
      }
    }
  }
  if (!restored && saved == null) {
    if (show.has('inputs')) loadExample(EXAMPLES[0], true);
    loadExample(EXAMPLES[1], true);
    S.profile = o.profile;
    notice ??= { key: 'firstVisit' };
  }
  if (o.methodologyUrl && !S.method.custom) {
    try {
      const m = await (await fetch(o.methodologyUrl)).json();
      mqci.assess({}, m);
      S.method.custom = m;
      S.method.name = m.id || o.methodologyUrl;
    } catch (e) {
      methodErrors = { name: String(o.methodologyUrl), errors: errorList(e) };
    }
  }

  // ---- building blocks ----
  const nameOf = (item) => (prefs.lang === 'en' ? item.en : item.zh) || item.zh || item.en || '';
  const dash = () => h('span', { class: 'mqci-none' }, h('span', { 'aria-hidden': 'true' }, '–'), h('span', { class: 'mqci-vh' }, t('none')));
  const num2 = (v) => (v == null ? dash() : nf2.format(v));
  const unitOf = (u) => L[`unit_${u}`] ?? u;
  const unitText = (u) => L.units[u] ?? u;
  const tag = (prov) => {
    const sourced = /^sourced:/i.test(prov || '');
    return h('span', { class: `mqci-tag mqci-tag--${sourced ? 's' : 'a'}` }, t(sourced ? 'sourced' : 'assumed'));
  };
  const provText = (p) => String(p || '').replace(/^(sourced|assumed):\s*/i, '');

  function field(id, label, opts = {}) {
    const ids = [opts.hint && `${id}-d`].filter(Boolean).join(' ');
    const input = h('input', {
      id, type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false',
      class: 'mqci-input', placeholder: ' ', 'data-k': opts.k, 'data-id': opts.key, 'data-f': opts.f, 'aria-describedby': ids || null,
    });
    input.value = opts.value ?? '';
    input.dataset.desc = ids;
    return h('div', { class: `mqci-field ${opts.cls || ''}` },
      h('label', { for: id }, label, opts.unit ? h('span', { class: 'mqci-unit' }, t('paren', { u: unitText(opts.unit) })) : null),
      opts.hint ? h('p', { class: 'mqci-hint', id: `${id}-d` }, opts.hint) : null,
      h('div', { class: 'mqci-row' }, input, opts.after),
      h('p', { class: 'mqci-err', id: `${id}-e`, hidden: true }));
  }

  function section(name, kids) {
    return h('section', { class: `mqci-card mqci-${name}`, 'aria-labelledby': `${P}${name}-h`, id: `${P}${name}` },
      h(hl(1), { id: `${P}${name}-h`, class: 'mqci-h', tabindex: '-1' }, t(name === 'inputs' ? 'inputs' : name === 'method' ? 'method' : name)), kids);
  }

  function buildInputs(M) {
    const scoreField = (node, name) => field(`${P}s-${node}`, t('scoreOf', { name }), { k: 'scores', key: node, value: S.scores[node], hint: t('scoreRange'), cls: 'mqci-field--score' });
    const details = h('details', { class: 'mqci-scores', open: Object.keys(filled(S.scores)).length > 0 },
      h('summary', null, t('scoresTitle')),
      h('p', { class: 'mqci-hint' }, t('scoresHint')),
      h('div', { class: 'mqci-grid2' }, Object.entries(M.secondary).map(([sid, s]) => [
        scoreField(sid, nameOf(s)),
        ...Object.entries(M.tertiary).filter(([, n]) => n.parent === sid).map(([tid, n]) => scoreField(tid, nameOf(n))),
      ])));
    const groups = Object.entries(M.secondary).map(([sid, s]) => h('fieldset', { class: 'mqci-sec' },
      h('legend', null, nameOf(s)),
      Object.entries(M.tertiary).filter(([, n]) => n.parent === sid).map(([tid, n]) => h('fieldset', { class: 'mqci-ter' },
        h('legend', null, nameOf(n)),
        IND.filter((id) => PARENT[id] === tid).map((id) => indicatorField(M, id))))));
    el.mini = show.has('results') ? h('p', { class: 'mqci-mini', 'aria-hidden': 'true' }) : null;
    return section('inputs', [h('p', { class: 'mqci-hint' }, t('inputsHint')), details, groups, el.mini]);
  }

  function indicatorField(M, id) {
    const spec = M.indicators[id];
    const unit = unitOf(spec.unit);
    const out = h('output', { class: 'mqci-iscore', id: `${P}o-${id}`, for: `${P}v-${id}` });
    const f = field(`${P}v-${id}`, nameOf(spec), { k: 'values', key: id, value: S.values[id], unit, hint: nameOf(spec.definition), after: out });
    const raw = RAW[id];
    if (raw) {
      const vals = S.raw[id] || {};
      f.append(h('details', { class: 'mqci-raw', open: Object.keys(filled(vals)).length > 0 },
        h('summary', null, t('raw')),
        h('div', { class: 'mqci-grid2' }, raw.fields.map((rf) => field(`${P}r-${id}-${rf.key}`, nameOf(rf), { k: 'raw', key: id, f: rf.key, value: vals[rf.key], unit: rf.unit, cls: 'mqci-field--raw' }))),
        h('div', { class: 'mqci-rawout' },
          h('p', { id: `${P}rr-${id}`, class: 'mqci-hint' }),
          h('button', { type: 'button', class: 'mqci-btn', id: `${P}ra-${id}`, 'data-act': 'rawApply', 'data-id': id, disabled: true }, t('rawApply')))));
    }
    return f;
  }

  function buildResults() {
    el.index = h('span', { class: 'mqci-index', 'data-testid': 'index' });
    el.band = h('span', { class: 'mqci-band', 'data-testid': 'band' });
    el.state = h('div', { class: 'mqci-state', 'data-testid': 'state' });
    el.scale = h('div', { class: 'mqci-scale', 'aria-hidden': 'true' });
    el.scaleText = h('p', { class: 'mqci-scaletext' });
    el.chart = h('div', { class: 'mqci-chart', 'aria-hidden': 'true' });
    el.nodeTable = h('tbody');
    el.indTable = h('tbody');
    el.warns = h('div', { class: 'mqci-warns' });
    return section('results', [
      h('div', { class: 'mqci-hero' },
        h('div', { class: 'mqci-hero-i' }, h('span', { class: 'mqci-label' }, t('indexLabel')), el.index),
        h('div', { class: 'mqci-hero-b' }, h('span', { class: 'mqci-label' }, t('bandLabel')), el.band)),
      el.state, el.scale, el.scaleText, el.warns,
      h(hl(2), { class: 'mqci-h2' }, t('chart')),
      el.chart,
      h('p', { class: 'mqci-hint mqci-chartnote' }, t('chartNote')),
      scroller(t('chart'), h('table', { class: 'mqci-table' },
        h('caption', { class: 'mqci-vh' }, t('chart')),
        head(['colItem', '#colScore', '#colWeight', 'colLevel']),
        el.nodeTable)),
      h(hl(2), { class: 'mqci-h2' }, t('indicatorsTable')),
      scroller(t('indicatorsTable'), h('table', { class: 'mqci-table' },
        h('caption', { class: 'mqci-vh' }, t('indicatorsTable')),
        head(['colItem', '#colScore', '#colContribution', '#colValue']),
        el.indTable)),
    ]);
  }

  const head = (cols) => h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col', class: c.startsWith('#') ? 'mqci-num' : null }, t(c.replace('#', ''))))));
  const scroller = (label, table) => h('div', { class: 'mqci-scroll', role: 'region', tabindex: '0', 'aria-label': label }, table);

  function buildTargets() {
    const profile = PROFILES.find((p) => p.id === S.profile);
    const inProfile = [...new Set(['mqci', ...profile.targets.map((x) => x.metric)])];
    const metric = (id) => METRICS.find((m) => m.id === id) || { id, zh: id, en: id, unit: 'percent' };
    const unitName = (m) => (m.unit === 'count' ? '' : unitOf(m.unit));

    const actualField = (id) => {
      const m = metric(id);
      const extra = id === 'mqci' ? { hint: show.has('results') ? ' ' : t('mqciTyped') } : {};
      return field(`${P}a-${id}`, nameOf(m), { k: 'actuals', key: id, value: S.actuals[id], unit: unitName(m), ...extra });
    };
    const others = METRICS.map((m) => m.id).filter((id) => !inProfile.includes(id));
    el.targetBody = h('tbody');
    el.targetSummary = h('p', { class: 'mqci-tsum', 'data-testid': 'target-summary' });
    const select = h('select', { id: `${P}profile`, class: 'mqci-select', 'data-act': 'profile' },
      PROFILES.map((p) => h('option', { value: p.id, selected: p.id === S.profile }, nameOf(p))));
    return section('targets', [
      h('div', { class: 'mqci-field' }, h('label', { for: `${P}profile` }, t('profile')), select),
      h('p', { class: 'mqci-src' }, t('source', { v: profile.source || profile.document })),
      h('div', { class: 'mqci-grid2' }, inProfile.map(actualField)),
      h('details', { class: 'mqci-other', open: others.some((id) => S.actuals[id]) },
        h('summary', null, t('otherMetrics')),
        h('div', { class: 'mqci-grid2' }, others.map(actualField))),
      scroller(nameOf(profile), h('table', { class: 'mqci-table mqci-ttable', 'data-testid': 'target-table' },
        h('caption', null, nameOf(profile)),
        head(['colMetric', '#colTarget', '#colActual', '#colGap', 'colStatus', 'colWording']),
        el.targetBody)),
      el.targetSummary,
      h('p', { class: 'mqci-hint' }, t('gapNote')),
    ]);
  }

  function buildMethod(M) {
    const custom = !!S.method.custom;
    const sel = (act, label, value, opts) => h('div', { class: 'mqci-field' },
      h('label', { for: `${P}${act}` }, label),
      h('select', { id: `${P}${act}`, class: 'mqci-select', 'data-act': act, disabled: custom },
        opts.map(([v, k]) => h('option', { value: v, selected: v === value }, t(k)))));
    const weight = (w) => new Intl.NumberFormat(prefs.lang, { maximumFractionDigits: 4 }).format(w);
    const formula = (name, parts, prov) => h('li', null, h('span', null, `${name} = ${parts.join(' + ')}`), ' ', tag(prov));
    const formulas = [
      formula(t('f_index'), Object.values(M.secondary).map((s) => `${weight(s.weight)} × ${nameOf(s)}`), Object.values(M.secondary)[0]?.provenance),
      ...Object.entries(M.secondary).map(([sid, s]) => formula(nameOf(s),
        Object.values(M.tertiary).filter((n) => n.parent === sid).map((n) => `${weight(n.weight)} × ${nameOf(n)}`), Object.values(M.tertiary).find((n) => n.parent === sid)?.provenance)),
      ...Object.entries(M.tertiary).map(([tid, n]) => formula(nameOf(n),
        IND.filter((id) => PARENT[id] === tid).map((id) => `${weight(M.indicators[id].weight)} × ${nameOf(M.indicators[id])}`), M.indicators[IND.find((id) => PARENT[id] === tid)]?.provenance.weight)),
      h('li', null, t(`f_std_${M.standardization}`), ' ', tag(M.provenance.standardization)),
      h('li', null, t('f_rounding'), ' ', tag(M.provenance.rounding)),
    ];
    const valueCell = (v, prov, unit) => h('td', { class: 'mqci-num' }, nfv.format(v), unit ? ` ${unit}` : '', ' ', tag(prov));
    const rows = IND.map((id) => {
      const p = M.indicators[id];
      return h('tr', null,
        h('th', { scope: 'row' }, nameOf(p)),
        h('td', null, t(p.direction)),
        h('td', { class: 'mqci-num' }, weight(p.overallWeight), ' ', tag(p.provenance.weight)),
        valueCell(p.worst, p.provenance.worst, unitOf(p.unit)),
        valueCell(p.best, p.provenance.best, unitOf(p.unit)));
    });
    const prov = h('details', { class: 'mqci-prov' }, h('summary', null, t('provTitle')),
      h('dl', null,
        h('dt', null, t('colItem')), h('dd', null, tag(M.provenance.structure), ' ', provText(M.provenance.structure)),
        h('dt', null, t('bandsTitle')), h('dd', null, tag(M.provenance.bands), ' ', provText(M.provenance.bands)),
        h('dt', null, t('std')), h('dd', null, tag(M.provenance.standardization), ' ', provText(M.provenance.standardization)),
        IND.map((id) => {
          const p = M.indicators[id];
          return [h('dt', null, nameOf(p)), ['weight', 'worst', 'best'].map((k) => h('dd', null, h('strong', null, `${t(`p_${k}`)}: `), tag(p.provenance[k]), ' ', provText(p.provenance[k])))];
        })));
    const errs = methodErrors && h('div', { class: 'mqci-notice mqci-notice--bad', role: 'alert', 'data-testid': 'method-errors' },
      h('p', null, t('methodErr', { name: methodErrors.name })),
      h('ul', null, methodErrors.errors.map((e) => h('li', null, h('code', null, e.field || '—'), ` ${errText(e)}`))));
    return section('method', [
      h('p', null, h('strong', null, t('disclaimerLead')), t('disclaimer')),
      h('p', { 'data-testid': 'method-id' }, t('methodId', { id: M.id, version: M.version, engine: ENGINE })),
      custom ? h('p', { class: 'mqci-notice' }, t('customActive', { name: S.method.name })) : null,
      h('div', { class: 'mqci-grid2' },
        sel('bandScheme', t('bandScheme'), S.method.bandScheme, [['2011', 'bs2011'], ['2009', 'bs2009']]),
        sel('std', t('std'), S.method.standardization, [['linear', 'linear'], ['exponential', 'exponential']])),
      h('div', { class: 'mqci-btns' },
        h('button', { type: 'button', class: 'mqci-btn', 'data-act': 'loadMethod' }, t('loadMethod')),
        h('button', { type: 'button', class: 'mqci-btn', 'data-act': 'saveMethod' }, t('saveMethod')),
        custom ? h('button', { type: 'button', class: 'mqci-btn', 'data-act': 'resetMethod' }, t('resetMethod')) : null,
        h('input', { type: 'file', accept: '.json,application/json', hidden: true, 'data-act': 'methodFile', 'aria-label': t('loadMethod') })),
      errs,
      h(hl(2), { class: 'mqci-h2' }, t('formulas')),
      h('ul', { class: 'mqci-formulas' }, formulas),
      h(hl(2), { class: 'mqci-h2' }, t('bandsTitle')),
      h('ul', { class: 'mqci-bands' }, M.bands.map((b) => h('li', null, `${nfv.format(b.min)}–${nfv.format(b.max)}　${nameOf(b)}`))),
      h('p', null, tag(M.provenance.bands), ' ', provText(M.provenance.bands)),
      h(hl(2), { class: 'mqci-h2' }, t('params')),
      scroller(t('params'), h('table', { class: 'mqci-table mqci-mtable' },
        h('caption', { class: 'mqci-vh' }, t('params')),
        head(['colItem', 'colDir', '#colWeight', '#colWorst', '#colBest']),
        h('tbody', null, rows))),
      prov,
    ]);
  }

  function render() {
    L = MESSAGES[prefs.lang];
    nf2 = new Intl.NumberFormat(prefs.lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    nfv = new Intl.NumberFormat(prefs.lang, { maximumFractionDigits: 6 });
    nfs = new Intl.NumberFormat(prefs.lang, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
    const active = (root.getRootNode ? root.getRootNode() : document).activeElement;
    const ds = active?.dataset || {};
    const focused = active?.id || (ds.act ? `[data-act="${ds.act}"]${ds.id ? `[data-id="${ds.id}"]` : ''}` : '');
    const M = methodology();
    box.lang = prefs.lang;
    const btn = (act, label, extra = {}) => h('button', { type: 'button', class: 'mqci-btn', 'data-act': act, ...extra }, label);
    el.notice = h('div', { class: 'mqci-noticebox' });
    el.errsum = h('div', { class: 'mqci-errsum', tabindex: '-1', hidden: true, 'data-testid': 'error-summary', 'aria-labelledby': `${P}errsum-h` });
    el.share = h('div', { class: 'mqci-share', hidden: true });
    el.dialog = h('dialog', { class: 'mqci-dialog', 'aria-labelledby': `${P}dlg-h`, 'aria-describedby': `${P}dlg-d` },
      h(hl(1), { id: `${P}dlg-h`, class: 'mqci-h' }),
      h('p', { id: `${P}dlg-d` }),
      h('div', { class: 'mqci-btns' }, btn('yes', '', { class: 'mqci-btn mqci-btn--danger' }), btn('no', t('cancel'), { autofocus: true })));
    el.meta = h('p', { class: 'mqci-meta', 'data-testid': 'report-meta' });
    const other = L.otherLangCode;
    el.content.replaceChildren(...[
      show.has('results') ? h('a', { class: 'mqci-skip', href: `#${P}results`, 'data-act': 'skip' }, t('skip')) : null,
      h('header', { class: 'mqci-head' },
        h('div', { class: 'mqci-titles' }, h(`h${o.headingLevel}`, { class: 'mqci-title' }, t('title')), h('p', { class: 'mqci-sub' }, t('sub'))),
        h('div', { class: 'mqci-prefs' },
          btn('lang', h('span', { lang: other }, L.otherLang), { id: `${P}lang` }),
          btn('large', t('large'), { id: `${P}large`, 'aria-pressed': String(prefs.large) }))),
      h('p', { class: 'mqci-disclaimer' }, h('strong', null, t('disclaimerLead')), t(show.has('method') ? 'disclaimerShort' : 'disclaimer')),
      h('div', { class: 'mqci-bar' },
        h('div', { class: 'mqci-btns', role: 'group', 'aria-labelledby': `${P}ex-l` },
          h('span', { id: `${P}ex-l`, class: 'mqci-label' }, t('examples')),
          EXAMPLES.filter((ex) => show.has(ex.scores ? 'inputs' : 'targets')).map((ex) => btn('example', L.ex[ex.id].name, { 'data-id': ex.id }))),
        h('div', { class: 'mqci-btns', role: 'group', 'aria-label': t('actions') },
          btn('export', t('export')), btn('import', t('import')), btn('share', t('share')),
          btn('print', t('print')), btn('clear', t('clear')),
          h('input', { type: 'file', accept: '.json,application/json', hidden: true, 'data-act': 'importFile', 'aria-label': t('import') }))),
      el.share, el.notice, el.errsum,
      h('div', { class: 'mqci-main' }, show.has('inputs') ? buildInputs(M) : null, show.has('results') ? buildResults() : null),
      show.has('targets') ? buildTargets() : null,
      show.has('method') ? buildMethod(M) : null,
      show.has('method') ? null : h('p', { class: 'mqci-hint' }, t('methodId', { id: M.id, version: M.version, engine: ENGINE })),
      el.meta, el.dialog].filter(Boolean));
    paintNotice();
    update(false);
    if (focused) (focused.startsWith('[') ? box.querySelector(focused) : box.querySelector(`#${CSS.escape(focused)}`))?.focus();
  }

  function paintNotice() {
    el.notice.replaceChildren();
    if (!notice) return;
    let text;
    if (notice.key === 'exLoaded') {
      text = t('exLoaded', L.ex[notice.ex]);
    } else text = t(notice.key, notice.vars);
    el.notice.append(h('p', { class: `mqci-notice${notice.bad ? ' mqci-notice--bad' : ''}`, 'data-testid': 'notice' }, text));
    if (!notice.said) el.status.textContent = text;
    notice.said = true;
  }

  // ---- computing and painting results ----
  function errText(e) {
    const v = e.value ?? '';
    if (e.code === 'above_maximum') {
      const max = /maximum of ([\d.]+)/.exec(e.message || '')?.[1];
      return max ? t('e_above_maximum', { v, max: nfv.format(+max) }) : t('e_above_maximum_plain', { v });
    }
    if (e.code === 'invalid') return `${t('e_invalid')}: ${String(e.message).replace(`${e.field}: `, '')}`;
    return L[`e_${e.code}`] ? t(`e_${e.code}`, { v }) : t('e_other', { v });
  }

  function labelOf(fieldPath, M) {
    const [kind, id, key] = fieldPath.split('.');
    if (kind === 'values') return nameOf(M.indicators[id] || { zh: id });
    if (kind === 'scores') return t('scoreOf', { name: nameOf(M.indicators[id] || M.tertiary[id] || M.secondary[id] || { zh: id }) });
    if (kind === 'actuals') return nameOf(METRICS.find((m) => m.id === id) || { zh: id });
    if (kind === 'raw') return `${t('raw')} · ${nameOf(RAW[id]?.fields.find((f) => f.key === key) || { zh: key })}`;
    return fieldPath;
  }
  const inputIdOf = (fieldPath) => {
    const [kind, id, key] = fieldPath.split('.');
    const k = { values: 'v', scores: 's', actuals: 'a' }[kind];
    return k ? `${P}${k}-${id}` : kind === 'raw' ? `${P}r-${id}-${key}` : null;
  };

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
      res = run((i) => mqci.assess(i, M), { values: filled(S.values), scores: filled(S.scores) },
        (i, bad) => ({ values: without(i.values, 'values', bad), scores: without(i.scores, 'scores', bad) }));
    }
    const derived = {};
    for (const [ind, f] of Object.entries(S.raw)) {
      const vals = filled(f);
      if (!Object.keys(vals).length || !show.has('inputs')) continue;
      try {
        derived[ind] = mqci.deriveIndicators({ [ind]: vals })[ind];
      } catch (e) {
        errors.push(...errorList(e));
      }
    }
    let targets = null;
    if (show.has('targets')) {
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
    const { res, derived, targets, errors } = last;
    paintErrors(errors, M);
    if (res) paintResults(res, M);
    paintRaw(derived);
    if (targets) paintTargets(targets, res);
    for (const input of box.querySelectorAll('.mqci-input[data-k]')) {
      const desc = [input.dataset.desc, input.hasAttribute('aria-invalid') && `${input.id}-e`, input.dataset.warn].filter(Boolean).join(' ');
      if (desc) input.setAttribute('aria-describedby', desc);
      else input.removeAttribute('aria-describedby');
    }
    el.meta.textContent = t('reportMeta', { date: new Date().toLocaleDateString(prefs.lang), id: M.id, version: M.version, engine: ENGINE });
    if (user) {
      save();
      clearTimeout(announceTimer);
      announceTimer = setTimeout(announce, 700);
    }
  }

  function announce() {
    const { res, errors } = last;
    let text = '';
    if (res?.index != null) text = t('an_index', { v: nf2.format(res.index), band: res.band ? nameOf(res.band) : '' });
    else if (res?.range && (res.missing.length < 12 || Object.keys(filled(S.scores)).length)) text = t('an_range', { min: nf2.format(res.range.min), max: nf2.format(res.range.max), n: 12 - res.missing.length });
    else if (res) text = t('an_empty');
    if (errors.length) text += ` ${t('an_err', { n: errors.length })}`;
    el.status.textContent = text.trim();
  }

  function paintErrors(errors, M) {
    const byId = new Map();
    for (const e of errors) {
      const id = inputIdOf(e.field);
      if (id && box.querySelector(`#${CSS.escape(id)}`) && !byId.has(id)) byId.set(id, e);
    }
    for (const input of box.querySelectorAll('.mqci-input')) {
      const e = byId.get(input.id);
      const msg = box.querySelector(`#${CSS.escape(input.id)}-e`);
      if (e) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
      msg.hidden = !e;
      msg.textContent = e ? errText(e) : '';
    }
    el.errsum.hidden = errors.length === 0;
    if (!errors.length) return el.errsum.replaceChildren();
    el.errsum.replaceChildren(
      h(hl(1), { id: `${P}errsum-h`, class: 'mqci-h' }, t('errTitle', { n: errors.length })),
      h('ul', null, errors.map((e) => {
        const id = inputIdOf(e.field);
        const text = `${labelOf(e.field, M)}${L.colon}${errText(e)}`;
        return h('li', null, id && byId.has(id) ? h('a', { href: `#${id}`, 'data-act': 'focus', 'data-id': id }, text) : text);
      })),
      h('p', null, t('errNote')));
  }

  function paintResults(res, M) {
    const n = 12 - res.missing.length;
    const anyScore = Object.keys(filled(S.scores)).length > 0;
    el.index.textContent = res.index == null ? '–' : nf2.format(res.index);
    el.index.classList.toggle('mqci-index--none', res.index == null);
    if (el.mini) el.mini.textContent = `${t('miniLabel')} ${el.index.textContent}${res.band ? ` · ${nameOf(res.band)}` : ''}`;
    el.band.textContent = res.band ? nameOf(res.band) : '–';
    el.band.dataset.band = res.band?.id || '';
    const state = [];
    if (res.index == null) {
      if (n === 0 && !anyScore) state.push(h('p', null, t('empty')));
      else {
        state.push(h('p', null, t('incomplete', { n })));
        if (res.range) state.push(h('p', null, t('range', { min: nf2.format(res.range.min), max: nf2.format(res.range.max) })));
        state.push(h('p', { class: 'mqci-missing' }, t('missing', { list: res.missing.map((id) => nameOf(M.indicators[id])).join(L.listSep) })));
      }
    }
    el.state.replaceChildren(...state);
    paintScale(res, M);

    // Warnings, with a button where the engine suggests a value.
    for (const input of box.querySelectorAll('.mqci-input[data-warn]')) delete input.dataset.warn;
    const warns = res.warnings.map((w) => {
      const id = inputIdOf(w.field);
      const label = labelOf(w.field, M);
      const sug = w.suggestion == null ? '' : nfv.format(w.suggestion);
      const li = h('li', { id: id ? `${id}-w` : null }, t(`w_${w.code}`, { label, value: w.value == null ? '' : nfv.format(w.value), suggestion: sug }));
      if (w.suggestion != null && id) li.append(' ', h('button', { type: 'button', class: 'mqci-btn mqci-btn--small', 'data-act': 'suggest', 'data-id': id, 'data-v': String(w.suggestion) }, t('w_apply', { suggestion: sug })));
      const input = id && box.querySelector(`#${CSS.escape(id)}`);
      if (input) input.dataset.warn = `${id}-w`;
      return li;
    });
    el.warns.replaceChildren(...(warns.length ? [h(hl(2), { class: 'mqci-h2' }, t('warnings')), h('ul', null, warns)] : []));

    // Chart and node table.
    const rows = [];
    const bars = [];
    for (const [sid, s] of Object.entries(M.secondary)) {
      rows.push([sid, s, 'secondary', res.secondary[sid]]);
      for (const [tid, n2] of Object.entries(M.tertiary)) if (n2.parent === sid) rows.push([tid, n2, 'tertiary', res.tertiary[tid]]);
    }
    const nodeRows = rows.map(([id, node, level, score]) => {
      const fillEl = h('span', { class: 'mqci-fill' });
      fillEl.style.width = `${score == null ? 0 : Math.max(0, Math.min(100, ((score - 60) / 40) * 100))}%`;
      bars.push(h('div', { class: `mqci-bar-row mqci-bar-row--${level}` },
        h('span', { class: 'mqci-bar-l' }, nameOf(node)),
        h('span', { class: 'mqci-track' }, fillEl),
        h('span', { class: 'mqci-bar-v' }, score == null ? '–' : nf2.format(score))));
      return h('tr', { class: `mqci-tr--${level}` },
        h('th', { scope: 'row' }, nameOf(node)),
        h('td', { class: 'mqci-num', 'data-testid': `score-${id}` }, num2(score)),
        h('td', { class: 'mqci-num' }, new Intl.NumberFormat(prefs.lang, { maximumFractionDigits: 3 }).format(node.weight)),
        h('td', null, t(level)));
    });
    el.chart.replaceChildren(...bars);
    el.nodeTable.replaceChildren(...nodeRows);

    // Indicator table and the score next to each field.
    el.indTable.replaceChildren(...IND.map((id) => {
      const r = res.indicators[id];
      const notes = [];
      if (r.source === 'score') notes.push(t('viaScore'));
      if (r.overridden && r.source !== 'missing') notes.push(t('overridden'));
      if (r.clamped) notes.push(t(r.clamped === 'best' ? 'clampedBest' : 'clampedWorst'));
      const out = box.querySelector(`#${CSS.escape(`${P}o-${id}`)}`);
      if (out) out.textContent = r.score == null ? '' : t('scoreIs', { v: nf2.format(r.score) });
      return h('tr', null,
        h('th', { scope: 'row' }, nameOf(M.indicators[id]), notes.length ? h('span', { class: 'mqci-note' }, ` (${notes.join(L.listSep)})`) : null),
        h('td', { class: 'mqci-num', 'data-testid': `iscore-${id}` }, num2(r.score)),
        h('td', { class: 'mqci-num' }, num2(r.contribution)),
        h('td', { class: 'mqci-num' }, r.value == null ? dash() : nfv.format(r.value)));
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
    const ticks = h('div', { class: 'mqci-ticks' }, bands.map((b, i) => h('span', null, nfv.format(b.min), i === bands.length - 1 ? h('span', { class: 'mqci-tick-end' }, nfv.format(b.max)) : null)));
    const bar = h('div', { class: 'mqci-segs' }, segs);
    if (res.index != null) {
      const mark = h('span', { class: 'mqci-mark' }, h('span', { class: 'mqci-mark-v' }, nf2.format(res.index)));
      mark.style.left = `${pos(res.index)}%`;
      bar.append(mark);
      const b = bands.find((x) => x.id === res.band?.id);
      el.scaleText.textContent = b ? t('scalePos', { v: nf2.format(res.index), band: nameOf(b), min: nfv.format(b.min), max: nfv.format(b.max) }) : '';
    } else if (res.range && (res.missing.length < 12 || Object.keys(filled(S.scores)).length)) {
      const span = h('span', { class: 'mqci-span' });
      span.style.left = `${pos(res.range.min)}%`;
      span.style.width = `${pos(res.range.max) - pos(res.range.min)}%`;
      bar.append(span);
      el.scaleText.textContent = t('scaleRange', { min: nf2.format(res.range.min), max: nf2.format(res.range.max) });
    } else el.scaleText.textContent = '';
    el.scale.replaceChildren(bar, ticks);
  }

  function paintRaw(derived) {
    for (const id of Object.keys(RAW)) {
      const out = box.querySelector(`#${CSS.escape(`${P}rr-${id}`)}`);
      if (!out) continue;
      const btn = box.querySelector(`#${CSS.escape(`${P}ra-${id}`)}`);
      const v = derived[id];
      out.textContent = v == null ? t('rawEmpty') : t('rawResult', { v: `${nfv.format(v)} ${unitOf(DEF.indicators[id].unit)}` });
      btn.disabled = v == null;
      btn.dataset.v = v == null ? '' : String(Number(v.toPrecision(10)));
    }
  }

  function paintTargets(tc, res) {
    const fmtN = (v, unit) => (v == null ? dash() : `${nfv.format(v)}${unit === '%' ? '%' : unitText(unit) ? ` ${unitText(unit)}` : ''}`);
    el.targetBody.replaceChildren(...tc.results.map((r) => {
      const gap = r.gap == null ? dash() : nfs.format(r.gap);
      const target = r.op === 'qualitative' ? dash() : `${r.op === '<=' ? '≤' : r.op === '=' ? '=' : '≥'} ${fmtN(r.target, r.unit)}`;
      return h('tr', { 'data-metric': r.metric },
        h('th', { scope: 'row' }, nameOf(r)),
        h('td', { class: 'mqci-num' }, target),
        h('td', { class: 'mqci-num' }, fmtN(r.actual, r.unit)),
        h('td', { class: `mqci-num${r.gap < 0 ? ' mqci-short' : ''}` }, gap),
        h('td', { class: `mqci-status mqci-status--${r.status}`, 'data-status': r.status }, icon(r.status), ' ', t(`st_${r.status}`)),
        h('td', { class: 'mqci-wording', lang: 'zh-CN' }, r.wording));
    }));
    el.targetSummary.textContent = t('summary', tc.summary);
    const hint = box.querySelector(`#${CSS.escape(`${P}a-mqci`)}-d`);
    if (hint) hint.textContent = res?.index != null ? t('mqciHint', { v: nf2.format(res.index) }) : t('mqciHintNone');
    const input = box.querySelector(`#${CSS.escape(`${P}a-mqci`)}`);
    if (input) input.placeholder = res?.index != null ? nf2.format(res.index) : ' ';
  }

  // ---- actions ----
  const download = (name, data) => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
    const a = h('a', { href: url, download: name, hidden: true });
    box.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const today = () => new Date().toISOString().slice(0, 10);
  const readFile = (file) => file.text();

  function exportData() {
    const M = methodology();
    download(`mqci-${today()}.json`, {
      format: 'mqci-export', formatVersion: 1, exportedAt: new Date().toISOString(), engineVersion: ENGINE,
      methodology: { id: M.id, version: M.version, standardization: M.standardization, bandScheme: M.bandScheme },
      inputs: S,
      results: { assessment: last.res, targets: last.targets, errors: last.errors },
    });
  }

  async function importFile(file) {
    let data;
    try {
      data = JSON.parse(await readFile(file));
    } catch {
      notice = { key: 'badImport', bad: true, vars: { name: file.name, reason: t('notJson') } };
      return paintNotice();
    }
    try {
      if (data?.format !== 'mqci-export') throw new Error('format');
      S = sanitize(data.inputs);
      notice = { key: 'imported', vars: { name: file.name } };
      methodErrors = null;
      save();
      render();
    } catch {
      notice = { key: 'badImport', bad: true, vars: { name: file.name, reason: t('notExport') } };
      paintNotice();
    }
  }

  async function loadMethodFile(file) {
    let m;
    try {
      m = JSON.parse(await readFile(file));
      mqci.assess({}, m);
    } catch (e) {
      methodErrors = { name: file.name, errors: e instanceof SyntaxError ? [{ code: 'invalid', field: '', value: null, message: t('notJson') }] : errorList(e) };
      return render();
    }
    methodErrors = null;
    S.method.custom = m;
    S.method.name = file.name;
    save();
    render();
  }

  function shareLink() {
    const url = `${location.href.split('#')[0]}#s=${b64u(JSON.stringify(S))}`;
    const input = h('input', { id: `${P}share`, class: 'mqci-input mqci-input--wide', readonly: true, 'data-testid': 'share-url' });
    input.value = url;
    const msg = h('p', { class: 'mqci-hint', role: 'status' });
    el.share.replaceChildren(
      h('label', { for: `${P}share` }, t('shareLabel')),
      h('div', { class: 'mqci-row' }, input, h('button', {
        type: 'button', class: 'mqci-btn', onclick: async () => {
          input.select();
          try {
            await navigator.clipboard.writeText(url);
            msg.textContent = t('copied');
          } catch {
            msg.textContent = t('copyFail');
          }
        },
      }, t('copy'))), msg);
    el.share.hidden = false;
    input.focus();
    input.select();
  }

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

  // One confirm dialog for every destructive action; focus returns to the button that asked.
  let pending = null;
  function ask(kind, onYes, vars) {
    const opener = root.getRootNode ? root.getRootNode().activeElement : null;
    const sel = opener?.dataset?.act ? `[data-act="${opener.dataset.act}"]${opener.dataset.id ? `[data-id="${opener.dataset.id}"]` : ''}` : null;
    pending = () => {
      onYes();
      if (sel) box.querySelector(sel)?.focus();
    };
    el.dialog.querySelector('.mqci-h').textContent = t(`${kind}Title`, vars);
    el.dialog.querySelector('p').textContent = t(`${kind}Body`, vars);
    el.dialog.querySelector('[data-act="yes"]').textContent = t(`${kind}Yes`, vars);
    el.dialog.showModal();
  }

  box.addEventListener('input', (e) => onInput(e.target));
  box.addEventListener('change', (e) => {
    const act = e.target.dataset.act;
    if (act === 'profile') {
      S.profile = e.target.value;
      save();
      render();
    } else if (act === 'bandScheme' || act === 'std') {
      S.method[act === 'std' ? 'standardization' : 'bandScheme'] = e.target.value;
      save();
      render();
    } else if (act === 'importFile' || act === 'methodFile') {
      const file = e.target.files?.[0];
      e.target.value = '';
      if (file) (act === 'importFile' ? importFile : loadMethodFile)(file);
    }
  });
  box.addEventListener('click', (e) => {
    const target = e.target.closest('[data-act]');
    if (!target || target.tagName === 'SELECT' || target.tagName === 'INPUT') return;
    const { act, id } = target.dataset;
    const actions = {
      lang: () => switchLang(prefs.lang === 'en' ? 'zh-CN' : 'en'),
      large: () => {
        prefs.large = !prefs.large;
        savePrefs();
        box.classList.toggle('mqci--large', prefs.large);
        target.setAttribute('aria-pressed', String(prefs.large));
      },
      example: () => {
        const ex = EXAMPLES.find((x) => x.id === id);
        const actuals = filled(S.actuals);
        delete actuals.mqci;
        const cur = ex.scores ? { ...filled(S.values), ...filled(S.scores), ...Object.assign({}, ...Object.values(S.raw).map(filled)) } : actuals;
        const next = Object.fromEntries(Object.entries(ex.scores || ex.actuals).map(([k, v]) => [k, String(v)]));
        const same = Object.keys(cur).length === Object.keys(next).length && Object.keys(next).every((k) => cur[k] === next[k]);
        const go = () => {
          loadExample(ex);
          save();
          render();
        };
        if (!Object.keys(cur).length || same) go();
        else ask('example', go, L.ex[id]);
      },
      export: exportData,
      import: () => box.querySelector('[data-act="importFile"]').click(),
      loadMethod: () => box.querySelector('[data-act="methodFile"]').click(),
      saveMethod: () => download(`${methodology().id}-${methodology().version}.json`, methodology()),
      resetMethod: () => {
        S.method.custom = null;
        S.method.name = '';
        methodErrors = null;
        save();
        render();
      },
      share: shareLink,
      print: () => window.print(),
      clear: () => ask('clear', () => {
        S = blank();
        notice = { key: 'cleared' };
        methodErrors = null;
        save();
        render();
      }),
      no: () => el.dialog.close(),
      yes: () => {
        el.dialog.close();
        pending?.();
      },
      rawApply: () => setValue(`${P}v-${id}`, target.dataset.v),
      suggest: () => setValue(id, target.dataset.v),
      focus: () => {
        const input = box.querySelector(`#${CSS.escape(id)}`);
        input?.closest('details')?.setAttribute('open', '');
        input?.focus();
      },
      skip: () => box.querySelector(`#${CSS.escape(`${P}results-h`)}`)?.focus(),
    };
    if (actions[act]) {
      if (target.tagName === 'A') e.preventDefault();
      actions[act]();
    }
  });
  async function switchLang(next, persist = true) {
    if (!MESSAGES[next] && next !== 'en') return;
    try {
      await loadLang(next);
    } catch {
      return;
    }
    prefs.lang = next;
    el.status.textContent = '';
    if (persist) savePrefs();
    render();
    box.dispatchEvent(new CustomEvent('mqci-lang', { bubbles: true, composed: true, detail: { lang: prefs.lang, title: t('pageTitle') } }));
  }

  el.status = h('p', { class: 'mqci-vh', role: 'status', 'data-testid': 'live' });
  el.content = h('div');
  box.replaceChildren(el.status, el.content);
  render();
  const strings = (m, allowed) => Object.fromEntries(Object.entries(m && typeof m === 'object' ? m : {})
    .filter(([k, v]) => allowed.includes(k) && (typeof v === 'string' || typeof v === 'number'))
    .map(([k, v]) => [k, String(v)]));
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
    setInputs(input) {
      try {
        mqci.assess(input ?? {}, methodology());
      } catch (e) {
        const errors = errorList(e).filter((x) => x.code === 'unknown_id' || x.code === 'invalid');
        if (errors.length) o.onError?.({ message: String(e.message), errors });
      }
      S.values = strings(input?.values, IND);
      S.scores = strings(input?.scores, NODES);
      S.raw = {};
      notice = null;
      save();
      render();
    },
    /** Switches the target profile (a shipped profile id). */
    setProfile(id) {
      if (!profileOk(id)) {
        o.onError?.({ message: `profile: unknown id "${String(id)}"`, errors: [{ code: 'unknown_id', field: 'profile', value: String(id), message: `profile: unknown id "${String(id)}"` }] });
        return;
      }
      S.profile = id;
      save();
      render();
    },
    /** Switches the language ("zh-CN" or "en") without storing it as the visitor's choice. */
    setLang(lang) { return switchLang(lang, false); },
    destroy() {
      clearTimeout(announceTimer);
      box.remove();
    },
  };
}
