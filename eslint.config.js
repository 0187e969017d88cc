// @ts-check
/**
 * Lint for one thing only: HTML sinks. Every `innerHTML` / `outerHTML` / `srcdoc` assignment and
 * every `insertAdjacentHTML` / `document.write` / `createContextualFragment` call in the shipped code
 * must take sanitized HTML (or carry a reasoned `eslint-disable-next-line … -- <why>`). No style
 * ruleset is enabled on purpose. `npm run lint`; `npm run build` and `npm test`
 * (src/lint.test.ts) run it too.
 */
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import tseslint from 'typescript-eslint';

/** The files the lint covers (shipped code: the extension, the CLI, the pipeline). */
export const LINTED = ['src/**/*.ts', 'entrypoints/**/*.ts'];

export default [
  { ignores: ['.output*/**', '.wxt/**', 'node_modules/**', 'src/**/*.test.ts', 'entrypoints/**/*.test.ts'] },
  {
    files: LINTED,
    languageOptions: {
      parser: tseslint.parser,
      ecmaVersion: 'latest',
      sourceType: 'module',
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'no-unsanitized': noUnsanitized },
    rules: {
      'no-unsanitized/method': 'error',
      'no-unsanitized/property': 'error',
    },
  },
];
