// Loaded after the first result: where the index lies on the band scale, and the chart of the
// group scores, in the results card. Functions of the view `v` (app.js).
import { h } from '../lib/dom.js';
import { f2, fv, finite, filled } from '../lib/format.js';

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
 * The 6 tertiary scores as a radar (issue 9 point 7), with the same numbers in a table: each
 * axis runs from 60 (centre) to 100 (rim); rings at 70, 80 (dashed) and 90. A tertiary without a
 * score (all its indicators missing or not applicable) sits at the centre and reads "–".
 */
export function tertiary(v) {
  const { res, t, nameOf, data: { M } } = v;
  if (!res || !M) return null;
  const ids = Object.keys(M.tertiary);
  const score = (id) => (finite(res.tertiary?.[id]) ? res.tertiary[id] : null);
  if (!ids.some((id) => score(id) != null)) return v.section('tchart', h('p', { class: 'mqci-hint' }, t('tchartNone')));
  const W = 400;
  const H = 270;
  const cx = W / 2;
  const cy = H / 2;
  const R = 82;
  const ang = (k) => ((-90 + (k * 360) / ids.length) * Math.PI) / 180;
  const at = (k, s) => {
    const r = (R * (Math.max(60, Math.min(100, s)) - 60)) / 40;
    return [cx + r * Math.cos(ang(k)), cy + r * Math.sin(ang(k))];
  };
  const ring = (s) => ids.map((_, k) => at(k, s).map((x) => x.toFixed(1)).join(',')).join(' ');
  // Axis labels: the name (English broken into lines of about 18 characters) and the score.
  const lines = (name) => {
    if (v.lang !== 'en') return [name];
    const out = [''];
    for (const w of name.split(' ')) {
      if (out[out.length - 1] && (out[out.length - 1].length + w.length) > 18) out.push(w);
      else out[out.length - 1] = out[out.length - 1] ? `${out[out.length - 1]} ${w}` : w;
    }
    return out;
  };
  const labels = ids.map((id, k) => {
    const c = Math.cos(ang(k));
    const s = Math.sin(ang(k));
    const x = cx + (R + 10) * c;
    const anchor = Math.abs(c) < 0.3 ? 'middle' : c > 0 ? 'start' : 'end';
    const text = [...lines(nameOf(M.tertiary[id])), score(id) != null ? f2(score(id)) : '–'];
    const y0 = cy + (R + 14) * s + (s < -0.3 ? -(text.length - 1) * 13 : s > 0.3 ? 6 : -((text.length - 1) * 13) / 2 + 4);
    return h('text', { key: id, x: x.toFixed(1), y: y0.toFixed(1), 'text-anchor': anchor, class: 'mqci-axis' },
      text.map((l, i) => h('tspan', { key: i, x: x.toFixed(1), dy: i ? 13 : 0, class: i === text.length - 1 ? 'mqci-rv' : null }, l)));
  });
  const example = (v.S.exampleFields || []).some((f) => !f.startsWith('actuals.'));
  return v.section('tchart', [
    example ? h('p', { class: 'mqci-extag' }, h('span', { class: 'mqci-tag mqci-tag--ex' }, t('exTag')), ' ', t('exResult')) : null,
    h('svg', { class: 'mqci-radar', viewBox: `0 0 ${W} ${H}`, 'aria-hidden': 'true', focusable: 'false', 'data-testid': 'tchart-svg' },
      [70, 80, 90, 100].map((g) => h('polygon', { key: g, points: ring(g), class: g === 80 ? 'mqci-ring mqci-ring--80' : 'mqci-ring' })),
      ids.map((id, k) => { const [x, y] = at(k, 100); return h('line', { key: id, x1: cx, y1: cy, x2: x.toFixed(1), y2: y.toFixed(1), class: 'mqci-ring' }); }),
      h('polygon', { class: 'mqci-radar-area', points: ids.map((id, k) => at(k, score(id) ?? 60).map((x) => x.toFixed(1)).join(',')).join(' ') }),
      ids.map((id, k) => (score(id) != null ? h('circle', { key: id, cx: at(k, score(id))[0].toFixed(1), cy: at(k, score(id))[1].toFixed(1), r: 3, class: 'mqci-radar-pt' }) : null)),
      labels),
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
