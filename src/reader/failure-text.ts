/**
 * The pipeline's failure reasons (src/pipeline/errors.ts FAILURE_CODES) in the interface
 * language: "HTTP 503 Service Unavailable" becomes 网站返回错误（HTTP 503） in a Chinese
 * interface. A reason without a code (a copy saved by an older version), or whose values are
 * missing, is shown in the pipeline's English words rather than with an empty slot.
 */
import type { Failure, FailureCode } from '../pipeline/errors';
import type { MessageKey } from '../ui-text';
import { t } from '../ui-text';

/** Each code's message and the values its text names (src/reader/failure-text.test.ts checks both in every locale). */
export const FAILURE_MESSAGES: Readonly<Record<FailureCode, { key: MessageKey; params: readonly string[] }>> = {
  'http-status': { key: 'failHttpStatus', params: ['status'] },
  timeout: { key: 'failTimeout', params: ['seconds'] },
  'article-timeout': { key: 'failArticleTimeout', params: [] },
  network: { key: 'failNetwork', params: [] },
  'connection-lost': { key: 'failConnectionLost', params: [] },
  'too-large': { key: 'failTooLarge', params: ['limitMb'] },
  'too-complex': { key: 'failTooComplex', params: [] },
  'not-html': { key: 'failNotHtml', params: ['type'] },
  empty: { key: 'failEmpty', params: [] },
  'no-text': { key: 'failNoText', params: [] },
  removed: { key: 'failRemoved', params: [] },
  'off-site-redirect': { key: 'failOffSiteRedirect', params: ['host'] },
  'hidden-redirect': { key: 'failHiddenRedirect', params: [] },
  'bad-redirect': { key: 'failBadRedirect', params: ['status'] },
  'too-many-redirects': { key: 'failTooManyRedirects', params: ['max'] },
  aborted: { key: 'failAborted', params: [] },
  'not-loaded': { key: 'failNotLoaded', params: [] },
  unknown: { key: 'failUnknown', params: ['reason'] },
};

/** A reason as the pipeline gives it: its English words and, where known, its code. */
export interface ReasonLike {
  reason: string;
  failure?: Failure;
}

/** The reason in the interface language. */
export function failureText(given: ReasonLike): string {
  const failure = given.failure;
  const params = failure?.params ?? {};
  const entry = failure ? FAILURE_MESSAGES[failure.code] : undefined;
  if (!failure || !entry || failure.code === 'unknown') return t('failUnknown', { reason: given.reason });
  if (!entry.params.every((name) => Object.hasOwn(params, name))) return t('failUnknown', { reason: given.reason });
  // Content the server would not name: no MIME type to show.
  if (failure.code === 'not-html' && params.type === 'binary') return t('failBinary');
  return t(entry.key, { ...params });
}
