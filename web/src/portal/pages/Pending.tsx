import { ClockCircleOutlined } from '@ant-design/icons';
import { citizenEndpoints as citizen, isApiError } from '@ykt/shared';
import { Alert, App, Button, Empty, Spin } from 'antd';
import { useState } from 'react';
import { call, refresh, useChangeRequests } from '../api';
import { navigate } from '../route';
import { Section } from '../Section';
import { RequestDetails } from './RequestDetails';

/** 办理中: at most one pending request (domain rule 1), which the person may 撤销. */
export function Pending() {
  const { modal, message } = App.useApp();
  const { data, error } = useChangeRequests();
  const items = data?.items;
  const [withdrawing, setWithdrawing] = useState(false);
  const pending = items?.filter((r) => r.status === 'pending') ?? [];

  function confirmWithdraw(id: number) {
    modal.confirm({
      title: '确定撤销这条变更申请吗？',
      content: '撤销后本次申请不再办理，补贴仍发放到原账号。如需变更，可重新申请。',
      okText: '确定撤销',
      cancelText: '不撤销',
      okButtonProps: { danger: true },
      onOk: async () => {
        setWithdrawing(true);
        try {
          await call(citizen.withdraw, { params: { id } });
          message.success('已撤销');
        } catch (e) {
          if (isApiError(e, 'UNAUTHENTICATED')) return;
          message.error(isApiError(e) ? e.message : '撤销失败，请稍后再试');
        } finally {
          setWithdrawing(false);
          await refresh(citizen.changeRequests, citizen.myCard);
        }
      },
    });
  }

  return (
    <div className="ykb-page">
      <Section icon={<ClockCircleOutlined />} title="办理中">
        {error && <Alert type="error" showIcon title={error.message} />}
        {!error && !items && <Spin />}
        {items && pending.length === 0 && (
          <Empty description="没有正在办理的变更申请">
            <Button type="primary" onClick={() => navigate('change')}>
              申请变更
            </Button>
          </Empty>
        )}
        {pending.map((r) => (
          <div key={r.id} className="ykb-request" data-testid="pending-request">
            <RequestDetails r={r} />
            <p className="ykb-muted ykb-request-note">审核通过前，补贴仍发放到原账号；审核结果可在“办理完结”中查看。</p>
            <div className="ykb-account-actions">
              <Button danger size="large" loading={withdrawing} onClick={() => confirmWithdraw(r.id)}>
                撤销
              </Button>
            </div>
          </div>
        ))}
      </Section>
    </div>
  );
}
