// The JS half of src/tape.rs (format and rationale there): rebuilds the engine's result tape
// as plain values. Strings cut last time are reused while text and lengths agree (src/tape.rs).
let lastText = null;
let lastCuts = [];

export function fromTape(nums, text) {
  let i = 0;
  let t = 0;
  let k = 0;
  const same = text === lastText;
  const cuts = same ? lastCuts : [];
  let reuse = same;
  function str() {
    const n = nums[i++];
    let s;
    if (reuse && k < cuts.length && cuts[k].length === n) s = cuts[k];
    else {
      reuse = false;
      s = text.slice(t, t + n);
      cuts[k] = s;
    }
    k++;
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
          i++;
          const k = str();
          const v = val();
          if (k === '__proto__') Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
          else o[k] = v;
        }
        i++;
        return o;
      }
      default: throw new Error(`mqci: bad result tape at ${i - 1}`);
    }
  }
  const out = val();
  cuts.length = k;
  lastText = text;
  lastCuts = cuts;
  return out;
}
