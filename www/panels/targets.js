// Loaded after the first result: the target check (a plan's quality targets against actual
// figures, the computed index included). A function of the view `v` (app.js).
import { h } from '../lib/dom.js';
import { fmt, f2, fv, finite } from '../lib/format.js';
import { dash, field, head, scroller, unitOf, unitText, withAddresses } from '../lib/ui.js';

const ICONS = { met: 'M3 8.5l3.2 3.2L13 4.8', not_met: 'M4 4l8 8M12 4l-8 8', no_data: 'M4 8h8', qualitative: 'M8 3l5 5-5 5-5-5z' };
const icon = (status) => h('svg', { viewBox: '0 0 16 16', 'aria-hidden': 'true', class: 'mqci-icon' }, h('path', { d: ICONS[status] }));

export function targets(v) {
  const { S, P, t, nameOf, res, data: { PROFILES, METRICS } } = v;
  const profile = PROFILES.find((p) => p.id === S.profile) || PROFILES[0];
  const inProfile = [...new Set(['mqci', ...profile.targets.map((x) => x.metric)])];
  const metric = (id) => METRICS.find((m) => m.id === id) || { id, zh: id, en: id, unit: 'percent' };
  const hasIndex = res && finite(res.index);
  const actualField = (id) => {
    const m = metric(id);
    const extra = id === 'mqci'
      ? { hint: v.show.has('results') ? t(hasIndex ? 'mqciHint' : 'mqciHintNone', { v: hasIndex ? f2(res.index) : '' }) : t('mqciTyped'), placeholder: hasIndex ? f2(res.index) : ' ' }
      : {};
    return field(v, `${P}a-${id}`, nameOf(m), { k: 'actuals', key: id, value: S.actuals[id], unit: m.unit === 'count' ? '' : unitOf(v, m.unit), ...extra });
  };
  const others = METRICS.map((m) => m.id).filter((id) => !inProfile.includes(id));
  const tc = v.targets;
  const figure = (x, unit) => (!finite(x) ? dash(v) : `${fv(x)}${unit === '%' ? '%' : unitText(v, unit) ? ` ${unitText(v, unit)}` : ''}`);
  const rows = (tc?.results || []).map((r) => h('tr', { key: r.metric, 'data-metric': r.metric },
    h('th', { scope: 'row' }, nameOf(r)),
    h('td', { class: 'mqci-num' }, r.op === 'qualitative' ? dash(v) : [`${r.op === '<=' ? '≤' : r.op === '=' ? '=' : '≥'} `, figure(r.target, r.unit)]),
    h('td', { class: 'mqci-num' }, figure(r.actual, r.unit)),
    h('td', { class: `mqci-num${r.gap < 0 ? ' mqci-short' : ''}` }, finite(r.gap) ? fmt(r.gap, 2, 2, true) : dash(v)),
    h('td', { class: `mqci-status mqci-status--${r.status}`, 'data-status': r.status }, icon(r.status), ' ', t(`st_${r.status}`)),
    h('td', { class: 'mqci-wording', lang: 'zh-CN' }, r.wording)));
  return v.section('targets', [
    h('div', { class: 'mqci-field' },
      h('label', { for: `${P}profile` }, t('profile')),
      h('select', { id: `${P}profile`, class: 'mqci-select', 'data-act': 'profile' },
        PROFILES.map((p) => h('option', { key: p.id, value: p.id, selected: p.id === S.profile }, nameOf(p))))),
    h('p', { class: 'mqci-src' }, v.tNodes('source', { v: withAddresses(profile.source || profile.document) })),
    h('div', { class: 'mqci-grid2', key: `in-${profile.id}` }, inProfile.map(actualField)),
    h('details', { class: 'mqci-other', 'data-open': 'other', open: v.isOpen('other', others.some((id) => S.actuals[id])) },
      h('summary', null, t('otherMetrics')),
      h('div', { class: 'mqci-grid2', key: `out-${profile.id}` }, others.map(actualField))),
    scroller(nameOf(profile), h('table', { class: 'mqci-table mqci-ttable', 'data-testid': 'target-table' },
      h('caption', null, nameOf(profile)),
      head(v, ['colMetric', '#colTarget', '#colActual', '#colGap', 'colStatus', 'colWording']),
      h('tbody', null, rows))),
    h('p', { class: 'mqci-tsum', 'data-testid': 'target-summary' }, tc ? t('summary', tc.summary) : ''),
    h('p', { class: 'mqci-hint' }, t('gapNote')),
  ]);
}
