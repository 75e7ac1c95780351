// render="light" (issue 12): the widget without a shadow root, so that a government site's
// accessibility toolbar (无障碍工具条) can zoom, recolour and read it. Imported by mqci-widget.js.
//
// In the light DOM the host's CSS reaches the widget: global resets (`* { margin: 0 }`,
// `h1, h2 { font-size: 100% }`, `ul, li { list-style: none }`) and rules of the column it sits in
// (`.article p { text-indent: 2em }`). So the host document gets, as constructed stylesheets
// (allowed by a CSP without 'unsafe-inline'):
// - a wall: every element inside the widget goes back to the browser's own styles
//   (`all: revert`, selector specificity 0,2,1, later than the host's sheets);
// - the widget's stylesheets again, each selector prefixed with the same scope (0,2,1 more), so
//   they win over the wall and over host rules up to that specificity (a host rule with an id,
//   `#content p`, still wins: keep such rules off the widget's column, or use the shadow root).
// Every rule stays scoped by the element and the .mqci prefix: nothing here styles the host.
// On kernels without `revert` (Chromium < 84) the wall is ignored and the host's resets show.

export const SCOPE = 'mqci-widget[render="light"] > .mqci-wall';

const WALL = `mqci-widget { display: block; } mqci-widget[hidden] { display: none; }
mqci-widget > .mqci-wall { all: initial; display: block; }
${SCOPE} * { all: revert; }`;

/** Prefixes every style rule of `rules` (recursing into @media and @supports) with SCOPE. */
function scope(rules) {
  for (const rule of rules) {
    if (rule.type === 1) { // CSSStyleRule
      rule.selectorText = rule.selectorText.split(',').map((x) => `${SCOPE} ${x.trim()}`).join(', ');
    } else if (rule.cssRules && rule.type !== 6) scope(rule.cssRules); // not @page
  }
}

/** A constructed stylesheet of `text` with every selector scoped, or null. */
export function scoped(text) {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    scope(sheet.cssRules);
    return sheet;
  } catch {
    return null;
  }
}

let done = null;
/**
 * Adds the wall, `extra` CSS text and the widget's stylesheets at `urls` (both scoped, in this
 * order, like the shadow root's) to the host document, once per page, all at once when they are
 * fetched (so the wall never shows the widget unstyled). Resolves when they are in.
 */
export function lightStyles(urls, extra) {
  if (done) return done;
  done = Promise.all(urls.map((url) => fetch(url, { credentials: 'same-origin' }).then((r) => (r.ok ? r.text() : ''), () => '')))
    .then((texts) => {
      const sheets = [extra, ...texts].map(scoped);
      try {
        const wall = new CSSStyleSheet();
        wall.replaceSync(WALL);
        sheets.unshift(wall);
      } catch { /* older browsers: the host's CSS decides */ }
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, ...sheets.filter(Boolean)];
    });
  return done;
}
