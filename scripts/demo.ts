/**
 * `npm run demo:cli`: the command line on the bundled demo article. Starts the local news site with the
 * `people-en-seed` fixture (SITES.md "The seed example": a 4-page People's Daily Online English
 * article, opened on page 3), runs `wholestory <start URL> --proxy <news site>`, prints the Markdown
 * on stdout and a one-line summary on stderr, and stops the server. Nothing leaves 127.0.0.1.
 * Extra arguments go to the command (`npm run demo:cli -- -f json`).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../src/cli/main';
import { PAGES_DIR, startNewsSite } from '../test/server/news-site';

// Another case folder can stand in (WHOLESTORY_DEMO_CASE=path/to/case), e.g. to try a fixture.
const caseDir = path.resolve(process.env.WHOLESTORY_DEMO_CASE ?? path.join(PAGES_DIR, 'people-en-seed'));

if (!existsSync(path.join(caseDir, 'case.json'))) {
  process.stderr.write(`demo: the demo fixture ${path.relative(process.cwd(), caseDir)}/case.json is missing\n`);
  process.exit(1);
}

const site = await startNewsSite({ cases: [caseDir] });
const start = site.cases[0]!.start;
let summary = '';
try {
  process.exitCode = await runCli([start, '--proxy', site.origin, ...process.argv.slice(2)], {
    onArticle(article, elapsedMs) {
      const index = article.pageUrls.indexOf(start);
      const from = index >= 0 ? `page ${index + 1}` : start;
      const loaded = article.pageCount - article.failedPages.length;
      summary =
        `demo: "${article.title}": ${loaded} of ${article.pageCount} pages read from ${from} in ${Math.round(elapsedMs)} ms ` +
        `(${site.requests.length} requests to the local news site ${site.origin})`;
    },
  });
} finally {
  await site.close();
}
if (summary) process.stderr.write(`${summary}\n`);
