/**
 * 补贴项目: what the 一卡通 system pays (../shared/design/payments.md, "Reference"). A starting list: the items
 * 重庆 pays through 惠民惠农财政补贴资金"一卡通" most often, with the department that runs each and how often it is
 * usually paid. Codes are this product's (the 一卡通 system sends them in a payment batch's `itemCode`).
 */
export type SubsidyPeriodKind = 'yearly' | 'quarterly' | 'monthly' | 'per_purchase' | 'per_case';

export interface SubsidyItem {
  code: string;
  /** 补贴项目 as citizens read it. */
  name: string;
  /** 主管部门. */
  department: string;
  /** How often it is usually paid. */
  period: SubsidyPeriodKind;
}

/** The usual period in words (年度 / 季 / 月 / 按次). */
export const SUBSIDY_PERIOD_LABELS: Readonly<Record<SubsidyPeriodKind, string>> = Object.freeze({
  yearly: '年度',
  quarterly: '季',
  monthly: '月',
  per_purchase: '按购置',
  per_case: '按次',
});

export const SUBSIDY_ITEMS: readonly SubsidyItem[] = Object.freeze(
  (
    [
      { code: 'GDDL', name: '耕地地力保护补贴', department: '农业农村委', period: 'yearly' },
      { code: 'ZLNM', name: '实际种粮农民一次性补贴', department: '农业农村委', period: 'yearly' },
      { code: 'NJGZ', name: '农机购置与应用补贴', department: '农业农村委', period: 'per_purchase' },
      { code: 'DBJ', name: '城乡居民最低生活保障金', department: '民政局', period: 'monthly' },
      { code: 'TKGY', name: '特困人员救助供养金', department: '民政局', period: 'monthly' },
      { code: 'LSJZ', name: '临时救助金', department: '民政局', period: 'per_case' },
      { code: 'GLBT', name: '高龄失能老人养老服务补贴', department: '民政局', period: 'monthly' },
      { code: 'CJSH', name: '困难残疾人生活补贴', department: '残联', period: 'monthly' },
      { code: 'CJHL', name: '重度残疾人护理补贴', department: '残联', period: 'monthly' },
      { code: 'JSFZ', name: '农村部分计划生育家庭奖励扶助金', department: '卫生健康委', period: 'yearly' },
      { code: 'TBFZ', name: '计划生育家庭特别扶助金', department: '卫生健康委', period: 'quarterly' },
      { code: 'FYFX', name: '优抚对象抚恤补助', department: '退役军人事务局', period: 'monthly' },
      { code: 'TGHL', name: '退耕还林补助', department: '林业局', period: 'yearly' },
      { code: 'STGY', name: '生态公益林效益补偿', department: '林业局', period: 'yearly' },
      { code: 'WFGZ', name: '农村危房改造补助', department: '住房城乡建委', period: 'per_case' },
    ] satisfies SubsidyItem[]
  ).map((item) => Object.freeze(item)),
);

/** Every code, in the list's order. */
export const SUBSIDY_ITEM_CODES: readonly string[] = Object.freeze(SUBSIDY_ITEMS.map((i) => i.code));

const ITEM_BY_CODE: ReadonlyMap<string, SubsidyItem> = new Map(SUBSIDY_ITEMS.map((i) => [i.code, i]));

export function subsidyItem(code: string): SubsidyItem | undefined {
  return ITEM_BY_CODE.get(code);
}

/** 补贴项目 name of a code; undefined for a code not in the list. */
export function subsidyItemName(code: string): string | undefined {
  return ITEM_BY_CODE.get(code)?.name;
}

export function isKnownSubsidyItem(code: string): boolean {
  return ITEM_BY_CODE.has(code);
}
