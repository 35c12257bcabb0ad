import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  AFTER_SUBMIT_RESULT_TEXT,
  afterSubmitPaymentText,
  type CardFace,
  type ChangeRequest,
  reviewDaysText,
} from '@ykt/shared';
import { AppButton } from '../../../components/AppButton';
import { HelpLine } from '../../../components/NoAccount';
import { RequestItem } from '../../../components/RequestItem';
import { cx } from '../../../utils/cx';
import { PAGES } from '../../../utils/nav';

/**
 * What became of a submitted request: 申请已提交 with what happens next (how long review usually takes in that
 * district, where the subsidies go meanwhile, how the result is told), or 申请失败 with the bank's reason, where to
 * ask, and a way back to the form (everything typed is still there).
 */
export function Outcome({
  request,
  current,
  onEdit,
}: {
  request: ChangeRequest;
  /** The card the request's district is paid into now. */
  current: CardFace | undefined;
  onEdit: () => void;
}) {
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
            ? (request.failureReason ?? '银行验证未通过，请核对账户信息')
            : '基本验证和银行验证均已通过，已进入审核环节。'}
        </View>
        {failed ? (
          <HelpLine />
        ) : (
          <View className="outcome-next">
            <View className="outcome-next-title">接下来</View>
            <View className="outcome-steps" role="list">
              <View className="outcome-step" role="listitem">
                区县经办人审核您的申请，{reviewDaysText(request.reviewDays)}。
              </View>
              <View className="outcome-step" role="listitem">
                {afterSubmitPaymentText(current?.status !== 'invalid')}
              </View>
              <View className="outcome-step" role="listitem">
                {AFTER_SUBMIT_RESULT_TEXT}
              </View>
            </View>
          </View>
        )}
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
