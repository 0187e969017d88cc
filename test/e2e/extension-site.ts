/**
 * What the two halves of the extension suite share (extension.e2e.test.ts: the page side, the
 * content script, popup, options, the fixture articles; extension-reader.e2e.test.ts: the reader):
 * the local news site with the fixture articles (and, for the page side, the real saved pages),
 * one browser launch per browser, and the small probes both use.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './browser';
import { afterAll, beforeAll } from 'vitest';
import { forEachBrowser, until, type BrowserSuite, type Driver, type Tab } from './driver';
import { writeE2eFixtures, type E2eFixtures } from './fixtures';
import { startE2eSite, type E2eSite } from './site';

/** Latency of every page of the site. */
export const LATENCY_MS = 100;

/** Real saved pages (shared/corpus beside the repository), for detection on real markup. */
const CORPUS = path.resolve(ROOT, '../shared/corpus');
export const REAL_PAGES = [
  {
    slug: 'real-people-2019',
    file: 'people/gne_people_1.html',
    url: 'http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html',
    contentType: 'text/html; charset=utf-8',
    pages: 4,
  },
  {
    slug: 'real-xinhua-2012-big5',
    file: 'xinhua/20120117_big5.xinhuanet.com_2c2fb8d2e9a862f7dceccbfec8c756c8e53058e5557107298ec1d4d1.html',
    url: 'http://big5.xinhuanet.com/gate/big5/news.xinhuanet.com/food/2012-01/16/c_122592817.htm',
    contentType: 'text/html; charset=utf-8',
    // Its pager links _2 … _9.
    pages: 9,
  },
].filter((p) => existsSync(path.join(CORPUS, p.file)));

/** Cases for the real pages: one page each, served as saved. */
function writeRealCases(dir: string): string[] {
  return REAL_PAGES.map((p) => {
    const caseDir = path.join(dir, p.slug);
    mkdirSync(caseDir, { recursive: true });
    copyFileSync(path.join(CORPUS, p.file), path.join(caseDir, 'page.html'));
    writeFileSync(path.join(caseDir, 'case.json'), JSON.stringify({ start: p.url, pages: { [p.url]: { file: 'page.html', contentType: p.contentType } } }));
    return caseDir;
  });
}

export interface ExtensionSite {
  fx: E2eFixtures;
  site: E2eSite;
  /** The case folders served (what `site.serve` goes back to). */
  servedDirs: string[];
  close(): Promise<void>;
}

/** The site with the fixture articles (and the real saved pages when `realPages`), `LATENCY_MS` per page. */
export async function startExtensionSite(options: { realPages?: boolean } = {}): Promise<ExtensionSite> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'wholestory-e2e-'));
  const fx = writeE2eFixtures(root);
  const servedDirs = [...fx.dirs, ...(options.realPages ? writeRealCases(root) : [])];
  const site = await startE2eSite({ cases: servedDirs, latencyMs: LATENCY_MS });
  return {
    fx,
    site,
    servedDirs,
    close: async () => {
      await site.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * The browser started for a suite. Firefox: its first extension page comes from the control on the
 * English article, as a person would open it, at once (before any test holds that article back).
 */
export async function launchForSuite(b: BrowserSuite, site: ExtensionSite): Promise<Driver> {
  const driver = await b.launch({ sitePort: site.site.port, bootUrl: site.fx.english.start });
  if (b.name === 'firefox') await driver.inExtension(() => true);
  return driver;
}

/** What a half's tests use: the browser's driver (set once its launch is done) and whether it is Chromium. */
export interface ExtensionSuite {
  driver: Driver;
  readonly chromiumOnly: boolean;
}

/**
 * Both halves' frame, written once: one site for both browsers (the first browser's suite starts
 * it with `siteOptions`, `onSite` hands it to the file, the file's end closes it), one launch per
 * browser (closed after its suite), and `body` inside the browser's describe.
 */
export function extensionSuites(
  title: string,
  siteOptions: Parameters<typeof startExtensionSite>[0],
  onSite: (served: ExtensionSite) => void,
  body: (b: BrowserSuite, s: ExtensionSuite) => void,
): void {
  let served: ExtensionSite | undefined;
  const startSite = async (): Promise<ExtensionSite> => {
    if (served) return served;
    served = await startExtensionSite(siteOptions);
    onSite(served);
    return served;
  };
  afterAll(async () => {
    await served?.close();
  });
  forEachBrowser((b) =>
    b.describe(title, () => {
      const s = { chromiumOnly: b.name === 'chromium' } as ExtensionSuite;
      beforeAll(async () => {
        s.driver = await launchForSuite(b, await startSite());
      });
      afterAll(async () => {
        await s.driver?.close();
      });
      body(b, s);
    }),
  );
}

export const readerPath = (articleUrl: string) => `/reader.html?url=${encodeURIComponent(articleUrl)}`;

/** The reader tabs open now. */
export async function readerTabs(driver: Driver): Promise<Tab[]> {
  const out: Tab[] = [];
  for (const tab of await driver.tabs()) if ((await tab.url().catch(() => '')).startsWith(`${driver.origin}/reader.html`)) out.push(tab);
  return out;
}

/**
 * Waits until the content script of the tab showing `url` answers a message: it has run (its
 * detection runs right after it starts listening, in the same task), so what it would do is done.
 */
export async function contentScriptRan(driver: Driver, url: string, timeoutMs = 15_000): Promise<void> {
  await until(
    'the content script to answer',
    () =>
      driver.inExtension(async (u) => {
        const g = globalThis as unknown as { browser?: typeof chrome; chrome?: typeof chrome };
        const api = (g.browser ?? g.chrome) as typeof chrome;
        const bare = (x: string) => x.replace(/#.*$/, '');
        const tab = (await api.tabs.query({})).find((t) => t.url !== undefined && bare(t.url) === bare(new URL(u).href));
        if (tab?.id === undefined) return false;
        // The message as @webext-core/messaging sends it (src/messaging.ts: getPageHtml).
        const answer = (await api.tabs.sendMessage(tab.id, { id: 1, type: 'getPageHtml', data: { url: u }, timestamp: Date.now() })) as { res?: { html?: string } } | undefined;
        return Boolean(answer?.res?.html);
      }, url),
    timeoutMs,
  );
}
