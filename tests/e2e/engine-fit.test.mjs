// The widget lays itself out by its own width, not the viewport's (issue 12 point 4;
// www/lib/fit.js and the .mqci--wide / .mqci--narrow rules of style.css and panels.css):
// two columns from 720 px of container (a portal's 760 px column on a 1280 px screen), one below
// (700 px), the phone layout at 320 px, and the same under an ancestor's `transform: scale(1.5)`
// (accessibility toolbars), with no label squeezed to a few characters.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl } from './helpers.mjs';

async function layout(browser, { viewport, hostCss }) {
  // The host's own CSS is injected as a <style>: only this test page may do that.
  const context = await browser.newContext({ viewport, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(baseUrl());
  // A first visit starts empty (issue 9): load the published 2007 example for a number to show.
  await page.locator('[data-act="example"][data-id="national-2007"]').first().click({ timeout: 30_000 });
  if (hostCss) await page.addStyleTag({ content: hostCss });
  await page.locator('[data-testid="index"]').filter({ hasText: /\d+\.\d\d/ }).first().waitFor({ timeout: 30_000 });
  await page.locator('.mqci-bar-l').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(200); // one ResizeObserver round after the injected CSS
  const out = await page.evaluate(() => {
    const box = document.querySelector('#mqci-app > .mqci');
    const main = box.querySelector('.mqci-main');
    const labels = [...box.querySelectorAll('.mqci-bar-l')].map((l) => l.offsetWidth);
    return {
      width: box.clientWidth,
      wide: box.classList.contains('mqci--wide'),
      narrow: box.classList.contains('mqci--narrow'),
      nogap: box.classList.contains('mqci--nogap'),
      columns: main ? getComputedStyle(main).gridTemplateColumns.split(' ').length : 0,
      narrowestLabel: Math.min(...labels),
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  });
  await context.close();
  return out;
}

test('layout follows the widget\'s width, not the viewport\'s', async (t) => {
  const browser = await launch();
  t.after(() => browser.close());
  const column = (px) => `#mqci-app { width: ${px}px; margin: 0 auto; box-sizing: border-box; }`;

  const full = await layout(browser, { viewport: { width: 1280, height: 900 } });
  assert.equal(full.wide, true, JSON.stringify(full));
  assert.equal(full.nogap, false, 'this Chromium has flexbox gap: no stand-in margins');
  assert.equal(full.columns, 2, JSON.stringify(full));

  const portal = await layout(browser, { viewport: { width: 1280, height: 900 }, hostCss: column(760) });
  assert.equal(portal.width, 760, JSON.stringify(portal));
  assert.equal(portal.columns, 2, JSON.stringify(portal));
  assert.ok(portal.narrowestLabel >= 96, `labels keep room for words: ${JSON.stringify(portal)}`);

  const column700 = await layout(browser, { viewport: { width: 1280, height: 900 }, hostCss: column(700) });
  assert.equal(column700.wide, false, JSON.stringify(column700));
  assert.equal(column700.columns, 1, JSON.stringify(column700));
  assert.ok(column700.narrowestLabel >= 96, JSON.stringify(column700));

  const phone = await layout(browser, { viewport: { width: 320, height: 640 } });
  assert.equal(phone.narrow, true, JSON.stringify(phone));
  assert.equal(phone.columns, 1, JSON.stringify(phone));
  assert.ok(phone.overflow <= 0, `no sideways scrolling at 320 px: ${JSON.stringify(phone)}`);

  // An accessibility toolbar scales a wrapper: layout pixels do not change, so neither does the layout.
  const scaled = await layout(browser, {
    viewport: { width: 1280, height: 900 },
    hostCss: `${column(700)} body { transform: scale(1.5); transform-origin: 0 0; }`,
  });
  assert.equal(scaled.width, 700, JSON.stringify(scaled));
  assert.equal(scaled.wide, false, JSON.stringify(scaled));
  assert.equal(scaled.columns, 1, JSON.stringify(scaled));
  assert.ok(scaled.narrowestLabel >= 96, JSON.stringify(scaled));
});
