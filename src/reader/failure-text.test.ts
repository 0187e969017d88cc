/**
 * Every failure code the pipeline gives has a text in every interface catalogue, naming exactly
 * the values the code carries; a reason without a code (an older saved copy) or with its values
 * missing falls back to the English words, never an empty slot.
 */
import { readdirSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FAILURE_CODES, failure } from '../pipeline/errors';
import { catalogue, LOCALES_DIR, useLocale } from '../../test/support/ui-catalogue';

vi.mock('wxt/browser', () => import('../../test/support/ui-catalogue').then((m) => m.i18nBrowser));

const locales = readdirSync(LOCALES_DIR);
const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

const { FAILURE_MESSAGES, failureText } = await import('./failure-text');

beforeEach(() => useLocale('en-US', 'en'));

describe('failure texts', () => {
  it.each(locales)('every code has a text in %s, with the slots its values fill', (locale) => {
    const cat = catalogue(locale);
    for (const code of FAILURE_CODES) {
      const { key, params } = FAILURE_MESSAGES[code];
      expect(cat[key]?.message, `${locale}: ${code} → ${key}`).toBeTruthy();
      expect(slots(cat[key]!.message), `${locale}: ${key}`).toEqual([...params].sort());
    }
    expect(cat.failBinary?.message).toBeTruthy();
  });

  it('the Chinese texts are Chinese, the Traditional ones Traditional', () => {
    const zhCN = catalogue('zh_CN');
    const zhTW = catalogue('zh_TW');
    for (const code of FAILURE_CODES.filter((c) => c !== 'unknown')) {
      const key = FAILURE_MESSAGES[code].key;
      expect(zhCN[key]!.message, key).toMatch(/\p{Script=Han}/u);
      expect(zhTW[key]!.message, key).toMatch(/\p{Script=Han}/u);
    }
    expect(zhTW.failNetwork!.message).toMatch(/網/);
    expect(zhCN.failNetwork!.message).toMatch(/网/);
  });

  it('fills the values in the interface language', () => {
    const http = { reason: 'HTTP 503 Service Unavailable', failure: failure('http-status', { status: 503, statusText: 'Service Unavailable' }) };
    expect(failureText(http)).toBe('the site answered with an error (HTTP 503)');
    useLocale('zh-CN', 'zh_CN');
    expect(failureText(http)).toBe('网站返回错误（HTTP 503）');
    expect(failureText({ reason: 'timed out after 15000 ms', failure: failure('timeout', { seconds: 15 }) })).toBe('15 秒内没有响应');
    // The page queue knows no figure when the article's time runs out: still said in Chinese.
    expect(failureText({ reason: 'not loaded: the time for the whole article ran out', failure: failure('article-timeout') })).toBe('整篇文章的时限已到');
    expect(failureText({ reason: 'binary content, not a web page', failure: failure('not-html', { type: 'binary' }) })).toBe('这不是网页（二进制数据）');
    expect(failureText({ reason: 'unsupported content type image/png', failure: failure('not-html', { type: 'image/png' }) })).toBe('这不是网页（image/png）');
  });

  it('a reason without a code, or with its values missing, keeps its English words', () => {
    useLocale('zh-CN', 'zh_CN');
    expect(failureText({ reason: 'HTTP 503' })).toBe('HTTP 503');
    expect(failureText({ reason: 'HTTP 500', failure: failure('http-status') })).toBe('HTTP 500');
  });
});
