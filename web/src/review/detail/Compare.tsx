import { CheckCircleFilled, DiffOutlined, WarningFilled } from '@ant-design/icons';
import { cardTypeLabel } from '@ykt/shared';
import type { ReviewDetail } from '../api';
import { ToneTag } from '../ToneTag';

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
function changedFields(before: Snapshot, after: Snapshot): Set<keyof Snapshot> {
  return new Set(COMPARED.filter((r) => shown(before, r) !== shown(after, r)).map((r) => r.key));
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

/** 变更后 and 变更前 side by side, the differences marked in the tables and counted in words above them. */
export function Compare({ detail }: { detail: ReviewDetail }) {
  const changed = changedFields(detail.before, detail.after);
  const changedLabels = COMPARED.filter((r) => changed.has(r.key)).map((r) => r.label);
  return (
    <>
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
    </>
  );
}
