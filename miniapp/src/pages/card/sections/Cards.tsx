import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  type CardFace as Card,
  citizenEndpoints as citizen,
  districtNames,
  errorMessage,
  type MyCard,
} from '@ykt/shared';
import { useState } from 'react';
import useSWRMutation from 'swr/mutation';
import { call } from '../../../api/client';
import { CardFace } from '../../../components/CardFace';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { NoAccount } from '../../../components/NoAccount';
import { PAGES, withQuery } from '../../../utils/nav';
import type { ShowNotice } from './notice';

const PENDING_TEXT = '您的变更申请正在审核中';

/**
 * When one card (bank and number) is valid in some districts and invalid in others, it has two faces: each says
 * why it differs from the other, by district names.
 */
function sameCardNote(card: Card, all: readonly Card[]): string | undefined {
  const other = all.find(
    (c) =>
      c !== card && c.bankCode === card.bankCode && c.accountNumber === card.accountNumber && c.status !== card.status,
  );
  if (!other) return undefined;
  return card.status === 'valid'
    ? `同一张卡在${districtNames(other.districts)}已无效（见${all.indexOf(other) > all.indexOf(card) ? '下' : '上'}方）；${districtNames(card.districts)}的补贴仍发放到此卡。`
    : `同一张卡在${districtNames(other.districts)}仍有效，那里的补贴照常发放。`;
}

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
          <View>审核完成前，卡面仍显示原账户。审核结果会发到“系统通知”，也可在下方“事项办理”中查看。</View>
        </View>
      )}
      {card.cards.length === 0 ? (
        <NoAccount />
      ) : (
        card.cards.map((c, i) => (
          <CardFace
            key={`${c.bankCode}-${c.accountNumber}-${c.districts.map((d) => d.code).join(',')}`}
            beneficiary={card.beneficiary}
            card={c}
            revealedNumber={showFull[i] ? fullNumber(c.accountNumber) : undefined}
            revealing={revealing === i}
            sameCardNote={sameCardNote(c, card.cards)}
            onToggleReveal={() => void toggleReveal(i, c.accountNumber)}
            onDistricts={() => void Taro.navigateTo({ url: withQuery(PAGES.districts, { card: i }) })}
            onPayments={() => void Taro.navigateTo({ url: PAGES.payments })}
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
