// Colour scales readable with the common colour-vision deficiencies:
// viridis for ordered values, Okabe–Ito for categories. Every colour on the
// map is also said in words in a legend or a table.

export type RGBA = [number, number, number, number];

/** viridis6: six steps of viridis, dark (none) to yellow (most). */
export const viridis6 = ['#440154', '#414487', '#2a788e', '#22a884', '#7ad151', '#fde725'];

/** okabeIto: categorical colours safe for colour-blind readers. */
export const okabeIto = {
  blue: '#0072B2', vermillion: '#D55E00', orange: '#E69F00', green: '#009E73',
  purple: '#CC79A7', sky: '#56B4E9', yellow: '#F0E442', black: '#000000',
};

/** Bin is one class of a legend: values from lo to hi inclusive. */
export interface Bin { lo: number; hi: number; colour: string; label: string }

/** bins makes six classes for counts: 0, then doubling ranges up to max. */
export function bins(max: number, unit: string): Bin[] {
  const edges = [0, 1, 2, 4, 8, 16];
  if (max > 32) {
    // stretch the doubling so the top class holds the largest values
    const f = Math.max(1, Math.floor(max / 32));
    for (let i = 2; i < edges.length; i++) edges[i] = edges[i] * f;
  }
  return edges.map((lo, i) => {
    const hi = i + 1 < edges.length ? edges[i + 1] - 1 : Infinity;
    let label: string;
    if (lo === 0) label = `no ${unit}`;
    else if (hi === Infinity) label = `${lo} or more`;
    else if (hi === lo) label = `${lo}`;
    else label = `${lo} to ${hi}`;
    return { lo, hi, colour: viridis6[i], label };
  });
}

/** binOf returns the index of the class holding v. */
export function binOf(bs: Bin[], v: number): number {
  for (let i = bs.length - 1; i >= 0; i--) if (v >= bs[i].lo) return i;
  return 0;
}

/** rgba turns "#rrggbb" into deck.gl's [r, g, b, a]. */
export function rgba(hex: string, alpha = 255): RGBA {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, alpha];
}
