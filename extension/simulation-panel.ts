/**
 * "Archlint: Simulate": picks a system and a scenario, asks the language server to simulate it
 * (in the server's worker thread) under a cancellable progress notification, and shows the
 * report in a webview beside the editor, one per system, reused by later runs. The webview can
 * only ask to be filled ('ready') or to run the same simulation again ('rerun').
 */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node.js';
import {
    isSimulationViewMessage, SCENARIOS_REQUEST, SIMULATE_PROGRESS, SIMULATE_REQUEST,
    type ScenarioInfo, type ScenariosParams, type ScenariosResult, type SimulateParams, type SimulateProgressParams,
    type SimulateResult, type SimulationHostMessage,
} from '../language-server/protocol.js';
import type { SimulationReport } from '../language-server/simulation/report.js';
import { createNonce } from './webview-page.js';
import { simulationPageHtml } from './simulation-page.js';

/** The command (editor title button, code lens, command palette); arguments (uri, system) are optional. */
const SIMULATE = 'archlint.simulate';
const DURATION = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)$/;
const UNIT_S: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** What one run simulates; settings (duration, seed) are read when it starts. */
interface RunTarget { uri: vscode.Uri; system: string; scenario?: ScenarioInfo }

/** Simulated seconds from the `archlint.simulation.duration` setting, or undefined (the server's default). */
function settingDuration(uri: vscode.Uri): number | undefined {
    const text = vscode.workspace.getConfiguration('archlint', uri).get<string>('simulation.duration');
    const match = typeof text === 'string' ? DURATION.exec(text.trim()) : null;
    return match ? Number(match[1]) * UNIT_S[match[2]] : undefined;
}

function settingSeed(uri: vscode.Uri): number | undefined {
    const seed = vscode.workspace.getConfiguration('archlint', uri).get<number>('simulation.seed');
    return typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0 ? seed : undefined;
}

const seconds = (s: number) => (s >= 3600 && s % 3600 === 0 ? `${s / 3600} h` : s >= 60 && s % 60 === 0 ? `${s / 60} min` : `${s} s`);

class SimulationPanel {
    private ready = false;
    private last?: SimulationHostMessage;

    constructor(readonly panel: vscode.WebviewPanel, public target: RunTarget, rerun: () => void, onDispose: () => void) {
        panel.onDidDispose(onDispose);
        panel.webview.onDidReceiveMessage((message: unknown) => {
            if (!isSimulationViewMessage(message)) return;
            if (message.type === 'rerun') return rerun();
            this.ready = true;
            if (this.last) this.post(this.last);
        });
    }

    /** Shows a report (kept, so a webview reloaded after being hidden gets it again). */
    show(report: SimulationReport): void {
        this.panel.title = `Simulation: ${report.system}`;
        this.post((this.last = { type: 'report', report, file: this.target.uri.path.split('/').pop() ?? '' }));
    }

    /** Shows a status line above the report, e.g. while a new run is under way. */
    status(message: string, busy: boolean): void {
        this.post({ type: 'status', message, busy });
    }

    private post(message: SimulationHostMessage): void {
        if (this.ready) void this.panel.webview.postMessage(message);
    }
}

/** Hears each finished run: the document, the version that was simulated, and the report. */
export type ReportListener = (uri: vscode.Uri, version: number, report: SimulationReport) => void;

/** Registers "Archlint: Simulate" and the simulation panels; `onReport` hears every report shown. */
export function registerSimulationView(context: vscode.ExtensionContext, client: LanguageClient, onReport?: ReportListener): void {
    const panels = new Map<string, SimulationPanel>();
    const running = new Map<string, vscode.CancellationTokenSource>();
    const progress = new Map<string, (fraction: number) => void>();
    const scriptRoot = vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
    const keyOf = (t: RunTarget) => `${t.uri.toString()}#${t.system}`;

    const panelFor = (target: RunTarget): SimulationPanel => {
        const key = keyOf(target);
        const existing = panels.get(key);
        if (existing) {
            existing.target = target;
            existing.panel.reveal(existing.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
            return existing;
        }
        const panel = vscode.window.createWebviewPanel('archlint.simulation', `Simulation: ${target.system}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
            enableScripts: true,
            localResourceRoots: [scriptRoot],
        });
        const webview = panel.webview;
        webview.html = simulationPageHtml({
            scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(scriptRoot, 'simulation-view.js')).toString(),
            nonce: createNonce(),
            cspSource: webview.cspSource,
        });
        const created = new SimulationPanel(panel, target, () => void execute(created.target), () => panels.delete(key));
        panels.set(key, created);
        return created;
    };

    const execute = async (target: RunTarget): Promise<void> => {
        const key = keyOf(target);
        running.get(key)?.cancel();
        const source = new vscode.CancellationTokenSource();
        running.set(key, source);
        const runId = randomUUID();
        // The scenario's own duration wins; the setting applies when it gives none.
        const params: SimulateParams = {
            textDocument: { uri: target.uri.toString() }, system: target.system, scenario: target.scenario?.name,
            durationS: target.scenario?.durationS === undefined ? settingDuration(target.uri) : undefined,
            seed: settingSeed(target.uri), runId,
        };
        // The server simulates the text it has when the request arrives: this version.
        const version = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.uri.toString())?.version;
        const open = panels.get(key);
        open?.status(`Simulating${target.scenario ? ` scenario ${target.scenario.name}` : ''}…`, true);
        let result: SimulateResult | undefined;
        let superseded = false;
        let failure: string | undefined;
        try {
            result = await vscode.window.withProgress({
                location: vscode.ProgressLocation.Notification, cancellable: true,
                title: `Simulating ${target.system}${target.scenario ? ` (${target.scenario.name})` : ''}`,
            }, async (bar, token) => {
                token.onCancellationRequested(() => source.cancel());
                let shown = 0;
                progress.set(runId, (fraction) => {
                    const percent = Math.floor(Math.min(1, Math.max(0, fraction)) * 100);
                    if (percent <= shown) return;
                    bar.report({ increment: percent - shown, message: `${percent}%` });
                    shown = percent;
                });
                return client.sendRequest<SimulateResult>(SIMULATE_REQUEST, params, source.token);
            });
        } catch (error) {
            if (!source.token.isCancellationRequested) failure = `The simulation failed: ${(error as Error).message}`;
        } finally {
            progress.delete(runId);
            superseded = running.get(key) !== source;
            if (!superseded) running.delete(key);
            source.dispose();
        }
        if (superseded) return;
        if (!result?.report) {
            const why = result?.message ?? failure;
            panels.get(key)?.status(why ?? 'Run cancelled.', false);
            if (why) void vscode.window.showWarningMessage(`Archlint: ${why}`);
            return;
        }
        panelFor(target).show(result.report);
        if (version !== undefined) onReport?.(target.uri, version, result.report);
    };

    const command = async (arg?: unknown, system?: unknown): Promise<void> => {
        const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.parse(arg)
            : vscode.window.activeTextEditor?.document.languageId === 'arch' ? vscode.window.activeTextEditor.document.uri : undefined;
        if (!uri) return void vscode.window.showInformationMessage('Open an .arch file to simulate it.');
        // The server simulates open documents (their unsaved text): make sure this one is.
        await vscode.workspace.openTextDocument(uri);
        let systems: ScenariosResult['systems'];
        try {
            ({ systems } = await client.sendRequest<ScenariosResult>(SCENARIOS_REQUEST, { textDocument: { uri: uri.toString() } } satisfies ScenariosParams));
        } catch (error) {
            return void vscode.window.showErrorMessage(`Archlint: could not list the scenarios: ${(error as Error).message}`);
        }
        if (!systems.length) return void vscode.window.showInformationMessage('This file declares no system to simulate yet.');
        let chosen = systems.find((s) => s.name === system) ?? (systems.length === 1 ? systems[0] : undefined);
        if (!chosen) {
            const pick = await vscode.window.showQuickPick(systems.map((s) => ({ label: s.name, description: s.title, system: s })), { title: 'Simulate which system?' });
            if (!pick) return;
            chosen = pick.system;
        }
        let scenario: ScenarioInfo | undefined;
        if (chosen.scenarios.length) {
            const fallback = settingDuration(uri);
            const pick = await vscode.window.showQuickPick([
                { label: 'Baseline — the workload as declared', description: fallback ? seconds(fallback) : undefined, scenario: undefined },
                ...chosen.scenarios.map((s) => ({
                    label: s.name,
                    description: [s.title, s.durationS !== undefined ? seconds(s.durationS) : fallback ? seconds(fallback) : undefined].filter(Boolean).join(' · '),
                    scenario: s,
                })),
            ], { title: `Simulate ${chosen.name}: choose a scenario`, matchOnDescription: true });
            if (!pick) return;
            scenario = pick.scenario;
        }
        await execute({ uri, system: chosen.name, scenario });
    };

    context.subscriptions.push(
        vscode.commands.registerCommand(SIMULATE, command),
        client.onNotification(SIMULATE_PROGRESS, (params: SimulateProgressParams) => {
            if (typeof params?.runId === 'string' && typeof params.fraction === 'number') progress.get(params.runId)?.(params.fraction);
        }),
        { dispose: () => { running.forEach((s) => s.cancel()); panels.forEach((p) => p.panel.dispose()); } },
    );
}
