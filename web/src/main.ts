// Threshold's web map: one page, three views (find activities, gaps and
// what-ifs, coverage) over one map. The hash names the view only; nothing
// about a person ever goes into the URL or into storage.
import './app.css';
import { errorText, get, type Basemap, type Profile } from './api';
import { byId, h, replace } from './dom';
import { CoverageView } from './coverage';
import { FindView } from './find';
import { GapsView } from './gaps';
import { MapView, type ViewName } from './mapview';
import { okabeIto } from './colour';

const views: ViewName[] = ['find', 'gaps', 'coverage'];

const fallbackBasemap: Basemap = {
  bounds: null, regions: [], tiles: '/tiles/base/{z}/{x}/{y}.mvt', minzoom: 0, maxzoom: 16, attribution: [],
};

function findLegend(): HTMLElement[] {
  const dot = (bg: string, border: string) => h('span', { class: 'dot', style: `background:${bg};border-color:${border}` });
  const line = (colour: string, dash: string) => h('span', { class: 'line', style: `border-top:4px ${dash} ${colour}` });
  return [h('ul', null,
    h('li', null, dot('#000', '#fff'), 'Home'),
    h('li', null, dot(okabeIto.green, '#fff'), 'Reachable activity'),
    h('li', null, dot('#fff', '#404040'), 'Near miss'),
    h('li', null, line(okabeIto.blue, 'solid'), 'Journey there'),
    h('li', null, line(okabeIto.vermillion, 'dashed'), 'Journey home'),
    h('li', null, line('#555', 'dotted'), 'Walk'))];
}

function gapsLegend(): HTMLElement[] {
  const sw = (c: string) => h('span', { class: 'swatch', style: `background:${c}` });
  return [h('ul', null,
    h('li', null, sw(okabeIto.orange), 'Gap area'),
    h('li', null, h('span', { class: 'dot', style: `background:#fff;border-color:${okabeIto.blue};border-width:3px` }), 'Suggested site'),
    h('li', null, sw(okabeIto.blue), 'Gains access (scenario)'),
    h('li', null, sw(okabeIto.vermillion), 'Loses access (scenario)'),
    h('li', null, sw(okabeIto.sky), 'Reaches more or fewer'))];
}

async function main(): Promise<void> {
  const status = byId('app-status');
  let basemap = fallbackBasemap;
  let profiles: Profile[];
  try {
    const [b, p] = await Promise.allSettled([get<Basemap>('/api/v1/basemap'), get<Profile[]>('/api/v1/profiles')]);
    if (p.status === 'rejected') throw p.reason;
    profiles = p.value;
    if (b.status === 'fulfilled') basemap = b.value;
  } catch (err) {
    status.textContent = `Threshold could not start: ${errorText(err)}.`;
    return;
  }
  const map = new MapView(byId('map'), basemap);
  const find = new FindView(map, profiles);
  const gaps = new GapsView(map, profiles);
  const coverage = new CoverageView(map, profiles);
  const sections: Record<ViewName, { el: HTMLElement; shown?: () => void }> = { find, gaps, coverage };
  byId('panel').append(find.el, gaps.el, coverage.el);
  status.textContent = '';
  status.hidden = true;

  const jump = byId<HTMLSelectElement>('region-jump');
  const regions = basemap.regions.filter((r) => r.bounds);
  replace(jump, regions.map((r) => h('option', { value: r.id, text: r.name })));
  jump.disabled = regions.length < 2;
  jump.addEventListener('change', () => {
    const r = regions.find((x) => x.id === jump.value);
    if (r?.bounds) map.fit(r.bounds, 12);
  });
  replace(byId('sources'), basemap.attribution.map((a) => h('li', null, a.text, a.illustrative ? h('span', { class: 'tag illustrative', text: 'illustrative' }) : null)));

  byId('skip').addEventListener('click', (e) => { e.preventDefault(); byId('panel').focus(); });

  let first = true;
  const route = () => {
    const want = location.hash.slice(1) as ViewName;
    const view = views.includes(want) ? want : 'find';
    for (const v of views) sections[v].el.hidden = v !== view;
    document.querySelectorAll<HTMLAnchorElement>('nav a[data-view]').forEach((a) => {
      if (a.dataset.view === view) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    });
    map.show(view);
    const legend = byId('map-legend');
    if (view === 'find') replace(legend, findLegend());
    else if (view === 'gaps') replace(legend, gapsLegend());
    else replace(legend);
    sections[view].shown?.();
    if (view === 'coverage') coverage.refreshLegend();
    document.title = `${sections[view].el.querySelector('h2')?.textContent ?? 'Threshold'} · Threshold`;
    if (!first) sections[view].el.querySelector<HTMLElement>('h2')?.focus();
    first = false;
    document.body.dataset.view = view;
  };
  window.addEventListener('hashchange', route);
  await map.ready;
  route();
  // For the browser tests and for looking around in the console.
  (window as unknown as { threshold: unknown }).threshold = { map: map.map, drawnHexes: () => map.drawnHexes() };
  document.body.dataset.ready = 'true';
}

void main();
