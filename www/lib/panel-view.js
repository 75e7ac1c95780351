// What the view (app.js) gives the panels, what they draw into the frame's slots, and their
// stylesheets. Loaded with the full engine (lib/catalog.js), after the first result or before
// it when the saved state needs the full engine: the first result itself needs none of it.
// `w`: what it needs of the widget instance: { P, show, C (catalogue), X (panels, or null),
// last (the last computation), M (the methodology shown), prov() (lang/prov-zh.js, or null),
// loadProv() (loads it, then paints again) }.
import { h } from './dom.js';
import { inputIdOf } from './ui.js';

/**
 * Adds to the view `v` each input's first error and warning (when the input is on the page),
 * the wording of errors and fields, and provenance texts.
 */
export function panelView(v, w) {
  const { P, show, C, X } = w;
  const { t, L, tNodes, errors, nameOf, lang } = v;
  const names = (MM = w.M || C?.DEF) => ({
    node: (id) => { const n = MM?.indicators[id] || MM?.tertiary[id] || MM?.secondary[id]; return n ? nameOf(n) : undefined; },
    metric: (id) => { const m = C?.METRICS.find((x) => x.id === id); return m ? nameOf(m) : undefined; },
    raw: (ind, key) => { const f = C?.RAW[ind]?.fields.find((x) => x.key === key); return f ? nameOf(f) : undefined; },
  });
  const exists = (field) => {
    const [kind, id, key] = field.split('.');
    if (!X) return false;
    if (kind === 'annual') return show.has('inputs') && !!C?.ANNUAL?.some((f) => f.key === id);
    if (kind === 'values' || kind === 'scores') return show.has('inputs');
    if (kind === 'actuals') return show.has('targets');
    return kind === 'raw' && show.has('inputs') && !!C?.RAW[id]?.fields.some((f) => f.key === key);
  };
  const idOf = (field) => inputIdOf(P, field);
  for (const e of errors) if (exists(e.field) && idOf(e.field) && !v.fieldErrors.has(idOf(e.field))) v.fieldErrors.set(idOf(e.field), e);
  for (const x of w.last.res?.warnings || []) if (exists(x.field)) v.fieldWarnings.add(idOf(x.field));
  // The value as given is quoted verbatim (translate="no"): it is the visitor's, not the page's.
  v.errText = (e) => X.wording.errText(tNodes, L, e, (x) => h('span', { translate: false }, x));
  v.fieldLabel = (field, MM) => (X ? X.wording.fieldLabel(t, L, names(MM), field) : '');
  // The provenance of a methodology's number in the page's language: the built-in one's in
  // Chinese from lang/prov-zh.js; a custom one's as written (marked English when it is).
  v.provenance = (path, text) => {
    const body = String(text || '').replace(/^(sourced|assumed):\s*/i, '');
    if (v.S.method.custom) return { text: body, lang: lang !== 'en' && /[A-Za-z]/.test(body) ? 'en' : null };
    if (lang === 'en') return { text: body };
    if (!w.prov()) w.loadProv();
    return { text: w.prov()?.[path] ?? '' };
  };
  return v;
}

/** How many tasks the panels are first drawn in (panelSlots' `at`). */
export const STAGES = 8;

/** What the panels draw into the frame's slots (views/first.js), by the sections shown. */
export function panelSlots(v, w) {
  const { X, show } = w;
  const results = show.has('results');
  const inputs = show.has('inputs');
  // w.stage (1–STAGES): the first time the panels arrive they are drawn a stage at a time, the
  // result first, then the inputs, then the sections below them (until then, placeholders).
  // Each stage's drawing, and its style and layout, is a task short enough not to block input.
  // A stage adds only below what is drawn: nothing in view moves (tests/e2e: layout shift).
  const at = (n, f) => (w.stage >= n ? f() : null);
  return {
    inputs: inputs ? at(3, () => X.inputs.inputs(v)) : null, // below the annual figures: drawn after them, it moves nothing
    tables: results ? X.tables.tables(v) : null,
    scale: results ? X.chart.scale(v) : null,
    chart: results ? X.chart.chart(v) : null,
    warnings: X.checks.warnings(v),
    errors: X.checks.errorSummary(v),
    targets: show.has('targets') ? at(6, () => [X.targets.targets(v), X.regions.regions(v, w.last.regions)]) : null, // issue 10: regions
    method: show.has('method') ? at(7, () => X.method.method(v)) : X.method.note(v),
    meta: X.method.meta(v),
    dialog: X.dialog.dialog(v),
    share: X.notices.share(v),
    saveError: X.notices.saveError(v),
    // ---- issue 9 ----
    annual: inputs ? at(2, () => X.annual.annual(v)) : null,
    improve: results ? at(4, () => [X.chart.tertiary(v), X.improve.improve(v), X.bench.bench(v)]) : null,
    records: inputs ? at(5, () => [X.records.records(v), X.compare.compare(v)]) : null,
    report: results ? at(8, () => X.report.report(v)) : null,
  };
}

/** Links one of the panels' stylesheets into `box` (a shadow root gets its own); resolves once loaded or failed. */
const sheet = (box, file) => new Promise((resolve) => {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL(`../panels/${file}`, import.meta.url).href;
  link.onload = () => resolve();
  link.onerror = () => resolve();
  box.prepend(link);
  if (!box.isConnected) resolve(); // a detached root loads no stylesheet
});

/** panels.css, and enterprise.css for the issue-9 panels and the printed report. */
export const panelStyles = (box) => Promise.all([sheet(box, 'enterprise.css'), sheet(box, 'panels.css')]);
