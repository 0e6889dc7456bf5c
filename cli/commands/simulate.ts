/** `archlint simulate FILE`: runs the simulator (or the analytic estimate) on one system. */
import { performance } from 'node:perf_hooks';
import { normalise } from '../../language-server/model/units.js';
import { ArchlintError } from '../../language-server/errors.js';
import { runSimulation } from '../../language-server/simulation/run.js';
import { SimulationError, type LoadChoice, type SimulationOptions } from '../../language-server/simulation/settings.js';
import { analyticReport } from '../../language-server/simulation/estimate/report.js';
import type { SimulationReport } from '../../language-server/simulation/report.js';
import type { ArchModel } from '../../language-server/model/types.js';
import type { CommandIO, ExitCode, ReadOptions } from '../io.js';
import { loadSystem } from '../load-system.js';
import { formatReport } from './simulate-table.js';

/** Options of `archlint simulate`. */
export interface SimulateOptions extends ReadOptions {
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

/** The progress bar appears only for runs that last longer than this. */
const PROGRESS_AFTER_MS = 1000;

/** Simulates one system of `file` and prints the report; an ArchlintError (exit 2, one line) when it cannot. */
export async function runSimulate(file: string, options: SimulateOptions, io: CommandIO): Promise<ExitCode> {
    const { model } = await loadSystem(file, { ...options, requireValid: true });
    const settings: SimulationOptions = {
        scenario: options.scenario, durationS: parseDuration(options.duration, '--duration'), seed: options.seed, rps: options.rps,
        load: parseLoad(options.load), warmupS: options.warmup === undefined ? undefined : parseDuration(options.warmup, '--warmup', true),
    };
    if (settings.scenario !== undefined && !model.scenarios.some((s) => s.name === settings.scenario)) {
        throw new ArchlintError(`no scenario '${settings.scenario}' in system ${model.name} (it has: ${model.scenarios.map((s) => s.name).join(', ') || 'none'})`);
    }
    let report: SimulationReport;
    try {
        report = options.analytic ? analyticReport(model, settings) : await simulateWithProgress(model, settings, io);
    } catch (error) {
        if (error instanceof SimulationError) throw new ArchlintError(`simulate: ${error.message}`);
        throw error;
    }
    io.stdout(options.format === 'json' ? `${JSON.stringify(report)}\n` : formatReport(report));
    return 0;
}

function parseDuration(text: string | undefined, option: string, zero = false): number | undefined {
    if (text === undefined) return undefined;
    const parsed = normalise(text.trim(), 'duration');
    if (!parsed.ok || !(parsed.value > 0 || (zero && parsed.value === 0))) {
        throw new ArchlintError(`${option} ${text}: expected a ${zero ? '' : 'positive '}duration such as 60s or 2m`);
    }
    return parsed.value;
}

/** `--load mean|peak|Nx`: which load the run offers. */
function parseLoad(text: string | undefined): LoadChoice | undefined {
    if (text === undefined) return undefined;
    const word = text.trim();
    if (word === 'mean' || word === 'peak') return word;
    const parsed = normalise(word, 'factor');
    if (!parsed.ok || !(parsed.value >= 0)) throw new ArchlintError(`--load ${text}: expected mean, peak or a factor on the mean rate such as 2x`);
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
