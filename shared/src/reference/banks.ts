/**
 * Banks (开户行) a 一卡通 account may be opened at: the 16 partner banks of Chongqing's 社会保障卡.
 * Codes are those of github.com/hexindai/bcbc (data/name.csv, MIT), so bins.json can refer to them.
 */
export interface Bank {
  code: string;
  name: string;
}

export const BANKS: readonly Bank[] = Object.freeze(
  [
    { code: 'BOC', name: '中国银行' },
    { code: 'ABC', name: '中国农业银行' },
    { code: 'CCB', name: '中国建设银行' },
    { code: 'PSBC', name: '中国邮政储蓄银行' },
    { code: 'ICBC', name: '中国工商银行' },
    { code: 'COMM', name: '交通银行' },
    { code: 'CRCBANK', name: '重庆农村商业银行' },
    { code: 'CQBANK', name: '重庆银行' },
    { code: 'CMBC', name: '中国民生银行' },
    { code: 'CMB', name: '招商银行' },
    { code: 'CCQTGB', name: '重庆三峡银行' },
    { code: 'CIB', name: '兴业银行' },
    { code: 'CEB', name: '中国光大银行' },
    // bcbc still says 广东发展银行; the bank has been called 广发银行 since 2011.
    { code: 'GDB', name: '广发银行' },
    { code: 'SPDB', name: '上海浦东发展银行' },
    { code: 'CITIC', name: '中信银行' },
  ].map((b) => Object.freeze(b)),
);

const BANK_BY_CODE: ReadonlyMap<string, Bank> = new Map(BANKS.map((b) => [b.code, b]));

export function bankByCode(code: string): Bank | undefined {
  return BANK_BY_CODE.get(code);
}

export function bankName(code: string): string | undefined {
  return BANK_BY_CODE.get(code)?.name;
}

export function isKnownBank(code: string): boolean {
  return BANK_BY_CODE.has(code);
}
