// Loaded after the first result: many regions side by side (issue 10). Rows are regions (the
// 21 市州 of a province, a city's districts), columns the profile's metrics; values are pasted
// from Excel (tab-separated, headers matched to metric names) or typed; every cell gets its
// pace from checkTargets; sortable; counts per pace; exported as CSV (UTF-8 with BOM) or XLSX
// (the batch module's writer, loaded on that click only). Nothing
// leaves the browser. Functions of the view `v` (app.js), and pure helpers app.js calls.
import { h } from '../lib/dom.js';
import { fmt, finite } from '../lib/format.js';
import { dash, scroller } from '../lib/ui.js';
import { PACES, asOfOf, num, paceCell, paceCounts } from '../lib/progress.js';

/** The metrics of a profile that get a column (qualitative targets are shown, never scored). */
export const columnsOf = (profile) => [...new Set((profile?.targets || []).map((x) => x.metric))];

const norm = (s) => String(s ?? '').normalize('NFKC').replace(/[（(][^）)]*[）)]/g, '').replace(/[\s%％:：*]/g, '').toLowerCase();

/**
 * Reads a table pasted from Excel (tab-separated; or comma-separated when no tab) whose first
 * row names the columns: the first column is the region, the others are matched to the
 * profile's metrics by Chinese or English name or id (units in brackets ignored); a column
 * "基期<name>" (or "<name>基期") holds that metric's baseline value. Returns { rows,
 * matched: [metric], unmatched: [header] }; no rows when there is no header and data.
 */
export function readPaste(text, profile, metricName) {
  const lines = String(text ?? '').replace(/\r\n?/g, '\n').split('\n').filter((l) => l.trim() !== '');
  if (lines.length < 2) return { rows: [], matched: [], unmatched: [] };
  const sep = lines[0].includes('\t') ? '\t' : ',';
  const cells = (l) => l.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const headers = cells(lines[0]);
  const cols = columnsOf(profile);
  const names = cols.map((id) => [id, [id, ...metricName(id)].map(norm).filter((x) => x.length >= 2)]);
  const find = (hdr) => {
    const n = norm(hdr);
    if (!n) return null;
    const exact = names.find(([, ns]) => ns.includes(n));
    if (exact) return exact[0];
    const part = names.filter(([, ns]) => ns.some((x) => n.includes(x) || x.includes(n)));
    return part.length === 1 ? part[0][0] : null;
  };
  const map = headers.map((hdr, i) => {
    if (i === 0) return null;
    const base = /^基期|基期值?$|^baseline/i.test(norm(hdr));
    const id = find(base ? norm(hdr).replace(/^基期|基期值?$|^baseline/i, '') : hdr);
    return id ? { id, base } : null;
  });
  const rows = lines.slice(1).map((l) => {
    const c = cells(l);
    const row = { name: c[0] ?? '', values: {}, base: {} };
    map.forEach((m, i) => {
      if (m && c[i] != null && c[i] !== '') row[m.base ? 'base' : 'values'][m.id] = c[i];
    });
    return row;
  });
  return {
    rows,
    matched: [...new Set(map.filter(Boolean).map((m) => m.id))],
    unmatched: headers.filter((x, i) => i > 0 && !map[i] && x !== ''),
  };
}

/**
 * The check of every region row: checkTargets(row figures of the review year, profile,
 * { asOf, baselines }) where a row's baseline for a metric is its own "基期" figure in the
 * baseline year the visitor gave for the whole profile (else the year before the plan began).
 * A cell the engine refuses is left out of its row's check and named in `errors`.
 * Returns [{ results: { [metric]: result }, errors: [error] }] in row order.
 */
export function checkRegions(m, S, profile, profileArg, errorList) {
  const asOf = asOfOf(S);
  const baseYear = (id) => {
    const t = profile.targets.find((x) => x.metric === id);
    return t?.baseline?.year ?? (Number(S.plan.baselines?.[id]?.year) || (profile.period?.start ?? asOf) - 1);
  };
  return S.plan.regions.map((row) => {
    const actuals = {};
    for (const [k, value] of Object.entries(row.values)) if (String(value).trim() !== '') actuals[k] = { value, year: asOf };
    const baselines = {};
    const errors = [];
    for (const [k, value] of Object.entries(row.base)) {
      const t = profile.targets.find((x) => x.metric === k);
      if (!t || t.baseline || String(value).trim() === '') continue;
      const n = num(value);
      if (finite(n)) baselines[k] = { year: baseYear(k), value: n };
      else errors.push({ code: 'not_a_number', field: `base.${k}`, value: String(value), params: {}, message: `base.${k}` });
    }
    let check = null;
    for (let i = 0; i < 3 && !check; i += 1) {
      try {
        check = m.checkTargets(actuals, profileArg, { asOf, baselines });
      } catch (e) {
        const list = errorList(e);
        const bad = list.map((x) => /^actuals\.([^.]+)/.exec(x.field)?.[1]).filter((k) => k && k in actuals);
        errors.push(...list);
        if (!bad.length) break;
        for (const k of bad) delete actuals[k];
      }
    }
    const results = Object.fromEntries((check?.results || []).map((r) => [r.metric, r]));
    return { results, errors };
  });
}

const PACE_ORDER = Object.fromEntries(PACES.map((p, i) => [p, i]));

/** Row indexes in the order `sort` ({ col: "name" | metric, dir: 1 | -1 }) asks for. */
export function sortedRows(S, checks) {
  const idx = S.plan.regions.map((_, i) => i);
  const s = S.plan.sort;
  if (!s) return idx;
  const key = (i) => {
    if (s.col === 'name') return [S.plan.regions[i].name];
    const r = checks[i]?.results[s.col];
    return [PACE_ORDER[r?.pace] ?? 99, finite(r?.gapToPath) ? -r.gapToPath : Infinity, finite(r?.actual) ? -r.actual : Infinity];
  };
  const cmp = (a, b) => {
    for (let j = 0; j < a.length; j += 1) {
      if (a[j] === b[j]) continue;
      if (typeof a[j] === 'string') return a[j].localeCompare(b[j], 'zh-CN');
      return a[j] < b[j] ? -1 : 1;
    }
    return 0;
  };
  return idx.sort((a, b) => s.dir * cmp(key(a), key(b)) || a - b);
}

const quoteCsv = (x) => {
  let s = String(x ?? '');
  // A typed text that a spreadsheet would read as a formula is kept as text.
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The status table as rows of cells (header first): per metric its actual, the value due on the
 * path and the pace in words. Numbers stay numbers (the XLSX writes them as numbers).
 */
export function statusRows(v, checks) {
  const { S, t, nameOf } = v;
  const profile = v.data.PROFILES.find((p) => p.id === S.profile) || v.data.PROFILES[0];
  const cols = columnsOf(profile);
  const name = (id) => nameOf(profile.targets.find((x) => x.metric === id) || v.data.METRICS.find((x) => x.id === id) || { zh: id, en: id });
  const header = [t('colRegion')];
  for (const id of cols) header.push(name(id), t('csvExpected', { name: name(id) }), t('csvPace', { name: name(id) }));
  const lines = [header];
  for (const i of sortedRows(S, checks)) {
    const row = S.plan.regions[i];
    const line = [row.name];
    for (const id of cols) {
      const r = checks[i]?.results[id];
      line.push(finite(r?.actual) ? r.actual : (row.values[id] ?? ''), finite(r?.expected) ? r.expected : '', r?.pace ? t(`pace_${r.pace}`) : '');
    }
    lines.push(line);
  }
  return lines;
}

/** The status table as CSV text (UTF-8 with BOM, CRLF lines; opens in Excel). */
export function toCsv(v, checks) {
  return `\uFEFF${statusRows(v, checks).map((l) => l.map(quoteCsv).join(',')).join('\r\n')}\r\n`;
}

/**
 * The status table as the sheets of an XLSX workbook, for the batch module's `writeXlsx` (loaded
 * on the click only): one sheet named after the table, empty cells as null.
 */
export function toSheets(v, checks) {
  const name = v.t('regions').replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
  return [{ name, rows: statusRows(v, checks).map((l) => l.map((c) => (c === '' ? null : c))) }];
}

/** The region table section. `checks`: checkRegions' result (null until the engine is there). */
export function regions(v, checks) {
  const { S, P, t, nameOf } = v;
  const profile = v.data.PROFILES.find((p) => p.id === S.profile) || v.data.PROFILES[0];
  const cols = columnsOf(profile);
  const name = (id) => nameOf(profile.targets.find((x) => x.metric === id) || v.data.METRICS.find((x) => x.id === id) || { zh: id, en: id });
  const rows = S.plan.regions;
  const sort = S.plan.sort;
  const order = sortedRows(S, checks || []);
  const sortBtn = (col, label) => h('button', { type: 'button', class: 'mqci-sort', 'data-act': 'regionSort', 'data-col': col }, label,
    h('span', { 'aria-hidden': 'true' }, sort?.col === col ? (sort.dir > 0 ? ' ▲' : ' ▼') : ' ↕'));
  const ariaSort = (col) => (sort?.col === col ? (sort.dir > 0 ? 'ascending' : 'descending') : null);
  const counts = cols.map((id) => [id, paceCounts((checks || []).map((c) => c.results[id]).filter(Boolean))]);
  const total = paceCounts((checks || []).flatMap((c) => Object.values(c.results)));
  const cellErr = (i, id) => checks?.[i]?.errors.find((e) => e.field.startsWith(`actuals.${id}`));
  const body = order.map((i) => {
    const row = rows[i];
    const label = row.name || t('regionN', { n: i + 1 });
    return h('tr', { key: i, 'data-row': i },
      h('th', { scope: 'row' }, h('input', { class: 'mqci-input mqci-input--name', 'aria-label': t('regionNameOf', { n: i + 1 }), 'data-k': 'plan', 'data-f': `regions.${i}.name`, value: row.name, autocomplete: 'off' })),
      cols.map((id) => {
        const r = checks?.[i]?.results[id];
        const err = cellErr(i, id);
        const q = profile.targets.find((x) => x.metric === id);
        return h('td', { key: id, 'data-metric': id, 'data-pace': r?.pace ?? null },
          q?.kind === 'qualitative' || q?.op === 'qualitative' ? paceCell(v, 'qualitative') : [
            h('input', { class: 'mqci-input mqci-input--cell', inputmode: 'decimal', autocomplete: 'off', 'aria-label': t('cellOf', { region: label, name: name(id) }), 'data-k': 'plan', 'data-f': `regions.${i}.values.${id}`, value: row.values[id] ?? '', 'aria-invalid': err ? 'true' : null }),
            h('span', { class: `mqci-cellpace mqci-pace--${r?.pace}` }, err ? v.errText(err) : r?.pace ? paceCell(v, r.pace) : dash(v)),
            finite(r?.expected) ? h('span', { class: 'mqci-hint mqci-cellexp' }, t('cellExpected', { v: fmt(r.expected, 0, 2) })) : null,
          ]);
      }),
      h('td', null, h('button', { type: 'button', class: 'mqci-btn mqci-btn--small', 'data-act': 'regionRemove', 'data-i': String(i), 'aria-label': t('removeRegion', { name: label }) }, t('remove'))));
  });
  return h('section', { class: 'mqci-card mqci-regions', 'aria-labelledby': `${P}regions-h`, id: `${P}regions`, 'data-testid': 'regions' },
    h(v.hl(1), { id: `${P}regions-h`, class: 'mqci-h', tabindex: '-1' }, t('regions')),
    h('p', { class: 'mqci-hint' }, t('regionsHint', { year: asOfOf(S) })),
    h('div', { class: 'mqci-field' },
      h('label', { for: `${P}paste` }, t('pasteLabel')),
      h('p', { class: 'mqci-hint', id: `${P}paste-d` }, t('pasteHint', { cols: cols.map(name).join(v.L.listSep) })),
      h('textarea', { id: `${P}paste`, class: 'mqci-input mqci-paste', rows: 4, 'aria-describedby': `${P}paste-d`, spellcheck: false })),
    h('div', { class: 'mqci-btns' },
      h('button', { type: 'button', class: 'mqci-btn', 'data-act': 'regionPaste' }, t('pasteRead')),
      h('button', { type: 'button', class: 'mqci-btn', 'data-act': 'regionAdd' }, t('regionAdd')),
      rows.length ? h('button', { type: 'button', class: 'mqci-btn', 'data-act': 'regionExport' }, t('exportCsv')) : null,
      rows.length ? h('button', { type: 'button', class: 'mqci-btn', 'data-act': 'regionExportXlsx' }, t('exportXlsx')) : null,
      rows.length ? h('button', { type: 'button', class: 'mqci-btn', 'data-act': 'regionsClear' }, t('regionsClear')) : null),
    rows.length ? [
      h('p', { class: 'mqci-tsum', 'data-testid': 'region-summary' }, t('regionSummary', { n: rows.length, ...total })),
      scroller(t('regionTableOf', { name: nameOf(profile), year: asOfOf(S) }), h('table', { class: 'mqci-table mqci-rtable', 'data-testid': 'region-table' },
        h('caption', null, t('regionTableOf', { name: nameOf(profile), year: asOfOf(S) })),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col', 'aria-sort': ariaSort('name') }, sortBtn('name', t('colRegion'))),
          cols.map((id) => h('th', { scope: 'col', key: id, 'aria-sort': ariaSort(id) }, sortBtn(id, name(id)))),
          h('th', { scope: 'col' }, h('span', { class: 'mqci-vh' }, t('remove'))))),
        h('tbody', null, body))),
      scroller(t('paceCounts'), h('table', { class: 'mqci-table mqci-ctable', 'data-testid': 'pace-counts' },
        h('caption', null, t('paceCounts')),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('colMetric')), PACES.map((p) => h('th', { scope: 'col', class: 'mqci-num', key: p }, paceCell(v, p))))),
        h('tbody', null, counts.map(([id, n]) => h('tr', { key: id, 'data-metric': id }, h('th', { scope: 'row' }, name(id)), PACES.map((p) => h('td', { class: 'mqci-num', key: p, 'data-pace': p }, String(n[p])))))))),
    ] : null);
}
