import { Text, View } from '@tarojs/components';
import {
  accountSourceLabel,
  bankProblemAdvice,
  type CardFace as Card,
  cardTypeLabel,
  displayAccount,
  districtNames,
  formatTime,
  genderLabel,
  type MaskedBeneficiary,
} from '@ykt/shared';
import { cx } from '../utils/cx';
import { AppButton } from './AppButton';
import { Digits } from './Digits';
import './CardFace.scss';

export interface CardFaceProps {
  beneficiary: MaskedBeneficiary;
  card: Card;
  /** The full number when the owner tapped 显示, else undefined. */
  revealedNumber?: string;
  revealing?: boolean;
  /**
   * The same card (bank and number) is on another face with the other status: said on both faces, so two faces
   * of one number never look alike without a word on why ("同一张卡在江北区已无效…").
   */
  sameCardNote?: string;
  onToggleReveal: () => void;
  onDistricts: () => void;
  onPayments: () => void;
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

/**
 * One 一卡通 account drawn like a bank card, as in the manual's 我的"一卡通" screens: whose it is, the bank, the
 * number, and the districts whose subsidies it receives, by name; 发放记录 and 变更申请 at its foot.
 */
export function CardFace({
  beneficiary,
  card,
  revealedNumber,
  revealing,
  sameCardNote,
  onToggleReveal,
  onDistricts,
  onPayments,
  onChange,
}: CardFaceProps) {
  const invalid = card.status === 'invalid';
  const number = displayAccount(revealedNumber ?? card.accountNumber);
  const names = districtNames(card.districts);
  // A next step beyond 变更申请 (below): only when the bank must be asked (a frozen card, a name that does not match).
  const advice = bankProblemAdvice(card.invalidReason);
  const askBank = advice?.includes('开户银行') ? advice : undefined;
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

      <Digits className="card-number" text={number} label={`账号 ${number}`} />
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
          <View className="card-invalid-title">此卡已无效：{names}的补贴无法发放到此账户</View>
          {card.invalidReason && <View>原因：{card.invalidReason}</View>}
          {card.invalidAt && <View>时间：{formatTime(card.invalidAt)}</View>}
          {askBank && <View className="card-advice">{askBank}</View>}
          <View>请点击“变更申请”更换为本人名下其他有效账户。</View>
        </View>
      )}
      {sameCardNote && <View className="card-same-note">{sameCardNote}</View>}

      <View className="card-districts" role="button" aria-label={`使用区县：${names}，查看列表`} onClick={onDistricts}>
        <Text className="card-districts-label">使用区县</Text>
        <Text className="card-districts-names">{names}</Text>
        <Text className="card-chevron">›</Text>
      </View>
      <View className="card-actions">
        <AppButton kind="outline" className="card-payments" onClick={onPayments}>
          发放记录
        </AppButton>
        <AppButton kind="outline" className={cx('card-change', invalid && 'card-change-urgent')} onClick={onChange}>
          变更申请
        </AppButton>
      </View>
    </View>
  );
}
