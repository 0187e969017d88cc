/**
 * Simplified ↔ Traditional conversion with OpenCC's dictionaries (opencc-js's data), phrase by
 * phrase: the text is first cut into the longest phrases the dictionary knows (OpenCC's
 * segmentation), then each piece is converted by longest match, so 头发 → 頭髮 but 发展 → 發展,
 * 心神不宁状态 → 心神不寧狀態 and, for Taiwan, 软件 → 軟體, 鼠标 → 滑鼠.
 *
 * Loaded only when someone asks for a script (script-view.ts imports it dynamically), and each
 * dictionary is its own chunk: a Traditional article shown in Simplified never loads the 1 MB
 * Simplified→Traditional phrase table.
 *
 * OpenCC's own trie (a Map per character) took about 0.45 s to build from STPhrases here, twice
 * (segmentation and conversion); a hash of whole phrases with the longest phrase per first
 * character builds in a few tens of milliseconds and converts as fast.
 */

/** What the reader can show: Simplified, Traditional (OpenCC standard), Taiwan (with its words), Hong Kong. */
export type Script = 'hans' | 'hant' | 'tw' | 'hk';
/** What an article is written in: Simplified, or Traditional of Taiwan, Hong Kong or no known region. */
export type SourceScript = 'cn' | 'tw' | 'hk' | 't';

export type Convert = (text: string) => string;

type DictName =
  | 'STPhrases'
  | 'STPhrases_GeneratedFromRegionalPhrases'
  | 'STCharacters'
  | 'TSPhrases'
  | 'TSCharacters'
  | 'TWPhrases'
  | 'TWPhrasesRev'
  | 'TWVariants'
  | 'TWVariantsPhrases'
  | 'TWVariantsRev'
  | 'TWVariantsRevPhrases'
  | 'HKVariants'
  | 'HKVariantsPhrases'
  | 'HKVariantsRev'
  | 'HKVariantsRevPhrases'
  | 'CJK_Compatibility_Ideographs';

/** One dynamic import per table, so the bundler makes a chunk of each and only the needed ones load. */
const LOADERS: Record<DictName, () => Promise<{ default: string }>> = {
  STPhrases: () => import('opencc-js/dict/STPhrases'),
  STPhrases_GeneratedFromRegionalPhrases: () => import('opencc-js/dict/STPhrases_GeneratedFromRegionalPhrases'),
  STCharacters: () => import('opencc-js/dict/STCharacters'),
  TSPhrases: () => import('opencc-js/dict/TSPhrases'),
  TSCharacters: () => import('opencc-js/dict/TSCharacters'),
  TWPhrases: () => import('opencc-js/dict/TWPhrases'),
  TWPhrasesRev: () => import('opencc-js/dict/TWPhrasesRev'),
  TWVariants: () => import('opencc-js/dict/TWVariants'),
  TWVariantsPhrases: () => import('opencc-js/dict/TWVariantsPhrases'),
  TWVariantsRev: () => import('opencc-js/dict/TWVariantsRev'),
  TWVariantsRevPhrases: () => import('opencc-js/dict/TWVariantsRevPhrases'),
  HKVariants: () => import('opencc-js/dict/HKVariants'),
  HKVariantsPhrases: () => import('opencc-js/dict/HKVariantsPhrases'),
  HKVariantsRev: () => import('opencc-js/dict/HKVariantsRev'),
  HKVariantsRevPhrases: () => import('opencc-js/dict/HKVariantsRevPhrases'),
  CJK_Compatibility_Ideographs: () => import('opencc-js/dict/CJK_Compatibility_Ideographs'),
};

/**
 * A conversion as OpenCC configures it: optional segmentation tables, then groups of tables
 * applied one after another (within a group the first table that knows a phrase wins).
 */
interface Plan {
  segmentation?: DictName[];
  chain: DictName[][];
}

const ST: DictName[] = ['STPhrases', 'STPhrases_GeneratedFromRegionalPhrases', 'STCharacters'];
const ST_SEGMENTS: DictName[] = ['STPhrases', 'STPhrases_GeneratedFromRegionalPhrases'];
const TS: DictName[] = ['TSPhrases', 'TSCharacters'];
const TO_TW: DictName[] = ['TWPhrases', 'TWVariantsPhrases', 'TWVariants'];
const TO_HK: DictName[] = ['HKVariantsPhrases', 'HKVariants'];
const TW_TO_T: DictName[] = ['TWVariantsRevPhrases', 'TWVariantsRev'];
const HK_TO_T: DictName[] = ['HKVariantsRevPhrases', 'HKVariantsRev'];

/**
 * OpenCC's configurations (s2t, s2twp, s2hk, tw2sp, hk2s, t2s, tw2t, hk2t, t2tw, t2hk) and the
 * two chains between regions it leaves to chaining (Taiwan ↔ Hong Kong). null: nothing to do.
 */
const PLANS: Record<SourceScript, Record<Script, Plan | null>> = {
  cn: {
    hans: null,
    hant: { chain: [ST] },
    tw: { segmentation: ST_SEGMENTS, chain: [ST, TO_TW] },
    hk: { segmentation: ST_SEGMENTS, chain: [ST, TO_HK] },
  },
  tw: {
    // Taiwan's words back to the mainland's (軟體 → 软件), then characters.
    hans: { segmentation: ['TSPhrases'], chain: [['TWPhrasesRev', ...TW_TO_T], TS] },
    hant: { chain: [TW_TO_T] },
    tw: null,
    hk: { chain: [['TWPhrasesRev', ...TW_TO_T], TO_HK] },
  },
  hk: {
    hans: { segmentation: ['TSPhrases'], chain: [HK_TO_T, TS] },
    hant: { chain: [HK_TO_T] },
    tw: { chain: [HK_TO_T, TO_TW] },
    hk: null,
  },
  t: {
    hans: { segmentation: ['TSPhrases'], chain: [TS] },
    hant: null,
    tw: { chain: [TO_TW] },
    hk: { chain: [TO_HK] },
  },
};

/**
 * A table of phrases, looked up by longest match: only the lengths some phrase starting with that
 * character has are tried, longest first (most characters start phrases of two to four).
 */
class PhraseTable {
  readonly map = new Map<string, string>();
  /** The phrase lengths (UTF-16 units, up to 31) starting with each first unit, as bits: 1 << length. */
  readonly lengths = new Map<string, number>();

  add(from: string, to: string): void {
    if (this.map.has(from) || from.length > 31) return;
    this.map.set(from, to);
    const first = from[0] as string;
    this.lengths.set(first, (this.lengths.get(first) ?? 0) | (1 << from.length));
  }

  /** The length of the longest phrase at `i` (0 if none). */
  matchAt(text: string, i: number): number {
    let bits = this.lengths.get(text[i] as string);
    if (!bits) return 0;
    // Lengths that would run past the end are out.
    const room = text.length - i;
    if (room < 31) bits &= (2 << room) - 1;
    while (bits) {
      const length = 31 - Math.clz32(bits);
      if (this.map.has(length === 1 ? (text[i] as string) : text.slice(i, i + length))) return length;
      bits &= ~(1 << length);
    }
    return 0;
  }

  convert(text: string): string {
    let out = '';
    let plain = 0;
    for (let i = 0; i < text.length; ) {
      const length = this.matchAt(text, i);
      if (length > 0) {
        if (plain < i) out += text.slice(plain, i);
        out += this.map.get(text.slice(i, i + length));
        i += length;
        plain = i;
      } else i += codePointLength(text, i);
    }
    return plain === 0 ? text : out + text.slice(plain);
  }

  /** Cuts `text` into known phrases and the runs between them (OpenCC's maximum-match segmentation). */
  segment(text: string): string[] {
    const pieces: string[] = [];
    let plain = 0;
    for (let i = 0; i < text.length; ) {
      const length = this.matchAt(text, i);
      if (length > 0) {
        if (plain < i) pieces.push(text.slice(plain, i));
        pieces.push(text.slice(i, i + length));
        i += length;
        plain = i;
      } else i += codePointLength(text, i);
    }
    if (plain < text.length) pieces.push(text.slice(plain));
    return pieces;
  }
}

function codePointLength(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

const tableTexts = new Map<DictName, Promise<string>>();
function tableText(name: DictName): Promise<string> {
  let text = tableTexts.get(name);
  if (!text) {
    text = LOADERS[name]().then((m) => m.default);
    tableTexts.set(name, text);
  }
  return text;
}

/** "from to [more]|…": the first choice of each entry, the first table of a group winning. */
function fillTable(table: PhraseTable, text: string): void {
  for (const entry of text.split('|')) {
    const space = entry.indexOf(' ');
    if (space <= 0) continue;
    const next = entry.indexOf(' ', space + 1);
    table.add(entry.slice(0, space), entry.slice(space + 1, next < 0 ? undefined : next));
  }
}

const groups = new Map<string, Promise<PhraseTable>>();
function groupTable(names: DictName[]): Promise<PhraseTable> {
  const key = names.join('+');
  let table = groups.get(key);
  if (!table) {
    table = Promise.all(names.map(tableText)).then((texts) => {
      const t = new PhraseTable();
      for (const text of texts) fillTable(t, text);
      return t;
    });
    groups.set(key, table);
  }
  return table;
}

/** Text to use in names: the characters OpenCC normalizes first (CJK compatibility ideographs). */
async function normalizer(): Promise<PhraseTable> {
  return groupTable(['CJK_Compatibility_Ideographs']);
}

const converters = new Map<string, Promise<Convert>>();

/** The converter from `source` to `target` (the identity when they agree). Built once, cached. */
export function converterFor(source: SourceScript, target: Script): Promise<Convert> {
  const key = `${source}>${target}`;
  let made = converters.get(key);
  if (!made) {
    made = buildConverter(PLANS[source][target]);
    converters.set(key, made);
  }
  return made;
}

async function buildConverter(plan: Plan | null): Promise<Convert> {
  if (!plan) return (text) => text;
  const [normalize, segmentation, ...chain] = await Promise.all([
    normalizer(),
    plan.segmentation ? groupTable(plan.segmentation) : Promise.resolve(null),
    ...plan.chain.map(groupTable),
  ]);
  return (text) => {
    const pieces = segmentation ? segmentation.segment(normalize.convert(text)) : [normalize.convert(text)];
    let out = '';
    for (const piece of pieces) {
      let converted = piece;
      for (const table of chain) converted = table.convert(converted);
      out += converted;
    }
    return out;
  };
}

/** Characters only one of the two scripts uses (the key maps elsewhere and is not itself a target). */
let scriptMarks: Promise<{ simplified: Set<string>; traditional: Set<string> }> | null = null;
function marks(): Promise<{ simplified: Set<string>; traditional: Set<string> }> {
  scriptMarks ??= Promise.all([tableText('STCharacters'), tableText('TSCharacters')]).then(([st, ts]) => {
    const onlyIn = (table: string, other: string) => {
      const otherKeys = new Set(other.split('|').map((e) => e.slice(0, e.indexOf(' '))));
      const set = new Set<string>();
      for (const entry of table.split('|')) {
        const [from, ...to] = entry.split(' ');
        if (from && [...from].length === 1 && !to.includes(from) && !otherKeys.has(from)) set.add(from);
      }
      return set;
    };
    return { simplified: onlyIn(st, ts), traditional: onlyIn(ts, st) };
  });
  return scriptMarks;
}

/**
 * What `text` is written in: Simplified or Traditional by which script's own characters it holds
 * more of (the first 20,000 characters are plenty), the Traditional region from the article's
 * `lang` (zh-TW, zh-HK/zh-MO; otherwise OpenCC's standard). null: no Chinese to speak of.
 */
export async function detectSource(text: string, lang: string): Promise<SourceScript | null> {
  const { simplified, traditional } = await marks();
  let s = 0;
  let t = 0;
  for (const ch of text.slice(0, 20_000)) {
    if (simplified.has(ch)) s++;
    else if (traditional.has(ch)) t++;
  }
  const region = /^zh-(tw|hant-tw)\b/i.test(lang) ? 'tw' : /^zh-(hk|mo|hant-hk|hant-mo)\b/i.test(lang) ? 'hk' : null;
  if (s === 0 && t === 0) {
    if (!/\p{Script=Han}/u.test(text)) return null;
    // Nothing tells the scripts apart (every character is shared): go by the page's word.
    return region ?? (/^zh-(hant|tw|hk|mo)\b/i.test(lang) ? 't' : 'cn');
  }
  if (s >= t) return 'cn';
  return region ?? 't';
}
