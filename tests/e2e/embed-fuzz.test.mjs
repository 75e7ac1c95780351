// Generative test of what a host can send the widget (issue 13 point 4): a seeded generator
// builds random structured-cloneable messages in the host page and posts them to the iframe
// from the listed origin, sets random attribute values on <mqci-widget> and calls its setInputs
// with random arguments. Each case is valid or invalid BY CONSTRUCTION (the generator knows which
// it made). Asserted: no page error in any frame (`finish`); every invalid case produced exactly
// one error (mqci:error / mqci-error) with a non-empty code and field and a visible notice;
// no valid case produced one; and afterwards a valid command still gives the right index.
//
//   MQCI_FUZZ_SEED=123 MQCI_FUZZ_COUNT=2000 node --test tests/e2e/embed-fuzz.test.mjs   (a longer run)

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { initSync, targetProfiles } from '../../www/pkg/mqci.js';
import { H, NATIONAL_2007, startBrowser, stopBrowser, hostPage, open, finish, widgetFrame, waitMessage, postToWidget, indexIn, widgetsReady } from './embed-kit.mjs';

initSync({ module: await readFile(fileURLToPath(new URL('../../www/pkg/mqci_bg.wasm', import.meta.url))) });
const PROFILES = targetProfiles().map((p) => p.id);

const SEED = Number(process.env.MQCI_FUZZ_SEED || 20261201) >>> 0;
const COUNT = Number(process.env.MQCI_FUZZ_COUNT || 300);

before(startBrowser);
after(stopBrowser);

/**
 * The generator, run in the host page (sent there as source: self-contained). Returns
 * { message(), input(), attr() }, each giving `{ …, valid }`.
 */
function fuzzKit(seed, profiles) {
  let a = seed >>> 0;
  const rnd = () => { // mulberry32
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(rnd() * n);
  const pick = (xs) => xs[int(xs.length)];
  const chance = (p) => rnd() < p;
  const COMMANDS = ['mqci:set-inputs', 'mqci:set-profile'];
  const WORDS = ['', ' ', '94.5', '94.5%', '１２３', '1,5', 'abc', '<img src=x onerror="window.__xss=1">', '"><script>window.__xss=1</script>',
    '\u0000', '\ud800', 'mqci:', 'mqci:set', 'mqci:ready', 'constructor', '__proto__', 'toString', 'values', 'scores', 'type', 'input', 'profile',
    'national-2025x', '😀😀', 'zh-CN ', 'en-US', 'quality_level'];
  const str = () => {
    const k = int(5);
    if (k === 0) return String.fromCharCode(...Array.from({ length: int(20) }, () => int(0x10000)));
    if (k === 1) return 'x'.repeat(int(3000));
    if (k === 2) return pick(WORDS) + int(1000);
    const s = pick(WORDS);
    return COMMANDS.includes(s) ? `${s}!` : s;
  };
  const num = () => pick([0, -0, 1, -1, 94.5, 60, 100, 1e308, -1e308, 5e-324, NaN, Infinity, -Infinity, 2 ** 53, rnd() * 200 - 50]);
  const leaf = () => pick([() => null, () => undefined, () => chance(0.5), num, str, () => BigInt(int(1e6)) ** 3n])();
  // An own property even for "__proto__" (o[k] = v would set the prototype instead).
  const put = (o, k, v) => Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  const isPlain = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)
    && (Object.getPrototypeOf(v) === null || Object.getPrototypeOf(Object.getPrototypeOf(v)) === null);
  function value(depth = 0) {
    if (depth > 3 || chance(0.4)) return leaf();
    const d = depth + 1;
    return pick([
      () => { const o = {}; for (let i = 0, n = int(4); i < n; i += 1) put(o, str(), value(d)); return o; },
      () => new Date(chance(0.8) ? int(2e12) : NaN),
      () => new Map([[str(), value(d)]]),
      () => new Set([value(d)]),
      () => new RegExp(pick(['x', '^a$', '\\d+']), pick(['', 'g', 'gi'])),
      () => new ArrayBuffer(int(64)),
      () => new (pick([Uint8Array, Int16Array, Float32Array, Float64Array, BigInt64Array, Uint8ClampedArray]))(int(8)),
      () => new DataView(new ArrayBuffer(int(16))),
      () => new Blob([str()]),
      () => new File([str()], 'f.txt'),
      () => new (pick([Error, TypeError, RangeError]))(str()),
      () => new Boolean(chance(0.5)),
      () => new Number(num()),
      () => new String(str()),
      () => Object.assign([], { length: int(1e6) }),
      () => Array.from({ length: int(5) }, () => value(d)),
      () => put(Object.create(null), str(), value(d)),
      () => ({ toString: null, valueOf: null }),
      () => { const o = { a: value(d) }; o.self = o; o.list = [o]; return o; },
      () => { let o = {}; for (let i = 0, n = int(80); i < n; i += 1) o = { a: o }; return o; },
      () => new ImageData(1, 1),
    ])();
  }
  /** Anything but a figure (number, string, null, undefined). */
  const nonFigure = () => {
    for (;;) {
      const v = value(chance(0.5) ? 0 : 3);
      if (!(v === null || v === undefined || typeof v === 'string' || typeof v === 'number')) return v;
    }
  };
  /** Anything but a plain object, null or undefined. */
  const nonObject = () => {
    for (;;) {
      const v = value();
      if (v !== null && v !== undefined && !isPlain(v)) return v;
    }
  };
  const figure = () => {
    const x = Math.round((60 + rnd() * 40) * 100) / 100;
    return chance(0.7) ? x : String(x);
  };
  const validInput = () => {
    const input = { scores: { quality_level: figure(), development_capability: figure() } };
    if (chance(0.3)) input.values = pick([{}, null, undefined]);
    return input;
  };
  const keyOtherThan = (taken) => {
    for (;;) {
      const k = str();
      if (!taken.includes(k)) return k;
    }
  };
  /** `{ input, valid }` for setInputs / mqci:set-inputs. */
  function input() {
    const k = int(10);
    if (k < 3) return { input: validInput(), valid: true };
    if (k === 3) {
      const i = validInput();
      i.scores[pick(['quality_level', 'development_capability'])] = nonFigure();
      return { input: i, valid: false, why: 'figure' };
    }
    if (k === 4) return { input: { [pick(['values', 'scores'])]: nonObject() }, valid: false, why: 'container' };
    if (k === 5) return { input: put(validInput(), keyOtherThan(['values', 'scores']), value()), valid: false, why: 'key' };
    if (k === 6) return { input: pick([nonObject, () => null, () => undefined])(), valid: false, why: 'input' };
    if (k === 7) return { input: { scores: { quality_level: '9'.repeat(1_000_001 + int(1000)) } }, valid: false, why: 'bytes' };
    if (k === 8 && chance(0.3)) return { input: { values: Object.fromEntries(Array.from({ length: 10_001 + int(100) }, (_, j) => [`k${j}`, 1])) }, valid: false, why: 'keys' };
    const i = validInput();
    put(i.scores, str(), nonFigure());
    return { input: i, valid: false, why: 'figure2' };
  }
  const unknownProfile = () => {
    for (;;) {
      const s = pick([str, () => 'p'.repeat(65 + int(100))])();
      if (!profiles.includes(s) && s !== '') return s;
    }
  };
  /** `{ message, valid }` for postMessage. */
  function message() {
    const k = int(10);
    if (k < 2) {
      const { input: i, valid, why } = input();
      return { message: { type: 'mqci:set-inputs', input: i }, valid, why };
    }
    if (k === 2) return { message: { type: 'mqci:set-inputs', input: validInput() }, valid: true };
    if (k === 3) return { message: { type: 'mqci:set-profile', profile: pick(profiles) }, valid: true };
    if (k === 4) return { message: { type: 'mqci:set-profile', profile: pick([nonFigure, unknownProfile, () => '', () => undefined, num])() }, valid: false, why: 'profile' };
    if (k === 5) {
      const m = chance(0.5) ? { type: 'mqci:set-inputs', input: validInput() } : { type: 'mqci:set-profile', profile: pick(profiles) };
      put(m, keyOtherThan(['type', 'input', 'profile']), value());
      return { message: m, valid: false, why: 'message key' };
    }
    if (k === 6) {
      const m = { input: validInput() };
      if (chance(0.8)) m.type = pick([str, nonFigure, num])();
      return { message: m, valid: false, why: 'type' };
    }
    return { message: value(), valid: false, why: 'value' };
  }
  const LANG_OK = ['zh-CN', 'en', 'EN', 'zh-cn', ''];
  const MODE_OK = ['full', 'compact', 'targets', ''];
  /** `{ name, value, valid }` for setAttribute (value null: removeAttribute). */
  function attr() {
    const name = pick(['lang', 'lang', 'profile', 'profile', 'mode', 'methodology', 'storage-key']);
    const bad = (ok) => {
      for (;;) {
        const s = str();
        if (s !== '' && !ok.some((o) => o.toLowerCase() === s.toLowerCase())) return s;
      }
    };
    if (chance(0.1)) return { name, value: null, valid: true };
    const good = chance(0.4);
    switch (name) {
      case 'lang': return good ? { name, value: pick(LANG_OK), valid: true } : { name, value: bad(LANG_OK), valid: false };
      case 'mode': return good ? { name, value: pick(MODE_OK), valid: true } : { name, value: bad(MODE_OK), valid: false };
      case 'profile': return good ? { name, value: pick([...profiles, '']), valid: true } : { name, value: unknownProfile(), valid: false };
      case 'methodology': return good ? { name, value: '', valid: true }
        : { name, value: pick(['http://127.0.0.1:1/', 'data:application/json,{}', 'javascript:1', 'https://example.invalid/', 'http://[']) + (chance(0.5) ? str() : ''), valid: false };
      default: return good ? { name, value: `k${int(1e6)}`, valid: true } : { name, value: 'k'.repeat(65 + int(2000)), valid: false };
    }
  }
  return { message, input, attr };
}

const install = (page) => page.evaluate(`window.__fz = (${fuzzKit})(${SEED}, ${JSON.stringify(PROFILES)}); 0`);

test(`fuzz: ${COUNT} random messages to the iframe from the listed host (seed ${SEED}): each invalid one refused with a code and a field, shown; no page error`, async (t) => {
  const s = await open(hostPage('iframe.html', { origins: H }));
  const { page } = s;
  const frame = await widgetFrame(page);
  await waitMessage(page, { type: 'mqci:result', index: 80.99 });
  await install(page);
  const tally = { valid: 0, invalid: 0 };
  for (let n = 1; n <= COUNT; n += 1) {
    const made = await page.evaluate(() => {
      const { message, valid, why } = window.__fz.message();
      document.querySelector('#widget-frame').contentWindow.postMessage(message, '*');
      return { valid, why, mark: window.__log.length };
    });
    // The frame has handled it once its own recorder (which listens first) has seen it; then a
    // probe it posts arrives after anything the widget posted about the message.
    await frame.waitForFunction((k) => window.__received.filter((m) => m.type !== 'test:probe').length >= k, n);
    const notice = await frame.evaluate((k) => {
      const box = document.querySelector('[data-testid="embed-error"]');
      parent.postMessage({ type: 'test:probe', n: k }, '*');
      return { hidden: box.hidden, items: box.querySelectorAll('li').length };
    }, n);
    await page.waitForFunction((k) => window.__log.some((m) => m.data?.type === 'test:probe' && m.data.n === k), n);
    const errors = await page.evaluate(([from, k]) => {
      const log = window.__log.slice(from);
      const end = log.findIndex((m) => m.data?.type === 'test:probe' && m.data.n === k);
      return log.slice(0, end).filter((m) => m.from === 'widget' && m.data?.type === 'mqci:error').map((m) => m.data);
    }, [made.mark, n]);
    const label = `case ${n} (seed ${SEED}, ${made.valid ? 'valid' : `invalid: ${made.why}`})`;
    if (made.valid) {
      assert.deepEqual(errors, [], `${label}: no error`);
      assert.ok(notice.hidden, `${label}: no notice`);
      tally.valid += 1;
    } else {
      assert.equal(errors.length, 1, `${label}: one mqci:error, got ${JSON.stringify(errors).slice(0, 300)}`);
      const [e] = errors;
      assert.ok(typeof e.code === 'string' && e.code, `${label}: a code`);
      assert.ok(typeof e.field === 'string' && e.field, `${label}: a field`);
      assert.ok(e.errors.every((x) => x.code && x.field), `${label}: every listed error has a code and a field`);
      assert.ok(e.value === null || (typeof e.value === 'string' && e.value.length <= 65), `${label}: value quoted short`);
      assert.ok(!notice.hidden && notice.items >= 1, `${label}: shown in the widget`);
      tally.invalid += 1;
    }
  }
  t.diagnostic(`cases: ${JSON.stringify(tally)}`);
  assert.ok(tally.valid >= COUNT / 10 && tally.invalid >= COUNT / 2, `a mix of cases: ${JSON.stringify(tally)}`);
  // Still answering correctly.
  await postToWidget(page, { type: 'mqci:set-inputs', input: NATIONAL_2007 });
  await page.waitForFunction(() => window.__log.filter((m) => m.data?.type === 'mqci:result').at(-1)?.data.result.index === 80.99);
  await indexIn(frame).filter({ hasText: /^80\.99$/ }).waitFor();
  await finish(s);
});

test(`fuzz: random attribute values and setInputs arguments on <mqci-widget> (seed ${SEED}): each invalid one an mqci-error with a code and a field, shown; no page error`, async (t) => {
  const s = await open(hostPage('element.html'));
  const { page } = s;
  await widgetsReady(page);
  await install(page);
  const widget = page.locator('mqci-widget');
  const tally = { attr: 0, call: 0, invalid: 0 };
  const steps = Math.max(40, Math.round(COUNT / 2));
  for (let n = 1; n <= steps; n += 1) {
    const asAttr = n % 3 === 0;
    const made = await page.evaluate(async (attr) => {
      const el = document.querySelector('mqci-widget');
      const seen = [];
      const listen = (e) => seen.push(e.detail);
      el.addEventListener('mqci-error', listen);
      let made;
      try {
        if (attr) {
          made = window.__fz.attr();
          if (made.value === null) el.removeAttribute(made.name);
          else el.setAttribute(made.name, made.value);
          await new Promise((r) => setTimeout(r)); // attribute errors are told after the current task
        } else {
          made = window.__fz.input();
          el.setInputs(made.input); // a refused call is told at once
        }
      } finally {
        el.removeEventListener('mqci-error', listen);
      }
      const box = el.shadowRoot.querySelector('[data-testid="embed-error"]');
      return {
        valid: made.valid, why: made.why, name: made.name, value: typeof made.value === 'string' ? made.value.slice(0, 40) : made.value,
        seen: seen.map((d) => ({ code: d.code, field: d.field, value: d.value, errors: d.errors.map((x) => [x.code, x.field]) })),
        items: [...box.querySelectorAll('li code')].map((c) => c.textContent),
      };
    }, asAttr);
    const label = `step ${n} (seed ${SEED}): ${asAttr ? `${made.name}=${JSON.stringify(made.value)}` : `setInputs ${made.why || ''}`} ${made.valid ? 'valid' : 'invalid'}`;
    for (const d of made.seen) {
      assert.ok(typeof d.code === 'string' && d.code && typeof d.field === 'string' && d.field, `${label}: code and field in ${JSON.stringify(d)}`);
      assert.ok(d.errors.every(([c, f]) => c && f), `${label}: every listed error has a code and a field`);
    }
    if (asAttr) {
      tally.attr += 1;
      const mine = made.seen.filter((d) => d.field === made.name);
      if (made.valid) assert.deepEqual(mine, [], `${label}: no error`);
      else {
        assert.ok(mine.length >= 1, `${label}: an mqci-error on "${made.name}", got ${JSON.stringify(made.seen)}`);
        assert.ok(made.items.includes(made.name), `${label}: shown`);
      }
    } else {
      tally.call += 1;
      // A refused call: one event, from the check; a valid one may only hear from the engine about figures.
      const refused = made.seen.filter((d) => d.errors.some(([c]) => !['unknown_id', 'not_a_number', 'score_out_of_range'].includes(c)));
      if (made.valid) assert.deepEqual(refused, [], `${label}: not refused`);
      else {
        assert.equal(made.seen.length, 1, `${label}: one mqci-error, got ${JSON.stringify(made.seen)}`);
        assert.ok(made.items.includes(made.seen[0].errors[0][1]), `${label}: ${made.seen[0].errors[0][1]} shown in ${made.items}`);
      }
    }
    if (!made.valid) tally.invalid += 1;
  }
  t.diagnostic(`steps: ${JSON.stringify(tally)}`);
  assert.ok(tally.attr >= 10 && tally.call >= 20 && tally.invalid >= steps / 3, `a mix of steps: ${JSON.stringify(tally)}`);
  // Back to a full widget, then a valid call gives the right index.
  await page.evaluate(() => {
    const el = document.querySelector('mqci-widget');
    for (const name of ['mode', 'methodology', 'lang']) el.removeAttribute(name);
  });
  await widgetsReady(page);
  await page.evaluate((input) => document.querySelector('mqci-widget').setInputs(input), NATIONAL_2007);
  assert.equal(await page.evaluate(() => document.querySelector('mqci-widget').getResult().index), 80.99);
  await indexIn(widget).filter({ hasText: /^80\.99$/ }).waitFor();
  await finish(s);
});
