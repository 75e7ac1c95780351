// Loaded after the first result: the tables under the results chart (scores and weights of
// the groups; score, contribution and value of each indicator), and the table parts the
// other panels share. `w` is the widget instance that app.js passes in.
import { h, fmt, f2, fv } from '../app.js';

/** "–" that a screen reader reads as "none". */
export const dash = (w) => h('span', { class: 'mqci-none' }, h('span', { 'aria-hidden': 'true' }, '–'), h('span', { class: 'mqci-vh' }, w.t('none')));

/** A header row; a column key starting with "#" is numeric. */
export const head = (w, cols) => h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col', class: c.startsWith('#') ? 'mqci-num' : null }, w.t(c.replace('#', ''))))));

/** A wide table scrolls inside a labelled, focusable region instead of the page. */
export const scroller = (label, table) => h('div', { class: 'mqci-scroll', role: 'region', tabindex: '0', 'aria-label': label }, table);

export function build(w) {
  const { el, t } = w;
  const table = (title, cols, body) => scroller(title, h('table', { class: 'mqci-table' }, h('caption', { class: 'mqci-vh' }, title), head(w, cols), body));
  el.nodeTable = h('tbody');
  el.indTable = h('tbody');
  return [
    table(t('chart'), ['colItem', '#colScore', '#colWeight', 'colLevel'], el.nodeTable),
    h(w.hl(2), { class: 'mqci-h2' }, t('indicatorsTable')),
    table(t('indicatorsTable'), ['colItem', '#colScore', '#colContribution', '#colValue'], el.indTable),
  ];
}

export function paint(w, res, M) {
  const { el, t, nameOf } = w;
  const num2 = (v) => (v == null ? dash(w) : f2(v));
  const rows = [];
  for (const [sid, s] of Object.entries(M.secondary)) {
    rows.push([sid, s, 'secondary', res.secondary[sid]]);
    for (const [tid, n] of Object.entries(M.tertiary)) if (n.parent === sid) rows.push([tid, n, 'tertiary', res.tertiary[tid]]);
  }
  el.nodeTable.replaceChildren(...rows.map(([id, node, level, score]) => h('tr', { class: `mqci-tr--${level}` },
    h('th', { scope: 'row' }, nameOf(node)),
    h('td', { class: 'mqci-num', 'data-testid': `score-${id}` }, num2(score)),
    h('td', { class: 'mqci-num' }, fmt(node.weight, 0, 3)),
    h('td', null, t(level)))));
  el.indTable.replaceChildren(...w.IND.map((id) => {
    const r = res.indicators[id];
    const notes = [];
    if (r.source === 'score') notes.push(t('viaScore'));
    if (r.overridden && r.source !== 'missing') notes.push(t('overridden'));
    if (r.clamped) notes.push(t(r.clamped === 'best' ? 'clampedBest' : 'clampedWorst'));
    return h('tr', null,
      h('th', { scope: 'row' }, nameOf(M.indicators[id]), notes.length ? h('span', { class: 'mqci-note' }, ` (${notes.join(w.L.listSep)})`) : null),
      h('td', { class: 'mqci-num', 'data-testid': `iscore-${id}` }, num2(r.score)),
      h('td', { class: 'mqci-num' }, num2(r.contribution)),
      h('td', { class: 'mqci-num' }, r.value == null ? dash(w) : fv(r.value)));
  }));
}
