/**
 * The Postlight / graby strategy, for the benchmark's baseline only: one page at a time, each
 * page's "next" link followed after that page arrived. Same loading, extraction and assembly as
 * the pipeline, so the benchmark compares strategies, not implementations.
 */
import { assembleArticle } from '../../src/pipeline/assemble';
import { detectPaginationDetail } from '../../src/pipeline/detect';
import type { PageSlot } from '../../src/pipeline/page-queue';
import { detectStart, pageLoader, startPage, startSlot } from '../../src/pipeline/read-whole-article';
import type { ReadOptions, WholeArticle } from '../../src/pipeline/types';
import { pageKey } from '../../src/pipeline/url';
import { loadReadability } from '../../src/pipeline/readability';

export async function readFollowingNext(options: ReadOptions): Promise<WholeArticle> {
  const loader = pageLoader(options);
  try {
    const start = await startPage(options, loader.load);
    const detail = detectStart(start.doc, start.url, options);
    const current = startSlot(detail, start);
    const slots: PageSlot[] = [current];
    const seen = new Set([pageKey(current.url), pageKey(start.url)]);
    const maxPages = options.maxPages ?? 30;
    let doc = start.doc;
    let url = start.url;
    while (slots.length < maxPages) {
      const next = detectPaginationDetail(doc, url, detail.rule).nextUrl;
      if (!next || seen.has(pageKey(next))) break;
      seen.add(pageKey(next));
      const slot: PageSlot = { page: (slots[slots.length - 1] as PageSlot).page + 1, url: next, state: 'done' };
      slots.push(slot);
      const loaded = await loader.load(next);
      if (!loaded.ok) {
        slot.reason = loaded.reason;
        break;
      }
      slot.doc = loaded.doc;
      slot.finalUrl = loaded.finalUrl;
      doc = loaded.doc;
      url = loaded.finalUrl;
    }
    await loadReadability();
    return assembleArticle({ detail, slots, current, dom: options.dom, url: options.url });
  } finally {
    loader.done();
  }
}
