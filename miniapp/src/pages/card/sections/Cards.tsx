import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { citizenEndpoints as citizen, errorMessage, type MyCard, NO_ACCOUNT_TEXT } from '@ykt/shared';
import { useState } from 'react';
import useSWRMutation from 'swr/mutation';
import { call } from '../../../api/client';
import { CardFace } from '../../../components/CardFace';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { PAGES, withQuery } from '../../../utils/nav';
import type { ShowNotice } from './notice';

const PENDING_TEXT = '您的变更申请正在审核中';

/**
 * The card faces (manual 1.1 查看个人账户): one per account, the full number on request, 使用区县 and 变更申请;
 * "尚未绑定" without an account; the banner while a change is pending (the face keeps the old account).
 */
export function Cards({ card, onNotice }: { card: MyCard; onNotice: ShowNotice }) {
  // The owner's full numbers, asked for once, on the first tap on 显示完整账号.
  const reveal = useSWRMutation('me/card/reveal', () => call(citizen.revealCard));
  const [showFull, setShowFull] = useState<Record<number, boolean>>({});
  const [revealing, setRevealing] = useState<number | null>(null);
  const [pendingInfo, setPendingInfo] = useState(false);
  const pending = card.pendingRequestId !== null;
  const fullNumber = (masked: string) =>
    reveal.data?.items.find((i) => i.maskedAccountNumber === masked)?.accountNumber;

  async function toggleReveal(index: number, masked: string) {
    if (showFull[index]) {
      setShowFull((s) => ({ ...s, [index]: false }));
      return;
    }
    let items = reveal.data?.items;
    if (!items) {
      setRevealing(index);
      try {
        items = (await reveal.trigger()).items;
      } catch (e) {
        onNotice({ tone: 'error', text: errorMessage(e) });
        return;
      } finally {
        setRevealing(null);
      }
    }
    if (items.some((i) => i.maskedAccountNumber === masked)) setShowFull((s) => ({ ...s, [index]: true }));
    else onNotice({ tone: 'error', text: '暂时无法显示完整账号，请稍后重试' });
  }

  function goChange(districtCodes: string[]) {
    if (pending) {
      setPendingInfo(true);
      return;
    }
    void Taro.navigateTo({
      url: withQuery(PAGES.change, { district: districtCodes.length === 1 ? districtCodes[0] : undefined }),
    });
  }

  return (
    <>
      {pending && (
        <View className="alert alert-info pending-banner" role="status">
          <View className="alert-title">{PENDING_TEXT}</View>
          <View>审核完成前，卡面仍显示原账号。结果请在下方“事项办理”中查看。</View>
        </View>
      )}
      {card.cards.length === 0 ? (
        <View className="no-card section" role="status">
          <View className="no-card-title">我的“一卡通”</View>
          <View className="no-card-text">{NO_ACCOUNT_TEXT}</View>
        </View>
      ) : (
        card.cards.map((c, i) => (
          <CardFace
            key={`${c.bankCode}-${c.accountNumber}-${c.districts.map((d) => d.code).join(',')}`}
            beneficiary={card.beneficiary}
            card={c}
            revealedNumber={showFull[i] ? fullNumber(c.accountNumber) : undefined}
            revealing={revealing === i}
            onToggleReveal={() => void toggleReveal(i, c.accountNumber)}
            onDistricts={() => void Taro.navigateTo({ url: withQuery(PAGES.districts, { card: i }) })}
            onChange={() => goChange(c.districts.map((d) => d.code))}
          />
        ))
      )}
      <ConfirmDialog
        visible={pendingInfo}
        title="已有变更申请"
        confirmText="我知道了"
        hideCancel
        onConfirm={() => setPendingInfo(false)}
        onCancel={() => setPendingInfo(false)}
      >
        {PENDING_TEXT}。同一时间只能有一条变更申请，如需修改，请先在“事项办理”中撤销。
      </ConfirmDialog>
    </>
  );
}
