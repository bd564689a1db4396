// Coverage (funder): a heatmap of what each H3 cell's residents can reach,
// per profile and resolution, with a legend that is also a table; totals by
// rurality, deprivation, region, LSOA or ward; CSV and GeoJSON downloads.
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { cellToBoundary } from 'h3-js';
import { errorText, get, url, type CoverageCell, type Profile, type Totals } from './api';
import { binOf, bins, rgba, type Bin } from './colour';
import { field, h, replace, select, table } from './dom';
import * as f from './format';
import type { MapView } from './mapview';

type Measure = 'activities' | 'sessions_per_week';
type Basis = 'population' | 'profile_population';

const resolutions: [string, string][] = [
  ['6', 'Resolution 6: about 36 km² per cell'],
  ['7', 'Resolution 7: about 5 km² per cell'],
  ['8', 'Resolution 8: about 0.7 km² per cell'],
  ['9', 'Resolution 9: about 0.1 km² per cell'],
];
const groupings: [string, string][] = [
  ['ruc', 'Rurality (ONS RUC 2021)'], ['imd', 'Deprivation (IMD 2025 decile)'],
  ['region', 'Region'], ['ward', 'Ward'], ['lsoa', 'LSOA (small area)'],
];

export class CoverageView {
  readonly el: HTMLElement;
  private readonly profile: HTMLSelectElement;
  private readonly res = select(resolutions, '8', { name: 'res' });
  private readonly measure = select([['activities', 'Activities reachable'], ['sessions_per_week', 'Sessions a week reachable']], 'activities', { name: 'measure' });
  private readonly basis = select([['population', 'All residents'], ['profile_population', "The profile's own population"]], 'population', { name: 'basis' });
  private readonly by = select(groupings, 'ruc', { name: 'by' });
  private readonly status = h('p', { role: 'status', class: 'status' });
  private readonly legend = h('div', { class: 'legend-table' });
  private readonly totals = h('div', { class: 'totals' });
  private readonly downloads = h('div', { class: 'downloads' });
  private cells: CoverageCell[] = [];
  private loaded = '';
  private abort: AbortController | null = null;
  private totalsAbort: AbortController | null = null;

  constructor(private readonly map: MapView, private readonly profiles: Profile[]) {
    this.profile = select(profiles.map((p) => [p.id, p.name]), 'walker', { name: 'profile' });
    for (const s of [this.profile, this.res]) s.addEventListener('change', () => void this.load());
    for (const s of [this.measure, this.basis]) s.addEventListener('change', () => this.draw());
    this.by.addEventListener('change', () => void this.loadTotals());
    this.basis.addEventListener('change', () => void this.loadTotals());
    this.el = h('section', { id: 'view-coverage', class: 'view', 'aria-labelledby': 'coverage-title', hidden: true },
      h('h2', { id: 'coverage-title', tabindex: -1, text: 'Coverage: who can reach an activity' }),
      h('p', { text: 'Each hexagon is coloured by what a person living at its centre can reach there and back in the coverage week, by the same rules as the link worker\'s search. Unknown step-free access or prices never count as yes.' }),
      h('form', { class: 'controls', onsubmit: (e: Event) => e.preventDefault() },
        h('div', { class: 'grid2' },
          field('Profile', this.profile), field('Hexagon size', this.res),
          field('Colour by', this.measure), field('Count people among', this.basis, 'the profile\'s own population: 65+ for bus-pass, disabled residents for wheelchair, rural residents for dial-a-ride'))),
      this.status,
      h('h3', { text: 'Legend' }), this.legend,
      h('h3', { text: 'Totals' }),
      field('Group the totals by', this.by),
      this.totals,
      h('h3', { text: 'Downloads' }), this.downloads);
    map.tooltips.coverage = (o) => this.cellText(o as CoverageCell);
  }

  /** shown runs when the view becomes visible: load once. */
  shown(): void {
    if (!this.loaded) void this.load();
  }

  private async load(): Promise<void> {
    const profile = this.profile.value;
    const res = this.res.value;
    this.abort?.abort();
    this.abort = new AbortController();
    this.status.textContent = 'Loading the coverage…';
    try {
      this.cells = await get<CoverageCell[]>('/api/v1/coverage', { profile, res, format: 'json' }, this.abort.signal);
      this.loaded = `${profile}/${res}`;
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      this.cells = [];
      this.status.textContent = `No coverage: ${errorText(err)}.`;
      this.draw();
      return;
    }
    this.draw();
    this.renderDownloads();
    void this.loadTotals();
  }

  private basisValue(c: CoverageCell): number {
    return (this.basis.value as Basis) === 'profile_population' ? c.profile_population : c.population;
  }

  private draw(): void {
    const measure = this.measure.value as Measure;
    const unit = measure === 'activities' ? 'activities' : 'sessions';
    const shown = this.cells.filter((c) => this.basisValue(c) > 0);
    const max = shown.reduce((m, c) => Math.max(m, c[measure]), 0);
    const bs = bins(max, unit);
    const layer = new H3HexagonLayer<CoverageCell>({
      id: `coverage:${this.loaded}:${measure}:${this.basis.value}`,
      data: shown,
      getHexagon: (c) => c.hex_id,
      getFillColor: (c) => rgba(bs[binOf(bs, c[measure])].colour, 200),
      extruded: false,
      stroked: false,
      pickable: true,
      highPrecision: 'auto',
    });
    this.map.setDeck('coverage', [layer]);
    this.map.getContainerData().hexCells = String(shown.length);
    this.renderLegend(bs, shown, measure);
    const profile = this.profiles.find((p) => p.id === this.profile.value);
    if (this.cells.length) {
      this.status.textContent = `${shown.length} hexagons with residents for ${profile?.name ?? this.profile.value}, coloured by ${unit} reachable a week.`;
    }
  }

  private renderLegend(bs: Bin[], shown: CoverageCell[], measure: Measure): void {
    const count = bs.map(() => ({ cells: 0, people: 0 }));
    for (const c of shown) {
      const i = binOf(bs, c[measure]);
      count[i].cells += 1;
      count[i].people += this.basisValue(c);
    }
    const total = count.reduce((s, c) => s + c.people, 0);
    const who = this.basis.value === 'profile_population' ? "People in the profile's population" : 'Residents';
    replace(this.legend, table(
      `${measure === 'activities' ? 'Activities' : 'Sessions a week'} reachable: hexagons and people in each colour band (viridis scale, readable with colour-blindness)`,
      ['Reachable', 'Colour', 'Hexagons', who, 'Share'],
      bs.map((b, i) => [b.label, h('span', { class: 'swatch', style: `background:${b.colour}`, role: 'img', 'aria-label': `colour band ${i + 1} of ${bs.length}` }),
        f.people(count[i].cells), f.people(count[i].people), f.percent(count[i].people, total)]),
      { class: 'legend' }));
    const legendBox = document.getElementById('map-legend');
    if (legendBox && this.isVisible()) {
      replace(legendBox, h('p', { class: 'legend-title', text: `${measure === 'activities' ? 'Activities' : 'Sessions a week'} reachable` }),
        h('ul', null, bs.map((b) => h('li', null, h('span', { class: 'swatch', style: `background:${b.colour}` }), b.label))));
    }
  }

  isVisible(): boolean {
    return !this.el.hidden;
  }

  /** refreshLegend redraws the map's legend box (after a view switch). */
  refreshLegend(): void {
    if (this.cells.length) this.draw();
  }

  private cellText(c: CoverageCell): string {
    return [
      `${c.activities} activities, ${c.sessions_per_week} sessions a week`,
      `${f.people(c.population)} residents (${f.people(c.profile_population)} in the profile's population)`,
      `Rurality: ${f.ruc(c.ruc21)}`, `Deprivation decile: ${f.imd(c.imd_decile)}`,
      c.unknown_share > 0 ? `${Math.round(c.unknown_share * 100)}% of the answer rests on unknown data` : '',
      c.assumed_share > 0 ? `${Math.round(c.assumed_share * 100)}% rests on assumed step-free access` : '',
    ].filter(Boolean).join('\n');
  }

  /** loadTotals shows the totals of the choices made now; a request
   * still under way for earlier choices is cancelled, so that a slower
   * earlier answer never replaces a later one. */
  private async loadTotals(): Promise<void> {
    const by = this.by.value;
    const profile = this.profile.value;
    this.totalsAbort?.abort();
    const abort = new AbortController();
    this.totalsAbort = abort;
    try {
      const t = await get<Totals>('/api/v1/coverage/totals', { profile, by, format: 'json' }, abort.signal);
      if (abort.signal.aborted) return;
      const own = this.basis.value === 'profile_population';
      const label = (g: string) => (by === 'ruc' ? f.ruc(g) : by === 'imd' ? f.imd(Number(g)) : g);
      const row = (g: Totals['total'], name: string) => own
        ? [name, f.people(g.profile_population), f.people(g.covered_profile_population), f.percent(g.covered_profile_population, g.profile_population)]
        : [name, f.people(g.population), f.people(g.covered_population), f.percent(g.covered_population, g.population)];
      replace(this.totals,
        table(`People with at least one reachable activity, ${own ? "the profile's own population" : 'all residents'}, week of ${f.fullDate(t.week + 'T12:00:00Z')}`,
          [groupings.find(([k]) => k === by)?.[1] ?? by, own ? 'Profile population' : 'Residents', 'Can reach an activity', 'Share'],
          [...t.groups.map((g) => row(g, label(g.group))), row(t.total, 'All')], { class: 'totals-table' }),
        h('p', null, h('a', { href: url('/api/v1/coverage/totals', { profile, by, format: 'csv' }), download: `threshold-totals-${profile}-${by}.csv`, text: 'Download these totals (CSV)' })));
    } catch (err) {
      if ((err as Error).name === 'AbortError' || abort.signal.aborted) return;
      replace(this.totals, h('p', { class: 'error', text: `No totals: ${errorText(err)}.` }));
    }
  }

  private renderDownloads(): void {
    const profile = this.profile.value;
    const res = this.res.value;
    replace(this.downloads, h('ul', null,
      h('li', null, h('a', { href: url('/api/v1/coverage', { profile, res, format: 'csv' }), download: `threshold-coverage-${profile}-r${res}.csv`, text: `Coverage of every hexagon (CSV, resolution ${res})` })),
      h('li', null, h('button', { type: 'button', class: 'link-button', onclick: () => this.downloadGeoJSON() }, `Coverage of every hexagon (GeoJSON, resolution ${res})`))));
  }

  /** downloadGeoJSON builds the hexagons' outlines in the page (h3-js). */
  private downloadGeoJSON(): void {
    const fc = {
      type: 'FeatureCollection',
      features: this.cells.map((c) => {
        const ring = cellToBoundary(c.hex_id, true);
        return { type: 'Feature', id: c.hex_id, properties: { ...c }, geometry: { type: 'Polygon', coordinates: [ring] } };
      }),
    };
    const blob = new Blob([JSON.stringify(fc)], { type: 'application/geo+json' });
    const a = h('a', { href: URL.createObjectURL(blob), download: `threshold-coverage-${this.loaded.replace('/', '-r')}.geojson` });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }
}
