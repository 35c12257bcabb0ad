import type { ServiceContext } from './context.ts';
import type { Sessions } from './sessions.ts';

// TODO(review helper): caseworker login with scrypt, failed-login limit, profile — issue 4.
export function createCaseworkers(_ctx: ServiceContext, _sessions: Sessions) {
  return {};
}
