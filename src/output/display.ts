/** Values as a person reads them: an article's date, a save date, a size. */

/**
 * "2013-09-10T08:35:00+08:00" → "2013-09-10 08:35": the date and time as the publisher printed
 * them, in the publisher's own zone (which the site shows without naming it); a midnight time is
 * a date alone ("2019-12-10"); a UTC time says so ("2013-09-10 00:35 UTC"), since it is no local
 * time. Anything else is shown as it is.
 */
export function displayDate(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z)?)?/i.exec(iso);
  if (!m) return iso;
  const date = m[1] as string;
  const time = m[2];
  if (!time || time === '00:00') return date;
  return m[3] ? `${date} ${time} UTC` : `${date} ${time}`;
}

/** 1234567 → "1.2 MB", 20971520 → "20 MB", 300 → "300 B". */
export function formatBytes(bytes: number): string {
  if (!(bytes >= 0)) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits).replace(/\.0$/, '')} ${units[unit]}`;
}

/**
 * A save time as a date in the interface language, with the month named so it cannot be misread
 * ("12/01/2026" is 1 December or 12 January): "1 Dec 2026", "2026年12月1日".
 */
export function formatSavedDate(ms: number, lang: string): string {
  const date = new Date(ms);
  // English day-month-year: the order no reader takes for another.
  const locale = lang === 'en' || lang.startsWith('en-') ? 'en-GB' : lang;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' }).format(date);
}

/** The same with the time of day, 24-hour: "1 Dec 2026, 14:05", "2026年12月1日 14:05". */
export function formatSavedDateTime(ms: number, lang: string): string {
  const locale = lang === 'en' || lang.startsWith('en-') ? 'en-GB' : lang;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms));
}
