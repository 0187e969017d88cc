import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ReadOptions, WholeArticle } from '../../pipeline/types';
import { DEFAULT_CORPUS_DIR } from '../corpus';
import { MULTIPAGE_CASES, TRAP_CASES } from './cases';
import { generateCase } from './generate';
import { runCase, runTrap, sectionsOf } from './run';
import type { GeneratedCase } from './types';

const corpusDir = DEFAULT_CORPUS_DIR;
const dom = {} as ReadOptions['dom'];

/** A stand-in reader: fetches the entry page, then answers with the given sections. */
function fakeReader(g: GeneratedCase, sections: (g: GeneratedCase) => string[], extraFetch: string[] = []) {
  return async (opts: ReadOptions): Promise<WholeArticle> => {
    await opts.fetch(opts.url);
    for (const u of extraFetch) await opts.fetch(u);
    const parts = sections(g);
    return {
      title: g.pages[0]!.paragraphs[0]!,
      byline: null,
      source: null,
      publishedTime: null,
      siteName: null,
      lang: 'zh',
      dir: null,
      url: g.pages[0]!.url,
      pageUrls: g.pages.slice(0, parts.length).map((p) => p.url),
      pageCount: parts.length,
      failedPages: [],
      textContent: parts.join('\n'),
      contentHtml: `<article>${parts.map((html, i) => `<section data-page="${i + 1}">${html}</section>`).join('')}</article>`,
      excerpt: null,
      length: 0,
      site: 'generic',
    };
  };
}

const paras = (ps: string[]) => ps.map((p) => `<p>${p}</p>`).join('');

describe.skipIf(!existsSync(corpusDir))('multi-page scoring', () => {
  const g = generateCase(MULTIPAGE_CASES.find((c) => c.id === 'chinacomcn-policy')!, { corpusDir });
  const ctx = (read: ReturnType<typeof fakeReader>) => ({ read, dom, timeoutMs: 10_000 });

  it('a reader that returns every page\'s truth, in order, is complete from either end', async () => {
    const read = fakeReader(g, (x) => x.pages.map((p) => paras(p.paragraphs)));
    for (const entry of ['first', 'last'] as const) {
      const r = await runCase(ctx(read), g, 'rules', entry);
      expect(r.complete).toBe(true);
      expect(r.foundPages).toBe(5);
      expect(r.minPrecision).toBe(1);
      expect(r.minRecall).toBe(1);
      expect(r.textF1).toBe(1);
    }
  });

  it('chrome kept on every page lowers page precision and the case is not complete', async () => {
    const chrome = '<p>版权所有 中国互联网新闻中心 电子邮件 电话 京ICP证 号 网络传播视听节目许可证 号 分享到 新浪微博 腾讯微博 人人网 开心网 豆瓣网 相关新闻 热点排行 最新评论 我要评论 中国网首页 新闻中心 财经频道</p>';
    const read = fakeReader(g, (x) => x.pages.map((p) => paras(p.paragraphs) + chrome));
    const r = await runCase(ctx(read), g, 'rules', 'first');
    expect(r.complete).toBe(false);
    expect(r.minPrecision!).toBeLessThan(0.95);
    expect(r.minRecall).toBe(1);
  });

  it('a page twice, a page missing, or pages out of order is not complete', async () => {
    const twice = await runCase(ctx(fakeReader(g, (x) => x.pages.map((p, i) => paras(i === 1 ? [...p.paragraphs, ...x.pages[2]!.paragraphs] : p.paragraphs)))), g, 'rules', 'first');
    expect(twice.duplicates.length).toBeGreaterThan(0);
    expect(twice.complete).toBe(false);
    const short = await runCase(ctx(fakeReader(g, (x) => x.pages.slice(0, 4).map((p) => paras(p.paragraphs)))), g, 'rules', 'first');
    expect(short.foundPages).toBe(4);
    expect(short.complete).toBe(false);
    const swapped = await runCase(ctx(fakeReader(g, (x) => [1, 0, 2, 3, 4].map((i) => paras(x.pages[i]!.paragraphs)))), g, 'rules', 'first');
    expect(swapped.complete).toBe(false);
    expect(swapped.misplaced).toContainEqual([1, 2]);
  });

  it('a chain must stay on its piece; a trap must ask for nothing else', async () => {
    const chain = generateCase(MULTIPAGE_CASES.find((c) => c.id === 'sina-book-chain')!, { corpusDir });
    const alone = await runCase(ctx(fakeReader(chain, (x) => [paras(x.pages[0]!.paragraphs)])), chain, 'rules', 'first');
    expect(alone.single).toBe(true);
    const merged = await runCase(ctx(fakeReader(chain, (x) => x.pages.map((p) => paras(p.paragraphs)))), chain, 'rules', 'first');
    expect(merged.single).toBe(false);

    const trap = TRAP_CASES[0]!;
    const stays = await runTrap(ctx(fakeReader(g, () => ['<p>x</p>'])), trap, corpusDir, 'rules');
    expect(stays.single).toBe(true);
    const wanders = await runTrap(ctx(fakeReader(g, () => ['<p>x</p>'], [`${trap.url.replace(/\.htm$/, '_2.htm')}`])), trap, corpusDir, 'rules');
    expect(wanders.single).toBe(false);
    expect(wanders.otherRequests).toHaveLength(1);
  });

  it('sectionsOf reads data-page sections with a line per block', () => {
    expect(sectionsOf('<article><section data-page="2"><p>a</p><p>b</p></section></article>')).toEqual([{ page: 2, text: 'a\nb' }]);
  });
});
