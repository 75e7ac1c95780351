// The radar of the 6 tertiary scores (issue 9 point 7), drawn for the screen (panels/chart.js)
// and the printed report (panels/report.js): each axis runs from 60 (centre) to 100 (rim), with
// rings at 70, 80 (dashed), 90 and 100; each axis is labelled with its name and score. The
// picture is aria-hidden: its numbers are in a table beside it. A function of the view `v`.
import { h } from './dom.js';
import { f2, finite } from './format.js';

export const RADAR = { W: 400, H: 270, R: 82 };

/** The SVG of `v.res`'s tertiary scores; `attrs` are added to the <svg>. */
export function radar(v, attrs = {}) {
  const { res, nameOf, data: { M } } = v;
  const ids = Object.keys(M.tertiary);
  const score = (id) => (finite(res.tertiary?.[id]) ? res.tertiary[id] : null);
  const { W, H, R } = RADAR;
  const cx = W / 2;
  const cy = H / 2;
  const ang = (k) => ((-90 + (k * 360) / ids.length) * Math.PI) / 180;
  const at = (k, s) => {
    const r = (R * (Math.max(60, Math.min(100, s)) - 60)) / 40;
    return [cx + r * Math.cos(ang(k)), cy + r * Math.sin(ang(k))];
  };
  const xy = (p) => p.map((x) => x.toFixed(1)).join(',');
  const ring = (s) => ids.map((_, k) => xy(at(k, s))).join(' ');
  // Axis labels: the name (English broken into lines of about 18 characters) and the score.
  const lines = (name) => {
    if (v.lang !== 'en') return [name];
    const out = [''];
    for (const w of name.split(' ')) {
      const last = out[out.length - 1];
      if (last && last.length + w.length > 18) out.push(w);
      else out[out.length - 1] = last ? `${last} ${w}` : w;
    }
    return out;
  };
  const labels = ids.map((id, k) => {
    const c = Math.cos(ang(k));
    const s = Math.sin(ang(k));
    const x = (cx + (R + 10) * c).toFixed(1);
    const anchor = Math.abs(c) < 0.3 ? 'middle' : c > 0 ? 'start' : 'end';
    const text = [...lines(nameOf(M.tertiary[id])), score(id) != null ? f2(score(id)) : '–'];
    const up = (text.length - 1) * 13;
    const y0 = cy + (R + 14) * s + (s < -0.3 ? -up : s > 0.3 ? 6 : -up / 2 + 4);
    return h('text', { key: id, x, y: y0.toFixed(1), 'text-anchor': anchor, class: 'mqci-axis' },
      text.map((l, i) => h('tspan', { key: i, x, dy: i ? 13 : 0, class: i === text.length - 1 ? 'mqci-rv' : null }, l)));
  });
  return h('svg', { class: 'mqci-radar', viewBox: `0 0 ${W} ${H}`, 'aria-hidden': 'true', focusable: 'false', ...attrs },
    [70, 80, 90, 100].map((g) => h('polygon', { key: g, points: ring(g), class: g === 80 ? 'mqci-ring mqci-ring--80' : 'mqci-ring' })),
    ids.map((id, k) => h('line', { key: id, x1: cx, y1: cy, x2: at(k, 100)[0].toFixed(1), y2: at(k, 100)[1].toFixed(1), class: 'mqci-ring' })),
    h('polygon', { class: 'mqci-radar-area', points: ids.map((id, k) => xy(at(k, score(id) ?? 60))).join(' ') }),
    ids.map((id, k) => (score(id) != null ? h('circle', { key: id, cx: at(k, score(id))[0].toFixed(1), cy: at(k, score(id))[1].toFixed(1), r: 3, class: 'mqci-radar-pt' }) : null)),
    labels);
}
