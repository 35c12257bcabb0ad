// Sentences more than one page or front end shows, written once.

/** A person with no 一卡通 account (manual 1.1, 1.2): where to declare one. Two lines where space allows. */
export const NO_ACCOUNT_LINES = ['您尚未绑定“一卡通”账号，', '请联系所在村社/镇（乡）街道申报账号信息'] as const;
export const NO_ACCOUNT_TEXT = NO_ACCOUNT_LINES.join('');

/** The manual's 授权说明 next to the consent box of the change form. */
export const CONSENT_TEXT = '是否为本人持有账号且同意对当前账号进行状态查询等验证';

/** The bank gateway is down or slow (503 BANK_UNAVAILABLE) and the BFF gave no words of its own. */
export const BANK_UNAVAILABLE_TEXT = '银行系统暂时无法连接，请稍后再试';
