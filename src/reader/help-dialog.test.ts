/**
 * The keyboard help (issue 10, bug 10: `?` scrolled a long article to the bottom): a dialog with the
 * footer's shortcuts list, focus moved in and kept there, closed by Esc, its button or `?`, focus
 * back where it was.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { HELP_DIALOG_ID, setUpHelpDialog } from './help-dialog';
import { bindShortcuts } from './shortcuts';

const PAGE = `<!doctype html><body>
  <button id="toggle-settings">Aa</button>
  <footer id="shortcuts"><details><summary>Keyboard shortcuts</summary><dl>
    <dt><kbd>t</kbd></dt><dd>Theme</dd>
    <dt><kbd>?</kbd></dt><dd>Help</dd>
  </dl></details></footer>`;

function setUp() {
  const { window } = new JSDOM(PAGE);
  const doc = window.document;
  const help = setUpHelpDialog(doc);
  bindShortcuts(doc, { '?': () => help.toggle() }, { enabled: () => true });
  const key = (key: string, target: Element = doc.activeElement ?? doc.body, init: KeyboardEventInit = {}) => {
    const event = new window.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
    target.dispatchEvent(event);
    return event;
  };
  return { window, doc, help, key };
}

describe('setUpHelpDialog', () => {
  it('opens on ? as a labelled dialog with the footer\'s list, a shortcut added later included', () => {
    const { doc, help, key } = setUp();
    // Another feature adds its shortcut to the footer list after start-up.
    doc.querySelector('#shortcuts dl')?.insertAdjacentHTML('beforeend', '<dt><kbd>l</kbd></dt><dd>Listen</dd>');
    key('?');
    expect(help.isOpen()).toBe(true);
    const dialog = doc.getElementById(HELP_DIALOG_ID) as HTMLDialogElement;
    expect(dialog.tagName).toBe('DIALOG');
    const title = doc.getElementById(dialog.getAttribute('aria-labelledby') ?? '');
    expect(title?.textContent).toBeTruthy();
    const keys = [...dialog.querySelectorAll('dt kbd')].map((k) => k.textContent);
    expect(keys).toEqual(['t', '?', 'l']);
    expect([...dialog.querySelectorAll('dd')].map((d) => d.textContent)).toEqual(['Theme', 'Help', 'Listen']);
    expect(doc.documentElement.dataset.help).toBe('open');
  });

  it('moves focus into the dialog, keeps Tab there, and gives it back on Esc', () => {
    const { doc, help, key } = setUp();
    const opener = doc.getElementById('toggle-settings') as HTMLButtonElement;
    opener.focus();
    key('?', opener);
    const dialog = help.element;
    expect(dialog.contains(doc.activeElement)).toBe(true);
    // One control inside (the close button): Tab and Shift+Tab stay on it.
    const tab = key('Tab', doc.activeElement as Element);
    expect(tab.defaultPrevented).toBe(true);
    expect(dialog.contains(doc.activeElement)).toBe(true);
    key('Tab', doc.activeElement as Element, { shiftKey: true });
    expect(dialog.contains(doc.activeElement)).toBe(true);
    key('Escape', doc.activeElement as Element);
    expect(help.isOpen()).toBe(false);
    expect(doc.activeElement).toBe(opener);
    expect(doc.documentElement.dataset.help).toBeUndefined();
  });

  it('closes with its button and with ? again, focus back each time', () => {
    const { doc, help, key } = setUp();
    const opener = doc.getElementById('toggle-settings') as HTMLButtonElement;
    opener.focus();
    help.open();
    (help.element.querySelector('.help-close') as HTMLButtonElement).click();
    expect(help.isOpen()).toBe(false);
    expect(doc.activeElement).toBe(opener);
    key('?', opener);
    expect(help.isOpen()).toBe(true);
    key('?', doc.activeElement as Element);
    expect(help.isOpen()).toBe(false);
    expect(doc.activeElement).toBe(opener);
  });
});
