// Loaded after the first result: the fields of the inputs panel (known sub-scores, the twelve
// indicators with their definitions, units and scores, the raw-figure helpers) and the mini
// index. A function of the view `v` (app.js).
import { h } from '../lib/dom.js';
import { f2, fv, filled, finite } from '../lib/format.js';
import { field, unitOf } from '../lib/ui.js';

export function inputs(v) {
  const { P, S, t, nameOf, data: { M } } = v;
  const scoreField = (node, name) => field(v, `${P}s-${node}`, [t('scoreOf', { name }), exTag(v, `scores.${node}`)], { k: 'scores', key: node, value: S.scores[node], hint: t('scoreRange'), cls: 'mqci-field--score' });
  const children = (sid) => Object.entries(M.tertiary).filter(([, n]) => n.parent === sid);
  const scores = h('details', { class: 'mqci-scores', 'data-open': 'scores', open: v.isOpen('scores', Object.keys(filled(S.scores)).length > 0) },
    h('summary', null, t('scoresTitle')),
    h('p', { class: 'mqci-hint' }, t('scoresHint')),
    h('div', { class: 'mqci-grid2' }, Object.entries(M.secondary).map(([sid, s]) => [
      scoreField(sid, nameOf(s)),
      ...children(sid).map(([tid, n]) => scoreField(tid, nameOf(n))),
    ])));
  const groups = Object.entries(M.secondary).map(([sid, s]) => h('fieldset', { class: 'mqci-sec', key: sid },
    h('legend', null, nameOf(s)),
    children(sid).map(([tid, n]) => h('fieldset', { class: 'mqci-ter', key: tid },
      h('legend', null, nameOf(n)),
      v.data.IND.filter((id) => M.indicators[id].parent === tid).map((id) => indicatorField(v, id))))));
  // The sticky bar: the index, or the range it may still take while incomplete.
  const r = v.res;
  const ranged = r && !finite(r.index) && r.range && finite(r.range.min) && finite(r.range.max) && (r.missing.length < 12 || Object.keys(filled(S.scores)).length);
  const mini = v.show.has('results') && r
    ? h('p', { class: 'mqci-mini', 'aria-hidden': 'true', 'data-testid': 'mini' }, `${t('miniLabel')} ${finite(r.index) ? f2(r.index) : ranged ? t('miniRange', { min: f2(r.range.min), max: f2(r.range.max) }) : '–'}${r.band ? ` · ${nameOf(r.band)}` : ''}`)
    : null;
  return [scores, ...groups, mini];
}

/** "示例" after a field that still holds an example's figure. */
export const exTag = (v, path) => ((v.S.exampleFields || []).includes(path) ? [' ', h('span', { class: 'mqci-tag mqci-tag--ex' }, v.t('exTag'))] : null);

/** The typed sub-score (of the parent or grandparent) that overrides indicator `id`, or null. */
function overriddenBy(v, id) {
  const { M } = v.data;
  const tid = M.indicators[id].parent;
  const sid = M.tertiary[tid]?.parent;
  const typed = filled(v.S.scores);
  return [id, tid, sid].find((n) => n && n in typed && n !== id && typed[n] != null) || null;
}

function indicatorField(v, id) {
  const { P, t, S, data: { M, RAW } } = v;
  const spec = M.indicators[id];
  const score = v.res?.indicators[id]?.score;
  const out = h('output', { class: 'mqci-iscore', id: `${P}o-${id}`, for: `${P}v-${id}` }, finite(score) ? t('scoreIs', { v: f2(score) }) : '');
  const raw = v.data.ANNUAL ? null : RAW[id]; // the one annual form replaces the per-indicator helpers
  let helper = null;
  if (raw) {
    const vals = S.raw[id] || {};
    const d = v.derived[id];
    const ok = finite(d);
    helper = h('details', { class: 'mqci-raw', 'data-open': `raw-${id}`, open: v.isOpen(`raw-${id}`, Object.keys(filled(vals)).length > 0) },
      h('summary', null, t('raw')),
      h('div', { class: 'mqci-grid2' }, raw.fields.map((rf) => field(v, `${P}r-${id}-${rf.key}`, v.nameOf(rf), { k: 'raw', key: id, f: rf.key, value: vals[rf.key], unit: rf.unit, cls: 'mqci-field--raw' }))),
      h('div', { class: 'mqci-rawout' },
        h('p', { id: `${P}rr-${id}`, class: 'mqci-hint' }, ok ? t('rawResult', { v: `${fv(d)} ${unitOf(v, spec.unit)}` }) : t('rawEmpty')),
        h('button', { type: 'button', class: 'mqci-btn', id: `${P}ra-${id}`, 'data-act': 'rawApply', 'data-id': id, 'data-v': ok ? String(Number(d.toPrecision(10))) : '', disabled: !ok }, t('rawApply'))));
  }
  // ---- issue 9 ---- not applicable, overridden, derived from the annual figures.
  const na = (S.na || []).includes(id);
  const naBox = h('label', { class: 'mqci-na' },
    h('input', { type: 'checkbox', 'data-act': 'na', 'data-id': id, id: `${P}na-${id}`, checked: na }),
    ` ${t('naLabel')}`);
  const notes = [];
  const typed = String(S.values[id] ?? '').trim() !== '';
  const by = typed && !na ? overriddenBy(v, id) : null;
  if (by) {
    const node = M.indicators[by] || M.tertiary[by] || M.secondary[by];
    notes.push(h('div', { class: 'mqci-notice mqci-notice--bad mqci-over', id: `${P}ov-${id}`, 'data-testid': `overridden-${id}` },
      h('p', null, t('overriddenBy', { name: v.nameOf(node), score: S.scores[by] })),
      h('button', { type: 'button', class: 'mqci-btn mqci-btn--small', 'data-act': 'dropScore', 'data-id': by }, t('dropScore', { name: v.nameOf(node) }))));
  }
  const fromAnnual = v.annual?.values?.[id];
  if (!typed && !na && finite(fromAnnual)) notes.push(h('p', { class: 'mqci-hint mqci-derived', 'data-testid': `derived-${id}` }, t('fromAnnual', { v: `${fv(Number(fromAnnual.toPrecision(10)))} ${unitOf(v, spec.unit)}` })));
  if (typed && finite(fromAnnual) && !na) notes.push(h('p', { class: 'mqci-hint mqci-derived' }, t('typedOverAnnual', { v: `${fv(Number(fromAnnual.toPrecision(10)))} ${unitOf(v, spec.unit)}` })));
  if (na) notes.push(h('p', { class: 'mqci-hint', 'data-testid': `na-note-${id}` }, t('naNote')));
  return field(v, `${P}v-${id}`, [v.nameOf(spec), exTag(v, `values.${id}`)], { k: 'values', key: id, value: S.values[id], unit: unitOf(v, spec.unit), hint: v.nameOf(spec.definition), after: out, extra: [naBox, ...notes, helper], cls: na ? 'mqci-field--na' : '', disabled: na, describedBy: by ? `${P}ov-${id}` : null });
}
