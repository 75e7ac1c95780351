// The wasm API under generated JS values (issue 13, point 2).
//
// Invariants, for every call of every export on one long-lived instance:
// - no trap (a `RuntimeError` kills an instance for good) and nothing but an `MqciError` thrown;
// - every `MqciError` has a non-empty `code` and `field`, `value` string|null, `params`, and at
//   most 100 `errors`, each with a code and a field;
// - after every error the known call still answers 80.99;
// - every number returned is finite; every score and index of an assessment lies in 60–100;
// - the first-result engine (`mqci_first`) answers `assess(input)` exactly as the full one;
// - a methodology `readMethodology` accepted works in `assess`; values `deriveIndicators`
//   returned are accepted by `assess`.
//
// MQCI_FUZZ_CALLS (default 20000, a short CI run) and MQCI_FUZZ_SEED (default 1) choose the run;
// the long run is `MQCI_FUZZ_CALLS=1000000 node --test tests/fuzz/fuzz.test.mjs`. The last line
// printed is `fuzz: N calls, V violations`.
import assert from 'node:assert/strict';
import test from 'node:test';

import { KNOWN_INDEX, KNOWN_INPUT, errorProblems, load, nonFinite, safeText, scoresOutOfRange } from './engine.mjs';
import { Gen, describe, rng } from './gen.mjs';

const CALLS = Number(process.env.MQCI_FUZZ_CALLS || 20000);
const SEED = Number(process.env.MQCI_FUZZ_SEED || 1);
const SHOWN = 25;

test(`fuzz: ${CALLS} calls, seed ${SEED}`, { timeout: Math.max(600_000, CALLS * 5) }, async () => {
  let m = await load();
  let lean = await load('mqci_first');
  const catalogue = catalogueOf(m);
  const r = rng(SEED);
  const gen = new Gen(r, catalogue);
  const bases = {
    'defaultMethodology()': m.defaultMethodology(),
    "defaultMethodology({ standardization: 'exponential' })": m.defaultMethodology({ standardization: 'exponential' }),
    "defaultMethodology({ bandScheme: '2009' })": m.defaultMethodology({ bandScheme: '2009' }),
  };
  const profiles = m.targetProfiles();
  const violations = [];
  const kinds = new Map();
  const codes = new Map();
  let errors = 0;
  let traps = 0;

  const violation = (n, call, what) => {
    violations.push({ n, call, what });
    const kind = what.replace(/-?\d[\d.e+-]*/g, '#').replace(/"[^"]*"/g, '"…"').slice(0, 90);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  };

  let unbuilt = 0;
  for (let n = 0; n < CALLS; n++) {
    let call;
    try {
      call = pickCall(r, gen, catalogue, bases, profiles);
    } catch {
      // The generator itself can trip over one of its own hostile values while building a case
      // (seed 11 does at call 178,687, before any engine call): skip that case, count it.
      unbuilt++;
      continue;
    }
    let result;
    let caught;
    let threw = false;
    try {
      result = call.run(m);
    } catch (e) {
      threw = true;
      caught = e;
      errors++;
      const key = `${call.d.slice(0, call.d.indexOf('('))} ${e?.code}`;
      codes.set(key, (codes.get(key) ?? 0) + 1);
      const problems = errorProblems(e);
      for (const p of problems) violation(n, call.d, p);
      if (e instanceof WebAssembly.RuntimeError) {
        traps++;
        m = await load(); // the instance is dead: go on with a fresh one
        continue;
      }
    }
    if (call.lean) {
      // The first-result engine answers exactly as the full one.
      let twin;
      try {
        twin = { ok: JSON.stringify(lean.assess(call.lean.v)) };
      } catch (e) {
        twin = { code: e?.code, field: e?.field, problems: errorProblems(e) };
        if (e instanceof WebAssembly.RuntimeError) lean = await load('mqci_first');
      }
      const mine = threw ? { code: caught?.code, field: caught?.field } : { ok: JSON.stringify(result) };
      for (const p of twin.problems ?? []) violation(n, `first-result engine: ${call.d}`, p);
      delete twin.problems;
      if (JSON.stringify(twin) !== JSON.stringify(mine)) violation(n, call.d, `the first-result engine differs: ${JSON.stringify(twin).slice(0, 120)} vs ${JSON.stringify(mine).slice(0, 120)}`);
    }
    if (!threw) {
      for (const p of call.check(m, result)) violation(n, call.d, p);
    } else {
      try {
        const index = m.assess(KNOWN_INPUT).index;
        if (index !== KNOWN_INDEX) violation(n, call.d, `known call answered ${index} after the error`);
      } catch (e) {
        violation(n, call.d, `known call threw after the error: ${safeText(e?.message ?? e)}`);
        if (e instanceof WebAssembly.RuntimeError) {
          traps++;
          m = await load();
        }
      }
    }
  }

  for (const { n, call, what } of violations.slice(0, SHOWN)) {
    console.log(`violation (seed ${SEED}, call ${n}): ${what}\n    ${call}`);
  }
  if (kinds.size) {
    console.log('violations by kind:');
    for (const [kind, count] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`  ${count}× ${kind}`);
  }
  console.log(`errors by export and code: ${[...codes].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(`fuzz: ${CALLS} calls (${errors} errors, ${traps} traps, ${unbuilt} cases the generator could not build), seed ${SEED}`);
  console.log(`fuzz: ${CALLS} calls, ${violations.length} violations`);
  assert.equal(violations.length, 0, `${violations.length} violations; first: ${violations[0]?.what}`);
});

/** The engine's own ids, so the generator uses real ones. */
function catalogueOf(m) {
  const d = m.defaultMethodology();
  const rawSpecs = Object.fromEntries(m.rawFields().map((s) => [s.indicator, s.fields.map((f) => f.key)]));
  return {
    indicators: Object.keys(d.indicators),
    tertiary: Object.keys(d.tertiary),
    secondary: Object.keys(d.secondary),
    rawSpecs,
    rawKeys: [...new Set(Object.values(rawSpecs).flat())],
    metrics: m.targetMetrics().map((x) => x.id),
    profileIds: m.targetProfiles().map((p) => p.id),
  };
}

/** One call: `run(m)` calls the engine; `check(m, result)` lists what is wrong with its result. */
function pickCall(r, gen, c, bases, profiles) {
  const k = r.int(100);
  gen.clean = r.chance(0.5);
  const methodologyBase = () => r.pick(Object.keys(bases));
  if (k < 40) {
    const structured = r.chance(0.85);
    const input = structured ? gen.assessInput() : gen.any();
    const mk = r.int(10);
    let methodology = { v: undefined, d: null };
    if (mk >= 5 && mk < 8) {
      const name = methodologyBase();
      methodology = gen.mutate(bases[name], name);
      const edge = methodology.edge;
      if (edge && structured && r.chance(0.7)) {
        const x = r.pick(edge.values);
        input.v.values = { ...input.v.values, [edge.id]: x };
        input.d += ` + values.${edge.id} = ${x}`;
      }
    } else if (mk === 8) methodology = gen.any();
    else if (mk === 9) methodology = { v: null, d: 'null' };
    return {
      lean: methodology.v === undefined ? input : null,
      d: `assess(${describe(input)}${methodology.v === undefined ? '' : `, ${describe(methodology)}`})`,
      run: (m) => m.assess(input.v, methodology.v),
      check: (_m, a) => [...nonFinite(a), ...scoresOutOfRange(a)],
    };
  }
  if (k < 55) {
    const name = methodologyBase();
    const methodology = r.chance(0.9) ? gen.mutate(bases[name], name) : gen.any();
    const input = gen.assessInput();
    return {
      d: `readMethodology(${describe(methodology)}) then assess(${describe(input)}, it)`,
      run: (m) => m.readMethodology(methodology.v),
      check: (m, read) => {
        const problems = nonFinite(read);
        // What the engine accepts, it accepts again: the known call, and the input whenever the
        // built-in methodology accepts it (what an input may hold does not depend on the
        // methodology).
        let inputOk = true;
        try {
          m.assess(input.v);
        } catch {
          inputOk = false;
        }
        for (const [what, given] of [['the known input', KNOWN_INPUT], ...(inputOk ? [['the input', input.v]] : [])]) {
          try {
            const a = m.assess(given, read);
            problems.push(...nonFinite(a), ...scoresOutOfRange(a));
          } catch (e) {
            problems.push(...errorProblems(e));
            problems.push(`assess(${what}, readMethodology(…)) refused: ${e?.code} at ${e?.field} (${e?.value})`);
          }
        }
        return problems;
      },
    };
  }
  if (k < 70) {
    const raw = r.chance(0.9) ? gen.rawInput() : gen.any();
    return {
      d: `deriveIndicators(${describe(raw)})`,
      run: (m) => m.deriveIndicators(raw.v),
      check: (m, out) => {
        const problems = nonFinite(out);
        if (problems.length) return problems;
        try {
          m.assess({ values: out });
        } catch (e) {
          problems.push(`assess refuses what deriveIndicators returned: ${e.code} at ${e.field} (${e.value})`);
        }
        return problems;
      },
    };
  }
  if (k < 90) {
    const actuals = r.chance(0.85) ? gen.figures(c.metrics, r.pick(['percent', 'score', 'raw'])) : gen.any();
    const pk = r.int(10);
    let profile;
    if (pk < 5) profile = { v: r.pick(c.profileIds), d: null };
    else if (pk < 8) {
      const base = r.pick(profiles);
      profile = gen.mutate(base, `targetProfiles()[${JSON.stringify(base.id)}]`);
    } else profile = gen.any();
    return {
      d: `checkTargets(${describe(actuals)}, ${describe(profile)})`,
      run: (m) => m.checkTargets(actuals.v, profile.v),
      check: (_m, out) => {
        const problems = nonFinite(out);
        for (const row of out.results) {
          if (!['met', 'not_met', 'no_data', 'qualitative'].includes(row.status)) problems.push(`status ${row.status}`);
        }
        return problems;
      },
    };
  }
  if (k < 97) {
    const options = r.chance(0.7)
      ? { v: { bandScheme: r.pick(['2011', '2009', 2009, '']), standardization: r.pick(['linear', 'exponential', 'log', undefined]) }, d: 'options' }
      : gen.any();
    return {
      d: `defaultMethodology(${describe(options)})`,
      run: (m) => m.defaultMethodology(options.v),
      check: (_m, out) => nonFinite(out),
    };
  }
  const name = r.pick(['version', 'rawFields', 'targetProfiles', 'targetMetrics']);
  const args = r.chance(0.5) ? [] : [gen.any().v];
  return {
    d: `${name}(…)`,
    run: (m) => m[name](...args),
    check: (_m, out) => nonFinite(out),
  };
}
