// The engine's fallback, loaded by engine.js only when WebAssembly cannot run (a CSP without
// 'wasm-unsafe-eval', WebAssembly disabled, a kernel that refuses the module) or failed:
// - the same Rust engine compiled to plain JavaScript by binaryen's wasm2js (pkg/<name>.asm.js)
//   with wasm-bindgen's bundler glue (pkg/<name>_bg.js), same results bit for bit
//   (tests/e2e/engine-js.test.mjs);
// - if that fails too, an error that says why in Chinese and English: which file failed and its
//   HTTP status, or which CSP directive refused what (code engine_fetch_failed, engine_csp,
//   engine_module_failed or engine_failed), also logged with console.error.

// Literal specifiers, so the module graph can be read without running it.
const jsModules = {
  mqci_first: () => Promise.all([import('../pkg/mqci_first.asm.js'), import('../pkg/mqci_first_bg.js')]),
  mqci: () => Promise.all([import('../pkg/mqci.asm.js'), import('../pkg/mqci_bg.js')]),
};
const url = (file) => new URL(`../pkg/${file}`, import.meta.url).href;
let violations = [];

/** An engine failure with what a webmaster needs: code, file, HTTP status, CSP directive. */
export class EngineError extends Error {
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

async function loadAsm(name) {
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

/**
 * The JS copy of engine `name` (wasm2js output + wasm-bindgen's bundler glue). `wasmError` is why
 * WebAssembly did not run (null: the page may not compile it); `seen` the CSP refusals so far.
 * If the JS copy fails too, throws (and logs) an EngineError that says why.
 */
export async function loadJs(name, wasmError, seen) {
  violations = seen;
  try {
    return await loadAsm(name);
  } catch (jsError) {
    const http = wasmError && wasmError.status ? new EngineError('engine_fetch_failed', describeFetch(wasmError.file, wasmError.status)) : null;
    throw report(jsError instanceof EngineError ? jsError : http || unknown(jsError));
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

