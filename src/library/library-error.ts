/**
 * Storage failures in plain words. IndexedDB reports them as DOMException names
 * (QuotaExceededError, InvalidStateError, …); a person needs to know what happened and what to do.
 */

export type LibraryErrorCode = 'quota' | 'closed' | 'newer-version' | 'not-found' | 'bad-file' | 'damaged' | 'failed';

export class LibraryError extends Error {
  override readonly name = 'LibraryError';
  constructor(
    readonly code: LibraryErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

function nameOf(error: unknown): string {
  return error && typeof error === 'object' && 'name' in error ? String((error as { name: unknown }).name) : '';
}

function detailOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A storage error as a `LibraryError` whose message says, in plain words, what `action` met. */
export function libraryErrorFrom(error: unknown, action: 'save' | 'read' | 'delete' | 'import'): LibraryError {
  if (error instanceof LibraryError) return error;
  const name = nameOf(error);
  const what = action === 'save' ? 'The article was not saved' : action === 'import' ? 'The article was not imported' : action === 'delete' ? 'Nothing was deleted' : 'The library could not be read';
  if (name === 'QuotaExceededError' || /quota/i.test(detailOf(error))) {
    return new LibraryError('quota', `${what}: there is not enough storage space. Delete some saved articles or free disk space, then try again.`, { cause: error });
  }
  if (name === 'InvalidStateError' || name === 'TransactionInactiveError' || /closed|closing/i.test(detailOf(error))) {
    return new LibraryError('closed', `${what}: the library was closed (the browser may be shutting down or WholeStory was updated). Try again.`, { cause: error });
  }
  if (name === 'VersionError') {
    return new LibraryError('newer-version', `${what}: the library was written by a newer version of WholeStory. Update WholeStory and try again.`, { cause: error });
  }
  return new LibraryError('failed', `${what}: ${detailOf(error) || name || 'unknown storage error'}.`, { cause: error });
}
