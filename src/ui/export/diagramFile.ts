/**
 * Saving the sequence diagram: the SVG from `diagramSvg` in the current theme's colours, and a PNG
 * made by drawing that SVG on a canvas. Loaded when an export button is first pressed.
 */
import type { TimelineIndex } from '../../store/timelineIndex';
export { clampRange } from './diagramSvg';
import { diagramSvg, type DiagramExportOptions, type DiagramPalette, type DiagramPicture } from './diagramSvg';

/** PNG pixels per SVG unit: sharp on a projector and in slides. */
export const PNG_SCALE = 2;
/** Chromium's limits for one canvas: a side of 32,767 px and about 268 million pixels. */
const MAX_SIDE = 32_767;
const MAX_AREA = 2 ** 28;

/** PNG_SCALE, or less for a picture so big that a canvas could not hold it at that scale. */
export function pngScale(width: number, height: number): number {
  return Math.min(PNG_SCALE, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height)));
}

/** The theme's tokens (src/ui/styles.css), read where they are defined rather than copied. */
export function currentPalette(root: Element = document.documentElement): DiagramPalette {
  const css = getComputedStyle(root);
  // A canvas spells any CSS colour as #rrggbb, whatever form the stylesheet (or its minifier) used.
  const ctx = document.createElement('canvas').getContext('2d');
  const v = (name: string) => {
    const value = css.getPropertyValue(name).trim();
    if (!ctx) return value;
    ctx.fillStyle = value;
    return ctx.fillStyle;
  };
  return {
    background: v('--surface'),
    text: v('--text'),
    muted: v('--text-2'),
    line: v('--border-strong'),
    ink: { request: v('--request'), ack: v('--ack'), error: v('--error'), notification: v('--notification'), dump: v('--dump'), done: v('--done') },
  };
}

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the click; give it a moment before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function picture(ix: TimelineIndex, options: Omit<DiagramExportOptions, 'palette'>): DiagramPicture {
  return diagramSvg(ix, { ...options, palette: currentPalette() });
}

export function saveSvg(pic: DiagramPicture, name: string): void {
  save(new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${pic.svg}`], { type: 'image/svg+xml' }), `${name}.svg`);
}

/** Draws the SVG on a canvas at PNG_SCALE and returns the PNG. */
export async function pngOf(pic: DiagramPicture): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([pic.svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    const scale = pngScale(pic.width, pic.height);
    canvas.width = Math.floor(pic.width * scale);
    canvas.height = Math.floor(pic.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser gives no 2D canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error('the canvas made no PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function savePng(pic: DiagramPicture, name: string): Promise<void> {
  save(await pngOf(pic), `${name}.png`);
}
