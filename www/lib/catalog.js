// The full engine's data, read once per page when it is first needed (after the first result,
// or before it when the saved state has a custom or non-default methodology): the built-in
// methodologies, target profiles and metrics, raw-figure fields, and the ids state is checked
// against. Shared by every widget instance and never modified.
import { loadFull } from './engine.js';

let catalogP;
/** The full engine's data: methodologies, profiles, metrics, raw-figure fields, ids. */
export function loadCatalog() {
  if (!catalogP) catalogP = loadFull().then(async (m) => {
    const methods = {};
    const DEF = m.defaultMethodology();
    const RAW = Object.fromEntries(m.rawFields().map((r) => [r.indicator, r]));
    // A task of its own for the largest reads (less time blocking input at once).
    await new Promise((resolve) => setTimeout(resolve));
    const PROFILES = m.targetProfiles();
    const METRICS = m.targetMetrics();
    const IND = Object.keys(DEF.indicators);
    // Issue 9/10 APIs, when the engine has them: the one form of annual figures, benchmarks.
    const ANNUAL = typeof m.annualFields === 'function' ? m.annualFields() : null;
    let BENCH = null;
    try { BENCH = typeof m.benchmarks === 'function' ? m.benchmarks() : null; } catch { BENCH = null; }
    return {
      m, DEF, RAW, PROFILES, METRICS, IND, ANNUAL, BENCH,
      ENGINE: m.version(),
      method: (bandScheme, standardization) => (methods[`${bandScheme} ${standardization}`] || (methods[`${bandScheme} ${standardization}`] = m.defaultMethodology({ bandScheme, standardization }))),
      ids: {
        IND,
        NODES: [...Object.keys(DEF.secondary), ...Object.keys(DEF.tertiary)],
        METRICS: METRICS.map((x) => x.id),
        RAW: Object.fromEntries(Object.entries(RAW).map(([k, r]) => [k, r.fields.map((f) => f.key)])),
        PROFILES: PROFILES.map((p) => p.id),
        ANNUAL: ANNUAL ? ANNUAL.map((f) => f.key) : null,
        readMethodology: (x) => m.readMethodology(x),
      },
    };
  });
  catalogP.catch(() => { catalogP = undefined; });
  return catalogP;
}

