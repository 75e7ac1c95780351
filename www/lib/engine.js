// The engine, in two builds (docs: README "The page"):
// - pkg/mqci_first.js: the lean engine, only version() and assess(input) with the built-in
//   methodology; enough for the first result, so it is all the page loads before it;
// - pkg/mqci.js: the full engine (custom methodologies, band schemes, raw figures, targets).
// assess() uses the full engine once it is there, else the lean one. Each loads once per page;
// a failed load may be retried by the next call.
//
// Each build exists twice: as WebAssembly (pkg/<name>_bg.wasm) and as the same Rust code compiled
// to plain JavaScript by binaryen's wasm2js (pkg/<name>.asm.js with wasm-bindgen's glue
// pkg/<name>_bg.js), for browsers that refuse WebAssembly: a Content-Security-Policy without
// 'wasm-unsafe-eval' (which Chromium < 97 does not know), WebAssembly disabled by policy, or a
// kernel that cannot compile the module. The JS copy is loaded only then; results are the same
// bit for bit (tests/e2e/engine-js.test.mjs). engineKind() says which one runs.
// If neither starts, the error thrown says why (file and HTTP status, or the CSP directive that
// refused what), in Chinese and English, and is logged with console.error.
// Written for the floor of Chromium 80 (tests/compat/).

let firstP;
let fullP;
let lean = null;
let full = null;
/** 'wasm' | 'js' once an engine runs; decided by the first load, kept for the page. */
let kind = null;

// Literal specifiers, so the module graph can be read without running it.
const modules = { mqci_first: () => import('../pkg/mqci_first.js'), mqci: () => import('../pkg/mqci.js') };
const jsModules = {
  mqci_first: () => Promise.all([import('../pkg/mqci_first.asm.js'), import('../pkg/mqci_first_bg.js')]),
  mqci: () => Promise.all([import('../pkg/mqci.asm.js'), import('../pkg/mqci_bg.js')]),
};
const url = (file) => new URL(`../pkg/${file}`, import.meta.url).href;

/** An engine failure with what a webmaster needs: code, file, HTTP status, CSP directive. */
class EngineError extends Error {
  constructor(code, info) {
    super(info.en);
    this.name = 'MqciEngineError';
    this.code = code;
    this.zh = info.zh;
    this.file = info.file || null;
    this.status = info.status == null ? null : info.status;
    this.directive = info.directive || null;
  }
}

// CSP refusals seen while an engine loads (the `securitypolicyviolation` event says which
// directive refused which URL; 'wasm-eval' is WebAssembly itself).
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

/** `file` fetched; a non-2xx answer is an EngineError naming the file and its status. */
async function fetchOk(file) {
  let res;
  try {
    res = await fetch(url(file), { credentials: 'same-origin' });
  } catch (e) {
    throw new EngineError('engine_fetch_failed', describeFetch(file, null));
  }
  if (!res.ok) throw new EngineError('engine_fetch_failed', describeFetch(file, res.status));
  return res;
}

async function loadWasm(name) {
  const m = await modules[name]().catch((e) => missing(`${name}.js`, e));
  const res = await fetchOk(`${name}_bg.wasm`);
  await m.default({ module_or_path: res });
  return m;
}

async function loadJs(name) {
  const [asm, glue] = await jsModules[name]().catch((e) => missing(`${name}.asm.js`, e));
  glue.__wbg_set_wasm(asm);
  if (typeof asm.__wbindgen_start === 'function') asm.__wbindgen_start();
  return glue;
}

/** A module import failed: find its HTTP status (import() does not say) and throw. */
async function missing(file, cause) {
  let status = null;
  try {
    status = (await fetch(url(file), { credentials: 'same-origin' })).status;
  } catch (e) { /* unreachable: status stays unknown */ }
  const refused = cspRefusal(file);
  if (refused) throw new EngineError('engine_csp', refused);
  const info = describeFetch(file, status && status < 400 ? null : status);
  if (status && status < 400) {
    info.zh = `计算引擎文件 ${file} 已下载但无法运行（${String(cause && cause.message || cause)}）。请确认网页服务器以 text/javascript 类型发送 .js 文件。`;
    info.en = `The engine file ${file} loaded but could not run (${String(cause && cause.message || cause)}). Check that the server sends .js files as text/javascript.`;
    throw new EngineError('engine_module_failed', info);
  }
  throw new EngineError('engine_fetch_failed', info);
}

function describeFetch(file, status) {
  const where = url(file);
  if (status == null) {
    return {
      file,
      zh: `计算引擎文件 ${file} 无法下载（网络错误或被拦截）：${where}`,
      en: `The engine file ${file} could not be downloaded (network error or blocked): ${where}`,
    };
  }
  return {
    file,
    status,
    zh: `计算引擎文件 ${file} 下载失败，服务器返回 HTTP ${status}：${where}。请确认该文件已上传到此位置。`,
    en: `The engine file ${file} failed to download: the server answered HTTP ${status} for ${where}. Check that the file was uploaded there.`,
  };
}

/** The CSP refusal recorded for `file` (or, when file is null, for WebAssembly), if any. */
function cspRefusal(file) {
  const v = violations.find((x) => (file == null ? x.blocked === 'wasm-eval' || x.blocked === 'eval' : x.blocked.endsWith(`/${file}`)));
  if (!v) return null;
  if (file == null) {
    return {
      directive: v.directive,
      zh: `网页的内容安全策略（CSP）的 ${v.directive} 指令拒绝了 WebAssembly。可在该指令中加入 'wasm-unsafe-eval'（Chromium 97 及以上）；较旧的浏览器会自动改用 JavaScript 版计算引擎。`,
      en: `The page's Content-Security-Policy directive ${v.directive} refused WebAssembly. Add 'wasm-unsafe-eval' to it (Chromium 97+); older browsers switch to the JavaScript engine by themselves.`,
    };
  }
  return {
    file,
    directive: v.directive,
    zh: `网页的内容安全策略（CSP）的 ${v.directive} 指令拒绝加载计算引擎文件 ${file}（${v.blocked}）。请在该指令中允许本工具所在的地址。`,
    en: `The page's Content-Security-Policy directive ${v.directive} refused the engine file ${file} (${v.blocked}). Allow the tool's address in that directive.`,
  };
}

/** Loads engine `name`: WebAssembly when the page may run it, else (or if that fails) JS. */
async function load(name) {
  if (kind !== 'js' && wasmAllowed()) {
    try {
      const m = await loadWasm(name);
      kind = 'wasm';
      return m;
    } catch (wasmError) {
      try {
        const m = await loadJs(name);
        kind = 'js';
        return m;
      } catch (jsError) {
        throw report(jsError instanceof EngineError ? jsError : wasmError instanceof EngineError ? wasmError : unknown(jsError));
      }
    }
  }
  try {
    const m = await loadJs(name);
    kind = 'js';
    return m;
  } catch (e) {
    throw report(e instanceof EngineError ? e : unknown(e));
  }
}

function unknown(e) {
  const refused = cspRefusal(null);
  const why = String(e && e.message || e);
  return new EngineError('engine_failed', {
    directive: refused ? refused.directive : null,
    zh: `计算引擎无法启动（${why}）。${refused ? refused.zh : ''}`,
    en: `The engine could not start (${why}). ${refused ? refused.en : ''}`.trim(),
  });
}

const reported = new Set();
function report(error) {
  if (!reported.has(error.message)) {
    reported.add(error.message);
    console.error(`[mqci] ${error.code}: ${error.zh} / ${error.message}`, error);
  }
  return error;
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

/** The engine version. */
export const version = () => (full || lean).version();

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
