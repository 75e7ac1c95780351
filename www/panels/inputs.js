// Loaded after the first result: the fields of the inputs panel (known sub-scores, the twelve
// indicators with their definitions and units, the raw-figure helpers), what is painted next to
// them, and the field builder that the target check uses too. `w` is the widget instance that
// app.js passes in.
import { h, f2, fv, filled } from '../app.js';

/** The unit of an indicator or metric ("percent", …) as shown. */
export const unitOf = (w, u) => w.L[`unit_${u}`] ?? u;
/** A unit written out by the engine ("万元", …) in the current language. */
export const unitText = (w, u) => w.L.units[u] ?? u;

/** A labelled text input; `opts`: k/key/f (what it sets), value, unit, hint, cls, after. */
export function field(w, id, label, opts = {}) {
  const ids = opts.hint ? `${id}-d` : '';
  const input = h('input', {
    id, type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false',
    class: 'mqci-input', placeholder: ' ', 'data-k': opts.k, 'data-id': opts.key, 'data-f': opts.f, 'aria-describedby': ids || null,
  });
  input.value = opts.value ?? '';
  input.dataset.desc = ids;
  return h('div', { class: `mqci-field ${opts.cls || ''}` },
    h('label', { for: id }, label, opts.unit ? h('span', { class: 'mqci-unit' }, w.t('paren', { u: unitText(w, opts.unit) })) : null),
    opts.hint ? h('p', { class: 'mqci-hint', id: `${id}-d` }, opts.hint) : null,
    h('div', { class: 'mqci-row' }, input, opts.after),
    h('p', { class: 'mqci-err', id: `${id}-e`, hidden: true }));
}

/** The inputs panel's content after its hint: sub-scores, indicator groups, the mini index. */
export function build(w, M) {
  const { P, S, t, nameOf, el } = w;
  const scoreField = (node, name) => field(w, `${P}s-${node}`, t('scoreOf', { name }), { k: 'scores', key: node, value: S.scores[node], hint: t('scoreRange'), cls: 'mqci-field--score' });
  const children = (sid) => Object.entries(M.tertiary).filter(([, n]) => n.parent === sid);
  const scores = h('details', { class: 'mqci-scores', open: Object.keys(filled(S.scores)).length > 0 },
    h('summary', null, t('scoresTitle')),
    h('p', { class: 'mqci-hint' }, t('scoresHint')),
    h('div', { class: 'mqci-grid2' }, Object.entries(M.secondary).map(([sid, s]) => [
      scoreField(sid, nameOf(s)),
      ...children(sid).map(([tid, n]) => scoreField(tid, nameOf(n))),
    ])));
  const groups = Object.entries(M.secondary).map(([sid, s]) => h('fieldset', { class: 'mqci-sec' },
    h('legend', null, nameOf(s)),
    children(sid).map(([tid, n]) => h('fieldset', { class: 'mqci-ter' },
      h('legend', null, nameOf(n)),
      w.IND.filter((id) => w.PARENT[id] === tid).map((id) => indicatorField(w, M, id))))));
  el.mini = w.show.has('results') ? h('p', { class: 'mqci-mini', 'aria-hidden': 'true' }) : null;
  return [scores, ...groups, el.mini];
}

function indicatorField(w, M, id) {
  const { P, t } = w;
  const spec = M.indicators[id];
  const out = h('output', { class: 'mqci-iscore', id: `${P}o-${id}`, for: `${P}v-${id}` });
  const f = field(w, `${P}v-${id}`, w.nameOf(spec), { k: 'values', key: id, value: w.S.values[id], unit: unitOf(w, spec.unit), hint: w.nameOf(spec.definition), after: out });
  const raw = w.RAW[id];
  if (raw) {
    const vals = w.S.raw[id] || {};
    f.append(h('details', { class: 'mqci-raw', open: Object.keys(filled(vals)).length > 0 },
      h('summary', null, t('raw')),
      h('div', { class: 'mqci-grid2' }, raw.fields.map((rf) => field(w, `${P}r-${id}-${rf.key}`, w.nameOf(rf), { k: 'raw', key: id, f: rf.key, value: vals[rf.key], unit: rf.unit, cls: 'mqci-field--raw' }))),
      h('div', { class: 'mqci-rawout' },
        h('p', { id: `${P}rr-${id}`, class: 'mqci-hint' }),
        h('button', { type: 'button', class: 'mqci-btn', id: `${P}ra-${id}`, 'data-act': 'rawApply', 'data-id': id, disabled: true }, t('rawApply')))));
  }
  return f;
}

/** The score beside each indicator, the mini index, and what each raw-figure helper computes. */
export function paint(w, res, derived) {
  const { P, t, box } = w;
  const byId = (id) => box.querySelector(`#${CSS.escape(id)}`);
  if (res) {
    for (const id of w.IND) {
      const out = byId(`${P}o-${id}`);
      const score = res.indicators[id].score;
      if (out) out.textContent = score == null ? '' : t('scoreIs', { v: f2(score) });
    }
    if (w.el.mini) w.el.mini.textContent = `${t('miniLabel')} ${w.el.index.textContent}${res.band ? ` · ${w.nameOf(res.band)}` : ''}`;
  }
  for (const id of Object.keys(w.RAW)) {
    const out = byId(`${P}rr-${id}`);
    if (!out) continue;
    const btn = byId(`${P}ra-${id}`);
    const v = derived[id];
    out.textContent = v == null ? t('rawEmpty') : t('rawResult', { v: `${fv(v)} ${unitOf(w, w.DEF.indicators[id].unit)}` });
    btn.disabled = v == null;
    btn.dataset.v = v == null ? '' : String(Number(v.toPrecision(10)));
  }
}
