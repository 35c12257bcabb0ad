import { CloseOutlined, LockFilled, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { BANKS, checkAccountNumber, DISTRICTS, messageBody } from '@ykt/shared';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useState } from 'react';
import {
  type AccountEdit,
  type AccountFilter,
  ApiError,
  api,
  type CaseworkerProfile,
  errorText,
  type ReviewAccount,
} from './api';
import { LoadErrorAlert } from './LoadErrorAlert';
import { CARD_TYPE_OPTIONS, cardTypeLabel, formatTime, MUNICIPAL_CODE, sourceLabel } from './labels';
import { ToneTag } from './ToneTag';
import { usePagedList } from './usePagedList';

interface Props {
  profile: CaseworkerProfile;
  onClose(): void;
}

/** The BFF's own words for the lock (423), used for the tooltip before anyone tries. */
export const LOCKED_TEXT = '存在渝快办账号变更待审核数据，不允许操作';

const BANK_OPTIONS = BANKS.map((b) => ({ value: b.code, label: b.name }));

/**
 * A button that is disabled with a tooltip saying why. A disabled button gets no hover, so it is wrapped; the
 * same reason is written in the row (the lock label in 状态), so it is not told by hover alone.
 */
function Guarded({ reason, children }: { reason: string | null; children: React.ReactElement }) {
  if (!reason) return children;
  return (
    <Tooltip title={reason}>
      <span className="rv-guarded">{children}</span>
    </Tooltip>
  );
}

/**
 * 一卡通账号: the accounts of the caller's districts with 来源 (渝快办 / 一卡通系统), status, and the lock that a
 * pending 渝快办 change puts on the beneficiary (manual 1.3: 不允许做任何操作).
 */
export function AccountsPage({ profile, onClose }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<AccountFilter>();
  const [filter, setFilter] = useState<AccountFilter>({});
  const [editing, setEditing] = useState<ReviewAccount | null>(null);
  const [invalidating, setInvalidating] = useState<ReviewAccount | null>(null);

  const municipal = profile.districtCode === MUNICIPAL_CODE;
  const districtOptions = (municipal ? DISTRICTS : DISTRICTS.filter((d) => d.code === profile.districtCode)).map(
    (d) => ({
      value: d.code,
      label: `${d.name}（${d.code}）`,
    }),
  );

  const fetchPage = useCallback((p: number, ps: number) => api.accounts(filter, p, ps), [filter]);
  const { rows, total, page, setPage, pageSize, loading, loadError, load, pagination } =
    usePagedList<ReviewAccount>(fetchPage);

  const columns: ColumnsType<ReviewAccount> = [
    { title: '序号', key: 'seq', align: 'center', render: (_v, _r, i) => (page - 1) * pageSize + i + 1 },
    { title: '姓名', key: 'name', render: (_v, r) => r.beneficiary.name },
    { title: '身份证号码', key: 'id', render: (_v, r) => <span className="rv-mono">{r.beneficiary.idNumber}</span> },
    { title: '区县', dataIndex: 'districtName', width: 96, className: 'rv-wrap' },
    { title: '卡类型', dataIndex: 'cardType', render: (t: string) => cardTypeLabel(t) },
    { title: '银行名称', dataIndex: 'bankName' },
    { title: '银行账号', dataIndex: 'accountNumber', render: (a: string) => <span className="rv-mono">{a}</span> },
    {
      title: '来源',
      dataIndex: 'source',
      render: (s: string) => <ToneTag tone={s === 'yukuaiban' ? 'blue' : 'gray'}>{sourceLabel(s)}</ToneTag>,
    },
    {
      title: '状态',
      key: 'status',
      width: 176,
      className: 'rv-wrap',
      render: (_v, r) => (
        <div className="rv-status-cell">
          {r.status === 'valid' ? <ToneTag tone="green">有效</ToneTag> : <ToneTag tone="red">无效</ToneTag>}
          {r.status === 'invalid' && r.invalidReason && <div className="rv-small">原因：{r.invalidReason}</div>}
          {r.status === 'invalid' && r.invalidAt && <div className="rv-small rv-muted">{formatTime(r.invalidAt)}</div>}
          {r.locked && (
            <div className="rv-locked" data-testid="locked">
              <LockFilled aria-hidden /> 变更待审核，已锁定
            </div>
          )}
        </div>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_v, r) => (
        <Space size={4}>
          <Guarded reason={r.locked ? LOCKED_TEXT : null}>
            <Button size="small" disabled={r.locked} onClick={() => setEditing(r)}>
              修改
            </Button>
          </Guarded>
          <Guarded reason={r.locked ? LOCKED_TEXT : r.status === 'invalid' ? '该账号已是无效状态' : null}>
            <Button
              size="small"
              danger
              disabled={r.locked || r.status === 'invalid'}
              onClick={() => setInvalidating(r)}
            >
              设为无效
            </Button>
          </Guarded>
        </Space>
      ),
    },
  ];

  return (
    <div className="rv-page">
      <div className="rv-toolbar" role="toolbar" aria-label="一卡通账号操作">
        <Button icon={<CloseOutlined aria-hidden />} onClick={onClose}>
          关闭
        </Button>
        <span className="rv-toolbar-hint">
          <LockFilled aria-hidden /> 享受人有渝快办账号变更待审核时，其账号被锁定，不允许修改或设为无效。
        </span>
        <Tooltip title="刷新列表">
          <Button
            className="rv-toolbar-right"
            icon={<ReloadOutlined aria-hidden />}
            onClick={() => void load()}
            aria-label="刷新列表"
          />
        </Tooltip>
      </div>
      <Card size="small" className="rv-querybar" role="search" aria-label="查询条件">
        <Form<AccountFilter>
          form={form}
          name="accounts"
          layout="inline"
          onFinish={(v) => {
            setFilter(v);
            setPage(1);
          }}
        >
          <Form.Item label="姓名" name="name">
            <Input allowClear maxLength={32} autoComplete="off" style={{ width: 110 }} />
          </Form.Item>
          <Form.Item label="身份证号" name="idNumber">
            <Input allowClear maxLength={18} autoComplete="off" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item label="银行账号" name="accountNumber">
            <Input allowClear maxLength={40} autoComplete="off" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item label="区县" name="districtCode">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={districtOptions}
              placeholder="全部"
              style={{ width: 180 }}
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
                查询
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilter({});
                  setPage(1);
                }}
              >
                重置
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card size="small" className="rv-grid" title="一卡通账号" extra={<span className="rv-muted">共 {total} 条</span>}>
        <LoadErrorAlert error={loadError} onRetry={() => void load()} />
        <Table<ReviewAccount>
          rowKey="id"
          size="small"
          bordered
          loading={loading}
          columns={columns}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          rowClassName={(r) => (r.locked ? 'rv-row-locked' : '')}
          locale={{ emptyText: '没有符合条件的账号' }}
          pagination={pagination()}
        />
      </Card>
      {editing && (
        <EditAccountModal
          account={editing}
          onStale={() => void load()}
          onDone={(changed) => {
            setEditing(null);
            if (changed) {
              message.success('账号已修改');
              void load();
            }
          }}
        />
      )}
      {invalidating && (
        <InvalidateModal
          account={invalidating}
          onStale={() => void load()}
          onDone={(changed) => {
            setInvalidating(null);
            if (changed) {
              message.success('已设为无效，已通知享受人');
              void load();
            }
          }}
        />
      )}
    </div>
  );
}

interface EditForm {
  cardType: string;
  bankCode: string;
  accountNumber?: string;
}

/** 修改: a counter edit by the caseworker (PATCH); only the fields that changed are sent. */
interface ActionModalProps {
  account: ReviewAccount;
  onDone(changed: boolean): void;
  /** The list no longer tells the truth (423: a 渝快办 change arrived since it was loaded): reload it. */
  onStale(): void;
}

function EditAccountModal({ account, onDone, onStale }: ActionModalProps) {
  const [form] = Form.useForm<EditForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    let v: EditForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const body: AccountEdit = {};
    if (v.cardType !== account.cardType) body.cardType = v.cardType;
    if (v.bankCode !== account.bankCode) body.bankCode = v.bankCode;
    const number = (v.accountNumber ?? '').replace(/\s+/g, '');
    if (number) body.accountNumber = number;
    if (!body.cardType && !body.bankCode && !body.accountNumber) {
      setError('没有要修改的内容');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await api.editAccount(account.id, body);
      onDone(true);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && Object.keys(e.fields).length) {
        const known = ['cardType', 'bankCode', 'accountNumber'];
        form.setFields(
          Object.entries(e.fields)
            .filter(([k]) => known.includes(k))
            .map(([k, msg]) => ({ name: k as keyof EditForm, errors: [msg] })),
        );
      }
      if (e instanceof ApiError && e.status === 423) onStale();
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={`修改一卡通账号 — ${account.beneficiary.name}（${account.districtName}）`}
      onCancel={() => onDone(false)}
      onOk={() => void submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} className="rv-mb" role="alert" />}
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
                const n = (value ?? '').replace(/\s+/g, '');
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
    </Modal>
  );
}

/** 设为无效: a manual validation result, with its 说明; the citizen gets a notification. */
function InvalidateModal({ account, onDone, onStale }: ActionModalProps) {
  const [form] = Form.useForm<{ message: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    let v: { message: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await api.invalidateAccount(account.id, v.message.trim());
      onDone(true);
    } catch (e) {
      if (e instanceof ApiError && e.status === 423) onStale();
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={`设为无效 — ${account.beneficiary.name}（${account.districtName}）`}
      onCancel={() => onDone(false)}
      onOk={() => void submit()}
      okText="设为无效"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={saving}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} className="rv-mb" role="alert" />}
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
    </Modal>
  );
}
