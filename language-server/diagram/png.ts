/**
 * SVG to PNG through resvg (a native module from the npm registry). Loaded on demand, so
 * that SVG output never depends on it; resvg has no CSS variables, so give it a `flat` SVG.
 */

import { createRequire } from 'node:module';
import { rasterScale } from './raster-size.js';

/** The rasteriser is not installed or does not load on this machine. */
export class RasteriserUnavailable extends Error {}

/** The width and height on the root element of an SVG this project rendered. */
function rootSize(svg: string): { width: number; height: number } {
    const root = /^<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
    const attr = (name: string) => Number(new RegExp(`\\s${name}="([0-9.]+)"`).exec(root)?.[1] ?? Number.NaN);
    return { width: attr('width'), height: attr('height') };
}

/** Rasterises a flat-coloured SVG at `scale` (2 = crisp on high-density screens), less when the PNG would be too large. */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
    let resvg: typeof import('@resvg/resvg-js');
    try {
        // Required, not imported: the CLI's bundle runs from a V8 code cache, which keeps no
        // dynamic import() callback. A specifier bundlers cannot follow: the native module must
        // load from node_modules at run time.
        const specifier = '@resvg/resvg-js';
        resvg = createRequire(import.meta.url)(specifier) as typeof import('@resvg/resvg-js');
    } catch (error) {
        throw new RasteriserUnavailable(`PNG output needs @resvg/resvg-js, which does not load here (${(error as Error).message.split('\n')[0]})`);
    }
    const { width, height } = rootSize(svg);
    const renderer = new resvg.Resvg(svg, {
        fitTo: { mode: 'zoom', value: rasterScale(width, height, scale) },
        // DejaVu Sans is the font the text widths are estimated for, and the usual one on Linux CI.
        font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    });
    return renderer.render().asPng();
}
