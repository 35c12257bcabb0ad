/** Client of the bank gateway: verifies an account against its owner, and reports account status in batches. */
import { z } from 'zod';
import { callJson, expectShape, type GatewayOptions, GatewayUnavailable, pingUpstream } from './http.ts';

export type VerifyResult = 'ok' | 'mismatch' | 'closed' | 'frozen' | 'not_found';
export type AccountState = 'normal' | 'closed' | 'frozen' | 'not_found';

export interface BankGateway {
  verifyAccount(q: { accountNumber: string; bankCode: string; name: string; idNumber: string }): Promise<{
    result: VerifyResult;
    message: string;
  }>;
  accountStatus(
    accounts: { accountNumber: string; bankCode: string }[],
  ): Promise<{ accountNumber: string; status: AccountState }[]>;
  ping(): Promise<boolean>;
}

export { GatewayUnavailable };

const WHAT = 'bank gateway';

const verifyAnswer = z.object({
  result: z.enum(['ok', 'mismatch', 'closed', 'frozen', 'not_found']),
  message: z.string().max(500),
});

const statusAnswer = z.object({
  items: z.array(z.object({ accountNumber: z.string(), status: z.enum(['normal', 'closed', 'frozen', 'not_found']) })),
});

export function createBankGateway(opts: GatewayOptions): BankGateway {
  /** Any non-2xx is the bank being unavailable (down, overloaded, our key refused): never the citizen's failure. */
  const post = async <S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>> => {
    const answer = await callJson(opts, WHAT, path, { method: 'POST', body });
    if (answer.status < 200 || answer.status > 299) {
      throw new GatewayUnavailable(`${WHAT} answered ${answer.status}`, { reached: true });
    }
    return expectShape(schema, answer, WHAT);
  };
  return {
    verifyAccount: (q) => post('/bank/accounts/verify', q, verifyAnswer),
    async accountStatus(accounts) {
      const { items } = await post('/bank/accounts/status', { accounts }, statusAnswer);
      // One answer per account asked, about the accounts asked: a status for another number (or none) would
      // invalidate or spare the wrong account.
      const asked = new Set(accounts.map((a) => a.accountNumber));
      const answered = new Set(items.map((i) => i.accountNumber));
      if (
        items.length !== accounts.length ||
        answered.size !== asked.size ||
        [...asked].some((n) => !answered.has(n))
      ) {
        throw new GatewayUnavailable(`${WHAT} answered other accounts than asked`, { reached: true });
      }
      return items;
    },
    ping: () => pingUpstream(opts),
  };
}
