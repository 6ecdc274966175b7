/**
 * Draws the Teams app icons of the two app packages and writes them as PNG files, with nothing but node's
 * zlib. Each app has its own drawing, so that the two apps are told apart in Teams' app bar and store:
 *
 * - the MSP app (appPackage/msp): a white figure in front of two tinted ones, on indigo (its team of staff);
 * - the client app (appPackage/client): a white figure in front of an office building, on teal (one
 *   client company and its people).
 *
 * For each app, in its package folder (Teams Toolkit's `teamsApp/zipAppPackage` and scripts/package.ts
 * take the icons from the manifest's own folder):
 *
 * - color.png: 192x192, full colour (opaque RGB), the drawing on the app's background colour, which is
 *   also the manifest's `accentColor`;
 * - outline.png: 32x32, white on transparent (RGBA: every pixel white, only alpha varies), the same drawing.
 *
 * Run: `npx tsx scripts/make-icons.ts`. The output is deterministic, so the committed PNGs only change
 * when this drawing does.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

type Rgb = { r: number; g: number; b: number };
type Shape = (x: number, y: number) => boolean;

const WHITE: Rgb = { r: 0xff, g: 0xff, b: 0xff };
const ROOT = path.resolve(__dirname, '..');

/** Hex as in the manifests' `accentColor`. */
export const hex = ({ r, g, b }: Rgb): string => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`.toUpperCase();

// Shapes, in coordinates from 0 to 1 across the icon.
const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
/** The upper half of an ellipse: a figure's shoulders, flat at the bottom. */
const shoulders = (cx: number, bottom: number, rx: number, ry: number): Shape => (x, y) =>
  y <= bottom && ((x - cx) / rx) ** 2 + ((y - bottom) / ry) ** 2 <= 1;
/** A rectangle with rounded corners of radius r. */
const rect = (left: number, top: number, right: number, bottom: number, r = 0): Shape => (x, y) => {
  if (x < left || x > right || y < top || y > bottom) return false;
  const dx = Math.max(left + r - x, 0, x - (right - r));
  const dy = Math.max(top + r - y, 0, y - (bottom - r));
  return dx * dx + dy * dy <= r * r;
};
const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((shape) => shape(x, y));
const person = (cx: number, headY: number, headR: number, bottom: number, rx: number, ry: number, grow = 0): Shape =>
  union(circle(cx, headY, headR + grow), shoulders(cx, bottom + grow, rx + grow, ry + grow));

/**
 * A drawing: layers painted in order over the background. A layer painted with the background colour
 * cuts into what lies beneath (a window, the ring that keeps a figure apart from what stands behind it);
 * in the outline icon such a layer is transparent and every other layer white.
 */
interface Layer {
  shape: Shape;
  paint: Rgb | 'background';
}
interface IconDesign {
  background: Rgb;
  layers: Layer[];
}

/** A person and, grown by `halo`, the ring of background around them. */
function figure(cx: number, headY: number, headR: number, bottom: number, rx: number, ry: number, halo = 0.035): [Shape, Shape] {
  return [person(cx, headY, headR, bottom, rx, ry), person(cx, headY, headR, bottom, rx, ry, halo)];
}

const MSP_BACKGROUND: Rgb = { r: 0x4f, g: 0x46, b: 0xe5 }; // indigo
const MSP_TINT: Rgb = { r: 0xc7, g: 0xd2, b: 0xfe };
const [mspFront, mspFrontHalo] = figure(0.5, 0.36, 0.125, 0.76, 0.245, 0.22);

const CLIENT_BACKGROUND: Rgb = { r: 0x0f, g: 0x76, b: 0x6e }; // teal
const CLIENT_TINT: Rgb = { r: 0x99, g: 0xf6, b: 0xe4 };
const [clientPerson, clientPersonHalo] = figure(0.665, 0.48, 0.105, 26 / 32, 0.2, 0.19);
/**
 * An office block: two columns of windows over three floors, and a door. Its edges sit on the 32x32
 * outline's pixel grid (in 32nds), so that the small windows stay crisp there.
 */
const px = (n: number) => n / 32;
const building = rect(px(5), px(6), px(18), px(26), 0.025);
const windows = union(...[9, 13, 17].flatMap((top) => [7, 13].map((left) => rect(px(left), px(top), px(left + 3), px(top + 2), 0.008))));
const door = rect(px(10), px(21), px(13), px(26), 0.008);

export const ICONS = {
  msp: {
    background: MSP_BACKGROUND,
    layers: [
      { shape: union(person(0.27, 0.41, 0.095, 0.72, 0.175, 0.16), person(0.73, 0.41, 0.095, 0.72, 0.175, 0.16)), paint: MSP_TINT },
      { shape: mspFrontHalo, paint: 'background' },
      { shape: mspFront, paint: WHITE }
    ]
  },
  client: {
    background: CLIENT_BACKGROUND,
    layers: [
      { shape: building, paint: CLIENT_TINT },
      { shape: union(windows, door), paint: 'background' },
      { shape: clientPersonHalo, paint: 'background' },
      { shape: clientPerson, paint: WHITE }
    ]
  }
} satisfies Record<string, IconDesign>;

export type IconApp = keyof typeof ICONS;
export const ICON_APPS = Object.keys(ICONS) as IconApp[];
/** The folder an app's icons are written to: its app package, next to its manifest. */
export const iconFolder = (app: IconApp): string => `appPackage/${app}`;
/** The app's background colour, which its manifest's `accentColor` repeats. */
export const accentColor = (app: IconApp): string => hex(ICONS[app].background);

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

/** 192x192 RGB: the app's drawing on its background colour. */
export function drawColorIcon(app: IconApp, size = 192): Buffer {
  const design: IconDesign = ICONS[app];
  const pixels = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let colour = design.background;
      for (const layer of design.layers) {
        const paint = layer.paint === 'background' ? design.background : layer.paint;
        colour = mix(colour, paint, coverage(layer.shape, x, y, size));
      }
      pixels.set([colour.r, colour.g, colour.b], (y * size + x) * 3);
    }
  }
  return encodePng(size, size, 2, pixels);
}

/** 32x32 RGBA: the app's drawing in white on a transparent background; only the alpha channel varies. */
export function drawOutlineIcon(app: IconApp, size = 32): Buffer {
  const design: IconDesign = ICONS[app];
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let alpha = 0;
      for (const layer of design.layers) {
        const c = coverage(layer.shape, x, y, size);
        alpha = layer.paint === 'background' ? alpha * (1 - c) : alpha + (1 - alpha) * c;
      }
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
  for (const app of ICON_APPS) {
    const folder = iconFolder(app);
    mkdirSync(path.join(ROOT, folder), { recursive: true });
    for (const [name, png] of Object.entries({ 'color.png': drawColorIcon(app), 'outline.png': drawOutlineIcon(app) })) {
      writeFileSync(path.join(ROOT, folder, name), png);
      console.log(`wrote ${folder}/${name} (${png.length} bytes)`);
    }
  }
}

if (require.main === module) main();
