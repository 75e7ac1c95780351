// Shared by the embedding tests (embed.test.mjs, embed-*.test.mjs): the two origins, a browser
// context that records everything that could go wrong (page errors in any frame, console
// errors, CSP violations, stray requests), the security checks every test ends with, and
// helpers to talk to the iframe and the element. The host site is tests/e2e/host/, served by
// `cargo xtask test` on its own port (MQCI_HOST_URL) with the strict policy in tests/e2e/host/.csp.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launch, baseUrl, hostUrl } from './helpers.mjs';

export const WIDGET = baseUrl();
export const HOST = hostUrl();
assert.ok(HOST, 'MQCI_HOST_URL must name the served tests/e2e/host/ (cargo xtask test does this)');
export const W = new URL(WIDGET).origin;
export const H = new URL(HOST).origin;
assert.notEqual(W, H, 'the host site must be another origin than the widget');
export const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

export const NATIONAL_2007 = { scores: { quality_level: 84.76, development_capability: 77.21 } };
export const OTHER = { scores: { quality_level: 90, development_capability: 88 } }; // → 89.00

// Chromium logs this for the confirm dialog's autofocus button (app.js) in any cross-origin
// iframe; it is harmless but reported (see the embedding report). Nothing else may be logged.
const KNOWN_CONSOLE = [];

let browser;
/** Launches the browser the tests share (call from `before`). */
export async function startBrowser() {
  browser = await launch();
  await mkdir(ARTIFACTS, { recursive: true });
}
/** Closes it (call from `after`). */
export const stopBrowser = () => browser?.close();

/** A page URL on the host site, with the widget's address and other query parameters. */
export function hostPage(path, params = {}) {
  const url = new URL(path, HOST);
  url.searchParams.set('widget', WIDGET);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  return url.href;
}

/**
 * Opens `url` in a fresh context (its own storage) with a CSP-violation recorder and a message
 * recorder in every frame, and records requests, page errors and console errors.
 * `expect404` lists URLs that may answer 404 (with their console line).
 */
export async function open(url, { expect404 = [], returning = true } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: false });
  // A first visit starts empty (issue 9). These tests are about embedding, so by default every
  // widget opens as a returning visitor whose saved figures are the 2007 sub-scores (→ 80.99):
  // a saved copy is read where this browser has none. Real saved copies still win.
  if (returning) {
    await context.addInitScript(() => {
      const real = Storage.prototype.getItem;
      const saved = JSON.stringify({
        v: 1,
        savedAt: '2026-12-01T00:00:00.000Z',
        inputs: { values: {}, scores: { quality_level: '84.76', development_capability: '77.21' }, raw: {}, actuals: {}, method: { bandScheme: '2011', standardization: 'linear', custom: null, name: '' } },
      });
      Storage.prototype.getItem = function getItem(key) {
        const value = real.call(this, key);
        return value == null && /^mqci:v1:(default|embed:[^:]+|widget:[^:]+)$/.test(String(key)) ? saved : value;
      };
    });
  }
  await context.addInitScript(() => {
    window.__csp = [];
    window.__received = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${location.origin}: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`);
    });
    window.addEventListener('message', (e) => {
      window.__received.push({ origin: e.origin, type: e.data && typeof e.data === 'object' ? e.data.type : String(e.data) });
    });
  });
  const requests = [];
  const problems = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    if (KNOWN_CONSOLE.some((re) => re.test(text))) return;
    if (/status of 404/.test(text) && expect404.some((u) => (m.location()?.url || '') === u || text.includes(u))) return;
    problems.push(`console error: ${text} (${m.location()?.url})`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !(r.status() === 404 && expect404.includes(r.url()))) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(url);
  return { context, page, requests, problems, expect404 };
}

/** The security checks every test ends with; closes the context. */
export async function finish(s) {
  const { context, page, requests, problems } = s;
  for (const frame of page.frames()) {
    if (frame.isDetached() || frame.url() === 'about:blank') continue;
    const state = await frame.evaluate(() => ({
      csp: window.__csp,
      xss: typeof window.__xss,
      keys: (() => {
        try {
          return Object.keys(localStorage);
        } catch {
          return [];
        }
      })(),
    }));
    assert.deepEqual(state.csp, [], `securitypolicyviolation in ${frame.url()}`);
    assert.equal(state.xss, 'undefined', `window.__xss was set in ${frame.url()}`);
    for (const key of state.keys) assert.ok(key.startsWith('mqci:'), `storage key ${JSON.stringify(key)} in ${frame.url()} is not mqci:-prefixed`);
  }
  assert.deepEqual(problems, [], 'page errors, console errors or failed requests');
  const stray = requests.filter((u) => !u.startsWith(`${W}/`) && !u.startsWith(`${H}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(stray, [], `requests to origins other than ${W} and ${H}`);
  assert.deepEqual(requests.filter((u) => /\/x$/.test(new URL(u).pathname)), [], 'an injected <img src=x> was loaded');
  assert.deepEqual(await context.cookies(), [], 'no cookies');
  await context.close();
}

/** Asserts that no payload turned into markup: no img/script/iframe/[onerror] in any widget DOM. */
export async function assertInert(page) {
  for (const frame of page.frames()) {
    if (frame.isDetached() || frame.url() === 'about:blank') continue;
    const found = await frame.evaluate((widgetOrigin) => {
      const roots = [document, ...[...document.querySelectorAll('mqci-widget')].map((el) => el.shadowRoot)];
      const out = [];
      for (const root of roots) {
        for (const el of root.querySelectorAll('img, iframe:not(.host-frame), object, embed, [onerror], [onload], [src="x"]')) out.push(el.outerHTML.slice(0, 80));
        const app = root.querySelector('.mqci');
        // The widget may link its own stylesheets (from its origin); nothing else may appear.
        if (app) for (const el of app.querySelectorAll('script, style, link')) if (!(el.tagName === 'LINK' && el.href.startsWith(widgetOrigin))) out.push(el.outerHTML.slice(0, 80));
      }
      return { out, xss: typeof window.__xss };
    }, `${W}/`);
    assert.deepEqual(found.out, [], `markup injected in ${frame.url()}`);
    assert.equal(found.xss, 'undefined', `window.__xss was set in ${frame.url()}`);
  }
}

// ---- iframe helpers ----

/** The widget's iframe (a playwright Frame), once its widget has rendered. */
export async function widgetFrame(page, id = 'widget-frame') {
  const frame = await (await page.waitForSelector(`#${id}`)).contentFrame();
  await frame.waitForSelector('.mqci-card', { timeout: 20_000 });
  // Every panel is in once the widget drops aria-busy (the first result comes before the rest).
  await frame.waitForSelector('.mqci:not([aria-busy])', { timeout: 20_000 });
  return frame;
}

/** Messages the host page received from the widget's iframe. */
export const fromWidget = (page) => page.evaluate(() => window.__log.filter((m) => m.from === 'widget'));

/** How many messages the host page has received so far (for `since`). */
export const logLength = (page) => page.evaluate(() => window.__log.length);

/**
 * Waits until the host page has received, from the widget's iframe, a message (after the first
 * `since`) that matches `match` — {type, index?, above?, below?, includes?, code?, field?} — and returns its data.
 * (A matcher object, not a predicate: the host CSP has no 'unsafe-eval' to compile one with.)
 */
export async function waitMessage(page, match, since = 0) {
  const handle = await page.waitForFunction(([m, from]) => {
    const ok = (d) => d.type === m.type
      && (m.index === undefined || d.result?.index === m.index)
      && (m.above === undefined || d.height > m.above)
      && (m.below === undefined || d.height < m.below)
      && (m.includes === undefined || String(d.message).includes(m.includes))
      && (m.code === undefined || d.code === m.code)
      && (m.field === undefined || d.field === m.field);
    const found = window.__log.slice(from).find((x) => x.from === 'widget' && x.data && ok(x.data));
    return found ? found.data : undefined;
  }, [match, since], { timeout: 20_000 });
  return handle.jsonValue();
}

/** Posts `message` from the host page to the widget's iframe. */
export const postToWidget = (page, message, targetOrigin = W) => page.evaluate(([m, o]) => {
  document.querySelector('#widget-frame').contentWindow.postMessage(m, o);
}, [message, targetOrigin]);

/** Waits until the frame's own message recorder has seen `count` messages of `type` (so the widget's handler has run too). */
export const seenInFrame = (frame, type, count = 1) => frame.waitForFunction(([t, n]) => window.__received.filter((m) => m.type === t).length >= n, [type, count]);

export const indexIn = (scope) => scope.locator('[data-testid="index"]');

/** Two animation frames in `frame`: layout, ResizeObserver and their posts have happened. */
export const settle = (frame) => frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Waits for every <mqci-widget> on the page to have rendered. */
export async function widgetsReady(page, count = 1) {
  await page.waitForFunction((n) => {
    const all = [...document.querySelectorAll('mqci-widget')];
    return all.length === n && all.every((el) => el.shadowRoot?.querySelector('.mqci-card') && !el.shadowRoot.querySelector('.mqci[aria-busy]') && el.getResult());
  }, count, { timeout: 20_000 });
}
