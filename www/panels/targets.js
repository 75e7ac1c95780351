// Loaded after the first result: the target check (a plan's quality targets against actual
// figures, the computed index included). `w` is the widget instance that app.js passes in.
import { h, fmt, f2, fv } from '../app.js';
import { dash, head, scroller } from './tables.js';
import { field, unitOf, unitText } from './inputs.js';

const SVGNS = 'http://www.w3.org/2000/svg';
const ICONS = { met: 'M3 8.5l3.2 3.2L13 4.8', not_met: 'M4 4l8 8M12 4l-8 8', no_data: 'M4 8h8', qualitative: 'M8 3l5 5-5 5-5-5z' };

function icon(status) {
  const svg = document.createElementNS(SVGNS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'mqci-icon');
  const path = document.createElementNS(SVGNS, 'path');
  path.setAttribute('d', ICONS[status]);
  svg.append(path);
  return svg;
}

export function build(w) {
  const { S, P, t, el, nameOf } = w;
  const profile = w.PROFILES.find((p) => p.id === S.profile);
  const inProfile = [...new Set(['mqci', ...profile.targets.map((x) => x.metric)])];
  const metric = (id) => w.METRICS.find((m) => m.id === id) || { id, zh: id, en: id, unit: 'percent' };
  const actualField = (id) => {
    const m = metric(id);
    const extra = id === 'mqci' ? { hint: w.show.has('results') ? ' ' : t('mqciTyped') } : {};
    return field(w, `${P}a-${id}`, nameOf(m), { k: 'actuals', key: id, value: S.actuals[id], unit: m.unit === 'count' ? '' : unitOf(w, m.unit), ...extra });
  };
  const others = w.METRICS.map((m) => m.id).filter((id) => !inProfile.includes(id));
  el.targetBody = h('tbody');
  el.targetSummary = h('p', { class: 'mqci-tsum', 'data-testid': 'target-summary' });
  return w.section('targets', [
    h('div', { class: 'mqci-field' },
      h('label', { for: `${P}profile` }, t('profile')),
      h('select', { id: `${P}profile`, class: 'mqci-select', 'data-act': 'profile' },
        w.PROFILES.map((p) => h('option', { value: p.id, selected: p.id === S.profile }, nameOf(p))))),
    h('p', { class: 'mqci-src' }, t('source', { v: profile.source || profile.document })),
    h('div', { class: 'mqci-grid2' }, inProfile.map(actualField)),
    h('details', { class: 'mqci-other', open: others.some((id) => S.actuals[id]) },
      h('summary', null, t('otherMetrics')),
      h('div', { class: 'mqci-grid2' }, others.map(actualField))),
    scroller(nameOf(profile), h('table', { class: 'mqci-table mqci-ttable', 'data-testid': 'target-table' },
      h('caption', null, nameOf(profile)),
      head(w, ['colMetric', '#colTarget', '#colActual', '#colGap', 'colStatus', 'colWording']),
      el.targetBody)),
    el.targetSummary,
    h('p', { class: 'mqci-hint' }, t('gapNote')),
  ]);
}

export function paint(w, tc, res) {
  const { t, el } = w;
  const none = () => dash(w);
  const figure = (v, unit) => (v == null ? none() : `${fv(v)}${unit === '%' ? '%' : unitText(w, unit) ? ` ${unitText(w, unit)}` : ''}`);
  el.targetBody.replaceChildren(...tc.results.map((r) => h('tr', { 'data-metric': r.metric },
    h('th', { scope: 'row' }, w.nameOf(r)),
    h('td', { class: 'mqci-num' }, r.op === 'qualitative' ? none() : `${r.op === '<=' ? '≤' : r.op === '=' ? '=' : '≥'} ${figure(r.target, r.unit)}`),
    h('td', { class: 'mqci-num' }, figure(r.actual, r.unit)),
    h('td', { class: `mqci-num${r.gap < 0 ? ' mqci-short' : ''}` }, r.gap == null ? none() : fmt(r.gap, 2, 2, true)),
    h('td', { class: `mqci-status mqci-status--${r.status}`, 'data-status': r.status }, icon(r.status), ' ', t(`st_${r.status}`)),
    h('td', { class: 'mqci-wording', lang: 'zh-CN' }, r.wording))));
  el.targetSummary.textContent = t('summary', tc.summary);
  const id = `#${CSS.escape(`${w.P}a-mqci`)}`;
  const hint = w.box.querySelector(`${id}-d`);
  if (hint) hint.textContent = res?.index != null ? t('mqciHint', { v: f2(res.index) }) : t('mqciHintNone');
  const input = w.box.querySelector(id);
  if (input) input.placeholder = res?.index != null ? f2(res.index) : ' ';
}
