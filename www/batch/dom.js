// DOM helpers of the batch page: elements from (tag, attributes, children), numbers, downloads.

const SVG = 'http://www.w3.org/2000/svg';

function fill(node, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'checked' || k === 'selected' || k === 'value') node[k] = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  const add = (c) => {
    if (c == null || c === false) return;
    if (Array.isArray(c)) c.forEach(add);
    else node.append(c instanceof Node ? c : String(c));
  };
  add(children);
  return node;
}

/** An HTML element: el('p', { class: 'x', onclick: f }, 'text', [more], null). */
export const el = (tag, attrs, ...children) => fill(document.createElement(tag), attrs, children);

/** An SVG element, likewise. */
export const svg = (tag, attrs, ...children) => fill(document.createElementNS(SVG, tag), attrs, children);

/** A score as shown: two decimals. */
export const fmt = (x) => (Number.isFinite(x) ? x.toFixed(2) : '');

/** A share as a percentage with one decimal. */
export const fmtPct = (x) => `${(x * 100).toFixed(1)}%`;

/** Saves `blob` as `name` through a Blob URL (nothing leaves the browser). */
export function download(parent, name, blob) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name, hidden: true });
  parent.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
