// Loaded after the first result (issue 9): the one form of annual figures (年度统计数据). Each
// base figure is typed once, in the order of the statistical forms; app.js derives every
// indicator from them live with the engine's deriveFromAnnual (nothing to apply, nothing
// stale). A function of the view `v` (app.js); shown only when the engine has annualFields().
import { h } from '../lib/dom.js';
import { filled } from '../lib/format.js';
import { field } from '../lib/ui.js';

export function annual(v) {
  const { P, S, t, nameOf, data: { ANNUAL } } = v;
  if (!ANNUAL) return null;
  const groups = [];
  for (const f of ANNUAL) {
    const g = groups[groups.length - 1];
    if (g && g.key === (f.group ?? '')) g.fields.push(f);
    else groups.push({ key: f.group ?? '', fields: [f] });
  }
  const n = Object.keys(v.annual?.values || {}).length;
  const any = Object.keys(filled(S.annual)).length > 0;
  return h('details', { class: 'mqci-annual', 'data-open': 'annual', 'data-testid': 'annual', open: v.isOpen('annual', true) },
    h('summary', null, t('annualTitle')),
    h('p', { class: 'mqci-hint' }, t('annualHint')),
    groups.map((g) => h('fieldset', { class: 'mqci-ter', key: g.key },
      g.key ? h('legend', null, v.L[`ag_${g.key}`] ?? g.key) : null,
      h('div', { class: 'mqci-grid2' }, g.fields.map((f) => field(v, `${P}n-${f.key}`, nameOf(f), {
        k: 'annual', key: f.key, value: S.annual[f.key], unit: f.unit === 'wan_yuan' ? '万元' : null,
        hint: f.hint ? nameOf(f.hint) : null, placeholder: f.unit === 'yes_no' ? t('yesNoPh') : ' ', cls: 'mqci-field--raw',
      }))))),
    h('p', { class: 'mqci-hint', role: 'status', 'data-testid': 'annual-derived' }, any ? t('annualDerived', { n }) : ''));
}
