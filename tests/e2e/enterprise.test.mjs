// Issue 9, the page for an enterprise on a 390×844 phone: a first visit starts empty with the
// examples offered; example figures are marked 示例; ?examples=off hides them; an indicator
// overridden by a typed sub-score says so at its field; 不适用 per indicator; the sticky bar
// shows the range while incomplete; years kept as records, compared and charted; export and
// import of the records; the print report fits 2 A4 pages. axe-core finds no violation in each
// new state, in zh-CN and en. Screenshots go to tests/e2e/artifacts/ (artifacts, not the test).
//
// Hand-checked figures (linear 功效系数法, docs/methodology.md §7): each value below sits half-way
// between its indicator's worst and best value, so its score is 60 + 40·0.5 = 80 and every
// group score and the index are 80.00 (初步竞争力, 80–85).

import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openPage, typeInto, expectIndex, confirmDialog, useBrowser, noViolations, finish, toEnglish, ARTIFACTS } from './fixtures/page.mjs';

const PHONE = { width: 390, height: 844 };

/** Half-way values: every score is 80. */
export const HALF = {
  grade_product_rate: '85', microelectronic_equipment_share: '55', qms_certification_rate: '62.5',
  quality_loss_rate: '1.75', spot_check_pass_rate: '89.5', export_inspection_pass_rate: '99.725',
  rd_expenditure_share: '1.75', renovation_expenditure_share: '0.55', patents_per_million_output: '0.0105',
  new_product_sales_share: '20', avg_sales_revenue: '5.1', export_sales_share: '16',
};

const suite = useBrowser();

/** Types `values` into the indicator fields (by id). */
export async function fillIndicators(page, values) {
  for (const [id, x] of Object.entries(values)) await page.locator(`#mqci1-v-${id}`).fill(x);
}

for (const lang of ['zh-CN', 'en']) {
  test(`first visit starts empty, examples offered and marked (${lang})`, async () => {
    const s = await openPage(suite.browser, { viewport: PHONE, examples: false });
    const { page } = s;
    if (lang === 'en') await toEnglish(page);
    const zh = lang === 'zh-CN';
    assert.equal(await page.locator('[data-testid="index"]').innerText(), '–', 'no example result on a first visit');
    assert.match(await page.locator('[data-testid="notice"]').innerText(), zh ? /示例按钮载入公开数据示例/ : /load one of the published examples/);
    assert.equal(await page.locator('[data-testid="example-tag"]').count(), 0);
    assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k === 'mqci:v1:default').length), 0, 'nothing saved before the visitor types');
    await noViolations(page, 'first visit (empty)');
    await page.screenshot({ path: `${ARTIFACTS}enterprise-first-${lang}-390.png` });

    // The example: its result and its sub-score fields say 示例.
    await page.getByRole('button', { name: zh ? '全国 2007 年' : 'China 2007' }).click();
    await expectIndex(page, '80.99');
    await page.locator('[data-testid="example-tag"]').filter({ hasText: zh ? /^示例 以下结果来自公开数据示例/ : /^Example The result below comes from a published example/ }).waitFor();
    assert.equal(await page.locator('.mqci-scores').getAttribute('open'), '', 'the sub-scores are shown when an example fills them');
    assert.match(await page.locator('label[for="mqci1-s-quality_level"]').innerText(), zh ? /示例/ : /Example/);
    await noViolations(page, 'example loaded');

    // An indicator under the typed 质量水平 score: told at the field, with a way out.
    await typeInto(page.locator('#mqci1-v-spot_check_pass_rate'), '89.5');
    const over = page.locator('[data-testid="overridden-spot_check_pass_rate"]');
    await over.waitFor();
    assert.match(await over.innerText(), zh ? /此值未计入：已填写的“质量水平”得分 84\.76/ : /Not counted: the score 84\.76 typed for “Quality level”/);
    assert.equal(await page.locator('#mqci1-v-spot_check_pass_rate').getAttribute('aria-describedby').then((d) => d.split(' ').includes('mqci1-ov-spot_check_pass_rate')), true);
    await noViolations(page, 'overridden indicator');
    await page.screenshot({ path: `${ARTIFACTS}enterprise-overridden-${lang}-390.png` });
    await over.getByRole('button').click();
    await over.waitFor({ state: 'detached' });
    assert.equal(await page.locator('#mqci1-s-quality_level').inputValue(), '');
    // 发展能力 is still the example's; the result still says so.
    assert.equal(await page.locator('[data-testid="example-tag"]').count(), 1);
    await typeInto(page.locator('#mqci1-s-development_capability'), '');
    await page.locator('[data-testid="example-tag"]').waitFor({ state: 'detached' });
    await finish(s);
  });
}

test('?examples=off: no example buttons, first visit empty', async () => {
  const s = await openPage(suite.browser, { viewport: PHONE, hash: '?examples=off' });
  const { page } = s;
  assert.equal(await page.getByRole('button', { name: '全国 2007 年' }).count(), 0);
  assert.equal(await page.getByRole('group', { name: /示例/ }).count(), 0);
  assert.equal(await page.locator('[data-testid="index"]').innerText(), '–');
  await noViolations(page, 'examples off');
  await finish(s);
});

test('不适用 toggle: the field is set aside and kept; the sticky bar shows the range while incomplete', async () => {
  const s = await openPage(suite.browser, { viewport: PHONE, examples: false });
  const { page } = s;
  await typeInto(page.locator('#mqci1-v-spot_check_pass_rate'), '89.5');
  // One indicator of 12 (score 80), the rest anywhere in 60…100, each level rounded to 2
  // decimals: 监督检验 70…90, 质量水平 (70+60+60)/3 = 63.33 … (90+100+100)/3 = 96.67, index
  // (63.33+60)/2 = 61.665 → 61.67 … (96.67+100)/2 = 98.335 → 98.34.
  const mini = page.locator('[data-testid="mini"]');
  await mini.filter({ hasText: '61.67–98.34' }).waitFor();
  assert.equal(await mini.innerText(), '指数 61.67–98.34');
  const box = page.getByRole('checkbox', { name: '不适用/无此数据' }).nth(5);
  assert.equal(await box.getAttribute('data-id'), 'export_inspection_pass_rate');
  await box.check();
  await page.locator('[data-testid="na-note-export_inspection_pass_rate"]').waitFor();
  assert.equal(await page.locator('#mqci1-v-export_inspection_pass_rate').isDisabled(), true);
  const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('mqci:v1:default')));
  assert.deepEqual(saved.inputs.na, ['export_inspection_pass_rate']);
  await page.reload();
  await page.locator('.mqci[data-mode]:not([aria-busy])').waitFor();
  assert.equal(await page.locator('#mqci1-na-export_inspection_pass_rate').isChecked(), true);
  await page.screenshot({ path: `${ARTIFACTS}enterprise-na-zh-CN-390.png` });
  await noViolations(page, 'not applicable');
  await page.locator('#mqci1-na-export_inspection_pass_rate').uncheck();
  assert.equal(await page.locator('#mqci1-v-export_inspection_pass_rate').isDisabled(), false);
  await s.context.close();
});

for (const lang of ['zh-CN', 'en']) {
  test(`records: save 2024 and 2025, compare, trend, rename, delete, export and import (${lang})`, async () => {
    const s = await openPage(suite.browser, { viewport: PHONE, examples: false });
    const { page } = s;
    const zh = lang === 'zh-CN';
    if (!zh) await toEnglish(page);
    await fillIndicators(page, HALF);
    await expectIndex(page, '80.00');
    await page.locator('#mqci1-m-company').fill('成都某机械有限公司');
    await page.locator('#mqci1-m-year').fill('2024');
    await page.getByRole('button', { name: zh ? '保存当前数据' : 'Save current figures' }).click();
    const list = page.locator('[data-testid="records"]');
    await list.waitFor();
    const name2024 = zh ? '2024 年' : '2024';
    assert.match(await list.innerText(), new RegExp(`^${name2024} 80\\.00 · ${zh ? '初步竞争力' : 'Initial competitiveness'}`));

    // 2025: three indicators at their best value (score 100): each tertiary of 质量水平 is
    // (100 + 80) / 2 = 90, 质量水平 = 90, 发展能力 = 80, index = (90 + 80) / 2 = 85.00.
    await fillIndicators(page, { grade_product_rate: '120', qms_certification_rate: '95', spot_check_pass_rate: '99' });
    await page.locator('#mqci1-m-year').fill('2025');
    await expectIndex(page, '85.00');
    await page.locator('#mqci1-rec-name').fill(zh ? '2025 年（计划）' : '2025 (plan)');
    await page.getByRole('button', { name: zh ? '保存当前数据' : 'Save current figures' }).click();
    await list.locator(':scope > li').nth(1).waitFor();
    assert.equal(await list.locator(':scope > li').count(), 2);

    const cmp = page.locator('[data-testid="compare"]');
    await cmp.waitFor();
    assert.equal(await page.locator('[data-testid="cmp-index"]').innerText(), '+5.00');
    assert.equal(await page.locator('[data-testid="cmp-quality_level"]').innerText(), '+10.00');
    assert.equal(await page.locator('[data-testid="cmp-development_capability"]').innerText(), '0.00');
    assert.equal(await page.locator('[data-testid="cmp-supervision_inspection"]').innerText(), '+10.00');
    // The bands in a line below the table; the table fits the 390 px phone (no sideways scroll).
    assert.match(await page.locator('[data-testid="compare-band"]').innerText(), zh ? /记录 A“2024 年”的等级：初步竞争力\s+记录 B“2025 年（计划）”的等级：中等竞争力/ : /Record A, “2024”: Initial competitiveness\s+Record B, “2025 \(plan\)”: Medium competitiveness/);
    const fits = await cmp.evaluate((t) => [t.parentElement.scrollWidth, t.parentElement.clientWidth, document.documentElement.scrollWidth]);
    assert.ok(fits[0] <= fits[1] && fits[2] <= 390, `the comparison scrolls sideways at 390 px: ${fits}`);
    const changed = page.locator('[data-testid="compare-changed"] tbody tr');
    assert.equal(await changed.count(), 3, 'three indicators changed');
    assert.match(await changed.nth(0).innerText(), zh ? /产品质量等级品率.*\s+85\s+120/ : /grade.*\s+85\s+120/i);
    await page.locator('[data-testid="trend"]').waitFor();
    await noViolations(page, 'two records, compared, trend');
    await page.locator('[data-testid="records"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}enterprise-records-${lang}-390.png`, fullPage: false });
    await page.locator('[data-testid="compare"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}enterprise-compare-${lang}-390.png`, fullPage: false });

    // Open 2024 again (asks first: the current figures are saved as 2025, so no dialog).
    await page.getByRole('button', { name: zh ? `打开“${name2024}”` : `Open “${name2024}”` }).click();
    await expectIndex(page, '80.00');

    // Rename and delete.
    await page.getByRole('button', { name: zh ? `重命名“${name2024}”` : `Rename “${name2024}”` }).click();
    const rn = page.getByRole('textbox', { name: zh ? `“${name2024}”的新名称` : `New name for “${name2024}”` });
    await rn.fill(zh ? '2024 年（实际）' : '2024 (actual)');
    await page.getByRole('button', { name: zh ? '确定' : 'OK' }).click();
    await list.filter({ hasText: zh ? '2024 年（实际）' : '2024 (actual)' }).waitFor();
    await noViolations(page, 'renamed');

    // Export all records as one JSON file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: zh ? '导出全部记录' : 'Export all records' }).click()]);
    const file = await download.path();
    const data = JSON.parse(await readFile(file, 'utf8'));
    assert.equal(data.kind, 'mqci-records');
    assert.deepEqual(data.records.map((r) => r.name).sort(), (zh ? ['2024 年（实际）', '2025 年（计划）'] : ['2024 (actual)', '2025 (plan)']).sort());

    const delName = zh ? '2025 年（计划）' : '2025 (plan)';
    await page.getByRole('button', { name: zh ? `删除“${delName}”` : `Delete “${delName}”` }).click();
    await confirmDialog(page, zh ? '删除记录' : 'Delete the record');
    assert.equal(await list.locator(':scope > li').count(), 1);
    assert.equal(await cmp.count(), 0, 'no comparison with one record');

    // Import brings both back (same names are replaced, not doubled).
    await page.locator('[data-act="recordsFile"]').setInputFiles(file);
    await list.locator(':scope > li').nth(1).waitFor();
    assert.equal(await list.locator(':scope > li').count(), 2);
    const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('mqci:v1:default:records')));
    assert.equal(stored.records.length, 2);
    await finish(s);
  });
}

for (const [lang, viewport] of [['zh-CN', PHONE], ['en', { width: 1280, height: 800 }]]) {
  test(`print: the report for the boss fits 2 A4 pages, score first (${lang})`, async () => {
    const s = await openPage(suite.browser, { viewport, examples: false });
    const { page } = s;
    const zh = lang === 'zh-CN';
    if (!zh) await toEnglish(page);
    await fillIndicators(page, HALF);
    await page.locator('#mqci1-m-company').fill('成都某机械有限公司');
    await page.locator('#mqci1-m-year').fill('2024');
    await expectIndex(page, '80.00');
    await page.emulateMedia({ media: 'print' });
    const report = page.locator('[data-testid="report"]');
    assert.equal(await report.isVisible(), true);
    const text = await report.innerText();
    const lines = text.split('\n').filter(Boolean);
    assert.match(lines[1], zh ? /成都某机械有限公司 · 数据年份：2024/ : /成都某机械有限公司 · Data year: 2024/);
    assert.match(lines[2], zh ? /质量竞争力指数（自评）\s*80\.00 · 初步竞争力/ : /80\.00 · Initial competitiveness/);
    assert.match(text, zh ? /2026年12月1日|\d{4}年\d{1,2}月\d{1,2}日/ : /\d{1,2} [A-Z][a-z]+ \d{4}/);
    // At most 2 decimals, 4 significant digits below 0.1 (每百万元产值拥有专利数 0.0105 stays 0.0105).
    assert.doesNotMatch(text, /\b[1-9][\d,]*\.\d{3,}|\b0\.[1-9]\d{2,}|\b0\.0*[1-9]\d{4,}/, 'no number with more than 2 decimals (4 significant digits when tiny)');
    assert.match(text, zh ? /每百万元产值拥有专利数\s+0\.0105/ : /0\.0105/);
    // The radar of the 6 tertiary scores beside the bars; the benchmarks with their data years.
    const radar = report.locator('[data-testid="report-radar"]');
    assert.equal(await radar.isVisible(), true);
    assert.equal((await radar.locator('.mqci-radar-area').getAttribute('points')).split(' ').length, 6);
    assert.equal(await radar.locator('.mqci-rv').count(), 6);
    assert.deepEqual(await radar.locator('.mqci-rv').allTextContents(), Array(6).fill('80.00'));
    assert.match(text, zh ? /全国制造业质量竞争力指数（最新发布）（2024 年数据（年份为推断[^）]*））：85\.86/ : /National MQCI \(latest published\) \(data year 2024 \(inferred[^)]*\)\): 85\.86/);
    assert.match(text, zh ? /自评结果不等同于官方发布的指数/ : /not the official index/);
    assert.equal(await page.locator('.mqci-head').isVisible(), false, 'only the report prints');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || []).length;
    assert.ok(pages >= 1 && pages <= 2, `report has ${pages} pages`);
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await report.isVisible(), false, 'the report is only for print');
    await finish(s);
  });
}
