export * from './tokenize';
export * from './bm25-index';
export * from './highlight';
export * from './similarity';
