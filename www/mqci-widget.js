// <mqci-widget>: the widget as one tag, for host pages.
//
//   <script type="module" src="/mqci/mqci-widget.js"></script>
//   <mqci-widget lang="zh-CN" profile="chengdu-2027"></mqci-widget>
//
// Shadow DOM keeps host CSS and widget CSS apart; theming goes through the --mqci-* custom
// properties, which inherit into the shadow root. Attributes: lang, profile, mode
// (full | compact | targets), methodology (a same-origin URL of a methodology JSON), storage-key.
// Methods: setInputs(input), getResult(). Events: mqci-result (detail = the assessment) and
// mqci-error (detail.message). Every instance has its own state and storage key.
import { mount } from './app.js';

const STYLE = new URL('./style.css', import.meta.url).href;
let created = 0;

class MqciWidget extends HTMLElement {
  static get observedAttributes() {
    return ['lang', 'profile', 'mode', 'methodology'];
  }

  #seq = ++created;
  #app = null;
  #pending = null;
  #ready = null;
  #root = null;

  /** Resolves when the widget has rendered (to the internal controller). */
  get ready() {
    return this.#ready;
  }

  connectedCallback() {
    if (this.#root) return; // moved within the document: keep the mounted widget
    const shadow = this.shadowRoot || this.attachShadow({ mode: 'open' });
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = STYLE;
    this.#root = document.createElement('div');
    this.#root.setAttribute('part', 'widget');
    shadow.replaceChildren(link, this.#root);
    this.#mount();
  }

  attributeChangedCallback(name, before, after) {
    if (!this.#app || before === after) return;
    if (name === 'lang') this.#app.setLang(after === 'en' ? 'en' : 'zh-CN');
    else if (name === 'profile') this.#app.setProfile(after);
    else this.#remount();
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

  #methodologyUrl() {
    const value = this.getAttribute('methodology');
    if (!value) return undefined;
    try {
      const url = new URL(value, document.baseURI);
      if (url.origin === location.origin) return url.href;
    } catch { /* reported below */ }
    this.#error(`methodology: "${value}" is not a same-origin URL`);
    return undefined;
  }

  #mount() {
    const seq = this.#seq;
    this.#ready = mount(this.#root, {
      lang: this.getAttribute('lang') === 'en' ? 'en' : 'zh-CN',
      profile: this.getAttribute('profile') || undefined,
      mode: ['full', 'compact', 'targets'].includes(this.getAttribute('mode')) ? this.getAttribute('mode') : 'full',
      methodologyUrl: this.#methodologyUrl(),
      storageKey: `widget:${this.getAttribute('storage-key') || this.id || seq}`,
      headingLevel: 2,
      readHash: false,
      onResult: (result) => this.dispatchEvent(new CustomEvent('mqci-result', { bubbles: true, composed: true, detail: result })),
      onError: (e) => this.#error(e.message, e.errors),
    }).then((app) => {
      this.#app = app;
      if (this.#pending) app.setInputs(this.#pending);
      this.#pending = null;
      return app;
    }, (e) => {
      this.#error(String(e?.message || e));
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
