import { Text, View } from '@tarojs/components';
import { type ChangeRequest, formatTime, requestTimeline, type StepState } from '@ykt/shared';
import { cx } from '../utils/cx';
import './Timeline.scss';

const STATE_WORDS: Record<StepState, string> = {
  done: '已完成',
  current: '进行中',
  todo: '未开始',
  failed: '未通过',
  skipped: '未进行',
};

/** 提交 → 银行验证 → 审核 → 结果: where a request stands, with the time of each step that happened. */
export function Timeline({ request }: { request: ChangeRequest }) {
  const steps = requestTimeline(request);
  return (
    <View className="timeline" role="list" aria-label="办理进度">
      {steps.map((s) => (
        <View
          key={s.key}
          className={cx('timeline-step', `timeline-${s.state}`)}
          role="listitem"
          aria-label={`${s.title}：${s.note}${s.at ? `，${formatTime(s.at, { seconds: false })}` : ''}（${STATE_WORDS[s.state]}）`}
        >
          <View className="timeline-dot" aria-hidden>
            {s.state === 'done' ? '✓' : s.state === 'failed' ? '×' : ''}
          </View>
          <View className="timeline-body">
            <Text className="timeline-title">{s.title}</Text>
            <Text className="timeline-note">{s.note}</Text>
            {s.at && <Text className="timeline-time">{formatTime(s.at, { seconds: false })}</Text>}
          </View>
        </View>
      ))}
    </View>
  );
}
