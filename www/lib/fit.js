// Layout by the widget's own width, not the viewport's (issue 12 point 4): in a 760 px column of
// a 1280 px portal page the widget is one column, not two squeezed ones. A ResizeObserver
// (Chromium 64+) sets classes on the widget's root box; style.css and panels.css lay out by them:
//   .mqci--wide   two columns (inputs | results), from WIDE px of the box's own width;
//   .mqci--narrow phone layout, below NARROW px;
//   .mqci--xwide  room for every band name under the scale, from XWIDE px;
//   .mqci--nogap  the browser has no `gap` for flexbox (Chromium < 84): margins stand in.
// ResizeObserver reports layout pixels, so an ancestor's `transform: scale()` (accessibility
// toolbars) does not change the layout, and browser zoom narrows the box as it should.

export const WIDE = 720;
export const NARROW = 480;
export const XWIDE = 1280;

function apply(box, width) {
  if (!(width > 0)) return; // not laid out (display: none, detached): keep the last layout
  box.classList.toggle('mqci--wide', width >= WIDE);
  box.classList.toggle('mqci--narrow', width < NARROW);
  box.classList.toggle('mqci--xwide', width >= XWIDE);
}

let flexGap = null;
/** Whether flexbox honours `gap` (measured once: there is no CSS feature query for it). */
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
