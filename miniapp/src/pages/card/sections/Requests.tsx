import { View } from '@tarojs/components';
import { citizenEndpoints as citizen, errorMessage, isApiError } from '@ykt/shared';
import { useState } from 'react';
import { call } from '../../../api/client';
import { type Reading, refreshMine } from '../../../api/reads';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { RequestItem } from '../../../components/RequestItem';
import { LoadedList } from '../../../components/States';
import type { ShowNotice } from './notice';

/**
 * 事项办理: the person's requests, newest first, with 撤销 (after a confirmation) on the pending one. A withdrawal
 * reads the whole card page again (the pending banner goes with it).
 */
export function Requests({
  read,
  waiting,
  onNotice,
}: {
  read: Reading<'changeRequests'>;
  /** The card is still loading: the list appears with it. */
  waiting: boolean;
  onNotice: ShowNotice;
}) {
  const [askWithdraw, setAskWithdraw] = useState<number | null>(null);
  const [withdrawing, setWithdrawing] = useState<number | null>(null);

  async function withdraw(id: number) {
    setAskWithdraw(null);
    setWithdrawing(id);
    try {
      await call(citizen.withdraw, { params: { id } });
      onNotice({ tone: 'success', text: '变更申请已撤销' });
      await refreshMine();
    } catch (e) {
      onNotice({ tone: 'error', text: errorMessage(e) });
      if (isApiError(e, 'NOT_PENDING')) await refreshMine(); // decided meanwhile: show how
    } finally {
      setWithdrawing(null);
    }
  }

  return (
    <View role="tabpanel" aria-label="事项办理">
      <LoadedList read={read} retry={refreshMine} waiting={waiting} empty="暂无变更申请">
        {(r) => (
          <RequestItem key={r.id} item={r} withdrawing={withdrawing === r.id} onWithdraw={() => setAskWithdraw(r.id)} />
        )}
      </LoadedList>
      <ConfirmDialog
        visible={askWithdraw !== null}
        title="撤销变更申请"
        confirmText="确定撤销"
        cancelText="不撤销"
        onConfirm={() => askWithdraw !== null && void withdraw(askWithdraw)}
        onCancel={() => setAskWithdraw(null)}
      >
        撤销后，这条申请将不再审核，您可以重新提交变更申请。确定撤销吗？
      </ConfirmDialog>
    </View>
  );
}
