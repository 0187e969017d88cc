/**
 * Which of the system's speech voices can read an article, by its language: pure, no DOM.
 *
 * Chinese is told apart by what is spoken and written: Mainland Mandarin (zh-CN: zh, zh-Hans,
 * zh-SG, cmn), Taiwan Mandarin in Traditional characters (zh-TW: zh-Hant) and Hong Kong
 * (zh-HK: zh-MO, yue, Cantonese). Every Chinese voice is offered for a Chinese article, the
 * article's own variant first, then the other Mandarin, then the rest; English likewise (en-US
 * first for an en-US article, then every other English voice).
 */

/** The part of `SpeechSynthesisVoice` used here. */
export interface VoiceLike {
  name: string;
  lang: string;
  voiceURI: string;
  default?: boolean;
  localService?: boolean;
}

export interface SpeechLanguage {
  /** The language family voices are matched by: "zh", "en", "fr"… */
  family: string;
  /** zh-CN, zh-TW, zh-HK for Chinese; the tag's region for others ("en-GB"), else the family. */
  variant: string;
}

/** `lang` attribute or voice language → family and variant; null for an empty or unknown tag. */
export function speechLanguage(tag: string | null | undefined): SpeechLanguage | null {
  const parts = (tag ?? '').trim().replace(/_/g, '-').toLowerCase().split('-').filter(Boolean);
  const primary = parts[0];
  if (!primary || !/^[a-z]{2,3}$/.test(primary)) return null;
  if (primary === 'zh' || primary === 'cmn' || primary === 'yue' || primary === 'lzh') {
    const rest = parts.slice(1);
    if (primary === 'yue' || rest.includes('hk') || rest.includes('mo') || rest.includes('yue')) return { family: 'zh', variant: 'zh-HK' };
    if (rest.includes('tw') || rest.includes('hant')) return { family: 'zh', variant: 'zh-TW' };
    return { family: 'zh', variant: 'zh-CN' };
  }
  const region = parts.slice(1).find((p) => /^[a-z]{2}$|^\d{3}$/.test(p));
  return { family: primary, variant: region ? `${primary}-${region.toUpperCase()}` : primary };
}

/** How close a voice's variant is to the article's (higher is closer; 0 is another language). */
function closeness(article: SpeechLanguage, voice: SpeechLanguage | null): number {
  if (!voice || voice.family !== article.family) return 0;
  if (voice.variant === article.variant) return 4;
  if (article.family === 'zh') {
    // Mandarin reads either script; Cantonese last for Mandarin text and first after zh-HK's own.
    const order: Record<string, string[]> = { 'zh-CN': ['zh-TW', 'zh-HK'], 'zh-TW': ['zh-CN', 'zh-HK'], 'zh-HK': ['zh-TW', 'zh-CN'] };
    const rank = order[article.variant]?.indexOf(voice.variant) ?? -1;
    return rank === 0 ? 3 : 2;
  }
  return voice.variant === voice.family || article.variant === article.family ? 3 : 2;
}

/**
 * The voices that can read `articleLang`, best first: the article's own variant, then its
 * neighbours; within one rank the system's default voice, then local (offline) voices, then the
 * system's own order.
 */
export function voicesFor<V extends VoiceLike>(voices: readonly V[], articleLang: string | null | undefined): V[] {
  const article = speechLanguage(articleLang);
  if (!article) return [];
  return voices
    .map((voice, order) => ({ voice, order, score: closeness(article, speechLanguage(voice.lang)) }))
    .filter((v) => v.score > 0)
    .sort((a, b) => b.score - a.score || Number(Boolean(b.voice.default)) - Number(Boolean(a.voice.default)) || Number(b.voice.localService !== false) - Number(a.voice.localService !== false) || a.order - b.order)
    .map((v) => v.voice);
}

/** The voice to use: the one picked before (by URI) if it can still read this language, else the best. */
export function pickVoice<V extends VoiceLike>(candidates: readonly V[], preferredUri?: string | null): V | null {
  return candidates.find((v) => preferredUri && v.voiceURI === preferredUri) ?? candidates[0] ?? null;
}
