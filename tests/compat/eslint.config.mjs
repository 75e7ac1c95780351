// The page's JS against the Chromium 80 floor: web and JS APIs (eslint-plugin-compat, with the
// browserslist "chrome >= 80" of package.json). Syntax is es-check's part (check.mjs).
import compat from 'eslint-plugin-compat';

export default [
  { ignores: ['pkg/**'] },
  {
    files: ['**/*.js'],
    plugins: { compat },
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    settings: { polyfills: [] },
    rules: { 'compat/compat': 'error' },
  },
];
