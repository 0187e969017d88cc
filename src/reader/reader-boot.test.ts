/**
 * reader.html's two first scripts (reader-early.js, classic and async, and the module graph) ask
 * for the settings, the permission and the tab's page once between them, whichever runs first
 * (reader-boot.ts takeEarly / startEarlyOnce): the tab's page is taken from the background once,
 * and a second ask would find nothing kept for it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ storage: 0, permissions: 0, takePageHtml: 0 }));
vi.mock('wxt/browser', () => ({
  browser: {
    storage: { local: { get: async () => (calls.storage++, {}) } },
    permissions: { contains: async () => (calls.permissions++, true) },
  },
}));
vi.mock('../messaging', () => ({
  messenger: {
    sendMessage: async (type: string) => {
      if (type === 'takePageHtml') calls.takePageHtml++;
      return { html: '<p>page 1</p>', part: null };
    },
  },
}));

const { EARLY_KEY, startEarlyOnce, takeEarly } = await import('./reader-boot');

const URL_ = 'http://culture.people.com.cn/n1/2022/0213/c1013-1.html';
const readerWindow = () => ({ location: { search: `?url=${encodeURIComponent(URL_)}&tab=7` } }) as unknown as Window;

describe('the reader page asks once, from whichever first script runs first', () => {
  beforeEach(() => {
    calls.storage = calls.permissions = calls.takePageHtml = 0;
  });

  it('reader-early.js first: the modules take its requests and ask nothing more', async () => {
    const view = readerWindow();
    startEarlyOnce(view);
    expect(calls).toEqual({ storage: 1, permissions: 1, takePageHtml: 1 });
    const early = takeEarly(view);
    expect(calls).toEqual({ storage: 1, permissions: 1, takePageHtml: 1 });
    expect((await early.tabPage)?.html).toBe('<p>page 1</p>');
    expect(await early.access).toBe(true);
  });

  it('the modules first: they ask themselves, and reader-early.js arriving later asks nothing', async () => {
    const view = readerWindow();
    const early = takeEarly(view);
    expect(calls).toEqual({ storage: 1, permissions: 1, takePageHtml: 1 });
    startEarlyOnce(view);
    expect(calls).toEqual({ storage: 1, permissions: 1, takePageHtml: 1 });
    expect((await early.tabPage)?.html).toBe('<p>page 1</p>');
    expect((view as unknown as Record<string, unknown>)[EARLY_KEY]).toBeNull();
  });
});
