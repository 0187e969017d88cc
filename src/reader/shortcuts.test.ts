/**
 * Single-key shortcuts (issue 10, bug 10): the off switch, no modifiers, nothing typed into a field
 * or an input method's composition, a held letter runs once, and only `?` while a dialog is open.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { bindShortcuts } from './shortcuts';

function setUp(enabled = { on: true }) {
  const { window } = new JSDOM('<!doctype html><body><input id="field"><button id="b">b</button><dialog id="d"></dialog>');
  const doc = window.document;
  const ran: string[] = [];
  bindShortcuts(doc, { c: () => ran.push('c'), '+': () => ran.push('+'), '?': () => ran.push('?') }, { enabled: () => enabled.on });
  const press = (key: string, init: KeyboardEventInit & { keyCode?: number } = {}, target: Element = doc.body) => {
    const event = new window.KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
    if (init.keyCode !== undefined) Object.defineProperty(event, 'keyCode', { value: init.keyCode });
    target.dispatchEvent(event);
    return event;
  };
  return { doc, ran, press };
}

describe('bindShortcuts', () => {
  it('runs the action of a plain key press and takes the key from the page', () => {
    const { ran, press } = setUp();
    const event = press('c');
    expect(ran).toEqual(['c']);
    expect(event.defaultPrevented).toBe(true);
    // A key with no action is left alone.
    expect(press('x').defaultPrevented).toBe(false);
  });

  it('does nothing with a modifier held (Ctrl+C is the browser\'s copy)', () => {
    const { ran, press } = setUp();
    for (const mod of ['ctrlKey', 'metaKey', 'altKey'] as const) press('c', { [mod]: true });
    expect(ran).toEqual([]);
  });

  it('does nothing while typing in a field, or while an input method composes', () => {
    const { doc, ran, press } = setUp();
    press('c', {}, doc.getElementById('field') as Element);
    press('c', { isComposing: true });
    press('Process');
    press('c', { keyCode: 229 });
    expect(ran).toEqual([]);
    // A button has focus: still a shortcut.
    press('c', {}, doc.getElementById('b') as Element);
    expect(ran).toEqual(['c']);
  });

  it('runs a held letter once (its repeats are ignored); + repeats', () => {
    const { ran, press } = setUp();
    press('c');
    press('c', { repeat: true });
    press('c', { repeat: true });
    press('+');
    press('+', { repeat: true });
    expect(ran).toEqual(['c', '+', '+']);
  });

  it('switched off: no character key does anything, and the key stays the page\'s', () => {
    const state = { on: false };
    const { ran, press } = setUp(state);
    expect(press('c').defaultPrevented).toBe(false);
    press('?');
    press('+');
    expect(ran).toEqual([]);
    // Read at each press: turned back on, it works at once.
    state.on = true;
    press('c');
    expect(ran).toEqual(['c']);
  });

  it('while a modal dialog is open only ? gets through; an open non-modal one stops nothing', () => {
    const { doc, ran, press } = setUp();
    const dialog = doc.getElementById('d') as HTMLDialogElement;
    dialog.setAttribute('open', '');
    press('c');
    expect(ran).toEqual(['c']);
    // jsdom has no showModal: the dialog says it is modal as a browser's would after showModal().
    const matches = dialog.matches.bind(dialog);
    dialog.matches = (selector: string) => selector === ':modal' || matches(selector);
    press('c');
    press('?');
    expect(ran).toEqual(['c', '?']);
  });
});

describe('the shortcuts setting', () => {
  it('is on by default, kept when stored, and a broken value falls back to on', async () => {
    const { DEFAULT_SETTINGS, normalizeSettings } = await import('./settings');
    expect(DEFAULT_SETTINGS.shortcuts).toBe(true);
    expect(normalizeSettings({ shortcuts: false }).shortcuts).toBe(false);
    expect(normalizeSettings({ shortcuts: 'no' }).shortcuts).toBe(true);
    expect(normalizeSettings(undefined).shortcuts).toBe(true);
  });
});
