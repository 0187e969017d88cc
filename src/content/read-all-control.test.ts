/**
 * The in-page control cannot be pressed by the page (issue 12, item 12: a page's own script opened
 * five reader tabs): its shadow root is closed and only trusted clicks count. A real person's click
 * (trusted) is checked in real browsers (test/e2e: chromium.e2e.test.ts, firefox.e2e.test.ts).
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { CONTROL_TAG, showReadAllControl } from './read-all-control';

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
    const host = showReadAllControl(doc, { pageCount: 4, lang: 'en', onOpen });
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
    expect(host.isConnected).toBe(true);
  });
});
