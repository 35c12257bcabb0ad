import { decisionBody, displayAccount, formatTime, maskAccountNumber } from '@ykt/shared';
import { Descriptions, Form, type FormInstance, Input, Modal } from 'antd';
import type { ReviewDetail } from '../api';
import { RadioChoice } from '../RadioChoice';
import { StatusTag } from '../ToneTag';

export interface DecisionValues {
  result?: 'approved' | 'rejected';
  opinion?: string;
}

/** The shared rule: an opinion is required to reject (the BFF's words). */
function opinionRule({ getFieldValue }: { getFieldValue(name: string): unknown }) {
  return {
    validator(_rule: unknown, value: string | undefined) {
      const result = getFieldValue('result');
      if (!result) return Promise.resolve(); // 审核结果 says what is missing
      const r = decisionBody.safeParse({ result, opinion: value ?? '' });
      const issue = r.success ? undefined : r.error.issues.find((i) => i.path[0] === 'opinion');
      return issue ? Promise.reject(new Error(issue.message)) : Promise.resolve();
    },
  };
}

/**
 * 审核结果 and 审核意见 of a pending request (saved by the dialog's 保存). Nothing is chosen at first: a decision
 * about someone's money is made, never defaulted.
 */
export function DecisionForm({ form }: { form: FormInstance<DecisionValues> }) {
  const result = Form.useWatch('result', form);
  const rejecting = result === 'rejected';
  return (
    <Form<DecisionValues>
      form={form}
      name="decision"
      className="rv-decision"
      layout="horizontal"
      labelCol={{ flex: '88px' }}
    >
      <Form.Item
        label="审核结果"
        name="result"
        rules={[{ required: true, message: '请选择审核结果（通过或不通过）' }]}
        extra={result ? undefined : '请选择。选择“通过”并保存时，将先请您核对新旧账户。'}
      >
        <RadioChoice label="审核结果" choices={{ approved: '通过', rejected: '不通过' }} />
      </Form.Item>
      <Form.Item
        label="审核意见"
        name="opinion"
        required={rejecting}
        dependencies={['result']}
        extra={rejecting ? '审核不通过时必须填写审核意见，申请人将看到此意见。' : '选填，申请人将看到此意见。'}
        rules={[opinionRule]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount placeholder="请输入审核意见" />
      </Form.Item>
    </Form>
  );
}

/** An account as the confirmation names it: bank and masked number ("6222 **** **** 4737"). */
function AccountLine({ bank, number }: { bank: string; number: string }) {
  return (
    <span>
      {bank} <span className="rv-mono">{displayAccount(maskAccountNumber(number))}</span>
    </span>
  );
}

/**
 * Before an approval is committed: the district's account as it is and as it will be, so the caseworker sees what
 * money moves where. 确认通过 commits; 返回修改 goes back to the detail.
 */
export function ApproveConfirm({
  detail,
  open,
  busy,
  onConfirm,
  onCancel,
}: {
  detail: ReviewDetail;
  open: boolean;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  return (
    <Modal
      open={open}
      title="确认审核通过？"
      okText="确认通过"
      cancelText="返回修改"
      onOk={onConfirm}
      onCancel={onCancel}
      confirmLoading={busy}
      mask={{ closable: false }}
      width={520}
      destroyOnHidden
      className="rv-confirm"
    >
      <p>
        通过后，{detail.beneficiary.name}在<strong>{detail.districtName}</strong>
        的补贴将改发至新账户，申请人将收到系统通知：
      </p>
      <dl className="rv-confirm-accounts" data-testid="approve-confirm">
        <dt>原账户</dt>
        <dd>
          <AccountLine bank={detail.before.bankName} number={detail.before.accountNumber} />
        </dd>
        <dt>新账户</dt>
        <dd>
          <strong>
            <AccountLine bank={detail.after.bankName} number={detail.after.accountNumber} />
          </strong>
        </dd>
      </dl>
    </Modal>
  );
}

/** How a finished request ended: decided (result, reviewer, time, opinion), or withdrawn by the citizen. */
export function DecisionRecord({ detail }: { detail: ReviewDetail }) {
  if (detail.status === 'withdrawn') {
    return (
      <Descriptions
        bordered
        size="small"
        column={2}
        className="rv-decided"
        title="撤销信息"
        items={[
          { key: 'result', label: '结果', children: <StatusTag status={detail.status} /> },
          { key: 'finishedAt', label: '撤销时间', children: formatTime(detail.finishedAt) },
          { key: 'who', label: '说明', children: '申请人已自行撤销，无需审核。', span: 2 },
        ]}
      />
    );
  }
  return (
    <Descriptions
      bordered
      size="small"
      column={2}
      className="rv-decided"
      title="审核信息"
      items={[
        { key: 'result', label: '审核结果', children: <StatusTag status={detail.status} /> },
        { key: 'reviewer', label: '审核人', children: detail.reviewerName ?? '—' },
        { key: 'finishedAt', label: '完结时间', children: formatTime(detail.finishedAt) },
        { key: 'opinion', label: '审核意见', children: detail.reviewOpinion || '—', span: 2 },
      ]}
    />
  );
}

/** 申请失败: the bank refused the new account, so the request never reached review (read-only, no decision). */
export function FailureRecord({ detail }: { detail: ReviewDetail }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={2}
      className="rv-decided"
      title="申请失败（未进入审核，无需审核）"
      items={[
        { key: 'result', label: '结果', children: <StatusTag status={detail.status} /> },
        { key: 'finishedAt', label: '失败时间', children: formatTime(detail.finishedAt) },
        {
          key: 'reason',
          label: '失败原因',
          children: <span data-testid="failure-reason">{detail.failureReason || '—'}</span>,
          span: 2,
        },
      ]}
    />
  );
}
