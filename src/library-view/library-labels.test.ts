// @vitest-environment jsdom
/**
 * What the library list says of each saved copy, with the real catalogues: a partial copy says
 * how many pages it lacks ("1 page missing" / 缺 1 页), a site with a rule is named once in the
 * interface language (never 新华网 in an English list), dates name their month.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { failure } from '../pipeline/errors';
import { ui, useLocale } from '../../test/support/ui-catalogue';

vi.mock('wxt/browser', () => import('../../test/support/ui-catalogue').then((m) => m.i18nBrowser));

const { listSiteName, missingPagesLabel, mountLibraryList } = await import('./library-list');
const { sharedLibrary } = await import('../library/shared-library');
const { testArticle } = await import('../../test/support/library-articles');

beforeEach(() => {
  useLocale('en-US', 'en');
});

describe('library list labels', () => {
  it('missing pages, in each language', () => {
    expect(missingPagesLabel({})).toBeNull();
    expect(missingPagesLabel({ missingPages: 1 })).toBe('1 page missing');
    expect(missingPagesLabel({ missingPages: 3 })).toBe('3 pages missing');
    useLocale('zh-CN', 'zh_CN');
    expect(missingPagesLabel({ missingPages: 1 })).toBe('缺 1 页');
    useLocale('zh-TW', 'zh_TW');
    expect(missingPagesLabel({ missingPages: 2 })).toBe('缺 2 頁');
  });

  it('one site name per interface language', () => {
    expect(listSiteName({ site: 'xinhua', siteName: '新华网' })).toBe('Xinhua');
    expect(listSiteName({ site: 'people', siteName: '人民网' })).toBe("People's Daily");
    expect(listSiteName({ site: 'generic', siteName: 'China News' })).toBe('China News');
    expect(listSiteName({ site: 'generic', siteName: null })).toBe('Web page');
    ui.lang = 'zh-CN';
    expect(listSiteName({ site: 'xinhua', siteName: 'Xinhua' })).toBe('新华网');
  });

  it('the list shows the label on a partial copy only, with the site and an unambiguous date', async () => {
    const library = await sharedLibrary();
    const whole = testArticle(1, { savedAt: Date.UTC(2026, 11, 1, 9) });
    const partial = testArticle(2, {
      savedAt: Date.UTC(2026, 0, 12, 9),
      failedPages: [{ page: 2, url: 'http://culture.people.com.cn/n1/2022/0213/c1013-32350002-2.html', reason: 'HTTP 503', failure: failure('http-status', { status: 503 }) }],
    });
    await library.put(whole, []);
    await library.put(partial, []);
    document.body.innerHTML = '<div id="library"></div>';
    (globalThis as { navigator?: unknown }).navigator ??= {};
    await mountLibraryList(document, { container: document.getElementById('library') as HTMLElement });
    const item = (id: string) => document.querySelector<HTMLElement>(`li.library-item[data-id="${id}"]`)!;
    expect(item(partial.id).dataset.missingPages).toBe('1');
    expect(item(partial.id).querySelector('.library-missing')?.textContent).toBe('1 page missing');
    expect(item(whole.id).querySelector('.library-missing')).toBeNull();
    const meta = item(partial.id).querySelector('.library-meta')?.textContent ?? '';
    expect(meta).toMatch(/^People's Daily · 2 pages · 12 Jan 2026 · /);
    expect(item(whole.id).querySelector('.library-meta')?.textContent).toContain('1 Dec 2026');
    library.close();
  });
});
