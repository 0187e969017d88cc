/**
 * The reader's single-key shortcuts: which key presses they may take, and the one listener that
 * runs them. The keys and what they do are the `actions` map of `setUpShortcuts` (reader-app.ts),
 * the one place shortcuts live; the footer list in index.html names them and the help dialog
 * (help-dialog.ts) shows that list.
 *
 * A key press is a shortcut only when no modifier is held (Ctrl+C stays the browser's copy), it is
 * not typed into a field, not part of an input method's composition (Pinyin, Zhuyin), and, for
 * letters, not a held key repeating (holding `c` copies once). Single-key shortcuts can be turned
 * off (`shortcuts` setting, WCAG 2.1.4): then no character key does anything.
 */

export type ShortcutActions = Record<string, () => void>;

export interface ShortcutOptions {
  /** Whether single-key shortcuts are on (the `shortcuts` setting, read at each key press). */
  enabled(): boolean;
}

/** Where typing is typing: a shortcut never fires there. */
const TYPING_SELECTOR = 'input, select, textarea, [contenteditable]:not([contenteditable="false"])';

/** The key a press would run as a shortcut, or null when it is not one (see the module's note). */
export function shortcutKey(event: KeyboardEvent): string | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return null;
  // keyCode 229: the input method has the key (older browsers leave isComposing false on it).
  if (event.isComposing || event.key === 'Process' || event.keyCode === 229) return null;
  const target = event.target as Element | null;
  if (typeof target?.closest === 'function' && target.closest(TYPING_SELECTOR)) return null;
  const key = event.key;
  if (event.repeat && /^\p{L}$/u.test(key)) return null;
  return key;
}

/** Whether a modal `<dialog>` is open (a non-modal `<dialog open>` panel does not stop shortcuts). */
function modalOpen(doc: Document): boolean {
  for (const dialog of doc.querySelectorAll('dialog[open]')) {
    try {
      if (dialog.matches(':modal')) return true;
    } catch {
      // No :modal (jsdom): an open dialog counts as modal.
      return true;
    }
  }
  return false;
}

/**
 * Runs `actions[key]` for shortcut key presses on `doc`. While a modal dialog is open only `?`
 * (the help dialog's own key) gets through; Esc is the dialog's.
 */
export function bindShortcuts(doc: Document, actions: ShortcutActions, options: ShortcutOptions): void {
  doc.addEventListener('keydown', (event) => {
    const key = shortcutKey(event);
    if (key === null || !options.enabled()) return;
    if (!Object.hasOwn(actions, key)) return;
    if (key !== '?' && modalOpen(doc)) return;
    event.preventDefault();
    actions[key]?.();
  });
}
