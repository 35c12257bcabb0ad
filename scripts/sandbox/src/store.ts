import { randomBytes } from 'node:crypto';
import { type AccountStatus, type DemoAccount, demoBankAccounts, demoWorld, type VerifyResult } from './demoWorld.ts';
import { createScaleWorld, SCALE_MAX_PEOPLE, type ScaleSeed } from './scaleWorld.ts';

export const FACE_TOKEN_TTL_MS = 120_000;

export type FaultMode = 'normal' | 'slow' | 'down';

export interface BankAccount {
  bankCode: string;
  status: AccountStatus;
  owner: { name: string; idNumber: string } | null;
}

interface FaceSession {
  idNumber: string;
  name: string;
  mobile: string | undefined;
  expiresAt: number;
  used: boolean;
}

export type FaceVerification =
  | { verified: true; idNumber: string; name: string; mobile?: string }
  | { verified: false; reason: 'expired' | 'used' | 'unknown' };

const VERIFY_MESSAGES: Record<VerifyResult, string> = {
  ok: '账户验证通过',
  mismatch: '账户户名或证件号码与开户信息不符',
  closed: '该账户已销户',
  frozen: '该账户已冻结',
  not_found: '账户不存在',
};

const sameId = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

/** Generated people the sandbox answers for: person 0 … people − 1 of the seed (scaleWorld.ts). */
export interface ScaleOption {
  seed: ScaleSeed;
  people: number;
}

/**
 * All sandbox state, in memory. A new store starts from the demo world; with `scale`, the bank and the identity
 * platform also know the generated people, derived on demand (nothing held per person). Accounts put through
 * PUT /bank/accounts/:n take precedence over both.
 */
export function createStore(now: () => number = Date.now, scale?: ScaleOption) {
  const accounts = new Map<string, BankAccount>(
    demoBankAccounts().map((a: DemoAccount) => [
      a.accountNumber,
      { bankCode: a.bankCode, status: a.status, owner: a.owner && { ...a.owner } },
    ]),
  );
  const faceSessions = new Map<string, FaceSession>();
  /** The mobile number the platform has on file for a person (demo people). */
  const mobiles = new Map(demoWorld.people.map((p) => [p.idNumber.toUpperCase(), p.mobile]));
  if (scale && (!Number.isInteger(scale.people) || scale.people < 0 || scale.people > SCALE_MAX_PEOPLE)) {
    throw new RangeError(`scale.people must be an integer in [0, ${SCALE_MAX_PEOPLE}]`);
  }
  const world = scale && scale.people > 0 ? createScaleWorld(scale.seed) : undefined;
  const inScale = (i: number | undefined): i is number => i !== undefined && scale !== undefined && i < scale.people;

  /** The account as the bank knows it: put by hand, demo, or generated. */
  function lookup(accountNumber: string): BankAccount | undefined {
    const known = accounts.get(accountNumber);
    if (known || !world) return known;
    const found = world.indexOfAccount(accountNumber);
    if (!found || !inScale(found.i)) return undefined;
    const p = world.person(found.i);
    const a = p.accounts[found.account];
    return { bankCode: a.bankCode, status: a.status, owner: { name: p.name, idNumber: p.idNumber } };
  }

  function mobileOf(idNumber: string): string | undefined {
    const demo = mobiles.get(idNumber);
    if (demo || !world) return demo;
    const i = world.indexOfIdNumber(idNumber);
    return inScale(i) ? world.person(i).mobile : undefined;
  }
  const fault = { mode: 'normal' as FaultMode, delayMs: 0 };

  function forgetOldFaceSessions() {
    const cutoff = now() - 10 * FACE_TOKEN_TTL_MS;
    for (const [token, s] of faceSessions) if (s.expiresAt < cutoff) faceSessions.delete(token);
  }

  return {
    fault,

    /** `mobile` overrides the number on file (a test person the platform does not know). */
    createFaceToken(idNumber: string, name: string, mobile?: string): string {
      forgetOldFaceSessions();
      const token = randomBytes(32).toString('base64url');
      const id = idNumber.toUpperCase();
      faceSessions.set(token, {
        idNumber: id,
        name,
        mobile: mobile ?? mobileOf(id),
        expiresAt: now() + FACE_TOKEN_TTL_MS,
        used: false,
      });
      return token;
    },

    verifyFaceToken(token: string): FaceVerification {
      const s = faceSessions.get(token);
      if (!s) return { verified: false, reason: 'unknown' };
      if (s.used) return { verified: false, reason: 'used' };
      if (now() > s.expiresAt) return { verified: false, reason: 'expired' };
      s.used = true;
      return { verified: true, idNumber: s.idNumber, name: s.name, ...(s.mobile ? { mobile: s.mobile } : {}) };
    },

    scale: scale && scale.people > 0 ? { seed: scale.seed, people: scale.people } : null,

    verifyAccount(q: { accountNumber: string; bankCode: string; name: string; idNumber: string }) {
      const a = lookup(q.accountNumber);
      let result: VerifyResult;
      if (!a || a.bankCode !== q.bankCode) result = 'not_found';
      else if (a.status !== 'normal') result = a.status;
      else if (a.owner && (a.owner.name !== q.name.trim() || !sameId(a.owner.idNumber, q.idNumber)))
        result = 'mismatch';
      else result = 'ok';
      return { result, message: VERIFY_MESSAGES[result] };
    },

    accountStatus(accountNumber: string, bankCode: string): AccountStatus | 'not_found' {
      const a = lookup(accountNumber);
      return a && a.bankCode === bankCode ? a.status : 'not_found';
    },

    putAccount(accountNumber: string, a: BankAccount) {
      accounts.set(accountNumber, a);
    },
  };
}

export type Store = ReturnType<typeof createStore>;
