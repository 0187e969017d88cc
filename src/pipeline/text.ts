// Renamed to cjk-text.ts; kept until the pipeline's own imports (read-whole-article, extract,
// metadata, merge) name the new file. Delete then.
export * from './cjk-text';
