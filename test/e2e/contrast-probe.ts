/**
 * What the browser really draws, checked against WCAG (issue 10, bug 11): every visible text at
 * ≥ 4.5 : 1 against what is behind it (≥ 3 : 1 for large text: 24 px, or 18.66 px bold), and
 * every control's boundary at ≥ 3 : 1 (1.4.11: a border or a fill of its own that sets it apart;
 * a control drawn as text alone has only its text to show, and only that is checked). Colours are
 * the computed ones (light-dark(), color-mix() and the theme's variables resolved by the browser),
 * backgrounds composited up the ancestors, opacity included. Disabled controls are exempt (WCAG),
 * as are native checkboxes, radios, sliders and colour wells (their look is the browser's,
 * `accent-color` checked in theme-contrast.test.ts).
 *
 * `contrastProblems` runs in the page (it is passed to `evaluate`, so it is self-contained).
 */

export interface ContrastProblem {
  /** A short path to the element: tag#id.class */
  where: string;
  what: 'text' | 'boundary';
  ratio: number;
  needed: number;
  /** The colours compared, as the browser computed them. */
  colours: string;
  /** The text, for text problems (40 characters). */
  text?: string;
}

export interface ContrastReport {
  problems: ContrastProblem[];
  /** How many texts and control boundaries were looked at (a page with none was not checked). */
  texts: number;
  controls: number;
}

export function contrastProblems(): ContrastReport {
  type Rgba = [number, number, number, number];
  const parse = (value: string): Rgba | null => {
    const v = value.trim();
    if (v === 'transparent') return [0, 0, 0, 0];
    let m = /^rgba?\(([^)]+)\)$/.exec(v);
    if (m) {
      const parts = m[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
      return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
    }
    m = /^color\(srgb\s+([^)]+)\)$/.exec(v);
    if (m) {
      const parts = m[1]!.split(/[\s/]+/).filter(Boolean).map(Number);
      return [parts[0]! * 255, parts[1]! * 255, parts[2]! * 255, parts[3] ?? 1];
    }
    return null;
  };
  /** `top` drawn over the opaque `bottom`. */
  const over = (top: Rgba, bottom: Rgba): Rgba => {
    const a = top[3];
    return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
  };
  const luminance = (c: Rgba) => {
    const [r, g, b] = [c[0], c[1], c[2]].map((x) => {
      const s = x / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a: Rgba, b: Rgba) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
    return (x + 0.05) / (y + 0.05);
  };
  const show = (c: Rgba) => `rgb(${c.slice(0, 3).map((x) => Math.round(x)).join(' ')})`;
  const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].slice(0, 2).map((c) => `.${c}`).join('')}`;
  const where = (el: Element) => {
    const parts: string[] = [];
    for (let e: Element | null = el; e && parts.length < 3 && e !== document.body; e = e.parentElement) parts.unshift(name(e));
    return parts.join(' > ');
  };

  /** The opaque colour drawn behind `el`'s own box (its ancestors' backgrounds, composited). */
  const canvas = (): Rgba => {
    for (const el of [document.documentElement, document.body]) {
      const c = el && parse(getComputedStyle(el).backgroundColor);
      if (c && c[3] > 0) return over(c, [255, 255, 255, 1]);
    }
    return [255, 255, 255, 1];
  };
  const behind = (el: Element | null): Rgba => {
    const layers: Rgba[] = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) {
        layers.push(c);
        if (c[3] >= 1) break;
      }
    }
    let colour = layers.length && layers[layers.length - 1]![3] >= 1 ? layers.pop()! : canvas();
    while (layers.length) colour = over(layers.pop()!, colour);
    return colour;
  };
  const opacity = (el: Element) => {
    let o = 1;
    for (let e: Element | null = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
    return o;
  };
  const visible = (el: Element) => {
    const r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return false;
    const s = getComputedStyle(el);
    return s.visibility === 'visible' && Number(s.opacity) > 0 && el.checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true }) !== false;
  };
  const disabled = (el: Element) => el.closest(':disabled, [aria-disabled="true"]') !== null;

  const problems: ContrastProblem[] = [];
  const all = [...document.querySelectorAll('body *')];
  let texts = 0;

  // Text: each element with text of its own.
  for (const el of all) {
    if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION'].includes(el.tagName)) continue;
    const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
    if (!own || !visible(el) || disabled(el)) continue;
    const s = getComputedStyle(el);
    const fg = parse(s.color);
    if (!fg) continue;
    const bg = behind(el);
    const drawn = over([fg[0], fg[1], fg[2], fg[3] * opacity(el)], bg);
    const size = parseFloat(s.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
    const needed = large ? 3 : 4.5;
    const r = ratio(drawn, bg);
    texts++;
    if (r < needed - 0.005) problems.push({ where: where(el), what: 'text', ratio: Math.round(r * 100) / 100, needed, colours: `${show(drawn)} on ${show(bg)}`, text: own.slice(0, 40) });
  }

  // Boundaries: controls with a border or a fill of their own.
  const NATIVE = new Set(['checkbox', 'radio', 'range', 'color', 'file', 'hidden']);
  const controls = all.filter((el) => {
    if (!el.matches('button, select, textarea, summary, input, [role="button"], [role="tab"]')) return false;
    if (el instanceof HTMLInputElement && NATIVE.has(el.type)) return false;
    return visible(el) && !disabled(el);
  });
  for (const el of controls) {
    const s = getComputedStyle(el);
    const outside = behind(el.parentElement);
    const fillC = parse(s.backgroundColor);
    const fill = fillC && fillC[3] > 0 ? over(fillC, outside) : outside;
    const sides = ['Top', 'Right', 'Bottom', 'Left'] as const;
    const borders = sides
      .filter((side) => parseFloat(s.getPropertyValue(`border-${side.toLowerCase()}-width`)) >= 1 && !['none', 'hidden'].includes(s.getPropertyValue(`border-${side.toLowerCase()}-style`)))
      .map((side) => parse(s.getPropertyValue(`border-${side.toLowerCase()}-color`)))
      .filter((c): c is Rgba => c !== null && c[3] > 0)
      .map((c) => over(c, outside));
    const fillRatio = ratio(fill, outside);
    const borderRatio = borders.length === 4 ? Math.min(...borders.map((c) => ratio(c, outside))) : 0;
    const hasFill = fillRatio > 1.05;
    const hasBorder = borders.length > 0 && borders.some((c) => ratio(c, outside) > 1.05);
    // A text field with no boundary at all cannot be told from the page.
    const field = el.matches('input, select, textarea');
    if (!hasFill && !hasBorder && !field) continue;
    const best = Math.max(fillRatio, borderRatio);
    if (best < 3 - 0.005) {
      problems.push({
        where: where(el),
        what: 'boundary',
        ratio: Math.round(best * 100) / 100,
        needed: 3,
        colours: `fill ${show(fill)}${borders[0] ? `, border ${show(borders[0])}` : ''} on ${show(outside)}`,
      });
    }
  }
  return { problems, texts, controls: controls.length };
}

/**
 * What a screen reader is pointed at (issue 10, bug 11), in the page: every id an
 * `aria-labelledby`, `aria-describedby`, `aria-controls`, `label[for]` or `output[for]` names
 * exists; no element says `lang=""` (an unknown language, read with no voice); every image of
 * the article has an `alt` (its words, or empty for a decorative one). One line per problem.
 */
export function referenceProblems(): string[] {
  const out: string[] = [];
  const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].slice(0, 2).map((c) => `.${c}`).join('')}`;
  for (const attr of ['aria-labelledby', 'aria-describedby', 'aria-controls']) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      for (const id of (el.getAttribute(attr) ?? '').split(/\s+/).filter(Boolean)) if (!document.getElementById(id)) out.push(`${name(el)} ${attr} names a missing id "${id}"`);
    }
  }
  for (const el of document.querySelectorAll('label[for], output[for]')) {
    for (const id of (el.getAttribute('for') ?? '').split(/\s+/).filter(Boolean)) if (!document.getElementById(id)) out.push(`${name(el)} for names a missing id "${id}"`);
  }
  for (const el of document.querySelectorAll('[lang=""]')) out.push(`${name(el)} has lang=""`);
  for (const img of document.querySelectorAll('#reader-content img:not([alt])')) out.push(`${name(img)} ${img.getAttribute('src')?.slice(0, 60)} has no alt`);
  return out;
}
