/**
 * Shared by the real-browser hostile suites (hostile-chromium.e2e.test.ts; a Firefox twin can reuse them): the
 * bounded case list, the watch script installed before the reader's own, and the probe of what the
 * shown article holds.
 */
import { buildCase, combinedCase, FRAME_IDS, type HostileCase } from '../hostile/pages';
import { PAYLOADS, SPLIT_PAYLOADS, type HostilePayload } from '../hostile/payloads';

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

/** The cases served: all payload classes, a bounded number of reader loads. */
export function browserHostileCases(): HostileCase[] {
  const titles = PAYLOADS.filter((p) => p.target === 'title');
  // Article ids distinct per list (combinedCase uses 9000), so no two cases share a URL.
  const each = (payloads: readonly HostilePayload[], base: number) =>
    payloads.flatMap((payload, i) => FRAME_IDS.map((frame) => buildCase(payload, frame, base + i)));
  return [...FRAME_IDS.map((frame) => combinedCase(frame)), ...each(titles, 1000), ...each(SPLIT_PAYLOADS, 2000)];
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

export interface HostileOutcome {
  state: string;
  pwned: unknown;
  topPwned: unknown;
  violations: unknown[];
  messages: string[];
  text: string;
  danger: string[];
}

