/// <reference lib="dom" />
/**
 * The first script of the page, a few hundred bytes: starts the language server's worker, so
 * that it loads while the browser is still reading Monaco (main.ts takes it over; the server
 * says nothing until it is asked to initialize, so no message is lost meanwhile).
 */
Object.assign(window, { archlintServer: new Worker('language-server.js') });
