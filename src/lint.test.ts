/**
 * The HTML-sink lint (eslint.config.js: `no-unsanitized/property` and `/method`) over the shipped
 * code, run through the ESLint API so `npm test` fails on any finding; and proof that the rule
 * fires on an unsanitized sink, so a config that silently lints nothing cannot pass.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
/** Where lintText pretends the snippets live: inside the linted tree, so the config applies. */
const FAKE_FILE = path.join(ROOT, 'src/reader/__lint-fixture__.ts');

const eslint = new ESLint({ cwd: ROOT });

async function ruleIdsOf(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: FAKE_FILE });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('lint: HTML sinks', () => {
  it('src/ and entrypoints/ have no error', async () => {
    const results = await eslint.lintFiles(['src', 'entrypoints']);
    expect(results.length).toBeGreaterThan(20);
    const problems = results.flatMap((r) =>
      r.messages.map((m) => `${path.relative(ROOT, r.filePath)}:${m.line}:${m.column} ${m.ruleId ?? 'fatal'} ${m.message}`),
    );
    expect(problems).toEqual([]);
  }, 60_000);

  it('fires on an unsanitized sink', async () => {
    expect(await ruleIdsOf('declare const el: HTMLElement; declare const userInput: string;\nel.innerHTML = userInput;\n')).toEqual([
      'no-unsanitized/property',
    ]);
    expect(await ruleIdsOf('declare const el: Element; declare const s: string;\nel.outerHTML = `<p>${s}</p>`;\n')).toEqual(['no-unsanitized/property']);
    expect(await ruleIdsOf('declare const el: Element; declare const s: string;\nel.insertAdjacentHTML("beforeend", s);\n')).toEqual([
      'no-unsanitized/method',
    ]);
    expect(await ruleIdsOf('declare const s: string;\ndocument.write(s);\n')).toEqual(['no-unsanitized/method']);
    expect(await ruleIdsOf('declare const s: string;\ndocument.createRange().createContextualFragment(s);\n')).toEqual(['no-unsanitized/method']);
  });

  it('lets text, constants and reasoned exceptions through, and reports a stale exception', async () => {
    expect(await ruleIdsOf('declare const el: HTMLElement; declare const s: string;\nel.textContent = s;\nel.innerHTML = "";\n')).toEqual([]);
    expect(
      await ruleIdsOf(
        'declare const el: HTMLElement; declare const s: string;\n// eslint-disable-next-line no-unsanitized/property -- inert document, sanitized next\nel.innerHTML = s;\n',
      ),
    ).toEqual([]);
    // A disable comment left behind with no sink under it is itself an error (reportUnusedDisableDirectives).
    const [result] = await eslint.lintText('// eslint-disable-next-line no-unsanitized/property -- stale\nconst x = 1;\nexport { x };\n', { filePath: FAKE_FILE });
    expect(result?.errorCount).toBe(1);
  });
});
