/**
 * The in-page control on a paginated article: "Read all 4 pages" / "阅读全文（共4页）", in a shadow
 * root so the page's CSS cannot restyle it and ours cannot leak. Small, fixed to a corner,
 * dismissible. Plain DOM on purpose: the content script must stay tiny.
 *
 * The page must not be able to press it: the shadow root is closed (the page cannot reach the
 * button), a click counts only when the browser says a person made it (`event.isTrusted`), and one
 * click opens at most one reader (the background holds a tab to one reader per action as well).
 */

/** Tag of the shadow host; tests find the control by it (its label is in `data-label`). */
export const CONTROL_TAG = 'wholestory-control';

/** After a click opens the reader, further clicks wait this long (a double click is one action). */
export const CONTROL_REARM_MS = 1500;

export interface ReadAllControlOptions {
  pageCount: number;
  /** Interface language: the page's, so the words match what the person is reading. */
  lang: ControlLanguage;
  onOpen(): void;
  /**
   * A person is about to open it: the mouse came onto the button or the keyboard's focus did
   * (trusted events only). Not a touch: a tap's pointer comes a moment before its click, and work
   * started then would hold the click back.
   */
  onIntent?(): void;
}

export const CONTROL_STYLE = `
:host { all: initial; position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; }
.bar {
  display: flex; align-items: center; gap: 2px;
  font: 14px/1.2 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  background: #1f2933; color: #fff; border-radius: 999px; box-shadow: 0 2px 10px rgba(0,0,0,.25);
  padding: 2px;
}
button { all: unset; cursor: pointer; border-radius: 999px; padding: 8px 14px; }
button:hover, button:focus-visible { background: rgba(255,255,255,.16); }
/* The focus ring inside the dark bar (white on it, 9:1), not over the page (light blue on a white page was 2.1:1). */
button:focus-visible { outline: 2px solid #fff; outline-offset: -4px; }
.close { padding: 8px 11px; font-size: 16px; line-height: 1; opacity: .8; }
@media print { .bar { display: none; } }
`;

/**
 * The control's language: English, Simplified (`zh`) or Traditional Chinese (`zh-Hant`). Its words
 * are built in, not read from `_locales`: the content script runs in the page's language, which
 * `browser.i18n` (the browser's language) cannot give.
 */
export type ControlLanguage = 'zh' | 'zh-Hant' | 'en';

const WORDS: Record<ControlLanguage, { label(pageCount: number): string; dismiss: string }> = {
  en: { label: (n) => `Read all ${n} pages`, dismiss: 'Dismiss' },
  zh: { label: (n) => `阅读全文（共${n}页）`, dismiss: '关闭' },
  'zh-Hant': { label: (n) => `閱讀全文（共${n}頁）`, dismiss: '關閉' },
};

/** "Read all 4 pages", "阅读全文（共4页）" or "閱讀全文（共4頁）". */
export function controlLabel(pageCount: number, lang: ControlLanguage): string {
  return WORDS[lang].label(pageCount);
}

/** Adds the control to the page and returns its host element (removed when dismissed). */
export function showReadAllControl(doc: Document, options: ReadAllControlOptions): HTMLElement {
  doc.querySelector(CONTROL_TAG)?.remove();
  const host = doc.createElement(CONTROL_TAG);
  const label = controlLabel(options.pageCount, options.lang);
  host.dataset.label = label;
  // Closed: the page's scripts get no handle on the buttons (host.shadowRoot is null for them).
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = CONTROL_STYLE;
  const bar = doc.createElement('div');
  bar.className = 'bar';
  bar.setAttribute('role', 'region');
  bar.setAttribute('aria-label', 'WholeStory');
  const open = doc.createElement('button');
  open.className = 'open';
  open.type = 'button';
  open.textContent = label;
  let armed = true;
  open.addEventListener('click', (event) => {
    // Only a person's click (or key press) opens the reader: never one a page script dispatched.
    if (!event.isTrusted || !armed) return;
    armed = false;
    setTimeout(() => (armed = true), CONTROL_REARM_MS);
    options.onOpen();
  });
  const intent = (event: Event) => {
    const pointer = (event as { pointerType?: string }).pointerType;
    if (event.isTrusted && (pointer === undefined || pointer === 'mouse')) options.onIntent?.();
  };
  open.addEventListener('pointerenter', intent);
  open.addEventListener('focus', intent);
  const close = doc.createElement('button');
  close.className = 'close';
  close.type = 'button';
  close.textContent = '×';
  close.title = WORDS[options.lang].dismiss;
  close.setAttribute('aria-label', close.title);
  close.addEventListener('click', (event) => {
    if (event.isTrusted) host.remove();
  });
  bar.append(open, close);
  shadow.append(style, bar);
  (doc.body ?? doc.documentElement).append(host);
  return host;
}

/**
 * The page's language for the control: Chinese when the page says so or its title is Chinese;
 * Traditional when `<html lang>` says zh-TW/HK/MO/Hant, the page is in Big5 (its charset, or
 * Xinhua's `/gate/big5/` gateway) or, with no such sign, its title is written in Traditional
 * characters. A Big5 page's own `lang` or `content-language` often says zh-cn (Xinhua's gateway
 * keeps the Simplified page's): the charset wins over it.
 */
export function pageLanguage(doc: Document): ControlLanguage {
  const declared = doc.documentElement.lang.trim().toLowerCase().replace(/_/g, '-');
  const big5 = /^big5/i.test(doc.characterSet ?? '') || /\/gate\/big5\//i.test(doc.URL ?? '');
  if (declared && !declared.startsWith('zh')) return big5 ? 'zh-Hant' : 'en';
  if (/^zh-(tw|hk|mo|hant)\b/.test(declared) || big5) return 'zh-Hant';
  if (declared) return 'zh';
  const sample = `${doc.title} ${doc.querySelector('h1')?.textContent ?? ''}`;
  if (!/[\u3400-\u9fff]/.test(sample)) return 'en';
  return TRADITIONAL_ONLY.test(sample) && !SIMPLIFIED_ONLY.test(sample) ? 'zh-Hant' : 'zh';
}

// Common characters written differently in the two scripts (a few dozen each, enough for a
// headline): one present and none of the other's decides.
const TRADITIONAL_ONLY = /[國會時說這們來對學發經與實產業開關長門問間點體機當頁華過還進報導總統義處變區際戰線黨員網書電視話認讓議記計設後麼無為東車氣萬齊]/;
const SIMPLIFIED_ONLY = /[国会时说这们来对学发经与实产业开关长门问间点体机当页华过还进报导总统义处变区际战线党员网书电视话认让议记计设么无为东车气万齐]/;
