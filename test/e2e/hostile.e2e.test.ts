/**
 * Hostile pages opened in the extension's reader in real Chromium and real Firefox (the suite:
 * hostile-suite.ts), this file's share of the cases: the pages whose payloads are whole on one page
 * (per template, one page carrying every body payload at once, and each headline payload on its
 * own) and the payloads split so that page 1 leaves a construct open that page 2 closes (a comment,
 * an attribute value, a script body, the two mXSS). Also Chromium's broken-image check. The tokens
 * split mid-way: hostile-tokens.e2e.test.ts.
 */
import { hostileReaderSuite } from './hostile-suite';

hostileReaderSuite('whole');
