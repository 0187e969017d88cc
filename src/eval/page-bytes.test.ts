import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../pipeline/decode';
import { stripTextWrapper } from './page-bytes';

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
    expect(decodeHtml(out, null).html).toBe('<html><body>你好</body></html>\n\n');
  });

  it('leaves unwrapped pages alone', () => {
    const bytes = ascii('<!--http://x/-->\n<html></html>');
    expect(stripTextWrapper(bytes)).toBe(bytes);
  });
});
