// Loaded after the first result (issue 9): the report for the boss, shown only in print
// (enterprise.css): company and data year, score and band first, the 8 sub-scores with bars, the
// figures given, the three weakest indicators with the improvement plan, benchmarks (when the
// engine has them), method version, a one-line disclaimer and the date. At most 2 A4 pages.
import { h } from '../lib/dom.js';
import { f2, fmt, finite } from '../lib/format.js';
import { unitOf } from '../lib/ui.js';
import { num, planText } from '../lib/years.js';
import { benchFor } from '../lib/bench.js';
import { radar } from '../lib/radar.js';

export function report(v) {
  const { S, t, nameOf, res, data: { M } } = v;
  if (!res || !M) return null;
  const d = new Date();
  const mon = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][d.getMonth()];
  const date = t('reportDate', { y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate(), mon });
  const example = (S.exampleFields || []).some((f) => !f.startsWith('actuals.'));
  const bars = [];
  for (const [sid, s] of Object.entries(M.secondary)) {
    bars.push([sid, s, 'secondary', res.secondary[sid]]);
    for (const [tid, n] of Object.entries(M.tertiary)) if (n.parent === sid) bars.push([tid, n, 'tertiary', res.tertiary[tid]]);
  }
  const ids = Object.keys(M.indicators);
  const weakest = ids.filter((id) => finite(res.indicators[id]?.score) && res.indicators[id].source === 'value')
    .sort((a, b) => res.indicators[a].score - res.indicators[b].score).slice(0, 3);
  const valueOf = (id) => {
    const r = res.indicators[id];
    if (r?.source === 'not_applicable') return t('naShort');
    return finite(r?.value) ? `${num(r.value)} ${unitOf(v, M.indicators[id].unit)}` : '–';
  };
  const annual = v.data.ANNUAL && Object.entries(S.annual || {}).filter(([, x]) => String(x).trim() !== '');
  const bench = benchLines(v);
  // Hidden on screen (also before enterprise.css has loaded); enterprise.css shows it in print.
  return h('article', { class: 'mqci-report', 'data-testid': 'report', style: { display: 'none' } },
    h('h2', { class: 'mqci-r-title' }, t('reportTitle')),
    h('p', { class: 'mqci-r-who' }, [S.company || t('reportNoCompany'), S.year ? t('reportYear', { year: S.year }) : null].filter(Boolean).join(' · ')),
    h('p', { class: 'mqci-r-score' },
      h('span', null, t('indexLabel'), ' '), h('strong', null, finite(res.index) ? f2(res.index) : res.range ? t('miniRange', { min: f2(res.range.min), max: f2(res.range.max) }) : '–'),
      res.band ? [' · ', h('strong', null, nameOf(res.band))] : null,
      example ? [' ', h('span', { class: 'mqci-tag mqci-tag--ex' }, t('exTag'))] : null),
    res.band ? h('p', null, t(`bm_${res.band.id}`)) : null,
    (res.notApplicable || []).length ? h('p', null, t('reportNa', { n: 12 - res.notApplicable.length, list: res.notApplicable.map((id) => nameOf(M.indicators[id])).join(v.L.listSep) })) : null,
    h('h3', null, t('chart')),
    // The 8 sub-scores with bars, and beside them the radar of the 6 tertiary scores (when any).
    h('div', { class: 'mqci-r-charts' },
      h('table', { class: 'mqci-r-bars' }, h('tbody', null, bars.map(([id, n, level, score]) => h('tr', { key: id, class: `mqci-tr--${level}` },
        h('th', { scope: 'row' }, nameOf(n)),
        h('td', { class: 'mqci-num' }, finite(score) ? f2(score) : '–'),
        h('td', { class: 'mqci-r-track' }, h('span', { class: 'mqci-fill', style: { width: `${finite(score) ? Math.max(0, Math.min(100, ((score - 60) / 40) * 100)) : 0}%` } })))))),
      Object.keys(M.tertiary).some((id) => finite(res.tertiary?.[id])) ? radar(v, { class: 'mqci-radar mqci-r-radar', 'data-testid': 'report-radar' }) : null),
    h('h3', null, t('reportWeakest')),
    weakest.length ? h('ol', null, weakest.map((id) => h('li', { key: id }, t('reportWeak', { name: nameOf(M.indicators[id]), value: valueOf(id), score: f2(res.indicators[id].score) })))) : h('p', null, '–'),
    (v.improve?.plans || []).map((p) => h('p', { key: p.kind }, planText(v, p))),
    h('h3', null, t('reportFigures')),
    h('table', { class: 'mqci-r-fig' }, h('tbody', null,
      annual?.length ? annual.map(([k, x]) => {
        const f = v.data.ANNUAL.find((a) => a.key === k);
        return f ? h('tr', { key: k }, h('th', { scope: 'row' }, nameOf(f)), h('td', null, String(x).slice(0, 40), f.unit === 'wan_yuan' && /^[\d.,\s]+$/.test(String(x)) ? ' 万元' : '')) : null;
      }) : null,
      ids.map((id) => h('tr', { key: id }, h('th', { scope: 'row' }, nameOf(M.indicators[id])), h('td', null, valueOf(id), finite(res.indicators[id]?.score) ? t('reportScore', { v: f2(res.indicators[id].score) }) : ''))))),
    bench.length ? [h('h3', null, t('reportBench')), h('ul', null, bench.map((x, i) => h('li', { key: i }, x))), h('p', null, t('benchCaveat'))] : null,
    h('p', { class: 'mqci-r-foot' }, v.tNodes('reportFoot', { id: h('span', { translate: false }, M.id), version: h('span', { translate: false }, M.version), date }), ' ', t('reportDisclaimer')));
}

/** Benchmark lines, the same choice as the on-screen panel (lib/bench.js): "全国…（2024 年数据）：85.86". */
function benchLines(v) {
  const B = benchFor(v);
  if (!B) return [];
  const { t, lang } = v;
  const yearText = (f) => (finite(f.dataYear) ? t(/inferen/i.test(f.note || '') ? 'benchYearInferred' : 'benchYear', { year: f.dataYear }) : t('benchYearUnknown'));
  const metricName = (id) => v.nameOf(v.data.METRICS?.find((m) => m.id === id)) || id;
  return B.items.map((x) => {
    // Region names are data in Chinese: marked as such on the English page.
    const region = lang === 'en' ? h('span', { lang: 'zh-CN' }, x.region) : x.region;
    const name = x.key === 'national' ? t('benchNational') : x.key === 'pass-rate' ? t('benchPassRate') : v.tNodes('benchRegion', { region, metric: metricName(x.metric) });
    const value = x.metric === 'mqci' ? f2(x.f.value) : `${fmt(x.f.value, 0, 2)}%`;
    return v.tNodes('benchReportLine', { name, year: yearText(x.f), value });
  });
}
