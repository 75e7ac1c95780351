// The JS half of the result tape (src/js/tape.js; the Rust half and the format: src/tape.rs and
// tests/tape.rs): hand-written tapes for every opcode, UTF-16 lengths, a "__proto__" key.
import assert from 'node:assert/strict';
import test from 'node:test';
import { fromTape } from '../../src/js/tape.js';

test('every opcode reads back as the value it encodes', () => {
  // { a: [null, false, true, 1.5, "质量🙂"], "": {} }
  const nums = [6, 4, 1, 5, 0, 1, 2, 3, 1.5, 4, 4, 7, 4, 0, 6, 7, 7];
  assert.deepEqual(fromTape(Float64Array.from(nums), 'a质量🙂'), { a: [null, false, true, 1.5, '质量🙂'], '': {} });
  assert.ok(Object.is(fromTape([3, -0], ''), -0), 'minus zero stays');
});

test('a key named __proto__ is an own property, not the prototype', () => {
  const o = fromTape([6, 4, 9, 6, 4, 1, 3, 1, 7, 7], '__proto__x');
  assert.equal(Object.getPrototypeOf(o), Object.prototype);
  assert.deepEqual(Object.keys(o), ['__proto__']);
  assert.deepEqual(JSON.stringify(o), '{"__proto__":{"x":1}}');
});

test('a bad opcode throws instead of returning a wrong value', () => {
  assert.throws(() => fromTape([9], ''), /bad result tape/);
});

test('the same text cut at other lengths gives other strings (the reuse of the last cuts is by length)', () => {
  // ["ab", "c"] then ["a", "bc"] then ["ab", "c"] again, all from the text "abc".
  assert.deepEqual(fromTape([5, 4, 2, 4, 1, 7], 'abc'), ['ab', 'c']);
  assert.deepEqual(fromTape([5, 4, 1, 4, 2, 7], 'abc'), ['a', 'bc']);
  assert.deepEqual(fromTape([5, 4, 2, 4, 1, 7], 'abc'), ['ab', 'c']);
  assert.deepEqual(fromTape([5, 4, 2, 4, 1, 4, 0, 7], 'abc'), ['ab', 'c', '']);
  assert.deepEqual(fromTape([5, 4, 3, 7], 'abc'), ['abc']);
  // A failed decode leaves nothing behind that a later call could take for its own.
  assert.throws(() => fromTape([5, 4, 1, 10], 'abc'));
  assert.deepEqual(fromTape([5, 4, 2, 4, 1, 7], 'abc'), ['ab', 'c']);
});
