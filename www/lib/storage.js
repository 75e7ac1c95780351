// This browser's copy of a widget's inputs and preferences (localStorage, one namespace per
// storageKey). Format (read by older and newer versions alike):
//   "mqci:v1:<key>"        = { v: 1, savedAt, inputs: { values, scores, raw, actuals, profile, method } }
//   "mqci:v1:<key>:prefs"  = { lang, large }
//   "mqci:v1:<key>:backup" = the raw saved text of a copy that could not be read in full
//   "mqci:v1:<key>:records" = { v: 1, records: [{ id, name, savedAt, S }] } (saved years/scenarios)
// Nothing here throws: a missing or blocked storage is reported as a value.

function storage() {
  try {
    const s = window.localStorage;
    s.getItem('mqci');
    return s;
  } catch {
    return null;
  }
}

/** Storage for one widget instance. */
export function openStore(storageKey) {
  const KEY = `mqci:v1:${storageKey}`;
  const store = storage();
  const write = (key, text) => {
    if (!store) return null;
    try {
      store.setItem(key, text);
      return null;
    } catch (e) {
      return e?.name === 'QuotaExceededError' || e?.code === 22 ? 'quota' : 'blocked';
    }
  };
  return {
    KEY,
    /** The saved text, or null. */
    read: () => { try { return store?.getItem(KEY) ?? null; } catch { return null; } },
    /** Saves `inputs`; returns null or why it failed ("quota", "blocked"). */
    save: (inputs) => write(KEY, JSON.stringify({ v: 1, savedAt: new Date().toISOString(), inputs })),
    /** Keeps `text` (a saved copy that could not be read in full) beside it; null or why not. */
    backup: (text) => write(`${KEY}:backup`, text),
    /** The backup text, or null. */
    readBackup: () => { try { return store?.getItem(`${KEY}:backup`) ?? null; } catch { return null; } },
    prefs() {
      try {
        const p = JSON.parse(store?.getItem(`${KEY}:prefs`) || '{}');
        return p && typeof p === 'object' ? p : {};
      } catch {
        return {};
      }
    },
    /** The saved records' text, or null. */
    readRecords: () => { try { return store?.getItem(`${KEY}:records`) ?? null; } catch { return null; } },
    /** Saves the records; null or why it failed. */
    saveRecords: (records) => write(`${KEY}:records`, JSON.stringify({ v: 1, records })),
    savePrefs: (prefs) => write(`${KEY}:prefs`, JSON.stringify(prefs)),
  };
}
