import {
  BANKS,
  CARD_TYPE_LABELS,
  type CallInput,
  cardTypeLabel,
  checkAccountNumber,
  isApiError,
  normalizeAccountNumber,
  reviewEndpoints as review,
} from '@ykt/shared';
import { Form, Input, Select, Typography } from 'antd';
import { call } from '../api';
import { ActionModal, type ActionModalProps, validValues } from './ActionModal';

type AccountEdit = CallInput<typeof review.editAccount>['body'];

interface EditForm {
  cardType: string;
  bankCode: string;
  accountNumber?: string;
}

const CARD_TYPE_OPTIONS = Object.entries(CARD_TYPE_LABELS).map(([value, label]) => ({ value, label }));
const BANK_OPTIONS = BANKS.map((b) => ({ value: b.code, label: b.name }));
const EDITABLE = ['cardType', 'bankCode', 'accountNumber'];

/** 修改: a counter edit by the caseworker (PATCH); only the fields that changed are sent. */
export function EditAccountModal(props: ActionModalProps) {
  const { account } = props;
  const [form] = Form.useForm<EditForm>();

  async function save(): Promise<boolean | string> {
    const v = await validValues(() => form.validateFields());
    if (!v) return false;
    const body: AccountEdit = {};
    if (v.cardType !== account.cardType) body.cardType = v.cardType;
    if (v.bankCode !== account.bankCode) body.bankCode = v.bankCode;
    const number = normalizeAccountNumber(v.accountNumber ?? '');
    if (number) body.accountNumber = number;
    if (!body.cardType && !body.bankCode && !body.accountNumber) return '没有要修改的内容';
    await call(review.editAccount, { params: { id: account.id }, body });
    return true;
  }

  /** The BFF's words for a bad field go under that field too. */
  function showFieldErrors(e: unknown) {
    if (!isApiError(e, 'VALIDATION_FAILED')) return;
    const known = Object.entries(e.fields).filter(([k]) => EDITABLE.includes(k));
    form.setFields(known.map(([k, msg]) => ({ name: k as keyof EditForm, errors: [msg] })));
  }

  return (
    <ActionModal {...props} title="修改一卡通账号" okText="保存" save={save} onError={showFieldErrors}>
      <Typography.Paragraph className="rv-muted">
        当前：{cardTypeLabel(account.cardType)} · {account.bankName} ·{' '}
        <span className="rv-mono">{account.accountNumber}</span>
      </Typography.Paragraph>
      <Form<EditForm>
        form={form}
        name="editAccount"
        layout="vertical"
        initialValues={{ cardType: account.cardType, bankCode: account.bankCode }}
      >
        <Form.Item label="卡类型" name="cardType" rules={[{ required: true, message: '请选择卡类型' }]}>
          <Select options={CARD_TYPE_OPTIONS} />
        </Form.Item>
        <Form.Item label="开户银行" name="bankCode" rules={[{ required: true, message: '请选择开户行' }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={BANK_OPTIONS} />
        </Form.Item>
        <Form.Item
          label="新银行账号"
          name="accountNumber"
          extra="不修改账号时请留空。"
          dependencies={['cardType', 'bankCode']}
          rules={[
            ({ getFieldValue }) => ({
              validator(_r, value: string | undefined) {
                const n = normalizeAccountNumber(value ?? '');
                if (!n) return Promise.resolve();
                const msg = checkAccountNumber(getFieldValue('cardType'), n, getFieldValue('bankCode'));
                return msg ? Promise.reject(new Error(msg)) : Promise.resolve();
              },
            }),
          ]}
        >
          <Input maxLength={40} autoComplete="off" inputMode="numeric" />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
