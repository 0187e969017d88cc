/**
 * Every theme's colours, read from the reader's stylesheet as written (entrypoints/reader/style.css:
 * `light-dark()`, `var()`, `color-mix(in srgb, …)` resolved as the browser does), checked with the
 * WCAG formula: text ≥ 4.5 : 1 (muted text too), ≥ 7 : 1 in the high-contrast themes, control
 * colours (accent-color, control edges) ≥ 3 : 1.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrastRatio, isDark, mix, parseHex, toHex, type Rgb } from './contrast';
import { DEFAULT_SETTINGS } from './settings';

const css = readFileSync(path.resolve(import.meta.dirname, '../../entrypoints/reader/style.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** The custom properties declared in the first rule whose selector is exactly `selector` (after `from`). */
function declarations(selector: string, from = 0): Record<string, string> {
  const start = css.indexOf(`${selector} {`, from);
  if (start < 0) throw new Error(`no rule ${selector}`);
  const body = css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start));
  const out: Record<string, string> = {};
  for (const m of body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) out[m[1]!] = m[2]!.trim();
  return out;
}

/** Splits `a, b` at top-level commas. */
function args(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  parts.push(cur.trim());
  return parts;
}

function resolve(value: string, vars: Record<string, string>, dark: boolean, depth = 0): Rgb {
  if (depth > 10) throw new Error(`cycle at ${value}`);
  const v = value.trim();
  const hex = parseHex(v);
  if (hex) return hex;
  const fn = /^([\w-]+)\((.*)\)$/s.exec(v);
  if (!fn) throw new Error(`cannot read colour ${v}`);
  const [, name, inner] = fn as unknown as [string, string, string];
  if (name === 'var') {
    const [ref, fallback] = args(inner) as [string, string | undefined];
    const next = vars[ref] ?? fallback;
    if (next === undefined) throw new Error(`undefined ${ref}`);
    return resolve(next, vars, dark, depth + 1);
  }
  if (name === 'light-dark') {
    const [light, darkValue] = args(inner) as [string, string];
    return resolve(dark ? darkValue : light, vars, dark, depth + 1);
  }
  if (name === 'color-mix') {
    const [space, a, b] = args(inner) as [string, string, string];
    expect(space).toBe('in srgb');
    const m = /^(.*?)\s+([\d.]+)%$/.exec(a);
    if (!m) throw new Error(`color-mix without a percentage: ${a}`);
    return mix(resolve(m[1]!, vars, dark, depth + 1), resolve(b, vars, dark, depth + 1), Number(m[2]) / 100);
  }
  throw new Error(`unknown function ${name}`);
}

interface Theme {
  name: string;
  vars: Record<string, string>;
  dark: boolean;
  high: boolean;
}

const root = declarations(':root');
const over = (selector: string) => ({ ...root, ...declarations(selector) });
const custom = { ...over(':root[data-theme="custom"]'), '--custom-fg': DEFAULT_SETTINGS.customText, '--custom-bg': DEFAULT_SETTINGS.customBackground };
const moreContrast = { ...root, ...declarations(':root[data-theme="system"]', css.indexOf('@media (prefers-contrast: more)')) };
const themes: Theme[] = [
  { name: 'light', vars: root, dark: false, high: false },
  { name: 'dark', vars: root, dark: true, high: false },
  { name: 'sepia', vars: over(':root[data-theme="sepia"]'), dark: false, high: false },
  { name: 'contrast', vars: over(':root[data-theme="contrast"]'), dark: false, high: true },
  { name: 'contrastDark', vars: over(':root[data-theme="contrastDark"]'), dark: true, high: true },
  { name: 'system, more contrast asked (light)', vars: moreContrast, dark: false, high: true },
  { name: 'system, more contrast asked (dark)', vars: moreContrast, dark: true, high: true },
  { name: 'custom (default colours)', vars: custom, dark: isDark(DEFAULT_SETTINGS.customBackground), high: false },
];

describe('theme colours from style.css (WCAG contrast)', () => {
  it.each(themes)('$name: text, muted text, links, notices ≥ 4.5 : 1 (≥ 7 : 1 high contrast); controls ≥ 3 : 1', (theme) => {
    const c = (name: string) => resolve(`var(${name})`, theme.vars, theme.dark);
    const ratio = (a: string, b: string) => contrastRatio(c(a), c(b));
    const text = theme.high ? 7 : 4.5;
    const report = (a: string, b: string) => `${theme.name} ${a} ${toHex(c(a))} on ${b} ${toHex(c(b))}: ${ratio(a, b).toFixed(2)}`;
    for (const [fg, bg] of [
      ['--fg', '--bg'],
      ['--fg', '--accent-bg'],
      ['--muted', '--bg'],
      ['--muted', '--accent-bg'],
      ['--link', '--bg'],
      ['--warn-fg', '--warn-bg'],
    ] as const) {
      expect(ratio(fg, bg), report(fg, bg)).toBeGreaterThanOrEqual(text);
    }
    expect(ratio('--accent', '--bg'), report('--accent', '--bg')).toBeGreaterThanOrEqual(3);
    expect(ratio('--control-border', '--bg'), report('--control-border', '--bg')).toBeGreaterThanOrEqual(3);
  });

  it('the high-contrast themes are black on white and white on black', () => {
    const [hc, hcDark] = [themes.find((t) => t.name === 'contrast')!, themes.find((t) => t.name === 'contrastDark')!];
    expect(toHex(resolve('var(--fg)', hc.vars, false))).toBe('#000000');
    expect(toHex(resolve('var(--bg)', hc.vars, false))).toBe('#ffffff');
    expect(toHex(resolve('var(--fg)', hcDark.vars, true))).toBe('#ffffff');
    expect(toHex(resolve('var(--bg)', hcDark.vars, true))).toBe('#000000');
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
  });

  it('sepia muted text keeps ≥ 4.5 : 1 (it was 4.57 : 1)', () => {
    const sepia = themes.find((t) => t.name === 'sepia')!;
    expect(contrastRatio(resolve('var(--muted)', sepia.vars, false), resolve('var(--bg)', sepia.vars, false))).toBeGreaterThanOrEqual(4.5);
  });

  it('the system theme asked for more contrast is the high-contrast themes\' colours', () => {
    const hc = themes.find((t) => t.name === 'contrast')!;
    const hcDark = themes.find((t) => t.name === 'contrastDark')!;
    for (const name of ['--bg', '--fg', '--muted', '--link', '--accent', '--control-border']) {
      expect(toHex(resolve(`var(${name})`, moreContrast, false)), name).toBe(toHex(resolve(`var(${name})`, hc.vars, false)));
      expect(toHex(resolve(`var(${name})`, moreContrast, true)), name).toBe(toHex(resolve(`var(${name})`, hcDark.vars, true)));
    }
  });

  it('custom colours of the person: text from their two colours, muted text mixed 80 % toward the background', () => {
    const vars = { ...custom, '--custom-fg': '#f0e6d2', '--custom-bg': '#202a36' };
    const fg = resolve('var(--fg)', vars, true);
    const muted = resolve('var(--muted)', vars, true);
    expect(toHex(fg)).toBe('#f0e6d2');
    expect(contrastRatio(muted, '#202a36')).toBeLessThan(contrastRatio(fg, '#202a36'));
    expect(contrastRatio(muted, '#202a36')).toBeGreaterThanOrEqual(4.5);
  });
});

describe('contrast helpers', () => {
  it('computes WCAG ratios and luminance as the reference values', () => {
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#fff', '#000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777', '#777')).toBe(1);
    expect(Number.isNaN(contrastRatio('red', '#fff'))).toBe(true);
    expect(toHex(mix('#000000', '#ffffff', 0.5))).toBe('#808080');
    expect(isDark('#1b1c1e')).toBe(true);
    expect(isDark('#cce8cf')).toBe(false);
  });
});
