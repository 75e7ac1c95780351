// What a returning visitor's browser fetches before the first result: the gzipped (encoded) bytes
// of every resource whose fetch started before the index shows a number, from the browser's own
// resource timing (the navigation entry and every resource entry).
//
// Run by `cargo xtask test` (step `budget`) and `cargo xtask bench`, which serve www/ with gzip
// at MQCI_BASE_URL. A fresh context (empty cache) with this tool's saved state in localStorage,
// as left by an earlier visit with all twelve indicators filled. Prints a table per file and the
// total, writes them as JSON to MQCI_SIZE_JSON (default target/first-result.json), and exits 1
// when the total is above MQCI_BUDGET bytes (when set).

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../e2e/helpers.mjs';

const base = process.env.MQCI_BASE_URL;
if (!base) {
  console.error('MQCI_BASE_URL is required (run through `cargo xtask test` or `cargo xtask bench`)');
  process.exit(2);
}
const budget = process.env.MQCI_BUDGET ? Number(process.env.MQCI_BUDGET) : undefined;
const out = process.env.MQCI_SIZE_JSON || fileURLToPath(new URL('../../target/first-result.json', import.meta.url));

// Plausible figures for every indicator of the default methodology (docs/methodology.md §2),
// as the page saves them (strings, as typed).
const saved = {
  v: 1,
  savedAt: '2026-11-30T09:00:00.000Z',
  inputs: {
    values: {
      grade_product_rate: '96.5',
      microelectronic_equipment_share: '58',
      qms_certification_rate: '72',
      quality_loss_rate: '1.2',
      spot_check_pass_rate: '93.7',
      export_inspection_pass_rate: '99.8',
      rd_expenditure_share: '1.7',
      renovation_expenditure_share: '0.4',
      patents_per_million_output: '0.012',
      new_product_sales_share: '21',
      avg_sales_revenue: '3.2',
      export_sales_share: '12',
    },
    scores: {},
    raw: {},
    actuals: {},
    profile: 'chengdu-2027',
    method: { bandScheme: '2011', standardization: 'linear', custom: null, name: '' },
  },
};

const browser = await launch();
let report;
try {
  const context = await browser.newContext();
  await context.addInitScript((state) => {
    localStorage.setItem('mqci:v1:default', state);
    // The moment [data-testid=index] first shows a number, on the page's own clock.
    const check = () => {
      const el = document.querySelector('[data-testid="index"]');
      if (window.__firstResult === undefined && el && /\d[.,]\d\d/.test(el.textContent)) {
        window.__firstResult = performance.now();
      }
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  }, JSON.stringify(saved));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(base, { timeout: 60_000 });
  await page.waitForFunction(() => window.__firstResult !== undefined, null, { timeout: 60_000 });
  // Fetches started before the result may end after it: wait until the network is quiet.
  await page.waitForLoadState('networkidle');
  report = await page.evaluate(() => {
    const at = window.__firstResult;
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
    const files = entries
      .filter((e) => e.startTime < at)
      .map((e) => ({
        file: new URL(e.name).pathname,
        type: e.initiatorType,
        encodedBytes: e.encodedBodySize,
        decodedBytes: e.decodedBodySize,
      }));
    return {
      index: document.querySelector('[data-testid="index"]').textContent.trim(),
      firstResultMs: Math.round(at),
      files,
      total: files.reduce((sum, f) => sum + f.encodedBytes, 0),
    };
  });
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  await context.close();
} finally {
  await browser.close();
}

const stored = report.files.reduce((s, f) => s + f.decodedBytes, 0);
console.log(`first result (returning visitor, cold cache): index ${report.index} after ${report.firstResultMs} ms`);
console.log(`${'file'.padEnd(30)} ${'type'.padEnd(12)} ${'gzip'.padStart(8)} ${'bytes'.padStart(8)}`);
for (const f of report.files) {
  console.log(`${f.file.padEnd(30)} ${f.type.padEnd(12)} ${String(f.encodedBytes).padStart(8)} ${String(f.decodedBytes).padStart(8)}`);
}
console.log(`${'total'.padEnd(30)} ${''.padEnd(12)} ${String(report.total).padStart(8)} ${String(stored).padStart(8)}`);
await mkdir(dirname(out), { recursive: true });
await writeFile(out, `${JSON.stringify({ ...report, budget: budget ?? null }, null, 2)}\n`);
console.log(`wrote ${out}`);
if (budget !== undefined) {
  if (report.total > budget) {
    console.error(`first result: ${report.total} bytes gzipped, OVER the budget of ${budget} by ${report.total - budget}`);
    process.exit(1);
  }
  console.log(`first result: ${report.total} bytes gzipped, within the budget of ${budget} (${budget - report.total} to spare)`);
}
