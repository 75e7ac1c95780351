// A table drawn in a window of rows: whatever the number of rows (500,000 scroll as well as 50),
// only about 50 <tr> exist, those around the visible part of the scroll box; two spacer rows
// keep the scroll height. Rows have one fixed height (CSS), measured once.
import { el } from './dom.js';

const WINDOW = 50;

/**
 * cols: [{ id, label, cls?, cell(row) → text }]; rows: row numbers in display order;
 * sort: { col, dir }; onSort(col); rowClass(row) → a class for the row's <tr> or null (drawn with
 * the row, so it follows the window as it scrolls). Returns the scroll box.
 */
export function virtualTable({ caption, cols, rows, sort, sortLabel, onSort, rowClass = () => null }) {
  const ariaSort = (id) => (sort.col === id ? (sort.dir > 0 ? 'ascending' : 'descending') : null);
  const head = el('thead', null, el('tr', { 'aria-rowindex': '1' }, cols.map((c) => el('th', { scope: 'col', class: c.cls || null, 'aria-sort': ariaSort(c.id), 'data-col': c.id },
    el('button', { type: 'button', class: 'b-sort', 'aria-label': sortLabel(c.label), onclick: () => onSort(c.id) }, c.label,
      el('span', { 'aria-hidden': 'true' }, sort.col === c.id ? (sort.dir > 0 ? ' ▲' : ' ▼') : ''))))));
  const body = el('tbody');
  const table = el('table', { class: 'b-table b-vtable', 'aria-rowcount': String(rows.length + 1), 'data-testid': 'table' }, el('caption', null, caption), head, body);
  const box = el('div', { class: 'b-vt', role: 'region', 'aria-label': caption, tabindex: '0' }, table);
  let rowH = 0;
  let drawn = -1;
  const spacer = (h) => {
    const tr = el('tr', { class: 'b-spacer', 'aria-hidden': 'true' }, el('td', { colspan: String(cols.length) }));
    tr.style.height = `${h}px`;
    return tr;
  };
  const draw = (force) => {
    const top = box.scrollTop;
    const first = rowH ? Math.max(0, Math.min(rows.length - WINDOW, Math.floor(top / rowH) - 10)) : 0;
    if (!force && first === drawn) return;
    drawn = first;
    const last = Math.min(rows.length, first + WINDOW);
    const trs = [];
    for (let i = first; i < last; i += 1) {
      const r = rows[i];
      trs.push(el('tr', { 'aria-rowindex': String(i + 2), 'data-row': String(r), class: rowClass(r) }, cols.map((c) => el(c.id === 'name' ? 'th' : 'td', { class: c.cls || null, scope: c.id === 'name' ? 'row' : null }, c.cell(r)))));
    }
    body.replaceChildren(...(first > 0 ? [spacer(first * rowH)] : []), ...trs, ...(last < rows.length ? [spacer((rows.length - last) * rowH)] : []));
  };
  box.addEventListener('scroll', () => draw(false), { passive: true });
  draw(true);
  // Once in the document: measure one row and redraw with the spacers.
  requestAnimationFrame(() => {
    const tr = body.querySelector('tr:not(.b-spacer)');
    rowH = tr ? tr.getBoundingClientRect().height || 36 : 36;
    draw(true);
  });
  return box;
}
