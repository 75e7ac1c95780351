// Loaded after the first result: the one confirm dialog for every destructive action. Its
// content is a function of the view; app.js opens it with showModal() when v.ui.dialog is set.
import { h } from '../lib/dom.js';

export function dialog(v) {
  const { P, t, ui } = v;
  const d = ui.dialog;
  const vars = d?.vars || {};
  return h('dialog', { class: 'mqci-dialog', 'aria-labelledby': `${P}dlg-h`, 'aria-describedby': `${P}dlg-d`, 'data-dialog': '' },
    h(v.hl(1), { id: `${P}dlg-h`, class: 'mqci-h' }, d ? t(`${d.kind}Title`, vars) : ''),
    h('p', { id: `${P}dlg-d` }, d ? t(`${d.kind}Body`, vars) : ''),
    h('div', { class: 'mqci-btns' },
      h('button', { type: 'button', class: 'mqci-btn mqci-btn--danger', 'data-act': 'yes' }, d ? t(`${d.kind}Yes`, vars) : ''),
      h('button', { type: 'button', class: 'mqci-btn', 'data-act': 'no' }, t('cancel'))));
}
