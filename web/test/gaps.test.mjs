// Gaps and what-ifs: gap areas are listed with population, need and the
// blocking barrier and drawn on the map; suggested sites are listed; a
// scenario built from a suggestion changes the numbers and draws the cells
// that change.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, launch, open, shot, waitMapData } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const count = (t) => Number(t.replace(/,/g, ''));

test('gaps are ranked with their barrier and a scenario changes the numbers', async () => {
  const s = await open(browser, '/#gaps');
  const { page } = s;
  const view = page.locator('#view-gaps');
  const gaps = view.locator('article.gap');
  await gaps.first().waitFor({ timeout: 20_000 });
  assert.ok(await waitMapData(page, 'gapAreas') > 0);
  const first = await gaps.first().innerText();
  assert.match(first, /^Gap 1: [\d,]+ residents in \S/, "the first gap names its ward");
  assert.match(first, /Deprivation decile/);
  assert.match(first, /Rurality/);
  assert.ok(await gaps.first().locator('.barriers').count() === 1, 'the first gap names its barrier');
  await gaps.first().getByRole('button', { name: 'Show gap 1 on the map' }).click();
  await page.waitForFunction(() => window.threshold.map.queryRenderedFeatures({ layers: ['gaps-selected'] }).length > 0);

  // suggestions, then a scenario made from the first one
  const suggestion = view.locator('article.suggestion').first();
  await suggestion.waitFor({ timeout: 20_000 });
  const added = count(/reach ([\d,]+) people/.exec(await suggestion.innerText())[1]);
  assert.ok(added > 0, 'the first suggestion should reach someone');
  await suggestion.getByRole('button', { name: /^Add a session at/ }).click();
  assert.equal(await view.locator('.change-list li').count(), 1);
  await view.getByRole('button', { name: 'Work out the people gained' }).click();
  const result = view.locator('.scenario-profiles article').first();
  await result.waitFor({ timeout: 20_000 });
  const gained = count(await result.locator('dd.gained').innerText());
  const [before, after] = (await result.locator('dd.before-after').innerText()).match(/\d[\d,]*/g).map(count);
  assert.ok(gained > 0, 'the scenario should gain people');
  assert.ok(after > before, `covered people should rise: ${before} → ${after}`);
  // the suggestion's promise and the scenario's answer agree (same session, same rules)
  assert.ok(Math.abs(gained - added) <= Math.max(2, added * 0.01), `suggestion said ${added}, scenario says ${gained}`);
  assert.ok(await waitMapData(page, 'scenarioCells') > 0, 'changed cells are drawn');
  await page.waitForFunction(() => window.threshold.drawnHexes() > 0, null, { timeout: 20_000 });
  await shot(page, 'gaps-scenario');
  await axe(page, 'gaps view with a scenario');

  // a change built in the form: make every stop and bus step-free, for wheelchair users
  await view.getByRole('button', { name: 'Remove change 1' }).click();
  await view.getByLabel('Profile', { exact: true }).selectOption('wheelchair');
  await view.getByLabel('Change', { exact: true }).selectOption('step_free_network');
  await view.getByRole('button', { name: 'Add this change' }).click();
  await view.getByRole('button', { name: 'Work out the people gained' }).click();
  await page.waitForFunction(() => /Wheelchair|wheelchair/.test(document.querySelector('.scenario-profiles article h4')?.textContent ?? ''));
  assert.deepEqual(s.errors, []);
  await s.close();
});

test('every kind of change can be built in the form and is accepted by the server', async () => {
  const s = await open(browser, '/#gaps');
  const { page } = s;
  const view = page.locator('#view-gaps');
  await view.locator('article.gap').first().waitFor({ timeout: 20_000 });
  // zoom in on Ryde so the map's tiles list the bus routes and feeds
  await page.evaluate(() => window.threshold.map.jumpTo({ center: [-1.16, 50.72], zoom: 13 }));
  await page.waitForFunction(() => window.threshold.map.loaded() && window.threshold.map.areTilesLoaded());
  await page.waitForTimeout(300);
  const kind = view.getByLabel('Change', { exact: true });
  const add = async (value, fill) => {
    await kind.selectOption(value);
    if (fill) await fill();
    await view.getByRole('button', { name: 'Add this change' }).click();
    await page.waitForFunction(() => /^Added:/.test(document.getElementById('scenario-status')?.textContent ?? '') || document.querySelector('#view-gaps .change-form .error')?.textContent);
    const err = await view.locator('.change-form .error').innerText();
    assert.equal(err, '', `${value}: ${err}`);
  };
  await add('add_session', async () => {
    await view.getByLabel('Where').selectOption('new');
    await view.getByRole('button', { name: 'Use the centre of the map' }).click();
  });
  await add('move_session', async () => { await view.getByLabel('New start time (the length stays the same)').fill('11:00'); });
  await add('make_free');
  await add('step_free_stop', async () => {
    await view.getByLabel('Search a stop by name').fill('Upton Cross');
    await view.getByRole('button', { name: 'Search stops' }).click();
    await page.waitForFunction(() => document.querySelector('#view-gaps .change-fields select option'));
  });
  await add('step_free_network');
  await add('add_trip', async () => {
    const route = await page.evaluate(() => document.querySelector('#route-options option')?.getAttribute('value'));
    assert.ok(route, 'the map at zoom 13 should list a route');
    await view.getByLabel('Route id').fill(route);
  });
  await add('add_dar_zone', async () => { await view.getByRole('button', { name: 'Use the centre of the map' }).click(); });
  assert.equal(await view.locator('.change-list li').count(), 7);
  await view.getByLabel('Work it out for all six profiles (otherwise the profile chosen above)').check();
  await view.getByRole('button', { name: 'Work out the people gained' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.scenario-profiles article').length === 6
    || /could not be worked out/.test(document.getElementById('scenario-status')?.textContent ?? ''), null, { timeout: 30_000 });
  const status = await view.locator('#scenario-status').innerText();
  assert.match(status, /^Done\./, status);
  await shot(page, 'gaps-all-changes');
  assert.deepEqual(s.errors, []);
  await s.close();
});
