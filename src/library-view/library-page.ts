/**
 * The library page (`library.html`): the saved list with checkboxes, an EPUB of the selected
 * articles, the whole library exported as one JSON file, and a library file imported (merged: no
 * duplicates). A page of its own, not the popup: a file chooser closes a popup in Firefox.
 *
 * For tests and tools: `<html data-last-export="epub|library|failed" data-last-import="{…}">`.
 */
import { libraryErrorText } from '../library/error-text';
import { LibraryError } from '../library/library-error';
import { exportableArticles, exportLibrary, importLibrary, type SkippedArticle } from '../library/library-file';
import { sharedLibrary } from '../library/shared-library';
import { fileNameFor } from '../output/article-file';
import { buildEpub } from '../output/epub';
import { downloadBlob } from '../output/download';
import { localizePage, t } from '../ui-text';
import { mountLibraryList } from './library-list';
import { setUpToolbarKeys } from '../reader/toolbar-keys';

/** "Exported 4 articles. Left out, because damaged: «A», «B». …" */
function skippedText(exported: number, skipped: readonly SkippedArticle[]): string {
  const titles = skipped.map((s) => `«${s.title || t('libraryUntitled')}»`).join(', ');
  return t('libraryExportSkipped', { count: exported, titles });
}

export async function startLibraryPage(doc: Document): Promise<void> {
  const root = doc.documentElement;
  const view = doc.defaultView as Window & typeof globalThis;
  localizePage(doc);
  doc.title = t('libraryPageTitle');
  const status = doc.getElementById('library-status') as HTMLElement;
  const epubButton = doc.getElementById('export-epub') as HTMLButtonElement;
  const exportButton = doc.getElementById('export-library') as HTMLButtonElement;
  const importInput = doc.getElementById('import-library') as HTMLInputElement;
  // The export/import row is a role=toolbar: one Tab stop, arrow keys between its controls.
  const tools = doc.querySelector<HTMLElement>('.tools[role="toolbar"]');
  if (tools) setUpToolbarKeys(tools);

  const showSelection = (ids: string[]) => {
    epubButton.disabled = ids.length === 0;
    epubButton.textContent = ids.length > 0 ? `${t('libraryExportEpub')} · ${t('librarySelected', { count: ids.length })}` : t('libraryExportEpub');
  };
  showSelection([]);
  const list = await mountLibraryList(doc, { container: doc.getElementById('library') as HTMLElement, selectable: true, onSelectionChange: showSelection });

  const busy = async (work: () => Promise<void>) => {
    status.textContent = t('libraryWorking');
    try {
      await work();
    } catch (error) {
      root.dataset.lastExport = 'failed';
      status.textContent = t('exportFailed', { reason: libraryErrorText(error) });
    }
  };

  epubButton.addEventListener('click', () =>
    busy(async () => {
      const ids = list.selected();
      const library = await sharedLibrary();
      const items = [];
      const skipped: SkippedArticle[] = [];
      for await (const item of exportableArticles(library, ids, skipped)) items.push(item);
      if (items.length === 0) throw new LibraryError('damaged', skippedText(items.length, skipped));
      const book = await buildEpub(items, view);
      const name = items.length === 1 ? fileNameFor(items[0]!.article.title, 'epub') : `WholeStory-${items.length}-articles.epub`;
      downloadBlob(doc, new Blob([book as Uint8Array<ArrayBuffer>], { type: 'application/epub+zip' }), name);
      root.dataset.lastExport = 'epub';
      status.textContent = skipped.length ? skippedText(items.length, skipped) : '';
    }),
  );

  exportButton.addEventListener('click', () =>
    busy(async () => {
      const { blob, exported, skipped } = await exportLibrary(await sharedLibrary());
      downloadBlob(doc, blob, `wholestory-library-${new Date().toISOString().slice(0, 10)}.json`);
      root.dataset.lastExport = 'library';
      status.textContent = skipped.length ? skippedText(exported, skipped) : '';
    }),
  );

  importInput.addEventListener('change', async () => {
    const file = importInput.files?.[0];
    if (!file) return;
    status.textContent = t('libraryWorking');
    try {
      const result = await importLibrary(await sharedLibrary(), file);
      root.dataset.lastImport = JSON.stringify(result);
      status.textContent = t('libraryImported', { added: result.added, updated: result.updated, kept: result.kept });
      // A damaged record costs that record only, and says so (the details: data-last-import).
      if (result.skipped || result.repaired) status.textContent += ` ${t('libraryImportProblems', { skipped: result.skipped, repaired: result.repaired })}`;
      await list.refresh();
    } catch (error) {
      root.dataset.lastImport = 'failed';
      status.textContent = t('libraryImportFailed', { reason: error instanceof Error && !('code' in error && error.code !== 'bad-file') ? error.message : libraryErrorText(error) });
    } finally {
      importInput.value = '';
    }
  });
}
