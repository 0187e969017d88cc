import DOMPurify from 'dompurify';

/**
 * DOMPurify with the article profile: text, structure, links, images and tables only. No
 * scripts, no styles, no forms, no frames, no SVG or MathML, no event handlers, no `style`, no
 * `class`/`id` (DOM clobbering). `data-page` survives so the reader can mark page boundaries.
 * No presentational colours or borders (`bgcolor`, `<font color>`, `border`…) and no `role` or
 * `aria-*` (live regions): with those, content could draw and announce something that looks like
 * the reader's own notices ("Page 2 of 3 could not be loaded … Retry"). This is the last step
 * before anything is rendered or stored.
 */
/** Attributes that paint: colours, borders, faces and sizes (HTML 4 presentational attributes). */
const PRESENTATIONAL_ATTRS = ['bgcolor', 'color', 'border', 'bordercolor', 'bordercolordark', 'bordercolorlight', 'face', 'size', 'text', 'link', 'vlink', 'alink', 'frame', 'rules'];

export function sanitizeArticleHtml(html: string, window: Window & typeof globalThis): string {
  const purify = DOMPurify(window);
  if (!purify.isSupported) throw new Error('DOMPurify is not supported in this DOM environment; refusing to render unsanitized HTML');
  // Only `data-page` (a page number) survives among data attributes: the reader reads it.
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName.startsWith('data-')) data.keepAttr = data.attrName === 'data-page' && /^\d{1,3}$/.test(data.attrValue);
  });
  return purify.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'select', 'textarea', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'link', 'meta', 'base', 'template', 'video', 'audio', 'source', 'track', 'dialog', 'marquee', 'option', 'optgroup', 'datalist', 'label', 'output', 'progress', 'meter'],
    FORBID_ATTR: ['style', 'class', 'id', 'name', 'srcdoc', 'formaction', 'action', 'background', 'ping', 'poster', 'xmlns', ...PRESENTATIONAL_ATTRS, 'role'],
    ALLOW_DATA_ATTR: true,
    ALLOW_ARIA_ATTR: false,
    ALLOWED_URI_REGEXP: /^(?:https?:|#)/i,
  }) as string;
}
