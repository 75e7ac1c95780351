// What each data-act of the widget does once its panels are there (the four that work before
// them — lang, large, print, skip — stay in app.js), and how a chosen file is read. Every
// change goes through `w.dispatch`; `w` is the instance's narrow interface from app.js
// (model, panels X, catalogue C, the last result, the dialog's opener, what was set aside).
import { EXAMPLES } from '../data/examples.js';
import { exampleReplaces } from './reduce.js';
import { errorList } from './engine.js';
import { filled, finite } from './format.js';

function setValue(w, id, value) {
  const input = w.byId(id);
  if (!input?.dataset.k) return;
  const { k, id: key, f } = input.dataset;
  w.dispatch({ type: 'input', k, id: key, f, value });
  input.focus();
}

/**
 * The widget's input, change, toggle and close listeners on `w.box`, added once the panels are
 * there: only what they draw fires these events (fields, selects and checkboxes, a chosen file,
 * <details>, the dialog). Clicks are app.js's (four actions work before the panels).
 */
export function listen(w, api9) {
  const { box, dispatch } = w;
  box.addEventListener('input', (e) => {
    const { k, id, f } = e.target.dataset || {};
    if (k) dispatch({ type: 'input', k, id, f, value: e.target.value });
  });
  box.addEventListener('change', (e) => {
    const { act } = e.target.dataset || {};
    if (act === 'importFile' || act === 'methodFile' || act === 'recordsFile') readFile(w, act, e.target, api9());
    else if (act === 'profile' || act === 'bandScheme' || act === 'std') dispatch({ type: act, value: e.target.value });
    else if (act === 'na') dispatch({ type: 'na', id: e.target.dataset.id, on: e.target.checked });
    else if (act === 'compare') dispatch({ type: 'compare', side: e.target.dataset.side, id: e.target.value });
  });
  box.addEventListener('toggle', (e) => {
    const key = e.target.dataset?.open;
    if (!key || w.model.open[key] === e.target.open) return;
    // A fold (lib/ui.js) is drawn again, with or without its body; any other <details> is only
    // remembered (nothing to draw: a <details> drawn open fires this too).
    if (e.target.dataset.fold) w.dispatch({ type: 'toggle', key, open: e.target.open });
    else w.toggle(key, e.target.open);
  }, true);
  // Escape closes the dialog natively.
  box.addEventListener('close', (e) => {
    if (e.target.matches?.('dialog[data-dialog]') && w.model.dialog) dispatch({ type: 'dialog', dialog: null });
  }, true);
}

/** data-act → (target, w). */
export const ACTIONS = {
  example: (target, w) => {
    const ex = EXAMPLES.find((x) => x.id === target.dataset.id);
    if (!ex) return;
    if (exampleReplaces(w.model.S, ex)) w.ask('example', { type: 'example', id: ex.id }, { name: w.MESSAGES[w.model.prefs.lang].ex[ex.id] }, target);
    else w.dispatch({ type: 'example', id: ex.id });
  },
  export: (_, w) => w.X.files.exportFile(w.box, { S: w.model.S, M: w.shownMethod(w.model.S), engine: w.C.ENGINE, last: w.last }),
  import: (_, w) => w.box.querySelector('[data-act="importFile"]').click(),
  loadMethod: (_, w) => w.box.querySelector('[data-act="methodFile"]').click(),
  saveMethod: (_, w) => {
    const M = w.shownMethod(w.model.S);
    w.X.files.download(w.box, `${M.id}-${M.version}.json`, JSON.stringify(M, null, 2));
  },
  resetMethod: (_, w) => w.dispatch({ type: 'resetMethod' }),
  share: (_, w) => {
    w.dispatch({ type: 'share', url: { url: w.X.files.shareUrl(w.model.S) } });
    const input = w.byId(`${w.P}share`);
    input?.focus();
    input?.select();
  },
  copy: async (_, w) => {
    const url = w.model.share?.url;
    w.byId(`${w.P}share`)?.select();
    let msg = 'copied';
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      msg = 'copyFail';
    }
    w.dispatch({ type: 'share', url: { url, msg } });
  },
  clear: (target, w) => w.ask('clear', { type: 'clear' }, {}, target),
  no: (_, w) => w.dispatch({ type: 'dialog', dialog: null }),
  yes: (_, w) => {
    const yes = w.model.dialog?.yes;
    w.dispatch({ type: 'dialog', dialog: null });
    if (yes) w.dispatch(yes);
    if (w.opener?.isConnected) w.opener.focus();
    w.opener = null;
  },
  rawApply: (target, w) => setValue(w, `${w.P}v-${target.dataset.id}`, target.dataset.v),
  suggest: (target, w) => setValue(w, target.dataset.id, target.dataset.v),
  focus: (target, w) => {
    const input = w.byId(target.dataset.id);
    const details = input?.closest('details');
    if (details && !details.open) details.open = true;
    input?.focus();
  },
  exportBackup: (_, w) => w.X.files.exportBackup(w.box, w.aside),
  dismissAside: (_, w) => w.dispatch({ type: 'setAside', setAside: null }),
};

/**
 * The file chosen in a file input (`kind`: importFile, methodFile or recordsFile): an export to
 * restore, a methodology to use, or saved records (issue 9, read by lib/reduce9.js with `api9`).
 */
export async function readFile(w, kind, input, api9) {
  const f = input.files?.[0];
  input.value = '';
  if (!f) return;
  if (kind === 'recordsFile') return w.X.r9.readRecordsFile(api9, f);
  const actions = await w.X.files.readChosenFile(f, kind, { L: w.MESSAGES[w.model.prefs.lang], ids: w.C.ids, profile: w.o.profile });
  for (const a of actions) {
    if (a.aside) w.aside = a.aside;
    w.dispatch(a);
  }
}

/**
 * What app.js's compute adds once the panels and the full engine are there: the raw-figure
 * helpers' derived indicators, the target check with its region table (issue 10) and what to
 * improve (issue 9). `e`: { C, X, S, show, res, annual, na, errors (appended to), run,
 * methodArg, shownMethod, profileOf, profileArg }.
 */
export function computeMore(e) {
  const { C, X, S, show, res, annual, na, errors } = e;
  const derived = {};
  if (show.has('inputs')) {
    for (const [ind, f] of Object.entries(S.raw)) {
      const vals = filled(f);
      if (!Object.keys(vals).length) continue;
      try {
        const d = C.m.deriveIndicators({ [ind]: vals })[ind];
        if (finite(d)) derived[ind] = d;
        else errors.push({ code: 'not_finite', field: `raw.${ind}`, value: null, params: {}, message: `raw.${ind}: not finite` });
      } catch (x) {
        errors.push(...errorList(x));
      }
    }
  }
  let targets = null;
  let regions = null;
  if (show.has('targets')) {
    const actuals = filled(S.actuals);
    if (!('mqci' in actuals) && finite(res?.index)) actuals.mqci = res.index;
    ({ targets, regions } = X.progress.checkAll(C, S, actuals, { res, enterprise: show.has('inputs'), profile: e.profileOf(S), arg: e.profileArg(S), run: e.run, regions: X.regions }));
  }
  let improve = null;
  if (res && show.has('results')) improve = X.improve.compute(C, S, res, { values: { ...(annual?.values || {}), ...filled(S.values) }, scores: filled(S.scores), na }, e.methodArg(S), e.shownMethod(S));
  return { derived, targets, regions, improve };
}

/** The controller's setInputs (embedding API): indicator values and sub-scores from a host. */
export function setInputs(w, input) {
  const { C } = w;
  if (!C) return;
  try {
    C.m.assess(input ?? {}, w.methodArg(w.model.S));
  } catch (e) {
    const errors = errorList(e).filter((x) => x.code === 'unknown_id' || x.code === 'invalid' || x.code === 'wrong_type' || x.code === 'unknown_key');
    if (errors.length) w.o.onError?.({ message: String(e.message), errors });
  }
  const strings = (m, allowed) => Object.fromEntries(Object.entries(m && typeof m === 'object' ? m : {})
    .filter(([k, x]) => allowed.includes(k) && (typeof x === 'string' || typeof x === 'number'))
    .map(([k, x]) => [k, String(x)]));
  w.dispatch({ type: 'setInputs', values: strings(input?.values, C.ids.IND), scores: strings(input?.scores, [...C.ids.NODES, ...C.ids.IND]) });
}

/** The controller's setProfile: a shipped (or the host's own) profile id, else an error for the host. */
export function setProfile(w, id) {
  if (!w.C || !w.profileOk(id)) {
    let value;
    try {
      value = String(id);
    } catch {
      value = Object.prototype.toString.call(id);
    }
    const message = `profile: unknown id "${value}"`;
    w.o.onError?.({ message, errors: [{ code: 'unknown_id', field: 'profile', value, params: {}, message }] });
    return;
  }
  w.dispatch({ type: 'profile', value: id });
}
