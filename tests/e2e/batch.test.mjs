// Batch scoring in the browser (issue 11): a district's enterprises as a GBK CSV and as an XLSX
// made here (Chinese headers, bad and missing cells), one column mapped by hand (and
// remembered), the ranked table, summary, region index and per-街道 figures, both exports parsed
// back, a 50,000-row file that shows its progress and is cancelled, axe in zh and en.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, baseUrl, runAxe, describeViolations } from './helpers.mjs';
import * as D from './batch-data.mjs';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const GBK_CSV = Buffer.from(D.toGbk(D.toCsv(D.RAW_HEADERS, D.rawRows(40))));
const HAND = '科研经费支出';

let browser;
before(async () => {
  browser = await launch();
  await mkdir(ARTIFACTS, { recursive: true });
});
after(() => browser?.close());

async function open({ viewport = { width: 1280, height: 800 }, context } = {}) {
  const ctx = context || await browser.newContext({ viewport, acceptDownloads: true });
  await ctx.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await ctx.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    if (!/^(blob|data):/.test(r.url()) && !r.url().startsWith(baseUrl().replace(/\/$/, ''))) problems.push(`third-party request: ${r.url()}`);
  });
  await page.goto(`${baseUrl()}batch.html`);
  await page.locator('#b-file').waitFor({ state: 'attached' });
  const finish = async () => {
    assert.deepEqual(await page.evaluate(() => window.__csp), [], 'securitypolicyviolation fired');
    assert.deepEqual(problems, []);
    await ctx.close();
  };
  return { ctx, page, problems, finish };
}

async function noViolations(page, state) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, `axe, ${state}:\n${describeViolations(violations)}`);
}

const upload = (page, name, buffer) => page.locator('#b-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });

/** Waits until the worker has answered (not busy) and the results are there. */
async function scored(page) {
  await page.locator('#batch[aria-busy="false"] [data-testid="results"]').waitFor({ timeout: 60_000 });
}

async function downloadOf(page, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

/** Reads an XLSX through the batch module itself (calamine) in the page: { sheets, [sheet]: { headers, rows } }. */
function readXlsxInPage(page, bytes, sheets) {
  return page.evaluate(async ({ data, sheets: names }) => {
    const b = await import('./pkg/mqci_batch.js');
    await b.default();
    const u8 = Uint8Array.from(data);
    const out = {};
    for (const sheet of names) {
      const t = b.readTable(u8, 'x.xlsx', { sheet, headerRow: 0 });
      out.sheets = t.info.sheets;
      out[sheet] = { headers: t.headers, rows: t.rows(0, t.rowCount) };
    }
    return out;
  }, { data: [...bytes], sheets });
}

/** The visible table as { header: [texts], rows: [[texts]] }. */
const tableText = (page) => page.locator('[data-testid="table"]').evaluate((t) => ({
  header: [...t.querySelectorAll('thead th')].map((th) => th.dataset.col),
  rows: [...t.querySelectorAll('tbody tr:not(.b-spacer)')].map((tr) => [...tr.children].map((c) => c.textContent.trim())),
}));

test('GBK CSV: one column mapped by hand, ranked table, summary, region index per 街道, errors, CSV and XLSX parsed back', async () => {
  const s = await open();
  const { page } = s;
  await noViolations(page, 'empty batch page (zh)');
  await upload(page, '东城区规上企业.csv', GBK_CSV);
  await scored(page);
  assert.match(await page.locator('[data-testid="read-info"]').innerText(), /东城区规上企业\.csv：40 行、24 列（CSV，编码 GB18030）/);
  assert.match(await page.locator('[data-testid="policy-shown"]').innerText(), /按缺失处理/);
  // Without 科研经费支出 no index is complete (研发 is missing): ranges only.
  assert.equal(await page.locator('[data-testid="sum-sumComplete"]').innerText(), '0');
  const hand = page.locator(`[data-testid="mapping"] tr:has(th:text-is("${HAND}")) select`);
  assert.equal(await hand.inputValue(), '');
  await hand.selectOption('rd_expenditure_share.numerator');
  await page.locator('[data-testid="sum-sumComplete"]').filter({ hasNotText: /^0$/ }).waitFor();
  await scored(page);
  assert.deepEqual(await page.evaluate(() => JSON.parse(localStorage.getItem('mqci-batch-mapping'))), { [HAND]: 'rd_expenditure_share.numerator' });
  assert.match(await page.locator(`[data-testid="mapping"] tr:has(th:text-is("${HAND}"))`).innerText(), /已手动改过/);

  // The table: ranked by index, names decoded from GBK, at most a window of rows drawn.
  const { header, rows } = await tableText(page);
  assert.deepEqual(header.slice(0, 5), ['rank', 'name', 'g2', 'g3', 'index']);
  assert.equal(rows.length, 40);
  const complete = rows.filter((r) => /^\d+\.\d\d$/.test(r[4]));
  assert.ok(complete.length >= 30, `${complete.length} complete rows`);
  complete.forEach((r, i) => {
    assert.equal(Number(r[0]), 1 + complete.filter((x) => Number(x[4]) > Number(r[4])).length, 'rank: 1 + those above (ties share)');
    if (i) assert.ok(Number(r[4]) <= Number(complete[i - 1][4]), 'index descending with rank');
  });
  assert.match(rows[0][1], /^企业\d{5}有限公司$/);
  const completeN = Number(await page.locator('[data-testid="sum-sumComplete"]').innerText());
  assert.equal(completeN, complete.length);

  // Summary: per band adds up to the complete ones; median shown; each target counted.
  const perBand = await page.locator('[data-testid="bands"] tbody tr td:nth-child(2)').allInnerTexts();
  assert.equal(perBand.map(Number).reduce((a, b) => a + b, 0), completeN);
  const sorted = complete.map((r) => Number(r[4])).sort((a, b) => a - b);
  const med = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  assert.ok(Math.abs(Number(await page.locator('[data-testid="sum-sumMedian"]').innerText()) - med) <= 0.01, 'median of the shown indices');
  const met86 = Number(await page.locator('[data-testid="targets-met"] tr[data-profile="national-2025"] td').first().innerText());
  assert.equal(met86, sorted.filter((x) => x >= 86).length);

  // The region's own index (Σ÷Σ) beside mean and median, overall and per 街道 (4 × 10).
  const all = await page.locator('[data-testid="region-all"] tbody tr').innerText();
  assert.match(all, /全部企业\s+40\s+\d+\.\d\d/);
  const street = page.locator('[data-testid="region-街道"] tbody tr');
  assert.equal(await street.count(), 4);
  for (const text of await street.allInnerTexts()) assert.match(text, /^(东城街道|西城街道|南湖街道|高新园区)\s+10\s+\d+\.\d\d/);

  // The bad cell, with row, column and value; the missing forms are not errors.
  const errors = await page.locator('[data-testid="errors"] li .b-errline').allInnerTexts();
  assert.deepEqual(errors, ['第 2 行，“内部损失成本（万元）”列，值“abc”：不是数字']);

  // Filter by 街道, sort by index.
  await page.getByLabel('按“街道”筛选').selectOption('东城街道');
  await page.locator('[data-testid="showing"]').filter({ hasText: '显示 10 家企业（共 40 家）' }).waitFor();
  assert.deepEqual([...new Set((await tableText(page)).rows.map((r) => r[3]))], ['东城街道']);
  await page.getByLabel('按“街道”筛选').selectOption({ label: '全部' });
  await page.getByRole('button', { name: '按指数排序' }).click();
  await page.locator('th[data-col="index"][aria-sort="ascending"]').waitFor();
  const asc = (await tableText(page)).rows.map((r) => r[4]).filter((x) => /^\d+\.\d\d$/.test(x)).map(Number);
  assert.deepEqual(asc, [...asc].sort((a, b) => a - b));

  await noViolations(page, 'results (zh)');
  await page.screenshot({ path: `${ARTIFACTS}batch-1280-zh.png`, fullPage: true });

  // CSV: UTF-8 with BOM, the original headers then the scores; the indices are the table's.
  const csv = await downloadOf(page, '导出 CSV');
  assert.equal(csv.name, '东城区规上企业-mqci.csv');
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const [head, ...data] = D.parseCsv(new TextDecoder('utf-8', { fatal: true }).decode(csv.bytes.subarray(3)));
  assert.deepEqual(head.slice(0, D.RAW_HEADERS.length), D.RAW_HEADERS);
  const at = (h) => head.indexOf(h);
  assert.ok(at('排名') > 0 && at('MQCI指数') > 0, head.join(','));
  assert.equal(data.length, 40);
  const shown = Object.fromEntries(rows.map((r) => [r[1], r[4]]));
  for (const row of data) {
    const idx = row[at('MQCI指数')];
    if (idx !== '') assert.equal(Number(idx).toFixed(2), shown[row[0]], row[0]);
  }
  assert.equal(data.filter((r) => r[at('MQCI指数')] !== '').length, completeN);

  // XLSX: 结果 / 汇总 / 说明, read back with the module's own reader: same scores as the CSV.
  const xlsx = await downloadOf(page, '导出 XLSX');
  assert.equal(xlsx.name, '东城区规上企业-mqci.xlsx');
  const book = await readXlsxInPage(page, xlsx.bytes, ['结果', '说明']);
  assert.deepEqual(book.sheets, ['结果', '汇总', '说明']);
  assert.deepEqual(book['结果'].headers, head);
  assert.equal(book['结果'].rows.length, 40);
  book['结果'].rows.forEach((r, i) => assert.equal(r[at('MQCI指数')], data[i][at('MQCI指数')], `row ${i + 1}`));
  const about = Object.fromEntries(book['说明'].rows.map((r) => [r[0], r[1]]));
  assert.equal(about['输入文件'], '东城区规上企业.csv');
  assert.equal(about['缺失单元格处理'], 'missing');
  // The digest of the very bytes uploaded (computed on export from the bytes the reader kept).
  assert.equal(about['输入文件 SHA-256'], createHash('sha256').update(GBK_CSV).digest('hex'));
  assert.deepEqual(book['说明'].rows.find((r) => r[0] === HAND)?.slice(0, 2), [HAND, 'rd_expenditure_share.numerator']);

  // English: same figures, worded in English; axe again; phone width.
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('html[lang="en"]').waitFor();
  assert.match(await page.locator('[data-testid="read-info"]').innerText(), /40 rows, 24 columns \(CSV, encoding GB18030\)/);
  assert.match(await page.locator('[data-testid="errors"] li .b-errline').innerText(), /^Row 2, column “内部损失成本（万元）”, value “abc”: not a number$/);
  await noViolations(page, 'results (en)');
  await page.screenshot({ path: `${ARTIFACTS}batch-1280-en.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${ARTIFACTS}batch-390-en.png`, fullPage: true });
  await noViolations(page, 'results at 390 px (en)');
  await page.getByRole('button', { name: '中文' }).click();
  await page.locator('html[lang="zh-CN"]').waitFor();
  await page.screenshot({ path: `${ARTIFACTS}batch-390-zh.png`, fullPage: true });
  await noViolations(page, 'results at 390 px (zh)');
  // No sideways scroll on a phone: the wide tables scroll inside their own boxes (the table's
  // screen-reader texts, positioned, once widened the page to 1,897 px).
  assert.deepEqual(await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]), [390, 390]);

  // The hand mapping is remembered: a new visit applies it to the same header.
  const again = await s.ctx.newPage();
  await again.goto(`${baseUrl()}batch.html`);
  await upload(again, 'again.csv', GBK_CSV);
  await scored(again);
  assert.equal(await again.locator(`[data-testid="mapping"] tr:has(th:text-is("${HAND}")) select`).inputValue(), 'rd_expenditure_share.numerator');
  assert.equal(await again.locator('[data-testid="sum-sumComplete"]').innerText(), String(completeN));
  await again.close();
  await s.finish();
});

test('XLSX with two sheets: the sheet is chosen, each index equals the engine’s assess, 不适用 follows the policy', async () => {
  const s = await open();
  const { page } = s;
  const rows = D.indicatorRows(10);
  const book = D.xlsx([{ name: '填表说明', rows: [['本表由区统计局汇总'], ['单位：%']] }, { name: '企业', rows: [D.INDICATOR_HEADERS, ...rows] }]);
  await upload(page, '指标.xlsx', book);
  await page.locator('#batch[aria-busy="false"] #b-sheet').waitFor();
  assert.deepEqual(await page.locator('#b-sheet option').allInnerTexts(), ['填表说明', '企业']);
  await page.locator('#b-sheet').selectOption('企业');
  await page.locator('[data-testid="read-info"]').filter({ hasText: '10 行、14 列（XLSX）' }).waitFor();
  await scored(page);
  // Each row against the main engine's one-at-a-time assess (the same numbers, issue 11 §2).
  const expected = await page.evaluate(async ({ rows: list, ids }) => {
    const m = await import('./pkg/mqci.js');
    await m.default();
    return list.map((r) => {
      const values = {};
      const na = [];
      ids.forEach((id, k) => {
        const v = r[k + 2];
        if (v === '不适用') na.push(id);
        else values[id] = v;
      });
      try {
        const a = m.assess({ values, notApplicable: na });
        return a.index == null ? null : a.index.toFixed(2);
      } catch (e) {
        return `error ${e.code}`;
      }
    });
  }, { rows, ids: D.INDICATOR_IDS });
  const byName = async () => {
    const { header, rows: shownRows } = await tableText(page);
    return Object.fromEntries(shownRows.map((r) => [r[1], r[header.indexOf('index')]]));
  };
  let shown = await byName();
  rows.forEach((r, i) => {
    if (i === 2) assert.match(expected[i], /^error /, 'the engine refuses x1.5 too');
    else if (i === 3) assert.match(shown[r[0]], /^\d+\.\d\d–\d+\.\d\d$/, '不适用 as missing: a range');
    else assert.equal(shown[r[0]], expected[i], r[0]);
  });
  assert.deepEqual(await page.locator('[data-testid="errors"] li .b-errline').allInnerTexts(), ['第 3 行，“质量损失率”列，值“x1.5”：不是数字']);
  // 不适用 as not applicable: row 4 gets the engine's re-weighted index, and the output says so.
  await page.getByLabel(/按不适用处理/).check();
  await page.locator('[data-testid="policy-shown"]').filter({ hasText: '按不适用处理' }).waitFor();
  await scored(page);
  shown = await byName();
  assert.equal(shown[rows[3][0]], expected[3]);
  await noViolations(page, 'XLSX results (zh)');
  await s.finish();
});

test('a 50,000-row file shows its progress and can be cancelled; the page keeps working', async () => {
  const s = await open();
  const { page } = s;
  // 50,000 enterprises as XLSX (about 60 MB of sheet XML): seconds of work for the worker, so the
  // cancel comes while it is still at it.
  const big = D.xlsx([{ name: '全省', rows: [D.RAW_HEADERS, ...D.rawRows(50_000, { bad: false })] }]);
  const dir = await mkdtemp(join(tmpdir(), 'mqci-batch-'));
  await writeFile(join(dir, '全省.xlsx'), big);
  const started = Date.now();
  await page.locator('#b-file').setInputFiles(join(dir, '全省.xlsx'));
  const progress = page.locator('[data-testid="progress"]');
  await progress.waitFor({ state: 'visible' });
  assert.match(await progress.locator('[role="status"]').innerText(), /^第 [1-4]\/4 步：/);
  assert.ok(Number(await progress.locator('progress').getAttribute('value') ?? await progress.locator('progress').evaluate((p) => p.value)) >= 0);
  assert.equal(await page.locator('#batch').getAttribute('aria-busy'), 'true');
  await page.screenshot({ path: `${ARTIFACTS}batch-progress-1280-zh.png` });
  await progress.getByRole('button', { name: '取消' }).click();
  await page.locator('[data-testid="notice"]').filter({ hasText: '已取消' }).waitFor();
  console.log(`# cancelled ${Date.now() - started} ms after the upload`);
  await rm(dir, { recursive: true, force: true });
  await noViolations(page, 'cancelled (zh)');
  assert.equal(await progress.isVisible(), false);
  assert.equal(await page.locator('[data-testid="results"]').count(), 0);
  // A new worker: the next file is read and scored.
  await upload(page, 'small.csv', GBK_CSV);
  await scored(page);
  assert.match(await page.locator('[data-testid="read-info"]').innerText(), /40 行/);
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('html[lang="en"]').waitFor();
  await noViolations(page, 'after a cancel (en)');
  await s.finish();
});

test('a big file scrolls in a window of rows', async () => {
  const s = await open();
  const { page } = s;
  await upload(page, 'big.csv', Buffer.from(D.toCsv(D.RAW_HEADERS, D.rawRows(5000, { bad: false })), 'utf8'));
  await scored(page);
  const count = () => page.locator('[data-testid="table"] tbody tr:not(.b-spacer)').count();
  assert.ok(await count() <= 50, 'at most 50 rows drawn');
  await page.locator('.b-vt').evaluate((b) => { b.scrollTop = b.scrollHeight / 2; });
  await page.locator('[data-testid="table"] tbody tr[aria-rowindex="2500"]').waitFor();
  assert.ok(await count() <= 50);
  assert.equal(await page.locator('[data-testid="table"]').getAttribute('aria-rowcount'), '5001');
  await s.finish();
});

test('a block pasted from Excel (tab-separated, Chinese headers) is read and scored like a file', async () => {
  const s = await open();
  const { page } = s;
  const rows = D.indicatorRows(6).slice(0, 2).concat(D.indicatorRows(6).slice(4));
  const block = [D.INDICATOR_HEADERS, ...rows].map((r) => r.join('\t')).join('\r\n');
  await page.getByLabel('或者粘贴从 Excel 复制的一块表格（含表头行）').fill(block);
  await page.getByRole('button', { name: '读入粘贴的表格' }).click();
  await scored(page);
  assert.match(await page.locator('[data-testid="read-info"]').innerText(), /^粘贴的表格\.tsv：4 行、14 列（TSV，编码 UTF-8）/);
  assert.equal(await page.locator('[data-testid="sum-sumComplete"]').innerText(), '4');
  assert.equal(await page.locator('[data-testid="mapping"] tr:has(th:text-is("质量损失率")) select').inputValue(), 'quality_loss_rate');
  await noViolations(page, 'pasted (zh)');
  await s.finish();
});

test('a block pasted while the engine is still loading is kept, with the focus, when the engine becomes ready', async () => {
  // The page is rebuilt when the worker's engine is ready; on a slow machine that comes after the
  // visitor has pasted. Hold the batch wasm back until the paste is in, then let it load.
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  let release;
  const gate = new Promise((r) => { release = r; });
  await ctx.route('**/mqci_batch_bg.wasm', async (route) => { await gate; await route.continue(); });
  const s = await open({ context: ctx });
  const { page } = s;
  const block = [D.INDICATOR_HEADERS, ...D.indicatorRows(3)].map((r) => r.join('\t')).join('\r\n');
  const box = page.getByLabel('或者粘贴从 Excel 复制的一块表格（含表头行）');
  await box.fill(block);
  release();
  await page.waitForFunction(() => document.querySelector('#batch').dataset.engine === 'warm');
  assert.equal(await box.inputValue(), block.replace(/\r\n/g, '\n'), 'the pasted text survives the page being rebuilt');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'b-paste', 'the paste box keeps the focus');
  await page.getByRole('button', { name: '读入粘贴的表格' }).click();
  await scored(page);
  assert.match(await page.locator('[data-testid="read-info"]').innerText(), /^粘贴的表格\.tsv：3 行/);
  await s.finish();
});

test('an exported CSV read back is scored by the policy it states (缺失数据处理), and the page says so', async () => {
  const s = await open();
  const { page } = s;
  // Every third enterprise lacks 出口商品检验合格率: the policy decides its index.
  const col = D.INDICATOR_HEADERS.indexOf('出口商品检验合格率');
  const rows = D.indicatorRows(12).map((r, i) => (i % 3 === 0 ? r.map((c, k) => (k === col ? '' : c)) : r));
  await page.getByLabel(/按不适用处理/).check();
  await upload(page, '区属企业.csv', Buffer.from(D.toCsv(D.INDICATOR_HEADERS, rows)));
  await scored(page);
  const byName = async () => {
    const { header, rows: shown } = await tableText(page);
    return Object.fromEntries(shown.map((r) => [r[header.indexOf('name')], r[header.indexOf('index')]]));
  };
  const first = await byName();
  assert.equal(Object.keys(first).length, 12, 'twelve named rows');
  const complete = (m) => Object.values(m).filter((x) => /^\d+\.\d\d$/.test(x)).length;
  const csv = await downloadOf(page, '导出 CSV');
  // The visitor switches to the other rule, then reads the export back.
  await page.getByLabel(/按缺失处理/).check();
  await page.locator('[data-testid="policy-shown"]').filter({ hasText: '按缺失处理' }).waitFor();
  await page.locator('#batch[aria-busy="false"]').waitFor();
  assert.ok(complete(await byName()) < complete(first), 'as missing, the enterprises without the figure get a range');
  await upload(page, csv.name, csv.bytes);
  await scored(page);
  assert.match(await page.locator('[data-testid="notice"]').innerText(), /“缺失数据处理”列写明了它的处理方式，已按它计分：按不适用处理（权重分给同级）/);
  assert.equal(await page.getByLabel(/按不适用处理/).isChecked(), true);
  assert.deepEqual(await byName(), first, 'export → import: the same indices');
  await noViolations(page, 'policy adopted (zh)');
  await s.finish();
});
