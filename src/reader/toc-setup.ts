/**
 * Finding one's way in a long article (issue 11, item 4), wired in one call from `startReader`:
 * the table of contents (toc.ts), the reading-progress bar (progress.ts), the reading time in the
 * article header and `<html data-reading-minutes>` (reading-time.ts), and the reading position
 * remembered and restored (reading-position.ts). Each runs after every article shown.
 */
import { onArticleShown, onScriptShown } from './article-shown';
import { setUpProgress } from './progress';
import { setUpReadingPosition } from './reading-position';
import { showReadingTime } from './reading-time';
import { setUpToc } from './toc';

export function setUpFindYourWay(doc: Document): void {
  const content = doc.getElementById('reader-content');
  const toc = setUpToc(doc);
  // Before the position is restored (it listens next): the header line and the TOC ids are in place.
  onArticleShown(doc, () => {
    if (content) showReadingTime(content);
    toc?.rebuild();
  });
  // Headings shown in another script: the contents in the same script.
  onScriptShown(doc, () => toc?.rebuild());
  setUpReadingPosition(doc);
  setUpProgress(doc);
}
