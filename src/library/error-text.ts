/** A library failure in the interface language. */
import { t } from '../ui-text';
import { LibraryError } from './library-error';

export function libraryErrorText(error: unknown): string {
  if (error instanceof LibraryError) {
    if (error.code === 'quota') return t('libraryErrorQuota');
    if (error.code === 'closed') return t('libraryErrorClosed');
    if (error.code === 'newer-version') return t('libraryErrorNewer');
    if (error.code === 'damaged') return t('libraryErrorDamaged');
    return t('libraryErrorFailed', { detail: error.message });
  }
  return t('libraryErrorFailed', { detail: error instanceof Error ? error.message : String(error) });
}
