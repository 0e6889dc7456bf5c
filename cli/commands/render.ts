/** `archlint render FILE`: lays a system out with ELK and writes SVG, PNG or the laid-out graph as JSON. */
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { ArchlintError } from '../../language-server/errors.js';
import { layoutDiagram } from '../../language-server/diagram/diagram.js';
import { findingsOf } from '../../language-server/diagram/findings.js';
import { createNodeLayoutRunner } from '../../language-server/diagram/node-layout.js';
import { renderSvg } from '../../language-server/diagram/svg.js';
import { RasteriserUnavailable, svgToPng } from '../../language-server/diagram/png.js';
import { runSimulation } from '../../language-server/simulation/run.js';
import type { DetailLevel, DiagramLayout, DirectionChoice, SimulationOverlay } from '../../language-server/diagram/types.js';
import { overlayFromReport } from '../../language-server/diagram/overlay.js';
import type { ArchModel } from '../../language-server/model/types.js';
import type { CommandIO, ExitCode, ReadOptions } from '../io.js';
import { loadSystem } from '../load-system.js';

/** Options of `archlint render`. */
export interface RenderOptions extends ReadOptions {
    output?: string;
    system?: string;
    /** `auto` (the default) picks the direction that reads larger on a 16:9 screen. */
    direction?: DirectionChoice;
    /** `auto` (the default): full cards up to 40 components, compact ones beyond. */
    detail?: DetailLevel | 'auto';
    theme: 'light' | 'dark';
    overlay?: 'simulation';
    json?: boolean;
    /** A legend under the picture (default on; `--no-legend` turns it off). */
    legend?: boolean;
}

/** ELK gets this long in CI before the fallback layout is drawn instead. */
const CLI_BUDGET_MS = 30_000;

/** The simulator's wall-clock cap for an overlay: a picture should not wait a minute. */
const OVERLAY_WALL_MS = 20_000;

/** What `-o` may name, by extension. */
const FORMATS = ['.svg', '.png', '.json'];

async function write(path: string, data: string | Uint8Array): Promise<void> {
    try {
        await writeFile(path, data);
    } catch (error) {
        throw new ArchlintError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
}

async function output(layout: DiagramLayout, options: RenderOptions, io: CommandIO): Promise<void> {
    const ext = extname(options.output ?? '').toLowerCase();
    if (ext === '.png' && !options.json) {
        try {
            return await write(options.output!, await svgToPng(renderSvg(layout, { theme: options.theme, flat: true, legend: options.legend !== false })));
        } catch (error) {
            if (error instanceof RasteriserUnavailable) throw new ArchlintError(error.message);
            throw error;
        }
    }
    const text = options.json || ext === '.json' ? `${JSON.stringify(layout, null, 2)}\n` : `${renderSvg(layout, { theme: options.theme, legend: options.legend !== false })}\n`;
    if (options.output) await write(options.output, text);
    else io.stdout(text);
}

/** Utilisation, cache hit rates and shard load from a default simulation run (the workload, no scenario). */
async function simulationOverlay(model: ArchModel, io: CommandIO): Promise<SimulationOverlay> {
    const report = await runSimulation(model, { limits: { maxWallMs: OVERLAY_WALL_MS } });
    if (report.limitsHit.length) io.stderr(`archlint render: the simulation stopped early (${report.limitsHit.join(', ')}); the overlay shows what it measured\n`);
    return overlayFromReport(report);
}

/** Renders one system of `file`; an ArchlintError (exit 2, one line) on an unreadable file, an unknown system or output format. */
export async function runRender(file: string, options: RenderOptions, io: CommandIO): Promise<ExitCode> {
    const ext = extname(options.output ?? '').toLowerCase();
    if (options.output && !FORMATS.includes(ext)) {
        throw new ArchlintError(`cannot write '${options.output}': render writes ${FORMATS.join(', ')} files (name the output with one of these extensions)`);
    }
    const { built, model } = await loadSystem(file, { ...options, requireValid: false });
    const overlay = options.overlay === 'simulation' ? await simulationOverlay(model, io) : undefined;
    const runner = createNodeLayoutRunner({ budgetMs: CLI_BUDGET_MS });
    let layout: DiagramLayout;
    try {
        const detail = options.detail === 'auto' ? undefined : options.detail;
        layout = await layoutDiagram(model, { direction: options.direction ?? 'auto', detail, findings: findingsOf(model, built.diagnostics), overlay }, runner);
    } finally {
        runner.dispose();
    }
    if (layout.engine === 'fallback') io.stderr(`archlint render: simple layout used: ${layout.reason}\n`);
    await output(layout, options, io);
    return 0;
}
