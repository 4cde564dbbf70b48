/**
 * QR codes, made on the machine: `qrcode` computes the modules, we draw
 * them as SVG (whole-pixel modules, a quiet zone of at least four modules,
 * an optional caption as `<text>` under the code), and PNG is that same SVG
 * rasterised by resvg with the system's fonts — so a Japanese caption
 * renders wherever a Japanese font is installed (Noto CJK on Linux,
 * Hiragino on macOS, Yu Gothic or Meiryo on Windows).
 */
import { Resvg } from '@resvg/resvg-js';
import QRCode from 'qrcode';
import type { QrLevel } from '../../../src-shared/contract/shortlinks';
import { displayWidth } from '../../../src-shared/text-width';
import { CoreError } from '../errors';

export interface QrOptions {
  /** Width in pixels. */
  size: number;
  level: QrLevel;
  caption?: string | null;
}

/** The quiet zone the QR specification asks for, in modules. */
export const QUIET_MODULES = 4;
const FONTS = `'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', 'Yu Gothic', Meiryo, 'Noto Sans', 'DejaVu Sans', sans-serif`;

const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** Roughly how many ems `text` is wide: a wide (two-column) character one, others a little over half. */
const ems = (text: string): number => displayWidth(text) * 0.55;

export interface QrLayout {
  svg: string;
  width: number;
  height: number;
  /** Where the caption is drawn (rows from `captionTop` to the bottom), or null without one. */
  captionTop: number | null;
}

/** The code as SVG, `size` pixels wide (taller by the caption's band when there is one). */
export function qrSvg(text: string, options: QrOptions): QrLayout {
  const qr = QRCode.create(text, { errorCorrectionLevel: options.level });
  const count = qr.modules.size;
  const size = options.size;
  // Whole pixels per module keep edges sharp; what is left over widens the quiet zone.
  const unit = Math.floor(size / (count + 2 * QUIET_MODULES));
  if (unit < 1) throw new CoreError('BAD_INPUT', `${size} px is too small for this code (${count} modules); choose a larger size`);
  const offset = Math.floor((size - unit * count) / 2);
  let path = '';
  for (let y = 0; y < count; y++) {
    for (let x = 0; x < count; x++) {
      if (qr.modules.get(y, x)) path += `M${offset + x * unit} ${offset + y * unit}h${unit}v${unit}h-${unit}z`;
    }
  }
  const caption = options.caption?.trim();
  const band = caption ? Math.round(size * 0.14) : 0;
  const height = size + band;
  const fontSize = caption ? Math.min(band * 0.55, (size * 0.9) / Math.max(ems(caption), 1)) : 0;
  const captionSvg = caption
    ? `<text x="${size / 2}" y="${size + band * 0.45}" font-family="${FONTS}" font-size="${fontSize.toFixed(1)}" text-anchor="middle" dominant-baseline="middle" fill="#000000">${escapeXml(caption)}</text>`
    : '';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${height}" viewBox="0 0 ${size} ${height}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${height}" fill="#ffffff"/><path fill="#000000" d="${path}"/>${captionSvg}</svg>\n`;
  return { svg, width: size, height, captionTop: caption ? size : null };
}

/** The code as PNG; refuses a caption that no installed font could draw, rather than printing a blank band. */
export function qrPng(text: string, options: QrOptions): Buffer {
  const layout = qrSvg(text, options);
  const image = new Resvg(layout.svg, {
    fitTo: { mode: 'original' },
    background: '#ffffff',
    // Scanning the system's fonts costs time: only a caption needs them.
    font: { loadSystemFonts: layout.captionTop !== null, defaultFontFamily: 'Noto Sans CJK JP' },
  }).render();
  if (layout.captionTop !== null && !hasInk(image.pixels, image.width, layout.captionTop)) {
    throw new CoreError(
      'UNAVAILABLE',
      'No font on this computer can draw the caption, so the PNG would show an empty band. Install a font for its script (on Linux: fonts-noto-cjk), or download the SVG, which the viewer draws with its own fonts.',
      { reason: 'no-font' },
    );
  }
  return image.asPng();
}

/** Whether any pixel from row `top` down is not white (RGBA). */
function hasInk(pixels: Buffer, width: number, top: number): boolean {
  for (let i = top * width * 4; i < pixels.length; i += 4) if (pixels[i]! < 128) return true;
  return false;
}
