// <mqci-widget>: the widget as one tag, for host pages.
//
//   <script type="module" src="/mqci/mqci-widget.js"></script>
//   <mqci-widget lang="zh-CN" profile="chengdu-2027"></mqci-widget>
//
// Shadow DOM keeps host CSS and widget CSS apart; theming goes through the --mqci-* custom
// properties, which inherit into the shadow root (every other inherited property, such as the
// host's letter-spacing or text-transform, is reset at the widget's root). Attributes: lang
// (zh-CN | en), profile (a shipped profile id), mode (full | compact | targets), methodology (a
// URL of a methodology JSON on the host page's own origin), profile-src (the URL of a target
// profile JSON on the host page's own origin, in the schema of docs/targets.md; it replaces
// `profile`, and a file the engine refuses is shown and reported as mqci-error naming the
// field), storage-key (at most 64 characters); the host controls heading, lang-switch, examples
// and method-panel ("off" hides the title, the language button, the example buttons, the
// methodology panel); render ("light": no shadow root, read when the element is first connected).
// With render="light" the widget is built in the element's own children and its styles (every
// rule scoped by the .mqci prefix) go into the host document, so accessibility toolbars can zoom,
// recolour and read it. Its 打印 button prints only the widget (lib/host-print.js). There is no
// share link in the element (it would carry the host page's address, whose fragment the host
// owns): the visitor moves figures with 导出/导入.
// Property: engine ("wasm" | "js", which engine runs; null before one loads).
// Methods: setInputs(input), getResult(). Events: mqci-result (detail = the assessment) and
// mqci-error (detail = { code, field, value, params, message, errors }). An attribute value
// that cannot be used, and a setInputs argument that is not `{ values?, scores? }` of numbers
// and strings (a Date, a boolean, a Map…), is shown in the widget and reported as mqci-error
// naming each field; a refused setInputs changes nothing (embed-guard.js has the rules).
// Every instance has its own state and storage key (`mqci:v1:widget:<storage-key | id | n>`).
import { mount } from './app.js';
import {
  LANGS, MODES, EMBED_LIMITS, readInput, readChoice, readId, checkId, readSameOriginUrl, loadFacts, dropUnknown,
  summarize, fromController, fault, noticeBoard, NOTICE_CSS, SWITCHES, readSwitches,
} from './embed-guard.js';
import { engineKind } from './lib/engine.js';
import { printOnly } from './lib/host-print.js';

const STYLE = new URL('./style.css', import.meta.url).href;
let created = 0;

// The element's own box, and a wall against inherited host styles. A constructed stylesheet is
// not an inline style, so a strict host CSP (style-src without 'unsafe-inline') allows it.
let hostSheet;
function hostStyles() {
  if (hostSheet !== undefined) return hostSheet;
  hostSheet = null;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`:host { display: block; } :host([hidden]) { display: none; } [part="widget"] { all: initial; display: block; }${NOTICE_CSS}`);
    hostSheet = sheet;
  } catch { /* older browsers: the host's CSS decides the display */ }
  return hostSheet;
}

// render="light": the widget's stylesheets, scoped, in the host document (lib/host-light.js).
const SHEETS = ['./style.css', './panels/panels.css', './panels/enterprise.css'].map((x) => new URL(x, import.meta.url).href);
function lightStyles() {
  if (!document.querySelector(`link[rel="stylesheet"][href="${STYLE}"]`)) {
    const link = document.createElement('link'); // until the scoped copies are in
    link.rel = 'stylesheet';
    link.href = STYLE;
    document.head.append(link);
  }
  return import('./lib/host-light.js').then((m) => m.lightStyles(SHEETS, NOTICE_CSS));
}

const ATTRIBUTES = ['lang', 'profile', 'mode', 'methodology', 'storage-key', 'profile-src', ...Object.keys(SWITCHES)];

class MqciWidget extends HTMLElement {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  constructor() {
    super();
    // Plain properties set here: private names and class fields are refused by the Chromium 80 floor check.
    this._seq = ++created;
    this._app = null;
    this._pending = null;
    this._ready = null;
    this._root = null; // where app.js renders
    this._board = null; // the visible notice of refused attributes and calls
    this._refused = []; // a setInputs refused before the element was connected
    this._errors = new Map(); // attribute name → the errors of its current value
    this._facts = null; // the engine's ids (profiles, indicators, nodes), once known
    this._mounted = null; // the attribute values the current mount was started with
    this._generation = 0;
  }

  /** Resolves when the widget has rendered (to the internal controller). */
  get ready() {
    return this._ready;
  }

  /** Which engine runs: "wasm" (WebAssembly) or "js" (its plain-JavaScript copy); null before one loads. */
  get engine() {
    return engineKind();
  }

  connectedCallback() {
    if (this._root) return; // moved within the document: keep the mounted widget
    const wall = document.createElement('div');
    wall.setAttribute('part', 'widget');
    const notice = document.createElement('div');
    this._root = document.createElement('div');
    wall.append(notice, this._root);
    if (this.getAttribute('render') === 'light' && !this.shadowRoot) {
      lightStyles();
      wall.className = 'mqci-wall';
      this.replaceChildren(wall);
    } else {
      const shadow = this.shadowRoot || this.attachShadow({ mode: 'open' });
      const sheet = hostStyles();
      if (sheet && 'adoptedStyleSheets' in shadow) shadow.adoptedStyleSheets = [sheet];
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = STYLE;
      shadow.replaceChildren(link, wall);
    }
    // The 打印 button prints only the widget: marks set before app.js calls window.print().
    this._root.addEventListener('click', (e) => {
      if (e.target instanceof Element && e.target.closest('[data-act="print"]')) printOnly(this);
    }, true);
    this._board = noticeBoard(notice, () => this._app?.lang ?? this._lang());
    this._root.addEventListener('mqci-lang', () => this._board.render());
    if (this._refused.length) this._board.set('command', this._refused);
    // After the current task, so that a host adding its listener right after the element hears it.
    for (const name of ATTRIBUTES) this._check(name, true);
    this._mount();
  }

  attributeChangedCallback(name, before, after) {
    if (!this._root) return;
    this._check(name, true); // set again to the same bad value: said again
    if (before === after) return;
    if (this._app) this._apply(name);
    // While it loads: a new mode or methodology starts over at once (the first mount's results
    // are never announced); lang and profile are applied when it is ready (see #mount).
    else if ((name === 'mode' || name === 'methodology' || name === 'profile-src' || name in SWITCHES) && this._changed()) this._remount();
  }

  /**
   * Replaces the inputs with `input` (`{ values?, scores? }`, as `assess` takes). An argument
   * that is not that shape, or carries something other than numbers and strings, is refused
   * as a whole: shown in the widget and reported as mqci-error naming each field.
   */
  setInputs(input) {
    const { input: clean, errors } = readInput(input, 'input');
    if (errors) {
      this._refused = errors;
      this._board?.set('unused', []);
      this._board?.set('command', errors);
      this._emit(summarize(errors));
      return;
    }
    this._refused = [];
    this._board?.set('command', []);
    if (this._app) this._setInputs(clean);
    else this._pending = clean;
  }

  /** Applies a checked input; ids the engine does not know are left out and said, as one mqci-error. */
  _setInputs(input) {
    const { input: known, errors } = dropUnknown(input, this._facts);
    this._board.set('unused', errors);
    if (errors.length) this._emit(summarize(errors));
    this._app.setInputs(known);
  }

  /** The latest assessment, or null. */
  getResult() {
    return this._app ? this._app.getResult() : null;
  }

  _emit(detail) {
    this.dispatchEvent(new CustomEvent('mqci-error', { bubbles: true, composed: true, detail }));
  }

  /** The errors of attribute `name`'s value: shown, and reported when `announce` or when they changed. */
  _check(name, announce) {
    const v = this.getAttribute(name);
    let errors;
    if (name === 'lang') ({ errors } = readChoice(v, LANGS, 'lang', 'zh-CN'));
    else if (name === 'mode') ({ errors } = readChoice(v, MODES, 'mode', 'full'));
    else if (name === 'methodology') ({ errors } = readSameOriginUrl(v, document.baseURI, location.origin));
    else if (name === 'profile-src') ({ errors } = readSameOriginUrl(v, document.baseURI, location.origin, 'profile-src'));
    else if (name in SWITCHES) ({ errors } = readSwitches((n) => (n === name ? v : null)));
    else if (name === 'storage-key') {
      // Without a storage key the element's id names the saved state: it is bounded the same way.
      ({ errors = [] } = v || this.id.length <= EMBED_LIMITS.id ? readId(v, 'storage-key') : readId(this.id, 'id'));
    }
    else {
      ({ errors = [] } = readId(v, 'profile'));
      // With profile-src, the host's own profile is used and `profile` is not looked up.
      if (!errors.length && v && !this.getAttribute('profile-src')) errors = checkId(v, this._facts?.profiles, 'profile');
    }
    const before = this._errors.get(name) || [];
    this._errors.set(name, errors);
    this._board.set('setting', [...this._errors.values()].flat());
    const changed = JSON.stringify(before) !== JSON.stringify(errors);
    if (errors.length && (announce || changed)) queueMicrotask(() => this._emit(summarize(errors)));
    return errors;
  }

  _lang() {
    return readChoice(this.getAttribute('lang'), LANGS, 'lang', 'zh-CN').value;
  }

  _mode() {
    return readChoice(this.getAttribute('mode'), MODES, 'mode', 'full').value;
  }

  _storageKey() {
    const key = this.getAttribute('storage-key');
    return (key || this.id || String(this._seq)).slice(0, EMBED_LIMITS.id);
  }

  /** Whether mode or methodology differ from what the current mount was started with. */
  _changed() {
    return this._mounted.mode !== this._mode() || this._mounted.methodology !== this.getAttribute('methodology')
      || this._mounted.profileSrc !== this.getAttribute('profile-src') || this._mounted.switches !== this._switches();
  }

  /** The host controls switched off, as a key (for _changed). */
  _switches() {
    return JSON.stringify(readSwitches((n) => this.getAttribute(n)).options);
  }

  _apply(name) {
    const app = this._app;
    if (name === 'lang') app.setLang(this._lang());
    else if (name === 'profile') {
      // A valid, shipped id (an invalid one was reported by #check); none: keep the current one.
      const id = this.getAttribute('profile');
      if (id && !this._errors.get('profile')?.length) app.setProfile(id);
    } else if (name === 'mode' || name === 'methodology' || name === 'profile-src' || name in SWITCHES) this._remount();
  }

  _mount() {
    const generation = ++this._generation;
    const profile = this.getAttribute('profile');
    this._mounted = { lang: this.getAttribute('lang'), profile, mode: this._mode(), methodology: this.getAttribute('methodology'), profileSrc: this.getAttribute('profile-src'), switches: this._switches() };
    this._ready = mount(this._root, {
      lang: this._lang(),
      profile: this._errors.get('profile')?.length ? undefined : profile || undefined,
      mode: this._mode(),
      methodologyUrl: readSameOriginUrl(this.getAttribute('methodology'), document.baseURI, location.origin).url,
      profileSrc: readSameOriginUrl(this.getAttribute('profile-src'), document.baseURI, location.origin, 'profile-src').url,
      storageKey: `widget:${this._storageKey()}`,
      headingLevel: 2,
      readHash: false,
      share: false,
      ...readSwitches((n) => this.getAttribute(n)).options,
      onResult: (result) => {
        if (generation === this._generation) this.dispatchEvent(new CustomEvent('mqci-result', { bubbles: true, composed: true, detail: result }));
      },
      onError: (e) => {
        if (generation === this._generation) this._emit(fromController(e));
      },
    }).then(async (app) => {
      const facts = await loadFacts();
      if (generation !== this._generation) {
        // A newer mount (mode or methodology changed while loading) replaced this one.
        app.destroy();
        return this._ready;
      }
      this._app = app;
      this._board.render(); // in the language the widget settled on
      this._facts = facts;
      // app.js fell back to the default for a profile it does not ship: that is reported now.
      this._check('profile', false);
      const mounted = this._mounted;
      if (mounted.lang !== this.getAttribute('lang')) this._apply('lang');
      if (mounted.profile !== this.getAttribute('profile')) this._apply('profile');
      if (this._pending) this._setInputs(this._pending);
      this._pending = null;
      return app;
    }, (e) => {
      // Neither engine could start: the engine's own code (engine_fetch_failed, engine_csp…) when it gave one.
      if (generation === this._generation) this._emit(summarize([fault(/^engine_/.test(e?.code) ? e.code : 'load_failed', 'engine', e?.file ?? null, e?.status != null ? { status: e.status } : {})], `mqci could not start: ${String(e?.message || e)}`));
      return null;
    });
  }

  _remount() {
    this._app?.destroy();
    this._app = null;
    this._mount();
  }
}

if (!customElements.get('mqci-widget')) customElements.define('mqci-widget', MqciWidget);
