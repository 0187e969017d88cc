// @vitest-environment jsdom
/**
 * The missing-pages banner and the texts around it (failures.ts), with the real catalogues: which
 * pages it names, that it hides when nothing is missing, "Retry all" vs "Complete now", the busy
 * state, "Jump to the gap" focusing the first missing page's notice, the retried-at line, and the
 * whole-article failure's Retry and "Open the original".
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { failure } from '../pipeline/errors';
import type { FailedPage } from '../pipeline/types';
import { useLocale } from '../../test/support/ui-catalogue';

vi.mock('wxt/browser', () => import('../../test/support/ui-catalogue').then((m) => m.i18nBrowser));

const { clockTime, createFailuresBanner, jumpToGap, missingText, retriedText, showReadFailure } = await import('./failures');
const { renderArticle } = await import('./article-view');

const url = (n: number) => `http://finance.people.com.cn/n1/2024/0510/c1004-40232587${n === 1 ? '' : `-${n}`}.html`;
const failed = (page: number): FailedPage => ({ page, url: url(page), reason: 'HTTP 503 Service Unavailable', failure: failure('http-status', { status: 503, statusText: 'Service Unavailable' }) });

function page(): { content: HTMLElement } {
  document.body.innerHTML = '<main><p id="status"></p><article id="reader-content"></article></main>';
  return { content: document.getElementById('reader-content') as HTMLElement };
}

beforeEach(() => useLocale('en-US', 'en'));

describe('missing pages', () => {
  it('names the missing pages, in order, in each language', () => {
    expect(missingText([failed(3)], 5)).toBe('Page 3 of 5 is missing from this article.');
    expect(missingText([failed(4), failed(2)], 5)).toBe('2 of 5 pages are missing from this article: pages 2, 4.');
    useLocale('zh-CN', 'zh_CN');
    expect(missingText([failed(3)], 5)).toBe('本文缺第3页（共5页）。');
    expect(missingText([failed(4), failed(2)], 5)).toBe('本文缺2页（共5页）：第2、4页。');
  });

  it('a failed retry says it was tried again, when, and why (localized)', () => {
    const at = new Date(2026, 11, 1, 14, 5);
    expect(clockTime(at, 'en')).toBe('14:05');
    expect(retriedText(failed(3), 5, failed(3), at)).toBe('Page 3 of 5: tried again at 14:05 — still failing: the site answered with an error (HTTP 503).');
    useLocale('zh-CN', 'zh_CN');
    expect(retriedText(failed(3), 5, failed(3), at)).toBe('第3页（共5页）：14:05已重试，仍然失败：网站返回错误（HTTP 503）。');
  });

  it('the banner: above the article, hidden with nothing missing, Retry all / Complete now, busy while retrying', () => {
    const { content } = page();
    const retryAll = vi.fn();
    const banner = createFailuresBanner(document, content, { retryAll });
    expect(banner.element.nextElementSibling).toBe(content);
    expect(banner.element.hidden).toBe(true);
    banner.update([failed(3)], 5, 'live');
    expect(banner.element.hidden).toBe(false);
    expect(banner.element.querySelector('.failures-text')?.textContent).toBe('Page 3 of 5 is missing from this article.');
    expect(banner.element.querySelector('.failures-detail')?.textContent).toBe('the site answered with an error (HTTP 503)');
    const retry = banner.element.querySelector<HTMLButtonElement>('#retry-all')!;
    expect(retry.textContent).toBe('Retry all');
    retry.click();
    expect(retryAll).toHaveBeenCalledTimes(1);
    banner.busy(true);
    expect(retry.disabled).toBe(true);
    expect(retry.textContent).toBe('Retrying…');
    banner.busy(false);
    banner.update([failed(3)], 5, 'saved');
    expect(retry.textContent).toBe('Complete now');
    expect(banner.element.querySelector('.failures-detail')?.textContent).toMatch(/Complete now/);
    banner.update([], 5, 'live');
    expect(banner.element.hidden).toBe(true);
    // A saved copy completed: the banner stays to say so, without the missing-page text or buttons.
    banner.note('All pages are in; the saved copy is updated.');
    banner.update([], 5, 'saved');
    expect(banner.element.hidden).toBe(false);
    expect(banner.element.querySelector<HTMLElement>('.failures-text')!.hidden).toBe(true);
    expect(banner.element.querySelector<HTMLElement>('.failures-actions')!.hidden).toBe(true);
    banner.note('');
    expect(banner.element.hidden).toBe(true);
  });

  it('"Jump to the gap" scrolls to and focuses the first missing page\'s notice', () => {
    const { content } = page();
    const pageUrls = [1, 2, 3, 4, 5].map(url);
    renderArticle(
      content,
      {
        title: 't', byline: null, source: null, publishedTime: null, siteName: null, lang: 'zh-CN', dir: 'ltr', url: url(1), pageUrls, pageCount: 5,
        failedPages: [failed(4), failed(2)], textContent: '', excerpt: null, length: 3, site: 'people',
        contentHtml: '<article><section data-page="1"><p>一</p></section><section data-page="3"><p>三</p></section><section data-page="5"><p>五</p></section></article>',
      },
      { onRetry: () => undefined },
    );
    const scrolled: Element[] = [];
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    const banner = createFailuresBanner(document, content, { retryAll: () => undefined });
    banner.update([failed(4), failed(2)], 5, 'live');
    banner.element.querySelector<HTMLButtonElement>('#jump-to-gap')!.click();
    const notice = content.querySelector('[data-failed-page="2"]');
    expect(document.activeElement).toBe(notice);
    expect(scrolled).toEqual([notice]);
    // The notice says the reason in the interface language, and is marked as interface text.
    expect(notice?.getAttribute('lang')).toBe('en');
    expect(notice?.textContent).toContain('Page 2 of 5 could not be loaded: the site answered with an error (HTTP 503).');
    expect(jumpToGap(document.createElement('div'))).toBeNull();
  });

  it('an article that failed entirely: the reason, Retry and "Open the original"', () => {
    page();
    const status = document.getElementById('status') as HTMLElement;
    const retry = vi.fn();
    showReadFailure(status, 'the site answered with an error (HTTP 503)', url(1), { retry });
    expect(status.querySelector('.read-failed-text')?.textContent).toBe('This article could not be read: the site answered with an error (HTTP 503)');
    status.querySelector<HTMLButtonElement>('#retry-read')!.click();
    expect(retry).toHaveBeenCalledTimes(1);
    const original = status.querySelector<HTMLAnchorElement>('#open-original')!;
    expect(original.href).toBe(url(1));
    expect(original.textContent).toBe('Open the original');
  });
});
