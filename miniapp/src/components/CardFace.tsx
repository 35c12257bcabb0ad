import { Text, View } from '@tarojs/components';
import {
  accountSourceLabel,
  type CardFace as Card,
  cardTypeLabel,
  displayAccount,
  formatTime,
  genderLabel,
  type MaskedBeneficiary,
} from '@ykt/shared';
import { cx } from '../utils/cx';
import { AppButton } from './AppButton';
import './CardFace.scss';

export interface CardFaceProps {
  beneficiary: MaskedBeneficiary;
  card: Card;
  /** The full number when the owner tapped 显示, else undefined. */
  revealedNumber?: string;
  revealing?: boolean;
  onToggleReveal: () => void;
  onDistricts: () => void;
  onChange: () => void;
}

/** Dark bank-like colours, each with white text above 4.5:1. */
const BANK_THEMES: Record<string, string> = {
  CRCBANK: 'card-theme-green',
  ABC: 'card-theme-green',
  ICBC: 'card-theme-red',
  BOC: 'card-theme-red',
  CCB: 'card-theme-blue',
  PSBC: 'card-theme-green',
  COMM: 'card-theme-blue',
  CQBANK: 'card-theme-blue',
};

/** One 一卡通 account drawn like a bank card, as in the manual's 我的"一卡通" screens. */
export function CardFace({
  beneficiary,
  card,
  revealedNumber,
  revealing,
  onToggleReveal,
  onDistricts,
  onChange,
}: CardFaceProps) {
  const invalid = card.status === 'invalid';
  const number = displayAccount(revealedNumber ?? card.accountNumber);
  return (
    <View className={cx('card', BANK_THEMES[card.bankCode] ?? 'card-theme-default', invalid && 'card-invalid')}>
      <View className="card-top">
        <Text className="card-brand">我的“一卡通”</Text>
        {invalid ? (
          <Text className="card-status card-status-invalid">无效卡</Text>
        ) : (
          <Text className="card-status card-status-valid">有效</Text>
        )}
      </View>

      <View className="card-person">
        <View className="card-row">
          <Text className="card-name">{beneficiary.name}</Text>
          <Text className="card-field">性别：{genderLabel(beneficiary.gender)}</Text>
        </View>
        <View className="card-field">出生日期：{beneficiary.birthDate}</View>
        <View className="card-field">身份证号：{beneficiary.idNumber}</View>
      </View>

      <View className="card-bank">
        <View className="card-bank-mark" aria-hidden>
          {card.bankName.slice(0, 1)}
        </View>
        <Text className="card-bank-name">{card.bankName}</Text>
        <Text className="card-type">{cardTypeLabel(card.cardType)}</Text>
      </View>

      <View className="card-number" aria-label={`账号 ${number}`}>
        {number}
      </View>
      <View className="card-number-row">
        <Text className="card-source">来源：{accountSourceLabel(card.source)}</Text>
        <View
          className="card-reveal"
          role="button"
          aria-label={revealedNumber ? '隐藏完整账号' : '显示完整账号'}
          onClick={onToggleReveal}
        >
          {revealing ? '正在查询…' : revealedNumber ? '隐藏账号' : '显示完整账号'}
        </View>
      </View>

      {invalid && (
        <View className="card-invalid-box" role="alert">
          <View className="card-invalid-title">此卡已无效，补贴资金无法发放到此账号</View>
          {card.invalidReason && <View>原因：{card.invalidReason}</View>}
          {card.invalidAt && <View>时间：{formatTime(card.invalidAt)}</View>}
          <View>请点击“变更申请”更换为本人其他有效账号。</View>
        </View>
      )}

      <View className="card-actions">
        <View
          className="card-districts"
          role="button"
          aria-label={`使用区县 ${card.districts.length} 个，查看列表`}
          onClick={onDistricts}
        >
          <Text>使用区县</Text>
          <Text className="card-districts-count">{card.districts.length}</Text>
          <Text className="card-chevron">›</Text>
        </View>
        <AppButton kind="outline" className={cx('card-change', invalid && 'card-change-urgent')} onClick={onChange}>
          变更申请
        </AppButton>
      </View>
    </View>
  );
}
