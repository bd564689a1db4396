// Find activities: a person search by place name returns reachable
// sessions and near misses, draws a journey there and back, shows the
// data's age and limits, builds a shortlist — and the person's location
// never appears in a URL or in storage.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, launch, mapData, open, shot, waitMapData } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a person search returns activities and draws a journey', async () => {
  const s = await open(browser, '/#find');
  const { page } = s;
  await axe(page, 'find view on load');

  await page.getByLabel('Search a place, bus stop or heritage site').fill('Upton Cross');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const first = page.locator('.place-results button').first();
  await first.waitFor();
  const placeName = await first.innerText();
  assert.match(placeName, /Upton Cross/);
  await first.click();
  await page.getByText(/^Home set near Upton Cross/).waitFor();
  assert.equal(await page.locator('#view-find select[name="profile"]').inputValue(), 'bus-pass');

  await page.getByRole('button', { name: 'Find activities' }).click();
  await page.locator('.item.reachable').first().waitFor({ timeout: 20_000 });
  const reachable = await page.locator('.item.reachable').count();
  const misses = await page.locator('.item.miss').count();
  assert.ok(reachable > 0, 'no reachable activity from Upton Cross for the bus-pass profile');
  assert.ok(misses > 0, 'no near misses listed');
  // near misses name their barrier in words
  assert.ok(await page.locator('.item.miss .barriers li').count() > 0);
  // illustrative activities are marked; the data's age and limits are shown
  assert.ok(await page.locator('.item .tag.illustrative').count() > 0, 'illustrative activities not marked');
  const about = await page.locator('.about-data').innerText();
  assert.match(about, /Known limits of the data/);
  assert.match(about, /imported \d+ \w+ \d{4}, \d+ (minutes|hours|days) ago/);
  // every reachable item carries a cost breakdown and a way to refer
  assert.equal(await page.locator('.item.reachable table.cost').count(), reachable);
  assert.equal(await page.locator('.item.reachable dl.contact >> text=How to refer').count(), reachable);

  // a session reached by bus: draw its journey there and back
  const byBus = page.locator('.item.reachable').filter({ hasText: 'Getting there: bus' }).first();
  await byBus.waitFor();
  await byBus.getByRole('button', { name: 'Show the journey on the map' }).click();
  const legs = await waitMapData(page, 'journeyLegs');
  assert.ok(legs >= 4, `a bus journey there and back should draw at least 4 legs, drew ${legs}`);
  await page.waitForFunction(() => window.threshold.map.queryRenderedFeatures({ layers: ['journey-out-ride', 'journey-back-ride'] }).length > 0);
  assert.match(await page.locator('.journey-status').innerText(), /journey there in blue/);

  // the shortlist is plain English with the activity in it
  const name = (await byBus.locator('h4').innerText()).split('\n')[0].replace(/illustrative example/, '').trim();
  await byBus.getByLabel('Add to the shortlist').check();
  const text = await page.locator('#shortlist-text').innerText();
  assert.ok(text.includes(name), `shortlist lacks "${name}":\n${text}`);
  assert.match(text, /Getting there: Leave home at \d+:\d\d[ap]m\./);
  assert.match(text, /How to join:/);
  assert.doesNotMatch(text, /50\.\d{3}|-1\.\d{3}/, 'the shortlist must not carry coordinates');
  // printing shows the shortlist alone, in large print
  await page.evaluate(() => { window.print = () => { window.printed = (window.printed ?? 0) + 1; }; });
  await page.getByRole('button', { name: 'Print the shortlist' }).click();
  assert.equal(await page.evaluate(() => window.printed), 1);
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.locator('#print-sheet').isVisible());
  assert.ok(!(await page.locator('main').isVisible()), 'print shows only the shortlist');
  assert.ok((await page.locator('#print-sheet').innerText()).includes(name));
  const size = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('#print-sheet pre')).fontSize));
  assert.ok(size >= 20, `print text should be large (${size}px)`);
  await page.emulateMedia({ media: 'screen' });
  await shot(page, 'find-journey');
  await axe(page, 'find view with results');

  // privacy: the location never went into a URL, the hash or storage
  const coords = /50\.7\d|-1\.1[5-9]|lat=|lon=/;
  for (const u of s.requests) assert.doesNotMatch(u.replace(/\/tiles\/.*$/, ''), coords, `location in a URL: ${u}`);
  assert.doesNotMatch(page.url(), coords);
  const stored = await page.evaluate(() => localStorage.length + sessionStorage.length);
  assert.equal(stored, 0, 'nothing may be stored');
  assert.deepEqual(s.errors, []);
  await s.close();
});

test('the profile can be adjusted and a bad budget is refused in words', async () => {
  const s = await open(browser, '/#find');
  const { page } = s;
  await page.getByLabel('Search a place, bus stop or heritage site').fill('Ryde');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.locator('.place-results button').first().click();
  await page.getByLabel('Budget per visit in pounds').fill('lots');
  await page.getByRole('button', { name: 'Find activities' }).click();
  await page.getByText('The budget must be an amount in pounds').waitFor();
  // a budget of nothing with the walker profile: the answer comes back
  // and nothing costing money is reachable
  await page.locator('#view-find select[name="profile"]').selectOption('walker');
  await page.getByLabel('Budget per visit in pounds').fill('0');
  await page.getByLabel('Travels with a companion (their fares count too)').check();
  await page.getByRole('button', { name: 'Find activities' }).click();
  await page.locator('.about-data').waitFor();
  await page.waitForFunction(() => /can reach/.test(document.getElementById('find-status')?.textContent ?? ''));
  const totals = await page.locator('.item.reachable table.cost tr:last-child td').allInnerTexts();
  for (const t of totals) assert.match(t, /^free/, `a reachable item costs money under a zero budget: ${t}`);
  const over = await page.locator('.item.miss .barriers').filter({ hasText: 'Costs more than the budget' }).count();
  assert.ok(over > 0, 'a zero budget should leave some near misses over budget');
  assert.equal(await mapData(page, 'journeyLegs'), '0');
  await s.close();
});
