/**
 * SVG to PNG through resvg (a native module from the npm registry). Loaded on demand, so
 * that SVG output never depends on it; resvg has no CSS variables, so give it a `flat` SVG.
 */

/** The rasteriser is not installed or does not load on this machine. */
export class RasteriserUnavailable extends Error {}

/** Rasterises a flat-coloured SVG at `scale` (2 = crisp on high-density screens). */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
    let resvg: typeof import('@resvg/resvg-js');
    try {
        // A specifier bundlers cannot follow: the native module must load from node_modules at run time.
        const specifier = '@resvg/resvg-js';
        resvg = (await import(specifier)) as typeof import('@resvg/resvg-js');
    } catch (error) {
        throw new RasteriserUnavailable(`PNG output needs @resvg/resvg-js, which does not load here (${(error as Error).message.split('\n')[0]})`);
    }
    const renderer = new resvg.Resvg(svg, {
        fitTo: { mode: 'zoom', value: scale },
        // DejaVu Sans is the font the text widths are estimated for, and the usual one on Linux CI.
        font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    });
    return renderer.render().asPng();
}
