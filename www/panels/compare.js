// Loaded after the first result (issue 9): two saved records side by side — index, band, the
// 8 sub-scores and the indicators whose values changed. A function of the view `v`.
import { h } from '../lib/dom.js';
import { f2, fmt, finite } from '../lib/format.js';
import { head, scroller, unitOf } from '../lib/ui.js';
import { ordered } from '../lib/years.js';

export function compare(v) {
  const { P, t, nameOf, data: { M } } = v;
  if (v.records.length < 2) return null;
  const list = ordered(v);
  const pickId = (side, dflt) => (list.some((x) => x.r.id === v.compare?.[side]) ? v.compare[side] : dflt);
  const aId = pickId('a', list[list.length - 2].r.id);
  const bId = pickId('b', list[list.length - 1].r.id);
  const A = list.find((x) => x.r.id === aId);
  const B = list.find((x) => x.r.id === bId);
  const select = (side, id) => h('div', { class: 'mqci-field' },
    h('label', { for: `${P}cmp-${side}` }, t(side === 'a' ? 'cmpA' : 'cmpB')),
    h('select', { id: `${P}cmp-${side}`, class: 'mqci-select', 'data-act': 'compare', 'data-side': side },
      list.map(({ r }) => h('option', { key: r.id, value: r.id, selected: r.id === id }, r.name))));
  const n = (x) => (finite(x) ? f2(x) : '–');
  const diff = (a, b) => (finite(a) && finite(b) ? fmt(b - a, 2, 2, true) : '–');
  const rows = [['index', t('colIndex'), (r) => r?.index, 'mqci-tr--secondary']];
  for (const [sid, s] of Object.entries(M.secondary)) {
    rows.push([sid, nameOf(s), (r) => r?.secondary[sid], 'mqci-tr--secondary']);
    for (const [tid, x] of Object.entries(M.tertiary)) if (x.parent === sid) rows.push([tid, nameOf(x), (r) => r?.tertiary[tid], 'mqci-tr--tertiary']);
  }
  const value = (res, id) => {
    const r = res?.indicators[id];
    return r?.source === 'not_applicable' ? t('naShort') : finite(r?.value) ? fmt(r.value, 0, 2) : '–';
  };
  const changed = Object.keys(M.indicators).filter((id) => value(A.res, id) !== value(B.res, id));
  return v.section('compare', [
    h('div', { class: 'mqci-grid2' }, select('a', aId), select('b', bId)),
    // Four narrow columns (the records are named in the selects and the caption; the bands in a
    // line below), so that the table fits a 390 px phone without scrolling sideways.
    scroller(t('cmpTable'), h('table', { class: 'mqci-table mqci-cmp', 'data-testid': 'compare' },
      h('caption', { class: 'mqci-vh' }, t('cmpCaption', { a: A.r.name, b: B.r.name })),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('colItem')), h('th', { scope: 'col', class: 'mqci-num' }, t('cmpValA')), h('th', { scope: 'col', class: 'mqci-num' }, t('cmpValB')), h('th', { scope: 'col', class: 'mqci-num' }, t('colChange')))),
      h('tbody', null,
        rows.map(([id, name, get, cls]) => h('tr', { key: id, class: cls }, h('th', { scope: 'row' }, name), h('td', { class: 'mqci-num' }, n(get(A.res))), h('td', { class: 'mqci-num' }, n(get(B.res))), h('td', { class: 'mqci-num', 'data-testid': `cmp-${id}` }, diff(get(A.res), get(B.res)))))))),
    h('ul', { class: 'mqci-cmp-bands', 'data-testid': 'compare-band' }, [[A, 'cmpValA'], [B, 'cmpValB']].map(([X, k]) => h('li', { key: k },
      t('cmpBandOf', { rec: t(k), name: X.r.name, band: X.res?.band ? nameOf(X.res.band) : '–' })))),
    h(v.hl(2), { class: 'mqci-h2' }, t('cmpChanged')),
    changed.length ? scroller(t('cmpChanged'), h('table', { class: 'mqci-table', 'data-testid': 'compare-changed' },
      h('caption', { class: 'mqci-vh' }, t('cmpChanged')),
      head(v, ['colItem', `#${'cmpValA'}`, `#${'cmpValB'}`]),
      h('tbody', null, changed.map((id) => h('tr', { key: id }, h('th', { scope: 'row' }, nameOf(M.indicators[id]), h('span', { class: 'mqci-unit' }, t('paren', { u: unitOf(v, M.indicators[id].unit) }))), h('td', { class: 'mqci-num' }, value(A.res, id)), h('td', { class: 'mqci-num' }, value(B.res, id))))))) : h('p', null, t('cmpNone')),
  ]);
}
