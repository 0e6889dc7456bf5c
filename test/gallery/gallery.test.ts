/**
 * The gallery (samples/gallery), each model through `check`, `simulate --analytic`, a short
 * seeded `simulate`, its scenario and `render`, in process:
 * - it parses, every finding is explained by a comment next to it, and every such comment
 *   still has its finding;
 * - the estimate and the simulation agree on each component's throughput within Poisson noise;
 * - docs/gallery.md shows it as it is today: its diagram and its numbers (`npm run gallery`,
 *   which runs this file with GALLERY_UPDATE=1, rewrites them).
 * Each model's runs are made once and shared by its tests.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_ERRORS } from '../../language-server/rules/language-errors.js';
import { describeFinding, describeMarker, reconcile } from './expectations.js';
import { busiest, checkModel, estimateAndSimulate, galleryFiles, GALLERY, settlingLoad, simulate, type CheckedModel, type ModelRuns } from './run-gallery.js';
import { diagramFiles, firstScenario, numbersBlock, renderModel, sectionName, withBlock } from './gallery-page.js';

const LANGUAGE = new Set([...LANGUAGE_ERRORS.map((r) => r.id), 'suppression-without-reason']);
const PAGE = 'docs/gallery.md';
const DIAGRAMS = 'docs/gallery';
const UPDATE = process.env.GALLERY_UPDATE === '1';
/** A model's runs take seconds; on a busy shared machine, many more. */
const SLOW = 120_000;

/** Each model's check and runs, made once. */
const checks = new Map<string, Promise<CheckedModel>>();
const runs = new Map<string, Promise<ModelRuns>>();
function checked(file: string): Promise<CheckedModel> {
    if (!checks.has(file)) checks.set(file, checkModel(file));
    return checks.get(file)!;
}
function ran(file: string): Promise<ModelRuns> {
    if (!runs.has(file)) runs.set(file, estimateAndSimulate(file));
    return runs.get(file)!;
}

function round(x: number): number {
    return Math.round(x * 10) / 10;
}

/** The largest number of calls one request can make to one component: the product of the `[xN]` on a line. */
function largestFanOut(text: string): number {
    return Math.max(1, ...text.split('\n').map((line) => [...line.matchAll(/\[[^\]]*?\bx(\d+)\b[^\]]*\]/g)].reduce((p, m) => p * Number(m[1]), 1)));
}

describe('the gallery', () => {
    it('has the sixteen classic systems', () => {
        expect(galleryFiles().filter((f) => !f.includes('.naive.')).length).toBeGreaterThanOrEqual(16);
    });

    describe.each(galleryFiles())('%s', (file) => {
        const text = readFileSync(join(GALLERY, file), 'utf8');

        it('parses with no language error, and every explaining comment gives its reason', async () => {
            const model = await checked(file);
            expect(model.all.filter((f) => LANGUAGE.has(f.rule)).map(describeFinding), 'language errors').toEqual([]);
            expect(model.markers.filter((m) => !m.reason).map(describeMarker), 'explanations without a reason').toEqual([]);
        }, SLOW);

        it('has every finding explained by a comment next to it, and every such comment its finding', async () => {
            const model = await checked(file);

            const everything = reconcile(model.all, model.markers);
            expect(everything.unexplained.map(describeFinding), 'findings no comment explains').toEqual([]);
            expect(everything.unused.map(describeMarker), 'comments whose finding is gone').toEqual([]);

            const shown = reconcile(model.visible, model.markers.filter((m) => m.kind === 'expect'));
            expect(shown.unexplained.map(describeFinding), 'findings check shows that no `expect:` explains (a suppression that missed its line?)').toEqual([]);
            expect(shown.unused.map(describeMarker), '`expect:` comments whose finding check does not show').toEqual([]);
        }, SLOW);

        it('the estimate and a short simulation agree on every component\'s throughput', async () => {
            const atPeak = await ran(file);
            // An overloaded tier (a naive twin's) completes less than it is offered and starves what is
            // behind it, and a slow one (seconds) needs a long warm-up: compare the two at a load where
            // every tier keeps up (80% of the busiest's capacity) and the warm-up lets every one settle.
            const peakBusiest = busiest(atPeak.estimate);
            const unloaded = peakBusiest < 1 ? atPeak.estimate : await simulate(file, { analytic: true, load: `${atPeak.estimate.load.factor * 0.8 / peakBusiest}x` });
            const load = settlingLoad(unloaded);
            const { estimate, simulation, run } = peakBusiest < 1 && atPeak.run.settled ? atPeak : await estimateAndSimulate(file, load);
            expect(busiest(estimate)).toBeLessThan(1);
            expect(run.settled).toBe(true);
            expect(simulation.limitsHit).toEqual([]);
            const window = run.durationS - run.warmupS;
            const fanOut = largestFanOut(text);
            const disagreements = Object.entries(estimate.components).flatMap(([name, est]) => {
                const sim = simulation.components[name];
                const simulated = sim.throughputRps;
                const expected = est.throughputRps * window;
                const got = simulated * window;
                // Calls arrive in batches of up to `fanOut` per request: the count's variance grows by that factor.
                const tolerance = 5 * Math.sqrt(Math.max(expected, 1) * fanOut) + 0.02 * expected;
                return Math.abs(got - expected) <= tolerance ? [] : [`${name}: estimate ${est.throughputRps} rps, simulation ${round(simulated)} rps over ${window} s`];
            });
            expect(disagreements).toEqual([]);
        }, SLOW);

        it('docs/gallery.md shows it as it is today', async () => {
            const name = sectionName(file);
            const scenario = firstScenario(text);
            const scenarioRun = scenario ? await simulate(file, { scenario, seed: 1 }) : undefined;
            const page = readFileSync(PAGE, 'utf8');
            const updated = withBlock(page, name, numbersBlock(text, await checked(file), await ran(file), scenarioRun));
            expect(updated, `${PAGE} has no <!-- gallery:${name}:start/end --> markers: add a section for ${file}`).toBeDefined();
            const files = diagramFiles(name);
            const diagrams = { light: await renderModel(file, 'light'), dark: await renderModel(file, 'dark') };
            if (UPDATE) {
                mkdirSync(DIAGRAMS, { recursive: true });
                for (const theme of ['light', 'dark'] as const) writeFileSync(join(DIAGRAMS, files[theme]), diagrams[theme]);
                writeFileSync(PAGE, updated!);
                return;
            }
            for (const theme of ['light', 'dark'] as const) {
                const diagram = join(DIAGRAMS, files[theme]);
                expect(existsSync(diagram) && readFileSync(diagram, 'utf8') === diagrams[theme], `${diagram} is stale: run npm run gallery`).toBe(true);
            }
            expect(updated === page, `the numbers of ${name} in ${PAGE} are stale: run npm run gallery`).toBe(true);
            // A <picture> shows the dark file in GitHub's dark theme and the light one elsewhere.
            expect(page, `${PAGE} does not show the diagrams of ${name} in light and dark`).toContain(
                `<source media="(prefers-color-scheme: dark)" srcset="gallery/${files.dark}">\n  <img alt=`);
            expect(page, `${PAGE} does not show ${files.light}`).toContain(`" src="gallery/${files.light}">\n</picture>`);
        }, SLOW);
    });

    it('docs/gallery/ holds no diagram of a model that is gone', () => {
        const names = new Set(galleryFiles().map(sectionName));
        expect(readdirSync(DIAGRAMS).filter((f) => !names.has(f.replace(/(\.dark)?\.svg$/, '')))).toEqual([]);
    });

    it('is linked from the README', () => {
        expect(readFileSync('README.md', 'utf8')).toContain('](docs/gallery.md)');
    });
});
