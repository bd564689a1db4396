// Find activities (link worker): the person's home, their profile, and the
// sessions they can reach there and back — with journeys, costs, access
// notes, contacts and near misses — and a shortlist to print or copy.
// The home location lives in this object and in POST bodies only.
import { errorText, get, post, type Journey, type Place, type Profile, type ReachData, type ReachItem, type Reachability, type ReachTrip } from './api';
import { checkbox, field, h, newId, replace } from './dom';
import * as f from './format';
import type { MapView } from './mapview';
import { ProfileForm } from './profileform';
import { noteGroups, shortlistText, tripText } from './shortlist';

interface Home { lat: number; lon: number; label: string }
type Feature = GeoJSON.Feature<GeoJSON.LineString, { dir: string; kind: string; approx: boolean }>;

const transitModes = ['bus', 'rail', 'tram', 'coach', 'ferry'];

function keyOf(it: ReachItem): string { return `${it.activity_id}|${it.session_start}`; }

function todayLocal(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: f.TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export class FindView {
  readonly el: HTMLElement;
  private home: Home | null = null;
  private readonly profileForm: ProfileForm;
  private lastProfile: string | Record<string, unknown> = 'walker';
  private answer: Reachability | null = null;
  private selected: string | null = null;
  private readonly shortlist = new Map<string, ReachItem>();
  private searchAbort: AbortController | null = null;

  private readonly q = h('input', { type: 'search', name: 'q', autocomplete: 'off', spellcheck: 'false', minlength: 2, maxlength: 100 });
  private readonly placeStatus = h('p', { role: 'status', class: 'status' });
  private readonly placeResults = h('ul', { class: 'place-results' });
  private readonly homeStatus = h('p', { class: 'home-status', role: 'status', text: 'No home set yet.' });
  private readonly startDate = h('input', { type: 'date', value: todayLocal(), required: true });
  private readonly days = h('input', { type: 'number', min: 1, max: 14, value: 7, required: true });
  private readonly referred = checkbox('Referred by a link worker (free-on-referral prices apply)', true);
  private readonly formError = h('p', { class: 'error', role: 'alert' });
  private readonly status = h('p', { role: 'status', class: 'status', id: 'find-status' });
  private readonly about = h('section', { class: 'about-data', 'aria-labelledby': 'about-title', hidden: true });
  private readonly reachList = h('div', { class: 'results' });
  private readonly missList = h('div', { class: 'results' });
  private readonly journeyStatus = h('p', { role: 'status', class: 'status journey-status' });
  private readonly shortBox = h('section', { class: 'shortlist', 'aria-labelledby': 'shortlist-title' });

  constructor(private readonly map: MapView, profiles: Profile[]) {
    this.profileForm = new ProfileForm(profiles, 'bus-pass');
    const searchForm = h('form', { class: 'place-search', role: 'search', 'aria-label': 'Places, stops and sites', onsubmit: (e: Event) => { e.preventDefault(); void this.searchPlaces(); } },
      field('Search a place, bus stop or heritage site', this.q, 'for example a town, a village or a stop name'),
      h('button', { type: 'submit', text: 'Search' }));
    const mainForm = h('form', { class: 'find-form', onsubmit: (e: Event) => { e.preventDefault(); void this.find(); } },
      this.profileForm.el,
      h('fieldset', null, h('legend', { text: 'When' }),
        h('div', { class: 'grid2' }, field('First day', this.startDate), field('Number of days (1 to 14)', this.days)),
        this.referred.wrap),
      this.formError,
      h('button', { type: 'submit', class: 'primary', id: 'find-submit', text: 'Find activities' }));
    this.el = h('section', { id: 'view-find', class: 'view', 'aria-labelledby': 'find-title' },
      h('h2', { id: 'find-title', tabindex: -1, text: 'Find activities for a person' }),
      h('p', { class: 'privacy', text: "The person's home stays in this page. It is sent only inside requests to this server, never in a web address, and it is not saved." }),
      h('fieldset', { class: 'home' }, h('legend', { text: 'Where the person lives' }),
        searchForm, this.placeStatus, this.placeResults,
        h('p', { class: 'hint', text: 'Or click the map where the person lives, or move the map and use its centre.' }),
        h('button', { type: 'button', text: 'Use the centre of the map as home', onclick: () => this.useCentre() }),
        this.homeStatus),
      mainForm,
      this.status, this.about,
      h('h3', { text: 'Activities the person can reach' }), this.reachList,
      h('h3', { text: 'Near misses and what blocks them' }), this.missList,
      this.journeyStatus,
      this.shortBox);
    this.renderShortlist();
    map.onClick('find', (lngLat, e) => {
      const hit = map.map.queryRenderedFeatures(e.point, { layers: ['venues'] })[0];
      if (hit?.properties?.key) { this.focusItem(String(hit.properties.key)); return; }
      this.setHome({ lon: lngLat[0], lat: lngLat[1], label: 'the point clicked on the map' });
    });
  }

  private async searchPlaces(): Promise<void> {
    const q = this.q.value.trim();
    if (q.length < 2) { this.placeStatus.textContent = 'Type at least two letters.'; return; }
    this.searchAbort?.abort();
    this.searchAbort = new AbortController();
    this.placeStatus.textContent = 'Searching…';
    try {
      const { places } = await get<{ places: Place[] }>('/api/v1/places', { q, limit: 8 }, this.searchAbort.signal);
      this.placeStatus.textContent = places.length ? `${places.length} place${places.length === 1 ? '' : 's'} found: choose one to set the home.` : 'Nothing found by that name.';
      replace(this.placeResults, places.map((p) => h('li', null,
        h('button', { type: 'button', class: 'link-button', onclick: () => this.setHome({ lat: p.lat, lon: p.lon, label: `${p.name}${p.detail ? ` (${p.detail})` : ''}` }) },
          h('span', { text: p.name }), p.detail ? h('span', { class: 'detail', text: ` ${p.detail}` }) : null))));
    } catch (err) {
      if ((err as Error).name !== 'AbortError') this.placeStatus.textContent = `The search failed: ${errorText(err)}.`;
    }
  }

  private useCentre(): void {
    const c = this.map.map.getCenter();
    this.setHome({ lat: c.lat, lon: c.lng, label: 'the centre of the map' });
  }

  private setHome(home: Home): void {
    this.home = home;
    this.homeStatus.textContent = `Home set near ${home.label}.`;
    this.map.setData('home', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: "The person's home" }, geometry: { type: 'Point', coordinates: [home.lon, home.lat] } }] });
    this.map.map.easeTo({ center: [home.lon, home.lat], zoom: Math.max(this.map.map.getZoom(), 12), duration: 0 });
  }

  private async find(): Promise<void> {
    this.formError.textContent = '';
    if (!this.home) { this.formError.textContent = 'Set where the person lives first: search a place or click the map.'; this.q.focus(); return; }
    const v = this.profileForm.value();
    if ('error' in v) { this.formError.textContent = v.error; v.input.focus(); return; }
    const days = Number(this.days.value);
    if (!(days >= 1 && days <= 14)) { this.formError.textContent = 'The number of days must be between 1 and 14.'; this.days.focus(); return; }
    this.lastProfile = v.profile;
    const body = {
      origin: { lat: this.home.lat, lon: this.home.lon },
      profile: v.profile,
      start_date: this.startDate.value || undefined,
      days,
      referred: this.referred.input.checked,
    };
    this.status.textContent = 'Looking for activities…';
    try {
      this.answer = await post<Reachability>('/api/v1/reachability', body);
    } catch (err) {
      this.status.textContent = '';
      this.formError.textContent = `No answer: ${errorText(err)}.`;
      return;
    }
    const a = this.answer;
    const omitted = a.data.near_misses_omitted ?? 0;
    this.status.textContent = `${a.reachable.length} session${a.reachable.length === 1 ? '' : 's'} the person can reach, and ${a.near_misses.length} near miss${a.near_misses.length === 1 ? '' : 'es'}${omitted ? ` (${omitted} more not shown)` : ''}.`;
    this.renderAbout(a.data);
    replace(this.reachList, a.reachable.length
      ? h('ol', { class: 'items' }, a.reachable.map((it) => h('li', null, this.itemCard(it, true))))
      : h('p', { text: 'None within these limits. The near misses below say what stands in the way.' }));
    replace(this.missList, a.near_misses.length
      ? h('ol', { class: 'items' }, a.near_misses.map((it) => h('li', null, this.itemCard(it, false))))
      : h('p', { text: 'No near misses.' }));
    this.selected = null;
    this.map.setData('journey', { type: 'FeatureCollection', features: [] });
    this.map.getContainerData().journeyLegs = '0';
    this.drawVenues();
  }

  private renderAbout(d: ReachData): void {
    const r = d.region ?? {};
    this.about.hidden = false;
    replace(this.about,
      h('h3', { id: 'about-title', text: 'About this answer' }),
      h('p', null, `Data for ${r.name ?? 'the region'}. `,
        d.start_date ? `Sessions from ${f.fullDate(d.start_date + 'T12:00:00Z')} over ${d.days ?? 7} days` : '',
        d.sessions_considered !== undefined ? ` (${d.sessions_considered} sessions looked at).` : '.'),
      d.home_area ? h('p', null, `Home area: ${d.home_area.ruc21 ? f.ruc(d.home_area.ruc21) : d.home_area.rural_known === false ? 'rurality not known' : d.home_area.rural ? 'rural' : 'urban'}.`) : null,
      d.max_journey_min ? h('p', null, `Longest journey each way: ${d.max_journey_min} minutes (${d.max_journey_source ?? 'the profile'}).`) : null,
      d.sessions_beyond_reach ? h('p', null, `${d.sessions_beyond_reach} session${d.sessions_beyond_reach === 1 ? '' : 's'} more than ${d.beyond_reach_km} km away, further than any journey could go in that time, ${d.sessions_beyond_reach === 1 ? 'was' : 'were'} left out.`) : null,
      d.has_timetable === false ? h('p', { class: 'warn', text: 'No bus or train timetable is loaded for this area: only walking and road journeys are counted.' }) : null,
      (r.known_limits?.length ?? 0) > 0 ? h('div', null, h('h4', { text: 'Known limits of the data' }), h('ul', null, r.known_limits!.map((l) => h('li', { text: l })))) : null,
      (r.sources?.length ?? 0) > 0 ? h('div', null, h('h4', { text: 'Sources and their age' }),
        h('ul', null, r.sources!.map((s) => h('li', null,
          `${s.id} (${s.kind}), imported ${f.fullDate(s.imported_at)}, ${f.ago(s.imported_at)}`,
          s.illustrative ? h('span', { class: 'tag illustrative', text: 'illustrative' }) : null)))) : null,
      d.ranking ? h('p', { class: 'hint', text: `Order: ${d.ranking}.` }) : null,
    );
  }

  private itemCard(it: ReachItem, reachable: boolean): HTMLElement {
    const key = keyOf(it);
    const tid = newId('item');
    const unknownCost = it.cost && [it.cost.outbound, it.cost.return, it.cost.activity, it.cost.companion, it.cost.total].some((m) => m.confidence !== 'known');
    const notes = noteGroups(it.access_notes);
    const short = checkbox('Add to the shortlist', this.shortlist.has(key));
    short.input.addEventListener('change', () => {
      if (short.input.checked) this.shortlist.set(key, it); else this.shortlist.delete(key);
      this.renderShortlist();
    });
    return h('article', { class: `item ${reachable ? 'reachable' : 'miss'}`, 'aria-labelledby': tid, 'data-key': key, tabindex: -1 },
      h('h4', { id: tid }, it.activity_name,
        it.illustrative ? h('span', { class: 'tag illustrative', text: 'illustrative example' }) : null),
      h('p', null, `${f.kind(it.kind)} at ${it.site_name}`),
      h('p', { class: 'when' }, h('strong', { text: 'When: ' }), f.session(it.session_start, it.session_end)),
      !reachable && it.barriers?.length ? h('div', { class: 'barriers' }, h('h5', { text: 'What stands in the way' }),
        h('ul', null, it.barriers.map((b) => h('li', null, h('strong', { text: f.barrier(b.code) }), `: ${b.detail}`)))) : null,
      it.out ? this.tripBlock('Getting there', it.out, true) : null,
      it.back ? this.tripBlock('Getting home', it.back, false) : null,
      it.cost ? h('table', { class: 'cost' },
        h('caption', null, 'Cost', unknownCost ? h('span', { class: 'tag unknown', text: 'partly estimated or not known' }) : null),
        h('tbody', null, ([['Fares there', it.cost.outbound], ['Fares back', it.cost.return], ['Companion', it.cost.companion], ['Activity', it.cost.activity], ['Total', it.cost.total]] as const)
          .map(([label, m]) => h('tr', null, h('th', { scope: 'row', text: label }), h('td', null, f.money(m), m.note ? h('span', { class: 'hint', text: ` (${m.note})` }) : null))))) : null,
      notes.length ? h('div', { class: 'notes' }, h('h5', { text: 'Access notes' }), h('ul', null, notes.map((n) => h('li', null, n,
        /unknown|not known/i.test(n) ? h('span', { class: 'tag unknown', text: 'not known' }) : /assumed/i.test(n) ? h('span', { class: 'tag assumed', text: 'assumed' }) : null)))) : null,
      this.contactBlock(it),
      h('div', { class: 'actions' },
        h('button', { type: 'button', onclick: () => void this.select(key) }, it.out ? 'Show the journey on the map' : 'Show on the map'),
        reachable ? short.wrap : null));
  }

  private tripBlock(title: string, t: ReachTrip, out: boolean): HTMLElement {
    const assumed = t.legs.some((l) => l.access === 'assumed');
    const unknown = t.legs.some((l) => l.access === 'unknown');
    return h('div', { class: 'trip' },
      h('h5', null, `${title}: ${f.mode(t.mode).toLowerCase()}, ${f.minutes(t.seconds)}${t.changes ? `, ${t.changes} change${t.changes === 1 ? '' : 's'}` : ''}`,
        assumed ? h('span', { class: 'tag assumed', text: 'step-free assumed' }) : null,
        unknown ? h('span', { class: 'tag unknown', text: 'access not known' }) : null),
      h('p', { text: tripText(t, out) }),
      t.legs.some((l) => l.estimated) ? h('p', { class: 'hint', text: 'Walks are estimated from straight-line distance.' }) : null);
  }

  private contactBlock(it: ReachItem): HTMLElement {
    const c = it.contact;
    return h('dl', { class: 'contact' },
      c.name ? [h('dt', { text: 'Contact' }), h('dd', { text: c.name })] : null,
      c.phone ? [h('dt', { text: 'Phone' }), h('dd', { text: c.phone })] : null,
      c.email ? [h('dt', { text: 'Email' }), h('dd', { text: c.email })] : null,
      c.url ? [h('dt', { text: 'Website' }), h('dd', { text: c.url })] : null,
      [h('dt', { text: 'How to refer' }), h('dd', { text: it.how_to_refer ?? 'not said' })],
      [h('dt', { text: 'Places per session' }), h('dd', { text: it.capacity === null ? 'not known' : String(it.capacity) })],
      it.languages?.length ? [h('dt', { text: 'Languages' }), h('dd', { text: it.languages.join(', ') })] : null,
      it.welcome?.length ? [h('dt', { text: 'Especially for' }), h('dd', { text: it.welcome.map((w) => w.replace(/_/g, ' ')).join(', ') })] : null);
  }

  private items(): ReachItem[] {
    return this.answer ? [...this.answer.reachable, ...this.answer.near_misses] : [];
  }

  private drawVenues(): void {
    const seen = new Set<string>();
    const features: GeoJSON.Feature[] = [];
    for (const it of this.items()) {
      const reachable = this.answer!.reachable.includes(it);
      const k = `${it.activity_id}|${reachable}`;
      if (seen.has(k)) continue;
      seen.add(k);
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: it.venue },
        properties: { key: keyOf(it), name: `${it.activity_name}, ${it.site_name}${reachable ? '' : ' (near miss)'}`, reachable, selected: this.selected !== null && this.selected.startsWith(it.activity_id + '|') } });
    }
    // reachable venues last, so they are drawn on top
    features.sort((a, b) => Number(a.properties!.reachable) - Number(b.properties!.reachable));
    this.map.setData('venues', { type: 'FeatureCollection', features });
  }

  private focusItem(key: string): void {
    const el = this.el.querySelector<HTMLElement>(`article[data-key="${CSS.escape(key)}"]`);
    if (el) { el.scrollIntoView({ block: 'nearest' }); el.focus(); void this.select(key); }
  }

  /** select draws an item's venue and its journeys there and back. */
  private async select(key: string): Promise<void> {
    const it = this.items().find((i) => keyOf(i) === key);
    if (!it || !this.home) return;
    this.selected = key;
    this.drawVenues();
    this.journeyStatus.textContent = `Drawing the journey to ${it.activity_name}…`;
    const features: Feature[] = [];
    let approx = false;
    for (const [dir, trip] of [['out', it.out], ['back', it.back]] as const) {
      if (!trip) continue;
      const r = await this.tripFeatures(dir, trip, it);
      features.push(...r.features);
      approx ||= r.approx;
    }
    this.map.setData('journey', { type: 'FeatureCollection', features });
    this.map.getContainerData().journeyLegs = String(features.length);
    const pts = [[this.home.lon, this.home.lat], it.venue, ...features.flatMap((ft) => ft.geometry.coordinates)];
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    this.map.fit([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)], 15);
    this.journeyStatus.textContent = features.length
      ? `Shown on the map: ${it.activity_name} at ${it.site_name}, the journey there in blue (solid for rides, dotted for walks) and home in orange-red (dashed for rides, dotted for walks).${approx ? ' Some lines are straight: the exact route is not known.' : ' Bus lines are drawn straight from stop to stop.'}`
      : `Shown on the map: ${it.site_name}. There is no journey to draw.`;
  }

  private async tripFeatures(dir: 'out' | 'back', trip: ReachTrip, it: ReachItem): Promise<{ features: Feature[]; approx: boolean }> {
    const home: [number, number] = [this.home!.lon, this.home!.lat];
    const [from, to] = dir === 'out' ? [home, it.venue] : [it.venue, home];
    const line = (a: number[], b: number[], kind: string, approx: boolean): Feature =>
      ({ type: 'Feature', properties: { dir, kind, approx }, geometry: { type: 'LineString', coordinates: [a, b] } });
    if (trip.legs.some((l) => transitModes.includes(l.mode))) {
      try {
        const j = await post<Journey>('/api/v1/journeys', {
          from: { lat: from[1], lon: from[0] }, to: { lat: to[1], lon: to[0] }, depart: trip.depart, profile: this.lastProfile,
        });
        if (j.found && j.legs.length) {
          let at: number[] = from;
          const out = j.legs.map((l, i) => {
            const a = l.from ? [l.from.lon, l.from.lat] : at;
            const b = l.to ? [l.to.lon, l.to.lat] : i === j.legs.length - 1 ? to : a;
            at = b;
            return line(a, b, l.type === 'ride' ? 'ride' : 'walk', false);
          });
          return { features: out, approx: false };
        }
      } catch { /* fall through to a straight line */ }
    }
    const allWalk = trip.legs.every((l) => l.mode === 'walk');
    return { features: [line(from, to, allWalk ? 'walk' : 'ride', !allWalk)], approx: !allWalk };
  }

  private renderShortlist(): void {
    const items = [...this.shortlist.values()];
    const text = shortlistText(items);
    const area = h('pre', { class: 'shortlist-text', id: 'shortlist-text', tabindex: 0, 'aria-label': 'Shortlist text' }, text || 'Nothing on the shortlist yet.');
    const copied = h('p', { role: 'status', class: 'status' });
    replace(this.shortBox,
      h('h3', { id: 'shortlist-title', text: `Shortlist for the person (${items.length})` }),
      h('p', { class: 'hint', text: 'Tick "Add to the shortlist" on an activity. The shortlist is plain, large-print-friendly English and holds no address or location.' }),
      area,
      h('div', { class: 'actions' },
        h('button', { type: 'button', disabled: items.length === 0, onclick: () => void this.copy(text, copied) }, 'Copy the shortlist'),
        h('button', { type: 'button', disabled: items.length === 0, onclick: () => this.print(items) }, 'Print the shortlist')),
      copied);
  }

  private async copy(text: string, status: HTMLElement): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = 'The shortlist is copied: paste it into a letter, an email or a text message.';
    } catch {
      const sel = window.getSelection();
      const pre = this.shortBox.querySelector('pre');
      if (sel && pre) { sel.selectAllChildren(pre); }
      status.textContent = 'Copying is not allowed here: the text is selected, press Control and C to copy it.';
    }
  }

  private print(items: ReachItem[]): void {
    const sheet = document.getElementById('print-sheet')!;
    replace(sheet, h('h1', { text: 'Heritage activities you could go to' }),
      items.map((it) => h('section', null, h('pre', { text: shortlistText([it]).split('\n\n').slice(1, -1).join('\n\n').replace(/^1\. /, '') }))),
      h('p', { text: 'Times are local. Buses can change: check with the operator before you travel.' }));
    window.print();
  }
}
