/**
 * Draws the two Teams app icons and writes them as PNG files, with nothing but node's zlib:
 *
 * - appPackage/color.png: 192x192, full colour (opaque RGB), a white figure in front of two tinted ones
 *   on the accent colour;
 * - appPackage/outline.png: 32x32, white on transparent (RGBA: every pixel white, only alpha varies).
 *
 * Each app package folder (appPackage/msp, appPackage/client) gets identical copies, because Teams
 * Toolkit's `teamsApp/zipAppPackage` only takes icons from the manifest's own folder.
 *
 * Run: `npx tsx scripts/make-icons.ts`. The output is deterministic, so the committed PNGs only change
 * when this drawing does.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

/** The accent colour, also `accentColor` in both manifests. */
export const ACCENT = { r: 0x4f, g: 0x46, b: 0xe5 };
const TINT = { r: 0xc7, g: 0xd2, b: 0xfe };
const WHITE = { r: 0xff, g: 0xff, b: 0xff };

type Rgb = typeof WHITE;
type Shape = (x: number, y: number) => boolean;

const ROOT = path.resolve(__dirname, '..');
export const ICON_FOLDERS = ['appPackage', 'appPackage/msp', 'appPackage/client'];

// The figures, in coordinates from 0 to 1 across the icon.
const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
/** The upper half of an ellipse: a figure's shoulders, flat at the bottom. */
const shoulders = (cx: number, bottom: number, rx: number, ry: number): Shape => (x, y) =>
  y <= bottom && ((x - cx) / rx) ** 2 + ((y - bottom) / ry) ** 2 <= 1;
const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((shape) => shape(x, y));
const person = (cx: number, headY: number, headR: number, bottom: number, rx: number, ry: number, grow = 0): Shape =>
  union(circle(cx, headY, headR + grow), shoulders(cx, bottom + grow, rx + grow, ry + grow));

const front = person(0.5, 0.36, 0.125, 0.76, 0.245, 0.22);
/** A ring of background around the front figure, so that the figures behind it stay apart. */
const frontHalo = person(0.5, 0.36, 0.125, 0.76, 0.245, 0.22, 0.035);
const behind = union(person(0.27, 0.41, 0.095, 0.72, 0.175, 0.16), person(0.73, 0.41, 0.095, 0.72, 0.175, 0.16));

/** The share of a pixel a shape covers, from 4x4 samples (anti-aliasing). */
function coverage(shape: Shape, px: number, py: number, size: number): number {
  const n = 4;
  let inside = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (shape((px + (i + 0.5) / n) / size, (py + (j + 0.5) / n) / size)) inside++;
    }
  }
  return inside / (n * n);
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => ({
  r: Math.round(a.r + (b.r - a.r) * t),
  g: Math.round(a.g + (b.g - a.g) * t),
  b: Math.round(a.b + (b.b - a.b) * t)
});

/** 192x192 RGB: accent background, tinted figures behind, a white figure in front. */
export function drawColorIcon(size = 192): Buffer {
  const pixels = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let colour = ACCENT;
      colour = mix(colour, TINT, coverage(behind, x, y, size) * (1 - coverage(frontHalo, x, y, size)));
      colour = mix(colour, WHITE, coverage(front, x, y, size));
      pixels.set([colour.r, colour.g, colour.b], (y * size + x) * 3);
    }
  }
  return encodePng(size, size, 2, pixels);
}

/** 32x32 RGBA: white figures on a transparent background; only the alpha channel varies. */
export function drawOutlineIcon(size = 32): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const alpha = Math.max(
        coverage(front, x, y, size),
        coverage(behind, x, y, size) * (1 - coverage(frontHalo, x, y, size))
      );
      pixels.set([255, 255, 255, Math.round(alpha * 255)], (y * size + x) * 4);
    }
  }
  return encodePng(size, size, 6, pixels);
}

/** A PNG with 8-bit samples: colour type 2 (RGB) or 6 (RGBA), every row with filter 0 (none). */
export function encodePng(width: number, height: number, colourType: 2 | 6, pixels: Buffer): Buffer {
  const channels = colourType === 6 ? 4 : 3;
  const stride = width * channels;
  if (pixels.length !== stride * height) throw new Error(`expected ${stride * height} bytes of pixels, got ${pixels.length}`);
  const raw = Buffer.alloc((stride + 1) * height);
  for (let row = 0; row < height; row++) {
    raw[row * (stride + 1)] = 0;
    pixels.copy(raw, row * (stride + 1) + 1, row * stride, (row + 1) * stride);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, colourType, 0, 0, 0], 8); // bit depth, colour type, compression, filter, interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0))
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([length, typeAndData, crc]);
}

function main(): void {
  const icons = { 'color.png': drawColorIcon(), 'outline.png': drawOutlineIcon() };
  for (const folder of ICON_FOLDERS) {
    mkdirSync(path.join(ROOT, folder), { recursive: true });
    for (const [name, png] of Object.entries(icons)) {
      writeFileSync(path.join(ROOT, folder, name), png);
      console.log(`wrote ${folder}/${name} (${png.length} bytes)`);
    }
  }
}

if (require.main === module) main();
