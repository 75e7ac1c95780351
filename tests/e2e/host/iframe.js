// Host page that embeds the widget's iframe from another origin.
//
//   iframe.html?widget=http://127.0.0.1:PORT/&origins=<comma list>&lang=&profile=&mode=&key=&sibling=host|widget#s=…
//
// `origins` defaults to this page's own origin; pass `origins=` (empty) to list none. This page's
// fragment (e.g. a "#s=…" share link) is appended to the iframe's URL. `sibling` adds a second iframe next to the
// widget: `host` a blank page of this origin, `widget` another embed.html of the widget's origin
// (a third party from the first widget's point of view). Every message this window receives is
// recorded in window.__log; resize messages from the widget's origin set the iframe's height.
const query = new URLSearchParams(location.search);
const widget = new URL(query.get('widget') || '/', location.href);
const origins = query.has('origins') ? query.get('origins') : location.origin;

window.__log = [];
const frames = new Map();
window.addEventListener('message', (event) => {
  const name = frames.get(event.source) || 'other';
  window.__log.push({ origin: event.origin, from: name, data: event.data });
  // The host's side of the protocol: trust only the widget's origin and its own iframe.
  if (event.origin !== widget.origin || name !== 'widget') return;
  const data = event.data;
  if (data && data.type === 'mqci:resize' && Number.isFinite(data.height) && data.height > 0) {
    frame.style.height = `${Math.ceil(data.height)}px`;
  }
});

const src = new URL('embed.html', widget);
const params = { origins, lang: query.get('lang'), profile: query.get('profile'), mode: query.get('mode'), key: query.get('key'), methodology: query.get('methodology') };
for (const [k, v] of Object.entries(params)) if (v != null) src.searchParams.set(k, v);

const slot = document.querySelector('#slot');
const frame = document.createElement('iframe');
frame.className = 'host-frame';
frame.id = 'widget-frame';
frame.title = '制造业质量竞争力指数自评';
frame.src = src.href + location.hash; // a share link (#s=…) given to the host page goes on to the widget
slot.append(frame);
frames.set(frame.contentWindow, 'widget');

const sibling = query.get('sibling');
if (sibling) {
  const other = document.createElement('iframe');
  other.className = 'host-frame';
  other.id = 'sibling-frame';
  other.title = 'sibling';
  other.src = sibling === 'widget' ? new URL('embed.html?key=sibling', widget).href : new URL('blank.html', location.href).href;
  slot.append(other);
  frames.set(other.contentWindow, 'sibling');
}
