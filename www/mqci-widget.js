// <mqci-widget>: the widget as one tag, for host pages.
//
//   <script type="module" src="/mqci/mqci-widget.js"></script>
//   <mqci-widget lang="zh-CN" profile="chengdu-2027"></mqci-widget>
//
// Shadow DOM keeps host CSS and widget CSS apart; theming goes through the --mqci-* custom
// properties, which inherit into the shadow root (every other inherited property, such as the
// host's letter-spacing or text-transform, is reset at the widget's root). Attributes: lang,
// profile, mode (full | compact | targets), methodology (a URL of a methodology JSON on the host
// page's own origin), storage-key. Methods: setInputs(input), getResult(). Events: mqci-result
// (detail = the assessment) and mqci-error (detail.message). Every instance has its own state and
// storage key (`mqci:v1:widget:<storage-key | id | n>`).
import { mount } from './app.js';

const STYLE = new URL('./style.css', import.meta.url).href;
const MODES = ['full', 'compact', 'targets'];
let created = 0;

// The element's own box, and a wall against inherited host styles. A constructed stylesheet is
// not an inline style, so a strict host CSP (style-src without 'unsafe-inline') allows it.
let hostSheet;
function hostStyles() {
  if (hostSheet !== undefined) return hostSheet;
  hostSheet = null;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(':host { display: block; } :host([hidden]) { display: none; } [part="widget"] { all: initial; display: block; }');
    hostSheet = sheet;
  } catch { /* older browsers: the host's CSS decides the display */ }
  return hostSheet;
}

class MqciWidget extends HTMLElement {
  static get observedAttributes() {
    return ['lang', 'profile', 'mode', 'methodology'];
  }

  #seq = ++created;
  #app = null;
  #pending = null;
  #ready = null;
  #root = null;
  #mounted = null; // the attribute values the current mount was started with
  #generation = 0;

  /** Resolves when the widget has rendered (to the internal controller). */
  get ready() {
    return this.#ready;
  }

  connectedCallback() {
    if (this.#root) return; // moved within the document: keep the mounted widget
    const shadow = this.shadowRoot || this.attachShadow({ mode: 'open' });
    const sheet = hostStyles();
    if (sheet && 'adoptedStyleSheets' in shadow) shadow.adoptedStyleSheets = [sheet];
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = STYLE;
    this.#root = document.createElement('div');
    this.#root.setAttribute('part', 'widget');
    shadow.replaceChildren(link, this.#root);
    this.#mount();
  }

  attributeChangedCallback(name, before, after) {
    if (before === after || !this.#root) return;
    if (this.#app) this.#apply(name);
    // While it loads: a new mode or methodology starts over at once (the first mount's results
    // are never announced); lang and profile are applied when it is ready (see #mount).
    else if ((name === 'mode' || name === 'methodology') && this.#changed()) this.#remount();
  }

  /** Replaces the inputs with `input` (`{ values?, scores? }`, as `assess` takes). */
  setInputs(input) {
    if (this.#app) this.#app.setInputs(input);
    else this.#pending = input;
  }

  /** The latest assessment, or null. */
  getResult() {
    return this.#app ? this.#app.getResult() : null;
  }

  #error(message, errors = []) {
    this.dispatchEvent(new CustomEvent('mqci-error', { bubbles: true, composed: true, detail: { message, errors } }));
  }

  #lang() {
    return this.getAttribute('lang') === 'en' ? 'en' : 'zh-CN';
  }

  #mode() {
    const mode = this.getAttribute('mode');
    return MODES.includes(mode) ? mode : 'full';
  }

  #methodologyUrl() {
    const value = this.getAttribute('methodology');
    if (!value) return undefined;
    try {
      const url = new URL(value, document.baseURI);
      if (url.origin === location.origin) return url.href;
    } catch { /* reported below */ }
    // After the current task, so that a host adding its listener right after the element hears it.
    queueMicrotask(() => this.#error(`methodology: "${value}" is not a same-origin URL`));
    return undefined;
  }

  /** Whether mode or methodology differ from what the current mount was started with. */
  #changed() {
    return this.#mounted.mode !== this.#mode() || this.#mounted.methodology !== this.getAttribute('methodology');
  }

  #apply(name) {
    const app = this.#app;
    if (name === 'lang') app.setLang(this.#lang());
    else if (name === 'profile') app.setProfile(this.getAttribute('profile'));
    else this.#remount();
  }

  #mount() {
    const generation = ++this.#generation;
    this.#mounted = { lang: this.getAttribute('lang'), profile: this.getAttribute('profile'), mode: this.#mode(), methodology: this.getAttribute('methodology') };
    this.#ready = mount(this.#root, {
      lang: this.#lang(),
      profile: this.getAttribute('profile') || undefined,
      mode: this.#mode(),
      methodologyUrl: this.#methodologyUrl(),
      storageKey: `widget:${this.getAttribute('storage-key') || this.id || this.#seq}`,
      headingLevel: 2,
      readHash: false,
      onResult: (result) => {
        if (generation === this.#generation) this.dispatchEvent(new CustomEvent('mqci-result', { bubbles: true, composed: true, detail: result }));
      },
      onError: (e) => {
        if (generation === this.#generation) this.#error(e.message, e.errors);
      },
    }).then((app) => {
      if (generation !== this.#generation) {
        // A newer mount (mode or methodology changed while loading) replaced this one.
        app.destroy();
        return this.#ready;
      }
      this.#app = app;
      const mounted = this.#mounted;
      if (mounted.lang !== this.getAttribute('lang')) this.#apply('lang');
      if (mounted.profile !== this.getAttribute('profile') && this.getAttribute('profile')) this.#apply('profile');
      if (this.#pending) app.setInputs(this.#pending);
      this.#pending = null;
      return app;
    }, (e) => {
      if (generation === this.#generation) this.#error(String(e?.message || e));
      return null;
    });
  }

  #remount() {
    this.#app?.destroy();
    this.#app = null;
    this.#mount();
  }
}

if (!customElements.get('mqci-widget')) customElements.define('mqci-widget', MqciWidget);
