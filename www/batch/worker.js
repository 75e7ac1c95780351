// The batch page's worker (a module worker; Chromium 80 has them): it owns the batch module
// (pkg/mqci_batch.js), the table read from the file and its scores, so the page stays
// responsive and a cancel is `worker.terminate()`. Messages in: { id, type, ... } (type: read,
// map, score, fix, export); out:
// { id, type: 'progress', step } while working, then { id, type: 'done', ... } or
// { id, type: 'error', error: { code, field, value, params, message } }.
// The bad cells cross one page at a time (PAGE of them, from `errorStart`): a file with 100,000
// bad cells does not build 100,000 objects; `errors` ({ start } or { row }) turns the page.
import init, * as batch from '../pkg/mqci_batch.js';

const ready = init();
let table = null;
let scores = null;
const PAGE = 100;

const post = (msg, transfer = []) => self.postMessage(msg, transfer);
const plainError = (e) => ({ code: e?.code || 'internal', field: e?.field || '', value: e?.value ?? null, params: e?.params || {}, message: String(e?.message || e) });

/** Applies remembered choices ({ header: target }) to the columns whose header they name. */
function remembered(memory) {
  if (!memory) return;
  const list = table.headers.map((hdr, column) => (Object.prototype.hasOwnProperty.call(memory, hdr) ? { column, target: String(memory[hdr]) } : null)).filter(Boolean);
  if (!list.length) return;
  try {
    table.setMapping(list);
  } catch (e) {
    // A remembered choice that no longer fits (two columns on one figure): apply one by one.
    for (const one of list) try { table.setMapping([one]); } catch (_) { /* left as suggested */ }
  }
}

function described() {
  return { info: table.info, headers: table.headers, mapping: table.mapping(), first: table.rowCount ? table.rows(0, 1)[0] : [], corrections: table.corrections };
}

/**
 * One page of the bad cells, each with its text as the file (or a correction) has it, to be
 * fixed in place. `start` is rounded down to a page and kept inside the list (after a fix the
 * list may be shorter); `row` (instead) opens the page that holds that data row's first bad cell.
 */
function errorPage({ start = 0, row = null } = {}) {
  const count = scores.errorCount;
  let from = row != null ? scores.errorIndexOfRow(row) : Math.max(0, Math.floor(Number(start) || 0));
  from = Math.max(0, Math.min(from, count - 1));
  from -= from % PAGE;
  const headers = table.headers;
  const errors = scores.errors(PAGE, from).map((e) => ({ ...e, header: e.column >= 0 ? headers[e.column] : null, text: e.column >= 0 ? String(table.rows(e.row, e.row + 1)[0]?.[e.column] ?? '') : null }));
  return { errors, errorStart: from, errorCount: count, errorPage: PAGE };
}

/** Scores the table and gathers what the page shows (typed arrays are transferred). */
function scored(id, policy, timing = {}, pageStart = 0) {
  post({ id, type: 'progress', step: 'score' });
  scores?.free();
  const start = performance.now();
  scores = batch.scoreTable(table, { policy });
  const scoreMs = performance.now() - start;
  post({ id, type: 'progress', step: 'sum' });
  const mapping = table.mapping();
  const index = scores.index;
  const min = scores.min;
  const max = scores.max;
  const band = scores.band;
  const sub = scores.sub;
  const weakest = scores.weakest;
  const rank = scores.rank;
  const rows = scores.rows;
  const bad = scores.errorRows;
  const column = (c) => (rows ? table.column(c).split('\0') : []);
  const nameCol = mapping.find((m) => m.role === 'name');
  const groups = mapping.filter((m) => m.role === 'group').map((m) => ({ column: m.column, header: m.header, values: column(m.column) }));
  const out = {
    id,
    type: 'done',
    what: 'scored',
    ...described(),
    rows,
    policy: scores.policy,
    index, min, max, band, sub, weakest, rank, bad,
    names: nameCol ? column(nameCol.column) : null,
    nameHeader: nameCol ? nameCol.header : null,
    groups,
    bands: scores.bands,
    subIds: scores.subIds,
    indicatorIds: scores.indicatorIds,
    summary: scores.summary(),
    regions: table.regions(scores),
    ...errorPage({ start: pageStart }),
    timing: { ...timing, scoreMs },
  };
  post(out, [index.buffer, min.buffer, max.buffer, band.buffer, sub.buffer, weakest.buffer, rank.buffer, bad.buffer]);
}

const handlers = {
  async read(msg) {
    post({ id: msg.id, type: 'progress', step: 'file' });
    const bytes = new Uint8Array(await msg.file.arrayBuffer());
    post({ id: msg.id, type: 'progress', step: 'parse' });
    const start = performance.now();
    table?.free();
    table = null;
    table = batch.readTable(bytes, msg.file.name, msg.sheet ? { sheet: msg.sheet } : {});
    remembered(msg.memory);
    // A file this page exported states its policy on every row (缺失数据处理): scored by that,
    // so that export → import gives the same scores; the page says so.
    scored(msg.id, table.statedPolicy || msg.policy, { readMs: performance.now() - start });
  },
  map(msg) {
    table.setMapping(msg.overrides);
    scored(msg.id, msg.policy, {}, msg.start);
  },
  score(msg) {
    scored(msg.id, msg.policy, {}, msg.start);
  },
  /** Fixes one cell in place ({ row, column, text }) and scores the whole table again. */
  fix(msg) {
    table.setCell(msg.row, msg.column, msg.text);
    scored(msg.id, msg.policy, {}, msg.start);
  },
  /** Another page of the bad cells ({ start } or { row }); nothing is scored again. */
  errors(msg) {
    post({ id: msg.id, type: 'done', what: 'errors', ...errorPage(msg) });
  },
  export(msg) {
    const bytes = msg.kind === 'xlsx' ? batch.exportXlsx(table, scores, { date: msg.date }) : batch.exportCsv(table, scores);
    post({ id: msg.id, type: 'done', what: 'file', kind: msg.kind, bytes }, [bytes.buffer]);
  },
};

self.onmessage = async (e) => {
  const msg = e.data;
  try {
    await ready;
    await handlers[msg.type](msg);
  } catch (err) {
    post({ id: msg.id, type: 'error', error: plainError(err) });
  }
};
/**
 * While the visitor picks a file: one small table through the reader and the scorer, so that
 * the engine's busy functions are compiled for speed (V8 compiles wasm lazily, baseline first,
 * optimised once hot) before the real file comes. Measured: the first 100,000-row file takes
 * about a fifth of the time it took without this.
 */
function warmUp() {
  const heads = batch.targets().map((x) => x.zh);
  const line = (i) => heads.map((_, k) => String(((i * 7 + k * 13) % 97) + 1)).join(',');
  const lines = [heads.join(',')];
  for (let i = 0; i < 3000; i += 1) lines.push(line(i));
  const t = batch.readTable(new TextEncoder().encode(lines.join('\n')), 'warm-up.csv', {});
  const s = batch.scoreTable(t, {});
  t.regions(s);
  s.free();
  t.free();
}

ready.then(() => {
  post({ type: 'ready', targets: batch.targets(), version: batch.batchVersion() });
  const start = performance.now();
  try { warmUp(); } catch (_) { /* only a warm-up */ }
  post({ type: 'warm', ms: performance.now() - start });
}, (e) => post({ type: 'error', error: plainError(e) }));
