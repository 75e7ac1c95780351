// Benchmark (not a test) of the batch page's engine (issue 11), in headless Chromium, run by
// `cargo xtask bench` (MQCI_BASE_URL: www/ served with the production CSP).
//
// 1. 100,000 rows of CSV bytes (12 indicator columns, name and 街道; ≈ 11 MB) → a scored table
//    ready to render (index, band, 8 sub-scores, rank as typed arrays), on the page's main
//    thread, against PapaParse + a plain-JS implementation of the same scoring (linear
//    standardisation, the 2-decimal rounding level by level, bands), measured in the same run on
//    the same bytes. Medians of RUNS; the ratio is what to compare across machines. The JS
//    results are checked against the module's: the count of rows that differ is printed.
// 2. The page itself (batch.html, its worker, warmed up as it is while a visitor picks a file):
//    100,000 and 500,000 rows (≈ 54 MB) from file input to the rendered table, with the
//    renderer's peak resident memory (VmHWM of the renderer processes, from /proc, found through
//    CDP) against 1 GiB.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from '../e2e/helpers.mjs';

const require = createRequire(import.meta.url);
const base = process.env.MQCI_BASE_URL;
if (!base) {
  console.error('MQCI_BASE_URL is required (run through `cargo xtask bench`)');
  process.exit(2);
}
const RUNS = Number(process.env.BENCH_RUNS || 5);
const ROWS = Number(process.env.BENCH_ROWS || 100_000);
const BIG = Number(process.env.BENCH_BIG_ROWS || 500_000);
/** How long the page is left alone before the file is given (a visitor choosing it). */
const USER_PAUSE_MS = 2000;
const papa = readFileSync(require.resolve('papaparse/papaparse.min.js'), 'utf8');

/** The CSV text of `n` enterprises (seeded): 企业名称, 街道, the 12 indicators by Chinese name. */
function makeCsv(n) {
  const heads = ['企业名称', '街道', '产品质量等级品率', '微电子控制设备比重', '质量管理体系认证率', '质量损失率', '产品监督抽查合格率', '出口商品检验合格率',
    '研究与试验发展经费比重', '技术改造经费比重', '每百万元产值拥有专利数', '新产品销售比重', '平均产品销售收入', '国际市场销售率'];
  const lo = [50, 30, 30, 0.5, 80, 99.5, 0.5, 0.1, 0.001, 5, 0.2, 2];
  const hi = [120, 80, 95, 3, 99, 99.95, 3, 1, 0.02, 35, 10, 30];
  let s = 12345;
  const r = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
  const streets = ['东城街道', '西城街道', '南湖街道', '高新园区'];
  const lines = [heads.join(',')];
  for (let i = 0; i < n; i += 1) {
    const row = [`企业${i + 1}有限公司`, streets[i % 4]];
    for (let k = 0; k < 12; k += 1) {
      const span = hi[k] - lo[k];
      // 10% beyond worst and best on either side (clamped scores), percentages within 0–100.
      const v = Math.max(0, Math.min(k === 0 || k >= 8 && k !== 9 && k !== 11 ? Infinity : 100, lo[k] - span * 0.1 + r() * span * 1.2));
      row.push(v.toFixed(k === 8 ? 4 : 2));
    }
    lines.push(row.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** In the page: one measured run of each side on the same bytes. */
async function inPage(page, rows, runs) {
  return page.evaluate(async ({ rows: n, runs: times, makeSrc }) => {
    const makeCsv = (0, eval)(`(${makeSrc})`);
    const bytes = new TextEncoder().encode(makeCsv(n));
    const b = await import('./pkg/mqci_batch.js');
    await b.default();
    const m = await import('./pkg/mqci.js');
    await m.default();
    const M = m.defaultMethodology();
    const ids = Object.keys(M.indicators);
    const ind = ids.map((id) => M.indicators[id]);
    const terts = Object.keys(M.tertiary);
    const secs = Object.keys(M.secondary);
    const bands = M.bands;
    const round2 = (x) => Math.round((x + Number.EPSILON * x) * 100) / 100;

    const wasmRun = () => {
      const t0 = performance.now();
      const table = b.readTable(bytes, 'bench.csv', {});
      const t1 = performance.now();
      const s = b.scoreTable(table, { policy: 'missing' });
      const out = { index: s.index, band: s.band, sub: s.sub, rank: s.rank };
      const t2 = performance.now();
      s.free();
      table.free();
      return { parse: t1 - t0, score: t2 - t1, total: t2 - t0, out };
    };

    // The same scoring in plain JS: PapaParse, numbers, standardise, round level by level.
    const jsRun = () => {
      const t0 = performance.now();
      const text = new TextDecoder().decode(bytes);
      const parsed = window.Papa.parse(text, { skipEmptyLines: true });
      const t1 = performance.now();
      const head = parsed.data[0];
      const col = ind.map((x) => head.indexOf(x.zh));
      const count = parsed.data.length - 1;
      const index = new Float64Array(count);
      const band = new Uint8Array(count);
      const sub = new Float64Array(count * 8);
      const tScore = new Float64Array(6);
      for (let r = 0; r < count; r += 1) {
        const cells = parsed.data[r + 1];
        tScore.fill(0);
        let ok = true;
        for (let k = 0; k < 12; k += 1) {
          const v = parseFloat(cells[col[k]]);
          if (!Number.isFinite(v)) { ok = false; break; }
          const x = ind[k];
          const t = Math.min(1, Math.max(0, (v - x.worst) / (x.best - x.worst)));
          tScore[terts.indexOf(x.parent)] += x.weight * round2(60 + 40 * t);
        }
        if (!ok) { index[r] = NaN; band[r] = 255; continue; }
        const secScore = [0, 0];
        for (let j = 0; j < 6; j += 1) {
          const tv = round2(tScore[j]);
          sub[r * 8 + 2 + j] = tv;
          const tt = M.tertiary[terts[j]];
          secScore[secs.indexOf(tt.parent)] += tt.weight * tv;
        }
        let idx = 0;
        for (let j = 0; j < 2; j += 1) {
          const sv = round2(secScore[j]);
          sub[r * 8 + j] = sv;
          idx += M.secondary[secs[j]].weight * sv;
        }
        index[r] = round2(idx);
        band[r] = bands.findIndex((bd, i) => index[r] >= bd.min && (index[r] < bd.max || i === bands.length - 1));
      }
      const order = Uint32Array.from(index.keys()).sort((a, c) => (index[c] - index[a]) || a - c);
      const rank = new Uint32Array(count);
      order.forEach((row, i) => { rank[row] = i > 0 && index[order[i - 1]] === index[row] ? rank[order[i - 1]] : i + 1; });
      const t2 = performance.now();
      return { parse: t1 - t0, score: t2 - t1, total: t2 - t0, out: { index, band, sub, rank } };
    };

    const results = { wasm: [], js: [] };
    let check = null;
    for (let i = 0; i < times; i += 1) {
      const w = wasmRun();
      const j = jsRun();
      results.wasm.push({ parse: w.parse, score: w.score, total: w.total });
      results.js.push({ parse: j.parse, score: j.score, total: j.total });
      if (!check) {
        let differ = 0;
        for (let r = 0; r < w.out.index.length; r += 1) {
          const a = w.out.index[r];
          const c = j.out.index[r];
          if (!(a === c || (Number.isNaN(a) && Number.isNaN(c))) || w.out.band[r] !== j.out.band[r]) differ += 1;
        }
        check = { rows: w.out.index.length, differ, sameLength: w.out.index.length === j.out.index.length };
      }
    }
    return { results, check, bytes: bytes.length };
  }, { rows, runs, makeSrc: makeCsv.toString() });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${x.toFixed(0)} ms`;

/** Peak resident memory (VmHWM, bytes) over the browser's renderer processes. */
async function rendererPeak(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  await cdp.detach();
  let peak = 0;
  for (const p of processInfo.filter((x) => x.type === 'renderer')) {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.id}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) * 1024);
    } catch (_) { /* the process ended */ }
  }
  return peak;
}

/** The page's own path: file input → worker → rendered table; time and the renderer's peak memory. */
async function pageRun(n) {
  const browser = await launch({ args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--renderer-process-limit=1'] });
  const dir = await mkdtemp(join(tmpdir(), 'mqci-bench-'));
  try {
    const file = join(dir, `bench-${n}.csv`);
    const text = makeCsv(n);
    await writeFile(file, text);
    const page = await browser.newPage();
    await page.goto(`${base.replace(/\/?$/, '/')}batch.html`);
    await page.locator('#b-file').waitFor({ state: 'attached' });
    // The worker warms the engine up while a visitor picks a file (worker.js): wait for it.
    await page.locator('#batch[data-engine="warm"]').waitFor({ timeout: 60_000 });
    const warmMs = Number(await page.locator('#batch').getAttribute('data-warm-ms'));
    // A visitor takes seconds to pick a file: meanwhile V8 finishes its optimised compile.
    await page.waitForTimeout(USER_PAUSE_MS);
    const t0 = Date.now();
    await page.locator('#b-file').setInputFiles(file);
    await page.locator('#batch[aria-busy="false"] [data-testid="results"]').waitFor({ timeout: 600_000 });
    const elapsed = Date.now() - t0;
    const shown = await page.locator('[data-testid="showing"]').innerText();
    const rowsDrawn = await page.locator('[data-testid="table"] tbody tr:not(.b-spacer)').count();
    const peak = await rendererPeak(browser);
    const worker = /(\d+) 毫秒/.exec(await page.locator('[data-testid="read-info"]').innerText())?.[1];
    return { n, mb: Buffer.byteLength(text) / 1e6, elapsed, peak, shown, rowsDrawn, warmMs, worker };
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(`${base.replace(/\/?$/, '/')}batch.html`);
  await page.evaluate(papa); // through CDP, like axe: the page's CSP is left as it is
  await inPage(page, 2000, 1); // warm-up: compile both sides
  const { results, check, bytes } = await inPage(page, ROWS, RUNS);
  const w = (k) => median(results.wasm.map((x) => x[k]));
  const j = (k) => median(results.js.map((x) => x[k]));
  console.log(`batch: ${ROWS.toLocaleString('en')} rows, ${(bytes / 1e6).toFixed(1)} MB of CSV, median of ${RUNS} runs (page main thread)`);
  console.log(`  mqci_batch (wasm)          parse ${ms(w('parse'))}  score ${ms(w('score'))}  total ${ms(w('total'))}`);
  console.log(`  PapaParse + plain JS       parse ${ms(j('parse'))}  score ${ms(j('score'))}  total ${ms(j('total'))}`);
  console.log(`  ratio (JS / wasm, total)   ${(j('total') / w('total')).toFixed(2)}×`);
  console.log(`  rows where JS and wasm differ (index or band): ${check.differ} of ${check.rows}${check.sameLength ? '' : ' (row counts differ!)'}`);
  await page.close();
} finally {
  await browser.close();
}

for (const n of [ROWS, BIG]) {
  const r = await pageRun(n);
  console.log(`batch page: ${r.n.toLocaleString('en')} rows (${r.mb.toFixed(1)} MB CSV) file input → table rendered in ${ms(r.elapsed)} ` +
    `(read + score in the worker ${r.worker} ms; engine warm-up at page load ${r.warmMs} ms); ` +
    `renderer peak memory ${(r.peak / 2 ** 20).toFixed(0)} MiB (${r.peak < 2 ** 30 ? 'under' : 'OVER'} 1 GiB); "${r.shown}", ${r.rowsDrawn} rows drawn`);
}
