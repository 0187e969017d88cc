/**
 * The benchmark's sequential command: `node dist/bench/follow-next-cli.mjs URL` reads the article
 * one page at a time, following each page's "next" link (scripts/bench/follow-next.ts, the
 * Postlight / graby strategy), and prints it as Markdown. Bundled like the real command
 * (scripts/build-cli.mjs) and started the same way (first request in flight while jsdom loads,
 * proxy from $HTTP_PROXY), so the bench's process-to-process comparison differs in the fetching
 * strategy only.
 */
import { formatArticle } from '../../src/cli/article-output';
import { withFirstRequest } from '../../src/cli/first-request';
import { createNodeFetch } from '../../src/cli/node-fetch';

const url = process.argv[2];
if (!url) {
  console.error('usage: node dist/bench/follow-next-cli.mjs URL');
  process.exit(2);
}
const nodeFetch = createNodeFetch();
const first = withFirstRequest(nodeFetch, url);
try {
  const [{ readFollowingNext }, { createNodeDom }, { loadJsdomStepwise, saveCodeCaches }] = await Promise.all([
    import('./follow-next'),
    import('../../src/cli/node-dom'),
    import('../../src/cli/node-packages'),
  ]);
  // jsdom loaded as the command loads it (its bundled copy and code cache beside the bundle).
  await loadJsdomStepwise();
  const dom = createNodeDom();
  const article = await readFollowingNext({ url, fetch: first.fetch, dom });
  process.stdout.write(formatArticle(article, 'md', dom));
  saveCodeCaches();
} catch (error) {
  console.error(`follow-next-cli: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  first.done();
  nodeFetch.close();
}
