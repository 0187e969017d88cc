/** Keys in `browser.storage.local`, one place for every part that reads them (the content script too). */
export const SETTINGS_STORAGE_KEY = 'readerSettings';
/** Reading positions of the last articles read (src/reader/reading-position.ts), one object. */
export const READING_POSITIONS_KEY = 'readingPositions';
