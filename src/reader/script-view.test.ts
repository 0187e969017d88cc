// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import type { WholeArticle } from '../pipeline/types';
import { wholeArticle } from '../../test/support/whole-article';
import { announceArticleShown } from './article-shown';
import { renderArticle } from './article-view';
import { applyScriptSetting, editOriginalText, inShownScript, setUpScriptView, shownHeader, withOriginalScript } from './script-view';
import { SCRIPT_CHOICES } from './settings';
import { SCRIPT_LABELS } from './settings-rows';
import { markShortNumbers, unmarkShortNumbers } from './vertical';

const CONTENT =
  '<article><section data-page="1"><p>他心神不宁状态下打开软件，用鼠标点了12次，头发都快掉光了。</p>' +
  '<p>详情见<a href="http://www.people.com.cn/a" title="软件发展">软件发展报告</a>，<img src="http://www.people.com.cn/1.png" alt="鼠标">命令是<code>软件 --发展</code>。</p></section>' +
  '<section data-page="2"><p>经济发展很快。</p></section></article>';

function article(overrides: Partial<WholeArticle> = {}): WholeArticle {
  return wholeArticle({
    title: '软件园里的头发与发展',
    byline: '记者 张三',
    source: '人民日报',
    dir: null,
    pageUrls: ['http://tech.people.com.cn/n1/2024/0512/c1007-1.html', 'http://tech.people.com.cn/n1/2024/0512/c1007-1-2.html'],
    textContent: '他心神不宁状态下打开软件，用鼠标点了12次，头发都快掉光了。\n\n经济发展很快。',
    contentHtml: CONTENT,
    length: 40,
    ...overrides,
  });
}

const root = () => document.documentElement;
const content = () => document.getElementById('reader-content') as HTMLElement;
const paragraphs = () => [...content().querySelectorAll('.article-body p')].map((p) => p.textContent);
const until = async (fn: () => boolean) => {
  for (let i = 0; i < 200 && !fn(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(fn()).toBe(true);
};

function show(a: WholeArticle): void {
  renderArticle(content(), a, { onRetry: () => undefined });
  document.title = `${a.title} — WholeStory`;
  announceArticleShown(document, { article: a, source: 'network', savedId: null, change: 'article' });
}

beforeEach(() => {
  document.documentElement.innerHTML = `<head><title>x</title></head><body>
    <button id="script-original" hidden></button>
    <span class="script-choice" hidden><select id="script-choice"></select></span>
    <article id="reader-content"></article></body>`;
});

describe('script view', () => {
  it('converts the article text (and title) phrase by phrase, never attributes, URLs or code, and goes back to the original', async () => {
    setUpScriptView(document, 'tw');
    expect(root().dataset.script).toBe('original');
    show(article());
    await until(() => root().dataset.script === 'tw');
    expect(paragraphs()).toEqual(['他心神不寧狀態下開啟軟體，用滑鼠點了12次，頭髮都快掉光了。', '詳情見軟體發展報告，命令是软件 --发展。', '經濟發展很快。']);
    expect(content().querySelector('h1')?.textContent).toBe('軟體園裡的頭髮與發展');
    expect(document.title).toBe('軟體園裡的頭髮與發展 — WholeStory');
    expect(content().lang).toBe('zh-TW');
    const link = content().querySelector('.article-body a') as HTMLAnchorElement;
    expect([link.getAttribute('href'), link.getAttribute('title')]).toEqual(['http://www.people.com.cn/a', '软件发展']);
    expect(content().querySelector('img')?.getAttribute('alt')).toBe('鼠标');
    // The "Original page" line is the interface's, not the article's.
    expect(content().querySelector('.article-original')?.textContent).not.toMatch(/[軟頭]/);
    const toggle = document.getElementById('script-original') as HTMLButtonElement;
    expect(toggle.hidden).toBe(false);
    expect((document.querySelector('.script-choice') as HTMLElement).hidden).toBe(false);

    toggle.click();
    await until(() => root().dataset.script === 'original');
    expect(paragraphs()[0]).toBe('他心神不宁状态下打开软件，用鼠标点了12次，头发都快掉光了。');
    expect(document.title).toBe('软件园里的头发与发展 — WholeStory');
    expect(content().lang).toBe('zh-CN');
    toggle.click();
    await until(() => root().dataset.script === 'tw');

    // Another script starts from the original (hk has 軟件 and 鼠標, not Taiwan's words).
    // The menu is the settings' list, in the interface's words.
    const select = document.getElementById('script-choice') as HTMLSelectElement;
    expect([...select.options].map((o) => [o.value, o.dataset.i18n])).toEqual([...SCRIPT_CHOICES].map((v) => [v, SCRIPT_LABELS[v]]));
    select.value = 'hk';
    select.dispatchEvent(new Event('change'));
    await until(() => root().dataset.script === 'hk');
    expect(paragraphs()[0]).toBe('他心神不寧狀態下打開軟件，用鼠標點了12次，頭髮都快掉光了。');
  });

  it('gives copies and exports in the script shown, saves the original, and survives numbers being wrapped', async () => {
    setUpScriptView(document, 'original');
    show(article());
    await until(() => root().dataset.script === 'original');
    const a = article();
    expect(inShownScript(document, a)).toBe(a);
    applyScriptSetting(document, 'hant');
    await until(() => root().dataset.script === 'hant');

    expect(shownHeader(document, { title: a.title, meta: '记者 张三 · 人民日报', url: a.url })).toEqual({ title: '軟件園裏的頭髮與發展', meta: '記者 張三 · 人民日報', url: a.url });
    const exported = inShownScript(document, a);
    expect(exported.title).toBe('軟件園裏的頭髮與發展');
    expect(exported.textContent).toContain('頭髮都快掉光了');
    expect(exported.contentHtml).toContain('<p>經濟發展很快。</p>');
    expect(exported.contentHtml).toContain('<code>软件 --发展</code>');
    expect(exported.contentHtml).toContain('title="软件发展"');
    expect(exported.lang).toBe('zh-Hant');
    expect(a.title).toBe('软件园里的头发与发展');

    // Saving reads the original text, then the script is shown again.
    expect(withOriginalScript(document, () => content().querySelector('.article-body p')?.textContent)).toBe('他心神不宁状态下打开软件，用鼠标点了12次，头发都快掉光了。');
    expect(paragraphs()[0]).toBe('他心神不寧狀態下打開軟件，用鼠標點了12次，頭髮都快掉光了。');

    // Vertical layout wraps short numbers: the original stays right, and so does the conversion.
    expect(markShortNumbers(document)).toBe(1);
    expect(content().querySelector('.tcy')?.textContent).toBe('12');
    expect(paragraphs()[0]).toBe('他心神不寧狀態下打開軟件，用鼠標點了12次，頭髮都快掉光了。');
    unmarkShortNumbers(document);
    expect(content().querySelector('.tcy')).toBeNull();
    applyScriptSetting(document, 'original');
    await until(() => root().dataset.script === 'original');
    expect(paragraphs()[0]).toBe('他心神不宁状态下打开软件，用鼠标点了12次，头发都快掉光了。');
    editOriginalText(document, () => undefined);
  });

  it('offers no toggle when the script shown is the article\'s own (a Simplified article in Simplified)', async () => {
    setUpScriptView(document, 'hans');
    show(article());
    await until(() => root().dataset.script === 'hans');
    expect(paragraphs()[0]).toBe('他心神不宁状态下打开软件，用鼠标点了12次，头发都快掉光了。');
    expect((document.getElementById('script-original') as HTMLElement).hidden).toBe(true);
    expect((document.querySelector('.script-choice') as HTMLElement).hidden).toBe(false);
  });

  it('converts a page brought in by Retry; hides the choice for an article with no Chinese', async () => {
    setUpScriptView(document, 'hant');
    show(article());
    await until(() => root().dataset.script === 'hant');
    const section = document.createElement('section');
    section.dataset.page = '3';
    section.innerHTML = '<p>第三页的软件。</p>';
    content().querySelector('.article-body')?.append(section);
    announceArticleShown(document, { article: article(), source: 'network', savedId: null, change: 'retried-page' });
    expect(section.textContent).toBe('第三頁的軟件。');

    show(article({ title: 'Night trains', lang: 'en', textContent: 'Night trains bring valleys closer.', contentHtml: '<p>Night trains bring valleys closer.</p>' }));
    await until(() => root().dataset.script === 'hant');
    expect((document.querySelector('.script-choice') as HTMLElement).hidden).toBe(true);
    expect((document.getElementById('script-original') as HTMLElement).hidden).toBe(true);
    expect(paragraphs()).toEqual(['Night trains bring valleys closer.']);
  });
});
