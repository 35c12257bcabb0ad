import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Personal data at rest: AES-256-GCM for ID and account numbers, and an HMAC-SHA256 blind index so equality
 * look-ups (by ID number, by account number) never need the plaintext in the database.
 * Both keys are derived from the one configured data key, so the two can never be the same key.
 */
export interface FieldCrypto {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  blindIndex(plain: string): string;
  /** Keyed index of an ID number's last 4 characters (the console's "last 4" search); takes the ID or the 4. */
  idLast4Index(idOrLast4: string): string;
}

export function createFieldCrypto(dataKeyBase64: string): FieldCrypto {
  const master = Buffer.from(dataKeyBase64, 'base64');
  const encKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'ykt field encryption v1', 32));
  const idxKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'ykt blind index v1', 32));
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(stored) {
      const raw = Buffer.from(stored.slice(3), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    blindIndex(plain) {
      return createHmac('sha256', idxKey).update(plain).digest('base64url');
    },
    idLast4Index(idOrLast4) {
      // Its own domain, so it never equals the index of a whole value; only 10,000 inputs, so keyed or nothing.
      return createHmac('sha256', idxKey)
        .update(`id-last4:${idOrLast4.slice(-4).toUpperCase()}`)
        .digest('base64url');
    },
  };
}

export const generateDataKey = () => randomBytes(32).toString('base64');
