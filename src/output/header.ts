/**
 * The facts every output opens with: title, the line under it (byline · source · date) and the
 * original's address. The reader shows the same line (`metaLine`).
 */
import { joinCjkLineBreaks } from '../pipeline/cjk-text';
import type { WholeArticle } from '../pipeline/types';
import { displayDate } from './display';

/** The header facts of an article. */
export interface ArticleHeader {
  title: string;
  /** Byline, source and date, already joined for display ("记者 张三 · 人民网 · 2022-02-13 07:48"). */
  meta: string;
  url: string;
}

export type HeaderFacts = Pick<WholeArticle, 'title' | 'byline' | 'source' | 'publishedTime' | 'siteName' | 'url'>;

/** Text on one line: CJK line wraps joined, other whitespace one space. */
export function oneLine(value: string): string {
  return joinCjkLineBreaks(value).replace(/\s+/g, ' ').trim();
}

/** Byline, source (the site's name when the page credits none; left out when the byline has it), date. */
export function metaParts(article: Pick<WholeArticle, 'byline' | 'source' | 'publishedTime' | 'siteName'>): string[] {
  const parts: string[] = [];
  const byline = article.byline ? oneLine(article.byline) : '';
  const source = oneLine(article.source ?? article.siteName ?? '');
  if (byline) parts.push(byline);
  if (source && !(byline && byline.includes(source))) parts.push(source);
  if (article.publishedTime) parts.push(displayDate(article.publishedTime));
  return parts;
}

/** The line under the title. */
export function metaLine(article: Pick<WholeArticle, 'byline' | 'source' | 'publishedTime' | 'siteName'>): string {
  return metaParts(article).join(' · ');
}

export function headerOf(article: HeaderFacts): ArticleHeader {
  return { title: oneLine(article.title), meta: metaLine(article), url: article.url };
}
