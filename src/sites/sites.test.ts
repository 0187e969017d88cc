import { MatchPattern } from '@webext-core/match-patterns';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createNodeDom } from '../cli/node-dom';
import { positionsOf } from '../pipeline/detect';
import { generic, newsSiteMatches, people, ruleForUrl, siteRules, xinhua, type SiteRule } from './index';

// Compile-time: every rule has the SiteRule shape (each file also says `satisfies SiteRule`).
const _shapes: readonly SiteRule[] = [xinhua, people, generic];
void _shapes;

/** Whether the browser's match pattern `pattern` matches `url` (@webext-core/match-patterns, as WXT uses). */
function matchPattern(pattern: string, url: string): boolean {
  return new MatchPattern(pattern).includes(url);
}

describe('match patterns (as the browser reads them)', () => {
  it('follows the WebExtension rules', () => {
    expect(matchPattern('*://*.people.com.cn/*', 'http://people.com.cn/x')).toBe(true);
    expect(matchPattern('*://*.people.com.cn/*', 'https://culture.people.com.cn/n1/a.html')).toBe(true);
    expect(matchPattern('*://*.people.com.cn/*', 'http://people.com.cn.evil.cn/')).toBe(false);
    expect(matchPattern('*://*.people.com.cn/*', 'http://notpeople.com.cn/')).toBe(false);
    expect(matchPattern('*://*.people.com.cn/*', 'ftp://people.com.cn/')).toBe(false);
    expect(matchPattern('https://news.cn/a/*', 'https://news.cn/b/c')).toBe(false);
    expect(() => matchPattern('*://people.*/*', 'http://people.cn/')).toThrow();
    expect(() => matchPattern('people.com.cn', 'http://people.com.cn/')).toThrow();
  });
});

const ALL_RULES: readonly SiteRule[] = [...siteRules, generic];
const SELECTOR_FIELDS = ['pager', 'currentPage', 'next', 'content', 'title', 'deck', 'published', 'source', 'byline', 'clean'] as const;

describe('site rules: conventions', () => {
  it('siteRules holds xinhua and people, generic serves the rest; ids are unique', () => {
    expect(siteRules.map((r) => r.id)).toEqual(['xinhua', 'people']);
    expect(new Set(ALL_RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
    expect(siteRules).not.toContain(generic);
  });

  describe.each(ALL_RULES.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    it('has the SiteRule shape', () => {
      expectTypeOf(rule).toMatchTypeOf<SiteRule>();
      expect(typeof rule.id).toBe('string');
      // One name per interface language; the Chinese ones in Chinese characters, Traditional for zh_TW.
      for (const name of [rule.label.en, rule.label.zh_CN, rule.label.zh_TW]) expect(name.length).toBeGreaterThan(0);
      expect(rule.label.zh_CN).toMatch(/\p{Script=Han}/u);
      expect(rule.label.zh_TW).toMatch(/\p{Script=Han}/u);
      expect(rule.label.en).not.toMatch(/\p{Script=Han}/u);
      expect(rule.hosts).toBeInstanceOf(RegExp);
      for (const field of SELECTOR_FIELDS) {
        expect(Array.isArray(rule[field]), field).toBe(true);
        for (const s of rule[field]) expect(typeof s === 'string' && s.trim().length > 0, `${field}: ${s}`).toBe(true);
      }
      for (const re of rule.cleanText) expect(re).toBeInstanceOf(RegExp);
      for (const scheme of rule.schemes) {
        expect(scheme.name.length).toBeGreaterThan(0);
        expect(scheme.path).toBeInstanceOf(RegExp);
        expect(['_', '-', '/']).toContain(scheme.separator);
      }
      expect(typeof rule.siteName('zh')).toBe('string');
      expect(typeof rule.siteName('en')).toBe('string');
    });

    it('has test URLs, each resolving to this rule', () => {
      expect(rule.testUrls.length).toBeGreaterThan(0);
      for (const url of rule.testUrls) expect(ruleForUrl(url).id, url).toBe(rule.id);
    });

    it('has CSS selectors a DOM accepts', () => {
      const doc = createNodeDom().parse('<!doctype html><html><body><div id="x"><p>t</p></div></body></html>', 'http://example.cn/');
      for (const field of SELECTOR_FIELDS) {
        for (const selector of rule[field]) expect(() => doc.querySelectorAll(selector), `${field}: ${selector}`).not.toThrow();
      }
    });

    it('has cleanText patterns that do not match ordinary article sentences', () => {
      const sentences = [
        '人民网北京6月15日电 记者从国家文物局获悉，今年文化和自然遗产日将举办系列活动。',
        'BEIJING, Sept. 10 (Xinhua) -- The following is the full text of the speech.',
        '一、总体要求',
        '（完）',
      ];
      for (const re of rule.cleanText) for (const s of sentences) expect(re.test(s), `${re} vs ${s}`).toBe(false);
    });
  });

  describe.each(siteRules.map((r) => [r.id, r] as const))('%s (a site of its own)', (_id, rule) => {
    it('has content and title selectors', () => {
      expect(rule.content.length).toBeGreaterThan(0);
      expect(rule.title.length).toBeGreaterThan(0);
    });

    it('has valid match patterns that cover every test URL', () => {
      expect(rule.matches.length).toBeGreaterThan(0);
      for (const url of rule.testUrls) {
        expect(rule.matches.some((p) => matchPattern(p, url)), url).toBe(true);
      }
    });

    it('has site names in both languages', () => {
      expect(rule.siteName('zh').length).toBeGreaterThan(0);
      expect(rule.siteName('en').length).toBeGreaterThan(0);
    });

    it('places every test URL under a page scheme that builds page N and reads it back', () => {
      for (const url of rule.testUrls) {
        const positions = positionsOf(rule, new URL(url));
        expect(positions.length, url).toBeGreaterThan(0);
        const pos = positions[0]!;
        expect(pos.page, url).toBe(1);
        expect(pos.build(1), url).toBe(url);
        for (const n of [2, 3, 10]) {
          const built = pos.build(n);
          expect(built, url).not.toBe(url);
          const back = positionsOf(rule, new URL(built)).find((p) => p.key === pos.key);
          expect(back?.page, built).toBe(n);
        }
      }
    });
  });

  it('newsSiteMatches is every site rule\'s patterns', () => {
    expect(newsSiteMatches).toEqual([...xinhua.matches, ...people.matches]);
    for (const p of newsSiteMatches) expect(() => matchPattern(p, 'http://example.com/')).not.toThrow();
  });

  it('generic serves no host of its own and matches nothing', () => {
    expect(generic.matches).toEqual([]);
    for (const host of ['www.chinanews.com', 'www.people.com.cn', 'localhost']) expect(generic.hosts.test(host)).toBe(false);
  });
});

describe('ruleForUrl', () => {
  it.each([
    ['http://news.xinhuanet.com/legal/2012-01/12/c_111421282.htm', 'xinhua'],
    ['http://big5.xinhuanet.com/gate/big5/news.xinhuanet.com/food/2012-01/16/c_122592817.htm', 'xinhua'],
    ['https://www.news.cn/politics/2021-01/01/c_1126936700.htm', 'xinhua'],
    ['https://NEWS.CN/x', 'xinhua'],
    ['http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html', 'people'],
    ['http://english.peopledaily.com.cn/200601/01/eng20060101_232.html', 'people'],
    ['http://en.people.cn/n3/2023/0115/c90000-20000001.html', 'people'],
    ['http://www.chinanews.com/gn/2011/12-09/3519238.shtml', 'generic'],
    ['http://people.com.cn.evil.example/n1/a.html', 'generic'],
    ['http://notpeople.com.cn/a.html', 'generic'],
    ['http://fakexinhuanet.com/a.htm', 'generic'],
    ['http://news.cn.example.com/a.htm', 'generic'],
    ['not a url', 'generic'],
  ])('%s → %s', (url, id) => {
    expect(ruleForUrl(url).id).toBe(id);
  });
  it('takes URL objects', () => {
    expect(ruleForUrl(new URL('http://www.people.com.cn/'))).toBe(people);
  });
});

describe('hosts and match patterns agree', () => {
  const served: Record<string, string[]> = {
    xinhua: ['www.xinhuanet.com', 'xinhuanet.com', 'big5.xinhuanet.com', 'www.news.cn', 'news.cn', 'english.news.cn', 'www.xinhua.org'],
    people: ['www.people.com.cn', 'people.com.cn', 'english.peopledaily.com.cn', 'en.people.cn', 'people.cn'],
  };
  const check = (rule: SiteRule) => {
    for (const host of served[rule.id] ?? []) {
      expect(rule.hosts.test(host), host).toBe(true);
      expect(rule.matches.some((p) => matchPattern(p, `https://${host}/a.htm`)), host).toBe(true);
    }
  };
  it('every host people claims is in its match patterns', () => check(people));  it('every host xinhua claims is in its match patterns', () => check(xinhua));
});
