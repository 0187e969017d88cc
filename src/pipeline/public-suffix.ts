/**
 * The Public Suffix List (tldts, ICANN and private sections: `github.io`, `blogspot.com` are
 * suffixes there) installed as url.ts's site comparison. Imported for its effect, by load-page.ts
 * (`publicSuffixListFor`) the first time a read of a site without a rule of its own needs it; the
 * content script does not import it (140 KB).
 */
import { getDomain } from 'tldts';
import { usePublicSuffixList } from './url';

usePublicSuffixList((host) => getDomain(host, { allowPrivateDomains: true, extractHostname: false }));
