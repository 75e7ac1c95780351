// Files in and out, loaded with the panels (the first result needs none of it): downloads,
// the export format, share links, and reading a chosen file into the actions it leads to.
// Every function takes what it needs as arguments; none touches the widget's state.
import { fill } from './format.js';
import { errorList } from './engine.js';
import { sanitize } from './state.js';

/**
 * Reads a host's methodology file (the methodologyUrl option) with the full engine's catalogue
 * `C`: { custom, name } when it is valid, else { errors, name } (fetch and engine errors alike).
 */
export async function readMethodologyFile(C, url) {
  try {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`methodology: HTTP ${r.status} for ${url}`);
    const custom = C.m.readMethodology(await r.json());
    return { custom, name: custom.id || url };
  } catch (e) {
    const errors = e?.code ? errorList(e) : [{ code: 'unreadable', field: 'methodology', value: String(url), params: {}, message: String(e?.message || e) }];
    return { errors, name: String(url) };
  }
}

/** Largest file read (an export or a methodology), checked before reading it. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Saves `text` as a JSON file named `name` (the link is added to `parent` while clicked). */
export function download(parent, name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  parent.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const today = () => new Date().toISOString().slice(0, 10);

/** The export file: inputs S, the methodology M in use, the engine version and the results. */
export function exportFile(parent, { S, M, engine, last }) {
  const { res, targets, errors } = last;
  download(parent, `mqci-${today()}.json`, JSON.stringify({
    format: 'mqci-export', formatVersion: 1, exportedAt: new Date().toISOString(), engineVersion: engine,
    methodology: { id: M.id, version: M.version, standardization: M.standardization, bandScheme: M.bandScheme },
    inputs: S,
    results: { assessment: res, targets, errors },
  }, null, 2));
}

/** What was set aside (the saved text as it was, or the data of a link or file). */
export const exportBackup = (parent, aside) => download(parent, `mqci-backup-${today()}.json`, aside?.text ?? JSON.stringify(aside?.data ?? null, null, 2));

function b64u(text) {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A link to this page carrying S in its fragment (never sent to a server). */
export const shareUrl = (S) => `${location.href.split('#')[0]}#s=${b64u(JSON.stringify(S))}`;

/**
 * Reads the file `f` chosen for `kind` ("importFile": an export; "methodFile": a methodology)
 * and returns the actions it leads to. `L`: the catalogue for refusals; `ids`: the engine's
 * ids and readMethodology; `profile`: the default target profile. Too large a file is refused
 * before it is read (it would freeze the page while parsed).
 */
export async function readChosenFile(f, kind, { L, ids, profile }) {
  const refuse = (reason, vars) => {
    const text = fill(L[reason], vars);
    return kind === 'methodFile'
      ? [{ type: 'methodFailed', name: f.name, errors: [{ code: 'file', field: 'methodology', value: null, params: { reason: text }, message: text }] }]
      : [{ type: 'notice', notice: { key: 'badImport', bad: true, vars: { name: f.name, reason: text } } }];
  };
  if (f.size > MAX_FILE_BYTES) return refuse('tooBig', { size: (f.size / 1048576).toFixed(1), max: MAX_FILE_BYTES / 1048576 });
  let data;
  try {
    data = JSON.parse(await f.text());
  } catch {
    return refuse('notJson');
  }
  if (kind === 'methodFile') {
    try {
      return [{ type: 'methodLoaded', custom: ids.readMethodology(data), name: f.name }];
    } catch (e) {
      return [{ type: 'methodFailed', name: f.name, errors: errorList(e) }];
    }
  }
  if (data?.format !== 'mqci-export' || !data.inputs || typeof data.inputs !== 'object') return refuse('notExport');
  let read;
  try {
    read = sanitize(data.inputs, ids, profile);
  } catch {
    return refuse('notExport');
  }
  // Every valid part is imported; a refused methodology is named, the rest set aside.
  const actions = [{ type: 'imported', S: read.S, name: f.name }];
  const bad = read.setAside.find((x) => x.part === 'method');
  if (bad) actions.push({ type: 'methodFailed', name: bad.name || f.name, errors: errorList(bad.error) });
  if (read.setAside.length) actions.push({ type: 'setAside', setAside: { parts: read.setAside, source: 'import' }, aside: { data } });
  return actions;
}
