// Loaded after the first result: the tables under the results chart (scores and weights of
// the groups; score, contribution and value of each indicator). A function of the view `v`.
import { h } from '../lib/dom.js';
import { fmt, f2, fv, finite } from '../lib/format.js';
import { dash, head, scroller } from '../lib/ui.js';

export function tables(v) {
  const { t, nameOf, res, data: { M } } = v;
  if (!res) return null;
  const num2 = (x) => (finite(x) ? f2(x) : dash(v));
  const table = (title, cols, rows) => scroller(title, h('table', { class: 'mqci-table' }, h('caption', { class: 'mqci-vh' }, title), head(v, cols), h('tbody', null, rows)));
  const nodes = [];
  for (const [sid, s] of Object.entries(M.secondary)) {
    nodes.push([sid, s, 'secondary', res.secondary[sid]]);
    for (const [tid, n] of Object.entries(M.tertiary)) if (n.parent === sid) nodes.push([tid, n, 'tertiary', res.tertiary[tid]]);
  }
  return [
    table(t('chart'), ['colItem', '#colScore', '#colWeight', 'colLevel'], nodes.map(([id, node, level, score]) => h('tr', { key: id, class: `mqci-tr--${level}` },
      h('th', { scope: 'row' }, nameOf(node)),
      h('td', { class: 'mqci-num', 'data-testid': `score-${id}` }, num2(score)),
      h('td', { class: 'mqci-num' }, fmt(node.weight, 0, 3)),
      h('td', null, t(level))))),
    h(v.hl(2), { class: 'mqci-h2' }, t('indicatorsTable')),
    table(t('indicatorsTable'), ['colItem', '#colScore', '#colContribution', '#colValue'], v.data.IND.map((id) => {
      const r = res.indicators[id];
      const notes = [];
      if (r.source === 'score') notes.push(t('viaScore'));
      if (r.overridden && r.source !== 'missing') notes.push(t('overridden'));
      if (r.clamped) notes.push(t(r.clamped === 'best' ? 'clampedBest' : 'clampedWorst'));
      return h('tr', { key: id },
        h('th', { scope: 'row' }, nameOf(M.indicators[id]), notes.length ? h('span', { class: 'mqci-note' }, ` (${notes.join(v.L.listSep)})`) : null),
        h('td', { class: 'mqci-num', 'data-testid': `iscore-${id}` }, num2(r.score)),
        h('td', { class: 'mqci-num' }, num2(r.contribution)),
        h('td', { class: 'mqci-num' }, finite(r.value) ? fv(r.value) : dash(v)));
    })),
  ];
}
