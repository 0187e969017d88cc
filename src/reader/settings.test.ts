import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, LIMITS, nextTheme, normalizeSettings } from './settings';

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
  it('cycles system → light → sepia → dark → system', () => {
    expect(['system', 'light', 'sepia', 'dark'].map((t) => nextTheme(t as never))).toEqual(['light', 'sepia', 'dark', 'system']);
  });
});
