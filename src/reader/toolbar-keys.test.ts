/**
 * The reader's toolbar (issue 10, bug 11: `role=toolbar` had no arrow keys and stood in for the
 * banner): a `<header>` banner holding a `role=toolbar` group with a roving tabindex, arrow keys,
 * Home/End; disabled and hidden controls skipped; an open menu's controls left to Tab.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { setUpToolbarKeys } from './toolbar-keys';

const ROOT = path.resolve(import.meta.dirname, '../..');

function readerPage() {
  const html = readFileSync(path.join(ROOT, 'entrypoints/reader/index.html'), 'utf8').replace(/<script[^>]*><\/script>/g, '');
  const { window } = new JSDOM(html);
  return window;
}

const flush = () => new Promise((r) => setTimeout(r, 0));

/** The controls this test knows, in order (other features add buttons of their own to the group). */
const KNOWN = new Set(['save-article', 'toggle-more', 'copy-text', 'copy-markdown', 'copy-html', 'summary', 'open-library', 'toggle-settings']);
const known = (els: HTMLElement[]) => els.map((el) => el.id || el.tagName.toLowerCase()).filter((id) => KNOWN.has(id));

describe('the reader toolbar', () => {
  it('is a banner (the header) holding a role=toolbar group, not a toolbar in its place', () => {
    const doc = readerPage().document;
    const header = doc.querySelector('body > header') as HTMLElement;
    expect(header.hasAttribute('role')).toBe(false);
    const toolbar = header.querySelector('[role="toolbar"]') as HTMLElement;
    expect(toolbar).not.toBeNull();
    expect(toolbar.getAttribute('data-i18n-aria')).toBeTruthy();
    for (const id of ['save-article', 'toggle-more', 'copy-text', 'export-menu', 'toggle-settings']) expect(toolbar.querySelector(`#${id}`), id).not.toBeNull();
  });

  it('has one Tab stop; arrows, Home and End move it, skipping disabled and hidden controls', async () => {
    const window = readerPage();
    const doc = window.document;
    const toolbar = doc.querySelector('[role="toolbar"]') as HTMLElement;
    // jsdom has no layout: "shown" is "not hidden and not the narrow window's ⋯ button".
    const keys = setUpToolbarKeys(toolbar, (el) => !el.closest('[hidden]') && el.id !== 'toggle-more');
    const stops = () => [...toolbar.querySelectorAll<HTMLElement>('button, summary, a[href]')].filter((el) => el.tabIndex === 0 && !el.closest('.export-items') && !el.closest('[hidden]') && !(el as HTMLButtonElement).disabled);
    // Before the article: copy and save disabled, export hidden; the library link and Aa take part.
    expect(known(keys.items())).toEqual(['open-library', 'toggle-settings']);
    expect(stops()).toHaveLength(1);

    // The article arrives: the buttons are enabled; the first control becomes the Tab stop.
    for (const b of toolbar.querySelectorAll<HTMLButtonElement>('button[disabled]')) b.disabled = false;
    (doc.getElementById('export-menu') as HTMLElement).hidden = false;
    await flush();
    expect(known(keys.items())).toEqual(['save-article', 'copy-text', 'copy-markdown', 'copy-html', 'summary', 'open-library', 'toggle-settings']);
    expect(stops().length).toBe(1);
    expect(stops()[0] === keys.items()[0]).toBe(true);

    const press = (key: string) => {
      const event = new window.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
      (doc.activeElement as HTMLElement).dispatchEvent(event);
      return event;
    };
    const items = keys.items();
    const first = items[0] as HTMLElement;
    const last = items[items.length - 1] as HTMLElement;
    const copy = doc.getElementById('copy-text') as HTMLElement;
    copy.focus();
    expect(stops().length).toBe(1);
    expect(stops()[0] === copy).toBe(true);
    expect(press('ArrowRight').defaultPrevented).toBe(true);
    expect(doc.activeElement === items[items.indexOf(copy) + 1]).toBe(true);
    expect(stops().length).toBe(1);
    expect(stops()[0] === doc.activeElement).toBe(true);
    press('ArrowLeft');
    expect(doc.activeElement === copy).toBe(true);
    press('End');
    expect(doc.activeElement === last).toBe(true);
    press('ArrowRight');
    expect(doc.activeElement === first).toBe(true);
    press('ArrowLeft');
    expect(doc.activeElement === last).toBe(true);
    press('Home');
    expect(doc.activeElement === first).toBe(true);
    // A control disabled while it is the stop (Save while saving): the stop moves to one that works.
    copy.focus();
    (copy as HTMLButtonElement).disabled = true;
    await flush();
    expect(stops()).toHaveLength(1);
    expect(keys.items().includes(copy)).toBe(false);
  });

  it('leaves an open menu\'s controls to Tab (the ⋯ menu of a narrow window, the Export items)', async () => {
    const window = readerPage();
    const doc = window.document;
    const toolbar = doc.querySelector('[role="toolbar"]') as HTMLElement;
    for (const b of toolbar.querySelectorAll<HTMLButtonElement>('button[disabled]')) b.disabled = false;
    (doc.getElementById('export-menu') as HTMLElement).hidden = false;
    let narrow = true;
    const keys = setUpToolbarKeys(toolbar, (el) => !el.closest('[hidden]') && (narrow ? !el.closest('#toolbar-more') || doc.getElementById('toggle-more')?.getAttribute('aria-expanded') === 'true' : el.id !== 'toggle-more'));
    expect(known(keys.items())).toEqual(['save-article', 'toggle-more', 'toggle-settings']);
    doc.getElementById('toggle-more')?.setAttribute('aria-expanded', 'true');
    await flush();
    // The menu's controls are out of the arrow-key set and in the Tab order.
    expect(known(keys.items())).toEqual(['save-article', 'toggle-more', 'toggle-settings']);
    for (const id of ['copy-text', 'copy-markdown', 'open-library']) expect((doc.getElementById(id) as HTMLElement).tabIndex, id).toBe(0);
    // Wide window: the Export items inside <details> are never arrow-key items; their summary is.
    narrow = false;
    doc.getElementById('toggle-more')?.setAttribute('aria-expanded', 'false');
    await flush();
    const items = keys.items();
    expect(items.some((el) => el.matches('#export-menu summary'))).toBe(true);
    expect(items.some((el) => el.matches('.export-items button'))).toBe(false);
  });
});
