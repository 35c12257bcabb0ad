import { CheckCircleFilled, DiffOutlined, WarningFilled } from '@ant-design/icons';
import { decisionBody } from '@ykt/shared';
import { Alert, App, Button, Descriptions, Form, Input, Modal, Radio, Skeleton } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, errorText, type ReviewDetail } from './api';
import { cardTypeLabel, formatTime, statusLabel } from './labels';
import { STATUS_TONES, ToneTag } from './ToneTag';

interface Props {
  /** The request to show; null: closed. */
  id: number | null;
  onClose(): void;
  /** The request's state may have changed (decided here, or by someone else): refresh the grid. */
  onChanged(): void;
}

type Snapshot = ReviewDetail['before'];

const COMPARED: Array<{ key: keyof Snapshot; label: string; show?: (s: Snapshot) => string }> = [
  { key: 'name', label: '姓名' },
  { key: 'idNumber', label: '身份证号' },
  { key: 'bankName', label: '银行名称' },
  { key: 'accountNumber', label: '银行账号' },
  { key: 'cardType', label: '卡类型', show: (s) => cardTypeLabel(s.cardType) },
];

function shown(s: Snapshot, row: (typeof COMPARED)[number]): string {
  if (row.show) return row.show(s);
  const v = s[row.key];
  return v === null || v === undefined || v === '' ? '—' : String(v);
}

/** Which of the compared fields differ between before and after. */
export function changedFields(before: Snapshot, after: Snapshot): Set<keyof Snapshot> {
  return new Set(COMPARED.filter((r) => shown(before, r) !== shown(after, r)).map((r) => r.key));
}

interface DecisionForm {
  result: 'approved' | 'rejected';
  opinion?: string;
}

function SnapshotTable({
  title,
  snap,
  changed,
  side,
}: {
  title: string;
  snap: Snapshot;
  changed: Set<keyof Snapshot>;
  side: 'after' | 'before';
}) {
  return (
    <table className={`rv-compare rv-compare-${side}`} data-testid={`snapshot-${side}`}>
      <caption>{title}</caption>
      <tbody>
        {COMPARED.map((row) => {
          const diff = changed.has(row.key);
          return (
            <tr key={row.key} className={diff ? 'rv-diff' : undefined}>
              <th scope="row">{row.label}</th>
              <td>
                <span className={row.key === 'idNumber' || row.key === 'accountNumber' ? 'rv-mono' : undefined}>
                  {shown(snap, row)}
                </span>
                {diff && (
                  <span className="rv-diff-tag">
                    <ToneTag tone={side === 'after' ? 'orange' : 'gray'} icon={<DiffOutlined aria-hidden />}>
                      {side === 'after' ? '已变更' : '原值'}
                    </ToneTag>
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * The detail of one request: 变更后 and 变更前 side by side with the differences marked, and for a pending
 * request the decision (审核结果, 审核意见) with 保存(S) / 关闭(C), also on Alt+S / Alt+C.
 */
export function ReviewDetailModal(props: Props) {
  // A fresh panel (state and form) for every request opened.
  return <DetailPanel key={props.id ?? 'closed'} {...props} />;
}

function DetailPanel({ id, onClose, onChanged }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<DecisionForm>();
  const [detail, setDetail] = useState<ReviewDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const result = Form.useWatch('result', form);
  const open = id !== null;

  const load = useCallback(async (requestId: number) => {
    setLoadError(null);
    try {
      const d = await api.changeRequest(requestId);
      setDetail(d);
    } catch (e) {
      setDetail(null);
      setLoadError(errorText(e));
    }
  }, []);

  useEffect(() => {
    if (id === null) {
      setDetail(null);
      setLoadError(null);
      return;
    }
    void load(id);
  }, [id, load]);

  const pending = detail?.status === 'pending';

  const save = useCallback(async () => {
    if (detail?.status !== 'pending' || saving) return;
    let values: DecisionForm;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    setSaving(true);
    try {
      await api.decide(detail.id, values.result, (values.opinion ?? '').trim());
      message.success('审核完成');
      onChanged();
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        message.warning('该申请已被处理');
        onChanged();
        await load(detail.id);
      } else if (e instanceof ApiError && e.status === 400 && Object.keys(e.fields).length) {
        form.setFields(
          Object.entries(e.fields)
            .filter(([k]) => k === 'opinion' || k === 'result')
            .map(([k, msg]) => ({ name: k as keyof DecisionForm, errors: [msg] })),
        );
        message.error(e.message);
      } else if (e instanceof ApiError && e.status === 404) {
        message.error(e.message || '该申请不存在或不在您的管辖区县');
        onChanged();
        onClose();
      } else {
        message.error(errorText(e));
      }
    } finally {
      setSaving(false);
    }
  }, [detail, saving, form, message, onChanged, onClose, load]);

  // Alt+S saves, Alt+C closes, while the panel is open (e.code: Alt+S types "ß" on a Mac keyboard).
  const saveRef = useRef(save);
  saveRef.current = save;
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.code === 'KeyS') {
        e.preventDefault();
        e.stopPropagation();
        void saveRef.current();
      } else if (e.code === 'KeyC') {
        e.preventDefault();
        e.stopPropagation();
        closeRef.current();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open]);

  const changed = detail ? changedFields(detail.before, detail.after) : new Set<keyof Snapshot>();
  const changedLabels = COMPARED.filter((r) => changed.has(r.key)).map((r) => r.label);

  const footer = [
    pending ? (
      <Button key="save" type="primary" loading={saving} onClick={() => void save()} aria-keyshortcuts="Alt+S">
        <span>
          保存(<u>S</u>)
        </span>
      </Button>
    ) : null,
    <Button key="close" onClick={onClose} aria-keyshortcuts="Alt+C">
      <span>
        关闭(<u>C</u>)
      </span>
    </Button>,
  ];

  return (
    <Modal
      open={open}
      title={detail ? `账号变更审核 — ${detail.beneficiary.name}（${detail.districtName}）` : '账号变更审核'}
      onCancel={onClose}
      footer={footer}
      width={960}
      destroyOnHidden
      mask={{ closable: false }}
      className="rv-detail"
    >
      {loadError && <Alert type="error" showIcon title={`详情加载失败：${loadError}`} />}
      {!detail && !loadError && <Skeleton active paragraph={{ rows: 8 }} />}
      {detail && (
        <>
          <Descriptions
            size="small"
            column={3}
            className="rv-mb"
            items={[
              {
                key: 'status',
                label: '数据状态',
                children: <ToneTag tone={STATUS_TONES[detail.status] ?? 'gray'}>{statusLabel(detail.status)}</ToneTag>,
              },
              { key: 'applicant', label: '申请人', children: detail.applicantName },
              { key: 'appliedAt', label: '申请时间', children: formatTime(detail.appliedAt) },
              { key: 'district', label: '变更区县', children: detail.districtName },
              { key: 'source', label: '数据来源', children: '渝快办-账号变更' },
              { key: 'reason', label: '变更理由', children: detail.reason || '（未填写）' },
            ]}
          />
          <div className="rv-diff-summary" role="status" data-testid="diff-summary">
            {changedLabels.length ? (
              <>
                <WarningFilled aria-hidden className="rv-diff-icon" /> 共 {changedLabels.length} 项变更：
                {changedLabels.join('、')}
                （表中以“已变更”标出）
              </>
            ) : (
              <>
                <CheckCircleFilled aria-hidden /> 变更前后信息一致
              </>
            )}
          </div>
          <div className="rv-compare-pair">
            <SnapshotTable title="变更后" snap={detail.after} changed={changed} side="after" />
            <SnapshotTable title="变更前" snap={detail.before} changed={changed} side="before" />
          </div>

          {pending ? (
            <Form<DecisionForm>
              form={form}
              name="decision"
              layout="horizontal"
              labelCol={{ flex: '88px' }}
              initialValues={{ result: 'approved' }}
              className="rv-decision"
            >
              <Form.Item label="审核结果" name="result" rules={[{ required: true, message: '请选择审核结果' }]}>
                <Radio.Group
                  aria-label="审核结果"
                  options={[
                    { value: 'approved', label: '通过' },
                    { value: 'rejected', label: '不通过' },
                  ]}
                />
              </Form.Item>
              <Form.Item
                label="审核意见"
                name="opinion"
                required={result === 'rejected'}
                dependencies={['result']}
                extra={
                  result === 'rejected'
                    ? '审核不通过时必须填写审核意见，申请人将看到此意见。'
                    : '选填，申请人将看到此意见。'
                }
                rules={[
                  ({ getFieldValue }) => ({
                    validator(_rule, value: string | undefined) {
                      const r = decisionBody.safeParse({ result: getFieldValue('result'), opinion: value ?? '' });
                      const issue = r.success ? undefined : r.error.issues.find((i) => i.path[0] === 'opinion');
                      return issue ? Promise.reject(new Error(issue.message)) : Promise.resolve();
                    },
                  }),
                ]}
              >
                <Input.TextArea rows={3} maxLength={500} showCount placeholder="请输入审核意见" />
              </Form.Item>
            </Form>
          ) : (
            <Descriptions
              bordered
              size="small"
              column={2}
              className="rv-decided"
              title="审核信息"
              items={[
                {
                  key: 'result',
                  label: '审核结果',
                  children: (
                    <ToneTag tone={STATUS_TONES[detail.status] ?? 'gray'}>{statusLabel(detail.status)}</ToneTag>
                  ),
                },
                { key: 'reviewer', label: '审核人', children: detail.reviewerName ?? '—' },
                { key: 'finishedAt', label: '完结时间', children: formatTime(detail.finishedAt) },
                { key: 'opinion', label: '审核意见', children: detail.reviewOpinion || '—', span: 2 },
              ]}
            />
          )}
        </>
      )}
    </Modal>
  );
}
