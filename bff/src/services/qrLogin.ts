import type { ServiceContext } from './context.ts';
import type { Sessions } from './sessions.ts';

export function createQrLogin(_ctx: ServiceContext, _sessions: Sessions) {
  return {};
}
