import { LockFilled } from '@ant-design/icons';
import { reviewEndpoints as review } from '@ykt/shared';
import { App, Card } from 'antd';
import { useState } from 'react';
import { type CaseworkerProfile, type ReviewAccount, usePaged } from '../api';
import { ReviewDetailModal } from '../detail/ReviewDetailModal';
import { PageToolbar } from '../Grid';
import { AccountQuery } from './AccountQuery';
import { type AccountAction, AccountsGrid } from './AccountsGrid';
import { EditAccountModal } from './EditAccountModal';
import { InvalidateModal } from './InvalidateModal';
import { PaymentsModal } from './PaymentsModal';

/** What the caseworker is doing with one account of the grid. */
type Action = { kind: AccountAction; account: ReviewAccount };

/** The toolbar's name and hint. */
const TOOLBAR = {
  label: '一卡通账号操作',
  hint: (
    <>
      <LockFilled aria-hidden /> 享受人有渝快办账号变更待审核时，其账号被锁定，不允许修改或设为无效。
    </>
  ),
};

/**
 * 一卡通账号: the accounts of the caller's districts with 来源 (渝快办 / 一卡通系统), status, and the lock that a
 * pending 渝快办 change puts on the beneficiary (manual 1.3: 不允许做任何操作; the lock opens that request).
 * Sections: the query bar, the grid, and the dialog of the action under way (发放记录, 修改, 设为无效).
 */
export function AccountsPage({ profile, onClose }: { profile: CaseworkerProfile; onClose(): void }) {
  const { message } = App.useApp();
  const accounts = usePaged(review.accounts, {});
  const [action, setAction] = useState<Action | null>(null);
  // The pending request a lock points at, opened from the lock tag.
  const [requestId, setRequestId] = useState<number | null>(null);

  function done(changed: boolean, success: string) {
    setAction(null);
    if (changed) {
      message.success(success);
      accounts.reload();
    }
  }

  return (
    <div className="rv-page">
      <PageToolbar {...TOOLBAR} onClose={onClose} onRefresh={accounts.reload} />
      <AccountQuery profile={profile} onSearch={accounts.search} fieldErrors={accounts.fieldErrors} />
      <Card
        size="small"
        className="rv-grid"
        title="一卡通账号"
        extra={<span className="rv-muted">{accounts.totalText}</span>}
      >
        <AccountsGrid
          accounts={accounts}
          onAction={(kind, account) => setAction({ kind, account })}
          onOpenRequest={setRequestId}
        />
      </Card>
      {action?.kind === 'payments' && <PaymentsModal account={action.account} onClose={() => setAction(null)} />}
      <ReviewDetailModal id={requestId} onClose={() => setRequestId(null)} onChanged={accounts.reload} />
      {action?.kind === 'edit' && (
        <EditAccountModal
          account={action.account}
          onStale={accounts.reload}
          onDone={(changed) => done(changed, '账号已修改')}
        />
      )}
      {action?.kind === 'invalidate' && (
        <InvalidateModal
          account={action.account}
          onStale={accounts.reload}
          onDone={(changed) => done(changed, '已设为无效，已通知享受人')}
        />
      )}
    </div>
  );
}
