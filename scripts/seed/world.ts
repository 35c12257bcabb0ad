/**
 * What the scale generator decides about generated person `i` beyond scaleWorld.ts (who has a change request, whose
 * card is 无效卡, which subsidies they receive): pure functions of (seed, i, sizes), shared by the generator and the
 * bench, so the bench knows, without asking the database, which people are free to submit a change, whose card face
 * carries notices, and so on.
 */

export interface ScaleSizes {
  people: number;
  requests: number;
}

/** murmur3's finaliser. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function keyOf(seed: string | number, purpose: string): number {
  let h = 0x811c9dc5;
  const s = `ykt-seed:${purpose}:${seed}`;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return mix32(h >>> 0);
}

/** A uniform number in [0, 1) for (key, i, stream): deterministic, independent across streams. */
export const uniform = (key: number, i: number, stream: number) =>
  mix32(key ^ mix32(Math.imul(i, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca77))) / 4294967296;

/** Request k (0 <= k < requests) belongs to person floor(k · people / requests): spread evenly, one per person. */
export const requestOwner = (k: number, s: ScaleSizes) => Math.floor((k * s.people) / s.requests);

/** The request number of person i, or -1 when i has none. */
export function requestOf(i: number, s: ScaleSizes): number {
  if (s.requests <= 0) return -1;
  const k = Math.ceil((i * s.requests) / s.people);
  return k < s.requests && requestOwner(k, s) === i ? k : -1;
}

export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn' | 'failed';

/** Status mix of the generated requests (a year of them: most decided, a working queue pending). */
export function requestStatusOf(seedKey: number, k: number): RequestStatus {
  const u = uniform(seedKey, k, 101);
  if (u < 0.08) return 'pending';
  if (u < 0.68) return 'approved';
  if (u < 0.78) return 'rejected';
  if (u < 0.85) return 'withdrawn';
  return 'failed';
}

export type InvalidKind = 'crediting_failure' | 'scheduled_validation' | 'manual_validation';

/** About 1% of the people without a request have a 无效卡 (their 一卡通 card in every district it serves). */
export function invalidKindOf(seedKey: number, i: number, s: ScaleSizes): InvalidKind | undefined {
  if (requestOf(i, s) >= 0) return undefined;
  const u = uniform(seedKey, i, 102);
  if (u >= 0.01) return undefined;
  return u < 0.005 ? 'crediting_failure' : u < 0.008 ? 'scheduled_validation' : 'manual_validation';
}

/** Which of person i's districts (index into scalePerson(i).districts) their request is about. */
export const requestDistrictIndex = (seedKey: number, i: number, districts: number) =>
  Math.floor(uniform(seedKey, i, 105) * districts);
