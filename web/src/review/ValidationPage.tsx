import { ThunderboltOutlined } from '@ant-design/icons';
import {
  errorMessage,
  formatTime,
  reviewEndpoints as review,
  validationRunStatusLabel,
  validationTriggerLabel,
} from '@ykt/shared';
import { App, Button, Card, Popconfirm } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { call, useCall, type ValidationRun } from './api';
import { Grid, PageToolbar } from './Grid';
import { type Tone, ToneTag } from './ToneTag';

const RUN_TONES: Record<string, Tone> = { running: 'blue', completed: 'green', failed: 'red' };

/** 账户验证: the scheduled and manual runs that check valid accounts with the bank, and 立即验证. */
/** The toolbar's name and hint. */
const TOOLBAR = {
  label: '账户验证操作',
  hint: '系统每日定时验证有效账号；验证不通过的账号变为无效卡，享受人将收到系统通知。',
};

/** `canStart`: only the municipal caseworker starts a run, since a run covers every district. */
export function ValidationPage({ onClose, canStart }: { onClose(): void; canStart: boolean }) {
  const { message } = App.useApp();
  const runs = useCall(review.validationRuns);
  const [running, setRunning] = useState(false);

  async function runNow() {
    setRunning(true);
    try {
      const r = await call(review.startValidationRun);
      message.success(`验证完成：共检查 ${r.checked} 个账号，${r.invalidated} 个设为无效`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setRunning(false);
      void runs.mutate();
    }
  }

  const columns: ColumnsType<ValidationRun> = [
    { title: '编号', dataIndex: 'id', width: 72, align: 'center' },
    {
      title: '方式',
      dataIndex: 'trigger',
      width: 96,
      render: (t: string) => validationTriggerLabel(t),
    },
    { title: '开始时间', dataIndex: 'startedAt', width: 170, render: (t: string) => formatTime(t) },
    { title: '结束时间', dataIndex: 'finishedAt', width: 170, render: (t: string | null) => formatTime(t) },
    {
      title: '状态',
      dataIndex: 'status',
      width: 96,
      render: (s: string) => <ToneTag tone={RUN_TONES[s] ?? 'gray'}>{validationRunStatusLabel(s)}</ToneTag>,
    },
    { title: '检查账号数', dataIndex: 'checked', width: 110, align: 'right' },
    { title: '设为无效数', dataIndex: 'invalidated', width: 110, align: 'right' },
    { title: '错误', dataIndex: 'error', render: (e: string | null) => e ?? '—' },
  ];

  return (
    <div className="rv-page">
      <PageToolbar {...TOOLBAR} onClose={onClose} onRefresh={() => void runs.mutate()}>
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
      </PageToolbar>
      <Card size="small" title="验证记录">
        <Grid<ValidationRun>
          source={{
            rows: runs.data?.items ?? [],
            loading: runs.isValidating,
            loadError: runs.error ? runs.error.message : null,
            reload: () => void runs.mutate(),
          }}
          columns={columns}
          locale={{ emptyText: '暂无验证记录' }}
          pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 条`, hideOnSinglePage: true }}
        />
      </Card>
    </div>
  );
}
