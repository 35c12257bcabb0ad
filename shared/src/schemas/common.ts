import { z } from 'zod';

export const isoTime = z.string().describe('ISO 8601 time');
export const districtCode = z.string().regex(/^\d{6}$/, '区县代码应为6位数字');

export const cardType = z.enum(['social_security_card', 'bank_card', 'passbook']);
export type CardType = z.infer<typeof cardType>;

export const accountStatus = z.enum(['valid', 'invalid']);
export type AccountStatus = z.infer<typeof accountStatus>;

/** 来源: 渝快办 (self-service) or 一卡通系统 (counter / bulk import). */
export const accountSource = z.enum(['yukuaiban', 'ykt']);
export type AccountSource = z.infer<typeof accountSource>;

export const district = z.object({ code: z.string(), name: z.string() });
export const bank = z.object({ code: z.string(), name: z.string() });
export const districtList = z.array(district);
export const bankList = z.array(bank);

/** Ids are 32-bit integers in both databases: a larger one is no id (PostgreSQL would refuse it with an error). */
export const MAX_ID = 2_147_483_647;
export const idParam = z.object({ id: z.coerce.number().int().positive().max(MAX_ID) });

/**
 * Lists page by keyset (docs/api-extensions.md): `cursor` is the `nextCursor` of the page before (absent: the
 * first page). Totals are capped: `totalExact` false means "at least `total`".
 */
export const paging = z.object({
  cursor: z.string().max(256).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const pageInfo = {
  total: z.number().int(),
  totalExact: z.boolean(),
  nextCursor: z.string().nullable(),
};
