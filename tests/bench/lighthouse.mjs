// Benchmark (not a test): Lighthouse's mobile performance score of the page, median of
// LIGHTHOUSE_RUNS runs (default 3), each in a fresh headless system Chromium (CHROME_PATH).
// Run by `cargo xtask bench`, which serves www/ with gzip at MQCI_BASE_URL. Lighthouse's default
// configuration is the mobile one (emulated phone, simulated slow 4G and 4× CPU slowdown).

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS } from '../e2e/helpers.mjs';

const url = process.env.MQCI_BASE_URL;
const runs = Number(process.env.LIGHTHOUSE_RUNS || 3);
if (!url) {
  console.error('MQCI_BASE_URL is required (run through `cargo xtask bench`)');
  process.exit(2);
}

const results = [];
for (let i = 0; i < runs; i++) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  });
  try {
    const { lhr } = await lighthouse(url, { port: chrome.port, onlyCategories: ['performance'], logLevel: 'error' });
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const metric = (id) => lhr.audits[id].displayValue;
    results.push({
      score: Math.round(lhr.categories.performance.score * 100),
      metrics: ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'speed-index', 'cumulative-layout-shift']
        .map((id) => `${id} ${metric(id)}`)
        .join(', '),
    });
    console.log(`lighthouse run ${i + 1}: performance ${results.at(-1).score} (${results.at(-1).metrics})`);
  } finally {
    await chrome.kill();
  }
}
const sorted = [...results].sort((a, b) => a.score - b.score);
const median = sorted[Math.floor(sorted.length / 2)];
console.log(`lighthouse mobile performance: median ${median.score} of ${runs} runs (${sorted.map((r) => r.score).join(', ')}); target ≥ 95`);
