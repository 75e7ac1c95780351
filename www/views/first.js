// What the first result needs: the widget's frame (title, preferences, examples and data
// buttons, notices) and the results card (index, band, state). The panels loaded after the
// first result fill the slots (the scale and chart among them: they show the names of bands
// and groups, which come with the full engine). A function of the view `v` (app.js).
import { h } from '../lib/dom.js';
import { f2, finite, filled } from '../lib/format.js';

const btn = (act, label, extra = {}) => h('button', { type: 'button', class: 'mqci-btn', 'data-act': act, ...extra }, label);

/** A card with its heading. */
export function section(v, name, kids) {
  const { P } = v;
  return h('section', { class: `mqci-card mqci-${name}`, 'aria-labelledby': `${P}${name}-h`, id: `${P}${name}` },
    h(v.hl(1), { id: `${P}${name}-h`, class: 'mqci-h', tabindex: '-1' }, v.t(name)), kids);
}

function notices(v, slots) {
  const { ui, t } = v;
  const out = [];
  if (ui.notice) out.push(h('p', { class: `mqci-notice${ui.notice.bad ? ' mqci-notice--bad' : ''}`, 'data-testid': 'notice' }, v.noticeText(ui.notice)));
  if (slots.saveError) out.push(slots.saveError);
  if (ui.setAside) {
    out.push(h('div', { class: 'mqci-notice mqci-notice--bad', role: 'alert', 'data-testid': 'set-aside' },
      h('p', null, v.setAsideText(ui.setAside)),
      h('div', { class: 'mqci-btns' },
        btn('exportBackup', t('exportBackup')),
        btn('dismissAside', t('dismiss')))));
  }
  return out;
}

function results(v, slots) {
  const { t, res, nameOf } = v;
  const M = v.data.M;
  const state = [];
  if (res && !finite(res.index)) {
    const n = 12 - res.missing.length;
    if (n === 0 && !Object.keys(filled(v.S.scores)).length) state.push(h('p', null, t('empty')));
    else {
      state.push(h('p', null, t('incomplete', { n })));
      if (res.range && finite(res.range.min) && finite(res.range.max)) state.push(h('p', null, t('range', { min: f2(res.range.min), max: f2(res.range.max) })));
      if (M && res.missing.length) state.push(h('p', { class: 'mqci-missing' }, t('missing', { list: res.missing.map((id) => nameOf(M.indicators[id] || {})).join(v.L.listSep) })));
    }
  }
  const index = res && finite(res.index) ? f2(res.index) : '–';
  // Example figures are marked as such wherever they appear (issue 9).
  const exampleShown = (v.S.exampleFields || []).some((f) => !f.startsWith('actuals.'));
  return section(v, 'results', [
    h('div', { class: 'mqci-hero' },
      h('div', null, h('span', { class: 'mqci-label' }, t('indexLabel')), h('span', { class: `mqci-index${index === '–' ? ' mqci-index--none' : ''}`, 'data-testid': 'index' }, index)),
      h('div', null, h('span', { class: 'mqci-label' }, t('bandLabel')), h('span', { class: 'mqci-band', 'data-testid': 'band', 'data-band': res?.band?.id || '' }, res?.band ? nameOf(res.band) : '–'))),
    exampleShown ? h('p', { class: 'mqci-extag', 'data-testid': 'example-tag' }, h('span', { class: 'mqci-tag mqci-tag--ex' }, t('exTag')), ' ', t('exResult')) : null,
    h('div', { class: 'mqci-state', 'data-testid': 'state' }, state),
    slots.scale || [h('div', { class: 'mqci-scale mqci-scale--wait', 'aria-hidden': 'true' }), h('p', { class: 'mqci-scaletext' })],
    h('div', { class: 'mqci-warns' }, slots.warnings),
    h(v.hl(2), { class: 'mqci-h2' }, t('chart')),
    h('div', { class: `mqci-chart${slots.chart ? '' : ' mqci-chart--wait'}`, 'aria-hidden': 'true' }, slots.chart),
    h('p', { class: 'mqci-hint mqci-chartnote' }, t('chartNote')),
    h('div', null, slots.tables),
  ]);
}

/** The whole widget; `slots`: what the panels loaded after the first result add. */
export function frame(v, slots) {
  const { P, t, L, show, examples } = v; // examples: the ids of the example buttons shown
  return [
    show.has('results') ? h('a', { class: 'mqci-skip', href: `#${P}results`, 'data-act': 'skip' }, t('skip')) : null,
    h('header', { class: 'mqci-head' },
      v.opts.title !== false && h('div', { class: 'mqci-titles' }, h(`h${v.headingLevel}`, { class: 'mqci-title' }, t('title')), h('p', { class: 'mqci-sub' }, t('sub'))),
      h('div', { class: 'mqci-prefs' },
        v.opts.langSwitch !== false && btn('lang', h('span', { lang: L.otherLangCode }, L.otherLang), { id: `${P}lang` }),
        btn('large', t('large'), { id: `${P}large`, 'aria-pressed': String(v.prefs.large) }))),
    h('p', { class: 'mqci-disclaimer' }, h('strong', null, t('disclaimerLead')), t(show.has('method') ? 'disclaimerShort' : 'disclaimer')),
    h('div', { class: 'mqci-bar' },
      examples.length ? h('div', { class: 'mqci-btns', role: 'group', 'aria-labelledby': `${P}ex-l` },
        h('span', { id: `${P}ex-l`, class: 'mqci-label' }, t('examples')),
        examples.map((id) => btn('example', L.ex[id], { 'data-id': id, key: id }))) : null,
      h('div', { class: 'mqci-btns', role: 'group', 'aria-label': t('actions') },
        btn('export', t('export')), btn('import', t('import')), v.opts.share !== false && btn('share', t('share')),
        btn('print', t('print')), btn('clear', t('clear')),
        h('input', { type: 'file', accept: '.json,application/json', hidden: true, 'data-act': 'importFile', 'aria-label': t('import') }))),
    slots.report,
    slots.share,
    h('div', { class: 'mqci-noticebox' }, notices(v, slots)),
    slots.errors,
    h('div', { class: 'mqci-main' },
      show.has('inputs') ? section(v, 'inputs', [h('p', { class: 'mqci-hint' }, t('inputsHint')), slots.annual, slots.inputs]) : null,
      show.has('results') ? results(v, slots) : null),
    h('div', null, slots.improve, slots.records, slots.targets, slots.method),
    h('p', { class: 'mqci-meta', 'data-testid': 'report-meta' }, slots.meta),
    slots.dialog,
  ];
}
