import type { ServiceContext } from './context.ts';

// TODO(review helper): accounts list, counter edit, invalidation (manual, 上卡失败, scheduled) — issues 4 and 6.
export function createAccounts(_ctx: ServiceContext) {
  return {};
}
export type Accounts = ReturnType<typeof createAccounts>;
