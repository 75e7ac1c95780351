// The widget on a page built like a government portal (issue 12): tests/e2e/host/portal.html, on
// another origin than the widget, with the portal's global resets, its 760 px content column and
// the strict policy of tests/e2e/host/.csp. Checked here: the host controls of the element and
// the iframe (heading, lang-switch, examples, method-panel = off; lang and profile), render="light"
// under an accessibility toolbar's transform: scale(1.5), CSS leaking neither way, printing from
// the host page (only the widget), share links (none in the element; the iframe's restores its
// state where opened), which engine runs (WebAssembly, or the JS copy under a host CSP without
// 'wasm-unsafe-eval'), and the engine's own failure code in mqci-error. Screenshots of the
// element and the iframe in the portal at 1280×800 and 390×844, zh and en, go to artifacts/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  W, H, ARTIFACTS, OTHER, startBrowser, stopBrowser, hostPage, open, finish, widgetFrame, waitMessage, postToWidget, indexIn,
} from './embed-kit.mjs';
import { launch, runAxe, describeViolations, withoutWasmEval } from './helpers.mjs';

before(startBrowser);
after(stopBrowser);

const OFF = { heading: 'off', 'lang-switch': 'off', examples: 'off', 'method-panel': 'off' };

/** Waits for the portal's <mqci-widget> (shadow or light) to have every panel and a result. */
async function elementReady(page) {
  await page.waitForFunction(() => {
    const el = document.querySelector('mqci-widget');
    const root = el && (el.shadowRoot || el);
    return root && root.querySelector('.mqci-card') && !root.querySelector('.mqci[aria-busy]') && el.getResult();
  }, null, { timeout: 30_000 });
}

/**
 * axe (WCAG 2.1 A and AA) over the widget `selector` on the portal (the portal's own markup is
 * the host's business). axe itself inserts <style> elements, which the portal's CSP refuses: the
 * page's own CSP record is checked first, and only axe's refusals are dropped afterwards.
 */
async function axeClean(s, selector) {
  const { page } = s;
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  const logged = s.problems.length;
  await runAxe(page, { runOnly: { type: 'tag', values: ['wcag2a'] } });
  const violations = await page.evaluate(async (sel) => (await window.axe.run({ include: [[sel]] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations, selector);
  assert.deepEqual(violations, [], describeViolations(violations));
  await page.evaluate(() => { window.__csp = []; });
  const axeLines = s.problems.splice(logged);
  assert.ok(axeLines.every((l) => /Applying inline style violates/.test(l)), axeLines.join('\n'));
}

/** What the widget in `scope` shows of the parts the host controls can hide. */
const parts = (root) => ({
  title: !!root.querySelector('.mqci-title'),
  langButton: !!root.querySelector('[data-act="lang"]'),
  examples: root.querySelectorAll('[data-act="example"]').length,
  methodPanel: !!root.querySelector('section.mqci-method'),
  engineLine: root.querySelector('[data-testid="engine-kind"]')?.dataset.kind ?? null,
  share: !!root.querySelector('[data-act="share"]'),
  lang: root.querySelector('.mqci')?.lang,
  profile: root.querySelector('select[data-act="profile"]')?.value ?? null,
});

test('portal, element: each host control hides its part; lang and profile set the start; no share link', async () => {
  // Defaults first: every part is there, except the share link (the element never offers one).
  let s = await open(hostPage('portal.html', { kind: 'element', attrs: {} }));
  await elementReady(s.page);
  let seen = await s.page.evaluate(`(${parts})(document.querySelector('mqci-widget').shadowRoot)`);
  assert.deepEqual(seen, { title: true, langButton: true, examples: seen.examples, methodPanel: true, engineLine: 'wasm', share: false, lang: 'zh-CN', profile: 'national-2025' });
  assert.ok(seen.examples >= 2, 'the example buttons are there by default');
  assert.equal(await s.page.evaluate(() => document.querySelector('mqci-widget').engine), 'wasm');
  await finish(s);

  s = await open(hostPage('portal.html', { kind: 'element', attrs: { ...OFF, lang: 'en', profile: 'chengdu-2027' } }));
  const { page } = s;
  await elementReady(page);
  seen = await page.evaluate(`(${parts})(document.querySelector('mqci-widget').shadowRoot)`);
  // The methodology panel is replaced by its one-line note, which still names the engine.
  assert.deepEqual(seen, { title: false, langButton: false, examples: 0, methodPanel: false, engineLine: 'wasm', share: false, lang: 'en', profile: 'chengdu-2027' });
  assert.equal((await indexIn(page.locator('mqci-widget')).textContent()).trim(), '80.99');
  const errors = await page.evaluate(() => window.__log.filter((x) => x.type === 'mqci-error'));
  assert.deepEqual(errors, []);
  await page.evaluate(() => document.querySelector('#slot').scrollIntoView());
  await page.screenshot({ path: `${ARTIFACTS}portal-element-controls-off-en-1280x800.png` });
  await axeClean(s, '#gov-widget');

  // Without the language button the visitor cannot choose: a language saved earlier does not override lang.
  await page.evaluate(() => localStorage.setItem('mqci:v1:widget:gov-widget:prefs', JSON.stringify({ lang: 'zh-CN', large: false })));
  await page.reload();
  await elementReady(page);
  assert.equal(await page.evaluate(() => document.querySelector('mqci-widget').shadowRoot.querySelector('.mqci').lang), 'en');

  // Switching a control back on rebuilds the widget with that part.
  await page.evaluate(() => document.querySelector('mqci-widget').removeAttribute('heading'));
  await page.waitForFunction(() => document.querySelector('mqci-widget').shadowRoot.querySelector('.mqci-title'), null, { timeout: 20_000 });
  // A value that is neither on nor off is shown and reported, naming the attribute; the default (on) applies.
  await page.evaluate(() => document.querySelector('mqci-widget').setAttribute('examples', 'none'));
  await page.waitForFunction(() => window.__log.some((x) => x.type === 'mqci-error' && x.detail.field === 'examples'));
  const refused = await page.evaluate(() => window.__log.find((x) => x.type === 'mqci-error' && x.detail.field === 'examples').detail);
  assert.equal(refused.code, 'unknown_id');
  assert.equal(refused.value, 'none');
  assert.match(await page.locator('mqci-widget [data-testid="embed-error"]').textContent(), /examples/);
  await finish(s);
});

test('portal, iframe: the same controls as query parameters; mqci:ready names the engine; the share link restores the state where opened', async () => {
  const s = await open(hostPage('portal.html', { kind: 'iframe', params: { ...OFF, lang: 'en', profile: 'chengdu-2027' } }));
  const { page } = s;
  const ready = await waitMessage(page, { type: 'mqci:ready' });
  assert.equal(ready.engine, 'wasm');
  const frame = await widgetFrame(page);
  const seen = await frame.evaluate(`(${parts})(document)`);
  assert.deepEqual(seen, { title: false, langButton: false, examples: 0, methodPanel: false, engineLine: 'wasm', share: true, lang: 'en', profile: 'chengdu-2027' });
  await page.evaluate(() => document.querySelector('#slot').scrollIntoView());
  await page.screenshot({ path: `${ARTIFACTS}portal-iframe-controls-off-en-1280x800.png` });
  const violations = await runAxe(frame, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  assert.deepEqual(violations, [], describeViolations(violations));

  // The frame's share link carries the state: opened on its own, it shows the same figures.
  await postToWidget(page, { type: 'mqci:set-inputs', input: OTHER });
  await waitMessage(page, { type: 'mqci:result', index: 89 });
  await frame.locator('[data-act="share"]').click();
  const link = await frame.locator('[data-testid="share-url"]').inputValue();
  assert.ok(link.startsWith(`${W}/embed.html?`) && /#s=/.test(link), link);
  const other = await s.context.newPage();
  await other.goto(link);
  const shown = indexIn(other).filter({ hasText: /\d+\.\d\d/ });
  await shown.waitFor({ timeout: 20_000 });
  assert.equal((await shown.textContent()).trim(), '89.00');
  assert.equal(await other.locator('[data-act="example"]').count(), 0, 'the link keeps the host controls');
  await other.close();
  await finish(s);
});

test('portal: CSS leaks neither way, shadow or light; render="light" lays out by the 760 px column under transform: scale(1.5)', async () => {
  // The host's own elements, styled by the host alone (no widget), then beside each widget.
  const HOST_PROBES = ['#gov-header h1', '.gov-nav a', '.gov-crumb', '#gov-title', '#gov-lead', '.gov-side li', '#gov-footer', 'body'];
  const PROPS = ['color', 'fontSize', 'fontFamily', 'lineHeight', 'margin', 'padding', 'backgroundColor', 'textIndent', 'letterSpacing', 'display'];
  const hostStyles = (page) => page.evaluate(([sel, props]) => sel.map((q) => {
    const cs = getComputedStyle(document.querySelector(q));
    return [q, ...props.map((p) => cs[p])].join(' | ');
  }), [HOST_PROBES, PROPS]);
  // The widget's own look: these must be the same in a shadow root and in the light DOM.
  const widgetStyles = (page) => page.evaluate(() => {
    const el = document.querySelector('mqci-widget');
    const root = el.shadowRoot || el;
    const pick = (q, props) => {
      const n = root.querySelector(q);
      const cs = getComputedStyle(n);
      return [q, ...props.map((p) => cs[p])].join(' | ');
    };
    return [
      pick('.mqci', ['fontSize', 'fontFamily', 'lineHeight', 'color', 'letterSpacing']),
      pick('.mqci-title', ['fontSize', 'fontWeight']),
      pick('.mqci-index', ['fontSize', 'fontWeight', 'color']),
      pick('.mqci-card', ['paddingTop', 'borderTopWidth', 'borderTopStyle']),
      pick('.mqci-btn', ['paddingTop', 'paddingLeft', 'borderTopWidth', 'fontSize']),
      pick('.mqci-h', ['fontSize', 'fontWeight']),
      pick('.mqci-input', ['display', 'fontSize', 'paddingLeft']),
    ];
  });
  let s = await open(hostPage('portal.html', { kind: 'none' }));
  const alone = await hostStyles(s.page);
  await finish(s);

  s = await open(hostPage('portal.html', { kind: 'element', attrs: {} }));
  await elementReady(s.page);
  assert.deepEqual(await hostStyles(s.page), alone, 'the shadow widget changes no host style');
  const shadowLook = await widgetStyles(s.page);
  await finish(s);

  s = await open(hostPage('portal.html', { kind: 'element', attrs: { render: 'light' }, scale: '1' }));
  const { page } = s;
  await elementReady(page);
  assert.deepEqual(await hostStyles(page), alone, 'the light widget\'s stylesheets (scoped by .mqci) change no host style');
  assert.deepEqual(await widgetStyles(page), shadowLook, 'the portal\'s resets do not change the light widget\'s look');
  const layout = await page.evaluate(() => {
    const el = document.querySelector('mqci-widget');
    const box = el.querySelector('.mqci');
    const main = box.querySelector('.mqci-main');
    return {
      shadow: !!el.shadowRoot,
      inLight: box.closest('mqci-widget') === el,
      width: box.offsetWidth,
      shownWidth: Math.round(box.getBoundingClientRect().width),
      wide: box.classList.contains('mqci--wide'),
      columns: getComputedStyle(main).gridTemplateColumns.split(' ').length,
      narrowestLabel: Math.min(...[...box.querySelectorAll('.mqci-bar-l')].map((l) => l.offsetWidth)),
    };
  });
  assert.equal(layout.shadow, false);
  assert.equal(layout.inLight, true);
  assert.ok(layout.width <= 760 && layout.width >= 740, JSON.stringify(layout));
  assert.ok(Math.abs(layout.shownWidth - layout.width * 1.5) <= 2, `the toolbar's scale shows it 1.5× wide: ${JSON.stringify(layout)}`);
  assert.equal(layout.wide, true, JSON.stringify(layout));
  assert.equal(layout.columns, 2, JSON.stringify(layout));
  assert.ok(layout.narrowestLabel >= 96, JSON.stringify(layout));
  // Accessibility toolbars read and recolour the light DOM: the text is reachable from the document.
  assert.match(await page.evaluate(() => document.body.innerText), /制造业质量竞争力指数/);
  await page.screenshot({ path: `${ARTIFACTS}portal-light-scaled-1280x800.png` });
  await axeClean(s, 'mqci-widget');
  await finish(s);
});

for (const attrs of [{}, { render: 'light' }]) test(`portal: 打印 in the element${attrs.render ? ' (render="light")' : ''} prints only the widget; the host page prints as before afterwards`, async () => {
  const s = await open(hostPage('portal.html', { kind: 'element', attrs }));
  const { page } = s;
  await elementReady(page);
  const pages = async () => (((await page.pdf({ format: 'A4' })).toString('latin1')).match(/\/Type\s*\/Page(?!s)/g) || []).length;
  const shown = () => page.evaluate(() => ['#gov-header', '.gov-nav', '#gov-lead', '.gov-side', '#gov-footer', 'mqci-widget'].map((q) => getComputedStyle(document.querySelector(q)).display));
  const whole = await pages();
  // Headless Chromium has no print dialog: window.print() is recorded instead, after the widget's handler.
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await page.locator('mqci-widget [data-act="print"]').click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  await page.emulateMedia({ media: 'print' });
  assert.deepEqual(await shown(), ['none', 'none', 'none', 'none', 'none', 'block'], 'in print, only the widget is shown');
  await page.screenshot({ path: `${ARTIFACTS}portal-print-${attrs.render || 'shadow'}.png`, fullPage: true });
  const only = await pages();
  assert.ok(only < whole, `the widget alone takes fewer pages (${only}) than the portal (${whole})`);
  console.log(`print from the portal (${attrs.render || 'shadow'}): ${whole} pages → ${only} with only the widget`);
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(await shown(), ['block', 'block', 'block', 'block', 'block', 'block'], 'nothing changes on screen');
  // After printing, the host page's own printing (Ctrl+P) prints the portal again.
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-mqci-noprint], [data-mqci-print]').length), 0);
  await page.emulateMedia({ media: 'print' });
  assert.equal((await shown())[0], 'block');
  await page.emulateMedia({ media: 'screen' });
  await finish(s);
});

test('portal under a CSP without \'wasm-unsafe-eval\': the element runs the JS engine, says so, and shows the right index', async () => {
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const url = hostPage('portal.html', { kind: 'element', attrs: { 'storage-key': 'js' } });
    // The portal's own header, with 'wasm-unsafe-eval' taken out of script-src.
    await withoutWasmEval(page);
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    const response = await page.goto(url);
    assert.doesNotMatch((await response.allHeaders())['content-security-policy'], /wasm-unsafe-eval/);
    await page.locator('mqci-widget [data-act="example"][data-id="national-2007"]').click({ timeout: 30_000 });
    const index = indexIn(page.locator('mqci-widget')).filter({ hasText: /\d+\.\d\d/ });
    await index.waitFor({ timeout: 60_000 });
    assert.equal((await index.textContent()).trim(), '80.99');
    assert.equal(await page.evaluate(() => document.querySelector('mqci-widget').engine), 'js');
    const line = page.locator('mqci-widget [data-testid="engine-kind"]');
    await line.waitFor({ timeout: 60_000 });
    assert.equal(await line.getAttribute('data-kind'), 'js');
    assert.match(await line.textContent(), /JavaScript 副本运行/);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: `${ARTIFACTS}portal-element-js-engine-1280x800.png` });
    await context.close();
  } finally {
    await browser.close();
  }
});

test('portal: when neither engine can start, mqci-error carries the engine\'s code and the notice says why in Chinese', async () => {
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.route(/\/pkg\/[^/]+\.(wasm|asm\.js)$/, (route) => route.fulfill({ status: 404, body: 'not here' }));
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(hostPage('portal.html', { kind: 'element', attrs: {} }));
    await page.waitForFunction(() => window.__log.some((x) => x.type === 'mqci-error' && x.detail.field === 'engine'), null, { timeout: 30_000 });
    const detail = await page.evaluate(() => window.__log.find((x) => x.type === 'mqci-error' && x.detail.field === 'engine').detail);
    assert.equal(detail.code, 'engine_fetch_failed', JSON.stringify(detail));
    assert.match(String(detail.value), /\.asm\.js$/);
    assert.equal(detail.params.status, 404);
    const notice = await page.locator('mqci-widget .mqci [role="alert"]').textContent();
    assert.match(notice, /计算引擎加载失败/);
    assert.match(notice, /HTTP 404/);
    assert.ok(errors.some((l) => l.includes('engine_fetch_failed')), errors.join('\n'));

    // The iframe says the same to the host page: one mqci:error on "engine" with the engine's code.
    await page.goto(hostPage('portal.html', { kind: 'iframe', params: {} }));
    const posted = await waitMessage(page, { type: 'mqci:error', field: 'engine' });
    assert.equal(posted.code, 'engine_fetch_failed', JSON.stringify(posted));
    assert.equal(posted.params.status, 404);
    const frame = await (await page.waitForSelector('#widget-frame')).contentFrame();
    assert.match(await frame.locator('.mqci [role="alert"]').textContent(), /HTTP 404/);
    await context.close();
  } finally {
    await browser.close();
  }
});

test('portal screenshots: the element and the iframe in the 760 px column, 1280×800 and 390×844, zh and en', async () => {
  for (const kind of ['element', 'iframe']) {
    for (const lang of ['zh-CN', 'en']) {
      const s = await open(hostPage('portal.html', kind === 'element' ? { kind, attrs: { lang } } : { kind, params: { lang } }));
      const { page } = s;
      if (kind === 'element') await elementReady(page);
      else await widgetFrame(page);
      for (const [w, h] of [[1280, 800], [390, 844]]) {
        await page.setViewportSize({ width: w, height: h });
        await page.waitForTimeout(300);
        // The widget's top at the top of the screenshot, then the whole page.
        await page.evaluate(() => document.querySelector('#slot').scrollIntoView());
        await page.screenshot({ path: `${ARTIFACTS}portal-${kind}-${lang}-${w}x${h}.png` });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${kind} ${lang} ${w}px: no sideways scrolling (${overflow})`);
      }
      await finish(s);
    }
  }
});
