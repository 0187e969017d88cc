/**
 * jsdom loaded a package at a time, the event loop running between packages. Loading jsdom is
 * one long synchronous run (about 900 CommonJS modules): the page requested meanwhile
 * (src/cli/first-request.ts) would arrive and wait for all of it before its pager could be read and
 * the other pages requested. Its dependencies are required one by one first (each is a tree of its
 * own: no cycles between them), so the first page's answer is handled between two of them; jsdom's
 * own modules then load as before, finding their dependencies loaded. The same modules load, once,
 * as with a plain `import('jsdom')`.
 */
import { createRequire } from 'node:module';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** @param pause between two packages: work to wait for first, if any (the first page's pager read). */
export async function loadJsdomStepwise(pause: () => Promise<void> | null = () => null): Promise<void> {
  let requireFromJsdom: NodeJS.Require;
  let dependencies: string[];
  try {
    const manifest = createRequire(import.meta.url).resolve('jsdom/package.json');
    requireFromJsdom = createRequire(manifest);
    dependencies = Object.keys((requireFromJsdom(manifest) as { dependencies?: Record<string, string> }).dependencies ?? {});
  } catch {
    return;
  }
  for (const name of dependencies) {
    await turn();
    await pause();
    try {
      requireFromJsdom(name);
    } catch {
      // A package without a main entry (jsdom requires its subpaths): jsdom loads what it needs.
    }
  }
  await turn();
}
