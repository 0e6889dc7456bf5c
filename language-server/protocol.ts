/**
 * The typed protocol between the language server, the extension and the webviews:
 * every custom request and notification, in one module shared by all three.
 */
import type { DiagramLayout, Direction, DirectionChoice, SimulationOverlay, Theme } from './diagram/types.js';
import type { SimulationReport } from './simulation/report.js';

// ---- Diagram: language server <-> extension -------------------------------------------------

/** The custom request that lays out and renders one system of a document (unsaved text included). */
export const DIAGRAM_REQUEST = 'archlint/diagram';

/** Parameters of `archlint/diagram`. */
export interface DiagramParams {
    textDocument: { uri: string };
    /** Which system; the first of the document when absent or unknown. */
    system?: string;
    direction: DirectionChoice;
    /** The view's size in pixels, which the `auto` direction suits. */
    view?: { width: number; height: number };
    /** Under `auto`, the direction the view shows now: kept unless the other is clearly better. */
    keep?: Direction;
    theme: Theme;
    /** A simulation's figures to draw, and the document version that was simulated. */
    overlay?: { figures: SimulationOverlay; version: number };
}

/** Whether the figures a diagram request carried are drawn, or left out because the model changed since. */
export type OverlayState = 'shown' | 'outdated';

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
    /** Present when the request carried simulation figures. */
    overlay?: OverlayState;
}

// ---- Diagram: extension <-> webview ---------------------------------------------------------

/** The simulation figures a diagram shows, as the view reports them: which run, and whether they are drawn. */
export interface OverlayNote { state: OverlayState; /** Which run, e.g. "scenario eu_down, 60 s". */ run: string }

/** Which run a report comes from, as the diagram's status line names it (OverlayNote.run). */
export function runName(report: SimulationReport): string {
    const what = report.scenario ? `scenario ${report.scenario}` : 'the baseline workload';
    return `${report.mode === 'analytic' ? 'the estimate of' : 'a simulation of'} ${what} (${report.durationS} s, seed ${report.seed})`;
}

/** Messages the extension posts to the diagram webview. */
export type DiagramHostMessage =
    | {
        type: 'diagram'; svg: string; layout: DiagramLayout; systems: string[]; /** The direction asked for (`auto` or fixed). */ direction?: DirectionChoice; overlay?: OverlayNote;
        /** The theme `archlint.diagram.theme` fixes; absent, the view follows VS Code's theme. */
        theme?: Theme;
    }
    | { type: 'status'; message: string }
    /** The component whose declaration holds the editor's cursor, highlighted (none: no highlight). */
    | { type: 'focus'; component?: string };

/** Messages the diagram webview posts to the extension. */
export type DiagramViewMessage =
    | { type: 'ready' }
    | { type: 'reveal'; component: string }
    | { type: 'setDirection'; direction: DirectionChoice }
    | { type: 'selectSystem'; system: string }
    | { type: 'viewport'; width: number; height: number }
    | { type: 'clearOverlay' }
    | { type: 'export'; format: 'svg' | 'png'; /** SVG text, or PNG bytes in base64. */ data: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown, max = 1_000): v is string => typeof v === 'string' && v.length <= max;
const isDirection = (v: unknown): v is DirectionChoice => v === 'right' || v === 'down' || v === 'auto';
const isSize = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100_000;

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
        case 'viewport': return isSize(v.width) && isSize(v.height);
        case 'clearOverlay': return true;
        case 'export': return (v.format === 'svg' || v.format === 'png') && isString(v.data, MAX_EXPORT_CHARS);
        default: return false;
    }
}

/** Whether `v` is a well-formed message from the extension to the diagram webview. */
export function isDiagramHostMessage(v: unknown): v is DiagramHostMessage {
    if (!isRecord(v)) return false;
    if (v.type === 'status') return isString(v.message, 10_000);
    if (v.type === 'focus') return v.component === undefined || isString(v.component);
    if (v.type !== 'diagram' || typeof v.svg !== 'string' || !Array.isArray(v.systems) || !v.systems.every((s) => isString(s))) return false;
    if (v.direction !== undefined && !isDirection(v.direction)) return false;
    if (v.theme !== undefined && v.theme !== 'light' && v.theme !== 'dark') return false;
    if (v.overlay !== undefined && !(isRecord(v.overlay) && (v.overlay.state === 'shown' || v.overlay.state === 'outdated') && isString(v.overlay.run))) return false;
    const layout = v.layout;
    return isRecord(layout) && isString(layout.system) && (layout.direction === 'right' || layout.direction === 'down')
        && Array.isArray(layout.nodes) && Array.isArray(layout.edges) && Array.isArray(layout.zones) && Array.isArray(layout.flows);
}

// ---- Simulation: language server <-> extension ----------------------------------------------

/** The custom request listing the systems of a document and the scenarios of each. */
export const SCENARIOS_REQUEST = 'archlint/scenarios';

/** Parameters of `archlint/scenarios`. */
export interface ScenariosParams {
    textDocument: { uri: string };
}

/** One scenario a run can choose. */
export interface ScenarioInfo {
    name: string;
    title?: string;
    /** Simulated seconds the scenario declares, if it does. */
    durationS?: number;
}

/** Answer to `archlint/scenarios`: every system of the document, in order, with its scenarios. */
export interface ScenariosResult {
    systems: { name: string; title?: string; scenarios: ScenarioInfo[] }[];
}

/** The custom request that simulates one system of a document (unsaved text included) in a worker. */
export const SIMULATE_REQUEST = 'archlint/simulate';

/** Parameters of `archlint/simulate`. */
export interface SimulateParams {
    textDocument: { uri: string };
    /** Which system; the first of the document when absent. */
    system?: string;
    /** A scenario of that system; the workload as declared when absent. */
    scenario?: string;
    /** Simulated seconds; the scenario's, else the simulator's default, when absent. */
    durationS?: number;
    seed?: number;
    /** Chosen by the client; progress notifications of this run carry it. */
    runId: string;
}

/** Answer to `archlint/simulate`: the report, or a message saying why there is none. */
export interface SimulateResult {
    report?: SimulationReport;
    message?: string;
}

/** The notification of a run's progress, sent at most every ~100 ms and once at the end. */
export const SIMULATE_PROGRESS = 'archlint/simulateProgress';

/** Parameters of `archlint/simulateProgress`: the fraction of simulated time done (0..1). */
export interface SimulateProgressParams {
    runId: string;
    fraction: number;
}

// ---- Simulation: extension <-> webview ------------------------------------------------------

/** Messages the extension posts to the simulation webview. */
export type SimulationHostMessage =
    | { type: 'report'; report: SimulationReport; /** The simulated file's name, for the heading. */ file: string }
    | { type: 'status'; message: string; /** Whether a run is under way (the view disables "Run again"). */ busy: boolean };

/** Messages the simulation webview posts to the extension. */
export type SimulationViewMessage =
    | { type: 'ready' }
    | { type: 'rerun' };

/** Whether `v` is a well-formed message from the simulation webview. */
export function isSimulationViewMessage(v: unknown): v is SimulationViewMessage {
    return isRecord(v) && (v.type === 'ready' || v.type === 'rerun');
}

/** Whether `v` is a well-formed message from the extension to the simulation webview. */
export function isSimulationHostMessage(v: unknown): v is SimulationHostMessage {
    if (!isRecord(v)) return false;
    if (v.type === 'status') return isString(v.message, 10_000) && typeof v.busy === 'boolean';
    return v.type === 'report' && isString(v.file) && isSimulationReport(v.report);
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const hasNumbers = (v: unknown, keys: readonly string[]): v is Record<string, number> => isRecord(v) && keys.every((k) => isNumber(v[k]));
const LATENCY = ['mean', 'p50', 'p95', 'p99'] as const;
const isLatency = (v: unknown) => hasNumbers(v, LATENCY);
/** Series longer than this are refused: a report's arrays are per shard or 60 time slices. */
const MAX_SERIES = 100_000;
const isSeries = (v: unknown) => Array.isArray(v) && v.length <= MAX_SERIES && v.every(isNumber);
const isRecordOf = (v: unknown, item: (x: unknown) => boolean) => isRecord(v) && Object.keys(v).every((k) => k.length <= 1_000 && item(v[k]));

/** Whether `v` has the shape of a simulation report (cli.md), deep enough for the view to draw it safely. */
export function isSimulationReport(v: unknown): v is SimulationReport {
    if (!isRecord(v)) return false;
    return isString(v.system) && (v.scenario === null || isString(v.scenario)) && (v.mode === 'simulation' || v.mode === 'analytic')
        && hasNumbers(v, ['seed', 'durationS', 'throughputRps', 'availability', 'simulatedS', 'events'])
        && hasNumbers(v.requests, ['offered', 'completed', 'failed']) && isLatency(v.latencyMs)
        && Array.isArray(v.limitsHit) && v.limitsHit.every((s) => isString(s, 100))
        && isRecordOf(v.flows, (f) => hasNumbers(f, ['throughputRps', 'failed']) && isLatency((f as Record<string, unknown>).latencyMs))
        && isRecordOf(v.components, (c) => hasNumbers(c, ['utilisation', 'maxUtilisation', 'throughputRps', 'failed']) && isLatency((c as Record<string, unknown>).latencyMs))
        && isRecordOf(v.caches, (c) => hasNumbers(c, ['hitRate', 'lostWrites', 'collapsed']) && isString((c as Record<string, unknown>).model, 20))
        && isRecordOf(v.shards, (s) => hasNumbers(s, ['maxOverMean']) && isSeries((s as Record<string, unknown>).loadRps))
        && isRecordOf(v.queues, (q) => hasNumbers(q, ['maxDepth', 'deadLettered', 'depth', 'lost', 'dropped']) && isSeries((q as Record<string, unknown>).depthOverTime));
}
