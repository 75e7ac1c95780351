// Accessibility and layout tests of the page: axe-core finds no violations in the empty,
// filled, error, target-check and dialog states, in both languages and in large-text mode;
// the layout holds at 320 px and at 200% zoom; keyboard focus is visible; the index is in the
// first screen at 390×844 and 1280×800 in both languages (screenshots saved to
// tests/e2e/artifacts/ as artifacts, not as the test).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, field, clearAll, typeInto, expectIndex, confirmDialog, useBrowser, noViolations, finish, toEnglish, ARTIFACTS } from './fixtures/page.mjs';


const suite = useBrowser();

for (const lang of ['zh-CN', 'en']) {
  test(`axe: no violations in every state (${lang})`, async () => {
    const s = await openPage(suite.browser);
    const { page } = s;
    if (lang === 'en') await toEnglish(page);
    await noViolations(page, 'filled (first-visit example)');

    await clearAll(page);
    await noViolations(page, 'empty');

    await page.locator('.mqci-scores > summary').click();
    await page.locator('#mqci1-s-quality_level').fill('84.76');
    await page.locator('#mqci1-v-spot_check_pass_rate').fill('0.94');
    await page.locator('#mqci1-v-quality_loss_rate').fill('abc');
    // A bad cell in the annual form (issue 9's one form replaced the per-indicator raw helpers).
    await page.locator('#mqci1-n-superiorOutput').fill('x');
    await page.locator('[data-testid="error-summary"]').waitFor();
    await page.locator('.mqci-warns li').first().waitFor();
    await noViolations(page, 'error and warning');

    await page.getByRole('button', { name: lang === 'en' ? 'Chengdu 2023' : '成都 2023 年' }).click();
    await page.getByRole('button', { name: lang === 'en' ? 'Mianyang 2016' : '绵阳 2016 年' }).click();
    await noViolations(page, 'example confirm dialog');
    await confirmDialog(page, lang === 'en' ? 'Load the example' : '载入示例');
    await page.locator('#mqci1-a-mqci').fill('93');
    await noViolations(page, 'target check');

    await page.getByRole('button', { name: lang === 'en' ? 'Share link' : '分享链接' }).click();
    await page.locator('.mqci-prov > summary').click();
    await page.locator('.mqci-prov dl').waitFor();
    await noViolations(page, 'share link and provenance open');

    await page.getByRole('button', { name: lang === 'en' ? 'Large text' : '大字号' }).click();
    await noViolations(page, 'large text');

    await page.getByRole('button', { name: lang === 'en' ? 'Clear' : '清空' }).click();
    await page.getByRole('dialog').waitFor();
    await noViolations(page, 'clear dialog open');
    await page.keyboard.press('Escape');
    await finish(s);
  });
}

test('large-text mode enlarges the text and is remembered', async () => {
  const s = await openPage(suite.browser);
  const { page } = s;
  const size = () => page.locator('#mqci1-v-spot_check_pass_rate').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const normal = await size();
  await page.getByRole('button', { name: '大字号' }).click();
  assert.ok((await size()) >= normal * 1.2, 'at least 20% larger');
  assert.equal(await page.getByRole('button', { name: '大字号' }).getAttribute('aria-pressed'), 'true');
  await page.reload();
  await page.locator('.mqci.mqci--large').waitFor();
  await finish(s);
});

for (const [name, viewport, large] of [
  ['320 px wide', { width: 320, height: 640 }, false],
  ['320 px wide in large text', { width: 320, height: 640 }, true],
  ['1280 px at 200% zoom', { width: 640, height: 400 }, false],
]) {
  for (const lang of ['zh-CN', 'en']) {
    test(`layout holds at ${name} (${lang}): no horizontal scrolling, nothing cut off`, async () => {
      const s = await openPage(suite.browser, { viewport, deviceScaleFactor: name.includes('zoom') ? 2 : 1 });
      const { page } = s;
      if (lang === 'en') await toEnglish(page);
      if (large) await page.getByRole('button', { name: lang === 'en' ? 'Large text' : '大字号' }).click();
      await page.locator('#mqci1-v-spot_check_pass_rate').fill('abc');
      await page.locator('[data-testid="error-summary"]').waitFor();
      const overflow = await page.evaluate(() => {
        const doc = document.documentElement;
        const wide = [...document.querySelectorAll('.mqci *')].filter((el) => {
          if (el.closest('.mqci-scroll, .mqci-vh, dialog, option')) return false;
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.right > doc.clientWidth + 1;
        }).map((el) => `${el.tagName}.${el.className}`);
        return { scroll: doc.scrollWidth, client: doc.clientWidth, wide: wide.slice(0, 5) };
      });
      assert.ok(overflow.scroll <= overflow.client, `page scrolls sideways: ${JSON.stringify(overflow)}`);
      assert.deepEqual(overflow.wide, []);
      // Wide tables scroll inside a labelled, focusable region instead.
      const region = page.locator('.mqci-scroll[role="region"]').first();
      assert.ok(await region.getAttribute('aria-label'));
      assert.equal(await region.getAttribute('tabindex'), '0');
      await finish(s);
    });
  }
}

test('keyboard: everything is reachable by Tab with a visible focus indicator', async () => {
  const s = await openPage(suite.browser);
  const { page } = s;
  const seen = new Set();
  let missingOutline = [];
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return {
        key: el.id || el.dataset.act || el.textContent.trim().slice(0, 20),
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        visible: el.matches(':focus-visible'),
      };
    });
    seen.add(info.key);
    if (!info.outline || !info.visible) missingOutline.push(info.key);
  }
  assert.deepEqual(missingOutline, [], 'elements without a visible focus outline');
  for (const key of ['skip', 'lang', 'mqci1-large', 'example', 'export', 'clear', 'mqci1-s-quality_level', 'mqci1-v-grade_product_rate']) {
    assert.ok([...seen].some((k) => k === key || k.endsWith(key)), `Tab reaches ${key}; saw ${[...seen].join(', ')}`);
  }
  // The skip link takes keyboard users to the results.
  await page.keyboard.press('Shift+Tab');
  await page.locator('[data-act="skip"]').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'mqci1-results-h');
  // Enter on Clear opens the dialog with focus on the safe choice; Escape closes it.
  await page.locator('[data-act="clear"]').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.dataset.act), 'no', 'focus starts on Cancel');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.dataset.act), 'clear', 'focus returns to Clear');
  await finish(s);
});

for (const [w, h] of [[390, 844], [1280, 800]]) {
  for (const lang of ['zh-CN', 'en']) {
    test(`first screen at ${w}×${h} (${lang}): the index is in view, nothing scrolls sideways (screenshot saved)`, async () => {
      const s = await openPage(suite.browser, { viewport: { width: w, height: h } });
      const { page } = s;
      if (lang === 'en') await toEnglish(page);
      await expectIndex(page, '80.99');
      await page.mouse.move(0, h - 1);
      const box = await page.locator('[data-testid="index"]').boundingBox();
      assert.ok(box && box.y >= 0 && box.y + box.height <= h && box.x + box.width <= w, `index at ${JSON.stringify(box)} is within the first ${w}×${h} screen`);
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(sideways <= 0, `page scrolls sideways by ${sideways}px`);
      const base = `${ARTIFACTS}page-${w}x${h}-${lang}`;
      await page.screenshot({ path: `${base}.png` });
      await page.screenshot({ path: `${base}-full.png`, fullPage: true });
      await finish(s);
    });
  }
}

test('the error summary is in the first screen, and the printed report fits A4 (screenshots saved)', async () => {
  const s = await openPage(suite.browser, { viewport: { width: 1280, height: 800 } });
  const { page } = s;
  await clearAll(page);
  await typeInto(field(page, '产品监督抽查合格率'), 'abc');
  await typeInto(field(page, '质量损失率'), '0.94%');
  await page.locator('[data-testid="error-summary"]').waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  const sum = await page.locator('[data-testid="error-summary"]').boundingBox();
  assert.ok(sum && sum.y < 800, `error summary starts in the first screen (${JSON.stringify(sum)})`);
  await page.screenshot({ path: `${ARTIFACTS}page-error-1280x800-zh-CN.png` });
  await page.getByRole('button', { name: '全国 2007 年' }).click();
  await confirmDialog(page, '载入示例');
  await page.getByRole('button', { name: '成都 2023 年' }).click();
  await typeInto(field(page, '产品监督抽查合格率'), '96.2');
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: `${ARTIFACTS}page-print-a4-zh-CN.png`, fullPage: true });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(wide <= 0, `printed page is ${wide}px wider than A4`);
  const pdf = await page.pdf({ path: `${ARTIFACTS}page-report-zh-CN.pdf`, format: 'A4', printBackground: true });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  await finish(s);
});
