// End-to-end tests of embedding (issue 5): the widget on a host site of ANOTHER origin, both as
// the embed.html iframe (postMessage protocol with an origin allow-list) and as <mqci-widget>
// (Shadow DOM). The host site is tests/e2e/host/, served by `cargo xtask test` on its own port
// (MQCI_HOST_URL) with the strict policy in tests/e2e/host/.csp (no 'unsafe-inline'); its pages
// learn the widget's URL from ?widget=… and record what they receive in window.__log.
//
// Every test ends with the same security checks (see `finish`): no securitypolicyviolation in
// any frame, no page error or console error, every request to one of the two test origins, no
// cookies, only `mqci:` keys in localStorage, and no trace of the XSS payloads executing.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { initSync, defaultMethodology } from '../../www/pkg/mqci.js';
import {
  WIDGET, HOST, W, H, ARTIFACTS, NATIONAL_2007, OTHER, startBrowser, stopBrowser, hostPage, open, finish, assertInert,
  widgetFrame, fromWidget, logLength, waitMessage, postToWidget, seenInFrame, indexIn, settle, widgetsReady,
} from './embed-kit.mjs';

initSync({ module: await readFile(fileURLToPath(new URL('../../www/pkg/mqci_bg.wasm', import.meta.url))) });

const XSS_IMG = '<img src=x onerror="window.__xss=1">';
const XSS_SCRIPT = '"><script>window.__xss=1</script>';

before(startBrowser);
after(stopBrowser);

// ---- the iframe ----

test('iframe on another origin: ready, resize and result reach the listed host; set-inputs and set-profile work', async () => {
  const s = await open(hostPage('iframe.html', { origins: H }));
  const { page } = s;
  const frame = await widgetFrame(page);
  assert.equal(new URL(frame.url()).origin, W, 'the iframe is on the widget origin');

  // ready first, then a height, then the first result (the published national 2007 example).
  const first = await waitMessage(page, { type: 'mqci:result' });
  assert.equal(first.result.index, 80.99);
  assert.equal(first.result.band.id, 'initial');
  const types = (await fromWidget(page)).map((m) => m.data.type);
  assert.equal(types[0], 'mqci:ready', `ready comes first, got ${types}`);
  assert.ok(types.includes('mqci:resize'), `a resize message, got ${types}`);
  for (const m of await fromWidget(page)) assert.equal(m.origin, W);

  // The host sizes the iframe to the reported height: the iframe document never scrolls inside.
  const fitted = async () => {
    await settle(frame);
    await page.waitForFunction(() => {
      const heights = window.__log.filter((m) => m.from === 'widget' && m.data.type === 'mqci:resize').map((m) => m.data.height);
      const last = heights.at(-1);
      return last > 0 && document.querySelector('#widget-frame').clientHeight === last;
    });
    const heights = (await fromWidget(page)).filter((m) => m.data.type === 'mqci:resize').map((m) => m.data.height);
    const inner = await frame.evaluate(() => ({ h: innerHeight, sh: document.documentElement.scrollHeight, w: innerWidth, sw: document.documentElement.scrollWidth }));
    assert.equal(inner.h, heights.at(-1), 'the iframe viewport is as tall as the reported height');
    assert.ok(inner.sh <= inner.h, `no vertical scrolling inside the iframe (${inner.sh} > ${inner.h})`);
    assert.ok(inner.sw <= inner.w, `no horizontal scrolling inside the iframe (${inner.sw} > ${inner.w})`);
    return heights;
  };
  const heights = await fitted();
  const before = heights.at(-1);
  assert.ok(before > 1000, `the full widget is tall, got ${before}`);
  await page.screenshot({ path: `${ARTIFACTS}host-iframe-1280x800.png` });

  // Content changes size (the "other metrics" section toggles): each new height is posted and
  // applied, and it grows when the section opens.
  const section = frame.locator('.mqci-other');
  const wasOpen = await section.evaluate((d) => d.open);
  let since = await logLength(page);
  await section.locator('> summary').click();
  await waitMessage(page, wasOpen ? { type: 'mqci:resize', below: before } : { type: 'mqci:resize', above: before }, since);
  const toggled = (await fitted()).at(-1);
  since = await logLength(page);
  await section.locator('> summary').click();
  await waitMessage(page, wasOpen ? { type: 'mqci:resize', above: toggled } : { type: 'mqci:resize', below: toggled }, since);
  assert.equal((await fitted()).at(-1), before, 'back to the first height');
  const [closed, opened] = wasOpen ? [toggled, before] : [before, toggled];
  assert.ok(opened > closed + 100, `the opened section makes the iframe taller: ${closed} → ${opened}`);
  await page.screenshot({ path: `${ARTIFACTS}host-iframe-1280x800-full.png`, fullPage: true });

  // set-inputs from the host: another result first, then the 2007 sub-scores → 80.99.
  await postToWidget(page, { type: 'mqci:set-inputs', input: OTHER });
  const other = await waitMessage(page, { type: 'mqci:result', index: 89 });
  assert.equal(other.result.band.id, 'medium');
  assert.equal(await indexIn(frame).innerText(), '89.00');
  await postToWidget(page, { type: 'mqci:set-inputs', input: NATIONAL_2007 });
  await page.waitForFunction(() => window.__log.filter((m) => m.data?.type === 'mqci:result').at(-1).data.result.index === 80.99);
  const last = (await fromWidget(page)).filter((m) => m.data.type === 'mqci:result').at(-1).data.result;
  assert.equal(last.index, 80.99);
  assert.equal(last.band.zh, '初步竞争力');
  assert.equal(last.secondary.quality_level, 84.76);
  await indexIn(frame).filter({ hasText: /^80\.99$/ }).waitFor();
  assert.equal(await frame.locator('[data-testid="band"]').innerText(), '初步竞争力');

  // set-profile switches the target panel.
  const select = frame.locator('select[data-act="profile"]');
  assert.notEqual(await select.inputValue(), 'shanghai-2025');
  await postToWidget(page, { type: 'mqci:set-profile', profile: 'shanghai-2025' });
  await frame.locator('[data-testid="target-table"] caption').filter({ hasText: '上海 2025 年目标' }).waitFor();
  assert.equal(await select.inputValue(), 'shanghai-2025');
  // An unknown profile is reported to the host and changes nothing.
  since = await logLength(page);
  await postToWidget(page, { type: 'mqci:set-profile', profile: 'atlantis-2030' });
  const error = await waitMessage(page, { type: 'mqci:error' }, since);
  assert.match(error.message, /profile.*atlantis-2030/);
  assert.equal(await select.inputValue(), 'shanghai-2025');
  // A set-inputs whose input is not an object is refused with an error, inputs untouched.
  since = await logLength(page);
  await postToWidget(page, { type: 'mqci:set-inputs', input: 'scores=90' });
  const refused = await waitMessage(page, { type: 'mqci:error' }, since);
  assert.match(refused.message, /^input: must be an object/);
  assert.equal(await indexIn(frame).innerText(), '80.99');

  // The widget saved its state under its own origin, namespaced.
  const keys = await frame.evaluate(() => Object.keys(localStorage));
  assert.deepEqual(keys, ['mqci:v1:embed:default']);
  await finish(s);
});

test('iframe whose origins do not list the host: it posts nothing to the host and ignores the host', async () => {
  // No origins, the widget's own origin (a likely misconfiguration), and junk.
  for (const origins of ['', W, 'null,*,javascript:alert(1),not a url']) {
    const s = await open(hostPage('iframe.html', { origins }));
    const { page } = s;
    const frame = await widgetFrame(page);
    await indexIn(frame).filter({ hasText: /^80\.99$/ }).waitFor();

    // The host posts commands, to the widget origin and to '*': the widget sees them, and ignores them.
    await postToWidget(page, { type: 'mqci:set-inputs', input: OTHER });
    await postToWidget(page, { type: 'mqci:set-profile', profile: 'shanghai-2025' }, '*');
    await seenInFrame(frame, 'mqci:set-profile');
    assert.equal(await indexIn(frame).innerText(), '80.99', `set-inputs ignored (origins=${origins})`);
    assert.notEqual(await frame.locator('select[data-act="profile"]').inputValue(), 'shanghai-2025');

    // Things that would post results and heights to a listed host: typing, opening a section.
    await frame.locator('.mqci-scores input[data-id="quality_level"]').fill('90');
    await indexIn(frame).filter({ hasText: /^83\.61$/ }).waitFor();
    await frame.locator('.mqci-other > summary').click();
    await settle(frame);
    // A probe posted after all that arrives after anything the widget posted (same source, in order).
    await frame.evaluate(() => parent.postMessage({ type: 'test:probe' }, '*'));
    await page.waitForFunction(() => window.__log.some((m) => m.data?.type === 'test:probe'));
    const received = (await page.evaluate(() => window.__log)).filter((m) => m.data?.type !== 'test:probe');
    assert.deepEqual(received, [], `the host received nothing (origins=${JSON.stringify(origins)})`);
    await finish(s);
  }
});

test('iframe ignores messages from other frames: a third origin, and a sibling of the listed origin', async () => {
  for (const sibling of ['widget', 'host']) {
    const s = await open(hostPage('iframe.html', { origins: H, sibling }));
    const { page } = s;
    const frame = await widgetFrame(page);
    await waitMessage(page, { type: 'mqci:result' });
    const other = await (await page.waitForSelector('#sibling-frame')).contentFrame();
    await other.waitForLoadState();
    assert.equal(new URL(other.url()).origin, sibling === 'widget' ? W : H);

    // The sibling (a page of the widget's origin — not listed — or a page of the listed host
    // origin that is not the parent) posts commands straight to the widget's window.
    await other.evaluate(([inputs]) => {
      const target = parent.frames[0];
      target.postMessage({ type: 'mqci:set-inputs', input: inputs }, '*');
      target.postMessage({ type: 'mqci:set-profile', profile: 'shanghai-2025' }, '*');
    }, [OTHER]);
    await seenInFrame(frame, 'mqci:set-profile');
    assert.equal(await indexIn(frame).innerText(), '80.99', `set-inputs from the ${sibling} sibling ignored`);
    assert.notEqual(await frame.locator('select[data-act="profile"]').inputValue(), 'shanghai-2025');
    assert.equal((await fromWidget(page)).filter((m) => m.data.type === 'mqci:result').length, 1, 'no new result');

    // The same commands from the parent on the listed origin are obeyed (the control).
    await postToWidget(page, { type: 'mqci:set-inputs', input: OTHER });
    await waitMessage(page, { type: 'mqci:result', index: 89 });
    await postToWidget(page, { type: 'mqci:set-profile', profile: 'shanghai-2025' });
    await frame.locator('[data-testid="target-table"] caption').filter({ hasText: '上海 2025 年目标' }).waitFor();
    await finish(s);
  }
});

test('iframe: the confirm dialog opens next to the button that asked, not in the middle of the tall iframe', async () => {
  const s = await open(hostPage('iframe.html', { origins: H }));
  const { page } = s;
  const frame = await widgetFrame(page);
  await page.waitForFunction(() => document.querySelector('#widget-frame').clientHeight > 1000);
  const button = frame.getByRole('button', { name: '清空', exact: true });
  await button.click();
  const dialog = frame.getByRole('dialog');
  await dialog.waitFor();
  const [b, d] = await Promise.all([button.boundingBox(), dialog.boundingBox()]); // host-page coordinates
  assert.ok(d.y >= b.y + b.height && d.y <= b.y + b.height + 40, `dialog right below the button: button ${JSON.stringify(b)}, dialog ${JSON.stringify(d)}`);
  assert.ok(d.y + d.height <= 800, 'the whole dialog is in the host viewport');
  assert.equal(await frame.evaluate(() => document.activeElement.textContent), '取消', 'focus on the safe choice');
  await dialog.getByRole('button', { name: '取消' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await frame.evaluate(() => document.querySelector('dialog').getAttribute('style')), '', 'placement removed on close');
  assert.equal(await indexIn(frame).innerText(), '80.99');
  // Confirming works as well: everything is cleared, and the host hears of the empty result.
  const since = await logLength(page);
  await button.click();
  await dialog.getByRole('button', { name: '确认清空' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.equal((await waitMessage(page, { type: 'mqci:result', index: null }, since)).result.index, null);
  assert.equal(await indexIn(frame).innerText(), '–');
  await finish(s);
});

test('the host CSP is strict and enforced in both documents, so "0 violations" means something', async () => {
  const s = await open(hostPage('iframe.html', { origins: H }));
  const { page } = s;
  const response = await page.request.get(hostPage('iframe.html'));
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' http:\/\/127\.0\.0\.1:\*/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'/);
  const frame = await widgetFrame(page);
  for (const f of [page.mainFrame(), frame]) {
    const outcome = await f.evaluate(async () => {
      const before = window.__csp.length;
      const script = document.createElement('script');
      script.textContent = 'window.__inline = 1';
      document.body.append(script);
      for (let i = 0; i < 100 && window.__csp.length === before; i += 1) await new Promise((r) => setTimeout(r, 10));
      const seen = window.__csp.splice(before);
      script.remove();
      return { ran: typeof window.__inline, seen };
    });
    assert.equal(outcome.ran, 'undefined', `inline script blocked in ${f.url()}`);
    assert.equal(outcome.seen.length, 1, `the violation listener saw it in ${f.url()}`);
    assert.match(outcome.seen[0], /script-src/);
  }
  // Chromium also logs each blocked script on the console: those two lines are expected here.
  const blocked = s.problems.filter((p) => /Executing inline script violates the following Content Security Policy/.test(p));
  assert.equal(blocked.length, 2);
  s.problems.splice(0, s.problems.length, ...s.problems.filter((p) => !blocked.includes(p)));
  await finish(s);
});

// ---- the element ----


const PROPS = ['color', 'background-color', 'font-size', 'font-family', 'font-weight', 'font-style', 'letter-spacing', 'word-spacing',
  'line-height', 'text-transform', 'text-align', 'display', 'visibility', 'border-top-style', 'border-top-color', 'padding-top', 'margin-top'];
const SELECTORS = ['.mqci', '.mqci-title', '.mqci-sub', '.mqci-btn', '.mqci-input', '.mqci-index', '.mqci-band', '.mqci-card', '.mqci-h',
  '.mqci-table th', 'legend', 'summary', 'label', '.mqci-select'];

/** Computed styles of the first match of each selector under `root` ('document' or the first widget's shadow root). */
const stylesIn = (page, where) => page.evaluate(([w, selectors, props]) => {
  const root = w === 'shadow' ? document.querySelector('mqci-widget').shadowRoot : document;
  return Object.fromEntries(selectors.map((sel) => {
    const el = root.querySelector(sel);
    if (!el) return [sel, null];
    const cs = getComputedStyle(el);
    return [sel, Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]))];
  }));
}, [where, SELECTORS, PROPS]);

test('<mqci-widget> from another origin: shadow root, events, setInputs/getResult, errors naming the field', async () => {
  const s = await open(hostPage('element.html'));
  const { page } = s;
  await widgetsReady(page);
  const shape = await page.evaluate(() => {
    const el = document.querySelector('mqci-widget');
    return {
      open: el.shadowRoot?.mode,
      lightChildren: el.children.length,
      inDocument: document.querySelectorAll('.mqci, .mqci-card:not(#host-probe), .mqci-input').length,
      inShadow: el.shadowRoot.querySelectorAll('.mqci-card').length,
      sheets: [...document.styleSheets].map((x) => x.href),
      display: getComputedStyle(el).display,
      module: document.querySelector('script[type=module][src*="mqci-widget.js"]')?.src,
    };
  });
  assert.equal(shape.open, 'open');
  assert.equal(shape.lightChildren, 0, 'nothing rendered into the light DOM');
  assert.equal(shape.inDocument, 0, 'no widget markup in the host document');
  assert.ok(shape.inShadow >= 3, 'the panels are in the shadow root');
  assert.deepEqual(shape.sheets, [`${H}/host.css`], 'the widget adds no stylesheet to the host document');
  assert.equal(shape.display, 'block');
  assert.equal(shape.module, `${W}/mqci-widget.js`);

  // The first result arrived as an event carrying the assessment.
  const firstEvents = await page.evaluate(() => window.__log);
  assert.equal(firstEvents[0].type, 'mqci-result');
  assert.equal(firstEvents[0].detail.index, 80.99);
  assert.equal(firstEvents[0].detail.band.id, 'initial');
  assert.equal(firstEvents[0].detail.indicators.spot_check_pass_rate.overridden, true, 'covered by the sub-score');

  const count = () => page.evaluate(() => window.__log.filter((e) => e.type === 'mqci-result').length);
  const n0 = await count();
  await page.evaluate((input) => document.querySelector('mqci-widget').setInputs(input), OTHER);
  assert.equal(await page.evaluate(() => document.querySelector('mqci-widget').getResult().index), 89);
  await page.waitForFunction((n) => window.__log.filter((e) => e.type === 'mqci-result').length > n, n0);
  assert.equal(await indexIn(page.locator('mqci-widget')).innerText(), '89.00');
  const n1 = await count();
  await page.evaluate((input) => document.querySelector('mqci-widget').setInputs(input), NATIONAL_2007);
  assert.equal(await page.evaluate(() => document.querySelector('mqci-widget').getResult().index), 80.99);
  await page.waitForFunction((n) => window.__log.filter((e) => e.type === 'mqci-result').length > n, n1);
  const event = (await page.evaluate(() => window.__log)).at(-1);
  assert.equal(event.type, 'mqci-result');
  assert.equal(event.detail.index, 80.99);
  assert.equal(event.detail.band.zh, '初步竞争力');
  assert.equal(await indexIn(page.locator('mqci-widget')).innerText(), '80.99');

  // Bad input: an mqci-error whose message names the field; the form shows it too.
  const errorsBefore = await page.evaluate(() => window.__log.filter((e) => e.type === 'mqci-error').length);
  await page.evaluate(() => document.querySelector('mqci-widget').setInputs({ scores: { quality_level: 'abc', development_capability: 77.21 } }));
  await page.waitForFunction((n) => window.__log.filter((e) => e.type === 'mqci-error').length > n, errorsBefore);
  const bad = (await page.evaluate(() => window.__log.filter((e) => e.type === 'mqci-error'))).at(-1);
  assert.match(bad.detail.message, /scores\.quality_level/);
  assert.match(bad.detail.message, /"abc" is not a number/);
  assert.equal(bad.detail.errors[0].field, 'scores.quality_level');
  assert.equal(await page.evaluate(() => document.querySelector('mqci-widget').getResult().index), null);
  assert.match(await page.locator('mqci-widget [data-testid="error-summary"]').innerText(), /“abc”不是数字/);
  // An unknown id is named as well.
  await page.evaluate(() => document.querySelector('mqci-widget').setInputs({ values: { bogus_indicator: 1 } }));
  await page.waitForFunction(() => window.__log.some((e) => e.type === 'mqci-error' && /values\.bogus_indicator/.test(e.detail.message)));
  await finish(s);
});

test('<mqci-widget>: hostile host CSS does not reach the widget, and the widget CSS does not reach the host', async () => {
  const s = await open(hostPage('element.html'));
  const { page } = s;
  await widgetsReady(page);
  // The same widget on its own page (no host CSS) is the reference.
  const ref = await s.context.newPage();
  await ref.goto(WIDGET);
  await ref.locator('.mqci-card').first().waitFor({ timeout: 20_000 });
  await ref.locator('.mqci:not([aria-busy])').waitFor({ timeout: 20_000 });
  const expected = await stylesIn(ref, 'document');
  const actual = await stylesIn(page, 'shadow');
  const compared = SELECTORS.filter((sel) => expected[sel]);
  assert.ok(compared.length >= 10, `enough of the widget's elements to compare: ${compared}`);
  for (const sel of SELECTORS) assert.deepEqual(actual[sel], expected[sel], `computed style of ${sel} inside the shadow root`);
  // Spelled out, for the record.
  assert.equal(actual['.mqci'].color, 'rgb(27, 31, 36)');
  assert.equal(actual['.mqci-input']['font-size'], '16px');
  assert.notEqual(actual['.mqci-input'].display, 'none');
  assert.equal(actual['.mqci']['letter-spacing'], 'normal');
  assert.ok(await page.locator('mqci-widget .mqci-input').first().isVisible());
  await ref.close();

  // The host's own elements keep the host's styles, though they carry the widget's class names.
  const host = await page.evaluate(() => {
    const cs = (sel) => getComputedStyle(document.querySelector(sel));
    const probe = cs('#host-probe');
    const rect = document.querySelector('#host-probe').getBoundingClientRect();
    return {
      color: probe.color, fontSize: probe.fontSize, position: probe.position, border: probe.borderTopStyle,
      clip: probe.clipPath, width: rect.width, input: cs('#host-input').display, body: cs('body').backgroundColor,
    };
  });
  assert.deepEqual(host, {
    color: 'rgb(255, 0, 0)', fontSize: '16px', position: 'static', border: 'dashed', clip: 'none', width: host.width, input: 'none', body: 'rgba(0, 0, 0, 0)',
  });
  assert.ok(host.width > 20, '.mqci-vh did not shrink the host element');
  await page.screenshot({ path: `${ARTIFACTS}host-element-1280x800.png` });
  await finish(s);
});

test('<mqci-widget>: attributes changed while it loads are applied once it is ready, with one mount', async () => {
  const s = await open(hostPage('element.html'));
  const { page } = s;
  await widgetsReady(page);
  const since = await page.evaluate(() => window.__log.length);
  // The module is loaded, so connectedCallback starts a (full-mode) mount at once; mounting is
  // asynchronous, so these changes land while it is still loading.
  const loading = await page.evaluate(() => {
    const el = document.createElement('mqci-widget');
    el.id = 'late';
    document.querySelector('#slot').append(el);
    el.setAttribute('mode', 'targets');
    el.setAttribute('profile', 'shanghai-2025');
    el.setAttribute('lang', 'en');
    return el.getResult() === null && !!el.shadowRoot.querySelector('.mqci[aria-busy]');
  });
  assert.ok(loading, 'still loading when the attributes changed');
  await page.evaluate(() => document.querySelector('#late').ready);
  const late = page.locator('#late');
  await late.locator('.mqci[lang="en"]:not([aria-busy])').waitFor();
  const state = await page.evaluate(() => {
    const root = document.querySelector('#late').shadowRoot;
    return {
      boxes: root.querySelectorAll('.mqci').length,
      mode: root.querySelector('.mqci').dataset.mode,
      profile: root.querySelector('select[data-act="profile"]')?.value,
      index: root.querySelectorAll('[data-testid="index"]').length,
    };
  });
  assert.deepEqual(state, { boxes: 1, mode: 'targets', profile: 'shanghai-2025', index: 0 });
  await late.locator('[data-testid="target-table"] caption').filter({ hasText: /Shanghai/ }).waitFor();
  // The abandoned full-mode mount would have announced the example's 80.99: nothing of it reaches
  // the host (a targets-only widget has no assessment to announce).
  const lateEvents = await page.evaluate((n) => window.__log.slice(n).filter((e) => e.id === 'late'), since);
  assert.deepEqual(lateEvents.map((e) => e.type), [], 'no events from the abandoned mount');
  await finish(s);
});

test('two <mqci-widget> elements keep separate state and storage keys across a reload', async () => {
  const s = await open(hostPage('two.html'));
  const { page } = s;
  await widgetsReady(page, 2);
  await page.evaluate(([a, b]) => {
    document.querySelector('#first').setInputs(a);
    document.querySelector('#second').setInputs(b);
    document.querySelector('#second').setAttribute('profile', 'shanghai-2025');
  }, [NATIONAL_2007, OTHER]);
  const first = page.locator('#first');
  const second = page.locator('#second');
  await indexIn(second).filter({ hasText: /^89\.00$/ }).waitFor();
  assert.equal(await indexIn(first).innerText(), '80.99');
  await second.locator('[data-testid="target-table"] caption').filter({ hasText: '上海' }).waitFor();

  await page.reload();
  await widgetsReady(page, 2);
  assert.equal(await indexIn(first).innerText(), '80.99');
  assert.equal(await indexIn(second).innerText(), '89.00');
  assert.deepEqual(await page.evaluate(() => ['#first', '#second'].map((id) => document.querySelector(id).getResult().index)), [80.99, 89]);
  assert.equal(await second.locator('select[data-act="profile"]').inputValue(), 'shanghai-2025');
  assert.notEqual(await first.locator('select[data-act="profile"]').inputValue(), 'shanghai-2025');
  assert.equal(await first.locator('input[data-k="scores"][data-id="quality_level"]').inputValue(), '84.76');
  assert.equal(await second.locator('input[data-k="scores"][data-id="quality_level"]').inputValue(), '90');

  const stored = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, JSON.parse(localStorage.getItem(k))])));
  assert.deepEqual(Object.keys(stored).sort(), ['mqci:v1:widget:first', 'mqci:v1:widget:second']);
  assert.deepEqual(stored['mqci:v1:widget:first'].inputs.scores, { quality_level: '84.76', development_capability: '77.21' });
  assert.deepEqual(stored['mqci:v1:widget:second'].inputs.scores, { quality_level: '90', development_capability: '88' });
  assert.equal(stored['mqci:v1:widget:second'].inputs.profile, 'shanghai-2025');
  await page.screenshot({ path: `${ARTIFACTS}host-two-1280x800.png` });
  await finish(s);
});

// ---- XSS ----

/** A valid methodology whose id and band names carry the payloads. */
function payloadMethodology(id, bandName) {
  const m = defaultMethodology();
  m.id = id;
  for (const b of m.bands) if (b.id === 'initial') b.zh = bandName;
  return m;
}

/** The share-link fragment for `state`, encoded as the widget encodes it. */
const shareHash = (state) => `#s=${Buffer.from(JSON.stringify(state), 'utf8').toString('base64url')}`;

const SHARED = {
  values: { spot_check_pass_rate: XSS_IMG, quality_loss_rate: XSS_SCRIPT },
  scores: { quality_level: '84.76', development_capability: '77.21' },
  actuals: { mqci: XSS_SCRIPT },
  profile: XSS_IMG,
  method: { custom: payloadMethodology(XSS_SCRIPT, XSS_IMG), name: XSS_IMG },
};

/** Asserts what the shared state above shows, literally, in `scope` (a page or frame). */
async function assertSharedShown(scope) {
  await scope.locator('[data-testid="notice"]').filter({ hasText: '已从分享链接恢复数据' }).waitFor();
  assert.equal(await scope.locator('input[data-k="values"][data-id="spot_check_pass_rate"]').inputValue(), XSS_IMG);
  assert.equal(await scope.locator('input[data-k="values"][data-id="quality_loss_rate"]').inputValue(), XSS_SCRIPT);
  assert.equal(await indexIn(scope).innerText(), '80.99');
  assert.equal(await scope.locator('[data-testid="band"]').innerText(), XSS_IMG, 'band name shown as text');
  assert.ok((await scope.locator('[data-testid="method-id"]').innerText()).includes(XSS_SCRIPT), 'methodology id shown as text');
  assert.ok((await scope.locator('.mqci-method').innerText()).includes(`正在使用自定义方法“${XSS_IMG}”`));
  const errors = await scope.locator('[data-testid="error-summary"]').innerText();
  assert.ok(errors.includes(`“${XSS_IMG}”不是数字`), errors);
  assert.ok(errors.includes(`“${XSS_SCRIPT}”不是数字`), errors);
}

test('XSS: payloads in a #s= share link stay text, in the iframe and on the widget page', async () => {
  // The host page forwards its own fragment to the iframe (a fragment is never sent to a server).
  const s = await open(hostPage('iframe.html', { origins: H }) + shareHash(SHARED));
  const { page } = s;
  const frame = await widgetFrame(page);
  await assertSharedShown(frame);
  assert.equal(new URL(frame.url()).hash, '', 'the fragment is removed once read');
  await assertInert(page);
  // The widget's own page under the production CSP.
  const direct = await s.context.newPage();
  await direct.goto(WIDGET + shareHash(SHARED));
  await direct.locator('.mqci:not([aria-busy])').waitFor({ timeout: 20_000 });
  await assertSharedShown(direct);
  await assertInert(direct);
  assert.deepEqual(await direct.evaluate(() => window.__csp), []);
  await direct.close();
  await finish(s);
});

test('XSS: payloads in postMessage set-inputs/set-profile stay text and come back as text', async () => {
  const s = await open(hostPage('iframe.html', { origins: H }));
  const { page } = s;
  const frame = await widgetFrame(page);
  await waitMessage(page, { type: 'mqci:result' });
  await postToWidget(page, { type: 'mqci:set-inputs', input: { values: { spot_check_pass_rate: XSS_IMG, [XSS_SCRIPT]: XSS_IMG }, scores: { quality_level: XSS_SCRIPT } } });
  await postToWidget(page, { type: 'mqci:set-profile', profile: XSS_IMG });
  await seenInFrame(frame, 'mqci:set-profile');
  assert.equal(await frame.locator('input[data-k="values"][data-id="spot_check_pass_rate"]').inputValue(), XSS_IMG);
  assert.equal(await frame.locator('input[data-k="scores"][data-id="quality_level"]').inputValue(), XSS_SCRIPT);
  const summary = await frame.locator('[data-testid="error-summary"]').innerText();
  assert.ok(summary.includes(`“${XSS_IMG}”不是数字`), summary);
  assert.ok(summary.includes(`“${XSS_SCRIPT}”不是数字`), summary);
  const profileError = await waitMessage(page, { type: 'mqci:error', includes: `profile: unknown id "${XSS_IMG}"` });
  assert.equal(profileError.message, `profile: unknown id "${XSS_IMG}"`);
  const unknown = await waitMessage(page, { type: 'mqci:error', includes: `unknown id "${XSS_SCRIPT}"` });
  assert.ok(unknown.message.includes(`values.${XSS_SCRIPT}: unknown id`), unknown.message);
  assert.notEqual(await frame.locator('select[data-act="profile"]').inputValue(), XSS_IMG);
  await assertInert(page);
  await finish(s);
});

test('XSS: payloads in imported files and custom methodology files stay text (element on the host)', async () => {
  const s = await open(hostPage('element.html'));
  const { page } = s;
  await widgetsReady(page);
  const widget = page.locator('mqci-widget');

  // An export file whose fields carry the payloads, named with a payload.
  const exported = { format: 'mqci-export', formatVersion: 1, inputs: SHARED };
  await widget.locator('input[type=file][data-act="importFile"]').setInputFiles({ name: `${XSS_IMG}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
  await widget.locator('[data-testid="notice"]').filter({ hasText: '已导入文件' }).waitFor();
  const notice = await widget.locator('[data-testid="notice"]').innerText();
  assert.equal(notice, `已导入文件“${XSS_IMG}.json”。`);
  assert.equal(await widget.locator('input[data-k="values"][data-id="spot_check_pass_rate"]').inputValue(), XSS_IMG);
  assert.equal(await widget.locator('[data-testid="band"]').innerText(), XSS_IMG);
  assert.ok((await widget.locator('[data-testid="method-id"]').innerText()).includes(XSS_SCRIPT));
  assert.ok((await widget.locator('.mqci-method').innerText()).includes(`正在使用自定义方法“${XSS_IMG}”`));
  assert.equal(await widget.locator('input[data-k="actuals"][data-id="mqci"]').inputValue(), XSS_SCRIPT);
  await assertInert(page);

  // A methodology file that is refused: its bad field (a payload id) is listed as text.
  const refused = defaultMethodology();
  refused.indicators[XSS_IMG] = refused.indicators.spot_check_pass_rate;
  await widget.locator('input[type=file][data-act="methodFile"]').setInputFiles({ name: 'evil-method.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(refused)) });
  const errors = widget.locator('[data-testid="method-errors"]');
  await errors.waitFor();
  assert.ok((await errors.locator('code').allInnerTexts()).includes(`indicators.${XSS_IMG}`));
  assert.ok((await errors.innerText()).includes(`未知的标识“${XSS_IMG}”`));
  // A valid one whose name (file name) and id carry the payloads.
  await widget.locator('input[type=file][data-act="methodFile"]').setInputFiles({ name: `${XSS_SCRIPT}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(payloadMethodology(XSS_IMG, XSS_SCRIPT))) });
  await widget.locator('[data-testid="method-id"]').filter({ hasText: XSS_IMG }).waitFor();
  assert.equal(await errors.count(), 0);
  const fileName = await widget.locator('.mqci-method .mqci-notice').innerText();
  assert.ok(fileName.includes(XSS_SCRIPT.replace(/\//g, '')) || fileName.includes(XSS_SCRIPT.replace(/\//g, ':')) || fileName.includes(XSS_SCRIPT), fileName);
  await page.evaluate((input) => document.querySelector('mqci-widget').setInputs(input), NATIONAL_2007);
  await widget.locator('[data-testid="band"]').filter({ hasText: XSS_SCRIPT }).waitFor();
  await assertInert(page);
  await finish(s);
});

test('XSS: payloads in <mqci-widget> attributes and setInputs are inert', async () => {
  const attrs = { profile: XSS_IMG, lang: XSS_SCRIPT, mode: XSS_IMG, methodology: XSS_SCRIPT, 'storage-key': XSS_IMG };
  const methodologyUrl = new URL(XSS_SCRIPT, HOST).href; // a same-origin (host) path that does not exist
  const s = await open(hostPage('element.html', { attrs }), { expect404: [methodologyUrl], returning: false });
  const { page } = s;
  await widgetsReady(page);
  const widget = page.locator('mqci-widget');
  // Junk attributes fall back to defaults: full mode, Chinese, the national profile.
  assert.equal(await page.evaluate(() => document.querySelector('mqci-widget').shadowRoot.querySelector('.mqci').dataset.mode), 'full');
  assert.equal(await page.evaluate(() => document.querySelector('mqci-widget').shadowRoot.querySelector('.mqci').lang), 'zh-CN');
  assert.equal(await widget.locator('select[data-act="profile"]').inputValue(), 'national-2025');
  // The methodology path was tried on the host's origin and its failure is shown as text.
  const methodErrors = await widget.locator('[data-testid="method-errors"]').innerText();
  assert.ok(methodErrors.includes(methodologyUrl), methodErrors);
  assert.ok(s.requests.includes(methodologyUrl), `requested ${methodologyUrl}: ${s.requests.join('\n')}`);

  // Changed attributes after the widget is ready.
  const errorsBefore = await page.evaluate(() => window.__log.filter((e) => e.type === 'mqci-error').length);
  await page.evaluate(([p, m]) => {
    const el = document.querySelector('mqci-widget');
    el.setAttribute('profile', p);
    el.setAttribute('lang', m);
    el.setAttribute('mode', p);
    el.setAttribute('methodology', `http://127.0.0.1:1/${p}`);
  }, [XSS_SCRIPT, XSS_IMG]);
  await page.waitForFunction(([n, p]) => window.__log.filter((e) => e.type === 'mqci-error').length > n
    && window.__log.some((e) => e.detail?.message === `profile: unknown id "${p}"`)
    && window.__log.some((e) => /methodology: .* is not a same-origin URL/.test(e.detail?.message)), [errorsBefore, XSS_SCRIPT]);
  await widgetsReady(page);
  assert.equal(await page.evaluate(() => document.querySelector('mqci-widget').shadowRoot.querySelectorAll('.mqci').length), 1, 'remounted once');
  const sameOrigin = (await page.evaluate(() => window.__log)).find((e) => /is not a same-origin URL/.test(e.detail?.message)).detail.message;
  assert.equal(sameOrigin, `methodology: "http://127.0.0.1:1/${XSS_SCRIPT}" is not a same-origin URL`);

  // setInputs with payloads: shown as the field values, and quoted in the error summary.
  await page.evaluate(([a, b]) => document.querySelector('mqci-widget').setInputs({ values: { spot_check_pass_rate: a, quality_loss_rate: b } }), [XSS_IMG, XSS_SCRIPT]);
  assert.equal(await widget.locator('input[data-k="values"][data-id="spot_check_pass_rate"]').inputValue(), XSS_IMG);
  const summary = await widget.locator('[data-testid="error-summary"]').innerText();
  assert.ok(summary.includes(`“${XSS_IMG}”不是数字`), summary);
  assert.ok(summary.includes(`“${XSS_SCRIPT}”不是数字`), summary);
  // The storage key carries the payload, inside the mqci: namespace (finish() checks the prefix).
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), [`mqci:v1:widget:${XSS_IMG}`]);
  await assertInert(page);
  await finish(s);
});
