/**
 * A two-page People's Daily article with photos served over plain `http:` (as Xinhua's and People's
 * Daily's often are), written as a fixture case: its captions are the kinds real pages carry (a
 * `新华社记者 … 摄` line after the photo, a photo inside a `<span>`, `<figure>`/`<figcaption>`, a
 * `图为…` line), and a real paragraph right after a photo that is not a caption.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeCase, type CasePage } from '../server/news-site';
import { ROOT } from './browser';
import { peopleFrame } from './fixtures';

export const PHOTO_HOST = 'society.people.com.cn';
export const PHOTO_START = `http://${PHOTO_HOST}/n1/2023/0412/c1008-32370001.html`;
export const PHOTO_PAGE2 = PHOTO_START.replace('.html', '-2.html');
const photo = (name: string) => `http://${PHOTO_HOST}/NMediaFile/2023/0412/${name}`;
/** Every photo of the article, page 1 first: all plain http. */
export const PHOTOS = [photo('lead.png'), photo('span.png'), photo('after.png'), photo('figure.png'), photo('page2.png')];
/** Texts the reader must style as captions. */
export const PHOTO_CAPTIONS = ['新华社记者 金立旺 摄', '图为夜行列车驶出山谷。', '列车员检查车票（资料图）', 'Photo: a night train in the valley'];
/** A real paragraph right after a photo: body text, not a caption. */
export const PARAGRAPH_AFTER_PHOTO = '夜行列车开通三年来，沿线村庄的孩子第一次可以在周末回家';

export function writePhotoArticle(dir: string): string[] {
  const pages: Record<string, CasePage> = {};
  const files: Record<string, Uint8Array> = {};
  const png = readFileSync(path.join(ROOT, 'public/icon/128.png'));
  for (const url of PHOTOS) {
    const file = `img-${path.basename(new URL(url).pathname)}`;
    files[file] = png;
    pages[url] = { file, contentType: 'image/png' };
  }
  const para = (n: number, k: number) =>
    `<p style="text-indent: 2em;">第${n}页第${k}段：夜行列车准时驶出山谷，车厢里坐满了回乡的学生、赶集的农民和出差的工人，列车员一遍遍检查车票，“请保管好行李”……票价12元，全程3.5小时。</p>`;
  const frame = peopleFrame({ title: '夜行列车', headline: '夜行列车把山谷和城市连在一起', date: '2023年04月12日08:15', channel: '社会', urls: [PHOTO_START, PHOTO_PAGE2] });
  const page1 = [
    para(1, 1),
    `<p style="text-align: center;"><img src="${PHOTOS[0]}" alt="夜行列车"></p>`,
    `<p style="text-align: center;">${PHOTO_CAPTIONS[0]}</p>`,
    para(1, 2),
    `<p style="text-align: center;"><span><img src="${PHOTOS[1]}" alt="山谷"></span></p>`,
    `<p style="text-align: center;">${PHOTO_CAPTIONS[1]}</p>`,
    para(1, 3),
    `<p style="text-align: center;"><img src="${PHOTOS[2]}" alt="车站"></p>`,
    `<p style="text-indent: 2em;">${PARAGRAPH_AFTER_PHOTO}，村里的小卖部也多了城里来的货。这一段是正文，不是图片说明，它和其他段落一样长，也一样重要。</p>`,
    para(1, 4),
  ].join('\n');
  const page2 = [
    para(2, 1),
    `<figure><img src="${PHOTOS[3]}" alt="车票"><figcaption>${PHOTO_CAPTIONS[2]}</figcaption></figure>`,
    para(2, 2),
    `<p style="text-align: center;"><img src="${PHOTOS[4]}" alt="山谷里的列车"></p>`,
    `<p style="text-align: center;">${PHOTO_CAPTIONS[3]}</p>`,
    para(2, 3),
  ].join('\n');
  pages[PHOTO_START] = { file: 'page-1.html', contentType: 'text/html' };
  pages[PHOTO_PAGE2] = { file: 'page-2.html', contentType: 'text/html' };
  writeCase(dir, { start: PHOTO_START, pages }, { ...files, 'page-1.html': frame(1, page1), 'page-2.html': frame(2, page2) });
  return [PHOTO_START, PHOTO_PAGE2];
}
