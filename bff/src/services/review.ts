import type { ServiceContext } from './context.ts';

// TODO(review helper): review query, detail with before/after, decision — issue 4.
export function createReview(_ctx: ServiceContext) {
  return {};
}
