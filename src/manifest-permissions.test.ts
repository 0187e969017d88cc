/**
 * What the built extension asks for, exactly: both targets are built (with WXT's API, into a
 * temporary folder, so `.output/` is untouched) and their manifest.json read back as shipped.
 * A permission added, widened or moved from optional to required fails here on purpose: change the
 * expected sets only together with the reason in wxt.config.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'wxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

/** The news hosts the content script runs on and the reader fetches from: nothing wider. */
const NEWS_HOSTS = [
  '*://*.xinhuanet.com/*',
  '*://*.news.cn/*',
  '*://news.cn/*',
  '*://*.xinhua.org/*',
  '*://*.people.com.cn/*',
  '*://*.peopledaily.com.cn/*',
  '*://*.people.cn/*',
  '*://people.cn/*',
];
const API_PERMISSIONS = ['storage', 'unlimitedStorage', 'activeTab', 'contextMenus'];
/** Asked for at the moment of use only (the generic fallback in the popup). */
const OPTIONAL_HOSTS = ['*://*/*'];

type Manifest = Record<string, unknown>;
let outDir: string;
const manifests: { chrome?: Manifest; firefox?: Manifest } = {};

const silent = {
  debug() {},
  log() {},
  info() {},
  warn() {},
  error() {},
  fatal() {},
  success() {},
  level: 0,
};

beforeAll(async () => {
  outDir = mkdtempSync(path.join(os.tmpdir(), 'wholestory-manifest-'));
  for (const browser of ['chrome', 'firefox'] as const) {
    await build({ root: ROOT, browser, outDir, logger: silent });
    const dir = browser === 'chrome' ? 'chrome-mv3' : 'firefox-mv2';
    manifests[browser] = JSON.parse(readFileSync(path.join(outDir, dir, 'manifest.json'), 'utf8')) as Manifest;
  }
}, 60_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const sorted = (list: unknown): string[] => [...((list as string[] | undefined) ?? [])].sort();

/** Every directive of a CSP string, by name. */
function directives(csp: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values);
  }
  return out;
}

/** Strict: own scripts only, no inline, no eval, no remote origin, no plugins. */
function expectStrictCsp(csp: unknown): void {
  expect(typeof csp).toBe('string');
  const text = csp as string;
  expect(text).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|strict-dynamic/i);
  expect(text).not.toMatch(/https?:|\*|data:|blob:|'nonce-|'sha\d+-/i);
  const d = directives(text);
  expect(d.get('script-src')).toEqual(["'self'"]);
  expect(d.get('object-src')).toEqual(["'none'"]);
}

describe('manifest permissions', () => {
  it('Chrome (MV3): exact permissions, host permissions and optional hosts', () => {
    const m = manifests.chrome!;
    expect(m.manifest_version).toBe(3);
    expect(sorted(m.permissions)).toEqual([...API_PERMISSIONS].sort());
    expect(sorted(m.host_permissions)).toEqual([...NEWS_HOSTS].sort());
    expect(sorted(m.optional_host_permissions)).toEqual([...OPTIONAL_HOSTS].sort());
    expect(m.optional_permissions).toBeUndefined();
  });

  it('Chrome (MV3): extension pages CSP is strict and the only CSP key', () => {
    const csp = (manifests.chrome!.content_security_policy ?? {}) as Record<string, unknown>;
    expect(Object.keys(csp)).toEqual(['extension_pages']);
    expectStrictCsp(csp.extension_pages);
  });

  it('Firefox (MV2): exact permissions (API + news hosts) and optional permissions', () => {
    const m = manifests.firefox!;
    expect(m.manifest_version).toBe(2);
    expect(sorted(m.permissions)).toEqual([...API_PERMISSIONS, ...NEWS_HOSTS].sort());
    expect(sorted(m.optional_permissions)).toEqual([...OPTIONAL_HOSTS].sort());
    expect(m.host_permissions).toBeUndefined();
    expect(m.optional_host_permissions).toBeUndefined();
  });

  it('Firefox (MV2): CSP is strict', () => {
    expectStrictCsp(manifests.firefox!.content_security_policy);
  });

  it('content scripts run only on the news hosts, and nothing is web-accessible', () => {
    for (const m of [manifests.chrome!, manifests.firefox!]) {
      const scripts = (m.content_scripts ?? []) as { matches: string[] }[];
      expect(scripts.length).toBeGreaterThan(0);
      for (const s of scripts) expect(sorted(s.matches)).toEqual([...NEWS_HOSTS].sort());
      expect(m.web_accessible_resources).toBeUndefined();
      expect(m.externally_connectable).toBeUndefined();
    }
  });
});
