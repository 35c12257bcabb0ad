import { ClockCircleOutlined } from '@ant-design/icons';
import {
  AFTER_SUBMIT_RESULT_TEXT,
  afterSubmitPaymentText,
  type ChangeRequest,
  citizenEndpoints as citizen,
  isApiError,
  type MyCard,
  reviewDaysText,
} from '@ykt/shared';
import { Alert, App, Button, Empty, Spin } from 'antd';
import { useState } from 'react';
import { call, refresh, useChangeRequests } from '../api';
import { navigate } from '../route';
import { Section } from '../Section';
import { RequestDetails, RequestTimeline } from './RequestDetails';

/** Whether the district's current account is valid: "补贴仍发放到原账户" is never said about an invalid one. */
const currentValid = (card: MyCard, r: ChangeRequest) =>
  card.cards.find((c) => c.districts.some((d) => d.code === r.districtCode))?.status !== 'invalid';

/**
 * 办理中: at most one pending request (domain rule 1), with its timeline and what happens meanwhile, which the
 * person may 撤销. Opened right after submitting (`submitted`), it starts with the confirmation: what happens next
 * and how long review usually takes in that district.
 */
export function Pending({ card, submitted }: { card: MyCard; submitted: string | null }) {
  const { modal, message } = App.useApp();
  const { data, error } = useChangeRequests();
  const items = data?.items;
  const [withdrawing, setWithdrawing] = useState(false);
  const pending = items?.filter((r) => r.status === 'pending') ?? [];
  const justSubmitted = pending.find((r) => String(r.id) === submitted);

  function confirmWithdraw(r: ChangeRequest) {
    modal.confirm({
      title: '确定撤销这条变更申请吗？',
      content: currentValid(card, r)
        ? '撤销后本次申请不再办理，补贴仍发放到原账户。如需变更，可重新申请。'
        : '撤销后本次申请不再办理。原账户已无效，补贴暂时无法发放，请尽快重新申请变更。',
      okText: '确定撤销',
      cancelText: '不撤销',
      okButtonProps: { danger: true },
      onOk: async () => {
        setWithdrawing(true);
        try {
          await call(citizen.withdraw, { params: { id: r.id } });
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
        {justSubmitted && (
          <Alert
            className="ykb-form-alert"
            type="success"
            showIcon
            role="status"
            title="变更申请已提交，等待审核"
            description={
              <ol className="ykb-next-steps">
                <li>区县经办人审核您的申请，{reviewDaysText(justSubmitted.reviewDays)}。</li>
                <li>{afterSubmitPaymentText(currentValid(card, justSubmitted))}</li>
                <li>{AFTER_SUBMIT_RESULT_TEXT}</li>
              </ol>
            }
          />
        )}
        {items && pending.length === 0 && (
          <Empty description="没有正在办理的变更申请">
            <Button type="primary" onClick={() => navigate('change')}>
              申请变更
            </Button>
          </Empty>
        )}
        {pending.map((r) => (
          <div key={r.id} className="ykb-request" data-testid="pending-request">
            <RequestTimeline r={r} />
            <RequestDetails r={r} />
            {r !== justSubmitted && (
              <p className="ykb-muted ykb-request-note">
                {reviewDaysText(r.reviewDays)}。{afterSubmitPaymentText(currentValid(card, r))}
                {AFTER_SUBMIT_RESULT_TEXT}
              </p>
            )}
            <div className="ykb-account-actions">
              <Button danger size="large" loading={withdrawing} onClick={() => confirmWithdraw(r)}>
                撤销
              </Button>
            </div>
          </div>
        ))}
      </Section>
    </div>
  );
}
