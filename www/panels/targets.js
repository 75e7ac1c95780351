// Loaded after the first result: the target check (a plan's quality targets against actual
// figures, the computed index included) and its progress on the plan's path (序时进度, issue
// 10): the review year, each actual's data year, baselines where the plan states none, earlier
// years, the pace per target in words and icon, and a small chart per metric. A function of the
// view `v` (app.js).
import { h } from '../lib/dom.js';
import { fmt, f2, fv, finite } from '../lib/format.js';
import { dash, field, head, scroller, unitOf, unitText, withAddresses } from '../lib/ui.js';
import { asOfOf, baselinesOf, chart, expired, latestFigures, paceCell, paceCounts, readSeries } from '../lib/progress.js';

const ICONS = { met: 'M3 8.5l3.2 3.2L13 4.8', not_met: 'M4 4l8 8M12 4l-8 8', no_data: 'M4 8h8', qualitative: 'M8 3l5 5-5 5-5-5z' };
const icon = (status) => h('svg', { viewBox: '0 0 16 16', 'aria-hidden': 'true', class: 'mqci-icon' }, h('path', { d: ICONS[status] }));

/**
 * Metrics an enterprise can have itself (the default full page): its index, and its product
 * spot-check pass rate, which is held against a city's 工业产品质量合格率 target for reference.
 */
export const ENTERPRISE_METRICS = ['mqci', 'industrial_product_pass_rate'];

/** The profiles as the selector lists them: shipped ones, then a host's own (profile-src). */
const profileName = (v, p, asOf) => (expired(p, asOf) ? v.t('expiredName', { name: v.nameOf(p) }) : v.nameOf(p));

/** A source as written, its web addresses and repository paths (docs/sources/…) marked verbatim. */
const sourceText = (text) => String(text ?? '').split(/(\bdocs\/[^\s,;)）]*)/).map((part, i) => (i % 2 ? h('span', { translate: false }, part) : withAddresses(part)));

export function targets(v) {
  const { S, P, t, nameOf, res, data: { PROFILES, METRICS } } = v;
  const profile = PROFILES.find((p) => p.id === S.profile) || PROFILES[0];
  const enterprise = v.show.has('inputs'); // the default full page: an enterprise's view
  const keep = (id) => !enterprise || ENTERPRISE_METRICS.includes(id);
  const asOf = asOfOf(S);
  const inProfile = [...new Set(['mqci', ...profile.targets.map((x) => x.metric)])];
  const metric = (id) => METRICS.find((m) => m.id === id) || profile.targets.find((x) => x.metric === id) || { id, zh: id, en: id, unit: 'percent' };
  const hasIndex = res && finite(res.index);
  const years = [];
  const start = Math.min(profile.period?.start ?? asOf, asOf) - 1;
  for (let y = Math.max(start - 3, 1990); y <= Math.max(profile.period?.end ?? asOf, asOf); y += 1) years.push(y);
  const yearSelect = (id, label, path, value, blank) => h('select', { id, class: 'mqci-select mqci-year', 'aria-label': label, 'data-k': 'plan', 'data-f': path },
    blank ? h('option', { value: '', selected: !value }, blank) : null,
    years.map((y) => h('option', { key: y, value: String(y), selected: String(y) === String(value) }, String(y))));
  const actualField = (id, i, all, withYear = true) => {
    const m = metric(id);
    const spot = res?.indicators?.spot_check_pass_rate?.value;
    const extra = id === 'mqci'
      ? { hint: v.show.has('results') ? t(hasIndex ? 'mqciHint' : 'mqciHintNone', { v: hasIndex ? f2(res.index) : '' }) : t('mqciTyped'), placeholder: hasIndex ? f2(res.index) : ' ' }
      : enterprise && id === 'industrial_product_pass_rate' ? { hint: t(finite(spot) ? 'ownPassRateHint' : 'ownPassRateNone', { v: finite(spot) ? fv(spot) : '' }), placeholder: finite(spot) ? fv(spot) : ' ' } : {};
    const after = withYear && yearSelect(`${P}y-${id}`, t('dataYearOf', { name: nameOf(m) }), `years.${id}`, S.plan.years[id], t('sameAsOf', { year: asOf }));
    return field(v, `${P}a-${id}`, nameOf(m), { k: 'actuals', key: id, value: S.actuals[id], unit: m.unit === 'count' ? '' : unitOf(v, m.unit), after, ...extra });
  };
  const others = METRICS.map((m) => m.id).filter((id) => !inProfile.includes(id));
  const tc = v.targets;
  const results = (tc?.results || []).filter((r) => keep(r.metric));
  const figure = (x, unit) => (!finite(x) ? dash(v) : `${fv(x)}${unit === '%' ? '%' : unitText(v, unit) ? ` ${unitText(v, unit)}` : ''}`);
  // A figure in a catalogue unit ("percent", "points", "count"…).
  const catalogFigure = (x, unit) => `${fv(x)}${unit === 'percent' ? '%' : unit === 'count' || !v.L[`unit_${unit}`] ? '' : ` ${unitOf(v, unit)}`}`;
  const num = (x, signed) => (finite(x) ? fmt(x, 0, 2, signed) : dash(v));
  const endYear = profile.period?.end ?? profile.year;
  const seriesOf = (id) => readSeries(S.plan.series[id]).points;
  const noteOf = (id) => profile.targets.find((x) => x.metric === id)?.note || '';
  const rows = results.map((r) => h('tr', { key: r.metric, 'data-metric': r.metric, 'data-pace': r.pace ?? null },
    h('th', { scope: 'row' }, nameOf(r), enterprise && r.metric === 'industrial_product_pass_rate' ? h('span', { class: 'mqci-ref' }, ' ', t('cityTargetRef')) : null),
    h('td', { class: 'mqci-num' }, r.op === 'qualitative' ? dash(v) : [`${r.op === '<=' ? '≤' : r.op === '=' ? '=' : '≥'} `, figure(r.endValue ?? r.target, r.unit)]),
    h('td', { class: 'mqci-num' }, figure(r.actual, r.unit), finite(r.actual) && finite(r.year) ? h('span', { class: 'mqci-year-of' }, t('yearOf', { year: r.year })) : null),
    h('td', { class: 'mqci-num', 'data-col': 'expected' }, num(r.expected)),
    h('td', { class: `mqci-num${r.gapToPath < 0 ? ' mqci-short' : ''}`, 'data-col': 'gapToPath' }, num(r.gapToPath, true)),
    h('td', { class: `mqci-num${r.gap < 0 ? ' mqci-short' : ''}`, 'data-col': 'gap', 'data-gap-to-target': finite(r.gapToTarget) ? String(r.gapToTarget) : null }, finite(r.gap) ? fmt(r.gap, 2, 2, true) : dash(v)),
    h('td', { class: 'mqci-num', 'data-col': 'requiredAnnual' }, num(r.requiredAnnual)),
    h('td', { class: `mqci-status mqci-pace--${r.pace}`, 'data-pace': r.pace ?? null }, r.pace ? paceCell(v, r.pace) : dash(v)),
    h('td', { class: `mqci-status mqci-status--${r.status}`, 'data-status': r.status }, icon(r.status), ' ', t(`st_${r.status}`)),
    // Whether the wording is the plan's own (issue 10 point 3): the target's note in the data file.
    h('td', { class: 'mqci-wording', lang: 'zh-CN' }, r.wording, noteOf(r.metric) ? h('span', { class: 'mqci-wnote', 'data-testid': 'wording-note' }, noteOf(r.metric)) : null)));
  const paces = paceCounts(results);
  const { bad: badBase } = baselinesOf(S, profile);
  // Baselines the plan does not state, and earlier years, per target metric.
  const setupRows = profile.targets.filter((x) => x.kind !== 'qualitative' && x.op !== 'qualitative' && keep(x.metric)).map((x) => {
    const name = nameOf(metric(x.metric));
    const b = S.plan.baselines[x.metric] || {};
    const base = x.baseline
      ? h('td', { colspan: 2 }, t('baseFromPlan', { year: x.baseline.year, v: fv(x.baseline.value) }))
      : x.kind === 'count'
        ? h('td', { colspan: 2 }, t('baseCount', { year: (profile.period?.start ?? endYear) - 1 }))
        : [
          h('td', null, h('input', { id: `${P}by-${x.metric}`, class: 'mqci-input mqci-input--year', inputmode: 'numeric', autocomplete: 'off', 'aria-label': t('baseYearOf', { name }), 'data-k': 'plan', 'data-f': `baselines.${x.metric}.year`, value: b.year ?? '', 'aria-invalid': badBase.includes(x.metric) ? 'true' : null, 'aria-describedby': badBase.includes(x.metric) ? `${P}be-${x.metric}` : null })),
          h('td', null, h('input', { id: `${P}bv-${x.metric}`, class: 'mqci-input mqci-input--num', inputmode: 'decimal', autocomplete: 'off', 'aria-label': t('baseValueOf', { name }), 'data-k': 'plan', 'data-f': `baselines.${x.metric}.value`, value: b.value ?? '', 'aria-invalid': badBase.includes(x.metric) ? 'true' : null }),
            badBase.includes(x.metric) ? h('p', { class: 'mqci-err', id: `${P}be-${x.metric}` }, t('badBase')) : null),
        ];
    return h('tr', { key: x.metric },
      h('th', { scope: 'row' }, name),
      base,
      h('td', null, h('textarea', { id: `${P}ser-${x.metric}`, class: 'mqci-input mqci-series', rows: 2, 'aria-label': t('seriesOf', { name }), 'data-k': 'plan', 'data-f': `series.${x.metric}`, value: S.plan.series[x.metric] ?? '', placeholder: '2024 85.86' })));
  });
  const charts = results.map((r) => chart(v, r, seriesOf(r.metric), endYear)).filter(Boolean);
  const isExpired = expired(profile, asOf);
  const latest = isExpired ? latestFigures(v.data.m, profile.region).filter((f) => keep(f.metric)) : [];
  return v.section('targets', [
    h('div', { class: 'mqci-grid2' },
      h('div', { class: 'mqci-field' },
        h('label', { for: `${P}profile` }, t('profile')),
        h('select', { id: `${P}profile`, class: 'mqci-select', 'data-act': 'profile' },
          PROFILES.map((p) => h('option', { key: p.id, value: p.id, selected: p.id === S.profile }, profileName(v, p, asOf))))),
      h('div', { class: 'mqci-field' },
        h('label', { for: `${P}asof` }, t('asOf')),
        h('p', { class: 'mqci-hint', id: `${P}asof-d` }, t('asOfHint')),
        h('select', { id: `${P}asof`, class: 'mqci-select', 'data-k': 'plan', 'data-f': 'asOf', 'aria-describedby': `${P}asof-d` },
          years.map((y) => h('option', { key: y, value: String(y), selected: y === asOf }, String(y)))))),
    v.profileErrors ? h('div', { class: 'mqci-notice mqci-notice--bad', role: 'alert', 'data-testid': 'profile-errors' },
      h('p', null, t('profileRefused')),
      h('ul', null, v.profileErrors.map((e, i) => h('li', { key: i }, h('code', { translate: 'no' }, e.field), v.L.colon, v.errText(e))))) : null,
    h('p', { class: 'mqci-src' }, v.tNodes('source', { v: sourceText(profile.source || profile.document) }),
      profile.status && profile.status !== '正式' ? [' ', h('strong', null, t('draft'))] : null),
    isExpired ? h('div', { class: 'mqci-notice mqci-expired', 'data-testid': 'expired' },
      h('p', null, h('strong', null, t('expired')), ' ', t('expiredNote', { year: profile.period.end })),
      latest.length ? h('ul', null, latest.map((f) => h('li', { key: f.metric, 'data-metric': f.metric },
        t('latestFigure', { name: nameOf(metric(f.metric)), v: catalogFigure(f.value, metric(f.metric).unit), year: f.dataYear ?? t('yearUnknown'), date: f.published ?? t('dateUnknown') })))) : h('p', null, t('noLatest'))) : null,
    enterprise ? h('p', { class: 'mqci-hint' }, t('enterpriseNote')) : null,
    h('div', { class: 'mqci-grid2', key: `in-${profile.id}` }, inProfile.map(actualField)),
    others.length ? h('details', { class: 'mqci-other', 'data-open': 'other', open: v.isOpen('other', others.some((id) => S.actuals[id])) },
      h('summary', null, t('otherMetrics')),
      h('div', { class: 'mqci-grid2', key: `out-${profile.id}` }, others.map((id) => actualField(id, 0, null, false)))) : null,
    setupRows.length ? h('details', { class: 'mqci-plansetup', 'data-open': 'plansetup', open: v.isOpen('plansetup', badBase.length > 0) },
      h('summary', null, t('progressSetup')),
      h('p', { class: 'mqci-hint' }, t('progressSetupHint')),
      scroller(t('progressSetup'), h('table', { class: 'mqci-table mqci-setup', 'data-testid': 'plan-setup' },
        head(v, ['colMetric', '#colBaseYear', '#colBaseValue', 'colSeries']),
        h('tbody', null, setupRows)))) : null,
    scroller(nameOf(profile), h('table', { class: 'mqci-table mqci-ttable', 'data-testid': 'target-table' },
      h('caption', null, t('tableOf', { name: nameOf(profile), year: asOf })),
      head(v, ['colMetric', '#colTarget', '#colActual', '#colExpected', '#colToPath', '#colToTarget', '#colPerYear', 'colPace', 'colEndStatus', 'colWording']),
      h('tbody', null, rows))),
    h('p', { class: 'mqci-tsum', 'data-testid': 'target-summary' }, tc ? t('paceSummary', paces) : ''),
    h('p', { class: 'mqci-hint' }, t('gapNote'), ' ', t('paceNote')),
    charts.length ? h('div', { class: 'mqci-pcharts', 'data-testid': 'progress-charts' }, charts) : null,
  ]);
}
