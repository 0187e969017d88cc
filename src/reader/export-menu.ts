/**
 * The reader's Export menu for a saved article: Markdown, plain text, a self-contained HTML page or
 * an EPUB book, built from the library copy (images included) and downloaded. For tests and tools:
 * `<html data-last-export="markdown|text|html|epub|failed">`.
 */
import { articleAsHtml, articleAsMarkdown, articleAsText, fileNameFor } from '../output/article-file';
import { buildEpub } from '../output/epub';
import { libraryErrorText } from '../library/error-text';
import { sharedLibrary } from '../library/shared-library';
import { t } from '../ui-text';
import { downloadBlob } from '../output/download';

export type ExportFormat = 'markdown' | 'text' | 'html' | 'epub';

const EXTENSIONS: Record<ExportFormat, string> = { markdown: 'md', text: 'txt', html: 'html', epub: 'epub' };
const TYPES: Record<ExportFormat, string> = {
  markdown: 'text/markdown;charset=utf-8',
  text: 'text/plain;charset=utf-8',
  html: 'text/html;charset=utf-8',
  epub: 'application/epub+zip',
};

/** The file for saved article `id` in `format`. */
export async function exportSavedArticle(id: string, format: ExportFormat, window: Window & typeof globalThis): Promise<{ blob: Blob; fileName: string }> {
  const library = await sharedLibrary();
  const article = await library.get(id);
  if (!article) throw new Error(t('savedNotFound'));
  const fileName = fileNameFor(article.title, EXTENSIONS[format]);
  if (format === 'markdown') return { blob: new Blob([articleAsMarkdown(article, window)], { type: TYPES.markdown }), fileName };
  if (format === 'text') return { blob: new Blob([articleAsText(article, window)], { type: TYPES.text }), fileName };
  const images = await library.images(id);
  if (format === 'html') return { blob: new Blob([await articleAsHtml(article, images, window)], { type: TYPES.html }), fileName };
  const book = await buildEpub([{ article, images }], window);
  return { blob: new Blob([book as Uint8Array<ArrayBuffer>], { type: TYPES.epub }), fileName };
}

/** Wires `#export-menu button[data-export]`; `savedId` says which article (null: not saved yet). */
export function setUpExportMenu(doc: Document, savedId: () => string | null): void {
  const menu = doc.getElementById('export-menu') as HTMLDetailsElement | null;
  if (!menu) return;
  const status = doc.getElementById('copy-status');
  for (const button of menu.querySelectorAll<HTMLButtonElement>('button[data-export]')) {
    button.addEventListener('click', async () => {
      const id = savedId();
      const format = button.dataset.export as ExportFormat;
      if (!id) return;
      try {
        const { blob, fileName } = await exportSavedArticle(id, format, doc.defaultView as Window & typeof globalThis);
        downloadBlob(doc, blob, fileName);
        doc.documentElement.dataset.lastExport = format;
      } catch (error) {
        doc.documentElement.dataset.lastExport = 'failed';
        if (status) status.textContent = t('exportFailed', { reason: libraryErrorText(error) });
      } finally {
        menu.open = false;
      }
    });
  }
}
