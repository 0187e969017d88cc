/** reader-start.ts in Firefox builds (wxt.config.ts): reader-app.ts imported after the first module ran. */
import type { EarlyStart } from './reader-boot';

export function startReaderFrom(doc: Document, early: EarlyStart): Promise<void> {
  return import('./reader-app').then(({ startReader }) => startReader(doc, early));
}
