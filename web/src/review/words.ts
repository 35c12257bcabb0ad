import {
  ACCOUNT_STATUS_LABELS,
  accountSourceLabel,
  auditTargetLabel,
  bankName,
  cardTypeLabel,
  changeRequestStatusLabel,
  districtName,
  formatMoney,
  notificationKindLabel,
  subsidyItemName,
  validationTriggerLabel,
} from '@ykt/shared';

// The console's own words for the contract's codes (the shared ones are in @ykt/shared display labels). Every
// function shows a code it does not know as it came, so nothing new is hidden.

/** Where the citizen applied. */
export const CHANNEL_LABELS: Readonly<Record<string, string>> = { mobile: '手机', pc: '电脑' };
export const channelLabel = (channel: string | null | undefined) =>
  channel ? (CHANNEL_LABELS[channel] ?? channel) : '—';

/** The bank's answer a request rests on (`verification.result`), in a sentence a caseworker can read out. */
const VERIFICATION_TEXTS: Readonly<Record<string, string>> = {
  ok: '银行验证通过：户名、证件号与开户信息一致',
  mismatch: '银行验证未通过：户名或证件号与开户信息不一致',
  closed: '银行验证未通过：该账户已销户',
  frozen: '银行验证未通过：该账户已冻结',
  not_found: '银行验证未通过：银行查无此账户',
  pending: '银行验证中，尚未答复',
  unanswered: '银行未答复（验证超时）',
};
export const verificationText = (result: string | null | undefined) =>
  result ? (VERIFICATION_TEXTS[result] ?? `银行验证结果：${result}`) : '无银行验证记录';
export const verificationPassed = (result: string | null | undefined) => result === 'ok';

/** 消息发送记录: a message's state. */
export const OUTBOX_STATUS_LABELS: Readonly<Record<string, string>> = {
  pending: '待发送',
  sent: '已发送',
  failed: '发送失败',
  skipped: '未发送',
};
export const outboxStatusLabel = (status: string) => OUTBOX_STATUS_LABELS[status] ?? status;

/** Why a message was not sent, in words where the reason is known (the channel's own codes otherwise). */
export function outboxErrorText(error: string | null | undefined): string {
  if (!error) return '—';
  if (error === 'no mobile number') return '享受人无手机号，未发送';
  return error;
}

// ---- 操作日志 详情: the audit row's JSON facts as labelled lines, before → after where a change was recorded ----

/** One line of an audit detail: a label and its value in words. */
export interface DetailLine {
  label: string;
  value: string;
}

const count = (n: unknown) => (typeof n === 'number' ? `${n}` : String(n));

/** How each fact of a detail reads: its label and its value in words. */
const FACTS: Readonly<Record<string, { label: string; show?: (v: unknown) => string }>> = {
  kind: { label: '类型', show: (v) => notificationKindLabel(String(v)) },
  districtCode: { label: '区县', show: (v) => districtName(String(v)) ?? String(v) },
  bankCode: { label: '开户银行', show: (v) => bankName(String(v)) ?? String(v) },
  account: { label: '银行账号' },
  accountId: { label: '一卡通账号', show: (v) => auditTargetLabel(`account:${v}`) },
  notificationId: { label: '系统通知', show: (v) => `#${v}` },
  opinion: { label: '审核意见' },
  cardType: { label: '卡类型', show: (v) => cardTypeLabel(String(v)) },
  status: { label: '状态', show: (v) => ACCOUNT_STATUS_LABELS[v as 'valid'] ?? String(v) },
  source: { label: '来源', show: (v) => accountSourceLabel(String(v)) },
  invalidReason: { label: '无效原因' },
  outcome: { label: '结果', show: (v) => changeRequestStatusLabel(String(v)) },
  bankResult: { label: '银行验证', show: (v) => verificationText(String(v)) },
  channel: { label: '渠道', show: (v) => channelLabel(String(v)) },
  sessions: { label: '结束登录', show: (v) => `${count(v)} 个` },
  sessionsEnded: { label: '结束登录', show: (v) => `${count(v)} 个` },
  reviewDays: { label: '审核时限', show: (v) => `${count(v)} 个工作日` },
  trigger: { label: '方式', show: (v) => validationTriggerLabel(String(v)) },
  resumeFrom: { label: '续接上次中断', show: (v) => (v ? '是' : '否') },
  checked: { label: '检查账号', show: (v) => `${count(v)} 个` },
  invalidated: { label: '设为无效', show: (v) => `${count(v)} 个` },
  skipped: { label: '跳过（锁定）', show: (v) => `${count(v)} 个` },
  errorCode: {
    label: '中断原因',
    show: (v) =>
      ({ BANK_UNAVAILABLE: '银行系统无法连接', INTERRUPTED: '服务停止', INTERNAL: '系统错误' })[String(v)] ?? String(v),
  },
  by: {
    label: '限制依据',
    show: (v) => ({ address: '同一地址失败过多', username: '该用户名失败过多' })[String(v)] ?? String(v),
  },
  itemCode: { label: '补贴项目', show: (v) => subsidyItemName(String(v)) ?? String(v) },
  period: { label: '期号' },
  lines: { label: '明细', show: (v) => `${count(v)} 笔` },
  paid: { label: '成功', show: (v) => `${count(v)} 笔` },
  failed: { label: '失败', show: (v) => `${count(v)} 笔` },
  amountFen: { label: '金额', show: (v) => (typeof v === 'number' ? formatMoney(v) : String(v)) },
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function factValue(key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  const fact = FACTS[key];
  if (fact?.show) return fact.show(v);
  if (Array.isArray(v)) return v.map((x) => factValue(key, x)).join('、');
  if (isRecord(v))
    return Object.entries(v)
      .map(([k, x]) => `${FACTS[k]?.label ?? k}：${factValue(k, x)}`)
      .join('，');
  return String(v);
}

/**
 * An audit row's detail (JSON) as labelled lines in words: `before` / `after` become one line per fact that
 * changed ("开户银行：重庆农村商业银行 → 中国工商银行"); the other facts follow, each on its own line. A detail
 * that is not JSON is one line as it is.
 */
export function auditDetailLines(detail: string | null | undefined): DetailLine[] {
  if (!detail) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return [{ label: '详情', value: detail }];
  }
  if (!isRecord(parsed)) return [{ label: '详情', value: detail }];
  const { before, after, ...rest } = parsed;
  const lines: DetailLine[] = [];
  if (isRecord(before) || isRecord(after)) {
    const b = isRecord(before) ? before : {};
    const a = isRecord(after) ? after : {};
    const keys = Array.from(new Set([...Object.keys(b), ...Object.keys(a)]));
    const changed = keys.filter((k) => factValue(k, b[k]) !== factValue(k, a[k]));
    for (const k of changed) {
      lines.push({ label: FACTS[k]?.label ?? k, value: `${factValue(k, b[k])} → ${factValue(k, a[k])}` });
    }
    if (changed.length === 0) lines.push({ label: '账户', value: '未变更' });
  }
  for (const [k, v] of Object.entries(rest)) {
    if (v === null || v === undefined) continue;
    lines.push({ label: FACTS[k]?.label ?? k, value: factValue(k, v) });
  }
  return lines;
}
