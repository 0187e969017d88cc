// Renamed to element-text.ts; kept until read-whole-article.ts imports the new name. Delete then.
export { elementToText } from './element-text';
