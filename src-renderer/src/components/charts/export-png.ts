/**
 * A chart as a PNG, made entirely in the page: the chart's SVG is serialised,
 * loaded as an image from a blob URL (allowed by the CSP's img-src), drawn on
 * a canvas over the theme's background with the title above and the legend
 * below, and encoded. Nothing goes over the network; no font is fetched (the
 * system font the page uses is named in the SVG).
 */

export interface PngLegendItem {
  label: string;
  color: string;
}

export interface PngOptions {
  title: string;
  legend: readonly PngLegendItem[];
  background: string;
  text: string;
  fontFamily: string;
  /** Device pixels per CSS pixel: 2 keeps text sharp when the image is zoomed or printed. */
  scale?: number;
}

const PAD = 16;
const TITLE_HEIGHT = 28;
const LEGEND_ROW = 22;
const SWATCH = 12;

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
    image.src = url;
  });
}

/** The SVG as standalone markup: sized, namespaced, with the page's font written in. */
export function standaloneSvg(svg: SVGSVGElement, width: number, height: number, fontFamily: string): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  clone.setAttribute('font-family', fontFamily);
  clone.setAttribute('font-size', '12');
  return new XMLSerializer().serializeToString(clone);
}

/** Splits legend items into rows that fit the width. */
function legendRows(ctx: CanvasRenderingContext2D, items: readonly PngLegendItem[], width: number): PngLegendItem[][] {
  const rows: PngLegendItem[][] = [];
  let row: PngLegendItem[] = [];
  let used = 0;
  for (const item of items) {
    const w = SWATCH + 6 + ctx.measureText(item.label).width + 18;
    if (row.length > 0 && used + w > width) {
      rows.push(row);
      row = [];
      used = 0;
    }
    row.push(item);
    used += w;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

export async function chartToPng(svg: SVGSVGElement, options: PngOptions): Promise<Blob> {
  const box = svg.getBoundingClientRect();
  const width = Math.max(1, Math.round(box.width));
  const height = Math.max(1, Math.round(box.height));
  const scale = options.scale ?? 2;
  const markup = standaloneSvg(svg, width, height, options.fontFamily);
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = await loadImage(url);
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw on a canvas.');
    ctx.font = `13px ${options.fontFamily}`;
    const rows = legendRows(ctx, options.legend, width);
    const fullWidth = width + PAD * 2;
    const fullHeight = PAD + TITLE_HEIGHT + height + (rows.length > 0 ? 8 + rows.length * LEGEND_ROW : 0) + PAD;
    canvas.width = Math.round(fullWidth * scale);
    canvas.height = Math.round(fullHeight * scale);
    ctx.scale(scale, scale);
    ctx.fillStyle = options.background;
    ctx.fillRect(0, 0, fullWidth, fullHeight);

    ctx.fillStyle = options.text;
    ctx.textBaseline = 'middle';
    ctx.font = `600 15px ${options.fontFamily}`;
    ctx.fillText(options.title, PAD, PAD + TITLE_HEIGHT / 2 - 2, width);
    ctx.drawImage(image, PAD, PAD + TITLE_HEIGHT, width, height);

    ctx.font = `13px ${options.fontFamily}`;
    let y = PAD + TITLE_HEIGHT + height + 8 + LEGEND_ROW / 2;
    for (const row of rows) {
      let x = PAD;
      for (const item of row) {
        ctx.fillStyle = item.color;
        ctx.fillRect(x, y - SWATCH / 2, SWATCH, SWATCH);
        ctx.fillStyle = options.text;
        ctx.fillText(item.label, x + SWATCH + 6, y);
        x += SWATCH + 6 + ctx.measureText(item.label).width + 18;
      }
      y += LEGEND_ROW;
    }
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The image could not be encoded.'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
