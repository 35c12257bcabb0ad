export * from './banks.ts';
export * from './bins.ts';
export * from './districts.ts';
export * from './subsidyItems.ts';
