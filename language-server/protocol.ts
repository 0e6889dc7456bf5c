/**
 * The typed protocol between the language server, the extension and the webviews:
 * every custom request and notification, in one module shared by all three.
 */
import type { DiagramLayout, Direction, Theme } from './diagram/types.js';

// ---- Diagram: language server <-> extension -------------------------------------------------

/** The custom request that lays out and renders one system of a document (unsaved text included). */
export const DIAGRAM_REQUEST = 'archlint/diagram';

/** Parameters of `archlint/diagram`. */
export interface DiagramParams {
    textDocument: { uri: string };
    /** Which system; the first of the document when absent or unknown. */
    system?: string;
    direction: Direction;
    theme: Theme;
}

/** Answer to `archlint/diagram`: the diagram, or a message saying why there is none. */
export interface DiagramResult {
    uri: string;
    /** Version of the text the diagram shows. */
    version: number;
    /** Every system of the document, in order. */
    systems: string[];
    layout?: DiagramLayout;
    svg?: string;
    message?: string;
}

// ---- Diagram: extension <-> webview ---------------------------------------------------------

/** Messages the extension posts to the diagram webview. */
export type DiagramHostMessage =
    | { type: 'diagram'; svg: string; layout: DiagramLayout; systems: string[] }
    | { type: 'status'; message: string };

/** Messages the diagram webview posts to the extension. */
export type DiagramViewMessage =
    | { type: 'ready' }
    | { type: 'reveal'; component: string }
    | { type: 'setDirection'; direction: Direction }
    | { type: 'selectSystem'; system: string }
    | { type: 'export'; format: 'svg' | 'png'; /** SVG text, or PNG bytes in base64. */ data: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown, max = 1_000): v is string => typeof v === 'string' && v.length <= max;
const isDirection = (v: unknown): v is Direction => v === 'right' || v === 'down';

/** Exported images up to this size (characters) are accepted from the webview. */
const MAX_EXPORT_CHARS = 64 * 1024 * 1024;

/** Whether `v` is a well-formed message from the diagram webview. */
export function isDiagramViewMessage(v: unknown): v is DiagramViewMessage {
    if (!isRecord(v)) return false;
    switch (v.type) {
        case 'ready': return true;
        case 'reveal': return isString(v.component);
        case 'setDirection': return isDirection(v.direction);
        case 'selectSystem': return isString(v.system);
        case 'export': return (v.format === 'svg' || v.format === 'png') && isString(v.data, MAX_EXPORT_CHARS);
        default: return false;
    }
}

/** Whether `v` is a well-formed message from the extension to the diagram webview. */
export function isDiagramHostMessage(v: unknown): v is DiagramHostMessage {
    if (!isRecord(v)) return false;
    if (v.type === 'status') return isString(v.message, 10_000);
    if (v.type !== 'diagram' || typeof v.svg !== 'string' || !Array.isArray(v.systems) || !v.systems.every((s) => isString(s))) return false;
    const layout = v.layout;
    return isRecord(layout) && isString(layout.system) && isDirection(layout.direction)
        && Array.isArray(layout.nodes) && Array.isArray(layout.edges) && Array.isArray(layout.zones) && Array.isArray(layout.flows);
}
