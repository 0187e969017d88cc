/**
 * Hostile pages opened in the extension's reader in real Chromium and real Firefox (the suite:
 * hostile-suite.ts), this file's share of the cases: payloads whose token is cut in two across the
 * page boundary (a tag name, an attribute name, a javascript: or data: URL, an entity), in every
 * template; only raw concatenation of the pages would join them. The rest: hostile.e2e.test.ts.
 */
import { hostileReaderSuite } from './hostile-suite';

hostileReaderSuite('tokens');
