// The page's pure helpers, bundled from src/ with esbuild: plain words for
// money, barriers and access; the shortlist's text; the legend's classes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as esbuild from 'esbuild';

async function load(entry) {
  const out = await esbuild.build({ entryPoints: [new URL(`../src/${entry}`, import.meta.url).pathname], bundle: true, format: 'esm', write: false, platform: 'neutral' });
  return import('data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64'));
}

const f = await load('format.ts');
const sl = await load('shortlist.ts');
const colour = await load('colour.ts');

test('money keeps unknown and estimated visible', () => {
  assert.equal(f.money({ pence: 0, confidence: 'known' }), 'free');
  assert.equal(f.money({ pence: 250, confidence: 'known' }), '£2.50');
  assert.equal(f.money({ pence: 300, confidence: 'estimated' }), 'about £3.00 (estimated)');
  assert.equal(f.money({ pence: 0, confidence: 'unknown' }), 'not known', 'unknown is never free');
  assert.equal(f.money(undefined), 'not known');
});

test('access and barriers in plain words; unknown never reads as yes', () => {
  assert.equal(f.access('unknown'), 'not known');
  assert.match(f.access('assumed'), /assumed/);
  assert.doesNotMatch(f.access('assumed'), /^step-free$/);
  assert.equal(f.barrier('no_return_journey'), 'No way to get home afterwards');
  assert.equal(f.barrier('something_new'), 'something new');
  assert.equal(f.ruc('RSF1'), 'Smaller rural, further from a major town or city (RSF1)');
  assert.equal(f.ruc(null), 'not known');
});

test('times are local to England whatever the machine', () => {
  // 13:15 UTC in November is 1:15pm in London; in June it is 2:15pm
  assert.equal(f.time('2026-11-26T13:15:00Z'), '1:15pm');
  assert.equal(f.time('2026-06-25T13:15:00Z'), '2:15pm');
  assert.equal(f.day('2026-11-26T23:30:00Z'), 'Thursday 26 November');
  assert.equal(f.minutes(3900), '1 hour 5 minutes');
});

const item = {
  activity_id: 'a1', activity_name: 'Ryde memories', kind: 'reminiscence', site_name: 'Ryde District Heritage Centre',
  venue: [-1.162337, 50.731427], session_start: '2026-11-26T14:00:00Z', session_end: '2026-11-26T16:00:00Z',
  illustrative: true, contact: { name: 'Team', phone: '01983 000155' }, how_to_refer: 'By phone.', capacity: 12,
  access_notes: [
    'Upton Cross assumed step-free: PSV rules.', '37 assumed step-free: PSV rules.', 'Upton Cross assumed step-free: PSV rules.',
    'a step-free entrance at X: unknown',
  ],
  out: { mode: 'bus', depart: '2026-11-26T13:07:59Z', arrive: '2026-11-26T13:43:31Z', seconds: 2132, changes: 0, legs: [
    { mode: 'walk', depart: '2026-11-26T13:07:59Z', arrive: '2026-11-26T13:15:04Z', seconds: 425, metres: 382, from: 'home', to: 'Upton Cross' },
    { mode: 'bus', depart: '2026-11-26T13:15:04Z', arrive: '2026-11-26T13:40:47Z', seconds: 1543, from: 'Upton Cross', to: 'Union Street', route: '37' },
  ] },
  back: { mode: 'walk', depart: '2026-11-26T16:00:00Z', arrive: '2026-11-26T16:05:00Z', seconds: 300, changes: 0, legs: [
    { mode: 'walk', depart: '2026-11-26T16:00:00Z', arrive: '2026-11-26T16:05:00Z', seconds: 300, metres: 268, from: 'Ryde District Heritage Centre', to: 'home' },
  ] },
  cost: { outbound: { pence: 0, confidence: 'known' }, return: { pence: 0, confidence: 'known' }, companion: { pence: 0, confidence: 'known' },
    activity: { pence: 0, confidence: 'unknown' }, total: { pence: 0, confidence: 'unknown' } },
};

test('the shortlist is plain English without a location', () => {
  const text = sl.shortlistText([item]);
  assert.match(text, /^Heritage activities you could go to \(1\)/);
  assert.match(text, /When: Thursday 26 November, 2:00pm to 4:00pm/);
  assert.match(text, /Leave home at 1:07pm\. Walk about 380 metres to Upton Cross \(7 minutes\)\. Take the number 37 bus from Upton Cross at 1:15pm to Union Street/);
  assert.match(text, /Getting home: Leave at 4:00pm\. Walk about 270 metres home \(5 minutes\)\. You should be home at 4:05pm\./);
  assert.match(text, /Cost: not known in all/, 'an unknown price is never shown as free');
  assert.match(text, /example for demonstration, not a real activity/);
  assert.doesNotMatch(text, /50\.73|-1\.16/);
  assert.equal(sl.shortlistText([]), '');
});

test('access notes with one reason are merged', () => {
  const notes = sl.noteGroups(item.access_notes);
  assert.deepEqual(notes, ['a step-free entrance at X: unknown', 'Upton Cross, 37: assumed step-free (not checked). PSV rules.']);
});

test('legend classes cover every value once, from none upwards', () => {
  for (const max of [0, 3, 7, 31, 100, 1000]) {
    const bs = colour.bins(max, 'activities');
    assert.equal(bs.length, 6);
    assert.equal(bs[0].label, 'no activities');
    for (let v = 0; v <= max + 5; v++) {
      const i = colour.binOf(bs, v);
      assert.ok(v >= bs[i].lo && v <= bs[i].hi, `${v} not in class ${i} (${bs[i].lo}..${bs[i].hi}) for max ${max}`);
    }
    assert.ok(colour.binOf(bs, max) > 0 || max === 0);
  }
  assert.deepEqual(colour.rgba('#440154', 200), [68, 1, 84, 200]);
});
