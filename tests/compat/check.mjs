// `cargo xtask test` step `compat`: the page's own JS (www/**/*.js, vendored preact included;
// not the generated www/pkg/) must run on the floor of Chromium 80:
// - syntax and built-ins: es-check against the browserslist query, with feature detection;
// - web APIs: eslint with eslint-plugin-compat (eslint.config.mjs).
// Exits non-zero and lists every finding if either fails.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const www = join(here, '../../www');
const QUERY = 'chrome >= 80';
const bin = (name) => join(here, 'node_modules/.bin', name);

let failed = false;
const run = (label, cmd, args, cwd) => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, BROWSERSLIST: QUERY } });
  const out = `${r.stdout || ''}${r.stderr || ''}`;
  if (r.status !== 0) {
    failed = true;
    console.error(`compat: ${label} failed (${QUERY}):`);
    const findings = [...out.matchAll(/erroring file: (\S+)[\s\S]*?error: Error: (.*?)(?: These require|\n)/g)];
    console.error(findings.length ? findings.map((m) => `  ${m[1]}: ${m[2]}`).join('\n') : out);
  } else {
    console.log(`compat: ${label}: ok (${QUERY})`);
  }
};

run('es-check (syntax, built-ins)', bin('es-check'), [
  'checkBrowser', 'www/**/*.js', '--module', '--checkFeatures', `--browserslistQuery=${QUERY}`, '--not=www/pkg', '--noColor',
], join(www, '..'));
run('eslint-plugin-compat (APIs)', bin('eslint'), ['--no-config-lookup', '-c', join(here, 'eslint.config.mjs'), '.'], www);
process.exit(failed ? 1 : 0);
