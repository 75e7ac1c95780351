// View pieces the panels share: labelled inputs with their hint, error and warning, table
// parts, the unit of a figure. Each is a function of the view `v` (see app.js `view()`).
import { h } from './dom.js';

/** The unit of an indicator or metric ("percent", …) as shown. */
export const unitOf = (v, u) => v.L[`unit_${u}`] ?? u;
/** A unit written out by the engine ("万元", …) in the current language. */
export const unitText = (v, u) => v.L.units?.[u] ?? u;

/** The id of the input an engine field path ("values.x", "raw.x.key", …) belongs to. */
export function inputIdOf(P, fieldPath) {
  const [kind, id, key] = String(fieldPath).split('.');
  const k = { values: 'v', scores: 's', actuals: 'a', annual: 'n' }[kind];
  return k && id ? `${P}${k}-${id}` : kind === 'raw' && id && key ? `${P}r-${id}-${key}` : null;
}

/**
 * A labelled text input. `opts`: k/key/f (what it sets), value, unit, hint, hintId (an id for
 * a hint another panel fills), cls, after, extra (after the error), placeholder, describedBy
 * (more ids that describe it), disabled. Its error and warning come from
 * v.fieldErrors / v.fieldWarnings (by input id).
 */
export function field(v, id, label, opts = {}) {
  const err = v.fieldErrors.get(id);
  const warn = v.fieldWarnings.has(id) ? `${id}-w` : null;
  const hintId = opts.hint != null ? `${id}-d` : null;
  const desc = [hintId, err && `${id}-e`, warn, opts.describedBy].filter(Boolean).join(' ') || null;
  return h('div', { class: `mqci-field ${opts.cls || ''}` },
    h('label', { for: id }, label, opts.unit ? h('span', { class: 'mqci-unit' }, v.t('paren', { u: unitText(v, opts.unit) })) : null),
    opts.hint != null ? h('p', { class: 'mqci-hint', id: hintId }, opts.hint) : null,
    h('div', { class: 'mqci-row' },
      h('input', {
        id, type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: false,
        class: 'mqci-input', placeholder: opts.placeholder ?? ' ', 'data-k': opts.k, 'data-id': opts.key, 'data-f': opts.f,
        'aria-describedby': desc, 'aria-invalid': err ? 'true' : null, value: opts.value ?? '', disabled: opts.disabled || null,
      }),
      opts.after),
    h('p', { class: 'mqci-err', id: `${id}-e`, hidden: !err }, err ? v.errText(err) : ''),
    opts.extra);
}

/** "–" that a screen reader reads as "none". */
export const dash = (v) => h('span', { class: 'mqci-none' }, h('span', { 'aria-hidden': 'true' }, '–'), h('span', { class: 'mqci-vh' }, v.t('none')));

/** A header row; a column key starting with "#" is numeric. */
export const head = (v, cols) => h('thead', null, h('tr', null, cols.map((c) => h('th', { scope: 'col', class: c.startsWith('#') ? 'mqci-num' : null }, v.t(c.replace('#', ''))))));

/** A wide table scrolls inside a labelled, focusable region instead of the page. */
export const scroller = (label, table) => h('div', { class: 'mqci-scroll', role: 'region', tabindex: '0', 'aria-label': label }, table);

/**
 * A <details> whose body (`body()`, not called while closed) is drawn only while it is open: long
 * texts and tables nobody opened cost no drawing or layout. Its open state is the visitor's
 * (v.isOpen, keyed by data-open; lib/actions.js draws the body when it opens). Not for a body with
 * inputs: an error's link must find its input (actions.js `focus`).
 */
export const fold = (v, key, dflt, cls, summary, body) => {
  const open = v.isOpen(key, dflt);
  return h('details', { class: cls, 'data-open': key, 'data-fold': true, open }, h('summary', null, summary), open ? body() : null);
};

/** A button that dispatches its data-act. */
export const btn = (act, label, extra = {}) => h('button', { type: 'button', class: 'mqci-btn', 'data-act': act, ...extra }, label);

/** `text` with web addresses in it marked as verbatim (translate="no"): they are not words. */
export function withAddresses(text) {
  return String(text ?? '').split(/(https?:\/\/[^\s,;)）]+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b(?:\/[^\s,;)）]*)?)/).map((part, i) => (i % 2 ? h('span', { translate: false }, part) : part));
}
