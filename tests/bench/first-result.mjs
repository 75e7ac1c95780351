// Benchmark (not a test): time from navigation start to the first rendered result.
//
// Run by `cargo xtask bench`, which serves www/ (MQCI_BASE_URL) and a static reference page
// (MQCI_REF_URL) from the same kind of server with the same CSP. Each run uses a fresh browser
// context (empty cache and storage), so it measures a first visit. The reference, measured in
// the same run, is a minimal HTML page that shows a number at once: the ratio says how much the
// widget costs over the bare load of a page, independent of the machine's speed.

import { launch } from '../e2e/helpers.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 15);
const base = process.env.MQCI_BASE_URL;
const ref = process.env.MQCI_REF_URL;
if (!base || !ref) {
  console.error('MQCI_BASE_URL and MQCI_REF_URL are required (run through `cargo xtask bench`)');
  process.exit(2);
}

// Installed before any page script: records when [data-testid="index"] first shows a number.
const probe = () => {
  const done = () => {
    const el = document.querySelector('[data-testid="index"]');
    if (el && /\d[.,]\d\d/.test(el.textContent) && window.__firstResult === undefined) {
      window.__firstResult = performance.now();
    }
  };
  new MutationObserver(done).observe(document, { subtree: true, childList: true, characterData: true });
  document.addEventListener('DOMContentLoaded', done);
};

async function measure(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(probe);
  await page.goto(url);
  await page.waitForFunction(() => window.__firstResult !== undefined, null, { timeout: 20000 });
  const ms = await page.evaluate(() => window.__firstResult);
  await context.close();
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const browser = await launch();
try {
  await measure(browser, base); // warm-up: the server's and the browser's own start-up
  const page = [];
  const reference = [];
  for (let i = 0; i < RUNS; i++) {
    reference.push(await measure(browser, ref));
    page.push(await measure(browser, base));
  }
  const m = median(page);
  const r = median(reference);
  console.log(`first result (navigation start → index rendered), ${RUNS} cold runs:`);
  console.log(`  widget    median ${m.toFixed(1)} ms  (min ${Math.min(...page).toFixed(1)}, max ${Math.max(...page).toFixed(1)})`);
  console.log(`  reference median ${r.toFixed(1)} ms  (static page with a number)`);
  console.log(`  ratio     ${(m / r).toFixed(2)}× the reference`);
  console.log(`  target    < 200 ms: ${m < 200 ? 'within' : 'OVER'}`);
} finally {
  await browser.close();
}
