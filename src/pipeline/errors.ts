/** Why an article could not be read at all. Partial results are not errors: see `failedPages`. */
export type ArticleErrorCode =
  | 'unreachable'
  | 'http'
  | 'timeout'
  | 'aborted'
  | 'content-type'
  | 'too-large'
  | 'empty'
  | 'not-article'
  | 'off-site-redirect'
  /** Over the element or nesting budget of one page (parse-page.ts). */
  | 'too-complex';

/** The error `readWholeArticle` throws when the page given yields nothing. Its message is one plain line. */
export class ArticleError extends Error {
  override readonly name = 'ArticleError';
  constructor(
    readonly code: ArticleErrorCode,
    message: string,
    readonly url: string,
  ) {
    super(message);
  }
}
