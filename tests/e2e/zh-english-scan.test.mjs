// The Chinese page speaks Chinese: walks every state of the zh-CN page (first visit, empty,
// filled, every kind of input error, the raw-figure helper's errors, custom methodology
// files breaking each rule, targets, dialogs, share link, provenance, saved-state problems,
// print) and fails on any Latin word outside a short allowlist, printing the text and the
// element it is in. Text the page marks as not its own is skipped: an element with
// translate="no" (identifiers, file names, paths in a file) or with a lang other than zh
// (the "English" switch, a host's custom methodology text shown as given); what may be marked
// so is checked too. axe-core runs in the states this walk adds.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initSync, defaultMethodology } from '../../www/pkg/mqci.js';
import { openPage, field, clearAll, typeInto, confirmDialog, useBrowser, noViolations, finish } from './fixtures/page.mjs';

initSync({ module: await readFile(fileURLToPath(new URL('../../www/pkg/mqci_bg.wasm', import.meta.url))) });
const METHOD = defaultMethodology();

/** Latin words the Chinese page may show: the index's own name, a file format and a unit, and the two provenance prefixes a methodology file must use. */
// Besides the tool's name, file formats and the provenance prefixes a methodology file must
// contain: designations Chinese statistical forms themselves write in Latin letters (GB/T and ISO
// standard numbers, PLC for 可编程逻辑控制器 in 微电子控制设备).
const ALLOWED = new Set(['MQCI', 'JSON', 'json', 'MB', 'sourced', 'assumed', 'GB', 'ISO', 'PLC']);

const suite = useBrowser();

/** Every Latin word in the widget and the document title, with where it is. */
function scan(page) {
  return page.evaluate((allowed) => {
    const found = [];
    const marked = [];
    const where = (el) => {
      const parts = [];
      for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
        parts.unshift(`${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.classList.length ? `.${[...e.classList].join('.')}` : ''}`);
      }
      return parts.join(' > ');
    };
    const check = (text, el, what) => {
      for (const w of String(text).match(/[A-Za-z]{2,}/g) || []) if (!allowed.includes(w)) found.push({ word: w, text: String(text).trim().slice(0, 120), where: `${where(el)}${what ? ` [${what}]` : ''}` });
    };
    const notOurs = (el) => {
      const foreign = el.closest('[translate="no"]') || (el.closest('[lang]') && !/^zh/i.test(el.closest('[lang]').lang) ? el.closest('[lang]') : null);
      if (foreign && !marked.includes(foreign)) marked.push(foreign);
      return !!foreign;
    };
    check(document.title, document.head, 'title');
    for (const root of document.querySelectorAll('.mqci')) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest('style, script') || notOurs(el)) continue;
        check(n.nodeValue, el);
      }
      for (const el of root.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
        if (notOurs(el)) continue;
        for (const a of ['aria-label', 'placeholder', 'title', 'alt']) if (el.hasAttribute(a)) check(el.getAttribute(a), el, a);
      }
    }
    // What is marked as not the page's own: only the kinds expected.
    const kinds = marked.map((el) => (el.matches('[data-act="lang"] span[lang="en"]') ? 'switch'
      : el.matches('[translate="no"]') ? 'verbatim'
        : el.closest('.mqci-method') && el.matches('span[lang]') ? 'custom-text' : `unexpected: ${where(el)}`));
    return { found, unexpected: kinds.filter((k) => k.startsWith('unexpected')) };
  }, [...ALLOWED]);
}

async function clean(page, state) {
  const { found, unexpected } = await scan(page);
  assert.deepEqual(unexpected, [], `${state}: text marked as foreign in an unexpected place`);
  assert.equal(found.length, 0, `${state}: Latin words on the zh page:\n${found.map((f) => `  "${f.word}" in “${f.text}” at ${f.where}`).join('\n')}`);
}

const summary = (page) => page.locator('[data-testid="error-summary"]');

test('zh page: no English in any state of inputs, errors, targets, dialogs and print', async () => {
  const s = await openPage(suite.browser);
  const { page } = s;
  await clean(page, 'first visit (filled example)');
  await page.locator('.mqci-prov > summary').click();
  await page.locator('.mqci-prov dl').waitFor(); // a fold's body is drawn once it is open
  await clean(page, 'provenance of the built-in methodology open');
  await page.locator('.mqci-scores > summary').click();
  await page.getByRole('button', { name: '分享链接' }).click();
  await clean(page, 'share link');
  await page.getByRole('button', { name: '绵阳 2016 年' }).click();
  await page.getByRole('dialog').waitFor();
  await clean(page, 'example dialog');
  await confirmDialog(page, '载入示例');
  await page.locator('#mqci1-profile').selectOption('national-2025');
  await page.locator('.mqci-other > summary').click();
  await clean(page, 'another target profile, other metrics open');
  await page.getByRole('button', { name: '清空' }).click();
  await page.getByRole('dialog').waitFor();
  await clean(page, 'clear dialog');
  await page.keyboard.press('Escape');
  await clearAll(page);
  await clean(page, 'empty');

  // Every kind of input error, and the warnings.
  const typed = [
    ['产品监督抽查合格率', '十二', '不是数字'],
    ['质量损失率', '-5', '不能为负数'],
    ['质量管理体系认证率', '120', '超过上限 100'],
    ['平均产品销售收入', '1,5', '含义不明确'],
    ['新产品销售比重', '0.5', null],
    ['国际市场销售率', '5%', null],
  ];
  for (const [label, value] of typed) await typeInto(field(page, label), value);
  await typeInto(field(page, '研究与试验发展经费比重'), '3%');
  await typeInto(field(page, '微电子控制设备比重'), '0.4');
  await summary(page).waitFor();
  for (const [, , text] of typed) if (text) await summary(page).filter({ hasText: text }).waitFor();
  await page.locator('.mqci-scores > summary').click();
  await typeInto(field(page, '质量水平得分'), '50');
  await summary(page).filter({ hasText: '不在 60–100 之间' }).waitFor();
  // The annual figures (issue 9's one form): a zero denominator, then parts exceeding the whole.
  await typeInto(page.locator('#mqci1-n-superiorOutput'), '100');
  await typeInto(page.locator('#mqci1-n-firstClassOutput'), '0');
  await typeInto(page.locator('#mqci1-n-qualifiedOutput'), '0');
  await typeInto(page.locator('#mqci1-n-totalOutput'), '0');
  await summary(page).filter({ hasText: '分母不能为零' }).waitFor();
  await clean(page, 'input errors of every kind, zero denominator');
  await noViolations(page, 'input errors of every kind');
  await typeInto(page.locator('#mqci1-n-totalOutput'), '50');
  await summary(page).filter({ hasText: '各部分之和超过总数' }).waitFor();
  await page.locator('.mqci-warns li').first().waitFor();
  await clean(page, 'parts exceeding the whole, warnings');

  // Custom methodology files breaking each rule, then a valid one with English provenance.
  const dir = await mkdtemp(join(tmpdir(), 'mqci-zh-'));
  const broken = {
    weights: (m) => { m.indicators.spot_check_pass_rate.weight = 0.9; },
    worstIsBest: (m) => { m.indicators.quality_loss_rate.worst = 1; m.indicators.quality_loss_rate.best = 1; },
    direction: (m) => { m.indicators.spot_check_pass_rate.worst = 99; m.indicators.spot_check_pass_rate.best = 80; },
    bandGap: (m) => { m.bands[1].min = m.bands[0].max + 1; },
    provenance: (m) => { m.indicators.export_sales_share.provenance.worst = 'a guess'; },
    unknownKey: (m) => { m.indicators.spot_check_pass_rate.colour = 'red'; },
    notANumber: (m) => { m.indicators.spot_check_pass_rate.best = 'high'; },
  };
  const errors = page.locator('[data-testid="method-errors"]');
  for (const [name, breakIt] of Object.entries(broken)) {
    const m = structuredClone(METHOD);
    breakIt(m);
    const file = join(dir, `方法${name.length}.json`);
    await writeFile(file, JSON.stringify(m));
    await page.locator('input[type=file][data-act="methodFile"]').setInputFiles(file);
    await errors.waitFor();
    await page.waitForTimeout(50);
    await clean(page, `custom methodology refused (${name})`);
    await page.getByRole('button', { name: '恢复内置方法' }).count(); // (the built-in stays in use)
  }
  await noViolations(page, 'custom methodology refused');
  await writeFile(join(dir, '成都.json'), '{"not json');
  await page.locator('input[type=file][data-act="methodFile"]').setInputFiles(join(dir, '成都.json'));
  await errors.filter({ hasText: '不是有效的 JSON 文件' }).waitFor();
  await clean(page, 'methodology file that is not JSON');
  const custom = structuredClone(METHOD);
  custom.id = 'city';
  custom.indicators.spot_check_pass_rate.provenance.worst = 'sourced: city statistics bureau, 2024 yearbook';
  await writeFile(join(dir, '市方法.json'), JSON.stringify(custom));
  await page.locator('input[type=file][data-act="methodFile"]').setInputFiles(join(dir, '市方法.json'));
  await page.locator('.mqci-method').filter({ hasText: '正在使用自定义方法' }).waitFor();
  await page.locator('.mqci-prov > summary').click();
  await page.locator('.mqci-prov dl').waitFor();
  assert.equal(await page.locator('.mqci-prov span[lang="en"]').filter({ hasText: 'city statistics bureau' }).count(), 1, 'a custom text is shown as given, marked as English');
  await clean(page, 'custom methodology in use, provenance open');
  await noViolations(page, 'custom methodology in use');

  // A file too large to read, an import that is not an export.
  await page.locator('input[type=file][data-act="importFile"]').setInputFiles({ name: '大文件.json', mimeType: 'application/json', buffer: Buffer.alloc(3 * 1024 * 1024, 32) });
  await page.locator('[data-testid="notice"]').filter({ hasText: '文件太大' }).waitFor();
  await clean(page, 'file too large');
  await page.locator('input[type=file][data-act="importFile"]').setInputFiles({ name: '数据.json', mimeType: 'application/json', buffer: Buffer.from('{"a":1}') });
  await page.locator('[data-testid="notice"]').filter({ hasText: '不是本工具导出的文件' }).waitFor();
  await clean(page, 'not an export');

  // Print.
  await page.emulateMedia({ media: 'print' });
  await clean(page, 'print media');
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: '大字号' }).click();
  await clean(page, 'large text');
  await finish(s);
});

test('zh page: no English in the tertiary chart, how we compare (every profile region, details open) and the targets\' wording notes', async () => {
  const s = await openPage(suite.browser, { examples: false });
  const { page } = s;
  const values = {
    grade_product_rate: '92', microelectronic_equipment_share: '40', qms_certification_rate: '80',
    quality_loss_rate: '1.2', spot_check_pass_rate: '95.5', export_inspection_pass_rate: '99',
    rd_expenditure_share: '2.6', renovation_expenditure_share: '0.5', patents_per_million_output: '0.012',
    new_product_sales_share: '25', avg_sales_revenue: '3.1', export_sales_share: '8',
  };
  for (const [id, x] of Object.entries(values)) await page.locator(`#mqci1-v-${id}`).fill(x);
  await page.locator('[data-testid="tchart-table"]').waitFor();
  await page.locator('[data-open="bench-series"] > summary').click();
  await page.locator('[data-open="bench-ind"] > summary').click();
  await page.locator('[data-testid="bench-industries"]').waitFor();
  // Each profile's region: its published figures with their sources, or the line saying there are none.
  for (const id of await page.locator('#mqci1-profile option').evaluateAll((o) => o.map((x) => x.value))) {
    await page.locator('#mqci1-profile').selectOption(id);
    await page.locator('[data-testid="bench-national"]').waitFor();
    await clean(page, `tertiary chart and benchmarks, profile ${id}`);
  }
  await page.locator('#mqci1-profile').selectOption('guizhou-2025');
  assert.match(await page.locator('tr[data-metric="mqci"] [data-testid="wording-note"]').innerText(), /引号内是文件原话/);
  await clean(page, 'a target whose wording quotes the plan');
  await noViolations(page, 'tertiary chart, benchmarks open');
  await finish(s);
});

test('zh page: no English when saved data is set aside or cannot be saved', async () => {
  const bad = structuredClone(METHOD);
  bad.indicators.spot_check_pass_rate.weight = 0.9;
  const saved = { v: 1, savedAt: '2026-01-01T00:00:00Z', inputs: { values: { spot_check_pass_rate: '95' }, scores: {}, raw: {}, actuals: {}, profile: 'chengdu-2027', method: { bandScheme: '2011', standardization: 'linear', custom: bad, name: '旧方法.json' } } };
  const s = await openPage(suite.browser, { storage: { 'mqci:v1:default': JSON.stringify(saved) } });
  const { page } = s;
  await page.locator('[data-testid="set-aside"]').waitFor();
  await clean(page, 'saved methodology set aside');
  await page.evaluate(() => {
    Storage.prototype.setItem = function setItem() { throw new DOMException('full', 'QuotaExceededError'); };
  });
  await typeInto(field(page, '质量损失率'), '1');
  await page.locator('[data-testid="save-error"]').waitFor();
  await clean(page, 'autosave failed');
  await noViolations(page, 'saved data set aside, autosave failed');
  await finish(s);
});
