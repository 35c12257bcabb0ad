import { z } from 'zod';
import { maskedBeneficiary } from './auth.ts';
import { accountSource, accountStatus, cardType, district, isoTime } from './common.ts';

/** One card face: one account number, with every district whose subsidies go to it. */
export const cardFace = z.object({
  cardType,
  bankCode: z.string(),
  bankName: z.string(),
  /** Masked: first 4 and last 4 digits. The full number is at GET /api/me/card/reveal. */
  accountNumber: z.string(),
  status: accountStatus,
  source: accountSource,
  invalidReason: z.string().nullable(),
  invalidAt: isoTime.nullable(),
  districts: z.array(district),
});
export type CardFace = z.infer<typeof cardFace>;

export const myCard = z.object({
  beneficiary: maskedBeneficiary,
  cards: z.array(cardFace),
  pendingRequestId: z.number().int().nullable(),
  unreadNotifications: z.number().int(),
});
export type MyCard = z.infer<typeof myCard>;

/** Extension: the owner's own full account numbers, asked for only when they tap to reveal. */
export const revealedAccounts = z.object({
  items: z.array(z.object({ maskedAccountNumber: z.string(), accountNumber: z.string() })),
});
