/**
 * Captions by evidence (issue 10, bug 4), over the real reader page (entrypoints/reader/index.html)
 * in jsdom: the old rule (`p:has(> img:only-child) + p:lang(zh)`) greyed every Chinese paragraph
 * after an image, a lead or numbered subhead included, and missed a photo inside a `<span>`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { WholeArticle } from '../pipeline/types';
import { wholeArticle } from '../../test/support/whole-article';
import { CAPTION_CLASS, looksLikeCaption, renderArticle } from './article-view';

const ROOT = path.resolve(import.meta.dirname, '../..');
const READER_HTML = readFileSync(path.join(ROOT, 'entrypoints/reader/index.html'), 'utf8');
const READER_CSS = readFileSync(path.join(ROOT, 'entrypoints/reader/style.css'), 'utf8');

const LONG = '夜行列车准时驶出山谷，车厢里坐满了回乡的学生、赶集的农民和出差的工人，列车员一遍遍检查车票，提醒乘客保管好行李。';

function article(contentHtml: string, lang = 'zh-CN'): WholeArticle {
  const url = 'http://society.people.com.cn/n1/2023/0412/c1008-32370001.html';
  return wholeArticle({ title: '夜行列车', source: '人民日报', lang, pageUrls: [url], contentHtml: `<article><section data-page="1">${contentHtml}</section></article>`, length: 1 });
}

function render(contentHtml: string, lang?: string): HTMLElement {
  const dom = new JSDOM(READER_HTML, { url: 'moz-extension://x/reader.html' });
  const root = dom.window.document.getElementById('reader-content') as HTMLElement;
  renderArticle(root, article(contentHtml, lang), {});
  return root;
}

const captions = (root: HTMLElement) => [...root.querySelectorAll(`.${CAPTION_CLASS}`)].map((el) => el.textContent?.trim());

describe('captions by evidence', () => {
  it('marks 摄 / 图为 / 资料图 / Photo: lines after a photo, a photo inside a span included', () => {
    const root = render(
      [
        `<p>${LONG}</p>`,
        '<p><img src="http://x.cn/1.jpg" alt=""></p><p>新华社记者 金立旺 摄</p>',
        `<p>${LONG}</p>`,
        '<p><span><img src="http://x.cn/2.jpg" alt=""></span></p><p>图为夜行列车驶出山谷。</p>',
        '<p><a href="http://x.cn/big.jpg"><img src="http://x.cn/3.jpg" alt=""></a></p><p>9月30日，列车员检查车票（资料图）</p>',
        '<div><img src="http://x.cn/4.jpg" alt=""></div><p>Photo: a night train in the valley</p>',
        '<p><img src="http://x.cn/5.jpg" alt=""><br>列车驶过大桥。（新华社发）</p>',
      ].join(''),
    );
    expect(captions(root)).toEqual(['新华社记者 金立旺 摄', '图为夜行列车驶出山谷。', '9月30日，列车员检查车票（资料图）', 'Photo: a night train in the valley', '列车驶过大桥。（新华社发）']);
  });

  it('leaves real paragraphs after a photo alone: a lead, a numbered subhead, a short line without evidence', () => {
    const root = render(
      [
        `<p><img src="http://x.cn/1.jpg" alt=""></p><p>${LONG}</p>`,
        '<p><img src="http://x.cn/2.jpg" alt=""></p><p><strong>一、夜行列车改变了什么</strong></p>',
        '<p><img src="http://x.cn/3.jpg" alt=""></p><p>列车员说：“请保管好行李。”</p>',
        `<p><img src="http://x.cn/4.jpg" alt=""></p><p>${LONG}${LONG}${LONG}新华社记者 金立旺 摄</p>`,
      ].join(''),
    );
    expect(captions(root)).toEqual([]);
  });

  it('figcaption is a caption already; the old positional rule is gone from the stylesheet', () => {
    const root = render('<figure><img src="http://x.cn/1.jpg" alt=""><figcaption>列车员检查车票</figcaption></figure><p>短句。</p>');
    expect(captions(root)).toEqual([]);
    expect(root.querySelector('figcaption')?.textContent).toBe('列车员检查车票');
    expect(READER_CSS).not.toMatch(/img:only-child\)\s*\+\s*p/);
    expect(READER_CSS).toMatch(/\.reader-caption/);
  });

  it('reads Traditional captions and English credits', () => {
    for (const text of ['新華社記者 李明 攝', '圖為列車駛出山谷。', '(Xinhua/Li Ming)', 'File photo taken on May 3, 2019 shows a train.']) {
      const dom = new JSDOM(`<p>${text}</p>`);
      expect(looksLikeCaption(dom.window.document.querySelector('p') as Element), text).toBe(true);
    }
    const dom = new JSDOM(`<p>一位退休教师说，以前借书要跑很远。</p>`);
    expect(looksLikeCaption(dom.window.document.querySelector('p') as Element)).toBe(false);
  });
});
