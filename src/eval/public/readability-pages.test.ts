import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { judgeByline, median, normSpace, pagesNotLinked, TEST_PAGE_URL, titleRight } from './readability-pages';
import { pageUrlFromHtml } from './zyte';

describe('Readability test-page judgements', () => {
  it('compares titles with whitespace normalized', () => {
    expect(titleRight('  New\n Zealand ', 'New Zealand')).toBe(true);
    expect(titleRight('Salon.com', 'The real story')).toBe(false);
    expect(titleRight(null, null)).toBe(true);
    expect(normSpace(' a \t b\n')).toBe('a b');
  });

  it('judges bylines: equal, contained either way, wrong, missing, extra, none', () => {
    expect(judgeByline('Jane  Doe', 'Jane Doe')).toBe('equal');
    expect(judgeByline('By Jane Doe', 'jane doe')).toBe('contained');
    expect(judgeByline('Doe', 'By Jane Doe, staff writer')).toBe('contained');
    expect(judgeByline('FAIL', 'Creator Name')).toBe('wrong');
    expect(judgeByline(null, 'Creator Name')).toBe('missing');
    expect(judgeByline('Someone', null)).toBe('extra');
    expect(judgeByline('', null)).toBe('none');
  });

  it('takes medians', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('pages read as paginated, checked against the page\'s own links', () => {
  // The kind of pager webmd-1 and webmd-2 have: "1 | 2 | 3", then "Next Page >", query links.
  const pager = '<div class="pagination_fmt"><span class="current_fmt">1</span> | <a href="?page=2" title="Page 2">2</a> | <a href="?page=3" title="Page 3">3</a> <a href="?page=2">Next Page &gt;</a></div>';
  const doc = (body: string) => new JSDOM(`<p>Text.</p>${body}`, { url: TEST_PAGE_URL }).window.document;

  it('a page whose pager links every page taken: nothing unlinked', () => {
    expect(pagesNotLinked(doc(pager), [TEST_PAGE_URL, `${TEST_PAGE_URL}?page=2`, `${TEST_PAGE_URL}?page=3`])).toEqual([]);
  });

  it('names the pages taken that the page does not link (a false alarm)', () => {
    expect(pagesNotLinked(doc(pager), [TEST_PAGE_URL, `${TEST_PAGE_URL}?page=2`, 'http://fakehost/test/page-4.html'])).toEqual(['http://fakehost/test/page-4.html']);
    expect(pagesNotLinked(doc(''), [TEST_PAGE_URL, `${TEST_PAGE_URL}?page=2`])).toEqual([`${TEST_PAGE_URL}?page=2`]);
    expect(pagesNotLinked(doc(''), [TEST_PAGE_URL])).toEqual([]);
  });
});

describe('page URL from the page itself', () => {
  it('reads the canonical link, then og:url, absolute http(s) only', () => {
    expect(pageUrlFromHtml('<head><link href="https://a.example/x" rel="canonical"></head>')).toBe('https://a.example/x');
    expect(pageUrlFromHtml('<meta property="og:url" content="http://b.example/y">')).toBe('http://b.example/y');
    expect(pageUrlFromHtml('<link rel="canonical" href="/relative"><meta property="og:url" content="https://c.example/z">')).toBe('https://c.example/z');
    expect(pageUrlFromHtml('<p>nothing</p>')).toBeNull();
  });
});

describe('loose title match', () => {
  it('folds quotes and dashes, accepts a dropped site suffix, nothing else', async () => {
    const { titleRightLoose } = await import('./readability-pages');
    expect(titleRightLoose('Student Dies “Burned Her”', 'Student Dies "Burned Her"')).toBe(true);
    expect(titleRightLoose('How to Build a Terrarium', 'How to Build a Terrarium | eHow')).toBe(true);
    expect(titleRightLoose('宇航员在太空中喝酒会怎么样？后果很严重', '宇航员在太空中喝酒会怎么样？后果很严重 _探索者 _光明网')).toBe(true);
    expect(titleRightLoose('Salon', 'The sharing economy is a lie')).toBe(false);
    expect(titleRightLoose('Mozilla', 'Mozilla Firefox')).toBe(false);
    expect(titleRightLoose(null, 'x')).toBe(false);
  });
});
