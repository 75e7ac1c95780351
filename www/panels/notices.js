// Loaded after the first result: what only an action brings to the top of the widget, drawn
// into the frame's slots (views/first.js): the share link with its copy button, and the notice
// that a change could not be saved in this browser (with an export button).
import { h } from '../lib/dom.js';
import { btn } from '../lib/ui.js';

/** The share link box, once 分享链接 was pressed. */
export function share(v) {
  const { P, t, ui } = v;
  if (!ui.share) return null;
  return h('div', { class: 'mqci-share' },
    h('label', { for: `${P}share` }, t('shareLabel')),
    h('div', { class: 'mqci-row' },
      h('input', { id: `${P}share`, class: 'mqci-input mqci-input--wide', readonly: true, 'data-testid': 'share-url', value: ui.share.url }),
      btn('copy', t('copy'))),
    h('p', { class: 'mqci-hint', role: 'status' }, ui.share.msg ? t(ui.share.msg) : ''));
}

/** Why the last change was not saved (storage full or blocked), or null. */
export function saveError(v) {
  const { t, ui } = v;
  if (!ui.saveError) return null;
  return h('div', { class: 'mqci-notice mqci-notice--bad', role: 'alert', 'data-testid': 'save-error' },
    h('p', null, t(ui.saveError === 'quota' ? 'saveQuota' : 'saveBlocked')),
    btn('export', t('exportNow'), { 'data-id': 'save-error' }));
}
