/**
 * Contrast of the reader's own controls and muted text in every theme, computed with the WCAG
 * formula from the values in entrypoints/reader/style.css (issue 10, bug 11): button edges were
 * 1.1–1.3:1 against the toolbar (WCAG 1.4.11 asks 3:1) and sepia's muted text 4.57:1 on its
 * background, less on its notice background (keep ≥ 4.5 everywhere).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrastRatio, mix, parseHex, type Rgb } from './contrast';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CSS = readFileSync(path.join(ROOT, 'entrypoints/reader/style.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

type Vars = Record<string, string>;

/** The custom properties and color-scheme of the first rule whose selector is exactly `selector`. */
function block(selector: string): { vars: Vars; scheme: string | null } | null {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(^|\\})\\s*${escaped}\\s*\\{([^}]*)\\}`, 'm').exec(CSS);
  if (!m) return null;
  const vars: Vars = {};
  let scheme: string | null = null;
  for (const decl of (m[2] ?? '').split(';')) {
    const i = decl.indexOf(':');
    if (i < 0) continue;
    const name = decl.slice(0, i).trim();
    const value = decl.slice(i + 1).trim();
    if (name.startsWith('--')) vars[name] = value;
    else if (name === 'color-scheme') scheme = value;
  }
  return { vars, scheme };
}

/** Splits at top-level commas. */
function args(inner: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(inner.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(inner.slice(start).trim());
  return out;
}

/** A colour value as the browser would compute it: hex, light-dark(), var(), color-mix(in srgb). */
function resolve(value: string, vars: Vars, dark: boolean, depth = 0): Rgb {
  if (depth > 20) throw new Error(`cycle at ${value}`);
  const v = value.trim();
  const hex = parseHex(v);
  if (hex) return hex;
  const call = /^([\w-]+)\(([\s\S]*)\)$/.exec(v);
  if (!call) throw new Error(`cannot read colour ${v}`);
  const [, fn, inner] = call as unknown as [string, string, string];
  const parts = args(inner);
  if (fn === 'light-dark') return resolve(parts[dark ? 1 : 0] ?? '', vars, dark, depth + 1);
  if (fn === 'var') {
    const name = parts[0] ?? '';
    if (vars[name] !== undefined) return resolve(vars[name] as string, vars, dark, depth + 1);
    if (parts[1] !== undefined) return resolve(parts.slice(1).join(','), vars, dark, depth + 1);
    throw new Error(`unset ${name}`);
  }
  if (fn === 'color-mix') {
    if (!/^in srgb$/.test(parts[0] ?? '')) throw new Error(`mix space ${parts[0]}`);
    const a = /^(.*?)\s+([\d.]+)%$/.exec(parts[1] ?? '');
    const colourA = a ? (a[1] as string) : (parts[1] as string);
    const p = a ? Number(a[2]) / 100 : 0.5;
    return mix(resolve(colourA, vars, dark, depth + 1), resolve((parts[2] ?? '').replace(/\s+[\d.]+%$/, ''), vars, dark, depth + 1), p);
  }
  throw new Error(`unknown colour function ${fn}`);
}

interface Theme {
  name: string;
  vars: Vars;
  dark: boolean;
}

function themes(): Theme[] {
  const root = block(':root');
  if (!root) throw new Error('no :root block');
  const out: Theme[] = [
    { name: 'light', vars: root.vars, dark: false },
    { name: 'dark', vars: root.vars, dark: true },
  ];
  for (const m of CSS.matchAll(/(?:^|\})\s*:root\[data-theme="(\w+)"\]\s*\{/gm)) {
    const name = m[1] as string;
    if (name === 'system' || name === 'dark' || out.some((t) => t.name === name)) continue;
    const theme = block(`:root[data-theme="${name}"]`);
    if (!theme) continue;
    out.push({ name, vars: { ...root.vars, ...theme.vars }, dark: theme.scheme === 'dark' });
  }
  return out;
}

const colour = (theme: Theme, name: string) => resolve(`var(${name})`, theme.vars, theme.dark);

describe('reader colours, every theme', () => {
  const all = themes();

  it('finds the themes in the stylesheet', () => {
    const names = all.map((t) => t.name);
    for (const name of ['light', 'dark', 'sepia']) expect(names).toContain(name);
  });

  it.each(all.map((t) => [t.name, t] as const))('%s: button edges ≥ 3:1 against the toolbar, the button fill and a notice', (_name, theme) => {
    const border = colour(theme, '--control-border');
    for (const against of ['--bg', '--accent-bg', '--warn-bg']) {
      const ratio = contrastRatio(border, colour(theme, against));
      expect(ratio, `${theme.name} --control-border on ${against}: ${ratio.toFixed(2)}`).toBeGreaterThanOrEqual(3);
    }
  });

  it.each(all.map((t) => [t.name, t] as const))('%s: muted text ≥ 4.5:1 on the page and on the notice background', (_name, theme) => {
    for (const against of ['--bg', '--accent-bg']) {
      const ratio = contrastRatio(colour(theme, '--muted'), colour(theme, against));
      expect(ratio, `${theme.name} --muted on ${against}: ${ratio.toFixed(2)}`).toBeGreaterThanOrEqual(4.5);
    }
    const warn = contrastRatio(colour(theme, '--warn-fg'), colour(theme, '--warn-bg'));
    expect(warn, `${theme.name} notice text`).toBeGreaterThanOrEqual(4.5);
  });

  it('draws the toolbar buttons, the Export summary and the help dialog with that edge', () => {
    const rule = (selector: string) => {
      const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return new RegExp(`(^|[},])\\s*${escaped}\\s*[,{][^}]*`, 'm').exec(CSS)?.[0] ?? '';
    };
    for (const selector of ['.toolbar button', '.export-menu summary', '.script-choice select', '.help-close', '.help-dialog']) {
      expect(rule(selector), selector).toMatch(/border:\s*1px solid var\(--control-border\)/);
    }
    // Nothing else undoes it for the toolbar's buttons.
    expect(CSS).not.toMatch(/\.toolbar button[^{]*\{[^}]*border(-color)?:\s*[^;]*var\(--rule\)/);
  });
});
