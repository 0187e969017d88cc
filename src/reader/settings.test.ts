import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, FONT_WEIGHTS, LIMITS, nextTheme, normalizeSettings, stepDecimals, TEXT_ALIGNS, THEMES } from './settings';

describe('normalizeSettings', () => {
  it('gives the defaults for nothing stored', () => {
    expect(normalizeSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings('junk')).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps valid values and clamps or replaces the rest', () => {
    const s = normalizeSettings({ theme: 'dark', fontFamily: 'kai', fontSize: 99, lineHeight: 0.5, width: 40, pageMarkers: false, copyHeader: 'yes', autoOpen: true });
    expect(s).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', fontFamily: 'kai', fontSize: LIMITS.fontSize.max, lineHeight: LIMITS.lineHeight.min, width: 40, pageMarkers: false, autoOpen: true });
    expect(normalizeSettings({ theme: 'neon', fontFamily: 'comic' })).toMatchObject({ theme: 'system', fontFamily: 'sans' });
  });
});

describe('nextTheme', () => {
  it('cycles system → light → sepia → dark → high contrast (light, dark) → custom → system', () => {
    expect(THEMES.map((t) => nextTheme(t))).toEqual(['light', 'sepia', 'dark', 'contrast', 'contrastDark', 'custom', 'system']);
  });
});

describe('normalizeSettings: typography (issue 11 item 5)', () => {
  it('loads settings stored before the typography fields with their defaults, keeping the old values', () => {
    const old = { theme: 'sepia', fontFamily: 'serif', fontSize: 22, lineHeight: 2, width: 40, pageMarkers: false, copyHeader: true, autoOpen: true };
    const s = normalizeSettings(old);
    expect(s).toMatchObject(old);
    expect(s).toMatchObject({ textAlign: 'auto', letterSpacing: 0, paragraphSpacing: 1, textIndent: false, fontWeight: 400, customText: DEFAULT_SETTINGS.customText, customBackground: DEFAULT_SETTINGS.customBackground });
  });

  it('ignores fields it does not know and keeps the ones it does', () => {
    const s = normalizeSettings({ fontSize: 20, someFutureField: 'x', textIndent: true });
    expect(s).not.toHaveProperty('someFutureField');
    expect(s.fontSize).toBe(20);
    expect(s.textIndent).toBe(true);
  });

  it('takes the known alignments and weights only', () => {
    for (const a of TEXT_ALIGNS) expect(normalizeSettings({ textAlign: a }).textAlign).toBe(a);
    for (const w of FONT_WEIGHTS) expect(normalizeSettings({ fontWeight: w }).fontWeight).toBe(w);
    expect(normalizeSettings({ textAlign: 'center' }).textAlign).toBe('auto');
    expect(normalizeSettings({ fontWeight: 450 }).fontWeight).toBe(400);
    expect(normalizeSettings({ fontWeight: '300' }).fontWeight).toBe(400);
    expect(normalizeSettings({ textIndent: 'yes' }).textIndent).toBe(false);
  });

  it('clamps character and paragraph spacing to their limits and steps', () => {
    expect(normalizeSettings({ letterSpacing: 0.05 }).letterSpacing).toBe(0.05);
    expect(normalizeSettings({ letterSpacing: 0.054 }).letterSpacing).toBe(0.05);
    expect(normalizeSettings({ letterSpacing: 0.056 }).letterSpacing).toBe(0.06);
    expect(normalizeSettings({ letterSpacing: -1 }).letterSpacing).toBe(LIMITS.letterSpacing.min);
    expect(normalizeSettings({ letterSpacing: 3 }).letterSpacing).toBe(LIMITS.letterSpacing.max);
    expect(normalizeSettings({ letterSpacing: Number.NaN }).letterSpacing).toBe(0);
    expect(normalizeSettings({ paragraphSpacing: 0.75 }).paragraphSpacing).toBe(0.8);
    expect(normalizeSettings({ paragraphSpacing: 9 }).paragraphSpacing).toBe(LIMITS.paragraphSpacing.max);
    expect(normalizeSettings({ paragraphSpacing: '1.5' }).paragraphSpacing).toBe(1);
    // Values on the steps of every slider come back as they went in (no 0.30000000000000004).
    for (const [name, limit] of Object.entries(LIMITS)) {
      for (let v = limit.min; v <= limit.max + 1e-9; v += limit.step) {
        const shown = Number(v.toFixed(stepDecimals(limit.step)));
        expect(normalizeSettings({ [name]: shown })[name as keyof typeof LIMITS], `${name} ${shown}`).toBe(shown);
      }
    }
    expect(normalizeSettings({ width: 37 }).width).toBe(38);
  });

  it('takes custom colours as #rrggbb only, lower-cased', () => {
    expect(normalizeSettings({ customText: '#AABBCC', customBackground: '#000000' })).toMatchObject({ customText: '#aabbcc', customBackground: '#000000' });
    for (const bad of ['red', '#abc', 'url(x)', '#12345g', 12, null]) {
      expect(normalizeSettings({ customText: bad }).customText).toBe(DEFAULT_SETTINGS.customText);
    }
    expect(normalizeSettings({ theme: 'contrast' }).theme).toBe('contrast');
    expect(normalizeSettings({ theme: 'contrastDark' }).theme).toBe('contrastDark');
    expect(normalizeSettings({ theme: 'custom' }).theme).toBe('custom');
  });

  it('the defaults are their own normal form', () => {
    expect(normalizeSettings(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings({})).toEqual(DEFAULT_SETTINGS);
  });
});

describe('stepDecimals', () => {
  it('counts the decimals of a step', () => {
    expect([1, 2, 0.1, 0.01, 0.25].map(stepDecimals)).toEqual([0, 0, 1, 2, 2]);
  });
});
