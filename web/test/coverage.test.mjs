// Coverage: the H3 heatmap draws (deck.gl reports the cells it rendered,
// and the map's pixels change when the layer is hidden), the legend is a
// table of the same bands, totals split by rurality and deprivation, and
// the CSV and GeoJSON downloads carry every cell.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { axe, launch, open, shot, waitMapData } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** deckCanvas hides or shows deck.gl's own canvas over the map. */
async function deckVisible(page, visible) {
  await page.evaluate((v) => {
    const c = document.querySelector('#map canvas:not(.maplibregl-canvas)');
    if (!c) throw new Error('no deck.gl canvas');
    c.style.visibility = v ? 'visible' : 'hidden';
  }, visible);
}

test('the coverage heatmap draws its hexagons with a legend and totals', async () => {
  const s = await open(browser, '/#coverage');
  const { page } = s;
  const view = page.locator('#view-coverage');
  const cells = await waitMapData(page, 'hexCells');
  assert.ok(cells > 100, `too few coverage cells: ${cells}`);
  await page.waitForFunction(() => window.threshold.drawnHexes() > 0, null, { timeout: 20_000 });
  const drawn = await page.evaluate(() => window.threshold.drawnHexes());
  assert.ok(drawn > 50, `deck.gl rendered only ${drawn} hexagons`);

  // pixels: the map region differs with and without the hexagon layer
  const box = await page.locator('#map').boundingBox();
  const withHex = await page.screenshot({ clip: box });
  await deckVisible(page, false);
  const without = await page.screenshot({ clip: box });
  await deckVisible(page, true);
  assert.notDeepEqual(withHex, without, 'hiding the hexagon layer changed no pixel');

  // the legend is a table whose hexagon counts add up to the cells drawn
  const counts = await page.locator('table.legend tbody tr td:nth-child(3)').allInnerTexts();
  assert.equal(counts.length, 6);
  assert.equal(counts.reduce((a, c) => a + Number(c.replace(/,/g, '')), 0), cells);
  const totals = page.locator('table.totals-table tbody tr');
  await totals.first().waitFor();
  assert.ok(await totals.count() >= 2, 'totals by rurality should have groups and an "All" row');
  assert.match(await page.locator('table.totals-table').innerText(), /rural/i);
  await shot(page, 'coverage');
  await axe(page, 'coverage view');

  // the profile's own population, deprivation totals, another resolution
  await view.getByLabel('Profile', { exact: true }).selectOption('wheelchair');
  await view.getByLabel('Count people among').selectOption('profile_population');
  await view.getByLabel('Group the totals by').selectOption('imd');
  await page.waitForFunction(() => /IMD/.test(document.querySelector('table.totals-table')?.innerText ?? ''));
  await view.getByLabel('Hexagon size').selectOption('7');
  await page.waitForFunction((n) => Number(document.getElementById('map').dataset.hexCells) < n, cells);
  const coarse = Number(await page.evaluate(() => document.getElementById('map').dataset.hexCells));
  assert.ok(coarse > 0 && coarse < cells, `resolution 7 should have fewer cells (${coarse} vs ${cells})`);

  // downloads: CSV from the server, GeoJSON built in the page
  const csvHref = await view.getByRole('link', { name: /CSV, resolution 7/ }).getAttribute('href');
  assert.match(csvHref, /^\/api\/v1\/coverage\?profile=wheelchair&res=7&format=csv$/);
  const csv = await (await page.request.get(csvHref)).text();
  assert.match(csv.split('\n')[0], /hex_id/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    view.getByRole('button', { name: /GeoJSON, resolution 7/ }).click(),
  ]);
  const fc = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(fc.type, 'FeatureCollection');
  assert.equal(fc.features.length, csv.trim().split('\n').length - 1, 'GeoJSON and CSV should hold the same cells');
  const ring = fc.features[0].geometry.coordinates[0];
  assert.deepEqual(ring[0], ring[ring.length - 1], 'hexagon rings are closed');
  assert.ok(ring[0][0] < 0 && ring[0][1] > 49, 'coordinates are [lon, lat] in England');
  await axe(page, 'coverage view, wheelchair, resolution 7');
  assert.deepEqual(s.errors, []);
  await s.close();
});
