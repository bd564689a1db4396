// The basemap style: Threshold's own vector tiles (GET /tiles/base/...),
// no glyphs, no sprites, nothing from outside the server. Names are shown
// as HTML labels (see labels.ts), in the lists, and on hover.
import type { StyleSpecification } from 'maplibre-gl';
import type { Basemap } from './api';

export function baseStyle(b: Basemap, origin: string): StyleSpecification {
  const road = (cls: string[], colour: string, width: number, minzoom: number) => ({
    id: `roads-${cls[0]}`, type: 'line' as const, source: 'base', 'source-layer': 'roads', minzoom,
    filter: ['in', ['get', 'class'], ['literal', cls]] as unknown as never,
    paint: { 'line-color': colour, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, width * 0.4, 16, width * 3] as unknown as number },
  });
  return {
    version: 8,
    sources: {
      base: {
        type: 'vector',
        // Absolute: MapLibre's workers do not share the page's base URL.
        tiles: [origin + b.tiles],
        minzoom: b.minzoom, maxzoom: Math.min(b.maxzoom, 16),
      },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#d4e3ea' } },
      { id: 'land', type: 'fill', source: 'base', 'source-layer': 'land', paint: { 'fill-color': '#f6f4ee' } },
      { id: 'land-edge', type: 'line', source: 'base', 'source-layer': 'land', paint: { 'line-color': '#7d8b93', 'line-width': 1 } },
      { id: 'areas', type: 'line', source: 'base', 'source-layer': 'areas', minzoom: 11, paint: { 'line-color': '#c9c1b1', 'line-width': 0.6 } },
      road(['service', 'minor'], '#d0d0d0', 1, 12),
      road(['tertiary', 'secondary'], '#b9b9b9', 1.4, 10),
      road(['primary', 'trunk', 'motorway'], '#a08f7d', 2, 8),
      { id: 'paths', type: 'line', source: 'base', 'source-layer': 'paths', minzoom: 14,
        paint: { 'line-color': '#8c7a5b', 'line-width': 1, 'line-dasharray': [2, 2] } },
      { id: 'routes', type: 'line', source: 'base', 'source-layer': 'routes', minzoom: 10,
        paint: { 'line-color': '#6d5fa8', 'line-width': 1.5, 'line-opacity': 0.55, 'line-dasharray': [3, 2] } },
      { id: 'stops', type: 'circle', source: 'base', 'source-layer': 'stops', minzoom: 13,
        paint: { 'circle-radius': 3, 'circle-color': '#ffffff', 'circle-stroke-color': '#6d5fa8', 'circle-stroke-width': 1.5 } },
      { id: 'sites', type: 'circle', source: 'base', 'source-layer': 'sites', minzoom: 9,
        paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 2.5, 14, 5] as unknown as number, 'circle-color': '#7b3f00', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 } },
    ],
  };
}
