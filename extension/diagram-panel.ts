/**
 * "Archlint: Open Diagram": a webview beside the editor that follows the document's unsaved
 * text. Each edit schedules one `archlint/diagram` request (debounced; a newer edit cancels the
 * older request), the answer goes to the webview, which keeps its zoom and pan. Messages from
 * the webview are validated, and a reveal is resolved against the server's own layout, so the
 * webview can only name a component, never a file.
 *
 * The direction follows `archlint.diagram.direction` (`auto` by default: the server picks the
 * one that suits the panel's size, which the webview reports) until the view's own control
 * changes it. The colours follow VS Code's theme unless `archlint.diagram.theme` fixes them.
 * After a Simulate run, the latest report of each document is kept and its figures go with
 * every request for that system; the server draws them while the model is the one simulated
 * and says when they are outdated.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import {
    DIAGRAM_REQUEST, isDiagramViewMessage, runName,
    type DiagramHostMessage, type DiagramParams, type DiagramResult, type DiagramViewMessage,
} from '../language-server/protocol.js';
import type { DirectionChoice, SimulationOverlay } from '../language-server/diagram/types.js';
import { overlayFromReport } from '../language-server/diagram/overlay.js';
import { reshaped } from '../language-server/diagram/direction.js';
import { diagramTheme } from '../language-server/diagram/theme.js';
import type { SimulationReport } from '../language-server/simulation/report.js';
import { diagramPageHtml } from './diagram-page.js';
import { createNonce } from './webview-page.js';

/** The command that opens the diagram (editor title button, code lens, command palette). */
const OPEN_DIAGRAM = 'archlint.openDiagram';

/** Quiet time after a keystroke before asking the server: well inside the 200 ms refresh bar. */
const DEBOUNCE_MS = 40;
/** Quiet time after the panel is resized before an `auto` diagram is asked for again. */
const RESIZE_MS = 250;

/** The figures of a document's latest Simulate run. */
interface SimulationFigures {
    system: string;
    /** The document version that was simulated. */
    version: number;
    figures: SimulationOverlay;
    /** Which run, for the view's status line. */
    run: string;
}

/** The direction the setting asks for. */
function settingDirection(uri: vscode.Uri): DirectionChoice {
    const value = vscode.workspace.getConfiguration('archlint', uri).get<string>('diagram.direction');
    return value === 'right' || value === 'down' ? value : 'auto';
}

class DiagramPanel {
    private direction: DirectionChoice;
    /** Set by the view's own control: the setting no longer decides. */
    private chosen = false;
    private view?: { width: number; height: number };
    private last?: DiagramResult;
    private timer?: ReturnType<typeof setTimeout>;
    private pending?: vscode.CancellationTokenSource;

    constructor(
        readonly panel: vscode.WebviewPanel,
        readonly uri: vscode.Uri,
        private system: string | undefined,
        private readonly client: LanguageClient,
        private readonly simulation: (uri: vscode.Uri) => SimulationFigures | undefined,
        private readonly clearSimulation: (uri: vscode.Uri) => void,
        private readonly onDispose: () => void,
    ) {
        this.direction = settingDirection(uri);
        panel.onDidDispose(() => this.dispose());
        panel.webview.onDidReceiveMessage((message: unknown) => {
            if (isDiagramViewMessage(message)) void this.receive(message);
        });
    }

    /** Shows another system of the same document. */
    showSystem(system: string | undefined): void {
        if (system && system !== this.system) {
            this.system = system;
            this.schedule(0);
        }
    }

    /** Asks for a new diagram after `delay` ms, replacing any request not yet answered. */
    schedule(delay = DEBOUNCE_MS): void {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.refresh(), delay);
    }

    private async refresh(): Promise<void> {
        this.pending?.cancel();
        const pending = (this.pending = new vscode.CancellationTokenSource());
        const kind = vscode.window.activeColorTheme.kind;
        const editorTheme = kind === vscode.ColorThemeKind.Light || kind === vscode.ColorThemeKind.HighContrastLight ? 'light' : 'dark';
        const { theme, fixed } = diagramTheme(vscode.workspace.getConfiguration('archlint', this.uri).get('diagram.theme'), editorTheme);
        const simulation = this.simulation(this.uri);
        const figures = simulation && (this.system ?? this.last?.layout?.system) === simulation.system ? simulation : undefined;
        const params: DiagramParams = {
            textDocument: { uri: this.uri.toString() }, system: this.system, direction: this.direction, view: this.view, theme,
            // An open diagram keeps its direction while it is edited, unless the other becomes clearly better.
            keep: this.direction === 'auto' && this.last?.layout?.system === this.system ? this.last?.layout?.direction : undefined,
            overlay: figures && { figures: figures.figures, version: figures.version },
        };
        let result: DiagramResult;
        try {
            result = await this.client.sendRequest<DiagramResult>(DIAGRAM_REQUEST, params, pending.token);
        } catch (error) {
            if (!pending.token.isCancellationRequested) this.post({ type: 'status', message: `Diagram unavailable: ${(error as Error).message}` });
            return;
        }
        if (pending.token.isCancellationRequested) return;
        this.last = result;
        if (result.layout && result.svg) {
            this.system = result.layout.system;
            this.panel.title = `Diagram: ${result.layout.system}`;
            const overlay = figures && result.overlay ? { state: result.overlay, run: figures.run } : undefined;
            this.post({ type: 'diagram', svg: result.svg, layout: result.layout, systems: result.systems, direction: this.direction, overlay, theme: fixed ? theme : undefined });
        } else {
            this.post({ type: 'status', message: result.message ?? 'No diagram.' });
        }
    }

    private post(message: DiagramHostMessage): void {
        void this.panel.webview.postMessage(message);
    }

    /** Follows a change of the direction setting, unless the view's control chose one. */
    settingChanged(): void {
        if (this.chosen) return;
        this.direction = settingDirection(this.uri);
        this.schedule(0);
    }

    private async receive(message: DiagramViewMessage): Promise<void> {
        switch (message.type) {
            case 'ready': return this.schedule(0);
            case 'setDirection':
                this.direction = message.direction;
                this.chosen = true;
                return this.schedule(0);
            case 'viewport': {
                if (!(message.width > 0 && message.height > 0)) return;
                const changed = reshaped(this.view, message);
                this.view = { width: message.width, height: message.height };
                // Only an `auto` diagram depends on the panel's shape.
                if (changed && this.direction === 'auto' && this.last) this.schedule(RESIZE_MS);
                return;
            }
            case 'clearOverlay':
                this.clearSimulation(this.uri);
                return this.schedule(0);
            case 'selectSystem': return this.showSystem(message.system);
            case 'reveal': return this.reveal(message.component);
            case 'export': return this.export(message.format, message.data);
        }
    }

    private async reveal(component: string): Promise<void> {
        const node = this.last?.layout?.nodes.find((n) => n.name === component);
        if (!node) return;
        const { start, end } = node.source.range;
        const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === node.source.uri);
        await vscode.window.showTextDocument(vscode.Uri.parse(node.source.uri), {
            viewColumn: editor?.viewColumn ?? vscode.ViewColumn.One,
            selection: new vscode.Range(start.line, start.character, end.line, end.character),
        });
    }

    private async export(format: 'svg' | 'png', data: string): Promise<void> {
        const bytes = format === 'svg' ? Buffer.from(data, 'utf8') : Buffer.from(data, 'base64');
        const valid = format === 'svg' ? data.trimStart().startsWith('<svg') : bytes.subarray(0, 4).toString('hex') === '89504e47';
        if (!valid) return;
        const name = `${this.last?.layout?.system ?? 'diagram'}.${format}`;
        const target = await vscode.window.showSaveDialog({
            defaultUri: vscode.Uri.joinPath(this.uri, '..', name),
            filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
        });
        if (!target) return;
        await vscode.workspace.fs.writeFile(target, bytes);
        void vscode.window.showInformationMessage(`Diagram exported to ${vscode.workspace.asRelativePath(target)}.`);
    }

    private dispose(): void {
        clearTimeout(this.timer);
        this.pending?.cancel();
        this.onDispose();
    }
}

function targetOf(arg: unknown): vscode.Uri | undefined {
    if (arg instanceof vscode.Uri) return arg;
    if (typeof arg === 'string') return vscode.Uri.parse(arg);
    const editor = vscode.window.activeTextEditor;
    return editor?.document.languageId === 'arch' ? editor.document.uri : undefined;
}

/** What the rest of the extension tells open diagrams. */
export interface DiagramViews {
    /** A Simulate run of `system` in `uri` (at document `version`) finished with `report`: its figures go on that diagram. */
    showSimulation(uri: vscode.Uri, version: number, report: SimulationReport): void;
}

/** Registers the diagram command and keeps open diagrams in step with their documents. */
export function registerDiagramView(context: vscode.ExtensionContext, client: LanguageClient): DiagramViews {
    const panels = new Map<string, DiagramPanel>();
    const simulations = new Map<string, SimulationFigures>();
    const scriptRoot = vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');

    const open = (arg?: unknown, system?: unknown): void => {
        const uri = targetOf(arg);
        if (!uri) {
            void vscode.window.showInformationMessage('Open an .arch file to see its diagram.');
            return;
        }
        const name = typeof system === 'string' ? system : undefined;
        const existing = panels.get(uri.toString());
        if (existing) {
            existing.panel.reveal(vscode.ViewColumn.Beside, true);
            existing.showSystem(name);
            return;
        }
        const panel = vscode.window.createWebviewPanel('archlint.diagram', `Diagram: ${uri.path.split('/').pop()}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
            enableScripts: true,
            localResourceRoots: [scriptRoot],
        });
        const webview = panel.webview;
        webview.html = diagramPageHtml({
            scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(scriptRoot, 'diagram-view.js')).toString(),
            nonce: createNonce(),
            cspSource: webview.cspSource,
        });
        panels.set(uri.toString(), new DiagramPanel(panel, uri, name, client,
            (u) => simulations.get(u.toString()), (u) => simulations.delete(u.toString()), () => panels.delete(uri.toString())));
    };

    context.subscriptions.push(
        vscode.commands.registerCommand(OPEN_DIAGRAM, open),
        // Any .arch edit may change a diagram: its own document, or a file it imports.
        vscode.workspace.onDidChangeTextDocument((e) => {
            if (e.contentChanges.length > 0 && e.document.languageId === 'arch') panels.forEach((p) => p.schedule());
        }),
        vscode.window.onDidChangeActiveColorTheme(() => panels.forEach((p) => p.schedule(0))),
        vscode.workspace.onDidChangeConfiguration((e) => {
            if (e.affectsConfiguration('archlint.diagram.direction')) panels.forEach((p) => p.settingChanged());
            if (e.affectsConfiguration('archlint.diagram.theme')) panels.forEach((p) => p.schedule(0));
        }),
        { dispose: () => panels.forEach((p) => p.panel.dispose()) },
    );
    return {
        showSimulation: (uri, version, report) => {
            simulations.set(uri.toString(), { system: report.system, version, figures: overlayFromReport(report), run: runName(report) });
            const panel = panels.get(uri.toString());
            if (panel) {
                panel.showSystem(report.system);
                panel.schedule(0);
            }
        },
    };
}
