/**
 * The in-page control cannot be pressed by the page (issue 12, item 12: a page's own script opened
 * five reader tabs): its shadow root is closed and only trusted clicks count. A real person's click
 * (trusted) is checked in real browsers (test/e2e/extension.e2e.test.ts).
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { CONTROL_TAG, controlLabel, pageLanguage, showReadAllControl } from './read-all-control';

describe('showReadAllControl', () => {
  it('closes its shadow root to the page and ignores clicks a script dispatched', () => {
    const { window } = new JSDOM('<!doctype html><body>');
    const doc = window.document;
    // The test (not the page) keeps the root the control attaches, to press its buttons.
    let root: ShadowRoot | null = null;
    const attach = window.Element.prototype.attachShadow;
    window.Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
      root = attach.call(this, init);
      return root;
    };
    const onOpen = vi.fn();
    const onIntent = vi.fn();
    const host = showReadAllControl(doc, { pageCount: 4, lang: 'en', onOpen, onIntent });
    expect(doc.querySelector(CONTROL_TAG)).toBe(host);
    expect(host.dataset.label).toBe('Read all 4 pages');
    // What the page sees: no shadow root to reach into.
    expect(host.shadowRoot).toBeNull();
    const shadow = root as unknown as ShadowRoot;
    expect(shadow.mode).toBe('closed');
    const open = shadow.querySelector('button.open') as HTMLButtonElement;
    expect(open.textContent).toBe('Read all 4 pages');
    // Script clicks (isTrusted false), however many: nothing opens, nothing is dismissed.
    for (let i = 0; i < 5; i++) open.click();
    open.dispatchEvent(new window.MouseEvent('click', { bubbles: true }));
    host.click();
    (shadow.querySelector('button.close') as HTMLButtonElement).click();
    expect(onOpen).not.toHaveBeenCalled();
    // Nor does a script's hover make the tab extract its page for a reader (the button's focus
    // cannot come from the page's scripts: the shadow root is closed to them).
    open.dispatchEvent(new window.Event('pointerenter'));
    open.dispatchEvent(new window.MouseEvent('mouseover', { bubbles: true }));
    expect(onIntent).not.toHaveBeenCalled();
    expect(host.isConnected).toBe(true);
  });
});

describe('the control speaks the page’s script', () => {
  const docOf = (html: string, options: ConstructorParameters<typeof JSDOM>[1] = {}) => new JSDOM(html, options).window.document;

  it.each([
    ['<html lang="zh-TW"><title>x</title>', 'zh-Hant'],
    ['<html lang="zh-hk"><title>x</title>', 'zh-Hant'],
    ['<html lang="zh-Hant-TW"><title>x</title>', 'zh-Hant'],
    ['<html lang="zh_TW"><title>x</title>', 'zh-Hant'],
    ['<html lang="zh-CN"><title>國務院</title>', 'zh'],
    ['<html lang="zh"><title>x</title>', 'zh'],
    ['<html lang="en"><title>国务院</title>', 'en'],
    ['<html><title>国务院新闻办公室发表白皮书</title>', 'zh'],
    ['<html><title>國務院新聞辦公室發表白皮書</title>', 'zh-Hant'],
    ['<html><title>Full text of the white paper</title>', 'en'],
  ])('%s → %s', (html, lang) => {
    expect(pageLanguage(docOf(html))).toBe(lang);
  });

  it('a Big5 page is Traditional even when it says zh-cn (Xinhua’s big5 gateway keeps the Simplified page’s lang)', () => {
    const html = '<html lang="zh-cn"><meta charset="big5"><title>新華網</title><h1>x</h1>';
    const doc = docOf(Buffer.from(html) as unknown as string, { contentType: 'text/html' });
    expect(doc.characterSet).toBe('Big5');
    expect(pageLanguage(doc)).toBe('zh-Hant');
    // The same page in GBK stays Simplified.
    const gbk = docOf(Buffer.from(html.replace('big5', 'gbk')) as unknown as string, { contentType: 'text/html' });
    expect(gbk.characterSet).toBe('GBK');
    expect(pageLanguage(gbk)).toBe('zh');
  });

  it('the big5 gateway’s URL marks a page Traditional whatever its bytes were decoded as', () => {
    const doc = docOf('<html lang="zh-cn"><title>x</title>', {
      url: 'http://big5.xinhuanet.com/gate/big5/news.xinhuanet.com/food/2012-01/16/c_122592817_4.htm',
    });
    expect(pageLanguage(doc)).toBe('zh-Hant');
  });

  it.each([
    ['en', 'Read all 5 pages', 'Dismiss'],
    ['zh', '阅读全文（共5页）', '关闭'],
    ['zh-Hant', '閱讀全文（共5頁）', '關閉'],
  ] as const)('%s: label and dismiss button', (lang, label, dismiss) => {
    const { window } = new JSDOM('<!doctype html><body>');
    let root: ShadowRoot | null = null;
    const attach = window.Element.prototype.attachShadow;
    window.Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
      root = attach.call(this, init);
      return root;
    };
    const host = showReadAllControl(window.document, { pageCount: 5, lang, onOpen: () => undefined });
    expect(host.dataset.label).toBe(label);
    expect(controlLabel(5, lang)).toBe(label);
    const shadow = root as unknown as ShadowRoot;
    expect(shadow.querySelector('button.open')?.textContent).toBe(label);
    expect(shadow.querySelector('button.close')?.getAttribute('aria-label')).toBe(dismiss);
  });
});
