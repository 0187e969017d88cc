/**
 * A read's default limits (read-whole-article.ts), in a module of their own: the reader page's
 * start-up code needs them before the pipeline itself, which it loads while the first page is drawn.
 */
export const DEFAULTS = {
  maxPages: 30,
  concurrency: 6,
  timeoutMs: 15_000,
  totalTimeoutMs: 60_000,
};
