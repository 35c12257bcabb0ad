import { errorMessage, reviewEndpoints as review } from '@ykt/shared';
import { App, Button, Card, Popconfirm, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { type CaseworkerProfile, call, useCall } from './api';
import { Grid, PageToolbar } from './Grid';
import { ToneTag } from './ToneTag';

/** The toolbar's name and hint. */
const TOOLBAR = {
  label: '经办人账号操作',
  hint: '停用后，该经办人在所有设备上的登录立即失效，且不能再登录，直到重新启用。停用和启用都记入操作日志。',
};

/** 经办人账号 (municipal caseworker): every caseworker, 停用 (ends their sessions at once) and 启用. */
export function CaseworkersPage({ profile, onClose }: { profile: CaseworkerProfile; onClose(): void }) {
  const { message } = App.useApp();
  const list = useCall(review.caseworkers);
  const [busy, setBusy] = useState<number | null>(null);

  async function setDisabled(cw: CaseworkerProfile, disable: boolean) {
    setBusy(cw.id);
    try {
      await call(disable ? review.disableCaseworker : review.enableCaseworker, { params: { id: cw.id } });
      message.success(disable ? `已停用${cw.name}，其所有登录已失效` : `已启用${cw.name}，可以重新登录`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
      void list.mutate();
    }
  }

  const columns: ColumnsType<CaseworkerProfile> = [
    { title: '用户名', dataIndex: 'username', width: 140 },
    { title: '姓名', dataIndex: 'name', width: 220 },
    { title: '区县', dataIndex: 'districtName', width: 140 },
    {
      title: '状态',
      dataIndex: 'disabled',
      width: 96,
      render: (d: boolean) => (d ? <ToneTag tone="red">已停用</ToneTag> : <ToneTag tone="green">正常</ToneTag>),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_v, cw) => {
        if (cw.id === profile.id) {
          return (
            <Tooltip title="不能停用自己的账号">
              <span className="rv-guarded">
                <Button size="small" disabled>
                  停用（本人）
                </Button>
              </span>
            </Tooltip>
          );
        }
        return cw.disabled ? (
          <Popconfirm
            title={`启用${cw.name}？`}
            description="启用后，该经办人可以重新登录。"
            okText="启用"
            cancelText="取消"
            onConfirm={() => setDisabled(cw, false)}
          >
            <Button size="small" loading={busy === cw.id}>
              启用
            </Button>
          </Popconfirm>
        ) : (
          <Popconfirm
            title={`停用${cw.name}？`}
            description={
              <span className="rv-popconfirm-text">
                停用后，该经办人在所有设备上的登录将<strong>立即失效</strong>，且不能再登录，直到重新启用。
              </span>
            }
            okText="停用"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => setDisabled(cw, true)}
          >
            <Button size="small" danger loading={busy === cw.id}>
              停用
            </Button>
          </Popconfirm>
        );
      },
    },
  ];

  return (
    <div className="rv-page">
      <PageToolbar {...TOOLBAR} onClose={onClose} onRefresh={() => void list.mutate()} />
      <Card size="small" className="rv-grid" title="经办人账号">
        <Grid<CaseworkerProfile>
          source={{
            rows: list.data?.items ?? [],
            loading: list.isValidating,
            loadError: list.error ? list.error.message : null,
            reload: () => void list.mutate(),
          }}
          columns={columns}
          tableLayout="fixed"
          locale={{ emptyText: '暂无经办人' }}
          pagination={false}
        />
      </Card>
    </div>
  );
}
