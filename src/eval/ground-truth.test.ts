import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  htmlToText,
  loadGroundTruth,
  pageUrlFromIndex,
  parseBaseJson,
  parseEvaldataJson,
  parseIndexTsv,
  parseReferenceTxt,
  shortName,
  siteGroup,
} from './ground-truth';

// A reference.txt as found in the DAnIEL corpus: one <p> per line, title line first.
const REFERENCE_SAMPLE = [
  '<p>上海铁路局为农民工团体订票降门槛 十张以上即可办理</p>',
  '<p>人民网上海12月15日电（记者沈文敏）今天从上海铁路局获悉。</p>',
  '<h>小标题</h>',
  '<p>为方便农民工团体节后返程。</p',
].join('\n');

describe('parseReferenceTxt', () => {
  it('drops <p>/<h> marks (even an unclosed final one) and keeps one paragraph per line', () => {
    expect(parseReferenceTxt(REFERENCE_SAMPLE)).toBe(
      ['上海铁路局为农民工团体订票降门槛 十张以上即可办理', '人民网上海12月15日电（记者沈文敏）今天从上海铁路局获悉。', '小标题', '为方便农民工团体节后返程。'].join('\n'),
    );
  });

  it('handles several paragraphs on one line and attributes', () => {
    expect(parseReferenceTxt('<p class="x">甲</p><p>乙</p>')).toBe('甲\n乙');
  });
});

describe('parseBaseJson', () => {
  it('returns the content of the single hash entry', () => {
    const src = JSON.stringify({ abc123: { url: 'http://finance.people.com.cn/n1/x.html', content: '5月9日，国务院新闻办…\n第二段', remark: 'article' } });
    expect(parseBaseJson(src)).toEqual({ url: 'http://finance.people.com.cn/n1/x.html', text: '5月9日，国务院新闻办…\n第二段' });
  });

  it('throws without a content string', () => {
    expect(() => parseBaseJson('{"h": {"url": "x"}}')).toThrow(/content/);
  });
});

describe('parseEvaldataJson', () => {
  it('returns the with/without snippets', () => {
    const src = JSON.stringify({ 'http://a/b.htm': { file: 'b.html', title: '话剧 ', with: ['甲', '乙'], without: ['ICP证'] } });
    expect(parseEvaldataJson(src)).toEqual({ url: 'http://a/b.htm', with: ['甲', '乙'], without: ['ICP证'], title: '话剧' });
  });
});

describe('htmlToText', () => {
  it('separates block elements so Latin words never fuse', () => {
    expect(htmlToText('<div><p>end</p><p>Start &amp; <b>bold</b></p><br>x</div>')).toBe('end\nStart & bold\nx');
  });
});

describe('pageUrlFromIndex', () => {
  it('takes the URL before an (INFERRED …) note', () => {
    expect(pageUrlFromIndex('http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html (INFERRED: page links …)')).toBe(
      'http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html',
    );
  });

  it('builds http://HOST/ for unknown URLs', () => {
    expect(pageUrlFromIndex('unknown (host society.people.com.cn, People contentid 16620518)')).toBe('http://society.people.com.cn/');
    expect(pageUrlFromIndex('unknown (host big5.xinhuanet.com)')).toBe('http://big5.xinhuanet.com/');
  });

  it('throws on anything else', () => {
    expect(() => pageUrlFromIndex('n/a')).toThrow();
  });
});

describe('parseIndexTsv', () => {
  it('reads the columns by header name', () => {
    const header = 'file\tsite\turl\tencoding\tbytes\thas_pagination\tcleaned_chars\tsource_repo\tpath\tcommit\tera\tgt_files\tgt_format\tlicense\tnotes';
    const row = 'xinhua/x.html\txinhua\tunknown (host news.xinhuanet.com)\tmeta=utf-8\t10\tnone\t5\tr\tp\tc\t2012\tx.reference.txt\treference\tGPL\tnote';
    const [e] = parseIndexTsv(`${header}\n${row}\n`);
    expect(e).toMatchObject({ file: 'xinhua/x.html', site: 'xinhua', url: 'http://news.xinhuanet.com/', gtFormat: 'reference', notes: 'note' });
  });
});

describe('loadGroundTruth', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ws-gt-'));
  mkdirSync(join(dir, 's'));
  const put = (name: string, text: string) => writeFileSync(join(dir, 's', name), text);

  it('cleaned.txt: body only', () => {
    put('a.html', '');
    put('a.cleaned.txt', '\uFEFF正文');
    put('a.author.txt', '作者');
    expect(loadGroundTruth(dir, 's/a.html')).toMatchObject({ kind: 'text', format: 'cleaned', text: '正文', includesTitle: false });
  });

  it('reference.txt: includes the headline', () => {
    put('b.html', '');
    put('b.reference.txt', REFERENCE_SAMPLE);
    const gt = loadGroundTruth(dir, 's/b.html');
    expect(gt).toMatchObject({ kind: 'text', format: 'reference', includesTitle: true });
    expect(gt?.kind === 'text' && gt.text.startsWith('上海铁路局')).toBe(true);
  });

  it('base.json: body only', () => {
    put('c.html', '');
    put('c.base.json', JSON.stringify({ h: { url: 'u', content: '正文' } }));
    expect(loadGroundTruth(dir, 's/c.html')).toMatchObject({ format: 'base', text: '正文', includesTitle: false });
  });

  it('fulltext.DERIVED.txt: headline + text', () => {
    put('d.html', '');
    put('d.fulltext.DERIVED.txt', 'Headline\nBody');
    expect(loadGroundTruth(dir, 's/d.html')).toMatchObject({ format: 'fulltext', includesTitle: true });
  });

  it('newspaper4k .txt only next to .metadata.json', () => {
    put('e.html', '');
    put('e.txt', '正文');
    expect(loadGroundTruth(dir, 's/e.html')).toBeNull();
    put('e.metadata.json', '{}');
    expect(loadGroundTruth(dir, 's/e.html')).toMatchObject({ format: 'newspaper4k', text: '正文', includesTitle: false });
  });

  it('Readability expected.html: body text', () => {
    put('f.html', '');
    put('f.expected.html', '<div id="readability-page-1"><p>甲</p><p>one</p><p>two</p></div>');
    expect(loadGroundTruth(dir, 's/f.html')).toMatchObject({ format: 'readability', text: '甲\none\ntwo' });
  });

  it('evaldata.json: snippets, not full text', () => {
    put('g.html', '');
    put('g.evaldata.json', JSON.stringify({ u: { with: ['a'], without: ['b'], title: 't' } }));
    expect(loadGroundTruth(dir, 's/g.html')).toMatchObject({ kind: 'snippets', with: ['a'], without: ['b'] });
  });

  it('no ground truth: null', () => {
    put('h.html', '');
    expect(loadGroundTruth(dir, 's/h.html')).toBeNull();
  });
});

describe('names and groups', () => {
  it('shortens hashes and UUIDs', () => {
    expect(shortName('people/l3s_2ae0a4a8-fc44-496c-80e2-79d1c55572f5.html')).toBe('l3s_2ae0a4a8');
    expect(shortName('xinhua/20120112_big5.xinhuanet.com_067c5a9f23f01e3574177e7f0493b101be13b4aa46555c1fc72431a0.html')).toBe(
      '20120112_big5.xinhuanet.com_067c5a9f',
    );
    expect(shortName('people/gne_people_1.html')).toBe('gne_people_1');
  });

  it('groups sites', () => {
    expect([siteGroup('people'), siteGroup('xinhua'), siteGroup('gmw')]).toEqual(['people', 'xinhua', 'other']);
  });
});
