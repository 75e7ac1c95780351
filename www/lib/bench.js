// Which published benchmarks an assessment is compared with (issue 9 point 5), shared by the
// on-screen panel (panels/bench.js) and the printed report (panels/report.js): from the engine's
// benchmarks() (data/figures.json), the latest national index, the latest figures of the chosen
// target profile's region (its index and the two pass rates an enterprise's spot-check rate is
// held against), and the latest national 制造业产品质量合格率. No DOM, no engine.
import { finite } from './format.js';

/** Metrics a region's figure is shown for. */
const REGION_METRICS = ['mqci', 'manufacturing_pass_rate', 'industrial_product_pass_rate'];

/** The latest of several figures: by data year, then publication date (undated counts as oldest). */
export const latest = (list) => list.reduce((a, b) => (!a || (b.dataYear ?? 0) > (a.dataYear ?? 0) || ((b.dataYear ?? 0) === (a.dataYear ?? 0) && String(b.published ?? '') > String(a.published ?? '')) ? b : a), null);

/** The visitor's value minus a figure, to 2 decimals. */
export const diff = (mine, f) => Math.round((mine - f.value) * 100) / 100;

/**
 * The benchmarks for the view `v`: { items: [{ key, metric, f, mine, region }], region (the
 * profile's region, or null for a national profile), regionNone (true when nothing is published
 * for it), index, spot }, or null without benchmarks or a result. `mine` is the visitor's index
 * for an MQCI figure, their 产品监督抽查合格率 for a pass rate (null when not given).
 */
export function benchFor(v) {
  const { S, res, data: { BENCH, PROFILES } } = v;
  if (!BENCH || !res || !Array.isArray(BENCH.nationalIndex)) return null;
  const index = finite(res.index) ? res.index : null;
  const sc = res.indicators?.spot_check_pass_rate;
  const spot = sc?.source === 'value' && finite(sc.value) ? sc.value : null;
  const mineOf = (metric) => (metric === 'mqci' ? index : spot);
  const items = [];
  const nat = latest(BENCH.nationalIndex);
  if (nat) items.push({ key: 'national', metric: 'mqci', f: nat, mine: index });
  const profile = PROFILES?.find((p) => p.id === S.profile);
  const region = profile?.region && profile.region !== '全国' ? profile.region : null;
  let regionNone = false;
  if (region) {
    const figs = (BENCH.provinces || []).filter((f) => f.region === region && REGION_METRICS.includes(f.metric));
    for (const m of REGION_METRICS) {
      const f = latest(figs.filter((x) => x.metric === m));
      if (f) items.push({ key: `region-${m}`, metric: m, f, mine: mineOf(m), region });
    }
    regionNone = !figs.length;
  }
  const rate = latest(BENCH.passRate || []);
  if (rate) items.push({ key: 'pass-rate', metric: 'manufacturing_pass_rate', f: rate, mine: spot });
  return { items, region, regionNone, index, spot };
}
