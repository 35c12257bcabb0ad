import { createAccounts } from './accounts.ts';
import { createAuditLog } from './auditLog.ts';
import { createAuth } from './auth.ts';
import { createBeneficiaries } from './beneficiaries.ts';
import { createCaseworkers } from './caseworkers.ts';
import { createChangeRequests } from './changeRequests.ts';
import type { ServiceContext } from './context.ts';
import { createOutbox } from './outbox.ts';
import { createPayments } from './payments.ts';
import { createQrLogin } from './qrLogin.ts';
import { createReview } from './review.ts';
import { createSessions } from './sessions.ts';
import { createSettings } from './settings.ts';
import { createValidationRuns } from './validationRuns.ts';

/** Every use case, built once over the shared context; routes reach them as `app.services`. */
export function createServices(ctx: ServiceContext) {
  const sessions = createSessions(ctx);
  const beneficiaries = createBeneficiaries(ctx);
  return {
    sessions,
    beneficiaries,
    auth: createAuth(ctx, beneficiaries, sessions),
    changeRequests: createChangeRequests(ctx),
    qrLogin: createQrLogin(ctx, sessions),
    caseworkers: createCaseworkers(ctx, sessions),
    review: createReview(ctx),
    accounts: createAccounts(ctx),
    validationRuns: createValidationRuns(ctx),
    auditLog: createAuditLog(ctx),
    settings: createSettings(ctx),
    outbox: createOutbox(ctx, ctx.notify),
    payments: createPayments(ctx),
  };
}
export type Services = ReturnType<typeof createServices>;
export type { Actor, ServiceContext } from './context.ts';
