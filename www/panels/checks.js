// Loaded after the first result: the error summary, the engine's warnings (with a button that
// applies a suggestion), and what the live region says once typing pauses. Functions of the
// view `v` (app.js); every message comes from the page's catalogue.
import { h } from '../lib/dom.js';
import { f2, fv, filled, finite } from '../lib/format.js';
import { inputIdOf } from '../lib/ui.js';

/** The summary of input errors above the inputs, each linked to its field. */
export function errorSummary(v) {
  const { P, t, errors } = v;
  if (!errors.length) return null;
  return h('div', { class: 'mqci-errsum', tabindex: '-1', 'data-testid': 'error-summary', 'aria-labelledby': `${P}errsum-h` },
    h(v.hl(1), { id: `${P}errsum-h`, class: 'mqci-h' }, t('errTitle', { n: errors.length })),
    h('ul', null, errors.map((e) => {
      const id = inputIdOf(P, e.field);
      const text = [v.fieldLabel(e.field), v.L.colon, v.errText(e)];
      return h('li', null, id && v.fieldErrors.get(id) ? h('a', { href: `#${id}`, 'data-act': 'focus', 'data-id': id }, text) : text);
    })),
    h('p', null, t('errNote')));
}

/** The engine's warnings in the results panel, each linked to its input. */
export function warnings(v) {
  const list = v.res?.warnings || [];
  if (!list.length) return null;
  const items = list.map((x) => {
    const id = inputIdOf(v.P, x.field);
    const sug = finite(x.suggestion) ? fv(x.suggestion) : '';
    return h('li', { id: id ? `${id}-w` : null },
      v.t(`w_${x.code}`, { label: v.fieldLabel(x.field), value: finite(x.value) ? fv(x.value) : '', suggestion: sug }),
      sug && id ? [' ', h('button', { type: 'button', class: 'mqci-btn mqci-btn--small', 'data-act': 'suggest', 'data-id': id, 'data-v': String(x.suggestion) }, v.t('w_apply', { suggestion: sug }))] : null);
  });
  return [h(v.hl(2), { class: 'mqci-h2' }, v.t('warnings')), h('ul', null, items)];
}

/** What the live region says once typing pauses: the index or its range, and the errors. */
export function announcement(v) {
  const { t, res, errors } = v;
  let text = '';
  if (res && finite(res.index)) text = t('an_index', { v: f2(res.index), band: res.band ? v.nameOf(res.band) : '' });
  else if (res?.range && finite(res.range.min) && (res.missing.length < 12 || Object.keys(filled(v.S.scores)).length)) text = t('an_range', { min: f2(res.range.min), max: f2(res.range.max), n: 12 - res.missing.length });
  else if (res) text = t('an_empty');
  if (errors.length) text += ` ${t('an_err', { n: errors.length })}`;
  return text.trim();
}
