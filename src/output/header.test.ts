import { describe, expect, it } from 'vitest';
import { displayDate } from './display';
import { metaLine } from './header';

describe('metaLine and displayDate', () => {
  it('does not repeat a source the byline names, and shows dates without seconds', () => {
    expect(metaLine({ byline: '人民日报记者 张三', source: '人民日报', publishedTime: null, siteName: null })).toBe('人民日报记者 张三');
    expect(metaLine({ byline: null, source: null, publishedTime: '2019-12-10T00:00:00+08:00', siteName: 'Xinhua' })).toBe('Xinhua · 2019-12-10');
    expect(displayDate('2019-12-10T16:05:32+08:00')).toBe('2019-12-10 16:05');
  });
});
