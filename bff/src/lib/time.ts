/** The service's clock; tests swap it to move time (QR expiry, session expiry, 24 h limits). */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
export const iso = (d: Date) => d.toISOString();
export const addSeconds = (d: Date, s: number) => new Date(d.getTime() + s * 1000);
