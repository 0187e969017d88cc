/**
 * A saved article's title inside interface text: the notices quote it ("Deleted “{title}”.",
 * "已删除《{title}》。"), and the list tags it with its language.
 */

/**
 * `title` ready to sit inside the interface's own quotes: a title that carries the same marks
 * already gets the inner ones, so English never doubles them (`Deleted ““两会”侧记”.` becomes
 * `Deleted “‘两会’侧记”.`) and Chinese nests book-title marks (`《〈求是〉杂志…》`).
 */
export function titleForQuotes(title: string, locale: string): string {
  const text = title.replace(/\s+/g, ' ').trim();
  if (locale.startsWith('zh')) return text.replace(/《/g, '〈').replace(/》/g, '〉');
  return (
    text
      .replace(/“/g, '‘')
      .replace(/”/g, '’')
      // Straight quotes in pairs: "x" → ‘x’.
      .replace(/"([^"]*)"/g, '‘$1’')
  );
}

/**
 * The language of a title from its script, for its `lang` (the list entry keeps no language):
 * Han characters → `zh`, Latin letters alone → `en`, anything else → null (no attribute: the
 * interface's language applies). Never `lang=""` (unknown language, read with no voice at all).
 */
export function titleLang(title: string): string | null {
  if (/\p{Script=Han}/u.test(title)) return 'zh';
  if (/[A-Za-z]/.test(title) && !/[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u.test(title)) return 'en';
  return null;
}
