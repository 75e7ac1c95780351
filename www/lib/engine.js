// The engine, in two builds (docs: README "The page"):
// - pkg/mqci_first.js: the lean engine, only version() and assess(input) with the built-in
//   methodology; enough for the first result, so it is all the page loads before it;
// - pkg/mqci.js: the full engine (custom methodologies, band schemes, raw figures, targets).
// assess() uses the full engine once it is there, else the lean one. Each loads once per page;
// a failed load may be retried by the next call.
//
// Each build also exists as plain JS (binaryen's wasm2js; same results bit for bit), loaded with
// lib/engine-fallback.js only when WebAssembly cannot run (CSP without 'wasm-unsafe-eval', policy,
// old kernel); engineKind() says which runs. That module also words a failure of both.

let firstP;
let fullP;
let lean = null;
let full = null;
/** 'wasm' | 'js' once an engine runs; decided by the first load, kept for the page. */
let kind = null;

// Literal specifiers, so the module graph can be read without running it.
const modules = { mqci_first: () => import('../pkg/mqci_first.js'), mqci: () => import('../pkg/mqci.js') };
const url = (file) => new URL(`../pkg/${file}`, import.meta.url).href;

// CSP refusals seen while an engine loads (the `securitypolicyviolation` event says which
// directive refused which URL; 'wasm-eval' is WebAssembly itself), for the diagnosis.
const violations = [];
if (typeof document !== 'undefined' && document.addEventListener) {
  document.addEventListener('securitypolicyviolation', (e) => {
    violations.push({ directive: e.effectiveDirective || e.violatedDirective, blocked: e.blockedURI || '' });
  });
}

/** Whether this page may compile WebAssembly at all (a tiny empty module, synchronously). */
function wasmAllowed() {
  try {
    return typeof WebAssembly === 'object' && new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])) instanceof WebAssembly.Module;
  } catch (e) {
    return false;
  }
}

async function loadWasm(name) {
  const m = await modules[name]();
  const file = `${name}_bg.wasm`;
  const res = await fetch(url(file), { credentials: 'same-origin' });
  if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { file, status: res.status });
  await m.default({ module_or_path: res });
  return m;
}

/**
 * Loads engine `name`: WebAssembly when the page may run it, else (or if that fails) the JS
 * copy, whose loader and the failure diagnosis live in engine-fallback.js, fetched only then.
 */
async function load(name) {
  let wasmError = null;
  if (kind !== 'js' && wasmAllowed()) {
    try {
      const m = await loadWasm(name);
      kind = 'wasm';
      return m;
    } catch (e) {
      wasmError = e;
    }
  }
  let fallback;
  try {
    fallback = await import('./engine-fallback.js');
  } catch (e) {
    console.error('[mqci] engine_failed: 计算引擎无法启动（lib/engine-fallback.js 无法加载）/ the engine could not start', wasmError || e);
    throw wasmError || e;
  }
  const m = await fallback.loadJs(name, wasmError, violations);
  kind = 'js';
  return m;
}


/** The lean engine (falls back to the full one when the lean build is not there). */
export function loadFirst() {
  if (full) return Promise.resolve(full);
  if (!firstP) {
    firstP = load('mqci_first').then(
      (m) => { lean = m; return m; },
      () => loadFull(),
    );
    firstP.catch(() => { firstP = undefined; });
  }
  return firstP;
}

/** The full engine. */
export function loadFull() {
  if (!fullP) {
    fullP = load('mqci').then((m) => { full = m; return m; });
    fullP.catch(() => { fullP = undefined; });
  }
  return fullP;
}

/** The full engine's module, or null before it is loaded. */
export const fullEngine = () => full;

/** Which engine runs: 'wasm' (WebAssembly) or 'js' (the wasm2js copy); null before one loads. */
export const engineKind = () => kind;

/**
 * Assesses `input`; `methodology` undefined means the built-in default (then the lean engine
 * is enough). A custom or non-default methodology needs the full engine.
 */
export function assess(input, methodology) {
  if (methodology === undefined) return full ? full.assess(input) : lean.assess(input);
  if (!full) throw new Error('full engine not loaded');
  return full.assess(input, methodology);
}

/** The errors an engine exception carries (one or several), as plain records. */
export function errorList(e) {
  if (e && Array.isArray(e.errors) && e.errors.length) return e.errors.map(record);
  return [record(e)];
}
function record(e) {
  const o = e == null ? {} : e;
  return {
    code: typeof o.code === 'string' ? o.code : 'other',
    field: typeof o.field === 'string' ? o.field : '',
    value: o.value == null ? null : String(o.value),
    params: o.params && typeof o.params === 'object' ? { ...o.params } : {},
    message: String(e == null ? e : o.message == null ? e : o.message), // for hosts and the console; never shown on the page
  };
}
