/** The sandbox answers for generated people as for demo people, holding nothing per person. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScaleWorld, type Sandbox, type ScalePerson, startSandbox } from '../src/index.ts';

const SEED = 'sandbox-scale-test';
const PEOPLE = 5000;
const KEY = { 'x-app-key': 'sandbox-app-key' };
const world = createScaleWorld(SEED);
let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ port: 0, scale: { seed: SEED, people: PEOPLE } });
});
afterAll(() => sb.close());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = KEY) {
  const res = await fetch(sb.url + path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers of several shapes
  return { status: res.status, body: (await res.json()) as any };
}

const verify = (p: ScalePerson, k: number, who: { name: string; idNumber: string } = p) =>
  call('POST', '/bank/accounts/verify', {
    accountNumber: p.accounts[k].accountNumber,
    bankCode: p.accounts[k].bankCode,
    name: who.name,
    idNumber: who.idNumber,
  });
const status = async (p: ScalePerson, k: number) =>
  (
    await call('POST', '/bank/accounts/status', {
      accounts: [{ accountNumber: p.accounts[k].accountNumber, bankCode: p.accounts[k].bankCode }],
    })
  ).body.items[0].status;

const firstWith = (pred: (p: ScalePerson) => boolean) => {
  for (let i = 0; i < PEOPLE; i++) if (pred(world.person(i))) return world.person(i);
  throw new Error('no such generated person');
};

describe('sandbox with generated people', () => {
  it('says which seed and how many people it answers for', async () => {
    expect((await call('GET', '/scale', undefined, {})).body).toEqual({ seed: SEED, people: PEOPLE });
  });

  it('the bank verifies a generated person’s own cards, and refuses them to anyone else', async () => {
    const p = firstWith((x) => x.accounts[0].status === 'normal');
    const other = world.person(p.i + 1);
    expect((await verify(p, 0)).body).toEqual({ result: 'ok', message: '账户验证通过' });
    expect((await verify(p, 1)).body.result).toBe('ok');
    expect((await verify(p, 0, other)).body.result).toBe('mismatch');
    expect(
      (
        await call('POST', '/bank/accounts/verify', {
          accountNumber: p.accounts[0].accountNumber,
          bankCode: p.accounts[0].bankCode === 'CRCBANK' ? 'ICBC' : 'CRCBANK',
          name: p.name,
          idNumber: p.idNumber,
        })
      ).body.result,
    ).toBe('not_found');
    expect(await status(p, 0)).toBe('normal');
  });

  it('closed and frozen generated accounts answer so to verify and status (a validation run invalidates them)', async () => {
    const closed = firstWith((x) => x.accounts[0].status === 'closed');
    const frozen = firstWith((x) => x.accounts[0].status === 'frozen');
    expect((await verify(closed, 0)).body).toEqual({ result: 'closed', message: '该账户已销户' });
    expect((await verify(frozen, 0)).body).toEqual({ result: 'frozen', message: '该账户已冻结' });
    expect(await status(closed, 0)).toBe('closed');
    expect(await status(frozen, 0)).toBe('frozen');
  });

  it('people beyond the configured count do not exist', async () => {
    const beyond = world.person(PEOPLE + 3);
    expect((await verify(beyond, 0)).body.result).toBe('not_found');
    expect(await status(beyond, 0)).toBe('not_found');
  });

  it('the identity platform returns a generated person’s mobile number at face verification', async () => {
    const p = world.person(17);
    const face = await call('POST', '/identity/face-sessions', { idNumber: p.idNumber, name: p.name }, {});
    expect((await call('POST', '/identity/face-tokens/verify', { faceToken: face.body.faceToken })).body).toEqual({
      verified: true,
      idNumber: p.idNumber,
      name: p.name,
      mobile: p.mobile,
    });
    const beyond = world.person(PEOPLE);
    const face2 = await call('POST', '/identity/face-sessions', { idNumber: beyond.idNumber, name: beyond.name }, {});
    const answer = (await call('POST', '/identity/face-tokens/verify', { faceToken: face2.body.faceToken })).body;
    expect(answer.verified).toBe(true);
    expect(answer.mobile).toBeUndefined();
  });

  it('an account put by hand takes precedence (close one before a validation run)', async () => {
    const p = firstWith((x) => x.i > 100 && x.accounts[0].status === 'normal');
    const put = await call(
      'PUT',
      `/bank/accounts/${p.accounts[0].accountNumber}`,
      { bankCode: p.accounts[0].bankCode, name: p.name, idNumber: p.idNumber, status: 'closed' },
      {},
    );
    expect(put.status).toBe(200);
    expect(await status(p, 0)).toBe('closed');
    expect((await verify(p, 0)).body.result).toBe('closed');
  });

  it('the demo world is unchanged beside them', async () => {
    const r = await call('POST', '/bank/accounts/verify', {
      accountNumber: '6212583000527313',
      bankCode: 'CRCBANK',
      name: '谭梅',
      idNumber: '500105198003191829',
    });
    expect(r.body.result).toBe('ok');
  });

  it('refuses a population it cannot derive', async () => {
    await expect(startSandbox({ port: 0, scale: { seed: SEED, people: 1.5 } })).rejects.toThrow(RangeError);
  });
});
