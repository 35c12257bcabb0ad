import type { ChangeRequestStatus } from './schemas/changeRequests.ts';
import type { AccountSource } from './schemas/common.ts';
import type { NotificationKind } from './schemas/notifications.ts';

// Display words for the contract's codes. Kept apart from the zod schemas (types only from there), so a front
// end that needs the words does not ship zod: shared has no import-time side effects (package.json sideEffects).

export const ACCOUNT_SOURCE_LABELS: Record<AccountSource, string> = { yukuaiban: '渝快办', ykt: '一卡通系统' };

export const CHANGE_REQUEST_STATUS_LABELS: Record<ChangeRequestStatus, string> = {
  pending: '申请中',
  approved: '审核通过',
  rejected: '审核不通过',
  withdrawn: '已撤销',
  failed: '申请失败',
};

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  crediting_failure: '上卡失败',
  manual_validation: '手动验证',
  scheduled_validation: '定时验证',
};
