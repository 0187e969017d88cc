/**
 * Writes a small made-up People's Daily (2020+ layout) article as a fixture case in a folder of its
 * own, for tests that need a multi-page article without depending on `test/pages`. The page is the
 * 2020+ layout of test/support/people-pages.ts (`h1#newstit`, `.rm_txt_con`, the `div.zdfy` pager).
 */
import { buildPeoplePage } from '../support/people-pages';
import { writeCase, type CasePage } from './news-site';

export interface SyntheticArticle {
  /** The case folder written. */
  dir: string;
  /** Page URLs, page 1 first. */
  urls: string[];
  /** The URL to start from. */
  start: string;
  title: string;
  /** One distinctive sentence per page, page 1 first. */
  markers: string[];
}

export interface SyntheticOptions {
  /** Number of pages (default 3). */
  pages?: number;
  /** 1-based page to start from (default 2). */
  startPage?: number;
  /** Status per 1-based page, e.g. `{ 3: 503 }`. */
  status?: Record<number, number>;
  host?: string;
  /** URL scheme (default http). */
  scheme?: 'http' | 'https';
  /** Article id in the URL (default 32351234). */
  id?: number;
}

export const SYNTHETIC_TITLE = '城市书房点亮市民文化生活';

/** Write the case (case.json + page-N.html) into `dir` and describe it. */
export function writeSyntheticArticle(dir: string, options: SyntheticOptions = {}): SyntheticArticle {
  const pages = options.pages ?? 3;
  const host = options.host ?? 'culture.people.com.cn';
  const id = options.id ?? 32351234;
  const pathOf = (n: number): string => `/n1/2022/0213/c1013-${id}${n === 1 ? '' : `-${n}`}.html`;
  const urls = Array.from({ length: pages }, (_, i) => `${options.scheme ?? 'http'}://${host}${pathOf(i + 1)}`);
  const markers = Array.from({ length: pages }, (_, i) => `第${i + 1}页的标志句：书房里坐满了读者，编号${id}-${i + 1}。`);
  const casePages: Record<string, CasePage> = {};
  const files: Record<string, string> = {};
  for (let n = 1; n <= pages; n++) {
    const paragraphs = [
      markers[n - 1]!,
      `走进位于老城区的城市书房，阅读区、自习区和儿童区错落有致。这是第${n}页的第二段文字，记录了读者们在这里度过的安静时光，也记录了志愿者们每天整理书架、登记借阅的日常工作。`,
      `“以前借书要跑很远，现在下楼走几分钟就到了。”一位退休教师说。这是第${n}页的第三段文字，讲述社区居民对公共文化服务的新期待，以及基层文化设施在建设、运营和管理中遇到的实际问题。`,
      `据介绍，当地今年还将新建一批城市书房，并推动图书资源在各个站点之间通借通还。这是第${n}页的第四段文字，用来让正文足够长，以便被识别为文章主体。`,
    ];
    const html = buildPeoplePage({ layout: 'rm-2022', title: SYNTHETIC_TITLE, n, count: pages, pathOf, paragraphs });
    const file = `page-${n}.html`;
    files[file] = html;
    const status = options.status?.[n];
    casePages[urls[n - 1]!] = { file, contentType: 'text/html', ...(status ? { status } : {}) };
  }
  const start = urls[(options.startPage ?? Math.min(2, pages)) - 1]!;
  writeCase(dir, { start, pages: casePages }, files);
  return { dir, urls, start, title: SYNTHETIC_TITLE, markers };
}
