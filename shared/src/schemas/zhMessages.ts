import { z } from 'zod';

/**
 * Chinese messages for schema errors that have no message of their own, in plain words: a missing field says
 * it is required, a wrong type says the format is wrong; anything else falls back to zod's zh-CN locale.
 * Call once at start-up (the BFF does).
 */
export function useChineseSchemaMessages() {
  z.config(z.locales.zhCN());
  z.config({
    customError: (issue) => {
      if (issue.code === 'invalid_type') return issue.input === undefined ? '此项为必填项' : '格式不正确';
      if (issue.code === 'unrecognized_keys') return '包含无法识别的字段';
      return undefined;
    },
  });
}
