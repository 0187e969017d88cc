import DOMPurify, { type Config, type DOMPurify as DOMPurifyInstance } from 'dompurify';

/** Attributes that paint: colours, borders, faces and sizes (HTML 4 presentational attributes). */
const PRESENTATIONAL_ATTRS = ['bgcolor', 'color', 'border', 'bordercolor', 'bordercolordark', 'bordercolorlight', 'face', 'size', 'text', 'link', 'vlink', 'alink', 'frame', 'rules'];

/** Attributes that hide content or show it only on some action (popovers, commands). */
const HIDING_ATTRS = ['popover', 'popovertarget', 'popovertargetaction', 'command', 'commandfor', 'inert', 'open'];

const HTTP_URL = /^https?:\/\//i;

/** Images declared this small or smaller (either side, in px) show nothing: beacons and spacers. */
const INVISIBLE_PX = 2;

/** The candidate URLs of a `srcset` value, in order (descriptors dropped). */
function srcsetUrls(value: string): string[] {
  return value
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

/**
 * DOMPurify with the article profile: text, structure, links, images and tables only. No
 * scripts, no styles, no forms, no frames, no SVG or MathML, no event handlers, no `style`, no
 * `class`/`id` (DOM clobbering). `data-page` survives so the reader can mark page boundaries.
 * No presentational colours or borders (`bgcolor`, `<font color>`, `border`…) and no `role` or
 * `aria-*` (live regions): with those, content could draw and announce something that looks like
 * the reader's own notices ("Page 2 of 3 could not be loaded … Retry").
 *
 * Nothing is fetched that is not shown (article images from any host are shown):
 * - `<details>`/`<summary>` are unwrapped, their content shown (a closed one hid images that were
 *   fetched all the same); popovers and `hidden` elements go with their content;
 * - an image is its `src`, an absolute http(s) URL (no data: either), and nothing else: `srcset` candidates are held
 *   to the same rule (the first http(s) one becomes `src` when there is none) and then dropped, so
 *   the image shown is the one requested and the one kept offline, never another host's;
 * - an image declared 2 px or smaller on a side (a beacon or a spacer) goes; one that answers
 *   with nothing (a 204 beacon) is requested once and hidden by the reader.
 *
 * This is the last step before anything is rendered or stored.
 */
export function sanitizeArticleHtml(html: string, window: Window & typeof globalThis): string {
  return sanitizedBody(html, window).innerHTML;
}

/**
 * {@link sanitizeArticleHtml} as the sanitized tree itself: the body of DOMPurify's own inert
 * document, whose `innerHTML` is exactly the string {@link sanitizeArticleHtml} gives. For a caller
 * that wants the text too, without parsing that string again.
 */
export function sanitizedBody(html: string, window: Window & typeof globalThis): HTMLElement {
  return purifierFor(window).sanitize(html, { ...ARTICLE_PROFILE, RETURN_DOM: true }) as HTMLElement;
}

/** The article profile (see {@link sanitizeArticleHtml}). */
const ARTICLE_PROFILE = {
  USE_PROFILES: { html: true },
  // details/summary are forbidden but their content kept (KEEP_CONTENT): unwrapped, shown.
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'select', 'textarea', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'link', 'meta', 'base', 'template', 'video', 'audio', 'source', 'track', 'dialog', 'marquee', 'option', 'optgroup', 'datalist', 'label', 'output', 'progress', 'meter', 'details', 'summary'],
  FORBID_ATTR: ['style', 'class', 'id', 'name', 'srcdoc', 'formaction', 'action', 'background', 'ping', 'poster', 'xmlns', 'srcset', 'sizes', 'hidden', ...PRESENTATIONAL_ATTRS, ...HIDING_ATTRS, 'role'],
  ALLOW_DATA_ATTR: true,
  ALLOW_ARIA_ATTR: false,
  ALLOWED_URI_REGEXP: /^(?:https?:|#)/i,
} satisfies Config;

/** One DOMPurify per window, its hooks added once (a new one per article cost more than small articles' sanitizing). */
const purifiers = new WeakMap<Window, DOMPurifyInstance>();

function purifierFor(window: Window & typeof globalThis): DOMPurifyInstance {
  const known = purifiers.get(window);
  if (known) return known;
  const purify = DOMPurify(window);
  if (!purify.isSupported) throw new Error('DOMPurify is not supported in this DOM environment; refusing to render unsanitized HTML');
  // The element methods from the prototype: a form's fields can shadow them (DOM clobbering).
  const proto = window.Element.prototype;
  const attr = (el: Element, name: string) => proto.getAttribute.call(el, name);
  const parentOf = Object.getOwnPropertyDescriptor(window.Node.prototype, 'parentNode')?.get;
  const drop = (el: Element) => {
    const parent = parentOf?.call(el) as Node | null | undefined;
    if (parent) window.Node.prototype.removeChild.call(parent, el);
  };
  purify.addHook('uponSanitizeElement', (node) => {
    if (!(node instanceof window.Element)) return;
    const el = node;
    // Content that is not shown is not kept (its images would be fetched all the same).
    if (attr(el, 'hidden') !== null || attr(el, 'popover') !== null) {
      drop(el);
      return;
    }
    if (el.localName !== 'img') return;
    // srcset candidates under the same rule as src: the first http(s) one stands in for a missing src.
    const src = attr(el, 'src')?.trim() ?? '';
    if (!HTTP_URL.test(src)) {
      const candidate = srcsetUrls(attr(el, 'srcset') ?? '').find((u) => HTTP_URL.test(u));
      if (candidate) proto.setAttribute.call(el, 'src', candidate);
      else proto.removeAttribute.call(el, 'src');
    }
    const tiny = (name: string) => {
      const v = attr(el, name);
      return v !== null && /^\s*\d+(\.\d+)?\s*(px)?\s*$/i.test(v) && parseFloat(v) <= INVISIBLE_PX;
    };
    // No image to show (no http(s) src), or one too small to see: not requested at all.
    if (attr(el, 'src') === null || tiny('width') || tiny('height')) drop(el);
  });
  // Only `data-page` (a page number) survives among data attributes: the reader reads it.
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName.startsWith('data-')) data.keepAttr = data.attrName === 'data-page' && /^\d{1,3}$/.test(data.attrValue);
  });
  purifiers.set(window, purify);
  return purify;
}
