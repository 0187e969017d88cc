import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeDom } from '../cli/node-dom';
import { isBoilerplateName, isDateLine, removeBoilerplate } from './boilerplate';
import { detectPaginationDetail } from './detect';
import { extractPart } from './extract';
import { loadReadability } from './readability';

// extractPart called on its own: Readability loaded first, as readWholeArticle does (readability.ts).
beforeAll(async () => {
  await loadReadability();
});

const dom = createNodeDom();
const URL_ = 'https://www.example-news.com/2019/11/20/council-votes.html';
const para = (i: number) =>
  `<p>Paragraph ${i} of the story: the council met on Tuesday and voted to extend the program for another year, officials said after a long debate.</p>`;
const story = [1, 2, 3, 4].map(para).join('');

/** The body `inner` cleaned; its text with single spaces. */
function clean(inner: string): string {
  const doc = dom.parse(`<html><body><div id="b">${inner}</div></body></html>`, URL_);
  const body = doc.getElementById('b') as Element;
  removeBoilerplate(body, URL_, URL_);
  return (body.textContent ?? '').replace(/\s+/g, ' ').trim();
}
const storyText = clean(story);

describe('removeBoilerplate', () => {
  it('keeps a plain story whole', () => {
    for (const i of [1, 2, 3, 4]) expect(storyText).toContain(`Paragraph ${i} of the story`);
  });

  const withName = story.replace('the council met', 'the council met <a href="/people/x">Jane Roe</a>');
  it.each([
    ['the article header (byline, date)', `<header><p>JANIE HAR</p><p><time>Nov. 20, 2019</time></p></header>${story}`, story],
    ['a paragraph that is one link to another story of the site', `${para(1)}${para(2)}<p><strong><a href="/video/123">CO-FOUNDER PROUD OF HIS EMPLOYEES</a></strong></p>${para(3)}${para(4)}`, story],
    ['a label and a link ("On Example.com:")', `${para(1)}${para(2)}<p><strong>On Example.com:</strong> <a href="https://other-paper.com/a.html">Car sales plunge in August</a></p>${para(3)}${para(4)}`, story],
    [
      'a hover card inside a sentence',
      story.replace('the council met', 'the council met <span><a href="/people/x">Jane Roe</a><span><img src="/p.jpg"><a href="/people/x">Jane Roe</a><a href="/a.html">Her latest story</a> <a href="/b.html">Another story of hers</a></span></span>'),
      withName,
    ],
    ['a caption printed twice', `${para(1)}<div><p>A long row of unsold cars sits at a dealership in Colorado on Sunday.</p></div><div><p>A long row of unsold cars sits at a dealership in Colorado on Sunday.</p></div>${para(2)}`, `${para(1)}<p>A long row of unsold cars sits at a dealership in Colorado on Sunday.</p>${para(2)}`],
    ['the page address printed as a line', `<div><span>${URL_}</span></div>${story}`, story],
    ['a date line at the head', `<p>November 20, 2019 / 1:07 AM / CBS News</p>${story}`, story],
    [
      'teaser cards after the last paragraph',
      `${story}<div>${[1, 2, 3].map((k) => `<div><article><a href="/s${k}.html"><img src="/s${k}.jpg"></a><header><p>KICKER ${k}</p><h2><a href="/s${k}.html">Other story ${k}</a></h2></header><p>Blurb of the other story ${k}.</p></article></div>`).join('')}</div>`,
      story,
    ],
  ])('removes %s', (_kind, html, expected) => {
    expect(clean(html)).toBe(clean(expected));
  });

  it.each([
    ['a link inside a sentence', `${para(1)}<p>The council said <a href="/report.html">its report</a> would follow next week, with the budget.</p>${para(2)}`, 'its report would follow'],
    ['a lone link to another site without a label (a product, a source)', `${para(1)}<p><a href="https://shop.example.org/item">Apple AirPods with Charging Case</a></p>${para(2)}`, 'Apple AirPods'],
    ['a call to read on that is a sentence', `${para(1)}<p><strong>Pro tip:</strong> <a href="/more-ideas.html">Get more meal ideas here</a>!</p>${para(2)}`, 'Get more meal ideas here'],
    ['a date line in the middle (a live blog\'s entry)', `${story}${story}<p>November 20, 2019</p>${story}`, 'November 20, 2019'],
    ['teaser cards between paragraphs', `${para(1)}${[1, 2].map((k) => `<article><h3><a href="/s${k}.html">Other story ${k}</a></h3><p>Blurb ${k}.</p></article>`).join('')}${para(2)}`, 'Other story 2'],
    ['a header further down (a recipe card)', `${story}${story}<div><header><h2>Spiced Honey Pear Jam</h2></header><p>8 ripe pears, a lemon.</p></div>`, 'Spiced Honey Pear Jam'],
  ])('keeps %s', (_kind, html, kept) => {
    const text = clean(html);
    expect(text).toContain(kept);
  });

  it('repeats a line kept twice when far apart', () => {
    const text = clean(`<p>Eat 60 to 90 minutes before your workout, with water.</p>${story}<p>Eat 60 to 90 minutes before your workout, with water.</p>`);
    expect(text.split('Eat 60 to 90 minutes').length).toBe(3);
  });
});

describe('isDateLine', () => {
  it.each(['| UPDATED: 11:05, Tue, Nov 19, 2019', 'Nov. 20, 2019Updated: Nov. 20, 2019 1:35 a.m.', 'November 20, 2019 / 1:07 AM / CBS News', 'Published 18 November 2019'])('is %s', (line) => {
    expect(isDateLine(line)).toBe(true);
  });
  it.each(['7th Amsterdam Light Festival 29 November 2018 | 20 January 2019', 'The vote on Nov. 19 passed.', 'Nov. 19'.padEnd(120, ' x')])('is not %s', (line) => {
    expect(isDateLine(line)).toBe(false);
  });
});

describe('isBoilerplateName', () => {
  it.each(['entry-author-bio', 'author-details', 'bio', 'about-the-author', 'region-copyright', 'copyright-wrp', 'site-footer', 'footer'])('names %s', (name) => {
    expect(isBoilerplateName(name)).toBe(true);
  });
  it.each(['author', 'article-body', 'biology', 'footnote', 'story-content'])('not %s', (name) => {
    expect(isBoilerplateName(name)).toBe(false);
  });
});

describe('extractPart (generic engine): boilerplate lines and boxes', () => {
  const page = (inner: string) =>
    `<html><head><title>The council votes - Example News</title></head><body><div class="nav"><a href="/">Home</a> <a href="/news/">News</a></div><article>${inner}</article><footer>Example News</footer></body></html>`;
  function extractedText(inner: string): string {
    const doc = dom.parse(page(inner), URL_);
    const part = extractPart(doc, URL_, detectPaginationDetail(doc, URL_));
    return (part?.body.textContent ?? '').replace(/\s+/g, ' ').trim();
  }

  // One page for all kinds (Readability runs once): each between two paragraphs of the story.
  const chrome = [
    '<p>By Justine Coleman - 11/18/19 11:04 PM EST</p>',
    '<p>By Matthew Digby , Minh Do on Monday, November 18th, 2019 at 11:08 a.m.</p>',
    '<p>(Reporting by Will Dunham; Editing by Tom Brown)</p>',
    '<p>SOURCE: News agencies</p>',
    '<p>This material may not be published, broadcast, rewritten or redistributed.</p>',
    '<p>This document is subject to copyright. Apart from any fair dealing for the purpose of private study or research, no part may be reproduced without the written permission.</p>',
    '<p><strong><em>Like this story? Share it with a friend!</em></strong></p>',
    '<h3>Want more stories like this?</h3>',
    '<p>Tell us what YOU think...</p>',
    '<p>Subscribe to WIRED and stay smart with more of your favorite Ideas writers.</p>',
    '<p>Get Motor Cycle Monthly delivered every month. 12 issues for £11.99. Click here for more information.</p>',
    '<p>This slideshow requires JavaScript.</p>',
    '<p>[button link="http://www.example.com/submit/" type="big"] Send us YOUR review[/button]</p>',
    '<p>2,289 views</p>',
    '<p>paul.takahashi@example-news.com</p>',
    '<p>twitter.com/paultakahashi</p>',
    '<p>The Example 1625 K Street, NW Suite 900 Washington DC 20006 | 202-628-8500 tel | 202-628-8503 fax</p>',
    '<div class="entry-author-bio"><h4>Emiliano Bellini</h4><p>Emiliano joined the magazine in March 2017. He has been reporting on solar energy since 2009.</p></div>',
    '<div class="region region-copyright"><p>Example News, 1 Main Street, Springfield</p><p>The contents of this site belong to Example Publishing.</p></div>',
    '<h4>More:</h4><ul><li><a href="/a.html">Afghan woman politician sees talks as only hope</a></li></ul><ul><li><a href="/b.html">Young people must be heard: envoy</a></li></ul>',
    '<h3>More Great Example Stories</h3><ul><li>Creators must unionize, <a href="/u.html">no matter what the platform says</a></li><li>Paid political ads <a href="/p.html">are not the problem</a></li></ul>',
  ];
  it('removes each kind, keeping every paragraph of the story', () => {
    const paras = chrome.map((_, i) => para(i + 1));
    const text = extractedText(chrome.map((c, i) => `${paras[i]}${c}`).join('') + para(99));
    expect(text.replace(/\s/g, '')).toBe([...paras, para(99)].map((p) => p.replace(/<\/?p>/g, '')).join('').replace(/\s/g, ''));
  });

  const prose = [
    '<p>Subscribers to the service will pay $11.99 a month from January, the company said.</p>',
    '<p>The source said the talks would resume on Monday, with both sides at the table.</p>',
    '<p>By the end of the day, Council Member Smith said, the vote was clear.</p>',
    '<p>Readers who want more detail can find the full report on the council website, she said.</p>',
  ];
  it('keeps sentences that merely use those words', () => {
    const text = extractedText(prose.map((p, i) => `${para(i + 1)}${p}`).join('') + para(99)).replace(/\s/g, '');
    for (const p of prose) expect(text).toContain(p.replace(/<\/?p>/g, '').replace(/\s/g, ''));
  });
});
