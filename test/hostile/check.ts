/**
 * The sanitizer check: re-parse HTML the pipeline produced and list everything that could run script,
 * load active content, restyle the reader or clobber its DOM. Used by the hostile, fault and fuzz
 * suites (and reusable by a browser suite in Node).
 *
 * The HTML is parsed as the reader would insert it (body context, inert document), every element is
 * walked (template contents too), then the parse is serialized and parsed again: a mutation-XSS string
 * is one that only turns hostile on that second parse.
 */
import { JSDOM, VirtualConsole } from 'jsdom';

export interface Violation {
  /** Which rule: `element`, `foreign-element`, `event-handler`, `style-attr`, `clobbering-attr`, `url`, `attr`, `imitation-attr`, `unstable`. */
  rule: string;
  /** What was found, short. */
  detail: string;
}

/** Elements that must never appear in sanitized article HTML. */
export const FORBIDDEN_ELEMENTS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'base', 'basefont', 'meta', 'link',
  'style', 'svg', 'math', 'form', 'input', 'button', 'select', 'textarea', 'keygen', 'isindex', 'template',
  'noscript', 'noembed', 'noframes', 'xmp', 'plaintext', 'portal', 'marquee', 'dialog', 'title', 'head', 'body', 'html',
]);

/** Attributes that carry a URL somewhere in HTML, SVG or MathML. */
export const URL_ATTRIBUTES = new Set([
  'href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'cite', 'longdesc', 'usemap',
  'data', 'codebase', 'classid', 'archive', 'dynsrc', 'lowsrc', 'ping', 'manifest', 'icon', 'profile', 'itemtype', 'imagesrcset',
]);

/** Attributes that must not survive at all. */
const FORBIDDEN_ATTRIBUTES = new Set(['style', 'id', 'name', 'srcdoc', 'formaction', 'action', 'form', 'xmlns', 'background', 'ping', 'poster']);

/**
 * Attributes that let content look or sound like the reader's own notices: presentational colours,
 * borders and faces, `role` and `aria-*` (live regions).
 */
const IMITATION_ATTRIBUTES = new Set(['bgcolor', 'color', 'border', 'bordercolor', 'bordercolordark', 'bordercolorlight', 'face', 'size', 'text', 'link', 'vlink', 'alink', 'frame', 'rules', 'role']);

const XHTML = 'http://www.w3.org/1999/xhtml';

let shared: { window: JSDOM['window']; doc: Document } | null = null;
function env(): { window: JSDOM['window']; doc: Document } {
  if (!shared) {
    const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { virtualConsole: new VirtualConsole() });
    // An inert document (no browsing context): nothing parsed into it loads or runs, as in the reader's DOMParser.
    const doc = dom.window.document.implementation.createHTMLDocument('check');
    shared = { window: dom.window, doc };
  }
  return shared;
}

/**
 * The scheme a browser would see in a URL attribute value: it strips leading/trailing C0 controls and
 * spaces and removes tabs and newlines anywhere. Returns `null` for relative URLs.
 */
export function effectiveScheme(value: string): string | null {
  // eslint-disable-next-line no-control-regex
  const cleaned = value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  return m ? (m[1] as string).toLowerCase() : null;
}

/** Every URL in an attribute value (srcset and ping hold several). */
function urlsOf(name: string, value: string): string[] {
  if (name === 'srcset' || name === 'imagesrcset') return value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '').filter(Boolean);
  if (name === 'ping' || name === 'archive') return value.split(/\s+/).filter(Boolean);
  return [value];
}

function checkElement(el: Element, out: Violation[]): void {
  const name = el.localName.toLowerCase();
  if (el.namespaceURI !== XHTML) out.push({ rule: 'foreign-element', detail: `<${el.localName}> in ${el.namespaceURI ?? 'no namespace'}` });
  if (FORBIDDEN_ELEMENTS.has(name)) out.push({ rule: 'element', detail: `<${name}>` });
  for (const attr of Array.from(el.attributes)) {
    const an = attr.name.toLowerCase();
    if (an.startsWith('on')) out.push({ rule: 'event-handler', detail: `<${name} ${an}>` });
    else if (an === 'style') out.push({ rule: 'style-attr', detail: `<${name} style="${attr.value.slice(0, 60)}">` });
    else if (an === 'id' || an === 'name') out.push({ rule: 'clobbering-attr', detail: `<${name} ${an}="${attr.value.slice(0, 40)}">` });
    else if (FORBIDDEN_ATTRIBUTES.has(an) || an.startsWith('xmlns') || an.startsWith('xlink:')) out.push({ rule: 'attr', detail: `<${name} ${an}>` });
    else if (IMITATION_ATTRIBUTES.has(an) || an.startsWith('aria-')) out.push({ rule: 'imitation-attr', detail: `<${name} ${an}="${attr.value.slice(0, 40)}">` });
    // DOMPurify cannot remove `is` (browsers keep it), it empties it: only a non-empty one is a custom element.
    else if (an === 'is' && attr.value !== '') out.push({ rule: 'attr', detail: `<${name} is="${attr.value.slice(0, 40)}">` });
    // Only a numeric data-page may survive (the reader reads it); data-src & co. could be promoted to URLs.
    else if (an.startsWith('data-') && !(an === 'data-page' && /^\d{1,3}$/.test(attr.value))) out.push({ rule: 'data-attr', detail: `<${name} ${an}="${attr.value.slice(0, 40)}">` });
    if (URL_ATTRIBUTES.has(an) || an.endsWith(':href')) {
      for (const url of urlsOf(an, attr.value)) {
        const scheme = effectiveScheme(url);
        if (scheme !== null && scheme !== 'http' && scheme !== 'https') {
          out.push({ rule: 'url', detail: `<${name} ${an}="${url.slice(0, 60)}"> (${scheme}:)` });
        }
      }
    }
  }
}

function walk(root: ParentNode, out: Violation[]): void {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    checkElement(el, out);
    const content = (el as HTMLTemplateElement).content;
    if (el.localName === 'template' && content) walk(content, out);
  }
}

/** Parse `html` in body context into an inert container. */
export function parseFragment(html: string): HTMLElement {
  const { doc } = env();
  const holder = doc.createElement('div');
  holder.innerHTML = html;
  return holder;
}

export interface CheckResult {
  violations: Violation[];
  /** Text of the parsed HTML (whitespace collapsed). */
  text: string;
  /** Whether serialize→parse→serialize is a fixed point. */
  stable: boolean;
}

/** Check sanitized HTML; `violations` is empty when it is safe to render. */
export function checkSanitizedHtml(html: string): CheckResult {
  const violations: Violation[] = [];
  const first = parseFragment(html);
  walk(first, violations);
  const once = first.innerHTML;
  const second = parseFragment(once);
  const secondViolations: Violation[] = [];
  walk(second, secondViolations);
  const seen = new Set(violations.map((v) => `${v.rule}|${v.detail}`));
  for (const v of secondViolations) if (!seen.has(`${v.rule}|${v.detail}`)) violations.push({ rule: v.rule, detail: `${v.detail} (after re-parse)` });
  const stable = second.innerHTML === once;
  return { violations, text: collapse(first.textContent ?? ''), stable };
}

/**
 * Check a whole HTML document the CLI wrote (`--format html`): the head may hold only the CLI's own
 * charset/viewport/CSP/referrer/generator metas, title, canonical link and style; the body is checked
 * like sanitized HTML (the CLI's own `class` attributes and header link are fine).
 */
export function checkHtmlDocument(html: string): CheckResult & { csp: string | null } {
  const { window } = env();
  const doc = new window.DOMParser().parseFromString(html, 'text/html');
  const violations: Violation[] = [];
  let csp: string | null = null;
  for (const el of Array.from(doc.head.children)) {
    const tag = el.localName;
    const equiv = (el.getAttribute('http-equiv') ?? '').toLowerCase();
    if (tag === 'meta' && equiv === 'content-security-policy') csp = el.getAttribute('content');
    const allowed =
      (tag === 'meta' && (el.hasAttribute('charset') || ['viewport', 'referrer', 'generator'].includes(el.getAttribute('name') ?? '') || equiv === 'content-security-policy')) ||
      tag === 'title' ||
      tag === 'style' ||
      (tag === 'link' && el.getAttribute('rel') === 'canonical' && effectiveScheme(el.getAttribute('href') ?? '')?.startsWith('http'));
    if (!allowed) violations.push({ rule: 'head', detail: el.outerHTML.slice(0, 80) });
    for (const attr of Array.from(el.attributes)) if (attr.name.toLowerCase().startsWith('on')) violations.push({ rule: 'event-handler', detail: `<${tag} ${attr.name}>` });
  }
  if (doc.querySelectorAll('head style').length > 1) violations.push({ rule: 'head', detail: 'more than one <style>' });
  if (!csp || !/default-src 'none'/.test(csp) || /script-src/.test(csp)) violations.push({ rule: 'csp', detail: `CSP ${csp ?? 'missing'}` });
  // The body: the CLI's header uses class="meta" / class="notice"; everything else is article content.
  const body = doc.body;
  for (const attr of Array.from(body.attributes)) violations.push({ rule: 'attr', detail: `<body ${attr.name}>` });
  const inner = body.innerHTML.replace(/ class="(meta|notice)"/g, '').replace(/ role="note"/g, '');
  const bodyCheck = checkSanitizedHtml(inner);
  return { violations: [...violations, ...bodyCheck.violations], text: bodyCheck.text, stable: bodyCheck.stable, csp };
}

export function collapse(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, '');
}

/** Violations as one line each, for assertion messages. */
export function describeViolations(violations: readonly Violation[]): string {
  return violations.map((v) => `${v.rule}: ${v.detail}`).join('\n');
}
