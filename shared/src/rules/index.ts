export * from './accountNumber.ts';
export * from './changeRequest.ts';
export * from './idNumber.ts';
export * from './luhn.ts';
export * from './mask.ts';
export * from './time.ts';
