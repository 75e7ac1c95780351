// Issue 9's part of the one transition (lib/state.js reduce → ctx.reduce9): 不适用, dropping
// a sub-score, and the saved records (years, scenarios). Loaded with the panels after the first
// result. `reduce9(m, a)` gets the copy of the model reduce made and returns it changed, or
// undefined for an action it does not know. No DOM, no engine.
import { sanitize } from './state.js';

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
