import { getDomain } from 'tldts';
import { describe, expect, it } from 'vitest';
import './public-suffix';
import { itMaps } from '../../test/support/maps';
import { absoluteHttpUrl, KNOWN_SITE_DOMAINS, needsPublicSuffixList, pageKey, parseHttpUrl, registrableDomain, sameSite, usePublicSuffixList } from './url';

describe('registrableDomain', () => {
  itMaps(registrableDomain, [
    ['culture.people.com.cn', 'people.com.cn'],
    ['people.com.cn', 'people.com.cn'],
    ['WWW.People.COM.CN.', 'people.com.cn'],
    ['en.people.cn', 'people.cn'],
    ['news.xinhuanet.com', 'xinhuanet.com'],
    ['big5.xinhuanet.com', 'xinhuanet.com'],
    ['www.news.cn', 'news.cn'],
    ['english.news.cn', 'news.cn'],
    ['sh.news.cn', 'news.cn'],
    ['www.bbc.co.uk', 'bbc.co.uk'],
    ['news.bbc.co.uk', 'bbc.co.uk'],
    ['www.gov.cn', 'www.gov.cn'], // gov.cn is itself a public suffix,
    ['www.chinanews.com', 'chinanews.com'],
    ['127.0.0.1', '127.0.0.1'],
    ['10.1.2.3', '10.1.2.3'],
    ['[::1]', '[::1]'],
    ['localhost', 'localhost'],
    // Public Suffix List, ICANN and private sections (issue 12 item 2: these passed as one site)
    ['news.abc.com.br', 'abc.com.br'],
    ['evil.com.br', 'evil.com.br'],
    ['www.tribune.co.in', 'tribune.co.in'],
    ['news.abc.net.au', 'abc.net.au'],
    ['alice.github.io', 'alice.github.io'],
    ['bob.blogspot.com', 'bob.blogspot.com'],
    ['github.io', 'github.io'],
  ], '%s → %s');
  it('does not merge two different IPs in the same /16', () => {
    expect(registrableDomain('10.1.2.3')).not.toBe(registrableDomain('10.1.9.9'));
  });
});

describe('sameSite', () => {
  it('groups subdomains and http/https twins of one registrable domain', () => {
    expect(sameSite('http://news.xinhuanet.com/a.htm', 'https://big5.xinhuanet.com/gate/big5/b.htm')).toBe(true);
    expect(sameSite('http://culture.people.com.cn/n1/x.html', 'https://www.people.com.cn/')).toBe(true);
    expect(sameSite(new URL('http://www.news.cn/'), 'http://english.news.cn/')).toBe(true);
  });
  it('separates different registrable domains, including look-alikes', () => {
    expect(sameSite('http://www.people.com.cn/', 'http://www.xinhuanet.com/')).toBe(false);
    expect(sameSite('http://people.com.cn.evil.com/', 'http://people.com.cn/')).toBe(false);
    expect(sameSite('http://a.com.cn/', 'http://b.com.cn/')).toBe(false);
    expect(sameSite('http://news.bbc.co.uk/', 'http://www.itv.co.uk/')).toBe(false);
  });
  it('is false for non-http URLs', () => {
    expect(sameSite('javascript:alert(1)', 'http://www.people.com.cn/')).toBe(false);
    expect(sameSite('ftp://people.com.cn/x', 'http://people.com.cn/')).toBe(false);
  });
});

describe('parseHttpUrl', () => {
  it('parses http(s) only', () => {
    expect(parseHttpUrl('https://x.cn/a')?.href).toBe('https://x.cn/a');
    expect(parseHttpUrl('a-2.html', 'http://x.cn/n1/a.html')?.href).toBe('http://x.cn/n1/a-2.html');
    expect(parseHttpUrl('file:///etc/passwd')).toBeNull();
    expect(parseHttpUrl('not a url')).toBeNull();
  });
});

describe('pageKey', () => {
  const base = 'http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html';
  it('is equal for http/https twins, fragments, www. and utm_* parameters', () => {
    const key = pageKey(base);
    expect(pageKey(base.replace('http:', 'https:'))).toBe(key);
    expect(pageKey(`${base}#top`)).toBe(key);
    expect(pageKey(`${base}?utm_source=weibo&utm_medium=social`)).toBe(key);
    expect(pageKey(`${base}?from=pager`)).toBe(key);
    expect(pageKey(base.replace('://culture.', '://CULTURE.'))).toBe(key);
    expect(pageKey('http://www.xinhuanet.com/a/')).toBe(pageKey('https://xinhuanet.com/a'));
  });
  it('ignores a trailing slash and default index files', () => {
    expect(pageKey('http://x.cn/news/')).toBe(pageKey('http://x.cn/news'));
    expect(pageKey('http://x.cn/news/index.html')).toBe(pageKey('http://x.cn/news/'));
    expect(pageKey('http://x.cn/')).toBe(pageKey('http://x.cn'));
  });
  it('keeps query parameters that select a page, in any order', () => {
    expect(pageKey('http://x.cn/a.php?id=5&page=2')).not.toBe(pageKey('http://x.cn/a.php?id=5'));
    expect(pageKey('http://x.cn/a.php?page=2&id=5')).toBe(pageKey('http://x.cn/a.php?id=5&page=2'));
  });
  it('keeps different pages apart', () => {
    expect(pageKey(base)).not.toBe(pageKey(base.replace('.html', '-2.html')));
  });
});

describe('absoluteHttpUrl', () => {
  const base = 'http://news.xinhuanet.com/food/2012-01/16/c_122592817.htm';
  it('resolves relative, root-relative and protocol-relative links, dropping the fragment', () => {
    expect(absoluteHttpUrl('c_122592817_2.htm', base)).toBe('http://news.xinhuanet.com/food/2012-01/16/c_122592817_2.htm');
    expect(absoluteHttpUrl('/n1/x.html', base)).toBe('http://news.xinhuanet.com/n1/x.html');
    expect(absoluteHttpUrl('//big5.xinhuanet.com/x.htm', base)).toBe('http://big5.xinhuanet.com/x.htm');
    expect(absoluteHttpUrl('  c_1_3.htm#p  ', base)).toBe('http://news.xinhuanet.com/food/2012-01/16/c_1_3.htm');
  });
  it.each([
    'javascript:void(0)', 'JavaScript:nextPage()', ' javascript:;', 'java\tscript:alert(1)', 'data:text/html,<b>x</b>',
    'vbscript:x', 'mailto:a@b.cn', 'tel:123', '#top', '#', '', '   ', 'ftp://x.cn/a', 'http://[bad',
  ])('rejects %j', (href) => {
    expect(absoluteHttpUrl(href, base)).toBeNull();
  });
  it('rejects null and undefined', () => {
    expect(absoluteHttpUrl(null, base)).toBeNull();
    expect(absoluteHttpUrl(undefined, base)).toBeNull();
  });
});

describe('sites under the Public Suffix List', () => {
  it.each([
    ['http://news.abc.com.br/a.html', 'http://evil.com.br/b.html'],
    ['http://www.tribune.co.in/a.html', 'http://evil.co.in/b.html'],
    ['http://news.abc.net.au/a.html', 'http://evil.net.au/b.html'],
    ['https://alice.github.io/a.html', 'https://mallory.github.io/b.html'],
    ['https://alice.blogspot.com/a.html', 'https://mallory.blogspot.com/b.html'],
  ])('%s and %s are different sites', (a, b) => {
    expect(sameSite(a, b)).toBe(false);
  });
  it('keeps subdomains of one registrable domain together under those suffixes', () => {
    expect(sameSite('http://news.abc.com.br/a.html', 'http://www.abc.com.br/b.html')).toBe(true);
    expect(sameSite('https://alice.github.io/a/', 'https://www.alice.github.io/b/')).toBe(true);
  });
});

describe('without the list (the content script)', () => {
  const hosts = [
    'news.xinhuanet.com', 'big5.xinhuanet.com', 'www.news.cn', 'english.news.cn', 'www.people.com.cn', 'culture.people.com.cn', 'en.people.cn', 'people.cn',
    'www.peopledaily.com.cn', 'www.xinhua.org', 'people.com.cn.evil.com', 'evil.com.cn', 'news.abc.com.br', 'evil.com.br', 'www.abc.com.br', 'alice.github.io',
    'mallory.github.io', 'github.io', 'www.example.com', 'example.com', '127.0.0.1', 'localhost',
  ];
  it('the known sites\' domains are registrable domains of the list', () => {
    for (const d of KNOWN_SITE_DOMAINS) expect(getDomain(`www.${d}`, { allowPrivateDomains: true })).toBe(d);
  });
  it('is never looser than the list: two hosts the same site without it are the same site with it', () => {
    const withList = hosts.map((h) => registrableDomain(h));
    usePublicSuffixList(null);
    try {
      const without = hosts.map((h) => registrableDomain(h));
      for (let a = 0; a < hosts.length; a++) {
        for (let b = 0; b < hosts.length; b++) {
          if (without[a] === without[b]) expect(withList[a], `${hosts[a]} ~ ${hosts[b]}`).toBe(withList[b]);
        }
      }
      // ... and still groups each known site's hosts
      expect(sameSite('http://news.xinhuanet.com/a', 'http://big5.xinhuanet.com/b')).toBe(true);
      expect(sameSite('http://culture.people.com.cn/a', 'http://www.people.com.cn/b')).toBe(true);
      expect(sameSite('http://www.example.com/a', 'http://example.com/b')).toBe(false);
    } finally {
      usePublicSuffixList((h) => getDomain(h, { allowPrivateDomains: true, extractHostname: false }));
    }
  });
  it('needsPublicSuffixList: a host it says needs none compares with every host as the list does (a known site\'s read never loads it)', () => {
    const withList = hosts.map((h) => registrableDomain(h));
    usePublicSuffixList(null);
    try {
      const without = hosts.map((h) => registrableDomain(h));
      const needs = hosts.map((h) => needsPublicSuffixList(h));
      expect(hosts.filter((_, i) => !needs[i])).toEqual(['news.xinhuanet.com', 'big5.xinhuanet.com', 'www.news.cn', 'english.news.cn', 'www.people.com.cn', 'culture.people.com.cn', 'en.people.cn', 'people.cn', 'www.peopledaily.com.cn', 'www.xinhua.org', '127.0.0.1', 'localhost']);
      for (let a = 0; a < hosts.length; a++) {
        if (needs[a]) continue;
        for (let b = 0; b < hosts.length; b++) expect(without[a] === without[b], `${hosts[a]} ~ ${hosts[b]}`).toBe(withList[a] === withList[b]);
      }
    } finally {
      usePublicSuffixList((h) => getDomain(h, { allowPrivateDomains: true, extractHostname: false }));
    }
    // Installed, nothing more is needed.
    expect(needsPublicSuffixList('www.example.com')).toBe(false);
  });
});
