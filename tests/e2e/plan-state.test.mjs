// Plan monitoring's pure parts (issue 10), in Node: the saved plan is read part by part, fields
// are set immutably, region actions never mutate the model, the series reader, and the paste
// reader matching Chinese headers (units in brackets, a 基期 column, an unknown column).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPlan, setPlan, reducePlan, blankPlan, MAX_REGIONS } from '../../www/lib/plan.js';
import { readSeries, num, withYears, baselinesOf, paceCounts } from '../../www/lib/progress.js';
import { readPaste } from '../../www/panels/regions.js';

const deep = (x) => JSON.parse(JSON.stringify(x));

test('a saved plan is read part by part; what cannot be used is named', () => {
  const aside = [];
  const p = readPlan({ asOf: '2026', years: { mqci: '2025', bad: {} }, baselines: { mqci: { year: '2022', value: 85 }, x: 3 }, series: 'nope', regions: [{ name: '成都', values: { mqci: '86' } }, 7], sort: { col: 'mqci', dir: 2 } }, aside);
  assert.equal(p.asOf, '2026');
  assert.deepEqual(p.years, { mqci: '2025' });
  assert.deepEqual(p.baselines, { mqci: { year: '2022', value: '85' } });
  assert.deepEqual(p.series, {});
  assert.deepEqual(p.regions, [{ name: '成都', values: { mqci: '86' }, base: {} }]);
  assert.equal(p.sort, null);
  assert.deepEqual(aside.map((x) => x.part).sort(), ['plan.baselines.x', 'plan.regions', 'plan.series', 'plan.years.bad']);
  assert.deepEqual(readPlan('x', []), blankPlan());
  assert.equal(readPlan({ regions: Array.from({ length: MAX_REGIONS + 5 }, () => ({})) }).regions.length, MAX_REGIONS);
});

test('setPlan sets one field and returns a new plan; unknown paths change nothing', () => {
  const p = readPlan({ regions: [{ name: 'A', values: {} }] });
  const before = deep(p);
  const q = setPlan(p, 'baselines.mqci.year', '2022');
  assert.deepEqual(q.baselines, { mqci: { year: '2022', value: '' } });
  assert.equal(setPlan(q, 'regions.0.values.mqci', '86').regions[0].values.mqci, '86');
  assert.equal(setPlan(p, 'asOf', '20x6'), p);
  assert.equal(setPlan(p, 'regions.5.name', 'x'), p);
  assert.equal(setPlan(p, '__proto__.x', 'y'), p);
  assert.deepEqual(p, before, 'never mutated');
});

test('region actions return a new model and never mutate the one given', () => {
  const model = { S: { plan: readPlan({ regions: [{ name: 'A' }, { name: 'B' }] }) } };
  const before = deep(model);
  assert.deepEqual(reducePlan(model, { type: 'regionRemove', index: 0 }).S.plan.regions.map((r) => r.name), ['B']);
  assert.equal(reducePlan(model, { type: 'regionAdd' }).S.plan.regions.length, 3);
  const sorted = reducePlan(model, { type: 'regionSort', col: 'mqci' });
  assert.deepEqual(sorted.S.plan.sort, { col: 'mqci', dir: 1 });
  assert.deepEqual(reducePlan(sorted, { type: 'regionSort', col: 'mqci' }).S.plan.sort, { col: 'mqci', dir: -1 });
  assert.deepEqual(reducePlan(model, { type: 'regionsClear' }).S.plan.regions, []);
  assert.equal(reducePlan(model, { type: 'input' }), null);
  assert.deepEqual(model, before);
});

test('figures and series as people type them', () => {
  assert.equal(num('９４．６％'), 94.6);
  assert.equal(num('1,234.5'), 1234.5);
  assert.ok(Number.isNaN(num('abc')));
  const { points, bad } = readSeries('2023 85.21\n2024年：85.86；2025, 86\n2024 85.9\nlast year 84');
  assert.deepEqual(points, [{ year: 2023, value: 85.21 }, { year: 2024, value: 85.9 }, { year: 2025, value: 86 }]);
  assert.deepEqual(bad, ['last year 84']);
  const S = { plan: readPlan({ asOf: '2026', years: { mqci: '2025' }, baselines: { mqci: { year: '2022', value: '85' }, manufacturing_pass_rate: { year: '2022', value: '' } } }) };
  assert.deepEqual(withYears(S, { mqci: '86.1', food: 98 }), { mqci: { value: '86.1', year: 2025 }, food: { value: 98, year: 2026 } });
  const profile = { targets: [{ metric: 'mqci' }, { metric: 'manufacturing_pass_rate' }, { metric: 'x', baseline: { year: 2020, value: 1 } }] };
  assert.deepEqual(baselinesOf(S, profile), { baselines: { mqci: { year: 2022, value: 85 } }, bad: ['manufacturing_pass_rate'] });
  assert.deepEqual(paceCounts([{ pace: 'ahead' }, { pace: 'ahead' }, { pace: 'behind' }, {}]), { done: 0, ahead: 2, on_track: 0, behind: 1, no_baseline: 0, no_data: 0, qualitative: 0 });
});

test('a paste from Excel: headers matched to metric names, 基期 columns, unknown headers said', () => {
  const profile = { targets: [{ metric: 'mqci' }, { metric: 'manufacturing_pass_rate' }, { metric: 'tianfu_quality_award_new' }] };
  const NAMES = { mqci: ['制造业质量竞争力指数', 'MQCI'], manufacturing_pass_rate: ['制造业产品质量合格率', 'Manufacturing pass rate'], tianfu_quality_award_new: ['新培育天府质量奖（提名奖）组织和个人', 'Tianfu award'] };
  const text = '市州\tMQCI\t制造业产品质量合格率（%）\t基期制造业质量竞争力指数\t天府质量奖\t备注\r\n成都\t90.1\t96.5%\t88\t12\t—\r\n德阳\t86\t\t84.5\t3\t\r\n';
  const { rows, matched, unmatched } = readPaste(text, profile, (id) => NAMES[id]);
  assert.deepEqual(matched.sort(), ['manufacturing_pass_rate', 'mqci', 'tianfu_quality_award_new']);
  assert.deepEqual(unmatched, ['备注']);
  assert.deepEqual(rows, [
    { name: '成都', values: { mqci: '90.1', manufacturing_pass_rate: '96.5%', tianfu_quality_award_new: '12' }, base: { mqci: '88' } },
    { name: '德阳', values: { mqci: '86', tianfu_quality_award_new: '3' }, base: { mqci: '84.5' } },
  ]);
  assert.deepEqual(readPaste('only a header', profile, (id) => NAMES[id]).rows, []);
  // Comma-separated text (no tab) is read too.
  assert.equal(readPaste('地区,MQCI\n绵阳,87', profile, (id) => NAMES[id]).rows[0].values.mqci, '87');
});
