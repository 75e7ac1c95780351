// Loaded after the first result (issue 9 point 5): how the self-assessed index compares with the
// published benchmarks of the engine's benchmarks() (data/figures.json, docs/methodology.md §5,
// §9): the latest national index and its series, the region of the chosen target profile where a
// figure is published, the published industries, and the national 制造业产品质量合格率 beside the
// visitor's 产品监督抽查合格率. Every benchmark carries its data year; its publication date,
// document status and source are in a details line. A self-assessment is not the official index,
// and the panel says so first. A function of the view `v` (app.js).
import { h } from '../lib/dom.js';
import { f2, fmt, finite } from '../lib/format.js';
import { fold, withAddresses } from '../lib/ui.js';
import { benchFor, diff } from '../lib/bench.js';

/** A source as written: repository paths (docs/…) and web addresses are marked verbatim. */
const sourceText = (text) => String(text ?? '').split(/(\bdocs\/[^\s,;)）]*)/).map((part, i) => (i % 2 ? h('span', { translate: false }, part) : withAddresses(part)));

export function bench(v) {
  const { S, t, lang, nameOf, data: { BENCH, METRICS, M } } = v;
  const B = benchFor(v);
  if (!B || !M) return null;
  const { index } = B;
  // Names that are data in Chinese (regions, industries) are marked so on the English page.
  const zh = (s) => (lang === 'en' && /[\u3400-\u9fff]/.test(s) ? h('span', { lang: 'zh-CN' }, s) : s);
  const metricName = (id) => nameOf(METRICS?.find((m) => m.id === id)) || id;
  const example = (S.exampleFields || []).some((f) => !f.startsWith('actuals.'));
  const exTag = example ? [' ', h('span', { class: 'mqci-tag mqci-tag--ex' }, t('exTag'))] : null;
  const pct = (x) => `${fmt(x, 0, 2)}%`;
  const shown = (f) => (f.metric === 'mqci' ? f2(f.value) : pct(f.value));

  /** The figure's data year in words, "(inferred)" where its note says the year is an inference. */
  const yearText = (f) => (finite(f.dataYear)
    ? t(/inferen/i.test(f.note || '') ? 'benchYearInferred' : 'benchYear', { year: f.dataYear })
    : t('benchYearUnknown'));
  const details = (f) => h('p', { class: 'mqci-hint mqci-bn-src' },
    t('benchMeta', { date: f.published ?? t('dateUnknown'), status: v.L.benchStatus?.[f.status] ?? f.status }),
    f.derived ? [' ', t('benchDerived')] : null, ' · ',
    // Sources are named in Chinese (data/figures.json): marked so on the English page.
    v.tNodes('source', { v: lang === 'en' ? h('span', { lang: 'zh-CN' }, sourceText(f.source)) : sourceText(f.source) }));
  /** The visitor's value beside a benchmark: "您的自评 80.99，比它低 4.87 分". */
  const versus = (mine, f, label) => {
    if (!finite(mine)) return h('p', { class: 'mqci-bn-vs' }, t(f.metric === 'mqci' ? 'benchNoIndex' : 'benchNoSpot'));
    const d = diff(mine, f);
    const unit = f.metric === 'mqci' ? t('benchPoints') : t('benchPct');
    const key = d > 0 ? 'benchAbove' : d < 0 ? 'benchBelow' : 'benchEqual';
    return h('p', { class: 'mqci-bn-vs', 'data-testid': 'bench-diff' }, t(key, { label, mine: f.metric === 'mqci' ? f2(mine) : pct(mine), d: fmt(Math.abs(d), 2, 2), unit }), exTag);
  };
  const item = (key, name, f, mine, label) => h('li', { key, class: 'mqci-bn', 'data-testid': `bench-${key}`, 'data-value': String(f.value), 'data-year': f.dataYear ?? '' },
    h('p', { class: 'mqci-bn-h' }, h('span', { class: 'mqci-bn-n' }, name), ' ', h('strong', { class: 'mqci-bn-v' }, shown(f))),
    h('p', { class: 'mqci-bn-y' }, yearText(f)),
    versus(mine, f, label),
    details(f));

  const items = B.items.map((x) => item(x.key,
    x.key === 'national' ? t('benchNational') : x.key === 'pass-rate' ? t('benchPassRate') : v.tNodes('benchRegion', { region: zh(x.region), metric: metricName(x.metric) }),
    x.f, x.mine, x.metric === 'mqci' ? t('benchMine') : t('benchMineSpot')));
  const regionNone = B.regionNone ? h('p', { class: 'mqci-hint', 'data-testid': 'bench-region-none' }, v.tNodes('benchRegionNone', { region: zh(B.region) })) : null;
  const rate = B.items.some((x) => x.key === 'pass-rate');
  const series = BENCH.nationalIndex.filter((f) => finite(f.dataYear));
  const industries = (BENCH.industries || []).filter((f) => f.metric === 'mqci' && finite(f.value));
  const diffCell = (f) => h('td', { class: 'mqci-num' }, index != null ? fmt(diff(index, f), 2, 2, true) : '–');
  return v.section('bench', [
    h('p', { class: 'mqci-notice mqci-bn-caveat', 'data-testid': 'bench-caveat' }, h('strong', null, t('benchCaveat'))),
    h('ul', { class: 'mqci-bns', 'data-testid': 'bench-list' }, items),
    regionNone,
    rate ? h('p', { class: 'mqci-hint' }, t('benchPassRateNote')) : null,
    series.length ? fold(v, 'bench-series', false, 'mqci-bn-more', t('benchSeries'), () =>
      h('table', { class: 'mqci-table mqci-bn-table', 'data-testid': 'bench-series' },
        h('caption', { class: 'mqci-vh' }, t('benchSeries')),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('benchColYear')), h('th', { scope: 'col', class: 'mqci-num' }, t('colIndex')), h('th', { scope: 'col', class: 'mqci-num' }, t('benchColDiff')))),
        h('tbody', null, series.map((f) => h('tr', { key: f.dataYear }, h('th', { scope: 'row' }, yearText(f)), h('td', { class: 'mqci-num' }, f2(f.value)), diffCell(f)))))) : null,
    industries.length ? fold(v, 'bench-ind', false, 'mqci-bn-more', t('benchIndustries'), () => [
      h('p', { class: 'mqci-hint' }, t('benchIndustriesNote')),
      h('table', { class: 'mqci-table mqci-bn-table', 'data-testid': 'bench-industries' },
        h('caption', { class: 'mqci-vh' }, t('benchIndustries')),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('benchColIndustry')), h('th', { scope: 'col', class: 'mqci-num' }, t('colIndex')), h('th', { scope: 'col', class: 'mqci-num' }, t('benchColDiff')))),
        h('tbody', null, industries.map((f) => h('tr', { key: `${f.industry}-${f.dataYear}` },
          h('th', { scope: 'row' }, zh(f.industry), h('span', { class: 'mqci-bn-yr' }, yearText(f))),
          h('td', { class: 'mqci-num' }, f2(f.value)), diffCell(f)))))]) : null,
  ]);
}
