import { messageBody, reviewEndpoints as review } from '@ykt/shared';
import { Form, Input, Typography } from 'antd';
import { call } from '../api';
import { ActionModal, type ActionModalProps, validValues } from './ActionModal';

/** 设为无效: a manual validation result, with its 说明; the citizen gets a notification. */
export function InvalidateModal(props: ActionModalProps) {
  const { account } = props;
  const [form] = Form.useForm<{ message: string }>();

  async function save(): Promise<boolean> {
    const v = await validValues(() => form.validateFields());
    if (!v) return false;
    await call(review.invalidateAccount, { params: { id: account.id }, body: { message: v.message.trim() } });
    return true;
  }

  return (
    <ActionModal {...props} title="设为无效" okText="设为无效" danger save={save}>
      <Typography.Paragraph>
        账号 <span className="rv-mono">{account.accountNumber}</span>（{account.bankName}）设为无效后不能再发放补贴，
        享受人将收到系统通知，并可申请变更账号。
      </Typography.Paragraph>
      <Form form={form} name="invalidate" layout="vertical">
        <Form.Item
          label="说明"
          name="message"
          rules={[
            {
              validator(_r, value: string | undefined) {
                const r = messageBody.safeParse({ message: value ?? '' });
                return r.success
                  ? Promise.resolve()
                  : Promise.reject(new Error(r.error.issues[0]?.message ?? '请填写说明'));
              },
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount placeholder="如：银行反馈该账户已销户" />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
