/**
 * jsdom for the command line, loaded once, from the quickest copy there is.
 *
 * The bundle (dist/cli/, scripts/build-cli.mjs) carries jsdom as one CommonJS file, `jsdom.cjs`,
 * beside its chunks. It is compiled with V8's code cache (`jsdom-<v8>-<arch>.v8cache`, made by the
 * first read after a build and remade whenever V8 turns it down or it is damaged): loading jsdom
 * that way takes about a third of what requiring its ~900 modules from node_modules does (issue 10:
 * 600 → 250 ms for require + first window + one page, on this project's 2-core machines).
 *
 * Anywhere else (the TypeScript sources, the tests) jsdom comes from node_modules, a package at a
 * time with the event loop running between packages (loading it is one long synchronous run: the
 * page requested meanwhile, src/cli/first-request.ts, would otherwise arrive and wait for all of
 * it before its pager could be read and the other pages requested).
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { crc32 } from 'node:zlib';

export type JsdomModule = typeof import('jsdom');

const requireHere = createRequire(import.meta.url);
// Paths by node:path, not `new URL`: under a jsdom test environment the global URL is jsdom's.
const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The bundle's single-file jsdom, beside this chunk; absent beside the sources. */
const BUNDLED = path.join(HERE, 'jsdom.cjs');
const CACHE = BUNDLED.replace(/\.cjs$/, `-${process.versions.v8}-${process.arch}.v8cache`);
/** Cache file layout: magic, CRC-32 of the V8 data, length of the source it is for, the data. */
const MAGIC = Buffer.from('WSJSDOM1');
const HEADER = MAGIC.length + 8;

let loaded: JsdomModule | undefined;
/** The compiled bundle, while its cache still has to be written (missing, damaged or turned down). */
let uncached: { script: Script; sourceLength: number } | undefined;

/** True when this is the bundle and it carries its own jsdom. */
export function hasBundledJsdom(): boolean {
  return existsSync(BUNDLED);
}

/** jsdom's exports, loaded on first use. */
export function jsdom(): JsdomModule {
  loaded ??= (hasBundledJsdom() && loadBundled()) || (requireHere('jsdom') as JsdomModule);
  return loaded;
}

/** The cache's V8 data if the file is whole and made for this source; else undefined. */
function readCache(sourceLength: number): Buffer | undefined {
  let file: Buffer;
  try {
    file = readFileSync(CACHE);
  } catch {
    return undefined;
  }
  if (file.length <= HEADER || !file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = file.subarray(HEADER);
  if (file.readUInt32LE(MAGIC.length) !== crc32(data) || file.readUInt32LE(MAGIC.length + 4) !== sourceLength) return undefined;
  return data;
}

function loadBundled(): JsdomModule | undefined {
  try {
    const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(BUNDLED, 'utf8')}\n})`;
    const cachedData = readCache(source.length);
    const script = new Script(source, { filename: BUNDLED, cachedData });
    const module = { exports: {} as JsdomModule };
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    wrapper(module.exports, createRequire(BUNDLED), module, BUNDLED, HERE);
    if (!cachedData || script.cachedDataRejected) uncached = { script, sourceLength: source.length };
    return module.exports;
  } catch {
    // A damaged bundle: the copy in node_modules does the same work.
    return undefined;
  }
}

/**
 * Write the code cache if this process had to compile jsdom without one. Called once the read is
 * done, so the cache holds every function the read compiled (the first window, parsing, queries).
 * Never fails: a read-only or full disk only means the next read compiles again.
 */
export function saveJsdomCache(): void {
  const pending = uncached;
  uncached = undefined;
  if (!pending) return;
  const tmp = `${CACHE}.tmp-${process.pid}`;
  try {
    const data = pending.script.createCachedData();
    const header = Buffer.alloc(HEADER);
    MAGIC.copy(header);
    header.writeUInt32LE(crc32(data), MAGIC.length);
    header.writeUInt32LE(pending.sourceLength, MAGIC.length + 4);
    writeFileSync(tmp, Buffer.concat([header, data]));
    renameSync(tmp, CACHE);
  } catch {
    rmSync(tmp, { force: true });
  }
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Load jsdom while the first page is on its way. From node_modules: a package at a time (jsdom's
 * dependencies one by one first, each a tree of its own, so the first page's answer is handled
 * between two of them; jsdom's own modules then load finding them loaded). The bundle's copy loads
 * in one go, after any work already waiting.
 * @param pause between two packages: work to wait for first, if any (the first page's pager read).
 */
export async function loadJsdomStepwise(pause: () => Promise<void> | null = () => null): Promise<void> {
  if (hasBundledJsdom()) {
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
