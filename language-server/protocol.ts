/**
 * The typed protocol between the language server, the extension and the webviews:
 * every custom request and notification, in one module shared by all three.
 */
export {};
