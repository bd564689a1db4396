// What-if scenarios (planner): build a change set — add or move a session,
// make a stop or the network step-free, add a later bus home, add a
// dial-a-ride zone, make an activity free — and see who gains access.
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { cellToLatLng } from 'h3-js';
import { errorText, get, post, type ActivityFeature, type Change, type ChangedCell, type Place, type Profile, type ScenarioProfile, type ScenarioResult, type SiteFeature } from './api';
import { okabeIto, rgba } from './colour';
import { checkbox, field, h, replace, select, table } from './dom';
import * as f from './format';
import type { MapView } from './mapview';

interface Entry { change: Change; text: string }
type Kind = 'add_session' | 'move_session' | 'make_free' | 'step_free_stop' | 'step_free_network' | 'add_trip' | 'add_dar_zone';

const kinds: [Kind, string][] = [
  ['add_session', 'Add a weekly session at a site'],
  ['move_session', "Move an activity's sessions to another time"],
  ['make_free', 'Make an activity free'],
  ['step_free_stop', 'Make a bus stop step-free'],
  ['step_free_network', 'Make every stop and bus step-free'],
  ['add_trip', 'Add a later bus (for example a later bus home)'],
  ['add_dar_zone', 'Add a dial-a-ride zone'],
];

function daysPicker(legend: string, initial: string[]): { el: HTMLElement; value: () => string[] } {
  const boxes = f.dayNames.map(([d, name]) => ({ d, c: checkbox(name, initial.includes(d)) }));
  return {
    el: h('fieldset', { class: 'inline' }, h('legend', { text: legend }), boxes.map((b) => b.c.wrap)),
    value: () => boxes.filter((b) => b.c.input.checked).map((b) => b.d),
  };
}

/** circle approximates a circle of radius km around c as a GeoJSON ring. */
function circle(c: [number, number], km: number, n = 48): number[][] {
  const ring: number[][] = [];
  const dLat = km / 111.32;
  const dLon = km / (111.32 * Math.cos((c[1] * Math.PI) / 180));
  for (let i = 0; i <= n; i++) {
    const a = (2 * Math.PI * (i % n)) / n;
    ring.push([+(c[0] + dLon * Math.cos(a)).toFixed(6), +(c[1] + dLat * Math.sin(a)).toFixed(6)]);
  }
  return ring;
}

function pence(text: string): number | null | 'bad' {
  const t = text.trim().replace(/^£/, '');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 100) : 'bad';
}

export class ScenarioBuilder {
  readonly el: HTMLElement;
  private entries: Entry[] = [];
  private readonly kind = select(kinds, 'add_session', { name: 'change' });
  private readonly form = h('div', { class: 'change-fields' });
  private readonly error = h('p', { class: 'error', role: 'alert' });
  private readonly listBox = h('div', { class: 'change-list' });
  private readonly allProfiles = checkbox('Work it out for all six profiles (otherwise the profile chosen above)', false);
  private readonly status = h('p', { role: 'status', class: 'status', id: 'scenario-status' });
  private readonly results = h('div', { class: 'scenario-results' });
  private build: () => Entry | string = () => 'choose a change';
  private picked: [number, number] | null = null;
  private pointWanted = false;
  private sites: SiteFeature[] | null = null;
  private activities: ActivityFeature[] | null = null;
  private readonly routes = new Map<string, { feed: string; route: string; name: string }>();
  private readonly feeds = new Set<string>();

  constructor(private readonly map: MapView, private readonly profiles: Profile[], private readonly currentProfile: () => string) {
    this.kind.addEventListener('change', () => void this.renderFields());
    this.el = h('section', { class: 'scenario', 'aria-labelledby': 'scenario-title' },
      h('h3', { id: 'scenario-title', text: 'Try a change: who would gain access?' }),
      h('p', { class: 'hint', text: 'Changes are worked out on a copy: nothing published is altered and nothing is stored.' }),
      h('form', { class: 'change-form', onsubmit: (e: Event) => { e.preventDefault(); this.add(); } },
        field('Change', this.kind), this.form, this.error,
        h('button', { type: 'submit', text: 'Add this change' })),
      h('h4', { text: 'Changes in this scenario' }), this.listBox,
      this.allProfiles.wrap,
      h('button', { type: 'button', class: 'primary', id: 'scenario-run', onclick: () => void this.run() }, 'Work out the people gained'),
      this.status, this.results);
    this.map.map.on('idle', () => this.collectNetwork());
    this.renderList();
    void this.renderFields();
  }

  /** wantsPoint says whether a map click should pick a point for a change. */
  wantsPoint(): boolean {
    return this.pointWanted;
  }

  /** pick records the point clicked on the map (a new venue or a zone centre). */
  pick(lngLat: [number, number]): void {
    this.picked = lngLat;
    this.map.setData('pick', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Point picked for the scenario' }, geometry: { type: 'Point', coordinates: lngLat } }] });
    const out = this.form.querySelector('.picked');
    if (out) out.textContent = `Point picked on the map: ${lngLat[1].toFixed(4)}, ${lngLat[0].toFixed(4)}.`;
  }

  /** addSessionAt adds a Wednesday session at a suggested site. */
  addSessionAt(siteId: string, name: string): void {
    this.entries.push({
      change: { type: 'add_session', site_id: siteId, name: 'Trial session', days: ['wed'], start: '10:30', end: '12:00', price_pence: 0 },
      text: `Add a free weekly session at ${name}: Wednesday 10:30 to 12:00`,
    });
    this.renderList();
    this.status.textContent = `Added to the scenario: a session at ${name}. ${this.entries.length} change${this.entries.length === 1 ? '' : 's'} in all.`;
  }

  private collectNetwork(): void {
    for (const layer of ['routes', 'stops']) {
      let feats: { properties: Record<string, unknown> }[] = [];
      try { feats = this.map.map.querySourceFeatures('base', { sourceLayer: layer }); } catch { continue; }
      for (const ft of feats) {
        const feed = String(ft.properties.feed ?? '');
        if (!feed) continue;
        this.feeds.add(feed);
        if (layer === 'routes' && ft.properties.route_id !== undefined) {
          const route = String(ft.properties.route_id);
          const name = [ft.properties.route_short_name, ft.properties.route_long_name].filter(Boolean).join(' ');
          this.routes.set(`${feed}|${route}`, { feed, route, name });
        }
      }
    }
  }

  private async loadSites(): Promise<SiteFeature[]> {
    if (!this.sites) this.sites = (await get<{ features: SiteFeature[] }>('/api/v1/sites', { limit: 5000 })).features;
    return this.sites;
  }

  private async loadActivities(): Promise<ActivityFeature[]> {
    if (!this.activities) this.activities = (await get<{ features: ActivityFeature[] }>('/api/v1/activities', { limit: 5000 })).features;
    return this.activities;
  }

  private time(value: string): HTMLInputElement {
    return h('input', { type: 'time', value, required: true });
  }

  private feedInput(): HTMLInputElement {
    const listId = 'feed-options';
    const feeds = [...this.feeds].sort();
    const input = h('input', { type: 'text', list: listId, value: feeds.find((x) => !/dial|illustr/i.test(x)) ?? feeds[0] ?? '', autocomplete: 'off' });
    document.getElementById(listId)?.remove();
    document.body.appendChild(h('datalist', { id: listId }, feeds.map((x) => h('option', { value: x }))));
    return input;
  }

  private pointBlock(): HTMLElement {
    return h('div', { class: 'point-pick' },
      h('p', { class: 'picked', role: 'status', text: this.picked ? `Point picked on the map: ${this.picked[1].toFixed(4)}, ${this.picked[0].toFixed(4)}.` : 'Click the map to pick the point, or use the centre of the map.' }),
      h('button', { type: 'button', onclick: () => { const c = this.map.map.getCenter(); this.pick([c.lng, c.lat]); } }, 'Use the centre of the map'));
  }

  private async renderFields(): Promise<void> {
    const k = this.kind.value as Kind;
    this.error.textContent = '';
    this.pointWanted = false;
    try {
      switch (k) {
        case 'add_session': return await this.addSessionFields();
        case 'move_session': return await this.moveFields();
        case 'make_free': return await this.freeFields();
        case 'step_free_stop': return this.stopFields();
        case 'step_free_network': return this.networkFields();
        case 'add_trip': return this.tripFields();
        case 'add_dar_zone': return this.zoneFields();
      }
    } catch (err) {
      replace(this.form, h('p', { class: 'error', text: `Could not load the choices: ${errorText(err)}.` }));
      this.build = () => 'the choices could not be loaded';
    }
  }

  private async addSessionFields(): Promise<void> {
    const sites = await this.loadSites();
    const where = select([['new', 'A new venue at a point on the map'], ...sites.map((s): [string, string] => [s.properties.id, s.properties.name + (s.properties.illustrative ? ' (illustrative)' : '')])], sites[0]?.properties.id ?? 'new');
    const venueName = h('input', { type: 'text', value: 'New venue' });
    const name = h('input', { type: 'text', value: 'Trial session' });
    const days = daysPicker('On these days', ['wed']);
    const start = this.time('10:30');
    const end = this.time('12:00');
    const price = h('input', { type: 'text', inputmode: 'decimal', value: '0' });
    const referral = checkbox('Free for people referred by a link worker', false);
    const newVenue = h('div', { hidden: where.value !== 'new' }, field('Name of the new venue', venueName), this.pointBlock());
    where.addEventListener('change', () => { newVenue.hidden = where.value !== 'new'; this.pointWanted = where.value === 'new'; });
    this.pointWanted = where.value === 'new';
    replace(this.form, field('Where', where), newVenue, field('Name of the session', name), days.el,
      h('div', { class: 'grid2' }, field('Starts', start), field('Ends', end)),
      field('Price in pounds', price, 'empty: not known (an unknown price never fits a budget)'), referral.wrap);
    this.build = () => {
      const p = pence(price.value);
      if (p === 'bad') return 'the price must be an amount in pounds, or empty';
      if (days.value().length === 0) return 'choose at least one day';
      if (!(start.value < end.value)) return 'the session must end after it starts';
      const c: Change = { type: 'add_session', name: name.value || 'Trial session', days: days.value(), start: start.value, end: end.value, price_pence: p, free_on_referral: referral.input.checked };
      let at: string;
      if (where.value === 'new') {
        if (!this.picked) return 'pick the new venue on the map first';
        c.site = { name: venueName.value || 'New venue', lat: this.picked[1], lon: this.picked[0] };
        at = `a new venue, ${venueName.value}`;
      } else {
        c.site_id = where.value;
        at = where.selectedOptions[0]?.text ?? where.value;
      }
      return { change: c, text: `Add "${c.name}" at ${at}: ${days.value().join(', ')} ${start.value} to ${end.value}, ${p === null ? 'price not known' : f.pounds(p)}` };
    };
  }

  private async activitySelect(): Promise<HTMLSelectElement> {
    const acts = await this.loadActivities();
    return select(acts.map((a): [string, string] => [a.properties.id, `${a.properties.name}, ${a.properties.site_name}${a.properties.illustrative ? ' (illustrative)' : ''}`]));
  }

  private async moveFields(): Promise<void> {
    const act = await this.activitySelect();
    const start = this.time('10:30');
    const days = daysPicker('New days (none ticked: keep the days)', []);
    replace(this.form, field('Activity', act), field('New start time (the length stays the same)', start), days.el);
    this.build = () => {
      const c: Change = { type: 'move_session', activity_id: act.value, start: start.value };
      if (days.value().length) c.days = days.value();
      return { change: c, text: `Move ${act.selectedOptions[0]?.text} to start at ${start.value}${days.value().length ? ` on ${days.value().join(', ')}` : ''}` };
    };
  }

  private async freeFields(): Promise<void> {
    const act = await this.activitySelect();
    replace(this.form, field('Activity', act));
    this.build = () => ({ change: { type: 'make_free', activity_id: act.value }, text: `Make ${act.selectedOptions[0]?.text} free` });
  }

  private stopFields(): void {
    const q = h('input', { type: 'search', autocomplete: 'off' });
    const found = select([], undefined);
    const feed = this.feedInput();
    const status = h('p', { role: 'status', class: 'status' });
    const search = async () => {
      try {
        const { places } = await get<{ places: Place[] }>('/api/v1/places', { q: q.value.trim(), limit: 20 });
        const stops = places.filter((p) => p.kind === 'stop');
        replace(found, stops.map((p) => h('option', { value: p.id.replace(/^stop:/, ''), text: `${p.name}${p.detail ? ` (${p.detail})` : ''}` })));
        status.textContent = `${stops.length} stop${stops.length === 1 ? '' : 's'} found.`;
      } catch (err) { status.textContent = `The search failed: ${errorText(err)}.`; }
    };
    replace(this.form,
      h('div', { class: 'inline-search' }, field('Search a stop by name', q), h('button', { type: 'button', onclick: () => void search() }, 'Search stops')),
      status, field('Stop', found), field('Timetable (feed id)', feed, 'the GTFS feed the stop belongs to'));
    this.build = () => {
      if (!found.value) return 'search and choose a stop first';
      if (!feed.value.trim()) return 'say which timetable the stop belongs to';
      return { change: { type: 'step_free_stop', feed_id: feed.value.trim(), stop_id: found.value }, text: `Make ${found.selectedOptions[0]?.text} step-free` };
    };
  }

  private networkFields(): void {
    replace(this.form, h('p', { text: 'Every stop and every bus of every timetable becomes step-free.' }));
    this.build = () => ({ change: { type: 'step_free_network' }, text: 'Make every stop and bus step-free' });
  }

  private tripFields(): void {
    const feed = this.feedInput();
    const listId = 'route-options';
    document.getElementById(listId)?.remove();
    const routes = [...this.routes.values()].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
    document.body.appendChild(h('datalist', { id: listId }, routes.map((r) => h('option', { value: r.route, label: `${r.name} (${r.feed})` }))));
    const route = h('input', { type: 'text', list: listId, autocomplete: 'off' });
    const depart = this.time('18:30');
    replace(this.form,
      routes.length ? null : h('p', { class: 'hint', text: 'Zoom the map in (level 10 or closer) to list the bus routes it shows, or type the route id.' }),
      field('Timetable (feed id)', feed), field('Route id', route, 'the new bus runs the stops and times of the route\'s latest run'),
      field('First departure of the new bus', depart));
    this.build = () => {
      if (!feed.value.trim() || !route.value.trim()) return 'say the timetable and the route';
      return { change: { type: 'add_trip', feed_id: feed.value.trim(), route_id: route.value.trim(), depart: depart.value }, text: `Add a bus on route ${route.value} leaving at ${depart.value}` };
    };
  }

  private zoneFields(): void {
    this.pointWanted = true;
    const radius = h('input', { type: 'number', min: 0.5, max: 30, step: 0.5, value: 3 });
    const days = daysPicker('Runs on', ['mon', 'tue', 'wed', 'thu', 'fri']);
    const start = this.time('09:30');
    const end = this.time('16:00');
    const fare = h('input', { type: 'text', inputmode: 'decimal', value: '' });
    const stepFree = select([['unknown', 'not known'], ['yes', 'yes'], ['no', 'no']], 'unknown');
    replace(this.form, h('p', { text: 'The zone is a circle around the point picked.' }), this.pointBlock(),
      field('Radius (km)', radius), days.el, h('div', { class: 'grid2' }, field('Pick-ups from', start), field('Until', end)),
      field('Fare each way in pounds', fare, 'empty: not known'), field('Vehicle step-free', stepFree));
    this.build = () => {
      if (!this.picked) return 'pick the centre of the zone on the map first';
      const km = Number(radius.value);
      if (!(km > 0 && km <= 30)) return 'the radius must be between 0.5 and 30 km';
      const p = pence(fare.value);
      if (p === 'bad') return 'the fare must be an amount in pounds, or empty';
      if (days.value().length === 0) return 'choose at least one day';
      const ring = circle(this.picked, km);
      this.map.setData('pick', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Dial-a-ride zone' }, geometry: { type: 'Polygon', coordinates: [ring] } }] });
      const c: Change = { type: 'add_dar_zone', name: 'Trial dial-a-ride zone', polygon: { type: 'Polygon', coordinates: [ring] }, days: days.value(), start: start.value, end: end.value, step_free: stepFree.value };
      if (p !== null) c.fare_pence = p;
      return { change: c, text: `Add a dial-a-ride zone of ${km} km around the point picked, ${days.value().join(', ')} ${start.value} to ${end.value}` };
    };
  }

  private add(): void {
    const e = this.build();
    if (typeof e === 'string') { this.error.textContent = `Not added: ${e}.`; return; }
    this.error.textContent = '';
    this.entries.push(e);
    this.renderList();
    this.status.textContent = `Added: ${e.text}. ${this.entries.length} change${this.entries.length === 1 ? '' : 's'} in all.`;
  }

  private renderList(): void {
    replace(this.listBox, this.entries.length
      ? h('ol', null, this.entries.map((e, i) => h('li', null, e.text, ' ',
        h('button', { type: 'button', class: 'small', onclick: () => { this.entries.splice(i, 1); this.renderList(); this.status.textContent = 'Change removed.'; } }, `Remove change ${i + 1}`))))
      : h('p', { text: 'No changes yet: add one above, or use a suggested site.' }));
  }

  private async run(): Promise<void> {
    if (this.entries.length === 0) { this.status.textContent = 'Add a change first.'; return; }
    const profiles = this.allProfiles.input.checked ? undefined : [this.currentProfile()];
    this.status.textContent = 'Working out who gains…';
    let r: ScenarioResult;
    try {
      r = await post<ScenarioResult>('/api/v1/scenarios', { profiles, max_cells: 500, changes: this.entries.map((e) => e.change) });
    } catch (err) {
      this.status.textContent = `The scenario could not be worked out: ${errorText(err)}.`;
      return;
    }
    const first = r.profiles[0];
    this.status.textContent = first
      ? `Done. ${this.nameOf(first.profile)}: ${f.people(first.people_gained)} people gain access and ${f.people(first.people_lost)} lose it.`
      : 'Done: no profile was worked out.';
    this.renderResults(r);
  }

  private nameOf(id: string): string {
    return this.profiles.find((p) => p.id === id)?.name ?? id;
  }

  private renderResults(r: ScenarioResult): void {
    const p0 = r.profiles[0];
    replace(this.results,
      h('p', null, `Coverage week starting ${f.fullDate(r.week + 'T12:00:00Z')}; ${r.changes} change${r.changes === 1 ? '' : 's'}.`),
      h('ol', { class: 'items scenario-profiles' }, r.profiles.map((p) => h('li', null, h('article', { class: 'item', 'aria-label': this.nameOf(p.profile) },
        h('h4', { text: this.nameOf(p.profile) }),
        h('dl', { class: 'facts' },
          h('dt', { text: 'People gaining access' }), h('dd', { class: 'gained', text: f.people(p.people_gained) }),
          h('dt', { text: 'People losing access' }), h('dd', { class: 'lost', text: f.people(p.people_lost) }),
          h('dt', { text: "Profile's own population gaining" }), h('dd', { text: f.people(p.profile_population_gained) }),
          h('dt', { text: 'People who can reach an activity' }), h('dd', { class: 'before-after', text: `${f.people(p.people_covered_before)} before, ${f.people(p.people_covered_after)} after` }),
          h('dt', { text: "Profile's own population who can" }), h('dd', { text: `${f.people(p.profile_population_covered_before)} before, ${f.people(p.profile_population_covered_after)} after` })))))),
      p0 ? this.groupTables(p0) : null,
      p0 ? this.cellsTable(p0) : null);
    if (p0) this.drawCells(p0.changed_cells);
  }

  private groupTables(p: ScenarioProfile): HTMLElement {
    return h('div', null,
      p.by_ruc.length ? table(`${this.nameOf(p.profile)}: by rurality`, ['Rurality', 'Gaining', 'Losing', 'Profile population gaining'],
        p.by_ruc.map((g) => [f.ruc(g.ruc21), f.people(g.gained), f.people(g.lost), f.people(g.profile_gained)])) : null,
      p.by_imd.length ? table(`${this.nameOf(p.profile)}: by deprivation decile`, ['IMD decile', 'Gaining', 'Losing', 'Profile population gaining'],
        p.by_imd.map((g) => [f.imd(g.imd_decile), f.people(g.gained), f.people(g.lost), f.people(g.profile_gained)])) : null);
  }

  private cellsTable(p: ScenarioProfile): HTMLElement {
    const top = p.changed_cells.slice(0, 15);
    return h('div', null,
      h('p', null, `${p.changed_cells_total} hexagon${p.changed_cells_total === 1 ? '' : 's'} change. On the map: blue hexagons gain access, orange-red ones lose it, light blue ones reach more or fewer activities than before.`),
      top.length ? table(`The ${top.length} hexagons that change most`, ['Hexagon', 'Activities before → after', 'Sessions a week before → after', 'Residents'],
        top.map((c) => [c.hex_id, `${c.activities_before} → ${c.activities_after}`, `${c.sessions_before} → ${c.sessions_after}`, f.people(c.population)])) : null);
  }

  private drawCells(cells: ChangedCell[]): void {
    const colour = (c: ChangedCell) => c.activities_before === 0 && c.activities_after > 0 ? rgba(okabeIto.blue, 220)
      : c.activities_before > 0 && c.activities_after === 0 ? rgba(okabeIto.vermillion, 220) : rgba(okabeIto.sky, 160);
    this.map.tooltips.scenario = (o) => {
      const c = o as ChangedCell;
      return `Activities ${c.activities_before} → ${c.activities_after}\nSessions a week ${c.sessions_before} → ${c.sessions_after}\n${f.people(c.population)} residents`;
    };
    this.map.setDeck('gaps', [new H3HexagonLayer<ChangedCell>({
      id: `scenario:${Date.now()}`, data: cells, getHexagon: (c) => c.hex_id, getFillColor: colour,
      extruded: false, stroked: true, getLineColor: [255, 255, 255, 200], lineWidthMinPixels: 1, pickable: true,
    })]);
    this.map.getContainerData().scenarioCells = String(cells.length);
    // Show where the change acts: it may lie far from the gap in view.
    if (cells.length) {
      const pts = cells.map((c) => cellToLatLng(c.hex_id));
      const lats = pts.map((p) => p[0]), lons = pts.map((p) => p[1]);
      this.map.fit([Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)], 13);
    }
  }
}
