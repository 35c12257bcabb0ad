import type { Accounts } from './accounts.ts';
import type { ServiceContext } from './context.ts';

// TODO(review helper): scheduled and manual validation runs — issue 6.
export function createValidationRuns(_ctx: ServiceContext, _accounts: Accounts) {
  return {};
}
