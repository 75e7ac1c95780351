// Loads the built wasm module (full engine, `mqci.js`; or `mqci_first.js`) from $MQCI_PKG_DIR
// (default: www/pkg of this repository), the way a page does: import the glue, then
// `init({ module_or_path })`. Each call of `load` gives a fresh instance.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const pkgDir = path.resolve(process.env.MQCI_PKG_DIR || path.join(repoRoot, 'www', 'pkg'));

let fresh = 0;

/** A new instance of the module `name` (`mqci` or `mqci_first`): its exports, and
 * `memoryBytes()`, the size of its linear memory. */
export async function load(name = 'mqci') {
  const glue = path.join(pkgDir, `${name}.js`);
  const wasm = path.join(pkgDir, `${name}_bg.wasm`);
  if (!fs.existsSync(glue) || !fs.existsSync(wasm)) {
    throw new Error(`${glue} or ${wasm} is missing: build first (cargo xtask build) or set MQCI_PKG_DIR`);
  }
  // A query string makes Node evaluate the glue again: a separate module, a separate instance.
  const mod = await import(`${pathToFileURL(glue).href}?instance=${fresh++}`);
  const exports = await mod.default({ module_or_path: fs.readFileSync(wasm) });
  return Object.assign(Object.create(mod), { memoryBytes: () => exports.memory.buffer.byteLength });
}

/** The known call whose answer (80.99) is checked after every error. */
export const KNOWN_INPUT = Object.freeze({
  scores: Object.freeze({ quality_level: 84.76, development_capability: 77.21 }),
});
export const KNOWN_INDEX = 80.99;

/** Problems with a thrown value (empty when it is a well-formed `MqciError`). */
export function errorProblems(e) {
  const problems = [];
  if (!(e instanceof Error)) return [`threw a non-Error: ${safeText(e)}`];
  if (e.name !== 'MqciError') return [`threw ${e.name}: ${safeText(e.message)}`];
  if (typeof e.code !== 'string' || e.code === '') problems.push('no code');
  if (typeof e.field !== 'string' || e.field === '') problems.push(`code ${e.code}: no field`);
  if (!(e.value === null || typeof e.value === 'string')) problems.push('value neither string nor null');
  if (!Array.isArray(e.errors) || e.errors.length === 0) problems.push('no errors list');
  else {
    if (e.errors.length > 100) problems.push(`${e.errors.length} errors (more than 100)`);
    for (const item of e.errors) {
      if (typeof item.code !== 'string' || item.code === '') problems.push('an errors[] item without code');
      if (typeof item.field !== 'string' || item.field === '') {
        problems.push(`errors[] item ${item.code}: no field`);
      }
    }
  }
  if (e.params === null || typeof e.params !== 'object') problems.push('no params object');
  return problems;
}

/** Non-finite numbers anywhere in a result, as paths. */
export function nonFinite(value, at = 'result', out = []) {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${at} = ${value}`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => nonFinite(item, `${at}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) nonFinite(v, `${at}.${k}`, out);
  }
  return out;
}

/** Scores of an assessment outside 60–100, as paths. */
export function scoresOutOfRange(a) {
  const out = [];
  const check = (x, at) => {
    if (x !== null && !(x >= 60 && x <= 100)) out.push(`${at} = ${x}`);
  };
  check(a.index, 'index');
  if (a.range) {
    check(a.range.min, 'range.min');
    check(a.range.max, 'range.max');
  }
  for (const level of ['secondary', 'tertiary']) {
    for (const [k, v] of Object.entries(a[level] ?? {})) check(v, `${level}.${k}`);
  }
  for (const [k, v] of Object.entries(a.indicators ?? {})) check(v.score, `indicators.${k}.score`);
  return out;
}

/** A short, safe description of any value (never throws, never walks far). */
export function safeText(v, budget = 200) {
  try {
    if (typeof v === 'string') return JSON.stringify(v.length > budget ? `${v.slice(0, budget)}…` : v);
    if (typeof v === 'symbol' || typeof v === 'bigint') return String(v);
    const s = String(v);
    return s.length > budget ? `${s.slice(0, budget)}…` : s;
  } catch {
    return '[unprintable]';
  }
}
