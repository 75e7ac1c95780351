// The page's module graph (www/**/*.js, without the generated www/pkg/): every import is a
// literal that resolves to a file, no cycle anywhere (static and dynamic imports alike), no
// module imports app.js except the entry points that mount the widget, and no panel imports
// another panel. This is the check behind "no import cycle remains" (issue 8). Needs no browser.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative, resolve, dirname, sep } from 'node:path';

const WWW = fileURLToPath(new URL('../../www/', import.meta.url));
/** The only modules allowed to import app.js: the pages and wrappers that call mount(). */
const ENTRIES = new Set(['main.js', 'embed.js', 'mqci-widget.js']);

async function jsFiles(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (relative(WWW, p) !== 'pkg') out.push(...await jsFiles(p));
    } else if (e.name.endsWith('.js')) out.push(p);
  }
  return out;
}

/** The import specifiers of a module's source: [{ spec, dynamic }], or throws on a non-literal one. */
export function importsOf(source) {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[\s;{}()])\/\/.*$/gm, '$1');
  const found = [];
  for (const m of code.matchAll(/(?:^|[\s;}])(?:import|export)\s+(?:[\w*${},\s]+?\s+from\s+)?(['"])([^'"]+)\1/g)) found.push({ spec: m[2], dynamic: false });
  for (const m of code.matchAll(/\bimport\s*\(\s*([^)]*?)\s*\)/g)) {
    const lit = /^(['"])([^'"`]+)\1$/.exec(m[1]);
    if (!lit) throw new Error(`dynamic import with a computed specifier: import(${m[1]})`);
    found.push({ spec: lit[2], dynamic: true });
  }
  return found;
}

/** A cycle in `graph` (Map node → [nodes]) as a list of nodes, or null. */
export function findCycle(graph) {
  const state = new Map(); // 1 = on the stack, 2 = done
  const stack = [];
  const visit = (n) => {
    state.set(n, 1);
    stack.push(n);
    for (const next of graph.get(n) || []) {
      if (state.get(next) === 1) return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const c = visit(next);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(n, 2);
    return null;
  };
  for (const n of graph.keys()) if (!state.has(n)) { const c = visit(n); if (c) return c; }
  return null;
}

async function graph() {
  const files = await jsFiles(WWW);
  const g = new Map();
  const problems = [];
  for (const f of files) {
    const from = relative(WWW, f).split(sep).join('/');
    let specs;
    try {
      specs = importsOf(await readFile(f, 'utf8'));
    } catch (e) {
      problems.push(`${from}: ${e.message}`);
      continue;
    }
    const edges = [];
    for (const { spec } of specs) {
      if (!spec.startsWith('.')) {
        problems.push(`${from}: bare specifier "${spec}" (no bundler: imports are relative paths)`);
        continue;
      }
      const target = relative(WWW, resolve(dirname(f), spec)).split(sep).join('/');
      if (!target.startsWith('pkg/') && !existsSync(join(WWW, target))) problems.push(`${from}: "${spec}" does not exist`);
      edges.push(target);
    }
    g.set(from, edges);
  }
  return { g, problems };
}

test('the cycle finder finds a cycle and accepts a tree (self-check)', () => {
  assert.deepEqual(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]])), ['a', 'b', 'c', 'a']);
  assert.equal(findCycle(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]])), null);
  assert.deepEqual(importsOf("import x from './a.js';\nexport { y } from \"../b.js\";\nconst m = import('./c.js');\n// import z from './no.js'"), [
    { spec: './a.js', dynamic: false }, { spec: '../b.js', dynamic: false }, { spec: './c.js', dynamic: true },
  ]);
  assert.throws(() => importsOf('import(`./${name}.js`)'), /computed specifier/);
});

test('www/: every import resolves, and no module graph cycle', async () => {
  const { g, problems } = await graph();
  assert.ok(g.size >= 15, `read ${g.size} modules`);
  assert.deepEqual(problems, []);
  const cycle = findCycle(g);
  assert.equal(cycle, null, `import cycle: ${cycle?.join(' → ')}`);
});

test('www/: only the entry points import app.js, and no panel imports another panel', async () => {
  const { g } = await graph();
  const importers = [...g].filter(([, to]) => to.includes('app.js')).map(([from]) => from);
  assert.ok(importers.length > 0, 'the entry points import app.js');
  assert.deepEqual(importers.filter((f) => !ENTRIES.has(f)), [], 'modules importing app.js');
  const panelToPanel = [...g].filter(([from]) => from.startsWith('panels/')).flatMap(([from, to]) => to.filter((x) => x.startsWith('panels/')).map((x) => `${from} → ${x}`));
  assert.deepEqual(panelToPanel, []);
  // Shared code (lib/, views/, data/, lang/, vendor/) imports neither panels nor app.js.
  const shared = [...g].filter(([from]) => /^(lib|views|data|lang|vendor)\//.test(from)).flatMap(([from, to]) => to.filter((x) => x === 'app.js' || x.startsWith('panels/')).map((x) => `${from} → ${x}`));
  assert.deepEqual(shared, []);
});
