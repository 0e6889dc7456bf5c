/**
 * Diagram readability (issue 13): every sample model and generated models of 50, 200 and 500
 * components, drawn as the editor draws them and fitted to a 1920×1080 view. Per model: the
 * smallest text on screen (measured in Chromium from the rendered SVG, so the figure is what a
 * reader sees), the edge crossings of our layout beside ELK's layered defaults on the same graph
 * (counted from the laid-out edge sections; also of the editor's faster live layout), and the
 * components the model relates to something that are drawn with no line (floating) or outside
 * a zone they declare (bench/diagram-measure.ts measures). Goals: text ≥ 9 px up
 * to 200 components, nothing floating or misplaced, crossings no worse than ELK's default.
 * `ONLY=text` measures only the models whose label contains `text`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import elkjs from 'elkjs';
import { chromium } from 'playwright-core';
import { createNodeArchServices, buildFiles, buildText } from '../language-server/workspace.js';
import { buildModels } from '../language-server/model/build-model.js';
import { layoutDiagram } from '../language-server/diagram/diagram.js';
import { toElkGraph } from '../language-server/diagram/elk-graph.js';
import { createNodeLayoutRunner } from '../language-server/diagram/node-layout.js';
import { renderSvg } from '../language-server/diagram/svg.js';
import type { DiagramLayout, DiagramOptions } from '../language-server/diagram/types.js';
import type { ArchModel } from '../language-server/model/types.js';
import type { BenchRow } from './common.js';
import { diagramBenchModel, readableBenchModel } from './diagram-models.js';
import { crossings, elkPolylines, FIT_VIEW, fitScale, textSizes, withElkDefaults } from './diagram-measure.js';
import { consumedQueues, deadLetterOf, isStore } from '../language-server/model/kinds.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VIEW = FIT_VIEW;

/** Every `.arch` file under samples/ that declares a system. */
function sampleFiles(dir = join(ROOT, 'samples')): string[] {
    return readdirSync(dir).sort().flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return sampleFiles(path);
        return name.endsWith('.arch') && /^\s*system\s/m.test(readFileSync(path, 'utf8')) ? [path] : [];
    });
}

/** Components the model relates to another one, by any declaration (connection, consumes, dead letter, references, joins, via). */
function relatedComponents(model: ArchModel): Set<string> {
    const related = new Set<string>();
    const relate = (a: string, b: string | undefined) => {
        if (b === undefined || a === b || !model.components.has(b)) return;
        related.add(a);
        related.add(b);
    };
    for (const e of model.edges) relate(e.from, e.to);
    for (const c of model.components.values()) {
        consumedQueues(c).forEach((q) => relate(c.name, q));
        relate(c.name, deadLetterOf(c));
        if (!isStore(c)) continue;
        c.store.references.forEach((t) => relate(c.name, t));
        c.store.joins.forEach((t) => relate(c.name, t));
        relate(c.name, c.partition?.via);
    }
    return related;
}

/** Related components drawn without a line, and components missing from a zone they declare. */
function placement(model: ArchModel, layout: DiagramLayout): { floating: string[]; misplaced: string[] } {
    const connected = new Set(layout.edges.flatMap((e) => [e.from, e.to]));
    const floating = [...relatedComponents(model)].filter((name) => !connected.has(name));
    const misplaced: string[] = [];
    for (const c of model.components.values()) {
        for (const zone of c.zones.filter((z) => model.zones.has(z))) {
            const box = layout.zones.find((z) => z.name === zone);
            const inside = layout.nodes.some((n) => n.name === c.name && box && n.x >= box.x && n.y >= box.y && n.x + n.width <= box.x + box.width && n.y + n.height <= box.y + box.height);
            if (!inside) misplaced.push(`${c.name}@${zone}`);
        }
    }
    return { floating, misplaced };
}

interface Case { label: string; model: ArchModel }

async function cases(): Promise<Case[]> {
    const out: Case[] = [];
    for (const file of sampleFiles()) {
        const [built] = await buildFiles(createNodeArchServices(), [file]);
        for (const model of buildModels(built.document.parseResult.value)) out.push({ label: `${file.slice(ROOT.length)} (${model.name})`, model });
    }
    const generated = [
        ...[50, 200, 500].map((n) => [`generated tiered, ${n} components`, readableBenchModel(n)]),
        // The speed bench's random DAG is ~80 layers deep, unlike any real design: a stress case.
        ['generated random DAG (speed bench), 200 components', diagramBenchModel(200)],
    ];
    for (const [label, text] of generated) {
        const { document } = await buildText(createNodeArchServices(), text);
        out.push({ label, model: buildModels(document.parseResult.value)[0] });
    }
    return out;
}

/** How each model reads at fit in 1920×1080, drawn as `archlint render` draws it by default, as rows for `npm run bench`. */
export async function bench(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const runner = createNodeLayoutRunner({ budgetMs: 300_000 });
    const elk = new elkjs.default({ workerUrl: createRequire(import.meta.url).resolve('elkjs/lib/elk-worker.min.js') });
    const { chromiumLaunchOptions } = await import(pathToFileURL(join(ROOT, 'test/support/chromium.mjs')).href) as typeof import('../test/support/chromium.mjs');
    const browser = await chromium.launch(await chromiumLaunchOptions());
    try {
        const page = await browser.newPage({ viewport: VIEW });
        for (const { label, model } of (await cases()).filter((c) => c.label.includes(process.env.ONLY ?? ''))) {
            const diagramOptions: DiagramOptions = { direction: 'auto', view: VIEW };
            const layout = await layoutDiagram(model, diagramOptions, runner);
            const svg = renderSvg(layout, { theme: 'light' });
            const text = await textSizes(page, svg, layout.width, layout.height);
            const ours = crossings(layout.edges.map((e) => e.points));
            // The editor's live view trades crossing minimisation for speed above 40 components.
            const live = model.components.size > 40 ? crossings((await layoutDiagram(model, { ...diagramOptions, direction: layout.direction, live: true }, runner)).edges.map((e) => e.points)) : ours;
            const { graph } = toElkGraph(model, { ...diagramOptions, direction: layout.direction });
            const peer = crossings(elkPolylines(await elk.layout(withElkDefaults(graph, layout.direction))));
            const { floating, misplaced } = placement(model, layout);
            rows.push({
                name: `diagram readability, ${label}`, medianMs: Number.NaN, runs: 1,
                bar: 'text ≥ 9 px at fit (≤ 200 components), crossings ≤ ELK default, nothing floating',
                note: `${model.components.size} components, ${layout.direction} ${layout.width}×${layout.height} px, fit ${(fitScale(layout.width, layout.height) * 100).toFixed(0)}%: `
                    + `smallest text ${text.smallest.toFixed(1)} px (${text.what}), names ${text.name.toFixed(1)} px; `
                    + `crossings ${ours} (ELK default ${peer}, live view ${live}); floating ${floating.length}${floating.length ? ` [${floating.slice(0, 4).join(', ')}]` : ''}, `
                    + `outside a declared zone ${misplaced.length}${misplaced.length ? ` [${misplaced.slice(0, 4).join(', ')}]` : ''}`,
            });
        }
    } finally {
        await browser.close();
        runner.dispose();
        elk.terminateWorker();
    }
    return rows;
}
