// Gaps (planner): where nobody with a profile reaches an activity, ranked
// by population and need, each with its blocking barrier; the sites where
// a new session would reach the most people; and what-if scenarios.
import { cellsToMultiPolygon } from 'h3-js';
import { errorText, get, type GapCollection, type GapFeature, type Profile, type Suggestions } from './api';
import { field, h, replace, select } from './dom';
import * as f from './format';
import type { MapView } from './mapview';
import { ScenarioBuilder } from './scenario';

/** outline dissolves a gap's cells into their outer boundary. */
function outline(ft: GapFeature): GeoJSON.MultiPolygon {
  if (!ft.properties.hex_ids?.length) return ft.geometry;
  return { type: 'MultiPolygon', coordinates: cellsToMultiPolygon(ft.properties.hex_ids, true) };
}

export class GapsView {
  readonly el: HTMLElement;
  private readonly profile: HTMLSelectElement;
  private readonly minActivities = h('input', { type: 'number', min: 1, max: 1000, value: 1, required: true });
  private readonly status = h('p', { role: 'status', class: 'status' });
  private readonly summary = h('div', { class: 'gap-summary' });
  private readonly list = h('div', { class: 'gap-list' });
  private readonly suggestStatus = h('p', { role: 'status', class: 'status' });
  private readonly suggestList = h('div', { class: 'suggest-list' });
  private readonly scenario: ScenarioBuilder;
  private gaps: GapFeature[] = [];
  private loaded = false;

  constructor(private readonly map: MapView, private readonly profiles: Profile[]) {
    this.profile = select(profiles.map((p) => [p.id, p.name]), 'bus-pass', { name: 'profile' });
    this.scenario = new ScenarioBuilder(map, profiles, () => this.profile.value);
    this.el = h('section', { id: 'view-gaps', class: 'view', 'aria-labelledby': 'gaps-title', hidden: true },
      h('h2', { id: 'gaps-title', tabindex: -1, text: 'Gaps: where nobody can reach an activity' }),
      h('form', { class: 'controls', onsubmit: (e: Event) => { e.preventDefault(); void this.load(); } },
        h('div', { class: 'grid2' },
          field('Profile', this.profile),
          field('Fewer activities than', this.minActivities, '1: places where nothing at all can be reached')),
        h('button', { type: 'submit', class: 'primary', text: 'Show the gaps' })),
      this.status, this.summary, this.list,
      h('h3', { text: 'Where a new session would reach the most people' }),
      h('p', { class: 'hint', text: 'Heritage sites with no activity yet, picked one after another: each adds the people who reach nothing now and are not reached by the sites above it. The trial session is on Wednesdays 10:30 to 12:00, free, with the site\'s own recorded access.' }),
      this.suggestStatus, this.suggestList,
      this.scenario.el);
    map.onClick('gaps', (lngLat, e) => {
      const hit = map.map.queryRenderedFeatures(e.point, { layers: ['gaps-fill'] })[0];
      if (hit && !this.scenario.wantsPoint()) { this.selectGap(Number(hit.properties?.rank)); return; }
      this.scenario.pick(lngLat);
    });
  }

  shown(): void {
    if (!this.loaded) void this.load();
  }

  private async load(): Promise<void> {
    const profile = this.profile.value;
    const min = Number(this.minActivities.value);
    if (!(min >= 1 && min <= 1000)) { this.status.textContent = 'The number of activities must be between 1 and 1000.'; return; }
    this.loaded = true;
    this.status.textContent = 'Finding the gaps…';
    void this.loadSuggestions(profile);
    let g: GapCollection;
    try {
      g = await get<GapCollection>('/api/v1/gaps', { profile, min_activities: min, limit: 20 });
    } catch (err) {
      this.status.textContent = `No gaps: ${errorText(err)}.`;
      this.gaps = [];
      replace(this.summary);
      replace(this.list);
      this.map.setData('gaps', { type: 'FeatureCollection', features: [] });
      return;
    }
    this.gaps = g.features;
    const name = this.profiles.find((p) => p.id === profile)?.name ?? profile;
    this.status.textContent = `${g.total_gaps} gap area${g.total_gaps === 1 ? '' : 's'} for ${name}${g.truncated ? `, the ${g.features.length} most in need shown` : ''}.`;
    replace(this.summary,
      h('p', null, `${f.people(g.uncovered_population)} residents live in the gaps, ${f.people(g.uncovered_profile_population)} of them in the profile's own population. Coverage week starting ${f.fullDate(g.week + 'T12:00:00Z')}.`),
      h('details', null, h('summary', { text: 'How the gaps are ranked' }), h('p', { text: g.score_rule })));
    replace(this.list, g.features.length
      ? h('ol', { class: 'items gaps' }, g.features.map((ft) => h('li', null, this.gapCard(ft))))
      : h('p', { text: 'No gaps: everyone with this profile can reach at least that many activities.' }));
    this.map.setData('gaps', {
      type: 'FeatureCollection',
      // one outline per gap: the cells dissolved (h3-js), not one ring per hexagon
      features: g.features.map((ft) => ({ type: 'Feature', id: ft.properties.rank, geometry: outline(ft), properties: { rank: ft.properties.rank, name: `Gap ${ft.properties.rank}: ${f.people(ft.properties.population)} residents` } })),
    });
    this.map.getContainerData().gapAreas = String(g.features.length);
  }

  private gapCard(ft: GapFeature): HTMLElement {
    const p = ft.properties;
    const na = p.nearest_activity;
    const dl = (rows: [string, Node | string][]) => h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', { text: k }), h('dd', null, v)]));
    return h('article', { class: 'item gap', 'aria-labelledby': `gap-${p.rank}`, 'data-rank': p.rank },
      h('h4', { id: `gap-${p.rank}`, text: `Gap ${p.rank}: ${f.people(p.population)} residents${p.ward_name ? ` in ${p.ward_name}` : ''}` }),
      p.barrier ? h('p', { class: 'barriers' }, h('strong', { text: f.barrier(p.barrier.code) }), p.barrier.detail ? `: ${p.barrier.detail}` : '') : null,
      dl([
        ["Profile's own population", f.people(p.profile_population)],
        ['Hexagons', String(p.cells)],
        ['Deprivation decile (IMD 2025)', f.imd(p.imd_decile)],
        ['Rurality', `${f.ruc(p.ruc21)}; ${Math.round(p.rural_share * 100)}% of residents in rural areas`],
        ['Disabled residents', `${Math.round(p.disabled_share * 100)}%`],
        ['Nearest activity', na ? h('span', null, `${na.name} at ${na.site_name}, ${f.metres(na.distance_m)} away`, na.illustrative ? h('span', { class: 'tag illustrative', text: 'illustrative' }) : null) : 'none with a session that week'],
        ['Need score', p.score.toLocaleString('en-GB', { maximumFractionDigits: 0 })],
      ]),
      h('button', { type: 'button', onclick: () => this.selectGap(p.rank) }, `Show gap ${p.rank} on the map`));
  }

  private selectGap(rank: number): void {
    const g = this.gaps.find((x) => x.properties.rank === rank);
    if (!g) return;
    this.map.setFilter('gaps-selected', ['==', ['get', 'rank'], rank]);
    let [w, s, e, n] = [180, 90, -180, -90];
    for (const poly of g.geometry.coordinates) for (const ring of poly) for (const [x, y] of ring) {
      w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y);
    }
    this.map.fit([w, s, e, n], 14);
    this.status.textContent = `Gap ${rank} is outlined in black on the map: ${f.people(g.properties.population)} residents.`;
  }

  private async loadSuggestions(profile: string): Promise<void> {
    this.suggestStatus.textContent = 'Working out suggestions…';
    try {
      const s = await get<Suggestions>('/api/v1/suggestions', { profile, k: 5 });
      this.suggestStatus.textContent = s.suggestions.length
        ? `${s.suggestions.length} suggested site${s.suggestions.length === 1 ? '' : 's'} of ${s.candidates} without an activity. ${f.people(s.people_without)} residents reach nothing now.`
        : 'No site without an activity would reach anyone new.';
      this.map.setData('suggest', { type: 'FeatureCollection', features: s.suggestions.map((x, i) => ({
        type: 'Feature', geometry: { type: 'Point', coordinates: [x.lon, x.lat] },
        properties: { name: `Suggestion ${i + 1}: ${x.name}, ${f.people(x.people_added)} more people` } })) });
      replace(this.suggestList, s.suggestions.length ? h('ol', { class: 'items suggestions' }, s.suggestions.map((x, i) => h('li', null,
        h('article', { class: 'item suggestion', 'aria-labelledby': `suggest-${i}` },
          h('h4', { id: `suggest-${i}` }, `${i + 1}. ${x.name}`, x.illustrative ? h('span', { class: 'tag illustrative', text: 'illustrative' }) : null),
          h('p', null, `${f.kind(x.kind)}. A session here would reach ${f.people(x.people_added)} people who reach nothing now (${f.people(x.profile_population_added)} in the profile's population); ${f.people(x.cumulative_people)} with the sites above.`),
          h('p', null, 'Step-free entrance: ', h('span', { class: x.step_free_entrance === 'yes' ? '' : 'tag unknown', text: f.access(x.step_free_entrance) }),
            '. Accessible toilet: ', h('span', { class: x.accessible_toilet === 'yes' ? '' : 'tag unknown', text: f.access(x.accessible_toilet) }), '.'),
          h('button', { type: 'button', onclick: () => this.scenario.addSessionAt(x.site_id, x.name) }, `Add a session at ${x.name} to the scenario`))))) : null);
    } catch (err) {
      this.suggestStatus.textContent = `No suggestions: ${errorText(err)}.`;
      replace(this.suggestList);
    }
  }
}
