/**
 * The page's one connection to the library, opened on first use and opened again if the browser
 * or a newer version of WholeStory closed it.
 */
import { openLibrary, type Library } from './library';

let current: Promise<Library> | null = null;

export async function sharedLibrary(): Promise<Library> {
  if (current) {
    const library = await current.catch(() => null);
    if (library && !library.closed) return library;
  }
  current = openLibrary();
  return current;
}
