/**
 * Shared by the real-browser hostile suite (hostile-suite.ts, in hostile.e2e.test.ts and
 * hostile-tokens.e2e.test.ts, both browsers) and the library import suite (import.e2e.test.ts):
 * the bounded case list, the watch script installed before the reader's own (or, in Firefox, before
 * the article arrives), and the probes of what the reader ended with.
 */
import { buildCase, combinedCase, FRAME_IDS, type HostileCase } from '../hostile/pages';
import { PAYLOADS, SPLIT_PAYLOADS, type HostilePayload } from '../hostile/payloads';
import { expect } from 'vitest';
import { writeFigures } from '../hostile/figures';

/** Installed before any script of the reader runs: what a payload or the CSP would leave behind. */
export const WATCH_SCRIPT = `(() => {
  const w = window;
  w.__hostileWatch = { violations: [], messages: [] };
  document.addEventListener('securitypolicyviolation', (e) => {
    w.__hostileWatch.violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample });
  }, true);
  w.addEventListener('message', (e) => {
    if (typeof e.data === 'string' && e.data.indexOf('__pwned') === 0) w.__hostileWatch.messages.push(e.data);
  }, true);
})();`;

/**
 * The browser suite's two files (hostile-suite.ts), each with its share of the cases so that two
 * run at once in about the same time: `whole`, the pages whose payloads are whole on one page (every
 * body payload at once, each headline payload) and the splits that leave a construct open across the
 * page boundary (a comment, an attribute value, a script body, the two mXSS); `tokens`, the splits
 * that cut a token in two (a tag or attribute name, a javascript:/data: URL, an entity).
 */
export const HOSTILE_PARTS = {
  whole: 'whole payloads, and constructs left open across pages',
  tokens: 'tokens split across pages',
} as const;
export type HostilePart = keyof typeof HOSTILE_PARTS;
const TOKEN_SPLITS = new Set(['split-js-href', 'split-script-tag', 'split-handler', 'split-entity', 'split-data-url', 'split-iframe']);

/** The cases served: all payload classes, a bounded number of reader loads (`part`: one file's share). */
export function browserHostileCases(part?: HostilePart): HostileCase[] {
  const titles = PAYLOADS.filter((p) => p.target === 'title');
  // Article ids distinct per list (combinedCase uses 9000), so no two cases share a URL.
  const each = (payloads: readonly HostilePayload[], base: number) =>
    payloads.flatMap((payload, i) => FRAME_IDS.map((frame) => buildCase(payload, frame, base + i)));
  const all = [...FRAME_IDS.map((frame) => combinedCase(frame)), ...each(titles, 1000), ...each(SPLIT_PAYLOADS, 2000)];
  return part === undefined ? all : all.filter((c) => TOKEN_SPLITS.has(c.payload.id) === (part === 'tokens'));
}

/** A parse-time handler report (see the header): blocked inline attribute, nothing else. */
export function isParseTimeReport(v: unknown): boolean {
  const r = v as { directive?: string; blocked?: string };
  return r.directive === 'script-src-attr' && r.blocked === 'inline';
}

/** Runs in the reader: what of the shown article could run script if CSP were absent. */
export const DANGER_PROBE = `(() => {
  const root = document.querySelector('#reader-content');
  if (!root) return ['no #reader-content'];
  const found = [];
  for (const el of root.querySelectorAll('*')) {
    const tag = el.localName;
    if (/^(script|iframe|frame|object|embed|base|meta|link|style|svg|math|form|template|noscript)$/.test(tag)) found.push('<' + tag + '>');
    for (const a of el.attributes) {
      if (/^on/i.test(a.name) || a.name === 'srcdoc' || a.name === 'style') found.push(tag + '[' + a.name + ']');
      if (/^(href|src|srcset|action|formaction|xlink:href|poster|background|data)$/i.test(a.name) && /(^|[\s,])(javascript|vbscript|data)\s*:/i.test(a.value.replace(/[\u0000-\u001f]/g, ''))) found.push(tag + '[' + a.name + '=' + a.value.slice(0, 40) + ']');
    }
  }
  return found;
})()`;

/** Runs in the reader once it settled: its state, the flag, what the watch saw, the shown text. */
export const OUTCOME_PROBE = `(() => {
  let topPwned;
  try {
    topPwned = window.top.__pwned;
  } catch (e) {
    topPwned = 'top not readable';
  }
  const content = document.querySelector('#reader-content');
  return {
    state: document.documentElement.dataset.state || '',
    pwned: window.__pwned === undefined ? undefined : String(window.__pwned),
    topPwned: topPwned === undefined ? undefined : String(topPwned),
    violations: window.__hostileWatch ? window.__hostileWatch.violations : ['watch script did not run'],
    messages: window.__hostileWatch ? window.__hostileWatch.messages : [],
    text: content ? content.innerText : '',
  };
})()`;

export interface HostileOutcome {
  state: string;
  pwned: unknown;
  topPwned: unknown;
  violations: unknown[];
  messages: string[];
  text: string;
  danger: string[];
}


/**
 * The control for the watch: put a handler the CSP must refuse into the reader and report what the
 * watch recorded (a suite whose watch saw nothing here would prove nothing).
 */
export const CONTROL_VIOLATION = `new Promise((resolve) => {
  const img = document.createElement('img');
  img.setAttribute('onerror', 'window.__controlRan = 1');
  img.src = 'data:,not-an-image';
  document.body.append(img);
  setTimeout(() => { img.remove(); resolve({ ran: window.__controlRan === 1, violations: window.__hostileWatch ? window.__hostileWatch.violations.length : -1 }); }, 500);
})`;

/** What a browser suite reports to `npm run test:hostile` (scripts/hostile-report.ts). */
export interface BrowserFigures {
  browser: string;
  cases: number;
  /** Distinct payloads in the cases. */
  payloads: number;
  /** Cases whose payload ran (`__pwned` set, a `__pwned:` message, or on `top`). */
  executed: string[];
  /** CSP violations reported by the reader, all cases. */
  cspViolations: number;
  /** Script-capable things found in the shown article. */
  dangerous: number;
  /** Cases that did not settle ready/partial or lost legitimate text. */
  notShown: string[];
}

/** Collects the outcome of each case; `write()` after the suite. */
export function browserFigures(browser: string, cases: readonly HostileCase[], part?: string): { add(c: HostileCase, out: HostileOutcome): void; write(): void } {
  // A combined case carries every body payload at once.
  const ids = new Set(cases.flatMap((c) => (c.payload.id === 'combined' ? PAYLOADS.filter((x) => x.target !== 'title').map((x) => x.id) : [c.payload.id])));
  const figures: BrowserFigures = { browser, cases: 0, payloads: ids.size, executed: [], cspViolations: 0, dangerous: 0, notShown: [] };
  return {
    add(c, out) {
      figures.cases++;
      if (out.pwned !== undefined || out.topPwned !== undefined || out.messages.length) figures.executed.push(c.id);
      figures.cspViolations += out.violations.length;
      figures.dangerous += out.danger.length;
      if (!['ready', 'partial'].includes(out.state) || !c.legit.every((t) => out.text.includes(t))) figures.notShown.push(c.id);
    },
    // One file per part (`browser-chromium-whole`): scripts/hostile-report.ts adds the parts up.
    write: () => writeFigures(`browser-${browser}${part ? `-${part}` : ''}`, figures),
  };
}

/** What every case must show, in either browser (see the suites' headers). */
export function expectNothingRan(c: HostileCase, out: HostileOutcome): void {
  expect(['ready', 'partial']).toContain(out.state);
  expect(out.pwned).toBeUndefined();
  expect(out.topPwned).toBeUndefined();
  expect(out.messages).toEqual([]);
  expect(out.danger).toEqual([]);
  expect(out.violations).toEqual([]);
  for (const text of c.legit) expect(out.text).toContain(text);
}
