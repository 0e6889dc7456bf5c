/**
 * The bundled samples (every .arch file under samples/ when the playground was built), and the
 * URIs the page and the language server agree on for them: the open model takes the URI of the
 * sample path it was opened as, so that its imports find the other samples as on disk.
 */
import samples from 'archlint:samples';

export { samples };

/** The URI of the model at `path` under samples/ (lower case: Monaco's LSP client lower-cases URIs). */
export function sampleUri(path: string): string {
    return `inmemory:///samples/${path.toLowerCase()}`;
}

/** The sample shown when a page opens without a shared model. */
export const FIRST_SAMPLE = 'url-shortener.arch' in samples ? 'url-shortener.arch' : Object.keys(samples).sort()[0] ?? 'model.arch';
