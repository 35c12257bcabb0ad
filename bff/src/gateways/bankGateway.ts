import { GatewayUnavailable } from './identityGateway.ts';

/** Client of the bank gateway: verifies an account against its owner, and reports account status in batches. */
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

export function createBankGateway(opts: { baseUrl: string; appKey: string; timeoutMs: number }): BankGateway {
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(new URL(path, opts.baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-app-key': opts.appKey },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
    } catch {
      // Timeout or no connection: the bank is out of reach, which is never the citizen's failure.
      throw new GatewayUnavailable('bank gateway unreachable');
    }
    if (!res.ok) throw new GatewayUnavailable(`bank gateway answered ${res.status}`);
    try {
      return (await res.json()) as T;
    } catch {
      throw new GatewayUnavailable('bank gateway answered garbage');
    }
  };
  return {
    verifyAccount: (q) => post('/bank/accounts/verify', q),
    async accountStatus(accounts) {
      const body = await post<{ items: { accountNumber: string; status: AccountState }[] }>('/bank/accounts/status', {
        accounts,
      });
      return body.items;
    },
    async ping() {
      try {
        const res = await fetch(new URL('/healthz', opts.baseUrl), { signal: AbortSignal.timeout(opts.timeoutMs) });
        return res.ok;
      } catch {
        return false;
      }
    },
  };
}

export { GatewayUnavailable };
