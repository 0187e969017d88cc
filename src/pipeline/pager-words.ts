/**
 * What pager links look like, in Simplified and Traditional Chinese and English: the words and
 * images of "next", the numbers, the whole-article links. Detection uses them to find pages and
 * extraction to remove the pager, so they live here, below both.
 */
import { collapseSpace } from './cjk-text';
import { elementsByTags } from './query';

/** A pager's number as the reader sees it: "2", "[2]", "【2】", "(2)". */
export const NUMBER_TEXT = /^[[［【(（]?\s*(\d{1,3})\s*[\]］】)）]?$/;

/** Link texts that mean "next page" once brackets and arrows around them are dropped. */
const NEXT_WORDS =
  /^((请|請)?(看|见|見|转|轉|翻到?|接|续|續|点击|點擊|点此|點此|点击进入|點擊進入|进入|進入)?(下一页|下一頁|下页|下頁)(继续|繼續)?(阅读|閱讀)?|(下接|接|转|轉|续|續|转至|轉至|转到|轉到)第\s*\d{1,3}\s*[页頁]|后页|後頁|后一页|後一頁|next|next\s*page|more|continue|continued)$/i;
/** Brackets, arrows and punctuation around a next word: "（接下一頁）", "下一页>>", "[下一页]". */
const AROUND = /^[\s（(【[［《<«‹]+|[\s）)】\]］》>»›→…。.]+$/g;
const ARROWS_ONLY = /^[»›>]{1,2}$/;

/** Image next links: `news_xy.gif` (Xinhua 2005), `articler.gif` (photos), `next_page.jpg`, `Next.jpg`. */
const NEXT_IMAGE = /(next|_xy\.gif|articler\.gif|xiayiye|下一页|下一頁)/i;
const PREV_IMAGE = /prev|previous|上一/i;

/** Link texts of a one-page version of the article. */
const WHOLE_WORDS =
  /^(全文|阅读全文|閱讀全文|全文阅读|全文閱讀|余下全文|餘下全文|显示全文|顯示全文|查看全文|单页阅读|單頁閱讀|单页浏览|單頁瀏覽|单页显示|單頁顯示|在本页阅读全文|在本頁閱讀全文|不分页|不分頁|view\s+(as\s+)?(a\s+)?single\s+page|single\s+page(\s+view)?|view\s+all|show\s+all|full\s+(article|story|text|page)|print\s+all)$/i;
/** URLs of one-page versions: `ID_all.html`, `ID-all.html`, `?page=all`, `/all/`, `viewall`. */
const WHOLE_URL = /([_-]all\.[a-z]{2,5}$)|([?&](page|p|pg|pn)=(all|0)$)|(viewall|singlepage|single_page|showall)/i;

/**
 * Remove the per-page suffix a page title carries: Chinese `标题【2】`, English `Title (2)`,
 * `（2）`, `(2/4)`, `第2页`. "(Full Text) (3)" keeps "(Full Text)".
 */
export function stripPageSuffix(title: string): string {
  let t = collapseSpace(title);
  for (let i = 0; i < 2; i++) {
    t = t
      .replace(/\s*[【[［]\s*\d{1,3}\s*[】\]］]\s*$/, '')
      .replace(/\s*[(（]\s*\d{1,3}(\s*\/\s*\d{1,3})?\s*[)）]\s*$/, '')
      .replace(/\s*[-_—]?\s*第\s*\d{1,3}\s*页\s*$/, '')
      .replace(/\s*[-–—|:]\s*page\s*\d{1,3}(\s*of\s*\d{1,3})?\s*$/i, '')
      .trim();
  }
  return t;
}

export function textOf(el: Element): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Whether a link's text says "next page". */
export function isTextNextLink(a: Element): boolean {
  const text = textOf(a);
  if (text.length > 16) return false;
  if (ARROWS_ONLY.test(text)) return true;
  return NEXT_WORDS.test(text.replace(AROUND, ''));
}

const IMG = new Set(['img']);

/** A link's first image (`a.querySelector('img')`, by a walk: no selector to compile per document). */
function firstImage(a: Element): Element | null {
  return elementsByTags(a, IMG).next().value ?? null;
}

/** A link whose only content is an image (no text). */
export function isImageOnlyLink(a: Element): boolean {
  // textOf(a) === '': nothing but white space.
  return !/\S/.test(a.textContent ?? '') && firstImage(a) !== null;
}

function imageProbe(a: Element): string {
  const img = firstImage(a);
  if (!img) return '';
  return `${img.getAttribute('src') ?? ''} ${img.getAttribute('alt') ?? ''} ${img.getAttribute('title') ?? ''} ${a.getAttribute('title') ?? ''}`;
}

/** Whether a link is an image-only "next" link (People's Daily `next_page.jpg`, Xinhua `news_xy.gif`). */
export function isImageNextLink(a: Element): boolean {
  if (!isImageOnlyLink(a)) return false;
  const probe = imageProbe(a);
  return NEXT_IMAGE.test(probe) && !PREV_IMAGE.test(probe);
}

/** Whether a link is an image-only "previous" link. */
export function isImagePrevLink(a: Element): boolean {
  return isImageOnlyLink(a) && PREV_IMAGE.test(imageProbe(a));
}

/** Whether a link offers the whole article on one page, by its words or its address. */
export function isWholeArticleLink(a: Element, href: string): boolean {
  return isWholeArticleLinkText(textOf(a), href);
}

/** {@link isWholeArticleLink} of a link's text and address (early-pages.ts reads them off the markup). */
export function isWholeArticleLinkText(linkText: string, href: string): boolean {
  const text = linkText.replace(AROUND, '');
  if (text.length <= 24 && WHOLE_WORDS.test(text)) return true;
  return text.length <= 24 && WHOLE_URL.test(href) && !NUMBER_TEXT.test(text);
}

/**
 * A pager's whole text: numbers, next/previous/first/last words, separators ("上一页 1 2 3 下一页").
 */
export const PAGER_TEXT =
  /^([[［【(（]?\s*\d{1,3}\s*[\]］】)）]?|上一页|下一页|上一頁|下一頁|上页|下页|上頁|下頁|首页|首頁|尾页|尾頁|末页|末頁|前页|前頁|后页|後頁|previous|prev|next|first|last|共\s*\d{1,3}\s*[页頁]|第\s*\d{1,3}\s*[页頁]|[«»‹›<>|｜·…（）()[\]【】]|\.\.\.|\s)*$/i;

/** What a block holds once its pager links are gone: brackets and punctuation only. */
export const LEFTOVER_PUNCTUATION = /^[\s()（）[\]［］【】<>《》«»‹›|｜·…,，.。:：;；\-—]*$/;
