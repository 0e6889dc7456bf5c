/**
 * Share links: the model lives in the URL's fragment (never sent to a server), its text deflated
 * (CompressionStream, in browsers and Node alike) and written in base64url, with the file name
 * it was opened as, so that its imports resolve against the same bundled samples:
 * `#file=url-shortener.arch&model=<deflate-raw, base64url>`. A link decodes to exactly the text
 * it was made from; a damaged or oversized one decodes to undefined, never to a partial model.
 */
import { MAX_FILE_BYTES } from '../language-server/limits.js';

/** A model as a link carries it. */
export interface SharedModel {
    /** Path under the samples folder, lower case (`chat.arch`, `gallery/twitter.arch`). */
    file: string;
    text: string;
}

/** A sample path a link may name: lower-case words and folders, ending in .arch, never `..`. */
const FILE = /^(?:[a-z0-9_-][a-z0-9._-]*\/)*[a-z0-9_-][a-z0-9._-]*\.arch$/;

/** The file name a link uses for `path` (a sample path, or any file's base name), lower case. */
export function shareFileName(path: string): string {
    const name = path.replace(/\\/g, '/').toLowerCase();
    return FILE.test(name) && !name.split('/').includes('..') ? name : 'model.arch';
}

/** The URL fragment (without `#`) that carries `model`. */
export async function encodeShare(model: SharedModel): Promise<string> {
    const packed = await pipe(new TextEncoder().encode(model.text), new CompressionStream('deflate-raw'), Infinity);
    return new URLSearchParams({ file: shareFileName(model.file), model: toBase64Url(packed!) }).toString();
}

/** The model a URL fragment (with or without `#`) carries, or undefined when it carries none or a damaged one. */
export async function decodeShare(fragment: string): Promise<SharedModel | undefined> {
    const params = new URLSearchParams(fragment.replace(/^#/, ''));
    const packed = params.get('model');
    // Deflate never grows text by more than a little: a longer fragment is not one of ours.
    if (!packed || packed.length > (MAX_FILE_BYTES * 4) / 3 + 1024) return undefined;
    const bytes = fromBase64Url(packed);
    if (!bytes) return undefined;
    try {
        const text = await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_FILE_BYTES);
        if (!text) return undefined;
        return { file: shareFileName(params.get('file') ?? ''), text: new TextDecoder('utf-8', { fatal: true }).decode(text) };
    } catch {
        return undefined;
    }
}

/** `bytes` through `stream`, or undefined past `limit` output bytes (a decompression bomb). */
async function pipe(bytes: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array | undefined> {
    const writer = stream.writable.getWriter();
    // Errors surface on the reading side; the writer's own promise must not go unhandled.
    writer.write(bytes).then(() => writer.close()).catch(() => undefined);
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = stream.readable.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
        size += next.value.length;
        if (size > limit) {
            await reader.cancel();
            return undefined;
        }
        chunks.push(next.value);
    }
    const all = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
        all.set(chunk, at);
        at += chunk.length;
    }
    return all;
}

function toBase64Url(bytes: Uint8Array): string {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
    if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
    try {
        const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
        return Uint8Array.from(binary, (c) => c.charCodeAt(0));
    } catch {
        return undefined;
    }
}
