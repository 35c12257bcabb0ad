// The one source of the contract (schemas), reference data and pure domain rules, for the BFF and both front ends.

export * from './labels.ts';
export * from './notifyTemplates.ts';
export * from './reference/index.ts';
export * from './rules/index.ts';
export * from './schemas/index.ts';
