/**
 * The PC login QR content is a URL that opens /m/#/pages/qr-confirm/index?ticket=<ticket>
 * (docs/api-extensions.md). Returns the ticket, or undefined for anything else.
 */
export function ticketFromQrContent(content: string): string | undefined {
  const s = (content ?? '').trim();
  const m = /[?&]ticket=([A-Za-z0-9_-]{16,128})(?:[&#]|$)/.exec(s);
  if (m) return m[1];
  return /^[A-Za-z0-9_-]{16,128}$/.test(s) ? s : undefined;
}
