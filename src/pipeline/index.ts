export type * from './types';
export { readWholeArticle } from './read-whole-article';
export { detectPagination } from './detect';
