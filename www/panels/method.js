// Loaded after the first result: the methodology panel (band scheme and standardization
// switches, custom methodology files, the formulas, the parameters and the provenance of each
// number), the short note in the modes without it, and the report line. Functions of the view.
import { h } from '../lib/dom.js';
import { fmt, fv } from '../lib/format.js';
import { fold, head, scroller, unitOf } from '../lib/ui.js';
import { engineKind } from '../lib/engine.js';

// Identifiers (methodology id, engine version) are shown as given, not translated.
const ident = (s) => h('span', { translate: false }, s);
const methodId = (v, M) => v.tNodes('methodId', { id: ident(M.id), version: ident(M.version), engine: ident(v.data.ENGINE) });
// Which engine runs (issue 12): WebAssembly, or its plain-JavaScript copy.
const kind = (v) => h('span', { 'data-testid': 'engine-kind', 'data-kind': engineKind() || '' }, v.lang === 'en' ? ' ' : '',
  v.tNodes(engineKind() === 'js' ? 'engineJs' : 'engineWasm', { wasm: ident('WebAssembly'), js: ident('JavaScript') }));

/** Which methodology and engine, in the modes without the methodology panel. */
export const note = (v) => h('p', { class: 'mqci-hint' }, methodId(v, v.data.M), kind(v));

/** The report line at the bottom (shown in print): date, methodology, engine. */
export function meta(v) {
  const M = v.data.M;
  const d = new Date();
  return v.tNodes('reportMeta', { date: v.t('date', { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() }), id: ident(M.id), version: ident(M.version), engine: ident(v.data.ENGINE) });
}

export function method(v) {
  const { S, P, t, nameOf, data: { M, IND } } = v;
  const custom = !!S.method.custom;
  const tag = (prov) => {
    const sourced = /^sourced:/i.test(prov || '');
    return h('span', { class: `mqci-tag mqci-tag--${sourced ? 's' : 'a'}` }, t(sourced ? 'sourced' : 'assumed'));
  };
  // The text after the prefix: the page's own translation of the built-in text, or the file's.
  const why = (path, prov) => {
    const p = v.provenance(path, prov);
    return p.lang ? h('span', { lang: p.lang }, p.text) : p.text;
  };
  const sel = (act, value, opts) => h('div', { class: 'mqci-field' },
    h('label', { for: `${P}${act}` }, t(act)),
    h('select', { id: `${P}${act}`, class: 'mqci-select', 'data-act': act, disabled: custom },
      opts.map((x) => h('option', { value: x, selected: x === value }, t(/^\d/.test(x) ? `bs${x}` : x)))));
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
      const kids = IND.filter((id) => M.indicators[id].parent === tid).map((id) => M.indicators[id]);
      return formula(nameOf(n), kids.map((p) => `${weight(p.weight)} × ${nameOf(p)}`), kids[0]?.provenance.weight);
    }),
    h('li', null, t(`f_std_${M.standardization}`), ' ', tag(M.provenance.standardization)),
    h('li', null, t('f_rounding'), ' ', tag(M.provenance.rounding)),
  ];
  const valueCell = (x, prov, unit) => h('td', { class: 'mqci-num' }, fv(x), unit ? ` ${unit}` : '', ' ', tag(prov));
  const rows = IND.map((id) => {
    const p = M.indicators[id];
    return h('tr', { key: id },
      h('th', { scope: 'row' }, nameOf(p)),
      h('td', null, t(p.direction)),
      h('td', { class: 'mqci-num' }, weight(p.overallWeight), ' ', tag(p.provenance.weight)),
      valueCell(p.worst, p.provenance.worst, unitOf(v, p.unit)),
      valueCell(p.best, p.provenance.best, unitOf(v, p.unit)));
  });
  const item = (label, path, prov) => [h('dt', null, label), h('dd', null, tag(prov), ' ', why(path, prov))];
  const prov = fold(v, 'prov', false, 'mqci-prov', t('provTitle'), () =>
    h('dl', null,
      item(t('colItem'), 'structure', M.provenance.structure),
      item(t('bandsTitle'), `bands.${M.bandScheme}`, M.provenance.bands),
      item(t('std'), `standardization.${M.standardization}`, M.provenance.standardization),
      IND.map((id) => {
        const p = M.indicators[id];
        return [h('dt', null, nameOf(p)), ['weight', 'worst', 'best'].map((k) => h('dd', null,
          h('strong', null, `${t(`p_${k}`)}${v.L.colon}`), tag(p.provenance[k]), ' ',
          why(k === 'weight' ? 'indicators.weight' : `indicators.${id}.${k}`, p.provenance[k])))];
      })));
  const bad = v.ui.methodErrors;
  const btn = (act) => h('button', { type: 'button', class: 'mqci-btn', 'data-act': act }, t(act));
  return v.section('method', [
    h('p', null, h('strong', null, t('disclaimerLead')), t('disclaimer')),
    h('p', { 'data-testid': 'method-id' }, methodId(v, M), kind(v)),
    custom ? h('p', { class: 'mqci-notice' }, v.tNodes('customActive', { name: h('span', { translate: false }, S.method.name) })) : null,
    h('div', { class: 'mqci-grid2' },
      sel('bandScheme', S.method.bandScheme, ['2011', '2009']),
      sel('std', S.method.standardization, ['linear', 'exponential'])),
    h('div', { class: 'mqci-btns' },
      btn('loadMethod'), btn('saveMethod'), custom ? btn('resetMethod') : null,
      h('input', { type: 'file', accept: '.json,application/json', hidden: true, 'data-act': 'methodFile', 'aria-label': t('loadMethod') })),
    bad && h('div', { class: 'mqci-notice mqci-notice--bad', role: 'alert', 'data-testid': 'method-errors' },
      h('p', null, v.tNodes('methodErr', { name: h('span', { translate: false }, bad.name) })),
      // The field by its name, and its path in the file (as written there, not translated).
      h('ul', null, bad.errors.map((e) => h('li', null,
        h('span', { class: 'mqci-path' }, v.fieldLabel(e.field, M)),
        e.field ? [' ', h('code', { translate: false }, e.field)] : null,
        v.L.colon, v.errText(e))))),
    h(v.hl(2), { class: 'mqci-h2' }, t('formulas')),
    h('ul', { class: 'mqci-formulas' }, formulas),
    h(v.hl(2), { class: 'mqci-h2' }, t('bandsTitle')),
    h('ul', { class: 'mqci-bands' }, M.bands.map((b) => h('li', { key: b.id }, `${fv(b.min)}–${fv(b.max)}　${nameOf(b)}`))),
    h('p', null, tag(M.provenance.bands), ' ', why(`bands.${M.bandScheme}`, M.provenance.bands)),
    h(v.hl(2), { class: 'mqci-h2' }, t('params')),
    scroller(t('params'), h('table', { class: 'mqci-table mqci-mtable' },
      h('caption', { class: 'mqci-vh' }, t('params')),
      head(v, ['colItem', 'colDir', '#colWeight', '#colWorst', '#colBest']),
      h('tbody', null, rows))),
    prov,
  ]);
}
