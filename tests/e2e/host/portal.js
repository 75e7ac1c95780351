// The government-portal host page (portal.html): the widget in the 760 px content column.
//
//   portal.html?widget=http://127.0.0.1:PORT/&kind=element|iframe|none&attrs={…}&params={…}&scale=1
//
// kind=element adds <mqci-widget> with the attributes in `attrs` (JSON); kind=iframe adds
// embed.html with the query parameters in `params` (JSON; `origins` defaults to this origin) and
// sizes it by its mqci:resize messages; kind=none adds nothing (the host's own styles, for
// comparison). scale=1 puts the column under transform: scale(1.5), as accessibility toolbars
// do. Every mqci-result / mqci-error event and every message is recorded in window.__log.
const query = new URLSearchParams(location.search);
const widget = new URL(query.get('widget') || '/', location.href);
const json = (name) => {
  try {
    return JSON.parse(query.get(name) || '{}');
  } catch {
    return {};
  }
};
if (query.get('scale') === '1') document.documentElement.classList.add('gov-scaled');

window.__log = [];
for (const type of ['mqci-result', 'mqci-error']) {
  document.addEventListener(type, (event) => window.__log.push({ type, detail: event.detail }));
}

const slot = document.querySelector('#slot');
const kind = query.get('kind') || 'element';
if (kind === 'element') {
  const script = document.createElement('script');
  script.type = 'module';
  script.src = new URL('mqci-widget.js', widget).href;
  document.head.append(script);
  const el = document.createElement('mqci-widget');
  el.id = 'gov-widget';
  for (const [k, v] of Object.entries(json('attrs'))) el.setAttribute(k, String(v));
  slot.append(el);
} else if (kind === 'iframe') {
  const src = new URL('embed.html', widget);
  const params = { origins: location.origin, ...json('params') };
  for (const [k, v] of Object.entries(params)) src.searchParams.set(k, String(v));
  const frame = document.createElement('iframe');
  frame.className = 'gov-frame';
  frame.id = 'widget-frame';
  frame.title = '制造业质量竞争力指数自评';
  frame.src = src.href;
  slot.append(frame);
  window.addEventListener('message', (event) => {
    if (event.origin !== widget.origin || event.source !== frame.contentWindow) return;
    window.__log.push({ from: 'widget', data: event.data });
    const d = event.data;
    if (d && d.type === 'mqci:resize' && Number.isFinite(d.height) && d.height > 0) frame.style.height = `${Math.ceil(d.height)}px`;
  });
}
