/**
 * `npx tsx scripts/clobber-names.ts [--check]`: the property names a parsed document and a form
 * have in jsdom, real Chromium and real Firefox (every own name of every object on their prototype
 * chains, Object.prototype included, as `name in prototype` sees them), against the fixed list
 * defusing uses (src/pipeline/clobber-names.ts). Prints what each browser has that the list lacks;
 * without `--check`, also the list to commit (the union, sorted) when it differs. `--check` exits 1
 * when any engine has a name the list lacks.
 *
 * The documents are made as the reader page makes them (DOMParser, text/html) in a secure context
 * (a page on 127.0.0.1: secure-context-only members appear, as in an extension page).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { JSDOM } from 'jsdom';
import { CLOBBER_NAMES } from '../src/pipeline/clobber-names';
import { findBrowser } from '../test/support/browsers';

interface Names {
  document: string[];
  form: string[];
}

/**
 * Runs in each page and on jsdom's window: both chains' names. A string, not a function: tsx's
 * transform would add helpers to a function's source that the page does not have.
 */
const COLLECT = `(() => {
  const chain = (obj) => {
    const out = new Set();
    for (let p = obj; p; p = Object.getPrototypeOf(p)) for (const k of Object.getOwnPropertyNames(p)) out.add(k);
    return [...out];
  };
  const doc = new DOMParser().parseFromString('<!doctype html><p>x', 'text/html');
  return { document: chain(doc), form: chain(doc.createElement('form')) };
})()`;

const engines: Record<string, Names> = {};
engines.jsdom = (new JSDOM('', { url: 'https://wholestory.invalid/', runScripts: 'outside-only' }).window as unknown as { eval(code: string): Names }).eval(COLLECT);

const server = createServer((_req, res) => res.end('<!doctype html><title>names</title>'));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

const chromiumPath = findBrowser('chromium');
if (chromiumPath) {
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true });
  const page = await browser.newPage();
  await page.goto(pageUrl);
  engines.chromium = (await page.evaluate(COLLECT)) as Names;
  await browser.close();
} else console.log('no Chromium: left out');

const firefoxPath = findBrowser('firefox');
if (firefoxPath) {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: firefoxPath, headless: true });
  const page = await browser.newPage();
  await page.goto(pageUrl);
  engines.firefox = (await page.evaluate(COLLECT)) as Names;
  await browser.close();
} else console.log('no Firefox: left out');
server.close();

const listed = new Set<string>(CLOBBER_NAMES);
const union = new Set<string>(CLOBBER_NAMES);
let missing = 0;
for (const [engine, names] of Object.entries(engines)) {
  const all = [...new Set([...names.document, ...names.form])];
  const lacking = all.filter((n) => !listed.has(n)).sort();
  missing += lacking.length;
  for (const n of all) union.add(n);
  console.log(`${engine}: document ${names.document.length} names, form ${names.form.length}; not in the list: ${lacking.length ? lacking.join(' ') : 'none'}`);
}
if (process.argv.includes('--check')) process.exit(missing ? 1 : 0);
if (missing) {
  console.log('\nThe list with them (src/pipeline/clobber-names.ts):\n');
  const sorted = [...union].sort();
  let line = '';
  for (const n of sorted) {
    if (line.length + n.length + 1 > 100) {
      console.log(line);
      line = '';
    }
    line += (line ? ' ' : '') + n;
  }
  console.log(line);
}
