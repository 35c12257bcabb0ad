import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ChangeRequest } from '@ykt/shared';
import { AppButton } from '../../../components/AppButton';
import { RequestItem } from '../../../components/RequestItem';
import { cx } from '../../../utils/cx';
import { PAGES } from '../../../utils/nav';

/**
 * What became of a submitted request: 申请已提交 (pending review), or 申请失败 with the bank's reason and a way
 * back to the form (everything typed is still there).
 */
export function Outcome({ request, onEdit }: { request: ChangeRequest; onEdit: () => void }) {
  const failed = request.status === 'failed';
  return (
    <>
      <View className={cx('outcome section', failed ? 'outcome-failed' : 'outcome-pending')} role="status">
        <View className="outcome-icon" aria-hidden>
          {failed ? '!' : '✓'}
        </View>
        <View className="outcome-title">{failed ? '申请失败' : '申请已提交，等待审核'}</View>
        <View className="outcome-text">
          {failed
            ? (request.failureReason ?? '银行验证未通过，请核对账号信息')
            : '基本验证和银行验证均已通过，已进入审核环节。审核完成前，卡面仍显示原账号。'}
        </View>
      </View>
      <RequestItem item={request} />
      <View className="btn-stack">
        {failed && (
          <AppButton block big onClick={onEdit}>
            修改后重新提交
          </AppButton>
        )}
        <AppButton
          block
          big
          kind={failed ? 'outline' : 'primary'}
          onClick={() => void Taro.reLaunch({ url: PAGES.card })}
        >
          返回首页
        </AppButton>
      </View>
    </>
  );
}
