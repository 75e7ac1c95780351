// Loaded after the first result: the error summary and inline errors, the engine's warnings
// (with a button that applies its suggestion), and what the live region announces after typing.
// `w` is the widget instance that app.js passes in.
import { h, f2, fv, filled } from '../app.js';

const byId = (w, id) => w.box.querySelector(`#${CSS.escape(id)}`);

/** A localized message for one engine error. */
export function errText(w, e) {
  const v = e.value ?? '';
  if (e.code === 'above_maximum') {
    const max = /maximum of ([\d.]+)/.exec(e.message || '')?.[1];
    return max ? w.t('e_above_maximum', { v, max: fv(+max) }) : w.t('e_above_maximum_plain', { v });
  }
  if (e.code === 'invalid') return `${w.t('e_invalid')}: ${String(e.message).replace(`${e.field}: `, '')}`;
  return w.L[`e_${e.code}`] ? w.t(`e_${e.code}`, { v }) : w.t('e_other', { v });
}

function labelOf(w, fieldPath, M) {
  const { t, nameOf } = w;
  const [kind, id, key] = fieldPath.split('.');
  if (kind === 'values') return nameOf(M.indicators[id] || { zh: id });
  if (kind === 'scores') return t('scoreOf', { name: nameOf(M.indicators[id] || M.tertiary[id] || M.secondary[id] || { zh: id }) });
  if (kind === 'actuals') return nameOf(w.METRICS.find((m) => m.id === id) || { zh: id });
  if (kind === 'raw') return `${t('raw')} · ${nameOf(w.RAW[id]?.fields.find((f) => f.key === key) || { zh: key })}`;
  return fieldPath;
}

/** The id of the input an engine field path ("values.x", "raw.x.key", …) belongs to. */
function inputIdOf(w, fieldPath) {
  const [kind, id, key] = fieldPath.split('.');
  const k = { values: 'v', scores: 's', actuals: 'a' }[kind];
  return k ? `${w.P}${k}-${id}` : kind === 'raw' ? `${w.P}r-${id}-${key}` : null;
}

function paintErrors(w, errors, M) {
  const { el, t } = w;
  const shown = new Map();
  for (const e of errors) {
    const id = inputIdOf(w, e.field);
    if (id && byId(w, id) && !shown.has(id)) shown.set(id, e);
  }
  for (const input of w.box.querySelectorAll('.mqci-input[data-k]')) {
    const e = shown.get(input.id);
    const msg = byId(w, `${input.id}-e`);
    if (e) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    msg.hidden = !e;
    msg.textContent = e ? errText(w, e) : '';
  }
  if (!el.errsum?.parentNode) {
    if (!errors.length) return;
    el.notice.after(el.errsum = h('div', { class: 'mqci-errsum', tabindex: '-1', 'data-testid': 'error-summary', 'aria-labelledby': `${w.P}errsum-h` }));
  }
  el.errsum.hidden = errors.length === 0;
  if (!errors.length) return el.errsum.replaceChildren();
  el.errsum.replaceChildren(
    h(w.hl(1), { id: `${w.P}errsum-h`, class: 'mqci-h' }, t('errTitle', { n: errors.length })),
    h('ul', null, errors.map((e) => {
      const id = inputIdOf(w, e.field);
      const text = `${labelOf(w, e.field, M)}${w.L.colon}${errText(w, e)}`;
      return h('li', null, id && shown.has(id) ? h('a', { href: `#${id}`, 'data-act': 'focus', 'data-id': id }, text) : text);
    })),
    h('p', null, t('errNote')));
}

/** The engine's warnings in the results panel, each linked to its input. */
function paintWarnings(w, warnings, M) {
  for (const input of w.box.querySelectorAll('.mqci-input[data-warn]')) delete input.dataset.warn;
  if (!w.el.warns) return;
  const items = warnings.map((x) => {
    const id = inputIdOf(w, x.field);
    const sug = x.suggestion == null ? '' : fv(x.suggestion);
    const li = h('li', { id: id ? `${id}-w` : null }, w.t(`w_${x.code}`, { label: labelOf(w, x.field, M), value: x.value == null ? '' : fv(x.value), suggestion: sug }));
    if (x.suggestion != null && id) li.append(' ', h('button', { type: 'button', class: 'mqci-btn mqci-btn--small', 'data-act': 'suggest', 'data-id': id, 'data-v': String(x.suggestion) }, w.t('w_apply', { suggestion: sug })));
    const input = id && byId(w, id);
    if (input) input.dataset.warn = `${id}-w`;
    return li;
  });
  w.el.warns.replaceChildren(...(items.length ? [h(w.hl(2), { class: 'mqci-h2' }, w.t('warnings')), h('ul', null, items)] : []));
}

/** Errors and warnings, and each input's description: hint, error, warning. */
export function paint(w, errors, warnings, M) {
  paintErrors(w, errors, M);
  paintWarnings(w, warnings, M);
  for (const input of w.box.querySelectorAll('.mqci-input[data-k]')) {
    const desc = [input.dataset.desc, input.hasAttribute('aria-invalid') && `${input.id}-e`, input.dataset.warn].filter(Boolean).join(' ');
    if (desc) input.setAttribute('aria-describedby', desc);
    else input.removeAttribute('aria-describedby');
  }
}

/** What the live region says once typing pauses: the index or its range, and the errors. */
export function announce(w) {
  const { t } = w;
  const { res, errors } = w.last;
  let text = '';
  if (res?.index != null) text = t('an_index', { v: f2(res.index), band: res.band ? w.nameOf(res.band) : '' });
  else if (res?.range && (res.missing.length < 12 || Object.keys(filled(w.S.scores)).length)) text = t('an_range', { min: f2(res.range.min), max: f2(res.range.max), n: 12 - res.missing.length });
  else if (res) text = t('an_empty');
  if (errors.length) text += ` ${t('an_err', { n: errors.length })}`;
  w.el.status.textContent = text.trim();
}
