export * from './districts.ts';
export * from './banks.ts';
export * from './bins.ts';
