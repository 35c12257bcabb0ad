import { View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import type { ChangeRequest } from '@ykt/shared';
import { useState } from 'react';
import { useCard } from '../../api/reads';
import { AppButton } from '../../components/AppButton';
import { Loaded } from '../../components/Loaded';
import { NoAccount } from '../../components/NoAccount';
import { Page } from '../../components/Page';
import { PageHeader } from '../../components/PageHeader';
import { PAGES } from '../../utils/nav';
import { ChangeForm } from './sections/ChangeForm';
import { Outcome } from './sections/Outcome';
import { useChangeForm } from './sections/useChangeForm';
import './index.scss';

/**
 * 变更卡 (manual 1.1 变更个人账户): the form for a person with an account and no pending request; otherwise what
 * stands in the way. After 提交, the outcome; 修改后重新提交 brings the form back as it was.
 */
export default function ChangePage() {
  const { params } = useRouter();
  const card = useCard();
  // Opened right after a face login (a session that expired on this form): the card read of the session before may
  // still be in SWR's deduplication window, and SWR drops its answer (the cache was cleared at login) without asking
  // again. Ask again whenever the page shows without the card.
  useDidShow(() => {
    if (card.data === undefined) void card.mutate();
  });
  const [submitted, setSubmitted] = useState<ChangeRequest | null>(null);
  const model = useChangeForm({ card: card.data, district: params.district, onSubmitted: setSubmitted });

  if (submitted) {
    return (
      <Page>
        <PageHeader title="变更卡" />
        <Outcome
          request={submitted}
          current={card.data?.cards.find((c) => c.districts.some((d) => d.code === submitted.districtCode))}
          onEdit={() => setSubmitted(null)}
        />
      </Page>
    );
  }

  return (
    <Page className="change-page">
      <PageHeader title="变更卡" back />
      <Loaded read={card}>
        {(data) =>
          data.cards.length === 0 ? (
            <NoAccount />
          ) : data.pendingRequestId !== null ? (
            <View className="alert alert-info" role="status">
              <View className="alert-title">您的变更申请正在审核中</View>
              <View>同一时间只能有一条变更申请。如需修改，请先在首页“事项办理”中撤销。</View>
              <View className="btn-row">
                <AppButton kind="outline" onClick={() => void Taro.reLaunch({ url: PAGES.card })}>
                  返回首页
                </AppButton>
              </View>
            </View>
          ) : (
            <ChangeForm model={model} />
          )
        }
      </Loaded>
    </Page>
  );
}
