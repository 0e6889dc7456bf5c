/**
 * How large a raster of a diagram may be. A PNG costs 4 bytes a pixel while it is drawn, so its
 * scale is capped by pixel count and by side (what canvases and decoders accept), whatever the
 * diagram's size: a 1000-component system gives a smaller scale, never a 6 GB image.
 */

/** At most this many pixels (~160 MB of RGBA while drawing). */
export const MAX_PIXELS = 40_000_000;
/** At most this many pixels a side. */
export const MAX_SIDE = 16_000;

/** The scale to rasterise a `width` × `height` picture at: `wanted` (2 = crisp on dense screens), or less to stay in bounds. */
export function rasterScale(width: number, height: number, wanted = 2): number {
    if (!(width > 0) || !(height > 0)) return wanted;
    return Math.min(wanted, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_PIXELS / (width * height)));
}
