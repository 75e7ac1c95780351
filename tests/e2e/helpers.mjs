// Shared helpers for the end-to-end tests (run by `cargo xtask test`, which
// serves www/ on an ephemeral port and passes its address in MQCI_BASE_URL).
//
// Only playwright-core is used: it downloads no browser, it drives the
// system Chromium (CHROME_PATH, default /usr/bin/chromium).

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

/** Chromium flags for containers and CI: no sandbox (we run as root), no GPU, no network chatter. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches headless system Chromium. Close the returned browser when done. */
export function launch(options = {}) {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    ...options,
  });
}

/** The served www/ root, always ending in '/'. */
export function baseUrl() {
  return withSlash(process.env.MQCI_BASE_URL || 'http://127.0.0.1:8080/');
}

/**
 * The served tests/e2e/host/ root (a second origin, for embedding tests),
 * or undefined when that fixture folder does not exist.
 */
export function hostUrl() {
  const url = process.env.MQCI_HOST_URL;
  return url ? withSlash(url) : undefined;
}

function withSlash(url) {
  return url.endsWith('/') ? url : `${url}/`;
}

let axeSource;

/**
 * Runs axe-core on the page and returns its violations (an empty array when
 * the page is clean). `options` go to `axe.run`, e.g.
 * `{ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }`.
 *
 * Why `page.evaluate` and not `page.addScriptTag({ content })`: the page is
 * served with a CSP whose script-src has no 'unsafe-inline', so an inline
 * <script> tag would be blocked (and would itself raise a
 * securitypolicyviolation). Source evaluated through the DevTools protocol
 * is not subject to the page's CSP, so axe is injected that way, without
 * weakening the policy under test (no `bypassCSP`).
 */
export async function runAxe(page, options = {}) {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) {
    await page.evaluate(axeSource);
  }
  return page.evaluate(async (opts) => {
    const results = await window.axe.run(document, opts);
    return results.violations;
  }, options);
}

/** A one-line-per-node description of axe violations, for assertion messages. */
export function describeViolations(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`)
    .join('\n');
}

/** The page with its CSP rewritten: 'wasm-unsafe-eval' dropped from every policy (every response
 * goes through the route: a document fulfilled by it alone would count as a public page, which
 * Chromium does not let load scripts from a loopback address). */
export async function withoutWasmEval(page) {
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    const csp = headers['content-security-policy'];
    if (csp) headers['content-security-policy'] = csp.replace(/\s*'wasm-unsafe-eval'/g, '');
    await route.fulfill({ response, headers });
  });
}
