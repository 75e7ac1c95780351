// Batch page, issue 11 §3: a bad cell is fixed in place. A CSV with "9o.5" in 产品监督抽查合格率
// is uploaded; the cell is first "fixed" to another bad value (the error stays, with the new
// value), then to "90.5" with Enter: the row's index equals the main engine's `assess` of the
// same row (computed here in Node), the error is gone, the sort and the filter are kept, the
// page says how many cells were corrected, and both exports hold 90.5 and the new index (the
// XLSX 说明 sheet lists the correction). axe in zh and en; screenshots at 390×844 and 1280×800.
// Then a file with 2,000 bad cells: the list is paged (100 inputs at a time), the 1,800th is
// reached with 转到 and fixed, its row is marked in the table where it is drawn as it scrolls,
// a table row's 改正 opens its page, and the CSV states the policy on every row and the
// correction on its row, and reads back with the same scores.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launch, baseUrl, runAxe, describeViolations } from './helpers.mjs';
import { load } from '../fuzz/engine.mjs';
import * as D from './batch-data.mjs';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const SPOT = '产品监督抽查合格率';
const SPOT_COL = D.INDICATOR_HEADERS.indexOf(SPOT);

// 12 enterprises by indicator values; row 2 (样本2厂) has the typo. Row 4 keeps its 不适用.
const CLEAN = D.indicatorRows(12);
CLEAN[2][5] = 1.25; // indicatorRows puts "x1.5" here: one bad cell per file is enough
CLEAN[1][SPOT_COL] = 90.5;
const BAD = CLEAN.map((r) => r.slice());
BAD[1][SPOT_COL] = '9o.5';
const BAD_CSV = Buffer.from(D.toCsv(D.INDICATOR_HEADERS, BAD.map((r) => r.map(String))), 'utf8');
const NAME = CLEAN[1][0];
const STREET = CLEAN[1][1];

let browser;
let expected; // the main engine's index of 样本2厂 with 90.5
before(async () => {
  browser = await launch();
  await mkdir(ARTIFACTS, { recursive: true });
  const m = await load('mqci');
  const values = {};
  D.INDICATOR_IDS.forEach((id, k) => { values[id] = CLEAN[1][k + 2]; });
  expected = m.assess({ values }).index;
  assert.equal(typeof expected, 'number');
});
after(() => browser?.close());

async function open(viewport) {
  const ctx = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await ctx.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(`${baseUrl()}batch.html`);
  await page.locator('#b-file').waitFor({ state: 'attached' });
  const finish = async () => {
    assert.deepEqual(problems, []);
    await ctx.close();
  };
  return { page, finish };
}

async function noViolations(page, state) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, `axe, ${state}:\n${describeViolations(violations)}`);
}

const scored = (page) => page.locator('#batch[aria-busy="false"] [data-testid="results"]').waitFor({ timeout: 60_000 });

async function upload(page) {
  await page.locator('#b-file').setInputFiles({ name: '街道企业.csv', mimeType: 'text/csv', buffer: BAD_CSV });
  await scored(page);
}

/** The shown table's row of `name`: { header: text } by the columns' data-col. */
const rowOf = (page, name) => page.locator('[data-testid="table"]').evaluate((t, n) => {
  const cols = [...t.querySelectorAll('thead th')].map((th) => th.dataset.col);
  const tr = [...t.querySelectorAll('tbody tr:not(.b-spacer)')].find((x) => x.children[1]?.textContent.trim() === n);
  return tr ? Object.fromEntries([...tr.children].map((c, i) => [cols[i], c.textContent.trim()])) : null;
}, name);

async function downloadOf(page, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return readFile(await download.path());
}

test('a bad cell is fixed in place: same index as the engine, error gone, sort and filter kept, exports corrected (zh, en, 1280×800)', async () => {
  const { page, finish } = await open({ width: 1280, height: 800 });
  await upload(page);
  const item = page.locator(`[data-testid="errors"] li[data-row="1"][data-column="${SPOT_COL}"]`);
  assert.deepEqual(await page.locator('[data-testid="errors"] li').count(), 1);
  assert.match(await item.locator('.b-errline').innerText(), /^第 2 行，“产品监督抽查合格率”列，值“9o\.5”：不是数字/);
  assert.match((await rowOf(page, NAME)).index, /^\d+\.\d\d–\d+\.\d\d$/, 'a bad cell counts as missing: a range');
  assert.equal(await page.locator('[data-testid="corrections"]').count(), 0);

  // Sorted by name, descending, and filtered to 样本2厂's street: kept through the fix.
  await page.locator('[data-testid="table"] thead th[data-col="name"] button').click();
  await scored(page);
  await page.locator('[data-testid="table"] thead th[data-col="name"] button').click();
  await scored(page);
  await page.locator('[data-testid="filter-街道"]').selectOption(STREET);
  const showing = await page.locator('[data-testid="showing"]').innerText();
  const order = async () => (await page.locator('[data-testid="table"] tbody tr:not(.b-spacer) > :nth-child(2)').allInnerTexts());
  const before = await order();
  assert.equal(before.length, 6);

  const input = page.getByLabel('第 2 行“产品监督抽查合格率”列的新值');
  assert.equal(await input.inputValue(), '9o.5', 'prefilled with the cell as typed');
  await noViolations(page, 'errors with fix inputs (zh)');
  await item.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${ARTIFACTS}batch-fix-before-1280-zh.png` });

  // A fix that is still wrong: the error stays, with the new value, and focus stays on it.
  await input.fill('9O');
  await item.getByRole('button', { name: '改正' }).click();
  await page.locator('[data-testid="notice"]').filter({ hasText: '已改为“9O”，但仍有错误' }).waitFor();
  await scored(page);
  assert.match(await item.locator('.b-errline').innerText(), /值“9O”：不是数字$/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), await input.getAttribute('id'));
  assert.match(await page.locator('[data-testid="corrections"]').innerText(), /^已改正 1 处单元格/);

  // The right value, applied with Enter.
  await input.fill('90.5');
  await input.press('Enter');
  await page.locator('[data-testid="notice"]').filter({ hasText: '已改正第 2 行“产品监督抽查合格率”列：“9O”改为“90.5”。' }).waitFor();
  await scored(page);
  assert.equal(await page.locator('[data-testid="errors"]').count(), 0, 'no bad cell left: the list is gone');
  assert.equal((await rowOf(page, NAME)).index, expected.toFixed(2), 'the index of the clean row (main engine, assess)');
  assert.equal(await page.locator('[data-testid="sum-sumErrors"]').innerText(), '0');
  assert.equal(await page.locator('[data-testid="filter-街道"]').inputValue(), STREET, 'filter kept');
  assert.equal(await page.locator('[data-testid="showing"]').innerText(), showing);
  assert.deepEqual(await order(), before, 'sort kept (by name, descending)');
  const fixes = page.locator('[data-testid="corrections"]');
  assert.match(await fixes.innerText(), /^已改正 1 处单元格：导出的文件在这些地方与原文件不同/);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'corrections', 'focus on the corrections line');
  await page.locator('.b-fixes summary').click();
  assert.equal(await page.locator('.b-fixlist li').innerText(), '第 2 行“产品监督抽查合格率”列：“9o.5”改为“90.5”', 'the file’s value, not the intermediate one');
  await noViolations(page, 'after the fix (zh)');
  // No English word on the zh page in this state (file formats and encodings are names, not words;
  // the file's own name and values are the visitor's).
  const words = await page.evaluate(() => {
    const texts = [document.body.innerText, document.title, ...[...document.querySelectorAll('[aria-label], label, [placeholder]')].map((n) => `${n.getAttribute('aria-label') || ''} ${n.textContent} ${n.getAttribute('placeholder') || ''}`)];
    return [...new Set(texts.join(' ').replace(/街道企业\.csv/g, '').match(/[A-Za-z]{2,}/g) || [])];
  });
  assert.deepEqual(words.filter((w) => !['XLSX', 'XLS', 'ODS', 'CSV', 'TSV', 'UTF', 'GBK', 'BOM', 'MQCI', 'Excel', 'English', 'WebAssembly'].includes(w)), [], 'English words on the zh page');
  await fixes.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${ARTIFACTS}batch-fix-after-1280-zh.png` });

  // The summary follows the rescoring: 样本2厂 is complete now.
  assert.equal(await page.locator('[data-testid="sum-sumComplete"]').innerText(), String(CLEAN.length - 1), 'all complete but the 不适用 row (as missing)');

  // CSV: 90.5 and the new index in 样本2厂's row.
  const csv = D.parseCsv((await downloadOf(page, '导出 CSV')).toString('utf8').replace(/^\uFEFF/, ''));
  const head = csv[0];
  const line = csv.find((r) => r[0] === NAME);
  assert.equal(line[head.indexOf(SPOT)], '90.5');
  assert.equal(Number(line[head.indexOf('MQCI指数')]), expected);
  assert.equal(line[head.indexOf('错误')], '');

  // XLSX: the results sheet likewise, and the 说明 sheet lists the correction.
  const xlsx = await downloadOf(page, '导出 XLSX');
  const book = await page.evaluate(async (data) => {
    const b = await import('./pkg/mqci_batch.js');
    await b.default();
    const u8 = Uint8Array.from(data);
    const sheet = (name) => { const t = b.readTable(u8, 'x.xlsx', { sheet: name, headerRow: 0 }); return { headers: t.headers, rows: t.rows(0, t.rowCount) }; };
    return { results: sheet('结果'), about: sheet('说明') };
  }, [...xlsx]);
  const xrow = book.results.rows.find((r) => r[0] === NAME);
  assert.equal(xrow[book.results.headers.indexOf(SPOT)], '90.5');
  assert.equal(Number(xrow[book.results.headers.indexOf('MQCI指数')]), expected);
  const at = book.about.rows.findIndex((r) => r[0] === '已改正的单元格（与输入文件不同）');
  assert.ok(at > 0, '说明 has a corrections block');
  assert.deepEqual(book.about.rows[at + 2].slice(0, 4), ['2', SPOT, '9o.5', '90.5']);

  // English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('html[lang="en"]').waitFor();
  assert.match(await page.locator('[data-testid="corrections"]').innerText(), /^Cells corrected: 1\. The exported files differ/);
  await noViolations(page, 'after the fix (en)');
  await page.locator('[data-testid="corrections"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${ARTIFACTS}batch-fix-after-1280-en.png` });
  await finish();
});

for (const lang of ['zh-CN', 'en']) {
  test(`the fix input on a phone (390×844, ${lang}): labelled, usable, axe clean`, async () => {
    const { page, finish } = await open({ width: 390, height: 844 });
    if (lang === 'en') {
      await page.getByRole('button', { name: 'English' }).click();
      await page.locator('html[lang="en"]').waitFor();
    }
    await upload(page);
    const label = lang === 'en' ? 'New value for row 2, column “产品监督抽查合格率”' : '第 2 行“产品监督抽查合格率”列的新值';
    const input = page.getByLabel(label);
    assert.equal(await input.inputValue(), '9o.5');
    const box = await input.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `the input fits the phone's width: ${JSON.stringify(box)}`);
    await noViolations(page, `errors with fix inputs (${lang}, phone)`);
    await page.locator('[data-testid="errors"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}batch-fix-before-390-${lang}.png` });
    await input.fill('90.5');
    await input.press('Enter');
    await page.locator('[data-testid="corrections"]').waitFor();
    await scored(page);
    assert.equal(await page.locator('[data-testid="errors"]').count(), 0);
    assert.equal((await rowOf(page, NAME)).index, expected.toFixed(2));
    await page.locator('.b-fixes summary').click();
    await noViolations(page, `after the fix (${lang}, phone)`);
    await page.locator('[data-testid="corrections"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}batch-fix-after-390-${lang}.png` });
    await finish();
  });
}

// ---- 2,000 bad cells: every one reachable, the corrected row marked in the table, the CSV
// stating the missing-data policy and the correction (issue 11, the three gaps). ----

// 4,000 enterprises; every other one (rows 1, 3, 5, … of the file) has "9o.N" in 产品监督抽查合格率:
// 2,000 bad cells, the k-th of them in data row 2(k − 1). The 1,800th is data row 3598 (file row 3599).
const MANY = D.indicatorRows(4000);
MANY[2][5] = 1.25;
const MANY_CLEAN = MANY.map((r) => r.slice());
MANY_CLEAN[3598][SPOT_COL] = 90.5;
MANY.forEach((r, i) => { if (i % 2 === 0) r[SPOT_COL] = `9o.${i}`; });
const MANY_CSV = Buffer.from(D.toCsv(D.INDICATOR_HEADERS, MANY.map((r) => r.map(String))), 'utf8');
const FAR = 3598;
const POLICY_WORDS = {
  missing: '按缺失处理（给出区间）',
  not_applicable: '按不适用处理（权重分给同级）',
};

async function uploadMany(page) {
  await page.locator('#b-file').setInputFiles({ name: '全区企业.csv', mimeType: 'text/csv', buffer: MANY_CSV });
  await scored(page);
}

/** Scrolls the results table until data row `row` is drawn; returns its cells by column id. */
async function scrollToRow(page, row) {
  return page.locator('.b-vt').evaluate(async (box, r) => {
    const frame = () => new Promise((ok) => requestAnimationFrame(ok));
    const find = () => box.querySelector(`tbody tr[data-row="${r}"]`);
    box.scrollTop = 0;
    await frame();
    // 50 rows are drawn from 10 above the top: steps of 35 rows never skip one.
    const step = Math.max(box.clientHeight, 35 * (box.querySelector('tbody tr:not(.b-spacer)')?.getBoundingClientRect().height || 30));
    for (let top = 0; !find() && top < box.scrollHeight; top += step) {
      box.scrollTop = top;
      await frame();
    }
    const tr = find();
    if (!tr) return null;
    tr.scrollIntoView({ block: 'center' });
    await frame();
    const cols = [...box.querySelectorAll('thead th')].map((th) => th.dataset.col);
    return { cls: tr.className, cells: Object.fromEntries([...tr.children].map((c, i) => [cols[i], c.textContent.trim()])), title: tr.querySelector('.b-fixed')?.title ?? null };
  }, row);
}

let manyExpected; // the main engine's index of data row 3598 with 90.5
before(async () => {
  const m = await load('mqci');
  const values = {};
  D.INDICATOR_IDS.forEach((id, k) => { values[id] = MANY_CLEAN[FAR][k + 2]; });
  manyExpected = m.assess({ values }).index;
});

test('2,000 bad cells: a paged list, the 1,800th fixed, its row marked in the table as it scrolls, the CSV states policy and correction (zh, en, 1280×800)', async () => {
  const { page, finish } = await open({ width: 1280, height: 800 });
  await uploadMany(page);
  const errors = page.locator('[data-testid="errors"]');
  assert.match(await errors.locator('h2').innerText(), /\(2000\)$/);
  const at = page.locator('[data-testid="errors-page"]');
  assert.equal(await at.innerText(), '第 1–100 条，共 2000 条');
  assert.equal(await errors.locator('li').count(), 100, 'one page of inputs, not 2,000');
  assert.equal(await page.locator('#batch input[type="text"]').count(), 100);
  assert.equal(await page.getByRole('button', { name: '上一页' }).isDisabled(), true);

  // Next and previous pages.
  await page.getByRole('button', { name: '下一页' }).click();
  await at.filter({ hasText: '第 101–200 条，共 2000 条' }).waitFor();
  assert.match(await errors.locator('li').first().locator('.b-errline').innerText(), /^第 201 行，“产品监督抽查合格率”列，值“9o\.200”：不是数字/);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'errors-page', 'focus on where the list is');
  await page.getByRole('button', { name: '上一页' }).click();
  await at.filter({ hasText: '第 1–100 条' }).waitFor();
  // 转到 a row without bad cells (file row 2): said so, the nearest page shown.
  await page.getByLabel('转到文件中第几行的错误').fill('2');
  await page.getByRole('button', { name: '转到', exact: true }).click();
  await page.locator('[data-testid="notice"]').filter({ hasText: '第 2 行没有错误的单元格；列表显示离它最近的一页。' }).waitFor();
  assert.equal(await at.innerText(), '第 1–100 条，共 2000 条');

  // 转到 file row 3599: the page of the 1,800th bad cell; focus on its input.
  await page.getByLabel('转到文件中第几行的错误').fill(String(FAR + 1));
  await page.getByRole('button', { name: '转到', exact: true }).click();
  await at.filter({ hasText: '第 1701–1800 条，共 2000 条' }).waitFor();
  const item = errors.locator(`li[data-row="${FAR}"][data-column="${SPOT_COL}"]`);
  assert.equal(await errors.locator('li').last().getAttribute('data-row'), String(FAR), 'the 1,800th is the last of its page');
  const input = page.getByLabel(`第 ${FAR + 1} 行“产品监督抽查合格率”列的新值`);
  assert.equal(await page.evaluate(() => document.activeElement?.id), await input.getAttribute('id'));
  assert.equal(await input.inputValue(), `9o.${FAR}`);
  await noViolations(page, 'paged errors (zh)');
  await page.locator('[data-testid="errors"] nav').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${ARTIFACTS}batch-errors-paged-1280-zh.png` });

  // Fixed: 1,999 left, the page kept (now 1701–1800 of 1999).
  await input.fill('90.5');
  await input.press('Enter');
  await page.locator('[data-testid="notice"]').filter({ hasText: `已改正第 ${FAR + 1} 行“产品监督抽查合格率”列` }).waitFor();
  await scored(page);
  assert.match(await errors.locator('h2').innerText(), /\(1999\)$/);
  assert.equal(await at.innerText(), '第 1701–1800 条，共 1999 条');
  assert.equal(await errors.locator(`li[data-row="${FAR}"]`).count(), 0);

  // The table: the row is marked where it is drawn, after scrolling to it, and again after
  // scrolling away and back (the window of rows is redrawn); no other row is marked.
  const far = await scrollToRow(page, FAR);
  assert.ok(far, 'row drawn after scrolling');
  assert.equal(far.cells.index, manyExpected.toFixed(2), 'the index of the clean row (main engine, assess)');
  assert.match(far.cls, /b-row--fixed/);
  assert.equal(far.cells.fixed, `✎ 已更正 产品监督抽查合格率：9o.${FAR} → 90.5`);
  assert.equal(far.title, `已更正 产品监督抽查合格率：9o.${FAR} → 90.5`);
  assert.equal(await page.locator('[data-testid="table"] thead th[data-col="fixed"]').innerText(), '更正');
  await noViolations(page, 'marked table (zh)');
  await page.locator('.b-vt').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${ARTIFACTS}batch-marked-1280-zh.png` });
  const atTop = await page.locator('.b-vt').evaluate(async (b) => {
    b.scrollTop = 0;
    for (let i = 0; i < 3; i += 1) await new Promise((ok) => requestAnimationFrame(ok));
    return { first: b.querySelector('tbody tr:not(.b-spacer)')?.getAttribute('aria-rowindex'), marked: b.querySelectorAll('tr.b-row--fixed').length };
  });
  assert.deepEqual(atTop, { first: '2', marked: 0 }, 'scrolled back to the top: no row marked there');
  assert.equal((await scrollToRow(page, FAR)).cells.fixed, `✎ 已更正 产品监督抽查合格率：9o.${FAR} → 90.5`);

  // From a table row to its fix input: the 改正 button of a bad row (unranked: near the end),
  // scrolled to; only the rows with bad cells have one.
  const target = 3000;
  assert.equal((await scrollToRow(page, target)).cells.bad, `⚠ 改正第 ${target + 1} 行的错误`);
  const bad = await page.locator('[data-testid="table"] tbody [data-jump]').evaluateAll((bs) => bs.map((b) => Number(b.dataset.jump)));
  assert.ok(bad.includes(target) && bad.every((r) => r % 2 === 0), `bad rows drawn: ${bad}`);
  const jump = page.locator(`[data-testid="table"] [data-jump="${target}"]`);
  assert.match(await jump.innerText(), /^⚠ 改正\s/, 'shown: ⚠ 改正 (the row number is for screen readers)');
  await page.getByRole('button', { name: new RegExp(`^改正\\s?第 ${target + 1} 行的错误$`) }).click();
  const k = target / 2 - (target > FAR ? 1 : 0); // its position in the list (0-based)
  const from = k - (k % 100);
  await at.filter({ hasText: `第 ${from + 1}–${Math.min(from + 100, 1999)} 条，共 1999 条` }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), `b-fix-${target}-${SPOT_COL}`, 'focus on its input');

  // CSV: the policy in words on every row; the correction on its row only.
  let exported = null;
  const parse = async () => { exported = await downloadOf(page, '导出 CSV'); return D.parseCsv(exported.toString('utf8').replace(/^\uFEFF/, '')); };
  let [head, ...data] = await parse();
  assert.deepEqual(head.slice(-2), ['已更正', '缺失数据处理']);
  assert.equal(data.length, 4000);
  assert.ok(data.every((r) => r[head.length - 1] === POLICY_WORDS.missing));
  assert.deepEqual(data.flatMap((r, i) => (r[head.length - 2] ? [[i, r[head.length - 2]]] : [])), [[FAR, `产品监督抽查合格率：9o.${FAR} → 90.5`]]);
  assert.equal(Number(data[FAR][head.indexOf('MQCI指数')]), manyExpected);
  const missingCsv = exported;

  // The other policy: stated as such.
  await page.getByLabel('按不适用处理', { exact: false }).check();
  await page.locator('[data-testid="policy-shown"]').filter({ hasText: '按不适用处理' }).waitFor();
  await scored(page);
  [head, ...data] = await parse();
  assert.ok(data.every((r) => r[head.length - 1] === POLICY_WORDS.not_applicable));

  // English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('html[lang="en"]').waitFor();
  assert.equal(await at.innerText(), `${from + 1}–${Math.min(from + 100, 1999)} of 1999`);
  assert.equal((await scrollToRow(page, FAR)).cells.fixed, `✎ Corrected 产品监督抽查合格率: 9o.${FAR} → 90.5`);
  assert.equal(await page.locator('[data-testid="table"] thead th[data-col="fixed"]').innerText(), 'Corrected');
  await noViolations(page, 'marked table and paged errors (en)');
  await page.locator('.b-vt').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${ARTIFACTS}batch-marked-1280-en.png` });
  await page.locator('[data-testid="errors"] nav').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${ARTIFACTS}batch-errors-paged-1280-en.png` });

  // The exported CSV read back: the policy column passes through, same scores (1,999 bad cells).
  await page.getByRole('button', { name: '中文' }).click();
  await page.locator('html[lang="zh-CN"]').waitFor();
  await page.getByLabel('按缺失处理', { exact: false }).check();
  await scored(page);
  await page.locator('#b-file').setInputFiles({ name: '全区企业-mqci.csv', mimeType: 'text/csv', buffer: missingCsv });
  await page.locator('[data-testid="read-info"]').filter({ hasText: '全区企业-mqci.csv' }).waitFor();
  await scored(page);
  assert.match(await errors.locator('h2').innerText(), /\(1999\)$/);
  assert.equal(await page.locator('[data-testid="mapping"] tr', { hasText: '缺失数据处理' }).locator('select').inputValue(), '', 'passed through');
  assert.equal((await scrollToRow(page, FAR)).cells.index, manyExpected.toFixed(2));
  await finish();
});

for (const lang of ['zh-CN', 'en']) {
  test(`2,000 bad cells on a phone (390×844, ${lang}): the pager and the table's 改正 fit, the marked row`, async () => {
    const { page, finish } = await open({ width: 390, height: 844 });
    if (lang === 'en') {
      await page.getByRole('button', { name: 'English' }).click();
      await page.locator('html[lang="en"]').waitFor();
    }
    await uploadMany(page);
    const nav = page.locator('[data-testid="errors"] nav');
    for (const b of await nav.locator('button, input').all()) {
      const box = await b.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `fits the phone's width: ${JSON.stringify(box)}`);
    }
    await page.getByRole('button', { name: lang === 'en' ? 'Next page' : '下一页' }).click();
    await page.locator('[data-testid="errors-page"]').filter({ hasText: lang === 'en' ? '101–200 of 2000' : '第 101–200 条' }).waitFor();
    await noViolations(page, `paged errors (${lang}, phone)`);
    await nav.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}batch-errors-paged-390-${lang}.png` });
    // Sorted by the 错误 column (rows with bad cells first), fix a row from its 改正, see its mark.
    await page.getByRole('button', { name: lang === 'en' ? 'Sort by Errors' : '按错误排序' }).click();
    await page.locator('th[data-col="bad"][aria-sort="ascending"]').waitFor();
    const first = Number(await page.locator('[data-testid="table"] tbody [data-jump]').first().getAttribute('data-jump'));
    await page.locator(`[data-testid="table"] [data-jump="${first}"]`).click();
    const input = page.locator(`#b-fix-${first}-${SPOT_COL}`);
    await page.waitForFunction((id) => document.activeElement?.id === id, `b-fix-${first}-${SPOT_COL}`);
    await input.fill('90.5');
    await input.press('Enter');
    await page.locator('[data-testid="corrections"]').waitFor();
    await scored(page);
    const row = await scrollToRow(page, first);
    assert.match(row.cls, /b-row--fixed/);
    assert.match(row.cells.fixed, lang === 'en' ? /^✎ Corrected 产品监督抽查合格率: 9o\.\d+ → 90\.5$/ : /^✎ 已更正 产品监督抽查合格率：9o\.\d+ → 90\.5$/);
    await noViolations(page, `marked table (${lang}, phone)`);
    await page.locator('.b-vt').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}batch-marked-390-${lang}.png` });
    await finish();
  });
}
