/**
 * The Public Suffix List (tldts, ICANN and private sections: `github.io`, `blogspot.com` are
 * suffixes there) installed as url.ts's site comparison. Imported for its effect by load-page.ts,
 * so every reader of pages compares sites by it; the content script does not import it (140 KB).
 */
import { getDomain } from 'tldts';
import { usePublicSuffixList } from './url';

usePublicSuffixList((host) => getDomain(host, { allowPrivateDomains: true, extractHostname: false }));
