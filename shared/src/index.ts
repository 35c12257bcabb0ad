// The one source of the contract (schemas), reference data, pure domain rules, and the front ends' client core
// (endpoints, errors, transport, display words), for the BFF and the front ends. No module has import-time
// side effects (package.json sideEffects: false), so a front end ships only what it uses, and never zod unless
// it validates with a schema itself.

export * from './client/index.ts';
export * from './notices.ts';
export * from './notifyTemplates.ts';
export * from './reference/index.ts';
export * from './rules/index.ts';
export * from './schemas/index.ts';
