// The JS half of the result tape (src/js/tape.js; the Rust half and the format: src/tape.rs and
// tests/tape.rs): hand-written tapes for every opcode, UTF-16 lengths, a "__proto__" key, the
// shapes, and the reuse of the last text and cuts. Also the reader's kindOf/objectKind.
import assert from 'node:assert/strict';
import test from 'node:test';
import { fromTape, kindOf, objectKind } from '../../src/js/tape.js';

const utf8 = (text) => new TextEncoder().encode(text);
// Each call as from a new engine memory unless `memory` is given: the text is decoded.
const read = (nums, text, unchanged = false, memory = new ArrayBuffer(8 * nums.length)) => {
  const view = new Float64Array(memory, 0, nums.length);
  view.set(nums);
  return fromTape(view, utf8(text), unchanged);
};

test('every opcode reads back as the value it encodes', () => {
  // { a: [null, false, true, 1.5, "质量🙂"], "": {} }
  const nums = [6, 4, 1, 5, 0, 1, 2, 3, 1.5, 4, 4, 7, 4, 0, 6, 7, 7];
  assert.deepEqual(read(nums, 'a质量🙂'), { a: [null, false, true, 1.5, '质量🙂'], '': {} });
  assert.ok(Object.is(read([3, -0], ''), -0), 'minus zero stays');
});

test('a shaped struct is rebuilt with its keys, in order, and must end where its fields do', () => {
  // SHAPED[2] of src/tape.rs is Range { min, max }; tests/tape.rs generates the table.
  const range = read([8, 2, 3, 60, 3, 100, 7], '');
  assert.deepEqual(Object.entries(range), [['min', 60], ['max', 100]]);
  assert.throws(() => read([8, 2, 3, 60, 3, 100, 3, 1, 7], ''), /bad result tape/);
});

test('a key named __proto__ is an own property, not the prototype', () => {
  const o = read([6, 4, 9, 6, 4, 1, 3, 1, 7, 7], '__proto__x');
  assert.equal(Object.getPrototypeOf(o), Object.prototype);
  assert.deepEqual(Object.keys(o), ['__proto__']);
  assert.deepEqual(JSON.stringify(o), '{"__proto__":{"x":1}}');
});

test('a bad opcode throws instead of returning a wrong value', () => {
  assert.throws(() => read([9], ''), /bad result tape/);
});

test('the same text cut at other lengths gives other strings (the reuse of the last cuts is by length)', () => {
  // ["ab", "c"] then ["a", "bc"] then ["ab", "c"] again, all from the text "abc" of one engine.
  const memory = new ArrayBuffer(64);
  assert.deepEqual(read([5, 4, 2, 4, 1, 7], 'abc', false, memory), ['ab', 'c']);
  assert.deepEqual(read([5, 4, 1, 4, 2, 7], 'abc', true, memory), ['a', 'bc']);
  assert.deepEqual(read([5, 4, 2, 4, 1, 7], 'abc', true, memory), ['ab', 'c']);
  assert.deepEqual(read([5, 4, 2, 4, 1, 4, 0, 7], 'abc', true, memory), ['ab', 'c', '']);
  assert.deepEqual(read([5, 4, 3, 7], 'abc', true, memory), ['abc']);
  // A failed decode leaves nothing behind that a later call could take for its own: here its
  // first cut "ab" would make the stale second cut "b" (of a, b, c) look reusable.
  assert.deepEqual(read([5, 4, 1, 4, 1, 4, 1, 7], 'abc', true, memory), ['a', 'b', 'c']);
  assert.throws(() => read([5, 4, 2, 10], 'abc', true, memory));
  assert.deepEqual(read([5, 4, 2, 4, 1, 7], 'abc', true, memory), ['ab', 'c']);
});

test('"unchanged" reuses the text decoded for the same engine only', () => {
  const a = new ArrayBuffer(64);
  const b = new ArrayBuffer(64);
  assert.deepEqual(read([4, 3], 'abc', false, a), 'abc');
  // Engine a says its text is the one it sent last: the bytes are not decoded again.
  assert.deepEqual(read([4, 3], 'xyz', true, a), 'abc');
  // Engine b's text in between: a's next "unchanged" cannot be trusted here, so it is decoded.
  assert.deepEqual(read([4, 3], 'def', false, b), 'def');
  assert.deepEqual(read([4, 3], 'abc', true, a), 'abc');
  assert.deepEqual(read([4, 3], 'ghi', true, b), 'ghi', 'b after a: decoded');
  // A new memory (the engine's grew) is a new engine: decoded.
  assert.deepEqual(read([4, 3], 'jkl', true, new ArrayBuffer(64)), 'jkl');
});

test('kindOf and objectKind answer what the reader (src/wasm.rs, mod kind) expects', () => {
  assert.equal(kindOf('质量🙂'), 4, 'a string: its UTF-16 length');
  assert.equal(kindOf(''), 0);
  assert.equal(kindOf(1.5), -1);
  assert.equal(kindOf(NaN), -1);
  assert.equal(kindOf(false), -2);
  assert.equal(kindOf(true), -3);
  assert.equal(kindOf(null), -4);
  assert.equal(kindOf(undefined), -4);
  assert.equal(kindOf({}), -5);
  assert.equal(kindOf([]), -5);
  for (const other of [1n, Symbol('s'), () => 1]) assert.equal(kindOf(other), -6);
  assert.equal(objectKind([1, 2, 3]), 3, 'an array: its length');
  assert.equal(objectKind({}), -1, 'a plain object');
  assert.equal(objectKind(Object.create(null)), -1);
  const lying = new Proxy([], { get: (t, k) => (k === 'length' ? 1.5 : Reflect.get(t, k)) });
  assert.equal(objectKind(lying), -2, 'an array without a valid length');
  for (const other of [new Date(0), new Map(), /x/, new Uint8Array(2), new Number(1)]) assert.equal(objectKind(other), -3);
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  assert.throws(() => objectKind(proxy), TypeError, 'a revoked Proxy throws (the import catches it)');
  assert.throws(() => objectKind({ get [Symbol.toStringTag]() { throw new Error('tag'); } }), /tag/);
});
