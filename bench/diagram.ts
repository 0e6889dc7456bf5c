/**
 * Diagram speed: ELK layout + SVG for 50, 200 and 1000 components through our pipeline (graph
 * building, worker, placement, rendering), beside bare elkjs laying out the very same ELK graph
 * in its own worker (`new ELK({ workerUrl })` over web-worker, as toolchain.md prescribes).
 */
import { createRequire } from 'node:module';
import elkjs from 'elkjs';
import { createNodeArchServices, buildText } from '../language-server/workspace.js';
import { buildModels } from '../language-server/model/build-model.js';
import { createDiagram } from '../language-server/diagram/diagram.js';
import { toElkGraph } from '../language-server/diagram/elk-graph.js';
import { createNodeLayoutRunner } from '../language-server/diagram/node-layout.js';
import type { ArchModel } from '../language-server/model/types.js';
import { measure, type BenchRow } from './common.js';
import { diagramBenchModel } from './diagram-models.js';

async function modelOf(text: string): Promise<ArchModel> {
    const { document } = await buildText(createNodeArchServices(), text);
    return buildModels(document.parseResult.value)[0];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const BARS: Record<number, number> = { 50: 60, 200: 200, 1000: 2500 };

/** Our layout + SVG against bare elkjs, per size. */
export async function bench(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const runner = createNodeLayoutRunner({ budgetMs: 120_000 });
    const workerUrl = createRequire(import.meta.url).resolve('elkjs/lib/elk-worker.min.js');
    // elkjs is CommonJS: its module object is the class, which also carries itself as `default`.
    const elk = new elkjs.default({ workerUrl });
    try {
        for (const n of [50, 200, 1000]) {
            const model = await modelOf(diagramBenchModel(n));
            // The editor's settings: the refresh after an edit is what has to feel instant.
            const { graph } = toElkGraph(model, { direction: 'right', live: true });
            // ELK is GWT-compiled: its JIT warms up over many layouts, in each worker separately.
            const warmup = n >= 1000 ? 2 : n >= 200 ? 10 : 20, runs = n >= 1000 ? 3 : 7;
            let engine = '';
            const ours = async () => {
                const { layout, svg } = await createDiagram(model, { direction: 'right', live: true, theme: 'light' }, runner);
                engine = `${layout.engine}, ${layout.edges.length} edges, SVG ${(svg.length / 1024).toFixed(0)} KB`;
            };
            const bare = () => elk.layout(graph);
            await measure(ours, { warmup, runs: 1 });
            await measure(bare, { warmup, runs: 1 });
            // Alternate the two, one run at a time, so that both see the same load on a shared machine.
            const times = { ours: [] as number[], bare: [] as number[] };
            for (let i = 0; i < runs; i++) {
                times.ours.push((await measure(ours, { warmup: 0, runs: 1 })).medianMs);
                times.bare.push((await measure(bare, { warmup: 0, runs: 1 })).medianMs);
            }
            const [oursMs, bareMs] = [median(times.ours), median(times.bare)];
            const ratio = oursMs / bareMs;
            rows.push({ name: `diagram layout + SVG, ${n} components (ours)`, medianMs: oursMs, runs, bar: `≤ ${BARS[n]} ms and ≤ 1.2× bare elkjs`, note: `${ratio.toFixed(2)}× bare elkjs (${engine})` });
            rows.push({ name: `diagram bare elkjs layout, ${n} components (peer)`, medianMs: bareMs, runs });
        }
    } finally {
        runner.dispose();
        elk.terminateWorker();
    }
    return rows;
}
