/** Keys in `browser.storage.local`, one place for every part that reads them (the content script too). */
export const SETTINGS_STORAGE_KEY = 'readerSettings';
