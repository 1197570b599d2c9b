// Colours for categories (many, far apart) and for numbers (a perceptual gradient).

export type Rgb = [number, number, number];

/** The first categories get these hand-picked colours, readable on the dark background. */
const SEED: Rgb[] = [
  [78, 161, 255], [255, 138, 61], [76, 201, 110], [239, 83, 96], [176, 125, 255],
  [255, 214, 64], [56, 213, 214], [255, 120, 200], [160, 200, 70], [190, 140, 100],
];

/** How many distinct colours `categoricalColor` gives before it repeats. */
export const PALETTE_SIZE = 64;

let palette: Rgb[] | null = null;

/**
 * Colour of category `i`. After the seed colours, each next colour is the candidate farthest (in
 * CIELAB) from all colours taken so far, as in Glasbey et al., "Colour displays for categorical
 * images" (2007); candidates are limited to mid-to-light tones so every colour stands out on dark grey.
 */
export function categoricalColor(i: number): Rgb {
  palette ??= buildPalette(PALETTE_SIZE);
  return palette[((i % PALETTE_SIZE) + PALETTE_SIZE) % PALETTE_SIZE];
}

function buildPalette(size: number): Rgb[] {
  const candidates: Rgb[] = [];
  const labs: [number, number, number][] = [];
  for (let r = 0; r < 256; r += 17) {
    for (let g = 0; g < 256; g += 17) {
      for (let b = 0; b < 256; b += 17) {
        const lab = rgbToLab([r, g, b]);
        if (lab[0] < 45 || lab[0] > 92) continue;
        candidates.push([r, g, b]);
        labs.push(lab);
      }
    }
  }
  const chosen: Rgb[] = SEED.slice(0, size);
  const nearest = new Float64Array(candidates.length).fill(Infinity);
  const take = (rgb: Rgb) => {
    const lab = rgbToLab(rgb);
    for (let c = 0; c < labs.length; c++) nearest[c] = Math.min(nearest[c], deltaE(lab, labs[c]));
  };
  chosen.forEach(take);
  while (chosen.length < size) {
    let best = 0;
    for (let c = 1; c < candidates.length; c++) if (nearest[c] > nearest[best]) best = c;
    chosen.push(candidates[best]);
    take(candidates[best]);
  }
  return chosen;
}

/** sRGB (0..255) to CIELAB (D65). */
export function rgbToLab([r, g, b]: Rgb): [number, number, number] {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const [lr, lg, lb] = [lin(r), lin(g), lin(b)];
  const x = (0.4124 * lr + 0.3576 * lg + 0.1805 * lb) / 0.95047;
  const y = 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
  const z = (0.0193 * lr + 0.1192 * lg + 0.9505 * lb) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const [fx, fy, fz] = [f(x), f(y), f(z)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** CIE76 colour difference. */
export function deltaE(a: [number, number, number], b: [number, number, number]): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** Stops of matplotlib's viridis (public domain), evenly spaced from 0 to 1. */
const VIRIDIS: Rgb[] = [
  [68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142],
  [31, 158, 137], [53, 183, 121], [110, 206, 88], [181, 222, 43], [253, 231, 37],
];

/** Colour of `t` in [0, 1] on the gradient; values outside are clamped, NaN is grey. */
export function gradientColor(t: number): Rgb {
  if (Number.isNaN(t)) return MISSING_COLOR;
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i];
  const b = VIRIDIS[i + 1];
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/** CSS linear-gradient of the numeric scale, for the legend. */
export function gradientCss(): string {
  const stops = VIRIDIS.map((c, i) => `rgb(${c.join(',')}) ${Math.round((i / (VIRIDIS.length - 1)) * 100)}%`);
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

/** Points with no colour column, or with a missing value, or beyond the listed categories. */
export const DEFAULT_COLOR: Rgb = [120, 170, 230];
export const MISSING_COLOR: Rgb = [110, 110, 118];
export const OTHER_COLOR: Rgb = [140, 140, 150];

export function cssOf([r, g, b]: Rgb): string {
  return `rgb(${r}, ${g}, ${b})`;
}
