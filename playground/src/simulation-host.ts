/// <reference lib="dom" />
/**
 * Simulate: the toolbar's scenario choice and button run the language server's
 * `archlint/simulate` (the simulator in its own worker) with a progress bar; the report shows in
 * the VS Code extension's simulation view, in a frame, and its figures go on the diagram.
 * Pressing the button during a run cancels it.
 */
import {
    isSimulationViewMessage, SCENARIOS_REQUEST, SIMULATE_PROGRESS, SIMULATE_REQUEST,
    type ScenariosResult, type SimulateParams, type SimulateProgressParams, type SimulateResult, type SimulationHostMessage, type SimulationViewMessage,
} from '../../language-server/protocol.js';
import type { monaco } from './editor.js';
import { Frame } from './frame.js';
import { documentUri, type DiagramHost } from './diagram-host.js';
import { RequestCancelled, type LanguageClient } from './language-client.js';

/** The page's Simulate controls. */
export interface SimulationControls {
    button: HTMLButtonElement;
    scenario: HTMLSelectElement;
    progress: HTMLProgressElement;
    status: (message: string) => void;
}

/** The simulation frame, its controls and the run under way. */
export class SimulationHost {
    private readonly frame: Frame<SimulationViewMessage, SimulationHostMessage>;
    private running?: AbortController;
    private runs = 0;

    constructor(
        private readonly element: HTMLIFrameElement, private readonly client: LanguageClient,
        private readonly editor: monaco.editor.IStandaloneCodeEditor, private readonly diagram: DiagramHost, private readonly controls: SimulationControls,
    ) {
        this.frame = new Frame(element, 'simulation.html', isSimulationViewMessage, (message) => {
            if (message.type === 'rerun') void this.run();
        });
        controls.button.addEventListener('click', () => (this.running ? this.running.abort() : void this.run()));
        client.onNotification(SIMULATE_PROGRESS, (params) => {
            const { runId, fraction } = (params ?? {}) as Partial<SimulateProgressParams>;
            if (runId === this.runId() && typeof fraction === 'number') controls.progress.value = Math.min(1, Math.max(0, fraction));
        });
    }

    /** Lists the scenarios of the system the diagram shows. */
    async refreshScenarios(): Promise<void> {
        const model = this.editor.getModel();
        if (!model) return;
        let result: ScenariosResult;
        try {
            result = await this.client.request<ScenariosResult>(SCENARIOS_REQUEST, { textDocument: { uri: documentUri(model) } });
        } catch {
            return;
        }
        const system = result.systems.find((s) => s.name === this.diagram.shownSystem) ?? result.systems[0];
        const names = ['', ...(system?.scenarios.map((s) => s.name) ?? [])];
        const select = this.controls.scenario;
        if (names.length === select.options.length && names.every((n, i) => select.options[i].value === n)) return;
        const chosen = select.value;
        select.replaceChildren(...names.map((name) => {
            const option = document.createElement('option');
            option.value = name;
            option.textContent = name ? `Scenario: ${name}` : 'Baseline workload';
            return option;
        }));
        select.value = names.includes(chosen) ? chosen : '';
        select.hidden = names.length < 2;
    }

    /** Simulates `system` (default: the one the diagram shows) under the chosen scenario. */
    async run(system = this.diagram.shownSystem): Promise<void> {
        const model = this.editor.getModel();
        if (!model) return;
        this.running?.abort();
        const running = (this.running = new AbortController());
        this.runs++;
        const params: SimulateParams = { textDocument: { uri: documentUri(model) }, system, scenario: this.controls.scenario.value || undefined, runId: this.runId() };
        const version = model.getVersionId();
        this.busy(true);
        this.controls.status('Simulating…');
        let result: SimulateResult | undefined;
        let failure: string | undefined;
        try {
            result = await this.client.request<SimulateResult>(SIMULATE_REQUEST, params, running.signal);
        } catch (error) {
            failure = error instanceof RequestCancelled ? 'Simulation cancelled.' : `The simulation failed: ${(error as Error).message}`;
        }
        if (this.running !== running) return;
        this.running = undefined;
        this.busy(false);
        if (!result?.report) return this.controls.status(result?.message ?? failure ?? 'No report.');
        this.controls.status('');
        this.element.hidden = false;
        this.frame.post({ type: 'report', report: result.report, file: model.uri.path.split('/').pop() ?? '' });
        this.diagram.showSimulation(result.report, version);
    }

    private runId(): string {
        return `run-${this.runs}`;
    }

    private busy(busy: boolean): void {
        this.controls.button.textContent = busy ? 'Cancel' : 'Simulate';
        this.controls.progress.hidden = !busy;
        this.controls.progress.value = 0;
        this.frame.post({ type: 'status', message: busy ? 'Simulating…' : '', busy });
    }
}
