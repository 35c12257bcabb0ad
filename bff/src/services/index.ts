import { createBeneficiaries } from './beneficiaries.ts';
import { createChangeRequests } from './changeRequests.ts';
import type { ServiceContext } from './context.ts';
import { createSessions } from './sessions.ts';

/** Every use case, built once over the shared context; routes reach them as `app.services`. */
export function createServices(ctx: ServiceContext) {
  return {
    sessions: createSessions(ctx),
    beneficiaries: createBeneficiaries(ctx),
    changeRequests: createChangeRequests(ctx),
  };
}
export type Services = ReturnType<typeof createServices>;
export type { Actor, ServiceContext } from './context.ts';
