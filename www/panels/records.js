// Loaded after the first result (issue 9): several years and scenarios, kept in this browser
// only. The company and data year of the report; save the current figures as a named record;
// list, open, rename, delete; the trend of the index and the two secondary scores over the
// saved years (a chart with a data table); export/import of all records as one JSON file.
// A function of the view `v` (app.js); records live in v.records (the model).
import { h } from '../lib/dom.js';
import { f2, finite } from '../lib/format.js';
import { btn, scroller } from '../lib/ui.js';
import { ordered } from '../lib/years.js';



export function records(v) {
  const { P, S, t, nameOf } = v;
  const meta = (key, label, ph) => h('div', { class: 'mqci-field' },
    h('label', { for: `${P}m-${key}` }, label),
    h('input', { id: `${P}m-${key}`, class: 'mqci-input mqci-input--wide', type: 'text', autocomplete: key === 'company' ? 'organization' : 'off', 'data-k': 'meta', 'data-id': key, value: S[key] || '', placeholder: ph }));
  const list = ordered(v);
  const date = (iso) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? '' : t('date', { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() });
  };
  const items = list.map(({ r, res }) => h('li', { key: r.id, class: 'mqci-rec', 'data-testid': `record-${r.name}` },
    v.renaming === r.id
      ? h('div', { class: 'mqci-row' },
        h('input', { id: `${P}rn-${r.id}`, class: 'mqci-input', type: 'text', value: r.name, 'aria-label': t('recNewName', { name: r.name }) }),
        btn('renameDo', t('ok'), { 'data-id': r.id }), btn('renameCancel', t('cancel')))
      : h('p', { class: 'mqci-rec-h' }, h('strong', null, r.name), ' ',
        h('span', null, [finite(res?.index) ? f2(res.index) : '–', res?.band ? nameOf(res.band) : null].filter(Boolean).join(' · ')),
        date(r.savedAt) ? h('span', { class: 'mqci-hint' }, ` · ${t('recSavedOn', { date: date(r.savedAt) })}`) : null),
    h('div', { class: 'mqci-btns' },
      btn('recordOpen', t('recOpenBtn'), { 'data-id': r.id, 'aria-label': t('recOpenAria', { name: r.name }) }),
      btn('renameStart', t('recRenameBtn'), { 'data-id': r.id, 'aria-label': t('recRenameAria', { name: r.name }) }),
      btn('recordDelete', t('recDeleteBtn'), { 'data-id': r.id, 'aria-label': t('recDeleteAria', { name: r.name }) }))));
  return v.section('records', [
    h('div', { class: 'mqci-grid2' }, meta('company', t('company'), t('companyPh')), meta('year', t('dataYear'), t('dataYearPh'))),
    h('div', { class: 'mqci-field' },
      h('label', { for: `${P}rec-name` }, t('recName')),
      h('p', { class: 'mqci-hint', id: `${P}rec-name-d` }, t('recNameHint')),
      h('div', { class: 'mqci-row' },
        h('input', { id: `${P}rec-name`, class: 'mqci-input mqci-input--wide', type: 'text', autocomplete: 'off', 'aria-describedby': `${P}rec-name-d`, placeholder: S.year ? t('recDefault', { year: S.year }) : t('recPh') }),
        btn('recordSave', t('recSave')))),
    h(v.hl(2), { class: 'mqci-h2', id: `${P}rec-list-h` }, t('recList')),
    list.length ? h('ul', { class: 'mqci-recs', 'data-testid': 'records', 'aria-labelledby': `${P}rec-list-h` }, items) : h('p', { class: 'mqci-hint' }, t('recNone')),
    trend(v, list),
    h('div', { class: 'mqci-btns' },
      btn('recordsExport', t('recExport'), { disabled: !list.length }),
      btn('recordsImport', t('recImport')),
      h('input', { type: 'file', accept: '.json,application/json', hidden: true, 'data-act': 'recordsFile', 'aria-label': t('recImport') })),
    h('p', { class: 'mqci-hint' }, t('recLocal')),
  ]);
}

/** The index and the two secondary scores over the saved years: a line chart and its table. */
function trend(v, list) {
  const { t, nameOf, data: { M } } = v;
  const pts = list.filter((x) => finite(x.res?.index));
  if (pts.length < 2) return null;
  const series = [['index', t('indexLabel'), (r) => r.index], ...Object.entries(M.secondary).map(([sid, s]) => [sid, nameOf(s), (r) => r.secondary[sid]])];
  const W = 320;
  const H = 160;
  const x = (i) => 30 + (i * (W - 40)) / (pts.length - 1);
  const y = (s) => H - 20 - ((Math.max(60, Math.min(100, s)) - 60) / 40) * (H - 30);
  const svg = h('svg', { class: 'mqci-trend', viewBox: `0 0 ${W} ${H}`, 'aria-hidden': 'true', focusable: 'false' },
    [60, 70, 80, 90, 100].map((g) => [h('line', { x1: 30, x2: W - 10, y1: y(g), y2: y(g), class: 'mqci-grid' }), h('text', { x: 2, y: y(g) + 4, class: 'mqci-axis' }, String(g))]),
    pts.map((p, i) => h('text', { x: x(i), y: H - 4, 'text-anchor': 'middle', class: 'mqci-axis' }, p.r.name.slice(0, 10))),
    series.map(([id, , get], k) => h('g', { class: `mqci-s${k}` },
      h('polyline', { points: pts.map((p, i) => `${x(i)},${y(get(p.res) ?? 60)}`).join(' '), fill: 'none' }),
      pts.map((p, i) => h('circle', { cx: x(i), cy: y(get(p.res) ?? 60), r: 3 })))));
  return h('div', { class: 'mqci-trendbox', 'data-testid': 'trend' },
    h(v.hl(2), { class: 'mqci-h2' }, t('trendTitle')),
    svg,
    h('ul', { class: 'mqci-legend', 'aria-hidden': 'true' }, series.map(([id, name], k) => h('li', { key: id, class: `mqci-s${k}` }, name))),
    scroller(t('trendTitle'), h('table', { class: 'mqci-table' },
      h('caption', { class: 'mqci-vh' }, t('trendTitle')),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('recColName')), series.map(([id, name]) => h('th', { scope: 'col', class: 'mqci-num', key: id }, name)))),
      h('tbody', null, pts.map((p) => h('tr', { key: p.r.id }, h('th', { scope: 'row' }, p.r.name), series.map(([id, , get]) => h('td', { class: 'mqci-num', key: id }, finite(get(p.res)) ? f2(get(p.res)) : '–'))))))));
}
