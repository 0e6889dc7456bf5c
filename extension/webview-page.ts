/**
 * The skeleton every webview page shares, free of `vscode` so that browser tests load the same
 * pages: a strict Content-Security-Policy (nothing remote; scripts and styles only with the
 * nonce), the page's stylesheet, its body, an optional test prelude, and the bundled script.
 */
import { randomBytes } from 'node:crypto';

/** What a page needs from its host. */
export interface WebviewPageOptions {
    /** URI of the bundled view script, as the webview may load it. */
    scriptUri: string;
    nonce: string;
    /** The webview's `cspSource` (where its local resources come from). */
    cspSource: string;
    /** A script run before the view's: a test installs its stub `acquireVsCodeApi` here. */
    prelude?: string;
}

/** A fresh nonce for one page. */
export function createNonce(): string {
    return randomBytes(18).toString('base64url');
}

/** Escapes text for an HTML attribute value. */
export function attr(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The whole HTML of a page: `title`, `style` and `body` are the page's own, trusted markup. */
export function webviewPage(options: WebviewPageOptions & { title: string; style: string; body: string; imageSources?: string }): string {
    const nonce = attr(options.nonce);
    const csp = [
        `default-src 'none'`,
        ...(options.imageSources ? [`img-src ${options.imageSources}`] : []),
        `style-src 'nonce-${nonce}'`,
        `script-src 'nonce-${nonce}'`,
        `font-src ${options.cspSource}`,
    ].join('; ');
    const prelude = options.prelude ? `<script nonce="${nonce}">${options.prelude.replace(/<\/script/gi, '<\\/script')}</script>` : '';
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<style nonce="${nonce}">${options.style}</style>
</head>
<body>
${options.body}
${prelude}<script nonce="${nonce}" src="${attr(options.scriptUri)}"></script>
</body>
</html>`;
}
