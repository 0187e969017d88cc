/**
 * Simplified ↔ Traditional display: the article in the script the reader picks (Simplified,
 * Traditional, Taiwan, Hong Kong), per article (the toolbar's choice, or `&script=` in the reader's
 * URL) or by default (the `script` setting); the original one click away (`#script-original`).
 *
 * Only the text of `#reader-content` changes (text nodes: no attribute, no URL, no code, none of
 * the reader's own words), and the page title. Each text node's original is kept, so going back
 * (or to another script) starts from what the page said. Copies and exports carry the script shown
 * (`shownHeader`, `inShownScript`); saving keeps the original (`withOriginalScript`).
 *
 * The converter (script-convert.ts, OpenCC's tables) loads on first use: a reader that never asks
 * for a script loads none of it.
 *
 * For tests and tools: `<html data-script="original|hans|hant|tw|hk">` once the text shown is in
 * that script, `data-script-ms` the time the last conversion of the page took (text walk included),
 * `data-script-total-ms` the same with loading the tables (the first time) and detecting the script.
 */
import type { WholeArticle } from '../pipeline/types';
import { t } from '../ui-text';
import { announceScriptShown, onArticleShown } from './article-shown';
import type { Convert, Script, SourceScript } from './script-convert';
import { SCRIPT_CHOICES as SCRIPTS, type ScriptChoice } from './settings';
import { SCRIPT_LABELS } from './settings-rows';
import { element } from './ui-elements';

export type { ScriptChoice };

/** The article's `lang` once shown in a script (style.css picks the CJK face by it). */
const LANGS: Record<Script, string> = { hans: 'zh-Hans', hant: 'zh-Hant', tw: 'zh-TW', hk: 'zh-HK' };

/** Text that is not the article's words: code, the reader's notices and page markers, its "Original page" line. */
const SKIP = 'code, pre, kbd, samp, var, script, style, textarea, [data-reader-ui], .article-original, [translate="no"]';
const HAN = /\p{Script=Han}/u;
/** Joins text nodes for one conversion: no OpenCC table holds it, the HTML parser never leaves it in text. */
const JOIN = '\u0000';

interface State {
  doc: Document;
  content: HTMLElement;
  /** The script asked for this article (URL or toolbar); null: follow the setting. */
  chosen: ScriptChoice | null;
  /** The `script` setting. */
  preferred: ScriptChoice;
  /** What the text is in now. */
  shown: ScriptChoice;
  /** Whether the script shown differs from the original anywhere (a Simplified article shown in Simplified does not). */
  changed: boolean;
  /** The last script other than the original, for the toggle's way back. */
  last: Script | null;
  article: WholeArticle | null;
  source: SourceScript | null;
  /** Each converted text node's original value. */
  originals: Map<Text, string>;
  originalTitle: string | null;
  originalLang: string | null;
  convert: Convert | null;
  /** Bumped by every request: a slower earlier one does not overwrite a later one. */
  run: number;
  sourceOf: Promise<SourceScript | null> | null;
}

const states = new WeakMap<Document, State>();

function isScript(value: string | null | undefined): value is ScriptChoice {
  return SCRIPTS.includes(value as ScriptChoice);
}

/**
 * Wires the script choice in the reader page `doc`: `&script=` in its URL, the toolbar's
 * `#script-choice` and `#script-original`, and conversion each time an article is shown.
 */
export function setUpScriptView(doc: Document, preferred: ScriptChoice): void {
  const content = doc.getElementById('reader-content') as HTMLElement;
  const param = new URLSearchParams(doc.defaultView?.location.search ?? '').get('script');
  const state: State = {
    doc,
    content,
    chosen: isScript(param) ? param : null,
    preferred,
    shown: 'original',
    changed: false,
    last: null,
    article: null,
    source: null,
    originals: new Map(),
    originalTitle: null,
    originalLang: null,
    convert: null,
    run: 0,
    sourceOf: null,
  };
  states.set(doc, state);
  doc.documentElement.dataset.script = 'original';

  const choice = doc.getElementById('script-choice') as HTMLSelectElement | null;
  // Its options are the settings' list, in the settings' words.
  choice?.replaceChildren(...SCRIPTS.map((value) => element(doc, 'option', { value, 'data-i18n': SCRIPT_LABELS[value] }, t(SCRIPT_LABELS[value]))));
  // As wide as the option shown, not as the longest one: a hidden copy of its label gives the
  // width (style.css), the select lies over it.
  choice?.before(element(doc, 'span', { class: 'script-choice-size', 'aria-hidden': 'true' }, choice.selectedOptions[0]?.textContent ?? ''));
  choice?.addEventListener('change', () => {
    if (isScript(choice.value)) void choose(state, choice.value);
  });
  doc.getElementById('script-original')?.addEventListener('click', () => {
    const back = state.shown === 'original' ? state.last : 'original';
    if (back) void choose(state, back);
  });

  onArticleShown(doc, (shown) => {
    if (shown.change === 'article') {
      state.article = shown.article;
      state.originals = new Map();
      state.originalTitle = null;
      state.originalLang = null;
      state.shown = 'original';
      state.sourceOf = null;
      state.source = null;
      state.convert = null;
      state.changed = false;
      doc.documentElement.dataset.script = 'original';
      void show(state, wanted(state));
    } else if (state.shown !== 'original' && state.convert) {
      // A page put in by Retry: its text joins the script shown.
      convertNodes(state, state.convert);
    }
  });
}

/**
 * The page in hand is on screen before the whole article (progressive.ts): the script controls an
 * article in Chinese will have take their place in the toolbar now, disabled until it is shown, so
 * nothing in the toolbar moves when they come (`lang`: the page's language, `text`: its headline).
 */
export function reserveScriptControls(doc: Document, lang: string | null, text: string): void {
  const state = states.get(doc);
  if (!state || state.article || !(/^zh/i.test(lang ?? '') || HAN.test(text))) return;
  const choice = doc.getElementById('script-choice') as HTMLSelectElement | null;
  const label = choice?.closest<HTMLElement>('.script-choice') ?? choice;
  if (!choice || !label) return;
  choice.disabled = true;
  label.hidden = false;
  const toggle = doc.getElementById('script-original') as HTMLButtonElement | null;
  // Shown in another script at once (the setting or `&script=`): its way back to the original too.
  if (toggle && wanted(state) !== 'original') {
    toggle.textContent = t('scriptShowOriginal');
    toggle.disabled = true;
    toggle.hidden = false;
  }
}

/** The script the settings ask for: the reader follows a changed default unless this article has its own. */
export function applyScriptSetting(doc: Document, preferred: ScriptChoice): void {
  const state = states.get(doc);
  if (!state || state.preferred === preferred) return;
  state.preferred = preferred;
  if (state.chosen === null && state.article) void show(state, preferred);
}

function wanted(state: State): ScriptChoice {
  return state.chosen ?? state.preferred;
}

function choose(state: State, script: ScriptChoice): Promise<void> {
  state.chosen = script;
  return show(state, script);
}

/** Text nodes of the article's words holding Chinese. */
function textNodes(root: Element): Text[] {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 4 /* SHOW_TEXT */, {
    acceptNode: (node) => {
      const parent = node.parentElement;
      if (!parent || parent.closest(SKIP) || !HAN.test(node.nodeValue ?? '')) return 2; /* FILTER_REJECT */
      return 1; /* FILTER_ACCEPT */
    },
  });
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

/** Converts many strings with one call (phrases never span two of them). */
function convertAll(convert: Convert, texts: string[]): string[] {
  if (texts.length === 0) return [];
  const joined = convert(texts.join(JOIN)).split(JOIN);
  return joined.length === texts.length ? joined : texts.map(convert);
}

/** Converts the article's text nodes not converted yet; how many changed. */
function convertNodes(state: State, convert: Convert): number {
  const nodes = textNodes(state.content).filter((n) => !state.originals.has(n));
  const converted = convertAll(
    convert,
    nodes.map((n) => n.nodeValue ?? ''),
  );
  let changed = 0;
  nodes.forEach((node, i) => {
    const before = node.nodeValue ?? '';
    state.originals.set(node, before);
    if (converted[i] !== before) {
      node.nodeValue = converted[i] as string;
      changed++;
    }
  });
  return changed;
}

function restore(state: State): void {
  for (const [node, text] of state.originals) node.nodeValue = text;
  state.originals = new Map();
  if (state.originalTitle !== null) state.doc.title = state.originalTitle;
  if (state.originalLang !== null) {
    if (state.originalLang) state.content.lang = state.originalLang;
    else state.content.removeAttribute('lang');
  }
  state.originalTitle = null;
  state.originalLang = null;
}

async function sourceOf(state: State): Promise<SourceScript | null> {
  if (!state.sourceOf) {
    const article = state.article;
    const text = article ? `${article.title}\n${article.textContent.slice(0, 20_000)}` : (state.content.textContent ?? '');
    state.sourceOf = import('./script-convert').then((m) => m.detectSource(text, article?.lang ?? state.content.lang ?? ''));
  }
  return state.sourceOf;
}

/** Shows the article in `script` (the original for 'original'). */
async function show(state: State, script: ScriptChoice): Promise<void> {
  const run = ++state.run;
  const root = state.doc.documentElement;
  if (!state.article) return;
  if (script === 'original') {
    restore(state);
    state.convert = null;
    state.shown = 'original';
    root.dataset.script = 'original';
    updateControls(state);
    announceScriptShown(state.doc, 'original');
    return;
  }
  root.dataset.scriptLoading = '';
  const asked = performance.now();
  try {
    const [module, source] = await Promise.all([import('./script-convert'), sourceOf(state)]);
    state.source = source;
    // Nothing Chinese: nothing to convert, and the text is (trivially) in that script.
    const convert = source ? await module.converterFor(source, script) : (text: string) => text;
    if (run !== state.run) return;
    const started = performance.now();
    restore(state);
    state.originalTitle = state.doc.title;
    state.originalLang = state.content.getAttribute('lang') ?? '';
    state.changed = convertNodes(state, convert) > 0;
    if (source) {
      state.doc.title = convert(state.doc.title);
      state.content.lang = LANGS[script];
    }
    root.dataset.scriptMs = String(Math.round((performance.now() - started) * 10) / 10);
    root.dataset.scriptTotalMs = String(Math.round(performance.now() - asked));
    state.convert = convert;
    state.shown = script;
    state.last = script;
    root.dataset.script = script;
    announceScriptShown(state.doc, script);
  } finally {
    if (run === state.run) delete root.dataset.scriptLoading;
    updateControls(state);
  }
}

function updateControls(state: State): void {
  const chinese = state.source !== null || /^zh/i.test(state.article?.lang ?? '');
  const choice = state.doc.getElementById('script-choice') as HTMLSelectElement | null;
  const label = choice?.closest<HTMLElement>('.script-choice') ?? choice;
  if (label) label.hidden = !chinese;
  if (choice) {
    choice.disabled = false;
    choice.value = state.shown;
    const size = label?.querySelector('.script-choice-size');
    if (size) size.textContent = choice.selectedOptions[0]?.textContent ?? '';
  }
  const toggle = state.doc.getElementById('script-original') as HTMLButtonElement | null;
  if (!toggle) return;
  const back = state.shown === 'original' ? state.last : 'original';
  // Nothing to go back to (or forth again) when the script shown is the article's own.
  toggle.hidden = !chinese || !back || !state.changed;
  toggle.disabled = false;
  if (back) {
    toggle.textContent = state.shown === 'original' ? t(SCRIPT_LABELS[back]) : t('scriptShowOriginal');
    toggle.setAttribute('aria-pressed', String(state.shown === 'original'));
    toggle.dataset.to = back;
  }
}

/** The script shown now in `doc` ('original' before any conversion). */
export function shownScript(doc: Document): ScriptChoice {
  return states.get(doc)?.shown ?? 'original';
}

/** `text` in the script shown (unchanged when the original is shown). */
export function inShownText(doc: Document, text: string): string {
  const convert = states.get(doc)?.convert;
  return convert && text ? convert(text) : text;
}

/** A copy's header (title, byline line) in the script shown. */
export function shownHeader<H extends { title: string; meta: string }>(doc: Document, header: H): H {
  return { ...header, title: inShownText(doc, header.title), meta: inShownText(doc, header.meta) };
}

/**
 * `article` as an export of what is shown: title, credits, text and HTML in the script shown (the
 * HTML's text nodes only, code left alone). The same object when the original is shown.
 */
export function inShownScript<A extends WholeArticle>(doc: Document, article: A): A {
  const state = states.get(doc);
  const convert = state?.convert;
  if (!state || !convert || state.shown === 'original' || !state.source) return article;
  const parsed = new (doc.defaultView as Window & typeof globalThis).DOMParser().parseFromString(`<body>${article.contentHtml}`, 'text/html');
  const nodes = textNodes(parsed.body);
  const converted = convertAll(convert, nodes.map((n) => n.nodeValue ?? ''));
  nodes.forEach((node, i) => (node.nodeValue = converted[i] as string));
  const text = (value: string | null) => (value ? convert(value) : value);
  return {
    ...article,
    title: convert(article.title),
    byline: text(article.byline),
    source: text(article.source),
    siteName: text(article.siteName),
    excerpt: text(article.excerpt),
    textContent: convert(article.textContent),
    contentHtml: parsed.body.innerHTML,
    lang: LANGS[state.shown as Script],
  };
}

/**
 * Runs `fn`, which changes the article's text nodes (vertical.ts wraps and unwraps numbers), on the
 * original text, then converts again: no kept original points at a node that changed.
 */
export function editOriginalText(doc: Document, fn: () => void): void {
  const state = states.get(doc);
  if (!state || state.originals.size === 0 || !state.convert) {
    fn();
    return;
  }
  for (const [node, text] of state.originals) node.nodeValue = text;
  state.originals = new Map();
  try {
    fn();
  } finally {
    convertNodes(state, state.convert);
  }
}

/** Runs `fn` with the original text in place (saving keeps what the page said), then shows the script again. */
export function withOriginalScript<T>(doc: Document, fn: () => T): T {
  const state = states.get(doc);
  if (!state || state.originals.size === 0) return fn();
  const convert = state.convert;
  const converted = new Map<Text, string>();
  for (const [node, text] of state.originals) {
    converted.set(node, node.nodeValue ?? '');
    node.nodeValue = text;
  }
  try {
    return fn();
  } finally {
    if (convert) for (const [node, text] of converted) node.nodeValue = text;
  }
}
