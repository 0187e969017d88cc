/**
 * Which fixture article the demos (`npm start`, `npm run demo:cli`) serve, and on which of its
 * pages they open it. Default: the 12-page Xinhua article of `test/pages/xinhua-2012-windowed-pager`
 * entered on page 7, as a reader coming from a search or a link lands on it.
 *
 * `WHOLESTORY_DEMO_CASE=<slug or folder>` serves another case of `test/pages/` (opened where its
 * case.json says the reader lands), `WHOLESTORY_DEMO_PAGE=N` opens its page N instead, and
 * `WHOLESTORY_DEMO_CASE=list` (or the script's `--list`) prints the cases, read from the folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { listCases, PAGES_DIR, readCase } from '../test/server/news-site';

export const DEFAULT_DEMO_CASE = 'xinhua-2012-windowed-pager';
/** The page the default case is opened on (1-based). */
export const DEFAULT_DEMO_PAGE = 7;

export interface DemoCase {
  dir: string;
  slug: string;
  /** The URL the demo opens. */
  start: string;
  /** 1-based position of `start` among the case's listed pages. */
  page: number;
  pageCount: number;
}

/** One case of the folder, for the list. */
export interface DemoCaseSummary {
  slug: string;
  pageCount: number;
  landsOn: number;
  about: string;
}

/** Every case under `pagesDir`: its slug, how many pages it lists, where it lands, its headline (or what it is). */
export function demoCases(pagesDir: string = PAGES_DIR): DemoCaseSummary[] {
  return listCases(pagesDir).map((dir) => {
    const file = readCase(dir);
    const urls = Object.keys(file.pages);
    const description = (JSON.parse(readFileSync(path.join(dir, 'case.json'), 'utf8')) as { description?: string }).description ?? '';
    // The article's headline where the case records it, else what the case is about.
    const metadata = path.join(dir, 'expected-metadata.json');
    const title = existsSync(metadata) ? (JSON.parse(readFileSync(metadata, 'utf8')) as { title?: unknown }).title : undefined;
    const about = typeof title === 'string' && title ? title : firstClause(description);
    return { slug: path.basename(dir), pageCount: urls.length, landsOn: urls.indexOf(file.start) + 1, about };
  });
}

/** The list as `WHOLESTORY_DEMO_CASE=list` prints it (and the README shows). */
export function formatDemoCases(cases: readonly DemoCaseSummary[] = demoCases()): string {
  const width = Math.max(...cases.map((c) => c.slug.length));
  return cases
    .map((c) => {
      const mark = c.slug === DEFAULT_DEMO_CASE ? ` (the default, opened on page ${DEFAULT_DEMO_PAGE})` : '';
      const pages = `${c.pageCount} page${c.pageCount === 1 ? '' : 's'}${c.pageCount > 1 ? `, lands on ${c.landsOn}` : ''}`;
      return `${c.slug.padEnd(width)}  ${pages.padEnd(20)}  ${c.about}${mark}`;
    })
    .join('\n');
}

/**
 * The case and start page from the environment: `WHOLESTORY_DEMO_CASE` (a slug of test/pages or a
 * folder), `WHOLESTORY_DEMO_PAGE`. Throws with a message naming the fix when either is wrong.
 */
export function pickDemoCase(env: NodeJS.ProcessEnv = process.env, pagesDir: string = PAGES_DIR): DemoCase {
  const asked = env.WHOLESTORY_DEMO_CASE?.trim() || DEFAULT_DEMO_CASE;
  const dir = existsSync(path.join(pagesDir, asked, 'case.json')) ? path.join(pagesDir, asked) : path.resolve(asked);
  if (!existsSync(path.join(dir, 'case.json'))) {
    throw new Error(`no fixture case "${asked}" (no ${path.relative(process.cwd(), dir) || '.'}/case.json); WHOLESTORY_DEMO_CASE=list shows them`);
  }
  const file = readCase(dir);
  const urls = Object.keys(file.pages);
  let page = urls.indexOf(file.start) + 1;
  const pageVar = env.WHOLESTORY_DEMO_PAGE?.trim();
  if (pageVar) page = Number(pageVar);
  else if (asked === DEFAULT_DEMO_CASE) page = DEFAULT_DEMO_PAGE;
  if (!Number.isInteger(page) || page < 1 || page > urls.length) {
    throw new Error(`WHOLESTORY_DEMO_PAGE=${pageVar}: ${path.basename(dir)} has pages 1 to ${urls.length}`);
  }
  return { dir, slug: path.basename(dir), start: urls[page - 1]!, page, pageCount: urls.length };
}

/** Whether the demo was asked only for the list (`--list`, `WHOLESTORY_DEMO_CASE=list`). */
export function wantsList(argv: readonly string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): boolean {
  return argv.includes('--list') || env.WHOLESTORY_DEMO_CASE?.trim() === 'list';
}

function firstClause(description: string): string {
  const head = description.split(/(?<=[.:;])\s|\s\(/)[0] ?? '';
  const text = head.replace(/[.:;]$/, '').trim();
  return text.length > 90 ? `${text.slice(0, 89).replace(/\s+\S*$/, '')}…` : text;
}
