/// <reference lib="dom" />
/**
 * The diagram beside the editor: the VS Code extension's diagram view in a frame, fed by the
 * language server's `archlint/diagram` request, as the extension's panel feeds it. Each edit
 * schedules one request (debounced; a newer one cancels the older). A click on a component
 * puts the cursor on its declaration; the cursor in a declaration marks its component. Exports
 * are downloaded.
 */
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import {
    DIAGRAM_REQUEST, isDiagramViewMessage, runName,
    type DiagramHostMessage, type DiagramParams, type DiagramResult, type DiagramViewMessage,
} from '../../language-server/protocol.js';
import type { DirectionChoice } from '../../language-server/diagram/types.js';
import { overlayFromReport } from '../../language-server/diagram/overlay.js';
import { reshaped } from '../../language-server/diagram/direction.js';
import type { SimulationReport } from '../../language-server/simulation/report.js';
import type { monaco } from './editor.js';
import { Frame } from './frame.js';
import { download } from './download.js';
import { RequestCancelled, type LanguageClient } from './language-client.js';

/** Quiet time after a keystroke before asking the server (as in VS Code). */
const DEBOUNCE_MS = 40;
/** Quiet time after the cursor moves before marking its component. */
const CURSOR_MS = 60;

type Editor = monaco.editor.IStandaloneCodeEditor;
type Position = { line: number; character: number };

/** The URI the language server knows a model by (Monaco's LSP client writes it lower case). */
export function documentUri(model: monaco.editor.ITextModel): string {
    return model.uri.toString(true).toLowerCase();
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);

/** The innermost symbol in `symbols` (and their children) whose range holds `at` and whose name `wanted` accepts. */
function symbolAt(symbols: readonly DocumentSymbol[], at: Position, wanted: (name: string) => boolean): string | undefined {
    for (const symbol of symbols) {
        if (before(at, symbol.range.start) || before(symbol.range.end, at)) continue;
        return symbolAt(symbol.children ?? [], at, wanted) ?? (wanted(symbol.name) ? symbol.name : undefined);
    }
    return undefined;
}

/** The diagram frame and what it shows. */
export class DiagramHost {
    private readonly frame: Frame<DiagramViewMessage, DiagramHostMessage>;
    private direction: DirectionChoice = 'auto';
    private view?: { width: number; height: number };
    private system?: string;
    private last?: DiagramResult;
    private timer?: ReturnType<typeof setTimeout>;
    private cursorTimer?: ReturnType<typeof setTimeout>;
    private pending?: AbortController;
    private simulation?: { system: string; version: number; report: SimulationReport };
    private symbols?: { version: number; symbols: Promise<DocumentSymbol[]> };
    /** Hears each answer to a diagram request (the Simulate controls list its system's scenarios). */
    onDiagram: (result: DiagramResult) => void = () => undefined;

    constructor(element: HTMLIFrameElement, private readonly client: LanguageClient, private readonly editor: Editor) {
        this.frame = new Frame(element, 'diagram.html', isDiagramViewMessage, (message) => void this.receive(message));
        editor.onDidChangeModelContent(() => this.schedule());
        editor.onDidChangeModel(() => {
            this.last = undefined;
            this.system = undefined;
            this.simulation = undefined;
            this.schedule(0);
        });
        editor.onDidChangeCursorPosition(() => {
            clearTimeout(this.cursorTimer);
            this.cursorTimer = setTimeout(() => void this.focusCursor(), CURSOR_MS);
        });
    }

    /** The system the diagram shows, once it shows one. */
    get shownSystem(): string | undefined {
        return this.last?.layout?.system;
    }

    /** Shows `system` (a code lens's "Diagram"). */
    showSystem(system: string | undefined): void {
        if (system && system !== this.system) {
            this.system = system;
            this.schedule(0);
        }
    }

    /** Draws a finished simulation's figures on its system, while the model is the one simulated. */
    showSimulation(report: SimulationReport, version: number): void {
        this.simulation = { system: report.system, version, report };
        this.system = report.system;
        this.schedule(0);
    }

    /** Asks for a new diagram after `delay` ms, replacing any request not yet answered. */
    schedule(delay = DEBOUNCE_MS): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.refresh(), delay);
    }

    private async refresh(): Promise<void> {
        const model = this.editor.getModel();
        if (!model) return;
        this.pending?.abort();
        const pending = (this.pending = new AbortController());
        const simulation = this.simulation && (this.system ?? this.last?.layout?.system) === this.simulation.system ? this.simulation : undefined;
        const params: DiagramParams = {
            textDocument: { uri: documentUri(model) }, system: this.system, direction: this.direction, view: this.view, theme: 'light',
            keep: this.direction === 'auto' && this.last?.layout?.system === this.system ? this.last?.layout?.direction : undefined,
            overlay: simulation && { figures: overlayFromReport(simulation.report), version: simulation.version },
        };
        let result: DiagramResult;
        try {
            result = await this.client.request<DiagramResult>(DIAGRAM_REQUEST, params, pending.signal);
        } catch (error) {
            if (!(error instanceof RequestCancelled)) this.frame.post({ type: 'status', message: `Diagram unavailable: ${(error as Error).message}` });
            return;
        }
        this.last = result;
        if (result.layout && result.svg) {
            this.system = result.layout.system;
            const overlay = simulation && result.overlay ? { state: result.overlay, run: runName(simulation.report) } : undefined;
            this.frame.post({ type: 'diagram', svg: result.svg, layout: result.layout, systems: result.systems, direction: this.direction, overlay });
            void this.focusCursor();
        } else {
            this.frame.post({ type: 'status', message: result.message ?? 'No diagram.' });
        }
        this.onDiagram(result);
    }

    private async receive(message: DiagramViewMessage): Promise<void> {
        switch (message.type) {
            case 'ready': return this.schedule(0);
            case 'setDirection':
                this.direction = message.direction;
                return this.schedule(0);
            case 'viewport': {
                if (!(message.width > 0 && message.height > 0)) return;
                const changed = reshaped(this.view, message);
                this.view = { width: message.width, height: message.height };
                if (changed && this.direction === 'auto' && this.last) this.schedule(250);
                return;
            }
            case 'clearOverlay':
                this.simulation = undefined;
                return this.schedule(0);
            case 'selectSystem': return this.showSystem(message.system);
            case 'reveal': return this.reveal(message.component);
            case 'export': return this.export(message.format, message.data);
        }
    }

    /** Puts the cursor on `component`'s declaration. */
    private reveal(component: string): void {
        const node = this.last?.layout?.nodes.find((n) => n.name === component);
        if (!node) return;
        const { start, end } = node.source.range;
        const range = { startLineNumber: start.line + 1, startColumn: start.character + 1, endLineNumber: end.line + 1, endColumn: end.character + 1 };
        this.editor.setSelection(range);
        this.editor.revealRangeInCenterIfOutsideViewport(range);
        this.editor.focus();
    }

    /** Marks the component whose declaration holds the cursor (document symbols give the declarations' extents). */
    private async focusCursor(): Promise<void> {
        const model = this.editor.getModel(), position = this.editor.getPosition(), layout = this.last?.layout;
        if (!model || !position || !layout) return;
        const version = model.getVersionId();
        if (this.symbols?.version !== version) {
            const symbols = this.client.request<DocumentSymbol[] | null>('textDocument/documentSymbol', { textDocument: { uri: documentUri(model) } })
                .then((found) => found ?? [], () => []);
            this.symbols = { version, symbols };
        }
        const symbols = await this.symbols.symbols;
        if (model.getVersionId() !== version) return;
        const names = new Set(layout.nodes.map((n) => n.name));
        const component = symbolAt(symbols, { line: position.lineNumber - 1, character: position.column - 1 }, (name) => names.has(name));
        this.frame.post({ type: 'focus', component });
    }

    private export(format: 'svg' | 'png', data: string): void {
        const name = `${this.last?.layout?.system ?? 'diagram'}.${format}`;
        if (format === 'svg' && data.trimStart().startsWith('<svg')) download(name, 'image/svg+xml', data);
        else if (format === 'png') download(name, 'image/png', data, true);
    }
}
