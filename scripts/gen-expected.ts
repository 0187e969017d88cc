/**
 * Writes test/pages/<slug>/expected.html from the pipeline's current contentHtml, for review.
 *
 *   npx tsx scripts/gen-expected.ts <slug> [<slug>...]
 *   npx tsx scripts/gen-expected.ts --all
 *   npx tsx scripts/gen-expected.ts --all --check     # report, write nothing
 *
 * Runs exactly what test/pages.test.ts runs (same fixture fetch, same options). Refuses to write a
 * case whose run failed or requested an unlisted URL. Prints, per case, the metadata fields that
 * differ from expected-metadata.json, so the output is reviewed before it is committed: expected.html
 * is a snapshot, expected-metadata.json is hand-written and is never touched here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { compareHtml, compareMetadataKey, listCaseSlugs, loadCase, prettyHtml, runCase } from '../test/fixture-support';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const all = args.includes('--all');
  const slugs = all ? listCaseSlugs() : args.filter((a) => !a.startsWith('--'));
  if (!slugs.length) {
    console.error('usage: npx tsx scripts/gen-expected.ts <slug>...|--all [--check]');
    return 2;
  }
  const known = new Set(listCaseSlugs());
  let failures = 0;
  for (const slug of slugs) {
    if (!known.has(slug)) {
      console.error(`✗ ${slug}: no such case under test/pages/`);
      failures++;
      continue;
    }
    const c = loadCase(slug);
    const run = await runCase(c);
    if (run.error || !run.result) {
      const e = run.error instanceof Error ? run.error.stack ?? run.error.message : String(run.error);
      console.error(`✗ ${slug}: pipeline failed: ${e}`);
      failures++;
      continue;
    }
    if (run.unlisted.length) {
      console.error(`✗ ${slug}: requested unlisted URL(s): ${run.unlisted.join(', ')} (not written)`);
      failures++;
      continue;
    }
    const r = run.result;
    const notes: string[] = [];
    for (const [key, expected] of Object.entries(c.metadata ?? {})) {
      const problem = compareMetadataKey(key, expected, (r as unknown as Record<string, unknown>)[key]);
      if (problem) notes.push(`    metadata ${key}: ${problem}`);
    }
    const html = prettyHtml(r.contentHtml);
    const out = path.join(c.dir, 'expected.html');
    const before = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : null;
    const changed = before === null ? 'new' : compareHtml(r.contentHtml, before) === null ? 'unchanged' : 'CHANGED';
    if (!check && changed !== 'unchanged') fs.writeFileSync(out, html);
    console.log(
      `${notes.length ? '!' : '✓'} ${slug}: ${r.pageCount} page(s), ${r.length} chars, failed ${r.failedPages.length}, expected.html ${changed}${check ? ' (check only)' : ''}`,
    );
    for (const n of notes) console.log(n);
  }
  return failures ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
