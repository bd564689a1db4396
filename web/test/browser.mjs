// Shared set-up for the browser tests: Debian's Chromium driven by
// playwright-core, every request outside localhost blocked and recorded,
// axe-core for WCAG 2.1 A/AA, screenshots into the artefacts folder.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const baseURL = process.env.THRESHOLD_URL;
if (!baseURL) throw new Error('THRESHOLD_URL is not set: run scripts/browser-test.sh (make test-browser)');
export const artefacts = resolve(process.env.THRESHOLD_ARTIFACTS ?? join(import.meta.dirname, '../../test-artifacts/browser'));
mkdirSync(artefacts, { recursive: true });

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
  '--no-first-run', '--disable-component-update', '--disable-sync',
  // WebGL (MapLibre, deck.gl) on the software rasteriser, without a GPU.
  '--enable-unsafe-swiftshader',
];

/** local is true for the test server's own origin and loopback. */
function local(u) {
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  return ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
}

/** launch starts Chromium; each test opens its own page with open(). */
export async function launch() {
  return chromium.launch({ executablePath: chromiumPath, args });
}

/** open gives a page on a fresh context where every request that would
 * leave localhost is aborted and recorded in `outside`; `requests` records
 * every URL asked for (the privacy checks read it). */
export async function open(browser, path = '/') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, baseURL });
  const outside = [];
  const requests = [];
  const errors = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (local(new URL(url))) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('request', (r) => {
    requests.push(r.url());
    if (!local(new URL(r.url()))) outside.push(r.url());
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(path);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  return {
    page, context, outside, requests, errors,
    async close() {
      await context.close();
      assert.deepEqual(outside, [], 'requests outside localhost were attempted');
    },
  };
}

/** axe runs axe-core with the WCAG 2.1 A and AA rules and fails on any
 * violation, listing them. */
export async function axe(page, label) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return { violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' :: ' + n.failureSummary) })), passes: r.passes.length };
  });
  assert.ok(result.passes > 10, `${label}: axe ran too few checks (${result.passes})`);
  assert.deepEqual(result.violations, [], `${label}: WCAG 2.1 A/AA violations:\n${JSON.stringify(result.violations, null, 2)}`);
}

/** shot saves a screenshot into the artefacts folder. */
export async function shot(page, name) {
  await page.screenshot({ path: join(artefacts, `${name}.png`), fullPage: false });
}

/** mapData reads what the views recorded on the map element. */
export async function mapData(page, key) {
  return page.evaluate((k) => document.getElementById('map').dataset[k] ?? '', key);
}

/** waitMapData waits until a data-* counter on the map element is above 0. */
export async function waitMapData(page, key, timeout = 20_000) {
  await page.waitForFunction((k) => Number(document.getElementById('map').dataset[k] ?? 0) > 0, key, { timeout });
  return Number(await mapData(page, key));
}
