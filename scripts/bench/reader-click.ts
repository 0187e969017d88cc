/**
 * npm run bench (part), or `tsx scripts/bench/reader-click.ts` alone — the extension's reader in
 * real Chromium and real Firefox, timed from the click on the in-page control (issue 10, goal:
 * first article text on screen ≤ 100 ms after the click for any page count, in both browsers).
 *
 * The built extension (the test driver, test/e2e/driver.ts) opens a made-up People's Daily article
 * of 10 or 20 pages on the local e2e site answering every request after 100 or 500 ms; a real
 * mouse click on the control opens the reader with page 1 in hand (the tab's own HTML), as a person
 * does. Times are wall-clock from the click event (`performance.timeOrigin + event.timeStamp` in
 * the article's tab) to, in the reader's tab:
 *
 *   first text    page 1's text in `#reader-content` (`data-first-text-ms`)
 *   painted       the frame after it was drawn (`data-first-paint-ms`)
 *   whole         the whole article on screen (`data-article-ms`)
 *
 * and, to see where the time goes: click → reader navigation start, and reader start → `read()`;
 * inside the reader page (ms from its start, medians): its HTML parsed (`domInteractive`), its first
 * script running (mark `reader:boot`, entrypoints/reader/main.ts), the start-up code running
 * (`reader:app`, reader-app.ts), the tab's page in hand (`reader:page-in-hand`), the first text
 * (`reader:first-text`, progressive.ts): the browser's part, loading our code, the pipeline on page 1;
 * and when the reader began its first and its last request for pages 2-N (`laterPagesAskedMs`, from
 * the click: resource timing's startTime, when its fetch was called).
 * A fresh article (new URL) per run, so nothing comes from a cache; one warm-up run per browser.
 * One JSON line per browser × pages × latency, value = median first text.
 *
 * As a person does it, the mouse first comes onto the control (its page then makes page 1 for a
 * reader, news.content.ts: `data-wholestory-ready` = the ms that took), and the click follows once
 * that is done; each record says how long the tab took (`tabPartMs`, the time a person's hand has
 * to spend on the way to the button for the click to find it ready).
 *
 * Options when run alone: --runs N (default 5), --browser chromium|firefox, --click-at-once (the
 * mouse goes onto the control and clicks at once: the tab has had no time, the reader extracts page 1).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeSyntheticArticle, type SyntheticArticle } from '../../test/server/synthetic-article';
import { available, clickControl, hoverControl, launch, settled, type BrowserName, type Driver } from '../../test/e2e/driver';
import { startE2eSite } from '../../test/e2e/site';
import { median as medianOf } from '../../src/eval/public/readability-pages';
import type { BenchRecord } from '../bench-library';

export const READER_BENCH_NAMES = ['reader_from_click'];

const PAGES = [10, 20] as const;
const LATENCIES = [100, 500] as const;

/** A run's time that its page did not report (NaN) is left out of the median. */
const median = (xs: number[]) => medianOf(xs.filter((x) => Number.isFinite(x)));
const round = (x: number) => Math.round(x);

interface Run {
  first: number;
  painted: number;
  whole: number;
  /** hover → the tab made page 1 for a reader (NaN when clicked at once). */
  tabPart: number;
  /** click → the reader page's navigation start. */
  open: number;
  /** the reader page's start → read() began. */
  readFrom: number;
  state: string;
  source: string;
  /** The page whose text came first (1: the page in hand). */
  firstPage: string;
  /** 'tab' when the first text was the part the article's tab made (reader-app.ts data-first-part). */
  firstPart: string;
  /** Inside the reader page, ms from its start: domInteractive and the `reader:*` marks (NaN when absent). */
  stages: Record<Stage, number>;
  /** click → the reader's first and last request for pages 2-N (resource timing's startTime: when its fetch began). */
  laterAsked: [number, number];
}

/** The reader page's stages, in order (see the module comment). */
const STAGES = ['domInteractive', 'reader:boot', 'reader:app', 'reader:page-in-hand', 'reader:first-text'] as const;
type Stage = (typeof STAGES)[number];

/** One click on the control of `a`'s page 1 → the reader settled; times from the click. */
async function once(driver: Driver, a: SyntheticArticle, atOnce: boolean): Promise<Run> {
  const site = await driver.openSite(a.start);
  let tabPartMs = NaN;
  if (!atOnce) {
    // The mouse onto the button, as a person's hand gets there before the click: the tab makes page 1.
    await hoverControl(site);
    await site.waitForFunction(() => document.documentElement.dataset.wholestoryReady !== undefined, undefined, 10_000);
    tabPartMs = Number(await site.evaluate(() => document.documentElement.dataset.wholestoryReady));
  }
  // The click event's own time, on the wall clock (the control's shadow root is closed; click is composed).
  await site.evaluate(() => {
    window.addEventListener('click', (e) => ((window as unknown as { __clickAt: number }).__clickAt = performance.timeOrigin + e.timeStamp), { capture: true, once: true });
  });
  const reader = await driver.newExtensionTab('/reader.html', () => clickControl(site), 30_000);
  const state = await settled(reader, 90_000);
  // The first paint mark comes a frame after the text.
  await reader.waitForFunction(() => document.documentElement.dataset.firstPaintMs !== undefined || document.documentElement.dataset.firstTextMs === undefined, undefined, 10_000).catch(() => undefined);
  const clickAt = await site.evaluate(() => (window as unknown as { __clickAt?: number }).__clickAt ?? NaN);
  const r = await reader.evaluate(([names, pages]) => {
    const d = document.documentElement.dataset;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const stages: Record<string, number> = { domInteractive: nav ? nav.domInteractive : NaN };
    for (const name of names.slice(1)) stages[name] = performance.getEntriesByName(name, 'mark')[0]?.startTime ?? NaN;
    const later = performance.getEntriesByType('resource').filter((e) => pages.includes(e.name.replace(/#.*$/, ''))).map((e) => e.startTime);
    return { asked: later.length === pages.length ? [Math.min(...later), Math.max(...later)] : [NaN, NaN], origin: performance.timeOrigin, first: Number(d.firstTextMs), painted: Number(d.firstPaintMs), whole: Number(d.articleMs), readMs: Number(d.readMs), state: d.state ?? '', source: d.source ?? '', firstPage: d.firstTextPage ?? '', firstPart: d.firstPart ?? '', stages };
  }, [[...STAGES], a.urls.slice(1)] as [string[], string[]]);
  await reader.close();
  await site.close();
  const from = (ms: number) => r.origin + ms - clickAt;
  return { tabPart: tabPartMs, first: from(r.first), painted: from(r.painted), whole: from(r.whole), open: r.origin - clickAt, readFrom: r.whole - r.readMs, state: r.state, source: r.source, firstPage: r.firstPage, firstPart: r.firstPart, stages: r.stages as Record<Stage, number>, laterAsked: [from(r.asked[0]!), from(r.asked[1]!)] };
}

/** Every browser × pages × latency, `runs` runs each; one record per combination. */
export async function benchReaderFromClick(runs = 5, browsers: readonly BrowserName[] = ['chromium', 'firefox'], atOnce = false): Promise<BenchRecord[]> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'wholestory-bench-reader-'));
  const out: BenchRecord[] = [];
  let id = 41_000_000;
  try {
    // Every article of the run written first: the site serves them all (one case folder each).
    const plan = new Map<string, SyntheticArticle>();
    for (const b of browsers) {
      for (const pages of PAGES) {
        for (const latency of LATENCIES) {
          for (let r = 0; r <= runs; r++) plan.set(`${b}-${pages}-${latency}-${r}`, writeSyntheticArticle(path.join(root, `${b}-${pages}-${latency}-${r}`), { pages, startPage: 1, id: id++ }));
        }
      }
      plan.set(`${b}-boot`, writeSyntheticArticle(path.join(root, `${b}-boot`), { pages: 2, startPage: 1, id: id++ }));
    }
    const dirs = [...plan.values()].map((a) => a.dir);
    const site = await startE2eSite({ cases: dirs });
    try {
      for (const b of browsers) {
        const label = b === 'chromium' ? 'Chromium' : 'Firefox';
        if (!available(b)) {
          out.push({ name: `reader_from_click_${b}`, value: null, unit: 'ms', error: `${label} not installed` });
          continue;
        }
        const driver = await launch(b, { sitePort: site.port, bootUrl: plan.get(`${b}-boot`)!.start });
        try {
          for (const latency of LATENCIES) {
            await site.serve({ cases: dirs, latencyMs: latency });
            for (const pages of PAGES) {
              const got: Run[] = [];
              // Run 0 warms the browser (and, on the first combination, the reader's code cache) and is not counted.
              for (let r = 0; r <= runs; r++) {
                const run = await once(driver, plan.get(`${b}-${pages}-${latency}-${r}`)!, atOnce);
                if (run.state !== 'ready' || run.source !== 'tab' || run.firstPage !== '1') throw new Error(`${label}, ${pages} pages at ${latency} ms: the reader ended ${run.state} from ${run.source || '?'}, first text from page ${run.firstPage || '?'}`);
                if (r > 0) got.push(run);
              }
              const first = median(got.map((g) => g.first));
              out.push({
                name: `reader_from_click_${b}_${pages}_pages_${latency}ms`,
                value: round(first),
                unit: 'ms',
                goal: 'first text <= 100 ms after the click',
                browser: label,
                pages,
                latencyMs: latency,
                runs,
                firstTextMs: round(first),
                firstPaintedMs: round(median(got.map((g) => g.painted))),
                wholeArticleMs: round(median(got.map((g) => g.whole))),
                clickToReaderStartMs: round(median(got.map((g) => g.open))),
                readerStartToReadMs: round(median(got.map((g) => g.readFrom))),
                laterPagesAskedMs: [round(median(got.map((g) => g.laterAsked[0]))), round(median(got.map((g) => g.laterAsked[1])))],
                readerStagesMs: Object.fromEntries(STAGES.map((s) => [s, round(median(got.map((g) => g.stages[s])))])),
                runsFirstMs: got.map((g) => round(g.first)),
                runsWholeMs: got.map((g) => round(g.whole)),
                note: `page 1 in hand (the in-page control${atOnce ? ', the mouse onto it and a click at once' : ', the mouse onto it, the click once its tab made page 1'}), wall clock from the click event; medians`,
                clickAtOnce: atOnce,
                tabPartMs: atOnce ? null : round(median(got.map((g) => g.tabPart))),
                firstPartFromTab: got.filter((g) => g.firstPart === 'tab').length,
              });
            }
          }
        } finally {
          await driver.close();
        }
      }
    } finally {
      await site.close();
    }
  } catch (e) {
    out.push({ name: 'reader_from_click', value: null, unit: 'ms', error: e instanceof Error ? e.message : String(e) });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return out;
}

/** "domInteractive 60, reader:boot 95, …": the reader page's stages, ms from its start. */
function stagesText(stages: unknown): string {
  return Object.entries((stages ?? {}) as Record<string, number | null>)
    .map(([name, ms]) => `${name.replace(/^reader:/, '')} ${ms ?? '?'}`)
    .join(', ');
}

/** "Chromium  10 pages  100 ms: first text 84 ms (painted 95), whole 450 ms; click→reader 40, reader→read() 30". */
export function readerTable(records: readonly BenchRecord[]): string {
  return records
    .filter((r) => r.value !== null)
    .map((r) => `${String(r.browser).padEnd(9)}${String(r.pages).padStart(3)} pages ${String(r.latencyMs).padStart(4)} ms: first text ${r.firstTextMs} ms (painted ${r.firstPaintedMs}; ${r.firstPartFromTab}/${r.runs} from the tab's part${r.tabPartMs == null ? '' : `, made in ${r.tabPartMs} ms from the hover`}), whole ${r.wholeArticleMs} ms; pages 2-N asked at ${(r.laterPagesAskedMs as number[] | undefined)?.join('-') ?? '?'}; click→reader start ${r.clickToReaderStartMs}, reader start→read() ${r.readerStartToReadMs}; in the reader ${stagesText(r.readerStagesMs)}`)
    .join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 5;
  const only = argv.includes('--browser') ? [argv[argv.indexOf('--browser') + 1] as BrowserName] : undefined;
  const records = await benchReaderFromClick(runs, only, argv.includes('--click-at-once'));
  for (const r of records) console.log(JSON.stringify({ ...r, load1: Math.round((os.loadavg()[0] ?? 0) * 100) / 100 }));
  console.error(readerTable(records));
  process.exit(0);
}
