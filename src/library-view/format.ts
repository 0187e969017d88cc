/** Sizes and dates as the library list shows them. */

/** 1234567 → "1.2 MB". */
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
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** A save time as a date in the interface language ("2024-05-01" style for Chinese). */
export function formatSavedDate(ms: number, lang: string): string {
  const date = new Date(ms);
  return date.toLocaleDateString(lang, { year: 'numeric', month: '2-digit', day: '2-digit' });
}
