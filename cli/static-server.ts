/**
 * A static file server for one folder on 127.0.0.1 (a free port unless one is asked for), as a
 * static host serves the built playground: GET and HEAD only, nothing outside the folder,
 * gzip when the browser accepts it (as GitHub Pages does), and no caching between runs.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Readonly<Record<string, string>> = {
    '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
    '.ttf': 'font/ttf', '.woff2': 'font/woff2', '.arch': 'text/plain; charset=utf-8', '.map': 'application/json',
};
/** Types worth compressing (a PNG or a WOFF2 font already is). */
const TEXTUAL = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.ttf', '.arch', '.map']);

/** A running server. */
export interface StaticServer {
    /** `http://127.0.0.1:PORT/` */
    url: string;
    close(): Promise<void>;
}

/** How to serve. */
export interface ServeOptions {
    /** 0 or absent: a free port. */
    port?: number;
    /** Hears each file served: its path in the folder, the bytes sent and the file's own size (the benchmark sums them). */
    onServed?: (path: string, sentBytes: number, fileBytes: number) => void;
}

/** Serves the folder `root` until closed. */
export async function serveFolder(root: string, options: ServeOptions = {}): Promise<StaticServer> {
    const { port = 0, onServed } = options;
    const folder = resolve(root);
    const gzipped = new Map<string, Buffer>();
    const server = createServer((request, response) => {
        respond(folder, gzipped, request, response, onServed).catch(() => {
            if (!response.headersSent) response.writeHead(500);
            response.end();
        });
    });
    await new Promise<void>((ready, fail) => {
        server.once('error', fail);
        server.listen(port, '127.0.0.1', () => ready());
    });
    const address = server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    return {
        url: `http://127.0.0.1:${bound}/`,
        close: () => new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
        }),
    };
}

async function respond(folder: string, gzipped: Map<string, Buffer>, request: IncomingMessage, response: ServerResponse, onServed: ServeOptions['onServed']): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
    }
    let path: string;
    try {
        path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
        response.writeHead(400).end();
        return;
    }
    const file = join(folder, path.endsWith('/') ? `${path}index.html` : path);
    const info = file.startsWith(folder + sep) ? await stat(file).catch(() => undefined) : undefined;
    if (!info?.isFile()) {
        response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
    }
    const extension = extname(file).toLowerCase();
    const headers: Record<string, string> = {
        'Content-Type': TYPES[extension] ?? 'application/octet-stream', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff',
    };
    const content = await readFile(file);
    let body: Buffer = content;
    if (TEXTUAL.has(extension) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
        const key = `${file}:${info.mtimeMs}:${info.size}`;
        body = gzipped.get(key) ?? gzipped.set(key, gzipSync(body)).get(key)!;
        headers['Content-Encoding'] = 'gzip';
        headers.Vary = 'Accept-Encoding';
    }
    headers['Content-Length'] = String(body.length);
    response.writeHead(200, headers);
    response.end(request.method === 'HEAD' ? undefined : body);
    if (request.method === 'GET') onServed?.(path, body.length, content.length);
}
