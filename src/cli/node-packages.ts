/**
 * The command line's two large Node packages, jsdom and undici, each loaded once, from the
 * quickest copy there is.
 *
 * The bundle (dist/cli/, scripts/build-cli.mjs) carries each as one CommonJS file beside its
 * chunks (`undici.cjs`, `jsdom.cjs`; jsdom's `require('undici')` gets the same undici). Each is
 * compiled with V8's code cache (`<name>-<v8>-<arch>.v8cache`, made by the build's warm-up read and
 * remade by any read that found it missing, damaged or turned down by V8): loading jsdom that way
 * takes about a third of the time requiring its ~900 modules from node_modules does, undici's half
 * (issue 10: jsdom + first window + one page 600 → 250 ms, undici 57 → 25 ms, on this project's
 * 2-core machines).
 *
 * Anywhere else (the TypeScript sources, the tests) both come from node_modules, jsdom a package
 * at a time with the event loop running between packages (loading it is one long synchronous run:
 * the page requested meanwhile, src/cli/first-request.ts, would otherwise arrive and wait for all
 * of it before its pager could be read and the other pages requested).
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';

export type JsdomModule = typeof import('jsdom');
export type UndiciModule = typeof import('undici');

const requireHere = createRequire(import.meta.url);
// Paths by node:path, not `new URL`: under a jsdom test environment the global URL is jsdom's.
const HERE = path.dirname(fileURLToPath(import.meta.url));
/** Cache file layout: magic, CRC-32 of the V8 data, length of the source it is for, the data. */
const MAGIC = Buffer.from('WSCACHE1');
const HEADER = MAGIC.length + 8;

/** The bundle's single-file copy of `name`, beside this chunk; absent beside the sources. */
const bundledFile = (name: string): string => path.join(HERE, `${name}.cjs`);
const cacheFile = (name: string): string => path.join(HERE, `${name}-${process.versions.v8}-${process.arch}.v8cache`);

/** True when this is the bundle and it carries its own copy of `name`. */
export function hasBundled(name: 'jsdom' | 'undici'): boolean {
  return existsSync(bundledFile(name));
}

/** Compiled without a cache (missing, damaged or turned down): written by {@link saveCodeCaches}. */
const uncached = new Map<string, { script: Script; sourceLength: number }>();

/** The cache's V8 data if the file is whole and made for this source; else undefined. */
function readCache(name: string, sourceLength: number): Buffer | undefined {
  let file: Buffer;
  try {
    file = readFileSync(cacheFile(name));
  } catch {
    return undefined;
  }
  if (file.length <= HEADER || !file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = file.subarray(HEADER);
  if (file.readUInt32LE(MAGIC.length) !== crc32(data) || file.readUInt32LE(MAGIC.length + 4) !== sourceLength) return undefined;
  return data;
}

/** Run the bundled `name` as a CommonJS module, its `require` answering `shared` ids first. */
function loadBundled<T>(name: string, shared: Record<string, () => unknown> = {}): T | undefined {
  const file = bundledFile(name);
  try {
    const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`;
    const cachedData = readCache(name, source.length);
    const script = new Script(source, { filename: file, cachedData });
    const plainRequire = createRequire(file);
    const require = Object.assign((id: string) => (Object.hasOwn(shared, id) ? shared[id]!() : plainRequire(id)), plainRequire);
    const module = { exports: {} as T };
    (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, require, module, file, HERE);
    if (!cachedData || script.cachedDataRejected) uncached.set(name, { script, sourceLength: source.length });
    return module.exports;
  } catch {
    // A damaged bundle: the copy in node_modules does the same work.
    return undefined;
  }
}

/**
 * What the bundled jsdom file exports: its dependencies' initialisations one by one (`steps`, so
 * that a load can leave the event loop running between them, as from node_modules) and jsdom's.
 */
interface Stepwise<T> {
  steps: Array<() => unknown>;
  load(): T;
}

let undiciModule: UndiciModule | undefined;
let jsdomModule: JsdomModule | undefined;
let jsdomFile: Stepwise<JsdomModule> | null | undefined;

/** The bundled jsdom file, compiled and run (its modules not yet initialised); null without one. */
function bundledJsdom(): Stepwise<JsdomModule> | null {
  jsdomFile ??= (hasBundled('jsdom') && loadBundled<Stepwise<JsdomModule>>('jsdom', { undici })) || null;
  return jsdomFile;
}

/** undici's exports, loaded on first use. */
export function undici(): UndiciModule {
  undiciModule ??= (hasBundled('undici') && loadBundled<UndiciModule>('undici')) || (requireHere('undici') as UndiciModule);
  return undiciModule;
}

/** jsdom's exports, loaded on first use. */
export function jsdom(): JsdomModule {
  if (!jsdomModule) {
    try {
      jsdomModule = bundledJsdom()?.load();
    } catch {
      // A damaged bundle: the copy in node_modules does the same work.
    }
    jsdomModule ??= requireHere('jsdom') as JsdomModule;
  }
  return jsdomModule;
}

/**
 * Write the code cache of each package this process had to compile without one. Called once the
 * read is done, so the cache holds every function the read compiled (the first window, parsing,
 * queries, the requests). Never fails: a read-only or full disk only means the next read compiles
 * again.
 */
export function saveCodeCaches(): void {
  for (const [name, { script, sourceLength }] of uncached) {
    uncached.delete(name);
    const target = cacheFile(name);
    const tmp = `${target}.tmp-${process.pid}`;
    try {
      const data = script.createCachedData();
      const header = Buffer.alloc(HEADER);
      MAGIC.copy(header);
      header.writeUInt32LE(crc32(data), MAGIC.length);
      header.writeUInt32LE(sourceLength, MAGIC.length + 4);
      writeFileSync(tmp, Buffer.concat([header, data]));
      renameSync(tmp, target);
    } catch {
      rmSync(tmp, { force: true });
    }
  }
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Load jsdom while the first page is on its way, a package at a time: jsdom's dependencies one by
 * one first (each a tree of its own), so the first page's answer is handled between two of them;
 * jsdom's own modules then load finding them loaded. The same for the bundle's copy (its steps)
 * and node_modules'.
 * @param pause between two packages: work to wait for first, if any (the first page's pager read).
 */
export async function loadJsdomStepwise(pause: () => Promise<void> | null = () => null): Promise<void> {
  await turn();
  const bundled = bundledJsdom();
  if (bundled) {
    for (const step of bundled.steps) {
      await turn();
      await pause();
      try {
        step();
      } catch {
        // jsdom() says whether the bundle works (else node_modules' copy).
      }
    }
    await turn();
    await pause();
    jsdom();
    return;
  }
  let requireFromJsdom: NodeJS.Require;
  let dependencies: string[];
  try {
    const manifest = requireHere.resolve('jsdom/package.json');
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
