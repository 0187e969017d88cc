import { fileURLToPath } from 'node:url';
import type { IndexHtmlTransformContext, IndexHtmlTransformResult, Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { newsSiteMatches } from './src/sites/index';

type OutputBundle = NonNullable<IndexHtmlTransformContext['bundle']>;

/**
 * Extension pages may run only the extension's own scripts: no remote code, no eval, no inline
 * script. DOMPurify and the reader need neither.
 */
const EXTENSION_PAGES_CSP = "script-src 'self'; object-src 'none'";

/** Any site, asked for at the moment a person uses the generic fallback there (popup), never at install. */
const ANY_SITE = '*://*/*';

/** The content script's stand-in for `wxt/browser` (src/content/native-browser.ts says why). */
const NATIVE_BROWSER = fileURLToPath(new URL('./src/content/native-browser.ts', import.meta.url));

/**
 * `npm run zip` (WXT's zip step): `.output/wholestory-<version>-chrome.zip` and `-firefox.zip`, the
 * store packages, and for Firefox `-sources.zip`, what addons.mozilla.org asks for: everything
 * the package is built from (BUILDING.md at its top says how), nothing else: no tests, fixtures,
 * benchmarks or scripts. WXT already leaves out node_modules, hidden files and `*.test.ts`.
 * src/packages.test.ts rebuilds the Firefox package from this archive and compares every byte.
 */
const SOURCES_LEFT_OUT = ['test/**', 'scripts/**', 'tmp/**', 'bench-out/**', 'bin/**', 'dist/**', 'src/cli/**', 'src/eval/**', 'vitest*.config.ts'];

/** A post-build change to reader.html alone (`bundle`: the build's output, to read or drop files). */
function readerHtml(name: string, change: (html: string, bundle: OutputBundle) => IndexHtmlTransformResult): Plugin {
  return {
    name,
    transformIndexHtml: {
      order: 'post',
      handler: (html, ctx) => (ctx.bundle && /[\\/]reader[\\/]index\.html$/.test(ctx.filename) ? change(html, ctx.bundle) : html),
    },
  };
}

/**
 * Chromium builds: reader.html's start-up (issue 10: first text ≤ 100 ms after the click). A request
 * for one of the extension's own files takes 15-30 ms in Chromium however small the file, so:
 * - its stylesheet is a <style> of its own: style.css, the last start-up file in, held up both the
 *   first frame and the module script; parsed with the page, the toolbar is styled from the first
 *   frame. The CSS file is dropped from the package (nothing else links it; the options page
 *   bundles its own copy).
 * - its first script is a classic one (entrypoints/reader-early.ts), ahead of the module: it runs as
 *   soon as it arrives and asks for what the reader waits on while the modules load.
 */
function readerHead(): Plugin {
  return readerHtml('wholestory:reader-head', (html, bundle) =>
    html
      .replace(/<link rel="stylesheet"[^>]*? href="\/(assets\/reader-[^"]+\.css)"[^>]*>/, (link, file: string) => {
        const css = bundle[file];
        if (!css || css.type !== 'asset') return link;
        const text = typeof css.source === 'string' ? css.source : new TextDecoder().decode(css.source);
        if (/<\/style/i.test(text)) return link;
        delete bundle[file];
        return `<style>${text}</style>`;
      })
      .replace(/<script type="module"/, '<script async src="/reader-early.js"></script>\n    $&'),
  );
}

/**
 * Firefox builds: reader.html fetches and compiles the reader's start-up code (reader-app.ts and
 * what it imports) from its <head>, while the page's first module (reader-boot.ts) asks for the
 * settings and the tab's page; that module imports it with `import()` (reader-start-lazy.ts), so
 * Vite alone would start it only then.
 */
function preloadReaderApp(): Plugin {
  return readerHtml('wholestory:preload-reader-app', (html, bundle) => {
    const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
    const app = chunks.find((c) => c.facadeModuleId?.replace(/\\/g, '/').endsWith('/src/reader/reader-app.ts'));
    if (!app) return html;
    const files = new Set<string>();
    const add = (file: string): void => {
      if (files.has(file)) return;
      files.add(file);
      const chunk = chunks.find((c) => c.fileName === file);
      for (const dep of chunk?.imports ?? []) add(dep);
    };
    add(app.fileName);
    return [...files].filter((f) => !html.includes(`/${f}"`)).map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${f}` }, injectTo: 'head' as const }));
  });
}

/**
 * What every extension page's <head> says, written here once: the charset, both colour schemes and,
 * where the page names no title of its own, the extension's name. Each entrypoints/<page>/index.html
 * keeps only what is its own: its stylesheet and script, a viewport, a referrer policy, WXT's
 * `manifest.*` meta tags, the popup's title (WXT reads those from the file itself).
 */
function sharedPageHead(): Plugin {
  return {
    name: 'wholestory:shared-page-head',
    transformIndexHtml(html) {
      const meta = (attrs: Record<string, string>) => ({ tag: 'meta', attrs, injectTo: 'head-prepend' as const });
      const title = /<title>/i.test(html) ? [] : [{ tag: 'title', children: 'WholeStory', injectTo: 'head-prepend' as const }];
      return [meta({ charset: 'utf-8' }), meta({ name: 'color-scheme', content: 'light dark' }), ...title];
    },
  };
}

export default defineConfig({
  // The reader's start-up differs by browser (src/reader/reader-start.ts says why): Firefox builds
  // start reader-app.ts with import() (reader-start-lazy.ts), keep style.css a file and have no
  // classic first script.
  vite: (env) =>
    env.browser === 'firefox'
      ? { plugins: [sharedPageHead(), preloadReaderApp()], resolve: { alias: [{ find: /^(.*\/src\/reader\/reader-start)$/, replacement: '$1-lazy' }] } }
      : { plugins: [sharedPageHead(), readerHead()] },
  // A folder of one's own for a build (WHOLESTORY_OUT_DIR), so two test runs on one machine do not
  // rebuild the extension under each other's browsers; test/e2e/browser.ts reads the same variable.
  outDir: process.env.WHOLESTORY_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    excludeSources: SOURCES_LEFT_OUT,
  },
  hooks: {
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
      const existing = config.resolve?.alias;
      const list = Array.isArray(existing)
        ? existing
        : Object.entries(existing ?? {}).map(([find, replacement]) => ({ find, replacement: String(replacement) }));
      config.resolve = { ...config.resolve, alias: [{ find: /^wxt\/browser$/, replacement: NATIVE_BROWSER }, ...list] };
    },
  },
  manifest: ({ manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // unlimitedStorage: the offline library keeps whole articles with their images (IndexedDB).
    permissions: ['storage', 'unlimitedStorage', 'activeTab', 'contextMenus'],
    // The news hosts only: the reader fetches their pages; the content script already runs there.
    host_permissions: [...newsSiteMatches],
    ...(manifestVersion === 3
      ? {
          optional_host_permissions: [ANY_SITE],
          content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
        }
      : {
          // MV2 (Firefox) has no optional_host_permissions: host patterns go in optional_permissions.
          optional_permissions: [ANY_SITE],
          content_security_policy: EXTENSION_PAGES_CSP as unknown as { extension_pages: string },
        }),
    action: { default_title: '__MSG_actionTitle__' },
    commands: {
      'open-reader': {
        suggested_key: { default: 'Alt+Shift+W' },
        description: '__MSG_commandOpenReader__',
      },
      'save-article': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_commandSaveArticle__',
      },
    },
    browser_specific_settings: {
      gecko: {
        id: 'wholestory@wholestory.dev',
        // 140 (the ESR line since 2025) is the first to read data_collection_permissions; on
        // Android, 142. Declaring it with an older minimum is a web-ext lint warning.
        strict_min_version: '140.0',
        // WholeStory collects nothing: it stores articles in the browser and asks only the
        // article's own site (pages and images). PRIVACY.md says exactly what.
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    },
  }),
});
