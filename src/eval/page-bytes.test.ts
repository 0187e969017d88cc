import { describe, expect, it } from 'vitest';
import { fallbackDecodeHtml, sniffMetaCharset, stripTextWrapper } from './page-bytes';

const ascii = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
// "你好" in GB2312/GBK.
const NIHAO_GBK = new Uint8Array([0xc4, 0xe3, 0xba, 0xc3]);

describe('stripTextWrapper', () => {
  it('drops the <text …> first line and the closing </text>, on raw GBK bytes', () => {
    const bytes = concat(
      ascii('<text id="http://chinaneast.xinhuanet.com/x.htm" title="'),
      NIHAO_GBK,
      ascii('" encoding="gb2312">\n<html><body>'),
      NIHAO_GBK,
      ascii('</body></html>\n\n</text>\n'),
    );
    const out = stripTextWrapper(bytes);
    expect(Buffer.from(out).subarray(0, 12).toString('latin1')).toBe('<html><body>');
    expect(Buffer.from(out).toString('latin1').trimEnd().endsWith('</html>')).toBe(true);
    expect(fallbackDecodeHtml(out, null).html).toBe('<html><body>你好</body></html>\n\n');
  });

  it('leaves unwrapped pages alone', () => {
    const bytes = ascii('<!--http://x/-->\n<html></html>');
    expect(stripTextWrapper(bytes)).toBe(bytes);
  });
});

describe('fallbackDecodeHtml', () => {
  it('decodes GB2312-declared GBK bytes as gb18030', () => {
    const bytes = concat(ascii('<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>'), NIHAO_GBK);
    expect(fallbackDecodeHtml(bytes, null)).toEqual({ html: expect.stringContaining('<p>你好'), charset: 'gb18030' });
  });

  it('prefers valid UTF-8 over a GB2312 meta (re-encoded corpus pages)', () => {
    const bytes = concat(ascii('<meta charset="GB2312"><p>'), new Uint8Array(Buffer.from('你好', 'utf8')));
    expect(fallbackDecodeHtml(bytes, null)).toEqual({ html: '<meta charset="GB2312"><p>你好', charset: 'utf-8' });
  });

  it('honours a UTF-8 BOM', () => {
    const bytes = concat(new Uint8Array([0xef, 0xbb, 0xbf]), new Uint8Array(Buffer.from('新华', 'utf8')));
    expect(fallbackDecodeHtml(bytes, null)).toEqual({ html: '新华', charset: 'utf-8' });
  });

  it('falls back to gb18030 when nothing is declared and bytes are not UTF-8', () => {
    expect(fallbackDecodeHtml(NIHAO_GBK, null).html).toBe('你好');
  });

  it('sniffs meta charsets', () => {
    expect(sniffMetaCharset(ascii('<meta http-equiv="content-type" content="text/html;charset=GB2312">'))).toBe('GB2312');
    expect(sniffMetaCharset(ascii('<html>'))).toBeNull();
  });
});
