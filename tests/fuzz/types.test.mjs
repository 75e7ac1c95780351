// The TypeScript declarations of the built module (issue 8, point 3), checked against what the
// engine really returns: every export is called, its outputs are written as object literals
// assigned to the declared types (`const a: Assessment = { … }`, so excess-property checks catch
// fields the types do not declare) and `tsc --noEmit --strict` must accept the file. The id
// unions of the declarations must list exactly the engine's ids.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';

import { load, pkgDir } from './engine.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const tsc = path.join(here, 'node_modules', 'typescript', 'bin', 'tsc');

const m = await load();
const lean = await load('mqci_first');
const dts = fs.readFileSync(path.join(pkgDir, 'mqci.d.ts'), 'utf8');

/** The string literals of `export type <name> = "a" | "b" …;` in the declarations. */
function union(name, text = dts) {
  const found = text.match(new RegExp(`export type ${name} =([^;]*);`));
  assert.ok(found, `mqci.d.ts declares ${name}`);
  return [...found[1].matchAll(/"([^"]*)"/g)].map((x) => x[1]);
}

/** A thrown `MqciError` as the plain object of its own fields and message. */
function errorOf(f) {
  try {
    f();
  } catch (e) {
    const own = Object.fromEntries(Object.keys(e).map((k) => [k, e[k]]));
    return { ...own, name: e.name, message: e.message };
  }
  throw new Error('should have thrown');
}

const literal = (v) => JSON.stringify(v, null, 1);

test('the TypeScript declarations accept every real output, with no undeclared field', () => {
  assert.ok(fs.existsSync(tsc), 'typescript is installed: run `npm ci` in tests/fuzz');
  const d = m.defaultMethodology();
  const sparse = structuredClone(d);
  delete sparse.provenance;
  const outputs = [
    ['string', 'version', m.version()],
    ['Methodology', 'defaultMethodology', d],
    ['Methodology', 'defaultMethodology_2009_exp', m.defaultMethodology({ bandScheme: '2009', standardization: 'exponential' })],
    ['Methodology', 'readMethodology', m.readMethodology(sparse)],
    ['Assessment', 'assess_scores', m.assess({ scores: { quality_level: 84.76, development_capability: 77.21 } })],
    ['Assessment', 'assess_missing', m.assess({ values: { spot_check_pass_rate: '94.5%', quality_loss_rate: 1.2 } })],
    ['Assessment', 'assess_warnings', m.assess({ values: { spot_check_pass_rate: 0.945, qms_certification_rate: 100, quality_loss_rate: 0 }, scores: { spot_check_pass_rate: 80, quality_management: 70 } }, d)],
    ['Assessment', 'assess_all', m.assess({ values: Object.fromEntries(Object.keys(d.indicators).map((id, i) => [id, (i * 7) % 100])) })],
    ['Partial<Record<IndicatorId, number>>', 'deriveIndicators', m.deriveIndicators({ grade_product_rate: { superiorOutput: 200, firstClassOutput: 500, qualifiedOutput: 250, totalOutput: 1000 }, export_sales_share: { numerator: 5, salesRevenue: 50 } })],
    ['RawSpec[]', 'rawFields', m.rawFields()],
    ['Profile[]', 'targetProfiles', m.targetProfiles()],
    ['Metric[]', 'targetMetrics', m.targetMetrics()],
    ...m.targetProfiles().map((p) => ['TargetCheck', `checkTargets_${p.id.replace(/\W/g, '_')}`, m.checkTargets({ mqci: 85.21, manufacturing_pass_rate: '93.65%' }, p.id)]),
    ['Profile[]', 'targetProfiles_asOf', m.targetProfiles({ asOf: 2026 })],
    ['Profile', 'readProfile', m.readProfile('{"id":"d","period":{"start":2023,"end":2027},"targets":[{"metric":"mqci","op":">=","value":88,"baseline":{"year":2022,"value":85}},{"metric":"tianfu_quality_award_new","value":5}]}')],
    ['TargetCheck', 'checkTargets_progress', m.checkTargets({ mqci: { value: 85.86, year: 2024 }, national_mqci: 85.86 }, 'guizhou-2025', { asOf: 2024, baselines: { mqci: { year: 2023, value: 85.21 } } })],
    ['PublishedFigure[]', 'publishedFigures', m.publishedFigures()],
    ['Benchmarks', 'benchmarks', m.benchmarks()],
    ['TargetCheck', 'checkTargets_custom', m.checkTargets({ mqci: 90 }, { id: 'mine', targets: [{ metric: 'mqci', op: '>=', value: 90 }, { metric: 'mqci', op: 'qualitative', wording: '持续提升' }] })],
  ];
  const errors = [
    errorOf(() => m.assess({ values: { spot_check_pass_rate: 'abc', x: 1 } })),
    errorOf(() => m.assess({ scores: { quality_level: 101 } })),
    errorOf(() => m.assess({ values: Object.assign([], { length: 1e7 }) })),
    errorOf(() => m.assess({ get values() { throw new Error('x'); } })),
    errorOf(() => m.checkTargets({}, 'atlantis-2030')),
    errorOf(() => m.deriveIndicators({ export_sales_share: { numerator: 5, salesRevenue: 0 } })),
    errorOf(() => m.readMethodology({ ...d, bands: [] })),
  ];
  const names = [...new Set(outputs.map(([type]) => type.match(/^[A-Za-z]+/)[0]).filter((t) => t !== 'string' && t !== 'Partial'))];
  const source = [
    `import type { ${[...names, 'IndicatorId', 'MqciError'].join(', ')} } from './mqci.js';`,
    `import type { Assessment as LeanAssessment } from './mqci_first.js';`,
    ...outputs.map(([type, name, value]) => `export const ${name}: ${type} = ${literal(value)};`),
    `export const lean: LeanAssessment = ${literal(lean.assess({ scores: { quality_level: 84.76, development_capability: 77.21 } }))};`,
    `type ErrorFields = Pick<MqciError, 'name' | 'message' | 'code' | 'field' | 'value' | 'params' | 'errors'>;`,
    ...errors.map((e, i) => `export const error${i}: ErrorFields = ${literal(e)};`),
    // The declared functions are what the module exports.
    `import * as full from './mqci.js';`,
    `import * as first from './mqci_first.js';`,
    `export const calls = [full.version(), full.assess({}, null), full.assess({}), first.assess({}), first.version()];`,
    '',
  ].join('\n');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mqci-types-'));
  try {
    for (const f of ['mqci.js', 'mqci.d.ts', 'mqci_first.js', 'mqci_first.d.ts']) fs.copyFileSync(path.join(pkgDir, f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, 'outputs.ts'), source);
    const run = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', '--skipLibCheck', 'false', 'outputs.ts'], { cwd: dir, encoding: 'utf8' });
    const report = `${run.stdout}${run.stderr}`.trim();
    assert.equal(run.status, 0, `tsc found type errors (source in ${dir}):\n${report.slice(0, 4000)}`);
    fs.rmSync(dir, { recursive: true });
  } catch (e) {
    console.log(`outputs.ts kept in ${dir}`);
    throw e;
  }
});

test('the id unions of the declarations are exactly the engine ids', () => {
  const d = m.defaultMethodology();
  const exp = m.defaultMethodology({ standardization: 'exponential', bandScheme: '2009' });
  const same = (declared, real, what) => assert.deepEqual([...declared].sort(), [...new Set(real)].sort(), what);
  same(union('IndicatorId'), Object.keys(d.indicators), 'IndicatorId');
  same(union('TertiaryId'), Object.keys(d.tertiary), 'TertiaryId');
  same(union('SecondaryId'), Object.keys(d.secondary), 'SecondaryId');
  same(union('Unit'), Object.values(d.indicators).map((i) => i.unit), 'Unit');
  same(union('Direction'), Object.values(d.indicators).map((i) => i.direction), 'Direction');
  same(union('Standardization'), [d.standardization, exp.standardization], 'Standardization');
  same(union('IndicatorId'), m.rawFields().map((s) => s.indicator), 'rawFields covers every indicator');
  // Every parent named in the methodology is a declared node id.
  for (const i of Object.values(d.indicators)) assert.ok(union('TertiaryId').includes(i.parent), i.parent);
  for (const t of Object.values(d.tertiary)) assert.ok(union('SecondaryId').includes(t.parent), t.parent);
  // Metric units and target ops seen in the shipped data are declared.
  const metricUnits = dts.match(/export interface Metric \{[^}]*unit: ([^;]*);/)[1];
  for (const metric of m.targetMetrics()) assert.ok(metricUnits.includes(`"${metric.unit}"`), metric.unit);
  const ops = union('TargetOp');
  for (const p of m.targetProfiles()) for (const t of p.targets) assert.ok(ops.includes(t.op), t.op);
  // The lean module declares the same ids.
  const leanDts = fs.readFileSync(path.join(pkgDir, 'mqci_first.d.ts'), 'utf8');
  for (const name of ['IndicatorId', 'TertiaryId', 'SecondaryId', 'ErrorCode']) same(union(name, leanDts), union(name), `${name} in mqci_first.d.ts`);
});

test('every error code the engine throws is in the ErrorCode union', () => {
  const codes = union('ErrorCode');
  const d = m.defaultMethodology();
  const bad = [
    () => m.assess({ values: { spot_check_pass_rate: 'abc', quality_loss_rate: -1, qms_certification_rate: 101, x: 1 } }),
    () => m.assess({ values: { spot_check_pass_rate: '1,5', avg_sales_revenue: '5%', quality_loss_rate: NaN } }),
    () => m.assess({ scores: { quality_level: 101 } }),
    () => m.assess([]),
    () => m.assess({ values: { a: { a: { a: {} } } } }),
    () => m.assess({ get values() { throw new Error('x'); } }),
    () => m.assess({ values: Object.assign([], { length: 1e7 }) }),
    () => m.readMethodology({ ...d, bands: [] }),
    () => m.readMethodology({ ...d, secondary: { ...d.secondary, quality_level: { ...d.secondary.quality_level, weight: 0.6 } } }),
    () => m.readMethodology({ ...d, indicators: { ...d.indicators, quality_loss_rate: { ...d.indicators.quality_loss_rate, best: d.indicators.quality_loss_rate.worst } } }),
    () => m.deriveIndicators({ export_sales_share: { numerator: 5, salesRevenue: 0 } }),
    () => m.deriveIndicators({ grade_product_rate: { superiorOutput: 2000, firstClassOutput: 0, qualifiedOutput: 0, totalOutput: 1000 } }),
    () => m.checkTargets({}, 'atlantis-2030'),
    () => m.checkTargets({}, undefined),
  ];
  const seen = new Set();
  for (const f of bad) {
    const e = errorOf(f);
    seen.add(e.code);
    for (const item of e.errors) seen.add(item.code);
  }
  const undeclared = [...seen].filter((c) => !codes.includes(c));
  assert.deepEqual(undeclared, [], `codes thrown but not declared in ErrorCode (seen: ${[...seen].join(', ')})`);
});
