import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { displayAccount, districtLabel, sortDistricts } from '@ykt/shared';
import { useCard } from '../../api/reads';
import { Loaded } from '../../components/Loaded';
import { Page } from '../../components/Page';
import { PageHeader } from '../../components/PageHeader';
import { EmptyState } from '../../components/States';
import './index.scss';

/**
 * 使用区县: the districts whose subsidies go to this card (manual 1.1), the name first and the code after it in
 * small type (the person's own district first, 重庆市 last), as the PC shows them.
 */
export default function DistrictsPage() {
  const { params } = useRouter();
  const index = Number(params.card ?? 0) || 0;
  const read = useCard();

  return (
    <Page>
      <PageHeader title="区县列表" back />
      <Loaded read={read}>
        {(data) => {
          const card = data.cards[index];
          if (!card) return <EmptyState text="没有找到这张卡，请返回首页重试" />;
          return (
            <>
              <View className="muted districts-of">
                {card.bankName} {displayAccount(card.accountNumber)} 在以下 {card.districts.length} 个区县使用：
              </View>
              {card.districts.length === 0 ? (
                <EmptyState text="这张卡暂无使用区县" />
              ) : (
                <View className="district-list" role="list">
                  {sortDistricts(card.districts).map((d) => {
                    const { name, code } = districtLabel(d);
                    return (
                      <View key={d.code} className="district-row" role="listitem">
                        <Text className="district-name">{name}</Text>
                        {code && <Text className="district-code">{code}</Text>}
                      </View>
                    );
                  })}
                </View>
              )}
            </>
          );
        }}
      </Loaded>
    </Page>
  );
}
