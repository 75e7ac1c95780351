// Plan monitoring on the page (issue 10): the provincial official's 2026 review of Sichuan's
// 2027 targets gives 已完成 / 超进度 / 达进度 / 欠进度 where the arithmetic of the straight path
// says so (docs/targets.md: E(t) = B + (T − B)·(t − t₀)/(t₁ − t₀), tolerance |E − B|/12), with
// the expected value, the gaps, what each remaining year must add and a small chart per metric;
// an expired profile is marked with the latest published figures; the enterprise view keeps
// only what an enterprise has. axe finds nothing in these states, in zh and en.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, clearAll, typeInto, useBrowser, noViolations, finish, toEnglish, ARTIFACTS } from './fixtures/page.mjs';

export const OFFICIAL = 'embed.html?mode=targets&profile=sichuan-2027';

const suite = useBrowser();

/** The path arithmetic, independent of the engine: expected value and pace. */
function onPath({ B, t0, T, t1, A, t, op = '>=' }) {
  const share = Math.min(1, Math.max(0, (t - t0) / (t1 - t0)));
  const E = B + (T - B) * share;
  const s = op === '<=' ? -1 : 1;
  const d = s * (A - E);
  const tol = Math.abs(E - B) / 12;
  const pace = s * (A - T) >= 0 ? 'done' : t >= t1 ? 'behind' : d < -tol ? 'behind' : d > tol ? 'ahead' : 'on_track';
  return { E, d, pace, share, doneShare: (A - B) / (T - B) };
}

const PACE_ZH = { done: '已完成', ahead: '超进度', on_track: '达进度', behind: '欠进度', no_baseline: '无基期', no_data: '无数据', qualitative: '定性' };
const PACE_EN = { done: 'Done', ahead: 'Ahead of schedule', on_track: 'On schedule', behind: 'Behind schedule', no_baseline: 'No baseline', no_data: 'No data', qualitative: 'Qualitative' };

// Sichuan 2027 (period 2023–2027): the plan states no baselines, so the official gives 2022's.
// Illustrative figures of a 2026 review, chosen to land in each pace.
const REVIEW = 2026;
const CASES = [
  { metric: 'mqci', T: 88, B: 85, A: 86.1 }, // E 87.4, tolerance 0.2: behind
  { metric: 'manufacturing_pass_rate', T: 95, B: 93, A: 94.6 }, // E 94.6: on schedule
  { metric: 'agri_monitoring_pass_rate', T: 99, B: 97, A: 98.9 }, // E 98.6, tolerance 0.133: ahead
  { metric: 'food_sampling_pass_rate', T: 98, B: 97, A: 98.2 }, // met already: done
];
const COUNT = { metric: 'tianfu_quality_award_new', T: 30, A: 18 }; // 30 over 2023–2027: 24 due, behind

/** Opens the official's page (mode=targets, Sichuan 2027), cleared, review year 2026, figures and baselines typed. */
async function officialReview(opts = {}) {
  const s = await openPage(suite.browser, { hash: OFFICIAL, ...opts });
  const { page } = s;
  await clearAll(page);
  await page.locator('#mqci1-profile').selectOption('sichuan-2027');
  await page.locator('#mqci1-asof').selectOption(String(REVIEW));
  for (const c of [...CASES, COUNT]) await typeInto(page.locator(`#mqci1-a-${c.metric}`), String(c.A));
  await page.locator('details[data-open="plansetup"] > summary').click();
  for (const c of CASES) {
    await typeInto(page.locator(`#mqci1-by-${c.metric}`), '2022');
    await typeInto(page.locator(`#mqci1-bv-${c.metric}`), String(c.B));
  }
  await typeInto(page.locator('#mqci1-ser-mqci'), '2023 85.6\n2024 85.9\n2025 86.0');
  const row = (m) => page.locator(`[data-testid="target-table"] tr[data-metric="${m}"]`);
  await row('mqci').locator('[data-pace="behind"]').first().waitFor();
  return { ...s, row };
}

test('the official\'s 2026 review of Sichuan 2027: pace, expected value, gaps and required per year follow the path arithmetic', async () => {
  const s = await officialReview();
  const { page, row } = s;
  for (const c of CASES) {
    const x = onPath({ B: c.B, t0: 2022, T: c.T, t1: 2027, A: c.A, t: REVIEW });
    const r = row(c.metric);
    assert.equal(await r.getAttribute('data-pace'), x.pace, `${c.metric}: pace`);
    assert.match(await r.locator('td.mqci-status[data-pace]').innerText(), new RegExp(PACE_ZH[x.pace]), `${c.metric}: pace in words`);
    assert.equal(await r.locator('td.mqci-status[data-pace] svg').count(), 1, `${c.metric}: pace icon`);
    assert.equal(Number(await r.locator('[data-col="expected"]').innerText()), Math.round(x.E * 100) / 100, `${c.metric}: expected`);
    const gapToTarget = Math.max(0, c.T - c.A);
    const gap = r.locator('[data-col="gap"]');
    assert.equal(Number((await gap.innerText()).replace('+', '')), Math.round((c.A - c.T) * 100) / 100, `${c.metric}: actual − end target, signed`);
    assert.equal(Number(await gap.getAttribute('data-gap-to-target')), Math.round(gapToTarget * 100) / 100, `${c.metric}: still needed`);
    assert.equal(Number(await r.locator('[data-col="requiredAnnual"]').innerText()), Math.round((gapToTarget / (2027 - REVIEW)) * 100) / 100, `${c.metric}: per remaining year`);
    const toPath = Number((await r.locator('[data-col="gapToPath"]').innerText()).replace('+', ''));
    assert.ok(Math.abs(toPath - x.d) < 0.006, `${c.metric}: gap to path ${toPath} vs ${x.d}`);
  }
  // The count: 30 over 2023–2027, 18 by the end of 2026 → 24 due, behind, 12 to go.
  const cnt = row(COUNT.metric);
  assert.equal(await cnt.getAttribute('data-pace'), 'behind');
  assert.equal(Number(await cnt.locator('[data-col="expected"]').innerText()), 24);
  assert.equal(Number(await cnt.locator('[data-col="gap"]').innerText()), -12);
  assert.equal(Number(await cnt.locator('[data-col="gap"]').getAttribute('data-gap-to-target')), 12);
  // Every other target has its own pace, never the end-of-plan verdict alone.
  const paces = await page.locator('[data-testid="target-table"] tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.pace));
  assert.equal(paces.length, 9, 'all nine Sichuan targets');
  assert.ok(paces.every((p) => ['done', 'ahead', 'on_track', 'behind', 'no_baseline', 'no_data', 'qualitative'].includes(p)), paces.join());
  // The summary counts the paces.
  const n = (p) => paces.filter((x) => x === p).length;
  assert.match(await page.locator('[data-testid="target-summary"]').innerText(), new RegExp(`已完成 ${n('done')} 项，超进度 ${n('ahead')} 项，达进度 ${n('on_track')} 项，欠进度 ${n('behind')} 项`));
  // The chart of MQCI: series, path, target, and 时间进度 / 完成进度 in words.
  const x = onPath({ B: 85, t0: 2022, T: 88, t1: 2027, A: 86.1, t: REVIEW });
  const fig = page.locator('figure.mqci-pchart[data-metric="mqci"]');
  assert.equal(await fig.locator('[data-testid="progress-shares"]').innerText(), `时间进度 ${Math.round(x.share * 100)}%，完成进度 ${Math.round(x.doneShare * 100)}%。`);
  assert.equal(await fig.locator('circle').count(), 4, 'three earlier years and the actual');
  assert.match(await fig.locator('figcaption').innerText(), /基期 2022 年 85[\s\S]*目标 2027 年 88[\s\S]*2026 年实际 86\.1[\s\S]*2026 年序时应达 87\.4/);
  await noViolations(page, 'official review (zh)');
  await page.screenshot({ path: `${ARTIFACTS}plan-review-1280-zh.png`, fullPage: true });
  // A half-given baseline is said next to its field, and the target has no path.
  await typeInto(page.locator('#mqci1-by-mqci'), '');
  await page.locator('#mqci1-be-mqci').waitFor();
  assert.equal(await row('mqci').getAttribute('data-pace'), 'no_baseline');
  assert.match(await row('mqci').innerText(), /无基期/);
  await noViolations(page, 'half-given baseline (zh)');
  // English.
  await typeInto(page.locator('#mqci1-by-mqci'), '2022');
  await toEnglish(page);
  await row('mqci').locator('[data-pace="behind"]').first().waitFor();
  assert.match(await row('mqci').innerText(), new RegExp(PACE_EN.behind));
  assert.match(await row('manufacturing_pass_rate').innerText(), new RegExp(PACE_EN.on_track));
  assert.match(await page.locator('figure.mqci-pchart[data-metric="mqci"] [data-testid="progress-shares"]').innerText(), /Time elapsed 80%, progress made 37%/);
  await noViolations(page, 'official review (en)');
  await page.screenshot({ path: `${ARTIFACTS}plan-review-1280-en.png`, fullPage: true });
  await finish(s);
});

test('the data year of an actual moves it along the path; the figures are kept in this browser', async () => {
  const s = await officialReview();
  const { page, row } = s;
  // MQCI 86.1 read as 2025's figure: due 86.8 then (tolerance 0.15) → still behind, closer.
  await page.locator('#mqci1-y-mqci').selectOption('2025');
  const x = onPath({ B: 85, t0: 2022, T: 88, t1: 2027, A: 86.1, t: 2025 });
  await row('mqci').locator('[data-col="expected"]', { hasText: String(Math.round(x.E * 100) / 100) }).waitFor();
  assert.equal(await row('mqci').getAttribute('data-pace'), x.pace);
  assert.match(await row('mqci').innerText(), /2025/);
  await page.reload();
  await page.locator('.mqci[data-mode]:not([aria-busy])').waitFor();
  assert.equal(await page.locator('#mqci1-y-mqci').inputValue(), '2025');
  assert.equal(await page.locator('#mqci1-bv-mqci').inputValue(), '85');
  assert.equal(await page.locator('#mqci1-asof').inputValue(), String(REVIEW));
  assert.equal(await row('mqci').getAttribute('data-pace'), x.pace);
  await finish(s);
});

test('an expired profile is marked 已到期 with the latest published national figures beside it', async () => {
  const s = await openPage(suite.browser, { hash: 'embed.html?mode=targets&profile=national-2025' });
  const { page } = s;
  await page.locator('#mqci1-asof').selectOption('2026');
  const box = page.locator('[data-testid="expired"]');
  await box.waitFor();
  assert.match(await box.innerText(), /已到期[\s\S]*2025 年结束/);
  assert.match(await box.locator('li[data-metric="mqci"]').innerText(), /85\.86/);
  assert.match(await page.locator('#mqci1-profile option[value="national-2025"]').innerText(), /（已到期）$/);
  assert.doesNotMatch(await page.locator('#mqci1-profile option[value="sichuan-2027"]').innerText(), /已到期/);
  await noViolations(page, 'expired profile (zh)');
  await toEnglish(page);
  assert.match(await page.locator('[data-testid="expired"]').innerText(), /Expired[\s\S]*Latest published/);
  await noViolations(page, 'expired profile (en)');
  await finish(s);
});

test('the enterprise view (default full page) shows only what an enterprise has: MQCI, and its pass rate against the city target for reference', async () => {
  const s = await openPage(suite.browser);
  const { page } = s;
  await page.locator('#mqci1-profile').selectOption('chengdu-2027');
  const metrics = await page.locator('[data-testid="target-table"] tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.metric));
  assert.deepEqual([...metrics].sort(), ['industrial_product_pass_rate', 'mqci']);
  const ref = page.locator('[data-testid="target-table"] tr[data-metric="industrial_product_pass_rate"]');
  assert.match(await ref.innerText(), /全市目标，仅供参照/);
  // Its own spot-check pass rate stands for the city's rate when none is typed.
  await page.locator('#mqci1-a-industrial_product_pass_rate').fill('');
  await page.locator('#mqci1-v-spot_check_pass_rate').fill('96');
  await ref.locator('td', { hasText: /^96%/ }).first().waitFor();
  assert.match(await page.locator('#mqci1-a-industrial_product_pass_rate-d').innerText(), /本企业的产品监督抽查合格率（96%）/);
  assert.equal(await ref.getAttribute('data-pace'), 'done');
  await noViolations(page, 'enterprise targets (zh)');
  // mode="targets" shows every target.
  const t = await openPage(suite.browser, { hash: 'embed.html?mode=targets&profile=chengdu-2027' });
  const all = await t.page.locator('[data-testid="target-table"] tbody tr').count();
  assert.equal(all, 6);
  await finish(t);
  await finish(s);
});

test('screenshots of the review at 390×844, zh and en (artifacts, looked at by people)', async () => {
  const s = await officialReview({ viewport: { width: 390, height: 844 } });
  const { page } = s;
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling of the page at 390 px (${overflow} px)`);
  await page.screenshot({ path: `${ARTIFACTS}plan-review-390-zh.png`, fullPage: true });
  await toEnglish(page);
  await page.screenshot({ path: `${ARTIFACTS}plan-review-390-en.png`, fullPage: true });
  await finish(s);
});
