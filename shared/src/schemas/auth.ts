import { z } from 'zod';
import { isoTime } from './common.ts';

/** The beneficiary as the citizen sees themself: always masked (domain rule 10). */
export const maskedBeneficiary = z.object({
  name: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  idNumber: z.string(),
});
export type MaskedBeneficiary = z.infer<typeof maskedBeneficiary>;

export const faceLoginBody = z.object({ faceToken: z.string().min(1, '缺少人脸识别结果').max(512) });
export const sessionAnswer = z.object({ token: z.string(), expiresAt: isoTime });
export const faceLoginAnswer = sessionAnswer.extend({ beneficiary: maskedBeneficiary });
export type FaceLoginAnswer = z.infer<typeof faceLoginAnswer>;

// PC login by QR code (api.md "PC login by QR code").
/** waiting -> scanned -> confirmed -> used (the PC got its token), or expired (300 s) / cancelled (取消). */
export const qrTicketStatus = z.enum(['waiting', 'scanned', 'confirmed', 'used', 'expired', 'cancelled']);
export type QrTicketStatus = z.infer<typeof qrTicketStatus>;
export const qrTicketParam = z.object({ ticket: z.string().min(16).max(128) });
export const qrTicketCreated = z.object({ ticket: z.string(), qrContent: z.string(), expiresAt: isoTime });
export const qrTicketPoll = z.object({
  status: qrTicketStatus,
  token: z.string().optional(),
  expiresAt: isoTime.optional(),
});
export type QrTicketPoll = z.infer<typeof qrTicketPoll>;
/** What the app shows on 登录确认: what is being logged into, and until when the code is good. */
export const qrTicketScanned = z.object({ status: qrTicketStatus, target: z.string(), expiresAt: isoTime });

export const caseworkerLoginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(128),
});
export const caseworkerProfile = z.object({
  id: z.number().int(),
  username: z.string(),
  name: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  /** Disabled by the municipal caseworker: cannot log in. */
  disabled: z.boolean(),
});
export const caseworkerLoginAnswer = sessionAnswer.extend({ caseworker: caseworkerProfile });
