/**
 * Building the reader's own interface elements (notices, banners, dialogs, the settings rows):
 * an element with its attributes and children in one call, and the two kinds of button the reader
 * makes again and again. Text goes in as text nodes, never as markup.
 */

/** Attributes by name (`class`, `id`, `role`, `aria-*`, `data-*`, …); `''` for a boolean one. */
export type Attributes = Record<string, string>;

/** A `<tag>` of `doc` with `attrs` and `children` (strings become text). */
export function element<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, attrs: Attributes = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** A `type="button"` button saying `text`; `onClick` runs on each click. */
export function textButton(doc: Document, attrs: Attributes, text: string, onClick?: (event: MouseEvent) => void): HTMLButtonElement {
  const button = element(doc, 'button', { type: 'button', ...attrs }, text);
  if (onClick) button.addEventListener('click', onClick);
  return button;
}

/** A button that shows a sign or an icon (×, ▶): `label` is its tooltip and its accessible name. */
export function iconButton(doc: Document, className: string, label: string, content: Node | string): HTMLButtonElement {
  return element(doc, 'button', { type: 'button', class: className, title: label, 'aria-label': label }, content);
}
