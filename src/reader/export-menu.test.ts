/**
 * The Export menu (issue 10, bug 10: it stayed open after other clicks): closed after a choice, by a
 * click anywhere outside, by focus leaving it and by Esc (focus back on its summary); Up/Down move
 * between its items.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { setUpExportMenu } from './export-menu';

function setUp() {
  const { window } = new JSDOM(`<!doctype html><body>
    <span id="copy-status"></span>
    <div id="toolbar-more">
      <details id="export-menu" class="export-menu"><summary>Export</summary><div class="export-items">
        <button type="button" data-export="markdown">Markdown</button>
        <button type="button" data-export="text">Text</button>
        <button type="button" data-export="epub">EPUB</button>
      </div></details>
      <button id="outside">Settings</button>
    </div>
    <p id="para">text</p>`);
  const doc = window.document;
  // Not saved yet: a choice closes the menu and exports nothing (no library in this test).
  setUpExportMenu(doc, () => null);
  const menu = doc.getElementById('export-menu') as HTMLDetailsElement;
  const key = (key: string) => {
    const event = new window.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    (doc.activeElement as HTMLElement).dispatchEvent(event);
    return event;
  };
  return { window, doc, menu, key };
}

describe('setUpExportMenu', () => {
  it('closes after a choice, focus back on its summary', () => {
    const { doc, menu } = setUp();
    menu.open = true;
    const item = menu.querySelector('button[data-export="text"]') as HTMLButtonElement;
    item.focus();
    item.click();
    expect(menu.open).toBe(false);
    expect(doc.activeElement === menu.querySelector('summary')).toBe(true);
  });

  it('closes on a click anywhere outside it, not on a click inside', () => {
    const { doc, menu } = setUp();
    menu.open = true;
    (menu.querySelector('.export-items') as HTMLElement).click();
    expect(menu.open).toBe(true);
    (doc.getElementById('para') as HTMLElement).click();
    expect(menu.open).toBe(false);
    menu.open = true;
    (doc.getElementById('outside') as HTMLElement).click();
    expect(menu.open).toBe(false);
  });

  it('closes when focus leaves it (Tab past the last item)', () => {
    const { doc, menu } = setUp();
    menu.open = true;
    (menu.querySelector('button[data-export="epub"]') as HTMLButtonElement).focus();
    (doc.getElementById('outside') as HTMLButtonElement).focus();
    expect(menu.open).toBe(false);
  });

  it('Esc closes only the menu (the ⋯ menu around it hears nothing), focus on the summary; Up/Down move', () => {
    const { doc, menu, key } = setUp();
    let outerHeard = false;
    doc.getElementById('toolbar-more')?.addEventListener('keydown', (e) => (outerHeard ||= (e as KeyboardEvent).key === 'Escape'));
    const summary = menu.querySelector('summary') as HTMLElement;
    summary.focus();
    key('ArrowDown');
    expect(menu.open).toBe(true);
    expect((doc.activeElement as HTMLElement).dataset.export).toBe('markdown');
    key('ArrowDown');
    expect((doc.activeElement as HTMLElement).dataset.export).toBe('text');
    key('ArrowUp');
    key('ArrowUp');
    expect((doc.activeElement as HTMLElement).dataset.export).toBe('epub');
    const esc = key('Escape');
    expect(esc.defaultPrevented).toBe(true);
    expect(menu.open).toBe(false);
    expect(doc.activeElement === summary).toBe(true);
    expect(outerHeard).toBe(false);
  });
});
