/**
 * Keyboard for the reader's `role=toolbar` group (inside the `<header>` banner): one Tab stop
 * (roving tabindex: the current control has tabindex 0, the others -1), Left/Right move between the
 * controls shown, Home/End go to the first and last. Disabled, hidden and narrow-window-hidden
 * controls are skipped. A menu the toolbar opens (the "⋯" overflow on a narrow window, the Export
 * menu's items) is left to Tab: its controls keep their place in the Tab order while it is open.
 */

export interface ToolbarKeys {
  /** Recomputes which controls take part and which one is the Tab stop. */
  refresh(): void;
  /** The controls that take part now, in order. */
  items(): HTMLElement[];
}

const CONTROL_SELECTOR = 'button, summary, a[href], input, select';

function defaultShown(el: HTMLElement): boolean {
  // checkVisibility: Chromium 105+, Firefox 106+ (display: none anywhere up the tree, or hidden).
  if (typeof el.checkVisibility === 'function') return el.checkVisibility();
  return !el.closest('[hidden]');
}

function isDisabled(el: HTMLElement): boolean {
  return (el as HTMLButtonElement).disabled === true || el.getAttribute('aria-disabled') === 'true';
}

/** Wires `toolbar` (the `role=toolbar` element). `shown` decides visibility (tests pass their own). */
export function setUpToolbarKeys(toolbar: HTMLElement, shown: (el: HTMLElement) => boolean = defaultShown): ToolbarKeys {
  const doc = toolbar.ownerDocument;
  let current: HTMLElement | null = null;
  /** Whether the person has put focus on a control yet (until then the first control is the Tab stop). */
  let chosen = false;

  /** Menus the toolbar has open: an expanded control's `aria-controls` inside the toolbar. */
  const openMenus = (): HTMLElement[] => {
    const menus: HTMLElement[] = [];
    for (const toggle of toolbar.querySelectorAll<HTMLElement>('[aria-expanded="true"][aria-controls]')) {
      const menu = doc.getElementById(toggle.getAttribute('aria-controls') ?? '');
      if (menu && toolbar.contains(menu) && shown(toggle)) menus.push(menu);
    }
    return menus;
  };

  /** Inside an open menu, or a `<details>`' content: Tab's, not the arrow keys'. */
  const inSubmenu = (el: HTMLElement, menus: HTMLElement[]): boolean => {
    if (menus.some((menu) => menu.contains(el))) return true;
    const details = el.closest('details');
    return details !== null && toolbar.contains(details) && !(el.matches('summary') && el.parentElement === details);
  };

  const items = (): HTMLElement[] => {
    const menus = openMenus();
    return [...toolbar.querySelectorAll<HTMLElement>(CONTROL_SELECTOR)].filter((el) => !inSubmenu(el, menus) && !isDisabled(el) && shown(el));
  };

  const refresh = () => {
    const menus = openMenus();
    const list = items();
    if (!chosen || !current || !list.includes(current)) current = list[0] ?? null;
    for (const el of toolbar.querySelectorAll<HTMLElement>(CONTROL_SELECTOR)) {
      if (inSubmenu(el, menus)) {
        if (el.dataset.roving !== undefined) {
          el.removeAttribute('tabindex');
          delete el.dataset.roving;
        }
        continue;
      }
      el.dataset.roving = '';
      el.tabIndex = el === current ? 0 : -1;
    }
  };

  const focusItem = (el: HTMLElement | undefined) => {
    if (!el) return;
    chosen = true;
    current = el;
    refresh();
    el.focus();
  };

  toolbar.addEventListener('focusin', (event) => {
    const target = event.target as HTMLElement;
    if (!items().includes(target)) return;
    chosen = true;
    if (current !== target) {
      current = target;
      refresh();
    }
  });

  toolbar.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement;
    const list = items();
    const index = list.indexOf(target);
    if (index < 0) return;
    let next: HTMLElement | undefined;
    if (event.key === 'ArrowRight') next = list[(index + 1) % list.length];
    else if (event.key === 'ArrowLeft') next = list[(index - 1 + list.length) % list.length];
    else if (event.key === 'Home') next = list[0];
    else if (event.key === 'End') next = list[list.length - 1];
    else return;
    event.preventDefault();
    focusItem(next);
  });

  // Controls are enabled when the article arrives, hidden for a saved copy, moved behind "⋯" on a
  // narrow window: the Tab stop follows.
  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      refresh();
    });
  };
  const view = doc.defaultView;
  if (view?.MutationObserver) {
    new view.MutationObserver(schedule).observe(toolbar, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'hidden', 'aria-expanded', 'aria-disabled', 'open'] });
  }
  view?.addEventListener('resize', schedule);
  refresh();
  return { refresh, items };
}
