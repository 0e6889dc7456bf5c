/**
 * What docs/gallery.md shows of each model, generated: its diagram (docs/gallery/<name>.svg,
 * through `archlint render`) and a table of its key numbers between markers
 * (`<!-- gallery:NAME:start -->` … `<!-- gallery:NAME:end -->`): the estimate next to the short
 * seeded simulation the gallery test runs, the scenario's availability, and the findings.
 * The prose around the markers is written by hand.
 */
import { basename, join } from 'node:path';
import { runRender } from '../../cli/commands/render.js';
import type { CommandIO } from '../../cli/io.js';
import type { SimulationReport } from '../../language-server/simulation/report.js';
import { GALLERY, type CheckedModel, type ModelRuns } from './run-gallery.js';
import { explains, type Finding } from './expectations.js';

/** The generated parts of one model's section. */
export interface GeneratedSection { name: string; svg: string; block: string }

/** The model's name on the page: its file name without `.arch`. */
export function sectionName(file: string): string {
    return basename(file, '.arch');
}

/** The markers around a model's generated block. */
export function markers(name: string): { start: string; end: string } {
    return { start: `<!-- gallery:${name}:start -->`, end: `<!-- gallery:${name}:end -->` };
}

/** The diagram of a model as `archlint render FILE --theme THEME` draws it (with a legend). */
export async function renderModel(file: string, theme: 'light' | 'dark'): Promise<string> {
    let svg = '', err = '';
    const io: CommandIO = { isTTY: false, color: false, stdout: (t) => { svg += t; }, stderr: (t) => { err += t; } };
    const code = await runRender(join(GALLERY, file), { theme }, io);
    // A fallback layout (ELK over its time budget on a busy machine) would make the page flap.
    if (code !== 0 || err) throw new Error(`render ${file}: exit ${code}: ${err}`);
    return svg;
}

/** The diagram files of a model in docs/gallery/: the light one, and the dark one GitHub shows in its dark theme. */
export function diagramFiles(name: string): Record<'light' | 'dark', string> {
    return { light: `${name}.svg`, dark: `${name}.dark.svg` };
}

const NUMBER = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });

function rps(x: number): string {
    return `${NUMBER.format(x)} rps`;
}

function ms(x: number): string {
    return x >= 100 ? `${NUMBER.format(Math.round(x))} ms` : `${NUMBER.format(Number(x.toPrecision(3)))} ms`;
}

function percent(x: number, digits = 1): string {
    return `${(x * 100).toFixed(digits)}%`;
}

function row(cells: string[]): string {
    return `| ${cells.join(' | ')} |`;
}

/** The flows' objectives as written in the model's flow headers: `flow NAME ... p99 300ms`. */
function objectivesOf(text: string): Map<string, string> {
    const found = new Map<string, string>();
    for (const m of text.matchAll(/^\s*flow\s+(\w+)\s+\S+\s+(?:read|write)((?:\s+(?:p50|p90|p95|p99|p999|availability)\s+\S+)+)/gm)) {
        found.set(m[1], m[2].trim().replace(/\s+/g, ' '));
    }
    return found;
}

/** The table of numbers of one model: estimate and simulation side by side. */
function numbersTable(text: string, estimate: SimulationReport, simulation: SimulationReport): string[] {
    const lines = [row([`at peak: ${rps(estimate.load.rps)} offered`, 'estimate', 'simulation']), row(['---', '---:', '---:'])];
    lines.push(row(['throughput', rps(estimate.throughputRps), rps(simulation.throughputRps)]));
    const objectives = objectivesOf(text);
    for (const [name, flow] of Object.entries(estimate.flows)) {
        const objective = objectives.get(name);
        const simulated = simulation.flows[name];
        lines.push(row([`p99 of \`${name}\`${objective ? ` (objective: ${objective})` : ''}`, ms(flow.latencyMs.p99), simulated.throughputRps > 0 ? ms(simulated.latencyMs.p99) : 'none completed']));
    }
    const busiest = Object.entries(estimate.components).sort((a, b) => b[1].utilisation - a[1].utilisation)[0];
    if (busiest) lines.push(row([`busiest tier: \`${busiest[0]}\``, percent(busiest[1].utilisation, 0), percent(simulation.components[busiest[0]].utilisation, 0)]));
    for (const [name, cache] of Object.entries(estimate.caches)) {
        if (estimate.components[name]?.throughputRps) lines.push(row([`\`${name}\` hit rate`, percent(cache.hitRate), percent(simulation.caches[name].hitRate)]));
    }
    return lines;
}

/** A sentence on the model's scenario run, if it has one. */
function scenarioLines(report: SimulationReport | undefined): string[] {
    if (!report) return [];
    const { offered, failed } = report.requests;
    const queues = Object.entries(report.queues).filter(([, q]) => q.maxDepth > 100)
        .map(([name, q]) => `\`${name}\` peaked at ${NUMBER.format(q.maxDepth)} messages${q.deadLettered ? `, ${NUMBER.format(q.deadLettered)} dead-lettered` : ''}`);
    return [`Scenario \`${report.scenario}\` (${report.durationS} s simulated): availability ${percent(report.availability, 3)}, ${NUMBER.format(failed)} of ${NUMBER.format(offered)} requests failed${queues.length ? `; ${queues.join('; ')}` : ''}.`];
}

/** The findings `check` shows and the ones the model suppresses. */
function findingLines(checked: CheckedModel): string[] {
    const named = (f: Finding) => `\`${f.rule}\`${f.component ? ` on \`${f.component}\`` : ''}`;
    const shown = checked.visible.map(named);
    const suppressed = checked.all.filter((f) => checked.markers.some((m) => m.kind === 'suppress' && explains(m, f))).map(named);
    if (!shown.length && !suppressed.length) return ['Findings: none.'];
    const parts: string[] = [];
    if (shown.length) parts.push(`Findings, each explained by an \`expect:\` comment in the model: ${shown.join(', ')}.`);
    if (suppressed.length) parts.push(`Suppressed with a reason: ${suppressed.join(', ')}.`);
    return parts;
}

/** The generated block of one model (without its markers), from its check, its runs and its scenario's run. */
export function numbersBlock(text: string, checked: CheckedModel, runs: ModelRuns, scenarioRun: SimulationReport | undefined): string {
    return [
        ...numbersTable(text, runs.estimate, runs.simulation),
        '',
        ...scenarioLines(scenarioRun),
        ...findingLines(checked),
        runNote(runs),
    ].join('\n');
}

/** The model's first scenario, if it declares one: the page shows the simulation under it. */
export function firstScenario(text: string): string | undefined {
    return /^\s*scenario\s+(\w+)/m.exec(text)?.[1];
}

function runNote(runs: ModelRuns): string {
    const { run, simulation, estimate } = runs;
    const stopped = simulation.limitsHit.length ? ` It stopped early (${simulation.limitsHit.join(', ')} cap): an overloaded tier's queue grew without bound.` : '';
    // A tier that takes seconds has not caught up with its arrivals in so short a run.
    const filling = Object.entries(estimate.components).filter(([, c]) => c.utilisation < 1 && 8 * c.latencyMs.mean / 1000 > run.warmupS && c.latencyMs.mean >= 1000)
        .map(([name]) => `\`${name}\``);
    const slow = filling.length ? ` ${filling.join(', ')} take${filling.length === 1 ? 's' : ''} seconds per request and had not caught up yet: the simulated figures there are low.` : '';
    return `<sub>Estimate: \`archlint simulate --analytic\`. Simulation: ${NUMBER.format(run.durationS - run.warmupS)} s after a ${NUMBER.format(run.warmupS)} s warm-up, seed ${run.seed}.${stopped}${slow}</sub>`;
}

/** Replaces the block between a model's markers in `page`; undefined when the markers are missing. */
export function withBlock(page: string, name: string, block: string): string | undefined {
    const { start, end } = markers(name);
    const from = page.indexOf(start), to = page.indexOf(end);
    if (from < 0 || to < from) return undefined;
    return `${page.slice(0, from + start.length)}\n${block}\n${page.slice(to)}`;
}
