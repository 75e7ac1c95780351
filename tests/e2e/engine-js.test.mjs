// The JavaScript copy of the engine (pkg/<name>.asm.js, binaryen's wasm2js of the shipped
// WebAssembly, with wasm-bindgen's bundler glue pkg/<name>_bg.js) against the WebAssembly one, in
// Chromium (issue 12 point 2):
// - the core's reference cases give the same results bit for bit (JSON of doubles is exact) on
//   both, for the lean and the full build, errors included, also after wasm2js grew its memory;
// - under a Content-Security-Policy WITHOUT 'wasm-unsafe-eval' the page shows the right index
//   through the JS engine and lib/engine.js says engineKind() === 'js';
// - when neither engine can start, the thrown error names the file, its HTTP status, and is
//   logged with console.error.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, withoutWasmEval } from './helpers.mjs';

/** Runs the reference cases on one engine module `m` (in the page); returns JSON texts. */
function cases(m, full) {
  const out = [];
  const run = (label, f) => {
    try {
      out.push([label, JSON.stringify(f())]);
    } catch (e) {
      out.push([label, JSON.stringify({ error: { name: e.name, code: e.code, field: e.field, value: e.value, params: e.params, message: e.message } })]);
    }
  };
  // docs/methodology.md §1/§6: the 2007 index from its two secondary scores is 80.99.
  run('2007', () => m.assess({ scores: { quality_level: 84.76, development_capability: 77.21 } }));
  run('2006', () => m.assess({ scores: { quality_level: 84.05, development_capability: 75.45 } }));
  const method = full.defaultMethodology();
  const ids = Object.keys(method.indicators);
  const at = (k) => Object.fromEntries(ids.map((id) => {
    const { worst, best } = method.indicators[id];
    return [id, worst + (best - worst) * k];
  }));
  run('all best', () => m.assess({ values: at(1) }));
  run('all worst', () => m.assess({ values: at(0) }));
  run('beyond best', () => m.assess({ values: at(1.3) }));
  // A full 12-indicator case with a different fraction of the span for each indicator.
  run('twelve', () => m.assess({ values: Object.fromEntries(ids.map((id, i) => {
    const { worst, best } = method.indicators[id];
    return [id, worst + (best - worst) * ((i * 7 + 3) % 13) / 12.7];
  })) }));
  run('typed', () => m.assess({ values: { spot_check_pass_rate: '94.5%', quality_loss_rate: '1,2' } }));
  run('partial', () => m.assess({ values: { spot_check_pass_rate: 93.65 } }));
  run('bad', () => m.assess({ values: { spot_check_pass_rate: 1e300, nope: 1 }, scores: { quality_level: -1e-300 } }));
  // Refusing a long string grows memory; the engine must still answer exactly after that.
  run('too long', () => m.assess({ values: { spot_check_pass_rate: '9'.repeat(2_000_000) } }));
  run('2007 again', () => m.assess({ scores: { quality_level: 84.76, development_capability: 77.21 } }));
  run('version', () => m.version());
  return out;
}

test('the JS engine gives the WebAssembly engine\'s results bit for bit', async (t) => {
  const browser = await launch();
  t.after(() => browser.close());
  // The cases travel as source text; only this comparison page may evaluate it.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${baseUrl()}pkg/mqci.d.ts`); // same origin, no page script
  const result = await page.evaluate(async (source) => {
    const cases = new Function(`return (${source})`)(); // eslint-disable-line no-new-func
    const base = `${location.origin}/pkg/`;
    const wasm = {};
    const js = {};
    for (const name of ['mqci_first', 'mqci']) {
      const m = await import(`${base}${name}.js`);
      await m.default({ module_or_path: `${base}${name}_bg.wasm` });
      wasm[name] = m;
      const asm = await import(`${base}${name}.asm.js`);
      const glue = await import(`${base}${name}_bg.js`);
      glue.__wbg_set_wasm(asm);
      js[name] = glue;
    }
    const out = {};
    for (const name of ['mqci_first', 'mqci']) {
      out[name] = { wasm: cases(wasm[name], wasm.mqci), js: cases(js[name], js.mqci) };
    }
    return out;
  }, cases.toString());
  for (const name of ['mqci_first', 'mqci']) {
    const { wasm, js } = result[name];
    assert.equal(js.length, wasm.length);
    for (let i = 0; i < wasm.length; i += 1) {
      assert.equal(js[i][1], wasm[i][1], `${name}, case ${wasm[i][0]}`);
    }
    const byLabel = Object.fromEntries(wasm);
    assert.equal(JSON.parse(byLabel['2007']).index, 80.99, name);
    assert.equal(JSON.parse(byLabel['all best']).index, 100, name);
    assert.equal(JSON.parse(byLabel['all worst']).index, 60, name);
    assert.equal(typeof JSON.parse(byLabel.twelve).index, 'number', name);
    assert.equal(JSON.parse(byLabel['too long']).error.code, 'too_large', name);
    assert.equal(byLabel['2007 again'], byLabel['2007'], name);
  }
});


test('under a CSP without \'wasm-unsafe-eval\' the page shows the index through the JS engine', async (t) => {
  const browser = await launch();
  t.after(() => browser.close());
  // The same page under the production CSP, for the expected number.
  const plain = await browser.newPage();
  await plain.goto(baseUrl());
  // A first visit starts empty (issue 9): load the published 2007 example for a number to show.
  await plain.locator('[data-act="example"][data-id="national-2007"]').first().click({ timeout: 30_000 });
  const index = plain.locator('[data-testid="index"]').filter({ hasText: /\d+\.\d\d/ }).first();
  await index.waitFor({ timeout: 30_000 });
  const expected = (await index.textContent()).trim();
  assert.equal(await plain.evaluate(async () => (await import('/lib/engine.js')).engineKind()), 'wasm');

  const page = await browser.newPage();
  await withoutWasmEval(page);
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const response = await page.goto(baseUrl());
  await page.locator('[data-act="example"][data-id="national-2007"]').first().click({ timeout: 30_000 });
  const csp = response.headers()['content-security-policy'];
  assert.doesNotMatch(csp, /wasm-unsafe-eval/);
  assert.match(csp, /script-src 'self'/);
  const shown = page.locator('[data-testid="index"]').filter({ hasText: /\d+\.\d\d/ }).first();
  await shown.waitFor({ timeout: 60_000 });
  assert.equal((await shown.textContent()).trim(), expected);
  assert.equal(await page.evaluate(async () => (await import('/lib/engine.js')).engineKind()), 'js');
  assert.ok(fetched.includes('/pkg/mqci_first.asm.js'), fetched.join(' '));
  // index.html preloads the lean wasm; the engine itself fetches no wasm it cannot run.
  const fullLoaded = () => page.evaluate(async () => (await import('/lib/engine.js')).fullEngine() !== null);
  for (let tries = 0; !(await fullLoaded()); tries += 1) {
    assert.ok(tries < 600, 'the full JS engine loads within a minute');
    await page.waitForTimeout(100);
  }
  assert.ok(fetched.includes('/pkg/mqci.asm.js'), fetched.join(' '));
  assert.ok(!fetched.includes('/pkg/mqci_bg.wasm'), `the full wasm is not fetched: ${fetched.join(' ')}`);
  assert.deepEqual(errors, []);
});

test('when neither engine can start, the error names the file and its HTTP status', async (t) => {
  const browser = await launch();
  const page = await browser.newPage();
  // A module fetch still in the route when the test ends (the page gave up on the first 404)
  // must not fail the run as an unhandled rejection.
  t.after(async () => { await page.unrouteAll({ behavior: 'ignoreErrors' }); await browser.close(); });
  await withoutWasmEval(page);
  await page.route('**/pkg/*.asm.js', (route) => route.fulfill({ status: 404, body: 'not here' }));
  const logged = [];
  page.on('console', (m) => { if (m.type() === 'error') logged.push(m.text()); });
  await page.goto(`${baseUrl()}pkg/mqci.d.ts`);
  const error = await page.evaluate(async () => {
    const engine = await import('/lib/engine.js');
    try {
      await engine.loadFirst();
      return null;
    } catch (e) {
      return { name: e.name, code: e.code, file: e.file, status: e.status, zh: e.zh, message: e.message };
    }
  });
  assert.ok(error, 'loading must fail');
  assert.equal(error.code, 'engine_fetch_failed');
  assert.equal(error.status, 404);
  assert.match(error.file, /\.asm\.js$/);
  assert.match(error.zh, /HTTP 404/);
  assert.match(error.zh, /下载失败/);
  assert.ok(logged.some((l) => l.includes('engine_fetch_failed') && l.includes('HTTP 404')), logged.join('\n'));
});
