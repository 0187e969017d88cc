import { describe, expect, it } from 'vitest';
import { expectMaps } from '../../test/support/maps';
import { displayDate, formatBytes, formatSavedDate, formatSavedDateTime } from './display';

describe('displayDate', () => {
  it('shows dates plainly', () => {
    expectMaps(displayDate, [['2013-09-10T08:35:00+08:00', '2013-09-10 08:35'], ['2013-09-10T00:35:00.000Z', '2013-09-10 00:35 UTC'], ['2013-09-10', '2013-09-10']]);
  });
});

describe('formatBytes', () => {
  it('says sizes in B, KB, MB with one decimal under 100 and no ".0"', () => {
    expectMaps(formatBytes, [[300, '300 B'], [1234567, '1.2 MB'], [20 * 1024 * 1024, '20 MB'], [150 * 1024, '150 KB']]);
  });
});

describe('formatSavedDate and formatSavedDateTime', () => {
  // 1 December 2026 in the machine's zone: the month is named, so the date cannot be misread.
  const at = new Date(2026, 11, 1, 14, 5).getTime();
  it('names the month in each interface language', () => {
    expect(formatSavedDate(at, 'en')).toBe('1 Dec 2026');
    expect(formatSavedDate(at, 'zh-CN')).toBe('2026年12月1日');
    expect(formatSavedDate(at, 'zh-TW')).toBe('2026年12月1日');
    expect(formatSavedDateTime(at, 'en')).toBe('1 Dec 2026, 14:05');
    expect(formatSavedDateTime(at, 'zh-CN')).toBe('2026年12月1日 14:05');
  });
});
