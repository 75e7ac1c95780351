// End-to-end tests of the page's behaviour: live results from typed figures and sub-scores,
// examples, target check, methodology switches and custom files, autosave and reload,
// export/import, share link, language switch, bad input, clear dialog, print, and the
// mount() API (two instances on one page). Every test also asserts that nothing tripped
// the CSP and that no page error or third-party request happened.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initSync, defaultMethodology, readMethodology } from '../../www/pkg/mqci.js';
import { launch, baseUrl, openPage, field, indexText, clearAll, typeInto, expectIndex, confirmDialog, ready } from './fixtures/page.mjs';

initSync({ module: await readFile(fileURLToPath(new URL('../../www/pkg/mqci_bg.wasm', import.meta.url))) });
const METHOD = defaultMethodology();
const INDICATORS = Object.entries(METHOD.indicators);

let browser;
before(async () => { browser = await launch(); });
after(() => browser?.close());

async function clean(t, session) {
  const violations = await session.csp();
  assert.deepEqual(violations, [], 'securitypolicyviolation fired');
  assert.deepEqual(session.problems, [], 'page errors, failed or third-party requests');
  await session.context.close();
}

const row = (page, metric) => page.locator(`[data-testid="target-table"] tr[data-metric="${metric}"]`);

test('a first visit starts empty; the examples give the published national 2007 result and the Chengdu target check', async (t) => {
  const s = await openPage(browser, { examples: false });
  const { page } = s;
  assert.equal(await page.locator('[data-testid="index"]').innerText(), '–');
  assert.match(await page.locator('[data-testid="notice"]').innerText(), /示例按钮载入公开数据示例/);
  await page.locator('[data-act="example"][data-id="national-2007"]').click();
  await page.locator('[data-act="example"][data-id="chengdu-2023"]').click();
  await expectIndex(page, '80.99');
  assert.equal(await page.locator('[data-testid="band"]').innerText(), '初步竞争力');
  assert.equal(await field(page, '质量水平得分').inputValue(), '84.76');
  assert.equal(await field(page, '发展能力得分').inputValue(), '77.21');
  assert.match(await page.locator('[data-testid="notice"]').innerText(), /已载入示例“成都 2023 年”/);
  assert.equal(await page.locator('[data-testid="score-quality_level"]').innerText(), '84.76');
  // Target check: the computed index is used for MQCI, Chengdu's published figures are filled in.
  assert.equal(await page.locator('#mqci1-profile').inputValue(), 'chengdu-2027');
  const mqciRow = row(page, 'mqci');
  assert.equal(await mqciRow.locator('[data-status]').getAttribute('data-status'), 'not_met');
  assert.match(await mqciRow.innerText(), /80\.99/);
  assert.match(await mqciRow.innerText(), /-10\.01/);
  assert.match(await mqciRow.innerText(), /未达标/);
  assert.equal(await mqciRow.locator('svg.mqci-icon').count(), 1, 'status has an icon besides its text');
  assert.match(await row(page, 'industrial_product_pass_rate').innerText(), /94\.5%[\s\S]*\+0\.50[\s\S]*已达标/);
  // The enterprise view (issue 10): no 食品 / 农产品 / 公共服务 rows; mode="targets" shows them (plan.test.mjs).
  assert.equal(await row(page, 'food_drug_sampling_pass_rate').count(), 0);
  assert.match(await page.locator('.mqci-targets').innerText(), /来源：成都市《关于深入推进质量强市建设推动高质量发展的实施方案/);
  await clean(t, s);
});

test('typing figures recomputes live: 2007 sub-scores give 80.99, all twelve at best give 100', async (t) => {
  const s = await openPage(browser);
  const { page } = s;
  await clearAll(page);
  assert.equal(await indexText(page), '–');
  assert.match(await page.locator('[data-testid="state"]').innerText(), /请输入指标数值或分项得分/);
  await page.locator('.mqci-scores > summary').click();
  await typeInto(field(page, '质量水平得分'), '84.76');
  assert.equal(await indexText(page), '–', 'one sub-score is not yet an index');
  assert.match(await page.locator('[data-testid="state"]').innerText(), /之间/);
  await typeInto(field(page, '发展能力得分'), '77.21');
  await expectIndex(page, '80.99');
  assert.equal(await page.locator('[data-testid="band"]').innerText(), '初步竞争力');
  // The live region announces the result concisely (debounced).
  await page.locator('[data-testid="live"]').filter({ hasText: '指数 80.99，初步竞争力。' }).waitFor({ timeout: 3000 });

  await typeInto(field(page, '质量水平得分'), '');
  await typeInto(field(page, '发展能力得分'), '');
  for (const [i, [, spec]] of INDICATORS.entries()) {
    await typeInto(field(page, spec.zh), String(spec.best));
    if (i === 5) {
      assert.equal(await indexText(page), '–');
      assert.match(await page.locator('[data-testid="state"]').innerText(), /已计入 6\/12 项/);
      assert.match(await page.locator('[data-testid="state"]').innerText(), /缺少：研究与试验发展经费比重/);
    }
  }
  await expectIndex(page, '100.00');
  assert.equal(await page.locator('[data-testid="band"]').innerText(), '较强竞争力');
  for (const [id] of INDICATORS) assert.equal(await page.locator(`[data-testid="iscore-${id}"]`).innerText(), '100.00');
  assert.equal(await page.locator('[data-testid="score-development_capability"]').innerText(), '100.00');
  assert.match(await page.locator('#mqci1-o-spot_check_pass_rate').innerText(), /得分 100\.00/);
  // Typed the way people type: full-width digits and a percent sign.
  await typeInto(field(page, '产品监督抽查合格率'), '９４．５%');
  assert.match(await page.locator('#mqci1-o-spot_check_pass_rate').innerText(), /得分 9\d\.\d\d/);
  assert.notEqual(await indexText(page), '100.00');
  await clean(t, s);
});

test('inputs survive a reload, and so do the language and large-text preferences', async (t) => {
  const s = await openPage(browser);
  const { page } = s;
  await clearAll(page);
  await typeInto(field(page, '产品监督抽查合格率'), '95');
  await typeInto(field(page, '质量损失率'), '1.2');
  await page.locator('#mqci1-a-mqci').fill('88.5');
  await page.getByRole('button', { name: '大字号' }).click();
  const before = await page.locator('[data-testid="state"]').innerText();
  await page.reload();
  await page.locator('.mqci-card').first().waitFor();
  assert.equal(await field(page, '产品监督抽查合格率').inputValue(), '95');
  assert.equal(await field(page, '质量损失率').inputValue(), '1.2');
  assert.equal(await page.locator('#mqci1-a-mqci').inputValue(), '88.5');
  assert.equal(await page.locator('[data-testid="state"]').innerText(), before);
  assert.equal(await page.getByRole('button', { name: '大字号' }).getAttribute('aria-pressed'), 'true');
  assert.ok(await page.locator('.mqci.mqci--large').count());
  assert.equal(await page.locator('[data-testid="notice"]').count(), 0, 'no first-visit notice on a return visit');
  const saved = await page.evaluate(() => Object.keys(localStorage));
  assert.ok(saved.includes('mqci:v1:default'), `namespaced key, got ${saved}`);
  await clean(t, s);
});

test('export downloads the inputs with results and versions; import restores them exactly', async (t) => {
  const s = await openPage(browser);
  const { page } = s;
  await clearAll(page);
  await typeInto(field(page, '产品监督抽查合格率'), '96.5');
  await typeInto(field(page, '国际市场销售率'), '12');
  await page.locator('#mqci1-profile').selectOption('jiangsu-2025');
  await page.locator('#mqci1-a-consumer_goods_pass_rate').fill('95.5');
  await page.locator('#mqci1-bandScheme').selectOption('2009');
  const before = await page.evaluate(() => localStorage.getItem('mqci:v1:default'));
  const shownBefore = await page.locator('[data-testid="state"]').innerText();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出文件' }).click()]);
  assert.match(download.suggestedFilename(), /^mqci-\d{4}-\d\d-\d\d\.json$/);
  const dir = await mkdtemp(join(tmpdir(), 'mqci-'));
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const data = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(data.format, 'mqci-export');
  assert.equal(data.engineVersion, '0.1.0');
  assert.equal(data.methodology.id, METHOD.id);
  assert.equal(data.methodology.version, METHOD.version);
  assert.equal(data.methodology.bandScheme, '2009');
  assert.ok(!Number.isNaN(Date.parse(data.exportedAt)));
  assert.deepEqual(data.inputs.values, { spot_check_pass_rate: '96.5', export_sales_share: '12' });
  assert.equal(data.inputs.profile, 'jiangsu-2025');
  assert.equal(data.inputs.actuals.consumer_goods_pass_rate, '95.5');
  assert.equal(data.results.assessment.indicators.spot_check_pass_rate.value, 96.5);
  assert.equal(data.results.targets.profile.id, 'jiangsu-2025');

  await clearAll(page);
  assert.equal(await field(page, '产品监督抽查合格率').inputValue(), '');
  await page.locator('input[type=file][data-act="importFile"]').setInputFiles(file);
  await page.locator('[data-testid="notice"]').filter({ hasText: '已导入文件' }).waitFor();
  assert.equal(await field(page, '产品监督抽查合格率').inputValue(), '96.5');
  assert.equal(await field(page, '国际市场销售率').inputValue(), '12');
  assert.equal(await page.locator('#mqci1-profile').inputValue(), 'jiangsu-2025');
  assert.equal(await page.locator('#mqci1-bandScheme').inputValue(), '2009');
  assert.equal(await page.locator('#mqci1-a-consumer_goods_pass_rate').inputValue(), '95.5');
  assert.equal(await page.locator('[data-testid="state"]').innerText(), shownBefore);
  const after = await page.evaluate(() => localStorage.getItem('mqci:v1:default'));
  assert.deepEqual(JSON.parse(after).inputs, JSON.parse(before).inputs);

  // A file that is not an export gives a visible message and changes nothing.
  const bad = join(dir, 'bad.json');
  await writeFile(bad, '{"hello": 1}');
  await page.locator('input[type=file][data-act="importFile"]').setInputFiles(bad);
  await page.locator('[data-testid="notice"]').filter({ hasText: '无法导入文件“bad.json”：不是本工具导出的文件' }).waitFor();
  await writeFile(bad, 'not json{');
  await page.locator('input[type=file][data-act="importFile"]').setInputFiles(bad);
  await page.locator('[data-testid="notice"]').filter({ hasText: '不是有效的 JSON 文件' }).waitFor();
  assert.equal(await field(page, '产品监督抽查合格率').inputValue(), '96.5');
  await clean(t, s);
});

test('a share link carries the inputs in the fragment and restores them elsewhere', async (t) => {
  const s = await openPage(browser);
  const { page } = s;
  await clearAll(page);
  await typeInto(field(page, '新产品销售比重'), '22.5');
  await page.locator('.mqci-scores > summary').click();
  await typeInto(field(page, '质量水平得分'), '88');
  await page.getByRole('button', { name: '分享链接' }).click();
  const url = await page.locator('[data-testid="share-url"]').inputValue();
  assert.match(url, /^http:\/\/[^#]+\/#s=[A-Za-z0-9_-]+$/);
  assert.equal(new URL(url).search, '', 'nothing in the query string, which would reach the server');

  const other = await openPage(browser, { hash: new URL(url).hash });
  const p2 = other.page;
  assert.equal(await field(p2, '新产品销售比重').inputValue(), '22.5');
  assert.equal(await field(p2, '质量水平得分').inputValue(), '88');
  assert.match(await p2.locator('[data-testid="notice"]').innerText(), /已从分享链接恢复数据/);
  assert.equal(new URL(p2.url()).hash, '', 'the fragment is removed once applied');
  assert.equal(await p2.locator('[data-testid="state"]').innerText(), await page.locator('[data-testid="state"]').innerText());
  await clean(t, other);
  await clean(t, s);
});

test('a corrupt share link or saved state gives a visible message, not a broken page', async (t) => {
  const s = await openPage(browser, { hash: '#s=bm90LWpzb24' });
  assert.match(await s.page.locator('[data-testid="notice"]').innerText(), /链接中的数据无法读取/);
  await expectIndex(s.page, '–'); // a first visit starts empty (issue 9)
  await clean(t, s);

  const s2 = await openPage(browser, { storage: { 'mqci:v1:default': '{"v":1,"inputs":[' } });
  assert.match(await s2.page.locator('[data-testid="notice"]').innerText(), /保存的数据已损坏/);
  await typeInto(field(s2.page, '质量损失率'), '1');
  assert.match(await s2.page.locator('#mqci1-o-quality_loss_rate').innerText(), /得分/);
  await clean(t, s2);

  const s3 = await openPage(browser, { storage: { 'mqci:v1:default': JSON.stringify({ v: 1, inputs: { values: { spot_check_pass_rate: '<img src=x onerror=alert(1)>' } } }) } });
  assert.equal(await field(s3.page, '产品监督抽查合格率').inputValue(), '<img src=x onerror=alert(1)>');
  assert.equal(await s3.page.locator('.mqci img').count(), 0, 'stored strings stay inert text');
  await s3.page.locator('[data-testid="error-summary"]').filter({ hasText: '“<img src=x onerror=alert(1)>”不是数字' }).waitFor();
  await clean(t, s3);
});

test('the language switch changes every label, the lang attributes and the number format', async (t) => {
  const s = await openPage(browser);
  const { page } = s;
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('.mqci[lang="en"]').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await page.locator('.mqci').getAttribute('lang'), 'en');
  assert.equal(await page.title(), 'MQCI self-assessment');
  assert.equal(await page.locator('[data-testid="band"]').innerText(), 'Initial competitiveness');
  assert.ok(await field(page, 'Supervisory spot-check pass rate').count());
  assert.match(await page.locator('[data-testid="target-table"]').innerText(), /Not met/);
  assert.equal(await page.getByRole('button', { name: '中文' }).count(), 1);
  assert.equal(await page.getByRole('button', { name: '中文' }).evaluate((b) => b.matches(':focus')), true, 'focus stays on the switch');
  // No Chinese left in the UI chrome (only data: names of documents and their wording).
  const chrome = await page.evaluate(() => {
    const skip = (el) => el.closest('.mqci-wording, .mqci-src, caption, option, [lang="zh-CN"], .mqci-prov, .mqci-tag, .mqci-mtable, [data-testid="notice"], .mqci-formulas');
    const out = [];
    const walker = document.createTreeWalker(document.querySelector('.mqci'), NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const n = walker.currentNode;
      if (/[\u4e00-\u9fff]/.test(n.textContent) && !skip(n.parentElement)) out.push(n.textContent);
    }
    return out;
  });
  assert.deepEqual(chrome.filter((x) => !/[A-Za-z]/.test(x)), [], 'untranslated strings');
  // The page's and the widget's lang are set only when they change: setting one, even to the
  // same value, restyles every element under it (a repaint did so on every keystroke).
  await page.evaluate(() => {
    window.langSets = 0;
    const count = new MutationObserver((records) => { window.langSets += records.length; });
    for (const el of [document.documentElement, document.querySelector('.mqci')]) count.observe(el, { attributes: true, attributeFilter: ['lang'] });
  });
  // Numbers are formatted for the locale: a thousands separator in English.
  await typeInto(field(page, 'Average sales revenue per enterprise'), '1234.5');
  assert.match(await page.locator('.mqci-results').innerText(), /1,234\.5/);
  assert.equal(await page.evaluate(() => window.langSets), 0, 'typing repaints without setting lang');
  await page.getByRole('button', { name: '中文' }).click();
  await page.locator('.mqci[lang="zh-CN"]').waitFor();
  assert.equal(await page.evaluate(() => window.langSets), 2, 'the switch sets each lang once');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.equal(await page.title(), '制造业质量竞争力指数自评');
  assert.equal(await field(page, '平均产品销售收入').inputValue(), '1234.5');
  await clean(t, s);
});

test('bad input: an error summary links to each field, inline errors, and the rest still computes', async (t) => {
  const s = await openPage(browser);
  const { page } = s;
  await clearAll(page);
  for (const [id, spec] of INDICATORS) if (id !== 'spot_check_pass_rate' && id !== 'quality_loss_rate') await typeInto(field(page, spec.zh), String(spec.best));
  await typeInto(field(page, '产品监督抽查合格率'), 'abc');
  await typeInto(field(page, '质量损失率'), '-5');
  const summary = page.locator('[data-testid="error-summary"]');
  await summary.waitFor();
  assert.match(await summary.innerText(), /有 2 处输入需要更正/);
  assert.match(await summary.innerText(), /产品监督抽查合格率：“abc”不是数字/);
  assert.match(await summary.innerText(), /质量损失率：“-5”不能为负数/);
  assert.match(await summary.innerText(), /结果按其余有效输入计算/);
  const input = field(page, '产品监督抽查合格率');
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  const described = await input.getAttribute('aria-describedby');
  assert.ok(described.split(' ').includes('mqci1-v-spot_check_pass_rate-e'), described);
  assert.equal(await page.locator('#mqci1-v-spot_check_pass_rate-e').innerText(), '“abc”不是数字');
  // Values kept; results from the ten valid fields: incomplete, with a range.
  assert.equal(await input.inputValue(), 'abc');
  assert.equal(await field(page, '国际市场销售率').inputValue(), String(METHOD.indicators.export_sales_share.best));
  assert.match(await page.locator('[data-testid="state"]').innerText(), /已计入 10\/12 项/);
  assert.match(await page.locator('[data-testid="state"]').innerText(), /指数将在 [\d.]+ 至 100\.00 之间/);
  assert.equal(await page.locator('[data-testid="iscore-export_sales_share"]').innerText(), '100.00');
  await page.locator('[data-testid="live"]').filter({ hasText: '2 处输入有误' }).waitFor({ timeout: 3000 });
  // The link moves focus to the field.
  await summary.getByRole('link', { name: /质量损失率/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'mqci1-v-quality_loss_rate');
  // Fixing both clears the summary and the index appears.
  await typeInto(input, '99');
  await typeInto(field(page, '质量损失率'), '0.5');
  await summary.waitFor({ state: 'hidden' });
  assert.equal(await input.getAttribute('aria-invalid'), null);
  await expectIndex(page, '100.00');
  // Other error codes are localized too, quoting the value.
  await typeInto(field(page, '平均产品销售收入'), '5%');
  await summary.filter({ hasText: '“5%”带有 % 号，但此项不是百分比' }).waitFor();
  await typeInto(field(page, '平均产品销售收入'), '1,2');
  await summary.filter({ hasText: '“1,2”含义不明确' }).waitFor();
  await typeInto(field(page, '产品监督抽查合格率'), '120');
  await summary.filter({ hasText: '“120”超过上限 100' }).waitFor();
  await clean(t, s);
});

test('a fraction typed as a percent gets a warning with a button that applies the suggestion', async (t) => {
  const s = await openPage(browser);
  const { page } = s;
  await clearAll(page);
  await typeInto(field(page, '产品监督抽查合格率'), '0.94');
  const warning = page.locator('.mqci-warns li').filter({ hasText: '产品监督抽查合格率：填写的是 0.94%，是否应为 94%？' });
  await warning.waitFor();
  assert.ok((await field(page, '产品监督抽查合格率').getAttribute('aria-describedby')).includes('mqci1-v-spot_check_pass_rate-w'));
  await warning.getByRole('button', { name: '改为 94' }).click();
  assert.equal(await field(page, '产品监督抽查合格率').inputValue(), '94');
  await page.locator('.mqci-warns li').first().waitFor({ state: 'detached' });
  await clean(t, s);
});

test('the annual figures derive an indicator live, and parts above their whole are an error', async (t) => {
  // Issue 9 replaced the per-indicator raw-figure helpers (and their 填入此值 button) with one
  // form of annual figures: each figure typed once, every indicator derived as you type.
  const s = await openPage(browser);
  const { page } = s;
  await clearAll(page);
  await typeInto(page.locator('#mqci1-n-superiorOutput'), '10');
  await typeInto(page.locator('#mqci1-n-firstClassOutput'), '50');
  await typeInto(page.locator('#mqci1-n-qualifiedOutput'), '40');
  await typeInto(page.locator('#mqci1-n-totalOutput'), '100');
  // (1.5·10 + 50 + 0.5·40) / 100 × 100 = 85 → (85 − 50) / (120 − 50) = 0.5 → 60 + 40·0.5 = 80.00.
  await page.locator('#mqci1-o-grade_product_rate').filter({ hasText: /得分 80\.00/ }).waitFor();
  await typeInto(page.locator('#mqci1-n-totalOutput'), '50');
  await page.locator('[data-testid="error-summary"]').filter({ hasText: /各部分之和超过总数/ }).waitFor();
  await clean(t, s);
});

test('example buttons load published figures with their source', async (t) => {
  const s = await openPage(browser);
  const { page } = s;
  await clearAll(page);
  await page.getByRole('button', { name: '成都 2023 年' }).click();
  assert.match(await page.locator('[data-testid="notice"]').innerText(), /已载入示例“成都 2023 年”。来源：《成都日报》/);
  assert.equal(await page.locator('#mqci1-profile').inputValue(), 'chengdu-2027');
  assert.equal(await page.locator('#mqci1-a-industrial_product_pass_rate').inputValue(), '94.5');
  assert.equal(await page.locator('#mqci1-a-food_drug_sampling_pass_rate').inputValue(), '99');
  assert.equal(await page.locator('#mqci1-a-consumer_goods_sampling_pass_rate').inputValue(), '93.7');
  assert.equal(await row(page, 'industrial_product_pass_rate').locator('[data-status]').getAttribute('data-status'), 'met');
  assert.equal(await row(page, 'mqci').locator('[data-status]').getAttribute('data-status'), 'no_data');

  await page.getByRole('button', { name: '绵阳 2016 年' }).click();
  // Figures are already there: the example asks before replacing them.
  assert.match(await page.getByRole('dialog').innerText(), /载入示例“绵阳 2016 年”？[\s\S]*替换/);
  await confirmDialog(page, '载入示例');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.id), 'mianyang-2016', 'focus returns to the button');
  assert.match(await page.locator('[data-testid="notice"]').innerText(), /来源：绵阳市质量发展大会/);
  assert.equal(await page.locator('#mqci1-profile').inputValue(), 'sichuan-2027');
  assert.equal(await page.locator('#mqci1-a-agri_monitoring_pass_rate').inputValue(), '100');
  assert.equal(await page.locator('#mqci1-a-food_sampling_pass_rate').inputValue(), '98.8');
  assert.equal(await page.locator('#mqci1-a-industrial_product_pass_rate').inputValue(), '97.1');
  assert.equal(await page.locator('#mqci1-a-project_acceptance_rate').inputValue(), '100');
  // The enterprise view (issue 10) lists no 农产品 / 食品 rows; mode="targets" does (plan.test.mjs).
  assert.equal(await row(page, 'agri_monitoring_pass_rate').count(), 0);
  assert.equal(await row(page, 'food_sampling_pass_rate').count(), 0);

  // Cancelling keeps what was typed.
  await typeInto(field(page, '产品监督抽查合格率'), '97');
  await page.getByRole('button', { name: '全国 2007 年' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
  assert.equal(await field(page, '产品监督抽查合格率').inputValue(), '97');
  await page.getByRole('button', { name: '全国 2007 年' }).click();
  await confirmDialog(page, '载入示例');
  await expectIndex(page, '80.99');
  assert.equal(await field(page, '产品监督抽查合格率').inputValue(), '');
  assert.equal(await row(page, 'mqci').locator('[data-status]').getAttribute('data-status'), 'not_met');
  // Typing MQCI overrides the computed index.
  await page.locator('#mqci1-a-mqci').fill('88.2');
  assert.equal(await row(page, 'mqci').locator('[data-status]').getAttribute('data-status'), 'met');
  assert.match(await row(page, 'mqci').innerText(), /\+0\.20/);
  await clean(t, s);
});

test('methodology: band scheme, standardization and a custom methodology file', async (t) => {
  const s = await openPage(browser);
  const { page } = s;
  const method = page.locator('.mqci-method');
  assert.match(await method.innerText(), /方法 mqci-default，版本 2026\.11/);
  assert.match(await method.innerText(), /不是官方发布的制造业质量竞争力指数/);
  assert.ok(await method.locator('.mqci-tag--s').count() > 0, 'sourced parameters are tagged');
  assert.ok(await method.locator('.mqci-tag--a').count() > 0, 'assumed parameters are tagged');
  assert.equal(await method.locator('.mqci-tag--s').first().innerText(), '已公布');
  assert.equal(await method.locator('.mqci-tag--a').first().innerText(), '假设');
  assert.match(await method.innerText(), /指数 = 0\.5 × 质量水平 \+ 0\.5 × 发展能力/);

  await page.locator('#mqci1-bandScheme').selectOption('2009');
  assert.equal(await page.locator('[data-testid="band"]').innerText(), '较强');
  await page.locator('#mqci1-bandScheme').selectOption('2011');
  assert.equal(await page.locator('[data-testid="band"]').innerText(), '初步竞争力');

  await clearAll(page);
  await typeInto(field(page, '产品监督抽查合格率'), '90');
  const linear = await page.locator('[data-testid="iscore-spot_check_pass_rate"]').innerText();
  await page.locator('#mqci1-std').selectOption('exponential');
  const exponential = await page.locator('[data-testid="iscore-spot_check_pass_rate"]').innerText();
  assert.notEqual(linear, exponential);
  assert.match(await method.innerText(), /60 × \(100 ÷ 60\)\^t/);
  await page.locator('#mqci1-std').selectOption('linear');

  const dir = await mkdtemp(join(tmpdir(), 'mqci-'));
  const bad = structuredClone(METHOD);
  bad.indicators.spot_check_pass_rate.weight = 0.9;
  await writeFile(join(dir, 'bad.json'), JSON.stringify(bad));
  await page.locator('input[type=file][data-act="methodFile"]').setInputFiles(join(dir, 'bad.json'));
  const errors = page.locator('[data-testid="method-errors"]');
  await errors.waitFor();
  assert.match(await errors.innerText(), /无法使用方法文件“bad\.json”/);
  // Worded by the page in Chinese, naming the group by its name (never the engine's English).
  const text = await errors.innerText();
  assert.match(text, /质量监督与检验水平/);
  let code;
  try { readMethodology(bad); } catch (e) { code = e.code; }
  if (code === 'weights_sum') assert.match(text, /同级权重之和为 1\.4，应为 1/);
  else assert.match(text, /不符合方法文件的规则/);
  // The path in the file is quoted as written (untranslated, in <code translate="no">); the rest is Chinese.
  const worded = await errors.locator('li').first().evaluate((li) => {
    const c = li.cloneNode(true);
    c.querySelectorAll('[translate="no"]').forEach((x) => x.remove());
    return c.textContent;
  });
  assert.doesNotMatch(worded, /[A-Za-z]{2,}/, 'no English in the message');

  const good = structuredClone(METHOD);
  good.id = 'city-official';
  good.version = '2024.1';
  good.indicators.spot_check_pass_rate.worst = 70;
  await writeFile(join(dir, 'good.json'), JSON.stringify(good));
  await page.locator('input[type=file][data-act="methodFile"]').setInputFiles(join(dir, 'good.json'));
  await method.filter({ hasText: '正在使用自定义方法“good.json”' }).waitFor();
  assert.equal(await errors.count(), 0);
  assert.match(await page.locator('[data-testid="method-id"]').innerText(), /city-official，版本 2024\.1/);
  assert.notEqual(await page.locator('[data-testid="iscore-spot_check_pass_rate"]').innerText(), linear);
  assert.equal(await page.locator('#mqci1-std').isDisabled(), true);
  await page.getByRole('button', { name: '恢复内置方法' }).click();
  assert.equal(await page.locator('[data-testid="iscore-spot_check_pass_rate"]').innerText(), linear);
  await clean(t, s);
});

test('clearing asks first in an accessible dialog; cancel and Escape keep everything', async (t) => {
  const s = await openPage(browser);
  const { page } = s;
  await page.getByRole('button', { name: '清空' }).click();
  const dialog = page.getByRole('dialog', { name: '清空全部输入？' });
  await dialog.waitFor();
  assert.equal(await dialog.evaluate((d) => d.open && d.matches(':modal')), true);
  await dialog.getByRole('button', { name: '取消' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await expectIndex(page, '80.99');
  await page.getByRole('button', { name: '清空' }).click();
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await expectIndex(page, '80.99');
  await clearAll(page);
  assert.equal(await indexText(page), '–');
  assert.equal(await page.locator('#mqci1-s-quality_level').inputValue(), '');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.act), 'clear', 'focus returns to the Clear button');
  await page.reload();
  await page.locator('.mqci-card').first().waitFor();
  assert.equal(await indexText(page), '–', 'cleared state is what returns, not the examples');
  await clean(t, s);
});

test('print: the button prints, and print media shows a clean A4 report', async (t) => {
  const s = await openPage(browser);
  const { page } = s;
  await page.getByRole('button', { name: '打印报告' }).click();
  assert.equal(await page.evaluate(() => window.__printCalls), 1);
  await page.emulateMedia({ media: 'print' });
  const visible = (sel) => page.locator(sel).first().isVisible();
  for (const sel of ['.mqci-bar', '.mqci-prefs', '.mqci-btn', '.mqci-raw']) assert.equal(await visible(sel), false, `${sel} is hidden in print`);
  // Issue 9: print gives the report for the boss (panels/report.js) and nothing else.
  for (const sel of ['.mqci-title', '.mqci-inputs', '.mqci-results']) assert.equal(await visible(sel), false, `${sel} is left out of the printed report`);
  const report = page.locator('[data-testid="report"]');
  assert.equal(await report.isVisible(), true, 'the report is printed');
  assert.match(await report.innerText(), /质量竞争力指数（自评） 80\.99 · 初步竞争力 示例/);
  assert.match(await report.innerText(), /方法 mqci-default 2026\.11 · 报告日期 \d{4}年\d{1,2}月\d{1,2}日。/);
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 1 && pages <= 2, `A4 report of ${pages} pages`);
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await visible('.mqci-bar'), true);
  await clean(t, s);
});

test('mount() API: two instances on one page keep separate state and unique ids', async (t) => {
  const s = await openPage(browser);
  const { page } = s;
  const ids = await page.evaluate(async () => {
    const { mount } = await import('./app.js');
    const a = document.createElement('div');
    const b = document.createElement('div');
    document.body.append(a, b);
    const wa = await mount(a, { storageKey: 'a', mode: 'compact', readHash: false, lang: 'en' });
    const wb = await mount(b, { storageKey: 'b', mode: 'targets', readHash: false, profile: 'national-2025' });
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = 'style.css';
    shadow.append(link);
    await new Promise((resolve) => { link.onload = resolve; });
    await mount(shadow, { storageKey: 'c', readHash: false });
    const shadowIndex = shadow.querySelector('[data-testid="index"]').textContent;
    const input = a.querySelector('input[data-id="spot_check_pass_rate"]');
    input.value = '95';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const all = [...document.querySelectorAll('[id]')].map((e) => e.id);
    return {
      shadowIndex,
      shadowLink: shadow.querySelector('link[rel="stylesheet"]') !== null,
      shadowStyled: getComputedStyle(shadow.querySelector('.mqci-index')).fontWeight,
      shadowIds: [...shadow.querySelectorAll('[id]')].map((e) => e.id).filter((id) => document.getElementById(id)),
      duplicates: all.filter((id, i) => all.indexOf(id) !== i),
      aValue: wa.state.values.spot_check_pass_rate,
      bValues: wb.state.values,
      aSaved: JSON.parse(localStorage.getItem('mqci:v1:a')).inputs.values,
      bHasInputs: !!b.querySelector('.mqci-inputs'),
      bHasTargets: !!b.querySelector('.mqci-targets'),
      aHasTargets: !!a.querySelector('.mqci-targets'),
      aLang: a.querySelector('.mqci').lang,
      bProfile: b.querySelector('select[data-act="profile"]').value,
    };
  });
  assert.deepEqual(ids.duplicates, []);
  assert.equal(ids.shadowIndex, '–', 'a third instance works inside a shadow root (a first visit starts empty)');
  assert.equal(ids.shadowLink, true, 'the host stylesheet in the shadow root is kept');
  assert.equal(ids.shadowStyled, '700', 'styles apply inside the shadow root');
  assert.deepEqual(ids.shadowIds, [], 'shadow ids do not collide with the page');
  assert.equal(ids.aValue, '95');
  assert.deepEqual(ids.bValues, {});
  assert.deepEqual(ids.aSaved, { spot_check_pass_rate: '95' });
  assert.equal(ids.bHasInputs, false);
  assert.equal(ids.bHasTargets, true);
  assert.equal(ids.aHasTargets, false);
  assert.equal(ids.aLang, 'en');
  assert.equal(ids.bProfile, 'national-2025');
  await clean(t, s);
});

test('the first result renders without layout shift', async (t) => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    const context = await browser.newContext({ viewport });
    await context.addInitScript(() => {
      window.__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const page = await context.newPage();
    await page.goto(baseUrl());
    await page.locator('.mqci[data-mode]:not([aria-busy])').waitFor(); // first visit: empty (issue 9)
    await page.waitForTimeout(300);
    const cls = await page.evaluate(() => window.__cls);
    assert.ok(cls < 0.05, `cumulative layout shift ${cls} at ${viewport.width}px`);
    await context.close();
  }
});

test('the first paint draws every example button from the catalogue, before data/examples.js is fetched; the same buttons after', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const fetched = []; // responses received
  page.on('response', (r) => fetched.push(new URL(r.url()).pathname));
  // Hold back what loads after the first result, so that the first paint can be looked at.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\/(panels\/|data\/examples\.js)/, async (r) => { await held; await r.continue(); });
  await page.goto(baseUrl());
  await page.locator('[data-testid="index"]').waitFor();
  const buttons = () => page.locator('[data-act="example"]').evaluateAll((bs) => bs.map((b) => `${b.dataset.id}:${b.textContent}`));
  const first = await buttons();
  assert.equal(fetched.filter((f) => f.endsWith('/data/examples.js')).length, 0, 'the first paint needs no answer from data/examples.js');
  release();
  await ready(page);
  assert.ok(fetched.some((f) => f.endsWith('/data/examples.js')), 'data/examples.js loads with the panels');
  const all = ['national-2007:全国 2007 年', 'chengdu-2023:成都 2023 年', 'mianyang-2016:绵阳 2016 年'];
  assert.deepEqual(first, all);
  assert.deepEqual(await buttons(), all);
  await page.locator('[data-act="example"][data-id="national-2007"]').click();
  await expectIndex(page, '80.99');
  assert.deepEqual(errors, []);
  await context.close();
});

test('example buttons by mode: the inputs only show the enterprise example, the targets only the region ones; examples off shows none', async (t) => {
  const s = await openPage(browser);
  const { page } = s;
  const seen = await page.evaluate(async () => {
    const { mount } = await import('./app.js');
    const out = {};
    for (const mode of ['full', 'compact', 'targets']) {
      for (const examples of [true, false]) {
        const el = document.createElement('div');
        document.body.append(el);
        await mount(el, { storageKey: `ex-${mode}-${examples}`, mode, readHash: false, examples });
        out[`${mode}${examples ? '' : '-off'}`] = [...el.querySelectorAll('[data-act="example"]')].map((b) => b.dataset.id);
      }
    }
    return out;
  });
  assert.deepEqual(seen, {
    full: ['national-2007', 'chengdu-2023', 'mianyang-2016'], 'full-off': [],
    compact: ['national-2007'], 'compact-off': [],
    targets: ['chengdu-2023', 'mianyang-2016'], 'targets-off': [],
  });
  await clean(t, s);
});
