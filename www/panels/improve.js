// Loaded after the first result (issue 9): what to improve. Per indicator its headroom (index
// points if it alone reached its best value) and gain per unit, from the engine's
// improvements(); and the fewest changes that reach the next band's floor and the chosen
// target profile's MQCI value, from planToTarget(). Shown when the engine has both.
import { h } from '../lib/dom.js';
import { f2, finite } from '../lib/format.js';
import { head, scroller } from '../lib/ui.js';
import { num, planText } from '../lib/years.js';


/** The numbers of the panel (app.js compute): null when the engine lacks the APIs. */
export function compute(C, S, res, input, M, shown) {
  if (typeof C.m.improvements !== 'function' || typeof C.m.planToTarget !== 'function') return null;
  const arg = { values: input.values, scores: input.scores, ...(input.na.length ? { notApplicable: input.na } : {}) };
  let headroom = null;
  try { headroom = C.m.improvements(arg, M); } catch { headroom = null; }
  const plans = [];
  if (finite(res.index) && shown) {
    const next = shown.bands.find((b) => b.min > res.index);
    const want = [];
    if (next) want.push({ kind: 'band', target: next.min, band: next });
    const profile = C.PROFILES.find((p) => p.id === S.profile);
    const goal = profile?.targets?.find((x) => x.metric === 'mqci' && finite(x.value));
    if (goal && goal.value > res.index && !want.some((w) => w.target === goal.value)) want.push({ kind: 'profile', target: goal.value, profile });
    for (const w of want) {
      try { plans.push({ ...w, plan: C.m.planToTarget(arg, w.target, M) }); } catch { /* an input error is shown by the inputs */ }
    }
  }
  return { headroom, plans };
}


export function improve(v) {
  const { t, nameOf, res, improve: I, data: { M } } = v;
  if (!I || !res) return null;
  const rows = I.headroom ? Object.entries(I.headroom).filter(([id]) => M.indicators[id]).sort((a, b) => b[1].headroom - a[1].headroom) : [];
  return v.section('improve', [
    finite(res.index) ? null : h('p', null, t('improveNeedIndex')),
    I.plans.length ? h('ul', { class: 'mqci-plans', 'data-testid': 'plans' }, I.plans.map((p) => h('li', { key: p.kind }, planText(v, p)))) : null,
    rows.length ? scroller(t('headroomTitle'), h('table', { class: 'mqci-table', 'data-testid': 'headroom' },
      h('caption', null, t('headroomTitle')),
      head(v, ['colItem', '#colHeadroom', '#colPerUnit']),
      h('tbody', null, rows.map(([id, x]) => h('tr', { key: id },
        h('th', { scope: 'row' }, nameOf(M.indicators[id])),
        h('td', { class: 'mqci-num' }, f2(x.headroom)),
        h('td', { class: 'mqci-num' }, num(x.perUnit))))))) : null,
    rows.length ? h('p', { class: 'mqci-hint' }, t('headroomNote')) : null,
  ]);
}
