// The client core of the three front ends: nothing here imports zod at run time (types only), so the mini-app
// can take all of it without shipping the schemas.
export * from './api.ts';
export * from './cache.ts';
export * from './changeDraft.ts';
export * from './changeForm.ts';
export * from './display/index.ts';
export * from './endpoints.ts';
export * from './errors.ts';
export * from './requests.ts';
export * from './transport.ts';
