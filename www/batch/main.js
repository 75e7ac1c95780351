// The batch page (issue 11): a table of enterprises (XLSX/XLS/ODS/CSV/TSV, UTF-8 or GBK) →
// scored, ranked, summarised and exported, with the region's own index. The file is read and
// scored in a worker (worker.js, which owns the batch module); this module owns the DOM.
// Nothing leaves the browser: the file is read with File APIs and exports are Blob URLs.
import { LANG, translator } from './lang.js';
import { el, svg, fmt, fmtPct, download } from './dom.js';
import { virtualTable } from './table.js';

const KEY = { lang: 'mqci-batch-lang', mapping: 'mqci-batch-mapping', policy: 'mqci-batch-policy', profile: 'mqci-batch-profile' };
const store = {
  get(k, fallback) {
    try { const v = localStorage.getItem(k); return v == null ? fallback : JSON.parse(v); } catch (_) { return fallback; }
  },
  set(k, v) {
    try { localStorage.setItem(k, JSON.stringify(v)); } catch (_) { /* storage full or off: not remembered */ }
  },
};

const query = new URLSearchParams(location.search).get('lang');
const S = {
  lang: query === 'en' || query === 'zh-CN' ? query : store.get(KEY.lang, 'zh-CN') === 'en' ? 'en' : 'zh-CN',
  policy: store.get(KEY.policy, 'missing') === 'not_applicable' ? 'not_applicable' : 'missing',
  profile: store.get(KEY.profile, 'national-2025'),
  file: null,
  sheet: null,
  busy: null, // { id, step }
  notice: null, // { key, vars, bad }
  data: null, // the worker's last 'scored' answer (its `errors` the page of bad cells shown)
  sort: { col: 'rank', dir: 1 },
  filters: {},
  targets: [], // what a column can be read as (worker)
  names: null, // { sub: { id: { zh, en } }, profiles: [...] } from the main engine
  paste: '', // the paste box's text: kept across renders (the page is rebuilt on each answer)
};
let t = translator(S.lang);
let worker = null;
let seq = 0;
const waiting = new Map();
const root = document.querySelector('#batch');

function startWorker() {
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = (e) => {
    const msg = e.data;
    if (msg.type === 'ready') {
      S.targets = msg.targets;
      render();
      return;
    }
    if (msg.type === 'warm') { // the engine's warm-up is done (for benchmarks: data-engine)
      root.dataset.engine = 'warm';
      root.dataset.warmMs = String(Math.round(msg.ms));
      return;
    }
    const job = waiting.get(msg.id);
    if (!job) return;
    if (msg.type === 'progress') {
      if (S.busy?.id === msg.id) { S.busy.step = msg.step; showProgress(); }
      return;
    }
    waiting.delete(msg.id);
    if (S.busy?.id === msg.id) S.busy = null;
    if (msg.type === 'error') job.reject(msg.error);
    else job.resolve(msg);
  };
  worker.onerror = () => {
    for (const job of waiting.values()) job.reject({ code: 'internal', message: 'worker' });
    waiting.clear();
  };
}

/** Sends a job to the worker; the progress panel shows while it runs. */
function ask(msg, transfer = []) {
  seq += 1;
  const id = seq;
  S.busy = { id, step: msg.type === 'errors' ? null : 'file' }; // a page of bad cells: no progress panel
  showProgress();
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker.postMessage({ ...msg, id }, transfer);
  }).finally(() => showProgress());
}

function cancel() {
  worker.terminate();
  delete root.dataset.engine;
  for (const job of waiting.values()) job.reject({ cancelled: true });
  waiting.clear();
  S.busy = null;
  S.data = null;
  S.notice = { key: 'cancelled' };
  startWorker();
  render();
}

const errText = (e) => {
  const key = `err_${e?.code}`;
  return key in LANG[S.lang] ? t(key, e.params || {}) : t('err_other');
};

async function run(msg) {
  try {
    const data = await ask(msg);
    S.data = data;
    S.notice = null;
    if (data.policy !== S.policy) { // the file stated its own policy (worker.js, read)
      S.policy = data.policy;
      store.set(KEY.policy, data.policy);
      S.notice = { key: 'policyAdopted', vars: { policy: t(`policyShort_${data.policy}`) } };
    }
    const valid = new Set(data.groups.map((g) => String(g.column)));
    for (const k of Object.keys(S.filters)) if (!valid.has(k)) delete S.filters[k];
  } catch (e) {
    if (e?.cancelled) return;
    S.data = null;
    S.notice = { key: 'readFailed', vars: { text: errText(e) }, bad: true };
  }
  render();
}

function readFile(file, sheet = null) {
  S.file = file;
  S.sheet = sheet;
  S.filters = {};
  run({ type: 'read', file, sheet, policy: S.policy, memory: store.get(KEY.mapping, {}) });
}

function remap(column, header, target) {
  const memory = store.get(KEY.mapping, {});
  memory[header] = target;
  store.set(KEY.mapping, memory);
  run({ type: 'map', overrides: [{ column, target }], policy: S.policy, start: S.data?.errorStart || 0 });
}

/**
 * Fixes one bad cell in place: the worker changes the cell in its table and scores the whole
 * table again (one call; the sort, the filters and the table's scroll position are kept). Focus
 * goes back to the cell's input when it still has an error, else to the corrections line.
 */
async function fixCell(e, text) {
  const where = { row: e.row + 1, column: e.header };
  try {
    const data = await ask({ type: 'fix', row: e.row, column: e.column, text, policy: S.policy, start: S.data.errorStart });
    S.data = data;
    const still = data.errors.some((x) => x.row === e.row && x.column === e.column);
    S.notice = { key: still ? 'fixedStill' : 'fixed', vars: { ...where, old: e.text, new: text } };
    render();
    const input = document.getElementById(fixId(e));
    (still && input ? input : document.querySelector('[data-testid="corrections"]'))?.focus();
  } catch (err) {
    if (err?.cancelled) return;
    S.notice = { key: 'fixFailed', vars: { text: errText(err) }, bad: true };
    render();
  }
}

/**
 * Shows another page of the bad cells: `{ start }` (上一页/下一页) or `{ row }` (the 改正 button
 * of a table row, or 转到 a row number), then focuses the row's first input (or the list's
 * status line) and scrolls it into view. Nothing is scored again.
 */
async function showErrors(where) {
  try {
    const page = await ask({ type: 'errors', ...where });
    Object.assign(S.data, { errors: page.errors, errorStart: page.errorStart, errorCount: page.errorCount, errorPage: page.errorPage });
    const row = where.row;
    S.notice = row != null && !page.errors.some((x) => x.row === row) ? { key: 'noErrorsAt', vars: { row: row + 1 } } : null;
    render();
    const li = row != null ? document.querySelector(`[data-testid="errors"] li[data-row="${row}"]`) : null;
    const target = li ? li.querySelector('input') || li : document.querySelector('[data-testid="errors-page"]');
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  } catch (e) {
    if (!e?.cancelled) { S.notice = { key: 'readFailed', vars: { text: errText(e) }, bad: true }; render(); }
  }
}

async function exportFile(kind) {
  try {
    const msg = await ask({ type: 'export', kind, date: new Date().toISOString() });
    const base = (S.file?.name || 'mqci').replace(/\.[^.]*$/, '');
    const type = kind === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv;charset=utf-8';
    download(root, `${base}-mqci.${kind}`, new Blob([msg.bytes], { type }));
  } catch (e) {
    if (!e?.cancelled) { S.notice = { key: 'readFailed', vars: { text: errText(e) }, bad: true }; render(); }
  }
}

// ---- names from the main engine (sub-score names, profiles), loaded after the page shows ----
async function loadNames() {
  try {
    const m = await import('../pkg/mqci.js');
    await m.default();
    const M = m.defaultMethodology();
    const sub = { ...M.secondary, ...M.tertiary };
    const profiles = m.targetProfiles({ asOf: new Date().getFullYear() })
      .map((p) => ({ id: p.id, zh: p.zh, en: p.en, target: p.targets.find((x) => x.metric === 'mqci' && x.kind === 'absolute' && x.op === '>=') }))
      .filter((p) => p.target);
    S.names = { sub, profiles };
    if (!profiles.some((p) => p.id === S.profile)) S.profile = profiles[0]?.id;
    render();
  } catch (_) { /* the table shows ids instead of names */ }
}

// ---- rendering ----
const nameOf = (x) => (x ? (S.lang === 'en' ? x.en : x.zh) : '');
const subName = (id) => nameOf(S.names?.sub[id]) || id;
const indName = (id) => nameOf(S.targets.find((x) => x.id === id)) || id;
const profileOf = () => S.names?.profiles.find((p) => p.id === S.profile) || null;

function header() {
  return el('header', { class: 'b-head' },
    el('div', { class: 'b-titles' },
      el('h1', { class: 'b-title' }, t('title')),
      el('p', { class: 'b-sub' }, t('sub'))),
    el('div', { class: 'b-prefs' },
      el('a', { href: `index.html${S.lang === 'en' ? '' : ''}`, class: 'b-link' }, t('back')),
      el('button', { type: 'button', class: 'b-btn', lang: S.lang === 'en' ? 'zh-CN' : 'en', onclick: () => setLang(S.lang === 'en' ? 'zh-CN' : 'en') }, t('otherLang'))));
}

function setLang(lang) {
  S.lang = lang;
  t = translator(lang);
  store.set(KEY.lang, lang);
  render();
}

function fileSection() {
  const input = el('input', { type: 'file', id: 'b-file', class: 'b-fileinput', accept: '.xlsx,.xls,.xlsm,.ods,.csv,.tsv,.txt', 'aria-describedby': 'b-file-d', onchange: (e) => { const f = e.target.files?.[0]; if (f) readFile(f); } });
  const zone = el('label', { for: 'b-file', class: 'b-drop', 'data-testid': 'drop' }, el('span', { class: 'b-drop-t' }, t('drop')));
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('b-drop--over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('b-drop--over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('b-drop--over');
    const f = e.dataTransfer?.files?.[0];
    if (f) readFile(f);
  });
  const policy = el('fieldset', { class: 'b-policy' },
    el('legend', null, t('policyLegend')),
    ['missing', 'not_applicable'].map((p) => el('label', { class: 'b-radio' },
      el('input', { type: 'radio', name: 'b-policy', value: p, checked: S.policy === p, onchange: () => {
        S.policy = p;
        store.set(KEY.policy, p);
        if (S.data) run({ type: 'score', policy: p, start: S.data.errorStart });
        else render();
      } }), ' ', t(`policy_${p}`))));
  const info = S.data?.info;
  const sheets = info?.sheets?.length > 1 ? el('div', { class: 'b-field' },
    el('label', { for: 'b-sheet' }, t('sheetLabel')), ' ',
    el('select', { id: 'b-sheet', class: 'b-select', onchange: (e) => readFile(S.file, e.target.value) },
      info.sheets.map((s) => el('option', { value: s, selected: s === info.sheet }, s)))) : null;
  const paste = el('div', { class: 'b-field b-paste' },
    el('label', { for: 'b-paste' }, t('pasteLabel')),
    el('textarea', { id: 'b-paste', class: 'b-textarea', rows: '4', spellcheck: 'false', value: S.paste, oninput: (e) => { S.paste = e.target.value; } }),
    el('button', { type: 'button', class: 'b-btn', onclick: () => {
      const text = S.paste;
      // A block copied from Excel is tab-separated text: read as a .tsv file would be.
      if (text.trim()) readFile(new File([text], t('pasteName'), { type: 'text/plain' }));
    } }, t('pasteRead')));
  return el('section', { class: 'b-card', 'aria-labelledby': 'b-file-h' },
    el('h2', { id: 'b-file-h', class: 'b-h' }, t('fileLabel')),
    policy,
    el('p', { class: 'b-hint', id: 'b-file-d' }, t('fileHint')),
    input, zone, sheets, paste);
}

function progressPanel() {
  return el('div', { class: 'b-progress', id: 'b-progress', hidden: true, 'data-testid': 'progress' },
    el('label', { id: 'b-progress-l', for: 'b-progress-bar' }, t('progressLabel')),
    el('progress', { id: 'b-progress-bar', max: '4', value: '0' }),
    el('span', { class: 'b-step', id: 'b-step', role: 'status' }),
    el('button', { type: 'button', class: 'b-btn', onclick: cancel }, t('cancel')));
}

const STEPS = ['file', 'parse', 'score', 'sum'];
function showProgress() {
  const panel = document.getElementById('b-progress');
  if (!panel) return;
  panel.hidden = !S.busy?.step;
  if (S.busy?.step) {
    const n = STEPS.indexOf(S.busy.step);
    document.getElementById('b-progress-bar').value = n + 0.5;
    document.getElementById('b-step').textContent = t(`step_${S.busy.step}`);
  }
  root.setAttribute('aria-busy', S.busy ? 'true' : 'false');
}

function noticeBox() {
  const n = S.notice;
  return el('p', { class: `b-notice${n?.bad ? ' b-notice--bad' : ''}`, role: 'status', 'data-testid': 'notice', hidden: !n }, n ? t(n.key, n.vars) : '');
}

function mappingSection(d) {
  const groups = [
    ['groupIndicators', S.targets.filter((x) => x.kind === 'indicator')],
    ['groupRaw', S.targets.filter((x) => x.kind === 'raw')],
  ];
  return el('section', { class: 'b-card', 'aria-labelledby': 'b-map-h', 'data-testid': 'mapping' },
    el('h2', { id: 'b-map-h', class: 'b-h' }, t('mapping')),
    el('p', { class: 'b-hint' }, t('mappingHint')),
    el('div', { class: 'b-scroll', role: 'region', 'aria-label': t('mappingTable'), tabindex: '0' },
      el('table', { class: 'b-table' },
        el('thead', null, el('tr', null, el('th', { scope: 'col' }, t('colHeader')), el('th', { scope: 'col' }, t('colTarget')), el('th', { scope: 'col' }, t('colSample')))),
        el('tbody', null, d.mapping.map((m) => el('tr', { 'data-column': String(m.column) },
          el('th', { scope: 'row' }, m.header),
          el('td', null,
            el('select', { class: 'b-select', 'aria-label': `${m.header}：${t('colTarget')}`, onchange: (e) => remap(m.column, m.header, e.target.value) },
              el('option', { value: '', selected: m.target === '' }, m.role ? t(`role_${m.role}`) : t('pass')),
              groups.map(([label, list]) => el('optgroup', { label: t(label) },
                list.map((x) => el('option', { value: x.id, selected: x.id === m.target }, `${nameOf(x)}${x.kind === 'raw' ? `（${x.unit}）` : ''}`))))),
            m.overridden ? el('span', { class: 'b-hint' }, ` ${t('mapped')}`) : null),
          el('td', { class: 'b-sample' }, String(d.first[m.column] ?? ''))))))));
}

/** The rows shown (filtered) in the chosen order. */
function order(d) {
  const n = d.rows;
  const filters = Object.entries(S.filters).filter(([, v]) => v != null);
  let idx = [];
  for (let r = 0; r < n; r += 1) {
    let ok = true;
    for (const [c, v] of filters) if (d.groups.find((g) => String(g.column) === c).values[r] !== v) { ok = false; break; }
    if (ok) idx.push(r);
  }
  idx = Uint32Array.from(idx);
  const { col, dir } = S.sort;
  if (col === 'row') return dir > 0 ? idx : idx.reverse();
  if (col === 'name' || col.startsWith('g')) {
    const values = col === 'name' ? d.names : d.groups.find((g) => `g${g.column}` === col).values;
    const coll = new Intl.Collator(S.lang === 'en' ? 'en' : 'zh-CN');
    return idx.sort((a, b) => dir * coll.compare(values[a] || '', values[b] || '') || a - b);
  }
  const key = sortKey(d, col);
  return idx.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const xn = Number.isNaN(x);
    const yn = Number.isNaN(y);
    if (xn || yn) return xn === yn ? a - b : xn ? 1 : -1; // blanks last either way
    return dir * (x - y) || a - b;
  });
}

function sortKey(d, col) {
  const target = profileOf()?.target?.value;
  switch (col) {
    case 'rank': return (r) => (d.rank[r] ? d.rank[r] : NaN);
    case 'index': return (r) => (Number.isNaN(d.index[r]) ? d.min[r] : d.index[r]);
    case 'band': return (r) => (d.band[r] === 255 ? NaN : d.band[r]);
    case 'weakest': return (r) => (d.weakest[r] === 255 ? NaN : d.weakest[r]);
    case 'target': return (r) => { const s = status(d, r, target); return s === 'met' ? 0 : s === 'notMet' ? 1 : NaN; };
    case 'bad': return (r) => d.bad[r] ? 0 : 1;
    case 'fixed': { const fixed = correctionsByRow(d); return (r) => (fixed.has(r) ? 0 : 1); }
    default: {
      const k = d.subIds.indexOf(col);
      return (r) => d.sub[r * 8 + k];
    }
  }
}

function status(d, r, target) {
  if (target == null) return null;
  const i = d.index[r];
  if (!Number.isNaN(i)) return i >= target ? 'met' : 'notMet';
  if (d.min[r] >= target) return 'met';
  if (d.max[r] < target) return 'notMet';
  return null;
}

const num = (x) => (Number.isFinite(x) ? fmt(x, S.lang) : t('none'));

/** Corrections by data row: Map(row → [{ row, column, header, old, new }]). */
function correctionsByRow(d) {
  const by = new Map();
  for (const x of d.corrections || []) {
    if (!by.has(x.row)) by.set(x.row, []);
    by.get(x.row).push(x);
  }
  return by;
}

const shownText = (v) => (v === '' ? t('empty') : v);

/**
 * The mark of a row with corrected cells: "✎ 已更正 列：旧 → 新" (more than one: "已更正 2 处 …").
 * Text, not colour: read by screen readers as it stands; the title shows it whole on hover when
 * the cell cuts it short.
 */
function fixedMark(list) {
  if (!list) return '';
  const what = list.map((x) => t('fixedWhat', { column: x.header, old: shownText(x.old), new: shownText(x.new) })).join(t('listSep'));
  const text = list.length > 1 ? t('fixedMarkN', { n: list.length, what }) : t('fixedMark', { what });
  return el('span', { class: 'b-fixed', title: text }, el('span', { 'aria-hidden': 'true' }, '✎ '), text);
}

/** The 错误 cell of a row with bad cells: a button that opens its bad cells' fix inputs. */
function jumpButton(r) {
  return el('button', { type: 'button', class: 'b-jump', 'data-jump': String(r), onclick: () => { if (!S.busy) showErrors({ row: r }); } },
    el('span', { 'aria-hidden': 'true' }, '⚠ '), t('fixJump'), el('span', { class: 'b-sr' }, t('fixJumpRow', { row: r + 1 })));
}

function resultsSection(d) {
  const fixed = correctionsByRow(d);
  const profile = profileOf();
  const target = profile?.target?.value;
  const cols = [
    { id: 'rank', label: t('colRank'), cls: 'b-num', cell: (r) => (d.rank[r] ? String(d.rank[r]) : t('none')) },
    { id: 'name', label: d.nameHeader || t('colName'), cell: (r) => (d.names ? d.names[r] : t('rowN', { n: r + 1 })) },
    // Beside the name, so that it shows without scrolling sideways (only once a cell is corrected).
    fixed.size ? { id: 'fixed', label: t('colFixed'), cls: 'b-fixcell', cell: (r) => fixedMark(fixed.get(r)) } : null,
    ...d.groups.map((g) => ({ id: `g${g.column}`, label: g.header, cell: (r) => g.values[r] })),
    { id: 'index', label: t('colIndex'), cls: 'b-num', cell: (r) => (Number.isNaN(d.index[r]) ? (Number.isFinite(d.min[r]) ? t('rangeOf', { min: num(d.min[r]), max: num(d.max[r]) }) : t('none')) : num(d.index[r])) },
    { id: 'band', label: t('colBand'), cell: (r) => (d.band[r] === 255 ? t('none') : nameOf(d.bands[d.band[r]])) },
    ...d.subIds.map((id, k) => ({ id, label: subName(id), cls: 'b-num', cell: (r) => num(d.sub[r * 8 + k]) })),
    { id: 'weakest', label: t('colWeakest'), cell: (r) => (d.weakest[r] === 255 ? t('none') : indName(d.indicatorIds[d.weakest[r]])) },
    target != null ? { id: 'target', label: t('colTarget2', { value: target }), cell: (r) => { const s = status(d, r, target); return s ? t(s) : t('none'); } } : null,
    { id: 'bad', label: t('colErrors'), cell: (r) => (d.bad[r] ? jumpButton(r) : '') },
  ].filter(Boolean);
  const rows = order(d);
  const filters = d.groups.map((g) => {
    const values = [...new Set(g.values)].sort((a, b) => a.localeCompare(b, 'zh-CN')).slice(0, 1000);
    const id = `b-filter-${g.column}`;
    return el('div', { class: 'b-field' },
      el('label', { for: id }, t('filterOf', { name: g.header })), ' ',
      el('select', { id, class: 'b-select', 'data-testid': `filter-${g.header}`, onchange: (e) => { S.filters[g.column] = e.target.value === '\u0000' ? null : e.target.value; render(); } },
        el('option', { value: '\u0000' }, t('filterAll')),
        values.map((v) => el('option', { value: v, selected: S.filters[g.column] === v }, v || t('empty')))));
  });
  const profiles = S.names?.profiles || [];
  return el('section', { class: 'b-card', 'aria-labelledby': 'b-res-h', 'data-testid': 'results' },
    el('h2', { id: 'b-res-h', class: 'b-h' }, t('results')),
    el('p', { class: 'b-hint', 'data-testid': 'policy-shown' }, t('policyShown', { policy: t(`policyShort_${d.policy}`) })),
    correctionsLine(d),
    el('div', { class: 'b-controls' },
      profiles.length ? el('div', { class: 'b-field' },
        el('label', { for: 'b-profile' }, t('profileLabel')), ' ',
        el('select', { id: 'b-profile', class: 'b-select', onchange: (e) => { S.profile = e.target.value; store.set(KEY.profile, S.profile); render(); } },
          profiles.map((p) => el('option', { value: p.id, selected: p.id === S.profile }, t('profileTarget', { name: nameOf(p), value: p.target.value }))))) : null,
      filters),
    el('p', { class: 'b-hint', 'data-testid': 'showing' }, t('showing', { n: rows.length, total: d.rows })),
    virtualTable({ caption: t('tableCaption'), cols, rows, sort: S.sort, rowClass: (r) => (fixed.has(r) ? 'b-row--fixed' : null), sortLabel: (name) => t('sortBy', { name }), onSort: (col) => {
      S.sort = { col, dir: S.sort.col === col ? -S.sort.dir : 1 };
      render();
    } }));
}

/** "已改正 N 处": the export differs from the visitor's file in these cells (listed on demand). */
function correctionsLine(d) {
  const list = d.corrections || [];
  if (!list.length) return null;
  const shown = shownText;
  return el('div', { class: 'b-notice b-fixes' },
    el('p', { 'data-testid': 'corrections', tabindex: '-1' }, t('corrections', { n: list.length })),
    el('details', null,
      el('summary', null, t('correctionsList')),
      el('ul', { class: 'b-fixlist' }, list.map((x) => el('li', { 'data-row': String(x.row), 'data-column': String(x.column) },
        t('correctionLine', { row: x.row + 1, column: x.header, old: shown(x.old), new: shown(x.new) }))))));
}

function summarySection(d) {
  const s = d.summary;
  const q = s.quartiles;
  const profiles = S.names?.profiles || [];
  const complete = [];
  for (let r = 0; r < d.rows; r += 1) if (!Number.isNaN(d.index[r])) complete.push(d.index[r]);
  const hist = Array.from(s.histogram);
  const peak = hist.indexOf(Math.max(...hist));
  const top = Math.max(1, ...hist);
  const W = 400;
  const H = 120;
  const bw = W / hist.length;
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H + 16}`, class: 'b-hist', role: 'img', 'aria-label': t('histLabel', { n: s.complete, peak: 60 + peak, count: hist[peak] }) },
    hist.map((n, i) => svg('rect', { x: (i * bw + 0.5).toFixed(1), y: (H - (n / top) * H).toFixed(1), width: (bw - 1).toFixed(1), height: ((n / top) * H).toFixed(1), class: 'b-bar' })),
    [60, 70, 80, 90, 100].map((v) => svg('text', { x: String(((v - 60) / 40) * W), y: String(H + 13), class: 'b-axis', 'text-anchor': v === 60 ? 'start' : v === 100 ? 'end' : 'middle' }, String(v))));
  const stat = (k, v) => el('div', { class: 'b-stat' }, el('dt', null, t(k)), el('dd', { 'data-testid': `sum-${k}` }, v));
  return el('section', { class: 'b-card', 'aria-labelledby': 'b-sum-h', 'data-testid': 'summary' },
    el('h2', { id: 'b-sum-h', class: 'b-h' }, t('summary')),
    el('dl', { class: 'b-stats' },
      stat('sumRows', String(s.rows)), stat('sumComplete', String(s.complete)), stat('sumErrors', String(s.withErrors)),
      stat('sumMean', num(s.mean)), stat('sumQ1', num(q?.[0])), stat('sumMedian', num(q?.[1])), stat('sumQ3', num(q?.[2]))),
    el('div', { class: 'b-cols' },
      el('table', { class: 'b-table', 'data-testid': 'bands' },
        el('caption', null, t('bandTable')),
        el('thead', null, el('tr', null, el('th', { scope: 'col' }, t('colBand')), el('th', { scope: 'col', class: 'b-num' }, t('colCount')), el('th', { scope: 'col', class: 'b-num' }, t('colShare')))),
        el('tbody', null, d.bands.map((b, i) => el('tr', { 'data-band': b.id },
          el('th', { scope: 'row' }, t('bandRange', { name: nameOf(b), min: b.min, max: b.max })),
          el('td', { class: 'b-num' }, String(s.perBand[i])),
          el('td', { class: 'b-num' }, s.complete ? fmtPct(s.perBand[i] / s.complete, S.lang) : t('none')))))),
      el('figure', { class: 'b-fig' }, chart, el('figcaption', null, t('histogram')))),
    profiles.length ? el('table', { class: 'b-table', 'data-testid': 'targets-met' },
      el('caption', null, t('targetsMet')),
      el('thead', null, el('tr', null, el('th', { scope: 'col' }, t('colProfile')), el('th', { scope: 'col', class: 'b-num' }, t('colMet')), el('th', { scope: 'col', class: 'b-num' }, t('colShare')))),
      el('tbody', null, profiles.map((p) => {
        const n = complete.filter((x) => x >= p.target.value).length;
        return el('tr', { 'data-profile': p.id },
          el('th', { scope: 'row' }, t('profileTarget', { name: nameOf(p), value: p.target.value })),
          el('td', { class: 'b-num' }, String(n)),
          el('td', { class: 'b-num' }, s.complete ? fmtPct(n / s.complete, S.lang) : t('none')));
      }))) : null);
}

function regionSection(d) {
  const all = d.regions.find((r) => r.column == null);
  const idx = (r) => (r.index != null ? num(r.index) : r.range && r.used && Object.values(r.used).some(Boolean) ? t('rangeOf', { min: num(r.range.min), max: num(r.range.max) }) : t('none'));
  const row = (label, r) => el('tr', null,
    el('th', { scope: 'row' }, label),
    el('td', { class: 'b-num' }, String(r.rows)),
    el('td', { class: 'b-num', 'data-testid': 'region-index' }, idx(r)),
    el('td', null, r.band ? nameOf(r.band) : t('none')),
    el('td', { class: 'b-num' }, num(r.mean)),
    el('td', { class: 'b-num' }, num(r.median)));
  const head = el('thead', null, el('tr', null, ['colScope', 'colCount', 'colRegionIndex', 'colBand', 'colMeanIdx', 'colMedianIdx'].map((k, i) => el('th', { scope: 'col', class: i === 1 || i === 2 || i > 3 ? 'b-num' : null }, t(k)))));
  const anyRaw = all && Object.values(all.used).some(Boolean);
  return el('section', { class: 'b-card', 'aria-labelledby': 'b-reg-h', 'data-testid': 'region' },
    el('h2', { id: 'b-reg-h', class: 'b-h' }, t('region')),
    el('p', { class: 'b-hint' }, t('regionHint')),
    anyRaw ? null : el('p', { class: 'b-notice' }, t('regionNone')),
    el('div', { class: 'b-scroll', role: 'region', 'aria-label': t('regionAll'), tabindex: '0' },
      el('table', { class: 'b-table', 'data-testid': 'region-all' }, el('caption', null, t('regionAll')), head, el('tbody', null, all ? row(t('regionAll'), all) : null))),
    d.groups.map((g) => {
      const list = d.regions.filter((r) => r.column === g.column);
      return el('div', { class: 'b-scroll', role: 'region', 'aria-label': t('perGroup', { name: g.header }), tabindex: '0' },
        el('table', { class: 'b-table', 'data-testid': `region-${g.header}` },
          el('caption', null, t('perGroup', { name: g.header })), head.cloneNode(true),
          el('tbody', null, list.map((r) => row(r.group || t('empty'), r)))));
    }));
}

function errorSection(d) {
  if (!d.errorCount) return null;
  const from = d.errorStart;
  const n = d.errorCount;
  const size = d.errorPage;
  const paged = n > d.errors.length;
  return el('section', { class: 'b-card', 'aria-labelledby': 'b-err-h', 'data-testid': 'errors' },
    el('h2', { id: 'b-err-h', class: 'b-h' }, t('errors'), ` (${n})`),
    el('p', { class: 'b-hint' }, t('errorsHint')),
    paged ? errorPager(d, from, n, size) : null,
    numbered(el('ol', { class: 'b-errors', start: String(from + 1) }), from + d.errors.length, d.errors.map((e) => el('li', { 'data-row': String(e.row), 'data-column': String(e.column), tabindex: e.column >= 0 ? null : '-1' },
      el('span', { class: 'b-errline' }, t('errorLine', { row: e.row + 1, column: e.header ?? t('wholeRow'), value: e.value ?? '', text: errText(e) })),
      e.column >= 0 ? fixForm(e) : null))));
}

/** The list `ol` with `items`, indented for its longest number ("1800." needs more than "9."). */
function numbered(ol, last, items) {
  ol.style.paddingLeft = `${String(last).length * 0.6 + 1}em`;
  ol.append(...items);
  return ol;
}

/**
 * "第 101–200 条，共 2,000 条" with 上一页 / 下一页 and 转到 a row of the file: every bad cell can
 * be reached and fixed while only one page of inputs exists.
 */
function errorPager(d, from, n, size) {
  const to = from + d.errors.length;
  const go = (start) => () => { if (!S.busy) showErrors({ start }); };
  const rowInput = el('input', { id: 'b-err-row', type: 'number', class: 'b-input b-input--row', min: '1', max: String(d.rows), step: '1', inputmode: 'numeric', autocomplete: 'off' });
  return el('nav', { class: 'b-pager', 'aria-label': t('errorsPages') },
    el('p', { class: 'b-pager-at', 'data-testid': 'errors-page', tabindex: '-1' }, t('errorsPage', { from: from + 1, to, n })),
    el('div', { class: 'b-btns' },
      el('button', { type: 'button', class: 'b-btn', disabled: from === 0, onclick: go(from - size) }, t('errorsPrev')),
      el('button', { type: 'button', class: 'b-btn', disabled: to >= n, onclick: go(from + size) }, t('errorsNext'))),
    el('form', { class: 'b-fix', onsubmit: (ev) => {
      ev.preventDefault();
      const row = Math.round(Number(rowInput.value));
      if (!S.busy && row >= 1 && row <= d.rows) showErrors({ row: row - 1 });
    } },
    el('label', { for: 'b-err-row', class: 'b-pager-l' }, t('errorsGoLabel')), ' ',
    rowInput,
    el('button', { type: 'submit', class: 'b-btn' }, t('errorsGo'))));
}

/** The id of a bad cell's input: by row and column, so focus survives a page turn or a fix. */
const fixId = (e) => `b-fix-${e.row}-${e.column}`;

/** The input that fixes one bad cell in place, prefilled with its text; Enter applies too. */
function fixForm(e) {
  const id = fixId(e);
  const input = el('input', { id, type: 'text', class: 'b-input', value: e.text ?? '', spellcheck: 'false', autocomplete: 'off' });
  return el('form', { class: 'b-fix', onsubmit: (ev) => { ev.preventDefault(); if (!S.busy) fixCell(e, input.value); } },
    el('label', { for: id, class: 'b-fix-l' }, t('fixLabel', { row: e.row + 1, column: e.header })),
    input,
    el('button', { type: 'submit', class: 'b-btn' }, t('fixApply')));
}

function exportSection() {
  return el('section', { class: 'b-card', 'aria-labelledby': 'b-exp-h' },
    el('h2', { id: 'b-exp-h', class: 'b-h' }, t('export')),
    el('p', { class: 'b-hint' }, t('exportHint')),
    el('div', { class: 'b-btns' },
      el('button', { type: 'button', class: 'b-btn b-btn--main', onclick: () => exportFile('xlsx') }, t('exportXlsx')),
      el('button', { type: 'button', class: 'b-btn', onclick: () => exportFile('csv') }, t('exportCsv'))));
}

/** Milliseconds as shown: a small file takes under one (said so, not “0”). */
const took = (ms) => (ms < 0.5 ? '<1' : String(Math.round(ms)));

function render() {
  document.documentElement.lang = S.lang;
  document.title = t('pageTitle');
  const d = S.data;
  const info = d ? el('p', { class: 'b-hint', 'data-testid': 'read-info' }, t('readInfo', {
    name: d.info.name, rows: d.info.rows, columns: d.info.columns, format: d.info.format.toUpperCase(),
    encoding: d.info.encoding ? t('enc', { enc: d.info.encoding }) : '', ms: took((d.timing.readMs || 0) + d.timing.scoreMs),
  })) : null;
  const scroll = document.querySelector('.b-vt')?.scrollTop || 0;
  // The page is rebuilt on every answer of the worker (also when it becomes ready, which may be
  // while the visitor types): whatever has focus keeps it, with its caret.
  const active = document.activeElement;
  const focus = active && active.id && root.contains(active) ? { id: active.id, start: active.selectionStart, end: active.selectionEnd } : null;
  root.replaceChildren(el('div', { class: 'b-page' },
    header(),
    el('p', { class: 'b-disclaimer' }, t('disclaimer')),
    fileSection(),
    progressPanel(),
    noticeBox(),
    info,
    d ? [mappingSection(d), resultsSection(d), summarySection(d), regionSection(d), errorSection(d), exportSection()] : null));
  const vt = document.querySelector('.b-vt');
  if (vt && scroll) vt.scrollTop = scroll;
  const again = focus && document.getElementById(focus.id);
  if (again) {
    again.focus();
    if (typeof focus.start === 'number' && typeof again.setSelectionRange === 'function') {
      try { again.setSelectionRange(focus.start, focus.end); } catch (_) { /* not a text field */ }
    }
  }
  showProgress();
}

if (typeof WebAssembly !== 'object') {
  root.replaceChildren(el('p', { class: 'b-notice b-notice--bad' }, t('noWasm')));
} else {
  startWorker();
  render();
  loadNames();
}
