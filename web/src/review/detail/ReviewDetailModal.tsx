import { errorMessage, formatTime, isApiError, REQUEST_SOURCE_LABEL, reviewEndpoints as review } from '@ykt/shared';
import { Alert, App, Button, Descriptions, Form, Modal, Skeleton } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call, useCall } from '../api';
import { StatusTag } from '../ToneTag';
import { Compare } from './Compare';
import { DecisionForm, DecisionRecord, type DecisionValues } from './Decision';

/**
 * A decision depends on the request as it is now: every opening reads it anew (no deduplication, and the copy
 * is dropped on closing, so a decided request never shows as pending for a moment).
 */
const ALWAYS_FRESH = { dedupingInterval: 0 };

interface Props {
  /** The request to show; null: closed. */
  id: number | null;
  onClose(): void;
  /** The request's state may have changed (decided here, or by someone else): refresh the grid. */
  onChanged(): void;
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
  const [form] = Form.useForm<DecisionValues>();
  const loaded = useCall(id === null ? null : review.changeRequest, { params: { id: id ?? 0 } }, ALWAYS_FRESH);
  const detail = loaded.data ?? null;
  const reload = loaded.mutate;
  useEffect(() => () => void reload(undefined, { revalidate: false }), [reload]);
  const loadError = loaded.error ? errorMessage(loaded.error) : null;
  const [saving, setSaving] = useState(false);
  const open = id !== null;

  const pending = detail?.status === 'pending';

  const save = useCallback(async () => {
    if (detail?.status !== 'pending' || saving) return;
    let values: DecisionValues;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    setSaving(true);
    try {
      await call(review.decide, {
        params: { id: detail.id },
        body: { result: values.result, opinion: (values.opinion ?? '').trim() },
      });
      message.success('审核完成');
      onChanged();
      onClose();
    } catch (e) {
      if (isApiError(e, 'NOT_PENDING')) {
        message.warning('该申请已被处理');
        onChanged();
        await reload();
      } else if (isApiError(e, 'VALIDATION_FAILED') && Object.keys(e.fields).length) {
        form.setFields(
          Object.entries(e.fields)
            .filter(([k]) => k === 'opinion' || k === 'result')
            .map(([k, msg]) => ({ name: k as keyof DecisionValues, errors: [msg] })),
        );
        message.error(e.message);
      } else if (isApiError(e, 'NOT_FOUND')) {
        message.error(e.message || '该申请不存在或不在您的管辖区县');
        onChanged();
        onClose();
      } else {
        message.error(errorMessage(e));
      }
    } finally {
      setSaving(false);
    }
  }, [detail, saving, form, message, onChanged, onClose, reload]);

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
              { key: 'status', label: '数据状态', children: <StatusTag status={detail.status} /> },
              { key: 'applicant', label: '申请人', children: detail.applicantName },
              { key: 'appliedAt', label: '申请时间', children: formatTime(detail.appliedAt) },
              { key: 'district', label: '变更区县', children: detail.districtName },
              { key: 'source', label: '数据来源', children: REQUEST_SOURCE_LABEL },
              { key: 'reason', label: '变更理由', children: detail.reason || '（未填写）' },
            ]}
          />
          <Compare detail={detail} />
          {pending ? <DecisionForm form={form} /> : <DecisionRecord detail={detail} />}
        </>
      )}
    </Modal>
  );
}
