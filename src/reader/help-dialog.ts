/**
 * The keyboard help (`?`): a modal `<dialog>` with the shortcuts table. The table is the footer's
 * list (`#shortcuts dl` in index.html, one `<dt>/<dd>` per entry of the `actions` map), copied in
 * each time the dialog opens, so a shortcut added there shows up here too. Focus moves into the
 * dialog and stays there (Tab wraps); Esc, the close button, a click on the backdrop or `?` again
 * close it, and focus goes back where it was.
 */
import { t } from '../ui-text';
import { element, iconButton } from './ui-elements';

export const HELP_DIALOG_ID = 'shortcuts-help';

export interface HelpDialog {
  readonly element: HTMLDialogElement;
  isOpen(): boolean;
  open(): void;
  close(): void;
  toggle(): void;
}

const FOCUSABLE = 'button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** Builds the dialog (closed) at the end of `doc.body` and returns its controls. */
export function setUpHelpDialog(doc: Document): HelpDialog {
  doc.getElementById(HELP_DIALOG_ID)?.remove();
  const closeButton = iconButton(doc, 'help-close', t('helpClose'), '×');
  const keys = element(doc, 'dl', { class: 'help-keys' });
  const dialog = element(
    doc,
    'dialog',
    { id: HELP_DIALOG_ID, class: 'help-dialog', 'aria-labelledby': `${HELP_DIALOG_ID}-title` },
    element(doc, 'div', { class: 'help-head' }, element(doc, 'h2', { id: `${HELP_DIALOG_ID}-title` }, t('shortcutsTitle')), closeButton),
    keys,
    element(doc, 'p', { class: 'help-note' }, t('helpShortcutsNote')),
  );
  doc.body.append(dialog);

  let returnTo: HTMLElement | null = null;
  const isOpen = () => dialog.open || dialog.hasAttribute('open');

  const fillKeys = () => {
    const source = doc.querySelector('#shortcuts dl');
    keys.replaceChildren(...(source ? [...source.children].map((child) => child.cloneNode(true)) : []));
    for (const el of keys.querySelectorAll('[id]')) el.removeAttribute('id');
  };

  const restoreFocus = () => {
    const target = returnTo;
    returnTo = null;
    if (target?.isConnected && typeof target.focus === 'function') target.focus();
  };

  const open = () => {
    if (isOpen()) return;
    fillKeys();
    const active = doc.activeElement;
    returnTo = active instanceof (doc.defaultView as Window & typeof globalThis).HTMLElement && active !== doc.body ? active : null;
    // showModal makes the rest of the page inert; a browser (or jsdom) without it gets the attribute.
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    doc.documentElement.dataset.help = 'open';
    closeButton.focus();
  };

  const close = () => {
    if (!isOpen()) return;
    if (typeof dialog.close === 'function') dialog.close();
    else {
      dialog.removeAttribute('open');
      dialog.dispatchEvent(new (doc.defaultView as Window & typeof globalThis).Event('close'));
    }
  };

  // However it closed (Esc is the browser's own `cancel` then `close`): focus goes back.
  dialog.addEventListener('close', () => {
    delete doc.documentElement.dataset.help;
    restoreFocus();
  });
  closeButton.addEventListener('click', close);
  // A click on the backdrop lands on the dialog element itself, outside its box.
  dialog.addEventListener('click', (event) => {
    if (event.target !== dialog) return;
    const box = dialog.getBoundingClientRect();
    const e = event as MouseEvent;
    const inside = e.clientX >= box.left && e.clientX <= box.right && e.clientY >= box.top && e.clientY <= box.bottom;
    if (!inside || box.width === 0) close();
  });
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      // The browser closes a modal dialog on Esc itself; without showModal we do.
      if (typeof dialog.showModal !== 'function') close();
      event.stopPropagation();
      return;
    }
    if (event.key !== 'Tab') return;
    // Focus stays in the dialog: Tab from the last control goes to the first and back.
    const focusable = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    const active = doc.activeElement;
    if (event.shiftKey && (active === first || !dialog.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  });

  return { element: dialog, isOpen, open, close, toggle: () => (isOpen() ? close() : open()) };
}
