// Printing from a host page (issue 12): when the visitor presses the widget's 打印 button, the host
// page prints only the widget, not the portal around it. Imported by mqci-widget.js only.
//
// Just before the widget calls window.print(), every element beside the widget's path to <body>
// is marked data-mqci-noprint and the path itself data-mqci-print; a stylesheet of the host
// document (constructed: a strict CSP without 'unsafe-inline' allows it) hides the first and
// takes margins, borders, transforms and fixed widths off the second, for print media only. The
// marks go on `afterprint`, so the host page's own printing (Ctrl+P) is left as the host made it.
// No :has() (Chromium 105) and no change on screen.

const CSS = `@media print {
  [data-mqci-noprint] { display: none !important; }
  [data-mqci-print] { margin: 0 !important; padding: 0 !important; border: 0 !important; width: auto !important;
    max-width: none !important; min-width: 0 !important; height: auto !important; float: none !important;
    position: static !important; transform: none !important; box-shadow: none !important; background: none !important; }
}`;

let sheet;
function install() {
  if (sheet !== undefined) return;
  sheet = null;
  try {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch { /* no constructed sheets: the whole page prints, as before */ }
}

/** Removes every mark this module set. */
export function unmark() {
  for (const el of document.querySelectorAll('[data-mqci-noprint], [data-mqci-print]')) {
    el.removeAttribute('data-mqci-noprint');
    el.removeAttribute('data-mqci-print');
  }
}

/** Marks the document so that printing shows only `widget` (an element of the host document). */
export function markForPrint(widget) {
  install();
  unmark();
  for (let el = widget; el && el !== document.documentElement; el = el.parentElement) {
    if (el !== widget) el.setAttribute('data-mqci-print', '');
    for (const sib of el.parentElement ? el.parentElement.children : []) {
      if (sib !== el && !/^(SCRIPT|STYLE|LINK|META|TEMPLATE)$/.test(sib.tagName)) sib.setAttribute('data-mqci-noprint', '');
    }
  }
}

let listening = false;
/** Calls markForPrint(widget) now, and unmarks after printing. */
export function printOnly(widget) {
  markForPrint(widget);
  if (!listening) {
    listening = true;
    window.addEventListener('afterprint', unmark);
  }
}
