// Host-supplied target profiles (issue 10): a city that mqci does not ship brings its own
// targets with one attribute — `profile-src` on <mqci-widget> and the query parameter of
// embed.html — a same-origin JSON file validated by the engine's readProfile. A bad file is
// refused with the field named, shown in the widget and reported (mqci-error / mqci:error);
// an unknown `profile` id is an error, never a silent fallback. Both origins, as a host has them
// (tests/e2e/host/ on MQCI_HOST_URL); the profile file is served by the test (page.route).
// axe runs in the iframe (embed.html): axe itself adds an inline style the host page's strict
// CSP reports, and the host page's own landmarks are the host's.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { noViolations, toEnglish } from './fixtures/page.mjs';
import { WIDGET, HOST, W, H, startBrowser, stopBrowser, hostPage, finish } from './embed-kit.mjs';
import { launch } from './helpers.mjs';

// The example of docs/EMBEDDING.md (illustrative numbers, not Deyang's).
export const DEYANG = {
  id: 'deyang-2027',
  zh: '德阳 2027 年目标（质量强市实施方案）',
  en: 'Deyang targets for 2027',
  region: '德阳',
  issuer: '德阳市人民政府',
  document: '《德阳市质量强市建设实施方案》',
  date: '2023-10',
  status: '正式',
  source: '德阳市人民政府《德阳市质量强市建设实施方案》(2023-10)',
  url: null,
  period: { start: 2023, end: 2027 },
  targets: [
    { metric: 'mqci', kind: 'absolute', op: '>=', value: 87, baseline: { year: 2022, value: 84.5 }, wording: '制造业质量竞争力指数达到87' },
    { metric: 'industrial_product_pass_rate', kind: 'relative_national', op: '>=', value: 1, wording: '工业产品质量合格率高于全国1个百分点' },
    { metric: 'manufacturing_pass_rate', kind: 'change', op: '>=', value: 2, baseline: { year: 2022, value: 93.1 }, wording: '制造业产品质量合格率提升2个百分点以上' },
    { metric: 'tianfu_quality_award_new', kind: 'count', op: '>=', value: 5, wording: '新培育天府质量奖组织和个人5个' },
    { metric: 'public_service_satisfaction', kind: 'qualitative', wording: '公共服务质量满意度保持全省前列' },
  ],
};

let browser;
before(async () => {
  await startBrowser();
  browser = await launch();
});
after(async () => {
  await stopBrowser();
  await browser?.close();
});

/**
 * Opens `url` in a fresh context where `files` ({ absolute URL: body }) are served by the test,
 * recording what embed-kit's `finish` checks (page errors, console errors, failed requests,
 * CSP violations, the messages each frame receives).
 */
async function openWith(url, files) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  for (const [u, body] of Object.entries(files)) {
    await context.route(u, (route) => route.fulfill({ status: 200, contentType: 'application/json; charset=utf-8', body: typeof body === 'string' ? body : JSON.stringify(body) }));
  }
  await context.addInitScript(() => {
    window.__csp = [];
    window.__received = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${location.origin}: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`));
    window.addEventListener('message', (e) => window.__received.push({ origin: e.origin, type: e.data?.type }));
  });
  const requests = [];
  const problems = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  await page.goto(url);
  return { context, page, requests, problems };
}

const widgetRoot = (page) => page.locator('mqci-widget');

const ready = (page) => page.waitForFunction(() => {
  const el = document.querySelector('mqci-widget');
  return el?.shadowRoot?.querySelector('.mqci-card') && !el.shadowRoot.querySelector('.mqci[aria-busy]');
}, null, { timeout: 20_000 });

test('<mqci-widget profile-src>: a city not shipped brings its own targets with one attribute', async () => {
  const src = `${HOST}profiles/deyang-2027.json`;
  const s = await openWith(hostPage('element.html', { attrs: { 'profile-src': src, mode: 'targets', lang: 'zh-CN' } }), { [src]: DEYANG });
  const { page } = s;
  await ready(page);
  const el = widgetRoot(page);
  const select = el.locator('select[data-act="profile"]');
  await el.locator('[data-testid="target-table"] tr[data-metric="tianfu_quality_award_new"]').waitFor();
  assert.equal(await select.inputValue(), 'deyang-2027');
  assert.match(await select.locator('option:checked').innerText(), /德阳 2027 年目标/);
  assert.equal(await el.locator('[data-testid="target-table"] tbody tr').count(), 5);
  // Its baseline is the plan's own: a 2026 MQCI of 86 is checked against 84.5 → 87 (2022–2027).
  await el.locator('select[data-f="asOf"]').selectOption('2026');
  await el.locator('input[data-k="actuals"][data-id="mqci"]').fill('86');
  const row = el.locator('[data-testid="target-table"] tr[data-metric="mqci"]');
  const E = 84.5 + (87 - 84.5) * 0.8; // 86.5, tolerance 2/12
  await row.locator('[data-col="expected"]', { hasText: String(E) }).waitFor();
  assert.equal(await row.getAttribute('data-pace'), 86 - E < -(E - 84.5) / 12 ? 'behind' : 'on_track');
  assert.match(await row.innerText(), /规划|84\.5|欠进度|达进度/);
  const errors = await page.evaluate(() => window.__log.filter((x) => x.type === 'mqci-error'));
  assert.deepEqual(errors, []);
  await finish(s);
});

test('a bad profile-src is refused with the field named: shown in the widget, mqci-error on the element', async () => {
  const src = `${HOST}profiles/bad.json`;
  const bad = { ...DEYANG, targets: [DEYANG.targets[0], { ...DEYANG.targets[2], baseline: { year: 'last year', value: 93.1 } }] };
  const s = await openWith(hostPage('element.html', { attrs: { 'profile-src': src, mode: 'targets' } }), { [src]: bad });
  const { page } = s;
  await ready(page);
  await page.waitForFunction(() => window.__log.some((x) => x.type === 'mqci-error'), null, { timeout: 20_000 });
  const [error] = await page.evaluate(() => window.__log.filter((x) => x.type === 'mqci-error').map((x) => x.detail));
  assert.match(error.field, /^profile\.targets\[1\]\.baseline\.year$/);
  const shown = widgetRoot(page).locator('[data-testid="profile-errors"]');
  await shown.waitFor();
  assert.match(await shown.innerText(), /profile\.targets\[1\]\.baseline\.year/);
  // Never a silent fallback to a shipped profile's check without saying so.
  assert.equal(await shown.getAttribute('role'), 'alert');
  await finish(s);
});

test('a profile-src on another origin is refused (not_same_origin on profile-src)', async () => {
  const s = await openWith(hostPage('element.html', { attrs: { 'profile-src': `${WIDGET}x.json`, mode: 'targets' } }), {});
  const { page } = s;
  await ready(page);
  await page.waitForFunction(() => window.__log.some((x) => x.type === 'mqci-error'), null, { timeout: 20_000 });
  const error = await page.evaluate(() => window.__log.find((x) => x.type === 'mqci-error').detail);
  assert.equal(error.field, 'profile-src');
  assert.equal(error.code, 'not_same_origin');
  assert.ok(!s.requests.includes(`${WIDGET}x.json`), 'nothing fetched from another origin');
  await finish(s);
});

/** A host page (blank.html of the host origin) with the widget's iframe at `query` and a message log. */
async function iframeHost(query, files) {
  const s = await openWith(`${HOST}blank.html`, files);
  const { page } = s;
  await page.evaluate(([src]) => {
    window.__log = [];
    window.addEventListener('message', (e) => window.__log.push({ origin: e.origin, data: e.data }));
    const f = document.createElement('iframe');
    f.id = 'widget-frame';
    f.title = 'mqci';
    f.src = src;
    document.body.append(f);
  }, [`${WIDGET}embed.html?${new URLSearchParams({ origins: H, ...query })}`]);
  const frame = await (await page.waitForSelector('#widget-frame')).contentFrame();
  await frame.waitForSelector('.mqci:not([aria-busy])', { timeout: 20_000 });
  return { ...s, frame };
}

const errorsPosted = (page) => page.evaluate((w) => window.__log.filter((x) => x.origin === w && x.data?.type === 'mqci:error').map((x) => x.data), W);

test('embed.html?profile-src=…: the iframe reads the city\'s file; a bad one posts mqci:error naming the field', async () => {
  const good = `${WIDGET}host-profiles/deyang-2027.json`;
  const s = await iframeHost({ 'profile-src': '/host-profiles/deyang-2027.json', mode: 'targets' }, { [good]: DEYANG });
  await s.frame.locator('[data-testid="target-table"] tr[data-metric="public_service_satisfaction"]').waitFor();
  assert.equal(await s.frame.locator('select[data-act="profile"]').inputValue(), 'deyang-2027');
  assert.deepEqual(await errorsPosted(s.page), []);
  await noViolations(s.frame, 'profile-src read in the iframe');
  await finish(s);

  const badUrl = `${WIDGET}host-profiles/bad.json`;
  const t = await iframeHost({ 'profile-src': '/host-profiles/bad.json', mode: 'targets' }, { [badUrl]: { ...DEYANG, targets: [{ metric: 'mqci', op: '>=', value: 'eighty-seven' }] } });
  await t.page.waitForFunction((w) => window.__log.some((x) => x.origin === w && x.data?.type === 'mqci:error'), W, { timeout: 20_000 });
  const [err] = await errorsPosted(t.page);
  assert.match(err.field, /^profile/);
  assert.ok(err.errors.some((e) => e.field === 'profile.targets[0].value'), JSON.stringify(err.errors.map((e) => e.field)));
  await t.frame.locator('[data-testid="profile-errors"]').waitFor();
  await noViolations(t.frame, 'bad profile-src refused (zh)');
  await toEnglish(t.frame);
  assert.match(await t.frame.locator('[data-testid="profile-errors"]').innerText(), /cannot be used/);
  await noViolations(t.frame, 'bad profile-src refused (en)');
  await finish(t);
});

test('an unknown profile id is an error, never a silent fallback: mqci:error on profile and a visible notice', async () => {
  const s = await iframeHost({ profile: 'atlantis-2030', mode: 'targets' }, {});
  await s.page.waitForFunction((w) => window.__log.some((x) => x.origin === w && x.data?.type === 'mqci:error' && x.data.field === 'profile'), W, { timeout: 20_000 });
  const err = (await errorsPosted(s.page)).find((x) => x.field === 'profile');
  assert.equal(err.code, 'unknown_id');
  assert.equal(err.value, 'atlantis-2030');
  assert.match(await s.frame.locator('body').innerText(), /atlantis-2030/);
  await finish(s);
});
