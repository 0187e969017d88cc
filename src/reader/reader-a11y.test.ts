/**
 * The article as a screen reader meets it (issue 10, bug 11): no focusable link inside an
 * aria-hidden container (11 "Page N" links were), the reader's own words in the interface's `lang`
 * over an article in another language, and an `alt` on every image (its caption's words, or empty).
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { WholeArticle } from '../pipeline/types';
import { wholeArticle } from '../../test/support/whole-article';
import { addPageMarkers, renderArticle } from './article-view';
import { announceArticleShown } from './article-shown';
import { captionOf, describeImages, setUpReaderA11y } from './reader-a11y';

function article(): WholeArticle {
  const pageUrls = [1, 2, 3].map((n) => `http://world.people.com.cn/n1/2023/0412/c1002-3237${n}.html`);
  return wholeArticle({
    title: '夜行列车',
    pageUrls,
    failedPages: [{ page: 3, url: pageUrls[2]!, reason: 'HTTP 503' }],
    contentHtml:
      '<article><section data-page="1"><p><img src="http://world.people.com.cn/a.jpg"></p><p>新华社记者 金立旺 摄</p><p>第一页。</p>' +
      '<figure><img src="http://world.people.com.cn/b.jpg"><figcaption>图为夜行列车驶出山谷。</figcaption></figure>' +
      '<p><img src="http://world.people.com.cn/c.jpg" alt="山谷"></p><p><img src="http://world.people.com.cn/d.jpg"></p><p>第一页第二段，很长的正文。</p></section>' +
      '<section data-page="2"><p>第二页。</p></section></article>',
    length: 3,
  });
}

/** What a keyboard can reach: links with href, buttons, fields, tabindex ≥ 0. */
const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';

function setUp() {
  const { window } = new JSDOM('<!doctype html><html lang="en"><body><article id="reader-content"></article>');
  const doc = window.document;
  setUpReaderA11y(doc);
  const root = doc.getElementById('reader-content') as HTMLElement;
  renderArticle(root, article(), { onRetry: () => undefined });
  return { window, doc, root };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the article for a screen reader', () => {
  it('has no focusable element inside an aria-hidden container; page markers are read and reachable', () => {
    const { root } = setUp();
    const markers = [...root.querySelectorAll('.page-marker')];
    expect(markers.length).toBeGreaterThan(0);
    for (const el of root.querySelectorAll(FOCUSABLE)) {
      if ((el as HTMLElement).tabIndex < 0) continue;
      expect(el.closest('[aria-hidden="true"]'), el.outerHTML).toBeNull();
    }
    for (const marker of markers) {
      expect(marker.getAttribute('aria-hidden')).toBeNull();
      expect(marker.querySelector('a[href]')?.textContent).toBeTruthy();
    }
    // Markers put in again after a Retry keep that.
    addPageMarkers(root.querySelector('.article-body') as HTMLElement, article().pageUrls);
    for (const marker of root.querySelectorAll('.page-marker')) expect(marker.closest('[aria-hidden]')).toBeNull();
  });

  it('gives the reader\'s own words the interface\'s lang, not the article\'s', async () => {
    const { doc, root } = setUp();
    await flush();
    expect(root.lang).toBe('zh-CN');
    const own = [...root.querySelectorAll('.page-marker, .page-failed, .article-original')];
    expect(own.length).toBe(3);
    for (const el of own) expect(el.getAttribute('lang'), el.className).toBe('en');
    // The article's own text is not touched.
    expect(root.querySelector('h1')?.hasAttribute('lang')).toBe(false);
    expect(root.querySelector('section')?.hasAttribute('lang')).toBe(false);
    // A notice or banner another feature puts in later gets it too.
    const banner = doc.createElement('div');
    banner.setAttribute('data-reader-ui', '');
    banner.textContent = '1 page missing';
    root.querySelector('.article-body')?.prepend(banner);
    await flush();
    expect(banner.getAttribute('lang')).toBe('en');
  });

  it('gives every image an alt: its caption\'s words, or empty (decorative); an alt it had is kept', async () => {
    const { doc, root } = setUp();
    await flush();
    const alts = [...root.querySelectorAll('img')].map((img) => img.getAttribute('alt'));
    expect(alts).toEqual(['新华社记者 金立旺 摄', '图为夜行列车驶出山谷。', '山谷', '']);
    // On the shown signal as well (a saved copy, a page put in by Retry).
    const img = doc.createElement('img');
    root.querySelector('section')?.append(img);
    img.removeAttribute('alt');
    expect(describeImages(root)).toBe(1);
    expect(img.getAttribute('alt')).toBe('');
    announceArticleShown(doc, { article: article(), source: 'network', savedId: null, change: 'article' });
    expect(root.querySelectorAll('img:not([alt])')).toHaveLength(0);
  });

  it('finds the caption of a photo inside a <span> and one in the same block', () => {
    const { window } = new JSDOM('<!doctype html><body><div class="b"><p><span><img id="a"></span></p><p class="reader-caption">图为山谷</p><p class="reader-caption"><img id="b"><br>新华社发</p></div>');
    const doc = window.document;
    expect(captionOf(doc.getElementById('a') as Element)).toBe('图为山谷');
    expect(captionOf(doc.getElementById('b') as Element)).toBe('新华社发');
  });
});
