/**
 * The pages of the playground's frames: the VS Code extension's own diagram and simulation
 * pages (same markup, stylesheet and Content-Security-Policy), with `acquireVsCodeApi` from
 * the playground (src/frame-api.ts) in place of VS Code's. Run at build time, in Node.
 */
import { diagramPageHtml } from '../extension/diagram-page.js';
import { simulationPageHtml } from '../extension/simulation-page.js';
import { createNonce } from '../extension/webview-page.js';

/** The frame pages by file name; `api` is the script that defines `acquireVsCodeApi`. */
export function framePages(api: string): Record<string, string> {
    const options = (script: string) => ({ scriptUri: script, nonce: createNonce(), cspSource: "'self'", prelude: api });
    return {
        'diagram.html': diagramPageHtml(options('diagram-view.js')),
        'simulation.html': simulationPageHtml(options('simulation-view.js')),
    };
}
