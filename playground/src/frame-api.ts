/// <reference lib="dom" />
/**
 * The `acquireVsCodeApi` a webview expects, inside the playground's iframes: messages go to the
 * page that holds the frame (same origin only), and the view's state lives as long as the frame.
 * Built into each frame's page ahead of the view's script (scripts/build-playground.mjs).
 */
let state: unknown;
const api = {
    postMessage: (message: unknown) => window.parent.postMessage(message, window.location.origin),
    getState: () => state,
    setState: (next: unknown) => { state = next; },
};
Object.assign(window, { acquireVsCodeApi: () => api });
