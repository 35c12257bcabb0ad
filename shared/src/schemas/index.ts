export * from './auth.ts';
export * from './card.ts';
export * from './changeRequests.ts';
export * from './common.ts';
export * from './errors.ts';
export * from './notifications.ts';
export * from './review.ts';
export * from './zhMessages.ts';
