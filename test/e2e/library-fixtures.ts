/**
 * An illustrated three-page People's Daily article for the library's real-browser tests: two
 * images per page (real PNG files), and one image the site does not have (404), which the saved
 * copy must record as not saved. Written into a temporary folder as a fixture case.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeCase, type CasePage } from '../server/news-site';
import { ROOT } from './browser';

export interface IllustratedArticle {
  dir: string;
  start: string;
  urls: string[];
  title: string;
  /** One sentence per page. */
  markers: string[];
  /** Image URLs the site serves, in article order. */
  images: string[];
  /** The image URL the site answers with 404. */
  missingImage: string;
}

export const ILLUSTRATED_TITLE = '山区夜行列车连接城乡';

export interface IllustratedOptions {
  /** Article id in the URLs (default 32359876). */
  id?: number;
  /** Pages, two images each (default 3). */
  pages?: number;
  /** Bytes of each image: PNG-signed filler of that size instead of the extension's icons (benchmarks). */
  imageBytes?: number;
  /** Whether the last page has an image the site does not have (default true). */
  missingImage?: boolean;
}

function fillerPng(size: number, seed: number): Buffer {
  const bytes = Buffer.alloc(size);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  let x = seed * 2654435761;
  for (let i = 8; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

export function writeIllustratedArticle(dir: string, options: IllustratedOptions = {}): IllustratedArticle {
  const host = 'society.people.com.cn';
  const id = options.id ?? 32359876;
  const pages = options.pages ?? 3;
  const withMissing = options.missingImage ?? true;
  const pathOf = (n: number) => `/n1/2023/0310/c1008-${id}${n === 1 ? '' : `-${n}`}.html`;
  const urls = Array.from({ length: pages }, (_, i) => `http://${host}${pathOf(i + 1)}`);
  const markers = Array.from({ length: pages }, (_, i) => `第${i + 1}页的标志句：夜行列车准时驶出山谷，编号${id}-${i + 1}。`);
  const icons = ['128.png', '96.png', '48.png', '32.png', '16.png'];
  const images = Array.from({ length: pages * 2 }, (_, i) => `http://${host}/NMediaFile/2023/0310/MAIN${id}${i + 1}.png`);
  const missingImage = `http://${host}/NMediaFile/2023/0310/MAIN${id}-missing.jpg`;
  mkdirSync(dir, { recursive: true });
  const casePages: Record<string, CasePage> = {};
  images.forEach((url, i) => {
    const file = `image-${i + 1}.png`;
    if (options.imageBytes) writeFileSync(path.join(dir, file), fillerPng(options.imageBytes, i + 1));
    else copyFileSync(path.join(ROOT, 'public/icon', icons[i % icons.length]!), path.join(dir, file));
    casePages[url] = { file, contentType: 'image/png' };
  });
  for (let n = 1; n <= pages; n++) {
    const pager = `<div class="zdfy clearfix">${Array.from({ length: pages }, (_, i) => `<a href="${pathOf(i + 1)}">【${i + 1}】</a>`).join('')}</div>`;
    const figure = (k: number) => `<p style="text-align: center;"><img src="${new URL(images[k]!).pathname}" alt="第${n}页的图片${k + 1}"></p>`;
    const html = `<!DOCTYPE html>
<html>
<head>
<meta http-equiv="content-type" content="text/html;charset=UTF-8">
<title>${ILLUSTRATED_TITLE}${n === 1 ? '' : `【${n}】`}--社会--人民网</title>
</head>
<body>
<div class="layout rm_txt">
  <div class="col col-1 fl">
    <h1 id="newstit">${ILLUSTRATED_TITLE}${n === 1 ? '' : `【${n}】`}</h1>
    <div class="channel cf"><div class="col-1-1 fl">2023年03月10日08:15 | 来源：<a href="http://www.people.com.cn">人民网－人民日报</a></div></div>
    <div class="rm_txt_con cf">
      <p style="text-indent: 2em;">${markers[n - 1]}</p>
      ${figure((n - 1) * 2)}
      <p style="text-indent: 2em;">夜行列车在第${n}页继续前行，车厢里坐满了回乡的学生、赶集的农民和出差的工人，列车员一遍遍检查车票，提醒乘客保管好行李。这是第${n}页的第二段文字。</p>
      ${figure((n - 1) * 2 + 1)}
      <p style="text-indent: 2em;">当地干部介绍，这条线路开通以来客流量翻了一番，票价比长途汽车还便宜。这是第${n}页的第三段文字，用来让正文足够长，以便被识别为文章主体。</p>
      ${n === pages && withMissing ? `<p style="text-align: center;"><img src="${new URL(missingImage).pathname}" alt="丢失的图片"></p>` : ''}
${pager}
      <div class="edit cf">(责编：王五)</div>
    </div>
  </div>
</div>
</body>
</html>
`;
    const file = `page-${n}.html`;
    writeFileSync(path.join(dir, file), html);
    casePages[urls[n - 1]!] = { file, contentType: 'text/html' };
  }
  writeCase(dir, { start: urls[1]!, pages: casePages });
  return { dir, start: urls[1]!, urls, title: ILLUSTRATED_TITLE, markers, images, missingImage };
}
