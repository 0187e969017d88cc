/**
 * What the reader page does not need to put the first article text on screen (issue 10): the
 * settings form, copy formats, Export, the library, shortcuts and the help dialog, the toolbar's
 * arrow keys, accessibility wiring, the table of contents / progress / reading position, Listen.
 * reader-app.ts loads this module with `import()` once the first text is drawn (or at once when it
 * must wait on the network anyway), and wires it before any article is announced, so every
 * `onArticleShown` hook is in place in time. One chunk of its own: nothing the first script
 * imports may import these modules statically.
 */
export { saveArticle } from '../library/save-article';
export { sharedLibrary } from '../library/shared-library';
export { completeSavedArticle } from '../library/complete-article';
export { articleHtml, articleMarkdown, articleText } from './copy-formats';
export { setUpExportMenu } from './export-menu';
export { bindSettingsForm } from './settings-form';
export { bindShortcuts } from './shortcuts';
export { setUpHelpDialog } from './help-dialog';
export { setUpToolbarKeys } from './toolbar-keys';
export { setUpReaderA11y } from './reader-a11y';
export { setUpFindYourWay } from './toc-setup';
export { setUpListen, toggleListen } from './listen';
export { renderSettingsRows } from './settings-rows';
export { setUpPrintKeep } from './print-keep';
