// The JavaScript half of src/tape.rs: rebuilds a value the engine wrote as a tape (numbers in
// `nums`, every string concatenated in `text`) as plain objects, arrays, strings and numbers.
// Imported by the engine's glue (src/wasm.rs names it); one call per result instead of one
// boundary crossing per key and value. Opcodes: 0 null, 1 false, 2 true, 3 number, 4 string
// (its UTF-16 length follows), 5 array, 6 object (string key, value)*, 7 end.
export function fromTape(nums, text) {
  let i = 0;
  let t = 0;
  function str() {
    const n = nums[i++];
    const s = text.slice(t, t + n);
    t += n;
    return s;
  }
  function val() {
    switch (nums[i++]) {
      case 0: return null;
      case 1: return false;
      case 2: return true;
      case 3: return nums[i++];
      case 4: return str();
      case 5: {
        const a = [];
        while (nums[i] !== 7) a.push(val());
        i++;
        return a;
      }
      case 6: {
        const o = {};
        while (nums[i] !== 7) {
          i++; // the key's opcode (always a string)
          const k = str();
          const v = val();
          // A key named "__proto__" stays an own property, as with JSON.parse.
          if (k === '__proto__') Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
          else o[k] = v;
        }
        i++;
        return o;
      }
      default: throw new Error(`mqci: bad result tape at ${i - 1}`);
    }
  }
  return val();
}
