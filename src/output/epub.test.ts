import { strFromU8, unzipSync } from 'fflate';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { buildEpub } from './epub';
import { testArticle } from '../../test/support/library-articles';
import { pngBytes } from '../../test/support/fake-fetch';
import type { StoredImage } from '../library/types';

const window = new JSDOM('<!doctype html>').window as unknown as Window & typeof globalThis;

/** Entry names in the order they are stored, from the zip's local headers. */
function zipOrder(zip: Uint8Array): Array<{ name: string; method: number; extra: number }> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out: Array<{ name: string; method: number; extra: number }> = [];
  let offset = 0;
  while (view.getUint32(offset, true) === 0x04034b50) {
    const method = view.getUint16(offset + 8, true);
    const compressed = view.getUint32(offset + 18, true);
    const nameLength = view.getUint16(offset + 26, true);
    const extra = view.getUint16(offset + 28, true);
    out.push({ name: strFromU8(zip.subarray(offset + 30, offset + 30 + nameLength)), method, extra });
    offset += 30 + nameLength + extra + compressed;
  }
  return out;
}

/** An article's HTML as the reader keeps it: one <section data-page> a page. */
const pages = (...bodies: string[]): string => `<article>${bodies.map((b, i) => `<section data-page="${i + 1}">${b}</section>`).join('')}</article>`;

function xml(text: string, type: DOMParserSupportedType = 'application/xml'): Document {
  const doc = new window.DOMParser().parseFromString(text, type);
  expect(doc.getElementsByTagName('parsererror'), text.slice(0, 200)).toHaveLength(0);
  return doc;
}

describe('buildEpub', () => {
  const one = testArticle(1, {
    title: '城市书房点亮市民文化生活', contentHtml: pages(
      '<p>城市书房。\u0001</p><p><img src="http://culture.people.com.cn/img/1.png" alt="书房"><br><img src="http://culture.people.com.cn/img/missing.jpg"></p>',
      '<p>第二页 &amp; <b>粗体</b></p><img src="http://culture.people.com.cn/img/1.png">',
    ),
  });
  const two = testArticle(2, { title: 'Night trains & valleys', lang: 'en', contentHtml: '<p>Night trains.</p><p><img src="http://x.people.com.cn/a.gif"></p>' });
  const png = pngBytes(40);
  const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0, 0, 0, 0x3b]);
  const images1: StoredImage[] = [{ articleId: one.id, url: 'http://culture.people.com.cn/img/1.png', blob: new Blob([png], { type: 'image/png' }) }];
  const images2: StoredImage[] = [{ articleId: two.id, url: 'http://x.people.com.cn/a.gif', blob: new Blob([gif], { type: 'image/gif' }) }];

  it('is a valid EPUB 3 container: mimetype first and stored, container.xml, OPF, nav, chapters, images', async () => {
    const zip = await buildEpub([{ article: one, images: images1 }, { article: two, images: images2 }], window, { now: new Date('2024-05-01T10:00:00.123Z') });
    const order = zipOrder(zip);
    expect(order[0]).toEqual({ name: 'mimetype', method: 0, extra: 0 });
    const files = unzipSync(zip);
    expect(strFromU8(files.mimetype!)).toBe('application/epub+zip');

    const container = xml(strFromU8(files['META-INF/container.xml']!));
    const opfPath = container.querySelector('rootfile')!.getAttribute('full-path')!;
    expect(opfPath).toBe('OEBPS/content.opf');
    const opf = xml(strFromU8(files[opfPath]!));
    expect(opf.documentElement.getAttribute('version')).toBe('3.0');
    const id = opf.documentElement.getAttribute('unique-identifier')!;
    expect(opf.getElementById(id)?.textContent).toMatch(/^urn:wholestory:[0-9a-f]{16}$/);
    expect(opf.getElementsByTagName('dc:title')[0]?.textContent).toBe('WholeStory: 2 articles');
    expect(opf.getElementsByTagName('dc:language')[0]?.textContent).toBe('zh-CN');
    expect(opf.querySelector('meta[property="dcterms:modified"]')?.textContent).toBe('2024-05-01T10:00:00Z');

    // Every manifest item exists; every file but the container's is in the manifest.
    const items = [...opf.getElementsByTagName('item')].map((i) => ({ id: i.getAttribute('id')!, href: i.getAttribute('href')!, type: i.getAttribute('media-type')!, props: i.getAttribute('properties') }));
    for (const item of items) expect(files[`OEBPS/${item.href}`], item.href).toBeDefined();
    expect(Object.keys(files).filter((f) => f.startsWith('OEBPS/') && f !== opfPath).sort()).toEqual(items.map((i) => `OEBPS/${i.href}`).sort());
    expect(items.find((i) => i.props === 'nav')?.href).toBe('nav.xhtml');
    expect(items.filter((i) => i.type.startsWith('image/')).map((i) => [i.href, i.type])).toEqual([
      ['images/1-1.png', 'image/png'],
      ['images/2-1.gif', 'image/gif'],
    ]);
    expect([...files['OEBPS/images/1-1.png']!]).toEqual([...png]);
    expect([...files['OEBPS/images/2-1.gif']!]).toEqual([...gif]);
    const spine = [...opf.getElementsByTagName('itemref')].map((r) => items.find((i) => i.id === r.getAttribute('idref'))?.href);
    expect(spine).toEqual(['text/chapter-1.xhtml', 'text/chapter-2.xhtml']);

    const nav = xml(strFromU8(files['OEBPS/nav.xhtml']!), 'application/xhtml+xml');
    expect([...nav.querySelectorAll('nav li a')].map((a) => [a.getAttribute('href'), a.textContent])).toEqual([
      ['text/chapter-1.xhtml', '城市书房点亮市民文化生活'],
      ['text/chapter-2.xhtml', 'Night trains & valleys'],
    ]);

    const chapter = xml(strFromU8(files['OEBPS/text/chapter-1.xhtml']!), 'application/xhtml+xml');
    expect(chapter.documentElement.namespaceURI).toBe('http://www.w3.org/1999/xhtml');
    expect(chapter.querySelector('h1')?.textContent).toBe('城市书房点亮市民文化生活');
    expect([...chapter.querySelectorAll('img')].map((img) => img.getAttribute('src'))).toEqual(['../images/1-1.png', '../images/1-1.png']);
    expect(chapter.querySelectorAll('section[data-page]')).toHaveLength(2);
    expect(chapter.body.textContent).toContain('第二页 & 粗体');
    expect(chapter.body.textContent).not.toContain('\u0001');
    const chapter2 = xml(strFromU8(files['OEBPS/text/chapter-2.xhtml']!), 'application/xhtml+xml');
    expect(chapter2.documentElement.getAttribute('xml:lang')).toBe('en');
  });

  it('names a one-article book after the article', async () => {
    const files = unzipSync(await buildEpub([{ article: one, images: [] }], window));
    const opf = xml(strFromU8(files['OEBPS/content.opf']!));
    expect(opf.getElementsByTagName('dc:title')[0]?.textContent).toBe('城市书房点亮市民文化生活');
    expect(opf.getElementsByTagName('dc:creator')[0]?.textContent).toBe('记者 张三');
    // No image saved: none in the book, none left pointing at the network.
    expect(Object.keys(files).some((f) => f.includes('images/'))).toBe(false);
    expect(strFromU8(files['OEBPS/text/chapter-1.xhtml']!)).not.toContain('<img');
  });
});

/**
 * The package rules epubcheck applies that a book like ours can break: the OCF container (mimetype
 * first, stored, no extra field; container.xml naming the package), the package document (unique
 * identifier, title, language, modified date; manifest ids unique, every item present, every file
 * listed, media types right; spine items in the manifest and XHTML; exactly one nav), and every
 * XHTML document well-formed XML in the XHTML namespace with its links and images resolving.
 */
function checkEpubStructure(zip: Uint8Array): { files: Record<string, Uint8Array>; opf: Document; spine: Element; items: Map<string, { href: string; type: string; props: string | null }> } {
  const order = zipOrder(zip);
  expect(order[0]).toEqual({ name: 'mimetype', method: 0, extra: 0 });
  expect(new Set(order.map((o) => o.name)).size).toBe(order.length);
  const files = unzipSync(zip);
  expect(strFromU8(files.mimetype!)).toBe('application/epub+zip');
  const container = xml(strFromU8(files['META-INF/container.xml']!));
  const rootfile = container.getElementsByTagName('rootfile')[0]!;
  expect(rootfile.getAttribute('media-type')).toBe('application/oebps-package+xml');
  const opfPath = rootfile.getAttribute('full-path')!;
  const base = opfPath.slice(0, opfPath.lastIndexOf('/') + 1);
  const opf = xml(strFromU8(files[opfPath]!));
  const pkg = opf.documentElement;
  expect(pkg.getAttribute('version')).toBe('3.0');
  expect(opf.getElementById(pkg.getAttribute('unique-identifier')!)?.localName).toBe('identifier');
  for (const name of ['dc:title', 'dc:language']) expect(opf.getElementsByTagName(name)[0]?.textContent?.trim(), name).toBeTruthy();
  expect(opf.querySelector('meta[property="dcterms:modified"]')?.textContent).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

  const items = new Map<string, { href: string; type: string; props: string | null }>();
  for (const item of opf.getElementsByTagName('item')) {
    const id = item.getAttribute('id')!;
    expect(items.has(id), `duplicate id ${id}`).toBe(false);
    items.set(id, { href: item.getAttribute('href')!, type: item.getAttribute('media-type')!, props: item.getAttribute('properties') });
  }
  const TYPES: Record<string, string> = { xhtml: 'application/xhtml+xml', css: 'text/css', png: 'image/png', gif: 'image/gif', jpg: 'image/jpeg', webp: 'image/webp', svg: 'image/svg+xml' };
  for (const { href, type } of items.values()) {
    expect(files[base + href], href).toBeDefined();
    expect(type, href).toBe(TYPES[href.slice(href.lastIndexOf('.') + 1)]);
  }
  const listed = new Set([...items.values()].map((i) => base + i.href));
  expect(Object.keys(files).filter((f) => f !== 'mimetype' && !f.startsWith('META-INF/') && f !== opfPath && !listed.has(f))).toEqual([]);
  expect([...items.values()].filter((i) => i.props?.split(' ').includes('nav'))).toHaveLength(1);

  const spine = opf.getElementsByTagName('spine')[0]!;
  const refs = [...spine.getElementsByTagName('itemref')].map((r) => r.getAttribute('idref')!);
  expect(refs.length).toBeGreaterThan(0);
  for (const ref of refs) expect(items.get(ref)?.type, ref).toBe('application/xhtml+xml');

  for (const { href, type, props } of items.values()) {
    if (type !== 'application/xhtml+xml') continue;
    const doc = xml(strFromU8(files[base + href]!), 'application/xhtml+xml');
    expect(doc.documentElement.namespaceURI).toBe('http://www.w3.org/1999/xhtml');
    expect(doc.documentElement.getAttribute('xml:lang') ?? doc.documentElement.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'lang')).toBeTruthy();
    const dir = (base + href).slice(0, (base + href).lastIndexOf('/') + 1);
    const resolve = (ref: string) => new URL(ref, `http://book/${dir}`).pathname.slice(1);
    for (const img of doc.querySelectorAll('img')) expect(files[resolve(img.getAttribute('src')!)], img.getAttribute('src')!).toBeDefined();
    for (const link of doc.querySelectorAll('link[rel="stylesheet"]')) expect(files[resolve(link.getAttribute('href')!)]).toBeDefined();
    if (props?.split(' ').includes('nav')) {
      const toc = [...doc.getElementsByTagName('nav')].find((n) => n.getAttributeNS('http://www.idpf.org/2007/ops', 'type') === 'toc');
      expect(toc, 'nav epub:type="toc"').toBeDefined();
      const targets = [...toc!.querySelectorAll('ol > li > a')].map((a) => resolve(a.getAttribute('href')!.split('#')[0]!));
      expect(targets).toEqual(refs.map((r) => base + items.get(r)!.href));
    }
  }
  return { files, opf, spine, items };
}

describe('buildEpub: package structure, horizontal and vertical', () => {
  const article = testArticle(3, {
    title: '白皮书全文：中国的发展',
    contentHtml: pages(
      '<p>2024年5月1日，12个城市、365天、第3页。GDP增长6.5%，5G网络，2024-05-01。</p><p><img src="http://www.people.com.cn/img/2.png" alt="图"></p>',
      '<p>第二页：<code>x = 10</code> <a href="http://www.people.com.cn/a">第12条</a></p>',
    ),
  });
  const images: StoredImage[] = [{ articleId: article.id, url: 'http://www.people.com.cn/img/2.png', blob: new Blob([pngBytes(20)], { type: 'image/png' }) }];

  it('is a well-formed EPUB 3 package in horizontal lines (the default)', async () => {
    const { files, opf, spine } = checkEpubStructure(await buildEpub([{ article, images }], window));
    expect(spine.hasAttribute('page-progression-direction')).toBe(false);
    expect(opf.querySelector('meta[name="primary-writing-mode"]')).toBeNull();
    expect(strFromU8(files['OEBPS/style.css']!)).not.toContain('vertical-rl');
    expect(strFromU8(files['OEBPS/text/chapter-1.xhtml']!)).not.toContain('class="tcy"');
  });

  it('is a well-formed EPUB 3 package in vertical columns, right to left', async () => {
    const { files, opf, spine } = checkEpubStructure(await buildEpub([{ article, images }, { article: testArticle(4, { title: '第二篇' }), images: [] }], window, { vertical: true }));
    expect(spine.getAttribute('page-progression-direction')).toBe('rtl');
    expect(opf.querySelector('meta[name="primary-writing-mode"]')?.getAttribute('content')).toBe('vertical-rl');
    const css = strFromU8(files['OEBPS/style.css']!);
    expect(css).toMatch(/-epub-writing-mode:\s*vertical-rl/);
    expect(css).toMatch(/(^|[^-])writing-mode:\s*vertical-rl/m);
    expect(css).toMatch(/text-combine-upright:\s*all/);
    const chapter = xml(strFromU8(files['OEBPS/text/chapter-1.xhtml']!), 'application/xhtml+xml');
    // Short numbers upright; a year (too long for one cell), a decimal, a date, a Latin word's digits, code and links left as they were.
    expect([...chapter.querySelectorAll('span.tcy')].map((s) => s.textContent)).toEqual(['5', '1', '12', '365', '3']);
    expect(chapter.body.textContent).toContain('GDP增长6.5%，5G网络，2024-05-01。');
    expect(chapter.querySelector('code')?.textContent).toBe('x = 10');
    expect(chapter.querySelector('a[href="http://www.people.com.cn/a"]')?.textContent).toBe('第12条');
  });
});
