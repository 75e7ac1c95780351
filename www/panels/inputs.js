// Loaded after the first result: the fields of the inputs panel (known sub-scores, the twelve
// indicators with their definitions, units and scores, the raw-figure helpers) and the mini
// index. A function of the view `v` (app.js).
import { h } from '../lib/dom.js';
import { f2, fv, filled, finite } from '../lib/format.js';
import { field, unitOf } from '../lib/ui.js';

export function inputs(v) {
  const { P, S, t, nameOf, data: { M } } = v;
  const scoreField = (node, name) => field(v, `${P}s-${node}`, t('scoreOf', { name }), { k: 'scores', key: node, value: S.scores[node], hint: t('scoreRange'), cls: 'mqci-field--score' });
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
  const mini = v.show.has('results') && v.res
    ? h('p', { class: 'mqci-mini', 'aria-hidden': 'true' }, `${t('miniLabel')} ${finite(v.res.index) ? f2(v.res.index) : '–'}${v.res.band ? ` · ${nameOf(v.res.band)}` : ''}`)
    : null;
  return [scores, ...groups, mini];
}

function indicatorField(v, id) {
  const { P, t, S, data: { M, RAW } } = v;
  const spec = M.indicators[id];
  const score = v.res?.indicators[id]?.score;
  const out = h('output', { class: 'mqci-iscore', id: `${P}o-${id}`, for: `${P}v-${id}` }, finite(score) ? t('scoreIs', { v: f2(score) }) : '');
  const raw = RAW[id];
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
  return field(v, `${P}v-${id}`, v.nameOf(spec), { k: 'values', key: id, value: S.values[id], unit: unitOf(v, spec.unit), hint: v.nameOf(spec.definition), after: out, extra: helper });
}
