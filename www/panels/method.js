// Loaded after the first result: the methodology panel (band scheme and standardization
// switches, custom methodology files, the formulas, the parameters and the provenance of each
// number) and the report line. `w` is the widget instance that app.js passes in.
import { h, fmt, fv } from '../app.js';
import { errText } from './checks.js';
import { head, scroller } from './tables.js';
import { unitOf } from './inputs.js';

const methodId = (w, M) => w.t('methodId', { id: M.id, version: M.version, engine: w.ENGINE });

/** Which methodology and engine, in the modes without the methodology panel. */
export const note = (w, M) => h('p', { class: 'mqci-hint' }, methodId(w, M));

/** The report line at the bottom (shown in print): date, methodology, engine. */
export function meta(w, M) {
  const d = new Date();
  w.el.meta.textContent = w.t('reportMeta', { date: w.t('date', { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() }), id: M.id, version: M.version, engine: w.ENGINE });
}

const provText = (p) => String(p || '').replace(/^(sourced|assumed):\s*/i, '');

export function build(w, M) {
  const { S, P, t, nameOf, IND, PARENT } = w;
  const custom = !!S.method.custom;
  const tag = (prov) => {
    const sourced = /^sourced:/i.test(prov || '');
    return h('span', { class: `mqci-tag mqci-tag--${sourced ? 's' : 'a'}` }, t(sourced ? 'sourced' : 'assumed'));
  };
  const sel = (act, value, opts) => h('div', { class: 'mqci-field' },
    h('label', { for: `${P}${act}` }, t(act)),
    h('select', { id: `${P}${act}`, class: 'mqci-select', 'data-act': act, disabled: custom },
      opts.map((v) => h('option', { value: v, selected: v === value }, t(/^\d/.test(v) ? `bs${v}` : v)))));
  const weight = (x) => fmt(x, 0, 4);
  const formula = (name, parts, prov) => h('li', null, h('span', null, `${name} = ${parts.join(' + ')}`), ' ', tag(prov));
  const tertiaries = Object.entries(M.tertiary);
  const formulas = [
    formula(t('f_index'), Object.values(M.secondary).map((s) => `${weight(s.weight)} × ${nameOf(s)}`), Object.values(M.secondary)[0]?.provenance),
    ...Object.entries(M.secondary).map(([sid, s]) => {
      const kids = tertiaries.filter(([, n]) => n.parent === sid).map(([, n]) => n);
      return formula(nameOf(s), kids.map((n) => `${weight(n.weight)} × ${nameOf(n)}`), kids[0]?.provenance);
    }),
    ...tertiaries.map(([tid, n]) => {
      const kids = IND.filter((id) => PARENT[id] === tid).map((id) => M.indicators[id]);
      return formula(nameOf(n), kids.map((p) => `${weight(p.weight)} × ${nameOf(p)}`), kids[0]?.provenance.weight);
    }),
    h('li', null, t(`f_std_${M.standardization}`), ' ', tag(M.provenance.standardization)),
    h('li', null, t('f_rounding'), ' ', tag(M.provenance.rounding)),
  ];
  const valueCell = (v, prov, unit) => h('td', { class: 'mqci-num' }, fv(v), unit ? ` ${unit}` : '', ' ', tag(prov));
  const rows = IND.map((id) => {
    const p = M.indicators[id];
    return h('tr', null,
      h('th', { scope: 'row' }, nameOf(p)),
      h('td', null, t(p.direction)),
      h('td', { class: 'mqci-num' }, weight(p.overallWeight), ' ', tag(p.provenance.weight)),
      valueCell(p.worst, p.provenance.worst, unitOf(w, p.unit)),
      valueCell(p.best, p.provenance.best, unitOf(w, p.unit)));
  });
  const why = (label, prov) => [h('dt', null, label), h('dd', null, tag(prov), ' ', provText(prov))];
  const prov = h('details', { class: 'mqci-prov' }, h('summary', null, t('provTitle')),
    h('dl', null,
      why(t('colItem'), M.provenance.structure),
      why(t('bandsTitle'), M.provenance.bands),
      why(t('std'), M.provenance.standardization),
      IND.map((id) => {
        const p = M.indicators[id];
        return [h('dt', null, nameOf(p)), ['weight', 'worst', 'best'].map((k) => h('dd', null, h('strong', null, `${t(`p_${k}`)}: `), tag(p.provenance[k]), ' ', provText(p.provenance[k])))];
      })));
  const bad = w.methodErrors;
  const btn = (act) => h('button', { type: 'button', class: 'mqci-btn', 'data-act': act }, t(act));
  return w.section('method', [
    h('p', null, h('strong', null, t('disclaimerLead')), t('disclaimer')),
    h('p', { 'data-testid': 'method-id' }, methodId(w, M)),
    custom ? h('p', { class: 'mqci-notice' }, t('customActive', { name: S.method.name })) : null,
    h('div', { class: 'mqci-grid2' },
      sel('bandScheme', S.method.bandScheme, ['2011', '2009']),
      sel('std', S.method.standardization, ['linear', 'exponential'])),
    h('div', { class: 'mqci-btns' },
      btn('loadMethod'), btn('saveMethod'), custom ? btn('resetMethod') : null,
      h('input', { type: 'file', accept: '.json,application/json', hidden: true, 'data-act': 'methodFile', 'aria-label': t('loadMethod') })),
    bad && h('div', { class: 'mqci-notice mqci-notice--bad', role: 'alert', 'data-testid': 'method-errors' },
      h('p', null, t('methodErr', { name: bad.name })),
      h('ul', null, bad.errors.map((e) => h('li', null, h('code', null, e.field || '—'), ` ${errText(w, e)}`)))),
    h(w.hl(2), { class: 'mqci-h2' }, t('formulas')),
    h('ul', { class: 'mqci-formulas' }, formulas),
    h(w.hl(2), { class: 'mqci-h2' }, t('bandsTitle')),
    h('ul', { class: 'mqci-bands' }, M.bands.map((b) => h('li', null, `${fv(b.min)}–${fv(b.max)}　${nameOf(b)}`))),
    h('p', null, tag(M.provenance.bands), ' ', provText(M.provenance.bands)),
    h(w.hl(2), { class: 'mqci-h2' }, t('params')),
    scroller(t('params'), h('table', { class: 'mqci-table mqci-mtable' },
      h('caption', { class: 'mqci-vh' }, t('params')),
      head(w, ['colItem', 'colDir', '#colWeight', '#colWorst', '#colBest']),
      h('tbody', null, rows))),
    prov,
  ]);
}
