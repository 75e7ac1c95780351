// Demo page entry: mounts the widget with Chengdu's 2027 targets and keeps the document's
// lang and title in step with the widget's language switch.
import { mount, loadEngine } from './app.js';
import { MESSAGES } from './i18n.js';

loadEngine();
const host = document.querySelector('#mqci-app');
const follow = (lang) => {
  if (document.documentElement.lang !== lang) document.documentElement.lang = lang; // even unchanged, it restyles the page
  document.title = MESSAGES[lang].pageTitle;
};
host.addEventListener('mqci-lang', (e) => follow(e.detail.lang));
// ?examples=off: no example buttons (issue 9; the element's examples="off" is read by mqci-widget.js).
const examples = new URLSearchParams(location.search).get('examples') !== 'off';
mount(host, { profile: 'chengdu-2027', headingLevel: 1, examples }).then((widget) => { follow(widget.lang); document.getElementById('mqci-more').hidden = false; });
