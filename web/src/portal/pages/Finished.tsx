import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, Empty, Spin } from 'antd';
import { useChangeRequests } from '../api';
import { Section } from '../Section';
import { RequestDetails } from './RequestDetails';

const finishedTime = (t: string | null) => (t ? Date.parse(t) : 0);

/** 办理完结: every finished request, newest first, with the result and the opinion or reason. */
export function Finished() {
  const { data, error } = useChangeRequests();
  const items = data?.items;
  const finished = (items ?? [])
    .filter((r) => r.status !== 'pending')
    .sort((a, b) => finishedTime(b.finishedAt) - finishedTime(a.finishedAt) || b.id - a.id);
  return (
    <div className="ykb-page">
      <Section icon={<CheckCircleOutlined />} title="办理完结">
        {error && <Alert type="error" showIcon title={error.message} />}
        {!error && !items && <Spin />}
        {items && finished.length === 0 && <Empty description="暂无已办结的变更申请" />}
        {finished.map((r) => (
          <div key={r.id} className="ykb-request" data-testid="finished-request">
            <RequestDetails r={r} />
          </div>
        ))}
      </Section>
    </div>
  );
}
