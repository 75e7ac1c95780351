// Engine errors as the visitor reads them: every message comes from the page's own catalogue
// (code + params + a localized field name), never from the engine's English `message`.
// Loaded with the panels (the first result shows no error message).
import { fv } from './format.js';

const num = (x) => (typeof x === 'number' ? fv(x) : String(x ?? ''));

/**
 * The message for one error in the catalogue `L` (t = fill with L). Falls back to a generic
 * message naming nothing English when a code is unknown. `quote(value)`: how the value as
 * given is inserted (e.g. marked as verbatim text); `t` must accept what it returns.
 */
export function errText(t, L, e, quote = (x) => x) {
  const p = e.params || {};
  const vars = { v: quote(e.value ?? '') };
  for (const [k, x] of Object.entries(p)) vars[k] = num(x);
  if (e.code === 'wrong_type') {
    vars.expected = L.types?.[p.expected] ?? L.types?.other ?? '';
    vars.got = L.types?.[p.got] ?? L.types?.other ?? '';
  }
  if (e.code === 'too_large') vars.limit = L.limits?.[p.limit] ?? L.limits?.other ?? '';
  if (e.code === 'direction_contradiction') return t(p.direction === 'lower' ? 'e_direction_lower' : 'e_direction_higher', vars);
  if (e.code === 'score_out_of_range') {
    if (vars.min == null) vars.min = '60';
    if (vars.max == null) vars.max = '100';
  }
  if (e.code === 'parts_exceed_whole' && (p.sum == null || p.whole == null)) return t('e_inconsistent', vars);
  const key = `e_${e.code}`;
  if (L[key]) return t(key, vars);
  return e.value != null && e.value !== '' ? t('e_other', vars) : t('e_other_plain', vars);
}

/**
 * A localized name for an engine field path: "values.x", "scores.x", "actuals.x", "raw.x.key",
 * or a methodology path ("indicators.x.best", "bands[2].max", …). `names` gives
 * { node(id), metric(id), raw(ind, key) } → name or undefined.
 */
export function fieldLabel(t, L, names, path) {
  const [kind, id, key] = String(path || '').split('.');
  if (kind === 'values' && id) return names.node(id) ?? t('f_unknown');
  if (kind === 'scores' && id) return t('scoreOf', { name: names.node(id) ?? t('f_unknown') });
  if (kind === 'actuals' && id) return names.metric(id) ?? t('f_unknown');
  if (kind === 'raw' && id) return `${t('raw')} · ${names.raw(id, key) ?? names.node(id) ?? t('f_unknown')}`;
  // A methodology path: each part named in the catalogue or by the tree.
  const parts = [];
  for (const seg of String(path || '').split('.')) {
    const m = /^(\w+)(?:\[(?:(\d+)|parent=(\w+))\])?$/.exec(seg);
    if (!m) { parts.push(t('f_unknown')); continue; }
    const [, word, index, parent] = m;
    const name = names.node(word) ?? L.paths?.[word];
    if (parent) parts.push(t('f_children', { name: names.node(parent) ?? t('f_unknown') }));
    else if (name) parts.push(index != null ? t('f_nth', { name, n: Number(index) + 1 }) : name);
    else parts.push(t('f_unknown'));
  }
  return parts.filter((x, i) => x !== parts[i - 1]).join(' · ');
}
