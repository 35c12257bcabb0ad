import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { errorMessage, formatTime, isApiError, REQUEST_SOURCE_LABEL, reviewEndpoints as review } from '@ykt/shared';
import { Alert, App, Button, Descriptions, Form, Modal, Skeleton } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call, type ReviewDetail, useCall } from '../api';
import { StatusTag } from '../ToneTag';
import { channelLabel, verificationPassed, verificationText } from '../words';
import { Compare } from './Compare';
import { ApproveConfirm, DecisionForm, DecisionRecord, type DecisionValues, FailureRecord } from './Decision';

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

/** The bank's answer the request rests on, in words, with when it came. */
function Verification({ detail }: { detail: ReviewDetail }) {
  const v = detail.verification;
  const ok = verificationPassed(v?.result);
  return (
    <span data-testid="verification" className={ok ? 'rv-verified' : 'rv-unverified'}>
      {ok ? <CheckCircleFilled aria-hidden /> : <CloseCircleFilled aria-hidden />} {verificationText(v?.result)}
      {v?.at && <span className="rv-muted">（{formatTime(v.at)}）</span>}
    </span>
  );
}

/**
 * The detail of one request: 变更后 and 变更前 side by side with the differences marked, the bank's verification and
 * the channel, and for a pending request the decision (审核结果, 审核意见) with 保存(S) / 关闭(C), also on Alt+S /
 * Alt+C; 通过 is confirmed with the old and new account before it is sent. A 申请失败 request is read-only.
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

  // A decision someone else made first (or a withdrawal): the BFF's words, kept on top of the refreshed detail.
  const [stale, setStale] = useState<string | null>(null);
  // 通过 waits here for the caseworker to confirm the old → new account.
  const [confirming, setConfirming] = useState<DecisionValues | null>(null);

  const commit = useCallback(
    async (values: DecisionValues) => {
      if (detail?.status !== 'pending' || !values.result) return;
      setSaving(true);
      try {
        await call(review.decide, {
          params: { id: detail.id },
          body: { result: values.result, opinion: (values.opinion ?? '').trim() },
        });
        message.success(values.result === 'approved' ? '审核完成：已通过' : '审核完成：不通过');
        setConfirming(null);
        onChanged();
        onClose();
      } catch (e) {
        setConfirming(null);
        if (isApiError(e, 'NOT_PENDING')) {
          // "该申请已由王敏（重庆市财政局）于…审核不通过" / "该申请已被申请人于…撤销": who did what, and the row refreshes.
          setStale(e.message);
          message.warning(e.message);
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
    },
    [detail, form, message, onChanged, onClose, reload],
  );

  const save = useCallback(async () => {
    if (detail?.status !== 'pending' || saving || confirming) return;
    let values: DecisionValues;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    if (values.result === 'approved') setConfirming(values);
    else await commit(values);
  }, [detail, saving, confirming, form, commit]);

  // Alt+S saves, Alt+C closes, while the panel is open (e.code: Alt+S types "ß" on a Mac keyboard).
  const saveRef = useRef(save);
  saveRef.current = save;
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    if (!open || confirming) return;
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
  }, [open, confirming]);

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
      {stale && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          className="rv-mb"
          title={stale}
          description="您的审核未保存。以下为该申请的最新状态。"
          data-testid="stale-decision"
        />
      )}
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
              {
                key: 'channel',
                label: '申请渠道',
                children: <span data-testid="channel">{channelLabel(detail.channel)}</span>,
              },
              { key: 'verification', label: '银行验证', children: <Verification detail={detail} />, span: 3 },
              { key: 'reason', label: '变更理由', children: detail.reason || '（未填写）', span: 3 },
            ]}
          />
          <Compare detail={detail} />
          {pending ? (
            <DecisionForm form={form} />
          ) : detail.status === 'failed' ? (
            <FailureRecord detail={detail} />
          ) : (
            <DecisionRecord detail={detail} />
          )}
          <ApproveConfirm
            detail={detail}
            open={confirming !== null}
            busy={saving}
            onConfirm={() => confirming && void commit(confirming)}
            onCancel={() => setConfirming(null)}
          />
        </>
      )}
    </Modal>
  );
}
