/**
 * Inputs for the fuzz, derived from a route's own zod schemas (via z.toJSONSchema, input side) and mixed with what an
 * attacker sends: huge and odd Unicode strings, prototype-pollution keys, numbers written as strings, wrong types,
 * nesting, broken JSON. Roughly half the values fit the schema (so handlers are reached), half do not.
 */
import fc from 'fast-check';
import { z } from 'zod';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: Json[];
  const?: Json;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: Json;
}

/** The JSON Schema of what a zod schema accepts (defaults, coercions and transforms seen from the input side). */
export function jsonSchemaOf(schema: unknown): JsonSchema | undefined {
  if (!schema || typeof schema !== 'object' || !('_zod' in schema)) return undefined;
  return z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** Strings an attacker tries in any field. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\uD800',
    '\u202E6212',
    '\u200B',
    '６２１２５８３０００５２７３１３',
    "' OR 1=1 --",
    '"; drop table accounts; --',
    '<script>alert(1)</script>',
    '../../../../etc/passwd',
    '%00',
    '%2e%2e%2f',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection attempt, on purpose
    '${7*7}',
    '{{7*7}}',
    '__proto__',
    'constructor',
    'NaN',
    'Infinity',
    '-0',
    '1e309',
    '0x1F',
    ' 1 ',
    '1.5',
    '-1',
    '0',
    '2147483648',
    '9007199254740993',
    '99999999999999999999999999',
    '500105',
    '500000',
    'true',
    'null',
    '[]',
    '{}',
    '😀'.repeat(50),
    '𠀾'.repeat(300),
    'x'.repeat(10_000),
    '9'.repeat(400),
  ),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.stringMatching(/^\d{1,40}$/),
);

/** Numbers (and number-like strings) outside any sane range. */
const hostileNumber: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(0, -1, -0, 2147483647, 2147483648, -2147483649, Number.MAX_SAFE_INTEGER, 1e300, 0.5),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  hostileString,
);

/** Any JSON at all, nested a little, with pollution keys among the object keys. */
export const anyJson: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    hostileNumber,
    hostileString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 8 })), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value;

function fitting(s: JsonSchema): fc.Arbitrary<Json> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map(fitting));
  if (s.allOf?.length) return fitting(s.allOf[0]);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string': {
      if (s.pattern) return fc.stringMatching(new RegExp(s.pattern));
      const minLength = s.minLength ?? 0;
      const maxLength = Math.max(minLength, Math.min(s.maxLength ?? 60, 300));
      return fc.oneof(
        fc.string({ minLength, maxLength }),
        fc.string({ unit: 'grapheme', minLength, maxLength }),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength }),
      );
    }
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1000);
      const max = Math.min(s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1e6), 2 ** 52);
      // Small values near the minimum (a year from 2000, an amount from 1), and the maximum itself.
      const lo = Math.min(Math.max(min, -(2 ** 31)), 2 ** 31 - 1);
      const hi = Math.max(lo, Math.min(max, lo + 1000, 2 ** 31 - 1));
      const ints = fc.oneof(fc.integer({ min: lo, max: hi }), fc.constant(max));
      return type === 'integer' ? ints : fc.oneof(ints, fc.double({ min, max, noNaN: true }));
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(s.items ? fitting(s.items) : anyJson, { maxLength: 4 });
    case 'object': {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const model: Record<string, fc.Arbitrary<Json>> = {};
      for (const [k, v] of Object.entries(props))
        model[k] = k === 'cursor' ? fc.oneof(valueFor(v), forgedCursor) : valueFor(v);
      return fc.record(model, { requiredKeys: [...required].filter((k) => k in model) }) as fc.Arbitrary<Json>;
    }
    default:
      return anyJson;
  }
}

/**
 * A keyset cursor as a client could forge it: base64url of a JSON array of the sort key's parts, with parts of the
 * wrong kind, out of range, or carrying a NUL (the server must answer 400, never let the database choke).
 */
export const forgedCursor: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom<Json>(
        '2026-01-01T00:00:00.000Z',
        'abc',
        '',
        '\u0000',
        'x\u0000y',
        '500105',
        2147483648,
        -1,
        1.5,
        9007199254740991,
        0,
      ),
      hostileString,
      fc.integer(),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url'));

/** A value for a field of this schema: mostly fitting, sometimes anything at all. */
export function valueFor(s: JsonSchema): fc.Arbitrary<Json> {
  return fc.oneof({ weight: 3, arbitrary: fitting(s) }, { weight: 1, arbitrary: anyJson });
}

/**
 * An object for a route's params / querystring / body schema: fitting records, the same with keys missing or extra
 * (pollution keys among them), and whole values of the wrong kind.
 */
export function objectFor(s: JsonSchema | undefined): fc.Arbitrary<Json> {
  if (!s) return fc.oneof(fc.constant({}), anyJson);
  const fit = fitting(s);
  const extra = fc.dictionary(fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 12 })), anyJson, {
    maxKeys: 3,
  });
  return fc.oneof(
    { weight: 4, arbitrary: fit },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fit, extra)
        .map(([a, b]) => (a && typeof a === 'object' && !Array.isArray(a) ? withOwnKeys(a, b) : a)),
    },
    { weight: 1, arbitrary: anyJson },
  );
}

/** Copies keys as OWN properties (a literal `__proto__` key included, as JSON.parse would make it). */
function withOwnKeys(a: Record<string, Json>, b: Record<string, Json>): Json {
  const out: Record<string, Json> = { ...a };
  for (const [k, v] of Object.entries(b)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true });
  return out;
}

/**
 * Percent-encodes a string for a URL, lone surrogates included: they become the bytes a careless client would send
 * (`%ED%A0%80`, not UTF-8), which the server must refuse politely.
 */
export function encode(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += ch.length === 1 && c >= 0xd800 && c <= 0xdfff ? cesu(c) : encodeURIComponent(ch);
  }
  return out;
}
const cesu = (code: number) =>
  [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)]
    .map((b) => `%${b.toString(16).toUpperCase()}`)
    .join('');

/** A query string from generated values: arrays as repeated keys, objects as `a[b]=`, odd encodings. */
export function queryString(q: Json): string {
  if (q === null) return '';
  if (typeof q !== 'object' || Array.isArray(q)) return `?${encode(typeof q === 'string' ? q : JSON.stringify(q))}`;
  const parts: string[] = [];
  const put = (k: string, v: Json) => {
    if (v === null || v === undefined) parts.push(encode(k));
    else if (Array.isArray(v)) for (const x of v) put(k, x);
    else if (typeof v === 'object') for (const [k2, v2] of Object.entries(v)) put(`${k}[${k2}]`, v2);
    else parts.push(`${encode(k)}=${encode(String(v))}`);
  };
  for (const [k, v] of Object.entries(q)) put(k, v);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Fills `:name` of a pattern from generated params (a missing one stays a hostile string). */
export function pathFrom(pattern: string, params: Json, fallback: Record<string, string>): string {
  const p = params && typeof params === 'object' && !Array.isArray(params) ? params : {};
  return pattern.replace(/:(\w+)/g, (_, name: string) => {
    const v = Object.hasOwn(p, name) ? p[name] : fallback[name];
    const s = typeof v === 'string' ? v : JSON.stringify(v ?? null);
    return encode(s === '' ? ' ' : s);
  });
}

/** Raw bodies no schema describes: broken JSON, deep nesting, wrong content types. */
export const rawBody: fc.Arbitrary<{ contentType: string; body: string }> = fc.oneof(
  fc.constantFrom(
    { contentType: 'application/json', body: '{' },
    { contentType: 'application/json', body: '{"a":1,}' },
    { contentType: 'application/json', body: 'null' },
    { contentType: 'application/json', body: '"x"' },
    { contentType: 'application/json', body: '[]' },
    {
      contentType: 'application/json',
      body: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
    },
    { contentType: 'application/json', body: `${'['.repeat(5000)}${']'.repeat(5000)}` },
    { contentType: 'application/json', body: `{"a":${'1'.repeat(400)}}` },
    { contentType: 'application/json; charset=utf-16', body: '{}' },
    { contentType: 'application/x-www-form-urlencoded', body: 'a=1&__proto__[x]=1' },
    { contentType: 'text/plain', body: 'hello' },
    {
      contentType: 'application/xml',
      body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    },
    { contentType: 'multipart/form-data; boundary=x', body: '--x\r\n\r\n--x--' },
    { contentType: '', body: '{}' },
  ),
  fc.string({ unit: 'binary', maxLength: 200 }).map((body) => ({ contentType: 'application/json', body })),
);
