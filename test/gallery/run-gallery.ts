/**
 * Runs the gallery models through the CLI's own command functions, in process: `check` (JSON),
 * `simulate --analytic` and a short seeded `simulate`, as the gallery test and the gallery page
 * both need them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { AstUtils } from 'langium';
import { isComponent } from '../../language-server/generated/ast.js';
import { buildFiles, createNodeArchServices } from '../../language-server/workspace.js';
import { toReported } from '../../cli/report.js';
import { runCheck } from '../../cli/commands/check.js';
import { runSimulate, type SimulateOptions } from '../../cli/commands/simulate.js';
import type { CommandIO } from '../../cli/io.js';
import type { SimulationReport } from '../../language-server/simulation/report.js';
import { markersOf, withoutSuppressions, type ComponentSpan, type Finding, type Marker } from './expectations.js';

/** The gallery folder, relative to the repository root (the tests' working directory). */
export const GALLERY = 'samples/gallery';

/** The gallery's model files, sorted. */
export function galleryFiles(): string[] {
    return readdirSync(GALLERY).filter((f) => f.endsWith('.arch')).sort();
}

/** An io that keeps what a command prints. */
function capture(): CommandIO & { out: string; err: string } {
    const io = { out: '', err: '', isTTY: false, color: false, stdout: (t: string) => { io.out += t; }, stderr: (t: string) => { io.err += t; } };
    return io;
}

/** What `check` says about a model, and the comments that explain it. */
export interface CheckedModel {
    /** What `archlint check --format json` reports (suppressions applied). */
    visible: Finding[];
    /** Every finding, suppressed or not (the model built with its suppressions disarmed). */
    all: Finding[];
    markers: Marker[];
    exitCode: number;
}

/** Runs `check` on one gallery model, and again without its suppressions. */
export async function checkModel(file: string): Promise<CheckedModel> {
    const path = join(GALLERY, file);
    const io = capture();
    const exitCode = await runCheck([path], { format: 'json', failOn: 'info', fix: false, quiet: false }, io, 'test');
    if (io.err) throw new Error(`check ${file}: ${io.err}`);
    const report = JSON.parse(io.out) as { files: { diagnostics: { rule: string; component?: string; message: string; range: { start: { line: number } } }[] }[] };
    const visible = report.files[0].diagnostics.map((d) => ({ rule: d.rule, component: d.component, message: d.message, line: d.range.start.line }));

    const text = readFileSync(path, 'utf8');
    const services = createNodeArchServices();
    // Built again with its suppressions disarmed, to see the findings they silence.
    const all = text.includes('archlint-disable-next-line')
        ? (await buildFiles(services, [path], new Map([[resolve(path), withoutSuppressions(text)]])))[0].diagnostics.map(toReported)
            .map((d) => ({ rule: d.rule, component: d.component, message: d.message, line: d.range.start.line }))
        : visible;
    const spans: ComponentSpan[] = AstUtils.streamAst(services.parser.LangiumParser.parse(text).value).filter(isComponent)
        .map((c) => ({ name: c.name, start: c.$cstNode?.range.start.line ?? -1, end: c.$cstNode?.range.end.line ?? -1 })).toArray();
    return { visible, all, markers: markersOf(text, spans), exitCode };
}

/** `archlint simulate FILE --format json` with these options, parsed (FILE in the gallery unless absolute). */
export async function simulate(file: string, options: Omit<SimulateOptions, 'format'>): Promise<SimulationReport> {
    const io = capture();
    const code = await runSimulate(isAbsolute(file) ? file : join(GALLERY, file), { ...options, format: 'json' }, io);
    if (code !== 0 || io.err) throw new Error(`simulate ${file}: exit ${code}: ${io.err}`);
    return JSON.parse(io.out) as SimulationReport;
}

/** About this many component calls are simulated per model after the warm-up. */
const CALLS_PER_RUN = 100_000;

/** At most this many client requests are spent on a warm-up. */
const WARMUP_REQUESTS = 50_000;

/** The short seeded run of a model, sized from its estimate: duration, warm-up, seed, and whether the warm-up let every component settle. */
export interface ShortRun { durationS: number; warmupS: number; seed: number; settled: boolean }

/**
 * How long a run needs before every component completes what reaches it: eight times the
 * longest time a request can spend before reaching one (bounded by the sum of all the
 * components' mean times, queues' consumers included).
 */
export function settlingS(estimate: SimulationReport): number {
    const busy = Object.values(estimate.components).filter((c) => c.throughputRps > 0 && c.utilisation < 1);
    return 8 * busy.reduce((sum, c) => sum + c.latencyMs.mean / 1000, 0);
}

/**
 * A window of ~CALLS_PER_RUN calls after a warm-up that lets every component settle, unless
 * that warm-up would cost more than WARMUP_REQUESTS requests (then it is cut short, and the
 * run says so).
 */
export function shortRunOf(estimate: SimulationReport): ShortRun {
    const components = Object.values(estimate.components).filter((c) => c.throughputRps > 0 && c.utilisation < 1);
    const callsPerS = components.reduce((sum, c) => sum + c.throughputRps, 0);
    const settle = settlingS(estimate);
    const warmupS = Math.min(settle, WARMUP_REQUESTS / Math.max(estimate.throughputRps, 1));
    const window = Math.min(30, Math.max(0.05, CALLS_PER_RUN / Math.max(callsPerS, 1)));
    return { durationS: round3(window + warmupS), warmupS: round3(warmupS), seed: 1, settled: warmupS >= settle * 0.999 };
}

/** The load factor (on the mean) at which a run's warm-up lets every component settle within WARMUP_REQUESTS requests. */
export function settlingLoad(estimate: SimulationReport): number {
    const needed = settlingS(estimate) * estimate.throughputRps;
    return needed <= WARMUP_REQUESTS ? estimate.load.factor : estimate.load.factor * WARMUP_REQUESTS / needed;
}

function round3(x: number): number {
    return Math.ceil(x * 1000) / 1000;
}

/** The estimate and the short simulation of one model. */
export interface ModelRuns { estimate: SimulationReport; simulation: SimulationReport; run: ShortRun }

/** Runs the estimate, then the short simulation it sizes, at the model's peak or at `load` (a factor on its mean). */
export async function estimateAndSimulate(file: string, load?: number): Promise<ModelRuns> {
    const at = load === undefined ? {} : { load: `${load}x` };
    const estimate = await simulate(file, { analytic: true, ...at });
    const run = shortRunOf(estimate);
    const simulation = await simulate(file, { duration: `${run.durationS}s`, warmup: `${run.warmupS}s`, seed: run.seed, ...at });
    return { estimate, simulation, run };
}

/** The busiest tier's utilisation in an estimate. */
export function busiest(estimate: SimulationReport): number {
    return Math.max(0, ...Object.values(estimate.components).map((c) => c.utilisation));
}
