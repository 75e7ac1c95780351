// Issue 9's part of the one transition (lib/state.js reduce → ctx.reduce9): 不适用, dropping
// a sub-score, and the saved records (years, scenarios); and the effects of their buttons
// (ACTIONS9, readRecordsFile, assessOf), given app.js's `api` ({ P, C, X, o, box, model,
// dispatch, byId, ask, methodArg, MESSAGES }). Loaded with the panels after the first result.
// `reduce9(m, a)` gets the copy of the model reduce made and returns it changed, or undefined
// for an action it does not know.
import { sanitize } from './state.js';
import { fill, filled } from './format.js';

const isObj = (x) => x != null && typeof x === 'object' && !Array.isArray(x);

/**
 * Actions: na, dropScore, records, recordSave, recordOpen, recordRename, recordDelete,
 * recordsImported, compare, renaming.
 */
export function reduce9(m, a) {
  const S = (patch) => { m.S = { ...m.S, ...patch }; };
  switch (a.type) {
    case 'na': {
      const na = m.S.na || [];
      S({ na: a.on ? (na.includes(a.id) ? na : [...na, a.id]) : na.filter((x) => x !== a.id) });
      break;
    }
    case 'dropScore': {
      const scores = { ...m.S.scores };
      delete scores[a.id];
      S({ scores, exampleFields: (m.S.exampleFields || []).filter((f) => f !== `scores.${a.id}`) });
      break;
    }
    case 'records':
      m.records = a.records;
      break;
    case 'recordSave': {
      const rec = { id: a.id, name: a.name, savedAt: a.at, S: m.S };
      const list = m.records || [];
      m.records = list.some((r) => r.name === a.name) ? list.map((r) => (r.name === a.name ? { ...rec, id: r.id } : r)) : [...list, rec];
      m.notice = { key: 'recSaved', vars: { name: a.name } };
      break;
    }
    case 'recordOpen': {
      const r = (m.records || []).find((x) => x.id === a.id);
      if (!r) break;
      m.S = { ...r.S, profile: m.S.profile };
      m.notice = { key: 'recOpened', vars: { name: r.name } };
      m.open = {};
      break;
    }
    case 'recordRename':
      if (String(a.name).trim()) m.records = (m.records || []).map((r) => (r.id === a.id ? { ...r, name: String(a.name).trim() } : r));
      m.renaming = null;
      break;
    case 'recordDelete':
      m.records = (m.records || []).filter((r) => r.id !== a.id);
      if (m.compare) m.compare = { ...m.compare, a: m.compare.a === a.id ? '' : m.compare.a, b: m.compare.b === a.id ? '' : m.compare.b };
      break;
    case 'recordsImported': {
      const byName = new Map((m.records || []).map((r) => [r.name, r]));
      for (const r of a.records) byName.set(r.name, { ...r, id: byName.get(r.name)?.id ?? r.id });
      m.records = [...byName.values()];
      m.notice = { key: 'recImported', vars: { n: a.records.length } };
      break;
    }
    case 'compare':
      m.compare = { ...(m.compare || { a: '', b: '' }), [a.side]: a.id };
      break;
    case 'renaming':
      m.renaming = a.id;
      break;
    default:
      return undefined;
  }
  return m;
}

/**
 * Reads records (an export's `records` or this browser's copy): each valid record is kept
 * with its inputs read by `sanitize`; returns { records, bad } (bad: how many were left out).
 */
export function readRecords(x, catalog, profile) {
  const list = Array.isArray(x) ? x : Array.isArray(x?.records) ? x.records : null;
  if (!list) throw new Error('shape');
  const records = [];
  let bad = 0;
  for (const r of list) {
    try {
      if (!isObj(r) || typeof r.name !== 'string' || !r.name.trim()) throw new Error('name');
      const { S } = sanitize(r.S ?? r.inputs, catalog, profile);
      records.push({ id: typeof r.id === 'string' && r.id ? r.id : `r${records.length}-${Date.now().toString(36)}`, name: r.name.trim().slice(0, 100), savedAt: typeof r.savedAt === 'string' ? r.savedAt : '', S });
    } catch {
      bad += 1;
    }
  }
  return { records, bad };
}

const assessCache = new Map();
/** The assessment of a saved record's inputs (cached by its inputs), or null. */
export function assessOf(api, S) {
  const { C } = api;
  if (!C) return null;
  const key = JSON.stringify(S);
  if (assessCache.has(key)) return assessCache.get(key);
  let r = null;
  try {
    const annual = C.m.deriveFromAnnual && Object.keys(filled(S.annual || {})).length ? C.m.deriveFromAnnual(filled(S.annual)).values : {};
    const values = { ...annual, ...filled(S.values) };
    const na = (S.na || []).filter((id) => C.IND.includes(id));
    for (const id of na) delete values[id];
    r = C.m.assess({ values, scores: filled(S.scores), ...(na.length ? { notApplicable: na } : {}) }, api.methodArg(S));
  } catch { r = null; }
  if (assessCache.size > 200) assessCache.clear();
  assessCache.set(key, r);
  return r;
}
const hasData = (S) => [S.values, S.scores, S.annual].some((m) => Object.keys(filled(m || {})).length);

/** What the issue-9 buttons (data-act) do: (target, api). */
export const ACTIONS9 = {
  dropScore: (target, { dispatch }) => dispatch({ type: 'dropScore', id: target.dataset.id }),
  recordSave: (target, { P, byId, model, dispatch, MESSAGES }) => {
    const input = byId(`${P}rec-name`);
    const name = (input?.value || '').trim() || (model.S.year ? fill(MESSAGES[model.prefs.lang].recDefault, { year: model.S.year }) : '');
    if (!name) { input?.focus(); return; }
    dispatch({ type: 'recordSave', id: `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, name, at: new Date().toISOString() });
    if (input) input.value = '';
  },
  recordOpen: (target, { model, ask, dispatch }) => {
    const r = model.records.find((x) => x.id === target.dataset.id);
    if (!r) return;
    if (hasData(model.S) && !model.records.some((x) => JSON.stringify(x.S) === JSON.stringify(model.S))) ask('recOpen', { type: 'recordOpen', id: r.id }, { name: r.name }, target);
    else dispatch({ type: 'recordOpen', id: r.id });
  },
  renameStart: (target, { P, byId, dispatch }) => {
    dispatch({ type: 'renaming', id: target.dataset.id });
    byId(`${P}rn-${target.dataset.id}`)?.focus();
  },
  renameDo: (target, { P, byId, dispatch }) => {
    const input = byId(`${P}rn-${target.dataset.id}`);
    dispatch({ type: 'recordRename', id: target.dataset.id, name: input?.value ?? '' });
  },
  renameCancel: (target, { dispatch }) => dispatch({ type: 'renaming', id: null }),
  recordDelete: (target, { model, ask }) => {
    const r = model.records.find((x) => x.id === target.dataset.id);
    if (r) ask('recDelete', { type: 'recordDelete', id: r.id }, { name: r.name }, target);
  },
  recordsExport: (target, { X, C, box, model }) => X.files.download(box, 'mqci-records.json', JSON.stringify({ kind: 'mqci-records', v: 1, engine: C.ENGINE, records: model.records }, null, 2)),
  recordsImport: (target, { box }) => box.querySelector('[data-act="recordsFile"]').click(),
};

/** Reads a records file the visitor chose (export of "导出全部记录") into the records. */
export async function readRecordsFile(api, f) {
  const { C, o, dispatch } = api;
  try {
    const { records, bad } = readRecords(JSON.parse(await f.text()), C.ids, o.profile);
    if (!records.length) throw new Error('empty');
    dispatch({ type: 'recordsImported', records });
    if (bad) dispatch({ type: 'notice', notice: { key: 'recImportPartial', bad: true, vars: { n: records.length, bad } } });
  } catch {
    dispatch({ type: 'notice', notice: { key: 'recImportFail', bad: true, vars: { name: f.name } } });
  }
}
