// The wasm engine, in two builds (docs: README "The page"):
// - pkg/mqci_first.js: the lean engine, only version() and assess(input) with the built-in
//   methodology; enough for the first result, so it is all the page loads before it;
// - pkg/mqci.js: the full engine (custom methodologies, band schemes, raw figures, targets).
// assess() uses the full engine once it is there, else the lean one. Each loads once per page;
// a failed load may be retried by the next call.

let firstP;
let fullP;
let lean = null;
let full = null;

// Literal specifiers, so the module graph can be read without running it.
const modules = { mqci_first: () => import('../pkg/mqci_first.js'), mqci: () => import('../pkg/mqci.js') };

function load(name) {
  return modules[name]().then(async (m) => {
    await m.default({ module_or_path: new URL(`../pkg/${name}_bg.wasm`, import.meta.url) });
    return m;
  });
}

/** The lean engine (falls back to the full one when the lean build is not there). */
export function loadFirst() {
  if (full) return Promise.resolve(full);
  firstP ??= load('mqci_first').then(
    (m) => { lean = m; return m; },
    () => loadFull(),
  );
  firstP.catch(() => { firstP = undefined; });
  return firstP;
}

/** The full engine. */
export function loadFull() {
  fullP ??= load('mqci').then((m) => { full = m; return m; });
  fullP.catch(() => { fullP = undefined; });
  return fullP;
}

/** The full engine's module, or null before it is loaded. */
export const fullEngine = () => full;

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
  if (Array.isArray(e?.errors) && e.errors.length) return e.errors.map(record);
  return [record(e)];
}
function record(e) {
  return {
    code: typeof e?.code === 'string' ? e.code : 'other',
    field: typeof e?.field === 'string' ? e.field : '',
    value: e?.value == null ? null : String(e.value),
    params: e?.params && typeof e.params === 'object' ? { ...e.params } : {},
    message: String(e?.message ?? e), // for hosts and the console; never shown on the page
  };
}
