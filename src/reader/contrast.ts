/**
 * WCAG 2 contrast between colours (`#rrggbb`): relative luminance and the ratio (1 to 21), and a
 * mix in sRGB as CSS `color-mix(in srgb, …)` computes it. The settings use them for the custom
 * theme (its colour scheme, the ratio shown beside the pickers); tests check every theme with them.
 */

export type Rgb = [number, number, number];

/** `#rgb` or `#rrggbb` → 0–255 channels; null for anything else. */
export function parseHex(hex: string): Rgb | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  const digits = m?.[1];
  if (!digits) return null;
  const h = digits.length === 3 ? [...digits].map((c) => c + c).join('') : digits;
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;
}

export function toHex(rgb: Rgb): string {
  return `#${rgb.map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG relative luminance (0 black … 1 white). */
export function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colours, (L1 + 0.05) / (L2 + 0.05) with L1 the lighter. */
export function contrastRatio(a: string | Rgb, b: string | Rgb): number {
  const ca = typeof a === 'string' ? parseHex(a) : a;
  const cb = typeof b === 'string' ? parseHex(b) : b;
  if (!ca || !cb) return NaN;
  const la = luminance(ca);
  const lb = luminance(cb);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** `color-mix(in srgb, a p%, b)`: p of `a`, the rest `b`. */
export function mix(a: string | Rgb, b: string | Rgb, p: number): Rgb {
  const ca = (typeof a === 'string' ? parseHex(a) : a) ?? [0, 0, 0];
  const cb = (typeof b === 'string' ? parseHex(b) : b) ?? [0, 0, 0];
  return [0, 1, 2].map((i) => ca[i]! * p + cb[i]! * (1 - p)) as Rgb;
}

/** Whether text on this background wants a dark colour scheme (dark background). */
export function isDark(background: string): boolean {
  const rgb = parseHex(background);
  // The luminance where black and white text have the same contrast against it.
  return rgb !== null && luminance(rgb) < 0.179;
}
