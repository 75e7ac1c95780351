// Loaded after the first result: where the index lies on the band scale, and the chart of the
// group scores, in the results card. Functions of the view `v` (app.js).
import { h } from '../lib/dom.js';
import { f2, fv, finite, filled } from '../lib/format.js';
import { radar } from '../lib/radar.js';

/** Where a score lies on the band scale. */
export function scale(v) {
  const { res, data: { M } } = v;
  if (!res) return null;
  const { t, nameOf } = v;
  const bands = M.bands;
  const pos = (x) => {
    const i = Math.max(0, bands.findIndex((b, k) => x < b.max || k === bands.length - 1));
    const b = bands[i];
    return ((i + Math.max(0, Math.min(1, (x - b.min) / (b.max - b.min)))) / bands.length) * 100;
  };
  let marker = null;
  let text = '';
  if (finite(res.index)) {
    marker = h('span', { class: 'mqci-mark', style: { left: `${pos(res.index)}%` } }, h('span', { class: 'mqci-mark-v' }, f2(res.index)));
    const b = bands.find((x) => x.id === res.band?.id);
    text = b ? t('scalePos', { v: f2(res.index), band: nameOf(b), min: fv(b.min), max: fv(b.max) }) : '';
    // Each band's one-sentence meaning (issue 9).
    if (b && v.L[`bm_${b.id}`]) text += ` ${t(`bm_${b.id}`)}`;
  } else if (res.range && finite(res.range.min) && finite(res.range.max) && (res.missing.length < 12 || Object.keys(filled(v.S.scores)).length)) {
    marker = h('span', { class: 'mqci-span', style: { left: `${pos(res.range.min)}%`, width: `${pos(res.range.max) - pos(res.range.min)}%` } });
    text = t('scaleRange', { min: f2(res.range.min), max: f2(res.range.max) });
  }
  return [
    h('div', { class: 'mqci-scale', 'aria-hidden': 'true' },
      h('div', { class: 'mqci-segs' },
        bands.map((b) => h('span', { key: b.id, class: `mqci-seg${res.band?.id === b.id ? ' mqci-seg--on' : ''}` }, h('span', { class: 'mqci-seg-n' }, nameOf(b)))),
        marker),
      h('div', { class: 'mqci-ticks' }, bands.map((b, i) => h('span', null, fv(b.min), i === bands.length - 1 ? h('span', { class: 'mqci-tick-end' }, fv(b.max)) : null)))),
    h('p', { class: 'mqci-scaletext' }, text),
  ];
}

/** The group scores as bars on the 60–100 scale. */
export function chart(v) {
  const { res, data: { M } } = v;
  if (!res) return null;
  const bars = [];
  for (const [sid, s] of Object.entries(M.secondary)) {
    bars.push([sid, s, 'secondary', res.secondary[sid]]);
    for (const [tid, n] of Object.entries(M.tertiary)) if (n.parent === sid) bars.push([tid, n, 'tertiary', res.tertiary[tid]]);
  }
  return bars.map(([id, node, level, score]) => h('div', { key: id, class: `mqci-bar-row mqci-bar-row--${level}` },
    h('span', { class: 'mqci-bar-l' }, v.nameOf(node)),
    h('span', { class: 'mqci-track' }, h('span', { class: 'mqci-fill', style: { width: `${finite(score) ? Math.max(0, Math.min(100, ((score - 60) / 40) * 100)) : 0}%` } })),
    h('span', { class: 'mqci-bar-v' }, finite(score) ? f2(score) : '–')));
}


/**
 * The 6 tertiary scores as a radar (issue 9 point 7, lib/radar.js), with the same numbers in a
 * table. A tertiary without a score (all its indicators missing or not applicable) reads "–".
 */
export function tertiary(v) {
  const { res, t, nameOf, data: { M } } = v;
  if (!res || !M) return null;
  const ids = Object.keys(M.tertiary);
  const score = (id) => (finite(res.tertiary?.[id]) ? res.tertiary[id] : null);
  if (!ids.some((id) => score(id) != null)) return v.section('tchart', h('p', { class: 'mqci-hint' }, t('tchartNone')));
  const example = (v.S.exampleFields || []).some((f) => !f.startsWith('actuals.'));
  return v.section('tchart', [
    example ? h('p', { class: 'mqci-extag' }, h('span', { class: 'mqci-tag mqci-tag--ex' }, t('exTag')), ' ', t('exResult')) : null,
    radar(v, { 'data-testid': 'tchart-svg' }),
    h('p', { class: 'mqci-hint' }, t('tchartNote')),
    h('table', { class: 'mqci-table mqci-ttab', 'data-testid': 'tchart-table' },
      h('caption', null, t('tchartTable')),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('colItem')), h('th', { scope: 'col' }, t('tchartColParent')), h('th', { scope: 'col', class: 'mqci-num' }, t('tchartColScore')))),
      h('tbody', null, ids.map((id) => h('tr', { key: id, 'data-id': id },
        h('th', { scope: 'row' }, nameOf(M.tertiary[id])),
        h('td', null, nameOf(M.secondary[M.tertiary[id].parent])),
        h('td', { class: 'mqci-num' }, score(id) != null ? f2(score(id)) : '–'))))),
  ]);
}
