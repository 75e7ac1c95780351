// Smoke test: the built page loads under the production CSP, nothing trips
// that policy, and the widget shows an index value (digits, '.', two decimals).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl } from './helpers.mjs';

test('page loads under the CSP and shows an index', async (t) => {
  const browser = await launch();
  t.after(() => browser.close());
  const page = await browser.newPage();

  // Registered before any page script runs (init scripts are not subject to the CSP).
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`);
    });
  });
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });

  const response = await page.goto(baseUrl());
  assert.ok(response, 'no response for the page');
  assert.equal(response.status(), 200);
  const csp = response.headers()['content-security-policy'] ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);

  try {
    // A first visit starts empty (issue 9): the national 2007 example gives an index.
    await page.locator('[data-act="example"][data-id="national-2007"]').click({ timeout: 20_000 });
    await page
      .locator('[data-testid="index"]')
      .filter({ hasText: /\d+\.\d\d/ })
      .first()
      .waitFor({ timeout: 20_000 });
  } catch (error) {
    // Say why the index never appeared when the page told us.
    const seen = [...problems, ...(await page.evaluate(() => window.__cspViolations))];
    error.message += seen.length ? `\nseen on the page:\n  ${seen.join('\n  ')}` : '';
    throw error;
  }

  const violations = await page.evaluate(() => window.__cspViolations);
  assert.deepEqual(violations, [], 'securitypolicyviolation fired');
  assert.deepEqual(problems, []);
});
