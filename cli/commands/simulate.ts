/** `archlint simulate FILE`: runs the simulator (or the analytic estimate) on one system. */
import { performance } from 'node:perf_hooks';
import { createNodeArchServices, buildFiles, FileReadError } from '../../language-server/workspace.js';
import { buildModels } from '../../language-server/model/build-model.js';
import { normalise } from '../../language-server/model/units.js';
import { LANGUAGE_ERRORS } from '../../language-server/rules/language-errors.js';
import { runSimulation } from '../../language-server/simulation/run.js';
import { SimulationError, type LoadChoice, type SimulationOptions } from '../../language-server/simulation/settings.js';
import { analyticReport } from '../../language-server/simulation/estimate/report.js';
import type { SimulationReport } from '../../language-server/simulation/report.js';
import type { ArchModel } from '../../language-server/model/types.js';
import type { CommandIO, ExitCode } from '../io.js';
import { formatReport } from './simulate-table.js';

/** Options of `archlint simulate`. */
export interface SimulateOptions {
    system?: string;
    scenario?: string;
    /** A duration as written (`60s`, `2m`). */
    duration?: string;
    seed?: number;
    rps?: number;
    /** `mean`, `peak` or a factor on the mean as written (`2x`, `1.5`). */
    load?: string;
    /** A warm-up duration as written (`5s`): left out of the statistics. */
    warmup?: string;
    analytic?: boolean;
    format: 'table' | 'json';
}

/** A reason to stop with exit code 2, printed as one line. */
class SimulateFailure extends Error {}

/** The progress bar appears only for runs that last longer than this. */
const PROGRESS_AFTER_MS = 1000;
const LANGUAGE = new Set(LANGUAGE_ERRORS.map((r) => r.id));

/** Simulates one system of `file` and prints the report; 2 with a one-line reason when it cannot. */
export async function runSimulate(file: string, options: SimulateOptions, io: CommandIO): Promise<ExitCode> {
    try {
        const model = await loadModel(file, options.system);
        const settings: SimulationOptions = {
            scenario: options.scenario, durationS: parseDuration(options.duration, '--duration'), seed: options.seed, rps: options.rps,
            load: parseLoad(options.load), warmupS: options.warmup === undefined ? undefined : parseDuration(options.warmup, '--warmup', true),
        };
        if (settings.scenario !== undefined && !model.scenarios.some((s) => s.name === settings.scenario)) {
            throw new SimulateFailure(`no scenario '${settings.scenario}' in system ${model.name} (it has: ${model.scenarios.map((s) => s.name).join(', ') || 'none'})`);
        }
        const report = options.analytic ? analyticReport(model, settings) : await simulateWithProgress(model, settings, io);
        io.stdout(options.format === 'json' ? `${JSON.stringify(report)}\n` : formatReport(report));
        return 0;
    } catch (error) {
        if (!(error instanceof SimulateFailure || error instanceof SimulationError)) throw error;
        io.stderr(`archlint simulate: ${error.message}\n`);
        return 2;
    }
}

async function loadModel(file: string, system: string | undefined): Promise<ArchModel> {
    let built;
    try {
        [built] = await buildFiles(createNodeArchServices(), [file]);
    } catch (error) {
        if (error instanceof FileReadError) throw new SimulateFailure(error.message);
        throw error;
    }
    const errors = built.diagnostics.filter((d) => d.severity === 1 && LANGUAGE.has(String(d.code)));
    if (errors.length) {
        const first = errors[0];
        const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
        throw new SimulateFailure(`${file}:${first.range.start.line + 1}:${first.range.start.character + 1}: ${first.message}${more}`);
    }
    const models = buildModels(built.document.parseResult.value);
    if (models.length === 0) throw new SimulateFailure(`${file} declares no system`);
    const model = system ? models.find((m) => m.name === system) : models[0];
    if (!model) throw new SimulateFailure(`no system '${system}' in ${file} (it has: ${models.map((m) => m.name).join(', ')})`);
    return model;
}

function parseDuration(text: string | undefined, option: string, zero = false): number | undefined {
    if (text === undefined) return undefined;
    const parsed = normalise(text.trim(), 'duration');
    if (!parsed.ok || !(parsed.value > 0 || (zero && parsed.value === 0))) {
        throw new SimulateFailure(`${option} ${text}: expected a ${zero ? '' : 'positive '}duration such as 60s or 2m`);
    }
    return parsed.value;
}

/** `--load mean|peak|Nx`: which load the run offers. */
function parseLoad(text: string | undefined): LoadChoice | undefined {
    if (text === undefined) return undefined;
    const word = text.trim();
    if (word === 'mean' || word === 'peak') return word;
    const parsed = normalise(word, 'factor');
    if (!parsed.ok || !(parsed.value >= 0)) throw new SimulateFailure(`--load ${text}: expected mean, peak or a factor on the mean rate such as 2x`);
    return parsed.value;
}

/** Runs the simulation with a progress bar on stderr when on a terminal and slower than a second. */
async function simulateWithProgress(model: ArchModel, settings: SimulationOptions, io: CommandIO): Promise<SimulationReport> {
    if (!io.isTTY) return runSimulation(model, settings);
    const started = performance.now();
    let drawn = false;
    const report = await runSimulation(model, {
        ...settings,
        onProgress: (fraction) => {
            if (performance.now() - started < PROGRESS_AFTER_MS || fraction >= 1) return;
            const width = 30, filled = Math.round(fraction * width);
            io.stderr(`\rsimulating [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(fraction * 100)}%`);
            drawn = true;
        },
    });
    if (drawn) io.stderr('\r\x1b[K');
    return report;
}
