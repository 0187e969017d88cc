import { generic } from './generic';
import { people } from './people';
import type { SiteRule } from './types';
import { xinhua } from './xinhua';

export type { PageScheme, SiteRule } from './types';
export { generic, people, xinhua };

/** Every site with its own rule, in match order. `generic` serves everything else. */
export const siteRules: readonly SiteRule[] = [xinhua, people];

/**
 * The rule for a URL's host. Xinhua's big5 gateway (`big5.xinhuanet.com/gate/big5/<host>/…`) is
 * Xinhua's own host, so it needs no special case here.
 */
export function ruleForUrl(url: string | URL): SiteRule {
  let host: string;
  try {
    host = (typeof url === 'string' ? new URL(url) : url).hostname;
  } catch {
    return generic;
  }
  return siteRules.find((rule) => rule.hosts.test(host)) ?? generic;
}

/** Content-script match patterns of every rule, for the manifest. */
export const newsSiteMatches: readonly string[] = siteRules.flatMap((rule) => rule.matches);
