import { decisionBody, formatTime } from '@ykt/shared';
import { Descriptions, Form, type FormInstance, Input } from 'antd';
import type { ReviewDetail } from '../api';
import { RadioChoice } from '../RadioChoice';
import { StatusTag } from '../ToneTag';

export interface DecisionValues {
  result: 'approved' | 'rejected';
  opinion?: string;
}

/** The shared rule: an opinion is required to reject (the BFF's words). */
function opinionRule({ getFieldValue }: { getFieldValue(name: string): unknown }) {
  return {
    validator(_rule: unknown, value: string | undefined) {
      const r = decisionBody.safeParse({ result: getFieldValue('result'), opinion: value ?? '' });
      const issue = r.success ? undefined : r.error.issues.find((i) => i.path[0] === 'opinion');
      return issue ? Promise.reject(new Error(issue.message)) : Promise.resolve();
    },
  };
}

/** 审核结果 and 审核意见 of a pending request (saved by the dialog's 保存). */
export function DecisionForm({ form }: { form: FormInstance<DecisionValues> }) {
  const rejecting = Form.useWatch('result', form) === 'rejected';
  return (
    <Form<DecisionValues>
      form={form}
      initialValues={{ result: 'approved' }}
      name="decision"
      className="rv-decision"
      layout="horizontal"
      labelCol={{ flex: '88px' }}
    >
      <Form.Item label="审核结果" name="result" rules={[{ required: true, message: '请选择审核结果' }]}>
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

/** How a finished request was decided: result, reviewer, time, opinion (read-only). */
export function DecisionRecord({ detail }: { detail: ReviewDetail }) {
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
