// The mqci widget: mount(root, options) builds it in any element or ShadowRoot; the wasm engine
// does every calculation. State flows one way: an action goes through `dispatch` (reduce →
// compute → render → persist), and the views are functions of the state that name their
// actions in data-act attributes. The first result needs only this module, i18n.js,
// views/first.js, lib/{dom,format,engine,fit,state,storage}.js and the lean engine; the panels,
// what the view gives them (lib/panel-view.js), their strings and styles, the examples' figures
// and the full engine load right after it.
// All data is written as text (preact), never parsed as HTML.
import { h, render, rootOf } from './lib/dom.js';
import { fill, filled } from './lib/format.js';
import * as engine from './lib/engine.js';
import { errorList } from './lib/engine.js';
import { fit } from './lib/fit.js';
import { blank, sanitize, needsFull, ctx10 } from './lib/state.js';
import { openStore } from './lib/storage.js';
import { frame, section } from './views/first.js';
import { MESSAGES, loadLang } from './i18n.js';

/** Starts loading the engine for the first result (once per page); mount() awaits it. */
export const loadEngine = engine.loadFirst;

const SECTIONS = { full: 'inputs results targets method', compact: 'inputs results', targets: 'targets' };
const LANGS = ['zh-CN', 'en'];
let count = 0;

// What loads after the first result, once per page: the panels, their zh-CN strings, the full
// engine and the data read from it (shared by every instance, never modified).
let panelsP;
// The panels and what only they use, by name (X.inputs, …; null: not named).
const PANELS = [
  ['inputs', () => import('./panels/inputs.js')],
  ['checks', () => import('./panels/checks.js')],
  ['tables', () => import('./panels/tables.js')],
  ['targets', () => import('./panels/targets.js')],
  ['method', () => import('./panels/method.js')],
  ['dialog', () => import('./panels/dialog.js')],
  ['chart', () => import('./panels/chart.js')],
  ['wording', () => import('./lib/errors.js')],
  ['files', () => import('./lib/files.js')],
  ['progress', () => import('./lib/progress.js')], // issue 10
  ['regions', () => import('./panels/regions.js')], // issue 10
  ['plan', () => import('./lib/plan.js')], // issue 10
  [null, () => loadLang('zh-CN', true)],
  // ---- issue 9 ----
  ['annual', () => import('./panels/annual.js')],
  ['improve', () => import('./panels/improve.js')],
  ['records', () => import('./panels/records.js')],
  ['compare', () => import('./panels/compare.js')],
  ['report', () => import('./panels/report.js')],
  ['r9', () => import('./lib/reduce9.js')],
  ['actions', () => import('./lib/actions.js')],
  ['bench', () => import('./panels/bench.js')],
  ['notices', () => import('./panels/notices.js')],
  [null, loadExamples],
];
const tick = () => new Promise((resolve) => setTimeout(resolve));
function loadPanels() {
  // Started eight to a task: starting a module's fetch costs the main thread time.
  if (!panelsP) panelsP = (async () => {
    const started = [];
    for (const [i, [, load]] of PANELS.entries()) {
      if (i && i % 8 === 0) await tick();
      started.push(load());
    }
    const got = await Promise.all(started);
    return Object.fromEntries(PANELS.map(([name], i) => [name, got[i]]).filter(([name]) => name));
  })();
  panelsP.catch(() => { panelsP = undefined; });
  return panelsP;
}

// The example buttons (issue 9): their ids and names are the catalogue's (L.ex, in order; a test
// holds them equal to the data's); which section each fills, its figures and provenance are in
// data/examples.js, loaded with the panels, or before the first result when the widget shows
// only the inputs or only the targets (some buttons are then left out).
let EXAMPLES = null;
let examplesP;
function loadExamples() {
  if (!examplesP) examplesP = import('./data/examples.js').then((m) => { EXAMPLES = m.EXAMPLES; });
  examplesP.catch(() => { examplesP = undefined; });
  return examplesP;
}

let R = null; // lib/reduce.js, the one transition: loaded right after the first result
let reduceP;
function loadReduce() {
  if (!reduceP) reduceP = import('./lib/reduce.js').then((m) => { R = m; });
  reduceP.catch(() => { reduceP = undefined; });
  return reduceP;
}

let PV = null; // lib/panel-view.js: what the view gives the panels; loaded with the full engine
let pvP;
function loadPanelView() {
  if (!pvP) pvP = import('./lib/panel-view.js').then((m) => { PV = m; });
  pvP.catch(() => { pvP = undefined; });
  return pvP;
}

let provP;
let PROV = null;
/** The Chinese text of the built-in methodology's provenance (lang/prov-zh.js), once. */
function loadProv() {
  if (!provP) provP = import('./lang/prov-zh.js').then((x) => { PROV = x.default; });
  provP.catch(() => { provP = undefined; });
  return provP;
}

function unb64u(s) {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** `t` for templates whose placeholders may be nodes: a list of strings and nodes. */
function fillNodes(s, vars) {
  return String(s).split(/(\{\w+\})/).filter((x) => x !== '').map((x) => {
    const k = /^\{(\w+)\}$/.exec(x)?.[1];
    return k && k in vars ? vars[k] : x;
  });
}

/**
 * Mounts one widget instance into `root` (an element or a ShadowRoot).
 * options: {lang, profile, mode: "full"|"compact"|"targets", storageKey, methodologyUrl,
 * profileSrc (issue 10: a URL of a target profile JSON, checked by the engine's readProfile),
 * headingLevel (default 2), readHash (default true: restore a #s= share link), examples
 * (default true; false: no example buttons, for hosts with examples="off"), title, langSwitch,
 * method, share (false: hidden),
 * onResult(assessment) and onError({message, errors}) callbacks for hosts}.
 * Resolves to a controller: {lang, state, result, getResult(), setInputs(input),
 * setProfile(id), setLang(lang), destroy()}, once every panel is there (the first result is
 * shown before that).
 */
export async function mount(root, options = {}) {
  const o = { lang: 'zh-CN', profile: 'national-2025', mode: 'full', storageKey: 'default', headingLevel: 2, readHash: true, examples: true, ...options };
  const P = `mqci${++count}-`;
  const store = openStore(o.storageKey);
  const show = new Set((SECTIONS[o.mode] || SECTIONS.full).split(' '));
  if (o.method === false) show.delete('method');
  /** The example buttons shown (ids). */
  const examples = (L) => (o.examples === false ? [] : EXAMPLES ? EXAMPLES.filter((ex) => show.has(ex.scores ? 'inputs' : 'targets')).map((ex) => ex.id) : Object.keys(L.ex));
  const hl = (n) => `h${Math.min(6, o.headingLevel + n)}`;
  const p0 = store.prefs();
  const prefs = { lang: LANGS.includes(p0.lang) && o.langSwitch !== false ? p0.lang : LANGS.includes(o.lang) ? o.lang : 'zh-CN', large: p0.large === true };

  const L0 = MESSAGES['zh-CN'];
  const box = document.createElement('div');
  box.className = 'mqci';
  box.lang = prefs.lang;
  box.dataset.mode = o.mode;
  box.setAttribute('aria-busy', 'true'); // until every panel is there
  box.classList.toggle('mqci--large', prefs.large);
  const loading = document.createElement('p');
  loading.className = 'mqci-loading';
  loading.setAttribute('role', 'status');
  loading.textContent = L0.loading;
  box.append(loading);
  // Keep stylesheets a host put in a shadow root; replace anything else (e.g. a skeleton).
  for (const c of [...root.childNodes]) if (!c.matches?.('link, style')) c.remove();
  root.append(box);
  // Layout by the widget's own width (issue 12), measured once attached so that the first paint
  // already has its classes (no layout shift when the observer reports).
  fit(box);
  try {
    await Promise.all([engine.loadFirst(), loadLang(prefs.lang).catch(() => { prefs.lang = 'zh-CN'; }),
      o.examples !== false && !(show.has('inputs') && show.has('targets')) && loadExamples()]);
  } catch (e) {
    loading.textContent = L0.loadFail + (prefs.lang !== 'en' && e?.zh || ''); // the engine's diagnosis
    loading.className = 'mqci-notice mqci-notice--bad';
    loading.setAttribute('role', 'alert');
    throw e;
  }

  // ---- the state ----
  let model = { S: blank(o.profile), prefs, notice: null, methodErrors: null, setAside: null, share: null, dialog: null, saveError: null, open: {}, records: [], compare: null, renaming: null };
  let C = null; // the full engine's catalogue, once loaded
  let X = null; // the panels, once loaded
  let stage = Infinity; // how many of lib/panel-view.js's STAGES of panels are drawn
  let last = { res: null, derived: {}, targets: null, errors: [] };
  let alive = true;
  let announceTimer = 0;
  let opener = null; // the button that opened the dialog
  let aside = null; // what was set aside, for its export: { text } or { data }
  let said = null; // the notice the live region last said
  // ---- issue 10 ----: a host's own target profile (profileSrc), or why it was refused
  let hostProfile = null;
  let profileErrors = null;
  const allProfiles = () => (C ? (hostProfile ? [...C.PROFILES, hostProfile] : C.PROFILES) : []);
  const profileArg = (S) => (hostProfile && S.profile === hostProfile.id ? hostProfile : S.profile);
  const profileOf = (S) => allProfiles().find((p) => p.id === S.profile);
  // ---- end of issue 10 ----
  const profileOk = (id) => !C || C.ids.PROFILES.includes(id) || (!!hostProfile && id === hostProfile.id);
  const ctx = { get examples() { return o.examples === false ? [] : EXAMPLES || []; }, profileOk, get blankProfile() { return o.profile; } };

  // Where the state comes from: a share link, then this browser's copy, else examples.
  let source = null; // 'link' | 'saved'
  const hash = o.readHash && typeof location !== 'undefined' ? /^#s=(.*)$/.exec(location.hash) : null;
  if (hash) {
    try {
      model.S = sanitize(JSON.parse(unb64u(hash[1])), null, o.profile).S;
      model.notice = { key: 'linkLoaded' };
      source = 'link'; // not saved until edited: the visitor's own saved inputs stay intact
      aside = { data: JSON.parse(unb64u(hash[1])) };
    } catch {
      model.notice = { key: 'badLink', bad: true };
    }
    try {
      history.replaceState(null, '', location.pathname + location.search);
    } catch { /* sandboxed */ }
  }
  const saved = store.read();
  if (!source && saved != null) {
    try {
      model.S = sanitize(JSON.parse(saved).inputs, null, o.profile).S;
      source = 'saved';
      aside = { text: saved };
    } catch {
      // Unreadable as a whole: keep its text aside (never overwritten by the next autosave).
      store.backup(saved);
      aside = { text: saved };
      if (model.notice == null) model.notice = { key: 'badSaved', bad: true };
      model.setAside = { parts: [{ part: 'all' }] };
    }
  }
  // A first visit starts empty: examples are offered, never shown as if they were results.
  if (!source && saved == null && model.notice == null) model.notice = o.examples !== false ? { key: 'firstVisitEmpty' } : null;


  // ---- computing ----
  /** The methodology argument for assess: undefined for the built-in default. */
  const methodArg = (S) => (S.method.custom ? S.method.custom : needsFull(S) ? C.method(S.method.bandScheme, S.method.standardization) : undefined);
  const shownMethod = (S) => (C ? S.method.custom || C.method(S.method.bandScheme, S.method.standardization) : null);

  function compute(S) {
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
    // ---- issue 9 ---- the annual figures (one form) give the indicators typed nowhere else.
    let annual = null;
    if (C?.m.deriveFromAnnual && show.has('inputs') && Object.keys(filled(S.annual)).length) {
      try {
        annual = C.m.deriveFromAnnual(filled(S.annual));
        errors.push(...(annual.errors || []).map((x) => ({ code: x.code, field: x.field, value: x.value ?? null, params: x.params || {}, message: x.message || '' })));
      } catch (e) {
        errors.push(...errorList(e));
      }
    }
    const na = (S.na || []).filter((id) => !C || C.IND.includes(id));
    if (show.has('inputs') && (C || !needsFull(S))) {
      const M = methodArg(S);
      const values = { ...(annual?.values || {}), ...filled(S.values) };
      for (const id of na) delete values[id];
      const input = { values, scores: filled(S.scores), ...(na.length ? { notApplicable: na } : {}) };
      res = run((i) => engine.assess(i, M), input,
        (i, bad) => {
          const out = { values: without(i.values, 'values', bad), scores: without(i.scores, 'scores', bad) };
          // notApplicable is kept unless the engine refused it (an engine without it, or a bad id).
          if (i.notApplicable && ![...bad].some((f) => !/^(values|scores)\./.test(f))) out.notApplicable = i.notApplicable;
          return out;
        });
    }
    // The raw-figure helpers, the target check and what to improve: once the panels and the full
    // engine are there (lib/actions.js).
    const extra = C && X ? X.actions.computeMore({ C, X, S, show, res, annual, na, errors, run, methodArg, shownMethod, profileOf, profileArg }) : {};
    return { res, derived: extra.derived || {}, targets: extra.targets || null, regions: extra.regions || null, errors, annual, improve: extra.improve || null };
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

  // ---- the one transition ----
  function dispatch(action) {
    if (!R) {
      loadReduce().then(() => dispatch(action), () => {});
      return;
    }
    const prev = model;
    model = R.reduce(model, action, ctx);
    if (model === prev || !alive) return;
    if (model.S !== prev.S) {
      last = compute(model.S);
      queueMicrotask(notify);
      if (action.type !== 'reread') {
        const failed = store.save(model.S);
        if (failed !== model.saveError) model = R.reduce(model, { type: 'saveError', error: failed }, ctx);
      }
      if (action.type === 'input') {
        clearTimeout(announceTimer);
        announceTimer = setTimeout(() => { if (X && alive) status.textContent = X.checks.announcement(view()); }, 700);
      }
    }
    if (model.prefs !== prev.prefs) store.savePrefs(model.prefs);
    if (model.records !== prev.records) {
      const failed = store.saveRecords(model.records);
      if (failed !== model.saveError) model = R.reduce(model, { type: 'saveError', error: failed }, ctx);
    }
    paint();
  }

  // ---- the view ----
  function view() {
    const { S } = model;
    const lang = model.prefs.lang;
    const L = MESSAGES[lang] || L0;
    const t = (k, vars) => fill(L[k] ?? k, vars);
    const tNodes = (k, vars) => fillNodes(L[k] ?? k, vars);
    const nameOf = (item) => (lang === 'en' ? item?.en : item?.zh) || item?.zh || item?.en || '';
    const M = shownMethod(S);
    const { errors } = last;
    const v = {
      P, hl, show, headingLevel: o.headingLevel, examples: examples(L), lang, L, t, nameOf, opts: o,
      annual: last.annual, improve: last.improve, records: model.records, compare: model.compare, renaming: model.renaming,
      assessOf: (S2) => X?.r9.assessOf(api9(), S2) ?? null,
      tNodes,
      prefs: model.prefs, S, res: last.res, derived: last.derived, targets: last.targets, errors, fieldErrors: new Map(), fieldWarnings: new Set(),
      ui: model,
      data: C ? { M, ENGINE: C.ENGINE, IND: C.IND, PROFILES: allProfiles(), METRICS: C.METRICS, RAW: C.RAW, ANNUAL: C.ANNUAL, BENCH: C.BENCH, m: C.m } : { M: null },
      regions: last.regions, profileErrors, // issue 10
      isOpen: (key, dflt) => model.open[key] ?? dflt,
      // A file name the visitor chose is quoted verbatim (translate="no").
      noticeText: (n) => (n.ex ? t(n.key, { name: L.ex[n.ex], source: L.exSource?.[n.ex] ?? '' })
        : tNodes(n.key, { ...n.vars, ...(n.vars?.name != null ? { name: h('span', { translate: false }, n.vars.name) } : {}) })),
      setAsideText: (a) => t('setAside', {
        parts: a.parts.map((x) => (x.part === 'all' ? t('part_all') : x.part === 'method' ? t('part_method') : x.part === 'profile' ? t('part_profile') : v.fieldLabel?.(x.part))).filter(Boolean).join(L.listSep),
      }),
    };
    v.section = (name, kids) => section(v, name, kids);
    // Errors and warnings by input, and their wording: once the full engine is there.
    return PV ? PV.panelView(v, { P, show, C, X, last, M, prov: () => PROV, loadProv: () => loadProv().then(() => alive && paint(), () => {}) }) : v;
  }

  function paint() {
    if (!alive) return;
    const v = view();
    const slots = X ? PV.panelSlots(v, { X, show, last, stage }) : {};
    if (box.lang !== v.lang) box.lang = v.lang; // setting it, even unchanged, restyles every element
    box.classList.toggle('mqci--large', model.prefs.large);
    render(frame(v, slots), content);
    // Print shows only the report when there is one (a class, not :has(): Chromium 80 floor).
    content.classList.toggle('mqci-hasreport', !!slots.report);
    // The confirm dialog follows the state.
    const dlg = content.querySelector('dialog[data-dialog]');
    if (dlg && model.dialog && !dlg.open) {
      dlg.showModal();
      // Focus the safe choice (an autofocus attribute is blocked in cross-origin iframes).
      dlg.querySelector('[data-act="no"]').focus();
    } else if (dlg && !model.dialog && dlg.open) dlg.close();
    if (model.notice && model.notice !== said) status.textContent = [v.noticeText(model.notice)].flat().map((x) => (typeof x === 'string' ? x : x.props.children)).join('');
    said = model.notice;
  }

  /** Once the full engine is there: read the state again against its ids and methodologies. */
  async function becomeFull() {
    if (C) return;
    const [catalog] = await Promise.all([import('./lib/catalog.js'), loadPanelView(), loadReduce()]);
    C = await catalog.loadCatalog();
    if (o.profileSrc) { // issue 10
      ({ profile: hostProfile = null, errors: profileErrors = null } = await (await import('./lib/plan.js')).readProfileFile(C, o.profileSrc));
      if (hostProfile) model = R.reduce(model, { type: 'reread', S: { ...model.S, profile: o.profile = hostProfile.id } }, ctx);
      else queueMicrotask(() => o.onError?.({ message: profileErrors.map((x) => x.message).join('; '), errors: profileErrors }));
    }
    if (!profileOk(o.profile)) o.profile = C.PROFILES[0].id;
    const { S, setAside } = sanitize(model.S, hostProfile ? { ...C.ids, PROFILES: [...C.ids.PROFILES, hostProfile.id] } : C.ids, o.profile); // issue 10: host profile
    const bad = setAside.find((x) => x.part === 'method');
    if (bad) model = R.reduce(model, { type: 'methodFailed', name: bad.name || o.storageKey, errors: errorList(bad.error) }, ctx);
    if (setAside.length && source) {
      if (source === 'saved') store.backup(saved);
      model = R.reduce(model, { type: 'setAside', setAside: { parts: setAside, source } }, ctx);
    }
    model = R.reduce(model, { type: 'reread', S }, ctx);
    if (o.methodologyUrl) { // the host's current file wins over a saved copy
      const r = await (await import('./lib/files.js')).readMethodologyFile(C, o.methodologyUrl);
      if (r.custom) {
        model = R.reduce(model, { type: 'methodLoaded', custom: r.custom, name: r.name }, ctx);
        model = R.reduce(model, { type: 'reread', S: model.S }, ctx);
      } else {
        model = R.reduce(model, { type: 'methodFailed', name: r.name, errors: r.errors }, ctx);
        queueMicrotask(() => o.onError?.({ message: r.errors.map((x) => x.message).join('; '), errors: r.errors }));
      }
    }
    last = compute(model.S);
  }

  /** What lib/reduce9.js's effects need (issue 9): records, 不适用, the record file. */
  const api9 = () => ({ P, C, X, o, box, get model() { return model; }, dispatch, byId, ask, methodArg, MESSAGES });

  // ---- actions with effects ----
  const byId = (id) => rootOf(root).getElementById?.(id) ?? box.querySelector(`#${CSS.escape(id)}`);

  function ask(kind, yes, vars, from) {
    opener = from;
    dispatch({ type: 'dialog', dialog: { kind, yes, vars } });
  }

  async function switchLang(lang, persist = true) {
    if (!LANGS.includes(lang)) return;
    try {
      await Promise.all([loadLang(lang), loadReduce()]);
      if (lang === 'zh-CN' && X) await Promise.all([loadLang('zh-CN', true), loadProv()]);
    } catch {
      return;
    }
    status.textContent = '';
    const prev = model.prefs;
    model = R.reduce(model, { type: 'lang', value: lang }, ctx);
    if (persist && model.prefs !== prev) store.savePrefs(model.prefs);
    paint();
    box.dispatchEvent(new CustomEvent('mqci-lang', { bubbles: true, composed: true, detail: { lang, title: (MESSAGES[lang] || L0).pageTitle } }));
  }

  // What each data-act does. These four work before the panels are there; the rest are in
  // lib/actions.js, loaded with the panels (X.actions).
  const ACTIONS = {
    lang: () => switchLang(model.prefs.lang === 'en' ? 'zh-CN' : 'en'),
    large: () => dispatch({ type: 'large' }),
    print: () => window.print(),
    skip: () => byId(`${P}results-h`)?.focus(),
  };
  /** What lib/actions.js needs of this instance. */
  const api = {
    P, o, box, byId, dispatch, ask, shownMethod, methodArg, profileOk, MESSAGES,
    get model() { return model; }, get X() { return X; }, get C() { return C; }, get last() { return last; },
    get aside() { return aside; }, set aside(v) { aside = v; },
    get opener() { return opener; }, set opener(v) { opener = v; },
    /** Which <details> the visitor opened or closed (part of the state, so renders keep it). */
    toggle: (key, open) => { model = R.reduce(model, { type: 'toggle', key, open }, ctx); },
  };

  box.addEventListener('click', (e) => {
    const target = e.target.closest('[data-act]');
    if (!target || target.tagName === 'SELECT' || target.tagName === 'INPUT') return;
    if (target.tagName === 'A') e.preventDefault();
    const act = target.dataset.act;
    if (act === 'lang' || act === 'large' || act === 'print' || act === 'skip') ACTIONS[act](target);
    else more.then(() => (ACTIONS[act] ?? X.actions.ACTIONS[act] ?? X.r9.ACTIONS9[act])?.(target, act in X.actions.ACTIONS ? api : api9()), () => {});
  });
  // The input, change, toggle and close listeners are added with the panels (lib/actions.js).

  // ---- the first result, then the rest ----
  const status = document.createElement('p');
  status.className = 'mqci-vh';
  status.setAttribute('role', 'status');
  status.dataset.testid = 'live';
  const content = document.createElement('div');
  if (needsFull(model.S) || o.methodologyUrl) {
    try {
      await becomeFull();
    } catch (e) {
      loading.textContent = L0.loadFail;
      throw e;
    }
  }
  last = compute(model.S);
  queueMicrotask(notify);
  box.replaceChildren(status, content);
  paint();

  // The rest loads after the first result has been painted.
  // After the next frame (its style and layout in their own task), or 100 ms in a hidden page.
  const painted = () => new Promise((resolve) => {
    const t = setTimeout(resolve, 100); // no animation frames in a hidden page
    requestAnimationFrame(() => setTimeout(() => { clearTimeout(t); resolve(); }));
  });
  const more = painted().then(() => Promise.all([loadPanels(), loadPanelView().then(() => PV.panelStyles(box)), becomeFull(), loadReduce(), model.prefs.lang === 'zh-CN' ? loadProv() : null]));
  try {
    [X] = await more;
    X.actions.listen(api, api9);
    // Issue 9: its actions, and this browser's saved records (years, scenarios), read now.
    ctx.reduce9 = X.r9.reduce9;
    const savedRecords = store.readRecords();
    if (savedRecords) {
      try {
        model = R.reduce(model, { type: 'records', records: X.r9.readRecords(JSON.parse(savedRecords), C.ids, o.profile).records }, ctx);
      } catch { /* unreadable: left as it is in storage until a record is saved */ }
    }
    // ---- issue 10 ----: plan state rules and region actions, now here
    ctx10.readPlan = X.plan.readPlan;
    ctx.plan = X.plan;
    model = { ...model, S: { ...model.S, plan: X.plan.readPlan(model.S.plan) } };
    Object.assign(ACTIONS, X.plan.regionActions({ dispatch, byId, box, P, X, get model() { return model; }, get C() { return C; }, view, get last() { return last; }, profileOf, L: () => MESSAGES[model.prefs.lang] || L0 }));
    // ---- end of issue 10 ----
    if (alive) {
      // Tasks, not one: the full engine's computation, then drawing the panels (each blocks
      // input for less time; Lighthouse's total blocking time).
      last = compute(model.S);
      queueMicrotask(notify);
      // The panels in stages, a section or two each (panel-view.js), each drawn and laid out
      // in short tasks of its own, not all in one long task.
      for (stage = 1; stage <= PV.STAGES && alive; stage++) {
        await painted();
        if (alive) paint();
      }
    }
  } catch {
    model = { ...model, notice: { key: 'extrasFail', bad: true } };
    paint();
  }
  box.removeAttribute('aria-busy');

  return {
    get lang() { return model.prefs.lang; },
    get state() { return JSON.parse(JSON.stringify(model.S)); },
    get result() { return last.res; },
    /** The latest assessment, or null. */
    getResult() { return last.res ?? null; },
    /**
     * Replaces the indicator values and sub-scores with `input` (the object `assess` takes).
     * Ids the engine does not know are reported through onError and left out.
     */
    setInputs(input) { X?.actions.setInputs(api, input); },
    /** Switches the target profile (a shipped profile id). */
    setProfile(id) { X?.actions.setProfile(api, id); },
    /** Switches the language ("zh-CN" or "en") without storing it as the visitor's choice. */
    async setLang(lang) { await switchLang(lang, false); },
    destroy() {
      alive = false;
      clearTimeout(announceTimer);
      render(null, content);
      box.remove();
    },
  };
}
