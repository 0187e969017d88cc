/**
 * The reader's Export menu for a saved article: Markdown, plain text, a self-contained HTML page or
 * an EPUB book, built from the library copy (images included) and downloaded. For tests and tools:
 * `<html data-last-export="markdown|text|html|epub|epub-vertical|failed">`. Every file is in the
 * script shown (script-view.ts); `epub-vertical` is a book set in vertical columns, right to left.
 */
import { articleAsHtml, articleAsMarkdown, articleAsText, fileNameFor } from '../output/article-file';
import { buildEpub } from '../output/epub';
import { libraryErrorText } from '../library/error-text';
import { sharedLibrary } from '../library/shared-library';
import { t } from '../ui-text';
import { downloadBlob } from '../output/download';
import type { SavedArticle } from '../library/types';
import { inShownScript } from './script-view';

export type ExportFormat = 'markdown' | 'text' | 'html' | 'epub' | 'epub-vertical';

const EXTENSIONS: Record<ExportFormat, string> = { markdown: 'md', text: 'txt', html: 'html', epub: 'epub', 'epub-vertical': 'epub' };
const TYPES: Record<ExportFormat, string> = {
  markdown: 'text/markdown;charset=utf-8',
  text: 'text/plain;charset=utf-8',
  html: 'text/html;charset=utf-8',
  epub: 'application/epub+zip',
  'epub-vertical': 'application/epub+zip',
};

/** The file for saved article `id` in `format`. */
export async function exportSavedArticle(
  id: string,
  format: ExportFormat,
  window: Window & typeof globalThis,
  shown: (article: SavedArticle) => SavedArticle = (a) => a,
): Promise<{ blob: Blob; fileName: string }> {
  const library = await sharedLibrary();
  const stored = await library.get(id);
  if (!stored) throw new Error(t('savedNotFound'));
  const article = shown(stored);
  const fileName = fileNameFor(article.title, EXTENSIONS[format]);
  if (format === 'markdown') return { blob: new Blob([articleAsMarkdown(article, window)], { type: TYPES.markdown }), fileName };
  if (format === 'text') return { blob: new Blob([articleAsText(article, window)], { type: TYPES.text }), fileName };
  const images = await library.images(id);
  if (format === 'html') return { blob: new Blob([await articleAsHtml(article, images, window)], { type: TYPES.html }), fileName };
  const book = await buildEpub([{ article, images }], window, { vertical: format === 'epub-vertical' });
  return { blob: new Blob([book as Uint8Array<ArrayBuffer>], { type: TYPES.epub }), fileName };
}

/** Closes the menu; focus goes back to its summary when it was inside. */
function closeMenu(menu: HTMLDetailsElement, refocus: boolean): void {
  if (!menu.open) return;
  menu.open = false;
  if (refocus) menu.querySelector<HTMLElement>('summary')?.focus();
}

/**
 * Wires `#export-menu button[data-export]`; `savedId` says which article (null: not saved yet).
 * The menu closes after a choice, on Esc, on a click anywhere outside it and when focus leaves it;
 * Up/Down move between its items.
 */
export function setUpExportMenu(doc: Document, savedId: () => string | null): void {
  const menu = doc.getElementById('export-menu') as HTMLDetailsElement | null;
  if (!menu) return;
  const status = doc.getElementById('copy-status');
  const items = () => [...menu.querySelectorAll<HTMLButtonElement>('button[data-export]')].filter((b) => !b.disabled);
  for (const button of menu.querySelectorAll<HTMLButtonElement>('button[data-export]')) {
    button.addEventListener('click', async () => {
      const id = savedId();
      const format = button.dataset.export as ExportFormat;
      // The choice is made: the menu goes at once (the file may take a moment), focus to its summary.
      closeMenu(menu, menu.contains(doc.activeElement));
      if (!id) return;
      try {
        const { blob, fileName } = await exportSavedArticle(id, format, doc.defaultView as Window & typeof globalThis, (a) => inShownScript(doc, a));
        downloadBlob(doc, blob, fileName);
        doc.documentElement.dataset.lastExport = format;
      } catch (error) {
        doc.documentElement.dataset.lastExport = 'failed';
        if (status) status.textContent = t('exportFailed', { reason: libraryErrorText(error) });
      }
    });
  }
  doc.addEventListener('click', (event) => {
    if (!menu.contains(event.target as Node | null)) closeMenu(menu, false);
  });
  menu.addEventListener('focusout', (event) => {
    const next = (event as FocusEvent).relatedTarget as Node | null;
    if (next && !menu.contains(next)) closeMenu(menu, false);
  });
  menu.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && menu.open) {
      // Only the innermost thing open closes (the "⋯" menu around it stays).
      event.preventDefault();
      event.stopPropagation();
      closeMenu(menu, true);
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const list = items();
    if (list.length === 0) return;
    const summary = menu.querySelector('summary');
    event.preventDefault();
    if (event.target === summary) {
      menu.open = true;
      (event.key === 'ArrowDown' ? list[0] : list[list.length - 1])?.focus();
      return;
    }
    const index = list.indexOf(event.target as HTMLButtonElement);
    if (index < 0) return;
    list[(index + (event.key === 'ArrowDown' ? 1 : -1) + list.length) % list.length]?.focus();
  });
}
