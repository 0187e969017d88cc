/**
 * Mozilla's Readability, loaded when a read starts rather than with the pipeline's code (issue 10):
 * the reader's start-up code is a third smaller without it, and a site whose rule finds the body
 * shows its page in hand before Readability is even there. It is needed where no rule's selector
 * finds a page's body (extract.ts) and by the assembly's pass over the whole (assemble.ts).
 *
 * `readWholeArticle` starts the load at once and has it before any page that may need it is
 * extracted: every page it fetches (`pageLoader`), the page in hand when its rule finds nothing,
 * and the assembly. Code that extracts or assembles on its own awaits `loadReadability()` first.
 */
import type { Readability as ReadabilityClass } from '@mozilla/readability';

let loaded: typeof ReadabilityClass | null = null;
let loading: Promise<typeof ReadabilityClass> | null = null;

/** Loads Readability (once); resolves when `readability()` may be called. */
export function loadReadability(): Promise<typeof ReadabilityClass> {
  loading ??= import('@mozilla/readability').then((module) => {
    // A CommonJS package: Vite hands its exports over by name, esbuild (the CLI bundle) as `default` only.
    const exports = module as Partial<typeof module> & { default?: Partial<typeof module> };
    const found = exports.Readability ?? exports.default?.Readability;
    if (!found) throw new Error('@mozilla/readability exports no Readability');
    return (loaded = found);
  });
  return loading;
}

/** Whether Readability is there already. */
export function readabilityLoaded(): boolean {
  return loaded !== null;
}

/** The Readability class; throws when `loadReadability()` has not finished (a bug of the caller, never a page's fault). */
export function readability(): typeof ReadabilityClass {
  if (!loaded) throw new Error('Readability is not loaded: await loadReadability() before extracting or assembling');
  return loaded;
}
