// Sentences more than one page or front end shows, written once.

/** A person with no 一卡通 account (manual 1.1, 1.2): where to declare one. Two lines where space allows. */
export const NO_ACCOUNT_LINES = ['您尚未绑定“一卡通”账号，', '请联系所在村社/镇（乡）街道申报账号信息'] as const;
export const NO_ACCOUNT_TEXT = NO_ACCOUNT_LINES.join('');

/** The manual's 授权说明 next to the consent box of the change form. */
export const CONSENT_TEXT = '是否为本人持有账号且同意对当前账号进行状态查询等验证';

/** The bank gateway is down or slow (503 BANK_UNAVAILABLE) and the BFF gave no words of its own. */
export const BANK_UNAVAILABLE_TEXT = '银行系统暂时无法连接，请稍后再试';

// Every dead end names a next step; 账户 is the account (what is paid into, with a bank
// and a status), 账号 its number. (NO_ACCOUNT_LINES above keep the manual's first wording for other callers.)

/** Where to get help, said under every dead end: the 12345 hotline and the village or town office. */
export const HELP_TEXT = '如有疑问，请拨打12345政务服务便民热线，或联系所在村（社区）、镇（乡、街道）。';

/** A person with no 一卡通 account: what it means and what to do (title, then the next steps). */
export const NO_ACCOUNT_TITLE = '您尚未绑定“一卡通”账户';
export const NO_ACCOUNT_STEPS = [
  '补贴资金需要发放到“一卡通”账户。请联系所在村（社区）或镇（乡、街道），申报您的账户信息。',
  '也可以拨打12345政务服务便民热线咨询。',
] as const;

/** 发放记录 of a year with no line: what that means. */
export const PAYMENTS_EMPTY_TITLE = '暂无发放记录';
export function paymentsEmptyText(year: number): string {
  return `${year}年没有补贴发放到您名下的“一卡通”账户。补贴按项目分月或按年发放，发放后会显示在这里。`;
}

/** After a change is submitted: what happens while it is reviewed, and how the person learns the result. */
export const AFTER_SUBMIT_RESULT_TEXT = '审核结果会发到“系统通知”，并以短信或渝快办消息提醒您。';
export function afterSubmitPaymentText(currentValid: boolean): string {
  return currentValid
    ? '审核通过前，补贴仍发放到原账户；审核通过后，改发到新账户。'
    : '原账户已无效，补贴暂时无法发放；审核通过后，补贴发放到新账户。';
}
