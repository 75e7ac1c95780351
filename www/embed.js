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
import { mount } from './app.js';

const query = new URLSearchParams(location.search);
const origins = (query.get('origins') || '')
  .split(',')
  .map((s) => {
    try {
      return new URL(s.trim()).origin;
    } catch {
      return null;
    }
  })
  .filter((o) => o && o !== 'null');

const framed = window.parent !== window;
const post = (message) => {
  if (!framed) return;
  // postMessage with an explicit target origin is delivered only if the parent has that origin.
  for (const origin of origins) window.parent.postMessage(message, origin);
};

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
const app = await mount(root, {
  lang,
  profile: query.get('profile') || undefined,
  mode: ['full', 'compact', 'targets'].includes(query.get('mode')) ? query.get('mode') : 'full',
  methodologyUrl,
  storageKey: `embed:${(query.get('key') || 'default').slice(0, 64)}`,
  headingLevel: 1,
  onResult: (result) => post({ type: 'mqci:result', result }),
  onError: (e) => post({ type: 'mqci:error', message: e.message }),
});
root.addEventListener('mqci-lang', (e) => {
  document.documentElement.lang = e.detail.lang;
  document.title = e.detail.title;
});

let height = 0;
const resize = () => {
  const h = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (h !== height) {
    height = h;
    post({ type: 'mqci:resize', height: h });
  }
};
new ResizeObserver(resize).observe(document.documentElement);

window.addEventListener('message', (event) => {
  if (!origins.includes(event.origin) || event.source !== window.parent) return;
  const data = event.data;
  if (!data || typeof data !== 'object') return;
  if (data.type === 'mqci:set-inputs') app.setInputs(data.input);
  else if (data.type === 'mqci:set-profile') app.setProfile(String(data.profile));
});

post({ type: 'mqci:ready' });
resize();
