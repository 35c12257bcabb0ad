import { CloseOutlined, DownloadOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { App, AutoComplete, Button, Card, Form, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useState } from 'react';
import { type AuditEntry, api, downloadAuditCsv, errorText } from './api';
import { LoadErrorAlert } from './LoadErrorAlert';
import { ACTOR_TYPE_LABELS, AUDIT_ACTION_LABELS, auditActionLabel, formatTime } from './labels';
import { usePagedList } from './usePagedList';

/** One value of an audit detail: nested objects (before / after) as `（key：value，…）`. */
function detailValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(detailValue).join('、');
  if (typeof v === 'object') {
    const inner = Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}：${detailValue(x)}`)
      .join('，');
    return `（${inner}）`;
  }
  return String(v);
}

/** The audit's JSON detail as `key：value；…`, easier to read in a cell; anything else as it is. */
function readableDetail(d: string | null): string {
  if (!d) return '—';
  try {
    const o = JSON.parse(d) as unknown;
    if (o && typeof o === 'object' && !Array.isArray(o)) {
      return Object.entries(o as Record<string, unknown>)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => `${k}：${detailValue(v)}`)
        .join('；');
    }
  } catch {
    // not JSON
  }
  return d;
}

/** 操作日志 (重庆市 caseworkers only): the audit trail, filtered by action, with a CSV export for Excel. */
export function AuditPage({ onClose }: { onClose(): void }) {
  const { message } = App.useApp();
  const [action, setAction] = useState<string | undefined>(undefined);
  const [draft, setDraft] = useState('');
  const [exporting, setExporting] = useState(false);
  const [seenActions, setSeenActions] = useState<string[]>([]);

  const fetchPage = useCallback((p: number, ps: number) => api.audit(action, p, ps), [action]);
  const { rows, total, setPage, loading, loadError, load, pagination } = usePagedList<AuditEntry>(fetchPage, (items) =>
    setSeenActions((s) => Array.from(new Set([...s, ...items.map((i) => i.action)]))),
  );

  async function exportCsv() {
    setExporting(true);
    try {
      await downloadAuditCsv(action);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  }

  const actionOptions = Array.from(new Set([...Object.keys(AUDIT_ACTION_LABELS), ...seenActions]))
    .filter((a) => !draft || a.includes(draft) || auditActionLabel(a).includes(draft))
    .map((a) => ({ value: a, label: a === auditActionLabel(a) ? a : `${auditActionLabel(a)}（${a}）` }));

  const columns: ColumnsType<AuditEntry> = [
    { title: '时间', dataIndex: 'at', width: 166, render: (t: string) => formatTime(t) },
    { title: '操作人类型', dataIndex: 'actorType', width: 96, render: (t: string) => ACTOR_TYPE_LABELS[t] ?? t },
    { title: '操作人', dataIndex: 'actorName', width: 160 },
    {
      title: '操作',
      dataIndex: 'action',
      width: 190,
      render: (a: string) => (
        <span title={a}>
          {auditActionLabel(a)}
          {auditActionLabel(a) !== a && <span className="rv-small rv-muted rv-block">{a}</span>}
        </span>
      ),
    },
    { title: '对象', dataIndex: 'target', width: 160, render: (t: string | null) => t ?? '—' },
    {
      title: '详情',
      dataIndex: 'detail',
      width: 360,
      className: 'rv-wrap',
      render: (d: string | null) => (
        <span className="rv-detail-text" title={d ?? undefined}>
          {readableDetail(d)}
        </span>
      ),
    },
    { title: 'IP', dataIndex: 'ip', width: 120, render: (ip: string | null) => ip ?? '—' },
  ];

  return (
    <div className="rv-page">
      <div className="rv-toolbar" role="toolbar" aria-label="操作日志操作">
        <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void exportCsv()} loading={exporting}>
          导出CSV
        </Button>
        <Button icon={<CloseOutlined aria-hidden />} onClick={onClose}>
          关闭
        </Button>
        <span className="rv-toolbar-hint">导出的CSV为UTF-8编码，可直接用Excel打开；导出内容按当前操作筛选。</span>
        <Tooltip title="刷新列表">
          <Button
            className="rv-toolbar-right"
            icon={<ReloadOutlined aria-hidden />}
            onClick={() => void load()}
            aria-label="刷新列表"
          />
        </Tooltip>
      </div>
      <Card size="small" className="rv-grid" title="操作日志" extra={<span className="rv-muted">共 {total} 条</span>}>
        <Form
          name="audit"
          layout="inline"
          className="rv-mb"
          onFinish={() => {
            setAction(draft.trim() || undefined);
            setPage(1);
          }}
        >
          <Form.Item label="操作" htmlFor="audit_action">
            <AutoComplete
              id="audit_action"
              value={draft}
              onChange={(v: string) => setDraft(v)}
              options={actionOptions}
              allowClear
              placeholder="全部操作，如 change_request.approve"
              style={{ width: 320 }}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
              查询
            </Button>
          </Form.Item>
          <Form.Item>
            <Button
              onClick={() => {
                setDraft('');
                setAction(undefined);
                setPage(1);
              }}
            >
              重置
            </Button>
          </Form.Item>
        </Form>
        <LoadErrorAlert error={loadError} onRetry={() => void load()} />
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          bordered
          loading={loading}
          columns={columns}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无日志' }}
          pagination={pagination([20, 50, 100])}
        />
      </Card>
    </div>
  );
}
