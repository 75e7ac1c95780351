// Nothing the visitor typed is lost (issue 13): saved data that no longer validates keeps its
// valid parts and a backup of the whole; a failed autosave is shown at once with an export
// button; files too large to read are refused before reading; an exported file whose
// methodology is now refused is imported with that field named; no number on the page is
// ever shown as NaN or Infinity. axe runs in each new state, in both languages.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initSync, defaultMethodology } from '../../www/pkg/mqci.js';
import { runAxe, describeViolations } from './helpers.mjs';
import { launch, openPage, field, typeInto, clearAll } from './fixtures/page.mjs';

initSync({ module: await readFile(fileURLToPath(new URL('../../www/pkg/mqci_bg.wasm', import.meta.url))) });
const METHOD = defaultMethodology();
const KEY = 'mqci:v1:default';

let browser;
before(async () => { browser = await launch(); });
after(() => browser?.close());

async function finish(s) {
  assert.deepEqual(await s.csp(), [], 'securitypolicyviolation fired');
  assert.deepEqual(s.problems, []);
  await s.context.close();
}

async function axe(page, state) {
  const violations = await runAxe(page);
  assert.equal(violations.length, 0, `axe, ${state}:\n${describeViolations(violations)}`);
}

async function toEnglish(page) {
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('.mqci[lang="en"]').waitFor();
}

const refusedMethod = () => {
  const m = structuredClone(METHOD);
  m.indicators.spot_check_pass_rate.weight = 0.9;
  return m;
};
const savedWith = (custom) => JSON.stringify({
  v: 1, savedAt: '2026-01-01T00:00:00Z',
  inputs: { values: { spot_check_pass_rate: '95', quality_loss_rate: '1.2' }, scores: {}, raw: {}, actuals: { consumer_goods_pass_rate: '93' }, profile: 'jiangsu-2025', method: { bandScheme: '2011', standardization: 'linear', custom, name: 'old.json' } },
});

for (const lang of ['zh-CN', 'en']) {
  test(`a saved methodology the engine now refuses is set aside; the values stay, with a backup (${lang})`, async () => {
    const raw = savedWith(refusedMethod());
    const s = await openPage(browser, { storage: { [KEY]: raw } });
    const { page } = s;
    if (lang === 'en') await toEnglish(page);
    const aside = page.locator('[data-testid="set-aside"]');
    await aside.waitFor();
    assert.match(await aside.innerText(), lang === 'en' ? /custom methodology/ : /自定义方法/);
    assert.equal(await page.locator('#mqci1-v-spot_check_pass_rate').inputValue(), '95', 'indicator values kept');
    assert.equal(await page.locator('#mqci1-v-quality_loss_rate').inputValue(), '1.2');
    assert.equal(await page.locator('#mqci1-profile').inputValue(), 'jiangsu-2025');
    assert.equal(await page.locator('#mqci1-a-consumer_goods_pass_rate').inputValue(), '93');
    assert.equal(await page.evaluate((k) => localStorage.getItem(`${k}:backup`), KEY), raw, 'the saved text is kept whole');
    // The refused field is named.
    assert.match(await page.locator('[data-testid="method-errors"]').innerText(), lang === 'en' ? /Quality supervision|supervision/i : /质量监督与检验水平/);
    await axe(page, 'saved data set aside');
    // The backup can be exported as it was.
    const [download] = await Promise.all([page.waitForEvent('download'), aside.getByRole('button', { name: lang === 'en' ? 'Export the backup' : '导出备份' }).click()]);
    const dir = await mkdtemp(join(tmpdir(), 'mqci-'));
    await download.saveAs(join(dir, 'b.json'));
    assert.equal(await readFile(join(dir, 'b.json'), 'utf8'), raw);
    // An edit saves the valid parts; the backup stays.
    await typeInto(page.locator('#mqci1-v-spot_check_pass_rate'), '96');
    const now = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
    assert.deepEqual(now.inputs.values, { spot_check_pass_rate: '96', quality_loss_rate: '1.2' });
    assert.equal(now.inputs.method.custom, null);
    assert.equal(await page.evaluate((k) => localStorage.getItem(`${k}:backup`), KEY), raw);
    await finish(s);
  });

  test(`a failed autosave is shown at once with an export button (${lang})`, async () => {
    const s = await openPage(browser);
    const { page } = s;
    if (lang === 'en') await toEnglish(page);
    await page.evaluate(() => {
      Storage.prototype.setItem = function setItem() { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    });
    await typeInto(page.locator('#mqci1-v-spot_check_pass_rate'), '95');
    const alert = page.locator('[data-testid="save-error"]');
    await alert.waitFor({ timeout: 2000 });
    assert.equal(await alert.getAttribute('role'), 'alert');
    assert.match(await alert.innerText(), lang === 'en' ? /storage is full/ : /存储空间已满/);
    await axe(page, 'autosave failed');
    const [download] = await Promise.all([page.waitForEvent('download'), alert.getByRole('button').click()]);
    const dir = await mkdtemp(join(tmpdir(), 'mqci-'));
    await download.saveAs(join(dir, 'e.json'));
    const data = JSON.parse(await readFile(join(dir, 'e.json'), 'utf8'));
    assert.equal(data.format, 'mqci-export');
    assert.equal(data.inputs.values.spot_check_pass_rate, '95', 'the unsaved edit is in the export');
    await finish(s);
  });
}

test('files too large are refused before they are read, naming the limit', async () => {
  const s = await openPage(browser);
  const { page } = s;
  const big = { name: 'big.json', mimeType: 'application/json', buffer: Buffer.alloc(20 * 1024 * 1024, 32) };
  await page.locator('input[type=file][data-act="importFile"]').setInputFiles(big);
  await page.locator('[data-testid="notice"]').filter({ hasText: '上限为 2 MB' }).waitFor({ timeout: 3000 });
  await page.locator('input[type=file][data-act="methodFile"]').setInputFiles(big);
  await page.locator('[data-testid="method-errors"]').filter({ hasText: '上限为 2 MB' }).waitFor({ timeout: 3000 });
  // Still responsive and unchanged.
  await typeInto(field(page, '质量水平得分'), '90');
  assert.equal(await field(page, '质量水平得分').inputValue(), '90');
  await finish(s);
});

test('an exported file whose methodology is now refused is imported, naming the bad field', async () => {
  const s = await openPage(browser);
  const { page } = s;
  await clearAll(page);
  const dir = await mkdtemp(join(tmpdir(), 'mqci-'));
  const file = join(dir, 'export.json');
  await writeFile(file, JSON.stringify({ format: 'mqci-export', formatVersion: 1, inputs: JSON.parse(savedWith(refusedMethod())).inputs }));
  await page.locator('input[type=file][data-act="importFile"]').setInputFiles(file);
  await page.locator('[data-testid="method-errors"]').waitFor();
  assert.match(await page.locator('[data-testid="method-errors"]').innerText(), /质量监督与检验水平/);
  assert.doesNotMatch(await page.locator('.mqci').innerText(), /不是本工具导出的文件/);
  assert.equal(await page.locator('#mqci1-v-spot_check_pass_rate').inputValue(), '95', 'the values are imported');
  await page.locator('[data-testid="set-aside"]').waitFor();
  await finish(s);
});

test('a huge figure never shows NaN or Infinity', async () => {
  const s = await openPage(browser);
  const { page } = s;
  await clearAll(page);
  for (const [id, spec] of Object.entries(METHOD.indicators)) if (id !== 'avg_sales_revenue') await page.locator(`#mqci1-v-${id}`).fill(String(spec.best));
  await typeInto(page.locator('#mqci1-v-avg_sales_revenue'), `1${'0'.repeat(308)}`);
  await page.waitForTimeout(300);
  const text = await page.locator('.mqci').innerText();
  assert.doesNotMatch(text, /NaN|Infinity/);
  const index = await page.locator('[data-testid="index"]').innerText();
  assert.match(index, /^(\d+\.\d\d|–)$/);
  await finish(s);
});
