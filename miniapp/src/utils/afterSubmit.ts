import {
  AFTER_SUBMIT_RESULT_TEXT,
  afterSubmitPaymentText,
  type CardFace,
  type ChangeRequest,
  reviewDaysText,
} from '@ykt/shared';

/**
 * What happens while a request is reviewed, in one paragraph: how long review usually takes in its district, where
 * the subsidies go meanwhile (never "仍发放到原账户" about an invalid card), and how the result is told.
 */
export function afterSubmitNote(request: ChangeRequest, current: CardFace | undefined): string {
  return `${reviewDaysText(request.reviewDays)}。${afterSubmitPaymentText(current?.status !== 'invalid')}${AFTER_SUBMIT_RESULT_TEXT}`;
}
