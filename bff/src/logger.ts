import type { FastifyServerOptions } from 'fastify';

/**
 * Personal data never reaches a log line: URLs lose their query string (review searches carry ID and account
 * numbers), tokens and secrets are redacted, and bodies are never logged.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-qr-secret"]',
        'req.headers["x-ykt-service-key"]',
        'req.headers.cookie',
        '*.idNumber',
        '*.accountNumber',
        '*.name',
        '*.token',
        '*.faceToken',
        '*.password',
        // A payment batch's lines (POST /api/review/payment-batches), should a body ever be logged.
        '*.lines[*].idNumber',
        '*.lines[*].accountNumber',
        '*.lines[*].name',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req) => ({ method: req.method, url: req.url.split('?')[0], remoteAddress: req.ip }),
    },
  };
}
