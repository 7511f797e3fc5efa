/**
 * Avatar strings for simulated users. leihs stores avatars as `data:image/jpeg;base64,…` (img32 up to ~10 kB,
 * img256 up to ~100 kB), or an https URL, or null (Corrections 4). A handful of data URLs are built once and
 * shared by reference, so 20 000 users cost no more memory than six.
 */
import { createRandom, md5Hex } from './util.js';

export interface Avatar {
  img32_url: string | null;
  img256_url: string | null;
  img_digest: string | null;
}

function fakeJpegDataUrl(seed: number, byteLength: number): string {
  const random = createRandom(seed);
  const bytes = Buffer.alloc(byteLength);
  for (let i = 0; i < byteLength; i++) bytes[i] = Math.floor(random() * 256);
  // JPEG start-of-image + JFIF header, and end-of-image, so the bytes look like a JPEG to a sniffer.
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]).copy(bytes, 0);
  bytes[byteLength - 2] = 0xff;
  bytes[byteLength - 1] = 0xd9;
  return `data:image/jpeg;base64,${bytes.toString('base64')}`;
}

const SHARED_COUNT = 6;

function withDigest(img32: string | null, img256: string | null): Avatar {
  return { img32_url: img32, img256_url: img256, img_digest: img32 === null ? null : md5Hex(`${img32}${img256 ?? ''}`) };
}

let sharedDataAvatars: Avatar[] | undefined;

function dataAvatars(): Avatar[] {
  // img32 between ~3 and ~8 kB of base64; img256 ~30–40 kB.
  sharedDataAvatars ??= Array.from({ length: SHARED_COUNT }, (_, i) =>
    withDigest(fakeJpegDataUrl(1000 + i, 2300 + i * 750), fakeJpegDataUrl(2000 + i, 22_000 + i * 1500)),
  );
  return sharedDataAvatars;
}

const NO_AVATAR: Avatar = { img32_url: null, img256_url: null, img_digest: null };

/** Mostly data URLs; every 10th user an https URL, every 10th (offset 5) none. */
export function avatarFor(index: number, login: string): Avatar {
  if (index % 10 === 3) {
    return withDigest(`https://avatars.hdk.example/${login}-32.jpg`, `https://avatars.hdk.example/${login}-256.jpg`);
  }
  if (index % 10 === 8) return NO_AVATAR;
  const list = dataAvatars();
  return list[index % list.length] ?? NO_AVATAR;
}
