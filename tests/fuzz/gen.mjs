// A seeded generator of JS values for the wasm API: every value comes with `d`, a JS expression
// (shortened when long) that describes how to build it, for the violation report.
//
// It covers what a caller, a postMessage (structured clone) or a hostile page can pass: numbers
// at the edges of the double range, strings as people type them (full-width digits, "94%",
// "1,5"), huge strings, sparse and huge arrays, cycles, exponentially shared sub-objects,
// throwing getters, revoked and hostile Proxies, Symbols, BigInts, Dates, Maps, typed arrays,
// boxed primitives, functions, null-prototype objects, and valid inputs and methodologies with
// one random mutation.

/** mulberry32: small, fast, good enough for test generation. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

const val = (v, d) => ({ v, d });

const SPECIAL_NUMBERS = [
  NaN, Infinity, -Infinity, -0, 0, 1, -1, 0.5, 1e308, -1e308, 1.7976931348623157e308, 5e-324,
  -5e-324, 2.2250738585072014e-308, 1e-300, -1e-300, 4.2e-299, 1e300, 1.98e28, 2 ** 53, 2 ** 53 + 2,
  2 ** 64, -(2 ** 63), 18446744073709551615, 59.999999, 60, 60.000001, 99.99999999, 100, 100.000001,
  101, 150, 150.00000000000003, 149.99999999999997, 1e-10, 0.1 + 0.2, 84.76, 77.21, 94.5, 1.2, 3e5,
];

const SPECIAL_STRINGS = [
  '', ' ', 'abc', '94%', '９４％', '９４．５％', '94.5 %', '1,234.5', '1,5', '1.234,5', '1e308', '1e309',
  '-1e-300', '-0', 'NaN', 'Infinity', '-Infinity', '0x10', '0b11', '1_000', '++1', '--1', '.5', '5.',
  '٩٤', '九十四', '94％％', '%', '100%', '150', '60', '1e-7', '  84.76  ', '\u00a094', '94\u200b', '\ud800',
  '\udfff94', '😀', 'a'.repeat(70), '9'.repeat(400), `0.${'0'.repeat(330)}1`, 'null', 'undefined',
  'true', '[object Object]', '__proto__', 'constructor', 'toString', 'national-2025', 'atlantis-2030',
  'linear', 'exponential', '2009', '2011', '>=', '<=', '=', 'qualitative', 'higher', 'lower',
  'sourced: x', 'assumed: y', 'sourced:', 'assumed:', 'percent', 'weighted_percent',
];

const big = {};
/** Large values are built once per run and shared: they are slow to build. */
function cached(key, make) {
  if (!(key in big)) big[key] = make();
  return big[key];
}

export class Gen {
  /** `catalogue`: ids from the engine itself (indicators, nodes, raw fields, metrics, profiles). */
  constructor(r, catalogue) {
    this.r = r;
    this.c = catalogue;
    /** When set, maps of figures hold only known ids and plausible figures. */
    this.clean = false;
    this.keys = [
      ...catalogue.indicators, ...catalogue.tertiary, ...catalogue.secondary, ...catalogue.rawKeys,
      ...catalogue.metrics, 'values', 'scores', 'id', 'targets', 'metric', 'op', 'value', 'weight',
      'worst', 'best', 'bands', 'indicators', 'provenance', 'bandScheme', 'standardization',
      'numerator', 'denominator', '__proto__', 'constructor', 'toString', 'valueOf', 'length', '0',
      '', 'x', 'a.b', 'α', '指数',
    ];
  }

  number() {
    const { r } = this;
    switch (r.int(5)) {
      case 0:
      case 1:
        return val(r.pick(SPECIAL_NUMBERS), null);
      case 2:
        return val(Math.round(r.next() * 20000) / 100, null);
      case 3:
        return val((r.chance(0.5) ? -1 : 1) * 10 ** (r.next() * 630 - 320), null);
      default:
        return val(r.int(200) - 20, null);
    }
  }

  string() {
    const { r } = this;
    switch (r.int(6)) {
      case 0:
      case 1:
      case 2:
        return val(r.pick(SPECIAL_STRINGS), null);
      case 3: {
        const n = this.number().v;
        return val(r.chance(0.5) ? `${n}%` : String(n), null);
      }
      case 4: {
        let s = '';
        const len = r.int(12);
        for (let i = 0; i < len; i++) s += String.fromCharCode(r.chance(0.8) ? 32 + r.int(95) : r.int(0x10000));
        return val(s, null);
      }
      default: {
        // Long strings: just below and above the string limit (1,000,000 UTF-16 units), rarely.
        if (!r.chance(0.02)) return val(r.pick(this.keys), null);
        const which = r.pick(['999999', '1000001', '16e6']);
        const s = cached(`s${which}`, () => '7'.repeat(Number(which)));
        return val(s, `'7'.repeat(${which})`);
      }
    }
  }

  /** A figure (what a field of `values`, `scores`, raw figures or actuals holds). */
  figure(depth = 0) {
    const { r } = this;
    const k = r.int(20);
    if (k < 8) return this.number();
    if (k < 15) return this.string();
    if (k < 16) return val(null, 'null');
    if (k < 17) return val(undefined, 'undefined');
    if (k < 18) return val(r.chance(0.5), null);
    return this.any(depth + 1);
  }

  /** Any kind of value, with `depth` bounding the generator itself (not the value). */
  any(depth = 0) {
    const { r } = this;
    if (depth > 4) return this.figure(99);
    const k = r.int(24);
    if (k < 6) return this.number();
    if (k < 10) return this.string();
    if (k < 11) return val(r.pick([null, undefined, true, false]), null);
    if (k < 16) return this.object(depth + 1);
    if (k < 18) return this.array(depth + 1);
    return this.weird(depth + 1);
  }

  object(depth = 0, keys = this.keys) {
    const { r } = this;
    const n = r.int(6);
    const o = {};
    const parts = [];
    for (let i = 0; i < n; i++) {
      const key = r.pick(keys);
      const item = depth > 3 ? this.figure(99) : r.chance(0.7) ? this.figure(depth) : this.any(depth);
      Object.defineProperty(o, key, { value: item.v, enumerable: true, configurable: true, writable: true });
      parts.push(`${JSON.stringify(key)}: ${describe(item)}`);
    }
    return val(o, `{ ${parts.join(', ')} }`);
  }

  array(depth = 0) {
    const { r } = this;
    if (r.chance(0.15)) {
      const length = r.pick([5, 1000, 100001, 1e7, 2 ** 32 - 1]);
      return val(Object.assign([], { length }), `Object.assign([], { length: ${length} })`);
    }
    const n = r.int(5);
    const items = [];
    for (let i = 0; i < n; i++) items.push(depth > 3 ? this.figure(99) : this.any(depth));
    const a = items.map((x) => x.v);
    if (r.chance(0.2)) a[n + 3] = 1; // holes
    return val(a, `[${items.map(describe).join(', ')}]${a.length > n ? ' (with holes)' : ''}`);
  }

  /** The values no plain JSON has. */
  weird(depth = 0) {
    const { r } = this;
    const thrown = () =>
      r.pick([
        [() => new Error('boom'), "new Error('boom')"],
        [() => new TypeError('t'), "new TypeError('t')"],
        [() => Symbol('thrown'), "Symbol('thrown')"],
        [() => null, 'null'],
        [() => undefined, 'undefined'],
        [() => 'x'.repeat(100000), "'x'.repeat(100000)"],
        [() => ({ get message() { throw new Error('again'); } }), '{ get message() { throw … } }'],
        [() => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; }, 'a revoked Proxy'],
      ]);
    switch (r.int(26)) {
      case 0: {
        const p = Proxy.revocable({}, {});
        p.revoke();
        return val(p.proxy, 'a revoked Proxy');
      }
      case 1: {
        const p = Proxy.revocable([], {});
        p.revoke();
        return val(p.proxy, 'a revoked Proxy of an array');
      }
      case 2: {
        const [make, d] = thrown();
        const key = r.pick(this.keys);
        return val(Object.defineProperty({}, key, { get() { throw make(); }, enumerable: true }),
          `{ get ${JSON.stringify(key)}() { throw ${d} } }`);
      }
      case 3: {
        const [make, d] = thrown();
        const trap = r.pick(['ownKeys', 'get', 'getPrototypeOf', 'getOwnPropertyDescriptor', 'has']);
        return val(new Proxy({ a: 1 }, { [trap]() { throw make(); } }), `new Proxy({ a: 1 }, { ${trap}() { throw ${d} } })`);
      }
      case 4: {
        const [make, d] = thrown();
        return val({ get [Symbol.toStringTag]() { throw make(); } }, `{ get [Symbol.toStringTag]() { throw ${d} } }`);
      }
      case 5: {
        // A Proxy that hands out a fresh Proxy for every key, forever.
        const handler = { get: () => new Proxy({}, handler), ownKeys: () => ['a', 'b'], getOwnPropertyDescriptor: () => ({ value: 1, enumerable: true, configurable: true }) };
        return val(new Proxy({}, handler), 'an endless Proxy (every get returns a new Proxy)');
      }
      case 6: {
        const o = {};
        o.a = o;
        o.b = r.chance(0.5) ? o : [o];
        return val(o, 'const o = {}; o.a = o; o.b = o');
      }
      case 7: {
        const n = r.pick([10, 20, 25]);
        let o = this.figure(99).v;
        for (let i = 0; i < n; i++) o = r.chance(0.5) ? { a: o, b: o } : [o, o, o];
        return val(o, `let o = 1; for (let i = 0; i < ${n}; i++) o = { a: o, b: o }`);
      }
      case 8:
        return val(Symbol('s'), "Symbol('s')");
      case 9:
        return val(r.pick([0n, 5n, -(2n ** 70n), 10n ** 400n]), 'a BigInt');
      case 10:
        return val(new Date(r.chance(0.5) ? 0 : NaN), 'new Date(…)');
      case 11:
        return val(new Map([['quality_loss_rate', 1]]), "new Map([['quality_loss_rate', 1]])");
      case 12:
        return val(new Set([1, 2]), 'new Set([1, 2])');
      case 13:
        return val(/94%/g, '/94%/g');
      case 14:
        return val(r.pick([new ArrayBuffer(8), new Float64Array([84.76, 77.21]), new Uint8Array(3), new DataView(new ArrayBuffer(2))]), 'an ArrayBuffer or view');
      case 15:
        return val(r.pick([new Boolean(false), new Number(94.5), new String('94.5')]), 'a boxed primitive'); // eslint-disable-line no-new-wrappers
      case 16:
        return val(r.pick([() => 94.5, function values() {}, class {}, Math.max]), 'a function');
      case 17: {
        const o = Object.create(null);
        o[r.pick(this.keys)] = this.figure(depth).v;
        return val(o, 'Object.create(null) with one key');
      }
      case 18:
        return val({ toString: null, valueOf: null, [r.pick(this.keys)]: 1 }, '{ toString: null, valueOf: null, … }');
      case 19: {
        const n = r.pick([10001, 200000]);
        const o = cached(`k${n}`, () => {
          const x = {};
          for (let i = 0; i < n; i++) x[`k${i}`] = 1;
          return x;
        });
        return val(o, `an object with ${n} keys`);
      }
      case 20: {
        const o = cached('u5000', () => {
          const x = {};
          for (let i = 0; i < 5000; i++) x[`unknown_${i}`] = 'abc';
          return x;
        });
        return val(o, 'an object with 5000 unknown keys');
      }
      case 21:
        return val({ [Symbol('k')]: 1, [r.pick(this.keys)]: this.figure(depth).v }, 'an object with a Symbol key');
      case 22: {
        const s = cached('shared', () => '8'.repeat(999999));
        return val(Array(40).fill(s), "Array(40).fill('8'.repeat(999999))");
      }
      case 23:
        return val(new (class Thing { constructor() { this.quality_level = 90; } })(), 'a class instance { quality_level: 90 }');
      case 24:
        return val(Object.freeze([r.pick(SPECIAL_NUMBERS)]), 'a frozen array');
      default:
        return val(new Error('an Error object'), "new Error('…')");
    }
  }

  /** A plausible figure: what a person would enter (`kind`: "percent", "score", "raw", "any"). */
  plausible(kind) {
    const { r } = this;
    const x =
      kind === 'score' ? 60 + 40 * r.next()
      : kind === 'raw' ? 10 ** (r.next() * 9) * r.pick([1, 1, 1, 0, 5e-324, 1e300, 1e299])
      : r.chance(0.2) ? r.int(12)
      : 100 * r.next();
    const rounded = r.chance(0.7) ? Math.round(x * 100) / 100 : x;
    if (r.chance(0.2)) return val(kind === 'percent' ? `${rounded}%` : String(rounded), null);
    return val(rounded, null);
  }

  /** A map of figures for some of `ids` (mostly plausible; sometimes a wrong key or value). */
  figures(ids, kind = 'percent', depth = 0) {
    const { r } = this;
    const o = {};
    const parts = [];
    const every = this.clean && kind === 'raw';
    const n = every ? ids.length : r.int(ids.length + 1);
    for (let i = 0; i < n; i++) {
      const key = every ? ids[i] : this.clean || r.chance(0.97) ? r.pick(ids) : r.pick(this.keys);
      const item = this.clean || r.chance(0.75) ? this.plausible(kind) : r.chance(0.9) ? this.figure(99) : this.any(depth + 1);
      o[key] = item.v;
      parts.push(`${JSON.stringify(key)}: ${describe(item)}`);
    }
    return val(o, `{ ${parts.join(', ')} }`);
  }

  /** A plausible `assess` input. */
  assessInput() {
    const { r, c } = this;
    const o = {};
    const parts = [];
    if (r.chance(0.8)) {
      const v = this.figures(c.indicators);
      o.values = v.v;
      parts.push(`values: ${v.d}`);
    }
    if (r.chance(0.4)) {
      const s = this.figures([...c.indicators, ...c.tertiary, ...c.secondary], 'score');
      o.scores = s.v;
      parts.push(`scores: ${s.d}`);
    }
    if (!this.clean && r.chance(0.05)) {
      const w = this.any(1);
      o[r.pick(this.keys)] = w.v;
      parts.push(`…: ${describe(w)}`);
    }
    return val(o, `{ ${parts.join(', ')} }`);
  }

  /** A plausible `deriveIndicators` input. */
  rawInput() {
    const { r, c } = this;
    const o = {};
    const parts = [];
    for (const id of c.indicators) {
      if (!r.chance(0.3)) continue;
      const spec = c.rawSpecs[id];
      let f;
      if (r.chance(0.1) && spec.length > 2) {
        // Parts equal to their whole (all output top grade, all loss…), at any magnitude.
        const whole = r.pick([0.1, 0.2, 0.7, 1, 3, 7, 10, 1e6, 123456.789, 1e300, 5e-324, 0.1 + 0.2]) * (1 + r.int(1000));
        f = val(Object.fromEntries(spec.map((k, i) => [k, i === 0 || i === spec.length - 1 ? whole : 0])), null);
        f.d = JSON.stringify(f.v);
      } else f = this.figures(this.clean || r.chance(0.95) ? spec : this.keys, 'raw');
      o[id] = f.v;
      parts.push(`${id}: ${f.d}`);
    }
    return val(o, `{ ${parts.join(', ')} }`);
  }

  /** A copy of `base` with one random mutation (or none), described. */
  mutate(base, name) {
    const { r } = this;
    const copy = structuredClone(base);
    const nodes = [];
    const walk = (v, p) => {
      nodes.push([v, p]);
      if (v && typeof v === 'object') for (const k of Object.keys(v)) walk(v[k], [...p, k]);
    };
    walk(copy, []);
    const changes = r.int(3);
    const said = [];
    // Bounds and targets at the edges of the double range, where the arithmetic can break.
    let edge = null;
    const EDGES = [4.2e-299, 1e-300, 5e-324, 0, 1, 100, 1e308, -1e308, 1.7976931348623157e308, 1e300, -1e300, 1e-10];
    if (copy.indicators && r.chance(0.3)) {
      const id = r.pick(Object.keys(copy.indicators));
      const [worst, best] = r.chance(0.5)
        ? r.pick([[-1e308, 1e308], [1e308, -1e308], [-1.7976931348623157e308, 1.7976931348623157e308], [4.2e-299, 1], [1, 4.2e-299], [5e-324, 1e-300], [0, 1e308]])
        : [r.pick(EDGES), r.pick(EDGES)];
      Object.assign(copy.indicators[id], { worst, best });
      if (r.chance(0.8)) copy.indicators[id].direction = best > worst ? 'higher' : 'lower';
      said.push(`indicators.${id}.worst = ${worst}, .best = ${best}`);
      edge = { id, values: [worst, best, (worst + best) / 2, r.pick(EDGES), r.pick(SPECIAL_NUMBERS)] };
    }
    if (Array.isArray(copy.targets) && copy.targets.length && r.chance(0.3)) {
      const n = r.int(copy.targets.length);
      const value = r.pick(EDGES) * r.pick([1, -1]);
      copy.targets[n].value = value;
      said.push(`targets[${n}].value = ${value}`);
    }
    for (let i = 0; i < changes; i++) {
      const [target, p] = r.pick(nodes.filter(([v]) => v && typeof v === 'object'));
      const keys = Object.keys(target);
      const key = keys.length && r.chance(0.85) ? r.pick(keys) : r.pick(this.keys);
      const where = [...p, key].join('.');
      if (Array.isArray(target) && key === 'length') continue; // would throw here, not in the engine
      const op = r.int(10);
      if (op === 0) {
        delete target[key];
        said.push(`delete ${where}`);
      } else if (op < 3) {
        const item = this.any(2);
        target[key] = item.v;
        said.push(`${where} = ${describe(item)}`);
      } else if (op < 5) {
        const item = this.string();
        target[key] = item.v;
        said.push(`${where} = ${describe(item)}`);
      } else {
        // Numbers near the edges, where the arithmetic can break.
        const x = r.pick([
          ...SPECIAL_NUMBERS,
          typeof target[key] === 'number' ? target[key] * (1 + (r.next() - 0.5) * 1e-9) : 0.5,
          typeof target[key] === 'number' ? -target[key] : 1,
        ]);
        target[key] = x;
        said.push(`${where} = ${x}`);
      }
    }
    const out = val(copy, `${name}${said.length ? ` with ${said.join('; ')}` : ''}`);
    out.edge = edge; // an indicator whose bounds were set to edges, with values worth trying
    return out;
  }
}

/** The description of a generated value. */
export function describe(item) {
  if (item.d != null) return item.d.length > 400 ? `${item.d.slice(0, 400)}…` : item.d;
  const v = item.v;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}…(${v.length})` : v);
  return String(v);
}
