// `cargo xtask test` step `compat`: the page's own JS (www/**/*.js, vendored preact included;
// not the generated www/pkg/) must run on the floor of Chromium 80:
// - syntax and built-ins: es-check against the browserslist query, with feature detection;
// - web APIs: eslint with eslint-plugin-compat (eslint.config.mjs);
// - CSS (www/**/*.css): doiuse against the same query. Features caniuse marks only "partially
//   supported" for a reason these files do not touch are listed in CSS_PARTIAL with that reason.
// Exits non-zero and lists every finding if either fails.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const www = join(here, '../../www');
const QUERY = 'chrome >= 80';
const bin = (name) => join(here, 'node_modules/.bin', name);

let failed = false;
const run = (label, cmd, args, cwd, anyOutputFails = false) => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, BROWSERSLIST: QUERY } });
  const out = `${r.stdout || ''}${r.stderr || ''}`;
  if (r.status !== 0 || (anyOutputFails && (r.stdout || '').trim())) {
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
/** caniuse "partial support" notes that do not apply to what the CSS uses. */
const CSS_PARTIAL = {
  'css-overflow': 'partial = `overflow: clip`/`overlay`; only auto/hidden/visible are used',
  'css-clip-path': 'partial = shapes other than basic ones on HTML; only inset() is used',
  'css-masks': 'reported with clip-path; no mask-* property is used',
  'css-logical-props': 'partial = *-block/*-inline shorthands before 89; only inset-free longhands are used',
  'css-sticky': 'partial = sticky on <thead>/<tr>; only blocks are sticky',
  'multicolumn': 'partial = break-before/after in columns; columns are only used in print lists',
  'css-not-sel-list': 'partial = a list inside :not(); every :not() here has one simple selector',
  'flexbox-gap': 'Chromium 80-83 get margins instead, under .mqci--nogap (lib/fit.js measures flex gap support)',
  'css-focus-visible': 'used only as :focus:not(:focus-visible), after a plain :focus ring that Chromium 80 keeps',
};
run('doiuse (CSS)', bin('doiuse'), [
  '--browsers', QUERY, '--ignore', Object.keys(CSS_PARTIAL).join(','), 'style.css', 'panels/panels.css',
], www, true); // doiuse exits 0 even when it finds something
process.exit(failed ? 1 : 0);
