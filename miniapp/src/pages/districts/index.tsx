import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { CardFace } from '@ykt/shared';
import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { Page } from '../../components/Page';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../components/States';
import { displayAccount, districtLabel } from '../../utils/format';
import './index.scss';

/** 使用区县: the districts whose subsidies go to this card, as `[code] name` (manual 1.1). */
export default function DistrictsPage() {
  const { params } = useRouter();
  const index = Number(params.card ?? 0) || 0;
  const [state, setState] = useState<
    { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ok'; card?: CardFace }
  >({
    kind: 'loading',
  });

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      const data = await api.myCard();
      setState({ kind: 'ok', card: data.cards[index] });
    } catch (e) {
      setState({ kind: 'error', message: errorMessage(e) });
    }
  }, [index]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Page>
      <PageHeader title="区县列表" back />
      {state.kind === 'loading' && <LoadingState />}
      {state.kind === 'error' && <ErrorState message={state.message} onRetry={() => void load()} />}
      {state.kind === 'ok' && !state.card && <EmptyState text="没有找到这张卡，请返回首页重试" />}
      {state.kind === 'ok' && state.card && (
        <>
          <View className="muted districts-of">
            {state.card.bankName} {displayAccount(state.card.accountNumber)} 在以下 {state.card.districts.length}{' '}
            个区县使用：
          </View>
          {state.card.districts.length === 0 ? (
            <EmptyState text="这张卡暂无使用区县" />
          ) : (
            <View className="district-list" role="list">
              {state.card.districts.map((d) => (
                <View key={d.code} className="district-row" role="listitem">
                  <Text>{districtLabel(d.code, d.name)}</Text>
                </View>
              ))}
            </View>
          )}
        </>
      )}
    </Page>
  );
}
