import { CloseOutlined, ReloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { api, errorText, type ValidationRun } from './api';
import { LoadErrorAlert } from './LoadErrorAlert';
import { formatTime } from './labels';
import { type Tone, ToneTag } from './ToneTag';

const RUN_STATUS: Record<string, { label: string; tone: Tone }> = {
  running: { label: '进行中', tone: 'blue' },
  completed: { label: '已完成', tone: 'green' },
  failed: { label: '失败', tone: 'red' },
};

/** 账户验证: the scheduled and manual runs that check valid accounts with the bank, and 立即验证. */
/** `canStart`: only the municipal caseworker starts a run, since a run covers every district. */
export function ValidationPage({ onClose, canStart }: { onClose(): void; canStart: boolean }) {
  const { message } = App.useApp();
  const [runs, setRuns] = useState<ValidationRun[]>([]);
  const [loading, setLoading] = useState(false);
  const [running, setRunning] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const answer = await api.validationRuns();
      setRuns(answer.items);
      setLoadError(null);
    } catch (e) {
      setLoadError(errorText(e));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function runNow() {
    setRunning(true);
    try {
      const r = await api.startValidationRun();
      message.success(`验证完成：共检查 ${r.checked} 个账号，${r.invalidated} 个设为无效`);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setRunning(false);
      void load();
    }
  }

  const columns: ColumnsType<ValidationRun> = [
    { title: '编号', dataIndex: 'id', width: 72, align: 'center' },
    {
      title: '方式',
      dataIndex: 'trigger',
      width: 96,
      render: (t: string) => (t === 'manual' ? '手动验证' : '定时验证'),
    },
    { title: '开始时间', dataIndex: 'startedAt', width: 170, render: (t: string) => formatTime(t) },
    { title: '结束时间', dataIndex: 'finishedAt', width: 170, render: (t: string | null) => formatTime(t) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 96,
      render: (s: string) => <ToneTag tone={RUN_STATUS[s]?.tone ?? 'gray'}>{RUN_STATUS[s]?.label ?? s}</ToneTag>,
    },
    { title: '检查账号数', dataIndex: 'checked', width: 110, align: 'right' },
    { title: '设为无效数', dataIndex: 'invalidated', width: 110, align: 'right' },
    { title: '错误', dataIndex: 'error', render: (e: string | null) => e ?? '—' },
  ];

  return (
    <div className="rv-page">
      <div className="rv-toolbar" role="toolbar" aria-label="账户验证操作">
        {canStart && (
          <Popconfirm
            title="立即验证"
            description="向银行核验所有有效账号；不通过的账号将设为无效并通知享受人。确定开始吗？"
            okText="开始验证"
            cancelText="取消"
            onConfirm={() => void runNow()}
          >
            <Button type="primary" icon={<ThunderboltOutlined aria-hidden />} loading={running}>
              立即验证
            </Button>
          </Popconfirm>
        )}
        <Button icon={<CloseOutlined aria-hidden />} onClick={onClose}>
          关闭
        </Button>
        <span className="rv-toolbar-hint">
          系统每日定时验证有效账号；验证不通过的账号变为无效卡，享受人将收到系统通知。
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
      <Card size="small" title="验证记录">
        <LoadErrorAlert error={loadError} onRetry={() => void load()} />
        <Table<ValidationRun>
          rowKey="id"
          size="small"
          bordered
          loading={loading}
          columns={columns}
          dataSource={runs}
          locale={{ emptyText: '暂无验证记录' }}
          pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 条`, hideOnSinglePage: true }}
        />
      </Card>
    </div>
  );
}
