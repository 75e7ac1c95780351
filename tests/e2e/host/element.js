// Host page that loads <mqci-widget> from another origin.
//
//   element.html?widget=http://127.0.0.1:PORT/&attrs={"profile":"…","lang":"…"}
//
// Creates one <mqci-widget> per id in <body data-ids> (one without an id when the list is
// empty), each with the attributes given as JSON in `attrs`. The module is loaded with a
// dynamically created <script type=module> (the host's CSP forbids inline script). Every
// mqci-result and mqci-error event is recorded in window.__log.
const query = new URLSearchParams(location.search);
const widget = new URL(query.get('widget') || '/', location.href);
let attrs = {};
try {
  attrs = JSON.parse(query.get('attrs') || '{}');
} catch { /* no attributes */ }

window.__log = [];
for (const type of ['mqci-result', 'mqci-error']) {
  document.addEventListener(type, (event) => {
    window.__log.push({ type, id: event.target.id || '', detail: event.detail });
  });
}

const script = document.createElement('script');
script.type = 'module';
script.src = new URL('mqci-widget.js', widget).href;
document.head.append(script);

const slot = document.querySelector('#slot');
const ids = (document.body.dataset.ids || '').split(' ').filter(Boolean);
for (const id of ids.length ? ids : ['']) {
  const el = document.createElement('mqci-widget');
  if (id) el.id = id;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  slot.append(el);
}
