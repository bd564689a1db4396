// Keyboard only: a person search from the first Tab to a journey on the
// map, with no mouse; and every view reached from the navigation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, launch, open, shot, waitMapData } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** tabTo presses Tab until the focused element matches, failing after max. */
async function tabTo(page, describe, matches, max = 80, arg = null, key = 'Tab') {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (await page.evaluate(matches, arg)) return i + 1;
  }
  throw new Error(`Tab never reached ${describe}`);
}

const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 60) ?? ''}`;
});

test('a person search completes with the keyboard alone', async () => {
  const s = await open(browser, '/');
  const { page } = s;
  // the skip link comes first and lands in the controls
  await page.keyboard.press('Tab');
  assert.match(await focused(page), /Skip to the controls/);
  await tabTo(page, 'the place search', () => document.activeElement?.getAttribute('type') === 'search');
  await page.keyboard.type('Upton Cross');
  await page.keyboard.press('Enter');
  await page.locator('.place-results button').first().waitFor();
  await page.keyboard.press('Tab'); // to the Search button
  await page.keyboard.press('Tab'); // to the first place found
  assert.match(await focused(page), /Upton Cross/);
  await page.keyboard.press('Enter');
  await page.getByText(/^Home set near Upton Cross/).waitFor();

  await tabTo(page, 'the Find activities button', () => document.activeElement?.id === 'find-submit');
  await page.keyboard.press('Enter');
  await page.locator('.item.reachable').first().waitFor({ timeout: 20_000 });

  await tabTo(page, 'a "Show the journey" button of a bus trip', () => {
    const el = document.activeElement;
    return el?.textContent === 'Show the journey on the map' && /Getting there: bus/.test(el.closest('article')?.textContent ?? '');
  }, 400);
  await page.keyboard.press('Enter');
  assert.ok(await waitMapData(page, 'journeyLegs') >= 4, 'the journey is drawn');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space'); // tick "Add to the shortlist"
  await page.waitForFunction(() => /Shortlist for the person \(1\)/.test(document.getElementById('shortlist-title')?.textContent ?? ''));
  await shot(page, 'keyboard-find');
  assert.deepEqual(s.errors, []);
  await s.close();
});

test('every view is reached from the navigation by keyboard and passes axe', async () => {
  const s = await open(browser, '/');
  const { page } = s;
  for (const [name, id, ready] of [
    ['Gaps and what-ifs', 'gaps-title', 'article.gap'],
    ['Coverage', 'coverage-title', 'table.totals-table'],
    ['Find activities', 'find-title', '#view-find .place-search'],
  ]) {
    // back from the view's heading (or forward from the top) to the view's link
    const back = await page.evaluate(() => document.activeElement?.tagName === 'H2');
    await tabTo(page, `the "${name}" link`, (n) => document.activeElement?.textContent === n && !!document.activeElement.closest('nav'), 10, name, back ? 'Shift+Tab' : 'Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction((i) => document.activeElement?.id === i, id);
    await page.locator(ready).first().waitFor({ timeout: 20_000 });
    assert.equal(await page.locator(`nav a[aria-current="page"]`).innerText(), name);
    await axe(page, `${name} view`);
  }
  assert.doesNotMatch(page.url(), /lat|lon|\d+\.\d{3}/);
  await s.close();
});
