/** Small deterministic helpers for the leihs simulator: seeded randomness, stable ids, leihs date formats. */
import { createHash } from 'node:crypto';

export type Random = () => number;

/** mulberry32: a tiny seeded PRNG; the same seed always gives the same sequence. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, list: readonly T[]): T {
  const value = list[Math.floor(random() * list.length)];
  if (value === undefined) throw new Error('pick from an empty list');
  return value;
}

/** A v4-shaped UUID derived from (seed, kind, key), so an entity keeps its id whatever else the scale adds. */
export function stableUuid(seed: number, kind: string, key: string | number): string {
  const hex = createHash('sha1').update(`${seed}:${kind}:${key}`).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 Base32 without padding; 20 bytes give the 32 characters of a leihs token secret. */
export function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32.charAt((value >>> (bits - 5)) & 31);
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32.charAt((value << (5 - bits)) & 31);
  return out;
}

/** A 32-character Base32 secret derived from fixed text (sha1 is exactly 20 bytes). */
export function secretFromText(text: string): string {
  return base32(createHash('sha1').update(text).digest());
}

export function md5Hex(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/** Admin (cheshire) timestamps: `yyyy-MM-ddTHH:mm:ssZ`, no milliseconds. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const DAY_MS = 86_400_000;

const dateOnlyCache = new Map<number, string>();

/** A `date` column: `YYYY-MM-DD` (cached per day: generating 50 000 items asks for the same few hundred days). */
export function dateOnly(date: Date): string {
  const day = Math.floor(date.getTime() / DAY_MS);
  let text = dateOnlyCache.get(day);
  if (text === undefined) {
    text = date.toISOString().slice(0, 10);
    if (dateOnlyCache.size < 10_000) dateOnlyCache.set(day, text);
  }
  return text;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return UUID_PATTERN.test(text);
}

/** Every word of `search` occurs in `haystack` (both compared lower-case), like `name ILIKE '%w%'` for each word. */
export function matchesAllWords(haystack: string, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
  const lower = haystack.toLowerCase();
  return words.every((w) => lower.includes(w));
}

/** One collator for every name sort (much faster than String#localeCompare on 20 000 rows). */
export const byName = new Intl.Collator('de-CH').compare;
