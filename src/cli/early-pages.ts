/**
 * The other pages of an article read off the first page's markup: the pipeline's own scan
 * (src/pipeline/early-pages.ts), which the command runs on page 1's bytes while jsdom still loads
 * (src/cli/first-request.ts, main.ts).
 */
export { pagesNamedIn, pagesNamedInBytes } from '../pipeline/early-pages';
