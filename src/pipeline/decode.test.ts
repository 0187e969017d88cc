import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, decodeHtml, metaCharset, normalizeCharset, utf8Validity } from './decode';

const utf8 = (s: string) => new TextEncoder().encode(s);
const gbk = (s: string) => new Uint8Array(iconv.encode(s, 'gb18030'));
const big5 = (s: string) => new Uint8Array(iconv.encode(s, 'big5'));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let i = 0;
  for (const p of parts) {
    out.set(p, i);
    i += p.length;
  }
  return out;
};

const ZH = '人民网北京6月15日电 中国文化和自然遗产日，记者从国家文物局获悉。';
const ZH_TRAD = '這個國家的經濟發展與實際情況，記者從國務院獲悉。';

/** A People's Daily 2019 head: the misleading Content-Language meta before the real content-type meta. */
const PEOPLE_HEAD =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n' +
  '<html xmlns="http://www.w3.org/1999/xhtml"><head>\n' +
  '<meta http-equiv="Content-Language" content="utf-8" />\n' +
  '<meta http-equiv="content-type" content="text/html;charset=GB2312"/>\n' +
  '<title>文化遗产日--文化--人民网 </title></head>';

describe('normalizeCharset / charsetFromContentType', () => {
  it('maps every GB label to gb18030, never to Node\'s own gbk', () => {
    for (const label of ['gbk', 'GB2312', 'gb_2312-80', 'x-gbk', 'cp936', 'GB18030', ' "gb2312" ']) {
      expect(normalizeCharset(label), label).toBe('gb18030');
    }
  });
  it('maps big5 and utf-8 labels, rejects unknown ones', () => {
    expect(normalizeCharset('Big5')).toBe('big5');
    expect(normalizeCharset('big5-hkscs')).toBe('big5');
    expect(normalizeCharset('UTF8')).toBe('utf-8');
    expect(normalizeCharset('no-such-charset')).toBeNull();
    expect(normalizeCharset('')).toBeNull();
    expect(normalizeCharset(null)).toBeNull();
  });
  it('reads the charset parameter of a Content-Type header', () => {
    expect(charsetFromContentType('text/html; charset=GB2312')).toBe('gb18030');
    expect(charsetFromContentType('text/html;charset="utf-8"')).toBe('utf-8');
    expect(charsetFromContentType('text/html')).toBeNull();
    expect(charsetFromContentType(null)).toBeNull();
  });
});

describe('metaCharset', () => {
  it('finds <meta charset> and <meta http-equiv=Content-Type> in either attribute order', () => {
    expect(metaCharset(utf8('<head><meta charset="gbk"></head>'))).toBe('gb18030');
    expect(metaCharset(utf8('<head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head>'))).toBe('big5');
    expect(metaCharset(utf8('<head><META CONTENT="text/html; charset=gb2312" HTTP-EQUIV="Content-Type"></head>'))).toBe('gb18030');
  });
  it('is not fooled by People\'s Daily\'s Content-Language "utf-8" meta', () => {
    expect(metaCharset(utf8(PEOPLE_HEAD))).toBe('gb18030');
  });
  it('ignores a meta inside a comment and finds the one after a leading comment', () => {
    const html = '<!-- <meta charset="big5"> -->\n<!DOCTYPE html><html><head><meta charset="gb2312"></head></html>';
    expect(metaCharset(utf8(html))).toBe('gb18030');
  });
  it('returns null when there is no declaration', () => {
    expect(metaCharset(utf8('<html><head><title>x</title></head></html>'))).toBeNull();
  });
});

describe('utf8Validity', () => {
  it('tells ASCII, UTF-8 and GBK bytes apart', () => {
    expect(utf8Validity(utf8('hello'))).toEqual({ valid: true, multibyte: false });
    expect(utf8Validity(utf8(ZH))).toEqual({ valid: true, multibyte: true });
    expect(utf8Validity(gbk(ZH)).valid).toBe(false);
  });
  it('accepts a UTF-8 body truncated in the middle of a character', () => {
    const bytes = utf8(`abc${ZH}`);
    expect(utf8Validity(bytes.subarray(0, bytes.length - 1)).valid).toBe(true);
  });  it('checks the continuation bytes present in a sequence cut by the end', () => {
    expect(utf8Validity(new Uint8Array([0x61, 0x62, 0x63, 0xe4, 0x41])).valid).toBe(false);
  });
  it('refuses overlong forms, surrogates and code points past U+10FFFF, as the WHATWG decoder does', () => {
    for (const bad of [[0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf0, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf], [0xf5, 0x80, 0x80, 0x80]]) {
      expect(utf8Validity(new Uint8Array([0x61, ...bad, 0x62])).valid, bad.map((b) => b.toString(16)).join(' ')).toBe(false);
      // ... even cut by the end of the body
      expect(utf8Validity(new Uint8Array([0x61, ...bad.slice(0, 2)])).valid, `cut ${bad.map((b) => b.toString(16)).join(' ')}`).toBe(false);
    }
  });
});

describe('invalid UTF-8 never overrides a declared charset', () => {
  it('keeps a GBK header when the bytes hold an overlong form or a surrogate', () => {
    for (const bad of [[0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80]]) {
      const bytes = concat(gbk(`<p>${ZH}</p>`), new Uint8Array(bad));
      expect(decodeHtml(bytes, 'text/html; charset=gbk').charset).toBe('gb18030');
    }
  });
  it('reads charset labels as own properties only (constructor, __proto__, toString are no charsets)', () => {
    for (const label of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(normalizeCharset(label)).toBeNull();
      expect(charsetFromContentType(`text/html; charset=${label}`)).toBeNull();
      expect(() => decodeHtml(utf8(`<meta charset="${label}"><p>${ZH}</p>`), `text/html; charset=${label}`)).not.toThrow();
      expect(decodeHtml(gbk(`<meta charset="${label}"><p>${ZH}</p>`), null).html).toContain(ZH);
    }
  });
});

describe('decodeHtml', () => {
  it('uses the Content-Type header charset', () => {
    const bytes = gbk(`<html><body>${ZH}</body></html>`);
    const out = decodeHtml(bytes, 'text/html; charset=gb2312');
    expect(out).toMatchObject({ charset: 'gb18030', source: 'header', lossy: false });
    expect(out.html).toContain(ZH);
  });

  it('lets a UTF-8 BOM win over a GB2312 header and strips it', () => {
    const bytes = concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(`<p>${ZH}</p>`));
    const out = decodeHtml(bytes, 'text/html; charset=gb2312');
    expect(out).toMatchObject({ charset: 'utf-8', source: 'bom' });
    expect(out.html.startsWith('<p>')).toBe(true);
    expect(out.html).toContain(ZH);
  });

  it('decodes a UTF-16LE BOM page', () => {
    const text = `<p>${ZH}</p>`;
    const body = new Uint8Array(Buffer.from(text, 'utf16le'));
    const out = decodeHtml(concat(new Uint8Array([0xff, 0xfe]), body), null);
    expect(out).toMatchObject({ charset: 'utf-16le', source: 'bom' });
    expect(out.html).toBe(text);
  });

  it('uses <meta charset> when the header has none', () => {
    const out = decodeHtml(gbk(`<html><head><meta charset="gbk"></head><body>${ZH}</body></html>`), 'text/html');
    expect(out).toMatchObject({ charset: 'gb18030', source: 'meta', lossy: false });
    expect(out.html).toContain(ZH);
  });

  it('decodes a real-shaped People\'s Daily page (GB2312 content-type meta beside Content-Language utf-8)', () => {
    const bytes = gbk(`${PEOPLE_HEAD}<body><div id="rwb_zw"><p>${ZH}</p></div></body></html>`);
    const out = decodeHtml(bytes, 'text/html');
    expect(out).toMatchObject({ charset: 'gb18030', source: 'meta', lossy: false });
    expect(out.html).toContain(ZH);
    expect(out.html).toContain('文化遗产日--文化--人民网');
  });

  it('treats UTF-8 bytes under a GB2312 meta as UTF-8 (re-saved pages)', () => {
    const bytes = utf8(`${PEOPLE_HEAD}<body><p>${ZH}</p></body></html>`);
    const out = decodeHtml(bytes, null);
    expect(out.charset).toBe('utf-8');
    expect(out.source).toBe('sniffed');
    expect(out.html).toContain(ZH);
  });

  it('treats UTF-8 bytes under a GB2312 header as UTF-8 too', () => {
    const out = decodeHtml(utf8(`<p>${ZH}</p>`), 'text/html; charset=GB2312');
    expect(out.charset).toBe('utf-8');
    expect(out.html).toContain(ZH);
  });

  it('sniffs GB2312 bytes with no declaration at all as gb18030', () => {
    const out = decodeHtml(gbk(`<html><body><p>${ZH}</p></body></html>`), null);
    expect(out).toMatchObject({ charset: 'gb18030', source: 'sniffed', lossy: false });
    expect(out.html).toContain(ZH);
  });

  it('decodes Big5 bytes declared big5 (Xinhua big5 gateway)', () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head><body>${ZH_TRAD}</body></html>`;
    const viaMeta = decodeHtml(big5(html), null);
    expect(viaMeta).toMatchObject({ charset: 'big5', source: 'meta', lossy: false });
    expect(viaMeta.html).toContain(ZH_TRAD);
    const viaHeader = decodeHtml(big5(`<p>${ZH_TRAD}</p>`), 'text/html; charset=big5');
    expect(viaHeader.charset).toBe('big5');
    expect(viaHeader.html).toContain(ZH_TRAD);
  });

  it('survives a wrong header: says utf-8, bytes are GBK', () => {
    const out = decodeHtml(gbk(`<html><body><p>${ZH}</p></body></html>`), 'text/html; charset=utf-8');
    expect(out.charset).toBe('gb18030');
    expect(out.lossy).toBe(false);
    expect(out.html).toContain(ZH);
    expect(out.html).not.toContain('\ufffd');
  });

  it('survives a wrong meta: says utf-8, bytes are GBK', () => {
    const out = decodeHtml(gbk(`<html><head><meta charset="utf-8"></head><body><p>${ZH}</p></body></html>`), null);
    expect(out.charset).toBe('gb18030');
    expect(out.html).toContain(ZH);
  });  it('survives a wrong header: says big5, bytes are GBK with a GBK-only character', () => {
    // "丂" is GBK 0x81 0x40, unmapped in Big5: the big5 decode is lossy, so gb18030 is tried.
    // (Plain GB2312 text is also well-formed Big5, so no decoder can catch that case.)
    const text = `${ZH}丂`;
    expect(gbk('丂')[0]).toBe(0x81);
    const out = decodeHtml(gbk(`<p>${text}</p>`), 'text/html; charset=big5');
    expect(out.charset).toBe('gb18030');
    expect(out.source).toBe('sniffed');
    expect(out.html).toContain(text);
  });

  // BUG: the meta is never read when a header charset exists. A wrong `charset=utf-8` header on a
  // Big5 page whose meta says big5 falls to the gb18030 sniff, which decodes Big5 bytes without any
  // replacement character, so the page comes out as mojibake ("這個國家" → "硂瓣產").
  it('prefers the page\'s own big5 meta over a wrong utf-8 header', () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head><body>${ZH_TRAD}</body></html>`;
    const out = decodeHtml(big5(html), 'text/html; charset=utf-8');
    expect(out.charset).toBe('big5');
    expect(out.html).toContain(ZH_TRAD);
  });

  it('finds the meta after an HTML comment before the doctype (2022 Xinhua pages)', () => {
    const comment = `<!-- ${'x'.repeat(300)} 新华网 ${'y'.repeat(300)} -->\n`;
    const bytes = concat(gbk(comment), utf8('<!DOCTYPE html><html><head><meta charset="gb2312"></head><body><p>'), gbk(ZH), utf8('</p></body></html>'));
    const out = decodeHtml(bytes, null);
    expect(out.charset).toBe('gb18030');
    expect(out.html).toContain(ZH);
    expect(out.html).toContain('新华网');
  });

  it('decodes pure ASCII under a GB2312 declaration without loss (English 2007–08 pages)', () => {
    const html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>Beijing (Xinhua)</body></html>';
    const out = decodeHtml(utf8(html), null);
    expect(out.lossy).toBe(false);
    expect(out.html).toBe(html);
  });

  it('never throws on invalid byte sequences and reports them as lossy', () => {
    const garbage = new Uint8Array([0x3c, 0x70, 0x3e, 0x80, 0xff, 0xfe, 0xff, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0x3c, 0x2f, 0x70, 0x3e]);
    for (const ct of [null, 'text/html; charset=utf-8', 'text/html; charset=gb2312', 'text/html; charset=big5', 'text/html; charset=bogus']) {
      const out = decodeHtml(garbage, ct);
      expect(typeof out.html, String(ct)).toBe('string');
      expect(out.html.startsWith('<p>'), String(ct)).toBe(true);
      expect(out.lossy, String(ct)).toBe(true);
    }
    expect(() => decodeHtml(new Uint8Array([]), null)).not.toThrow();
  });

  // Node's ICU big5 maps unassigned pairs to private-use characters without failing; a page that is
  // Big5 but for one such pair keeps its Big5 decoding and is flagged lossy.
  it('flags bytes a big5 decode cannot map as lossy instead of inventing characters', () => {
    const out = decodeHtml(concat(utf8('<p>'), big5(ZH_TRAD.repeat(5)), new Uint8Array([0x81, 0x40]), utf8('</p>')), 'text/html; charset=big5');
    expect(out.html).toContain(ZH_TRAD);
    expect(out.charset).toBe('big5');
    expect(out.lossy).toBe(true);
    const invented = /[\ue000-\uf8ff\x80-\x9f]/.test(out.html);
    expect(invented && !out.lossy).toBe(false);
  });

  it('decodes a GB label with the web\'s gb18030 table, not Node\'s gbk (0xA2E3 is €, 0xA6D9 is ︐)', () => {
    // Node's TextDecoder('gbk') maps these pairs to private-use characters.
    const pairs = new Uint8Array([0xa2, 0xe3, 0xa6, 0xd9]);
    expect(new TextDecoder('gbk').decode(pairs)).not.toBe('€︐');
    for (const ct of ['text/html; charset=gbk', 'text/html; charset=gb2312']) {
      const out = decodeHtml(concat(utf8('<p>'), pairs, gbk(ZH), utf8('</p>')), ct);
      expect(out.charset).toBe('gb18030');
      expect(out.html).toBe(`<p>€︐${ZH}</p>`);
    }
  });
});
