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

/**
 * Every reason the pipeline gives, as a stable code: the reader and the library show each in the
 * interface language (src/reader/failure-text.ts), the CLI prints the English message beside it.
 * A code never changes meaning; a new reason gets a new code.
 */
export const FAILURE_CODES = [
  /** The server answered with an error status: `status`, `statusText`. */
  'http-status',
  /** No answer within the page's time limit: `seconds`. */
  'timeout',
  /** The whole article's time limit ran out before this page (`seconds`, when known). */
  'article-timeout',
  /** The site could not be reached (DNS, refused, reset, offline): `detail` (English, technical). */
  'network',
  /** The connection broke while the page was being read: `detail`. */
  'connection-lost',
  /** Over the size limit: `limitMb`. */
  'too-large',
  /** Over the element or nesting budget: `detail`. */
  'too-complex',
  /** Not a web page: `type` (the content type, or "binary"). */
  'not-html',
  /** The server sent nothing. */
  'empty',
  /** The page loaded but holds no article text. */
  'no-text',
  /** The site says the article was deleted or has expired. */
  'removed',
  /** A redirect to another site, refused: `host`. */
  'off-site-redirect',
  /** A redirect the browser does not show the target of, not followed. */
  'hidden-redirect',
  /** A redirect to an unusable address: `status`. */
  'bad-redirect',
  /** More redirects than allowed: `max`. */
  'too-many-redirects',
  /** Stopped (the reader closed). */
  'aborted',
  /** Never requested (the read stopped first). */
  'not-loaded',
  /** A reason without a code (a copy saved before codes existed): `reason`, the English text. */
  'unknown',
] as const;

export type FailureCode = (typeof FAILURE_CODES)[number];

/** A reason's values (numbers, host names, content types), for the translated texts. */
export type FailureParams = Readonly<Record<string, string | number>>;

/** A reason as data: its code and the values its text names. */
export interface Failure {
  readonly code: FailureCode;
  readonly params?: FailureParams;
}

const CODES: ReadonlySet<string> = new Set(FAILURE_CODES);

export function isFailureCode(value: unknown): value is FailureCode {
  return typeof value === 'string' && CODES.has(value);
}

export function failure(code: FailureCode, params?: FailureParams): Failure {
  return params ? { code, params } : { code };
}

/** The reason an error code stands for when nothing finer was given. */
const DEFAULT_FAILURE: Record<ArticleErrorCode, FailureCode> = {
  unreachable: 'network',
  http: 'http-status',
  timeout: 'timeout',
  aborted: 'aborted',
  'content-type': 'not-html',
  'too-large': 'too-large',
  empty: 'empty',
  'not-article': 'no-text',
  'off-site-redirect': 'off-site-redirect',
  'too-complex': 'too-complex',
};

/** The error `readWholeArticle` throws when the page given yields nothing. Its message is one plain line. */
export class ArticleError extends Error {
  override readonly name = 'ArticleError';
  /** The reason as a code with its values (`code` above is the coarse kind, kept for callers). */
  readonly failure: Failure;
  constructor(
    readonly code: ArticleErrorCode,
    message: string,
    readonly url: string,
    failureGiven?: Failure,
  ) {
    super(message);
    this.failure = failureGiven ?? failure(DEFAULT_FAILURE[code]);
  }
}
