/**
 * The diagram webview's HTML. Free of `vscode` so that a browser test can load the same page:
 * strict Content-Security-Policy (nothing remote, scripts and styles only with the nonce),
 * the diagram stylesheet for both themes, a toolbar, and the bundled view script.
 */
import { pageStylesheet } from '../language-server/diagram/theme.js';
import { webviewPage, type WebviewPageOptions } from './webview-page.js';

/** What the page needs from its host. */
export type DiagramPageOptions = WebviewPageOptions;

const CHROME = `
html, body { height: 100%; margin: 0; padding: 0; overflow: hidden; }
body { display: flex; flex-direction: column; background: var(--vscode-editor-background, #f8fafc); color: var(--vscode-foreground, #0f172a);
  font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px); }
#toolbar { display: flex; gap: 6px; align-items: center; padding: 6px 10px; border-bottom: 1px solid var(--vscode-panel-border, #d0d7de); flex-wrap: wrap; }
#toolbar .spacer { flex: 1; }
#toolbar button, #toolbar select { font: inherit; padding: 3px 9px; border-radius: 4px; border: 1px solid var(--vscode-button-border, transparent);
  background: var(--vscode-button-secondaryBackground, #e2e8f0); color: var(--vscode-button-secondaryForeground, #0f172a); cursor: pointer; }
#toolbar button:hover { background: var(--vscode-button-secondaryHoverBackground, #cbd5e1); }
#toolbar select { background: var(--vscode-dropdown-background, #fff); color: var(--vscode-dropdown-foreground, inherit); border-color: var(--vscode-dropdown-border, #cbd5e1); }
#toolbar button:focus-visible, #toolbar select:focus-visible, #viewport:focus-visible { outline: 1px solid var(--vscode-focusBorder, #2563eb); outline-offset: -1px; }
#title { font-weight: 600; }
#status { padding: 3px 10px; font-size: 12px; color: var(--vscode-descriptionForeground, #64748b); min-height: 0; }
#status:empty { display: none; }
#viewport { position: relative; flex: 1; overflow: hidden; cursor: grab; touch-action: none; }
#viewport.panning { cursor: grabbing; }
#canvas { position: absolute; left: 0; top: 0; transform-origin: 0 0; }
#canvas svg { display: block; }
/* The diagram sits on the editor background rather than on a card of its own, unless its theme is fixed to one that may differ. */
#canvas svg:not(.own-background) .al-bg { fill: none; }
#tooltip { position: fixed; z-index: 10; max-width: 360px; pointer-events: none; padding: 8px 10px; border-radius: 6px; font-size: 12px; line-height: 1.45;
  background: var(--vscode-editorHoverWidget-background, #fff); color: var(--vscode-editorHoverWidget-foreground, #0f172a);
  border: 1px solid var(--vscode-editorHoverWidget-border, #cbd5e1); box-shadow: 0 4px 16px rgba(0,0,0,.18); }
#tooltip h4 { margin: 0 0 4px; font-size: 13px; }
#tooltip .kind { color: var(--vscode-descriptionForeground, #64748b); font-weight: normal; }
#tooltip dl { display: grid; grid-template-columns: auto 1fr; gap: 1px 10px; margin: 0; }
#tooltip dt { color: var(--vscode-descriptionForeground, #64748b); }
#tooltip dd { margin: 0; }
#tooltip ul { margin: 6px 0 0; padding-left: 16px; }
#tooltip li.error { color: var(--vscode-errorForeground, #dc2626); }
#tooltip li.warning { color: var(--vscode-editorWarning-foreground, #d97706); }
`;

/** The complete HTML of the diagram webview. */
export function diagramPageHtml(options: DiagramPageOptions): string {
    return webviewPage({
        ...options, title: 'Archlint diagram', style: `${CHROME}${pageStylesheet()}`, imageSources: `${options.cspSource} blob: data:`,
        body: `<div id="toolbar" role="toolbar" aria-label="Diagram tools">
  <span id="title"></span>
  <select id="system" aria-label="System" hidden></select>
  <select id="flow" aria-label="Highlight a flow"><option value="">All flows</option></select>
  <span class="spacer"></span>
  <button id="hide-figures" type="button" title="Remove the simulation figures from the diagram" hidden>Hide figures</button>
  <select id="direction" aria-label="Layout direction" title="Layout direction (D)">
    <option value="auto">Auto</option><option value="right">Left to right</option><option value="down">Top to bottom</option>
  </select>
  <button id="zoom-out" type="button" title="Zoom out (-)" aria-label="Zoom out">−</button>
  <button id="zoom-in" type="button" title="Zoom in (+)" aria-label="Zoom in">+</button>
  <button id="fit" type="button" title="Fit to window (0)">Fit</button>
  <button id="export-svg" type="button" title="Export as SVG">SVG</button>
  <button id="export-png" type="button" title="Export as PNG">PNG</button>
</div>
<div id="status" role="status" aria-live="polite"></div>
<div id="viewport" tabindex="0" aria-label="Diagram: drag or arrow keys to pan, wheel or +/- to zoom, click a component to open its declaration"><div id="canvas"></div></div>
<div id="tooltip" role="tooltip" hidden></div>`,
    });
}
