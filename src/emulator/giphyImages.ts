// The images of the emulator's giphy set (handlers/messageActions.ts). There is no network,
// so `/giphy/<id>.gif` is served from here: a small GIF drawn per id (a colour and a
// pattern of its own), so that each shuffle visibly shows another picture.

/** Bits of an LSB-first code stream, packed into bytes (GIF's LZW packing). */
function packCodes(codes: readonly number[], bits: number): number[] {
  const out: number[] = [];
  let acc = 0;
  let n = 0;
  for (const code of codes) {
    acc |= code << n;
    n += bits;
    while (n >= 8) {
      out.push(acc & 0xff);
      acc >>= 8;
      n -= 8;
    }
  }
  if (n > 0) out.push(acc & 0xff);
  return out;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const WIDTH = 48;
const HEIGHT = 27;

/**
 * A 48x27 GIF with a 4-colour palette. The pixel data is LZW with a clear code before every
 * pixel, so the code table never grows and every code is 3 bits: valid for any decoder,
 * and small enough at this size (under 1 KB).
 */
export function giphyImage(id: string): Buffer {
  const h = hash(id);
  const hue = (r: number, g: number, b: number): [number, number, number] => [r & 0xff, g & 0xff, b & 0xff];
  const palette = [
    hue(40 + (h & 0x7f), 40 + ((h >> 7) & 0x7f), 40 + ((h >> 14) & 0x7f)),
    [250, 250, 250] as [number, number, number],
    hue(200 - (h & 0x7f), 120 + ((h >> 9) & 0x7f), 255 - ((h >> 3) & 0x7f)),
    [20, 20, 20] as [number, number, number],
  ];
  const cx = 10 + (h % 28);
  const cy = 6 + ((h >> 5) % 15);
  const stripe = 3 + ((h >> 11) % 5);
  const codes: number[] = [];
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const d = (x - cx) ** 2 + (y - cy) ** 2;
      const pixel = d < 25 ? 1 : d < 40 ? 3 : (x + y) % (stripe * 2) < stripe ? 0 : 2;
      codes.push(4, pixel);
    }
  }
  codes.push(5);
  const data = packCodes(codes, 3);
  const blocks: number[] = [];
  for (let i = 0; i < data.length; i += 255) {
    const chunk = data.slice(i, i + 255);
    blocks.push(chunk.length, ...chunk);
  }
  const bytes = [
    ...Buffer.from('GIF89a', 'ascii'),
    WIDTH & 0xff, WIDTH >> 8, HEIGHT & 0xff, HEIGHT >> 8,
    0b1000_0001, 0, 0, // global colour table of 4 entries
    ...palette.flat(),
    0x2c, 0, 0, 0, 0, WIDTH & 0xff, WIDTH >> 8, HEIGHT & 0xff, HEIGHT >> 8, 0, // image descriptor
    2, // LZW minimum code size
    ...blocks,
    0, // block terminator
    0x3b, // trailer
  ];
  return Buffer.from(bytes);
}

/** The id of a giphy image path (`/giphy/<id>.gif`), or undefined for any other path. */
export function giphyPathId(pathname: string): string | undefined {
  return /^\/giphy\/([\w-]{1,64})\.gif$/.exec(pathname)?.[1];
}
