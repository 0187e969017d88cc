/**
 * `npm run demo:cli`: the command line on a demo article. Starts the local news site with a
 * fixture article (scripts/demo-case.ts: by default the 12-page Xinhua article of
 * `test/pages/xinhua-2012-windowed-pager`, opened on page 7), runs `wholestory <start URL> --proxy
 * <news site>`, prints the Markdown on stdout and a one-line summary on stderr, and stops the
 * server. Nothing leaves 127.0.0.1. Extra arguments go to the command (`npm run demo:cli -- -f
 * json`); `WHOLESTORY_DEMO_CASE=<slug>` / `WHOLESTORY_DEMO_PAGE=N` pick another article or page,
 * `WHOLESTORY_DEMO_CASE=list` (or `--list`) lists them.
 */
import { runCli } from '../src/cli/main';
import { startNewsSite } from '../test/server/news-site';
import { formatDemoCases, pickDemoCase, wantsList, type DemoCase } from './demo-case';

if (wantsList()) {
  process.stdout.write(`${formatDemoCases()}\n\nnpm run demo:cli with WHOLESTORY_DEMO_CASE=<one of these> [WHOLESTORY_DEMO_PAGE=N]\n`);
  process.exit(0);
}
let demo: DemoCase;
try {
  demo = pickDemoCase();
} catch (error) {
  process.stderr.write(`demo: ${(error as Error).message}\n`);
  process.exit(1);
}

const site = await startNewsSite({ cases: [demo.dir] });
const start = demo.start;
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
