/**
 * A worker thread of the scale generator: derives generated people (scaleWorld.ts) and encrypts / blind-indexes their
 * numbers through the product's own crypto. This is the CPU-heavy part of the load (AES-GCM and HMAC per person),
 * so it runs beside the thread that writes to the database.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { maskAccountNumber } from '@ykt/shared';
import { createFieldCrypto } from '../../bff/src/lib/fieldCrypto.ts';
import { createScaleWorld } from '../sandbox/src/scaleWorld.ts';
import { requestOf, type ScaleSizes } from './world.ts';

export interface PeopleChunk {
  start: number;
  end: number;
  name: string[];
  gender: ('male' | 'female')[];
  birthYear: number[];
  idEnc: string[];
  idIdx: string[];
  last4Idx: string[];
  mobileEnc: string[];
  districts: string[][];
  bank: string[];
  enc: string[];
  idx: string[];
  masked: string[];
  /** Only for people with a change request (their new card); '' otherwise. */
  spareBank: string[];
  spareEnc: string[];
  spareIdx: string[];
  spareMasked: string[];
}

const { seed, dataKey, sizes } = workerData as { seed: string; dataKey: string; sizes: ScaleSizes };
const world = createScaleWorld(seed);
const crypto = createFieldCrypto(dataKey);

parentPort?.on('message', ({ start, end }: { start: number; end: number }) => {
  const c: PeopleChunk = {
    start,
    end,
    name: [],
    gender: [],
    birthYear: [],
    idEnc: [],
    idIdx: [],
    last4Idx: [],
    mobileEnc: [],
    districts: [],
    bank: [],
    enc: [],
    idx: [],
    masked: [],
    spareBank: [],
    spareEnc: [],
    spareIdx: [],
    spareMasked: [],
  };
  for (let i = start; i < end; i++) {
    const p = world.person(i);
    c.name.push(p.name);
    c.gender.push(p.gender);
    c.birthYear.push(Number(p.birthDate.slice(0, 4)));
    c.idEnc.push(crypto.encrypt(p.idNumber));
    c.idIdx.push(crypto.blindIndex(p.idNumber));
    c.last4Idx.push(crypto.idLast4Index(p.idNumber));
    c.mobileEnc.push(crypto.encrypt(p.mobile));
    c.districts.push(p.districts);
    const [cur, spare] = p.accounts;
    c.bank.push(cur.bankCode);
    c.enc.push(crypto.encrypt(cur.accountNumber));
    c.idx.push(crypto.blindIndex(cur.accountNumber));
    c.masked.push(maskAccountNumber(cur.accountNumber));
    const owner = requestOf(i, sizes) >= 0;
    c.spareBank.push(owner ? spare.bankCode : '');
    c.spareEnc.push(owner ? crypto.encrypt(spare.accountNumber) : '');
    c.spareIdx.push(owner ? crypto.blindIndex(spare.accountNumber) : '');
    c.spareMasked.push(owner ? maskAccountNumber(spare.accountNumber) : '');
  }
  parentPort?.postMessage(c);
});
