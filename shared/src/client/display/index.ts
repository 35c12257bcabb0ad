export * from './account.ts';
export * from './district.ts';
export * from './labels.ts';
export * from './money.ts';
export * from './texts.ts';
export * from './time.ts';
