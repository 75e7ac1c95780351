// Many regions side by side (issue 10): the 21 市州 of Sichuan pasted from Excel (tab-separated,
// Chinese headers matched to metric names, a 基期 column, an unknown column said and left out),
// every cell's pace as the path arithmetic says, sorting, counts per pace, typing a cell, and the
// CSV export (UTF-8 with BOM, Chinese headers), parsed back. axe finds nothing, zh and en.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { runAxe, describeViolations } from './helpers.mjs';
import { launch, openPage, clearAll, typeInto } from './fixtures/page.mjs';
import { parseCsv } from './batch-data.mjs';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const OFFICIAL = 'embed.html?mode=targets&profile=sichuan-2027';
const CITIES = ['成都', '自贡', '攀枝花', '泸州', '德阳', '绵阳', '广元', '遂宁', '内江', '乐山', '南充', '眉山', '宜宾', '广安', '达州', '雅安', '巴中', '资阳', '阿坝', '甘孜', '凉山'];
const PACES = ['done', 'ahead', 'on_track', 'behind', 'no_baseline', 'no_data', 'qualitative'];
const PACE_ZH = { done: '已完成', ahead: '超进度', on_track: '达进度', behind: '欠进度', no_baseline: '无基期', no_data: '无数据', qualitative: '定性' };

let browser;
before(async () => {
  browser = await launch();
  await mkdir(ARTIFACTS, { recursive: true });
});
after(() => browser?.close());

async function noViolations(page, state) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, `axe, ${state}:\n${describeViolations(violations)}`);
}

async function finish(s) {
  assert.deepEqual(await s.csp(), [], 'securitypolicyviolation fired');
  assert.deepEqual(s.problems, []);
  await s.context.close();
}

/** Pace of MQCI on Sichuan's path (2022 baseline B → 88 in 2027) for a 2026 figure A. */
function mqciPace(A, B) {
  const E = B + (88 - B) * (4 / 5);
  const tol = Math.abs(E - B) / 12;
  const d = A - E;
  return { E, pace: A >= 88 ? 'done' : d < -tol ? 'behind' : d > tol ? 'ahead' : 'on_track' };
}

// City i: MQCI 85.0 + 0.2·i against a baseline of 84 → E 87.2, tolerance 0.267: every pace.
const mqci = (i) => Math.round((85 + 0.2 * i) * 10) / 10;
const pass = (i) => Math.round((93 + 0.1 * i) * 10) / 10; // no baseline column: no path (or done at 95)
const award = (i) => i % 4; // a count: 24 due by 2026, so behind
const TABLE = [
  ['市州', '制造业质量竞争力指数', '基期制造业质量竞争力指数', '制造业产品质量合格率（%）', '天府质量奖', '备注'].join('\t'),
  ...CITIES.map((c, i) => [c, mqci(i), 84, pass(i), award(i), '—'].join('\t')),
].join('\r\n');


async function pasted() {
  const s = await openPage(browser, { hash: OFFICIAL });
  const { page } = s;
  await clearAll(page);
  await page.locator('#mqci1-profile').selectOption('sichuan-2027');
  await page.locator('#mqci1-asof').selectOption('2026');
  await page.locator('#mqci1-paste').fill(TABLE);
  await page.getByRole('button', { name: '读入粘贴的表格' }).click();
  await page.locator('[data-testid="region-table"] tbody tr').nth(20).waitFor();
  return s;
}

test('21 市州 pasted from Excel: each cell gets its pace, counts per pace, unknown header said', async () => {
  const s = await pasted();
  const { page } = s;
  const rows = page.locator('[data-testid="region-table"] tbody tr');
  assert.equal(await rows.count(), 21);
  assert.match(await page.locator('[data-testid="notice"]').innerText(), /已读入 21 个地区、3 项指标[\s\S]*备注/);
  const want = Object.fromEntries(PACES.map((p) => [p, 0]));
  for (let i = 0; i < 21; i += 1) {
    const row = rows.nth(i);
    assert.equal(await row.locator('th input').inputValue(), CITIES[i]);
    const cell = row.locator('td[data-metric="mqci"]');
    const { E, pace } = mqciPace(mqci(i), 84);
    want[pace] += 1;
    assert.equal(await cell.getAttribute('data-pace'), pace, `${CITIES[i]} MQCI ${mqci(i)}: due ${E}`);
    assert.match(await cell.innerText(), new RegExp(PACE_ZH[pace]));
    assert.equal(await row.locator('td[data-metric="manufacturing_pass_rate"]').getAttribute('data-pace'), pass(i) >= 95 ? 'done' : 'no_baseline');
    assert.equal(await row.locator('td[data-metric="tianfu_quality_award_new"]').getAttribute('data-pace'), 'behind');
    assert.equal(await row.locator('td[data-metric="agri_monitoring_pass_rate"]').getAttribute('data-pace'), 'no_data');
  }
  for (const p of ['done', 'ahead', 'on_track', 'behind']) assert.ok(want[p] > 0, `the figures reach ${p}`);
  const counts = page.locator('[data-testid="pace-counts"] tr[data-metric="mqci"]');
  for (const p of PACES) assert.equal(Number(await counts.locator(`td[data-pace="${p}"]`).innerText()), want[p], `MQCI ${p} count`);
  await noViolations(page, 'region table (zh)');
  await page.screenshot({ path: `${ARTIFACTS}plan-regions-1280-zh.png`, fullPage: true });
  // Typing a cell re-checks it.
  const first = rows.nth(0).locator('td[data-metric="mqci"]');
  await typeInto(first.locator('input'), '88.5');
  await first.locator('[data-pace="done"], .mqci-pace--done').first().waitFor();
  assert.equal(await first.getAttribute('data-pace'), 'done');
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('.mqci[lang="en"]').waitFor();
  assert.match(await page.locator('[data-testid="region-summary"]').innerText(), /^21 regions:/);
  await noViolations(page, 'region table (en)');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${ARTIFACTS}plan-regions-390-en.png`, fullPage: true });
  await finish(s);
});

test('sorting by a metric puts done first, then ahead, on schedule, behind; again reverses', async () => {
  const s = await pasted();
  const { page } = s;
  const th = page.locator('[data-testid="region-table"] thead th').filter({ hasText: '制造业质量竞争力指数' });
  await th.getByRole('button').click();
  await page.locator('[data-testid="region-table"] th[aria-sort="ascending"]').waitFor();
  const order = () => page.locator('[data-testid="region-table"] tbody td[data-metric="mqci"]').evaluateAll((c) => c.map((x) => x.dataset.pace));
  const asc = await order();
  const rank = (p) => PACES.indexOf(p);
  assert.deepEqual(asc, [...asc].sort((a, b) => rank(a) - rank(b)));
  assert.equal(asc[0], 'done');
  await th.getByRole('button').click();
  await page.locator('[data-testid="region-table"] th[aria-sort="descending"]').waitFor();
  assert.deepEqual(await order(), [...asc].reverse().sort((a, b) => rank(b) - rank(a)));
  await finish(s);
});

test('the status table exports as CSV (UTF-8 with BOM, Chinese headers) and parses back', async () => {
  const s = await pasted();
  const { page } = s;
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
  assert.match(download.suggestedFilename(), /^mqci-regions-sichuan-2027-2026\.csv$/);
  const bytes = await readFile(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
  const rows = parseCsv(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3)));
  const [head, ...data] = rows;
  assert.deepEqual(head.slice(0, 4), ['地区', '制造业质量竞争力指数', '制造业质量竞争力指数序时应达', '制造业质量竞争力指数进度']);
  assert.ok(head.includes('制造业产品质量合格率进度'));
  assert.equal(data.length, 21);
  for (const [i, row] of data.entries()) {
    assert.equal(row[0], CITIES[i]);
    assert.equal(Number(row[1]), mqci(i));
    const { E, pace } = mqciPace(mqci(i), 84);
    assert.equal(Number(row[2]), Math.round(E * 100) / 100);
    assert.equal(row[3], PACE_ZH[pace]);
    assert.equal(row.length, head.length);
  }
  await finish(s);
});

test('the status table exports as XLSX (the batch module loaded on the click only) and reads back the same as the CSV', async () => {
  const s = await pasted();
  const { page } = s;
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  assert.equal(fetched.filter((u) => u.includes('mqci_batch')).length, 0);
  const csv = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
  assert.ok(!fetched.some((u) => u.includes('mqci_batch')), 'the CSV export does not load the batch module');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 XLSX' }).click()]);
  assert.ok(fetched.some((u) => u.endsWith('/pkg/mqci_batch_bg.wasm')), 'the XLSX writer came with the click');
  assert.match(download.suggestedFilename(), /^mqci-regions-sichuan-2027-2026\.xlsx$/);
  const bytes = await readFile(await download.path());
  assert.deepEqual([...bytes.subarray(0, 2)], [0x50, 0x4b], 'a zip (XLSX) file');
  const book = await page.evaluate(async (data) => {
    const b = await import('./pkg/mqci_batch.js');
    await b.default();
    const t = b.readTable(Uint8Array.from(data), 'r.xlsx', { headerRow: 0 });
    return { sheets: t.info.sheets, headers: t.headers, rows: t.rows(0, t.rowCount) };
  }, [...bytes]);
  const [head, ...data] = parseCsv(new TextDecoder().decode((await readFile(await csv[0].path())).subarray(3)));
  assert.deepEqual(book.sheets, ['多地区对照']);
  assert.deepEqual(book.headers, head);
  assert.equal(book.rows.length, 21);
  // Same cells as the CSV (empty cells are empty in both), numbers as numbers.
  book.rows.forEach((row, i) => assert.deepEqual(row, data[i], CITIES[i]));
  for (const [i, row] of book.rows.entries()) assert.equal(Number(row[1]), mqci(i));
  await finish(s);
});
