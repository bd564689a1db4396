// The map: MapLibre GL JS on Threshold's own basemap tiles, with deck.gl
// drawing H3 cells over it (MapboxOverlay). Views own groups of layers and
// the map shows the active view's group only.
import maplibregl, { type GeoJSONSource, type LngLatBoundsLike, type MapMouseEvent } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { Basemap } from './api';
import { baseStyle } from './style';
import { PlaceLabels } from './labels';
import { okabeIto } from './colour';

export type ViewName = 'find' | 'gaps' | 'coverage';
type FC = GeoJSON.FeatureCollection;

const empty: FC = { type: 'FeatureCollection', features: [] };

/** groups: which of our own MapLibre layers belong to which view. */
const groups: Record<ViewName, string[]> = {
  find: ['journey-casing', 'journey-out-walk', 'journey-out-ride', 'journey-back-walk', 'journey-back-ride', 'venues', 'home'],
  gaps: ['gaps-fill', 'gaps-line', 'gaps-selected', 'suggest', 'pick-fill', 'pick-line', 'pick-point'],
  coverage: [],
};

export class MapView {
  readonly map: maplibregl.Map;
  readonly overlay: MapboxOverlay;
  readonly ready: Promise<void>;
  private view: ViewName = 'find';
  private deck: Record<ViewName, Layer[]> = { find: [], gaps: [], coverage: [] };
  private clickHandlers: Partial<Record<ViewName, (lngLat: [number, number], e: MapMouseEvent) => void>> = {};

  constructor(container: HTMLElement, basemap: Basemap) {
    const bounds = (basemap.regions.find((r) => r.bounds)?.bounds ?? basemap.bounds ?? [-6, 49.9, 2, 55.8]) as LngLatBoundsLike;
    this.map = new maplibregl.Map({
      container,
      style: baseStyle(basemap, window.location.origin),
      bounds,
      fitBoundsOptions: { padding: 20 },
      hash: false, // the map's position stays out of the URL
      attributionControl: { compact: true, customAttribution: basemap.attribution.map((a) => a.text) },
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      maxPitch: 0,
    });
    this.map.getCanvas().setAttribute('aria-label', 'Map. Use the arrow keys to pan and plus or minus to zoom. The lists beside the map carry the same information.');
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    this.overlay = new MapboxOverlay({
      interleaved: false,
      layers: [],
      getTooltip: (info: PickingInfo) => this.tooltip(info),
    });
    this.map.addControl(this.overlay);
    new PlaceLabels(this.map);
    this.ready = new Promise((resolve) => this.map.on('load', () => {
      // The sources are listed under the page; keep the map's copy folded.
      container.querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
      this.addOwnLayers();
      resolve();
    }));
    this.map.on('click', (e) => this.clickHandlers[this.view]?.([e.lngLat.lng, e.lngLat.lat], e));
    this.hoverNames();
  }

  /** tooltips by deck layer id prefix; views register them. */
  readonly tooltips: Record<string, (o: unknown) => string> = {};

  private tooltip(info: PickingInfo): { text: string } | null {
    if (!info.object || !info.layer) return null;
    const f = this.tooltips[info.layer.id.split(':')[0]];
    return f ? { text: f(info.object) } : null;
  }

  onClick(view: ViewName, f: (lngLat: [number, number], e: MapMouseEvent) => void): void {
    this.clickHandlers[view] = f;
  }

  /** show makes a view's layers the visible ones. */
  show(view: ViewName): void {
    this.view = view;
    for (const [v, ids] of Object.entries(groups)) {
      for (const id of ids) {
        if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'visibility', v === view ? 'visible' : 'none');
      }
    }
    this.overlay.setProps({ layers: this.deck[view] });
  }

  /** setDeck sets a view's deck.gl layers. */
  setDeck(view: ViewName, layers: Layer[]): void {
    this.deck[view] = layers;
    if (view === this.view) this.overlay.setProps({ layers });
  }

  /** getContainerData is the map element's data-* attributes, where the
   * views record what they drew (the browser tests read them). */
  getContainerData(): DOMStringMap {
    return this.map.getContainer().dataset;
  }

  setData(source: string, data: FC): void {
    (this.map.getSource(source) as GeoJSONSource | undefined)?.setData(data);
  }

  setFilter(layer: string, filter: maplibregl.FilterSpecification): void {
    if (this.map.getLayer(layer)) this.map.setFilter(layer, filter);
  }

  fit(bounds: [number, number, number, number], maxZoom = 14): void {
    this.map.fitBounds(bounds, { padding: 40, maxZoom, duration: 0 });
  }

  /** drawnHexes reports how many H3 cells deck.gl actually rendered on screen
   * (a pick over the whole canvas). */
  drawnHexes(): number {
    const c = this.map.getCanvas();
    const seen = this.overlay.pickObjects({ x: 0, y: 0, width: c.clientWidth, height: c.clientHeight });
    return seen.length;
  }

  private addOwnLayers(): void {
    const m = this.map;
    for (const id of ['journey', 'venues', 'home', 'gaps', 'suggest', 'pick']) m.addSource(id, { type: 'geojson', data: empty });
    m.addLayer({ id: 'gaps-fill', type: 'fill', source: 'gaps', paint: { 'fill-color': okabeIto.orange, 'fill-opacity': 0.45 } });
    m.addLayer({ id: 'gaps-line', type: 'line', source: 'gaps', paint: { 'line-color': '#7a4a00', 'line-width': 0.5, 'line-opacity': 0.5 } });
    m.addLayer({ id: 'gaps-selected', type: 'line', source: 'gaps', filter: ['==', ['get', 'rank'], -1], paint: { 'line-color': '#000000', 'line-width': 3 } });
    m.addLayer({ id: 'suggest', type: 'circle', source: 'suggest', paint: { 'circle-radius': 7, 'circle-color': '#ffffff', 'circle-stroke-color': okabeIto.blue, 'circle-stroke-width': 3 } });
    m.addLayer({ id: 'pick-fill', type: 'fill', source: 'pick', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': okabeIto.sky, 'fill-opacity': 0.3 } });
    m.addLayer({ id: 'pick-line', type: 'line', source: 'pick', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'line-color': okabeIto.blue, 'line-width': 2, 'line-dasharray': [2, 1] } });
    m.addLayer({ id: 'pick-point', type: 'circle', source: 'pick', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 7, 'circle-color': okabeIto.blue, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } });
    m.addLayer({ id: 'journey-casing', type: 'line', source: 'journey', layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': '#ffffff', 'line-width': 7 } });
    const leg = (dir: string, kind: string, colour: string, dash: number[] | null, width: number) => {
      const layer: maplibregl.LineLayerSpecification = {
        id: `journey-${dir}-${kind}`, type: 'line', source: 'journey',
        filter: ['all', ['==', ['get', 'dir'], dir], ['==', ['get', 'kind'], kind]],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': colour, 'line-width': width, 'line-offset': dir === 'out' ? -2 : 2 },
      };
      if (dash) layer.paint!['line-dasharray'] = dash;
      m.addLayer(layer);
    };
    leg('out', 'walk', okabeIto.blue, [0.5, 1.5], 3);
    leg('out', 'ride', okabeIto.blue, null, 4);
    leg('back', 'walk', okabeIto.vermillion, [0.5, 1.5], 3);
    leg('back', 'ride', okabeIto.vermillion, [3, 1.5], 4);
    m.addLayer({ id: 'venues', type: 'circle', source: 'venues', paint: {
      'circle-radius': ['case', ['get', 'selected'], 9, 6],
      'circle-color': ['case', ['get', 'reachable'], okabeIto.green, '#ffffff'],
      'circle-stroke-color': ['case', ['get', 'reachable'], '#ffffff', '#404040'],
      'circle-stroke-width': ['case', ['get', 'selected'], 3, 2],
    } });
    m.addLayer({ id: 'home', type: 'circle', source: 'home', paint: { 'circle-radius': 8, 'circle-color': '#000000', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 } });
    this.show(this.view);
  }

  /** hoverNames shows a name when the pointer rests on a named feature. */
  private hoverNames(): void {
    const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'hover-name' });
    const layers = ['venues', 'suggest', 'gaps-fill', 'sites', 'stops', 'home'];
    this.map.on('mousemove', (e) => {
      const present = layers.filter((l) => this.map.getLayer(l) && this.map.getLayoutProperty(l, 'visibility') !== 'none');
      const f = present.length ? this.map.queryRenderedFeatures(e.point, { layers: present })[0] : undefined;
      const name = f?.properties?.name;
      this.map.getCanvas().style.cursor = name ? 'pointer' : '';
      if (!name) { popup.remove(); return; }
      popup.setLngLat(e.lngLat).setText(String(name)).addTo(this.map);
    });
  }
}
