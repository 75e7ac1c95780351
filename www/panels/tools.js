// Loaded after the first result: what buttons, links, selects and the controller do (language,
// large text, examples, export, import, share link, print, clear, methodology files) and the
// confirm dialog. `w` is the widget instance that app.js passes in.
import * as mqci from '../pkg/mqci.js';
import { h, filled, errorList, EXAMPLES } from '../app.js';
import { loadLang } from '../i18n.js';

function b64u(text) {
  let bin = '';
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const btn = (act, label, cls = 'mqci-btn', extra = {}) => h('button', { type: 'button', class: cls, 'data-act': act, ...extra }, label);

/** One confirm dialog for every destructive action (filled in by ask()). */
export function dialog(w) {
  const { P } = w;
  return h('dialog', { class: 'mqci-dialog', 'aria-labelledby': `${P}dlg-h`, 'aria-describedby': `${P}dlg-d` },
    h(w.hl(1), { id: `${P}dlg-h`, class: 'mqci-h' }),
    h('p', { id: `${P}dlg-d` }),
    h('div', { class: 'mqci-btns' }, btn('yes', '', 'mqci-btn mqci-btn--danger'), btn('no', w.t('cancel'), 'mqci-btn')));
}

// What "yes" does in each instance's dialog; focus then returns to the button that asked.
const pending = new WeakMap();
function ask(w, kind, onYes, vars) {
  const { el, t } = w;
  const active = w.root.getRootNode ? w.root.getRootNode().activeElement : null;
  const opener = active && w.box.contains(active) ? active : null;
  const sel = opener?.dataset?.act ? `[data-act="${opener.dataset.act}"]${opener.dataset.id ? `[data-id="${opener.dataset.id}"]` : ''}` : null;
  pending.set(w, () => {
    onYes();
    if (sel) w.box.querySelector(sel)?.focus();
  });
  el.dialog.querySelector('.mqci-h').textContent = t(`${kind}Title`, vars);
  el.dialog.querySelector('p').textContent = t(`${kind}Body`, vars);
  el.dialog.querySelector('[data-act="yes"]').textContent = t(`${kind}Yes`, vars);
  el.dialog.showModal();
  // Focus the safe choice (an autofocus attribute is blocked in cross-origin iframes).
  el.dialog.querySelector('[data-act="no"]').focus();
}

function download(w, name, data) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = h('a', { href: url, download: name, hidden: true });
  w.box.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function shareLink(w) {
  const { P, t, el } = w;
  const url = `${location.href.split('#')[0]}#s=${b64u(JSON.stringify(w.S))}`;
  const input = h('input', { id: `${P}share`, class: 'mqci-input mqci-input--wide', readonly: true, 'data-testid': 'share-url' });
  input.value = url;
  const msg = h('p', { class: 'mqci-hint', role: 'status' });
  const copy = async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(url);
      msg.textContent = t('copied');
    } catch {
      msg.textContent = t('copyFail');
    }
  };
  if (!el.share?.parentNode) el.notice.before(el.share = h('div', { class: 'mqci-share' }));
  el.share.replaceChildren(
    h('label', { for: `${P}share` }, t('shareLabel')),
    h('div', { class: 'mqci-row' }, input, h('button', { type: 'button', class: 'mqci-btn', onclick: copy }, t('copy'))),
    msg);
  input.focus();
  input.select();
}

function loadExample(w, id) {
  const { S } = w;
  const ex = EXAMPLES.find((x) => x.id === id);
  const actuals = filled(S.actuals);
  delete actuals.mqci;
  const cur = ex.scores ? { ...filled(S.values), ...filled(S.scores), ...Object.assign({}, ...Object.values(S.raw).map(filled)) } : actuals;
  const next = Object.fromEntries(Object.entries(ex.scores || ex.actuals).map(([k, v]) => [k, String(v)]));
  const same = Object.keys(cur).length === Object.keys(next).length && Object.keys(next).every((k) => cur[k] === next[k]);
  const go = () => {
    w.loadExample(ex);
    // Names and sources are read when shown, so they follow a language switch.
    w.notice = { key: 'exLoaded', vars: { get name() { return w.L.ex[id]; }, get source() { return w.L.exSource[id]; } } };
    w.save();
    w.render();
  };
  if (!Object.keys(cur).length || same) go();
  else ask(w, 'example', go, { name: w.L.ex[id] });
}

/** Runs the action of the clicked button or link `target` (its data-act). */
export function act(w, target) {
  const { id, v } = target.dataset;
  const { prefs } = w;
  const actions = {
    lang: () => switchLang(w, prefs.lang === 'en' ? 'zh-CN' : 'en'),
    large: () => {
      prefs.large = !prefs.large;
      w.savePrefs();
      w.box.classList.toggle('mqci--large', prefs.large);
      target.setAttribute('aria-pressed', String(prefs.large));
    },
    print: () => window.print(),
    skip: () => w.box.querySelector(`#${CSS.escape(`${w.P}results-h`)}`)?.focus(),
    example: () => loadExample(w, id),
    export: () => {
      const M = w.methodology();
      const { res, targets, errors } = w.last;
      download(w, `mqci-${new Date().toISOString().slice(0, 10)}.json`, {
        format: 'mqci-export', formatVersion: 1, exportedAt: new Date().toISOString(), engineVersion: w.ENGINE,
        methodology: { id: M.id, version: M.version, standardization: M.standardization, bandScheme: M.bandScheme },
        inputs: w.S,
        results: { assessment: res, targets, errors },
      });
    },
    import: () => w.box.querySelector('[data-act="importFile"]').click(),
    loadMethod: () => w.box.querySelector('[data-act="methodFile"]').click(),
    saveMethod: () => {
      const M = w.methodology();
      download(w, `${M.id}-${M.version}.json`, M);
    },
    resetMethod: () => {
      w.S.method.custom = null;
      w.S.method.name = '';
      w.methodErrors = null;
      w.save();
      w.render();
    },
    share: () => shareLink(w),
    clear: () => ask(w, 'clear', () => {
      w.S = w.blank();
      w.notice = { key: 'cleared' };
      w.methodErrors = null;
      w.save();
      w.render();
    }),
    no: () => w.el.dialog.close(),
    yes: () => {
      w.el.dialog.close();
      pending.get(w)?.();
    },
    rawApply: () => w.setValue(`${w.P}v-${id}`, v),
    suggest: () => w.setValue(id, v),
    focus: () => {
      const input = w.box.querySelector(`#${CSS.escape(id)}`);
      input?.closest('details')?.setAttribute('open', '');
      input?.focus();
    },
  };
  actions[target.dataset.act]?.();
}

/** A select or file input changed. */
export function change(w, target) {
  const { act } = target.dataset;
  if (act === 'importFile' || act === 'methodFile') return file(w, act, target);
  if (act === 'profile') w.S.profile = target.value;
  else if (act === 'bandScheme' || act === 'std') w.S.method[act === 'std' ? 'standardization' : 'bandScheme'] = target.value;
  else return;
  w.save();
  w.render();
}

/** Reads the file chosen in a file input: an export to restore, or a methodology to use. */
async function file(w, act, input) {
  const f = input.files?.[0];
  input.value = '';
  if (!f) return;
  let data;
  let json = true;
  try {
    data = JSON.parse(await f.text());
  } catch {
    json = false;
  }
  if (act === 'methodFile') {
    try {
      if (json) data = mqci.readMethodology(data);
    } catch (e) {
      json = errorList(e);
    }
    if (json !== true) {
      w.methodErrors = { name: f.name, errors: json || [{ code: 'invalid', field: '', value: null, message: w.t('notJson') }] };
      return w.render();
    }
    w.methodErrors = null;
    w.S.method.custom = data;
    w.S.method.name = f.name;
  } else {
    const bad = (reason) => {
      w.notice = { key: 'badImport', bad: true, vars: { name: f.name, reason: w.t(reason) } };
      w.paintNotice();
    };
    if (!json) return bad('notJson');
    try {
      if (data?.format !== 'mqci-export') throw new Error('format');
      w.S = w.sanitize(data.inputs);
    } catch {
      return bad('notExport');
    }
    w.notice = { key: 'imported', vars: { name: f.name } };
    w.methodErrors = null;
  }
  w.save();
  w.render();
}

/** Switches the language; `persist`: remember it as the visitor's choice. */
export async function switchLang(w, lang, persist = true) {
  if (lang !== 'zh-CN' && lang !== 'en') return;
  try {
    await loadLang(lang);
  } catch {
    return;
  }
  w.prefs.lang = lang;
  w.el.status.textContent = '';
  if (persist) w.savePrefs();
  w.render();
  w.box.dispatchEvent(new CustomEvent('mqci-lang', { bubbles: true, composed: true, detail: { lang, title: w.t('pageTitle') } }));
}

const strings = (m, allowed) => Object.fromEntries(Object.entries(m && typeof m === 'object' ? m : {})
  .filter(([k, v]) => allowed.includes(k) && (typeof v === 'string' || typeof v === 'number'))
  .map(([k, v]) => [k, String(v)]));

/** controller.setInputs(input): the values and sub-scores of `input` replace the current ones. */
export function setInputs(w, input) {
  try {
    w.assess(input ?? {}, w.methodology());
  } catch (e) {
    const errors = errorList(e).filter((x) => x.code === 'unknown_id' || x.code === 'invalid');
    if (errors.length) w.o.onError?.({ message: String(e.message), errors });
  }
  w.S.values = strings(input?.values, w.IND);
  w.S.scores = strings(input?.scores, [...w.NODES, ...w.IND]);
  w.S.raw = {};
  w.notice = null;
  w.save();
  w.render();
}

/** controller.setProfile(id): another shipped target profile. */
export function setProfile(w, id) {
  if (!w.profileOk(id)) {
    const message = `profile: unknown id "${String(id)}"`;
    w.o.onError?.({ message, errors: [{ code: 'unknown_id', field: 'profile', value: String(id), message }] });
    return;
  }
  w.S.profile = id;
  w.save();
  w.render();
}
