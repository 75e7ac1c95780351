// What a host can send the widget, checked like API input (issue 13 point 4, issue 8 point 6):
// every message embed.html accepts, every attribute <mqci-widget> reads and every argument of
// its setInputs. Whatever the value — any type a structured clone can carry (and, for the
// element, anything JS can pass: Proxies, throwing getters, Symbols) — the result is a visible
// error in the widget, an mqci:error (iframe) / mqci-error (element) with a code and a field,
// and no uncaught exception (`finish` fails on any page error in any frame).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  H, NATIONAL_2007, OTHER, startBrowser, stopBrowser, hostPage, open, finish, widgetFrame, logLength, waitMessage,
  postToWidget, indexIn, widgetsReady,
} from './embed-kit.mjs';
import { runAxe, describeViolations } from './helpers.mjs';

before(startBrowser);
after(stopBrowser);

const FIELD = 'spot_check_pass_rate';

/**
 * Builds value `kind` in the page that runs it (serialized by playwright: self-contained).
 * Kinds a structured clone can carry, and (`local`) ones only a same-page caller can pass.
 */
function makeValue(kind) {
  const make = {
    date: () => new Date(0),
    invalidDate: () => new Date(NaN),
    map: () => new Map([['a', 1]]),
    set: () => new Set([94.5]),
    regexp: () => /94\.5/g,
    arrayBuffer: () => new ArrayBuffer(8),
    uint8: () => new Uint8Array([1, 2]),
    float64: () => new Float64Array([94.5]),
    dataView: () => new DataView(new ArrayBuffer(4)),
    blob: () => new Blob(['94.5']),
    file: () => new File(['94.5'], 'x.txt'),
    imageData: () => new ImageData(1, 1),
    error: () => new TypeError('94.5'),
    bigint: () => 10n ** 30n,
    booleanObject: () => new Boolean(false),
    numberObject: () => new Number(94.5),
    stringObject: () => new String('94.5'),
    boolean: () => true,
    nestedArray: () => [[[94.5]], [[]]],
    sparseArray: () => Object.assign([], { length: 1e6 }),
    nullProto: () => Object.create(null),
    toStringNull: () => ({ toString: null, valueOf: null }),
    deep: () => {
      let o = { a: 94.5 };
      for (let i = 0; i < 2000; i += 1) o = { a: o };
      return o;
    },
    cycle: () => {
      const o = { n: 1 };
      o.self = o;
      o.list = [o, [o]];
      return o;
    },
    hugeString: () => '9'.repeat(2_000_000),
    // Only through a method call (not cloneable):
    symbol: () => Symbol('94.5'),
    fn: () => () => 94.5,
    proxy: () => new Proxy({}, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('trap'); } }),
    revoked: () => {
      const r = Proxy.revocable({}, {});
      r.revoke();
      return r.proxy;
    },
    getter: () => Object.defineProperty({}, 'x', { enumerable: true, get() { throw new Error('getter'); } }),
    toStringThrows: () => ({ toString() { throw new Error('no'); }, [Symbol.toPrimitive]() { throw new Error('no'); } }),
    element: () => document.createElement('div'),
    promise: () => Promise.resolve(94.5),
    weakMap: () => new WeakMap(),
  };
  return make[kind]();
}

const CLONEABLE = ['date', 'invalidDate', 'map', 'set', 'regexp', 'arrayBuffer', 'uint8', 'float64', 'dataView', 'blob', 'file', 'imageData',
  'error', 'bigint', 'booleanObject', 'numberObject', 'stringObject', 'boolean', 'nestedArray', 'sparseArray', 'nullProto', 'toStringNull',
  'deep', 'cycle', 'hugeString'];
const LOCAL = ['symbol', 'fn', 'proxy', 'revoked', 'getter', 'toStringThrows', 'element', 'promise', 'weakMap'];

/** Where a value goes in a message: the message itself, its type, the input, `values`, one figure, the profile. */
const PLACES = ['message', 'type', 'input', 'values', 'value', 'profile'];

/** The message with `v` at `place` (run in the page, like makeValue). */
function placeValue([place, v, field]) {
  switch (place) {
    case 'message': return v;
    case 'type': return { type: v };
    case 'input': return { type: 'mqci:set-inputs', input: v };
    case 'values': return { type: 'mqci:set-inputs', input: { values: v } };
    case 'value': return { type: 'mqci:set-inputs', input: { values: { [field]: v } } };
    default: return { type: 'mqci:set-profile', profile: v };
  }
}

/**
 * The error expected for value `kind` at `place`: `{ code, field }`, or null where the value is
 * acceptable there (an empty null-prototype object is a valid, empty input).
 */
function expected(kind, place) {
  const objects = { nullProto: {}, toStringNull: { toString: null, valueOf: null }, deep: { a: {} }, cycle: { n: 1, self: {}, list: [] } };
  if (kind in objects) {
    const keys = Object.keys(objects[kind]);
    if (place === 'message') return { code: 'missing', field: 'type' };
    if (place === 'input') return keys.length ? { code: 'unknown_key', field: 'input' } : null;
    if (place === 'values') {
      // Keys with null values are empty figures; an object value is not a figure.
      const bad = keys.find((k) => objects[kind][k] !== null && typeof objects[kind][k] === 'object');
      if (bad) return { code: 'wrong_type', field: `values.${bad}` };
      return null; // ids the engine does not know are reported by the engine (unknown_id)
    }
  }
  if (kind === 'hugeString') {
    if (place === 'type') return { code: 'unknown_id', field: 'type' };
    if (place === 'profile') return { code: 'too_large', field: 'profile' };
    if (place === 'value') return { code: 'too_large', field: `values.${FIELD}` };
  }
  return { code: 'wrong_type', field: place === 'value' ? `values.${FIELD}` : place };
}

/**
 * Defines makeValue and placeValue in `page` (as window.__build and window.__place). Source
 * evaluated through the DevTools protocol is not subject to the host's CSP (no 'unsafe-eval'),
 * so they are sent as text once; the values are then built in the page, where they are posted.
 */
const installMakers = (page) => page.evaluate(`window.__build = ${makeValue}; window.__place = ${placeValue}; 0`);

/** The argument of setInputs with `v` at `place` ("input", "values" or "value"): the `input` of placeValue. */
const INPUT_PLACES = ['input', 'values', 'value'];

/** Posts, from the host page, the message with value `kind` at `place`. */
const postMade = (page, kind, place) => page.evaluate(([k, p, f]) => {
  document.querySelector('#widget-frame').contentWindow.postMessage(window.__place([p, window.__build(k), f]), '*');
}, [kind, place, FIELD]);

/** The visible notice in `scope` (frame or element locator): its list items' fields and texts. */
const noticeIn = (scope) => scope.locator('[data-testid="embed-error"]');
async function noticeItems(scope) {
  const notice = noticeIn(scope);
  if (!(await notice.isVisible())) return [];
  return notice.locator('li').evaluateAll((lis) => lis.map((li) => ({ field: li.querySelector('code').textContent, code: li.dataset.code, text: li.textContent })));
}

const errorShape = (e) => {
  assert.equal(typeof e.code, 'string');
  assert.ok(e.code.length > 0, 'a code');
  assert.equal(typeof e.field, 'string');
  assert.ok(e.field.length > 0, 'a field');
  assert.ok(e.value === null || typeof e.value === 'string', `value is a string or null: ${e.value}`);
  assert.ok(e.value === null || e.value.length <= 65, 'value quoted short');
  assert.equal(typeof e.message, 'string');
  assert.ok(Array.isArray(e.errors) && e.errors.length >= 1, 'errors listed');
  for (const x of e.errors) {
    assert.ok(x.code && x.field, `every listed error has a code and a field: ${JSON.stringify(x)}`);
    assert.equal(typeof x.params, 'object');
  }
};

// ---- the iframe ----

test('iframe regression: a Date, a Map or a RegExp as an indicator value is a field error (was: uncaught TypeError "Cannot convert object to primitive value")', async () => {
  const s = await open(hostPage('iframe.html', { origins: H }));
  const { page } = s;
  const frame = await widgetFrame(page);
  await waitMessage(page, { type: 'mqci:result', index: 80.99 });
  for (const [kind, shown] of [['date', 'Date'], ['map', 'Map'], ['regexp', 'RegExp']]) {
    const since = await logLength(page);
    await page.evaluate(([k, f]) => {
      const v = k === 'date' ? new Date(0) : k === 'map' ? new Map([['a', 1]]) : /94\.5/g;
      document.querySelector('#widget-frame').contentWindow.postMessage({ type: 'mqci:set-inputs', input: { values: { [f]: v } } }, '*');
    }, [kind, FIELD]);
    const error = await waitMessage(page, { type: 'mqci:error' }, since);
    errorShape(error);
    assert.equal(error.code, 'wrong_type', kind);
    assert.equal(error.field, `values.${FIELD}`, kind);
    assert.equal(error.value, `[object ${shown}]`);
    assert.deepEqual(error.params, { expected: 'number', got: 'other' });
    assert.equal(error.message, `values.${FIELD}: must be a number or a string, not a ${shown}`);
    // Shown in the widget, in its language, naming the field; the inputs are untouched.
    const items = await noticeItems(frame);
    assert.deepEqual(items.map((i) => i.field), [`values.${FIELD}`]);
    assert.equal(items[0].text, `values.${FIELD}：应为数字或文字，实际是其他类型的值（${shown}）`);
    assert.equal(await noticeIn(frame).locator('p').first().innerText(), '宿主页面发来的指令未被执行：');
    assert.equal(await indexIn(frame).innerText(), '80.99');
  }
  // A valid command afterwards is carried out and clears the notice.
  await postToWidget(page, { type: 'mqci:set-inputs', input: OTHER });
  await waitMessage(page, { type: 'mqci:result', index: 89 });
  await noticeIn(frame).waitFor({ state: 'hidden' });
  await finish(s);
});

test('iframe regression: set-profile with an id object whose toString is null posts mqci:error (was: nothing)', async () => {
  const s = await open(hostPage('iframe.html', { origins: H }));
  const { page } = s;
  const frame = await widgetFrame(page);
  await waitMessage(page, { type: 'mqci:result' });
  const before = await frame.locator('select[data-act="profile"]').inputValue();
  for (const make of ['toStringNull', 'nullProto', 'stringObject']) {
    const since = await logLength(page);
    await page.evaluate((k) => {
      const v = k === 'toStringNull' ? { toString: null } : k === 'nullProto' ? Object.create(null) : new String('shanghai-2025');
      document.querySelector('#widget-frame').contentWindow.postMessage({ type: 'mqci:set-profile', profile: v }, '*');
    }, make);
    const error = await waitMessage(page, { type: 'mqci:error' }, since);
    errorShape(error);
    assert.deepEqual([error.code, error.field, error.params.expected], ['wrong_type', 'profile', 'string'], make);
    assert.deepEqual((await noticeItems(frame)).map((i) => i.field), ['profile']);
  }
  assert.equal(await frame.locator('select[data-act="profile"]').inputValue(), before);
  await finish(s);
});

test('iframe regression: an unknown profile is unknown_id on field "profile", shown, never a silent fallback', async () => {
  // As the iframe's query parameter: the widget starts with the default and says why.
  const s = await open(hostPage('iframe.html', { origins: H, profile: 'atlantis-2030' }));
  const { page } = s;
  const frame = await widgetFrame(page);
  const atStart = await waitMessage(page, { type: 'mqci:error', field: 'profile' });
  errorShape(atStart);
  assert.deepEqual([atStart.code, atStart.value, atStart.message], ['unknown_id', 'atlantis-2030', 'profile: unknown id "atlantis-2030"']);
  const types = (await page.evaluate(() => window.__log)).filter((m) => m.from === 'widget').map((m) => m.data.type);
  assert.equal(types[0], 'mqci:ready', 'ready still comes first');
  await noticeIn(frame).locator('p[data-kind="setting"]').filter({ hasText: '嵌入设置有误，以下各项未被采用：' }).waitFor();
  assert.deepEqual(await noticeItems(frame), [{ field: 'profile', code: 'unknown_id', text: 'profile：未知的标识“atlantis-2030”' }]);

  // As a command: refused, the profile stays what it was.
  await postToWidget(page, { type: 'mqci:set-profile', profile: 'shanghai-2025' });
  await frame.locator('[data-testid="target-table"] caption').filter({ hasText: '上海 2025 年目标' }).waitFor();
  for (const bad of ['atlantis-2030', 'SHANGHAI-2025', '', 'x'.repeat(65)]) {
    const since = await logLength(page);
    await postToWidget(page, { type: 'mqci:set-profile', profile: bad });
    const error = await waitMessage(page, { type: 'mqci:error' }, since);
    errorShape(error);
    assert.equal(error.field, 'profile');
    assert.equal(error.code, bad === '' ? 'empty' : bad.length > 64 ? 'too_large' : 'unknown_id', bad);
    assert.ok((await noticeItems(frame)).some((i) => i.field === 'profile' && i.code === error.code));
    assert.equal(await frame.locator('select[data-act="profile"]').inputValue(), 'shanghai-2025');
  }
  await finish(s);
});

test('iframe: every structured-cloneable type, in every place of a message, is refused with a code and a field and shown', async () => {
  const s = await open(hostPage('iframe.html', { origins: H }));
  const { page } = s;
  const frame = await widgetFrame(page);
  await waitMessage(page, { type: 'mqci:result', index: 80.99 });
  await installMakers(page);
  let checked = 0;
  for (const kind of CLONEABLE) {
    for (const place of PLACES) {
      const want = expected(kind, place);
      if (!want) continue;
      const since = await logLength(page);
      await postMade(page, kind, place);
      const error = await waitMessage(page, { type: 'mqci:error' }, since);
      errorShape(error);
      assert.deepEqual({ code: error.errors[0].code, field: error.errors[0].field }, want, `${kind} at ${place}: ${error.message}`);
      assert.ok((await noticeItems(frame)).some((i) => i.field === want.field && i.code === want.code), `${kind} at ${place} shown`);
      checked += 1;
    }
  }
  assert.ok(checked > 130, `checked ${checked} cases`);
  assert.equal(await indexIn(frame).innerText(), '80.99', 'nothing was applied');
  await finish(s);
});

test('iframe: query parameters that cannot be used are shown and reported one by one; their defaults apply', async () => {
  const url = new URL(hostPage('iframe.html', { origins: `${H},not a url,*` }));
  const params = { lang: 'fr', mode: 'wide', key: 'k'.repeat(65), methodology: 'http://127.0.0.1:1/m.json' };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const s = await open(url.href);
  const { page } = s;
  const frame = await widgetFrame(page);
  const want = {
    origins: ['not_an_origin', 'not a url'], lang: ['unknown_id', 'fr'], mode: ['unknown_id', 'wide'],
    key: ['too_large', 'k'.repeat(64) + '…'], methodology: ['not_same_origin', 'http://127.0.0.1:1/m.json'],
  };
  for (const [field, [code, value]] of Object.entries(want)) {
    const error = await waitMessage(page, { type: 'mqci:error', field });
    errorShape(error);
    assert.deepEqual([error.code, error.value], [code, value], field);
  }
  const origins = (await page.evaluate(() => window.__log)).filter((m) => m.data?.type === 'mqci:error' && m.data.field === 'origins');
  assert.deepEqual(origins.map((m) => m.data.value), ['not a url', '*']);
  const items = await noticeItems(frame);
  assert.deepEqual(items.map((i) => i.field), ['origins', 'origins', 'lang', 'methodology', 'mode', 'key']);
  assert.equal(items.find((i) => i.field === 'key').text, `key：文字过长，上限为 64 个字符`);
  // The notice is accessible (WCAG 2 A/AA rules of axe-core, in the iframe's document).
  const violations = await runAxe(frame, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  assert.deepEqual(violations, [], describeViolations(violations));
  // The defaults: Chinese, every section, the saved state under the first 64 characters of the key.
  assert.equal(await frame.evaluate(() => document.querySelector('.mqci').lang), 'zh-CN');
  assert.equal(await frame.evaluate(() => document.querySelector('.mqci').dataset.mode), 'full');
  assert.equal(await indexIn(frame).innerText(), '80.99');
  await frame.locator('.mqci-scores input[data-id="quality_level"]').fill('90');
  await indexIn(frame).filter({ hasText: /^83\.61$/ }).waitFor();
  assert.deepEqual(await frame.evaluate(() => Object.keys(localStorage)), [`mqci:v1:embed:${'k'.repeat(64)}`]);
  // The notice follows the widget's language.
  await frame.locator('[data-act="lang"]').click();
  await noticeIn(frame).locator('p[data-kind="setting"]').filter({ hasText: 'Some embedding settings are wrong and were not used:' }).waitFor();
  assert.equal((await noticeItems(frame)).find((i) => i.field === 'mode').text, 'mode: unknown id “wide”');
  // Dismissed by the visitor.
  await noticeIn(frame).getByRole('button', { name: 'Dismiss' }).click();
  await noticeIn(frame).waitFor({ state: 'hidden' });
  await finish(s);
});

test('iframe: a command over the size limits (1,000,000 characters of figures, 10,000 keys) is refused as too_large; the next one works', async () => {
  const s = await open(hostPage('iframe.html', { origins: H }));
  const { page } = s;
  const frame = await widgetFrame(page);
  await waitMessage(page, { type: 'mqci:result', index: 80.99 });
  const cases = [
    ['one figure of 2,000,000 characters', { values: { [FIELD]: '9'.repeat(2_000_000) } }, { limit: 'bytes', max: 1_000_000 }, `values.${FIELD}`],
    ['20,000 keys', { values: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, 1])) }, { limit: 'keys', max: 10_000 }, 'values'],
    ['60,000 short figures', { scores: Object.fromEntries(Array.from({ length: 9_000 }, (_, i) => [`k${i}`, 'x'.repeat(120)])) }, { limit: 'bytes', max: 1_000_000 }, null],
  ];
  for (const [name, input, params, field] of cases) {
    const since = await logLength(page);
    await postToWidget(page, { type: 'mqci:set-inputs', input });
    const error = await waitMessage(page, { type: 'mqci:error' }, since);
    errorShape(error);
    assert.equal(error.code, 'too_large', name);
    assert.deepEqual(error.params, params, name);
    if (field) assert.equal(error.field, field, name);
    else assert.match(error.field, /^scores\.k\d+$/, name);
    assert.ok((await noticeItems(frame)).some((i) => i.code === 'too_large'), `${name} shown`);
  }
  await postToWidget(page, { type: 'mqci:set-inputs', input: OTHER });
  await waitMessage(page, { type: 'mqci:result', index: 89 });
  await finish(s);
});

test('iframe: other message types and keys are refused (unknown_id "type", unknown_key), not ignored', async () => {
  const s = await open(hostPage('iframe.html', { origins: H }));
  const { page } = s;
  const frame = await widgetFrame(page);
  await waitMessage(page, { type: 'mqci:result' });
  const cases = [
    [{ type: 'mqci:bogus' }, 'unknown_id', 'type', 'mqci:bogus'],
    [{ type: 'mqci:result', result: {} }, 'unknown_id', 'type', 'mqci:result'],
    [{ input: NATIONAL_2007 }, 'missing', 'type', null],
    [{ type: 'mqci:set-inputs', input: NATIONAL_2007, id: 7 }, 'unknown_key', 'message', 'id'],
    [{ type: 'mqci:set-inputs', input: { ...NATIONAL_2007, raw: {} } }, 'unknown_key', 'input', 'raw'],
    [{ type: 'mqci:set-inputs' }, 'missing', 'input', null],
    [{ type: 'mqci:set-profile' }, 'missing', 'profile', null],
    ['mqci:set-inputs', 'wrong_type', 'message', 'mqci:set-inputs'],
    [null, 'wrong_type', 'message', null],
    [[{ type: 'mqci:set-inputs', input: OTHER }], 'wrong_type', 'message', '[object Array]'],
  ];
  for (const [message, code, field, value] of cases) {
    const since = await logLength(page);
    await postToWidget(page, message);
    const error = await waitMessage(page, { type: 'mqci:error' }, since);
    errorShape(error);
    assert.deepEqual([error.code, error.field, error.value], [code, field, value], JSON.stringify(message));
  }
  assert.equal(await indexIn(frame).innerText(), '80.99');
  await finish(s);
});

test('iframe: ids the engine does not know are left out and said (unknown_id, shown); the rest of the command is applied', async () => {
  const s = await open(hostPage('iframe.html', { origins: H }));
  const { page } = s;
  const frame = await widgetFrame(page);
  await waitMessage(page, { type: 'mqci:result', index: 80.99 });
  const since = await logLength(page);
  await postToWidget(page, { type: 'mqci:set-inputs', input: { values: { [FIELD]: 95, nope: 1 }, scores: { ...OTHER.scores, toString: '90' } } });
  const error = await waitMessage(page, { type: 'mqci:error' }, since);
  errorShape(error);
  assert.equal(error.code, 'many');
  assert.equal(error.field, 'input');
  assert.deepEqual(error.errors.map((e) => [e.code, e.field, e.value]), [['unknown_id', 'values.nope', 'nope'], ['unknown_id', 'scores.toString', 'toString']]);
  await waitMessage(page, { type: 'mqci:result', index: 89 }, since);
  assert.equal(await frame.locator(`input[data-k="values"][data-id="${FIELD}"]`).inputValue(), '95');
  await noticeIn(frame).locator('p').filter({ hasText: '宿主页面发来的数据中，以下各项未被采用：' }).waitFor();
  assert.deepEqual(await noticeItems(frame), [
    { field: 'values.nope', code: 'unknown_id', text: 'values.nope：未知的标识“nope”' },
    { field: 'scores.toString', code: 'unknown_id', text: 'scores.toString：未知的标识“toString”' },
  ]);
  await finish(s);
});

// ---- the element ----

/** Calls setInputs on the first <mqci-widget> with the value `kind` at `place`; returns the mqci-error details it dispatched at once. */
const setInputsMade = (page, kind, place) => page.evaluate(([k, p, f]) => {
  const el = document.querySelector('mqci-widget');
  const seen = [];
  const listen = (e) => seen.push(e.detail);
  el.addEventListener('mqci-error', listen);
  try {
    el.setInputs(window.__place([p, window.__build(k), f]).input);
  } finally {
    el.removeEventListener('mqci-error', listen);
  }
  return seen;
}, [kind, place, FIELD]);

/** The error setInputs gives for `kind` at `place` (input, values, value), for values only a same-page caller can pass. */
function expectedLocal(kind, place) {
  const at = place === 'value' ? `values.${FIELD}` : place;
  if (kind === 'getter') return place === 'input' ? { code: 'unknown_key', field: 'input' } : place === 'values' ? { code: 'unreadable', field: 'values.x' } : { code: 'wrong_type', field: at };
  if (kind === 'toStringThrows') return place === 'value' ? { code: 'wrong_type', field: at } : { code: 'unknown_key', field: place };
  return { code: 'wrong_type', field: at };
}

test('<mqci-widget> regression: setInputs with booleans and Dates as figures is an error naming each field (was: silently dropped)', async () => {
  const s = await open(hostPage('element.html'));
  const { page } = s;
  await widgetsReady(page);
  const widget = page.locator('mqci-widget');
  const details = await page.evaluate((f) => {
    const el = document.querySelector('mqci-widget');
    const seen = [];
    el.addEventListener('mqci-error', (e) => seen.push(e.detail));
    el.setInputs({ values: { [f]: true, quality_loss_rate: new Date(0) }, scores: { quality_level: false, development_capability: 77.21 } });
    return seen;
  }, FIELD);
  assert.equal(details.length, 1, 'one event for the refused call');
  const [d] = details;
  errorShape(d);
  assert.equal(d.code, 'many');
  assert.equal(d.field, 'input');
  assert.deepEqual(d.errors.map((e) => [e.code, e.field, e.value]), [
    ['wrong_type', `values.${FIELD}`, 'true'],
    ['wrong_type', 'values.quality_loss_rate', '[object Date]'],
    ['wrong_type', 'scores.quality_level', 'false'],
  ]);
  assert.deepEqual(d.errors.map((e) => e.params.got), ['boolean', 'other', 'boolean']);
  // Shown in the widget; nothing was applied (the call is refused as a whole).
  assert.deepEqual((await noticeItems(widget)).map((i) => i.text), [
    `values.${FIELD}：应为数字或文字，实际是布尔值`,
    'values.quality_loss_rate：应为数字或文字，实际是其他类型的值（Date）',
    'scores.quality_level：应为数字或文字，实际是布尔值',
  ]);
  assert.equal(await page.evaluate(() => document.querySelector('mqci-widget').getResult().index), 80.99);
  assert.equal(await widget.locator('input[data-k="scores"][data-id="quality_level"]').inputValue(), '84.76');
  // A valid call is carried out and clears the notice.
  await page.evaluate((input) => document.querySelector('mqci-widget').setInputs(input), OTHER);
  await indexIn(widget).filter({ hasText: /^89\.00$/ }).waitFor();
  await noticeIn(widget).waitFor({ state: 'hidden' });
  await finish(s);
});

test('<mqci-widget> regression: an unknown profile attribute is unknown_id on "profile", shown, at start and when changed', async () => {
  const s = await open(hostPage('element.html', { attrs: { profile: 'atlantis-2030' } }));
  const { page } = s;
  await widgetsReady(page);
  const widget = page.locator('mqci-widget');
  await page.waitForFunction(() => window.__log.some((e) => e.type === 'mqci-error' && e.detail.field === 'profile'));
  const first = (await page.evaluate(() => window.__log)).find((e) => e.type === 'mqci-error' && e.detail.field === 'profile').detail;
  errorShape(first);
  assert.deepEqual([first.code, first.value, first.message], ['unknown_id', 'atlantis-2030', 'profile: unknown id "atlantis-2030"']);
  await noticeIn(widget).locator('p[data-kind="setting"]').waitFor();
  assert.deepEqual(await noticeItems(widget), [{ field: 'profile', code: 'unknown_id', text: 'profile：未知的标识“atlantis-2030”' }]);
  // A shipped profile: applied, the notice goes; an unknown one again: reported, nothing changes.
  await page.evaluate(() => document.querySelector('mqci-widget').setAttribute('profile', 'shanghai-2025'));
  await widget.locator('[data-testid="target-table"] caption').filter({ hasText: '上海' }).waitFor();
  await noticeIn(widget).waitFor({ state: 'hidden' });
  const n = await page.evaluate(() => window.__log.length);
  await page.evaluate(() => document.querySelector('mqci-widget').setAttribute('profile', 'nowhere-2030'));
  await page.waitForFunction((k) => window.__log.slice(k).some((e) => e.type === 'mqci-error' && e.detail.value === 'nowhere-2030'), n);
  const again = (await page.evaluate((k) => window.__log.slice(k), n)).filter((e) => e.type === 'mqci-error');
  assert.deepEqual(again.map((e) => [e.detail.code, e.detail.field]), [['unknown_id', 'profile']], 'reported once');
  assert.equal(await widget.locator('select[data-act="profile"]').inputValue(), 'shanghai-2025');
  assert.deepEqual((await noticeItems(widget)).map((i) => i.field), ['profile']);
  await finish(s);
});

test('<mqci-widget>: setInputs with any JS value — every cloneable type, Proxies, throwing getters, Symbols — at any place is an mqci-error with a code and a field, shown', async () => {
  const s = await open(hostPage('element.html'));
  const { page } = s;
  await widgetsReady(page);
  const widget = page.locator('mqci-widget');
  await installMakers(page);
  let checked = 0;
  for (const kind of [...CLONEABLE, ...LOCAL]) {
    for (const place of INPUT_PLACES) {
      const want = LOCAL.includes(kind) ? expectedLocal(kind, place) : expected(kind, place);
      const details = await setInputsMade(page, kind, place);
      if (!want) {
        // Acceptable in shape; only the engine may speak, about ids it does not know ("toString").
        for (const d of details) errorShape(d);
        assert.deepEqual(details.flatMap((d) => d.errors.map((e) => e.code)).filter((c) => c !== 'unknown_id'), [], `${kind} at ${place} is acceptable`);
        continue;
      }
      assert.equal(details.length, 1, `${kind} at ${place}: one event`);
      errorShape(details[0]);
      assert.deepEqual({ code: details[0].errors[0].code, field: details[0].errors[0].field }, want, `${kind} at ${place}: ${details[0].message}`);
      assert.ok((await noticeItems(widget)).some((i) => i.field === want.field && i.code === want.code), `${kind} at ${place} shown`);
      checked += 1;
    }
  }
  assert.ok(checked > 90, `checked ${checked} cases`);
  // The null-prototype input was valid and empty: it cleared the figures, as setInputs({}) does.
  await page.evaluate((input) => document.querySelector('mqci-widget').setInputs(input), NATIONAL_2007);
  assert.equal(await page.evaluate(() => document.querySelector('mqci-widget').getResult().index), 80.99);
  await finish(s);
});

test('<mqci-widget>: attributes that cannot be used (lang, mode, storage-key, methodology) are reported one by one and shown; defaults apply', async () => {
  const attrs = { lang: 'fr', mode: 'wide', 'storage-key': 'k'.repeat(65), methodology: 'http://127.0.0.1:1/m.json' };
  const s = await open(hostPage('element.html', { attrs }));
  const { page } = s;
  await widgetsReady(page);
  const widget = page.locator('mqci-widget');
  const errors = (await page.evaluate(() => window.__log)).filter((e) => e.type === 'mqci-error').map((e) => e.detail);
  for (const d of errors) errorShape(d);
  assert.deepEqual(errors.map((d) => [d.field, d.code, d.value]).sort(), [
    ['lang', 'unknown_id', 'fr'],
    ['methodology', 'not_same_origin', 'http://127.0.0.1:1/m.json'],
    ['mode', 'unknown_id', 'wide'],
    ['storage-key', 'too_large', `${'k'.repeat(64)}…`],
  ]);
  assert.deepEqual((await noticeItems(widget)).map((i) => i.field), ['lang', 'mode', 'methodology', 'storage-key']);
  assert.equal(await widget.locator('.mqci').getAttribute('lang'), 'zh-CN');
  assert.equal(await widget.locator('.mqci').getAttribute('data-mode'), 'full');
  await widget.locator('.mqci-scores input[data-id="quality_level"]').fill('90');
  await indexIn(widget).filter({ hasText: /^83\.61$/ }).waitFor();
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), [`mqci:v1:widget:${'k'.repeat(64)}`]);
  // Case does not matter for lang and mode; fixed values leave the notice, in the new language.
  await page.evaluate(() => {
    const el = document.querySelector('mqci-widget');
    el.setAttribute('lang', 'EN');
    el.setAttribute('mode', 'Full');
  });
  await widget.locator('.mqci[lang="en"]').waitFor();
  await noticeIn(widget).locator('p[data-kind="setting"]').filter({ hasText: 'Some embedding settings are wrong and were not used:' }).waitFor();
  assert.deepEqual((await noticeItems(widget)).map((i) => i.field), ['methodology', 'storage-key']);
  assert.equal((await noticeItems(widget))[0].text, 'methodology: “http://127.0.0.1:1/m.json” is not a same-origin URL');
  await page.evaluate(() => document.querySelector('mqci-widget').removeAttribute('methodology'));
  await widgetsReady(page);
  assert.deepEqual((await noticeItems(widget)).map((i) => i.field), ['storage-key']);
  // Huge values are refused from their length, quoted short.
  const huge = await page.evaluate(() => {
    const el = document.querySelector('mqci-widget');
    const seen = [];
    el.addEventListener('mqci-error', (e) => seen.push(e.detail));
    el.setAttribute('lang', 'x'.repeat(5_000_000));
    el.setAttribute('profile', 'p'.repeat(5_000_000));
    el.setAttribute('methodology', `/${'m'.repeat(5_000_000)}`);
    return new Promise((r) => setTimeout(() => r(seen.map((d) => [d.field, d.code, d.value.length, d.params]))));
  });
  assert.deepEqual(huge, [
    ['lang', 'unknown_id', 65, {}],
    ['profile', 'too_large', 65, { limit: 'string', max: 64 }],
    ['methodology', 'too_large', 65, { limit: 'string', max: 8192 }],
  ]);
  await widgetsReady(page);
  assert.deepEqual((await noticeItems(widget)).map((i) => i.field), ['lang', 'profile', 'methodology', 'storage-key']);
  await finish(s);
});
