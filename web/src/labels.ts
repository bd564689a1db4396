// Place names drawn as HTML over the map. MapLibre would need glyph files
// to draw text, and those would have to come from somewhere; HTML text uses
// the page's own fonts. The labels are hidden from screen readers: the
// lists and tables say everything the map says.
import type { Map as MLMap } from 'maplibre-gl';

interface Label { name: string; lngLat: [number, number]; el: HTMLElement }

const maxLabels = 60;

export class PlaceLabels {
  private readonly box: HTMLElement;
  private labels: Label[] = [];

  constructor(private readonly map: MLMap) {
    this.box = document.createElement('div');
    this.box.className = 'map-labels';
    this.box.setAttribute('aria-hidden', 'true');
    map.getContainer().appendChild(this.box);
    map.on('idle', () => this.refresh());
    map.on('move', () => this.place());
  }

  /** refresh picks the labels for what is loaded at this zoom. */
  private refresh(): void {
    const z = this.map.getZoom();
    const maxRank = z >= 12 ? 3 : z >= 10 ? 2 : 1;
    const seen = new Set<string>();
    const next: Label[] = [];
    let feats: GeoJSON.Feature[] = [];
    try {
      feats = this.map.querySourceFeatures('base', { sourceLayer: 'places' });
    } catch { return; }
    feats.sort((a, b) => Number(a.properties?.rank ?? 9) - Number(b.properties?.rank ?? 9));
    for (const f of feats) {
      const name = String(f.properties?.name ?? '');
      if (!name || seen.has(name) || Number(f.properties?.rank ?? 9) > maxRank) continue;
      if (f.geometry.type !== 'Point') continue;
      seen.add(name);
      const old = this.labels.find((l) => l.name === name);
      const el = old?.el ?? Object.assign(document.createElement('span'), { className: 'map-label', textContent: name });
      next.push({ name, lngLat: f.geometry.coordinates as [number, number], el });
      if (next.length >= maxLabels) break;
    }
    this.labels = next;
    this.box.replaceChildren(...next.map((l) => l.el));
    this.place();
  }

  private place(): void {
    for (const l of this.labels) {
      const p = this.map.project(l.lngLat);
      l.el.style.transform = `translate(${Math.round(p.x)}px, ${Math.round(p.y)}px) translate(-50%, -130%)`;
    }
  }
}
