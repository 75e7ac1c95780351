// The widget in an iframe, for hosts that only allow HTML:
//
//   <iframe src="/mqci/embed.html?lang=zh-CN&profile=chengdu-2027&origins=https://www.example.gov.cn"
//           title="制造业质量竞争力指数自评"></iframe>
//
// Query parameters: lang, profile, mode, methodology (same-origin URL), key (storage key), and
// origins — the comma-separated parent origins allowed to talk to the widget. To those origins
// (and no other) it posts {type: "mqci:ready"}, {type: "mqci:resize", height},
// {type: "mqci:result", result} and {type: "mqci:error", message}; from them (and no other) it
// accepts {type: "mqci:set-inputs", input} and {type: "mqci:set-profile", profile}.
//
// "mqci:ready" comes first; results and heights follow it. Commands sent before "ready" (say, on
// the iframe's load event) are kept and applied once the widget has rendered. The parent sizes
// the iframe: set its height to each "mqci:resize" height (the document's full height in CSS px;
// with box-sizing: content-box, or add the iframe's borders). Check event.origin on the parent's
// side too: accept these messages only from the widget's origin.
import { mount } from './app.js';
import { MESSAGES } from './i18n.js';

const query = new URLSearchParams(location.search);
const origins = [...new Set((query.get('origins') || '')
  .split(',')
  .map((s) => {
    try {
      return new URL(s.trim()).origin;
    } catch {
      return null;
    }
  })
  .filter((o) => o && o !== 'null'))];

const framed = window.parent !== window;
// Where the browser tells us the parent's origin (Chromium, WebKit), post only to listed origins
// that match it: postMessage drops the others anyway, and browsers may log each drop as an error.
const parentOrigin = (() => {
  try {
    const o = location.ancestorOrigins?.[0];
    return o && o !== 'null' ? o : null;
  } catch {
    return null;
  }
})();
const targets = parentOrigin ? origins.filter((o) => o === parentOrigin) : origins;

let ready = false;
const outbox = [];
const post = (message) => {
  if (!framed || !targets.length) return;
  if (!ready && message.type !== 'mqci:ready') {
    outbox.push(message);
    return;
  }
  // postMessage with an explicit target origin is delivered only if the parent has that origin.
  for (const origin of targets) {
    try {
      window.parent.postMessage(message, origin);
    } catch (e) {
      // A message that cannot be cloned must not break the widget: report it as an error instead.
      if (message.type !== 'mqci:error') post({ type: 'mqci:error', message: `${message.type}: ${String(e?.message || e)}` });
    }
  }
};

// Listen from the start: commands that arrive while the engine loads wait in `inbox`.
let app = null;
const inbox = [];
const apply = (data) => {
  if (data.type === 'mqci:set-inputs') {
    if (data.input == null || typeof data.input !== 'object' || Array.isArray(data.input)) {
      post({ type: 'mqci:error', message: 'input: must be an object such as {"values": {…}, "scores": {…}}' });
    } else app.setInputs(data.input);
  } else if (data.type === 'mqci:set-profile') app.setProfile(String(data.profile));
};
window.addEventListener('message', (event) => {
  if (!framed || event.source !== window.parent || !origins.includes(event.origin)) return;
  const data = event.data;
  if (!data || typeof data !== 'object' || (data.type !== 'mqci:set-inputs' && data.type !== 'mqci:set-profile')) return;
  if (app) apply(data);
  else inbox.push(data);
});

const methodologyUrl = (() => {
  const value = query.get('methodology');
  if (!value) return undefined;
  try {
    const url = new URL(value, location.href);
    return url.origin === location.origin ? url.href : undefined;
  } catch {
    return undefined;
  }
})();

const lang = query.get('lang') === 'en' ? 'en' : 'zh-CN';
document.documentElement.lang = lang;
const root = document.querySelector('#mqci-app');
root.addEventListener('mqci-lang', (e) => {
  document.documentElement.lang = e.detail.lang;
  document.title = e.detail.title;
});
try {
  app = await mount(root, {
  lang,
  profile: query.get('profile') || undefined,
  mode: ['full', 'compact', 'targets'].includes(query.get('mode')) ? query.get('mode') : 'full',
  methodologyUrl,
  storageKey: `embed:${(query.get('key') || 'default').slice(0, 64)}`,
  headingLevel: 1,
  onResult: (result) => post({ type: 'mqci:result', result }),
  onError: (e) => post({ type: 'mqci:error', message: String(e.message) }),
  });
} catch (e) {
  // The engine could not load: the page shows its own notice; tell the host too, then stop.
  ready = true;
  post({ type: 'mqci:error', message: `mqci could not start: ${String(e?.message || e)}` });
  throw e;
}
document.documentElement.lang = app.lang; // a language the visitor chose earlier wins
if (MESSAGES[app.lang]) document.title = MESSAGES[app.lang].pageTitle;

let height = 0;
const resize = () => {
  const h = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (h > 0 && h !== height) {
    height = h;
    post({ type: 'mqci:resize', height: h });
  }
};

// A modal dialog is centred in the iframe's viewport, and here that viewport is the whole (tall)
// document: the confirm dialog would open thousands of pixels away from what the visitor sees.
// Put it just below the control that opened it instead (the visitor just used that control).
let opener = null;
const remember = (e) => {
  if (e.target instanceof Element && !e.target.closest('dialog')) opener = e.target;
};
root.addEventListener('focusin', remember);
root.addEventListener('pointerdown', remember);
new MutationObserver((changes) => {
  for (const { target: d } of changes) {
    if (d.tagName !== 'DIALOG') continue;
    if (!d.open) {
      for (const p of ['top', 'bottom', 'margin-top', 'margin-bottom']) d.style.removeProperty(p);
      continue;
    }
    if (!framed || !opener?.isConnected || !d.matches(':modal')) continue;
    const near = opener.getBoundingClientRect();
    const top = Math.max(8, Math.min(near.bottom + 8, innerHeight - d.offsetHeight - 8));
    d.style.setProperty('top', `${Math.round(top)}px`);
    d.style.setProperty('bottom', 'auto');
    d.style.setProperty('margin-top', '0');
    d.style.setProperty('margin-bottom', '0');
  }
}).observe(root, { subtree: true, attributes: true, attributeFilter: ['open'] });

post({ type: 'mqci:ready' });
ready = true;
resize();
for (const message of outbox.splice(0)) post(message);
for (const data of inbox.splice(0)) apply(data);
new ResizeObserver(resize).observe(document.documentElement);
