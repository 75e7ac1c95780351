// The widget in an iframe, for hosts that only allow HTML:
//
//   <iframe src="/mqci/embed.html?lang=zh-CN&profile=chengdu-2027&origins=https://www.example.gov.cn"
//           title="制造业质量竞争力指数自评"></iframe>
//
// Query parameters: lang (zh-CN | en), profile (a shipped profile id), mode (full | compact |
// targets), methodology (same-origin URL), profile-src (same-origin URL of a target profile
// JSON in the schema of docs/targets.md; replaces `profile`; a refused file is shown and posted
// as mqci:error naming the field), key (storage key, at most 64 characters), the host controls
// heading, lang-switch, examples and method-panel ("off" hides the title, the language button,
// the example buttons, the methodology panel), and
// origins — the comma-separated parent origins allowed to talk to the widget. A parameter that
// cannot be used is shown in the widget and reported (mqci:error) and its default applies.
// To the listed origins (and no other) it posts {type: "mqci:ready", engine} (engine: "wasm" or
// "js", which engine runs), {type: "mqci:resize",
// height}, {type: "mqci:result", result} and {type: "mqci:error", code, field, value, params,
// message, errors}; from them (and no other) it accepts exactly {type: "mqci:set-inputs", input}
// (input: {values?, scores?}, figures as numbers or strings) and {type: "mqci:set-profile",
// profile}. Any other message from a listed parent — another type, another key, a value that is
// not a number or string (a Date, a Map…), more than 1,000,000 characters of figures
// (EMBED_LIMITS in embed-guard.js) — is refused as a whole: the widget shows why, changes
// nothing, and posts one mqci:error naming the field.
//
// "mqci:ready" comes first; results and heights follow it. Commands sent before "ready" (say, on
// the iframe's load event) are kept and applied once the widget has rendered. The parent sizes
// the iframe: set its height to each "mqci:resize" height (the document's full height in CSS px;
// with box-sizing: content-box, or add the iframe's borders). Check event.origin on the parent's
// side too: accept these messages only from the widget's origin.
//
// Its 打印 button prints the frame's own document (window.print() in a frame prints that frame),
// so the host page around it is never printed. Its share link is this page's address with the
// state in the fragment: opened, it shows embed.html on its own with the shared figures.
import { mount } from './app.js';
import { MESSAGES } from './i18n.js';
import {
  LANGS, MODES, EMBED_LIMITS, readOrigins, readChoice, readId, checkId, readSameOriginUrl, readCommand, loadFacts, dropUnknown,
  fault, summarize, fromController, noticeBoard, noticeSheet, readSwitches,
} from './embed-guard.js';
import { engineKind } from './lib/engine.js';

const query = new URLSearchParams(location.search);
const setting = []; // query parameters that cannot be used
const read = (r) => {
  setting.push(...(r.errors || []));
  return r;
};
const { origins } = read(readOrigins(query.get('origins')));

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
      if (message.type !== 'mqci:error') report([fault('internal', String(message.type), null)], `${message.type}: ${String(e?.message || e)}`);
    }
  }
};
/** Tells the listed host about `errors` (engine or widget errors, see embed-guard.js). */
const report = (errors, message, field) => post({ type: 'mqci:error', ...summarize(errors, message, field) });

// What the widget shows about refused parameters and commands, in the widget's language.
const lang = read(readChoice(query.get('lang'), LANGS, 'lang', 'zh-CN')).value;
let app = null;
const sheet = noticeSheet();
if (sheet) document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
const board = noticeBoard(document.querySelector('#mqci-embed-errors'), () => app?.lang ?? lang);
/** Refuses a command: shown in the widget, posted to the host. */
const refuse = (errors) => {
  board.set('unused', []);
  board.set('command', errors);
  report(errors);
};

// Listen from the start: commands that arrive while the engine loads wait in `inbox`, read and
// copied (a refused one is refused at once).
const inbox = [];
let facts = null; // the engine's ids (profiles, indicators, nodes), once it is there
const apply = (command) => {
  if (command.type === 'mqci:set-inputs') {
    // Ids the engine does not know are left out (and said), the rest is applied.
    const { input, errors } = dropUnknown(command.input, facts);
    board.set('command', []);
    board.set('unused', errors);
    if (errors.length) report(errors);
    app.setInputs(input);
    return;
  }
  const unknown = checkId(command.profile, facts?.profiles, 'profile');
  if (unknown.length) return refuse(unknown);
  board.set('command', []);
  board.set('unused', []);
  app.setProfile(command.profile);
};
window.addEventListener('message', (event) => {
  if (!framed || event.source !== window.parent || !origins.includes(event.origin)) return;
  const { command, errors } = readCommand(event.data);
  if (errors) refuse(errors);
  else if (app) apply(command);
  else inbox.push(command);
});

const methodologyUrl = read(readSameOriginUrl(query.get('methodology'), location.href, location.origin)).url;
const profileSrc = read(readSameOriginUrl(query.get('profile-src'), location.href, location.origin, 'profile-src')).url;
const mode = read(readChoice(query.get('mode'), MODES, 'mode', 'full')).value;
const profile = read(readId(query.get('profile'), 'profile')).id;
const switches = read(readSwitches((name) => query.get(name))).options;
let key = query.get('key') || 'default';
if (key.length > EMBED_LIMITS.id) {
  setting.push(readId(key, 'key').errors[0]);
  key = key.slice(0, EMBED_LIMITS.id); // the key this widget has always used for it
}
const showSetting = () => {
  board.set('setting', setting);
  for (const e of setting) report([e]); // one message per parameter, each naming it
};
showSetting();

document.documentElement.lang = lang;
const root = document.querySelector('#mqci-app');
root.addEventListener('mqci-lang', (e) => {
  document.documentElement.lang = e.detail.lang;
  document.title = e.detail.title;
  board.render();
});
// No top-level await (Chromium 80 floor): the start runs in an async function.
(async () => {
try {
  app = await mount(root, {
    lang,
    profile,
    mode,
    methodologyUrl,
    profileSrc,
    storageKey: `embed:${key}`,
    headingLevel: 1,
    ...switches,
    onResult: (result) => post({ type: 'mqci:result', result }),
    onError: (e) => post({ type: 'mqci:error', ...fromController(e) }),
  });
} catch (e) {
  // The engine could not load: the page shows its own notice; tell the host too, then stop.
  ready = true;
  // Neither engine could start: the engine's own code (engine_fetch_failed, engine_csp…) when it gave one.
  report([fault(/^engine_/.test(e?.code) ? e.code : 'load_failed', 'engine', e?.file ?? null, e?.status != null ? { status: e.status } : {})], `mqci could not start: ${String(e?.message || e)}`);
  throw e;
}
if (document.documentElement.lang !== app.lang) document.documentElement.lang = app.lang; // a language the visitor chose earlier wins (unchanged, it would restyle the page)
if (MESSAGES[app.lang]) document.title = MESSAGES[app.lang].pageTitle;
board.render();

facts = await loadFacts();
const unknownProfile = profile && !profileSrc ? checkId(profile, facts?.profiles, 'profile') : [];
if (unknownProfile.length) {
  // app.js fell back to the default profile: say so instead of doing it silently.
  setting.push(...unknownProfile);
  board.set('setting', setting);
  report(unknownProfile);
}

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
    if (!framed || !opener?.isConnected) continue; // only modal confirm dialogs are used (no :modal: Chromium 105)
    const near = opener.getBoundingClientRect();
    const top = Math.max(8, Math.min(near.bottom + 8, innerHeight - d.offsetHeight - 8));
    d.style.setProperty('top', `${Math.round(top)}px`);
    d.style.setProperty('bottom', 'auto');
    d.style.setProperty('margin-top', '0');
    d.style.setProperty('margin-bottom', '0');
  }
}).observe(root, { subtree: true, attributes: true, attributeFilter: ['open'] });

post({ type: 'mqci:ready', engine: engineKind() });
ready = true;
resize();
for (const message of outbox.splice(0)) post(message);
for (const data of inbox.splice(0)) apply(data);
new ResizeObserver(resize).observe(document.documentElement);
})();
