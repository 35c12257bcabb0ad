export * from './luhn.ts';
export * from './idNumber.ts';
export * from './mask.ts';
export * from './accountNumber.ts';
export * from './changeRequest.ts';
