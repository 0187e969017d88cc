/**
 * The in-page control's focus ring (issue 10, bug 11: light blue #8ab4f8 drawn outside the dark bar,
 * over a white page, was 2.1:1): drawn inside the bar, against the bar and the focused button's
 * tint, at least 3:1 (WCAG 1.4.11), computed from the control's own stylesheet.
 */
import { describe, expect, it } from 'vitest';
import { contrastRatio, mix, parseHex, type Rgb } from '../reader/contrast';
import { CONTROL_STYLE } from './read-all-control';

function rule(selector: string): string {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|\\})\\s*${escaped}\\s*\\{([^}]*)\\}`, 'm').exec(CONTROL_STYLE)?.[2] ?? '';
}

describe('the in-page control\'s focus ring', () => {
  it('sits inside the bar and contrasts ≥ 3:1 with everything next to it', () => {
    const focus = rule('button:focus-visible');
    const outline = /outline:\s*(\d+)px solid (#[0-9a-f]{3,6})/i.exec(focus);
    expect(outline, focus).not.toBeNull();
    expect(Number(outline?.[1])).toBeGreaterThanOrEqual(2);
    const ring = parseHex(outline?.[2] ?? '') as Rgb;
    // Inside the button (negative offset): it never touches the page, whatever the page's colour.
    const offset = Number(/outline-offset:\s*(-?[\d.]+)px/.exec(focus)?.[1] ?? 0);
    expect(offset).toBeLessThan(0);
    const bar = parseHex(/background:\s*(#[0-9a-f]{6})/i.exec(rule('.bar'))?.[1] ?? '') as Rgb;
    // The focused button's tint: rgba(255,255,255,.16) over the bar.
    const tint = /background:\s*rgba\(255,\s*255,\s*255,\s*([\d.]+)\)/.exec(rule('button:hover, button:focus-visible'));
    const focusedFill = mix([255, 255, 255], bar, Number(tint?.[1] ?? 0));
    for (const [name, against] of [['bar', bar], ['focused button', focusedFill]] as const) {
      const ratio = contrastRatio(ring, against);
      expect(ratio, `${name}: ${ratio.toFixed(2)}`).toBeGreaterThanOrEqual(3);
    }
  });
});
