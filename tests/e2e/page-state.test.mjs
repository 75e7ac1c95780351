// The page's state module without a browser: reduce is the one transition and never mutates
// the model it is given; sanitize keeps every valid part of saved or imported inputs and lists
// what it sets aside; numbers that are not finite are never formatted as "NaN"/"Infinity".

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { initSync, defaultMethodology, rawFields, targetProfiles, targetMetrics, readMethodology } from '../../www/pkg/mqci.js';
import { blank, sanitize, needsFull } from '../../www/lib/state.js';
import { reduce, exampleReplaces } from '../../www/lib/reduce.js';
import { fmt, f2, fv } from '../../www/lib/format.js';
import { EXAMPLES } from '../../www/data/examples.js';
import { MESSAGES } from '../../www/i18n.js';
import EN from '../../www/lang/en.js';

initSync({ module: await readFile(fileURLToPath(new URL('../../www/pkg/mqci_bg.wasm', import.meta.url))) });
const DEF = defaultMethodology();
const IDS = {
  IND: Object.keys(DEF.indicators),
  NODES: [...Object.keys(DEF.secondary), ...Object.keys(DEF.tertiary)],
  METRICS: targetMetrics().map((m) => m.id),
  RAW: Object.fromEntries(rawFields().map((r) => [r.indicator, r.fields.map((f) => f.key)])),
  PROFILES: targetProfiles().map((p) => p.id),
  readMethodology,
};
const ctx = { examples: EXAMPLES, profileOk: (id) => IDS.PROFILES.includes(id), blankProfile: 'national-2025' };
const deepFreeze = (o) => { if (o && typeof o === 'object') { Object.values(o).forEach(deepFreeze); Object.freeze(o); } return o; };

test('reduce returns a new model and never mutates the one given', () => {
  const model = deepFreeze({ S: blank('national-2025'), prefs: { lang: 'zh-CN', large: false }, notice: null, methodErrors: null, setAside: null, share: null, dialog: null, saveError: null, open: {} });
  const actions = [
    { type: 'input', k: 'values', id: 'spot_check_pass_rate', value: '95' },
    { type: 'input', k: 'raw', id: 'grade_product_rate', f: 'totalOutput', value: '100' },
    { type: 'example', id: 'national-2007' },
    { type: 'example', id: 'mianyang-2016' },
    { type: 'profile', value: 'jiangsu-2025' },
    { type: 'bandScheme', value: '2009' },
    { type: 'std', value: 'exponential' },
    { type: 'clear' },
    { type: 'large' },
    { type: 'lang', value: 'en' },
    { type: 'toggle', key: 'scores', open: true },
  ];
  let m = model;
  for (const a of actions) {
    const next = reduce(m, a, ctx);
    assert.notEqual(next, m, `${a.type} makes a new model`);
    m = next;
  }
  assert.deepEqual(model.S, blank('national-2025'), 'the first model is untouched');
  assert.equal(m.prefs.lang, 'en');
  assert.equal(reduce(m, { type: 'nonsense' }, ctx), m, 'an unknown action changes nothing');
  assert.equal(reduce(m, { type: 'profile', value: 'nowhere-2099' }, ctx).S.profile, m.S.profile, 'an unknown profile is refused');
});

test('examples load their published figures and profile; loading one over typed figures asks first', () => {
  let m = { S: blank('national-2025'), open: {} };
  m = reduce(m, { type: 'example', id: 'chengdu-2023' }, ctx);
  assert.equal(m.S.profile, 'chengdu-2027');
  assert.equal(m.S.actuals.industrial_product_pass_rate, '94.5');
  assert.equal(exampleReplaces(m.S, EXAMPLES.find((e) => e.id === 'chengdu-2023')), false, 'the same figures again: nothing to lose');
  assert.equal(exampleReplaces(m.S, EXAMPLES.find((e) => e.id === 'mianyang-2016')), true);
  for (const ex of EXAMPLES) for (const k of ['figure', 'document', 'publisher', 'date']) assert.ok(ex[k], `${ex.id} has its ${k}`);
});

// The first result draws the example buttons from the catalogue's names (app.js), before
// data/examples.js is there; both catalogues name exactly the data's examples, in its order.
test('the catalogues name every example of data/examples.js, in the same order, and no other', () => {
  const ids = EXAMPLES.map((e) => e.id);
  assert.ok(ids.length >= 3, `${ids.length} examples`);
  assert.deepEqual(Object.keys(MESSAGES['zh-CN'].ex), ids, 'zh-CN (i18n.js)');
  assert.deepEqual(Object.keys(EN.ex), ids, 'en (lang/en.js)');
  for (const ex of EXAMPLES) assert.ok(ex.scores || ex.actuals, `${ex.id} fills the inputs or the targets`);
});

test('sanitize keeps every valid part and sets aside the rest, naming it', () => {
  const bad = defaultMethodology();
  bad.indicators.spot_check_pass_rate.weight = 0.9;
  const { S, setAside } = sanitize({
    values: { spot_check_pass_rate: '95', not_an_indicator: '1', quality_loss_rate: { x: 1 } },
    scores: { quality_level: 84.76 },
    raw: { grade_product_rate: { totalOutput: '100', bogus: '1' }, nope: {} },
    actuals: { mqci: '88' },
    profile: 'nowhere-2099',
    method: { bandScheme: '2009', custom: bad, name: 'old.json' },
  }, IDS, 'national-2025');
  assert.deepEqual(S.values, { spot_check_pass_rate: '95' });
  assert.deepEqual(S.scores, { quality_level: '84.76' });
  assert.deepEqual(S.raw, { grade_product_rate: { totalOutput: '100' } });
  assert.deepEqual(S.actuals, { mqci: '88' });
  assert.equal(S.profile, 'national-2025');
  assert.equal(S.method.bandScheme, '2009');
  assert.equal(S.method.custom, null);
  assert.deepEqual(setAside.map((x) => x.part).sort(), ['method', 'profile', 'raw.grade_product_rate.bogus', 'raw.nope', 'values.not_an_indicator', 'values.quality_loss_rate'].sort());
  assert.ok(setAside.find((x) => x.part === 'method').error, 'the refusal is kept to name the bad field');
  assert.equal(needsFull(S), true, 'band scheme 2009 needs the full engine');
  assert.throws(() => sanitize([], IDS, 'national-2025'));
  // Before the full engine: shape only, ids kept for the later check.
  assert.deepEqual(sanitize({ values: { anything: '1' } }, null, 'x').S.values, { anything: '1' });
});

test('numbers that are not finite are shown as "–", never "NaN" or "Infinity"', () => {
  for (const v of [NaN, Infinity, -Infinity, undefined, null, '12']) {
    assert.equal(fmt(v, 0, 2), '–');
    assert.equal(f2(v), '–');
    assert.equal(fv(v), '–');
  }
  assert.equal(f2(80.985), '80.99');
  assert.equal(fv(1e21), '1,000,000,000,000,000,000,000');
  assert.equal(fmt(-0.001, 2, 2, true), '0.00');
});
