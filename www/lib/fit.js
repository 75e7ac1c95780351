// Layout by the widget's own width, not the viewport's (a ResizeObserver sets classes on the root
// box; see style.css): .mqci--wide (two columns) from WIDE px, .mqci--narrow below NARROW,
// .mqci--xwide from XWIDE, .mqci--nogap when flexbox has no `gap` (Chromium < 84). Layout pixels:
// an ancestor's transform: scale() changes nothing, zoom narrows the box.

export const WIDE = 720;
export const NARROW = 480;
export const XWIDE = 1280;

function apply(box, width) {
  if (!(width > 0)) return; // not laid out: keep the last layout
  box.classList.toggle('mqci--wide', width >= WIDE);
  box.classList.toggle('mqci--narrow', width < NARROW);
  box.classList.toggle('mqci--xwide', width >= XWIDE);
}

let flexGap = null;
// Flexbox `gap` support, measured once (no CSS feature query can tell).
function hasFlexGap() {
  if (flexGap === null) {
    const probe = document.createElement('div');
    probe.style.cssText = 'display:flex;flex-direction:column;row-gap:1px;position:absolute;visibility:hidden';
    probe.append(document.createElement('div'), document.createElement('div'));
    document.body.append(probe);
    flexGap = probe.scrollHeight === 1;
    probe.remove();
  }
  return flexGap;
}

/** Keeps `box`'s layout classes in step with its width; returns a function that stops it. */
export function fit(box) {
  if (typeof document !== 'undefined' && document.body) box.classList.toggle('mqci--nogap', !hasFlexGap());
  apply(box, box.clientWidth);
  if (typeof ResizeObserver !== 'function') return () => {};
  const observer = new ResizeObserver((entries) => {
    const last = entries[entries.length - 1];
    apply(box, last.contentRect.width);
  });
  observer.observe(box);
  return () => observer.disconnect();
}
